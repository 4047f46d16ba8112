"""A long history: paginated by month, every incident once, pages small and out of the way.

The tree is written by `write_long_history` (fifteen months of incidents and
planned work) rather than committed, to keep the repository small.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.helpers import TREES, Build, build_site
from tests.test_status_page import parse, status_root

NOW = "2026-11-20T08:30+00:00"
EMPTY_MONTH = (2026, 3)
LONG_STORY = "2026-10-14-ehr-long-story"
UPDATES = 14  # a day-long problem with an update every hour


def _incident(day: datetime, number: int) -> str:
    start = day.replace(hour=9 + number, minute=5)
    return f"""title: Problem number {number} on {day:%d %B %Y}
impact: minor
components: {{printing: partial_outage}}
affects: Ward {number + 3}
updates:
  - at: {start:%Y-%m-%dT%H:%M}
    status: investigating
    message: Labels are not printing on ward {number + 3}.
    workaround: Print labels on the next ward.
    next_update: {start + timedelta(minutes=30):%Y-%m-%dT%H:%M}
  - at: {start + timedelta(minutes=50):%Y-%m-%dT%H:%M}
    status: resolved
    message: Labels print again on ward {number + 3}.
    data_impact: Nothing was lost.
"""


def _long_story() -> str:
    start = datetime(2026, 10, 14, 6, 0)
    lines = ["title: Patient records kept freezing for a day", "impact: major",
             "components: {ehr: partial_outage}", "affects: Every ward", "updates:"]
    for n in range(UPDATES - 1):
        at = start + timedelta(hours=n)
        lines += [f"  - at: {at:%Y-%m-%dT%H:%M}", "    status: identified",
                  f"    message: Update {n + 1}. Records still freeze for a few seconds when "
                  "a chart opens. The supplier is replacing one server at a time and we "
                  "check each one with the wards before moving on.",
                  "    workaround: Wait ten seconds before clicking again; use the read-only "
                  "viewer for urgent look-ups.",
                  f"    next_update: {at + timedelta(minutes=30):%Y-%m-%dT%H:%M}"]
    end = start + timedelta(hours=UPDATES - 1)
    lines += [f"  - at: {end:%Y-%m-%dT%H:%M}", "    status: resolved",
              "    message: Records open without freezing again.",
              "    data_impact: No records were lost."]
    return "\n".join(lines) + "\n"


def _maintenance(day: datetime) -> str:
    return f"""title: Printer driver update in {day:%B %Y}
components: {{printing: under_maintenance}}
affects: All printers
window:
  start: {day:%Y-%m-%d}T20:00
  end: {day:%Y-%m-%d}T22:00
why: The new drivers fix jammed label queues.
benefit: Labels print first time.
during: Printing stops for a few minutes per ward.
contact: Service desk, ext. 4444
"""


def write_long_history(root: Path) -> tuple[int, int]:
    """Fifteen months (Sep 2025 to Nov 2026) of data, March 2026 empty.

    Returns the number of incidents and of pieces of planned work written.
    """
    shutil.copy(TREES / "all-well" / "components.yml", root / "components.yml")
    (root / "incidents").mkdir()
    (root / "maintenance").mkdir()
    incidents = maintenance = 0
    month = datetime(2025, 9, 1)
    while month <= datetime(2026, 11, 1):
        if (month.year, month.month) != EMPTY_MONTH:
            for number, day in enumerate((3, 17), 1):
                date = month.replace(day=day)
                name = f"{date:%Y-%m-%d}-problem-{number}.yml"
                (root / "incidents" / name).write_text(_incident(date, number))
                incidents += 1
            if month.month % 3 == 0:
                date = month.replace(day=10)
                (root / "maintenance" / f"{date:%Y-%m-%d}-drivers.yml").write_text(
                    _maintenance(date))
                maintenance += 1
        month = (month + timedelta(days=32)).replace(day=1)
    (root / "incidents" / f"{LONG_STORY}.yml").write_text(_long_story())
    return incidents + 1, maintenance


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, int]:
    out = tmp_path_factory.mktemp("long-history")
    tree = out / "long-history"
    tree.mkdir()
    incidents, maintenance = write_long_history(tree)
    build = build_site(out, tree, NOW)
    assert build.returncode == 0, build.output
    return build, incidents + maintenance


def page_summary(build: Build, url: str) -> str:
    return status_root(build, url).find(cls="bedside-history-page__range").text()


def pager(build: Build, url: str) -> dict[str, str]:
    nav = status_root(build, url).find("nav", "bedside-pages")
    return {a.text(): a.attrs["href"] for a in nav.find_all("a")}


def test_history_is_paginated_by_month_newest_first(history) -> None:
    build, _ = history
    assert page_summary(build, "status/history/") == (
        "September 2026 to November 2026, newest first. Page 1 of 5.")
    months = [h.text() for h in status_root(build, "status/history/").find_all("h2")]
    assert months == ["November 2026", "October 2026", "September 2026"]
    assert pager(build, "status/history/") == {
        "Page 1": "./", "Page 2": "page/2/", "Page 3": "page/3/", "Page 4": "page/4/",
        "Page 5": "page/5/", "Older": "page/2/"}
    assert page_summary(build, "status/history/page/5/") == (
        "September 2025 to November 2025, newest first. Page 5 of 5.")
    last = pager(build, "status/history/page/5/")
    assert last["Newer"] == "../4/" and last["Page 1"] == "../../" and "Older" not in last


def test_a_quiet_month_says_so(history) -> None:
    build, _ = history
    page = status_root(build, "status/history/page/3/")
    month = page.find("section", aria_labelledby="month-2026-03")
    assert month.text() == "March 2026 No problems and no planned work this month."


def test_every_incident_and_planned_work_is_listed_once_and_its_page_exists(history) -> None:
    build, expected = history
    links = []
    for number in range(1, 6):
        url = "status/history/" if number == 1 else f"status/history/page/{number}/"
        for entry in status_root(build, url).find_all("li", "bedside-history__entry"):
            href = entry.find("a").attrs["href"]
            links.append(href)
            target = (build.site / url / href).resolve() / "index.html"
            assert target.is_file(), href
    assert len(links) == len(set(links)) == expected


def test_a_day_long_problem_page_stays_under_20_kb(history) -> None:
    build, _ = history
    url = f"status/incidents/{LONG_STORY}/"
    html = build.page(url)
    assert len(html.encode()) < 20_000
    updates = status_root(build, url).find("ol", "bedside-timeline").find_all("li")
    assert len(updates) == UPDATES
    assert updates[0].find("h3").text() == "Resolved, Wednesday 14 October, 19:00"
    workarounds = [u for u in updates if "What to do meanwhile:" in u.text()]
    assert len(workarounds) == 1, "an unchanged workaround is not repeated"


def test_generated_pages_stay_out_of_the_nav_and_the_search_index(history) -> None:
    build, _ = history
    for url in ("status/", f"status/incidents/{LONG_STORY}/", "status/history/page/2/"):
        nav = parse(build.page(url)).find("nav", "md-nav--primary")
        hrefs = " ".join(a.attrs.get("href", "") for a in nav.find_all("a"))
        assert "incidents/" not in hrefs and "page/2" not in hrefs
    index = json.loads((build.site / "search" / "search_index.json").read_text())
    assert not [d for d in index["docs"] if d["location"].startswith(
        ("status/incidents/", "status/maintenance/", "status/history/"))]
