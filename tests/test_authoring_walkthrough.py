"""CONTRIBUTING's walk-through, run as written on a fresh copy of the repository: every
command block in "Something is broken", in order, with the clock pinned so it works
on any date. The incident is the one the walk-through itself opens."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from macros.loader import load_tree
from tests.helpers import REPO

SECTION = "## Something is broken: open an incident"
# The clock for each block after the set-up one: open, check, push, two updates, resolve.
TIMES = ["2026-11-20T08:15", "2026-11-20T08:16", None, "2026-11-20T08:40",
         "2026-11-20T09:05", "2026-11-20T09:30"]
INCIDENT = "2026-11-20-patient-records-slow-open"


def walkthrough_blocks() -> list[str]:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    setup = text[:text.index(SECTION)]
    section = text[text.index(SECTION):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"^ *```sh\n(.*?)^ *```", setup + section, flags=re.S | re.M)
    return [re.sub(r"^ {3}", "", block, flags=re.M) for block in blocks]


def fresh_copy(target: Path) -> Path:
    """The repository's files as a clone has them, in a git repository with an origin."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    # What the set-up line installs: the `bedside` command in .venv/bin/.
    command = target / ".venv" / "bin" / "bedside"
    command.parent.mkdir(parents=True)
    command.write_text(f"#!{sys.executable}\nimport sys\nfrom macros.cli import main\n"
                       "sys.exit(main())\n")
    command.chmod(0o755)
    return target


def run(block: str, cwd: Path, now: str | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("BEDSIDE_STATUS_DIR", "BEDSIDE_NOW", "GITHUB_ACTIONS", "VIRTUAL_ENV")}
    env.update({"GIT_AUTHOR_NAME": "IT", "GIT_AUTHOR_EMAIL": "it@example.org",
                "GIT_COMMITTER_NAME": "IT", "GIT_COMMITTER_EMAIL": "it@example.org",
                "PATH": os.defpath})
    if now:
        env["BEDSIDE_NOW"] = now
    return subprocess.run(["bash", "-e", "-c", block], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_contributing_walkthrough_runs_as_written_on_a_fresh_clone(tmp_path: Path) -> None:
    work = fresh_copy(tmp_path / "bedside")
    origin = tmp_path / "origin.git"
    for line in (f"git init -q --bare {origin}", "git init -q -b main", "git add -A",
                 "git commit -q -m Clone", f"git remote add origin {origin}",
                 "git push -q -u origin main"):
        done = run(line, work, None)
        assert done.returncode == 0, done.stderr

    setup, *blocks = walkthrough_blocks()
    assert "python3 -m venv .venv" in setup  # the set-up line, done by fresh_copy
    assert len(blocks) == len(TIMES)
    outputs = []
    for block, now in zip(blocks, TIMES, strict=True):
        done = run(block, work, now)
        assert done.returncode == 0, f"{block}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stdout + done.stderr
        outputs.append(done.stdout)

    opened, checked = outputs[0], outputs[1]
    assert opened.startswith(f"Wrote status/incidents/{INCIDENT}.yml\n")
    # The hints are typed the way the walk-through types the command.
    assert f"    .venv/bin/bedside update {INCIDENT} --status identified" in opened
    assert checked.startswith("All good:")
    pushed = run("git ls-remote --heads origin", work, None).stdout
    assert f"refs/heads/status/{INCIDENT}" in pushed

    [incident] = [i for i in load_tree(work / "status").incidents if i.id == INCIDENT]
    assert [u.status for u in incident.updates] == ["investigating", "identified",
                                                   "monitoring", "resolved"]
    assert incident.updates[2].components == {"ehr": "operational"}
    final = run(".venv/bin/bedside check", work, "2026-11-20T09:31")
    assert final.returncode == 0, final.stdout
