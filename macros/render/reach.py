"""The macros that take the status page to people where they are: a view per
audience, the wall board, the intranet banner's page, and the list of
per-audience subscriptions on the subscribe page."""

from __future__ import annotations

from markupsafe import Markup

from macros import urls
from macros.render.audience import audience_fingerprint, render_audience_page
from macros.render.board import render_board, render_embed
from macros.render.env import render
from macros.render.macro_base import BuildMacros


class ReachMacros(BuildMacros):
    """One build's audience, board and banner macros."""

    def audience_page(self, audience_id: str) -> Markup:
        """The body of `status/for/<audience>/`."""
        return render_audience_page(
            self._view(), audience_id, site_url=self.context.site_url,
            fingerprint=audience_fingerprint(self.context.summary, audience_id))

    def board_page(self) -> Markup:
        """The body of the wall board, `status/board/`."""
        return render_board(self._view(), self.env.conf["site_name"])

    def banner_page(self) -> Markup:
        """The body of the intranet banner's <iframe> page, `status/banner/`."""
        return render_embed(self._view())

    def audience_subscriptions(self) -> Markup:
        """A list of each audience's view, feed and calendar (empty without audiences)."""
        view = self._view()
        rows = [(a, view.href(urls.audience_page(a.id)), view.href(urls.rss_feed(a.id)),
                 self._absolute(urls.calendar(a.id))) for a in view.tree.audiences]
        return render("audience_list.html", view=view, rows=rows)
