"""Backward pass of a 1-D valid convolution (cross-correlation, as in deep-learning
libraries): the gradients with respect to the kernel and the input."""

import sympy as sp

from symderiv.ops import Upstream
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

N, K = sp.symbols("N K", integer=True, positive=True)  # input length, kernel length
i, k, l = sp.symbols("i k l", integer=True, positive=True)
x = sp.IndexedBase("x", real=True)
w = sp.IndexedBase("w", real=True)
y = sp.IndexedBase("y", real=True)
L = sp.Symbol("L", real=True)

PROBLEM = Problem(
    id="conv1d_backward",
    title="Backward pass of a 1-D convolution layer",
    source=Source("catalog", "Convolutional layers: backpropagation through a convolution"),
    statement=(
        r"A convolution layer (cross-correlation, no padding, stride 1) with kernel "
        r"$w \in \mathbb{R}^K$ maps $x \in \mathbb{R}^N$, $K \le N$, to "
        r"$y_k = \sum_{l=1}^K w_l x_{k+l-1}$, $k = 1, \dots, N-K+1$. A loss $L$ depends on "
        r"every $y_k$. Compute $\partial L/\partial w_l$ and $\partial L/\partial x_i$ in terms "
        r"of $\partial L/\partial y_k$, and recognize both as correlations/convolutions."
    ),
    shapes={x: (N,), w: (K,), y: (N - K + 1,)},
    definitions=(
        Definition(y[k], sp.Sum(w[l] * x[k + l - 1], (l, 1, K)), "valid cross-correlation"),
        Definition(L, Upstream(y), "a loss downstream of every $y_k$"),
    ),
    assumptions=(sp.Le(K, N),),
    targets=(
        Target("dL_dw", D(L, w[l]), "∂L/∂w_l"),
        Target("dL_dx", D(L, x[i]), "∂L/∂x_i"),
    ),
    notation={"x": x, "w": w, "y": y, "L": L, "N": N, "K": K},
)
