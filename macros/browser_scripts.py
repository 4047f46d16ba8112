"""The browser scripts' sources and how they are written out: minified, ASCII only.

The sources live in `macros/templates/scripts/`. `status/status.js`,
`status/banner.js` and `sw.js` (`macros.outputs.assets`) and the small script
written inline in each status page (`macros.render.shell`) are all put
together here, so the same source file behaves the same wherever it runs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jsmin

SOURCES = Path(__file__).resolve().parent / "templates" / "scripts"


def source(name: str) -> str:
    """The text of `macros/templates/scripts/<name>`."""
    return (SOURCES / name).read_text(encoding="utf-8")


def ascii_script(source: str) -> str:
    """JavaScript source with every character outside ASCII written as a `\\uXXXX` escape.

    The script then reads the same on a host page that declares no charset or
    another one (instead of "â€”" for a dash). The escape is valid in strings,
    regular expressions, template literals and identifiers alike, and harmless
    in comments; characters beyond U+FFFF become their two UTF-16 halves.
    """
    out = []
    for char in source:
        if char.isascii():
            out.append(char)
            continue
        data = char.encode("utf-16-be")
        out.extend(f"\\u{int.from_bytes(data[i:i + 2], 'big'):04x}" for i in range(0, len(data), 2))
    return "".join(out)


def minified(script: str) -> str:
    """`script` minified (jsmin) and ASCII only."""
    return ascii_script(jsmin.jsmin(script))


@cache
def inline_first() -> str:
    """What runs before a status page is first drawn, written inline at its end: times in
    the reader's zone (times.js) and the print button (print.js), so nothing on the page
    moves once it is shown. status.js keeps the times current afterwards."""
    return minified("(function () {\n\"use strict\";\n" + source("times.js")
                    + source("print.js") + "\nlocaliseTimes(Date.now());\nlabelSiteTimes();"
                    "\nenablePrinting();\n})();")
