"""One bounded HTTP GET: every way a source can misbehave ends in a `FetchError`.

Built on requests, with the limits a hostile or broken source needs:
connect and read time-outs, a global deadline checked between every read, a
cap on bytes both as they arrive and after unpacking (so a gzip bomb stays
small), at most five redirects, each checked by `addresses` (no move into our
own network, none from https to http), a connection made to the very address
that was checked, a few retries with back-off for time-outs, lost connections
and server errors, conditional requests (ETag / Last-Modified) and a
User-Agent that names the project. Proxy settings and .netrc passwords in the
environment are not used: a supplier never sees a password of ours.

This runs in `bedside fetch`'s child processes only.
"""

from __future__ import annotations

import time
import zlib
from importlib import metadata
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from macros.fetch.addresses import AddressBook
from macros.fetch.limits import Deadline, Limits
from macros.kinds.base import Answer, FetchError, seconds_words, size_words
from macros.model import Source
from macros.outside_text import header_value, safe_link
from macros.records import Validators

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


class SourceWeb:
    """The web as one source sees it: `get` within its limits, the deadline and the
    rules on addresses (the `Web` a kind's `read` is given)."""

    def __init__(self, source: Source, deadline: Deadline) -> None:
        self.limits = Limits(source.timeout_s, source.max_bytes)
        self.deadline = deadline
        self.addresses = AddressBook(source.url)

    def get(self, url: str, *, accept: str = "*/*", validators: Validators | None = None,
            read_body: bool = True) -> Answer:
        """GET `url`, retrying what may pass; raise `FetchError` with the reason."""
        known = validators or Validators()
        attempt = 1
        earlier: FetchError | None = None
        while True:
            try:
                return self._get_once(url, known, accept=accept, read_body=read_body)
            except FetchError as error:
                if earlier is not None and self.deadline.expired:
                    raise earlier from None  # the deadline cut a retry short: say why we retried
                earlier = error
                pause = BACKOFF_S * 2 ** (attempt - 1)
                if (not error.retry or attempt >= MAX_ATTEMPTS
                        or self.deadline.remaining() < pause + min(self.limits.timeout_s, 1.0)):
                    raise
                time.sleep(pause)
                attempt += 1

    def _get_once(self, url: str, validators: Validators, *, accept: str,
                  read_body: bool) -> Answer:
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING,
                   "Accept": accept}
        if header_value(validators.etag):
            headers["If-None-Match"] = validators.etag
        if header_value(validators.last_modified):
            headers["If-Modified-Since"] = validators.last_modified
        started = time.monotonic()
        current, previous = url, ""
        with requests.Session() as session:
            session.trust_env = False
            adapter = _PinnedAdapter(self.addresses)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            for _ in range(MAX_REDIRECTS + 1):
                self.addresses.address_for(current, redirected_from=previous)
                response = self._send(session, current, headers)
                with response:
                    if response.is_redirect:
                        previous = current
                        current = _redirect_target(current, response.headers.get("location", ""))
                        continue
                    elapsed = time.monotonic() - started
                    _check_status(response.status_code)
                    body = b""
                    if read_body and response.status_code != 304:
                        body = self._read_body(response)
                    return Answer(
                        url=current, status=response.status_code, body=body, elapsed_s=elapsed,
                        etag=header_value(response.headers.get("etag", "")),
                        last_modified=header_value(response.headers.get("last-modified", "")),
                        content_type=response.headers.get("content-type", "").lower(),
                    )
        raise FetchError(f"the address sent us on more than {MAX_REDIRECTS} redirects; "
                         "check the address in sources.yml")

    def _send(self, session: requests.Session, url: str,
              headers: dict[str, str]) -> requests.Response:
        if self.deadline.expired:
            raise self.deadline.missed()
        wait = min(self.limits.timeout_s, self.deadline.remaining())
        host = urlsplit(url).netloc.rpartition("@")[2]
        try:
            return session.get(url, headers={**headers, "Host": host}, timeout=(wait, wait),
                               stream=True, allow_redirects=False)
        except requests.exceptions.Timeout:
            raise self._timed_out() from None
        except requests.exceptions.SSLError:
            raise FetchError("the server's security certificate could not be checked") from None
        except requests.exceptions.ConnectionError as error:
            raise _connection_error(error) from None
        except (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                requests.exceptions.MissingSchema, requests.exceptions.InvalidHeader,
                ValueError):
            raise FetchError("the address is not one we can read; "
                             "check it in sources.yml") from None
        except requests.exceptions.RequestException as error:
            raise FetchError(f"the request failed ({type(error).__name__})", retry=True) from None

    def _timed_out(self) -> FetchError:
        if self.deadline.expired:
            return self.deadline.missed()
        return FetchError("the server did not answer within "
                          f"{seconds_words(self.limits.timeout_s)}", retry=True)

    def _read_body(self, response: requests.Response) -> bytes:
        limit = self.limits.max_bytes
        too_big = FetchError(f"the answer was larger than the limit of {size_words(limit)}")
        declared = response.headers.get("content-length", "")
        if declared.strip().isdigit() and int(declared) > limit:
            raise too_big
        unpacker = _Unpacker(response.headers.get("content-encoding", ""), limit)
        parts: list[bytes] = []
        received = 0
        while True:
            if self.deadline.expired:
                raise FetchError("the server sent its answer too slowly to finish in the time "
                                 "allowed for all sources")
            chunk = self._read_some(response)
            if not chunk:
                break
            received += len(chunk)
            if received > limit:
                raise too_big
            parts.append(unpacker.feed(chunk))
        parts.append(unpacker.finish())
        return b"".join(parts)

    def _read_some(self, response: requests.Response) -> bytes:
        """Whatever has arrived (up to one chunk), without waiting to fill the chunk."""
        try:
            return response.raw.read1(CHUNK_BYTES, decode_content=False)
        except (urllib3.exceptions.ReadTimeoutError, TimeoutError):
            raise self._timed_out() from None
        except (urllib3.exceptions.HTTPError, OSError):
            raise FetchError("the connection broke before the whole answer arrived",
                             retry=True) from None


class _PinnedAdapter(HTTPAdapter):
    """Connects to the address `AddressBook` checked for the host, never to a new lookup;
    https still checks the certificate against the host name."""

    def __init__(self, addresses: AddressBook) -> None:
        self._addresses = addresses
        super().__init__(max_retries=0)

    def build_connection_pool_key_attributes(
            self, request: requests.PreparedRequest, verify: bool | str,
            cert: Any = None) -> tuple[dict[str, Any], dict[str, Any]]:
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert)
        name = host_params["host"]
        address = self._addresses.pinned(name)
        if host_params["scheme"] == "https":
            pool_kwargs = {**pool_kwargs, "server_hostname": name, "assert_hostname": name}
        return {**host_params, "host": address}, pool_kwargs


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
