"""L2 normalisation layer y = x / ||x||_2: Jacobian and backward pass.

Written by a helper session that had read only the README and the built-in specs (never the
engine's source), as an instructor would; kept as it wrote it, except for the notation entry
for g, which the README did not say how to give then."""

import sympy as sp

from symderiv.ops import Upstream, upstream_gradient
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

n = sp.Symbol("n", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True, positive=True)
x = sp.IndexedBase("x", real=True)
y = sp.IndexedBase("y", real=True)
r = sp.Symbol(r"\|x\|", positive=True)  # the Euclidean norm of x (x != 0)
L = sp.Symbol("L", real=True)

PROBLEM = Problem(
    id="l2norm",
    aliases=("l2-normalize",),
    title="L2 normalisation layer: Jacobian and backward pass",
    source=Source("my course", "L2 normalisation layer"),
    statement=(
        r"For $x \in \mathbb{R}^n$, $x \neq 0$, let $y = x / \|x\|_2$, i.e. "
        r"$y_i = x_i / \sqrt{\sum_{k=1}^n x_k^2}$. (a) Derive the Jacobian "
        r"$\partial y_i/\partial x_j$ in index form, in terms of $y$ and $\|x\|$. "
        r"(b) Give it in matrix form. (c) Given an upstream gradient $g = \partial L/\partial y$, "
        r"derive $\partial L/\partial x_j$."
    ),
    shapes={x: (n,), y: (n,)},
    definitions=(
        Definition(r, sp.sqrt(sp.Sum(x[k] ** 2, (k, 1, n))), "the Euclidean norm"),
        Definition(y[i], x[i] / r, "L2 normalisation"),
        Definition(L, Upstream(y), "a loss downstream of every $y_i$"),
    ),
    targets=(
        Target("dy_dx", D(y[i], x[j]), "(a) ∂y_i/∂x_j"),
        Target("dy_dx_matrix", D(y[i], x[j]), "(b) ∂y/∂x", as_matrix=(i, j)),
        Target("dL_dx", D(L, x[j]), "(c) ∂L/∂x_j"),
        Target("dL_dx_vec", D(L, x[j]), "(c) ∂L/∂x (column vector)", as_matrix=(j, None)),
    ),
    notation={
        "x": x,
        "y": y,
        "L": L,
        "n": n,
        r"\|x\|": r,
        r"\|x\|_2": r,
        r"\lVert x \rVert": r,
        "g": upstream_gradient(L, y),  # the statement's g = ∂L/∂y (added by us, not the helper)
    },
)
