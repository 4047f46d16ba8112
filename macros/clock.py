"""The build's clock. `BEDSIDE_NOW` fixes it, so tests and previews are repeatable."""

from __future__ import annotations

import os
from datetime import UTC, datetime

ENV_NOW = "BEDSIDE_NOW"


def now() -> datetime:
    """The current time (timezone-aware), or `$BEDSIDE_NOW` when it is set."""
    fixed = os.environ.get(ENV_NOW)
    if fixed:
        value = datetime.fromisoformat(fixed)
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.now(UTC)
