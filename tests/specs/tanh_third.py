"""Derivatives of a tanh unit of any order (a scalar network)."""

import sympy as sp

from symderiv.spec import Definition, Problem, Source, Target

x, w, b, y = sp.symbols("x w b y", real=True)

PROBLEM = Problem(
    id="tanh_orders",
    title="First, second and third derivatives of y = tanh(w x + b)",
    source=Source("tests", "higher derivatives"),
    statement=r"$y = \tanh(w x + b)$.",
    definitions=(Definition(y, sp.tanh(w * x + b), "the unit"),),
    targets=(
        Target("d2y_dx2", sp.Derivative(y, x, x), "∂²y/∂x²"),
        Target("d3y_dx3", sp.Derivative(y, (x, 3)), "∂³y/∂x³"),
        Target("d2y_dwdx", sp.Derivative(y, w, x), "∂²y/∂w∂x"),
    ),
)
