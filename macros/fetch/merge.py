"""One run's outcomes added to the snapshot: new results over old ones, history counted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from macros.kinds import source_kind
from macros.kinds.base import FAILED, NOT_MODIFIED, OK, Outcome
from macros.model import StatusTree
from macros.records import SourceRecord
from macros.snapshot import HISTORY_DAYS, History, Snapshot


def merge(previous: Snapshot, outcomes: Iterable[Outcome], tree: StatusTree,
          now: datetime) -> Snapshot:
    """The snapshot after this run: new results over old ones, history counted and pruned.

    Sources no longer in `sources.yml` are dropped; a source whose address or
    kind changed starts afresh. History is kept for the tree's components only.
    """
    records: dict[str, SourceRecord] = {}
    history = {cid: dict(days) for cid, days in previous.history.items()}
    for outcome in outcomes:
        old = previous.sources.get(outcome.source.id)
        if old and (old.kind != outcome.source.kind or old.url != outcome.source.url):
            old = None
        records[outcome.source.id] = updated_record(old, outcome)
        if source_kind(outcome.source.kind).is_check:
            _count_check(history, outcome, tree.timezone)
    return Snapshot(now, records, prune_history(history, tree.components, now, tree.timezone))


def updated_record(old: SourceRecord | None, outcome: Outcome) -> SourceRecord:
    """One source's record after one outcome."""
    source = outcome.source
    base = replace(old or SourceRecord.new(source), kind=source.kind, url=source.url,
                   component=source.component, name=source.name,
                   last_attempt=outcome.attempted_at)
    if outcome.result == FAILED:
        return replace(base, consecutive_failures=base.consecutive_failures + 1,
                       error=outcome.error, check=outcome.check or base.check)
    fresh = outcome.validators
    kept = fresh if (fresh.etag or fresh.last_modified) else base.validators
    if outcome.result == NOT_MODIFIED:
        return replace(base, last_success=outcome.attempted_at, consecutive_failures=0,
                       error="", validators=kept)
    assert outcome.result == OK
    return replace(
        base, last_success=outcome.attempted_at, consecutive_failures=0, error="",
        note=outcome.note, validators=fresh,
        check=outcome.check or base.check,
        overall=outcome.overall if outcome.overall is not None else base.overall,
        entries=outcome.entries if outcome.entries is not None else base.entries,
    )


def prune_history(history: History, components: Iterable[str], now: datetime,
                  zone: ZoneInfo) -> History:
    """Only known components, only the last `HISTORY_DAYS` days (site zone)."""
    first = now.astimezone(zone).date() - timedelta(days=HISTORY_DAYS - 1)
    known = set(components)
    pruned = {cid: {day: counts for day, counts in days.items() if day >= first}
              for cid, days in history.items() if cid in known}
    return {cid: days for cid, days in pruned.items() if days}


def _count_check(history: History, outcome: Outcome, zone: ZoneInfo) -> None:
    day = outcome.attempted_at.astimezone(zone).date()
    days = history.setdefault(outcome.source.component, {})
    checks, failures = days.get(day, (0, 0))
    days[day] = (checks + 1, failures + (1 if outcome.failed else 0))
