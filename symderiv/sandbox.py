"""Run one check under a hard time bound and a memory bound, in a forked child process.

The child inherits the parent's memory (SymPy already imported, targets already derived),
so a bounded call costs a fork, not an import. A child that runs past its time is killed;
the parent never blocks longer than the bound. Where ``fork`` does not exist (Windows) the
call runs in-process without the hard bound, and says so in its result.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
import traceback

#: default bounds for one check
TIMEOUT = 10.0
MEMORY_BYTES = 2 * 1024**3


class Timeout(Exception):
    """The call ran past its time bound and was killed."""


class Crashed(Exception):
    """The child died (out of memory, a signal) or raised; the message says how."""


def _child(conn, fn, args, memory):
    try:
        if memory:
            import resource

            _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
        out = ("ok", fn(*args))
    except MemoryError:
        out = ("crash", "out of memory")
    except RecursionError:
        out = ("crash", "expression nested too deeply")
    except BaseException as exc:  # reported to the parent as data, never re-raised here
        out = ("error", exc, traceback.format_exc(limit=5))
    try:
        conn.send(out)
    except Exception as exc:  # an unpicklable result
        conn.send(("crash", f"result could not be sent back: {exc}"))
    finally:
        conn.close()
        os._exit(0)


def bounded(fn, *args, timeout: float = TIMEOUT, memory: int | None = MEMORY_BYTES):
    """``fn(*args)`` in a forked child, killed after ``timeout`` seconds.

    Raises ``Timeout`` or ``Crashed``; an exception raised by ``fn`` is re-raised here.
    """
    if "fork" not in mp.get_all_start_methods():  # pragma: no cover - Windows
        return fn(*args)
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, fn, args, memory), daemon=True)
    start = time.monotonic()
    proc.start()
    send.close()
    try:
        if not recv.poll(timeout):
            raise Timeout(f"no answer within {timeout:g} s")
        try:
            out = recv.recv()
        except EOFError:
            proc.join(1)
            raise Crashed(f"the check died (exit code {proc.exitcode})") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(max(0.0, 5 - (time.monotonic() - start)))
        recv.close()
    if out[0] == "ok":
        return out[1]
    if out[0] == "crash":
        raise Crashed(out[1])
    raise out[1]
