"""The pages the browser tests open, each tied to the fixture tree and clock it is built with."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.helpers import CLOCKS, TREES


@dataclass(frozen=True)
class SitePage:
    """One page of one built site, as a reader would open it."""

    name: str
    scenario: str
    path: str
    print_view: bool = False

    @property
    def now(self) -> str:
        return CLOCKS[self.scenario]

    def param(self) -> object:
        """This page as a pytest parameter, skipped while its fixture tree does not exist."""
        return pytest.param(self, id=self.name, marks=self.marks())

    def marks(self) -> list[pytest.MarkDecorator]:
        if (TREES / self.scenario).is_dir():
            return []
        return [pytest.mark.skip(
            reason=f"fixture tree tests/fixtures/trees/{self.scenario}/ does not exist yet")]


HOME = SitePage("home", "all-well", "")
STATUS_HOMES = tuple(SitePage(f"status-{scenario}", scenario, "status/") for scenario in CLOCKS)
INCIDENT = SitePage("incident", "major-outage", "status/incidents/2026-11-20-ehr-down/")
MAINTENANCE = SitePage("maintenance", "upcoming-maintenance",
                       "status/maintenance/2026-11-20-ehr-upgrade/")
MAINTENANCE_PRINT = SitePage("maintenance-print", MAINTENANCE.scenario, MAINTENANCE.path,
                             print_view=True)
HISTORY = SitePage("history", "long-history", "status/history/")
SUBSCRIBE = SitePage("subscribe", "all-well", "status/subscribe/")
PLAYBOOK_HOME = SitePage("playbook-home", "all-well", "playbook/")
PRACTICE = SitePage("playbook-practice", "all-well", "playbook/interviews/planning/")
CHECKLIST = SitePage("playbook-checklist", "all-well", "playbook/rollout/before/")
TEMPLATES = SitePage("playbook-templates", "all-well", "playbook/downtime/templates/")
# Guides for the IT team with code blocks (YAML, commands): highlighted code must be readable.
STATUS_UPDATES_GUIDE = SitePage("it-team-status-updates", "all-well", "it-team/status-updates/")
TONE_GUIDE = SitePage("it-team-tone", "all-well", "it-team/tone/")

# Every page the accessibility, layout and keyboard checks visit on screen.
SCREEN_PAGES = (HOME, *STATUS_HOMES, INCIDENT, MAINTENANCE, HISTORY, SUBSCRIBE, PLAYBOOK_HOME,
                PRACTICE, CHECKLIST, TEMPLATES, STATUS_UPDATES_GUIDE, TONE_GUIDE)
# ... and axe-core also checks the printed notice.
AXE_PAGES = (*SCREEN_PAGES, MAINTENANCE_PRINT)


def params(pages: tuple[SitePage, ...]) -> list[object]:
    return [page.param() for page in pages]
