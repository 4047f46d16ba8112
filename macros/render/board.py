"""The wall board (`status/board/`) and the intranet banner's page (`status/banner/`).

Both are built from `macros.glance`, so without JavaScript they show what was
true when the site was built (and reload every minute); with it,
`status/banner.js` and `board.js` keep them current from status.json.
"""

from __future__ import annotations

from markupsafe import Markup

from macros import urls, wording
from macros.glance import glance
from macros.render.env import render
from macros.render.view import View


def render_board(view: View, site_name: str) -> Markup:
    """The body of the wall board: the banner, problems, planned work soon, systems, and
    whom to call (the site's contact; a problem names its own where it differs)."""
    seen = glance(view.tree, view.state)
    return render("board.html", view=view, seen=seen, site_name=site_name,
                  help=wording.full_stop(wording.NEED_HELP.format(contact=seen.contact))
                  if seen.contact else "")


def render_embed(view: View) -> Markup:
    """The body of the banner's <iframe> page: one line, or nothing when all is well."""
    return render("embed.html", view=view, seen=glance(view.tree, view.state),
                  status_page=view.href(urls.STATUS_HOME))
