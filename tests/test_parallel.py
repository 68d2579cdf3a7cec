"""Targets derived by two processes (engine/parallel.py): the same results as one process,
every item done exactly once even when the forked child dies, and Ctrl-C handled here."""

import os
import time

import sympy as sp

import symderiv
from symderiv.engine import parallel
from symderiv.ops.printer import latex


def test_two_processes_derive_what_one_does(monkeypatch):
    ex = symderiv.load("exercise13")
    both = ex.derive(cache=False)
    monkeypatch.setenv("SYMDERIV_JOBS", "1")
    one = symderiv.load("exercise13").derive(cache=False)
    assert [r.name for r in both] == [r.name for r in one]
    for a, b in zip(both, one, strict=True):
        assert latex(a.expr) == latex(b.expr), a.name
        assert sp.simplify(a.entry - b.entry) == 0 if isinstance(a.entry, sp.Expr) else True
        assert a.numeric.points == b.numeric.points and a.numeric.passed, a.name
        assert [s.rule for s in a.steps] == [s.rule for s in b.steps], a.name


def test_every_item_once_in_order_and_both_processes_work():
    items = list(range(12))

    def work(x):
        time.sleep(0.05)  # long enough that the child, once forked, takes its share
        return x * x, os.getpid()

    out = parallel.each(items, work, key=str)
    assert list(out) == [str(x) for x in items]
    assert [v[0] for v in out.values()] == [x * x for x in items]
    if parallel.usable(len(items)):  # (Linux, two cores: the child took some of them)
        assert len({v[1] for v in out.values()}) == 2


def test_items_of_a_child_that_dies_are_done_here():
    parent = os.getpid()

    def work(x):
        if os.getpid() != parent and x >= 0:
            os._exit(3)  # the child dies on the first item it takes
        return x + 100

    out = parallel.each(list(range(8)), work, key=lambda x: x)
    assert out == {x: x + 100 for x in range(8)}


def test_fewer_items_than_worth_a_fork_stay_here():
    parent = os.getpid()
    out = parallel.each([1], lambda x: os.getpid(), key=lambda x: x)
    assert set(out.values()) == {parent}
