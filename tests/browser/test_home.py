"""The home page's door to the status page looks like the status it reports: its edge
and tint are the banner's, so a problem is never framed in "all is well" green."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from macros.loader import load_tree
from macros.loopback import StaticServer
from macros.state import compute_state
from macros.wording import STATE_LABELS, banner
from tests.browser.pages import HOME, STATUS_HOMES, SitePage
from tests.helpers import CLOCKS, TREES

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



# Built at 19:00 while the payroll work (18:00 to 21:00) runs; read at 19:30, then at
# 22:30 (the work is over, no build since) and the next morning.
LATER = (timedelta(minutes=30), timedelta(hours=3, minutes=30), timedelta(hours=14))
WORK_TREE = "maintenance-in-progress"


def _said(page: Page, selector: str) -> dict[str, str]:
    """The level and the words of the door or the banner, once the page has read status.json."""
    page.wait_for_function("() => window.__statusReads > 0")
    return page.evaluate("""selector => {
      const box = document.querySelector(selector);
      const level = [...box.classList].find(name => name.startsWith('bedside-level--'));
      const words = box.querySelector('.bedside-banner__sentence, strong').innerText;
      return {level, words: words.replace(/\\.$/, '').replace(/^[A-Za-z ]+: /, '')};
    }""", selector)


@pytest.mark.parametrize("after", LATER, ids=["19-30", "22-30", "next-morning"])
def test_the_door_and_the_banner_agree_while_the_clock_moves_past_the_build(
        after: timedelta, visit: Callable[..., Page]) -> None:
    """Between builds, the home page and the status page say the same thing, and it is
    what a build at that moment would say."""
    tree = load_tree(TREES / WORK_TREE)
    moment = datetime.fromisoformat(CLOCKS[WORK_TREE]) + after
    expected = banner(tree, compute_state(tree, moment))
    door = _said(visit(SitePage("home-work", WORK_TREE, HOME.path), after), ".bedside-glance")
    status_page = visit(BANNERS[WORK_TREE], after)
    status = _said(status_page, "[data-bedside-banner]")
    assert door == status == {"level": f"bedside-level--{expected.level}",
                              "words": expected.sentence}
    # The systems say it too.
    payroll = status_page.locator('[data-component="payroll"] .bedside-component__state')
    expect(payroll).to_have_text(STATE_LABELS[compute_state(tree, moment).component_states.get(
        "payroll", "operational")])
