"""Check a YAML document against a JSON Schema, with messages for the person who wrote it.

Covers the keywords `notify.schema.json` uses. Each problem names the file,
the line and column of the value, and the field.
"""

from __future__ import annotations

from typing import Any

import jsonschema

from macros.problems import Problem, did_you_mean
from macros.yamlsafe import Key, YamlDoc, dotted

_TYPE_WORDS = {"string": "text", "array": "a list (lines starting with '- ')",
               "object": "fields (name: value)", "integer": "a whole number",
               "boolean": "true or false"}


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return {list: "a list", dict: "fields", type(None): "nothing"}.get(type(value), "text")


def _properties(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every named field in `schema`, at any depth, for hints about missing fields."""
    found: dict[str, dict[str, Any]] = {}
    for name, sub in schema.get("properties", {}).items():
        found[name] = sub
        found.update(_properties(sub.get("items", {})))
        found.update(_properties(sub))
    return found


def _missing(name: str, sub: dict[str, Any]) -> str:
    parts = ["this field is missing."]
    if sub.get("description"):
        parts.append(sub["description"])
    if sub.get("examples") and not isinstance(sub["examples"][0], list | dict):
        parts.append(f'Add a line like "{name}: {sub["examples"][0]}"')
    return " ".join(parts)


def check_shape(doc: YamlDoc, schema: dict[str, Any]) -> list[Problem]:
    """Every place where `doc` does not match `schema`, as positioned problems."""
    fields = _properties(schema)
    problems = []

    def add(key: Key, message: str, *, of_key: bool = False) -> None:
        table = doc.key_positions if of_key else doc.value_positions
        line, col = table.get(key) or doc.position(key)
        problems.append(Problem(doc.display, line, col, dotted(key), message))

    for error in jsonschema.Draft202012Validator(schema).iter_errors(doc.data):
        key: Key = tuple(error.absolute_path)
        kind, sub = error.validator, error.schema if isinstance(error.schema, dict) else {}
        if kind == "required":
            for name in error.validator_value:
                if name not in error.instance:
                    add((*key, name), _missing(name, fields.get(name, {})))
        elif kind == "additionalProperties":
            allowed = sub.get("properties", {})
            for name in error.instance:
                if name not in allowed:
                    add((*key, name), f'"{name}" is not a field here' + (
                        did_you_mean(name, allowed)
                        or f"; the fields allowed here are {', '.join(allowed)}"), of_key=True)
        elif kind == "enum":
            choices = [str(c) for c in error.validator_value]
            add(key, f'"{error.instance}" is not one of {", ".join(choices)}'
                + did_you_mean(str(error.instance), choices))
        elif kind == "type":
            wanted = _TYPE_WORDS.get(str(error.validator_value), str(error.validator_value))
            add(key, f"expected {wanted}, found {_found(error.instance)}")
        elif kind == "minLength":
            add(key, "this is empty; write something or remove the field")
        elif kind == "minItems":
            add(key, "this list is empty; add at least one entry")
        elif kind == "pattern":
            add(key, f'"{error.instance}" is not a valid id: use lowercase letters, digits '
                "and dashes, like service-desk")
        elif kind in ("minimum", "maximum"):
            limit = "at least" if kind == "minimum" else "at most"
            add(key, f"{error.instance} is out of range: it must be {limit} "
                f"{error.validator_value}")
        else:  # pragma: no cover - every keyword notify.schema.json uses is handled above
            add(key, error.message)
    return problems
