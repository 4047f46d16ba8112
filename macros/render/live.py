"""The words status.js needs to keep a page true as the clock moves, carried by the page.

A page built at 08:30 may stay open all morning. When a promised update time
passes, or planned work starts or ends, status.js rewrites the parts that
changed using these templates, so the browser says exactly what the build
would say at that moment (one source of truth: `macros.wording`).
"""

from __future__ import annotations

import json

from macros import wording
from macros.render.env import PHASE_ICONS
from macros.render.maintenance import FACTS_BY_PHASE
from macros.state import COMPLETED, IN_PROGRESS

# An incident's own page needs only this; it is kept small (one page per incident).
INCIDENT_WORDS = ("overdue",)


def status_words(calm: str = wording.ALL_WORKING, keys: tuple[str, ...] = ()) -> str:
    """The JSON for a page's `data-words` attribute (only `keys`, when given).

    `calm` is what the banner says when nothing is wrong (an audience's view
    says "Everything is working for Finance and payroll").
    """
    words = {
        "overdue": wording.OVERDUE,
        "phases": wording.MAINTENANCE_PHASE_LABELS,
        "phaseIcons": PHASE_ICONS,
        "when": {IN_PROGRESS: wording.WHEN_STARTED, COMPLETED: wording.WHEN_FINISHED},
        "facts": {phase: list(FACTS_BY_PHASE[phase]) for phase in (IN_PROGRESS, COMPLETED)},
        "calm": calm,
        "workUntil": wording.WORK_UNTIL,
        "levels": {level: {"icon": icon, "label": label}
                   for level, (icon, label) in wording.LEVELS.items()},
    }
    if keys:
        words = {key: words[key] for key in keys}
    return json.dumps(words, ensure_ascii=False, separators=(",", ":"))
