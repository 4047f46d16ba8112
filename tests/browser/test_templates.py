"""The downtime templates page: each template has a copy button that copies it as
written, and on a 320 px phone the templates wrap instead of running off the side."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from macros.loopback import StaticServer
from tests.browser.pages import TEMPLATES

pytestmark = [pytest.mark.browser, *TEMPLATES.marks()]

REMINDER = "last-reminder-the-day-before"  # the heading's id


def open_templates(open_page: Callable[..., Page], served_site: Callable[[str], StaticServer],
                   **context_options: object) -> Page:
    page = open_page(TEMPLATES.now, **context_options)
    page.goto(served_site(TEMPLATES.scenario).url(TEMPLATES.path))
    return page


def template_under(page: Page, heading_id: str) -> Locator:
    """The template block that follows the heading with id `heading_id`."""
    return page.locator(f"xpath=//h3[@id='{heading_id}']"
                        "/following-sibling::div[contains(@class, 'highlight')][1]")


def test_the_copy_button_copies_a_template_as_written(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    page = open_templates(open_page, served_site,
                          permissions=["clipboard-read", "clipboard-write"])
    block = template_under(page, REMINDER)
    written = block.locator("code").inner_text()
    assert written.startswith("Subject: Reminder: [what the work is], tomorrow [start]–[end]")

    copy = block.get_by_role("button", name="Copy to clipboard")
    expect(copy).to_have_count(1)
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == written.strip()


def test_templates_wrap_on_a_320_pixel_phone(
        open_page: Callable[..., Page], served_site: Callable[[str], StaticServer]) -> None:
    page = open_templates(open_page, served_site, viewport={"width": 320, "height": 640},
                          is_mobile=True, has_touch=True)
    blocks = page.locator(".highlight pre > code")
    assert blocks.count() >= 9, "the page has fewer templates than it should"
    cut = blocks.evaluate_all(
        "codes => codes.filter(c => c.scrollWidth > c.clientWidth + 1)"
        ".map(c => c.textContent.split('\\n')[0])")
    # Only the status page file (YAML, where each line matters) may scroll sideways.
    messages = [first_line for first_line in cut if not first_line.startswith("title: ")]
    assert messages == [], f"these templates scroll sideways at 320 px: {messages}"
