"""One tone finding: where, which rule, what is wrong and what to write instead."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from macros.problems import Problem, log_safe
from macros.yamlsafe import Key

LEVELS = ("error", "warning", "suggestion")


@dataclass(frozen=True, order=True)
class Finding:
    """A place in a file where the words could be kinder or plainer."""

    path: str
    line: int
    col: int
    severity: str
    rule: str
    message: str
    suggestion: str = ""
    field: str = ""
    key: Key = dataclasses.field(default=(), compare=False)

    def __str__(self) -> str:
        advice = f" ({self.suggestion})" if self.suggestion else ""
        return log_safe(f"{self.path}:{self.line}:{self.col}: {self.severity} {self.rule}: "
                        f"{self.message}{advice}")

    @property
    def text(self) -> str:
        """The message with its suggestion, as one sentence for other tools."""
        return f"{self.message} ({self.suggestion})" if self.suggestion else self.message

    def as_problem(self) -> Problem:
        """The finding as a status-data problem, the way `bedside check` prints them."""
        return Problem(self.path, self.line, self.col, self.field,
                       f"{self.text} [tone: {self.rule}]", _problem_severity(self.severity))

    def github_annotation(self) -> str:
        """The finding as a GitHub Actions workflow command, shown on the pull request."""
        return Problem(self.path, self.line, self.col, f"tone {self.rule}", self.text,
                       _problem_severity(self.severity)).github_annotation()


def _problem_severity(level: str) -> str:
    return "error" if level == "error" else "warning"
