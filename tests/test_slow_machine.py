"""A proof found on a quiet machine is found on a slow or busy one (issue 27, finding 10):
the proof's budget counts work, not seconds (``check.work``). The slow machine is made here,
on any machine, by a profile hook that slows every Python call of the checking worker."""

import sys

import pytest

import symderiv
from symderiv.check import EQUIVALENT, sandbox


def _slow(frame, event, arg):
    """A profile hook that makes every Python call several times slower: the machine of a
    server under load, reproduced on any machine."""
    if event == "call":
        for _ in range(300):
            pass


PROOF_CASES = [
    # (problem, target, answer): each needs a real proof, the slowest of them a few hundred
    # milliseconds on a quiet machine (a 0.5 s time budget ran out under load)
    (
        "hw3_2ab",
        "y2",
        r"y_2(n) = \begin{cases} 0 & \text{for } n < 5 \\ 2 - 0.5^{n-5} & \text{for } 5 \le n "
        r"\le L+4 \\ (2^{L}-1)\,0.5^{n-5} & \text{for } n \geq L+5 \end{cases}",
    ),
    ("hw3_2ab", "y2", r"y_2(n) = \left(2^{\min(n-5,\,L-1)+1} - 1\right) 2^{5-n}\, u(n-5)"),
    ("exercise13", "dy_dW", r"\sigma(\tilde y_k)(1-\sigma(\tilde y_k))\,\delta_{ki}\,x_j"),
]


@pytest.mark.parametrize("pid,target,answer", PROOF_CASES)
def test_a_proof_found_on_a_quiet_machine_is_found_on_a_slow_one(pid, target, answer):
    ex = symderiv.load(pid)
    ex.derive(target)
    sandbox.worker().stop()
    quiet = ex.check(answer, target, timeout=120)
    assert quiet.status == EQUIVALENT and quiet.reason.startswith("symbolic"), quiet.reason
    sandbox.worker().stop()  # the next worker is forked with the hook: every call slowed
    sys.setprofile(_slow)
    try:
        slow = ex.check(answer, target, timeout=120)
    finally:
        sys.setprofile(None)
        sandbox.worker().stop()
    assert slow.seconds > quiet.seconds  # it was slower …
    assert (slow.status, slow.reason) == (quiet.status, quiet.reason)  # … and says the same
