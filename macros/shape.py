"""Check a YAML file against its JSON Schema, in words for the person who wrote it.

One checker for every file people edit (the status files and notify.yml), so
the same mistake gets the same message wherever it is made. Each problem
names the file, the line and column, and the field. Times are left to the
caller, which reads them itself and explains what is wrong with them.

Every piece of text is also checked for characters no page, feed, calendar
or badge can carry (`macros.text.unsafe_character`), and formatted text for
what is too long or tangled to format (`macros.text.over_budget`), so
`bedside check` and the build agree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import jsonschema

from macros import schema
from macros.problems import Problem, did_you_mean, suggestion
from macros.text import over_budget, unsafe_character
from macros.yamlsafe import Key, YamlDoc, dotted

Known = Mapping[str, Iterable[str]]  # field name -> the ids people may write there

# Fields whose absence needs more than "add it": what to write instead.
MISSING_HINTS = {
    "updates": "every incident needs at least one update with at, status, message and "
               "next_update. Add one (bedside new incident writes the first one for you)",
    "window": 'say when the work happens, for example: window: {start: 2026-12-06T22:00, '
              'end: 2026-12-07T02:00}',
    "components": "say which systems are affected and how, for example: "
                  "components: {ehr: degraded_performance}",
    "groups": "list the groups of systems shown on the page, each with a name and its "
              "components (id and name), for example: groups: [{name: Clinical systems, "
              "components: [{id: ehr, name: Patient records}]}]",
}

# Fields written as paragraphs (a little Markdown), which may hold line breaks and tabs;
# every other text is shown on one line.
_FORMATTED = frozenset({"message", "workaround", "data_impact"})
PARAGRAPH_FIELDS: dict[str, frozenset[str]] = {
    "incident": _FORMATTED,
    "maintenance": _FORMATTED | {"why", "benefit", "during", "contact", "prepare"},
}
_EDGE_SPACE = " \t\n"  # what the loader strips from the ends of a value

_TYPE_WORDS = {
    "string": "text",
    "array": "a list (lines starting with '- ')",
    "object": "fields (name: value)",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
}


@dataclass
class FileCheck:
    """Problems found in one file, with a helper that places them."""

    doc: YamlDoc
    problems: list[Problem] = field(default_factory=list)

    def add(self, key: Key, message: str, *, of_key: bool = False,
            severity: str = "error") -> None:
        """Record a problem at the value (or, with `of_key`, the name) at `key`."""
        line, col = self.doc.position(key, of_key=of_key)
        problem = Problem(self.doc.display, line, col, dotted(key), message, severity)
        if problem not in self.problems:
            self.problems.append(problem)

    @property
    def ok(self) -> bool:
        """True when nothing found so far is an error."""
        return not any(p.severity == "error" for p in self.problems)


def check_shape(check: FileCheck, schema_name: str, known: Known | None = None) -> None:
    """Add a problem for each place the file does not match the schema `schema_name`.

    `known` lists the ids allowed in some fields, for "did you mean" hints.
    """
    validator = _validator(schema_name)
    for error in validator.iter_errors(check.doc.data):
        _report(check, error, known or {}, validator.schema)
    check_text(check, PARAGRAPH_FIELDS.get(schema_name, frozenset()))


def check_text(check: FileCheck, paragraphs: frozenset[str]) -> None:
    """Refuse characters no output can carry, in every text of the file; warn where a
    formatted field (one of `paragraphs`) will be shown as written, unformatted."""
    for key, value in _texts(check.doc.data, ()):
        name = next((part for part in reversed(key) if isinstance(part, str)), "")
        paragraph = name in paragraphs
        text = value.strip(_EDGE_SPACE)
        found = unsafe_character(text, paragraph=paragraph)
        if found:
            check.add(key, _unsafe_message(*found))
        elif value and not value.strip() and not _reported(check, key):
            # the loader strips every text, so this would be an empty one
            check.add(key, "this holds only spaces or line breaks; write something, or "
                      "remove the field")
        elif paragraph and (reason := over_budget(text)):
            check.add(key, "this will be shown as written, without formatting (no links, "
                      f"lists or bold), because {reason}", severity="warning")


def _reported(check: FileCheck, key: Key) -> bool:
    """Whether a problem already names the field at `key`."""
    field_name = dotted(key)
    return any(p.field == field_name for p in check.problems)


def _texts(data: Any, key: Key) -> Iterable[tuple[Key, str]]:
    """Every text value in `data`, with where it is."""
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from _texts(value, (*key, name))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _texts(value, (*key, index))


def _unsafe_message(index: int, said: str) -> str:
    where = f"character {index + 1}"
    if said == "a line break":
        return (f"this is shown on one line, but it holds a line break ({where}); write it "
                'on one line (a "|" after the colon keeps line breaks: use ">" instead)')
    if said == "a tab":
        return f"this holds a tab ({where}); use a space instead"
    return (f"this holds {said} at {where}, which no page, feed or calendar can show; "
            "delete it")


@functools.cache
def _validator(schema_name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema.schema_document(schema_name))


def _report(check: FileCheck, error: jsonschema.ValidationError, known: Known,
            root: dict[str, Any]) -> None:
    """Turn one schema error into a problem worded for the person who wrote the file."""
    key: Key = tuple(error.absolute_path)
    kind = error.validator
    subschema = error.schema if isinstance(error.schema, dict) else {}
    name = key[-1] if key else None
    if subschema.get("pattern") == schema.TIME_PATTERN:
        return  # the caller reads every time and explains what is wrong with it
    if kind == "required":
        _report_missing(check, error, key, root)
    elif kind == "additionalProperties" and "properties" in subschema:
        allowed = subschema["properties"]
        for field_name in error.instance:
            if field_name not in allowed:
                check.add((*key, field_name), f'"{field_name}" is not a field here'
                          + (did_you_mean(field_name, allowed) or
                             f"; the fields allowed here are {', '.join(allowed)}"),
                          of_key=True)
    elif kind == "enum":
        choices = [str(c) for c in error.validator_value]
        if error.instance is None or error.instance == "":
            check.add(key, _empty(subschema, name))
        else:
            check.add(key, f'"{error.instance}" is not one of {", ".join(choices)}'
                      + did_you_mean(str(error.instance), choices))
    elif kind == "type" and error.instance is None:
        check.add(key, _empty(subschema, name))
    elif kind == "type":
        check.add(key, _wrong_type(check, key, str(error.validator_value), error.instance))
    elif kind == "minLength":
        check.add(key, _empty(subschema, name))
    elif kind == "minItems" and name == "updates":
        check.add(key, "there are no updates; an incident needs at least one, with at, "
                  "status, message and next_update")
    elif kind == "minItems":
        check.add(key, f"this list is empty; it needs at least {error.validator_value} entry")
    elif kind == "minProperties":
        check.add(key, "this is empty; name at least one system, for example "
                  "{ehr: degraded_performance}")
    elif kind == "pattern" and "propertyNames" in error.schema_path:
        check.add((*key, error.instance), _bad_id(error.instance, known.get(str(name), ()),
                                                  {}), of_key=True)
    elif kind == "pattern" and str(error.validator_value).startswith("^https?"):
        check.add(key, "the address must start with http:// or https://")
    elif kind == "pattern":
        field_name = next((k for k in reversed(key) if isinstance(k, str)), "")
        check.add(key, _bad_id(error.instance, known.get(field_name, ()), subschema))
    elif kind == "anyOf":
        branch = _best_branch(error)
        if branch:
            for sub_error in branch:
                _report(check, sub_error, known, root)
        else:
            check.add(key, "expected a list of things to do (lines starting with '- '), "
                      "or one line of text")
    elif kind in ("minimum", "maximum", "exclusiveMinimum"):
        limit = error.validator_value
        words = {"minimum": f"at least {limit}", "maximum": f"at most {limit}",
                 "exclusiveMinimum": f"more than {limit}"}[kind]
        check.add(key, f"{error.instance} is out of range: it must be {words}")
    else:  # pragma: no cover - every keyword the schemas use is handled above
        check.add(key, error.message)


def _report_missing(check: FileCheck, error: jsonschema.ValidationError, key: Key,
                    root: dict[str, Any]) -> None:
    """Say which fields are missing, except one a misspelt field nearby stands for."""
    properties = _properties_around(error, root)
    unknown = [k for k in error.instance if k not in properties]
    for missing in error.validator_value:
        if missing in error.instance:
            continue
        if any(suggestion(k, [missing]) == missing for k in unknown):
            continue  # "unknown field (did you mean ...)" already points at the typo
        check.add((*key, missing), _missing(missing, properties.get(missing, {})))


def _properties_around(error: jsonschema.ValidationError,
                       root: dict[str, Any]) -> dict[str, Any]:
    """The fields of the object a `required` error is about.

    A field required only in some cases (`if`/`then`) is required by a
    schema that lists no fields; the object's own schema, higher up, does.
    """
    node: Any = root
    found: dict[str, Any] = {}
    for part in list(error.absolute_schema_path)[:-1]:
        if isinstance(node, dict) and isinstance(node.get("properties"), dict):
            found = node["properties"]
        node = node[part]
    if isinstance(node, dict) and isinstance(node.get("properties"), dict):
        found = node["properties"]
    return found


def _wrong_type(check: FileCheck, key: Key, wanted_type: str, value: Any) -> str:
    wanted = _TYPE_WORDS.get(wanted_type, wanted_type)
    found = _found(value)
    hint = ""
    if wanted == "text" and found in ("yes/no", "a number"):
        hint = f"; YAML reads {_as_typed(check, key)} as {found}, so put the text in quotes"
    elif wanted == "text":
        hint = "; write it on one line, or in quotes"
    return f"expected {wanted}, found {found}{hint}"


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "fields"
    if value is None:
        return "nothing"
    return "text"


def _bad_id(value: str, ids: Iterable[str], subschema: dict[str, Any]) -> str:
    example = _example(subschema) or "ehr-login"
    return (f'"{value}" is not a valid id: use lowercase letters, digits and dashes only'
            + (did_you_mean(value, ids) or f", like {example}"))


def _example(subschema: dict[str, Any]) -> str:
    """The schema's first example written as YAML would show it on one line."""
    examples = subschema.get("examples") or []
    if not examples:
        return ""
    example = examples[0]
    if isinstance(example, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in example.items()) + "}"
    if isinstance(example, list):
        return "[" + ", ".join(str(v) for v in example) + "]"
    if isinstance(example, bool):
        return str(example).lower()
    return str(example)


def _missing(name: str, subschema: dict[str, Any]) -> str:
    hint = MISSING_HINTS.get(name)
    if hint and not (name == "components" and subschema.get("type") == "array"):
        # (a group's `components` in components.yml is a list, not a map)
        return f"this field is missing: {hint}"
    parts = ["this field is missing."]
    if subschema.get("description"):
        parts.append(subschema["description"].rstrip(".") + ".")
    if "enum" in subschema:
        parts.append(f"One of {', '.join(map(str, subschema['enum']))}.")
    example = _example(subschema)
    if example:
        parts.append(f'Add a line like "{name}: {example}"')
    return " ".join(parts)


def _empty(subschema: dict[str, Any], name: str | int | None) -> str:
    example = _example(subschema)
    if "enum" in subschema:
        choices = ", ".join(map(str, subschema["enum"]))
        return f"this is empty; write one of {choices}"
    if example and isinstance(name, str):
        return f'this is empty; write something, like "{name}: {example}", or remove the field'
    return "this is empty; write something or remove the field"


def _best_branch(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    """The errors of the `anyOf` branch whose type matches what was written, if any."""
    branches: dict[int, list[jsonschema.ValidationError]] = {}
    for sub_error in error.context or []:
        branches.setdefault(sub_error.relative_schema_path[0], []).append(sub_error)
    for errors in branches.values():
        wrong_type = any(e.validator == "type" and not e.relative_path for e in errors)
        if not wrong_type:
            return errors
    return []


def _as_typed(check: FileCheck, key: Key) -> str:
    """The value at `key` as it was typed, e.g. `yes` or `8:15`, for messages."""
    line, col = check.doc.position(key)
    lines = check.doc.text.splitlines()
    if 0 < line <= len(lines):
        typed = re.split(r"\s#|[,\]}]", lines[line - 1][col - 1:])[0].strip()
        if typed and len(typed) <= 40:
            return f'"{typed}"'
    return "it"
