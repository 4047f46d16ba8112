"""The build clock: `BEDSIDE_NOW` fixes it, and a bad value gets a plain message."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from macros import clock
from macros.problems import StatusDataError
from tests.helpers import REPO, TREES


def test_a_fixed_clock_keeps_its_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BEDSIDE_NOW", "2026-07-01T09:00+01:00")
    assert clock.now() == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)


def test_a_fixed_clock_without_an_offset_is_in_the_sites_zone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Like the times in the status files: naive means the site's zone (summer time here).
    monkeypatch.setenv("BEDSIDE_NOW", "2026-07-01T09:00")
    assert clock.now(ZoneInfo("Europe/London")) == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)
    assert clock.now(root=TREES / "basic") == datetime(2026, 7, 1, 8, 0, tzinfo=UTC)


def test_a_command_reads_a_naive_clock_in_the_trees_zone() -> None:
    def check(now: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "macros.cli", "check", "--dir", str(TREES / "basic")],
            capture_output=True, text=True, cwd=REPO, env={"BEDSIDE_NOW": now, "PATH": ""},
        ).stdout

    # In November London time is UTC: the same moment, the same findings.
    assert check("2026-11-20T08:50") == check("2026-11-20T08:50+00:00")
    assert check("2026-11-20T08:50").startswith("All good:")


@pytest.mark.parametrize(("value", "words"), [
    ("garbage", '"garbage" is not a date and time'),
    ("2026-03-29T01:30", "does not exist in Europe/London"),
])
def test_a_bad_clock_is_refused_in_plain_words(monkeypatch: pytest.MonkeyPatch, value: str,
                                               words: str) -> None:
    monkeypatch.setenv("BEDSIDE_NOW", value)
    with pytest.raises(StatusDataError, match=words):
        clock.now(ZoneInfo("Europe/London"))


def test_a_command_with_a_bad_clock_says_so_without_a_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "macros.cli", "check", "--dir", str(TREES / "basic")],
        capture_output=True, text=True, cwd=REPO, env={"BEDSIDE_NOW": "tomorrow", "PATH": ""},
    )
    assert proc.returncode == 1
    assert 'BEDSIDE_NOW:1:1: error: "tomorrow" is not a date and time' in proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
