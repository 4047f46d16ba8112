"""The snapshot between runs: stale data with its age, alerts after N failures, safe reading.

Outcomes are built by hand here with fixed times, so what the page would say
can be checked to the minute without a network or a clock.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from macros.fetch.merge import merge
from macros.kinds import KINDS, all_kinds
from macros.kinds.base import FAILED, NOT_MODIFIED, OK, Outcome
from macros.loader import load_tree
from macros.model import Source, StatusTree
from macros.records import CheckResult, Entry, Validators
from macros.signals import NO_CHECKS, Signal
from macros.snapshot import (
    HISTORY_DAYS,
    SNAPSHOT_NAME,
    Snapshot,
    load_snapshot_view,
    read_snapshot,
    snapshot_view,
    write_snapshot,
)
from tests.helpers import REPO, TREES, Build, build_site

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
CHECK = Source("ehr-login", "http", "https://ehr.example.org/health", "ehr",
               name="Patient records sign-in check")
FEED = Source("m365", "feed", "https://status.example.com/history.rss", "email", name="Microsoft")
NEWS = Entry(id="EX1", title="Some users cannot send mail", link="https://status.example.com/EX1",
             at=T0 - timedelta(minutes=20))


@pytest.fixture(scope="module")
def tree() -> StatusTree:
    return replace(load_tree(TREES / "basic"), sources=(CHECK, FEED))


def check(ok: bool, at: datetime, source: Source = CHECK) -> Outcome:
    if ok:
        return Outcome(source, OK, at, check=CheckResult(True, 180, 200))
    return Outcome(source, FAILED, at, error="the server did not answer within 5 seconds",
                   check=CheckResult(False))


def feed_ok(at: datetime, entries: tuple[Entry, ...] = (NEWS,)) -> Outcome:
    return Outcome(FEED, OK, at, validators=Validators('"v1"', ""), entries=entries)


def feed_failed(at: datetime) -> Outcome:
    return Outcome(FEED, FAILED, at, error="the server did not answer within 5 seconds")


def runs(tree: StatusTree, *batches: list[Outcome]) -> Snapshot:
    snapshot = Snapshot()
    for batch in batches:
        snapshot = merge(snapshot, batch, tree, batch[0].attempted_at)
    return snapshot


def signal_of(snapshot: Snapshot, tree: StatusTree, source_id: str, now: datetime) -> Signal:
    [signal] = [s for s in snapshot_view(snapshot, tree, now).signals if s.source_id == source_id]
    return signal


# --- alerts, staleness and conditional answers ------------------------------------------------


def test_one_failed_check_does_not_alarm_a_ward(tree: StatusTree) -> None:
    snapshot = runs(tree, [check(True, T0)], [check(False, T0 + timedelta(minutes=10))])
    signal = signal_of(snapshot, tree, "ehr-login", T0 + timedelta(minutes=11))
    assert not signal.problem
    assert signal.sentence == "Our automatic check last reached Patient records (EHR) at 08:00."


def test_two_failed_checks_in_a_row_show_a_possible_problem(tree: StatusTree) -> None:
    snapshot = runs(tree, [check(True, T0)], [check(False, T0 + timedelta(minutes=10))],
                    [check(False, T0 + timedelta(minutes=20))])
    signal = signal_of(snapshot, tree, "ehr-login", T0 + timedelta(minutes=21))
    assert signal.problem
    # A machine noticed it; the words promise nothing that no person may be doing.
    assert signal.sentence == ("Our automatic check could not reach Patient records (EHR) at "
                               "08:20. If Patient records (EHR) is not working for you, call "
                               "the service desk.")
    assert signal.source_name == "Automatic check"


def test_the_number_of_failures_before_an_alert_is_set_per_source(tree: StatusTree) -> None:
    patient = replace(CHECK, failures_before_alert=3)
    patient_tree = replace(tree, sources=(patient,))
    batches = [[check(False, T0 + timedelta(minutes=10 * n), patient)] for n in range(3)]
    after_two = runs(patient_tree, *batches[:2])
    after_three = runs(patient_tree, *batches)
    later = T0 + timedelta(minutes=30)
    assert not signal_of(after_two, patient_tree, "ehr-login", later).problem
    assert signal_of(after_three, patient_tree, "ehr-login", later).problem


def test_a_working_check_clears_the_alert(tree: StatusTree) -> None:
    snapshot = runs(tree, *[[check(False, T0 + timedelta(minutes=10 * n))] for n in range(3)],
                    [check(True, T0 + timedelta(minutes=30))])
    signal = signal_of(snapshot, tree, "ehr-login", T0 + timedelta(minutes=31))
    assert not signal.problem
    assert signal.sentence == "Our automatic check reached Patient records (EHR) at 08:30."


def test_a_failing_feed_keeps_its_last_entries_marked_stale_with_their_age(
        tree: StatusTree) -> None:
    snapshot = runs(tree, [feed_ok(T0)], [feed_failed(T0 + timedelta(hours=2))])
    record = snapshot.sources["m365"]
    assert record.entries == (NEWS,)
    assert (record.last_success, record.consecutive_failures) == (T0, 1)
    assert record.error == "the server did not answer within 5 seconds"
    signal = signal_of(snapshot, tree, "m365", T0 + timedelta(hours=2))
    assert signal.stale
    assert signal.stale_since == T0
    assert signal.sentence == ("Microsoft reports a problem with Email and calendar: "
                               "Some users cannot send mail.")


def test_not_modified_keeps_the_entries_and_they_stay_fresh(tree: StatusTree) -> None:
    later = T0 + timedelta(hours=2)
    snapshot = runs(tree, [feed_ok(T0)], [Outcome(FEED, NOT_MODIFIED, later)])
    record = snapshot.sources["m365"]
    assert record.entries == (NEWS,)
    assert record.validators.etag == '"v1"'
    assert record.last_success == later
    assert not signal_of(snapshot, tree, "m365", later).stale


def test_results_from_a_fetch_that_stopped_running_are_stale(tree: StatusTree) -> None:
    snapshot = runs(tree, [check(True, T0), feed_ok(T0)])
    for source_id in ("ehr-login", "m365"):
        assert not signal_of(snapshot, tree, source_id, T0 + timedelta(minutes=30)).stale
        assert signal_of(snapshot, tree, source_id, T0 + timedelta(hours=3)).stale


def test_old_and_fixed_news_is_not_a_problem(tree: StatusTree) -> None:
    fixed = Entry(id="EX2", title="Resolved: mail delays", at=T0 - timedelta(hours=1))
    old = Entry(id="EX3", title="Calendar sharing is slow", at=T0 - timedelta(days=2))
    snapshot = runs(tree, [feed_ok(T0, (fixed, old))])
    signals = {s.sentence: s.problem for s in snapshot_view(snapshot, tree, T0).signals}
    assert signals == {
        "Microsoft reports that a problem with Email and calendar is fixed: mail delays.": False,
        "Microsoft reports a problem with Email and calendar: Calendar sharing is slow.": False,
    }
    quiet = runs(tree, [feed_ok(T0, (Entry(id="EX4", title="Old", at=T0 - timedelta(days=9)),))])
    signal = signal_of(quiet, tree, "m365", T0)
    assert signal.sentence == ("Microsoft has posted nothing about Email and calendar "
                               "in the last 3 days.")


def test_a_changed_address_starts_afresh_and_removed_sources_go(tree: StatusTree) -> None:
    snapshot = runs(tree, [check(True, T0), feed_ok(T0)])
    moved = replace(FEED, url="https://status.example.com/new.rss")
    after = merge(snapshot, [Outcome(moved, FAILED, T0 + timedelta(minutes=10), error="x")],
                  replace(tree, sources=(moved,)), T0 + timedelta(minutes=10))
    assert list(after.sources) == ["m365"]
    assert after.sources["m365"].entries == ()
    assert after.sources["m365"].validators == Validators()


# --- history for the uptime bars --------------------------------------------------------------


def test_history_counts_checks_per_day_in_the_site_zone_and_keeps_90_days(
        tree: StatusTree) -> None:
    old_days = {date(2026, 11, 20) - timedelta(days=n): (144, n % 3) for n in range(1, 200)}
    start = replace(Snapshot(), history={"ehr": old_days, "gone": {date(2026, 11, 19): (1, 0)}})
    first = merge(start, [check(False, T0)], tree, T0)
    second = merge(first, [check(True, T0 + timedelta(minutes=10))], tree,
                   T0 + timedelta(minutes=10))
    days = second.history["ehr"]
    assert days[date(2026, 11, 20)] == (2, 1)
    assert len(days) == HISTORY_DAYS
    assert min(days) == date(2026, 11, 20) - timedelta(days=HISTORY_DAYS - 1)
    assert "gone" not in second.history
    view = snapshot_view(second, tree, T0 + timedelta(minutes=10))
    assert len(view.history["ehr"]) == HISTORY_DAYS
    assert view.history["ehr"][-1].checks == 2


def test_a_check_just_after_midnight_in_summer_counts_for_the_new_day(tree: StatusTree) -> None:
    just_after_midnight = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)  # 00:30 on 2 July, London
    snapshot = merge(Snapshot(), [check(True, just_after_midnight)], tree, just_after_midnight)
    assert list(snapshot.history["ehr"]) == [date(2026, 7, 2)]


# --- the file ---------------------------------------------------------------------------------


def test_the_snapshot_survives_a_round_trip(tree: StatusTree, tmp_path: Path) -> None:
    snapshot = runs(tree, [check(True, T0), feed_ok(T0)], [check(False, T0 + timedelta(minutes=10)),
                                                          feed_failed(T0 + timedelta(minutes=10))])
    path = tmp_path / SNAPSHOT_NAME
    write_snapshot(path, snapshot)
    assert json.loads(path.read_text())["version"] == 1
    assert read_snapshot(path) == snapshot


@pytest.mark.parametrize("crash_in", ["fsync", "replace"])
def test_a_crash_while_writing_leaves_the_old_snapshot_whole(
        tree: StatusTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crash_in: str) -> None:
    path = tmp_path / SNAPSHOT_NAME
    write_snapshot(path, runs(tree, [feed_ok(T0)]))
    before = path.read_bytes()

    def power_cut(*args: object) -> None:
        raise SystemExit("power cut")

    monkeypatch.setattr(os, crash_in, power_cut)
    with pytest.raises(SystemExit):
        write_snapshot(path, runs(tree, [feed_ok(T0)], [feed_failed(T0 + timedelta(hours=1))]))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [SNAPSHOT_NAME]


@pytest.mark.parametrize(("content", "reason"), [
    (None, "they have not run yet"),
    (b"{not json", "their last results could not be read"),
    (b"\xff\xfe\x00garbage", "their last results could not be read"),
    (b"[1, 2, 3]", "their last results could not be read"),
    (b'{"sources": {}}', "their last results could not be read"),
    (b'{"version": 2, "sources": {}}', "their last results come from a newer version of this site"),
])
def test_an_unusable_snapshot_makes_checks_unavailable_with_a_plain_reason(
        tree: StatusTree, tmp_path: Path, content: bytes | None, reason: str) -> None:
    path = tmp_path / SNAPSHOT_NAME
    if content is not None:
        path.write_bytes(content)
    view = load_snapshot_view(path, tree, T0)
    assert not view.available
    assert view.signals == ()
    assert view.reason == (f"Automatic checks are not available right now ({reason}). "
                           "What the IT team writes here is up to date.")


def test_a_snapshot_that_cannot_be_opened_is_unavailable(tree: StatusTree, tmp_path: Path) -> None:
    path = tmp_path / SNAPSHOT_NAME
    path.mkdir()  # a folder where the file should be: reading it fails for every user
    view = load_snapshot_view(path, tree, T0)
    assert not view.available
    assert "could not be read" in view.reason


def test_odd_records_are_skipped_not_fatal(tree: StatusTree, tmp_path: Path) -> None:
    path = tmp_path / SNAPSHOT_NAME
    path.write_text(json.dumps({
        "version": 1, "generated_at": "yesterday",
        "sources": {"ehr-login": "not a record",
                    "m365": {"kind": "feed", "url": 42, "last_success": T0.isoformat(),
                             "last_attempt": T0.isoformat(), "consecutive_failures": "many",
                             "entries": [None, {"title": ["x"]},
                                         {"title": "Mail is slow", "at": "noon",
                                          "link": "vbscript:x"}]}},
        "history": {"ehr": {"not a day": {"checks": 1, "failures": 0},
                            "2026-11-20": {"checks": 3, "failures": 9}}},
    }))
    view = load_snapshot_view(path, tree, T0)
    assert view.available
    assert [s.sentence for s in view.signals] == [
        "Microsoft has posted nothing about Email and calendar in the last 3 days."]
    assert view.history == {}


def test_the_build_never_fails_because_of_the_snapshot(tree: StatusTree, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / SNAPSHOT_NAME
    write_snapshot(path, runs(tree, [feed_ok(T0)]))

    def broken(*args: object) -> list[Signal]:
        raise KeyError("a bug in phrasing")

    monkeypatch.setattr("macros.snapshot.source_signals", broken)
    view = load_snapshot_view(path, tree, T0)
    assert not view.available
    assert view.reason == NO_CHECKS


# --- the stale-feeds fixture tree -------------------------------------------------------------


STALE_NOW = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)


def test_the_stale_feeds_tree_reads_as_a_reader_would_expect() -> None:
    root = TREES / "stale-feeds"
    tree = load_tree(root)
    view = load_snapshot_view(root / SNAPSHOT_NAME, tree, STALE_NOW)
    by_source: dict[str, list[Signal]] = {}
    for signal in view.signals:
        by_source.setdefault(signal.source_id, []).append(signal)
    [lab] = by_source["lab-results-check"]
    assert lab.problem and not lab.stale
    assert lab.sentence == ("Our automatic check could not reach Lab results at 08:20. "
                            "If Lab results is not working for you, call the service desk.")
    [printing] = by_source["printing-check"]
    assert not printing.problem
    microsoft = by_source["m365"]
    assert all(s.stale and s.stale_since == datetime(2026, 11, 20, 5, 40, 3, tzinfo=UTC)
               for s in microsoft)
    assert microsoft[0].sentence == ("Microsoft reports a problem with Email and calendar: "
                                     "Some users cannot send mail from Outlook.")
    assert microsoft[0].link == ""
    [imaging] = by_source["imaging-vendor"]
    assert imaging.sentence == "We could not read the news from our imaging supplier yet."
    everything = json.dumps([s.__dict__ for s in view.signals], default=str)
    for needle in ("<script", "bedsideFeedAttack", "javascript:", "onerror"):
        assert needle not in everything
    assert set(view.history) == {"ehr", "lab-results", "printing"}


def test_the_stale_feeds_tree_builds_strictly(site_builds) -> None:
    build: Build = site_builds("stale-feeds", "2026-11-20T08:30+00:00")
    assert build.returncode == 0, build.output
    for page in build.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "bedsideFeedAttack" not in html, page
        assert "javascript:" not in html, page


def test_a_build_with_an_unreadable_snapshot_still_succeeds(tmp_path: Path) -> None:
    status = tmp_path / "status"
    shutil.copytree(TREES / "stale-feeds", status)
    (status / SNAPSHOT_NAME).write_text('{"version": 99}')
    build = build_site(tmp_path, status, "2026-11-20T08:30+00:00")
    assert build.returncode == 0, build.output


# --- the snapshot is the only contract between fetching and building --------------------------


def test_the_build_never_loads_the_fetching_code() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, macros.plugin, macros.context; "
         "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
         "('requests', 'feedparser', 'urllib3') or m.startswith('macros.fetch'))))"],
        cwd=REPO, capture_output=True, text=True, check=True)
    assert loaded.stdout.split() == []


def test_source_kinds_are_registered_in_one_place() -> None:
    assert [kind.name for kind in all_kinds()] == list(KINDS)
    schema = json.loads((REPO / "macros" / "schemas" / "sources.schema.json").read_text())
    kind_field = schema["properties"]["sources"]["items"]["properties"]["kind"]
    assert kind_field["enum"] == list(KINDS)
    names = "|".join(KINDS)
    named = re.compile(rf"""kind\s*(==|!=|in)\s*[("']+(?:{names})\b""")
    outside = [f"{path.relative_to(REPO)}:{n}" for path in (REPO / "macros").rglob("*.py")
               if "kinds" not in path.parts
               for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if named.search(line)]
    assert outside == [], "a source kind is named outside macros/kinds/"
