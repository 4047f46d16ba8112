"""Automatic signals: labelled as automatic, with when they were last checked."""

from __future__ import annotations

from markupsafe import Markup

from macros.outside_text import safe_link
from macros.render.env import render
from macros.render.view import View
from macros.signals import Signal

# What a signal says, in words (the icon only repeats it).
SIGNAL_LABELS = {"problem": "Possible problem", "ok": "No problem reported"}
STALE_LABEL = "out of date"


def signal_kind(signal: Signal) -> str:
    """ "problem" when the signal suggests something is wrong, else "ok"."""
    return "problem" if signal.problem else "ok"


def signal_icon(signal: Signal) -> str:
    """A warning for a possible problem; a question mark for old news of no problem."""
    if signal.problem:
        return "warning"
    return "unknown" if signal.stale else "ok"


def render_signals(view: View) -> Markup:
    """The "Automatic checks" section, or the reason they are not available."""
    snapshot = view.snapshot
    order = {cid: n for n, cid in enumerate(view.tree.components)}
    signals = sorted(snapshot.signals, key=lambda s: (not s.problem, s.stale,
                                                      order.get(s.component_id, len(order))))
    return render("signals.html", view=view, snapshot=snapshot, signals=signals,
                  kind=signal_kind, icon_of=signal_icon, labels=SIGNAL_LABELS,
                  stale_label=STALE_LABEL, link=safe_link)
