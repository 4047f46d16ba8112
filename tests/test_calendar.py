"""The change calendar (`status/calendar.yml`) and the promises `bedside check` keeps.

Freezes such as month-end close, notice periods and preparation steps are
written once in the calendar; `bedside check` reports planned work that breaks
them, with the file, the line, the rule, a link to the playbook and the way
to go ahead anyway (an override with a reason and who agreed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from macros import cli
from macros.change_calendar import periods_after, periods_between
from macros.loader import check_tree, load_tree
from macros.planned_promises import planned_work_findings
from tests.helpers import REPO, copy_tree

SITE = "https://it.eastbrook.example.org/"

# Finance ledger work in December's month-end close, announced three days ahead,
# without preparation steps: the "Done when".
LEDGER_WORK = """\
title: Finance ledger update
components: {finance-ledger: under_maintenance}
affects: Finance staff running month-end reports
audiences: [finance]
announce_from: 2027-01-01T09:00
window:
  start: 2027-01-04T18:00
  end: 2027-01-04T20:00
why: The supplier's update fixes the slow aged-debt report.
benefit: The aged-debt report will run in two minutes instead of twenty.
during: Reports that are already running finish normally.
contact: Service desk, ext. 4444
"""
LEDGER_FILE = "2027-01-04-ledger-update.yml"
AT = "2027-01-01T10:00+00:00"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Eastbrook's calendar and components, with the sample incidents, in a temporary folder."""
    monkeypatch.chdir(tmp_path)
    return copy_tree("calendar", tmp_path)


@pytest.fixture
def check(tree: Path, monkeypatch: pytest.MonkeyPatch,
          capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str]]:
    """Run `bedside check` on the tree at a fixed time, from the repository (for site_url)."""

    def run(at: str = AT) -> tuple[int, str]:
        monkeypatch.setenv("BEDSIDE_NOW", at)
        monkeypatch.setenv("GITHUB_ACTIONS", "")
        monkeypatch.chdir(REPO)
        code = cli.main(["check", "--dir", str(tree)])
        return code, capsys.readouterr().out

    return run


def write(tree: Path, name: str, text: str) -> Path:
    path = tree / "maintenance" / name
    path.write_text(text, encoding="utf-8")
    return path


def findings(out: str, name: str = LEDGER_FILE) -> list[str]:
    return [line for line in out.splitlines() if f"{name}:" in line]


# --- the days -----------------------------------------------------------------------


def test_month_end_close_runs_from_the_last_working_day_to_the_fifth_of_the_next(
        tree: Path) -> None:
    calendar = load_tree(tree).calendar
    close = calendar.freeze("month-end-close")
    assert close is not None
    spans = [(p.first, p.last) for p in periods_after(close, calendar, date(2026, 11, 20), 3)]
    assert spans == [
        (date(2026, 11, 30), date(2026, 12, 7)),  # Monday 30 Nov; 1-4 and 7 Dec
        (date(2026, 12, 31), date(2027, 1, 8)),  # 1 January is a bank holiday
        (date(2027, 1, 29), date(2027, 2, 5)),
    ]


def test_the_first_working_day_of_january_is_in_close(tree: Path) -> None:
    calendar = load_tree(tree).calendar
    close = calendar.freeze("month-end-close")
    assert close is not None
    assert periods_between(close, calendar, date(2027, 1, 4), date(2027, 1, 4))


def test_the_sample_upgrade_falls_in_close_but_close_holds_back_finance_systems_only(
        tree: Path) -> None:
    """The patient records upgrade on 6 December is inside close by the calendar's own
    definition; it is not held back, because close protects the finance systems."""
    loaded = load_tree(tree)
    close = loaded.calendar.freeze("month-end-close")
    assert close is not None
    assert periods_between(close, loaded.calendar, date(2026, 12, 6), date(2026, 12, 7))
    assert planned_work_findings(loaded, datetime.fromisoformat("2026-11-25T09:00+00:00")) == []


# --- the "Done when" --------------------------------------------------------


def test_work_in_close_announced_three_days_ahead_without_preparation_gets_three_findings(
        tree: Path, check) -> None:
    write(tree, LEDGER_FILE, LEDGER_WORK)
    code, out = check()
    assert code == 1
    found = findings(out)
    assert len(found) == 3, out
    freeze, = [f for f in found if ": window.start: " in f]
    notice, = [f for f in found if ": announce_from: " in f]
    prepare, = [f for f in found if ": components: " in f]

    assert re.search(rf"{LEDGER_FILE}:7:10: error: window\.start: this work falls in "
                     r"Month-end close \(Thursday 31 December 2026 to Friday 8 January "
                     r"2027\)", freeze)
    assert f"{SITE}playbook/support/month-end/" in freeze
    assert "ask the financial controller" in freeze
    assert "override: {rules: [month-end-close], reason:" in freeze

    assert f"{LEDGER_FILE}:5:16: error: announce_from: people hear of this work 3 days " \
        "ahead" in notice
    assert "four weeks' notice" in notice
    assert f"{SITE}playbook/downtime/communicating/" in notice
    assert "override: {rules: [notice]" in notice

    assert f"{LEDGER_FILE}:2:13: error: components: this work stops Finance ledger and reports" \
           in prepare
    assert "Traceback" not in out


def test_an_override_with_a_reason_lets_emergency_work_through(tree: Path, check) -> None:
    write(tree, LEDGER_FILE, LEDGER_WORK + """\
prepare:
  - Finish any report you need before 17:45.
override:
  rules: [month-end-close, notice]
  reason: The supplier's fix for wrong totals in the aged-debt report cannot wait.
  agreed_by: Dana Okafor, financial controller
""")
    code, out = check()
    assert code == 0, out
    assert findings(out) == []


def test_an_override_names_real_rules_and_only_the_ones_needed(tree: Path, check) -> None:
    """Work in February, between two closes, announced five weeks ahead."""
    write(tree, LEDGER_FILE, LEDGER_WORK.replace("2027-01-04", "2027-02-17").replace(
        "announce_from: 2027-01-01T09:00", "announce_from: 2027-01-11T09:00") + """\
prepare:
  - Finish any report you need before 17:45.
override:
  rules: [month-end-clos, notice]
  reason: The fix cannot wait.
  agreed_by: Dana Okafor, financial controller
""")
    code, out = check()
    assert code == 1
    unknown, not_needed = findings(out)
    assert 'override.rules[0]: "month-end-clos" is not a freeze in calendar.yml, nor ' \
           '"notice" (did you mean "month-end-close"?)' in unknown
    assert "warning: override.rules[1]: this work gives enough notice, so it needs no " \
           "override for notice; take it out of the list" in not_needed


def test_work_without_announce_from_that_starts_too_soon_gets_a_warning(
        tree: Path, check) -> None:
    write(tree, LEDGER_FILE, LEDGER_WORK.replace("announce_from: 2027-01-01T09:00\n", "")
          .replace("2027-01-04", "2027-01-19") + "prepare:\n  - Finish reports by 17:45.\n")
    code, out = check()
    assert code == 0, out
    warning, = findings(out)
    assert ": warning: window.start: this work starts in 18 days and does not say when " \
           "people were told" in warning
    assert "add announce_from: with that time" in warning


def test_enough_notice_and_no_freeze_is_all_good(tree: Path, check) -> None:
    write(tree, LEDGER_FILE, LEDGER_WORK.replace("2027-01-04", "2027-02-17")
          .replace("2027-01-01T09:00", "2027-01-11T09:00")
          + "prepare:\n  - Finish reports by 17:45.\n")
    code, out = check()
    assert code == 0, out
    assert findings(out) == []


def test_finished_work_is_history_and_is_not_reported(tree: Path, check) -> None:
    write(tree, LEDGER_FILE, LEDGER_WORK)
    code, out = check(at="2027-01-05T09:00+00:00")
    assert (code, findings(out)) == (0, []), out


def test_work_in_progress_says_when_people_will_hear_more(tree: Path, check) -> None:
    work = LEDGER_WORK.replace("announce_from: 2027-01-01T09:00", "announce_from: "
                               "2026-11-20T09:00").replace("2027-01-04", "2027-02-17")
    work += """\
prepare:
  - Finish reports by 17:45.
updates:
  - at: 2027-02-17T18:02
    status: in_progress
    message: The update has started. Reports cannot be run until it ends.
"""
    write(tree, LEDGER_FILE, work)
    code, out = check(at="2027-02-17T18:30+00:00")
    assert code == 0, out
    warning, = findings(out)
    assert ": warning: updates[0].next_update: the work is in progress and this update " \
           "does not say when people will hear more" in warning
    assert '"next_update: 2027-02-17T19:02"' in warning

    write(tree, LEDGER_FILE, work + "    next_update: 2027-02-17T19:00\n")
    assert findings(check(at="2027-02-17T18:30+00:00")[1]) == []
    code, out = check(at="2027-02-17T19:10+00:00")
    warning, = findings(out)
    assert "we promised an update by 19:00 on 17 Feb and that time has passed" in warning


def test_without_a_calendar_only_the_preparation_steps_are_asked_for(
        check, tree: Path) -> None:
    (tree / "calendar.yml").unlink()
    write(tree, LEDGER_FILE, LEDGER_WORK)
    code, out = check()
    assert code == 1
    found = findings(out)
    assert len(found) == 1 and "this work stops Finance ledger and reports" in found[0], out


# --- mistakes in calendar.yml ---------------------------------------------------------


def test_mistakes_in_the_calendar_are_named_with_file_line_and_field(tree: Path) -> None:
    path = tree / "calendar.yml"
    path.write_text("""\
bank_holidays: [2026-12-25, 2026-13-01]
freezes:
  - id: month-end-close
    name: Month-end close
    monthly: {last_working_days: 1, first_working_days: 5}
    systems: [payrol]
  - id: year-end
    name: Year-end close
    yearly: {from: 1 Apirl, until: 30 April}
  - id: both
    name: Both
    yearly: {from: 1 April, until: 30 April}
    dates: {from: 2027-01-01, until: 2027-01-02}
notice:
  - name: Work that stops a system
    effect: stop
    weeks: 2
prepare_needed:
  groups: [Clinical system]
""", encoding="utf-8")
    result = check_tree(tree)
    assert result.tree is None
    said = [str(p).split("calendar.yml:", 1)[1] for p in result.errors]
    assert '1:29: error: bank_holidays[1]: "2026-13-01" is not a day; write it like ' \
           '2026-12-25' in said
    assert '6:15: error: freezes[0].systems[0]: "payrol" is not a component in components.yml ' \
           '(did you mean "payroll"?)' in said
    assert '9:20: error: freezes[1].yearly.from: "1 Apirl" is not a day of the year; write ' \
           "the day and the month, like 1 April" in said
    assert "10:5: error: freezes[2]: say when it happens with one of monthly, yearly or " \
           "dates, not yearly and dates" in said
    assert any(s.startswith('16:13: error: notice[0].effect: "stop" is not one of slows, '
                            'partly-stops, stops') for s in said)
    assert '19:12: error: prepare_needed.groups[0]: "Clinical system" is not a group in ' \
           'components.yml (did you mean "Clinical systems"?)' in said


def test_the_calendar_schema_is_the_generated_one() -> None:
    from macros import schema

    committed = (REPO / "macros" / "schemas" / "calendar.schema.json").read_text(encoding="utf-8")
    assert committed == schema.render_schema("calendar")
