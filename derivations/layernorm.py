"""Layer normalization: the backward pass through the mean, the variance and the scale."""

import sympy as sp

from symderiv.ops import Upstream
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

n = sp.Symbol("n", integer=True, positive=True)
i, j, l = sp.symbols("i j l", integer=True, positive=True)
x = sp.IndexedBase("x", real=True)
xh = sp.IndexedBase(r"\hat{x}", real=True)
y = sp.IndexedBase("y", real=True)
mu = sp.Symbol(r"\mu", real=True)
var = sp.Symbol(r"\sigma^{2}", nonnegative=True)
gamma, beta = sp.symbols(r"\gamma \beta", real=True)
eps = sp.Symbol(r"\epsilon", positive=True)
L = sp.Symbol("L", real=True)

PROBLEM = Problem(
    id="layernorm",
    aliases=("layer-norm",),
    title="Backward pass of layer normalization",
    source=Source("catalog", "Layer normalization (Ba, Kiros & Hinton, 2016)"),
    statement=(
        r"Layer normalization of one input $x \in \mathbb{R}^n$: the mean "
        r"$\mu = \frac{1}{n}\sum_{l=1}^n x_l$, the variance "
        r"$\sigma^2 = \frac{1}{n}\sum_{l=1}^n (x_l - \mu)^2$, the normalized input "
        r"$\hat x_i = (x_i - \mu)/\sqrt{\sigma^2 + \epsilon}$ with $\epsilon > 0$, and the "
        r"output $y_i = \gamma \hat x_i + \beta$. A loss $L$ depends on every $y_j$. Compute "
        r"$\partial L/\partial x_i$ in terms of $\partial L/\partial y_j$ and $\hat x$, and "
        r"$\partial L/\partial \gamma$, $\partial L/\partial \beta$."
    ),
    shapes={x: (n,), xh: (n,), y: (n,)},
    definitions=(
        Definition(mu, sp.Sum(x[l], (l, 1, n)) / n, "the mean"),
        Definition(var, sp.Sum((x[l] - mu) ** 2, (l, 1, n)) / n, "the variance"),
        Definition(xh[i], (x[i] - mu) / sp.sqrt(var + eps), "the normalized input"),
        Definition(y[i], gamma * xh[i] + beta, "scale and shift"),
        Definition(L, Upstream(y), "a loss downstream of every $y_j$"),
    ),
    targets=(
        Target("dL_dx", D(L, x[i]), "∂L/∂x_i"),
        Target("dL_dx_vec", D(L, x[i]), "∂L/∂x (column vector)", as_matrix=(i, None)),
        Target("dL_dgamma", D(L, gamma), "∂L/∂γ"),
        Target("dL_dbeta", D(L, beta), "∂L/∂β"),
    ),
    notation={
        "x": x,
        "y": y,
        "L": L,
        "n": n,
        r"\mu": mu,
        r"\sigma^{2}": var,
        r"\sigma^2": var,
        r"\hat{x}": xh,
        r"\gamma": gamma,
        r"\beta": beta,
        r"\epsilon": eps,
    },
)
