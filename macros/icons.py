"""Which icon is drawn beside which words: component states, impacts, planned-work phases.

The names are CSS classes (`bedside-icon--<name>`, drawn by the status
stylesheet). The pages, the wall board and the browser scripts all take them
from here, so a state looks the same wherever it is shown. Icons are never the
only sign: the words beside them carry the meaning.
"""

from __future__ import annotations

STATE_ICONS = {
    "operational": "ok",
    "under_maintenance": "maintenance",
    "degraded_performance": "slow",
    "partial_outage": "warning",
    "major_outage": "problem",
}
IMPACT_ICONS = {"none": "info", "minor": "warning", "major": "problem", "critical": "problem"}
PHASE_ICONS = {"unannounced": "maintenance", "upcoming": "maintenance",
               "in_progress": "maintenance", "completed": "ok", "cancelled": "cancelled"}
