"""Nothing people write can become a CI command in a log.

GitHub Actions reads a line that starts with `::` (after spaces), or holds
`##[command]` anywhere, as a workflow command: an annotation, a mask, a
group. Values people wrote reach the logs of `bedside check`, the build and
`bedside notify`; each is printed on one line with its line breaks and control
characters shown as escapes, and Bedside's own annotations escape their data
by GitHub's rules.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.problems import Problem, escape_data, log_safe
from tests.helpers import REPO, copy_tree

INJECTED = "minor\n::error file=README.md,line=1::Injected"


@pytest.fixture
def hostile_tree(tmp_path: Path) -> Path:
    """The basic tree with a value, a field name and a file name that try to inject."""
    root = copy_tree("basic", tmp_path)
    slow = root / "incidents" / "2026-11-20-ehr-slow.yml"
    text = slow.read_text(encoding="utf-8").replace(
        "impact: major", 'impact: "minor\\n::error file=README.md,line=1::Injected"')
    slow.write_text(text + '"\\r::warning::Field": 1\n"##[error]named": 2\n', encoding="utf-8")
    (root / "incidents" / "2026-11-21-x\n::error::Named ##[warning]file.yml").write_text(
        "title: [\n", encoding="utf-8")
    return root


def lines_ci_would_run(output: str) -> list[str]:
    """The lines a GitHub runner would take as workflow commands."""
    return [line for line in output.splitlines()
            if line.lstrip().startswith("::") or "##[" in line]


def run(args: list[str], tree: Path, github: bool) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BEDSIDE_STATUS_DIR": str(tree),
           "BEDSIDE_NOW": "2026-11-20T08:30+00:00"}
    env.pop("GITHUB_ACTIONS", None)
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=REPO,
                          env=env, timeout=600)


@pytest.mark.parametrize("github", [False, True], ids=["locally", "in-actions"])
def test_check_prints_hostile_values_without_running_them(hostile_tree: Path,
                                                          github: bool) -> None:
    result = run(["-m", "macros.cli", "check"], hostile_tree, github)
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    assert r'"minor\n::error file=README.md,line=1::Injected" is not one of' in out
    commands = lines_ci_would_run(out)
    if not github:
        assert commands == []
    else:  # only Bedside's own annotations, each about a status file
        assert commands
        for line in commands:
            assert line.startswith(("::error file=", "::warning file=")), line
            assert f"file={hostile_tree}" in line, line


def test_the_build_prints_hostile_values_without_running_them(hostile_tree: Path,
                                                              tmp_path: Path) -> None:
    result = run(["-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                 hostile_tree, github=True)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert "Injected" in out and "Traceback" not in out
    for line in lines_ci_would_run(out):
        assert line.startswith("::error file=") and f"file={hostile_tree}" in line, line


@pytest.mark.parametrize("text", [
    INJECTED, "a\r::error::b", "::error::at the start", "   ::error::after spaces",
    "x ##[error]y", "a\x0b::b", "a\x85::b", "a\u2028::b", "\x1b[31mred", "a\x00b",
])
def test_log_safe_keeps_a_value_on_one_harmless_line(text: str) -> None:
    shown = log_safe(text)
    assert len(shown.splitlines()) == 1
    assert not shown.lstrip().startswith("::")
    assert "##[" not in shown
    assert "\x1b" not in shown and "\x00" not in shown


def test_ordinary_text_is_printed_as_it_is() -> None:
    text = "Ward 4: printers stopped at 02:05 — use ward 3's (ext. 4412) 👩‍⚕️ ok: 100%"
    assert log_safe(text) == text


def test_annotations_escape_their_data_and_properties_by_githubs_rules() -> None:
    problem = Problem("status/incidents/a,b:c.yml", 3, 9, "impact", "100% \r\n" + INJECTED)
    line = problem.github_annotation()
    head, _, data = line.partition("::error ")[2].partition("::")
    assert head == ("file=status/incidents/a%2Cb%3Ac.yml,line=3,col=9,"
                    "title=Bedside%3A impact")
    assert "\n" not in line and "\r" not in line
    assert data.startswith("100%25 %0D%0Aminor%0A::error file=README.md")
    assert escape_data("50%\r\n") == "50%25%0D%0A"


def test_fetch_prints_what_a_supplier_wrote_without_running_it(
        capsys: pytest.CaptureFixture[str]) -> None:
    from macros.commands import fetch

    fetch._say("failed        m365  the server answered 500 x\r::error::y\n"
               "  The page shows: Outlook is slow\n::add-mask::secret ##[error]z")
    out = capsys.readouterr().out
    assert out.count("\n") == 3  # line breaks stay lines; a CR is shown as \r
    assert lines_ci_would_run(out) == []
    assert "Outlook is slow" in out


def test_tone_findings_print_quoted_words_without_running_them() -> None:
    from macros.tone.findings import Finding

    finding = Finding("status/incidents/a.yml", 3, 5, "warning", "jargon",
                      'avoid "x\n::error::y"', suggestion="say ##[error] plainly")
    assert lines_ci_would_run(str(finding)) == []
    assert len(str(finding).splitlines()) == 1
