"""RSS and Atom feeds, read back with feedparser as a feed reader would."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import feedparser

from macros import urls
from tests.test_outputs import LIVE, LIVE_NOW, SITE_NAME, SITE_URL, copy_of, write_site


def feeds(tree: str | Path, now: str, site: Path) -> tuple[feedparser.FeedParserDict, ...]:
    write_site(tree, now, site)
    return tuple(feedparser.parse((site / address).read_bytes())
                 for address in (urls.rss_feed(), urls.atom_feed()))


def when(entry: feedparser.FeedParserDict) -> datetime:
    return datetime(*entry.published_parsed[:6], tzinfo=UTC)


def test_both_feeds_parse_cleanly_in_their_own_format(tmp_path: Path) -> None:
    rss, atom = feeds(LIVE, LIVE_NOW, tmp_path / "site")
    assert (rss.version, rss.bozo) == ("rss20", False)
    assert (atom.version, atom.bozo) == ("atom10", False)
    for feed in (rss, atom):
        assert feed.feed.title == f"{SITE_NAME}: problems and planned work"
        assert feed.feed.link == SITE_URL + urls.STATUS_HOME
        assert feed.feed.language == "en-GB"


def test_one_entry_per_update_and_per_announced_piece_of_work(tmp_path: Path) -> None:
    rss, atom = feeds(LIVE, LIVE_NOW, tmp_path / "site")
    titles = [e.title for e in rss.entries]
    assert titles == [
        "Cause found: Patient records are slow to open",
        "Looking into it: Patient records are slow to open",
        "In progress: New printer drivers on the ward PCs",
        # no announce_from: dated by the start of its window
        "Planned: New printer drivers on the ward PCs, Friday 20 November 2026, 08:00 to 10:00",
        "Cancelled: Lab results link move",
        "Planned: Payroll system update, Monday 30 November 2026, 18:00 to 21:00",
        "Planned: Lab results link move, Sunday 22 November 2026, 06:00 to 07:00",
        "Resolved: Label printers stopped on some wards",
        "Looking into it: Label printers stopped on some wards",
        "Finished: Lab analyser software update",
        "Planned: Lab analyser software update, Sunday 12 July 2026, 22:00 to 23:30",
    ]
    assert [e.title for e in atom.entries] == titles
    assert [e.id for e in atom.entries] == [e.id for e in rss.entries]
    assert len({e.id for e in rss.entries}) == len(titles)


def test_entries_link_to_the_permalinks_with_ids_that_never_change(tmp_path: Path) -> None:
    rss, _ = feeds(LIVE, LIVE_NOW, tmp_path / "one")
    first = {e.id: e.link for e in rss.entries}
    page = SITE_URL + urls.incident_page("2026-11-20-ehr-slow")
    assert first[f"{page}#update-1"] == page
    assert first[SITE_URL + urls.maintenance_page("2026-11-30-payroll-update") + "#announced"] \
        == SITE_URL + urls.maintenance_page("2026-11-30-payroll-update")

    tree = copy_of(LIVE, tmp_path)
    path = tree / "incidents" / "2026-11-20-ehr-slow.yml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - at: 2026-11-20T09:30\n"
        "    status: resolved\n"
        "    message: Patient records open normally again.\n"
        "    data_impact: No records were lost.\n"), encoding="utf-8")
    later, _ = feeds(tree, "2026-11-21T09:00+00:00", tmp_path / "two")
    second = {e.id: e.link for e in later.entries}
    assert first.items() <= second.items()
    assert second[f"{page}#update-2"] == page


def test_an_entry_says_what_to_do_meanwhile_and_when_we_say_more(tmp_path: Path) -> None:
    _, atom = feeds(LIVE, LIVE_NOW, tmp_path / "site")
    first_update = next(e for e in atom.entries
                        if e.title == "Looking into it: Patient records are slow to open")
    body = first_update.content[0].value
    assert first_update.content[0].type == "text/html"
    assert "<strong>What to do meanwhile:</strong> Use the read-only viewer" in body
    assert "<strong>Next update:</strong> 08:45 on Friday 20 November 2026" in body
    assert "<strong>Who is affected:</strong> Wards and clinics on the main site" in body
    assert when(first_update) == datetime(2026, 11, 20, 8, 15, tzinfo=UTC)


def test_a_planned_work_entry_says_why_how_to_prepare_and_who_to_call(tmp_path: Path) -> None:
    rss, _ = feeds(LIVE, LIVE_NOW, tmp_path / "site")
    payroll = next(e for e in rss.entries if e.title.startswith("Planned: Payroll"))
    body = payroll.summary
    for words in ("<strong>Why:</strong> The update adds next year's tax rates",
                  "<strong>How it helps you:</strong> December pay",
                  "<li>Submit overtime claims for November",
                  "<strong>While the work happens:</strong> Rotas printed",
                  "<strong>Who to call:</strong> Payroll team, ext. 2210"):
        assert words in body
    assert when(payroll) == datetime(2026, 11, 16, 9, 0, tzinfo=UTC)  # announce_from


def test_feed_dates_come_from_the_data_not_the_build_clock(tmp_path: Path) -> None:
    _, atom = feeds(LIVE, LIVE_NOW, tmp_path / "one")
    newest = datetime(2026, 11, 20, 8, 44, tzinfo=UTC)
    assert datetime(*atom.feed.updated_parsed[:6], tzinfo=UTC) == newest
    assert "Fri, 20 Nov 2026 08:44:00 +0000" in (tmp_path / "one" / urls.rss_feed()).read_text(
        encoding="utf-8")
    feeds(LIVE, "2026-11-20T09:05+00:00", tmp_path / "two")
    assert (tmp_path / "one" / urls.rss_feed()).read_bytes() == \
        (tmp_path / "two" / urls.rss_feed()).read_bytes()
