"""What automatic signals look like to the page: plain sentences, never raw feed data.

`bedside fetch` writes a snapshot; the build turns it into this view. The
status page renders it, always labelled as automatic, beside what people wrote.
Every sentence a reader sees about an automatic signal is phrased here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from macros.fetch.clean import safe_link
from macros.model import Source, StatusTree
from macros.wording import clock_time, day_words

if TYPE_CHECKING:
    from macros.fetch.outcome import Entry
    from macros.snapshot import SourceRecord

NO_CHECKS = ("Automatic checks are not available right now. "
             "What the IT team writes here is up to date.")

# Results older than this are stale even if the last attempt worked: the
# scheduled fetch has stopped running.
STALE_AFTER = timedelta(hours=1)
# Supplier news is shown for this long, and counts as a possible problem for the shorter time.
NEWS_SHOWN_FOR = timedelta(days=3)
NEWS_PROBLEM_FOR = timedelta(hours=24)
MAX_SIGNALS_PER_SOURCE = 5

_SAYS_FIXED = re.compile(r"\b(resolved|restored|fixed|mitigated|recovered|closed|completed)\b",
                         re.IGNORECASE)
_FIXED_PREFIX = re.compile(r"^\W*(resolved|fixed|closed)\W*[:\-–]\s*", re.IGNORECASE)

# A supplier's component states, as a reader would say them.
_COMPONENT_WORDS = {
    "degraded_performance": "is slow or unreliable",
    "partial_outage": "is partly not working",
    "major_outage": "is not working",
    "under_maintenance": "has planned work under way",
}
_COMPONENT_PROBLEMS = ("degraded_performance", "partial_outage", "major_outage")


@dataclass(frozen=True)
class Signal:
    """One automatic signal about one component, already sanitised and phrased."""

    source_id: str
    component_id: str
    kind: str  # "http", "feed" or "statuspage"
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
    if source.kind == "http":
        signals = [_check_signal(source, record, tree, now)]
    elif source.kind == "feed":
        signals = _feed_signals(source, record, tree, now)
    else:
        signals = _statuspage_signals(source, record, tree, now)
    return tuple(signals[:MAX_SIGNALS_PER_SOURCE])


# --- automatic checks -------------------------------------------------------------------


def _check_signal(source: Source, record: SourceRecord, tree: StatusTree,
                  now: datetime) -> Signal:
    zone = tree.timezone
    what = tree.component_name(source.component)
    last = record.last_attempt
    shown_at: datetime | None = None
    problem = False
    if last is None or record.check is None:
        sentence = f"Our automatic check of {what} has not run yet."
    elif not record.failing:
        shown_at = record.last_success
        sentence = f"Our automatic check reached {what} at {_when(shown_at, now, zone)}."
    elif record.consecutive_failures >= source.failures_before_alert:
        shown_at, problem = last, True
        sentence = (f"Our automatic check could not reach {what} at {_when(last, now, zone)}; "
                    "we are looking into it.")
    elif record.last_success:
        shown_at = record.last_success
        sentence = f"Our automatic check last reached {what} at {_when(shown_at, now, zone)}."
    else:
        sentence = f"Our automatic check of {what} has no result yet."
    too_old = last is not None and now - last > STALE_AFTER
    return Signal(source.id, source.component, "http", sentence, at=shown_at, checked_at=last,
                  problem=problem, stale=too_old, stale_since=last if too_old else None,
                  source_name="Automatic check")


# --- suppliers' feeds --------------------------------------------------------------------


def _feed_signals(source: Source, record: SourceRecord, tree: StatusTree,
                  now: datetime) -> list[Signal]:
    who = _who(source)
    what = tree.component_name(source.component)
    if record.last_success is None:
        return [_signal(source, record, now,
                        f"We could not read the news from {_mid_sentence(who)} yet.")]
    recent = [e for e in record.entries if e.at and now - e.at <= NEWS_SHOWN_FOR]
    if not recent:
        return [_signal(source, record, now,
                        f"{who} has posted nothing about {what} in the last 3 days.")]
    signals = []
    for entry in recent:
        fixed = bool(_SAYS_FIXED.search(entry.title))
        if fixed:
            title = _FIXED_PREFIX.sub("", entry.title) or entry.title
            sentence = f"{who} reports that a problem with {what} is fixed: {title}"
        else:
            sentence = f"{who} reports a problem with {what}: {entry.title}"
        assert entry.at is not None
        signals.append(_signal(source, record, now, sentence, entry,
                               problem=not fixed and now - entry.at <= NEWS_PROBLEM_FOR))
    return signals


# --- suppliers' Statuspage sites -------------------------------------------------------------


def _statuspage_signals(source: Source, record: SourceRecord, tree: StatusTree,
                        now: datetime) -> list[Signal]:
    who = _who(source)
    what = tree.component_name(source.component)
    if record.last_success is None:
        return [_signal(source, record, now,
                        f"We could not read the status page of {_mid_sentence(who)} yet.")]
    signals = []
    for entry in record.entries:
        subject = entry.subject or what
        if entry.kind == "incident":
            signals.append(_signal(source, record, now,
                                   f"{who} reports a problem with {subject}: {entry.title}",
                                   entry, problem=entry.impact != "none"))
        elif entry.kind == "maintenance":
            signals.append(_signal(source, record, now,
                                   f"{who} reports planned work on {subject}: {entry.title}",
                                   entry))
        elif entry.state in _COMPONENT_WORDS:
            signals.append(_signal(source, record, now,
                                   f"{who} reports that {subject} {_COMPONENT_WORDS[entry.state]}",
                                   entry, problem=entry.state in _COMPONENT_PROBLEMS))
        else:
            signals.append(_signal(source, record, now,
                                   f"{who} shows {subject} in a state we do not recognise; "
                                   "see their page for details", entry))
    if not signals:
        signals.append(_overall_signal(source, record, now, who))
    return signals


def _overall_signal(source: Source, record: SourceRecord, now: datetime, who: str) -> Signal:
    overall = record.overall or {}
    indicator = overall.get("indicator", "")
    description = overall.get("description", "")
    if indicator == "none":
        return _signal(source, record, now, f"{who} reports that everything is working.")
    if indicator == "maintenance":
        return _signal(source, record, now,
                       f"{who} reports planned work" + (f": {description}" if description else ""))
    if indicator in ("minor", "major", "critical"):
        return _signal(source, record, now, f"{who} reports a problem: "
                       + (description or "see their page for details"), problem=True)
    return _signal(source, record, now, f"{who} shows a status we do not recognise; "
                   "see their page for details")


# --- shared ---------------------------------------------------------------------------------


def _signal(source: Source, record: SourceRecord, now: datetime, sentence: str,
            entry: Entry | None = None, *, problem: bool = False) -> Signal:
    """A supplier's signal; stale when the last attempt failed or the data is old."""
    last = record.last_attempt
    stale = record.failing or record.last_success is None or (
        last is not None and now - last > STALE_AFTER)
    link = (entry.link if entry else "") or (safe_link(source.url)
                                             if source.kind == "statuspage" else "")
    return Signal(
        source.id, source.component, source.kind, _full_stop(sentence), link=link,
        at=entry.at if entry else None, checked_at=last, problem=problem, stale=stale,
        stale_since=record.last_success if stale else None, source_name=_who(source),
    )


def _who(source: Source) -> str:
    return source.name or source.id


def _mid_sentence(name: str) -> str:
    """ "Our imaging supplier" inside a sentence reads "our imaging supplier"."""
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}" if first in ("Our", "The") and rest else name


def _when(moment: datetime | None, now: datetime, zone: ZoneInfo) -> str:
    """ "08:14", or "08:14 on Thursday 19 November" when it was not today (site zone)."""
    if moment is None:
        return ""
    if moment.astimezone(zone).date() == now.astimezone(zone).date():
        return clock_time(moment, zone)
    return f"{clock_time(moment, zone)} on {day_words(moment, zone)}"


def _full_stop(sentence: str) -> str:
    text = sentence.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."
