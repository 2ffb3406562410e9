"""`paywalled` from declarations and prompts; `truncated` when the text visibly stops."""

from __future__ import annotations

from colonnade.extract import extract

URL = "https://example.com/opinion/2026/01/09/cycle-lanes"
LEAD = [
    "The city council voted on Tuesday to expand the network of protected cycle lanes, a "
    "decision that supporters say will make the streets safer for children who ride to school.",
    "Opponents argued that the plan would remove hundreds of parking spaces from the centre and "
    "hurt the small shops that depend on customers who arrive by car from the towns around...",
]


def test_free_article_is_neither_paywalled_nor_truncated(page) -> None:
    article = extract(page(), URL)
    assert article.paywalled is False
    assert article.truncated is False


def test_jsonld_is_accessible_for_free_false(page) -> None:
    jsonld = {"@type": "NewsArticle", "headline": "x", "isAccessibleForFree": False}
    assert extract(page(jsonld=jsonld), URL).paywalled is True


def test_is_accessible_for_free_as_a_string_and_on_a_part(page) -> None:
    as_string = {"@type": "NewsArticle", "headline": "x", "isAccessibleForFree": "False"}
    assert extract(page(jsonld=as_string), URL).paywalled is True
    on_part = {
        "@type": "NewsArticle",
        "headline": "x",
        "isAccessibleForFree": True,
        "hasPart": {
            "@type": "WebPageElement",
            "isAccessibleForFree": False,
            "cssSelector": ".paid",
        },
    }
    assert extract(page(jsonld=on_part), URL).paywalled is True


def test_locked_content_tier(page) -> None:
    head = '<meta property="article:content_tier" content="locked">'
    assert extract(page(head=head), URL).paywalled is True


def test_free_content_tier_overrides_paywall_classes(page) -> None:
    # Google's markup wraps served text in a "paywall" class even on free articles.
    head = '<meta property="article:content_tier" content="free">'
    after = '<div class="paywall"><p>Subscribe to read more of our journalism.</p></div>'
    assert extract(page(head=head, after=after), URL).paywalled is False


def test_paywall_prompt_markup_with_subscription_wording(page) -> None:
    after = (
        '<div id="paywall-prompt" class="c-paywall">Subscribe now to keep reading. '
        "Already a subscriber? Log in.</div>"
    )
    assert extract(page(after=after), URL).paywalled is True


def test_paywall_class_around_long_article_text_is_not_a_prompt(page) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in LEAD * 4)
    after = f'<div class="paywall">{paragraphs}</div>'
    assert extract(page(after=after), URL).paywalled is False


def test_empty_paywall_placeholder_is_ignored(page) -> None:
    after = '<div class="paywall"></div><div class="regwall-container"> </div>'
    assert extract(page(after=after), URL).paywalled is False


def test_text_ending_in_an_ellipsis_is_truncated(page) -> None:
    article = extract(page(paragraphs=LEAD), URL)
    assert article.truncated is True


def test_subscribe_prompt_at_the_end_is_removed_and_marks_truncation(page) -> None:
    paragraphs = [*LEAD[:1], LEAD[1].replace("...", "."), "Subscribe to continue reading."]
    article = extract(page(paragraphs=paragraphs), URL)
    assert article.truncated is True
    assert "Subscribe" not in article.text
    assert article.text.endswith("towns around.")


def test_prompts_in_other_languages(page) -> None:
    for prompt in (
        "Dieser Artikel ist nur für Abonnenten verfügbar.",
        "La suite est réservée aux abonnés.",
        "Este contenido es exclusivo para suscriptores.",
        "This article is for subscribers only.",
    ):
        paragraphs = [*LEAD[:1], LEAD[1].replace("...", "."), prompt]
        article = extract(page(paragraphs=paragraphs), URL)
        assert article.truncated is True, prompt
        assert prompt not in article.text


def test_paywalled_short_text_with_a_prompt_on_the_page_is_truncated(page) -> None:
    jsonld = {"@type": "NewsArticle", "headline": "x", "isAccessibleForFree": False}
    paragraphs = [LEAD[0], LEAD[1].replace("...", ".")]
    after = '<aside class="offer"><p>This article is for subscribers only.</p></aside>'
    article = extract(page(jsonld=jsonld, paragraphs=paragraphs, after=after), URL)
    assert article.paywalled is True
    assert article.truncated is True


def test_paywalled_full_text_is_not_truncated(page) -> None:
    # Metered sites serve the whole text and hide it with scripts: the text is complete.
    jsonld = {"@type": "NewsArticle", "headline": "x", "isAccessibleForFree": False}
    paragraphs = [LEAD[0], LEAD[1].replace("...", ".")] * 10
    paragraphs = [f"{p} ({i})" for i, p in enumerate(paragraphs)]
    after = '<aside class="offer"><p>This article is for subscribers only.</p></aside>'
    article = extract(page(jsonld=jsonld, paragraphs=paragraphs, after=after), URL)
    assert article.paywalled is True
    assert article.truncated is False
