"""CI and publishing: the workflows are valid, pinned and least-privilege; the
README's test command is what CI runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from macros.fetch.previous import KEPT_LABELS
from tests.helpers import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _fenced_commands(markdown: str) -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", markdown, flags=re.S)


def test_readme_quick_start_has_exactly_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = _fenced_commands(quick_start)
    assert len(commands) == 2
    serve, test = commands
    assert serve.rstrip().endswith("mkdocs serve")
    assert "pytest" in test


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    test_command = _fenced_commands(readme.split("## Quick start", 1)[1])[1].strip()
    ci_script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci_script.splitlines()


def test_workflows_match_the_github_workflow_schema() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema",
         "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    zizmor = shutil.which("zizmor") or str(Path(sys.executable).parent / "zizmor")
    if not Path(zizmor).exists():
        pytest.skip("zizmor is not installed (it is in the test extra)")
    workflows = REPO / ".github" / "workflows"
    proc = subprocess.run([zizmor, "--offline", "--no-progress", str(workflows)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_full_commit_shas(workflow: Path) -> None:
    for line in workflow.read_text(encoding="utf-8").splitlines():
        match = re.search(r"uses:\s*([^\s#]+)", line)
        if match and not match.group(1).startswith("./"):
            assert re.search(r"@[0-9a-f]{40}$", match.group(1)), line


def test_publish_is_least_privilege_and_never_races() -> None:
    publish = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())
    assert publish["permissions"] == {"contents": "read"}
    assert publish["concurrency"]["cancel-in-progress"] is False
    triggers = publish[True]  # PyYAML reads the key `on` as True
    assert "*/10 * * * *" in [s["cron"] for s in triggers["schedule"]]
    assert "workflow_dispatch" in triggers
    deploy = publish["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any("deploy-pages" in step.get("uses", "") for step in deploy["steps"])
    assert publish["jobs"]["notify"]["needs"] == "deploy", \
        "notify must wait for deploy, or messages link to a page that is not up yet"


def test_ci_answers_a_data_mistake_before_the_long_tests() -> None:
    """An IT editor's one-line YAML change fails fast: the data checks are a job of their
    own, which the full suite and the clock-ahead suite wait for."""
    ci = yaml.safe_load((REPO / ".github" / "workflows" / "ci.yml").read_text())
    jobs = ci["jobs"]
    data_steps = " ".join(step.get("run", "") for step in jobs["data"]["steps"])
    for command in ("bedside check", "bedside tone", "mkdocs build --strict"):
        assert command in data_steps
    assert "pytest" not in data_steps and ".ci/run" not in data_steps
    assert jobs["test"]["needs"] == jobs["clock-ahead"]["needs"] == "data"
    assert ".ci/run" in [step.get("run") for step in jobs["test"]["steps"]]
    assert ".ci/clock-ahead" in [step.get("run") for step in jobs["clock-ahead"]["steps"]]


def test_the_clock_ahead_run_moves_the_calendar_a_year() -> None:
    script = (REPO / ".ci" / "clock-ahead").read_text(encoding="utf-8")
    assert 'AHEAD="${BEDSIDE_CLOCK_AHEAD:-+365d}"' in script
    assert re.search(r'^FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "\$AHEAD" '
                     r'\.venv/bin/python -m pytest', script, flags=re.M)


def _publish_jobs() -> dict:
    return yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text())["jobs"]


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_the_job_that_reads_feeds_holds_no_token_that_can_write() -> None:
    jobs = _publish_jobs()
    [reader] = [name for name, job in jobs.items() if "bedside fetch" in _runs(job)]
    assert jobs[reader]["permissions"] == {"contents": "read"}
    writers = {name for name, job in jobs.items()
               if "write" in job.get("permissions", {}).get("contents", "")}
    assert writers == {"save-snapshot", "notify"}
    saver = jobs["save-snapshot"]
    assert saver["needs"] == reader
    assert not any(word in _runs(saver) for word in ("pip", "python", "bedside", "mkdocs")), \
        "the job that can write the data branch must run nothing from the feeds"
    assert any("download-artifact" in step.get("uses", "") for step in saver["steps"])


def test_every_snapshot_kept_beside_the_new_one_is_saved() -> None:
    jobs = _publish_jobs()
    [upload] = [step for step in jobs["fetch"]["steps"]
                if "upload-artifact" in step.get("uses", "")]
    saved = _runs(jobs["save-snapshot"])
    for label in KEPT_LABELS:
        assert f"status/snapshot.json.{label}-*" in upload["with"]["path"].split()
        assert f"status/snapshot.json.{label}-*" in saved.split()
    assert "status/snapshot.json" in saved.split()


def test_publish_installs_only_pinned_packages_checked_by_hash() -> None:
    lock = (REPO / ".github" / "publish-requirements.txt").read_text().splitlines()
    requirements = [n for n, line in enumerate(lock) if re.match(r"^[A-Za-z0-9_.-]+==", line)]
    assert requirements
    for n in requirements:
        assert lock[n + 1].strip().startswith("--hash=sha256:"), lock[n]
    pinned = {_normal(lock[n].split("==", 1)[0]) for n in requirements}
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    assert {_normal(re.split(r"[<>=!~\[ ;]", dep, maxsplit=1)[0]) for dep in declared} <= pinned
    assert "setuptools" in pinned, "the build backend is pinned too (installs use no isolation)"
    for name, job in _publish_jobs().items():
        for line in _runs(job).splitlines():
            if "pip install" in line:
                assert ("--require-hashes --no-deps -r .github/publish-requirements.txt" in line
                        or line.strip().endswith("--no-deps --no-build-isolation .")), \
                    f"{name}: {line.strip()}"


def _normal(name: str) -> str:
    """A package name as the package index compares it (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()
