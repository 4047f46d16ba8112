"""`bedside check`: validate the status tree and say plainly what to fix."""

from __future__ import annotations

import argparse
import os

from macros import clock
from macros.cli import add_tree_option
from macros.loader import check_tree
from macros.notify.config import FILE_NAME as NOTIFY_FILE
from macros.notify.config import load_notify_config
from macros.paths import find_project_root, resolve_status_dir
from macros.planned_promises import planned_work_findings
from macros.promises import promise_warnings
from macros.tone import status_problems


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `bedside check` to the command line."""
    parser = subparsers.add_parser(
        "check", help="check every status file and list what to fix",
        description="Check every file in the status tree. Exit 0 when all is well, 1 if not.",
    )
    add_tree_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """List every problem in the status tree (and notify.yml); 1 if any is an error."""
    project_root = find_project_root()
    root = resolve_status_dir(args.tree, project_root)
    result = check_tree(root, project_root)
    problems = list(result.problems)
    # Every problem in one run: a broken incident must not hide the promises of
    # the others or the mistakes in notify.yml, so those are checked on what loaded.
    loaded = result.tree or result.partial
    if loaded is not None:
        problems += promise_warnings(loaded, clock.now())
        problems += planned_work_findings(loaded, clock.now(), project_root)
        if (root / NOTIFY_FILE).is_file():
            problems += load_notify_config(root / NOTIFY_FILE, loaded).problems
    # The tone rules on status text; a place the loader already named is not repeated.
    seen = {(p.path, p.line, p.col, p.field) for p in problems}
    problems += [p for p in status_problems(root) if (p.path, p.line, p.col, p.field) not in seen]
    for problem in sorted(problems):
        print(problem)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in sorted(problems):
            print(problem.github_annotation())
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        files = len({p.path for p in errors})
        print(f"\n{_count(len(errors), 'problem', 'problems')} in "
              f"{_count(files, 'file', 'files')}. Fix {'it' if len(errors) == 1 else 'them'} "
              "and run `bedside check` again.")
        return 1
    tree = result.tree
    assert tree is not None
    print(f"All good: {_count(len(tree.incidents), 'incident', 'incidents')}, "
          f"{_count(len(tree.maintenance), 'piece of planned work', 'pieces of planned work')}"
          f" and {_count(len(tree.components), 'component', 'components')} checked in {root}.")
    return 0


def _count(number: int, one: str, many: str) -> str:
    """ "1 incident", "2 incidents": the number with the word that fits it."""
    return f"{number} {one if number == 1 else many}"
