"""Every page fits a 320 px wide phone and every control can be reached with the keyboard."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from macros.loopback import StaticServer
from tests.browser.pages import SCREEN_PAGES, SitePage, params
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
