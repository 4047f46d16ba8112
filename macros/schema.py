"""JSON Schemas for the status files and notify.yml, built from their vocabulary.

The committed files in `macros/schemas/` are generated from here
(`bedside schemas`) and a test checks they are current, so the schema an
editor autocompletes against and the rules the build enforces never drift.
`status.schema.json` is the exception: it describes the published
status.json, not a file people edit, and is written by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from macros.kinds import KINDS, all_kinds
from macros.model import (
    COMPONENT_STATES,
    EFFECTS,
    ID_PATTERN,
    IMPACTS,
    INCIDENT_STATUSES,
    MAINTENANCE_STATUSES,
    Source,
)

SCHEMA_DIR = Path(__file__).parent / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://bedside.example.org/schemas/"

# What an editor accepts while typing; the loader reads the time itself and
# explains any mistake (a date that does not exist, a wrong offset, ...).
TIME_PATTERN = (
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$"
)
TIME = {
    "type": "string",
    "pattern": TIME_PATTERN,
    "description": (
        "A date and time, ISO 8601: 2026-11-20T08:15 (site time zone) "
        "or 2026-11-20T08:15+00:00."
    ),
}


def _time(description: str, example: str) -> dict[str, Any]:
    return TIME | {"description": description, "examples": [example]}


def _text(description: str, example: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "minLength": 1, "description": description}
    if example:
        schema["examples"] = [example]
    return schema


def _id(description: str, example: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "pattern": ID_PATTERN, "description": description}
    if example:
        schema["examples"] = [example]
    return schema


def _choice(choices: tuple[str, ...], description: str, example: str) -> dict[str, Any]:
    return {"enum": list(choices), "description": description, "examples": [example]}


def _object(properties: dict[str, Any], required: list[str], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _component_map(description: str, example: dict[str, str]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "examples": [example],
        "minProperties": 1,
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": {"enum": list(COMPONENT_STATES)},
    }


def _audience_list() -> dict[str, Any]:
    return {
        "type": "array",
        "description": "Audience ids from components.yml. None means everyone.",
        "items": _id("An audience id from components.yml."),
    }


def _updates(statuses: tuple[str, ...], min_items: int,
             extra: dict[str, Any] | None = None) -> dict[str, Any]:
    update = _object(
        {
            "at": _time("When this update was written.", "2026-11-20T08:15"),
            "status": _choice(statuses, "Where things stand now.", statuses[0]),
            "message": _text("What is happening, in the reader's words.",
                             "Patient records take up to a minute to open. "
                             "We are working on it."),
            "workaround": _text("What to do meanwhile.",
                                "Use the read-only viewer on the ward PC."),
            "next_update": _time("When we will say more. Needed until resolved.",
                                 "2026-11-20T08:45"),
            "data_impact": _text("Whether any data was lost. Needed on the resolving update.",
                                 "No records or orders were lost."),
            **(extra or {}),
        },
        ["at", "status", "message"],
        "One update, oldest first.",
    )
    return {"type": "array", "minItems": min_items, "items": update,
            "description": "Updates, oldest first."}


def components_schema() -> dict[str, Any]:
    """Schema of `status/components.yml`."""
    component = _object(
        {
            "id": _id("Stable id used in URLs and feeds: lowercase letters, digits, dashes.",
                       "ehr"),
            "name": _text("The name staff know it by.", "Patient records (EHR)"),
            "description": _text("What it is for, in one sentence."),
            "contact": _text("Who to call about it."),
        },
        ["id", "name"],
        "A system people use.",
    )
    return _object(
        {
            "timezone": _text("IANA time zone, e.g. Europe/London. Naive times use it.",
                              "Europe/London"),
            "audiences": {
                "type": "array",
                "items": _object(
                    {
                        "id": _id("Audience id.", "wards"),
                        "name": _text("Who they are.", "Wards and clinics"),
                    },
                    ["id", "name"],
                    "A group of readers who can filter the page.",
                ),
            },
            "groups": {
                "type": "array",
                "minItems": 1,
                "items": _object(
                    {
                        "name": _text("Group heading.", "Clinical systems"),
                        "components": {"type": "array", "minItems": 1, "items": component},
                    },
                    ["name", "components"],
                    "A group of components.",
                ),
            },
        },
        ["timezone", "groups"],
        "The systems shown on the status page.",
    )


def incident_schema() -> dict[str, Any]:
    """Schema of one `status/incidents/YYYY-MM-DD-slug.yml`."""
    return _object(
        {
            "title": _text("One plain sentence: what people notice.",
                           "Patient records are slow to open"),
            "impact": _choice(IMPACTS, "How bad it is overall.", "major"),
            "components": _component_map("Component id -> its state when this opened "
                                         "(an update may change it).",
                                         {"ehr": "degraded_performance"}),
            "affects": _text("Who is affected, in people's words.",
                             "Wards and clinics on the main site"),
            "audiences": _audience_list(),
            "updates": _updates(INCIDENT_STATUSES, 1, {"components": _component_map(
                "Optional: the systems whose state changes with this update (the others keep "
                "theirs), e.g. {ehr: operational} once it works again.",
                {"ehr": "operational"})}),
            "postmortem": _text("Path of the review page, e.g. docs/status/reviews/x.md.",
                                "docs/status/reviews/2026-11-20-ehr-slow.md"),
            "follow_up": _object(
                {
                    "at": _time("When the follow-up calls were made (the last of them).",
                                "2026-11-23T14:10"),
                    "by": _text("Who made them.", "Priya Nair, service desk"),
                    "note": _text("What people said, in a line or two.",
                                  "Ward 6 said the handwritten labels slowed the blood round."),
                },
                ["at", "by"],
                "The follow-up calls after the fix, once they are made (bedside resolve "
                "says who to call and by when).",
            ),
        },
        ["title", "impact", "components", "affects", "updates"],
        "An unplanned problem.",
    )


def maintenance_schema() -> dict[str, Any]:
    """Schema of one `status/maintenance/YYYY-MM-DD-slug.yml`."""
    return _object(
        {
            "title": _text("What the work is, in plain words.", "Patient records upgrade"),
            "components": _component_map("Component id -> its state during the work.",
                                         {"ehr": "under_maintenance"}),
            "affects": _text("Who is affected, in people's words.",
                             "Everyone who uses patient records"),
            "audiences": _audience_list(),
            "announce_from": _time("Not shown before this time.", "2026-11-29T09:00"),
            "window": _object(
                {
                    "start": _time("When the work starts.", "2026-12-06T22:00"),
                    "end": _time("When the work ends.", "2026-12-07T02:00"),
                },
                ["start", "end"],
                "When the work happens.",
            ),
            "why": _text("Why the work is needed.",
                         "The new version fixes the slow search on the results screen."),
            "benefit": _text("How it helps the reader afterwards.",
                             "Results will open in seconds instead of half a minute."),
            "prepare": {
                "description": "What to do before it starts.",
                "anyOf": [
                    {"type": "array", "items": _text("One thing to do.")},
                    _text("One thing to do."),
                ],
                "examples": [["Print the ward handover sheet before 21:30."]],
            },
            "during": _text("What still works and what to use meanwhile.",
                            "Use the downtime forms. The read-only viewer stays available."),
            "contact": _text("Who to call.", "Service desk, ext. 4444, 24 hours"),
            "updates": _updates(MAINTENANCE_STATUSES, 0),
            "override": _object(
                {
                    "rules": {
                        "type": "array", "minItems": 1,
                        "description": "The rules it goes ahead despite: a freeze's id from "
                                       "calendar.yml, or notice.",
                        "items": _id("A freeze id from calendar.yml, or notice."),
                        "examples": [["month-end-close", "notice"]],
                    },
                    "reason": _text("Why it cannot wait, in plain words.",
                                    "The supplier's security fix cannot wait until close ends."),
                    "agreed_by": _text("Who agreed, by name and role.",
                                       "Dana Okafor, financial controller"),
                },
                ["rules", "reason", "agreed_by"],
                "Only when the work must go ahead in a freeze or with less notice than "
                "calendar.yml asks: the rules, why, and who agreed.",
            ),
        },
        ["title", "components", "affects", "window", "why", "benefit", "during", "contact"],
        "Planned work.",
    )


# The largest answer a source may be allowed: what one reading process can hold safely.
MAX_SOURCE_BYTES = 10_000_000


def sources_schema() -> dict[str, Any]:
    """Schema of `status/sources.yml`."""
    source = _object(
        {
            "id": _id("Unique id of the source.", "ehr-login"),
            "kind": _choice(KINDS, "What kind of source it is: " + "; ".join(
                f"{kind.name}, {kind.summary}" for kind in all_kinds()) + ".", KINDS[0]),
            "url": {"type": "string", "pattern": "^https?://", "description": "http(s) address.",
                    "examples": ["https://ehr.example.org/health"]},
            "component": _id("The component this signal is about.", "ehr"),
            "name": _text("Who reports it, e.g. Microsoft, or the check's name."),
            "timeout_s": {"type": "number", "exclusiveMinimum": 0, "maximum": 60},
            "failures_before_alert": {"type": "integer", "minimum": 1, "maximum": 20},
            "max_bytes": {"type": "integer", "minimum": 1024, "maximum": MAX_SOURCE_BYTES,
                          "description": "The largest answer accepted, in bytes (default "
                                         f"{Source.max_bytes:,}, at most {MAX_SOURCE_BYTES:,})."},
        },
        ["id", "kind", "url", "component"],
        "An automatic signal.",
    )
    return _object(
        {"sources": {"type": "array", "items": source}}, ["sources"], "Automatic signals."
    )


# Days are read (and any mistake explained) by the loader, like times.
DATE = {"type": "string", "description": "A day, like 2026-12-25.", "examples": ["2026-12-25"]}
DAY_OF_YEAR = {"type": "string", "description": "A day of every year, like 1 April.",
               "examples": ["1 April"]}


def _id_list(description: str, example: list[str]) -> dict[str, Any]:
    return {"type": "array", "minItems": 1, "description": description,
            "items": _id("An id from components.yml."), "examples": [example]}


def calendar_schema() -> dict[str, Any]:
    """Schema of `status/calendar.yml`: freezes, notice periods, who must prepare."""
    freeze = _object(
        {
            "id": _id("Stable id; an override names it.", "month-end-close"),
            "name": _text("Its name, as staff say it.", "Month-end close"),
            "monthly": _object(
                {
                    "last_working_days": {"type": "integer", "minimum": 0, "maximum": 10,
                                          "description": "How many of the last working "
                                                         "days of each month.",
                                          "examples": [1]},
                    "first_working_days": {"type": "integer", "minimum": 0, "maximum": 10,
                                           "description": "How many of the first working "
                                                          "days of the next month.",
                                           "examples": [5]},
                },
                ["last_working_days", "first_working_days"],
                "Every month: the last working days of the month and the first of the next.",
            ),
            "yearly": _object({"from": DAY_OF_YEAR, "until": DAY_OF_YEAR}, ["from", "until"],
                              "Every year, from one day to another, like 1 April to 30 April."),
            "dates": _object({"from": DATE, "until": DATE}, ["from", "until"],
                             "Once: from one day to another, both included."),
            "systems": _id_list("The systems it protects. Leave it out for every system.",
                                ["payroll", "finance-ledger"]),
            "audiences": _id_list("Who it protects: audience ids from components.yml. Leave "
                                  "it out for everyone.", ["finance"]),
            "agree_with": _text("Who can agree to work during it.",
                                "the financial controller"),
            "page": _text("The playbook page that explains it, from docs/.",
                          "playbook/support/month-end.md"),
        },
        ["id", "name"],
        "A time when planned work must not happen. Give monthly, yearly or dates.",
    )
    notice = _object(
        {
            "name": _text("Which work it is about, as staff would say it.",
                          "Work that stops a system"),
            "effect": _choice(EFFECTS, "The least the work takes away for the rule to apply: "
                              "slows, partly-stops or stops.", "stops"),
            "weeks": {"type": "integer", "minimum": 1, "maximum": 52,
                      "description": "How many weeks ahead people must hear of it.",
                      "examples": [2]},
            "systems": _id_list("Only work on these systems. Leave it out for every system.",
                                ["payroll"]),
            "audiences": _id_list("Only work that concerns these audiences. Leave it out for "
                                  "everyone.", ["finance"]),
            "page": _text("The playbook page that promises it, from docs/.",
                          "playbook/downtime/communicating.md"),
        },
        ["name", "effect", "weeks"],
        "How far ahead people hear of planned work.",
    )
    return _object(
        {
            "bank_holidays": {"type": "array", "items": DATE,
                              "description": "Days that are not working days, besides "
                                             "Saturdays and Sundays."},
            "freezes": {"type": "array", "items": freeze,
                        "description": "Times when planned work must not happen."},
            "notice": {"type": "array", "items": notice,
                       "description": "How far ahead people hear of planned work."},
            "prepare_needed": _object(
                {
                    "groups": {"type": "array", "items": _text("A group name."),
                               "description": "Group names from components.yml.",
                               "examples": [["Clinical systems"]]},
                    "systems": {"type": "array", "items": _id("A component id."),
                                "description": "Component ids from components.yml.",
                                "examples": [["payroll"]]},
                },
                [],
                "Work that stops one of these systems must say how to prepare. Leave it "
                "out for every system.",
            ),
        },
        [],
        "The change calendar: when planned work must not happen, how far ahead people "
        "hear of it, and which systems need preparation steps.",
    )


# The kinds of channel `notify.yml` can name; all but email take a webhook address.
CHANNEL_TYPES: tuple[str, ...] = ("teams", "slack", "webhook", "email")
WEBHOOK_CHANNELS = tuple(t for t in CHANNEL_TYPES if t != "email")


def _env_name(what: str, example: str) -> dict[str, Any]:
    return _text(f"The name of the environment variable that holds {what}, like {example}. "
                 f"Never {what} itself.", example)


def notify_schema() -> dict[str, Any]:
    """Schema of `status/notify.yml`: where `bedside notify` sends news."""
    channel = _object(
        {
            "id": _id("A short, stable name for this channel, like service-desk-teams. "
                      "The record of what was sent uses it.", "service-desk-teams"),
            "type": _choice(CHANNEL_TYPES, "teams, slack, webhook (any JSON receiver) or "
                            "email.", "teams"),
            "audiences": _audience_list() | {
                "minItems": 1,
                "description": "Only send what concerns these audiences (ids from "
                               "components.yml). News for everyone is always sent.",
                "examples": [["finance"]],
            },
            "url_env": _env_name("the webhook address", "TEAMS_WEBHOOK_URL"),
            "host": _text("The mail server, like smtp.eastbrook.example.org.",
                          "smtp.eastbrook.example.org"),
            "port": {"type": "integer", "minimum": 1, "maximum": 65535,
                     "description": "The mail server's port; 587 when left out.",
                     "examples": [587]},
            "starttls": {"type": "boolean", "description": "Encrypt the connection with "
                         "STARTTLS (true when left out).", "examples": [True]},
            "username": _text("The account to sign in to the mail server with, if it needs "
                              "one.", "it-status@eastbrook.example.org"),
            "password_env": _env_name("the mail password", "SMTP_PASSWORD"),
            "sender": _text("Who the email comes from, like IT status "
                            "<it-status@eastbrook.example.org>.",
                            "Eastbrook IT status <it-status@eastbrook.example.org>"),
            "recipients": {"type": "array", "minItems": 1,
                           "description": "Who receives the email: addresses or distribution "
                                          "lists.",
                           "items": _text("An email address."),
                           "examples": [["ward-managers@eastbrook.example.org"]]},
        },
        ["id", "type"],
        "One place news is sent to: a Teams or Slack channel, a webhook, or an email list.",
    )
    channel["allOf"] = [
        {"if": {"required": ["type"], "properties": {"type": {"enum": list(WEBHOOK_CHANNELS)}}},
         "then": {"required": ["url_env"]}},
        {"if": {"required": ["type"], "properties": {"type": {"const": "email"}}},
         "then": {"required": ["host", "sender", "recipients"]}},
    ]
    return _object(
        {"channels": {"type": "array", "minItems": 1, "items": channel,
                      "description": "The places news is sent to."}},
        ["channels"],
        "Where `bedside notify` sends news of incidents and planned work. Secrets (webhook "
        "addresses, passwords) never go here: name the environment variable that holds them.",
    )


SCHEMAS = {
    "components": components_schema,
    "incident": incident_schema,
    "maintenance": maintenance_schema,
    "sources": sources_schema,
    "notify": notify_schema,
    "calendar": calendar_schema,
}


def schema_document(name: str) -> dict[str, Any]:
    """The full schema document for `name`, with `$schema` and `$id`."""
    return {
        "$schema": DRAFT,
        "$id": f"{BASE_ID}{name}.schema.json",
        "title": f"Bedside {name}",
        **SCHEMAS[name](),
    }


def schema_path(name: str) -> Path:
    """Where the committed schema file for `name` lives."""
    return SCHEMA_DIR / f"{name}.schema.json"


def render_schema(name: str) -> str:
    """The schema as the committed file's text."""
    return json.dumps(schema_document(name), indent=2, ensure_ascii=False) + "\n"


def source_checkout() -> Path | None:
    """The source checkout the schema folder belongs to; None in an installed package."""
    root = SCHEMA_DIR.parent.parent
    if (root / "pyproject.toml").is_file() and (root / "mkdocs.yml").is_file():
        return root
    return None


def write_schemas() -> list[Path]:
    """Regenerate every generated schema file; return their paths."""
    SCHEMA_DIR.mkdir(exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = schema_path(name)
        path.write_text(render_schema(name), encoding="utf-8")
        written.append(path)
    return written
