"""Machine-readable outputs written after the pages: feeds, calendars, JSON, badges."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from macros.context import BuildContext


def write_outputs(context: BuildContext, site_dir: Path, config: MkDocsConfig) -> None:
    """Write every output file under `site_dir`."""
