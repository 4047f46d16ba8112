"""When each status file appeared and changed, as far as git knows.

The data says when an incident started and when each update was written, but
not when planned work without `announce_from` was first published, nor when
someone moved its window without writing an update. The repository's history
does: one `git log` per build (`read_history`) gives, for every file under the
status tree, the times it was added and changed.

Nothing here is required. Outside a git checkout, without git, or in a
shallow clone (whose oldest commit seems to add every file at once) the
history is empty and the outputs fall back to the data alone (see
`macros.status_document.edition`). Times come from the commits' author dates;
the build only counts what happened by its clock, so a pinned `BEDSIDE_NOW`
sees the history as it stood then.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

GIT_TIMEOUT_S = 30
_COMMIT = "\x1e"  # starts each commit's record in the log


@dataclass(frozen=True)
class FileHistory:
    """The commits that added or changed one file (author times, any order)."""

    added: tuple[datetime, ...] = ()
    changed: tuple[datetime, ...] = ()

    def first_seen(self, now: datetime) -> datetime | None:
        """When the file first appeared, by `now`."""
        return min((t for t in self.added if t <= now), default=None)

    def last_edited(self, now: datetime) -> datetime | None:
        """The latest commit that changed the file after it was added, by `now`."""
        changes = sorted(t for t in self.changed if t <= now)
        return changes[-1] if len(changes) > 1 else None

    def revisions(self, now: datetime) -> int:
        """How many commits added or changed the file, by `now`."""
        return sum(1 for t in self.changed if t <= now)


@dataclass
class TreeHistory:
    """The history of every file under a status tree, read from git once, when first asked.

    `files` may be given (tests do); otherwise `of` runs `read_history` the
    first time it is called. Editions narrowed to an audience share one
    `TreeHistory`, so a build asks git once.
    """

    root: Path | None
    files: Mapping[Path, FileHistory] | None = field(default=None)

    def of(self, path: Path | None) -> FileHistory:
        """The history of `path` (empty when git has none)."""
        if self.files is None:
            self.files = read_history(self.root) if self.root else {}
        if path is None:
            return FileHistory()
        return self.files.get(path.resolve(), FileHistory())


def read_history(root: Path) -> dict[Path, FileHistory]:
    """Every file under `root` that git has committed, with its history; {} without one."""
    top = _git(root, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    if top is None:
        return {}
    lines = top.splitlines()
    if len(lines) != 2 or lines[1].strip() != "false":
        return {}  # a shallow clone: the history is cut off, so it would mislead
    log = _git(root, "-c", "core.quotepath=off", "log", "--no-renames",
               f"--format={_COMMIT}%aI", "--name-status", "--", ".")
    if log is None:
        return {}
    return parse_log(log, Path(lines[0]))


def parse_log(log: str, top: Path) -> dict[Path, FileHistory]:
    """The histories in the output of `git log --format=<RS>%aI --name-status`."""
    added: dict[Path, list[datetime]] = {}
    changed: dict[Path, list[datetime]] = {}
    for record in log.split(_COMMIT)[1:]:
        head, _, body = record.partition("\n")
        try:
            when = datetime.fromisoformat(head.strip())
        except ValueError:
            continue
        for line in body.splitlines():
            status, _, name = line.partition("\t")
            if not name or status[:1] not in ("A", "M"):
                continue
            path = (top / name).resolve()
            changed.setdefault(path, []).append(when)
            if status.startswith("A"):
                added.setdefault(path, []).append(when)
    return {path: FileHistory(tuple(added.get(path, ())), tuple(times))
            for path, times in changed.items()}


def _git(root: Path, *args: str) -> str | None:
    """The output of `git args` run in `root`, or None when git cannot answer."""
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                                timeout=GIT_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
