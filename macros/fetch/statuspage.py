"""`statuspage` sources: an Atlassian Statuspage site's public `api/v2/summary.json`.

Suppliers' pages vary and some break: every key may be missing, of the wrong
type or hold a status word we have never seen. Unknown words become "unknown"
and are phrased carefully later; nothing here raises on odd data.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from macros.fetch.clean import SUMMARY_LIMIT, TITLE_LIMIT, plain_text, safe_link
from macros.fetch.client import Deadline, FetchError, Limits, get
from macros.fetch.outcome import (
    NOT_MODIFIED,
    OK,
    Entry,
    Outcome,
    Validators,
    newest_first,
    parse_moment,
)
from macros.model import Source

INDICATORS = ("none", "minor", "major", "critical", "maintenance")
INCIDENT_STATUSES = ("investigating", "identified", "monitoring", "resolved", "postmortem")
CLOSED_INCIDENT = ("resolved", "postmortem")
MAINTENANCE_ACTIVE = ("in_progress", "verifying")
COMPONENT_STATUSES = ("operational", "degraded_performance", "partial_outage", "major_outage",
                      "under_maintenance")
IMPACTS = ("none", "minor", "major", "critical", "maintenance")
UNKNOWN = "unknown"


def summary_url(url: str) -> str:
    """The summary.json address for a Statuspage site (or the JSON address itself)."""
    return url if url.endswith(".json") else url.rstrip("/") + "/api/v2/summary.json"


def read(source: Source, deadline: Deadline, validators: Validators,
         attempted_at: datetime) -> Outcome:
    """Fetch and read the supplier's summary; raise `FetchError` when it cannot be used."""
    answer = get(summary_url(source.url), Limits(source.timeout_s, source.max_bytes), deadline,
                 etag=validators.etag, last_modified=validators.last_modified,
                 accept="application/json")
    fresh = Validators(answer.etag, answer.last_modified)
    if answer.not_modified:
        return Outcome(source, NOT_MODIFIED, attempted_at, validators=fresh)
    overall, entries = parse_summary(answer.body, source.url, attempted_at)
    return Outcome(source, OK, attempted_at, validators=fresh, entries=entries, overall=overall)


def parse_summary(body: bytes, page_url: str,
                  now: datetime) -> tuple[dict[str, str], tuple[Entry, ...]]:
    """The supplier's overall status and its open incidents, work and affected components."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        raise FetchError("the supplier's status page did not send status data we can read; "
                         "check the address in sources.yml")
    page = _dict(data.get("page"))
    link = safe_link(page.get("url")) or safe_link(page_url)
    status = _dict(data.get("status"))
    overall = {"indicator": _known(status.get("indicator"), INDICATORS),
               "description": plain_text(status.get("description"), TITLE_LIMIT)}
    entries: list[Entry] = []
    named: set[str] = set()
    for raw in _dicts(data.get("incidents")):
        state = _known(raw.get("status"), INCIDENT_STATUSES)
        if state in CLOSED_INCIDENT:
            continue
        entry = _event(raw, "incident", state, link, now)
        if entry:
            entries.append(entry)
            named.update(_component_names(raw))
    for raw in _dicts(data.get("scheduled_maintenances")):
        if raw.get("status") not in MAINTENANCE_ACTIVE:
            continue
        entry = _event(raw, "maintenance", str(raw["status"]), link, now)
        if entry:
            entries.append(entry)
            named.update(_component_names(raw))
    for raw in _dicts(data.get("components")):
        name = plain_text(raw.get("name"), TITLE_LIMIT)
        state = _known(raw.get("status"), COMPONENT_STATUSES)
        if raw.get("group") is True or not name or state == "operational" or name in named:
            continue
        entries.append(Entry(id=f"component:{name}", title=name, kind="component",
                             subject=name, state=state, link=link,
                             at=_moment(raw.get("updated_at"), now)))
    return overall, newest_first(entries)


def _event(raw: dict[str, Any], kind: str, state: str, link: str, now: datetime) -> Entry | None:
    title = plain_text(raw.get("name"), TITLE_LIMIT)
    if not title:
        return None
    updates = _dicts(raw.get("incident_updates"))
    return Entry(
        id=plain_text(raw.get("id"), TITLE_LIMIT) or title, title=title, kind=kind,
        summary=plain_text(updates[0].get("body"), SUMMARY_LIMIT) if updates else "",
        link=safe_link(raw.get("shortlink")) or link,
        at=_moment(raw.get("updated_at") or raw.get("created_at"), now),
        subject=", ".join(sorted(_component_names(raw))),
        state=state, impact=_known(raw.get("impact"), IMPACTS),
    )


def _component_names(raw: dict[str, Any]) -> set[str]:
    names = (plain_text(c.get("name"), TITLE_LIMIT) for c in _dicts(raw.get("components")))
    return {name for name in names if name}


def _moment(raw: object, now: datetime) -> datetime | None:
    moment = parse_moment(raw)
    return min(moment, now) if moment else None


def _known(raw: object, allowed: tuple[str, ...]) -> str:
    return raw if isinstance(raw, str) and raw in allowed else UNKNOWN


def _dict(raw: object) -> dict[str, Any]:
    return raw if isinstance(raw, dict) else {}


def _dicts(raw: object) -> list[dict[str, Any]]:
    return [item for item in raw if isinstance(item, dict)] if isinstance(raw, list) else []
