"""Past problems and planned work, by month, a few months per page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from markupsafe import Markup

from macros import urls
from macros.follow_up import follow_up_words
from macros.model import Incident, Maintenance, StatusTree
from macros.render.env import render
from macros.render.view import View
from macros.state import (
    CANCELLED,
    COMPLETED,
    IN_PROGRESS,
    incident_duration,
    maintenance_phase,
)
from macros.wording import duration_words

MONTHS_PER_PAGE = 3
RECENT_DAYS = 7


@dataclass(frozen=True)
class Entry:
    """One incident or one piece of planned work in the history."""

    item: Incident | Maintenance
    start: datetime

    @property
    def is_incident(self) -> bool:
        return isinstance(self.item, Incident)


@dataclass(frozen=True)
class Month:
    """A calendar month in the site's zone and what started in it, newest first."""

    first_day: date
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class HistoryPage:
    number: int
    total: int
    months: tuple[Month, ...]


def history_entries(tree: StatusTree, now: datetime) -> list[Entry]:
    """Every incident that had started by `now` and all planned work that went ahead
    or was cancelled, newest first."""
    entries = [Entry(i, i.started_at) for i in tree.incidents if i.started_at <= now]
    entries += [Entry(m, m.start) for m in tree.maintenance
                if maintenance_phase(m, now) in (IN_PROGRESS, COMPLETED, CANCELLED)
                and m.start <= now]
    return sorted(entries, key=lambda e: e.start, reverse=True)


def _month_of(moment: datetime, tree: StatusTree) -> date:
    return moment.astimezone(tree.timezone).date().replace(day=1)


def _previous_month(first_day: date) -> date:
    return (first_day - timedelta(days=1)).replace(day=1)


def history_pages(tree: StatusTree, now: datetime) -> list[HistoryPage]:
    """Pages of MONTHS_PER_PAGE months each, from this month back to the oldest entry."""
    by_month: dict[date, list[Entry]] = {}
    for entry in history_entries(tree, now):
        by_month.setdefault(_month_of(entry.start, tree), []).append(entry)
    month = _month_of(now, tree)
    oldest = min(by_month, default=month)
    months = []
    while month >= oldest:
        months.append(Month(month, tuple(by_month.get(month, ()))))
        month = _previous_month(month)
    chunks = [months[n:n + MONTHS_PER_PAGE] for n in range(0, len(months), MONTHS_PER_PAGE)]
    return [HistoryPage(n, len(chunks), tuple(chunk)) for n, chunk in enumerate(chunks, 1)]


def entry_facts(view: View, entry: Entry) -> dict:
    """What the history says about one entry: its link, kind, state and times."""
    item = entry.item
    if isinstance(item, Incident):
        resolved = item.resolved_at is not None and item.resolved_at <= view.now
        return {
            "url": view.href(urls.incident_page(item.id)), "kind": "Problem",
            "icon": "ok" if resolved else "problem",
            "state": "Resolved" if resolved else "Still open",
            "when": view.time(item.started_at, "datetime"),
            "length": (f"Lasted {duration_words(incident_duration(item))}"
                       if resolved else ""),
            "follow_up": follow_up_words(item, view.tree, view.now),
        }
    phase = maintenance_phase(item, view.now)
    labels = {IN_PROGRESS: "Happening now", COMPLETED: "Finished", CANCELLED: "Cancelled"}
    return {
        "url": view.href(urls.maintenance_page(item.id)), "kind": "Planned work",
        "icon": "cancelled" if phase == CANCELLED else "maintenance",
        "state": labels[phase], "when": view.time(item.start, "datetime"),
        "length": (f"Took {duration_words(item.finished_at - item.start)}"
                   if phase == COMPLETED else ""),
    }


def render_entries(view: View, entries: tuple[Entry, ...] | list[Entry],
                   follow_up: bool = False) -> Markup:
    """A list of history entries with their facts (and, with `follow_up`, the calls)."""
    return render("history_entries.html", view=view, show_follow_up=follow_up,
                  entries=[(e, entry_facts(view, e)) for e in entries])


def render_history_page(view: View, page: HistoryPage) -> Markup:
    """One page of history: its months, newest first, and links to the other pages."""
    months = [(m, render_entries(view.at(view.here, view.heading + 1), m.entries,
                                 follow_up=True)) for m in page.months]
    return render("history_page.html", view=view, page=page, months=months,
                  page_url=lambda n: view.href(urls.history_page(n)))


def render_recent(view: View, days: int = RECENT_DAYS) -> Markup:
    """The last week on the status home (what is not already above it), with a link
    to the full history."""
    since = view.now - timedelta(days=days)
    shown_above = {i.id for i in view.state.open_incidents}
    shown_above |= {m.id for m in view.state.in_progress}
    recent = [e for e in history_entries(view.tree, view.now)
              if e.start >= since and e.item.id not in shown_above]
    return render("recent.html", view=view, days=days,
                  entries=render_entries(view, recent) if recent else Markup(""),
                  history_url=view.href(urls.history_page(1)))
