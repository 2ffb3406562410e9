"""Runs extractors on pages in worker processes, each page under a deadline, with no network.

Why processes and not threads: a peer library can hang (here a DNS look-up hangs instead of
failing), loop forever on a pathological page, or take the interpreter down. A worker past its
deadline is killed and replaced; the page counts as a crash with empty output, and the run goes
on. Inside each worker the socket module refuses every address but loopback, so no peer can
reach the network even when it tries (image fetching, meta refresh, read-more links).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import socket
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

from colonnade.evaluation.peers import EXTRACTORS, Extraction, Extractor, resolve

if TYPE_CHECKING:
    import _socket  # socket.socket's methods are typed on its C base class

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0
_SOCKET_TIMEOUT = 2.0

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class Task:
    """One page for one extractor. `extractor` is a registered name or a picklable callable."""

    key: Any  # handed back unchanged in the Outcome, so callers can match results to pages
    extractor: str | Extractor
    html: bytes
    url: str | None


@dataclass(frozen=True, slots=True)
class Outcome:
    key: Any
    extraction: Extraction | None  # None when the extractor crashed or ran out of time
    seconds: float
    error: str | None = None
    timed_out: bool = False

    @property
    def crashed(self) -> bool:
        return self.extraction is None


def _is_loopback(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", errors="replace")
    if not isinstance(host, str):
        return False
    host = host.strip("[]").lower()
    return host in ("localhost", "::1") or host.startswith("127.")


def block_network() -> None:
    """Make the socket module refuse every non-loopback name look-up and connection."""
    socket.setdefaulttimeout(_SOCKET_TIMEOUT)
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not _is_loopback(host):
            raise socket.gaierror(socket.EAI_NONAME, f"network blocked in evaluation: {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host: str) -> str:
        if not _is_loopback(host):
            raise socket.gaierror(socket.EAI_NONAME, f"network blocked in evaluation: {host}")
        return "127.0.0.1"

    def _check(sock: _socket.socket, address: Any) -> None:
        inet = sock.family in (socket.AF_INET, socket.AF_INET6)
        if inet and not _is_loopback(address[0]):
            raise ConnectionRefusedError(f"network blocked in evaluation: {address[0]}")

    def connect(self: _socket.socket, address: Any) -> None:
        _check(self, address)
        real_connect(self, address)

    def connect_ex(self: _socket.socket, address: Any) -> int:
        _check(self, address)
        return real_connect_ex(self, address)

    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname
    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]


def describe(exc: BaseException) -> str:
    """The exception's type and first meaningful line (nltk, for one, opens with a banner)."""
    lines = (line.strip(" *\t") for line in str(exc).splitlines())
    first = next((line for line in lines if line), "")
    return f"{type(exc).__name__}: {first[:300]}"


def _warm(extractor: str | Extractor) -> Extractor:
    """Resolve an extractor and import its library, so the import is not timed as page work."""
    if not isinstance(extractor, str):
        return extractor
    fn = resolve(extractor)
    importlib.import_module(EXTRACTORS[extractor][1])
    return fn


def _serve(conn: Connection, clock: Clock = time.perf_counter) -> None:
    """Worker main loop: receive a task, run it, send back (extraction, seconds, error).

    `seconds` is `clock` read just before and just after the extractor call, so resolving and
    importing the extractor is not counted as page work.
    """
    block_network()
    # Peers log and warn loudly on odd pages; the outcome already says what went wrong.
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        extraction: Extraction | None = None
        error: str | None = None
        started = clock()
        try:
            fn = _warm(task.extractor)
            started = clock()
            extraction = fn(task.html, task.url)
        except Exception as exc:  # a peer's failure is a data point, not our failure
            error = describe(exc)
        conn.send((extraction, clock() - started, error))


def _context() -> Any:
    # fork starts a worker in milliseconds and lets tests hand over locally defined callables.
    # The child uses nothing of the parent's but its pipe, so a lock that another parent thread
    # (Rich's progress refresher) held at the fork cannot block it.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


class _Worker:
    def __init__(self, clock: Clock = time.perf_counter) -> None:
        ctx = _context()
        self.conn, child = ctx.Pipe()
        self.clock = clock
        self.process = ctx.Process(target=_serve, args=(child, clock), daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.deadline = 0.0
        self.started = 0.0

    def give(self, task: Task, timeout: float) -> None:
        self.task = task
        self.started = time.monotonic()
        self.deadline = self.started + timeout
        self.conn.send(task)

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):  # the worker may be gone already
            self.conn.send(None)
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def run(
    tasks: Iterable[Task],
    *,
    jobs: int = 1,
    timeout: float = DEFAULT_TIMEOUT,
    clock: Clock = time.perf_counter,
) -> Iterator[Outcome]:
    """Run every task on `jobs` worker processes and yield outcomes as they finish.

    Outcomes come in completion order, not task order; match them by `Task.key`. Workers time
    each extractor call with `clock` (a picklable function; tests pass a fake one). Deadlines
    always run on the real monotonic clock: only real time can stop a hanging extractor.
    """
    pending = iter(tasks)  # consumed lazily: each task carries a whole page
    workers = [_Worker(clock) for _ in range(max(1, jobs))]
    exhausted = False
    try:
        while True:
            for worker in workers:
                if worker.task is None and not exhausted:
                    task = next(pending, None)
                    if task is None:
                        exhausted = True
                    else:
                        worker.give(task, timeout)
            if exhausted and all(w.task is None for w in workers):
                break
            busy = [w for w in workers if w.task is not None]
            wait_for = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = set(wait([w.conn for w in busy], timeout=wait_for))
            for index, worker in enumerate(workers):
                task = worker.task
                if task is None:
                    continue
                outcome: Outcome | None = None
                if worker.conn in ready:
                    try:
                        extraction, seconds, error = worker.conn.recv()
                        outcome = Outcome(task.key, extraction, seconds, error)
                    except (EOFError, OSError):
                        worker.process.join(timeout=1)
                        code = worker.process.exitcode
                        outcome = Outcome(
                            task.key,
                            None,
                            time.monotonic() - worker.started,
                            f"worker died (exit code {code})",
                        )
                        workers[index] = _replace(worker)
                elif time.monotonic() >= worker.deadline:
                    outcome = Outcome(task.key, None, timeout, "timeout", timed_out=True)
                    workers[index] = _replace(worker)
                if outcome is not None:
                    worker.task = None
                    yield outcome
    finally:
        for worker in workers:
            if worker.task is not None:
                worker.kill()
            else:
                worker.stop()


def _replace(worker: _Worker) -> _Worker:
    logger.debug("replacing worker %s", worker.process.pid)
    worker.kill()
    return _Worker(worker.clock)


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
