"""The snapshot file: what `bedside fetch` learned, kept between runs, read by the build.

One versioned JSON file, written atomically (a temporary file, then a
rename), so a crash mid-write leaves the previous snapshot whole. Per source
it keeps the last attempt and last success, the error in plain words, the
ETag / Last-Modified for conditional requests, the cleaned entries or check
result and the number of failures in a row; a source that fails keeps its
last good data, whose age shows it is stale. Per component it keeps a count of
automatic checks and failures for each of the last 90 days.

The build calls `load_snapshot_view`, which never raises: a missing,
unreadable or newer snapshot becomes `SnapshotView.unavailable(<plain reason>)`.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from macros.fetch.clean import LINK_LIMIT, TITLE_LIMIT, header_value, plain_text
from macros.fetch.outcome import (
    FAILED,
    NOT_MODIFIED,
    OK,
    CheckResult,
    Entry,
    Outcome,
    Validators,
    iso,
    parse_moment,
)
from macros.model import SOURCE_KINDS, Source, StatusTree
from macros.signals import NO_CHECKS, CheckDay, SnapshotView, source_signals

SNAPSHOT_VERSION = 1
SNAPSHOT_NAME = "snapshot.json"
HISTORY_DAYS = 90
MAX_SNAPSHOT_BYTES = 10_000_000

History = dict[str, dict[date, tuple[int, int]]]  # component id -> day -> (checks, failures)


class SnapshotError(Exception):
    """The snapshot cannot be used. `reason` says why in words a reader understands."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


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
        if not isinstance(raw, dict) or raw.get("kind") not in SOURCE_KINDS:
            return None
        url = plain_text(raw.get("url"), LINK_LIMIT)  # compared with sources.yml, never shown
        failures = raw.get("consecutive_failures")
        check = raw.get("check")
        overall = raw.get("overall")
        entries = (Entry.from_json(e, url) for e in _list(raw.get("entries")))
        return cls(
            id=source_id, kind=raw["kind"], url=url,
            component=plain_text(raw.get("component"), 100),
            name=plain_text(raw.get("name"), TITLE_LIMIT),
            last_attempt=parse_moment(raw.get("last_attempt")),
            last_success=parse_moment(raw.get("last_success")),
            consecutive_failures=failures if _count(failures) else 0,
            error=plain_text(raw.get("error"), 300), note=plain_text(raw.get("note"), 300),
            validators=Validators(header_value(raw.get("etag")),
                                  header_value(raw.get("last_modified"))),
            check=CheckResult(
                ok=check.get("ok") is True,
                response_ms=check["response_ms"] if _count(check.get("response_ms")) else None,
                status_code=check["status_code"] if _count(check.get("status_code")) else None,
            ) if isinstance(check, dict) else None,
            overall={"indicator": plain_text(overall.get("indicator"), 40),
                     "description": plain_text(overall.get("description"), TITLE_LIMIT)}
            if isinstance(overall, dict) else None,
            entries=tuple(e for e in entries if e),
        )


@dataclass(frozen=True)
class Snapshot:
    """The whole snapshot file in memory."""

    generated_at: datetime | None = None
    sources: dict[str, SourceRecord] = field(default_factory=dict)
    history: History = field(default_factory=dict)

    def validators(self) -> dict[str, Validators]:
        """Each source's ETag / Last-Modified, for conditional requests."""
        return {sid: r.validators for sid, r in self.sources.items()}

    def as_json(self) -> dict[str, Any]:
        return {
            "version": SNAPSHOT_VERSION,
            "generated_at": iso(self.generated_at),
            "sources": {sid: r.as_json() for sid, r in self.sources.items()},
            "history": {
                cid: {day.isoformat(): {"checks": c, "failures": f}
                      for day, (c, f) in sorted(days.items())}
                for cid, days in sorted(self.history.items())
            },
        }


# --- reading and writing ----------------------------------------------------------


def read_snapshot(path: Path) -> Snapshot:
    """Read the snapshot at `path`; raise `SnapshotError` when it is missing or cannot be used."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SNAPSHOT_BYTES + 1)
    except FileNotFoundError:
        raise SnapshotError("they have not run yet", f"there is no {path}") from None
    except OSError as error:
        raise SnapshotError("their last results could not be read",
                            f"cannot read {path}: {error.strerror}") from None
    if len(raw) > MAX_SNAPSHOT_BYTES:
        raise SnapshotError("their last results could not be read",
                            f"{path} is larger than {MAX_SNAPSHOT_BYTES // 1_000_000} MB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SnapshotError("their last results could not be read",
                            f"{path} is not valid JSON") from None
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SnapshotError("their last results could not be read",
                            f"{path} has no snapshot version number")
    if version > SNAPSHOT_VERSION:
        raise SnapshotError("their last results come from a newer version of this site",
                            f"{path} is version {version}; this Bedside reads version "
                            f"{SNAPSHOT_VERSION}")
    sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}
    records = {sid: SourceRecord.from_json(sid, raw) for sid, raw in sources.items()
               if isinstance(sid, str)}
    return Snapshot(
        generated_at=parse_moment(data.get("generated_at")),
        sources={sid: record for sid, record in records.items() if record},
        history=_read_history(data.get("history")),
    )


def write_snapshot(path: Path, snapshot: Snapshot) -> None:
    """Write `snapshot` to `path` atomically: readers see the old file or the new one, whole."""
    text = json.dumps(snapshot.as_json(), indent=1, ensure_ascii=False) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before the rename
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp",
        delete=False)
    try:
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


# --- merging a run's outcomes -----------------------------------------------------------


def merge(previous: Snapshot, outcomes: Iterable[Outcome], tree: StatusTree,
          now: datetime) -> Snapshot:
    """The snapshot after this run: new results over old ones, history counted and pruned.

    Sources no longer in `sources.yml` are dropped; a source whose address or
    kind changed starts afresh. History is kept for the tree's components only.
    """
    records: dict[str, SourceRecord] = {}
    history = {cid: dict(days) for cid, days in previous.history.items()}
    for outcome in outcomes:
        old = previous.sources.get(outcome.source.id)
        if old and (old.kind != outcome.source.kind or old.url != outcome.source.url):
            old = None
        records[outcome.source.id] = updated_record(old, outcome)
        if outcome.source.kind == "http":
            _count_check(history, outcome, tree.timezone)
    return Snapshot(now, records, prune_history(history, tree.components, now, tree.timezone))


def updated_record(old: SourceRecord | None, outcome: Outcome) -> SourceRecord:
    """One source's record after one outcome."""
    source = outcome.source
    base = replace(old or SourceRecord.new(source), kind=source.kind, url=source.url,
                   component=source.component, name=source.name,
                   last_attempt=outcome.attempted_at)
    if outcome.result == FAILED:
        return replace(base, consecutive_failures=base.consecutive_failures + 1,
                       error=outcome.error, check=outcome.check or base.check)
    fresh = outcome.validators
    kept = fresh if (fresh.etag or fresh.last_modified) else base.validators
    if outcome.result == NOT_MODIFIED:
        return replace(base, last_success=outcome.attempted_at, consecutive_failures=0,
                       error="", validators=kept)
    assert outcome.result == OK
    return replace(
        base, last_success=outcome.attempted_at, consecutive_failures=0, error="",
        note=outcome.note, validators=fresh,
        check=outcome.check or base.check,
        overall=outcome.overall if outcome.overall is not None else base.overall,
        entries=outcome.entries if outcome.entries is not None else base.entries,
    )


def prune_history(history: History, components: Iterable[str], now: datetime,
                  zone: ZoneInfo) -> History:
    """Only known components, only the last `HISTORY_DAYS` days (site zone)."""
    first = now.astimezone(zone).date() - timedelta(days=HISTORY_DAYS - 1)
    known = set(components)
    pruned = {cid: {day: counts for day, counts in days.items() if day >= first}
              for cid, days in history.items() if cid in known}
    return {cid: days for cid, days in pruned.items() if days}


def _count_check(history: History, outcome: Outcome, zone: ZoneInfo) -> None:
    day = outcome.attempted_at.astimezone(zone).date()
    days = history.setdefault(outcome.source.component, {})
    checks, failures = days.get(day, (0, 0))
    days[day] = (checks + 1, failures + (1 if outcome.failed else 0))


def _read_history(raw: Any) -> History:
    history: History = {}
    for cid, days in (raw.items() if isinstance(raw, dict) else ()):
        if not isinstance(cid, str) or not isinstance(days, dict):
            continue
        for day_text, counts in list(days.items())[-HISTORY_DAYS * 2:]:
            try:
                day = date.fromisoformat(day_text)
            except (TypeError, ValueError):
                continue
            if isinstance(counts, dict) and _count(counts.get("checks")) \
                    and _count(counts.get("failures")) and counts["failures"] <= counts["checks"]:
                history.setdefault(cid, {})[day] = (counts["checks"], counts["failures"])
    return history


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


# --- what the build sees ---------------------------------------------------------------


def unavailable_reason(why: str) -> str:
    """The sentence a reader sees when automatic checks cannot be shown."""
    return (f"Automatic checks are not available right now ({why}). "
            "What the IT team writes here is up to date.")


def load_snapshot_view(path: Path, tree: StatusTree, now: datetime) -> SnapshotView:
    """The snapshot at `path` as the page shows it at `now`. Never raises."""
    try:
        snapshot = read_snapshot(path)
        return snapshot_view(snapshot, tree, now)
    except SnapshotError as error:
        return SnapshotView.unavailable(unavailable_reason(error.reason))
    except Exception:  # the page must build whatever the file holds
        return SnapshotView.unavailable(NO_CHECKS)


def snapshot_view(snapshot: Snapshot, tree: StatusTree, now: datetime) -> SnapshotView:
    """Signals for every configured source, and each component's last 90 days of checks."""
    signals = []
    for source in tree.sources:
        record = snapshot.sources.get(source.id)
        if record and record.kind == source.kind:
            signals.extend(source_signals(source, record, tree, now))
    first = now.astimezone(tree.timezone).date() - timedelta(days=HISTORY_DAYS - 1)
    history = {
        cid: tuple(CheckDay(day, checks, failures)
                   for day, (checks, failures) in sorted(days.items()) if day >= first)
        for cid, days in snapshot.history.items() if cid in tree.components
    }
    return SnapshotView(available=True, generated_at=snapshot.generated_at,
                        signals=tuple(signals), history={c: d for c, d in history.items() if d})


def previous_for(path: Path) -> tuple[Snapshot, str]:
    """The snapshot to build on, and a note when an unusable one had to be set aside."""
    try:
        return read_snapshot(path), ""
    except SnapshotError as error:
        if not path.exists():
            return Snapshot(), ""
        aside = path.with_name(path.name + ".unreadable")
        try:
            os.replace(path, aside)
        except OSError:
            return Snapshot(), f"The snapshot could not be used ({error}); starting a new one."
        return Snapshot(), (f"The snapshot could not be used ({error}); it was kept as "
                            f"{aside.name} and a new one was started.")

