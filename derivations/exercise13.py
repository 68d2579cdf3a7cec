"""Exercise 1.3 of seed 000: Jacobians of a sigmoid-affine layer y = σ(W x + b)."""

import sympy as sp

from symderiv.ops import sigmoid
from symderiv.spec import Claim, Definition, Problem, Source, Target

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
        Target(
            f"dyt_dW_vec{suffix}",
            D(yt[k], W[i, j]),
            f"∂ỹ/∂W_ij{where}",
            as_matrix=(k, None),
            sizes=sizes,
        ),
        Target(
            f"dyt_dx_vec{suffix}",
            D(yt[k], x[i]),
            f"∂ỹ/∂x_i{where}",
            as_matrix=(k, None),
            sizes=sizes,
        ),
        Target(f"dy_dyt{suffix}", D(y[k], yt[k]), f"∂y_k/∂ỹ_k (σ entrywise){where}", sizes=sizes),
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
    # The write-up's answers, verbatim (000_6b14f55510da9f5f.txt, line numbers). Where it
    # writes ỹ for the entry ỹ_k (σ applied entrywise), ``where`` says so.
    claims=(
        Claim(
            "dyt_dW_vec_seed",
            r"\frac{\partial \tilde{y}}{\partial W_{ij}} = x^T",
            "Exercise 1.3, line 93 (preliminary result)",
        ),
        Claim(
            "dyt_db_seed",
            r"\frac{\partial \tilde{y}}{\partial b^*} = 1",
            "Exercise 1.3, line 95 (preliminary result)",
        ),
        Claim(
            "dyt_dx_vec_seed",
            r"\frac{\partial \tilde{y}}{\partial x_i} = W^T",
            "Exercise 1.3, line 99 (preliminary result)",
        ),
        Claim(
            "dy_dyt",
            r"\frac{\partial y}{\partial \tilde{y}} = \frac{e^{-\tilde{y}}}{(1 + e^{-\tilde{y}})^2} = \frac{1}{e^{\tilde{y}} + 2 + e^{-\tilde{y}}}",
            "Exercise 1.3, line 103 (preliminary result)",
            where={r"\tilde{y}": yt[k], "y": y[k]},
        ),
        Claim(
            "dyk_dW_matrix_seed",
            r"\frac{\partial f}{\partial W} = \frac{\partial f}{\partial \tilde{y}} \frac{\partial \tilde{y}}{\partial W} = \frac{x}{2 + e^{-\tilde{y}} + e^{\tilde{y}}}",
            "Exercise 1.3, line 107",
        ),
        Claim(
            "dy_dx_matrix_seed",
            r"\frac{\partial f}{\partial x} = \frac{\partial f}{\partial \tilde{y}} \frac{\partial \tilde{y}}{\partial x} = \frac{W^T}{2 + e^{-\tilde{y}} + e^{\tilde{y}}}",
            "Exercise 1.3, line 109",
        ),
        Claim(
            "dy_db_matrix_seed",
            r"\frac{\partial f}{\partial b} = \frac{\partial f}{\partial \tilde{y}} \frac{\partial \tilde{y}}{\partial b} = \frac{1}{2 + e^{-\tilde{y}} + e^{\tilde{y}}}",
            "Exercise 1.3, line 111",
        ),
        Claim(
            "dy_dW",
            r"\frac{\partial f_k}{\partial W_{ij}} = \frac{\partial f_k}{\partial \tilde{y}_k} \times \frac{\partial \tilde{y}_k}{\partial W_{ij}} = \begin{cases} 0 & \text{if } k \neq i \\ \frac{x_j}{2 + e^{-\tilde{y}_k} + e^{\tilde{y}_k}} & \text{otherwise} \end{cases}",
            "Exercise 1.3, line 115 (to be more precise)",
        ),
        Claim(
            "dy_dx",
            r"\frac{\partial f_k}{\partial x_i} = \frac{\partial f_k}{\partial \tilde{y}_k} \times \frac{\partial \tilde{y}_k}{\partial x_i}",
            "Exercise 1.3, line 117 (to be more precise)",
        ),
        Claim(
            "dy_dx",
            r"\frac{\partial f_k}{\partial x_i} = \frac{W_{ki}}{2 + e^{-\tilde{y}_k} + e^{\tilde{y}_k}}",
            "Exercise 1.3, line 119 (to be more precise)",
        ),
        Claim(
            "dy_db",
            r"\frac{\partial f_k}{\partial b_i} = \frac{1}{2 + e^{-\tilde{y}_k} + e^{\tilde{y}_k}}",
            "Exercise 1.3, line 121 (to be more precise)",
        ),
    ),
    # the write-up calls the layer f and the sigmoid g
    notation={
        "W": W,
        "x": x,
        "b": b,
        "y": y,
        r"\tilde{y}": yt,
        r"\sigma": sigmoid,
        "g": sigmoid,
        "f": y,
    },
)
