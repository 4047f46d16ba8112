"""Reading times written by people: ISO 8601, naive means the site's zone."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo


class TimeError(ValueError):
    """A time that cannot be read; the message says how to write it."""


class TimePassed(TimeError):
    """A time of day that has already passed today; the message gives both choices."""


# A time of day that has passed today means tomorrow only when tomorrow's is this
# close ("00:15" written at 23:50); otherwise the person is asked which they meant.
TOMORROW_WITHIN = timedelta(hours=12)


EXAMPLE = "2026-11-20T08:15"

_OFFSET = re.compile(r"(Z|[+-]\d{2}(:?\d{2})?)$")
_ZONE_WORD = re.compile(r"\s*\(?([A-Za-z][A-Za-z/_+-]*)\)?$")
# Python's words for an impossible date or time, and ours.
_RANGE_WORDS = {
    "day is out of range": "that month has no such day",
    "month must be in": "the month must be 01 to 12",
    "hour must be in": "the hour must be 00 to 23",
    "minute must be in": "the minutes must be 00 to 59",
    "second must be in": "the seconds must be 00 to 59",
    "year": "the year is not valid",
}


def parse_time(raw: object, zone: ZoneInfo) -> datetime:
    """A timezone-aware datetime from `raw`; naive times are in `zone`.

    The result carries a fixed UTC offset (the zone's offset at that moment),
    because Python subtracts and compares two times that share one ZoneInfo by
    their wall clocks: a duration across the night the clocks change would be
    an hour off. Show it with `.astimezone(zone)`.

    Raises `TimeError` with a message a person can act on: a time without a
    date, a date that does not exist, a wrong offset, a zone written as a word,
    or a local time skipped when the clocks go forward.
    """
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise TimeError(f"expected a date and time like {EXAMPLE}")
    if isinstance(raw, int | float):
        raise TimeError(f"write the date and the time, like {EXAMPLE}; a time on its own "
                        "is read as a number")
    text = raw.strip()
    if not text:
        raise TimeError(f"this is empty; write a date and time like {EXAMPLE}")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise TimeError(f'"{text}" has no time of day; write it like {text}T08:15')
    if re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", text):
        raise TimeError(f'"{text}" has no date; write it like 2026-11-20T{text.zfill(5)}')
    if re.search(r"\d\s*[ap]\.?m\.?$", text.lower()):
        raise TimeError(f'"{text}" uses am/pm; write the 24-hour time, like {EXAMPLE} or '
                        "2026-11-20T20:15")
    zone_word = _ZONE_WORD.search(text)
    if zone_word and re.match(r"\d{4}-\d{2}-\d{2}[T ]\d", text) and not text.endswith("Z"):
        raise TimeError(
            f'"{text}" names a time zone in words ({zone_word.group(1)}); leave it out to '
            f"mean {zone.key} time, or write the offset, like {EXAMPLE}+00:00"
        )
    try:
        value = datetime.fromisoformat(text)
    except ValueError as error:
        raise TimeError(_explain(text, str(error), zone)) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
        if not exists(value):
            raise TimeError(
                f'"{text}" does not exist in {zone.key}: the clocks go forward that night, '
                "so that hour is skipped. Write the time after the change, or add the offset"
            )
    return fixed_offset(value)


def fixed_offset(value: datetime) -> datetime:
    """The same moment with a fixed UTC offset instead of a zone's rules."""
    offset = value.utcoffset()
    assert offset is not None, "fixed_offset needs an aware datetime"
    return value.astimezone(timezone(offset))


def has_offset(text: object) -> bool:
    """True when a written time names its offset (`+01:00`, `Z`)."""
    return isinstance(text, str) and bool(_OFFSET.search(text.strip()))


def _explain(text: str, reason: str, zone: ZoneInfo) -> str:
    for needle, words in _RANGE_WORDS.items():
        if needle in reason:
            return f'"{text}" is not a real date and time: {words}'
    offset = _OFFSET.search(text)
    if offset:
        try:
            datetime.fromisoformat(text[: offset.start()])
        except ValueError:
            pass
        else:
            return (f'"{text}" has an offset ({offset.group(0)}) that is not valid; '
                    f"use +00:00 or +01:00, or leave it out to mean {zone.key} time")
    return f'"{text}" is not a date and time; write it like {EXAMPLE}'


def exists(value: datetime) -> bool:
    """False for a local time the clocks skip (e.g. 01:30 on the spring-forward night)."""
    back = value.astimezone(UTC).astimezone(value.tzinfo)
    return back.replace(tzinfo=None) == value.replace(tzinfo=None)


def is_ambiguous(value: datetime, zone: ZoneInfo) -> bool:
    """True when `value` falls in the hour `zone` repeats when the clocks go back."""
    local = value.astimezone(zone)
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def parse_duration_or_time(raw: str, now: datetime, zone: ZoneInfo) -> datetime:
    """A moment after `now` from "30m", "1h", "1h30m", "09:15" or ISO.

    A time of day means today; if that has passed, it means tomorrow only when
    tomorrow's is within `TOMORROW_WITHIN` ("00:15" at 23:50). Otherwise, such as
    "17:10" at 17:20, `TimePassed` says so and spells out both choices.
    Used by the authoring commands for `--next-update`.
    """
    text = raw.strip().lower().replace(" ", "")
    duration = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)(?:m|min))?", text)
    if duration and text:
        hours, minutes = (int(g) if g else 0 for g in duration.groups())
        return fixed_offset(now) + timedelta(hours=hours, minutes=minutes)
    clock = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        if hour > 23 or minute > 59:
            raise TimeError(f'"{raw}" is not a time of day; write it like 09:15')
        local = now.astimezone(zone)
        moment = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if moment > local:
            return moment
        tomorrow = (local + timedelta(days=1)).replace(hour=hour, minute=minute,
                                                       second=0, microsecond=0)
        if tomorrow - local <= TOMORROW_WITHIN:
            return tomorrow
        later = (local + timedelta(minutes=30)).strftime("%H:%M")
        raise TimePassed(
            f"{moment:%H:%M} today has already passed (it is {local:%H:%M} now). For "
            f"{moment:%H:%M} tomorrow, write {tomorrow:%Y-%m-%dT%H:%M}; for later today, "
            f"write a later time, like {later}, or how long from now, like 30m")
    return parse_time(raw, zone)


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
