"""Extraction off the event loop, in worker processes, surviving what a page can do to them.

Each worker is a process of its own, fed one page at a time through a pipe by one thread of
the parent; that thread also keeps the page's deadline. What a page can do costs that page:

- an extractor bug (an unexpected exception) is logged, and the page fails with ExtractError;
- a page that takes longer than `extract_timeout` gets its worker killed (a thread cannot be
  interrupted, a process can): it fails with ExtractTimeout and is not tried again;
- a page that needs more than `extract_memory_mb` gets a MemoryError in its worker (limits.py)
  and fails with OverMemoryBudget; the worker, its heap now fragmented, is replaced;
- a page during which the worker dies (a crash in a C library, the kernel's out-of-memory
  killer) fails with WorkerDied, which the crawl tries again later.

Pages in the other workers go on meanwhile; a dead or killed worker is replaced when its slot
is next needed. Workers start with the first pages (no page waits for a whole process to start
after that) and die with the crawl, even one killed with SIGKILL (limits.py).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any, NamedTuple

from colonnade.config import Settings
from colonnade.crawl.limits import MiB, address_space, cap_address_space, die_with_parent
from colonnade.enrich.syndication import text_keys
from colonnade.errors import ColonnadeError, ExtractError
from colonnade.extract import extract
from colonnade.models import Article

log = logging.getLogger(__name__)

STARTUP_SECONDS = 120.0  # a worker's imports, on a machine busy with other work
STOP_SECONDS = 5.0  # for an idle worker to exit when asked, before it is killed
POLL_SECONDS = 0.25  # how often a waiting thread looks at the clock


# A page long enough for every model the extractor loads lazily (language detection above all).
WARM_UP = (
    "<html><head><title>Warm-up</title><meta name='author' content='Ann Writer'>"
    "<meta property='article:published_time' content='2024-05-01T08:00:00+00:00'></head>"
    "<body><article><h1>Warm-up</h1><p class='byline'>By Ann Writer</p>"
    + "".join(
        f"<p>The council met on day {n} to discuss the bridge it has promised for a decade.</p>"
        for n in range(12)
    )
    + "</article></body></html>"
).encode()
WARM_UP_URL = "https://warm-up.invalid/column"


class Extracted(NamedTuple):
    """What a worker gives back: the article, how long extraction took, and the keys that
    find copies of its text (enrich/syndication.py), made here to spare the writer."""

    article: Article
    ms: float
    copy_keys: list[tuple[int, int]]


ExtractFn = Callable[[bytes, str | None, str, str | None], Extracted]
Clock = Callable[[], float]
Job = tuple[bytes, str | None, str, str | None]
Reply = tuple[str, Any]  # (kind, payload): see `_interpret`


class WorkerDied(ExtractError):
    """The worker process died while this page was in it; worth trying again later."""


class ExtractTimeout(ExtractError):
    """The page's extraction went past the deadline; its worker was killed. Not retried."""


class OverMemoryBudget(ExtractError):
    """The page's extraction needed more memory than a worker may use. Not retried."""


def extract_page(body: bytes, encoding: str | None, url: str, zone: str | None = None) -> Extracted:
    """Runs in a worker: decode with the fetcher's verdict, extract, and time the extraction.
    `zone` is the publication's time zone, for times the page writes without an offset."""
    started = time.perf_counter()
    html: str | bytes = body.decode(encoding, errors="replace") if encoding else body
    article = extract(html, url=url, zone=zone)
    elapsed = (time.perf_counter() - started) * 1000
    return Extracted(article, elapsed, text_keys(article.text or ""))


class ExtractPool:
    """`await pool.extract(...)` from any number of coroutines; `pool.shutdown()` at the end.

    `timeout` (seconds, 0 for none) and `memory_mb` (0 for none) default to the settings;
    `clock` measures the deadline.
    """

    def __init__(
        self,
        settings: Settings,
        fn: ExtractFn = extract_page,
        *,
        timeout: float | None = None,
        memory_mb: int | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        self.fn = fn
        self.size = settings.extract_workers or os.cpu_count() or 1
        self.timeout = settings.extract_timeout if timeout is None else timeout
        self.memory_mb = settings.extract_memory_mb if memory_mb is None else memory_mb
        self.clock = clock
        # spawn: a worker must not inherit the parent's threads (servers, database pools).
        self._context = multiprocessing.get_context("spawn")
        # One thread per worker; pages beyond that wait here, their deadline not yet running.
        self._threads = ThreadPoolExecutor(self.size, thread_name_prefix="colonnade-extract")
        self._slots: queue.SimpleQueue[_Worker | None] = queue.SimpleQueue()
        for _ in range(self.size):
            self._slots.put(None)  # started when first needed
        self._lock = threading.Lock()
        self._live: set[_Worker] = set()
        self._closed = False
        self.started = 0  # worker processes started so far

    async def extract(
        self, body: bytes, encoding: str | None, url: str, zone: str | None = None
    ) -> Extracted:
        loop = asyncio.get_running_loop()
        kind, payload = await loop.run_in_executor(
            self._threads, self._run, (body, encoding, url, zone)
        )
        return self._interpret(kind, payload, url)

    def pids(self) -> list[int]:
        """The worker processes running now."""
        with self._lock:
            return sorted(w.pid for w in self._live)

    def _interpret(self, kind: str, payload: Any, url: str) -> Extracted:
        if kind == "ok":
            return payload
        if kind == "error":  # the extractor's own verdict, such as "no article text found"
            raise payload
        if kind == "bug":
            message, trace = payload
            log.error("extraction failed on %s\n%s", url, trace)
            raise ExtractError(f"extraction failed on {url}: {message}")
        if kind == "memory":
            raise OverMemoryBudget(
                f"extraction went over the memory budget of {self.memory_mb} MB on {url}"
            )
        if kind == "timeout":
            raise ExtractTimeout(f"extraction took longer than {self.timeout:g} s on {url}")
        raise WorkerDied(f"the extraction worker died while {url} was being extracted ({payload})")

    def _run(self, job: Job) -> Reply:
        """In one of our threads: the page through a worker, within its deadline."""
        worker = self._slots.get()  # never waits: there are as many slots as threads
        reply: Reply = ("died", "interrupted")
        retire = True
        try:
            if worker is not None and not worker.alive():  # died idle: not this page's doing
                self._end(worker, kill=True)
                worker = None
            if worker is None:
                worker = self._start()
            reply, retire = worker.run(job, self.timeout, self.clock)
        except _Overtime:
            reply = ("timeout", None)
        except _Dead as dead:
            reply = ("died", str(dead))
        finally:
            if worker is not None and retire:
                # One that overran or died is killed; one that retires is exiting already.
                self._end(worker, kill=reply[0] in ("timeout", "died"))
                worker = None
            self._slots.put(worker)
        return reply

    def _start(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise _Dead("the extraction pool is shut down")
            try:
                worker = _Worker(self._context, self.fn, self.memory_mb)
            except OSError as exc:  # no more processes or memory for one: try the page later
                raise _Dead(f"no worker could be started: {exc}") from None
            self._live.add(worker)
            self.started += 1
        return worker

    def _end(self, worker: _Worker, *, kill: bool) -> None:
        worker.kill() if kill else worker.stop()
        with self._lock:
            self._live.discard(worker)

    def shutdown(self) -> None:
        """Stop every worker: idle ones exit, busy ones are killed (their pages: WorkerDied)."""
        with self._lock:
            self._closed = True
        self._threads.shutdown(wait=False, cancel_futures=True)
        idle: list[_Worker] = []
        while True:
            try:
                worker = self._slots.get_nowait()
            except queue.Empty:
                break
            if worker is not None:
                idle.append(worker)
        with self._lock:
            busy = self._live.difference(idle)
        for worker in busy:  # its thread sees the pipe close, and ends it
            worker.process.kill()
        for worker in idle:
            self._end(worker, kill=False)
        self._threads.shutdown(wait=True)
        with self._lock:
            rest = list(self._live)
        for worker in rest:  # one a thread was still handing back
            self._end(worker, kill=True)


class _Overtime(Exception):
    pass


class _Dead(Exception):
    pass


class _Worker:
    """One worker process and our end of the pipe to it."""

    def __init__(self, context: Any, fn: ExtractFn, memory_mb: int) -> None:
        ours, theirs = context.Pipe()
        self.process = context.Process(
            target=serve,
            args=(theirs, fn, memory_mb, os.getpid()),
            name="colonnade-extract",
            daemon=True,
        )
        self.process.start()
        theirs.close()
        self.conn: Connection = ours
        self.pid: int = self.process.pid
        self.ready = False

    def alive(self) -> bool:
        return bool(self.process.is_alive())

    def run(self, job: Job, timeout: float, clock: Clock) -> tuple[Reply, bool]:
        """Send the page and wait for the reply (and whether the worker is retiring)."""
        try:
            if not self.ready:
                if not self.conn.poll(STARTUP_SECONDS):
                    raise _Dead(f"the worker did not start in {STARTUP_SECONDS:g} s")
                self.conn.recv()
                self.ready = True
            self.conn.send(job)
            started = clock()
            while True:
                left = timeout - (clock() - started) if timeout > 0 else POLL_SECONDS
                if left <= 0:
                    raise _Overtime
                if self.conn.poll(min(left, POLL_SECONDS)):
                    break
            kind, payload, retire = self.conn.recv()
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            self.process.join(1)
            code = self.process.exitcode
            raise _Dead(f"exit code {code}" if code is not None else type(exc).__name__) from None
        return (kind, payload), retire

    def stop(self) -> None:
        """Ask the worker to exit (it reads the end of its pipe); kill it if it will not."""
        self.conn.close()
        self.process.join(STOP_SECONDS)
        if self.process.is_alive():
            self.kill()

    def kill(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


def serve(conn: Connection, fn: ExtractFn, memory_mb: int, parent_pid: int) -> None:
    """A worker's life: follow the parent, cap memory, then extract until the pipe closes."""
    die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches us too; the crawl decides
    # What the extractor loads on first use (the language model: some 100 MiB) is the worker's
    # own size, not the first page's: load it before the budget is measured from here.
    _extract_one(fn, WARM_UP, "utf-8", WARM_UP_URL, None)
    cap = cap_address_space(memory_mb)
    start, _ = address_space()
    highest = start  # the address space's peak since the first page
    half = memory_mb * MiB // 2
    conn.send("ready")
    while True:
        try:
            body, encoding, url, zone = conn.recv()
        except EOFError:
            return
        kind, payload = _extract_one(fn, body, encoding, url, zone)
        del body
        size, peak = address_space()
        near = bool(cap) and peak > highest and peak - start > half  # this page came near
        highest = max(highest, peak)
        if near and kind != "ok":  # libraries catch MemoryError and fail in their own words
            kind, payload = "memory", None
        # A worker still holding over half its budget once the page is done is replaced: what
        # it freed did not return to the system, and the next page would have less room than
        # promised.
        retire = kind == "memory" or (bool(cap) and size - start > half)
        try:
            conn.send((kind, payload, retire))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            reason = f"{type(payload).__name__}: {payload} (unpicklable: {exc})"
            conn.send(("bug", (reason, ""), retire))
        if retire:
            return


def _extract_one(
    fn: ExtractFn, body: bytes, encoding: str | None, url: str, zone: str | None
) -> Reply:
    try:
        return "ok", fn(body, encoding, url, zone)
    except MemoryError:
        return "memory", None
    except ColonnadeError as exc:
        return "error", exc
    except Exception as exc:
        return "bug", (f"{type(exc).__name__}: {exc}", traceback.format_exc())
