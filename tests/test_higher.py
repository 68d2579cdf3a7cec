"""Second and higher derivatives, derivatives of a defined derivative, and a loss of a
quantity with two indices (issue 29), each checked against autograd at random points and
several sizes: the expectations come from a NumPy forward pass, never from the engine."""

from pathlib import Path

import autograd.numpy as anp
import numpy as np
import pytest
import sympy as sp
from autograd import elementwise_grad, grad, hessian

import symderiv
from symderiv.engine.calculus import Context
from symderiv.ops.functions import gradient_parts, to_elementary

SPECS = [Path(__file__).parent / "specs"]


def _value(problem, expr, sizes, values, upstream=None):
    """``expr`` (an engine result) at concrete sizes and leaf values: defined quantities
    unfolded through the spec's definitions, sums written out, ∂L/∂Y entries from
    ``upstream(indices)``."""
    ctx = Context(problem, {s: v for s, v in sizes.items()})
    e = sp.sympify(expr).xreplace(ctx.sizes)
    for _ in range(30):
        e = to_elementary(e)
        e = e.doit() if e.has(sp.Sum) else e
        grads = {
            a: upstream(tuple(int(i) for i in a.indices))
            for a in e.atoms(sp.Indexed)
            if gradient_parts(str(a.base.label))
        }
        defined = {a: ctx.instance(a) for a in ctx.atoms_of(e) if ctx.is_defined(a)}
        if not grads and not defined:
            break
        e = e.xreplace({**grads, **defined})
    leaves = {}
    for a in e.atoms(sp.Indexed):
        arr = np.asarray(values[str(a.base.label)], dtype=float)
        leaves[a] = float(arr[tuple(int(i) - 1 for i in a.indices)])
    for s in e.free_symbols:
        if str(s) in values and not isinstance(values[str(s)], np.ndarray):
            leaves[s] = float(values[str(s)])
    return float(sp.N(e.xreplace(leaves), 30))


# -- the Hessian of L2-regularised logistic regression ----------------------------------


def _logreg_loss(w, x, y, lam):
    p = 1 / (1 + anp.exp(-anp.dot(w, x)))
    return -y * anp.log(p) - (1 - y) * anp.log(1 - p) + lam / 2 * anp.sum(w**2)


@pytest.fixture(scope="module")
def logreg():
    p = symderiv.load("logreg_hessian_l2", SPECS)
    return p, p.derive()


@pytest.mark.parametrize("n", [2, 3, 5])
@pytest.mark.parametrize("target", ["H", "dg"])
def test_logreg_hessian_agrees_with_autograd(logreg, n, target):
    p, d = logreg
    r = d[target]
    i, j = sp.symbols("i j", integer=True, positive=True)
    rng = np.random.default_rng(n)
    for y in (0.0, 1.0):
        w, x, lam = rng.normal(size=n), rng.normal(size=n), 0.7
        ref = hessian(_logreg_loss)(w, x, y, lam)
        values = {"w": w, "x": x, "y": y, r"\lambda": lam}
        for a in range(1, n + 1):
            for b in range(1, n + 1):
                got = _value(p.problem, r.entry.xreplace({i: a, j: b}), {_n(p): n}, values)
                assert got == pytest.approx(ref[a - 1, b - 1], rel=1e-9, abs=1e-12)


def _n(p):
    return next(iter(p.problem.shapes.values()))[0]


def test_logreg_hessian_prints_in_textbook_form(logreg):
    _, d = logreg
    assert d["H"].latex == (
        r"\frac{\partial^{2} L}{\partial w \partial w^{T}} = \lambda I_{n} + "
        r"p \left(1 - p\right) x x^{T}"  # the book's p(1 − p) x xᵀ, not σ'(s) x xᵀ
    )
    assert d["dg"].latex.endswith(r"= \lambda \delta_{ij} + p \left(1 - p\right) x_{i} x_{j}")
    rules = [s.rule for s in d["H"].steps]
    assert "differentiate again" in rules  # the second derivative is a checked step


# -- derivatives of any order of a scalar unit ---------------------------------------------


@pytest.mark.parametrize("target", ["d2y_dx2", "d3y_dx3", "d2y_dwdx"])
def test_tanh_orders_agree_with_autograd(target):
    p = symderiv.load("tanh_orders", SPECS)
    r = p.derive(target)[target]

    def y(x, w, b):
        return anp.tanh(w * x + b)

    ref = {
        "d2y_dx2": elementwise_grad(elementwise_grad(y, 0), 0),
        "d3y_dx3": elementwise_grad(elementwise_grad(elementwise_grad(y, 0), 0), 0),
        "d2y_dwdx": grad(grad(y, 0), 1),
    }[target]
    rng = np.random.default_rng(7)
    for _ in range(5):
        x, w, b = rng.normal(size=3)
        got = _value(p.problem, r.expr, {}, {"x": x, "w": w, "b": b})
        assert got == pytest.approx(float(ref(x, w, b)), rel=1e-9, abs=1e-12)


# -- a loss of every entry of a two-index output map -------------------------------------


def _conv2d(X, K):
    k = K.shape[0]
    H, W = X.shape
    rows = []
    for i in range(H - k + 1):
        rows.append([anp.sum(K * X[i : i + k, j : j + k]) for j in range(W - k + 1)])
    return anp.array(rows)


@pytest.mark.parametrize(("H", "W", "k"), [(4, 5, 2), (5, 5, 3), (3, 6, 2)])
@pytest.mark.parametrize("target", ["dK", "dX"])
def test_conv2d_backward_agrees_with_autograd(H, W, k, target):
    p = symderiv.load("conv2d_upstream", SPECS)
    r = p.derive(target)[target]
    rng = np.random.default_rng(H * 100 + W * 10 + k)
    X, K = rng.normal(size=(H, W)), rng.normal(size=(k, k))
    C, D = rng.normal(size=(H - k + 1, W - k + 1)), rng.normal(size=(H - k + 1, W - k + 1))

    def loss(X_, K_):  # a fixed smooth loss of every Y_ij
        Y = _conv2d(X_, K_)
        return anp.sum(C * Y + D * Y**2)

    Y = np.array(_conv2d(X, K))

    def upstream(idx):  # ∂L/∂Y_ij of that loss
        i, j = idx[0] - 1, idx[1] - 1
        return C[i, j] + 2 * D[i, j] * Y[i, j]

    ref = grad(loss, 1)(X, K) if target == "dK" else grad(loss, 0)(X, K)
    a, b = sp.symbols("a b", integer=True, positive=True)
    sizes = {sp.Symbol(s, integer=True, positive=True): v for s, v in zip("HWK", (H, W, k))}
    for ia in range(ref.shape[0]):
        for ib in range(ref.shape[1]):
            e = r.expr.xreplace({a: ia + 1, b: ib + 1})
            got = _value(p.problem, e, sizes, {"X": X, "K": K}, upstream)
            assert got == pytest.approx(ref[ia, ib], rel=1e-9, abs=1e-12)


def test_second_derivatives_by_nested_differences_match_autograd():
    """The step checks evaluate ∂²L/∂w_i∂w_j by a central difference of a central
    difference of the forward computation. Every (i, j), visited so that the entries of one
    row come after those of another (∂L/∂w_i differenced by w_1 once held the value of
    another i), against autograd's Hessian at the instance's own point."""
    from symderiv.engine import numeric

    problem = symderiv.load("logreg_hessian").problem
    ctx = Context(problem, {})
    N, d = (sp.Symbol(n, integer=True, positive=True) for n in ("N", "d"))
    inst = numeric.Instance(ctx, {N: 3, d: 2}, seed=5)
    i, j = (sp.Symbol(n, integer=True, positive=True) for n in ("i", "j"))
    L, w = sp.Symbol("L", real=True), sp.IndexedBase("w", real=True)
    hess = sp.Derivative(L, w[i], w[j])
    got = {}
    for a, b in [(1, 1), (2, 1), (1, 2), (2, 2)]:
        got[a, b] = float(inst.evaluate(hess, frozenset(), at={i: a, j: b}))
    X, y, wv = (sp.IndexedBase(n, real=True) for n in ("X", "y", "w"))
    value = {a: float(inst.point[a]) for a in inst.point}
    Xn = np.array([[value[X[r, c]] for c in (1, 2)] for r in (1, 2, 3)])
    yn = np.array([value[y[r]] for r in (1, 2, 3)])
    w0 = np.array([value[wv[c]] for c in (1, 2)])

    def loss(wa):
        p = 1 / (1 + anp.exp(-anp.dot(Xn, wa)))
        return -anp.sum(yn * anp.log(p) + (1 - yn) * anp.log(1 - p))

    H = hessian(loss)(w0)
    for (a, b), v in got.items():
        assert v == pytest.approx(H[a - 1, b - 1], rel=1e-12), (a, b)
    assert got[2, 1] != pytest.approx(got[1, 1], rel=1e-6)
