"""One set of outputs: the whole site, or one audience's share of it.

Every writer takes an `Edition` rather than the build context, so the
per-audience feeds and calendars are one call each:
`write_feeds(edition.for_audience("wards"), site_dir)`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from macros.audiences import audience_tree, find_audience
from macros.model import Audience, Incident, Maintenance, StatusTree
from macros.state import UNANNOUNCED, StatusState, incident_as_of, maintenance_as_of

# The time used when the data holds none at all (an empty status tree).
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def announced_at(item: Maintenance) -> datetime:
    """When planned work was made public: `announce_from`, or the start of its window.

    The data holds no other publication time, and the build clock must not
    leak into outputs, so work without `announce_from` is dated by its window.
    """
    return item.announce_from or item.start


@dataclass(frozen=True)
class Edition:
    """The data, its state and the addresses one set of output files is written from."""

    tree: StatusTree
    state: StatusState
    site_url: str
    site_name: str
    audience: Audience | None = None

    @property
    def zone(self) -> ZoneInfo:
        return self.tree.timezone

    @property
    def now(self) -> datetime:
        return self.state.now

    @property
    def audience_id(self) -> str | None:
        return self.audience.id if self.audience else None

    @property
    def host(self) -> str:
        """The site's host name, used in calendar UIDs."""
        return urlsplit(self.site_url).hostname or "localhost"

    def url(self, address: str) -> str:
        """The absolute address of a site-relative `address` from `macros.urls`."""
        return f"{self.site_url.rstrip('/')}/{address}"

    def incidents(self) -> list[Incident]:
        """Incidents as readers saw them now (updates written by now), newest first."""
        seen = [i for i in (incident_as_of(i, self.now) for i in self.tree.incidents) if i]
        return sorted(seen, key=lambda i: (i.started_at, i.id), reverse=True)

    def maintenance(self) -> list[Maintenance]:
        """Announced planned work with the updates written by now, latest window first.

        Work is published from its `announce_from`, even when it was cancelled or
        finished before then (see `state.maintenance_phase`)."""
        shown = [maintenance_as_of(m, self.now) for m in self.tree.maintenance
                 if self.state.phase(m) != UNANNOUNCED]
        return sorted(shown, key=lambda m: (m.start, m.id), reverse=True)

    def for_audience(self, audience_id: str) -> Edition:
        """This edition narrowed to what concerns one audience (`audience_tree`).

        The state stays the whole site's, as on the audience's page: each system
        keeps its true state, and feeds and calendars read only the narrowed tree
        and the clock.
        """
        return replace(self, tree=audience_tree(self.tree, audience_id),
                       audience=find_audience(self.tree, audience_id))
