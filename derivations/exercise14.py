"""Exercise 1.4 of seed 000: the chain rule through three layers, with and without a skip
connection around the last one."""

import sympy as sp

from symderiv.spec import Claim, Definition, Problem, Source, Target

D = sp.Derivative

x = sp.Symbol("x", real=True)
theta1, theta2, theta3 = sp.symbols(r"\theta_1 \theta_2 \theta_3", real=True)
yt = sp.Symbol(r"\tilde{y}", real=True)  # ỹ = f_1(x, θ_1), as the write-up sets it
y = sp.Symbol("y", real=True)  # y = f_2(ỹ, θ_2), the input of the last layer
F, G = sp.symbols("F G", real=True)
f1, f2, f3 = sp.symbols("f_1 f_2 f_3", cls=sp.Function)
thetas = (theta1, theta2, theta3)

PROBLEM = Problem(
    id="exercise14",
    aliases=("ex14", "1.4", "residual"),
    title="Chain rule through a residual (skip) connection",
    source=Source("000_6b14f55510da9f5f.txt", "Exercise 1.4"),
    statement=(
        r"Let $f_i(x, \theta_i)$ be network layers, $F(x) = f_3(f_2(f_1(x, \theta_1), \theta_2), "
        r"\theta_3)$ the network of three layers, and $G(x) = f_3(y, \theta_3) + y$ with "
        r"$y = f_2(f_1(x, \theta_1), \theta_2)$ the same network with a skip connection around "
        r"the last layer. Compute $\partial F/\partial\theta_i$ and $\partial G/\partial\theta_i$ "
        r"for $i = 1, 2, 3$ and compare them. Notation: $\tilde y = f_1(x, \theta_1)$."
    ),
    definitions=(
        Definition(F, f3(y, theta3), "the network"),
        Definition(G, f3(y, theta3) + y, "the network with a skip connection"),
        Definition(y, f2(yt, theta2), "second layer"),
        Definition(yt, f1(x, theta1), "first layer"),
    ),
    targets=tuple(Target(f"dF_dtheta{n}", D(F, t), f"∂F/∂θ_{n}") for n, t in enumerate(thetas, 1))
    + tuple(Target(f"dG_dtheta{n}", D(G, t), f"∂G/∂θ_{n}") for n, t in enumerate(thetas, 1))
    + tuple(
        Target(f"dG_minus_dF_theta{n}", D(G, t) - D(F, t), f"∂G/∂θ_{n} − ∂F/∂θ_{n}")
        for n, t in enumerate(thetas, 1)
    ),
    # The write-up's answers, verbatim (000_6b14f55510da9f5f.txt, line numbers).
    claims=(
        Claim(
            "dF_dtheta1",
            r"\frac{\partial F}{\partial \theta_1} = \frac{\partial f_3(y, \theta_3)}{\partial y} \times \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \tilde{y}} \times \frac{\partial f_1(x, \theta_1)}{\partial \theta_1}",
            "Exercise 1.4, line 139",
        ),
        Claim(
            "dF_dtheta2",
            r"\frac{\partial F}{\partial \theta_2} = \frac{\partial f_3(y, \theta_3)}{\partial y} \times \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \theta_2}",
            "Exercise 1.4, line 141",
        ),
        Claim(
            "dF_dtheta3",
            r"\frac{\partial F}{\partial \theta_3} = \frac{\partial f_3(y, \theta_3)}{\partial \theta_3}",
            "Exercise 1.4, line 143",
        ),
        Claim(
            "dG_dtheta1",
            r"\frac{\partial G}{\partial \theta_1} = \left[ 1 + \frac{\partial f_3(y, \theta_3)}{\partial y} \right] \times \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \tilde{y}} \times \frac{\partial f_1(x, \theta_1)}{\partial \theta_1}",
            "Exercise 1.4, line 147",
        ),
        Claim(
            "dG_dtheta1",
            r"\text{ie } \frac{\partial G}{\partial \theta_1} = \frac{\partial F}{\partial \theta_1} + \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \tilde{y}} \times \frac{\partial f_1(x, \theta_1)}{\partial \theta_1}",
            "Exercise 1.4, line 149",
        ),
        Claim(
            "dG_dtheta2",
            r"\frac{\partial G}{\partial \theta_2} = \frac{\partial F}{\partial \theta_2} + \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \theta_2}",
            "Exercise 1.4, line 151",
        ),
        Claim(
            "dG_dtheta3",
            r"\frac{\partial G}{\partial \theta_3} = \frac{\partial F}{\partial \theta_3}",
            "Exercise 1.4, line 153",
        ),
    ),
    notation={
        "x": x,
        "y": y,
        r"\tilde{y}": yt,
        "F": F,
        "G": G,
        "f_1": f1,
        "f_2": f2,
        "f_3": f3,
        r"\theta_1": theta1,
        r"\theta_2": theta2,
        r"\theta_3": theta3,
    },
)
