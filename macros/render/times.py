"""`<time>` elements: the site's zone as text, an exact instant for the script.

Without JavaScript the reader sees the time in the site's zone. `status.js`
rewrites the text to the reader's own zone when it differs, and adds
"in 2 hours" / "12 minutes ago" to elements marked `data-relative`.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup

from macros.wording import clock_time, day_words

# How a time is written; status.js knows the same names.
SHOWS = ("time", "day", "day-year", "datetime", "datetime-year")


def time_text(moment: datetime, zone: ZoneInfo, show: str = "time") -> str:
    """The words for `moment` in the site's zone: "08:45", "Friday 20 November", ..."""
    if show == "time":
        return clock_time(moment, zone)
    if show in ("day", "day-year"):
        return day_words(moment, zone, year=show == "day-year")
    if show in ("datetime", "datetime-year"):
        day = day_words(moment, zone, year=show == "datetime-year")
        return f"{day}, {clock_time(moment, zone)}"
    raise ValueError(f"unknown time format {show!r}; use one of {', '.join(SHOWS)}")


def time_element(moment: datetime, zone: ZoneInfo, show: str = "time", *,
                 relative: bool = False) -> Markup:
    """`<time datetime="2026-11-20T08:45:00+00:00" data-show="time">08:45</time>`."""
    iso = moment.astimezone(zone).isoformat(timespec="seconds")
    extra = " data-relative" if relative else ""
    return Markup('<time datetime="{}" data-show="{}"{}>{}</time>').format(
        iso, show, Markup(extra), time_text(moment, zone, show))


def iso(moment: datetime | None, zone: ZoneInfo) -> str:
    """ISO 8601 with the offset, for `data-` attributes ("" when there is no time)."""
    return moment.astimezone(zone).isoformat(timespec="seconds") if moment else ""
