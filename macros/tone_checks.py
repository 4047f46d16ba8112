"""The tone rules as errors and warnings on status files, for `check`, the commands and
the build.

An error means the same everywhere: `bedside check` fails, `bedside new`,
`update` and `resolve` do not write it, and the build stops with it. Besides the
loader's errors that is the tone rules' errors in status text (blame, jargon, an
empty apology...). The build runs only the rules at the error level: warnings
(readability, plainer words) never stop a build, so the build does not pay for
them.
"""

from __future__ import annotations

from pathlib import Path

from macros.problems import Problem
from macros.tone import RuleError, check_paths, load_rules, status_paths


def file_problems(path: Path) -> list[Problem]:
    """Every tone finding in one status file (what `bedside check` says of it)."""
    return _problems([path], errors_only=False)


def status_text_errors(status_dir: Path) -> list[Problem]:
    """The tone rules' errors in a status tree's incidents and planned work."""
    return _problems(status_paths(status_dir), errors_only=True)


def _problems(paths: list[Path], *, errors_only: bool) -> list[Problem]:
    try:
        rules = load_rules()
    except RuleError as error:
        return error.problems
    if errors_only:
        rules = [rule for rule in rules if rule.level == "error"]
    report = check_paths(paths, rules)
    return [finding.as_problem() for finding in report.findings]
