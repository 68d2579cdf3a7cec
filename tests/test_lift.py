"""Lifting index-level entries to matrix form by contraction, checked numerically: the
lifted matrix expression is evaluated with NumPy on random arrays and compared with the
entry evaluated at every (row, column)."""

import numpy as np
import pytest
import sympy as sp
from sympy import KroneckerDelta as delta

from symderiv.engine.calculus import Context
from symderiv.engine.contract import Scalar
from symderiv.engine.matrix_form import explicit, lift
from symderiv.errors import UnsupportedError
from symderiv.ops.matrices import BasisVector, DiagMatrix, ElementwiseApplyFunction
from symderiv.ops.printer import latex
from symderiv.spec import Definition, Problem, Source, Target

n, m, N, p = sp.symbols("n m N p", integer=True, positive=True)
i, j, k, l, r, a, b = sp.symbols("i j k l r a b", integer=True, positive=True)
A, B, C, S, X = sp.symbols("A B C S X", cls=sp.IndexedBase, real=True)
x, y, w, u, v, q, T = sp.symbols("x y w u v q T", cls=sp.IndexedBase, real=True)
SHAPES = {
    A: (N, n),
    B: (m, N),
    C: (n, m),
    S: (n, n),
    X: (N, n),
    x: (n,),
    y: (n,),
    w: (n,),
    u: (N,),
    v: (m,),
    q: (N,),
    T: (n, n, n),
}
SIZES = {n: 3, m: 4, N: 5}


def _ctx(sizes=None):
    return Context(
        Problem(id="t", title="t", source=Source("-", "-"), statement="", shapes=SHAPES), sizes
    )


def _arrays(seed=0):
    rng = np.random.default_rng(seed)
    out = {}
    for base, shape in SHAPES.items():
        dims = tuple(int(sp.sympify(s).subs(SIZES)) for s in shape)
        out[str(base.label)] = rng.uniform(0.1, 0.9, dims)  # p ⊙ (1 − p): a probability
    return out


def _num(e, vals, subs=()):
    """A scalar expression as a float (Indexed entries 1-based, xᵀy and tr(A) evaluated)."""

    def entry(ix):
        arr = vals[str(ix.base.label)]
        return float(arr[tuple(int(t) - 1 for t in ix.indices)])

    e = e.xreplace(dict(subs))
    e = e.replace(lambda t: isinstance(t, Scalar), lambda t: sp.Float(_np(t.mat, vals)[0, 0]))
    e = e.replace(lambda t: isinstance(t, sp.Trace), lambda t: sp.Float(np.trace(_np(t.arg, vals))))
    e = e.xreplace(SIZES).doit()
    e = e.xreplace({ix: sp.Float(entry(ix)) for ix in e.atoms(sp.Indexed)})
    return float(e)


def _np(e, vals):
    """A matrix expression evaluated with NumPy: independent of ``explicit``."""
    if isinstance(e, sp.MatrixSymbol):
        arr = vals[e.name]
        return arr.reshape(-1, 1) if arr.ndim == 1 else arr
    if isinstance(e, sp.MatMul):
        coeff, mats = e.as_coeff_matrices()
        out = _np(mats[0], vals)
        for f in mats[1:]:
            out = out @ _np(f, vals)
        return _num(coeff, vals) * out
    if isinstance(e, sp.MatAdd):
        return sum(_np(t, vals) for t in e.args)
    if isinstance(e, sp.Transpose):
        return _np(e.arg, vals).T
    if isinstance(e, sp.HadamardProduct):
        out = _np(e.args[0], vals)
        for f in e.args[1:]:
            out = out * _np(f, vals)
        return out
    if isinstance(e, DiagMatrix):
        return np.diag(_np(e.args[0], vals).ravel())
    if isinstance(e, ElementwiseApplyFunction):
        fn = e.function
        return np.vectorize(lambda t: float(fn(sp.Float(t))))(_np(e.expr, vals))
    dims = tuple(int(sp.sympify(s).subs(SIZES)) for s in e.shape)
    if isinstance(e, sp.Identity):
        return np.eye(dims[0])
    if isinstance(e, sp.OneMatrix):
        return np.ones(dims)
    if isinstance(e, sp.ZeroMatrix):
        return np.zeros(dims)
    if isinstance(e, BasisVector):
        out = np.zeros(dims)
        out[int(e.args[0]) - 1, 0] = 1.0
        return out
    raise TypeError(f"no NumPy value for {type(e).__name__}: {e}")


def _check(mat, entry, row, col, fixed=()):
    vals = _arrays()
    got = _np(mat.xreplace(dict(fixed)), vals)
    R = got.shape[0]
    assert got.shape[1] == (1 if col is None else got.shape[1])
    for rr in range(1, R + 1):
        for cc in range(1, got.shape[1] + 1) if col is not None else [None]:
            at = {row: rr, **({col: cc} if col is not None else {}), **dict(fixed)}
            want = _num(entry, vals, at)
            assert got[rr - 1, (cc or 1) - 1] == pytest.approx(want, rel=1e-9, abs=1e-9), at


def _sum(e, *limits):
    return sp.Sum(e, *limits)


CASES = [
    # name, entry, row, col, rows, cols, printed (None: not pinned)
    ("AT BT", _sum(A[r, a] * B[b, r], (r, 1, N)), a, b, n, m, "A^{T} B^{T}"),
    (
        "(S + ST) C",
        _sum((S[a, r] + S[r, a]) * C[r, b], (r, 1, n)),
        a,
        b,
        n,
        m,
        r"\left(S + S^{T}\right) C",
    ),
    (
        "XT diag(q(1-q)) X",
        _sum(X[r, a] * q[r] * (1 - q[r]) * X[r, b], (r, 1, N)),
        a,
        b,
        n,
        n,
        r"X^{T} \operatorname{diag}\left(q \circ \left(1 - q\right)\right) X",
    ),
    (
        "B A C",
        _sum(_sum(B[i, k] * A[k, l] * C[l, j], (l, 1, n)), (k, 1, N)),
        i,
        j,
        m,
        m,
        "B A C",
    ),
    ("x vT", x[i] * v[j], i, j, n, m, "x v^{T}"),
    (
        "XT (X w - u)",
        _sum(X[j, i] * (_sum(X[j, k] * w[k], (k, 1, n)) - u[j]), (j, 1, N)),
        i,
        None,
        n,
        1,
        r"X^{T} \left(X w - u\right)",
    ),
    (
        "2 AT (A x - u)",
        2 * _sum(A[k, i] * (_sum(A[k, l] * x[l], (l, 1, n)) - u[k]), (k, 1, N)),
        i,
        None,
        n,
        1,
        r"2 A^{T} \left(A x - u\right)",
    ),
    (
        "the same, multiplied out",
        2 * _sum(A[k, i] * _sum(A[k, l] * x[l], (l, 1, n)), (k, 1, N))
        - 2 * _sum(A[k, i] * u[k], (k, 1, N)),
        i,
        None,
        n,
        1,
        None,
    ),
    (
        "tr(S) C",
        _sum(S[k, k], (k, 1, n)) * C[i, j],
        i,
        j,
        n,
        m,
        r"\operatorname{tr}\left(S \right) C",
    ),
    (
        "tr(S C ...) cycle",
        _sum(_sum(A[k, l] * X[k, l], (l, 1, n)), (k, 1, N)) * x[i],
        i,
        None,
        n,
        1,
        None,
    ),
    (
        "(xT y) x vT",
        _sum(x[k] * y[k], (k, 1, n)) * x[i] * v[j],
        i,
        j,
        n,
        m,
        r"\left(x^{T} y\right) x v^{T}",
    ),
    ("inner product inside the sum", _sum(x[k] * y[k] * C[i, j], (k, 1, n)), i, j, n, m, None),
    (
        "quadratic form",
        _sum(_sum(x[k] * S[k, l] * y[l], (l, 1, n)), (k, 1, n)) * w[i],
        i,
        None,
        n,
        1,
        None,
    ),
    (
        "diag(x) - x xT",
        x[i] * (delta(i, j) - x[j]),
        i,
        j,
        n,
        n,
        r"\operatorname{diag}\left(x\right) - x x^{T}",
    ),
    ("x ⊙ (S y)", x[i] * _sum(S[i, k] * y[k], (k, 1, n)), i, None, n, 1, None),
    ("diag(x) S diag(y)", x[i] * S[i, j] * y[j], i, j, n, n, None),
    ("S 1", _sum(S[i, k], (k, 1, n)), i, None, n, 1, None),
    ("1ᵀ u, a count", _sum(u[k] + 1, (k, 1, N)) * x[i], i, None, n, 1, None),
    ("exp(C) elementwise", sp.exp(C[i, j]) * v[j], i, j, n, m, None),
    ("δ_ij (1 - x_i²)", delta(i, j) * (1 - x[i] ** 2), i, j, n, n, None),
    ("e_k xᵀ", delta(i, k) * x[j], i, j, n, n, None),
    ("row of A", A[k, i], i, None, n, 1, None),
    ("x (xᵀ x)", x[i] * _sum(x[k] ** 2, (k, 1, n)), i, None, n, 1, None),
    ("constant", sp.Integer(3), i, j, n, m, None),
    (
        "a scalar sum that is no product",
        _sum(x[k + 1] * y[k], (k, 1, n - 1)) * x[i],
        i,
        None,
        n,
        1,
        None,
    ),
    ("(1ᵀx)(1ᵀy) x", _sum(x[k] * _sum(y[l], (l, 1, n)), (k, 1, n)) * x[i], i, None, n, 1, None),
    ("(x_i - y_j)²", (x[i] - y[j]) ** 2, i, j, n, n, None),
]


@pytest.mark.parametrize(
    ("entry", "row", "col", "nr", "nc", "printed"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_lift_matches_the_entries(entry, row, col, nr, nc, printed):
    mat = lift(_ctx(), entry, row, col, nr, nc)
    fixed = {k: 2} if k in entry.free_symbols - {row, col} else {}
    _check(mat, entry, row, col, fixed)
    if printed is not None:
        assert latex(mat) == printed
    # the engine's own evaluation (what the numeric checks and the grader use) agrees
    ex = explicit(_ctx(), mat.xreplace(fixed), SIZES)
    vals = _arrays()
    assert np.allclose(
        np.array([[_num(e, vals) for e in ex.row(t)] for t in range(ex.rows)]),
        _np(mat.xreplace(fixed), vals),
    )


def test_lift_at_concrete_sizes():
    ctx = _ctx(SIZES)
    entry = _sum(A[r, a] * B[b, r], (r, 1, 5))
    mat = lift(ctx, entry, a, b, 3, 4)
    assert latex(mat) == "A^{T} B^{T}"
    _check(mat, entry, a, b)


@pytest.mark.parametrize(
    ("entry", "row", "col", "nr", "nc", "names"),
    [
        (X[i + a - 1, j], i, j, n, n, "X[a + i - 1, j]"),  # an index expression
        (_sum(T[i, k, j] * x[k], (k, 1, n)), i, j, n, n, "T[i, k, j]"),  # three indices
        (_sum(_sum(S[i, k] * S[k, j] * S[k, l], (k, 1, n)), (l, 1, n)), i, j, n, n, "k"),  # 3 times
        (S[i, j] * S[j, i], i, j, n, n, "j"),  # a free index twice: a Hadamard product
        (_sum(S[i, k] * x[k], (k, 2, n)), i, None, n, 1, "runs from 2"),  # a partial sum
        (_sum(A[k, i] * x[k], (k, 1, n)), i, None, n, 1, "A"),  # a range not A's
    ],
)
def test_lift_refuses_naming_the_factor(entry, row, col, nr, nc, names):
    with pytest.raises(UnsupportedError) as err:
        lift(_ctx(), entry, row, col, nr, nc)
    assert names in str(err.value)


def test_a_derived_target_is_lifted_and_checked():
    """A small problem through the engine: ∂L/∂x for L = ‖A x − u‖² at symbolic sizes."""
    from symderiv.engine.derive import derive_problem

    L, e = sp.Symbol("L", real=True), sp.IndexedBase("e", real=True)
    prob = Problem(
        id="lsq",
        title="least squares",
        source=Source("-", "-"),
        statement="",
        shapes={A: (N, n), x: (n,), u: (N,), e: (N,)},
        definitions=(
            Definition(e[k], _sum(A[k, l] * x[l], (l, 1, n)) - u[k], "the residual"),
            Definition(L, _sum(e[k] ** 2, (k, 1, N))),
        ),
        targets=(Target("dL_dx", sp.Derivative(L, x[i]), "∂L/∂x", as_matrix=(i, None)),),
    )
    res = derive_problem(prob, cache=False)["dL_dx"]
    assert isinstance(res.expr, sp.MatrixExpr)
    assert res.numeric.passed
    assert latex(res.expr) == "2 A^{T} e"


def test_the_numeric_comparison_sees_a_wrong_matrix():
    entry = _sum(A[r, a] * B[b, r], (r, 1, N))
    AT, BT = sp.MatrixSymbol("A", N, n).T, sp.MatrixSymbol("B", m, N).T
    _check(sp.MatMul(AT, BT), entry, a, b)
    with pytest.raises(AssertionError):
        _check(sp.MatMul(2, AT, BT), entry, a, b)
