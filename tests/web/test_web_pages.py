"""The HTML pages, read as a person would: what is listed, linked, attributed and cut."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from urllib.parse import parse_qs, urlsplit

import lxml.html

from colonnade.store import ArticleQuery
from colonnade.web import urls

from .conftest import Site
from .corpus import LONG_TEXT


def page(site: Site, path: str, status: int = 200) -> lxml.html.HtmlElement:
    response = site.client.get(path)
    assert response.status_code == status, (path, response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(response.text)


def card_titles(doc: lxml.html.HtmlElement) -> list[str]:
    return [t.text_content().strip() for t in doc.cssselect(".card-title a")]


def article_path(site: Site, key: str) -> str:
    found = site.storage.articles.get(site.corpus.ids[key])
    assert found is not None
    return urls.article(found)


def test_home_lists_the_latest_first_and_pages_through_older(site: Site) -> None:
    doc = page(site, "/")
    first = card_titles(doc)
    assert len(first) == 5
    newest = site.storage.articles.find(ArticleQuery(limit=5)).articles
    assert first == [a.title for a in newest]
    older = doc.cssselect(".pager a[rel=next]")[0].get("href")
    second = card_titles(page(site, older))
    assert len(second) == 5 and not set(first) & set(second)
    back = page(site, older).cssselect(".pager a[rel=prev]")[0].get("href")
    assert card_titles(page(site, back)) == first


def test_home_filters_by_edition_and_language(site: Site) -> None:
    french = page(site, "/?country=FR")
    assert card_titles(french) == ["Le budget du port, encore"]
    assert "France edition" in french.cssselect("h1")[0].text_content()
    german = card_titles(page(site, "/?language=de"))
    assert german == ["Der Haushalt des Hafens"]
    # The form keeps the choice, so switching edition is one change away.
    selected = page(site, "/?country=FR").cssselect("#f-country option[selected]")
    assert [o.get("value") for o in selected] == ["FR"]


def test_home_rejects_a_bad_filter_with_a_friendly_400(site: Site) -> None:
    doc = page(site, "/?country=France", status=400)
    assert "two-letter code" in doc.text_content()
    assert "Traceback" not in doc.text_content()


def test_article_page_shows_excerpt_attribution_and_continue_link(site: Site) -> None:
    doc = page(site, article_path(site, "long"))
    assert doc.cssselect("h1")[0].text_content() == "The long argument about harbour budgets"
    byline = [a.text_content() for a in doc.cssselect(".reading .byline a")]
    assert byline == ["Jane Doe", "Ann Other"]
    assert doc.cssselect(".reading .pub")[0].get("href") == "/publications/the-daily"
    body = doc.cssselect(".body")[0].text_content()
    assert "First paragraph" in body
    assert "SECRET-TAIL-WORDS" not in doc.text_content()  # past excerpt_chars=150
    link = doc.cssselect(".continue a")[0]
    assert link.text_content() == "Continue reading at The Daily"
    assert link.get("href") == "https://daily.example/opinion/20"
    assert "© The Daily" in doc.cssselect(".rights")[0].text_content()
    assert doc.cssselect(".standfirst")[0].text_content() == "A standfirst that sums it up."


def test_full_text_setting_shows_every_paragraph(
    site_with: Callable[..., AbstractContextManager[Site]],
) -> None:
    with site_with(show_full_text=True) as full:
        doc = page(full, article_path(full, "long"))
    paragraphs = [p.text_content() for p in doc.cssselect(".body p")]
    assert paragraphs == LONG_TEXT.split("\n\n")
    assert doc.cssselect(".continue a")  # the original is still credited and linked


def test_article_page_lists_more_by_the_columnist_and_related_columns(site: Site) -> None:
    doc = page(site, article_path(site, "long"))
    headings = [h.text_content() for h in doc.cssselect(".secondary h2")]
    assert "More by Jane Doe" in headings and "More by Ann Other" not in headings
    more = doc.cssselect(".secondary section")[0]
    titles = [a.text_content() for a in more.cssselect(".card-title a")]
    assert titles and "The long argument about harbour budgets" not in titles
    related = doc.xpath("//section[h2[@id='related']]//*[contains(@class,'card-title')]/a")
    assert [a.text_content() for a in related] == ["Our view on harbour budgets"]


def test_syndicated_copy_continues_at_the_page_that_was_fetched(site: Site) -> None:
    doc = page(site, article_path(site, "syndicated"))
    assert doc.cssselect(".continue a")[0].get("href") == "https://daily.example/opinion/24"


def test_paywalled_column_says_so(site: Site) -> None:
    doc = page(site, article_path(site, "paywalled"))
    assert "for subscribers" in doc.cssselect(".notice")[0].text_content()


def test_short_and_stale_article_links_redirect_to_the_one_address(site: Site) -> None:
    target = article_path(site, "long")
    article_id = site.corpus.ids["long"]
    for path in (f"/articles/{article_id}", f"/articles/{article_id}-old-title"):
        response = site.client.get(path)
        assert response.status_code == 301
        assert response.headers["location"] == target


UNKNOWN_ARTICLES = ["/articles/999999", "/articles/abc", "/articles/1x"]


def test_unknown_article_is_a_friendly_404(site: Site) -> None:
    # One server for the whole table: each case only reads.
    for path in UNKNOWN_ARTICLES:
        doc = page(site, path, status=404)
        assert doc.cssselect("h1")[0].text_content() == "Page not found", path
        assert doc.cssselect("a.button")[0].get("href") == "/", path


def test_columnist_page_lists_publications_columns_and_feed(site: Site) -> None:
    doc = page(site, "/columnists/jane-doe")
    assert doc.cssselect("h1")[0].text_content() == "Jane Doe"
    # Every affiliation, the latest first, with the number of columns there.
    writes_for = [li.text_content() for li in doc.cssselect(".affiliations li")]
    assert [line.split(" (")[0] for line in writes_for] == ["The Daily", "Die Zeitung"]
    assert "(Germany) · 1 column" in writes_for[1]
    assert not doc.cssselect(".unverified")  # her profile URL joins the two
    assert len(card_titles(doc)) == 5
    assert doc.cssselect("a.feed")[0].get("href") == "/columnists/jane-doe/feed.atom"
    alternate = doc.cssselect("link[rel=alternate]")[0]
    assert alternate.get("href") == "/columnists/jane-doe/feed.atom"
    # Every column, page by page, exactly once.
    seen, path = card_titles(doc), doc.cssselect(".pager a[rel=next]")[0].get("href")
    while path:
        more = page(site, path)
        seen += card_titles(more)
        nxt = more.cssselect(".pager a[rel=next]")
        path = nxt[0].get("href") if nxt else None
    expected = site.storage.columnists.get("jane-doe")
    assert expected is not None and len(seen) == len(set(seen)) == expected.article_count


def test_publication_page_shows_facts_columnists_and_columns(site: Site) -> None:
    doc = page(site, "/publications/le-quotidien")
    assert doc.cssselect("h1")[0].text_content() == "Le Quotidien"
    facts = doc.cssselect(".facts-list")[0].text_content()
    assert "France" in facts and "French" in facts and "https://quotidien.example" in facts
    assert [a.text_content() for a in doc.cssselect(".secondary a")] == ["Marie Curie"]
    assert card_titles(doc) == ["Le budget du port, encore"]
    assert doc.cssselect("a.feed")[0].get("href") == "/publications/le-quotidien/feed.atom"


def test_directories_list_columnists_and_publications(site: Site) -> None:
    names = [a.text_content() for a in page(site, "/columnists").cssselect(".directory > li > a")]
    assert names == sorted(names) and "Jane Doe" in names and "Marie Curie" in names
    pubs = page(site, "/publications")
    groups = [h.text_content() for h in pubs.cssselect(".group h2")]
    assert groups == ["France", "Germany", "United Kingdom"]


def test_edition_and_language_pages(site: Site) -> None:
    doc = page(site, "/editions/GB")
    assert doc.cssselect("h1")[0].text_content() == "United Kingdom edition"
    assert len(card_titles(doc)) == 5
    assert doc.cssselect("a.feed")[0].get("href") == "/editions/GB/feed.atom"
    assert site.client.get("/editions/gb").headers["location"] == "/editions/GB"
    page(site, "/editions/JP", status=404)
    assert card_titles(page(site, "/languages/fr")) == ["Le budget du port, encore"]
    index = page(site, "/editions")
    assert "United Kingdom" in index.text_content() and "German" in index.text_content()


def test_archive_by_month_and_day(site: Site) -> None:
    months = page(site, "/archive")
    labels = [s.text_content() for s in months.cssselect(".tiles strong")]
    assert labels == ["May 2024", "March 2024"]
    days = page(site, "/archive/2024/05")
    assert "1 May" in [s.text_content() for s in days.cssselect(".tiles strong")]
    day = page(site, "/archive/2024/03/22")
    assert card_titles(day) == ["Der Haushalt des Hafens"]
    page(site, "/archive/2024/13", status=404)
    page(site, "/archive/2024/02/30", status=404)


def test_search_with_words_and_filters(site: Site) -> None:
    doc = page(site, "/search?q=harbour+budgets")
    titles = card_titles(doc)
    assert set(titles) == {"The long argument about harbour budgets", "Our view on harbour budgets"}
    french = page(site, "/search?q=budget&country=FR")
    assert card_titles(french) == ["Le budget du port, encore"]
    assert [m.text_content() for m in french.cssselect(".summary mark")] == ["budget"]
    assert card_titles(page(site, "/search?q=column&columnist=John+Roe&sort=newest")) == [
        f"Column {n} on transport" for n in (11, 9, 7, 5, 3)
    ]
    window = page(site, "/search?q=column&from=2024-05-01&to=2024-05-01&publication=the-daily")
    assert len(card_titles(window)) == 5  # dated 08:00 to 23:00 on 1 May


def test_search_pages_through_results(site: Site) -> None:
    doc = page(site, "/search?q=transport")
    seen = card_titles(doc)
    path = doc.cssselect(".pager a[rel=next]")[0].get("href")
    assert parse_qs(urlsplit(path).query)["q"] == ["transport"]
    while path:
        more = page(site, path)
        seen += card_titles(more)
        nxt = more.cssselect(".pager a[rel=next]")
        path = nxt[0].get("href") if nxt else None
    assert len(seen) == len(set(seen))
    assert set(seen) == {f"Column {n} on transport" for n in range(12)}


def test_search_with_only_filters_lists_matching_columns(site: Site) -> None:
    assert card_titles(page(site, "/search?language=fr")) == ["Le budget du port, encore"]
    form_only = page(site, "/search")
    assert not form_only.cssselect(".card") and form_only.cssselect("form.search-form")


BAD_SEARCHES = [
    ("q=x&from=yesterday", "YYYY-MM-DD"),
    ("q=x&from=2024-05-02&to=2024-05-01", "after"),
    ("q=x&columnist=Nobody+Atall", "no columnist"),
    ("q=x&publication=nope", "no publication"),
    ("q=x&sort=newest&cursor=garbage", "invalid cursor"),
    ("q=x&order=newest&cursor=garbage", "invalid cursor"),
]


def test_bad_search_input_is_a_400_with_the_form_kept(site: Site) -> None:
    for query, message in BAD_SEARCHES:
        doc = page(site, f"/search?{query}", status=400)
        assert message in doc.cssselect("[role=alert]")[0].text_content(), query
        assert doc.cssselect("form.search-form"), query


def test_unknown_pages_are_friendly_404s(site: Site) -> None:
    for path in ("/nope", "/columnists/nobody", "/publications/nothing", "/languages/xx"):
        doc = page(site, path, status=404)
        assert doc.cssselect("main h1")[0].text_content() == "Page not found"


def test_head_answers_for_pages_and_feeds_without_a_body(site: Site) -> None:
    for path in ("/", "/columnists/jane-doe", "/feed.atom", article_path(site, "long")):
        head = site.client.head(path)
        get = site.client.get(path)
        assert head.status_code == 200, path
        assert head.content == b""
        assert head.headers["content-type"] == get.headers["content-type"]
        assert "content-security-policy" in head.headers
    assert site.client.head("/nope").status_code == 404


def test_article_page_shows_the_local_day_time_and_credits(site: Site) -> None:
    from colonnade.models import Article

    from .corpus import FETCHED

    item = Article(
        url="https://zeitung.example/meinung/nacht",
        title="Nach Mitternacht geschrieben",
        authors=["Anna Schmidt"],
        credits=["dpa"],
        published="2026-01-09T00:30:00+01:00",
        language="de",
        text="Ein Absatz über die Stadt und ihre Nächte, lang genug für eine Seite.",
    )
    saved = site.storage.articles.save(
        item, publication_id=site.corpus.zeitung.id, fetched_at=FETCHED
    )
    stored = site.storage.articles.get(saved.id)
    assert stored is not None
    doc = page(site, urls.article(stored))
    shown = doc.cssselect(".byline time")[0]
    assert shown.text_content() == "9 January 2026, 00:30 UTC+01:00"
    assert shown.get("datetime") == "2026-01-09T00:30:00+01:00"
    assert doc.cssselect(".byline .credits")[0].text_content() == "dpa"
    api = site.client.get(f"/api/v1/articles/{saved.id}").json()
    assert api["published"] == "2026-01-09T00:30:00+01:00"
    assert api["credits"] == ["dpa"]
