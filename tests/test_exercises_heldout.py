"""The 20 exercises written as LaTeX files by a helper who read only the documentation
(tests/exercises_a/, their report and NumPy/autograd checks beside them): each derives every
target with its numeric check passed, and each handwritten claim in them (textbook answers:
PRML 4.96, 4.97, 3.28, the softmax Jacobian) is judged equal. The trial's first run is in
``tests/exercises_a/FIRST_RUN.md``."""

from pathlib import Path

import pytest

import symderiv
from symderiv.check import EQUIVALENT, NUMERIC

FILES = sorted(p for p in (Path(__file__).parent / "exercises_a").glob("*.md") if p.stem.islower())


def test_the_trial_has_its_twenty_exercises():
    assert len(FILES) == 20


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_a_heldout_latex_exercise_derives_and_its_claims_hold(path):
    ex = symderiv.load(str(path))
    d = ex.derive(cache=False)
    assert not d.failures
    assert len(d.results) == len(ex.problem.targets)
    assert all(r.numeric.passed for r in d.results.values())
    for claim, verdict in ex.check_claims():
        assert verdict.status in (EQUIVALENT, NUMERIC), (claim.location, verdict.reason)
