"""Everything Bedside adds to a built site: its own status pages, the browser scripts
and stylesheet, and the machine-readable outputs.

The MkDocs plugin calls `write_site` after the build; `bedside render` calls it
after any other generator's build (Zensical), so the status pages and files
are the same whichever built the rest of the site.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape

from macros.context import BuildContext
from macros.outputs import write_outputs
from macros.outputs.writing import write_bytes, write_text
from macros.render.shell import Site
from macros.render.site import status_pages

SITEMAP = "sitemap.xml"


def add_to_sitemap(site_dir: Path, site_url: str, addresses: list[str]) -> None:
    """List `addresses` in the generator's sitemap (and its gzip copy), when it wrote one."""
    path = site_dir / SITEMAP
    if not path.is_file() or not site_url or not addresses:
        return
    entries = "".join(f"    <url>\n         <loc>{escape(site_url.rstrip('/'))}/"
                      f"{escape(address)}</loc>\n    </url>\n" for address in addresses)
    text = path.read_text(encoding="utf-8").replace("</urlset>", entries + "</urlset>", 1)
    write_text(site_dir, SITEMAP, text)
    write_bytes(site_dir, SITEMAP + ".gz", gzip.compress(text.encode("utf-8"), mtime=0))


def write_site(context: BuildContext, site: Site, site_dir: Path) -> list[str]:
    """Write every status page and output file under `site_dir`; return their addresses."""
    written, listed = [], []
    for page in status_pages(context, site):
        write_text(site_dir, f"{page.address}index.html", page.html)
        written.append(page.address)
        if page.listed:
            listed.append(page.address)
    add_to_sitemap(site_dir, site.url, listed)
    return written + write_outputs(context, site_dir)
