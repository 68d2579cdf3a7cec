"""Run checks under a hard time bound and a memory bound, in a forked worker process.

The worker is forked from this process (SymPy already imported, targets already derived)
and kept between calls, so its caches (the LaTeX parser's, SymPy's) stay warm. A call that
runs past its time gets the worker killed and a fresh one forked for the next call; the
caller never blocks longer than the bound. Where ``fork`` does not exist (Windows) calls
run in-process without the hard bound.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from multiprocessing.reduction import ForkingPickler

from ..engine.parallel import die_with_parent

#: default bounds for one check
TIMEOUT = 10.0
MEMORY_BYTES = 2 * 1024**3


class Timeout(Exception):
    """The call ran past its time bound and was killed."""


class Crashed(Exception):
    """The child died (out of memory, a signal) or raised; the message says how."""


def _detach():
    """In a worker: leave Ctrl-C to the parent (which kills the worker), and die with it.

    A terminal's Ctrl-C reaches the whole process group; a worker that raised
    ``KeyboardInterrupt`` itself would print a traceback and could be left computing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()  # (and exit at once if it is already gone)


def _child(conn, fn, args, memory):
    try:
        _detach()
        _limit_memory(memory)
        sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
        out = ("ok", fn(*args))
    except MemoryError:
        out = ("crash", "out of memory")
    except RecursionError:
        out = ("crash", "expression nested too deeply")
    except BaseException as exc:  # reported to the parent as data, never re-raised here
        out = ("error", exc, traceback.format_exc(limit=5))
    try:
        _send(conn, out)
    finally:
        conn.close()
        os._exit(0)


def _send(conn, out) -> None:
    """Send an outcome back; an error holding what cannot be pickled (an ANTLR parser keeps
    the ``sys.stdout`` it was made with) goes as its type and message, never as a crash."""
    try:
        conn.send(out)
        return
    except Exception as exc:  # an unpicklable result
        failure = exc
    if out[0] == "error":
        e = out[1]
        for k, v in list(vars(e).items()):
            if not _picklable(v):
                setattr(e, k, None)
        e.args = tuple(a if _picklable(a) else str(a) for a in e.args)
        e.__context__ = e.__cause__ = e.__traceback__ = None
        try:
            conn.send(("error", e, out[2]))
            return
        except Exception:
            pass
    conn.send(("crash", f"result could not be sent back: {failure}"))


def _picklable(v) -> bool:
    try:
        pickle.dumps(v)
    except Exception:
        return False
    return True


def _limit_memory(memory):
    if memory:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory if hard == resource.RLIM_INFINITY else min(memory, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


class _Kept:
    """An argument the worker keeps: sent whole once (``obj``), then by its number alone."""

    def __init__(self, n: int, obj=None):
        self.n, self.obj = n, obj


#: arguments sent once and then referred to, by type: a problem, a target, a derived result
#: (each call pickled the whole problem and result again, and the worker's caches, keyed by
#: the objects, began from nothing at every check)
def _kept_types() -> tuple:
    from ..engine.derive import Result
    from ..spec import Problem, Target

    return (Problem, Target, Result)


#: the most objects a worker keeps (then both sides start over)
MAX_KEPT = 512


def _serve(conn, memory):
    """The worker's loop: receive (fn, args), send back the outcome, until EOF."""
    _detach()
    _limit_memory(memory)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10000))
    kept: dict = {}
    while True:
        try:
            fn, specs, data, reset = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if reset:
            kept.clear()
        try:
            _load_specs(specs)
            args = pickle.loads(data)
            for a in args:
                if isinstance(a, _Kept) and a.obj is not None:
                    kept[a.n] = a.obj
            args = tuple(kept[a.n] if isinstance(a, _Kept) else a for a in args)
            out = ("ok", fn(*args))
        except MemoryError:
            out = ("crash", "out of memory")
        except RecursionError:
            out = ("crash", "expression nested too deeply")
        except BaseException as exc:  # reported to the caller as data
            out = ("error", exc, traceback.format_exc(limit=5))
        _send(conn, out)


def _spec_modules() -> dict:
    """The spec files this process has imported: module name → path."""
    return {
        name: getattr(m, "__file__", None)
        for name, m in list(sys.modules.items())
        if name.startswith(_SPEC_PREFIX)
    }


_SPEC_PREFIX = "symderiv._spec_"


def _load_specs(specs) -> None:
    """In the worker: import the spec files the caller loaded after the fork (a problem
    refers to its spec's module, which unpickling its objects needs), under the names the
    caller gave them. A file that does not import has nothing to unpickle (or fails later,
    clearly)."""
    import importlib.util

    for name, path in specs:
        if name in sys.modules or not path:
            continue
        with contextlib.suppress(Exception):
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            sys.modules[name] = module


class Worker:
    """A forked worker process, replaced when it overruns a bound or dies."""

    def __init__(self, memory: int | None = MEMORY_BYTES):
        self.memory = memory
        self.proc = None
        self.conn = None
        self.sent: dict = {}  # id(obj) → (number, obj): what the running worker keeps
        self.stale = False  # a call was not sent whole: the worker starts over
        self.specs: set = set()  # spec modules the running worker has

    def _pack(self, args) -> tuple[tuple, bool]:
        reset = self.stale or len(self.sent) >= MAX_KEPT
        self.stale = False
        if reset:
            self.sent = {}
        types, out = _kept_types(), []
        for a in args:
            if not isinstance(a, types):
                out.append(a)
            elif id(a) in self.sent:
                out.append(_Kept(self.sent[id(a)][0]))
            else:  # held here, so its id stays its own while the worker refers to it
                self.sent[id(a)] = (len(self.sent), a)
                out.append(_Kept(len(self.sent) - 1, a))
        return tuple(out), reset

    def _start(self):
        self.sent = {}
        self.specs = set(_spec_modules())
        ctx = mp.get_context("fork")
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, self.memory), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent

    def stop(self):
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.kill()
            self.proc.join(5)
            self.conn.close()
        self.proc = self.conn = None

    def call(self, fn, *args, timeout: float = TIMEOUT):
        """``fn(*args)`` in the worker; raises ``Timeout``/``Crashed`` or ``fn``'s exception."""
        if "fork" not in mp.get_all_start_methods():  # pragma: no cover - Windows
            return fn(*args)
        if self.proc is None or not self.proc.is_alive():
            self._start()
        args, reset = self._pack(args)
        specs = [(n, p) for n, p in _spec_modules().items() if n not in self.specs]
        try:
            try:  # the arguments pickled apart: the worker loads the specs they need first
                data = bytes(ForkingPickler.dumps(args))
            except Exception:  # not picklable: nothing reached the worker
                self.stale = True
                raise
            self.conn.send((fn, specs, data, reset))
            self.specs.update(n for n, _ in specs)
            if not self.conn.poll(timeout):
                self.stop()
                raise Timeout(f"no answer within {timeout:g} s")
            out = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            code = self.proc.exitcode if self.proc is not None else None
            self.stop()
            raise Crashed(f"the check died (exit code {code})") from None
        if out[0] == "ok":
            return out[1]
        if out[0] == "crash":
            self.stop()  # a worker that ran out of memory is not reused
            raise Crashed(out[1])
        raise out[1]


_local = threading.local()


def worker() -> Worker:
    """This thread's worker (a forked child, and each thread of a threaded executor such as
    a Dask worker, has its own: one pipe never serves two callers at once)."""
    w = getattr(_local, "worker", None)
    if w is None or getattr(_local, "pid", None) != os.getpid():
        _local.worker, _local.pid = Worker(), os.getpid()
    return _local.worker


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
