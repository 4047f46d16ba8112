"""What automatic signals look like to the page: plain sentences, never raw feed data.

`bedside fetch` writes a snapshot; the build turns it into this view. The
status page renders it, always labelled as automatic, beside what people wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

NO_CHECKS = "Automatic checks are not available right now. What the IT team writes here is up to date."


@dataclass(frozen=True)
class Signal:
    """One automatic signal about one component, already sanitised and phrased."""

    source_id: str
    component_id: str
    kind: str  # "http", "feed" or "statuspage"
    sentence: str  # plain text, e.g. "Microsoft reports a problem with Outlook: ..."
    link: str = ""  # http(s) address of the supplier's page, or ""
    at: datetime | None = None  # when the supplier reported it, or when the check ran
    checked_at: datetime | None = None  # our last attempt to read the source
    problem: bool = False  # True when the signal suggests something is wrong
    stale: bool = False  # True when the last attempt failed and this is older data
    stale_since: datetime | None = None


@dataclass(frozen=True)
class CheckDay:
    """Automatic checks of one component on one day (site zone)."""

    day: date
    checks: int
    failures: int


@dataclass(frozen=True)
class SnapshotView:
    """The snapshot as the build sees it."""

    available: bool
    reason: str = ""  # plain words when not available
    generated_at: datetime | None = None
    signals: tuple[Signal, ...] = ()
    history: dict[str, tuple[CheckDay, ...]] = field(default_factory=dict)

    @classmethod
    def unavailable(cls, reason: str = NO_CHECKS) -> SnapshotView:
        return cls(available=False, reason=reason)

    def for_component(self, component_id: str) -> tuple[Signal, ...]:
        return tuple(s for s in self.signals if s.component_id == component_id)
