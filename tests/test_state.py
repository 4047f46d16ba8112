"""What the status page says at a given moment: component states, the banner level,
open and resolved incidents, planned work by phase, and durations, with fixed clocks
(including the nights the clocks change in Europe/London)."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from macros.loader import load_tree
from macros.model import StatusTree
from macros.state import (
    CANCELLED,
    COMPLETED,
    IN_PROGRESS,
    UNANNOUNCED,
    UPCOMING,
    compute_state,
    incident_duration,
    is_overdue,
    maintenance_phase,
)
from tests.helpers import TREES


def at(text: str) -> datetime:
    """A moment written with its offset, as a test clock."""
    return datetime.fromisoformat(text)


def tree_with(tmp_path: Path, *, incidents: dict[str, str] | None = None,
              maintenance: dict[str, str] | None = None, keep_basic: bool = False
              ) -> StatusTree:
    """The basic fixture's components with only the given incident and maintenance files."""
    root = tmp_path / "status"
    shutil.copytree(TREES / "basic", root)
    if not keep_basic:
        for folder in ("incidents", "maintenance"):
            for path in (root / folder).iterdir():
                path.unlink()
    for folder, files in (("incidents", incidents), ("maintenance", maintenance)):
        for name, text in (files or {}).items():
            (root / folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return load_tree(root)


def incident(title: str, impact: str, components: str, *updates: str) -> str:
    body = "".join(updates)
    return (f"title: {title}\nimpact: {impact}\ncomponents: {{{components}}}\n"
            f"affects: Everyone\nupdates:\n{body}")


def open_update(when: str, status: str = "investigating", next_update: str = "") -> str:
    promised = next_update or (datetime.fromisoformat(when) + timedelta(minutes=30)).isoformat()
    return (f"  - at: {when}\n    status: {status}\n    message: Still looking.\n"
            f"    next_update: {promised}\n")


def resolved_update(when: str) -> str:
    return (f"  - at: {when}\n    status: resolved\n    message: Working again.\n"
            "    data_impact: Nothing was lost.\n")


def planned(start: str, end: str, components: str = "ehr: under_maintenance",
            extra: str = "") -> str:
    return (f"title: Upgrade\ncomponents: {{{components}}}\naffects: Everyone\n"
            f"window: {{start: {start}, end: {end}}}\nwhy: Fixes.\nbenefit: Faster.\n"
            f"during: Use paper.\ncontact: Service desk, ext. 4444\n{extra}")


# --- the fixture incident seen at different moments -----------------------------


@pytest.fixture
def basic(tmp_path: Path) -> StatusTree:
    return tree_with(tmp_path, keep_basic=True)


def test_before_the_first_update_the_incident_is_not_shown_at_all(basic: StatusTree) -> None:
    state = compute_state(basic, at("2026-11-20T08:00+00:00"))
    assert "2026-11-20-ehr-slow" not in {i.id for i in state.open_incidents + state.resolved}
    assert state.component_states["ehr"] == "operational"


def test_at_0830_the_page_shows_what_was_written_by_then(basic: StatusTree) -> None:
    state = compute_state(basic, at("2026-11-20T08:30+00:00"))
    [shown] = state.open_incidents
    assert shown.id == "2026-11-20-ehr-slow"
    assert shown.latest.status == "investigating"
    assert shown.latest.next_update == at("2026-11-20T08:45+00:00")
    assert state.component_states["ehr"] == "degraded_performance"
    assert state.causes["ehr"] == ("2026-11-20-ehr-slow",)
    assert state.indicator == "major"
    assert shown.id not in {i.id for i in state.resolved}


def test_later_updates_appear_as_the_clock_passes_them(basic: StatusTree) -> None:
    state = compute_state(basic, at("2026-11-20T09:20+00:00"))
    assert [u.status for u in state.open_incidents[0].updates] == [
        "investigating", "identified", "monitoring"]


def test_once_resolved_it_moves_to_the_history(basic: StatusTree) -> None:
    state = compute_state(basic, at("2026-11-20T09:40+00:00"))
    assert state.open_incidents == ()
    assert [i.id for i in state.resolved] == ["2026-11-20-ehr-slow",
                                              "2026-11-02-printing-ward-labels"]
    assert state.component_states["ehr"] == "operational"
    assert state.indicator == "none"
    assert state.all_well


# --- component states and the banner level --------------------------------------


def test_a_component_shows_the_worst_of_its_open_incidents_and_work_in_progress(
        tmp_path: Path) -> None:
    tree = tree_with(
        tmp_path,
        incidents={
            "2026-11-20-slow": incident("Slow", "minor", "ehr: degraded_performance",
                                        open_update("2026-11-20T08:00+00:00")),
            "2026-11-20-down": incident("Down", "major", "ehr: partial_outage, email: major_outage",
                                        open_update("2026-11-20T08:10+00:00")),
            "2026-11-19-old": incident("Old", "critical", "ehr: major_outage",
                                       open_update("2026-11-19T08:00+00:00"),
                                       resolved_update("2026-11-19T09:00+00:00")),
        },
        maintenance={"2026-11-20-work": planned("2026-11-20T07:00", "2026-11-20T10:00",
                                                "ehr: under_maintenance, wifi: under_maintenance")},
    )
    state = compute_state(tree, at("2026-11-20T08:30+00:00"))
    assert state.component_states["ehr"] == "partial_outage"
    assert state.component_states["email"] == "major_outage"
    assert state.component_states["wifi"] == "under_maintenance"
    assert state.component_states["printing"] == "operational"
    assert set(state.causes["ehr"]) == {"2026-11-20-slow", "2026-11-20-down", "2026-11-20-work"}
    assert state.indicator == "major"  # the resolved critical one no longer counts
    # the worst first
    assert [i.id for i in state.open_incidents] == ["2026-11-20-down", "2026-11-20-slow"]


def test_open_problems_come_worst_first_then_latest_news_first(tmp_path: Path) -> None:
    """The banner names the worst problem, so its card comes first, even when a
    smaller problem had news since."""
    tree = tree_with(tmp_path, incidents={
        "2026-11-20-theatre": incident("Theatre lists", "minor", "ehr: degraded_performance",
                                       open_update("2026-11-20T08:25+00:00")),
        "2026-11-20-slow": incident("Records slow", "major", "ehr: partial_outage",
                                    open_update("2026-11-20T07:50+00:00")),
        "2026-11-20-labels": incident("Labels", "minor", "printing: partial_outage",
                                      open_update("2026-11-20T08:05+00:00")),
        "2026-11-20-mail": incident("Mail", "major", "email: partial_outage",
                                    open_update("2026-11-20T07:40+00:00")),
    })
    state = compute_state(tree, at("2026-11-20T08:30+00:00"))
    assert [i.id for i in state.open_incidents] == [
        "2026-11-20-slow", "2026-11-20-mail", "2026-11-20-theatre", "2026-11-20-labels"]


def test_planned_work_alone_sets_the_maintenance_level(tmp_path: Path) -> None:
    tree = tree_with(tmp_path, maintenance={
        "2026-11-20-work": planned("2026-11-20T07:00", "2026-11-20T10:00")})
    assert compute_state(tree, at("2026-11-20T08:00+00:00")).indicator == "maintenance"
    assert compute_state(tree, at("2026-11-20T06:59+00:00")).indicator == "none"
    assert compute_state(tree, at("2026-11-20T10:00+00:00")).indicator == "none"


def test_an_incident_with_no_impact_does_not_raise_the_level(tmp_path: Path) -> None:
    tree = tree_with(
        tmp_path,
        incidents={"2026-11-20-note": incident("Note", "none", "email: operational",
                                               open_update("2026-11-20T08:00+00:00"))},
        maintenance={"2026-11-20-work": planned("2026-11-20T07:00", "2026-11-20T10:00")})
    state = compute_state(tree, at("2026-11-20T08:30+00:00"))
    assert state.indicator == "maintenance"
    assert len(state.open_incidents) == 1


def test_critical_wins_over_major(tmp_path: Path) -> None:
    tree = tree_with(tmp_path, incidents={
        "2026-11-20-a": incident("A", "major", "email: partial_outage",
                                 open_update("2026-11-20T08:00+00:00")),
        "2026-11-20-b": incident("B", "critical", "ehr: major_outage",
                                 open_update("2026-11-20T08:05+00:00")),
    })
    assert compute_state(tree, at("2026-11-20T08:30+00:00")).indicator == "critical"


# --- promises and durations ------------------------------------------------------


def test_an_update_is_overdue_only_after_the_promised_time(tmp_path: Path) -> None:
    tree = tree_with(tmp_path, incidents={"2026-11-20-a": incident(
        "A", "major", "email: partial_outage",
        open_update("2026-11-20T08:15+00:00", next_update="2026-11-20T08:45+00:00"))})
    [item] = tree.incidents
    assert not is_overdue(item, at("2026-11-20T08:45+00:00"))
    assert is_overdue(item, at("2026-11-20T08:46+00:00"))
    assert compute_state(tree, at("2026-11-20T08:46+00:00")).overdue == (item,)


def test_a_resolved_incident_is_never_overdue(basic: StatusTree) -> None:
    slow = next(i for i in basic.incidents if i.id == "2026-11-20-ehr-slow")
    assert not is_overdue(slow, at("2026-11-21T12:00+00:00"))
    # ...but it was, seen from a moment when it was open and the promise had passed
    assert is_overdue(slow, at("2026-11-20T09:16+00:00")) is False  # 09:10 promised 09:40
    assert is_overdue(slow, at("2026-11-20T08:43+00:00")) is False


def test_duration_is_from_first_update_to_resolution(basic: StatusTree) -> None:
    slow = next(i for i in basic.incidents if i.id == "2026-11-20-ehr-slow")
    assert incident_duration(slow) == timedelta(hours=1, minutes=25)
    assert incident_duration(slow, at("2026-11-20T09:00+00:00")) == timedelta(minutes=45)


def test_duration_across_the_night_the_clocks_go_back(tmp_path: Path) -> None:
    """00:30 BST to 02:00 GMT on 25 October 2026 is two and a half hours, not one and a half."""
    tree = tree_with(tmp_path, incidents={"2026-10-25-night": incident(
        "Night", "minor", "email: partial_outage",
        open_update("2026-10-25T00:30", next_update="2026-10-25T01:00"),
        resolved_update("2026-10-25T02:00"))})
    [item] = tree.incidents
    assert item.started_at.utcoffset() == timedelta(hours=1)
    assert item.resolved_at is not None and item.resolved_at.utcoffset() == timedelta(0)
    assert incident_duration(item) == timedelta(hours=2, minutes=30)


def test_duration_across_the_night_the_clocks_go_forward(tmp_path: Path) -> None:
    """00:30 GMT to 03:00 BST on 29 March 2026 is one and a half hours."""
    tree = tree_with(tmp_path, incidents={"2026-03-29-night": incident(
        "Night", "minor", "email: partial_outage",
        open_update("2026-03-29T00:30", next_update="2026-03-29T00:59"),
        resolved_update("2026-03-29T03:00"))})
    assert incident_duration(tree.incidents[0]) == timedelta(hours=1, minutes=30)


def test_the_repeated_hour_can_be_told_apart_with_offsets(tmp_path: Path) -> None:
    tree = tree_with(tmp_path, incidents={"2026-10-25-twice": incident(
        "Twice", "minor", "email: partial_outage",
        open_update("2026-10-25T01:30+01:00", next_update="2026-10-25T01:10+00:00"),
        resolved_update("2026-10-25T01:10+00:00"))})
    assert incident_duration(tree.incidents[0]) == timedelta(minutes=40)


# --- planned work -----------------------------------------------------------------


def test_planned_work_moves_through_its_phases(basic: StatusTree) -> None:
    upgrade = next(m for m in basic.maintenance if m.id == "2026-12-06-ehr-upgrade")
    assert maintenance_phase(upgrade, at("2026-11-22T08:59+00:00")) == UNANNOUNCED
    assert maintenance_phase(upgrade, at("2026-11-22T09:00+00:00")) == UPCOMING
    assert maintenance_phase(upgrade, at("2026-12-06T21:59+00:00")) == UPCOMING
    assert maintenance_phase(upgrade, at("2026-12-06T22:00+00:00")) == IN_PROGRESS
    assert maintenance_phase(upgrade, at("2026-12-07T01:59+00:00")) == IN_PROGRESS
    assert maintenance_phase(upgrade, at("2026-12-07T02:00+00:00")) == COMPLETED


def test_work_cancelled_before_it_was_announced_stays_unannounced(tmp_path: Path) -> None:
    """Nothing is published before `announce_from`, not even that the work is off."""
    tree = tree_with(tmp_path, maintenance={"2026-12-10-quiet": planned(
        "2026-12-10T22:00", "2026-12-10T23:00",
        extra="announce_from: 2026-12-01T09:00\nupdates:\n  - at: 2026-11-25T10:00\n"
              "    status: cancelled\n    message: Not needed after all.\n")})
    [item] = tree.maintenance
    assert maintenance_phase(item, at("2026-11-26T09:00+00:00")) == UNANNOUNCED
    assert compute_state(tree, at("2026-11-26T09:00+00:00")).cancelled == ()
    assert maintenance_phase(item, at("2026-12-01T09:00+00:00")) == CANCELLED


def test_unannounced_work_is_in_no_list(basic: StatusTree) -> None:
    state = compute_state(basic, at("2026-11-20T08:30+00:00"))
    shown = {m.id for m in state.upcoming + state.in_progress + state.completed}
    assert "2026-12-06-ehr-upgrade" not in shown
    assert "2026-11-30-payroll-update" in {m.id for m in state.upcoming_soon}


def test_upcoming_soon_means_within_fourteen_days(tmp_path: Path) -> None:
    tree = tree_with(tmp_path, maintenance={
        "2026-12-04-near": planned("2026-12-04T22:00", "2026-12-04T23:00"),
        "2026-12-05-far": planned("2026-12-05T22:00", "2026-12-05T23:00"),
    })
    state = compute_state(tree, at("2026-11-20T22:00+00:00"))
    assert [m.id for m in state.upcoming] == ["2026-12-04-near", "2026-12-05-far"]
    assert [m.id for m in state.upcoming_soon] == ["2026-12-04-near"]


def test_naive_times_mean_the_site_zone_in_summer(tmp_path: Path) -> None:
    """22:00 in July in London is 21:00 UTC."""
    tree = tree_with(tmp_path, maintenance={
        "2026-07-01-summer": planned("2026-07-01T22:00", "2026-07-01T23:00")})
    [item] = tree.maintenance
    assert maintenance_phase(item, at("2026-07-01T20:59+00:00")) == UPCOMING
    assert maintenance_phase(item, at("2026-07-01T21:00+00:00")) == IN_PROGRESS
    assert maintenance_phase(item, at("2026-07-01T22:00+00:00")) == COMPLETED


def test_work_across_the_night_the_clocks_go_back(tmp_path: Path) -> None:
    """22:00 BST on 24 October to 02:00 GMT on 25 October lasts five hours."""
    tree = tree_with(tmp_path, maintenance={
        "2026-10-24-night": planned("2026-10-24T22:00", "2026-10-25T02:00")})
    [item] = tree.maintenance
    assert item.end - item.start == timedelta(hours=5)
    assert maintenance_phase(item, at("2026-10-25T01:30+00:00")) == IN_PROGRESS
    assert maintenance_phase(item, at("2026-10-25T02:00+00:00")) == COMPLETED


def test_a_cancelled_update_cancels_the_work_from_when_it_was_written(tmp_path: Path) -> None:
    tree = tree_with(tmp_path, maintenance={"2026-11-30-off": planned(
        "2026-11-30T22:00", "2026-11-30T23:00",
        extra="updates:\n  - at: 2026-11-28T10:00\n    status: cancelled\n"
              "    message: The supplier asked to move it.\n")})
    [item] = tree.maintenance
    assert maintenance_phase(item, at("2026-11-28T09:59+00:00")) == UPCOMING
    assert maintenance_phase(item, at("2026-11-28T10:00+00:00")) == CANCELLED
    state = compute_state(tree, at("2026-11-30T22:30+00:00"))
    assert state.in_progress == ()
    assert [m.id for m in state.cancelled] == ["2026-11-30-off"]
    assert state.component_states["ehr"] == "operational"


def test_work_finished_early_or_overrunning_follows_its_updates(tmp_path: Path) -> None:
    tree = tree_with(tmp_path, maintenance={
        "2026-11-30-early": planned(
            "2026-11-30T22:00", "2026-11-30T23:00", "email: under_maintenance",
            extra="updates:\n  - at: 2026-11-30T22:20\n    status: completed\n"
                  "    message: Finished early.\n"),
        "2026-11-30-late": planned(
            "2026-11-30T22:00", "2026-11-30T23:00",
            extra="updates:\n  - at: 2026-11-30T23:05\n    status: in_progress\n"
                  "    message: Taking longer than planned, back by midnight.\n"),
    })
    state = compute_state(tree, at("2026-11-30T23:30+00:00"))
    assert [m.id for m in state.in_progress] == ["2026-11-30-late"]
    assert "2026-11-30-early" in {m.id for m in state.completed}
    assert state.component_states["ehr"] == "under_maintenance"
    assert state.component_states["email"] == "operational"
