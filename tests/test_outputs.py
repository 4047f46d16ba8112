"""The machine-readable outputs as a whole: every file, its address, its safety, its stability.

The helpers here are shared by the other `test_outputs_*` modules.
"""

from __future__ import annotations

import atexit
import gzip
import json
import shutil
import tempfile
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import feedparser
import icalendar

from macros import urls
from macros.context import BuildContext, build_context
from macros.outputs import write_all
from macros.outputs.calendar import write_planned_work
from macros.outputs.feeds import write_feeds
from macros.status_document.edition import Edition
from tests.helpers import REPO, TREES, build_site

SITE_URL = "https://it.eastbrook.example.org/"
SITE_NAME = "Eastbrook Hospital IT"
LIVE = "outputs-live"
HOSTILE = "outputs-hostile"
LIVE_NOW = "2026-11-20T09:00+00:00"

API_ADDRESSES = [
    urls.STATUS_JSON,
    "api/v2/summary.json", "api/v2/status.json", "api/v2/components.json",
    "api/v2/incidents.json", "api/v2/incidents/unresolved.json",
    "api/v2/scheduled-maintenances.json", "api/v2/scheduled-maintenances/upcoming.json",
    "api/v2/scheduled-maintenances/active.json",
]


# Fixture trees are read from copies outside the repository, so git's history of the
# fixture files never changes what a test sees (tests of that history make their own
# repository: test_outputs_history.py).
_COPIES = Path(tempfile.mkdtemp(prefix="bedside-output-trees-"))
atexit.register(shutil.rmtree, _COPIES, True)


def fixture_tree(name: str) -> Path:
    """A read-only copy of fixture tree `name`, outside any git checkout."""
    target = _COPIES / name
    if not target.is_dir():
        shutil.copytree(TREES / name, target)
    return target


def context_at(tree: str | Path, now: str) -> BuildContext:
    """The build context of a fixture tree (name) or a tree folder (path) at `now`."""
    status_dir = fixture_tree(tree) if isinstance(tree, str) else tree
    return build_context(status_dir, site_url=SITE_URL, now=datetime.fromisoformat(now),
                         site_name=SITE_NAME)


def edition_at(tree: str | Path, now: str) -> Edition:
    """The whole-site edition of a fixture tree (name) or a tree folder (path) at `now`."""
    return context_at(tree, now).edition


def write_site(tree: str | Path, now: str, site: Path) -> Path:
    """Write every output of `tree` at `now` into `site` and return it."""
    write_all(context_at(tree, now), site)
    return site


def copy_of(tree: str, tmp_path: Path) -> Path:
    """A copy of a fixture tree that a test may edit."""
    target = tmp_path / "trees" / tree
    shutil.copytree(TREES / tree, target)
    return target


def load_json(site: Path, address: str) -> dict:
    return json.loads((site / address).read_text(encoding="utf-8"))


def output_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file())


def decoded_texts(path: Path) -> list[str]:
    """The text a consumer gets out of an output file, decoded by its own library."""
    data = path.read_bytes()
    if path.suffix == ".json":
        found: list[str] = []

        def walk(value: object) -> None:
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(json.loads(data))
        return found
    if path.suffix == ".xml":
        feed = feedparser.parse(data)
        texts = [feed.feed.get("title", "")]
        for entry in feed.entries:
            texts.append(entry.title)
            texts.extend(c.value for c in entry.get("content", []))
            texts.append(entry.get("summary", ""))
        return texts
    if path.suffix == ".ics":
        calendar = icalendar.Calendar.from_ical(data)
        return [str(event.get(name, "")) for event in calendar.walk("VEVENT")
                for name in ("SUMMARY", "DESCRIPTION", "URL")]
    if path.suffix == ".svg":
        return [text for text in ET.fromstring(data).itertext()]
    raise AssertionError(f"unexpected output {path}")


# --- every file, at its address ---------------------------------------------------------


def test_a_strict_build_writes_every_output_at_its_address(site_builds) -> None:
    build = site_builds(LIVE, LIVE_NOW)
    assert build.returncode == 0, build.output
    site = build.site
    for address in API_ADDRESSES:  # page.url is the root, where clients add api/v2/...
        assert load_json(site, address)["page"]["url"] + "/" + address.removeprefix(
            "status.json") == SITE_URL + address.removeprefix("status.json")
    assert load_json(site, urls.STATUS_JSON)["links"]["status_page"] == \
        SITE_URL + urls.STATUS_HOME
    for address in (urls.rss_feed(), urls.atom_feed()):
        feed = feedparser.parse((site / address).read_bytes())
        assert not feed.bozo, address
        assert feed.entries, address
    for address in (urls.calendar(), urls.maintenance_calendar("2026-11-30-payroll-update")):
        calendar = icalendar.Calendar.from_ical((site / address).read_bytes())
        assert calendar.walk("VEVENT"), address
    for component in ("overall", "ehr", "lab-results", "printing", "payroll"):
        svg = ET.parse(site / f"status/badges/{component}.svg").getroot()
        assert svg.get("role") == "img"


def test_the_same_data_and_clock_give_byte_identical_outputs(tmp_path: Path) -> None:
    first = write_site(LIVE, LIVE_NOW, tmp_path / "one")
    second = write_site(LIVE, LIVE_NOW, tmp_path / "two")
    names = [p.relative_to(first) for p in output_files(first)]
    assert names == [p.relative_to(second) for p in output_files(second)]
    assert len(names) > 20
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_without_a_full_site_address_the_build_stops_and_says_why(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"  # the real configuration, with site_url taken out
    config.write_text("\n".join([
        f"INHERIT: {json.dumps(str(REPO / 'mkdocs.yml'))}",
        "site_url: null",
        f"docs_dir: {json.dumps(str(REPO / 'docs'))}",
        f"theme: {{custom_dir: {json.dumps(str(REPO / 'docs' / 'overrides'))}}}",
    ]) + "\n", encoding="utf-8")
    result = build_site(tmp_path, copy_of(LIVE, tmp_path), LIVE_NOW, config=config)
    assert result.returncode != 0
    assert "need the site's full address: set site_url in mkdocs.yml" in result.output
    assert "Traceback" not in result.output
    assert not result.site.exists(), "a half-built site was left behind"


# --- text from the data is data ---------------------------------------------------------


def test_no_script_or_script_link_from_the_data_reaches_any_output(tmp_path: Path) -> None:
    site = write_site(HOSTILE, "2026-11-20T08:30+00:00", tmp_path / "site")
    files = output_files(site)
    assert len(files) >= 15
    for path in files:
        raw = path.read_text(encoding="utf-8").lower()
        for needle in ("<script", "javascript:", "onerror", "onclick", "<iframe", "data:text"):
            assert needle not in raw, f"{needle} in {path.relative_to(site)}"
        for text in decoded_texts(path):
            lowered = text.lower()
            assert "<script" not in lowered and "javascript:" not in lowered, path


def test_hostile_text_still_reads_as_the_person_wrote_it(tmp_path: Path) -> None:
    site = write_site(HOSTILE, "2026-11-20T08:30+00:00", tmp_path / "site")
    incident = load_json(site, urls.STATUS_JSON)["incidents"][0]
    assert incident["name"] == "Records are slow & {{ config.site_name }}"
    assert incident["workaround"] == "Use the paper forms & call ext. 4444."
    assert incident["affects"] == "Wards & clinics"
    body = incident["incident_updates"][0]["body"]
    assert "{{ 7*7 }}" in body
    assert "(link removed)" in body


# --- announce_from ----------------------------------------------------------------------


def test_planned_work_before_its_announce_time_appears_in_no_output(tmp_path: Path) -> None:
    site = write_site(LIVE, LIVE_NOW, tmp_path / "site")
    assert not (site / urls.maintenance_calendar("2026-12-06-ehr-upgrade")).exists()
    for path in output_files(site):
        text = path.read_text(encoding="utf-8")
        assert "2026-12-06-ehr-upgrade" not in text, path
        assert "Patient records upgrade" not in text, path


def test_planned_work_appears_everywhere_once_its_announce_time_comes(tmp_path: Path) -> None:
    site = write_site(LIVE, "2026-11-25T09:00+00:00", tmp_path / "site")
    upcoming = load_json(site, "api/v2/scheduled-maintenances/upcoming.json")
    assert "2026-12-06-ehr-upgrade" in [m["id"] for m in upcoming["scheduled_maintenances"]]
    assert (site / urls.maintenance_calendar("2026-12-06-ehr-upgrade")).is_file()
    assert "Patient records upgrade" in (site / urls.calendar()).read_text(encoding="utf-8")
    titles = [e.title for e in feedparser.parse((site / urls.rss_feed()).read_bytes()).entries]
    assert any(t.startswith("Planned: Patient records upgrade") for t in titles)



QUIET_WORK = "2026-12-14-label-printer-move"
QUIET_TITLE = "Label printer server move"
QUIET_FILE = """title: Label printer server move
components: {printing: under_maintenance}
affects: Wards printing wristbands and specimen labels
announce_from: 2026-12-01T09:00
window:
  start: 2026-12-14T22:00
  end: 2026-12-14T23:30
why: The old server is out of support.
benefit: Labels print faster.
during: Use the spare printer at the nurses' station.
contact: Service desk, ext. 4444, 24 hours
updates:
  - at: 2026-11-19T15:00
    status: cancelled
    message: The move is not needed after all.
"""


def site_texts(site: Path) -> dict[str, str]:
    """Every file of a built site as text (gzip files unpacked), by its address."""
    texts = {}
    for path in output_files(site):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        texts[path.relative_to(site).as_posix()] = data.decode("utf-8", errors="ignore")
    return texts


def test_work_cancelled_before_its_announce_time_is_published_nowhere(tmp_path: Path) -> None:
    """Not announced means not announced: no page, no sitemap entry, nothing in the
    feeds, calendars, status.json or search, even though the file says it was called off."""
    tree = copy_of(LIVE, tmp_path)
    (tree / "maintenance" / f"{QUIET_WORK}.yml").write_text(QUIET_FILE, encoding="utf-8")
    build = build_site(tmp_path, tree, LIVE_NOW)
    assert build.returncode == 0, build.output
    assert not (build.site / urls.maintenance_page(QUIET_WORK)).exists()
    mentions = [address for address, text in site_texts(build.site).items()
                if QUIET_WORK in text or QUIET_TITLE in text]
    assert mentions == []
    # the rest is published as usual
    texts = site_texts(build.site)
    assert SITE_URL + urls.maintenance_page("2026-11-30-payroll-update") in texts["sitemap.xml"]
    assert "Payroll system update" in texts[urls.calendar()]


# --- per-audience editions --------------------------------------------------------------


def test_an_audience_edition_lists_only_what_concerns_that_audience(tmp_path: Path) -> None:
    finance = edition_at(LIVE, LIVE_NOW).for_audience("finance")
    site = tmp_path / "site"
    write_feeds(finance, site)
    write_planned_work(finance, site)
    feed = feedparser.parse((site / urls.rss_feed("finance")).read_bytes())
    assert feed.feed.title == f"{SITE_NAME}: problems and planned work, for Finance and payroll"
    links = {e.link for e in feed.entries}
    assert SITE_URL + urls.maintenance_page("2026-11-30-payroll-update") in links
    assert SITE_URL + urls.maintenance_page("2026-11-20-printing-drivers") in links  # everyone
    assert SITE_URL + urls.incident_page("2026-11-20-ehr-slow") not in links  # wards only
    calendar = icalendar.Calendar.from_ical((site / urls.calendar("finance")).read_bytes())
    uids = {str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")}
    assert uids == {"2026-11-30-payroll-update", "2026-11-20-printing-drivers",
                    "2026-07-12-lab-analyser"}
