"""Everything a build knows, computed once: the tree, the clock and the state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from macros import clock
from macros.loader import load_tree
from macros.model import StatusTree
from macros.paths import resolve_status_dir
from macros.signals import SnapshotView
from macros.snapshot import SNAPSHOT_NAME, load_snapshot_view
from macros.state import StatusState, compute_state


@dataclass(frozen=True)
class BuildContext:
    """The validated data and computed state one build renders from."""

    status_dir: Path
    tree: StatusTree
    now: datetime
    state: StatusState
    snapshot: SnapshotView
    site_url: str = ""

    @property
    def zone(self):
        return self.tree.timezone


def build_context(status_dir: Path, project_root: Path | None = None,
                  site_url: str = "", now: datetime | None = None) -> BuildContext:
    """Load `status_dir` and compute its state at `now` (default: the build clock).

    Raises `StatusDataError` when the data has errors.
    """
    tree = load_tree(status_dir, project_root)
    moment = (now or clock.now()).astimezone(tree.timezone)
    snapshot = load_snapshot_view(status_dir / SNAPSHOT_NAME, tree, moment)
    return BuildContext(status_dir, tree, moment, compute_state(tree, moment), snapshot,
                        site_url)


def context_for_config(config: Mapping[str, Any]) -> BuildContext:
    """The context for a site config: its tree (`$BEDSIDE_STATUS_DIR` or `status/` beside
    `mkdocs.yml`), the build clock and its `site_url`. Raises `StatusDataError`."""
    config_file = config.get("config_file_path") or "mkdocs.yml"
    project_root = Path(config_file).resolve().parent
    status_dir = resolve_status_dir(None, project_root)
    return build_context(status_dir, project_root, config.get("site_url") or "")
