"""The same verdict on every run (issue 27, finding 10): the budgets that decide between
``equivalent`` (a proof found) and ``equivalent-numerically`` count work, not seconds, so a
busy or slow machine changes how long a check takes, never what it says."""

import time

import pytest

from symderiv.check import work


def _calls(n):
    def f():
        return None

    for _ in range(n):
        f()


def test_a_budget_counts_calls_not_seconds():
    with work.budget(1000) as quick:
        _calls(500)
    with work.budget(1000) as slow:
        time.sleep(0.3)  # slow, but no Python call
        _calls(500)
    assert quick.left == slow.left and 1000 - 510 < quick.left < 1000 - 500
    with pytest.raises(work.OutOfWork), work.budget(1000):
        _calls(2000)


def test_the_budget_runs_out_at_the_same_call_every_time():
    spent = set()
    for _ in range(3):
        with work.budget(10**6) as c:
            _calls(7777)
        spent.add(c.left)
    assert len(spent) == 1


def test_a_swallowed_out_of_work_is_still_out_of_work():
    def greedy():
        try:  # noqa: SIM105 (a library's bare except on the way, as SymPy's would be)
            _calls(5000)
        except BaseException:
            pass

    with pytest.raises(work.OutOfWork), work.budget(100):
        greedy()


def test_remembered_work_is_not_counted_found_or_computed():
    @work.remembered()
    def costly(x):
        _calls(300)
        return x * 2

    with work.budget(10**6) as first:
        costly(21)
    with work.budget(10**6) as again:
        costly(21)  # remembered now: the same count as when it was computed
    assert first.left == again.left
