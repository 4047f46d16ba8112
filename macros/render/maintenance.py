"""Planned work: a card per maintenance, in the order a reader needs it at each phase."""

from __future__ import annotations

from datetime import timedelta

from markupsafe import Markup

from macros import urls
from macros.model import Maintenance
from macros.render.env import render
from macros.render.incidents import day_aware, systems_list
from macros.render.view import View
from macros.state import (
    UPCOMING,
    UPCOMING_HORIZON,
    maintenance_status,
)
from macros.text import rich, rich_inline
from macros.wording import (
    FACTS_BY_PHASE,
    maintenance_when_sentence,
    window_in_words,
    work_update_sentence,
)


def prepare_list(item: Maintenance) -> Markup:
    """The "How to prepare" steps as a list (one step stays a list too)."""
    steps = Markup("").join(Markup("<li>{}</li>").format(rich_inline(s)) for s in item.prepare)
    return Markup('<ul class="bedside-prepare">{}</ul>').format(steps)


def maintenance_facts(view: View, item: Maintenance, phase: str) -> list[tuple[str, Markup]]:
    """(field name, HTML) pairs for the phase, skipping fields left empty."""
    values = {
        "affects": Markup("{}").format(item.affects) if item.affects else Markup(""),
        "systems": systems_list(view, item.components),
        "window": window_markup(view, item),
        "why": rich(item.why),
        "benefit": rich(item.benefit),
        "prepare": prepare_list(item) if item.prepare else Markup(""),
        "during": rich(item.during),
        "contact": rich(item.contact),
        "next_update": Markup(work_update_sentence(item, phase, view.now, view.zone,
                                                   view.when())),
    }
    names = FACTS_BY_PHASE.get(phase, FACTS_BY_PHASE[UPCOMING])
    return [(name, values[name]) for name in names if values[name]]


def window_markup(view: View, item: Maintenance) -> Markup:
    """The window in words, each part a <time> element."""
    return Markup(window_in_words(item, view.zone, view.when()))


def _relative_times(view: View, item: Maintenance, phase: str):
    """Times for the "when" line; clock times say "in 2 hours", but before the work
    only its start does."""
    def when(moment, show):
        relative = show != "day-year" and (phase != UPCOMING or moment == item.start)
        return view.time(moment, show, relative=relative)
    return when


def render_maintenance_card(view: View, item: Maintenance, *, show_title: bool = True,
                            links: bool = True) -> Markup:
    """One piece of planned work (heading at `view.heading`).

    `links` False leaves out the links to its page and calendar (for examples
    shown where those pages do not exist).
    """
    phase = view.state.phase(item)
    return render(
        "maintenance_card.html", view=view, item=item, phase=phase,
        window=window_markup(view, item),
        when_sentence=maintenance_when_sentence(item, phase, view.zone,
                                                _relative_times(view, item, phase), view.now),
        latest=item.latest, facts=maintenance_facts(view, item, phase),
        updated_show=day_aware(view, item.latest.at) if item.latest else "time",
        page_url=view.href(urls.maintenance_page(item.id)) if links else "",
        calendar_url=view.href(urls.maintenance_calendar(item.id)),
        show_title=show_title, links=links,
        api_status=maintenance_status(item, phase),
        next_update_at=item.latest.next_update if work_update_sentence(
            item, phase, view.now, view.zone) else None,
        updated_at=item.latest.at if item.latest else item.start,
    )


RECENT = timedelta(hours=24)


def planned_work_shown(view: View) -> list[Maintenance]:
    """In progress, finished in the last day, coming up in 14 days, cancelled around now."""
    state, now = view.state, view.now
    finished = [m for m in state.completed if now - m.finished_at <= RECENT]
    cancelled = [m for m in state.cancelled
                 if -RECENT <= m.start - now <= UPCOMING_HORIZON]
    return [*state.in_progress, *finished, *state.upcoming_soon,
            *sorted(cancelled, key=lambda m: m.start)]


def render_planned_work(view: View) -> Markup:
    """The "Planned work" section; work announced further ahead gets one line each."""
    card_view = view.at(view.here, view.heading + 1)
    cards = [render_maintenance_card(card_view, m) for m in planned_work_shown(view)]
    soon_ids = {m.id for m in view.state.upcoming_soon}
    later = [m for m in view.state.upcoming if m.id not in soon_ids]
    return render("planned_work.html", view=view, cards=cards, later=later,
                  window=lambda item: window_markup(view, item))
