"""Whatever text people put in any field, the build never crashes and every output
stays well-formed.

Hypothesis writes a small status tree whose text fields hold hostile text
(markup, line breaks, control characters, calendar and CI syntax, emoji,
halves of character pairs, ...). Either `bedside check` refuses the tree with
problems that name the file, or the whole build goes through: every page's
HTML keeps its structure, every feed parses in feedparser, every calendar in
icalendar, every JSON file as JSON, every badge as XML, and every notification
as JSON or email. The example count is kept small for CI; raise it with
BEDSIDE_FUZZ_EXAMPLES for a longer search.
"""

from __future__ import annotations

import email
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from email.policy import default as default_policy
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import feedparser
import icalendar
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from macros.context import build_context
from macros.loader import check_tree
from macros.notify.compose import compose
from macros.notify.config import Channel
from macros.notify.mail import email_message
from macros.notify.payloads import slack_payload, teams_payload, webhook_payload
from macros.notify.plan import plan_for_channel
from macros.outputs import write_outputs
from macros.problems import StatusDataError
from macros.render.reach import ReachMacros
from macros.render.shell import Site
from macros.render.site import status_pages
from macros.render.status_macros import StatusMacros
from tests.helpers import REPO

NOW = "2026-11-20T08:30+00:00"
SITE = "https://it.eastbrook.example.org/"
EXAMPLES = int(os.environ.get("BEDSIDE_FUZZ_EXAMPLES", "25"))

# Every text field of every status file, with a value that is fine.
ONE_LINE = {
    "audience": "Wards and clinics", "group": "Clinical systems",
    "component": "Patient records", "description": "Charts and results.",
    "component_contact": "Service desk, ext. 4444", "source": "Records sign-in check",
    "title": "Patient records are slow", "affects": "Wards on the main site",
    "resolved_title": "Printers stopped", "work_title": "Patient records upgrade",
    "work_affects": "Everyone who uses patient records",
}
PARAGRAPHS = {
    "message": "Records take a minute to open.", "workaround": "Use the viewer.",
    "resolved_message": "Printers work again.", "data_impact": "Nothing was lost.",
    "why": "The new version is faster.", "benefit": "Results open in seconds.",
    "prepare": "Print the handover sheet.", "during": "Use the downtime forms.",
    "work_contact": "Service desk, ext. 4444", "work_message": "The work is on time.",
}
FIELDS = {**ONE_LINE, **PARAGRAPHS}

# Text any field may hold, however hostile it looks: it must come out intact and inert.
SHOWN = [
    "<script>alert(1)</script>", "</p><p>", "]]>", "<![CDATA[", "&amp;", "&", "&#0;", "<", ">",
    '"', "'", "{{ 7*7 }}", "{% raw %}", "::error::x", "##[error]x", "END:VCALENDAR",
    "ATTENDEE:mailto:x@example.org", ";", ",", ":", "\\", "\\n", "-->", "<!--",
    "[a](javascript:alert(1))", "[a](https://x.org)", "**b**", "`code`", "\u200b", "\u202e",
    "😀", "\ufeff", "%0A", "%", "javascript:x", "data:text/html,x", '<svg onload="x">',
    "</text>", '"/><script>', "      ", "ä", "Ω", "\U0001f3e5", "x" * 80,
]
# Only where a paragraph is allowed: line breaks, tabs and Markdown blocks.
IN_PARAGRAPHS = ["\n", "\n\n", "\t", "\u2028", "- item\n- item", "1. one",
                 "\n\nEND:VCALENDAR\nBEGIN:VEVENT\n", "\n::error::x"]
# Never allowed: check refuses these, with the file, the line and the field.
REFUSED = ["\x00", "\x01", "\x0b", "\x1b[31m", "\x7f", "\x85", "\ufffe", "\ud800", "\r",
           "\r\n"]

printable = st.characters(exclude_categories=("Cc", "Cs", "Cn", "Zl", "Zp"))
one_line = st.one_of(st.sampled_from(SHOWN), st.text(printable, max_size=8))
paragraph = st.one_of(one_line, st.sampled_from(IN_PARAGRAPHS))
anything = st.one_of(paragraph, st.sampled_from(REFUSED), st.text(max_size=4))


def text_for(field: str) -> st.SearchStrategy[str]:
    """Mostly text the field may hold (so the outputs are built), sometimes anything."""
    allowed = paragraph if field in PARAGRAPHS else one_line
    pieces = st.integers(0, 7).flatmap(lambda n: anything if n == 0 else allowed)
    return st.lists(pieces, min_size=1, max_size=6).map("".join)


changes = st.lists(st.sampled_from(sorted(FIELDS)), min_size=1, max_size=4, unique=True) \
    .flatmap(lambda names: st.fixed_dictionaries({name: text_for(name) for name in names}))


def quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, with every character YAML cannot hold as
    it is written as an escape (so control characters reach the loader)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif 0x20 <= code <= 0x7E or (0xA0 <= code <= 0xD7FF and code != 0x2028
                                      and code != 0x2029) or 0xE000 <= code <= 0xFFFD \
                or code >= 0x10000:
            out.append(char)
        else:
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def write_tree(root: Path, values: dict[str, str]) -> None:
    """A small tree: one audience, one component, an open incident, a resolved one, and
    planned work tomorrow night, with `values` in its text fields."""
    v = {name: quoted(text) for name, text in values.items()}
    for folder in ("incidents", "maintenance"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "components.yml").write_text(f"""\
timezone: Europe/London
audiences:
  - {{id: wards, name: {v['audience']}}}
groups:
  - name: {v['group']}
    components:
      - {{id: ehr, name: {v['component']}, description: {v['description']},
         contact: {v['component_contact']}}}
""", encoding="utf-8")
    (root / "sources.yml").write_text(f"""\
sources:
  - {{id: ehr-login, kind: http, name: {v['source']}, url: "https://ehr.example.org/health",
     component: ehr}}
""", encoding="utf-8")
    (root / "incidents" / "2026-11-20-ehr-slow.yml").write_text(f"""\
title: {v['title']}
impact: major
components: {{ehr: major_outage}}
affects: {v['affects']}
audiences: [wards]
updates:
  - {{at: 2026-11-20T08:00, status: investigating, message: {v['message']},
     workaround: {v['workaround']}, next_update: 2026-11-20T09:00}}
""", encoding="utf-8")
    (root / "incidents" / "2026-11-19-printers.yml").write_text(f"""\
title: {v['resolved_title']}
impact: minor
components: {{ehr: partial_outage}}
affects: {v['affects']}
updates:
  - {{at: 2026-11-19T10:00, status: investigating, message: {v['message']},
     workaround: {v['workaround']}, next_update: 2026-11-19T11:00}}
  - {{at: 2026-11-19T10:30, status: resolved, message: {v['resolved_message']},
     data_impact: {v['data_impact']}}}
""", encoding="utf-8")
    (root / "maintenance" / "2026-11-21-ehr-upgrade.yml").write_text(f"""\
title: {v['work_title']}
components: {{ehr: under_maintenance}}
affects: {v['work_affects']}
audiences: [wards]
window: {{start: 2026-11-21T22:00, end: 2026-11-22T01:00}}
why: {v['why']}
benefit: {v['benefit']}
prepare: [{v['prepare']}, "Keep the forms at the desk."]
during: {v['during']}
contact: {v['work_contact']}
updates:
  - {{at: 2026-11-20T08:10, status: scheduled, message: {v['work_message']}}}
""", encoding="utf-8")


# --- well-formed, by each format's own reader ---------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "path", "circle", "rect", "use", "polyline", "line"}


class Structure(HTMLParser):
    """The tags of an HTML fragment; `broken` lists end tags that close nothing open."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.broken: list[str] = []
        self.starts: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass
        else:
            self.broken.append(tag)


def structure(html: str) -> Structure:
    parsed = Structure()
    parsed.feed(html)
    parsed.close()
    return parsed


FORMATTING = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "code"}


def assert_page_keeps_its_structure(name: str, html: str, safe_html: str) -> None:
    """The page has the tags of the same page with harmless text, plus formatting only."""
    shown, safe = structure(html), structure(safe_html)
    assert not shown.broken, f"{name}: end tags that close nothing: {shown.broken}"
    assert not shown.open or shown.open == safe.open, f"{name}: left open: {shown.open}"
    assert set(shown.starts) <= set(safe.starts) | FORMATTING, \
        f"{name}: new tags {set(shown.starts) - set(safe.starts) - FORMATTING}"
    assert shown.starts.count("script") == safe.starts.count("script"), name
    assert shown.handlers == safe.handlers, name


def assert_outputs_parse(site: Path) -> None:
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".json":
            json.loads(data)
        elif path.suffix == ".svg":
            ET.fromstring(data)
        elif path.suffix == ".xml":
            ET.fromstring(data)
            parsed = feedparser.parse(data)
            assert not parsed.bozo, f"{path.name}: {parsed.get('bozo_exception')}"
            assert parsed.entries or ("<item" not in data.decode() and "<entry" not in
                data.decode()), path.name
        elif path.suffix == ".ics":
            calendar = icalendar.Calendar.from_ical(data)
            names = {c.name for c in calendar.walk()}
            assert names <= {"VCALENDAR", "VEVENT", "VTIMEZONE", "STANDARD", "DAYLIGHT",
                             "VALARM"}, f"{path.name}: {names}"
            for event in calendar.walk("VEVENT"):
                assert "ATTENDEE" not in event, path.name


def assert_notices_are_well_formed(context) -> None:
    channel = Channel(id="everyone", type="email", host="127.0.0.1",
                      sender="IT status <it@example.org>", recipients=("x@example.org",))
    for announcement in plan_for_channel(context.tree, context.now, channel, {}):
        notice = compose(announcement, context.tree, context.now, SITE)
        for payload in (teams_payload(notice), slack_payload(notice), webhook_payload(notice)):
            json.loads(json.dumps(payload))
        message = email_message(notice, channel)
        parsed = email.message_from_bytes(message.as_bytes(), policy=default_policy)
        assert parsed["Subject"] == notice.subject
        assert "\n" not in notice.subject and "\r" not in notice.subject


# --- the build, as far as the outputs -----------------------------------------------------


def render_everything(root: Path, site: Path) -> dict[str, str]:
    """Every status page's body, keyed by page; every output file is written to `site`."""
    context = build_context(root, site_url=SITE, now=datetime.fromisoformat(NOW),
                            site_name="Eastbrook Hospital IT")
    env = SimpleNamespace(conf={"use_directory_urls": True, "site_name": "Eastbrook IT"},
                          page=None)
    status, reach = StatusMacros(context, env), ReachMacros(context, env)
    pages = {"home": status.status_home(), "subscriptions": reach.audience_subscriptions()}
    pages |= {page.address: page.html
              for page in status_pages(context, Site("Eastbrook Hospital IT", SITE))}
    write_outputs(context, site)
    assert_notices_are_well_formed(context)
    return {name: str(html) for name, html in pages.items()}


class Pages(dict):
    """Pages by name; short in a failure report."""

    def __repr__(self) -> str:
        return f"<{len(self)} pages>"


@pytest.fixture(scope="module")
def safe_pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    """The pages of the same tree with harmless text in every field."""
    root = tmp_path_factory.mktemp("safe") / "status"
    write_tree(root, FIELDS)
    return Pages(render_everything(root, root.parent / "site"))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(changed=changes)
@example(changed={"title": "minor\n::error file=README.md,line=1::Injected"})
@example(changed={"audience": "<script>alert(1)</script> & wards"})
@example(changed={"component": "Records \x1b[31m"})
@example(changed={"message": "[" * 20_000})
@example(changed={"why": "Faster.\n\nEND:VCALENDAR\nATTENDEE:mailto:x@example.org"})
@example(changed={"title": "\ufffe", "message": "\x0b"})
@example(changed={"message": "\n"})  # found by this test: a crash before check saw it
def test_any_text_in_any_field_builds_well_formed_outputs_or_is_refused(
        workdir: Path, safe_pages: Pages, changed: dict[str, str]) -> None:
    root, site = workdir / "status", workdir / "site"
    shutil.rmtree(workdir, ignore_errors=True)
    write_tree(root, {**FIELDS, **changed})
    loaded = check_tree(root)
    event("refused" if loaded.tree is None else "built")
    if loaded.tree is None:  # refused: every problem names a file of the tree and a line
        assert loaded.errors
        for problem in loaded.errors:
            assert problem.path.startswith(str(root)) and problem.line >= 1, problem
            assert "\n" not in str(problem)
        with pytest.raises(StatusDataError):
            build_context(root, site_url=SITE, now=datetime.fromisoformat(NOW))
        return
    pages = render_everything(root, site)
    for name, html in pages.items():
        assert_page_keeps_its_structure(name, html, safe_pages[name])
    assert_outputs_parse(site)


def test_the_whole_site_built_from_hostile_text_is_well_formed(tmp_path: Path) -> None:
    """One strict build with every hostile piece in every field: each HTML page parses
    into a balanced tree without a script or handler from the data, each output parses."""
    hostile = {name: " ".join(SHOWN + (IN_PARAGRAPHS if name in PARAGRAPHS else []))
               for name in FIELDS}
    root = tmp_path / "status"
    write_tree(root, hostile)
    assert check_tree(root).errors == []
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BEDSIDE_STATUS_DIR": str(root),
           "BEDSIDE_NOW": NOW}
    env.pop("GITHUB_ACTIONS", None)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d",
                            str(site)], cwd=REPO, env=env, capture_output=True, text=True,
                           timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    pages = sorted(site.glob("status/**/*.html"))
    assert len(pages) >= 8
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parsed = structure(html)
        assert not parsed.broken, f"{page}: end tags that close nothing: {parsed.broken}"
        assert not parsed.handlers, page
        assert "alert(1)</script>" not in html and "<svg onload" not in html, page
    assert_outputs_parse(site)
