"""Written from its textbook statement by an outside tester who saw only the README (issue 29).

Backward pass of a 2-D valid convolution (cross-correlation) layer."""

import sympy as sp

from symderiv.ops import Upstream
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

H, W, P, Q = sp.symbols("H W P Q", integer=True, positive=True)  # image H×W, kernel P×Q
i, j, a, b, u, v = sp.symbols("i j a b u v", integer=True, positive=True)
X = sp.IndexedBase("X", real=True)
K = sp.IndexedBase("K", real=True)
Y = sp.IndexedBase("Y", real=True)
L = sp.Symbol("L", real=True)

PROBLEM = Problem(
    id="conv2d_backward",
    title="Backward pass of a 2-D convolution layer",
    source=Source("catalog", "Convolutional layers: backpropagation through a 2-D convolution"),
    statement=(
        r"A 2-D convolution layer (cross-correlation, no padding, stride 1) with kernel "
        r"$K \in \mathbb{R}^{P\times Q}$ maps $X \in \mathbb{R}^{H\times W}$ to "
        r"$Y_{ij} = \sum_{a=1}^P \sum_{b=1}^Q K_{ab} X_{i+a-1, j+b-1}$, "
        r"$i \le H-P+1$, $j \le W-Q+1$. A loss $L$ depends on every $Y_{ij}$. Show "
        r"$\partial L/\partial K_{ab} = \sum_{i,j} \frac{\partial L}{\partial Y_{ij}} X_{i+a-1,j+b-1}$ "
        r"and give $\partial L/\partial X_{uv}$ (a full convolution with the flipped kernel)."
    ),
    shapes={X: (H, W), K: (P, Q), Y: (H - P + 1, W - Q + 1)},
    definitions=(
        Definition(
            Y[i, j],
            sp.Sum(sp.Sum(K[a, b] * X[i + a - 1, j + b - 1], (b, 1, Q)), (a, 1, P)),
            "valid 2-D cross-correlation",
        ),
        Definition(L, Upstream(Y), "a loss downstream of every $Y_{ij}$"),
    ),
    assumptions=(sp.Le(P, H), sp.Le(Q, W)),
    targets=(
        Target("dL_dK", D(L, K[a, b]), "∂L/∂K_ab"),
        Target("dL_dX", D(L, X[u, v]), "∂L/∂X_uv"),
        Target("dY_dK", D(Y[i, j], K[a, b]), "∂Y_ij/∂K_ab"),
    ),
    notation={"X": X, "K": K, "Y": Y, "L": L, "H": H, "W": W, "P": P, "Q": Q},
)
