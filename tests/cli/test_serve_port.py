"""`colonnade serve` on a busy port says so in one line; on port 0 it says which port it took."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

BOUND = 60.0  # a bound on start-up, not a measurement


def serve(storage_url: str, *options: str) -> list[str]:
    return [sys.executable, "-m", "colonnade", "--db", storage_url, "serve", *options]


def test_a_busy_port_is_one_error_line(storage_url: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            serve(storage_url, "--port", str(port)), capture_output=True, text=True, timeout=BOUND
        )
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"Error: port {port} on 127.0.0.1 is in use (another server?): "
        "stop it, or choose another port with --port"
    ]


def test_an_unknown_host_is_one_error_line(storage_url: str) -> None:
    done = subprocess.run(
        serve(storage_url, "--host", "no-such-host.invalid", "--port", "0"),
        capture_output=True,
        text=True,
        timeout=BOUND,
    )
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("Error: cannot listen on 'no-such-host.invalid': ")


def test_port_0_serves_on_a_free_port_and_names_it(storage_url: str, tmp_path: Path) -> None:
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            serve(storage_url, "--port", "0"), env=dict(os.environ), stdout=log, stderr=log
        )
    try:
        deadline = time.monotonic() + BOUND
        found = None
        while found is None:
            assert process.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, log_path.read_text()
            found = re.search(r"serving on http://127\.0\.0\.1:(\d+)/", log_path.read_text())
            time.sleep(0.05)
        port = int(found.group(1))
        assert port != 0
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/api/v1/articles", timeout=5)
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.05)
        assert answer.status_code == 200
        assert answer.json()["items"] == []
    finally:
        process.terminate()
        process.wait(timeout=BOUND)
