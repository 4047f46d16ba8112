"""Pages Bedside adds to the build: one per incident, per planned work, per history page,
per audience, and the wall board and the intranet banner's page.

Each page is a few lines of generated Markdown that call one macro with an id
(`{{ incident_page("2026-11-20-ehr-slow") }}`), so people's text never passes
through Jinja. The pages stay out of the nav and out of the search index, so
every other page stays small however many incidents there are.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from macros import urls
from macros.context import BuildContext
from macros.model import Incident, Maintenance
from macros.render.history import history_pages
from macros.render.text import page_title
from macros.state import UNANNOUNCED
from macros.wording import AUDIENCE_TITLE

ITEM_TEMPLATE = "bedside-item.html"
# The wall board and the banner's <iframe> page stand alone: no header, nav or footer.
STANDALONE_TEMPLATES = {"board": "bedside-board.html", "banner": "bedside-embed.html"}
GENERATED_FOLDERS = (urls.INCIDENTS, urls.MAINTENANCE, urls.HISTORY, urls.AUDIENCES,
                     urls.BOARD, urls.BANNER)


def source_of(url: str) -> str:
    """The Markdown path that gives `url` with directory URLs: "a/b/" -> "a/b.md"."""
    return url.rstrip("/") + ".md"


def url_of(source: str) -> str:
    """The directory URL a Markdown path gives: "a/b.md" -> "a/b/"."""
    return source.removesuffix(".md") + "/"


def page_text(meta: dict, call: str) -> str:
    """Front matter (safely dumped) and a body that is a single macro call."""
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{{{{ {call} }}}}\n"


def _meta(title: str, kind: str) -> dict:
    return {"title": page_title(title), "template": ITEM_TEMPLATE,
            "search": {"exclude": True}, "bedside": kind}


def edit_path(item: Incident | Maintenance, folder: str, config: MkDocsConfig) -> str:
    """The YAML file's path relative to `docs_dir`, for the page's edit link.

    A tree outside the project (tests, previews) is linked as if it were the
    project's own `status/` folder.
    """
    project = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve()
    yaml_file = Path(item.origin.path).resolve() if item.origin else None
    if yaml_file is None or not yaml_file.is_relative_to(project):
        yaml_file = project / "status" / folder / f"{item.id}.yml"
    return posixpath.relpath(yaml_file.as_posix(), docs.as_posix())


def _add(files: Files, config: MkDocsConfig, url: str, text: str,
         edit_uri: str | None = None) -> None:
    file = File.generated(config, source_of(url), content=text,
                          inclusion=InclusionLevel.NOT_IN_NAV)
    if edit_uri:
        file.edit_uri = edit_uri
    files.append(file)


def tighten(html: str, file: File) -> str:
    """`html` without indentation and blank lines when `file` is a generated status
    page (the theme indents generously; these pages must stay under 20 KB).

    Safe because these pages hold no <pre> or <textarea>: people's text goes
    through `macros.render.text`, which never makes code blocks.
    """
    if not file.generated_by or not url_of(file.src_uri).startswith(GENERATED_FOLDERS):
        return html
    return "\n".join(line.strip() for line in html.splitlines() if line.strip()) + "\n"


def add_generated_pages(files: Files, config: MkDocsConfig, context: BuildContext) -> Files:
    """Return `files` with the generated status pages added (kept out of the nav)."""
    tree = context.seen
    for incident in tree.incidents:
        _add(files, config, urls.incident_page(incident.id),
             page_text(_meta(incident.title, "incident"),
                       f"incident_page({json.dumps(incident.id)})"),
             edit_path(incident, "incidents", config))
    for item in tree.maintenance:
        if context.state.phase(item) == UNANNOUNCED:
            continue
        _add(files, config, urls.maintenance_page(item.id),
             page_text(_meta(item.title, "maintenance"),
                       f"maintenance_page({json.dumps(item.id)})"),
             edit_path(item, "maintenance", config))
    for page in history_pages(tree, context.now):
        title = "Past problems and planned work"
        if page.number > 1:
            title += f", page {page.number}"
        _add(files, config, urls.history_page(page.number),
             page_text(_meta(title, "history"), f"history_page({page.number})"))
    for audience in tree.audiences:
        meta = {**_meta(AUDIENCE_TITLE.format(audience=audience.name), "audience"),
                "feeds": {"rss": urls.rss_feed(audience.id), "atom": urls.atom_feed(audience.id),
                          "title": page_title(f"IT status updates for {audience.name}")}}
        _add(files, config, urls.audience_page(audience.id),
             page_text(meta, f"audience_page({json.dumps(audience.id)})"))
    for kind, url, title, call in (("board", urls.BOARD, "IT status board", "board_page()"),
                                   ("banner", urls.BANNER, "IT status banner", "banner_page()")):
        meta = {**_meta(title, kind), "template": STANDALONE_TEMPLATES[kind]}
        _add(files, config, url, page_text(meta, call))
    return files
