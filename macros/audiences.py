"""Who an item concerns, and what each audience's view of the status page holds.

`components.yml` names the audiences (wards, theatres, finance, ...); incidents
and planned work may name the audiences they concern. The rules, written out
for the IT team in `docs/it-team/board-and-banner.md` and on the subscribe page:

- An item with no `audiences` concerns everyone, so it is on every view.
- A system is left off an audience's view only when everything ever written
  about it (incidents and planned work, past and future) was for other
  audiences: payroll is not on the wards' view once every payroll notice has
  been for finance. A system nothing has been written about is on every view.
- A system on a view shows its true state, even when the cause concerns other
  audiences only: a view never says "Working" about a system that is not.
"""

from __future__ import annotations

import dataclasses

from macros.model import Audience, Group, StatusTree


def concerns(audiences: tuple[str, ...], audience_id: str) -> bool:
    """An item with no audiences concerns everyone."""
    return not audiences or audience_id in audiences


def find_audience(tree: StatusTree, audience_id: str) -> Audience:
    """The audience with `audience_id` (a KeyError names the known ones)."""
    for audience in tree.audiences:
        if audience.id == audience_id:
            return audience
    known = ", ".join(a.id for a in tree.audiences) or "none"
    raise KeyError(f"no audience {audience_id!r} in components.yml (known: {known})")


def components_for(tree: StatusTree, audience_id: str) -> set[str]:
    """The ids of the systems on an audience's view (see the module's rules)."""
    told: dict[str, set[str]] = {}  # component id -> audiences of the items naming it
    everyone: set[str] = set()
    for item in (*tree.incidents, *tree.maintenance):
        for component_id in item.components:
            if item.audiences:
                told.setdefault(component_id, set()).update(item.audiences)
            else:
                everyone.add(component_id)
    return {cid for cid in tree.components
            if cid in everyone or cid not in told or audience_id in told[cid]}


def audience_tree(tree: StatusTree, audience_id: str) -> StatusTree:
    """`tree` narrowed to one audience: its items and its systems (empty groups dropped)."""
    shown = components_for(tree, audience_id)
    groups = tuple(
        Group(g.name, tuple(c for c in g.components if c.id in shown)) for g in tree.groups)
    return dataclasses.replace(
        tree,
        groups=tuple(g for g in groups if g.components),
        incidents=tuple(i for i in tree.incidents if concerns(i.audiences, audience_id)),
        maintenance=tuple(m for m in tree.maintenance if concerns(m.audiences, audience_id)),
    )
