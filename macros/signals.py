"""What automatic signals look like to the page: plain sentences, never raw feed data.

`bedside fetch` writes a snapshot; the build turns it into this view. The
status page renders it, always labelled as automatic, beside what people wrote.
Each source kind (`macros.kinds`) phrases its own sentences with the helpers
here, so every signal is stale, linked and named the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from macros.kinds import source_kind
from macros.model import Source, StatusTree
from macros.outside_text import safe_link
from macros.wording import clock_time, day_words

if TYPE_CHECKING:
    from macros.records import Entry, SourceRecord

NO_CHECKS = ("Automatic checks are not available right now. "
             "What the IT team writes here is up to date.")

# Results older than this are stale even if the last attempt worked: the
# scheduled fetch has stopped running.
STALE_AFTER = timedelta(hours=1)
MAX_SIGNALS_PER_SOURCE = 5


@dataclass(frozen=True)
class Signal:
    """One automatic signal about one component, already sanitised and phrased."""

    source_id: str
    component_id: str
    kind: str  # the source's kind, as registered in `macros.kinds`
    sentence: str  # plain text, e.g. "Microsoft reports a problem with Outlook: ..."
    link: str = ""  # http(s) address of the supplier's page, or ""
    at: datetime | None = None  # when the supplier reported it, or when the check ran
    checked_at: datetime | None = None  # our last attempt to read the source
    problem: bool = False  # True when the signal suggests something is wrong
    stale: bool = False  # True when the last attempt failed and this is older data
    stale_since: datetime | None = None  # when the data shown was last read (its age)
    source_name: str = ""  # who it comes from: the supplier's name or "Automatic check"


@dataclass(frozen=True)
class CheckDay:
    """Automatic checks of one component on one day (site zone)."""

    day: date
    checks: int
    failures: int


@dataclass(frozen=True)
class SnapshotView:
    """The snapshot as the build sees it."""

    available: bool
    reason: str = ""  # plain words when not available
    generated_at: datetime | None = None
    signals: tuple[Signal, ...] = ()
    history: dict[str, tuple[CheckDay, ...]] = field(default_factory=dict)

    @classmethod
    def unavailable(cls, reason: str = NO_CHECKS) -> SnapshotView:
        return cls(available=False, reason=reason)


def source_signals(source: Source, record: SourceRecord, tree: StatusTree,
                   now: datetime) -> tuple[Signal, ...]:
    """What the page says about one source, from its snapshot record, at `now`."""
    signals = source_kind(source.kind).signals(source, record, tree, now)
    return tuple(signals[:MAX_SIGNALS_PER_SOURCE])


# --- shared ---------------------------------------------------------------------------------


def supplier_signal(source: Source, record: SourceRecord, now: datetime, sentence: str,
                    entry: Entry | None = None, *, problem: bool = False,
                    page: str = "") -> Signal:
    """A signal from what a supplier said; stale when the last attempt failed or the data is
    old. It links to the entry's own page, else to `page` (the supplier's page, if any).
    """
    last = record.last_attempt
    stale = record.failing or record.last_success is None or (
        last is not None and now - last > STALE_AFTER)
    link = (entry.link if entry else "") or safe_link(page)
    return Signal(
        source.id, source.component, source.kind, full_stop(sentence), link=link,
        at=entry.at if entry else None, checked_at=last, problem=problem, stale=stale,
        stale_since=record.last_success if stale else None, source_name=who(source),
    )


def who(source: Source) -> str:
    """Who speaks for a source: its name in sources.yml, else its id."""
    return source.name or source.id


def mid_sentence(name: str) -> str:
    """ "Our imaging supplier" inside a sentence reads "our imaging supplier"."""
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}" if first in ("Our", "The") and rest else name


def when(moment: datetime | None, now: datetime, zone: ZoneInfo) -> str:
    """ "08:14", or "08:14 on Thursday 19 November" when it was not today (site zone)."""
    if moment is None:
        return ""
    if moment.astimezone(zone).date() == now.astimezone(zone).date():
        return clock_time(moment, zone)
    return f"{clock_time(moment, zone)} on {day_words(moment, zone)}"


def full_stop(sentence: str) -> str:
    text = sentence.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."
