"""Pages Bedside adds to the build: one per incident, per planned work, per history page."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from macros.context import BuildContext


def add_generated_pages(files: Files, config: MkDocsConfig, context: BuildContext) -> Files:
    """Return `files` with the generated status pages added (kept out of the nav)."""
    return files
