"""The project's own words pass the house style: no errors in docs/ or status/."""

from __future__ import annotations

from macros.tone import check_paths, default_paths, load_rules
from tests.helpers import REPO


def test_the_real_docs_and_status_have_no_tone_errors() -> None:
    report = check_paths(default_paths(REPO / "status", REPO), load_rules())
    assert report.files > 10
    assert not report.problems, report.problems
    errors = "\n".join(str(f) for f in report.errors)
    assert not errors, f"fix these, or switch the rule off for quoted text:\n{errors}"
