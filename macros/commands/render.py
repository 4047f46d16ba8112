"""`bedside render`: write the status pages and files into a site another generator built.

Zensical (Material for MkDocs' successor) builds the site from the same
`mkdocs.yml` but does not run MkDocs plugins, so the pages and files the
Bedside plugin adds after an MkDocs build are missing. This writes exactly
those into the built site: one page per incident, planned work, history page
and audience, the wall board and the banner's page, and every feed,
calendar, API file, badge, script and the status stylesheet.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from macros.paths import display_path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `bedside render` to the command line."""
    parser = subparsers.add_parser(
        "render", help="write the status pages and files into an already built site",
        description="Write Bedside's status pages, feeds, calendars, status.json, the "
                    "api/v2 files, badges and scripts into SITE_DIR, after a build by a "
                    "generator that does not run MkDocs plugins (Zensical). The status data "
                    "comes from $BEDSIDE_STATUS_DIR or status/ beside the config, and the "
                    "build's clock from $BEDSIDE_NOW, as in an MkDocs build.",
    )
    parser.add_argument("--site-dir", required=True, type=Path, metavar="SITE_DIR",
                        help="the folder the generator built (for example site/)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                        help="the site's configuration (default: mkdocs.yml)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load the config and the data, write everything; 1 when the site is not there."""
    from macros.plugin import load_context
    from macros.publish import write_site
    from macros.render.shell import Site

    if not args.site_dir.is_dir():
        print(f"{display_path(args.site_dir)} is not a built site: build it first "
              "(zensical build, or mkdocs build), then run bedside render.", file=sys.stderr)
        return 1
    if not args.config.is_file():
        print(f"{display_path(args.config)} does not exist: give the site's configuration "
              "with --config.", file=sys.stderr)
        return 1
    try:
        config = load_config(str(args.config))
        context = load_context(config)
    except MkDocsException as error:  # a broken config, or the status data's problems
        print(error, file=sys.stderr)
        return 1
    written = write_site(context, Site.from_config(config), args.site_dir)
    print(f"Wrote {len(written)} status pages and files into {display_path(args.site_dir)}.")
    return 0
