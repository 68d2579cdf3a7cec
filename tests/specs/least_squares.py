"""Closed-form minimisers of a vector unknown (issue 29): least squares, ridge regression
and a quadratic with a symmetric matrix."""

import sympy as sp

from symderiv.ops import Stationary
from symderiv.spec import Definition, Problem, Source, Target

N, d = sp.symbols("N d", integer=True, positive=True)  # samples, features
n, i, j = sp.symbols("n i j", integer=True, positive=True)
X, y, w = (
    sp.IndexedBase("X", real=True),
    sp.IndexedBase("y", real=True),
    sp.IndexedBase("w", real=True),
)
A, b, x = (
    sp.IndexedBase("A", real=True),
    sp.IndexedBase("b", real=True),
    sp.IndexedBase("x", real=True),
)
r = sp.IndexedBase("r", real=True)
lam = sp.Symbol(r"\lambda", positive=True)
L, R, Q = sp.symbols("L R Q", real=True)

PROBLEM = Problem(
    id="least_squares",
    title="Least squares, ridge and a quadratic: the minimisers",
    source=Source("issue 29", "closed forms"),
    statement=(
        r"$L = \frac{1}{2}\|Xw - y\|^2$, $R = L + \frac{\lambda}{2}\|w\|^2$, "
        r"$Q = \frac{1}{2}x^T A x - b^T x$ with $A$ symmetric. Find the minimisers."
    ),
    shapes={X: (N, d), y: (N,), w: (d,), r: (N,), A: (d, d), b: (d,), x: (d,)},
    definitions=(
        Definition(r[n], sp.Sum(X[n, j] * w[j], (j, 1, d)) - y[n], "the residual"),
        Definition(L, sp.Sum(r[n] ** 2, (n, 1, N)) / 2, "the squared error"),
        Definition(R, L + lam / 2 * sp.Sum(w[j] ** 2, (j, 1, d)), "the ridge loss"),
        Definition(
            Q,
            sp.Sum(x[i] * A[i, j] * x[j], (i, 1, d), (j, 1, d)) / 2
            - sp.Sum(b[i] * x[i], (i, 1, d)),
            "a quadratic",
        ),
    ),
    assumptions=(sp.Eq(A[i, j], A[j, i]),),
    targets=(
        Target("w_least_squares", Stationary(L, w), "w* for least squares"),
        Target("w_ridge", Stationary(R, w), "w* for ridge regression"),
        Target("x_quadratic", Stationary(Q, x), "the stationary point of Q"),
    ),
    notation={"X": X, "y": y, "w": w, "A": A, "b": b, "x": x, r"\lambda": lam},
)
