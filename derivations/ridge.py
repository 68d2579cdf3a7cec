"""Written from its textbook statement by an outside tester who saw only the README (issue 29).

Least squares and ridge regression: the gradient and the closed-form solution."""

import sympy as sp

from symderiv.ops import SolveFor
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

N, d = sp.symbols("N d", integer=True, positive=True)
i, l, n = sp.symbols("i l n", integer=True, positive=True)

X = sp.IndexedBase("X", real=True)
y = sp.IndexedBase("y", real=True)
w = sp.IndexedBase("w", real=True)
r = sp.IndexedBase("r", real=True)  # residuals Xw - y
lam = sp.Symbol(r"\lambda", positive=True)
L = sp.Symbol("L", real=True)  # ridge objective
E = sp.Symbol("E", real=True)  # plain least squares

PROBLEM = Problem(
    id="ridge",
    title="Least squares and ridge regression: gradient and closed form",
    source=Source(
        "catalog", "Least squares and ridge regression: the gradient and the normal equations"
    ),
    statement=(
        r"$X \in \mathbb{R}^{N\times d}$, $y \in \mathbb{R}^N$, residuals $r = Xw - y$. "
        r"Least squares $E(w) = \|Xw - y\|^2$, ridge $L(w) = \|Xw - y\|^2 + \lambda\|w\|^2$ with "
        r"$\lambda > 0$. Show $\nabla E = 2X^T(Xw - y)$, $\nabla L = 2X^T(Xw - y) + 2\lambda w$, and "
        r"solve $\nabla L = 0$: $w^* = (X^TX + \lambda I)^{-1}X^Ty$."
    ),
    shapes={X: (N, d), y: (N,), w: (d,), r: (N,)},
    definitions=(
        Definition(r[n], sp.Sum(X[n, l] * w[l], (l, 1, d)) - y[n], "residuals"),
        Definition(E, sp.Sum(r[n] ** 2, (n, 1, N)), "least squares"),
        Definition(L, sp.Sum(r[n] ** 2, (n, 1, N)) + lam * sp.Sum(w[l] ** 2, (l, 1, d)), "ridge"),
    ),
    targets=(
        Target("dE_dw", D(E, w[i]), "∂E/∂w_i"),
        Target("dE_dw_vec", D(E, w[i]), "∇E = 2X^T(Xw − y)", as_matrix=(i, None)),
        Target("dL_dw", D(L, w[i]), "∂L/∂w_i"),
        Target("dL_dw_vec", D(L, w[i]), "∇L = 2X^T(Xw − y) + 2λw", as_matrix=(i, None)),
        Target("w_star", SolveFor(D(L, w[i]), 0, w, sp.Tuple(i)), "w* solving ∇L = 0"),
    ),
    notation={"X": X, "y": y, "w": w, "r": r, "L": L, "E": E, r"\lambda": lam},
)
