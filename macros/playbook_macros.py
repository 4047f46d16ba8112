"""The playbook's macros for the promises it makes: freezes, notice and follow-up calls.

The pages print the rules from where the tools read them (`status/calendar.yml`
through the build's tree, and `macros.follow_up`), so the playbook and
`bedside check` or `bedside resolve` can never say two different things.
Each macro returns Markdown.
"""

from __future__ import annotations

from datetime import datetime

from macros.calendar_words import (
    freeze_sentence,
    period_words,
    rule_words,
    weeks_words,
    when_words,
)
from macros.change_calendar import notice_needed, periods_after
from macros.follow_up import FOLLOW_UP_RULES, IMPACT_PRIORITY
from macros.model import Freeze, Maintenance, StatusTree
from macros.wording import IMPACT_LABELS

CALENDAR_FILE = "`status/calendar.yml`"


class PlaybookMacros:
    """The macros, for one build's tree and clock."""

    def __init__(self, tree: StatusTree, now: datetime) -> None:
        self.tree = tree
        self.now = now

    def _freeze(self, freeze_id: str) -> Freeze | None:
        return self.tree.calendar.freeze(freeze_id)

    def _missing(self, freeze_id: str) -> str:
        return f"The change calendar ({CALENDAR_FILE}) has no freeze called {freeze_id} yet."

    def freeze_rule(self, freeze_id: str) -> str:
        """The freeze in two sentences: when it runs, and what waits."""
        freeze = self._freeze(freeze_id)
        return freeze_sentence(self.tree, freeze) if freeze else self._missing(freeze_id)

    def freeze_when(self, freeze_id: str) -> str:
        """When it runs, to use inside a sentence: "from the last working day of each
        month to the fifth working day of the next"."""
        freeze = self._freeze(freeze_id)
        if freeze is None:
            return f"(see {CALENDAR_FILE})"
        words = when_words(freeze)
        return words[0].lower() + words[1:]

    def freeze_holds(self, freeze_id: str) -> str:
        """What waits during it: "No planned work on Payroll ... unless ... agrees."."""
        freeze = self._freeze(freeze_id)
        return rule_words(self.tree, freeze) if freeze else self._missing(freeze_id)

    def freeze_dates(self, freeze_id: str, count: int = 3) -> str:
        """The next `count` times it runs, from the build's clock, as a list."""
        freeze = self._freeze(freeze_id)
        if freeze is None:
            return self._missing(freeze_id)
        today = self.now.astimezone(self.tree.timezone).date()
        periods = periods_after(freeze, self.tree.calendar, today, count)
        if not periods:
            return f"{freeze.name} does not come round again in the calendar."
        return "\n".join(f"- {period_words(p)}" for p in periods)

    def notice_table(self) -> str:
        """How far ahead people hear of planned work, one row per rule."""
        rules = self.tree.calendar.notice
        if not rules:
            return f"The change calendar ({CALENDAR_FILE}) sets no notice periods yet."
        rows = "\n".join(f"| {rule.name} | {weeks_words(rule.weeks)} ahead |" for rule in rules)
        return f"| Planned work | You hear of it at least |\n|---|---|\n{rows}"

    def notice_weeks(self, system: str = "", effect: str = "under_maintenance") -> str:
        """The notice for work that stops `system` (any system when empty): "two weeks"."""
        any_system = system or "a-system-no-rule-names"
        item = Maintenance(id="", title="", components={any_system: effect}, affects="",
                           start=self.now, end=self.now, why="", benefit="", during="",
                           contact="")
        rule = notice_needed(item, self.tree.calendar)
        return weeks_words(rule.weeks) if rule else "as soon as we can"

    def follow_up_table(self) -> str:
        """Who gets a follow-up call, within how long and from whom, as `bedside resolve`
        works it out; and which problems on the status page count as which priority."""
        rows = "\n".join(f"| {r.after} | {r.within} | {r.made_by} |" for r in FOLLOW_UP_RULES)
        priorities = " ".join(
            f'A problem on the status page marked "{IMPACT_LABELS[impact]}" counts as '
            f"{rule_id.replace('-', ' ')}." for impact, rule_id in IMPACT_PRIORITY.items())
        return f"| After | Call within | Made by |\n|---|---|---|\n{rows}\n\n{priorities}"


MACROS = ("freeze_rule", "freeze_when", "freeze_holds", "freeze_dates", "notice_table",
          "notice_weeks", "follow_up_table")
