"""Reading built pages in tests: a small element tree over the standard library's HTML parser.

`parse` gives the whole page; `content` its main content (Material's article or
the light shell's <main>);
`status_root` the status page inside it. A `Node` knows its tag, attributes,
parent and children, and the text a reader sees in it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from tests.helpers import Build

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# Elements a reader sees as separate lines: their text never runs together.
BLOCKS = {"address", "article", "br", "dd", "details", "div", "dl", "dt", "h1", "h2", "h3", "h4",
          "h5", "h6", "li", "nav", "ol", "p", "section", "summary", "td", "th", "tr", "ul"}
# Never read out as words: scripts, styles and the "¶" link beside a heading.
UNREAD_TAGS = {"script", "style"}
UNREAD_CLASS = "headerlink"


@dataclass(eq=False)
class Node:
    """An element of a parsed page, with just enough of a DOM for the tests."""

    tag: str
    attrs: dict[str, str]
    parent: Node | None = field(default=None, repr=False)
    children: list[Node | str] = field(default_factory=list, repr=False)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        """The element's text with white space collapsed, as a reader sees it."""
        parts: list[str] = []

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, str):
                    parts.append(child)
                elif child.tag not in UNREAD_TAGS and UNREAD_CLASS not in child.classes:
                    gap = " " if child.tag in BLOCKS else ""
                    parts.append(gap)
                    walk(child)
                    parts.append(gap)

        walk(self)
        return " ".join("".join(parts).split())

    def iter(self) -> Iterator[Node]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None,
                 **attrs: str) -> list[Node]:
        """Elements with `tag`, the class `cls` and the given attribute values.

        Attribute names are written as keywords: `data_state="x"` matches
        data-state="x", and a trailing underscore is dropped (`for_="x"`).
        """
        found = []
        for node in self.iter():
            if tag and node.tag != tag:
                continue
            if cls and cls not in node.classes:
                continue
            if any(node.attrs.get(k.rstrip("_").replace("_", "-")) != v
                   for k, v in attrs.items()):
                continue
            found.append(node)
        return found

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        """The first matching element; fails the test when there is none."""
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'}> with class {cls!r} and {attrs} on the page"
        return found[0]

    def by_id(self, element_id: str) -> Node:
        return self.find(id=element_id)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v if v is not None else "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    """A page's element tree."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def content(build: Build, url: str) -> Node:
    """The main content of the page at `url`: what Material puts in the article, or the
    <main> of Bedside's light shell (the status pages and the home page)."""
    page = parse(build.page(url))
    found = page.find_all("article", "md-content__inner") or page.find_all("main")
    assert found, f"{url or 'the home page'} has no main content"
    return found[0]


def status_root(build: Build, url: str = "status/") -> Node:
    """The status page's own block inside the page at `url`."""
    return content(build, url).find("div", "bedside-status")


def facts(card: Node) -> dict[str, str]:
    """A status card's "label -> answer" pairs."""
    return {pair.find("dt").text(): pair.find("dd").text()
            for pair in card.find("dl", "bedside-facts").find_all("div")
            if pair.find_all("dt")}
