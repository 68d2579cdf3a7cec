"""Homework 3, exercise 3(b) of seed 004: the backward pass of mean-centering (and, as the
question a course asks next, of full batch normalization)."""

import sympy as sp

from symderiv.ops import Upstream
from symderiv.spec import Claim, Definition, Problem, Source, Target

D = sp.Derivative
n = sp.Symbol("n", integer=True, positive=True)
i, j, l = sp.symbols("i j l", integer=True, positive=True)
x = sp.IndexedBase("x", real=True)
y = sp.IndexedBase("y", real=True)
xh = sp.IndexedBase(r"\hat{x}", real=True)
mu = sp.Symbol(r"\mu", real=True)
var = sp.Symbol(r"\sigma^{2}", real=True)
gamma, beta = sp.symbols(r"\gamma \beta", real=True)
eps = sp.Symbol(r"\epsilon", positive=True)
L = sp.Symbol("L", real=True)

# the batch-norm variant, with its own names so that both live in one spec
yb = sp.IndexedBase(r"\bar{y}", real=True)
Lb = sp.Symbol(r"\bar{L}", real=True)

PROBLEM = Problem(
    id="hw3_3b",
    aliases=("3b", "meancenter", "mean-centering"),
    title="Backward pass of mean-centering (and of batch normalization)",
    source=Source("004_d2ddfc88e605cf14.txt", "Exercise 3(b)"),
    statement=(
        r"Inputs $x_1, \dots, x_n$; $\hat x_i = x_i - \mu$ with $\mu = \frac{1}{n}\sum_{j=1}^n x_j$; "
        r"outputs $y_i = \gamma \hat x_i + \beta$; a loss $L$ somewhere downstream. Compute "
        r"$\partial L/\partial x_i$ in terms of $\partial L/\partial y_j$, $j = 1, \dots, n$, and "
        r"its limits for $n = 1$ and $n \to \infty$. Then the same for batch normalization, "
        r"$\bar y_i = \gamma (x_i - \mu)/\sqrt{\sigma^2 + \epsilon} + \beta$ with "
        r"$\sigma^2 = \frac{1}{n}\sum_j (x_j - \mu)^2$."
    ),
    shapes={x: (n,), y: (n,), xh: (n,), yb: (n,)},
    definitions=(
        Definition(L, Upstream(y), "a loss downstream of every $y_j$"),
        Definition(y[i], gamma * xh[i] + beta, "mean-centering, scaled and shifted"),
        Definition(xh[i], x[i] - mu, "the centred input (the statement's $\\hat x_i$)"),
        Definition(mu, sp.Sum(x[l], (l, 1, n)) / n, "the mean"),
        Definition(Lb, Upstream(yb), "a loss downstream of every $\\bar{y}_j$"),
        Definition(yb[i], gamma * xh[i] / sp.sqrt(var + eps) + beta, "batch normalization"),
        Definition(var, sp.Sum(xh[l] ** 2, (l, 1, n)) / n, "the variance"),
    ),
    targets=(
        Target("dy_dx", D(y[j], x[i]), "∂y_j/∂x_i"),
        Target("dL_dx", D(L, x[i]), "∂L/∂x_i"),
        Target("dL_dx_n1", D(L, x[i]), "∂L/∂x_i for n = 1", sizes={n: 1}),
        Target("dL_dx_n3", D(L, x[i]), "∂L/∂x_i for n = 3", sizes={n: 3}),
        Target("dL_dx_limit", sp.Limit(D(L, x[i]), n, sp.oo), "∂L/∂x_i as n → ∞"),
        # "the same for batch normalization": an answer's L is the loss downstream of ȳ
        Target("batchnorm_dL_dx", D(Lb, x[i]), "batch norm: ∂L/∂x_i", where={"L": Lb}),
    ),
    claims=(
        Claim(
            "dL_dx",
            r"\frac{\partial L}{\partial x_i} = \frac{\partial L}{\partial y_i} \cdot \gamma \cdot (1 - \frac{1}{n}) = \frac{n-1}{n} \cdot \gamma \cdot \frac{\partial L}{\partial y_i}",
            "Exercise 3(b), lines 181-183",
        ),
        Claim(
            "dL_dx_n1", r"\frac{\partial L}{\partial x_i} = 0", "Exercise 3(b), line 186 (n = 1)"
        ),
        Claim(
            "dL_dx_limit",
            r"\frac{\partial L}{\partial x_i} = \gamma \frac{\partial L}{\partial y_i}",
            "Exercise 3(b), lines 185-187 (n → ∞, where (n−1)/n → 1)",
        ),
    ),
    notation={
        "x": x,
        "y": y,
        "L": L,
        r"\mu": mu,
        r"\gamma": gamma,
        r"\beta": beta,
        r"\hat{x}": xh,
        r"\hat{X}": xh,
        "X": x,
        "n": n,
    },
)
