"""When someone stops answering half-way: every answer so far, as a command to run.

An answer typed at the terminal is never thrown away. If the person presses
Ctrl-D or Ctrl-C before the file is written, the command prints itself with
every option given or answered so far, ready to copy and finish.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable

from macros.authoring.errors import USAGE, AuthoringError
from macros.invocation import bedside_command

Answer = tuple[str, str | Iterable[str] | None]  # (option, value or values)


def command_line(words: list[str], answers: Iterable[Answer]) -> str:
    """`bedside WORDS --option value ...` with every non-empty answer, quoted for a shell."""
    parts = [bedside_command(), *words]
    for option, value in answers:
        values = [value] if isinstance(value, str) or value is None else list(value)
        for one in values:
            if one:
                parts += [option, shlex.quote(one)]
    return " ".join(parts)


def stopped(words: list[str], answers: Iterable[Answer]) -> AuthoringError:
    """The error for a person who stopped answering: nothing written, nothing lost."""
    return AuthoringError(
        "Stopped before the file was written, so nothing was written yet. Your answers are "
        "kept in this command; run it to carry on where you stopped:\n  "
        + command_line(words, answers), USAGE)
