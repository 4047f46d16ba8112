"""A system's state changes during an incident: `bedside update --component`, `resolve`
making every system work again, and "monitoring" reading as fixed, not as an outage."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from macros import cli
from macros.loader import check_tree, load_tree
from macros.render.pages import render_incident_page
from macros.render.view import View
from macros.signals import SnapshotView
from macros.state import compute_state, tree_as_of
from macros.wording import banner
from tests.dom import parse
from tests.helpers import copy_tree

OPEN = [
    "new", "incident", "--title", "Patient records will not open",
    "--component", "ehr=major_outage", "--component", "lab-results=degraded_performance",
    "--impact", "major", "--affects", "Everyone on all sites",
    "--message", "Records show an error when you open them. Orders are safe.",
    "--workaround", "Use the downtime forms at the nurses' station.",
]
ID = "2026-11-21-patient-records-will-not-open"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("BEDSIDE_STATUS_DIR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    return copy_tree("basic", tmp_path)


@pytest.fixture
def bedside(tree: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    def run(*args: str, at: str) -> tuple[int, str, str]:
        monkeypatch.setenv("BEDSIDE_NOW", at)
        code = cli.main([*args, "--dir", str(tree)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def state_at(tree: Path, at: str):
    loaded = load_tree(tree)
    return loaded, compute_state(loaded, datetime.fromisoformat(at))


def test_a_systems_state_changes_mid_incident_and_resolving_makes_all_work(
        tree: Path, bedside) -> None:
    assert bedside(*OPEN, at="2026-11-21T10:05+00:00")[0] == 0
    _, state = state_at(tree, "2026-11-21T10:06+00:00")
    assert state.component_states["ehr"] == "major_outage"

    code, _, err = bedside("update", "will-not-open", "--status", "identified",
                             "--component", "ehr=partial_outage", "--message",
                             "Records open on some wards again. We are fixing the rest.",
                             at="2026-11-21T10:30+00:00")
    assert (code, err) == (0, "")
    path = tree / "incidents" / f"{ID}.yml"
    assert "    status: identified\n    components: {ehr: partial_outage}\n" in path.read_text()
    loaded, state = state_at(tree, "2026-11-21T10:31+00:00")
    assert state.component_states["ehr"] == "partial_outage"
    assert state.component_states["lab-results"] == "degraded_performance"
    # The file's own map still says how it started (the 90-day history uses it).
    assert loaded.incidents[-1].components["ehr"] == "major_outage"

    code, _, _ = bedside("resolve", "will-not-open", "--message", "Records open normally.",
                           "--data-impact", "No records or orders were lost.",
                           at="2026-11-21T11:00+00:00")
    assert code == 0
    loaded, state = state_at(tree, "2026-11-21T11:01+00:00")
    [incident] = [i for i in loaded.incidents if i.id == ID]
    assert incident.current_components == {"ehr": "operational",
                                           "lab-results": "operational"}
    assert state.component_states["ehr"] == "operational"


def test_resolve_will_not_leave_a_system_broken(tree: Path, bedside) -> None:
    bedside(*OPEN, at="2026-11-21T10:05+00:00")
    path = tree / "incidents" / f"{ID}.yml"
    before = path.read_bytes()
    code, _, err = bedside("resolve", "will-not-open", "--component",
                           "lab-results=degraded_performance", "--message", "Records open.",
                           "--data-impact", "Nothing was lost.", at="2026-11-21T11:00+00:00")
    assert code == 2
    assert "Resolving makes every system of the incident work again on the page, so " \
           "--component lab-results=degraded_performance cannot go with it." in err
    assert "update 2026-11-21-patient-records-will-not-open --status monitoring " \
           "--component lab-results=degraded_performance" in err
    assert path.read_bytes() == before
    # `resolve --component x=operational` says what resolving does anyway.
    code, _, _ = bedside("resolve", "will-not-open", "--status", str(tree), "--component",
                         "ehr=operational", "--message", "Records open normally.",
                         "--data-impact", "Nothing was lost.", at="2026-11-21T11:00+00:00")
    assert code == 0
    assert "components:" not in path.read_text().split("status: resolved")[1]


@pytest.mark.parametrize(("given", "words"), [
    ("email=operational", '--component: "email" is not one of this incident\'s systems '
                          "(ehr, lab-results)."),
    ("ehr=fine", "--component ehr=fine: say how ehr is now, one of operational, "
                  "under_maintenance, degraded_performance, partial_outage, major_outage "
                  '(did you mean "operational"?).'),
    ("ehr", "--component ehr: say how ehr is now"),
])
def test_a_wrong_component_is_explained(tree: Path, bedside, given: str, words: str) -> None:
    bedside(*OPEN, at="2026-11-21T10:05+00:00")
    code, _, err = bedside("update", "will-not-open", "--component", given, "--message",
                           "We are still working on it.", at="2026-11-21T10:20+00:00")
    assert code == 2
    assert words in err


def test_monitoring_reads_as_fixed_and_watched_not_as_an_outage(tree: Path, bedside) -> None:
    bedside(*OPEN, at="2026-11-21T10:05+00:00")
    loaded, state = state_at(tree, "2026-11-21T10:06+00:00")
    said = banner(loaded, state)
    assert (said.level, said.label) == ("major", "Problems")

    code, out, _ = bedside("update", "will-not-open", "--status", "monitoring", "--component",
                           "ehr=operational", "--message",
                           "Records open again. We are watching closely.",
                           at="2026-11-21T10:40+00:00")
    assert code == 0
    # A system the update left as it was is named, with the option that changes it.
    assert "Note: lab-results is still marked degraded_performance. If it works again, add " \
           "--component lab-results=operational" in out
    loaded, state = state_at(tree, "2026-11-21T10:41+00:00")
    said = banner(loaded, state)
    assert (said.level, said.icon, said.label) == ("monitoring", "ok",
                                                   "Fixed, watching closely")
    assert said.sentence == "Patient records will not open"
    assert state.indicator == "none"
    assert state.component_states["ehr"] == "operational"


def test_an_update_may_only_change_the_incidents_own_systems(tree: Path) -> None:
    path = tree / "incidents" / "2026-11-21-labels.yml"
    path.write_text(
        "title: Labels do not print\nimpact: minor\ncomponents:\n  printing: partial_outage\n"
        "affects: Wards\nupdates:\n"
        "  - at: 2026-11-21T10:05\n    status: investigating\n    message: Labels fail.\n"
        "    workaround: Write labels by hand.\n    next_update: 2026-11-21T10:35\n"
        "  - at: 2026-11-21T10:20\n    status: identified\n    components: {printng: operational}\n"
        "    message: A queue was stuck.\n    workaround: Write labels by hand.\n"
        "    next_update: 2026-11-21T10:50\n"
        "  - at: 2026-11-21T10:40\n    status: resolved\n"
        "    components: {printing: partial_outage}\n"
        "    message: Labels print.\n    data_impact: Nothing was lost.\n")
    lines = [str(p) for p in check_tree(tree).problems if "labels" in p.path]
    assert lines == [
        "basic/incidents/2026-11-21-labels.yml:14:18: error: updates[1].components.printng: "
        "\"printng\" is not one of this incident's systems (printing); add it to components "
        'at the top of the file, with how it is affected (did you mean "printing"?)',
        "basic/incidents/2026-11-21-labels.yml:20:28: error: updates[2].components.printing: "
        "a resolved incident leaves every system working, so printing cannot be "
        "partial_outage here. If it is not fixed, post an update instead; if something else "
        "is wrong, open a new incident",
    ]


def test_the_page_of_a_resolved_incident_shows_its_systems_working_again(
        tree: Path, bedside) -> None:
    bedside(*OPEN, at="2026-11-21T10:05+00:00")
    bedside("resolve", "will-not-open", "--message", "Records open normally.",
            "--data-impact", "No records or orders were lost.", at="2026-11-21T11:00+00:00")
    moment = datetime.fromisoformat("2026-11-21T11:30+00:00")
    seen = tree_as_of(load_tree(tree), moment)
    view = View(seen, compute_state(seen, moment), SnapshotView.unavailable(),
                here=f"status/incidents/{ID}/")
    [incident] = [i for i in seen.incidents if i.id == ID]
    page = parse(str(render_incident_page(view, incident)))
    systems = [item.text() for item in page.find("ul", "bedside-systems").find_all("li")]
    assert systems == ["Patient records (EHR): Working", "Lab results: Working"]
