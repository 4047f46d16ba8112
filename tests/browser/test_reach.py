"""Promises kept as the clock moves, the wall board and the intranet banner, in chromium.

The `audiences` fixture tree is built at 08:30 on Friday 20 November 2026;
each test moves the page's clock (Playwright's `page.clock`) past a promised
update time or through a window of planned work and checks what a reader
sees. Every page is guarded (tests/browser/conftest.py): a console error, a
script error, a dialog or a request off 127.0.0.1 fails the test.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from macros import urls
from macros.glance import glance
from macros.loader import load_tree
from macros.loopback import StaticServer
from macros.state import compute_state, tree_as_of
from tests.browser.support import horizontal_overflow, poll_status, run_axe, visible_text
from tests.helpers import TREES, Build

pytestmark = pytest.mark.browser

TREE = "audiences"
BUILT = datetime.fromisoformat("2026-11-20T08:30+00:00")
CALM = "all-well"  # built by the package's served_site at 08:30 the same morning
EHR_SLOW = "2026-11-20-ehr-slow"
PRINTING = "2026-11-20-printing-drivers"
OVERDUE_0845 = "We said we would update you by 08:45. We are still working on it."


def at(hh_mm: str, day: str = "2026-11-20") -> datetime:
    return datetime.fromisoformat(f"{day}T{hh_mm}+00:00")


@pytest.fixture(scope="module")
def reach_build(site_builds: Callable[..., Build]) -> Build:
    result = site_builds(TREE, BUILT.isoformat())
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def reach_site(reach_build: Build) -> Iterator[StaticServer]:
    with StaticServer(reach_build.site) as server:
        yield server


@pytest.fixture
def reach_copy(reach_build: Build, tmp_path: Path) -> Iterator[StaticServer]:
    """A private copy of the site, for a test that changes status.json or adds a page."""
    root = tmp_path / "site"
    shutil.copytree(reach_build.site, root)
    with StaticServer(root) as server:
        yield server


def open_at(open_page: Callable[..., Page], url: str, when: datetime, **options: object) -> Page:
    page = open_page(when, **options)
    page.goto(url)
    return page


# --- promises kept as the clock passes ---------------------------------------------------


def test_the_overdue_sentence_appears_as_the_promised_time_passes(
        open_page: Callable[..., Page], reach_site: StaticServer) -> None:
    for address in (urls.audience_page("wards"), urls.STATUS_HOME):
        page = open_at(open_page, reach_site.url(address), at("08:40"))
        promise = page.locator(f"#incident-{EHR_SLOW} .bedside-facts__next dd")
        expect(promise).to_have_text("We will update you by 08:45.")
        page.clock.run_for(4 * 60_000)  # 08:44: still kept
        expect(promise).to_have_text("We will update you by 08:45.")
        page.clock.run_for(2 * 60_000)  # 08:46
        expect(promise).to_have_text(OVERDUE_0845)
        expect(promise.locator("time")).to_have_attribute("datetime", "2026-11-20T08:45:00+00:00")


def test_the_incident_page_owns_the_missed_time_too(
        open_page: Callable[..., Page], reach_site: StaticServer) -> None:
    page = open_at(open_page, reach_site.url(urls.incident_page(EHR_SLOW)), at("08:50"))
    expect(page.locator(".bedside-facts__next dd")).to_have_text(OVERDUE_0845)


def test_a_reader_in_another_zone_sees_the_missed_time_in_their_own(
        open_page: Callable[..., Page], reach_site: StaticServer) -> None:
    page = open_at(open_page, reach_site.url(urls.audience_page("wards")), at("08:50"),
                   timezone_id="America/New_York")
    expect(page.locator(f"#incident-{EHR_SLOW} .bedside-facts__next dd")).to_have_text(
        "We said we would update you by 03:45 GMT-5. We are still working on it.")


def test_planned_work_moves_from_coming_up_to_happening_now_to_finished(
        open_page: Callable[..., Page], reach_site: StaticServer) -> None:
    page = open_at(open_page, reach_site.url(urls.audience_page("finance")), at("08:50"))
    card = page.locator(f"#maintenance-{PRINTING}")
    sentence = page.locator(".bedside-banner__sentence")
    status = card.locator(".bedside-card__status")
    expect(status).to_have_text("Coming up")
    expect(sentence).to_have_text("Everything is working for Finance and payroll")
    expect(page.locator(".bedside-banner__detail")).to_have_text(
        "Planned work on Printing today 09:00–10:00.")

    page.clock.run_for(11 * 60_000)  # 09:01
    expect(status).to_have_text("Happening now")
    expect(card).to_have_attribute("data-phase", "in_progress")
    expect(card.locator(".bedside-card__when")).to_contain_text(
        "Started at 09:00 (1 minute ago). We expect to finish by 10:00")
    expect(card.locator(".bedside-facts__prepare")).to_be_hidden()  # too late to prepare
    expect(sentence).to_have_text("Planned work on Printing until 10:00")
    expect(page.locator("[data-bedside-banner]")).to_have_class(
        "bedside-banner bedside-level--maintenance")
    expect(page.locator(".bedside-banner__detail")).to_be_hidden()

    page.clock.run_for(60 * 60_000)  # 10:01
    expect(status).to_have_text("Finished")
    expect(card.locator(".bedside-card__when")).to_have_text("Finished at 10:00 (1 minute ago).")
    expect(card.locator("a[download]")).to_be_hidden()
    expect(sentence).to_have_text("Everything is working for Finance and payroll")


def test_a_page_built_before_the_window_is_never_stale(
        open_page: Callable[..., Page], reach_site: StaticServer) -> None:
    page = open_at(open_page, reach_site.url(urls.maintenance_page(PRINTING)), at("09:30"))
    expect(page.locator(".bedside-card__status")).to_have_text("Happening now")
    expect(page.locator("[data-bedside-maintenance]")).to_have_attribute(
        "data-phase", "in_progress")
    later = open_at(open_page, reach_site.url(urls.audience_page("finance")), at("11:00"))
    expect(later.locator(f"#maintenance-{PRINTING} .bedside-card__status")).to_have_text(
        "Finished")


def test_the_status_home_stops_saying_all_is_well_once_work_starts(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    site = served_site("upcoming-maintenance")  # built at 09:00, work tonight 22:00 to 02:00
    page = open_at(open_page, site.url(urls.STATUS_HOME), at("21:58"))
    sentence = page.locator(".bedside-banner__sentence")
    expect(sentence).to_have_text("Everything is working")
    page.clock.run_for(3 * 60_000)
    expect(sentence).to_have_text(
        "Planned work on Patient records (EHR) and Lab results until 02:00")
    expect(page.locator(".bedside-banner__sentence .bedside-icon")).to_have_class(
        "bedside-icon bedside-icon--maintenance")


def test_a_problem_is_never_talked_down_by_planned_work(
        open_page: Callable[..., Page], reach_site: StaticServer) -> None:
    page = open_at(open_page, reach_site.url(urls.STATUS_HOME), at("09:05"))
    expect(page.locator(f"#maintenance-{PRINTING} .bedside-card__status")).to_have_text(
        "Happening now")
    expect(page.locator(".bedside-banner__sentence")).to_have_text(
        "Problems: Patient records are slow to open")


# --- the audience view ----------------------------------------------------------------------


def test_the_picker_takes_a_reader_to_their_view_without_javascript(
        open_page: Callable[..., Page], reach_site: StaticServer) -> None:
    page = open_page(BUILT, java_script_enabled=False)
    page.goto(reach_site.url(urls.STATUS_HOME))
    page.get_by_role("navigation", name="Show only what concerns:").get_by_role(
        "link", name="Finance and payroll").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("IT status for Finance and payroll")
    calendar = page.get_by_role("link", name="Subscribe to the planned work calendar")
    expect(calendar).to_have_attribute(
        "href", "webcal://it.eastbrook.example.org/" + urls.calendar("finance"))
    assert page.context.cookies() == []


@pytest.mark.parametrize("audience", ["finance", "wards"])
def test_an_audience_view_fits_a_320_pixel_screen(
        open_page: Callable[..., Page], reach_site: StaticServer, audience: str) -> None:
    page = open_at(open_page, reach_site.url(urls.audience_page(audience)), at("08:31"),
                   viewport={"width": 320, "height": 640})
    assert horizontal_overflow(page) == 0


def test_an_audience_view_offers_the_latest_only_for_its_own_news(
        open_page: Callable[..., Page], reach_copy: StaticServer) -> None:
    status_json = reach_copy.root / urls.STATUS_JSON
    page = open_at(open_page, reach_copy.url(urls.audience_page("finance")), at("08:31"))
    offer = page.locator("[data-bedside-refresh]")
    data = json.loads(status_json.read_text(encoding="utf-8"))
    wards = next(i for i in data["incidents"] if i["id"] == EHR_SLOW)
    wards["updated_at"] = "2026-11-20T08:31:00+00:00"  # news for the wards only
    data["page"]["updated_at"] = "2026-11-20T08:31:00.100000+00:00"
    status_json.write_text(json.dumps(data), encoding="utf-8")
    poll_status(page)
    expect(offer).to_be_empty()
    printing = next(m for m in data["scheduled_maintenances"] if m["id"] == PRINTING)
    printing["updated_at"] = "2026-11-20T08:32:00+00:00"  # news for everyone
    status_json.write_text(json.dumps(data), encoding="utf-8")
    poll_status(page)
    expect(offer).to_contain_text("There is news since you opened this page.")


# --- the wall board ----------------------------------------------------------------------


def board_sentence(page: Page) -> str:
    return visible_text(page, "[data-board-sentence]")


def test_the_board_redraws_after_status_json_changes(
        open_page: Callable[..., Page], reach_copy: StaticServer) -> None:
    status_json = reach_copy.root / urls.STATUS_JSON
    page = open_at(open_page, reach_copy.url(urls.BOARD), at("08:31"),
                   viewport={"width": 1920, "height": 1080})
    refreshed = page.locator("[data-board-refreshed]")
    expect(refreshed).to_have_text("Last refreshed 08:31")
    assert board_sentence(page) == "Problems: Patient records are slow to open"

    data = json.loads(status_json.read_text(encoding="utf-8"))
    data["incidents"] = [i for i in data["incidents"] if i["id"] != EHR_SLOW]
    data["banner"].update(sentence="Label printers stopped on wards 4 to 9", level="minor",
                          label="Some problems", icon="warning", detail="")
    status_json.write_text(json.dumps(data), encoding="utf-8")
    poll_status(page)
    expect(refreshed).to_have_text("Last refreshed 08:32")
    expect(page.locator("[data-board-sentence]")).to_have_text(
        "Some problems: Label printers stopped on wards 4 to 9")
    problems = page.locator("[data-board-problems] li .bedside-board__title")
    expect(problems).to_have_text(["Some people affected: Theatre lists do not load in recovery",
                                   "Some people affected: Label printers stopped on wards 4 to 9"])

    # A proxy answers for the site for a while: not the status at all.
    status_json.write_text("<html><body>Please wait</body></html>", encoding="utf-8")
    poll_status(page)
    expect(refreshed).to_have_text("Could not refresh since 08:32. Trying again every minute.")
    expect(problems).to_have_count(2)  # what it knew stays up


def test_the_board_moves_with_the_clock_between_builds(
        open_page: Callable[..., Page], reach_site: StaticServer) -> None:
    page = open_at(open_page, reach_site.url(urls.BOARD), at("09:10"))
    work = page.locator("[data-board-work] li")
    expect(work.locator(".bedside-board__title")).to_have_text(
        "Happening now: New printer drivers on office and ward PCs")
    expect(work.locator(".bedside-board__when")).to_have_text(
        "Started at 09:00. We expect to finish by 10:00.")
    expect(page.locator("[data-board-problems] .bedside-board__next")).to_have_text(
        [OVERDUE_0845, "We said we would update you by 09:00. We are still working on it.",
         "We said we would update you by 08:00. We are still working on it."])


# 00:30 and 01:00: early hours, when the words name the day ("this evening (Monday)").
@pytest.mark.parametrize("clock", ["2026-11-20T08:31", "2026-11-20T08:50", "2026-11-20T09:30",
                                   "2026-11-20T10:30", "2026-11-21T20:00", "2026-11-22T00:30",
                                   "2026-11-22T06:30", "2026-11-30T01:00", "2026-11-30T17:00",
                                   "2026-11-30T19:00"])
def test_the_board_and_the_banner_say_what_the_build_would_say(
        open_page: Callable[..., Page], reach_site: StaticServer, clock: str) -> None:
    """The board and the intranet banner, built at 08:30 and read at `clock`, say word for
    word what macros/glance.py says at `clock` (one reading of status.json, engine.js)."""
    now = datetime.fromisoformat(clock + "+00:00")
    tree = load_tree(TREES / TREE)
    seen = tree_as_of(tree, now)
    expected = glance(seen, compute_state(seen, now))
    board = open_at(open_page, reach_site.url(urls.BOARD), now)
    expect(board.locator("[data-board-refreshed]")).to_have_text(
        f"Last refreshed {clock[-5:]}")
    label = f"{expected.banner.label}: " if expected.problems else ""
    expect(board.locator("[data-board-sentence]")).to_have_text(label + expected.banner.sentence)
    detail = board.locator("[data-board-detail]")
    if expected.banner.detail:
        expect(detail).to_have_text(expected.banner.detail)
    else:
        expect(detail).to_be_hidden()
    problems = board.locator("[data-board-problems] li")
    expect(problems.locator(".bedside-board__title")).to_have_text(
        [f"{p.impact_label}: {p.title}" for p in expected.problems])
    expect(problems.locator(".bedside-board__next")).to_have_text(
        [p.next_update for p in expected.problems if p.next_update])
    work = board.locator("[data-board-work] li:not(.bedside-board__none)")
    expect(work.locator(".bedside-board__title")).to_have_text(
        [f"{w.label}: {w.title}" for w in expected.work])
    expect(work.locator(".bedside-board__when")).to_have_text([w.when for w in expected.work])
    systems = board.locator("[data-board-systems] li")
    expect(systems).to_have_text([f"{s.name} {s.label}" for s in expected.systems])
    expect(board.locator(".bedside-board__help")).to_contain_text(expected.contact)

    frame = open_at(open_page, reach_site.url(urls.BANNER), now)
    line = frame.locator("[data-bedside-embed]")
    if expected.line:
        expect(line).to_have_text(f"{expected.line} — see the status page")
    else:
        frame.wait_for_function("() => window.__statusReads > 0")
        expect(line).to_be_hidden()


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("scenario", [TREE, CALM])
def test_the_board_fits_the_screen_without_scrolling(
        open_page: Callable[..., Page], reach_site: StaticServer,
        served_site: Callable[[str], StaticServer], scenario: str,
        size: tuple[int, int]) -> None:
    site = reach_site if scenario == TREE else served_site(CALM)
    page = open_at(open_page, site.url(urls.BOARD), at("08:31"),
                   viewport={"width": size[0], "height": size[1]})
    expect(page.locator("[data-board-refreshed]")).to_have_text("Last refreshed 08:31")
    overflow = page.evaluate("""() => [
        document.documentElement.scrollWidth - document.documentElement.clientWidth,
        document.documentElement.scrollHeight - document.documentElement.clientHeight]""")
    assert overflow == [0, 0]
    # Readable from across a room: the banner sentence at least 48 px, the rest at least 24 px.
    sizes = page.evaluate("""() => [
        parseFloat(getComputedStyle(document.querySelector('[data-board-sentence]')).fontSize),
        parseFloat(getComputedStyle(document.querySelector('.bedside-board__system')).fontSize)]""")
    assert sizes[0] >= 48 and sizes[1] >= 24, sizes


# --- the intranet banner -------------------------------------------------------------------

INTRANET = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Eastbrook intranet</title>
<link rel="icon" href="data:,"></head>
<body><main><h1>Eastbrook intranet</h1>{banner}<p>Today's menu: soup.</p></main></body></html>
"""


@pytest.fixture
def intranet(tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """An intranet home page on its own host (another port), holding `banner` HTML."""
    root = tmp_path / "intranet"
    root.mkdir()
    with StaticServer(root) as server:
        def page(banner: str) -> str:
            (root / "index.html").write_text(INTRANET.format(banner=banner), encoding="utf-8")
            return server.url("index.html")
        yield page


def frame_html(site: StaticServer) -> str:
    return (f'<iframe src="{site.url(urls.BANNER)}" title="IT status" '
            'style="border: 0; width: 100%; height: 3.2em;"></iframe>')


def test_the_banner_frame_shows_one_line_when_something_is_wrong(
        open_page: Callable[..., Page], reach_site: StaticServer,
        intranet: Callable[[str], str]) -> None:
    page = open_at(open_page, intranet(frame_html(reach_site)), at("08:31"))
    line = page.frame_locator("iframe").locator("[data-bedside-embed] p")
    expect(line).to_have_text("Problems: Patient records are slow to open, and 2 other problems"
                              " — see the status page")
    expect(line.get_by_role("link")).to_have_attribute("target", "_top")


def test_the_banner_frame_shows_nothing_when_all_is_well(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer],
        intranet: Callable[[str], str]) -> None:
    page = open_at(open_page, intranet(frame_html(served_site(CALM))), at("08:31"))
    frame = page.frame_locator("iframe")
    with page.expect_response(lambda response: response.url.endswith("/status.json")):
        page.clock.run_for(61_000)
    expect(frame.locator("[data-bedside-embed]")).to_be_hidden()
    expect(frame.locator("[data-bedside-embed]")).to_be_empty()


def test_the_banner_script_shows_the_line_on_a_page_of_the_same_host(
        open_page: Callable[..., Page], reach_copy: StaticServer) -> None:
    (reach_copy.root / "intranet.html").write_text(INTRANET.format(banner=(
        '<div id="bedside-status-banner"></div>'
        f'<script src="{urls.BANNER_SCRIPT}" async></script>')), encoding="utf-8")
    page = open_at(open_page, reach_copy.url("intranet.html"), at("08:31"))
    line = page.locator("#bedside-status-banner p")
    expect(line).to_have_text("Problems: Patient records are slow to open, and 2 other problems"
                              " — see the status page")
    expect(line.get_by_role("link")).to_have_attribute("href", reach_copy.url(urls.STATUS_HOME))


def test_the_banner_script_shows_text_from_the_data_as_text(
        open_page: Callable[..., Page], reach_copy: StaticServer) -> None:
    hostile = '<img src=x onerror="alert(1)">Records <b>slow</b> & {{ 7*7 }}'
    status_json = reach_copy.root / urls.STATUS_JSON
    data = json.loads(status_json.read_text(encoding="utf-8"))
    data["banner"]["sentence"] = hostile
    data["banner"]["label"] = "<script>alert(2)</script>Problems"
    status_json.write_text(json.dumps(data), encoding="utf-8")
    (reach_copy.root / "intranet.html").write_text(INTRANET.format(banner=(
        '<div id="bedside-status-banner"></div>'
        f'<script src="{urls.BANNER_SCRIPT}" async></script>')), encoding="utf-8")
    page = open_at(open_page, reach_copy.url("intranet.html"), at("08:31"))
    line = page.locator("#bedside-status-banner p")
    expect(line).to_contain_text(f"<script>alert(2)</script>Problems: {hostile}, and 2 other")
    assert page.locator("#bedside-status-banner img, #bedside-status-banner b, "
                        "#bedside-status-banner script").count() == 0


# --- accessibility --------------------------------------------------------------------------


@pytest.mark.parametrize("address", [urls.audience_page("finance"), urls.audience_page("wards"),
                                     urls.BOARD, urls.BANNER])
def test_axe_finds_nothing_to_fix(open_page: Callable[..., Page], reach_site: StaticServer,
                                  address: str) -> None:
    page = open_at(open_page, reach_site.url(address), at("08:31"))
    page.wait_for_load_state("networkidle")
    report = run_axe(page)
    assert not report.violations, report.summary()


def test_axe_finds_nothing_to_fix_on_the_calm_board(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    page = open_at(open_page, served_site(CALM).url(urls.BOARD), at("08:31"))
    page.wait_for_load_state("networkidle")
    report = run_axe(page)
    assert not report.violations, report.summary()
