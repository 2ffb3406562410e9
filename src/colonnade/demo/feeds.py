"""Machine-readable files of a fictional site: RSS, Atom, sitemaps, news sitemap, robots.txt."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from xml.sax.saxutils import escape, quoteattr

from colonnade.demo.dates import rfc822
from colonnade.demo.spec import DemoArticle, DemoPublication
from colonnade.demo.themes.base import SiteContext, Theme
from colonnade.demo.ui import byline_names

FEED_ITEMS = 50
NEWS_SITEMAP_WINDOW = timedelta(hours=48)
_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
_RSS_HEAD = (
    _XML
    + """<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" \
xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel>
<title>{title}</title>
<atom:link href={self_url} rel="self" type="application/rss+xml"/>
<link>{link}</link>
<description>{tagline} (fictional)</description>
<language>{language}</language>
"""
)
_ATOM_HEAD = (
    _XML
    + """<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{language}">
<title>{title}</title>
<subtitle>{tagline} (fictional)</subtitle>
<link rel="self" type="application/atom+xml" href={self_url}/>
<link rel="alternate" type="text/html" href={link}/>
<id>{id}</id>
"""
)


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def newest_first(articles: Sequence[DemoArticle]) -> list[DemoArticle]:
    return sorted(articles, key=lambda a: (a.published, a.path), reverse=True)


def rss(ctx: SiteContext, theme: Theme, articles: Sequence[DemoArticle]) -> str:
    """RSS 2.0: WordPress-like for blogs (dc:creator per author, content:encoded), else plain."""
    pub = ctx.pub
    items = newest_first(articles)[:FEED_ITEMS]
    wordpress = pub.style == "blog"
    self_url = ctx.url(pub.feed_path or "/feed/")
    out = [
        _RSS_HEAD.format(
            title=escape(pub.name),
            self_url=quoteattr(self_url),
            link=escape(ctx.url("/")),
            tagline=escape(pub.tagline),
            language=f"{pub.language}-{pub.country}",
        )
    ]
    if items:
        out.append(f"<lastBuildDate>{rfc822(max(a.modified for a in items))}</lastBuildDate>\n")
    for a in items:
        url = ctx.url(a.path)
        out.append(f"<item>\n<title>{escape(a.title)}</title>\n<link>{escape(url)}</link>\n")
        if wordpress:
            out.append(f"<comments>{escape(url)}#comments</comments>\n")
            out.extend(f"<dc:creator>{_cdata(n)}</dc:creator>\n" for n in a.authors)
            out.append(f'<guid isPermaLink="false">{escape(ctx.url(f"/?p={a.number}"))}</guid>\n')
        else:
            names = byline_names(a.authors, pub.language)
            out.append(f"<dc:creator>{escape(names)}</dc:creator>\n")
            out.append(f'<guid isPermaLink="true">{escape(url)}</guid>\n')
        out.append(f"<pubDate>{rfc822(a.published)}</pubDate>\n")
        out.append(f"<category>{_cdata(a.section)}</category>\n")
        out.append(f"<description>{_cdata(a.standfirst)}</description>\n")
        if wordpress:
            out.append(f"<content:encoded>{_cdata(theme.body_html(a, None))}</content:encoded>\n")
        out.append("</item>\n")
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def comments_rss(ctx: SiteContext, articles: Sequence[DemoArticle]) -> str:
    """WordPress's second alternate feed: comments, linking to article#comments."""
    pub = ctx.pub
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>{escape(ctx.url(a.path))}#comments</link>"
        f"<pubDate>{rfc822(a.published)}</pubDate></item>\n"
        for a in newest_first(articles)[:10]
    )
    return (
        f'{_XML}<rss version="2.0"><channel><title>{escape(pub.name)} – comments</title>'
        f"<link>{escape(ctx.url('/'))}</link><description>Comments (fictional)</description>\n"
        f"{items}</channel></rss>\n"
    )


def atom(ctx: SiteContext, theme: Theme, articles: Sequence[DemoArticle]) -> str:
    """Atom feed of the newspaper's opinion section (one <author> per author)."""
    pub = ctx.pub
    items = newest_first(articles)[:FEED_ITEMS]
    updated = max((a.modified for a in items), default=None)
    self_url = ctx.url(pub.feed_path or "")
    out = [
        _ATOM_HEAD.format(
            language=pub.language,
            title=f"{escape(pub.section)} – {escape(pub.name)}",
            tagline=escape(pub.tagline),
            self_url=quoteattr(self_url),
            link=quoteattr(ctx.url("/")),
            id=f"tag:{pub.slug}.demo.invalid,2026:{pub.section}",
        )
    ]
    if updated:
        out.append(f"<updated>{updated.isoformat()}</updated>\n")
    for a in items:
        out.append(
            f"<entry>\n<title>{escape(a.title)}</title>\n"
            f'<link rel="alternate" type="text/html" href={quoteattr(ctx.url(a.path))}/>\n'
            f"<id>tag:{pub.slug}.demo.invalid,2026:story-{a.number}</id>\n"
            f"<published>{a.published.isoformat()}</published>\n"
            f"<updated>{a.modified.isoformat()}</updated>\n"
        )
        for name in a.authors:
            path = theme.author_path(name)
            uri = f"<uri>{escape(ctx.url(path))}</uri>" if path else ""
            out.append(f"<author><name>{escape(name)}</name>{uri}</author>\n")
        out.append(
            f"<category term={quoteattr(a.section)}/>\n"
            f'<summary type="text">{escape(a.standfirst)}</summary>\n</entry>\n'
        )
    out.append("</feed>\n")
    return "".join(out)


def urlset(ctx: SiteContext, entries: Sequence[tuple[str, str]]) -> str:
    """A sitemap of (path, lastmod) pairs."""
    urls = "".join(
        f"<url><loc>{escape(ctx.url(p))}</loc><lastmod>{m}</lastmod></url>\n" for p, m in entries
    )
    return f'{_XML}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'


def sitemap_index(ctx: SiteContext, entries: Sequence[tuple[str, str]]) -> str:
    maps = "".join(
        f"<sitemap><loc>{escape(ctx.url(p))}</loc><lastmod>{m}</lastmod></sitemap>\n"
        for p, m in entries
    )
    return (
        f'{_XML}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{maps}</sitemapindex>\n"
    )


def news_sitemap(ctx: SiteContext, articles: Sequence[DemoArticle]) -> str:
    """Google News sitemap: only the last two days' articles, as Google asks."""
    pub = ctx.pub
    ordered = newest_first(articles)
    if not ordered:
        recent: list[DemoArticle] = []
    else:
        cutoff = ordered[0].published - NEWS_SITEMAP_WINDOW
        recent = [a for a in ordered if a.published >= cutoff]
    urls = "".join(
        f"<url><loc>{escape(ctx.url(a.path))}</loc><news:news><news:publication>"
        f"<news:name>{escape(pub.name)}</news:name><news:language>{pub.language}</news:language>"
        f"</news:publication><news:publication_date>{a.published.isoformat()}"
        f"</news:publication_date><news:title>{escape(a.title)}</news:title></news:news></url>\n"
        for a in recent
    )
    return (
        f'{_XML}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n{urls}</urlset>\n'
    )


def robots_txt(ctx: SiteContext) -> str:
    pub: DemoPublication = ctx.pub
    lines = [
        f"# robots.txt for {pub.name}, a fictional publication (Colonnade demo)",
        "User-agent: *",
        "Disallow: /private/",
        "Disallow: /search",
    ]
    if pub.style == "blog":
        lines += ["Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php"]
    lines += ["", "User-agent: ExampleScraperBot", "Disallow: /", ""]
    lines += [f"Sitemap: {ctx.url(p)}" for p in pub.sitemap_paths]
    return "\n".join(lines) + "\n"
