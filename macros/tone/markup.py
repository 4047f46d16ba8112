"""Find the prose in Markdown: blank out everything a reader does not read as a sentence.

The result has the same length and the same lines as the input, with front
matter, code, HTML comments and tags, macro calls, link addresses, attribute
lists and Markdown punctuation replaced by spaces, so a position in it is a
position in the file. It also cuts the prose into segments (paragraphs, list
items, headings, table cells, admonition titles) so sentences never run from
one into the next.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from macros.tone.prose import Span

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_HEADING = re.compile(r"^[ \t>]*#{1,6}(?:[ \t]|$)")
_CONTAINER = re.compile(r"^(?:[-*+][ \t]|\d{1,9}[.)][ \t]|!!!|\?\?\?|===|:[ \t]|\[\^[^\]]+\]:)")
_ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===)[ \t]*(?:[\w-]+(?:[ \t]+[\w-]+)*)?")
_TABLE_DIVIDER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_RULE_LINE = re.compile(r"^[ \t]*(?:(?:[-*_][ \t]*){3,}|=+|-+)[ \t]*$")

# Whole stretches that are never prose, in the order they are blanked.
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)*?(?<!`)\1(?!`)", re.S)
_NOT_PROSE = [
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S),
    re.compile(r"\]\([^)\s]*(?:[ \t]+(?:\"[^\"]*\"|'[^']*'))?[ \t]*\)"),
    re.compile(r"\]\[[^\]\n]*\]"),
    re.compile(r"^[ \t]*\[[^\]\n]+\]:.*$", re.M),
    re.compile(r"^[ \t]*\*\[[^\]\n]+\]:.*$", re.M),
    re.compile(r"<?(?:https?://|mailto:|www\.)[^\s<>)\]]+>?"),
    re.compile(r"\{:?[ \t]*[.#:][^}\n]*\}"),
    re.compile(r"(?<![\w:]):[a-z0-9+_-]+:(?![\w:])"),
    re.compile(r"\[[ xX]\](?=[ \t])"),
    re.compile(r"\[\^[^\]\n]+\]"),
]
# Markdown punctuation: blanked, but the words around it stay.
_PUNCTUATION = re.compile(
    r"\*+|(?<!\w)_+|_+(?!\w)|~~|==|\^\^|!\[|[\[\]]|^[ \t>]*#{1,6}[ \t]|^[ \t]*>+", re.M)
_TAG = re.compile(r"</?([A-Za-z][\w-]*)(?:\s[^<>]*)?/?>")
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "ol", "p", "section", "summary", "table", "td", "th", "tr", "ul",
})


@dataclass(frozen=True)
class Prose:
    """Blanked text (same length as the input) and its segments."""

    text: str
    segments: list[Span]


def without_code(text: str, *, page: bool = True) -> str:
    """`text` with front matter (when `page`), code blocks and inline code blanked."""
    text = text.replace("\r", " ")
    chars = list(text)
    lines = _lines(text)
    if page:
        _blank_front_matter(text, lines, chars)
    _blank_code_blocks(lines, chars)
    for match in _INLINE_CODE.finditer("".join(chars)):
        _blank(chars, match.start(), match.end())
    return "".join(chars)


def find_prose(text: str, *, page: bool = True) -> Prose:
    """The prose of Markdown `text`; `page` also skips front matter at the top."""
    text = text.replace("\r", " ")
    chars = list(without_code(text, page=page))
    lines = _lines(text)
    breaks: set[int] = set()
    for pattern in _NOT_PROSE:
        current = "".join(chars)
        for match in pattern.finditer(current):
            _blank(chars, match.start(), match.end())
    current = "".join(chars)
    for match in _TAG.finditer(current):
        _blank(chars, match.start(), match.end())
        if match.group(1).lower() in _BLOCK_TAGS:
            breaks.add(match.start())
    current = "".join(chars)
    for match in _PUNCTUATION.finditer(current):
        _blank(chars, match.start(), match.end())
    tables = _table_lines(text, lines)
    for number, (start, end) in enumerate(lines):
        line = text[start:end]
        admonition = _ADMONITION.match(line)
        if admonition:
            _blank(chars, start, start + admonition.end())
            for quote in re.finditer(r"[\"']", line[admonition.end():]):
                _blank(chars, start + admonition.end() + quote.start(),
                       start + admonition.end() + quote.end())
        elif number in tables:
            for pipe in re.finditer(r"\|", line):
                _blank(chars, start + pipe.start(), start + pipe.end())
                breaks.add(start + pipe.start())
            if _TABLE_DIVIDER.match(line):
                _blank(chars, start, end)
        elif _RULE_LINE.match(line):
            _blank(chars, start, end)
        list_item = _LIST_ITEM.match(line)
        if list_item:
            _blank(chars, start, start + list_item.end())
    blanked = "".join(chars)
    return Prose(blanked, _segments(text, blanked, lines, tables, breaks))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its line break."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _blank_front_matter(text: str, lines: list[tuple[int, int]], chars: list[str]) -> None:
    if not lines or text[lines[0][0]:lines[0][1]].rstrip() != "---":
        return
    for start, end in lines[1:]:
        if text[start:end].rstrip() in ("---", "..."):
            _blank(chars, 0, end)
            return


def _blank_code_blocks(lines: list[tuple[int, int]], chars: list[str]) -> None:
    """Blank fenced code, and indented code that is not inside a list or admonition."""
    text = "".join(chars)
    fence = ""
    in_container = False
    previous_blank = True
    in_indented_code = False
    for start, end in lines:
        line = text[start:end]
        if fence:
            _blank(chars, start, end)
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = ""
            continue
        opener = _FENCE.match(line)
        if opener:
            fence = opener.group(1)
            _blank(chars, start, end)
            previous_blank = False
            continue
        blank = not line.strip()
        indented = line.startswith(("    ", "\t"))
        if indented and not in_container and (previous_blank or in_indented_code):
            in_indented_code = True
            _blank(chars, start, end)
        elif not blank:
            in_indented_code = False
            if not indented:
                if _CONTAINER.match(line):
                    in_container = True
                elif previous_blank:
                    in_container = False
        previous_blank = blank


def _table_lines(text: str, lines: list[tuple[int, int]]) -> set[int]:
    """Numbers of the lines that are rows of a Markdown table."""
    rows: set[int] = set()
    for number in range(1, len(lines)):
        start, end = lines[number]
        line = text[start:end]
        if "-" not in line or not _TABLE_DIVIDER.match(line):
            continue
        header = text[lines[number - 1][0]:lines[number - 1][1]]
        if "|" not in header and "|" not in line:
            continue
        rows.update({number - 1, number})
        following = number + 1
        while following < len(lines):
            row = text[lines[following][0]:lines[following][1]]
            if not row.strip() or "|" not in row:
                break
            rows.add(following)
            following += 1
    return rows


def _segments(text: str, blanked: str, lines: list[tuple[int, int]], tables: set[int],
              breaks: set[int]) -> list[Span]:
    """Cut the prose into paragraphs, list items, headings, table cells and titles."""
    pieces: list[Span] = []
    current: list[int] | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            pieces.append(Span(current[0], current[1]))
            current = None

    for number, (start, end) in enumerate(lines):
        original = text[start:end]
        if not blanked[start:end].strip():
            close()
            continue
        on_its_own = (number in tables or _HEADING.match(original)
                      or _ADMONITION.match(original))
        if on_its_own or _LIST_ITEM.match(original) or _CONTAINER.match(original.lstrip()):
            close()
        if current is None:
            current = [start, end]
        else:
            current[1] = end
        if on_its_own:
            close()
    close()
    return [part for piece in pieces for part in _cut(piece, sorted(breaks))]


def _cut(piece: Span, breaks: list[int]) -> list[Span]:
    inside = [b for b in breaks if piece.start < b < piece.end]
    edges = [piece.start, *inside, piece.end]
    return [Span(a, b) for a, b in itertools.pairwise(edges) if b > a]
