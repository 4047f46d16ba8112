"""The pages the browser tests open, each tied to the fixture tree it is built from."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.helpers import TREES


@dataclass(frozen=True)
class SitePage:
    """One page of one built site, as a reader would open it."""

    name: str
    scenario: str
    path: str
    print_view: bool = False

    def param(self) -> object:
        """This page as a pytest parameter, skipped while its fixture tree does not exist."""
        marks = []
        if not (TREES / self.scenario).is_dir():
            marks.append(pytest.mark.skip(
                reason=f"fixture tree tests/fixtures/trees/{self.scenario}/ does not exist yet"))
        return pytest.param(self, id=self.name, marks=marks)


HOME = SitePage("home", "basic", "")
STATUS_HOME = SitePage("status-basic", "basic", "status/")
PLAYBOOK_HOME = SitePage("playbook-home", "basic", "playbook/")
PRACTICE = SitePage("playbook-practice", "basic", "playbook/interviews/planning/")
CHECKLIST = SitePage("playbook-checklist", "basic", "playbook/rollout/before/")

# Every page the accessibility, layout and keyboard checks visit.
READER_PAGES = (HOME, STATUS_HOME, PLAYBOOK_HOME, PRACTICE, CHECKLIST)


def params(pages: tuple[SitePage, ...]) -> list[object]:
    return [page.param() for page in pages]
