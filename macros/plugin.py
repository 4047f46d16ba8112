"""The Bedside MkDocs plugin: validates the status data before anything is built, and
writes the status pages and files after.

It runs before mkdocs-macros, so a mistake in `status/` stops the build with
the same messages as `bedside check`, and nothing is half-built. The data is
read once per build: the macros use the plugin's context.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from macros.context import BuildContext, context_for_config
from macros.outputs import check_site_url
from macros.paths import resolve_status_dir
from macros.problems import StatusDataError, severity_counts


class BedsideConfig(base.Config):
    """The plugin has no options: the tree comes from `$BEDSIDE_STATUS_DIR` or `status/`."""


def load_context(config: Mapping[str, Any]) -> BuildContext:
    """The build's context for `config`, or a `PluginError` MkDocs prints without a
    traceback: the status data's problems (the same list as `bedside check`, also
    as GitHub annotations in Actions), or a missing `site_url`.

    The plugin calls it; so do the macros where the plugin does not run (Zensical).
    """
    try:
        context = context_for_config(config)
    except StatusDataError as error:
        config_file = config.get("config_file_path") or "mkdocs.yml"
        status_dir = resolve_status_dir(None, Path(config_file).resolve().parent)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for problem in error.problems:
                print(problem.github_annotation())
        one = len(error.problems) == 1
        raise PluginError(
            f"The status data in {status_dir} has {severity_counts(error.problems)}, "
            f"so nothing was built:\n{error}\nFix {'it' if one else 'them'} and build again "
            "(`bedside check` shows the same list)."
        ) from None
    check_site_url(context.site_url)
    return context


class BedsidePlugin(BasePlugin[BedsideConfig]):
    """Loads and validates `status/`, and shares the result with the macros."""

    context: BuildContext | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.context = load_context(config)
        return config

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the status pages (one per incident, planned work, history page and
        audience, the board and the banner's page), the feeds, calendars, JSON API,
        badges and scripts next to the site's own pages."""
        from macros.publish import write_site
        from macros.render.shell import Site

        assert self.context is not None
        write_site(self.context, Site.from_config(config), Path(config.site_dir))

    def on_serve(self, server, config: MkDocsConfig, builder):
        if self.context is not None:
            server.watch(str(self.context.status_dir))
        return server
