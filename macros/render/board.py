"""The wall board (`status/board/`) and the intranet banner's page (`status/banner/`).

Both are built from `macros.glance`, so without JavaScript they show what was
true when the site was built (and reload every minute); with it,
`status/banner.js` and `board.js` keep them current from status.json.
"""

from __future__ import annotations

from markupsafe import Markup

from macros import urls
from macros.glance import glance
from macros.render.env import render
from macros.render.view import View


def render_board(view: View, site_name: str) -> Markup:
    """The body of the wall board: the banner, problems, planned work soon, systems."""
    return render("board.html", view=view, seen=glance(view.tree, view.state),
                  site_name=site_name)


def render_embed(view: View) -> Markup:
    """The body of the banner's <iframe> page: one line, or nothing when all is well."""
    return render("embed.html", view=view, seen=glance(view.tree, view.state),
                  status_page=view.href(urls.STATUS_HOME))
