"""What the rules read: prose pieces that know where each character came from."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from macros.tone.prose import Span, split_sentences
from macros.tone.switches import Switch
from macros.yamlsafe import Key

STATUS = "status"
DOCS = "docs"
TARGETS = (STATUS, DOCS)


@dataclass
class Unit:
    """One piece of prose: a YAML text field, or the prose of a Markdown page.

    `text` keeps the length of the value it came from; code, links, markup and
    macros are blanked with spaces, so an index into `text` is an index into the
    value, and `offsets[i]` is where character `i` sits in the file.
    """

    text: str
    offsets: Sequence[int]
    segments: list[Span]
    field: str = ""
    key: Key = ()

    def sentences(self) -> list[Span]:
        """The sentences of every segment, in order."""
        return [s for segment in self.segments for s in split_sentences(self.text, segment)]


@dataclass(frozen=True)
class UpdateEntry:
    """One update of a status file, for the rules about what an update must say."""

    index: int
    status: str
    present: frozenset[str]
    key: Key


@dataclass
class Document:
    """One file to check: its prose units, their groups for readability, its switches."""

    path: str
    target: str
    source: str
    units: list[Unit] = field(default_factory=list)
    groups: list[list[Unit]] = field(default_factory=list)
    updates: list[UpdateEntry] = field(default_factory=list)
    update_positions: dict[Key, tuple[int, int]] = field(default_factory=dict)
    switches: list[Switch] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    @property
    def line_starts(self) -> list[int]:
        """The offset where each line of the file begins."""
        if not self._line_starts:
            self._line_starts = [0] + [i + 1 for i, c in enumerate(self.source) if c == "\n"]
        return self._line_starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset in the file."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def offset(self, line: int, col: int) -> int:
        """The character offset of 1-based (line, column)."""
        return self.line_starts[line - 1] + col - 1

    def unit_position(self, unit: Unit, index: int) -> tuple[int, int]:
        """1-based (line, column) of character `index` of `unit`."""
        if not unit.offsets:
            return (1, 1)
        index = min(max(index, 0), len(unit.offsets) - 1)
        return self.position(unit.offsets[index])
