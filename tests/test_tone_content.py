"""The project's own words pass the house style: no findings at all in docs/ or status/.

Warnings count too. Where a page quotes bad words on purpose, or jargon is the
subject of an IT-team page, the rule is switched off there with its reason.
"""

from __future__ import annotations

from macros.tone import check_paths, default_paths, load_rules
from tests.helpers import REPO


def test_the_real_docs_and_status_have_no_tone_findings() -> None:
    report = check_paths(default_paths(REPO / "status", REPO), load_rules())
    assert report.files > 10
    assert not report.problems, report.problems
    found = "\n".join(str(f) for f in report.findings)
    assert not found, f"fix these, or switch the rule off with a reason:\n{found}"
