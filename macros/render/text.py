"""Text people wrote, made safe to show: a little Markdown, no raw HTML, no code.

YAML and feed text is data. It goes through a Markdown parser with raw HTML
and the block types a status message never needs switched off, then through
nh3 with a short list of allowed tags and link schemes. It never passes
through Jinja, so `{{ ... }}` in a message is shown exactly as written.
"""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer"
# A link whose address nh3 removed (javascript:, data:, ...) becomes its plain text.
_DEAD_LINK = re.compile(f'<a rel="{LINK_REL}">(.*?)</a>', re.DOTALL)

# Parts of Markdown a status message does not need, and that surprise people
# (an indented line becoming a code block, "#" becoming a heading, raw HTML).
_BLOCKS_OFF = ("indent", "code", "hashheader", "setextheader", "hr", "quote")
_INLINE_OFF = ("html", "image_link", "image_reference", "short_image_ref")


def _parser() -> markdown.Markdown:
    parser = markdown.Markdown(output_format="html")
    parser.preprocessors.deregister("html_block")
    for name in _BLOCKS_OFF:
        parser.parser.blockprocessors.deregister(name)
    for name in _INLINE_OFF:
        parser.inlinePatterns.deregister(name)
    return parser


_PARSER = _parser()


def rich(text: str) -> Markup:
    """Paragraphs, lists, emphasis and http(s)/mailto links from `text`; nothing else."""
    if not text:
        return Markup("")
    html = _PARSER.reset().convert(text)
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=URL_SCHEMES, link_rel=LINK_REL)
    return Markup(_DEAD_LINK.sub(r"\1", clean).strip())


def rich_inline(text: str) -> Markup:
    """Like `rich`, without the paragraph around a single line (for list items)."""
    html = str(rich(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def plain(text: str) -> Markup:
    """`text` escaped, with no formatting at all (titles, names, who is affected)."""
    return escape(text)


_UNSAFE_IN_TITLES = re.compile(r"[<>{}]")


def page_title(text: str) -> str:
    """A title safe for the theme's <title> and header, which do not escape it.

    The theme prints page titles without escaping and mkdocs-macros evaluates
    `{{` in them, so brackets and braces are removed and "&" is spelled out.
    The page itself shows the exact title in its own heading.
    """
    cleaned = _UNSAFE_IN_TITLES.sub("", text.replace("&", " and "))
    return re.sub(r"\s+", " ", cleaned).strip()
