"""Where a request may go: each name resolved once, and no redirect into our own network.

A source's own address in sources.yml may name anything, an internal system
included: the IT team wrote it. A redirect is the remote server's choice, so it
may lead only back to the source's own server (the same host name, already
resolved) or to a public address. Loopback, private, link-local, shared,
reserved and multicast addresses are refused, as is any move from https to
http. The address a name resolves to is checked, and then the connection is
made to that very address (see `client`), so the name cannot be switched to
another address between the check and the request.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from macros.kinds.base import FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# NAT64 (RFC 6052): an IPv6 address that stands for an IPv4 one.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public(address: str) -> bool:
    """True for an address on the public internet; False for loopback, private, link-local,
    shared (carrier-grade NAT), reserved, multicast and unspecified addresses."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    for inner in _embedded_ipv4(ip):
        if not is_public(str(inner)):
            return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified
                                 or ip.is_loopback or ip.is_link_local or ip.is_private)


def _embedded_ipv4(ip: IPAddress) -> list[ipaddress.IPv4Address]:
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    inner = [a for a in (ip.ipv4_mapped, ip.sixtofour) if a is not None]
    if ip in _NAT64:
        inner.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return inner


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (an address given as such is its own answer)."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise FetchError("the server's name could not be found", retry=True) from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if not addresses:
        raise FetchError("the server's name could not be found", retry=True)
    return addresses


def host_key(host: str) -> str:
    """A host name as it goes on the wire: lower case, international names in ASCII."""
    try:
        return host.lower().encode("idna").decode("ascii")
    except UnicodeError:
        return host.lower()


class AddressBook:
    """The addresses one source's requests may use, each host name resolved only once."""

    def __init__(self, source_url: str) -> None:
        self.home = host_key(urlsplit(source_url).hostname or "")
        self._pinned: dict[str, str] = {}

    def address_for(self, url: str, *, redirected_from: str = "") -> str:
        """The checked address to connect to for `url`; `FetchError` when it may not be used."""
        parts = urlsplit(url)
        host = host_key(parts.hostname or "")
        if redirected_from and urlsplit(redirected_from).scheme == "https" \
                and parts.scheme != "https":
            raise FetchError("the address redirected from a secure (https) address to an "
                             "insecure (http) one, which we never follow")
        if host in self._pinned:
            return self._pinned[host]
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = resolve(host, port)
        if host == self.home:
            chosen = addresses[0]
        else:
            public = [a for a in addresses if is_public(a)]
            if not public:
                raise FetchError(
                    f"the address redirected to an internal address ({addresses[0]}); a "
                    "redirect may only lead back to the source's own server or to a public "
                    "address")
            chosen = public[0]
        self._pinned[host] = chosen
        return chosen

    def pinned(self, host: str) -> str:
        """The address already checked for `host` (`address_for` must have run first)."""
        try:
            return self._pinned[host_key(host)]
        except KeyError:
            raise FetchError("the address is not one we can read; check it in sources.yml") \
                from None
