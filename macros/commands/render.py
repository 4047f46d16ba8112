"""`bedside render`: write the status pages and files into a site another generator built.

Zensical (Material for MkDocs' successor) builds the site from the same
`mkdocs.yml` but does not run MkDocs plugins, so the pages and files the
Bedside plugin adds after an MkDocs build are missing. This writes exactly
those into the built site: one page per incident, planned work, history page
and audience, the wall board and the banner's page, and every feed,
calendar, API file, badge, script and the status stylesheet.

It also finishes the pages that use `template: bedside-light.html` (the status
home and the home page). Where the generator cannot call Bedside's light shell
from its templates, that template writes the page's content and what the shell
needs to know, marked (see docs/overrides/bedside-light.html); this puts them
in the same shell an MkDocs build uses, so the pages are the same either way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from macros.paths import display_path

if TYPE_CHECKING:
    from macros.render.shell import Site

# What docs/overrides/bedside-light.html writes when the light shell is not available.
HANDOFF_MARK = 'id="bedside-light-page"'
HANDOFF_META = re.compile(
    r'<script type="application/json" id="bedside-light-page">(?P<meta>.*?)</script>', re.S)
CONTENT_START = "<!-- bedside-light-content -->"
CONTENT_END = "<!-- /bedside-light-content -->"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `bedside render` to the command line."""
    parser = subparsers.add_parser(
        "render", help="write the status pages and files into an already built site",
        description="Write Bedside's status pages, feeds, calendars, status.json, the "
                    "api/v2 files, badges and scripts into SITE_DIR, after a build by a "
                    "generator that does not run MkDocs plugins (Zensical), and put the "
                    "status home and the home page in Bedside's light page shell. The "
                    "status data comes from $BEDSIDE_STATUS_DIR or status/ beside the "
                    "config, and the build's clock from $BEDSIDE_NOW, as in an MkDocs build.",
    )
    parser.add_argument("--site-dir", required=True, type=Path, metavar="SITE_DIR",
                        help="the folder the generator built (for example site/)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                        help="the site's configuration (default: mkdocs.yml)")
    parser.set_defaults(run=run)


def handed_over_pages(site_dir: Path) -> Iterator[Path]:
    """The pages of `site_dir` that bedside-light.html left for the light shell."""
    for path in sorted(site_dir.rglob("*.html")):
        if HANDOFF_MARK in path.read_text(encoding="utf-8", errors="replace"):
            yield path


def handed_over_page(html: str) -> SimpleNamespace | None:
    """The page (as `macros.page_macros.light_page` reads one) that bedside-light.html
    wrote into `html`, or None when `html` is not such a page."""
    meta = HANDOFF_META.search(html)
    start, end = html.find(CONTENT_START), html.rfind(CONTENT_END)
    if meta is None or start < 0 or end < start:
        return None
    about = json.loads(meta["meta"])
    return SimpleNamespace(
        url=about["url"], title=about["title"], edit_url=about["edit_url"],
        meta={"description": about["description"]},
        content=html[start + len(CONTENT_START):end].strip())


def finish_light_pages(site_dir: Path, site: Site) -> list[str]:
    """Put every page bedside-light.html handed over in the light shell; return their
    addresses."""
    from macros.outputs.writing import write_text
    from macros.page_macros import light_page

    finished = []
    for path in handed_over_pages(site_dir):
        page = handed_over_page(path.read_text(encoding="utf-8"))
        if page is None:
            continue
        write_text(site_dir, path.relative_to(site_dir).as_posix(), str(light_page(site, page)))
        finished.append(page.url)
    return finished


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
    site = Site.from_config(config)
    finished = finish_light_pages(args.site_dir, site)
    written = write_site(context, site, args.site_dir)
    print(f"Wrote {len(written)} status pages and files into {display_path(args.site_dir)}"
          + (f" and put {len(finished)} pages in the light shell." if finished else "."))
    return 0
