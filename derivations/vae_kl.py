"""Written from its textbook statement by an outside tester who saw only the README (issue 29).

The KL term of a VAE, KL(N(μ, diag σ²) ‖ N(0, I)), and its gradients."""

import sympy as sp

from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

J = sp.Symbol("J", integer=True, positive=True)  # latent dimension
j, l = sp.symbols("j l", integer=True, positive=True)
mu = sp.IndexedBase(r"\mu", real=True)
lv = sp.IndexedBase(r"\log\sigma^{2}", real=True)  # the encoder outputs log σ_j²
var = sp.IndexedBase(r"\sigma^{2}", positive=True)
KL = sp.Symbol(r"\mathrm{KL}", real=True)

PROBLEM = Problem(
    id="vae_kl",
    title="VAE: the KL term and its gradients",
    source=Source("catalog", "Variational autoencoders: the KL term and its gradients"),
    statement=(
        r"The encoder outputs $\mu \in \mathbb{R}^J$ and $\log\sigma^2 \in \mathbb{R}^J$; "
        r"$\sigma_j^2 = e^{\log\sigma_j^2}$. The KL term is "
        r"$\mathrm{KL}(\mathcal{N}(\mu, \operatorname{diag}\sigma^2) \| \mathcal{N}(0, I)) = "
        r"\frac{1}{2}\sum_{j=1}^J (\sigma_j^2 + \mu_j^2 - 1 - \log\sigma_j^2)$. Show "
        r"$\partial\mathrm{KL}/\partial\mu_j = \mu_j$, "
        r"and $\partial\mathrm{KL}/\partial\log\sigma_j^2 = \frac{1}{2}(\sigma_j^2 - 1)$."
    ),
    shapes={mu: (J,), lv: (J,), var: (J,)},
    definitions=(
        Definition(var[l], sp.exp(lv[l]), "the variances"),
        Definition(
            KL, sp.Sum(var[l] + mu[l] ** 2 - 1 - lv[l], (l, 1, J)) / 2, "KL to the standard normal"
        ),
    ),
    targets=(
        Target("dKL_dmu", D(KL, mu[j]), "∂KL/∂μ_j"),
        Target("dKL_dmu_vec", D(KL, mu[j]), "∂KL/∂μ", as_matrix=(j, None)),
        Target("dKL_dlogvar", D(KL, lv[j]), "∂KL/∂log σ_j²"),
        Target("dKL_dlogvar_vec", D(KL, lv[j]), "∂KL/∂log σ²", as_matrix=(j, None)),
    ),
    notation={
        r"\mu": mu,
        r"\log\sigma^{2}": lv,
        r"\sigma^{2}": var,
        r"\sigma^2": var,
        r"\mathrm{KL}": KL,
    },
)
