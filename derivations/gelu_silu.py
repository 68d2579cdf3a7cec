"""The derivatives of the smooth ReLU variants GELU and SiLU (swish)."""

import sympy as sp

from symderiv.ops import sigmoid
from symderiv.spec import Definition, Problem, Source, Target

D = sp.Derivative

n = sp.Symbol("n", integer=True, positive=True)
i, k = sp.symbols("i k", integer=True, positive=True)
u = sp.Symbol("u", real=True)
gelu = sp.Symbol(r"\mathrm{GELU}", real=True)  # GELU(u)
silu = sp.Symbol(r"\mathrm{SiLU}", real=True)  # SiLU(u)
x = sp.IndexedBase("x", real=True)
y = sp.IndexedBase("y", real=True)


class Phi(sp.Function):
    """Φ, the standard normal CDF, as the statement writes GELU(u) = u Φ(u)."""

    @classmethod
    def eval(cls, a):
        return (1 + sp.erf(a / sp.sqrt(2))) / 2


class phi(sp.Function):
    """φ, the standard normal density (Φ' = φ)."""

    @classmethod
    def eval(cls, a):
        return sp.exp(-(a**2) / 2) / sp.sqrt(2 * sp.pi)


PROBLEM = Problem(
    id="gelu_silu",
    title="Derivatives of GELU and SiLU",
    source=Source("catalog", "Activation functions: GELU (Hendrycks & Gimpel), SiLU/swish"),
    statement=(
        r"$\mathrm{GELU}(u) = u\,\Phi(u) = \frac{u}{2}\left(1 + \operatorname{erf}(u/\sqrt{2})"
        r"\right)$ and $\mathrm{SiLU}(u) = u\,\sigma(u)$. Compute "
        r"$\frac{d}{du}\mathrm{GELU}(u)$ and $\frac{d}{du}\mathrm{SiLU}(u)$. For the layer "
        r"$y_k = \mathrm{SiLU}(x_k)$, $x \in \mathbb{R}^n$, compute $\partial y_k/\partial x_i$ "
        r"(and the Jacobian $\partial y/\partial x$)."
    ),
    shapes={x: (n,), y: (n,)},
    definitions=(
        Definition(gelu, u * (1 + sp.erf(u / sp.sqrt(2))) / 2, "GELU"),
        Definition(silu, u * sigmoid(u), "SiLU"),
        Definition(y[k], x[k] * sigmoid(x[k]), "SiLU layer"),
    ),
    targets=(
        Target("dgelu_du", D(gelu, u), "d GELU(u)/du"),
        Target("dsilu_du", D(silu, u), "d SiLU(u)/du"),
        Target("dy_dx", D(y[k], x[i]), "∂y_k/∂x_i"),
        Target("dy_dx_matrix", D(y[k], x[i]), "∂y/∂x", as_matrix=(k, i)),
    ),
    notation={
        "u": u,
        "x": x,
        "y": y,
        r"\mathrm{GELU}": gelu,
        r"\mathrm{SiLU}": silu,
        r"\sigma": sigmoid,
        r"\Phi": Phi,
        r"\phi": phi,
    },
)
