"""`bedside new incident` and `bedside new maintenance`: write a new status file.

New files start with the `yaml-language-server` line (so VS Code completes and
checks fields); a new incident already holds its first update.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from macros.authoring.errors import Gather
from macros.authoring.files import Written, schema_line, write_new
from macros.authoring.items import unique_id, usable_tree
from macros.authoring.questions import INCIDENT_QUESTIONS, MAINTENANCE_QUESTIONS
from macros.authoring.requests import IncidentRequest, MaintenanceRequest
from macros.authoring.steps import branch_name, pull_request_steps
from macros.authoring.values import (
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
from macros.model import IMPACTS
from macros.prompting import Prompter
from macros.yamlwrite import iso_local, update_lines, yaml_field


def new_incident(root: Path, request: IncidentRequest, now: datetime, prompter: Prompter,
                 project_root: Path | None = None) -> Written:
    """Write `incidents/YYYY-MM-DD-slug.yml` with its first update, checked; return it.

    `project_root` lets the checks find files the data points to (review pages).
    """
    tree, _ = usable_tree(root, project_root)
    zone = tree.timezone
    gather = Gather()
    impact = gather(choice, "--impact", request.impact, IMPACTS, "How bad is it overall?",
                    prompter, "major")
    components = gather(component_states, tree, request.components, prompter, None)
    audiences = gather(audience_ids, tree, request.audiences)
    at = to_the_minute(now, zone)
    next_update = gather(next_update_time, request.next_update, at, zone)
    values = {"title": request.title, "affects": request.affects,
              "message": request.message, "workaround": request.workaround}
    gather(fill, prompter, values, INCIDENT_QUESTIONS)
    gather.done()

    item_id = unique_id(root, at.astimezone(zone).strftime("%Y-%m-%d"), values["title"])
    path = root / "incidents" / f"{item_id}.yml"
    first = {"at": at, "status": "investigating", "message": values["message"],
             "workaround": values["workaround"], "next_update": next_update}
    lines = [
        schema_line(path, "incident"),
        f"# Opened with `bedside new incident` at {time_words(at, zone)}.",
        f'# Add an update: bedside update {item_id} --message "..."',
        *yaml_field("title", values["title"]),
        f"impact: {impact}",
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
         f'  bedside update {item_id} --status identified --message "..." '
         '--workaround "..."',
         f'When it is fixed: bedside resolve {item_id} --message "..." --data-impact "..."'],
        checked=checked,
    )


def new_maintenance(root: Path, request: MaintenanceRequest, now: datetime,
                    prompter: Prompter, project_root: Path | None = None) -> Written:
    """Write `maintenance/YYYY-MM-DD-slug.yml` (dated by its start), checked; return it."""
    tree, _ = usable_tree(root, project_root)
    zone = tree.timezone
    gather = Gather()
    components = gather(component_states, tree, request.components, prompter, "under_maintenance")
    audiences = gather(audience_ids, tree, request.audiences)
    start = gather(time_option, "--start", request.start, zone, prompter,
                   "When does the work start?", "2026-12-06T22:00")
    end = gather(time_option, "--end", request.end, zone, prompter, "When does it end?",
                 "2026-12-07T02:00")
    if start and end and end <= start:
        gather.messages.append(f"The work ends ({time_words(end, zone)}) before it starts "
                               f"({time_words(start, zone)}). Check --start and --end.")
    announce_from = gather(parse_option_time, "--announce-from", request.announce_from, zone) \
        if request.announce_from else None
    if announce_from and start and announce_from > start:
        gather.messages.append("--announce-from is after the work starts, so nobody would be "
                               "told beforehand. Announce it earlier, or leave it out.")
    values: dict[str, Any] = {
        "title": request.title, "affects": request.affects, "why": request.why,
        "benefit": request.benefit, "during": request.during, "contact": request.contact,
        "prepare": [" ".join(p.split()) for p in request.prepare if p.strip()],
    }
    gather(fill, prompter, values, MAINTENANCE_QUESTIONS,
           {"contact": shared_contact(tree, components or {})})
    gather.done()
    prepare = values["prepare"]

    item_id = unique_id(root, start.astimezone(zone).strftime("%Y-%m-%d"), values["title"])
    path = root / "maintenance" / f"{item_id}.yml"
    lines = [
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
    checked = write_new(tree, path, "\n".join(lines) + "\n", project_root)
    notes = [] if prepare else ["There is nothing under prepare: say what people should do "
                                "before it starts, if anything (add --prepare \"...\")."]
    return Written(
        path, item_id,
        f"{values['title']}: from {time_words(start, zone)} to {time_words(end, zone)}.",
        [*pull_request_steps(path, branch_name(item_id), f"Status: plan {item_id}"),
         f'If plans change: bedside update {item_id} --status cancelled --message "..."'],
        notes, checked,
    )
