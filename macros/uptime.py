"""The last 90 days per component: a pure function of the tree, the checks and a clock.

A day's state is the worst of what people wrote (incidents, planned work that
went ahead) on that day in the site's zone; automatic check failures only
count when people wrote nothing and there were at least as many as it takes
to raise an alert (one blip is not a problem day), and are then labelled as
automatic. Every day
has a label in words, so the bars have a text alternative.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from macros.kinds import source_kind
from macros.model import Component, StatusTree, state_rank
from macros.signals import CheckDay
from macros.state import COMPLETED, IN_PROGRESS, maintenance_phase
from macros.wording import (
    CHECKS_FAILED,
    NO_PROBLEMS_DAY,
    day_words,
    more_on_the_day,
    problem_days_sentence,
    stretch_words,
)

DAYS = 90

# The kind of a day, from the worst state on it; "checks" is automatic only.
DAY_KINDS = {
    "operational": "ok",
    "under_maintenance": "maintenance",
    "degraded_performance": "minor",
    "partial_outage": "partial",
    "major_outage": "major",
}


@dataclass(frozen=True)
class Stretch:
    """Part of a day a component spent in a state, and what caused it."""

    state: str
    minutes: int
    title: str


@dataclass(frozen=True)
class UptimeDay:
    """One day of one component: its kind ("ok", "minor", ...) and a label in words."""

    day: date
    kind: str
    label: str

    @property
    def had_problem(self) -> bool:
        """Something went wrong (planned work that went ahead is not a problem)."""
        return self.kind not in ("ok", "maintenance")


@dataclass(frozen=True)
class ComponentUptime:
    """A component's days, oldest first."""

    component: Component
    days: tuple[UptimeDay, ...]

    @property
    def problem_days(self) -> tuple[UptimeDay, ...]:
        return tuple(d for d in self.days if d.had_problem)

    @property
    def notable_days(self) -> tuple[UptimeDay, ...]:
        """Days with a problem or planned work, newest first: the bars in words."""
        return tuple(d for d in reversed(self.days) if d.kind != "ok")

    @property
    def sentence(self) -> str:
        work_days = sum(day.kind == "maintenance" for day in self.days)
        return problem_days_sentence(len(self.problem_days), len(self.days), work_days)


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


def _spread(found: dict, component_id: str, state: str, title: str, start: datetime,
            end: datetime, zone: ZoneInfo, first: date, last: date) -> None:
    """Add the part of [start, end) that falls on each local day between first and last."""
    day = max(start.astimezone(zone).date(), first)
    final = min(end.astimezone(zone).date(), last)
    while day <= final:
        overlap = min(end, _midnight(day + timedelta(days=1), zone)) - max(start,
                                                                           _midnight(day, zone))
        if overlap > timedelta(0):
            minutes = max(1, round(overlap.total_seconds() / 60))
            found[(component_id, day)].append(Stretch(state, minutes, title))
        day += timedelta(days=1)


def _stretches(tree: StatusTree, now: datetime, first: date,
               last: date) -> dict[tuple[str, date], list[Stretch]]:
    zone = tree.timezone
    found: dict[tuple[str, date], list[Stretch]] = defaultdict(list)
    earliest = _midnight(first, zone)
    for incident in tree.incidents:
        start = incident.started_at
        end = min(incident.resolved_at or now, now)
        if start >= now or end < earliest:
            continue
        for component_id, state in incident.components.items():
            if state != "operational":
                _spread(found, component_id, state, incident.title, start, end, zone,
                        first, last)
    for item in tree.maintenance:
        phase = maintenance_phase(item, now)
        if phase not in (IN_PROGRESS, COMPLETED):
            continue
        end = now if phase == IN_PROGRESS else min(item.finished_at, now)
        if end < earliest:
            continue
        for component_id, state in item.components.items():
            if state != "operational":
                _spread(found, component_id, state, item.title, item.start, end, zone,
                        first, last)
    return found


# A busy day names its worst problems and counts the rest, so a day's label
# (and the status home) stays short however many incidents there were.
MOST_NAMED_A_DAY = 2


def _day(day: date, zone: ZoneInfo, stretches: list[Stretch],
         checks: CheckDay | None, alert_after: int) -> UptimeDay:
    worst_first = sorted(stretches, key=lambda s: (state_rank(s.state), s.minutes), reverse=True)
    words = [stretch_words(s.state, s.minutes, s.title) for s in worst_first[:MOST_NAMED_A_DAY]]
    if len(worst_first) > MOST_NAMED_A_DAY:
        words.append(more_on_the_day(len(worst_first) - MOST_NAMED_A_DAY))
    # Fewer failed checks than it takes to raise an alert is a blip, not a problem day.
    failed = checks is not None and checks.failures >= alert_after
    if failed:
        words.append(CHECKS_FAILED.format(failures=checks.failures, checks=checks.checks))
    if stretches:
        kind = DAY_KINDS[max((s.state for s in stretches), key=state_rank)]
    else:
        kind = "checks" if failed else "ok"
    label = "; ".join(words) or NO_PROBLEMS_DAY
    return UptimeDay(day, kind, f"{day_words(_midnight(day, zone), zone)}: {label}")


def _alert_thresholds(tree: StatusTree) -> dict[str, int]:
    """Per component, the failures in a row its checks need before the page shows a problem."""
    thresholds: dict[str, int] = {}
    for source in tree.sources:
        if source_kind(source.kind).is_check:
            thresholds[source.component] = min(source.failures_before_alert,
                                               thresholds.get(source.component, 20))
    return thresholds


def uptime(tree: StatusTree, history: Mapping[str, tuple[CheckDay, ...]], now: datetime,
           days: int = DAYS) -> list[ComponentUptime]:
    """Each component's last `days` days (today included), in the order of the tree."""
    zone = tree.timezone
    last = now.astimezone(zone).date()
    first = last - timedelta(days=days - 1)
    found = _stretches(tree, now, first, last)
    checks = {(cid, record.day): record for cid, records in history.items()
              for record in records}
    alert_after = _alert_thresholds(tree)
    result = []
    for component in tree.components.values():
        component_days = tuple(
            _day(day, zone, found.get((component.id, day), []),
                 checks.get((component.id, day)), alert_after.get(component.id, 2))
            for day in (first + timedelta(days=n) for n in range(days)))
        result.append(ComponentUptime(component, component_days))
    return result
