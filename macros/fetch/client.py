"""One bounded HTTP GET: every way a source can misbehave ends in a `FetchError`.

Built on requests, with the limits a hostile or broken source needs:
connect and read time-outs, a global deadline checked between every read, a
cap on bytes both as they arrive and after unpacking (so a gzip bomb stays
small), at most five redirects to http(s) addresses only, a few retries with
back-off for time-outs, lost connections and server errors, conditional
requests (ETag / Last-Modified) and a User-Agent that names the project.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from importlib import metadata
from urllib.parse import urljoin

import requests
import urllib3

from macros.fetch.clean import header_value, safe_link

MAX_REDIRECTS = 5
MAX_ATTEMPTS = 3
BACKOFF_S = 0.5
CHUNK_BYTES = 64 * 1024
ACCEPT_ENCODING = "gzip, deflate"


def _user_agent() -> str:
    try:
        version = metadata.version("bedside")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        version = "dev"
    return f"Bedside/{version} (hospital IT status page; automatic checks)"


USER_AGENT = _user_agent()


class FetchError(Exception):
    """A source could not be read. The message says why, in plain words."""

    def __init__(self, message: str, *, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry


@dataclass(frozen=True)
class Deadline:
    """A moment on the monotonic clock after which no source may keep us waiting."""

    expires_at: float

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds)

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(0.0, self.expires_at - time.monotonic())

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0.0

    def missed(self) -> FetchError:
        """The error for a source that was still going when time ran out."""
        return FetchError("it did not finish in the time allowed for all sources")


@dataclass(frozen=True)
class Limits:
    """How long one request may wait and how much it may download."""

    timeout_s: float = 5.0
    max_bytes: int = 2_000_000


@dataclass(frozen=True)
class Fetched:
    """A successful answer (2xx with its body, or 304 without one)."""

    url: str
    status: int
    body: bytes
    elapsed_s: float
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def seconds_words(seconds: float) -> str:
    """ "5 seconds", "0.5 seconds", "1 second"."""
    value = f"{seconds:.1f}".rstrip("0").rstrip(".")
    return f"{value} second" + ("" if value == "1" else "s")


def size_words(size: int) -> str:
    """ "2 MB", "512 KB"."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".rstrip("0").rstrip(".") + " MB"
    return f"{max(1, size // 1000)} KB"


def get(url: str, limits: Limits, deadline: Deadline, *, etag: str = "",
        last_modified: str = "", accept: str = "*/*", read_body: bool = True) -> Fetched:
    """GET `url` within `limits` and `deadline`, retrying what may pass; raise `FetchError`."""
    attempt = 1
    while True:
        try:
            return _get_once(url, limits, deadline, etag=etag, last_modified=last_modified,
                             accept=accept, read_body=read_body)
        except FetchError as error:
            pause = BACKOFF_S * 2 ** (attempt - 1)
            if (not error.retry or attempt >= MAX_ATTEMPTS
                    or deadline.remaining() < pause + min(limits.timeout_s, 1.0)):
                raise
            time.sleep(pause)
            attempt += 1


def _get_once(url: str, limits: Limits, deadline: Deadline, *, etag: str, last_modified: str,
              accept: str, read_body: bool) -> Fetched:
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING, "Accept": accept}
    if header_value(etag):
        headers["If-None-Match"] = etag
    if header_value(last_modified):
        headers["If-Modified-Since"] = last_modified
    started = time.monotonic()
    current = url
    with requests.Session() as session:
        for _ in range(MAX_REDIRECTS + 1):
            response = _send(session, current, headers, limits, deadline)
            with response:
                if response.is_redirect:
                    current = _redirect_target(current, response.headers.get("location", ""))
                    continue
                elapsed = time.monotonic() - started
                _check_status(response.status_code)
                body = b""
                if read_body and response.status_code != 304:
                    body = _read_body(response, limits, deadline)
                return Fetched(
                    url=current, status=response.status_code, body=body, elapsed_s=elapsed,
                    etag=header_value(response.headers.get("etag", "")),
                    last_modified=header_value(response.headers.get("last-modified", "")),
                    content_type=response.headers.get("content-type", "").lower(),
                )
    raise FetchError(f"the address sent us on more than {MAX_REDIRECTS} redirects; "
                     "check the address in sources.yml")


def _send(session: requests.Session, url: str, headers: dict[str, str], limits: Limits,
          deadline: Deadline) -> requests.Response:
    if deadline.expired:
        raise deadline.missed()
    wait = min(limits.timeout_s, deadline.remaining())
    try:
        return session.get(url, headers=headers, timeout=(wait, wait), stream=True,
                           allow_redirects=False)
    except requests.exceptions.Timeout:
        raise _timed_out(limits, deadline) from None
    except requests.exceptions.SSLError:
        raise FetchError("the server's security certificate could not be checked") from None
    except requests.exceptions.ConnectionError as error:
        raise _connection_error(error) from None
    except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
            requests.exceptions.MissingSchema, requests.exceptions.InvalidHeader,
            ValueError):
        raise FetchError("the address is not one we can read; check it in sources.yml") from None
    except requests.exceptions.RequestException as error:
        raise FetchError(f"the request failed ({type(error).__name__})", retry=True) from None


def _timed_out(limits: Limits, deadline: Deadline) -> FetchError:
    if deadline.expired:
        return deadline.missed()
    return FetchError(f"the server did not answer within {seconds_words(limits.timeout_s)}",
                      retry=True)


def _connection_error(error: Exception) -> FetchError:
    text = str(error)
    if "NameResolution" in text or "Name or service not known" in text \
            or "nodename nor servname" in text:
        return FetchError("the server's name could not be found", retry=True)
    if "refused" in text.lower():
        return FetchError("the server refused the connection", retry=True)
    return FetchError("the connection to the server failed", retry=True)


def _redirect_target(current: str, location: str) -> str:
    target = safe_link(urljoin(current, location.strip()))
    if not target:
        raise FetchError("the address redirected to something that is not a web address")
    return target


def _check_status(status: int) -> None:
    if status >= 500:
        raise FetchError(f"the server answered with an error (code {status})", retry=True)
    if status in (404, 410):
        raise FetchError(f"the address was not found (code {status}); check it in sources.yml")
    if status in (401, 403):
        raise FetchError(f"the server would not let us in (code {status})")
    if status >= 400:
        raise FetchError(f"the server refused the request (code {status})")
    if 300 <= status < 400 and status != 304:
        raise FetchError(f"the server sent a redirect without an address (code {status})")


def _read_body(response: requests.Response, limits: Limits, deadline: Deadline) -> bytes:
    too_big = FetchError(f"the answer was larger than the limit of {size_words(limits.max_bytes)}")
    declared = response.headers.get("content-length", "")
    if declared.strip().isdigit() and int(declared) > limits.max_bytes:
        raise too_big
    unpacker = _Unpacker(response.headers.get("content-encoding", ""), limits.max_bytes)
    parts: list[bytes] = []
    received = 0
    while True:
        if deadline.expired:
            raise FetchError("the server sent its answer too slowly to finish in the time "
                             "allowed for all sources")
        chunk = _read_some(response, limits, deadline)
        if not chunk:
            break
        received += len(chunk)
        if received > limits.max_bytes:
            raise too_big
        parts.append(unpacker.feed(chunk))
    parts.append(unpacker.finish())
    return b"".join(parts)


def _read_some(response: requests.Response, limits: Limits, deadline: Deadline) -> bytes:
    """Whatever has arrived (up to one chunk), without waiting to fill the chunk."""
    try:
        return response.raw.read1(CHUNK_BYTES, decode_content=False)
    except (urllib3.exceptions.ReadTimeoutError, TimeoutError):
        raise _timed_out(limits, deadline) from None
    except (urllib3.exceptions.HTTPError, OSError):
        raise FetchError("the connection broke before the whole answer arrived",
                         retry=True) from None


class _Unpacker:
    """Undoes gzip/deflate transfer packing without ever producing more than `limit` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        name = encoding.strip().lower()
        if name in ("", "identity"):
            self._inflater = None
        elif name in ("gzip", "x-gzip", "deflate"):
            self._inflater = zlib.decompressobj(wbits=47)  # zlib or gzip header, detected
        else:
            raise FetchError(f'the answer was packed in a way we cannot read ("{name[:20]}")')
        self._raw_deflate = name == "deflate"
        self._limit = limit
        self._total = 0

    def feed(self, data: bytes) -> bytes:
        if self._inflater is None:
            return self._count(data)
        try:
            out = self._inflater.decompress(data, self._limit - self._total + 1)
        except zlib.error:
            if not (self._raw_deflate and self._total == 0):
                raise FetchError("the answer was damaged and could not be unpacked") from None
            self._raw_deflate = False  # some servers send deflate without its zlib header
            self._inflater = zlib.decompressobj(wbits=-15)
            return self.feed(data)
        return self._count(out)

    def finish(self) -> bytes:
        if self._inflater is None:
            return b""
        try:
            return self._count(self._inflater.flush())
        except zlib.error:
            raise FetchError("the answer was damaged and could not be unpacked") from None

    def _count(self, data: bytes) -> bytes:
        self._total += len(data)
        if self._total > self._limit:
            raise FetchError("the answer unpacked to more than the limit of "
                             f"{size_words(self._limit)}; it may be a trick to fill our memory")
        return data
