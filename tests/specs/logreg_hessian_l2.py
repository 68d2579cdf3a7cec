"""The Hessian of logistic regression, as a second derivative and as the derivative of a
defined gradient g_i := ∂L/∂w_i."""

import sympy as sp

from symderiv.ops import sigmoid
from symderiv.spec import Definition, Problem, Source, Target

n = sp.Symbol("n", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True, positive=True)
w, x = sp.IndexedBase("w", real=True), sp.IndexedBase("x", real=True)
s, p, y, L = sp.symbols("s p y L", real=True)
lam = sp.Symbol(r"\lambda", positive=True)
g = sp.IndexedBase("g", real=True)

PROBLEM = Problem(
    id="logreg_hessian_l2",
    title="Hessian of L2-regularised logistic regression",
    source=Source("tests", "second derivatives"),
    statement=r"$s = w^T x$, $p = \sigma(s)$, $L = -y\log p - (1-y)\log(1-p) + \frac{\lambda}{2}\|w\|^2$, $g_i = \partial L/\partial w_i$.",
    shapes={w: (n,), x: (n,), g: (n,)},
    definitions=(
        Definition(s, sp.Sum(w[k] * x[k], (k, 1, n)), "the score"),
        Definition(p, sigmoid(s)),
        Definition(
            L, -y * sp.log(p) - (1 - y) * sp.log(1 - p) + lam / 2 * sp.Sum(w[k] ** 2, (k, 1, n))
        ),
        Definition(g[i], sp.Derivative(L, w[i]), "the gradient"),
    ),
    assumptions=(sp.Contains(y, sp.FiniteSet(0, 1)),),
    targets=(
        Target("H", sp.Derivative(L, w[i], w[j]), "H", as_matrix=(i, j)),
        Target("dg", sp.Derivative(g[i], w[j]), "dg"),
    ),
)
