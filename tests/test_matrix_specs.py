"""Specs written with matrices as wholes (issue 29): traces, determinants, inverses, norms and
a stationary point, lowered to index form and lifted back. Every result, entry by entry and
as the printed matrix form, is checked against autograd at several sizes; the printed forms
are the Matrix Cookbook's."""

from pathlib import Path

import autograd.numpy as anp
import numpy as np
import pytest
import sympy as sp
from autograd import grad, hessian, jacobian

import symderiv
from symderiv.engine.calculus import Context
from symderiv.ops.functions import to_elementary
from symderiv.spec import explicit_matrix_functions

SPECS = [Path(__file__).parent / "specs"]
n_, m_ = sp.Symbol("n", integer=True, positive=True), sp.Symbol("m", integer=True, positive=True)


def _entry_value(problem, expr, sizes, arrays):
    """An index-level result at concrete sizes, indices and values (NumPy arrays by name)."""
    ctx = Context(problem, sizes)
    e = sp.sympify(expr).xreplace(ctx.sizes)
    for _ in range(20):
        e = explicit_matrix_functions(to_elementary(e.doit() if e.has(sp.Sum) else e))
        defined = {q: ctx.instance(q) for q in ctx.atoms_of(e) if ctx.is_defined(q)}
        if not defined:
            break
        e = e.xreplace(defined)
    e = explicit_matrix_functions(e.doit())
    at = {}
    for q in e.atoms(sp.Indexed):
        at[q] = float(np.asarray(arrays[str(q.base.label)])[tuple(int(t) - 1 for t in q.indices)])
    return float(sp.N(e.xreplace(at), 30))


def _matrix_value(mexpr, sizes, arrays, problem=None):
    """A printed matrix form (MatrixSymbols, Xᵀ, X⁻¹, det, the problem's named scalars)
    evaluated with NumPy arrays."""
    e = mexpr.xreplace(sizes)
    if problem is not None:  # a named scalar (det X): its value from its definition
        named = {d.lhs for d in problem.definitions if isinstance(d.lhs, sp.Symbol)}
        e = e.xreplace({q: _entry_value(problem, q, sizes, arrays) for q in e.free_symbols & named})
    subs = {}
    for s in e.atoms(sp.MatrixSymbol):
        arr = np.asarray(arrays[s.name], dtype=float).reshape(int(s.shape[0]), int(s.shape[1]))
        subs[s] = sp.Matrix(arr)
    e = e.replace(
        lambda q: isinstance(q, sp.Identity), lambda q: sp.ImmutableMatrix(sp.eye(q.rows))
    )
    e = explicit_matrix_functions(e.xreplace(subs))  # det X: in the entries X_ij
    at = {
        q: float(np.asarray(arrays[str(q.base.label)])[tuple(int(t) - 1 for t in q.indices)])
        for q in e.atoms(sp.Indexed)
    }
    e = e.xreplace(at).doit()
    e = e.as_explicit() if isinstance(e, sp.MatrixExpr) else e
    return np.array(sp.N(e, 30).tolist(), dtype=float)


def _random(rng, size):
    X = rng.normal(size=(size, size)) + size * np.eye(size)  # well conditioned
    return {"X": X, "A": rng.normal(size=(size, size)), "B": rng.normal(size=(size, size)),
            "a": rng.normal(size=size), "b": rng.normal(size=size)}  # fmt: skip


COOKBOOK = {
    "tr_AXB": (lambda v: lambda X: anp.trace(v["A"] @ X @ v["B"]), r"A^{T} B^{T}"),
    "tr_XtAX": (lambda v: lambda X: anp.trace(X.T @ v["A"] @ X), r"\left(A + A^{T}\right) X"),
    "det": (lambda v: lambda X: anp.linalg.det(X), r"\det(X) X^{-T}"),
    "logdet": (lambda v: lambda X: anp.log(anp.abs(anp.linalg.det(X))), r"X^{-T}"),
    "inv_bilinear": (
        lambda v: lambda X: v["a"] @ anp.linalg.inv(X) @ v["b"],
        r"- X^{-T} a b^{T} X^{-T}",
    ),
}


@pytest.fixture(scope="module")
def cookbook():
    p = symderiv.load("matrix_cookbook", SPECS)
    return p, p.derive()


@pytest.mark.parametrize("name", sorted(COOKBOOK))
@pytest.mark.parametrize("size", [2, 3, 4])
def test_cookbook_identities_agree_with_autograd(cookbook, name, size):
    p, d = cookbook
    r = d[name]
    forward, printed = COOKBOOK[name]
    rng = np.random.default_rng(size * 31 + len(name))
    v = _random(rng, size)
    ref = grad(forward(v))(v["X"])
    got = _matrix_value(r.expr, {n_: size}, v, p.problem)  # the printed matrix form
    np.testing.assert_allclose(got, ref, rtol=1e-9, atol=1e-12)
    row, col = p.target(name).as_matrix
    for a in range(size):
        for b in range(size):  # and the index-level entry
            e = r.entry.xreplace({row: a + 1, col: b + 1})
            val = _entry_value(p.problem, e, {n_: size}, v)
            assert val == pytest.approx(ref[a, b], rel=1e-9, abs=1e-12)
    assert r.latex.split(" = ", 1)[1] == printed


@pytest.mark.parametrize("size", [2, 3])
def test_the_derivative_of_an_inverse_entry_agrees_with_autograd(cookbook, size):
    p, d = cookbook
    r = d["inv_entry"]
    rng = np.random.default_rng(size)
    v = _random(rng, size)
    ref = jacobian(lambda X: anp.linalg.inv(X))(v["X"])  # [k, l, i, j]
    i, j, k, l = sp.symbols("i j k l", integer=True, positive=True)
    for idx in np.ndindex(size, size, size, size):
        at = dict(zip((k, l, i, j), (t + 1 for t in idx)))
        val = _entry_value(p.problem, r.expr.xreplace(at), {n_: size}, v)
        assert val == pytest.approx(ref[idx], rel=1e-9, abs=1e-12)


@pytest.fixture(scope="module")
def lsq():
    p = symderiv.load("lsq_matrix", SPECS)
    return p, p.derive()


@pytest.mark.parametrize(("rows", "cols"), [(3, 2), (4, 3)])
def test_least_squares_and_ridge_agree_with_autograd(lsq, rows, cols):
    _, d = lsq
    rng = np.random.default_rng(rows * cols)
    v = {"W": rng.normal(size=(rows, cols)), "x": rng.normal(size=cols),
         "t": rng.normal(size=rows), "X": rng.normal(size=(rows, cols)),
         "y": rng.normal(size=rows), "w": rng.normal(size=cols)}  # fmt: skip
    lam = 0.7
    sizes = {m_: rows, n_: cols, sp.Symbol(r"\lambda", positive=True): lam}

    def L(W):
        r = W @ v["x"] - v["t"]
        return anp.dot(r, r)

    def R(w):
        r = v["X"] @ w - v["y"]
        return anp.dot(r, r) + lam * anp.dot(w, w)

    checks = {
        "dL_dW": grad(L)(v["W"]),
        "dR_dw": grad(R)(v["w"]).reshape(cols, 1),
        "hessian": hessian(R)(v["w"]),
        # the ridge solution, by NumPy's solver
        "w_star": np.linalg.solve(
            v["X"].T @ v["X"] + lam * np.eye(cols), v["X"].T @ v["y"]
        ).reshape(cols, 1),
    }
    for name, ref in checks.items():
        got = _matrix_value(d[name].expr, sizes, v)
        np.testing.assert_allclose(got, ref, rtol=1e-9, atol=1e-12, err_msg=name)
    assert d["w_star"].latex.endswith(r"\left(\lambda I_{n} + X^{T} X\right)^{-1} X^{T} y")
    assert d["dL_dW"].latex.endswith(r"2 \left(W x - t\right) x^{T}")


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_explicit_inverses_and_powers_agree_with_numpy(n):
    """The step check of a matrix form with X⁻¹ or X⁻ᵀ writes it out at a concrete size as
    cofactors over the determinant (not SymPy's row reduction, 2 s at 3×3): at random
    entries it is NumPy's inverse, and X⁻² its square."""
    from symderiv.engine.calculus import Context
    from symderiv.engine.matrix_form import explicit
    from symderiv.spec import Problem, Source, Target

    m = sp.Symbol("m", integer=True, positive=True)
    X = sp.MatrixSymbol("X", m, m)
    problem = Problem(
        id="inv", title="inverse", source=Source("test", "X⁻¹"), statement="X⁻¹",
        shapes={X: (m, m)}, definitions=(),
        targets=(Target("t", sp.Derivative(sp.Symbol("f"), X), "t"),),
    )  # fmt: skip
    ctx = Context(problem)
    rng = np.random.default_rng(n)
    A = rng.normal(size=(n, n)) + n * np.eye(n)
    for expr, want in [
        (X.I, np.linalg.inv(A)),
        (X.T.I, np.linalg.inv(A).T),
        (X**-2, np.linalg.matrix_power(np.linalg.inv(A), 2)),
        (X**3, np.linalg.matrix_power(A, 3)),
    ]:
        mat = explicit(ctx, expr, {m: n})
        at = {a: [int(k) - 1 for k in a.indices] for a in mat.atoms(sp.Indexed)}
        leaves = {a: A[k[0], k[-1]] for a, k in at.items()}  # (1×1: X[1], a vector's entry)
        got = np.array(mat.xreplace(leaves).evalf(30).tolist(), dtype=float)
        assert np.allclose(got, want, rtol=1e-12, atol=1e-12), expr


def test_inverse_answers_to_the_ridge_solution_are_read_and_judged():
    """Answers with a matrix inverse, judged entry by entry at concrete sizes: the inverse is
    cofactors over the determinant (SymPy's row reduction took 20 s and timed out on the
    push-through form). NumPy: Xᵀ(XXᵀ + λI)⁻¹y equals (XᵀX + λI)⁻¹Xᵀy; (XᵀX)⁻¹Xᵀy does not."""
    rng = np.random.default_rng(7)
    X, y, lam = rng.normal(size=(4, 2)), rng.normal(size=4), 0.3
    ridge = np.linalg.solve(X.T @ X + lam * np.eye(2), X.T @ y)
    assert np.allclose(X.T @ np.linalg.solve(X @ X.T + lam * np.eye(4), y), ridge)
    assert not np.allclose(np.linalg.solve(X.T @ X, X.T @ y), ridge)
    ex = symderiv.load("ridge")
    ok = ("equivalent", "equivalent-numerically")
    push_through = r"w^* = X^\top\left(XX^\top + \lambda I\right)^{-1} y"  # (about 5 s: on a
    assert ex.check(push_through, target="w_star", timeout=120).status in ok  # busy machine, 10)
    assert ex.check("(XᵀX + λI)⁻¹ Xᵀ y", target="w_star").status in ok
    assert ex.check("(X^T X)^(-1) X^T y", target="w_star").status == "not-equivalent"
