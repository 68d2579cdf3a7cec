"""Summation case-splitting and convolution closed forms, on the seed and beyond it."""

import pytest
import sympy as sp

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT, NUMERIC, UNREADABLE
from symderiv.ops.sums import Convolution, split_range, support

n = sp.Symbol("n", integer=True)
m = sp.Symbol("m", integer=True)
L = sp.Symbol("L", integer=True, positive=True)
M = sp.Symbol("M", integer=True, positive=True)


def box(length):
    return sp.Lambda(m, sp.Piecewise((1, (m >= 0) & (m <= length - 1)), (0, True)))


def test_support_is_read_off_the_piecewise():
    s = support(sp.Lambda(m, sp.Piecewise((m**2, (m > 2) & (m < 9)), (0, True))))
    assert (s.value, s.lo, s.hi) == (m**2, 3, 8)


def test_split_range_of_the_fir_sum():
    cases = split_range([sp.S(0)], [L - 1, n], n, {})
    # hi = L − 1 when n ≥ L − 1; hi = n when 0 ≤ n ≤ L − 2
    assert {(lo, hi) for lo, hi, _ in cases} == {(0, L - 1), (0, n)}
    conds = {hi: c for _, hi, c in cases}
    assert conds[L - 1] == sp.Ge(n, L - 1)
    assert conds[n] == sp.And(sp.Ge(n, 0), sp.Le(n, L - 2))


def _brute(x, h, nv, subs):
    return sum(x(i).subs(subs) * h(nv - i).subs(subs) for i in range(-40, 41))


def test_fir_closed_form():
    h = sp.Lambda(m, sp.Piecewise((sp.Rational(1, 2) ** m, m >= 0), (0, True)))
    y = Convolution(box(L), h, n).derive(None, [])
    expected = sp.Piecewise(
        ((2**L - 1) / 2**n, n >= L - 1), (2 - 2**-n, (n >= 0) & (n <= L - 2)), (0, True)
    )
    for Lv in (1, 2, 5):
        for nv in range(-3, 12):
            at = {L: Lv, n: nv}
            assert y.subs(at) == expected.subs(at) == _brute(box(L), h, nv, {L: Lv})


def test_two_boxes_make_a_trapezoid():
    # beyond the seed: box of length L with box of length M (two parameters, four regions)
    y = Convolution(box(L), box(M), n).derive(None, [])
    for Lv, Mv in [(3, 5), (5, 3), (4, 4), (1, 6)]:
        for nv in range(-2, 12):
            want = _brute(box(L), box(M), nv, {L: Lv, M: Mv})
            assert y.subs({L: Lv, M: Mv, n: nv}) == want, (Lv, Mv, nv)


@pytest.fixture(scope="module")
def d():
    return symderiv.load("hw3_2ab").derive(cache=False)


def test_derived_y_and_shift(d):
    y = d["y"].expr
    assert y.subs({L: 5, n: 2}) == sp.Rational(7, 4)  # 1 + 1/2 + 1/4
    assert y.subs({L: 5, n: 6}) == sp.Rational(31, 64)  # (2^5 − 1)/2^6
    assert y.subs({L: 5, n: -1}) == 0
    assert d["time_invariance"].expr == 0  # y_2(n) = y(n − 5), symbolically
    assert all(
        d[t].numeric.passed and d[t].numeric.points >= 50 for t in ("y", "y2", "time_invariance")
    )
    rules = [s.rule for s in d["y"].steps]
    assert "split the range into cases" in rules


EXPECTED = {
    "Exercise 2(a), lines 107-109": (
        NOT_EQUIVALENT,
        "for n ≥ L − 1 the sum is Σ_{i=0}^{L−1} (1/2)^{n−i} = (2^L − 1)/2^n, which depends on n; "
        "the write-up's Σ_{i=0}^{L−1} 1/2^i does not (it is right only at n = L − 1)",
    ),
    "Exercise 2(b), lines 117-119 (verbatim)": (
        UNREADABLE,
        "the middle condition ends in '= y_2(n)', a label, not a condition on n",
    ),
    "Exercise 2(b), lines 117-119 (the label '= y_2(n)' moved out of the middle condition)": (
        NOT_EQUIVALENT,
        "the last case should hold for n − 5 ≥ L − 1 and equal (2^L − 1)/2^{n−5}",
    ),
}


@pytest.fixture(scope="module")
def verdicts():
    return {c.location: v for c, v in symderiv.load("hw3_2ab").check_claims()}


@pytest.mark.parametrize("location", EXPECTED)
def test_claims(verdicts, location):
    expected, why = EXPECTED[location]
    v = verdicts[location]
    assert v.status == expected, (why, v.reason)
    if expected == NOT_EQUIVALENT:
        at = v.witness["at"]
        n_, L_ = int(at["n"]), int(at["L"])
        shift = 5 if "2(b)" in location else 0
        assert n_ - shift > L_ - 1  # the counterexample lies in the wrong last case


def test_a_correct_piecewise_answer():
    p = symderiv.load("hw3_2ab")
    v = p.check(
        r"\begin{cases} 0 & n < 0 \\ 2 - 2^{-n} & 0 \leq n \leq L-2 \\ \frac{2^L - 1}{2^n} & n \geq L - 1 \end{cases}",
        target="y",
    )
    assert v.status in (EQUIVALENT, NUMERIC), v.reason
    # the same with the boundary n = L − 1 moved to the middle case: still right (2 − 2^{1−L} = (2^L − 1)/2^{L−1})
    v = p.check(
        r"\begin{cases} 0 & n < 0 \\ \sum_{i=0}^{n} \frac{1}{2^i} & 0 \leq n \leq L-1 \\ 2^{1-n} (2^{L-1} - 2^{-1}) & n > L - 1 \end{cases}",
        target="y",
    )
    assert v.status in (EQUIVALENT, NUMERIC), v.reason


def test_a_region_pinned_to_a_value_it_excludes_is_empty():
    from symderiv.check.decide.regions import _settled

    k, n = sp.symbols("k n", integer=True)
    assert _settled(sp.And(k <= 0, k >= 0, sp.Ne(k, 0)), [k], None)
    assert not _settled(sp.And(k <= 0, k >= 0), [k], None)  # k = 0 is in it
    assert not _settled(sp.And(k <= n, k >= 0, sp.Ne(k, 0)), [k], None)


def test_a_cases_answer_wrong_only_outside_the_tested_window_is_never_proved():
    # hw3_2ab tests n in −3…14 (the spec's domains): an answer that is right there but 0
    # from n = 100 on may agree at every tested point, yet no proof may rest on the window
    ex = symderiv.load("hw3_2ab")
    right = ex.check(r"y(n) = \begin{cases} 0 & n < 0 \\ 2 - 2^{-n} & 0 \le n \le L - 1 \\ "
                     r"(2^L - 1) 2^{-n} & n \ge L \end{cases}", "y")  # fmt: skip
    wrong = ex.check(r"y(n) = \begin{cases} 0 & n < 0 \\ 2 - 2^{-n} & 0 \le n \le L - 1 \\ "
                     r"(2^L - 1) 2^{-n} & L \le n \le 99 \\ 0 & n \ge 100 \end{cases}", "y")  # fmt: skip
    assert right.status == "equivalent", right.reason
    assert wrong.status != "equivalent", wrong.reason


def test_a_definition_unfolded_in_a_proof_does_not_capture_the_answers_index():
    # mlp2: o_r := Σ_k W2_rk h_k + b2_r. In an answer about h_k (free k), o_r written by its
    # definition must sum over another letter, or the answer's k would be captured
    from symderiv.check.decide.zero import by_definitions
    from symderiv.engine.calculus import Context

    ex = symderiv.load("mlp2")
    ctx = Context(ex.problem, {})
    k = next(s for s in ex.derive("dL_db1")["dL_db1"].entry.free_symbols if s.name == "k")
    o = next(b for b in ctx.shapes if str(b) == "o")
    r = sp.Symbol("r", integer=True, positive=True)
    side = sp.Sum(o[r], (r, 1, 3)) * k
    a, _ = next(by_definitions(side, side, ctx))
    for s in a.atoms(sp.Sum):
        assert all(lim[0] != k for lim in s.limits), a
    assert k in a.free_symbols


def _y2(n, L):
    """hw3_2ab's y_2(n) = y(n − 5), y the response of the box of length L to (1/2)^n u(n),
    by the convolution sum itself (exact fractions)."""
    from fractions import Fraction

    m = n - 5
    return sum((Fraction(1, 2) ** (m - k) for k in range(0, L) if m - k >= 0), Fraction(0))


@pytest.mark.parametrize(
    "latex",
    [
        # a decimal as written (0.5 is 1/2), and min of two integer quantities: both proved
        r"y_2(n) = \begin{cases} 0 & \text{for } n < 5 \\ 2 - 0.5^{n-5} & \text{for } 5 \le n "
        r"\le L+4 \\ (2^{L}-1)\,0.5^{n-5} & \text{for } n \geq L+5 \end{cases}",
        r"y_2(n) = \left(2^{\min(n-5,\,L-1)+1} - 1\right) 2^{5-n}\, u(n-5)",
    ],
)
def test_decimals_and_integer_min_are_proved(latex):
    from fractions import Fraction

    for n in range(-2, 20):  # the labels: these forms are the convolution sum
        for L in range(1, 7):
            mn = min(n - 5, L - 1)
            closed = (2 ** (mn + 1) - 1) * Fraction(2) ** (5 - n) if n >= 5 else 0
            assert closed == _y2(n, L)
    v = symderiv.load("hw3_2ab").check(latex, "y2")
    assert v.status == EQUIVALENT and v.reason.startswith("symbolic"), v.reason
    wrong = symderiv.load("hw3_2ab").check(
        latex.replace("0.5^", "0.51^").replace("L-1)", "L)"), "y2"
    )
    assert wrong.status == NOT_EQUIVALENT, wrong.reason
