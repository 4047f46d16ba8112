"""The API follows Statuspage's public API v2 field by field: the types its clients
expect, its vocabulary, `affected_components`, the maintenance lifecycle, and a
`page.url` that clients can add `api/v2/...` to."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from macros import urls
from macros.status_document.components import STATUS_DESCRIPTIONS, status_description
from macros.status_document.edition import Edition
from macros.status_document.statuspage import api_documents
from tests.test_outputs import HOSTILE, LIVE, LIVE_NOW, context_at, edition_at, write_site

# Statuspage's public API v2, object by object: each field and the JSON types it may
# have (as its documentation and its published pages give them).
STR, INT, BOOL, NULL, LIST = str, int, bool, type(None), list
SHAPES = {
    "page": {"id": STR, "name": STR, "url": STR, "time_zone": STR, "updated_at": STR},
    "status": {"indicator": STR, "description": STR},
    "component": {"id": STR, "name": STR, "status": STR, "created_at": STR,
                  "updated_at": STR, "position": INT, "description": (STR, NULL),
                  "showcase": BOOL, "start_date": (STR, NULL), "group_id": (STR, NULL),
                  "page_id": STR, "group": BOOL, "only_show_if_degraded": BOOL},
    "incident": {"id": STR, "name": STR, "status": STR, "created_at": STR,
                 "updated_at": (STR, NULL), "monitoring_at": (STR, NULL),
                 "resolved_at": (STR, NULL), "impact": STR, "shortlink": STR,
                 "started_at": STR, "page_id": STR, "incident_updates": LIST,
                 "components": LIST},
    "update": {"id": STR, "status": STR, "body": STR, "incident_id": STR, "created_at": STR,
               "updated_at": STR, "display_at": STR, "affected_components": (LIST, NULL),
               "deliver_notifications": BOOL, "custom_tweet": (STR, NULL),
               "tweet_id": (STR, NULL)},
    "affected": {"code": STR, "name": STR, "old_status": STR, "new_status": STR},
    "maintenance": {"scheduled_for": STR, "scheduled_until": STR},
}
COMPONENT_STATES = {"operational", "degraded_performance", "partial_outage", "major_outage",
                    "under_maintenance"}
SCENARIOS = [
    (LIVE, LIVE_NOW),
    (LIVE, "2026-11-20T11:00+00:00"),
    (LIVE, "2026-11-30T18:30+00:00"),
    (LIVE, "2026-12-06T23:00+00:00"),
    ("basic", "2026-11-20T08:30+00:00"),
    ("all-well", "2026-11-20T08:30+00:00"),
    ("maintenance-in-progress", "2026-11-30T19:00+00:00"),
    (HOSTILE, "2026-11-20T08:30+00:00"),
]


def shape_errors(value: dict, shape: str, where: str) -> list[str]:
    return [f"{where}.{key}: {type(value.get(key)).__name__}"
            for key, types in SHAPES[shape].items()
            if key not in value or not isinstance(value[key], types)
            or (types is INT and isinstance(value[key], bool))]


def event_errors(item: dict, shape: str, where: str) -> list[str]:
    errors = shape_errors(item, "incident", where)
    if shape == "maintenance":
        errors += shape_errors(item, "maintenance", where)
    for number, update in enumerate(item["incident_updates"]):
        errors += shape_errors(update, "update", f"{where}.incident_updates[{number}]")
        for change in update["affected_components"] or []:
            errors += shape_errors(change, "affected", f"{where} affected")
    for component in item["components"]:
        errors += shape_errors(component, "component", f"{where}.components")
    return errors


@pytest.mark.parametrize(("tree", "now"), SCENARIOS)
def test_every_field_has_the_type_statuspage_clients_expect(tree: str, now: str) -> None:
    errors: list[str] = []
    for name, document in api_documents(edition_at(tree, now)).items():
        errors += shape_errors(document["page"], "page", f"{name}.page")
        if "status" in document:
            errors += shape_errors(document["status"], "status", f"{name}.status")
        for component in document.get("components", []):
            errors += shape_errors(component, "component", f"{name}.components")
        for incident in document.get("incidents", []):
            errors += event_errors(incident, "incident", f"{name}.incidents")
        for item in document.get("scheduled_maintenances", []):
            errors += event_errors(item, "maintenance", f"{name}.scheduled_maintenances")
    assert errors == []


@pytest.mark.parametrize(("tree", "now"), SCENARIOS)
def test_every_component_time_is_a_time_string(tree: str, now: str) -> None:
    components = api_documents(edition_at(tree, now))["components"]["components"]
    for component in components:
        created = datetime.fromisoformat(component["created_at"])
        assert created <= datetime.fromisoformat(component["updated_at"])
        assert component["start_date"] == created.date().isoformat()


@pytest.mark.parametrize(("tree", "now"), SCENARIOS)
def test_the_status_description_uses_statuspage_words(tree: str, now: str) -> None:
    status = api_documents(edition_at(tree, now))["status"]["status"]
    assert status["description"] in STATUS_DESCRIPTIONS


def test_the_status_description_blends_the_systems_and_follows_the_indicator() -> None:
    def description(tree: str, now: str) -> str:
        return api_documents(edition_at(tree, now))["summary"]["status"]["description"]

    assert description("all-well", "2026-11-20T08:30+00:00") == "All Systems Operational"
    assert description("maintenance-in-progress", "2026-11-30T19:00+00:00") == \
        "Service Under Maintenance"
    assert description(LIVE, LIVE_NOW) == "Partial System Outage"  # a major problem
    assert status_description("minor", ["degraded_performance", "operational"]) == \
        "Partially Degraded Service"
    assert status_description("minor", ["degraded_performance"]) == "Degraded System Service"
    assert status_description("major", ["major_outage", "operational"]) == \
        "Partial System Outage"
    assert status_description("critical", ["major_outage", "major_outage"]) == \
        "Major System Outage"
    assert status_description("critical", ["operational"]) == "Major System Outage"


@pytest.mark.parametrize("site_url", ["https://it.eastbrook.example.org/",
                                      "https://eastbrook.github.io/bedside/"])
def test_page_url_is_the_site_root_where_api_v2_lives(site_url: str, tmp_path: Path) -> None:
    """A client adds /api/v2/summary.json to page.url, as it does for Statuspage."""
    context = context_at(LIVE, LIVE_NOW)
    edition = Edition(context.tree, context.state, site_url, "IT")
    page = api_documents(edition)["summary"]["page"]
    assert page["url"] == site_url.rstrip("/")
    for address in urls.API_FILES.values():
        assert f"{page['url']}/{address}" == site_url + address
    site = write_site(LIVE, LIVE_NOW, tmp_path / "site")
    for address in urls.API_FILES.values():
        assert (site / address).is_file()


# --- what the timeline says -------------------------------------------------------------


def timeline(document: dict, work_id: str) -> list[dict]:
    for key in ("incidents", "scheduled_maintenances"):
        for item in document.get(key, []):
            if item["id"] == work_id:
                return item["incident_updates"]
    raise AssertionError(f"{work_id} is not listed")


def test_an_incident_says_which_systems_its_first_and_last_updates_changed() -> None:
    documents = api_documents(edition_at(LIVE, LIVE_NOW))
    resolved, first = timeline(documents["incidents"], "2026-11-02-printing-labels")
    change = {"code": "printing", "name": "Printing"}
    assert first["affected_components"] == [
        {**change, "old_status": "operational", "new_status": "partial_outage"}]
    assert resolved["affected_components"] == [
        {**change, "old_status": "partial_outage", "new_status": "operational"}]
    middle = timeline(documents["incidents"], "2026-11-20-ehr-slow")[0]
    assert middle["status"] == "identified" and middle["affected_components"] is None


def test_planned_work_moves_through_statuspage_lifecycle_as_the_clock_does() -> None:
    payroll = "2026-11-30-payroll-update"

    def work(now: str) -> dict:
        document = api_documents(edition_at(LIVE, now))["maintenances"]
        found, = (m for m in document["scheduled_maintenances"] if m["id"] == payroll)
        return found

    before, during, after = (work("2026-11-30T17:00+00:00"), work("2026-11-30T18:30+00:00"),
                             work("2026-11-30T22:00+00:00"))
    assert [u["status"] for u in before["incident_updates"]] == ["scheduled"]
    assert before["status"] == "scheduled" and before["resolved_at"] is None

    assert during["status"] == "in_progress"
    started = during["incident_updates"][0]
    assert (started["status"], started["created_at"]) == ("in_progress",
                                                          "2026-11-30T18:00:00+00:00")
    assert started["body"] == "Started at 18:00. We expect to finish by 21:00."
    assert started["affected_components"] == [{
        "code": "payroll", "name": "Payroll and e-rostering",
        "old_status": "operational", "new_status": "under_maintenance"}]
    assert during["updated_at"] == "2026-11-30T18:00:00+00:00"

    assert after["status"] == "completed"
    assert [u["status"] for u in after["incident_updates"]] == [
        "completed", "in_progress", "scheduled"]
    finished = after["incident_updates"][0]
    assert finished["body"] == "Finished at 21:00."
    assert finished["affected_components"][0]["new_status"] == "operational"
    assert after["resolved_at"] == after["updated_at"] == "2026-11-30T21:00:00+00:00"


def test_an_update_the_it_team_wrote_is_not_repeated_by_the_clock() -> None:
    drivers = "2026-11-20-printing-drivers"  # its file says when the work started
    document = api_documents(edition_at(LIVE, "2026-11-20T11:00+00:00"))["maintenances"]
    statuses = [(u["status"], u["id"]) for u in timeline(document, drivers)]
    assert statuses == [("completed", f"{drivers}-finished"), ("in_progress", f"{drivers}-0"),
                        ("scheduled", f"{drivers}-announced")]
    written = timeline(document, drivers)[1]
    assert written["affected_components"][0]["new_status"] == "under_maintenance"


def test_every_component_state_is_one_statuspage_knows() -> None:
    for tree, now in SCENARIOS:
        for component in api_documents(edition_at(tree, now))["components"]["components"]:
            assert component["status"] in COMPONENT_STATES
