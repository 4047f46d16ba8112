"""The macros that take the status page to people where they are: a view per
audience, the wall board, the intranet banner's page, and the list of
per-audience subscriptions on the subscribe page."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from markupsafe import Markup

from macros import urls
from macros.context import BuildContext
from macros.render.audience import audience_fingerprint, render_audience_page
from macros.render.board import render_board, render_embed
from macros.render.env import render
from macros.render.view import View, tree_as_of
from macros.state import compute_state


class ReachMacros:
    """One build's audience, board and banner macros."""

    def __init__(self, context: BuildContext, env: Any) -> None:
        self.context = context
        self.env = env
        tree = tree_as_of(context.tree, context.now)
        self.base = View(tree, compute_state(tree, context.now), context.snapshot)

    def _view(self) -> View:
        page = getattr(self.env, "page", None)
        return self.base.at(page.url if page is not None else urls.STATUS_HOME)

    @cached_property
    def _summary(self) -> dict[str, Any]:
        """status.json as this build writes it."""
        from macros.outputs import site_edition
        from macros.outputs.statuspage_api import api_documents

        edition = site_edition(self.context, self.env.conf["site_name"])
        return api_documents(edition)["summary"]

    def _address(self, target: str) -> str:
        return f"{self.context.site_url.rstrip('/')}/{target}"

    def audience_page(self, audience_id: str) -> Markup:
        """The body of `status/for/<audience>/`."""
        view = self._view()
        return render_audience_page(
            self.base.at(view.here), audience_id, site_url=self.context.site_url,
            fingerprint=audience_fingerprint(self._summary, audience_id))

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
                 self._address(urls.calendar(a.id))) for a in view.tree.audiences]
        return render("audience_list.html", view=view, rows=rows)
