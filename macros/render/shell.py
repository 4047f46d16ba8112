"""Bedside's own page shell: the status pages and the home page, light enough for a phone
on ward Wi-Fi.

The playbook keeps Material (its navigation, search and theme). The pages
people open when something is wrong render through `shell.html` instead: one
inline stylesheet (`macros/templates/styles/`, minified once per process), the
status script, no web fonts and no search. The same function renders them
inside an MkDocs build (`docs/overrides/bedside-light.html` calls it for the
two pages in the nav) and for the pages Bedside writes itself, so a page looks
the same whichever way it was made.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from markupsafe import Markup

from macros import urls
from macros.browser_scripts import inline_first
from macros.render.env import TEMPLATES, render

STYLES = TEMPLATES / "styles"
# The stylesheets written into each kind of page, in order.
STYLESHEETS = {
    "page": ("shell.css", "status.css"),
    "board": ("status.css", "board.css"),
    "embed": ("embed.css",),
}
# The site's icon, inline, so a first visit asks for nothing more.
ICON = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E"
        "%3Crect width='32' height='32' rx='6' fill='%234051b5'/%3E"
        "%3Cpath d='M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z' fill='%23fff'/%3E%3C/svg%3E")


@dataclass(frozen=True)
class Site:
    """What every page says about the site itself, from `mkdocs.yml`."""

    name: str
    url: str
    language: str = "en"
    copyright: str = ""
    edit_base: str = ""  # where the IT team edits a file of the repository, by its path
    home: str = ""
    it_team: str = "it-team/"
    nav: tuple[tuple[str, str], ...] = field(default=(
        ("IT status", urls.STATUS_HOME),
        ("Past problems", urls.HISTORY),
        ("How we work", "playbook/"),
    ))

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Site:
        """The site as `mkdocs.yml` describes it."""
        theme = config.get("theme")
        language = (theme.get("language") if theme is not None else None) or "en"
        return cls(name=config.get("site_name") or "", url=config.get("site_url") or "",
                   language=language, copyright=config.get("copyright") or "",
                   edit_base=edit_base(config.get("repo_url") or "",
                                       config.get("edit_uri") or ""))

    def edit_url(self, path: str) -> str:
        """The address where the IT team edits `path` (relative to the repository)."""
        return f"{self.edit_base}{path}" if self.edit_base else ""


def edit_base(repo_url: str, edit_uri: str) -> str:
    """ "https://github.com/org/repo/edit/main/" from the repository and the docs' edit path
    ("edit/main/docs/"): status files live beside docs/, not in it."""
    if not repo_url or not edit_uri or "://" in edit_uri:
        return ""
    branch = edit_uri.strip("/").rsplit("/", 1)[0] if edit_uri.strip("/").count("/") > 1 \
        else edit_uri.strip("/")
    return f"{repo_url.rstrip('/')}/{branch}/"


def minified_css(css: str) -> str:
    """`css` without its comments and indentation: nearly all a minifier saves once the
    page is compressed, and it never touches a string or an icon's SVG. (Our stylesheets
    write no comment marker inside a string.)"""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return "\n".join(line.strip() for line in css.splitlines() if line.strip())


@cache
def stylesheet(kind: str) -> str:
    """The minified stylesheet written into a page of `kind`."""
    css = "\n".join((STYLES / name).read_text(encoding="utf-8") for name in STYLESHEETS[kind])
    return minified_css(css)


@dataclass(frozen=True)
class Feed:
    """A news feed named in the page's head, so feed readers find it."""

    type: str
    title: str
    href: str


def site_feeds(here: str, title: str = "IT status updates",
               audience_id: str | None = None) -> tuple[Feed, ...]:
    """The RSS and Atom feeds (the whole site's, or one audience's) as seen from `here`."""
    return (Feed("application/rss+xml", f"{title} (RSS)",
                 urls.relative(here, urls.rss_feed(audience_id))),
            Feed("application/atom+xml", f"{title} (Atom)",
                 urls.relative(here, urls.atom_feed(audience_id))))


def render_page(site: Site, *, here: str, title: str, body: str, kind: str = "page",
                description: str = "", feeds: tuple[Feed, ...] = (), edit_url: str = "",
                current: str = "", body_class: str = "",
                script: str | None = urls.STATUS_SCRIPT) -> str:
    """The whole HTML page at site address `here` with `body` (HTML) as its content."""
    return render(
        "shell.html", site=site, here=here, title=title, body=Markup(body), kind=kind,
        description=description, feeds=feeds, edit_url=edit_url, current=current,
        body_class=body_class, script=script, styles=Markup(stylesheet(kind)), ICON=Markup(ICON),
        inline_first=Markup(inline_first()),
        canonical=f"{site.url.rstrip('/')}/{here}" if site.url else "",
        href=lambda target: urls.relative(here, target),
    )
