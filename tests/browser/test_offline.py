"""When the network is the outage: after one visit, the status pages still answer offline
(sw.js), say how old what they show is and whom to call, and recover by themselves.

The major-outage site is built at 08:30; the reader comes back at 08:55, offline."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from macros import urls
from macros.loopback import StaticServer
from tests.browser.support import visible_text
from tests.helpers import CLOCKS, Build

pytestmark = pytest.mark.browser

OUTAGE = "major-outage"
LATER = datetime.fromisoformat(CLOCKS[OUTAGE]) + timedelta(minutes=25)
NOTICE = ("We cannot reach the status page. This is what we knew at 08:30 (25 minutes ago). "
          "If you cannot work, call Service desk, ext. 4444, 24 hours.")
WORST = "Patient records are not opening on any site"


def visit_once(open_page: Callable[..., Page], site: StaticServer, path: str = "status/") -> Page:
    """A reader's first visit, with a network: the page keeps the status pages for later."""
    page = open_page(LATER)
    page.goto(site.url(path))
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    return page


def notice(page: Page) -> str:
    return visible_text(page, "[data-bedside-offline]")


def test_offline_the_status_home_the_door_and_the_board_show_what_we_knew(
        open_page: Callable[..., Page], served_copy: Callable[[str], StaticServer]) -> None:
    site = served_copy(OUTAGE)
    page = visit_once(open_page, site)
    expect(page.locator("[data-bedside-offline]")).to_have_count(0)  # online: nothing changes
    page.context.set_offline(True)
    for path, says in ((urls.STATUS_HOME, "[data-bedside-banner]"), ("", ".bedside-glance"),
                       (urls.BOARD, "[data-board-sentence]")):
        page.goto(site.url(path))
        expect(page.locator("[data-bedside-offline]")).to_be_visible()
        assert notice(page) == NOTICE, path
        expect(page.locator(says)).to_contain_text(WORST)


def test_a_kept_page_is_never_shown_as_current_and_recovers_by_itself(
        open_page: Callable[..., Page], served_copy: Callable[[str], StaticServer],
        built_site: Callable[[str], Build]) -> None:
    site = served_copy(OUTAGE)
    page = visit_once(open_page, site)
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("[data-bedside-offline]")).to_have_text(NOTICE)
    # An hour later, still offline: the age moves on with the clock.
    page.clock.run_for(60 * 60_000)
    expect(page.locator("[data-bedside-offline]")).to_contain_text("(1 hour ago)")
    # Meanwhile the problem was fixed and the site rebuilt; the network comes back.
    shutil.rmtree(site.root)
    shutil.copytree(built_site("all-well").site, site.root)
    page.context.set_offline(False)
    page.clock.run_for(61_000)  # the page asks for status.json every minute
    expect(page.locator(".bedside-banner__sentence")).to_have_text("Everything is working")
    expect(page.locator("[data-bedside-offline]")).to_have_count(0)


def test_when_the_host_stops_answering_the_kept_page_answers(
        open_page: Callable[..., Page], built_site: Callable[[str], Build]) -> None:
    site = StaticServer(built_site(OUTAGE).site)
    try:
        page = visit_once(open_page, site, "")
    finally:
        site.stop()
    page.reload()
    expect(page.locator("[data-bedside-offline]")).to_have_text(NOTICE)
    expect(page.locator(".bedside-glance")).to_contain_text(WORST)


def test_the_playbook_is_left_to_the_browser(
        open_page: Callable[..., Page], served_copy: Callable[[str], StaticServer]) -> None:
    """Only the status pages are kept: the worker does not answer for a playbook page."""
    site = served_copy(OUTAGE)
    page = visit_once(open_page, site)
    handled = page.evaluate("""async url => {
        const response = await fetch(url);
        return {ok: response.ok, kept: response.headers.get('Bedside-From-Cache')};
    }""", site.url("playbook/"))
    assert handled == {"ok": True, "kept": None}
    names = page.evaluate("caches.keys()")
    assert len(names) == 1 and names[0].startswith("bedside-status-")
    kept = page.evaluate(f"caches.open({names[0]!r}).then(c => c.keys())"
                         ".then(keys => keys.map(k => new URL(k.url).pathname))")
    assert "/playbook/" not in kept
    assert {"/", "/status/", "/status/board/", "/status.json"} <= set(kept)
