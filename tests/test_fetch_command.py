"""`bedside fetch` as the IT team and the publish workflow run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from macros.cli import main
from macros.fetch.runner import warm_up
from macros.snapshot import MAX_SNAPSHOT_BYTES, Snapshot
from tests.helpers import TREES

FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Service health</title>'
        b"<item><title>Outlook is slow</title><link>https://status.example.com/EX1</link>"
        b"<pubDate>Fri, 20 Nov 2026 08:14:00 GMT</pubDate></item></channel></rss>")


@pytest.fixture(scope="module", autouse=True)
def reading_processes_ready() -> None:
    """Start the fork server the reading processes come from once, before any timing."""
    warm_up(wait=True)


def make_tree(tmp_path: Path, sources: str) -> Path:
    root = tmp_path / "status"
    shutil.copytree(TREES / "basic", root)
    (root / "sources.yml").write_text("sources:\n" + sources, encoding="utf-8")
    return root


def source_yaml(source_id: str, kind: str, url: str, component: str, extra: str = "") -> str:
    return (f"  - id: {source_id}\n    kind: {kind}\n    url: {url}\n    component: {component}\n"
            f"    timeout_s: 1\n{extra}")


def fetch(capsys: pytest.CaptureFixture[str], *args: str,
          deadline: float = 3) -> tuple[int, list[str]]:
    """Run `bedside fetch`, asserting it returned within the deadline plus a second."""
    started = time.monotonic()
    code = main(["fetch", "--deadline", str(deadline), *args])
    assert time.monotonic() - started <= deadline + 1.0
    return code, capsys.readouterr().out.splitlines()


def line_for(lines: list[str], source_id: str) -> str:
    [line] = [line for line in lines if f" {source_id} " in f" {line} "]
    return line


def test_a_mix_of_good_slow_and_hostile_sources(server: HTTPServer, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    def hang(request: Request) -> Response:
        server.release.wait(30)  # type: ignore[attr-defined]
        return Response("late")

    server.expect_request("/health").respond_with_data("ok")
    server.expect_request("/feed").respond_with_data(FEED, content_type="application/rss+xml")
    server.expect_request("/hang").respond_with_handler(hang)
    server.expect_request("/page").respond_with_data("<html><body>Hi</body></html>",
                                                     content_type="text/html")
    root = make_tree(tmp_path, "".join([
        source_yaml("ehr-login", "http", server.url_for("/health"), "ehr"),
        source_yaml("m365", "feed", server.url_for("/feed"), "email", "    name: Microsoft\n"),
        source_yaml("lab-check", "http", server.url_for("/hang"), "lab-results",
                    "    failures_before_alert: 1\n"),
        source_yaml("imaging-news", "feed", server.url_for("/page"), "imaging"),
    ]))
    code, lines = fetch(capsys, "--dir", str(root), deadline=4)
    assert code == 0
    assert line_for(lines, "ehr-login").startswith("ok")
    assert line_for(lines, "m365").startswith("ok")
    assert "1 entry" in line_for(lines, "m365")
    assert line_for(lines, "lab-check").startswith("failed")
    assert "did not answer within 1 second" in line_for(lines, "lab-check")
    assert "web page, not a news feed" in line_for(lines, "imaging-news")
    assert any(line.startswith("4 sources read in") and "2 ok, 0 not modified, 2 failed" in line
               for line in lines)
    assert ("  The page shows: Our automatic check could not reach Lab results at "
            in "\n".join(lines))
    snapshot = json.loads((root / "snapshot.json").read_text())
    assert snapshot["version"] == 1
    assert snapshot["sources"]["m365"]["entries"][0]["title"] == "Outlook is slow"
    assert snapshot["sources"]["lab-check"]["consecutive_failures"] == 1


def test_a_second_run_is_not_modified_and_a_failure_says_since_when(
        server: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def answer(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v7"':
            return Response(status=304)
        return Response(FEED, headers={"ETag": '"v7"'}, content_type="application/rss+xml")

    server.expect_request("/feed").respond_with_handler(answer)
    root = make_tree(tmp_path, source_yaml("m365", "feed", server.url_for("/feed"), "email"))
    assert fetch(capsys, "--dir", str(root))[0] == 0
    code, lines = fetch(capsys, "--dir", str(root))
    assert code == 0
    assert line_for(lines, "m365").startswith("not modified")

    server.clear()
    server.expect_request("/feed").respond_with_data("down", status=404)
    code, lines = fetch(capsys, "--dir", str(root))
    assert code == 0
    line = line_for(lines, "m365")
    assert line.startswith("failed")
    assert "the address was not found (code 404)" in line
    assert "stale since" in line and "keeping what it said then" in line
    snapshot = json.loads((root / "snapshot.json").read_text())
    assert snapshot["sources"]["m365"]["entries"][0]["title"] == "Outlook is slow"


def test_history_is_kept_across_runs(server: HTTPServer, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    server.expect_request("/health").respond_with_data("ok")
    root = make_tree(tmp_path, source_yaml("ehr-login", "http", server.url_for("/health"), "ehr"))
    for _ in range(3):
        assert fetch(capsys, "--dir", str(root))[0] == 0
    [day] = json.loads((root / "snapshot.json").read_text())["history"]["ehr"].values()
    assert day == {"checks": 3, "failures": 0}


def test_a_broken_config_gives_the_same_messages_as_check(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(tmp_path, source_yaml("m365", "feed", "https://example.org/x", "emial"))
    code, lines = fetch(capsys, "--dir", str(root))
    assert code == 1
    assert main(["check", "--dir", str(root)]) == 1
    checked = capsys.readouterr().out.splitlines()
    [problem] = [line for line in lines if "sources.yml:" in line]
    assert problem in checked
    assert problem.endswith('sources[0].component: "emial" is not a component in '
                            'components.yml (did you mean "email"?)')
    assert not (root / "snapshot.json").exists()


def test_no_sources_is_fine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(tmp_path, "")
    (root / "sources.yml").write_text("sources: []\n")
    code, lines = fetch(capsys, "--dir", str(root))
    assert code == 0
    assert "There are no sources in sources.yml, so there is nothing to fetch." in lines


# --- history is never lost -----------------------------------------------------------------


PINNED = "2026-11-20T08:30+00:00"
KEPT_STAMP = "20261120T083000Z"
OLD_DAYS = {date(2026, 11, 20) - timedelta(days=n): (144, n % 3) for n in range(1, 31)}


def old_snapshot_text(**extra: object) -> str:
    """A snapshot as our writer lays it out, with 30 days of history for "ehr"."""
    data = Snapshot(history={"ehr": OLD_DAYS}).as_json()
    return json.dumps({**data, **extra}, indent=1) + "\n"


def history_of(path: Path) -> dict[date, tuple[int, int]]:
    days = json.loads(path.read_text())["history"].get("ehr", {})
    return {date.fromisoformat(d): (c["checks"], c["failures"]) for d, c in days.items()}


@pytest.fixture
def health_tree(server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BEDSIDE_NOW", PINNED)
    server.expect_request("/health").respond_with_data("ok")
    return make_tree(tmp_path, source_yaml("ehr-login", "http", server.url_for("/health"),
                                           "ehr"))


def test_a_damaged_snapshot_is_kept_and_its_history_carried_over(
        health_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    snapshot = health_tree / "snapshot.json"
    damaged = old_snapshot_text().replace('"sources": {}', '"sources": {,}')  # a typing slip
    snapshot.write_text(damaged)
    code, lines = fetch(capsys, "--dir", str(health_tree))
    assert code == 0
    kept = health_tree / f"snapshot.json.broken-{KEPT_STAMP}"
    assert kept.read_text() == damaged
    assert (f"The snapshot {snapshot} could not be used ({snapshot} is not valid JSON). It was "
            f"kept beside the new one as {kept.name}, and its history (30 days of checks for "
            "1 component) was carried over into the new one.") in lines
    assert history_of(snapshot).items() >= OLD_DAYS.items()
    assert json.loads(snapshot.read_text())["sources"]["ehr-login"]["check"]["ok"] is True


def test_a_half_written_snapshot_keeps_the_days_that_can_still_be_read(
        health_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    snapshot = health_tree / "snapshot.json"
    text = old_snapshot_text()
    snapshot.write_text(text[: text.index('"2026-11-15"')])  # cut off mid-history
    code, lines = fetch(capsys, "--dir", str(health_tree))
    assert code == 0
    kept_days = {d: c for d, c in OLD_DAYS.items() if d < date(2026, 11, 15)}
    assert len(kept_days) == 25
    assert history_of(snapshot).items() >= kept_days.items()
    assert any("its history (25 days of checks for 1 component) was carried over" in line
               for line in lines)


def test_a_snapshot_over_the_size_limit_is_kept_with_its_history(
        health_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    snapshot = health_tree / "snapshot.json"
    snapshot.write_text(old_snapshot_text(padding="x" * (MAX_SNAPSHOT_BYTES + 1)))
    code, lines = fetch(capsys, "--dir", str(health_tree))
    assert code == 0
    assert (health_tree / f"snapshot.json.broken-{KEPT_STAMP}").stat().st_size \
        > MAX_SNAPSHOT_BYTES
    assert any("is larger than 10 MB" in line and "was carried over" in line for line in lines)
    assert history_of(snapshot).items() >= OLD_DAYS.items()


def test_a_snapshot_from_a_newer_version_is_kept_with_its_history(
        health_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    snapshot = health_tree / "snapshot.json"
    newer = old_snapshot_text(version=2)
    snapshot.write_text(newer)
    code, lines = fetch(capsys, "--dir", str(health_tree))
    assert code == 0
    kept = health_tree / f"snapshot.json.newer-{KEPT_STAMP}"
    assert kept.read_text() == newer
    assert any("is version 2; this Bedside reads version 1" in line
               and f"kept beside the new one as {kept.name}" in line for line in lines)
    assert history_of(snapshot).items() >= OLD_DAYS.items()


def test_a_snapshot_that_cannot_be_read_at_all_is_kept(
        health_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    snapshot = health_tree / "snapshot.json"
    snapshot.mkdir()  # a folder where the file should be
    (snapshot / "note.txt").write_text("left here by hand")
    code, lines = fetch(capsys, "--dir", str(health_tree))
    assert code == 0
    kept = health_tree / f"snapshot.json.broken-{KEPT_STAMP}"
    assert (kept / "note.txt").read_text() == "left here by hand"
    assert any("None of its history could be read, so the history on the page starts again "
               "today; the old file still holds whatever it had." in line for line in lines)
    assert json.loads(snapshot.read_text())["sources"]["ehr-login"]["check"]["ok"] is True


def test_a_snapshot_that_cannot_be_moved_aside_is_left_untouched(
        health_tree: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    snapshot = health_tree / "snapshot.json"
    snapshot.write_text("{half a snapshot")

    def refused(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    code, lines = fetch(capsys, "--dir", str(health_tree))
    assert code == 1
    assert snapshot.read_text() == "{half a snapshot"
    assert sorted(p.name for p in health_tree.glob("snapshot.json*")) == ["snapshot.json"]
    assert any("could not be moved aside to keep it (Permission denied). Nothing was fetched, "
               "so nothing in it is lost." in line for line in lines)


def test_the_deadline_must_be_a_sensible_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["fetch", "--deadline", "soon"])
    assert stopped.value.code == 2
    assert '"soon" is not a number of seconds' in capsys.readouterr().err


def test_a_broken_incident_does_not_stop_fetching(server: HTTPServer, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    server.expect_request("/health").respond_with_data("ok")
    root = make_tree(tmp_path, source_yaml("ehr-login", "http", server.url_for("/health"), "ehr"))
    (root / "incidents" / "2026-11-20-half-written.yml").write_text("title: [",
                                                                    encoding="utf-8")
    code, lines = fetch(capsys, "--dir", str(root))
    assert code == 0
    assert line_for(lines, "ehr-login").startswith("ok")
    assert any(line.startswith("Note: 1 problem in other status files will stop the site "
                               "from building") for line in lines)
    snapshot = json.loads((root / "snapshot.json").read_text())
    assert snapshot["sources"]["ehr-login"]["check"]["ok"] is True


def test_a_broken_components_file_stops_fetching(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    root = make_tree(tmp_path, source_yaml("m365", "feed", "https://example.org/x", "email"))
    (root / "components.yml").write_text("timezone: Europe/London\n", encoding="utf-8")
    code, lines = fetch(capsys, "--dir", str(root))
    assert code == 1
    assert any("components.yml:1:1: error: groups: this field is missing" in line for line in lines)
    assert "1 problem in components.yml or sources.yml, so nothing was fetched. Fix it and " \
           "run `bedside fetch` again." in lines
    assert not (root / "snapshot.json").exists()


def test_a_supplier_feed_that_redirects_to_loopback_is_refused_with_a_clear_line(
        server: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server.expect_request("/feed").respond_with_data(
        "", status=302, headers={"Location": server.url_for("/internal/admin")})
    server.expect_request("/internal/admin").respond_with_data(
        FEED.replace(b"Outlook is slow", b"Admin console: 3 accounts locked"))
    supplier = server.url_for("/feed").replace("127.0.0.1", "localhost")
    root = make_tree(tmp_path, source_yaml("m365", "feed", supplier, "email"))
    code, lines = fetch(capsys, "--dir", str(root))
    assert code == 0
    assert line_for(lines, "m365") == (
        "failed        m365  the address redirected to an internal address (127.0.0.1); a "
        "redirect may only lead back to the source's own server or to a public address; "
        "nothing to show yet")
    assert "Admin console" not in (root / "snapshot.json").read_text()
    assert [request.path for request, _ in server.log] == ["/feed"]


def test_the_deadline_counts_from_the_start_of_the_command(
        server: HTTPServer, tmp_path: Path) -> None:
    def drip(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            yield b'<?xml version="1.0"?><rss version="2.0"><channel>'
            while not server.release.wait(0.1):  # type: ignore[attr-defined]
                yield b" "
        return Response(body(), content_type="application/rss+xml")

    server.expect_request("/drip").respond_with_handler(drip)
    root = make_tree(tmp_path, "".join(
        source_yaml(f"news-{n}", "feed", server.url_for("/drip"), "email") for n in range(3)))
    bedside = Path(sys.executable).with_name("bedside")
    started = time.monotonic()
    done = subprocess.run([str(bedside), "fetch", "--dir", str(root), "--deadline", "6"],
                          capture_output=True, text=True, cwd=tmp_path)
    took = time.monotonic() - started
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 sources read in" in done.stdout
    assert "too slowly to finish in the time allowed" in done.stdout
    assert took <= 6 + 1, f"the whole command took {took:.1f} seconds"
