"""Outside text made safe: plain words without markup, and links that only go to web pages.

Everything a feed, a supplier's status page or a snapshot file says passes
through here before it is stored or shown. Outside text is hostile: control and
invisible characters go, then it is read as HTML by `macros.text.plain_from_html`,
the same reading every plain-text channel uses (markup removed, script, style and
frame contents entirely; entities decoded; links as their text with the address
in brackets), and cut to a length limit. What is left is one line of plain text
the page escapes as usual.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from macros.text import one_line, plain_from_html

TITLE_LIMIT = 200
SUMMARY_LIMIT = 600
LINK_LIMIT = 2000
SAFE_SCHEMES = ("http", "https")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\ufeff]")
_UNSAFE_IN_LINK = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")


def plain_text(raw: object, limit: int = SUMMARY_LIMIT) -> str:
    """`raw` as one line of plain text: no markup, no code, at most `limit` characters."""
    if not isinstance(raw, str):
        return ""
    words = one_line(plain_from_html(_CONTROL.sub("", raw)))
    return trim(_CONTROL.sub("", words), limit)  # again: an entity can spell one ("&#x200b;")


def trim(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def safe_link(raw: object, base: str = "") -> str:
    """An absolute http(s) address for `raw` (relative to `base`), or "" when it is not one."""
    if not isinstance(raw, str):
        return ""
    candidate = _CONTROL.sub("", raw).strip()
    if not candidate or len(candidate) > LINK_LIMIT:
        return ""
    try:
        absolute = urljoin(base, candidate) if base else candidate
        parts = urlsplit(absolute)
    except ValueError:
        return ""
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.hostname:
        return ""
    if _UNSAFE_IN_LINK.search(absolute):
        return ""
    return absolute


def header_value(raw: object, limit: int = 200) -> str:
    """A validator (ETag, Last-Modified) we can safely send back, or "" if it looks wrong."""
    if not isinstance(raw, str) or len(raw) > limit:
        return ""
    return raw if all(0x20 <= ord(ch) < 0x7F for ch in raw) else ""
