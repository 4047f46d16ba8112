"""Everything a build knows, computed once: the tree, the clock, the state and what
status.json says. The pages, the generated pages and the output files all read
these from one `BuildContext`, so none of them is worked out twice."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from macros import clock
from macros.loader import load_tree
from macros.model import StatusTree
from macros.paths import resolve_status_dir
from macros.problems import StatusDataError
from macros.signals import SnapshotView
from macros.snapshot import SNAPSHOT_NAME, load_snapshot_view
from macros.state import StatusState, compute_state, tree_as_of
from macros.status_document.edition import Edition
from macros.status_document.statuspage import api_documents
from macros.tone_checks import status_text_errors


@dataclass(frozen=True)
class BuildContext:
    """The validated data and computed state one build renders from.

    `tree` holds every update as written; `seen` is the same tree as readers
    see it at `now` (updates written later are not there yet).
    """

    status_dir: Path
    tree: StatusTree
    now: datetime
    state: StatusState
    snapshot: SnapshotView
    site_url: str = ""
    site_name: str = ""

    @property
    def zone(self):
        return self.tree.timezone

    @cached_property
    def seen(self) -> StatusTree:
        """The tree as readers see it at `now`."""
        return tree_as_of(self.tree, self.now)

    @cached_property
    def edition(self) -> Edition:
        """The whole site's outputs (`Edition.for_audience` narrows it)."""
        return Edition(self.tree, self.state, self.site_url, self.site_name)

    @cached_property
    def api_documents(self) -> dict[str, dict[str, Any]]:
        """Every API document this build writes, keyed as in `urls.API_FILES`."""
        return api_documents(self.edition)

    @property
    def summary(self) -> dict[str, Any]:
        """status.json as this build writes it."""
        return self.api_documents["summary"]


def build_context(status_dir: Path, project_root: Path | None = None,
                  site_url: str = "", now: datetime | None = None,
                  site_name: str = "") -> BuildContext:
    """Load `status_dir` and compute its state at `now` (default: the build clock).

    Raises `StatusDataError` when the data has errors: the loader's, or the tone
    rules' errors in status text (`macros.tone_checks`), as `bedside check` says.
    """
    tree = load_tree(status_dir, project_root)
    refused = status_text_errors(status_dir)
    if refused:
        raise StatusDataError(refused)
    moment = (now or clock.now(tree.timezone)).astimezone(tree.timezone)
    snapshot = load_snapshot_view(status_dir / SNAPSHOT_NAME, tree, moment)
    return BuildContext(status_dir, tree, moment, compute_state(tree, moment), snapshot,
                        site_url, site_name)


def context_for_config(config: Mapping[str, Any]) -> BuildContext:
    """The context for a site config: its tree (`$BEDSIDE_STATUS_DIR` or `status/` beside
    `mkdocs.yml`), the build clock, its `site_url` and `site_name`.
    Raises `StatusDataError`."""
    config_file = config.get("config_file_path") or "mkdocs.yml"
    project_root = Path(config_file).resolve().parent
    status_dir = resolve_status_dir(None, project_root)
    return build_context(status_dir, project_root, config.get("site_url") or "",
                         site_name=config.get("site_name") or "")
