"""Every writer escapes by its own format's rules, whatever text reaches it.

`bedside check` refuses control characters in the YAML, but the writers do not
count on it: the text here is put straight into the model, as a future field
or a supplier's feed could bring it. A line break in an audience's name must
not add lines to its calendar, a control character must not crash the feed
writer or break a badge, and an audience's name is cleaned like any other.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import urls, wording
from macros.browser_scripts import ascii_script
from macros.model import StatusTree
from macros.outputs import write_audience_outputs
from macros.outputs.assets import script_text
from macros.outputs.badges import write_badges
from macros.outputs.calendar import write_event_files, write_planned_work
from macros.outputs.feeds import write_feeds
from macros.outputs.statuspage_api import write_api
from macros.state import compute_state
from macros.status_document.edition import Edition
from macros.status_document.history import TreeHistory
from macros.status_document.statuspage import api_documents
from tests import rfc5545
from tests.test_outputs import LIVE, LIVE_NOW, REPO, SITE_NAME, SITE_URL, context_at

INJECTION = "Wards\nEND:VCALENDAR\r\nATTENDEE:mailto:x@example.org\n"
CONTROLS = "\x01\x0b\x0c\x1b\x7f\ufffe\uffff"


def with_text(tree: StatusTree, extra: str) -> StatusTree:
    """`tree` with `extra` added to every text field people write."""
    def more(text: str) -> str:
        return text + extra

    def updated(updates):
        return tuple(replace(u, message=more(u.message),
                             workaround=more(u.workaround) if u.workaround else "")
                     for u in updates)

    return replace(
        tree,
        audiences=tuple(replace(a, name=more(a.name)) for a in tree.audiences),
        groups=tuple(replace(g, name=more(g.name), components=tuple(
            replace(c, name=more(c.name), description=more(c.description),
                    contact=more(c.contact)) for c in g.components)) for g in tree.groups),
        incidents=tuple(replace(i, title=more(i.title), affects=more(i.affects),
                                updates=updated(i.updates)) for i in tree.incidents),
        maintenance=tuple(replace(
            m, title=more(m.title), affects=more(m.affects), why=more(m.why),
            benefit=more(m.benefit), during=more(m.during), contact=more(m.contact),
            prepare=tuple(more(p) for p in m.prepare), updates=updated(m.updates))
            for m in tree.maintenance),
    )


def write_with(extra: str, site: Path, now: str = LIVE_NOW) -> Path:
    """Every output of LIVE with `extra` in every text field (and the site's name)."""
    tree = with_text(context_at(LIVE, now).tree, extra)
    edition = Edition(tree, compute_state(tree, datetime.fromisoformat(now)), SITE_URL,
                      SITE_NAME + extra, history=TreeHistory(None, {}))
    write_api(api_documents(edition), site)
    write_feeds(edition, site)
    write_planned_work(edition, site)
    write_event_files(edition, site)
    write_badges(edition, site)
    write_audience_outputs(edition, site)
    return site


def malformed(site: Path) -> dict[str, str]:
    """Each output file no reader could read as its format, with the reason."""
    found: dict[str, str] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name, data = path.relative_to(site).as_posix(), path.read_bytes()
        try:
            if path.suffix == ".json":
                json.loads(data)
            elif path.suffix in (".xml", ".svg"):
                ET.fromstring(data)
                if path.suffix == ".xml" and feedparser.parse(data).bozo:
                    found[name] = str(feedparser.parse(data).bozo_exception)
            elif path.suffix == ".ics" and rfc5545.problems_of(data):
                found[name] = "; ".join(rfc5545.problems_of(data))
        except (ValueError, ET.ParseError) as error:
            found[name] = str(error)
    return found


def injected_lines(data: bytes) -> list[str]:
    """The content lines a hostile name or message added to a calendar."""
    lines = rfc5545.unfolded_lines(data, [])
    return [line for line in lines if line.startswith("ATTENDEE")] + \
        ["END:VCALENDAR"] * (lines.count("END:VCALENDAR") - 1)


def test_a_line_break_in_an_audience_name_adds_no_line_to_its_calendar(
        tmp_path: Path) -> None:
    site = write_with(INJECTION, tmp_path / "site")
    assert malformed(site) == {}
    for address in (urls.calendar("wards"), urls.calendar()):
        data = (site / address).read_bytes()
        assert injected_lines(data) == []
        calendar = icalendar.Calendar.from_ical(data)
        assert not any("ATTENDEE" in component for component in calendar.walk())


def test_the_calendar_stays_whole_without_pythons_asserts(tmp_path: Path) -> None:
    """With `python -O` no assert runs: the writer must not rely on icalendar's."""
    site = tmp_path / "site"
    script = ("import sys; from pathlib import Path; "
              "from tests.test_outputs_escaping import INJECTION, write_with; "
              "write_with(INJECTION, Path(sys.argv[1]))")
    result = subprocess.run([sys.executable, "-O", "-c", script, str(site)], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert malformed(site) == {}
    assert injected_lines((site / urls.calendar("wards")).read_bytes()) == []


def test_control_characters_crash_no_writer_and_break_no_file(tmp_path: Path) -> None:
    site = write_with(CONTROLS, tmp_path / "site")
    assert malformed(site) == {}
    badge = ET.parse(site / urls.badge("ehr")).getroot()
    assert badge.get("aria-label") == "Patient records (EHR): Partly not working"


def test_an_audience_name_is_cleaned_like_every_other_name(tmp_path: Path) -> None:
    site = write_with("<script>alert(1)</script>", tmp_path / "site")
    calendar = icalendar.Calendar.from_ical((site / urls.calendar("wards")).read_bytes())
    assert rfc5545.text_value(calendar["X-WR-CALNAME"]) == \
        f"{SITE_NAME}: planned work, for Wards and clinics"
    feed = feedparser.parse((site / urls.rss_feed("wards")).read_bytes())
    assert feed.feed.title == f"{SITE_NAME}: problems and planned work, for Wards and clinics"
    for path in site.rglob("*"):
        if path.is_file():
            assert b"<script" not in path.read_bytes().lower(), path


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extra=st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(CONTROLS + "\r\n"),
                     max_size=40))
def test_any_text_in_any_field_gives_outputs_every_reader_can_read(extra: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert malformed(write_with(extra, Path(folder) / "site")) == {}


# --- banner.js ------------------------------------------------------------------------------


def test_banner_script_is_ascii_only_and_says_the_same_words() -> None:
    script = script_text(urls.BANNER_SCRIPT, ZoneInfo("Europe/London"))
    assert script.isascii()
    assert '"windowShort":"' + ascii_script(wording.WINDOW_SHORT) + '"' in script
    assert "\\u2013" in ascii_script(wording.WINDOW_SHORT)  # the dash, escaped


def test_escaped_script_text_reads_back_as_written() -> None:
    """\\uXXXX escapes (two for characters beyond U+FFFF) read back as JavaScript reads them."""
    text = "Planned work – “tonight” at 22:00 ✓ 😀 é"
    escaped = ascii_script(text)
    assert escaped.isascii()
    assert json.loads(f'"{escaped}"') == text
