"""A sum inside a sum over the same letter (Σ_n (x_n − Σ_n x_n/N)², as SymPy's subs builds
it) is two indices, never one: the closed form of σ̂² once came out 0 (the free n captured
by the inner sum) and its check passed on a nan. Expectations from NumPy."""

import math
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import symderiv
from symderiv.ops.steps import worse

SPECS = [Path(__file__).parent / "specs"]


@pytest.mark.parametrize("size", [2, 3, 5])
def test_the_variance_at_the_sample_mean_is_numpys(size):
    p = symderiv.load("gaussian_nested", SPECS)
    r = p.derive("var_hat_at_mu_hat")["var_hat_at_mu_hat"]
    value = r.entry.rhs if isinstance(r.entry, sp.Eq) else r.expr
    N = sp.Symbol("N", integer=True, positive=True)
    x = sp.IndexedBase("x", real=True)
    rng = np.random.default_rng(size)
    data = rng.normal(size=size)
    got = value.xreplace({N: size}).doit().xreplace({x[k + 1]: data[k] for k in range(size)})
    assert float(got) == pytest.approx(np.var(data), rel=1e-12)


def test_an_error_that_is_not_a_number_is_no_evidence():
    assert worse(0.0, float("nan")) == math.inf
    assert worse(0.0, float("inf")) == math.inf
    assert worse(0.5, 0.1) == 0.5
