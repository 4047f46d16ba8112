"""The banner: is it working now, in one sentence with an icon and words."""

from __future__ import annotations

import dataclasses

from markupsafe import Markup, escape

from macros.contacts import who_to_call
from macros.render.env import render
from macros.render.view import View
from macros.wording import (
    ALL_WORKING,
    AS_OF,
    URGENT_CALL,
    WORK_SOON,
    WORK_UNTIL,
    Banner,
    banner,
    component_names,
    fill,
    full_stop,
    other_problems,
    site_time,
    soon_work,
    window_phrase,
)


def render_banner(view: View, calm: str = ALL_WORKING) -> Markup:
    """The banner section for `view`, with the time it was true at.

    `calm` is the sentence for when nothing is wrong (an audience's view names it).
    Times in the sentence are <time> elements, which status.js shows in the
    reader's zone; "tonight 22:00–02:00" cannot be converted word by word, so
    status.js labels it "(London time)" for a reader elsewhere. At the critical
    level the banner also says whom to call.
    """
    said = banner(view.tree, view.state)
    if said.sentence == ALL_WORKING and not view.state.open_incidents:
        said = dataclasses.replace(said, sentence=calm)
    label = Markup('<span class="bedside-banner__label">{}: </span>').format(said.label)
    about_a_problem = bool(view.state.open_incidents)
    words = (label if about_a_problem else Markup("")) + _sentence(view, said)
    sentence = Markup("<span>{}</span>").format(words)
    as_of = fill(AS_OF, time=view.time(view.now, "datetime", relative=True))
    return render("banner.html", view=view, banner=said, sentence=sentence,
                  detail=_detail(view, said), urgent=urgent_call(view), as_of=as_of)


def _sentence(view: View, said: Banner) -> Markup:
    """The banner's sentence, the end of planned work in progress as a <time>."""
    state = view.state
    if not state.open_incidents and state.in_progress and view.now < state.in_progress[0].end:
        item = state.in_progress[0]
        return fill(WORK_UNTIL, names=component_names(view.tree, item.components),
                    end=view.time(item.end))
    return escape(said.sentence)


def _detail(view: View, said: Banner) -> Markup:
    """The line under the sentence; planned work soon has its window marked as site time."""
    item = soon_work(view.state)
    if view.state.open_incidents or view.state.in_progress or item is None:
        return escape(said.detail)
    window = Markup('<span data-site-time="{}">{}</span>').format(
        site_time(view.zone), window_phrase(item, view.now, view.zone))
    return fill(WORK_SOON, names=component_names(view.tree, item.components), window=window)


def urgent_call(view: View) -> str:
    """ "If patient care is affected, call now: Service desk, ext. 4444, 24 hours." at the
    critical level (the worst problem's contacts, from components.yml), else ""."""
    state = view.state
    critical = [i for i in state.open_incidents if i.impact == "critical"]
    if state.indicator != "critical" or not critical:
        return ""
    contacts = who_to_call(view.tree, critical[0].components)
    return full_stop(URGENT_CALL.format(contact="; ".join(contacts))) if contacts else ""


def render_glance(view: View) -> Markup:
    """The banner's words in one line, for the home page's door to the status page
    ("And 1 other problem.": nothing is below the door)."""
    said = banner(view.tree, view.state)
    if view.state.open_incidents:
        detail = escape(other_problems(len(view.state.open_incidents) - 1, below=False))
    else:
        detail = _detail(view, said)
    sentence = _sentence(view, said)
    if detail:
        sentence = Markup("{}.").format(sentence) if full_stop(said.sentence) != said.sentence \
            else sentence
    as_of = fill(AS_OF, time=view.time(view.now, "datetime"))
    return render("glance.html", view=view, banner=said, sentence=sentence, detail=detail,
                  as_of=as_of)
