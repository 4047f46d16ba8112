"""The status pages Bedside writes itself: one per incident, per piece of planned work,
per history page and per audience, the wall board and the intranet banner's page.

They are whole HTML pages in Bedside's own shell (`macros.render.shell`), made
from the validated data without passing through the site generator, so they
stay out of its navigation and search index, cost nothing per page in its
build, and come out the same after an MkDocs or a Zensical build (`bedside
render`). People's text only ever arrives as values in templates.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from macros import urls, wording
from macros.context import BuildContext
from macros.model import Incident, Maintenance
from macros.render.audience import audience_fingerprint, render_audience_page
from macros.render.board import render_board, render_embed
from macros.render.history import history_pages, render_history_page
from macros.render.pages import render_incident_page, render_maintenance_page
from macros.render.shell import Site, render_page, site_feeds
from macros.render.view import View
from macros.state import UNANNOUNCED

HISTORY_TITLE = "Past problems and planned work"


@dataclass(frozen=True)
class Page:
    """One written page: its site address, its HTML, and whether search engines may list it
    (the wall board and the banner's page are not pages to land on)."""

    address: str
    html: str
    listed: bool = True


def _edit_url(site: Site, item: Incident | Maintenance, folder: str) -> str:
    return site.edit_url(f"status/{folder}/{item.id}.yml")


def incident_pages(context: BuildContext, site: Site, base: View) -> Iterator[Page]:
    """A page per incident, open or past."""
    for incident in context.seen.incidents:
        here = urls.incident_page(incident.id)
        body = render_incident_page(base.at(here), incident)
        yield Page(here, render_page(
            site, here=here, title=" ".join(incident.title.split()), body=body,
            description=f"{wording.FIELD_HEADINGS['affects']}: {incident.affects}",
            feeds=site_feeds(here), edit_url=_edit_url(site, incident, "incidents"),
            current=urls.STATUS_HOME))


def maintenance_pages(context: BuildContext, site: Site, base: View) -> Iterator[Page]:
    """A page per announced piece of planned work, with its printable notice."""
    for item in context.seen.maintenance:
        if context.state.phase(item) == UNANNOUNCED:
            continue
        here = urls.maintenance_page(item.id)
        body = render_maintenance_page(base.at(here), item, site_name=site.name,
                                       site_url=site.url)
        yield Page(here, render_page(
            site, here=here, title=" ".join(item.title.split()), body=body,
            description=wording.window_in_words(item, context.zone) + ". " + item.affects,
            feeds=site_feeds(here), edit_url=_edit_url(site, item, "maintenance"),
            current=urls.STATUS_HOME))


def history_site_pages(context: BuildContext, site: Site, base: View) -> Iterator[Page]:
    """The history, a few months per page, newest first."""
    for page in history_pages(context.seen, context.now):
        here = urls.history_page(page.number)
        title = HISTORY_TITLE if page.number == 1 else f"{HISTORY_TITLE}, page {page.number}"
        yield Page(here, render_page(
            site, here=here, title=title,
            body=render_history_page(base.at(here, heading=2), page),
            description="Every problem and every piece of planned work, month by month.",
            feeds=site_feeds(here), current=urls.HISTORY))


def audience_site_pages(context: BuildContext, site: Site, base: View) -> Iterator[Page]:
    """A view of the status page for each audience named in components.yml."""
    for audience in context.seen.audiences:
        here = urls.audience_page(audience.id)
        title = wording.AUDIENCE_TITLE.format(audience=audience.name)
        body = render_audience_page(
            base.at(here), audience.id, site_url=site.url,
            fingerprint=audience_fingerprint(context.summary, audience.id))
        yield Page(here, render_page(
            site, here=here, title=" ".join(title.split()), body=body,
            description=f"Problems and planned work that concern {audience.name}.",
            feeds=site_feeds(here, f"IT status updates for {audience.name}", audience.id),
            current=urls.STATUS_HOME))


def standalone_pages(site: Site, base: View) -> Iterator[Page]:
    """The wall board and the intranet banner's <iframe> page: no site chrome."""
    yield Page(urls.BOARD, render_page(
        site, here=urls.BOARD, title="IT status board", kind="board",
        body=render_board(base.at(urls.BOARD), site.name), body_class="bedside-board-page"),
        listed=False)
    yield Page(urls.BANNER, render_page(
        site, here=urls.BANNER, title="IT status banner", kind="embed",
        body=render_embed(base.at(urls.BANNER)), body_class="bedside-embed-page",
        script=urls.BANNER_SCRIPT), listed=False)


def status_pages(context: BuildContext, site: Site) -> Iterator[Page]:
    """Every page Bedside writes itself, for this build."""
    base = View.of_build(context)
    yield from incident_pages(context, site, base)
    yield from maintenance_pages(context, site, base)
    yield from history_site_pages(context, site, base)
    yield from audience_site_pages(context, site, base)
    yield from standalone_pages(site, base)
