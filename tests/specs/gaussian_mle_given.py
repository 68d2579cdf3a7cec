"""Maximum likelihood for a Gaussian: μ̂ and σ̂² = ŝ as stationary points of the
log-likelihood (issue 29). The outside testers wrote the same questions with SolveFor and a
derivative on one side; both forms are here."""

import sympy as sp

from symderiv.ops import SolveFor, Stationary
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

N = sp.Symbol("N", integer=True, positive=True)  # the number of samples
i = sp.Symbol("i", integer=True, positive=True)
x = sp.IndexedBase("x", real=True)
mu = sp.Symbol(r"\mu", real=True)
s = sp.Symbol("s", positive=True)  # the variance σ²
mu_hat = sp.Symbol(r"\hat{\mu}", real=True)
ell = sp.Symbol(r"\ell", real=True)

PROBLEM = Problem(
    id="gaussian_mle_given",
    title="Maximum likelihood for a Gaussian",
    source=Source("issue 29", "Gaussian MLE"),
    statement=(
        r"$x_1, \dots, x_N$ drawn from $\mathcal{N}(\mu, s)$, $s = \sigma^2$: "
        r"$\ell = \sum_i \left(-\frac{1}{2}\log(2\pi s) - \frac{(x_i - \mu)^2}{2s}\right)$. "
        r"Find the $\mu$ and $s$ that maximise $\ell$."
    ),
    shapes={x: (N,)},
    definitions=(
        Definition(
            ell,
            sp.Sum(-sp.log(2 * sp.pi * s) / 2 - (x[i] - mu) ** 2 / (2 * s), (i, 1, N)),
            "the log-likelihood",
        ),
        Definition(mu_hat, sp.Sum(x[i], (i, 1, N)) / N, "the sample mean"),
    ),
    targets=(
        Target("mu_hat", Stationary(ell, mu), "μ̂"),
        Target("s_hat", Stationary(ell, s), "ŝ for a given μ"),
        Target("s_hat_at_mu_hat", Stationary(ell, s, sp.Tuple(sp.Tuple(mu, mu_hat))), "ŝ at μ̂"),
        Target("mu_solve_for", SolveFor(D(ell, mu), 0, mu, sp.Tuple()), "∂ℓ/∂μ = 0"),
        Target("s_solve_for", SolveFor(D(ell, s), 0, s, sp.Tuple()), "∂ℓ/∂s = 0"),
    ),
    notation={r"\mu": mu, "s": s, r"\sigma^2": s, r"\hat{\mu}": mu_hat, "N": N, "x": x},
)
