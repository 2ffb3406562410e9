"""Extraction evaluation: score extractors on pages with gold annotations.

`datasets` reads the benchmark pages, `peers` wraps each extractor, `runner` runs them in worker
processes under a deadline and without network, `scoring` compares outputs with the gold,
`harness` sums the scores up per extractor, `report` renders tables, `baseline` keeps the floors
our extractor must stay above, and `command` is the command-line entry point.
"""

from colonnade.evaluation.datasets import DATASETS, Case, Gold, load
from colonnade.evaluation.harness import PageResult, Summary, evaluate

__all__ = ["DATASETS", "Case", "Gold", "PageResult", "Summary", "evaluate", "load"]
