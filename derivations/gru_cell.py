"""Written from its textbook statement by an outside tester who saw only the README (issue 29).

One GRU cell step: ∂h_t/∂h_{t−1} at index level and in matrix form."""

import sympy as sp

from symderiv.ops import sigmoid
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

n, m = sp.symbols("n m", integer=True, positive=True)
i, j, k, l = sp.symbols("i j k l", integer=True, positive=True)

x = sp.IndexedBase("x_t", real=True)
hp = sp.IndexedBase("h_{t-1}", real=True)
Wz, Wr, Wh = (sp.IndexedBase(f"W_{q}", real=True) for q in "zrh")
Uz, Ur, Uh = (sp.IndexedBase(f"U_{q}", real=True) for q in "zrh")
z = sp.IndexedBase("z_t", real=True)
r = sp.IndexedBase("r_t", real=True)
ht = sp.IndexedBase(r"\tilde{h}_t", real=True)
h = sp.IndexedBase("h_t", real=True)

PROBLEM = Problem(
    id="gru_cell",
    title="A GRU cell: ∂h_t/∂h_{t−1}",
    source=Source("catalog", "Recurrent networks: a GRU cell's Jacobians"),
    statement=(
        r"A GRU cell: $z_t = \sigma(W_z x_t + U_z h_{t-1})$, $r_t = \sigma(W_r x_t + U_r h_{t-1})$, "
        r"$\tilde h_t = \tanh(W_h x_t + U_h (r_t \odot h_{t-1}))$, "
        r"$h_t = (1 - z_t) \odot h_{t-1} + z_t \odot \tilde h_t$. Compute "
        r"$\partial h_{t,k}/\partial h_{t-1,i}$ and the Jacobian $\partial h_t/\partial h_{t-1} = "
        r"\operatorname{diag}(1-z_t) + \operatorname{diag}((\tilde h_t - h_{t-1}) \odot z_t \odot (1-z_t)) U_z "
        r"+ \operatorname{diag}(z_t \odot (1-\tilde h_t^2)) U_h (\operatorname{diag}(r_t) + "
        r"\operatorname{diag}(h_{t-1} \odot r_t \odot (1-r_t)) U_r)$; also "
        r"$\partial h_t/\partial z_t$ and $\partial h_t/\partial \tilde h_t$."
    ),
    shapes={
        x: (m,),
        hp: (n,),
        z: (n,),
        r: (n,),
        ht: (n,),
        h: (n,),
        Wz: (n, m),
        Wr: (n, m),
        Wh: (n, m),
        Uz: (n, n),
        Ur: (n, n),
        Uh: (n, n),
    },
    definitions=(
        Definition(
            z[k],
            sigmoid(sp.Sum(Wz[k, j] * x[j], (j, 1, m)) + sp.Sum(Uz[k, l] * hp[l], (l, 1, n))),
            "update gate",
        ),
        Definition(
            r[k],
            sigmoid(sp.Sum(Wr[k, j] * x[j], (j, 1, m)) + sp.Sum(Ur[k, l] * hp[l], (l, 1, n))),
            "reset gate",
        ),
        Definition(
            ht[k],
            sp.tanh(
                sp.Sum(Wh[k, j] * x[j], (j, 1, m)) + sp.Sum(Uh[k, l] * r[l] * hp[l], (l, 1, n))
            ),
            "candidate state",
        ),
        Definition(h[k], (1 - z[k]) * hp[k] + z[k] * ht[k], "new state"),
    ),
    targets=(
        Target("dh_dz", D(h[k], z[i]), "∂h_{t,k}/∂z_{t,i}"),
        Target("dh_dz_matrix", D(h[k], z[i]), "∂h_t/∂z_t", as_matrix=(k, i)),
        Target("dh_dhtilde_matrix", D(h[k], ht[i]), "∂h_t/∂h̃_t", as_matrix=(k, i)),
        Target("dh_dhprev", D(h[k], hp[i]), "∂h_{t,k}/∂h_{t−1,i}"),
        Target("dh_dhprev_matrix", D(h[k], hp[i]), "∂h_t/∂h_{t−1}", as_matrix=(k, i)),
    ),
    notation={
        "x_t": x,
        "h_{t-1}": hp,
        "z_t": z,
        "r_t": r,
        r"\tilde{h}_t": ht,
        "h_t": h,
        "W_z": Wz,
        "W_r": Wr,
        "W_h": Wh,
        "U_z": Uz,
        "U_r": Ur,
        "U_h": Uh,
        r"\sigma": sigmoid,
    },
)
