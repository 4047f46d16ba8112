"""Find the matches of a long word list quickly, by the first letter of each entry.

Python's `re` tries every alternative of `\\b(?:a|b|c|...)\\b` at every word
boundary, so a vocabulary of a few hundred entries costs seconds on the
project's pages. `WordScanner` works out which first characters each entry
can start with and builds one pattern that looks at the first character and
then tries only the entries that can start with it, in their original order:

    \\b(?:(?=[aA])(?:entries starting with a)|(?=[bB])(?:...)|...)\\b

Entries that can start with many characters (say, "(?:high |slow )?latency")
would be copied into many branches, so they go into a second, shared pattern
instead. Both patterns are searched, and where both match at the same place
the earlier entry wins. The matches are exactly those of the full pattern's
`finditer`: leftmost first, the first entry in the list wins, no overlaps.

Working out first characters reads the pattern with the standard library's
own regular-expression parser. When an entry cannot be read that way (or can
match nothing at all), the scanner quietly uses the full pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

try:  # the parser `re` itself uses; private, so every use below has a fallback
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - a Python without it just scans slower
    sre_parse = None  # type: ignore[assignment]

_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
_DIGITS = frozenset("0123456789")
_SPACE = frozenset(" \t\n\r\f\v")
WIDE = 3  # an entry that can start with more characters than this goes into the shared pattern
_SIMPLE_START = re.compile(r"([A-Za-z0-9])(?![?*{])")
_NAME = re.compile(r"s(\d+)(?:_\d+)?")  # entry 7 is the group "s7", or "s7_2" in a branch


class _Unknown(Exception):
    """An entry whose first character cannot be worked out."""


@dataclass(frozen=True)
class WordScanner:
    """A compiled word list: the dispatching pattern, the shared one, and the full pattern."""

    source: str
    flags: int
    narrow: re.Pattern[str] | None = None
    shared: re.Pattern[str] | None = None

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The full pattern, compiled when first needed."""
        return re.compile(self.source, self.flags)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The same matches as `self.pattern.finditer(text)`, found faster."""
        if self.narrow is None and self.shared is None:
            yield from self.pattern.finditer(text)
            return
        pos, narrow, shared = 0, None, None
        while True:
            if self.narrow is not None and (narrow is None or narrow.start() < pos):
                narrow = self.narrow.search(text, pos)
            if self.shared is not None and (shared is None or shared.start() < pos):
                shared = self.shared.search(text, pos)
            found = _earlier(narrow, shared)
            if found is None:
                return
            yield found
            pos = found.end()


def _earlier(one: re.Match[str] | None, other: re.Match[str] | None) -> re.Match[str] | None:
    """The match that starts first; at the same place, the one of the earlier entry."""
    if one is None or other is None:
        return one or other
    if one.start() != other.start():
        return one if one.start() < other.start() else other
    return one if entry_index(one) < entry_index(other) else other


def entry_index(match: re.Match[str]) -> int:
    """The index of the entry whose named group matched."""
    name = match.lastgroup
    if name is None or not _NAME.fullmatch(name):
        name = next(k for k, v in match.groupdict().items() if v is not None)
    return int(_NAME.fullmatch(name).group(1))  # type: ignore[union-attr]


def compile_word_list(bodies: list[str], flags: int, *, bounded: bool) -> WordScanner:
    """One scanner for `bodies` (regular expressions), optionally `\\b`-bounded.

    The full pattern is `\\b(?:(?P<s0>body)|(?P<s1>body)|...)\\b`, or the same
    without the `\\b`s. Each body's top-level alternatives are sorted by first
    character on their own, so a long entry such as `a...|b...` is not copied
    whole into the branches for "a" and "b".
    """
    source = _bound(_join([(index, body) for index, body in enumerate(bodies)]), bounded)
    narrow: dict[str, list[tuple[int, str]]] = {}
    wide: list[tuple[int, str]] = []
    try:
        for index, body in enumerate(bodies):
            for top in _top_level_parts(body):
                for keys, part in _by_first_character(top, flags):
                    for entries in [wide] if len(keys) > WIDE else [narrow.setdefault(k, [])
                                                                     for k in sorted(keys)]:
                        _add(entries, index, part)
        branches = [f"(?={_letters(key)})(?:{_join(entries, branch)})"
                    for branch, (key, entries) in enumerate(sorted(narrow.items()))]
        first = f"(?={_letters(''.join(narrow))})"  # skips places no entry can start
        return WordScanner(
            source, flags,
            re.compile(_bound(first + "(?:" + "|".join(branches) + ")", bounded), flags)
            if branches else None,
            re.compile(_bound(_join(wide), bounded), flags) if wide else None,
        )
    except (_Unknown, re.error, RecursionError):
        scanner = WordScanner(source, flags)
        scanner.pattern  # noqa: B018 - compile now, so a broken list fails here
        return scanner


def _letters(keys: str) -> str:
    """A character class for the characters `keys`, in either case."""
    return "[" + "".join(sorted({re.escape(c) for k in keys for c in (k, k.upper())})) + "]"


def _add(entries: list[tuple[int, str]], index: int, part: str) -> None:
    """Add `part` of entry `index`, joining it to the entry's earlier parts."""
    if entries and entries[-1][0] == index:
        entries[-1] = (index, f"{entries[-1][1]}|{part}")
    else:
        entries.append((index, part))


def _join(entries: list[tuple[int, str]], branch: int | None = None) -> str:
    """The entries as named alternatives; in a branch, names get a suffix to stay unique."""
    suffix = "" if branch is None else f"_{branch}"
    return "|".join(f"(?P<s{index}{suffix}>{body})" for index, body in entries) or r"(?!)"


def _bound(pattern: str, bounded: bool) -> str:
    return rf"\b(?:{pattern})\b" if bounded else pattern


def _by_first_character(part: str, flags: int) -> list[tuple[frozenset[str], str]]:
    """`part` with the first characters it can start with; a wide part is split by them.

    `(?:server|storage|database) nodes?` becomes `(?:server|storage) nodes?` for
    "s" and `(?:database) nodes?` for "d"; `(?:high |slow )?latency` also gets
    `latency` for "l". The same matches, tried in the same order.
    """
    keys = _keys(_first_characters(part, flags))
    close = _closing(part) if len(keys) > WIDE and part.startswith("(?:") else -1
    if close < 0:
        return [(keys, part)]
    rest = part[close + 1:]
    optional = rest[:1] == "?" and rest[1:2] not in ("?", "+")
    if rest[:1] in ("*", "+", "{") or (rest[:1] == "?" and not optional):
        return [(keys, part)]
    rest = rest[1:] if optional else rest
    choices: dict[str, list[str]] = {}
    for choice in _top_level_parts(part[3:close]):
        for key in _keys(_first_characters(choice + rest, flags)):
            choices.setdefault(key, []).append(choice)
    split = [(frozenset([key]), f"(?:{'|'.join(group)}){rest}") for key, group in choices.items()]
    return split + (_by_first_character(rest, flags) if optional else [])


def _closing(part: str) -> int:
    """The index of the bracket that closes the one at the start of `part`; -1 if none."""
    depth, in_class, escaped, class_first = 0, False, False, 0
    for index, char in enumerate(part):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]" or index == class_first
        elif char == "[":
            in_class = True
            class_first = index + 1 + (part[index + 1:index + 2] == "^")
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _top_level_parts(body: str) -> list[str]:
    """`body` cut at each `|` that is not inside brackets, a character class or an escape."""
    parts, start, depth, in_class, escaped, class_first = [], 0, 0, False, False, 0
    for index, char in enumerate(body):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]" or index == class_first  # "[]a]": the first "]" is a letter
        elif char == "[":
            in_class = True
            class_first = index + 1 + (body[index + 1:index + 2] == "^")
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(body[start:index])
            start = index + 1
    parts.append(body[start:])
    return parts


def _keys(chars: frozenset[str]) -> frozenset[str]:
    """The lowercase first characters for `chars`, with their other case forms."""
    keys = set()
    for char in chars:
        for form in (char, char.lower(), char.upper(), char.casefold()):
            if form:
                keys.add(form[0].lower())
    return frozenset(keys)


def _first_characters(body: str, flags: int) -> frozenset[str]:
    """Every character a match of `body` can start with; `_Unknown` if it may be anything."""
    simple = _SIMPLE_START.match(body)
    if simple:  # most entries start with a plain letter: no need to parse them
        return frozenset(simple.group(1))
    if sre_parse is None:
        raise _Unknown
    chars, can_be_empty = _first_of_sequence(sre_parse.parse(body, flags).data)
    if can_be_empty:
        raise _Unknown
    return chars


def _first_of_sequence(items: list) -> tuple[frozenset[str], bool]:
    chars: set[str] = set()
    for op, value in items:
        found, can_be_empty = _first_of_item(str(op), value)
        chars |= found
        if not can_be_empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _first_of_item(op: str, value: object) -> tuple[frozenset[str], bool]:
    if op == "LITERAL":
        return frozenset(chr(value)), False  # type: ignore[arg-type]
    if op == "IN":
        return _first_of_set(value), False  # type: ignore[arg-type]
    if op == "SUBPATTERN":
        return _first_of_sequence(value[3].data)  # type: ignore[index]
    if op == "ATOMIC_GROUP":
        return _first_of_sequence(value.data)  # type: ignore[attr-defined]
    if op == "BRANCH":
        chars: set[str] = set()
        can_be_empty = False
        for branch in value[1]:  # type: ignore[index]
            found, empty = _first_of_sequence(branch.data)
            chars |= found
            can_be_empty = can_be_empty or empty
        return frozenset(chars), can_be_empty
    if op in _REPEATS:
        minimum, _, inner = value  # type: ignore[misc]
        found, empty = _first_of_sequence(inner.data)
        return found, empty or minimum == 0
    if op in _ZERO_WIDTH:
        return frozenset(), True
    raise _Unknown


def _first_of_set(items: list) -> frozenset[str]:
    chars: set[str] = set()
    for op, value in items:
        op = str(op)
        if op == "LITERAL":
            chars.add(chr(value))
        elif op == "RANGE" and value[1] - value[0] < 512:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        elif op == "CATEGORY" and str(value) == "CATEGORY_DIGIT":
            chars |= _DIGITS
        elif op == "CATEGORY" and str(value) == "CATEGORY_SPACE":
            chars |= _SPACE
        else:
            raise _Unknown
    return frozenset(chars)
