"""A finding points at the exact line and column where the words were written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.tone.markup import find_prose
from macros.tone.statusfiles import align
from macros.yamlsafe import parse_yaml
from tests.tone_helpers import by_rule, check_page, check_yaml, places, where

# Each file holds the server-room word "latency" (once or twice) in one text field.
YAML_STYLES = {
    "plain": "title: T\nduring: Screens wait on latency today.\n",
    "plain over lines": (
        "title: T\nduring: Screens are slow\n  because of\n    latency on the network.\n"),
    "single quoted": "title: T\nduring: 'It''s the ''latency'' again.'\n",
    "double quoted with escapes": (
        'title: T\nduring: "Tab\\there. \\"Quoted\\" \\u00e9 latency.\\nNext latency."\n'),
    "double quoted over lines": (
        'title: T\nduring: "First line,\n  second line with\\\n  out latency."\n'),
    "folded": (
        "title: T\nduring: >\n  Records are slow\n  to open.\n\n  It is latency\n"
        "  on the network.\n"),
    "folded keep with indent indicator": (
        "title: T\nduring: >+2\n    indented latency line\n  back to latency\n"),
    "literal": (
        "title: T\nduring: |\n  Line one.\n    Indented latency.\n  Line three latency.\n"),
    "literal with a comment on the header": (
        "title: T\nduring: |-  # a note for editors\n  Mind the latency.\n"),
    "list item": "title: T\nprepare:\n  - Print the sheet.\n  - Expect latency tonight.\n",
    "list item folded": "title: T\nprepare:\n  - >\n    Expect some\n    latency tonight.\n",
    "update message": (
        "title: T\nupdates:\n  - at: 2026-11-20T08:15\n    status: resolved\n"
        "    message: >\n      Fixed. The latency is gone.\n    data_impact: None lost.\n"),
    "non-ASCII before": "title: T\nduring: Café, crèche — 🙂 latency.\n",
    "windows line endings": "title: T\r\nduring: >\r\n  Slow.\r\n  Some latency.\r\n",
}


@pytest.mark.parametrize("style", YAML_STYLES)
def test_positions_in_every_yaml_style(tmp_path: Path, style: str) -> None:
    text = YAML_STYLES[style]
    findings = by_rule(check_yaml(tmp_path, text), "jargon")
    expected = [where(text, "latency", n) for n in range(text.count("latency"))]
    assert places(findings) == expected


def test_the_field_name_rides_along(tmp_path: Path) -> None:
    text = YAML_STYLES["update message"]
    [finding] = by_rule(check_yaml(tmp_path, text), "jargon")
    assert finding.field == "updates[0].message"
    text = YAML_STYLES["list item"]
    [finding] = by_rule(check_yaml(tmp_path, text), "jargon")
    assert finding.field == "prepare[1]"


def test_only_the_reader_facing_fields_are_read(tmp_path: Path) -> None:
    """The title and `affects` are read; `contact` and the component states are not."""
    text = ("title: DNS latency\naffects: high latency\ncontact: DNS team\ncomponents:\n"
            "  ehr: degraded_performance\nupdates:\n  - at: 2026-11-20T08:15\n"
            "    status: resolved\n    message: Fixed.\n    data_impact: None lost.\n")
    assert places(check_yaml(tmp_path, text)) == [
        where(text, "DNS"), where(text, "latency"), where(text, "high latency")]


ANY_TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80),
    st.text(alphabet="ab \n\t'\"\\#:-é", min_size=1, max_size=120),
)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, st.sampled_from([None, "'", '"', "|", ">"]), st.integers(10, 60))
def test_every_character_of_any_value_is_placed_where_it_was_written(
        value: str, style: str | None, width: int) -> None:
    source = yaml.safe_dump({"why": value}, default_style=style, width=width,
                            allow_unicode=True)
    doc = parse_yaml(source, "x.yml")
    parsed = doc.data["why"]
    line, col = doc.position(("why",))
    start = sum(len(row) + 1 for row in source.split("\n")[:line - 1]) + col - 1
    offsets = align(source, start, parsed)
    for index, char in enumerate(parsed):
        if not char.isspace():
            assert source[offsets[index]] in (char, "\\"), (source, index)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab *_`#>-|[]()<!{}%:.\n ", max_size=200))
def test_the_prose_of_any_page_keeps_every_line_and_column(text: str) -> None:
    prose = find_prose(text)
    assert len(prose.text) == len(text)
    assert [i for i, c in enumerate(prose.text) if c == "\n"] == \
        [i for i, c in enumerate(text) if c == "\n"]
    assert all(0 <= s.start <= s.end <= len(text) for s in prose.segments)


def test_alignment_falls_back_to_the_last_place_it_matched() -> None:
    source = "x: abc\n"
    assert align(source, 3, "abz") == [3, 4, 4]


MARKDOWN = """\
---
title: A page about DNS
---

# Planned work and latency

Say what people notice. Never write `HTTP 502` or {{ status("DNS") }}
in an update, and never {% if x %}{% endif %} degraded either.

```text
The DNS failed with latency.
```

<!-- a note: DNS latency -->

- A list item about [latency](https://example.org/DNS) here.
- Another item.

| Word | Say instead |
|---|---|
| outage | problem |

!!! note "Latency is jargon"

    Text in an admonition with latency.

Some code:

    indented DNS code

<div class="x" data-note="DNS" markdown>Inside the block, latency.</div>
"""


def test_positions_in_markdown_skip_code_macros_comments_and_addresses(
        tmp_path: Path) -> None:
    findings = check_page(tmp_path, MARKDOWN)
    jargon = by_rule(findings, "jargon")
    assert places(jargon) == [
        where(MARKDOWN, "latency"),                      # heading
        where(MARKDOWN, "degraded"),                     # after a macro
        where(MARKDOWN, "latency]("),                    # link text
        where(MARKDOWN, "Latency is"),                   # admonition title
        where(MARKDOWN, "latency.", 1),                  # admonition body
        where(MARKDOWN, "latency.", 2),                  # inside an HTML block
    ]
    assert places(by_rule(findings, "plain-words")) == [where(MARKDOWN, "outage")]


def test_a_page_with_only_code_and_front_matter_has_nothing_to_say(tmp_path: Path) -> None:
    text = "---\ntitle: DNS\n---\n\n```\nuser error\n```\n"
    assert check_page(tmp_path, text) == []
