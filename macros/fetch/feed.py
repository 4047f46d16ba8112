"""`feed` sources: a supplier's RSS or Atom feed, parsed by feedparser from bytes we fetched.

feedparser is only ever handed a byte stream, never an address or a string
(given a string it would open a URL or a local file by that name).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

import feedparser

from macros.fetch.clean import SUMMARY_LIMIT, TITLE_LIMIT, plain_text, safe_link
from macros.fetch.client import Deadline, FetchError, Limits, get
from macros.fetch.outcome import NOT_MODIFIED, OK, Entry, Outcome, Validators, newest_first
from macros.model import Source

ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, "
          "text/xml;q=0.9, */*;q=0.1")
RECOVERED = "the feed was not well-formed; we used what could be read"


def read(source: Source, deadline: Deadline, validators: Validators,
         attempted_at: datetime) -> Outcome:
    """Fetch and parse the feed; raise `FetchError` when it cannot be used."""
    answer = get(source.url, Limits(source.timeout_s, source.max_bytes), deadline,
                 etag=validators.etag, last_modified=validators.last_modified, accept=ACCEPT)
    fresh = Validators(answer.etag, answer.last_modified)
    if answer.not_modified:
        return Outcome(source, NOT_MODIFIED, attempted_at, validators=fresh)
    entries, note = parse_feed(answer.body, answer.url, answer.content_type, attempted_at)
    return Outcome(source, OK, attempted_at, note=note, validators=fresh, entries=entries)


def parse_feed(body: bytes, base_url: str, content_type: str,
               now: datetime) -> tuple[tuple[Entry, ...], str]:
    """The feed's newest entries, cleaned, and a note when it was not well-formed."""
    if not body.strip():
        raise FetchError("the address sent an empty answer instead of a news feed")
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers={"content-location": base_url,
                          "content-type": content_type or "application/xml"},
    )
    if not parsed.get("version") and not parsed.entries:
        if _looks_like_web_page(body, content_type):
            raise FetchError("the address sent a web page, not a news feed; "
                             "check the address in sources.yml")
        raise FetchError("the feed is damaged and could not be read")
    entries = [e for e in (_entry(raw, base_url, now) for raw in parsed.entries) if e]
    note = RECOVERED if parsed.get("bozo") and entries else ""
    return newest_first(entries), note


def _looks_like_web_page(body: bytes, content_type: str) -> bool:
    start = body[:512].lstrip().lower()
    return "html" in content_type or start.startswith((b"<!doctype html", b"<html"))


def _entry(raw: feedparser.FeedParserDict, base_url: str, now: datetime) -> Entry | None:
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
        title=title or summary, summary="" if not title else summary, link=link,
        at=_entry_time(raw, now),
    )


def _entry_time(raw: feedparser.FeedParserDict, now: datetime) -> datetime | None:
    for name in ("published_parsed", "updated_parsed"):
        value = raw.get(name)
        if value:
            try:
                moment = datetime(*value[:6], tzinfo=UTC)
            except (TypeError, ValueError):
                continue
            return min(moment, now)  # a supplier's clock in the future is not news from then
    return None
