"""Least squares and ridge written with matrices as wholes (the README's example)."""

import sympy as sp

from symderiv.ops import Stationary
from symderiv.spec import Definition, Problem, Source, Target

m, n = sp.symbols("m n", integer=True, positive=True)
W, x, t = sp.MatrixSymbol("W", m, n), sp.MatrixSymbol("x", n, 1), sp.MatrixSymbol("t", m, 1)
X, y, w = sp.MatrixSymbol("X", m, n), sp.MatrixSymbol("y", m, 1), sp.MatrixSymbol("w", n, 1)
L, R = sp.symbols("L R", real=True)
lam = sp.Symbol(r"\lambda", positive=True)

PROBLEM = Problem(
    id="lsq_matrix",
    title="Least squares, matrix-level",
    source=Source("my course", "week 2"),
    statement=r"$L = \|Wx - t\|^2$; ridge $R = \|Xw - y\|^2 + \lambda \|w\|^2$.",
    definitions=(
        Definition(L, ((W * x - t).T * (W * x - t))[0, 0], "squared error"),
        Definition(R, ((X * w - y).T * (X * w - y) + lam * w.T * w)[0, 0], "ridge loss"),
    ),
    targets=(
        Target("dL_dW", sp.Derivative(L, W), "∂L/∂W"),
        Target("dR_dw", sp.Derivative(R, w), "∂R/∂w"),
        Target("hessian", sp.Derivative(R, w, w), "∂²R/∂w∂wᵀ"),
        Target("w_star", Stationary(R, w), "the ridge solution"),
    ),
)
