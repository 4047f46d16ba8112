"""Inline switches: a comment that turns a rule off for one place or one file.

    Markdown:  <!-- tone: off jargon -->          (this line, or the block below)
               <!-- tone: off-file readability-playbook -->
    YAML:      # tone: off jargon                  (this field, or the field below)
               # tone: off-file sentence-length

Rule names are the rule files' names; `all` turns every rule off. A reason may
follow in brackets: `<!-- tone: off jargon (the supplier's own words) -->`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from macros.problems import did_you_mean
from macros.tone.findings import Finding
from macros.yamlsafe import Key

ALL = "all"
SWITCH_RULE = "tone-switch"
_SWITCH = re.compile(
    r"tone:[ \t]*(?P<mode>off-file|off)(?![\w-])(?P<names>[\w \t,-]*?)[ \t]*(?:\([^)\n]*\))?[ \t]*$"
)


@dataclass(frozen=True)
class Switch:
    """Rules turned off for a whole file, a range of lines, or some YAML fields."""

    rules: frozenset[str]
    line: int
    col: int
    whole_file: bool = False
    lines: tuple[int, int] | None = None
    keys: tuple[Key, ...] = ()

    def covers(self, finding: Finding) -> bool:
        """True when this switch silences `finding`."""
        if ALL not in self.rules and finding.rule not in self.rules:
            return False
        if self.whole_file:
            return True
        if self.lines and self.lines[0] <= finding.line <= self.lines[1]:
            return True
        return bool(finding.key) and any(finding.key[:len(k)] == k for k in self.keys)


def parse_switch(comment: str) -> tuple[str, frozenset[str]] | None:
    """("off" or "off-file", rule names) when `comment` is a tone switch, else None."""
    match = _SWITCH.search(comment.strip())
    if not match:
        return None
    names = frozenset(n for n in re.split(r"[\s,]+", match.group("names")) if n)
    return match.group("mode"), names


def apply_switches(findings: Iterable[Finding], switches: list[Switch], known: set[str],
                   path: str) -> list[Finding]:
    """The findings no switch covers, plus a warning for each switch that names no rule."""
    kept = [f for f in findings if not any(s.covers(f) for s in switches)]
    for switch in switches:
        if not switch.rules:
            kept.append(Finding(path, switch.line, switch.col, "warning", SWITCH_RULE,
                                "this switch names no rule, so it turns nothing off",
                                "name the rule from the finding, e.g. 'tone: off jargon'"))
        for name in sorted(switch.rules - known - {ALL}):
            hint = did_you_mean(name, known)
            kept.append(Finding(path, switch.line, switch.col, "warning", SWITCH_RULE,
                                f"there is no rule called '{name}'{hint}",
                                "use a rule name shown in the finding, e.g. 'jargon'"))
    return kept
