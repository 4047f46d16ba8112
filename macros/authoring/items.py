"""The incident or planned work a command works on: finding it, naming a new one,
and refusing what its state does not allow."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from macros.authoring.errors import REFUSED, AuthoringError
from macros.authoring.values import time_words, to_the_minute
from macros.invocation import bedside_command
from macros.loader import check_tree
from macros.model import Incident, Maintenance, StatusTree
from macros.paths import display_path
from macros.problems import Problem, suggestion
from macros.timeparse import fixed_offset

ENDINGS = ("resolved", "completed", "cancelled")
SLUG_WORDS = 5
_STOP_WORDS = {"a", "an", "the", "is", "are", "was", "were", "to", "of", "on", "in", "for",
               "and", "or", "be", "being", "with", "at", "by", "our", "some"}


def usable_tree(root: Path, project_root: Path | None
                ) -> tuple[StatusTree, dict[str, list[Problem]]]:
    """The tree, or the part of it that loads cleanly, and the problems of the other files.

    A mistake in one file must not stop an urgent update to another, but
    components.yml must be right (and the file being updated, see `find_item`).
    """
    result = check_tree(root, project_root)
    tree = result.tree or result.partial
    if tree is None:
        listed = "\n".join(f"  {p}" for p in result.errors)
        raise AuthoringError(
            "The status files have problems, so nothing was written. Fix these first "
            f"({bedside_command()} check shows the same list):\n{listed}", REFUSED)
    broken: dict[str, list[Problem]] = {}
    for problem in result.errors:
        broken.setdefault(Path(problem.path).stem, []).append(problem)
    return tree, broken


def find_item(tree: StatusTree, ident: str,
              broken: dict[str, list[Problem]] | None = None) -> Incident | Maintenance:
    """The incident or planned work called `ident`, or the only one whose id has it
    at the start, at the end, or anywhere.

    `broken` maps the ids of files that have errors to their problems: naming
    one of those is refused with its problems, so they can be fixed first.
    """
    broken = broken or {}
    items = {i.id: i for i in (*tree.incidents, *tree.maintenance)}
    ids = [*items, *(b for b in broken if b not in items)]
    wanted = Path(ident.strip()).name.removesuffix(".yml").removesuffix(".yaml")
    for matches in ([i for i in ids if i == wanted],
                    [i for i in ids if i.startswith(wanted) or i.endswith(wanted)],
                    [i for i in ids if wanted and wanted in i]):
        if len(matches) > 1:
            listed = "\n".join(f"  {i}" for i in matches)
            raise AuthoringError(f'"{ident}" matches more than one file. Use more of the '
                                 f"name:\n{listed}")
        if matches and matches[0] in items:
            return items[matches[0]]
        if matches:
            listed = "\n".join(f"  {p}" for p in broken[matches[0]])
            raise AuthoringError(f"{matches[0]} has problems, so nothing was written. Fix "
                                 f"these first ({bedside_command()} check shows the same "
                                 f"list):\n{listed}",
                                 REFUSED)
    slugs = {i[11:]: i for i in ids}
    hint = suggestion(wanted, ids) or slugs.get(suggestion(wanted, slugs) or "", "")
    open_ids = [i.id for i in tree.incidents if not i.is_resolved]
    raise AuthoringError(
        f'There is no incident or planned work called "{ident}" in {display_path(tree.root)}.'
        + (f' Did you mean "{hint}"?' if hint else "")
        + (f" Open incidents: {', '.join(open_ids)}." if open_ids else " No incident is open."))


def refuse_if_finished(item: Incident | Maintenance, zone: ZoneInfo) -> None:
    """Raise when `item` is resolved, completed or cancelled: nothing may follow that."""
    latest = item.latest
    if isinstance(item, Incident) and item.is_resolved:
        raise AuthoringError(
            f'"{item.title}" was resolved at {time_words(latest.at, zone)}, so it cannot have '
            "more updates. If the problem is back, that is news people need: open a new "
            f'incident with {bedside_command()} new incident --title "..." and say in the '
            'message that it '
            "has happened again.", REFUSED)
    if isinstance(item, Maintenance) and latest and latest.status in ENDINGS:
        raise AuthoringError(
            f'"{item.title}" is already marked {latest.status}, so it cannot have more '
            f"updates. Plan new work with {bedside_command()} new maintenance.", REFUSED)


def latest_workaround(item: Incident) -> str:
    """The workaround of the latest update that gave one, else ""."""
    return next((u.workaround for u in reversed(item.updates) if u.workaround), "")


# Two runs a moment apart (one waited for the other's lock) may find the other's
# update dated now or a few seconds ahead: theirs comes first, one second apart.
SAME_MOMENT = timedelta(minutes=1)


def update_time(item: Incident | Maintenance, now: datetime, zone: ZoneInfo) -> datetime:
    """Now to the minute; to the second when the last update has the same minute; a
    second after the last update when that is dated a moment ahead of now."""
    at = to_the_minute(now, zone)
    if item.latest and at <= item.latest.at:
        at = fixed_offset(now.astimezone(zone).replace(microsecond=0))
    if item.latest and at <= item.latest.at < at + SAME_MOMENT:
        at = fixed_offset(item.latest.at.replace(microsecond=0)) + timedelta(seconds=1)
    if item.latest and at <= item.latest.at:
        raise AuthoringError(
            f"The last update is dated {time_words(item.latest.at, zone)}, which is not "
            "before now. Check the time of that update.", REFUSED)
    return at


def unique_id(root: Path, day: str, title: str) -> str:
    """`day-slug`, with -2, -3... added when an incident or planned work already has it."""
    base = f"{day}-{slugify(title)}"
    taken = {p.stem for folder in ("incidents", "maintenance")
             if (root / folder).is_dir() for p in (root / folder).iterdir()}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def slugify(title: str) -> str:
    """A few lowercase words from `title` joined by dashes: "patient-records-slow-open"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    meaningful = [w for w in words if w not in _STOP_WORDS] or words
    return "-".join(meaningful[:SLUG_WORDS]) or "status"
