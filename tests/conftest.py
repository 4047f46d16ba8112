"""Fixtures shared by the test modules."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tests.helpers import Build, build_site, copy_tree


@pytest.fixture(scope="session")
def site_builds(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Build]:
    """Build the site for a fixture tree at a fixed time, once per session per (tree, time)."""
    cache: dict[tuple[str, str], Build] = {}

    def build(tree: str, now: str) -> Build:
        key = (tree, now)
        if key not in cache:
            out = tmp_path_factory.mktemp(f"site-{tree}")
            status_dir = copy_tree(tree, out)
            cache[key] = build_site(out, status_dir, now)
        return cache[key]

    return build


@pytest.fixture
def status_tree(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a fixture status tree into a temporary directory and return its path."""
    return lambda name="basic": copy_tree(name, tmp_path)


class FeedServer(HTTPServer):
    """A threaded loopback HTTP server; a handler that holds its answer back waits on `release`."""

    def __init__(self) -> None:
        super().__init__(host="127.0.0.1", port=0, threaded=True)
        self.release = threading.Event()


@pytest.fixture(scope="module")
def loopback() -> Iterator[FeedServer]:
    """One loopback server per module, threaded so one hanging answer does not hold up others."""
    srv = FeedServer()
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def server(loopback: FeedServer) -> Iterator[FeedServer]:
    """The loopback server with no handlers; answers held back are released afterwards."""
    loopback.release = threading.Event()
    yield loopback
    loopback.release.set()
    loopback.clear()
