"""`bedside notify`: send what is new on the status page to Teams, Slack and email, once."""

from __future__ import annotations

import argparse
import os
from collections import Counter

from macros import clock
from macros.cli import add_tree_option
from macros.loader import check_tree
from macros.notify import config as notify_config
from macros.notify.record import FILE_NAME as RECORD_NAME
from macros.notify.record import RecordError, load_record
from macros.notify.run import SENT, WOULD_SEND, Outcome, RunOptions, notify
from macros.notify.site import SiteUrlError, site_url
from macros.paths import display_path, find_project_root, resolve_status_dir


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "notify", help="send new incident updates, planned work and reminders, once",
        description="Send each new incident update, each new or changed planned work and "
        "each reminder (24 hours and 1 hour before) to the channels in notify.yml, exactly "
        "once. Exit 0 even when a channel fails (it is tried again on the next run); "
        "exit 1 when the configuration or the status data is broken.",
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
        record = load_record(root / RECORD_NAME)
    except (SiteUrlError, RecordError) as error:
        print(error)
        return 1

    options = RunOptions(dry_run=args.dry_run, baseline=args.baseline)
    outcomes = notify(tree, result.config, record, clock.now(tree.timezone), address,
                      os.environ, options)
    _print(outcomes, show=args.show)
    return 0


def _print(outcomes: list[Outcome], *, show: bool) -> None:
    shown: set[str] = set()
    for outcome in outcomes:
        print(outcome)
        notice = outcome.notice
        if show and notice and outcome.result in (SENT, WOULD_SEND) \
                and notice.key not in shown:
            shown.add(notice.key)
            print("    " + notice.plain_text().rstrip().replace("\n", "\n    "))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for outcome in outcomes:
            if outcome.needs_attention:
                text = str(outcome).replace("%", "%25").replace("\n", "%0A")
                print(f"::warning title=Bedside notify::{text}")
    counts = Counter(o.result for o in outcomes if o.notice)
    if counts:
        print("\n" + ", ".join(f"{n} {result}" for result, n in counts.items()) + ".")
