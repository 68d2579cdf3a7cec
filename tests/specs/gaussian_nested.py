"""σ̂² of a Gaussian with μ̂ = Σ_n x_n/N put in by SymPy's subs, as an outside tester wrote it:
the inner sum runs over the same letter n as the outer one (a bound index, shadowed)."""

import sympy as sp

from symderiv.ops import SolveFor
from symderiv.spec import Definition, Problem, Source, Target

N = sp.Symbol("N", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
x = sp.IndexedBase("x", real=True)
mu = sp.Symbol(r"\mu", real=True)
var = sp.Symbol(r"\sigma^{2}", positive=True)
ell = sp.Symbol(r"\ell", real=True)

ELL = -N / 2 * sp.log(2 * sp.pi * var) - sp.Sum((x[n] - mu) ** 2, (n, 1, N)) / (2 * var)
MU_HAT = sp.Sum(x[n], (n, 1, N)) / N

PROBLEM = Problem(
    id="gaussian_nested",
    title="Gaussian MLE: σ̂² at μ = μ̂, the sums sharing their letter",
    source=Source("tests", "outside coursework, workaround form"),
    statement=r"$\ell = -\frac{N}{2}\log(2\pi\sigma^2) - \sum_n (x_n-\mu)^2/(2\sigma^2)$.",
    shapes={x: (N,)},
    definitions=(Definition(ell, ELL, "log-likelihood"),),
    targets=(
        Target(
            "var_hat_at_mu_hat",
            SolveFor(sp.diff(ELL, var).subs(mu, MU_HAT), 0, var, sp.Tuple()),
            "σ̂² at μ = μ̂",
        ),
    ),
)
