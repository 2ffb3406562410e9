#!/usr/bin/env python3
"""Score Colonnade's extractor and its peers on the shared benchmark pages.

    .venv/bin/python benchmarks/extraction.py --dataset all --markdown eval.md
    .venv/bin/python benchmarks/extraction.py --extractors colonnade --check-baseline
    .venv/bin/python benchmarks/extraction.py --extractors colonnade --update-baseline
    (add --allow-lower only when a floor is meant to go down)

See docs/extraction-eval.md for the data sets, the scoring and the current figures.
"""

import sys

from colonnade.evaluation.command import main

if __name__ == "__main__":
    sys.exit(main())
