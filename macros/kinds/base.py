"""What every source kind provides, and the shapes its reading produces.

A kind's `read` runs in a child process of `bedside fetch` and gets a `Web`:
one bounded HTTP client for that source, with its time-outs, size cap, the
shared deadline and the rules about where redirects may lead already applied.
It returns an `Outcome` or raises `FetchError` with the reason in plain words.
A kind's `signals` runs in the build and turns the source's snapshot record
into the sentences the page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from macros.model import Source
from macros.outside_text import header_value, plain_text
from macros.records import (
    CheckResult,
    Entry,
    Validators,
    is_count,
    iso,
    overall_from_json,
    parse_moment,
)

if TYPE_CHECKING:
    from macros.model import StatusTree
    from macros.records import SourceRecord
    from macros.signals import Signal

OK = "ok"
NOT_MODIFIED = "not_modified"
FAILED = "failed"
RESULTS = (OK, NOT_MODIFIED, FAILED)
MAX_ENTRIES = 50
ERROR_LIMIT = 300


class FetchError(Exception):
    """A source could not be read. The message says why, in plain words."""

    def __init__(self, message: str, *, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry


@dataclass(frozen=True)
class Answer:
    """A successful answer (2xx with its body, or 304 without one)."""

    url: str
    status: int
    body: bytes
    elapsed_s: float
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Web(Protocol):
    """The one way a kind reaches the network: a bounded GET (see `macros.fetch.client`)."""

    def get(self, url: str, *, accept: str = "*/*", validators: Validators | None = None,
            read_body: bool = True) -> Answer: ...


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
    check: CheckResult | None = None  # checks only
    overall: dict[str, str] | None = None  # statuspage sources: indicator and description
    peak_bytes: int = 0  # the most memory the reading process used (0: not measured)

    @property
    def failed(self) -> bool:
        return self.result == FAILED

    def as_json(self) -> dict[str, Any]:
        """Plain data, as the child process hands it to `bedside fetch` (never pickled)."""
        return {
            "result": self.result, "attempted_at": iso(self.attempted_at),
            "elapsed_s": self.elapsed_s, "error": self.error, "note": self.note,
            "etag": self.validators.etag, "last_modified": self.validators.last_modified,
            "entries": None if self.entries is None else [e.as_json() for e in self.entries],
            "check": self.check.as_json() if self.check else None,
            "overall": self.overall, "peak_bytes": self.peak_bytes,
        }

    @classmethod
    def from_json(cls, source: Source, raw: object) -> Outcome | None:
        """An outcome for `source` from a child's plain data, cleaned again; None if unusable."""
        if not isinstance(raw, dict) or raw.get("result") not in RESULTS:
            return None
        attempted_at = parse_moment(raw.get("attempted_at"))
        if attempted_at is None:
            return None
        entries = raw.get("entries")
        elapsed = raw.get("elapsed_s")
        return cls(
            source, raw["result"], attempted_at,
            elapsed_s=float(elapsed) if isinstance(elapsed, int | float) else 0.0,
            error=plain_text(raw.get("error"), ERROR_LIMIT),
            note=plain_text(raw.get("note"), ERROR_LIMIT),
            validators=Validators(header_value(raw.get("etag")),
                                  header_value(raw.get("last_modified"))),
            entries=None if not isinstance(entries, list) else newest_first(
                [e for e in (Entry.from_json(item, source.url) for item in entries) if e]),
            check=CheckResult.from_json(raw.get("check")),
            overall=overall_from_json(raw.get("overall")),
            peak_bytes=raw["peak_bytes"] if is_count(raw.get("peak_bytes")) else 0,
        )


def newest_first(entries: list[Entry]) -> tuple[Entry, ...]:
    """The `MAX_ENTRIES` newest entries, newest first; undated ones after dated ones."""
    dated = [e for e in entries if e.at is not None]
    dated.sort(key=lambda e: e.at.timestamp() if e.at else 0.0, reverse=True)
    undated = [e for e in entries if e.at is None]
    return tuple([*dated, *undated][:MAX_ENTRIES])


def seconds_words(seconds: float) -> str:
    """ "5 seconds", "0.5 seconds", "1 second"."""
    value = f"{seconds:.1f}".rstrip("0").rstrip(".")
    return f"{value} second" + ("" if value == "1" else "s")


def size_words(size: int) -> str:
    """ "2 MB", "512 KB"."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".rstrip("0").rstrip(".") + " MB"
    return f"{max(1, size // 1000)} KB"


Reader = Callable[[Source, Web, Validators, datetime], Outcome]
Phraser = Callable[["Source", "SourceRecord", "StatusTree", datetime], "list[Signal]"]


@dataclass(frozen=True)
class SourceKind:
    """One kind of source: what it is, how `bedside fetch` reads it, what the page says."""

    name: str
    summary: str  # what a source of this kind is, for the schema: "an RSS or Atom feed"
    read: Reader  # runs in a child process of `bedside fetch`
    signals: Phraser  # runs in the build, from the snapshot record
    is_check: bool = False  # an up/down check: counted in the 90-day history, alerts after N
    preload: tuple[str, ...] = ()  # modules `read` imports when it runs, loaded once up front
