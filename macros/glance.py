"""The status at a glance: what the wall board and the intranet banner say.

`glance` reads the computed state; `status/banner.js` computes the same from
`status.json` in the browser, with the same words (it carries them from
`macros.wording`), so a board built at 08:30 and refreshed at 10:05 says what
a build at 10:05 would say. Text people wrote is plain text here
(`macros.text`), exactly as status.json carries it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from macros import wording
from macros.contacts import site_contact, who_to_call
from macros.icons import IMPACT_ICONS, PHASE_ICONS, STATE_ICONS
from macros.model import IMPACTS, Maintenance, StatusTree
from macros.state import IN_PROGRESS, StatusState
from macros.text import as_written, plain


@dataclass(frozen=True)
class Problem:
    title: str
    impact: str
    impact_label: str
    affects: str
    workaround: str
    next_update: str
    contact: str = ""  # whom to call, from the affected systems (`macros.contacts`)

    @property
    def icon(self) -> str:
        return IMPACT_ICONS[self.impact]


@dataclass(frozen=True)
class Work:
    """Planned work happening now or starting within a day (`wording.SOON`)."""

    title: str
    phase: str
    when: str
    affects: str

    @property
    def label(self) -> str:
        return wording.MAINTENANCE_PHASE_LABELS[self.phase]

    @property
    def icon(self) -> str:
        return PHASE_ICONS[self.phase]


@dataclass(frozen=True)
class System:
    name: str
    state: str

    @property
    def label(self) -> str:
        return wording.STATE_LABELS[self.state]

    @property
    def icon(self) -> str:
        return STATE_ICONS[self.state]


@dataclass(frozen=True)
class Glance:
    """Everything the board shows, and the banner's one line ("" when all is well)."""

    banner: wording.Banner
    line: str
    problems: tuple[Problem, ...]
    work: tuple[Work, ...]
    systems: tuple[System, ...]
    contact: str = ""  # the site's contact; a problem names its own only when it differs


def capitalised(text: str) -> str:
    """ "tonight 22:00–02:00" -> "Tonight 22:00–02:00"."""
    return text[:1].upper() + text[1:]


def work_when(item: Maintenance, phase: str, now: datetime, tree: StatusTree) -> str:
    """ "Started at 22:00. We expect to finish by 02:00." or "Tonight 22:00–02:00"."""
    if phase == IN_PROGRESS:
        return wording.maintenance_when_sentence(item, phase, tree.timezone, now=now)
    return capitalised(wording.window_phrase(item, now, tree.timezone))


def glance(tree: StatusTree, state: StatusState) -> Glance:
    """The board's and the banner's view of `state`."""
    now, zone = state.now, tree.timezone
    said = wording.banner(tree, state)
    said = dataclasses.replace(said, sentence=as_written(said.sentence),
                               detail=as_written(said.detail))
    problems = tuple(sorted(
        (Problem(as_written(i.title), i.impact, wording.IMPACT_LABELS[i.impact],
                 as_written(i.affects), plain(wording.current_workaround(i)),
                 wording.next_update_sentence(i, now, zone),
                 as_written("; ".join(who_to_call(tree, i.components))))
         for i in state.open_incidents),
        key=lambda p: -IMPACTS.index(p.impact)))  # the worst first, newest among equals
    soon = [m for m in state.upcoming if m.start - now <= wording.SOON]
    work = tuple(Work(as_written(m.title), state.phase(m), work_when(m, state.phase(m), now, tree),
                      as_written(m.affects))
                 for m in (*state.in_progress, *soon))
    systems = tuple(System(as_written(c.name), state.component_states.get(c.id, "operational"))
                    for group in tree.groups for c in group.components)
    return Glance(said, wording.embed_sentence(said, len(state.open_incidents)),
                  problems, work, systems, as_written(site_contact(tree)))
