"""Exercise 1.1 of seed 000: a step perceptron that computes NAND."""

import sympy as sp

from symderiv.ops import Feasible, MaxMargin
from symderiv.spec import Claim, Problem, Source, Target

w = sp.IndexedBase("w", real=True)
b = sp.Symbol("b", real=True)
W = sp.Tuple(w[1], w[2])
NAND = sp.Tuple(  # (x_1, x_2, y)
    sp.Tuple(0, 0, 1), sp.Tuple(1, 0, 1), sp.Tuple(0, 1, 1), sp.Tuple(1, 1, 0)
)

PROBLEM = Problem(
    id="exercise11",
    aliases=("ex11", "1.1", "nand", "perceptron"),
    title="A perceptron that computes NAND",
    source=Source("000_6b14f55510da9f5f.txt", "Exercise 1 (1.1)"),
    statement=(
        r"A perceptron with inputs $(x_1, x_2)$, weights $w_1, w_2$ and bias $b$ outputs 1 if "
        r"$w_1 x_1 + w_2 x_2 + b \ge 0$ and 0 otherwise. For which $(w_1, w_2, b)$ does it "
        r"compute NAND (0 only for $x_1 = x_2 = 1$)? Which choice has the largest margin?"
    ),
    targets=(
        Target("nand_set", Feasible(NAND, W, b), "the (w_1, w_2, b) that compute NAND"),
        Target("max_margin", MaxMargin(NAND, W, b), "the separator with the largest margin"),
    ),
    claims=(Claim("nand_set", r"w_1 = w_2 = -2 \quad b = 3", "Exercise 1, line 33"),),
    notation={"w": w, "b": b},
)
