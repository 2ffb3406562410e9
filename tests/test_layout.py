"""The package's layout rules that a reader relies on: every module says what it holds in its
first line, and all SQL stays in colonnade.store."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "colonnade"
MODULES = sorted(PACKAGE.rglob("*.py"))
# What only the store may use: SQLAlchemy and the database drivers.
_DATABASE_IMPORT = re.compile(r"^\s*(?:from|import)\s+(sqlalchemy|psycopg|sqlite3)\b", re.M)


def test_every_module_opens_with_a_line_saying_what_it_holds() -> None:
    missing = []
    for path in MODULES:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        first = (doc or "").strip().splitlines()[0] if doc and doc.strip() else ""
        if len(first) < 10:
            missing.append(str(path.relative_to(PACKAGE)))
    assert not missing, f"modules without a first docstring line: {missing}"


def test_only_the_store_talks_to_the_database() -> None:
    outside = [
        str(path.relative_to(PACKAGE))
        for path in MODULES
        if "store" not in path.relative_to(PACKAGE).parts[:1]
        and _DATABASE_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert not outside, f"database code outside colonnade.store: {outside}"
