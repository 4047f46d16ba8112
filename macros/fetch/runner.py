"""Read every source at once under one deadline; a slow or hostile source only hurts itself.

Each source is read in its own daemon thread. The caller gets one `Outcome`
per source by the deadline at the latest: a thread still busy then (stuck in
a name lookup, say) is reported as "did not finish" and left behind, and as a
daemon it cannot keep the command from exiting.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from macros.fetch import feed, http, statuspage
from macros.fetch.client import Deadline, FetchError
from macros.fetch.outcome import FAILED, Outcome, Validators
from macros.model import Source

DEFAULT_DEADLINE_S = 20.0
MAX_THREADS = 32
READER_MARGIN_S = 0.25

Reader = Callable[[Source, Deadline, Validators, datetime], Outcome]
READERS: dict[str, Reader] = {"http": http.read, "feed": feed.read,
                              "statuspage": statuspage.read}


def fetch_all(sources: Sequence[Source], deadline_s: float = DEFAULT_DEADLINE_S, *,
              validators: Mapping[str, Validators] | None = None,
              on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Read `sources` concurrently; return one outcome each (in `sources` order) by the deadline.

    `validators` holds each source's ETag/Last-Modified from the last run, for
    conditional requests. `on_outcome` is called, in the calling thread, as each
    source finishes. Never raises because of what a source does.
    """
    deadline = Deadline.after(deadline_s)
    # Readers stop a moment early, so their own reason ("too slowly", "did not
    # answer") reaches the caller rather than a bare "did not finish".
    readers_deadline = Deadline(deadline.expires_at - min(READER_MARGIN_S, deadline_s / 10))
    started_at = _now()
    known = validators or {}
    todo: queue.Queue[Source] = queue.Queue()
    done: queue.Queue[Outcome] = queue.Queue()
    for source in sources:
        todo.put(source)
    for _ in range(min(MAX_THREADS, len(sources))):
        threading.Thread(target=_work, args=(todo, done, readers_deadline, known), daemon=True,
                         name="bedside-fetch").start()

    outcomes: dict[str, Outcome] = {}
    while len(outcomes) < len(sources) and not deadline.expired:
        try:
            outcome = done.get(timeout=deadline.remaining())
        except queue.Empty:
            break
        outcomes[outcome.source.id] = outcome
        if on_outcome:
            on_outcome(outcome)
    late = deadline.missed()
    for source in sources:
        if source.id not in outcomes:
            outcome = Outcome(source, FAILED, started_at, elapsed_s=deadline_s, error=str(late))
            outcomes[source.id] = outcome
            if on_outcome:
                on_outcome(outcome)
    return [outcomes[s.id] for s in sources]


def read_one(source: Source, deadline: Deadline,
             validators: Validators | None = None) -> Outcome:
    """Read one source; every failure, expected or not, becomes a failed outcome."""
    attempted_at = _now()
    started = time.monotonic()
    try:
        reader = READERS[source.kind]
        outcome = reader(source, deadline, validators or Validators(), attempted_at)
    except FetchError as error:
        outcome = Outcome(source, FAILED, attempted_at, error=str(error))
    except Exception as error:  # a source must never crash the run
        outcome = Outcome(source, FAILED, attempted_at,
                          error=f"something unexpected went wrong while reading it "
                                f"({type(error).__name__})")
    return replace(outcome, elapsed_s=time.monotonic() - started)


def _work(todo: queue.Queue[Source], done: queue.Queue[Outcome], deadline: Deadline,
          validators: Mapping[str, Validators]) -> None:
    while not deadline.expired:
        try:
            source = todo.get_nowait()
        except queue.Empty:
            return
        done.put(read_one(source, deadline, validators.get(source.id, Validators())))


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
