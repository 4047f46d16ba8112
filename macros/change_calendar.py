"""The change calendar's days: working days, freeze periods and notice periods.

`status/calendar.yml` (read by the loader into `ChangeCalendar`) says when
planned work must not happen and how far ahead people must hear of it. This
module works out the actual days: which month-end close a piece of work falls
in, how much notice it needs, and when the next close is.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from macros.model import (
    EFFECTS,
    STATE_EFFECTS,
    ChangeCalendar,
    Freeze,
    Maintenance,
    NoticeRule,
)

MONTH_NUMBERS = {name.lower(): number
                 for number, name in enumerate(stdlib_calendar.month_name) if name}


def parse_day_of_year(text: str) -> tuple[int, int]:
    """ "1 April" -> (4, 1). Raises ValueError with words for the person who wrote it."""
    parts = str(text).split()
    if len(parts) != 2 or not parts[0].isdigit() or parts[1].lower() not in MONTH_NUMBERS:
        raise ValueError(f'"{text}" is not a day of the year; write the day and the month, '
                         "like 1 April")
    month, day = MONTH_NUMBERS[parts[1].lower()], int(parts[0])
    if not 1 <= day <= stdlib_calendar.monthrange(2000, month)[1]:  # 2000: a leap year
        raise ValueError(f'{parts[1].capitalize()} has no day {day}')
    return month, day


def is_working_day(day: date, cal: ChangeCalendar) -> bool:
    """Monday to Friday, except the bank holidays in the calendar."""
    return day.weekday() < 5 and day not in cal.bank_holidays


def working_days_of_month(year: int, month: int, cal: ChangeCalendar) -> list[date]:
    """Every working day of one month, in order."""
    days = stdlib_calendar.monthrange(year, month)[1]
    return [d for d in (date(year, month, n) for n in range(1, days + 1))
            if is_working_day(d, cal)]


def add_working_days(day: date, count: int, cal: ChangeCalendar) -> date:
    """The `count`-th working day after `day` (1: the next working day)."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day, cal):
            count -= 1
    return day


@dataclass(frozen=True)
class Period:
    """One occurrence of a freeze: its first and last day, both included."""

    freeze: Freeze
    first: date
    last: date

    def start(self, zone: ZoneInfo) -> datetime:
        return datetime.combine(self.first, time(0), zone)

    def end(self, zone: ZoneInfo) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time(0), zone)


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _monthly(freeze: Freeze, cal: ChangeCalendar, year: int, month: int) -> Period:
    """The close of one month: its last working days and the next month's first."""
    assert freeze.monthly is not None
    last_days, first_days = freeze.monthly
    this = working_days_of_month(year, month, cal)
    following = working_days_of_month(*_next_month(year, month), cal)
    first = this[-last_days] if last_days else following[0]
    last = following[first_days - 1] if first_days else this[-1]
    return Period(freeze, first, last)


def _day_in(year: int, month_day: tuple[int, int]) -> date:
    month, day = month_day
    return date(year, month, min(day, stdlib_calendar.monthrange(year, month)[1]))


def _yearly(freeze: Freeze, year: int) -> Period:
    assert freeze.yearly is not None
    start, until = freeze.yearly
    last_year = year + 1 if until < start else year
    return Period(freeze, _day_in(year, start), _day_in(last_year, until))


def periods_between(freeze: Freeze, cal: ChangeCalendar, first: date,
                    last: date) -> list[Period]:
    """The occurrences of `freeze` that share at least one day with `first`..`last`."""
    candidates: list[Period] = []
    if freeze.dates is not None:
        candidates = [Period(freeze, *freeze.dates)]
    elif freeze.yearly is not None:
        candidates = [_yearly(freeze, y) for y in range(first.year - 1, last.year + 1)]
    elif freeze.monthly is not None:
        year, month = (first.year - 1, 12) if first.month == 1 else (first.year, first.month - 1)
        while (year, month) <= (last.year, last.month):
            candidates.append(_monthly(freeze, cal, year, month))
            year, month = _next_month(year, month)
    return [p for p in candidates if p.first <= last and p.last >= first]


def periods_after(freeze: Freeze, cal: ChangeCalendar, day: date, count: int) -> list[Period]:
    """The next `count` occurrences that end on or after `day` (a one-off has at most one)."""
    found: list[Period] = []
    horizon = day
    while len(found) < count and horizon <= day + timedelta(days=366 * 3):
        later = horizon + timedelta(days=62)
        for period in periods_between(freeze, cal, horizon, later):
            if period.last >= day and period not in found:
                found.append(period)
        horizon = later + timedelta(days=1)
    return sorted(found, key=lambda p: p.first)[:count]


def taken_away(item: Maintenance, systems: tuple[str, ...] = ()) -> str | None:
    """The most the work takes away ("slows", "partly-stops" or "stops") from `systems`
    (every system when empty); None when it takes nothing away."""
    effects = [STATE_EFFECTS[state] for cid, state in item.components.items()
               if state in STATE_EFFECTS and (not systems or cid in systems)]
    return max(effects, key=EFFECTS.index, default=None)


def concerns(item: Maintenance, systems: tuple[str, ...], audiences: tuple[str, ...]) -> bool:
    """Whether a freeze or notice rule for `systems` and `audiences` covers the work.

    It covers work that takes something away from one of `systems` (any system
    when empty) and concerns one of `audiences` (everyone when empty). Work that
    names no audiences concerns everyone.
    """
    if taken_away(item, systems) is None:
        return False
    return not audiences or not item.audiences or bool(set(item.audiences) & set(audiences))


def freezes_during(item: Maintenance, cal: ChangeCalendar, zone: ZoneInfo) -> list[Period]:
    """The freeze periods the work's window falls in, for freezes that cover it."""
    first = item.start.astimezone(zone).date()
    last = (item.end - timedelta(microseconds=1)).astimezone(zone).date()
    found = []
    for freeze in cal.freezes:
        if not concerns(item, freeze.systems, freeze.audiences):
            continue
        found += [p for p in periods_between(freeze, cal, first, last)
                  if item.start < p.end(zone) and item.end > p.start(zone)]
    return found


def notice_needed(item: Maintenance, cal: ChangeCalendar) -> NoticeRule | None:
    """The strictest notice rule that covers the work (the most weeks), if any."""
    rules = [rule for rule in cal.notice
             if concerns(item, rule.systems, rule.audiences)
             and EFFECTS.index(taken_away(item, rule.systems) or EFFECTS[0])
             >= EFFECTS.index(rule.effect)]
    return max(rules, key=lambda r: r.weeks, default=None)


def needs_prepare(item: Maintenance, cal: ChangeCalendar) -> list[str]:
    """The systems the work stops (fully or partly) for which people must prepare."""
    return [cid for cid, state in item.components.items()
            if STATE_EFFECTS.get(state) in ("stops", "partly-stops")
            and (cal.prepare_for is None or cid in cal.prepare_for)]
