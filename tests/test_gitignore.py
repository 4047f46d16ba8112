"""Files a run leaves behind when it is killed never end up in a commit."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.helpers import REPO

LEFT_BEHIND = [
    "status/.notified-k2j3h4.tmp",  # the record of sent messages, half-written
    "status/.snapshot.json.a8f2c1.tmp",  # the feed snapshot, half-written
    "status/incidents/.2026-11-20-ehr-slow.x7y8z9.tmp",  # an incident being updated
    "status/maintenance/.2026-11-30-payroll-update.q1w2e3.tmp",
    "status/.notify.lock",  # the lock of `bedside notify`
]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("path", LEFT_BEHIND)
def test_files_left_by_a_killed_run_are_ignored_by_git(path: str) -> None:
    check = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=REPO,
                           capture_output=True, text=True)
    assert check.returncode == 0, f"{path} is not in .gitignore"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_status_files_themselves_are_not_ignored() -> None:
    for path in ("status/incidents/2026-11-20-ehr-slow.yml", "status/components.yml"):
        check = subprocess.run(["git", "check-ignore", "--no-index", "-q", path], cwd=REPO)
        assert check.returncode == 1, path
