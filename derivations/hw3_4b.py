"""Homework 3, exercise 4(b) of seed 004: L2 regularization versus weight decay, for SGD
and for Adam."""

import sympy as sp

from symderiv.ops import Evaluate, SolveFor
from symderiv.spec import Claim, Definition, Problem, Source, Target

D = sp.Derivative
theta = sp.Symbol(r"\theta", real=True)  # one coordinate of θ_t (the rules act coordinatewise)
eta, lam, gamma = sp.symbols(r"\eta \lambda \gamma", positive=True)
beta1, beta2, eps = sp.symbols(r"\beta_1 \beta_2 \epsilon", positive=True)
f = sp.Function("f")
f_reg = sp.Symbol(r"f^{\mathrm{reg}}", real=True)
grad_f = D(f(theta), theta)

# one step of each rule from θ_t
sgd_l2 = sp.Symbol(r"\theta^{\mathrm{L2}}_{t+1}", real=True)
sgd_wd = sp.Symbol(r"\theta^{\mathrm{wd}}_{t+1}", real=True)
# the first Adam step (t = 1, m_0 = v_0 = 0) on the L2 loss, and AdamW's decoupled decay
g_l2 = sp.Symbol(r"g^{\mathrm{L2}}_1", real=True)
adam_l2 = sp.Symbol(r"\theta^{\mathrm{Adam+L2}}_1", real=True)
adamw = sp.Symbol(r"\theta^{\mathrm{AdamW}}_1", real=True)
g0 = sp.Symbol(r"\nabla f(\theta_0)", real=True)

PROBLEM = Problem(
    id="hw3_4b",
    aliases=("4b", "weight-decay", "l2"),
    title="L2 regularization versus weight decay (SGD, and why AdamW decouples)",
    source=Source("004_d2ddfc88e605cf14.txt", "Exercise 4(b)"),
    statement=(
        r"$f^{\mathrm{reg}}_t(\theta) = f_t(\theta) + \frac{\lambda}{2}\|\theta\|_2^2$; weight decay: "
        r"$\theta_{t+1} = (1-\gamma)\theta_t - \eta \nabla f(\theta_t)$. Show that SGD on "
        r"$f^{\mathrm{reg}}$ is SGD with weight decay for the right $\gamma$, and that the "
        r"equivalence fails for Adam."
    ),
    definitions=(
        Definition(f_reg, f(theta) + lam / 2 * theta**2, "the L2-regularized loss"),
        Definition(sgd_l2, theta - eta * D(f_reg, theta), "SGD on the regularized loss"),
        Definition(sgd_wd, (1 - gamma) * theta - eta * grad_f, "SGD with weight decay"),
        Definition(g_l2, g0 + lam * theta, "the gradient of the L2 loss at θ_0"),
        Definition(
            adam_l2,
            theta
            - eta
            * ((1 - beta1) * g_l2 / (1 - beta1))
            / (sp.sqrt((1 - beta2) * g_l2**2 / (1 - beta2)) + eps),
            "one Adam step on the L2 loss",
        ),
        Definition(
            adamw,
            (1 - gamma) * theta
            - eta
            * ((1 - beta1) * g0 / (1 - beta1))
            / (sp.sqrt((1 - beta2) * g0**2 / (1 - beta2)) + eps),
            "one AdamW step (decay decoupled from the gradient)",
        ),
    ),
    targets=(
        Target("grad_reg", D(f_reg, theta), "∇f^reg"),
        Target("sgd_l2_step", D(f_reg, theta) * (-eta) + theta, "one SGD step on f^reg"),
        Target(
            "gamma_for_equivalence",
            SolveFor(
                theta - eta * (grad_f + lam * theta),
                (1 - gamma) * theta - eta * grad_f,
                gamma,
                sp.Tuple(theta),
            ),
            "γ making the two SGD steps equal",
        ),
        Target(
            "adam_counterexample",
            Evaluate(
                adam_l2 - adamw,
                sp.Tuple(
                    *[
                        sp.Tuple(k, v)
                        for k, v in {
                            theta: 1,
                            g0: sp.Rational(1, 2),
                            lam: sp.Rational(1, 10),
                            eta: sp.Rational(1, 1000),
                            gamma: sp.Rational(1, 10000),
                            beta1: sp.Rational(9, 10),
                            beta2: sp.Rational(999, 1000),
                            eps: sp.Rational(1, 10**8),
                        }.items()
                    ]
                ),
            ),
            "Adam on the L2 loss minus AdamW with γ = ηλ, first step from θ_0 = 1, ∇f = 1/2",
        ),
    ),
    claims=(
        Claim(
            "grad_reg",
            r"\nabla f_t^{\text{reg}} = \nabla f_t(\theta) + \lambda \theta_t",
            "Exercise 4(b), line 214",
        ),
        Claim(
            "sgd_l2_step",
            r"\theta_{t+1}^{\text{reg}} = \theta_t^{\text{reg}} - \eta \nabla f_t(\theta_t) - \eta \lambda \theta_t",
            "Exercise 4(b), line 220",
        ),
        Claim(
            "sgd_l2_step",
            r"\theta_{t+1}^{\text{reg}} = (1-\eta\lambda) \theta_t^{\text{reg}} - \eta \nabla f(\theta_t)",
            "Exercise 4(b), line 222",
        ),
        Claim("gamma_for_equivalence", r"\eta\lambda = \gamma", "Exercise 4(b), line 224"),
    ),
    notation={
        r"\eta": eta,
        r"\lambda": lam,
        r"\gamma": gamma,
        r"\theta": theta,
        r"\theta_t": theta,
        r"\theta_t^{reg}": theta,
        "f": f,
        "f_t": f,  # the write-up's f_t is the loss f at step t
    },
)
