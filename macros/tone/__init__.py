"""The tone checker: plain, calm, blame-free words in status updates and pages.

The house style lives in `macros/tone/rules/*.yml`, one rule per file, in the
format of Vale's rule types (see `macros.tone.rules`). `bedside tone` runs them
over the status tree and `docs/`; `bedside check` runs them over status text.
"""

from __future__ import annotations

from pathlib import Path

from macros.problems import Problem
from macros.tone.engine import ToneReport, check_paths, default_paths, status_paths
from macros.tone.findings import Finding
from macros.tone.rules import RULES_DIR, RuleError, load_rules

__all__ = [
    "RULES_DIR", "Finding", "RuleError", "ToneReport", "check_paths", "default_paths",
    "load_rules", "status_paths", "status_problems",
]


def status_problems(status_root: Path) -> list[Problem]:
    """The tone rules' findings on a status tree's text, as problems for `bedside check`.

    Files that cannot be read are left to the loader, which already reports them;
    a broken rule file is reported as a problem of its own.
    """
    try:
        rules = load_rules()
    except RuleError as error:
        return error.problems
    report = check_paths(status_paths(status_root), rules)
    return [finding.as_problem() for finding in report.findings]
