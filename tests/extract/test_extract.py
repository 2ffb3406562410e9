"""The extract() contract: fields, title, canonical, image, language, encodings and refusals."""

from __future__ import annotations

import multiprocessing
import pickle

import pytest

from colonnade.errors import ExtractError
from colonnade.extract import extract
from colonnade.models import Article

URL = "https://www.dailyplanet.com/opinion/2026/01/09/cycle-lanes?ref=rss"

GERMAN = [
    "Der Stadtrat hat am Dienstag beschlossen, das Netz geschützter Radwege deutlich "
    "auszubauen. Befürworter sagen, dass die Straßen dadurch für Kinder sicherer werden.",
    "Gegner des Plans befürchten, dass im Zentrum Hunderte Parkplätze wegfallen und die kleinen "
    "Geschäfte darunter leiden, deren Kundschaft mit dem Auto aus dem Umland kommt.",
    "Der Bürgermeister erklärte, man habe beiden Seiten aufmerksam zugehört. Die ersten Wege "
    "sollen im kommenden Frühjahr nach einer Anhörung der Anwohner eröffnet werden.",
    "Ähnliche Projekte in anderen europäischen Städten haben die Zahl der Verkehrsunfälle "
    "gesenkt, wie eine Studie aus dem vergangenen Jahr zeigt. Die Autoren warnen allerdings, "
    "dass sich die örtlichen Verhältnisse stark unterscheiden.",
]


def test_to_dict_has_the_contract_fields(page) -> None:
    data = extract(page(), URL).to_dict()
    assert set(data) == {
        "url", "canonical_url", "title", "authors", "credits", "publication", "published",
        "updated", "language", "text", "excerpt", "word_count", "paywalled", "truncated",
        "section", "kind", "image", "description", "profiles",
    }  # fmt: skip
    assert data["url"] == URL
    assert data["profiles"] == {}  # the page links no author page
    assert data["title"] == "Council votes to expand cycle lanes"
    assert data["word_count"] == len(data["text"].split())
    assert data["language"] == "en"


def test_script_in_the_title_is_returned_as_literal_text(page) -> None:
    html = page(title="<script>alert(1)</script> Cycle lanes &amp; parking")
    # The <title> element is raw text in HTML: a <script> inside it is not an element.
    html = html.replace("<h1><script>alert(1)</script> Cycle lanes &amp; parking</h1>", "")
    article = extract(html, URL)
    assert article.title == "<script>alert(1)</script> Cycle lanes & parking"
    assert "alert" not in article.text


def test_escaped_markup_in_the_heading_stays_literal(page) -> None:
    html = page(title="&lt;b&gt;Bold&lt;/b&gt; claims about cycle lanes")
    assert extract(html, URL).title == "<b>Bold</b> claims about cycle lanes"


def test_site_name_is_cut_from_meta_titles(page) -> None:
    head = '<meta property="og:site_name" content="The Daily Planet">'
    html = page(title="Council votes to expand cycle lanes | The Daily Planet", head=head)
    html = html.replace("<h1>Council votes to expand cycle lanes | The Daily Planet</h1>", "")
    article = extract(html, URL)
    assert article.title == "Council votes to expand cycle lanes"
    assert article.publication == "The Daily Planet"


def test_h1_that_agrees_with_the_metadata_is_the_title(page) -> None:
    head = '<meta property="og:title" content="Council votes to expand cycle lanes - Daily Planet">'
    html = page(title="Daily Planet: news", head=head)
    html = html.replace(
        "<h1>Daily Planet: news</h1>", "<h1>Council votes to expand cycle lanes</h1>"
    )
    assert extract(html, URL).title == "Council votes to expand cycle lanes"


def test_jsonld_headline_when_the_h1_is_the_site_logo(page) -> None:
    jsonld = {"@type": "NewsArticle", "headline": "Council votes to expand cycle lanes"}
    html = page(title="Daily Planet", jsonld=jsonld)
    assert extract(html, URL).title == "Council votes to expand cycle lanes"


def test_canonical_is_resolved_against_the_url(page) -> None:
    head = '<link rel="canonical" href="/opinion/2026/01/09/cycle-lanes">'
    article = extract(page(head=head), URL)
    assert article.canonical_url == "https://www.dailyplanet.com/opinion/2026/01/09/cycle-lanes"
    assert article.key_url == article.canonical_url


def test_canonical_pointing_at_the_home_page_is_ignored(page) -> None:
    head = (
        '<link rel="canonical" href="https://www.dailyplanet.com/">'
        '<meta property="og:url" content="https://www.dailyplanet.com/opinion/cycle-lanes">'
    )
    article = extract(page(head=head), URL)
    assert article.canonical_url == "https://www.dailyplanet.com/opinion/cycle-lanes"


def test_image_from_open_graph_is_made_absolute(page) -> None:
    head = '<meta property="og:image" content="/images/lanes.jpg">'
    assert extract(page(head=head), URL).image == "https://www.dailyplanet.com/images/lanes.jpg"


def test_image_from_jsonld_image_objects(page) -> None:
    jsonld = {
        "@type": "NewsArticle",
        "headline": "x",
        "image": [{"@type": "ImageObject", "url": "https://cdn.example.com/lanes.jpg"}],
    }
    assert extract(page(jsonld=jsonld), URL).image == "https://cdn.example.com/lanes.jpg"


def test_description_and_excerpt(page) -> None:
    head = '<meta name="description" content="The council approved new cycle lanes.">'
    article = extract(page(head=head), URL)
    assert article.description == "The council approved new cycle lanes."
    assert article.excerpt is not None
    assert article.excerpt.startswith("The city council voted on Tuesday")
    assert len(article.excerpt) <= 600
    assert article.excerpt.endswith(".")  # cut at a sentence end
    assert " ".join(article.text.split()).startswith(article.excerpt)


def test_excerpt_of_one_long_sentence_is_cut_at_a_word() -> None:
    from colonnade.extract.body import Block, make_excerpt

    words = " ".join(f"word{i}" for i in range(200))
    excerpt = make_excerpt([Block("p", words)])
    assert excerpt is not None
    assert len(excerpt) <= 601
    assert excerpt.endswith("…")
    assert excerpt[:-1].split()[-1] in words.split()


def test_language_from_html_lang_is_normalised(page) -> None:
    article = extract(page(paragraphs=GERMAN, lang="de-AT"), URL)
    assert article.language == "de"


def test_language_detected_when_undeclared(page) -> None:
    assert extract(page(paragraphs=GERMAN, lang=None), URL).language == "de"


def test_long_text_outvotes_a_template_language_declaration(page) -> None:
    article = extract(page(paragraphs=GERMAN, lang="en"), URL)
    assert len(article.text) > 600
    assert article.language == "de"


def test_declaration_is_kept_when_text_is_too_short_to_judge(page) -> None:
    short = ["Der Stadtrat hat beschlossen, die Radwege auszubauen."]
    assert extract(page(paragraphs=short, lang="fr"), URL).language == "fr"


def test_bytes_in_windows_1252_are_decoded(page) -> None:
    html = page(
        title="Café owners fear the €2 parking fee",
        paragraphs=[
            "The café owners’ association said the €2 fee was “naïve” and would drive customers "
            "away from the old town, where parking is already scarce on market days.",
            *GERMAN[:0],
        ],
    ).replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    body = html.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    article = extract(body, URL)
    assert article.title == "Café owners fear the €2 parking fee"
    assert "“naïve”" in article.text


def test_utf8_bytes_with_a_stale_latin1_declaration(page) -> None:
    html = page(title="Straßenbahn fährt wieder").replace(
        '<meta charset="utf-8">', '<meta charset="iso-8859-1">'
    )
    assert extract(html.encode("utf-8"), URL).title == "Straßenbahn fährt wieder"


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "empty"),
        ("   \n ", "empty"),
        ('{"title": "not a page"}', "JSON"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
            "feed",
        ),
        ('<?xml version="1.0"?><urlset xmlns="x"><url><loc>y</loc></url></urlset>', "sitemap"),
        ("Just a line of plain text, with no markup at all.", "no HTML"),
    ],
)
def test_non_html_input_is_refused(payload: str | bytes, reason: str) -> None:
    with pytest.raises(ExtractError, match="not an HTML document") as caught:
        extract(payload, URL)
    assert "\n" not in str(caught.value)
    assert reason.split()[0].lower() in str(caught.value).lower()


def test_html_without_text_is_refused() -> None:
    with pytest.raises(ExtractError, match="no article text"):
        extract("<html><head><title>Empty</title></head><body><div></div></body></html>", URL)


def test_works_without_a_url(page) -> None:
    article = extract(page(head='<meta property="og:image" content="https://x.org/a.jpg">'))
    assert article.url is None
    assert article.image == "https://x.org/a.jpg"
    assert article.text


def test_jsonld_article_body_is_the_fallback_text() -> None:
    body = "First paragraph of the article, long enough.\n\nSecond paragraph, also long enough."
    html = (
        '<html><head><title>t</title><script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "A headline", "articleBody": '
        f'"{body.replace(chr(10), chr(92) + "n")}"}}</script></head><body><div id="app"></div>'
        "</body></html>"
    )
    article = extract(html, URL)
    assert article.text == body
    assert article.title == "A headline"


def test_broken_jsonld_is_tolerated(page) -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Fine",'
        ' "author": {"name": "Jane Doe"},}</script>'
        '<script type="application/ld+json">{not json at all</script>'
    )
    article = extract(page(head=head), URL)
    assert article.authors == ["Jane Doe"]


def test_extract_and_articles_cross_process_boundaries(page) -> None:
    html = page()
    assert pickle.loads(pickle.dumps(extract)) is extract
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        result = pool.apply(extract, (html, URL))
    assert isinstance(result, Article)
    assert result == extract(html, URL)


def test_xhtml_with_an_xml_declaration_and_other_encodings(page) -> None:
    xhtml = '<?xml version="1.0" encoding="utf-8"?>\n' + page().removeprefix("<!DOCTYPE html>\n")
    assert extract(xhtml, URL).title == "Council votes to expand cycle lanes"
    assert extract(xhtml.encode("utf-8"), URL).title == "Council votes to expand cycle lanes"
    assert extract(page().encode("utf-16"), URL).title == "Council votes to expand cycle lanes"


def test_a_page_starting_with_an_inline_svg_is_still_html(page) -> None:
    html = '<svg width="0" height="0"><symbol id="icon"></symbol></svg>' + page()
    assert extract(html, URL).title == "Council votes to expand cycle lanes"


def test_excerpt_sentence_ends_in_abbreviations_and_cjk() -> None:
    from colonnade.extract.body import Block, make_excerpt

    english = "The plan follows U.S. practice and adds 3.5 km of lanes every year. " * 20
    excerpt = make_excerpt([Block("p", english)])
    assert excerpt is not None and excerpt.endswith("every year.")
    chinese = "新华社北京4月24日电，航天合作论坛开幕。" * 60
    excerpt = make_excerpt([Block("p", chinese)])
    assert excerpt is not None and excerpt.endswith("开幕。") and len(excerpt) <= 600


def test_word_count_counts_cjk_characters() -> None:
    from colonnade.extract.body import count_words

    assert count_words("Radwege für alle, sagt der Bürgermeister.") == 6
    assert count_words("航天合作 論壇") == 6
