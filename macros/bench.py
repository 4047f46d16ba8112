"""`bedside bench`: how long the build takes as history grows, how heavy the
status page is, whether one slow source holds the others up, and how
`bedside fetch` stands up to 55 hostile and valid sources (`bench_fetch`).

Figures only; nothing here passes or fails. The results are printed as a
table and written as JSON, and compared with the JSON of an earlier run.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from macros import urls
from macros.bench_fetch import bench_hostile, format_hostile
from macros.bench_tree import write_tree
from macros.loader import check_tree
from macros.loopback import CHROMIUM_ARGS, LOOPBACK, StaticServer
from macros.model import Source

BENCH_NOW = "2026-11-20T08:30+00:00"
FORMAT_VERSION = 1
GZIP_LEVEL = 6  # what most web servers use


class BenchError(Exception):
    """The benchmark could not run; the message says why."""


# --- build time as history grows ---------------------------------------------


@dataclass(frozen=True)
class BuildRun:
    """One `mkdocs build --strict` of a generated tree."""

    incidents: int
    seconds: float
    site_bytes: int
    site_files: int
    incident_page_bytes: int
    status_home_bytes: int
    search_index_bytes: int
    nav_links_per_page: int
    generated_pages_in_search: int


def _tree_size(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def _page_file(site: Path, url: str) -> Path:
    return site / url / "index.html"


def _nav_links(site: Path) -> int:
    """How many links the navigation writes into every page (counted on the home page)."""
    return (site / "index.html").read_text(encoding="utf-8").count('class="md-nav__link')


def _generated_in_search(search_index: Path) -> int:
    """Entries of the search index that belong to incident, planned-work or history pages."""
    if not search_index.exists():
        return 0
    docs = json.loads(search_index.read_text(encoding="utf-8")).get("docs", [])
    generated = (urls.INCIDENTS, urls.MAINTENANCE, urls.HISTORY)
    return sum(doc.get("location", "").startswith(generated) for doc in docs)


def time_build(project: Path, tree: Path, site: Path, incidents: int) -> BuildRun:
    """Build the real site against `tree` into `site`, timing the whole command."""
    env = {**os.environ, "BEDSIDE_STATUS_DIR": str(tree), "BEDSIDE_NOW": BENCH_NOW,
           "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
               "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise BenchError(f"the build with {incidents} incidents failed:\n{tail}")
    first = min(p.stem for p in (tree / "incidents").glob("*.yml"))
    size, count = _tree_size(site)
    search_index = site / "search" / "search_index.json"
    return BuildRun(
        incidents=incidents,
        seconds=round(seconds, 2),
        site_bytes=size,
        site_files=count,
        incident_page_bytes=_page_file(site, urls.incident_page(first)).stat().st_size,
        status_home_bytes=_page_file(site, urls.STATUS_HOME).stat().st_size,
        search_index_bytes=search_index.stat().st_size if search_index.exists() else 0,
        nav_links_per_page=_nav_links(site),
        generated_pages_in_search=_generated_in_search(search_index),
    )


def build_series(project: Path, sizes: list[int], workdir: Path) -> list[BuildRun]:
    """Generate and build a tree for each size, printing progress as it goes."""
    runs = []
    for size in sizes:
        tree = write_tree(workdir / f"tree-{size}", size, datetime.fromisoformat(BENCH_NOW))
        checked = check_tree(tree)
        if checked.tree is None:
            raise BenchError("the generated tree is not valid:\n"
                             + "\n".join(str(p) for p in checked.errors[:10]))
        print(f"  building with {size} incidents...", flush=True)
        runs.append(time_build(project, tree, workdir / f"site-{size}", size))
    return runs


# --- page weight of the status home ------------------------------------------


class _Resources(HTMLParser):
    """Collects what a page makes the browser download: styles, scripts, images, icons."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        rel = (values.get("rel") or "").split()
        if tag == "link" and values.get("href") and (
                {"stylesheet", "icon", "preload", "modulepreload"} & set(rel)):
            self.found.append(values["href"] or "")
        elif tag in ("script", "img") and values.get("src"):
            self.found.append(values["src"] or "")


def _kind(path: str) -> str:
    suffix = Path(urlsplit(path).path).suffix.lower()
    return {".html": "html", ".css": "css", ".js": "js"}.get(suffix, "other")


def page_weight(site: Path, page_url: str = urls.STATUS_HOME) -> dict:
    """Bytes of the page and of everything its HTML references, raw and gzipped, by kind."""
    html_file = _page_file(site, page_url)
    parser = _Resources()
    parser.feed(html_file.read_text(encoding="utf-8"))
    base = f"http://{LOOPBACK}/{page_url}"
    weights: dict[str, dict[str, int]] = {}
    external: list[str] = []

    def add(kind: str, data: bytes) -> None:
        entry = weights.setdefault(kind, {"files": 0, "raw": 0, "gzip": 0})
        entry["files"] += 1
        entry["raw"] += len(data)
        entry["gzip"] += len(gzip.compress(data, GZIP_LEVEL))

    add("html", html_file.read_bytes())
    for reference in dict.fromkeys(parser.found):
        if reference.startswith("data:"):
            continue
        address = urlsplit(urljoin(base, reference))
        if address.hostname != LOOPBACK:
            external.append(reference)
            continue
        local = site / address.path.lstrip("/")
        if local.is_file():
            add(_kind(address.path), local.read_bytes())
    total = {"files": sum(w["files"] for w in weights.values()),
             "raw": sum(w["raw"] for w in weights.values()),
             "gzip": sum(w["gzip"] for w in weights.values())}
    return {"page": page_url, "by_kind": weights, "total": total,
            "referenced_requests": total["files"], "external_references": external}


def requests_in_chromium(site: Path, page_url: str = urls.STATUS_HOME,
                         settle_ms: int = 1500) -> dict | None:
    """Load the page in the system chromium and count what it asks for (None without one)."""
    executable = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not executable:
        return None
    seen: list[tuple[str, str]] = []
    blocked: list[str] = []
    with StaticServer(site) as server, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        context = browser.new_context()

        def route(route_) -> None:
            if urlsplit(route_.request.url).hostname == LOOPBACK:
                route_.continue_()
            else:
                blocked.append(route_.request.url)
                route_.abort()

        context.route("**/*", route)
        context.on("request", lambda request: seen.append((request.resource_type, request.url)))
        page = context.new_page()
        page.goto(server.url(page_url), wait_until="networkidle")
        page.wait_for_timeout(settle_ms)
        browser.close()
    by_type: dict[str, int] = {}
    for resource_type, _ in seen:
        by_type[resource_type] = by_type.get(resource_type, 0) + 1
    return {"requests": len(seen), "by_type": by_type, "left_the_host": blocked}


# --- fetch: one slow source must not hold up the rest ------------------------


FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Supplier</title>'
        b"<link>http://127.0.0.1/</link><description>Status</description><item>"
        b"<title>All working</title><link>http://127.0.0.1/1</link>"
        b"<pubDate>Fri, 20 Nov 2026 08:00:00 +0000</pubDate></item></channel></rss>")
SUMMARY = json.dumps({
    "page": {"url": "http://127.0.0.1/"},
    "status": {"indicator": "none", "description": "All Systems Operational"},
    "components": [], "incidents": [], "scheduled_maintenances": [],
}).encode()


class _SourceHandler(BaseHTTPRequestHandler):
    """Answers /<kind>/<delay-ms>/...: waits `delay` ms, then sends a valid answer."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        parts = self.path.strip("/").split("/")
        kind, delay_ms = parts[0], int(parts[1])
        time.sleep(delay_ms / 1000)
        body, content_type = {"feed": (FEED, "application/rss+xml"),
                              "statuspage": (SUMMARY, "application/json")}.get(
            kind, (b"ok", "text/plain"))
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def bench_fetch(sources: int = 20, slow_delays_s: tuple[float, ...] = (1.0, 1.5, 2.0, 2.5, 3.0),
                deadline_s: float = 10.0) -> dict:
    """Read `sources` loopback sources, some slow, with `fetch_all`; compare with the slowest."""
    from macros.fetch.runner import fetch_all, warm_up

    warm_up(wait=True)  # the reading processes' zygote starts once per `bedside fetch`
    kinds = ("http", "feed", "statuspage")
    delays = list(slow_delays_s) + [0.0] * (sources - len(slow_delays_s))
    server = ThreadingHTTPServer((LOOPBACK, 0), _SourceHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://{LOOPBACK}:{server.server_port}"
        config = [Source(id=f"bench-{n:02d}", kind=kinds[n % 3], component="ehr",
                         url=f"{base}/{kinds[n % 3]}/{round(delay * 1000)}/source-{n}",
                         timeout_s=5.0)
                  for n, delay in enumerate(delays)]
        started = time.perf_counter()
        outcomes = fetch_all(config, deadline_s)
        wall = time.perf_counter() - started
    finally:
        server.shutdown()
        server.server_close()
    slowest = max(delays)
    return {
        "sources": sources, "slow_sources": len(slow_delays_s),
        "slowest_source_s": slowest, "all_one_after_another_s": round(sum(delays), 2),
        "wall_s": round(wall, 3), "overhead_s": round(wall - slowest, 3),
        "read_ok": sum(not o.failed for o in outcomes),
        "failed": [f"{o.source.id}: {o.error}" for o in outcomes if o.failed],
    }


# --- the run, the table and the comparison -----------------------------------


def environment() -> dict:
    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {"python": platform.python_version(), "machine": platform.machine(),
            "cpus": os.cpu_count(), "mkdocs": version("mkdocs"),
            "mkdocs-material": version("mkdocs-material")}


def growth(runs: list[BuildRun]) -> list[dict]:
    """Each size against the previous one: time ratio beside size ratio, and time per incident."""
    steps = []
    for small, big in itertools.pairwise(runs):
        steps.append({
            "from": small.incidents, "to": big.incidents,
            "size_ratio": round(big.incidents / small.incidents, 2),
            "time_ratio": round(big.seconds / small.seconds, 2),
            "ms_per_added_incident": round(
                1000 * (big.seconds - small.seconds) / (big.incidents - small.incidents), 2),
        })
    return steps


def run_fetch_bench(hostile_runs: int = 3) -> tuple[dict, dict]:
    """The fetch figures: 20 loopback sources, some slow; then the hostile mix of 55."""
    print("  reading 20 loopback sources...", flush=True)
    fetch = bench_fetch()
    return fetch, bench_hostile(runs=hostile_runs)


def run_bench(project: Path, sizes: list[int], *, skip_fetch: bool = False,
              keep: Path | None = None) -> dict:
    """Run every measurement and return the results (the JSON written to disk)."""
    sizes = sorted(set(sizes))
    workdir = Path(tempfile.mkdtemp(prefix="bedside-bench-")) if keep is None else keep
    try:
        runs = build_series(project, sizes, workdir)
        weight_site = workdir / f"site-{sizes[0]}"
        print("  weighing the status page...", flush=True)
        weight = page_weight(weight_site)
        weight["loaded_in_chromium"] = requests_in_chromium(weight_site)
        fetch = hostile = None
        if not skip_fetch:
            fetch, hostile = run_fetch_bench()
    finally:
        if keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return {
        "format": FORMAT_VERSION,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "environment": environment(),
        "builds": [asdict(run) for run in runs],
        "growth": growth(runs),
        "page_weight": weight,
        "fetch": fetch,
        "fetch_hostile": hostile,
    }


def _kb(size: int) -> str:
    return f"{size / 1000:,.1f} KB" if size < 1_000_000 else f"{size / 1_000_000:,.1f} MB"


def _rows(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows,
                                                                       strict=False)]
    line = "  ".join(f"{{:>{w}}}" for w in widths)
    return [line.format(*headers), line.format(*("-" * w for w in widths)),
            *(line.format(*row) for row in rows)]


def format_report(results: dict) -> str:
    """The results as plain-text tables."""
    out = ["Build time as history grows (mkdocs build --strict, whole site)"]
    out += _rows(["incidents", "seconds", "site", "files", "incident page", "status home",
                  "search index", "nav links", "generated in search"],
                 [[str(b["incidents"]), f"{b['seconds']:.2f}", _kb(b["site_bytes"]),
                   str(b["site_files"]), _kb(b["incident_page_bytes"]),
                   _kb(b["status_home_bytes"]), _kb(b["search_index_bytes"]),
                   str(b["nav_links_per_page"]), str(b["generated_pages_in_search"])]
                  for b in results["builds"]])
    out.append("Nav links and generated pages in search must not grow with the incidents "
               "(every nav entry is written into every page; search loads on every page).")
    if results["growth"]:
        out += ["", "Growth (linear: time ratio = size ratio, minus the fixed start-up cost)"]
        out += _rows(["sizes", "size ratio", "time ratio", "ms per added incident"],
                     [[f"{g['from']} -> {g['to']}", f"{g['size_ratio']:g}",
                       f"{g['time_ratio']:.2f}", f"{g['ms_per_added_incident']:.2f}"]
                      for g in results["growth"]])
        by_size = {b["incidents"]: b["seconds"] for b in results["builds"]}
        if 1000 in by_size and 5000 in by_size:
            out.append(f"t5000/t1000 = {by_size[5000] / by_size[1000]:.2f} (linear is about 5)")
    weight = results["page_weight"]
    out += ["", f"Page weight of the status home ({weight['page']}, built with "
                f"{results['builds'][0]['incidents']} incidents)"]
    kinds = sorted(weight["by_kind"].items())
    out += _rows(["kind", "files", "raw", "gzip"],
                 [[kind, str(w["files"]), _kb(w["raw"]), _kb(w["gzip"])] for kind, w in kinds]
                 + [["total", str(weight["total"]["files"]), _kb(weight["total"]["raw"]),
                     _kb(weight["total"]["gzip"])]])
    out.append(f"Requests referenced by the HTML: {weight['referenced_requests']}"
               f"; references to other hosts: {len(weight['external_references'])}")
    loaded = weight.get("loaded_in_chromium")
    if loaded:
        detail = ", ".join(f"{k} {v}" for k, v in sorted(loaded["by_type"].items()))
        out.append(f"Requests made when loaded in chromium: {loaded['requests']} ({detail}); "
                   f"left the host: {len(loaded['left_the_host'])}")
    else:
        out.append("Requests made in a browser: not measured (no chromium or playwright)")
    out += format_fetch(results.get("fetch"), results.get("fetch_hostile"))
    return "\n".join(out)


def format_fetch(fetch: dict | None, hostile: dict | None) -> list[str]:
    """The fetch figures as plain-text tables: 20 sources, some slow; the hostile mix."""
    out: list[str] = []
    if fetch:
        out += ["", f"Fetch: {fetch['sources']} loopback sources, {fetch['slow_sources']} slow"]
        out += _rows(["wall time", "slowest source", "one after another", "overhead", "read"],
                     [[f"{fetch['wall_s']:.2f} s", f"{fetch['slowest_source_s']:.2f} s",
                       f"{fetch['all_one_after_another_s']:.2f} s",
                       f"{fetch['overhead_s']:+.2f} s",
                       f"{fetch['read_ok']}/{fetch['sources']}"]])
        out += [f"  failed: {line}" for line in fetch["failed"]]
    if hostile:
        out += ["", *format_hostile(hostile)]
    return out


def _change(old: float, new: float) -> str:
    if not old:
        return "new"
    return f"{(new - old) / old * 100:+.0f}%"


def format_comparison(previous: dict, current: dict) -> str:
    """What changed since `previous`: each figure before and after, with the change."""
    rows: list[list[str]] = []
    old_builds = {b["incidents"]: b for b in previous.get("builds", [])}
    for build in current["builds"]:
        old = old_builds.get(build["incidents"])
        if not old:
            continue
        for key, label in (("seconds", "build s"), ("site_bytes", "site bytes"),
                           ("incident_page_bytes", "incident page bytes"),
                           ("status_home_bytes", "status home bytes")):
            rows.append([f"{build['incidents']} incidents: {label}", f"{old[key]:,}",
                         f"{build[key]:,}", _change(old[key], build[key])])
    old_weight = previous.get("page_weight", {}).get("total")
    if old_weight:
        new_weight = current["page_weight"]["total"]
        for key in ("raw", "gzip", "files"):
            rows.append([f"status home {key}", f"{old_weight[key]:,}", f"{new_weight[key]:,}",
                         _change(old_weight[key], new_weight[key])])
    if previous.get("fetch") and current.get("fetch"):
        old_fetch, new_fetch = previous["fetch"], current["fetch"]
        rows.append(["fetch wall s", f"{old_fetch['wall_s']}", f"{new_fetch['wall_s']}",
                     _change(old_fetch["wall_s"], new_fetch["wall_s"])])
    if previous.get("fetch_hostile") and current.get("fetch_hostile"):
        for key, label in (("wall_s", "hostile mix: worst wall s"),
                           ("peak_pss_bytes", "hostile mix: worst peak PSS bytes")):
            old = max(r[key] for r in previous["fetch_hostile"]["runs"])
            new = max(r[key] for r in current["fetch_hostile"]["runs"])
            rows.append([label, f"{old:,}", f"{new:,}", _change(old, new)])
    if not rows:
        return "Nothing to compare with the earlier run (different sizes)."
    return "\n".join([f"Compared with the run of {previous.get('when', 'an earlier date')}",
                      *_rows(["figure", "before", "now", "change"], rows)])


def read_previous(path: Path) -> dict | None:
    """The results of an earlier run at `path`, or None when there is none we can read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT_VERSION else None


def write_results(path: Path, results: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
