"""`bedside fetch`: read the monitoring sources into the snapshot the build shows.

The deadline counts from the moment the command started, imports included,
so the whole command, as the workflow times it, ends within it. The reading
machinery is imported only when the command runs, never by the rest of
`bedside`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from macros.cli import add_tree_option
from macros.kinds import source_kind
from macros.kinds.base import FAILED, NOT_MODIFIED, seconds_words
from macros.model import StatusTree
from macros.paths import display_path, find_project_root, resolve_status_dir
from macros.problems import log_safe
from macros.snapshot import SNAPSHOT_NAME
from macros.wording import clock_time, day_words

if TYPE_CHECKING:
    from macros.kinds.base import Outcome
    from macros.snapshot import Snapshot

DEFAULT_DEADLINE_S = 20.0
MAX_DEADLINE_S = 600.0
# Kept back from the deadline for saving the snapshot after the last source.
SAVE_S = 0.75
# How the process is named when it was started to run this command (`bedside`,
# scripts/fetch.py, `python -m macros.cli`): then the deadline counts from its start.
COMMAND_NAMES = ("bedside", "fetch.py", "cli.py")
# The files fetching reads; a mistake in an incident or planned work does not stop it.
NEEDED_FILES = ("components.yml", "sources.yml")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `bedside fetch` to the command line."""
    parser = subparsers.add_parser(
        "fetch", help="read the monitoring sources in sources.yml into the snapshot",
        description="Read every source in sources.yml at once, within a deadline, and save "
                    "what they say in the snapshot the status page shows. Sources that fail "
                    "are normal: they keep their last good data, marked with its age. "
                    "Exit 1 only when components.yml or sources.yml has errors.",
    )
    add_tree_option(parser)
    parser.add_argument("--deadline", type=_seconds, default=DEFAULT_DEADLINE_S, metavar="S",
                        help=f"finish within S seconds, however slow the sources "
                             f"(default {DEFAULT_DEADLINE_S:g})")
    parser.add_argument("--snapshot", type=Path, default=None, metavar="PATH",
                        help=f"the snapshot file (default: {SNAPSHOT_NAME} in the status tree)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Fetch every source within the deadline and save the snapshot; 1 on bad config."""
    started = command_started()
    from macros import clock
    from macros.fetch.limits import Deadline
    from macros.fetch.merge import merge
    from macros.fetch.previous import SnapshotKeptError, previous_snapshot
    from macros.fetch.runner import fetch_all, warm_up
    from macros.loader import check_tree
    from macros.snapshot import snapshot_view, write_snapshot

    warm_up()  # the children's fork server loads while the status files are read
    project_root = find_project_root()
    root = resolve_status_dir(args.tree, project_root)
    result = check_tree(root, project_root)
    needed = [p for p in result.errors if Path(p.path).name in NEEDED_FILES]
    tree = result.partial
    if tree is None or needed:
        for problem in needed or result.errors:
            _say(str(problem))
        errors = len(needed or result.errors)
        _say(f"\n{errors} problem{'s' * (errors != 1)} in {' or '.join(NEEDED_FILES)}, so "
             f"nothing was fetched. Fix {'it' if errors == 1 else 'them'} and run "
             "`bedside fetch` again.")
        return 1
    if result.errors:
        others = len(result.errors)
        _say(f"Note: {others} problem{'s' * (others != 1)} in other status files will stop "
             "the site from building; `bedside check` lists them. Fetching goes ahead, "
             "because it needs only components.yml and sources.yml.")
    path: Path = args.snapshot or root / SNAPSHOT_NAME
    try:
        previous = previous_snapshot(path, clock.now())
    except SnapshotKeptError as error:
        _say(str(error))
        return 1
    if previous.note:
        _say(previous.note)
    if not tree.sources:
        _say("There are no sources in sources.yml, so there is nothing to fetch.")

    width = max((len(s.id) for s in tree.sources), default=0)
    deadline = Deadline(started + args.deadline - SAVE_S)
    outcomes = fetch_all(tree.sources, deadline, validators=previous.snapshot.validators(),
                         on_outcome=lambda o: _say(outcome_line(o, previous.snapshot, tree,
                                                                width)))
    now = clock.now(tree.timezone)
    snapshot = merge(previous.snapshot, outcomes, tree, now)
    try:
        write_snapshot(path, snapshot)
    except OSError as error:
        _say(f"Could not write the snapshot to {display_path(path)}: {error.strerror}. "
              "Check that the folder exists and can be written to.")
        return 1
    _say(summary_line(outcomes, time.monotonic() - started, path))
    if previous.kept_as:
        _say(f"Keep {display_path(previous.kept_as)} with the snapshot: it holds the old one.")
    problems = [s for s in snapshot_view(snapshot, tree, now).signals if s.problem]
    for signal in problems:
        _say(f"  The page shows: {signal.sentence}")
    return 0


def command_started() -> float:
    """When this command started, on the monotonic clock: when the process started, if it
    was started to run the command (so imports count against the deadline), else now."""
    now = time.monotonic()
    if not sys.argv or Path(sys.argv[0]).name not in COMMAND_NAMES:
        return now
    return now - _process_age()


def _process_age() -> float:
    """Seconds since this process started (0 where the system cannot say)."""
    try:
        with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])  # field 22, "starttime", counted after ")"
        since_boot = time.clock_gettime(time.CLOCK_BOOTTIME)
        return min(60.0, max(0.0, since_boot - started_ticks / os.sysconf("SC_CLK_TCK")))
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0


def outcome_line(outcome: Outcome, previous: Snapshot, tree: StatusTree, width: int) -> str:
    """One line for one source: ok / not modified / failed and why / stale since …"""
    source = outcome.source
    name = source.id.ljust(width)
    if outcome.result == NOT_MODIFIED:
        return f"not modified  {name}  nothing new since the last run"
    if outcome.result != FAILED:
        if outcome.check and outcome.check.response_ms is not None:
            seconds = outcome.check.response_ms / 1000
            detail = ("answered in under 0.01 seconds" if seconds < 0.01
                      else f"answered in {seconds:.2f} seconds")
        else:
            count = len(outcome.entries or ())
            detail = f"{count} entr{'y' if count == 1 else 'ies'}"
        return f"ok            {name}  {detail}" + (f" ({outcome.note})" if outcome.note else "")
    line = f"failed        {name}  {outcome.error}"
    record = previous.sources.get(source.id)
    failures = (record.consecutive_failures if record else 0) + 1
    if source_kind(source.kind).is_check:
        if failures >= source.failures_before_alert:
            if failures == 1:
                return f"{line}; the page shows a possible problem"
            return f"{line}; {failures} failures in a row, so the page shows a possible problem"
        return f"{line}; the page waits for {source.failures_before_alert} failures in a row"
    if record and record.last_success and record.url == source.url:
        since = record.last_success
        return (f"{line}; stale since {_moment_words(since, outcome.attempted_at, tree)}, "
                f"keeping what it said then ({_age(outcome.attempted_at - since)} old)")
    return f"{line}; nothing to show yet"


def summary_line(outcomes: list[Outcome], elapsed_s: float, path: Path) -> str:
    """The last line: how many sources did what, how long it took, where the snapshot is."""
    counts = {"ok": 0, NOT_MODIFIED: 0, FAILED: 0}
    for outcome in outcomes:
        counts[outcome.result] += 1
    text = (f"{len(outcomes)} source{'s' * (len(outcomes) != 1)} read in "
            f"{seconds_words(round(elapsed_s, 1))}: {counts['ok']} ok, "
            f"{counts[NOT_MODIFIED]} not modified, {counts[FAILED]} failed. "
            f"Snapshot saved to {display_path(path)}.")
    if counts[FAILED]:
        text += " Failures are normal now and then; each keeps its last good data."
    return text


def _moment_words(moment: datetime, now: datetime, tree: StatusTree) -> str:
    zone = tree.timezone
    if moment.astimezone(zone).date() == now.astimezone(zone).date():
        return clock_time(moment, zone)
    return f"{day_words(moment, zone)} {clock_time(moment, zone)}"


def _age(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} minute{'s' * (minutes != 1)}"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} hour{'s' * (hours != 1)}"
    return f"{hours // 24} days"


def _say(text: str = "") -> None:
    """Print a line at once (the workflow log shows each source as it finishes); what a
    supplier wrote in it can never become a CI command (`log_safe`, line by line).

    A reader who stops reading (`bedside fetch | head`) must not stop the
    snapshot from being saved, so a closed output is quietly ignored.
    """
    try:
        print("\n".join(log_safe(line) for line in text.split("\n")), flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a number of seconds') from None
    if not 0 < value <= MAX_DEADLINE_S:
        raise argparse.ArgumentTypeError(f"give a number of seconds from 1 to {MAX_DEADLINE_S:g}")
    return value
