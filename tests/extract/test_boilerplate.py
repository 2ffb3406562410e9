"""Page furniture never reaches `text`, and the article container is never thrown away."""

from __future__ import annotations

import lxml.html

from colonnade.extract import extract
from colonnade.extract.clean import is_boilerplate_marker, remove_boilerplate

URL = "https://example.com/news/2026/01/09/cycle-lanes"

FURNITURE = {
    "cookie": '<div class="cookie-banner"><p>We use cookies to improve your experience on our '
    "site. By continuing you accept our cookie policy and our partners' use of data.</p>"
    "<button>Accept all</button></div>",
    "consent": '<div id="gdpr-consent"><p>Your privacy choices: we and our 842 partners store '
    "and access information on your device for personalised advertising.</p></div>",
    "newsletter": '<section class="newsletterSignup"><h3>Get the morning briefing</h3><p>Sign up '
    "for our free newsletter and receive the most important stories every morning.</p>"
    "<form><input type=email></form></section>",
    "share": '<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on '
    "X</a> <span>1,204 shares</span></div>",
    "related": '<aside class="related-articles"><h3>Read more</h3><ul><li><a href="/a">Mayor '
    'faces questions over parking revenue in the city centre</a></li><li><a href="/b">Cyclists '
    "demand more bike parking near the central station</a></li></ul></aside>",
    "comments": '<section id="comments"><h3>Comments (12)</h3><div class="comment"><p>Great '
    "article, I totally agree with the council on this one, finally some progress!</p></div>"
    '<div class="comment"><p>Nonsense, the shops will close and the city centre will die.</p>'
    "</div></section>",
}
LEAKS = [
    "cookies",
    "privacy choices",
    "morning briefing",
    "newsletter",
    "Share on",
    "shares",
    "Read more",
    "parking revenue",
    "Great article",
    "Nonsense",
]


def test_furniture_inside_the_article_is_excluded(page) -> None:
    furniture = "".join(FURNITURE.values())
    article = extract(page(before=FURNITURE["share"], after=furniture), URL)
    for leak in LEAKS:
        assert leak not in article.text, leak
    assert article.text.startswith("The city council voted")
    assert article.text.endswith("local conditions differ a great deal.")


def test_furniture_outside_the_article_is_excluded(page) -> None:
    html = page().replace("<main>", "<main>" + "".join(FURNITURE.values()))
    article = extract(html, URL)
    for leak in LEAKS:
        assert leak not in article.text, leak


def test_menus_and_footer_are_excluded(page) -> None:
    article = extract(page(), URL)
    assert "Home" not in article.text
    assert "Copyright" not in article.text


def test_article_container_with_a_boilerplate_word_in_its_class_is_kept(page) -> None:
    html = page().replace(
        "<article>", '<div class="article-body has-comments social-enabled"><article>'
    )
    html = html.replace("</article>", "</article></div>")
    article = extract(html, URL)
    assert article.text.startswith("The city council voted")
    assert "local conditions differ" in article.text


def test_paragraphs_are_separated_by_blank_lines(page) -> None:
    article = extract(page(), URL)
    assert article.text.count("\n\n") == 3
    assert "\n\n\n" not in article.text


def test_markers_match_whole_words_only() -> None:
    assert is_boilerplate_marker("share-bar")
    assert is_boilerplate_marker("c-newsletter__box")
    assert is_boilerplate_marker("relatedArticles")
    assert is_boilerplate_marker("js-cookie-consent")
    assert not is_boilerplate_marker("article-body")
    assert not is_boilerplate_marker("shareholders-report")  # "share" only as a whole word
    assert not is_boilerplate_marker("socialism-explained")
    assert not is_boilerplate_marker("shareholders socialism")
    assert is_boilerplate_marker("sharebar socialicons")


def test_remove_boilerplate_keeps_tail_text() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><div><p>Kept before.</p><span class='share'>Share</span> kept tail."
        "</div></body></html>"
    )
    assert remove_boilerplate(tree) == 1
    assert tree.text_content() == "Kept before. kept tail."


def test_a_repeated_pull_quote_appears_once_but_short_repeats_stay(page) -> None:
    quote = (
        "We are not against cars, we are for the children who want to ride to school safely "
        "every morning, and that is what this vote is about."
    )
    paragraphs = [
        "What did the council decide?",
        quote,
        "What happens next?",
        f"<blockquote>{quote}</blockquote>",
        "What did the council decide?",
        "It voted for the plan by a large majority, after a debate that lasted six hours.",
    ]
    html = page(paragraphs=paragraphs).replace(
        f"<p><blockquote>{quote}</blockquote></p>", f"<blockquote>{quote}</blockquote>"
    )
    text = extract(html, URL).text
    assert text.count(quote) == 1
    assert text.count("What did the council decide?") == 2
