"""The playbook's copy-paste messages, in the status page's own sentences.

Each template is built from the sentence functions in `macros.wording` (the
ones the status page, the notices and the notifications use), with
placeholders such as "[start]" where the page fills in a time. The lines the
IT team writes themselves (the update's message) are suggestions in
brackets. Built with a real item and clock instead of placeholders, a
template says exactly what the status page says (tests check this).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from macros import wording
from macros.model import Component, Group, Maintenance, StatusTree, Update

# Where the page would fill in a time, the template shows the placeholder instead.
PLACEHOLDER_START = datetime(2000, 1, 1, 9, 0, tzinfo=ZoneInfo("UTC"))
PLACEHOLDER_END = PLACEHOLDER_START + timedelta(hours=4)
PLACEHOLDER_NEXT = PLACEHOLDER_START + timedelta(hours=1)
PLACEHOLDERS = {
    PLACEHOLDER_START: {"time": "[start]", "day-year": "[day and date]", "day": "[day]",
                        "datetime": "[day], [start]"},
    PLACEHOLDER_END: {"time": "[end]", "day-year": "[end day and date]", "day": "[end day]",
                      "datetime": "[end day], [end]"},
    PLACEHOLDER_NEXT: {"time": "[time]"},
}
SYSTEM = "[System]"  # the system's name, as components.yml gives it
CONTACT = "[Service desk, ext. 4444, 24 hours]"


@dataclass(frozen=True)
class Filled:
    """What a template is filled with: an item, its tree, the clock and how times show
    (`when` None: as the notices show them)."""

    tree: StatusTree
    item: Maintenance
    now: datetime
    when: wording.When | None
    title: str
    contact: str
    next_update: datetime

    @property
    def zone(self) -> ZoneInfo:
        return self.tree.timezone

    @property
    def is_placeholders(self) -> bool:
        return self.item.start == PLACEHOLDER_START


def placeholders() -> Filled:
    """Placeholders everywhere: the templates as the playbook prints them."""
    tree = StatusTree(root=Path("."), timezone=ZoneInfo("UTC"),
                      groups=(Group("", (Component("system", SYSTEM, ""),)),))
    item = Maintenance(
        id="placeholder", title="[what the work is]",
        components={"system": "under_maintenance"}, affects="[who, in their words]",
        start=PLACEHOLDER_START, end=PLACEHOLDER_END, why="[One sentence, in plain words.]",
        benefit="[One sentence about their work.]",
        during="[What still works. What to use instead.]", contact=CONTACT,
        prepare=("[Action] before [time].", "[Action] before [time]."),
        updates=(Update(PLACEHOLDER_START, "in_progress", "", next_update=PLACEHOLDER_NEXT),),
    )
    return Filled(tree, item, PLACEHOLDER_START, lambda moment, show: PLACEHOLDERS[moment][show],
                  item.title, CONTACT, PLACEHOLDER_NEXT)


def filled_with(tree: StatusTree, item: Maintenance, now: datetime,
                next_update: datetime) -> Filled:
    """A real item at a real clock: the words the status page says at `now`."""
    return Filled(tree, item, now, None, item.title, item.contact, next_update)


def _facts(*pairs: tuple[str, str]) -> list[str]:
    return [f"{wording.FIELD_HEADINGS[name]}: {text}" for name, text in pairs]


def first_notice(f: Filled) -> list[str]:
    """The first notice, as an email: the notification's subject and facts."""
    return [
        "Subject: " + wording.NOTICE_SUBJECTS["maintenance_new"].format(title=f.title),
        "",
        *_facts(("window", wording.window_in_words(f.item, f.zone, f.when))),
        wording.component_states_line(f.tree, f.item.components),
        *_facts(("affects", f.item.affects), ("why", f.item.why),
                ("benefit", f.item.benefit)),
        f"{wording.FIELD_HEADINGS['prepare']}:",
        *(f"- {step}" for step in f.item.prepare),
        *_facts(("during", f.item.during), ("contact", f.contact)),
    ]


def reminder(f: Filled) -> list[str]:
    """The day before: the reminder's subject, the window, what to do, who to call."""
    if f.is_placeholders:
        window = wording.WINDOW_SHORT.format(day=wording.RELATIVE_DAYS["tomorrow"],
                                             start="[start]", end="[end]")
    else:
        window = wording.window_phrase(f.item, f.now, f.zone)
    return [
        "Subject: " + wording.NOTICE_SUBJECTS["reminder_24h"].format(title=f.title,
                                                                      window=window),
        "",
        *_facts(("window", wording.window_in_words(f.item, f.zone, f.when))),
        f"{wording.FIELD_HEADINGS['prepare']}:",
        *(f"- {step}" for step in f.item.prepare),
        *_facts(("during", f.item.during), ("contact", f.contact)),
    ]


def _progress(f: Filled, message: str) -> list[str]:
    return [
        message,
        wording.maintenance_when_sentence(f.item, "in_progress", f.zone, f.when, f.now),
        wording.promise_sentence(f.next_update, f.now, f.zone, f.when),
    ]


def started(f: Filled) -> list[str]:
    """The first update once the work has started: your message, then the page's lines."""
    return _progress(f, "The work on [system] has started. Please use [what to use instead] "
                        "from now on.")


def hourly(f: Filled) -> list[str]:
    """Every hour during the work, even when nothing has changed."""
    return _progress(f, "The work on [system] is going to plan. Keep using "
                        "[what to use instead].")


def running_late(f: Filled) -> list[str]:
    """Once `window.end` is moved to the new end, the page gives the new time."""
    late = f if not f.is_placeholders else replace(
        f, when=lambda moment, show: "[new end]" if moment == PLACEHOLDER_END
        else PLACEHOLDERS[moment][show])
    return [*_progress(late, "[Why it is late, in one plain sentence.] Keep using "
                             "[what to use instead]."),
            wording.URGENT_CALL.format(contact=f.contact)]


def finished(f: Filled) -> list[str]:
    """When the work is over: the page's "Finished at", your thanks, who to call."""
    done = f.item if f.item.latest and f.item.latest.status == "completed" else \
        replace(f.item, updates=(Update(f.item.end, "completed", ""),))
    return [
        wording.maintenance_when_sentence(done, "completed", f.zone, f.when, f.now),
        "The work on [system] has finished and it is working again. Please [what to do "
        "now, for example enter the downtime forms into the record during your shift]. "
        "Thank you for your help during the work.",
        wording.NEED_HELP.format(contact=f.contact),
    ]


def problem_first(f: Filled) -> list[str]:
    """The first message about a problem nobody planned."""
    return [
        "Subject: " + wording.update_subject(wording.INCIDENT_STATUS_LABELS["investigating"],
                                             "[What people notice, in one sentence]"),
        "",
        "[What is not working, since when.] [What is safe, for example: nothing has been "
        "lost.] We are working on it.",
        *_facts(("workaround", "[what to do instead]")),
        wording.component_states_line(f.tree, {"system": "major_outage"}),
        *_facts(("affects", "[who]")),
        wording.promise_sentence(f.next_update, f.now, f.zone, f.when).replace(
            "[time]", "[time, within 30 minutes]"),
        *_facts(("contact", f.contact)),
    ]


def problem_fixed(f: Filled) -> list[str]:
    """The message when a problem is fixed."""
    return [
        "Subject: " + wording.update_subject(wording.INCIDENT_STATUS_LABELS["resolved"],
                                             "[What people notice, in one sentence]"),
        "",
        "[System] is working normally again. Thank you for bearing with us.",
        *_facts(("data_impact", "[what happened to work done meanwhile, for example: "
                                "nothing was lost]")),
        wording.NEED_HELP.format(contact=f.contact),
    ]


TEMPLATES = {
    "first-notice": first_notice,
    "reminder": reminder,
    "started": started,
    "hourly": hourly,
    "running-late": running_late,
    "finished": finished,
    "problem-first": problem_first,
    "problem-fixed": problem_fixed,
}


WIDTH = 72  # lines of an email or a huddle sheet


def template_lines(name: str, fill: Filled | None = None) -> list[str]:
    """One template's lines, with placeholders unless `fill` is given."""
    if name not in TEMPLATES:
        raise ValueError(f"message_template takes one of {', '.join(TEMPLATES)}, not {name!r}")
    return TEMPLATES[name](fill or placeholders())


def template_text(name: str, fill: Filled | None = None) -> str:
    """One template as text to copy, long lines wrapped."""
    return "\n".join(textwrap.fill(line, WIDTH, break_on_hyphens=False) if line else ""
                     for line in template_lines(name, fill))
