"""The Bedside MkDocs plugin: validates the status data before anything is built.

It runs before mkdocs-macros, so a mistake in `status/` stops the build with
the same messages as `bedside check`, and nothing is half-built.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from macros.context import BuildContext, context_for_config
from macros.paths import resolve_status_dir
from macros.problems import StatusDataError


class BedsideConfig(base.Config):
    """The plugin has no options: the tree comes from `$BEDSIDE_STATUS_DIR` or `status/`."""


class BedsidePlugin(BasePlugin[BedsideConfig]):
    """Loads and validates `status/`, and shares the result with the macros."""

    context: BuildContext | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.context = context_for_config(config)
        except StatusDataError as error:
            status_dir = resolve_status_dir(None, Path(config.config_file_path).resolve().parent)
            if os.environ.get("GITHUB_ACTIONS") == "true":
                for problem in error.problems:
                    print(problem.github_annotation())
            raise PluginError(
                f"The status data in {status_dir} has problems, so nothing was built:\n"
                f"{error}\nFix them and build again (`bedside check` shows the same list)."
            ) from None
        from macros.outputs import check_site_url

        check_site_url(config.site_url or "")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add a page per incident, per planned work and per history page (not in the nav)."""
        from macros.generated_pages import add_generated_pages

        assert self.context is not None
        return add_generated_pages(files, config, self.context)

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        """Drop the theme's indentation from the generated status pages (kept small)."""
        from macros.generated_pages import tighten

        return tighten(output, page.file)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the feeds, calendars, JSON API and badges next to the pages."""
        from macros.outputs import write_outputs

        assert self.context is not None
        write_outputs(self.context, Path(config.site_dir), config)

    def on_serve(self, server, config: MkDocsConfig, builder):
        if self.context is not None:
            server.watch(str(self.context.status_dir))
        return server
