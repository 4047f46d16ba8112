"""What the authoring commands say when they cannot do what was asked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

USAGE = 2  # the command was not given what it needs, or was given something wrong
REFUSED = 1  # the data does not allow it (a resolved incident, checks that fail)


class AuthoringError(ValueError):
    """A request the command cannot carry out; the message says what to do instead."""

    def __init__(self, message: str, exit_code: int = USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class Gather:
    """Checks every option before saying anything, so all mistakes are listed at once."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def __call__(self, check: Callable[..., Any], *args: Any) -> Any:
        """`check(*args)`, or None with its message kept when it raises AuthoringError."""
        try:
            return check(*args)
        except AuthoringError as error:
            self.messages.append(str(error))
            return None

    def done(self) -> None:
        """Raise one AuthoringError listing every mistake gathered, if there were any."""
        if len(self.messages) == 1:
            raise AuthoringError(f"Nothing was written. {self.messages[0]}")
        if self.messages:
            raise AuthoringError("Nothing was written. Please fix these and run the command "
                                 "again:\n" + "\n".join(f"- {m}" for m in self.messages))
