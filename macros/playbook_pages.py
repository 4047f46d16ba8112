"""Titles and addresses of the playbook's pages, for "Related practices".

Read from each page's front matter rather than from the theme's navigation
objects, so the list renders the same under MkDocs and under Zensical.
"""

from __future__ import annotations

from pathlib import Path

import yaml

PLAYBOOK = "playbook"


def front_matter(path: Path) -> dict:
    """The YAML front matter of a Markdown page ({} when it has none or it cannot be read)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    block = text[3:].split("\n---", 1)[0]
    try:
        meta = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def page_address(source: str) -> str:
    """The site-relative address of a page: playbook/x/triage.md -> playbook/x/triage/."""
    stem = source[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def playbook_pages(docs_dir: Path) -> dict[str, dict[str, str]]:
    """Each playbook page by its path in docs/: its title (front matter) and address."""
    pages = {}
    for path in sorted((docs_dir / PLAYBOOK).rglob("*.md")):
        source = path.relative_to(docs_dir).as_posix()
        title = front_matter(path).get("title")
        if isinstance(title, str) and title.strip():
            pages[source] = {"title": title.strip(), "url": page_address(source)}
    return pages


def playbook_link(page: str, project_root: Path | None) -> str:
    """The web address of a playbook page (`playbook/x.md`), for messages in the terminal.

    Its file in docs/ when the site's address (`site_url` in mkdocs.yml) is unknown.
    """
    from macros.notify.site import SiteUrlError, site_url

    if project_root is not None:
        try:
            return site_url(None, project_root) + page_address(page)
        except SiteUrlError:
            pass
    return f"docs/{page}"
