"""Source kinds, registered by name: one module each, like mkdocstrings' handlers.

A kind is everything Bedside knows about one sort of source in `sources.yml`:
what it is (for the JSON Schema editors complete against), how to read it (run
by `bedside fetch`, in a child process of its own) and what the status page
says about it (run by the build, from the snapshot only). Each lives in
`macros/kinds/<name>.py` as a `SourceKind` named `KIND`.

`KINDS` below is the one place a kind is registered. To add one: write its
module, add its name here, run `bedside schemas`, and describe it for the IT
team in docs/it-team/automatic-checks.md. Nothing else names the kinds.

Importing a kind module is cheap: the libraries that read the network and
parse feeds are imported only inside the reading functions, which run in
`bedside fetch`'s child processes, never in the build.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from macros.kinds.base import SourceKind

KINDS: tuple[str, ...] = ("http", "feed", "statuspage")


@cache
def source_kind(name: str) -> SourceKind:
    """The registered kind called `name`; KeyError for a name that is not registered."""
    if name not in KINDS:
        raise KeyError(name)
    return importlib.import_module(f"macros.kinds.{name}").KIND


def all_kinds() -> tuple[SourceKind, ...]:
    """Every registered kind, in the order of `KINDS`."""
    return tuple(source_kind(name) for name in KINDS)
