"""Playbook checklists: ticks stay after a reload, "Clear ticks" clears them,
"Copy as Markdown" copies the list with its ticks, and without JavaScript the
list still reads as a printed checklist."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from macros.loopback import StaticServer
from tests.browser.pages import CHECKLIST

pytestmark = [pytest.mark.browser, *CHECKLIST.marks()]


def open_checklist(open_page: Callable[..., Page], served_site: Callable[[str], StaticServer],
                   **context_options: object) -> Page:
    page = open_page(CHECKLIST.now, **context_options)
    page.goto(served_site(CHECKLIST.scenario).url(CHECKLIST.path))
    return page


def words_of(box: Locator) -> str:
    """The words that name a box: its line, as the label around it holds them."""
    return " ".join(box.locator("xpath=ancestor::label[1]").inner_text().split())


def tick(page: Page, index: int) -> str:
    """Tick box `index` with the keyboard, as a reader would; return its item's words."""
    box = page.get_by_role("checkbox").nth(index)
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    return words_of(box)


def ticked(page: Page) -> list[bool]:
    return page.get_by_role("checkbox").evaluate_all("boxes => boxes.map(b => b.checked)")


def test_ticks_survive_a_reload_and_clear_ticks_clears_them(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    page = open_checklist(open_page, served_site)
    assert len(ticked(page)) >= 3, "the checklist page has no boxes to tick"
    assert not any(ticked(page)), "a fresh browser starts with ticks"
    tick(page, 0)
    tick(page, 2)

    page.reload()
    assert ticked(page)[:4] == [True, False, True, False]

    page.get_by_role("button", name="Clear ticks").click()
    assert not any(ticked(page))
    expect(page.get_by_role("status")).to_contain_text("cleared")
    page.reload()
    assert not any(ticked(page)), "cleared ticks came back after a reload"


def test_ticks_belong_to_one_page(open_page: Callable[..., Page],
                                  served_site: Callable[[str], StaticServer]) -> None:
    page = open_checklist(open_page, served_site)
    tick(page, 0)
    page.goto(served_site(CHECKLIST.scenario).url("playbook/rollout/after/"))
    assert not any(ticked(page)), "ticks from another checklist showed up here"


def test_copy_as_markdown_copies_the_lists_with_their_ticks(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    page = open_checklist(open_page, served_site,
                          permissions=["clipboard-read", "clipboard-write"])
    first = tick(page, 0)
    title = " ".join(page.locator("article h1").first.inner_text().split())
    second = words_of(page.get_by_role("checkbox").nth(1))

    page.get_by_role("button", name="Copy as Markdown").click()
    expect(page.get_by_role("status")).to_contain_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")

    assert copied.startswith(f"# {title}\n")
    assert f"- [x] {first}\n" in copied
    assert f"- [ ] {second}\n" in copied
    assert copied.count("- [") == len(ticked(page))


def test_tapping_the_words_of_a_line_ticks_its_box(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    page = open_checklist(open_page, served_site, viewport={"width": 360, "height": 740},
                          is_mobile=True, has_touch=True)
    item = page.locator("li.task-list-item").nth(1)
    box = item.get_by_role("checkbox")
    words = " ".join(item.inner_text().split())
    assert len(words) > 20, "the line has too few words to tap"
    # The box is named by the whole line, so a screen reader says what it ticks.
    expect(page.get_by_role("checkbox", name=words, exact=True)).to_have_count(1)

    item.get_by_text(words.split(" (Owner:")[0]).tap()  # the words, well right of the box
    expect(box).to_be_checked()
    page.reload()
    expect(page.locator("li.task-list-item").nth(1).get_by_role("checkbox")).to_be_checked()
    page.locator("li.task-list-item").nth(1).get_by_text(words.split(" (Owner:")[0]).tap()
    expect(page.locator("li.task-list-item").nth(1).get_by_role("checkbox")).not_to_be_checked()
    assert ticked(page).count(True) == 0, "tapping one line ticked another"


def test_without_javascript_the_checklist_reads_as_a_printed_list(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    page = open_checklist(open_page, served_site, java_script_enabled=False)
    items = page.locator("li.task-list-item")
    assert items.count() >= 3
    expect(items.first.locator("input[type=checkbox]")).to_be_disabled()
    expect(items.first).not_to_have_text("")
    assert page.get_by_role("button", name="Copy as Markdown").count() == 0
