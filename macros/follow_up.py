"""The follow-up call after a fix: who gets one, by when, and whether it was made.

The rules are the table on the playbook's follow-up page
(`docs/playbook/support/follow-up-call.md`, which prints `FOLLOW_UP_RULES`).
`bedside resolve` says who to call back and by when; the incident file records
the calls (`follow_up`); the history shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from macros.calendar_words import day_words, joined
from macros.change_calendar import add_working_days, is_working_day
from macros.model import Incident, StatusTree
from macros.playbook_pages import playbook_link

FOLLOW_UP_PAGE = "playbook/support/follow-up-call.md"


@dataclass(frozen=True)
class FollowUpRule:
    """One row of "Who gets a call": after what, within how long, made by whom."""

    id: str
    after: str
    within: str
    made_by: str
    working_days: int | None = None  # None: not worked out from an incident


FOLLOW_UP_RULES: tuple[FollowUpRule, ...] = (
    FollowUpRule("priority-1", "A priority 1 problem", "1 working day", "Whoever fixed it", 1),
    FollowUpRule("priority-2", "A priority 2 problem", "3 working days", "Whoever fixed it", 3),
    FollowUpRule("out-of-hours", "A call at night, at a weekend or on a bank holiday",
                 "3 working days", "Whoever fixed it", 3),
    FollowUpRule("upset", "A call where the person was upset or close to tears",
                 "1 working day", "Whoever took the call"),
    FollowUpRule("go-live", "A new system goes live", "In the first week", "The rollout lead"),
)
# A problem on the status page counts as this priority, by its impact.
IMPACT_PRIORITY = {"critical": "priority-1", "major": "priority-2"}
# Out of hours, as the out-of-hours page defines it: weekdays before 08:00 and from 17:00.
DAY_STARTS, DAY_ENDS = 8, 17

MADE = "Follow-up calls made on {day}."
DUE = "Follow-up calls due by {day}."


@dataclass(frozen=True)
class FollowUpDue:
    """The calls an incident needs: the rule that sets the time, and the last day."""

    rule: FollowUpRule
    by: date


def rule(rule_id: str) -> FollowUpRule:
    return next(r for r in FOLLOW_UP_RULES if r.id == rule_id)


def out_of_hours(moment: datetime, tree: StatusTree) -> bool:
    """At night, at a weekend or on a bank holiday, in the site's zone."""
    local = moment.astimezone(tree.timezone)
    return not is_working_day(local.date(), tree.calendar) \
        or not DAY_STARTS <= local.hour < DAY_ENDS


def follow_up_due(incident: Incident, tree: StatusTree) -> FollowUpDue | None:
    """When the follow-up calls for a resolved incident are due; None if no rule asks."""
    if incident.resolved_at is None:
        return None
    rules = [rule(IMPACT_PRIORITY[incident.impact])] if incident.impact in IMPACT_PRIORITY \
        else []
    if out_of_hours(incident.started_at, tree):
        rules.append(rule("out-of-hours"))
    if not rules:
        return None
    strictest = min(rules, key=lambda r: r.working_days or 0)
    resolved = incident.resolved_at.astimezone(tree.timezone).date()
    assert strictest.working_days is not None
    return FollowUpDue(strictest, add_working_days(resolved, strictest.working_days,
                                                   tree.calendar))


def who_to_call(incident: Incident, tree: StatusTree) -> str:
    """ "the people who rang about it, and a lead in Wards and clinics (Wards 4 to 9 ...)"."""
    names = {a.id: a.name for a in tree.audiences}
    leads = [names.get(a, a) for a in incident.audiences]
    who = "the people who rang about it"
    if leads:
        who += f", and a lead in {joined(leads)}"
    return f"{who} ({incident.affects})" if incident.affects else who


def reminder(incident: Incident, tree: StatusTree, project_root: Path | None) -> list[str]:
    """What `bedside resolve` prints about the follow-up calls, one line each."""
    link = playbook_link(FOLLOW_UP_PAGE, project_root)
    due = follow_up_due(incident, tree)
    if due is None:
        return [f"Follow-up calls: none is due by the playbook's rules ({link}). If someone "
                f"was upset, call them within {rule('upset').within}."]
    name = incident.origin.path.name if incident.origin else f"{incident.id}.yml"
    return [
        f"Follow-up calls by {day_words(due.by)} (within {due.rule.within}: "
        f"{due.rule.after.lower()}): call {who_to_call(incident, tree)}.",
        f"  Ask how they are first, then whether the fix held ({link}).",
        f"  When the calls are made, add to {name}: "
        f'follow_up: {{at: {due.by.isoformat()}T10:00, by: "your name"}}',
    ]


def follow_up_words(incident: Incident, tree: StatusTree, now: datetime) -> str:
    """What the history says about the calls: made on a day, due by a day, or ""."""
    follow_up = incident.follow_up
    if follow_up is not None and follow_up.at <= now:
        return MADE.format(day=day_words(follow_up.at.astimezone(tree.timezone).date(),
                                         year=False))
    due = follow_up_due(incident, tree)
    if due is None or incident.resolved_at is None or incident.resolved_at > now:
        return ""
    return DUE.format(day=day_words(due.by, year=False))


def reminder_after_resolve(root: Path, incident_id: str, project_root: Path | None) -> list[str]:
    """The follow-up lines for an incident just resolved in the tree at `root`."""
    from macros.loader import check_tree

    result = check_tree(root, project_root)
    tree = result.tree or result.partial
    incident = next((i for i in tree.incidents if i.id == incident_id), None) if tree else None
    return reminder(incident, tree, project_root) if incident and tree else []
