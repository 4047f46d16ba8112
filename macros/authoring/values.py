"""Reading what the command line gives (or the terminal answers) into checked values.

Each function either returns a value the status files accept or raises
`AuthoringError` with a message that says what to write instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from macros.authoring.errors import AuthoringError
from macros.model import COMPONENT_STATES, StatusTree
from macros.problems import did_you_mean
from macros.prompting import MissingAnswers, Prompter, Question
from macros.timeparse import TimeError, fixed_offset, parse_duration_or_time, parse_time

NEXT_UPDATE_DEFAULT = timedelta(minutes=30)


def fill(prompter: Prompter, values: dict[str, Any], questions: list[Question],
         defaults: dict[str, str] | None = None) -> None:
    """Ask for the answers missing from `values`; say which are still missing."""
    try:
        prompter.fill(values, questions, defaults)
    except MissingAnswers as error:
        raise AuthoringError(str(error)) from None


def choice(option: str, given: str, choices: tuple[str, ...], question: str,
           prompter: Prompter, example: str) -> str:
    """One of `choices`, as given with `option` or answered at the terminal."""
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


def audience_ids(tree: StatusTree, given: list[str]) -> list[str]:
    """The audience ids given (commas or repeats), each known to components.yml."""
    known = [a.id for a in tree.audiences]
    audiences = [a.strip() for raw in given for a in raw.split(",") if a.strip()]
    for audience in audiences:
        if audience not in known:
            raise AuthoringError(f'"{audience}" is not an audience in components.yml'
                                 f"{did_you_mean(audience, known)}. Known: "
                                 f"{', '.join(known) or 'none'}.")
    return audiences


def time_option(option: str, given: str, zone: ZoneInfo, prompter: Prompter, question: str,
                example: str) -> datetime:
    """A date and time given with `option`, or answered at the terminal."""
    if given.strip():
        return parse_option_time(option, given, zone)
    moment = prompter.ask_valid(f"{question} A date and time like {example} ({zone.key} "
                                "time).", lambda text: parse_option_time(option, text, zone))
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


def next_update_time(given: str, at: datetime, zone: ZoneInfo) -> datetime:
    """When the next update is due: 30 minutes after `at` unless `--next-update` says."""
    if not given:
        return at + NEXT_UPDATE_DEFAULT
    try:
        moment = parse_duration_or_time(given, at, zone)
    except TimeError:
        raise AuthoringError(f'--next-update "{given}" is not a time. Write 30m, 1h, 09:15 '
                             "or a date and time like 2026-11-20T09:15") from None
    if moment <= at:
        raise AuthoringError(f"--next-update {given} is not after now "
                             f"({time_words(at, zone)}); say when people will hear more.")
    return moment


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
