"""Budgets that count work, not seconds: a verdict never depends on the machine's load.

A budget is a number of Python function calls (every frame entered while the budgeted code
runs, SymPy's included), counted by a trace function. The same computation on the same input
makes the same calls on any machine, busy or not, so whether a proof is found "in time" is a
property of the answer, not of the moment. The wall-clock bound of the sandbox stays, as a
safety net only: a check that reaches it is reported as ``timeout``, never decided.

Two things could still make the count differ between runs, and both are closed here:

* **caches**: SymPy's cache (and ours) make a second computation of the same thing cheaper.
  Work done by a remembered function is not counted (``uncounted``), and SymPy's cache is
  cleared when a budget starts, so a proof makes the same calls whatever ran before it;
* **hash order**: iterating over a set of symbols follows their hashes, which Python
  randomises per process. The checking worker runs with a fixed hash seed (see ``sandbox``).
"""

from __future__ import annotations

import contextlib
import functools
import sys


class OutOfWork(BaseException):
    """The budget is spent. A ``BaseException``, so that no ``except Exception`` on the way
    (SymPy has many) swallows it."""


class _Counter:
    def __init__(self, calls: int):
        self.left = calls
        self.spent = False
        self.paused = 0

    def trace(self, frame, event, arg):
        if event == "call" and not self.paused:
            self.left -= 1
            if self.left < 0:
                self.spent = True
                raise OutOfWork
        return None  # no line events: only calls are counted


_active: list[_Counter] = []


def _quiet_out_of_work(hook):
    """A generator that SymPy drops after the budget ran out is closed by the collector, and
    the trace raises again in its frame: Python can only print that ("Exception ignored
    in …") on the user's terminal. Such a leftover ``OutOfWork`` is no error: not printed."""

    def unraisable(info):
        if not isinstance(info.exc_value, OutOfWork):
            hook(info)

    unraisable.quiet_out_of_work = True
    return unraisable


if not getattr(sys.unraisablehook, "quiet_out_of_work", False):
    sys.unraisablehook = _quiet_out_of_work(sys.unraisablehook)


@contextlib.contextmanager
def budget(calls: int):
    """Raise ``OutOfWork`` inside the block once it has made ``calls`` Python calls.

    Where a trace function is already set (a debugger, a coverage tool) the block runs
    unbounded rather than break it. Nested budgets: the inner one counts alone."""
    if sys.gettrace() is not None and not _active:
        yield None
        return
    from sympy.core.cache import clear_cache

    clear_cache()
    counter = _Counter(calls)
    outer = sys.gettrace()
    _active.append(counter)
    sys.settrace(counter.trace)
    try:
        yield counter
        if counter.spent:  # raised, but swallowed by a bare except on the way: still spent
            raise OutOfWork
    finally:
        sys.settrace(outer)
        _active.pop()


def fresh(obj):
    """A copy of SymPy objects made anew: SymPy remembers on each object what it has found
    out about it (is it positive, zero, …), so a proof of an expression that another proof
    already walked would spend less. Called just after the cache is cleared (``budget``),
    so that no constructor hands back an object from before."""
    import pickle

    try:
        return pickle.loads(pickle.dumps(obj))
    except Exception:  # an object that does not pickle: the same one, facts and all
        return obj


class _Uncounted:
    """Work in the block is not counted: a remembered value (the normal form of a derived
    result, shared by a class's answers) costs the first answer nothing more than the rest."""

    def __enter__(self):
        if _active:
            _active[-1].paused += 1

    def __exit__(self, *exc):
        if _active:
            _active[-1].paused -= 1


uncounted = _Uncounted()


def remembered(maxsize: int = 4096):
    """``functools.lru_cache`` whose work is not counted, found or computed alike: a proof
    that finds the value remembered spends the same count as one that computes it."""

    def decorate(fn):
        cached = functools.lru_cache(maxsize=maxsize)(fn)

        @functools.wraps(fn)
        def call(*args):
            with uncounted:
                return cached(*args)

        call.cache_clear = cached.cache_clear
        return call

    return decorate
