"""A mistake in the status data stops the build with the same messages as `bedside check`,
no traceback, and nothing half-built; in GitHub Actions the messages also become
annotations on the pull request's diff."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, build_site, copy_tree

BAD_UPDATE = "status: monitoring"


@pytest.fixture
def bad_tree(tmp_path: Path) -> Path:
    """The basic tree with three mistakes in two files."""
    root = copy_tree("basic", tmp_path)
    slow = root / "incidents" / "2026-11-20-ehr-slow.yml"
    slow.write_text(slow.read_text().replace(BAD_UPDATE, "status: fixed")
                    .replace("impact: major", "impact: big"))
    upgrade = root / "maintenance" / "2026-12-06-ehr-upgrade.yml"
    upgrade.write_text(upgrade.read_text().replace("end: 2026-12-07T02:00",
                                                   "end: 2026-12-06T21:00"))
    return root


def bedside(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    full_env.pop("BEDSIDE_STATUS_DIR", None)
    return subprocess.run([sys.executable, "-m", "macros.cli", *args], capture_output=True,
                          text=True, cwd=REPO, env=full_env, timeout=120)


def mkdocs_build(status_dir: Path, site: Path, github: bool = False
                 ) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BEDSIDE_STATUS_DIR": str(status_dir),
           "BEDSIDE_NOW": "2026-11-20T08:30+00:00"}
    env.pop("GITHUB_ACTIONS", None)
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                          capture_output=True, text=True, cwd=REPO, env=env, timeout=600)


def problem_lines(output: str, root: Path) -> list[str]:
    return [line.strip().removeprefix("ERROR").strip(" -") for line in output.splitlines()
            if str(root) in line and ".yml:" in line and "::" not in line]


def test_check_lists_every_problem_and_fails(bad_tree: Path) -> None:
    result = bedside("check", "--dir", str(bad_tree))
    assert result.returncode == 1
    lines = problem_lines(result.stdout, bad_tree)
    assert lines == [
        f"{bad_tree}/incidents/2026-11-20-ehr-slow.yml:3:9: error: impact: \"big\" is not "
        "one of none, "
        "minor, major, critical",
        f"{bad_tree}/incidents/2026-11-20-ehr-slow.yml:24:13: error: updates[2].status: "
        "\"fixed\" is "
        "not one of investigating, identified, monitoring, resolved (did you mean "
        "\"resolved\"?)",
        f"{bad_tree}/maintenance/2026-12-06-ehr-upgrade.yml:8:8: error: window.end: the work ends "
        "(21:00 on 6 Dec 2026) before it starts (22:00 on 6 Dec 2026); check the dates",
    ]
    assert "3 errors in 2 files. Fix them and run `bedside check` again." in result.stdout


def test_the_build_stops_with_the_same_messages_and_builds_nothing(
        bad_tree: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the page people saw before")
    build = mkdocs_build(bad_tree, site)
    output = build.stdout + build.stderr
    assert build.returncode != 0
    assert "Traceback" not in output
    assert f"The status data in {bad_tree} has 3 errors, so nothing was built" in output
    expected = problem_lines(bedside("check", "--dir", str(bad_tree)).stdout, bad_tree)
    assert problem_lines(output, bad_tree) == expected
    # the site folder was neither cleaned nor written
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text() == "the page people saw before"


def test_check_prints_github_annotations_in_actions(bad_tree: Path) -> None:
    result = bedside("check", "--dir", str(bad_tree), env={"GITHUB_ACTIONS": "true"})
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 3
    assert annotations[1] == (
        f"::error file={bad_tree}/incidents/2026-11-20-ehr-slow.yml,line=24,col=13,"
        "title=Bedside%3A updates[2].status::\"fixed\" is not one of investigating, "
        "identified, monitoring, resolved (did you mean \"resolved\"?)")


def test_no_annotations_outside_actions(bad_tree: Path) -> None:
    result = bedside("check", "--dir", str(bad_tree), env={"GITHUB_ACTIONS": ""})
    assert not [line for line in result.stdout.splitlines() if line.startswith("::")]


def test_the_build_annotates_too_in_actions(bad_tree: Path, tmp_path: Path) -> None:
    build = mkdocs_build(bad_tree, tmp_path / "site", github=True)
    assert build.returncode != 0
    annotations = [line for line in (build.stdout + build.stderr).splitlines()
                   if line.startswith("::error file=")]
    assert len(annotations) == 3


OPEN_INCIDENT = """\
title: Ward label printers do not print
impact: minor
components:
  printing: partial_outage
affects: Wards on the main site
updates:
  - at: 2026-11-20T08:15
    status: investigating
    message: Label printers on the wards do not print.
    workaround: Write labels by hand until the printers are back.
    next_update: 2026-11-20T08:45
"""


def test_check_still_checks_promises_and_notify_when_one_incident_is_broken(
        tmp_path: Path) -> None:
    root = copy_tree("basic", tmp_path)
    (root / "incidents" / "2026-11-20-labels.yml").write_text(OPEN_INCIDENT)
    (root / "incidents" / "2026-11-20-half-written.yml").write_text("title: [")
    (root / "notify.yml").write_text("channels:\n  - id: desk\n    type: teams\n"
                                     "    url_env: TEAMS_URL\n    audiences: [wardz]\n")
    result = bedside("check", "--dir", str(root), env={"BEDSIDE_NOW": "2026-11-20T10:00+00:00",
                                                       "GITHUB_ACTIONS": ""})
    assert result.returncode == 1
    out = result.stdout
    assert f"{root}/incidents/2026-11-20-half-written.yml:1:" in out
    assert f'{root}/notify.yml:5:17: error: channels[0].audiences[0]: "wardz" is not an audience ' \
           'in components.yml (did you mean "wards"?)' in out
    assert f"{root}/incidents/2026-11-20-labels.yml:11:18: warning: updates[0].next_update: " \
           "we promised an update by 08:45" in out
    # The counts add up: both errors and the warning beside them.
    assert out.endswith("\n2 errors and 1 warning in 3 files. Fix them and run `bedside check` "
                        "again. The warning is worth a second look, but does not stop the "
                        "site.\n")


def test_check_counts_in_plain_english(tmp_path: Path) -> None:
    root = copy_tree("basic", tmp_path)
    for path in [*(root / "incidents").iterdir(), *(root / "maintenance").iterdir()][1:]:
        path.unlink()
    result = bedside("check", "--dir", str(root), env={"GITHUB_ACTIONS": ""})
    assert result.returncode == 0, result.stdout
    assert "All good: 1 incident, 0 pieces of planned work and " in result.stdout

    (root / "incidents" / "2026-11-20-half-written.yml").write_text("title: [")
    result = bedside("check", "--dir", str(root), env={"GITHUB_ACTIONS": ""})
    assert "1 error in 1 file. Fix it and run `bedside check` again." in result.stdout


def config_without_the_plugin(folder: Path) -> Path:
    """The real configuration with the `bedside` plugin taken out, as under Zensical
    (which runs the macros but no MkDocs plugins)."""
    lines = (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("plugins:")
    end = next(n for n in range(start + 1, len(lines)) if not lines[n].startswith(" "))
    plugins = [line for line in lines[start:end] if line.strip() != "- bedside"]
    assert len(plugins) == end - start - 1, "mkdocs.yml lists the bedside plugin once"
    (folder / "macros").symlink_to(REPO / "macros")  # mkdocs-macros looks beside the config
    config = folder / "mkdocs.yml"
    config.write_text("\n".join([
        f"INHERIT: {json.dumps(str(REPO / 'mkdocs.yml'))}",
        f"docs_dir: {json.dumps(str(REPO / 'docs'))}",
        f"theme: {{custom_dir: {json.dumps(str(REPO / 'docs' / 'overrides'))}}}",
        *plugins,
    ]) + "\n", encoding="utf-8")
    return config


def test_without_the_plugin_the_macros_stop_with_the_same_messages(
        bad_tree: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    build = build_site(tmp_path, bad_tree, "2026-11-20T08:30+00:00",
                       config=config_without_the_plugin(project))
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert f"The status data in {bad_tree} has 3 errors, so nothing was built" in build.output
    expected = problem_lines(bedside("check", "--dir", str(bad_tree)).stdout, bad_tree)
    assert problem_lines(build.output, bad_tree) == expected


def test_one_problem_is_spoken_of_as_one(tmp_path: Path) -> None:
    tree = copy_tree("basic", tmp_path)
    incident = tree / "incidents" / "2026-11-20-ehr-slow.yml"
    incident.write_text(incident.read_text().replace("status: identified", "status: fixed"))
    build = build_site(tmp_path, tree)
    assert build.returncode != 0
    assert "has 1 error, so nothing was built" in build.output
    assert "Fix it and build again" in build.output


def test_an_error_in_the_words_stops_the_build_as_it_fails_the_check(tmp_path: Path) -> None:
    """One rule everywhere: a tone error fails `bedside check` and stops the strict build
    with the same line; a tone warning does neither."""
    tree = copy_tree("basic", tmp_path)
    incident = tree / "incidents" / "2026-11-20-ehr-slow.yml"
    text = incident.read_text()
    incident.write_text(text.replace("We are working on it with the supplier.",
                                     "It is a DNS issue. We are working on it."))
    checked = bedside("check", "--dir", str(tree), env={"GITHUB_ACTIONS": ""})
    assert checked.returncode == 1
    [line] = [x for x in checked.stdout.splitlines() if "[tone: jargon]" in x]
    assert ": error: updates[0].message: 'DNS issue'" in line
    build = build_site(tmp_path, tree, "2026-11-20T08:30+00:00")
    assert build.returncode != 0
    assert "has 1 error, so nothing was built" in build.output
    assert line in build.output

    incident.write_text(text.replace("We are working on it with the supplier.",
                                     "The outage is being fixed with the supplier."))
    checked = bedside("check", "--dir", str(tree), env={"GITHUB_ACTIONS": ""})
    assert checked.returncode == 0
    assert ": warning: updates[0].message: 'outage'" in checked.stdout
    assert build_site(tmp_path, tree, "2026-11-20T08:30+00:00").returncode == 0
