"""A sentence twice in one update, or in every update of an incident, is a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.tone import RuleError, load_rules
from tests.tone_helpers import by_rule, check_yaml, places, where

INCIDENT = """\
title: Email is slow
updates:
  - at: 2026-11-20T08:15
    status: investigating
    message: >
      Email takes ten minutes to arrive. Our engineers are working on the mail server.
      Email takes ten minutes to arrive.
    workaround: Phone the ward for anything urgent.
    next_update: 2026-11-20T08:45
  - at: 2026-11-20T08:40
    status: identified
    message: We found a full disk. Our engineers are working on the mail server.
    workaround: Phone the ward for anything urgent.
    next_update: 2026-11-20T09:15
  - at: 2026-11-20T09:10
    status: resolved
    message: Email arrives normally again. Our engineers are working on the mail server!
    data_impact: No email was lost.
"""


def test_a_sentence_said_twice_in_one_update_is_a_warning_at_the_second(tmp_path: Path) -> None:
    [finding] = by_rule(check_yaml(tmp_path, INCIDENT), "repeated-sentence")
    assert (finding.line, finding.col) == where(INCIDENT, "Email takes", nth=1)
    assert finding.severity == "warning"
    assert finding.message == "'Email takes ten minutes to arrive' is said twice in this update"
    assert finding.field == "updates[0].message"


def test_the_same_sentence_in_every_update_is_a_warning_at_the_last(tmp_path: Path) -> None:
    [finding] = by_rule(check_yaml(tmp_path, INCIDENT), "same-every-update")
    assert (finding.line, finding.col) == where(INCIDENT, "Our engineers", nth=2)
    assert finding.severity == "warning"
    assert finding.message.startswith("'Our engineers are working on the mail server' is in")
    assert "what has changed" in finding.suggestion


def test_workarounds_repeat_freely_and_a_sentence_missing_once_is_not_every_update(
        tmp_path: Path) -> None:
    text = INCIDENT.replace("Email arrives normally again. Our engineers are working on the "
                            "mail server!", "Email arrives normally again.")
    findings = check_yaml(tmp_path, text)
    assert by_rule(findings, "same-every-update") == []
    assert "Phone the ward" not in str(findings)


def test_one_update_alone_and_short_sentences_are_left_alone(tmp_path: Path) -> None:
    text = ("title: T\nupdates:\n  - at: 2026-11-20T08:15\n    status: resolved\n"
            "    message: Fixed it. Thank you. Thank you. Email works again.\n"
            "    data_impact: Nothing was lost.\n")
    findings = check_yaml(tmp_path, text)
    assert by_rule(findings, "repeated-sentence") == []
    assert by_rule(findings, "same-every-update") == []


def test_planned_work_notices_are_checked_for_repeats_across_their_fields(
        tmp_path: Path) -> None:
    text = ("title: Upgrade\nwhy: The new version fixes the slow search.\n"
            "benefit: Search takes seconds.\nduring: >\n  Use the paper forms. The new "
            "version fixes the slow search.\n")
    assert places(by_rule(check_yaml(tmp_path, text), "repeated-sentence")) == [
        where(text, "The new version", nth=1)]


def test_a_repeat_rule_with_an_unknown_scope_names_the_field(tmp_path: Path) -> None:
    (tmp_path / "echo.yml").write_text(
        "extends: duplicate\nmessage: \"'%s' again\"\nlevel: warning\nscope: page\n",
        encoding="utf-8")
    with pytest.raises(RuleError) as raised:
        load_rules(tmp_path)
    assert "echo.yml:4:8: error: scope:" in str(raised.value)
    assert "update or incident" in str(raised.value)
