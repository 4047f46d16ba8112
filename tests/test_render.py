"""The render functions on their own: safe text, times, days and links, without a build."""

from __future__ import annotations

import dataclasses
import html
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from markupsafe import Markup

from macros.loader import load_tree
from macros.render.history import history_pages
from macros.render.pages import docs_page_url, render_incident_page
from macros.render.text import page_title
from macros.render.times import time_element
from macros.render.view import View
from macros.signals import CheckDay, SnapshotView
from macros.state import compute_state, tree_as_of
from macros.text import rich
from macros.uptime import uptime
from macros.wording import duration_words, next_update_sentence, window_in_words
from tests.dom import parse
from tests.helpers import TREES

LONDON = ZoneInfo("Europe/London")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def tree(name: str = "all-well"):
    return load_tree(TREES / name)


def view_of(status_tree, now: str, here: str = "status/") -> View:
    moment = at(now).astimezone(status_tree.timezone)
    seen = tree_as_of(status_tree, moment)
    return View(seen, compute_state(seen, moment), SnapshotView.unavailable(), here=here)


# --- people's text ------------------------------------------------------------


@pytest.mark.parametrize(("written", "shown"), [
    ("{{ 7*7 }} and {% if 1 %}x{% endif %}", "<p>{{ 7*7 }} and {% if 1 %}x{% endif %}</p>"),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("<b>bold</b> & more", "<p>&lt;b&gt;bold&lt;/b&gt; &amp; more</p>"),
    ("# Not a heading", "<p># Not a heading</p>"),
    ("    indented, not code", "<p>indented, not code</p>"),
    ("![x](https://example.org/x.png)", "<p>![x](https://example.org/x.png)</p>"),
    ("[js](javascript:alert(1))", "<p>js</p>"),
    ("[data](data:text/html,hi)", "<p>data</p>"),
    ("[**bold** js](JavaScript:alert(1))", "<p><strong>bold</strong> js</p>"),
    ("[desk](mailto:desk@example.org)",
     "<p><a href=\"mailto:desk@example.org\" rel=\"noopener noreferrer\">desk</a></p>"),
    ("**Do** this:\n\n- one\n- two", "<p><strong>Do</strong> this:</p>\n<ul>\n<li>one</li>\n"
                                      "<li>two</li>\n</ul>"),
])
def test_rich_text_allows_a_little_markdown_and_nothing_else(written: str, shown: str) -> None:
    assert str(rich(written)) == shown


def test_page_titles_are_escaped_for_the_theme_and_keep_every_character() -> None:
    written = 'A&E printers </title><script>{{ 7*7 }}</script> "down"'
    title = page_title(written)
    assert not set("<>{}") & set(title)
    assert html.unescape(title) == written
    assert page_title("A&E printers") == "A&amp;E printers"


# --- times and words ---------------------------------------------------------------


def test_a_time_element_carries_the_instant_and_shows_the_site_zone() -> None:
    summer = time_element(at("2026-07-01T07:45+00:00"), LONDON, "datetime", relative=True)
    assert str(summer) == ('<time datetime="2026-07-01T08:45:00+01:00" data-show="datetime" '
                           'data-relative>Wednesday 1 July, 08:45</time>')


@pytest.mark.parametrize(("minutes", "words"), [
    (1, "1 minute"), (45, "45 minutes"), (60, "1 hour"), (85, "1 hour 25 minutes"),
    (24 * 60 + 30, "1 day"), (2 * 24 * 60 + 185, "2 days 3 hours")])
def test_durations_are_said_in_words(minutes: int, words: str) -> None:
    assert duration_words(timedelta(minutes=minutes)) == words


def test_next_update_sentences_keep_or_own_the_promise() -> None:
    incident = next(i for i in tree("major-outage").incidents if i.id.endswith("ehr-down"))
    assert next_update_sentence(incident, at("2026-11-20T08:30+00:00"), LONDON) == (
        "We will update you by 08:45.")
    assert next_update_sentence(incident, at("2026-11-20T09:00+00:00"), LONDON) == (
        "We said we would update you by 08:45. We are still working on it.")


def test_marked_up_times_escape_everything_else() -> None:
    item = tree("upcoming-maintenance").maintenance[0]
    shown = window_in_words(item, LONDON, lambda moment, show: Markup("<b>x</b>"))
    assert isinstance(shown, Markup)
    assert shown == "<b>x</b>, <b>x</b> to <b>x</b> on <b>x</b>"


# --- links ---------------------------------------------------------------------


@pytest.mark.parametrize(("here", "target", "link"), [
    ("status/", "status/incidents/a/", "incidents/a/"),
    ("status/", "status/", "./"),
    ("status/", "status.json", "../status.json"),
    ("status/incidents/a/", "status/", "../../"),
    ("status/history/page/2/", "status/history/", "../../"),
    ("status/maintenance/b/", "status/maintenance/b/event.ics", "event.ics"),
])
def test_links_are_relative_to_the_page(here: str, target: str, link: str) -> None:
    assert View(None, None, None, here=here).href(target) == link


def test_an_incident_page_links_to_its_review() -> None:
    source = tree("all-well")
    incident = dataclasses.replace(source.incidents[0],
                                   postmortem="docs/status/reviews/2026-11-10-labels.md")
    view = view_of(dataclasses.replace(source, incidents=(incident,)), "2026-11-20T08:30+00:00",
                   here="status/incidents/2026-11-10-printing-labels/")
    page = parse(str(render_incident_page(view, incident)))
    review = next(a for a in page.find_all("a") if a.text() == "Read the review of this problem")
    assert review.attrs["href"] == "../../reviews/2026-11-10-labels/"
    assert docs_page_url("docs/status/reviews/index.md") == "status/reviews/"


# --- the last 90 days ---------------------------------------------------------------


def _incident_between(start: str, end: str, state: str = "major_outage"):
    base = tree("all-well").incidents[0]
    first, last = base.updates
    return dataclasses.replace(
        base, id="2026-10-24-overnight", title="Overnight problem", components={"ehr": state},
        updates=(dataclasses.replace(first, at=at(start), next_update=at(start) +
                                     timedelta(minutes=30)),
                 dataclasses.replace(last, at=at(end))))


def test_a_problem_over_midnight_counts_on_both_days_in_the_site_zone() -> None:
    # The clocks go back at 02:00 on Sunday 25 October 2026 (BST to GMT).
    source = tree("all-well")
    incident = _incident_between("2026-10-24T23:00+01:00", "2026-10-25T03:00+00:00")
    days = {row.component.id: row for row in uptime(
        dataclasses.replace(source, incidents=(incident,), maintenance=()), {},
        at("2026-11-20T08:30+00:00"))}
    labels = [d.label for d in days["ehr"].problem_days]
    assert labels == [
        "Saturday 24 October: Not working for 1 hour (Overnight problem)",
        "Sunday 25 October: Not working for 4 hours (Overnight problem)",
    ]
    assert days["ehr"].sentence == "Problems on 2 of the last 90 days."
    assert len(days["ehr"].days) == 90 and days["ehr"].days[-1].day == date(2026, 11, 20)


def test_a_busy_day_names_its_worst_problems_and_counts_the_rest() -> None:
    source = tree("all-well")
    incidents = tuple(
        dataclasses.replace(
            _incident_between(f"2026-11-10T0{hour}:00+00:00", f"2026-11-10T0{hour}:{minutes}+00:00",
                              state),
            id=f"2026-11-10-problem-{hour}", title=f"Problem {hour}")
        for hour, minutes, state in [(1, 10, "degraded_performance"), (2, 50, "major_outage"),
                                     (3, 20, "degraded_performance"), (4, 15, "major_outage"),
                                     (5, 30, "partial_outage")])
    days = {row.component.id: row for row in uptime(
        dataclasses.replace(source, incidents=incidents, maintenance=()), {},
        at("2026-11-20T08:30+00:00"))}
    assert [d.label for d in days["ehr"].problem_days] == [
        "Tuesday 10 November: Not working for 50 minutes (Problem 2); "
        "Not working for 15 minutes (Problem 4); and 3 more problems or planned work"]


def test_automatic_failures_count_only_as_automatic_and_planned_work_is_no_problem() -> None:
    source = tree("maintenance-in-progress")
    history = {"email": (CheckDay(date(2026, 11, 29), 96, 3),)}
    days = {row.component.id: row for row in uptime(source, history,
                                                    at("2026-11-30T20:00+00:00"))}
    email = days["email"]
    assert [d.kind for d in email.problem_days] == ["checks"]
    assert email.problem_days[0].label == (
        "Sunday 29 November: Automatic checks failed 3 of 96 times")
    payroll = days["payroll"]
    assert payroll.problem_days == ()
    assert [d.label for d in payroll.notable_days] == [
        "Monday 30 November: Planned work for 2 hours (Payroll system update)"]
    # No problem, but the list below names a day of planned work: the sentence says so too.
    assert payroll.sentence == "No problems in the last 90 days. Planned work on 1 day."


def test_one_failed_check_is_a_blip_not_a_problem_day() -> None:
    # Alerts wait for 2 failures in a row (the default), so the bars do too.
    source = tree("maintenance-in-progress")
    history = {"email": (CheckDay(date(2026, 11, 28), 96, 1), CheckDay(date(2026, 11, 29), 96, 2))}
    days = {row.component.id: row for row in uptime(source, history,
                                                    at("2026-11-30T20:00+00:00"))}
    assert [d.label for d in days["email"].problem_days] == [
        "Sunday 29 November: Automatic checks failed 2 of 96 times"]


def test_a_problem_still_open_counts_until_now_and_later_updates_do_not() -> None:
    source = tree("major-outage")
    days = {row.component.id: row for row in uptime(source, {}, at("2026-11-20T08:30+00:00"))}
    assert days["ehr"].problem_days[-1].label == (
        "Friday 20 November: Not working for 38 minutes "
        "(Patient records are not opening on any site)")


# --- history pages ------------------------------------------------------------------


def test_history_months_follow_the_site_zone() -> None:
    source = tree("all-well")
    # 23:30 UTC on 30 June is 00:30 on 1 July in London.
    incident = _incident_between("2026-06-30T23:30+00:00", "2026-07-01T00:10+00:00")
    pages = history_pages(dataclasses.replace(source, incidents=(incident,), maintenance=()),
                          at("2026-11-20T08:30+00:00"))
    months = [m for page in pages for m in page.months]
    assert [m.first_day for m in months][-1] == date(2026, 7, 1)
    assert [len(m.entries) for m in months] == [0, 0, 0, 0, 1]
    assert [p.number for p in pages] == [1, 2] and pages[0].total == 2



# --- planned work that runs late ---------------------------------------------------


def test_work_running_late_says_so_in_the_banner_and_the_card() -> None:
    from macros.render.banner import render_banner
    from macros.render.maintenance import render_maintenance_card

    source = tree("maintenance-in-progress")
    work = source.maintenance[0]
    late = dataclasses.replace(work, updates=(*work.updates, dataclasses.replace(
        work.updates[0], at=at("2026-11-30T21:10+00:00"), status="verifying",
        message="We are checking the last payslips before opening the system.")))
    view = view_of(dataclasses.replace(source, maintenance=(late,)), "2026-11-30T21:30+00:00")
    banner = parse(str(render_banner(view)))
    assert banner.find(cls="bedside-banner__sentence").text() == (
        "Planned work on Payroll and e-rostering is taking longer than planned")
    card = parse(str(render_maintenance_card(view, late)))
    assert card.find(cls="bedside-card__when").text() == (
        "Started at 18:00. It is taking longer than planned: we expected to finish by 21:00.")
    assert "We are checking the last payslips" in card.find(cls="bedside-card__message").text()
