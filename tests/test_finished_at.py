"""When planned work finished: one rule (`Maintenance.finished_at`), and the page, the API
and the notices say the same time.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from macros import urls
from macros.loader import load_tree
from macros.model import Maintenance, Update
from macros.notify.compose import compose
from macros.notify.plan import MAINTENANCE_UPDATE, Announcement
from tests.dom import parse
from tests.helpers import build_site, copy_tree

SITE = "https://it.eastbrook.example.org/"
WORK = "2026-11-30-payroll-update"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def work_with(*updates: tuple[str, str]) -> Maintenance:
    return Maintenance(
        id=WORK, title="Payroll update", components={}, affects="", start=at(
            "2026-11-30T18:00+00:00"), end=at("2026-11-30T21:00+00:00"), why="", benefit="",
        during="", contact="",
        updates=tuple(Update(at(f"2026-11-30T{hhmm}+00:00"), status, "news", index=n)
                      for n, (hhmm, status) in enumerate(updates)))


@pytest.mark.parametrize(("updates", "finished"), [
    ((), "21:00"),                                                  # with its window
    ((("18:00", "in_progress"),), "21:00"),
    ((("18:00", "in_progress"), ("19:40", "completed")), "19:40"),  # early
    ((("18:00", "in_progress"), ("21:30", "completed")), "21:30"),  # late
    ((("17:00", "cancelled"),), "17:00"),                           # called off
])
def test_planned_work_finished_when_the_update_that_closed_it_says(
        updates: tuple[tuple[str, str], ...], finished: str) -> None:
    assert work_with(*updates).finished_at == at(f"2026-11-30T{finished}+00:00")


def test_page_api_and_notice_agree_on_when_work_finished(tmp_path: Path) -> None:
    status = copy_tree("basic", tmp_path)
    work = status / "maintenance" / f"{WORK}.yml"
    work.write_text(work.read_text(encoding="utf-8") + """\
updates:
  - at: 2026-11-30T18:00
    status: in_progress
    message: The update has started.
  - at: 2026-11-30T19:40
    status: completed
    message: The update is done. Payroll is open again.
""", encoding="utf-8")
    now = "2026-11-30T21:30+00:00"
    build = build_site(tmp_path / "out", status, now)
    assert build.returncode == 0, build.output
    card = parse(build.page(urls.maintenance_page(WORK)))
    assert "Finished at 19:40." in card.text()
    done = json.loads((build.site / "api/v2/scheduled-maintenances.json").read_text(
        encoding="utf-8"))["scheduled_maintenances"]
    assert next(m for m in done if m["id"] == WORK)["resolved_at"] == "2026-11-30T19:40:00+00:00"
    item = next(m for m in load_tree(status).maintenance if m.id == WORK)
    told = Announcement(MAINTENANCE_UPDATE, "k", (), maintenance=item, update=item.updates[-1])
    notice = compose(told, load_tree(status), at(now), SITE)
    assert ("", "Finished at 19:40.") in [(f.label, f.text) for f in notice.facts]
