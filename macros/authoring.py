"""Opening, updating and resolving incidents and planned work for the IT team.

The commands in `macros/commands/author.py` only parse arguments and print;
everything here is a function of the tree, the clock and the answers, so
tests run it on temporary trees with a fixed time.

New files come from a template that starts with the `yaml-language-server`
line (so VS Code completes and checks fields) and already holds the first
update. Updates are inserted after the last one (`macros.yamlwrite`), so
the rest of the file keeps its comments and layout. Every file written is
checked with the loader before the command finishes; a result that would
not pass is not kept.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from macros import schema
from macros.loader import check_tree
from macros.model import (
    COMPONENT_STATES,
    IMPACTS,
    INCIDENT_STATUSES,
    MAINTENANCE_STATUSES,
    Incident,
    Maintenance,
    StatusTree,
)
from macros.paths import display_path
from macros.problems import Problem, did_you_mean, suggestion
from macros.prompting import MissingAnswers, Prompter, Question
from macros.timeparse import TimeError, fixed_offset, parse_duration_or_time, parse_time
from macros.tone import status_problems
from macros.yamlsafe import YamlFileError, parse_yaml
from macros.yamlwrite import (
    AppendError,
    append_update_text,
    iso_local,
    update_lines,
    write_atomic,
    yaml_field,
)

NEXT_UPDATE_DEFAULT = timedelta(minutes=30)
SLUG_WORDS = 5
_STOP_WORDS = {"a", "an", "the", "is", "are", "was", "were", "to", "of", "on", "in", "for",
               "and", "or", "be", "being", "with", "at", "by", "our", "some"}
# Statuses whose updates must say what to do meanwhile (the tone rule
# `what-to-do-now` in macros/tone/rules enforces the same in `bedside check`).
WORKAROUND_NEEDED = ("investigating", "identified")
ENDINGS = ("resolved", "completed", "cancelled")

USAGE = 2  # the command was not given what it needs, or was given something wrong
REFUSED = 1  # the data does not allow it (a resolved incident, checks that fail)


class AuthoringError(ValueError):
    """A request the command cannot carry out; the message says what to do instead."""

    def __init__(self, message: str, exit_code: int = USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class _Gather:
    """Checks every option before saying anything, so all mistakes are listed at once."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, check: Callable[..., Any], *args: Any) -> Any:
        try:
            return check(*args)
        except AuthoringError as error:
            self.messages.append(str(error))
            return None

    def done(self) -> None:
        if len(self.messages) == 1:
            raise AuthoringError(f"Nothing was written. {self.messages[0]}")
        if self.messages:
            raise AuthoringError("Nothing was written. Please fix these and run the command "
                                 "again:\n" + "\n".join(f"- {m}" for m in self.messages))


# --- the questions ----------------------------------------------------------------

TITLE = Question("title", "--title", "What do people notice, in one short sentence?",
                 "Patient records are slow to open")
AFFECTS = Question("affects", "--affects", "Who is affected, in people's words?",
                   "Wards and clinics on the main site")
WORKAROUND = Question("workaround", "--workaround", "What can people do meanwhile?",
                      "Use the read-only viewer on the ward PC for urgent look-ups.")
INCIDENT_QUESTIONS = [
    TITLE, AFFECTS,
    Question("message", "--message", "What is happening, and what are we doing about it?",
             "Patient records take up to a minute to open. We are working on it."),
    WORKAROUND,
]
MAINTENANCE_QUESTIONS = [
    Question("title", "--title", "What is the work, in plain words?", "Patient records upgrade"),
    Question("affects", "--affects", "Who is affected, in people's words?",
             "Everyone who uses patient records"),
    Question("why", "--why", "Why is the work needed?",
             "The new version fixes the slow search on the results screen."),
    Question("benefit", "--benefit", "How will it help people afterwards?",
             "Results will open in seconds instead of half a minute."),
    Question("prepare", "--prepare", "What should people do before it starts?",
             "Print the ward handover sheet before 21:30.", required=False, many=True),
    Question("during", "--during", "What still works during the work, and what should "
             "people use instead?", "Use the downtime forms. The read-only viewer stays on."),
    Question("contact", "--contact", "Who should people call?",
             "Service desk, ext. 4444, 24 hours"),
]
UPDATE_MESSAGE = Question("message", "--message", "What has changed? Say what people notice "
                          "now.", "Records open in a few seconds again. We are watching.")
DATA_IMPACT = Question("data_impact", "--data-impact", "Was anything lost? Say so plainly, "
                       "even if nothing was.", "No records, orders or results were lost.")
RESOLVE_MESSAGE = Question("message", "--message", "What is working again?",
                           "Patient records open normally again.")


# --- what the commands are given --------------------------------------------------


@dataclass
class IncidentRequest:
    """What `bedside new incident` was given (empty for what was not)."""

    title: str = ""
    impact: str = ""
    components: list[str] = field(default_factory=list)  # "ehr=major_outage"
    affects: str = ""
    message: str = ""
    workaround: str = ""
    audiences: list[str] = field(default_factory=list)
    next_update: str = ""


@dataclass
class MaintenanceRequest:
    """What `bedside new maintenance` was given."""

    title: str = ""
    components: list[str] = field(default_factory=list)  # "ehr" or "ehr=partial_outage"
    start: str = ""
    end: str = ""
    affects: str = ""
    why: str = ""
    benefit: str = ""
    prepare: list[str] = field(default_factory=list)
    during: str = ""
    contact: str = ""
    audiences: list[str] = field(default_factory=list)
    announce_from: str = ""


@dataclass
class UpdateRequest:
    """What `bedside update` or `bedside resolve` was given."""

    ident: str
    status: str = ""
    message: str = ""
    workaround: str = ""
    next_update: str = ""
    data_impact: str = ""


@dataclass(frozen=True)
class Written:
    """A file a command wrote, and what to tell the person next."""

    path: Path
    item_id: str
    summary: str
    next_steps: list[str]
    notes: list[str] = field(default_factory=list)
    checked: _Checked | None = None

    @property
    def other_problems(self) -> list[Problem]:
        """Errors in other files that will still stop the site from building."""
        return self.checked.elsewhere if self.checked else []

    @property
    def style_problems(self) -> list[Problem]:
        """What `bedside check` will ask to change in this file's wording."""
        return self.checked.style if self.checked else []


# --- new files ----------------------------------------------------------------------


def new_incident(root: Path, request: IncidentRequest, now: datetime, prompter: Prompter,
                 project_root: Path | None = None) -> Written:
    """Write `incidents/YYYY-MM-DD-slug.yml` with its first update, checked; return it.

    `project_root` lets the checks find files the data points to (review pages).
    """
    tree, _ = _usable_tree(root, project_root)
    zone = tree.timezone
    gather = _Gather()
    impact = gather(_choice, "--impact", request.impact, IMPACTS, "How bad is it overall?",
                    prompter, "major")
    components = gather(_components, tree, request.components, prompter, None)
    audiences = gather(_audiences, tree, request.audiences)
    at = _minute(now, zone)
    next_update = gather(_next_update, request.next_update, at, zone)
    values = {"title": request.title, "affects": request.affects,
              "message": request.message, "workaround": request.workaround}
    gather(_fill, prompter, values, INCIDENT_QUESTIONS)
    gather.done()

    item_id = unique_id(root, at.astimezone(zone).strftime("%Y-%m-%d"), values["title"])
    path = root / "incidents" / f"{item_id}.yml"
    first = {"at": at, "status": "investigating", "message": values["message"],
             "workaround": values["workaround"], "next_update": next_update}
    lines = [
        _schema_line(path, "incident"),
        f"# Opened with `bedside new incident` at {_words(at, zone)}.",
        f'# Add an update: bedside update {item_id} --message "..."',
        *yaml_field("title", values["title"]),
        f"impact: {impact}",
        "components:",
        *(f"  {cid}: {state}" for cid, state in components.items()),
        *yaml_field("affects", values["affects"]),
        *([f"audiences: [{', '.join(audiences)}]"] if audiences else []),
        "updates:",
        *update_lines(first, zone, dash="  "),
    ]
    checked = _write_new(tree, path, "\n".join(lines) + "\n", project_root)
    return Written(
        path, item_id,
        f"{values['title']}: opened. Next update due by {_words(next_update, zone)}.",
        [*_pr_steps(path, f"Status: open {item_id}"),
         f"Before {_words(next_update, zone)}, post the next update:",
         f'  bedside update {item_id} --status identified --message "..." '
         '--workaround "..."',
         f'When it is fixed: bedside resolve {item_id} --message "..." --data-impact "..."'],
        checked=checked,
    )


def new_maintenance(root: Path, request: MaintenanceRequest, now: datetime,
                    prompter: Prompter, project_root: Path | None = None) -> Written:
    """Write `maintenance/YYYY-MM-DD-slug.yml` (dated by its start), checked; return it."""
    tree, _ = _usable_tree(root, project_root)
    zone = tree.timezone
    gather = _Gather()
    components = gather(_components, tree, request.components, prompter, "under_maintenance")
    audiences = gather(_audiences, tree, request.audiences)
    start = gather(_time, "--start", request.start, zone, prompter,
                   "When does the work start?", "2026-12-06T22:00")
    end = gather(_time, "--end", request.end, zone, prompter, "When does it end?",
                 "2026-12-07T02:00")
    if start and end and end <= start:
        gather.messages.append(f"The work ends ({_words(end, zone)}) before it starts "
                               f"({_words(start, zone)}). Check --start and --end.")
    announce_from = gather(_parse_time, "--announce-from", request.announce_from, zone) \
        if request.announce_from else None
    if announce_from and start and announce_from > start:
        gather.messages.append("--announce-from is after the work starts, so nobody would be "
                               "told beforehand. Announce it earlier, or leave it out.")
    values: dict[str, Any] = {
        "title": request.title, "affects": request.affects, "why": request.why,
        "benefit": request.benefit, "during": request.during, "contact": request.contact,
        "prepare": [" ".join(p.split()) for p in request.prepare if p.strip()],
    }
    gather(_fill, prompter, values, MAINTENANCE_QUESTIONS,
           {"contact": _shared_contact(tree, components or {})})
    gather.done()
    prepare = values["prepare"]

    item_id = unique_id(root, start.astimezone(zone).strftime("%Y-%m-%d"), values["title"])
    path = root / "maintenance" / f"{item_id}.yml"
    lines = [
        _schema_line(path, "maintenance"),
        f"# Planned with `bedside new maintenance` at {_words(_minute(now, zone), zone)}.",
        *yaml_field("title", values["title"]),
        "components:",
        *(f"  {cid}: {state}" for cid, state in components.items()),
        *yaml_field("affects", values["affects"]),
        *([f"audiences: [{', '.join(audiences)}]"] if audiences else []),
        *([f"announce_from: {iso_local(announce_from, zone)}"] if announce_from else []),
        "window:",
        f"  start: {iso_local(start, zone)}",
        f"  end: {iso_local(end, zone)}",
        *yaml_field("why", values["why"]),
        *yaml_field("benefit", values["benefit"]),
        *(["prepare:", *(line for p in prepare for line in yaml_field("-", p, "  "))]
          if prepare else []),
        *yaml_field("during", values["during"]),
        *yaml_field("contact", values["contact"]),
    ]
    checked = _write_new(tree, path, "\n".join(lines) + "\n", project_root)
    notes = [] if prepare else ["There is nothing under prepare: say what people should do "
                                "before it starts, if anything (add --prepare \"...\")."]
    return Written(
        path, item_id,
        f"{values['title']}: from {_words(start, zone)} to {_words(end, zone)}.",
        [*_pr_steps(path, f"Status: plan {item_id}"),
         f'If plans change: bedside update {item_id} --status cancelled --message "..."'],
        notes, checked,
    )


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


# --- updates ------------------------------------------------------------------------


def add_update(root: Path, request: UpdateRequest, now: datetime, prompter: Prompter,
               project_root: Path | None = None) -> Written:
    """Add an update after the last one of an incident or planned work; check it."""
    tree, broken = _usable_tree(root, project_root)
    zone = tree.timezone
    item = find_item(tree, request.ident, broken)
    _refuse_if_finished(item, zone)
    is_incident = isinstance(item, Incident)
    statuses = INCIDENT_STATUSES if is_incident else MAINTENANCE_STATUSES
    current = item.latest.status if item.latest else "scheduled"
    gather = _Gather()
    status = gather(_choice, "--status", request.status, statuses,
                    "Where do things stand now?", prompter, current) \
        if request.status else current
    values = {"message": request.message, "workaround": request.workaround,
              "data_impact": request.data_impact}
    notes = []
    if status == "resolved":
        gather(_fill, prompter, values, [RESOLVE_MESSAGE, DATA_IMPACT])
    elif is_incident and status in WORKAROUND_NEEDED:
        previous = _latest_workaround(item)
        gather(_fill, prompter, values, [UPDATE_MESSAGE, WORKAROUND], {"workaround": previous})
        if not request.workaround and values["workaround"] == previous:
            notes.append(f"The workaround is the same as last time: {previous}")
    else:
        gather(_fill, prompter, values, [UPDATE_MESSAGE, replace(WORKAROUND, required=False)])
    at = _update_time(item, now, zone)
    next_update = None
    if status in ENDINGS and request.next_update:
        gather.messages.append(f"--next-update is not needed: once it is {status}, there is "
                               "no next update.")
    elif status not in ENDINGS and (is_incident or request.next_update):
        # planned work has a next update only when one is promised
        next_update = gather(_next_update, request.next_update, at, zone)
    gather.done()

    update: dict[str, Any] = {"at": at, "status": status, "message": values["message"],
                              "workaround": values["workaround"], "next_update": next_update,
                              "data_impact": values["data_impact"]}
    assert item.origin is not None
    path = item.origin.path
    old_text = path.read_text(encoding="utf-8")
    try:
        new_text = append_update_text(old_text, update, zone)
    except AppendError as error:
        raise AuthoringError(str(error), REFUSED) from None
    checked = _replace_checked(tree, path, old_text, new_text, project_root)
    steps = _pr_steps(path, f"Status: {status} {item.id}")
    if next_update:
        steps.append(f"Next update due by {_words(next_update, zone)}: "
                     f'bedside update {item.id} --message "..."')
    return Written(path, item.id,
                   f"{item.title}: new update at {_words(at, zone)}, status {status}.",
                   steps, notes, checked)


def resolve(root: Path, request: UpdateRequest, now: datetime, prompter: Prompter,
            project_root: Path | None = None) -> Written:
    """Add the resolving update (an incident) or the `completed` one (planned work)."""
    tree, broken = _usable_tree(root, project_root)
    item = find_item(tree, request.ident, broken)
    ending = "resolved" if isinstance(item, Incident) else "completed"
    return add_update(root, replace(request, ident=item.id, status=ending), now, prompter,
                      project_root)


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
                                 f"these first (bedside check shows the same list):\n{listed}",
                                 REFUSED)
    slugs = {i[11:]: i for i in ids}
    hint = suggestion(wanted, ids) or slugs.get(suggestion(wanted, slugs) or "", "")
    open_ids = [i.id for i in tree.incidents if not i.is_resolved]
    raise AuthoringError(
        f'There is no incident or planned work called "{ident}" in {display_path(tree.root)}.'
        + (f' Did you mean "{hint}"?' if hint else "")
        + (f" Open incidents: {', '.join(open_ids)}." if open_ids else " No incident is open."))


def _refuse_if_finished(item: Incident | Maintenance, zone: ZoneInfo) -> None:
    latest = item.latest
    if isinstance(item, Incident) and item.is_resolved:
        raise AuthoringError(
            f'"{item.title}" was resolved at {_words(latest.at, zone)}, so it cannot have '
            "more updates. If the problem is back, that is news people need: open a new "
            'incident with bedside new incident --title "..." and say in the message that it '
            "has happened again.", REFUSED)
    if isinstance(item, Maintenance) and latest and latest.status in ENDINGS:
        raise AuthoringError(
            f'"{item.title}" is already marked {latest.status}, so it cannot have more '
            "updates. Plan new work with bedside new maintenance.", REFUSED)


def _latest_workaround(item: Incident) -> str:
    return next((u.workaround for u in reversed(item.updates) if u.workaround), "")


def _update_time(item: Incident | Maintenance, now: datetime, zone: ZoneInfo) -> datetime:
    """Now to the minute; to the second when the last update has the same minute."""
    at = _minute(now, zone)
    if item.latest and at <= item.latest.at:
        at = fixed_offset(now.astimezone(zone).replace(microsecond=0))
    if item.latest and at <= item.latest.at:
        raise AuthoringError(
            f"The last update is dated {_words(item.latest.at, zone)}, which is not before "
            "now. Check the time of that update.", REFUSED)
    return at


# --- values from the command line ---------------------------------------------------


def _usable_tree(root: Path, project_root: Path | None
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
            f"(bedside check shows the same list):\n{listed}", REFUSED)
    broken: dict[str, list[Problem]] = {}
    for problem in result.errors:
        broken.setdefault(Path(problem.path).stem, []).append(problem)
    return tree, broken


def _fill(prompter: Prompter, values: dict[str, Any], questions: list[Question],
          defaults: dict[str, str] | None = None) -> None:
    try:
        prompter.fill(values, questions, defaults)
    except MissingAnswers as error:
        raise AuthoringError(str(error)) from None


def _choice(option: str, given: str, choices: tuple[str, ...], question: str,
            prompter: Prompter, example: str) -> str:
    def check(value: str) -> str:
        if value not in choices:
            raise AuthoringError(f'{option} "{value}" is not one of {", ".join(choices)}'
                                 f"{did_you_mean(value, choices)}.")
        return value

    value = check(given.strip()) if given.strip() else \
        prompter.ask_valid(f"{question} One of: {', '.join(choices)}.", check)
    if not value:
        raise AuthoringError(f"{question} Say it with {option}, one of {', '.join(choices)}. "
                             f"For example: {option} {example}")
    return value


def _components(tree: StatusTree, given: list[str], prompter: Prompter,
                default_state: str | None) -> dict[str, str]:
    """ "ehr=major_outage" entries (commas or repeats) checked against components.yml."""
    ids = ", ".join(tree.components)

    def check(text: str) -> dict[str, str]:
        components: dict[str, str] = {}
        for entry in (e for e in text.split(",") if e.strip()):
            cid, _, state = entry.strip().replace(":", "=", 1).partition("=")
            cid, state = cid.strip(), state.strip() or (default_state or "")
            if cid not in tree.components:
                raise AuthoringError(f'"{cid}" is not a system in components.yml'
                                     f"{did_you_mean(cid, tree.components)}. The ids are: "
                                     f"{ids}.")
            if not state:
                raise AuthoringError(f"Say how {cid} is affected, for example --component "
                                     f"{cid}=major_outage. States: "
                                     f"{', '.join(COMPONENT_STATES[1:])}.")
            if state not in COMPONENT_STATES:
                raise AuthoringError(f'"{state}" (for {cid}) is not one of '
                                     f"{', '.join(COMPONENT_STATES)}"
                                     f"{did_you_mean(state, COMPONENT_STATES)}.")
            components[cid] = state
        return components

    text = ",".join(given)
    if text.strip():
        return check(text)
    how = "" if default_state else (" Write id=state, like ehr=major_outage. States: "
                                    f"{', '.join(COMPONENT_STATES[1:])}.")
    components = prompter.ask_valid(f"Which systems are affected? Separate them with commas."
                                    f"{how}\n  The ids are: {ids}.", check)
    if not components:
        example = "ehr" if default_state else "ehr=major_outage"
        raise AuthoringError(f"Say which systems are affected, for example --component "
                             f"{example}. The ids are: {ids}.")
    return components


def _audiences(tree: StatusTree, given: list[str]) -> list[str]:
    known = [a.id for a in tree.audiences]
    audiences = [a.strip() for raw in given for a in raw.split(",") if a.strip()]
    for audience in audiences:
        if audience not in known:
            raise AuthoringError(f'"{audience}" is not an audience in components.yml'
                                 f"{did_you_mean(audience, known)}. Known: "
                                 f"{', '.join(known) or 'none'}.")
    return audiences


def _time(option: str, given: str, zone: ZoneInfo, prompter: Prompter, question: str,
          example: str) -> datetime:
    if given.strip():
        return _parse_time(option, given, zone)
    moment = prompter.ask_valid(f"{question} A date and time like {example} ({zone.key} "
                                "time).", lambda text: _parse_time(option, text, zone))
    if not moment:
        raise AuthoringError(f"{question} Say it with {option}, for example "
                             f"{option} {example}")
    return moment


def _parse_time(option: str, value: str, zone: ZoneInfo) -> datetime:
    try:
        return parse_time(value, zone)
    except TimeError as error:
        raise AuthoringError(f"{option}: {error}") from None


def _next_update(given: str, at: datetime, zone: ZoneInfo) -> datetime:
    if not given:
        return at + NEXT_UPDATE_DEFAULT
    try:
        moment = parse_duration_or_time(given, at, zone)
    except TimeError:
        raise AuthoringError(f'--next-update "{given}" is not a time. Write 30m, 1h, 09:15 '
                             "or a date and time like 2026-11-20T09:15") from None
    if moment <= at:
        raise AuthoringError(f"--next-update {given} is not after now "
                             f"({_words(at, zone)}); say when people will hear more.")
    return moment


def _minute(now: datetime, zone: ZoneInfo) -> datetime:
    """Now, to the minute, with a fixed offset so that adding minutes is exact."""
    return fixed_offset(now.astimezone(zone).replace(second=0, microsecond=0))


def _shared_contact(tree: StatusTree, components: dict[str, str]) -> str:
    contacts = {tree.components[c].contact for c in components} - {""}
    return contacts.pop() if len(contacts) == 1 else ""


def _schema_line(path: Path, name: str) -> str:
    relative = os.path.relpath(schema.schema_path(name), path.parent)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}"


def _words(moment: datetime, zone: ZoneInfo) -> str:
    local = moment.astimezone(zone)
    return f"{local:%H:%M} on {local:%a} {local.day} {local:%b}"


# --- writing and checking ---------------------------------------------------------


@dataclass(frozen=True)
class _Checked:
    """What `bedside check` will say once the file is written."""

    elsewhere: list[Problem]  # loader errors in other files (not ours to fix here)
    style: list[Problem]  # the tone rules' findings in this file


def _write_new(tree: StatusTree, path: Path, text: str,
               project_root: Path | None) -> _Checked:
    _parses(text, path)
    write_atomic(path, text)
    return _check_written(tree.root, path, path.unlink, project_root)


def _replace_checked(tree: StatusTree, path: Path, old_text: str, new_text: str,
                     project_root: Path | None) -> _Checked:
    _parses(new_text, path)
    write_atomic(path, new_text)
    return _check_written(tree.root, path, lambda: write_atomic(path, old_text), project_root)


def _check_written(root: Path, path: Path, undo: Callable[[], Any],
                   project_root: Path | None) -> _Checked:
    """Run the loader on the whole tree; undo the write if this file has errors."""
    target = path.resolve()
    errors = check_tree(root, project_root).errors
    ours = [p for p in errors if Path(p.path).resolve() == target]
    if ours:
        undo()
        listed = "\n".join(f"  {p}" for p in ours)
        raise AuthoringError("The result would not pass the checks, so the file was left as "
                             f"it was:\n{listed}", REFUSED)
    style = [p for p in status_problems(root) if Path(p.path).resolve() == target]
    return _Checked([p for p in errors if p not in ours], style)


def _parses(text: str, path: Path) -> None:
    try:
        parse_yaml(text, display_path(path))
    except YamlFileError as error:  # pragma: no cover - yaml_field quotes what YAML misreads
        raise AuthoringError(f"The result would not be valid YAML, so nothing was written:\n"
                             f"  {error.problem}", REFUSED) from None


def _pr_steps(path: Path, subject: str) -> list[str]:
    return [
        "Read the file once more, then open a pull request:",
        f"  git add {display_path(path)}",
        f'  git commit -m "{subject}"',
        "  git push   (then open the pull request; the site changes when it is merged)",
    ]
