"""Text made fit for each output format's own rules, whatever reached the writer.

`bedside check` refuses control characters in people's text, and
`macros.text` cleans markup, but a writer must never depend on either: a
character that XML or iCalendar forbids would crash the build or break the
file for every reader. Each writer passes every string through the function
for its format, and the format's library escapes the rest (ElementTree and
lxml escape `<` and `&`, icalendar's `vText` escapes `\\n`, `,` and `;`).
"""

from __future__ import annotations

import re

# What XML 1.0 forbids (C0 controls but tab and line breaks, surrogates, U+FFFE and
# U+FFFF), and what iCalendar's TEXT forbids besides (DEL). Both formats get both.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n?")


def clean_text(text: str) -> str:
    """`text` without characters XML and iCalendar forbid; line breaks become "\\n"."""
    return _FORBIDDEN.sub("", _LINE_BREAKS.sub("\n", text))


def one_line(text: str) -> str:
    """`clean_text` on one line: every run of spaces and line breaks is one space.

    For names and titles, where a line break could start a new iCalendar
    property or an RSS reader would show it raw."""
    return " ".join(clean_text(text).split())
