"""The Jacobian of log-softmax.

Written by a helper session that had read only the README and the built-in specs (never
the engine), as an instructor would: about half a minute to its first derive."""

import sympy as sp

from symderiv.spec import Definition, Problem, Source, Target

n = sp.Symbol("n", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True, positive=True)
z = sp.IndexedBase("z", real=True)
o = sp.IndexedBase(r"\mathrm{out}", real=True)
p = sp.IndexedBase("p", real=True)

PROBLEM = Problem(
    id="logsoftmax",
    title="Log-softmax Jacobian",
    source=Source("my course", "log-softmax"),
    statement=(
        r"For $z \in \mathbb{R}^n$, $\mathrm{out}_i = z_i - \log \sum_{k=1}^n e^{z_k}$. "
        r"Compute $\partial \mathrm{out}_i/\partial z_j$ (and the Jacobian)."
    ),
    shapes={z: (n,), o: (n,), p: (n,)},
    definitions=(
        Definition(p[i], sp.exp(z[i]) / sp.Sum(sp.exp(z[k]), (k, 1, n)), "softmax"),
        Definition(o[i], z[i] - sp.log(sp.Sum(sp.exp(z[k]), (k, 1, n))), "log-softmax"),
    ),
    targets=(
        Target("dout_dz", sp.Derivative(o[i], z[j]), "∂out_i/∂z_j"),
        Target("dout_dz_matrix", sp.Derivative(o[i], z[j]), "∂out/∂z", as_matrix=(i, j)),
        Target("dout_dz_3", sp.Derivative(o[i], z[j]), "∂out/∂z", as_matrix=(i, j), sizes={n: 3}),
    ),
    notation={"z": z, r"\mathrm{out}": o, "out": o, "n": n, "p": p},
)
