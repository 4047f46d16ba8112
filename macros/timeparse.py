"""Reading times written by people: ISO 8601, naive means the site's zone."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


class TimeError(ValueError):
    """A time that cannot be read; the message says how to write it."""


EXAMPLE = "2026-11-20T08:15"


def parse_time(raw: object, zone: ZoneInfo) -> datetime:
    """A timezone-aware datetime from `raw`; naive times are in `zone`."""
    if not isinstance(raw, str) or not raw.strip():
        raise TimeError(f"expected a date and time like {EXAMPLE}")
    text = raw.strip()
    if len(text) == 10:
        raise TimeError(f'"{text}" has no time of day; write it like {EXAMPLE}')
    try:
        value = datetime.fromisoformat(text)
    except ValueError as error:
        reason = str(error)
        if "out of range" in reason or "must be in" in reason:
            raise TimeError(f'"{text}" is not a real date and time ({reason})') from None
        raise TimeError(f'"{text}" is not a date and time; write it like {EXAMPLE}') from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value


def parse_zone(name: object) -> ZoneInfo:
    """The IANA zone called `name`; `TimeError` with a suggestion when it does not exist."""
    from zoneinfo import ZoneInfoNotFoundError, available_timezones

    from macros.problems import did_you_mean

    try:
        if not isinstance(name, str) or not name or name.startswith(("/", ".")):
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        hint = did_you_mean(str(name), available_timezones())
        raise TimeError(f'"{name}" is not a time zone name like Europe/London{hint}') from None
