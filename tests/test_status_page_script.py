"""status.js in a real browser: local times, "12 minutes ago", and news offered, not forced.

The rest of the browser suite (axe, keyboard, layouts) lives in tests/browser/;
these tests only pin down what the status script promises.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.helpers import Build

pytestmark = pytest.mark.browser

BUILT_AT = "2026-11-20T08:30+00:00"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@pytest.fixture(scope="module")
def site(site_builds: Callable[..., Build], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the all-well site that a test may change (status.json)."""
    build = site_builds("all-well", BUILT_AT)
    assert build.returncode == 0, build.output
    copy = tmp_path_factory.mktemp("script-site") / "site"
    shutil.copytree(build.site, copy)
    return copy


@pytest.fixture(scope="module")
def address(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path="/usr/bin/chromium",
                                          args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser, address: str) -> Iterator[Callable[..., Page]]:
    """Open a page at a reader's zone and clock; the test fails on any console error."""
    contexts, errors = [], []

    def open_(url: str, zone: str = "Europe/London", now: str = "2026-11-20T08:42:00+00:00",
              javascript: bool = True) -> Page:
        context = browser.new_context(timezone_id=zone, java_script_enabled=javascript,
                                      viewport={"width": 320, "height": 800})
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        if javascript:
            page.clock.install(time=datetime.fromisoformat(now))
        page.goto(address + url)
        return page

    yield open_
    for context in contexts:
        context.close()
    assert errors == []


def banner_time(page: Page) -> str:
    return " ".join(page.locator(".bedside-banner__asof").inner_text().split())


def test_times_stay_in_the_site_zone_and_say_how_long_ago(open_page) -> None:
    page = open_page("status/")
    assert banner_time(page) == "As of Friday 20 November, 08:30 (12 minutes ago)"


def test_a_reader_elsewhere_sees_their_own_time_with_its_zone(open_page) -> None:
    page = open_page("status/", zone="America/New_York")
    assert banner_time(page) == "As of Friday 20 November, 03:30 GMT-5 (12 minutes ago)"


def test_without_javascript_the_site_zone_is_shown(open_page) -> None:
    page = open_page("status/", zone="America/New_York", javascript=False)
    assert banner_time(page) == "As of Friday 20 November, 08:30"


def test_news_is_offered_politely_and_never_forced(open_page, site: Path) -> None:
    page = open_page("status/")
    region = page.locator("[data-bedside-refresh]")
    assert region.get_attribute("role") == "status"
    assert region.get_attribute("aria-live") == "polite"
    page.clock.run_for(61_000)
    page.wait_for_timeout(500)
    assert region.inner_text() == "", "nothing changed, so nothing is offered"

    status_file = site / "status.json"
    original = status_file.read_text()
    data = json.loads(original)
    data["page"]["updated_at"] = "2026-11-20T08:40:00.123456+00:00"
    status_file.write_text(json.dumps(data))
    try:
        page.clock.run_for(61_000)
        button = page.get_by_role("button", name="Show the latest")
        button.wait_for()
        assert "There is news since you opened this page." in region.inner_text()
        assert page.url.endswith("/status/"), "the page was not reloaded by itself"
        with page.expect_navigation():
            button.click()
    finally:
        status_file.write_text(original)


def test_the_print_button_appears_with_javascript(open_page) -> None:
    page = open_page("status/maintenance/2026-12-20-email-archive/")
    assert page.get_by_role("button", name="Print notice").is_visible()
    page_without = open_page("status/maintenance/2026-12-20-email-archive/", javascript=False)
    assert page_without.get_by_role("button", name="Print notice").count() == 0
