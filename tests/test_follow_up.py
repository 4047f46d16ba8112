"""The follow-up call after a fix: `bedside resolve` says who to call and by when,
the incident file records the calls, and the history page shows them.

The rules are those of the playbook's follow-up page, which prints them from
`macros.follow_up`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from macros import cli
from macros.follow_up import follow_up_due
from macros.loader import check_tree, load_tree
from tests.dom import parse
from tests.helpers import REPO, Build, copy_tree

NOW = "2026-11-20T08:30+00:00"

OPEN = """\
title: Prescribing screens will not open
impact: critical
components: {eprescribing: major_outage}
affects: Wards 10 to 14 and the pharmacy
audiences: [wards]
updates:
  - at: {at}
    status: investigating
    message: The prescribing screens do not open on wards 10 to 14.
    workaround: Use the paper drug charts from the downtime pack.
    next_update: {next}
"""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return copy_tree("calendar", tmp_path)


@pytest.fixture
def bedside(tree: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str]]:
    def run(*args: str, at: str) -> tuple[int, str]:
        monkeypatch.setenv("BEDSIDE_NOW", at)
        monkeypatch.chdir(REPO)
        code = cli.main([*args, "--dir", str(tree)])
        out, err = capsys.readouterr()
        return code, out + err

    return run


def open_problem(tree: Path, at: str, next_update: str) -> None:
    (tree / "incidents" / "2026-12-23-prescribing.yml").write_text(
        OPEN.replace("{at}", at).replace("{next}", next_update), encoding="utf-8")


def test_resolve_says_who_to_call_back_and_by_when(tree: Path, bedside) -> None:
    """A problem that affected patient care is priority 1: a call within 1 working day.
    Resolved on Wednesday 23 December, the next working day is Thursday 24 December."""
    open_problem(tree, "2026-12-23T10:05+00:00", "2026-12-23T10:35+00:00")
    code, out = bedside("resolve", "prescribing", "--message", "The prescribing screens "
                        "open normally again.", "--data-impact", "No prescriptions were lost.",
                        at="2026-12-23T11:40+00:00")
    assert code == 0, out
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if "Follow-up calls" in line)
    assert lines[first].strip() == (
        "Follow-up calls by Thursday 24 December 2026 (within 1 working day: a priority 1 "
        "problem): call the people who rang about it, and a lead in Wards and clinics "
        "(Wards 10 to 14 and the pharmacy).")
    assert "https://it.eastbrook.example.org/playbook/support/follow-up-call/" in lines[first + 1]
    assert "follow_up: {at: 2026-12-24T10:00" in lines[first + 2]


def test_a_problem_at_night_gets_its_call_within_three_working_days(tree: Path,
                                                                     bedside) -> None:
    """Resolved early on Thursday 24 December: Christmas Day, the weekend and Boxing Day
    (moved to Monday 28 December) are not working days, so the third is 31 December."""
    open_problem(tree, "2026-12-24T02:10+00:00", "2026-12-24T02:40+00:00")
    path = tree / "incidents" / "2026-12-23-prescribing.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("impact: critical",
                                                             "impact: minor"), encoding="utf-8")
    code, out = bedside("resolve", "prescribing", "--message", "The screens open again.",
                        "--data-impact", "Nothing was lost.", at="2026-12-24T03:00+00:00")
    assert code == 0, out
    assert "Follow-up calls by Thursday 31 December 2026 (within 3 working days: a call at " \
           "night, at a weekend or on a bank holiday)" in out


def test_no_rule_asks_for_a_call_after_a_small_daytime_problem(tree: Path) -> None:
    incident = next(i for i in load_tree(tree).incidents if i.id == "2026-11-13-wifi-drops")
    loaded = load_tree(tree)
    assert follow_up_due(replace(incident, impact="minor"), loaded) is None
    due = follow_up_due(incident, loaded)  # major: priority 2, three working days
    assert due is not None and due.by == date(2026, 11, 18)


def test_the_calls_are_recorded_after_the_fix(tree: Path) -> None:
    loaded = load_tree(tree)
    printing = next(i for i in loaded.incidents if i.id == "2026-11-02-printing-ward-labels")
    assert printing.follow_up is not None
    assert printing.follow_up.at == datetime.fromisoformat("2026-11-04T14:10+00:00")
    assert printing.follow_up.by == "Priya Nair, service desk"

    path = tree / "incidents" / "2026-11-13-wifi-drops.yml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "follow_up: {at: 2026-11-13T08:00, by: Sam Reid}\n", encoding="utf-8")
    [problem] = check_tree(tree).errors
    assert str(problem).endswith(
        "2026-11-13-wifi-drops.yml:22:17: error: follow_up.at: 08:00 on 13 Nov 2026 is before the "
        "incident was resolved (10:25 on 13 Nov 2026); the calls come after the fix, so check "
        "the date and time")


def test_the_history_page_shows_the_calls_made_and_due(site_builds: Callable[..., Build]) -> None:
    build = site_builds("calendar", NOW)
    assert build.returncode == 0, build.output
    history = parse(build.page("status/history/"))
    lines = {entry.find(cls="bedside-history__title").text():
             " ".join(n.text() for n in entry.find_all(cls="bedside-history__follow-up"))
             for entry in history.find_all("li", "bedside-history__entry")}
    assert lines["Wristband and label printers stopped on some wards"] == (
        "Follow-up calls made on Wednesday 4 November.")
    assert lines["Wi-Fi kept dropping in outpatients"] == (
        "Follow-up calls due by Wednesday 18 November.")
    assert lines["Patient records were slow to open"] == ""  # still open at 08:30
    home = build.page("status/")
    assert "bedside-history__follow-up" not in home, "the calls are for the history page only"
