"""Adding an update keeps every other byte of the file: comments, folded text, the
indentation people chose, other fields after the list, line endings."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.yamlwrite import AppendError, append_update_text, update_lines, yaml_field

ZONE = ZoneInfo("Europe/London")
UPDATE = {"at": datetime(2026, 11, 20, 9, 10, tzinfo=ZONE), "status": "monitoring",
          "message": "Records open in a few seconds again. We are watching closely.",
          "next_update": datetime(2026, 11, 20, 9, 40, tzinfo=ZONE)}
EXPECTED = {"at": "2026-11-20T09:10+00:00", "status": "monitoring",
            "message": UPDATE["message"], "next_update": "2026-11-20T09:40+00:00"}

LAYOUTS = {
    "indented list, comments, folded and literal text, a field after the list": """\
# yaml-language-server: $schema=../../macros/schemas/incident.schema.json
# Opened by Sam on the night shift.   Keep an eye on ward 6.
title: "Wi-Fi drops out on the east wing"   # short
impact: minor
components: {wifi: partial_outage}
affects: >
  Staff on wards 4 to 9,
  and visitors.
updates:
  # first report came from ward 6
  - at: 2026-11-20T08:15
    status: investigating
    message: >
      Wi-Fi on wards 4 to 9 drops out every few minutes.
      Phones reconnect by themselves.

    workaround: |
      Use a wired PC for anything that must not be lost.
      Save your work often.
    next_update: 2026-11-20T08:45   # promised on the ward 6 call

  # (add updates above this line)
postmortem: docs/status/reviews/x.md
""",
    "list at the key's indentation": """\
title: Records are slow
updates:
- at: 2026-11-20T08:15
  status: investigating
  message: Records are slow.
  next_update: 2026-11-20T08:45
""",
    "wide indentation": """\
title: Records are slow
updates:
    -   at: 2026-11-20T08:15
        status: investigating
        message: Records are slow.
        next_update: 2026-11-20T08:45
""",
    "updates written as one-line items": """\
title: Records are slow
updates:
  - {at: 2026-11-20T08:15, status: investigating, message: Slow., next_update: 2026-11-20T08:45}
audiences: [wards]
""",
    "a kept trailing blank line in the last text": """\
title: Records are slow
updates:
  - at: 2026-11-20T08:15
    status: investigating
    message: |+
      Records are slow.

    next_update: 2026-11-20T08:45

postmortem: docs/status/reviews/x.md
""",
    "windows line endings": "title: Records are slow\r\nupdates:\r\n  - at: 2026-11-20T08:15\r\n"
                            "    status: investigating # why\r\n    message: Slow.\r\n"
                            "    next_update: 2026-11-20T08:45\r\n",
    "no newline at the end": "title: Records are slow\nupdates:\n  - at: 2026-11-20T08:15\n"
                             "    status: investigating\n    message: Slow.",
    "planned work with no updates yet": "title: Upgrade\nwindow:\n  start: 2026-12-06T22:00\n"
                                        "  end: 2026-12-07T02:00\n# the end\n",
    "an empty list on one line": "title: Upgrade\nupdates: []   # none yet\ncontact: Desk\n",
    "an empty updates field": "title: Upgrade\nupdates:\ncontact: Desk\n",
}


def inserted_once(old: str, new: str) -> str:
    """The text inserted into `old` to make `new`, failing unless it is one insertion."""
    start = 0
    while start < len(old) and old[start] == new[start]:
        start += 1
    tail = len(old) - start
    assert new[len(new) - tail:] == old[start:], "bytes after the insertion changed"
    return new[start:len(new) - tail]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_update_is_added_and_nothing_else_changes(layout: str) -> None:
    old = LAYOUTS[layout]
    new = append_update_text(old, UPDATE, ZONE)
    before, after = yaml.safe_load(old), yaml.safe_load(new)
    updates = [{k: str(v) for k, v in u.items()} for u in after.pop("updates")]
    assert updates[-1] == EXPECTED
    assert updates[:-1] == [{k: str(v) for k, v in u.items()}
                            for u in (before.pop("updates", None) or [])]
    assert after == before
    if layout not in ("an empty list on one line", "no newline at the end"):
        assert "status: monitoring" in inserted_once(old, new)


def test_an_empty_list_on_one_line_only_loses_its_brackets() -> None:
    new = append_update_text(LAYOUTS["an empty list on one line"], UPDATE, ZONE)
    assert new == ("title: Upgrade\nupdates:   # none yet\n  - at: 2026-11-20T09:10+00:00\n"
                   "    status: monitoring\n    message: Records open in a few seconds again. "
                   "We are watching closely.\n    next_update: 2026-11-20T09:40+00:00\n"
                   "contact: Desk\n")


def test_the_new_item_lines_up_with_the_ones_above() -> None:
    new = append_update_text(LAYOUTS["wide indentation"], UPDATE, ZONE)
    assert new.endswith("    -   at: 2026-11-20T09:10+00:00\n        status: monitoring\n"
                        "        message: Records open in a few seconds again. We are watching "
                        "closely.\n        next_update: 2026-11-20T09:40+00:00\n")


def test_windows_line_endings_are_kept() -> None:
    new = append_update_text(LAYOUTS["windows line endings"], UPDATE, ZONE)
    assert "\n" not in new.replace("\r\n", "")


def test_a_list_written_on_one_line_is_not_rewritten() -> None:
    text = "title: Slow\nupdates: [{at: 2026-11-20T08:15, status: investigating, message: x}]\n"
    with pytest.raises(AppendError, match="written on one line"):
        append_update_text(text, UPDATE, ZONE)


# --- any words read back exactly ----------------------------------------------------------

_WORDS = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn")),
                 min_size=1, max_size=300).filter(lambda s: s.strip())


@settings(max_examples=300, deadline=None)
@given(text=_WORDS)
def test_any_words_read_back_exactly(text: str) -> None:
    tidy = " ".join(text.split())
    lines = yaml_field("message", text, indent="    ")
    assert yaml.safe_load("\n".join(line[4:] for line in lines)) == {"message": tidy}
    assert all(len(line) <= 100 or '"' in line or " " not in line.strip() for line in lines)


@settings(max_examples=100, deadline=None)
@given(message=_WORDS, workaround=_WORDS, layout=st.sampled_from(list(LAYOUTS)))
def test_any_update_appends_cleanly_to_any_layout(message: str, workaround: str,
                                                  layout: str) -> None:
    update = {**UPDATE, "message": message, "workaround": workaround}
    new = yaml.safe_load(append_update_text(LAYOUTS[layout], update, ZONE))
    last = new["updates"][-1]
    assert last["message"] == " ".join(message.split())
    assert last["workaround"] == " ".join(workaround.split())


def test_a_list_item_of_prepare_reads_back() -> None:
    lines = yaml_field("-", "- not a nested list: really", indent="  ")
    assert yaml.safe_load("\n".join(lines)) == ["- not a nested list: really"]


def test_update_lines_start_with_the_dash() -> None:
    assert update_lines({"at": UPDATE["at"], "status": "resolved", "message": "Fixed.",
                         "data_impact": "Nothing was lost."}, ZONE, dash="  ") == [
        "  - at: 2026-11-20T09:10+00:00", "    status: resolved", "    message: Fixed.",
        "    data_impact: Nothing was lost."]
