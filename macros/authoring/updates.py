"""`bedside update` and `bedside resolve`: add an update after the last one.

The update is inserted after the last one (`macros.yamlwrite`), so the rest
of the file keeps its comments and layout.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from macros.authoring.errors import REFUSED, AuthoringError, Gather
from macros.authoring.files import Written, replace_checked
from macros.authoring.items import (
    ENDINGS,
    find_item,
    latest_workaround,
    refuse_if_finished,
    update_time,
    usable_tree,
)
from macros.authoring.questions import (
    DATA_IMPACT,
    RESOLVE_MESSAGE,
    UPDATE_MESSAGE,
    WORKAROUND,
)
from macros.authoring.requests import UpdateRequest
from macros.authoring.steps import branch_name, pull_request_steps
from macros.authoring.values import choice, fill, next_update_time, time_words
from macros.follow_up import reminder_after_resolve
from macros.model import INCIDENT_STATUSES, MAINTENANCE_STATUSES, Incident
from macros.prompting import Prompter
from macros.yamlwrite import AppendError, append_update_text

# Statuses whose updates must say what to do meanwhile (the tone rule
# `what-to-do-now` in macros/tone/rules enforces the same in `bedside check`).
WORKAROUND_NEEDED = ("investigating", "identified")


def add_update(root: Path, request: UpdateRequest, now: datetime, prompter: Prompter,
               project_root: Path | None = None) -> Written:
    """Add an update after the last one of an incident or planned work; check it."""
    tree, broken = usable_tree(root, project_root)
    zone = tree.timezone
    item = find_item(tree, request.ident, broken)
    refuse_if_finished(item, zone)
    is_incident = isinstance(item, Incident)
    statuses = INCIDENT_STATUSES if is_incident else MAINTENANCE_STATUSES
    current = item.latest.status if item.latest else "scheduled"
    gather = Gather()
    status = gather(choice, "--status", request.status, statuses,
                    "Where do things stand now?", prompter, current) \
        if request.status else current
    values = {"message": request.message, "workaround": request.workaround,
              "data_impact": request.data_impact}
    notes = []
    if status == "resolved":
        gather(fill, prompter, values, [RESOLVE_MESSAGE, DATA_IMPACT])
    elif is_incident and status in WORKAROUND_NEEDED:
        previous = latest_workaround(item)
        gather(fill, prompter, values, [UPDATE_MESSAGE, WORKAROUND], {"workaround": previous})
        if not request.workaround and values["workaround"] == previous:
            notes.append(f"The workaround is the same as last time: {previous}")
    else:
        gather(fill, prompter, values, [UPDATE_MESSAGE, replace(WORKAROUND, required=False)])
    at = update_time(item, now, zone)
    next_update = None
    if status in ENDINGS and request.next_update:
        gather.messages.append(f"--next-update is not needed: once it is {status}, there is "
                               "no next update.")
    elif status not in ENDINGS and (is_incident or request.next_update):
        # planned work has a next update only when one is promised
        next_update = gather(next_update_time, request.next_update, at, zone)
    gather.done()

    update: dict[str, Any] = {"at": at, "status": status, "message": values["message"],
                              "workaround": values["workaround"], "next_update": next_update,
                              "data_impact": values["data_impact"]}
    assert item.origin is not None
    path = item.origin.path
    old_text = path.read_text(encoding="utf-8")
    try:
        new_text = append_update_text(old_text, update, zone)
    except AppendError as error:
        raise AuthoringError(str(error), REFUSED) from None
    checked = replace_checked(tree, path, old_text, new_text, project_root)
    steps = pull_request_steps(path, branch_name(item.id, at, zone),
                               f"Status: {status} {item.id}")
    if next_update:
        steps.append(f"Next update due by {time_words(next_update, zone)}: "
                     f'bedside update {item.id} --message "..."')
    return Written(path, item.id,
                   f"{item.title}: new update at {time_words(at, zone)}, status {status}.",
                   steps, notes, checked)


def resolve(root: Path, request: UpdateRequest, now: datetime, prompter: Prompter,
            project_root: Path | None = None) -> Written:
    """Add the resolving update (an incident) or the `completed` one (planned work)."""
    tree, broken = usable_tree(root, project_root)
    item = find_item(tree, request.ident, broken)
    ending = "resolved" if isinstance(item, Incident) else "completed"
    written = add_update(root, replace(request, ident=item.id, status=ending), now, prompter,
                         project_root)
    calls = reminder_after_resolve(root, item.id, project_root) if ending == "resolved" else []
    return replace(written, next_steps=[*written.next_steps, *calls])
