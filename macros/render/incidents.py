"""Open problems: a card per incident, in the order the state lists them."""

from __future__ import annotations

from datetime import datetime

from markupsafe import Markup, escape

from macros import urls
from macros.contacts import who_to_call
from macros.model import Incident
from macros.render.env import STATE_ICONS, icon, render
from macros.render.view import View
from macros.wording import (
    INCIDENT_STATUS_LABELS,
    STATE_LABELS,
    current_workaround,
    next_update_sentence,
)


def systems_list(view: View, components: dict[str, str]) -> Markup:
    """ "Patient records (EHR): Slow or unreliable", one line per system, icon and words."""
    items = Markup("").join(
        Markup("<li>{}{}: {}</li>").format(icon(STATE_ICONS[state]),
                                           view.tree.component_name(cid), STATE_LABELS[state])
        for cid, state in components.items())
    return Markup('<ul class="bedside-systems">{}</ul>').format(items)


def contacts_of(view: View, components: dict[str, str]) -> Markup:
    """Whom to call about these systems: one contact as text, several as a list."""
    lines = who_to_call(view.tree, components)
    if len(lines) <= 1:
        return escape("".join(lines))
    items = Markup("").join(Markup("<li>{}</li>").format(line) for line in lines)
    return Markup('<ul class="bedside-systems">{}</ul>').format(items)


def day_aware(view: View, moment: datetime) -> str:
    """How to show `moment`: the time alone on the day the page is built, else with the day."""
    same_day = moment.astimezone(view.zone).date() == view.now.astimezone(view.zone).date()
    return "time" if same_day else "datetime"


def render_incident_card(view: View, incident: Incident, *, show_link: bool = True) -> Markup:
    """One open problem as the status home shows it (heading at `view.heading`)."""
    latest = incident.latest
    show = day_aware(view, incident.started_at)
    return render(
        "incident_card.html", view=view, incident=incident, latest=latest,
        page_url=view.href(urls.incident_page(incident.id)) if show_link else "",
        started_show=show, update_show=show, updated_show=day_aware(view, latest.at),
        systems=systems_list(view, incident.current_components),
        contacts=contacts_of(view, incident.components),
        workaround=current_workaround(incident),
        next_update=next_update_sentence(incident, view.now, view.zone, view.when()),
        earlier=list(reversed(incident.updates[:-1])),
        status_labels=INCIDENT_STATUS_LABELS, show_link=show_link, update_heading=0,
    )


def render_open_incidents(view: View) -> Markup:
    """The "Problems now" section, or nothing when there are none."""
    incidents = view.state.open_incidents
    if not incidents:
        return Markup("")
    card_view = view.at(view.here, view.heading + 1)
    cards = [render_incident_card(card_view, incident) for incident in incidents]
    return render("open_incidents.html", view=view, cards=cards)
