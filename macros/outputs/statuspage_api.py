"""Writing `status.json` and `api/v2/*.json` (the documents come from
`macros.status_document.statuspage`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from macros import urls
from macros.outputs.writing import write_text


def render_json(document: dict[str, Any]) -> str:
    """The file text: stable key order, UTF-8, a trailing newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_api(documents: dict[str, dict[str, Any]], site_dir: Path) -> list[str]:
    """Write `status.json` and the `api/v2` files from `api_documents`; return their
    site addresses."""
    written = [urls.STATUS_JSON, *urls.API_FILES.values()]
    write_text(site_dir, urls.STATUS_JSON, render_json(documents["summary"]))
    for name, address in urls.API_FILES.items():
        write_text(site_dir, address, render_json(documents[name]))
    return written
