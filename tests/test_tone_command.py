"""`bedside tone` and `bedside check`: what an editor sees, and the exit codes CI relies on."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.cli import main
from tests.helpers import copy_tree

DRAFT = """\
title: Patient records are down
updates:
  - at: 2026-11-21T03:00
    status: investigating
    message: >
      Staff may see degraded performance
      because of a DNS issue.
    workaround: Use the paper forms.
    next_update: 2026-11-21T03:30
"""
PLAIN = """\
title: Patient records are slow
updates:
  - at: 2026-11-21T03:00
    status: investigating
    message: Patient records take a minute to open. The outage is on our side.
    workaround: Use the read-only viewer on the ward PC.
    next_update: 2026-11-21T03:30
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project (mkdocs.yml, status/, docs/) as the working directory."""
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    (tmp_path / "status" / "incidents").mkdir(parents=True)
    (tmp_path / "status" / "maintenance").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Help\n\nCall ext. 4444.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BEDSIDE_STATUS_DIR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def write(project: Path, name: str, text: str) -> None:
    (project / name).write_text(text, encoding="utf-8")


def test_errors_print_one_line_each_and_exit_1(project: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "status/incidents/2026-11-21-down.yml", DRAFT)
    assert main(["tone"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "status/incidents/2026-11-21-down.yml:6:21: error jargon: 'degraded performance' is a "
        "server-room word; people on the ward may not know it (say what the reader notices, "
        "e.g. 'slow')",
        "status/incidents/2026-11-21-down.yml:7:20: error jargon: 'DNS issue' is a server-room "
        "word; people on the ward may not know it (say what stopped working, e.g. 'websites "
        "and shared drives do not open')",
    ]
    assert "Tone: 2 errors (2 files checked)." in out[-1]
    assert "docs/it-team/tone.md" in out[-1]


def test_warnings_are_shown_but_do_not_fail(project: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "status/incidents/2026-11-21-slow.yml", PLAIN)
    assert main(["tone"]) == 0
    out = capsys.readouterr().out
    assert "status/incidents/2026-11-21-slow.yml:5:57: warning plain-words: 'outage'" in out
    assert "Tone: 1 warning (2 files checked)." in out


def test_clean_content_says_all_good(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tone"]) == 0
    assert capsys.readouterr().out.strip() == "Tone: all good (1 file checked)."


def test_paths_choose_what_to_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "status/incidents/2026-11-21-down.yml", DRAFT)
    write(project, "docs/blame.md", "# Oops\n\nThat was user error.\n")
    assert main(["tone", "docs/blame.md"]) == 1
    out = capsys.readouterr().out
    assert "docs/blame.md:3:10: error blame: 'user error'" in out
    assert "status/" not in out


def test_the_tree_option_and_variable_choose_the_status_tree(
        project: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    other = project / "other"
    (other / "maintenance").mkdir(parents=True)
    write(project, "other/maintenance/2026-12-01-work.yml",
          "title: T\nwhy: The maintenance window is short.\n")
    assert main(["tone", "--status", "other"]) == 0
    assert "other/maintenance/2026-12-01-work.yml:2:10: warning filler" in capsys.readouterr().out
    monkeypatch.setenv("BEDSIDE_STATUS_DIR", str(other))
    assert main(["tone", "--dir", "status"]) == 0
    assert "other/" not in capsys.readouterr().out
    assert main(["tone"]) == 0
    assert "other/maintenance/2026-12-01-work.yml:2:10" in capsys.readouterr().out


def test_with_dir_only_that_status_tree_is_checked_not_the_pages(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "docs/blame.md", "# Oops\n\nThat was user error.\n")
    draft = project / "draft"
    (draft / "incidents").mkdir(parents=True)
    write(project, "draft/incidents/2026-11-21-slow.yml", PLAIN)
    assert main(["tone", "--dir", "draft"]) == 0
    out = capsys.readouterr().out
    assert "draft/incidents/2026-11-21-slow.yml:5:" in out
    assert "docs/blame.md" not in out
    assert "(1 file checked)" in out
    # With no options, the status tree and the pages are checked, as before.
    assert main(["tone"]) == 1
    assert "docs/blame.md:3:10: error blame: 'user error'" in capsys.readouterr().out


def test_a_status_tree_that_is_not_there_is_named(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tone", "--dir", "statsu"]) == 1
    assert "statsu:1:1: error: there is no such file or folder" in capsys.readouterr().out


def test_github_actions_also_get_annotations(project: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    write(project, "status/incidents/2026-11-21-down.yml", DRAFT)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["tone"]) == 1
    out = capsys.readouterr().out
    assert ("::error file=status/incidents/2026-11-21-down.yml,line=6,col=21,"
            "title=Bedside%3A tone jargon::'degraded performance' is a server-room word; "
            "people on the ward may not know it (say what the reader notices, e.g. 'slow')"
            ) in out


def test_a_file_that_cannot_be_read_is_named_and_fails(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project, "status/incidents/2026-11-21-bad.yml", "title: [unclosed\n")
    assert main(["tone", "status", "no-such-folder"]) == 1
    out = capsys.readouterr().out
    assert "status/incidents/2026-11-21-bad.yml:2:1: error: this is not valid YAML" in out
    assert "no-such-folder:1:1: error: there is no such file or folder" in out
    assert "Traceback" not in out


def test_check_includes_the_status_text_rules(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    tree = copy_tree("basic", tmp_path)
    path = tree / "incidents" / "2026-11-20-ehr-slow.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("We are working on it with the supplier.",
                                 "It is a DNS issue. The outage is with the supplier."),
                    encoding="utf-8")
    assert main(["check", "--dir", str(tree)]) == 1
    out = capsys.readouterr().out
    assert ": error: updates[0].message: 'DNS issue' is a server-room word" in out
    assert "[tone: jargon]" in out
    assert ": warning: updates[0].message: 'outage' has a plainer word" in out
    assert "1 error and 1 warning in 1 file." in out


def test_check_passes_when_status_text_has_only_warnings(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree = copy_tree("basic", tmp_path)
    path = tree / "incidents" / "2026-11-20-ehr-slow.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("We are working on it", "The outage is being fixed"),
                    encoding="utf-8")
    assert main(["check", "--dir", str(tree)]) == 0
    out = capsys.readouterr().out
    assert "[tone: plain-words]" in out
    # Never "All good" right after a warning.
    assert "All good" not in out
    assert "\nNo errors, 1 warning in 1 file: worth a second look, but the site will build." \
        in out


def test_check_names_a_missing_next_update_once(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    tree = copy_tree("basic", tmp_path)
    path = tree / "incidents" / "2026-11-20-ehr-slow.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    next_update: 2026-11-20T08:45\n", ""), encoding="utf-8")
    assert main(["check", "--dir", str(tree)]) == 1
    out = capsys.readouterr().out
    assert out.count("ehr-slow.yml:9:5:") == 1, out


def test_the_command_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "tone" in capsys.readouterr().out
