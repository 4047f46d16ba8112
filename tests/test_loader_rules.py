"""Each rule of the status format, as the IT editor meets it: one mistake, one message
naming the file, line, column and field, with a "did you mean" where it helps."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.loader import check_tree
from macros.problems import Problem
from tests.helpers import TREES

GOOD_UPDATE = """\
  - at: 2026-11-20T08:15
    status: investigating
    message: Records take up to a minute to open.
    workaround: Use the read-only viewer.
    next_update: 2026-11-20T08:45
"""


def incident(updates: str = GOOD_UPDATE, head: str = "") -> str:
    return (f"title: Records are slow\nimpact: major\ncomponents:\n  ehr: degraded_performance\n"
            f"affects: Wards\n{head}updates:\n{updates}")


def planned(window: str = "{start: 2026-12-06T22:00, end: 2026-12-07T02:00}",
            extra: str = "") -> str:
    return (f"title: Upgrade\ncomponents: {{ehr: under_maintenance}}\naffects: Everyone\n"
            f"window: {window}\nwhy: Fixes search.\nbenefit: Faster results.\n"
            f"during: Use the downtime forms.\ncontact: Service desk, ext. 4444\n{extra}")


@pytest.fixture
def status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The basic components, no incidents or planned work, shown as `status/...`."""
    root = tmp_path / "status"
    shutil.copytree(TREES / "basic", root)
    for folder in ("incidents", "maintenance"):
        for path in (root / folder).iterdir():
            path.unlink()
    monkeypatch.chdir(tmp_path)
    return root


def lines_for(root: Path, files: dict[str, str]) -> list[str]:
    """Write `files` (paths under the tree) and return what `bedside check` would list."""
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return [str(p) for p in check_tree(root).problems]


def only(root: Path, name: str, text: str) -> str:
    [line] = lines_for(root, {name: text})
    return line


INC = "incidents/2026-11-20-ehr-slow.yml"
MNT = "maintenance/2026-12-06-ehr-upgrade.yml"


# --- names and values ----------------------------------------------------------------


def test_the_issue_example_fixed_is_not_a_status(status: Path) -> None:
    text = incident(GOOD_UPDATE + "  - at: 2026-11-20T09:40\n    status: fixed\n"
                    "    message: Records open normally again.\n"
                    "    data_impact: Nothing was lost.\n")
    assert only(status, INC, text) == (
        f"status/{INC}:13:13: error: updates[1].status: \"fixed\" is not one of investigating, "
        'identified, monitoring, resolved (did you mean "resolved"?)')


@pytest.mark.parametrize(("written", "meant"), [
    ("ongoing", "investigating"), ("Monitoring", "monitoring"), ("watching", "monitoring"),
    ("cause found", "identified"), ("monitorng", "monitoring"),
])
def test_status_words_people_use_get_a_suggestion(status: Path, written: str,
                                                   meant: str) -> None:
    text = incident(GOOD_UPDATE.replace("status: investigating", f"status: {written}"))
    assert only(status, INC, text).endswith(f'(did you mean "{meant}"?)')


def test_a_misspelt_field_name_is_named_with_a_suggestion(status: Path) -> None:
    text = incident(GOOD_UPDATE.replace("    message:", "    mesage:"))
    # one line only: the "message is missing" that follows from the typo is not repeated
    assert only(status, INC, text) == (
        f'status/{INC}:9:5: error: updates[0].mesage: "mesage" is not a field here '
        '(did you mean "message"?)')


def test_a_field_from_elsewhere_says_where_it_belongs(status: Path) -> None:
    text = planned(extra="start: 2026-12-06T22:00\n")
    assert only(status, MNT, text) == (
        f'status/{MNT}:9:1: error: start: "start" is not a field here (did you mean '
        '"window.start"?)')


def test_an_unknown_field_without_a_near_miss_lists_the_allowed_ones(status: Path) -> None:
    line = only(status, INC, incident(head="owner: Sam\n"))
    assert line.startswith(f'status/{INC}:6:1: error: owner: "owner" is not a field here; '
                           "the fields allowed here are title, impact, components")


def test_a_missing_field_says_what_to_write(status: Path) -> None:
    text = incident().replace("impact: major\n", "")
    assert only(status, INC, text) == (
        f"status/{INC}:1:1: error: impact: this field is missing. How bad it is overall. "
        "One of none, "
        'minor, major, critical. Add a line like "impact: major"')


def test_a_missing_updates_list_says_how_to_start_one(status: Path) -> None:
    text = incident().split("updates:")[0]
    assert only(status, INC, text) == (
        f"status/{INC}:1:1: error: updates: this field is missing: every incident needs at "
        "least one "
        "update with at, status, message and next_update. Add one (bedside new incident "
        "writes the first one for you)")


def test_an_empty_updates_list_is_not_enough(status: Path) -> None:
    assert only(status, INC, incident(updates="").replace("updates:\n", "updates: []\n")) == (
        f"status/{INC}:6:10: error: updates: there are no updates; an incident needs at least one, "
        "with at, status, message and next_update")


def test_an_empty_value_asks_for_words(status: Path) -> None:
    text = incident().replace("affects: Wards", "affects:")
    assert only(status, INC, text) == (
        f'status/{INC}:5:9: error: affects: this is empty; write something, like "affects: '
        'Wards and '
        'clinics on the main site", or remove the field')


def test_yes_and_no_are_read_as_booleans_and_need_quotes(status: Path) -> None:
    text = incident().replace("title: Records are slow", "title: yes")
    assert only(status, INC, text) == (
        f'status/{INC}:1:8: error: title: expected text, found yes/no; YAML reads "yes" as yes/no, '
        "so put the text in quotes")


def test_one_bad_item_in_a_list_is_named_not_the_whole_list(status: Path) -> None:
    text = planned(extra="prepare: [Print the handover sheet., 3]\n")
    assert only(status, MNT, text) == (
        f'status/{MNT}:9:38: error: prepare[1]: expected text, found a number; YAML reads "3" as a '
        "number, so put the text in quotes")


def test_a_component_state_word_gets_a_suggestion(status: Path) -> None:
    text = incident().replace("ehr: degraded_performance", "ehr: down")
    assert only(status, INC, text) == (
        f'status/{INC}:4:8: error: components.ehr: "down" is not one of operational, '
        "under_maintenance, degraded_performance, partial_outage, major_outage "
        '(did you mean "major_outage"?)')


# --- references ------------------------------------------------------------------------


def test_an_unknown_component_id(status: Path) -> None:
    text = incident().replace("  ehr:", "  ehrr:")
    assert only(status, INC, text) == (
        f'status/{INC}:4:3: error: components.ehrr: "ehrr" is not a component in components.yml '
        '(did you mean "ehr"?)')


def test_a_component_id_in_capitals(status: Path) -> None:
    text = incident().replace("  ehr:", "  EHR:")
    assert only(status, INC, text) == (
        f'status/{INC}:4:3: error: components.EHR: "EHR" is not a valid id: use lowercase '
        'letters, digits and dashes only (did you mean "ehr"?)')


def test_an_unknown_audience(status: Path) -> None:
    text = incident(head="audiences: [ward]\n")
    assert only(status, INC, text) == (
        f'status/{INC}:6:13: error: audiences[0]: "ward" is not an audience in components.yml '
        '(did you mean "wards"?)')


def test_a_source_about_an_unknown_component(status: Path) -> None:
    text = (status / "sources.yml").read_text().replace("component: email", "component: mail")
    assert only(status, "sources.yml", text) == (
        'status/sources.yml:15:16: error: sources[1].component: "mail" is not a component in '
        'components.yml (did you mean "email"?)')


def test_two_sources_with_one_id(status: Path) -> None:
    text = (status / "sources.yml").read_text().replace("id: m365", "id: ehr-login")
    assert only(status, "sources.yml", text) == (
        'status/sources.yml:11:9: error: sources[1].id: the source id "ehr-login" is used twice')


def test_two_components_with_one_id(status: Path) -> None:
    text = (status / "components.yml").read_text().replace("id: imaging", "id: ehr")
    assert only(status, "components.yml", text) == (
        'status/components.yml:25:13: error: groups[0].components[2].id: the component id "ehr" is '
        "used twice; ids must be unique")


# --- the timeline ------------------------------------------------------------------------


def test_times_that_go_backwards(status: Path) -> None:
    text = incident(GOOD_UPDATE + GOOD_UPDATE.replace("08:15", "08:05").replace("08:45", "08:35"))
    assert only(status, INC, text) == (
        f"status/{INC}:12:9: error: updates[1].at: 08:05 on 20 Nov 2026 is not after the "
        "update above "
        "it (08:15 on 20 Nov 2026); updates go oldest first, so check the date and time")


def test_the_repeated_hour_gets_a_hint_about_offsets(status: Path) -> None:
    first = GOOD_UPDATE.replace("2026-11-20T08:15", "2026-10-25T01:40").replace(
        "2026-11-20T08:45", "2026-10-25T01:50")
    second = first.replace("01:40", "01:10").replace("01:50", "01:30")
    line = only(status, "incidents/2026-10-25-night.yml", incident(first + second))
    assert "updates[1].at: 01:10 on 25 Oct 2026 is not after the update above it" in line
    assert "The clocks go back that night, so this hour happens twice: add the offset" in line


def test_next_update_missing_while_unresolved(status: Path) -> None:
    text = incident(GOOD_UPDATE.replace("    next_update: 2026-11-20T08:45\n", ""))
    assert only(status, INC, text) == (
        f"status/{INC}:7:5: error: updates[0].next_update: this field is missing: until the "
        "incident "
        "is resolved, every update says when people will hear more. Add a line like "
        '"next_update: 2026-11-20T08:45" (30 minutes later)')


def test_next_update_earlier_than_its_update(status: Path) -> None:
    text = incident(GOOD_UPDATE.replace("next_update: 2026-11-20T08:45",
                                        "next_update: 2026-11-20T08:00"))
    assert only(status, INC, text) == (
        f"status/{INC}:11:18: error: updates[0].next_update: 08:00 on 20 Nov 2026 is not "
        "after this "
        "update (08:15 on 20 Nov 2026); say when people will hear more, for example "
        "2026-11-20T08:45")


RESOLVED = ("  - at: 2026-11-20T09:40\n    status: resolved\n"
            "    message: Records open normally again.\n    data_impact: Nothing was lost.\n")


def test_nothing_after_resolved(status: Path) -> None:
    later = GOOD_UPDATE.replace("08:15", "09:50").replace("08:45", "10:20")
    assert only(status, INC, incident(GOOD_UPDATE + RESOLVED + later)) == (
        f'status/{INC}:16:5: error: updates[2]: nothing can come after the "resolved" '
        'update on line '
        "12. If the problem is back, open a new incident: bedside new incident")


def test_the_resolving_update_says_whether_data_was_lost(status: Path) -> None:
    text = incident(GOOD_UPDATE + RESOLVED.replace("    data_impact: Nothing was lost.\n", ""))
    assert only(status, INC, text) == (
        f"status/{INC}:12:5: error: updates[1].data_impact: this field is missing: the resolving "
        "update says whether any records or work were lost. Add a line like "
        '"data_impact: No records or orders were lost."')


def test_maintenance_ending_before_it_starts(status: Path) -> None:
    text = planned("{start: 2026-12-06T22:00, end: 2026-12-06T21:00}")
    assert only(status, MNT, text) == (
        f"status/{MNT}:4:40: error: window.end: the work ends (21:00 on 6 Dec 2026) before "
        "it starts "
        "(22:00 on 6 Dec 2026); check the dates")


def test_announcing_after_the_start(status: Path) -> None:
    text = planned(extra="announce_from: 2026-12-07T09:00\n")
    assert only(status, MNT, text) == (
        f"status/{MNT}:9:16: error: announce_from: 09:00 on 7 Dec 2026 is after the work starts "
        "(22:00 on 6 Dec 2026), so nobody would be told beforehand; announce it earlier")


def test_planned_work_cannot_be_updated_after_it_is_cancelled(status: Path) -> None:
    text = planned(extra="updates:\n"
                   "  - {at: 2026-12-01T10:00, status: cancelled, message: Moved to January.}\n"
                   "  - {at: 2026-12-02T10:00, status: scheduled, message: Back on.}\n")
    assert only(status, MNT, text).startswith(
        f'status/{MNT}:11:5: error: updates[1]: nothing can come after the "cancelled" update on '
        "line 10. Plan new work in a new file: bedside new maintenance")


# --- dates, times and zones ------------------------------------------------------------


@pytest.mark.parametrize(("written", "words"), [
    ("2026-02-30T09:00", '"2026-02-30T09:00" is not a real date and time: that month has '
                         "no such day"),
    ("2026-11-20T24:30", '"2026-11-20T24:30" is not a real date and time: the hour must be '
                         "00 to 23"),
    ("2026-11-20", '"2026-11-20" has no time of day; write it like 2026-11-20T08:15'),
    ("'08:15'", '"08:15" has no date; write it like 2026-11-20T08:15'),
    ("8:15", "write the date and the time, like 2026-11-20T08:15; a time on its own is read "
             "as a number"),
    ("2026-11-20T08:15+25:00", '"2026-11-20T08:15+25:00" has an offset (+25:00) that is not '
                               "valid; use +00:00 or +01:00, or leave it out to mean "
                               "Europe/London time"),
    ("2026-11-20T08:15 GMT", '"2026-11-20T08:15 GMT" names a time zone in words (GMT); leave '
                             "it out to mean Europe/London time, or write the offset"),
    ("2026-11-20 8pm", '"2026-11-20 8pm" uses am/pm; write the 24-hour time'),
    ("2026-03-29T01:30", '"2026-03-29T01:30" does not exist in Europe/London: the clocks go '
                         "forward that night, so that hour is skipped"),
    ("soon", '"soon" is not a date and time; write it like 2026-11-20T08:15'),
])
def test_times_that_cannot_be_read(status: Path, written: str, words: str) -> None:
    text = incident(GOOD_UPDATE.replace("at: 2026-11-20T08:15", f"at: {written}")
                    .replace("next_update: 2026-11-20T08:45", "next_update: 2026-12-01T08:45"))
    line = only(status, INC, text)
    assert line.startswith(f"status/{INC}:7:9: error: updates[0].at: {words}")


def test_an_unknown_time_zone(status: Path) -> None:
    text = (status / "components.yml").read_text().replace("Europe/London", "Europe/Londn")
    assert only(status, "components.yml", text) == (
        'status/components.yml:4:11: error: timezone: "Europe/Londn" is not a time zone name like '
        'Europe/London (did you mean "Europe/London"?)')


def test_a_zone_abbreviation_is_pointed_to_the_zone_name(status: Path) -> None:
    text = (status / "components.yml").read_text().replace("Europe/London", "BST")
    assert only(status, "components.yml", text).endswith('(did you mean "Europe/London"?)')


# --- files -------------------------------------------------------------------------------


def test_two_files_with_the_same_id(status: Path) -> None:
    lines = lines_for(status, {"incidents/2026-12-06-ehr-upgrade.yml": incident(),
                               MNT: planned()})
    assert lines == [
        f'status/{MNT}:1:1: error: the id "2026-12-06-ehr-upgrade" is already used by '
        "status/incidents/2026-12-06-ehr-upgrade.yml; rename one file"]


def test_the_same_name_as_yml_and_yaml(status: Path) -> None:
    lines = lines_for(status, {INC: incident(), "incidents/2026-11-20-ehr-slow.yaml": incident()})
    assert lines == [
        'status/incidents/2026-11-20-ehr-slow.yml:1:1: error: the id "2026-11-20-ehr-slow" '
        'is already '
        "used by status/incidents/2026-11-20-ehr-slow.yaml; rename one file"]


def test_a_file_name_without_the_date(status: Path) -> None:
    assert only(status, "incidents/ehr-slow.yml", incident()) == (
        'status/incidents/ehr-slow.yml:1:1: error: the file name "ehr-slow.yml" should look like '
        "2026-11-20-ehr-slow.yml: the date, then a few lowercase words joined by dashes")


def test_a_file_name_with_a_date_that_does_not_exist(status: Path) -> None:
    assert only(status, "incidents/2026-13-40-ehr-slow.yml", incident()) == (
        'status/incidents/2026-13-40-ehr-slow.yml:1:1: error: the file name starts with '
        '"2026-13-40", '
        "which is not a real date")


def test_planned_work_in_the_incidents_folder(status: Path) -> None:
    lines = lines_for(status, {"incidents/2026-12-06-ehr-upgrade.yml": planned()})
    assert ("status/incidents/2026-12-06-ehr-upgrade.yml:1:1: error: this looks like planned work "
            "(it has a window); planned work goes in the maintenance folder") in lines


def test_an_empty_file(status: Path) -> None:
    assert only(status, INC, "# nothing yet\n") == (
        f"status/{INC}:1:1: error: the file is empty; start a new one with: bedside new incident "
        "--title ... (see docs/it-team/status-updates.md)")


def test_a_file_that_is_not_yaml_in_the_folder(status: Path) -> None:
    assert only(status, "incidents/notes.txt", "remember the supplier") == (
        "status/incidents/notes.txt:1:1: error: only .yml files belong in this folder; move "
        "or rename it")


def test_a_review_page_that_does_not_exist(status: Path, tmp_path: Path) -> None:
    (status / INC).write_text(incident(GOOD_UPDATE + RESOLVED,
                                       head="postmortem: docs/status/reviews/x.md\n"))
    problems = check_tree(status, project_root=tmp_path).problems
    assert [str(p) for p in problems] == [
        f"status/{INC}:6:13: error: postmortem: there is no file docs/status/reviews/x.md; "
        "add it or "
        "fix the path"]


def test_a_colon_in_text_needs_quotes(status: Path) -> None:
    text = incident().replace("affects: Wards", "affects: Wards: east wing")
    assert only(status, INC, text) == (
        f"status/{INC}:5:15: error: this is not valid YAML: a colon followed by a space "
        "starts a new "
        "field; put the whole text in quotes")


def test_tabs_for_indenting(status: Path) -> None:
    text = incident().replace("  ehr: degraded", "\tehr: degraded")
    assert only(status, INC, text).endswith(
        "this is not valid YAML: use spaces, not tabs, to indent")


# --- all at once -------------------------------------------------------------------------


def test_every_problem_in_every_file_in_one_run(status: Path) -> None:
    lines = lines_for(status, {
        INC: incident(GOOD_UPDATE.replace("status: investigating", "status: fixed"))
        .replace("impact: major", "impact: big"),
        "incidents/2026-11-21-email.yml": incident().replace("title: Records are slow\n",
                                                             "title: Mail\ntitle: Email\n")
        .replace("ehr:", "mail:"),
        MNT: planned("{start: 2026-12-06T22:00, end: 2026-12-06T21:00}"),
    })
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"status/{INC}:2:9",  # impact
        f"status/{INC}:8:13",  # updates[0].status
        "status/incidents/2026-11-21-email.yml:2:1",  # title twice
        "status/incidents/2026-11-21-email.yml:5:3",  # unknown component, still checked
        f"status/{MNT}:4:40",  # ends before it starts
    ]


def test_a_good_tree_has_no_problems(status: Path) -> None:
    result = check_tree(TREES / "basic")
    assert result.problems == []
    assert result.tree is not None


# --- GitHub annotations --------------------------------------------------------------------


def test_a_problem_as_a_github_annotation() -> None:
    problem = Problem("status/incidents/2026-11-20-ehr-slow.yml", 14, 7, "updates[1].status",
                      '"fixed" is not one of investigating, identified, monitoring, resolved')
    assert problem.github_annotation() == (
        "::error file=status/incidents/2026-11-20-ehr-slow.yml,line=14,col=7,"
        "title=Bedside%3A updates[1].status::\"fixed\" is not one of investigating, "
        "identified, monitoring, resolved")


def test_annotation_text_cannot_break_out_of_its_line() -> None:
    problem = Problem("status/x.yml", 1, 1, "title", "line one\nline two, 100%")
    assert problem.github_annotation().endswith("::line one%0Aline two, 100%25")


# --- YAML slips, explained at the line where they start -------------------------------------


def test_a_field_one_space_out_of_line(status: Path) -> None:
    text = incident(GOOD_UPDATE.replace("    message:", "   message:"))
    assert only(status, INC, text) == (
        f"status/{INC}:9:4: error: this is not valid YAML: this line starts 3 spaces in, but "
        "the field on line 8 starts 4 spaces in: line the fields up, with spaces, so each one "
        "starts right under the one it belongs with")


def test_a_system_one_space_out_of_line(status: Path) -> None:
    text = incident().replace("  ehr: degraded_performance\n",
                              "  ehr: degraded_performance\n   email: partial_outage\n")
    assert only(status, INC, text) == (
        f"status/{INC}:5:4: error: this is not valid YAML: this line starts 3 spaces in, but "
        "the field on line 4 starts 2 spaces in: line the fields up, with spaces, so each one "
        "starts right under the one it belongs with")


def test_a_list_item_without_a_space_after_the_dash(status: Path) -> None:
    later = GOOD_UPDATE.replace("08:15", "09:15").replace("08:45", "09:45")
    text = incident(GOOD_UPDATE + later.replace("  - at:", "  -at:"))
    assert only(status, INC, text) == (
        f'status/{INC}:12:3: error: this is not valid YAML: a list item needs a space after '
        'the dash: write "- at:" instead of "-at:"')


def test_an_unclosed_quote_is_named_where_it_opens(status: Path) -> None:
    text = incident(GOOD_UPDATE.replace("message: Records take", 'message: "Records take'))
    assert only(status, INC, text) == (
        f"status/{INC}:9:14: error: this is not valid YAML: this text starts with a quote (\") "
        'that is never closed: add the closing " at the end of the text, or remove the '
        "opening one")
