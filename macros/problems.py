"""Problems found in status data, and how they are shown to people and to CI."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# The two severities, everywhere (`bedside check`, `new`, `tone` and the build):
# an error stops the site from building and fails the check; a warning is worth
# a second look and stops nothing.
ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a look) in one file, at one place."""

    path: str
    line: int
    col: int
    field: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        label = f"{self.level}: "
        if self.field:
            return log_safe(f"{where}: {label}{self.field}: {self.message}")
        return log_safe(f"{where}: {label}{self.message}")

    @property
    def level(self) -> str:
        """ "error" or "warning": any severity other than an error is a warning."""
        return ERROR if self.severity == ERROR else WARNING

    @property
    def is_error(self) -> bool:
        """True when the problem stops the check and the build."""
        return self.severity == ERROR

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command, shown on the PR diff."""
        level = self.level
        props = ",".join(
            f"{name}={_escape_property(str(value))}"
            for name, value in (
                ("file", self.path),
                ("line", self.line),
                ("col", self.col),
                ("title", f"Bedside: {self.field or 'file'}"),
            )
        )
        return f"::{level} {props}::{escape_data(self.message)}"


class StatusDataError(Exception):
    """Raised when status data has errors; holds every problem found in one run."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    """One line per problem, in file order."""
    return "\n".join(str(p) for p in sorted(problems))


def count(number: int, one: str, many: str | None = None) -> str:
    """ "1 error", "3 errors": the number with the word that fits it."""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def severity_counts(problems: Iterable[Problem]) -> str:
    """ "1 error and 3 warnings", "2 errors", "1 warning" ("" for none): every problem
    counted once, as an error or as a warning."""
    listed = list(problems)
    errors = sum(p.is_error for p in listed)
    warnings = len(listed) - errors
    return " and ".join(count(n, word) for n, word in ((errors, ERROR), (warnings, WARNING))
                        if n)


# Words people reach for under pressure, and what the format calls them.
# A word may stand for different things in different places ("done" is
# `resolved` for an incident and `completed` for planned work), so each maps to
# candidates and the first one allowed where the word was written wins.
SYNONYMS: dict[str, tuple[str, ...]] = {
    # incident and maintenance statuses
    "fixed": ("resolved", "completed"),
    "done": ("resolved", "completed"),
    "closed": ("resolved", "completed"),
    "solved": ("resolved",),
    "finished": ("resolved", "completed"),
    "complete": ("completed", "resolved"),
    "over": ("resolved", "completed"),
    "ok": ("resolved", "operational"),
    "open": ("investigating",),
    "new": ("investigating",),
    "ongoing": ("investigating", "in_progress"),
    "working": ("investigating", "operational"),
    "working_on_it": ("investigating",),
    "looking": ("investigating",),
    "looking_into_it": ("investigating",),
    "investigate": ("investigating",),
    "cause_found": ("identified",),
    "found": ("identified",),
    "known": ("identified",),
    "watching": ("monitoring",),
    "monitor": ("monitoring",),
    "planned": ("scheduled",),
    "started": ("in_progress",),
    "running": ("in_progress", "operational"),
    "in_progess": ("in_progress",),
    "checking": ("verifying",),
    "testing": ("verifying",),
    "canceled": ("cancelled",),
    # the other kind of file's statuses
    "completed": ("resolved",),
    "in_progress": ("investigating",),
    "verifying": ("monitoring",),
    "resolved": ("completed",),
    "investigating": ("in_progress",),
    "identified": ("in_progress",),
    "monitoring": ("verifying",),
    "postponed": ("cancelled",),
    "called_off": ("cancelled",),
    # component states
    "up": ("operational",),
    "fine": ("operational",),
    "normal": ("operational",),
    "down": ("major_outage",),
    "outage": ("major_outage",),
    "broken": ("major_outage",),
    "offline": ("major_outage",),
    "not_working": ("major_outage",),
    "slow": ("degraded_performance",),
    "degraded": ("degraded_performance",),
    "partial": ("partial_outage",),
    "partly_down": ("partial_outage",),
    "maintenance": ("under_maintenance",),
    "planned_work": ("under_maintenance",),
    # impact
    "low": ("minor",),
    "small": ("minor",),
    "medium": ("major",),
    "high": ("major",),
    "severe": ("critical",),
    "serious": ("critical",),
    "urgent": ("critical",),
    # field names
    "time": ("at",),
    "when": ("at",),
    "date": ("at",),
    "state": ("status",),
    "text": ("message",),
    "description": ("message", "why"),
    "details": ("message",),
    "next": ("next_update",),
    "next_update_at": ("next_update",),
    "eta": ("next_update",),
    "data_loss": ("data_impact",),
    "data": ("data_impact",),
    "lost": ("data_impact",),
    "meanwhile": ("workaround",),
    "instead": ("workaround",),
    "service": ("components",),
    "services": ("components",),
    "systems": ("components",),
    "system": ("components",),
    "who": ("affects",),
    "affected": ("affects",),
    "audience": ("audiences",),
    "severity": ("impact",),
    "name": ("title",),
    "start": ("window.start",),
    "starts": ("window.start",),
    "end": ("window.end",),
    "ends": ("window.end",),
    "from": ("window.start",),
    "until": ("window.end",),
    "reason": ("why",),
    "benefits": ("benefit",),
    "steps": ("prepare",),
    "before": ("prepare",),
    "preparation": ("prepare",),
    "review": ("postmortem",),
    "post_mortem": ("postmortem",),
    # time zones
    "bst": ("Europe/London",),
    "uk": ("Europe/London",),
    "london": ("Europe/London",),
}


def _normal(word: str) -> str:
    return "_".join(str(word).strip().lower().replace("-", " ").replace("_", " ").split())


def suggestion(word: object, choices: Iterable[str]) -> str | None:
    """The choice `word` most likely meant, or None.

    Tries, in order: the same word in another case or spelling (`In-Progress`),
    a synonym people use (`fixed` -> `resolved`), then a close spelling.
    A synonym may name a nested field (`start` -> `window.start`).
    """
    options = [str(c) for c in choices]
    if not options:
        return None
    normal = _normal(str(word))
    by_normal = {_normal(c): c for c in options}
    if normal in by_normal:
        return by_normal[normal]
    for candidate in SYNONYMS.get(normal, ()):
        if candidate in options or candidate.split(".")[0] in options:
            return candidate
    match = difflib.get_close_matches(normal, list(by_normal), n=1, cutoff=0.6)
    return by_normal[match[0]] if match else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean "x"?)' when `word` is close to one of `choices`, else ''."""
    match = suggestion(word, choices)
    return f' (did you mean "{match}"?)' if match and match != word else ""


# Characters a log never shows as they are: they end a line (so the next could start
# with a CI command), move the cursor or colour the terminal, or reorder the text.
_BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                     "\u2066\u2067\u2068\u2069")


def _shown_as_escape(char: str) -> bool:
    return (unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp")
            or char in _BIDI_CONTROLS
            or 0xFDD0 <= ord(char) <= 0xFDEF or (ord(char) & 0xFFFE) == 0xFFFE)


def log_safe(text: str) -> str:
    """`text` as one line of a log that no CI runner reads as a command.

    Line breaks and other control characters are shown as escapes (`\\n`,
    `\\x1b`), GitHub's `##[` command is broken up (`#\\#[`), and the line
    never starts with `::`. Every printer of values people wrote uses this.
    """
    shown = "".join(char.encode("unicode_escape", "backslashreplace").decode("ascii")
                    if _shown_as_escape(char) else char for char in text)
    shown = shown.replace("##[", "#\\#[")
    if shown.lstrip().startswith("::"):
        shown = "\\" + shown
    return shown


def escape_data(text: str) -> str:
    """`text` as the message of a GitHub Actions workflow command: `%`, CR and LF escaped
    by GitHub's rules (it reads them back), so the command stays on one line."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
