"""`bedside check` warns about what the outputs cannot get right alone: a site under a
path (where Statuspage's clients do not look) and a time in the hour the clocks repeat."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.cli import main
from tests.helpers import TREES

INCIDENT = """title: Theatre lists do not load
impact: minor
components: {ehr: degraded_performance}
affects: Theatre staff
updates:
  - at: {at}
    status: investigating
    message: Theatre lists take minutes to load.
    workaround: Use the printed list in the theatre office.
    next_update: 2026-10-25T03:00+00:00
  - at: 2026-10-25T02:45+00:00
    status: resolved
    message: Theatre lists load normally again.
    data_impact: Nothing was lost.
"""


def project(tmp_path: Path, site_url: str) -> Path:
    """A project folder: a mkdocs.yml with `site_url` (and a python tag) and a status tree."""
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Eastbrook Hospital IT\nsite_url: {site_url}\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8")
    shutil.copytree(TREES / "basic", tmp_path / "status")
    return tmp_path


def check(folder: Path, capsys: pytest.CaptureFixture[str],
          monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[str]]:
    monkeypatch.chdir(folder)
    monkeypatch.delenv("BEDSIDE_STATUS_DIR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("BEDSIDE_NOW", "2026-11-20T08:30+00:00")
    code = main(["check", "--dir", str(folder / "status")])
    return code, capsys.readouterr().out.splitlines()


def test_a_site_under_a_path_gets_a_warning_that_says_where_clients_look(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = project(tmp_path, "https://eastbrook.github.io/bedside/")
    code, lines = check(folder, capsys, monkeypatch)
    assert code == 0
    warning, = (line for line in lines if "site_url" in line)
    assert warning.startswith("mkdocs.yml:2:1: warning: site_url: the site lives under a "
                              "path (/bedside/).")
    assert "https://eastbrook.github.io/api/v2/summary.json" in warning
    assert "README.md, 'Hosting somewhere else'" in warning


def test_a_site_at_the_root_of_its_host_gets_no_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = project(tmp_path, "https://status.eastbrook.example.org/")
    _, lines = check(folder, capsys, monkeypatch)
    assert not [line for line in lines if "site_url" in line]


@pytest.mark.parametrize("at", ["2026-10-25T01:30", "2026-10-25T01:30+01:00",
                                "2026-10-25T01:30+00:00", "2026-10-25T02:30"])
def test_a_time_in_the_repeated_hour_is_a_warning_until_it_has_an_offset(
        at: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = project(tmp_path, "https://status.eastbrook.example.org/")
    path = folder / "status" / "incidents" / "2026-10-25-theatre-lists.yml"
    path.write_text(INCIDENT.replace("{at}", at), encoding="utf-8")
    code, lines = check(folder, capsys, monkeypatch)
    warnings = [line for line in lines if "happens twice" in line]
    if at != "2026-10-25T01:30":
        assert warnings == []
        return
    assert code == 0
    assert warnings == [
        "status/incidents/2026-10-25-theatre-lists.yml:6:9: warning: updates[0].at: 01:30 on "
        "25 October 2026 happens twice in Europe/London: the clocks go back that night. It is "
        "read as the first one (+01:00, before the change). Add the offset to say which you "
        "mean: 2026-10-25T01:30+01:00 (before the change) or 2026-10-25T01:30+00:00 (after)"]


def test_a_time_the_clocks_skip_stays_an_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder = project(tmp_path, "https://status.eastbrook.example.org/")
    path = folder / "status" / "incidents" / "2026-03-29-theatre-lists.yml"
    path.write_text(INCIDENT.replace("{at}", "2026-03-29T01:30"), encoding="utf-8")
    code, lines = check(folder, capsys, monkeypatch)
    assert code == 1
    assert any("does not exist in Europe/London" in line for line in lines)
