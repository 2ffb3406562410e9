"""URL helpers: absolute, fetchable URLs from what publishers write, and the parts of a URL.

Pages, feeds, sitemaps and OPML files hold relative, padded, protocol-relative and fragmentary
addresses, and `javascript:` or `mailto:` ones where a link was expected; everything that
resolves a link goes through `absolute_url`.
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlsplit

# Soft hyphens, zero-width characters and BOMs: invisible in a page, fatal in a URL.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def absolute_url(href: str | None, base: str | None, *, keep_fragment: bool = False) -> str | None:
    """`href` resolved against `base`; None unless the result is an http(s) URL with a host.

    The fragment is dropped (it names a place in a page, not another page) unless
    `keep_fragment`. A protocol-relative '//host/x' takes the scheme of `base`, or https.
    """
    if not href:
        return None
    href = href.translate(_INVISIBLE).strip()
    if not href:
        return None
    if href.startswith("//") and not base:
        href = "https:" + href
    try:
        url = urljoin(base or "", href)
        if not keep_fragment:
            url = urldefrag(url).url
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. "http://[::1" — an unbalanced IPv6 bracket
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    return url


def origin(url: str) -> str:
    """'https://example.com/opinion/x?y' -> 'https://example.com/'."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def hostname(url: str | None) -> str:
    """The host of `url` in lower case without a leading 'www.'; '' when there is none."""
    if not url:
        return ""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


# Links that act on a profile rather than being one: share buttons, follow intents.
_NOT_PROFILE_PATH = re.compile(r"/(?:share|sharer|intent|login|search)(?:[/.?]|$)", re.I)


def profile_key(url: str | None) -> str | None:
    """A person's profile URL as a comparison key: 'https://www.X.com/Author/jane/?ref=1' ->
    'x.com/author/jane'. None when the URL cannot be a profile: not http(s), no host, only a
    site's root, or a share or follow link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = hostname(url.strip())
    path = parts.path.rstrip("/").lower()
    if parts.scheme.lower() not in ("http", "https") or not host or not path:
        return None
    if _NOT_PROFILE_PATH.search(path):
        return None
    return host + path


MASK = "***"
# A setting, or a query parameter of a URL, whose name holds one of these is a secret.
SECRET_WORDS = ("token", "password", "passwd", "pwd", "secret")
# `scheme://user:PASSWORD@host`, the password read as SQLAlchemy reads it (up to the first
# "@", "/", "?" and "#" included, as people write them unencoded) and as urlsplit does (up to
# the last "@" of the host part): the longer wins, so neither reading shows any of it.
_USERINFO = re.compile(
    r"^(?P<head>[a-z][a-z0-9+.-]*://[^:/?#]*:)(?P<password>[^@]*(?:@[^@/?#]*(?=@))*)@", re.I
)
_QUERY_SECRET = re.compile(
    rf"(?P<key>[?&;][^=&#]*(?:{'|'.join(SECRET_WORDS)})[^=&#]*=)[^&#]*", re.I
)


def mask_url_password(value: str) -> str:
    """`value` with any password in it shown as ***: `postgresql://user:***@host/db`, and
    `?password=***` (or sslpassword, token, ...) in its query; anything else unchanged."""
    value = _USERINFO.sub(
        lambda m: f"{m['head']}{MASK}@" if m["password"] else m.group(0), value, count=1
    )
    return _QUERY_SECRET.sub(lambda m: f"{m['key']}{MASK}", value)
