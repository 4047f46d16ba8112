"""People's text made safe to send: plain words, no markup, per channel escaping."""

from __future__ import annotations

import html

import nh3


def plain(text: str) -> str:
    """Text from YAML as plain text: tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(nh3.clean(text, tags=set())).split())


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, ending in "…" when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def slack_escape(text: str) -> str:
    """Escape the three characters Slack reads as markup in message text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
