"""The reader's part of the Storage API: lists, directories, search pages, views, related.

A mixin of `Storage` (store/storage.py), kept apart so that each file stays readable. As there,
each method is one transaction and the SQL lives in the per-purpose modules.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from datetime import date

from sqlalchemy.engine import Connection

from colonnade.store import article_reads, directory, finder, reader, views
from colonnade.store import related as related_module
from colonnade.store.directory import NameKey
from colonnade.store.finder import Order
from colonnade.store.records import (
    ArticleFilter,
    ArticlePage,
    Columnist,
    ColumnistCount,
    Facet,
    Keyset,
    MostRead,
    Neighbours,
    Publication,
    SearchPage,
    StoredArticle,
)


class ReaderMethods:
    def _read(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    # Article lists

    def article_page(
        self,
        where: ArticleFilter | None = None,
        *,
        before: Keyset | None = None,
        after: Keyset | None = None,
        limit: int = 20,
    ) -> ArticlePage:
        """Newest first (publication date, else first seen), keyset-paged: the first page, the
        one older than `before`, or the one newer than `after`. At most 200 a page."""
        with self._read() as conn:
            return reader.page(
                conn, where or ArticleFilter(), before=before, after=after, limit=limit
            )

    def latest_articles(
        self, where: ArticleFilter | None = None, *, limit: int = 5, exclude: int = 0
    ) -> list[StoredArticle]:
        """The newest few meeting `where`, without article `exclude`."""
        with self._read() as conn:
            return reader.recent(conn, where or ArticleFilter(), limit, exclude)

    def archive(self, month: tuple[int, int] | None = None) -> list[Facet]:
        """Articles per month ('YYYY-MM', newest first), or per day of one (year, month)."""
        with self._read() as conn:
            return reader.archive(conn, month=month)

    def search_page(
        self,
        query: str,
        where: ArticleFilter | None = None,
        *,
        order: Order = "relevance",
        offset: int = 0,
        before: Keyset | None = None,
        limit: int = 20,
    ) -> SearchPage:
        """Search with filters. Relevance pages continue by `offset` (up to 1,000 results),
        newest-first pages by `before`. Any input is taken as plain words; none raises."""
        with self._read() as conn:
            return finder.find(
                conn,
                query,
                where or ArticleFilter(),
                order=order,
                offset=offset,
                before=before,
                limit=limit,
            )

    def related_articles(self, article: StoredArticle, *, limit: int = 5) -> list[StoredArticle]:
        """Articles in the same language whose titles share this one's main words; none by
        this article's columnists (the page lists those apart)."""
        return list(self.neighbours(article, columnists=0, by_columnist=0, related=limit).related)

    def neighbours(
        self,
        article: StoredArticle,
        *,
        columnists: int = 2,
        by_columnist: int = 4,
        related: int = 5,
    ) -> Neighbours:
        """For an article page, in one transaction: the newest `by_columnist` other columns of
        each of the first `columnists` byline names, and up to `related` related columns (same
        language, titles sharing main words, by none of this article's columnists)."""
        with self._read() as conn:
            authors = article.columnists[: max(0, columnists)]
            theirs = [
                reader.recent_ids(
                    conn, ArticleFilter(columnist_id=a.columnist_id), by_columnist, article.id
                )
                for a in authors
            ]
            similar = related_module.related(
                conn,
                article.title,
                exclude=[article.id],
                language=article.language,
                limit=max(0, related),
                not_by=[c.columnist_id for c in article.columnists],
            )
            wanted = list(dict.fromkeys([*(i for ids in theirs for i in ids), *similar]))
            loaded = {a.id: a for a in article_reads.by_ids(conn, wanted)}
        return Neighbours(
            more_by=tuple(
                (author, tuple(loaded[i] for i in ids if i in loaded))
                for author, ids in zip(authors, theirs, strict=True)
            ),
            related=tuple(loaded[i] for i in similar if i in loaded),
        )

    # Directories

    def columnists_page(
        self, *, after: NameKey | None = None, limit: int = 50
    ) -> tuple[list[Columnist], NameKey | None]:
        """Columnists by name, and the key of the next page (None on the last)."""
        with self._read() as conn:
            return directory.columnists_page(conn, after=after, limit=limit)

    def publications_page(
        self, *, after: NameKey | None = None, limit: int = 50, country: str | None = None
    ) -> tuple[list[Publication], NameKey | None]:
        """Publications by name (of one country if given), and the key of the next page."""
        with self._read() as conn:
            return directory.publications_page(conn, after=after, limit=limit, country=country)

    def publication_columnists(
        self, publication_id: int, *, limit: int = 50
    ) -> list[ColumnistCount]:
        """Who writes for a publication, most articles there first."""
        with self._read() as conn:
            return directory.publication_columnists(conn, publication_id, limit)

    def countries(self) -> list[Facet]:
        """Publication countries with their publication and article counts."""
        with self._read() as conn:
            return directory.countries(conn)

    def languages(self) -> list[Facet]:
        """Article languages with their article counts."""
        with self._read() as conn:
            return directory.languages(conn)

    # Views

    def record_views(self, counts: Mapping[tuple[int, date], int]) -> int:
        """Add view counts ((article id, UTC day) -> views); unknown articles are skipped."""
        if not counts:
            return 0
        with self._write() as conn:
            return views.record(conn, counts)

    def most_read(self, *, since: date, limit: int = 10) -> list[MostRead]:
        """The most viewed articles from day `since` (UTC) on, most first."""
        with self._read() as conn:
            ranked = views.most_read(conn, since=since, limit=limit)
            found = {a.id: a for a in article_reads.by_ids(conn, [i for i, _ in ranked])}
        return [MostRead(found[i], n) for i, n in ranked if i in found]

    def views_of(self, article_id: int, *, since: date) -> int:
        with self._read() as conn:
            return views.views_of(conn, article_id, since=since)
