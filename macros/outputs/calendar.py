"""iCalendar files of planned work, built with icalendar.

One file with all announced planned work (`macros.urls.calendar()`, for
subscribing) and one per piece of work (`macros.urls.maintenance_calendar`,
the "Add to calendar" link). Times carry the site's zone with a VTIMEZONE,
so a calendar in another zone shows the right local time.

How changes reach calendars, with a build that has no memory:

- UID is `<maintenance id>@<site host>`: the file name never changes, so a
  calendar always recognises the same event, in either file.
- SEQUENCE grows with every change (`Edition.revision`): one per update to
  the work, plus one per later commit to its file in git. A build has no
  memory of last week's window, but the repository does: moving a window
  is a commit, so SEQUENCE, DTSTAMP and LAST-MODIFIED move with it and a
  calendar that imported the event takes the new time. Outside a git
  checkout only updates count, so the IT team adds an update when they move
  a window (which also tells feed readers and the page's timeline).
  Cancelling is an update too, so a cancelled event always outranks the copy
  people saved.
- CREATED is when the work was published, and DTSTAMP and LAST-MODIFIED when
  it last changed (`Edition.published_at`, `Edition.revised_at`): from the
  data and its history, never later than the build, so rebuilding the same
  data gives the same bytes.
- A calendar with nothing planned still holds its time zone (RFC 5545 wants
  at least one component), so a subscription stays valid until there is.
- Every text goes through `formats` and is written as iCalendar TEXT, so a
  line break or a comma in a name can never start a property of its own.
- Cancelled work stays in both files with STATUS:CANCELLED and "Cancelled"
  in its title, so calendars that saved it strike it out or remove it.
"""

from __future__ import annotations

from datetime import UTC, date, timedelta
from pathlib import Path

from icalendar import Calendar, Event, Timezone, vText

from macros import urls, wording
from macros.model import Maintenance
from macros.outputs.formats import clean_text, one_line
from macros.outputs.writing import write_bytes
from macros.status_document.edition import Edition
from macros.text import as_written, plain

REFRESH = timedelta(hours=1)  # how often subscribed calendars should look again


def text(value: str, *, single_line: bool = False) -> vText:
    """A TEXT value: forbidden characters gone, `\\n`, `,` and `;` escaped by icalendar."""
    return vText(one_line(value) if single_line else clean_text(value))


def event_uid(item: Maintenance, edition: Edition) -> str:
    """A UID that stays the same for the life of the work."""
    return f"{item.id}@{edition.host}"


def event_summary(item: Maintenance) -> str:
    """ "Planned work: Patient records upgrade", or "Cancelled: ..." when called off."""
    label = (wording.MAINTENANCE_STATUS_LABELS["cancelled"] if item.is_cancelled
             else wording.LEVELS["maintenance"][1])
    return wording.update_subject(label, as_written(item.title))


def event_description(item: Maintenance, edition: Edition) -> str:
    """Plain text: the latest news, then who, why, how to prepare, what still works, who to call."""
    heading = wording.FIELD_HEADINGS
    parts = []
    if item.latest:
        label = wording.MAINTENANCE_STATUS_LABELS[item.latest.status]
        parts.append(f"{label}: {plain(item.latest.message)}")
    parts += [
        f"{heading['affects']}: {as_written(item.affects)}",
        f"{heading['why']}: {plain(item.why)}",
        f"{heading['benefit']}: {plain(item.benefit)}",
    ]
    if item.prepare:
        steps = "\n".join(f"- {plain(step)}" for step in item.prepare)
        parts.append(f"{heading['prepare']}:\n{steps}")
    parts += [
        f"{heading['during']}: {plain(item.during)}",
        f"{heading['contact']}: {plain(item.contact)}",
        f"{heading['details']}: {edition.url(urls.maintenance_page(item.id))}",
    ]
    return "\n\n".join(parts)


def maintenance_event(item: Maintenance, edition: Edition) -> Event:
    """The VEVENT for one piece of planned work."""
    zone = edition.zone
    event = Event()
    revised = edition.revised_at(item).astimezone(UTC)
    event.add("uid", event_uid(item, edition))
    event.add("dtstamp", revised)
    event.add("created", edition.published_at(item).astimezone(UTC))
    event.add("last-modified", revised)
    event.add("sequence", edition.revision(item))
    event.add("dtstart", item.start.astimezone(zone))
    event.add("dtend", item.end.astimezone(zone))
    event.add("summary", text(event_summary(item), single_line=True))
    event.add("description", text(event_description(item, edition)))
    event.add("url", edition.url(urls.maintenance_page(item.id)))
    event.add("status", "CANCELLED" if item.is_cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def build_calendar(edition: Edition, items: list[Maintenance], name: str) -> Calendar:
    """A calendar of `items` with the VTIMEZONE of the site's zone (on its own when
    `items` is empty)."""
    calendar = Calendar()
    site = as_written(edition.site_name).replace("//", "/")
    calendar.add("prodid", text(f"-//{site}//Bedside status//EN", single_line=True))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", text(name, single_line=True))
    calendar.add("x-wr-calname", text(name, single_line=True))
    calendar.add("description", text(wording.CALENDAR_DESCRIPTION))
    calendar.add("x-wr-caldesc", text(wording.CALENDAR_DESCRIPTION))
    calendar.add("x-wr-timezone", edition.zone.key)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    for item in sorted(items, key=lambda m: (m.start, m.id)):
        calendar.add_component(maintenance_event(item, edition))
    if items:
        first = min(m.start for m in items).astimezone(edition.zone)
        last = max(m.end for m in items).astimezone(edition.zone)
        calendar.add_missing_timezones(first_date=date(first.year, 1, 1),
                                       last_date=date(last.year + 1, 12, 31))
    else:
        year = edition.now.astimezone(edition.zone).year
        calendar.add_component(Timezone.from_tzid(
            edition.zone.key, first_date=date(year, 1, 1), last_date=date(year + 1, 12, 31)))
    return calendar


def write_planned_work(edition: Edition, site_dir: Path) -> str:
    """Write the edition's calendar of all announced planned work; return its address."""
    address = urls.calendar(edition.audience_id)
    audience_name = as_written(edition.audience.name) if edition.audience else None
    name = wording.calendar_title(as_written(edition.site_name), audience_name)
    write_bytes(site_dir, address,
                build_calendar(edition, edition.maintenance(), name).to_ical())
    return address


def write_event_files(edition: Edition, site_dir: Path) -> list[str]:
    """Write one calendar file per announced piece of planned work; return their addresses."""
    written = []
    for item in edition.maintenance():
        address = urls.maintenance_calendar(item.id)
        name = as_written(item.title)
        write_bytes(site_dir, address, build_calendar(edition, [item], name).to_ical())
        written.append(address)
    return written
