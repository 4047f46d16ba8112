"""The prose of a Markdown page, and the switches written in its HTML comments."""

from __future__ import annotations

import re

from macros.tone.document import DOCS, Document, Unit
from macros.tone.markup import find_prose, without_code
from macros.tone.switches import Switch, parse_switch

_HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


def page_document(display: str, text: str) -> Document:
    """One page as one unit of prose; readability is measured over the whole page."""
    prose = find_prose(text)
    unit = Unit(prose.text, range(len(text)), prose.segments)
    document = Document(display, DOCS, text, units=[unit], groups=[[unit]])
    document.switches = _switches(document)
    return document


def _switches(document: Document) -> list[Switch]:
    """`<!-- tone: off RULES -->` covers its line, or when alone on its line the block
    below it (up to the next blank line); `<!-- tone: off-file RULES -->` the page."""
    text = document.source
    lines = text.split("\n")
    switches = []
    for match in _HTML_COMMENT.finditer(without_code(text)):
        parsed = parse_switch(match.group(1))
        if parsed is None:
            continue
        mode, rules = parsed
        line, col = document.position(match.start())
        last_line, end_col = document.position(match.end())
        if mode == "off-file":
            switches.append(Switch(rules, line, col, whole_file=True))
            continue
        alone = not lines[line - 1][:col - 1].strip() and \
            not lines[last_line - 1][end_col - 1:].strip()
        if alone:
            switches.append(Switch(rules, line, col, lines=_block_after(lines, last_line)))
        else:
            switches.append(Switch(rules, line, col, lines=(line, last_line)))
    return switches


def _block_after(lines: list[str], line: int) -> tuple[int, int]:
    """The lines of the block that starts after `line`, up to the next blank line."""
    first = line + 1
    while first <= len(lines) and not lines[first - 1].strip():
        first += 1
    last = first
    while last < len(lines) and lines[last].strip():
        last += 1
    return first, last
