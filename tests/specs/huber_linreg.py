"""Linear regression with the Huber loss: gradient w.r.t. weights and bias.

Written by a helper session that had read only the README and the built-in specs (never
the engine), as an instructor would: about half a minute to its first derive."""

import sympy as sp

from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

m = sp.Symbol("m", integer=True, positive=True)  # number of features
i, j = sp.symbols("i j", integer=True, positive=True)
w = sp.IndexedBase("w", real=True)
x = sp.IndexedBase("x", real=True)
b = sp.Symbol("b", real=True)
y = sp.Symbol("y", real=True)
yhat = sp.Symbol(r"\hat{y}", real=True)
r = sp.Symbol("r", real=True)
delta = sp.Symbol(r"\delta", positive=True)
L = sp.Symbol("L", real=True)

PROBLEM = Problem(
    id="huber_linreg",
    title="Linear regression with the Huber loss: the gradient",
    source=Source("my course", "Huber regression"),
    statement=(
        r"For one example $(x, y)$ with $x \in \mathbb{R}^m$, $\hat{y} = \sum_{j=1}^m w_j x_j + b$, "
        r"$r = \hat{y} - y$ and $L = r^2/2$ if $|r| \le \delta$, else "
        r"$L = \delta(|r| - \delta/2)$, with $\delta > 0$. Compute $\partial L/\partial w_i$ "
        r"and $\partial L/\partial b$."
    ),
    shapes={w: (m,), x: (m,)},
    definitions=(
        Definition(yhat, sp.Sum(w[j] * x[j], (j, 1, m)) + b, "prediction"),
        Definition(r, yhat - y, "residual"),
        Definition(
            L,
            sp.Piecewise(
                (r**2 / 2, sp.Abs(r) <= delta),
                (delta * (sp.Abs(r) - delta / 2), True),
            ),
            "Huber loss",
        ),
    ),
    targets=(
        Target("dL_dw", D(L, w[i]), "∂L/∂w_i"),
        Target("dL_db", D(L, b), "∂L/∂b"),
    ),
    notation={"w": w, "x": x, "b": b, "y": y, r"\hat{y}": yhat, "r": r, r"\delta": delta, "L": L},
)
