"""Small hand-written pages for the extraction tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

# Real sentences (not lorem ipsum) so that the language detector and the main-text extractor
# behave as they do on real articles.
ENGLISH_PARAGRAPHS = [
    "The city council voted on Tuesday to expand the network of protected cycle lanes, a decision "
    "that supporters say will make the streets safer for children who ride to school every day.",
    "Opponents argued that the plan would remove hundreds of parking spaces from the centre and "
    "hurt the small shops that depend on customers who arrive by car from the surrounding towns.",
    "The mayor said the council had listened carefully to both sides and that the first lanes "
    "would open next spring, after a consultation with residents and shop owners in each district.",
    "Similar schemes in other European cities have reduced traffic injuries, according to a study "
    "published last year, although the authors warned that local conditions differ a great deal.",
]


def article_html(
    *,
    title: str = "Council votes to expand cycle lanes",
    head: str = "",
    before: str = "",
    after: str = "",
    paragraphs: list[str] | None = None,
    lang: str | None = "en",
    jsonld: dict[str, Any] | list[Any] | None = None,
    body_attrs: str = "",
) -> str:
    """A complete article page; `before`/`after` go around the paragraphs inside <article>."""
    paras = "\n".join(f"<p>{p}</p>" for p in (paragraphs or ENGLISH_PARAGRAPHS))
    script = f'<script type="application/ld+json">{json.dumps(jsonld)}</script>' if jsonld else ""
    lang_attr = f' lang="{lang}"' if lang else ""
    return f"""<!DOCTYPE html>
<html{lang_attr}><head><meta charset="utf-8"><title>{title}</title>{head}{script}</head>
<body{body_attrs}>
<header><nav><a href="/">Home</a> <a href="/news/">News</a> <a href="/opinion/">Opinion</a>
</nav></header>
<main><article>
<h1>{title}</h1>
{before}
{paras}
{after}
</article></main>
<footer><p>Copyright 2026 The Daily Planet. All rights reserved.</p></footer>
</body></html>"""


@pytest.fixture
def page() -> Callable[..., str]:
    return article_html
