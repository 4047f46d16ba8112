"""The words Bedside uses for states, times and the banner.

One place for the product's voice: the page, the feeds, status.json, the
notices and the notifications all take their sentences from here, so a
reader sees the same words wherever they look.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from macros.model import Maintenance, StatusTree
from macros.state import StatusState

# What a reader notices, not what a monitoring tool calls it.
STATE_LABELS = {
    "operational": "Working",
    "under_maintenance": "Planned work",
    "degraded_performance": "Slow or unreliable",
    "partial_outage": "Partly not working",
    "major_outage": "Not working",
}

INCIDENT_STATUS_LABELS = {
    "investigating": "Looking into it",
    "identified": "Cause found",
    "monitoring": "Fixed, watching closely",
    "resolved": "Resolved",
}

MAINTENANCE_STATUS_LABELS = {
    "scheduled": "Planned",
    "in_progress": "In progress",
    "verifying": "Checking the work",
    "completed": "Finished",
    "cancelled": "Cancelled",
}

IMPACT_LABELS = {
    "none": "No effect on work",
    "minor": "Some people affected",
    "major": "Many people affected",
    "critical": "Patient care affected",
}

# Overall level of the banner -> (icon name, short label). Never colour alone.
LEVELS = {
    "none": ("ok", "Working"),
    "minor": ("warning", "Some problems"),
    "major": ("problem", "Problems"),
    "critical": ("problem", "Serious problem"),
    "maintenance": ("maintenance", "Planned work"),
}


def clock_time(moment: datetime, zone: ZoneInfo) -> str:
    """24-hour time in the site's zone: "08:45"."""
    return moment.astimezone(zone).strftime("%H:%M")


def day_words(moment: datetime, zone: ZoneInfo, *, year: bool = False) -> str:
    """The day written out: "Sunday 6 December" (with the year when asked)."""
    local = moment.astimezone(zone)
    text = f"{local:%A} {local.day} {local:%B}"
    return f"{text} {local.year}" if year else text


def relative_day(moment: datetime, now: datetime, zone: ZoneInfo) -> str:
    """ "today", "tonight", "tomorrow", "tomorrow night" or the day in words."""
    local, today = moment.astimezone(zone), now.astimezone(zone).date()
    evening = local.hour >= 18
    if local.date() == today:
        return "tonight" if evening else "today"
    if local.date() == today + timedelta(days=1):
        return "tomorrow night" if evening else "tomorrow"
    return f"on {day_words(moment, zone)}"


def window_phrase(item: Maintenance, now: datetime, zone: ZoneInfo) -> str:
    """When planned work happens, relative to now: "tonight 22:00–02:00"."""
    start, end = item.start.astimezone(zone), item.end.astimezone(zone)
    span = f"{clock_time(start, zone)}–{clock_time(end, zone)}"
    if end - start > timedelta(hours=24):
        return f"from {day_words(start, zone)} {clock_time(start, zone)} " \
               f"to {day_words(end, zone)} {clock_time(end, zone)}"
    return f"{relative_day(start, now, zone)} {span}"


def window_in_words(item: Maintenance, zone: ZoneInfo) -> str:
    """The window for a printed notice: "Sunday 6 December 2026, 22:00 to 02:00 on Monday 7 December"."""
    start, end = item.start.astimezone(zone), item.end.astimezone(zone)
    first = f"{day_words(start, zone, year=True)}, {clock_time(start, zone)}"
    if start.date() == end.date():
        return f"{first} to {clock_time(end, zone)}"
    return f"{first} to {clock_time(end, zone)} on {day_words(end, zone)}"


def component_names(tree: StatusTree, component_ids: list[str] | dict[str, str]) -> str:
    """ "Patient records (EHR)", "Email and Printing", "Email, Printing and Wi-Fi"."""
    names = [tree.component_name(c) for c in component_ids]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass(frozen=True)
class Banner:
    """The one sentence at the top of the status page, with its level and icon."""

    level: str
    icon: str
    label: str
    sentence: str
    detail: str = ""


def banner(tree: StatusTree, state: StatusState) -> Banner:
    """What the top of the page says right now, in one sentence."""
    zone, now = tree.timezone, state.now
    icon, label = LEVELS[state.indicator]
    if state.open_incidents:
        worst = max(state.open_incidents,
                    key=lambda i: ("none", "minor", "major", "critical").index(i.impact))
        others = len(state.open_incidents) - 1
        detail = f"There {'is' if others == 1 else 'are'} {others} other " \
                 f"problem{'s' * (others != 1)} below." if others else ""
        return Banner(state.indicator, icon, label, worst.title, detail)
    if state.in_progress:
        item = state.in_progress[0]
        sentence = f"Planned work on {component_names(tree, item.components)} " \
                   f"until {clock_time(item.end, zone)}"
        return Banner("maintenance", icon, label, sentence)
    soon = [m for m in state.upcoming if m.start - now <= timedelta(hours=24)]
    if soon:
        item = soon[0]
        return Banner("none", icon, label, "Everything is working",
                      f"Planned work on {component_names(tree, item.components)} "
                      f"{window_phrase(item, now, zone)}.")
    return Banner("none", icon, label, "Everything is working")


# Headings for the human fields wherever they are listed: feeds, calendars, notices.
FIELD_HEADINGS = {
    "affects": "Who is affected",
    "workaround": "What to do meanwhile",
    "next_update": "Next update",
    "data_impact": "Was anything lost",
    "window": "When",
    "why": "Why",
    "benefit": "How it helps you",
    "prepare": "How to prepare",
    "during": "While the work happens",
    "contact": "Who to call",
    "details": "Details and updates",
}


def moment_in_words(moment: datetime, zone: ZoneInfo) -> str:
    """A time for readers who may read it later: "08:45 on Friday 20 November 2026"."""
    return f"{clock_time(moment, zone)} on {day_words(moment, zone, year=True)}"
