"""Every date an output gives is true: nothing after the build, nothing before 2000, and
planned work is dated when it was published, by one rule for every output."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import icalendar
import pytest

from macros import urls
from macros.bench_tree import write_tree
from macros.outputs import write_outputs
from tests.test_outputs import (
    HOSTILE,
    LIVE,
    LIVE_NOW,
    context_at,
    copy_of,
    edition_at,
    load_json,
    output_files,
)
from tests.test_outputs_history import repository_with

EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
# The keys whose value says when something was published or changed (not when work is
# planned for, nor when the next update is promised).
STAMP_KEYS = {"created_at", "updated_at", "display_at", "started_at", "resolved_at",
              "monitoring_at"}
GENERATED_NOW = "2026-11-20T08:30+00:00"


def empty_tree(tmp_path: Path) -> Path:
    """LIVE's systems and audiences, with nothing written about them yet."""
    tree = copy_of(LIVE, tmp_path)
    for folder in ("incidents", "maintenance"):
        shutil.rmtree(tree / folder)
    return tree


def generated_tree(tmp_path: Path) -> Path:
    """The benchmark's tree: two years of incidents, work to come without announce_from."""
    return write_tree(tmp_path / "generated", 80, datetime.fromisoformat(GENERATED_NOW))


def write_everything(tree: str | Path, now: str, site: Path) -> Path:
    """Every output file of the build, the audiences' too."""
    write_outputs(context_at(tree, now), site)
    return site


def json_stamps(value: object, where: str = "") -> list[tuple[str, datetime]]:
    found: list[tuple[str, datetime]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in STAMP_KEYS and item is not None:
                found.append((f"{where}.{key}", datetime.fromisoformat(item)))
            else:
                found += json_stamps(item, f"{where}.{key}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            found += json_stamps(item, f"{where}[{number}]")
    return found


def feed_stamps(data: bytes) -> list[tuple[str, datetime]]:
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.bozo_exception
    parsed = [("feed", feed.feed.get("updated_parsed"))]
    for entry in feed.entries:
        parsed += [(entry.id, entry.get("published_parsed")),
                   (entry.id, entry.get("updated_parsed"))]
    return [(where, datetime(*value[:6], tzinfo=UTC)) for where, value in parsed if value]


def calendar_stamps(data: bytes) -> list[tuple[str, datetime]]:
    calendar = icalendar.Calendar.from_ical(data)
    return [(f"{event['UID']} {name}", event[name].dt)
            for event in calendar.walk("VEVENT")
            for name in ("DTSTAMP", "CREATED", "LAST-MODIFIED") if name in event]


def every_stamp(site: Path) -> list[tuple[str, datetime]]:
    """Each publication or change date in every output file, with where it was found."""
    stamps: list[tuple[str, datetime]] = []
    for path in output_files(site):
        data = path.read_bytes()
        name = path.relative_to(site).as_posix()
        if path.suffix == ".json":
            found = json_stamps(json.loads(data))
        elif path.suffix == ".xml":
            found = feed_stamps(data)
        elif path.suffix == ".ics":
            found = calendar_stamps(data)
        else:
            continue
        stamps += [(f"{name} {where}", when) for where, when in found]
    return stamps


SCENARIOS = [
    (LIVE, LIVE_NOW),
    (LIVE, "2026-11-25T10:00+00:00"),
    (LIVE, "2026-12-06T23:00+00:00"),
    ("basic", "2026-11-20T08:30+00:00"),
    (HOSTILE, "2026-11-20T08:30+00:00"),
    ("generated", GENERATED_NOW),
    ("empty", LIVE_NOW),
]


@pytest.mark.parametrize(("tree", "now"), SCENARIOS)
def test_no_output_is_dated_after_the_build_or_before_2000(tree: str, now: str,
                                                           tmp_path: Path) -> None:
    source: str | Path = {"generated": generated_tree, "empty": empty_tree}.get(
        tree, lambda _: tree)(tmp_path)
    site = write_everything(source, now, tmp_path / "site")
    stamps = every_stamp(site)
    assert len(stamps) > 5
    clock = datetime.fromisoformat(now)
    wrong = [(where, when.isoformat()) for where, when in stamps
             if not EARLIEST <= when <= clock]
    assert wrong == []


def test_todays_news_comes_before_work_announced_for_later(tmp_path: Path) -> None:
    """Planned work without announce_from no longer sits dated in the future, above a
    problem that is happening now: it is dated when its file was committed."""
    tree = repository_with(generated_tree(tmp_path), tmp_path, "2026-11-01T12:00:00+00:00")
    open_now = tree / "incidents" / "2026-11-20-ehr-down.yml"
    open_now.write_text(
        "title: Patient records are not opening\nimpact: critical\n"
        "components: {ehr: major_outage}\naffects: Everyone\nupdates:\n"
        "  - at: 2026-11-20T08:20\n    status: investigating\n"
        "    message: Patient records do not open on any ward.\n"
        "    workaround: Use the downtime forms.\n"
        "    next_update: 2026-11-20T09:00\n", encoding="utf-8")
    site = write_everything(tree, GENERATED_NOW, tmp_path / "site")
    feed = feedparser.parse((site / urls.rss_feed()).read_bytes())
    assert feed.entries[0].title == "Looking into it: Patient records are not opening"
    updated = datetime(*feed.feed.updated_parsed[:6], tzinfo=UTC)
    assert updated == datetime(2026, 11, 20, 8, 20, tzinfo=UTC)


# --- the one rule for "when was this published" -------------------------------------------


def published(tree: str | Path, now: str, work_id: str) -> datetime:
    edition = edition_at(tree, now)
    item, = (m for m in edition.tree.maintenance if m.id == work_id)
    return edition.published_at(item)


def add_work(tree: Path, work_id: str, start: str, end: str, extra: str = "") -> None:
    (tree / "maintenance" / f"{work_id}.yml").write_text(
        "title: Wi-Fi controller swap\ncomponents: {printing: under_maintenance}\n"
        "affects: Anyone printing over Wi-Fi\n"
        f"window:\n  start: {start}\n  end: {end}\n"
        "why: The old controller is out of support.\nbenefit: Fewer dropped print jobs.\n"
        "during: Print from a wired PC.\ncontact: Service desk, ext. 4444\n" + extra,
        encoding="utf-8")


def test_announce_from_says_when_work_was_published(tmp_path: Path) -> None:
    assert published(LIVE, LIVE_NOW, "2026-11-30-payroll-update") == \
        datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def test_without_announce_from_the_first_update_says_it(tmp_path: Path) -> None:
    tree = copy_of(LIVE, tmp_path)
    add_work(tree, "2026-12-10-wifi", "2026-12-10T22:00", "2026-12-10T23:00",
             "updates:\n  - at: 2026-11-18T10:00\n    status: scheduled\n"
             "    message: We moved it to Thursday night.\n")
    assert published(tree, LIVE_NOW, "2026-12-10-wifi") == \
        datetime(2026, 11, 18, 10, 0, tzinfo=UTC)


def test_with_nothing_to_go_on_work_is_dated_by_the_build_never_by_its_future_window(
        tmp_path: Path) -> None:
    """Outside a git checkout the build cannot know; it never says "later than now"."""
    tree = copy_of(LIVE, tmp_path)
    add_work(tree, "2026-12-10-wifi", "2026-12-10T22:00", "2026-12-10T23:00")
    add_work(tree, "2026-11-19-wifi", "2026-11-19T22:00", "2026-11-19T23:00")
    assert published(tree, LIVE_NOW, "2026-12-10-wifi") == datetime.fromisoformat(LIVE_NOW)
    assert published(tree, LIVE_NOW, "2026-11-19-wifi") == \
        datetime(2026, 11, 19, 22, 0, tzinfo=UTC)


def test_every_output_dates_the_announcement_by_the_same_rule(tmp_path: Path) -> None:
    tree = copy_of(LIVE, tmp_path)
    add_work(tree, "2026-12-10-wifi", "2026-12-10T22:00", "2026-12-10T23:00",
             "updates:\n  - at: 2026-11-18T10:00\n    status: scheduled\n"
             "    message: We moved it to Thursday night.\n")
    site = write_everything(tree, LIVE_NOW, tmp_path / "site")
    expected = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
    work, = (m for m in load_json(site, urls.STATUS_JSON)["scheduled_maintenances"]
             if m["id"] == "2026-12-10-wifi")
    assert datetime.fromisoformat(work["created_at"]) == expected
    assert datetime.fromisoformat(work["incident_updates"][-1]["created_at"]) == expected
    atom = feedparser.parse((site / urls.atom_feed()).read_bytes())
    announced, = (e for e in atom.entries if e.id.endswith("2026-12-10-wifi/#announced"))
    assert datetime(*announced.published_parsed[:6], tzinfo=UTC) == expected
    event, = icalendar.Calendar.from_ical(
        (site / urls.maintenance_calendar("2026-12-10-wifi")).read_bytes()).walk("VEVENT")
    assert event["CREATED"].dt == expected


def test_the_history_is_asked_once_for_the_whole_site_and_every_audience(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []

    def counted(root: Path) -> dict:
        calls.append(root)
        return {}

    monkeypatch.setattr("macros.status_document.history.read_history", counted)
    write_everything(LIVE, LIVE_NOW, tmp_path / "site")
    assert len(calls) == 1


def test_an_empty_feed_is_dated_by_the_build(tmp_path: Path) -> None:
    site = write_everything(empty_tree(tmp_path), LIVE_NOW, tmp_path / "site")
    for address in (urls.rss_feed(), urls.atom_feed(), urls.rss_feed("finance")):
        feed = feedparser.parse((site / address).read_bytes())
        assert not feed.bozo and not feed.entries
        assert datetime(*feed.feed.updated_parsed[:6], tzinfo=UTC) == \
            datetime.fromisoformat(LIVE_NOW)

