"""`bedside new`, `bedside update` and `bedside resolve` on temporary trees, as the IT
editor uses them: each step writes the right file and `bedside check` stays green."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import jsonschema
import pytest
import yaml

from macros import cli
from macros.authoring import AuthoringError, IncidentRequest, new_incident
from macros.loader import load_tree
from macros.prompting import Prompter
from macros.schema import schema_document
from macros.state import compute_state, incident_duration
from tests.helpers import REPO, copy_tree

OPEN = [
    "new", "incident", "--title", "Email is not arriving on phones",
    "--component", "email=partial_outage", "--impact", "minor",
    "--affects", "Staff who read email on a hospital phone",
    "--message", "Email on phones stopped updating at about 09:50. Email on ward PCs works.",
    "--workaround", "Read your email on a ward or office PC.",
]
FILE_ID = "2026-11-21-email-not-arriving-phones"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("BEDSIDE_STATUS_DIR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    return copy_tree("basic", tmp_path)


@pytest.fixture
def bedside(tree: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run `bedside ARGS --dir TREE` at a fixed time; return (exit code, stdout, stderr)."""

    def run(*args: str, at: str = "2026-11-21T10:05:00+00:00") -> tuple[int, str, str]:
        monkeypatch.setenv("BEDSIDE_NOW", at)
        code = cli.main([*args, "--dir", str(tree)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def check_is_green(bedside: Callable[..., tuple[int, str, str]], at: str) -> None:
    code, out, _ = bedside("check", at=at)
    assert code == 0, out
    assert out.startswith("All good:")


def test_open_update_and_resolve_an_incident(tree: Path, bedside) -> None:
    code, out, err = bedside(*OPEN)
    assert (code, err) == (0, "")
    path = tree / "incidents" / f"{FILE_ID}.yml"
    assert out.startswith(f"Wrote basic/incidents/{FILE_ID}.yml\n"
                          "  Email is not arriving on phones: opened. Next update due by "
                          "10:35 on Sat 21 Nov.\n  bedside check: all good.\n")
    assert f"git add basic/incidents/{FILE_ID}.yml" in out
    check_is_green(bedside, "2026-11-21T10:06:00+00:00")

    code, out, _ = bedside("update", "phones", "--status", "identified", "--message",
                           "A security certificate on the mail server ran out. We are "
                           "replacing it.", "--next-update", "10:50",
                           at="2026-11-21T10:31:00+00:00")
    assert code == 0
    assert "Note: The workaround is the same as last time: Read your email on a ward or " \
           "office PC." in out
    check_is_green(bedside, "2026-11-21T10:32:00+00:00")

    code, out, _ = bedside("update", FILE_ID, "--status", "monitoring", "--message",
                           "Email is arriving on phones again. We are watching it.",
                           at="2026-11-21T10:48:00+00:00")
    assert code == 0
    assert "Next update due by 11:18 on Sat 21 Nov" in out
    check_is_green(bedside, "2026-11-21T10:49:00+00:00")

    code, out, _ = bedside("resolve", "email-not", "--message",
                           "Email arrives on phones as normal.", "--data-impact",
                           "No email was lost. Messages sent during the problem have arrived.",
                           at="2026-11-21T11:10:00+00:00")
    assert code == 0
    check_is_green(bedside, "2026-11-21T11:11:00+00:00")

    assert path.read_text() == f"""\
# yaml-language-server: $schema={os.path.relpath(
    Path(cli.__file__).parent / "schemas" / "incident.schema.json", path.parent)}
# Opened with `bedside new incident` at 10:05 on Sat 21 Nov.
# Add an update: bedside update {FILE_ID} --message "..."
title: Email is not arriving on phones
impact: minor
components:
  email: partial_outage
affects: Staff who read email on a hospital phone
updates:
  - at: 2026-11-21T10:05+00:00
    status: investigating
    message: Email on phones stopped updating at about 09:50. Email on ward PCs works.
    workaround: Read your email on a ward or office PC.
    next_update: 2026-11-21T10:35+00:00
  - at: 2026-11-21T10:31+00:00
    status: identified
    message: A security certificate on the mail server ran out. We are replacing it.
    workaround: Read your email on a ward or office PC.
    next_update: 2026-11-21T10:50+00:00
  - at: 2026-11-21T10:48+00:00
    status: monitoring
    message: Email is arriving on phones again. We are watching it.
    next_update: 2026-11-21T11:18+00:00
  - at: 2026-11-21T11:10+00:00
    status: resolved
    message: Email arrives on phones as normal.
    data_impact: No email was lost. Messages sent during the problem have arrived.
"""
    incident = next(i for i in load_tree(tree).incidents if i.id == FILE_ID)
    assert incident.is_resolved
    assert incident_duration(incident) == timedelta(hours=1, minutes=5)


def test_the_new_file_matches_the_schema_editors_use(tree: Path, bedside) -> None:
    bedside(*OPEN)
    path = tree / "incidents" / f"{FILE_ID}.yml"
    first_line = path.read_text().splitlines()[0]
    relative = first_line.removeprefix("# yaml-language-server: $schema=")
    schema_file = (path.parent / relative).resolve()
    assert schema_file == (Path(cli.__file__).parent / "schemas" / "incident.schema.json")
    data = yaml.safe_load(path.read_text())
    data = {**data, "updates": [{k: str(v) for k, v in u.items()} for u in data["updates"]]}
    jsonschema.validate(data, schema_document("incident"))


def test_the_file_is_named_by_the_day_in_the_sites_zone(tree: Path, bedside) -> None:
    """00:30 on 2 July in London is still 1 July in UTC."""
    code, _, _ = bedside(*OPEN, at="2026-07-01T23:30:00+00:00")
    assert code == 0
    text = (tree / "incidents" / "2026-07-02-email-not-arriving-phones.yml").read_text()
    assert "  - at: 2026-07-02T00:30+01:00\n" in text
    assert "    next_update: 2026-07-02T01:00+01:00\n" in text


def test_promises_are_exact_on_the_night_the_clocks_go_back(tree: Path, bedside) -> None:
    """01:50 BST plus 30 minutes is 01:20 GMT, the second 01:20 of the night."""
    bedside(*OPEN, at="2026-10-25T00:50:00+00:00")
    code, _, _ = bedside("update", "phones", "--message", "We are still working on it.",
                         "--next-update", "1h", at="2026-10-25T01:05:00+00:00")
    assert code == 0
    text = (tree / "incidents" / "2026-10-25-email-not-arriving-phones.yml").read_text()
    assert [line.strip() for line in text.splitlines() if "at:" in line or "next_" in line] == [
        "- at: 2026-10-25T01:50+01:00", "next_update: 2026-10-25T01:20+00:00",
        "- at: 2026-10-25T01:05+00:00", "next_update: 2026-10-25T02:05+00:00"]
    check_is_green(bedside, "2026-10-25T01:06:00+00:00")


def test_the_same_title_twice_gets_a_new_name(tree: Path, bedside) -> None:
    bedside(*OPEN)
    code, out, _ = bedside(*OPEN, at="2026-11-21T12:00:00+00:00")
    assert code == 0
    assert f"Wrote basic/incidents/{FILE_ID}-2.yml" in out


def test_missing_words_are_listed_and_nothing_is_written(tree: Path, bedside) -> None:
    code, out, err = bedside("new", "incident", "--title", "Records are slow",
                             "--component", "ehr=degraded_performance", "--impact", "major")
    assert (code, out) == (2, "")
    assert err == (
        "Nothing was written. Some things people need to know are missing:\n"
        '  --affects "..."\n'
        "      Who is affected, in people's words? For example: Wards and clinics on the main "
        "site\n"
        '  --message "..."\n'
        "      What is happening, and what are we doing about it? For example: Patient records "
        "take up to a minute to open. We are working on it.\n"
        '  --workaround "..."\n'
        "      What can people do meanwhile? For example: Use the read-only viewer on the ward "
        "PC for urgent look-ups.\n")
    assert sorted(p.name for p in (tree / "incidents").iterdir()) == [
        "2026-11-02-printing-ward-labels.yml", "2026-11-20-ehr-slow.yml"]


def test_every_wrong_option_is_named_at_once(tree: Path, bedside) -> None:
    args = [a.replace("email=partial_outage", "mail=down") for a in OPEN]
    code, _, err = bedside(*[a.replace("minor", "severe") for a in args])
    assert code == 2
    assert err.splitlines() == [
        "Nothing was written. Please fix these and run the command again:",
        '- --impact "severe" is not one of none, minor, major, critical (did you mean '
        '"critical"?).',
        '- "mail" is not a system in components.yml (did you mean "email"?). The ids are: ehr, '
        "lab-results, imaging, eprescribing, email, login, printing, wifi, payroll, "
        "finance-ledger.",
    ]


def test_a_state_word_gets_a_suggestion(tree: Path, bedside) -> None:
    code, _, err = bedside(*[a.replace("email=partial_outage", "email=slow") for a in OPEN])
    assert code == 2
    assert '"slow" (for email) is not one of' in err
    assert '(did you mean "degraded_performance"?)' in err


def test_text_with_colons_quotes_and_hashes_reads_back_exactly(tree: Path, bedside) -> None:
    tricky = 'Ward 7: "order sets" show #ERROR; use paper. 50% of orders: fine — really'
    code, _, _ = bedside(*[tricky if a.startswith("Email on phones") else a for a in OPEN])
    assert code == 0
    [incident] = [i for i in load_tree(tree).incidents if i.id == FILE_ID]
    assert incident.updates[0].message == tricky


# --- updates -------------------------------------------------------------------------------


def test_an_unknown_id_gets_a_suggestion(tree: Path, bedside) -> None:
    bedside(*OPEN)
    code, _, err = bedside("update", "email-not-arriving-phoens", "--message", "x")
    assert code == 2
    assert err.strip() == (
        'There is no incident or planned work called "email-not-arriving-phoens" in basic. '
        f'Did you mean "{FILE_ID}"? Open incidents: {FILE_ID}.')


def test_a_short_id_that_fits_two_files_lists_them(tree: Path, bedside) -> None:
    code, _, err = bedside("update", "ehr", "--message", "x")
    assert code == 2
    assert err.splitlines() == ['"ehr" matches more than one file. Use more of the name:',
                                "  2026-11-20-ehr-slow", "  2026-12-06-ehr-upgrade"]


def test_a_resolved_incident_is_not_updated(tree: Path, bedside) -> None:
    path = tree / "incidents" / "2026-11-20-ehr-slow.yml"
    before = path.read_bytes()
    code, _, err = bedside("update", "ehr-slow", "--status", "monitoring", "--message", "Back.")
    assert code == 1
    assert err.strip() == (
        '"Patient records were slow to open" was resolved at 09:40 on Fri 20 Nov, so it cannot '
        "have more updates. If the problem is back, that is news people need: open a new "
        'incident with bedside new incident --title "..." and say in the message that it has '
        "happened again.")
    assert path.read_bytes() == before


def test_resolving_needs_the_data_impact(tree: Path, bedside) -> None:
    bedside(*OPEN)
    path = tree / "incidents" / f"{FILE_ID}.yml"
    before = path.read_bytes()
    code, _, err = bedside("resolve", FILE_ID, "--message", "Email works again.",
                           at="2026-11-21T10:20:00+00:00")
    assert code == 2
    assert '--data-impact "..."' in err
    assert "Was anything lost? Say so plainly, even if nothing was." in err
    assert path.read_bytes() == before


def test_an_update_needs_a_workaround_while_investigating(tree: Path, bedside) -> None:
    """With none to keep from before, the editor is asked for one."""
    bedside(*OPEN)
    path = tree / "incidents" / f"{FILE_ID}.yml"
    path.write_text(path.read_text().replace(
        "    workaround: Read your email on a ward or office PC.\n", ""))
    code, _, err = bedside("update", FILE_ID, "--message", "Still looking.",
                           at="2026-11-21T10:20:00+00:00")
    assert code == 2
    assert '--workaround "..."' in err


@pytest.mark.parametrize(("given", "promised"), [
    ("30m", "2026-11-21T10:50+00:00"), ("1h", "2026-11-21T11:20+00:00"),
    ("1h15m", "2026-11-21T11:35+00:00"), ("10:45", "2026-11-21T10:45+00:00"),
    ("2026-11-22T09:00", "2026-11-22T09:00+00:00"),
    ("2026-11-21T12:00", "2026-11-21T12:00+00:00"),
])
def test_next_update_can_be_given_in_several_ways(tree: Path, bedside, given: str,
                                                  promised: str) -> None:
    bedside(*OPEN)
    code, _, _ = bedside("update", FILE_ID, "--message", "Still looking.", "--next-update",
                         given, at="2026-11-21T10:20:00+00:00")
    assert code == 0
    assert (tree / "incidents" / f"{FILE_ID}.yml").read_text().endswith(
        f"    next_update: {promised}\n")


def test_a_clock_time_that_has_passed_today_is_refused_with_both_choices(
        tree: Path, bedside) -> None:
    bedside(*OPEN, at="2026-11-21T17:00:00+00:00")
    path = tree / "incidents" / f"{FILE_ID}.yml"
    before = path.read_bytes()
    code, _, err = bedside("update", FILE_ID, "--message", "Still looking.", "--next-update",
                           "17:10", at="2026-11-21T17:20:00+00:00")
    assert code == 2
    assert err.strip() == (
        "Nothing was written. --next-update 17:10: 17:10 today has already passed (it is 17:20 "
        "now). For 17:10 tomorrow, write 2026-11-22T17:10; for later today, write a later "
        "time, like 17:50, or how long from now, like 30m.")
    assert path.read_bytes() == before


def test_a_clock_time_just_after_midnight_means_tonight(tree: Path, bedside) -> None:
    bedside(*OPEN, at="2026-11-21T23:30:00+00:00")
    code, out, _ = bedside("update", FILE_ID, "--message", "Still looking.", "--next-update",
                           "00:15", at="2026-11-21T23:50:00+00:00")
    assert code == 0
    assert "Next update due by 00:15 on Sun 22 Nov" in out
    assert (tree / "incidents" / f"{FILE_ID}.yml").read_text().endswith(
        "    next_update: 2026-11-22T00:15+00:00\n")


@pytest.mark.parametrize(("given", "words"), [
    ("soon", '--next-update "soon" is not a time. Write 30m, 1h, 09:15 or a date and time'),
    ("2026-11-21T10:00", "--next-update 2026-11-21T10:00 is not after now (10:20 on Sat 21 "
                         "Nov); say when people will hear more."),
])
def test_a_next_update_that_cannot_be_used(tree: Path, bedside, given: str, words: str) -> None:
    bedside(*OPEN)
    code, _, err = bedside("update", FILE_ID, "--message", "Still looking.", "--next-update",
                           given, at="2026-11-21T10:20:00+00:00")
    assert code == 2
    assert words in err


def test_every_wrong_update_option_is_named_at_once(tree: Path, bedside) -> None:
    bedside(*OPEN)
    code, _, err = bedside("update", FILE_ID, "--status", "fixed", "--next-update", "later",
                           at="2026-11-21T10:20:00+00:00")
    assert code == 2
    assert err.splitlines()[:3] == [
        "Nothing was written. Please fix these and run the command again:",
        '- --status "fixed" is not one of investigating, identified, monitoring, resolved '
        '(did you mean "resolved"?).',
        "- Some things people need to know are missing:",
    ]
    assert '- --next-update "later" is not a time.' in err


def test_no_next_update_once_resolved(tree: Path, bedside) -> None:
    bedside(*OPEN)
    code, _, err = bedside("update", FILE_ID, "--status", "resolved", "--message", "Fixed.",
                           "--data-impact", "Nothing was lost.", "--next-update", "30m",
                           at="2026-11-21T10:20:00+00:00")
    assert code == 2
    assert "--next-update is not needed: once it is resolved, there is no next update." in err


def test_two_updates_in_one_minute_keep_their_order(tree: Path, bedside) -> None:
    bedside(*OPEN, at="2026-11-21T10:05:10+00:00")
    code, _, _ = bedside("update", FILE_ID, "--message", "We have called the supplier.",
                         at="2026-11-21T10:05:40+00:00")
    assert code == 0
    assert "  - at: 2026-11-21T10:05:40+00:00\n" in (
        tree / "incidents" / f"{FILE_ID}.yml").read_text()
    check_is_green(bedside, "2026-11-21T10:06:00+00:00")


def test_an_unrelated_broken_file_does_not_block_an_update(tree: Path, bedside) -> None:
    bedside(*OPEN)
    other = tree / "maintenance" / "2026-11-30-payroll-update.yml"
    other.write_text(other.read_text().replace("why:", "wy:"))
    code, out, _ = bedside("update", FILE_ID, "--message", "We have called the supplier.",
                           at="2026-11-21T10:20:00+00:00")
    assert code == 0
    assert "This file is fine, but 1 error in other files will stop the site from building." \
        in out


def test_a_broken_file_is_not_updated_until_it_is_fixed(tree: Path, bedside) -> None:
    bedside(*OPEN)
    path = tree / "incidents" / f"{FILE_ID}.yml"
    path.write_text(path.read_text().replace("impact: minor", "impact: small"))
    before = path.read_bytes()
    code, _, err = bedside("update", "phones", "--message", "Still looking.",
                           at="2026-11-21T10:20:00+00:00")
    assert code == 1
    assert err.startswith(f"{FILE_ID} has problems, so nothing was written.")
    assert '"small" is not one of none, minor, major, critical (did you mean "minor"?)' in err
    assert path.read_bytes() == before


# --- planned work ----------------------------------------------------------------------------

PLAN = [
    "new", "maintenance", "--title", "Wi-Fi upgrade in the east wing", "--component", "wifi",
    "--start", "2026-12-02T21:00", "--end", "2026-12-02T23:30",
    "--affects", "Everyone on wards 4 to 9",
    "--why", "The Wi-Fi points are old and drop out when the wards are busy.",
    "--benefit", "Wi-Fi will stay up on busy shifts.",
    "--prepare", "Sync your tablet before 21:00.",
    "--prepare", "Use a wired PC for anything urgent during the work.",
    "--during", "Wired PCs and desk phones keep working.",
]


def test_plan_work_then_cancel_it(tree: Path, bedside) -> None:
    code, _, _ = bedside(*PLAN)
    assert code == 0
    path = tree / "maintenance" / "2026-12-02-wi-fi-upgrade-east-wing.yml"
    text = path.read_text()
    assert text.splitlines()[2:] == [
        "title: Wi-Fi upgrade in the east wing",
        "components:",
        "  wifi: under_maintenance",
        "affects: Everyone on wards 4 to 9",
        "window:",
        "  start: 2026-12-02T21:00+00:00",
        "  end: 2026-12-02T23:30+00:00",
        "why: The Wi-Fi points are old and drop out when the wards are busy.",
        "benefit: Wi-Fi will stay up on busy shifts.",
        "prepare:",
        "  - Sync your tablet before 21:00.",
        "  - Use a wired PC for anything urgent during the work.",
        "during: Wired PCs and desk phones keep working.",
        "contact: Service desk, ext. 4444",  # from components.yml
    ]
    check_is_green(bedside, "2026-11-21T10:06:00+00:00")
    code, _, _ = bedside("update", "wi-fi", "--status", "cancelled", "--message",
                         "The supplier has moved this work to January.",
                         at="2026-11-25T09:00:00+00:00")
    assert code == 0
    assert path.read_text().endswith(
        "updates:\n  - at: 2026-11-25T09:00+00:00\n    status: cancelled\n"
        "    message: The supplier has moved this work to January.\n")
    check_is_green(bedside, "2026-11-25T09:01:00+00:00")
    tree_now = load_tree(tree)
    state = compute_state(tree_now, tree_now.maintenance[0].start.replace(hour=22))
    assert "2026-12-02-wi-fi-upgrade-east-wing" in {m.id for m in state.cancelled}


def test_finish_planned_work_early_with_resolve(tree: Path, bedside) -> None:
    bedside(*PLAN)
    code, _, _ = bedside("resolve", "east-wing", "--message", "The work is done. Wi-Fi is back.",
                         at="2026-12-02T22:40:00+00:00")
    assert code == 0
    assert "    status: completed\n" in (
        tree / "maintenance" / "2026-12-02-wi-fi-upgrade-east-wing.yml").read_text()
    check_is_green(bedside, "2026-12-02T22:41:00+00:00")


def test_work_that_ends_before_it_starts(tree: Path, bedside) -> None:
    code, _, err = bedside(*[a.replace("2026-12-02T23:30", "2026-12-02T20:00") for a in PLAN])
    assert code == 2
    assert err.strip() == ("Nothing was written. The work ends (20:00 on Wed 2 Dec) before it "
                           "starts (21:00 on Wed 2 Dec). Check --start and --end.")


def test_a_start_time_that_does_not_exist(tree: Path, bedside) -> None:
    code, _, err = bedside(*[a.replace("2026-12-02T21:00", "2026-12-32T21:00") for a in PLAN])
    assert code == 2
    assert ('--start: "2026-12-32T21:00" is not a real date and time: that month has no such '
            "day") in err


# --- at the terminal -------------------------------------------------------------------------


def test_a_person_at_the_terminal_is_asked_for_what_is_missing(tree: Path) -> None:
    answers = iter(["severe", "critical", "ehrr=down", "ehr=major_outage",
                    "Patient records will not open", "", "Everyone on all sites",
                    "Records show an error when you open them. Orders are safe.",
                    "Use the downtime forms at the nurses' station."])
    said: list[str] = []
    prompter = Prompter(interactive=True, read=lambda prompt: next(answers), write=said.append)
    written = new_incident(tree, IncidentRequest(), datetime.fromisoformat(
        "2026-11-21T10:05:00+00:00"), prompter)
    assert written.item_id == "2026-11-21-patient-records-will-not-open"
    assert '  --impact "severe" is not one of none, minor, major, critical (did you mean ' \
           '"critical"?). Please try again.' in said
    assert "  This one is needed. A short sentence is enough." in said
    [incident] = [i for i in load_tree(tree).incidents if i.id == written.item_id]
    assert incident.components == {"ehr": "major_outage"}
    assert incident.impact == "critical"
    assert incident.affects == "Everyone on all sites"


def test_nobody_at_the_terminal_means_no_questions(tree: Path) -> None:
    said: list[str] = []
    prompter = Prompter(interactive=False, read=lambda prompt: pytest.fail("asked"),
                        write=said.append)
    with pytest.raises(AuthoringError) as raised:
        new_incident(tree, IncidentRequest(title="Records are slow"),
                     datetime.fromisoformat("2026-11-21T10:05:00+00:00"), prompter)
    assert raised.value.exit_code == 2
    assert said == []


# --- the examples on the IT team's page work as written ----------------------------------

DOCS = REPO / "docs" / "it-team" / "status-updates.md"


def fenced_blocks(language: str) -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.S | re.M)


def test_the_examples_on_the_status_updates_page_work(tree: Path, bedside) -> None:
    for folder in ("incidents", "maintenance"):
        for path in (tree / folder).iterdir():
            path.unlink()
    commands = [shlex.split(block.replace("\\\n", " ")) for block in fenced_blocks("bash")
                if block.startswith("bedside ")]
    assert [c[:2] for c in commands] == [["bedside", "new"], ["bedside", "update"],
                                        ["bedside", "update"], ["bedside", "resolve"],
                                        ["bedside", "new"]]
    times = ["2026-11-20T08:15:00+00:00", "2026-11-20T08:44:00+00:00",
             "2026-11-20T09:10:00+00:00", "2026-11-20T09:40:00+00:00",
             "2026-11-20T10:00:00+00:00"]
    [git_lines] = [block for block in fenced_blocks("bash") if block.startswith("git ")]
    for command, at in zip(commands, times, strict=True):
        code, out, err = bedside(*command[1:], at=at)
        assert code == 0, err
        if command[1] == "new" and command[2] == "incident":
            written = (tree / "incidents" / "2026-11-20-patient-records-slow-open.yml")
            shown = fenced_blocks("yaml")[0]
            assert written.read_text().splitlines()[1:] == shown.splitlines()[1:]
            printed = [line.strip() for line in out.splitlines()
                       if line.strip().startswith("git ")]
            assert "\n".join(printed) == git_lines.replace("status/incidents/", "basic/"
                                                           "incidents/").strip()
        if command[1] == "update" and "--component" in command:  # as the page shows it
            written = (tree / "incidents" / "2026-11-20-patient-records-slow-open.yml")
            assert fenced_blocks("yaml")[1] in written.read_text()
        check_is_green(bedside, at)


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "IT", "GIT_AUTHOR_EMAIL": "it@example.org",
           "GIT_COMMITTER_NAME": "IT", "GIT_COMMITTER_EMAIL": "it@example.org"}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def run_git_lines(out: str, cwd: Path) -> list[list[str]]:
    """Run the `git ...` lines of a command's "Next:" block, as the editor would."""
    lines = [shlex.split(line) for line in out.split("\nNext:\n", 1)[1].splitlines()
             if line.strip().startswith("git ")]
    for line in lines:
        git(cwd, *line[1:])
    return lines


def test_the_next_steps_put_each_change_on_its_own_branch_and_push_it(
        tree: Path, tmp_path_factory: pytest.TempPathFactory, bedside) -> None:
    origin = tmp_path_factory.mktemp("origin") / "bedside.git"
    work = tree.parent
    git(work, "init", "-q", "--bare", str(origin))
    git(work, "init", "-q", "-b", "main")
    git(work, "remote", "add", "origin", str(origin))
    git(work, "add", "basic")
    git(work, "commit", "-q", "-m", "Status tree")
    git(work, "push", "-q", "-u", "origin", "main")

    code, out, _ = bedside(*OPEN)
    assert code == 0
    opened = run_git_lines(out, work)
    assert [line[:2] for line in opened] == [["git", "switch"], ["git", "add"],
                                            ["git", "commit"], ["git", "push"]]
    assert opened[0] == ["git", "switch", "-c", f"status/{FILE_ID}"]
    assert opened[3] == ["git", "push", "-u", "origin", f"status/{FILE_ID}"]
    assert "Then open the pull request" in out.split("\nNext:\n", 1)[1]

    # The next update works the same way, though the first branch still exists.
    code, out, _ = bedside("update", "email-not", "--status", "identified", "--message",
                           "We found the cause: a certificate ran out. We are renewing it.",
                           at="2026-11-21T10:31:00+00:00")
    assert code == 0
    run_git_lines(out, work)
    branches = git(work, "ls-remote", "--heads", "origin").split()
    assert f"refs/heads/status/{FILE_ID}" in branches
    assert f"refs/heads/status/{FILE_ID}-1031" in branches
    shown = git(work, "show", f"origin/status/{FILE_ID}-1031:basic/incidents/{FILE_ID}.yml")
    assert "status: identified" in shown
