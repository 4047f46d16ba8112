"""The change calendar in words: for `bedside check`'s messages and the playbook's pages.

One definition of month-end close lives in `status/calendar.yml`; the playbook
and the check both say it with these functions, so they cannot disagree.
"""

from __future__ import annotations

from datetime import date

from macros.change_calendar import Period
from macros.model import Freeze, NoticeRule, StatusTree

NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight",
                "nine", "ten", "eleven", "twelve")
ORDINALS = ("", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
            "eighth", "ninth", "tenth")


def number_words(count: int) -> str:
    """ "two" for 2 (figures from 13 on)."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def weeks_words(weeks: int) -> str:
    """ "two weeks", "one week"."""
    return f"{number_words(weeks)} week{'s' * (weeks != 1)}"


def notice_words(weeks: int) -> str:
    """ "two weeks' notice", "one week's notice"."""
    possessive = "'s" if weeks == 1 else "'"
    return f"{weeks_words(weeks)}{possessive} notice"


def joined(names: list[str], last: str = "and") -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


def scope_words(tree: StatusTree, systems: tuple[str, ...], audiences: tuple[str, ...]) -> str:
    """What a freeze or rule covers: "planned work on Payroll and e-rostering or Finance
    ledger and reports", "planned work for Wards and clinics", "planned work"."""
    names = {a.id: a.name for a in tree.audiences}
    words = "planned work"
    if systems:
        words += " on " + joined([tree.component_name(c) for c in systems], "or")
    if audiences:
        words += " for " + joined([names.get(a, a) for a in audiences], "or")
    return words


def when_words(freeze: Freeze) -> str:
    """When a freeze comes round, in words.

    "From the last working day of each month to the fifth working day of the next",
    "Every year from 1 April to 30 April", "From Wednesday 4 August 2027 to Friday
    6 August 2027".
    """
    if freeze.monthly is not None:
        last_days, first_days = freeze.monthly
        ends = (f"the {ORDINALS[first_days]} working day of the next"
                if first_days < len(ORDINALS) else f"working day {first_days} of the next")
        if not first_days:
            return (f"The last {number_words(last_days)} working days of each month"
                    if last_days > 1 else "The last working day of each month")
        if not last_days:
            return (f"The first {number_words(first_days)} working days of each month"
                    if first_days > 1 else "The first working day of each month")
        start = ("the last working day of each month" if last_days == 1 else
                 f"the {ORDINALS[last_days]}-last working day of each month")
        return f"From {start} to {ends}"
    if freeze.yearly is not None:
        (m1, d1), (m2, d2) = freeze.yearly
        return (f"Every year from {d1} {date(2000, m1, 1):%B} "
                f"to {d2} {date(2000, m2, 1):%B}")
    assert freeze.dates is not None
    return f"From {period_words(Period(freeze, *freeze.dates))}" \
        if freeze.dates[0] != freeze.dates[1] else f"On {day_words(freeze.dates[0])}"


def day_words(day: date, *, year: bool = True) -> str:
    """ "Monday 30 November 2026"."""
    words = f"{day:%A} {day.day} {day:%B}"
    return f"{words} {day.year}" if year else words


def period_words(period: Period) -> str:
    """ "Monday 30 November to Monday 7 December 2026" (the year once when it is one)."""
    if period.first == period.last:
        return day_words(period.first)
    same_year = period.first.year == period.last.year
    return f"{day_words(period.first, year=not same_year)} to {day_words(period.last)}"


def rule_words(tree: StatusTree, freeze: Freeze) -> str:
    """What the freeze holds back, as a sentence.

    "No planned work on Payroll and e-rostering or Finance ledger and reports in
    those days, unless the financial controller agrees."
    """
    unless = f", unless {freeze.agree_with} agrees" if freeze.agree_with else ""
    return f"No {scope_words(tree, freeze.systems, freeze.audiences)} in those days{unless}."


def freeze_sentence(tree: StatusTree, freeze: Freeze) -> str:
    """The whole freeze in two sentences, as the playbook and `bedside check` say it.

    "Month-end close: from the last working day of each month to the fifth working
    day of the next. No planned work on Payroll and e-rostering or Finance ledger
    and reports in those days, unless the financial controller agrees."
    """
    when = when_words(freeze)
    return f"{freeze.name}: {when[0].lower()}{when[1:]}. {rule_words(tree, freeze)}"


def notice_sentence(tree: StatusTree, rule: NoticeRule) -> str:
    """ "Any work on finance and payroll systems: four weeks' notice." """
    return f"{rule.name}: {notice_words(rule.weeks)}."
