"""What every fictional site's pages share: escaping, head, footer, boilerplate that weighs.

Real opinion pages are 20-60 KB of which the article is a few: inline CSS, consent banners,
menus, tracking snippets and footers. The generated boilerplate here is deterministic (seeded by
the publication) so page bytes, and therefore ETags, are stable across runs.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from random import Random
from typing import Any
from urllib.parse import quote

from colonnade.demo.dates import visible_date
from colonnade.demo.spec import DemoArticle, DemoPublication
from colonnade.demo.ui import UI, byline_names
from colonnade.demo.writer import slugify


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def json_for_script(data: Any, *, ascii_only: bool = False) -> str:
    """JSON safe inside <script>: no "</script>" or "<!--" can end or confuse the element."""
    raw = json.dumps(data, ensure_ascii=ascii_only, separators=(",", ":"))
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True, slots=True)
class SiteContext:
    """What a theme needs to know about where it is served."""

    pub: DemoPublication
    base_url: str  # "http://127.0.0.1:PORT", no trailing slash
    resolve: Callable[[str, str], str]  # (publication slug, path) -> absolute URL
    names: Mapping[str, str] = field(default_factory=dict)  # publication slug -> name

    def url(self, path: str) -> str:
        return self.base_url + path


@dataclass(frozen=True, slots=True)
class Listing:
    """A page that lists articles, newest first."""

    title: str
    path: str
    articles: Sequence[DemoArticle]
    next_path: str | None = None  # the next page of the same list
    extra_html: str = ""  # trusted markup shown under the title


class Theme:
    """Page layouts of one style. Subclasses fill in `article_page` and `listing_page`."""

    style = "base"
    has_author_pages = False
    css_rules = 90
    section_prefix: str | None = None  # where the opinion section's list lives; None: no list
    title_separator = " | "  # between an article's or a list's title and the publication's name

    def __init__(self, ctx: SiteContext) -> None:
        self.ctx = ctx
        self.pub = ctx.pub
        self.ui: dict[str, Any] = UI[ctx.pub.language]
        rng = Random(f"theme:{ctx.pub.slug}")
        self.hue = rng.randint(0, 359)
        self.css = generated_css(rng, self.style, self.hue, self.css_rules)
        self.tracking = tracking_snippet(rng, ctx.pub.slug)

    # -- to override --------------------------------------------------------------------------

    def article_page(self, article: DemoArticle, others: Sequence[DemoArticle]) -> str:
        raise NotImplementedError

    def listing_page(self, page: Listing) -> str:
        raise NotImplementedError

    @property
    def section_path(self) -> str:
        """The list page of the publication's own opinion section."""
        return f"{self.section_prefix or ''}/{slugify(self.pub.section)}/"

    def listing_paths(self) -> dict[str, str]:
        """Section pages linked from menus and footers, served on demand: path -> label."""
        paths = {} if self.section_prefix is None else {self.section_path: self.pub.section}
        for name, subs in self.ui["sections"]:
            paths[f"/{slugify(name)}/"] = name
            paths.update({f"/{slugify(name)}/{slugify(sub)}/": sub for sub in subs})
        return paths

    def author_path(self, name: str) -> str | None:
        return None

    def info_paths(self) -> dict[str, str]:
        """Pages the footer and banners link to (about, privacy, subscribe): path -> label."""
        paths = {f"/about/{slugify(label)}/": label for label in self.ui["footer_links"]}
        paths.update(
            {
                "/privacy/": self.ui["settings"],
                "/subscribe/": self.ui["subscribe"],
                "/abo/": self.ui["subscribe"],
                "/newsletter/": self.ui["newsletter"],
            }
        )
        return paths

    def info_page(self, label: str) -> str:
        main = f"<h1>{esc(label)}</h1><p>{esc(self.pub.name)} {esc(self.ui['fictional'])}</p>"
        title = f"{label} – {self.pub.name}"
        return self.framed(
            "", main, title=title, head="", body_class="info", main_attrs=' class="info"'
        )

    # -- shared pieces ------------------------------------------------------------------------

    def page_title(self, title: str, page: Listing | None = None) -> str:
        """The page's <title>: "Title | Publication"; the home page keeps its title alone."""
        if page is not None and page.path == "/":
            return title
        return f"{title}{self.title_separator}{self.pub.name}"

    @property
    def lang(self) -> str:
        return self.pub.language

    def date_text(self, article: DemoArticle, *, updated: bool = False) -> str:
        when = article.updated if updated and article.updated else article.published
        return visible_date(when, self.pub.date_style)

    def byline_text(self, article: DemoArticle) -> str:
        return f"{self.ui['by']} {byline_names(article.authors, self.lang)}"

    def canonical(self, article: DemoArticle) -> str:
        return self.ctx.url(article.path)

    def original_url(self, article: DemoArticle) -> str | None:
        if article.syndicated_from is None:
            return None
        return self.ctx.resolve(*article.syndicated_from)

    def syndication_note(self, article: DemoArticle, markup: str) -> str:
        """`markup` naming the original of a syndicated copy ({url}, {source}); else ""."""
        original = self.original_url(article)
        if original is None or article.syndicated_from is None:
            return ""
        source = self.ctx.names.get(article.syndicated_from[0], original)
        return markup.format(url=esc(original), source=esc(source))

    def image_path(self, article: DemoArticle) -> str:
        return f"/media/cover-{article.number % 8}.svg"

    def body_html(
        self, article: DemoArticle, link: DemoArticle | None, inserts: dict[int, str] | None = None
    ) -> str:
        """Paragraphs; the second one's first sentence links to `link` (text unchanged)."""
        inserts = inserts or {}
        out = []
        for i, para in enumerate(article.paragraphs):
            text = esc(para)
            if i == 1 and link is not None and ". " in para:
                head, tail = para.split(". ", 1)
                text = f'<a href="{esc(link.path)}">{esc(head)}</a>. {esc(tail)}'
            out.append(f"<p>{text}</p>")
            if i in inserts:
                out.append(inserts[i])
        return "\n".join(out)

    def document(self, *, title: str, head: str, body: str, body_class: str) -> str:
        charset = self.pub.charset
        return (
            f'<!DOCTYPE html>\n<html lang="{self.lang}">\n<head>\n'
            f'<meta charset="{charset}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n{head}\n"
            f'<style id="theme-css">{self.css}</style>\n{self.tracking}\n</head>\n'
            f'<body class="{body_class}">\n{body}\n</body>\n</html>\n'
        )

    def framed(
        self,
        top: str,
        main: str,
        *,
        title: str,
        head: str,
        body_class: str,
        main_attrs: str = "",
        after: str = "",
    ) -> str:
        """A page: `top` (banners, masthead), `main` inside <main>, the footer, then `after`."""
        body = f"{top}<main{main_attrs}>{main}</main>{self.footer()}{after}"
        return self.document(title=title, head=head, body=body, body_class=body_class)

    def cookie_banner(self) -> str:
        ui = self.ui
        return (
            '<div id="cookie-notice" class="cookie-banner" role="region" aria-label="Cookies">'
            f"<p>{esc(ui['cookie'])}</p>"
            f'<button type="button" class="cookie-accept">{esc(ui["accept"])}</button> '
            f'<button type="button" class="cookie-reject">{esc(ui["reject"])}</button> '
            f'<a href="/privacy/" class="cookie-settings">{esc(ui["settings"])}</a></div>'
        )

    def share_buttons(self, article: DemoArticle) -> str:
        url = quote(self.ctx.url(article.path), safe="")
        title = quote(article.title, safe="")
        nets = ("social.example", "chirp.example", "linkup.example", "mail")
        items = []
        for net in nets:
            href = (
                f"mailto:?subject={title}&amp;body={url}"
                if net == "mail"
                else f"https://{net}/share?u={url}&amp;t={title}"
            )
            items.append(
                f'<li class="share-{net.split(".")[0]}"><a href="{href}" '
                f'rel="nofollow noopener" target="_blank">{net.split(".")[0]}</a></li>'
            )
        return (
            f'<div class="share-buttons"><h3 class="share-title">{esc(self.ui["share"])}</h3>'
            f"<ul>{''.join(items)}</ul></div>"
        )

    def footer(self) -> str:
        links = "".join(
            f'<li><a href="/about/{slugify(label)}/">{esc(label)}</a></li>'
            for label in self.ui["footer_links"]
        )
        sections = "".join(
            f'<li><a href="/{slugify(name)}/">{esc(name)}</a><ul>'
            + "".join(
                f'<li><a href="/{slugify(name)}/{slugify(sub)}/">{esc(sub)}</a></li>'
                for sub in subs
            )
            + "</ul></li>"
            for name, subs in self.ui["sections"]
        )
        name = esc(self.pub.name)
        return (
            f'<footer class="site-footer"><nav class="footer-links"><ul>{links}</ul></nav>'
            f'<nav class="footer-sections"><ul>{sections}</ul></nav>'
            f'<p class="fictional-notice"><strong>{name}</strong> {esc(self.ui["fictional"])} '
            "This is a fictional site generated by the Colonnade demo; any resemblance to real "
            "publications or people is coincidental.</p>"
            f'<p class="copyright">© {name} · {esc(self.pub.tagline)}</p></footer>'
        )

    def list_main(
        self, page: Listing, item: Callable[[DemoArticle], str], *, tag: str, css_class: str
    ) -> str:
        """The list's title, its extra markup, then `item(article)` for each inside one element."""
        items = "".join(item(a) for a in page.articles)
        return (
            f'<h1>{esc(page.title)}</h1>{page.extra_html}<{tag} class="{css_class}">{items}</{tag}>'
        )

    def teaser_list(
        self, articles: Sequence[DemoArticle], *, css_class: str, with_standfirst: bool = False
    ) -> str:
        items = []
        for a in articles:
            extra = f"<p>{esc(a.standfirst)}</p>" if with_standfirst else ""
            items.append(f'<li><a href="{esc(a.path)}">{esc(a.title)}</a>{extra}</li>')
        return f'<ul class="{css_class}">{"".join(items)}</ul>'

    def open_graph(self, article: DemoArticle) -> str:
        tags = [
            ("og:type", "article"),
            ("og:site_name", self.pub.name),
            ("og:title", article.title),
            ("og:description", article.standfirst),
            ("og:url", self.canonical(article)),
            ("og:image", self.ctx.url(self.image_path(article))),
            ("article:published_time", article.published.isoformat()),
            ("article:section", article.section),
        ]
        if article.updated:
            tags.append(("article:modified_time", article.updated.isoformat()))
        return "\n".join(f'<meta property="{k}" content="{esc(v)}">' for k, v in tags)


def pick_others(article: DemoArticle, pool: Sequence[DemoArticle], count: int) -> list[DemoArticle]:
    """A deterministic sample of other public articles, for sidebars and related links."""
    candidates = [a for a in pool if a.path != article.path and not a.private]
    rng = Random(f"others:{article.path}")
    return rng.sample(candidates, min(count, len(candidates)))


def generated_css(rng: Random, prefix: str, hue: int, count: int) -> str:
    """A few KB of plausible utility CSS, as themes inline; stable for a given seed."""
    props = ("margin", "padding", "gap", "font-size", "line-height", "border-radius")
    rules = [
        f":root{{--accent:hsl({hue},55%,38%);--muted:hsl({hue},12%,45%);--bg:hsl({hue},30%,98%)}}",
        "body{margin:0;font-family:Georgia,serif;color:#222;background:var(--bg)}",
        "a{color:var(--accent)}.cookie-banner{position:fixed;bottom:0;left:0;right:0}",
    ]
    for i in range(count):
        prop = props[i % len(props)]
        value = f"{rng.randint(1, 48) / 8:.3g}rem"
        rules.append(f".{prefix}-{prop[:3]}-{i}{{{prop}:{value}}}")
    for bp in (480, 768, 1024, 1280):
        inner = "".join(f".{prefix}-col-{n}{{width:{100 * n // 12}%}}" for n in range(1, 13))
        rules.append(f"@media (min-width:{bp}px){{{inner}}}")
    return "\n".join(rules)


def tracking_snippet(rng: Random, slug: str) -> str:
    """The analytics/consent bootstrap every real site carries; inert here."""
    account = f"FX-{rng.randint(100000, 999999)}-{rng.randint(1, 9)}"
    return (
        "<script>window.dataLayer=window.dataLayer||[];function track(){dataLayer.push(arguments)}"
        f"track('config','{account}',{{anonymize_ip:true,site:'{slug}'}});"
        "track('consent','default',{ad_storage:'denied',analytics_storage:'denied'});</script>"
    )
