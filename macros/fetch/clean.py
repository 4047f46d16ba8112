"""Outside text made safe: plain words without markup, and links that only go to web pages.

Everything a feed, a supplier's status page or a snapshot file says passes
through here before it is stored or shown. Markup is removed with nh3 (script,
style and frame contents are dropped entirely), entities are decoded, and the
result is trimmed, so what is left is plain text the page escapes as usual.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

import nh3

TITLE_LIMIT = 200
SUMMARY_LIMIT = 600
LINK_LIMIT = 2000
SAFE_SCHEMES = ("http", "https")

# Tags whose contents are code or hidden documents, never words for a reader.
_DROP_WITH_CONTENT = {"script", "style", "iframe", "noscript", "template", "object", "embed"}
# Tags that separate words: a space keeps "<p>a</p><p>b</p>" from reading "ab".
_WORD_BREAKS = re.compile(r"<\s*(?:br|hr|/?p|/?div|/?li|/?tr|/?td|/?th|/?h[1-6]|/?blockquote)\b",
                          re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\ufeff]")
_SPACES = re.compile(r"\s+")
_UNSAFE_IN_LINK = re.compile(r"[\s\"'<>\\`\x00-\x1f\x7f]")


def plain_text(raw: object, limit: int = SUMMARY_LIMIT) -> str:
    """`raw` as one line of plain text: no markup, no code, at most `limit` characters."""
    if not isinstance(raw, str):
        return ""
    text = raw
    for _ in range(4):  # escaped markup ("&lt;script&gt;") becomes markup once decoded
        cleaned = html.unescape(nh3.clean(_WORD_BREAKS.sub(r" \g<0>", text), tags=set(),
                                          clean_content_tags=_DROP_WITH_CONTENT))
        if cleaned == text:
            break
        text = cleaned
    else:
        text = html.unescape(nh3.clean(text, tags=set(), clean_content_tags=_DROP_WITH_CONTENT))
        text = text.replace("<", "‹").replace(">", "›")
    return trim(_SPACES.sub(" ", _CONTROL.sub("", text)).strip(), limit)


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
