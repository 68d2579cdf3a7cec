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

#: fewer items than this are derived here (a fork costs ~10 ms); an item is a target and
#: its matrix-form twins, which share one derivation
MIN_TARGETS = 2


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
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (its coverage is not collected)
        _child(queue, read, write, items, work, key, parent)
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


def _child(queue: int, read: int, write: int, items, work, key, parent) -> None:  # pragma: no cover
    data = b""
    try:
        os.close(read)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # die with the parent
        if os.getppid() != parent:  # it died before the prctl: nothing to send to
            os._exit(0)
        data = pickle.dumps(_take(queue, items, work, key), pickle.HIGHEST_PROTOCOL)
    except BaseException:
        data = b""
    finally:
        with contextlib.suppress(BaseException), os.fdopen(write, "wb") as f:
            f.write(data)
        os._exit(0)


# -- process pools that die with their parent ---------------------------------------------


def die_with_parent(parent: int | None = None) -> None:
    """This process is killed (SIGKILL) when its parent dies (Linux's PR_SET_PDEATHSIG), and
    exits now if the parent has already died (``parent``: its pid, by default the one
    multiprocessing started this process from): a kill -9 of the parent leaves nothing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - no prctl
        return
    if parent is None:
        import multiprocessing as mp

        known = mp.parent_process()
        parent = known.pid if known is not None else None
    if parent is not None and os.getppid() != parent:  # it died before the prctl
        os._exit(1)


def process_pool(jobs: int, initializer, initargs: tuple):
    """A ``ProcessPoolExecutor`` of ``jobs`` processes, each first running
    ``initializer(*initargs)``: started by a fork server where there is one (the processes
    start from a clean, single-threaded process), with Ctrl-C left to this process, and
    every process of the pool killed when this one dies, whatever kills it."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    methods = mp.get_all_start_methods()
    ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
    server = None
    if "forkserver" in methods and hasattr(signal, "pthread_sigmask"):
        # the fork server starts with Ctrl-C blocked (a blocked signal stays blocked across
        # exec) until its own start-up ignores it: a Ctrl-C while it imported printed a
        # traceback. The parent only blocks the signal meanwhile, so one that comes then is
        # delivered after; it no longer ignores it too (a Ctrl-C that came as the handler was
        # swapped was then handled by the ignoring one: lost, and the run went on)
        from multiprocessing import forkserver

        # Its standard error is /dev/null: a worker still starting when the parent, stopped,
        # removes what it shares printed its failure (results come back through the pool)
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        sys.stderr.flush()
        saved, null = os.dup(2), os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        try:
            forkserver.ensure_running()
        finally:
            os.dup2(saved, 2)
            os.close(saved), os.close(null)
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        server = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)
    return ProcessPoolExecutor(
        jobs, mp_context=ctx, initializer=_pool_process, initargs=(server, initializer, initargs)
    )


def _pool_process(server, initializer, initargs) -> None:
    """A pool process's start: Ctrl-C is the parent's to handle; die with the main process;
    then the caller's initializer."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if server is not None:
        _lifeline(server)
    initializer(*initargs)


def _lifeline(server: int) -> None:
    """In a pool process forked by the fork server: die with the main process. The pool
    process is the fork server's child, so it is killed when the fork server dies
    (PR_SET_PDEATHSIG); the fork server exits when its "alive" pipe, whose write end the main
    process and every pool process hold, is closed at the other end: this process closes
    its copy, so a kill -9 of the main process ends the fork server, then every pool process,
    then their sandboxes (each killed with its own parent)."""
    from multiprocessing import forkserver

    die_with_parent(server)
    state = getattr(forkserver, "_forkserver", None)
    fd = getattr(state, "_forkserver_alive_fd", None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)
        state._forkserver_alive_fd = None


def kill_pool(pool) -> None:
    """Kill a process pool's processes now (their sandboxes die with them): at exit the
    interpreter would otherwise wait for every check under way to finish."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            proc.kill()
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            proc.join(1)


def forget_manager(pool) -> None:
    """Wait briefly for the pool's manager thread, then drop its wake-up pipe from the
    interpreter's exit handler: after a Ctrl-C the thread closes that pipe, and Python 3.11's
    handler would still write to it and print a traceback under the one-line message."""
    from concurrent.futures import process

    thread = getattr(pool, "_executor_manager_thread", None)
    if thread is not None:
        with contextlib.suppress(Exception):
            thread.join(2)
    # every pool's wake-up made safe, whatever its thread's state (a manager still closing
    # its pipe as the interpreter exits lost the race now and then, under load)
    for t, wakeup in list(process._threads_wakeups.items()):
        if not t.is_alive():
            process._threads_wakeups.pop(t, None)
        elif not getattr(wakeup, "_symderiv_safe", False):
            wakeup.wakeup = _quiet(wakeup.wakeup)
            wakeup._symderiv_safe = True


def _quiet(fn):
    def call():
        with contextlib.suppress(OSError, ValueError):
            fn()

    return call
