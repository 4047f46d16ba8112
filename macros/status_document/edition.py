"""One set of outputs: the whole site, or one audience's share of it.

Every writer takes an `Edition` rather than the build context, so the
per-audience feeds and calendars are one call each:
`write_feeds(edition.for_audience("wards"), site_dir)`.

The edition also holds the one rule for when planned work was published and
last revised (`published_at`, `revised_at`, `revision`), which the feeds,
calendars and status.json all use. Nothing it gives is later than the build's
clock: a time in the future would sort planned work above today's news and
tell a reader it was announced after it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from macros.audiences import audience_tree, find_audience
from macros.model import Audience, Incident, Maintenance, Origin, StatusTree
from macros.state import UNANNOUNCED, StatusState, incident_as_of, maintenance_as_of
from macros.status_document.history import FileHistory, TreeHistory

COMPONENTS_FILE = "components.yml"


@dataclass(frozen=True)
class Edition:
    """The data, its state and the addresses one set of output files is written from."""

    tree: StatusTree
    state: StatusState
    site_url: str
    site_name: str
    audience: Audience | None = None
    history: TreeHistory | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.history is None:  # git is asked once, when a time is first needed
            object.__setattr__(self, "history", TreeHistory(self.tree.root))

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

    # --- when things were published ---------------------------------------------

    def file_history(self, origin: Origin | Path | None) -> FileHistory:
        """What git knows about the file an item came from (empty when nothing)."""
        assert self.history is not None  # set in __post_init__
        return self.history.of(origin.path if isinstance(origin, Origin) else origin)

    def published_at(self, item: Maintenance) -> datetime:
        """When planned work was made public: the one rule every output uses.

        1. `announce_from`, when the file has one;
        2. else the earlier of its first update and the commit that added its
           file (`macros.status_document.history`);
        3. else (a file git does not know, outside a git checkout or in a
           shallow clone) the start of its window or the build's clock,
           whichever is earlier: the build cannot know, and never says "later".
        """
        if item.announce_from:
            return item.announce_from
        seen = maintenance_as_of(item, self.now)
        known = [t for t in (seen.updates[0].at if seen.updates else None,
                             self.file_history(item.origin).first_seen(self.now)) if t]
        return min(known) if known else min(item.start, self.now)

    def edited_at(self, item: Maintenance) -> datetime:
        """When the announcement last changed: its publication, or a later commit to its
        file (a moved window, a corrected step)."""
        edited = self.file_history(item.origin).last_edited(self.now)
        published = self.published_at(item)
        return max(published, edited) if edited else published

    def revised_at(self, item: Maintenance) -> datetime:
        """When anything about planned work last changed: an edit or its latest update."""
        seen = maintenance_as_of(item, self.now)
        return max([self.edited_at(item), *(u.at for u in seen.updates)])

    def revision(self, item: Maintenance) -> int:
        """A number that grows with every change to planned work (iCalendar's SEQUENCE):
        one per update, plus one per later commit to its file. Without git history only
        updates count, so a moved window reaches calendars through an update."""
        seen = maintenance_as_of(item, self.now)
        commits = self.file_history(item.origin).revisions(self.now)
        return len(seen.updates) + max(0, commits - 1)

    def started_at(self) -> datetime:
        """When the status page itself began: the commit that added components.yml, else
        the earliest time in the data, else the build's clock."""
        added = self.file_history(self.tree.root / COMPONENTS_FILE).first_seen(self.now)
        moments = [u.at for i in self.tree.incidents for u in i.updates]
        moments += [self.published_at(m) for m in self.tree.maintenance]
        earliest = min((t for t in moments if t <= self.now), default=None)
        return min(t for t in (added, earliest, self.now) if t is not None)

    def for_audience(self, audience_id: str) -> Edition:
        """This edition narrowed to what concerns one audience (`audience_tree`).

        The state stays the whole site's, as on the audience's page: each system
        keeps its true state, and feeds and calendars read only the narrowed tree
        and the clock.
        """
        return replace(self, tree=audience_tree(self.tree, audience_id),
                       audience=find_audience(self.tree, audience_id))
