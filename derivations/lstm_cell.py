"""Written from its textbook statement by an outside tester who saw only the README (issue 29).

One LSTM cell step: gates, cell state and hidden state, and their local derivatives."""

import sympy as sp

from symderiv.ops import sigmoid
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

n, m = sp.symbols("n m", integer=True, positive=True)  # hidden size, input size
i, j, k, l = sp.symbols("i j k l", integer=True, positive=True)

x = sp.IndexedBase("x_t", real=True)
hp = sp.IndexedBase("h_{t-1}", real=True)
cp = sp.IndexedBase("c_{t-1}", real=True)
Wf, Wi, Wo, Wg = (sp.IndexedBase(f"W_{g}", real=True) for g in "fiog")
Uf, Ui, Uo, Ug = (sp.IndexedBase(f"U_{g}", real=True) for g in "fiog")
bf, bi, bo, bg = (sp.IndexedBase(f"b_{g}", real=True) for g in "fiog")
f = sp.IndexedBase("f_t", real=True)
ig = sp.IndexedBase("i_t", real=True)
o = sp.IndexedBase("o_t", real=True)
g = sp.IndexedBase("g_t", real=True)
c = sp.IndexedBase("c_t", real=True)
h = sp.IndexedBase("h_t", real=True)


def pre(Wq, Uq, bq):
    return sp.Sum(Wq[k, l] * hp[l], (l, 1, n)) + sp.Sum(Uq[k, j] * x[j], (j, 1, m)) + bq[k]


PROBLEM = Problem(
    id="lstm_cell",
    title="An LSTM cell: ∂h_t/∂c_{t−1}, ∂c_t/∂f_t, ∂h_t/∂h_{t−1}",
    source=Source("catalog", "Recurrent networks: an LSTM cell's Jacobians"),
    statement=(
        r"An LSTM cell: $f_t = \sigma(W_f h_{t-1} + U_f x_t + b_f)$, "
        r"$i_t = \sigma(W_i h_{t-1} + U_i x_t + b_i)$, $o_t = \sigma(W_o h_{t-1} + U_o x_t + b_o)$, "
        r"$g_t = \tanh(W_g h_{t-1} + U_g x_t + b_g)$, $c_t = f_t \odot c_{t-1} + i_t \odot g_t$, "
        r"$h_t = o_t \odot \tanh(c_t)$, $h_{t-1}, c_{t-1} \in \mathbb{R}^n$, $x_t \in \mathbb{R}^m$. "
        r"Compute $\partial c_t/\partial c_{t-1} = \operatorname{diag}(f_t)$, "
        r"$\partial c_t/\partial f_t = \operatorname{diag}(c_{t-1})$, "
        r"$\partial h_t/\partial c_{t-1} = \operatorname{diag}(o_t \odot (1-\tanh^2 c_t) \odot f_t)$, "
        r"$\partial h_t/\partial c_t$, and $\partial h_t/\partial h_{t-1}$."
    ),
    shapes={
        x: (m,),
        hp: (n,),
        cp: (n,),
        f: (n,),
        ig: (n,),
        o: (n,),
        g: (n,),
        c: (n,),
        h: (n,),
        Wf: (n, n),
        Wi: (n, n),
        Wo: (n, n),
        Wg: (n, n),
        Uf: (n, m),
        Ui: (n, m),
        Uo: (n, m),
        Ug: (n, m),
        bf: (n,),
        bi: (n,),
        bo: (n,),
        bg: (n,),
    },
    definitions=(
        Definition(f[k], sigmoid(pre(Wf, Uf, bf)), "forget gate"),
        Definition(ig[k], sigmoid(pre(Wi, Ui, bi)), "input gate"),
        Definition(o[k], sigmoid(pre(Wo, Uo, bo)), "output gate"),
        Definition(g[k], sp.tanh(pre(Wg, Ug, bg)), "candidate"),
        Definition(c[k], f[k] * cp[k] + ig[k] * g[k], "cell state"),
        Definition(h[k], o[k] * sp.tanh(c[k]), "hidden state"),
    ),
    targets=(
        Target("dc_dcprev", D(c[k], cp[i]), "∂c_{t,k}/∂c_{t−1,i}"),
        Target("dc_dcprev_matrix", D(c[k], cp[i]), "∂c_t/∂c_{t−1}", as_matrix=(k, i)),
        Target("dc_df", D(c[k], f[i]), "∂c_{t,k}/∂f_{t,i}"),
        Target("dc_df_matrix", D(c[k], f[i]), "∂c_t/∂f_t", as_matrix=(k, i)),
        Target("dh_dc", D(h[k], c[i]), "∂h_{t,k}/∂c_{t,i}"),
        Target("dh_dcprev", D(h[k], cp[i]), "∂h_{t,k}/∂c_{t−1,i}"),
        Target("dh_dcprev_matrix", D(h[k], cp[i]), "∂h_t/∂c_{t−1}", as_matrix=(k, i)),
        Target("dh_dhprev", D(h[k], hp[i]), "∂h_{t,k}/∂h_{t−1,i}"),
        Target("dh_dhprev_matrix", D(h[k], hp[i]), "∂h_t/∂h_{t−1}", as_matrix=(k, i)),
    ),
    notation={
        "x_t": x,
        "h_{t-1}": hp,
        "c_{t-1}": cp,
        "f_t": f,
        "i_t": ig,
        "o_t": o,
        "g_t": g,
        "c_t": c,
        "h_t": h,
        "W_f": Wf,
        "W_i": Wi,
        "W_o": Wo,
        "W_g": Wg,
        "U_f": Uf,
        "U_i": Ui,
        "U_o": Uo,
        "U_g": Ug,
        r"\sigma": sigmoid,
    },
)
