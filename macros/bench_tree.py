"""A made-up but realistic status tree for the benchmark: 20 components, two
years of incidents with several updates each, and some planned work.

The words are varied on purpose (several titles, messages and workarounds per
kind of problem), so page sizes look like a real hospital's history rather
than one sentence repeated. Every incident is resolved; two planned works are
still to come.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import yaml

HISTORY = timedelta(days=730)

GROUPS: dict[str, list[tuple[str, str, str]]] = {
    "Clinical systems": [
        ("ehr", "Patient records (EHR)", "Charts, orders and results on wards and in clinics."),
        ("lab-results", "Lab results", "Blood and pathology results sent to the ward."),
        ("imaging", "X-ray and scan viewer", "Images and reports from radiology."),
        ("eprescribing", "Prescribing and medicines", "Drug charts and pharmacy orders."),
        ("theatres", "Theatre lists", "Operating lists, consent and recovery notes."),
        ("bed-board", "Bed board", "Which beds are free, on every ward."),
    ],
    "Everyday tools": [
        ("email", "Email and calendar", "Outlook on desktops and phones."),
        ("login", "Signing in", "Your hospital username, password and smartcard."),
        ("printing", "Printing", "Ward and office printers, wristband and label printers."),
        ("wifi", "Wi-Fi", "Staff and guest Wi-Fi across all sites."),
        ("phones", "Desk phones and bleeps", "Ward phones, bleeps and the switchboard."),
        ("remote", "Working from home", "Signing in from home and on the move."),
        ("intranet", "Staff intranet", "Policies, news and the phone list."),
    ],
    "Office and finance": [
        ("payroll", "Payroll", "Payslips and overtime claims."),
        ("rostering", "E-rostering", "Rotas, swaps and leave."),
        ("finance-ledger", "Finance ledger and reports", "Orders, invoices and month-end."),
        ("ordering", "Ordering supplies", "Stock and supplies for wards and theatres."),
    ],
    "Patients and visitors": [
        ("appointments", "Appointment letters", "Letters and text reminders to patients."),
        ("patient-wifi", "Patient TV and Wi-Fi", "Bedside TV and Wi-Fi for patients."),
        ("check-in", "Clinic check-in screens", "Self check-in in outpatients."),
    ],
}

AUDIENCES = [
    {"id": "wards", "name": "Wards and clinics"},
    {"id": "finance", "name": "Finance and payroll"},
    {"id": "admin", "name": "Medical records and admin"},
]

# Each kind of problem: title, first message, cause, fix, workaround, state.
PROBLEMS = [
    ("{name} is slow",
     "{name} takes much longer than usual to respond. Nothing you saved is lost.",
     "We found the cause: a report that runs on its own every morning was using most of "
     "the system's power. We have paused it.",
     "{name} is responding at its normal speed again. We are watching it closely.",
     "Save your work often. If a screen does not load within a minute, refresh it once "
     "rather than several times.",
     "degraded_performance"),
    ("{name} is not working on some wards",
     "{name} does not open on some wards and departments. Other areas are not affected.",
     "We found the cause: a piece of network equipment in the east wing stopped working. "
     "An engineer is replacing it.",
     "The new equipment is in place and {name} opens again on every ward.",
     "Use a computer in a neighbouring ward or department, or follow the downtime "
     "pack kept at the nurses' station.",
     "partial_outage"),
    ("{name} is not working",
     "{name} is not working anywhere in the hospital. We are working on it now.",
     "We found the cause: an update from the supplier last night did not install "
     "cleanly. We are undoing it.",
     "The update has been undone and {name} is working again.",
     "Use the paper forms in the downtime pack. Call the service desk on ext. 4444 "
     "for anything urgent for patient care.",
     "major_outage"),
    ("Some people cannot sign in to {name}",
     "Some people see an error when they sign in to {name}. People already signed in "
     "can carry on.",
     "We found the cause: an expired certificate on one of the sign-in servers. "
     "We are replacing it.",
     "The certificate has been replaced. Everyone can sign in to {name} again.",
     "If you are signed in, stay signed in. If you cannot sign in, ask a colleague who "
     "is signed in to look things up for you.",
     "partial_outage"),
]

DATA_IMPACTS = [
    "Nothing was lost. Everything entered during the problem was saved.",
    "No records were lost. Anything written on paper needs entering once it is back.",
    "Nothing was lost. A few messages arrived late but all of them arrived.",
]

WHY = [
    "The supplier's new version fixes the problems many of you reported last month.",
    "The servers are out of support next year and need replacing before then.",
    "This closes a security gap the supplier told us about last week.",
]
BENEFIT = [
    "Screens will open faster, especially at the start of a shift.",
    "Fewer unplanned interruptions over the winter.",
    "Your information stays safe, and nothing changes in how you use it.",
]
PREPARE = [
    "Print the ward handover sheet before the work starts.",
    "Save and close anything you are working on.",
    "Check that the downtime forms pack is at the nurses' station.",
    "Finish urgent reports before the work starts.",
]


def components_yaml() -> dict:
    """components.yml: the zone, the audiences and 20 components in 4 groups."""
    groups = [
        {"name": group, "components": [
            {"id": cid, "name": name, "description": description,
             "contact": "Service desk, ext. 4444, 24 hours"}
            for cid, name, description in items]}
        for group, items in GROUPS.items()
    ]
    return {"timezone": "Europe/London", "audiences": AUDIENCES, "groups": groups}


def _components() -> list[tuple[str, str]]:
    return [(cid, name) for items in GROUPS.values() for cid, name, _ in items]


def incident_yaml(start: datetime, number: int, rng: random.Random) -> tuple[str, dict]:
    """One resolved incident starting at `start`: its file id and its contents."""
    cid, name = rng.choice(_components())
    title, first, cause, fixed, workaround, state = rng.choice(PROBLEMS)
    steps = [("investigating", first.format(name=name), workaround)]
    if rng.random() < 0.7:
        steps.append(("identified", cause, workaround))
    steps.append(("monitoring", fixed.format(name=name), ""))
    updates, at = [], start
    for status, message, meanwhile in steps:
        gap = timedelta(minutes=rng.choice((20, 25, 30)))
        update = {"at": at.isoformat(timespec="minutes"), "status": status,
                  "message": message, "next_update": (at + gap).isoformat(timespec="minutes")}
        if meanwhile:
            update["workaround"] = meanwhile
        updates.append(update)
        at += gap - timedelta(minutes=rng.randint(1, 5))
    updates.append({"at": at.isoformat(timespec="minutes"), "status": "resolved",
                    "message": f"{name} has worked normally since the fix. "
                               "Thank you for bearing with us.",
                    "data_impact": rng.choice(DATA_IMPACTS)})
    incident = {
        "title": title.format(name=name),
        "impact": {"degraded_performance": "minor", "partial_outage": "major",
                   "major_outage": "critical"}[state],
        "components": {cid: state},
        "affects": rng.choice((f"Everyone who uses {name}", "Staff on the main site",
                               "Staff in the east wing", "Staff at the community sites")),
        "updates": updates,
    }
    return f"{start:%Y-%m-%d}-{cid}-{number:05d}", incident


def maintenance_yaml(start: datetime, number: int, rng: random.Random) -> tuple[str, dict]:
    """One planned work of three hours from `start`: its file id and its contents."""
    cid, name = rng.choice(_components())
    item = {
        "title": f"{name} upgrade",
        "components": {cid: "under_maintenance"},
        "affects": f"Everyone who uses {name}",
        "window": {"start": start.isoformat(timespec="minutes"),
                   "end": (start + timedelta(hours=3)).isoformat(timespec="minutes")},
        "why": rng.choice(WHY),
        "benefit": rng.choice(BENEFIT),
        "prepare": rng.sample(PREPARE, 2),
        "during": "Use the downtime forms. Call the service desk on ext. 4444 if it is urgent.",
        "contact": "Service desk, ext. 4444, 24 hours",
    }
    return f"{start:%Y-%m-%d}-{cid}-upgrade-{number:04d}", item


def _write(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def write_tree(root: Path, incidents: int, now: datetime, seed: int = 2026) -> Path:
    """Write a status tree with `incidents` incidents over the two years before `now`."""
    rng = random.Random(seed)
    (root / "incidents").mkdir(parents=True, exist_ok=True)
    (root / "maintenance").mkdir(exist_ok=True)
    _write(root / "components.yml", components_yaml())
    _write(root / "sources.yml", {"sources": []})
    first = now - HISTORY
    step = HISTORY / max(incidents, 1)
    for number in range(incidents):
        start = (first + step * number).replace(second=0, microsecond=0)
        file_id, data = incident_yaml(start, number, rng)
        _write(root / "incidents" / f"{file_id}.yml", data)
    works = max(2, incidents // 25)
    for number in range(works):
        start = (first + HISTORY / works * number).replace(hour=22, minute=0, second=0,
                                                            microsecond=0)
        file_id, data = maintenance_yaml(start, number, rng)
        _write(root / "maintenance" / f"{file_id}.yml", data)
    for number, days in enumerate((3, 10), start=works):
        start = (now + timedelta(days=days)).replace(hour=22, minute=0, second=0,
                                                     microsecond=0)
        file_id, data = maintenance_yaml(start, number, rng)
        _write(root / "maintenance" / f"{file_id}.yml", data)
    return root
