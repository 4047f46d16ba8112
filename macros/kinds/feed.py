"""`feed` sources: a supplier's RSS or Atom feed, such as its service health history.

feedparser is only ever handed a byte stream, never an address or a string
(given a string it would open a URL or a local file by that name). It is
imported when a feed is parsed, in `bedside fetch`'s child process, so the
build never loads it. Large feeds are cut to their newest items first
(`feed_newest`), so a valid feed of 10 MB is read within the deadline.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from macros.kinds.base import (
    MAX_ENTRIES,
    NOT_MODIFIED,
    OK,
    FetchError,
    Outcome,
    SourceKind,
    Web,
    newest_first,
    size_words,
)
from macros.kinds.feed_newest import EntitiesDeclared, declares_entities, keep_newest
from macros.model import Source, StatusTree
from macros.outside_text import SUMMARY_LIMIT, TITLE_LIMIT, plain_text, safe_link
from macros.records import Entry, SourceRecord, Validators
from macros.signals import Signal, mid_sentence, supplier_signal, who

ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
          "text/xml;q=0.9, */*;q=0.1")
RECOVERED = "the feed was not well-formed; we used what could be read"
# feedparser needs about a second of computing per megabyte. It is handed at most this
# much: the newest entries that fit (a status feed's 50 newest take some 100 KB), or a
# feed that is not well-formed XML, which cannot be cut, up to this size.
LOOSE_LIMIT = 500_000
ENTITIES = ("the feed defines its own XML entities, a known trick to keep a reader busy "
            "for hours; it was not read")

# Supplier news is shown for this long, and counts as a possible problem for the shorter time.
NEWS_SHOWN_FOR = timedelta(days=3)
NEWS_PROBLEM_FOR = timedelta(hours=24)
_SAYS_FIXED = re.compile(r"\b(resolved|restored|fixed|mitigated|recovered|closed|completed)\b",
                         re.IGNORECASE)
_FIXED_PREFIX = re.compile(r"^\W*(resolved|fixed|closed)\W*[:\-–]\s*", re.IGNORECASE)


def read(source: Source, web: Web, validators: Validators, attempted_at: datetime) -> Outcome:
    """Fetch and parse the feed; raise `FetchError` when it cannot be used."""
    answer = web.get(source.url, accept=ACCEPT, validators=validators)
    fresh = Validators(answer.etag, answer.last_modified)
    if answer.not_modified:
        return Outcome(source, NOT_MODIFIED, attempted_at, validators=fresh)
    entries, note = parse_feed(answer.body, answer.url, answer.content_type, attempted_at)
    return Outcome(source, OK, attempted_at, note=note, validators=fresh, entries=entries)


def parse_feed(body: bytes, base_url: str, content_type: str,
               now: datetime) -> tuple[tuple[Entry, ...], str]:
    """The feed's newest entries (by date), cleaned, and a note when it was not well-formed."""
    import feedparser  # here, not at the top: only `bedside fetch`'s children parse feeds

    if not body.strip():
        raise FetchError("the address sent an empty answer instead of a news feed")
    if declares_entities(body):
        raise FetchError(ENTITIES)
    try:
        newest = keep_newest(body, MAX_ENTRIES, LOOSE_LIMIT)
    except EntitiesDeclared:
        raise FetchError(ENTITIES) from None
    if newest is None and len(body) > LOOSE_LIMIT:
        if _looks_like_web_page(body, content_type):
            raise _web_page()
        raise FetchError(f"the feed is larger than {size_words(LOOSE_LIMIT)} and not "
                         "well-formed, so its newest entries could not be found")
    parsed = feedparser.parse(
        io.BytesIO(body if newest is None else newest),
        response_headers={"content-location": base_url,
                          "content-type": content_type or "application/xml"},
        sanitize_html=False,  # every text is reduced to plain words below
        resolve_relative_uris=False,
    )
    if not parsed.get("version") and not parsed.entries:
        if _looks_like_web_page(body, content_type):
            raise _web_page()
        raise FetchError("the feed is damaged and could not be read")
    entries = _newest_entries(parsed.entries, base_url, now)
    note = RECOVERED if parsed.get("bozo") and entries else ""
    return entries, note


def _web_page() -> FetchError:
    return FetchError("the address sent a web page, not a news feed; "
                      "check the address in sources.yml")


def _looks_like_web_page(body: bytes, content_type: str) -> bool:
    start = body[:512].lstrip().lower()
    return "html" in content_type or start.startswith((b"<!doctype html", b"<html"))


def _newest_entries(raw_entries: list[Any], base_url: str, now: datetime) -> tuple[Entry, ...]:
    """The `MAX_ENTRIES` newest entries by date, cleaned (only those are cleaned)."""
    timed = [(_entry_time(raw, now), raw) for raw in raw_entries]
    dated = [(at, raw) for at, raw in timed if at is not None]
    dated.sort(key=lambda pair: pair[0], reverse=True)
    undated = [(at, raw) for at, raw in timed if at is None]
    entries: list[Entry] = []
    for at, raw in [*dated, *undated]:
        entry = _entry(raw, base_url, at)
        if entry:
            entries.append(entry)
        if len(entries) == MAX_ENTRIES:
            break
    return newest_first(entries)


def _entry(raw: Any, base_url: str, at: datetime | None) -> Entry | None:
    title = plain_text(raw.get("title"), TITLE_LIMIT)
    content = raw.get("content") or [{}]
    summary = plain_text(raw.get("summary") or content[0].get("value"), SUMMARY_LIMIT)
    if summary == title:
        summary = ""
    if not (title or summary):
        return None
    link = safe_link(raw.get("link"), base_url)
    return Entry(
        id=plain_text(raw.get("id"), TITLE_LIMIT) or link or title,
        title=title or summary, summary="" if not title else summary, link=link, at=at,
    )


def _entry_time(raw: Any, now: datetime) -> datetime | None:
    for name in ("published_parsed", "updated_parsed"):
        value = raw.get(name)
        if value:
            try:
                moment = datetime(*value[:6], tzinfo=UTC)
            except (TypeError, ValueError):
                continue
            return min(moment, now)  # a supplier's clock in the future is not news from then
    return None


def signals(source: Source, record: SourceRecord, tree: StatusTree,
            now: datetime) -> list[Signal]:
    """The supplier's posts of the last 3 days, or that it posted nothing."""
    speaker = who(source)
    what = tree.component_name(source.component)
    if record.last_success is None:
        return [supplier_signal(source, record, now,
                                f"We could not read the news from {mid_sentence(speaker)} yet.")]
    recent = [e for e in record.entries if e.at and now - e.at <= NEWS_SHOWN_FOR]
    if not recent:
        return [supplier_signal(source, record, now,
                                f"{speaker} has posted nothing about {what} in the last 3 days.")]
    found = []
    for entry in recent:
        fixed = bool(_SAYS_FIXED.search(entry.title))
        if fixed:
            title = _FIXED_PREFIX.sub("", entry.title) or entry.title
            sentence = f"{speaker} reports that a problem with {what} is fixed: {title}"
        else:
            sentence = f"{speaker} reports a problem with {what}: {entry.title}"
        assert entry.at is not None
        found.append(supplier_signal(source, record, now, sentence, entry,
                                     problem=not fixed and now - entry.at <= NEWS_PROBLEM_FOR))
    return found


KIND = SourceKind(
    name="feed",
    summary="a supplier's news feed (RSS or Atom), such as its service health history",
    read=read, signals=signals, preload=("feedparser",),
)
