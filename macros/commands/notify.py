"""`bedside notify`: send what is new on the status page to Teams, Slack and email, once."""

from __future__ import annotations

import argparse
import os
from collections import Counter
from pathlib import Path

from macros import clock
from macros.cli import add_tree_option
from macros.loader import check_tree
from macros.model import StatusTree
from macros.notify import config as notify_config
from macros.notify.config import NotifyConfig
from macros.notify.lock import LockError, notify_lock
from macros.notify.record import FILE_NAME as RECORD_NAME
from macros.notify.record import RecordError, load_record
from macros.notify.run import SENT, WOULD_SEND, Outcome, RunOptions, RunReport, notify
from macros.notify.site import SiteUrlError, site_url
from macros.paths import display_path, find_project_root, resolve_status_dir
from macros.problems import escape_data, log_safe


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "notify", help="send new incident updates, planned work and reminders, once",
        description="Send each new incident update, each new or changed planned work and "
        "each reminder (24 hours and 1 hour before) to the channels in notify.yml, exactly "
        "once. Exit 0 even when a channel fails (it is tried again on the next run); "
        "exit 1 when the configuration or the status data is broken, or the record of "
        "sent messages cannot be written (then nothing is sent).",
    )
    add_tree_option(parser)
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would be sent; send nothing, record nothing")
    parser.add_argument("--site-url", metavar="URL", default=None,
                        help="the site's address for links (default: site_url in mkdocs.yml)")
    parser.add_argument("--baseline", action="store_true",
                        help="mark everything due now as sent without sending it "
                        "(for a first run on a site with history)")
    parser.add_argument("--show", action="store_true",
                        help="also print the text of each message")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project_root = find_project_root()
    root = resolve_status_dir(args.tree, project_root)
    loaded = check_tree(root, project_root)
    if loaded.tree is None:
        for problem in loaded.errors:
            print(problem)
        print("\nThe status data has problems, so nothing was sent. "
              "Fix them (`bedside check`) and run again.")
        return 1
    tree = loaded.tree
    config_path = root / notify_config.FILE_NAME
    if not config_path.is_file():
        print(f"There is no {display_path(config_path)}, so there is nowhere to send news. "
              "See docs/it-team/notifications.md to add a channel.")
        return 0
    result = notify_config.load_notify_config(config_path, tree)
    for problem in result.problems:
        print(problem)
    if result.config is None:
        print(f"\n{display_path(config_path)} has problems, so nothing was sent. "
              "Fix them and run again.")
        return 1
    try:
        address = site_url(args.site_url, project_root)
    except SiteUrlError as error:
        print(log_safe(str(error)))
        return 1
    options = RunOptions(dry_run=args.dry_run, baseline=args.baseline)
    try:
        if options.dry_run:  # reads the record, writes nothing: no lock needed
            report = _run(root, tree, result.config, address, options)
        else:
            with notify_lock(root):
                report = _run(root, tree, result.config, address, options)
    except (RecordError, LockError) as error:
        print(log_safe(f"Nothing was sent: {error}"))
        return 1
    _print(report.outcomes, show=args.show)
    if report.stopped:
        stopped = (f"The run stopped: {report.stopped}. Make the record writable (free "
                   "space, or fix the folder's permissions) and run again.")
        print("\n" + log_safe(stopped))
        if os.environ.get("GITHUB_ACTIONS") == "true":
            print(f"::error title=Bedside notify::{escape_data(stopped)}")
        return 1
    return 0


def _run(root: Path, tree: StatusTree, config: NotifyConfig, address: str,
         options: RunOptions) -> RunReport:
    """Read the record (under the lock, for a real run) and run."""
    record = load_record(root / RECORD_NAME)
    return notify(tree, config, record, clock.now(tree.timezone), address, os.environ, options)


def _print(outcomes: list[Outcome], *, show: bool) -> None:
    shown: set[str] = set()
    for outcome in outcomes:
        print(log_safe(str(outcome)))
        notice = outcome.notice
        if show and notice and outcome.result in (SENT, WOULD_SEND) \
                and notice.key not in shown:
            shown.add(notice.key)
            for line in notice.plain_text().rstrip().split("\n"):
                print("    " + log_safe(line))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for outcome in outcomes:
            if outcome.needs_attention:
                print(f"::warning title=Bedside notify::{escape_data(str(outcome))}")
    counts = Counter(o.result for o in outcomes if o.notice)
    if counts:
        print("\n" + ", ".join(f"{n} {result}" for result, n in counts.items()) + ".")
