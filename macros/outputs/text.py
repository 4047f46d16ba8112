"""Text from the status files made safe for machine-readable outputs.

Everything a person wrote in YAML is data: HTML in it is stripped with nh3
(script and style contents go entirely), entities are decoded so readers see
"&" rather than "&amp;", and script-running link schemes are removed, so no
output carries `<script>` or `javascript:` from the data. Jinja in the text
is left as written: nothing here evaluates it.
"""

from __future__ import annotations

import html
import re

import nh3

_SCRIPT_LINK = re.compile(r"(?i)\b(?:java|vb)\s*script\s*:\S*|\bdata:[a-z]+/\S*")
_LINK_REMOVED = "(link removed)"
_MAX_PASSES = 5


def plain_text(value: str) -> str:
    """`value` as plain text: no tags, no entities, no script links, trimmed."""
    text = value
    for _ in range(_MAX_PASSES):
        cleaned = html.unescape(nh3.clean(text, tags=set()))
        if cleaned == text:
            break
        text = cleaned
    else:
        text = html.escape(text, quote=False)
    return _SCRIPT_LINK.sub(_LINK_REMOVED, text).strip()


def one_line(value: str) -> str:
    """`plain_text` with runs of whitespace (YAML folding, line breaks) made single spaces."""
    return " ".join(plain_text(value).split())
