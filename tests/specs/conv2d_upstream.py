"""2-D convolution backward: a loss of every entry of a two-index output map."""

import sympy as sp

from symderiv.ops import Upstream
from symderiv.spec import Definition, Problem, Source, Target

H, W, K = sp.symbols("H W K", integer=True, positive=True)
i, j, a, b, l, r = sp.symbols("i j a b l r", integer=True, positive=True)
X, Kk, Y = (
    sp.IndexedBase("X", real=True),
    sp.IndexedBase("K", real=True),
    sp.IndexedBase("Y", real=True),
)
L = sp.Symbol("L", real=True)
PROBLEM = Problem(
    id="conv2d_upstream",
    title="2-D convolution backward",
    source=Source("tests", "multi-index upstream"),
    statement=r"$Y_{ij} = \sum_{l,r} K_{lr} X_{i+l-1,j+r-1}$ (valid), $L$ a loss of every $Y_{ij}$.",
    shapes={X: (H, W), Kk: (K, K), Y: (H - K + 1, W - K + 1)},
    definitions=(
        Definition(
            Y[i, j], sp.Sum(Kk[l, r] * X[i + l - 1, j + r - 1], (l, 1, K), (r, 1, K)), "output"
        ),
        Definition(L, Upstream(Y), "loss"),
    ),
    targets=(
        Target("dK", sp.Derivative(L, Kk[a, b]), "dL/dK"),
        Target("dX", sp.Derivative(L, X[a, b]), "dL/dX"),
    ),
)
