"""The house style as rule files, read in the format of Vale's rule types.

Each `*.yml` file in `macros/tone/rules/` is one rule; its file name is the
rule's name. The types and fields are a subset of Vale's:

- `existence`: `tokens` (words or regular expressions), `ignorecase`, `nonword`,
  `exceptions`. `%s` in `message` is the text found.
- `substitution`: `swap` maps what was found (word or regular expression) to
  the advice shown in brackets; `ignorecase`, `nonword`, `exceptions`.
- `occurrence`: `token` counted per `scope` (`sentence` or `text`) against
  `max` or `min`. `%s` in `message` is the count.
- `metric`: `formula` over counts (words, sentences, syllables, ...) and a
  `condition` such as `> 8.0`. `%s` in `message` is the value.

Bedside adds fields of its own: `suggest` (the kind advice shown in
brackets; for `metric`, `%s` there names the hardest sentence's line),
`targets` (`status`, `docs` or both; default both), `min_words` for `metric`
(too few words say little about readability), and two types: `update`, which
asks each update with one of `statuses` to fill in `field`, and `duplicate`,
which finds a sentence said twice in one update (`scope: update`) or in
every update's `field` (`scope: incident`); `%s` is the sentence. Vale's own
`repetition` type is about a word typed twice, which is another thing.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.paths import display_path
from macros.problems import Problem, did_you_mean
from macros.tone.document import TARGETS, Document, Unit
from macros.tone.findings import LEVELS, Finding
from macros.tone.formula import (
    Formula,
    FormulaError,
    compile_condition,
    compile_formula,
    formula_names,
)
from macros.tone.prose import METRIC_VARIABLES, Span, metric_values, sentence_grade
from macros.tone.repeats import in_every_update, repeated_within
from macros.tone.wordscan import WordScanner, compile_word_list, entry_index
from macros.yamlsafe import YamlDoc, YamlFileError, dotted, read_yaml

RULES_DIR = Path(__file__).resolve().parent / "rules"
RULE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_COMMON = ("extends", "message", "level", "suggest", "targets", "description", "link")
_FIELDS: dict[str, tuple[str, ...]] = {
    "existence": ("tokens", "ignorecase", "nonword", "exceptions"),
    "substitution": ("swap", "ignorecase", "nonword", "exceptions"),
    "occurrence": ("token", "max", "min", "scope"),
    "metric": ("formula", "condition", "min_words"),
    "update": ("field", "statuses"),
    "duplicate": ("scope", "field", "min_words"),
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    "existence": ("tokens",),
    "substitution": ("swap",),
    "occurrence": ("token",),
    "metric": ("formula", "condition"),
    "update": ("field", "statuses"),
    "duplicate": ("scope",),
}
_SCOPES = ("sentence", "text")
_DUPLICATE_SCOPES = ("update", "incident")


class RuleError(Exception):
    """Rule files that cannot be used; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Rule(ABC):
    """What every rule has: a name, a level, a message, advice and where it applies."""

    name: str
    level: str
    message: str
    suggest: str
    targets: frozenset[str]

    @abstractmethod
    def check(self, doc: Document) -> list[Finding]:
        """Everything this rule finds in `doc`."""

    def finding(self, doc: Document, unit: Unit, index: int, value: str,
                suggestion: str | None = None) -> Finding:
        """A finding at character `index` of `unit`, with `%s` filled by `value`."""
        line, col = doc.unit_position(unit, index)
        advice = _fill(self.suggest, value) if suggestion is None else suggestion
        return Finding(doc.path, line, col, self.level, self.name, _fill(self.message, value),
                       advice, unit.field, unit.key)


@dataclass(frozen=True)
class PatternRule(Rule):
    """`existence` and `substitution`: words or patterns that should not be there."""

    pattern: WordScanner
    exceptions: tuple[re.Pattern[str], ...] = ()
    advice: tuple[str, ...] = ()

    def check(self, doc: Document) -> list[Finding]:
        found = []
        for unit in doc.units:
            for match in self.pattern.finditer(unit.text):
                text = " ".join(match.group().split())
                if any(e.fullmatch(text) for e in self.exceptions):
                    continue
                advice = None
                if self.advice:  # substitution: the advice of the `swap` entry that matched
                    advice = self.advice[entry_index(match)]
                found.append(self.finding(doc, unit, match.start(), text, advice))
        return found


@dataclass(frozen=True)
class OccurrenceRule(Rule):
    """`occurrence`: too many (or too few) of a token in each sentence or text."""

    token: re.Pattern[str]
    max: int | None = None
    min: int | None = None
    scope: str = "sentence"

    def check(self, doc: Document) -> list[Finding]:
        found = []
        for unit in doc.units:
            spans = unit.sentences() if self.scope == "sentence" else [Span(0, len(unit.text))]
            for span in spans:
                count = len(self.token.findall(unit.text, span.start, span.end))
                if (self.max is not None and count > self.max) or (
                        self.min is not None and count < self.min):
                    found.append(self.finding(doc, unit, span.start, str(count)))
        return found


@dataclass(frozen=True)
class MetricRule(Rule):
    """`metric`: a formula over counts, per update, planned-work notice or page."""

    formula: Formula
    condition: Callable[[float], bool]
    min_words: int = 0
    counts: frozenset[str] = frozenset(METRIC_VARIABLES)

    def check(self, doc: Document) -> list[Finding]:
        found = []
        for group in doc.groups:
            sentences = [(unit, span) for unit in group for span in unit.sentences()]
            if not sentences:
                continue
            texts = [u.text[s.start:s.end] for u, s in sentences]
            paragraphs = sum(len(u.segments) for u in group)
            values = metric_values(texts, paragraphs, ("words",))
            if values["words"] < max(self.min_words, 1):
                continue
            values |= metric_values(texts, paragraphs, self.counts - {"words"})
            try:
                value = self.formula(values)
            except (ZeroDivisionError, OverflowError):
                continue
            if not self.condition(value):
                continue
            unit, span = max(sentences, key=lambda us: sentence_grade(
                us[0].text[us[1].start:us[1].end]))
            line, _ = doc.unit_position(unit, span.start)
            first_unit, first = sentences[0]
            found.append(self.finding(doc, first_unit, first.start, f"{value:.1f}",
                                      _fill(self.suggest, f"line {line}")))
        return found


@dataclass(frozen=True)
class UpdateRule(Rule):
    """Bedside's `update`: each update in one of `statuses` fills in `field`."""

    field: str
    statuses: frozenset[str]

    def check(self, doc: Document) -> list[Finding]:
        found = []
        for update in doc.updates:
            if update.status in self.statuses and self.field not in update.present:
                line, col = doc.update_positions.get(update.key, (1, 1))
                found.append(Finding(doc.path, line, col, self.level, self.name,
                                     _fill(self.message, update.status),
                                     _fill(self.suggest, update.status),
                                     dotted((*update.key, self.field)), update.key))
        return found


@dataclass(frozen=True)
class DuplicateRule(Rule):
    """Bedside's `duplicate`: a sentence twice in one update, or in every update."""

    scope: str
    field: str = "message"
    min_words: int = 3

    def check(self, doc: Document) -> list[Finding]:
        said = (repeated_within(doc, self.min_words) if self.scope == "update"
                else in_every_update(doc, self.field, self.min_words))
        return [self.finding(doc, s.unit, s.span.start, s.quoted()) for s in said]


def _fill(template: str, value: str) -> str:
    return template.replace("%s", value)




# --- loading ------------------------------------------------------------------


def load_rules(directory: Path = RULES_DIR) -> list[Rule]:
    """Every rule in `directory`, checked; raise `RuleError` naming each bad field."""
    problems: list[Problem] = []
    rules = []
    for path in sorted(directory.glob("*.yml")):
        rule = _load_rule(path, problems)
        if rule is not None:
            rules.append(rule)
    if not rules and not problems:
        problems.append(Problem(display_path(directory), 1, 1, "",
                                "there are no rule files (*.yml) here"))
    if problems:
        raise RuleError(problems)
    return rules


class _Reader:
    """Reads one rule file's fields, noting each problem with its position."""

    def __init__(self, doc: YamlDoc, problems: list[Problem]) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
        self.problems = problems
        self.ok = True

    def problem(self, key: tuple[str | int, ...], message: str, *, of_key: bool = False) -> None:
        line, col = self.doc.position(key, of_key=of_key)
        self.problems.append(Problem(self.doc.display, line, col, dotted(key), message))
        self.ok = False

    def text(self, name: str, default: str | None = None) -> str:
        value = self.data.get(name, default)
        if value is None:
            self.problem((name,), "this field is missing")
            return ""
        if not isinstance(value, str):
            self.problem((name,), "expected text (put it in quotes)")
            return ""
        return value

    def flag(self, name: str) -> bool:
        value = self.data.get(name, False)
        if not isinstance(value, bool):
            self.problem((name,), "expected true or false")
            return False
        return value

    def texts(self, name: str) -> list[str]:
        value = self.data.get(name)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem((name,), "expected a list of text (lines starting with '- ')")
            return []
        return value

    def regex(self, key: tuple[str | int, ...], source: str, flags: int) -> re.Pattern[str]:
        try:
            return re.compile(source, flags)
        except re.error as error:
            self.problem(key, f"this is not a valid regular expression: {error}")
            return re.compile(r"(?!)")


def _load_rule(path: Path, problems: list[Problem]) -> Rule | None:
    display = display_path(path)
    try:
        doc = read_yaml(path, display)
    except YamlFileError as error:
        problems.append(error.problem)
        return None
    reader = _Reader(doc, problems)
    if not isinstance(doc.data, dict):
        reader.problem((), "a rule file holds fields such as 'extends: existence'")
        return None
    if not RULE_NAME.match(path.stem):
        reader.problem((), "name the file with lowercase letters, digits and dashes, "
                       "like jargon.yml; the name is used in switches")
    kind = reader.text("extends")
    if kind and kind not in _FIELDS:
        reader.problem(("extends",), f'"{kind}" is not a rule type Bedside knows; use one of '
                       f"{', '.join(_FIELDS)}{did_you_mean(kind, _FIELDS)}")
        return None
    if not kind:
        return None
    allowed = (*_COMMON, *_FIELDS[kind])
    for name in reader.data:
        if name not in allowed:
            reader.problem((name,), f"unknown field for a {kind} rule"
                           + (did_you_mean(name, allowed) or f"; allowed: {', '.join(allowed)}"),
                           of_key=True)
    for name in _REQUIRED[kind]:
        if name not in reader.data:
            reader.problem((), f"a {kind} rule needs '{name}'")
    level = reader.text("level", "warning")
    if level and level not in LEVELS:
        reader.problem(("level",), f'"{level}" is not one of {", ".join(LEVELS)}'
                       + did_you_mean(level, LEVELS))
    targets = reader.texts("targets") or list(TARGETS)
    for index, target in enumerate(targets):
        if target not in TARGETS:
            reader.problem(("targets", index), f'"{target}" is not one of {", ".join(TARGETS)}')
    base = {
        "name": path.stem, "level": level, "message": reader.text("message"),
        "suggest": reader.text("suggest", ""), "targets": frozenset(targets),
    }
    reader.text("description", "")
    reader.text("link", "")
    rule = _BUILDERS[kind](reader, base)
    return rule if reader.ok else None


def _word_pattern(sources: list[str], reader: _Reader,
                  keys: list[tuple[str | int, ...]]) -> WordScanner:
    """Vale's token list as one regex: `\\b(?:a|b)\\b`, spaces matching any line break.

    Compiled as a `WordScanner`, which finds the same matches faster.
    """
    flags = re.IGNORECASE if reader.flag("ignorecase") else 0
    bounded = not reader.flag("nonword")
    bodies = [_loose_spaces(source) for source in sources]
    try:
        return compile_word_list(bodies, flags, bounded=bounded)
    except re.error:  # find the entries to blame, with their places in the file
        for source, key in zip(sources, keys, strict=True):
            reader.regex(key, source, flags)
        if reader.ok:
            reader.problem((), "these patterns do not work together; check the brackets")
        return compile_word_list([], flags, bounded=bounded)


def _loose_spaces(source: str) -> str:
    """Let a space in a token match any run of spaces or a line break, as in prose."""
    out, in_class, escaped = [], False, False
    for char in source:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "]":
            in_class = False
            out.append(char)
        elif char == " " and not in_class:
            out.append(r"\s+")
        else:
            out.append(char)
    return "".join(out)


def _exceptions(reader: _Reader) -> tuple[re.Pattern[str], ...]:
    flags = re.IGNORECASE if reader.flag("ignorecase") else 0
    return tuple(reader.regex(("exceptions", i), _loose_spaces(e), flags)
                 for i, e in enumerate(reader.texts("exceptions")))


def _existence(reader: _Reader, base: dict[str, Any]) -> Rule:
    tokens = reader.texts("tokens")
    if "tokens" in reader.data and not tokens:
        reader.problem(("tokens",), "list at least one word or pattern")
    pattern = _word_pattern(tokens, reader, [("tokens", i) for i in range(len(tokens))])
    return PatternRule(**base, pattern=pattern, exceptions=_exceptions(reader))


def _substitution(reader: _Reader, base: dict[str, Any]) -> Rule:
    swap = reader.data.get("swap")
    if swap is not None and (not isinstance(swap, dict) or not swap
                             or not all(isinstance(v, str) for v in swap.values())):
        reader.problem(("swap",), "expected pairs of 'what was found: what to write instead'")
        swap = {}
    swap = {str(k): v for k, v in (swap or {}).items()}
    pattern = _word_pattern(list(swap), reader, [("swap", k) for k in swap])
    return PatternRule(**base, pattern=pattern, exceptions=_exceptions(reader),
                       advice=tuple(swap.values()))


def _occurrence(reader: _Reader, base: dict[str, Any]) -> Rule:
    token = reader.regex(("token",), reader.text("token"), 0)
    limits = {}
    for name in ("max", "min"):
        value = reader.data.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or value < 0):
            reader.problem((name,), "expected a whole number, 0 or more")
            value = None
        limits[name] = value
    if limits["max"] is None and limits["min"] is None:
        reader.problem((), "an occurrence rule needs 'max' or 'min'")
    scope = reader.text("scope", "sentence")
    if scope not in _SCOPES:
        reader.problem(("scope",), f'"{scope}" is not a scope Bedside knows; use sentence or text')
    return OccurrenceRule(**base, token=token, max=limits["max"], min=limits["min"], scope=scope)


def _metric(reader: _Reader, base: dict[str, Any]) -> Rule | None:
    formula = condition = None
    try:
        formula = compile_formula(reader.text("formula"), METRIC_VARIABLES)
    except FormulaError as error:
        reader.problem(("formula",), str(error))
    try:
        condition = compile_condition(reader.text("condition"))
    except FormulaError as error:
        reader.problem(("condition",), str(error))
    min_words = reader.data.get("min_words", 0)
    if not isinstance(min_words, int) or isinstance(min_words, bool) or min_words < 0:
        reader.problem(("min_words",), "expected a whole number, 0 or more")
    if formula is None or condition is None or not reader.ok:
        return None
    return MetricRule(**base, formula=formula, condition=condition, min_words=min_words,
                      counts=formula_names(reader.text("formula")) | {"words"})


def _update(reader: _Reader, base: dict[str, Any]) -> Rule:
    statuses = reader.texts("statuses")
    if "statuses" in reader.data and not statuses:
        reader.problem(("statuses",), "list at least one status, e.g. investigating")
    return UpdateRule(**base, field=reader.text("field"), statuses=frozenset(statuses))


def _duplicate(reader: _Reader, base: dict[str, Any]) -> Rule:
    scope = reader.text("scope")
    if scope and scope not in _DUPLICATE_SCOPES:
        reader.problem(("scope",),
                       f'"{scope}" is not a scope Bedside knows; use update or incident')
    min_words = reader.data.get("min_words", 3)
    if not isinstance(min_words, int) or isinstance(min_words, bool) or min_words < 1:
        reader.problem(("min_words",), "expected a whole number, 1 or more")
        min_words = 3
    return DuplicateRule(**base, scope=scope, field=reader.text("field", "message"),
                         min_words=min_words)


_BUILDERS = {
    "existence": _existence,
    "substitution": _substitution,
    "occurrence": _occurrence,
    "metric": _metric,
    "update": _update,
    "duplicate": _duplicate,
}
