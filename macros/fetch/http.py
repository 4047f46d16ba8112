"""`http` sources: is the address reachable, and how long did it take to answer?"""

from __future__ import annotations

from datetime import datetime

from macros.fetch.client import Deadline, FetchError, Limits, get
from macros.fetch.outcome import FAILED, OK, CheckResult, Outcome, Validators
from macros.model import Source


def read(source: Source, deadline: Deadline, validators: Validators,
         attempted_at: datetime) -> Outcome:
    """Check `source.url` once (with retries); a failure is a result, not an exception."""
    try:
        answer = get(source.url, Limits(source.timeout_s, source.max_bytes), deadline,
                     read_body=False)
    except FetchError as error:
        return Outcome(source, FAILED, attempted_at, error=str(error),
                       check=CheckResult(ok=False))
    check = CheckResult(ok=True, response_ms=round(answer.elapsed_s * 1000),
                        status_code=answer.status)
    return Outcome(source, OK, attempted_at, check=check)
