"""The fast word-list scanner finds exactly what the one big regular expression finds."""

from __future__ import annotations

import re
from functools import cache

import pytest

from macros.tone import load_rules
from macros.tone.markup import find_prose
from macros.tone.rules import PatternRule
from macros.tone.wordscan import compile_word_list, entry_index
from tests.helpers import REPO
from tests.tone_corpus_bad import BAD_SENTENCES
from tests.tone_corpus_bad_fourth import BAD_SENTENCES_FOURTH
from tests.tone_corpus_bad_second import BAD_SENTENCES_SECOND
from tests.tone_corpus_bad_third import BAD_SENTENCES_THIRD
from tests.tone_corpus_plain import PLAIN_SENTENCES

TRICKY = ("Kelvin \u212aB, long \u017fSO, dotted \u0130P, it’s naïve — DNS! ward P2, "
          "P2 incident; SAN San san; high latency LATENCY; a|b [x] (y)")


def found(matches) -> list[tuple[int, int, int]]:
    return [(m.start(), m.end(), entry_index(m)) for m in matches]


@cache
def texts() -> list[str]:
    pages = [p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").rglob("*.md"))]
    corpus = [*PLAIN_SENTENCES, *BAD_SENTENCES, *BAD_SENTENCES_SECOND, *BAD_SENTENCES_THIRD,
              *BAD_SENTENCES_FOURTH, TRICKY]
    joined = " ".join(corpus)
    return [*(find_prose(page).text for page in pages), joined, joined.upper(), joined.lower()]


@pytest.mark.parametrize("rule", [r for r in load_rules() if isinstance(r, PatternRule)],
                         ids=lambda r: r.name)
def test_each_word_rule_finds_what_its_full_pattern_finds(rule: PatternRule) -> None:
    assert rule.pattern.narrow is not None, "the rule should be sorted by first letter"
    for text in texts():
        assert found(rule.pattern.finditer(text)) == found(rule.pattern.pattern.finditer(text))


BODIES = [
    r"(?:high\s+|slow\s+)?latency",             # an optional start: three first letters
    r"(?-i:SAN)|storage\s+arrays?",             # capitals only, then any case
    r"(?:a|b|c|d|e|f)\s+one",                   # a wide start, split by letter
    r"(?<!ward[ ])(?-i:P[1-5])",                # looks behind
    r"[xy]\|z|[]|]q",                           # brackets and bars that are letters
    r"\d\d\s+codes?",                           # digits
    r"it’s|’tis",                               # a curly apostrophe
    r"k\w+",                                    # "k", which the Kelvin sign matches
    r"a\s+one",                                 # the same place as an earlier entry
]


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
@pytest.mark.parametrize("bounded", [True, False])
def test_tricky_entries_match_the_same_as_the_full_pattern(flags: int, bounded: bool) -> None:
    scanner = compile_word_list(BODIES, flags, bounded=bounded)
    assert scanner.narrow is not None
    text = ("slow latency, LATENCY; SAN san storage array; a one, b one, F one; ward P2 and P3; "
            "x|z ]q |q 42 codes; it’s ’tis; \u212aelvin kilo; " * 3)
    assert found(scanner.finditer(text)) == found(scanner.pattern.finditer(text))
    assert found(scanner.finditer(text))  # and it does find things


def test_an_entry_that_can_match_nothing_falls_back_to_the_full_pattern() -> None:
    scanner = compile_word_list([r"x?", "word"], re.IGNORECASE, bounded=False)
    assert scanner.narrow is None and scanner.shared is None
    assert found(scanner.finditer("a word")) == found(scanner.pattern.finditer("a word"))


def test_the_first_entry_in_the_list_wins_at_the_same_place() -> None:
    scanner = compile_word_list([r"(?:a|b|c|d|e)\s+one", r"a\s+one\s+two"], re.IGNORECASE,
                                bounded=True)
    assert found(scanner.finditer("a one two")) == [(0, 5, 0)]
