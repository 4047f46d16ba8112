"""Load a `status/` tree into the validated model, reporting every problem at once.

Two passes per file: the JSON Schema (shape, names, allowed values; worded
by `macros.shape`), then the rules the format page states (known component
ids, times that move forward, promised next updates, ...). Problems name the
file, line, column and field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from macros.change_calendar import parse_day_of_year
from macros.model import (
    FILE_ID_PATTERN,
    ID_PATTERN,
    NOTICE_RULE,
    Audience,
    ChangeCalendar,
    Component,
    FollowUp,
    Freeze,
    Group,
    Incident,
    Maintenance,
    NoticeRule,
    Origin,
    Override,
    Source,
    StatusTree,
    Update,
)
from macros.paths import display_path
from macros.problems import Problem, StatusDataError, did_you_mean
from macros.shape import FileCheck, check_shape
from macros.timeparse import TimeError, has_offset, is_ambiguous, parse_time, parse_zone
from macros.yamlsafe import Key, YamlFileError, read_yaml

YAML_SUFFIXES = (".yml", ".yaml")
IGNORED_NAMES = {"README.md", ".gitkeep"}
TERMINAL = {"incident": ("resolved",), "maintenance": ("completed", "cancelled")}
NEXT_UPDATE_GAP = timedelta(minutes=30)


class _FileCheck(FileCheck):
    """A status file's problems, and its times read in the site's zone."""

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
    """The tree (None when there are errors) and everything found on the way.

    `partial` holds what loaded cleanly even when other files have errors (the
    incidents and planned work without errors), so the authoring commands can
    still update one incident while an unrelated file is being fixed. It is
    None when components.yml itself has errors. Never build a site from it.
    """

    tree: StatusTree | None
    problems: list[Problem]
    partial: StatusTree | None = None

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
    calendar = _load_calendar(root / "calendar.yml", known_components, known_audiences,
                              base[3] if base else (), project_root, problems)
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
    if base is None:
        return LoadResult(None, problems)
    tree = StatusTree(
        root=root,
        timezone=zone,
        groups=base[3],
        audiences=base[1],
        incidents=tuple(sorted(incidents, key=lambda i: i.started_at)),
        maintenance=tuple(sorted(maintenance, key=lambda m: m.start)),
        sources=sources,
        calendar=calendar,
    )
    errors = [p for p in problems if p.severity == "error"]
    if not errors:
        return LoadResult(tree, problems, tree)
    components_display = display_path(components_file)
    base_ok = not any(p.path == components_display for p in errors)
    return LoadResult(None, problems, tree if base_ok else None)


# --- reading and shape -------------------------------------------------------


def _read(path: Path, schema_name: str, problems: list[Problem],
          known: dict[str, Iterable[str]] | None = None) -> _FileCheck | None:
    display = display_path(path)
    try:
        doc = read_yaml(path, display)
    except YamlFileError as error:
        problems.append(error.problem)
        return None
    check = _FileCheck(doc, list(doc.problems))
    if doc.data is None:
        check.add((), f"the file is empty; {EMPTY_HINTS[schema_name]}")
    else:
        check_shape(check, schema_name, known)
    return check


# What to do about an empty or missing file, per kind of file.
EMPTY_HINTS = {
    "components": "add the time zone and the groups of systems people use, for example: "
                  "timezone: Europe/London, then groups:",
    "incident": "start a new one with: bedside new incident --title ... (see "
                "docs/it-team/status-updates.md)",
    "maintenance": "start a new one with: bedside new maintenance --title ... (see "
                   "docs/it-team/status-updates.md)",
    "sources": "add a list of sources, or delete the file",
    "calendar": "add freezes and notice periods (see docs/it-team/status-updates.md), or "
                "delete the file",
}


def _get(data: Any, key: Key) -> Any:
    for part in key:
        if isinstance(part, int):
            if not isinstance(data, list) or part >= len(data):
                return None
        elif not isinstance(data, dict):
            return None
        data = data[part] if isinstance(part, int) else data.get(part)
    return data


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


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
    zone = ZoneInfo("UTC")
    if isinstance(data.get("timezone"), str):  # otherwise the shape pass has said why
        try:
            zone = parse_zone(data["timezone"])
        except TimeError as error:
            check.add(("timezone",), str(error))

    audiences: list[Audience] = []
    for index, raw in enumerate(_list(data.get("audiences"))):
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            if raw["id"] in {a.id for a in audiences}:
                check.add(("audiences", index, "id"), f'the audience id "{raw["id"]}" is '
                          "used twice; ids must be unique")
            audiences.append(Audience(raw["id"], _text(raw, "name")))

    groups: list[Group] = []
    components: dict[str, Component] = {}
    for g_index, raw_group in enumerate(_list(data.get("groups"))):
        if not isinstance(raw_group, dict):
            continue
        members = []
        for c_index, raw in enumerate(_list(raw_group.get("components"))):
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
    check = _read(path, "sources", problems, {"component": components})
    if check is None:
        return ()
    origin = Origin(path, check.doc.display, check.doc)
    sources = []
    for index, raw in enumerate(_list(_get(check.doc.data, ("sources",)))):
        if not isinstance(raw, dict):
            continue
        if raw.get("id") in {s.id for s in sources}:
            check.add(("sources", index, "id"), f'the source id "{raw["id"]}" is used twice')
            continue
        component = raw.get("component")
        if isinstance(component, str) and components and component not in components \
                and re.match(ID_PATTERN, component):
            check.add(("sources", index, "component"), f'"{component}" is not a component in '
                      "components.yml" + did_you_mean(component, components))
        try:
            sources.append(Source(
                id=str(raw["id"]), kind=str(raw["kind"]), url=str(raw["url"]),
                component=str(component), name=_text(raw, "name"),
                timeout_s=float(raw.get("timeout_s", 5.0)),
                failures_before_alert=int(raw.get("failures_before_alert", 2)),
                max_bytes=int(raw.get("max_bytes", Source.max_bytes)),
                origin=origin,
            ))
        except (KeyError, TypeError, ValueError):
            continue  # the shape check has already reported it
    problems.extend(check.problems)
    return tuple(sources)


# --- calendar.yml --------------------------------------------------------------


def _day(check: _FileCheck, key: Key) -> date | None:
    raw = _get(check.doc.data, key)
    if raw is None:
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        check.add(key, f'"{raw}" is not a day; write it like 2026-12-25')
        return None


def _day_of_year(check: _FileCheck, key: Key) -> tuple[int, int] | None:
    raw = _get(check.doc.data, key)
    if raw is None:
        return None
    try:
        return parse_day_of_year(str(raw))
    except ValueError as error:
        check.add(key, str(error))
        return None


def _known_ids(check: _FileCheck, key: Key, known: Iterable[str], what: str) -> tuple[str, ...]:
    """The ids listed at `key`, with a problem for each one not in components.yml."""
    known = set(known)
    names = [n for n in _list(_get(check.doc.data, key)) if isinstance(n, str)]
    for index, name in enumerate(names):
        if known and name not in known and re.match(ID_PATTERN, name):
            check.add((*key, index), f'"{name}" is not {what} in components.yml'
                      + (did_you_mean(name, known) or f"; known: {', '.join(sorted(known))}"))
    return tuple(names)


def _playbook_page(check: _FileCheck, key: Key, project_root: Path | None) -> str:
    page = _text(_get(check.doc.data, key[:-1]), str(key[-1]))
    if not page:
        return ""
    if not (page.startswith("playbook/") and page.endswith(".md")):
        check.add(key, "give the playbook page's path inside docs/, like "
                  "playbook/support/month-end.md")
    elif project_root and (project_root / "docs").is_dir() \
            and not (project_root / "docs" / page).is_file():
        check.add(key, f"there is no page docs/{page}; fix the path")
    return page


def _freeze(check: _FileCheck, index: int, raw: dict, components: dict[str, Component],
            audiences: set[str], project_root: Path | None) -> Freeze | None:
    key: Key = ("freezes", index)
    shapes = [name for name in ("monthly", "yearly", "dates") if name in raw]
    if len(shapes) != 1:
        check.add(key, "say when it happens with one of monthly, yearly or dates"
                  + (f", not {' and '.join(shapes)}" if shapes else ""))
        return None
    monthly = yearly = dates = None
    if "monthly" in raw and isinstance(raw["monthly"], dict):
        last_days, first_days = (raw["monthly"].get("last_working_days"),
                                 raw["monthly"].get("first_working_days"))
        if last_days == 0 and first_days == 0:
            check.add((*key, "monthly"), "both counts are 0, so the freeze has no days; "
                      "give at least one working day")
        elif isinstance(last_days, int) and isinstance(first_days, int):
            monthly = (last_days, first_days)
    elif "yearly" in raw:
        start, until = (_day_of_year(check, (*key, "yearly", "from")),
                        _day_of_year(check, (*key, "yearly", "until")))
        yearly = (start, until) if start and until else None
    else:
        start_day, last_day = (_day(check, (*key, "dates", "from")),
                               _day(check, (*key, "dates", "until")))
        if start_day and last_day and last_day < start_day:
            check.add((*key, "dates", "until"), f"{last_day} is before {start_day}; check "
                      "the dates")
        elif start_day and last_day:
            dates = (start_day, last_day)
    if not (monthly or yearly or dates):
        return None
    return Freeze(
        id=str(raw.get("id")), name=_text(raw, "name"), monthly=monthly, yearly=yearly,
        dates=dates, systems=_known_ids(check, (*key, "systems"), components, "a component"),
        audiences=_known_ids(check, (*key, "audiences"), audiences, "an audience"),
        agree_with=_text(raw, "agree_with"),
        page=_playbook_page(check, (*key, "page"), project_root), index=index,
    )


def _load_calendar(path: Path, components: dict[str, Component], audiences: set[str],
                   groups: tuple[Group, ...], project_root: Path | None,
                   problems: list[Problem]) -> ChangeCalendar:
    """`calendar.yml`, or the defaults when there is none (see `ChangeCalendar`)."""
    if not path.is_file():
        return ChangeCalendar()
    check = _read(path, "calendar", problems)
    if check is None:
        return ChangeCalendar()
    data = check.doc.data if isinstance(check.doc.data, dict) else {}
    holidays = {d for i in range(len(_list(data.get("bank_holidays"))))
                if (d := _day(check, ("bank_holidays", i)))}
    freezes: list[Freeze] = []
    for index, raw in enumerate(_list(data.get("freezes"))):
        if not isinstance(raw, dict):
            continue
        if raw.get("id") in {f.id for f in freezes} or raw.get("id") == NOTICE_RULE:
            check.add(("freezes", index, "id"), f'the id "{raw["id"]}" is '
                      + ("kept for overrides of the notice rules; choose another"
                         if raw.get("id") == NOTICE_RULE else "used twice; ids must be unique"))
            continue
        freeze = _freeze(check, index, raw, components, audiences, project_root)
        if freeze:
            freezes.append(freeze)
    notice = []
    for index, raw in enumerate(_list(data.get("notice"))):
        if isinstance(raw, dict) and isinstance(raw.get("weeks"), int):
            key: Key = ("notice", index)
            notice.append(NoticeRule(
                name=_text(raw, "name"), effect=str(raw.get("effect")), weeks=raw["weeks"],
                systems=_known_ids(check, (*key, "systems"), components, "a component"),
                audiences=_known_ids(check, (*key, "audiences"), audiences, "an audience"),
                page=_playbook_page(check, (*key, "page"), project_root), index=index,
            ))
    prepare_for = None
    if isinstance(data.get("prepare_needed"), dict):
        group_names = {g.name: g for g in groups}
        prepare_for = set(_known_ids(check, ("prepare_needed", "systems"), components,
                                     "a component"))
        for index, name in enumerate(_list(data["prepare_needed"].get("groups"))):
            if name in group_names:
                prepare_for |= {c.id for c in group_names[name].components}
            elif group_names:
                check.add(("prepare_needed", "groups", index), f'"{name}" is not a group in '
                          "components.yml" + (did_you_mean(str(name), group_names) or
                                              f"; groups: {', '.join(group_names)}"))
    problems.extend(check.problems)
    if not check.ok:
        return ChangeCalendar()  # the errors stop the build; `bedside check` lists them
    return ChangeCalendar(
        bank_holidays=frozenset(holidays), freezes=tuple(freezes), notice=tuple(notice),
        prepare_for=frozenset(prepare_for) if prepare_for is not None else None,
        origin=Origin(path, check.doc.display, check.doc),
    )


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
            if name not in components and re.match(ID_PATTERN, name):
                check.add(("components", name), f'"{name}" is not a component in '
                          "components.yml" + did_you_mean(name, components), of_key=True)
    for index, name in enumerate(_list(data.get("audiences"))):
        if isinstance(name, str) and name not in audiences and re.match(ID_PATTERN, name):
            check.add(("audiences", index), f'"{name}" is not an audience in components.yml'
                      + (did_you_mean(name, audiences) or
                         f"; known: {', '.join(sorted(audiences)) or 'none'}"))


def _when(moment: datetime, zone: ZoneInfo) -> str:
    """A time in a message, in the site's zone: "08:15 on 20 Nov 2026"."""
    local = moment.astimezone(zone)
    return f"{local:%H:%M} on {local.day} {local:%b %Y}"


def _clock_hint(check: _FileCheck, key: Key, moment: datetime, zone: ZoneInfo) -> str:
    """A hint when a time written without an offset falls in the repeated hour."""
    if has_offset(_get(check.doc.data, key)) or not is_ambiguous(moment, zone):
        return ""
    return (" The clocks go back that night, so this hour happens twice: add the offset "
            "to say which one, like 01:30+01:00 (before the change) or 01:30+00:00 (after)")


def _updates(check: _FileCheck, data: dict, zone: ZoneInfo, kind: str) -> list[Update]:
    """Read the updates and check the rules of the timeline (order, promises, endings)."""
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
            ended = raw_updates[ended_at].get("status")
            line, _ = check.doc.position(("updates", ended_at))
            check.add(key, f'nothing can come after the "{ended}" update on line {line}. '
                      + ("If the problem is back, open a new incident: bedside new incident"
                         if kind == "incident" else
                         "Plan new work in a new file: bedside new maintenance"))
        if at and previous and at <= previous:
            check.add((*key, "at"), f"{_when(at, zone)} is not after the update above it "
                      f"({_when(previous, zone)}); updates go oldest first, so check the "
                      "date and time" + _clock_hint(check, (*key, "at"), at, zone))
        if at and next_update and next_update <= at:
            suggested = (at + NEXT_UPDATE_GAP).astimezone(zone)
            check.add((*key, "next_update"), f"{_when(next_update, zone)} is not after this "
                      f"update ({_when(at, zone)}); say when people will hear more, for "
                      f"example {suggested:%Y-%m-%dT%H:%M}"
                      + _clock_hint(check, (*key, "next_update"), next_update, zone))
        if kind == "incident" and status in ("investigating", "identified", "monitoring") \
                and "next_update" not in raw:
            example = (at + NEXT_UPDATE_GAP).astimezone(zone) if at else None
            check.add((*key, "next_update"), "this field is missing: until the incident is "
                      "resolved, every update says when people will hear more. Add a line like "
                      f'"next_update: {example:%Y-%m-%dT%H:%M}" (30 minutes later)'
                      if example else "this field is missing: until the incident is "
                      "resolved, every update says when people will hear more")
        if kind == "incident" and status == "resolved" and not _text(raw, "data_impact") \
                and "data_impact" not in raw:
            check.add((*key, "data_impact"), "this field is missing: the resolving update "
                      "says whether any records or work were lost. Add a line like "
                      '"data_impact: No records or orders were lost."')
        if status in TERMINAL[kind] and ended_at is None:
            ended_at = index
        previous = at or previous
        states = _update_states(check, data, raw, key, status) if kind == "incident" else {}
        if at and isinstance(status, str) and _text(raw, "message"):
            updates.append(Update(at, status, _text(raw, "message"), _text(raw, "workaround"),
                                  next_update, _text(raw, "data_impact"), index, states))
    return updates


def _update_states(check: _FileCheck, data: dict, raw: dict, key: Key,
                   status: object) -> dict[str, str]:
    """An incident update's `components`: changes to systems the incident names.

    The top-level map says which systems the incident is about; an update
    changes their state, and resolving it makes every one of them work again.
    """
    states = raw.get("components")
    if not isinstance(states, dict):
        return {}
    named = data.get("components") if isinstance(data.get("components"), dict) else {}
    for cid, state in states.items():
        if cid not in named and re.match(ID_PATTERN, str(cid)):
            check.add((*key, "components", cid),
                      f'"{cid}" is not one of this incident\'s systems '
                      f"({', '.join(named) or 'none'}); add it to components at the top of "
                      "the file, with how it is affected"
                      + did_you_mean(str(cid), named), of_key=True)
        elif status == "resolved" and state != "operational":
            check.add((*key, "components", cid),
                      f"a resolved incident leaves every system working, so {cid} cannot be "
                      f"{state} here. If it is not fixed, post an update instead; if "
                      "something else is wrong, open a new incident")
    return {str(cid): state for cid, state in states.items() if isinstance(state, str)}


def _follow_up(check: _FileCheck, data: dict, zone: ZoneInfo,
               updates: list[Update]) -> FollowUp | None:
    """The record of the follow-up calls, made after the incident was resolved."""
    raw = data.get("follow_up")
    if not isinstance(raw, dict):
        return None
    at = check.time(("follow_up", "at"), zone)
    resolved = updates[-1].at if updates and updates[-1].status == "resolved" else None
    if at and resolved is None:
        check.add(("follow_up",), "the follow-up calls come after the fix: record them once "
                  "the incident is resolved")
    elif at and resolved and at < resolved:
        check.add(("follow_up", "at"), f"{_when(at, zone)} is before the incident was "
                  f"resolved ({_when(resolved, zone)}); the calls come after the fix, so "
                  "check the date and time")
    if not at or not _text(raw, "by"):
        return None
    return FollowUp(at, _text(raw, "by"), _text(raw, "note"))


def _load_incident(path: Path, zone: ZoneInfo, components: dict[str, Component],
                   audiences: set[str], project_root: Path | None, seen: dict[str, str],
                   problems: list[Problem]) -> Incident | None:
    check = _read(path, "incident", problems, {"components": components,
                                                "audiences": audiences})
    if check is None:
        return None
    data = check.doc.data if isinstance(check.doc.data, dict) else {}
    incident_id = _file_id(path, check, seen)
    if "window" in data:
        check.add((), "this looks like planned work (it has a window); planned work goes "
                  "in the maintenance folder")
    _check_references(check, data, components, audiences)
    updates = _updates(check, data, zone, "incident")
    follow_up = _follow_up(check, data, zone, updates)
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
        postmortem=postmortem, follow_up=follow_up,
        origin=Origin(path, check.doc.display, check.doc),
    )


def _load_maintenance(path: Path, zone: ZoneInfo, components: dict[str, Component],
                      audiences: set[str], seen: dict[str, str],
                      problems: list[Problem]) -> Maintenance | None:
    check = _read(path, "maintenance", problems, {"components": components,
                                                   "audiences": audiences})
    if check is None:
        return None
    data = check.doc.data if isinstance(check.doc.data, dict) else {}
    item_id = _file_id(path, check, seen)
    _check_references(check, data, components, audiences)
    start = check.time(("window", "start"), zone)
    end = check.time(("window", "end"), zone)
    announce_from = check.time(("announce_from",), zone)
    if start and end and end <= start:
        check.add(("window", "end"), f"the work ends ({_when(end, zone)}) before it starts "
                  f"({_when(start, zone)}); check the dates"
                  + _clock_hint(check, ("window", "end"), end, zone))
    if announce_from and start and announce_from > start:
        check.add(("announce_from",), f"{_when(announce_from, zone)} is after the work "
                  f"starts ({_when(start, zone)}), so nobody would be told beforehand; "
                  "announce it earlier")
    if "impact" in data and "window" not in data:
        check.add((), "this looks like an incident (it has an impact); unplanned problems "
                  "go in the incidents folder")
    updates = _updates(check, data, zone, "maintenance")
    override = data.get("override")
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
        updates=tuple(updates),
        override=Override(tuple(override["rules"]), _text(override, "reason"),
                          _text(override, "agreed_by")) if isinstance(override, dict) else None,
        origin=Origin(path, check.doc.display, check.doc),
    )
