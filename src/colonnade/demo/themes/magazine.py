"""A magazine layout: Open Graph and meta author, RSS at /rss.xml, boxes inside the article body.

"Read also" teasers, an advert slot and a newsletter box sit between the paragraphs, as on many
European news sites, so a text extractor has to leave them out.
"""

from __future__ import annotations

from collections.abc import Sequence

from colonnade.demo.spec import DemoArticle
from colonnade.demo.themes.base import Listing, Theme, esc, pick_others
from colonnade.demo.ui import byline_names
from colonnade.demo.writer import slugify


class MagazineTheme(Theme):
    style = "mag"
    css_rules = 150
    section_prefix = ""

    def _head_common(self) -> str:
        return (
            f'<link rel="alternate" type="application/rss+xml" '
            f'title="{esc(self.pub.name)} – {esc(self.pub.section)}" '
            f'href="{self.ctx.base_url}/rss.xml">'
        )

    def _page(self, main: str, *, title: str, head: str, body_class: str) -> str:
        """`main` under the cookie banner and the top bar."""
        nav = "".join(
            f'<li><a href="/{slugify(n)}/">{esc(n)}</a></li>' for n, _ in self.ui["sections"]
        )
        topbar = (
            f'<header class="topbar"><a class="logo" href="/">{esc(self.pub.name)}</a>'
            f'<nav class="main-nav"><ul><li><a href="{self.section_path}">{esc(self.pub.section)}'
            f'</a></li>{nav}</ul></nav><a class="abo" href="/abo/">{esc(self.ui["subscribe"])}'
            f"</a></header>"
        )
        return self.framed(
            self.cookie_banner() + topbar,
            main,
            title=title,
            head=head,
            body_class=body_class,
            main_attrs=' class="content"',
        )

    def article_page(self, article: DemoArticle, others: Sequence[DemoArticle]) -> str:
        picks = pick_others(article, others, 16)
        authors = byline_names(article.authors, self.lang)
        head = (
            f'<link rel="canonical" href="{esc(self.canonical(article))}">\n'
            f"{self._head_common()}\n"
            f'<meta name="author" content="{esc(authors)}">\n'
            f'<meta name="description" content="{esc(article.standfirst)}">\n'
            f"{self.open_graph(article)}"
        )
        inserts = {}
        if picks:
            inserts[2] = (
                f'<aside class="read-also"><span>{esc(self.ui["read_also"])}:</span> '
                f'<a href="{esc(picks[0].path)}">{esc(picks[0].title)}</a></aside>'
            )
        inserts[4] = (
            f'<div class="ad-slot" data-slot="mid"><span>{esc(self.ui["advert"])}</span></div>'
        )
        inserts[6] = (
            f'<div class="newsletter-inline"><strong>{esc(self.ui["newsletter"])}</strong>'
            f' {esc(self.ui["newsletter_text"])} <a href="/newsletter/">'
            f"{esc(self.ui['sign_up'])}</a></div>"
        )
        link = picks[1] if len(picks) > 1 else None
        main = (
            '<article class="article">'
            f'<header class="article-header"><span class="article-kicker">{esc(article.section)}'
            f'</span><h1 class="article-title">{esc(article.title)}</h1>'
            f'<p class="article-teaser">{esc(article.standfirst)}</p>'
            f'<div class="article-meta"><span class="article-author">'
            f"{esc(self.byline_text(article))}</span> · <time datetime="
            f'"{article.published.isoformat()}">{esc(self.date_text(article))}</time></div>'
            f'</header><div class="article-body">\n{self.body_html(article, link, inserts)}\n'
            f'</div><div class="article-tags">#{esc(article.topic)}</div>'
            f"{self.share_buttons(article)}</article>"
            f'<aside class="more"><h2>{esc(self.pub.section)}</h2>'
            f"{self.teaser_list(picks[2:8], css_class='more-list', with_standfirst=True)}"
            f"<h2>{esc(self.ui['most_read'])}</h2>"
            f"{self.teaser_list(picks[6:], css_class='most-read', with_standfirst=True)}</aside>"
        )
        title = self.page_title(article.title)
        return self._page(main, title=title, head=head, body_class="magazine article")

    def listing_page(self, page: Listing) -> str:
        main = self.list_main(page, self._card, tag="div", css_class="cards")
        title = self.page_title(page.title, page)
        return self._page(main, title=title, head=self._head_common(), body_class="magazine front")

    def _card(self, article: DemoArticle) -> str:
        return (
            f'<div class="card"><span class="card-kicker">{esc(article.section)}</span>'
            f'<h2><a href="{esc(article.path)}">{esc(article.title)}</a></h2>'
            f"<p>{esc(article.standfirst)}</p>"
            f'<p class="card-meta">{esc(self.byline_text(article))}</p></div>'
        )
