"""Components, their groups and the page's overall status, as Statuspage's API gives them.

Statuspage always sends a component's `created_at` and `updated_at`. Bedside
does not record when each system was added, so every component is dated from
when the status page began (`Edition.started_at`: the commit that added
components.yml, else the earliest time in the data), and `updated_at` is the
latest moment something changed its state, or that same start.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any

from macros import wording
from macros.model import worst_state
from macros.status_document.edition import Edition
from macros.text import as_written

# Statuspage's words for the blended state of all components (`status.description`).
ALL_OPERATIONAL = "All Systems Operational"
UNDER_MAINTENANCE = "Service Under Maintenance"
PARTLY_DEGRADED = "Partially Degraded Service"
ALL_DEGRADED = "Degraded System Service"
MINOR_OUTAGE = "Minor Service Outage"
PARTIAL_OUTAGE = "Partial System Outage"
MAJOR_OUTAGE = "Major System Outage"
# Mildest first: the description is never milder than the indicator says.
STATUS_DESCRIPTIONS = (ALL_OPERATIONAL, UNDER_MAINTENANCE, PARTLY_DEGRADED, ALL_DEGRADED,
                       MINOR_OUTAGE, PARTIAL_OUTAGE, MAJOR_OUTAGE)
_BY_INDICATOR = {"none": ALL_OPERATIONAL, "maintenance": UNDER_MAINTENANCE,
                 "minor": PARTLY_DEGRADED, "major": PARTIAL_OUTAGE, "critical": MAJOR_OUTAGE}


def iso(moment: datetime | None, edition: Edition) -> str | None:
    """ISO 8601 with the offset of the site's zone, or None."""
    return moment.astimezone(edition.zone).isoformat() if moment else None


def page_id(edition: Edition) -> str:
    """A short stable id for the page, derived from the site's address."""
    return hashlib.sha256(edition.site_url.encode()).hexdigest()[:12]


def group_id(name: str) -> str:
    """The id of a component group, derived from its heading."""
    return "group-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed")


def status_description(indicator: str, states: list[str]) -> str:
    """`status.description` in Statuspage's words for the blended state of the components.

    The worst state decides, and "System" means every component shares it:
    some systems slow is "Partially Degraded Service", one not working is
    "Partial System Outage". It is never milder than the indicator, so a
    serious problem that names no system that is down still reads as serious.
    """
    worst = worst_state(states)
    shared = bool(states) and all(s == worst for s in states)
    blended = {
        "operational": ALL_OPERATIONAL,
        "under_maintenance": UNDER_MAINTENANCE,
        "degraded_performance": ALL_DEGRADED if shared else PARTLY_DEGRADED,
        "partial_outage": MINOR_OUTAGE,
        "major_outage": MAJOR_OUTAGE if shared else PARTIAL_OUTAGE,
    }[worst]
    return max(blended, _BY_INDICATOR[indicator], key=STATUS_DESCRIPTIONS.index)


def component_times(edition: Edition) -> dict[str, datetime]:
    """For each component, the latest moment (up to now) something changed its state."""
    now = edition.now
    times: dict[str, list[datetime]] = {}
    for incident in edition.incidents():
        moments = [u.at for u in incident.updates if u.at <= now]
        for component_id in incident.components:
            times.setdefault(component_id, []).extend(moments)
    for item in edition.maintenance():
        if item.is_cancelled:
            continue
        moments = [t for t in (item.start, item.end, *(u.at for u in item.updates)) if t <= now]
        for component_id in item.components:
            times.setdefault(component_id, []).extend(moments)
    return {cid: max(found) for cid, found in times.items() if found}


def component_objects(edition: Edition) -> list[dict[str, Any]]:
    """Groups and components as Statuspage lists them: groups carry their members' ids."""
    states = edition.state.component_states
    changed = component_times(edition)
    created = edition.started_at()
    objects: list[dict[str, Any]] = []
    for group_position, group in enumerate(edition.tree.groups, start=1):
        gid = group_id(group.name)
        group_state = worst_state([states.get(c.id, "operational") for c in group.components])
        group_changes = [changed[c.id] for c in group.components if c.id in changed]
        objects.append(_component(
            edition, gid, group.name, group_state, group_position, None,
            (created, max(group_changes, default=created)),
            group=True, components=[c.id for c in group.components],
        ))
        for position, component in enumerate(group.components, start=1):
            state = states.get(component.id, "operational")
            objects.append(_component(
                edition, component.id, component.name, state, position,
                as_written(component.description) or None,
                (created, changed.get(component.id, created)),
                group_id=gid, group_name=group.name,
                contact=as_written(component.contact) or None,
            ))
    return objects


def _component(edition: Edition, cid: str, name: str, state: str, position: int,
               description: str | None, times: tuple[datetime, datetime],
               *, group: bool = False, components: list[str] | None = None,
               group_id: str | None = None, group_name: str | None = None,
               contact: str | None = None) -> dict[str, Any]:
    created, updated = times
    obj: dict[str, Any] = {
        "id": cid,
        "name": as_written(name),
        "status": state,
        "created_at": iso(created, edition),
        "updated_at": iso(max(created, updated), edition),
        "position": position,
        "description": description,
        "showcase": False,
        "start_date": created.astimezone(edition.zone).date().isoformat(),
        "group_id": group_id,
        "page_id": page_id(edition),
        "group": group,
        "only_show_if_degraded": False,
    }
    if components is not None:
        obj["components"] = components
    obj["status_label"] = wording.STATE_LABELS[state]
    if not group:
        obj["group_name"] = as_written(group_name or "")
        obj["contact"] = contact
    return obj


def components_of(ids: dict[str, str], all_components: list[dict[str, Any]]
                  ) -> list[dict[str, Any]]:
    """The component objects of `ids` (a file's `components`), in that order."""
    by_id = {c["id"]: c for c in all_components if not c["group"]}
    return [by_id[cid] for cid in ids if cid in by_id]
