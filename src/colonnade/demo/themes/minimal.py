"""A minimal static site: no feed, no structured data; only sitemaps tell a crawler what is new.

The only date on an article page is the visible one ("20 de noviembre de 2026"); the sitemap and
the Google News sitemap carry the machine-readable times.
"""

from __future__ import annotations

from collections.abc import Sequence

from colonnade.demo.spec import DemoArticle
from colonnade.demo.themes.base import Listing, Theme, esc, pick_others


class MinimalTheme(Theme):
    style = "min"
    css_rules = 220
    title_separator = " — "

    def _header(self) -> str:
        return (
            f'<header class="site"><a class="brand" href="/">{esc(self.pub.name)}</a>'
            f'<nav><a href="/">{esc(self.ui["home"])}</a> · '
            f'<a href="/">{esc(self.ui["archive"])}</a></nav></header>'
        )

    def article_page(self, article: DemoArticle, others: Sequence[DemoArticle]) -> str:
        more = pick_others(article, others, 20)
        head = (
            f'<meta name="description" content="{esc(article.standfirst)}">\n'
            f'<link rel="canonical" href="{esc(self.canonical(article))}">'
        )
        main = (
            f"<article><h1>{esc(article.title)}</h1>"
            f'<p class="meta">{esc(self.byline_text(article))} · {esc(self.date_text(article))}</p>'
            f"\n{self.body_html(article, more[0] if more else None)}\n</article>"
            f'<nav class="more"><h2>{esc(self.pub.section)}</h2>'
            f"{self.teaser_list(more, css_class='more-list')}</nav>"
        )
        title = self.page_title(article.title)
        return self.framed(self._header(), main, title=title, head=head, body_class="post")

    def listing_page(self, page: Listing) -> str:
        main = self.list_main(page, self._item, tag="ul", css_class="archive")
        return self.framed(self._header(), main, title=page.title, head="", body_class="list")

    def _item(self, article: DemoArticle) -> str:
        return (
            f'<li><a href="{esc(article.path)}">{esc(article.title)}</a> '
            f'<span class="date">{esc(self.date_text(article))}</span></li>'
        )
