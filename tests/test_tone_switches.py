"""Inline switches turn a rule off for quoted text: one line, one block or field, one file."""

from __future__ import annotations

from pathlib import Path

from tests.tone_helpers import by_rule, check_page, check_yaml, places, where

PAGE = """\
# Words to avoid

The supplier wrote "degraded performance". <!-- tone: off jargon -->
Our own degraded wording is still checked on this line.

<!-- tone: off jargon blame (quoting what not to say) -->
> Users may see degraded performance.
> This was user error.

After the quote, degraded is checked again.
"""


def test_a_markdown_switch_covers_its_line_or_the_block_below(tmp_path: Path) -> None:
    findings = check_page(tmp_path, PAGE)
    assert places(by_rule(findings, "jargon")) == [
        where(PAGE, "degraded wording"), where(PAGE, "degraded is")]
    assert by_rule(findings, "blame") == []


def test_a_markdown_switch_only_turns_off_the_rules_it_names(tmp_path: Path) -> None:
    text = "The outage was degraded. <!-- tone: off jargon -->\n"
    findings = check_page(tmp_path, text)
    assert [f.rule for f in findings] == ["plain-words"]


def test_a_markdown_file_switch_and_all(tmp_path: Path) -> None:
    text = "<!-- tone: off-file jargon -->\n\nDNS here.\n\nAnd latency there, by user error.\n"
    assert [f.rule for f in check_page(tmp_path, text)] == ["blame"]
    text = "The outage was degraded, by user error. <!-- tone: off all -->\n"
    assert check_page(tmp_path, text) == []


def test_a_switch_shown_as_code_is_not_a_switch(tmp_path: Path) -> None:
    text = "Write `<!-- tone: off jargon -->` after the DNS quote.\n"
    assert [f.rule for f in check_page(tmp_path, text)] == ["jargon"]


def test_a_switch_naming_an_unknown_rule_says_so(tmp_path: Path) -> None:
    text = "DNS quote. <!-- tone: off jargn -->\n"
    findings = check_page(tmp_path, text)
    assert sorted(f.rule for f in findings) == ["jargon", "tone-switch"]
    [note] = by_rule(findings, "tone-switch")
    assert (note.line, note.col) == where(text, "<!--")
    assert "'jargn'" in note.message and 'did you mean "jargon"' in note.message


YAML = """\
title: T
updates:
  - at: 2026-11-20T08:15
    status: resolved
    # tone: off jargon
    message: >
      The supplier's notice said "degraded performance".
    data_impact: >  # tone: off blame (their words, not ours)
      None lost. The supplier called it user error and DNS.
why: "Our words: degraded." # tone: off jargon
benefit: Still degraded here.
"""


def test_a_yaml_switch_covers_the_field_below_or_its_own_field(tmp_path: Path) -> None:
    findings = check_yaml(tmp_path, YAML)
    assert places(by_rule(findings, "jargon")) == [
        where(YAML, "DNS"), where(YAML, "degraded here")]
    assert by_rule(findings, "blame") == []


def test_a_yaml_switch_above_an_update_covers_the_whole_update(tmp_path: Path) -> None:
    text = ("title: T\nupdates:\n  # tone: off what-to-do-now\n  - at: 2026-11-20T08:15\n"
            "    status: investigating\n    message: Slow.\n    next_update: 2026-11-20T08:45\n")
    assert check_yaml(tmp_path, text) == []


def test_a_yaml_file_switch(tmp_path: Path) -> None:
    text = "# tone: off-file jargon\ntitle: T\nwhy: DNS.\nduring: Latency.\nbenefit: Outage.\n"
    assert [f.rule for f in check_yaml(tmp_path, text)] == ["plain-words"]


def test_a_hash_inside_text_is_not_a_switch(tmp_path: Path) -> None:
    text = 'title: T\nwhy: "Call #4 # tone: off jargon about the DNS"\n'
    assert [f.rule for f in check_yaml(tmp_path, text)] == ["jargon"]
