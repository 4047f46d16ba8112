"""The home page's door to the status page looks like the status it reports: its edge
and tint are the banner's, so a problem is never framed in "all is well" green."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from macros.loopback import StaticServer
from tests.browser.pages import HOME, STATUS_HOMES, SitePage

pytestmark = pytest.mark.browser

# A calm day, a serious problem and planned work in progress: three levels, three colours.
SCENARIOS = ("all-well", "major-outage", "maintenance-in-progress")
DOORS = tuple(SitePage(f"home-{scenario}", scenario, HOME.path) for scenario in SCENARIOS)
BANNERS = {page.scenario: page for page in STATUS_HOMES}

_COLOURS = """selector => {
  const box = getComputedStyle(document.querySelector(selector));
  return {edge: box.borderLeftColor, tint: box.backgroundColor};
}"""


def colours(open_page: Callable[..., Page], served_site: Callable[[str], StaticServer],
            site_page: SitePage, selector: str, scheme: str) -> dict[str, str]:
    page = open_page(site_page.now, color_scheme=scheme)
    page.goto(served_site(site_page.scenario).url(site_page.path))
    page.wait_for_load_state("networkidle")
    return page.evaluate(_COLOURS, selector)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_status_door_is_coloured_like_the_status_banner(
        scheme: str, open_page: Callable[..., Page],
        served_site: Callable[[str], StaticServer]) -> None:
    doors = {door.scenario: colours(open_page, served_site, door, ".bedside-glance", scheme)
             for door in DOORS}
    edges = [door["edge"] for door in doors.values()]
    assert len(set(edges)) == len(edges), f"two levels share one colour: {doors}"
    assert len({door["tint"] for door in doors.values()}) == len(doors)
    for scenario, door in doors.items():
        banner = colours(open_page, served_site, BANNERS[scenario], "[data-bedside-banner]",
                         scheme)
        assert door == banner, f"{scenario}: the door {door} is not the banner {banner}"

