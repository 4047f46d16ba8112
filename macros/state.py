"""What is true at a given moment: pure functions of the data and a clock."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from macros.model import IMPACTS, Incident, Maintenance, StatusTree, state_rank, worst_state

UPCOMING_HORIZON = timedelta(days=14)

# Phases of planned work, as the page and the API name them.
UNANNOUNCED = "unannounced"
UPCOMING = "upcoming"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
CANCELLED = "cancelled"


def incident_as_of(incident: Incident, now: datetime) -> Incident | None:
    """The incident as readers saw it at `now`: only the updates written by then.

    None before its first update. A build with a fixed clock (`BEDSIDE_NOW`)
    therefore shows what the page said at that moment, not what came later.
    """
    visible = tuple(u for u in incident.updates if u.at <= now)
    if not visible:
        return None
    return incident if len(visible) == len(incident.updates) else replace(
        incident, updates=visible)


def maintenance_as_of(item: Maintenance, now: datetime) -> Maintenance:
    """Planned work with only the updates written by `now`."""
    visible = tuple(u for u in item.updates if u.at <= now)
    return item if len(visible) == len(item.updates) else replace(item, updates=visible)


def tree_as_of(tree: StatusTree, now: datetime) -> StatusTree:
    """`tree` as readers saw it at `now`: incidents not yet started are left out, and
    every incident and planned work carries only the updates written by then.

    With the real clock nothing is removed; with a fixed clock (`BEDSIDE_NOW`,
    the playbook's examples) the page shows what it said at that moment.
    """
    incidents = tuple(i for i in (incident_as_of(i, now) for i in tree.incidents)
                      if i is not None)
    maintenance = tuple(maintenance_as_of(m, now) for m in tree.maintenance)
    return replace(tree, incidents=incidents, maintenance=maintenance)


def worst_first(incidents: Iterable[Incident]) -> list[Incident]:
    """Open incidents in the order readers see them everywhere: those still being
    fixed before those fixed and watched (`monitoring`), then the worst impact
    first, then the one with the latest update (the banner names the first)."""
    return sorted(incidents, key=lambda i: (not i.is_monitoring, IMPACTS.index(i.impact),
                                            i.latest.at), reverse=True)


def maintenance_phase(item: Maintenance, now: datetime) -> str:
    """Where planned work stands at `now`.

    Before `announce_from` it is unannounced, whatever its updates say: nothing
    about it is published, not even that it was cancelled. After that, updates
    written by `now` can override the clock: `cancelled` and `completed` end it
    early, an `in_progress`/`verifying` update before the start means it
    started early, and one written after the window's end means the work is
    overrunning, so it stays in progress.
    """
    if item.announce_from and now < item.announce_from:
        return UNANNOUNCED
    item = maintenance_as_of(item, now)
    latest = item.latest
    if item.is_cancelled:
        return CANCELLED
    if latest and latest.status == "completed":
        return COMPLETED
    started_early = latest is not None and latest.status in ("in_progress", "verifying")
    if now < item.start and not started_early:
        return UPCOMING
    if now < item.end:
        return IN_PROGRESS
    if started_early and latest is not None and latest.at >= item.end:
        return IN_PROGRESS
    return COMPLETED


def maintenance_status(item: Maintenance, phase: str) -> str:
    """Statuspage's word for planned work in `phase` (`cancelled` is Bedside's own), as
    status.json says it and as the pages tell their script (which moves it on as
    the clock passes the window)."""
    if phase == IN_PROGRESS:
        latest = item.latest
        return "verifying" if latest and latest.status == "verifying" else "in_progress"
    return {UPCOMING: "scheduled", COMPLETED: "completed", CANCELLED: "cancelled",
            UNANNOUNCED: "scheduled"}[phase]


def is_overdue(incident: Incident, now: datetime) -> bool:
    """An incident open at `now` whose promised next update time has passed."""
    seen = incident_as_of(incident, now)
    if seen is None or seen.is_resolved:
        return False
    promised = seen.latest.next_update
    return promised is not None and promised < now


def incident_duration(incident: Incident, now: datetime | None = None) -> timedelta | None:
    """From the first update to the resolving one.

    While the incident is still open: None, or the time so far when `now` is given.
    Durations are real elapsed time, so a night when the clocks change counts
    the hour that was skipped or repeated correctly.
    """
    seen = incident if now is None else incident_as_of(incident, now)
    if seen is None:
        return None
    if seen.resolved_at:
        return seen.resolved_at - seen.started_at
    return now - seen.started_at if now is not None else None


@dataclass(frozen=True)
class StatusState:
    """The status page's facts at one moment."""

    now: datetime
    component_states: dict[str, str]
    causes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    indicator: str = "none"
    open_incidents: tuple[Incident, ...] = ()
    overdue: tuple[Incident, ...] = ()
    in_progress: tuple[Maintenance, ...] = ()
    upcoming: tuple[Maintenance, ...] = ()
    upcoming_soon: tuple[Maintenance, ...] = ()
    completed: tuple[Maintenance, ...] = ()
    cancelled: tuple[Maintenance, ...] = ()
    resolved: tuple[Incident, ...] = ()

    @property
    def all_well(self) -> bool:
        return not self.open_incidents and not self.in_progress

    def phase(self, item: Maintenance) -> str:
        """The phase of `item` at this state's moment."""
        return maintenance_phase(item, self.now)


def compute_state(tree: StatusTree, now: datetime) -> StatusState:
    """Component states, the overall indicator and the lists the page shows, at `now`.

    Everything is seen as of `now`: incidents not yet started are left out, and
    the incidents and planned work in the lists carry only the updates written
    by then. Open incidents come worst first (`worst_first`).
    """
    seen = tree_as_of(tree, now)
    open_incidents = worst_first(i for i in seen.incidents if not i.is_resolved)
    by_phase: dict[str, list[Maintenance]] = {}
    for item in seen.maintenance:
        by_phase.setdefault(maintenance_phase(item, now), []).append(item)

    contributions: dict[str, list[tuple[str, str]]] = {c: [] for c in tree.components}
    for incident in open_incidents:
        for component_id, state in incident.current_components.items():
            contributions.setdefault(component_id, []).append((state, incident.id))
    for item in by_phase.get(IN_PROGRESS, []):
        for component_id, state in item.components.items():
            contributions.setdefault(component_id, []).append((state, item.id))
    component_states = {
        cid: worst_state([state for state, _ in found]) for cid, found in contributions.items()
    }
    causes = {
        cid: tuple(source for state, source in found if state_rank(state) > 0)
        for cid, found in contributions.items()
    }

    # A problem that is fixed and being watched (`monitoring`) is not an outage: it
    # does not raise the level; the banner says "Fixed, watching closely" instead.
    impacts = [IMPACTS.index(i.impact) for i in open_incidents if not i.is_monitoring]
    if impacts and max(impacts) > 0:
        indicator = IMPACTS[max(impacts)]
    elif by_phase.get(IN_PROGRESS):
        indicator = "maintenance"
    else:
        indicator = "none"

    upcoming = sorted(by_phase.get(UPCOMING, []), key=lambda m: m.start)
    return StatusState(
        now=now,
        component_states=component_states,
        causes=causes,
        indicator=indicator,
        open_incidents=tuple(open_incidents),
        overdue=tuple(i for i in open_incidents if is_overdue(i, now)),
        in_progress=tuple(sorted(by_phase.get(IN_PROGRESS, []), key=lambda m: m.start)),
        upcoming=tuple(upcoming),
        upcoming_soon=tuple(m for m in upcoming if m.start - now <= UPCOMING_HORIZON),
        completed=tuple(sorted(by_phase.get(COMPLETED, []), key=lambda m: m.start,
                               reverse=True)),
        cancelled=tuple(by_phase.get(CANCELLED, [])),
        resolved=tuple(sorted((i for i in seen.incidents if i.is_resolved),
                              key=lambda i: i.started_at, reverse=True)),
    )
