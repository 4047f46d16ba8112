"""`bedside notify` end to end: loopback Teams/Slack/webhook and SMTP servers, a fixed clock.

Each test tells a short story: the IT team merges a change, the publish
workflow runs `bedside notify` (sometimes twice), and we look at what arrived.
"""

from __future__ import annotations

import argparse
import email
import json
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from pytest_httpserver import HTTPServer

from macros.commands import notify as notify_command
from macros.loader import load_tree
from macros.state import maintenance_phase
from macros.timeparse import parse_time
from macros.wording import (
    INCIDENT_STATUS_LABELS,
    component_states_line,
    current_workaround,
    maintenance_subject,
    next_update_sentence,
    window_in_words,
)
from tests.helpers import REPO, copy_tree

SITE = "https://status.test.example/"
TEAMS_SECRET = "T0KEN-teams-8f3a91"
SLACK_SECRET = "T0KEN-slack-77c2e0"
SMTP_SECRET = "pa55-smtp-41d9"
SMTP_USER = "it-status@eastbrook.example.org"

UPDATE_2 = """
  - at: 2026-11-20T08:44
    status: identified
    message: We found the cause, a nightly report still running. We have stopped it.
    workaround: Keep using the read-only viewer if a record takes more than a few seconds.
    next_update: 2026-11-20T09:15
"""
RESOLVED = """
  - at: 2026-11-20T09:40
    status: resolved
    message: Patient records open normally again.
    data_impact: No records, orders or results were lost.
"""


def bedside_notify(*argv: str) -> int:
    """Run `bedside notify` with `argv`, through its own parser (as `bedside` would)."""
    parser = argparse.ArgumentParser(prog="bedside")
    notify_command.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["notify", *argv])
    return args.run(args)


# --- loopback mail server ------------------------------------------------------


@pytest.fixture
def refused_port() -> Iterator[int]:
    """A loopback port held (bound, not listening) for the test: connecting to it is refused."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


class LoopbackController(Controller):
    """An SMTP server on a port the system picks when it binds (port 0), read back after."""

    def __init__(self, handler: Any, **options: Any) -> None:
        super().__init__(handler, hostname="127.0.0.1", port=0, **options)

    def _trigger_server(self) -> None:
        # aiosmtpd connects to self.port once the server listens: give it the real one.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class Inbox:
    """A loopback SMTP server's mailbox."""

    port: int = 0
    envelopes: list[Any] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append(envelope)
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, data) -> AuthResult:
        login, password = data.login.decode(), data.password.decode()
        self.logins.append((login, password))
        return AuthResult(success=(login, password) == (SMTP_USER, SMTP_SECRET))

    @property
    def messages(self) -> list[EmailMessage]:
        return [email.message_from_bytes(e.content, policy=default_policy)
                for e in self.envelopes]


def _start_inbox(**options: Any) -> tuple[Inbox, Controller]:
    inbox = Inbox()
    controller = LoopbackController(inbox, authenticator=inbox.authenticate, **options)
    controller.start()
    inbox.port = controller.port
    return inbox, controller


@pytest.fixture
def inbox() -> Iterator[Inbox]:
    """A plain loopback SMTP server that asks for a password."""
    box, controller = _start_inbox(auth_require_tls=False)
    yield box
    controller.stop()


@pytest.fixture
def tls_inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Inbox]:
    """A loopback SMTP server that only accepts mail after STARTTLS, with a trusted test cert."""
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts this server only
    box, controller = _start_inbox(tls_context=context, require_starttls=True,
                                   auth_require_tls=True)
    yield box
    controller.stop()


# --- the story -------------------------------------------------------------------


@dataclass
class Story:
    """A status tree, its channels, and the runs of `bedside notify` against it."""

    tree: Path
    server: HTTPServer
    monkeypatch: pytest.MonkeyPatch
    capsys: pytest.CaptureFixture[str]

    def channels(self, text: str) -> None:
        (self.tree / "notify.yml").write_text("channels:\n" + text, encoding="utf-8")

    def append(self, relative: str, text: str) -> None:
        path = self.tree / relative
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        (self.tree / relative).write_text(text, encoding="utf-8")

    def run(self, now: str, *args: str, site: str | None = SITE) -> tuple[int, str]:
        """Run `bedside notify` at `now`; return its exit code and everything it printed."""
        self.monkeypatch.setenv("BEDSIDE_NOW", now)
        options = ["--site-url", site] if site else []
        code = bedside_notify("--dir", str(self.tree), *options, *args)
        out = self.capsys.readouterr()
        return code, out.out + out.err

    def posts(self, path: str) -> list[dict[str, Any]]:
        """JSON bodies that reached `path` with a 2xx answer, oldest first."""
        return [json.loads(request.get_data()) for request, response in self.server.log
                if request.path == path and response.status_code < 300]

    def attempts(self, path: str) -> int:
        return sum(1 for request, _ in self.server.log if request.path == path)

    @property
    def record(self) -> dict[str, Any]:
        path = self.tree / "notified.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@pytest.fixture
def story(tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch,
          capsys: pytest.CaptureFixture[str]) -> Story:
    for path in ("/teams", "/slack", "/hook", "/finance", "/wards"):
        httpserver.expect_request(path, method="POST").respond_with_data("1")
    monkeypatch.delenv("BEDSIDE_STATUS_DIR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("TEAMS_WEBHOOK_URL", httpserver.url_for(f"/teams?k={TEAMS_SECRET}"))
    monkeypatch.setenv("SLACK_WEBHOOK_URL", httpserver.url_for(f"/slack?k={SLACK_SECRET}"))
    monkeypatch.setenv("HOOK_URL", httpserver.url_for("/hook"))
    monkeypatch.setenv("FINANCE_HOOK_URL", httpserver.url_for("/finance"))
    monkeypatch.setenv("WARDS_HOOK_URL", httpserver.url_for("/wards"))
    monkeypatch.setenv("SMTP_PASSWORD", SMTP_SECRET)
    return Story(copy_tree("notify", tmp_path), httpserver, monkeypatch, capsys)


def teams_channel(channel_id: str = "service-desk") -> str:
    return f"  - id: {channel_id}\n    type: teams\n    url_env: TEAMS_WEBHOOK_URL\n"


def slack_channel() -> str:
    return "  - id: it-team\n    type: slack\n    url_env: SLACK_WEBHOOK_URL\n"


def hook_channel(channel_id: str = "hook", env: str = "HOOK_URL", audiences: str = "") -> str:
    line = f"    audiences: [{audiences}]\n" if audiences else ""
    return f"  - id: {channel_id}\n    type: webhook\n    url_env: {env}\n{line}"


def mail_channel(port: int, *, starttls: bool = False, audiences: str = "wards") -> str:
    return (f"  - id: ward-managers\n    type: email\n    audiences: [{audiences}]\n"
            f"    host: 127.0.0.1\n    port: {port}\n    starttls: {str(starttls).lower()}\n"
            f"    username: {SMTP_USER}\n    password_env: SMTP_PASSWORD\n"
            "    sender: Eastbrook IT status <it-status@eastbrook.example.org>\n"
            "    recipients: [ward-managers@eastbrook.example.org]\n")


def card_lines(payload: dict[str, Any]) -> list[str]:
    """The lines a Teams user sees on the Adaptive Card."""
    card = payload["attachments"][0]["content"]
    return ["".join(run["text"] for run in block["inlines"]) for block in card["body"]]


def plain_body(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


# --- exactly once -------------------------------------------------------------------


def test_a_new_update_reaches_teams_and_a_mailbox_exactly_once(story: Story,
                                                               inbox: Inbox) -> None:
    story.channels(teams_channel() + mail_channel(inbox.port))

    code, out = story.run("2026-11-20T08:20+00:00")
    assert code == 0, out
    assert 'service-desk (Teams): sent "Looking into it: Patient records are slow to open"' \
        in out
    assert 'ward-managers (email): sent "Looking into it: Patient records are slow to open"' \
        in out
    assert len(story.posts("/teams")) == 1
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["To"] == "ward-managers@eastbrook.example.org"
    assert inbox.logins == [(SMTP_USER, SMTP_SECRET)]

    # A re-run, or a retried workflow, sends nothing more.
    for later in ("2026-11-20T08:20+00:00", "2026-11-20T08:40+00:00"):
        code, out = story.run(later)
        assert code == 0
        assert "service-desk (Teams): nothing new" in out
    assert len(story.posts("/teams")) == 1
    assert len(inbox.messages) == 1

    # The next update merged to main goes out once, on each channel.
    story.append("incidents/2026-11-20-ehr-slow.yml", UPDATE_2)
    story.run("2026-11-20T08:46+00:00")
    story.run("2026-11-20T08:56+00:00")
    teams = story.posts("/teams")
    assert len(teams) == 2
    assert card_lines(teams[1])[0] == "Cause found: Patient records are slow to open"
    assert [m["Subject"] for m in inbox.messages] == [
        "Looking into it: Patient records are slow to open",
        "Cause found: Patient records are slow to open",
    ]


def test_a_failing_channel_is_retried_next_run_without_blocking_the_others(
        story: Story, inbox: Inbox) -> None:
    story.server.clear()
    story.server.expect_oneshot_request("/teams").respond_with_data("busy", status=500)
    story.server.expect_request("/teams").respond_with_data("1")
    story.server.expect_request("/slack").respond_with_data("ok")
    story.channels(teams_channel() + slack_channel() + mail_channel(inbox.port))

    code, out = story.run("2026-11-20T08:20+00:00")
    assert code == 0, out  # a failed channel is not a broken configuration
    assert 'service-desk (Teams): failed "Looking into it: Patient records are slow to ' \
        'open": the webhook answered 500' in out
    assert "tried again on the next run" in out
    assert len(story.posts("/slack")) == 1
    assert len(inbox.messages) == 1
    assert "service-desk" not in story.record["channels"]

    code, out = story.run("2026-11-20T08:30+00:00")
    assert code == 0
    assert 'service-desk (Teams): sent "Looking into it' in out
    assert "it-team (Slack): nothing new" in out
    assert story.attempts("/teams") == 2
    assert len(story.posts("/teams")) == 1
    assert len(story.posts("/slack")) == 1
    assert len(inbox.messages) == 1


def test_an_unreachable_channel_does_not_stop_the_mail(story: Story, inbox: Inbox,
                                                       refused_port: int) -> None:
    story.monkeypatch.setenv("TEAMS_WEBHOOK_URL",
                             f"http://127.0.0.1:{refused_port}/teams?k={TEAMS_SECRET}")
    story.channels(teams_channel() + mail_channel(inbox.port))
    code, out = story.run("2026-11-20T08:20+00:00")
    assert code == 0
    assert "service-desk (Teams): failed" in out and "could not connect" in out
    assert len(inbox.messages) == 1


def test_a_missing_secret_skips_that_channel_only(story: Story) -> None:
    story.monkeypatch.delenv("SLACK_WEBHOOK_URL")
    story.channels(teams_channel() + slack_channel())
    code, out = story.run("2026-11-20T08:20+00:00")
    assert code == 0
    assert 'it-team (Slack): skipped "Looking into it: Patient records are slow to open": ' \
        "SLACK_WEBHOOK_URL is not set" in out
    assert len(story.posts("/teams")) == 1

    # Once the secret is added, the next run catches up.
    story.monkeypatch.setenv("SLACK_WEBHOOK_URL", story.server.url_for("/slack"))
    story.run("2026-11-20T08:30+00:00")
    assert len(story.posts("/slack")) == 1
    assert len(story.posts("/teams")) == 1


def test_a_dry_run_sends_nothing_and_records_nothing(story: Story, inbox: Inbox) -> None:
    story.channels(teams_channel() + mail_channel(inbox.port))
    code, out = story.run("2026-11-20T08:20+00:00", "--dry-run", "--show")
    assert code == 0
    assert 'service-desk (Teams): would send "Looking into it: Patient records are slow ' \
        'to open"' in out
    assert "Use the read-only viewer on the ward PC for urgent look-ups." in out  # --show
    assert story.server.log == []
    assert inbox.messages == []
    assert not (story.tree / "notified.json").exists()

    story.run("2026-11-20T08:21+00:00")
    assert len(story.posts("/teams")) == 1


def test_secrets_are_never_printed_or_recorded(story: Story, inbox: Inbox,
                                              refused_port: int) -> None:
    story.monkeypatch.setenv("SLACK_WEBHOOK_URL",
                             f"http://127.0.0.1:{refused_port}/slack?k={SLACK_SECRET}")
    story.channels(teams_channel() + slack_channel() + mail_channel(inbox.port))
    printed = "".join(story.run("2026-11-20T08:20+00:00", "--dry-run", "--show")[1]
                      + story.run("2026-11-20T08:20+00:00")[1]
                      + story.run("2026-11-20T08:25+00:00")[1])
    assert "failed" in printed and "sent" in printed
    record = (story.tree / "notified.json").read_text(encoding="utf-8")
    for secret in (TEAMS_SECRET, SLACK_SECRET, SMTP_SECRET):
        assert secret not in printed
        assert secret not in record


# --- what is announced, and when ------------------------------------------------------


def test_several_updates_between_runs_send_only_the_newest(story: Story) -> None:
    story.channels(teams_channel())
    story.run("2026-11-20T08:20+00:00")
    story.append("incidents/2026-11-20-ehr-slow.yml", UPDATE_2 + RESOLVED)
    code, _ = story.run("2026-11-20T09:45+00:00")
    assert code == 0
    teams = story.posts("/teams")
    assert [card_lines(p)[0] for p in teams] == [
        "Looking into it: Patient records are slow to open",
        "Resolved: Patient records are slow to open",
    ]
    assert "Was anything lost: No records, orders or results were lost." in card_lines(teams[1])
    story.run("2026-11-20T10:00+00:00")
    assert len(story.posts("/teams")) == 2


def test_a_first_run_does_not_send_old_news(story: Story) -> None:
    story.write("incidents/2026-11-02-printing-labels.yml", """\
title: Ward label printers print blank labels
impact: minor
components: {ehr: degraded_performance}
affects: Wards printing wristbands
updates:
  - at: 2026-11-02T07:10
    status: investigating
    message: Label printers on the wards print blank labels.
    next_update: 2026-11-02T07:40
  - at: 2026-11-02T08:05
    status: resolved
    message: Label printers work again.
    data_impact: Nothing was lost.
""")
    story.channels(hook_channel())
    story.run("2026-11-20T08:20+00:00")
    assert [p["item"]["id"] for p in story.posts("/hook")] == ["2026-11-20-ehr-slow"]


def test_baseline_marks_everything_due_as_sent(story: Story) -> None:
    story.channels(teams_channel())
    code, out = story.run("2026-11-20T08:20+00:00", "--baseline")
    assert code == 0
    assert 'service-desk (Teams): marked as sent "Looking into it' in out
    assert story.server.log == []
    assert "service-desk (Teams): nothing new" in story.run("2026-11-20T08:30+00:00")[1]
    story.append("incidents/2026-11-20-ehr-slow.yml", UPDATE_2)
    story.run("2026-11-20T08:46+00:00")
    assert [card_lines(p)[0] for p in story.posts("/teams")] == [
        "Cause found: Patient records are slow to open"]


def test_nothing_is_announced_before_announce_from(story: Story) -> None:
    story.channels(hook_channel())
    story.run("2026-11-25T08:59+00:00")
    assert story.posts("/hook") == []
    story.run("2026-11-25T09:00+00:00")
    assert [p["subject"] for p in story.posts("/hook")] == ["Planned work: Payroll system update"]


def test_reminders_24_hours_and_1_hour_before_planned_work(story: Story) -> None:
    story.channels(hook_channel())
    for now in ("2026-11-25T10:00+00:00", "2026-11-29T12:00+00:00",  # announced; 30 h before
                "2026-11-29T18:30+00:00", "2026-11-29T19:00+00:00",  # 24 h reminder, once
                "2026-11-30T17:10+00:00", "2026-11-30T17:50+00:00",  # 1 h reminder, once
                "2026-11-30T18:30+00:00"):                           # under way: nothing
        assert story.run(now)[0] == 0
    posts = story.posts("/hook")
    assert [p["kind"] for p in posts] == ["maintenance_new", "reminder_24h", "reminder_1h"]
    tree = load_tree(story.tree)
    item, zone = tree.maintenance[0], tree.timezone
    assert posts[1]["subject"] == maintenance_subject(
        "reminder_24h", item, parse_time("2026-11-29T18:30+00:00", zone), zone)
    assert posts[1]["subject"] == "Reminder: Payroll system update, tomorrow night 18:00–21:00"
    assert posts[2]["subject"] == "Starting soon: Payroll system update, tonight 18:00–21:00"
    assert "Submit overtime claims for November before 17:00 on Monday 30 November." \
        in posts[2]["text"]


def test_work_announced_an_hour_before_gets_no_extra_reminder(story: Story) -> None:
    story.channels(hook_channel())
    story.run("2026-11-30T17:30+00:00")
    story.run("2026-11-30T17:40+00:00")
    assert [p["kind"] for p in story.posts("/hook")] == ["maintenance_new"]


def test_a_moved_window_is_announced_again_once(story: Story) -> None:
    story.channels(hook_channel())
    story.run("2026-11-25T10:00+00:00")
    path = "maintenance/2026-11-30-payroll-update.yml"
    text = (story.tree / path).read_text(encoding="utf-8")
    story.write(path, text.replace("start: 2026-11-30T18:00", "start: 2026-12-01T18:00")
                .replace("end: 2026-11-30T21:00", "end: 2026-12-01T21:00"))
    story.run("2026-11-26T10:00+00:00")
    story.run("2026-11-26T10:10+00:00")
    posts = story.posts("/hook")
    assert [p["subject"] for p in posts] == [
        "Planned work: Payroll system update",
        "New time for planned work: Payroll system update",
    ]
    assert "When: Tuesday 1 December 2026, 18:00 to 21:00" in posts[1]["text"]
    assert "It was planned for Monday 30 November 2026, 18:00 to 21:00." in posts[1]["text"]


def test_cancelled_work_is_announced_only_where_it_was_announced(story: Story) -> None:
    story.channels(hook_channel())
    story.run("2026-11-25T10:00+00:00")
    story.append("maintenance/2026-11-30-payroll-update.yml", """\
updates:
  - at: 2026-11-26T09:00
    status: cancelled
    message: The supplier found a problem in testing, so the update will not happen.
""")
    story.write("maintenance/2026-12-10-wifi-upgrade.yml", """\
title: Wi-Fi upgrade in the outpatients building
components: {wifi: partial_outage}
affects: Staff and patients in outpatients
announce_from: 2026-11-27T09:00
window: {start: 2026-12-10T20:00, end: 2026-12-10T23:00}
why: The old access points drop calls.
benefit: Calls on the ward phones stop dropping.
during: Use the desk phones.
contact: Service desk, ext. 4444
updates:
  - at: 2026-11-26T09:30
    status: cancelled
    message: Postponed until the new year.
""")
    story.run("2026-11-27T10:00+00:00")
    posts = story.posts("/hook")
    assert [p["subject"] for p in posts] == ["Planned work: Payroll system update",
                                             "Cancelled: Payroll system update"]
    assert posts[1]["lead"] == ("The supplier found a problem in testing, so the update "
                                "will not happen.")
    assert "It was planned for Monday 30 November 2026, 18:00 to 21:00." in posts[1]["text"]


def test_audiences_choose_what_each_channel_hears(story: Story) -> None:
    story.write("incidents/2026-11-20-wifi-drops.yml", """\
title: Wi-Fi drops in the outpatients building
impact: minor
components: {wifi: partial_outage}
affects: Everyone in outpatients
updates:
  - at: 2026-11-20T08:10
    status: investigating
    message: Wi-Fi drops every few minutes in outpatients.
    next_update: 2026-11-20T09:00
""")
    story.channels(hook_channel("finance", "FINANCE_HOOK_URL", "finance")
                   + hook_channel("wards", "WARDS_HOOK_URL", "wards") + hook_channel())
    story.run("2026-11-20T08:20+00:00")
    story.run("2026-11-25T10:00+00:00")

    def heard(path: str) -> list[str]:
        return sorted(p["item"]["id"] for p in story.posts(path))

    assert heard("/finance") == ["2026-11-20-wifi-drops", "2026-11-30-payroll-update"]
    assert heard("/wards") == ["2026-11-20-ehr-slow", "2026-11-20-wifi-drops"]
    assert heard("/hook") == ["2026-11-20-ehr-slow", "2026-11-20-wifi-drops",
                              "2026-11-30-payroll-update"]


# --- what the messages say ----------------------------------------------------------------


def test_messages_use_the_same_sentences_as_the_page(story: Story, inbox: Inbox) -> None:
    story.channels(teams_channel() + slack_channel() + mail_channel(inbox.port))
    story.run("2026-11-20T08:20+00:00")
    tree = load_tree(story.tree)
    incident, zone = tree.incidents[0], tree.timezone
    now = parse_time("2026-11-20T08:20+00:00", zone)
    sentences = [
        f"{INCIDENT_STATUS_LABELS['investigating']}: {incident.title}",
        "Patient records take up to a minute to open. Orders and results are not lost. "
        "We are working on it with the supplier.",
        f"What to do meanwhile: {current_workaround(incident)}",
        component_states_line(tree, incident.components),
        next_update_sentence(incident, now, zone),
        f"{SITE}status/incidents/2026-11-20-ehr-slow/",
    ]
    assert next_update_sentence(incident, now, zone) == "We will update you by 08:45."
    teams = story.posts("/teams")[0]
    card = "\n".join(card_lines(teams)) + json.dumps(
        teams["attachments"][0]["content"]["actions"])
    slack = json.dumps(story.posts("/slack")[0], ensure_ascii=False)
    mail = plain_body(inbox.messages[0])
    for sentence in sentences:
        assert sentence in card
        assert sentence in slack
        assert sentence in mail


def test_planned_work_messages_say_when_in_words_and_link_the_calendar(story: Story) -> None:
    story.channels(teams_channel())
    story.run("2026-11-25T10:00+00:00")
    tree = load_tree(story.tree)
    item = tree.maintenance[0]
    assert maintenance_phase(item, parse_time("2026-11-25T10:00+00:00", tree.timezone)) \
        == "upcoming"
    payload = story.posts("/teams")[0]
    lines = card_lines(payload)
    assert f"When: {window_in_words(item, tree.timezone)}" in lines
    assert "• Submit overtime claims for November before 17:00 on Monday 30 November." in lines
    actions = payload["attachments"][0]["content"]["actions"]
    assert [a["url"] for a in actions] == [
        f"{SITE}status/maintenance/2026-11-30-payroll-update/",
        f"{SITE}status/maintenance/2026-11-30-payroll-update/event.ics",
    ]


def test_teams_gets_an_adaptive_card_and_slack_gets_text_and_blocks(story: Story) -> None:
    story.channels(teams_channel() + slack_channel())
    story.run("2026-11-20T08:20+00:00")
    teams = story.posts("/teams")[0]
    assert teams["type"] == "message"
    attachment = teams["attachments"][0]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert attachment["content"]["type"] == "AdaptiveCard"
    slack = story.posts("/slack")[0]
    assert slack["text"] == "Looking into it: Patient records are slow to open"
    assert slack["blocks"][0] == {"type": "header", "text": {
        "type": "plain_text", "text": "Looking into it: Patient records are slow to open",
        "emoji": False}}


def test_markup_written_in_yaml_arrives_as_plain_text(story: Story, inbox: Inbox) -> None:
    story.write("incidents/2026-11-20-ehr-slow.yml", """\
title: "Records <b>slow</b> & {{ config }}"
impact: major
components: {ehr: degraded_performance}
affects: Wards
audiences: [wards]
updates:
  - at: 2026-11-20T08:15
    status: investigating
    message: "Use <a href='javascript:alert(1)'>the viewer</a><script>alert(2)</script> <3"
    next_update: 2026-11-20T08:45
""")
    story.channels(teams_channel() + slack_channel() + mail_channel(inbox.port))
    story.run("2026-11-20T08:20+00:00")
    teams = json.dumps(story.posts("/teams")[0])
    slack = story.posts("/slack")[0]
    html_part = inbox.messages[0].get_body(("html",)).get_content()
    for sent in (teams, json.dumps(slack), html_part):
        assert "<script" not in sent and "javascript:" not in sent and "<b>" not in sent
    assert "Looking into it: Records slow & {{ config }}" in card_lines(
        story.posts("/teams")[0])
    assert "Use the viewer <3" in card_lines(story.posts("/teams")[0])
    assert slack["text"] == "Looking into it: Records slow &amp; {{ config }}"
    assert "Use the viewer &lt;3" in html_part
    assert inbox.messages[0]["Subject"] == "Looking into it: Records slow & {{ config }}"


def test_links_start_with_the_site_url_from_mkdocs(story: Story) -> None:
    story.monkeypatch.chdir(REPO)
    story.channels(teams_channel())
    story.run("2026-11-20T08:20+00:00", site=None)
    actions = story.posts("/teams")[0]["attachments"][0]["content"]["actions"]
    assert actions[0]["url"] == \
        "https://it.eastbrook.example.org/status/incidents/2026-11-20-ehr-slow/"


# --- email security ---------------------------------------------------------------------


def test_mail_goes_through_starttls_with_the_password_from_the_environment(
        story: Story, tls_inbox: Inbox, inbox: Inbox) -> None:
    plain_server = mail_channel(inbox.port, starttls=True).replace(
        "id: ward-managers", "id: plain-server")
    story.channels(mail_channel(tls_inbox.port, starttls=True) + plain_server)
    code, out = story.run("2026-11-20T08:20+00:00")
    assert code == 0
    assert 'ward-managers (email): sent "Looking into it' in out
    assert len(tls_inbox.messages) == 1  # the server refuses mail before STARTTLS
    assert tls_inbox.logins == [(SMTP_USER, SMTP_SECRET)]
    # A server without STARTTLS is never sent the password in the clear.
    assert "plain-server (email): failed" in out
    assert "does not offer STARTTLS" in out
    assert inbox.logins == [] and inbox.messages == []
