"""Written from its textbook statement by an outside tester who saw only the README (issue 29).

Softmax with a temperature, and cross-entropy with label smoothing."""

import sympy as sp

from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

K = sp.Symbol("K", integer=True, positive=True)
i, k, l = sp.symbols("i k l", integer=True, positive=True)
z = sp.IndexedBase("z", real=True)
T = sp.Symbol("T", positive=True)
eps = sp.Symbol(r"\epsilon", positive=True)
pT = sp.IndexedBase("p^{T}", real=True)  # tempered softmax
p = sp.IndexedBase("p", real=True)  # plain softmax (T = 1)
y = sp.IndexedBase("y", real=True)  # one-hot label
q = sp.IndexedBase("q", real=True)  # smoothed label
L = sp.Symbol("L", real=True)
LT = sp.Symbol("L^{T}", real=True)

PROBLEM = Problem(
    id="softmax_temperature",
    title="Softmax with temperature; label-smoothing cross-entropy",
    source=Source("catalog", "Softmax with temperature and label-smoothed cross-entropy"),
    statement=(
        r"Logits $z \in \mathbb{R}^K$, temperature $T > 0$: $p^T_k = e^{z_k/T}/\sum_l e^{z_l/T}$. "
        r"Show $\partial p^T_k/\partial z_i = \frac{1}{T} p^T_k(\delta_{ik} - p^T_i)$, i.e. "
        r"$\partial p^T/\partial z = \frac{1}{T}(\operatorname{diag}(p^T) - p^T p^{T\top})$. "
        r"Label smoothing: $y$ one-hot ($\sum_k y_k = 1$), $q_k = (1-\epsilon) y_k + \epsilon/K$, "
        r"$p = \operatorname{softmax}(z)$, $L = -\sum_k q_k \log p_k$; show "
        r"$\partial L/\partial z_i = p_i - q_i$. With temperature, "
        r"$L^T = -\sum_k q_k \log p^T_k$ has $\partial L^T/\partial z_i = (p^T_i - q_i)/T$."
    ),
    shapes={z: (K,), pT: (K,), p: (K,), y: (K,), q: (K,)},
    definitions=(
        Definition(
            pT[k], sp.exp(z[k] / T) / sp.Sum(sp.exp(z[l] / T), (l, 1, K)), "tempered softmax"
        ),
        Definition(p[k], sp.exp(z[k]) / sp.Sum(sp.exp(z[l]), (l, 1, K)), "softmax"),
        Definition(q[k], (1 - eps) * y[k] + eps / K, "smoothed labels"),
        Definition(L, -sp.Sum(q[k] * sp.log(p[k]), (k, 1, K)), "label-smoothing cross-entropy"),
        Definition(LT, -sp.Sum(q[k] * sp.log(pT[k]), (k, 1, K)), "the same at temperature T"),
    ),
    assumptions=(sp.Eq(sp.Sum(y[k], (k, 1, K)), 1), sp.And(eps > 0, eps < 1)),
    targets=(
        Target("dpT_dz", D(pT[k], z[i]), "∂p^T_k/∂z_i"),
        Target("dpT_dz_matrix", D(pT[k], z[i]), "∂p^T/∂z", as_matrix=(k, i)),
        Target("dL_dz", D(L, z[i]), "∂L/∂z_i (label smoothing)"),
        Target("dL_dz_vec", D(L, z[i]), "∂L/∂z (label smoothing)", as_matrix=(i, None)),
        Target("dLT_dz", D(LT, z[i]), "∂L^T/∂z_i (label smoothing at temperature T)"),
    ),
    notation={"z": z, "T": T, r"\epsilon": eps, "p^T": pT, "p": p, "y": y, "q": q, "L": L, "K": K},
)
