"""Matrix Cookbook identities written with matrices as wholes: traces, a determinant and its
log, an inverse in a bilinear form and entry by entry."""

import sympy as sp

from symderiv.spec import Definition, Problem, Source, Target

n = sp.Symbol("n", integer=True, positive=True)
i, j, k, l = sp.symbols("i j k l", integer=True, positive=True)
X, A, B = sp.MatrixSymbol("X", n, n), sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
a, b = sp.MatrixSymbol("a", n, 1), sp.MatrixSymbol("b", n, 1)
f1, f2, f3, f4 = sp.symbols("f_1 f_2 f_3 f_4", real=True)
d = sp.Symbol(r"\det(X)", real=True)

PROBLEM = Problem(
    id="matrix_cookbook",
    title="Matrix Cookbook: traces, determinants, inverses",
    source=Source("The Matrix Cookbook", "eqs. 49, 51, 60, 61, 100, 107"),
    statement=r"$X \in \mathbb{R}^{n \times n}$ invertible; $A, B$ given; $a, b \in \mathbb{R}^n$.",
    definitions=(
        Definition(f1, sp.Trace(A * X * B), "tr(AXB)"),
        Definition(f2, sp.Trace(X.T * A * X), "tr(XᵀAX)"),
        Definition(d, sp.Determinant(X), "det X"),
        Definition(f3, sp.log(sp.Abs(sp.Determinant(X))), "log |det X|"),
        Definition(f4, (a.T * X.I * b)[0, 0], "aᵀX⁻¹b"),
    ),
    targets=(
        Target("tr_AXB", sp.Derivative(f1, X), "∂tr(AXB)/∂X"),
        Target("tr_XtAX", sp.Derivative(f2, X), "∂tr(XᵀAX)/∂X"),
        Target("det", sp.Derivative(d, X), "∂det X/∂X"),
        Target("logdet", sp.Derivative(f3, X), "∂log|det X|/∂X"),
        Target("inv_bilinear", sp.Derivative(f4, X), "∂aᵀX⁻¹b/∂X"),
        Target("inv_entry", sp.Derivative(X.I[k, l], X[i, j]), "∂(X⁻¹)_kl/∂X_ij"),
    ),
)
