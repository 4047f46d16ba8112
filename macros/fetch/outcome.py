"""What reading one source produced, in the shapes the snapshot stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from macros.fetch.clean import SUMMARY_LIMIT, TITLE_LIMIT, plain_text, safe_link
from macros.model import Source

OK = "ok"
NOT_MODIFIED = "not_modified"
FAILED = "failed"
MAX_ENTRIES = 50

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
        """Read an entry back from a snapshot, cleaning it again; None if it is unusable."""
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


def newest_first(entries: list[Entry]) -> tuple[Entry, ...]:
    """The `MAX_ENTRIES` newest entries, newest first; undated ones after dated ones."""
    dated = [e for e in entries if e.at is not None]
    dated.sort(key=lambda e: e.at.timestamp() if e.at else 0.0, reverse=True)
    undated = [e for e in entries if e.at is None]
    return tuple([*dated, *undated][:MAX_ENTRIES])


@dataclass(frozen=True)
class CheckResult:
    """One automatic check of a web address."""

    ok: bool
    response_ms: int | None = None
    status_code: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "response_ms": self.response_ms, "status_code": self.status_code}


@dataclass(frozen=True)
class Validators:
    """What the source told us last time, so it can answer "not modified"."""

    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Outcome:
    """The result of reading one source once."""

    source: Source
    result: str  # OK, NOT_MODIFIED or FAILED
    attempted_at: datetime
    elapsed_s: float = 0.0
    error: str = ""  # plain words, when it failed
    note: str = ""  # plain words, e.g. the feed was not well-formed but could be read
    validators: Validators = field(default_factory=Validators)
    entries: tuple[Entry, ...] | None = None  # None: keep what we had
    check: CheckResult | None = None  # http sources only
    overall: dict[str, str] | None = None  # statuspage sources: indicator and description

    @property
    def failed(self) -> bool:
        return self.result == FAILED
