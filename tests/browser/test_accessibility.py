"""axe-core finds no accessibility violation on any page, in the light or the dark palette."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from macros.loopback import StaticServer
from tests.browser.pages import AXE_PAGES, SitePage, params
from tests.browser.support import run_axe

pytestmark = pytest.mark.browser

# Material's palettes in mkdocs.yml follow prefers-color-scheme: light -> default, dark -> slate.
PALETTES = {"light": "default", "dark": "slate"}


@pytest.mark.parametrize("palette", sorted(PALETTES))
@pytest.mark.parametrize("site_page", params(AXE_PAGES))
def test_page_has_no_accessibility_violations(site_page: SitePage, palette: str,
                                              served_site: Callable[[str], StaticServer],
                                              open_page: Callable[..., Page]) -> None:
    page = open_page(site_page.now, color_scheme=palette)
    if site_page.print_view:
        page.emulate_media(media="print")
    page.goto(served_site(site_page.scenario).url(site_page.path))
    page.wait_for_load_state("networkidle")
    if page.locator("body.bedside-page").count():  # the status pages' own light shell
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        brightness = sum(int(part) for part in re.findall(r"\d+", background)[:3])
        dark = palette == "dark" and not site_page.print_view  # paper is white
        assert (brightness < 150) == dark, \
            f"the page did not switch to the reader's palette ({background})"
    else:
        scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert scheme == PALETTES[palette], "the page did not switch to the reader's palette"
    report = run_axe(page)
    if report.violations:
        pytest.fail(f"axe-core on {site_page.path or 'home'} ({palette}):\n" + report.summary(),
                    pytrace=False)
