"""Read every source at once, each in a process of its own, under one deadline.

A thread cannot stop a parser that is busy on the CPU, and in one process one
source's memory is every source's memory. So each source is read by a child
process (`child`) that caps its own memory and computing time, and
`bedside fetch` kills whichever is still going at the deadline: one bad source
can only hurt itself. The children are forked by a zygote process (`zygote`)
that has imported the reading code once, so they start in milliseconds and
share most of their memory (a child waiting for the network adds about 5 MB).
What a child found comes back as JSON on a pipe of its own, never pickled.

How many run at once is sized to the machine: every source of an ordinary
sources.yml (up to `MAX_AT_ONCE`), fewer when memory is short. Children mostly
wait for the network. The computing each may do is capped, and a child that
computes for longer than any valid source needs is lowered in priority, so a
source busy on the CPU cannot starve the valid ones or `bedside fetch` itself.
This needs a Unix-like system (Linux, macOS), as the publish workflow has.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import selectors
import signal
import socket
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from macros.fetch.limits import Deadline
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
# A child that has computed for longer than any valid source needs gives way to the others
# (and to `bedside fetch` itself): it is lowered to this priority. A normal source needs
# well under a tenth of a second, a valid feed of 10 MB about half a second.
GIVE_WAY_AFTER_S = 1.0
GIVE_WAY_NICENESS = 10
WATCH_EVERY_S = 0.1
# The memory all children together may add to what they share with the zygote. When they
# would go over, the one holding the most is stopped: with `bedside fetch` itself and the
# zygote, the whole process tree stays under 512 MB.
CHILDREN_MEMORY_BUDGET = 320_000_000
OVER_BUDGET = ("it needed more memory than was left for it while the other sources were "
               "being read; it may be a trick to fill our memory")
MAX_FDS_PER_BATCH = 200
PACKAGE_ROOT = Path(__file__).resolve().parents[2]
NO_ANSWER = ("its reading process stopped without an answer; it may have needed more "
             "computing time or memory than we allow")


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
    waiting = deque(sources)
    running: dict[int, _Child] = {}  # by the pipe they answer on
    outcomes: dict[str, Outcome] = {}
    limit = at_once or pool_size(len(sources))

    def done(outcome: Outcome) -> None:
        outcomes[outcome.source.id] = outcome
        if on_outcome:
            on_outcome(outcome)

    with selectors.DefaultSelector() as watching:
        try:
            while (waiting or running) and not deadline.expired:
                if waiting and len(running) < limit:
                    batch = [waiting.popleft()
                             for _ in range(min(len(waiting), limit - len(running)))]
                    for started in _start(batch, children_deadline, known, deadline):
                        running[started.pipe] = started
                        watching.register(started.pipe, selectors.EVENT_READ)
                for key, _ in watching.select(min(WATCH_EVERY_S, deadline.remaining())):
                    child = running[key.fd]
                    if child.read_some():
                        watching.unregister(key.fd)
                        del running[key.fd]
                        done(child.outcome())
                for child in running.values():
                    child.give_way_if_busy()
                _keep_within_budget(list(running.values()))
        finally:
            for child in running.values():
                child.stop()
    late = str(deadline.missed())
    for source in sources:
        if source.id not in outcomes:
            done(Outcome(source, FAILED, _now(), error=late))
    return [outcomes[s.id] for s in sources]


def pool_size(count: int) -> int:
    """How many of `count` sources to read at once on this machine."""
    return max(1, min(count, MAX_AT_ONCE, _available_memory() // (4 * CHILD_BUDGET_BYTES)))


def warm_up(*, wait: bool = False) -> None:
    """Start the zygote now, so it loads the reading code while the caller does other work
    (reading the status files, say); with `wait`, return once it is ready."""
    zygote = _zygote()
    if wait:
        zygote.wait_ready(Deadline.after(60))


@dataclass
class _Child:
    """One source being read in its own process."""

    source: Source
    pid: int
    pipe: int
    started_at: datetime
    received: bytearray = field(default_factory=bytearray)
    too_much: bool = False
    gave_way: bool = False
    over_budget: bool = False

    def read_some(self) -> bool:
        """Take what the child has written; True once it has finished (closed its pipe)."""
        try:
            data = os.read(self.pipe, 65536)
        except OSError:
            data = b""
        if data and len(self.received) + len(data) <= MAX_MESSAGE_BYTES:
            self.received += data
            return False
        if data:
            self.too_much = True
            self.stop()
        else:
            os.close(self.pipe)
        return True

    def outcome(self) -> Outcome:
        """What the child said, or why it said nothing."""
        if self.too_much:
            return self._failed("its reading process sent back more than we accept")
        if self.over_budget:
            return self._failed(OVER_BUDGET)
        if not self.received:
            return self._failed(NO_ANSWER)
        try:
            raw = json.loads(self.received.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raw = None
        return (Outcome.from_json(self.source, raw)
                or self._failed("its reading process sent back something we cannot use"))

    def give_way_if_busy(self) -> None:
        """Lower the priority of a child that has computed longer than any valid source
        needs, so valid sources and `bedside fetch` itself keep the cores (Linux only)."""
        if not self.gave_way and _cpu_seconds(self.pid) > GIVE_WAY_AFTER_S:
            self.gave_way = True
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, self.pid, GIVE_WAY_NICENESS)

    def stop(self) -> None:
        """Kill the process (it has not finished) and let go of its pipe."""
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.close(self.pipe)

    def _failed(self, error: str) -> Outcome:
        return Outcome(self.source, FAILED, self.started_at, error=error)


def _keep_within_budget(children: list[_Child]) -> None:
    """Stop the child holding the most memory while all of them hold more than the budget."""
    shared = _zygote().resident_bytes
    held = sorted(((max(0, _resident_bytes(c.pid) - shared), c) for c in children),
                  key=lambda pair: pair[0], reverse=True)
    total = sum(size for size, _ in held)
    for size, child in held:
        if total <= CHILDREN_MEMORY_BUDGET:
            break
        total -= size
        if not child.over_budget:
            child.over_budget = True
            with contextlib.suppress(OSError):
                os.kill(child.pid, signal.SIGKILL)


def _start(batch: list[Source], expires_at: float, known: Mapping[str, Validators],
           deadline: Deadline) -> list[_Child]:
    """Have the zygote fork a child for each source of `batch`."""
    started: list[_Child] = []
    for first in range(0, len(batch), MAX_FDS_PER_BATCH):
        part = batch[first:first + MAX_FDS_PER_BATCH]
        pipes = [os.pipe() for _ in part]
        try:
            pids = _zygote().fork(
                [(source, expires_at, known.get(source.id, Validators())) for source in part],
                [write for _, write in pipes], deadline)
        finally:
            for _, write in pipes:
                os.close(write)
        if pids is None:  # the zygote did not answer in time: these were never started
            for read, _ in pipes:
                os.close(read)
            break
        now = _now()
        started += [_Child(source, pid, read, now)
                    for source, pid, (read, _) in zip(part, pids, pipes, strict=True)]
    return started


class _Zygote:
    """The process children are forked from (`zygote`), one for this Python process."""

    def __init__(self) -> None:
        # Each message arrives whole: a batch is one packet, its pipes passed along with it.
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        paths = [str(PACKAGE_ROOT), *os.environ.get("PYTHONPATH", "").split(os.pathsep)]
        self.process = subprocess.Popen(
            [sys.executable, "-c",
             f"from macros.fetch.zygote import serve; serve({theirs.fileno()})"],
            pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)})
        theirs.close()
        self.channel = ours
        self.ready = False
        self._pending = b""
        self._resident = 0

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    @property
    def resident_bytes(self) -> int:
        """The zygote's memory, which every child shares until it changes it."""
        if not self._resident:
            self._resident = _resident_bytes(self.process.pid)
        return self._resident

    def wait_ready(self, deadline: Deadline) -> bool:
        while not self.ready:
            if self._message(deadline) is None:
                return False
        return True

    def fork(self, items: list[tuple[Source, float, Validators]], pipes: list[int],
             deadline: Deadline) -> list[int] | None:
        """The pids of one child per item, each writing to its pipe; None if too late."""
        from macros.fetch.zygote import source_message

        batch = {"sources": [source_message(*item) for item in items]}
        socket.send_fds(self.channel, [json.dumps(batch).encode("utf-8")], pipes)
        while True:
            message = self._message(deadline)
            if message is None:
                return None
            if "pids" in message:
                return [int(pid) for pid in message["pids"]]

    def close(self) -> None:
        """End the zygote (its children are ended at the deadline), so nothing outlives
        `bedside fetch` or holds its output open."""
        self.channel.close()
        self.process.kill()
        self.process.wait()

    def _message(self, deadline: Deadline) -> dict | None:
        while b"\n" not in self._pending:
            self.channel.settimeout(max(0.001, deadline.remaining()))
            try:
                data = self.channel.recv(65536)
            except (TimeoutError, OSError):
                return None
            if not data:
                return None
            self._pending += data
        line, self._pending = self._pending.split(b"\n", 1)
        message = json.loads(line)
        if message.get("ready"):
            self.ready = True
        return message


_running_zygote: list[_Zygote] = []


def _zygote() -> _Zygote:
    if not (_running_zygote and _running_zygote[0].alive):
        if _running_zygote:
            _running_zygote.pop().close()
        _running_zygote.append(_Zygote())
        atexit.register(_running_zygote[0].close)
    return _running_zygote[0]


def _cpu_seconds(pid: int) -> float:
    """Computing time process `pid` has used so far (0 where the system cannot say)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
    except (OSError, ValueError, IndexError):
        return 0.0


def _resident_bytes(pid: int) -> int:
    """The memory process `pid` holds (resident set), or 0 where the system cannot say."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


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
