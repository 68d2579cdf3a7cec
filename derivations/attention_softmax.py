"""Scaled dot-product attention weights for one query: the softmax Jacobian and the
derivative of the weights with respect to the query."""

import sympy as sp

from symderiv.spec import Definition, Problem, Source, Target

n = sp.Symbol("n", integer=True, positive=True)  # number of keys
D = sp.Symbol("D", integer=True, positive=True)  # key/query dimension
d, i, j, l = sp.symbols("d i j l", integer=True, positive=True)
q = sp.IndexedBase("q", real=True)  # the query
K = sp.IndexedBase("K", real=True)  # the keys, one per row
s = sp.IndexedBase("s", real=True)  # the scores
a = sp.IndexedBase("a", real=True)  # the attention weights

PROBLEM = Problem(
    id="attention_softmax",
    title="Attention weights: softmax Jacobian and ∂a/∂q",
    source=Source("catalog", "Transformers: scaled dot-product attention"),
    statement=(
        r"A query $q \in \mathbb{R}^D$ attends to $n$ keys, the rows of $K \in \mathbb{R}^{n "
        r"\times D}$: scores $s_j = \frac{1}{\sqrt{D}} \sum_{d=1}^D q_d K_{jd}$ and weights "
        r"$a_j = e^{s_j} / \sum_{l=1}^n e^{s_l}$. Compute $\partial a_j/\partial s_i$ (and the "
        r"Jacobian $\partial a/\partial s$) and $\partial a_j/\partial q_d$."
    ),
    shapes={q: (D,), K: (n, D), s: (n,), a: (n,)},
    definitions=(
        Definition(s[j], sp.Sum(q[d] * K[j, d], (d, 1, D)) / sp.sqrt(D), "scaled dot product"),
        Definition(a[j], sp.exp(s[j]) / sp.Sum(sp.exp(s[l]), (l, 1, n)), "softmax"),
    ),
    targets=(
        Target("da_ds", sp.Derivative(a[j], s[i]), "∂a_j/∂s_i"),
        Target("da_ds_matrix", sp.Derivative(a[j], s[i]), "∂a/∂s", as_matrix=(j, i)),
        Target("da_dq", sp.Derivative(a[j], q[d]), "∂a_j/∂q_d"),
    ),
    notation={"q": q, "K": K, "s": s, "a": a, "D": D, "n": n},
)
