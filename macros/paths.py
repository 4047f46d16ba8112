"""Where the status tree lives, and how file paths are shown in messages."""

from __future__ import annotations

import os
from pathlib import Path

ENV_STATUS_DIR = "BEDSIDE_STATUS_DIR"


def find_project_root(start: Path | None = None) -> Path:
    """The nearest directory at or above `start` that holds `mkdocs.yml` (else `start`)."""
    start = (start or Path.cwd()).resolve()
    for directory in (start, *start.parents):
        if (directory / "mkdocs.yml").is_file():
            return directory
    return start


def resolve_status_dir(option: str | os.PathLike[str] | None = None,
                       project_root: Path | None = None) -> Path:
    """The status tree: the command's option, then `$BEDSIDE_STATUS_DIR`, then `status/`."""
    if option:
        return Path(option)
    from_env = os.environ.get(ENV_STATUS_DIR)
    if from_env:
        return Path(from_env)
    return (project_root or find_project_root()) / "status"


def display_path(path: Path) -> str:
    """`path` relative to the working directory when it is inside it, else as given."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
