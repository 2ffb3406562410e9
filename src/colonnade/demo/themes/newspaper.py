"""A big-newspaper layout: JSON-LD, mega menu, consent dialog, most-read rail, paywall."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from colonnade.demo.catalog import EDITORIAL_BOARD
from colonnade.demo.spec import DemoArticle
from colonnade.demo.themes.base import Listing, Theme, esc, json_for_script, pick_others
from colonnade.demo.ui import byline_names
from colonnade.demo.writer import slugify

_CONSENT_PURPOSES = (
    "Store and/or access information on a device",
    "Use limited data to select advertising",
    "Create profiles for personalised advertising",
    "Measure content performance",
    "Understand audiences through statistics",
    "Develop and improve services",
)


class NewspaperTheme(Theme):
    style = "np"
    has_author_pages = True
    section_prefix = ""

    def author_path(self, name: str) -> str | None:
        if name == EDITORIAL_BOARD.get(self.lang):
            return None
        return f"/columnists/{slugify(name)}/"

    # -- pieces ---------------------------------------------------------------------------------

    def _consent(self) -> str:
        purposes = "".join(
            f'<li><label><input type="checkbox" name="purpose-{i}"> {esc(p)}</label></li>'
            for i, p in enumerate(_CONSENT_PURPOSES)
        )
        return (
            '<div id="consent-dialog" class="consent" role="dialog" aria-modal="true" '
            'aria-labelledby="consent-title"><h2 id="consent-title">Privacy</h2>'
            f'<p>{esc(self.ui["cookie"])}</p><ul class="purposes">{purposes}</ul>'
            f'<button type="button" data-consent="all">{esc(self.ui["accept"])}</button>'
            f'<button type="button" data-consent="none">{esc(self.ui["reject"])}</button></div>'
        )

    def _mega_menu(self) -> str:
        columns = []
        for name, subs in self.ui["sections"]:
            top = slugify(name)
            links = "".join(f'<li><a href="/{top}/{slugify(s)}/">{esc(s)}</a></li>' for s in subs)
            columns.append(
                f'<li class="mega-item"><a class="mega-top" href="/{top}/">'
                f'{esc(name)}</a><ul class="mega-sub">{links}</ul></li>'
            )
        columns.insert(
            1,
            f'<li class="mega-item"><a class="mega-top" href="{self.section_path}">'
            f"{esc(self.pub.section)}</a></li>",
        )
        return (
            '<header class="masthead"><div class="topbar">'
            f'<a class="subscribe-link" href="/subscribe/">{esc(self.ui["subscribe"])}</a>'
            f'<form class="search" action="/search"><input name="q" aria-label='
            f'"{esc(self.ui["search"])}"></form></div>'
            f'<div class="logo"><a href="/">{esc(self.pub.name)}</a></div>'
            f'<nav class="mega-menu" aria-label="Sections"><ul>{"".join(columns)}</ul></nav>'
            "</header>"
        )

    def _rail(self, most_read: Sequence[DemoArticle]) -> str:
        items = "".join(f'<li><a href="{esc(a.path)}">{esc(a.title)}</a></li>' for a in most_read)
        return (
            f'<aside class="rail"><section class="most-read"><h2>{esc(self.ui["most_read"])}</h2>'
            f'<ol>{items}</ol></section><section class="newsletter-box">'
            f"<h2>{esc(self.ui['newsletter'])}</h2><p>{esc(self.ui['newsletter_text'])}</p>"
            f'<form action="/newsletters/subscribe" method="post"><input type="email" '
            f'name="email" placeholder="{esc(self.ui["email"])}"><button>'
            f"{esc(self.ui['sign_up'])}</button></form></section>"
            f'<div class="ad-slot" data-slot="rail">{esc(self.ui["advert"])}</div></aside>'
        )

    def _byline(self, article: DemoArticle) -> str:
        parts = []
        for name in article.authors:
            path = self.author_path(name)
            parts.append(
                f'<a class="author-link" href="{path}">{esc(name)}</a>'
                if path
                else f'<span class="author-name">{esc(name)}</span>'
            )
        joined = byline_names(parts, self.lang)
        return f'<span class="byline">{esc(self.ui["by"])} {joined}</span>'

    def _json_ld(self, article: DemoArticle) -> str:
        authors: list[dict[str, Any]] = []
        for name in article.authors:
            path = self.author_path(name)
            if path is None:
                authors.append({"@type": "Organization", "name": name})
            else:
                authors.append({"@type": "Person", "name": name, "url": self.ctx.url(path)})
        url = self.canonical(article)
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "OpinionNewsArticle" if article.kind == "opinion" else "NewsArticle",
            "headline": article.title,
            "description": article.standfirst,
            "datePublished": article.published.isoformat(),
            "dateModified": article.modified.isoformat(),
            "author": authors,
            "publisher": {
                "@type": "NewsMediaOrganization",
                "name": self.pub.name,
                "url": self.ctx.url("/"),
                "logo": {"@type": "ImageObject", "url": self.ctx.url("/media/logo.svg")},
            },
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "articleSection": article.section,
            "inLanguage": self.lang,
            "image": [self.ctx.url(self.image_path(article))],
            "isAccessibleForFree": not article.paywalled,
        }
        if article.paywalled:
            data["hasPart"] = {
                "@type": "WebPageElement",
                "isAccessibleForFree": False,
                "cssSelector": ".paywall",
            }
        crumbs = {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": 1,
                    "name": self.ui["home"],
                    "item": self.ctx.url("/"),
                },
                {
                    "@type": "ListItem",
                    "position": 2,
                    "name": self.pub.section,
                    "item": self.ctx.url(self.section_path),
                },
            ],
        }
        ascii_only = self.pub.charset != "utf-8"
        return (
            f'<script type="application/ld+json">{json_for_script(data, ascii_only=ascii_only)}'
            f'</script>\n<script type="application/ld+json">'
            f"{json_for_script(crumbs, ascii_only=ascii_only)}</script>"
        )

    def _state(self, article: DemoArticle | None, teasers: Sequence[DemoArticle]) -> str:
        """The hydration blob big sites ship: heavy, and full of text that is not the article."""
        state = {
            "page": {
                "type": "article" if article else "front",
                "id": article.number if article else 0,
                "section": self.pub.section,
            },
            "navigation": [{"name": n, "children": list(s)} for n, s in self.ui["sections"]],
            "teasers": [
                {
                    "id": a.number,
                    "headline": a.title,
                    "summary": a.standfirst,
                    "path": a.path,
                    "authors": list(a.authors),
                }
                for a in teasers
            ],
        }
        return f"<script>window.__INITIAL_STATE__={json_for_script(state)};</script>"

    def _feed_link(self) -> str:
        return (
            f'<link rel="alternate" type="application/atom+xml" '
            f'title="{esc(self.pub.section)} – {esc(self.pub.name)}" '
            f'href="{self.ctx.base_url}{self.pub.feed_path}">'
        )

    def _page(
        self,
        content: str,
        below: str = "",
        *,
        most_read: Sequence[DemoArticle],
        state: str,
        title: str,
        head: str,
        body_class: str,
    ) -> str:
        """`content` beside the most-read rail, `below` under both, inside menu and footer."""
        return self.framed(
            self._consent() + self._mega_menu(),
            f'<div class="layout">{content}{self._rail(most_read)}</div>{below}',
            title=title,
            head=head,
            body_class=body_class,
            main_attrs=' id="main"',
            after=state,
        )

    # -- pages ----------------------------------------------------------------------------------

    def article_page(self, article: DemoArticle, others: Sequence[DemoArticle]) -> str:
        picks = pick_others(article, others, 16)
        most_read, more = picks[:10], picks[-6:]
        canonical = self.original_url(article) or self.canonical(article)
        head = (
            f'<link rel="canonical" href="{esc(canonical)}">\n{self._feed_link()}\n'
            f'<meta name="description" content="{esc(article.standfirst)}">\n'
            '<meta name="robots" content="max-image-preview:large">\n'
            f"{self.open_graph(article)}\n"
            '<meta name="twitter:card" content="summary_large_image">\n'
            f"{self._json_ld(article)}"
        )
        updated = ""
        if article.updated:
            updated = (
                f' <span class="updated">{esc(self.ui["updated"])} <time datetime="'
                f'{article.updated.isoformat()}">{esc(self.date_text(article, updated=True))}'
                "</time></span>"
            )
        if article.paywalled:
            body_html = (
                f'<div class="story-body paywall">\n{self.body_html(article, None)}\n'
                f'<div class="paywall-prompt"><p class="paywall-message">{esc(self.ui["paywall"])}'
                f'</p><p>{esc(self.ui["paywall_offer"])}</p><a class="button" href="/subscribe/">'
                f"{esc(self.ui['subscribe'])}</a></div></div>"
            )
        else:
            quote = article.paragraphs[-2].split(". ")[0] if len(article.paragraphs) > 2 else ""
            pull = (
                f'<aside class="pullquote"><blockquote>{esc(quote)}</blockquote></aside>'
                if quote
                else ""
            )
            body_html = (
                f'<div class="story-body">\n'
                f"{self.body_html(article, picks[0] if picks else None, {1: pull})}\n</div>"
            )
        if article.kind == "editorial":
            bio = self.ui["editorial_bio"].format(pub=self.pub.name)
        else:
            bio = " ".join(
                self.ui["bio"].format(name=n, pub=self.pub.name) for n in article.authors
            )
        note = self.syndication_note(
            article,
            '<p class="syndication">Originally published in <a href="{url}">{source}</a></p>',
        )
        story = (
            f'<article class="story {article.kind}" data-story-id="{article.number}">'
            f'<div class="kicker"><a href="{self.section_path}">{esc(article.section)}</a></div>'
            f'<h1 class="headline">{esc(article.title)}</h1>'
            f'<p class="standfirst">{esc(article.standfirst)}</p>'
            f'<div class="byline-block">{self._byline(article)} <time class="published" '
            f'datetime="{article.published.isoformat()}">{esc(self.date_text(article))}</time>'
            f"{updated}</div>"
            f'<figure class="lead-image"><img src="{self.image_path(article)}" alt="" '
            f'width="1200" height="675"><figcaption>Illustration: {esc(self.pub.name)} '
            "(fictional)</figcaption></figure>"
            f'{body_html}<div class="author-bio"><p>{esc(bio)}</p></div>{note}'
            f"{self.share_buttons(article)}</article>"
        )
        below = (
            f'<section class="more-section"><h2>{esc(self.pub.section)}</h2>'
            f"{self.teaser_list(more, css_class='teasers', with_standfirst=True)}</section>"
        )
        return self._page(
            story,
            below,
            most_read=most_read,
            state=self._state(article, picks),
            title=self.page_title(article.title),
            head=head,
            body_class=f"article-page {slugify(self.pub.section)}",
        )

    def listing_page(self, page: Listing) -> str:
        lead = ""
        rest = list(page.articles)
        if rest:
            top = rest.pop(0)
            lead = (
                f'<article class="lead"><h2><a href="{esc(top.path)}">{esc(top.title)}</a>'
                f'</h2><p class="standfirst">{esc(top.standfirst)}</p>'
                f'<p class="byline">{esc(self.byline_text(top))}</p></article>'
            )
        front = (
            f'<section class="front"><h1 class="front-title">{esc(page.title)}</h1>'
            f"{page.extra_html}{lead}"
            f"{self.teaser_list(rest, css_class='teasers', with_standfirst=True)}</section>"
        )
        return self._page(
            front,
            most_read=page.articles[:10],
            state=self._state(None, page.articles[:20]),
            title=self.page_title(page.title, page),
            head=self._feed_link(),
            body_class="front-page",
        )
