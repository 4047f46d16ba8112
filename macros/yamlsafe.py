"""Safe YAML reading that remembers where every value came from.

Status files are written by people under pressure, so reading them must never
run code, blow up memory or lose a position: custom tags and aliases are
refused, duplicate keys are reported, files have a size cap, and every value
keeps its line and column for error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from macros.problems import Problem

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 40

Key = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_KEEP_AS_TEXT = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"}


@dataclass
class YamlDoc:
    """A parsed YAML file: plain Python data plus the position of each value."""

    display: str
    data: Any
    text: str = ""
    value_positions: dict[Key, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Key, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def position(self, key: Key, *, of_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value (or key) at `key`, else its nearest parent."""
        table = self.key_positions if of_key else self.value_positions
        while key:
            if key in table:
                return table[key]
            if key in self.value_positions:
                return self.value_positions[key]
            key = key[:-1]
        return self.value_positions.get((), (1, 1))


class YamlFileError(Exception):
    """A file that cannot be read as YAML at all; carries one problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class _RefusingLoader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases, so a small file cannot expand into a huge one,
    and nesting deeper than `MAX_DEPTH` as soon as it starts (PyYAML's scanner slows
    down with every open bracket, so 2,000 "[" would take seconds to refuse later)."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _Refused(
                event.start_mark,
                "anchors and aliases (*name) are not allowed; write the value out in full",
            )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH + 1:
                raise _Refused(self.peek_event().start_mark, "the file is nested too deeply "
                               "to read; if this is text, put it in quotes")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Refused(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _friendly_yaml_error(error: yaml.YAMLError, text: str) -> tuple[tuple[int, int], str]:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    where = _pos(mark) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    if isinstance(error, yaml.reader.ReaderError):
        return (1, 1), "the file holds a character that is not allowed in text; remove it"
    slip = _slip(error, text, where[0])
    if slip:
        return slip[0], f"this is not valid YAML: {slip[1]}"
    hints = {
        "found character '\\t'": "use spaces, not tabs, to indent",
        "mapping values are not allowed here": (
            "a colon followed by a space starts a new field; put the whole text in quotes"
        ),
        "found undefined alias": "anchors and aliases (*name) are not allowed",
        "expected a single document": "the file holds more than one document (---); keep one",
    }
    for needle, hint in hints.items():
        if needle in str(error):
            return where, f"this is not valid YAML: {hint}"
    return where, f"this is not valid YAML: {problem}"


# libyaml reads a file about four times faster than PyYAML's Python parser. It is
# used for files that cannot hold an alias (no "*"), which the Python loader
# above refuses; anything libyaml cannot read is read again by the Python parser,
# whose messages the explanations below know.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None and "*" not in text:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=_RefusingLoader)


# The slips people make most, explained at the line where they start (the parser
# often notices them a line or more later, in words only a parser uses).
_FIELD = re.compile(r"^( *)(- +)?[^\s#:\-][^:#]*:(\s|$)")
_NO_SPACE_AFTER_DASH = re.compile(r"^( *)-([^\s\-])")
_OPENS_QUOTE = re.compile(r"^ *(?:- +)?[^\s#:][^:#]*: +([\"'])(.*)$")


def _slip(error: yaml.YAMLError, text: str, error_line: int
          ) -> tuple[tuple[int, int], str] | None:
    """A common slip before or at `error_line`, in plain words at its own line."""
    lines = text.splitlines()[:error_line]
    context = getattr(error, "context", None) or ""
    start = getattr(error, "context_mark", None)
    if "quoted scalar" in context and start is not None:
        quote = text[start.index] if start.index < len(text) else '"'
        return _pos(start), _UNCLOSED.format(quote=quote)
    for number, line in enumerate(lines, start=1):
        dash = _NO_SPACE_AFTER_DASH.match(line)
        if dash and not line.lstrip().startswith("---"):
            word = line.strip().split(":", 1)[0]
            return (number, len(dash.group(1)) + 1), (
                f'a list item needs a space after the dash: write "- {word[1:]}:" instead of '
                f'"{word}:"')
    for number, line in enumerate(lines, start=1):
        opened = _OPENS_QUOTE.match(line)
        if opened and not _closes(opened.group(2), opened.group(1)):
            column = line.index(opened.group(1), line.index(":")) + 1
            return (number, column), _UNCLOSED.format(quote=opened.group(1))
    return _misaligned(lines, error_line)


_UNCLOSED = ("this text starts with a quote ({quote}) that is never closed: add the closing "
             "{quote} at the end of the text, or remove the opening one")


def _closes(rest: str, quote: str) -> bool:
    """True when `rest` (after an opening quote) holds its closing quote."""
    if quote == "'":
        return "'" in rest.replace("''", "")
    return re.search(r'(?<!\\)"', rest.replace("\\\\", "")) is not None


def _misaligned(lines: list[str], error_line: int) -> tuple[tuple[int, int], str] | None:
    """The error's line when it starts at a column no line above it uses: one space
    too many or too few."""
    if not 0 < error_line <= len(lines):
        return None
    line = lines[error_line - 1]
    if not _FIELD.match(line):
        return None
    indent = len(line) - len(line.lstrip(" "))
    above = []  # (line number, column where its field starts)
    for number, earlier in enumerate(lines[:error_line - 1], start=1):
        field = _FIELD.match(earlier)
        if field:
            dash = len(field.group(2) or "")
            above.append((number, len(field.group(1)) + dash))
            if dash:
                above.append((number, len(field.group(1))))
    if not above or indent in {column for _, column in above}:
        return None
    number, column = min(reversed(above), key=lambda found: abs(found[1] - indent))
    return (error_line, indent + 1), (
        f"this line starts {_spaces(indent)} in, but the field on line {number} starts "
        f"{_spaces(column)} in: line the fields up, with spaces, so each one starts right "
        "under the one it belongs with")


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def parse_yaml(text: str, display: str) -> YamlDoc:
    """Parse YAML `text`; raise `YamlFileError` naming `display` when it cannot be read."""
    try:
        root = _compose(text)
    except _Refused as refused:
        line, col = _pos(refused.mark)
        raise YamlFileError(Problem(display, line, col, "", refused.message)) from None
    except yaml.YAMLError as error:
        (line, col), message = _friendly_yaml_error(error, text)
        raise YamlFileError(Problem(display, line, col, "", message)) from None
    except RecursionError:
        raise YamlFileError(
            Problem(display, 1, 1, "", "the file is nested too deeply to read")
        ) from None
    doc = YamlDoc(display=display, data=None, text=text)
    if root is not None:
        doc.data = _convert(root, (), doc, depth=0)
    return doc


def read_yaml(path: Path, display: str) -> YamlDoc:
    """Read and parse one YAML file with a size cap; errors name `display`."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlFileError(
                Problem(display, 1, 1, "", f"the file is {size // 1024} KB; the limit is "
                        f"{MAX_FILE_BYTES // 1024} KB. Split it or shorten it")
            )
        raw = path.read_bytes()
    except OSError as error:
        raise YamlFileError(
            Problem(display, 1, 1, "", f"cannot read the file: {error.strerror}")
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlFileError(
            Problem(display, line, 1, "", "the file is not UTF-8 text; save it as UTF-8")
        ) from None
    if "\x00" in text:
        raise YamlFileError(Problem(display, 1, 1, "", "the file is not text (it holds NUL bytes)"))
    return parse_yaml(text, display)


def _convert(node: yaml.Node, key: Key, doc: YamlDoc, depth: int) -> Any:
    if depth > MAX_DEPTH:
        line, col = _pos(node.start_mark)
        raise YamlFileError(Problem(doc.display, line, col, "", "the file is nested too deeply"))
    doc.value_positions[key] = _pos(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, key, doc, depth)
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            _refuse_tag(node, doc)
        return [
            _convert(item, (*key, index), doc, depth + 1) for index, item in enumerate(node.value)
        ]
    if node.tag not in _PLAIN_TAGS:
        _refuse_tag(node, doc)
    if node.tag in _KEEP_AS_TEXT:
        return node.value
    try:
        return _RefusingLoader("").construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        return node.value


def _convert_mapping(node: yaml.MappingNode, key: Key, doc: YamlDoc, depth: int) -> dict:
    if node.tag != "tag:yaml.org,2002:map":
        _refuse_tag(node, doc)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        line, col = _pos(key_node.start_mark)
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlFileError(Problem(
                doc.display, line, col, "",
                "merging fields with << is not allowed; write the fields out in full",
            ))
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlFileError(
                Problem(doc.display, line, col, "", "a field name must be plain text")
            )
        name = key_node.value
        if name in result:
            # Keep the first value and go on, so the rest of the file is checked too.
            first_line, _ = doc.key_positions[(*key, name)]
            doc.problems.append(Problem(
                doc.display, line, col, dotted((*key, name)),
                f"this field appears twice (first on line {first_line}); keep one and "
                "delete the other",
            ))
            continue
        doc.key_positions[(*key, name)] = (line, col)
        result[name] = _convert(value_node, (*key, name), doc, depth + 1)
    return result


def _refuse_tag(node: yaml.Node, doc: YamlDoc) -> None:
    line, col = _pos(node.start_mark)
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    raise YamlFileError(
        Problem(doc.display, line, col, "", f"the tag {tag} is not allowed; remove it")
    )


def dotted(key: Key) -> str:
    """Write a key path the way error messages show it: `updates[1].status`."""
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out

