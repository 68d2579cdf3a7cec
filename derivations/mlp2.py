"""Backpropagation through a two-layer ReLU network with a squared-error loss."""

import sympy as sp

from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

# sizes: x ∈ R^m, hidden layer R^n, output R^c
m, n, c = sp.symbols("m n c", integer=True, positive=True)
j, k, r = sp.symbols("j k r", integer=True, positive=True)

x = sp.IndexedBase("x", real=True)
W1 = sp.IndexedBase(r"W^{(1)}", real=True)
b1 = sp.IndexedBase(r"b^{(1)}", real=True)
W2 = sp.IndexedBase(r"W^{(2)}", real=True)
b2 = sp.IndexedBase(r"b^{(2)}", real=True)
a = sp.IndexedBase("a", real=True)  # hidden pre-activations
h = sp.IndexedBase("h", real=True)  # hidden activations
o = sp.IndexedBase("o", real=True)  # outputs
t = sp.IndexedBase("t", real=True)  # regression targets
L = sp.Symbol("L", real=True)

PROBLEM = Problem(
    id="mlp2",
    title="Backpropagation in a two-layer ReLU MLP",
    source=Source("catalog", "Multilayer perceptron, backpropagation (squared-error regression)"),
    statement=(
        r"A two-layer network maps $x \in \mathbb{R}^m$ to $o \in \mathbb{R}^c$: "
        r"$a_k = \sum_{j=1}^m W^{(1)}_{kj} x_j + b^{(1)}_k$, $h_k = \max(0, a_k)$ for "
        r"$k = 1, \dots, n$, $o_r = \sum_{k=1}^n W^{(2)}_{rk} h_k + b^{(2)}_r$, and the loss is "
        r"$L = \frac{1}{2}\sum_{r=1}^c (o_r - t_r)^2$. Compute $\partial L/\partial W^{(2)}_{rk}$, "
        r"$\partial L/\partial b^{(2)}_r$, $\partial L/\partial W^{(1)}_{kj}$ and "
        r"$\partial L/\partial b^{(1)}_k$, at index level and in matrix form."
    ),
    shapes={
        x: (m,),
        W1: (n, m),
        b1: (n,),
        a: (n,),
        h: (n,),
        W2: (c, n),
        b2: (c,),
        o: (c,),
        t: (c,),
    },
    definitions=(
        Definition(a[k], sp.Sum(W1[k, j] * x[j], (j, 1, m)) + b1[k], "first affine layer"),
        Definition(h[k], sp.Max(0, a[k]), "ReLU"),
        Definition(o[r], sp.Sum(W2[r, k] * h[k], (k, 1, n)) + b2[r], "second affine layer"),
        Definition(L, sp.Sum((o[r] - t[r]) ** 2, (r, 1, c)) / 2, "squared error"),
    ),
    targets=(
        Target("dL_dW2", D(L, W2[r, k]), "∂L/∂W^{(2)}_{rk}"),
        Target("dL_dW2_matrix", D(L, W2[r, k]), "∂L/∂W^{(2)}", as_matrix=(r, k)),
        Target("dL_db2", D(L, b2[r]), "∂L/∂b^{(2)}_r"),
        Target("dL_db2_vec", D(L, b2[r]), "∂L/∂b^{(2)}", as_matrix=(r, None)),
        Target("dL_dW1", D(L, W1[k, j]), "∂L/∂W^{(1)}_{kj}"),
        Target("dL_dW1_matrix", D(L, W1[k, j]), "∂L/∂W^{(1)}", as_matrix=(k, j)),
        Target("dL_db1", D(L, b1[k]), "∂L/∂b^{(1)}_k"),
        Target("dL_db1_vec", D(L, b1[k]), "∂L/∂b^{(1)}", as_matrix=(k, None)),
    ),
    notation={
        "x": x,
        "a": a,
        "h": h,
        "o": o,
        "t": t,
        "L": L,
        r"W^{(1)}": W1,
        r"b^{(1)}": b1,
        r"W^{(2)}": W2,
        r"b^{(2)}": b2,
        "W_1": W1,
        "b_1": b1,
        "W_2": W2,
        "b_2": b2,
    },
)
