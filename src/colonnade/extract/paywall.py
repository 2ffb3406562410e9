"""Is the article behind a paywall, and does the extracted text visibly stop short?

`paywalled` comes from what the publisher declares (schema.org isAccessibleForFree=false, the
content-tier meta tag) and from paywall markup around the article. `truncated` is about the text
we got: it ends in an ellipsis, or ends with a "subscribe to continue" prompt (the prompt itself
is removed from the text).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.html import HtmlElement

from colonnade.extract.body import Block
from colonnade.extract.jsonld import JsonLdArticle
from colonnade.extract.metadata import PageMeta
from colonnade.extract.strings import marked_elements

_PAYWALL_MARKER = re.compile(
    r"(?:^|[\s_-])(?:pay-?wall(?:ed)?|reg-?wall|paid-?content|premium-?(?:content|article|lock)|"
    r"subscriber-?only|subscribers-?only|locked-?(?:content|article)|content-?locked|"
    r"article-?locked|metered-?content|abo-?(?:wall|teaser|only)|plus-?(?:wall|paywall))"
    r"(?:$|[\s_-])",
    re.I,
)
# Elements that may carry a paywall class, preselected in C; _PAYWALL_MARKER decides.
_LOCKED_TIERS = frozenset({"locked", "premium", "subscriber", "subscription", "paid"})
# "metered": readable until the monthly allowance runs out, which we cannot know; not paywalled.
_OPEN_TIERS = frozenset({"free", "metered"})
_MAX_PROMPT_CHARS = 1500
_SUBSCRIPTION_WORDS = re.compile(
    r"subscri|abonn|\babo\b|abonnement|suscri|abbona|assina|\bmembers?\b|sign in|log ?in|"
    r"anmelden|einloggen|se connecter|weiterlesen|czytaj dalej|subskryb|会員|購読|구독",
    re.I,
)

# Prompts that replace the rest of an article for non-subscribers, in several languages.
SUBSCRIBE_PROMPT = re.compile(
    r"subscribe (?:now )?to (?:continue|keep) reading|to continue reading|continue reading (?:with|"
    r"for)|subscribe to read|this (?:article|story|content) is (?:only )?(?:for|available to|"
    r"reserved for|exclusive to) (?:paying )?subscribers|already a subscriber\?|"
    r"subscribers only|become a (?:member|subscriber) to (?:read|continue)|"
    r"(?:jetzt )?weiterlesen mit|lesen sie (?:jetzt )?(?:weiter|den ganzen artikel) mit|"
    r"dieser (?:artikel|beitrag|inhalt) ist (?:nur )?(?:für|exklusiv für) "
    r"(?:abonnenten|abonnentinnen|abonnierende)|exklusiv für abonnenten|mit einem abo weiterlesen|"
    r"réservée? aux abonnés|la suite est réservée|il vous reste \d+\s?% de l.article|"
    r"abonnez-vous pour lire|"
    r"(?:contenido|artículo|noticia)(?: es)? exclusiv[oa] para (?:suscriptores|abonados)|"
    r"suscríbete para (?:seguir leyendo|continuar)|"
    r"riservato agli abbonati|per continuare a leggere|"
    r"exclusivo para assinantes|assine para continuar",
    re.I,
)
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*[\"'”’»]?\s*$")
_PROMPT_TAIL_BLOCKS = 3


def is_paywalled(tree: HtmlElement, jsonld: JsonLdArticle, meta: PageMeta) -> bool:
    """What the publisher declares wins; paywall markup is only the fallback.

    Google's paywall markup asks publishers to wrap the *paid text itself* in a "paywall" class,
    and many do so on free and metered articles too, so a paywall class around long text proves
    nothing. Only a paywall element holding a subscription prompt counts.
    """
    if jsonld.accessible_for_free is False:
        return True
    if any(v.strip().lower() == "false" for v in meta.all("isaccessibleforfree")):
        return True
    tiers = {v.strip().lower() for v in meta.all("article:content_tier", "content_tier")}
    if tiers & _LOCKED_TIERS:
        return True
    if tiers & _OPEN_TIERS:
        return False
    return _has_paywall_prompt(tree)


def _has_paywall_prompt(tree: HtmlElement) -> bool:
    body = tree.find(".//body")
    if body is None:
        return False
    for element in marked_elements(body, _is_paywall_marker):
        if element.tag in ("script", "style", "body"):
            continue
        text = " ".join(element.text_content().split())
        if len(text) <= _MAX_PROMPT_CHARS and (
            SUBSCRIBE_PROMPT.search(text) or _SUBSCRIPTION_WORDS.search(text)
        ):
            return True
    return False


@lru_cache(maxsize=8192)
def _is_paywall_marker(marker: str) -> bool:
    return bool(_PAYWALL_MARKER.search(marker))


def strip_prompts(blocks: list[Block]) -> tuple[list[Block], bool]:
    """Drop subscribe prompts from the last blocks; report whether the text was cut short."""
    truncated = False
    kept = list(blocks)
    for _ in range(_PROMPT_TAIL_BLOCKS):
        if kept and len(kept[-1].text) < 400 and SUBSCRIBE_PROMPT.search(kept[-1].text):
            kept.pop()
            truncated = True
    if kept and kept[-1].kind in ("p", "quote") and _ELLIPSIS_END.search(kept[-1].text):
        truncated = True
    return kept, truncated


def page_has_prompt(tree: HtmlElement) -> bool:
    """A subscribe prompt anywhere in the page's visible text (outside scripts and styles)."""
    body = tree.find(".//body")
    if body is None:
        return False
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "noscript"):
            continue
        for piece in (element.text, element.tail):
            if piece and len(piece) > 12 and SUBSCRIBE_PROMPT.search(piece):
                return True
    return False
