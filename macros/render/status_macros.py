"""The status macros as pages call them: the build's data, seen from the current page."""

from __future__ import annotations

from markupsafe import Markup

from macros import urls
from macros.render.banner import render_glance
from macros.render.env import icon
from macros.render.macro_base import BuildMacros
from macros.render.pages import render_status_home


class StatusMacros(BuildMacros):
    """One build's status macros: the status home, the home page's door, and the links
    and addresses of the outputs (the subscribe page)."""

    def status_home(self) -> Markup:
        """The whole status home: banner, problems, planned work, systems, checks, days."""
        return render_status_home(self._view())

    def status_glance(self) -> Markup:
        """The banner's words in one line, for the home page."""
        return render_glance(self._view())

    def status_link(self, name: str, text: str) -> Markup:
        """A link to one of the status outputs ("calendar", "rss", "atom", "status.json",
        "badge", "api", "history"), relative to the current page."""
        return Markup('<a href="{}">{}</a>').format(self._view().href(_output(name)), text)

    def status_address(self, name: str, scheme: str = "") -> Markup:
        """The full address of an output, to copy into Outlook or a phone.

        `scheme="webcal"` gives the address calendar apps subscribe to in one tap.
        """
        return Markup('<code class="bedside-address">{}</code>').format(
            self._address(name, scheme))

    def _address(self, name: str, scheme: str = "") -> str:
        address = self._absolute(_output(name))
        return f"{scheme}:{address.split(':', 1)[1]}" if scheme else address

    def status_subscribe_button(self) -> Markup:
        """A one-tap "Subscribe to planned work" link (webcal) for phones and Macs."""
        address = self._address("calendar", "webcal")
        return Markup('<a class="md-button md-button--primary" href="{}">{}Subscribe to the '
                      'planned work calendar</a>').format(address, icon("calendar"))


def _output(name: str) -> str:
    addresses = {
        "calendar": urls.calendar(), "rss": urls.rss_feed(), "atom": urls.atom_feed(),
        "status.json": urls.STATUS_JSON, "badge": urls.badge(),
        "api": f"{urls.API_ROOT}summary.json", "history": urls.history_page(1),
    }
    if name not in addresses:
        raise ValueError(f"unknown status output {name!r}; use one of {', '.join(addresses)}")
    return addresses[name]


def theme_addresses() -> dict[str, str]:
    """Addresses the theme templates link to (head feeds, the small status nav)."""
    return {"home": urls.STATUS_HOME, "history": urls.history_page(1),
            "subscribe": urls.SUBSCRIBE, "rss": urls.rss_feed(), "atom": urls.atom_feed(),
            "banner_script": urls.BANNER_SCRIPT, "status_script": urls.STATUS_SCRIPT}
