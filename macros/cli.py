"""The `bedside` command: one entry point, one module per sub-command."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from macros.problems import StatusDataError

# Each module has `register(subparsers)`; it sets `run` on its parser.
COMMAND_MODULES = (
    "macros.commands.author",
    "macros.commands.check",
    "macros.commands.tone",
    "macros.commands.fetch",
    "macros.commands.notify",
    "macros.commands.bench",
    "macros.commands.schemas",
    "macros.commands.render",
)


def add_tree_option(parser: argparse.ArgumentParser, *, status_flag: bool = True) -> None:
    """Add `--dir DIR` (and `--status DIR` where `--status` is free) for the status tree."""
    flags = ["--dir", "--status"] if status_flag else ["--dir"]
    parser.add_argument(
        *flags, dest="tree", metavar="DIR", default=None,
        help="the status tree to use (default: $BEDSIDE_STATUS_DIR, then status/)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="bedside",
        description="Check, write and publish the IT status page and playbook.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `bedside` with `argv`; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except StatusDataError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
