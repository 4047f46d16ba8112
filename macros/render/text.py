"""Page-specific text helpers. People's text itself is made safe by `macros.text`."""

from __future__ import annotations

from markupsafe import escape


def page_title(text: str) -> str:
    """A title safe for the theme's <title> and header, which print it without escaping.

    The title is HTML-escaped, so "A&E printers" reads "A&E printers" and tags
    show as typed, and its braces become character references, so
    mkdocs-macros finds no `{{` in it to evaluate.
    """
    shown = str(escape(" ".join(text.split())))
    return shown.replace("{", "&#123;").replace("}", "&#125;")
