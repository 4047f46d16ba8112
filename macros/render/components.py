"""Systems by group, each with an icon and its state in words."""

from __future__ import annotations

from markupsafe import Markup

from macros.render.env import link_to, render
from macros.render.view import View
from macros.wording import NOT_AFFECTED, OTHER_STAFF_CAUSE, fill


def render_components(view: View, elsewhere: dict[str, tuple[str, str]] | None = None,
                      audience: str = "") -> Markup:
    """The "Systems" section: what people wrote decides the state; automatic checks
    that disagree are pointed out, never used instead.

    On an audience's view, `elsewhere` holds the causes not listed there (id ->
    title, address of their page): a system troubled only by those says so, and
    that this does not affect `audience`, instead of a state with no reason.
    """
    state = view.state
    titles = {i.id: i.title for i in state.open_incidents}
    titles.update({m.id: m.title for m in state.in_progress})
    anchors = {i.id: f"{view.ids}incident-{i.id}" for i in state.open_incidents}
    anchors.update({m.id: f"{view.ids}maintenance-{m.id}" for m in state.in_progress})
    flagged = {s.component_id for s in view.snapshot.signals if s.problem}
    other_staff = {cid: _other_staff(causes, titles, elsewhere or {}, audience)
                   for cid, causes in state.causes.items()}
    return render("components.html", view=view, groups=view.tree.groups,
                  states=state.component_states, causes=state.causes, titles=titles,
                  anchors=anchors, flagged=flagged, other_staff=other_staff,
                  signals_shown=view.snapshot.available and bool(view.snapshot.signals))


def _other_staff(causes: tuple[str, ...], titles: dict[str, str],
                 elsewhere: dict[str, tuple[str, str]], audience: str) -> Markup:
    """ "For other staff: <a>Label printers stopped</a>. This does not affect Finance
    and payroll." for the causes of one system not on this page ("" when none)."""
    hidden = [elsewhere[c] for c in causes if c not in titles and c in elsewhere]
    if not hidden:
        return Markup("")
    links = Markup(", ").join(link_to(title, url) for title, url in hidden)
    sentence = fill(OTHER_STAFF_CAUSE, titles=links)
    if audience and not any(c in titles for c in causes):
        sentence += Markup(" ") + NOT_AFFECTED.format(audience=audience)
    return sentence
