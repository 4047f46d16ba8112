"""What to do after a command has written its file: a branch, a commit, a pull request.

Each change goes on a branch of its own, so the "Next:" lines work whether
or not the last pull request has been merged: `status/<id>` for a new
incident or planned work, `status/<id>-<time>` for an update.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from macros.paths import display_path


def branch_name(item_id: str, update_at: datetime | None = None,
                zone: ZoneInfo | None = None) -> str:
    """`status/<id>`, or `status/<id>-0845` for the update written at 08:45."""
    if update_at is None:
        return f"status/{item_id}"
    local = update_at.astimezone(zone)
    return f"status/{item_id}-{local:%H%M}" + (f"{local:%S}" if local.second else "")


def pull_request_steps(path: Path, branch: str, subject: str) -> list[str]:
    """The git lines that put the file on its own branch and offer it for review."""
    return [
        "Read the file once more, then put it on a branch of its own:",
        f"  git switch -c {branch}",
        f"  git add {display_path(path)}",
        f'  git commit -m "{subject}"',
        f"  git push -u origin {branch}",
        "Then open the pull request (git push prints the link). The site changes when it is "
        "merged.",
    ]
