"""Stationary points and closed forms (issue 29): Stationary(f, var) and SolveFor with a
derivative on one side. Every solution is compared with NumPy on random data (the sample
mean and variance, numpy.linalg.solve), never with the code's own output; the error cases
name the equation instead of SymPy's TypeError."""

from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import symderiv
from symderiv.engine.derive import derive_target
from symderiv.errors import UnsupportedError
from symderiv.ops import SolveFor, Stationary
from symderiv.spec import Definition, Problem, Source, Target

SPECS = [Path(__file__).parent / "specs"]


@pytest.fixture(scope="module")
def mle():
    return symderiv.load("gaussian_mle_given", SPECS).derive(cache=False)


@pytest.fixture(scope="module")
def lsq():
    return symderiv.load("least_squares", SPECS).derive(cache=False)


def _value(expr, scalars: dict, arrays: dict) -> float:
    """``expr`` at the given values: symbols by name, indexed entries from NumPy arrays."""
    e = expr.xreplace({s: scalars[str(s)] for s in expr.free_symbols if str(s) in scalars})
    e = e.doit().replace(
        lambda a: isinstance(a, sp.Indexed),
        lambda a: arrays[str(a.base.label)][tuple(int(k) - 1 for k in a.indices)],
    )
    return float(e)


def _matrix_value(expr, arrays: dict, scalars: dict) -> np.ndarray:
    """A matrix expression at NumPy arrays (by the MatrixSymbols' names)."""
    sizes = {}
    for m in expr.atoms(sp.MatrixSymbol):
        for dim, n in zip(m.shape, np.atleast_2d(arrays[m.name].T).T.shape):
            if isinstance(dim, sp.Symbol):
                sizes[dim] = n
    e = expr.xreplace({s: scalars[str(s)] for s in expr.free_symbols if str(s) in scalars})
    e = e.xreplace(sizes)
    mats = {}
    for m in e.atoms(sp.MatrixSymbol):
        a = arrays[m.name]
        mats[m] = sp.Matrix(a.reshape(len(a), -1))
    return np.array(e.xreplace(mats).doit().as_explicit().evalf(), dtype=float).ravel()


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("target", ["mu_hat", "mu_solve_for"])
def test_mu_hat_is_the_sample_mean(mle, target, seed):
    data = np.random.default_rng(seed).normal(2.0, 1.5, size=5 + seed)
    got = _value(mle[target].expr, {"N": len(data)}, {"x": data})
    assert got == pytest.approx(np.mean(data), rel=1e-12)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("target", ["s_hat", "s_solve_for"])
def test_s_hat_is_the_mean_squared_deviation_from_mu(mle, target, seed):
    rng = np.random.default_rng(seed)
    data, mu = rng.normal(0.0, 2.0, size=4 + seed), rng.normal()
    got = _value(mle[target].expr, {"N": len(data), r"\mu": mu}, {"x": data})
    assert got == pytest.approx(np.mean((data - mu) ** 2), rel=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_s_hat_at_mu_hat_is_numpys_variance(mle, seed):
    data = np.random.default_rng(10 + seed).normal(1.0, 3.0, size=6)
    expr = mle["s_hat_at_mu_hat"].expr
    assert sp.Symbol(r"\hat{\mu}", real=True) in expr.free_symbols  # written with μ̂
    got = _value(expr, {"N": len(data), r"\hat{\mu}": np.mean(data)}, {"x": data})
    assert got == pytest.approx(np.var(data), rel=1e-12)


def test_the_steps_and_the_second_order_check(mle):
    mu_steps = mle["mu_hat"].steps
    rules = [s.rule for s in mu_steps]
    assert "definition" in rules and "set the derivative to zero" in rules
    second = [s for s in mu_steps if s.rule == "second-order check"]
    assert len(second) == 1 and "a maximum" in second[0].note
    # −N/s: negative since N > 0 and s > 0
    N, s = sp.Symbol("N", integer=True, positive=True), sp.Symbol("s", positive=True)
    assert sp.simplify(second[0].rhs + N / s) == 0
    s_second = next(s for s in mle["s_hat"].steps if s.rule == "second-order check")
    assert "a maximum" in s_second.note
    for name in ("mu_hat", "s_hat", "s_hat_at_mu_hat", "s_solve_for"):
        check = mle[name].numeric
        assert check.passed and check.points == 12 and check.max_error < 1e-20, name


def test_the_outside_testers_forms_no_longer_fail(mle):
    """SolveFor(∂ℓ/∂μ, 0, μ) gave "0 solutions" and ∂ℓ/∂s a TypeError."""
    assert mle["mu_solve_for"].numeric.passed and mle["s_solve_for"].numeric.passed
    assert "derivative" in mle["s_solve_for"].numeric.method


def test_hw3_4b_solve_for_still_works():
    d = symderiv.load("hw3_4b").derive("gamma_for_equivalence", cache=False)
    assert d["gamma_for_equivalence"].latex == r"\gamma = \eta \lambda"
    assert d["gamma_for_equivalence"].numeric.passed


# -- a vector unknown -----------------------------------------------------------------------
def _regression(seed, n=7, d=3):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.normal(size=n), float(rng.uniform(0.1, 2.0))


@pytest.mark.parametrize("seed", range(3))
def test_least_squares_against_numpy(lsq, seed):
    X, y, _ = _regression(seed)
    got = _matrix_value(lsq["w_least_squares"].expr, {"X": X, "y": y}, {})
    want = np.linalg.lstsq(X, y, rcond=None)[0]
    assert np.allclose(got, want, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_ridge_against_numpy(lsq, seed):
    X, y, lam = _regression(seed, n=4, d=5)  # more features than samples: λ makes it unique
    got = _matrix_value(lsq["w_ridge"].expr, {"X": X, "y": y}, {r"\lambda": lam})
    want = np.linalg.solve(X.T @ X + lam * np.eye(5), X.T @ y)
    assert np.allclose(got, want, rtol=1e-9, atol=1e-12)
    second = next(s for s in lsq["w_ridge"].steps if s.rule == "second-order check")
    assert "positive definite" in second.note and "a minimum" in second.note


@pytest.mark.parametrize("seed", range(3))
def test_quadratic_minimiser_against_numpy(lsq, seed):
    rng = np.random.default_rng(seed)
    B = rng.normal(size=(4, 4))
    A, b = B @ B.T + np.eye(4), rng.normal(size=4)  # symmetric, as the spec assumes
    got = _matrix_value(lsq["x_quadratic"].expr, {"A": A, "b": b}, {})
    assert np.allclose(got, np.linalg.solve(A, b), rtol=1e-9)
    assert np.allclose(A @ got - b, 0, atol=1e-10)  # the gradient Ax − b vanishes


def test_least_squares_checks_and_steps(lsq):
    for name in ("w_least_squares", "w_ridge", "x_quadratic"):
        assert lsq[name].numeric.passed, name
        assert "numpy.linalg.solve" in lsq[name].numeric.method
    rules = [s.rule for s in lsq["w_least_squares"].steps]
    assert {"definition", "affine in the unknown", "matrix form"} <= set(rules)
    q = next(s for s in lsq["x_quadratic"].steps if s.rule == "second-order check")
    assert "undecided" in q.note  # A symmetric is not A positive definite


# -- scalar problems, inline ------------------------------------------------------------------
x = sp.Symbol("x", real=True)
a, b, c = sp.symbols("a b c", real=True)
f = sp.Symbol("f", real=True)


def _problem(rhs, op, assumptions=()):
    return Problem(
        id="inline",
        title="t",
        source=Source("tests", "stationary"),
        statement="",
        definitions=(Definition(f, rhs, "f"),),
        assumptions=assumptions,
        targets=(Target("t", op, "t"),),
    )


def _derive(rhs, op=None, assumptions=()):
    p = _problem(rhs, op if op is not None else Stationary(f, x), assumptions)
    return derive_target(p, p.targets[0])


def _second(result):
    return next(s for s in result.steps if s.rule == "second-order check")


@pytest.mark.parametrize(
    "sign, kind", [(sp.Gt(a, 0), "a minimum"), (sp.Lt(a, 0), "a maximum"), (None, "undecided")]
)
def test_quadratic_vertex(sign, kind):
    r = _derive(a * x**2 + b * x + c, assumptions=(sign,) if sign is not None else ())
    rng = np.random.default_rng(0)
    for _ in range(5):
        av, bv = rng.uniform(0.2, 3) * (-1 if sign == sp.Lt(a, 0) else 1), rng.normal()
        xs = np.linspace(-50, 50, 200001)  # the vertex by brute force on a fine grid
        ys = av * xs**2 + bv * xs
        best = xs[np.argmin(ys) if av > 0 else np.argmax(ys)]
        got = float(r.expr.subs({a: av, b: bv}))
        assert got == pytest.approx(best, abs=1e-3)
        assert got == pytest.approx(-bv / (2 * av), rel=1e-12)
    assert kind in _second(r).note
    assert r.numeric.passed


def test_the_assumptions_pick_one_of_several():
    r = _derive(x**3 / 3 - x, assumptions=(sp.Gt(x, 0),))
    assert r.expr == 1 and "a minimum" in _second(r).note
    assert any(s.rule == "the assumptions pick one" for s in r.steps)


def test_several_solutions_are_listed():
    with pytest.raises(UnsupportedError, match=r"2 solutions: .*x = -1.*x = 1.*assumption"):
        _derive(x**3 / 3 - x)


def test_no_solution():
    with pytest.raises(UnsupportedError, match="no solution"):
        _derive(x)
    with pytest.raises(UnsupportedError, match="no solution"):
        _derive(sp.exp(x))


def test_no_closed_form():
    """f' = x eˣ + cos x: SymPy raises NotImplementedError; the message names the equation."""
    with pytest.raises(UnsupportedError, match=r"no closed form.*x e\^\{x\}"):
        _derive((x - 1) * sp.exp(x) + sp.sin(x))
    with pytest.raises(UnsupportedError, match="no closed form"):
        _derive(f, SolveFor(x * sp.exp(x) + sp.cos(x), 0, x, sp.Tuple()))
    with pytest.raises(UnsupportedError, match="no closed form"):
        _derive(x**6 / 6 - x**2 / 2 + x)  # x⁵ − x + 1 = 0: a CRootOf


def test_infinitely_many():
    with pytest.raises(UnsupportedError, match="infinitely many"):
        _derive(-sp.cos(x))


def test_the_numeric_check_catches_a_wrong_value():
    from symderiv.engine.calculus import Context
    from symderiv.ops.stationary import check_stationary

    p = _problem(a * x**2 + b * x + c, Stationary(f, x), (sp.Gt(a, 0),))
    ctx = Context(p)
    assert check_stationary(ctx, f, x, -b / (2 * a), {}, 1).passed
    assert not check_stationary(ctx, f, x, b / (2 * a), {}, 1).passed
    assert not check_stationary(ctx, f, x, -b / (2 * a), {}, -1).passed  # the wrong sign


@pytest.mark.parametrize("seed", range(3))
def test_one_feature_ridge_at_a_fixed_size(seed):
    """SolveFor(∂L/∂w_1, 0, w_1) with d = 1: Σ_{l=1}^{1} X_nl w_l holds w_1 although SymPy
    does not see it there (it had frozen the sum as a constant and its check raised a
    TypeError, found by the outside coursework set); at a fixed size the sum is written out,
    and the value is NumPy's 1-D ridge solution Σ x_n y_n / (λ + Σ x_n²)."""
    N, d = sp.symbols("N d", integer=True, positive=True)
    n, l = sp.symbols("n l", integer=True, positive=True)
    X, y, w = (sp.IndexedBase(s, real=True) for s in "Xyw")
    lam, L = sp.Symbol(r"\lambda", positive=True), sp.Symbol("L", real=True)
    r = sp.Sum(X[n, l] * w[l], (l, 1, d)) - y[n]
    loss = sp.Sum(r**2, (n, 1, N)) + lam * sp.Sum(w[l] ** 2, (l, 1, d))
    problem = Problem(
        id="ridge_one_feature", title="ridge, one feature", source=Source("test", "1-D"),
        statement="…", shapes={X: (N, d), y: (N,), w: (d,)},
        definitions=(Definition(L, loss, "ridge"),),
        targets=(Target("w1", SolveFor(sp.Derivative(L, w[1]), 0, w[1], sp.Tuple()), "w₁",
                        sizes={d: 1}),),
    )  # fmt: skip
    result = derive_target(problem, problem.targets[0])
    assert result.numeric.passed
    x_, y_, lam_ = _regression(seed, n=6, d=1)
    value = result.expr.xreplace({N: 6})  # (the value of w₁)
    got = _value(value, {r"\lambda": lam_}, {"X": x_, "y": y_})
    want = np.linalg.solve(x_.T @ x_ + lam_ * np.eye(1), x_.T @ y_)[0]
    assert np.isclose(got, want, rtol=1e-10)
