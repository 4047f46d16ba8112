"""What the snapshot remembers about each source, in the shapes both sides share.

`bedside fetch` fills these records and the build reads them back; the
snapshot file is the only thing that passes between the two. Reading a record
back cleans every text again, so a hand-edited or damaged snapshot cannot
bring markup or a script link onto the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from macros.kinds import KINDS
from macros.model import Source
from macros.outside_text import (
    LINK_LIMIT,
    SUMMARY_LIMIT,
    TITLE_LIMIT,
    header_value,
    plain_text,
    safe_link,
)

# Entry kinds: a supplier's news item, an open incident, planned work in
# progress, or a component the supplier shows as not working normally.
ENTRY_KINDS = ("news", "incident", "maintenance", "component")


def parse_moment(raw: object) -> datetime | None:
    """A timezone-aware datetime from an ISO 8601 text, or None."""
    if not isinstance(raw, str) or not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    return value if value.tzinfo else None


def iso(moment: datetime | None) -> str | None:
    """`moment` as ISO 8601 with its offset, to the second (None stays None)."""
    return moment.isoformat(timespec="seconds") if moment else None


def is_count(value: Any) -> bool:
    """A whole number of 0 or more (and not a JSON true/false)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@dataclass(frozen=True)
class Entry:
    """One thing a supplier said, already made safe: plain text and an http(s) link."""

    id: str
    title: str
    kind: str = "news"
    summary: str = ""
    link: str = ""
    at: datetime | None = None
    subject: str = ""  # what it is about in the supplier's words, e.g. "Outlook"
    state: str = ""  # the supplier's status word, or "unknown"
    impact: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "title": self.title, "summary": self.summary,
                "link": self.link, "at": iso(self.at), "subject": self.subject,
                "state": self.state, "impact": self.impact}

    @classmethod
    def from_json(cls, raw: object, base: str = "") -> Entry | None:
        """Read an entry back, cleaning it again; None if it is unusable."""
        if not isinstance(raw, dict):
            return None
        title = plain_text(raw.get("title"), TITLE_LIMIT)
        summary = plain_text(raw.get("summary"), SUMMARY_LIMIT)
        kind = raw.get("kind") if raw.get("kind") in ENTRY_KINDS else "news"
        if not (title or summary):
            return None
        return cls(
            id=plain_text(raw.get("id"), TITLE_LIMIT) or title, title=title, kind=kind,
            summary=summary, link=safe_link(raw.get("link"), base), at=parse_moment(raw.get("at")),
            subject=plain_text(raw.get("subject"), TITLE_LIMIT),
            state=plain_text(raw.get("state"), 40), impact=plain_text(raw.get("impact"), 40),
        )


@dataclass(frozen=True)
class CheckResult:
    """One automatic check of a web address."""

    ok: bool
    response_ms: int | None = None
    status_code: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "response_ms": self.response_ms, "status_code": self.status_code}

    @classmethod
    def from_json(cls, raw: object) -> CheckResult | None:
        if not isinstance(raw, dict):
            return None
        return cls(ok=raw.get("ok") is True,
                   response_ms=raw["response_ms"] if is_count(raw.get("response_ms")) else None,
                   status_code=raw["status_code"] if is_count(raw.get("status_code")) else None)


def overall_from_json(raw: object) -> dict[str, str] | None:
    """A Statuspage's own summary (indicator and description), cleaned; None if absent."""
    if not isinstance(raw, dict):
        return None
    return {"indicator": plain_text(raw.get("indicator"), 40),
            "description": plain_text(raw.get("description"), TITLE_LIMIT)}


@dataclass(frozen=True)
class Validators:
    """What the source told us last time, so it can answer "not modified"."""

    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class SourceRecord:
    """Everything the snapshot remembers about one source."""

    id: str
    kind: str
    url: str
    component: str
    name: str = ""
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    consecutive_failures: int = 0
    error: str = ""
    note: str = ""
    validators: Validators = field(default_factory=Validators)
    check: CheckResult | None = None
    overall: dict[str, str] | None = None
    entries: tuple[Entry, ...] = ()

    @property
    def failing(self) -> bool:
        """The last attempt failed."""
        return self.consecutive_failures > 0

    @classmethod
    def new(cls, source: Source) -> SourceRecord:
        return cls(source.id, source.kind, source.url, source.component, source.name)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "name": self.name, "url": self.url, "component": self.component,
            "last_attempt": iso(self.last_attempt), "last_success": iso(self.last_success),
            "consecutive_failures": self.consecutive_failures, "error": self.error,
            "note": self.note, "etag": self.validators.etag,
            "last_modified": self.validators.last_modified,
            "check": self.check.as_json() if self.check else None,
            "overall": self.overall, "entries": [e.as_json() for e in self.entries],
        }

    @classmethod
    def from_json(cls, source_id: str, raw: Any) -> SourceRecord | None:
        """Read a record back, cleaning every text again; None when it is unusable."""
        if not isinstance(raw, dict) or raw.get("kind") not in KINDS:
            return None
        url = plain_text(raw.get("url"), LINK_LIMIT)  # compared with sources.yml, never shown
        failures = raw.get("consecutive_failures")
        entries = (Entry.from_json(e, url) for e in _list(raw.get("entries")))
        return cls(
            id=source_id, kind=raw["kind"], url=url,
            component=plain_text(raw.get("component"), 100),
            name=plain_text(raw.get("name"), TITLE_LIMIT),
            last_attempt=parse_moment(raw.get("last_attempt")),
            last_success=parse_moment(raw.get("last_success")),
            consecutive_failures=failures if is_count(failures) else 0,
            error=plain_text(raw.get("error"), 300), note=plain_text(raw.get("note"), 300),
            validators=Validators(header_value(raw.get("etag")),
                                  header_value(raw.get("last_modified"))),
            check=CheckResult.from_json(raw.get("check")),
            overall=overall_from_json(raw.get("overall")),
            entries=tuple(e for e in entries if e),
        )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
