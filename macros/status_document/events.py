"""Incidents and planned work as Statuspage's API gives them, with their timelines.

Field by field as Statuspage's public API v2, with Bedside's human fields
(`affects`, `workaround`, `why`, `prepare`, ...) under their own names:

- `incident_updates` are newest first. An entry that changed the state of
  systems lists them in `affected_components` (`code`, `name`, `old_status`,
  `new_status`), as Statuspage does; other entries have `null`. An incident's
  first update takes its systems from working to the state the file gives,
  and its resolving update brings them back.
- Planned work follows Statuspage's lifecycle: `scheduled`, then
  `in_progress` when its window opens, `verifying` when the IT team says so,
  and `completed` when it ends. Statuspage writes an entry for each change
  the clock makes; so does Bedside ("Started at 22:00. ...", "Finished at
  02:00."), unless the IT team wrote that update themselves.
- Planned work is dated by `Edition.published_at` (`created_at`,
  `started_at`, its announcement entry) and `updated_at` is its latest entry
  or edit: never later than the build's clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from macros import urls, wording
from macros.model import Incident, Maintenance, Update
from macros.state import CANCELLED, COMPLETED, IN_PROGRESS, is_overdue
from macros.state import maintenance_status as state_maintenance_status
from macros.status_document.components import components_of, iso, page_id
from macros.status_document.edition import Edition
from macros.text import as_written, plain

OPERATIONAL = "operational"
# Updates to planned work that say it has started, or that it is over.
STARTED = ("in_progress", "verifying", "completed")


def incident_status(incident: Incident) -> str:
    """Statuspage's status of an incident: its latest update's, or `postmortem`."""
    if incident.is_resolved and incident.postmortem:
        return "postmortem"
    return incident.latest.status


def affected(components: dict[str, str], edition: Edition, *, ending: bool
             ) -> list[dict[str, str]] | None:
    """`affected_components` of an entry that set (or, `ending`, cleared) these systems'
    states; None when there are none."""
    changes = [{"code": cid, "name": as_written(edition.tree.component_name(cid)),
                "old_status": state if ending else OPERATIONAL,
                "new_status": OPERATIONAL if ending else state}
               for cid, state in components.items() if state != OPERATIONAL]
    return changes or None


def timeline_entry(entry_id: str, owner_id: str, status: str, label: str, body: str,
                   at: datetime, edition: Edition, *, workaround: str = "",
                   next_update: datetime | None = None, data_impact: str = "",
                   changes: list[dict[str, str]] | None = None,
                   revised: datetime | None = None) -> dict[str, Any]:
    """One entry of `incident_updates`, in Statuspage's shape with Bedside's fields."""
    shown = iso(at, edition)
    return {
        "id": entry_id,
        "status": status,
        "body": body,
        "incident_id": owner_id,
        "created_at": shown,
        "updated_at": iso(max(at, revised or at), edition),
        "display_at": shown,
        "affected_components": changes,
        "deliver_notifications": True,
        "custom_tweet": None,
        "tweet_id": None,
        "status_label": label,
        "workaround": workaround or None,
        "next_update": iso(next_update, edition),
        "data_impact": data_impact or None,
    }


def _update(update: Update, owner_id: str, edition: Edition, labels: dict[str, str],
            changes: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return timeline_entry(
        f"{owner_id}-{update.index}", owner_id, update.status, labels[update.status],
        plain(update.message), update.at, edition, workaround=plain(update.workaround),
        next_update=update.next_update, data_impact=plain(update.data_impact),
        changes=changes)


def _newest_first(entries: list[tuple[datetime, int, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [entry for _, _, entry in sorted(entries, key=lambda e: (e[0], e[1]), reverse=True)]


def incident_object(incident: Incident, edition: Edition,
                    all_components: list[dict[str, Any]]) -> dict[str, Any]:
    """One incident as Statuspage shows it, with Bedside's human fields."""
    monitoring = [u.at for u in incident.updates if u.status == "monitoring"]
    latest = incident.latest
    open_now = not incident.is_resolved
    labels = wording.INCIDENT_STATUS_LABELS
    entries = []
    for position, update in enumerate(incident.updates):
        changes = None
        if update.status == "resolved":
            changes = affected(incident.components, edition, ending=True)
        elif position == 0:
            changes = affected(incident.components, edition, ending=False)
        entries.append((update.at, position, _update(update, incident.id, edition, labels,
                                                     changes)))
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
        "incident_updates": _newest_first(entries),
        "components": components_of(incident.components, all_components),
        "status_label": labels[latest.status],
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
    return state_maintenance_status(item, edition.state.phase(item))


def resolved_at(item: Maintenance, edition: Edition) -> datetime | None:
    """When the work finished or was called off (`Maintenance.finished_at`), once it has."""
    if edition.state.phase(item) not in (COMPLETED, CANCELLED):
        return None
    return item.finished_at


def maintenance_timeline(item: Maintenance, edition: Edition
                         ) -> list[tuple[datetime, int, dict[str, Any]]]:
    """The work's `incident_updates` with their times: its announcement, the updates
    the IT team wrote, and the changes the clock made that nobody wrote about."""
    labels = wording.MAINTENANCE_STATUS_LABELS
    zone, phase = edition.zone, edition.state.phase(item)
    published = edition.published_at(item)
    when = wording.window_in_words(item, zone)
    entries = [(published, -1, timeline_entry(
        f"{item.id}-announced", item.id, "scheduled", labels["scheduled"],
        f"{labels['scheduled']}: {when}. {plain(item.why)}", published, edition,
        revised=edition.edited_at(item)))]
    began = next((u for u in item.updates if u.status in STARTED), None)
    ended = next((u for u in item.updates if u.status == "completed"), None)
    for update in item.updates:
        changes = None
        if update is ended:
            changes = affected(item.components, edition, ending=True)
        elif update is began:
            changes = affected(item.components, edition, ending=False)
        entries.append((update.at, update.index, _update(update, item.id, edition, labels,
                                                         changes)))
    if phase in (IN_PROGRESS, COMPLETED) and began is None and item.start <= edition.now:
        entries.append((item.start, -1, timeline_entry(
            f"{item.id}-started", item.id, "in_progress", labels["in_progress"],
            wording.maintenance_when_sentence(item, IN_PROGRESS, zone), item.start, edition,
            changes=affected(item.components, edition, ending=False))))
    if phase == COMPLETED and ended is None and item.end <= edition.now:
        entries.append((item.end, len(item.updates), timeline_entry(
            f"{item.id}-finished", item.id, "completed", labels["completed"],
            wording.maintenance_when_sentence(item, COMPLETED, zone), item.end, edition,
            changes=affected(item.components, edition, ending=True))))
    return entries


def maintenance_object(item: Maintenance, edition: Edition,
                       all_components: list[dict[str, Any]]) -> dict[str, Any]:
    """Planned work as a Statuspage scheduled maintenance, with Bedside's human fields."""
    status = maintenance_status(item, edition)
    timeline = maintenance_timeline(item, edition)
    published = edition.published_at(item)
    updated = max([edition.revised_at(item), *(at for at, _, _ in timeline)])
    return {
        "id": item.id,
        "name": as_written(item.title),
        "status": status,
        "created_at": iso(published, edition),
        "updated_at": iso(updated, edition),
        "monitoring_at": None,
        "resolved_at": iso(resolved_at(item, edition), edition),
        "impact": "maintenance",
        "shortlink": edition.url(urls.maintenance_page(item.id)),
        "started_at": iso(published, edition),
        "page_id": page_id(edition),
        "incident_updates": _newest_first(timeline),
        "components": components_of(item.components, all_components),
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
