"""status.json and api/v2: the schema, the Statuspage shapes, and what they say."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from macros import urls
from macros.status_document.statuspage import api_documents
from tests.test_outputs import (
    API_ADDRESSES,
    HOSTILE,
    LIVE,
    LIVE_NOW,
    SITE_URL,
    copy_of,
    edition_at,
    load_json,
    write_site,
)

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "macros" / "schemas" / "status.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
REGISTRY = Registry().with_resource(SCHEMA["$id"], Resource.from_contents(SCHEMA))

# The keys Statuspage's public API v2 documents for each object.
STATUSPAGE_KEYS = {
    "page": {"id", "name", "url", "time_zone", "updated_at"},
    "status": {"indicator", "description"},
    "component": {"id", "name", "status", "created_at", "updated_at", "position",
                  "description", "showcase", "start_date", "group_id", "page_id", "group",
                  "only_show_if_degraded"},
    "incident": {"id", "name", "status", "created_at", "updated_at", "monitoring_at",
                 "resolved_at", "impact", "shortlink", "started_at", "page_id",
                 "incident_updates", "components"},
    "update": {"id", "status", "body", "incident_id", "created_at", "updated_at", "display_at",
               "affected_components", "deliver_notifications", "custom_tweet", "tweet_id"},
}
MAINTENANCE_KEYS = STATUSPAGE_KEYS["incident"] | {"scheduled_for", "scheduled_until"}
INCIDENT_STATUSES = {"investigating", "identified", "monitoring", "resolved", "postmortem"}
MAINTENANCE_STATUSES = {"scheduled", "in_progress", "verifying", "completed"}

# What each api/v2 file holds besides `page`, and the schema of its items.
ENVELOPES = {
    "status": {"status": "status"},
    "components": {"components": "component"},
    "incidents": {"incidents": "incident"},
    "unresolved": {"incidents": "unresolved_incident"},
    "maintenances": {"scheduled_maintenances": "maintenance"},
    "upcoming": {"scheduled_maintenances": "open_maintenance"},
    "active": {"scheduled_maintenances": "open_maintenance"},
}

SCENARIOS = [
    (LIVE, LIVE_NOW),
    (LIVE, "2026-11-25T10:00+00:00"),
    (LIVE, "2026-12-06T23:00+00:00"),
    ("basic", "2026-11-20T08:30+00:00"),
    ("basic", "2026-11-30T19:00+00:00"),
    (HOSTILE, "2026-11-20T08:30+00:00"),
    (HOSTILE, "2026-11-25T23:00+00:00"),
]


def validator(schema: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, registry=REGISTRY,
                                           format_checker=jsonschema.FormatChecker())


def envelope_schema(name: str) -> dict:
    """The schema of one api/v2 file, from the $defs of status.schema.json."""
    if name == "summary":
        return {"$ref": SCHEMA["$id"]}
    (key, item), = ENVELOPES[name].items()
    body = {"$ref": f"{SCHEMA['$id']}#/$defs/{item}"}
    return {
        "type": "object",
        "properties": {"page": {"$ref": f"{SCHEMA['$id']}#/$defs/page"},
                       key: body if name == "status" else {"type": "array", "items": body}},
        "required": ["page", key],
        "additionalProperties": False,
    }


def live_summary(now: str = LIVE_NOW) -> dict:
    return api_documents(edition_at(LIVE, now))["summary"]


# --- the schema ---------------------------------------------------------------------------


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_editors_and_ci_tools_accept_the_schema_and_the_file(tmp_path: Path) -> None:
    """check-jsonschema reads patterns as JavaScript regexes, as editors do."""
    site = write_site(LIVE, LIVE_NOW, tmp_path / "site")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(SCHEMA_PATH),
         str(site / urls.STATUS_JSON)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("tree", "now"), SCENARIOS)
def test_every_json_file_matches_the_schema(tree: str, now: str, tmp_path: Path) -> None:
    site = write_site(tree, now, tmp_path / "site")
    for name, address in {"summary": urls.STATUS_JSON, **urls.API_FILES}.items():
        errors = list(validator(envelope_schema(name)).iter_errors(load_json(site, address)))
        assert not errors, f"{address}: {errors[0].json_path}: {errors[0].message}"


def test_the_schema_rejects_what_statuspage_clients_could_not_read() -> None:
    summary = live_summary()
    check = validator(SCHEMA)
    assert check.is_valid(summary)

    cancelled_as_planned = copy.deepcopy(summary)
    cancelled_as_planned["scheduled_maintenances"][0]["status"] = "cancelled"
    no_offset = copy.deepcopy(summary)
    no_offset["incidents"][0]["created_at"] = "2026-11-20T08:15:00"
    script = copy.deepcopy(summary)
    script["incidents"][0]["workaround"] = "<script>alert(1)</script>"
    missing_field = copy.deepcopy(summary)
    del missing_field["scheduled_maintenances"][0]["prepare"]
    unknown_state = copy.deepcopy(summary)
    unknown_state["components"][1]["status"] = "degraded"
    for broken in (cancelled_as_planned, no_offset, script, missing_field, unknown_state):
        assert not check.is_valid(broken)


# --- the Statuspage shapes ----------------------------------------------------------------


@pytest.mark.parametrize(("tree", "now"), SCENARIOS)
def test_every_object_has_the_statuspage_keys_and_values(tree: str, now: str) -> None:
    documents = api_documents(edition_at(tree, now))
    for document in documents.values():
        assert document["page"].keys() >= STATUSPAGE_KEYS["page"]
    summary = documents["summary"]
    assert summary["status"].keys() >= STATUSPAGE_KEYS["status"]
    assert summary["status"]["indicator"] in {"none", "minor", "major", "critical",
                                              "maintenance"}
    for component in summary["components"]:
        assert component.keys() >= STATUSPAGE_KEYS["component"]
    for incident in documents["incidents"]["incidents"]:
        assert incident.keys() >= STATUSPAGE_KEYS["incident"]
        assert incident["status"] in INCIDENT_STATUSES
        for update in incident["incident_updates"]:
            assert update.keys() >= STATUSPAGE_KEYS["update"]
    for item in documents["maintenances"]["scheduled_maintenances"]:
        assert item.keys() >= MAINTENANCE_KEYS
        assert item["status"] in MAINTENANCE_STATUSES
        assert item["impact"] == "maintenance"


def test_each_api_file_lists_what_its_statuspage_namesake_lists(tmp_path: Path) -> None:
    site = write_site(LIVE, LIVE_NOW, tmp_path / "site")

    def ids(address: str, key: str) -> list[str]:
        return [item["id"] for item in load_json(site, address)[key]]

    assert ids("api/v2/incidents/unresolved.json", "incidents") == ["2026-11-20-ehr-slow"]
    assert ids("api/v2/incidents.json", "incidents") == [
        "2026-11-20-ehr-slow", "2026-11-02-printing-labels"]
    assert ids("api/v2/scheduled-maintenances/active.json", "scheduled_maintenances") == [
        "2026-11-20-printing-drivers"]
    assert ids("api/v2/scheduled-maintenances/upcoming.json", "scheduled_maintenances") == [
        "2026-11-30-payroll-update"]
    assert ids("api/v2/scheduled-maintenances.json", "scheduled_maintenances") == [
        "2026-11-30-payroll-update", "2026-11-20-printing-drivers", "2026-07-12-lab-analyser"]
    assert ids("api/v2/components.json", "components") == [
        "group-clinical-systems", "ehr", "lab-results",
        "group-everyday-tools", "printing", "payroll"]
    assert load_json(site, "api/v2/summary.json") == load_json(site, urls.STATUS_JSON)
    pages = {json.dumps(load_json(site, address)["page"]) for address in API_ADDRESSES}
    assert len(pages) == 1


# --- what status.json says ------------------------------------------------------------------


def test_status_json_tells_a_reader_what_is_wrong_and_what_to_do() -> None:
    summary = live_summary()
    assert summary["status"] == {"indicator": "major", "description": "Partial System Outage"}
    assert summary["banner"]["label"] == "Problems"
    assert summary["banner"]["sentence"] == "Patient records are slow to open"
    incident, = summary["incidents"]
    assert incident["status"] == "identified"
    assert incident["status_label"] == "Cause found"
    assert incident["affects"] == "Wards and clinics on the main site"
    assert incident["audiences"] == ["wards"]
    assert incident["workaround"] == "Use the read-only viewer on the ward PC for urgent look-ups."
    assert incident["next_update"] == "2026-11-20T09:15:00+00:00"
    assert incident["next_update_overdue"] is False
    assert incident["shortlink"] == SITE_URL + "status/incidents/2026-11-20-ehr-slow/"
    assert [u["status"] for u in incident["incident_updates"]] == ["identified", "investigating"]
    states = {c["id"]: (c["status"], c["status_label"]) for c in summary["components"]}
    assert states["ehr"] == ("partial_outage", "Partly not working")
    assert states["printing"] == ("under_maintenance", "Planned work")
    assert states["group-clinical-systems"] == ("partial_outage", "Partly not working")
    assert states["payroll"] == ("operational", "Working")


def test_status_json_says_how_to_prepare_for_planned_work() -> None:
    active, upcoming = live_summary()["scheduled_maintenances"]
    assert (active["id"], active["status"]) == ("2026-11-20-printing-drivers", "in_progress")
    assert (upcoming["id"], upcoming["status"]) == ("2026-11-30-payroll-update", "scheduled")
    assert upcoming["scheduled_for"] == "2026-11-30T18:00:00+00:00"
    assert upcoming["window_in_words"] == "Monday 30 November 2026, 18:00 to 21:00"
    assert upcoming["prepare"][0].startswith("Submit overtime claims")
    assert upcoming["contact"] == "Payroll team, ext. 2210"
    assert upcoming["calendar_url"] == \
        SITE_URL + "status/maintenance/2026-11-30-payroll-update/event.ics"
    assert upcoming["incident_updates"][-1]["body"].startswith(
        "Planned: Monday 30 November 2026, 18:00 to 21:00. The update adds")


def test_cancelled_work_is_left_out_of_statuspage_lists_but_told_in_bedside_fields() -> None:
    documents = api_documents(edition_at(LIVE, LIVE_NOW))
    listed = json.dumps({k: v for k, v in documents.items() if k != "summary"})
    assert "2026-11-22-lab-link" not in listed
    cancelled, = documents["summary"]["cancelled_maintenances"]
    assert cancelled["status"] == "cancelled"
    assert cancelled["status_label"] == "Cancelled"
    assert cancelled["incident_updates"][0]["body"].startswith("The new line is not ready yet")
    later = api_documents(edition_at(LIVE, "2026-11-22T08:00+00:00"))["summary"]
    assert later["cancelled_maintenances"] == []  # its window is over


def test_times_carry_the_offset_of_the_site_zone_in_summer_and_winter() -> None:
    documents = api_documents(edition_at(LIVE, LIVE_NOW))
    by_id = {m["id"]: m for m in documents["maintenances"]["scheduled_maintenances"]}
    summer = by_id["2026-07-12-lab-analyser"]
    assert summer["scheduled_for"] == "2026-07-12T22:00:00+01:00"
    assert summer["status"] == "completed"
    assert summer["resolved_at"] == "2026-07-12T23:20:00+01:00"
    assert by_id["2026-11-30-payroll-update"]["scheduled_for"] == "2026-11-30T18:00:00+00:00"


def test_a_resolved_incident_with_a_review_has_the_postmortem_status(tmp_path: Path) -> None:
    tree = copy_of(LIVE, tmp_path)
    path = tree / "incidents" / "2026-11-02-printing-labels.yml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "postmortem: docs/status/reviews/2026-11-02-printing-labels.md\n",
                    encoding="utf-8")
    incidents = api_documents(edition_at(tree, LIVE_NOW))["incidents"]["incidents"]
    assert {i["id"]: i["status"] for i in incidents}["2026-11-02-printing-labels"] == "postmortem"


# --- page.updated_at ------------------------------------------------------------------------


def updated_at(tree: str | Path, now: str) -> str:
    return api_documents(edition_at(tree, now))["summary"]["page"]["updated_at"]


def test_updated_at_stays_the_same_while_nothing_published_changes() -> None:
    assert updated_at(LIVE, LIVE_NOW) == updated_at(LIVE, LIVE_NOW)
    assert updated_at(LIVE, LIVE_NOW) == updated_at(LIVE, "2026-11-20T09:05+00:00")
    assert updated_at(LIVE, LIVE_NOW).startswith("2026-11-20T08:44:00.")


def test_updated_at_changes_when_an_update_is_added_or_a_promise_falls_due(
        tmp_path: Path) -> None:
    before = updated_at(LIVE, LIVE_NOW)
    overdue = updated_at(LIVE, "2026-11-20T09:20+00:00")
    assert overdue != before
    assert overdue.startswith("2026-11-20T09:15:00.")  # the promised 09:15 passed
    tree = copy_of(LIVE, tmp_path)
    path = tree / "incidents" / "2026-11-20-ehr-slow.yml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - at: 2026-11-20T08:58\n"
        "    status: monitoring\n"
        "    message: Records open in a few seconds again.\n"
        "    next_update: 2026-11-20T09:30\n"), encoding="utf-8")
    assert updated_at(tree, LIVE_NOW).startswith("2026-11-20T08:58:00.")


def test_updated_at_changes_when_text_is_corrected_without_a_new_time(tmp_path: Path) -> None:
    tree = copy_of(LIVE, tmp_path)
    path = tree / "incidents" / "2026-11-20-ehr-slow.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("for urgent look-ups", "for urgent look-ups only"),
                    encoding="utf-8")
    changed = updated_at(tree, LIVE_NOW)
    assert changed != updated_at(LIVE, LIVE_NOW)
    assert changed[:19] == updated_at(LIVE, LIVE_NOW)[:19]


def test_updated_at_is_never_later_than_the_clock() -> None:
    for tree, now in SCENARIOS:
        stamp = datetime.fromisoformat(updated_at(tree, now))
        assert stamp <= datetime.fromisoformat(now), (tree, now)
