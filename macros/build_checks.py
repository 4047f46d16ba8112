"""What stops the build besides the loader: the same errors `bedside check` reports.

An error means the same everywhere: `bedside check` fails, `bedside new`,
`update` and `resolve` do not write it, and the build stops with it. Besides the
loader's errors that is the tone rules' errors in status text (blame, jargon, an
empty apology...). Only the rules at the error level run here: the warnings
(readability, plainer words) never stop a build, so the build does not pay for
them.
"""

from __future__ import annotations

from pathlib import Path

from macros.problems import Problem
from macros.tone import RuleError, check_paths, load_rules, status_paths


def status_text_errors(status_dir: Path) -> list[Problem]:
    """The tone rules' errors in the incidents' and planned work's words."""
    try:
        rules = [rule for rule in load_rules() if rule.level == "error"]
    except RuleError as error:
        return error.problems
    report = check_paths(status_paths(status_dir), rules)
    return [finding.as_problem() for finding in report.findings]
