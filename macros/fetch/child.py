"""One source, read in a process of its own: the only place a feed is fetched and parsed.

`zygote` forks one of these for each source. Before it reads, the process
limits itself to `limits.MEMORY_LIMIT` bytes of address space (RLIMIT_AS) and
`limits.CPU_LIMIT_S` seconds of computing (RLIMIT_CPU). It keeps its
priority: on a machine shared with other work, a lowered priority starves the
valid sources with the hostile ones. Its outcome goes back as
JSON over a pipe, never pickled: only plain data crosses, and `bedside fetch`
cleans it again.
"""

from __future__ import annotations

import json
import signal
import time
from dataclasses import replace
from datetime import UTC, datetime
from types import FrameType

from macros.fetch.client import SourceWeb
from macros.fetch.limits import CPU_LIMIT_S, MEMORY_LIMIT, TOO_MUCH_MEMORY, TOO_MUCH_WORK, Deadline
from macros.kinds import source_kind
from macros.kinds.base import FAILED, FetchError, Outcome
from macros.model import Source
from macros.records import Validators

try:
    import resource
except ImportError:  # pragma: no cover - Windows has no resource limits
    resource = None  # type: ignore[assignment]



class TooMuchWork(BaseException):
    """The process used up its computing time (SIGXCPU). Not an `Exception`, so that a
    parser's own `except Exception` cannot swallow it."""


def main(source: Source, expires_at: float, validators: Validators, pipe: int) -> None:
    """The child process: limit itself, read `source`, write the outcome as JSON to `pipe`."""
    limit_resources()
    outcome = read_one(source, Deadline(expires_at), validators)
    try:
        with open(pipe, "wb") as out:
            out.write(json.dumps(outcome.as_json()).encode("utf-8"))
    except (OSError, ValueError, MemoryError):
        pass  # `bedside fetch` reports a child that said nothing


def limit_resources() -> None:
    """Cap this process's memory and computing time."""
    if resource is None:  # pragma: no cover
        return
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT_S, CPU_LIMIT_S + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGXCPU, _out_of_time)


def read_one(source: Source, deadline: Deadline, validators: Validators) -> Outcome:
    """Read one source; every failure, expected or not, becomes a failed outcome."""
    attempted_at = datetime.now(UTC).replace(microsecond=0)
    started = time.monotonic()
    try:
        kind = source_kind(source.kind)
        outcome = kind.read(source, SourceWeb(source, deadline), validators, attempted_at)
    except FetchError as error:
        outcome = Outcome(source, FAILED, attempted_at, error=str(error))
    except MemoryError:
        outcome = Outcome(source, FAILED, attempted_at, error=TOO_MUCH_MEMORY)
    except TooMuchWork:
        outcome = Outcome(source, FAILED, attempted_at, error=TOO_MUCH_WORK)
    except Exception as error:  # a source must never crash the run
        outcome = Outcome(source, FAILED, attempted_at,
                          error=f"something unexpected went wrong while reading it "
                                f"({type(error).__name__})")
    return replace(outcome, elapsed_s=round(time.monotonic() - started, 3),
                   peak_bytes=peak_bytes())


def peak_bytes() -> int:
    """The most memory this process has held (0 where the system cannot say)."""
    if resource is None:  # pragma: no cover
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _out_of_time(signum: int, frame: FrameType | None) -> None:
    raise TooMuchWork()
