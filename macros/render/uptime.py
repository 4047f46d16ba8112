"""Bars for the last 90 days per component, with the same days in words."""

from __future__ import annotations

from markupsafe import Markup

from macros.render.env import render
from macros.render.view import View
from macros.uptime import DAYS, uptime

# Legend: each kind of day, in words (the bars also differ in pattern, not only colour).
DAY_LEGEND = (
    ("ok", "No problems"),
    ("maintenance", "Planned work"),
    ("minor", "Slow or unreliable"),
    ("partial", "Partly not working"),
    ("major", "Not working"),
    ("checks", "Automatic checks failed"),
)


def render_uptime(view: View, days: int = DAYS) -> Markup:
    """The "Last 90 days" section: bars for sighted readers, a list of days for everyone."""
    rows = uptime(view.tree, view.snapshot.history, view.now, days)
    return render("uptime.html", view=view, rows=rows, days=days, legend=DAY_LEGEND)
