"""Systems by group, each with an icon and its state in words."""

from __future__ import annotations

from markupsafe import Markup

from macros.render.env import render
from macros.render.view import View


def render_components(view: View) -> Markup:
    """The "Systems" section: what people wrote decides the state; automatic checks
    that disagree are pointed out, never used instead."""
    state = view.state
    titles = {i.id: i.title for i in state.open_incidents}
    titles.update({m.id: m.title for m in state.in_progress})
    anchors = {i.id: f"{view.ids}incident-{i.id}" for i in state.open_incidents}
    anchors.update({m.id: f"{view.ids}maintenance-{m.id}" for m in state.in_progress})
    flagged = {s.component_id for s in view.snapshot.signals if s.problem}
    return render("components.html", view=view, groups=view.tree.groups,
                  states=state.component_states, causes=state.causes, titles=titles,
                  anchors=anchors, flagged=flagged,
                  signals_shown=view.snapshot.available and bool(view.snapshot.signals))
