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
