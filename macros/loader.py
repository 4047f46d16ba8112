"""Load a `status/` tree into the validated model, reporting every problem at once.

Two passes per file: the JSON Schema (shape, names, allowed values), then the
rules the format page states (known component ids, times that move forward,
promised next updates, ...). Problems name the file, line, column and field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema

from macros import schema
from macros.model import (
    FILE_ID_PATTERN,
    Audience,
    Component,
    Group,
    Incident,
    Maintenance,
    Origin,
    Source,
    StatusTree,
    Update,
)
from macros.problems import Problem, StatusDataError, did_you_mean
from macros.paths import display_path
from macros.timeparse import TimeError, parse_time, parse_zone
from macros.yamlsafe import Key, YamlDoc, YamlFileError, dotted, read_yaml

YAML_SUFFIXES = (".yml", ".yaml")
IGNORED_NAMES = {"README.md", ".gitkeep"}
TERMINAL = {"incident": ("resolved",), "maintenance": ("completed", "cancelled")}


@dataclass
class _FileCheck:
    """Problems found in one file, with helpers that place them."""

    doc: YamlDoc
    problems: list[Problem] = field(default_factory=list)

    def add(self, key: Key, message: str, *, of_key: bool = False,
            severity: str = "error") -> None:
        line, col = self.doc.position(key, of_key=of_key)
        self.problems.append(
            Problem(self.doc.display, line, col, dotted(key), message, severity)
        )

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    def time(self, key: Key, zone: ZoneInfo) -> datetime | None:
        raw = _get(self.doc.data, key)
        if raw is None:
            return None
        try:
            return parse_time(raw, zone)
        except TimeError as error:
            self.add(key, str(error))
            return None


@dataclass
class LoadResult:
    """The tree (None when there are errors) and everything found on the way."""

    tree: StatusTree | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def load_tree(root: Path, project_root: Path | None = None) -> StatusTree:
    """Load and validate `root`; raise `StatusDataError` with every error found."""
    result = check_tree(root, project_root)
    if result.tree is None:
        raise StatusDataError(result.errors)
    return result.tree


def check_tree(root: Path, project_root: Path | None = None) -> LoadResult:
    """Load and validate `root`, collecting problems instead of raising."""
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(Problem(display_path(root), 1, 1, "",
                                "no status folder here; check the path or BEDSIDE_STATUS_DIR"))
        return LoadResult(None, problems)

    components_file = root / "components.yml"
    base = _load_components(components_file, problems)
    zone = base[0] if base else ZoneInfo("UTC")
    known_components = base[2] if base else {}
    known_audiences = {a.id for a in base[1]} if base else set()

    sources = _load_sources(root / "sources.yml", known_components, problems)
    seen_ids: dict[str, str] = {}
    incidents = []
    for path in _status_files(root / "incidents", problems):
        incident = _load_incident(path, zone, known_components, known_audiences,
                                  project_root, seen_ids, problems)
        if incident:
            incidents.append(incident)
    maintenance = []
    for path in _status_files(root / "maintenance", problems):
        item = _load_maintenance(path, zone, known_components, known_audiences,
                                 seen_ids, problems)
        if item:
            maintenance.append(item)

    problems.sort()
    if base is None or any(p.severity == "error" for p in problems):
        return LoadResult(None, problems)
    tree = StatusTree(
        root=root,
        timezone=zone,
        groups=base[3],
        audiences=base[1],
        incidents=tuple(sorted(incidents, key=lambda i: i.started_at)),
        maintenance=tuple(sorted(maintenance, key=lambda m: m.start)),
        sources=sources,
    )
    return LoadResult(tree, problems)


# --- reading and shape -------------------------------------------------------


def _read(path: Path, schema_name: str, problems: list[Problem]) -> _FileCheck | None:
    display = display_path(path)
    try:
        doc = read_yaml(path, display)
    except YamlFileError as error:
        problems.append(error.problem)
        return None
    check = _FileCheck(doc)
    if doc.data is None:
        check.add((), "the file is empty; see the example in CONTRIBUTING.md")
    else:
        _check_shape(check, schema.schema_document(schema_name))
    return check


_TYPE_WORDS = {
    "string": "text",
    "array": "a list (lines starting with '- ')",
    "object": "fields (name: value)",
    "number": "a number",
    "integer": "a whole number",
}


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


def _check_shape(check: _FileCheck, document: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(document)
    for error in validator.iter_errors(check.doc.data):
        key: Key = tuple(error.absolute_path)
        kind = error.validator
        subschema = error.schema if isinstance(error.schema, dict) else {}
        if kind == "required":
            missing = [name for name in error.validator_value if name not in error.instance]
            for name in missing:
                hint = subschema.get("properties", {}).get(name, {}).get("description", "")
                check.add((*key, name), "this field is missing" + (f": {hint}" if hint else ""))
        elif kind == "additionalProperties":
            allowed = subschema.get("properties", {})
            for name in error.instance:
                if name not in allowed:
                    check.add((*key, name), "unknown field" + (
                        did_you_mean(name, allowed) or f"; allowed here: {', '.join(allowed)}"),
                        of_key=True)
        elif kind == "enum":
            choices = [str(c) for c in error.validator_value]
            check.add(key, f'"{error.instance}" is not one of {", ".join(choices)}'
                      + did_you_mean(str(error.instance), choices))
        elif kind == "type":
            wanted = _TYPE_WORDS.get(str(error.validator_value), str(error.validator_value))
            found = _found(error.instance)
            hint = " (put it in quotes)" if wanted == "text" and found != "nothing" else ""
            check.add(key, f"expected {wanted}, found {found}{hint}")
        elif kind == "minLength":
            check.add(key, "this is empty; write something or remove the field")
        elif kind in ("minItems", "minProperties"):
            check.add(key, f"needs at least {error.validator_value} entry")
        elif kind == "pattern" and "propertyNames" in error.schema_path:
            check.add((*key, error.instance), "ids use lowercase letters, digits and dashes "
                      "only, like ehr-login", of_key=True)
        elif kind == "pattern" and str(error.validator_value).startswith("^https?"):
            check.add(key, "the address must start with http:// or https://")
        elif kind == "pattern":
            check.add(key, f'"{error.instance}" is not a valid id: use lowercase letters, '
                      "digits and dashes, like ehr-login")
        elif kind == "anyOf":
            check.add(key, "expected a list of things to do, or one line of text")
        elif kind in ("minimum", "maximum", "exclusiveMinimum"):
            check.add(key, f"{error.instance} is out of range ({error.message})")
        else:  # pragma: no cover - every keyword the schemas use is handled above
            check.add(key, error.message)


def _get(data: Any, key: Key) -> Any:
    for part in key:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data[part] if isinstance(part, int) else data.get(part)
    return data


def _text(data: Any, name: str) -> str:
    value = data.get(name) if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _status_files(directory: Path, problems: list[Problem]) -> list[Path]:
    if not directory.is_dir():
        return []
    files = []
    for path in sorted(directory.iterdir()):
        if path.name.startswith(".") or path.name in IGNORED_NAMES:
            continue
        if path.suffix in YAML_SUFFIXES and path.is_file():
            files.append(path)
        else:
            problems.append(Problem(display_path(path), 1, 1, "",
                                    "only .yml files belong in this folder; move or rename it"))
    return files


# --- components.yml and sources.yml -------------------------------------------


def _load_components(path: Path, problems: list[Problem]):
    if not path.is_file():
        problems.append(Problem(display_path(path), 1, 1, "",
                                "components.yml is missing; every status tree needs one"))
        return None
    check = _read(path, "components", problems)
    if check is None:
        return None
    data = check.doc.data if isinstance(check.doc.data, dict) else {}
    try:
        zone = parse_zone(data.get("timezone", "UTC"))
    except TimeError as error:
        check.add(("timezone",), str(error))
        zone = ZoneInfo("UTC")

    audiences: list[Audience] = []
    for index, raw in enumerate(data.get("audiences") or []):
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            if raw["id"] in {a.id for a in audiences}:
                check.add(("audiences", index, "id"), f'the audience id "{raw["id"]}" is '
                          "used twice; ids must be unique")
            audiences.append(Audience(raw["id"], _text(raw, "name")))

    groups: list[Group] = []
    components: dict[str, Component] = {}
    for g_index, raw_group in enumerate(data.get("groups") or []):
        if not isinstance(raw_group, dict):
            continue
        members = []
        for c_index, raw in enumerate(raw_group.get("components") or []):
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
                continue
            if raw["id"] in components:
                check.add(("groups", g_index, "components", c_index, "id"),
                          f'the component id "{raw["id"]}" is used twice; ids must be unique')
                continue
            component = Component(raw["id"], _text(raw, "name"), _text(raw_group, "name"),
                                  _text(raw, "description"), _text(raw, "contact"))
            components[component.id] = component
            members.append(component)
        groups.append(Group(_text(raw_group, "name"), tuple(members)))
    problems.extend(check.problems)
    return zone, tuple(audiences), components, tuple(groups)


def _load_sources(path: Path, components: dict[str, Component],
                  problems: list[Problem]) -> tuple[Source, ...]:
    if not path.is_file():
        return ()
    check = _read(path, "sources", problems)
    if check is None:
        return ()
    origin = Origin(path, check.doc.display, check.doc)
    sources = []
    for index, raw in enumerate(_get(check.doc.data, ("sources",)) or []):
        if not isinstance(raw, dict):
            continue
        if raw.get("id") in {s.id for s in sources}:
            check.add(("sources", index, "id"), f'the source id "{raw["id"]}" is used twice')
            continue
        component = raw.get("component")
        if isinstance(component, str) and components and component not in components:
            check.add(("sources", index, "component"), f'"{component}" is not a component in '
                      "components.yml" + did_you_mean(component, components))
        try:
            sources.append(Source(
                id=str(raw["id"]), kind=str(raw["kind"]), url=str(raw["url"]),
                component=str(component), name=_text(raw, "name"),
                timeout_s=float(raw.get("timeout_s", 5.0)),
                failures_before_alert=int(raw.get("failures_before_alert", 2)),
                max_bytes=int(raw.get("max_bytes", 2_000_000)),
                origin=origin,
            ))
        except (KeyError, TypeError, ValueError):
            continue  # the shape check has already reported it
    problems.extend(check.problems)
    return tuple(sources)


# --- incidents and maintenance ------------------------------------------------


def _file_id(path: Path, check: _FileCheck, seen: dict[str, str]) -> str:
    file_id = path.stem
    if not re.match(FILE_ID_PATTERN, file_id):
        check.add((), f'the file name "{path.name}" should look like 2026-11-20-ehr-slow.yml: '
                  "the date, then a few lowercase words joined by dashes")
    else:
        try:
            datetime.strptime(file_id[:10], "%Y-%m-%d")
        except ValueError:
            check.add((), f'the file name starts with "{file_id[:10]}", which is not a real date')
    if file_id in seen:
        check.add((), f'the id "{file_id}" is already used by {seen[file_id]}; rename one file')
    else:
        seen[file_id] = check.doc.display
    return file_id


def _check_references(check: _FileCheck, data: dict, components: dict[str, Component],
                      audiences: set[str]) -> None:
    mapping = data.get("components")
    if isinstance(mapping, dict) and components:
        for name in mapping:
            if name not in components:
                check.add(("components", name), f'"{name}" is not a component in '
                          "components.yml" + did_you_mean(name, components), of_key=True)
    for index, name in enumerate(data.get("audiences") or []):
        if isinstance(name, str) and name not in audiences:
            check.add(("audiences", index), f'"{name}" is not an audience in components.yml'
                      + (did_you_mean(name, audiences) or
                         f"; known: {', '.join(sorted(audiences)) or 'none'}"))


def _updates(check: _FileCheck, data: dict, zone: ZoneInfo, kind: str) -> list[Update]:
    updates: list[Update] = []
    raw_updates = data.get("updates")
    if not isinstance(raw_updates, list):
        return updates
    previous: datetime | None = None
    ended_at: int | None = None
    for index, raw in enumerate(raw_updates):
        if not isinstance(raw, dict):
            continue
        key: Key = ("updates", index)
        at = check.time((*key, "at"), zone)
        next_update = check.time((*key, "next_update"), zone)
        status = raw.get("status")
        if ended_at is not None:
            check.add(key, f'comes after the "{raw_updates[ended_at].get("status")}" update '
                      f"(updates[{ended_at}]); nothing can follow it. "
                      + ("Open a new incident instead" if kind == "incident" else
                         "Plan new work in a new file instead"))
        if at and previous and at <= previous:
            check.add((*key, "at"), f"{at:%Y-%m-%d %H:%M} is not after the update before it "
                      f"({previous:%Y-%m-%d %H:%M}); updates go oldest first")
        if at and next_update and next_update <= at:
            check.add((*key, "next_update"), "is not after this update's time; say when "
                      "you will update next, e.g. in 30 minutes")
        if kind == "incident" and status in ("investigating", "identified", "monitoring") \
                and "next_update" not in raw:
            check.add(key, "next_update is missing: until it is resolved, every update "
                      "says when we will say more (e.g. next_update: 2026-11-20T08:45)")
        if kind == "incident" and status == "resolved" and not _text(raw, "data_impact"):
            check.add(key, "data_impact is missing: the resolving update says whether any "
                      "records or work were lost (e.g. data_impact: No records were lost.)")
        if status in TERMINAL[kind] and ended_at is None:
            ended_at = index
        previous = at or previous
        if at and isinstance(status, str) and _text(raw, "message"):
            updates.append(Update(at, status, _text(raw, "message"), _text(raw, "workaround"),
                                  next_update, _text(raw, "data_impact"), index))
    return updates


def _load_incident(path: Path, zone: ZoneInfo, components: dict[str, Component],
                   audiences: set[str], project_root: Path | None, seen: dict[str, str],
                   problems: list[Problem]) -> Incident | None:
    check = _read(path, "incident", problems)
    if check is None:
        return None
    data = check.doc.data if isinstance(check.doc.data, dict) else {}
    incident_id = _file_id(path, check, seen)
    _check_references(check, data, components, audiences)
    updates = _updates(check, data, zone, "incident")
    postmortem = _text(data, "postmortem")
    if postmortem:
        if not (postmortem.startswith("docs/") and postmortem.endswith(".md")):
            check.add(("postmortem",), "give the review page's path, like "
                      "docs/status/reviews/2026-11-20-ehr-slow.md")
        elif project_root and not (project_root / postmortem).is_file():
            check.add(("postmortem",), f"there is no file {postmortem}; add it or fix the path")
    problems.extend(check.problems)
    if not check.ok:
        return None
    return Incident(
        id=incident_id, title=_text(data, "title"), impact=data["impact"],
        components=dict(data["components"]), affects=_text(data, "affects"),
        updates=tuple(updates), audiences=tuple(data.get("audiences") or ()),
        postmortem=postmortem, origin=Origin(path, check.doc.display, check.doc),
    )


def _load_maintenance(path: Path, zone: ZoneInfo, components: dict[str, Component],
                      audiences: set[str], seen: dict[str, str],
                      problems: list[Problem]) -> Maintenance | None:
    check = _read(path, "maintenance", problems)
    if check is None:
        return None
    data = check.doc.data if isinstance(check.doc.data, dict) else {}
    item_id = _file_id(path, check, seen)
    _check_references(check, data, components, audiences)
    start = check.time(("window", "start"), zone)
    end = check.time(("window", "end"), zone)
    announce_from = check.time(("announce_from",), zone)
    if start and end and end <= start:
        check.add(("window", "end"), f"the work ends ({end:%Y-%m-%d %H:%M}) before it starts "
                  f"({start:%Y-%m-%d %H:%M}); check the dates")
    if announce_from and start and announce_from > start:
        check.add(("announce_from",), "is after the work starts, so nobody would be told "
                  "beforehand; announce it earlier")
    updates = _updates(check, data, zone, "maintenance")
    prepare = data.get("prepare") or ()
    problems.extend(check.problems)
    if not check.ok:
        return None
    return Maintenance(
        id=item_id, title=_text(data, "title"), components=dict(data["components"]),
        affects=_text(data, "affects"), start=start, end=end, why=_text(data, "why"),
        benefit=_text(data, "benefit"), during=_text(data, "during"),
        contact=_text(data, "contact"),
        prepare=tuple(p.strip() for p in ([prepare] if isinstance(prepare, str) else prepare)),
        announce_from=announce_from, audiences=tuple(data.get("audiences") or ()),
        updates=tuple(updates), origin=Origin(path, check.doc.display, check.doc),
    )
