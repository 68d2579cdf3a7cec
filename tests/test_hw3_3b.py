"""Exercise 3(b) of seed 004: mean-centering backward, its limits, and batch norm."""

import pytest
import sympy as sp

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT
from symderiv.ops.functions import gradient_base

n = sp.Symbol("n", integer=True, positive=True)
i, j = sp.symbols("i j", integer=True, positive=True)
L = sp.Symbol("L", real=True)
y = sp.IndexedBase("y", real=True)
G = gradient_base(L, y)  # G[j] is ∂L/∂y_j
gamma = sp.Symbol(r"\gamma", real=True)


@pytest.fixture(scope="module")
def p():
    return symderiv.load("hw3_3b")


@pytest.fixture(scope="module")
def d(p):
    return p.derive(cache=False)


def test_dy_dx(d):
    # y_j = γ(x_j − μ) + β with μ = (1/n) Σ x_l: ∂y_j/∂x_i = γ(δ_ij − 1/n)
    assert sp.expand(d["dy_dx"].expr - gamma * (sp.KroneckerDelta(i, j) - 1 / n)) == 0


def test_dL_dx_has_the_cross_terms(d):
    # ∂L/∂x_i = Σ_j ∂L/∂y_j γ(δ_ij − 1/n) = γ(∂L/∂y_i − (1/n) Σ_j ∂L/∂y_j)
    expected = gamma * (G[i] - sp.Sum(G[j], (j, 1, n)) / n)
    got = d["dL_dx"].expr
    assert sp.simplify(got - expected) == 0
    assert d["dL_dx"].numeric.passed and d["dL_dx"].numeric.points >= 6
    assert "sum_{j=1}^{n}" in d["dL_dx"].latex


def test_limits(d):
    assert d["dL_dx_n1"].expr == 0  # n = 1: y_1 = β whatever x_1 is
    lim = d["dL_dx_limit"].expr
    assert lim.has(sp.Limit)  # the mean of an unknown sequence stays a written limit
    assert d["dL_dx_limit"].numeric.passed


# location → (verdict, why)
EXPECTED = {
    "Exercise 3(b), lines 181-183": (
        NOT_EQUIVALENT,
        "the write-up keeps only the j = i term: γ(1 − 1/n) ∂L/∂y_i misses −(γ/n) Σ_{j≠i} ∂L/∂y_j, "
        "so any point where the other upstream gradients are not all zero differs",
    ),
    "Exercise 3(b), line 186 (n = 1)": (
        EQUIVALENT,
        "with one input the output is β: the gradient is 0",
    ),
    "Exercise 3(b), lines 185-187 (n → ∞, where (n−1)/n → 1)": (
        NOT_EQUIVALENT,
        "the limit is γ(∂L/∂y_i − lim mean_j ∂L/∂y_j), not γ ∂L/∂y_i: at a sequence whose mean "
        "tends to c it is γ(∂L/∂y_i − c)",
    ),
}


@pytest.fixture(scope="module")
def verdicts(p):
    return {c.location: v for c, v in p.check_claims()}


@pytest.mark.parametrize("location", EXPECTED)
def test_claims(verdicts, location):
    expected, why = EXPECTED[location]
    v = verdicts[location]
    assert v.status == expected, (why, v.reason)
    if location.endswith("→ 1)"):
        assert "sequences" in v.witness and v.witness["derived"] != v.witness["claimed"]


@pytest.mark.parametrize(
    "latex",
    [
        r"\gamma\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{k=1}^{n} \frac{\partial L}{\partial y_k}\right)",
        r"\gamma \frac{\partial L}{\partial y_i} - \frac{\gamma}{n}\sum_{j=1}^{n} \frac{\partial L}{\partial y_j}",
        r"\sum_{j=1}^{n} \frac{\partial L}{\partial y_j} \gamma (\delta_{ij} - \frac{1}{n})",
    ],
)
def test_correct_backward_passes_are_equivalent(p, latex):
    v = p.check(latex, target="dL_dx")
    assert v.status == EQUIVALENT, v.reason


USER_SPEC = """
import sympy as sp
from symderiv.ops.functions import Upstream
from symderiv.spec import Definition, Problem, Source, Target

m = sp.Symbol("m", integer=True, positive=True)
i, k = sp.symbols("i k", integer=True, positive=True)
w, x, z = (sp.IndexedBase(s, real=True) for s in "wxz")
L = sp.Symbol("L", real=True)
PROBLEM = Problem(
    id="scale", title="an elementwise scale layer", source=Source("tests", "-"), statement="",
    shapes={w: (m,), x: (m,), z: (m,)},
    definitions=(Definition(L, Upstream(z)), Definition(z[k], w[k] * x[k] ** 2)),
    targets=(Target("dL_dw", sp.Derivative(L, w[i])), Target("dL_dx", sp.Derivative(L, x[i]))),
)
"""


def test_upstream_chain_rule_beyond_the_seed(tmp_path):
    (tmp_path / "scale.py").write_text(USER_SPEC)
    prob = symderiv.load("scale", [tmp_path])
    dd = prob.derive(cache=False)
    Lz = gradient_base(sp.Symbol("L", real=True), sp.IndexedBase("z", real=True))
    x = sp.IndexedBase("x", real=True)
    w = sp.IndexedBase("w", real=True)
    assert sp.expand(dd["dL_dw"].expr - Lz[i] * x[i] ** 2) == 0
    assert sp.expand(dd["dL_dx"].expr - 2 * Lz[i] * w[i] * x[i]) == 0
    assert dd["dL_dx"].numeric.passed
