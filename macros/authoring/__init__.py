"""Opening, updating and resolving incidents and planned work for the IT team.

The commands in `macros/commands/author.py` only parse arguments and print;
everything here is a function of the tree, the clock and the answers, so
tests run it on temporary trees with a fixed time. One job per module:

- `requests`: what each command was given; `questions`: what it asks for
  when something is missing; `values`: reading options into checked values;
- `items`: finding the incident or planned work, and naming a new one;
- `new` and `updates`: the commands' work; `files`: writing and checking the
  file (a result that would not pass is not kept); `steps`: what to do next.
"""

from __future__ import annotations

from macros.authoring.errors import REFUSED, USAGE, AuthoringError
from macros.authoring.files import Written
from macros.authoring.items import find_item, slugify, unique_id
from macros.authoring.new import new_incident, new_maintenance
from macros.authoring.requests import IncidentRequest, MaintenanceRequest, UpdateRequest
from macros.authoring.updates import add_update, resolve

__all__ = [
    "REFUSED", "USAGE", "AuthoringError", "IncidentRequest", "MaintenanceRequest",
    "UpdateRequest", "Written", "add_update", "find_item", "new_incident", "new_maintenance",
    "resolve", "slugify", "unique_id",
]
