"""Worker processes: a crashing, dying or hanging extractor costs one page, never the run; and no
extractor can reach beyond loopback.

The misbehaving extractors are module-level functions: workers fork from the test process, so
they pickle by reference and exist on the other side.
"""

from __future__ import annotations

import _socket
import itertools
import os
import socket
import threading
import time

from colonnade.evaluation.peers import Extraction
from colonnade.evaluation.runner import Outcome, Task, describe, run

_ticks = itertools.count()


def ticking_clock() -> float:
    """A clock that moves one second per reading (each worker process has its own copy)."""
    return float(next(_ticks))


def echo(html: bytes, url: str | None) -> Extraction:
    return Extraction(text=html.decode(), title=url)


def raising(html: bytes, url: str | None) -> Extraction:
    raise RuntimeError("boom on " + html.decode())


def dying(html: bytes, url: str | None) -> Extraction:
    os._exit(3)


def hanging(html: bytes, url: str | None) -> Extraction:
    time.sleep(60)
    return Extraction(text="too late")


def _tripwire(*args: object, **kwargs: object) -> object:
    raise AssertionError("the real name look-up was reached")


def looks_up_a_remote_name(html: bytes, url: str | None) -> Extraction:
    # Should the guard fail, the tripwire (not the network) answers: the test sends nothing out.
    _socket.getaddrinfo = _tripwire
    try:
        socket.getaddrinfo("news.example.com", 80)
    except socket.gaierror as exc:
        return Extraction(text=str(exc))
    return Extraction(text="resolved")


def connects_to_a_remote_address(html: bytes, url: str | None) -> Extraction:
    # A closed socket cannot send anything: a broken guard would show as "Bad file descriptor".
    sock = socket.socket()
    sock.close()
    try:
        sock.connect(("192.0.2.1", 80))
    except OSError as exc:
        return Extraction(text=f"{type(exc).__name__}: {exc}")
    return Extraction(text="connected")


def connects_to_loopback(html: bytes, url: str | None) -> Extraction:
    port = int(html.decode())
    with socket.create_connection(("127.0.0.1", port)) as conn:
        return Extraction(text=conn.recv(16).decode(), title=str(socket.getdefaulttimeout()))


def _outcomes(tasks: list[Task], **kwargs: object) -> dict[object, Outcome]:
    return {outcome.key: outcome for outcome in run(tasks, **kwargs)}  # type: ignore[arg-type]


def test_results_come_back_for_every_task_with_their_keys_and_timings() -> None:
    tasks = [Task(key=i, extractor=echo, html=f"page {i}".encode(), url=f"u{i}") for i in range(5)]
    outcomes = _outcomes(tasks, jobs=2, timeout=10, clock=ticking_clock)
    assert sorted(outcomes) == [0, 1, 2, 3, 4]
    for i, outcome in outcomes.items():
        assert outcome.extraction == Extraction(text=f"page {i}", title=f"u{i}")
        assert not outcome.crashed and outcome.error is None
        # One reading just before the extractor call, one just after: warm-up is not counted.
        assert outcome.seconds == 1.0


def test_an_exception_is_a_crash_on_that_page_only() -> None:
    tasks = [
        Task(key="bad", extractor=raising, html=b"p1", url=None),
        Task(key="good", extractor=echo, html=b"p2", url=None),
    ]
    outcomes = _outcomes(tasks, jobs=1, timeout=10)
    assert outcomes["bad"].crashed
    assert outcomes["bad"].error == "RuntimeError: boom on p1"
    assert outcomes["good"].extraction == Extraction(text="p2")


def test_a_dying_worker_is_replaced_and_the_run_goes_on() -> None:
    tasks = [
        Task(key="dies", extractor=dying, html=b"", url=None),
        Task(key="after", extractor=echo, html=b"still here", url=None),
    ]
    outcomes = _outcomes(tasks, jobs=1, timeout=10)
    assert outcomes["dies"].crashed
    assert outcomes["dies"].error == "worker died (exit code 3)"
    assert outcomes["after"].extraction == Extraction(text="still here")


def test_a_hanging_extractor_is_killed_at_its_deadline() -> None:
    tasks = [
        Task(key="hangs", extractor=hanging, html=b"", url=None),
        Task(key="after", extractor=echo, html=b"next page", url=None),
    ]
    outcomes = _outcomes(tasks, jobs=1, timeout=0.5)
    # A missed deadline would return the hanging page's late text, not a timeout.
    assert outcomes["hangs"].timed_out and outcomes["hangs"].crashed
    assert outcomes["hangs"].seconds == 0.5
    assert outcomes["after"].extraction == Extraction(text="next page")


def test_unknown_extractor_names_fail_their_pages() -> None:
    outcomes = _outcomes([Task(key=1, extractor="no-such", html=b"", url=None)], timeout=10)
    assert outcomes[1].crashed
    assert "unknown extractor 'no-such'" in (outcomes[1].error or "")


def test_workers_refuse_remote_name_look_ups() -> None:
    outcome = _outcomes([Task(1, looks_up_a_remote_name, b"", None)], timeout=10)[1]
    assert outcome.extraction is not None
    assert "network blocked in evaluation: news.example.com" in outcome.extraction.text


def test_workers_refuse_remote_connections() -> None:
    outcome = _outcomes([Task(1, connects_to_a_remote_address, b"", None)], timeout=10)[1]
    assert outcome.extraction is not None
    assert outcome.extraction.text == (
        "ConnectionRefusedError: network blocked in evaluation: 192.0.2.1"
    )


def test_workers_may_still_use_loopback_with_a_short_socket_timeout() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def serve_one() -> None:
        conn, _ = server.accept()
        with conn:
            conn.sendall(b"hello")

    thread = threading.Thread(target=serve_one, daemon=True)
    thread.start()
    try:
        outcome = _outcomes([Task(1, connects_to_loopback, str(port).encode(), None)], timeout=10)
    finally:
        thread.join(timeout=5)
        server.close()
    assert outcome[1].extraction == Extraction(text="hello", title="2.0")


def test_errors_are_described_by_their_first_meaningful_line() -> None:
    banner = LookupError("\n" + "*" * 20 + "\n  Resource punkt_tab not found.\n  Please use...\n")
    assert describe(banner) == "LookupError: Resource punkt_tab not found."
    assert describe(ValueError()) == "ValueError: "
