"""A built site served over HTTP on 127.0.0.1, for the benchmark and the browser tests."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

LOOPBACK = "127.0.0.1"
# Flags for a headless chromium that should talk to nothing but the loopback site.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging, and tells browsers not to cache them."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class StaticServer:
    """Serves `root` on a free port of 127.0.0.1 from a background thread until `stop()`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        handler = functools.partial(_QuietHandler, directory=str(root))
        self._server = ThreadingHTTPServer((LOOPBACK, 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="bedside-loopback")
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self._server.server_port}/"

    def url(self, path: str = "") -> str:
        """The full address of site-relative `path` (e.g. "status/")."""
        return self.base_url + path

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> StaticServer:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()
