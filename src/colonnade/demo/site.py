"""One fictional publication's pages, rendered once into bytes and served from dicts.

Article pages are rendered when an article appears and never again (unless it is edited), so
their ETags stay put while feeds, sitemaps and list pages change around them, which is what makes
a second crawl cheap. List pages linked from menus are rendered on first request and cached.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from colonnade.demo import feeds
from colonnade.demo.dates import http_date
from colonnade.demo.spec import DemoArticle, DemoPublication, ExpectedArticle, expected_for
from colonnade.demo.themes import SiteContext, theme_for
from colonnade.demo.themes.base import Listing, esc

logger = logging.getLogger(__name__)

HOME_ITEMS = 30
BLOG_PER_PAGE = 10
_PAGE = re.compile(r"^/page/(\d+)/$")
_MONTH = re.compile(r"^/(\d{4})/(\d{2})/$")
_MEDIA = re.compile(r"^/media/(cover-\d|logo)\.svg$")
_UPDATE_NOTE = {
    "en": "Update: this column has been corrected since it was first published.",
    "de": "Aktualisierung: Dieser Kommentar wurde nach der Erstveröffentlichung korrigiert.",
    "fr": "Mise à jour : cette chronique a été corrigée depuis sa première publication.",
    "es": "Actualización: esta columna fue corregida después de su primera publicación.",
}


@dataclass(slots=True)
class Resource:
    """A response ready to send: body bytes plus validators."""

    body: bytes
    content_type: str
    modified: datetime
    status: int = 200
    location: str | None = None
    etag: str = ""
    last_modified: str = ""
    _gzip: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.etag = '"' + hashlib.sha1(self.body).hexdigest()[:20] + '"'
        self.last_modified = http_date(self.modified)

    def gzipped(self) -> bytes:
        # Compressed on first demand; two threads racing here just both compute the same bytes.
        if self._gzip is None:
            self._gzip = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzip


class Site:
    def __init__(
        self,
        pub: DemoPublication,
        base_url: str,
        resolve: Callable[[str, str], str],
        names: Mapping[str, str] | None = None,
    ) -> None:
        self.pub = pub
        self.ctx = SiteContext(pub, base_url, resolve, dict(names or {}))
        self.theme = theme_for(self.ctx)
        self.articles: list[DemoArticle] = list(pub.articles)
        self._pages: dict[str, Resource] = {}  # articles, robots.txt: rendered once
        self._indexes: dict[str, Resource] = {}  # home, feeds, sitemaps: rebuilt on change
        self._cache: dict[str, Resource] = {}  # list pages rendered on demand
        self._gone: dict[str, int] = {}
        self._lock = threading.RLock()
        self._oldest = min((a.published for a in self.articles), default=datetime(2026, 1, 1))
        self._pages["/robots.txt"] = Resource(
            feeds.robots_txt(self.ctx).encode(), "text/plain; charset=utf-8", self._oldest
        )
        for article in self.articles:
            self._render_article(article)
        self._render_indexes()

    # -- reading --------------------------------------------------------------------------------

    @property
    def public(self) -> list[DemoArticle]:
        return [a for a in self.articles if not a.private]

    def lookup(self, path: str, query: str = "") -> Resource | None:
        """The resource at `path`, a redirect, a 410, or None for 404."""
        if query and path == "/" and self.pub.style == "blog":
            match = re.fullmatch(r"p=(\d+)", query)
            target = match and self._by_number(int(match.group(1)))
            if target:
                return self._redirect(target.path)
        found = self._pages.get(path) or self._indexes.get(path) or self._cache.get(path)
        if found is not None:
            return found
        if path in self._gone:
            return self._error_page(self._gone[path])
        with self._lock:
            found = self._cache.get(path)
            if found is None:
                found = self._dynamic(path)
                if found is not None:
                    self._cache[path] = found
        # WordPress-style: a slash-less path whose slashed twin exists gets a 301 there.
        slashless = not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]
        if found is None and slashless and self.lookup(path + "/") is not None:
            return self._redirect(path + "/")
        return found

    def not_found(self) -> Resource:
        return self._error_page(404)

    def expected(self) -> list[ExpectedArticle]:
        return [self.expected_article(a) for a in self.public]

    def expected_article(self, article: DemoArticle) -> ExpectedArticle:
        base = expected_for(self.pub, article)
        original = self.theme.original_url(article)
        own = self.ctx.url(article.path)
        # Only layouts that print rel=canonical to the original point there.
        canonical = original if original and self.pub.style in ("blog", "newspaper") else own
        return replace(base, url=own, canonical_url=canonical, syndicated_from=original)

    def find(self, path: str) -> DemoArticle | None:
        return next((a for a in self.articles if a.path == path), None)

    # -- changing -------------------------------------------------------------------------------

    def add(self, articles: Sequence[DemoArticle]) -> None:
        with self._lock:
            self.articles.extend(articles)
            for article in articles:
                self._gone.pop(article.path, None)
                self._render_article(article)
            self._render_indexes()

    def update(self, path: str) -> DemoArticle:
        with self._lock:
            old = self.find(path)
            if old is None:
                raise KeyError(path)
            newest = max(a.modified for a in self.articles)
            note = _UPDATE_NOTE[self.pub.language]
            new = replace(
                old, updated=newest + timedelta(minutes=30), paragraphs=(*old.paragraphs, note)
            )
            self.articles[self.articles.index(old)] = new
            self._render_article(new)
            self._render_indexes()
            return new

    def remove(self, path: str, status: int = 410) -> DemoArticle:
        with self._lock:
            old = self.find(path)
            if old is None:
                raise KeyError(path)
            self.articles.remove(old)
            self._pages.pop(path, None)
            self._gone[path] = status
            self._render_indexes()
            return old

    # -- rendering ------------------------------------------------------------------------------

    def _html(self, text: str, modified: datetime, status: int = 200) -> Resource:
        charset = self.pub.charset
        return Resource(
            text.encode(charset, errors="xmlcharrefreplace"),
            f"text/html; charset={charset}",
            modified,
            status,
        )

    def _listing(self, page: Listing, modified: datetime | None = None) -> Resource:
        html = self.theme.listing_page(page)
        return self._html(html, self._newest(page.articles) if modified is None else modified)

    def _render_article(self, article: DemoArticle) -> None:
        html = self.theme.article_page(article, self.public)
        self._pages[article.path] = self._html(html, article.modified)

    def _newest(self, articles: Sequence[DemoArticle]) -> datetime:
        return max((a.modified for a in articles), default=self._oldest)

    def _render_indexes(self) -> None:
        """Home, feeds and sitemaps: everything that lists articles. Drops cached list pages."""
        public = feeds.newest_first(self.public)
        newest = self._newest(self.articles)
        pub, ctx, theme = self.pub, self.ctx, self.theme
        indexes: dict[str, Resource] = {}
        per_page = BLOG_PER_PAGE if pub.style == "blog" else HOME_ITEMS
        pages = max(1, -(-len(public) // per_page)) if pub.style == "blog" else 1
        next_path = "/page/2/" if pages > 1 else None
        home = Listing(pub.name, "/", public[:per_page], next_path, self._private_box())
        indexes["/"] = self._listing(home, newest)
        xml = "application/xml; charset=utf-8"
        # The feed lists private articles too: a robots-obeying crawler must still skip them.
        feed_items = [a for a in self.articles if not a.private or pub.style == "newspaper"]
        if pub.style == "blog":
            indexes["/feed/"] = Resource(
                feeds.rss(ctx, theme, feed_items).encode(),
                "application/rss+xml; charset=utf-8",
                newest,
            )
            indexes["/comments/feed/"] = Resource(
                feeds.comments_rss(ctx, public).encode(),
                "application/rss+xml; charset=utf-8",
                newest,
            )
            posts = [(a.path, a.modified.isoformat()) for a in public]
            indexes["/wp-sitemap-posts-post-1.xml"] = Resource(
                feeds.urlset(ctx, posts).encode(), xml, newest
            )
            indexes["/wp-sitemap.xml"] = Resource(
                feeds.sitemap_index(
                    ctx, [("/wp-sitemap-posts-post-1.xml", newest.isoformat())]
                ).encode(),
                xml,
                newest,
            )
        elif pub.style == "newspaper":
            indexes[pub.feed_path or ""] = Resource(
                feeds.atom(ctx, theme, feed_items).encode(),
                "application/atom+xml; charset=utf-8",
                newest,
            )
            months: dict[str, list[DemoArticle]] = {}
            for a in public:
                months.setdefault(f"{a.published:%Y-%m}", []).append(a)
            maps = []
            for month, items in sorted(months.items(), reverse=True):
                path = f"/sitemaps/{month}.xml"
                modified = self._newest(items)
                entries = [(a.path, a.modified.isoformat()) for a in items]
                indexes[path] = Resource(feeds.urlset(ctx, entries).encode(), xml, modified)
                maps.append((path, modified.isoformat()))
            indexes["/sitemap-index.xml"] = Resource(
                feeds.sitemap_index(ctx, maps).encode(), xml, newest
            )
        elif pub.style == "minimal":
            entries = [("/", newest.isoformat())] + [
                (a.path, a.modified.isoformat()) for a in public
            ]
            indexes["/sitemap.xml"] = Resource(feeds.urlset(ctx, entries).encode(), xml, newest)
            indexes["/sitemap-news.xml"] = Resource(
                feeds.news_sitemap(ctx, public).encode(), xml, newest
            )
        else:
            indexes["/rss.xml"] = Resource(
                feeds.rss(ctx, theme, feed_items).encode(),
                "application/rss+xml; charset=utf-8",
                newest,
            )
        self._indexes = indexes
        self._cache = {}

    def _private_box(self) -> str:
        private = [a for a in self.articles if a.private]
        if not private:
            return ""
        links = "".join(f'<li><a href="{esc(a.path)}">{esc(a.title)}</a></li>' for a in private)
        return (
            '<section class="subscriber-preview"><h2>Subscriber preview</h2>'
            f"<ul>{links}</ul></section>"
        )

    def _dynamic(self, path: str) -> Resource | None:
        theme, public = self.theme, feeds.newest_first(self.public)
        if (m := _MEDIA.match(path)) is not None:
            return Resource(_svg(self.pub, m.group(1)).encode(), "image/svg+xml", self._oldest)
        if self.pub.style == "blog" and (m := _PAGE.match(path)) is not None:
            page = int(m.group(1))
            items = public[(page - 1) * BLOG_PER_PAGE : page * BLOG_PER_PAGE]
            if page < 2 or not items:
                return None
            more = len(public) > page * BLOG_PER_PAGE
            next_path = f"/page/{page + 1}/" if more else None
            return self._listing(Listing(f"{self.pub.name} – {page}", path, items, next_path))
        if self.pub.style == "blog" and (m := _MONTH.match(path)) is not None:
            items = [a for a in public if f"{a.published:%Y/%m}" == f"{m.group(1)}/{m.group(2)}"]
            return (
                self._listing(Listing(f"{m.group(1)}/{m.group(2)}", path, items)) if items else None
            )
        for name in {n for a in public for n in a.authors}:
            if theme.author_path(name) == path:
                items = [a for a in public if name in a.authors]
                title = theme.ui["articles_by"].format(name=name)
                return self._listing(Listing(title, path, items))
        info = theme.info_paths().get(path)
        if info is not None:
            return self._html(theme.info_page(info), self._oldest)
        label = theme.listing_paths().get(path)
        if label is not None:
            items = public if label == self.pub.section else public[:12]
            return self._listing(Listing(label, path, items))
        return None

    def _by_number(self, number: int) -> DemoArticle | None:
        return next((a for a in self.public if a.number == number), None)

    def _redirect(self, path: str) -> Resource:
        resource = Resource(b"", "text/html; charset=utf-8", self._oldest, status=301)
        resource.location = self.ctx.url(path)
        return resource

    def _error_page(self, status: int) -> Resource:
        title = {404: "Page not found", 410: "This article has been removed"}.get(status, "Error")
        html = self.theme.framed(
            "",
            f"<h1>{status}</h1><p>{esc(title)}</p>",
            title=title,
            head='<meta name="robots" content="noindex">',
            body_class="error",
        )
        return self._html(html, self._oldest, status)


def _svg(pub: DemoPublication, name: str) -> str:
    hue = (pub.number * 47 + sum(map(ord, name))) % 360
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">'
        f'<rect width="1200" height="675" fill="hsl({hue},45%,55%)"/>'
        f'<text x="60" y="620" font-size="48" fill="#fff">{esc(pub.name)} (fictional)</text></svg>'
    )
