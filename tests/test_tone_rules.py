"""Each house rule flags the sentence it is for, and lets a plain one through."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.tone import RuleError, check_paths, load_rules
from tests.tone_helpers import by_rule, check_page, check_yaml, during, where

# (rule, level, a sentence it must flag, the words it flags, a sentence that must pass)
CASES = [
    ("jargon", "error", "The portal shows HTTP 502 errors.", "HTTP 502",
     "The portal does not open. Ward 502 can still print."),
    ("jargon", "error", "Users see 503 Service Unavailable.", "503 Service Unavailable",
     "Beds 500 to 510 are on the new ward."),
    ("jargon", "error", "Logins fail because of a DNS issue.", "DNS issue",
     "Websites and shared drives do not open."),
    ("jargon", "error", "There is high latency on the network.", "high latency",
     "Screens take a minute to load."),
    ("jargon", "error", "Patient records have degraded performance.", "degraded performance",
     "Patient records are slow to open."),
    ("plain-words", "warning", "The outage ended at 09:00.", "outage",
     "The problem ended at 09:00."),
    ("plain-words", "warning", "We found the root cause.", "root cause",
     "We found the cause."),
    ("empty-apology", "error", "We apologise for any inconvenience.",
     "We apologise for any inconvenience",
     "We are sorry: we know this slows down your ward round."),
    ("filler", "warning", "Technical difficulties continue.", "Technical difficulties",
     "Patient records still do not open."),
    ("filler", "warning", "The maintenance window is on Sunday.", "maintenance window",
     "The work is on Sunday from 22:00 to 02:00."),
    ("filler", "warning", "At this time, nothing has changed.", "At this time",
     "Nothing has changed since 08:00."),
    ("vague-improvements", "warning", "The update brings performance improvements.",
     "performance improvements", "The update brings improvements to the results screen."),
    ("blame", "error", "This was caused by user error.", "user error",
     "The form was sent twice, so the order shows twice."),
    ("blame", "error", "You failed to log out before the upgrade.", "You failed to",
     "Please log out before 22:00 so your notes are saved."),
    ("blame", "error", "You should have checked the list.", "You should have checked",
     "The list is on the card by the PC."),
    ("blame", "error", "You must have deleted it.", "You must have deleted",
     "You must have received an email about it."),
    ("blame", "error", "It was your own fault.", "your own fault",
     "It was not your fault."),
    ("blame", "error", "Staff failed to log out properly.", "Staff failed to",
     "Please log out at the end of each shift so your notes are saved."),
    ("blame", "error", "Nurses on ward 5 forgot to save the form.", "Nurses on ward 5 forgot to",
     "The backup failed to run, so we ran it by hand at 02:00."),
    ("blame", "error", "The ward did not follow the downtime steps.",
     "The ward did not follow", "The downtime steps are on the card by the ward PC."),
    ("blame", "error", "Some users forgot to restart their PCs.", "Some users forgot to",
     "We forgot to restart the print server. We are sorry."),
    ("filler", "warning", "A workaround is available.", "A workaround is available",
     "Use the read-only viewer on the ward PC."),
    ("vague-time", "warning", "Further updates will follow.", "Further updates will follow",
     "We will update this page by 09:30."),
    ("filler", "warning", "We are currently investigating.", "We are currently investigating",
     "We are investigating why labels print blank on ward 5."),
    ("filler", "warning", "We are investigating the issue.", "We are investigating the issue",
     "We are checking the label printers with the supplier."),
    ("filler", "warning", "Users are experiencing slow logins.", "Users are experiencing",
     "Logging in takes up to a minute."),
    ("distancing", "warning", "All users must log out by 22:00.", "All users",
     "Everyone who uses patient records must log out by 22:00."),
    ("passive-evasion", "error", "Mistakes were made during the upgrade.",
     "Mistakes were made", "We made a mistake during the upgrade."),
    ("passive-evasion", "error", "The decision was made to delay it.",
     "The decision was made", "The decision was made by the ward managers."),
]


@pytest.mark.parametrize(("rule", "level", "bad", "words", "good"), CASES,
                         ids=[f"{c[0]}-{c[3]}" for c in CASES])
def test_each_word_rule_flags_the_bad_sentence_and_passes_the_good_one(
        tmp_path: Path, rule: str, level: str, bad: str, words: str, good: str) -> None:
    text = during(bad)
    flagged = by_rule(check_yaml(tmp_path, text), rule)
    assert len(flagged) == 1, flagged
    assert (flagged[0].line, flagged[0].col) == where(text, words)
    assert flagged[0].severity == level
    assert f"'{words}'" in flagged[0].message
    assert flagged[0].suggestion
    assert by_rule(check_yaml(tmp_path, during(good)), rule) == []


KIND_AND_PLAIN = [
    "It is not your fault.",
    "It was never your fault.",
    "You should have received an email on Monday.",
    "The staff picnic is on Friday.",
    "What improvements would help you most?",
    "Visitors are not allowed at this time of night.",
    "Use cost code 500 for the order, and ward 404 for the rest.",
    "The lab fixed 120 errors in the records last year.",
    "The work is going forward as planned.",
    "Thank you for your patience this morning.",
    "Staff records open normally again.",
    "The ward printer failed to print labels overnight.",
    "All user accounts work again.",
    "More updates to the rota app come in March.",
    "A new workaround is on the card by the PC.",
]


@pytest.mark.parametrize("sentence", KIND_AND_PLAIN)
def test_reasonable_plain_english_is_left_alone(tmp_path: Path, sentence: str) -> None:
    assert check_yaml(tmp_path, during(sentence)) == []
    assert check_page(tmp_path, f"# Note\n\n{sentence}\n") == []


def test_a_finding_says_kindly_what_to_write_instead(tmp_path: Path) -> None:
    text = during("Users may see degraded performance.")
    [finding] = by_rule(check_yaml(tmp_path, text), "jargon")
    assert str(finding) == (
        "incidents/2026-11-20-test.yml:3:17: error jargon: 'degraded performance' is a "
        "server-room word; people on the ward may not know it (say what the reader "
        "notices, e.g. 'slow')"
    ).replace("incidents/", f"{tmp_path}/incidents/")


def test_the_word_rules_read_pages_too(tmp_path: Path) -> None:
    text = "# Help\n\nWe saw a DNS issue and some user error.\n"
    findings = check_page(tmp_path, text)
    assert [(f.rule, f.line, f.col) for f in findings] == [
        ("jargon", *where(text, "DNS issue")), ("blame", *where(text, "user error"))]


def test_a_long_sentence_is_flagged_with_its_word_count(tmp_path: Path) -> None:
    long = " ".join(["word"] * 25) + " end."
    text = during(f"Short first. {long}")
    [finding] = by_rule(check_yaml(tmp_path, text), "sentence-length")
    assert (finding.line, finding.col) == where(text, "word")
    assert "26 words" in finding.message
    assert finding.severity == "warning"


def test_a_sentence_of_25_words_and_list_items_pass(tmp_path: Path) -> None:
    exactly = " ".join(["word"] * 24) + " end."
    assert by_rule(check_yaml(tmp_path, during(exactly)), "sentence-length") == []
    items = "\n".join(f"- {' '.join(['item'] * 15)}" for _ in range(3))
    assert by_rule(check_page(tmp_path, f"# List\n\n{items}\n"), "sentence-length") == []


def test_readability_flags_hard_status_text_and_names_the_hardest_sentence(
        tmp_path: Path) -> None:
    text = ("title: Test\nwhy: >\n  The upgrade is short. It starts at ten.\n"
            "benefit: >\n  Organisational interoperability considerations necessitate "
            "comprehensive infrastructure modernisation across departmental information "
            "systems.\nduring: Use the forms.\n")
    [finding] = by_rule(check_yaml(tmp_path, text), "readability-status")
    assert finding.severity == "warning"
    assert (finding.line, finding.col) == where(text, "The upgrade")
    assert "status text should be 8 or below" in finding.message
    assert f"line {where(text, 'Organisational')[0]}" in finding.suggestion


def test_readability_passes_plain_status_text(tmp_path: Path) -> None:
    text = ("title: Test\nwhy: The new version fixes the slow search.\n"
            "benefit: Results will open in seconds instead of half a minute.\n"
            "during: Use the downtime forms. The read-only viewer stays on.\n")
    assert by_rule(check_yaml(tmp_path, text), "readability-status") == []


def test_readability_leaves_very_short_status_text_alone(tmp_path: Path) -> None:
    text = "title: Test\nbenefit: Faster electronic prescribing.\n"
    assert by_rule(check_yaml(tmp_path, text), "readability-status") == []


def test_pages_have_their_own_readability_limit(tmp_path: Path) -> None:
    hard = "# Page\n\n" + ("Organisational interoperability considerations necessitate "
                           "comprehensive infrastructure modernisation programmes. ") * 15
    [finding] = by_rule(check_page(tmp_path, hard), "readability-playbook")
    assert "pages should be 10 or below" in finding.message
    plain = "# Page\n\n" + "Call the service desk on ext. 4444. They answer day and night. " * 15
    assert by_rule(check_page(tmp_path, plain), "readability-playbook") == []
    assert by_rule(check_page(tmp_path, hard), "readability-status") == []


UPDATE = """\
title: Test
updates:
  - at: 2026-11-20T08:15
    status: {status}
    message: Patient records are slow to open.
{extra}"""


def test_an_open_update_without_what_to_do_now_is_an_error(tmp_path: Path) -> None:
    text = UPDATE.format(status="investigating", extra="    next_update: 2026-11-20T08:45\n")
    [finding] = by_rule(check_yaml(tmp_path, text), "what-to-do-now")
    assert (finding.line, finding.col) == where(text, "at:")
    assert finding.severity == "error"
    assert finding.field == "updates[0].workaround"
    assert "workaround:" in finding.suggestion


def test_an_update_with_a_workaround_or_a_fix_passes(tmp_path: Path) -> None:
    with_workaround = UPDATE.format(status="identified", extra=(
        "    workaround: Use the read-only viewer.\n    next_update: 2026-11-20T08:45\n"))
    assert by_rule(check_yaml(tmp_path, with_workaround), "what-to-do-now") == []
    monitoring = UPDATE.format(status="monitoring", extra="    next_update: 2026-11-20T08:45\n")
    assert by_rule(check_yaml(tmp_path, monitoring), "what-to-do-now") == []
    resolved = UPDATE.format(status="resolved", extra="    data_impact: Nothing was lost.\n")
    assert check_yaml(tmp_path, resolved) == []


def test_an_open_update_without_a_next_update_is_an_error(tmp_path: Path) -> None:
    text = UPDATE.format(status="monitoring", extra="")
    [finding] = by_rule(check_yaml(tmp_path, text), "next-update")
    assert (finding.line, finding.col) == where(text, "at:")
    assert "next_update:" in finding.suggestion


def test_the_house_rules_load_and_each_has_a_level_and_advice() -> None:
    rules = load_rules()
    assert {r.name for r in rules} >= {
        "jargon", "plain-words", "empty-apology", "filler", "vague-improvements", "blame",
        "passive-evasion", "sentence-length", "readability-status", "readability-playbook",
        "what-to-do-now", "next-update"}
    for rule in rules:
        assert rule.level in ("error", "warning")
        assert rule.message


def test_a_new_rule_file_is_picked_up_without_python(tmp_path: Path) -> None:
    (tmp_path / "pager.yml").write_text(
        "extends: existence\nmessage: \"'%s' is a word for the IT team\"\n"
        "suggest: say 'the on-call engineer'\nlevel: error\nignorecase: true\n"
        "tokens:\n  - pager duty\n", encoding="utf-8")
    [rule] = load_rules(tmp_path)
    assert rule.name == "pager"
    assert rule.level == "error"


def test_a_broken_rule_file_names_the_file_line_and_field(tmp_path: Path) -> None:
    (tmp_path / "broken.yml").write_text(
        "extends: existence\nmessage: Hi\nlevel: eror\ntokens:\n  - '(unclosed'\n"
        "scope: heading\n", encoding="utf-8")
    (tmp_path / "sums.yml").write_text(
        "extends: metric\nmessage: Hi\nformula: __import__('os')\ncondition: big\n",
        encoding="utf-8")
    (tmp_path / "kind.yml").write_text("extends: existance\nmessage: Hi\n", encoding="utf-8")
    with pytest.raises(RuleError) as raised:
        load_rules(tmp_path)
    lines = [str(p) for p in raised.value.problems]
    assert any("broken.yml:3:8: error: level:" in line and "did you mean \"error\"" in line
               for line in lines), lines
    assert any("broken.yml:5:5: error: tokens[0]: this is not a valid regular expression" in line
               for line in lines), lines
    assert any("broken.yml:6:1: error: scope: unknown field" in line for line in lines), lines
    assert any("sums.yml:3:10: error: formula:" in line for line in lines), lines
    assert any("sums.yml:4:12: error: condition:" in line and "'> 8.0'" in line for line in lines)
    assert any("kind.yml:1:10: error: extends:" in line and "existence" in line for line in lines)


def test_vale_fields_exceptions_nonword_and_occurrence_per_text(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "phone.yml").write_text(
        "extends: occurrence\nmessage: Found %s phone numbers\nsuggest: give ext. 4444\n"
        "level: warning\nscope: text\nmin: 1\ntoken: 'ext\\. \\d{4}'\n", encoding="utf-8")
    (rules / "server.yml").write_text(
        "extends: existence\nmessage: \"'%s'\"\nlevel: error\nnonword: true\n"
        "tokens:\n  - 'server\\w*'\nexceptions:\n  - servery\n", encoding="utf-8")
    page = tmp_path / "page.md"
    text = "Eat in the servery. The webserver and servers are slow.\n"
    page.write_text(text, encoding="utf-8")
    findings = check_paths([page], load_rules(rules)).findings
    assert [(f.rule, f.col, f.message) for f in findings] == [
        ("phone", 1, "Found 0 phone numbers"),
        ("server", where(text, "server and")[1], "'server'"),
        ("server", where(text, "servers")[1], "'servers'"),
    ]


def test_the_title_and_who_is_affected_are_checked_too(tmp_path: Path) -> None:
    text = ("title: EHR outage\nimpact: major\naffects: All users\nupdates:\n"
            "  - at: 2026-11-21T03:00\n    status: investigating\n    message: >-\n"
            "      Users are experiencing slow logins because staff failed to log out\n"
            "      properly. A workaround is available.\n"
            "    workaround: Use the paper forms.\n    next_update: 2026-11-21T03:30\n")
    found = [(f.rule, f.line, f.col) for f in check_yaml(tmp_path, text)]
    assert found == [
        ("plain-words", *where(text, "outage")),
        ("distancing", *where(text, "All users")),
        ("filler", *where(text, "Users are experiencing")),
        ("blame", *where(text, "staff failed to")),
        ("filler", *where(text, "A workaround is available")),
    ]


def test_a_long_title_is_not_graded_for_readability(tmp_path: Path) -> None:
    text = ("title: Organisational interoperability considerations necessitate "
            "comprehensive infrastructure modernisation across departmental systems\n"
            "affects: Everyone\n")
    assert by_rule(check_yaml(tmp_path, text), "readability-status") == []
