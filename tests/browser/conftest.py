"""Fixtures for the browser tests: chromium, the built sites on loopback, guarded pages.

Each fixture tree is built once per session (through `site_builds`) and served
once. Playwright runs only while this package's tests run (package scope), so
other modules can start their own. Every page opened through `open_page` is
kept on 127.0.0.1, and a page that logs an error, throws, or tries to reach
another host fails its test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from macros.loopback import CHROMIUM_ARGS, StaticServer
from tests.browser.pages import SitePage
from tests.browser.support import COUNT_STATUS_READS, PageGuard
from tests.helpers import CLOCKS, Build

SITE_ZONE = "Europe/London"


@pytest.fixture(scope="package")
def chromium_executable() -> str:
    """The system chromium; skipped locally without it, but CI must have it."""
    path = shutil.which("chromium")
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail("CI is set but `chromium` is not on PATH, so the browser and accessibility "
                    "tests cannot run. Install it (apt-get install chromium).")
    pytest.skip("`chromium` is not on PATH: install it (apt-get install chromium) "
                "to run the browser and accessibility tests.")


@pytest.fixture(scope="package")
def playwright_driver() -> Iterator[Playwright]:
    driver = sync_playwright().start()
    yield driver
    driver.stop()


@pytest.fixture(scope="package")
def browser(playwright_driver: Playwright, chromium_executable: str) -> Iterator[Browser]:
    """One headless chromium for the browser tests."""
    chromium = playwright_driver.chromium.launch(executable_path=chromium_executable,
                                                 args=list(CHROMIUM_ARGS))
    yield chromium
    chromium.close()


@pytest.fixture(scope="package")
def built_site(site_builds: Callable[..., Build]) -> Callable[[str], Build]:
    """The site built from fixture tree `scenario` at its clock (once per session)."""

    def build(scenario: str) -> Build:
        result = site_builds(scenario, CLOCKS[scenario])
        assert result.returncode == 0, f"the {scenario} site did not build:\n{result.output}"
        return result

    return build


@pytest.fixture(scope="package")
def served_site(built_site: Callable[[str], Build]) -> Iterator[Callable[[str], StaticServer]]:
    """A loopback server for the site built from fixture tree `scenario` (one per scenario)."""
    servers: dict[str, StaticServer] = {}

    def serve(scenario: str) -> StaticServer:
        if scenario not in servers:
            servers[scenario] = StaticServer(built_site(scenario).site)
        return servers[scenario]

    yield serve
    for server in servers.values():
        server.stop()


@pytest.fixture
def served_copy(built_site: Callable[[str], Build],
                tmp_path: Path) -> Iterator[Callable[[str], StaticServer]]:
    """A private copy of a built site, served on its own, for a test that changes files."""
    servers: list[StaticServer] = []

    def serve(scenario: str) -> StaticServer:
        root = tmp_path / f"site-{scenario}"
        shutil.copytree(built_site(scenario).site, root)
        servers.append(StaticServer(root))
        return servers[-1]

    yield serve
    for server in servers:
        server.stop()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open a new guarded page whose clock reads `now` (options go to `browser.new_context`).

    The browser's clock is always pinned (Playwright's clock API), like the
    build's (`BEDSIDE_NOW`), so a page's script never reads the machine's date:
    the tests pass on any day. Defaults: a 1280x800 window in London, British
    English, light palette. Each page counts its reads of status.json (for
    `support.poll_status`). When the test ends, any request that left
    127.0.0.1, console error, uncaught script error or dialog (an alert from
    injected script) fails it.
    """
    opened: list[tuple[Page, PageGuard]] = []

    def open_(now: datetime | str, **context_options: object) -> Page:
        options: dict[str, object] = {
            "viewport": {"width": 1280, "height": 800},
            "timezone_id": SITE_ZONE,
            "locale": "en-GB",
            "color_scheme": "light",
            **context_options,
        }
        context = browser.new_context(**options)
        guard = PageGuard()
        context.route("**/*", guard.route)
        context.add_init_script(COUNT_STATUS_READS)
        page = context.new_page()
        page.clock.install(time=datetime.fromisoformat(now) if isinstance(now, str) else now)
        page.on("console", guard.on_console)
        page.on("pageerror", guard.on_page_error)
        page.on("dialog", guard.on_dialog)
        opened.append((page, guard))
        return page

    yield open_
    problems: list[str] = []
    for page, guard in opened:
        problems += [f"{page.url}: {problem}" for problem in guard.problems()]
        page.context.close()
    assert not problems, "the pages misbehaved:\n" + "\n".join(problems)


@pytest.fixture
def visit(open_page: Callable[..., Page],
          served_site: Callable[[str], StaticServer]) -> Callable[..., Page]:
    """Open `site_page` of its served fixture site, the browser's clock `after` its build."""

    def visit_(site_page: SitePage, after: timedelta = timedelta(0),
               **context_options: object) -> Page:
        page = open_page(datetime.fromisoformat(site_page.now) + after, **context_options)
        page.goto(served_site(site_page.scenario).url(site_page.path))
        return page

    return visit_
