"""Machine-readable outputs written after the pages: feeds, calendars, JSON, badges."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from macros.outputs.assets import write_assets
from macros.outputs.badges import write_badges
from macros.outputs.calendar import write_event_files, write_planned_work
from macros.outputs.feeds import write_feeds
from macros.outputs.statuspage_api import write_api
from macros.status_document.edition import Edition

if TYPE_CHECKING:
    from macros.context import BuildContext


def check_site_url(site_url: str) -> None:
    """Stop the build before anything is written when the site's full address is missing."""
    if not site_url.startswith(("https://", "http://")):
        raise PluginError(
            "Feeds, calendars and status.json need the site's full address: set site_url "
            "in mkdocs.yml, e.g. site_url: https://it.example.org/"
        )


def write_all(context: BuildContext, site_dir: Path) -> list[str]:
    """Write every output of the whole site; return their site addresses."""
    edition = context.edition
    return [
        *write_api(context.api_documents, site_dir),
        *write_feeds(edition, site_dir),
        write_planned_work(edition, site_dir),
        *write_event_files(edition, site_dir),
        *write_badges(edition, site_dir),
    ]


def write_audience_outputs(edition: Edition, site_dir: Path) -> list[str]:
    """Write each audience's own feeds and calendar; return their site addresses."""
    written: list[str] = []
    for audience in edition.tree.audiences:
        narrowed = edition.for_audience(audience.id)
        written += [*write_feeds(narrowed, site_dir), write_planned_work(narrowed, site_dir)]
    return written


def write_outputs(context: BuildContext, site_dir: Path) -> list[str]:
    """Write every output file under `site_dir`; return their site addresses."""
    return [*write_all(context, site_dir), *write_audience_outputs(context.edition, site_dir),
            *write_assets(site_dir, context.seen, context.now)]
