"""One audience's view of the status page, and the picker that links to each view.

The view at `status/for/<audience>/` is the status page narrowed with
`macros.audiences.audience_tree`: the problems and planned work that concern
the audience (or everyone), the systems on its view with their true state,
and its own feed and calendar to subscribe to.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from markupsafe import Markup

from macros import urls, wording
from macros.audiences import audience_tree, concerns, find_audience
from macros.render.banner import render_banner
from macros.render.components import render_components
from macros.render.env import render
from macros.render.incidents import render_open_incidents
from macros.render.maintenance import render_planned_work
from macros.render.signals import render_signals
from macros.render.view import View
from macros.state import compute_state


def render_picker(view: View, current: str = "") -> Markup:
    """ "Show only what concerns: Wards and clinics · Finance and payroll · ..." as plain
    links (nothing when components.yml names no audiences)."""
    if not view.tree.audiences:
        return Markup("")
    links = [(a.name, view.href(urls.audience_page(a.id)), a.id == current)
             for a in view.tree.audiences]
    if current:
        links.append((wording.PICKER_EVERYONE, view.href(urls.STATUS_HOME), False))
    return render("picker.html", view=view, links=links)


def audience_view(base: View, audience_id: str) -> View:
    """`base` (the whole site) narrowed to one audience, on that audience's page.

    Problems and planned work are the audience's; each system keeps its true
    state, so the view never calls a system "Working" when it is not.
    """
    tree = audience_tree(base.tree, audience_id)
    state = dataclasses.replace(compute_state(tree, base.now),
                                component_states=base.state.component_states,
                                causes=base.state.causes)
    shown = set(tree.components)
    snapshot = dataclasses.replace(
        base.snapshot, signals=tuple(s for s in base.snapshot.signals
                                     if s.component_id in shown))
    return View(tree, state, snapshot, here=base.here, edition=base.edition)


def not_shown(base: View, view: View) -> str:
    """The sentence saying what the narrowed `view` leaves out right now ("" if nothing)."""
    problems = {i.id for i in view.state.open_incidents}
    work = {m.id for m in view.state.in_progress}
    return wording.not_shown_sentence(
        sum(i.id not in problems for i in base.state.open_incidents),
        sum(m.id not in work for m in base.state.in_progress))


def elsewhere(base: View, view: View) -> dict[str, tuple[str, str]]:
    """The problems and work in progress `view` leaves out: id -> (title, its page)."""
    shown = {i.id for i in view.state.open_incidents} | {m.id for m in view.state.in_progress}
    left_out = [(i.id, i.title, urls.incident_page(i.id)) for i in base.state.open_incidents]
    left_out += [(m.id, m.title, urls.maintenance_page(m.id)) for m in base.state.in_progress]
    return {item_id: (title, view.href(page)) for item_id, title, page in left_out
            if item_id not in shown}


def audience_fingerprint(summary: dict[str, Any], audience_id: str) -> str:
    """What status.json says about one audience's items: "id@updated_at ..." sorted.

    status.js computes the same from the live status.json, and offers the
    latest only when this changes (news for other staff is not news here).
    """
    items = [*summary.get("incidents", []), *summary.get("scheduled_maintenances", []),
             *summary.get("cancelled_maintenances", [])]
    return " ".join(sorted(f"{item['id']}@{item['updated_at']}" for item in items
                           if concerns(tuple(item.get("audiences") or ()), audience_id)))


def render_audience_page(base: View, audience_id: str, *, site_url: str,
                         fingerprint: str) -> Markup:
    """The body of `status/for/<audience>/`."""
    audience = find_audience(base.tree, audience_id)
    view = audience_view(base, audience_id)
    calm = wording.ALL_WORKING_FOR.format(audience=audience.name)
    parts = [render_open_incidents(view), render_planned_work(view),
             render_components(view, elsewhere(base, view), audience.name),
             render_signals(view)]
    calendar = f"{site_url.rstrip('/')}/{urls.calendar(audience_id)}"
    return render(
        "audience_page.html", view=view, audience=audience,
        title=wording.AUDIENCE_TITLE.format(audience=audience.name),
        picker=render_picker(view, audience_id), banner=render_banner(view, calm),
        not_shown=not_shown(base, view), parts=parts, fingerprint=fingerprint,
        calm=calm,
        webcal="webcal:" + calendar.split(":", 1)[1],
        calendar_address=calendar,
        rss_address=f"{site_url.rstrip('/')}/{urls.rss_feed(audience_id)}",
    )
