"""Exercise 1.3: the derived Jacobians against expected expressions written here by hand,
and against SymPy's own ``Matrix.jacobian`` of an independently coded forward pass."""

import pytest
import sympy as sp
from sympy import KroneckerDelta as delta

from symderiv.ops.functions import sigmoid

i, j, k = sp.symbols("i j k", integer=True, positive=True)
n, m = sp.symbols("n m", integer=True, positive=True)
W, x, b = (
    sp.IndexedBase("W", real=True),
    sp.IndexedBase("x", real=True),
    sp.IndexedBase("b", real=True),
)
yt = sp.IndexedBase(r"\tilde{y}", real=True)
u = sp.Symbol("u")


def sigma_prime(a):
    """σ'(a) written as the engine's notation writes it (an unevaluated derivative at a)."""
    return sp.Subs(sp.Derivative(sigmoid(u), u), u, a)


def logistic_prime(a):
    """σ'(a) computed independently: d/du of 1/(1+e^{-u})."""
    return sp.diff(1 / (1 + sp.exp(-u)), u).subs(u, a)


def same(a, b):
    """Equal after writing σ' out and simplifying (not a string comparison)."""

    def plain(e):
        e = e.replace(lambda s: isinstance(s, sp.Subs), lambda s: logistic_prime(s.args[2][0]))
        return e.replace(lambda s: isinstance(s, sigmoid), lambda s: 1 / (1 + sp.exp(-s.args[0])))

    return sp.simplify(plain(a) - plain(b)) == 0


# (target, expected index-level result), written from a hand derivation
INDEX_LEVEL = [
    ("dyt_dW", delta(i, k) * x[j]),
    ("dyt_db", delta(i, k)),
    ("dyt_dx", W[k, i]),
    ("dy_dW", sigma_prime(yt[k]) * delta(i, k) * x[j]),
    ("dy_dx", sigma_prime(yt[k]) * W[k, i]),
    ("dy_db", sigma_prime(yt[k]) * delta(i, k)),
]


@pytest.mark.parametrize("suffix", ["", "_seed"])
@pytest.mark.parametrize(("name", "expected"), INDEX_LEVEL)
def test_index_level_results(d13, name, expected, suffix):
    r = d13[name + suffix]
    assert same(r.entry, expected)
    assert r.numeric.passed and r.numeric.max_error < 1e-12
    assert r.numeric.points >= 6


def test_results_are_written_in_the_problems_notation(d13):
    r = d13["dy_dW"]
    assert r.expr.has(yt[k])  # folded: ỹ_k, not W x + b
    assert not r.expr.has(sp.exp)  # σ', not exponentials
    assert r.latex == (
        r"\frac{\partial y_{k}}{\partial W_{ij}} = "
        r"\sigma'\left(\tilde{y}_{k}\right) \delta_{ik} x_{j}"
    )
    assert r.tex["forms"]["sigmoid"] == (
        r"\sigma\left(\tilde{y}_{k}\right) \left(1 - \sigma\left(\tilde{y}_{k}\right)\right) "
        r"\delta_{ik} x_{j}"
    )


def test_steps_name_the_rules_and_each_is_checked(d13):
    steps = d13["dy_dW"].steps
    rules = [s.rule for s in steps]
    assert rules == [
        "definition",
        "chain rule",
        "definition",
        "differentiate",
        "Kronecker delta collapse",
        "substitute",
        "sigmoid identity",
    ]
    assert all(s.check.startswith("verified at") for s in steps)
    collapse = steps[4]
    assert collapse.tex == (r"\frac{\partial \tilde{y}_{k}}{\partial W_{ij}}", r"\delta_{ik} x_{j}")


def test_symbolic_size_matrix_forms(d13):
    assert d13["dy_dx_matrix"].latex == (
        r"\frac{\partial y}{\partial x} = "
        r"\operatorname{diag}\left(\sigma'\left(\tilde{y}\right)\right) W"
    )
    assert d13["dy_db_matrix"].latex == (
        r"\frac{\partial y}{\partial b} = \operatorname{diag}\left(\sigma'\left(\tilde{y}\right)\right)"
    )
    assert d13["dyk_dW_matrix"].latex == (
        r"\frac{\partial y_{k}}{\partial W} = \sigma'\left(\tilde{y}_{k}\right) e_{k} x^{T}"
    )
    assert d13["dyt_dx"].latex == r"\frac{\partial \tilde{y}}{\partial x} = W"
    assert d13["dyt_db"].latex == r"\frac{\partial \tilde{y}}{\partial b} = I_{n}"


def _forward():
    """y = σ(W x + b) at the seed's sizes, coded independently of the spec."""
    Wm = sp.Matrix(4, 3, lambda r, c: W[r + 1, c + 1])
    xm = sp.Matrix(3, 1, lambda r, c: x[r + 1])
    bm = sp.Matrix(4, 1, lambda r, c: b[r + 1])
    pre = Wm * xm + bm
    return Wm, xm, bm, pre, pre.applyfunc(lambda a: 1 / (1 + sp.exp(-a)))


def _unfold(mat, pre):
    """Replace ỹ_k by (W x + b)_k and σ, σ' by the logistic function and its derivative."""

    def one(e):
        e = e.replace(lambda s: isinstance(s, sp.Subs), lambda s: logistic_prime(s.args[2][0]))
        e = e.replace(lambda s: isinstance(s, sigmoid), lambda s: 1 / (1 + sp.exp(-s.args[0])))
        return e.xreplace({yt[r + 1]: pre[r] for r in range(4)})

    return mat.applyfunc(one)


@pytest.mark.parametrize(("name", "wrt"), [("dy_dx_matrix_seed", "x"), ("dy_db_matrix_seed", "b")])
def test_seed_size_matrices_equal_sympy_jacobian(d13, name, wrt):
    _, xm, bm, pre, y = _forward()
    expected = y.jacobian(xm if wrt == "x" else bm)
    got = _unfold(d13[name].expr, pre)
    assert got.shape == expected.shape == ((4, 3) if wrt == "x" else (4, 4))
    assert (got - expected).applyfunc(sp.simplify) == sp.zeros(*expected.shape)


def test_seed_size_dyk_dW_matrix(d13):
    *_, pre, y = _forward()
    mat = d13["dyk_dW_matrix_seed"].expr
    assert mat.shape == (4, 3)
    for kk in (1, 3):
        got = _unfold(mat.subs(k, kk), pre)
        yk = y[kk - 1]
        expected = sp.Matrix(4, 3, lambda r, c, yk=yk: sp.diff(yk, W[r + 1, c + 1]))
        assert (got - expected).applyfunc(sp.simplify) == sp.zeros(4, 3)


def test_seed_and_symbolic_sizes_differ_only_in_ranges(d13):
    assert d13["dy_dW"].steps[2].rhs.has(m)
    assert not d13["dy_dW_seed"].steps[2].rhs.has(m)
    assert d13["dy_dW_seed"].sizes == {n: 4, m: 3}
