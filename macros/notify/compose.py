"""Turn an announcement into a notice: the page's sentences, as plain text, with links.

A notice is the same for every channel; `payloads` and `mail` only lay it out.
What people wrote becomes plain text with `macros.text`, the words status.json
carries, each part on one line (a card or a chat message has no room for layout).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urljoin

from macros import urls
from macros.model import Incident, Maintenance, StatusTree
from macros.notify.plan import INCIDENT_UPDATE, MAINTENANCE_MOVED, MAINTENANCE_UPDATE, Announcement
from macros.state import COMPLETED, IN_PROGRESS, UPCOMING, maintenance_as_of, maintenance_phase
from macros.text import as_written, one_line, plain
from macros.wording import (
    ADD_TO_CALENDAR,
    FIELD_HEADINGS,
    INCIDENT_STATUS_LABELS,
    MAINTENANCE_STATUS_LABELS,
    READ_ON_THE_PAGE,
    WAS_PLANNED,
    component_states_line,
    current_workaround,
    maintenance_subject,
    maintenance_when_sentence,
    next_update_sentence,
    update_subject,
    window_in_words,
)


@dataclass(frozen=True)
class Fact:
    """One part of a notice; `label` is empty when the text is a whole sentence."""

    label: str
    text: str
    items: tuple[str, ...] = ()  # a list under the label, e.g. what to do beforehand


@dataclass(frozen=True)
class Notice:
    """What one message says, independent of the channel it goes to."""

    key: str
    kind: str
    item_type: str  # "incident" or "maintenance"
    item_id: str
    status: str
    audiences: tuple[str, ...]
    subject: str
    lead: str
    facts: tuple[Fact, ...]
    links: tuple[Fact, ...]

    def plain_text(self) -> str:
        """The whole notice as plain text (email body, generic webhook `text`)."""
        blocks = [self.subject, self.lead] if self.lead else [self.subject]
        blocks.append("\n".join(_fact_line(f) for f in self.facts))
        blocks.append("\n".join(f"{link.label}: {link.text}" for link in self.links))
        return "\n\n".join(b for b in blocks if b) + "\n"


def _fact_line(fact: Fact) -> str:
    if fact.items:
        return f"{fact.label}:" + "".join(f"\n- {item}" for item in fact.items)
    return f"{fact.label}: {fact.text}" if fact.label else fact.text


def absolute(site_url: str, path: str) -> str:
    """The full address of a site path: "https://it.example.org/status/…"."""
    return urljoin(site_url.rstrip("/") + "/", path)


def compose(announcement: Announcement, tree: StatusTree, now: datetime,
            site_url: str) -> Notice:
    """The notice for `announcement`, in the site's words, linking to its permalink."""
    if announcement.incident is not None:
        return _incident_notice(announcement, announcement.incident, tree, now, site_url)
    assert announcement.maintenance is not None
    return _maintenance_notice(announcement, announcement.maintenance, tree, now, site_url)


def _facts(*pairs: tuple[str, str]) -> tuple[Fact, ...]:
    """Facts from (label, plain text) pairs, each on one line, leaving out the empty ones."""
    return tuple(Fact(label, one_line(text)) for label, text in pairs if one_line(text))


def _contacts(tree: StatusTree, component_ids: dict[str, str]) -> str:
    found: list[str] = []
    for cid in component_ids:
        component = tree.components.get(cid)
        if component and component.contact and component.contact not in found:
            found.append(component.contact)
    return "; ".join(found)


def _incident_notice(announcement: Announcement, incident: Incident, tree: StatusTree,
                     now: datetime, site_url: str) -> Notice:
    update = announcement.update
    assert update is not None and announcement.kind == INCIDENT_UPDATE
    zone = tree.timezone
    # The incident as it stood at this update, so every sentence matches the message.
    as_of = replace(incident, updates=incident.updates[: incident.updates.index(update) + 1])
    states = as_of.current_components
    facts = _facts(
        (FIELD_HEADINGS["workaround"], plain(current_workaround(as_of))),
        (FIELD_HEADINGS["data_impact"], plain(update.data_impact)),
        ("", as_written(component_states_line(tree, states))),
        (FIELD_HEADINGS["affects"], as_written(incident.affects)),
        ("", next_update_sentence(as_of, now, zone)),
        (FIELD_HEADINGS["contact"], as_written(_contacts(tree, incident.components))),
    )
    return Notice(
        key=announcement.key, kind=announcement.kind, item_type="incident",
        item_id=incident.id, status=update.status, audiences=incident.audiences,
        subject=update_subject(INCIDENT_STATUS_LABELS[update.status],
                               as_written(incident.title)),
        lead=one_line(plain(update.message)), facts=facts,
        links=(Fact(READ_ON_THE_PAGE, absolute(site_url, urls.incident_page(incident.id))),),
    )


def _maintenance_notice(announcement: Announcement, item: Maintenance, tree: StatusTree,
                        now: datetime, site_url: str) -> Notice:
    zone = tree.timezone
    phase = maintenance_phase(item, now)
    shown = replace(item, title=as_written(item.title))
    update = announcement.update
    if announcement.kind == MAINTENANCE_UPDATE:
        assert update is not None
        subject = update_subject(MAINTENANCE_STATUS_LABELS[update.status], shown.title)
    else:
        subject = maintenance_subject(announcement.kind, shown, now, zone)
    ahead = phase in (UPCOMING, IN_PROGRESS)
    was = ""
    if announcement.kind == MAINTENANCE_MOVED and announcement.previous_window:
        start, end = announcement.previous_window
        was = WAS_PLANNED.format(window=window_in_words(replace(item, start=start, end=end),
                                                        zone))
    when = window_in_words(item, zone)
    finished = (maintenance_when_sentence(maintenance_as_of(item, now), phase, zone)
                if phase == COMPLETED else "")
    facts = _facts(
        ("", finished),
        (FIELD_HEADINGS["window"], when) if ahead or phase == COMPLETED
        else ("", WAS_PLANNED.format(window=when)),
        ("", was),
        ("", as_written(component_states_line(tree, item.components)) if ahead else ""),
        (FIELD_HEADINGS["affects"], as_written(item.affects) if ahead else ""),
        (FIELD_HEADINGS["why"], plain(item.why) if phase == UPCOMING else ""),
        (FIELD_HEADINGS["benefit"], plain(item.benefit) if ahead else ""),
    )
    steps = tuple(one_line(plain(step)) for step in item.prepare if plain(step))
    if steps and phase == UPCOMING:
        facts += (Fact(FIELD_HEADINGS["prepare"], "", steps),)
    facts += _facts(
        (FIELD_HEADINGS["during"], plain(item.during) if ahead else ""),
        (FIELD_HEADINGS["contact"], plain(item.contact)),
    )
    links = [Fact(READ_ON_THE_PAGE, absolute(site_url, urls.maintenance_page(item.id)))]
    if phase == UPCOMING:
        links.append(Fact(ADD_TO_CALENDAR,
                          absolute(site_url, urls.maintenance_calendar(item.id))))
    return Notice(
        key=announcement.key, kind=announcement.kind, item_type="maintenance",
        item_id=item.id, status=update.status if update else phase,
        audiences=item.audiences, subject=subject,
        lead=one_line(plain(update.message)) if update else "", facts=facts, links=tuple(links),
    )
