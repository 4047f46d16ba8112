"""Every page fits a 320 px wide phone and every control can be reached with the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page

from macros.loopback import StaticServer
from tests.browser.pages import (
    HOME,
    INCIDENT,
    MAINTENANCE,
    SCREEN_PAGES,
    STATUS_HOMES,
    SitePage,
    params,
)
from tests.browser.support import horizontal_overflow, walk_with_keyboard

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("site_page", params(SCREEN_PAGES))
def test_page_fits_a_320px_screen_without_sideways_scrolling(
        site_page: SitePage, served_site: Callable[[str], StaticServer],
        open_page: Callable[..., Page]) -> None:
    page = open_page(site_page.now, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(served_site(site_page.scenario).url(site_page.path))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.clientWidth") == PHONE["width"]
    assert horizontal_overflow(page) == 0, "the page scrolls sideways at 320 px"


@pytest.mark.parametrize("site_page", params(SCREEN_PAGES))
def test_every_control_is_reached_by_tab_with_a_visible_focus(
        site_page: SitePage, served_site: Callable[[str], StaticServer],
        open_page: Callable[..., Page]) -> None:
    page = open_page(site_page.now)
    page.goto(served_site(site_page.scenario).url(site_page.path))
    page.wait_for_load_state("networkidle")
    walk = walk_with_keyboard(page)
    assert walk.expected, "the page has no control at all"
    assert not walk.unreached, "Tab never reaches:\n" + "\n".join(walk.unreached)
    assert not walk.invisible_focus, "focus cannot be seen on:\n" + "\n".join(walk.invisible_focus)


# Records every layout shift the reader did not cause, from the first moment of the page.
LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) {
      window.__shifts.push([entry.value, entry.sources.map(s => s.node && s.node.nodeName)]);
    }
  }
}).observe({type: 'layout-shift', buffered: true});
"""
# The home page, the status home with a problem and with work tonight, a problem's page
# and a piece of planned work's page: every kind of time and phrase the script rewrites.
STATUS_PAGES = (HOME, *(p for p in STATUS_HOMES if p.scenario in ("major-outage",
                                                                   "upcoming-maintenance")),
                INCIDENT, MAINTENANCE)


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Asia/Kolkata"])
@pytest.mark.parametrize("width", [320, 375, 412, 1280])
@pytest.mark.parametrize("site_page", params(STATUS_PAGES))
def test_nothing_moves_while_a_status_page_loads_in_any_zone(
        site_page: SitePage, width: int, zone: str,
        served_site: Callable[[str], StaticServer], open_page: Callable[..., Page]) -> None:
    """Times in the reader's zone and "(3 minutes ago)" are written before the page is
    first drawn, so nothing jumps under a reader's thumb (cumulative layout shift 0)."""
    page = open_page(datetime.fromisoformat(site_page.now) + timedelta(minutes=3),
                     viewport={"width": width, "height": 800}, timezone_id=zone)
    page.add_init_script(LAYOUT_SHIFTS)
    page.goto(served_site(site_page.scenario).url(site_page.path))
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => window.__statusReads > 0")
    shifts = page.evaluate("window.__shifts")
    # Lighthouse shows layout shift to three places: 0.000 is what "nothing moves" means.
    # (A sub-pixel reflow of a digit, once in many loads, is far below that.)
    assert sum(value for value, _ in shifts) < 0.0005, shifts
