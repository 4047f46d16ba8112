"""`bedside update` and `bedside resolve`: add an update after the last one.

The update is inserted after the last one (`macros.yamlwrite`), so the rest
of the file keeps its comments and layout. The file is locked from reading it
to checking the result (`macros.authoring.lock`), and read again under the
lock, so two runs at once both keep their update.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from macros.authoring.errors import REFUSED, AuthoringError, Gather
from macros.authoring.files import WordsRefused, Written, replace_checked, warm_up
from macros.authoring.items import (
    ENDINGS,
    find_item,
    latest_workaround,
    refuse_if_finished,
    update_time,
    usable_tree,
)
from macros.authoring.lock import locked
from macros.authoring.questions import (
    DATA_IMPACT,
    RESOLVE_MESSAGE,
    UPDATE_MESSAGE,
    WORKAROUND,
)
from macros.authoring.requests import UpdateRequest
from macros.authoring.resume import stopped
from macros.authoring.steps import branch_name, pull_request_steps
from macros.authoring.values import (
    ask_again,
    changed_states,
    choice,
    fill,
    next_update_time,
    time_words,
)
from macros.follow_up import reminder_after_resolve
from macros.invocation import bedside_command
from macros.model import (
    INCIDENT_STATUSES,
    MAINTENANCE_STATUSES,
    Incident,
    Maintenance,
    StatusTree,
)
from macros.prompting import Prompter, Question, StoppedAnswering
from macros.yamlwrite import AppendError, append_update_text

# Statuses whose updates must say what to do meanwhile (the tone rule
# `what-to-do-now` in macros/tone/rules enforces the same in `bedside check`).
WORKAROUND_NEEDED = ("investigating", "identified")


@dataclass
class _Planned:
    """The update a command is about to add, before its time and file are known."""

    status: str
    values: dict[str, str]
    questions: list[Question]
    components: dict[str, str]
    next_update: datetime | None
    notes: list[str]


def add_update(root: Path, request: UpdateRequest, now: datetime, prompter: Prompter,
               project_root: Path | None = None) -> Written:
    """Add an update after the last one of an incident or planned work; check it."""
    tree, broken = usable_tree(root, project_root)
    item = find_item(tree, request.ident, broken)
    values = {"message": request.message, "workaround": request.workaround,
              "data_impact": request.data_impact}
    try:
        planned = _plan(item, request, values, now, tree.timezone, prompter)
        while True:  # until the words pass the checks, asking again for those that do not
            try:
                return _write_update(root, tree, item, planned, now, project_root)
            except WordsRefused as refused:
                ask_again(prompter, refused, values, planned.questions)
    except StoppedAnswering:
        raise stopped(["update", item.id], [
            ("--status", request.status),
            ("--component", request.components), ("--message", values["message"]),
            ("--workaround", values["workaround"]), ("--next-update", request.next_update),
            ("--data-impact", values["data_impact"])]) from None


def _plan(item: Incident | Maintenance, request: UpdateRequest, values: dict[str, str],
          now: datetime, zone: ZoneInfo, prompter: Prompter) -> _Planned:
    """Check every option (all mistakes at once) and ask for what is missing, before
    anything is written."""
    refuse_if_finished(item, zone)
    is_incident = isinstance(item, Incident)
    statuses = INCIDENT_STATUSES if is_incident else MAINTENANCE_STATUSES
    current = item.latest.status if item.latest else "scheduled"
    gather = Gather()
    status = gather(choice, "--status", request.status, statuses,
                    "Where do things stand now?", prompter, current) \
        if request.status else current
    components: dict[str, str] = {}
    notes: list[str] = []
    if request.components:
        components = gather(changed_states, item, request.components, status, notes) or {}
    if status == "resolved":
        questions = [RESOLVE_MESSAGE, DATA_IMPACT]
        gather(fill, prompter, values, questions)
    elif is_incident and status in WORKAROUND_NEEDED:
        previous = latest_workaround(item)
        questions = [UPDATE_MESSAGE, WORKAROUND]
        gather(fill, prompter, values, questions, {"workaround": previous})
        if not request.workaround and values["workaround"] == previous:
            notes.append(f"The workaround is the same as last time: {previous}")
    else:
        questions = [UPDATE_MESSAGE, replace(WORKAROUND, required=False)]
        gather(fill, prompter, values, questions)
    next_update = None
    if status in ENDINGS and request.next_update:
        gather.messages.append(f"--next-update is not needed: once it is {status}, there is "
                               "no next update.")
    elif status not in ENDINGS and (is_incident or request.next_update):
        # planned work has a next update only when one is promised
        at = update_time(item, now, zone)
        next_update = gather(next_update_time, request.next_update, at, zone, prompter)
    gather.done()
    if isinstance(item, Incident) and status == "monitoring":
        notes += _still_not_working(item, components)
    return _Planned(status or current, values, questions, components, next_update, notes)


def _write_update(root: Path, tree: StatusTree, item: Incident | Maintenance,
                  planned: _Planned, now: datetime, project_root: Path | None) -> Written:
    """Under the file's lock: read it again, add the update, write it and check it."""
    assert item.origin is not None
    path = item.origin.path
    warm_up(root, path)
    with locked(path):
        old_text = path.read_text(encoding="utf-8")
        if item.origin.doc is None or old_text != item.origin.doc.text:
            # Someone changed the file since it was read (another update at the same
            # moment): read it again, so the new update goes after theirs.
            tree, broken = usable_tree(root, project_root)
            item = find_item(tree, item.id, broken)
            refuse_if_finished(item, tree.timezone)
        zone = tree.timezone
        at = update_time(item, now, zone)
        if planned.next_update and planned.next_update <= at:
            raise AuthoringError(f"The next update ({time_words(planned.next_update, zone)}) "
                                 f"is not after this one ({time_words(at, zone)}); say when "
                                 "people will hear more.")
        update: dict[str, Any] = {
            "at": at, "status": planned.status, "components": planned.components,
            "message": planned.values["message"], "workaround": planned.values["workaround"],
            "next_update": planned.next_update, "data_impact": planned.values["data_impact"]}
        try:
            new_text = append_update_text(old_text, update, zone)
        except AppendError as error:
            raise AuthoringError(str(error), REFUSED) from None
        checked = replace_checked(tree, path, old_text, new_text, project_root)
    steps = pull_request_steps(path, branch_name(item.id, at, zone),
                               f"Status: {planned.status} {item.id}")
    if planned.next_update:
        steps.append(f"Next update due by {time_words(planned.next_update, zone)}: "
                     f'{bedside_command()} update {item.id} --message "..."')
    return Written(path, item.id,
                   f"{item.title}: new update at {time_words(at, zone)}, status "
                   f"{planned.status}.", steps, planned.notes, checked)


def _still_not_working(item: Incident, changes: dict[str, str]) -> list[str]:
    """A note for each system still marked as not working when the fix is in."""
    states = {**item.current_components, **changes}
    return [f"{cid} is still marked {state}. If it works again, add --component "
            f"{cid}=operational; the status page shows each system as this file says."
            for cid, state in states.items() if state != "operational"]


def resolve(root: Path, request: UpdateRequest, now: datetime, prompter: Prompter,
            project_root: Path | None = None) -> Written:
    """Add the resolving update (an incident) or the `completed` one (planned work).

    Resolving an incident makes every one of its systems work again on the page.
    """
    tree, broken = usable_tree(root, project_root)
    item = find_item(tree, request.ident, broken)
    ending = "resolved" if isinstance(item, Incident) else "completed"
    written = add_update(root, replace(request, ident=item.id, status=ending), now, prompter,
                         project_root)
    calls = reminder_after_resolve(root, item.id, project_root) if ending == "resolved" else []
    return replace(written, next_steps=[*written.next_steps, *calls])
