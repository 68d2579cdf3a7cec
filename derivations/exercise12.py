"""Exercise 1.2 of seed 000: the DCT of a 4-point signal (and a 4×4 patch) as convolutions."""

import sympy as sp

from symderiv.ops import Kernel, Normalization, Separable2D, Transform, unit_step
from symderiv.spec import Claim, Problem, Source, Target

N = 4
k, j, i = sp.symbols("k j i", integer=True)
x = sp.IndexedBase("x", real=True)


def basis(kk, jj):
    """The DCT-II basis, unnormalized: cos(π (j + ½) k / N)."""
    return sp.cos(sp.pi * (jj + sp.Rational(1, 2)) * kk / N)


# the orthonormal DCT-II (the one used on image patches, JPEG):
# c_0 = √(1/N), c_k = √(2/N) for k ≥ 1
c = sp.Lambda(k, sp.Piecewise((1 / sp.sqrt(N), sp.Eq(k, 0)), (sp.sqrt(sp.Rational(2, N)), True)))
a = sp.Lambda((k, j), c(k) * basis(k, j))
at_k = sp.Lambda(k, k)  # the write-up reads Y_k at output position k
causal = sp.Lambda(k, N - 1)  # the other natural choice: every Y_k at position N − 1

PROBLEM = Problem(
    id="exercise12",
    aliases=("1.2", "dct", "dct-convolution"),
    title="The DCT as a bank of convolution kernels (1-D and separable 2-D)",
    source=Source("000_6b14f55510da9f5f.txt", "Exercise 1.2"),
    statement=(
        r"The orthonormal DCT-II of $x_0, \dots, x_{N-1}$, $N = 4$, is "
        r"$Y_k = c_k \sum_{j=0}^{N-1} x_j \cos\left[\pi\left(j + \frac{1}{2}\right)\frac{k}{N}\right]$, "
        r"$k = 0, \dots, N-1$, with $c_0 = \sqrt{1/N}$ and $c_k = \sqrt{2/N}$ for $k \ge 1$. "
        r"Write it as $N$ convolutions $Y_k = (x * K_k)(p_k)$: find the kernels $K_k$, the output "
        r"position $p_k$, the support of each kernel and the normalization; then the 2-D DCT of a "
        r"$4 \times 4$ patch as two separable convolutions."
    ),
    targets=(
        Target("Y", Transform(a, N, k), "Y_k, the orthonormal DCT-II (N = 4)", variable=k),
        Target(
            "norm",
            Normalization(sp.Lambda((k, j), basis(k, j)), N, k),
            "c_k: the factors that make the cosine basis orthonormal",
            variable=k,
        ),
        Target(
            "kernel",
            Kernel(a, N, at_k, i, k, 1),
            "K_k[i], with Y_k read at position k: the whole kernel",
            variable=i,
        ),
        Target(
            "kernel_formula",
            Kernel(a, N, at_k, i, k, 0),
            "K_k[i] on its support, with Y_k read at position k",
            variable=i,
            region=sp.And(i >= k - N + 1, i <= k),  # the question asks for the support only
        ),
        Target(
            "kernel_causal",
            Kernel(a, N, causal, i, k, 1),
            "K_k[i], with every Y_k read at position N − 1 (causal taps 0 … N − 1)",
            variable=i,
        ),
        Target("dct2d", Separable2D(a, N, at_k), "the 2-D DCT of a 4×4 patch X"),
    ),
    claims=(
        Claim(
            "Y",
            r"y[k] = \sum_{j=-n} x[j] K[k-j]",
            "Exercise 1.2, line 41",
            checkable=False,
            reason="the definition of 1-D convolution, with an incomplete sum (lower bound "
            "−n, no upper bound); not a result",
        ),
        Claim(
            "Y",
            r"Y_k = \frac{1}{\sqrt{N}} \sum_{j=0}^{N-1} x_j \cos \left[ \pi \left( j + \frac{1}{2} \right) \frac{k}{N} \right]",
            "Exercise 1.2, line 45 (the write-up's DCT)",
        ),
        Claim("norm", r"\frac{1}{\sqrt{N}}", "Exercise 1.2, line 45 (its normalization)"),
        Claim(
            "Y",
            r"Y_k = 2\alpha_k \sum_{j=0}^{N-1} X_j \cos \left[ \pi \left( j + \frac{1}{2} \right) \frac{k}{N} \right]",
            "Exercise 1.2, line 55",
            checkable=False,
            reason="introduces α_k without giving its value; the claims below read 2α_k as "
            "the DCT's normalization c_k",
        ),
        Claim(
            "Y",
            r"Y_k = \sum_{j=0}^{N-1} X_j 2\alpha_k \cos \left[ \pi \left( -(k-j) + k + \frac{1}{2} \right) \frac{k}{N} \right]",
            "Exercise 1.2, line 57 (the underbrace annotation dropped)",
            where={r"\alpha_k": c(k) / 2},
        ),
        Claim(
            "kernel",
            r"Y[k] = \sum_{j=0}^{N-1} X[j] K_k[k-j]",
            "Exercise 1.2, line 59",
            checkable=False,
            reason="states the output position (k) at which the kernels are defined; the "
            "engine derives the kernel for that position",
        ),
        Claim(
            "kernel_formula",
            r"K_k[i] = 2\alpha_k \cos \left[ \pi \left( -i + k + \frac{1}{2} \right) \frac{k}{N} \right]",
            "Exercise 1.2, line 63 (the formula)",
            where={r"\alpha_k": c(k) / 2},
        ),
        Claim(
            "kernel",
            r"K_k[i] = \begin{cases} 2\alpha_k \cos \left[ \pi \left( -i + k + \frac{1}{2} \right) \frac{k}{N} \right] & 0 \leq i \leq N-1 \\ 0 & \text{otherwise} \end{cases}",
            "Exercise 1.2, lines 63-67 (the formula on its stated range 0 ≤ i ≤ N−1, "
            "'4 filters of size 4')",
            where={r"\alpha_k": c(k) / 2},
        ),
        Claim(
            "dct2d",
            r"\text{2 convolutions}",
            "Exercise 1.2, line 71",
            checkable=False,
            reason="prose ('in 2D, we represent DCT as 2 convolutions'); the engine derives "
            "it as target dct2d and checks it on a symbolic 4×4 patch",
        ),
    ),
    # u(i) is the discrete unit step (u(0) = 1), as signal-processing write-ups use it
    notation={"N": sp.Integer(N), "k": k, "i": i, "j": j, "x": x, "X": x, "c": c, "u": unit_step},
    domains={k: (0, N - 1), i: (-N, 2 * N - 1)},
)
