"""The SSRF guard: private addresses refused, by literal, by name, on redirects, at connect."""

from __future__ import annotations

import ipaddress
import ssl

import pytest
import trustme
from fetch_servers import RawServer, respond

from colonnade.errors import BlockedAddress, FetchError
from colonnade.fetch import AddressGuard, Fetcher
from colonnade.fetch.ssrf import forbidden_reason, guarded_transport, literal_address

pytestmark = pytest.mark.anyio

HTML = b"<html><body><p>ok</p></body></html>"


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("127.255.0.9", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local, the cloud metadata address"),
        ("169.254.1.1", "link-local"),
        ("100.64.0.1", "shared address space (CGNAT)"),
        ("100.127.255.254", "shared address space (CGNAT)"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "private"),
        ("255.255.255.255", "private"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("fe80::1", "link-local"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback, embedded in ::ffff:7f00:1"),
        ("::ffff:169.254.169.254", "link-local, the cloud metadata address, embedded in"),
        ("2002:7f00:1::", "loopback, embedded in"),  # 6to4 of 127.0.0.1
        ("64:ff9b::a00:1", "private, embedded in"),  # NAT64 of 10.0.0.1
    ],
)
def test_forbidden_addresses(address, reason):
    found = forbidden_reason(ipaddress.ip_address(address))
    assert found is not None and found.startswith(reason)


@pytest.mark.parametrize(
    "address",
    [
        "93.184.216.34",
        "8.8.8.8",
        "1.1.1.1",
        "2606:2800:220:1:248:1893:25c8:1946",
        "100.128.0.1",
        "172.32.0.1",
    ],
)
def test_public_addresses_pass(address):
    assert forbidden_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f.0.0.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("017700000001", "127.0.0.1"),
        ("::ffff:127.0.0.1", "::ffff:7f00:1"),
        ("example.org", None),
        ("cafe.be", None),
    ],
)
def test_numeric_host_forms(host, address):
    found = literal_address(host)
    assert (str(found) if found else None) == address


@pytest.fixture
def guarded(settings):
    return settings.with_(allow_private_addresses=False)


@pytest.mark.parametrize(
    "template",
    [
        "http://127.0.0.1:{port}/p",
        "http://localhost:{port}/p",
        "http://LOCALHOST.:{port}/p",
        "http://2130706433:{port}/p",
        "http://0x7f.0.0.1:{port}/p",
        "http://127.1:{port}/p",
        "http://[::ffff:127.0.0.1]:{port}/p",
    ],
)
async def test_loopback_server_is_refused(raw_server: RawServer, guarded, template):
    raw_server.routes["/p"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    url = template.format(port=raw_server.port)
    async with Fetcher(guarded) as fetcher:
        with pytest.raises(BlockedAddress) as caught:
            await fetcher.fetch(url)
    assert str(caught.value).startswith(f"blocked {url}: ")
    assert "loopback" in str(caught.value)
    assert raw_server.seen == []


async def test_octal_ip_url_is_refused_as_invalid(guarded):
    # httpx rejects the octal spelling outright; either way no request is made.
    async with Fetcher(guarded) as fetcher:
        with pytest.raises(FetchError, match="invalid URL"):
            await fetcher.fetch("http://0177.0.0.1/")


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://10.0.0.1/",
        "https://192.168.0.1:8443/admin",
        "http://[::1]/",
    ],
)
async def test_internal_literals_are_refused_before_connecting(guarded, url):
    async with Fetcher(guarded.with_(connect_timeout=5.0)) as fetcher:
        with pytest.raises(BlockedAddress, match=r"^blocked "):
            await fetcher.fetch(url)


async def test_allow_private_addresses_lets_them_through(raw_server: RawServer, settings):
    raw_server.routes["/p"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    async with Fetcher(settings.with_(allow_private_addresses=True)) as fetcher:
        for host in ("127.0.0.1", "localhost", "2130706433"):
            page = await fetcher.fetch(f"http://{host}:{raw_server.port}/p")
            assert page.body == HTML
    assert len(raw_server.seen) == 3


async def test_redirect_hop_to_a_blocked_address_is_refused(make_raw_server, guarded):
    allowed, internal = make_raw_server("127.0.0.1"), make_raw_server("127.0.0.2")
    internal.routes["/secret"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    for path, target in [
        ("/to-ip", internal.url("/secret")),
        ("/to-number", f"http://2130706434:{internal.port}/secret"),
    ]:
        allowed.routes[path] = lambda c, t=target: respond(c, 302, b"", {"Location": t})
    # Permit exactly the first server's address, as an operator would permit an intranet host.
    guard = AddressGuard(permit=["127.0.0.1/32"])
    async with Fetcher(guarded, guard=guard) as fetcher:
        for path in ("/to-ip", "/to-number"):
            with pytest.raises(BlockedAddress, match=r"127\.0\.0\.2 is loopback"):
                await fetcher.fetch(allowed.url(path))
    assert allowed.paths() == ["/to-ip", "/to-number"]  # the first hop was really fetched
    assert internal.seen == []


async def test_connection_goes_to_the_checked_address(raw_server: RawServer, guarded):
    """A name only the guard's resolver knows: the fetch can only work if the connection uses
    the address the guard resolved and checked, not a second lookup."""
    raw_server.routes["/p"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    guard = AddressGuard(permit=["127.0.0.1/32"], resolver=lambda host, port: ["127.0.0.1"])
    async with Fetcher(guarded, guard=guard) as fetcher:
        page = await fetcher.fetch(f"http://news.invalid:{raw_server.port}/p")
    assert page.body == HTML
    assert raw_server.seen[0].headers["host"] == f"news.invalid:{raw_server.port}"


async def test_dns_rebinding_is_caught_at_connect_time(raw_server: RawServer, guarded):
    raw_server.routes["/p"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    answers = iter([["93.184.216.34"], ["127.0.0.1"]])  # public when checked, then loopback

    def rebinding(host: str, port: int) -> list[str]:
        return next(answers)

    guard = AddressGuard(resolver=rebinding)
    async with Fetcher(guarded, guard=guard) as fetcher:
        url = f"http://rebind.invalid:{raw_server.port}/p"
        with pytest.raises(BlockedAddress, match=r"^blocked .*rebind\.invalid -> 127\.0\.0\.1"):
            await fetcher.fetch(url)
    assert raw_server.seen == []


async def test_a_name_with_any_forbidden_address_is_refused(guarded):
    guard = AddressGuard(resolver=lambda host, port: ["93.184.216.34", "10.0.0.7"])
    async with Fetcher(guarded, guard=guard) as fetcher:
        with pytest.raises(BlockedAddress, match=r"mixed\.invalid -> 10\.0\.0\.7 is private"):
            await fetcher.fetch("http://mixed.invalid/")


async def test_unresolvable_host_is_a_fetch_error(guarded):
    async with Fetcher(guarded) as fetcher:
        with pytest.raises(FetchError, match=r"cannot resolve no-such-host\.invalid"):
            await fetcher.fetch("http://no-such-host.invalid/")


async def test_robots_sitemaps_of_a_blocked_host(raw_server: RawServer, guarded):
    async with Fetcher(guarded) as fetcher:
        with pytest.raises(BlockedAddress):
            await fetcher.robots_sitemaps(raw_server.url("/"))
    assert raw_server.seen == []


# -- HTTPS through the guarded backend: connect to the checked IP, verify the host name -------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def _https_server(make_raw_server, ca: trustme.CA, name: str) -> RawServer:
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(name).configure_cert(server_context)
    server = make_raw_server()
    server.tls = server_context
    server.routes["/p"] = lambda c: respond(c, 200, HTML, {"Content-Type": "text/html"})
    return server


def _fetcher(settings, ca: trustme.CA) -> Fetcher:
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    guard = AddressGuard(permit=["127.0.0.1/32"], resolver=lambda host, port: ["127.0.0.1"])
    transport = guarded_transport(guard, max_connections=4, ssl_context=client_context)
    return Fetcher(settings, guard=guard, transport=transport)


async def test_https_checks_the_certificate_against_the_host_name(make_raw_server, guarded, ca):
    server = _https_server(make_raw_server, ca, "news.invalid")
    async with _fetcher(guarded, ca) as fetcher:
        page = await fetcher.fetch(f"https://news.invalid:{server.port}/p")
    assert page.body == HTML


async def test_https_with_a_certificate_for_another_name_fails(make_raw_server, guarded, ca):
    server = _https_server(make_raw_server, ca, "other.invalid")
    async with _fetcher(guarded, ca) as fetcher:
        with pytest.raises(FetchError, match=r"^TLS failed for https://news\.invalid:.*certif"):
            await fetcher.fetch(f"https://news.invalid:{server.port}/p")
    assert server.seen == []


async def test_a_host_name_too_long_for_dns_is_a_fetch_error_not_a_crash() -> None:
    guard = AddressGuard()  # the system resolver, which raises UnicodeError for such a label
    with pytest.raises(FetchError, match="is not a host name DNS can look up"):
        await guard.check_url(f"https://{'a' * 64}.example/opinion/")
