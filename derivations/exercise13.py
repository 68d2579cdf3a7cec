"""Exercise 1.3 of seed 000: Jacobians of a sigmoid-affine layer y = σ(W x + b)."""

import sympy as sp

from symderiv.functions import sigmoid
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

# sizes: W ∈ R^{n×m}; the write-up's sizes are n = 4, m = 3
n, m = sp.symbols("n m", integer=True, positive=True)
SEED = {n: 4, m: 3}

# indices (counting from 1)
i, j, k, l = sp.symbols("i j k l", integer=True, positive=True)

W = sp.IndexedBase("W", real=True)
x = sp.IndexedBase("x", real=True)
b = sp.IndexedBase("b", real=True)
y = sp.IndexedBase("y", real=True)
yt = sp.IndexedBase(r"\tilde{y}", real=True)


def jacobians(suffix, sizes):
    """The targets of the exercise, at symbolic sizes (suffix "") or the write-up's."""
    where = " (n = 4, m = 3)" if sizes else ""
    return (
        # the write-up's "preliminary results"
        Target(f"dyt_dW{suffix}", D(yt[k], W[i, j]), f"∂ỹ_k/∂W_ij{where}", sizes=sizes),
        Target(f"dyt_db{suffix}", D(yt[k], b[i]), f"∂ỹ/∂b{where}", as_matrix=(k, i), sizes=sizes),
        Target(f"dyt_dx{suffix}", D(yt[k], x[i]), f"∂ỹ/∂x{where}", as_matrix=(k, i), sizes=sizes),
        # the Jacobians of y, index level
        Target(f"dy_dW{suffix}", D(y[k], W[i, j]), f"∂y_k/∂W_ij{where}", sizes=sizes),
        Target(f"dy_dx{suffix}", D(y[k], x[i]), f"∂y_k/∂x_i{where}", sizes=sizes),
        Target(f"dy_db{suffix}", D(y[k], b[i]), f"∂y_k/∂b_i{where}", sizes=sizes),
        # and in matrix form
        Target(
            f"dy_dx_matrix{suffix}", D(y[k], x[i]), f"∂y/∂x{where}", as_matrix=(k, i), sizes=sizes
        ),
        Target(
            f"dy_db_matrix{suffix}", D(y[k], b[i]), f"∂y/∂b{where}", as_matrix=(k, i), sizes=sizes
        ),
        Target(
            f"dyk_dW_matrix{suffix}",
            D(y[k], W[i, j]),
            f"∂y_k/∂W{where}",
            as_matrix=(i, j),
            sizes=sizes,
        ),
    )


PROBLEM = Problem(
    id="exercise13",
    aliases=("ex13", "1.3", "sigmoid-affine"),
    title="Jacobians of a sigmoid-affine layer",
    source=Source("000_6b14f55510da9f5f.txt", "Exercise 1.3 (Exercice 13)"),
    statement=(
        r"Let $x \in \mathbb{R}^3$, $W \in \mathbb{R}^{4\times 3}$, $b \in \mathbb{R}^4$ and "
        r"$y = f(x) = \sigma(Wx + b) \in \mathbb{R}^4$ with the logistic sigmoid "
        r"$\sigma(u) = 1/(1+e^{-u})$ applied entrywise. Write $\tilde y = Wx + b$. "
        r"Compute the derivatives of $y$ with respect to $W$, $b$ and $x$, at index level and "
        r"in matrix form; also for general sizes $W \in \mathbb{R}^{n\times m}$."
    ),
    shapes={W: (n, m), x: (m,), b: (n,), y: (n,), yt: (n,)},
    definitions=(
        Definition(yt[k], sp.Sum(W[k, l] * x[l], (l, 1, m)) + b[k], "affine map"),
        Definition(y[k], sigmoid(yt[k]), "sigmoid layer"),
    ),
    targets=jacobians("", None) + jacobians("_seed", SEED),
    notation={"W": W, "x": x, "b": b, "y": y, r"\tilde{y}": yt, r"\sigma": sigmoid, "f": y},
)
