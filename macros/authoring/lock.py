"""One authoring command at a time per status file, so no update is ever lost.

`bedside update` reads the file, adds its update and writes the file back. Two
runs at once would both read the same text and the second write would drop
the first one's update. Each command therefore holds a lock on the file it
changes, from reading it to checking what it wrote (a lock file next to it,
`.<name>.lock`, locked by the operating system and removed afterwards). A
second run waits a little for the first, then gives up with a clear message
and writes nothing.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from macros.authoring.errors import REFUSED, AuthoringError
from macros.paths import display_path

WAIT_SECONDS = 60.0  # how long a second run waits for the first before giving up
_POLL_SECONDS = 0.05

try:  # POSIX
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def lock_path(path: Path) -> Path:
    """The lock file of `path`: `.<name>.lock` in the same folder."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the lock on `path` for the `with` block; `AuthoringError` (exit 1) when
    another run still holds it after `wait` seconds."""
    wait = WAIT_SECONDS if wait is None else wait
    target = lock_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    while True:
        fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
        if _try_lock(fd) and _still_there(fd, target):
            break
        os.close(fd)
        if time.monotonic() >= deadline:
            raise AuthoringError(
                f"Another bedside command is changing {display_path(path)} right now, so "
                "nothing was written. Wait until it has finished (it says what it wrote), "
                "then run this command again.", REFUSED)
        time.sleep(_POLL_SECONDS)
    try:
        yield
    finally:
        # Remove the lock file before letting go: a run that opened it meanwhile
        # notices (`_still_there`) and starts again with a fresh one.
        with contextlib.suppress(OSError):  # Windows keeps open files
            target.unlink()
        _unlock(fd)
        os.close(fd)


def _still_there(fd: int, target: Path) -> bool:
    """True when the locked file is still the one at `target` (not removed meanwhile)."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(target))
    except FileNotFoundError:
        return False
