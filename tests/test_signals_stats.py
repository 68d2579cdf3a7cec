"""Exercises 2(c), 2(d) and 1(c) of seed 004, and the signal tools beyond them."""

import pytest
import sympy as sp

import symderiv
from symderiv.check import EQUIVALENT, NOT_CHECKABLE, NOT_EQUIVALENT, NUMERIC
from symderiv.ops.signals import Conv2D, OutputSize


@pytest.fixture(scope="module")
def d():
    return symderiv.load("hw3_2cd").derive(cache=False)


def test_sobel_valid_and_correlation(d):
    assert d["valid"].expr == sp.Matrix(3, 3, [-40] * 9)
    assert d["valid_correlation"].expr == sp.Matrix(3, 3, [40] * 9)  # no flip: the sign changes
    a = sp.Symbol("a", real=True)
    assert d["valid_ramp"].expr == sp.Matrix(3, 3, [-8 * a] * 9)  # −8a; the image has a = 5
    assert all(d[t].numeric.passed for t in ("valid", "valid_ramp", "pad1_stride1", "pad1_stride2"))


def test_padding_and_stride(d):
    full = d["pad1_stride1"].expr
    assert full.shape == (5, 5) and full[0, :] == sp.Matrix([[-19, -28, -32, -36, -29]])
    assert d["pad1_stride2"].expr == full[::2, ::2]
    N, k, p, s = sp.symbols("N k p s", integer=True, positive=True)
    assert d["output_size"].expr == sp.floor((N + 2 * p - k) / s) + 1


def test_conv2d_beyond_the_seed():
    x = sp.Matrix(4, 6, lambda i, j: (3 * i - 2 * j) % 7 - 3)
    h = sp.Matrix([[1, 0], [2, -1]])  # not symmetric: flip matters
    for pad_, stride in [(0, 1), (1, 2), (2, 3)]:
        for kind in (0, 1):
            op = Conv2D(x, h, pad_, stride, kind)
            y = op.derive(None, [])
            assert op.check(y).passed
    bad = Conv2D(x, h, 0, 1, 1).derive(None, []).copy()
    bad[1, 2] += 1
    assert not Conv2D(x, h, 0, 1, 1).check(bad).passed
    assert OutputSize(*sp.symbols("N k p s")).check(sp.floor(sp.Symbol("N") / 2)).passed is False


EXPECTED = {
    "Exercise 2(c), lines 139-141": "every window of the ramp 5m + n + 1 gives −8·5 = −40",
    "Exercise 2(d)(i), line 149": "the border rows lose the padded row: −19 … 59 as written",
    "Exercise 2(d)(ii), line 153": "stride 2 keeps rows and columns 1, 3, 5 of (i)",
}


def test_2cd_claims():
    verdicts = {c.location: v for c, v in symderiv.load("hw3_2cd").check_claims()}
    for loc, why in EXPECTED.items():
        assert verdicts[loc].status == EQUIVALENT, (why, verdicts[loc].reason)


def test_a_wrong_matrix_names_its_entry():
    p = symderiv.load("hw3_2cd")
    v = p.check(
        r"\begin{bmatrix} -19 & -32 & -29 \\ -30 & -40 & -30 \\ 49 & 72 & 58 \end{bmatrix}",
        target="pad1_stride2",
    )
    assert v.status == NOT_EQUIVALENT and v.witness["entry"] == "(3, 3)"


def test_normal_density_and_peak():
    p = symderiv.load("hw3_1c")
    d = p.derive(cache=False)
    u, beta = sp.Symbol("y", real=True), sp.Symbol(r"\beta", real=True)  # f_Y(y)
    gamma = sp.Symbol(r"\gamma", positive=True)
    expected = sp.exp(-((u - beta) ** 2) / (2 * gamma**2)) / (gamma * sp.sqrt(2 * sp.pi))
    assert sp.simplify(d["density"].expr - expected) == 0
    assert d["peak_b3"].expr == 3
    assert sp.simplify(d["peak_value_b3"].expr - 1 / sp.sqrt(2 * sp.pi)) == 0
    verdicts = {c.location: v for c, v in p.check_claims()}
    assert verdicts["Exercise 1(c), line 13"].status == EQUIVALENT
    v = verdicts["Exercise 1(c), line 15"]  # 1/√(2π) = 0.3989 is 0.4 to one significant figure
    assert v.status == NUMERIC and "±0.05" in v.reason
    assert p.check(r"f(3) \approx 0.5", target="peak_value_b3").status == NOT_EQUIVALENT


def test_unjudgeable_answers_are_recorded_with_the_reason():
    verdicts = symderiv.load("hw3_unjudged").check_claims()
    assert len(verdicts) == 4
    assert all(v.status == NOT_CHECKABLE and v.reason for _, v in verdicts)
