"""iCalendar files of planned work, built with icalendar.

One file with all announced planned work (`macros.urls.calendar()`, for
subscribing) and one per piece of work (`macros.urls.maintenance_calendar`,
the "Add to calendar" link). Times carry the site's zone with a VTIMEZONE,
so a calendar in another zone shows the right local time.

How changes reach calendars, with a build that has no memory:

- UID is `<maintenance id>@<site host>`: the file name never changes, so a
  calendar always recognises the same event, in either file.
- SEQUENCE is the number of updates the maintenance file has. A static build
  cannot see the window a file had last week, so a moved window is only
  known from the data: the IT team adds an update when they move a window
  (status `scheduled`, saying the new time), which raises SEQUENCE and tells
  calendars, feed readers and the page's timeline at once. Cancelling is an
  update too, so a cancelled event always outranks the copy people saved.
- DTSTAMP and LAST-MODIFIED are the time of the latest update (or of the
  announcement): taken from the data, so rebuilding the same data gives the
  same bytes.
- Cancelled work stays in both files with STATUS:CANCELLED and "Cancelled"
  in its title, so calendars that saved it strike it out or remove it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from macros import urls, wording
from macros.model import Maintenance
from macros.outputs.writing import write_bytes
from macros.status_document.edition import Edition, announced_at
from macros.text import as_written, plain

REFRESH = timedelta(hours=1)  # how often subscribed calendars should look again


def revised_at(item: Maintenance) -> datetime:
    """When the work's details last changed, as far as the data says."""
    return item.latest.at if item.latest else announced_at(item)


def sequence(item: Maintenance) -> int:
    """The event's revision number: one more with every update to the work."""
    return len(item.updates)


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
    event.add("uid", event_uid(item, edition))
    event.add("dtstamp", revised_at(item).astimezone(UTC))
    event.add("created", announced_at(item).astimezone(UTC))
    event.add("last-modified", revised_at(item).astimezone(UTC))
    event.add("sequence", sequence(item))
    event.add("dtstart", item.start.astimezone(zone))
    event.add("dtend", item.end.astimezone(zone))
    event.add("summary", event_summary(item))
    event.add("description", event_description(item, edition))
    event.add("url", edition.url(urls.maintenance_page(item.id)))
    event.add("status", "CANCELLED" if item.is_cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    return event


def build_calendar(edition: Edition, items: list[Maintenance], name: str) -> Calendar:
    """A calendar of `items` with the VTIMEZONE of the site's zone."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{edition.site_name}//Bedside status//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("description", wording.CALENDAR_DESCRIPTION)
    calendar.add("x-wr-caldesc", wording.CALENDAR_DESCRIPTION)
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
    return calendar


def write_planned_work(edition: Edition, site_dir: Path) -> str:
    """Write the edition's calendar of all announced planned work; return its address."""
    address = urls.calendar(edition.audience_id)
    audience_name = edition.audience.name if edition.audience else None
    name = wording.calendar_title(edition.site_name, audience_name)
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
