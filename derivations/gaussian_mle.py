"""Written from its textbook statement by an outside tester who saw only the README (issue 29).

Maximum likelihood for a univariate Gaussian: the score and the stationary points."""

import sympy as sp

from symderiv.ops import SolveFor, Stationary
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

N = sp.Symbol("N", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
x = sp.IndexedBase("x", real=True)
mu = sp.Symbol(r"\mu", real=True)
var = sp.Symbol(r"\sigma^{2}", positive=True)
ell = sp.Symbol(r"\ell", real=True)
mu_hat = sp.Symbol(r"\hat{\mu}", real=True)

DL_DMU = D(ell, mu)
DL_DVAR = D(ell, var)

PROBLEM = Problem(
    id="gaussian_mle",
    title="Gaussian maximum likelihood: score and MLE",
    source=Source(
        "catalog", "Gaussian maximum likelihood: the score and the stationary points μ̂, σ̂²"
    ),
    statement=(
        r"Data $x_1, \dots, x_N$ i.i.d. $\mathcal{N}(\mu, \sigma^2)$. The log-likelihood is "
        r"$\ell(\mu, \sigma^2) = -\frac{N}{2}\log(2\pi\sigma^2) - \frac{1}{2\sigma^2}"
        r"\sum_{n=1}^N (x_n - \mu)^2$. Compute $\partial\ell/\partial\mu$ and "
        r"$\partial\ell/\partial\sigma^2$, and solve for the stationary point: "
        r"$\hat\mu = \frac{1}{N}\sum_n x_n$, $\hat\sigma^2 = \frac{1}{N}\sum_n (x_n - \hat\mu)^2$."
    ),
    shapes={x: (N,)},
    definitions=(
        Definition(
            ell,
            -N / 2 * sp.log(2 * sp.pi * var) - sp.Sum((x[n] - mu) ** 2, (n, 1, N)) / (2 * var),
            "log-likelihood",
        ),
        Definition(mu_hat, sp.Sum(x[n], (n, 1, N)) / N, "the sample mean"),
    ),
    targets=(
        Target("dl_dmu", DL_DMU, "∂ℓ/∂μ"),
        Target("dl_dvar", DL_DVAR, "∂ℓ/∂σ²"),
        Target("mu_hat", SolveFor(DL_DMU, 0, mu, sp.Tuple()), "μ̂: ∂ℓ/∂μ = 0"),
        # the statement's σ̂² is the joint stationary point: ∂ℓ/∂σ² = 0 at μ = μ̂
        Target("var_hat", Stationary(ell, var, ((mu, mu_hat),)), "σ̂²: ∂ℓ/∂σ² = 0 at μ = μ̂"),
    ),
    notation={
        "x": x,
        r"\mu": mu,
        r"\sigma^2": var,
        r"\sigma^{2}": var,
        r"\ell": ell,
        "N": N,
        r"\hat\mu": mu_hat,
        r"\hat{\mu}": mu_hat,
    },
)
