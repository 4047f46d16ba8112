"""Text people wrote, made safe: HTML for pages and feeds, plain text for everything else.

Text from YAML and from feeds is data. It never passes through Jinja, so
`{{ ... }}` in a message is shown exactly as written, everywhere.

Two kinds of field:

- Formatted fields (an update's message, workaround and data impact; planned
  work's why, benefit, during, contact and steps) allow a little Markdown:
  paragraphs, lists, emphasis and http(s)/mailto links. `rich` gives the HTML
  the pages and the feed bodies show; `plain` gives the same words as plain
  text for status.json, calendars, notifications, the board and the banner.
- Fields shown as written (titles, names, who is affected, descriptions):
  no Markdown. The pages escape them; `as_written` gives them as one line of
  plain text.

How formatting reads in plain text (every channel says the page's sentence):

- Emphasis marks go: "**now**" says "now".
- A link says its text, then its address in brackets, so a reader of an
  email or a calendar can still follow it: "the printing page
  (https://intranet.example/print)". An email link shows the address without
  "mailto:"; nothing is added when the text already is the address. A link
  to anything else (javascript:, data:, ...) is only its text, on the page too.
- Paragraphs are separated by a blank line; list items are lines starting
  with "- ".
- Entities are decoded: "&amp;" says "&".
- HTML typed into the text is not formatting. The page shows it as typed
  (escaped); plain text leaves the tags out, and what is inside script and
  style tags with them, also when they were typed as entities
  ("&lt;script&gt;"), so no channel ever carries a `<script`.
- A script address written as bare text ("javascript:...", "data:text/...")
  is replaced by "(link removed)", on the page and in every channel.

Formatting has a budget, because text pasted in a hurry can be hostile in
time: Python-Markdown scans ahead to the end of the paragraph from every "["
and every run of backticks, and goes one level deeper for every list inside
a list. Text over the budget (`over_budget` says why) is shown as written,
escaped: every word and line break, but no links, lists or bold. The
Markdown parser is never handed it. `bedside check` warns about it.

Characters no field may hold (`unsafe_character`): control characters, a
line break or tab outside a paragraph, halves of a character pair
(surrogates) and the Unicode noncharacters (U+FFFE, U+FDD0, ...). No page,
feed, calendar or badge can carry them, so `bedside check` and the build
refuse them.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ul", "ol", "li", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener noreferrer"
LINK_REMOVED = "(link removed)"

# A link whose address nh3 removed (javascript:, data:, ...) becomes its plain text.
_DEAD_LINK = re.compile(f'<a rel="{LINK_REL}">(.*?)</a>', re.DOTALL)
# A script address written as text, up to a space, quote or bracket that ends it
# (so `<a href="javascript:alert('x')">` typed as text keeps its quotes and brackets).
_SCRIPT_ADDRESS = re.compile(
    r"(?i)\b(?:(?:java|vb)\s*script\s*:|data:[a-z]+/)(?:\([^()\s]*\)|[^\s\"'<>()])*")
_SHOWN_SCHEMES = ("http://", "https://", "mailto:")

# Parts of Markdown a status message does not need, and that surprise people
# (an indented line becoming a code block, "#" becoming a heading, raw HTML).
_BLOCKS_OFF = ("indent", "code", "hashheader", "setextheader", "hr", "quote")
_INLINE_OFF = ("html", "image_link", "image_reference", "short_image_ref")

# Tags whose contents are code or hidden documents, never words for a reader.
_DROP_WITH_CONTENT = {"script", "style", "iframe", "noscript", "template", "object", "embed",
                      "textarea", "select"}
# Tags that end a block of text: what follows starts a new paragraph.
_BLOCK_TAGS = {"p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "pre", "table", "tr", "section", "article", "header", "footer", "dl", "dt",
               "dd", "figure", "figcaption", "hr"}
# Tags that separate words when markup is typed as text ("<p>a</p><p>b</p>").
_WORD_BREAKS = re.compile(r"<\s*(?:br|hr|/?p|/?div|/?li|/?tr|/?td|/?th|/?h[1-6]|/?blockquote)\b",
                          re.IGNORECASE)
_MAX_PASSES = 5  # "&amp;lt;script&amp;gt;" needs two passes to show it is a tag

# The formatting budget. The worst text within it formats in well under a tenth of a
# second (`bedside bench` and tests/test_text_budget.py hold the cases).
MAX_FORMATTED_CHARS = 10_000
MAX_SCAN = 200_000  # per paragraph, ("[" + runs of backticks) x its length, summed
MAX_NESTING = 10  # lists in lists (indentation counts as a level per 4 columns)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SCAN_STARTS = re.compile(r"\[|`+")
_LIST_MARKERS = re.compile(r"(?:(?:[*+-]|\d+\.)[ \t]+)+")


class _NoScriptAddresses(Treeprocessor):
    """Replace bare script addresses in the text (not in link targets, nh3 cleans those)."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.text:
                element.text = _SCRIPT_ADDRESS.sub(LINK_REMOVED, element.text)
            if element.tail:
                element.tail = _SCRIPT_ADDRESS.sub(LINK_REMOVED, element.tail)


def _parser() -> markdown.Markdown:
    parser = markdown.Markdown(output_format="html")
    parser.preprocessors.deregister("html_block")
    for name in _BLOCKS_OFF:
        parser.parser.blockprocessors.deregister(name)
    for name in _INLINE_OFF:
        parser.inlinePatterns.deregister(name)
    parser.treeprocessors.register(_NoScriptAddresses(parser), "no_script_addresses", 5)
    return parser


_PARSER = _parser()


def over_budget(md: str) -> str:
    """Why `md` is too long or too tangled to format, in words ("" when it is not)."""
    if len(md) > MAX_FORMATTED_CHARS:
        return (f"it is {len(md):,} characters long; formatting stops at "
                f"{MAX_FORMATTED_CHARS:,}")
    scan = sum(len(_SCAN_STARTS.findall(block)) * len(block)
               for block in _PARAGRAPH_BREAK.split(md))
    if scan > MAX_SCAN:
        return ('it has too many "[" or "`" for its length; write fewer, or split it '
                "into paragraphs")
    depth = max((_nesting(line) for line in md.split("\n")), default=0)
    if depth > MAX_NESTING:
        return f"it puts lists inside lists {depth} deep; formatting stops at {MAX_NESTING}"
    return ""


def _nesting(line: str) -> int:
    """How deep `line` nests lists: a level per list marker and per 4 columns of indent."""
    expanded = line.expandtabs(4)
    text = expanded.lstrip(" ")
    markers = _LIST_MARKERS.match(text)
    count = len(re.findall(r"[*+-]|\d+\.", markers.group())) if markers else 0
    return (len(expanded) - len(text)) // 4 + count


def rich(md: str) -> Markup:
    """Paragraphs, lists, emphasis and http(s)/mailto links from `md`; nothing else.
    Text over the formatting budget is shown as written (see the module's notes)."""
    return Markup(_rich_html(md)) if md else Markup("")


@functools.lru_cache(maxsize=4096)
def _rich_html(md: str) -> str:
    """The HTML `rich` shows (one text is shown on many pages: it is made once)."""
    if over_budget(md):
        return _as_written_paragraphs(md)
    converted = _PARSER.reset().convert(md)
    clean = nh3.clean(converted, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=URL_SCHEMES, link_rel=LINK_REL)
    return _DEAD_LINK.sub(r"\1", clean).strip()


def _as_written_paragraphs(md: str) -> str:
    """`md` escaped, not formatted: paragraphs and line breaks kept, script addresses out."""
    paragraphs = []
    for block in _PARAGRAPH_BREAK.split(md):
        lines = [_SCRIPT_ADDRESS.sub(LINK_REMOVED, line.strip()) for line in block.split("\n")]
        shown = Markup("<br>\n").join(line for line in lines if line)
        if shown:
            paragraphs.append(Markup("<p>{}</p>").format(shown))
    return str(Markup("\n").join(paragraphs))


def unsafe_character(text: str, *, paragraph: bool) -> tuple[int, str] | None:
    """The first character no field may hold in `text`: its index and what it is, in
    words for the person who wrote it; None when there is none. A paragraph (a
    formatted field) may hold line breaks and tabs."""
    for index, char in enumerate(text):
        said = _unsafe(char, paragraph)
        if said:
            return index, said
    return None


def _unsafe(char: str, paragraph: bool) -> str:
    code = f"U+{ord(char):04X}"
    if char in "\n\t":
        if paragraph:
            return ""
        return "a line break" if char == "\n" else "a tab"
    category = unicodedata.category(char)
    if category in ("Zl", "Zp") and not paragraph:
        return "a line break"
    if category == "Cc":
        written = char.encode("unicode_escape").decode("ascii")
        return f'an invisible control character, {code} (in YAML, "{written}")'
    if category == "Cs":
        return (f"{code}, half of a character pair (an emoji or a rare letter cut in two); "
                "write the whole character")
    if 0xFDD0 <= ord(char) <= 0xFDEF or (ord(char) & 0xFFFE) == 0xFFFE:
        return f"{code}, which is not a character"
    return ""


def rich_inline(md: str) -> Markup:
    """Like `rich`, without the paragraph around a single line (for list items)."""
    shown = str(rich(md))
    if shown.startswith("<p>") and shown.endswith("</p>") and shown.count("<p>") == 1:
        shown = shown[3:-4]
    return Markup(shown)


def plain(md: str) -> str:
    """A formatted field as plain text: the words `rich` shows, with no markup at all."""
    return plain_from_html(rich(md)) if md else ""


def as_written(text: str) -> str:
    """A field shown as written (a title, a name) as one line of plain text, without tags."""
    return one_line(plain_from_html(escape(text))) if text else ""


def one_line(text: str) -> str:
    """`text` with every run of spaces and line breaks made a single space."""
    return " ".join(text.split())


def plain_from_html(markup: str) -> str:
    """HTML (ours, or a supplier's) as plain text, read as `plain` describes."""
    reader = _TextReader()
    reader.feed(nh3.clean(markup, tags=_BLOCK_TAGS | {"a", "br", "li"},
                          clean_content_tags=_DROP_WITH_CONTENT,
                          attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES))
    reader.close()
    return reader.text()


def _without_typed_tags(line: str) -> str:
    """`line` without anything that reads as a tag, even once its entities are decoded."""
    text = line
    for _ in range(_MAX_PASSES):
        cleaned = html.unescape(nh3.clean(_WORD_BREAKS.sub(r" \g<0>", text), tags=set(),
                                          clean_content_tags=_DROP_WITH_CONTENT))
        if cleaned == text:
            break
        text = cleaned
    else:
        text = text.replace("<", "‹").replace(">", "›")
    return one_line(_SCRIPT_ADDRESS.sub(LINK_REMOVED, text))


def _address_shown(href: str) -> str:
    """The address a plain-text link shows: absolute web and email addresses only."""
    if not href.lower().startswith(_SHOWN_SCHEMES):
        return ""
    return href[len("mailto:"):] if href.lower().startswith("mailto:") else href


class _TextReader(HTMLParser):
    """Collects the words of cleaned HTML: blocks, list items and links with their address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[bool, str]] = []  # (is a list item, text)
        self.words: list[str] = []
        self.item = False
        self.links: list[tuple[str, int]] = []  # (address, where its text starts)

    def _end_block(self, *, item: bool = False) -> None:
        lines = [_without_typed_tags(line) for line in "".join(self.words).split("\n")]
        shown = "\n".join(line for line in lines if line)
        if shown:
            self.blocks.append((self.item, f"- {shown}" if self.item else shown))
        self.words, self.item = [], item

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._end_block()
        elif tag == "li":
            self._end_block(item=True)
        elif tag == "br":
            self.words.append("\n")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.words)))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS or tag == "li":
            self._end_block()
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            said = one_line("".join(self.words[start:]))
            address = _address_shown(href)
            if address and one_line(address) != said:
                self.words.append(f" ({address})")

    def handle_data(self, data: str) -> None:
        self.words.append(data.replace("\n", " "))

    def text(self) -> str:
        """The blocks read so far: a blank line between paragraphs, list items line by line."""
        self._end_block()
        parts: list[str] = []
        for number, (item, block) in enumerate(self.blocks):
            if number:
                parts.append("\n" if item and self.blocks[number - 1][0] else "\n\n")
            parts.append(block)
        return "".join(parts)
