"""What `status.json` and `api/v2/*.json` hold, in the shapes of Statuspage's public API.

Field names, status values and times with offsets follow Statuspage's v2
public API, so its clients (the embeddable widget, monitoring tools, the
`statuspage` source kind of `bedside fetch`) read these files unchanged.
Bedside's own human fields ride along under their own names (`affects`,
`workaround`, `why`, `benefit`, `prepare`, `during`, `contact`, ...).

Mappings that Statuspage has no word for:

- Cancelled planned work: Statuspage's maintenance statuses are only
  scheduled, in_progress, verifying and completed, and calling cancelled
  work "completed" would tell a reader it happened. So the Statuspage lists
  leave cancelled work out, as if it had been withdrawn, and `status.json`
  (= `summary.json`) lists it under Bedside's own `cancelled_maintenances`
  (status `cancelled`) until its window would have ended, so a reader learns
  that tonight's work is off. Feeds and calendars carry the cancellation too.
- A resolved incident with a review page has Statuspage's `postmortem` status.
- Ids are Bedside's own ids (file names), stable and unique per page.
- `page.updated_at` is derived from the data, never from the build clock:
  see `content_updated_at`.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime
from typing import Any

from macros import urls, wording
from macros.model import Incident, Maintenance, Update, worst_state
from macros.state import CANCELLED, COMPLETED, IN_PROGRESS, UPCOMING, is_overdue, worst_first
from macros.status_document.edition import EPOCH, Edition, announced_at
from macros.text import as_written, plain

RECENT_LIMIT = 50  # Statuspage lists the 50 most recent incidents and maintenances.

def iso(moment: datetime | None, edition: Edition) -> str | None:
    """ISO 8601 with the offset of the site's zone, or None."""
    return moment.astimezone(edition.zone).isoformat() if moment else None


def page_id(edition: Edition) -> str:
    """A short stable id for the page, derived from the site's address."""
    return hashlib.sha256(edition.site_url.encode()).hexdigest()[:12]


def group_id(name: str) -> str:
    """The id of a component group, derived from its heading."""
    return "group-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed")


# --- components ----------------------------------------------------------------


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
    pid = page_id(edition)
    objects: list[dict[str, Any]] = []
    for group_position, group in enumerate(edition.tree.groups, start=1):
        gid = group_id(group.name)
        group_state = worst_state([states.get(c.id, "operational") for c in group.components])
        group_changes = [changed[c.id] for c in group.components if c.id in changed]
        objects.append(_component(
            pid, gid, group.name, group_state, group_position, None,
            max(group_changes, default=None), edition,
            group=True, components=[c.id for c in group.components],
        ))
        for position, component in enumerate(group.components, start=1):
            state = states.get(component.id, "operational")
            objects.append(_component(
                pid, component.id, component.name, state, position,
                as_written(component.description) or None, changed.get(component.id),
                edition, group_id=gid, group_name=group.name,
                contact=as_written(component.contact) or None,
            ))
    return objects


def _component(pid: str, cid: str, name: str, state: str, position: int,
               description: str | None, updated: datetime | None, edition: Edition,
               *, group: bool = False, components: list[str] | None = None,
               group_id: str | None = None, group_name: str | None = None,
               contact: str | None = None) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "id": cid,
        "name": as_written(name),
        "status": state,
        "created_at": None,
        "updated_at": iso(updated, edition),
        "position": position,
        "description": description,
        "showcase": False,
        "start_date": None,
        "group_id": group_id,
        "page_id": pid,
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


def _components_of(ids: dict[str, str], all_components: list[dict[str, Any]]
                   ) -> list[dict[str, Any]]:
    by_id = {c["id"]: c for c in all_components if not c["group"]}
    return [by_id[cid] for cid in ids if cid in by_id]


# --- incidents -----------------------------------------------------------------


def incident_status(incident: Incident) -> str:
    """Statuspage's status of an incident: its latest update's, or `postmortem`."""
    if incident.is_resolved and incident.postmortem:
        return "postmortem"
    return incident.latest.status


def timeline_entry(entry_id: str, owner_id: str, status: str, label: str, body: str,
                   at: datetime, edition: Edition, *, workaround: str = "",
                   next_update: datetime | None = None, data_impact: str = ""
                   ) -> dict[str, Any]:
    """One entry of `incident_updates`, in Statuspage's shape with Bedside's fields."""
    shown = iso(at, edition)
    return {
        "id": entry_id,
        "status": status,
        "body": body,
        "incident_id": owner_id,
        "created_at": shown,
        "updated_at": shown,
        "display_at": shown,
        "affected_components": None,
        "deliver_notifications": True,
        "custom_tweet": None,
        "tweet_id": None,
        "status_label": label,
        "workaround": workaround or None,
        "next_update": iso(next_update, edition),
        "data_impact": data_impact or None,
    }


def _update(update: Update, owner_id: str, edition: Edition, labels: dict[str, str]
            ) -> dict[str, Any]:
    return timeline_entry(
        f"{owner_id}-{update.index}", owner_id, update.status, labels[update.status],
        plain(update.message), update.at, edition, workaround=plain(update.workaround),
        next_update=update.next_update, data_impact=plain(update.data_impact))


def incident_object(incident: Incident, edition: Edition,
                    all_components: list[dict[str, Any]]) -> dict[str, Any]:
    """One incident as Statuspage shows it, with Bedside's human fields."""
    monitoring = [u.at for u in incident.updates if u.status == "monitoring"]
    latest = incident.latest
    open_now = not incident.is_resolved
    updates = [_update(u, incident.id, edition, wording.INCIDENT_STATUS_LABELS)
               for u in reversed(incident.updates)]
    return {
        "id": incident.id,
        "name": as_written(incident.title),
        "status": incident_status(incident),
        "created_at": iso(incident.started_at, edition),
        "updated_at": iso(latest.at, edition),
        "monitoring_at": iso(monitoring[0] if monitoring else None, edition),
        "resolved_at": iso(incident.resolved_at, edition),
        "impact": incident.impact,
        "shortlink": edition.url(urls.incident_page(incident.id)),
        "started_at": iso(incident.started_at, edition),
        "page_id": page_id(edition),
        "incident_updates": updates,
        "components": _components_of(incident.components, all_components),
        "status_label": wording.INCIDENT_STATUS_LABELS[latest.status],
        "impact_label": wording.IMPACT_LABELS[incident.impact],
        "affects": as_written(incident.affects),
        "audiences": list(incident.audiences),
        "workaround": plain(wording.current_workaround(incident)) or None,
        "next_update": iso(latest.next_update, edition) if open_now else None,
        "next_update_overdue": is_overdue(incident, edition.now),
        "data_impact": None if open_now else plain(latest.data_impact) or None,
    }


# --- planned work --------------------------------------------------------------


def maintenance_status(item: Maintenance, edition: Edition) -> str:
    """Statuspage's status of planned work now (`cancelled` is Bedside's own)."""
    phase = edition.state.phase(item)
    latest = item.latest
    if phase == IN_PROGRESS:
        return latest.status if latest and latest.status == "verifying" else "in_progress"
    return {UPCOMING: "scheduled", COMPLETED: "completed", CANCELLED: "cancelled"}[phase]


def resolved_at(item: Maintenance, edition: Edition) -> datetime | None:
    """When the work finished or was called off (`Maintenance.finished_at`), once it has."""
    if edition.state.phase(item) not in (COMPLETED, CANCELLED):
        return None
    return item.finished_at


def announcement(item: Maintenance, edition: Edition) -> dict[str, Any]:
    """The first entry of a maintenance's timeline: its announcement, from its own fields."""
    label = wording.MAINTENANCE_STATUS_LABELS["scheduled"]
    when = wording.window_in_words(item, edition.zone)
    return timeline_entry(f"{item.id}-announced", item.id, "scheduled", label,
                          f"{label}: {when}. {plain(item.why)}", announced_at(item), edition)


def maintenance_object(item: Maintenance, edition: Edition,
                       all_components: list[dict[str, Any]]) -> dict[str, Any]:
    """Planned work as a Statuspage scheduled maintenance, with Bedside's human fields."""
    status = maintenance_status(item, edition)
    updates = [_update(u, item.id, edition, wording.MAINTENANCE_STATUS_LABELS)
               for u in reversed(item.updates)] + [announcement(item, edition)]
    latest_at = item.latest.at if item.latest else announced_at(item)
    return {
        "id": item.id,
        "name": as_written(item.title),
        "status": status,
        "created_at": iso(announced_at(item), edition),
        "updated_at": iso(latest_at, edition),
        "monitoring_at": None,
        "resolved_at": iso(resolved_at(item, edition), edition),
        "impact": "maintenance",
        "shortlink": edition.url(urls.maintenance_page(item.id)),
        "started_at": iso(announced_at(item), edition),
        "page_id": page_id(edition),
        "incident_updates": updates,
        "components": _components_of(item.components, all_components),
        "scheduled_for": iso(item.start, edition),
        "scheduled_until": iso(item.end, edition),
        "status_label": wording.MAINTENANCE_STATUS_LABELS[status],
        "window_in_words": wording.window_in_words(item, edition.zone),
        "affects": as_written(item.affects),
        "audiences": list(item.audiences),
        "why": plain(item.why),
        "benefit": plain(item.benefit),
        "prepare": [plain(step) for step in item.prepare],
        "during": plain(item.during),
        "contact": plain(item.contact),
        "calendar_url": edition.url(urls.maintenance_calendar(item.id)),
    }


# --- documents -----------------------------------------------------------------


def _recent_incidents(edition: Edition) -> list[Incident]:
    shown = edition.incidents()
    recent = shown[:RECENT_LIMIT]
    return recent + [i for i in shown[RECENT_LIMIT:] if not i.is_resolved]


def api_bodies(edition: Edition) -> dict[str, dict[str, Any]]:
    """Every API document without its `page` object, keyed as in `urls.API_FILES`."""
    state = edition.state
    components = component_objects(edition)
    shown = edition.maintenance()

    def incidents(items: list[Incident]) -> list[dict[str, Any]]:
        return [incident_object(i, edition, components) for i in items]

    def maintenances(items: list[Maintenance]) -> list[dict[str, Any]]:
        return [maintenance_object(m, edition, components) for m in items]

    visible = {m.id for m in shown}
    active = [m for m in state.in_progress if m.id in visible]
    upcoming = [m for m in state.upcoming if m.id in visible]
    not_cancelled = [m for m in shown if not m.is_cancelled]
    called_off = [m for m in shown if m.is_cancelled and m.end > edition.now]
    unresolved = worst_first(i for i in edition.incidents() if not i.is_resolved)

    banner = wording.banner(edition.tree, state)
    sentence = as_written(banner.sentence)
    status = {"indicator": state.indicator, "description": sentence}
    summary = {
        "status": status,
        "components": components,
        "incidents": incidents(unresolved),
        "scheduled_maintenances": maintenances(active + upcoming),
        "banner": {"sentence": sentence, "detail": as_written(banner.detail) or None,
                   "level": banner.level, "icon": banner.icon, "label": banner.label},
        "cancelled_maintenances": maintenances(called_off),
        "links": links(edition),
    }
    return {
        "summary": summary,
        "status": {"status": status},
        "components": {"components": components},
        "incidents": {"incidents": incidents(_recent_incidents(edition))},
        "unresolved": {"incidents": incidents(unresolved)},
        "maintenances": {"scheduled_maintenances": maintenances(not_cancelled[:RECENT_LIMIT])},
        "upcoming": {"scheduled_maintenances": maintenances(upcoming)},
        "active": {"scheduled_maintenances": maintenances(active)},
    }


def links(edition: Edition) -> dict[str, str]:
    """Where people and tools find the rest: the page, feeds, calendar, history."""
    scope = edition.audience_id
    return {
        "status_page": edition.url(urls.STATUS_HOME),
        "history": edition.url(urls.HISTORY),
        "rss": edition.url(urls.rss_feed(scope)),
        "atom": edition.url(urls.atom_feed(scope)),
        "calendar": edition.url(urls.calendar(scope)),
        "badge": edition.url(urls.badge()),
    }


def data_moments(edition: Edition) -> list[datetime]:
    """Every moment in the data, up to now, at which what is published could change."""
    now = edition.now
    moments: list[datetime] = []
    for incident in edition.incidents():
        moments.extend(u.at for u in incident.updates)
        if incident.latest.next_update and not incident.is_resolved:
            moments.append(incident.latest.next_update)
    for item in edition.maintenance():
        moments.extend([announced_at(item), item.start, item.end])
        moments.extend(u.at for u in item.updates)
    return [m for m in moments if m <= now]


def content_updated_at(edition: Edition, bodies: dict[str, dict[str, Any]]) -> datetime:
    """`page.updated_at`: changes exactly when the published content changes.

    The seconds are the latest moment in the data (up to now) at which
    something published changed: an update, an announcement, a window opening
    or closing, a promised update falling due. The microseconds are a
    fingerprint of the content itself, so an edit that adds no new time (a
    corrected typo, a new workaround) still changes the value, and a rebuild
    of the same content gives the same value. It never reads the build clock.
    """
    latest = max(data_moments(edition), default=EPOCH).replace(microsecond=0)
    canonical = json.dumps(bodies, sort_keys=True, ensure_ascii=False)
    fingerprint = int(hashlib.sha256(canonical.encode()).hexdigest()[:8], 16) % 1_000_000
    return latest.replace(microsecond=fingerprint).astimezone(edition.zone)


def page_object(edition: Edition, updated_at: datetime) -> dict[str, Any]:
    """Statuspage's `page` object."""
    return {
        "id": page_id(edition),
        "name": edition.site_name,
        "url": edition.url(urls.STATUS_HOME),
        "time_zone": edition.zone.key,
        "updated_at": iso(updated_at, edition),
    }


def api_documents(edition: Edition) -> dict[str, dict[str, Any]]:
    """Every API document, complete with its `page`, keyed as in `urls.API_FILES`."""
    bodies = api_bodies(edition)
    page = page_object(edition, content_updated_at(edition, bodies))
    return {name: {"page": page, **body} for name, body in bodies.items()}
