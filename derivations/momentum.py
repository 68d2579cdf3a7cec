"""SGD with (heavy-ball) momentum and with Nesterov momentum, under a constant gradient:
the velocity and the parameter in closed form, and the terminal velocity."""

import sympy as sp

from symderiv.ops import Unroll
from symderiv.spec import Problem, Source, Target

t = sp.Symbol("t", integer=True, positive=True)
v, g, theta = (sp.IndexedBase(s, real=True) for s in ("v", "g", r"\theta"))
theta_n = sp.IndexedBase(r"\theta^{\mathrm{N}}", real=True)  # the Nesterov iterates
mu, eta = sp.symbols(r"\mu \eta", positive=True)
g_const = sp.Symbol("g", real=True)  # a gradient held constant
theta0 = sp.Symbol(r"\theta_0", real=True)  # the initial parameter

# heavy ball (PyTorch torch.optim.SGD, dampening 0); Nesterov as SGD(nesterov=True)
V_RULE = mu * v[t - 1] + g[t]
THETA_RULE = theta[t - 1] - eta * v[t]
NESTEROV_RULE = theta_n[t - 1] - eta * (g[t] + mu * v[t])

CONSTANT = sp.Tuple(g, g_const)
V_CLOSED = Unroll(v, V_RULE, t, sp.S.Zero, sp.Tuple(CONSTANT))

PROBLEM = Problem(
    id="momentum",
    title="Momentum and Nesterov momentum under a constant gradient",
    source=Source("catalog", "Optimization for deep learning: SGD with momentum, Nesterov"),
    statement=(
        r"SGD with momentum: $v_t = \mu v_{t-1} + g_t$, $\theta_t = \theta_{t-1} - \eta v_t$, "
        r"with $v_0 = 0$, $0 < \mu < 1$, $\eta > 0$. Nesterov momentum (PyTorch form) keeps the "
        r"same velocity and steps $\theta_t = \theta_{t-1} - \eta (g_t + \mu v_t)$. For a "
        r"constant gradient $g_t = g$ and start $\theta_0$: give $v_t$ and $\theta_t$ in closed "
        r"form (both methods), and $\lim_{t\to\infty} v_t$."
    ),
    assumptions=(sp.And(mu > 0, mu < 1),),
    targets=(
        Target("v_closed", V_CLOSED, "v_t for a constant gradient g (v_0 = 0)"),
        Target(
            "theta_closed",
            Unroll(theta, THETA_RULE, t, theta0, sp.Tuple(CONSTANT, sp.Tuple(v, V_CLOSED))),
            "θ_t for a constant gradient g, from θ_0",
        ),
        Target("v_limit", sp.Limit(V_CLOSED, t, sp.oo), "lim v_t as t → ∞"),
        Target(
            "nesterov_theta_closed",
            Unroll(theta_n, NESTEROV_RULE, t, theta0, sp.Tuple(CONSTANT, sp.Tuple(v, V_CLOSED))),
            "Nesterov: θ_t for a constant gradient g, from θ_0",
        ),
    ),
    notation={
        "v": v,
        "g": g,
        r"\theta": theta,
        r"\theta_0": theta0,
        r"\mu": mu,
        r"\eta": eta,
        "t": t,
    },
)
