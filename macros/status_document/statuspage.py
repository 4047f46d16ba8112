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
- `status.description` is Statuspage's wording for the blended state of the
  systems ("All Systems Operational", "Partial System Outage", ...: see
  `components.status_description`); the page's own sentence is Bedside's
  `banner.sentence`.
- `page.url` is the site's root, where Statuspage's clients add
  `api/v2/summary.json`; the status page itself is `links.status_page`.
- `page.updated_at` is derived from the data and is never later than the
  build's clock: see `content_updated_at`.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from macros import urls, wording
from macros.model import Incident, Maintenance
from macros.state import worst_first
from macros.status_document.components import (
    component_objects,
    iso,
    page_id,
    status_description,
)
from macros.status_document.edition import Edition
from macros.status_document.events import incident_object, maintenance_object, maintenance_timeline
from macros.text import as_written

RECENT_LIMIT = 50  # Statuspage lists the 50 most recent incidents and maintenances.

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
    systems = [c["status"] for c in components if not c["group"]]
    status = {"indicator": state.indicator,
              "description": status_description(state.indicator, systems)}
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
        moments.extend([edition.edited_at(item), item.start, item.end])
        moments.extend(at for at, _, _ in maintenance_timeline(item, edition))
    return [m for m in moments if m <= now]


def content_updated_at(edition: Edition, bodies: dict[str, dict[str, Any]]) -> datetime:
    """`page.updated_at`: changes exactly when the published content changes.

    The seconds are the latest moment in the data (up to now) at which
    something published changed: an update, an announcement, a window opening
    or closing, a promised update falling due. The microseconds are a
    fingerprint of the content itself, so an edit that adds no new time (a
    corrected typo, a new workaround) still changes the value, and a rebuild
    of the same content gives the same value. With no time in the data at all
    it is when the page began (`Edition.started_at`). It is never later than
    the build's clock (in the second after a change, it is the clock itself).
    """
    latest = max(data_moments(edition), default=edition.started_at()).replace(microsecond=0)
    canonical = json.dumps(bodies, sort_keys=True, ensure_ascii=False)
    fingerprint = int(hashlib.sha256(canonical.encode()).hexdigest()[:8], 16) % 1_000_000
    return min(latest.replace(microsecond=fingerprint), edition.now).astimezone(edition.zone)


def page_object(edition: Edition, updated_at: datetime) -> dict[str, Any]:
    """Statuspage's `page` object. `url` is the site's root, where clients of Statuspage
    add `api/v2/summary.json`; the status page itself is `links.status_page`."""
    return {
        "id": page_id(edition),
        "name": as_written(edition.site_name),
        "url": edition.site_url.rstrip("/"),
        "time_zone": edition.zone.key,
        "updated_at": iso(updated_at, edition),
    }


def api_documents(edition: Edition) -> dict[str, dict[str, Any]]:
    """Every API document, complete with its `page`, keyed as in `urls.API_FILES`."""
    bodies = api_bodies(edition)
    page = page_object(edition, content_updated_at(edition, bodies))
    documents = {name: {"page": page, **body} for name, body in bodies.items()}
    # Bedside's own: when this was true (the build), for "As of 08:14" in the browser.
    documents["summary"]["built_at"] = iso(edition.now, edition)
    return documents
