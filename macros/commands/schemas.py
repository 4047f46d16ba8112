"""`bedside schemas`: regenerate the JSON Schemas editors use for autocompletion."""

from __future__ import annotations

import argparse

from macros.schema import write_schemas


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schemas", help="rewrite macros/schemas/*.json from the model (for developers)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    for path in write_schemas():
        print(f"wrote {path}")
    return 0
