"""The site builds strictly, a broken link fails the build, and the command answers."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import FIXTURES, REPO, build_site


def test_real_site_builds_strictly(tmp_path: Path) -> None:
    build = build_site(tmp_path)
    assert build.returncode == 0, build.output
    home = build.page("")
    assert "Is something down or planned?" in home
    assert "How we work" in home


def test_broken_link_fails_the_strict_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "sites" / "broken-link", project)
    shutil.copytree(FIXTURES / "trees" / "basic", project / "status")
    build = build_site(tmp_path, config=project / "mkdocs.yml")
    assert build.returncode != 0
    assert "no-such-page.md" in build.output


def test_bedside_help_lists_the_commands() -> None:
    out = subprocess.run([sys.executable, "-m", "macros.cli", "--help"], capture_output=True,
                         text=True, cwd=REPO, check=True).stdout
    listed = set(re.findall(r"^    (\w+) ", out, flags=re.M))
    assert {"check", "new", "update", "resolve", "fetch", "tone", "notify", "bench"} <= listed
