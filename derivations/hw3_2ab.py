"""Homework 3, exercise 2(a) and 2(b) of seed 004: convolution as an FIR filter, and the
shift of its input."""

import sympy as sp

from symderiv.ops import Convolution, unit_step
from symderiv.spec import Claim, Plot, Problem, Source, Target

n = sp.Symbol("n", integer=True)
m = sp.Symbol("m", integer=True)
L = sp.Symbol("L", integer=True, positive=True)
half = sp.Rational(1, 2)

x = sp.Lambda(m, sp.Piecewise((1, (m >= 0) & (m <= L - 1)), (0, True)))  # 1 for 0 ≤ m ≤ L−1
h = sp.Lambda(m, sp.Piecewise((half**m, m >= 0), (0, True)))  # (1/2)^m u(m)
x2 = sp.Lambda(m, x(m - 5))  # the input delayed by N = 5
y, y2 = sp.Function("y"), sp.Function("y_2")  # names of the outputs, for display

PROBLEM = Problem(
    id="hw3_2ab",
    aliases=("2a", "2b", "fir", "convolution-fir"),
    title="Convolution as a finite impulse response filter, and time invariance",
    source=Source("004_d2ddfc88e605cf14.txt", "Exercise 2(a) and 2(b)"),
    statement=(
        r"$x(n) = 1$ for $n = 0, 1, \dots, L-1$ and $0$ otherwise; $h(n) = (1/2)^n u(n)$. "
        r"(a) Compute $y(n) = (x * h)(n) = \sum_i x(i) h(n - i)$ in closed form. "
        r"(b) With $x_2(n) = x(n - 5)$, compute $y_2 = x_2 * h$ and show $y_2(n) = y(n - 5)$."
    ),
    targets=(
        Target("y", Convolution(x, h, n), "y(n) = (x * h)(n)", variable=n, lhs=y(n)),
        Target(
            "y2",
            Convolution(x2, h, n),
            "y_2(n) = (x_2 * h)(n), x_2(n) = x(n − 5)",
            variable=n,
            lhs=y2(n),
        ),
        Target(
            "time_invariance",
            Convolution(x2, h, n) - Convolution(x, h, n - 5),
            "y_2(n) − y(n − 5)",
            variable=n,
            lhs=y2(n) - y(n - 5),
        ),
    ),
    claims=(
        Claim(
            "y",
            r"y(n) = \begin{cases} 0 & , n < 0 \\ \sum_{i=0}^n \frac{1}{2^i} & , 0 \leq n < L-1 \\ \sum_{i=0}^{L-1} \frac{1}{2^i} & , n \geq L-1 \end{cases}",
            "Exercise 2(a), lines 107-109",
        ),
        Claim(
            "y2",
            r"y(n-5) = \begin{cases} 0 & , n-5 < 0 \\ \sum_{i=0}^{n-5} \frac{1}{2^i} & , 0 \leq n-5 < L-1 = y_2(n) \\ \sum_{i=0}^{L-1} \frac{1}{2^i} & , n \geq L-1 \end{cases}",
            "Exercise 2(b), lines 117-119 (verbatim)",
        ),
        Claim(
            "y2",
            r"y_2(n) = \begin{cases} 0 & , n-5 < 0 \\ \sum_{i=0}^{n-5} \frac{1}{2^i} & , 0 \leq n-5 < L-1 \\ \sum_{i=0}^{L-1} \frac{1}{2^i} & , n \geq L-1 \end{cases}",
            "Exercise 2(b), lines 117-119 (the label '= y_2(n)' moved out of the middle condition)",
        ),
    ),
    plots=(
        Plot(
            "stem_a",
            "2(a): x, h and y = x * h for L = 5",
            "stem",
            (("x(n)", x), ("h(n)", h), ("y(n)", "y")),
            span=(-2, 12),
            values={L: 5},
        ),
        Plot(
            "stem_b",
            "2(b): x_2(n) = x(n - 5) and y_2 = x_2 * h for L = 5",
            "stem",
            (("x_2(n)", x2), ("y_2(n)", "y2")),
            span=(-2, 17),
            values={L: 5},
        ),
    ),
    notation={"n": n, "L": L, "i": sp.Symbol("i", integer=True), "u": unit_step},
    domains={n: (-3, 14), L: (1, 7)},
)
