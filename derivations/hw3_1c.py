"""Homework 3, exercise 1(c) of seed 004: the density of y = γ x̂ + β with x̂ ~ N(0, 1)."""

import sympy as sp

from symderiv.ops import Peak, TransformedDensity
from symderiv.spec import Claim, Problem, Source, Target

x = sp.Symbol("x", real=True)
u = sp.Symbol("y", real=True)  # the value of y, as the statement names it: f_Y(y)
beta = sp.Symbol(r"\beta", real=True)
gamma = sp.Symbol(r"\gamma", positive=True)
phi = sp.Lambda(x, sp.exp(-(x**2) / 2) / sp.sqrt(2 * sp.pi))  # N(0, 1)


def density(b, g):
    return TransformedDensity(phi, sp.Lambda(x, g * x + b), u)


def density_lambda(b, g):
    return sp.Lambda(u, sp.exp(-((u - b) ** 2) / (2 * g**2)) / (g * sp.sqrt(2 * sp.pi)))


#: the values the sub-questions fix: an answer's β there is 3
B3 = {r"\beta": sp.Integer(3), r"\gamma": sp.Integer(1)}

PROBLEM = Problem(
    id="hw3_1c",
    aliases=("1c", "normal-density"),
    title="Normalization output: density and peak of y = γ x̂ + β",
    source=Source("004_d2ddfc88e605cf14.txt", "Exercise 1(c)"),
    statement=(
        r"$\hat x \sim \mathcal{N}(0, 1)$ and $y = \gamma \hat x + \beta$. Give the density of $y$ "
        r"and its value at the peak, for $\beta = 3, \gamma = 1$ and for $\beta = 0, \gamma = 1$."
    ),
    targets=(
        Target("density", density(beta, gamma), "density of y (β, γ symbolic)"),
        Target("density_b3", density(3, 1), "density for β = 3, γ = 1", where=B3),
        Target(
            "peak_b3",
            Peak(density_lambda(3, 1), 0),
            "peak location, β = 3, γ = 1",
            where=B3,
            lhs=sp.Symbol(r"\operatorname{arg\,max}_y f_Y(y)"),
        ),
        Target(
            "peak_value_b3",
            Peak(density_lambda(3, 1), 1),
            "peak value, β = 3, γ = 1",
            where=B3,
            lhs=sp.Function("f_Y")(3),
        ),
        Target(
            "peak_value_b0",
            Peak(density_lambda(0, 1), 1),
            "peak value, β = 0, γ = 1",
            where={r"\beta": sp.Integer(0), r"\gamma": sp.Integer(1)},
            lhs=sp.Function("f_Y")(0),
        ),
    ),
    claims=(
        Claim(
            "density",
            r"f(x) = \frac{1}{\sigma \cdot \sqrt{2\pi}} e^{-\frac{1}{2}(\frac{x-\mu}{\sigma})^2}",
            "Exercise 1(c), line 13",
            note="the write-up's μ and σ are the mean β and the scale γ of y; its x is y's value u",
            where={r"\mu": beta, r"\sigma": gamma, "x": u},
        ),
        Claim(
            "peak_value_b3",
            r"f(3) = \frac{1}{1 \cdot \sqrt{2\pi}} \approx 0.4",
            "Exercise 1(c), line 15",
        ),
    ),
    notation={r"\beta": beta, r"\gamma": gamma, "y": u, "u": u},
)
