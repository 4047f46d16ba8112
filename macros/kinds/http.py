"""`http` sources: an automatic check of one of our own addresses. Does it answer, how fast?

A check is the only kind that counts towards the 90-day history, and the page
shows a possible problem only after `failures_before_alert` failures in a row:
one failed check is often a blip.
"""

from __future__ import annotations

from datetime import datetime

from macros.kinds.base import FAILED, OK, FetchError, Outcome, SourceKind, Web
from macros.model import Source, StatusTree
from macros.records import CheckResult, SourceRecord, Validators
from macros.signals import STALE_AFTER, Signal, when


def read(source: Source, web: Web, validators: Validators, attempted_at: datetime) -> Outcome:
    """Check `source.url` once (with retries); a failure is a result, not an exception."""
    try:
        answer = web.get(source.url, read_body=False)
    except FetchError as error:
        return Outcome(source, FAILED, attempted_at, error=str(error),
                       check=CheckResult(ok=False))
    check = CheckResult(ok=True, response_ms=round(answer.elapsed_s * 1000),
                        status_code=answer.status)
    return Outcome(source, OK, attempted_at, check=check)


def signals(source: Source, record: SourceRecord, tree: StatusTree,
            now: datetime) -> list[Signal]:
    """One line: reached, or not reached (after enough failures in a row)."""
    zone = tree.timezone
    what = tree.component_name(source.component)
    last = record.last_attempt
    shown_at: datetime | None = None
    problem = False
    if last is None or record.check is None:
        sentence = f"Our automatic check of {what} has not run yet."
    elif not record.failing:
        shown_at = record.last_success
        sentence = f"Our automatic check reached {what} at {when(shown_at, now, zone)}."
    elif record.consecutive_failures >= source.failures_before_alert:
        shown_at, problem = last, True
        # A machine noticed it; no person may have yet, so it promises nothing.
        sentence = (f"Our automatic check could not reach {what} at {when(last, now, zone)}. "
                    f"If {what} is not working for you, call the service desk.")
    elif record.last_success:
        shown_at = record.last_success
        sentence = f"Our automatic check last reached {what} at {when(shown_at, now, zone)}."
    else:
        sentence = f"Our automatic check of {what} has no result yet."
    too_old = last is not None and now - last > STALE_AFTER
    return [Signal(source.id, source.component, source.kind, sentence, at=shown_at,
                   checked_at=last, problem=problem, stale=too_old,
                   stale_since=last if too_old else None, source_name="Automatic check")]


KIND = SourceKind(
    name="http",
    summary="an address of our own, checked for an answer and how fast it came",
    read=read, signals=signals, is_check=True,
)
