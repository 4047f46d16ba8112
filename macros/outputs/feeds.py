"""RSS 2.0 and Atom feeds of incident updates and planned work, built with feedgen.

One entry per incident update, one per announced piece of planned work and
one per update to it. Entry ids are the item's permalink with a fragment
(`#update-2`, `#announced`), so they never change between builds. Dates come
from the data and its history, never later than the build: an announcement
is published at `Edition.published_at` and updated (Atom's `updated`) when
its window or details last changed (`Edition.edited_at`). Only a feed with
no entries at all is dated by the build's clock, as when it was built. The
same data and history give the same bytes.

Bodies are the page's own HTML for what people wrote (`macros.text.rich`:
paragraphs, lists, emphasis, safe links), with our headings in bold. Every
string passes through `formats` first, so a control character in a message
can neither crash the feed writer nor make a feed no reader can parse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from feedgen.feed import FeedGenerator
from markupsafe import Markup, escape

from macros import urls, wording
from macros.model import Incident, Maintenance, Update
from macros.outputs.formats import clean_text, one_line
from macros.outputs.writing import write_bytes
from macros.status_document.edition import Edition
from macros.text import as_written, rich, rich_inline

FEED_LIMIT = 100  # newest entries kept in each feed
LANGUAGE = "en-GB"

# (heading key or "", value): a formatted field people wrote (Markdown, a str), words
# shown as they are (Markup), or a list of formatted steps.
Block = tuple[str, str | Markup | list[str]]


@dataclass(frozen=True)
class FeedEntry:
    """One entry, ready for either feed format."""

    id: str
    title: str
    link: str
    at: datetime
    blocks: tuple[Block, ...]
    updated: datetime | None = None  # when it last changed, if after `at`

    @property
    def changed(self) -> datetime:
        """When the entry last changed (Atom's `updated`)."""
        return max(self.at, self.updated or self.at)


def shown_as_is(text: str) -> Markup:
    """Our own words, or a field shown as written, for a block: escaped, never Markdown."""
    return escape(as_written(text))


def _headed(key: str, shown: Markup) -> Markup:
    """`shown` with its heading in bold, at the start of its first paragraph."""
    if not key:
        return shown
    heading = Markup("<strong>{}:</strong>").format(wording.FIELD_HEADINGS[key])
    if shown.startswith("<p>"):
        return Markup("<p>{} ").format(heading) + Markup(shown[3:])
    return Markup("<p>{}</p>\n").format(heading) + shown


def body_html(blocks: tuple[Block, ...]) -> str:
    """The entry's body: a paragraph per block, headings in bold, lists as lists."""
    parts = []
    for key, value in blocks:
        if isinstance(value, list):
            steps = Markup("").join(Markup("<li>{}</li>").format(rich_inline(step))
                                    for step in value)
            parts.append(Markup("<p><strong>{}</strong></p>\n<ul>{}</ul>").format(
                wording.FIELD_HEADINGS[key], steps))
        elif value:
            shown = Markup("<p>{}</p>").format(value) if isinstance(value, Markup) else rich(value)
            parts.append(_headed(key, shown))
    return str(Markup("<div>{}</div>").format(Markup("\n").join(parts)))


def _update_blocks(update: Update, edition: Edition) -> list[Block]:
    blocks: list[Block] = [("", update.message)]
    if update.workaround:
        blocks.append(("workaround", update.workaround))
    if update.next_update:
        blocks.append(("next_update", shown_as_is(
            wording.moment_in_words(update.next_update, edition.zone))))
    if update.data_impact:
        blocks.append(("data_impact", update.data_impact))
    return blocks


def incident_entries(incident: Incident, edition: Edition) -> list[FeedEntry]:
    """One entry per update of an incident."""
    link = edition.url(urls.incident_page(incident.id))
    title = as_written(incident.title)
    affects: list[Block] = [("affects", shown_as_is(incident.affects))]
    return [
        FeedEntry(
            id=f"{link}#update-{update.index}",
            title=wording.update_subject(wording.INCIDENT_STATUS_LABELS[update.status], title),
            link=link,
            at=update.at,
            blocks=tuple(_update_blocks(update, edition) + affects),
        )
        for update in incident.updates
    ]


def maintenance_blocks(item: Maintenance, edition: Edition) -> list[Block]:
    """Everything a reader needs to plan around the work, in the order they need it."""
    blocks: list[Block] = [
        ("window", shown_as_is(wording.window_in_words(item, edition.zone))),
        ("affects", shown_as_is(item.affects)),
        ("why", item.why),
        ("benefit", item.benefit),
    ]
    if item.prepare:
        blocks.append(("prepare", list(item.prepare)))
    blocks += [("during", item.during), ("contact", item.contact)]
    return blocks


def maintenance_entries(item: Maintenance, edition: Edition) -> list[FeedEntry]:
    """The announcement of planned work, then one entry per update to it."""
    link = edition.url(urls.maintenance_page(item.id))
    title = as_written(item.title)
    when = wording.window_in_words(item, edition.zone)
    entries = [FeedEntry(
        id=f"{link}#announced",
        title=wording.update_subject(wording.MAINTENANCE_STATUS_LABELS["scheduled"],
                                     f"{title}, {when}"),
        link=link,
        at=edition.published_at(item),
        blocks=tuple(maintenance_blocks(item, edition)),
        updated=edition.edited_at(item),
    )]
    for update in item.updates:
        entries.append(FeedEntry(
            id=f"{link}#update-{update.index}",
            title=wording.update_subject(wording.MAINTENANCE_STATUS_LABELS[update.status],
                                         title),
            link=link,
            at=update.at,
            blocks=(*_update_blocks(update, edition), ("window", shown_as_is(when))),
        ))
    return entries


def feed_entries(edition: Edition) -> list[FeedEntry]:
    """The newest `FEED_LIMIT` entries of the edition, newest first."""
    entries = [e for i in edition.incidents() for e in incident_entries(i, edition)]
    entries += [e for m in edition.maintenance() for e in maintenance_entries(m, edition)]
    entries.sort(key=lambda e: (e.at, e.id), reverse=True)
    return entries[:FEED_LIMIT]


def build_feed(edition: Edition, entries: list[FeedEntry], self_address: str, *,
               atom: bool) -> FeedGenerator:
    """A feedgen feed of `entries` at `self_address`: body as Atom content or RSS description."""
    audience_name = as_written(edition.audience.name) if edition.audience else None
    site_name = one_line(as_written(edition.site_name))
    home = edition.url(urls.audience_page(edition.audience_id) if edition.audience_id
                       else urls.STATUS_HOME)
    updated = max((e.changed for e in entries), default=edition.now)
    feed = FeedGenerator()
    feed.id(home)
    feed.title(one_line(wording.feed_title(site_name, audience_name)))
    feed.description(wording.FEED_DESCRIPTION)
    feed.author({"name": site_name})
    feed.link(href=edition.url(self_address), rel="self")
    feed.link(href=home, rel="alternate")
    feed.language(LANGUAGE)
    feed.updated(updated)
    feed.lastBuildDate(updated)
    for entry in entries:
        item = feed.add_entry(order="append")
        item.id(entry.id)
        item.guid(entry.id, permalink=False)
        item.title(one_line(entry.title))
        item.link(href=entry.link, rel="alternate")
        body = clean_text(body_html(entry.blocks))
        if atom:
            item.content(body, type="html")
        else:
            item.description(body)
        item.published(entry.at)
        item.updated(entry.changed)
    return feed


def write_feeds(edition: Edition, site_dir: Path) -> list[str]:
    """Write the edition's RSS and Atom feeds; return their site addresses."""
    entries = feed_entries(edition)
    rss, atom = urls.rss_feed(edition.audience_id), urls.atom_feed(edition.audience_id)
    write_bytes(site_dir, rss,
                build_feed(edition, entries, rss, atom=False).rss_str(pretty=True))
    write_bytes(site_dir, atom,
                build_feed(edition, entries, atom, atom=True).atom_str(pretty=True))
    return [rss, atom]
