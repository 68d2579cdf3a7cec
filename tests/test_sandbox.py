"""The forked worker: a problem and a derived result are sent to it once and then referred
to, so the worker's caches (keyed by those objects) last from one check to the next; a call
that is killed or cannot be sent leaves the next call working."""

import os
import pickle
import time

import pytest

import symderiv
from symderiv.check import sandbox

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker is forked")


def _identity(problem, other):
    """In the worker: the id of the problem it holds, and whether a module-level memo of the
    worker (keyed by that object) saw it before."""
    seen = globals().setdefault("_SEEN", set())
    before = id(problem) in seen
    seen.add(id(problem))
    return id(problem), before, other


def _sleep(seconds):
    time.sleep(seconds)


def test_a_problem_is_sent_once_and_kept():
    w = sandbox.Worker()
    try:
        p = symderiv.load("exercise13").problem
        first = w.call(_identity, p, 1)
        second = w.call(_identity, p, 2)
        assert first[0] == second[0] and not first[1] and second[1] and second[2] == 2
    finally:
        w.stop()


def test_after_a_timeout_or_an_unpicklable_argument_the_next_call_works():
    w = sandbox.Worker()
    try:
        p = symderiv.load("exercise13").problem
        w.call(_identity, p, 0)
        with pytest.raises(sandbox.Timeout):
            w.call(_sleep, 5, timeout=0.5)
        assert w.call(_identity, p, 3)[2] == 3  # a fresh worker: sent whole again
        q = symderiv.load("hw3_3b").problem
        with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
            w.call(_identity, q, lambda: 0)  # not picklable: nothing reaches the worker
        assert w.call(_identity, q, 4)[2] == 4
    finally:
        w.stop()


SPEC = """
import sympy as sp
from symderiv.spec import Problem, Source, Target



class halfsq(sp.Function):  # a class of the spec's own module: pickled by reference to it
    pass


w = sp.Symbol("w", real=True)
PROBLEM = Problem(id="late", title="loaded after the fork", source=Source("notes", "1"),
                  statement="w^2", targets=(Target("d", sp.Derivative(w**2, w)),),
                  notation={"h": halfsq})
"""


def test_a_spec_loaded_after_the_fork_reaches_the_worker(tmp_path):
    """Problems refer to their spec's module; one loaded after the worker was forked is
    imported there before the call's arguments are unpickled."""
    from symderiv.registry import load_file

    w = sandbox.Worker()
    try:
        w.call(_identity, symderiv.load("exercise13").problem, 0)  # forked now
        (tmp_path / "late.py").write_text(SPEC)
        late = load_file(tmp_path / "late.py")
        assert w.call(_identity, late, 5)[2] == 5
        v = symderiv.load(str(tmp_path / "late.py")).check("2w", target="d")
        assert v.status == "equivalent", v.reason
    finally:
        w.stop()
