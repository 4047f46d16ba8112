"""The `bedside` command: one entry point, one module per sub-command."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from importlib import metadata

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
# Exit code after the reader of the output went away (`bedside check | head -1`),
# as a shell reports a command stopped by SIGPIPE.
CLOSED_PIPE = 141


def add_tree_option(parser: argparse.ArgumentParser, *, status_flag: bool = True,
                    help_text: str = "") -> None:
    """Add `--dir DIR` (and `--status DIR` where `--status` is free) for the status tree."""
    flags = ["--dir", "--status"] if status_flag else ["--dir"]
    parser.add_argument(
        *flags, dest="tree", metavar="DIR", default=None,
        help=help_text or "the status tree to use (default: $BEDSIDE_STATUS_DIR, then "
                          "status/)" + ("" if status_flag else
                                        "; --status is the new status here, so the tree "
                                        "is always --dir"),
    )


def version() -> str:
    """The installed version of Bedside ("unknown" when it is not installed)."""
    try:
        return metadata.version("bedside")
    except metadata.PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="bedside",
        description="Check, write and publish the IT status page and playbook.",
    )
    parser.add_argument("--version", action="version", version=f"bedside {version()}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `bedside` with `argv`; return the exit code."""
    try:
        args = build_parser().parse_args(argv)
        return int(args.run(args) or 0)
    except StatusDataError as error:
        print(error, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return CLOSED_PIPE


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so Python's last flush on exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (tests capture stdout)
        pass


if __name__ == "__main__":
    sys.exit(main())
