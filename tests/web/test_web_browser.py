"""The site as a person uses it, in Debian's chromium: the demo web is crawled into a fresh
database, then a reader browses, follows the way to the original, searches and switches
edition. Screenshots of every page are kept under pytest's temporary folder."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from colonnade.config import Settings
from colonnade.demo import DemoServer, build_web
from colonnade.pipeline import crawl_once
from colonnade.store import Storage, open_storage
from colonnade.web.app import create_app

from .webserver import serving

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [pytest.mark.browser]


@dataclass
class World:
    site: str
    storage: Storage
    demo: DemoServer
    shots: Path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("browser")
    storage = open_storage(f"sqlite:///{folder / 'demo.db'}")
    crawl = Settings(allow_private_addresses=True, per_host_delay=0.0, extract_workers=1)
    # The demo web stays up for the whole module: the browser follows links into it.
    with DemoServer(build_web()) as demo:
        for served, spec in zip(demo.publications, demo.spec.publications, strict=True):
            pub = storage.publications.add(
                served.name, served.homepage_url, country=served.country, language=served.language
            )
            if served.feed_url:
                storage.feeds.add(pub.id, served.feed_url)
            for sitemap in [] if served.feed_url else demo.sitemap_urls(spec.slug):
                storage.feeds.add(pub.id, sitemap, kind="sitemap")
        report = asyncio.run(crawl_once(storage, crawl))
        assert report.articles_new > 20, report
        app = create_app(storage, Settings(cache_seconds=0, page_size=10))
        with serving(app) as base:
            # COLONNADE_SCREENSHOTS keeps them somewhere pytest will not rotate away.
            shots = Path(os.environ.get("COLONNADE_SCREENSHOTS") or folder / "screenshots")
            yield World(base, storage, demo, shots)
    storage.close()


@dataclass
class Console:
    origin: str
    errors: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> None:
        def on_console(message: Any) -> None:
            if message.type == "error" and page.url.startswith(self.origin):
                self.errors.append(f"{page.url}: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: {exc}"))


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


def shot(world: World, page: Any, name: str) -> None:
    world.shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(world.shots / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_reader_browses_to_the_original(world: World, browser: Any, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    console = Console(world.site)
    console.watch(page)
    try:
        page.goto(world.site + "/")
        assert page.locator("h1").inner_text() == "Latest columns"
        assert page.locator(".card").count() == 10
        shot(world, page, f"{scheme}-1-home")

        # Follow the first byline to a columnist.
        byline = page.locator(".primary .card .byline a").first
        name = byline.inner_text()
        byline.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == name
        assert "/columnists/" in page.url
        shot(world, page, f"{scheme}-2-columnist")

        # Open one of their columns.
        title = page.locator(".card-title a").first.inner_text()
        page.locator(".card-title a").first.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == title
        assert page.locator(".continue a").inner_text().startswith("Continue reading at ")
        assert page.locator(".rights").inner_text().startswith("© ")
        shot(world, page, f"{scheme}-3-article")

        # The way to the original leads to the publication's page, which is up and answers.
        original = page.locator(".continue a").get_attribute("href")
        assert original is not None
        slug, path = world.demo.locate(original)
        assert slug and path.startswith("/")
        with page.expect_navigation():
            page.locator(".continue a").click()
        assert page.url == original
        assert title in page.content()
        shot(world, page, f"{scheme}-4-original")

        # Search with a filter.
        page.goto(world.site + "/search")
        page.fill("#s-q", "the")
        page.select_option("#s-language", "en")
        page.click(".search-form button[type=submit]")
        page.wait_for_load_state()
        assert "language=en" in page.url
        hits = page.locator(".results .card")
        assert hits.count() > 0
        for lang in hits.evaluate_all("els => els.map(e => e.getAttribute('lang'))"):
            assert lang == "en"
        shot(world, page, f"{scheme}-5-search")

        # Switch edition from the front page: to the country with the fewest publications.
        edition = world.storage.publications.countries()[-1].value
        page.goto(world.site + "/")
        page.select_option("#f-country", edition)
        page.click(".filters button[type=submit]")
        page.wait_for_load_state()
        assert f"country={edition}" in page.url
        assert page.locator("h1").inner_text().endswith(" edition")
        publications = page.locator(".card .pub").all_inner_texts()
        expected = {p.name for p in world.storage.publications.all() if p.country == edition}
        # Shown in capitals by the style sheet; compare case-insensitively.
        assert publications
        assert {p.casefold() for p in publications} <= {p.casefold() for p in expected}
        shot(world, page, f"{scheme}-6-edition")
    finally:
        context.close()
    assert console.errors == []


def test_keyboard_reaches_the_skip_link_first(world: World, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(world.site + "/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "content"
        # Landmarks a screen reader lists.
        for selector in ("header", "nav[aria-label=Main]", "main", "footer", "form[role=search]"):
            assert page.locator(selector).count() >= 1, selector
    finally:
        context.close()


def test_narrow_screen_and_error_page(world: World, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(world.site + "/")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "the front page scrolls sideways on a phone"
        shot(world, page, "mobile-home")
        response = page.goto(world.site + "/columnists/nobody-here")
        assert response is not None and response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        shot(world, page, "mobile-404")
    finally:
        context.close()
