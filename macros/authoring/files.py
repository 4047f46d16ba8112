"""Writing a status file safely: valid YAML, written whole, checked, undone if it fails.

Every file written is checked with the loader before the command finishes;
a result that would not pass is not kept.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros import schema
from macros.authoring.errors import REFUSED, USAGE, AuthoringError
from macros.invocation import bedside_command
from macros.loader import check_tree
from macros.model import StatusTree
from macros.paths import display_path
from macros.problems import Problem
from macros.tone_checks import file_problems
from macros.yamlsafe import YamlFileError, parse_yaml
from macros.yamlwrite import write_atomic


@dataclass(frozen=True)
class Checked:
    """What `bedside check` will say once the file is written."""

    elsewhere: list[Problem]  # loader errors in other files (not ours to fix here)
    style: list[Problem]  # the warnings `bedside check` gives this file


class WordsRefused(AuthoringError):
    """The words would fail `bedside check` (a tone rule at the error level), so the
    file was not written; `problems` says where, so a person can be asked again."""

    def __init__(self, problems: list[Problem]) -> None:
        listed = "\n".join(f"  {p}" for p in problems)
        one = len(problems) == 1
        super().__init__(
            f"Nothing was written: `{bedside_command()} check` would refuse "
            f"{'this' if one else 'these'}, "
            f"and the site would not be built with {'it' if one else 'them'}:\n{listed}\n"
            "Change the words and run the command again.", USAGE)
        self.problems = problems


@dataclass(frozen=True)
class Written:
    """A file a command wrote, and what to tell the person next."""

    path: Path
    item_id: str
    summary: str
    next_steps: list[str]
    notes: list[str] = field(default_factory=list)
    checked: Checked | None = None

    @property
    def other_problems(self) -> list[Problem]:
        """Errors in other files that will still stop the site from building."""
        return self.checked.elsewhere if self.checked else []

    @property
    def style_problems(self) -> list[Problem]:
        """What `bedside check` will ask to change in this file's wording."""
        return self.checked.style if self.checked else []


def write_new(tree: StatusTree, path: Path, text: str, project_root: Path | None) -> Checked:
    """Write a new file and check it; delete it again if it would not pass."""
    _parses(text, path)
    write_atomic(path, text)
    return _check_written(tree.root, path, path.unlink, project_root)


def replace_checked(tree: StatusTree, path: Path, old_text: str, new_text: str,
                    project_root: Path | None) -> Checked:
    """Replace a file's text and check it; put the old text back if it would not pass."""
    _parses(new_text, path)
    write_atomic(path, new_text)
    return _check_written(tree.root, path, lambda: write_atomic(path, old_text), project_root)


def schema_line(path: Path, name: str) -> str:
    """The first line of a new file: where VS Code finds the schema to complete fields."""
    relative = os.path.relpath(schema.schema_path(name), path.parent)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}"


# What `bedside check` says of one written file, besides the loader: `rules(root,
# path)`. `bedside new`, `update` and `resolve` set it to the check's own rules
# (`checks_like`), so they report exactly what the check will; without it, the
# tone rules on that file.
Rules = Callable[[Path, Path], list[Problem]]
_rules: ContextVar[Rules] = ContextVar("rules", default=lambda root, path: file_problems(path))


@contextmanager
def checks_like(rules: Rules) -> Iterator[None]:
    """Check each written file with `rules(root, path)` inside the `with` block."""
    token = _rules.set(rules)
    try:
        yield
    finally:
        _rules.reset(token)


def warm_up(root: Path, path: Path) -> None:
    """Check `path` once as it is, before taking its lock: the slow first-time work
    (such as loading the tone rules' word lists) is then done outside the lock, and
    the check under the lock takes a moment."""
    _rules.get()(root, path)


def _check_written(root: Path, path: Path, undo: Callable[[], Any],
                   project_root: Path | None) -> Checked:
    """Check the whole tree as `bedside check` does; undo the write if this file would
    have an error (the loader's, or a rule's such as the tone rules')."""
    target = path.resolve()
    errors = check_tree(root, project_root).errors
    ours = [p for p in errors if Path(p.path).resolve() == target]
    if ours:
        undo()
        listed = "\n".join(f"  {p}" for p in ours)
        raise AuthoringError("The result would not pass the checks, so the file was left as "
                             f"it was:\n{listed}", REFUSED)
    found = [p for p in _rules.get()(root, path) if Path(p.path).resolve() == target]
    refused = [p for p in found if p.is_error]
    if refused:
        undo()
        raise WordsRefused(refused)
    return Checked([p for p in errors if p not in ours], found)


def _parses(text: str, path: Path) -> None:
    try:
        parse_yaml(text, display_path(path))
    except YamlFileError as error:  # pragma: no cover - yaml_field quotes what YAML misreads
        raise AuthoringError(f"The result would not be valid YAML, so nothing was written:\n"
                             f"  {error.problem}", REFUSED) from None
