"""Read every source at once, each in a process of its own, under one deadline.

A thread cannot stop a parser that is busy on the CPU, and in one process one
source's memory is every source's memory. So each source is read by a child
process (`child`) that caps its own memory and computing time, and
`bedside fetch` kills whichever is still going at the deadline: one bad source
can only hurt itself. The children come from a fork server that has imported
the reading code once, so starting one takes milliseconds and most of its
memory is shared (a child waiting for the network adds about 5 MB).

How many run at once is sized to the machine: every source of an ordinary
sources.yml (up to `MAX_AT_ONCE`), fewer when memory is short. Children mostly
wait for the network; the computing they do is capped per child and the
operating system shares the cores fairly, so a source busy on the CPU cannot
starve the others.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess

from macros.fetch.limits import TOO_MUCH_WORK, Deadline
from macros.kinds.base import FAILED, Outcome
from macros.model import Source
from macros.records import Validators

MAX_AT_ONCE = 64
# What a waiting child may cost at most, for sizing: a quarter of the free memory is used.
CHILD_BUDGET_BYTES = 16 * 1024 * 1024
# Children stop a moment before the deadline, so their own reason ("too slowly", "did
# not answer") reaches the caller rather than a bare "did not finish".
READER_MARGIN_S = 0.25
MAX_MESSAGE_BYTES = 1_000_000
# How long to wait for killed children to be cleared away, all together.
STOP_WAIT_S = 0.5
# What the fork server imports once, for every child ("__main__": the script that was
# run, `bedside` say, which multiprocessing would otherwise run again in each child).
PRELOAD = ["__main__", "macros.fetch.runner", "macros.fetch.child"]


def fetch_all(sources: Sequence[Source], deadline: float | Deadline, *,
              validators: Mapping[str, Validators] | None = None,
              on_outcome: Callable[[Outcome], None] | None = None,
              at_once: int | None = None) -> list[Outcome]:
    """Read `sources`, each in its own process; one outcome each (in `sources` order) by the
    deadline (seconds from now, or a `Deadline`).

    `validators` holds each source's ETag/Last-Modified from the last run, for
    conditional requests. `on_outcome` is called as each source finishes.
    Never raises because of what a source does.
    """
    if not isinstance(deadline, Deadline):
        deadline = Deadline.after(deadline)
    margin = min(READER_MARGIN_S, deadline.remaining() / 10)
    children_deadline = deadline.expires_at - margin
    known = validators or {}
    context = fork_server()
    waiting = deque(sources)
    running: list[_Child] = []
    started: list[_Child] = []
    outcomes: dict[str, Outcome] = {}
    limit = at_once or pool_size(len(sources))

    def done(outcome: Outcome) -> None:
        outcomes[outcome.source.id] = outcome
        if on_outcome:
            on_outcome(outcome)

    try:
        while (waiting or running) and not deadline.expired:
            while waiting and len(running) < limit and not deadline.expired:
                source = waiting.popleft()
                child = _Child.start(context, source, children_deadline,
                                     known.get(source.id, Validators()))
                running.append(child)
                started.append(child)
            ready = set(wait([c.pipe for c in running] + [c.process.sentinel for c in running],
                             timeout=deadline.remaining()))
            for child in [c for c in running if c.pipe in ready or c.process.sentinel in ready]:
                running.remove(child)
                done(child.outcome())
    finally:
        _stop_all(started)
    late = str(deadline.missed())
    for source in sources:
        if source.id not in outcomes:
            done(Outcome(source, FAILED, _now(), error=late))
    return [outcomes[s.id] for s in sources]


def pool_size(count: int) -> int:
    """How many of `count` sources to read at once on this machine."""
    return max(1, min(count, MAX_AT_ONCE, _available_memory() // (4 * CHILD_BUDGET_BYTES)))


def warm_up(*, wait: bool = False) -> None:
    """Start the fork server now, so it loads the reading code while the caller does other
    work (reading the status files, say); with `wait`, return once it is ready."""
    context = fork_server()
    if wait:
        process = context.Process(target=_nothing, daemon=True)  # type: ignore[attr-defined]
        process.start()
        process.join()
    elif context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def _nothing() -> None:
    """A child that only shows the fork server is ready."""


@cache
def fork_server() -> BaseContext:
    """Where children come from: a fork server that has imported the reading code once
    (a fresh interpreter for each child where the system has no fork server)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


@dataclass
class _Child:
    """One source being read in its own process."""

    source: Source
    process: BaseProcess
    pipe: Connection
    started_at: datetime

    @classmethod
    def start(cls, context: BaseContext, source: Source, expires_at: float,
              validators: Validators) -> _Child:
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(  # type: ignore[attr-defined]
            target=_read_in_child, name=f"bedside-fetch {source.id}", daemon=True,
            args=(replace(source, origin=None), expires_at, validators, writer))
        process.start()
        writer.close()
        return cls(source, process, reader, _now())

    def outcome(self) -> Outcome:
        """What the child said, or why it said nothing."""
        try:
            if self.pipe.poll(0):
                message = self.pipe.recv_bytes(MAX_MESSAGE_BYTES)
                outcome = Outcome.from_json(self.source, _json(message))
                if outcome:
                    return outcome
                return self._failed("its reading process sent back something we cannot use")
        except (EOFError, OSError):
            pass
        self.process.join(timeout=1.0)
        return self._failed(_why_it_stopped(self.process.exitcode))

    def _failed(self, error: str) -> Outcome:
        return Outcome(self.source, FAILED, self.started_at, error=error)


def _stop_all(children: list[_Child]) -> None:
    """Kill every child still going, then let go of them (without waiting long: a child the
    system has not cleared away yet is cleared when `bedside fetch` exits)."""
    for child in children:
        if child.process.is_alive():
            child.process.kill()
    cleared_by = Deadline.after(STOP_WAIT_S)
    for child in children:
        child.process.join(timeout=cleared_by.remaining())
        child.pipe.close()


def _read_in_child(*args: object) -> None:
    """The child's entry point (the fork server has already imported the reading code)."""
    from macros.fetch.child import main

    main(*args)  # type: ignore[arg-type]


def _why_it_stopped(exitcode: int | None) -> str:
    if exitcode == -signal.SIGXCPU:
        return TOO_MUCH_WORK
    if exitcode == -signal.SIGKILL:
        return ("its reading process was stopped by the system, most likely for using too "
                "much computing time or memory")
    return f"its reading process stopped unexpectedly (exit code {exitcode})"


def _json(message: bytes) -> object:
    try:
        return json.loads(message.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _available_memory() -> int:
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):  # pragma: no cover
        return 4 * MAX_AT_ONCE * CHILD_BUDGET_BYTES


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
