"""Every text field refuses characters no page, feed, calendar or badge can carry.

Control characters written as YAML escapes ("\\x01", "\\v", "\\e"), the Unicode
noncharacters (U+FFFE) and halves of character pairs pass the YAML reader, and
used to crash the feed writer (or break a calendar or a badge) after `bedside
check` had said all was well. Now check refuses them with the file, the line
and the field, and the build stops with the same message. Line breaks and
tabs are refused where the text is shown on one line, and kept in paragraphs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from macros.loader import check_tree
from macros.notify.config import load_notify_config
from tests.helpers import REPO, copy_tree

SLOW = "incidents/2026-11-20-ehr-slow.yml"
UPGRADE = "maintenance/2026-12-06-ehr-upgrade.yml"

# (file, the line as written, the field as problems name it); the value gets "\x01".
TEXT_FIELDS = [
    ("components.yml", "    name: Wards and clinics", "audiences[0].name"),
    ("components.yml", "  - name: Clinical systems", "groups[0].name"),
    ("components.yml", "        name: Patient records (EHR)", "groups[0].components[0].name"),
    ("components.yml", "        description: Charts, orders and results on wards and in "
     "clinics.", "groups[0].components[0].description"),
    ("components.yml", "        contact: Payroll team, ext. 2210, weekdays 8:00 to 17:00",
     "groups[2].components[0].contact"),
    ("sources.yml", "    name: Microsoft", "sources[1].name"),
    ("sources.yml", "    url: https://payroll-vendor.statuspage.io", "sources[2].url"),
    (SLOW, "title: Patient records were slow to open", "title"),
    (SLOW, "affects: Wards and clinics on the main site", "affects"),
    (SLOW, "    message: Records are opening in a few seconds again. We are watching "
     "closely.", "updates[2].message"),
    (SLOW, "    workaround: Use the read-only viewer on the ward PC for urgent look-ups.",
     "updates[0].workaround"),
    (SLOW, "    data_impact: No records, orders or results were lost.",
     "updates[3].data_impact"),
    (UPGRADE, "title: Patient records upgrade", "title"),
    (UPGRADE, "affects: Everyone who uses patient records", "affects"),
    (UPGRADE, "why: The supplier's new version fixes the slow search on the results "
     "screen.", "why"),
    (UPGRADE, "benefit: Results will open in seconds instead of half a minute.", "benefit"),
    (UPGRADE, "  - Print the ward handover sheet before 21:30.", "prepare[0]"),
    (UPGRADE, "during: Use the downtime forms. The read-only viewer on the ward PC stays "
     "available.", "during"),
    (UPGRADE, "contact: Service desk, ext. 4444, 24 hours", "contact"),
]


def with_value(root: Path, file: str, line: str, escape: str) -> int:
    """Rewrite `line` of `file` with `escape` (a YAML escape) after the first word of its
    value (at its end when it is one word), in double quotes; return the line's number."""
    path = root / file
    lines = path.read_text(encoding="utf-8").split("\n")
    number = lines.index(line)
    key, value = line.split(": ", 1) if ": " in line else (line[:3], line[4:])
    at = value.find(" ") + 1 or len(value)
    value = f"{value[:at]}{escape}{value[at:]}".replace('"', '\\"')
    lines[number] = f'{key}{":" if ": " in line else ""} "{value}"'
    path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


@pytest.mark.parametrize(("file", "line", "field"), TEXT_FIELDS,
                         ids=[f"{f.split('/')[0]}:{n}" for f, _, n in TEXT_FIELDS])
def test_a_control_character_in_any_field_is_refused_with_file_line_and_field(
        tmp_path: Path, file: str, line: str, field: str) -> None:
    root = copy_tree("basic", tmp_path)
    number = with_value(root, file, line, "\\x01")
    result = check_tree(root)
    assert result.tree is None
    [problem] = [p for p in result.errors if p.field == field]
    assert problem.path.endswith(file) and problem.line == number
    assert "an invisible control character, U+0001" in problem.message
    assert "delete it" in problem.message


@pytest.mark.parametrize(("escape", "said"), [
    ("\\v", "U+000B"), ("\\e[31m", "U+001B"), ("\\x7f", "U+007F"), ("\\x85", "U+0085"),
    ("\\0", "U+0000"), ("\\r", "U+000D"), ("\\uFFFE", "U+FFFE, which is not a character"),
    ("\\uFDD0", "U+FDD0, which is not a character"), ("\\U0010FFFF", "U+10FFFF"),
    ("\\uD800", "U+D800, half of a character pair"),
])
def test_every_kind_of_unsafe_character_is_named(tmp_path: Path, escape: str,
                                                 said: str) -> None:
    root = copy_tree("basic", tmp_path)
    with_value(root, SLOW, "title: Patient records were slow to open", escape)
    [problem] = [p for p in check_tree(root).errors if p.field == "title"]
    assert said in problem.message


def test_line_breaks_and_tabs_stay_in_paragraphs_and_nowhere_else(tmp_path: Path) -> None:
    root = copy_tree("basic", tmp_path)
    with_value(root, SLOW, "    message: Records are opening in a few seconds again. We are "
               "watching closely.", "\\n\\n\\t- and this")
    with_value(root, SLOW, "title: Patient records were slow to open", "\\n")
    with_value(root, SLOW, "affects: Wards and clinics on the main site", "\\t")
    with_value(root, "components.yml", "    name: Wards and clinics", "\\u2028")
    found = {p.field: p.message for p in check_tree(root).errors}
    assert set(found) == {"title", "affects", "audiences[0].name"}
    assert found["title"].startswith("this is shown on one line, but it holds a line break "
                                     "(character 9); write it on one line")
    assert found["affects"] == "this holds a tab (character 7); use a space instead"
    assert "line break" in found["audiences[0].name"]


@pytest.mark.parametrize("blank", [" ", "\\n", "\\u3000", "\\t \\n"])
def test_a_text_of_only_spaces_is_refused_not_a_crash(tmp_path: Path, blank: str) -> None:
    root = copy_tree("basic", tmp_path)
    path = root / SLOW
    path.write_text(path.read_text(encoding="utf-8")
                    .replace("    message: >\n      Patient records take up to a minute to open. "
                             "Orders and results are\n      not lost. We are working on it with "
                             "the supplier.\n", f'    message: "{blank}"\n')
                    .replace("title: Patient records were slow to open", f'title: "{blank}"'),
                    encoding="utf-8")
    found = {p.field: p.message for p in check_tree(root).errors}
    assert found == {field: "this holds only spaces or line breaks; write something, or "
                     "remove the field" for field in ("title", "updates[0].message")}


def test_a_title_written_as_a_block_keeps_working(tmp_path: Path) -> None:
    root = copy_tree("basic", tmp_path)
    path = root / SLOW
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Patient records were slow to open",
        "title: >\n  Patient records were\n  slow to open\n"), encoding="utf-8")
    assert check_tree(root).errors == []


def test_notify_yml_refuses_them_too(tmp_path: Path) -> None:
    root = copy_tree("basic", tmp_path)
    tree = check_tree(root).tree
    assert tree is not None
    (root / "notify.yml").write_text(
        "channels:\n  - id: ward-managers\n    type: email\n    host: \"smtp\\x01.example\"\n"
        "    sender: \"IT <it@example.org>\\u2028\"\n"
        "    recipients: [\"wards@example.org\\e\"]\n", encoding="utf-8")
    found = {p.field: p for p in load_notify_config(root / "notify.yml", tree).problems}
    assert {"channels[0].host", "channels[0].sender", "channels[0].recipients[0]"} <= set(found)
    assert found["channels[0].host"].line == 4


def test_the_build_stops_with_the_same_messages_as_check(tmp_path: Path) -> None:
    root = copy_tree("basic", tmp_path)
    with_value(root, SLOW, "title: Patient records were slow to open", "\\x01")
    with_value(root, "components.yml", "    name: Wards and clinics", "\\n")
    with_value(root, UPGRADE, "why: The supplier's new version fixes the slow search on the "
               "results screen.", "\\uFFFE")
    expected = [str(p) for p in check_tree(root).errors]
    assert len(expected) == 3
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BEDSIDE_STATUS_DIR": str(root),
           "BEDSIDE_NOW": "2026-11-20T08:30+00:00"}
    env.pop("GITHUB_ACTIONS", None)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d",
                            str(tmp_path / "site")], cwd=REPO, env=env, capture_output=True,
                           text=True, timeout=600)
    out = build.stdout + build.stderr
    assert build.returncode != 0
    assert "Traceback" not in out
    for message in expected:
        assert message in out
    assert not (tmp_path / "site" / "status" / "index.html").exists()
