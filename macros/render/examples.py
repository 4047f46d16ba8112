"""Examples for the playbook, rendered by the status page's own functions.

The playbook's downtime message templates show exactly what the status page
would say, because they are the status page: the sample tree in
`macros/samples/status/` rendered at a fixed clock for each stage.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path

from markupsafe import Markup

from macros.loader import load_tree
from macros.message_templates import template_text
from macros.model import Maintenance, StatusTree
from macros.render.banner import render_banner
from macros.render.incidents import render_incident_card
from macros.render.maintenance import render_maintenance_card
from macros.render.view import View
from macros.signals import SnapshotView
from macros.state import compute_state, tree_as_of
from macros.wording import window_in_words

SAMPLE_TREE = Path(__file__).resolve().parents[1] / "samples" / "status"
SAMPLE_MAINTENANCE = "2026-12-06-ehr-upgrade"
SAMPLE_INCIDENT = "2026-11-20-ehr-slow"

# The moment each example shows: the morning of the work, during it, the morning after.
STAGE_CLOCKS = {
    "before": datetime.fromisoformat("2026-12-06T09:00+00:00"),
    "during": datetime.fromisoformat("2026-12-06T22:30+00:00"),
    "after": datetime.fromisoformat("2026-12-07T07:30+00:00"),
}
INCIDENT_CLOCK = datetime.fromisoformat("2026-11-20T08:30+00:00")
# Each example's name: read above it, and the start of its banner's name, so
# two banners that say the same ("Everything is working") stay distinct.
CAPTIONS = {
    "before": "Example, before the work",
    "during": "Example, during the work",
    "after": "Example, after the work",
    "incident": "Example, a problem nobody planned",
}


@cache
def sample_tree() -> StatusTree:
    """The bundled sample tree (validated like any other)."""
    return load_tree(SAMPLE_TREE)


def sample_view(now: datetime, heading: int, name: str) -> View:
    """The sample tree at `now`, as a fixed-clock example whose ids start with `name`."""
    tree = tree_as_of(sample_tree(), now.astimezone(sample_tree().timezone))
    state = compute_state(tree, now.astimezone(tree.timezone))
    return View(tree, state, SnapshotView.unavailable(), heading=heading, live=False,
                ids=f"example-{name}-")


def _example(view: View, name: str, body: Markup) -> Markup:
    """The example `name`: its caption, the banner (named by caption and sentence), `body`."""
    caption_id = f"{view.ids}caption"
    named_by_sentence = f'aria-labelledby="{view.ids}bedside-banner-sentence"'
    banner = str(render_banner(view)).replace(
        named_by_sentence, f'aria-labelledby="{caption_id} {view.ids}bedside-banner-sentence"', 1)
    return Markup('<div class="bedside-example" role="group" aria-labelledby="{0}">'
                  '<p class="bedside-example__caption" id="{0}">{1}</p>\n{2}\n{3}\n</div>'
                  ).format(caption_id, CAPTIONS[name], Markup(banner), body)


def downtime_example(stage: str, heading: int = 4) -> Markup:
    """The status page for the sample planned work "before", "during" or "after" it."""
    if stage not in STAGE_CLOCKS:
        raise ValueError(f'downtime_example takes "before", "during" or "after", not {stage!r}')
    view = sample_view(STAGE_CLOCKS[stage], heading, stage)
    item = next(m for m in view.tree.maintenance if m.id == SAMPLE_MAINTENANCE)
    card = render_maintenance_card(view.at(view.here, heading + 1), item, links=False)
    return _example(view, stage, card)


def incident_example(heading: int = 4) -> Markup:
    """The status page for the sample problem while it is open."""
    view = sample_view(INCIDENT_CLOCK, heading, "incident")
    incident = next(i for i in view.tree.incidents if i.id == SAMPLE_INCIDENT)
    card = render_incident_card(view.at(view.here, heading + 1), incident, show_link=False)
    return _example(view, "incident", card)


def sample_work() -> Maintenance:
    """The sample planned work the examples show."""
    return next(m for m in sample_tree().maintenance if m.id == SAMPLE_MAINTENANCE)


def sample_work_when() -> str:
    """When the sample work happens, in words: "Sunday 6 December 2026, 22:00 to 02:00 on
    Monday 7 December"."""
    return window_in_words(sample_work(), sample_tree().timezone)


def message_template(name: str) -> str:
    """A copy-paste message in the status page's sentences, as a fenced text block."""
    return f"```text\n{template_text(name)}\n```"
