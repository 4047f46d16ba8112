"""Reading hostile and broken sources: each one fails alone, in time, and leaves safe words.

Every source is served from a loopback server. Each test checks what a reader
of the status page would end up seeing (through the snapshot and its view)
and that the deadline held.
"""

from __future__ import annotations

import json
import random
import socket
import time
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from macros.fetch import fetch_all, runner
from macros.fetch.addresses import AddressBook, is_public
from macros.fetch.limits import TOO_MUCH_MEMORY, TOO_MUCH_WORK
from macros.fetch.merge import merge
from macros.fetch.runner import warm_up
from macros.kinds.base import FAILED, NOT_MODIFIED, OK, FetchError, Outcome
from macros.loader import load_tree
from macros.model import Source, StatusTree
from macros.signals import Signal
from macros.snapshot import Snapshot, snapshot_view
from tests.helpers import TREES

NOW = datetime.now(UTC)
TWO_MB = 2_000_000
SLOW_OUTLOOK = "Microsoft reports a problem with Email and calendar: Outlook is slow."
# The most memory a reading process may reach while refusing a 2 MB-capped answer:
# it starts from about 27 MB (shared with the fork server); reading 50 MB unchecked
# would take it past 75 MB.
MEMORY_CEILING = 45_000_000


@pytest.fixture(scope="module")
def tree() -> StatusTree:
    return load_tree(TREES / "basic")


@pytest.fixture(scope="module", autouse=True)
def reading_processes_ready() -> None:
    """Start the fork server the reading processes come from once, before any timing."""
    warm_up(wait=True)


def feed_source(server: HTTPServer, path: str, **fields) -> Source:
    values = {"id": "m365", "kind": "feed", "url": server.url_for(path), "component": "email",
              "name": "Microsoft", "timeout_s": 1.0, **fields}
    return Source(**values)


def read(sources: list[Source], deadline: float) -> list[Outcome]:
    """fetch_all, asserting it came back within the deadline plus a second."""
    started = time.monotonic()
    outcomes = fetch_all(sources, deadline)
    assert time.monotonic() - started <= deadline + 1.0
    return outcomes


def seen_by_reader(tree: StatusTree, *runs: list[Outcome]) -> list[Signal]:
    """The signals the page would show after these runs of `bedside fetch`."""
    snapshot = Snapshot()
    for outcomes in runs:
        snapshot = merge(snapshot, outcomes, tree, NOW)
    sources = tuple({o.source.id: o.source for run in runs for o in run}.values())
    return list(snapshot_view(snapshot, replace(tree, sources=sources), NOW).signals)


def rss(*items: str) -> bytes:
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Service health</title>'
            + "".join(items) + "</channel></rss>").encode()


def item(title: str, when: datetime = NOW, link: str = "https://status.example.com/1",
         description: str = "") -> str:
    return (f"<item><title>{title}</title><link>{link}</link>"
            f"<description>{description}</description>"
            f"<pubDate>{format_datetime(when.astimezone(UTC), usegmt=True)}</pubDate></item>")


def hang(server: HTTPServer):
    def handler(request: Request) -> Response:
        server.release.wait(30)
        return Response("too late")
    return handler


# --- slow sources and the deadline ------------------------------------------------------------


def test_a_hanging_source_fails_alone_and_in_time(server: HTTPServer, tree: StatusTree) -> None:
    server.expect_request("/hang").respond_with_handler(hang(server))
    server.expect_request("/feed").respond_with_data(rss(item("Outlook is slow")))
    hanging = Source("ehr-login", "http", server.url_for("/hang"), "ehr", timeout_s=1.0)
    outcomes = read([hanging, feed_source(server, "/feed")], deadline=3)
    assert outcomes[0].result == FAILED
    assert outcomes[0].error == "the server did not answer within 1 second"
    assert outcomes[1].result == OK
    sentences = [s.sentence for s in seen_by_reader(tree, outcomes)]
    assert SLOW_OUTLOOK in sentences


def test_the_global_deadline_beats_a_long_time_out(server: HTTPServer) -> None:
    server.expect_request("/hang").respond_with_handler(hang(server))
    slow = [Source(f"check-{n}", "http", server.url_for("/hang"), "ehr", timeout_s=30.0)
            for n in range(4)]
    outcomes = read(slow, deadline=1.5)
    assert {o.result for o in outcomes} == {FAILED}
    assert all("did not finish in the time allowed" in o.error for o in outcomes)


def test_a_source_that_drips_bytes_is_cut_off_at_the_deadline(server: HTTPServer) -> None:
    def drip(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            yield b'<?xml version="1.0"?><rss version="2.0"><channel>'
            while not server.release.wait(0.1):
                yield b" "
        return Response(body(), content_type="application/rss+xml")

    server.expect_request("/drip").respond_with_handler(drip)
    [outcome] = read([feed_source(server, "/drip")], deadline=2)
    assert outcome.result == FAILED
    assert "too slowly" in outcome.error


# --- servers that answer badly ----------------------------------------------------------------


def test_a_server_error_is_retried_a_few_times_then_reported(server: HTTPServer) -> None:
    server.expect_request("/broken").respond_with_data("Internal Server Error", status=500)
    [outcome] = read([feed_source(server, "/broken")], deadline=10)
    assert outcome.result == FAILED
    assert outcome.error == "the server answered with an error (code 500)"
    assert len(server.log) == 3  # bounded retries, not a hammering


def test_a_passing_server_error_is_retried_away(server: HTTPServer) -> None:
    server.expect_oneshot_request("/flaky").respond_with_data("busy", status=503)
    server.expect_request("/flaky").respond_with_data(rss(item("Teams calls drop")))
    [outcome] = read([feed_source(server, "/flaky")], deadline=10)
    assert outcome.result == OK
    assert [e.title for e in outcome.entries or ()] == ["Teams calls drop"]


def test_a_redirect_loop_stops_after_five_redirects(server: HTTPServer) -> None:
    server.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    [outcome] = read([feed_source(server, "/loop")], deadline=5)
    assert outcome.result == FAILED
    assert "more than 5 redirects" in outcome.error
    assert len(server.log) == 6


def test_redirects_are_followed_but_only_to_web_addresses(server: HTTPServer) -> None:
    server.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    server.expect_request("/new").respond_with_data(rss(item("Mail is slow")))
    server.expect_request("/sneaky").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"})
    moved, sneaky = read([feed_source(server, "/old"),
                          feed_source(server, "/sneaky", id="other")], deadline=5)
    assert moved.result == OK
    assert sneaky.result == FAILED
    assert "not a web address" in sneaky.error


def test_fifty_megabytes_are_refused_without_being_kept(server: HTTPServer) -> None:
    megabyte = b"x" * 1_000_000

    def flood(request: Request) -> Response:
        return Response((megabyte for _ in range(50)), content_type="application/rss+xml")

    server.expect_request("/flood").respond_with_handler(flood)
    server.expect_request("/declared").respond_with_handler(
        lambda request: Response(iter([megabyte]), headers={"Content-Length": "50000000"}))
    flood_outcome, declared = read([feed_source(server, "/flood", max_bytes=TWO_MB),
                                    feed_source(server, "/declared", id="declared",
                                                max_bytes=TWO_MB)], deadline=10)
    assert flood_outcome.error == "the answer was larger than the limit of 2 MB"
    assert declared.error == "the answer was larger than the limit of 2 MB"
    assert 0 < flood_outcome.peak_bytes < MEMORY_CEILING


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """About 100 KB that unpacks to 100 MB of zeros."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1_000_000)
    return b"".join(packer.compress(zeros) for _ in range(100)) + packer.flush()


def test_a_gzip_bomb_is_stopped_at_the_cap(server: HTTPServer, gzip_bomb: bytes) -> None:
    server.expect_request("/bomb").respond_with_data(
        gzip_bomb, headers={"Content-Encoding": "gzip"}, content_type="application/rss+xml")
    assert len(gzip_bomb) < TWO_MB
    [outcome] = read([feed_source(server, "/bomb", max_bytes=TWO_MB)], deadline=10)
    assert outcome.result == FAILED
    assert "unpacked to more than the limit of 2 MB" in outcome.error
    assert 0 < outcome.peak_bytes < MEMORY_CEILING


def test_a_gzipped_feed_is_read(server: HTTPServer) -> None:
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    body = packer.compress(rss(item("Outlook is slow"))) + packer.flush()
    server.expect_request("/gz").respond_with_data(body, headers={"Content-Encoding": "gzip"})
    [outcome] = read([feed_source(server, "/gz")], deadline=5)
    assert [e.title for e in outcome.entries or ()] == ["Outlook is slow"]


# --- feeds that are not feeds -----------------------------------------------------------------


def test_a_web_page_instead_of_a_feed_keeps_the_last_good_entries(
        server: HTTPServer, tree: StatusTree) -> None:
    server.expect_oneshot_request("/feed").respond_with_data(rss(item("Outlook is slow")))
    server.expect_request("/feed").respond_with_data(
        "<!doctype html><html><body><h1>Service health</h1></body></html>",
        content_type="text/html")
    first = read([feed_source(server, "/feed")], deadline=5)
    second = read([feed_source(server, "/feed")], deadline=5)
    assert second[0].error == ("the address sent a web page, not a news feed; "
                               "check the address in sources.yml")
    [signal] = seen_by_reader(tree, first, second)
    assert signal.sentence == SLOW_OUTLOOK
    assert signal.stale
    assert signal.stale_since == first[0].attempted_at


def test_broken_xml_is_used_where_it_can_be_read(server: HTTPServer) -> None:
    server.expect_request("/amp").respond_with_data(rss(item("Mail & calendar are slow")))
    server.expect_request("/junk").respond_with_data(b"\x00\x01\xff not a feed {{{")
    amp, junk = read([feed_source(server, "/amp"), feed_source(server, "/junk", id="junk")],
                     deadline=5)
    assert amp.result == OK
    assert [e.title for e in amp.entries or ()] == ["Mail & calendar are slow"]
    assert "not well-formed" in amp.note
    assert junk.result == FAILED
    assert junk.error == "the feed is damaged and could not be read"


def test_feedparser_never_opens_what_the_body_names(server: HTTPServer, tmp_path: Path) -> None:
    local = tmp_path / "local-feed.xml"
    local.write_bytes(rss(item("Read from the local disk")))
    server.expect_request("/path").respond_with_data(str(local))
    [outcome] = read([feed_source(server, "/path")], deadline=5)
    assert outcome.result == FAILED
    assert outcome.entries is None


def test_script_in_entries_never_reaches_the_snapshot(server: HTTPServer, tree: StatusTree,
                                                      tmp_path: Path) -> None:
    hostile = item(
        "Outlook is slow&lt;script&gt;alert('feed')&lt;/script&gt;",
        link="javascript:alert('link')",
        description="&lt;p onclick=\"alert('p')\"&gt;Messages wait in the Outbox.&lt;/p&gt;"
                    "&lt;img src=x onerror=alert('img')&gt;&lt;iframe src=data:text/html,x&gt;"
                    "&lt;/iframe&gt;&lt;style&gt;body{display:none}&lt;/style&gt;")
    server.expect_request("/feed").respond_with_data(rss(hostile))
    outcomes = read([feed_source(server, "/feed")], deadline=5)
    snapshot = merge(Snapshot(), outcomes, tree, NOW)
    text = json.dumps(snapshot.as_json())
    for needle in ("<script", "alert(", "javascript:", "onclick", "onerror", "<iframe",
                   "data:", "display:none"):
        assert needle not in text
    [entry] = outcomes[0].entries or ()
    assert (entry.title, entry.summary, entry.link) == (
        "Outlook is slow", "Messages wait in the Outbox.", "")
    [signal] = seen_by_reader(tree, outcomes)
    assert signal.sentence == SLOW_OUTLOOK
    assert signal.link == ""


def test_only_the_fifty_newest_entries_are_kept(server: HTTPServer) -> None:
    items = [item(f"Notice {n}", datetime(2026, 1, 1, tzinfo=UTC).replace(day=1 + n % 28,
                                                                            hour=n % 24))
             for n in range(80)]
    server.expect_request("/many").respond_with_data(rss(*items))
    [outcome] = read([feed_source(server, "/many")], deadline=5)
    entries = outcome.entries or ()
    assert len(entries) == 50
    times = [e.at for e in entries]
    assert times == sorted(times, reverse=True)  # type: ignore[type-var]


# --- Statuspage summaries ---------------------------------------------------------------------


def test_a_statuspage_with_missing_keys_and_unknown_values(server: HTTPServer,
                                                          tree: StatusTree) -> None:
    summary = {
        "page": {"name": "Payroll Co"},
        "status": {"indicator": "purple"},
        "components": [{"name": "Payslip portal", "status": "sideways"},
                       {"name": "Rota app", "status": "major_outage"},
                       {"name": "Everything", "status": "partial_outage", "group": True},
                       "not a component", {"status": "operational"}],
        "incidents": [{"name": "Overtime claims fail", "status": "exploding",
                       "components": [{"name": "Claims"}], "shortlink": "javascript:x"},
                      {"status": "investigating"}, {"name": "Old", "status": "resolved"}],
        "scheduled_maintenances": "not a list",
    }
    server.expect_request("/api/v2/summary.json").respond_with_json(summary)
    source = Source("payroll-vendor", "statuspage", server.url_for("/"), "payroll",
                    name="Our payroll supplier", timeout_s=1.0)
    outcomes = read([source], deadline=5)
    assert outcomes[0].result == OK
    sentences = {s.sentence: s.problem for s in seen_by_reader(tree, outcomes)}
    assert sentences == {
        "Our payroll supplier reports a problem with Claims: Overtime claims fail.": True,
        "Our payroll supplier reports that Rota app is not working.": True,
        "Our payroll supplier shows Payslip portal in a state we do not recognise; "
        "see their page for details.": False,
    }


def test_a_quiet_statuspage_says_everything_is_working(server: HTTPServer,
                                                      tree: StatusTree) -> None:
    server.expect_request("/api/v2/summary.json").respond_with_json(
        {"status": {"indicator": "none", "description": "All Systems Operational"},
         "components": [{"name": "Payslip portal", "status": "operational"}], "incidents": []})
    source = Source("payroll-vendor", "statuspage", server.url_for("/"), "payroll",
                    name="Our payroll supplier", timeout_s=1.0)
    [signal] = seen_by_reader(tree, read([source], deadline=5))
    assert signal.sentence == "Our payroll supplier reports that everything is working."
    assert signal.link == server.url_for("/")
    assert not signal.problem


def test_a_statuspage_that_sends_no_json_is_reported(server: HTTPServer) -> None:
    server.expect_request("/api/v2/summary.json").respond_with_data("<html>Moved</html>")
    source = Source("payroll-vendor", "statuspage", server.url_for("/"), "payroll",
                    timeout_s=1.0)
    [outcome] = read([source], deadline=5)
    assert outcome.result == FAILED
    assert "did not send status data we can read" in outcome.error


# --- conditional requests, checks and the User-Agent ------------------------------------------


def test_conditional_requests_keep_the_data_fresh(server: HTTPServer, tree: StatusTree) -> None:
    modified = "Fri, 20 Nov 2026 08:00:00 GMT"

    def answer(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"' \
                and request.headers.get("If-Modified-Since") == modified:
            return Response(status=304)
        return Response(rss(item("Outlook is slow")), headers={"ETag": '"v1"',
                                                               "Last-Modified": modified})

    server.expect_request("/feed").respond_with_handler(answer)
    first = read([feed_source(server, "/feed")], deadline=5)
    snapshot = merge(Snapshot(), first, tree, NOW)
    started = time.monotonic()
    second = fetch_all([feed_source(server, "/feed")], 5, validators=snapshot.validators())
    assert time.monotonic() - started <= 6
    assert second[0].result == NOT_MODIFIED
    [signal] = seen_by_reader(tree, first, second)
    assert signal.sentence == SLOW_OUTLOOK
    assert not signal.stale


def test_the_user_agent_names_the_project(server: HTTPServer) -> None:
    agents: list[str] = []

    def health(request: Request) -> Response:
        agents.append(request.headers.get("User-Agent", ""))
        return Response("ok")

    server.expect_request("/health").respond_with_handler(health)
    [outcome] = read([Source("ehr-login", "http", server.url_for("/health"), "ehr")], deadline=5)
    assert outcome.result == OK
    assert outcome.check is not None and outcome.check.ok
    assert outcome.check.response_ms is not None
    assert agents and agents[0].startswith("Bedside/")


# --- where requests may go ----------------------------------------------------------------------


def test_a_supplier_redirecting_into_our_own_network_is_refused(server: HTTPServer) -> None:
    """The supplier's feed is named "localhost"; its redirect names 127.0.0.1 directly."""
    server.expect_request("/feed").respond_with_data(
        "", status=302, headers={"Location": server.url_for("/internal-admin")})
    server.expect_request("/internal-admin").respond_with_data(rss(item("Internal secrets")))
    supplier = feed_source(server, "/feed", url=server.url_for("/feed").replace(
        "127.0.0.1", "localhost"))
    [outcome] = read([supplier], deadline=5)
    assert outcome.result == FAILED
    assert outcome.error == (
        "the address redirected to an internal address (127.0.0.1); a redirect may only lead "
        "back to the source's own server or to a public address")
    assert [request.path for request, _ in server.log] == ["/feed"]


def test_a_redirect_to_an_internal_name_is_checked_by_its_address(server: HTTPServer) -> None:
    server.expect_request("/feed").respond_with_data(
        "", status=302, headers={"Location": server.url_for("/x").replace("127.0.0.1",
                                                                          "localhost")})
    [outcome] = read([feed_source(server, "/feed")], deadline=5)
    assert outcome.result == FAILED
    assert "redirected to an internal address (" in outcome.error


def test_a_redirect_from_https_to_http_is_refused() -> None:
    book = AddressBook("https://status.example.com/history.rss")
    with pytest.raises(FetchError) as refused:
        book.address_for("http://status.example.com/history.rss",
                         redirected_from="https://status.example.com/history.rss")
    assert str(refused.value) == ("the address redirected from a secure (https) address to an "
                                  "insecure (http) one, which we never follow")


def test_a_name_is_resolved_once_and_the_checked_address_is_used(
        monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["93.184.216.34", "127.0.0.1"])  # public when checked, then switched

    def lookup(host: str, port: int, **kwargs: object) -> list:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port))]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    book = AddressBook("https://status.example.com/history.rss")
    first = book.address_for("https://cdn.example.net/feed",
                             redirected_from="https://status.example.com/history.rss")
    again = book.address_for("https://cdn.example.net/feed?page=2",
                             redirected_from="https://cdn.example.net/feed")
    assert first == again == book.pinned("CDN.example.net") == "93.184.216.34"


@pytest.mark.parametrize(("address", "public"), [
    ("127.0.0.1", False), ("127.1.2.3", False), ("10.1.2.3", False), ("172.16.0.9", False),
    ("192.168.1.20", False), ("169.254.169.254", False), ("100.64.0.1", False),
    ("0.0.0.0", False), ("224.0.0.1", False), ("240.0.0.1", False), ("::1", False),
    ("fe80::1", False), ("fd00::1", False), ("::ffff:127.0.0.1", False),
    ("64:ff9b::a00:1", False), ("2002:7f00:1::", False), ("not an address", False),
    ("93.184.216.34", True), ("2606:4700::1111", True),
])
def test_only_public_addresses_count_as_public(address: str, public: bool) -> None:
    assert is_public(address) is public


def test_the_request_keeps_the_host_name_it_was_given(server: HTTPServer) -> None:
    hosts: list[str] = []

    def health(request: Request) -> Response:
        hosts.append(request.headers.get("Host", ""))
        return Response("ok")

    server.expect_request("/health").respond_with_handler(health)
    url = server.url_for("/health").replace("127.0.0.1", "localhost")
    [outcome] = read([Source("ehr-login", "http", url, "ehr")], deadline=5)
    assert outcome.result == OK
    assert hosts == [f"localhost:{server.port}"]


# --- large feeds and sources that attack the reader ------------------------------------------


def test_a_valid_feed_of_ten_megabytes_shows_its_newest_entries_by_date(
        server: HTTPServer) -> None:
    shuffled = random.Random(14)
    when = {n: NOW - timedelta(minutes=shuffled.randrange(60 * 24 * 400)) for n in range(40_000)}
    body = rss(*(item(f"Notice {n}: some users see mail delays", when[n],
                      link=f"https://status.example.com/{n}",
                      description="We are looking into it and will post an update soon.")
                 for n in range(40_000)))
    assert 9_000_000 < len(body) <= 10_000_000
    server.expect_request("/big").respond_with_data(body, content_type="application/rss+xml")
    [outcome] = read([feed_source(server, "/big")], deadline=10)
    assert outcome.result == OK, outcome.error
    newest = sorted(when, key=lambda n: when[n], reverse=True)[:50]
    assert [e.title for e in outcome.entries or ()] == [
        f"Notice {n}: some users see mail delays" for n in newest]


def test_a_feed_that_defines_its_own_entities_is_refused(server: HTTPServer) -> None:
    laughs = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">'.replace("lol0", "lol")
                        for n in range(1, 10))
              + ']><rss version="2.0"><channel><title>&lol9;</title>'
              + item("&lol9;") + "</channel></rss>")
    server.expect_request("/laughs").respond_with_data(laughs)
    [outcome] = read([feed_source(server, "/laughs")], deadline=5)
    assert outcome.result == FAILED
    assert outcome.error == ("the feed defines its own XML entities, a known trick to keep a "
                             "reader busy for hours; it was not read")


def test_a_source_that_needs_too_much_memory_only_hurts_itself(server: HTTPServer) -> None:
    nested_lists = b"[" + b"[]," * 3_300_000 + b"[]]"  # 10 MB that unpack to over 150 MB
    server.expect_request("/api/v2/summary.json").respond_with_data(
        nested_lists, content_type="application/json")
    server.expect_request("/feed").respond_with_data(rss(item("Outlook is slow")))
    greedy = Source("payroll-vendor", "statuspage", server.url_for("/"), "payroll",
                    timeout_s=5.0)
    hungry, fine = read([greedy, feed_source(server, "/feed")], deadline=10)
    assert hungry.result == FAILED
    assert hungry.error == TOO_MUCH_MEMORY
    assert TOO_MUCH_MEMORY.startswith("reading it needed more memory than we allow for one "
                                      "source (150 MB)")
    assert fine.result == OK


def test_a_feed_with_huge_entries_is_read_from_its_newest_that_fit(server: HTTPServer) -> None:
    markup = "&lt;b&gt;x&lt;/b&gt; " * 10_000  # some 200 KB of entry, 9 MB in all
    body = rss(*(item(f"Notice {n}", NOW - timedelta(hours=n), description=markup)
                 for n in range(45)))
    server.expect_request("/huge").respond_with_data(body, content_type="application/rss+xml")
    [outcome] = read([feed_source(server, "/huge")], deadline=10)
    assert outcome.result == OK, outcome.error
    assert [e.title for e in outcome.entries or ()] == ["Notice 0", "Notice 1"]


@pytest.mark.slow
def test_a_source_that_keeps_the_parser_busy_only_hurts_itself(server: HTTPServer) -> None:
    """480 KB of tags that never close: feedparser would compute on it for many seconds."""
    busy = b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>' + b"<a " * 160_000
    server.expect_request("/busy").respond_with_data(busy, content_type="application/rss+xml")
    server.expect_request("/feed").respond_with_data(rss(item("Outlook is slow")))
    server.expect_request("/health").respond_with_data("ok")
    outcomes = read([feed_source(server, "/busy", id="busy"), feed_source(server, "/feed"),
                     Source("ehr-login", "http", server.url_for("/health"), "ehr")],
                    deadline=14)
    assert [o.result for o in outcomes] == [FAILED, OK, OK]
    # Stopped by its own limit of computing time, or, on a machine too busy to give it
    # 5 seconds of it, by the deadline: either way it holds nobody else up.
    assert outcomes[0].error in (TOO_MUCH_WORK,
                                 "it did not finish in the time allowed for all sources")


def test_every_valid_source_is_read_beside_many_hanging_ones(server: HTTPServer) -> None:
    server.expect_request("/hang").respond_with_handler(hang(server))
    server.expect_request("/feed").respond_with_data(rss(item("Outlook is slow")))
    hanging = [Source(f"check-{n}", "http", server.url_for("/hang"), "ehr", timeout_s=30.0)
               for n in range(30)]
    outcomes = read([*hanging[:15], feed_source(server, "/feed"), *hanging[15:]], deadline=8)
    assert outcomes[15].result == OK
    assert {o.result for n, o in enumerate(outcomes) if n != 15} == {FAILED}


def test_the_reading_processes_together_stay_within_their_memory_budget(
        monkeypatch: pytest.MonkeyPatch) -> None:
    megabyte = 1_000_000
    held = {101: 30 * megabyte, 102: 190 * megabyte, 103: 150 * megabyte, 104: 60 * megabyte}
    killed: list[int] = []
    monkeypatch.setattr(runner, "_zygote", lambda: SimpleNamespace(resident_bytes=25 * megabyte))
    monkeypatch.setattr(runner, "_resident_bytes", lambda pid: 25 * megabyte + held[pid])
    monkeypatch.setattr(runner.os, "kill", lambda pid, signum: killed.append(pid))
    children = [runner._Child(Source(f"s{pid}", "feed", "https://x.example/", "email"), pid,
                              pipe=-1, started_at=NOW) for pid in held]
    runner._keep_within_budget(children)
    assert killed == [102]  # 430 MB together: the largest goes, 240 MB are left
    assert children[1].outcome().error == runner.OVER_BUDGET
    runner._keep_within_budget(children)
    assert killed == [102], "a child is stopped once"
