"""Softmax followed by cross-entropy: the Jacobian of the softmax and the gradient of the loss
with respect to the logits."""

import sympy as sp

from symderiv.spec import Claim, Definition, Problem, Source, Target

D = sp.Derivative

K = sp.Symbol("K", integer=True, positive=True)  # number of classes
i, k, l = sp.symbols("i k l", integer=True, positive=True)
z = sp.IndexedBase("z", real=True)  # logits
p = sp.IndexedBase("p", real=True)  # probabilities
y = sp.IndexedBase("y", real=True)  # target distribution
L = sp.Symbol("L", real=True)

PROBLEM = Problem(
    id="softmax_ce",
    title="Softmax and cross-entropy: Jacobian and gradient",
    source=Source("catalog", "Softmax output layer with cross-entropy loss"),
    statement=(
        r"Logits $z \in \mathbb{R}^K$ are mapped to probabilities "
        r"$p_k = e^{z_k} / \sum_{l=1}^K e^{z_l}$. The loss is the cross-entropy "
        r"$L = -\sum_{k=1}^K y_k \log p_k$ against a target distribution $y$ "
        r"($y_k \ge 0$, $\sum_{k=1}^K y_k = 1$). Compute $\partial p_k/\partial z_i$ (and the "
        r"Jacobian $\partial p/\partial z$), then $\partial L/\partial z_i$ (and the gradient "
        r"$\partial L/\partial z$ as a column vector)."
    ),
    shapes={z: (K,), p: (K,), y: (K,)},
    definitions=(
        Definition(p[k], sp.exp(z[k]) / sp.Sum(sp.exp(z[l]), (l, 1, K)), "softmax"),
        Definition(L, -sp.Sum(y[k] * sp.log(p[k]), (k, 1, K)), "cross-entropy"),
    ),
    assumptions=(sp.Eq(sp.Sum(y[k], (k, 1, K)), 1),),
    targets=(
        Target("dp_dz", D(p[k], z[i]), "∂p_k/∂z_i"),
        Target("dp_dz_matrix", D(p[k], z[i]), "∂p/∂z", as_matrix=(k, i)),
        Target("dL_dz", D(L, z[i]), "∂L/∂z_i"),
        Target("dL_dz_vec", D(L, z[i]), "∂L/∂z (column vector)", as_matrix=(i, None)),
    ),
    claims=(
        Claim(
            "dL_dz",
            r"\frac{\partial L}{\partial z_i} = p_i - y_i",
            "catalog model answer",
        ),
    ),
    notation={"z": z, "p": p, "y": y, "L": L, "K": K},
)
