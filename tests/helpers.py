"""Shared helpers for tests: building the site against a chosen status tree."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TREES = FIXTURES / "trees"

# The clock each fixture tree is built at: the moment its story is told.
CLOCKS = {
    "all-well": "2026-11-20T08:30+00:00",
    "major-outage": "2026-11-20T08:30+00:00",
    "maintenance-in-progress": "2026-11-30T19:00+00:00",
    "upcoming-maintenance": "2026-11-20T09:00+00:00",
    "cancelled-maintenance": "2026-11-20T09:00+00:00",
    "stale-feeds": "2026-11-20T08:30+00:00",
    "long-history": "2026-11-20T08:30+00:00",
}


@dataclass
class Build:
    """The outcome of one `mkdocs build --strict`."""

    returncode: int
    output: str
    site: Path

    def page(self, url: str) -> str:
        """The HTML of the page at site-relative `url` (e.g. "status/")."""
        path = self.site / url
        if url.endswith("/") or not url:
            path = path / "index.html"
        return path.read_text(encoding="utf-8")


def copy_tree(name: str, dest: Path) -> Path:
    """Copy fixture status tree `name` into `dest` and return its path."""
    target = dest / name
    shutil.copytree(TREES / name, target)
    return target


def bedside_files(site: Path) -> set[str]:
    """Every file of a built site under the folders and names Bedside writes (its pages and
    outputs, and the generator's pages under status/)."""
    found = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    ours = ("status/", "api/", "status.json", "assets/stylesheets/bedside.css")
    return {f for f in found if f.startswith(ours)}


def generator_pages() -> set[str]:
    """The pages under status/ the site generator builds from docs/ (Bedside writes the rest)."""
    return {("status/" if p.stem == "index" else f"status/{p.stem}/") + "index.html"
            for p in (REPO / "docs" / "status").glob("*.md")}


def build_site(out_dir: Path, status_dir: Path | None = None, now: str | None = None,
               config: Path = REPO / "mkdocs.yml", env: dict[str, str] | None = None) -> Build:
    """Run a strict build of `config` into `out_dir/site` and return what happened."""
    site = out_dir / "site"
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    full_env.pop("BEDSIDE_STATUS_DIR", None)
    full_env.pop("BEDSIDE_NOW", None)
    full_env.pop("GITHUB_ACTIONS", None)
    if status_dir is not None:
        full_env["BEDSIDE_STATUS_DIR"] = str(status_dir)
    if now is not None:
        full_env["BEDSIDE_NOW"] = now
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
         "-d", str(site)],
        capture_output=True, text=True, env=full_env, cwd=config.parent, timeout=600,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


def first_visit_gzip(build: Build, url: str) -> int:
    """Bytes (gzip, as a web server sends them) a first visit of `url` downloads: the page,
    what its HTML loads, and status.json, which its script reads at once."""
    from macros import urls
    from macros.bench import GZIP_LEVEL, page_weight

    total = page_weight(build.site, url)["total"]["gzip"]
    if "data-status-json=" in build.page(url):
        total += len(gzip.compress((build.site / urls.STATUS_JSON).read_bytes(), GZIP_LEVEL))
    return total
