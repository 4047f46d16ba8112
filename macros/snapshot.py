"""The snapshot file: what `bedside fetch` learned, kept between runs, read by the build.

One versioned JSON file, written atomically (a temporary file, then a
rename), so a crash mid-write leaves the previous snapshot whole. Per source
it keeps the last attempt and last success, the error in plain words, the
ETag / Last-Modified for conditional requests, the cleaned entries or check
result and the number of failures in a row; a source that fails keeps its
last good data, whose age shows it is stale. Per component it keeps a count of
automatic checks and failures for each of the last 90 days.

The snapshot is the only thing that passes between fetching and building.
The build calls `load_snapshot_view`, which never raises: a missing,
unreadable or newer snapshot becomes `SnapshotView.unavailable(<plain reason>)`.
`bedside fetch` adds each run's results (`macros.fetch.merge`) and never
throws away a snapshot it cannot use (`macros.fetch.previous`).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from macros.model import StatusTree
from macros.records import SourceRecord, Validators, is_count, iso, parse_moment
from macros.signals import NO_CHECKS, CheckDay, SnapshotView, source_signals

SNAPSHOT_VERSION = 1
SNAPSHOT_NAME = "snapshot.json"
HISTORY_DAYS = 90
MAX_SNAPSHOT_BYTES = 10_000_000

History = dict[str, dict[date, tuple[int, int]]]  # component id -> day -> (checks, failures)


# Why a snapshot could not be used (`SnapshotError.problem`).
MISSING = "missing"
UNREADABLE = "unreadable"  # the file system would not give us its bytes
TOO_LARGE = "too large"
DAMAGED = "damaged"  # not JSON, or not a snapshot
NEWER = "newer"  # written by a newer Bedside


class SnapshotError(Exception):
    """The snapshot cannot be used. `reason` says why in words a reader of the page
    understands; `problem` is one of the kinds above; the message is for the IT team."""

    def __init__(self, reason: str, detail: str, problem: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.problem = problem


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
    data = snapshot_data(path)
    sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}
    records = {sid: SourceRecord.from_json(sid, raw) for sid, raw in sources.items()
               if isinstance(sid, str)}
    return Snapshot(
        generated_at=parse_moment(data.get("generated_at")),
        sources={sid: record for sid, record in records.items() if record},
        history=read_history(data.get("history")),
    )


def snapshot_data(path: Path) -> dict[str, Any]:
    """The JSON object in the snapshot file at `path`, if it is one this Bedside can read."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_SNAPSHOT_BYTES + 1)
    except FileNotFoundError:
        raise SnapshotError("they have not run yet", f"there is no {path}", MISSING) from None
    except OSError as error:
        raise SnapshotError("their last results could not be read",
                            f"cannot read {path}: {error.strerror}", UNREADABLE) from None
    if len(raw) > MAX_SNAPSHOT_BYTES:
        raise SnapshotError("their last results could not be read",
                            f"{path} is larger than {MAX_SNAPSHOT_BYTES // 1_000_000} MB",
                            TOO_LARGE)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SnapshotError("their last results could not be read",
                            f"{path} is not valid JSON", DAMAGED) from None
    version = data.get("version") if isinstance(data, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SnapshotError("their last results could not be read",
                            f"{path} has no snapshot version number", DAMAGED)
    if version > SNAPSHOT_VERSION:
        raise SnapshotError("their last results come from a newer version of this site",
                            f"{path} is version {version}; this Bedside reads version "
                            f"{SNAPSHOT_VERSION}", NEWER)
    return data


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


# --- history ------------------------------------------------------------------------


def read_history(raw: Any) -> History:
    """The per-day check counts in `raw` (the file's "history"), skipping what is not valid."""
    history: History = {}
    for cid, days in (raw.items() if isinstance(raw, dict) else ()):
        if not isinstance(cid, str) or not isinstance(days, dict):
            continue
        for day_text, counts in list(days.items())[-HISTORY_DAYS * 2:]:
            try:
                day = date.fromisoformat(day_text)
            except (TypeError, ValueError):
                continue
            if isinstance(counts, dict) and is_count(counts.get("checks")) \
                    and is_count(counts.get("failures")) and counts["failures"] <= counts["checks"]:
                history.setdefault(cid, {})[day] = (counts["checks"], counts["failures"])
    return history


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
