"""Written from its textbook statement by an outside tester who saw only the README (issue 29).

The Huber loss and log-sum-exp: gradients (and the Hessian of log-sum-exp)."""

import sympy as sp

from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

N, K = sp.symbols("N K", integer=True, positive=True)
i, j, k, n = sp.symbols("i j k n", integer=True, positive=True)
yh = sp.IndexedBase(r"\hat{y}", real=True)  # predictions
y = sp.IndexedBase("y", real=True)  # targets
r = sp.IndexedBase("r", real=True)  # residuals
delta = sp.Symbol(r"\delta", positive=True)
H = sp.Symbol("H", real=True)
u = sp.Symbol("u", real=True)
h = sp.Symbol("h", real=True)  # Huber of one residual u
z = sp.IndexedBase("z", real=True)
lse = sp.Symbol(r"\mathrm{LSE}", real=True)


def huber(e):
    return sp.Piecewise((e**2 / 2, sp.Abs(e) <= delta), (delta * (sp.Abs(e) - delta / 2), True))


PROBLEM = Problem(
    id="huber_lse",
    title="Huber loss and log-sum-exp gradients",
    source=Source("catalog", "Robust losses: Huber, and the log-sum-exp gradient and Hessian"),
    statement=(
        r"Huber loss with threshold $\delta > 0$: $h_\delta(u) = u^2/2$ if $|u| \le \delta$, "
        r"$\delta(|u| - \delta/2)$ otherwise; for predictions $\hat y \in \mathbb{R}^N$, "
        r"$r_n = \hat y_n - y_n$, $H = \sum_n h_\delta(r_n)$. Show $h_\delta'(u) = u$ for "
        r"$|u| \le \delta$, $\delta\,\mathrm{sign}(u)$ otherwise, and "
        r"$\partial H/\partial\hat y_n = \mathrm{clip}(r_n, -\delta, \delta)$. "
        r"Log-sum-exp: $\mathrm{LSE}(z) = \log\sum_{k=1}^K e^{z_k}$; show "
        r"$\partial\mathrm{LSE}/\partial z_i = e^{z_i}/\sum_k e^{z_k} = \mathrm{softmax}(z)_i$ and "
        r"$\partial^2\mathrm{LSE}/\partial z_i\partial z_j = \mathrm{softmax}(z)_i\delta_{ij} - "
        r"\mathrm{softmax}(z)_i\mathrm{softmax}(z)_j$."
    ),
    shapes={yh: (N,), y: (N,), r: (N,), z: (K,)},
    definitions=(
        Definition(h, huber(u), "Huber of one residual"),
        Definition(r[n], yh[n] - y[n], "residuals"),
        Definition(H, sp.Sum(huber(r[n]), (n, 1, N)), "Huber loss"),
        Definition(lse, sp.log(sp.Sum(sp.exp(z[k]), (k, 1, K))), "log-sum-exp"),
    ),
    targets=(
        Target("dh_du", D(h, u), "h_δ'(u)"),
        Target("dH_dyhat", D(H, yh[i]), "∂H/∂ŷ_i"),
        Target("dH_dyhat_vec", D(H, yh[i]), "∂H/∂ŷ", as_matrix=(i, None)),
        Target("dlse_dz", D(lse, z[i]), "∂LSE/∂z_i"),
        Target("dlse_dz_vec", D(lse, z[i]), "∇LSE", as_matrix=(i, None)),
        Target("hess_lse", D(lse, z[i], z[j]), "∂²LSE/∂z_i∂z_j"),
        Target("hess_lse_matrix", D(lse, z[i], z[j]), "∇²LSE", as_matrix=(i, j)),
    ),
    notation={
        r"\hat{y}": yh,
        "y": y,
        "r": r,
        r"\delta": delta,
        "H": H,
        "u": u,
        "z": z,
        r"\mathrm{LSE}": lse,
    },
)
