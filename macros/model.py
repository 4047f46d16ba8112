"""The status data model: what the IT team writes in `status/`, once validated.

Every object keeps the file it came from (`origin`) so later checks (the tone
checker, the promise checker, `bedside check`) can point at the exact line.
Field names and values follow `status-format.md` and the Statuspage API.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from macros.yamlsafe import YamlDoc

# Ordered from best to worst: the worst one wins when several apply.
COMPONENT_STATES: tuple[str, ...] = (
    "operational",
    "under_maintenance",
    "degraded_performance",
    "partial_outage",
    "major_outage",
)
IMPACTS: tuple[str, ...] = ("none", "minor", "major", "critical")
INCIDENT_STATUSES: tuple[str, ...] = ("investigating", "identified", "monitoring", "resolved")
MAINTENANCE_STATUSES: tuple[str, ...] = (
    "scheduled",
    "in_progress",
    "verifying",
    "completed",
    "cancelled",
)
# How much a piece of planned work takes away from people, least first, and what
# each component state written for the work takes away.
EFFECTS: tuple[str, ...] = ("slows", "partly-stops", "stops")
STATE_EFFECTS = {
    "degraded_performance": "slows",
    "partial_outage": "partly-stops",
    "under_maintenance": "stops",
    "major_outage": "stops",
}
# The rule an override names to go ahead with too little notice (freezes go by their id).
NOTICE_RULE = "notice"

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
FILE_ID_PATTERN = r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)*$"


def state_rank(state: str) -> int:
    """How bad a component state is: 0 for operational, higher is worse."""
    return COMPONENT_STATES.index(state)


def worst_state(states: list[str]) -> str:
    """The worst of several component states ("operational" when there are none)."""
    return max(states, key=state_rank, default="operational")


@dataclass(frozen=True)
class Origin:
    """The YAML file an object was read from, with the positions of its values."""

    path: Path
    display: str
    doc: YamlDoc | None = field(default=None, repr=False, compare=False)

    def position(self, *keys: str | int) -> tuple[int, int]:
        """1-based (line, column) of the value at `keys`, or of its nearest parent."""
        if self.doc is None:
            return (1, 1)
        return self.doc.position(tuple(keys))


@dataclass(frozen=True)
class Audience:
    id: str
    name: str


@dataclass(frozen=True)
class Component:
    id: str
    name: str
    group: str
    description: str = ""
    contact: str = ""


@dataclass(frozen=True)
class Group:
    name: str
    components: tuple[Component, ...]


@dataclass(frozen=True)
class Update:
    """One entry of an incident's or a maintenance's timeline."""

    at: datetime
    status: str
    message: str
    workaround: str = ""
    next_update: datetime | None = None
    data_impact: str = ""
    index: int = 0
    # The systems whose state changes with this update (an incident's only);
    # the others keep the state they had.
    components: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FollowUp:
    """The follow-up calls after an incident: when they were made, and by whom."""

    at: datetime
    by: str
    note: str = ""


@dataclass(frozen=True)
class Incident:
    """An unplanned problem. Its id is the file name without `.yml`.

    `components` is the file's top-level map: each system's state when the
    incident was opened. An update may change some of them (its own
    `components`); `current_components` is what holds after the latest update,
    and once the incident is resolved every system works again.
    """

    id: str
    title: str
    impact: str
    components: dict[str, str]
    affects: str
    updates: tuple[Update, ...]
    audiences: tuple[str, ...] = ()
    postmortem: str = ""
    follow_up: FollowUp | None = None
    origin: Origin | None = field(default=None, compare=False)

    @property
    def started_at(self) -> datetime:
        return self.updates[0].at

    @property
    def latest(self) -> Update:
        return self.updates[-1]

    @property
    def is_resolved(self) -> bool:
        return self.latest.status == "resolved"

    @property
    def resolved_at(self) -> datetime | None:
        return self.latest.at if self.is_resolved else None

    @property
    def current_components(self) -> dict[str, str]:
        """Each system's state after the latest update: operational once resolved."""
        if self.is_resolved:
            return {cid: "operational" for cid in self.components}
        states = dict(self.components)
        for update in self.updates:
            states.update(update.components)
        return states

    @property
    def is_monitoring(self) -> bool:
        """True while the fix is in and the team is watching that it holds."""
        return self.latest.status == "monitoring"


@dataclass(frozen=True)
class Override:
    """Planned work that goes ahead despite a calendar rule, with the reason and who agreed."""

    rules: tuple[str, ...]
    reason: str
    agreed_by: str


@dataclass(frozen=True)
class Maintenance:
    """Planned work in a fixed window. Its id is the file name without `.yml`."""

    id: str
    title: str
    components: dict[str, str]
    affects: str
    start: datetime
    end: datetime
    why: str
    benefit: str
    during: str
    contact: str
    prepare: tuple[str, ...] = ()
    announce_from: datetime | None = None
    audiences: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()
    override: Override | None = None
    origin: Origin | None = field(default=None, compare=False)

    @property
    def latest(self) -> Update | None:
        return self.updates[-1] if self.updates else None

    @property
    def is_cancelled(self) -> bool:
        return any(u.status == "cancelled" for u in self.updates)

    @property
    def finished_at(self) -> datetime:
        """When the work ended, as "Finished at" on the page, `resolved_at` in the API and
        the notices all say: its closing update (`completed` or `cancelled`, which the
        loader keeps last), else the end of its window.
        """
        latest = self.latest
        if latest is not None and latest.status in ("completed", "cancelled"):
            return latest.at
        return self.end


@dataclass(frozen=True)
class Source:
    """An automatic signal from `status/sources.yml`."""

    id: str
    kind: str  # a name registered in `macros.kinds`
    url: str
    component: str
    name: str = ""
    timeout_s: float = 5.0
    failures_before_alert: int = 2
    max_bytes: int = 10_000_000
    origin: Origin | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Freeze:
    """A recurring or one-off time when planned work must not happen.

    Exactly one of the three shapes is set: `monthly` (the last working days of
    each month and the first of the next), `yearly` ((month, day) from and
    until, every year) or `dates` (a first and last day). It holds back work on
    `systems` (all when empty) that concerns `audiences` (everyone when empty).
    """

    id: str
    name: str
    monthly: tuple[int, int] | None = None  # (last working days, first working days)
    yearly: tuple[tuple[int, int], tuple[int, int]] | None = None
    dates: tuple[date, date] | None = None
    systems: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    agree_with: str = ""
    page: str = ""
    index: int = 0


@dataclass(frozen=True)
class NoticeRule:
    """How far ahead people hear of work that takes away at least `effect`."""

    name: str
    effect: str
    weeks: int
    systems: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    page: str = ""
    index: int = 0


@dataclass(frozen=True)
class ChangeCalendar:
    """`status/calendar.yml`: freezes, notice periods and who must be told how to prepare.

    Without the file there are no freezes, no notice periods and no bank
    holidays, and work that stops any system must say how to prepare
    (`prepare_for` None means every system).
    """

    bank_holidays: frozenset[date] = frozenset()
    freezes: tuple[Freeze, ...] = ()
    notice: tuple[NoticeRule, ...] = ()
    prepare_for: frozenset[str] | None = None
    origin: Origin | None = field(default=None, compare=False)

    def freeze(self, freeze_id: str) -> Freeze | None:
        return next((f for f in self.freezes if f.id == freeze_id), None)


@dataclass(frozen=True)
class StatusTree:
    """Everything in one `status/` directory, validated."""

    root: Path
    timezone: ZoneInfo
    groups: tuple[Group, ...]
    audiences: tuple[Audience, ...] = ()
    incidents: tuple[Incident, ...] = ()
    maintenance: tuple[Maintenance, ...] = ()
    sources: tuple[Source, ...] = ()
    calendar: ChangeCalendar = field(default_factory=ChangeCalendar)

    @property
    def components(self) -> dict[str, Component]:
        return {c.id: c for g in self.groups for c in g.components}

    def component_name(self, component_id: str) -> str:
        component = self.components.get(component_id)
        return component.name if component else component_id
