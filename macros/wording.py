"""The words Bedside uses for states, times and the banner.

One place for the product's voice: the page, the feeds, status.json, the
notices and the notifications all take their sentences from here, so a
reader sees the same words wherever they look.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from macros.model import Incident, Maintenance, StatusTree
from macros.state import StatusState

# Formats a moment for a sentence: `when(moment, show)` with show one of "time",
# "day", "day-year" or "datetime" (the page returns <time> elements as Markup).
When = Callable[[datetime, str], str]

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
    # Every open problem is fixed and being watched: not an outage any more.
    "monitoring": ("ok", INCIDENT_STATUS_LABELS["monitoring"]),
}


def clock_time(moment: datetime, zone: ZoneInfo) -> str:
    """24-hour time in the site's zone: "08:45"."""
    return moment.astimezone(zone).strftime("%H:%M")


def day_words(moment: datetime, zone: ZoneInfo, *, year: bool = False) -> str:
    """The day written out: "Sunday 6 December" (with the year when asked)."""
    local = moment.astimezone(zone)
    text = f"{local:%A} {local.day} {local:%B}"
    return f"{text} {local.year}" if year else text


# The words `relative_day` chooses from (banner.js uses the same ones).
RELATIVE_DAYS = {"today": "today", "tonight": "tonight", "tomorrow": "tomorrow",
                 "tomorrow_night": "tomorrow night", "other": "on {day}"}
EVENING_HOUR = 18
# Between midnight and this hour "tonight" and "tomorrow" are ambiguous for someone
# on a night shift (is tonight the night they are in?), so the words name the day.
EARLY_HOURS_END = 6
EARLY_RELATIVE_DAYS = {"today": "today ({weekday})", "tonight": "this evening ({weekday})",
                       "tomorrow": "tomorrow ({weekday})",
                       "tomorrow_night": "tomorrow night ({weekday})"}


def relative_day(moment: datetime, now: datetime, zone: ZoneInfo) -> str:
    """ "today", "tonight", "tomorrow", "tomorrow night" or the day in words.

    In the early hours the day is named: at 00:30 on Friday, work at 22:00 that
    day is "this evening (Friday)".
    """
    local, here = moment.astimezone(zone), now.astimezone(zone)
    words = EARLY_RELATIVE_DAYS if here.hour < EARLY_HOURS_END else RELATIVE_DAYS
    evening = local.hour >= EVENING_HOUR
    if local.date() == here.date():
        key = "tonight" if evening else "today"
    elif local.date() == here.date() + timedelta(days=1):
        key = "tomorrow_night" if evening else "tomorrow"
    else:
        return RELATIVE_DAYS["other"].format(day=day_words(moment, zone))
    return words[key].format(weekday=f"{local:%A}")


WINDOW_SHORT = "{day} {start}–{end}"
WINDOW_LONG = "from {start_day} {start} to {end_day} {end}"


def window_phrase(item: Maintenance, now: datetime, zone: ZoneInfo) -> str:
    """When planned work happens, relative to now: "tonight 22:00–02:00"."""
    start, end = item.start.astimezone(zone), item.end.astimezone(zone)
    if end - start > timedelta(hours=24):
        return WINDOW_LONG.format(start_day=day_words(start, zone), start=clock_time(start, zone),
                                  end_day=day_words(end, zone), end=clock_time(end, zone))
    return WINDOW_SHORT.format(day=relative_day(start, now, zone), start=clock_time(start, zone),
                               end=clock_time(end, zone))


WINDOW_SAME_DAY = "{day}, {start} to {end}"
WINDOW_OVERNIGHT = "{day}, {start} to {end} on {end_day}"


def _plain_time(zone: ZoneInfo) -> When:
    shows = {
        "time": lambda m: clock_time(m, zone),
        "day": lambda m: day_words(m, zone),
        "day-year": lambda m: day_words(m, zone, year=True),
        "datetime": lambda m: f"{day_words(m, zone)}, {clock_time(m, zone)}",
    }
    return lambda moment, show: shows[show](moment)


def window_in_words(item: Maintenance, zone: ZoneInfo, when: When | None = None) -> str:
    """The window in words, for notices and cards.

    "Sunday 6 December 2026, 22:00 to 02:00 on Monday 7 December".

    `when(moment, show)` formats each part ("day-year", "day" or "time"); the
    page passes one that returns <time> elements.
    """
    show = when or _plain_time(zone)
    start, end = item.start.astimezone(zone), item.end.astimezone(zone)
    parts = {"day": show(item.start, "day-year"), "start": show(item.start, "time"),
             "end": show(item.end, "time")}
    if start.date() == end.date():
        return fill(WINDOW_SAME_DAY, **parts)
    return fill(WINDOW_OVERNIGHT, **parts, end_day=show(item.end, "day"))


# Planned work starting within this time is "soon": in the banner, on the board and
# in the intranet banner.
SOON = timedelta(hours=24)


def component_names(tree: StatusTree, component_ids: list[str] | dict[str, str]) -> str:
    """ "Patient records (EHR)", "Email and Printing", "Email, Printing and Wi-Fi"."""
    names = [tree.component_name(c) for c in component_ids]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


ALL_WORKING = "Everything is working"
WORK_UNTIL = "Planned work on {names} until {end}"
WORK_RUNNING_LATE = "Planned work on {names} is taking longer than planned"
WORK_SOON = "Planned work on {names} {window}."
# The banner sits above the problems; the home page's door has nothing below it.
OTHER_PROBLEMS_BELOW = ("There is 1 other problem below.",
                        "There are {count} other problems below.")
OTHER_PROBLEMS = ("And 1 other problem.", "And {count} other problems.")


def other_problems(count: int, *, below: bool = True) -> str:
    """ "There is 1 other problem below." (or "And 2 other problems."); "" for none."""
    if not count:
        return ""
    return (OTHER_PROBLEMS_BELOW if below else OTHER_PROBLEMS)[count > 1].format(count=count)


SITE_TIME = "{place} time"


def site_time(zone: ZoneInfo) -> str:
    """ "London time" for Europe/London: how a time in the site's zone is labelled."""
    return SITE_TIME.format(place=zone.key.rsplit("/", 1)[-1].replace("_", " "))


def soon_work(state: StatusState) -> Maintenance | None:
    """The first planned work starting within `SOON`, which the banner mentions."""
    return next((m for m in state.upcoming if m.start - state.now <= SOON), None)


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
        others = other_problems(len(state.open_incidents) - 1)
        being_fixed = [i for i in state.open_incidents if not i.is_monitoring]
        if not being_fixed:  # every problem is fixed and being watched
            return Banner("monitoring", *LEVELS["monitoring"], state.open_incidents[0].title,
                          others)
        worst = max(being_fixed,
                    key=lambda i: ("none", "minor", "major", "critical").index(i.impact))
        return Banner(state.indicator, icon, label, worst.title, others)
    if state.in_progress:
        item = state.in_progress[0]
        names = component_names(tree, item.components)
        if now >= item.end:
            sentence = WORK_RUNNING_LATE.format(names=names)
        else:
            sentence = WORK_UNTIL.format(names=names, end=clock_time(item.end, zone))
        return Banner("maintenance", icon, label, sentence)
    item = soon_work(state)
    if item:
        return Banner("none", icon, label, ALL_WORKING,
                      WORK_SOON.format(names=component_names(tree, item.components),
                                       window=window_phrase(item, now, zone)))
    return Banner("none", icon, label, ALL_WORKING)


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
    "systems": "Systems",
}


def moment_in_words(moment: datetime, zone: ZoneInfo) -> str:
    """A time for readers who may read it later: "08:45 on Friday 20 November 2026"."""
    return f"{clock_time(moment, zone)} on {day_words(moment, zone, year=True)}"


# --- sentences with a time in them --------------------------------------------
# Each template holds only our own words; people's text and times are filled in.
# Pass `when` to show times differently (the page wraps them in <time>); with
# markupsafe values the result is Markup and everything else is escaped.

LATEST_UPDATE = "Latest update"
NEXT_UPDATE = "We will update you by {time}."
OVERDUE = "We said we would update you by {time}. We are still working on it."
AS_OF = "As of {time}"

MAINTENANCE_PHASE_LABELS = {
    "unannounced": "Not announced yet",
    "upcoming": "Coming up",
    "in_progress": "Happening now",
    "completed": "Finished",
    "cancelled": "Cancelled",
}


def fill(template: str, **parts: object) -> str:
    """`template.format(**parts)`, escaping plain parts when any part is Markup."""
    from markupsafe import Markup

    if any(isinstance(part, Markup) for part in parts.values()):
        return Markup(template).format(**parts)
    return template.format(**parts)


def next_update_sentence(incident: Incident, now: datetime, zone: ZoneInfo,
                         when: When | None = None) -> str:
    """ "We will update you by 08:45.", or the overdue version; "" once resolved.

    `when(moment, show)` formats the time, as in `window_in_words`.
    """
    if incident.is_resolved:
        return ""
    return promise_sentence(incident.latest.next_update, now, zone, when)


def promise_sentence(promised: datetime | None, now: datetime, zone: ZoneInfo,
                     when: When | None = None) -> str:
    """ "We will update you by 08:45.", or the overdue version once that time has passed;
    "" when nothing was promised. Problems and planned work in progress both say it."""
    if promised is None:
        return ""
    template = OVERDUE if promised < now else NEXT_UPDATE
    return fill(template, time=(when or _plain_time(zone))(promised, "time"))


def work_update_sentence(item: Maintenance, phase: str, now: datetime, zone: ZoneInfo,
                         when: When | None = None) -> str:
    """The next update promised by the latest update of planned work in progress, or ""."""
    latest = item.latest
    if phase != "in_progress" or latest is None or latest.status not in ("in_progress",
                                                                         "verifying"):
        return ""
    return promise_sentence(latest.next_update, now, zone, when)


def current_workaround(incident: Incident) -> str:
    """What to do meanwhile: the newest workaround given, while the incident is open."""
    if incident.is_resolved:
        return ""
    return next((u.workaround for u in reversed(incident.updates) if u.workaround), "")


def duration_words(delta: timedelta) -> str:
    """ "45 minutes", "1 hour 25 minutes", "2 days 3 hours" (never seconds)."""
    minutes = max(1, round(delta.total_seconds() / 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour")] + ([] if days else [(minutes, "minute")])
    words = [f"{n} {unit}{'s' * (n != 1)}" for n, unit in parts if n]
    return " ".join(words[:2]) or "1 minute"


WHEN_CANCELLED = "This work is cancelled. Nothing will change."
# The printed notice of cancelled work replaces the one on the noticeboard.
NOTICE_CANCELLED = "Cancelled: this work will not happen. Nothing will change."
NOTICE_WHY_CANCELLED = "Why it is cancelled"
NOTICE_TAKE_DOWN = "If the earlier notice is on your noticeboard, please take it down."
WHEN_STARTED = "Started at {start}. We expect to finish by {end}."
WHEN_RUNNING_LATE = ("Started at {start}. It is taking longer than planned: we expected "
                     "to finish by {end}.")
WHEN_FINISHED = "Finished at {end}."
LONG_WINDOW = timedelta(hours=24)  # work this long gives the day with each time


# Which facts a reader needs, in order, at each phase of the work.
FACTS_BY_PHASE = {
    "upcoming": ("affects", "systems", "why", "benefit", "prepare", "during", "contact"),
    "in_progress": ("affects", "systems", "during", "next_update", "contact", "window", "why",
                    "benefit"),
    "completed": ("window", "benefit", "contact"),
    "cancelled": ("window", "affects", "contact"),
}


def maintenance_when_sentence(item: Maintenance, phase: str, zone: ZoneInfo,
                              when: When | None = None, now: datetime | None = None
                              ) -> str:
    """When the work happens, from where it stands at `now` (`when` as in
    `window_in_words`): "Started at 18:00. We expect to finish by 21:00."."""
    show = when or _plain_time(zone)
    if phase == "cancelled":
        return WHEN_CANCELLED
    if phase == "in_progress":
        long = item.end - item.start >= LONG_WINDOW
        times = {"start": show(item.start, "datetime" if long else "time"),
                 "end": show(item.end, "datetime" if long else "time")}
        if now is not None and now >= item.end:
            return fill(WHEN_RUNNING_LATE, **times)
        return fill(WHEN_STARTED, **times)
    if phase == "completed":
        return fill(WHEN_FINISHED, end=show(item.finished_at, "time"))
    return window_in_words(item, zone, when)


def problem_days_sentence(days_with_problems: int, days: int, days_with_work: int = 0) -> str:
    """ "No problems in the last 90 days.", "Problems on 3 of the last 90 days.", and
    "Planned work on 1 day." after either when planned work went ahead, so the list of
    "days with problems or planned work" below never seems to contradict it."""
    if not days_with_problems:
        said = f"No problems in the last {days} days."
    else:
        said = f"Problems on {days_with_problems} of the last {days} days."
    if days_with_work:
        said += f" Planned work on {days_with_work} {'day' if days_with_work == 1 else 'days'}."
    return said


# --- notifications: the first line of a Teams card, Slack message or email ---

NOTICE_SUBJECTS = {
    "maintenance_new": "Planned work: {title}",
    "maintenance_moved": "New time for planned work: {title}",
    "reminder_24h": "Reminder: {title}, {window}",
    "reminder_1h": "Starting soon: {title}, {window}",
}
WAS_PLANNED = "It was planned for {window}."
READ_ON_THE_PAGE = "Read it on the status page"
ADD_TO_CALENDAR = "Add it to your calendar"


def update_subject(label: str, title: str) -> str:
    """ "Looking into it: Patient records are slow to open"."""
    return f"{label}: {title}"


def maintenance_subject(kind: str, item: Maintenance, now: datetime, zone: ZoneInfo) -> str:
    """The subject of a notice about planned work: new, moved, or a reminder."""
    return NOTICE_SUBJECTS[kind].format(title=item.title,
                                        window=window_phrase(item, now, zone))


def component_states_line(tree: StatusTree, components: dict[str, str]) -> str:
    """ "Patient records (EHR): Planned work. Lab results: Slow or unreliable." """
    return " ".join(f"{tree.component_name(cid)}: {STATE_LABELS[state]}."
                    for cid, state in components.items())


FEED_DESCRIPTION = ("What is not working and what work is planned on the hospital's IT "
                    "systems, in plain words, as the IT team writes it.")
CALENDAR_DESCRIPTION = ("Planned work on the hospital's IT systems. Each event says why, "
                        "how to prepare and who to call.")


def feed_title(site_name: str, audience_name: str | None = None) -> str:
    """ "Eastbrook Hospital IT: problems and planned work" (", for Wards and clinics")."""
    title = f"{site_name}: problems and planned work"
    return f"{title}, for {audience_name}" if audience_name else title


def calendar_title(site_name: str, audience_name: str | None = None) -> str:
    """ "Eastbrook Hospital IT: planned work" (", for Finance and payroll")."""
    title = f"{site_name}: planned work"
    return f"{title}, for {audience_name}" if audience_name else title


# --- the last 90 days ----------------------------------------------------------

NO_PROBLEMS_DAY = "No problems reported"
CHECKS_FAILED = "Automatic checks failed {failures} of {checks} times"


def more_on_the_day(count: int) -> str:
    """ "and 3 more problems or planned work" for a busy day in the 90-day list."""
    return f"and {count} more problem{'s' * (count != 1)} or planned work"


def stretch_words(state: str, minutes: int, title: str) -> str:
    """ "Slow or unreliable for 1 hour 25 minutes (Patient records are slow to open)"."""
    return f"{STATE_LABELS[state]} for {duration_words(timedelta(minutes=minutes))} ({title})"


# --- one audience's view, the wall board and the intranet banner ---------------

AUDIENCE_TITLE = "IT status for {audience}"
ALL_WORKING_FOR = "Everything is working for {audience}"
PICKER_LEAD = "Show only what concerns:"
PICKER_EVERYONE = "Everyone"
NOT_SHOWN = "Not shown here: {what} for other staff."
NEWS_SINCE_OPENED = "There is news since you opened this page."
# When the status page cannot be reached and the browser shows what it kept.
OFFLINE = ("We cannot reach the status page. This is what we knew at {time}. If you cannot "
           "work, call {contact}.")
OFFLINE_NO_CONTACT = ("We cannot reach the status page. This is what we knew at {time}. If "
                      "you cannot work, call the service desk.")
SHOW_LATEST = "Show the latest"
BOARD_REFRESHED = "Last refreshed {time}"
BOARD_NOT_REFRESHED = "Could not refresh since {time}. Trying again every minute."
BOARD_NO_PROBLEMS = "No problems reported."
BOARD_NO_WORK = "No planned work in the next 24 hours."
EMBED_LINK = "see the status page"
EMBED_PROBLEM = "{label}: {sentence}"
EMBED_OTHERS = ("{sentence}, and 1 other problem", "{sentence}, and {count} other problems")


def count_words(count: int, noun: str) -> str:
    """ "1 problem", "2 problems"."""
    return f"{count} {noun}{'s' * (count != 1)}"


def not_shown_sentence(problems: int, work: int) -> str:
    """What an audience's view leaves out right now, or "" when it leaves out nothing.

    "Not shown here: 1 problem and planned work in progress for other staff."
    """
    parts = [count_words(problems, "problem")] if problems else []
    if work:
        parts.append("planned work in progress")
    return NOT_SHOWN.format(what=" and ".join(parts)) if parts else ""


def embed_sentence(said: Banner, open_problems: int) -> str:
    """The intranet banner's one line (without its link), or "" when all is well.

    A problem: "Serious problem: Patient records are not opening, and 1 other problem".
    Planned work now or within a day: the status page's own sentence about it.
    """
    if open_problems:
        sentence = EMBED_PROBLEM.format(label=said.label, sentence=said.sentence)
        others = open_problems - 1
        if others:
            sentence = EMBED_OTHERS[others > 1].format(sentence=sentence, count=others)
        return sentence
    if said.level == "maintenance":
        return said.sentence
    return said.detail.removesuffix(".")


# --- who to call ------------------------------------------------------------------

CONTACT_FOR = "{names}: {contact}"
NEED_HELP = "Need help? {contact}"
URGENT_CALL = "If patient care is affected, call now: {contact}"


def full_stop(text: str) -> str:
    """`text` ending with a full stop (or the mark it already ends with)."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?" else text + "."


# --- a system whose problem concerns other staff only ---------------------------------

OTHER_STAFF_CAUSE = "For other staff: {titles}."
NOT_AFFECTED = "This does not affect {audience}."
