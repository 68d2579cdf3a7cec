"""A problem's targets derived side by side, by this process and a forked copy of it.

Each target is derived from the definitions on its own, so on a machine with two cores or
more the targets of a problem are shared: a forked child and this process take them one at
a time, and the child sends its results back pickled (as the disk cache keeps them).
Only where forking is safe and worth it: Linux, one thread in this process, at least
``MIN_TARGETS`` targets, at least two cores, and ``SYMDERIV_JOBS`` not set to 1. Whatever
goes wrong in the child (it dies, a result does not pickle) leaves those targets to be
derived here; a Ctrl-C here kills the child at once.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence

#: fewer targets than this are derived here, one after the other (a fork costs ~10 ms)
MIN_TARGETS = 4


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def usable(count: int) -> bool:
    return (
        count >= MIN_TARGETS
        and sys.platform.startswith("linux")
        and hasattr(os, "fork")
        and os.environ.get("SYMDERIV_JOBS", "") != "1"
        and threading.active_count() == 1
        and _cores() >= 2
    )


def each(items: Sequence, work: Callable, key: Callable) -> dict:
    """``{key(x): work(x)}`` for every item, in their order; ``work`` never raises (it
    returns what went wrong), except on Ctrl-C. The two processes take the items one at a
    time from a shared queue (a pipe of item numbers), so neither waits on the other."""
    if not usable(len(items)) or len(items) > 10_000:
        return {key(x): work(x) for x in items}
    queue, fill = os.pipe()
    os.write(fill, b"".join(i.to_bytes(2, "big") for i in range(len(items))))
    os.close(fill)
    read, write = os.pipe()
    sys.stdout.flush(), sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (its coverage is not collected)
        _child(queue, read, write, items, work, key)
    os.close(write)
    try:
        out = _take(queue, items, work, key)
        with os.fdopen(read, "rb") as f:
            data = f.read()
        os.waitpid(pid, 0)
    except BaseException:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        raise
    finally:
        os.close(queue)
    try:
        got = pickle.loads(data) if data else {}  # from our own child, through our own pipe
    except Exception:
        got = {}
    out.update(got)
    return {key(x): out[key(x)] if key(x) in out else work(x) for x in items}


def _take(queue: int, items, work, key) -> dict:
    """Work on items taken from the queue until it is empty (each read of two bytes from a
    pipe is whole: the two processes never take the same item)."""
    out = {}
    while len(b := os.read(queue, 2)) == 2:
        x = items[int.from_bytes(b, "big")]
        out[key(x)] = work(x)
    return out


def _child(queue: int, read: int, write: int, items, work, key) -> None:  # pragma: no cover
    data = b""
    try:
        os.close(read)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # die with the parent
        data = pickle.dumps(_take(queue, items, work, key), pickle.HIGHEST_PROTOCOL)
    except BaseException:
        data = b""
    finally:
        with contextlib.suppress(BaseException), os.fdopen(write, "wb") as f:
            f.write(data)
        os._exit(0)
