"""RMS normalization: the Jacobian of the layer and its backward pass."""

import sympy as sp

from symderiv.ops import Upstream
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

n = sp.Symbol("n", integer=True, positive=True)
i, j, l = sp.symbols("i j l", integer=True, positive=True)
x = sp.IndexedBase("x", real=True)
g = sp.IndexedBase("g", real=True)  # the learned gain
y = sp.IndexedBase("y", real=True)
r = sp.Symbol("r", positive=True)  # the root mean square
eps = sp.Symbol(r"\epsilon", positive=True)
L = sp.Symbol("L", real=True)

PROBLEM = Problem(
    id="rmsnorm",
    title="Backward pass of RMSNorm",
    source=Source("catalog", "RMS layer normalization (Zhang & Sennrich, 2019)"),
    statement=(
        r"RMSNorm rescales $x \in \mathbb{R}^n$ by its root mean square: "
        r"$r = \sqrt{\frac{1}{n}\sum_{l=1}^n x_l^2 + \epsilon}$ with $\epsilon > 0$, and "
        r"$y_i = g_i x_i / r$ with a gain $g \in \mathbb{R}^n$. A loss $L$ depends on every "
        r"$y_j$. Compute $\partial y_j/\partial x_i$ and $\partial L/\partial x_i$ in terms of "
        r"$\partial L/\partial y_j$."
    ),
    shapes={x: (n,), g: (n,), y: (n,)},
    definitions=(
        Definition(r, sp.sqrt(sp.Sum(x[l] ** 2, (l, 1, n)) / n + eps), "root mean square"),
        Definition(y[i], g[i] * x[i] / r, "RMSNorm"),
        Definition(L, Upstream(y), "a loss downstream of every $y_j$"),
    ),
    targets=(
        Target("dy_dx", D(y[j], x[i]), "∂y_j/∂x_i"),
        Target("dy_dx_matrix", D(y[j], x[i]), "∂y/∂x", as_matrix=(j, i)),
        Target("dL_dx", D(L, x[i]), "∂L/∂x_i"),
        Target("dL_dx_vec", D(L, x[i]), "∂L/∂x (column vector)", as_matrix=(i, None)),
    ),
    notation={"x": x, "g": g, "y": y, "r": r, "L": L, r"\epsilon": eps, "n": n},
)
