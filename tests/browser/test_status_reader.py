"""The status pages as a reader sees them: the banner sentence, times in the
reader's own zone (the site's zone without JavaScript), the poll that offers
the latest news, and the printed notice of planned work."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from macros.loader import load_tree
from macros.loopback import StaticServer
from macros.state import compute_state
from macros.wording import LEVELS, banner
from tests.browser.pages import (
    INCIDENT,
    MAINTENANCE,
    STATUS_HOMES,
    SitePage,
    params,
)
from tests.browser.support import poll_status, visible_text
from tests.helpers import TREES

pytestmark = pytest.mark.browser

NEW_YORK = "America/New_York"
OUTAGE_HOME = next(p for p in STATUS_HOMES if p.scenario == "major-outage")
CALM_HOME = next(p for p in STATUS_HOMES if p.scenario == "all-well")
# The worst problem in the major-outage tree started at 07:52 London time (= UTC in November).
OUTAGE_STARTED = "2026-11-20T07:52:00+00:00"


def clock_of(site_page: SitePage) -> datetime:
    return datetime.fromisoformat(site_page.now)


def open_site_page(open_page: Callable[..., Page], served_site: Callable[[str], StaticServer],
                   site_page: SitePage, **context_options: object) -> Page:
    """Open `site_page` with the browser's clock a few minutes after the site was built."""
    page = open_page(clock_of(site_page) + timedelta(minutes=12), **context_options)
    page.goto(served_site(site_page.scenario).url(site_page.path))
    return page


@pytest.mark.parametrize("site_page", params(STATUS_HOMES))
def test_banner_says_how_things_are_in_one_sentence(
        site_page: SitePage, open_page: Callable[..., Page],
        served_site: Callable[[str], StaticServer]) -> None:
    tree = load_tree(TREES / site_page.scenario)
    expected = banner(tree, compute_state(tree, clock_of(site_page)))
    page = open_site_page(open_page, served_site, site_page)

    sentence = page.locator("[data-bedside-banner] .bedside-banner__sentence")
    expect(sentence).to_be_visible()
    shown = visible_text(page, "[data-bedside-banner] .bedside-banner__sentence")
    assert shown.endswith(expected.sentence)
    if expected.level != "none":
        # Never colour alone: the level is written out before the sentence.
        assert shown.startswith(LEVELS[expected.level][1]), shown
    if expected.detail:
        expect(page.locator("[data-bedside-banner]")).to_contain_text(expected.detail)


def test_banner_words_for_a_calm_day_and_a_bad_one(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    calm = open_site_page(open_page, served_site, CALM_HOME)
    assert visible_text(calm, ".bedside-banner__sentence") == "Everything is working"
    bad = open_site_page(open_page, served_site, OUTAGE_HOME)
    assert visible_text(bad, ".bedside-banner__sentence") == \
        "Serious problem: Patient records are not opening on any site"


def started_time(page: Page) -> str:
    return page.locator(f'.bedside-home time[datetime="{OUTAGE_STARTED}"]').first.inner_text()


def test_times_are_shown_in_the_readers_own_zone(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    london = open_site_page(open_page, served_site, OUTAGE_HOME)
    assert started_time(london) == "07:52"

    new_york = open_site_page(open_page, served_site, OUTAGE_HOME, timezone_id=NEW_YORK)
    # en-GB names New York's zone "GMT-5" (other locales say "EST").
    expect(new_york.locator(f'.bedside-home time[datetime="{OUTAGE_STARTED}"]').first) \
        .to_have_text(re.compile(r"^02:52 (GMT-5|EST)$"))
    as_of = new_york.locator(".bedside-banner__asof")
    expect(as_of).to_contain_text(re.compile(r"Friday 20 November, 03:30 (GMT-5|EST)"))
    expect(as_of).to_contain_text("(12 minutes ago)")


def test_without_javascript_times_are_in_the_sites_zone(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    page = open_page(OUTAGE_HOME.now, timezone_id=NEW_YORK, java_script_enabled=False)
    page.goto(served_site(OUTAGE_HOME.scenario).url(OUTAGE_HOME.path))
    assert started_time(page) == "07:52"
    expect(page.locator(".bedside-banner__asof")).to_have_text(
        "As of Friday 20 November, 08:30")
    assert visible_text(page, ".bedside-banner__sentence") == \
        "Serious problem: Patient records are not opening on any site"


def test_incident_page_shows_times_in_the_readers_zone(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    page = open_site_page(open_page, served_site, INCIDENT, timezone_id=NEW_YORK)
    times = page.locator(f'time[datetime="{OUTAGE_STARTED}"]')
    assert times.count() >= 1
    for text in times.all_inner_texts():
        assert "07:52" not in text, "a time stayed in London time for a New York reader"
    expect(page.get_by_role("heading", level=1)).to_contain_text("Patient records are not opening")


def read_status_json(site: StaticServer) -> dict:
    return json.loads((site.root / "status.json").read_text(encoding="utf-8"))


def test_status_home_offers_the_latest_when_status_json_changes(
        open_page: Callable[..., Page],
        served_copy: Callable[[str], StaticServer]) -> None:
    site = served_copy(CALM_HOME.scenario)
    page = open_page(clock_of(CALM_HOME) + timedelta(minutes=1))
    page.goto(site.url(CALM_HOME.path))
    offer = page.locator("[data-bedside-refresh]")

    poll_status(page)
    expect(offer).to_be_empty()  # nothing changed, nothing offered

    data = read_status_json(site)
    data["page"]["updated_at"] = "2026-11-20T08:40:00+00:00"
    (site.root / "status.json").write_text(json.dumps(data), encoding="utf-8")
    poll_status(page)
    expect(offer).to_contain_text("There is news since you opened this page.")
    show = page.get_by_role("button", name="Show the latest")
    expect(show).to_be_visible()
    assert page.url == site.url(CALM_HOME.path), "the page must offer, never reload by itself"

    with page.expect_navigation():
        show.click()
    expect(page.locator("[data-bedside-banner]")).to_be_visible()


def test_planned_work_prints_as_a_notice(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    page = open_site_page(open_page, served_site, MAINTENANCE)
    notice = page.locator(".bedside-notice")
    expect(notice).to_be_hidden()
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Print notice").click()
    assert page.evaluate("window.__printed === true")

    page.emulate_media(media="print")
    expect(notice).to_be_visible()
    for hidden in (".md-header", ".md-sidebar--primary", ".bedside-screen"):
        expect(page.locator(hidden).first).to_be_hidden()
    tree = load_tree(TREES / MAINTENANCE.scenario)
    work = next(m for m in tree.maintenance if MAINTENANCE.path.rstrip("/").endswith(m.id))
    expect(notice).to_contain_text(work.title)
    for step in work.prepare:
        expect(notice).to_contain_text(step)
    expect(notice).to_contain_text(work.contact)
    expect(notice).to_contain_text("Friday 20 November 2026, 22:00 to 02:00")


def test_without_javascript_the_print_button_is_not_offered(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    page = open_page(MAINTENANCE.now, java_script_enabled=False)
    page.goto(served_site(MAINTENANCE.scenario).url(MAINTENANCE.path))
    expect(page.get_by_role("button", name="Print notice")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text("Patient records upgrade")


# --- words that stay true wherever and whenever the page is read -------------------------

UPCOMING_HOME = next(p for p in STATUS_HOMES if p.scenario == "upcoming-maintenance")
TONIGHT = "Planned work on Patient records (EHR) and Lab results tonight 22:00–02:00"


def test_the_banners_window_says_whose_time_it_is_for_a_reader_elsewhere(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    new_york = open_site_page(open_page, served_site, UPCOMING_HOME, timezone_id=NEW_YORK)
    # The cards show New York times; "tonight" cannot be converted, so it is labelled.
    expect(new_york.locator(".bedside-banner__detail")).to_have_text(
        f"{TONIGHT} (London time).")
    expect(new_york.locator(".bedside-maintenance .bedside-card__when").first) \
        .to_contain_text(re.compile(r"17:00 (GMT-5|EST)"))
    london = open_site_page(open_page, served_site, UPCOMING_HOME)
    expect(london.locator(".bedside-banner__asof .bedside-relative")).to_have_count(1)  # ran
    expect(london.locator(".bedside-banner__detail")).to_have_text(f"{TONIGHT}.")


def test_in_how_long_comes_after_the_whole_window(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    page = open_site_page(open_page, served_site, UPCOMING_HOME)
    when = page.locator(".bedside-maintenance .bedside-card__when")
    expect(when.first).to_have_text(
        "Friday 20 November 2026, 22:00 to 02:00 on Saturday 21 November (in 13 hours)")
    expect(when.nth(1)).to_have_text(
        re.compile(r"^Monday 30 November 2026, 18:00 to 21:00 \(in \d+ days\)$"))


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_a_phone_shows_what_to_do_about_the_worst_problem_on_the_first_screen(
        javascript: bool, open_page: Callable[..., Page],
        served_site: Callable[[str], StaticServer]) -> None:
    phone = {"width": 360, "height": 740}
    page = open_site_page(open_page, served_site, OUTAGE_HOME, viewport=phone, is_mobile=True,
                          has_touch=True, java_script_enabled=javascript)
    first = page.locator(".bedside-incident").first
    expect(first.locator(".bedside-card__title")).to_have_text(
        "Patient records are not opening on any site")
    what_to_do = first.locator(".bedside-facts__do")
    expect(what_to_do).to_contain_text("Keep using the downtime forms")
    box = what_to_do.bounding_box()
    assert box is not None and box["y"] + box["height"] <= phone["height"], box
    # ... with whom to call, in the banner, before any scrolling.
    urgent = page.locator(".bedside-banner__urgent")
    expect(urgent).to_have_text(
        "If patient care is affected, call now: Service desk, ext. 4444, 24 hours.")
    urgent_box = urgent.bounding_box()
    assert urgent_box is not None and urgent_box["y"] + urgent_box["height"] <= phone["height"]
