"""The wall board, the intranet banner (its page and its script) and `bedside check`'s
warnings, built from fixture trees at a fixed clock."""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from macros import urls, wording
from macros.contacts import site_contact, who_to_call
from macros.loader import load_tree
from tests.dom import Node, parse
from tests.helpers import REPO, TREES, Build
from tests.test_status_audiences import NOW, TREE, exists, resolve


@pytest.fixture(scope="module")
def busy(site_builds: Callable[..., Build]) -> Build:
    result = site_builds(TREE, NOW)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def calm(site_builds: Callable[..., Build]) -> Build:
    result = site_builds("all-well", "2026-11-20T08:30+00:00")
    assert result.returncode == 0, result.output
    return result


def board(build: Build) -> Node:
    return parse(build.page(urls.BOARD)).find("div", "bedside-board")


def lines(node: Node) -> list[str]:
    return [p.text() for p in node.find_all("p")]


# --- the wall board ---------------------------------------------------------------------


def test_the_board_has_no_site_chrome_and_reloads_without_javascript(busy: Build) -> None:
    html = busy.page(urls.BOARD)
    page = parse(html)
    for chrome in ("md-header", "md-sidebar", "md-footer", "md-search"):
        assert chrome not in html, f"the board carries the site's {chrome}"
    assert re.search(r'<noscript><meta http-equiv="refresh" content="60"></noscript>', html)
    scripts = [resolve(urls.BOARD, s.attrs["src"]) for s in page.find_all("script")
               if "src" in s.attrs]
    assert scripts == [urls.STATUS_SCRIPT]
    assert all(exists(busy, address) for address in scripts)
    styles = [resolve(urls.BOARD, link.attrs["href"]) for link in page.find_all("link")
              if link.attrs.get("rel") == "stylesheet"]
    assert all(exists(busy, address) for address in styles)
    assert page.find("h1").text() == "Problems: Patient records are slow to open"


def test_the_board_says_what_is_wrong_who_is_affected_and_when_we_say_more(busy: Build) -> None:
    shown = board(busy)
    assert shown.find(cls="bedside-board__refreshed").text() == "Last refreshed 08:30"
    assert shown.find(cls="bedside-board__detail").text() == "There are 2 other problems below."
    problems = shown.find("section", "bedside-board__problems").find_all("li")
    assert [lines(p) for p in problems] == [
        ["Many people affected: Patient records are slow to open",
         "Who is affected: Wards and clinics on the main site",
         "What to do meanwhile: Use the read-only viewer on the ward PC for urgent look-ups.",
         "We will update you by 08:45."],
        ["Some people affected: Theatre lists do not load in recovery",
         "Who is affected: Recovery nurses in main theatres",
         "What to do meanwhile: Ask the theatre coordinator on ext. 3300 for a printed list.",
         "We will update you by 09:00."],
        ["Some people affected: Label printers stopped on wards 4 to 9",
         "Who is affected: Wards 4 to 9 in the east wing",
         "What to do meanwhile: Print wristbands at the admissions desk on the ground floor.",
         # Printing has its own contact; the others are the board's own, said below.
         "Who to call: Service desk, ext. 4444",
         "We said we would update you by 08:00. We are still working on it."],
    ]
    assert shown.find(cls="bedside-board__help").text() == \
        "Need help? Service desk, ext. 4444, 24 hours."
    work = shown.find("section", "bedside-board__work").find_all("li")
    assert [lines(w) for w in work] == [[
        "Coming up: New printer drivers on office and ward PCs", "Today 09:00–10:00",
        "Who is affected: Anyone printing from a hospital PC"]]


def test_the_board_lists_every_system_with_an_icon_and_words(busy: Build) -> None:
    rows = board(busy).find("section", "bedside-board__systems").find_all("li")
    assert [(r.find(cls="bedside-board__name").text(), r.find(cls="bedside-board__state").text())
            for r in rows] == [
        ("Patient records (EHR)", "Slow or unreliable"), ("Lab results", "Working"),
        ("Theatre lists", "Partly not working"), ("Email and calendar", "Working"),
        ("Printing", "Partly not working"), ("Payroll and e-rostering", "Working"),
        ("Finance ledger and reports", "Working")]
    assert all(r.find(cls="bedside-icon").attrs["aria-hidden"] == "true" for r in rows)


def test_a_calm_board_says_so_and_hides_the_empty_problem_list(calm: Build) -> None:
    shown = board(calm)
    assert shown.find("h1").text() == "Everything is working"
    assert shown.find(cls="bedside-board__help").text() == \
        "Need help? Service desk, ext. 4444, 24 hours."
    assert "hidden" in shown.find("section", "bedside-board__problems").attrs
    assert shown.find("section", "bedside-board__work").find("li").text() == \
        "No planned work in the next 24 hours."


# --- who to call: from components.yml, never written into the code -------------------------


def test_who_to_call_comes_from_the_affected_systems_once_each() -> None:
    tree = load_tree(TREES / TREE)
    assert who_to_call(tree, {"ehr": "major_outage", "lab-results": "degraded_performance"}) \
        == ("Service desk, ext. 4444, 24 hours",)
    assert who_to_call(tree, ["ehr", "payroll", "lab-results"]) == (
        "Patient records (EHR) and Lab results: Service desk, ext. 4444, 24 hours",
        "Payroll and e-rostering: Payroll team, ext. 2210, weekdays 8:00 to 17:00")


def test_the_sites_contact_is_the_one_most_systems_share(tmp_path: Path) -> None:
    tree = tmp_path / "status"
    shutil.copytree(TREES / TREE, tree)
    components = tree / "components.yml"
    text = components.read_text(encoding="utf-8")
    # Two systems move to a new number, one keeps the old; three name no contact at all.
    components.write_text(text.replace("contact: Service desk, ext. 4444, 24 hours",
                                       "contact: Service desk, ext. 5555, day or night", 2)
                              .replace("        contact: Service desk, ext. 4444\n", ""),
                          encoding="utf-8")
    changed = load_tree(tree)
    assert site_contact(changed) == "Service desk, ext. 5555, day or night"
    # A system with no contact of its own is covered by the site's.
    assert who_to_call(changed, ["printing"]) == ("Service desk, ext. 5555, day or night",)


# --- the intranet banner ---------------------------------------------------------------


def embed(build: Build) -> Node:
    return parse(build.page(urls.BANNER)).find(**{"data-bedside-embed": ""})


def test_the_banner_page_shows_one_line_when_something_is_wrong(busy: Build) -> None:
    line = embed(busy).find("p")
    assert line.text() == ("Problems: Patient records are slow to open, and 2 other problems"
                           " — see the status page")
    link = line.find("a")
    assert link.attrs["target"] == "_top"
    assert resolve(urls.BANNER, link.attrs["href"]) == urls.STATUS_HOME
    html = busy.page(urls.BANNER)
    assert "md-header" not in html and "md-footer" not in html
    assert '<noscript><meta http-equiv="refresh" content="60"></noscript>' in html
    script = parse(html).find("script")
    assert resolve(urls.BANNER, script.attrs["src"]) == urls.BANNER_SCRIPT


def test_the_banner_page_is_empty_when_all_is_well(calm: Build) -> None:
    container = embed(calm)
    assert "hidden" in container.attrs
    assert container.text() == ""


def test_planned_work_within_a_day_is_a_banner_line(site_builds: Callable[..., Build]) -> None:
    soon = site_builds("upcoming-maintenance", "2026-11-20T09:00+00:00")
    assert soon.returncode == 0, soon.output
    assert embed(soon).find("p").text() == (
        "Planned work on Patient records (EHR) and Lab results tonight 22:00–02:00"
        " — see the status page")


def banner_script(build: Build) -> str:
    return (build.site / urls.BANNER_SCRIPT).read_text(encoding="utf-8")


def script_config(build: Build) -> dict:
    found = re.search(r"var CONFIG\s*=\s*(\{.*?\});", banner_script(build), re.DOTALL)
    assert found, "banner.js carries no CONFIG"
    return json.loads(found.group(1))


def test_the_banner_script_carries_the_pages_words_and_addresses(busy: Build) -> None:
    config = script_config(busy)
    folder = posixpath.dirname(urls.BANNER_SCRIPT) + "/"  # links are relative to the script
    assert resolve(folder, config["statusJson"]) == urls.STATUS_JSON
    assert resolve(folder, config["statusPage"]) == urls.STATUS_HOME
    words = config["words"]
    assert words["overdue"] == wording.OVERDUE
    assert words["next"] == wording.NEXT_UPDATE
    assert words["workUntil"] == wording.WORK_UNTIL
    assert words["states"] == wording.STATE_LABELS
    assert words["link"] == "see the status page"


@pytest.mark.parametrize("address", [urls.BANNER_SCRIPT, urls.STATUS_SCRIPT])
def test_the_scripts_only_ever_write_text_and_leave_no_trace_on_a_page(
        busy: Build, address: str) -> None:
    """Words from the data are set as text; an intranet page without a UTF-8 charset
    shows them right (ASCII only); nothing is added to the host page's names."""
    source = (busy.site / address).read_bytes()
    assert source.isascii(), f"{address} has characters outside ASCII"
    text = source.decode("ascii")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "window.Bedside"):
        assert sink not in text, f"{address} uses {sink}"
    assert "textContent" in text
    assert text.startswith("(function(){") and text.rstrip().endswith("})();")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("address", [urls.BANNER_SCRIPT, urls.STATUS_SCRIPT])
def test_the_scripts_are_valid_javascript(busy: Build, address: str) -> None:
    proc = subprocess.run(["node", "--check", str(busy.site / address)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


# --- bedside check: promises and notify.yml ------------------------------------------------


def test_bedside_check_names_the_overdue_incident_and_the_bad_notify_file(
        tmp_path: Path) -> None:
    tree = tmp_path / "status"
    shutil.copytree(TREES / TREE, tree)
    (tree / "notify.yml").write_text(
        "channels:\n"
        "  - id: finance-teams\n"
        "    type: teams\n"
        "    url_env: FINANCE_TEAMS_URL\n"
        "    audiences: [finanse]\n", encoding="utf-8")
    env = {**os.environ, "BEDSIDE_NOW": NOW}
    env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run([sys.executable, "-m", "macros.cli", "check", "--dir", str(tree)],
                          capture_output=True, text=True, cwd=REPO, env=env)
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    overdue = f"{tree}/incidents/2026-11-20-ward-labels.yml:12:18: warning: " \
              "updates[0].next_update: we promised an update by 08:00 on 20 Nov"
    assert overdue in out
    assert f'{tree}/notify.yml:5:17: error: channels[0].audiences[0]: "finanse" is not an ' \
           'audience in components.yml (did you mean "finance"?)' in out
    assert "1 error and 1 warning in 2 files." in out
    # Incidents whose promise still stands are not flagged.
    assert "2026-11-20-ehr-slow.yml" not in out
