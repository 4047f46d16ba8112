"""The status pages as a reader sees them, built strictly from fixture trees at a fixed clock.

Each scenario is one `status/` tree under tests/fixtures/trees/. The tests read
the built HTML with the standard library's parser and assert the words a reader
sees: the banner sentence, what is wrong, who is affected, what to do, when we
say more, the state of every system, and that people's text is never run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime

import pytest

from macros import urls
from macros.loader import load_tree
from macros.state import compute_state
from macros.wording import banner, window_phrase
from tests.dom import Node, content, facts, parse, status_root
from tests.helpers import CLOCKS, TREES, Build, first_visit_gzip

# --- the scenarios -------------------------------------------------------------


@pytest.fixture(scope="module")
def built(site_builds: Callable[..., Build]) -> Callable[[str], Build]:
    """The strict build of a scenario at its clock; the build must succeed."""

    def build(scenario: str) -> Build:
        result = site_builds(scenario, CLOCKS[scenario])
        assert result.returncode == 0, result.output
        return result

    return build


def banner_sentence(root: Node) -> str:
    return root.find(cls="bedside-banner__sentence").text()


def component_states(root: Node) -> dict[str, str]:
    """System name -> state in words, from the "Systems" section."""
    return {row.find(cls="bedside-component__name").text():
            row.find(cls="bedside-component__state").text()
            for row in root.find_all("li", "bedside-component")}


# --- all well ------------------------------------------------------------------


def test_all_well_says_everything_is_working(built) -> None:
    root = status_root(built("all-well"))
    assert banner_sentence(root) == "Everything is working"
    assert "bedside-level--none" in root.find("section", "bedside-banner").attrs["class"]
    assert root.find_all(id="problems") == []
    assert set(component_states(root).values()) == {"Working"}
    planned = root.by_id("planned-work").text()
    assert "No planned work in the next 14 days." in planned
    assert "Announced for later: Email archive move: Sunday 20 December 2026, 20:00 to 23:00" \
        in planned


def test_all_well_shows_the_banner_time_and_the_zone_without_javascript(built) -> None:
    root = status_root(built("all-well"))
    asof = root.find(cls="bedside-banner__asof").find("time")
    assert asof.attrs["datetime"] == "2026-11-20T08:30:00+00:00"
    assert asof.text() == "Friday 20 November, 08:30"
    assert "Europe/London" in root.text()


def test_all_well_says_plainly_that_automatic_checks_are_not_available(built) -> None:
    checks = status_root(built("all-well")).by_id("automatic-checks").text()
    assert "These come from automatic checks" in checks
    assert "Automatic checks are not available right now" in checks


def test_uptime_bars_have_the_same_days_in_words(built) -> None:
    root = status_root(built("all-well"))
    rows = {row.find("strong").text(): row for row in root.find_all("li", "bedside-uptime__row")}
    printing = rows["Printing"]
    assert "Problems on 1 of the last 90 days." in printing.text()
    bars = printing.find(cls="bedside-bars")
    assert bars.attrs["aria-hidden"] == "true"
    days = bars.find_all("i")
    assert len(days) == 90
    assert [d.attrs.get("class") for d in days].count("bedside-day--partial") == 1
    listed = [li.text() for li in printing.find("details").find_all("li")]
    assert listed == ["Tuesday 10 November: Partly not working for 45 minutes "
                      "(Label printers stopped on wards 4 to 9)"]
    assert "No problems in the last 90 days." in rows["Email and calendar"].text()
    assert rows["Email and calendar"].find_all("details") == []


def test_a_resolved_incident_has_its_own_page_with_the_whole_story(built) -> None:
    build = built("all-well")
    page = status_root(build, "status/incidents/2026-11-10-printing-labels/")
    assert page.find("h1").text() == "Label printers stopped on wards 4 to 9"
    assert page.find(cls="bedside-item__status").text().startswith("Resolved")
    told = facts(page)
    assert told["Started"] == "Tuesday 10 November 2026, 02:05"
    assert told["Resolved"] == "Tuesday 10 November 2026, 02:50"
    assert told["How long it lasted"] == "45 minutes"
    assert told["Was anything lost"] == "Nothing was lost. Queued labels printed when it ended."
    assert "Next update" not in told
    # The latest update is told once, at the top; "Earlier updates" holds the rest.
    assert told["Latest update"].startswith("The printers on wards 4 to 9 are printing again.")
    assert page.find("h2", id="updates").text() == "Earlier updates"
    heads = [h.text() for h in page.find("ol", "bedside-timeline").find_all("h3")]
    assert heads == ["Looking into it, Tuesday 10 November, 02:05"]


def test_an_incident_page_is_small_and_out_of_the_nav_and_the_search_index(built) -> None:
    build = built("all-well")
    url = "status/incidents/2026-11-10-printing-labels/"
    # Light on a phone: the page, its script and status.json, as a server sends them.
    assert first_visit_gzip(build, url) <= 30_000
    playbook_nav = parse(build.page("playbook/")).find("nav", "md-nav--primary")
    assert "incidents/" not in " ".join(a.attrs.get("href", "")
                                        for a in playbook_nav.find_all("a"))
    index = json.loads((build.site / "search" / "search_index.json").read_text())
    locations = [doc["location"] for doc in index["docs"]]
    assert not [loc for loc in locations if loc.startswith(("status/incidents/",
                                                            "status/maintenance/",
                                                            "status/history/"))]
    assert "status/" in locations


def test_the_day_by_day_sections_stay_out_of_the_search_index(built) -> None:
    # The search index loads on every page: the past days must not make it grow.
    build = built("major-outage")
    assert "Days with problems or planned work" in build.page("status/")
    index = json.loads((build.site / "search" / "search_index.json").read_text())
    home_text = " ".join(doc["text"] for doc in index["docs"]
                         if doc["location"].startswith("status/#"))
    assert "Systems" in home_text or "Working" in home_text
    assert "days ago" not in home_text
    assert "Days with problems or planned work" not in home_text


def test_an_incident_page_links_to_its_yaml_file_for_editing(built) -> None:
    page = parse(built("all-well").page("status/incidents/2026-11-10-printing-labels/"))
    edit = page.find("a", rel="edit")
    assert edit.attrs["href"] == ("https://github.com/eastbrook-hospital-it/bedside/edit/main/"
                                  "status/incidents/2026-11-10-printing-labels.yml")


def test_the_status_home_offers_no_edit_link(built) -> None:
    # Its Markdown is one macro call; what it says is edited in status/.
    build = built("all-well")
    assert parse(build.page("status/")).find_all("a", rel="edit") == []
    assert parse(build.page("status/subscribe/")).find_all("a", rel="edit") != []


def test_the_subscribe_page_leaves_out_team_views_when_there_are_none(built) -> None:
    text = content(built("all-well"), "status/subscribe/").text()
    assert "Only what concerns your team" not in text
    assert "and here:" not in text
    assert "Planned work in your calendar" in text


def test_the_first_history_page_is_in_the_nav_and_lists_the_month(built) -> None:
    build = built("all-well")
    site_nav = parse(build.page("status/")).find("nav", "bedside-top__nav")
    assert site_nav.find("a", href="history/").text() == "Past problems"
    history = status_root(build, "status/history/")
    assert history.attrs["data-zone"] == "Europe/London"
    assert history.find("h1").text() == "Past problems and planned work"
    assert "November 2026, newest first. Page 1 of 1." in history.text()
    entry = history.find("li", "bedside-history__entry")
    assert entry.find("a").attrs["href"] == "../incidents/2026-11-10-printing-labels/"
    assert entry.find(cls="bedside-history__meta").text() == (
        "Problem: Resolved · Tuesday 10 November, 02:05 · Lasted 45 minutes")
    assert history.find_all("nav", "bedside-pages") == []


# --- a major outage ------------------------------------------------------------


def test_major_outage_banner_names_the_worst_problem(built) -> None:
    root = status_root(built("major-outage"))
    assert banner_sentence(root) == (
        "Serious problem: Patient records are not opening on any site")
    assert root.find(cls="bedside-banner__detail").text() == "There is 1 other problem below."
    # Patient care is affected: whom to call, from the systems' contact in components.yml.
    assert root.find(cls="bedside-banner__urgent").text() == (
        "If patient care is affected, call now: Service desk, ext. 4444, 24 hours.")


def test_only_a_critical_problem_puts_a_phone_number_in_the_banner(built) -> None:
    for scenario in ("all-well", "maintenance-in-progress", "upcoming-maintenance"):
        assert status_root(built(scenario)).find_all(cls="bedside-banner__urgent") == []


@pytest.mark.parametrize(("scenario", "sentence", "detail"), [
    ("all-well", "Everything is working", ""),
    # Nothing is below the door: "And 1 other problem.", not "... below."
    ("major-outage", "Patient records are not opening on any site.", "And 1 other problem."),
])
def test_the_home_page_door_says_what_the_status_banner_says(built, scenario: str,
                                                              sentence: str,
                                                              detail: str) -> None:
    door = content(built(scenario), "").find(cls="bedside-glance")
    assert door.find("strong").text() == sentence
    assert door.text().startswith(f"{sentence} {detail}".strip() + " As of")
    assert "below" not in door.text()


def test_open_problems_answer_who_what_to_do_and_when_we_say_more(built) -> None:
    problems = status_root(built("major-outage")).by_id("problems")
    cards = problems.find_all("article", "bedside-incident")
    assert [c.attrs["id"] for c in cards] == ["incident-2026-11-20-ehr-down",
                                              "incident-2026-11-20-printing-ward-5"]
    ehr = cards[0]
    assert ehr.find(cls="bedside-card__status").text() == (
        "Patient care affected · Cause found · Started 07:52")
    assert "We found the cause: a database server stopped." in ehr.find(
        cls="bedside-card__message").text()
    told = facts(ehr)
    assert told["Who is affected"] == "Every ward, clinic and theatre"
    assert told["Systems"] == ("Patient records (EHR): Not working "
                               "Lab results: Slow or unreliable")
    assert told["What to do meanwhile"] == (
        "Keep using the downtime forms until we say records are back.")
    assert told["Next update"] == "We will update you by 08:45."
    assert told["Who to call"] == "Service desk, ext. 4444, 24 hours"  # from components.yml
    assert ehr.attrs["data-next-update"] == "2026-11-20T08:45:00+00:00"
    assert ehr.find("details").find("summary").text() == "Earlier updates (1)"
    # What to do comes before the story: a phone shows it on the first screen.
    assert list(told) == ["Who is affected", "What to do meanwhile", "Who to call",
                          "Latest update", "Next update", "Systems"]


def test_a_missed_update_time_is_owned_not_hidden(built) -> None:
    card = status_root(built("major-outage")).by_id("incident-2026-11-20-printing-ward-5")
    assert facts(card)["Next update"] == (
        "We said we would update you by 08:00. We are still working on it.")


def test_a_system_that_is_not_working_says_who_to_call_and_why(built) -> None:
    ehr = status_root(built("major-outage")).by_id("component-ehr")
    assert "Who to call: Service desk, ext. 4444, 24 hours" in ehr.text()
    cause = ehr.find(cls="bedside-component__cause").find("a")
    assert cause.attrs["href"] == "#incident-2026-11-20-ehr-down"
    assert cause.text() == "Patient records are not opening on any site"
    email = status_root(built("major-outage")).by_id("component-email")
    assert "Who to call" not in email.text()


def test_major_outage_component_states_are_words(built) -> None:
    assert component_states(status_root(built("major-outage"))) == {
        "Patient records (EHR)": "Not working",
        "Lab results": "Slow or unreliable",
        "Email and calendar": "Working",
        "Printing": "Partly not working",
        "Payroll and e-rostering": "Working",
    }


@pytest.mark.parametrize("url", ["status/", "status/incidents/2026-11-20-ehr-down/",
                                 "status/incidents/2026-11-20-printing-ward-5/",
                                 "status/history/"])
def test_text_from_yaml_is_shown_never_run(built, url: str) -> None:
    build = built("major-outage")
    html = build.page(url)
    page = parse(html)
    root = page.find("div", "bedside-status")
    assert root.find_all("script") == []
    for script in page.find_all("script"):
        assert "alert(" not in script.text()
    assert "49" not in root.text()
    if url != "status/history/":
        assert "{{ 7*7 }}" in root.text()
    assert all(not a.attrs.get("href", "").lower().startswith("javascript:")
               for a in page.find_all("a"))
    title = page.find("title")
    assert [child for child in title.children if not isinstance(child, str)] == []
    assert "49" not in title.text()
    if url.endswith("printing-ward-5/"):  # the title reads exactly as written
        assert title.text().startswith(
            'Printer on ward 5 is not printing <script>alert("title")</script> {{ 7*7 }}')


def test_hostile_text_reads_literally(built) -> None:
    root = status_root(built("major-outage"))
    card = root.by_id("incident-2026-11-20-printing-ward-5")
    assert card.find("h3").text() == (
        'Printer on ward 5 is not printing <script>alert("title")</script> {{ 7*7 }}')
    message = root.by_id("incident-2026-11-20-ehr-down").find(cls="bedside-card__message")
    assert '{{ 7*7 }} <script>alert("message")</script>' in message.text()
    page = status_root(built("major-outage"), "status/incidents/2026-11-20-ehr-down/")
    first = page.find("ol", "bedside-timeline").find_all("li")[-1]
    links = {a.text(): a.attrs.get("href") for a in first.find_all("a")}
    assert links == {"Downtime guide": "https://intranet.eastbrook.example.org/downtime"}
    assert "Downtime guide or this." in first.text()
    assert first.find("strong").text() == "Looking into it"


def test_an_open_incident_page_says_when_we_say_more(built) -> None:
    page = status_root(built("major-outage"), "status/incidents/2026-11-20-ehr-down/")
    assert page.find(cls="bedside-item__status").text() == (
        "Cause found · Patient care affected")
    told = facts(page)
    assert told["Next update"] == "We will update you by 08:45."
    assert told["What to do meanwhile"] == (
        "Keep using the downtime forms until we say records are back.")
    assert "How long it lasted" not in told
    assert first_visit_gzip(built("major-outage"), "status/incidents/2026-11-20-ehr-down/") \
        <= 30_000


# --- planned work in progress ----------------------------------------------------


def test_maintenance_in_progress_says_until_when(built) -> None:
    root = status_root(built("maintenance-in-progress"))
    assert banner_sentence(root) == "Planned work on Payroll and e-rostering until 21:00"
    card = root.by_id("maintenance-2026-11-30-payroll-update")
    assert card.find(cls="bedside-card__status").text() == "Happening now"
    assert card.find(cls="bedside-card__when").text() == (
        "Started at 18:00. We expect to finish by 21:00.")
    assert "The update has started." in card.find(cls="bedside-card__message").text()
    assert card.find(cls="bedside-card__updated").text() == "Updated 18:03"  # today: no day
    told = facts(card)
    assert list(told)[:4] == ["Who is affected", "Systems", "While the work happens",
                              "Who to call"]
    assert "How to prepare" not in told
    assert component_states(root)["Payroll and e-rostering"] == "Planned work"
    assert component_states(root)["Patient records (EHR)"] == "Working"


# --- upcoming planned work ---------------------------------------------------------


def test_upcoming_work_tonight_is_in_the_banner(built) -> None:
    root = status_root(built("upcoming-maintenance"))
    assert banner_sentence(root) == "Everything is working"
    assert root.find(cls="bedside-banner__detail").text() == (
        "Planned work on Patient records (EHR) and Lab results tonight 22:00–02:00.")
    assert set(component_states(root).values()) == {"Working"}
    # "tonight 22:00–02:00" cannot be put in another zone word by word: status.js labels
    # it "(London time)" for a reader elsewhere, from this mark.
    window = root.find(cls="bedside-banner__detail").find("span", data_site_time="London time")
    assert window.text() == "tonight 22:00–02:00"


@pytest.mark.parametrize(("clock", "said"), [
    # A night-shift nurse at 00:30 on Friday: "tonight" could be the night they are in.
    ("2026-11-20T00:30", "this evening (Friday) 22:00–02:00"),
    ("2026-11-20T05:59", "this evening (Friday) 22:00–02:00"),
    ("2026-11-20T06:00", "tonight 22:00–02:00"),
    ("2026-11-19T23:30", "tomorrow night 22:00–02:00"),
])
def test_in_the_early_hours_the_banner_names_the_day(clock: str, said: str) -> None:
    tree = load_tree(TREES / "upcoming-maintenance")
    now = datetime.fromisoformat(clock + "+00:00")
    assert banner(tree, compute_state(tree, now)).detail == (
        f"Planned work on Patient records (EHR) and Lab results {said}.")


def test_in_the_early_hours_tomorrow_names_its_day_too() -> None:
    tree = load_tree(TREES / "upcoming-maintenance")
    work = next(m for m in tree.maintenance if m.id == "2026-11-20-ehr-upgrade")
    at = datetime.fromisoformat("2026-11-19T00:30+00:00")  # Thursday, just after midnight
    assert window_phrase(work, at, tree.timezone) == "tomorrow night (Friday) 22:00–02:00"


def test_upcoming_work_says_why_what_it_brings_and_how_to_prepare(built) -> None:
    root = status_root(built("upcoming-maintenance"))
    cards = root.by_id("planned-work").find_all("article", "bedside-maintenance")
    assert [c.attrs["id"] for c in cards] == ["maintenance-2026-11-20-ehr-upgrade",
                                              "maintenance-2026-11-30-payroll-update"]
    ehr = cards[0]
    assert ehr.find(cls="bedside-card__status").text() == "Coming up"
    assert ehr.find(cls="bedside-card__when").text() == (
        "Friday 20 November 2026, 22:00 to 02:00 on Saturday 21 November")
    told = facts(ehr)
    assert list(told) == ["Who is affected", "Systems", "Why", "How it helps you",
                          "How to prepare", "While the work happens", "Who to call"]
    assert told["How to prepare"] == ("Print the ward handover sheet before 21:30. "
                                      "Keep the downtime forms pack at the nurses' station.")
    links = {a.text(): a.attrs["href"] for a in ehr.find(cls="bedside-card__actions")
             .find_all("a")}
    assert links == {"Add to calendar": "maintenance/2026-11-20-ehr-upgrade/event.ics",
                     "Details and printable notice": "maintenance/2026-11-20-ehr-upgrade/"}
    assert ehr.attrs["data-start"] == "2026-11-20T22:00:00+00:00"
    later = root.find("ul", "bedside-later").text()
    assert later == "Lab analyser replacement: Monday 28 December 2026, 01:00 to 05:00"


def test_work_not_announced_yet_is_nowhere(built) -> None:
    build = built("upcoming-maintenance")
    assert "Email move not announced yet" not in build.page("status/")
    assert not (build.site / "status" / "maintenance" / "2026-12-31-email-secret").exists()


def test_the_maintenance_page_has_a_printable_ward_notice(built) -> None:
    build = built("upcoming-maintenance")
    page = status_root(build, "status/maintenance/2026-11-20-ehr-upgrade/")
    assert page.find("h1").text() == "Patient records upgrade"
    button = page.find("button", data_bedside_print="")
    assert "hidden" in button.attrs and button.text() == "Print notice"
    notice = page.find(cls="bedside-notice")
    assert notice.find(cls="bedside-notice__when").text() == (
        "Friday 20 November 2026, 22:00 to 02:00 on Saturday 21 November")
    text = notice.text()
    for words in ("Before it starts, please", "Print the ward handover sheet before 21:30.",
                  "While the work happens", "Use the downtime forms.",
                  "Questions? Service desk, ext. 4444, 24 hours",
                  "Latest news on the Patient records upgrade: "
                  "https://it.eastbrook.example.org/status/maintenance/2026-11-20-ehr-upgrade/"):
        assert words in text
    assert len(page.find_all("h1")) == 1, "one title, on screen and on paper"
    assert page.find(cls="bedside-notice__from").text() == "Eastbrook Hospital IT · Planned work"
    assert first_visit_gzip(build, "status/maintenance/2026-11-20-ehr-upgrade/") <= 30_000


def test_a_single_prepare_line_is_still_a_list(built) -> None:
    card = status_root(built("upcoming-maintenance")).by_id(
        "maintenance-2026-11-30-payroll-update")
    steps = card.find("ul", "bedside-prepare").find_all("li")
    assert [s.text() for s in steps] == [
        "Submit overtime claims for November before 17:00 on Monday 30 November."]


# --- cancelled planned work ----------------------------------------------------------


def test_cancelled_work_is_shown_as_cancelled(built) -> None:
    build = built("cancelled-maintenance")
    root = status_root(build)
    assert banner_sentence(root) == "Everything is working"
    card = root.by_id("maintenance-2026-11-21-ehr-upgrade")
    assert card.find(cls="bedside-card__status").text() == "Cancelled"
    assert card.find(cls="bedside-card__when").text() == (
        "This work is cancelled. Nothing will change.")
    assert "the supplier found a fault in the new version" in card.find(
        cls="bedside-card__message").text()
    assert "Add to calendar" not in card.text()
    assert component_states(root)["Patient records (EHR)"] == "Working"
    # Written the day before: the time says which day.
    assert card.find(cls="bedside-card__updated").text() == "Updated Thursday 19 November, 16:00"
    page = status_root(build, "status/maintenance/2026-11-21-ehr-upgrade/")
    assert page.find(cls="bedside-notice__cancelled").text() == (
        "Cancelled: this work will not happen. Nothing will change.")
    notice = page.find(cls="bedside-notice").text()
    # On paper: why it is off and that the old notice can come down, not why it was planned.
    for words in ("It was planned for Saturday 21 November 2026, 22:00 to 02:00 on "
                  "Sunday 22 November.",
                  "Why it is cancelled We have called off this upgrade: the supplier found a "
                  "fault in the new version.",
                  "If the earlier notice is on your noticeboard, please take it down.",
                  "Questions? Service desk, ext. 4444, 24 hours"):
        assert words in notice
    for words in ("Before it starts", "fixes the slow search", "Results will open in seconds",
                  "How it helps you"):
        assert words not in notice


# --- stale feeds ---------------------------------------------------------------------


def test_automatic_signals_are_labelled_and_never_replace_what_people_wrote(built) -> None:
    root = status_root(built("stale-feeds"))
    checks = root.by_id("automatic-checks")
    assert "not from a person" in checks.text()
    assert "Last checked Friday 20 November, 08:20." in checks.text()
    signals = [(s.find("strong").text(), s.find(cls="bedside-signal__state").text())
               for s in checks.find_all("li", "bedside-signal")]
    assert signals[0] == ("Lab results", "Possible problem:")
    assert ("Email and calendar", "Possible problem, out of date:") in signals
    assert ("Wi-Fi", "No problem reported, out of date:") in signals
    problems_first = [state.startswith("Possible problem") for _, state in signals]
    assert problems_first == sorted(problems_first, reverse=True)
    email = next(s for s in checks.find_all("li", "bedside-signal")
                 if s.find("strong").text() == "Email and calendar")
    assert "We could not reach this source since Friday 20 November, 05:40" in email.text()
    lab = root.by_id("component-lab-results")
    assert lab.find(cls="bedside-component__state").text() == "Working"
    assert "An automatic check reports a possible problem." in lab.text()


def test_hostile_feed_text_is_not_run(built) -> None:
    build = built("stale-feeds")
    page = parse(build.page("status/"))
    assert "bedsideFeedAttack" not in " ".join(s.text() for s in page.find_all("script"))
    root = page.find("div", "bedside-status")
    assert root.find_all("img") == []
    assert all(not a.attrs.get("href", "").startswith("javascript:") for a in root.find_all("a"))


# --- the page head ---------------------------------------------------------------------


def test_feeds_are_linked_in_the_head_and_assets_load_only_where_needed(built) -> None:
    build = built("all-well")
    head = parse(build.page("status/")).find("head")
    feeds = {link.attrs["type"]: link.attrs["href"] for link in head.find_all("link")
             if "alternate" in link.attrs.get("rel", "").split()}
    assert feeds == {"application/rss+xml": "rss.xml", "application/atom+xml": "atom.xml"}
    assert (build.site / "status" / "rss.xml").is_file()
    # The status pages carry their stylesheet inline: one request less on a slow network.
    for url in ("status/", ""):
        page = parse(build.page(url))
        scripts = page.find_all("script")
        assert [s.attrs["src"] for s in scripts if "src" in s.attrs] == \
            [urls.relative(url, urls.STATUS_SCRIPT)]
        # ... and what must run before the page is first drawn, inline (times, print button).
        assert "localiseTimes" in "".join(s.text() for s in scripts if "src" not in s.attrs)
        assert not [link for link in page.find_all("link") if link.attrs["rel"] == "stylesheet"]
        assert ".bedside-banner" in page.find("style").text()
    # The playbook's examples show the same parts, with the same stylesheet.
    assert re.search(r'href="[^"]*assets/stylesheets/bedside\.css"',
                     build.page("playbook/downtime/templates/"))
    assert "bedside.css" not in build.page("it-team/")
    assert "status.js" not in build.page("it-team/")
