"""Helpers for the browser tests: a guard that keeps pages on the host and
records their errors, keyboard walking and axe-core."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Error, Page, Route

from macros.loopback import LOOPBACK


@dataclass
class PageGuard:
    """Blocks every request that leaves 127.0.0.1 and records what the page complained about."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == LOOPBACK:
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.console_errors.append(f"{message.text} ({where})")

    def on_page_error(self, error: Error) -> None:
        self.page_errors.append(f"{error.name}: {error.message}")

    def problems(self) -> list[str]:
        """Everything that went wrong, as sentences; empty when the page behaved."""
        return (
            [f"request left the host: {url}" for url in self.blocked]
            + [f"console error: {text}" for text in self.console_errors]
            + [f"page error: {text}" for text in self.page_errors]
        )


def visible_text(page: Page, selector: str = "body") -> str:
    """The text a reader sees in `selector`, with runs of white space collapsed."""
    text = page.locator(selector).first.inner_text()
    return " ".join(text.split())


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


# Marks every element a keyboard user should be able to reach, in document order.
_MARK_FOCUSABLE = """
() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary,'
    + ' [tabindex], [contenteditable=true]';
  const reachable = [...document.querySelectorAll(selector)].filter(el => {
    if (el.disabled || el.tabIndex < 0 || el.closest('[inert]')) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0
      && el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true});
  });
  reachable.forEach((el, i) => el.setAttribute('data-keyboard-walk', String(i)));
  return reachable.map(el => el.outerHTML.slice(0, 160));
}
"""

# Describes the element that has focus now.
_FOCUS_STATE = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {mark: el.getAttribute('data-keyboard-walk'), html: el.outerHTML.slice(0, 160)};
}
"""

_SCROLL = "() => [scrollX, scrollY]"
# Resolves after the page has drawn twice, so scripts reacting to focus have run.
_TWO_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def _screen(page: Page) -> bytes:
    """The window as drawn now (caret hidden, animations finished)."""
    page.evaluate(_TWO_FRAMES)
    return page.screenshot(animations="disabled")


def _blur(page: Page) -> None:
    page.evaluate("window.__walkFocus = document.activeElement; "
                  "document.activeElement && document.activeElement.blur()")


@dataclass
class KeyboardWalk:
    """What pressing Tab through a page reached, and where focus could not be seen."""

    expected: list[str]
    reached: set[int]
    invisible_focus: list[str]

    @property
    def unreached(self) -> list[str]:
        return [html for i, html in enumerate(self.expected) if i not in self.reached]


def walk_with_keyboard(page: Page) -> KeyboardWalk:
    """Press Tab until focus comes back round, checking that each stop can be seen.

    Before each Tab the current element is blurred, so the screen before and
    after the key press differs only by the new focus: an outline, a shadow, a
    colour change, a label ring or a search box opening all count; a blinking
    caret does not (screenshots hide it). When Tab scrolls the page, the
    window is compared with the element focused and blurred instead.
    """
    expected = page.evaluate(_MARK_FOCUSABLE)
    reached: set[int] = set()
    invisible: list[str] = []
    first_mark: str | None = None
    for _ in range(len(expected) * 2 + 10):
        _blur(page)
        scroll, before = page.evaluate(_SCROLL), _screen(page)
        page.keyboard.press("Tab")
        focused = _screen(page)
        state = page.evaluate(_FOCUS_STATE)
        if state is None:
            continue
        if state["mark"] is not None:
            if state["mark"] == first_mark:
                break
            first_mark = first_mark or state["mark"]
            reached.add(int(state["mark"]))
        if page.evaluate(_SCROLL) != scroll:
            _blur(page)
            before = _screen(page)
            page.evaluate("window.__walkFocus.focus()")
        if focused == before:
            invisible.append(state["html"])
    return KeyboardWalk(expected, reached, invisible)


@dataclass
class AxeReport:
    """axe-core's violations on one page, readable in a test failure."""

    violations: list[dict]

    def summary(self) -> str:
        lines = []
        for violation in self.violations:
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                reasons = " / ".join(line.strip() for line in
                                     node["failureSummary"].splitlines()[1:])
                lines.append(f"    {' '.join(map(str, node['target']))}: {reasons}")
        return "\n".join(lines)


_AXE = Axe()


def run_axe(page: Page) -> AxeReport:
    """Inject the axe-core bundled with axe-playwright-python (no download) and run it."""
    results = _AXE.run(page, options={"resultTypes": ["violations"]})
    return AxeReport(results.response["violations"])
