"""Independent numeric references for the catalog specs (no SymPy).

For every (problem id, target name) a ``Case`` says what is differentiated (``quantity``),
by which leaf (``wrt``), at which concrete sizes (``sizes``, by size-symbol name), how to
draw a random point that respects the exercise's assumptions (``sample``), and how to
compute the quantity from the leaves (``forward``, in autograd.numpy, 0-based arrays).

``reference(case, values)`` is the derivative by autograd, in the engine's layout:
``jacobian`` of the quantity by the leaf, so entry ``[k, i]`` is ∂q_k/∂x_i (numerator
layout), ``[i, j]`` is ∂L/∂W_ij for a scalar by a matrix, ``[k, i, j]`` is ∂q_k/∂W_ij.
Index and matrix-form targets of the same derivative share the same reference.

Keys of ``values`` are the names of the IndexedBase/Symbol objects in the specs, e.g.
``"x"``, ``r"\\gamma"``, ``r"W^{(1)}"``.

``Upstream(y)`` losses (layernorm, conv1d_backward, rmsnorm) are replaced by a FIXED random
smooth loss L(y) = Σ_j c_j y_j + Σ_j d_j y_j², where c, d depend only on len(y) (drawn from
``np.random.default_rng(1000 + len(y))``); so ∂L/∂y_j = c_j + 2 d_j y_j.

The optimizer exercise (momentum) has no derivative: ``wrt`` is None and ``forward`` is a
plain-Python simulation of the recurrence for ``sizes["t"]`` steps; its ``reference`` is the
simulated value.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import autograd.numpy as anp
import numpy as np
from autograd import jacobian
from autograd.extend import defvjp, primitive


@dataclass(frozen=True)
class Case:
    quantity: str  # the name of what is differentiated (or simulated)
    wrt: str | None  # the leaf it is differentiated by; None for a simulation
    sizes: dict[str, int]  # concrete sizes, by size-symbol name (t: number of steps)
    sample: Callable[[np.random.Generator], dict[str, Any]]  # random leaf values
    forward: Callable[[dict[str, Any]], Any]  # the quantity from the leaf values
    note: str = field(default="")


def reference(case: Case, values: dict[str, Any]) -> np.ndarray:
    """The reference value of the target at ``values``: a Jacobian by autograd, or the
    simulated value for a recurrence."""
    if case.wrt is None:
        return np.asarray(case.forward(values), dtype=float)

    def f(leaf):
        return case.forward({**values, case.wrt: leaf})

    leaf = values[case.wrt]
    leaf = np.asarray(leaf, dtype=float) if np.ndim(leaf) else float(leaf)
    return np.asarray(jacobian(f)(leaf), dtype=float)


# ---------------------------------------------------------------------------- helpers


def sigmoid(s):
    return 1.0 / (1.0 + anp.exp(-s))


def softmax(z):
    e = anp.exp(z - anp.max(z))
    return e / anp.sum(e)


def upstream_coefficients(size: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1000 + size)
    return rng.normal(size=size), rng.uniform(0.1, 1.0, size=size)


def upstream(y):
    """A fixed random smooth loss of the vector y: Σ c_j y_j + Σ d_j y_j²."""
    c, d = upstream_coefficients(len(y))
    return anp.sum(c * y) + anp.sum(d * y**2)


@primitive
def erf(x):
    """erf by math.erf (autograd.scipy needs SciPy, which is not installed)."""
    return np.vectorize(math.erf, otypes=[float])(x) if np.ndim(x) else math.erf(x)


# erf(x) = 2/√π ∫_0^x e^{-s²} ds, so its derivative is the integrand (the definition of erf)
defvjp(erf, lambda ans, x: lambda g: g * 2.0 / np.sqrt(np.pi) * np.exp(-(x**2)))


def normal(rng, *shape):
    return rng.normal(size=shape)


# ---------------------------------------------------------------------------- 1. softmax_ce

SOFTMAX_CE = {"K": 4}


def softmax_ce_sample(rng):
    K = SOFTMAX_CE["K"]
    return {"z": normal(rng, K), "y": rng.dirichlet(np.ones(K))}  # y ≥ 0, Σ y = 1


def softmax_ce_p(v):
    return softmax(v["z"])


def softmax_ce_L(v):
    return -anp.sum(v["y"] * anp.log(softmax(v["z"])))


# ---------------------------------------------------------------------------- 2. layernorm

LAYERNORM = {"n": 5}


def layernorm_sample(rng):
    n = LAYERNORM["n"]
    return {
        "x": normal(rng, n),
        r"\gamma": rng.normal(),
        r"\beta": rng.normal(),
        r"\epsilon": rng.uniform(0.01, 0.5),
    }


def layernorm_y(v):
    x = v["x"]
    mu = anp.mean(x)
    var = anp.mean((x - mu) ** 2)  # biased (1/n) variance
    return v[r"\gamma"] * (x - mu) / anp.sqrt(var + v[r"\epsilon"]) + v[r"\beta"]


def layernorm_L(v):
    return upstream(layernorm_y(v))


# ---------------------------------------------------------------------------- 3. mlp2

MLP2 = {"m": 3, "n": 4, "c": 2}


def mlp2_sample(rng):
    m, n, c = MLP2["m"], MLP2["n"], MLP2["c"]
    x, W1 = normal(rng, m), normal(rng, n, m)
    # choose b1 so that the pre-activations a = W1 x + b1 alternate in sign, |a_k| ≥ 0.3
    signs = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    a = signs * rng.uniform(0.3, 1.5, size=n)
    return {
        "x": x,
        r"W^{(1)}": W1,
        r"b^{(1)}": a - W1 @ x,
        r"W^{(2)}": normal(rng, c, n),
        r"b^{(2)}": normal(rng, c),
        "t": normal(rng, c),
    }


def mlp2_L(v):
    a = anp.dot(v[r"W^{(1)}"], v["x"]) + v[r"b^{(1)}"]
    h = anp.maximum(0.0, a)
    o = anp.dot(v[r"W^{(2)}"], h) + v[r"b^{(2)}"]
    return 0.5 * anp.sum((o - v["t"]) ** 2)


# ---------------------------------------------------------------------------- 4. rnn_tanh

RNN = {"n": 3, "m": 2}


def rnn_sample(rng):
    n, m = RNN["n"], RNN["m"]
    return {
        r"h^{(t-1)}": anp.tanh(normal(rng, n)),
        r"x^{(t)}": normal(rng, m),
        "W": 0.7 * normal(rng, n, n),
        "U": 0.7 * normal(rng, n, m),
        "b": 0.3 * normal(rng, n),
    }


def rnn_h(v):
    a = anp.dot(v["W"], v[r"h^{(t-1)}"]) + anp.dot(v["U"], v[r"x^{(t)}"]) + v["b"]
    return anp.tanh(a)


# ---------------------------------------------------------------------------- 5. conv1d_backward

CONV = {"N": 7, "K": 3}


def conv_sample(rng):
    return {"x": normal(rng, CONV["N"]), "w": normal(rng, CONV["K"])}


def conv_y(v):
    x, w = v["x"], v["w"]
    N, K = len(x), len(w)
    # y_k = Σ_l w_l x_{k+l-1} (1-based) = Σ_l w[l] x[k + l] (0-based), k = 0 … N-K
    return anp.stack([anp.sum(w * x[k : k + K]) for k in range(N - K + 1)])


def conv_L(v):
    return upstream(conv_y(v))


# ---------------------------------------------------------------------------- 6. momentum

MOMENTUM = {"t": 6}
MOMENTUM_LIMIT = {"t": 5000}  # μ ≤ 0.9, so μ^t < 1e-228: the simulated v_t is the limit


def momentum_sample(rng):
    return {
        "g": float(rng.normal()),
        r"\mu": float(rng.uniform(0.1, 0.9)),  # 0 < μ < 1
        r"\eta": float(rng.uniform(0.01, 0.5)),
        r"\theta_0": float(rng.normal()),
    }


def simulate_momentum(v, steps, nesterov=False):
    """Plain-Python SGD with momentum from v_0 = 0, θ_0, constant gradient g."""
    g, mu, eta = v["g"], v[r"\mu"], v[r"\eta"]
    vel, theta = 0.0, v[r"\theta_0"]
    for _ in range(steps):
        vel = mu * vel + g
        theta = theta - eta * (g + mu * vel) if nesterov else theta - eta * vel
    return vel, theta


def momentum_case(quantity, sizes, pick, nesterov=False, note=""):
    return Case(
        quantity,
        None,
        sizes,
        momentum_sample,
        lambda v: simulate_momentum(v, sizes["t"], nesterov)[pick],
        note,
    )


# ---------------------------------------------------------------------------- 7. logreg_l2

LOGREG = {"m": 4}


def logreg_sample(rng):
    m = LOGREG["m"]
    return {
        "w": normal(rng, m),
        "x": normal(rng, m),
        "b": float(rng.normal()),
        "y": float(rng.integers(0, 2)),  # y ∈ {0, 1}
        r"\lambda": float(rng.uniform(0.01, 1.0)),  # λ > 0
    }


def logreg_L(v):
    s = anp.sum(v["w"] * v["x"]) + v["b"]
    p = sigmoid(s)
    y = v["y"]
    return -y * anp.log(p) - (1 - y) * anp.log(1 - p) + v[r"\lambda"] / 2 * anp.sum(v["w"] ** 2)


# ---------------------------------------------------------------------------- 8. attention_softmax

ATTENTION = {"n": 4, "D": 3}


def attention_sample(rng):
    n, D = ATTENTION["n"], ATTENTION["D"]
    return {"q": normal(rng, D), "K": normal(rng, n, D)}


def attention_scores_sample(rng):
    """∂a/∂s treats the scores s as the input of the softmax."""
    return {"s": normal(rng, ATTENTION["n"])}


def attention_a_of_s(v):
    return softmax(v["s"])


def attention_a(v):
    D = v["q"].shape[0]
    return softmax(anp.dot(v["K"], v["q"]) / np.sqrt(D))


# ---------------------------------------------------------------------------- 9. gelu_silu

GELU_SILU = {"n": 4}


def scalar_sample(rng):
    return {"u": float(rng.normal(scale=2.0))}


def gelu(v):
    u = v["u"]
    return u * (1 + erf(u / np.sqrt(2))) / 2


def silu(v):
    return v["u"] * sigmoid(v["u"])


def silu_layer_sample(rng):
    return {"x": normal(rng, GELU_SILU["n"]) * 2.0}


def silu_layer(v):
    return v["x"] * sigmoid(v["x"])


# ---------------------------------------------------------------------------- 10. rmsnorm

RMSNORM = {"n": 5}


def rmsnorm_sample(rng):
    n = RMSNORM["n"]
    return {"x": normal(rng, n), "g": normal(rng, n), r"\epsilon": rng.uniform(0.01, 0.5)}


def rmsnorm_y(v):
    x = v["x"]
    r = anp.sqrt(anp.mean(x**2) + v[r"\epsilon"])
    return v["g"] * x / r


def rmsnorm_L(v):
    return upstream(rmsnorm_y(v))


# ---------------------------------------------------------------------------- the cases

UPSTREAM_NOTE = "Upstream(y) replaced by the fixed loss Σ c_j y_j + Σ d_j y_j² (see upstream())"

CASES: dict[tuple[str, str], Case] = {
    # 1
    ("softmax_ce", "dp_dz"): Case("p", "z", SOFTMAX_CE, softmax_ce_sample, softmax_ce_p),
    ("softmax_ce", "dp_dz_matrix"): Case("p", "z", SOFTMAX_CE, softmax_ce_sample, softmax_ce_p),
    ("softmax_ce", "dL_dz"): Case("L", "z", SOFTMAX_CE, softmax_ce_sample, softmax_ce_L),
    ("softmax_ce", "dL_dz_vec"): Case("L", "z", SOFTMAX_CE, softmax_ce_sample, softmax_ce_L),
    # 2
    ("layernorm", "dL_dx"): Case("L", "x", LAYERNORM, layernorm_sample, layernorm_L, UPSTREAM_NOTE),
    ("layernorm", "dL_dx_vec"): Case(
        "L", "x", LAYERNORM, layernorm_sample, layernorm_L, UPSTREAM_NOTE
    ),
    ("layernorm", "dL_dgamma"): Case(
        "L", r"\gamma", LAYERNORM, layernorm_sample, layernorm_L, UPSTREAM_NOTE
    ),
    # 3
    ("mlp2", "dL_dW2"): Case("L", r"W^{(2)}", MLP2, mlp2_sample, mlp2_L),
    ("mlp2", "dL_dW2_matrix"): Case("L", r"W^{(2)}", MLP2, mlp2_sample, mlp2_L),
    ("mlp2", "dL_db2"): Case("L", r"b^{(2)}", MLP2, mlp2_sample, mlp2_L),
    ("mlp2", "dL_db2_vec"): Case("L", r"b^{(2)}", MLP2, mlp2_sample, mlp2_L),
    ("mlp2", "dL_dW1"): Case("L", r"W^{(1)}", MLP2, mlp2_sample, mlp2_L),
    ("mlp2", "dL_dW1_matrix"): Case("L", r"W^{(1)}", MLP2, mlp2_sample, mlp2_L),
    ("mlp2", "dL_db1"): Case("L", r"b^{(1)}", MLP2, mlp2_sample, mlp2_L),
    ("mlp2", "dL_db1_vec"): Case("L", r"b^{(1)}", MLP2, mlp2_sample, mlp2_L),
    # 4
    ("rnn_tanh", "dh_dhprev"): Case(r"h^{(t)}", r"h^{(t-1)}", RNN, rnn_sample, rnn_h),
    ("rnn_tanh", "dh_dhprev_matrix"): Case(r"h^{(t)}", r"h^{(t-1)}", RNN, rnn_sample, rnn_h),
    ("rnn_tanh", "dh_dW"): Case(
        r"h^{(t)}", "W", RNN, rnn_sample, rnn_h, "entry [k, i, j] = ∂h_k/∂W_ij"
    ),
    # 5
    ("conv1d_backward", "dL_dw"): Case("L", "w", CONV, conv_sample, conv_L, UPSTREAM_NOTE),
    ("conv1d_backward", "dL_dx"): Case("L", "x", CONV, conv_sample, conv_L, UPSTREAM_NOTE),
    # 6
    ("momentum", "v_closed"): momentum_case("v", MOMENTUM, 0),
    ("momentum", "theta_closed"): momentum_case(r"\theta", MOMENTUM, 1),
    ("momentum", "v_limit"): momentum_case(
        "v", MOMENTUM_LIMIT, 0, note="v after 5000 steps, μ ≤ 0.9: the limit to machine precision"
    ),
    ("momentum", "nesterov_theta_closed"): momentum_case(
        r"\theta^{\mathrm{N}}", MOMENTUM, 1, nesterov=True
    ),
    # 7
    ("logreg_l2", "dL_dw"): Case("L", "w", LOGREG, logreg_sample, logreg_L),
    ("logreg_l2", "dL_dw_vec"): Case("L", "w", LOGREG, logreg_sample, logreg_L),
    ("logreg_l2", "dL_db"): Case("L", "b", LOGREG, logreg_sample, logreg_L),
    # 8
    ("attention_softmax", "da_ds"): Case(
        "a", "s", ATTENTION, attention_scores_sample, attention_a_of_s, "s taken as the input"
    ),
    ("attention_softmax", "da_ds_matrix"): Case(
        "a", "s", ATTENTION, attention_scores_sample, attention_a_of_s, "s taken as the input"
    ),
    ("attention_softmax", "da_dq"): Case("a", "q", ATTENTION, attention_sample, attention_a),
    # 9
    ("gelu_silu", "dgelu_du"): Case(r"\mathrm{GELU}", "u", {}, scalar_sample, gelu),
    ("gelu_silu", "dsilu_du"): Case(r"\mathrm{SiLU}", "u", {}, scalar_sample, silu),
    ("gelu_silu", "dy_dx"): Case("y", "x", GELU_SILU, silu_layer_sample, silu_layer),
    ("gelu_silu", "dy_dx_matrix"): Case("y", "x", GELU_SILU, silu_layer_sample, silu_layer),
    # 10
    ("rmsnorm", "dy_dx"): Case("y", "x", RMSNORM, rmsnorm_sample, rmsnorm_y),
    ("rmsnorm", "dy_dx_matrix"): Case("y", "x", RMSNORM, rmsnorm_sample, rmsnorm_y),
    ("rmsnorm", "dL_dx"): Case("L", "x", RMSNORM, rmsnorm_sample, rmsnorm_L, UPSTREAM_NOTE),
    ("rmsnorm", "dL_dx_vec"): Case("L", "x", RMSNORM, rmsnorm_sample, rmsnorm_L, UPSTREAM_NOTE),
}


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    for (problem, target), case in CASES.items():
        values = case.sample(rng)
        ref = reference(case, values)
        what = f"d{case.quantity}/d{case.wrt}" if case.wrt else f"{case.quantity} (simulated)"
        assert np.all(np.isfinite(ref)), (problem, target)
        print(f"{problem:18s} {target:22s} {what:32s} sizes={case.sizes} shape={ref.shape}")
    print(f"{len(CASES)} cases")
