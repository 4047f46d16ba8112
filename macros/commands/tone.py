"""`bedside tone`: check that status updates and pages are plain, calm and kind."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from macros.cli import add_tree_option
from macros.paths import find_project_root, resolve_status_dir
from macros.tone import (
    RuleError,
    ToneReport,
    check_paths,
    default_paths,
    load_rules,
    status_paths,
)

GUIDE = "docs/it-team/tone.md"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `bedside tone` to the command line."""
    parser = subparsers.add_parser(
        "tone", help="check that status updates and pages are plain, calm and kind",
        description="Check status updates and pages against the house style "
                    f"(macros/tone/rules/). Errors exit 1; warnings do not. See {GUIDE}.",
        epilog="What is checked: the PATHs given; else, with --dir, only that status tree's "
               "incidents and planned work; else the status tree and the pages in docs/.",
    )
    add_tree_option(parser)
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", type=Path,
        help="files or folders to check (default: the status tree's incidents and "
             "planned work, and docs/ unless --dir is given)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print every finding; 1 when any is an error or a file cannot be read."""
    paths = _paths_to_check(args)
    try:
        rules = load_rules()
    except RuleError as error:
        for problem in error.problems:
            print(problem)
        print("\nA rule file has a mistake; fix it and run `bedside tone` again.")
        return 1
    report = check_paths(paths, rules)
    for problem in report.problems:
        print(problem)
    for finding in report.findings:
        print(finding)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in report.problems:
            print(problem.github_annotation())
        for finding in report.findings:
            print(finding.github_annotation())
    print(_summary(report))
    return 1 if report.errors or report.problems else 0


def _paths_to_check(args: argparse.Namespace) -> list[Path]:
    """The PATHs given; else only the tree named by --dir; else the status tree and docs/."""
    if args.paths:
        return args.paths
    if args.tree:
        return status_paths(Path(args.tree))
    project_root = find_project_root()
    return default_paths(resolve_status_dir(None, project_root), project_root)


def _summary(report: ToneReport) -> str:
    files = f"{report.files} file{'s' * (report.files != 1)} checked"
    if not report.findings and not report.problems:
        return f"Tone: all good ({files})."
    errors = len(report.errors) + len(report.problems)
    warnings = len(report.findings) - len(report.errors)
    counts = " and ".join(
        f"{n} {word}{'s' * (n != 1)}" for n, word in ((errors, "error"), (warnings, "warning"))
        if n)
    advice = "Errors must be fixed; warnings are worth a second look." if errors else \
        "Warnings are worth a second look; they do not fail the check."
    return f"\nTone: {counts} ({files}). {advice} How to read a finding: {GUIDE}"
