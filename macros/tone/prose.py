"""Sentences and counts of plain prose, for the length and readability rules.

Counting words and syllables is textstat's job (0.7.8, which works offline);
splitting sentences is done here so that list items, headings and table cells
count as sentences of their own and "e.g." or "ext. 4444" do not end one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import textstat

# Short forms that end with a full stop but do not end a sentence.
ABBREVIATIONS = frozenset({
    "e.g", "eg", "i.e", "ie", "etc", "ext", "tel", "approx", "vs", "cf", "dr", "mr",
    "mrs", "ms", "prof", "dept", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec",
})
_SENTENCE_END = re.compile(r"[.!?]+[\"'’”)\]]*(?=\s|$)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_HAS_WORD = re.compile(r"[A-Za-z0-9]")
_LONG_WORD = re.compile(r"[A-Za-z]{7,}")

# The names a metric formula may use, as in Vale's `metric` rules.
METRIC_VARIABLES = (
    "words", "sentences", "syllables", "characters", "polysyllabic_words",
    "long_words", "paragraphs",
)


@dataclass(frozen=True)
class Span:
    """A stretch of text: [start, end) indexes."""

    start: int
    end: int


def split_sentences(text: str, segment: Span) -> list[Span]:
    """The sentences in `text[segment.start:segment.end]`, trimmed, as spans of `text`."""
    spans = []
    start = segment.start
    piece = text[segment.start:segment.end]
    for match in _SENTENCE_END.finditer(piece):
        if match.group().startswith(".") and len(match.group().rstrip("\"'’”)]")) == 1:
            before = _WORD_BEFORE.search(piece[:match.start()])
            if before and before.group(1).lower() in ABBREVIATIONS:
                continue
        end = segment.start + match.end()
        spans.append(_trimmed(text, start, end))
        start = end
    spans.append(_trimmed(text, start, segment.end))
    return [s for s in spans if _HAS_WORD.search(text[s.start:s.end])]


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def metric_values(sentences: Iterable[str], paragraphs: int,
                  names: Iterable[str] = METRIC_VARIABLES) -> dict[str, float]:
    """Vale's metric variables `names` for these sentences, counted with textstat.

    Only the counts asked for are made: counting syllables is the slow part.
    """
    sentences = [" ".join(s.split()) for s in sentences]
    joined = " ".join(sentences)
    counts = {
        "words": lambda: sum(textstat.lexicon_count(s) for s in sentences),
        "sentences": lambda: len(sentences),
        "syllables": lambda: textstat.syllable_count(joined),
        "characters": lambda: textstat.char_count(joined),
        "polysyllabic_words": lambda: textstat.polysyllabcount(joined),
        "long_words": lambda: len(_LONG_WORD.findall(joined)),
        "paragraphs": lambda: paragraphs,
    }
    return {name: float(counts[name]()) for name in names}


def sentence_grade(sentence: str) -> float:
    """The Flesch-Kincaid grade of one sentence (textstat), to find the hardest one."""
    return float(textstat.flesch_kincaid_grade(" ".join(sentence.split())))
