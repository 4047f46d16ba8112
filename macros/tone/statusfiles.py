"""The prose of a status file: its text fields, each character placed in the file.

YAML folds and unescapes text on the way in (`>` joins lines, `"\\n"` is a line
break, `''` is a quote), so the position of a word in a value is not simply
the value's start plus an offset. `align` walks the value and the file side by
side to find where each character of the value was written.
"""

from __future__ import annotations

import re

import yaml

from macros.tone.document import STATUS, Document, Unit, UpdateEntry
from macros.tone.markup import find_prose
from macros.tone.switches import Switch, parse_switch
from macros.yamlsafe import Key, YamlDoc, dotted

# The fields people write for readers, as named in status-format.md.
HEADING_FIELDS = ("title", "affects")  # checked word by word; too short to grade
TOP_FIELDS = ("why", "benefit", "prepare", "during")
UPDATE_FIELDS = ("message", "workaround", "data_impact")

_LINE_BREAKS = "\n\r\x85\u2028\u2029"
_SKIPPABLE = " \t'\"\ufeff" + _LINE_BREAKS
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_HEX_LENGTH = {"x": 2, "u": 4, "U": 8}
_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#([^\n]*)", re.M)


def status_document(doc: YamlDoc) -> Document:
    """The text fields, readability groups, updates and switches of one status file.

    The title and `affects` are read by the word rules but not graded for
    readability: a few words say little about it.
    """
    document = Document(doc.display, STATUS, doc.text)
    data = doc.data if isinstance(doc.data, dict) else {}
    top = [unit for name in TOP_FIELDS for unit in _field_units(doc, document, (name,), data)]
    if top:
        document.groups.append(top)
    updates = data.get("updates")
    for index, update in enumerate(updates if isinstance(updates, list) else []):
        if not isinstance(update, dict):
            continue
        key: Key = ("updates", index)
        group = [unit for name in UPDATE_FIELDS
                 for unit in _field_units(doc, document, (*key, name), update)]
        if group:
            document.groups.append(group)
        status = update.get("status")
        document.updates.append(UpdateEntry(
            index, status if isinstance(status, str) else "",
            frozenset(name for name, value in update.items() if _filled(value)), key))
        document.update_positions[key] = doc.position(key)
    heading = [unit for name in HEADING_FIELDS
               for unit in _field_units(doc, document, (name,), data)]
    document.units = heading + [unit for group in document.groups for unit in group]
    document.switches = _switches(doc, document)
    return document


def _filled(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _field_units(doc: YamlDoc, document: Document, key: Key, data: dict) -> list[Unit]:
    value = data.get(key[-1])
    if isinstance(value, str):
        return [_unit(doc, document, key, value)]
    if isinstance(value, list):
        return [_unit(doc, document, (*key, i), item) for i, item in enumerate(value)
                if isinstance(item, str)]
    return []


def _unit(doc: YamlDoc, document: Document, key: Key, value: str) -> Unit:
    start = document.offset(*doc.position(key))
    prose = find_prose(value, page=False)
    return Unit(prose.text, align(doc.text, start, value), prose.segments, dotted(key), key)


def align(source: str, start: int, value: str) -> list[int]:
    """The offset in `source` of each character of `value`, a scalar written at `start`.

    Handles plain, single-quoted, double-quoted (with escapes), literal `|` and
    folded `>` scalars. If the two ever disagree, the rest of the value is
    placed where it was last matched, so a finding still lands on its field.
    """
    pos = start
    if source.startswith(("|", ">"), pos):
        line_end = source.find("\n", pos)
        pos = len(source) if line_end < 0 else line_end + 1
    double = source.startswith('"', pos)
    if double or source.startswith("'", pos):
        pos += 1
    offsets: list[int] = []
    for char in value:
        matched = False
        while pos < len(source):
            here = source[pos]
            if double and here == "\\":
                decoded, width = _escape(source, pos)
                if decoded is None:  # an escaped line break, then indentation
                    pos += width
                    while pos < len(source) and source[pos] in " \t":
                        pos += 1
                    continue
                if decoded == char:
                    offsets.append(pos)
                    pos += width
                    matched = True
                break
            if here == char or (char in " \n" and here in _LINE_BREAKS):
                offsets.append(pos)
                pos += 1
                matched = True
                break
            if here not in _SKIPPABLE:
                break
            pos += 1
        if not matched:
            break
    last = offsets[-1] if offsets else start
    return offsets + [last] * (len(value) - len(offsets))


def _escape(source: str, pos: int) -> tuple[str | None, int]:
    """The character a double-quoted escape at `pos` stands for, and its width.

    None stands for an escaped line break, which adds nothing to the value.
    """
    code = source[pos + 1:pos + 2]
    if code in ("\n", "\r"):
        return None, 2
    if code in _HEX_LENGTH:
        digits = source[pos + 2:pos + 2 + _HEX_LENGTH[code]]
        try:
            return chr(int(digits, 16)), 2 + len(digits)
        except ValueError:
            return "", 1
    return _ESCAPES.get(code, ""), 2


# --- switches -------------------------------------------------------------------


def _switches(doc: YamlDoc, document: Document) -> list[Switch]:
    """`# tone: off RULES` (this field or the next) and `# tone: off-file RULES`."""
    scalars = _scalar_spans(doc.text)
    lines = doc.text.split("\n")
    switches = []
    for match in _COMMENT.finditer(doc.text):
        if any(a <= match.start() < b for a, b in scalars):
            continue
        parsed = parse_switch(match.group(1))
        if parsed is None:
            continue
        mode, rules = parsed
        line, col = document.position(match.start())
        if mode == "off-file":
            switches.append(Switch(rules, line, col, whole_file=True))
            continue
        own_line = not lines[line - 1][:col - 1].strip()
        if own_line:
            target = _next_content_line(lines, line)
            switches.append(Switch(rules, line, col, lines=(target, target),
                                   keys=_nodes_starting_on(doc, target)))
        else:
            spanning = tuple(u.key for u in document.units
                             if _covers_line(document, doc, u, line))
            keys = _nodes_starting_on(doc, line) + spanning
            switches.append(Switch(rules, line, col, lines=(line, line), keys=keys))
    return switches


def _scalar_spans(text: str) -> list[tuple[int, int]]:
    """Where text values are written; a block scalar's header line (`>  # note`) is not."""
    spans = []
    for token in _tokens(text):
        if isinstance(token, yaml.ScalarToken):
            start = token.start_mark.index
            if token.style in ("|", ">"):
                start = text.find("\n", start) + 1 or token.end_mark.index
            spans.append((start, token.end_mark.index))
    return spans


def _next_content_line(lines: list[str], after: int) -> int:
    for number in range(after + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return after


def _nodes_starting_on(doc: YamlDoc, line: int) -> tuple[Key, ...]:
    """The outermost fields or list items that begin on `line`."""
    keys = [k for k, (ln, _) in doc.key_positions.items() if ln == line]
    keys += [k for k, (ln, _) in doc.value_positions.items()
             if ln == line and k and isinstance(k[-1], int)]
    if not keys:
        return ()
    shortest = min(len(k) for k in keys)
    return tuple(sorted({k for k in keys if len(k) == shortest}, key=str))


def _covers_line(document: Document, doc: YamlDoc, unit: Unit, line: int) -> bool:
    """True when `unit`'s field, from its name to its last word, includes `line`."""
    first = doc.key_positions.get(unit.key, doc.position(unit.key))[0]
    last = document.position(unit.offsets[-1])[0] if unit.offsets else first
    return first <= line <= last


def _tokens(text: str) -> list[yaml.Token]:
    """The YAML tokens of `text`: libyaml's when it has them (the same tokens and
    positions, several times faster), else PyYAML's."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return list(yaml.scan(text, Loader=fast))
        except yaml.YAMLError:
            pass
    return list(yaml.scan(text, Loader=yaml.SafeLoader))
