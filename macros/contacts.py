"""Who to call: the contacts of the systems a problem touches, and the site's own.

Contacts come only from `components.yml`: each system's `contact`. The site's
own contact (the board's "Need help?" line, the fallback when no affected
system names one) is the contact most systems share, in practice the service
desk; when two are shared equally often, the one listed first wins. So the
number a reader is told to ring is always one the IT team wrote down, and a
change of number is one edit in `components.yml`. `status/banner.js` reads
the same from status.json for the wall board.
"""

from __future__ import annotations

from collections import Counter

from macros.model import StatusTree
from macros.wording import CONTACT_FOR, component_names


def site_contact(tree: StatusTree) -> str:
    """The contact most systems share ("" when no system names one)."""
    contacts = [c.contact for c in tree.components.values() if c.contact]
    counts = Counter(contacts)
    return max(contacts, key=lambda contact: counts[contact], default="")


def who_to_call(tree: StatusTree, component_ids: list[str] | dict[str, str]) -> tuple[str, ...]:
    """Whom to call about these systems, one line per contact, without repeats.

    One contact for all of them: ("Service desk, ext. 4444, 24 hours",). Several:
    ("Patient records (EHR) and Lab results: Service desk, ext. 4444, 24 hours",
    "Payroll and e-rostering: Payroll team, ext. 2210"). None of them names one:
    the site's contact.
    """
    systems = tree.components
    by_contact: dict[str, list[str]] = {}
    for component_id in component_ids:
        component = systems.get(component_id)
        if component is not None and component.contact:
            by_contact.setdefault(component.contact, []).append(component_id)
    if len(by_contact) > 1:
        return tuple(CONTACT_FOR.format(names=component_names(tree, ids), contact=contact)
                     for contact, ids in by_contact.items())
    if by_contact:
        return tuple(by_contact)
    site = site_contact(tree)
    return (site,) if site else ()
