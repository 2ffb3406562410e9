"""ETags on pages, feeds and API answers, and `304 Not Modified` for a client that has the answer.

A feed reader polls every feed every few minutes; a browser revalidates a page it has cached.
Each successful GET answer (HTML, Atom, JSON) is given a weak ETag, a hash of its body, and a
request whose `If-None-Match` names it gets a 304 without the body. The body is still made
(the site keeps no cache of its own), but not sent: what a poll costs the network becomes a
few hundred bytes. Weak (`W/`), because the body may then be compressed (RFC 9110 8.8.3):
the compressed and plain forms are the same answer.

A pure ASGI middleware, inside `HeadAsGet`, so a HEAD answer carries the ETag of the GET. An
answer over `MAX_BUFFERED` bytes is sent as it comes, without an ETag, rather than held in
memory.
"""

from __future__ import annotations

import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BUFFERED = 4 * 1024 * 1024
TAGGED_TYPES = (b"text/html", b"application/atom+xml", b"application/json")
# What a 304 keeps of the 200's headers (RFC 9110 15.4.5): the rest describe a body.
KEPT_ON_304 = {b"cache-control", b"content-location", b"date", b"etag", b"expires", b"vary"}


def etag_of(body: bytes) -> bytes:
    return b'W/"' + hashlib.blake2b(body, digest_size=12).hexdigest().encode() + b'"'


def matches(if_none_match: bytes, etag: bytes) -> bool:
    """Whether an If-None-Match header names `etag` (weak comparison, RFC 9110 13.1.2)."""
    if if_none_match.strip() == b"*":
        return True
    bare = etag.removeprefix(b"W/")
    return any(tag.strip().removeprefix(b"W/") == bare for tag in if_none_match.split(b","))


class Validators:
    def __init__(self, app: ASGIApp, max_buffered: int = MAX_BUFFERED) -> None:
        self.app = app
        self.max_buffered = max_buffered

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        asked = b""
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                asked = value
        start: Message | None = None
        held: list[bytes] = []
        size = 0
        passing = False

        async def tag(message: Message) -> None:
            nonlocal start, size, passing
            if passing:
                await send(message)
                return
            if message["type"] == "http.response.start":
                if message["status"] == 200 and _tagged(message):
                    start = message
                else:
                    passing = True
                    await send(message)
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            held.append(message.get("body", b""))
            size += len(held[-1])
            if size > self.max_buffered:  # too big to hold: send as it comes, untagged
                passing = True
                await send(start)
                await send(
                    {"type": "http.response.body", "body": b"".join(held), "more_body": True}
                )
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b""})
                return
            if message.get("more_body", False):
                return
            body = b"".join(held)
            etag = etag_of(body)
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"etag"]
            headers.append((b"etag", etag))
            if asked and matches(asked, etag):
                kept = [(k, v) for k, v in headers if k.lower() in KEPT_ON_304]
                await send({"type": "http.response.start", "status": 304, "headers": kept})
                await send({"type": "http.response.body", "body": b""})
                return
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, tag)


def _tagged(start: Message) -> bool:
    for name, value in start.get("headers", []):
        if name.lower() == b"content-type":
            return value.split(b";")[0].strip().lower() in TAGGED_TYPES
    return False
