"""The SSRF guard: never let a crawled URL make us talk to our own machine or network.

A feed or a redirect is attacker-controlled input. Unless `allow_private_addresses` is set, a URL
is refused (`BlockedAddress`) when its host is, or resolves to, an address that is not globally
routable: loopback, private, link-local (cloud metadata at 169.254.169.254), CGNAT, unspecified,
multicast, reserved, and the IPv6 equivalents, including IPv4 addresses embedded in IPv6
(``::ffff:127.0.0.1``, 6to4, NAT64). Numeric tricks (``2130706433``, ``0x7f.0.0.1``, ``127.1``)
are read the way the C resolver reads them. A host with several addresses is refused when any
one of them is forbidden. Only http and https URLs are fetched at all.

Two checks, because DNS answers can change between them (DNS rebinding):

1. `AddressGuard.check_url` before each request and each redirect hop: clear, early errors.
2. `GuardedBackend`, the network backend of the transport the fetcher builds, resolves the host
   itself, checks every address and connects to the checked IP literal; TLS still verifies the
   certificate against the host name. So the address connected to is always one that was checked.

Remaining gaps: the second check needs the fetcher's own transport (a caller-supplied transport
only gets the first check), and it replaces a private attribute of `httpx.AsyncHTTPTransport`
(`_pool`); `guarded_transport` fails loudly if a future httpx changes that. Proxies from the
environment are ignored (`trust_env=False`) because the guard would check the proxy, not the
target.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import ssl
from collections.abc import Callable, Iterable

import httpcore
import httpx

from colonnade.errors import BlockedAddress, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]

ALLOWED_SCHEMES = frozenset({"http", "https"})
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_METADATA = ipaddress.ip_address("169.254.169.254")
# Hosts made only of digits, hex and dots may be numeric IPv4 forms the C resolver accepts.
_NUMERIC_HOST = re.compile(r"^[0-9a-fx.]+$", re.IGNORECASE)


def forbidden_reason(ip: IPAddress) -> str | None:
    """Why this address must not be fetched, or None when it is publicly routable."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            reason = forbidden_reason(embedded)
            if reason:
                return f"{reason}, embedded in {ip}"
        if ip.is_site_local:
            return "site-local"
    if ip == _METADATA:
        return "link-local, the cloud metadata address"
    checks = (
        (ip.is_loopback, "loopback"),
        (ip.is_unspecified, "unspecified"),
        (ip.is_link_local, "link-local"),
        (ip.is_multicast, "multicast"),
        (ip in _CGNAT, "shared address space (CGNAT)"),
        (ip.is_private, "private"),
        (ip.is_reserved, "reserved"),
        (not ip.is_global, "not globally routable"),
    )
    for failed, reason in checks:
        if failed:
            return reason
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if 1 < int(ip) <= 0xFFFFFFFF:  # deprecated IPv4-compatible form ::a.b.c.d
        return ipaddress.IPv4Address(int(ip))
    return None


def literal_address(host: str) -> IPAddress | None:
    """The address a host names without DNS: standard literals and inet_aton's numeric forms."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if _NUMERIC_HOST.match(host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def system_resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host (blocking; run it in a thread)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError:  # the idna codec refuses a label over 63 characters
        raise OSError(f"{host!r} is not a host name DNS can look up") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def host_and_port(url: str) -> tuple[str, int]:
    """(ASCII host, port) of an http(s) URL; FetchError for anything we will not fetch."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}", url=url) from None
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FetchError(f"refusing {parsed.scheme or 'scheme-less'} URL {url}", url=url)
    host = parsed.raw_host.decode("ascii").rstrip(".").lower()
    if not host:
        raise FetchError(f"URL without a host: {url}", url=url)
    return host, parsed.port or (443 if parsed.scheme == "https" else 80)


class AddressGuard:
    """Decides whether a host may be contacted; `allow_private=True` switches the guard off.

    `permit` lists networks allowed even though private (an intranet publisher, or a test
    server); `resolver` replaces the system resolver (a blocking callable, run in a thread).
    """

    def __init__(
        self,
        allow_private: bool = False,
        *,
        permit: Iterable[str | Network] = (),
        resolver: Resolver | None = None,
        resolve_timeout: float = 10.0,
    ) -> None:
        self.allow_private = allow_private
        self.permit: tuple[Network, ...] = tuple(ipaddress.ip_network(n) for n in permit)
        self._resolver = resolver or system_resolve
        self.resolve_timeout = resolve_timeout

    def reason(self, ip: IPAddress) -> str | None:
        if self.allow_private or any(ip in net for net in self.permit):
            return None
        return forbidden_reason(ip)

    async def check_url(self, url: str) -> None:
        """Raise BlockedAddress (or FetchError for a bad URL) unless url may be fetched."""
        host, port = host_and_port(url)
        if self.allow_private:
            return
        try:
            await self.resolve(host, port)
        except BlockedAddress as exc:
            raise BlockedAddress(f"blocked {url}: {exc}", url=url) from None
        except OSError as exc:
            raise FetchError(f"cannot resolve {host} ({exc}): {url}", url=url) from None
        except TimeoutError:
            raise FetchError(
                f"timed out after {self.resolve_timeout} s resolving {host}: {url}", url=url
            ) from None

    async def resolve(self, host: str, port: int) -> list[str]:
        """The checked addresses of host; BlockedAddress if any of them is forbidden."""
        literal = literal_address(host)
        if literal is not None:
            addresses = [literal]
        else:
            names = await asyncio.wait_for(
                asyncio.to_thread(self._resolver, host, port), self.resolve_timeout
            )
            addresses = [ipaddress.ip_address(name.split("%")[0]) for name in names]
            if not addresses:
                raise OSError(f"no address for {host}")
        for ip in addresses:
            why = self.reason(ip)
            if why:
                shown = host if literal is not None and str(literal) == host else f"{host} -> {ip}"
                raise BlockedAddress(f"{shown} is {why}")
        return [str(ip) for ip in addresses]


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves and checks each host at connect time, then connects to the checked IP literal."""

    def __init__(self, guard: AddressGuard, inner: httpcore.AsyncNetworkBackend | None = None):
        self.guard = guard
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await self.guard.resolve(host, port)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"timed out resolving {host}") from None
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
        error: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:
            try:
                return await self.inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not crawled")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def guarded_transport(
    guard: AddressGuard, *, max_connections: int, ssl_context: ssl.SSLContext | None = None
) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose every connection goes through `GuardedBackend`.
    `ssl_context` defaults to httpx's (certifi's CA bundle, hostname checked)."""
    limits = httpx.Limits(
        max_connections=max_connections, max_keepalive_connections=max_connections
    )
    ssl_context = ssl_context or httpx.create_ssl_context(trust_env=False)
    transport = httpx.AsyncHTTPTransport(verify=ssl_context, limits=limits, trust_env=False)
    if guard.allow_private:
        return transport
    if not isinstance(getattr(transport, "_pool", None), httpcore.AsyncConnectionPool):
        raise RuntimeError("httpx.AsyncHTTPTransport changed: cannot install the SSRF guard")
    transport._pool = httpcore.AsyncConnectionPool(
        ssl_context=ssl_context,
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        network_backend=GuardedBackend(guard),
    )
    return transport
