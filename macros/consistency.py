"""Warnings about data that is valid but probably not what the editor meant."""

from __future__ import annotations

from datetime import datetime

from macros.model import StatusTree
from macros.problems import WARNING, Problem
from macros.state import incident_as_of

# An impact this low says most people can work; a system marked with one of
# these states says nobody can use it.
LOW_IMPACTS = ("none", "minor")
NOT_WORKING = "major_outage"


def impact_warnings(tree: StatusTree, now: datetime) -> list[Problem]:
    """A warning for each open incident whose impact is none or minor while it marks a
    system as not working at all (`major_outage`, now: after its latest update): one
    of the two is probably wrong."""
    found = []
    for incident in tree.incidents:
        seen = incident_as_of(incident, now)
        if seen is None or seen.is_resolved or incident.origin is None \
                or incident.impact not in LOW_IMPACTS:
            continue
        down = sorted(cid for cid, state in seen.current_components.items()
                      if state == NOT_WORKING)
        if not down:
            continue
        line, col = incident.origin.position("impact")
        names = ", ".join(down)
        found.append(Problem(
            incident.origin.display, line, col, "impact",
            f'the impact is "{incident.impact}" (most people can still work), but '
            f"{names} {'is' if len(down) == 1 else 'are'} marked {NOT_WORKING} (nobody can "
            f"use {'it' if len(down) == 1 else 'them'}). If nobody can work, say impact: "
            f"major; if only some people are stuck, say {down[0]}: partial_outage",
            severity=WARNING,
        ))
    return found
