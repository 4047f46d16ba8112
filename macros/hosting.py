"""Where the site is served, as `bedside check` sees it in `mkdocs.yml`.

Tools that read Statuspage's API (its status widget, monitoring tools, the
`statuspage` sources of another Bedside) ask for `/api/v2/summary.json` at the
root of the host. A site under a path (`https://org.github.io/bedside/`, a
GitHub Pages project site) serves its pages well, but those tools find
nothing there, so `bedside check` warns and points to the README's hosting
section.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from macros import urls
from macros.paths import display_path
from macros.problems import Problem

CONFIG_NAME = "mkdocs.yml"
_INHERIT_DEPTH = 5


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its `!!python/name:` tags (they become None)."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def configured_site_url(config: Path) -> tuple[str, Path, int] | None:
    """`site_url` from `config` (following INHERIT): the value, its file and line."""
    for _ in range(_INHERIT_DEPTH):
        try:
            text = config.read_text(encoding="utf-8")
            data = yaml.load(text, Loader=_ConfigLoader)
        except (OSError, yaml.YAMLError):
            return None
        if not isinstance(data, dict):
            return None
        if isinstance(data.get("site_url"), str):
            found = re.search(r"^site_url\s*:", text, re.MULTILINE)
            line = text.count("\n", 0, found.start()) + 1 if found else 1
            return data["site_url"], config, line
        parent = data.get("INHERIT")
        if not isinstance(parent, str):
            return None
        config = config.parent / parent
    return None


def site_url_warnings(project_root: Path) -> list[Problem]:
    """A warning when `site_url` has a path, where Statuspage's clients will not look."""
    found = configured_site_url(project_root / CONFIG_NAME)
    if found is None:
        return []
    site_url, config, line = found
    parts = urlsplit(site_url)
    if parts.path.strip("/") == "":
        return []
    root = f"{parts.scheme}://{parts.netloc}/{urls.API_FILES['summary']}"
    return [Problem(display_path(config), line, 1, "site_url", (
        f"the site lives under a path ({parts.path}). Its pages, feeds and calendars work "
        f"there, but tools that read Statuspage's API ask for {root} and find nothing. Serve "
        "the site, or at least its api/v2/ folder, at the root of a host name of its own "
        "(for example status.example.org); README.md, 'Hosting somewhere else', says how"),
        severity="warning")]
