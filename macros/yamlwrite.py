"""Writing status YAML as a person would, and adding an update without touching the rest.

New text is written by hand (not dumped) so it reads like the examples:
short text on one line, longer text folded, quotes only where YAML needs
them, and every value checked to read back exactly as given. An update is
added by inserting lines after the last one, so comments, folded text and
the layout of everything else in the file stay byte for byte as they were.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

WRAP = 76  # folded text is wrapped to this width
PLAIN_MAX = 100  # a line up to this long stays on one line, as in the examples
UPDATE_FIELDS = ("at", "status", "components", "message", "workaround", "next_update",
                 "data_impact")


class AppendError(ValueError):
    """The file's `updates` cannot be added to safely; the message says what to change."""


def iso_local(moment: datetime, zone: ZoneInfo) -> str:
    """The time in the site's zone with its offset: 2026-11-20T08:15+00:00."""
    local = moment.astimezone(zone)
    return local.isoformat(timespec="seconds" if local.second else "minutes")


def yaml_field(name: str, value: str, indent: str = "") -> list[str]:
    """`name: value` as YAML lines that read back exactly as `value` (spaces tidied).

    Short text stays on one line; longer text is folded over several lines;
    anything YAML would misread is double-quoted. `name` "-" makes a list item.
    """
    value = " ".join(value.split())
    head = f"{indent}{name}" if name == "-" else f"{indent}{name}:"
    plain = f"{head} {value}"
    if len(plain) <= PLAIN_MAX and _reads_back(plain, name, value):
        return [plain]
    body = textwrap.wrap(value, WRAP - len(indent), break_long_words=False,
                         break_on_hyphens=False)
    folded = [f"{head} >-", *(f"{indent}  {line}" for line in body)]
    if _reads_back("\n".join(folded), name, value):
        return folded
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return [f'{head} "{escaped}"']


def _reads_back(snippet: str, name: str, value: str) -> bool:
    try:
        data = yaml.safe_load(textwrap.dedent(snippet))
    except yaml.YAMLError:
        return False
    if name == "-":
        return data == [value]
    return isinstance(data, dict) and data.get(name) == value


def update_lines(update: dict[str, Any], zone: ZoneInfo, *, dash: str,
                 key_col: int | None = None) -> list[str]:
    """One update as list-item lines: `- at: ...`, then its other fields under it.

    `dash` is the indentation before "-"; `key_col` the column of the fields
    (default: two after the dash), so a new item lines up with the ones above.
    """
    indent = " " * (key_col if key_col is not None else len(dash) + 2)
    lines = []
    for name in UPDATE_FIELDS:
        value = update.get(name)
        if not value:
            continue
        if isinstance(value, datetime):
            lines.append(f"{indent}{name}: {iso_local(value, zone)}")
        elif isinstance(value, dict):  # component ids and states: plain words, one line
            pairs = ", ".join(f"{key}: {state}" for key, state in value.items())
            lines.append(f"{indent}{name}: {{{pairs}}}")
        elif name == "status":
            lines.append(f"{indent}{name}: {value}")
        else:
            lines.extend(yaml_field(name, value, indent=indent))
    lines[0] = dash + "-" + " " * (len(indent) - len(dash) - 1) + lines[0][len(indent):]
    return lines


def append_update_text(text: str, update: dict[str, Any], zone: ZoneInfo) -> str:
    """`text` with `update` added at the end of its `updates` list; every other byte kept."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    key_node, value = _updates_nodes(yaml.compose(text, Loader=yaml.SafeLoader))
    if key_node is None or value is None:  # no updates yet: start the list at the end
        end = "" if not text or text.endswith(("\n", "\r")) else newline
        item = update_lines(update, zone, dash="  ")
        return text + end + newline.join(["updates:", *item]) + newline
    if isinstance(value, yaml.SequenceNode) and value.value:
        if value.flow_style:
            raise AppendError(
                "The updates in this file are written on one line, in [ ], so a new one "
                "cannot be added without rewriting them. Write them as a list, one '- at:' "
                "per update, and run the command again.")
        last = value.value[-1]
        block_item = isinstance(last, yaml.MappingNode) and not last.flow_style
        key_col = last.start_mark.column if block_item else value.start_mark.column + 2
        end = _last_end(last)
        insert_at = end.line if end.column == 0 else end.line + 1
        item = update_lines(update, zone, dash=" " * value.start_mark.column, key_col=key_col)
        before = "".join(lines[:insert_at])
        if before and not before.endswith(("\n", "\r")):
            before += newline
        return before + newline.join(item) + newline + "".join(lines[insert_at:])
    return _start_list(lines, key_node, value, update, zone, newline)


def _start_list(lines: list[str], key_node: yaml.Node, value: yaml.Node,
                update: dict[str, Any], zone: ZoneInfo, newline: str) -> str:
    """`updates:` with nothing after it, or `updates: []`: put the first item under it."""
    line_no = key_node.start_mark.line
    line = lines[line_no]
    if isinstance(value, yaml.SequenceNode) and value.end_mark.line == line_no:
        line = line[:value.start_mark.column].rstrip() + line[value.end_mark.column:]
    elif value.tag != "tag:yaml.org,2002:null" or \
            line[value.start_mark.column:value.end_mark.column].strip():
        raise AppendError("The updates field in this file is not a list. Make it a list "
                          "(updates:, then one '- at:' per update) and run this again.")
    if not line.endswith(("\n", "\r")):
        line += newline
    item = update_lines(update, zone, dash=" " * (key_node.start_mark.column + 2))
    return ("".join(lines[:line_no]) + line + newline.join(item) + newline
            + "".join(lines[line_no + 1:]))


def _updates_nodes(root: yaml.Node | None) -> tuple[yaml.Node | None, yaml.Node | None]:
    if not isinstance(root, yaml.MappingNode):
        raise AppendError("This file is not a list of fields, so it cannot be updated. "
                          "Run `bedside check` to see what is wrong.")
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "updates":
            return key, value
    return None, None


def _last_end(node: yaml.Node) -> Any:
    """Where the last value inside `node` ends (a block collection ends at the next token)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value \
            and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node.end_mark


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
