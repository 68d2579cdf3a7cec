r"""Sums written with an ellipsis (issue 28, class 3): x_1 + x_2 + \dots + x_N, 1 + μ + ⋯ +
μ^{t−1}, g_t + β g_{t−1} + … + β^{t−1} g_1, in LaTeX and typed as plain text. Each is read
as the Σ it stands for; what the written terms mean is computed here with NumPy, term by
term, and the reading is held to it. Terms that do not follow one pattern are unreadable,
naming the dots: nothing is guessed."""

import numpy as np
import pytest
import sympy as sp

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT, NUMERIC, UNREADABLE
from symderiv.check.read.ellipsis import _Mismatch, sum_with_ellipsis

OK = {EQUIVALENT, NUMERIC}


def check(pid, target, latex):
    return symderiv.load(pid).check(latex, target=target, timeout=30)


# -- what the engine reads, against NumPy sums of the same terms ------------------------

t, N = sp.symbols("t N", integer=True, positive=True)
mu, beta = sp.symbols("mu beta", real=True)
x, g = sp.IndexedBase("x"), sp.IndexedBase("g")


def _value(expr, **at):
    """A Σ at concrete sizes and values, written out by SymPy's doit."""
    e = expr.xreplace({t: at.get("t", 0), N: at.get("N", 0)}).doit()
    vals = {mu: at.get("mu", 0), beta: at.get("beta", 0)}
    for name, base in (("x", x), ("g", g)):
        arr = at.get(name)
        if arr is not None:
            vals.update({base[n + 1]: arr[n] for n in range(len(arr))})
    return float(e.xreplace(vals))


def test_a_geometric_sum():
    s = sum_with_ellipsis([sp.S.One, mu], [mu ** (t - 1)])
    for tv in (1, 2, 5):
        want = np.sum(0.7 ** np.arange(tv))  # 1 + μ + … + μ^{t−1}
        assert _value(s, t=tv, mu=0.7) == pytest.approx(want)


def test_an_exponential_moving_average_written_out():
    # g_t + β g_{t−1} + … + β^{t−1} g_1
    s = sum_with_ellipsis([g[t], beta * g[t - 1]], [beta ** (t - 1) * g[1]])
    rng = np.random.default_rng(3)
    for tv in (2, 4, 6):
        gv = rng.normal(size=tv)
        want = sum(0.9**j * gv[tv - 1 - j] for j in range(tv))
        assert _value(s, t=tv, beta=0.9, g=gv) == pytest.approx(want)


@pytest.mark.parametrize(
    "before,after",
    [
        ([x[1], x[2]], [x[N]]),  # x_1 + x_2 + … + x_N
        ([x[1]], [x[N]]),  # x_1 + … + x_N
        ([x[N], x[N - 1]], [x[1]]),  # falling: x_N + x_{N−1} + … + x_1
        ([x[1]], [x[N - 1], x[N]]),  # x_1 + … + x_{N−1} + x_N
    ],
)
def test_sums_of_entries(before, after):
    s = sum_with_ellipsis(before, after)
    xv = np.array([0.3, -1.1, 2.4, 0.8, -0.5])
    assert _value(s, N=5, x=xv) == pytest.approx(xv.sum())


@pytest.mark.parametrize(
    "before,after",
    [
        ([x[1], x[3]], [x[N]]),  # odd terms: a step of two, not read
        ([x[1], mu], [x[N]]),  # terms of another kind
        ([x[1]], [x[1]]),  # the same term twice: how many?
        ([sp.Symbol("a"), sp.Symbol("b")], [sp.Symbol("z")]),  # letters are not counts
    ],
)
def test_terms_that_follow_no_pattern_are_not_read(before, after):
    with pytest.raises(_Mismatch):
        sum_with_ellipsis(before, after)


# -- whole answers, as students write them ------------------------------------------------

ANSWERS = [
    # momentum: v_t = g (1 + μ + … + μ^{t−1}) = g (1 − μ^t)/(1 − μ)
    ("momentum", "v_closed", r"v_t=(1+\mu+\dots+\mu^{t-1})\,g", OK),
    ("momentum", "v_closed", r"v_t = g\left(1 + \mu + \mu^2 + \cdots + \mu^{t-1}\right)", OK),
    ("momentum", "v_closed", "g*(1 + mu + ... + mu^(t-1))", OK),
    ("momentum", "v_closed", "g (1 + μ + μ² + … + μ^(t−1))", OK),
    ("momentum", "v_closed", r"v_t = g(1 + \mu + \dots + \mu^{t})", {NOT_EQUIVALENT}),
    ("momentum", "v_closed", r"v_t = g(\mu + \mu^2 + \dots + \mu^{t})", {NOT_EQUIVALENT}),
    # Adam's first moment unrolled: (1 − β₁) Σ_{j=0}^{t−1} β₁^j g_{t−j}
    (
        "hw3_4a",
        "m_unrolled",
        r"m_t = (1-\beta_1)\left(g_t+\beta_1 g_{t-1}+\cdots+\beta_1^{t-1}g_1\right)",
        OK,
    ),
    (
        "hw3_4a",
        "m_unrolled",
        r"\[ m_t = (1-\beta_1)\left(g_t + \beta_1 g_{t-1} + \beta_1^2 g_{t-2} + \dots"
        r" + \beta_1^{t-1} g_1\right) \]",
        OK,
    ),
    (  # the exponents run the wrong way
        "hw3_4a",
        "m_unrolled",
        r"m_t = (1-\beta_1)\left(\beta_1^{t-1} g_t + \dots + \beta_1 g_2 + g_1\right)",
        {NOT_EQUIVALENT},
    ),
    # the sample mean
    ("gaussian_mle", "mu_hat", r"\hat\mu = \frac{x_1 + x_2 + \dots + x_N}{N}.", OK),
    ("gaussian_mle", "mu_hat", r"\frac{x_N + x_{N-1} + \dots + x_1}{N}", OK),
    ("gaussian_mle", "mu_hat", r"\frac{1}{N}(x_1 + \cdots + x_{N-1})", {NOT_EQUIVALENT}),
    ("gaussian_mle", "mu_hat", r"\frac{x_1 + x_3 + \dots + x_N}{N}", {UNREADABLE}),
    ("gaussian_mle", "mu_hat", r"\frac{x_1 + x_2 + \dots}{N}", {UNREADABLE}),
]


@pytest.mark.parametrize("pid,target,latex,expected", ANSWERS)
def test_answers_with_ellipses(pid, target, latex, expected):
    v = check(pid, target, latex)
    assert v.status in expected, (latex, v.status, v.reason)
    if v.status == UNREADABLE:
        assert "dots" in v.reason or "ellipsis" in v.reason
