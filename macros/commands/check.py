"""`bedside check`: validate the status tree and say plainly what to fix.

The loader's problems come first; then every rule in `RULES` runs on what
loaded. A rule is a function of a `CheckInput` that returns problems, each an
error (fails the check, and the build) or a warning (worth a look, fails
nothing). To add a check, write a rule and add it to `RULES`.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from macros import clock
from macros.cli import add_tree_option
from macros.clock_changes import clock_change_warnings
from macros.consistency import impact_warnings
from macros.hosting import site_url_warnings
from macros.invocation import bedside_command
from macros.loader import check_tree
from macros.model import StatusTree
from macros.notify.config import FILE_NAME as NOTIFY_FILE
from macros.notify.config import load_notify_config
from macros.paths import find_project_root, resolve_status_dir
from macros.planned_promises import planned_work_findings
from macros.problems import Problem, count, severity_counts
from macros.promises import promise_warnings
from macros.tone import status_problems
from macros.tone_checks import file_problems


@dataclass(frozen=True)
class CheckInput:
    """What every rule gets: the tree (or the part of it that loaded) and the clock.

    `only` names one file when a command checks the file it has just written; a
    rule that reads files one by one may read only that one.
    """

    root: Path
    project_root: Path
    tree: StatusTree
    now: datetime
    only: Path | None = None


Rule = Callable[[CheckInput], Iterable[Problem]]


def promises_kept(given: CheckInput) -> Iterable[Problem]:
    """A warning for each promised next update whose time has passed."""
    return promise_warnings(given.tree, given.now)


def impact_fits_states(given: CheckInput) -> Iterable[Problem]:
    """A warning for an open minor incident that marks a system as not working."""
    return impact_warnings(given.tree, given.now)


def times_at_clock_changes(given: CheckInput) -> Iterable[Problem]:
    """A warning for a local time in the hour the clocks repeat (which one is meant?)."""
    return clock_change_warnings(given.tree)


def hosting(given: CheckInput) -> Iterable[Problem]:
    """A warning when `site_url` has a path, where API clients will not find api/v2/."""
    return site_url_warnings(given.project_root)


def planned_work_promises(given: CheckInput) -> Iterable[Problem]:
    """The change calendar's promises: freezes, notice, how to prepare, hourly news."""
    return planned_work_findings(given.tree, given.now, given.project_root)


def notify_settings(given: CheckInput) -> Iterable[Problem]:
    """The mistakes in notify.yml, when there is one."""
    path = given.root / NOTIFY_FILE
    return load_notify_config(path, given.tree).problems if path.is_file() else []


def tone_of_status_text(given: CheckInput) -> Iterable[Problem]:
    """The tone rules on the incidents' and planned work's words (`bedside tone`'s)."""
    return status_problems(given.root) if given.only is None else file_problems(given.only)


# Every rule runs on what loaded, so a broken incident does not hide the others'
# promises or the mistakes in notify.yml. A rule's problem at a place the
# loader (or an earlier rule) already named is not repeated.
RULES: list[Rule] = [promises_kept, planned_work_promises, impact_fits_states,
                     times_at_clock_changes, hosting, notify_settings, tone_of_status_text]


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `bedside check` to the command line."""
    parser = subparsers.add_parser(
        "check", help="check every status file and list what to fix",
        description="Check every file in the status tree. Each finding is an error (the site "
                    "is not built until it is fixed) or a warning (worth a second look). "
                    "Exit 0 when there are no errors, 1 if there are.",
    )
    add_tree_option(parser)
    parser.set_defaults(run=run)


def check_problems(root: Path, project_root: Path, now: datetime, only: Path | None = None
                   ) -> tuple[list[Problem], StatusTree | None]:
    """Every problem in the tree, sorted, and the tree when it loaded completely
    (with `only`, the rules that read files one by one read only that one)."""
    result = check_tree(root, project_root)
    problems = list(result.problems)
    loaded = result.tree or result.partial
    if loaded is not None:
        given = CheckInput(root, project_root, loaded, now, only)
        seen = {_place(p) for p in problems}
        for rule in RULES:
            for problem in rule(given):
                if _place(problem) not in seen:
                    seen.add(_place(problem))
                    problems.append(problem)
    return sorted(problems), result.tree


def run(args: argparse.Namespace) -> int:
    """List every problem in the status tree (and notify.yml); 1 if any is an error."""
    project_root = find_project_root()
    root = resolve_status_dir(args.tree, project_root)
    problems, tree = check_problems(root, project_root, clock.now(root=root))
    for problem in problems:
        print(problem)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation())
    print(summary(problems, tree, root))
    return 1 if any(p.is_error for p in problems) else 0


def summary(problems: list[Problem], tree: StatusTree | None, root: Path) -> str:
    """The last line: the counts that add up, and what to do about them."""
    command = f"`{bedside_command()} check`"
    errors = [p for p in problems if p.is_error]
    files = count(len({p.path for p in problems}), "file")
    if errors:
        fix = "Fix it" if len(errors) == 1 else "Fix them"
        warned = len(problems) - len(errors)
        also = "" if not warned else (
            " The warning is worth a second look, but does not stop the site." if warned == 1
            else " The warnings are worth a second look, but do not stop the site.")
        return (f"\n{severity_counts(problems)} in {files}. {fix} and run {command} "
                f"again.{also}")
    assert tree is not None
    checked = (f"{count(len(tree.incidents), 'incident')}, "
               f"{count(len(tree.maintenance), 'piece of planned work', 'pieces of planned work')}"
               f" and {count(len(tree.components), 'component')} checked in {root}")
    if problems:
        return (f"\nNo errors, {severity_counts(problems)} in {files}: worth a second look, "
                f"but the site will build. {checked}.")
    return f"All good: {checked}."


def _place(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.path, problem.line, problem.col, problem.field)
