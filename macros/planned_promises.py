"""The playbook's promises about planned work, kept by `bedside check`.

- No planned work in a freeze that covers it (month-end close, ...), unless an
  `override` names the freeze, with a reason and who agreed. An error.
- Enough notice, from `announce_from`: an error, unless an override names
  `notice`. Without `announce_from` nobody can tell when people heard of it,
  so work starting too soon for its notice gets a warning that asks for it.
- Work that stops a system people must prepare for says how (`prepare`). An error:
  one line is enough, even in an emergency.
- Work in progress says when people will hear more (`next_update`), and keeps
  to it. Warnings, like the incident promise in `macros.promises`.

Only work that has not finished is checked: history cannot be changed.
The rules come from `status/calendar.yml` (see `macros.change_calendar`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from macros.calendar_words import joined, notice_words, period_words, scope_words
from macros.change_calendar import freezes_during, needs_prepare, notice_needed
from macros.model import NOTICE_RULE, Maintenance, StatusTree
from macros.playbook_pages import playbook_link
from macros.problems import Problem, did_you_mean
from macros.state import CANCELLED, COMPLETED, IN_PROGRESS, UPCOMING, maintenance_phase
from macros.wording import moment_in_words
from macros.yamlsafe import dotted

# Where the playbook promises notice, preparation steps and hourly updates.
COMMUNICATING_PAGE = "playbook/downtime/communicating.md"
UPDATE_EVERY = timedelta(hours=1)
OVERRIDE_EXAMPLE = ('override: {{rules: [{rule}], reason: "why it cannot wait", '
                    'agreed_by: "who agreed, and their role"}}')


def planned_work_findings(tree: StatusTree, now: datetime,
                          project_root: Path | None = None) -> list[Problem]:
    """Every broken promise in the planned work that has not finished at `now`."""
    found: list[Problem] = []
    for item in tree.maintenance:
        if item.origin is None or maintenance_phase(item, now) in (COMPLETED, CANCELLED):
            continue
        used: set[str] = set()
        found += _freezes(tree, item, used, project_root)
        found += _notice(tree, item, now, used, project_root)
        found += _prepare(tree, item, project_root)
        found += _updates(item, now, project_root)
        found += _overrides(tree, item, used)
    return found


def _problem(item: Maintenance, key: tuple[str | int, ...], message: str,
             severity: str = "error") -> Problem:
    assert item.origin is not None
    line, col = item.origin.position(*key)
    return Problem(item.origin.display, line, col, dotted(key), message, severity)


def _overridden(item: Maintenance, rule: str, used: set[str]) -> bool:
    if item.override is not None and rule in item.override.rules:
        used.add(rule)
        return True
    return False


def _freezes(tree: StatusTree, item: Maintenance, used: set[str],
             project_root: Path | None) -> list[Problem]:
    found = []
    for period in freezes_during(item, tree.calendar, tree.timezone):
        freeze = period.freeze
        if _overridden(item, freeze.id, used):
            continue
        ask = f"ask {freeze.agree_with}" if freeze.agree_with else "ask the people it affects"
        found.append(_problem(item, ("window", "start"), (
            f"this work falls in {freeze.name} ({period_words(period)}), when there is no "
            f"{scope_words(tree, freeze.systems, freeze.audiences)}. Please move it to "
            "another day"
            + (f" (why: {playbook_link(freeze.page, project_root)})" if freeze.page else "")
            + f". If it must happen then, {ask}, and add: "
            + OVERRIDE_EXAMPLE.format(rule=freeze.id))))
    return found


def _ahead(delta: timedelta) -> str:
    """ "3 days", "20 hours" (how far ahead people hear of the work)."""
    if delta >= timedelta(days=1):
        days = delta.days
        return f"{days} day{'s' * (days != 1)}"
    hours = max(0, int(delta.total_seconds() // 3600))
    return f"{hours} hour{'s' * (hours != 1)}"


def _notice(tree: StatusTree, item: Maintenance, now: datetime, used: set[str],
            project_root: Path | None) -> list[Problem]:
    rule = notice_needed(item, tree.calendar)
    if rule is None:
        return []
    needed = timedelta(weeks=rule.weeks)
    told = item.announce_from
    if told is not None and item.start - told >= needed:
        return []
    if _overridden(item, NOTICE_RULE, used):
        return []
    if told is None and (item.start - now >= needed or maintenance_phase(item, now) != UPCOMING):
        return []  # enough time is left, or it has started: nothing to ask for now
    zone = tree.timezone
    earliest = ((told or now) + needed).astimezone(zone)
    why = f' ("{rule.name}"' + (f", {playbook_link(rule.page, project_root)})"
                                 if rule.page else ")")
    if_must = ("If it must happen sooner, ask the people it affects, and add: "
               + OVERRIDE_EXAMPLE.format(rule=NOTICE_RULE))
    if told is not None:
        return [_problem(item, ("announce_from",), (
            f"people hear of this work {_ahead(item.start - told)} ahead (from "
            f"{moment_in_words(told, zone)}), and the calendar asks for "
            f"{notice_words(rule.weeks)} for it{why}. Please announce it earlier, or start "
            f"it at {moment_in_words(earliest, zone)} or later. {if_must}"))]
    return [_problem(item, ("window", "start"), (
        f"this work starts in {_ahead(item.start - now)} and does not say when people were "
        f"told, and the calendar asks for {notice_words(rule.weeks)} for it{why}. If they "
        "heard of it earlier, add announce_from: with that time. If not, please start it at "
        f"{moment_in_words(earliest, zone)} or later. {if_must}"), severity="warning")]


def _prepare(tree: StatusTree, item: Maintenance, project_root: Path | None) -> list[Problem]:
    stopped = needs_prepare(item, tree.calendar)
    if not stopped or item.prepare:
        return []
    names = joined([tree.component_name(c) for c in stopped])
    return [_problem(item, ("components",), (
        f"this work stops {names}, so its notice must say how to get ready. Add prepare: "
        'with one or two things to do beforehand, each with a time, like "- Save your work '
        'and sign out by 17:45." (see '
        f"{playbook_link(COMMUNICATING_PAGE, project_root)})"))]


def _updates(item: Maintenance, now: datetime, project_root: Path | None) -> list[Problem]:
    """The latest update of work in progress says when the next one comes, and keeps to it."""
    latest = item.latest
    if latest is None or latest.status not in ("in_progress", "verifying") \
            or maintenance_phase(item, now) != IN_PROGRESS:
        return []
    key = ("updates", latest.index, "next_update")
    if latest.next_update is None:
        example = (latest.at + UPDATE_EVERY).astimezone(now.tzinfo)
        return [_problem(item, key, (
            "the work is in progress and this update does not say when people will hear "
            "more. During the work we post an update at least every hour (see "
            f"{playbook_link(COMMUNICATING_PAGE, project_root)}). Add a line like "
            f'"next_update: {example:%Y-%m-%dT%H:%M}", or post the next update: '
            f'bedside update {item.id} --message "..." --next-update 1h'), severity="warning")]
    if latest.next_update < now:
        promised = latest.next_update.astimezone(now.tzinfo)
        return [_problem(item, key, (
            f"we promised an update by {promised:%H:%M on %d %b} and that time has passed. "
            f'Add one now: bedside update {item.id} --message "..." --next-update 1h'),
            severity="warning")]
    return []


def _overrides(tree: StatusTree, item: Maintenance, used: set[str]) -> list[Problem]:
    """An override names rules that exist, and only rules the work needs it for."""
    if item.override is None:
        return []
    found = []
    known = [f.id for f in tree.calendar.freezes] + [NOTICE_RULE]
    for index, rule in enumerate(item.override.rules):
        key = ("override", "rules", index)
        if rule not in known:
            found.append(_problem(item, key, (
                f'"{rule}" is not a freeze in calendar.yml, nor "{NOTICE_RULE}"'
                + (did_you_mean(rule, known) or f"; known: {', '.join(known)}"))))
        elif rule not in used:
            what = ("gives enough notice" if rule == NOTICE_RULE else
                    f"does not fall in {tree.calendar.freeze(rule).name}")  # type: ignore[union-attr]
            found.append(_problem(item, key, (
                f"this work {what}, so it needs no override for {rule}; take it out of "
                "the list"), severity="warning"))
    return found
