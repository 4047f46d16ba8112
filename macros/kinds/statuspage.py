"""`statuspage` sources: an Atlassian Statuspage site's public `api/v2/summary.json`.

Suppliers' pages vary and some break: every key may be missing, of the wrong
type or hold a status word we have never seen. Unknown words become "unknown"
and are phrased carefully on the page; nothing here raises on odd data.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from macros.kinds.base import NOT_MODIFIED, OK, FetchError, Outcome, SourceKind, Web, newest_first
from macros.model import Source, StatusTree
from macros.outside_text import SUMMARY_LIMIT, TITLE_LIMIT, plain_text, safe_link
from macros.records import Entry, SourceRecord, Validators, parse_moment
from macros.signals import Signal, mid_sentence, supplier_signal, who

INDICATORS = ("none", "minor", "major", "critical", "maintenance")
INCIDENT_STATUSES = ("investigating", "identified", "monitoring", "resolved", "postmortem")
CLOSED_INCIDENT = ("resolved", "postmortem")
MAINTENANCE_ACTIVE = ("in_progress", "verifying")
COMPONENT_STATUSES = ("operational", "degraded_performance", "partial_outage", "major_outage",
                      "under_maintenance")
IMPACTS = ("none", "minor", "major", "critical", "maintenance")
UNKNOWN = "unknown"

# A supplier's component states, as a reader would say them.
_COMPONENT_WORDS = {
    "degraded_performance": "is slow or unreliable",
    "partial_outage": "is partly not working",
    "major_outage": "is not working",
    "under_maintenance": "has planned work under way",
}
_COMPONENT_PROBLEMS = ("degraded_performance", "partial_outage", "major_outage")


def summary_url(url: str) -> str:
    """The summary.json address for a Statuspage site (or the JSON address itself)."""
    return url if url.endswith(".json") else url.rstrip("/") + "/api/v2/summary.json"


def read(source: Source, web: Web, validators: Validators, attempted_at: datetime) -> Outcome:
    """Fetch and read the supplier's summary; raise `FetchError` when it cannot be used."""
    answer = web.get(summary_url(source.url), accept="application/json", validators=validators)
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


# --- what the page says ---------------------------------------------------------------------


def signals(source: Source, record: SourceRecord, tree: StatusTree,
            now: datetime) -> list[Signal]:
    """The supplier's open incidents, work and parts not working; else its overall status."""
    speaker = who(source)
    what = tree.component_name(source.component)
    page = source.url
    if record.last_success is None:
        return [supplier_signal(source, record, now, "We could not read the status page of "
                                f"{mid_sentence(speaker)} yet.", page=page)]
    found = []
    for entry in record.entries:
        subject = entry.subject or what
        if entry.kind == "incident":
            sentence = f"{speaker} reports a problem with {subject}: {entry.title}"
            problem = entry.impact != "none"
        elif entry.kind == "maintenance":
            sentence = f"{speaker} reports planned work on {subject}: {entry.title}"
            problem = False
        elif entry.state in _COMPONENT_WORDS:
            sentence = f"{speaker} reports that {subject} {_COMPONENT_WORDS[entry.state]}"
            problem = entry.state in _COMPONENT_PROBLEMS
        else:
            sentence = (f"{speaker} shows {subject} in a state we do not recognise; "
                        "see their page for details")
            problem = False
        found.append(supplier_signal(source, record, now, sentence, entry, problem=problem,
                                     page=page))
    return found or [_overall_signal(source, record, now, speaker)]


def _overall_signal(source: Source, record: SourceRecord, now: datetime, speaker: str) -> Signal:
    overall = record.overall or {}
    indicator = overall.get("indicator", "")
    description = overall.get("description", "")
    if indicator == "none":
        sentence, problem = f"{speaker} reports that everything is working.", False
    elif indicator == "maintenance":
        sentence = f"{speaker} reports planned work" + (f": {description}" if description else "")
        problem = False
    elif indicator in ("minor", "major", "critical"):
        sentence = f"{speaker} reports a problem: " + (description or "see their page for details")
        problem = True
    else:
        sentence = f"{speaker} shows a status we do not recognise; see their page for details"
        problem = False
    return supplier_signal(source, record, now, sentence, problem=problem, page=source.url)


KIND = SourceKind(
    name="statuspage",
    summary="a supplier's status page built on Atlassian Statuspage (we read its public summary)",
    read=read, signals=signals,
)
