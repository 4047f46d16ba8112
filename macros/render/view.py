"""What a render function needs: the tree, the state, the snapshot and where it is."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from markupsafe import Markup

from macros import urls
from macros.contacts import site_contact
from macros.context import BuildContext
from macros.model import StatusTree
from macros.render.times import iso, time_element
from macros.signals import SnapshotView
from macros.state import StatusState
from macros.text import as_written
from macros.wording import When


@dataclass(frozen=True)
class View:
    """One page's view of the data.

    `here` is the site-relative address of the page being rendered, so links
    work wherever the site is hosted. A filtered tree (one audience) gives a
    filtered page from the same functions. `live` is False for fixed-clock
    examples, whose times must not be turned into "12 minutes ago". `ids`
    prefixes element ids, so several views can share one page. `edition` names
    the content this build publishes (status.json's `page.updated_at`), so the
    page's script can tell whether status.json still says what the page says.
    """

    tree: StatusTree
    state: StatusState
    snapshot: SnapshotView
    here: str = urls.STATUS_HOME
    heading: int = 2
    live: bool = True
    ids: str = ""
    edition: str = ""  # `page.updated_at` of the status.json this build writes

    @property
    def zone(self) -> ZoneInfo:
        return self.tree.timezone

    @property
    def now(self) -> datetime:
        return self.state.now

    def href(self, target: str) -> str:
        """A link from this page to the site-relative address `target`."""
        return urls.relative(self.here, target)

    def when(self, *, relative: bool = False) -> When:
        """A `when(moment, show)` formatter for the wording functions: <time> elements."""
        return lambda moment, show: self.time(moment, show, relative=relative)

    def time(self, moment: datetime, show: str = "time", *, relative: bool = False) -> Markup:
        """A `<time>` element; relative wording only on live pages."""
        return time_element(moment, self.zone, show, relative=relative and self.live)

    def iso(self, moment: datetime | None) -> str:
        """ISO 8601 with offset for `data-` attributes, so the script can act on it later."""
        return iso(moment, self.zone)

    @classmethod
    def of_build(cls, context: BuildContext) -> View:
        """The whole site's view of one build's data."""
        return cls(context.seen, context.state, context.snapshot,
                   edition=context.summary["page"]["updated_at"])

    def surface(self) -> Markup:
        """The attributes of an element whose status the page's script keeps true as the
        clock moves (macros/templates/scripts/pages.js): its zone, its build, status.json."""
        return Markup(' data-bedside-surface data-zone="{}" data-status-json="{}" '
                      'data-updated-at="{}" data-built-at="{}" data-contact="{}"').format(
            self.zone.key, self.href(urls.STATUS_JSON), self.edition, self.iso(self.now),
            as_written(site_contact(self.tree)))

    def at(self, here: str, heading: int | None = None) -> View:
        """The same view rendered on another page (or at another heading level)."""
        return replace(self, here=here, heading=heading or self.heading)

