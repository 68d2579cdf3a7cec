"""Homework 3, exercise 4(a) of seed 004: Adam (Kingma & Ba, 2015, Algorithm 1)."""

import sympy as sp

from symderiv.ops import Recurrence, Unroll
from symderiv.spec import Claim, Definition, Problem, Source, Target

t = sp.Symbol("t", integer=True, positive=True)
m, g, theta = (sp.IndexedBase(s, real=True) for s in ("m", "g", r"\theta"))
v = sp.IndexedBase("v", positive=True)  # a second moment: never negative
m_hat, v_hat = sp.IndexedBase(r"\hat{m}", real=True), sp.IndexedBase(r"\hat{v}", positive=True)
beta1, beta2 = sp.symbols(r"\beta_1 \beta_2", positive=True)
alpha, eps = sp.symbols(r"\alpha \epsilon", positive=True)
g_const = sp.Symbol("g", real=True)  # a gradient held constant

PAPER = "Kingma & Ba (2015), Adam, Algorithm 1"


class Gradient(sp.Function):
    """Algorithm 1's gradient, g_t ← ∇_θ f_t(θ_{t−1}): ∇f written at θ_{s−1} is g_s."""

    @classmethod
    def eval(cls, at):
        if isinstance(at, sp.Indexed) and at.base == theta:
            return g[at.indices[0] + 1]
        return None


M_RULE = beta1 * m[t - 1] + (1 - beta1) * g[t]
V_RULE = beta2 * v[t - 1] + (1 - beta2) * g[t] ** 2
# Algorithm 1's parameter update, with its bias-corrected moments
UPDATE = theta[t - 1] - alpha * (M_RULE / (1 - beta1**t)) / (sp.sqrt(V_RULE / (1 - beta2**t)) + eps)

PROBLEM = Problem(
    id="hw3_4a",
    aliases=("4a", "adam"),
    title="Adam: moment estimates, bias correction, the update",
    source=Source("004_d2ddfc88e605cf14.txt", "Exercise 4(a)"),
    statement=(
        r"Fill in the blanks (A) and (B) of Adam (Kingma \& Ba, Algorithm 1): "
        r"$m_t \leftarrow$ (A), $v_t \leftarrow$ (B), and the update of $\theta_t$. "
        r"Also: the moment estimates unrolled as exponential moving averages, and why "
        r"the bias correction divides by $1 - \beta_1^t$."
    ),
    # the bias-corrected moments of Algorithm 1, as answers name them (m̂_t, v̂_t)
    definitions=(
        Definition(m_hat[t], M_RULE / (1 - beta1**t), "bias-corrected first moment"),
        Definition(v_hat[t], V_RULE / (1 - beta2**t), "bias-corrected second moment"),
    ),
    targets=(
        Target("m_update", Recurrence(m, M_RULE, t, sp.Symbol(PAPER)), "(A) m_t ←"),
        Target("v_update", Recurrence(v, V_RULE, t, sp.Symbol(PAPER)), "(B) v_t ←"),
        Target("m_unrolled", Unroll(m, M_RULE, t, sp.S.Zero, sp.Tuple()), "m_t unrolled (m_0 = 0)"),
        Target("v_unrolled", Unroll(v, V_RULE, t, sp.S.Zero, sp.Tuple()), "v_t unrolled (v_0 = 0)"),
        Target(
            "m_constant",
            Unroll(m, M_RULE, t, sp.S.Zero, sp.Tuple(sp.Tuple(g, g_const))),
            "m_t for a constant gradient g: (1 − β_1^t) g, hence the bias correction",
        ),
        Target("theta_update", Recurrence(theta, UPDATE, t, sp.Symbol(PAPER)), "θ_t ←"),
    ),
    claims=(
        Claim(
            "m_update",
            r"m_t \leftarrow (1-\beta_1)m_{t-1} + \beta_1 g_t",
            "Exercise 4(a), line 6, blank (A)",
        ),
        Claim(
            "v_update",
            r"v_t \leftarrow (1-\beta_2)v_{t-1} + \beta_2 g_t^2",
            "Exercise 4(a), line 7, blank (B)",
        ),
        Claim(
            "theta_update",
            r"\theta_t \leftarrow \theta_{t-1} - \eta \cdot \frac{m_t}{\sqrt{v_t}}",
            "Exercise 4(a), line 8",
            note="η is the step size the write-up calls y = 0.001 (α in the paper); m_t and v_t "
            "are its (A) and (B)",
            where={r"\eta": alpha, "m_t": M_RULE, "v_t": V_RULE},
        ),
    ),
    notation={
        "m": m,
        "v": v,
        "g": g,
        r"\theta": theta,
        r"\beta_1": beta1,
        r"\beta_2": beta2,
        r"\alpha": alpha,
        r"\epsilon": eps,
        r"\hat{m}": m_hat,
        r"\hat{v}": v_hat,
        "t": t,
        r"\nabla f_t": Gradient,
        r"\nabla f": Gradient,
    },
)
