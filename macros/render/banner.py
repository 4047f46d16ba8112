"""The banner: is it working now, in one sentence with an icon and words."""

from __future__ import annotations

import dataclasses

from markupsafe import Markup, escape

from macros.render.env import render
from macros.render.view import View
from macros.wording import ALL_WORKING, AS_OF, banner, fill


def render_banner(view: View, calm: str = ALL_WORKING) -> Markup:
    """The banner section for `view`, with the time it was true at.

    `calm` is the sentence for when nothing is wrong (an audience's view names it).
    """
    said = banner(view.tree, view.state)
    if said.sentence == ALL_WORKING and not view.state.open_incidents:
        said = dataclasses.replace(said, sentence=calm)
    label = Markup('<span class="bedside-banner__label">{}: </span>').format(said.label)
    about_a_problem = bool(view.state.open_incidents)
    words = (label if about_a_problem else Markup("")) + escape(said.sentence)
    sentence = Markup("<span>{}</span>").format(words)
    as_of = fill(AS_OF, time=view.time(view.now, "datetime", relative=True))
    return render("banner.html", view=view, banner=said, sentence=sentence,
                  detail=said.detail, as_of=as_of)


def render_glance(view: View) -> Markup:
    """The banner's words in one line, for the home page's door to the status page."""
    said = banner(view.tree, view.state)
    as_of = fill(AS_OF, time=view.time(view.now, "datetime"))
    return render("glance.html", view=view, banner=said, as_of=as_of)
