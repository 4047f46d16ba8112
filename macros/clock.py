"""The build's clock. `BEDSIDE_NOW` fixes it, so tests and previews are repeatable.

`BEDSIDE_NOW` is written like the times in the status files: with an offset
(`2026-11-20T08:30+00:00`) or without one, meaning the site's zone (the
`timezone` in components.yml).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from macros.paths import resolve_status_dir
from macros.problems import Problem, StatusDataError
from macros.timeparse import TimeError, parse_time, parse_zone
from macros.yamlsafe import YamlFileError, read_yaml

ENV_NOW = "BEDSIDE_NOW"
EXAMPLE = "2026-11-20T08:30"


def now(zone: ZoneInfo | None = None, *, root: Path | None = None) -> datetime:
    """The current time (timezone-aware), or `$BEDSIDE_NOW` when it is set.

    A `BEDSIDE_NOW` without an offset is in `zone`; without `zone`, in the zone
    of the status tree at `root` (default: the tree the commands use). A value
    that is not a time is refused with a plain message (a `StatusDataError`).
    """
    fixed = os.environ.get(ENV_NOW, "").strip()
    if not fixed:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(fixed)
    except ValueError:
        raise _refused(f'"{fixed}" is not a date and time; write it like {EXAMPLE} (the '
                       "site's time) or with its offset, like 2026-11-20T08:30+00:00") from None
    if value.tzinfo is not None:
        return value
    site_zone = zone or _site_zone(root)
    try:
        return parse_time(fixed, site_zone)
    except TimeError as error:
        raise _refused(str(error)) from None


def _site_zone(root: Path | None) -> ZoneInfo:
    """The `timezone` in the tree's components.yml, for a naive `BEDSIDE_NOW`."""
    path = resolve_status_dir(root) / "components.yml"
    try:
        data = read_yaml(path, str(path)).data
        return parse_zone(data.get("timezone") if isinstance(data, dict) else None)
    except (YamlFileError, TimeError):
        raise _refused(
            f'"{os.environ.get(ENV_NOW, "")}" has no offset, and the site\'s time zone could '
            f"not be read from {path}; add the offset, like 2026-11-20T08:30+00:00") from None


def _refused(message: str) -> StatusDataError:
    return StatusDataError([Problem(ENV_NOW, 1, 1, "", message)])
