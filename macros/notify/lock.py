"""One `bedside notify` at a time per status tree, so two runs never send the same message.

The lock is an operating-system file lock on a hidden file beside the record
(`.notify.lock`): it is let go when the run ends, even when the run is killed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

LOCK_NAME = ".notify.lock"
WAIT_S = 30.0  # how long a run waits for the one before it


class LockError(Exception):
    """Another run holds the lock, or it cannot be taken; the message says what to do."""


@contextmanager
def notify_lock(status_dir: Path, wait_s: float | None = None) -> Iterator[None]:
    """Hold the tree's notify lock for the block; `LockError` when it cannot be had."""
    wait = WAIT_S if wait_s is None else wait_s
    path = status_dir / LOCK_NAME
    lock = filelock.FileLock(path, timeout=wait, thread_local=False)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise LockError(f"another `bedside notify` is still running on {status_dir} (it "
                        f"holds {path.name}); waited {wait:g} seconds. This run sent "
                        "nothing, so nothing goes out twice: run again once it has "
                        "finished") from None
    except OSError as error:
        raise LockError(f"cannot take the lock {path} ({error.strerror or error}), so "
                        "nothing was sent: make the folder writable and run again") from None
    try:
        yield
    finally:
        lock.release()
