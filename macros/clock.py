"""The build's clock. `BEDSIDE_NOW` fixes it, so tests and previews are repeatable."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from macros.problems import Problem, StatusDataError

ENV_NOW = "BEDSIDE_NOW"
EXAMPLE = "2026-11-20T08:30+00:00"


def now() -> datetime:
    """The current time (timezone-aware), or `$BEDSIDE_NOW` when it is set.

    `BEDSIDE_NOW` must carry its offset: a clock that could mean two different
    moments is refused with a plain message (a `StatusDataError`).
    """
    fixed = os.environ.get(ENV_NOW, "").strip()
    if not fixed:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(fixed)
    except ValueError:
        raise _refused(f'"{fixed}" is not a date and time; write it like {EXAMPLE}') from None
    if value.tzinfo is None:
        raise _refused(f'"{fixed}" has no offset, so it could mean two different moments; '
                       f"write it like {EXAMPLE}")
    return value


def _refused(message: str) -> StatusDataError:
    return StatusDataError([Problem(ENV_NOW, 1, 1, "", message)])
