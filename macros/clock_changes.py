"""Times written without an offset in the hour the clocks repeat: `bedside check` warns.

A time without an offset means the site's zone. When the clocks go back, one
hour happens twice (01:30 on the last Sunday of October in London is first
summer time, then winter time), and the build reads such a time as the first
one. That is usually right, but the page, the feeds and the calendars would
say it without a word; the warning asks the writer to add the offset so the
file says which one was meant. A time the clocks skip (the hour that never
happens in spring) is an error already, from the loader.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

from macros.model import Incident, Maintenance, Origin, StatusTree
from macros.problems import Problem
from macros.timeparse import has_offset, is_ambiguous
from macros.yamlsafe import Key, dotted


def _written_times(item: Incident | Maintenance) -> Iterator[Key]:
    """The keys of every time in an item's file."""
    if isinstance(item, Maintenance):
        yield ("announce_from",)
        yield ("window", "start")
        yield ("window", "end")
    for update in item.updates:
        yield ("updates", update.index, "at")
        yield ("updates", update.index, "next_update")


def _raw(origin: Origin, key: Key) -> object:
    data = origin.doc.data if origin.doc else None
    for part in key:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def repeated_hour_warning(raw: object, zone: ZoneInfo) -> str | None:
    """What to say about `raw` when it names a local time that happens twice, else None."""
    if not isinstance(raw, str) or has_offset(raw):
        return None
    try:
        local = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None
    if local.tzinfo is not None or not is_ambiguous(local.replace(tzinfo=zone), zone):
        return None
    first, second = (local.replace(tzinfo=zone, fold=fold).strftime("%z") for fold in (0, 1))
    before, after = (f"{offset[:3]}:{offset[3:]}" for offset in (first, second))
    return (f"{local:%H:%M} on {local.day} {local:%B %Y} happens twice in {zone.key}: the "
            f"clocks go back that night. It is read as the first one ({before}, before the "
            f"change). Add the offset to say which you mean: {raw.strip()}{before} (before "
            f"the change) or {raw.strip()}{after} (after)")


def clock_change_warnings(tree: StatusTree) -> list[Problem]:
    """A warning, with file and line, for each time written in the repeated hour."""
    problems: list[Problem] = []
    for item in (*tree.incidents, *tree.maintenance):
        if item.origin is None:
            continue
        for key in _written_times(item):
            message = repeated_hour_warning(_raw(item.origin, key), tree.timezone)
            if message:
                line, col = item.origin.position(*key)
                problems.append(Problem(item.origin.display, line, col, dotted(key), message,
                                        severity="warning"))
    return problems
