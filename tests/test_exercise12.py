"""Exercise 1.2 of seed 000 (the DCT as convolutions) and the transform tools beyond it."""

import pytest
import sympy as sp

import symderiv
from symderiv.check import EQUIVALENT, NOT_CHECKABLE, NOT_EQUIVALENT
from symderiv.ops.transforms import Kernel, Normalization, Separable2D, Transform

k, i, j = sp.symbols("k i j", integer=True)
N = 4


def cosine(kk, jj, n=N):
    return sp.cos(sp.pi * (jj + sp.Rational(1, 2)) * kk / n)


def c(kk, n=N):  # the orthonormal DCT-II factors, written independently of the engine
    return 1 / sp.sqrt(n) if kk == 0 else sp.sqrt(sp.Rational(2, n))


@pytest.fixture(scope="module")
def p():
    return symderiv.load("exercise12")


@pytest.fixture(scope="module")
def d(p):
    return p.derive(cache=False)


def test_normalization_is_derived_from_the_row_norms(d):
    norm = d["norm"].expr  # 1/‖row_k‖ of the cosine basis: ‖row_0‖² = 4, ‖row_k‖² = 2
    assert [norm.subs(k, kk) for kk in range(N)] == [c(kk) for kk in range(N)]
    assert d["norm"].numeric.passed and d["norm"].numeric.points == 16


def test_kernel_at_position_k(d):
    K = d["kernel"].expr
    for kk in range(N):
        for ii in range(-2 * N, 2 * N):
            # Y_k = Σ_j x_j K_k[k − j] ⇒ K_k[i] = c_k cos(π (k − i + ½) k / N) for k−3 ≤ i ≤ k
            want = c(kk) * cosine(kk, kk - ii) if kk - N + 1 <= ii <= kk else 0
            assert sp.simplify(K.subs({k: kk, i: ii}) - want) == 0, (kk, ii)
    assert d["kernel"].numeric.passed


def test_causal_kernel_has_taps_0_to_N_minus_1(d):
    K = d["kernel_causal"].expr
    for kk in range(N):
        taps = [ii for ii in range(-N, 2 * N) if K.subs({k: kk, i: ii}) != 0 or ii in (0, N - 1)]
        assert min(taps) == 0 and max(taps) == N - 1
        # every Y_k read at position N − 1: K_k[i] = c_k cos(π (N − 1 − i + ½) k / N)
        for ii in range(N):
            want = c(kk) * cosine(kk, N - 1 - ii)
            assert sp.simplify(K.subs({k: kk, i: ii}) - want) == 0


def test_kernel_convolved_with_a_concrete_signal_gives_the_dct(d):
    sig = [3, -1, 4, 1]
    K = d["kernel"].expr
    for kk in range(N):
        via_conv = sum(
            (sig[kk - ii] if 0 <= kk - ii < N else 0) * K.subs({k: kk, i: ii})
            for ii in range(-N, N + 1)
        )
        direct = c(kk) * sum(sig[jj] * cosine(kk, jj) for jj in range(N))
        assert abs(sp.N(via_conv - direct, 30)) < 1e-25


def test_2d_is_two_separable_passes(d):
    r = d["dct2d"]
    assert r.numeric.passed and "two passes" in r.numeric.method
    X = sp.Matrix(N, N, lambda a, b: (a * 5 + b * 3) % 7)
    D = sp.Matrix(N, N, lambda kk, jj: c(kk) * cosine(kk, jj))
    Y = r.expr.subs(sp.MatrixSymbol("X", N, N), X).doit()
    assert max(abs(sp.N(e, 30)) for e in Y - D * X * D.T) < 1e-25


def test_exercise12_claims(p):
    verdicts = {c.location: v for c, v in p.check_claims()}
    # line 45: 1/√N for every k is orthonormal only for k = 0; for k ≥ 1 the DCT has √(2/N),
    # a factor √2 more, so any nonzero input with k = 1 is a witness
    v = verdicts["Exercise 1.2, line 45 (the write-up's DCT)"]
    assert v.status == NOT_EQUIVALENT and v.witness["at"]["k"] != "0"
    v = verdicts["Exercise 1.2, line 45 (its normalization)"]
    assert v.status == NOT_EQUIVALENT and v.witness["at"]["k"] != "0"
    assert float(v.witness["derived"]) == pytest.approx(float(sp.sqrt(2) / 2))
    # line 57: −(k − j) + k = j, so with 2α_k = c_k it is the DCT itself
    assert (
        verdicts["Exercise 1.2, line 57 (the underbrace annotation dropped)"].status == EQUIVALENT
    )
    # line 63: the formula c_k cos(π(−i + k + ½)k/N) is the kernel at position k ...
    assert verdicts["Exercise 1.2, line 63 (the formula)"].status == EQUIVALENT
    # ... but its stated range 0 ≤ i ≤ N − 1 is not the support k − N + 1 ≤ i ≤ k: for k = 1
    # the taps i = −2, −1 are needed (Y_1 uses x_2, x_3 through them) and i = 2, 3 are extra
    v = next(v for loc, v in verdicts.items() if loc.startswith("Exercise 1.2, lines 63-67"))
    assert v.status == NOT_EQUIVALENT
    at = {name: int(val) for name, val in v.witness["at"].items()}
    assert not at["k"] - N + 1 <= at["i"] <= at["k"] or not 0 <= at["i"] <= N - 1
    unjudged = [loc for loc, v in verdicts.items() if v.status == NOT_CHECKABLE]
    assert len(unjudged) == 4 and all(verdicts[loc].reason for loc in unjudged)


def test_transform_tools_beyond_the_seed():
    # a DCT-II of length 3, read at the causal position, and a non-symmetric transform
    n = 3
    a3 = sp.Lambda((k, j), c(1, n) * cosine(k, j, n))  # one factor for every row: fine here
    for position in (sp.Lambda(k, k), sp.Lambda(k, n - 1), sp.Lambda(k, 2 * k + 1)):
        op = Kernel(a3, n, position, i, k, 1)
        K = op.derive(None, [])
        assert op.check(K).passed
        bad = K + sp.Piecewise((1, sp.Eq(i, position(k) + 1)), (0, True))  # an extra tap
        assert not op.check(bad).passed
    ramp = sp.Lambda((k, j), (k + 1) * j + k)  # not a cosine basis: the rule is general
    op = Kernel(ramp, 5, sp.Lambda(k, k), i, k, 1)
    K = op.derive(None, [])
    assert K.subs({k: 2, i: 1}) == 3 * 1 + 2  # j = k − i = 1
    assert K.subs({k: 2, i: 3}) == 0  # outside k − 4 ≤ i ≤ k
    assert op.check(K).passed
    # orthonormal factors of the length-8 DCT-II: 1/√8 and 1/2
    norm = Normalization(sp.Lambda((k, j), cosine(k, j, 8)), 8, k)
    cn = norm.derive(None, [])
    assert [cn.subs(k, kk) for kk in range(8)] == [1 / sp.sqrt(8)] + [sp.Rational(1, 2)] * 7
    assert norm.check(cn).passed and not norm.check(cn * 2).passed
    t = Transform(ramp, 5, k)
    assert t.check(t.derive(None, [])).passed
    s2 = Separable2D(sp.Lambda((k, j), c(k, 3) * cosine(k, j, 3)), 3, sp.Lambda(k, 2))
    assert s2.check(s2.derive(None, [])).passed
