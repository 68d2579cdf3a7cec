"""A fixed sample of the generated corpus (``symderiv.check.diagnose.corpus``; the bench runs all of
it): rewrites of a result in student styles are accepted, mistakes are refuted with the
mistake named, and no mistake is ever accepted."""

import random

import pytest

import symderiv
from symderiv.check.diagnose.corpus import STYLES, generate

PROBLEMS = ("exercise13", "hw3_4a", "softmax_ce")
SAMPLE = 45


@pytest.fixture(scope="module")
def sample():
    rows = generate([symderiv.load(p) for p in PROBLEMS])
    assert len({r.style for r in rows}) == len(STYLES)
    assert {r.label for r in rows} == {"equivalent", "not-equivalent"}
    return random.Random(20261130).sample(rows, SAMPLE)


def test_the_sample_is_judged_as_labelled(sample):
    wrong = []
    for r in sample:
        v = symderiv.load(r.problem).check(r.latex, r.target)
        if r.label == "not-equivalent":
            assert not v.ok, f"a mistake accepted: {r}"  # the worst bug: never
            named = ((v.diagnosis or {}).get("name") or "").split(" + ")
            if v.status != "not-equivalent" or sorted(named) != sorted(r.kind.split(" + ")):
                wrong.append((r, v.status, v.diagnosis))
        elif not v.ok:
            wrong.append((r, v.status, v.reason))
    assert not wrong, wrong


def test_only_scalar_products_are_reordered():
    """C X Cᵀ in another order is another matrix (the bench refuted six such "rewrites");
    a product of scalars reads the same in any order."""
    import sympy as sp

    from symderiv.check.diagnose.corpus import reordered

    C, X = sp.MatrixSymbol("C", 2, 2), sp.MatrixSymbol("X", 2, 2)
    assert reordered(C * X * C.T) == []
    a, b, c = sp.symbols("a b c")
    texts = dict(reordered(a * b * (b + c)))
    assert texts["factors in another order"] == r"\left(b + c\right) \, b \, a"
