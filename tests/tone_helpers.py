"""Helpers for the tone checker's tests: write a file, check it, find a word's place."""

from __future__ import annotations

from pathlib import Path

from macros.tone import Finding, check_paths, load_rules

RULES = load_rules()


def check_text(tmp_path: Path, name: str, text: str) -> list[Finding]:
    """Write `text` to `tmp_path/name` and return what the house rules find in it."""
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    report = check_paths([path], RULES)
    assert not report.problems, report.problems
    return report.findings


def check_yaml(tmp_path: Path, text: str) -> list[Finding]:
    return check_text(tmp_path, "incidents/2026-11-20-test.yml", text)


def check_page(tmp_path: Path, text: str) -> list[Finding]:
    return check_text(tmp_path, "docs/page.md", text)


def by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the `nth` occurrence of `needle` in `text`."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def places(findings: list[Finding]) -> list[tuple[int, int]]:
    return [(f.line, f.col) for f in findings]


def during(sentence: str) -> str:
    """A planned-work file whose `during` field is `sentence` (on line 3, from column 3)."""
    return f"title: Test\nduring: >\n  {sentence}\n"
