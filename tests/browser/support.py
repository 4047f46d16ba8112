"""Helpers for the browser tests: a guard that keeps pages on the host and
records their errors, keyboard walking and axe-core."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Dialog, Error, Page, Route

from macros.loopback import LOOPBACK


@dataclass
class PageGuard:
    """Blocks every request that leaves 127.0.0.1 and records what the page complained about."""

    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

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

    def on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def problems(self) -> list[str]:
        """Everything that went wrong, as sentences; empty when the page behaved."""
        return (
            [f"request left the host: {url}" for url in self.blocked]
            + [f"console error: {text}" for text in self.console_errors]
            + [f"page error: {text}" for text in self.page_errors]
            + [f"a dialog opened: {text}" for text in self.dialogs]
        )


# Added to every page before its own scripts (tests/browser/conftest.py): counts
# the answers from status.json the page has finished reading, one task after
# the body is parsed, so by then the page's own handling of that answer (the
# promises chained on it) has run. It only watches; the page works as before.
COUNT_STATUS_READS = """
(() => {
  window.__statusReads = 0;
  const read = Response.prototype.json;
  Response.prototype.json = function () {
    const body = read.call(this);
    if (new URL(this.url).pathname.endsWith("/status.json")) {
      const count = () => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { window.__statusReads += 1; };
        channel.port2.postMessage(null);
      };
      body.then(count, count);
    }
    return body;
  };
})();
"""


def poll_status(page: Page) -> None:
    """Let a minute pass on the page's clock, so its script asks for status.json again.

    Returns once the answer has arrived and the page has read it and acted on
    it, so a check that nothing changed cannot pass just because it came too soon.
    """
    reads = page.evaluate("window.__statusReads")
    with page.expect_response(lambda response: response.url.endswith("/status.json")):
        page.clock.run_for(61_000)
    page.wait_for_function("reads => window.__statusReads > reads", arg=reads)


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

# After the page has drawn (so scripts reacting to focus have run): where it
# is scrolled, and which element has focus.
_SETTLED = """
() => new Promise(resolve => requestAnimationFrame(() => {
  const el = document.activeElement;
  const focus = !el || el === document.body ? null
    : {mark: el.getAttribute('data-keyboard-walk'), html: el.outerHTML.slice(0, 160)};
  resolve({scroll: [scrollX, scrollY], focus});
}))
"""
# Takes focus away (keeping the element, to give it back), then as _SETTLED.
_BLURRED = f"""
() => {{
  window.__walkFocus = document.activeElement;
  if (document.activeElement) document.activeElement.blur();
  return ({_SETTLED.strip()})();
}}
"""


def _screen(page: Page) -> bytes:
    """The window as drawn (caret hidden, animations finished); JPEG is quick to encode."""
    return page.screenshot(animations="disabled", type="jpeg", quality=90)


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
        scroll = page.evaluate(_BLURRED)["scroll"]
        before = _screen(page)
        page.keyboard.press("Tab")
        now = page.evaluate(_SETTLED)
        state = now["focus"]
        if state is None:
            continue
        focused = _screen(page)
        if state["mark"] is not None:
            if state["mark"] == first_mark:
                break
            first_mark = first_mark or state["mark"]
            reached.add(int(state["mark"]))
        if now["scroll"] != scroll:
            page.evaluate(_BLURRED)
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
