"""One text, every channel: what the IT team writes reads the same on the page, in the
feeds, in status.json, in calendars, on the board and in every notification, and no
channel ever carries a script.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import feedparser
import icalendar
import pytest

from macros import urls
from macros.loader import load_tree
from macros.notify.compose import compose
from macros.notify.config import Channel
from macros.notify.mail import email_message
from macros.notify.payloads import slack_payload, teams_payload, webhook_payload
from macros.notify.plan import INCIDENT_UPDATE, Announcement
from macros.outside_text import plain_text
from macros.text import as_written, plain, rich
from tests.dom import Node, parse
from tests.helpers import build_site, copy_tree

# The reviewer's input: a script typed as entities, a script link, and bold.
HOSTILE = "Use &lt;script&gt;alert(1)&lt;/script&gt; and [x](javascript:alert(2)) **now**"
HOSTILE_PLAIN = "Use and x now"
LINKED = "Read [the printing page](https://intranet.example.org/print) **first**."
LINKED_PLAIN = "Read the printing page (https://intranet.example.org/print) first."
NOW = "2026-11-21T08:30+00:00"
SITE = "https://it.eastbrook.example.org/"
INCIDENT = "2026-11-21-ehr-markup"
WORK = "2026-11-30-payroll-update"


# --- the rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "said"), [
    (HOSTILE, HOSTILE_PLAIN),
    (LINKED, LINKED_PLAIN),
    ("Call [the desk](mailto:desk@example.org) or <https://intranet.example.org/>.",
     "Call the desk (desk@example.org) or https://intranet.example.org/."),
    ("**Do** this:\n\n- one\n- *two*\n\nThen wait.", "Do this:\n\n- one\n- two\n\nThen wait."),
    ("A&amp;E & x < 5 {{ 7*7 }}", "A&E & x < 5 {{ 7*7 }}"),
    ("Use <a href='javascript:alert(1)'>the viewer</a><script>alert(2)</script> <3",
     "Use the viewer <3"),
    ("See javascript:alert('bare') or data:text/html,hi.", "See (link removed) or (link removed)"),
])
def test_plain_text_says_what_the_page_shows_without_markup(written: str, said: str) -> None:
    assert plain(written) == said


def test_the_page_shows_formatting_and_never_a_script() -> None:
    shown = str(rich(HOSTILE))
    assert shown == "<p>Use &lt;script&gt;alert(1)&lt;/script&gt; and x <strong>now</strong></p>"
    assert "(link removed)" in str(rich("See javascript:alert('bare')"))


@pytest.mark.parametrize(("written", "said"), [
    ("A&E printers *on* ward 5", "A&E printers *on* ward 5"),  # no Markdown: as the page shows
    ("Records <script>alert(1)</script> are   slow", "Records are slow"),
    ('<a href="javascript:alert(1)">Wards</a> &amp; clinics', "Wards & clinics"),
])
def test_fields_shown_as_written_keep_their_words_and_lose_their_tags(written: str,
                                                                       said: str) -> None:
    assert as_written(written) == said


def test_supplier_text_is_read_the_same_way_within_its_caps() -> None:
    said = plain_text("<p>Outlook is slow&lt;script&gt;alert(1)&lt;/script&gt;</p>"
                      "<p><a href='https://status.example/1'>Details</a>\u200b</p>")
    assert said == "Outlook is slow Details (https://status.example/1)"
    assert plain_text("word " * 200, 30).endswith("…")


# --- every channel, from one build ------------------------------------------------------------


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The basic tree, with an open problem and planned work written with Markdown."""
    status = copy_tree("basic", tmp_path_factory.mktemp("text"))
    (status / "incidents" / f"{INCIDENT}.yml").write_text(f"""\
title: Records are slow & odd
impact: major
components: {{ehr: degraded_performance}}
affects: Wards and clinics
updates:
  - at: 2026-11-21T08:15
    status: investigating
    message: "{HOSTILE}"
    workaround: "{LINKED}"
    next_update: 2026-11-21T08:45
""", encoding="utf-8")
    (status / "maintenance" / f"{WORK}.yml").write_text(f"""\
title: Payroll system update
components: {{payroll: under_maintenance}}
affects: Payroll and finance
window:
  start: 2026-11-30T18:00
  end: 2026-11-30T21:00
why: "{HOSTILE}"
benefit: December pay is worked out with the right tax rates.
during: "{LINKED}"
contact: Payroll team, ext. 2210
""", encoding="utf-8")
    return status


@pytest.fixture(scope="module")
def site(tree: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    build = build_site(tmp_path_factory.mktemp("text-site"), tree, NOW)
    assert build.returncode == 0, build.output
    return build.site


def read(site: Path, address: str) -> str:
    path = site / address
    return (path / "index.html" if address.endswith("/") else path).read_text(encoding="utf-8")


def assert_safe(text: str, where: str) -> None:
    lowered = text.lower()
    for needle in ("<script>alert", "javascript:", "**now**", "**first**"):
        assert needle not in lowered, f"{needle} in {where}"


def message_paragraph(page: Node) -> Node:
    return page.find(cls="bedside-card__message").find("p")


def test_the_page_shows_the_formatting_and_no_script(site: Path) -> None:
    for address in (urls.STATUS_HOME, urls.incident_page(INCIDENT)):
        html = read(site, address)
        assert_safe(html, address)
        assert "and x <strong>now</strong>" in html
    page = parse(read(site, urls.incident_page(INCIDENT)))
    assert message_paragraph(page).text() == "Use <script>alert(1)</script> and x now"


def test_feeds_carry_the_pages_html_and_status_json_its_words(site: Path) -> None:
    page = parse(read(site, urls.incident_page(INCIDENT)))
    facts = page.find("dl", "bedside-facts")
    page_workaround = next(d for d in facts.find_all("div")
                           if d.find("dt").text() == "What to do meanwhile").find("dd").text()
    assert page_workaround == "Read the printing page first."

    for address in (urls.rss_feed(), urls.atom_feed()):
        raw = read(site, address)
        assert_safe(raw, address)
        entry = next(e for e in feedparser.parse(raw).entries if INCIDENT in e.link)
        body = entry.get("content", [{}])[0].get("value") or entry.summary
        assert "<p>Use &lt;script&gt;alert(1)&lt;/script&gt; and x <strong>now</strong></p>" \
            in body
        assert ('<strong>What to do meanwhile:</strong> Read <a href="https://intranet.example'
                '.org/print" rel="noopener noreferrer">the printing page</a> <strong>first'
                '</strong>.') in body

    status = json.loads(read(site, urls.STATUS_JSON))
    assert_safe(json.dumps(status), urls.STATUS_JSON)
    incident = next(i for i in status["incidents"] if i["id"] == INCIDENT)
    assert incident["incident_updates"][0]["body"] == HOSTILE_PLAIN
    assert incident["workaround"] == LINKED_PLAIN
    work = next(m for m in status["scheduled_maintenances"] if m["id"] == WORK)
    assert work["why"] == HOSTILE_PLAIN and work["during"] == LINKED_PLAIN


def test_calendars_say_the_plain_words(site: Path) -> None:
    for address in (urls.calendar(), urls.maintenance_calendar(WORK)):
        raw = read(site, address)
        assert_safe(raw, address)
        event = next(e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")
                     if str(e["UID"]).startswith(WORK))
        description = str(event["DESCRIPTION"])
        assert f"Why: {HOSTILE_PLAIN}" in description
        assert f": {LINKED_PLAIN}" in description
        assert_safe(description, address)


def test_the_board_and_the_banner_say_the_plain_words(site: Path) -> None:
    board = parse(read(site, urls.BOARD))
    assert f"What to do meanwhile: {LINKED_PLAIN}" in board.text()
    for address in (urls.BOARD, urls.BANNER):
        assert_safe(read(site, address), address)


# --- notifications -------------------------------------------------------------------------


def channel() -> Channel:
    return Channel(id="desk", type="email", host="127.0.0.1", port=25,
                   sender="it-status@eastbrook.example.org",
                   recipients=("ward-5@eastbrook.example.org",))


def sent_texts(announcement: Announcement, tree_dir: Path, now: str) -> list[str]:
    """Everything a notice puts on the wire, in each channel's own format."""
    notice = compose(announcement, load_tree(tree_dir), datetime.fromisoformat(now), SITE)
    mail = email_message(notice, channel())
    return [json.dumps(teams_payload(notice)), json.dumps(slack_payload(notice)),
            json.dumps(webhook_payload(notice)), mail.get_body(("plain",)).get_content(),
            mail.get_body(("html",)).get_content(), notice.plain_text()]


def test_every_notification_says_the_plain_words(tree: Path) -> None:
    incident = next(i for i in load_tree(tree).incidents if i.id == INCIDENT)
    told = Announcement(INCIDENT_UPDATE, "k", (), incident=incident, update=incident.updates[0])
    for sent in sent_texts(told, tree, NOW):
        assert_safe(sent, "a notice")
        assert "<script" not in sent.lower()
    notice = compose(told, load_tree(tree), datetime.fromisoformat(NOW), SITE)
    assert notice.lead == HOSTILE_PLAIN
    assert notice.subject == "Looking into it: Records are slow & odd"
    assert ("What to do meanwhile", LINKED_PLAIN) in [(f.label, f.text) for f in notice.facts]
