"""Main-text rules added on top of trafilatura: hidden elements, teaser links, other articles,
split articles, agreement with a second opinion, trailing credits and the printed standfirst."""

from __future__ import annotations

import lxml.html

from colonnade.extract import extract
from colonnade.extract.body import Block
from colonnade.extract.clean import remove_boilerplate, remove_other_articles
from colonnade.extract.continuation import continue_article, index_paragraphs
from colonnade.extract.merge import merge
from colonnade.extract.trailer import drop_trailer

from .conftest import ENGLISH_PARAGRAPHS

URL = "https://example.com/news/2026/01/09/cycle-lanes"

MORE = [
    "Shop owners in the old town said they would watch the first months closely and ask the "
    "council to review the plan if their takings fell, as some feared they would after the works.",
    "Parents' groups welcomed the decision and said they would organise rides to school on the "
    "new lanes during the first week, to show children and drivers how the routes should be used.",
    "The transport committee will publish a timetable for the works in March, with the first "
    "streets to be closed for two weeks each while the kerbs are rebuilt and the lanes painted.",
]


def test_hidden_elements_do_not_reach_the_text(page) -> None:
    hidden = (
        '<div style="display:none" itemscope><span itemprop="datePublished">2026-01-09T08:57'
        '</span><div itemprop="keywords">cycling, council, city hall</div></div>'
        "<p hidden>Template text for a dialog that scripts open later.</p>"
    )
    text = extract(page(after=hidden), URL).text
    assert "2026-01-09T08:57" not in text
    assert "cycling, council" not in text
    assert "Template text" not in text
    assert text.endswith("local conditions differ a great deal.")


def test_react_streamed_hidden_parts_are_kept() -> None:
    html = (
        "<html><body><main><h1>Council votes</h1></main>"
        f'<div hidden id="S:1">{"".join(f"<p>{p}</p>" for p in ENGLISH_PARAGRAPHS)}</div>'
        "</body></html>"
    )
    tree = lxml.html.document_fromstring(html)
    assert remove_boilerplate(tree) == 0
    assert "The city council voted" in extract(html, URL).text


def test_teaser_links_go_but_links_in_running_text_stay(page) -> None:
    teasers = (
        '<p>Read more: <a href="/news/2026/01/08/parking">Mayor faces questions over parking '
        "revenue</a></p>"
        '<ul><li><a href="/a">Bus lanes to open in March on three routes</a></li>'
        '<li><a href="/b">Ten things to know about the new tram line</a></li></ul>'
    )
    linked = (
        'The plan follows a <a href="/report">report by the transport agency</a> that counted '
        "twice as many cyclists on the main roads as five years ago, most of them commuters."
    )
    text = extract(
        page(paragraphs=[*ENGLISH_PARAGRAPHS[:2], linked, *ENGLISH_PARAGRAPHS[2:]], after=teasers),
        URL,
    ).text
    assert "parking revenue" not in text
    assert "Bus lanes" not in text
    assert "report by the transport agency" in text


def test_jump_mark_headings_are_not_teasers() -> None:
    tree = lxml.html.document_fromstring(
        '<html><body><div><h2><a name="part1">What the council decided</a></h2>'
        '<h3><a href="#part2">Next steps</a></h3></div></body></html>'
    )
    assert remove_boilerplate(tree) == 0


def test_the_next_article_of_an_infinite_scroll_page_is_removed(page) -> None:
    second = (
        "</article><article><h1>Stadium plans approved after long debate</h1>"
        + "".join(f"<p>{p.replace('cycle', 'stadium')}</p>" for p in MORE)
        + "</article><article>"
    )
    text = extract(page(after=second), URL).text
    assert "kerbs are rebuilt" not in text
    assert text.startswith("The city council voted")


def test_other_articles_stay_when_the_title_is_nowhere_in_a_heading() -> None:
    tree = lxml.html.document_fromstring(
        "<html><body><article><h1>One story</h1><p>Text.</p></article>"
        "<article><h1>Another story</h1><p>More text.</p></article></body></html>"
    )
    assert remove_other_articles(tree, "A headline printed nowhere") == 0


def test_teaser_cards_inside_the_article_are_removed(page) -> None:
    cards = "".join(
        f'<article class="card"><img src="/i{i}.jpg"><p>{p}</p></article>'
        for i, p in enumerate(MORE)
    )
    text = extract(page(after=cards), URL).text
    assert "Shop owners" not in text
    assert "transport committee" not in text
    assert text.endswith("local conditions differ a great deal.")


def _split_page() -> lxml.html.HtmlElement:
    chunks = [ENGLISH_PARAGRAPHS, MORE[:2], [*MORE[2:], "A second paragraph in the last chunk."]]
    body = '<div class="ad-slot"><iframe src="/ad"></iframe></div>'.join(
        '<div class="grid"><div class="body__inner">'
        + "".join(f"<p>{p}</p>" for p in chunk)
        + "</div></div>"
        for chunk in chunks
    )
    return lxml.html.document_fromstring(
        f"<html><body><article><h1>Council votes</h1><div class='chunks'>{body}</div>"
        "<aside><p>A caption.</p><p>Another caption.</p></aside></article></body></html>"
    )


def test_an_article_split_over_sibling_containers_is_put_back_together() -> None:
    tree = _split_page()
    # What trafilatura returns on such pages: the first chunk only.
    first_chunk = [Block("p", p) for p in ENGLISH_PARAGRAPHS]
    blocks = continue_article(first_chunk, index_paragraphs(tree))
    texts = [b.text for b in blocks]
    assert texts[:4] == ENGLISH_PARAGRAPHS
    assert texts[4:6] == MORE[:2]
    assert texts[6] == MORE[2]
    assert "A caption." not in texts  # another template, not a chunk of the article


def test_paragraphs_left_out_between_kept_ones_stay_out() -> None:
    tree = _split_page()
    kept = [Block("p", ENGLISH_PARAGRAPHS[0]), Block("p", ENGLISH_PARAGRAPHS[3])]
    texts = [b.text for b in continue_article(kept, index_paragraphs(tree))]
    assert ENGLISH_PARAGRAPHS[1] not in texts  # trafilatura dropped it on purpose
    assert MORE[0] in texts


def test_trailing_blocks_only_the_first_extractor_kept_are_dropped() -> None:
    first = [Block("p", p) for p in ENGLISH_PARAGRAPHS] + [
        Block("p", "Jane Doe writes about cities and transport for the Daily Planet.")
    ]
    second = [("p", p) for p in ENGLISH_PARAGRAPHS]
    assert merge(first, second) == first[:-1]


def test_no_trimming_when_the_two_extractors_disagree() -> None:
    first = [Block("p", p) for p in ENGLISH_PARAGRAPHS]
    second = [("p", MORE[0]), ("p", ENGLISH_PARAGRAPHS[0])]
    assert merge(first, second) == first


def test_jsonld_article_body_trims_what_it_does_not_hold(page) -> None:
    jsonld = {"@type": "NewsArticle", "articleBody": "\n".join(ENGLISH_PARAGRAPHS)}
    after = "<p>Our reporters travel at the invitation of the cycling federation of Europe.</p>"
    text = extract(page(jsonld=jsonld, after=after), URL).text
    assert "cycling federation" not in text
    assert text.endswith("local conditions differ a great deal.")


def test_credits_copyright_and_prompts_at_the_end_are_dropped() -> None:
    blocks = [Block("p", p) for p in ENGLISH_PARAGRAPHS] + [
        Block("p", "Reporting by Jane Doe; Editing by John Smith"),
        Block("p", "© 2026 The Daily Planet. All rights reserved."),
        Block("p", "(dpa)"),
    ]
    assert drop_trailer(blocks) == blocks[:4]


def test_credit_words_inside_the_article_are_text() -> None:
    blocks = [
        Block("p", "Reporting by local papers was thin, the council said."),
        *[Block("p", p) for p in ENGLISH_PARAGRAPHS],
    ]
    assert drop_trailer(blocks) == blocks


def test_photo_credits_and_read_more_teasers_are_dropped_anywhere() -> None:
    blocks = [
        Block("p", ENGLISH_PARAGRAPHS[0]),
        Block("p", "Photo: AFP"),
        Block("p", "Read more: Mayor faces questions over parking revenue"),
        Block("head", "Auch interessant"),
        Block("list", "Bus lanes to open in March\nTram line delayed again"),
        Block("p", ENGLISH_PARAGRAPHS[1]),
    ]
    assert drop_trailer(blocks) == [blocks[0], blocks[-1]]


def test_the_printed_standfirst_opens_the_text(page) -> None:
    lead = (
        "The council backs protected lanes across the centre. Shops fear for their customers, "
        "parents welcome safer rides to school."
    )
    head = f'<meta name="description" content="{lead}">'
    html = page(head=head).replace(
        "<main>", f'<main><div class="standfirst"><span>{lead}</span></div>'
    )
    text = extract(html, URL).text
    assert text.startswith(lead)
    assert text.count("Shops fear for their customers") == 1


def test_a_description_not_printed_in_the_page_is_not_added(page) -> None:
    head = (
        '<meta name="description" content="Everything you need to know about the vote on the '
        'cycle lanes, explained by our city desk.">'
    )
    assert extract(page(head=head), URL).text.startswith("The city council voted")


def test_a_page_flattened_into_one_block_is_split_into_readabilitys_paragraphs() -> None:
    page = " ".join(["Home News Sport Weather", *ENGLISH_PARAGRAPHS, "Top stories: more news"])
    second = [("p", p) for p in ENGLISH_PARAGRAPHS]
    assert [b.text for b in merge([Block("p", page)], second)] == ENGLISH_PARAGRAPHS


def test_reading_time_above_the_text_is_dropped(page) -> None:
    text = extract(page(before="<p>Reading time: 3 minutes</p>"), URL).text
    assert "Reading time" not in text
    assert text.startswith("The city council voted")
