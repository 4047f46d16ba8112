"""Whole pages: the status home, one incident, one piece of planned work, history."""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from macros import urls
from macros.model import Incident, Maintenance
from macros.render.audience import render_picker
from macros.render.banner import render_banner
from macros.render.components import render_components
from macros.render.env import render
from macros.render.history import render_recent
from macros.render.incidents import contacts_of, render_open_incidents, systems_list
from macros.render.maintenance import render_maintenance_card, render_planned_work
from macros.render.signals import render_signals
from macros.render.uptime import render_uptime
from macros.render.view import View
from macros.state import incident_duration
from macros.wording import (
    INCIDENT_STATUS_LABELS,
    MAINTENANCE_STATUS_LABELS,
    current_workaround,
    duration_words,
    next_update_sentence,
    window_in_words,
)


def render_status_home(view: View) -> Markup:
    """The status home, in the order a worried reader needs it."""
    parts = [render_open_incidents(view), render_planned_work(view), render_components(view),
             render_signals(view), render_uptime(view), render_recent(view)]
    return render("status_home.html", view=view, banner=render_banner(view), parts=parts,
                  picker=render_picker(view))


def docs_page_url(docs_path: str, use_directory_urls: bool = True) -> str:
    """The site address of a page given as `docs/...md` (e.g. an incident's review)."""
    path = docs_path.removeprefix("docs/").removesuffix(".md")
    if not use_directory_urls:
        return path + ".html"
    if posixpath.basename(path) in ("index", "README"):
        path = posixpath.dirname(path)
    return f"{path}/" if path else ""


def render_incident_page(view: View, incident: Incident, *,
                         use_directory_urls: bool = True) -> Markup:
    """The page at `status/incidents/<id>/`: the latest update and the facts first,
    then the earlier updates."""
    latest = incident.latest
    resolved = incident.is_resolved
    lasted = incident_duration(incident)
    review = docs_page_url(incident.postmortem, use_directory_urls) if incident.postmortem else ""
    return render(
        "incident_page.html", view=view, incident=incident, latest=latest, resolved=resolved,
        systems=systems_list(view, incident.current_components),
        contacts=contacts_of(view, incident.components),
        workaround=current_workaround(incident),
        next_update=next_update_sentence(incident, view.now, view.zone, view.when()),
        next_update_at=None if resolved else latest.next_update,
        duration=duration_words(lasted) if lasted else "",
        review_url=view.href(review) if review else "",
        earlier=list(reversed(incident.updates[:-1])), update_heading=3,
        update_show="datetime", status_labels=INCIDENT_STATUS_LABELS,
    )


def render_maintenance_page(view: View, item: Maintenance, *, site_name: str,
                            site_url: str) -> Markup:
    """The page at `status/maintenance/<id>/`, with its A4 notice for printing."""
    phase = view.state.phase(item)
    card = render_maintenance_card(view.at(view.here, 2), item, show_title=False, links=False)
    address = f"{site_url.rstrip('/')}/{urls.maintenance_page(item.id)}" if site_url else ""
    cancelled = [u for u in item.updates if u.status == "cancelled"]
    notice = render("notice.html", item=item, phase=phase,
                    window=window_in_words(item, view.zone), page_address=address,
                    cancellation=cancelled[-1].message if cancelled else "")
    return render(
        "maintenance_page.html", view=view, item=item, phase=phase,
        card=card, notice=notice, site_name=site_name,
        earlier=list(reversed(item.updates[:-1])), update_heading=3, update_show="datetime",
        status_labels=MAINTENANCE_STATUS_LABELS,
    )
