"""Sentences said twice: in one update, or in every update of an incident.

A reader who opens an update wants what is new. The same sentence twice in
one message wastes their time, and the same sentence in every update ("We
apologise for any inconvenience. Further updates will follow.") tells them
the words were pasted, not written for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from macros.tone.document import Document, Unit
from macros.tone.prose import Span

_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
_ENDING = " \t\n.!?;:,\"'’”)"
SHORT = 8  # words shown when a repeated sentence is quoted in a finding


@dataclass(frozen=True)
class Said:
    """One sentence where it was written: its unit, its span and its words."""

    unit: Unit
    span: Span

    @property
    def text(self) -> str:
        return " ".join(self.unit.text[self.span.start:self.span.end].split())

    @property
    def key(self) -> str:
        """The sentence as compared: any case, any spacing, no closing full stop."""
        return self.text.lower().rstrip(_ENDING)

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))

    def quoted(self) -> str:
        """The sentence for a finding, shortened to its first few words."""
        words = self.text.rstrip(_ENDING).split()
        return " ".join(words) if len(words) <= SHORT else " ".join(words[:SHORT]) + " …"


def sentences(units: Iterable[Unit], min_words: int) -> list[Said]:
    """The sentences of `units` with at least `min_words` words, in order."""
    return [said for unit in units for span in unit.sentences()
            if (said := Said(unit, span)).words >= min_words]


def repeated_within(document: Document, min_words: int) -> Iterator[Said]:
    """Each second (third, ...) time a sentence is said in one update or notice."""
    for group in document.groups:
        seen: set[str] = set()
        for said in sentences(group, min_words):
            if said.key in seen:
                yield said
            seen.add(said.key)


def in_every_update(document: Document, field: str, min_words: int,
                    min_updates: int = 2) -> Iterator[Said]:
    """Sentences found in `field` of every update that fills it in, at the last one.

    Only files with at least `min_updates` such updates are looked at.
    """
    per_update = []
    for update in document.updates:
        key = (*update.key, field)
        units = [u for u in document.units if u.key == key]
        if units:
            per_update.append(sentences(units, min_words))
    if len(per_update) < min_updates:
        return
    common = set.intersection(*({s.key for s in said} for said in per_update))
    reported: set[str] = set()
    for said in per_update[-1]:
        if said.key in common and said.key not in reported:
            reported.add(said.key)
            yield said
