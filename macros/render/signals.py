"""Automatic signals: labelled as automatic, with when they were last checked."""

from __future__ import annotations

from markupsafe import Markup

from macros.render.env import render
from macros.render.view import View
from macros.signals import Signal

# What a signal says about itself, in words (the icon only repeats it).
SIGNAL_LABELS = {"problem": "Possible problem", "stale": "Out of date", "ok": "No problem"}
SIGNAL_ICONS = {"problem": "warning", "stale": "unknown", "ok": "ok"}


def signal_kind(signal: Signal) -> str:
    """ "stale" when the source could not be read, else "problem" or "ok"."""
    if signal.stale:
        return "stale"
    return "problem" if signal.problem else "ok"


def safe_link(url: str) -> str:
    """The supplier's address when it is http(s), else "" (the feed is not trusted)."""
    return url if url.startswith(("https://", "http://")) else ""


def render_signals(view: View) -> Markup:
    """The "Automatic checks" section, or the reason they are not available."""
    snapshot = view.snapshot
    order = {cid: n for n, cid in enumerate(view.tree.components)}
    rank = {"problem": 0, "stale": 1, "ok": 2}
    signals = sorted(snapshot.signals, key=lambda s: (rank[signal_kind(s)],
                                                      order.get(s.component_id, len(order))))
    return render("signals.html", view=view, snapshot=snapshot, signals=signals,
                  kind=signal_kind, labels=SIGNAL_LABELS, icons=SIGNAL_ICONS,
                  link=safe_link)
