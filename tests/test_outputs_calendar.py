"""iCalendar files, read back with icalendar as a calendar app would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar

from macros import urls
from tests.test_outputs import LIVE, LIVE_NOW, SITE_URL, copy_of, write_site

PAYROLL = "2026-11-30-payroll-update"
PAYROLL_FILE = f"maintenance/{PAYROLL}.yml"


def read(site: Path, address: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / address).read_bytes())


def events(site: Path, address: str = urls.calendar()) -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split("@")[0]: e for e in read(site, address).walk("VEVENT")}


def move_payroll_window(tree: Path, *, with_update: bool) -> None:
    path = tree / PAYROLL_FILE
    text = path.read_text(encoding="utf-8")
    text = text.replace("start: 2026-11-30T18:00", "start: 2026-12-01T18:00")
    text = text.replace("end: 2026-11-30T21:00", "end: 2026-12-01T21:00")
    if with_update:
        text += ("updates:\n"
                 "  - at: 2026-11-20T10:00\n"
                 "    status: scheduled\n"
                 "    message: We moved the work to Tuesday 1 December, 18:00 to 21:00, "
                 "after the pay run.\n")
    path.write_text(text, encoding="utf-8")


def test_events_are_in_the_site_zone_with_its_timezone_definition(tmp_path: Path) -> None:
    site = write_site(LIVE, LIVE_NOW, tmp_path / "site")
    calendar = read(site, urls.calendar())
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/London"
    found = events(site)
    for event in found.values():
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        assert event["DTEND"].params["TZID"] == "Europe/London"
        assert event["DTSTAMP"].dt.tzinfo is not None
        assert event["DTSTAMP"].dt.utcoffset() == timedelta(0)
    summer = found["2026-07-12-lab-analyser"]["DTSTART"].dt
    assert (summer.hour, summer.utcoffset()) == (22, timedelta(hours=1))
    winter = found[PAYROLL]["DTSTART"].dt
    assert (winter.hour, winter.utcoffset()) == (18, timedelta(0))
    single = read(site, urls.maintenance_calendar(PAYROLL))
    assert [str(tz["TZID"]) for tz in single.walk("VTIMEZONE")] == ["Europe/London"]


def test_the_calendar_lists_announced_work_and_marks_cancelled_work(tmp_path: Path) -> None:
    site = write_site(LIVE, LIVE_NOW, tmp_path / "site")
    found = events(site)
    assert sorted(found) == ["2026-07-12-lab-analyser", "2026-11-20-printing-drivers",
                             "2026-11-22-lab-link", PAYROLL]
    cancelled = found["2026-11-22-lab-link"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]) == "Cancelled: Lab results link move"
    assert str(cancelled["DESCRIPTION"]).startswith("Cancelled: The new line is not ready yet")
    assert str(found[PAYROLL]["STATUS"]) == "CONFIRMED"
    assert str(found[PAYROLL]["SUMMARY"]) == "Planned work: Payroll system update"
    assert (site / urls.maintenance_calendar("2026-11-22-lab-link")).is_file()


def test_an_event_says_why_how_to_prepare_what_still_works_and_who_to_call(
        tmp_path: Path) -> None:
    site = write_site(LIVE, LIVE_NOW, tmp_path / "site")
    event = events(site, urls.maintenance_calendar(PAYROLL))[PAYROLL]
    text = str(event["DESCRIPTION"])
    for words in ("Why: The update adds next year's tax rates",
                  "How it helps you: December pay",
                  "How to prepare:\n- Submit overtime claims",
                  "While the work happens: Rotas printed",
                  "Who to call: Payroll team, ext. 2210",
                  f"Details and updates: {SITE_URL}status/maintenance/{PAYROLL}/"):
        assert words in text
    assert "<" not in text
    assert str(event["URL"]) == SITE_URL + urls.maintenance_page(PAYROLL)
    assert "LOCATION" not in event


def test_uids_stay_the_same_across_builds_and_files(tmp_path: Path) -> None:
    first = events(write_site(LIVE, LIVE_NOW, tmp_path / "one"))
    second = events(write_site(LIVE, "2026-11-29T12:00+00:00", tmp_path / "two"))
    assert first.keys() < second.keys()  # the EHR upgrade is announced by then
    assert {k: str(e["UID"]) for k, e in first.items()} == \
        {k: str(second[k]["UID"]) for k in first}
    assert str(first[PAYROLL]["UID"]) == f"{PAYROLL}@it.eastbrook.example.org"
    single = events(tmp_path / "one", urls.maintenance_calendar(PAYROLL))
    assert str(single[PAYROLL]["UID"]) == str(first[PAYROLL]["UID"])


def test_moving_a_window_with_an_update_raises_the_sequence(tmp_path: Path) -> None:
    before = events(write_site(LIVE, LIVE_NOW, tmp_path / "one"))[PAYROLL]
    tree = copy_of(LIVE, tmp_path)
    move_payroll_window(tree, with_update=True)
    after = events(write_site(tree, "2026-11-20T11:00+00:00", tmp_path / "two"))[PAYROLL]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after["DTSTART"].dt.day == 1
    assert str(after["UID"]) == str(before["UID"])
    assert after["DTSTAMP"].dt == datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    assert after["DTSTAMP"].dt > before["DTSTAMP"].dt
    assert str(after["DESCRIPTION"]).startswith("Planned: We moved the work to Tuesday")


def test_cancelling_raises_the_sequence_above_the_saved_copy(tmp_path: Path) -> None:
    tree = copy_of(LIVE, tmp_path)
    before = events(write_site(tree, "2026-11-19T12:00+00:00", tmp_path / "one"))
    after = events(write_site(tree, LIVE_NOW, tmp_path / "two"))
    link = "2026-11-22-lab-link"
    assert str(before[link]["STATUS"]) == "CONFIRMED"
    assert str(after[link]["STATUS"]) == "CANCELLED"
    assert int(after[link]["SEQUENCE"]) > int(before[link]["SEQUENCE"])
