"""`bedside new`, `bedside update` and `bedside resolve`: write status files.

Argument parsing and printing only; the work is done in `macros.authoring`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from macros import clock
from macros.authoring import (
    AuthoringError,
    IncidentRequest,
    MaintenanceRequest,
    UpdateRequest,
    Written,
    add_update,
    new_incident,
    new_maintenance,
    resolve,
)
from macros.authoring.files import checks_like
from macros.cli import add_tree_option
from macros.commands.check import check_problems
from macros.invocation import bedside_command
from macros.paths import display_path, find_project_root, resolve_status_dir
from macros.problems import severity_counts
from macros.prompting import Prompter


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `bedside new`, `bedside update` and `bedside resolve` to the command line."""
    _register_new(subparsers)
    _register_update(subparsers)
    _register_resolve(subparsers)


def _register_new(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new", help="open an incident or plan work: writes the file for you",
        description="Write a new status file with the right name and its first update.",
    )
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="KIND")

    incident = kinds.add_parser(
        "incident", help="something is not working now",
        description="Open an incident. Questions you skip are asked at the terminal.",
        epilog='Example: bedside new incident --title "Patient records are slow to open" '
               "--component ehr=degraded_performance --impact major "
               '--affects "Wards and clinics on the main site" '
               '--message "Records take up to a minute to open. We are working on it." '
               '--workaround "Use the read-only viewer on the ward PC."',
    )
    incident.add_argument("--title", default="", help="what people notice, in one sentence")
    incident.add_argument("--component", action="append", default=[], metavar="ID=STATE",
                          help="a system and how it is affected, e.g. ehr=major_outage "
                               "(repeat for more)")
    incident.add_argument("--impact", default="", help="none, minor, major or critical")
    incident.add_argument("--affects", default="", help="who is affected, in people's words")
    incident.add_argument("--message", default="", help="what is happening, what we are doing")
    incident.add_argument("--workaround", default="", help="what people can do meanwhile")
    incident.add_argument("--audience", action="append", default=[], metavar="ID",
                          help="only for these readers (ids from components.yml)")
    incident.add_argument("--next-update", default="", metavar="WHEN",
                          help="when people will hear more: 30m (default), 1h, 09:15 or a "
                               "date and time")
    add_tree_option(incident)
    incident.set_defaults(run=run_new_incident)

    work = kinds.add_parser(
        "maintenance", help="planned work that will stop or slow a system",
        description="Plan work. Say why, how it helps, and what to do before and during.",
        epilog='Example: bedside new maintenance --title "Patient records upgrade" '
               "--component ehr --start 2026-12-06T22:00 --end 2026-12-07T02:00 "
               '--affects "Everyone who uses patient records" --why "..." --benefit "..." '
               '--prepare "Print the ward handover sheet before 21:30." --during "..."',
    )
    work.add_argument("--title", default="", help="what the work is, in plain words")
    work.add_argument("--component", action="append", default=[], metavar="ID[=STATE]",
                      help="a system the work touches (state: under_maintenance unless "
                           "given; repeat for more)")
    work.add_argument("--start", default="", metavar="WHEN", help="e.g. 2026-12-06T22:00")
    work.add_argument("--end", default="", metavar="WHEN", help="e.g. 2026-12-07T02:00")
    work.add_argument("--affects", default="", help="who is affected, in people's words")
    work.add_argument("--why", default="", help="why the work is needed")
    work.add_argument("--benefit", default="", help="how it helps people afterwards")
    work.add_argument("--prepare", action="append", default=[], metavar="TEXT",
                      help="one thing to do before it starts (repeat for more)")
    work.add_argument("--during", default="", help="what still works, what to use instead")
    work.add_argument("--contact", default="", help="who to call (default: the systems' "
                                                    "contact in components.yml)")
    work.add_argument("--audience", action="append", default=[], metavar="ID",
                      help="only for these readers (ids from components.yml)")
    work.add_argument("--announce-from", default="", metavar="WHEN",
                      help="do not show it before this date and time")
    add_tree_option(work)
    work.set_defaults(run=run_new_maintenance)


def _register_update(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "update", help="add an update to an open incident or planned work",
        description="Add an update at the end of the file. Nothing else in it changes.",
        epilog='Example: bedside update ehr-slow --status monitoring --component '
               'ehr=operational --message "Records open in a few seconds again. We are '
               'watching closely." --next-update 30m',
    )
    parser.add_argument("id", metavar="ID", help="the file name, or its start or end "
                                                  "(e.g. ehr-slow)")
    parser.add_argument("--status", default="", help="the new status: investigating, "
                        "identified, monitoring or resolved (incidents; bedside resolve "
                        "does resolved for you) or scheduled, in_progress, verifying, "
                        "completed, cancelled (planned work); default: unchanged")
    parser.add_argument("--component", action="append", default=[], metavar="ID=STATE",
                        help="a system whose state changes, e.g. ehr=operational once it "
                             "works again or ehr=partial_outage (repeat for more); the "
                             "others keep theirs")
    parser.add_argument("--message", default="", help="what has changed, in people's words")
    parser.add_argument("--workaround", default="", help="what people can do meanwhile")
    parser.add_argument("--next-update", default="", metavar="WHEN",
                        help="30m (default), 1h, 09:15 or a date and time")
    parser.add_argument("--data-impact", default="", metavar="TEXT",
                        help="with --status resolved: whether anything was lost")
    add_tree_option(parser, status_flag=False)
    parser.set_defaults(run=run_update)


def _register_resolve(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "resolve", help="say an incident is fixed (or planned work is finished)",
        description="Add the last update: what works again, and whether anything was lost. "
                    "Every system of the incident shows as working again.",
        epilog='Example: bedside resolve ehr-slow --message "Patient records open normally '
               'again." --data-impact "No records, orders or results were lost."',
    )
    parser.add_argument("id", metavar="ID", help="the file name, or its start or end")
    parser.add_argument("--message", default="", help="what works again")
    parser.add_argument("--data-impact", default="", metavar="TEXT",
                        help="whether any records or work were lost")
    parser.add_argument("--component", action="append", default=[], metavar="ID=STATE",
                        help="not needed: resolving makes every system of the incident work "
                             "again (a system still not working needs an update instead)")
    add_tree_option(parser)
    parser.set_defaults(run=run_resolve)


def _prompter() -> Prompter:
    return Prompter(interactive=sys.stdin.isatty() and sys.stdout.isatty())


def _run(operation: Callable[..., Written], request: Any, args: argparse.Namespace) -> int:
    """Run one authoring operation on the tree and clock, and say what happened."""
    project_root = find_project_root()
    root = resolve_status_dir(args.tree, project_root)
    now = clock.now(root=root)
    try:
        with checks_like(lambda tree, path: check_problems(tree, project_root, now, path)[0]):
            written = operation(root, request, now, _prompter(), project_root)
    except AuthoringError as error:
        print(error, file=sys.stderr)
        return error.exit_code
    command = bedside_command()
    print(f"Wrote {display_path(written.path)}")
    print(f"  {written.summary}")
    for note in written.notes:
        print(f"  Note: {note}")
    if written.style_problems:
        counted = severity_counts(written.style_problems)
        print(f"\n{command} check: {counted} in this file. The file is saved and the site "
              "will build; read the words once more before you open the pull request:")
        for problem in written.style_problems:
            print(f"  {problem}")
    if written.other_problems:
        counted = severity_counts(written.other_problems)
        print(f"\nThis file is fine, but {counted} in other files will stop the site from "
              f"building. Run `{command} check` to see them.")
    if not written.style_problems and not written.other_problems:
        print(f"  {command} check: all good.")
    print("\nNext:")
    for step in written.next_steps:
        print(f"  {step}")
    return 0


def run_new_incident(args: argparse.Namespace) -> int:
    """`bedside new incident`."""
    request = IncidentRequest(
        title=args.title, impact=args.impact, components=args.component,
        affects=args.affects, message=args.message, workaround=args.workaround,
        audiences=args.audience, next_update=args.next_update,
    )
    return _run(new_incident, request, args)


def run_new_maintenance(args: argparse.Namespace) -> int:
    """`bedside new maintenance`."""
    request = MaintenanceRequest(
        title=args.title, components=args.component, start=args.start, end=args.end,
        affects=args.affects, why=args.why, benefit=args.benefit, prepare=args.prepare,
        during=args.during, contact=args.contact, audiences=args.audience,
        announce_from=args.announce_from,
    )
    return _run(new_maintenance, request, args)


def run_update(args: argparse.Namespace) -> int:
    """`bedside update`."""
    request = UpdateRequest(args.id, status=args.status, components=args.component,
                            message=args.message, workaround=args.workaround,
                            next_update=args.next_update, data_impact=args.data_impact)
    return _run(add_update, request, args)


def run_resolve(args: argparse.Namespace) -> int:
    """`bedside resolve`."""
    request = UpdateRequest(args.id, components=args.component, message=args.message,
                            data_impact=args.data_impact)
    return _run(resolve, request, args)
