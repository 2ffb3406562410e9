"""Page layouts, one module per style of fictional site."""

from __future__ import annotations

from colonnade.demo.themes.base import SiteContext, Theme
from colonnade.demo.themes.blog import BlogTheme
from colonnade.demo.themes.magazine import MagazineTheme
from colonnade.demo.themes.minimal import MinimalTheme
from colonnade.demo.themes.newspaper import NewspaperTheme

THEMES: dict[str, type[Theme]] = {
    "blog": BlogTheme,
    "newspaper": NewspaperTheme,
    "minimal": MinimalTheme,
    "magazine": MagazineTheme,
}


def theme_for(ctx: SiteContext) -> Theme:
    return THEMES[ctx.pub.style](ctx)


__all__ = ["THEMES", "SiteContext", "Theme", "theme_for"]
