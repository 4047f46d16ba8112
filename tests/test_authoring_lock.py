"""Two `bedside update` runs at once never lose an update: each holds a lock on the file it
changes, and a run that cannot get it says so and writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros import cli
from macros.authoring import lock
from macros.loader import load_tree
from tests.helpers import REPO, copy_tree

INCIDENT = "2026-11-20-ehr-slow"
OPEN = """\
title: Patient records are slow to open
impact: major
components:
  ehr: degraded_performance
affects: Wards and clinics on the main site
updates:
  - at: 2026-11-21T10:00
    status: investigating
    message: Patient records take up to a minute to open.
    workaround: Use the read-only viewer on the ward PC.
    next_update: 2026-11-21T10:30
"""
RUNS = 3


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = copy_tree("basic", tmp_path)
    (root / "incidents" / f"{INCIDENT}.yml").write_text(OPEN)
    return root


@pytest.mark.slow
def test_updates_written_at_the_same_moment_are_all_kept(tree: Path) -> None:
    env = {**os.environ, "BEDSIDE_NOW": "2026-11-21T10:20+00:00"}
    env.pop("GITHUB_ACTIONS", None)
    runs = [subprocess.Popen(
        [sys.executable, "-m", "macros.cli", "update", "ehr-slow", "--dir", str(tree),
         "--message", f"Update number {n}: we are still working on it."],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n in range(RUNS)]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, out + err
    [incident] = [i for i in load_tree(tree).incidents if i.id == INCIDENT]
    messages = sorted(u.message for u in incident.updates[1:])
    assert messages == [f"Update number {n}: we are still working on it." for n in range(RUNS)]
    times = [u.at for u in incident.updates]
    assert times == sorted(times)  # one second apart, in the order they were written
    assert not list(tree.glob("incidents/.*.lock"))


def test_a_run_that_cannot_get_the_lock_says_so_and_writes_nothing(
        tree: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tree / "incidents" / f"{INCIDENT}.yml"
    before = path.read_bytes()
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
    monkeypatch.setenv("BEDSIDE_NOW", "2026-11-21T10:20+00:00")
    monkeypatch.chdir(tree.parent)
    with lock.locked(path):  # another run is changing the file
        code = cli.main(["update", "ehr-slow", "--dir", str(tree), "--message", "Still on it."])
    assert code == 1
    assert capsys.readouterr().err.strip() == (
        f"Another bedside command is changing basic/incidents/{INCIDENT}.yml right now, so "
        "nothing was written. Wait until it has finished (it says what it wrote), then run "
        "this command again.")
    assert path.read_bytes() == before
