"""Limits an extraction worker process puts on itself when it starts.

- It dies with its parent: a crawl killed with SIGKILL runs no cleanup, so a worker cannot wait
  to be told. On Linux the kernel sends it SIGKILL (prctl PR_SET_PDEATHSIG); elsewhere a
  thread notices that its parent changed and ends the process.
- Its address space may grow by a budget over its size at start (RLIMIT_AS), so a page that
  would take gigabytes raises MemoryError in the worker instead of starving the machine. The
  size at start counts what the libraries reserve on import (rensa reserves 1 GiB it never
  touches), which a plain RLIMIT_AS of the budget would not leave room for.
"""

from __future__ import annotations

import ctypes
import logging
import os
import resource
import signal
import sys
import threading
import time

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL_SECONDS = 1.0

MiB = 1024 * 1024


def die_with_parent(parent_pid: int) -> None:
    """End this process as soon as `parent_pid`, which started it, has died."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    else:
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    if os.getppid() != parent_pid:  # it died before we asked to follow it
        os._exit(1)


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


def address_space() -> tuple[int, int]:
    """This process's address space in bytes: (now, peak); (0, 0) where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            values = dict(line.split(":", 1) for line in status if line.startswith("Vm"))
    except OSError:
        return 0, 0
    return int(values["VmSize"].split()[0]) * 1024, int(values["VmPeak"].split()[0]) * 1024


def cap_address_space(budget_mb: int) -> int:
    """Let this process's address space grow by at most `budget_mb` MiB from now on; the cap in
    bytes, or 0 when this platform cannot enforce one (0 budget: no cap)."""
    size, _ = address_space()
    if budget_mb <= 0 or not size:
        return 0
    cap = size + budget_mb * MiB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError) as exc:
        log.warning("extraction worker: no memory limit (%s)", exc)
        return 0
    return cap
