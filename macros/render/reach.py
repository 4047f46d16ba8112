"""The list of per-audience subscriptions on the subscribe page (each audience's view
is written by `macros.render.site`)."""

from __future__ import annotations

from markupsafe import Markup

from macros import urls
from macros.render.env import render
from macros.render.macro_base import BuildMacros


class ReachMacros(BuildMacros):
    """One build's audience macros."""

    def audience_subscriptions(self) -> Markup:
        """A list of each audience's view, feed and calendar (empty without audiences)."""
        view = self._view()
        rows = [(a, view.href(urls.audience_page(a.id)), view.href(urls.rss_feed(a.id)),
                 self._absolute(urls.calendar(a.id))) for a in view.tree.audiences]
        return render("audience_list.html", view=view, rows=rows)
