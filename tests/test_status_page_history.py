"""A long history: paginated by month, every incident once, pages small and out of the way.

The tree (tests/fixtures/trees/long-history/, see its README) holds fifteen
months of small problems, planned work every quarter, one quiet month and one
day-long problem with an update every hour.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.dom import parse, status_root
from tests.helpers import TREES, Build, first_visit_gzip

NOW = "2026-11-20T08:30+00:00"
LONG_STORY = "2026-10-14-ehr-long-story"
UPDATES = 14  # a day-long problem with an update every hour


@pytest.fixture(scope="module")
def history(site_builds: Callable[..., Build]) -> tuple[Build, int]:
    """The long-history site, and how many incidents and pieces of planned work it has."""
    build = site_builds("long-history", NOW)
    assert build.returncode == 0, build.output
    tree = TREES / "long-history"
    written = len(list(tree.glob("incidents/*.yml"))) + len(list(tree.glob("maintenance/*.yml")))
    return build, written


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


def test_a_day_long_problem_page_stays_light_on_a_phone(history) -> None:
    build, _ = history
    url = f"status/incidents/{LONG_STORY}/"
    assert first_visit_gzip(build, url) <= 30_000
    page = status_root(build, url)
    assert page.find(cls="bedside-item__status").text().startswith("Resolved")
    # The resolving update is at the top; "Earlier updates" holds the rest, once each.
    updates = page.find("ol", "bedside-timeline").find_all("li")
    assert len(updates) == UPDATES - 1
    assert updates[0].find("h3").text() == "Cause found, Wednesday 14 October, 18:00"
    workarounds = [u for u in updates if "What to do meanwhile:" in u.text()]
    assert len(workarounds) == 1, "an unchanged workaround is not repeated"


def test_generated_pages_stay_out_of_the_nav_and_the_search_index(history) -> None:
    build, _ = history
    nav = parse(build.page("playbook/")).find("nav", "md-nav--primary")
    hrefs = " ".join(a.attrs.get("href", "") for a in nav.find_all("a"))
    assert "status/" in hrefs  # the nav was read
    assert "incidents/" not in hrefs and "history/" not in hrefs
    index = json.loads((build.site / "search" / "search_index.json").read_text())
    assert not [d for d in index["docs"] if d["location"].startswith(
        ("status/incidents/", "status/maintenance/", "status/history/"))]
