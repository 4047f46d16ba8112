"""`bedside fetch`'s reading of the sources: `fetch_all` reads them all under one deadline.

Each source is read in a process of its own (`runner`, `zygote`, `child`) through one
bounded HTTP client (`client`, `addresses`); what each kind of source reads
and says lives in `macros.kinds`. The results are added to the snapshot
(`merge`), and an unusable snapshot is kept, never lost (`previous`). The
build never imports this package: the snapshot file is all it sees.
"""

from macros.fetch.runner import fetch_all

__all__ = ["fetch_all"]
