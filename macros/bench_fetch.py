"""`bedside bench`, fetch part: 55 hostile and valid sources at once, as `bedside fetch` meets them.

A loopback server plays every kind of bad source we know of (hanging, dripping,
flooding, gzip bombs, XML entity bombs, feeds built to keep a parser busy, JSON
that unpacks to hundreds of megabytes, redirect loops and redirects into our own
network, damaged and wrong answers) beside valid ones, among them a valid feed of
10 MB. `bedside fetch --deadline 15` runs as its own process, as the publish
workflow runs it, and is measured from its start: wall time, the peak memory of
its whole process tree (sampled from /proc: the sum of each process's
proportional share, PSS, which counts memory shared between the processes once,
and the plain sum of resident sizes, RSS, which counts it in every process), and
whether every valid source was read.

Figures only: nothing here passes or fails.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from macros.loopback import LOOPBACK

HOSTILE_DEADLINE_S = 15.0
SAMPLE_EVERY_S = 0.05
BIG_FEED_ENTRIES = 40_000
BIG_FEED_SEED = 14
SAMPLE_COMPONENTS = Path(__file__).parent / "samples" / "status" / "components.yml"


@dataclass(frozen=True)
class Case:
    """One kind of source in the mix: how many, which kind, where, and whether it is valid."""

    name: str
    kind: str
    path: str
    count: int
    valid: bool


MIX = (
    Case("check", "http", "/ok", 4, True),
    Case("rss", "feed", "/rss", 3, True),
    Case("atom", "feed", "/atom", 2, True),
    Case("statuspage", "statuspage", "/sp", 3, True),
    Case("big-feed", "feed", "/big", 1, True),
    Case("gzipped", "feed", "/gz", 1, True),
    Case("moved", "feed", "/moved", 1, True),
    Case("hang", "http", "/hang", 3, False),
    Case("hang-feed", "feed", "/hang", 2, False),
    Case("drip", "feed", "/drip", 4, False),
    Case("gzip-bomb", "feed", "/bomb", 3, False),
    Case("flood", "feed", "/flood", 3, False),
    Case("declared", "feed", "/declared", 2, False),
    Case("entities", "feed", "/laughs", 4, False),
    Case("busy-parser", "feed", "/busy", 3, False),
    Case("memory-bomb", "statuspage", "/greedy", 2, False),
    Case("to-loopback", "feed", "/internal", 3, False),
    Case("loop", "feed", "/loop", 2, False),
    Case("error", "feed", "/error", 2, False),
    Case("junk", "feed", "/junk", 2, False),
    Case("deep-json", "statuspage", "/deep", 2, False),
    Case("web-page", "feed", "/page", 2, False),
    Case("damaged-xml", "feed", "/mess", 1, False),
)


def _rss(items: list[str]) -> bytes:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Service health</title>'
            '<link>http://127.0.0.1/</link>' + "".join(items) + "</channel></rss>").encode()


def _item(title: str, when: datetime, extra: str = "") -> str:
    return (f"<item><title>{title}</title><link>https://status.example.com/{abs(hash(title))}"
            f"</link><description>We are looking into it.{extra}</description>"
            f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate></item>")


class _Bodies:
    """Every answer the server gives, made once."""

    def __init__(self, now: datetime) -> None:
        rng = random.Random(BIG_FEED_SEED)
        self.big_times = [now - timedelta(minutes=rng.randrange(60 * 24 * 400))
                          for _ in range(BIG_FEED_ENTRIES)]
        self.big = _rss([_item(f"Notice {n}: some users see mail delays", when)
                         for n, when in enumerate(self.big_times)])
        newest = max(range(BIG_FEED_ENTRIES), key=lambda n: self.big_times[n])
        self.big_newest = f"Notice {newest}: some users see mail delays"
        self.rss = _rss([_item("Outlook is slow for some users", now - timedelta(minutes=20))])
        self.atom = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
                     "<title>Status</title><id>urn:x</id><updated>"
                     f"{now.isoformat()}</updated><entry><title>Teams calls drop</title>"
                     "<id>urn:x:1</id><link href='https://status.example.com/t'/>"
                     f"<updated>{now.isoformat()}</updated><summary>Some calls drop."
                     "</summary></entry></feed>").encode()
        self.summary = json.dumps({
            "page": {"url": "https://payroll.example.com/"},
            "status": {"indicator": "none", "description": "All Systems Operational"},
            "components": [{"name": "Payslips", "status": "operational"}],
            "incidents": [], "scheduled_maintenances": []}).encode()
        self.gzipped = gzip.compress(self.rss)
        packer = zlib.compressobj(9, zlib.DEFLATED, 31)
        zeros = bytes(1_000_000)
        self.bomb = b"".join(packer.compress(zeros) for _ in range(100)) + packer.flush()
        self.laughs = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">'
                       + "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
                       + ']><rss version="2.0"><channel><title>&l9;</title></channel></rss>'
                       ).encode()
        self.busy = (b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>'
                     + b"<a " * 160_000)  # tags that never close: many seconds of feedparser
        self.greedy = b"[" + b"[]," * 3_300_000 + b"[]]"
        self.deep = b"[" * 200_000
        self.junk = random.Random(3).randbytes(200_000)
        self.page = b"<!doctype html><html><body><h1>Service health</h1></body></html>"
        self.mess = _rss([_item(f"Notice {n} & more <b>", now) for n in range(12_000)])


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # all 55 sources connect at once; the default of 5 drops some

    def __init__(self, bodies: _Bodies) -> None:
        self.bodies = bodies
        self.stopping = threading.Event()
        super().__init__((LOOPBACK, 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        bodies = self.server.bodies
        path = "/" + self.path.strip("/").split("/")[0]
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(path, bodies)

    def _answer(self, path: str, bodies: _Bodies) -> None:
        simple = {"/ok": (b"ok", "text/plain"), "/rss": (bodies.rss, "application/rss+xml"),
                  "/atom": (bodies.atom, "application/atom+xml"),
                  "/sp": (bodies.summary, "application/json"),
                  "/big": (bodies.big, "application/rss+xml"),
                  "/laughs": (bodies.laughs, "application/rss+xml"),
                  "/busy": (bodies.busy, "application/rss+xml"),
                  "/greedy": (bodies.greedy, "application/json"),
                  "/deep": (bodies.deep, "application/json"),
                  "/junk": (bodies.junk, "application/octet-stream"),
                  "/page": (bodies.page, "text/html"),
                  "/mess": (bodies.mess, "application/rss+xml")}
        if path in simple:
            self._send(*simple[path])
        elif path == "/gz":
            self._send(bodies.gzipped, "application/rss+xml", {"Content-Encoding": "gzip"})
        elif path == "/bomb":
            self._send(bodies.bomb, "application/rss+xml", {"Content-Encoding": "gzip"})
        elif path in ("/moved", "/loop", "/internal"):
            target = {"/moved": "/rss/moved", "/loop": self.path,
                      "/internal": f"http://{LOOPBACK}:{self.server.server_port}/rss/secret"}
            self.send_response(302)
            self.send_header("Location", target[path])
            self.end_headers()
        elif path == "/error":
            self.send_error(500)
        elif path == "/hang":
            self.server.stopping.wait(30)
        elif path == "/drip":
            self._stream(b" ", pause=0.2)
        elif path == "/flood":
            self._stream(b"x" * 1_000_000, pause=0.0, times=50)
        elif path == "/declared":
            self.send_response(200)
            self.send_header("Content-Length", "50000000")
            self.end_headers()
            self.wfile.write(b"x" * 1_000_000)
        else:
            self.send_error(404)

    def _send(self, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, chunk: bytes, pause: float, times: int = 10_000) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
        for _ in range(times):
            if self.server.stopping.wait(pause):
                return
            self.wfile.write(chunk)
            self.wfile.flush()


@dataclass(frozen=True)
class HostileRun:
    """One run of `bedside fetch` against the mix."""

    wall_s: float
    peak_pss_bytes: int
    peak_rss_sum_bytes: int
    peak_processes: int
    valid_read: int
    valid_total: int
    big_feed_newest_first: bool
    load_average: float  # of the machine over the last minute, when the run started
    missed: list[str]


def _sources_yaml(base: str) -> tuple[str, list[str]]:
    lines, valid = ["sources:"], []
    for case in MIX:
        for n in range(case.count):
            source_id = f"{case.name}-{n + 1}"
            host = base.replace(LOOPBACK, "localhost") if case.name == "to-loopback" else base
            lines += [f"  - id: {source_id}", f"    kind: {case.kind}",
                      f"    url: {host}{case.path}/{n}", "    component: ehr"]
            if case.valid:
                valid.append(source_id)
    return "\n".join(lines) + "\n", valid


def _tree(root: Path, base: str) -> list[str]:
    (root / "incidents").mkdir(parents=True)
    (root / "maintenance").mkdir()
    shutil.copy(SAMPLE_COMPONENTS, root / "components.yml")
    text, valid = _sources_yaml(base)
    (root / "sources.yml").write_text(text, encoding="utf-8")
    return valid


def _tree_pids(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
                todo += [int(p) for p in children.read().split()]
        except OSError:
            continue
    return pids


def _memory(pids: list[int]) -> tuple[int, int]:
    """(sum of PSS, sum of RSS) in bytes over `pids`."""
    pss = rss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            continue
    return pss, rss


def _one_run(bedside: Path, tree: Path, valid: list[str], bodies: _Bodies,
             deadline_s: float) -> HostileRun:
    snapshot = tree / "snapshot.json"
    snapshot.unlink(missing_ok=True)
    peak = {"pss": 0, "rss": 0, "processes": 0}
    load = os.getloadavg()[0]
    started = time.monotonic()
    command = subprocess.Popen(
        [str(bedside), "fetch", "--dir", str(tree), "--deadline", f"{deadline_s:g}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def sample() -> None:
        while command.poll() is None:
            pids = _tree_pids(command.pid)
            pss, rss = _memory(pids)
            peak["pss"], peak["rss"] = max(peak["pss"], pss), max(peak["rss"], rss)
            peak["processes"] = max(peak["processes"], len(pids))
            time.sleep(SAMPLE_EVERY_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = command.communicate()
    wall = time.monotonic() - started
    sampler.join()
    read_ok = {line.split()[1] for line in output.splitlines() if line.startswith("ok ")}
    newest = ""
    if snapshot.exists():
        entries = json.loads(snapshot.read_text())["sources"].get("big-feed-1", {}).get(
            "entries", [])
        newest = entries[0]["title"] if entries else ""
    return HostileRun(
        wall_s=round(wall, 2), peak_pss_bytes=peak["pss"], peak_rss_sum_bytes=peak["rss"],
        peak_processes=peak["processes"], valid_read=len(read_ok & set(valid)),
        valid_total=len(valid), big_feed_newest_first=newest == bodies.big_newest,
        load_average=round(load, 1),
        missed=[line for line in output.splitlines()
                if line.split()[1:2] and line.split()[1] in set(valid) - read_ok])


def bench_hostile(runs: int = 3, deadline_s: float = HOSTILE_DEADLINE_S) -> dict:
    """Run `bedside fetch` `runs` times against the 55-source mix; the figures of each run."""
    bedside = Path(sys.executable).with_name("bedside")
    bodies = _Bodies(datetime.now(UTC).replace(microsecond=0))
    server = _Server(bodies)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    workdir = Path(tempfile.mkdtemp(prefix="bedside-bench-fetch-"))
    try:
        valid = _tree(workdir / "status", f"http://{LOOPBACK}:{server.server_port}")
        results = []
        for number in range(runs):
            print(f"  bedside fetch against {sum(c.count for c in MIX)} hostile and valid "
                  f"sources, run {number + 1} of {runs}...", flush=True)
            results.append(_one_run(bedside, workdir / "status", valid, bodies, deadline_s))
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        shutil.rmtree(workdir, ignore_errors=True)
    return {"sources": sum(c.count for c in MIX), "valid": len(valid),
            "deadline_s": deadline_s, "runs": [asdict(r) for r in results]}


def _mb(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB"


def format_hostile(hostile: dict) -> list[str]:
    """The hostile mix's figures as table rows (for `bench.format_report`)."""
    rows = [f"Fetch under fire: {hostile['sources']} sources at once ({hostile['valid']} valid), "
            f"bedside fetch --deadline {hostile['deadline_s']:g}, measured from its start"]
    headers = ["run", "wall time", "peak memory (PSS)", "(RSS summed)", "processes",
               "valid read", "10 MB feed newest", "machine load"]
    table = [[str(n), f"{r['wall_s']:.2f} s", _mb(r["peak_pss_bytes"]),
              _mb(r["peak_rss_sum_bytes"]), str(r["peak_processes"]),
              f"{r['valid_read']}/{r['valid_total']}",
              "yes" if r["big_feed_newest_first"] else "no", f"{r['load_average']:g}"]
             for n, r in enumerate(hostile["runs"], 1)]
    widths = [max(len(c) for c in column) for column in zip(headers, *table, strict=False)]
    line = "  ".join(f"{{:>{w}}}" for w in widths)
    rows += [line.format(*headers), line.format(*("-" * w for w in widths)),
             *(line.format(*row) for row in table)]
    rows += [f"  not read: {missed}" for r in hostile["runs"] for missed in r["missed"]]
    rows.append(f"Machine load is the run queue per {os.cpu_count()} cores; on a machine shared "
                "with other work the figures say more about the others than about us.")
    return rows
