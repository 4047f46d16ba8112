"""`bedside new incident` and `bedside new maintenance`: write a new status file.

New files start with the `yaml-language-server` line (so VS Code completes and
checks fields); a new incident already holds its first update.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from macros.authoring.errors import Gather
from macros.authoring.files import WordsRefused, Written, schema_line, write_new
from macros.authoring.items import slugify, unique_id, usable_tree
from macros.authoring.lock import locked
from macros.authoring.questions import INCIDENT_QUESTIONS, MAINTENANCE_QUESTIONS
from macros.authoring.requests import IncidentRequest, MaintenanceRequest
from macros.authoring.resume import Answer, stopped
from macros.authoring.steps import branch_name, pull_request_steps
from macros.authoring.values import (
    ask_again,
    audience_ids,
    choice,
    component_states,
    fill,
    next_update_time,
    parse_option_time,
    shared_contact,
    time_option,
    time_words,
    to_the_minute,
)
from macros.invocation import bedside_command
from macros.model import IMPACTS, StatusTree
from macros.prompting import Prompter, StoppedAnswering
from macros.yamlwrite import iso_local, update_lines, yaml_field


def new_incident(root: Path, request: IncidentRequest, now: datetime, prompter: Prompter,
                 project_root: Path | None = None) -> Written:
    """Write `incidents/YYYY-MM-DD-slug.yml` with its first update, checked; return it.

    `project_root` lets the checks find files the data points to (review pages).
    """
    tree, _ = usable_tree(root, project_root)
    zone = tree.timezone
    at = to_the_minute(now, zone)
    given = IncidentAnswers(request)
    try:
        gather = Gather()
        given.impact = gather(choice, "--impact", request.impact, IMPACTS,
                              "How bad is it overall?", prompter, "major") or request.impact
        given.components = gather(component_states, tree, request.components, prompter, None)
        audiences = gather(audience_ids, tree, request.audiences, prompter)
        next_update = gather(next_update_time, request.next_update, at, zone, prompter)
        gather(fill, prompter, given.values, INCIDENT_QUESTIONS)
        gather.done()
        assert given.components is not None and next_update is not None
        while True:  # until the words pass the checks, asking again for those that do not
            try:
                return _write_incident(root, tree, given, audiences or [], at, next_update,
                                       project_root)
            except WordsRefused as refused:
                ask_again(prompter, refused, given.values, INCIDENT_QUESTIONS)
    except StoppedAnswering:
        raise stopped(["new", "incident"], given.answers()) from None


class IncidentAnswers:
    """What `bedside new incident` has been given or told so far."""

    def __init__(self, request: IncidentRequest) -> None:
        self.request = request
        self.impact = request.impact
        self.components: dict[str, str] | None = None
        self.values = {"title": request.title, "affects": request.affects,
                       "message": request.message, "workaround": request.workaround}

    def answers(self) -> list[Answer]:
        """Every option given or answered, for the command that carries on."""
        components = ([f"{c}={s}" for c, s in self.components.items()] if self.components
                      else self.request.components)
        return [("--title", self.values["title"]), ("--impact", self.impact),
                ("--component", components), ("--affects", self.values["affects"]),
                ("--message", self.values["message"]),
                ("--workaround", self.values["workaround"]),
                ("--audience", self.request.audiences),
                ("--next-update", self.request.next_update)]


def _write_incident(root: Path, tree: StatusTree, given: IncidentAnswers, audiences: list[str],
                    at: datetime, next_update: datetime, project_root: Path | None) -> Written:
    """Name, write and check the new incident's file (under its lock)."""
    zone, values = tree.timezone, given.values
    components = given.components or {}
    day = at.astimezone(zone).strftime("%Y-%m-%d")
    command = bedside_command()
    with locked(root / "incidents" / f"{day}-{slugify(values['title'])}.yml"):
        item_id = unique_id(root, day, values["title"])
        path = root / "incidents" / f"{item_id}.yml"
        first = {"at": at, "status": "investigating", "message": values["message"],
                 "workaround": values["workaround"], "next_update": next_update}
        lines = [
            schema_line(path, "incident"),
            f"# Opened with `bedside new incident` at {time_words(at, zone)}.",
            f'# Add an update: bedside update {item_id} --message "..."',
            *yaml_field("title", values["title"]),
            f"impact: {given.impact}",
            "components:",
            *(f"  {cid}: {state}" for cid, state in components.items()),
            *yaml_field("affects", values["affects"]),
            *([f"audiences: [{', '.join(audiences)}]"] if audiences else []),
            "updates:",
            *update_lines(first, zone, dash="  "),
        ]
        checked = write_new(tree, path, "\n".join(lines) + "\n", project_root)
    return Written(
        path, item_id,
        f"{values['title']}: opened. Next update due by {time_words(next_update, zone)}.",
        [*pull_request_steps(path, branch_name(item_id), f"Status: open {item_id}"),
         f"Before {time_words(next_update, zone)}, post the next update:",
         f'  {command} update {item_id} --status identified --message "..." '
         '--workaround "..."',
         f'When it is fixed: {command} resolve {item_id} --message "..." --data-impact "..."'],
        checked=checked,
    )


def new_maintenance(root: Path, request: MaintenanceRequest, now: datetime,
                    prompter: Prompter, project_root: Path | None = None) -> Written:
    """Write `maintenance/YYYY-MM-DD-slug.yml` (dated by its start), checked; return it."""
    tree, _ = usable_tree(root, project_root)
    zone = tree.timezone
    values: dict[str, Any] = {
        "title": request.title, "affects": request.affects, "why": request.why,
        "benefit": request.benefit, "during": request.during, "contact": request.contact,
        "prepare": [" ".join(p.split()) for p in request.prepare if p.strip()],
    }
    told: dict[str, Any] = {}
    try:
        return _plan(root, tree, request, values, told, now, prompter, project_root)
    except StoppedAnswering:
        raise stopped(["new", "maintenance"], [
            ("--title", values["title"]),
            ("--component", [f"{c}={s}" for c, s in told["components"].items()]
             if told.get("components") else request.components),
            ("--start", iso_local(told["start"], zone) if told.get("start") else request.start),
            ("--end", iso_local(told["end"], zone) if told.get("end") else request.end),
            *((f"--{name}", values[name]) for name in ("affects", "why", "benefit")),
            ("--prepare", values["prepare"]), ("--during", values["during"]),
            ("--contact", values["contact"]), ("--audience", request.audiences),
            ("--announce-from", request.announce_from)]) from None


def _plan(root: Path, tree: StatusTree, request: MaintenanceRequest, values: dict[str, Any],
          told: dict[str, Any], now: datetime, prompter: Prompter,
          project_root: Path | None) -> Written:
    """`new_maintenance`'s questions and file; what is answered goes into `values` and
    `told` as it comes, so a person who stops loses nothing."""
    zone = tree.timezone
    gather = Gather()
    components = told["components"] = gather(component_states, tree, request.components,
                                             prompter, "under_maintenance")
    audiences = gather(audience_ids, tree, request.audiences, prompter)
    start = told["start"] = gather(time_option, "--start", request.start, zone, prompter,
                                   "When does the work start?", "2026-12-06T22:00")
    end = told["end"] = gather(time_option, "--end", request.end, zone, prompter,
                               "When does it end?", "2026-12-07T02:00")
    if start and end and end <= start:
        gather.messages.append(f"The work ends ({time_words(end, zone)}) before it starts "
                               f"({time_words(start, zone)}). Check --start and --end.")
    announce_from = gather(parse_option_time, "--announce-from", request.announce_from, zone) \
        if request.announce_from else None
    if announce_from and start and announce_from > start:
        gather.messages.append("--announce-from is after the work starts, so nobody would be "
                               "told beforehand. Announce it earlier, or leave it out.")
    gather(fill, prompter, values, MAINTENANCE_QUESTIONS,
           {"contact": shared_contact(tree, components or {})})
    gather.done()
    assert start is not None and end is not None and components is not None
    while True:  # until the words pass the checks, asking again for those that do not
        try:
            return _write_maintenance(root, tree, values, components, audiences or [],
                                      (start, end, announce_from), now, project_root)
        except WordsRefused as refused:
            ask_again(prompter, refused, values, MAINTENANCE_QUESTIONS)


def _write_maintenance(root: Path, tree: StatusTree, values: dict[str, Any],
                       components: dict[str, str], audiences: list[str],
                       times: tuple[datetime, datetime, datetime | None], now: datetime,
                       project_root: Path | None) -> Written:
    """Name, write and check the planned work's file (under its lock)."""
    zone = tree.timezone
    start, end, _ = times
    prepare = values["prepare"]
    day = start.astimezone(zone).strftime("%Y-%m-%d")
    with locked(root / "maintenance" / f"{day}-{slugify(values['title'])}.yml"):
        item_id = unique_id(root, day, values["title"])
        path = root / "maintenance" / f"{item_id}.yml"
        checked = write_new(tree, path, "\n".join(_maintenance_lines(
            path, values, components, audiences, times, now, zone)) + "\n", project_root)
    notes = [] if prepare else ["There is nothing under prepare: say what people should do "
                                "before it starts, if anything (add --prepare \"...\")."]
    return Written(
        path, item_id,
        f"{values['title']}: from {time_words(start, zone)} to {time_words(end, zone)}.",
        [*pull_request_steps(path, branch_name(item_id), f"Status: plan {item_id}"),
         f'If plans change: {bedside_command()} update {item_id} --status cancelled '
         '--message "..."'],
        notes, checked,
    )


def _maintenance_lines(path: Path, values: dict[str, Any], components: dict[str, str],
                       audiences: list[str], times: tuple[datetime, datetime, datetime | None],
                       now: datetime, zone: ZoneInfo) -> list[str]:
    """The new planned work's file, line by line."""
    start, end, announce_from = times
    prepare = values["prepare"]
    return [
        schema_line(path, "maintenance"),
        f"# Planned with `bedside new maintenance` at "
        f"{time_words(to_the_minute(now, zone), zone)}.",
        *yaml_field("title", values["title"]),
        "components:",
        *(f"  {cid}: {state}" for cid, state in components.items()),
        *yaml_field("affects", values["affects"]),
        *([f"audiences: [{', '.join(audiences)}]"] if audiences else []),
        *([f"announce_from: {iso_local(announce_from, zone)}"] if announce_from else []),
        "window:",
        f"  start: {iso_local(start, zone)}",
        f"  end: {iso_local(end, zone)}",
        *yaml_field("why", values["why"]),
        *yaml_field("benefit", values["benefit"]),
        *(["prepare:", *(line for p in prepare for line in yaml_field("-", p, "  "))]
          if prepare else []),
        *yaml_field("during", values["during"]),
        *yaml_field("contact", values["contact"]),
    ]
