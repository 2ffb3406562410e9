"""Raw socket servers on 127.0.0.1 for the fetch tests.

pytest-httpserver covers ordinary exchanges. `RawServer` hands a route the raw socket, for what a
well-behaved framework will not do: stall, drip a byte at a time, send garbage, or count how
many requests are in flight at once. Several servers can share one `InFlight` counter to count
across hosts; `clock` stamps each arrival (a test's fake clock, to check delays exactly).
"""

from __future__ import annotations

import socket
import socketserver
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

Route = Callable[[socket.socket], None]


def respond(
    conn: socket.socket,
    status: int = 200,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> None:
    head = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}", "Connection: close"]
    head += [f"{k}: {v}" for k, v in (headers or {}).items()]
    conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)


class InFlight:
    """Requests being handled now, and the most ever at once: counted at each arrival under a
    lock, so no peak can slip between two looks."""

    def __init__(self) -> None:
        self.now = 0
        self.peak = 0
        self._lock = threading.Lock()

    def enter(self) -> None:
        with self._lock:
            self.now += 1
            self.peak = max(self.peak, self.now)

    def leave(self) -> None:
        with self._lock:
            self.now -= 1


@dataclass
class Seen:
    at: float
    path: str
    headers: dict[str, str]


@dataclass
class RawServer:
    host: str = "127.0.0.1"
    routes: dict[str, Route] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    tls: ssl.SSLContext | None = None  # serve HTTPS with this server-side context
    in_flight: InFlight = field(default_factory=InFlight)
    clock: Callable[[], float] = time.monotonic
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                server._handle(self.request)

        class Threading(socketserver.ThreadingTCPServer):
            daemon_threads = True
            block_on_close = False
            allow_reuse_address = True

        self._server = Threading((self.host, 0), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.stop.set()
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str = "/") -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{self.host}:{self.port}{path}"

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]

    def pause(self, seconds: float) -> None:
        """Sleep that ends early when the test is over, so no thread outlives it for long."""
        self.stop.wait(seconds)

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        if self.tls is not None:
            try:
                conn = self.tls.wrap_socket(conn, server_side=True)
            except (ssl.SSLError, OSError):
                return  # the client rejected our certificate, as some tests intend
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return
            data += chunk
        lines = data.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
        path = lines[0].split(" ")[1]
        headers = {}
        for line in lines[1:]:
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        self.in_flight.enter()
        with self._lock:
            self.seen.append(Seen(self.clock(), path, headers))
        try:
            route = self.routes.get(path.split("?")[0])
            if route is None:
                respond(conn, 404, b"not found")
            else:
                route(conn)
        except OSError:
            pass  # the client hung up, which several tests provoke on purpose
        finally:
            self.in_flight.leave()
            conn.close()
