"""Everything a build knows, computed once: the tree, the clock and the state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from macros import clock
from macros.loader import load_tree
from macros.model import StatusTree
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
