"""Every calendar the build writes is valid by RFC 5545, read line by line (tests/rfc5545.py),
including the calendar of an audience with nothing planned."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from macros import urls
from tests import rfc5545
from tests.test_outputs import HOSTILE, LIVE, LIVE_NOW, copy_of
from tests.test_outputs_dates import empty_tree, generated_tree, write_everything

SCENARIOS = [
    (LIVE, LIVE_NOW),
    (LIVE, "2026-12-06T23:00+00:00"),
    ("basic", "2026-11-30T19:00+00:00"),
    (HOSTILE, "2026-11-25T23:00+00:00"),
    ("generated", "2026-11-20T08:30+00:00"),
    ("empty", LIVE_NOW),
    ("audiences", "2026-11-20T09:00+00:00"),
]


def calendars(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*.ics"))}


@pytest.mark.parametrize(("tree", "now"), SCENARIOS)
def test_every_calendar_is_valid_by_rfc_5545(tree: str, now: str, tmp_path: Path) -> None:
    source: str | Path = {"generated": generated_tree, "empty": empty_tree}.get(
        tree, lambda _: tree)(tmp_path)
    found = calendars(write_everything(source, now, tmp_path / "site"))
    assert urls.calendar() in found
    problems = {name: rfc5545.problems_of(data) for name, data in found.items()}
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_checker_catches_what_rfc_5545_forbids() -> None:
    """The rules above can fail: each broken calendar breaks the rule it should."""
    good = (b"BEGIN:VCALENDAR\r\nPRODID:-//x//y//EN\r\nVERSION:2.0\r\n"
            b"BEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20261120T090000Z\r\n"
            b"DTSTART:20261120T100000Z\r\nDTEND:20261120T110000Z\r\nSUMMARY:A\\, b\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert rfc5545.problems_of(good) == []
    broken = {
        "no component": b"BEGIN:VCALENDAR\r\nPRODID:-//x//y//EN\r\nVERSION:2.0\r\n"
                        b"END:VCALENDAR\r\n",
        "unescaped comma": good.replace(b"A\\, b", b"A, b"),
        "no DTSTAMP": good.replace(b"DTSTAMP:20261120T090000Z\r\n", b""),
        "long line": good.replace(b"SUMMARY:A\\, b", b"SUMMARY:" + b"a" * 80),
        "bare newline": good.replace(b"SUMMARY:A\\, b", b"SUMMARY:A\nEND:VCALENDAR"),
        "unknown zone": good.replace(b"DTSTART:", b"DTSTART;TZID=Europe/London:")
                            .replace(b"100000Z", b"100000"),
        "ends before it starts": good.replace(b"DTEND:20261120T110000Z",
                                              b"DTEND:20261120T080000Z"),
    }
    for name, data in broken.items():
        assert rfc5545.problems_of(data), name


def test_an_audience_with_nothing_planned_gets_a_calendar_with_its_time_zone(
        tmp_path: Path) -> None:
    site = write_everything(empty_tree(tmp_path), LIVE_NOW, tmp_path / "site")
    calendar = icalendar.Calendar.from_ical((site / urls.calendar("finance")).read_bytes())
    assert calendar.walk("VEVENT") == []
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    name = "Eastbrook Hospital IT: planned work, for Finance and payroll"
    assert rfc5545.text_value(calendar["X-WR-CALNAME"]) == name
    assert rfc5545.text_value(calendar["NAME"]) == name


def test_commas_in_the_calendar_description_are_escaped(tmp_path: Path) -> None:
    site = write_everything(copy_of(LIVE, tmp_path), LIVE_NOW, tmp_path / "site")
    lines = (site / urls.calendar()).read_bytes().decode("utf-8").replace("\r\n ", "")
    caldesc, = (line for line in lines.split("\r\n") if line.startswith("X-WR-CALDESC:"))
    assert "says why\\, how to prepare" in caldesc
