"""Reading monitoring sources safely: `fetch_all` reads them all under one deadline.

One module per source kind (`http`, `feed`, `statuspage`), one bounded HTTP
client they share (`client`), and `clean` for every text that came from outside.
"""

from macros.fetch.outcome import FAILED, NOT_MODIFIED, OK, CheckResult, Entry, Outcome, Validators
from macros.fetch.runner import DEFAULT_DEADLINE_S, fetch_all, read_one

__all__ = ["DEFAULT_DEADLINE_S", "FAILED", "NOT_MODIFIED", "OK", "CheckResult", "Entry",
           "Outcome", "Validators", "fetch_all", "read_one"]
