"""Homework 3, exercise 2(c) and 2(d) of seed 004: a Sobel kernel on a 5×5 image, 'valid',
then with zero padding 1 and strides 1 and 2."""

import sympy as sp

from symderiv.ops import Conv2D, OutputSize
from symderiv.spec import Claim, Plot, Problem, Source, Target

X = sp.Matrix(5, 5, lambda i, j: 5 * i + j + 1)  # the entries 1…25, row by row
H = sp.Matrix([[-1, -2, -1], [0, 0, 0], [1, 2, 1]])
a, c, d = sp.symbols("a c d", real=True)
RAMP = sp.Matrix(5, 5, lambda m, n: a * m + c * n + d)  # x(m, n) = a m + c n + d
N, k, p, s = sp.symbols("N k p s", integer=True, positive=True)

PROBLEM = Problem(
    id="hw3_2cd",
    aliases=("2c", "2d", "sobel", "padding-stride"),
    title="A Sobel kernel by convolution: valid, padded, strided",
    source=Source("004_d2ddfc88e605cf14.txt", "Exercise 2(c) and 2(d)"),
    statement=(
        r"$x$ is the $5\times 5$ image with entries $1, \dots, 25$ row by row, "
        r"$h = \begin{bmatrix} -1 & -2 & -1 \\ 0 & 0 & 0 \\ 1 & 2 & 1 \end{bmatrix}$. "
        r"(c) Compute the 'valid' convolution $x * h$ (and compare with cross-correlation), "
        r"also for a ramp image $x(m, n) = a m + c n + d$. (d) With zero padding 1, stride 1 "
        r"and stride 2; the output size $\lfloor (N + 2p - k)/s \rfloor + 1$."
    ),
    targets=(
        Target("valid", Conv2D(X, H, 0, 1, 1), "(c) x * h, valid"),
        Target("valid_correlation", Conv2D(X, H, 0, 1, 0), "(c) cross-correlation, for comparison"),
        Target("valid_ramp", Conv2D(RAMP, H, 0, 1, 1), "(c) x * h for the ramp a m + c n + d"),
        Target("pad1_stride1", Conv2D(X, H, 1, 1, 1), "(d) padding 1, stride 1"),
        Target("pad1_stride2", Conv2D(X, H, 1, 2, 1), "(d) padding 1, stride 2"),
        Target("output_size", OutputSize(N, k, p, s), "output size"),
    ),
    claims=(
        Claim(
            "valid",
            r"\begin{bmatrix} -40 & -40 & -40 \\ -40 & -40 & -40 \\ -40 & -40 & -40 \end{bmatrix}",
            "Exercise 2(c), lines 139-141",
        ),
        Claim(
            "pad1_stride1",
            r"\begin{bmatrix} -19 & -28 & -32 & -36 & -29 \\ -30 & -40 & -40 & -40 & -30 \\ -30 & -40 & -40 & -40 & -30 \\ -30 & -40 & -40 & -40 & -30 \\ 49 & 68 & 72 & 76 & 59 \end{bmatrix}",
            "Exercise 2(d)(i), line 149",
        ),
        Claim(
            "pad1_stride2",
            r"\begin{bmatrix} -19 & -32 & -29 \\ -30 & -40 & -30 \\ 49 & 72 & 59 \end{bmatrix}",
            "Exercise 2(d)(ii), line 153",
        ),
    ),
    plots=(
        Plot(
            "sobel",
            "2(c)/(d): the image, the kernel, and x * h valid and padded",
            "heatmap",
            (("x", X), ("h", H), ("x * h, valid", "valid"), ("padding 1", "pad1_stride1")),
        ),
    ),
    notation={"a": a, "c": c, "d": d, "N": N, "k": k, "p": p, "s": s},
)
