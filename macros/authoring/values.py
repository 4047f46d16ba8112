"""Reading what the command line gives (or the terminal answers) into checked values.

Each function either returns a value the status files accept or raises
`AuthoringError` with a message that says what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from macros.authoring.errors import AuthoringError
from macros.authoring.files import WordsRefused
from macros.invocation import bedside_command
from macros.model import COMPONENT_STATES, Incident, Maintenance, StatusTree
from macros.problems import did_you_mean
from macros.prompting import MissingAnswers, Prompter, Question
from macros.timeparse import (
    TimeError,
    TimePassed,
    fixed_offset,
    parse_duration_or_time,
    parse_time,
)

NEXT_UPDATE_DEFAULT = timedelta(minutes=30)
T = TypeVar("T")


def ask_again(prompter: Prompter, refused: WordsRefused, values: dict[str, Any],
              questions: list[Question]) -> None:
    """Ask again, at the terminal, for each answer whose words `bedside check` would
    refuse, saying why; without a person there (or for a field no question asks
    for), `refused` is raised as it is."""
    by_name = {q.name: q for q in questions}
    names = {re.sub(r"\[\d+\]", "", p.field).rsplit(".", 1)[-1]: p for p in refused.problems}
    if not prompter.interactive or not set(names) <= set(by_name):
        raise refused
    for name, q in by_name.items():
        why = [p for p in refused.problems
               if re.sub(r"\[\d+\]", "", p.field).rsplit(".", 1)[-1] == name]
        if not why:
            continue
        said = "\n".join(f"  {p.level}: {p.message}" for p in why)
        before = f"`{bedside_command()} check` would refuse these words for {q.option}:\n{said}"
        if q.many:
            prompter.write(before)
            values[name] = []
            prompter.ask_list(q.question, q.example, into=values[name])
        else:
            values[name] = prompter.ask(q, before=f"{before}\n  You wrote: {values[name]}")


def fill(prompter: Prompter, values: dict[str, Any], questions: list[Question],
         defaults: dict[str, str] | None = None) -> None:
    """Ask for the answers missing from `values`; say which are still missing."""
    try:
        prompter.fill(values, questions, defaults)
    except MissingAnswers as error:
        raise AuthoringError(str(error)) from None


def given_or_asked(given: str, check: Callable[[str], T], prompter: Prompter,
                   question: str) -> T | None:
    """`check(given)`; when nothing usable was given and a person is at the terminal,
    the question, asked until the answer passes `check` (a wrong option is said
    first). None when nobody is there to ask and nothing was given."""
    if given.strip():
        try:
            return check(given.strip())
        except AuthoringError as error:
            if not prompter.interactive:
                raise
            prompter.write(f"{error} Please answer again.")
    return prompter.ask_valid(question, check)


def choice(option: str, given: str, choices: tuple[str, ...], question: str,
           prompter: Prompter, example: str) -> str:
    """One of `choices`, as given with `option` or answered at the terminal."""
    def check(value: str) -> str:
        if value not in choices:
            raise AuthoringError(f'{option} "{value}" is not one of {", ".join(choices)}'
                                 f"{did_you_mean(value, choices)}.")
        return value

    value = given_or_asked(given, check, prompter,
                           f"{question} One of: {', '.join(choices)}.")
    if not value:
        raise AuthoringError(f"{question} Say it with {option}, one of {', '.join(choices)}. "
                             f"For example: {option} {example}")
    return value


def component_states(tree: StatusTree, given: list[str], prompter: Prompter,
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

    how = "" if default_state else (" Write id=state, like ehr=major_outage. States: "
                                    f"{', '.join(COMPONENT_STATES[1:])}.")
    components = given_or_asked(",".join(given), check, prompter,
                                f"Which systems are affected? Separate them with commas."
                                f"{how}\n  The ids are: {ids}.")
    if not components:
        example = "ehr" if default_state else "ehr=major_outage"
        raise AuthoringError(f"Say which systems are affected, for example --component "
                             f"{example}. The ids are: {ids}.")
    return components


def changed_states(item: Incident | Maintenance, given: list[str], status: str,
                   notes: list[str]) -> dict[str, str]:
    """`--component ID=STATE` on an update: the incident's systems whose state changes.

    Resolving makes every system work again, so only `operational` may go with it
    (and needs no saying); a state a system already has is noted, not repeated.
    """
    if not isinstance(item, Incident):
        raise AuthoringError("--component changes how a system is affected during an "
                             "incident. Planned work keeps its systems' states in the file's "
                             "components; change them there.")
    named, current = item.components, item.current_components
    changes: dict[str, str] = {}
    for entry in (e for raw in given for e in raw.split(",") if e.strip()):
        cid, _, state = entry.strip().replace(":", "=", 1).partition("=")
        cid, state = cid.strip(), state.strip()
        if cid not in named:
            raise AuthoringError(f'--component: "{cid}" is not one of this incident\'s '
                                 f"systems ({', '.join(named)}){did_you_mean(cid, named)}. "
                                 "To add a system, add it under components at the top of the "
                                 "file, with how it is affected.")
        if state not in COMPONENT_STATES:
            raise AuthoringError(f"--component {entry.strip()}: say how {cid} is now, one of "
                                 f"{', '.join(COMPONENT_STATES)}"
                                 f"{did_you_mean(state, COMPONENT_STATES) if state else ''}. "
                                 f"For example: --component {cid}=operational.")
        if status == "resolved" and state != "operational":
            raise AuthoringError(
                f"Resolving makes every system of the incident work again on the page, so "
                f"--component {cid}={state} cannot go with it. If {cid} is not fixed yet, post "
                f"an update instead: {bedside_command()} update {item.id} --status monitoring "
                f"--component {cid}={state}. If something else is wrong with it, open a new "
                "incident.")
        if status == "resolved":
            continue  # every system works again once it is resolved
        if current.get(cid) == state:
            notes.append(f"{cid} was already {state}, so that stays as it was.")
            continue
        changes[cid] = state
    return changes


def audience_ids(tree: StatusTree, given: list[str], prompter: Prompter) -> list[str]:
    """The audience ids given (commas or repeats), each known to components.yml; a
    wrong one is asked again at the terminal."""
    known = [a.id for a in tree.audiences]

    def check(text: str) -> list[str]:
        audiences = [a.strip() for a in text.split(",") if a.strip()]
        for audience in audiences:
            if audience not in known:
                raise AuthoringError(f'"{audience}" is not an audience in components.yml'
                                     f"{did_you_mean(audience, known)}. Known: "
                                     f"{', '.join(known) or 'none'}.")
        return audiences

    text = ",".join(given)
    if not text.strip():
        return []
    return given_or_asked(text, check, prompter, "Which readers is it for? Separate the ids "
                          f"with commas. Known: {', '.join(known) or 'none'}.") or []


def time_option(option: str, given: str, zone: ZoneInfo, prompter: Prompter, question: str,
                example: str) -> datetime:
    """A date and time given with `option`, or answered at the terminal."""
    moment = given_or_asked(given, lambda text: parse_option_time(option, text, zone),
                            prompter, f"{question} A date and time like {example} "
                                      f"({zone.key} time).")
    if not moment:
        raise AuthoringError(f"{question} Say it with {option}, for example "
                             f"{option} {example}")
    return moment


def parse_option_time(option: str, value: str, zone: ZoneInfo) -> datetime:
    """`value` read as a time in `zone`; the error names `option`."""
    try:
        return parse_time(value, zone)
    except TimeError as error:
        raise AuthoringError(f"{option}: {error}") from None


def next_update_time(given: str, at: datetime, zone: ZoneInfo,
                     prompter: Prompter | None = None) -> datetime:
    """When the next update is due: 30 minutes after `at` unless `--next-update` says.
    A time that cannot be used is asked again when a person is at the terminal."""
    if not given:
        return at + NEXT_UPDATE_DEFAULT

    def check(text: str) -> datetime:
        try:
            moment = parse_duration_or_time(text, at, zone)
        except TimePassed as error:
            raise AuthoringError(f"--next-update {text}: {error}.") from None
        except TimeError:
            raise AuthoringError(f'--next-update "{text}" is not a time. Write 30m, 1h, '
                                 "09:15 or a date and time like 2026-11-20T09:15.") from None
        if moment <= at:
            raise AuthoringError(f"--next-update {text} is not after now "
                                 f"({time_words(at, zone)}); say when people will hear more.")
        return moment

    asked = given_or_asked(given, check, prompter or Prompter(interactive=False),
                           "When will people hear more? 30m, 1h, 09:15 or a date and time.")
    assert asked is not None  # given was not empty, so it was checked or asked
    return asked


def to_the_minute(now: datetime, zone: ZoneInfo) -> datetime:
    """Now, to the minute, with a fixed offset so that adding minutes is exact."""
    return fixed_offset(now.astimezone(zone).replace(second=0, microsecond=0))


def shared_contact(tree: StatusTree, components: dict[str, str]) -> str:
    """The contact every affected system shares in components.yml, else ""."""
    contacts = {tree.components[c].contact for c in components} - {""}
    return contacts.pop() if len(contacts) == 1 else ""


def time_words(moment: datetime, zone: ZoneInfo) -> str:
    """A time in the command's messages: "08:15 on Fri 20 Nov"."""
    local = moment.astimezone(zone)
    return f"{local:%H:%M} on {local:%a} {local.day} {local:%b}"
