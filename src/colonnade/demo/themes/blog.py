"""A WordPress-like opinion blog: RSS at /feed/, rel=author archives, comments, related posts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from random import Random

from colonnade.demo.spec import DemoArticle
from colonnade.demo.themes.base import Listing, Theme, esc, pick_others
from colonnade.demo.writer import Writer, slugify

PER_PAGE = 10


class BlogTheme(Theme):
    style = "wp"
    has_author_pages = True
    section_prefix = "/category"
    title_separator = " – "

    def author_path(self, name: str) -> str | None:
        return f"/author/{slugify(name)}/"

    # -- pieces ---------------------------------------------------------------------------------

    def _head(self, title_extra: str = "") -> str:
        name = esc(self.pub.name)
        base = self.ctx.base_url
        presets = "".join(
            f"--wp--preset--color--{c}:hsl({(self.hue + 37 * i) % 360},{40 + i}%,{20 + 5 * i}%);"
            for i, c in enumerate(
                (
                    "black",
                    "cyan-bluish-gray",
                    "white",
                    "pale-pink",
                    "vivid-red",
                    "luminous-vivid-orange",
                    "light-green-cyan",
                    "vivid-green-cyan",
                    "pale-cyan-blue",
                    "vivid-purple",
                )
            )
        )
        sizes = "".join(
            f"--wp--preset--font-size--{s}:{v}px;"
            for s, v in (("small", 13), ("medium", 20), ("large", 36), ("x-large", 42))
        )
        return (
            f'<link rel="alternate" type="application/rss+xml" title="{name} &raquo; Feed" '
            f'href="{base}/feed/">\n'
            f'<link rel="alternate" type="application/rss+xml" '
            f'title="{name} &raquo; Comments Feed" href="{base}/comments/feed/">\n'
            '<meta name="generator" content="WordPress-like demo 6.6">\n'
            f'<style id="global-styles-inline-css">:root{{{presets}{sizes}}}'
            ".wp-block-button__link{color:#fff;background-color:#32373c;border-radius:9999px}"
            "</style>" + title_extra
        )

    def _masthead(self) -> str:
        items = [
            f'<li class="menu-item"><a href="/">{esc(self.ui["home"])}</a></li>',
            f'<li class="menu-item"><a href="{self.section_path}">{esc(self.pub.section)}</a></li>',
        ]
        items += [
            f'<li class="menu-item"><a href="/{slugify(name)}/">{esc(name)}</a></li>'
            for name, _ in self.ui["sections"]
        ]
        return (
            '<a class="skip-link screen-reader-text" href="#content">Skip to content</a>'
            '<header id="masthead" class="site-header"><div class="site-branding">'
            f'<p class="site-title"><a href="/" rel="home">{esc(self.pub.name)}</a></p>'
            f'<p class="site-description">{esc(self.pub.tagline)}</p></div>'
            '<nav id="site-navigation" class="main-navigation" aria-label="Primary">'
            f'<ul id="primary-menu" class="menu">{"".join(items)}</ul></nav></header>'
        )

    def _byline(self, article: DemoArticle) -> str:
        links = [
            f'<span class="author vcard"><a class="url fn n" href="{self.author_path(n)}" '
            f'rel="author">{esc(n)}</a></span>'
            for n in article.authors
        ]
        if len(links) > 1:
            joined = f"{', '.join(links[:-1])} {esc(self.ui['and'])} {links[-1]}"
        else:
            joined = links[0]
        return f'<span class="byline"> {esc(self.ui["by"])} {joined}</span>'

    def _sidebar(self, pool: Sequence[DemoArticle]) -> str:
        recent = sorted(
            (a for a in pool if not a.private), key=lambda a: a.published, reverse=True
        )[:5]
        months = sorted({a.published.strftime("%Y/%m") for a in pool}, reverse=True)
        archive = "".join(f'<li><a href="/{m}/">{m}</a></li>' for m in months)
        return (
            '<aside id="secondary" class="widget-area">'
            '<section class="widget widget_search"><form role="search" method="get" action="/">'
            f'<label>{esc(self.ui["search"])} <input type="search" name="s"></label></form>'
            f'</section><section class="widget widget_recent_entries"><h2 class="widget-title">'
            f"{esc(self.ui['recent'])}</h2>{self.teaser_list(recent, css_class='recent')}"
            f'</section><section class="widget widget_archive"><h2 class="widget-title">'
            f"{esc(self.ui['archive'])}</h2><ul>{archive}</ul></section></aside>"
        )

    def _comments(self, article: DemoArticle) -> str:
        rng = Random(f"comments:{article.path}")
        writer = Writer(self.lang, rng)
        items = []
        for i in range(rng.randint(2, 6)):
            when = article.published + timedelta(hours=i + 1, minutes=rng.randint(0, 59))
            stamp = when.isoformat()
            items.append(
                f'<li id="comment-{article.number}{i}" class="comment depth-1">'
                '<article class="comment-body"><footer class="comment-meta">'
                f'<div class="comment-author vcard"><b class="fn">{esc(writer.person())}</b> '
                f'<span class="says">{esc(self.ui["says"])}</span></div>'
                f'<div class="comment-metadata"><time datetime="{stamp}">{stamp[:10]}</time>'
                f'</div></footer><div class="comment-content"><p>{esc(writer.comment())}</p>'
                f'</div><div class="reply"><a class="comment-reply-link" href="#respond">'
                f"{esc(self.ui['reply'])}</a></div></article></li>"
            )
        return (
            f'<div id="comments" class="comments-area"><h2 class="comments-title">'
            f"{len(items)} {esc(self.ui['comments'])}</h2>"
            f'<ol class="comment-list">{"".join(items)}</ol>'
            f'<div id="respond" class="comment-respond"><h3 class="comment-reply-title">'
            f'{esc(self.ui["leave_reply"])}</h3><form action="/wp-comments-post.php" '
            'method="post" id="commentform" class="comment-form">'
            f'<p><label for="comment">{esc(self.ui["comment"])}</label>'
            '<textarea id="comment" name="comment" rows="8"></textarea></p>'
            f'<p><label for="author">{esc(self.ui["name"])}</label>'
            '<input id="author" name="author" type="text"></p>'
            f'<p><input name="submit" type="submit" value="{esc(self.ui["post_comment"])}"></p>'
            "</form></div></div>"
        )

    def _related(self, related: Sequence[DemoArticle]) -> str:
        items = "".join(
            f'<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title">'
            f'<a href="{esc(a.path)}">{esc(a.title)}</a></h4>'
            f'<p class="jp-relatedposts-post-excerpt">{esc(a.standfirst)}</p></div>'
            for a in related
        )
        return (
            f'<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-'
            f'headline"><em>{esc(self.ui["related"])}</em></h3>{items}</div>'
        )

    def _entry_meta(self, article: DemoArticle) -> str:
        updated = article.updated or article.published
        return (
            f'<div class="entry-meta"><span class="posted-on"><a href="{esc(article.path)}" '
            f'rel="bookmark"><time class="entry-date published" '
            f'datetime="{article.published.isoformat()}">{esc(self.date_text(article))}</time>'
            f'<time class="updated" datetime="{updated.isoformat()}"></time></a></span>'
            f"{self._byline(article)}</div>"
        )

    def _page(
        self, main: str, pool: Sequence[DemoArticle], *, title: str, head: str, body_class: str
    ) -> str:
        """`main` inside the site's masthead, sidebar (recent posts of `pool`) and footer."""
        body = (
            f'{self.cookie_banner()}<div id="page" class="site">{self._masthead()}'
            '<div id="content" class="site-content"><main id="primary" class="site-main">'
            f"{main}</main>{self._sidebar(pool)}</div>{self.footer()}</div>"
        )
        return self.document(title=title, head=head, body=body, body_class=body_class)

    # -- pages ----------------------------------------------------------------------------------

    def article_page(self, article: DemoArticle, others: Sequence[DemoArticle]) -> str:
        related = pick_others(article, others, 3)
        link = related[0] if related else None
        canonical = self.original_url(article) or self.canonical(article)
        note = self.syndication_note(
            article,
            ' <span class="syndication">This column first appeared in '
            '<a href="{url}">{source}</a>.</span>',
        )
        category = slugify(self.pub.section)
        head = self._head(
            f'\n<link rel="canonical" href="{esc(canonical)}">\n'
            f'<link rel="shortlink" href="{self.ctx.base_url}/?p={article.number}">\n'
            f"{self.open_graph(article)}"
        )
        main = (
            f'<article id="post-{article.number}" class="post-{article.number} post type-post '
            f'status-publish format-standard hentry category-{category}">'
            f'<header class="entry-header"><h1 class="entry-title">{esc(article.title)}</h1>'
            f"{self._entry_meta(article)}</header>"
            f'<div class="entry-content">\n{self.body_html(article, link)}'
            f'\n</div><footer class="entry-footer"><span class="cat-links">'
            f'<a href="{self.section_path}" rel="category tag">{esc(self.pub.section)}</a>'
            f"</span>{note}</footer>{self.share_buttons(article)}{self._related(related)}"
            f"</article>{self._comments(article)}"
        )
        return self._page(
            main,
            others,
            title=self.page_title(article.title),
            head=head,
            body_class=f"post-template-default single single-post "
            f"postid-{article.number} single-format-standard",
        )

    def listing_page(self, page: Listing) -> str:
        posts = []
        for a in page.articles:
            words = a.paragraphs[0].split()
            excerpt = " ".join(words[:55]) + (" […]" if len(words) > 55 else "")
            posts.append(
                f'<article id="post-{a.number}" class="post-{a.number} post type-post hentry">'
                f'<header class="entry-header"><h2 class="entry-title"><a href="{esc(a.path)}" '
                f'rel="bookmark">{esc(a.title)}</a></h2>{self._entry_meta(a)}</header>'
                f'<div class="entry-summary"><p>{esc(excerpt)}</p><p><a class="more-link" '
                f'href="{esc(a.path)}">{esc(self.ui["read_more"])}</a></p></div></article>'
            )
        nav = ""
        if page.next_path:
            nav = (
                f'<nav class="navigation posts-navigation"><div class="nav-previous">'
                f'<a href="{page.next_path}">&larr; {esc(self.ui["archive"])}</a></div></nav>'
            )
        main = (
            f'<header class="page-header"><h1 class="page-title">{esc(page.title)}</h1></header>'
            f"{page.extra_html}{''.join(posts)}{nav}"
        )
        return self._page(
            main,
            page.articles,
            title=self.page_title(page.title, page),
            head=self._head(),
            body_class="home blog" if page.path == "/" else "archive",
        )
