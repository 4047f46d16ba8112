"""The snapshot a run builds on. One that cannot be used is never thrown away.

A damaged, unreadable, too large or newer snapshot is moved aside, into the
same folder, as `snapshot.json.broken-<UTC time>` (`.newer-<UTC time>` when a
newer Bedside wrote it); the publish workflow saves it beside the new one.
Whatever can still be read of its 90-day history is carried over into the new
snapshot, so the uptime bars keep their days. If the file cannot even be moved
aside, nothing is fetched and nothing is written over it.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from macros.paths import display_path
from macros.snapshot import (
    MAX_SNAPSHOT_BYTES,
    MISSING,
    NEWER,
    UNREADABLE,
    History,
    Snapshot,
    SnapshotError,
    read_history,
    read_snapshot,
)

# The names an unusable snapshot is kept under: snapshot.json.<label>-<UTC time>.
KEPT_LABELS = ("broken", "newer")
# How much of an unusable file is searched for history (it may be over the usual limit).
SALVAGE_LIMIT = 5 * MAX_SNAPSHOT_BYTES
# The history as our writer lays it out: a component's days, each with its two counts.
# Read piece by piece, so a mistake elsewhere in the file does not hide the rest.
_HISTORY_PIECES = re.compile(
    r'"(?P<component>[a-z0-9]+(?:-[a-z0-9]+)*)"\s*:\s*\{(?=\s*"\d{4}-\d{2}-\d{2}")'
    r'|"(?P<day>\d{4}-\d{2}-\d{2})"\s*:\s*\{\s*"checks"\s*:\s*(?P<checks>\d+)\s*,'
    r'\s*"failures"\s*:\s*(?P<failures>\d+)\s*\}')


class SnapshotKeptError(Exception):
    """An unusable snapshot could not be moved aside; the message says what to do."""


@dataclass(frozen=True)
class Previous:
    """The snapshot to build on, and what happened to an unusable one."""

    snapshot: Snapshot
    note: str = ""  # plain words for the IT team; "" when the snapshot was fine
    kept_as: Path | None = None


def previous_snapshot(path: Path, now: datetime) -> Previous:
    """The snapshot at `path`; an unusable one is moved aside and its history carried over."""
    try:
        return Previous(read_snapshot(path))
    except SnapshotError as error:
        if error.problem == MISSING:
            return Previous(Snapshot())
        unusable = error
    history = salvage_history(path, unusable.problem)
    aside = _aside_name(path, unusable.problem, now)
    try:
        os.replace(path, aside)
    except OSError as moving:
        raise SnapshotKeptError(
            f"The snapshot {display_path(path)} cannot be used ({unusable}), and it could "
            f"not be moved aside to keep it ({moving.strerror}). Nothing was fetched, so "
            "nothing in it is lost. Move it away by hand and run `bedside fetch` again."
        ) from None
    return Previous(Snapshot(history=history), _note(path, unusable, aside, history), aside)


def salvage_history(path: Path, problem: str) -> History:
    """What can still be read of the 90-day history in an unusable snapshot file."""
    if problem == UNREADABLE:
        return {}
    try:
        with path.open("rb") as handle:
            text = handle.read(SALVAGE_LIMIT).decode("utf-8", errors="replace")
    except OSError:
        return {}
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        data = None
    if isinstance(data, dict) and isinstance(data.get("history"), dict):
        return read_history(data["history"])
    return read_history(_history_pieces(text))


def _history_pieces(text: str) -> dict[str, dict[str, Any]]:
    """The history found piece by piece in a file that is not valid JSON."""
    start = text.find('"history"')
    found: dict[str, dict[str, Any]] = {}
    component = None
    for piece in _HISTORY_PIECES.finditer(text, max(start, 0)) if start >= 0 else ():
        if piece["component"]:
            component = piece["component"]
        elif component:
            found.setdefault(component, {})[piece["day"]] = {
                "checks": int(piece["checks"]), "failures": int(piece["failures"])}
    return found


def _aside_name(path: Path, problem: str, now: datetime) -> Path:
    broken, newer = KEPT_LABELS
    label = newer if problem == NEWER else broken
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.{label}-{stamp}")
    count = 1
    while candidate.exists() or candidate.is_symlink():
        count += 1
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{count}")
    return candidate


def _note(path: Path, error: SnapshotError, aside: Path, history: History) -> str:
    days = sum(len(d) for d in history.values())
    kept = (f"The snapshot {display_path(path)} could not be used ({error}). It was kept "
            f"beside the new one as {aside.name}")
    if days:
        components = len(history)
        return (f"{kept}, and its history ({days} day{'s' * (days != 1)} of checks for "
                f"{components} component{'s' * (components != 1)}) was carried over into "
                "the new one.")
    return (f"{kept}. None of its history could be read, so the history on the page starts "
            "again today; the old file still holds whatever it had.")
