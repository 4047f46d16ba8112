"""Every address the status site publishes, relative to the site root.

Pages, feeds and outputs all take their links from here, so a permalink is
defined once and never drifts between the page, the feed and the calendar.
"""

from __future__ import annotations

import posixpath

STATUS_HOME = "status/"
STATUS_JSON = "status.json"
API_ROOT = "api/v2/"
HISTORY = "status/history/"
SUBSCRIBE = "status/subscribe/"
BOARD = "status/board/"
BANNER = "status/banner/"
BANNER_SCRIPT = "status/banner.js"
STATUS_SCRIPT = "status/status.js"
# The status pages' offline cache: at the root, so it may look after every page.
SERVICE_WORKER = "sw.js"
# The folders of the pages generated per incident, per planned work and per audience.
INCIDENTS = "status/incidents/"
MAINTENANCE = "status/maintenance/"
AUDIENCES = "status/for/"
# The Statuspage API files, by the name of the document each holds.
API_FILES = {
    "summary": f"{API_ROOT}summary.json",
    "status": f"{API_ROOT}status.json",
    "components": f"{API_ROOT}components.json",
    "incidents": f"{API_ROOT}incidents.json",
    "unresolved": f"{API_ROOT}incidents/unresolved.json",
    "maintenances": f"{API_ROOT}scheduled-maintenances.json",
    "upcoming": f"{API_ROOT}scheduled-maintenances/upcoming.json",
    "active": f"{API_ROOT}scheduled-maintenances/active.json",
}


def incident_page(incident_id: str) -> str:
    return f"{INCIDENTS}{incident_id}/"


def maintenance_page(maintenance_id: str) -> str:
    return f"{MAINTENANCE}{maintenance_id}/"


def maintenance_calendar(maintenance_id: str) -> str:
    return f"{maintenance_page(maintenance_id)}event.ics"


def history_page(number: int) -> str:
    return HISTORY if number <= 1 else f"{HISTORY}page/{number}/"


def audience_page(audience_id: str) -> str:
    return f"{AUDIENCES}{audience_id}/"


def _scoped(audience_id: str | None, name: str) -> str:
    return f"{audience_page(audience_id)}{name}" if audience_id else f"status/{name}"


def rss_feed(audience_id: str | None = None) -> str:
    return _scoped(audience_id, "rss.xml")


def atom_feed(audience_id: str | None = None) -> str:
    return _scoped(audience_id, "atom.xml")


def calendar(audience_id: str | None = None) -> str:
    return _scoped(audience_id, "planned-work.ics")


def badge(component_id: str | None = None) -> str:
    return f"status/badges/{component_id or 'overall'}.svg"


def relative(here: str, target: str) -> str:
    """The link from the page at site address `here` to site address `target`
    ("status/incidents/x/" to "status.json" is "../../../status.json")."""
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    link = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") and not link.endswith("/"):
        link += "/"
    return "./" if link == "." else link
