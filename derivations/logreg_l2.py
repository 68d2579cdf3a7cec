"""Logistic regression with an L2 penalty: the gradient of the regularized log-loss."""

import sympy as sp

from symderiv.ops import sigmoid
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

m = sp.Symbol("m", integer=True, positive=True)  # number of features
i, j = sp.symbols("i j", integer=True, positive=True)
w = sp.IndexedBase("w", real=True)
x = sp.IndexedBase("x", real=True)
b = sp.Symbol("b", real=True)
y = sp.Symbol("y", real=True)  # the label, 0 or 1
s = sp.Symbol("s", real=True)  # the score (logit)
p = sp.Symbol("p", real=True)  # the predicted probability of y = 1
lam = sp.Symbol(r"\lambda", positive=True)
L = sp.Symbol("L", real=True)

PROBLEM = Problem(
    id="logreg_l2",
    title="L2-regularized logistic regression: the gradient",
    source=Source("catalog", "Logistic regression, cross-entropy loss and weight decay"),
    statement=(
        r"For one example $(x, y)$ with $x \in \mathbb{R}^m$ and label $y \in \{0, 1\}$, "
        r"logistic regression computes $s = \sum_{j=1}^m w_j x_j + b$ and $p = \sigma(s)$; the "
        r"regularized loss is $L = -y \log p - (1 - y) \log(1 - p) + "
        r"\frac{\lambda}{2}\sum_{j=1}^m w_j^2$ with $\lambda > 0$. Compute "
        r"$\partial L/\partial w_i$ (and the gradient $\partial L/\partial w$) and "
        r"$\partial L/\partial b$."
    ),
    shapes={w: (m,), x: (m,)},
    definitions=(
        Definition(s, sp.Sum(w[j] * x[j], (j, 1, m)) + b, "score"),
        Definition(p, sigmoid(s), "predicted probability"),
        Definition(
            L,
            -y * sp.log(p) - (1 - y) * sp.log(1 - p) + lam / 2 * sp.Sum(w[j] ** 2, (j, 1, m)),
            "regularized log-loss",
        ),
    ),
    assumptions=(sp.Eq(y * (y - 1), 0),),
    targets=(
        Target("dL_dw", D(L, w[i]), "∂L/∂w_i"),
        Target("dL_dw_vec", D(L, w[i]), "∂L/∂w (column vector)", as_matrix=(i, None)),
        Target("dL_db", D(L, b), "∂L/∂b"),
    ),
    notation={
        "w": w,
        "x": x,
        "b": b,
        "y": y,
        "s": s,
        "p": p,
        "L": L,
        r"\lambda": lam,
        r"\sigma": sigmoid,
    },
)
