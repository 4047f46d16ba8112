"""How the person ran `bedside`, so the commands' hints can be copied as they are.

The README installs the command in `.venv/bin/`; someone who typed
`.venv/bin/bedside check` is told to run `.venv/bin/bedside update ...`, and
someone whose terminal finds `bedside` (an activated venv, pipx) is told
`bedside update ...`.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

NAME = "bedside"


def bedside_command(argv0: str | None = None) -> str:
    """ "bedside" when the terminal finds the command by that name, else the path that
    was typed (".venv/bin/bedside"), relative to the working directory."""
    typed = sys.argv[0] if argv0 is None else argv0
    if Path(typed).name != NAME:
        return NAME  # run as a module or from a test: the plain name
    on_path = shutil.which(NAME)
    if os.sep not in typed or (on_path and _same_file(on_path, typed)):
        return NAME
    try:
        relative = os.path.relpath(typed)
    except ValueError:  # another drive on Windows
        return typed
    if relative.startswith(os.pardir):  # outside the working folder: the full path
        return os.path.abspath(typed)
    return relative if os.sep in relative else f".{os.sep}{relative}"


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False
