"""The limits a source is read under, and what we say when one is reached.

Per request: a time-out and a size cap (`Limits`, from sources.yml). For all
sources together: one `Deadline`. Per source, for the child process that
reads it: memory and computing time (applied by `child`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from macros.kinds.base import FetchError, seconds_words, size_words

MEMORY_LIMIT = 150_000_000
CPU_LIMIT_S = 2
TOO_MUCH_MEMORY = ("reading it needed more memory than we allow for one source "
                   f"({size_words(MEMORY_LIMIT)}); it may be a trick to fill our memory")
TOO_MUCH_WORK = ("reading it took more computing time than we allow for one source "
                 f"({seconds_words(CPU_LIMIT_S)}); it may be a trick to keep us busy")


@dataclass(frozen=True)
class Deadline:
    """A moment on the monotonic clock after which no source may keep us waiting."""

    expires_at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(0.0, self.expires_at - time.monotonic())

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0.0

    def missed(self) -> FetchError:
        """The error for a source that was still going when time ran out."""
        return FetchError("it did not finish in the time allowed for all sources")


@dataclass(frozen=True)
class Limits:
    """How long one request may wait and how much it may download."""

    timeout_s: float = 5.0
    max_bytes: int = 10_000_000
