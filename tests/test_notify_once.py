"""`bedside notify` sends each message at most once, whatever goes wrong.

The record of sent messages is written before each message goes out; a
record that cannot be written stops the run before anything is sent; two
runs at once take turns; a channel that is slow, broken or misconfigured
never costs the other channels their news, and never gets a message twice.
"""
# ruff: noqa: F811 - the fixtures `story` and `inbox` come from tests.test_notify

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from werkzeug import Request, Response

from macros.notify import delivery, lock, run
from macros.notify.lock import notify_lock
from macros.notify.record import NotifiedRecord
from tests.helpers import REPO
from tests.test_notify import (  # noqa: F401 - fixtures shared with the main notify tests
    SITE,
    Inbox,
    LoopbackController,
    Story,
    card_lines,
    hook_channel,
    inbox,
    mail_channel,
    slack_channel,
    story,
    teams_channel,
)

NOW = "2026-11-20T08:20+00:00"
SUBJECT = "Looking into it: Patient records are slow to open"


def run_in_child(story: Story, now: str, *, file_size_limit: int | None = None,
                 ) -> subprocess.Popen[str]:
    """Start `bedside notify` in its own process, optionally unable to write any file
    (`RLIMIT_FSIZE`, which also binds root: a full disk, as the run sees it)."""
    limit = "" if file_size_limit is None else (
        "import resource, signal; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({file_size_limit}, {file_size_limit})); ")
    code = (f"{limit}import sys; from macros.cli import main; "
            f"sys.exit(main(['notify', '--dir', {str(story.tree)!r}, '--site-url', {SITE!r}]))")
    env = {**os.environ, "BEDSIDE_NOW": now, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.Popen([sys.executable, "-c", code], cwd=REPO, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def finish(child: subprocess.Popen[str]) -> tuple[int, str]:
    out, _ = child.communicate(timeout=120)
    return child.returncode, out


# --- the record is written before anything is sent ------------------------------------


def test_three_runs_with_an_unwritable_record_send_nothing_and_say_so(
        story: Story, inbox: Inbox) -> None:
    story.channels(teams_channel() + slack_channel() + mail_channel(inbox.port))
    for minute in ("08:20", "08:30", "08:40"):
        code, out = finish(run_in_child(story, f"2026-11-20T{minute}+00:00",
                                        file_size_limit=0))
        assert code == 1, out
        assert "service-desk (Teams): not tried: the record of sent messages cannot be " \
            "written (see below)" in out
        assert "cannot write the record of sent messages" in out
        assert "nothing more was sent" in out
        assert "Traceback" not in out
    assert story.attempts("/teams") == 0
    assert story.attempts("/slack") == 0
    assert inbox.messages == []
    assert not [p for p in story.tree.iterdir() if p.name.endswith(".tmp")]

    # Once the record can be written again, the news goes out, once.
    for minute in ("08:50", "09:00"):
        code, out = story.run(f"2026-11-20T{minute}+00:00")
        assert code == 0, out
    assert len(story.posts("/teams")) == 1
    assert len(story.posts("/slack")) == 1
    assert len(inbox.messages) == 1


def test_a_record_that_breaks_after_a_send_never_sends_it_again(
        story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    story.channels(teams_channel() + slack_channel())
    real_save = NotifiedRecord.save
    saves: list[int] = []

    def no_space(*_: Any) -> None:
        raise OSError(28, "No space left on device")

    def save_then_fail(record: NotifiedRecord) -> None:
        """The mark before sending is saved; then the disk is full."""
        saves.append(1)
        with monkeypatch.context() as full:
            if len(saves) > 1:
                full.setattr(os, "replace", no_space)
            real_save(record)

    monkeypatch.setattr(NotifiedRecord, "save", save_then_fail)
    code, out = story.run(NOW)
    assert code == 1, out
    assert "No space left on device" in out
    assert f'after sending "{SUBJECT}" to service-desk (Teams)' in out
    assert f'service-desk (Teams): sent "{SUBJECT}"' in out
    assert "it-team (Slack): not tried: the run stopped before this channel" in out

    monkeypatch.setattr(NotifiedRecord, "save", real_save)
    for later in ("2026-11-20T08:30+00:00", "2026-11-20T08:40+00:00"):
        code, out = story.run(later)
        assert code == 0, out
        assert "service-desk (Teams): nothing new" in out
    assert story.attempts("/teams") == 1
    assert len(story.posts("/slack")) == 1
    assert story.record["unconfirmed"]["service-desk"]


# --- two runs at once ----------------------------------------------------------------------


def test_two_runs_at_once_send_the_message_once(story: Story) -> None:
    story.server.clear()
    story.server.expect_request("/hook").respond_with_handler(slow_answer)
    story.channels(hook_channel())
    first, second = run_in_child(story, NOW), run_in_child(story, NOW)
    results = [finish(first), finish(second)]
    assert [code for code, _ in results] == [0, 0], results
    assert story.attempts("/hook") == 1
    outputs = "".join(out for _, out in results)
    assert outputs.count('hook (webhook): sent "') == 1
    assert "hook (webhook): nothing new" in outputs


def slow_answer(request: Request) -> Response:
    time.sleep(1)  # long enough for the second run to start while the first is sending
    return Response("ok")


def test_a_run_that_cannot_get_the_lock_sends_nothing_and_says_so(
        story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lock, "WAIT_S", 0.1)
    story.channels(teams_channel())
    with notify_lock(story.tree):
        code, out = story.run(NOW)
    assert code == 1
    assert "another `bedside notify` is still running" in out
    assert "This run sent nothing" in out
    assert story.server.log == []
    code, out = story.run(NOW)
    assert code == 0 and f'sent "{SUBJECT}"' in out


# --- every channel is tried ------------------------------------------------------------------


@pytest.mark.parametrize("address", [
    "https://[::1/teams?k=T0KEN-teams-8f3a91",
    "https://hooks.example.org:99999/teams?k=T0KEN-teams-8f3a91",
    "https://hooks example.org/teams?k=T0KEN-teams-8f3a91",
    "https://\x01hooks.example.org/?k=T0KEN-teams-8f3a91",
    "hooks.example.org/teams?k=T0KEN-teams-8f3a91",
])
def test_a_malformed_webhook_address_skips_only_that_channel(
        story: Story, inbox: Inbox, address: str) -> None:
    story.monkeypatch.setenv("TEAMS_WEBHOOK_URL", address)
    story.channels(teams_channel() + slack_channel() + mail_channel(inbox.port))
    code, out = story.run(NOW)
    assert code == 0, out
    assert f'service-desk (Teams): skipped "{SUBJECT}": TEAMS_WEBHOOK_URL does not hold a ' \
        "usable https:// address" in out
    assert "T0KEN" not in out and "hooks" not in out
    assert len(story.posts("/slack")) == 1
    assert len(inbox.messages) == 1


def test_a_channel_that_breaks_unexpectedly_does_not_stop_the_others(
        story: Story, inbox: Inbox, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(notice: Any) -> dict[str, Any]:
        raise KeyError("surprise")

    monkeypatch.setitem(run.PAYLOADS, "teams", broken)
    story.channels(teams_channel() + slack_channel() + mail_channel(inbox.port))
    code, out = story.run(NOW)
    assert code == 0, out
    assert "service-desk (Teams): failed: an unexpected error (KeyError)" in out
    assert "tried again on the next run" in out
    assert len(story.posts("/slack")) == 1
    assert len(inbox.messages) == 1
    assert "service-desk" not in story.record.get("unconfirmed", {})


# --- a slow channel: one time limit, said truthfully, and never a second copy ------------------


def test_a_webhook_that_answers_too_late_is_not_sent_the_message_again(
        story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery, "TIMEOUT_S", 0.3)
    story.server.clear()
    arrived: list[str] = []

    def slow_answer_counted(request: Request) -> Response:
        arrived.append(request.path)
        return slow_answer(request)

    story.server.expect_request("/teams").respond_with_handler(slow_answer_counted)
    story.channels(teams_channel())

    code, out = story.run(NOW)
    assert code == 0, out
    assert f'service-desk (Teams): not confirmed "{SUBJECT}": no answer within 0.3 seconds, ' \
        "after the message was sent; it may have arrived, so it will not be sent again" in out
    code, out = story.run("2026-11-20T08:30+00:00")
    assert "service-desk (Teams): nothing new" in out
    assert arrived == ["/teams"]


def test_the_time_limit_in_the_message_is_the_one_the_client_uses(
        story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[Any] = []

    def no_answer(session: requests.Session, request: Any, **options: Any) -> None:
        used.append(options["timeout"])
        raise requests.ReadTimeout("no answer")

    monkeypatch.setattr(requests.Session, "send", no_answer)
    story.channels(teams_channel())
    _, out = story.run(NOW)
    [timeout] = used
    assert timeout.total == delivery.TIMEOUT_S  # the whole request, connecting included
    assert f"no answer within {delivery.seconds(delivery.TIMEOUT_S)}" in out
    assert delivery.seconds(15) == "15 seconds" and delivery.seconds(1) == "1 second"


class SlowInbox(Inbox):
    """A mail server that takes the message and answers only after the client gave up."""

    async def handle_DATA(self, server, session, envelope) -> str:
        self.envelopes.append(envelope)
        await asyncio.sleep(1.5)
        return "250 OK"


def test_a_mail_server_that_answers_too_late_is_not_sent_the_message_again(
        story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delivery, "TIMEOUT_S", 0.5)
    monkeypatch.setattr("macros.notify.mail.TIMEOUT_S", 0.5)
    box = SlowInbox()
    controller = LoopbackController(box, authenticator=box.authenticate, auth_require_tls=False)
    controller.start()
    box.port = controller.port
    try:
        story.channels(mail_channel(box.port))
        code, out = story.run(NOW)
        assert code == 0, out
        assert "ward-managers (email): not confirmed" in out
        assert "the mail server did not answer within 0.5 seconds, after the message was " \
            "sent; it may have arrived" in out
        time.sleep(1.5)  # let the server finish with the first message
        story.run("2026-11-20T08:30+00:00")
    finally:
        controller.stop()
    assert len(box.envelopes) == 1


# --- the log says what happened, and nothing else ------------------------------------------------


def test_text_people_wrote_cannot_become_a_ci_command_in_the_log(story: Story) -> None:
    story.append("incidents/2026-11-20-ehr-slow.yml", """\
  - at: 2026-11-20T08:18
    status: identified
    message: "Found it.\\n\\n::error file=README.md,line=1::Injected\\n\\n  ##[error]Again"
    next_update: 2026-11-20T08:45
""")
    story.channels(teams_channel() + hook_channel())
    story.monkeypatch.setenv("GITHUB_ACTIONS", "true")
    story.server.clear()
    story.server.expect_request("/teams").respond_with_data("1")
    story.server.expect_request("/hook").respond_with_data("busy", status=500)
    code, out = story.run(NOW, "--show")
    assert code == 0, out
    assert "Injected" in out and "Again" in out  # shown, as text
    for line in out.splitlines():
        assert not line.lstrip().startswith("::") or line.startswith(
            "::warning title=Bedside notify::"), line
        assert "##[" not in line, line


def test_the_record_keeps_what_it_says_in_plain_json(tmp_path: Path) -> None:
    record = NotifiedRecord(tmp_path / "notified.json")
    moment = datetime(2026, 11, 20, 8, 20, tzinfo=UTC)
    record.mark_sending("teams", ["a", "b"], moment)
    record.save()
    saved = json.loads(record.path.read_text(encoding="utf-8"))
    assert saved["unconfirmed"] == {"teams": {"a": "2026-11-20T08:20:00+00:00",
                                              "b": "2026-11-20T08:20:00+00:00"}}
    record.mark("teams", ["a"], moment)
    record.forget_sending("teams", ["b"])
    record.save()
    saved = json.loads(record.path.read_text(encoding="utf-8"))
    assert saved["channels"] == {"teams": {"a": "2026-11-20T08:20:00+00:00"}}
    assert "unconfirmed" not in saved
