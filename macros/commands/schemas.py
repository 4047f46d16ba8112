"""`bedside schemas`: regenerate the JSON Schemas editors use for autocompletion."""

from __future__ import annotations

import argparse
import sys

from macros import schema
from macros.cli import add_tree_option
from macros.paths import display_path

HAND_WRITTEN = "status.schema.json"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `bedside schemas` to the command line."""
    names = [f"{name}.schema.json" for name in schema.SCHEMAS]
    files = f"{', '.join(names[:-1])} and {names[-1]}"
    parser = subparsers.add_parser(
        "schemas", help="rewrite the generated JSON Schemas in macros/schemas/ (for developers)",
        description=f"Rewrite {files} in macros/schemas/ from macros/schema.py. Run it in a "
                    "clone of the repository after changing the status format, and commit "
                    f"the result. {HAND_WRITTEN} (the shape of the published status.json) is "
                    "written by hand and left as it is.",
    )
    add_tree_option(parser, help_text="accepted like on every command; the schemas are the "
                                      "same for every status tree, so it changes nothing")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the generated schema files and name each; 1 outside a source checkout."""
    if schema.source_checkout() is None:
        print(f"The schema folder {schema.SCHEMA_DIR} is part of an installed package, not "
              "a clone of the repository, so nothing was written. Run `bedside schemas` in "
              "a clone (installed with pip install -e .) and commit the files it writes.",
              file=sys.stderr)
        return 1
    if args.tree:
        print(f"Note: the schemas are the same for every status tree, so --dir {args.tree} "
              "changes nothing here.")
    for path in schema.write_schemas():
        print(f"Wrote {display_path(path)}")
    print(f"{HAND_WRITTEN} is written by hand, so it was left as it is.")
    return 0
