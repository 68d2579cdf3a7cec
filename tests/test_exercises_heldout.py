"""The 2 × 20 exercises written as LaTeX files by two helpers who read only the documentation
(tests/exercises_a/ and _b/, their reports and NumPy/autograd checks beside them): each derives every
target with its numeric check passed, and each handwritten claim in them (textbook answers:
PRML 4.96, 4.97, 3.28, the softmax Jacobian) is judged equal. The trial's first run is in
``tests/exercises_a/FIRST_RUN.md`` (the second trial's first run: all 20 right)."""

from pathlib import Path

import pytest

import symderiv
from symderiv.check import EQUIVALENT, NUMERIC

HERE = Path(__file__).parent
FILES = sorted(
    p for trial in ("exercises_a", "exercises_b") for p in (HERE / trial).glob("*.md")
    if p.stem not in ("REPORT", "FIRST_RUN")
)  # fmt: skip


def test_each_trial_has_its_twenty_exercises():
    assert len([p for p in FILES if p.parent.name == "exercises_a"]) == 20
    assert len([p for p in FILES if p.parent.name == "exercises_b"]) == 20


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_a_heldout_latex_exercise_derives_and_its_claims_hold(path):
    ex = symderiv.load(str(path))
    d = ex.derive(cache=False)
    assert not d.failures
    assert len(d.results) == len(ex.problem.targets)
    assert all(r.numeric.passed for r in d.results.values())
    for claim, verdict in ex.check_claims():
        assert verdict.status in (EQUIVALENT, NUMERIC), (claim.location, verdict.reason)
