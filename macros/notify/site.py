"""The site's public address, which every link in a notice starts with."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load


class SiteUrlError(Exception):
    """No usable site address; the message says where to set one."""


def site_url(option: str | None, project_root: Path) -> str:
    """`--site-url` if given, else `site_url` from mkdocs.yml; always ends with "/"."""
    source = "--site-url"
    value = option
    if not value:
        config = project_root / "mkdocs.yml"
        source = f"site_url in {config.name}"
        try:
            with config.open(encoding="utf-8") as handle:
                loaded = yaml_load(handle) or {}
        except (OSError, ConfigurationError) as error:
            raise SiteUrlError(f"cannot read {config} ({error}); pass --site-url") from None
        value = loaded.get("site_url") if isinstance(loaded, dict) else None
    parts = urlsplit(str(value or ""))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SiteUrlError(f"{source} must be the site's full address, like "
                           "https://it.eastbrook.example.org/ (links in messages start with it)")
    return str(value).rstrip("/") + "/"
