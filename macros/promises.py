"""Promises to readers that the IT team must keep, such as the next update time."""

from __future__ import annotations

from datetime import datetime

from macros.model import StatusTree
from macros.problems import Problem
from macros.state import is_overdue


def promise_warnings(tree: StatusTree, now: datetime) -> list[Problem]:
    """A warning for each open incident whose promised next update time has passed."""
    warnings = []
    for incident in tree.incidents:
        if not is_overdue(incident, now) or incident.origin is None:
            continue
        latest = incident.latest
        promised = latest.next_update.astimezone(tree.timezone)
        line, col = incident.origin.position("updates", latest.index, "next_update")
        warnings.append(Problem(
            incident.origin.display, line, col, f"updates[{latest.index}].next_update",
            f"we promised an update by {promised:%H:%M on %d %b} and that time has passed. "
            f"Add one now: bedside update {incident.id} --message \"...\" --next-update 30m",
            severity="warning",
        ))
    return warnings
