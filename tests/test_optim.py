"""Exercises 4(a) and 4(b) of seed 004, and the recurrence tools beyond them."""

import pytest
import sympy as sp

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT
from symderiv.ops.optim import SolveFor, Unroll, check_unroll

t = sp.Symbol("t", integer=True, positive=True)
k = sp.Symbol("k", integer=True, positive=True)


@pytest.fixture(scope="module")
def d4a():
    return symderiv.load("hw3_4a").derive(cache=False)


def test_adam_moments_unrolled(d4a):
    b1 = sp.Symbol(r"\beta_1", positive=True)
    g = sp.IndexedBase("g", real=True)
    expected = (1 - b1) * sp.Sum(b1 ** (t - k) * g[k], (k, 1, t))
    assert sp.simplify(d4a["m_unrolled"].expr - expected) == 0
    assert d4a["m_unrolled"].numeric.passed and d4a["m_unrolled"].numeric.points == 18


def test_constant_gradient_needs_the_bias_correction(d4a):
    b1, gc = sp.Symbol(r"\beta_1", positive=True), sp.Symbol("g", real=True)
    assert sp.simplify(d4a["m_constant"].expr - (1 - b1**t) * gc) == 0  # so m̂_t = m_t/(1−β_1^t) = g


EXPECTED_4A = {
    "Exercise 4(a), line 6, blank (A)": "β_1 and 1 − β_1 are swapped: Algorithm 1 keeps β_1 of m_{t−1} and adds (1 − β_1) g_t",
    "Exercise 4(a), line 7, blank (B)": "likewise for β_2: v_t = β_2 v_{t−1} + (1 − β_2) g_t²",
    "Exercise 4(a), line 8": "Algorithm 1 divides by the bias corrections 1 − β_1^t, 1 − β_2^t and adds ε; at t = 1 they differ",
}


@pytest.fixture(scope="module")
def v4a():
    return {c.location: v for c, v in symderiv.load("hw3_4a").check_claims()}


@pytest.mark.parametrize("location", EXPECTED_4A)
def test_adam_blanks(v4a, location):
    v = v4a[location]
    assert v.status == NOT_EQUIVALENT, (EXPECTED_4A[location], v.reason)
    assert v.witness["claimed"] != v.witness["derived"]


def test_the_right_blanks_pass():
    p = symderiv.load("hw3_4a")
    assert (
        p.check(r"m_t \leftarrow \beta_1 m_{t-1} + (1-\beta_1) g_t", target="m_update").status
        == EQUIVALENT
    )
    assert p.check(r"\beta_2 v_{t-1} + (1-\beta_2) g_t^2", target="v_update").status == EQUIVALENT


EXPECTED_4B = {
    "Exercise 4(b), line 214": "∇(f + (λ/2)θ²) = ∇f + λθ",
    "Exercise 4(b), line 220": "θ − η(∇f + λθ)",
    "Exercise 4(b), line 222": "= (1 − ηλ)θ − η∇f",
    "Exercise 4(b), line 224": "the two SGD steps agree for every θ exactly when γ = ηλ",
}


@pytest.fixture(scope="module")
def v4b():
    return {c.location: v for c, v in symderiv.load("hw3_4b").check_claims()}


@pytest.mark.parametrize("location", EXPECTED_4B)
def test_weight_decay_claims(v4b, location):
    assert v4b[location].status == EQUIVALENT, (EXPECTED_4B[location], v4b[location].reason)


def test_adam_breaks_the_equivalence():
    d = symderiv.load("hw3_4b").derive(cache=False)
    assert d["gamma_for_equivalence"].latex == r"\gamma = \eta \lambda"
    diff = d["adam_counterexample"].expr
    assert abs(float(diff) - 1e-4) < 1e-8  # Adam normalizes λθ away; AdamW's decay does not
    p = symderiv.load("hw3_4b")
    assert p.check(r"\gamma = \lambda", target="gamma_for_equivalence").status == NOT_EQUIVALENT


def test_momentum_beyond_the_seed():
    # heavy-ball velocity u_t = μ u_{t−1} + g_t, u_0 = 0: u_t = Σ μ^{t−k} g_k
    u, g = sp.IndexedBase("u", real=True), sp.IndexedBase("g", real=True)
    mu = sp.Symbol("mu", positive=True)
    op = Unroll(u, mu * u[t - 1] + g[t], t, sp.S.Zero, sp.Tuple())
    closed = op.derive(None, [])
    assert sp.simplify(closed - sp.Sum(mu ** (t - k) * g[k], (k, 1, t))) == 0
    assert check_unroll(op, closed).passed
    # a wrong closed form fails the same check
    assert not check_unroll(op, sp.Sum(mu ** (t - k + 1) * g[k], (k, 1, t))).passed
    # nonzero start: u_0 = 1
    op1 = Unroll(u, mu * u[t - 1] + g[t], t, sp.S.One, sp.Tuple())
    assert check_unroll(op1, op1.derive(None, [])).passed


def test_solve_for_rejects_state_dependent_values():
    from symderiv.errors import DerivationError

    th, a, c = sp.symbols("theta a c", real=True)
    with pytest.raises(DerivationError):
        SolveFor(th - a * th**2, th - c * th, c, sp.Tuple(th)).derive(
            None, []
        )  # c = aθ depends on θ


def _momentum():
    t = sp.Symbol("t", integer=True, positive=True)
    v, g, theta = sp.IndexedBase("v"), sp.IndexedBase("g"), sp.IndexedBase("theta")
    mu, eta, g0, th0 = sp.symbols("mu eta g0 theta0", positive=True)
    v_closed = Unroll(v, mu * v[t - 1] + g[t], t, sp.S.Zero, sp.Tuple(sp.Tuple(g, g0)))
    theta_closed = Unroll(
        theta, theta[t - 1] - eta * v[t], t, th0,
        sp.Tuple(sp.Tuple(g, g0), sp.Tuple(v, v_closed)),
    )  # fmt: skip
    return t, mu, eta, g0, th0, v_closed, theta_closed


def test_iterating_coupled_recurrences_matches_a_plain_loop():
    """The iteration the closed forms and the limit are checked against, at 3000 steps
    (compiled) and at 5 (substituted), against a loop written here."""
    t, mu, eta, g0, th0, _v_closed, theta_closed = _momentum()
    values = {mu: sp.Float("0.9", 30), eta: sp.Float("0.1", 30), g0: sp.Float("0.5", 30),
              th0: sp.Float("2", 30)}  # fmt: skip
    v_, th_ = 0.0, 2.0
    loop = {}
    for step in range(1, 3001):
        v_ = 0.9 * v_ + 0.5
        th_ = th_ - 0.1 * v_
        loop[step] = th_
    for steps in (5, 3000):
        got = theta_closed.brute_force({**values, t: sp.Integer(steps)})
        assert float(got) == pytest.approx(loop[steps], rel=1e-9)


def test_the_limit_check_tells_a_wrong_limit():
    """lim v_t = g/(1 − μ) for v_t = μ v_{t−1} + g; g/(1 + μ) is refuted."""
    _t, mu, _eta, g0, _th0, v_closed, _ = _momentum()
    assert v_closed.limit_check(g0 / (1 - mu)).passed
    assert not v_closed.limit_check(g0 / (1 + mu)).passed
