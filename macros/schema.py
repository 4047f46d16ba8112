"""JSON Schemas for the status files, built from the model's vocabulary.

The committed files in `macros/schemas/` are generated from here
(`bedside schemas`) and a test checks they are current, so the schema an
editor autocompletes against and the rules the build enforces never drift.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from macros.model import (
    COMPONENT_STATES,
    ID_PATTERN,
    IMPACTS,
    INCIDENT_STATUSES,
    MAINTENANCE_STATUSES,
    SOURCE_KINDS,
)

SCHEMA_DIR = Path(__file__).parent / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
BASE_ID = "https://bedside.example.org/schemas/"

TIME = {
    "type": "string",
    "description": (
        "A date and time, ISO 8601: 2026-11-20T08:15 (site time zone) "
        "or 2026-11-20T08:15+00:00."
    ),
}


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": 1, "description": description}


def _id(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": ID_PATTERN, "description": description}


def _object(properties: dict[str, Any], required: list[str], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _component_map(description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
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


def _updates(statuses: tuple[str, ...], min_items: int) -> dict[str, Any]:
    update = _object(
        {
            "at": TIME | {"description": "When this update was written."},
            "status": {"enum": list(statuses), "description": "Where things stand now."},
            "message": _text("What is happening, in the reader's words."),
            "workaround": _text("What to do meanwhile."),
            "next_update": TIME | {"description": "When we will say more. Needed until resolved."},
            "data_impact": _text("Whether any data was lost. Needed on the resolving update."),
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
            "id": _id("Stable id used in URLs and feeds: lowercase letters, digits, dashes."),
            "name": _text("The name staff know it by."),
            "description": _text("What it is for, in one sentence."),
            "contact": _text("Who to call about it."),
        },
        ["id", "name"],
        "A system people use.",
    )
    return _object(
        {
            "timezone": _text("IANA time zone, e.g. Europe/London. Naive times use it."),
            "audiences": {
                "type": "array",
                "items": _object(
                    {"id": _id("Audience id."), "name": _text("Who they are.")},
                    ["id", "name"],
                    "A group of readers who can filter the page.",
                ),
            },
            "groups": {
                "type": "array",
                "minItems": 1,
                "items": _object(
                    {
                        "name": _text("Group heading."),
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
            "title": _text("One plain sentence: what people notice."),
            "impact": {"enum": list(IMPACTS), "description": "How bad it is overall."},
            "components": _component_map("Component id -> its state while this is open."),
            "affects": _text("Who is affected, in people's words."),
            "audiences": _audience_list(),
            "updates": _updates(INCIDENT_STATUSES, 1),
            "postmortem": _text("Path of the review page, e.g. docs/status/reviews/x.md."),
        },
        ["title", "impact", "components", "affects", "updates"],
        "An unplanned problem.",
    )


def maintenance_schema() -> dict[str, Any]:
    """Schema of one `status/maintenance/YYYY-MM-DD-slug.yml`."""
    return _object(
        {
            "title": _text("What the work is, in plain words."),
            "components": _component_map("Component id -> its state during the work."),
            "affects": _text("Who is affected, in people's words."),
            "audiences": _audience_list(),
            "announce_from": TIME | {"description": "Not shown before this time."},
            "window": _object(
                {"start": TIME, "end": TIME}, ["start", "end"], "When the work happens."
            ),
            "why": _text("Why the work is needed."),
            "benefit": _text("How it helps the reader afterwards."),
            "prepare": {
                "description": "What to do before it starts.",
                "anyOf": [
                    {"type": "array", "items": _text("One thing to do.")},
                    _text("One thing to do."),
                ],
            },
            "during": _text("What still works and what to use meanwhile."),
            "contact": _text("Who to call."),
            "updates": _updates(MAINTENANCE_STATUSES, 0),
        },
        ["title", "components", "affects", "window", "why", "benefit", "during", "contact"],
        "Planned work.",
    )


def sources_schema() -> dict[str, Any]:
    """Schema of `status/sources.yml`."""
    source = _object(
        {
            "id": _id("Unique id of the source."),
            "kind": {"enum": list(SOURCE_KINDS), "description": "http, feed or statuspage."},
            "url": {"type": "string", "pattern": "^https?://", "description": "http(s) address."},
            "component": _id("The component this signal is about."),
            "name": _text("Who reports it, e.g. Microsoft, or the check's name."),
            "timeout_s": {"type": "number", "exclusiveMinimum": 0, "maximum": 60},
            "failures_before_alert": {"type": "integer", "minimum": 1, "maximum": 20},
            "max_bytes": {"type": "integer", "minimum": 1024, "maximum": 50_000_000},
        },
        ["id", "kind", "url", "component"],
        "An automatic signal.",
    )
    return _object(
        {"sources": {"type": "array", "items": source}}, ["sources"], "Automatic signals."
    )


SCHEMAS = {
    "components": components_schema,
    "incident": incident_schema,
    "maintenance": maintenance_schema,
    "sources": sources_schema,
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


def write_schemas() -> list[Path]:
    """Regenerate every committed schema file; return their paths."""
    SCHEMA_DIR.mkdir(exist_ok=True)
    written = []
    for name in SCHEMAS:
        path = schema_path(name)
        path.write_text(render_schema(name), encoding="utf-8")
        written.append(path)
    return written
