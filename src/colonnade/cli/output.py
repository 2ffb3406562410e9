"""A command's --output file: written to a temporary file beside it and renamed into place only
when complete, so a failed run never leaves half a file; a place that cannot be written (a
folder that does not exist, /proc, a full disk) is a one-line error, not a traceback."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

from colonnade.errors import ConfigError

T = TypeVar("T")


def write_output(path: Path, write: Callable[[IO[str]], T]) -> T:
    """`write(file)` into `path` (UTF-8, newlines as written) and what it returned."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.resolve().parent)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            result = write(out)
        os.replace(tmp, path)
    except BaseException as exc:
        os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise
    return result


def _cannot_write(path: Path, exc: OSError) -> ConfigError:
    return ConfigError(f"cannot write {path}: {exc.strerror or exc}")
