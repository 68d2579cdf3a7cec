"""Written from its textbook statement by an outside tester who saw only the README (issue 29).

Logistic regression: the batch gradient X^T(p - y) and the Hessian
(p(1-p) x x^T for one example, X^T diag(p(1-p)) X for a batch)."""

import sympy as sp

from symderiv.ops import sigmoid
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

N, d = sp.symbols("N d", integer=True, positive=True)  # examples, features
i, j, l, n = sp.symbols("i j l n", integer=True, positive=True)

X = sp.IndexedBase("X", real=True)  # design matrix, one example per row
y = sp.IndexedBase("y", real=True)  # labels in {0, 1}
w = sp.IndexedBase("w", real=True)
s = sp.IndexedBase("s", real=True)  # scores
p = sp.IndexedBase("p", real=True)  # predicted probabilities
L = sp.Symbol("L", real=True)

# one example
x = sp.IndexedBase("x", real=True)
y1 = sp.Symbol("y", real=True)
s1 = sp.Symbol("s", real=True)
p1 = sp.Symbol("p", real=True)
L1 = sp.Symbol(r"\ell", real=True)

PROBLEM = Problem(
    id="logreg_hessian",
    title="Logistic regression: gradient and Hessian",
    source=Source(
        "catalog",
        "Logistic regression: the batch gradient Xᵀ(p − y) and the Hessian Xᵀ diag(p(1 − p)) X",
    ),
    statement=(
        r"Logistic regression on a batch $X \in \mathbb{R}^{N \times d}$ (rows $x_n$), labels "
        r"$y_n \in \{0,1\}$: $s_n = \sum_{l=1}^d X_{nl} w_l$, $p_n = \sigma(s_n)$, "
        r"$L = -\sum_{n=1}^N [y_n \log p_n + (1-y_n)\log(1-p_n)]$. Show "
        r"$\nabla_w L = X^T(p-y)$ and $\nabla_w^2 L = X^T \operatorname{diag}(p(1-p)) X$. "
        r"For one example $(x, y)$: $s = w^T x$, $p = \sigma(s)$, "
        r"$\ell = -y\log p - (1-y)\log(1-p)$; show $\nabla^2_w \ell = p(1-p) x x^T$."
    ),
    shapes={X: (N, d), y: (N,), w: (d,), s: (N,), p: (N,), x: (d,)},
    definitions=(
        Definition(s[n], sp.Sum(X[n, l] * w[l], (l, 1, d)), "scores"),
        Definition(p[n], sigmoid(s[n]), "probabilities"),
        Definition(
            L,
            -sp.Sum(y[n] * sp.log(p[n]) + (1 - y[n]) * sp.log(1 - p[n]), (n, 1, N)),
            "negative log-likelihood",
        ),
        Definition(s1, sp.Sum(w[l] * x[l], (l, 1, d)), "score of one example"),
        Definition(p1, sigmoid(s1), "probability of one example"),
        Definition(L1, -y1 * sp.log(p1) - (1 - y1) * sp.log(1 - p1), "log-loss of one example"),
    ),
    assumptions=(sp.Contains(y[n], sp.FiniteSet(0, 1)), sp.Eq(y1 * (y1 - 1), 0)),
    targets=(
        Target("dL_dw", D(L, w[i]), "∂L/∂w_i"),
        Target("dL_dw_vec", D(L, w[i]), "∇_w L = X^T(p − y)", as_matrix=(i, None)),
        Target("hess", D(L, w[i], w[j]), "∂²L/∂w_i∂w_j"),
        Target("hess_matrix", D(L, w[i], w[j]), "∇²_w L = X^T diag(p(1−p)) X", as_matrix=(i, j)),
        Target("hess1", D(L1, w[i], w[j]), "one example: ∂²ℓ/∂w_i∂w_j"),
        Target(
            "hess1_matrix", D(L1, w[i], w[j]), "one example: ∇²ℓ = p(1−p) x x^T", as_matrix=(i, j)
        ),
    ),
    notation={
        "X": X,
        "y": y,
        "w": w,
        "s": s,
        "p": p,
        "L": L,
        "x": x,
        r"\ell": L1,
        r"\sigma": sigmoid,
    },
)
