"""Written from its textbook statement by an outside tester who saw only the README (issue 29).

A tied-weight autoencoder x̂ = W^T σ(W x): the gradient of the reconstruction error."""

import sympy as sp

from symderiv.ops import sigmoid
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

n, m = sp.symbols("n m", integer=True, positive=True)  # input size n, code size m
i, j, k, l, q = sp.symbols("i j k l q", integer=True, positive=True)
x = sp.IndexedBase("x", real=True)
W = sp.IndexedBase("W", real=True)
a = sp.IndexedBase("a", real=True)
h = sp.IndexedBase("h", real=True)
xh = sp.IndexedBase(r"\hat{x}", real=True)
L = sp.Symbol("L", real=True)

PROBLEM = Problem(
    id="tied_autoencoder",
    title="Tied-weight autoencoder: ∂‖x̂ − x‖²/∂W",
    source=Source("catalog", "Autoencoders: a tied-weight autoencoder's reconstruction gradient"),
    statement=(
        r"An autoencoder with tied weights $W \in \mathbb{R}^{m\times n}$: $a = Wx$, "
        r"$h = \sigma(a)$, $\hat x = W^T h$, $L = \|\hat x - x\|^2$. Show "
        r"$\partial L/\partial W = 2 h (\hat x - x)^T + 2 (\sigma'(a) \odot W(\hat x - x)) x^T$ "
        r"($W$ is used twice)."
    ),
    shapes={x: (n,), W: (m, n), a: (m,), h: (m,), xh: (n,)},
    definitions=(
        Definition(a[k], sp.Sum(W[k, l] * x[l], (l, 1, n)), "encoder pre-activation"),
        Definition(h[k], sigmoid(a[k]), "code"),
        Definition(xh[j], sp.Sum(W[q, j] * h[q], (q, 1, m)), "tied decoder"),
        Definition(L, sp.Sum((xh[l] - x[l]) ** 2, (l, 1, n)), "reconstruction error"),
    ),
    targets=(
        Target("dL_dW", D(L, W[k, j]), "∂L/∂W_kj"),
        Target("dL_dW_matrix", D(L, W[k, j]), "∂L/∂W", as_matrix=(k, j)),
        Target("dL_dx", D(L, x[i]), "∂L/∂x_i"),
    ),
    notation={"x": x, "W": W, "a": a, "h": h, r"\hat{x}": xh, "L": L, r"\sigma": sigmoid},
)
