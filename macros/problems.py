"""Problems found in status data, and how they are shown to people and to CI."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a look) in one file, at one place."""

    path: str
    line: int
    col: int
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        label = "" if self.severity == "error" else f"{self.severity}: "
        if self.field:
            return f"{where}: {label}{self.field}: {self.message}"
        return f"{where}: {label}{self.message}"

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the PR diff."""
        level = "error" if self.severity == "error" else "warning"
        props = ",".join(
            f"{name}={_escape_property(str(value))}"
            for name, value in (
                ("file", self.path),
                ("line", self.line),
                ("col", self.col),
                ("title", f"Bedside: {self.field or 'file'}"),
            )
        )
        return f"::{level} {props}::{_escape_data(self.message)}"


class StatusDataError(Exception):
    """Raised when status data has errors; holds every problem found in one run."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    """One line per problem, in file order."""
    return "\n".join(str(p) for p in sorted(problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean "x"?)' when `word` is close to one of `choices`, else ''."""
    match = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{match[0]}"?)' if match else ""


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
