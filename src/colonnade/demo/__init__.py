"""A generated, clearly fictional web of opinion publications served on 127.0.0.1.

    spec = build_web()                      # the hand-made set: 6 publications, 4 languages
    bulk = build_web(publications=50, articles_per_publication=40)   # 2,000 articles
    with DemoServer(spec) as server:
        for name, homepage, country, language, feed in server.publications: ...
        server.expected                     # what a correct crawl should record
        server.add_articles(2)              # publish more while running

Used by `colonnade demo`, the pipeline's end-to-end tests and benchmarks/ingest.py.
"""

from __future__ import annotations

from colonnade.demo.build import DEFAULT_ANCHOR, build_web
from colonnade.demo.server import DemoServer, RequestRecord, ServedPublication
from colonnade.demo.spec import DemoArticle, DemoPublication, DemoSpec, DemoWeb, ExpectedArticle

__all__ = [
    "DEFAULT_ANCHOR",
    "DemoArticle",
    "DemoPublication",
    "DemoServer",
    "DemoSpec",
    "DemoWeb",
    "ExpectedArticle",
    "RequestRecord",
    "ServedPublication",
    "build_web",
]
