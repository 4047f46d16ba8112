"""The `bedside` command line as the IT editor meets it: the same tree option on every
command, a version, help that lists every status, no traceback in a pipe, and the
warnings `bedside check` adds to what the loader finds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros import cli
from macros.invocation import bedside_command
from tests.helpers import REPO, copy_tree

EVERY_COMMAND = [["check"], ["tone"], ["fetch"], ["notify"], ["bench"], ["schemas"],
                 ["new", "incident"], ["new", "maintenance"], ["update", "ehr"],
                 ["resolve", "ehr"]]
# `update` takes --status for the incident's new status, so its tree is only --dir.
STATUS_IS_FREE = [c for c in EVERY_COMMAND if c[0] != "update"]


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=" ".join)
def test_every_command_takes_the_tree_as_dir(command: list[str]) -> None:
    args = cli.build_parser().parse_args([*command, "--dir", "elsewhere"])
    assert args.tree == "elsewhere"


@pytest.mark.parametrize("command", STATUS_IS_FREE, ids=" ".join)
def test_status_names_the_tree_wherever_it_is_free(command: list[str]) -> None:
    args = cli.build_parser().parse_args([*command, "--status", "elsewhere"])
    assert args.tree == "elsewhere"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"bedside {cli.version()}"
    assert cli.version() != "unknown"


def test_update_help_lists_every_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["update", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    for status in ("investigating", "identified", "monitoring", "resolved", "in_progress",
                   "verifying", "completed", "cancelled"):
        assert status in help_text
    assert "--component ID=STATE" in help_text


def test_a_reader_that_goes_away_is_not_a_traceback(tmp_path: Path) -> None:
    """`bedside check | head -1`: the pipe closes before everything is printed."""
    root = copy_tree("basic", tmp_path)
    # Many problems, so there is more to print than the pipe holds.
    for number in range(40):
        (root / "incidents" / f"2026-11-2{number % 10}-broken-{number}.yml").write_text(
            "title: [\n")
    env = {**os.environ, "BEDSIDE_NOW": "2026-11-20T10:00+00:00"}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.Popen([sys.executable, "-m", "macros.cli", "check", "--dir", str(root)],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader leaves before the first line is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == cli.CLOSED_PIPE
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err


def test_hints_use_the_command_as_it_was_typed(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("PATH", str(tmp_path))  # the venv is not activated
    typed = os.path.join(".venv", "bin", "bedside")
    assert bedside_command(typed) == typed
    assert bedside_command(str(REPO / typed)) == typed
    assert bedside_command("bedside") == "bedside"
    assert bedside_command("/usr/lib/python3/pytest") == "bedside"


# --- warnings that bedside check adds ------------------------------------------------------

MINOR_BUT_DOWN = """\
title: Email does not arrive on phones
impact: minor
components:
  email: major_outage
affects: Staff who read email on a hospital phone
updates:
  - at: 2026-11-21T10:05
    status: investigating
    message: Email on phones stopped updating at about 09:50.
    workaround: Read your email on a ward or office PC.
    next_update: 2026-11-21T10:35
"""


def check(root: Path, now: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BEDSIDE_NOW": now}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "macros.cli", "check", "--dir", str(root)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_a_minor_incident_that_says_a_system_is_down_is_queried(tmp_path: Path) -> None:
    root = copy_tree("basic", tmp_path)
    path = root / "incidents" / "2026-11-21-email-phones.yml"
    path.write_text(MINOR_BUT_DOWN)
    done = check(root, "2026-11-21T10:10")
    assert done.returncode == 0, done.stdout
    assert (f"{path}:2:9: warning: impact: the impact is \"minor\" (most people can still "
            "work), but email is marked major_outage (nobody can use it).") in done.stdout
    assert "All good" not in done.stdout
    # Once it is resolved it is history: nothing to query.
    path.write_text(MINOR_BUT_DOWN + "  - at: 2026-11-21T10:30\n    status: resolved\n"
                    "    message: Email arrives again.\n    data_impact: Nothing was lost.\n")
    assert check(root, "2026-11-21T10:40").stdout.startswith("All good:")
