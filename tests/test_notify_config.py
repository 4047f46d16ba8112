"""`status/notify.yml` and `notified.json`: mistakes are explained, positioned, and stop the run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.loader import check_tree, load_tree
from macros.notify.config import load_notify_config
from tests.helpers import REPO, copy_tree
from tests.test_notify import bedside_notify

TEAMS_URL = "https://eastbrook.webhook.office.com/webhookb2/abc123/IncomingWebhook/d4e5f6"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BEDSIDE_NOW", "2026-11-20T08:20+00:00")
    monkeypatch.delenv("BEDSIDE_STATUS_DIR", raising=False)
    return copy_tree("notify", tmp_path)


def run(tree: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = bedside_notify("--dir", str(tree), "--site-url", "https://s.example/",
                          "--dry-run", *args)
    out = capsys.readouterr()
    return code, out.out + out.err


def write_config(tree: Path, text: str) -> None:
    (tree / "notify.yml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("text", "expected"), [
    (  # a pasted webhook address
        f"channels:\n  - id: desk\n    type: teams\n    url: {TEAMS_URL}\n",
        "notify.yml:4:5: error: channels[0].url: secrets never go in the repository. Store it as "
        "a repository secret and write the name of its environment variable instead, "
        "like url_env: TEAMS_WEBHOOK_URL",
    ),
    (  # the address where the variable's name belongs
        f"channels:\n  - id: desk\n    type: teams\n    url_env: {TEAMS_URL}\n",
        "notify.yml:4:14: error: channels[0].url_env: this looks like the secret itself.",
    ),
    (
        "channels:\n  - id: desk\n    type: teamz\n    url_env: TEAMS_WEBHOOK_URL\n",
        'notify.yml:3:11: error: channels[0].type: "teamz" is not one of teams, slack, webhook, '
        'email (did you mean "teams"?)',
    ),
    (
        "channels:\n  - id: money\n    type: webhook\n    url_env: HOOK\n"
        "    audiences: [finanse]\n",
        'notify.yml:5:17: error: channels[0].audiences[0]: "finanse" is not an audience in '
        'components.yml (did you mean "finance"?)',
    ),
    (
        "channels:\n  - id: wards\n    type: email\n    host: smtp.example.org\n"
        "    sender: it@example.org\n",
        "notify.yml:2:5: error: channels[0].recipients: this field is missing. Who receives "
        "the email",
    ),
    (
        "channels:\n  - id: wards\n    type: email\n    host: smtp.example.org\n"
        "    sender: it@example.org\n    recipients: [ward managers]\n",
        'notify.yml:6:18: error: channels[0].recipients[0]: "ward managers" is not an email '
        'address',
    ),
    (
        "channels:\n  - id: desk\n    type: teams\n    url_env: A\n"
        "  - id: desk\n    type: slack\n    url_env: B\n",
        'notify.yml:5:9: error: channels[1].id: the channel id "desk" is used twice',
    ),
    (
        "channels:\n  - id: desk\n    type: slack\n    url_env: SLACK\n    host: smtp.x.org\n",
        "notify.yml:5:5: error: channels[0].host: host is not used by Slack channels; remove it",
    ),
    (
        "channels:\n  - id: desk\n    type: teams\n\turl_env: X\n",
        "notify.yml:4:1: error: this is not valid YAML: use spaces, not tabs, to indent",
    ),
])
def test_a_broken_notify_yml_is_explained_where_it_is_wrong(
        tree: Path, capsys: pytest.CaptureFixture[str], text: str, expected: str) -> None:
    write_config(tree, text)
    code, out = run(tree, capsys)
    assert code == 1
    assert expected in out
    assert "nothing was sent" in out
    assert "abc123" not in out  # the pasted secret is never repeated back
    assert "Traceback" not in out


def test_a_plain_connection_to_a_remote_mail_server_is_a_warning_only(
        tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_config(tree, "channels:\n  - id: wards\n    type: email\n    host: smtp.example.org\n"
                 "    starttls: false\n    sender: it@example.org\n"
                 "    recipients: [wards@example.org]\n")
    code, out = run(tree, capsys)
    assert code == 0
    assert "notify.yml:5:15: warning: channels[0].starttls: without STARTTLS" in out
    assert 'wards (email): would send "Looking into it' in out


def test_no_notify_yml_means_nothing_to_send(tree: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(tree, capsys)
    assert code == 0
    assert "so there is nowhere to send news" in out


def test_a_damaged_record_stops_the_run_rather_than_sending_twice(
        tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_config(tree, "channels:\n  - id: desk\n    type: teams\n    url_env: TEAMS\n")
    (tree / "notified.json").write_text('{"format": "bedside-notified", "vers', encoding="utf-8")
    code, out = run(tree, capsys)
    assert code == 1
    assert "cannot read the record of sent messages" in out
    assert "bedside notify --baseline" in out


def test_broken_status_data_stops_the_run(tree: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    write_config(tree, "channels:\n  - id: desk\n    type: teams\n    url_env: TEAMS\n")
    (tree / "incidents" / "2026-11-20-ehr-slow.yml").write_text("title: [", encoding="utf-8")
    code, out = run(tree, capsys)
    assert code == 1
    assert "2026-11-20-ehr-slow.yml:1:" in out
    assert "would send" not in out


def test_the_sample_notify_yml_is_valid_and_names_only_variables(tmp_path: Path) -> None:
    sample = REPO / "status" / "notify.yml"
    tree = copy_tree("basic", tmp_path)  # the same audiences as the real components.yml
    shutil.copy(sample, tree / "notify.yml")
    result = load_notify_config(tree / "notify.yml", load_tree(tree))
    assert result.problems == []
    assert result.config is not None
    assert {c.type for c in result.config.channels} == {"teams", "slack", "email"}
    assert "finance" in {a for c in result.config.channels for a in c.audiences}
    assert "://" not in sample.read_text(encoding="utf-8").split("schema.json", 1)[1]



INCIDENT = ("title: Records are slow\nimpact: major\ncomponents:\n  ehr: degraded_performance\n"
            "affects: Wards\nupdates:\n  - at: 2026-11-20T08:15\n    status: investigating\n"
            "    message: Records are slow.\n    workaround: Use the viewer.\n"
            "    next_update: 2026-11-20T08:45\n")
CHANNEL = "channels:\n  - id: desk\n    type: teams\n    url_env: TEAMS_URL\n"


@pytest.mark.parametrize(("incident_edit", "channel_edit", "incident_says", "notify_says"), [
    (  # a misspelt field: one message, never also "this field is missing"
        ("    message: Records", "    mesage: Records"), ("url_env:", "url_evn:"),
        '"mesage" is not a field here (did you mean "message"?)',
        '"url_evn" is not a field here (did you mean "url_env"?)',
    ),
    (  # yes/no where text belongs
        ("title: Records are slow", "title: yes"), ("url_env: TEAMS_URL", "url_env: yes"),
        'expected text, found yes/no; YAML reads "yes" as yes/no, so put the text in quotes',
        'expected text, found yes/no; YAML reads "yes" as yes/no, so put the text in quotes',
    ),
    (  # a number where text belongs
        ("affects: Wards", "affects: 42"), ("url_env: TEAMS_URL", "url_env: 42"),
        'expected text, found a number; YAML reads "42" as a number, so put the text in quotes',
        'expected text, found a number; YAML reads "42" as a number, so put the text in quotes',
    ),
    (  # a field written twice
        ("affects: Wards", "affects: Wards\naffects: Theatres"),
        ("url_env: TEAMS_URL", "url_env: TEAMS_URL\n    url_env: OTHER"),
        "this field appears twice (first on line 5); keep one and delete the other",
        "this field appears twice (first on line 4); keep one and delete the other",
    ),
])
def test_a_mistake_gets_the_same_words_in_notify_yml_as_in_a_status_file(
        tmp_path: Path, incident_edit: tuple[str, str], channel_edit: tuple[str, str],
        incident_says: str, notify_says: str) -> None:
    root = copy_tree("notify", tmp_path)
    tree = load_tree(root)
    (root / "incidents" / "2026-11-20-ehr-slow.yml").write_text(
        INCIDENT.replace(*incident_edit), encoding="utf-8")
    write_config(root, CHANNEL.replace(*channel_edit))
    assert [p.message for p in check_tree(root).problems] == [incident_says]
    assert [p.message for p in load_notify_config(root / "notify.yml", tree).problems] == [
        notify_says]
