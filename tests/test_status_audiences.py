"""A view of the status page per audience, with its own feeds and calendar, built from
the `audiences` fixture tree at 08:30 on Friday 20 November 2026.

That morning the wards have two problems (one update overdue), theatres have
one, finance has none; new printer drivers for everyone go in at 09:00.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable

import feedparser
import icalendar
import pytest

from macros import urls
from tests import rfc5545
from tests.dom import Node, content, facts, parse, status_root
from tests.helpers import Build, first_visit_gzip

TREE = "audiences"
NOW = "2026-11-20T08:30+00:00"
SITE_URL = "https://it.eastbrook.example.org/"
AUDIENCE_NAMES = {"wards": "Wards and clinics", "theatres": "Theatres and recovery",
                  "finance": "Finance and payroll"}

EHR_SLOW = "2026-11-20-ehr-slow"
WARD_LABELS = "2026-11-20-ward-labels"
THEATRE_LISTS = "2026-11-20-theatre-lists"
LEDGER_REPORTS = "2026-11-12-ledger-reports"
PRINTING = "2026-11-20-printing-drivers"
PAYROLL = "2026-11-30-payroll-update"
THEATRE_UPGRADE = "2026-11-22-theatre-lists-upgrade"


@pytest.fixture(scope="module")
def build(site_builds: Callable[..., Build]) -> Build:
    result = site_builds(TREE, NOW)
    assert result.returncode == 0, result.output
    return result


def view(build: Build, audience: str) -> Node:
    return status_root(build, urls.audience_page(audience))


def resolve(page_url: str, href: str) -> str:
    """The site address a relative link on the page at `page_url` points to."""
    target = posixpath.normpath(posixpath.join("/" + page_url, href)).lstrip("/")
    return target + "/" if href.endswith("/") and target else target


def exists(build: Build, address: str) -> bool:
    path = build.site / address
    return (path / "index.html").is_file() if address.endswith("/") or not address \
        else path.is_file()


def card_ids(root: Node, kind: str) -> list[str]:
    """The ids of the "incident" or "maintenance" cards on the page, in order."""
    return [card.attrs["id"].removeprefix(f"{kind}-")
            for card in root.find_all("article", f"bedside-{kind}")]


def systems(root: Node) -> dict[str, str]:
    return {row.find(cls="bedside-component__name").text():
            row.find(cls="bedside-component__state").text()
            for row in root.find_all("li", "bedside-component")}


# --- the picker on the status home ----------------------------------------------------


def test_the_status_home_links_to_a_view_per_audience_with_plain_links(build: Build) -> None:
    picker = status_root(build).find("nav", "bedside-picker")
    assert picker.find(cls="bedside-picker__lead").text() == "Show only what concerns:"
    links = picker.find_all("a")
    assert [a.text() for a in links] == list(AUDIENCE_NAMES.values())
    for link, audience in zip(links, AUDIENCE_NAMES, strict=True):
        target = resolve("status/", link.attrs["href"])
        assert target == urls.audience_page(audience)
        assert exists(build, target), f"the picker links to a missing page: {target}"
    # Right under the banner, so a worried reader sees the banner first.
    root = status_root(build)
    order = [n.attrs.get("class", "") for n in root.children if isinstance(n, Node)]
    assert order.index("bedside-picker") == order.index(
        "bedside-banner bedside-level--major") + 2  # banner, news region, picker


def test_an_audience_view_links_to_the_others_and_back_to_everyone(build: Build) -> None:
    picker = view(build, "finance").find("nav", "bedside-picker")
    links = {a.text(): a for a in picker.find_all("a")}
    assert links["Finance and payroll"].attrs["aria-current"] == "page"
    assert resolve(urls.audience_page("finance"), links["Everyone"].attrs["href"]) == \
        urls.STATUS_HOME
    for link in links.values():
        assert exists(build, resolve(urls.audience_page("finance"), link.attrs["href"]))



def test_the_worst_problem_comes_first_everywhere_as_the_banner_says(build: Build) -> None:
    """The banner names the major problem; its card comes first although the minor
    theatre problem had news since, and the board and status.json agree."""
    root = status_root(build)
    assert root.find(cls="bedside-banner__sentence").text().endswith(
        "Patient records are slow to open")
    assert card_ids(root, "incident") == [EHR_SLOW, THEATRE_LISTS, WARD_LABELS]
    board = parse(build.page(urls.BOARD)).find("section", "bedside-board__problems")
    titles = [item.find(cls="bedside-board__title").text()
              for item in board.find_all("li", "bedside-board__item")]
    assert [t.split(": ", 1)[1] for t in titles] == [
        "Patient records are slow to open", "Theatre lists do not load in recovery",
        "Label printers stopped on wards 4 to 9"]
    summary = json.loads((build.site / urls.STATUS_JSON).read_text(encoding="utf-8"))
    assert [i["id"] for i in summary["incidents"]] == [EHR_SLOW, THEATRE_LISTS, WARD_LABELS]

def test_a_tree_without_audiences_has_no_picker(site_builds: Callable[..., Build]) -> None:
    calm = site_builds("all-well", "2026-11-20T08:30+00:00")
    assert calm.returncode == 0, calm.output
    assert status_root(calm).find_all("nav", "bedside-picker") == []
    assert not (calm.site / "status" / "for").exists()


# --- what each view lists -------------------------------------------------------------


def test_the_finance_view_lists_only_what_concerns_finance(build: Build) -> None:
    root = view(build, "finance")
    assert root.find("h1").text() == "IT status for Finance and payroll"
    assert root.find(cls="bedside-banner__sentence").text() == \
        "Everything is working for Finance and payroll"
    assert root.find(cls="bedside-banner__detail").text() == \
        "Planned work on Printing today 09:00–10:00."
    assert root.find_all("section", id="problems") == []
    assert card_ids(root, "maintenance") == [PRINTING, PAYROLL]
    # Three problems for other staff are not listed, but not hidden either.
    assert root.find(cls="bedside-audience__elsewhere").text() == (
        "Not shown here: 3 problems for other staff. See everything on the status page")


def test_the_wards_view_lists_the_wards_problems_and_work_for_everyone(build: Build) -> None:
    root = view(build, "wards")
    assert root.find(cls="bedside-banner__sentence").text() == \
        "Problems: Patient records are slow to open"
    assert sorted(card_ids(root, "incident")) == [EHR_SLOW, WARD_LABELS]
    assert card_ids(root, "maintenance") == [PRINTING]
    overdue = root.by_id(f"incident-{WARD_LABELS}")
    assert facts(overdue)["Next update"] == (
        "We said we would update you by 08:00. We are still working on it.")
    assert root.find(cls="bedside-audience__elsewhere").text() == (
        "Not shown here: 1 problem for other staff. See everything on the status page")


def test_a_view_lists_its_systems_with_their_true_state(build: Build) -> None:
    finance = systems(view(build, "finance"))
    # Patient records and theatre lists were only ever news for wards and theatres.
    assert finance == {
        "Lab results": "Working",
        "Email and calendar": "Working",
        "Printing": "Partly not working",  # the wards' label printers: true for everyone
        "Payroll and e-rostering": "Working",
        "Finance ledger and reports": "Working",
    }
    printing = view(build, "finance").by_id("component-printing")
    assert "Who to call: Service desk, ext. 4444" in printing.text()
    # Its cause is not on this page: the row says whose problem it is, and links to it.
    assert printing.find(cls="bedside-component__cause").text() == (
        "For other staff: Label printers stopped on wards 4 to 9. "
        "This does not affect Finance and payroll.")
    cause = printing.find("a").attrs["href"]
    assert resolve(urls.audience_page("finance"), cause) == urls.incident_page(WARD_LABELS)
    assert exists(build, urls.incident_page(WARD_LABELS))
    theatres = systems(view(build, "theatres"))
    assert theatres["Theatre lists"] == "Partly not working"
    assert "Payroll and e-rostering" not in theatres
    assert "Patient records (EHR)" not in theatres


def test_work_not_announced_yet_is_in_no_view(build: Build) -> None:
    for audience in AUDIENCE_NAMES:
        assert "Finance ledger upgrade" not in view(build, audience).text()


def test_views_tell_their_script_which_build_they_show(build: Build) -> None:
    """Each view names status.json and the content it was built from, so its script keeps
    it true as the clock moves and knows when there is news; the words come with the
    script (status/status.js), written from macros.wording."""
    from macros.wording import OVERDUE

    status = json.loads((build.site / urls.STATUS_JSON).read_text(encoding="utf-8"))
    for url in (urls.STATUS_HOME, urls.audience_page("wards"), urls.incident_page(EHR_SLOW),
                urls.maintenance_page(PRINTING)):
        root = status_root(build, url)
        assert resolve(url, root.attrs["data-status-json"]) == urls.STATUS_JSON
        assert root.attrs["data-updated-at"] == status["page"]["updated_at"]
        assert root.attrs["data-built-at"] == status["built_at"] == "2026-11-20T08:30:00+00:00"
    script = (build.site / urls.STATUS_SCRIPT).read_text(encoding="ascii")
    assert json.dumps(OVERDUE) in script
    assert view(build, "finance").attrs["data-calm"] == \
        "Everything is working for Finance and payroll"


def test_views_are_out_of_the_nav_and_the_search_index(build: Build) -> None:
    nav = parse(build.page("playbook/")).find("nav", "md-nav--primary")
    targets = [resolve("playbook/", a.attrs["href"]) for a in nav.find_all("a")
               if "://" not in a.attrs.get("href", "://")]
    assert urls.SUBSCRIBE in targets  # the nav was read
    assert not [t for t in targets if t.startswith(("status/for/", urls.BOARD, urls.BANNER))]
    index = json.loads((build.site / "search" / "search_index.json").read_text())
    locations = [doc["location"] for doc in index["docs"]]
    assert not [loc for loc in locations
                if loc.startswith(("status/for/", urls.BOARD, urls.BANNER))]
    assert first_visit_gzip(build, urls.audience_page("finance")) <= 30_000
    page = build.page(urls.audience_page("finance"))
    assert "Interview guides" not in page  # the light shell's few links, not the whole site nav


# --- feeds and calendars per audience ----------------------------------------------------


def feed_links(build: Build, address: str) -> set[str]:
    feed = feedparser.parse((build.site / address).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return {entry.link.removeprefix(SITE_URL) for entry in feed.entries}


def test_each_audience_has_feeds_with_only_its_items(build: Build) -> None:
    for address in (urls.rss_feed("finance"), urls.atom_feed("finance")):
        assert feed_links(build, address) == {
            urls.incident_page(LEDGER_REPORTS), urls.maintenance_page(PAYROLL),
            urls.maintenance_page(PRINTING)}
    assert feed_links(build, urls.rss_feed("wards")) == {
        urls.incident_page(EHR_SLOW), urls.incident_page(WARD_LABELS),
        urls.maintenance_page(PRINTING)}
    feed = feedparser.parse((build.site / urls.rss_feed("finance")).read_bytes())
    assert feed.feed.title == "Eastbrook Hospital IT: problems and planned work, " \
                              "for Finance and payroll"
    assert feed.feed.link == SITE_URL + urls.audience_page("finance")
    # The whole site's feed still has everything.
    assert urls.incident_page(THEATRE_LISTS) in feed_links(build, urls.rss_feed())


def test_a_feed_reader_given_the_view_finds_the_audiences_own_feeds(build: Build) -> None:
    head = parse(build.page(urls.audience_page("finance"))).find("head")
    feeds = {link.attrs["type"]: resolve(urls.audience_page("finance"), link.attrs["href"])
             for link in head.find_all("link") if "feed" in link.attrs.get("rel", "").split()}
    assert feeds == {"application/rss+xml": urls.rss_feed("finance"),
                     "application/atom+xml": urls.atom_feed("finance")}


def test_each_audience_has_a_calendar_of_its_planned_work(build: Build) -> None:
    def uids(audience: str) -> set[str]:
        calendar = icalendar.Calendar.from_ical(
            (build.site / urls.calendar(audience)).read_bytes())
        return {str(event["UID"]).split("@")[0] for event in calendar.walk("VEVENT")}

    assert uids("finance") == {PAYROLL, PRINTING}
    assert uids("theatres") == {THEATRE_UPGRADE, PRINTING}
    assert uids("wards") == {PRINTING}
    calendar = icalendar.Calendar.from_ical((build.site / urls.calendar("finance")).read_bytes())
    # iCalendar TEXT: the comma is escaped in the file, a reader gets it back
    assert rfc5545.text_value(calendar["X-WR-CALNAME"]) == "Eastbrook Hospital IT: planned " \
                                                          "work, for Finance and payroll"


# --- two clicks to subscribe ----------------------------------------------------------


def test_a_finance_user_subscribes_in_two_clicks(build: Build) -> None:
    # Click 1: the picker on the status home.
    picker = status_root(build).find("nav", "bedside-picker")
    finance = next(a for a in picker.find_all("a") if a.text() == "Finance and payroll")
    page_url = resolve(urls.STATUS_HOME, finance.attrs["href"])
    # Click 2: the calendar button, or the feed link, on the finance view.
    section = view(build, "finance").by_id("stay-informed")
    assert section.find("h2").text() == "Get told about changes for Finance and payroll"
    buttons = {a.text(): a.attrs["href"] for a in section.find_all("a", "md-button")}
    calendar = buttons["Subscribe to the planned work calendar"]
    assert calendar == "webcal://it.eastbrook.example.org/" + urls.calendar("finance")
    rss = buttons["Follow updates in Outlook or a news app (RSS)"]
    assert exists(build, resolve(page_url, rss))
    assert resolve(page_url, rss) == urls.rss_feed("finance")
    assert exists(build, urls.calendar("finance"))
    # For Outlook, the addresses to paste are on the same page.
    addresses = [code.text() for code in section.find_all("code", "bedside-address")]
    assert addresses == [SITE_URL + urls.calendar("finance"), SITE_URL + urls.rss_feed("finance")]


def test_the_subscribe_page_lists_each_audiences_view_feed_and_calendar(build: Build) -> None:
    page = content(build, urls.SUBSCRIBE)
    rows = {li.find("strong").text(): li for li in page.find("ul", "bedside-audiences")
            .find_all("li")}
    assert list(rows) == list(AUDIENCE_NAMES.values())
    finance = rows["Finance and payroll"]
    hrefs = [resolve(urls.SUBSCRIBE, a.attrs["href"]) for a in finance.find_all("a")]
    assert hrefs == [urls.audience_page("finance"), urls.rss_feed("finance")]
    assert all(exists(build, href) for href in hrefs)
    assert finance.find("code").text() == SITE_URL + urls.calendar("finance")
