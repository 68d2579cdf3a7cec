"""One step of a vanilla (Elman) RNN with tanh: Jacobians with respect to the previous hidden
state and the recurrent weights (the building block of backpropagation through time)."""

import sympy as sp

from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

n, m = sp.symbols("n m", integer=True, positive=True)  # hidden size, input size
i, j, k, l = sp.symbols("i j k l", integer=True, positive=True)

h = sp.IndexedBase(r"h^{(t)}", real=True)  # h_t
hp = sp.IndexedBase(r"h^{(t-1)}", real=True)  # h_{t-1}
x = sp.IndexedBase(r"x^{(t)}", real=True)  # x_t
W = sp.IndexedBase("W", real=True)
U = sp.IndexedBase("U", real=True)
b = sp.IndexedBase("b", real=True)
a = sp.IndexedBase(r"a^{(t)}", real=True)  # pre-activation

PROBLEM = Problem(
    id="rnn_tanh",
    title="A tanh RNN step: ∂h_t/∂h_{t−1} and ∂h_t/∂W",
    source=Source("catalog", "Recurrent neural networks, backpropagation through time"),
    statement=(
        r"A recurrent layer updates its hidden state $h_{t-1} \in \mathbb{R}^n$ with the input "
        r"$x_t \in \mathbb{R}^m$: $a_{t,k} = \sum_{l=1}^n W_{kl} h_{t-1,l} + "
        r"\sum_{j=1}^m U_{kj} x_{t,j} + b_k$ and $h_{t,k} = \tanh(a_{t,k})$. Compute "
        r"$\partial h_{t,k}/\partial h_{t-1,i}$ (and the Jacobian $\partial h_t/\partial h_{t-1}$) "
        r"and $\partial h_{t,k}/\partial W_{ij}$, treating $h_{t-1}$ as an input."
    ),
    shapes={h: (n,), hp: (n,), a: (n,), x: (m,), W: (n, n), U: (n, m), b: (n,)},
    definitions=(
        Definition(
            a[k],
            sp.Sum(W[k, l] * hp[l], (l, 1, n)) + sp.Sum(U[k, j] * x[j], (j, 1, m)) + b[k],
            "pre-activation",
        ),
        Definition(h[k], sp.tanh(a[k]), "tanh"),
    ),
    targets=(
        Target("dh_dhprev", D(h[k], hp[i]), "∂h_{t,k}/∂h_{t−1,i}"),
        Target("dh_dhprev_matrix", D(h[k], hp[i]), "∂h_t/∂h_{t−1}", as_matrix=(k, i)),
        Target("dh_dW", D(h[k], W[i, j]), "∂h_{t,k}/∂W_{ij}"),
    ),
    notation={
        "h_t": h,
        "h_{t-1}": hp,
        "x_t": x,
        "a_t": a,
        "W": W,
        "U": U,
        "b": b,
        "n": n,
        "m": m,
    },
)
