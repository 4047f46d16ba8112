"""Pasted text cannot stall or crash the build, and nothing in it is lost.

Python-Markdown takes quadratic time on thousands of unclosed "[" (a 20 KB
message took 909 s to build) or "[a](" (111 s), and recurses once per list
inside a list until Python gives up. Text over the formatting budget is shown
as written instead; the proof here is structural: the Markdown parser is never
handed text over the budget, anywhere in a build (`bedside bench` measures
speed; no test here times anything).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from macros import text, urls
from macros.context import build_context
from macros.notify.compose import compose
from macros.notify.config import Channel
from macros.notify.plan import plan_for_channel
from macros.outputs import write_outputs
from macros.render.shell import Site
from macros.render.site import status_pages
from macros.render.status_macros import StatusMacros
from macros.text import MAX_FORMATTED_CHARS, MAX_NESTING, over_budget, plain, rich
from tests.helpers import REPO, copy_tree

NOW = "2026-11-20T08:30+00:00"
SITE = "https://it.eastbrook.example.org/"

# Inputs that took minutes, or crashed, before the budget.
WORST = {
    "unclosed brackets": "[" * 20_000,
    "unfinished links": "[a](" * 5_000,
    "brackets under the size limit": "[" * (MAX_FORMATTED_CHARS - 1),
    "unfinished links under the size limit": "[a](" * (MAX_FORMATTED_CHARS // 4),
    "unclosed code spans": "``a`" * (MAX_FORMATTED_CHARS // 4),
    "lists in lists": "- " * 1_000 + "deep",
    "indented lists": "\n".join("    " * level + "- a" for level in range(60)),
}


@pytest.mark.parametrize("written", WORST.values(), ids=WORST.keys())
def test_the_worst_inputs_are_shown_as_written_with_every_word(written: str) -> None:
    assert over_budget(written)
    assert plain(written).split() == written.split()  # nothing lost, nothing added
    shown = str(rich(written))
    assert shown.startswith("<p>") and "<a " not in shown and "<ul>" not in shown


@pytest.mark.parametrize("written", [
    "Read [the downtime guide](https://intranet.example.org/downtime) **now**.",
    "Links: " + " ".join(f"[page {n}](https://intranet.example.org/{n})" for n in range(40)),
    "\n".join("  " * level + "- step" for level in range(MAX_NESTING)),
    "Pasted log:\n\n" + "\n\n".join("x " * 400 for _ in range(12)),
])
def test_ordinary_text_keeps_its_formatting(written: str) -> None:
    assert over_budget(written) == ""


def test_the_reason_names_the_limit() -> None:
    assert "20,000 characters long; formatting stops at 10,000" in over_budget("[" * 20_000)
    assert 'too many "[" or "`"' in over_budget("[" * 5_000)
    assert "lists inside lists 11 deep" in over_budget("- " * 11 + "x")


# --- the whole build: the parser never sees text over the budget -----------------------------


class WatchedParser:
    """Stands in for the Markdown parser: fails the test if handed text over the budget."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser
        self.seen: list[int] = []

    def reset(self) -> WatchedParser:
        self.parser.reset()
        return self

    def convert(self, md: str) -> str:
        assert not over_budget(md), f"the parser was handed {len(md)} characters over budget"
        self.seen.append(len(md))
        return self.parser.convert(md)


def worst_case_tree(tmp_path: Path) -> Path:
    """The basic tree with the worst inputs in every formatted field."""
    root = copy_tree("basic", tmp_path)
    fields = iter(WORST.values())

    def worst() -> str:
        nonlocal fields
        value = next(fields, None)
        if value is None:
            fields = iter(WORST.values())
            value = next(fields)
        return json.dumps(value)

    (root / "incidents" / "2026-11-20-pasted.yml").write_text(f"""\
title: Patient records are slow to open
impact: minor
components: {{ehr: degraded_performance}}
affects: Everyone
updates:
  - at: 2026-11-20T08:00
    status: investigating
    message: {worst()}
    workaround: {worst()}
    next_update: 2026-11-20T09:00
  - at: 2026-11-20T08:20
    status: resolved
    message: {worst()}
    data_impact: {worst()}
""", encoding="utf-8")
    (root / "maintenance" / "2026-11-25-pasted.yml").write_text(f"""\
title: Patient records upgrade
components: {{ehr: under_maintenance}}
affects: Everyone
window: {{start: 2026-11-25T22:00, end: 2026-11-26T01:00}}
why: {worst()}
benefit: {worst()}
prepare: [{worst()}, {worst()}]
during: {worst()}
contact: {worst()}
""", encoding="utf-8")
    return root


def test_a_build_of_the_worst_inputs_never_hands_them_to_the_parser(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    watched = WatchedParser(text._PARSER)
    monkeypatch.setattr(text, "_PARSER", watched)
    text._rich_html.cache_clear()
    root = worst_case_tree(tmp_path)
    context = build_context(root, REPO, site_url=SITE, now=datetime.fromisoformat(NOW),
                            site_name="Eastbrook Hospital IT")
    env = SimpleNamespace(conf={"use_directory_urls": True, "site_name": "Eastbrook IT"},
                          page=None)
    pages = {page.address: page.html
             for page in status_pages(context, Site("Eastbrook Hospital IT", SITE))}
    pages["home"] = StatusMacros(context, env).status_home()
    write_outputs(context, tmp_path / "site")
    channel = Channel(id="everyone", type="webhook", url_env="HOOK_URL")
    notices = [compose(a, context.tree, context.now, SITE)
               for a in plan_for_channel(context.tree, context.now, channel, {})]
    text._rich_html.cache_clear()

    assert watched.seen, "ordinary fields are still formatted"
    assert notices and all(pages.values())
    incident_page = pages[urls.incident_page("2026-11-20-pasted")]
    assert "[[[[[[[[" in incident_page and "[a]([a](" in incident_page  # shown, as written


def test_the_build_publishes_the_worst_inputs(tmp_path: Path) -> None:
    root = worst_case_tree(tmp_path)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d",
                            str(tmp_path / "site")], cwd=REPO, env=environment(root),
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    page = (tmp_path / "site/status/incidents/2026-11-20-pasted/index.html").read_text()
    assert "[[[[[[[[" in page and "[a]([a](" in page


def test_check_says_the_text_will_be_shown_as_written(tmp_path: Path) -> None:
    root = copy_tree("basic", tmp_path)
    slow = root / "incidents" / "2026-11-20-ehr-slow.yml"
    slow.write_text(slow.read_text(encoding="utf-8").replace(
        "status: monitoring\n", f"status: monitoring\n    workaround: \"{'[' * 20_000}\"\n"),
        encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "macros.cli", "check"], cwd=REPO,
                           env=environment(root), capture_output=True, text=True, timeout=600)
    assert check.returncode == 0, check.stdout  # a warning: the page is still published
    assert "warning: updates[2].workaround: this will be shown as written, without " \
        "formatting (no links, lists or bold), because it is 20,000 characters long; " \
        "formatting stops at 10,000" in check.stdout


def environment(root: Path) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "BEDSIDE_STATUS_DIR": str(root),
           "BEDSIDE_NOW": NOW}
    env.pop("GITHUB_ACTIONS", None)
    return env
