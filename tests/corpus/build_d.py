"""Independent corpus D of student-style answers for the catalog problems.

softmax_ce, mlp2, layernorm, logreg_l2, rnn_tanh, momentum, gelu_silu, rmsnorm,
conv1d_backward, attention_softmax.

Labels come from hand-derived numpy references (each cross-checked by central finite
differences of a numpy forward pass written from the problem statement, or by
simulating the recurrence) compared with a hand translation of each answer (what its
LaTeX means), at many random points and several sizes.  ReLU kinks are exercised on
both sides.  numpy + standard library only; deterministic (fixed seed).

Conventions of the translations:
  * arrays indexed from 1 carry a NaN in slot 0 (a stray index-0 access shows up);
  * in conv1d_backward an out-of-range x_i, w_l or dL/dy_k is read as 0 and the point is
    marked "touched out of range": a right answer must never touch one, and a wrong answer
    must differ from the reference at some point where it touched none;
  * a wrong answer must differ at some point where its value is finite.

    python tests/corpus/build_d.py   ->  tests/corpus/answers_d.jsonl
"""
import json
import math
import os
import sys
from collections import Counter, OrderedDict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "answers_d.jsonl")
SEED = 20240611
RTOL, ATOL = 1e-8, 1e-10
NAN = float("nan")

R, W = "right", "wrong"
ANSWERS = []
SHORTP = {
    "softmax_ce": "softmax", "mlp2": "mlp2", "layernorm": "layernorm", "logreg_l2": "logreg",
    "rnn_tanh": "rnn", "momentum": "momentum", "gelu_silu": "gelu", "rmsnorm": "rmsnorm",
    "conv1d_backward": "conv1d", "attention_softmax": "attention",
}


def add(problem, target, latex, style, meaning, fn, expect):
    """fn(env) -> what the LaTeX means; expect: the label I intend (asserted)."""
    ANSWERS.append(dict(problem=problem, target=target, latex=latex, style=style,
                        meaning=meaning, fn=fn, expect=expect))


def d(i, j):
    return 1.0 if i == j else 0.0


def rng1(n):
    return range(1, n + 1)


def sig(v):
    return 1.0 / (1.0 + np.exp(-v))


def pad(v):
    return np.r_[NAN, np.asarray(v, dtype=float)]


def pad2(M):
    M = np.asarray(M, dtype=float)
    out = np.full((M.shape[0] + 1, M.shape[1] + 1), NAN)
    out[1:, 1:] = M
    return out


# ===========================================================================
# softmax_ce   env: K, i, k, z, p, y (1-based, padded); P, Y (0-based vectors)
# ===========================================================================
P = "softmax_ce"
T = "dp_dz"


def sm_den(e):
    return sum(math.exp(e["z"][l]) for l in rng1(e["K"]))


add(P, T, r"p_k(\delta_{ik} - p_i)", "factored, Kronecker delta",
    "p_k (delta_ik - p_i)", lambda e: e["p"][e["k"]] * (d(e["i"], e["k"]) - e["p"][e["i"]]), R)
add(P, T, r"\frac{\partial p_k}{\partial z_i} = p_k\left(\delta_{ki} - p_i\right)", "lhs, delta_ki, left/right",
    "p_k (delta_ki - p_i)", lambda e: e["p"][e["k"]] * (d(e["k"], e["i"]) - e["p"][e["i"]]), R)
add(P, T, r"p_i\left(\delta_{ik} - p_k\right)", "roles of i and k swapped (symmetric)",
    "p_i (delta_ik - p_k)", lambda e: e["p"][e["i"]] * (d(e["i"], e["k"]) - e["p"][e["k"]]), R)
add(P, T, r"p_k \delta_{ik} - p_i p_k", "expanded",
    "p_k delta_ik - p_i p_k", lambda e: e["p"][e["k"]] * d(e["i"], e["k"]) - e["p"][e["i"]] * e["p"][e["k"]], R)
add(P, T, r"\begin{cases} p_k(1-p_k) & i = k \\ -p_i p_k & i \neq k \end{cases}", "cases",
    "p_k(1-p_k) if i=k else -p_i p_k",
    lambda e: e["p"][e["k"]] * (1 - e["p"][e["k"]]) if e["i"] == e["k"] else -e["p"][e["i"]] * e["p"][e["k"]], R)
add(P, T, r"\frac{e^{z_k}}{\sum_{l=1}^{K} e^{z_l}}\left([i=k] - \frac{e^{z_i}}{\sum_{l=1}^{K} e^{z_l}}\right)",
    "written out with e^{}, Iverson bracket",
    "softmax_k ([i=k] - softmax_i)",
    lambda e: math.exp(e["z"][e["k"]]) / sm_den(e) * (d(e["i"], e["k"]) - math.exp(e["z"][e["i"]]) / sm_den(e)), R)
add(P, T, r"\frac{\exp(z_k)\,\delta_{ik}}{\sum_l \exp(z_l)} - \frac{\exp(z_i)\exp(z_k)}{\left(\sum_l \exp(z_l)\right)^2}",
    "quotient rule, \\exp, unbounded sums",
    "exp(z_k) delta_ik / S - exp(z_i) exp(z_k) / S^2",
    lambda e: math.exp(e["z"][e["k"]]) * d(e["i"], e["k"]) / sm_den(e)
    - math.exp(e["z"][e["i"]]) * math.exp(e["z"][e["k"]]) / sm_den(e) ** 2, R)
add(P, T, r"p_k(1 - p_i)", "missing Kronecker delta",
    "p_k (1 - p_i)", lambda e: e["p"][e["k"]] * (1 - e["p"][e["i"]]), W)
add(P, T, r"p_k(\delta_{ik} - p_k)", "swapped index in the product",
    "p_k (delta_ik - p_k)", lambda e: e["p"][e["k"]] * (d(e["i"], e["k"]) - e["p"][e["k"]]), W)
add(P, T, r"-p_i p_k", "only the off-diagonal term",
    "-p_i p_k", lambda e: -e["p"][e["i"]] * e["p"][e["k"]], W)
add(P, T, r"p_k \cdot \delta_{ik}", "only the diagonal term",
    "p_k delta_ik", lambda e: e["p"][e["k"]] * d(e["i"], e["k"]), W)
add(P, T, r"p_k(\delta_{ik} + p_i)", "sign flip",
    "p_k (delta_ik + p_i)", lambda e: e["p"][e["k"]] * (d(e["i"], e["k"]) + e["p"][e["i"]]), W)
add(P, T, r"\delta_{ik} - p_i p_k", "dropped p_k on the delta",
    "delta_ik - p_i p_k", lambda e: d(e["i"], e["k"]) - e["p"][e["i"]] * e["p"][e["k"]], W)

T = "dL_dz"
add(P, T, r"p_i - y_i", "bare, textbook", "p_i - y_i", lambda e: e["p"][e["i"]] - e["y"][e["i"]], R)
add(P, T, r"\frac{\partial L}{\partial z_i} = p_i - y_i", "lhs", "p_i - y_i",
    lambda e: e["p"][e["i"]] - e["y"][e["i"]], R)
add(P, T, r"\frac{e^{z_i}}{\sum_{l=1}^{K} e^{z_l}} - y_i", "softmax written out",
    "exp(z_i)/sum_l exp(z_l) - y_i", lambda e: math.exp(e["z"][e["i"]]) / sm_den(e) - e["y"][e["i"]], R)
add(P, T, r"-\sum_{k=1}^{K} y_k\left(\delta_{ik} - p_i\right)", "unsimplified chain-rule sum",
    "-sum_k y_k (delta_ik - p_i)",
    lambda e: -sum(e["y"][k] * (d(e["i"], k) - e["p"][e["i"]]) for k in rng1(e["K"])), R)
add(P, T, r"p_i \sum_{k} y_k - y_i", "sum of y not yet replaced by 1",
    "p_i sum_k y_k - y_i", lambda e: e["p"][e["i"]] * sum(e["y"][k] for k in rng1(e["K"])) - e["y"][e["i"]], R)
add(P, T, r"\frac{\exp(z_i)}{\sum_{l}\exp(z_l)} - y_i", "\\exp, unbounded sum",
    "exp(z_i)/sum_l exp(z_l) - y_i", lambda e: math.exp(e["z"][e["i"]]) / sm_den(e) - e["y"][e["i"]], R)
add(P, T, r"-y_i + p_i", "order swapped", "-y_i + p_i", lambda e: -e["y"][e["i"]] + e["p"][e["i"]], R)
add(P, T, r"y_i - p_i", "sign flip", "y_i - p_i", lambda e: e["y"][e["i"]] - e["p"][e["i"]], W)
add(P, T, r"p_i - 1", "assumed y one-hot at i", "p_i - 1", lambda e: e["p"][e["i"]] - 1, W)
add(P, T, r"-\frac{y_i}{p_i}", "stopped at dL/dp", "-y_i/p_i", lambda e: -e["y"][e["i"]] / e["p"][e["i"]], W)
add(P, T, r"\sum_{k=1}^{K} y_k(\delta_{ik} - p_i)", "lost the minus of the log-loss",
    "sum_k y_k (delta_ik - p_i)",
    lambda e: sum(e["y"][k] * (d(e["i"], k) - e["p"][e["i"]]) for k in rng1(e["K"])), W)
add(P, T, r"-y_i(1 - p_i)", "only the k = i term of the sum",
    "-y_i (1 - p_i)", lambda e: -e["y"][e["i"]] * (1 - e["p"][e["i"]]), W)

T = "dp_dz_matrix"
add(P, T, r"\operatorname{diag}(p) - p p^\top", "operatorname diag, top",
    "diag(p) - p p^T", lambda e: np.diag(e["P"]) - np.outer(e["P"], e["P"]), R)
add(P, T, r"\frac{\partial p}{\partial z} = \mathrm{diag}(p) - p\,p^{T}", "lhs, mathrm diag, ^{T}",
    "diag(p) - p p^T", lambda e: np.diag(e["P"]) - np.outer(e["P"], e["P"]), R)
add(P, T, r"-pp^T + \operatorname{diag}(p)", "order swapped",
    "-p p^T + diag(p)", lambda e: -np.outer(e["P"], e["P"]) + np.diag(e["P"]), R)
add(P, T, r"\operatorname{diag}(p)", "only the diagonal", "diag(p)", lambda e: np.diag(e["P"]), W)
add(P, T, r"p p^\top - \operatorname{diag}(p)", "sign flip", "p p^T - diag(p)",
    lambda e: np.outer(e["P"], e["P"]) - np.diag(e["P"]), W)
add(P, T, r"\operatorname{diag}(p) + p p^\top", "plus instead of minus", "diag(p) + p p^T",
    lambda e: np.diag(e["P"]) + np.outer(e["P"], e["P"]), W)

T = "dL_dz_vec"
add(P, T, r"p - y", "vector, bare", "p - y", lambda e: e["P"] - e["Y"], R)
add(P, T, r"\frac{\partial L}{\partial z} = p - y", "lhs", "p - y", lambda e: e["P"] - e["Y"], R)
add(P, T, r"-y + p", "order swapped", "-y + p", lambda e: -e["Y"] + e["P"], R)
add(P, T, r"y - p", "sign flip", "y - p", lambda e: e["Y"] - e["P"], W)
add(P, T, r"p", "forgot the target", "p", lambda e: e["P"].copy(), W)

# ===========================================================================
# mlp2   env: m, n, c, r, k, j, x, a, h, o, t, W1, b1, W2, b2 (1-based, padded);
#        ov, tv, hv, av (0-based vectors) for matrix targets
# ===========================================================================
P = "mlp2"


def ind(v):
    return 1.0 if v > 0 else 0.0


def back2(e, sign=1.0):
    """sum_r W2_rk (o_r - t_r)."""
    k = e["k"]
    return sum(e["W2"][r, k] * sign * (e["o"][r] - e["t"][r]) for r in rng1(e["c"]))


T = "dL_dW2"
add(P, T, r"(o_r - t_r) h_k", "textbook", "(o_r - t_r) h_k",
    lambda e: (e["o"][e["r"]] - e["t"][e["r"]]) * e["h"][e["k"]], R)
add(P, T, r"\frac{\partial L}{\partial W^{(2)}_{rk}} = \left(o_r - t_r\right) h_k", "lhs, left/right",
    "(o_r - t_r) h_k", lambda e: (e["o"][e["r"]] - e["t"][e["r"]]) * e["h"][e["k"]], R)
add(P, T, r"h_k \cdot (o_r - t_r)", "h first, cdot", "h_k (o_r - t_r)",
    lambda e: e["h"][e["k"]] * (e["o"][e["r"]] - e["t"][e["r"]]), R)
add(P, T, r"(o_r - t_r)\max(0, a_k)", "ReLU written as max", "(o_r - t_r) max(0, a_k)",
    lambda e: (e["o"][e["r"]] - e["t"][e["r"]]) * max(0.0, e["a"][e["k"]]), R)
add(P, T, r"(o_r - t_r)\, a_k \,\mathbb{1}[a_k > 0]", "ReLU as a_k times indicator",
    "(o_r - t_r) a_k 1[a_k>0]",
    lambda e: (e["o"][e["r"]] - e["t"][e["r"]]) * e["a"][e["k"]] * ind(e["a"][e["k"]]), R)
add(P, T, r"(o_r - t_r) a_k", "pre-activation instead of h",
    "(o_r - t_r) a_k", lambda e: (e["o"][e["r"]] - e["t"][e["r"]]) * e["a"][e["k"]], W)
add(P, T, r"(t_r - o_r) h_k", "sign flip", "(t_r - o_r) h_k",
    lambda e: (e["t"][e["r"]] - e["o"][e["r"]]) * e["h"][e["k"]], W)
add(P, T, r"2(o_r - t_r) h_k", "forgot the 1/2 of the loss", "2 (o_r - t_r) h_k",
    lambda e: 2 * (e["o"][e["r"]] - e["t"][e["r"]]) * e["h"][e["k"]], W)
add(P, T, r"o_r - t_r", "dropped the chain-rule factor h_k", "o_r - t_r",
    lambda e: e["o"][e["r"]] - e["t"][e["r"]], W)

T = "dL_db2"
add(P, T, r"o_r - t_r", "bare", "o_r - t_r", lambda e: e["o"][e["r"]] - e["t"][e["r"]], R)
add(P, T, r"\frac{\partial L}{\partial b^{(2)}_r} = o_r - t_r", "lhs", "o_r - t_r",
    lambda e: e["o"][e["r"]] - e["t"][e["r"]], R)
add(P, T, r"\sum_{k=1}^{n} W^{(2)}_{rk} h_k + b^{(2)}_r - t_r", "o_r written out",
    "sum_k W2_rk h_k + b2_r - t_r",
    lambda e: sum(e["W2"][e["r"], k] * e["h"][k] for k in rng1(e["n"])) + e["b2"][e["r"]] - e["t"][e["r"]], R)
add(P, T, r"-(t_r - o_r)", "minus of the residual", "-(t_r - o_r)",
    lambda e: -(e["t"][e["r"]] - e["o"][e["r"]]), R)
add(P, T, r"t_r - o_r", "sign flip", "t_r - o_r", lambda e: e["t"][e["r"]] - e["o"][e["r"]], W)
add(P, T, r"\frac{1}{2}(o_r - t_r)", "kept the 1/2", "(o_r - t_r)/2",
    lambda e: 0.5 * (e["o"][e["r"]] - e["t"][e["r"]]), W)
add(P, T, r"\sum_{r=1}^{c} (o_r - t_r)", "summed over the outputs", "sum_r (o_r - t_r)",
    lambda e: sum(e["o"][r] - e["t"][r] for r in rng1(e["c"])), W)

T = "dL_dW1"
add(P, T, r"\mathbb{1}[a_k > 0]\, x_j \sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "indicator, bounded sum",
    "1[a_k>0] x_j sum_r W2_rk (o_r - t_r)", lambda e: ind(e["a"][e["k"]]) * e["x"][e["j"]] * back2(e), R)
add(P, T, r"\frac{\partial L}{\partial W^{(1)}_{kj}} = \left(\sum_r (o_r - t_r) W^{(2)}_{rk}\right)\mathbb{1}[a_k > 0]\, x_j",
    "lhs, unbounded sum first", "(sum_r (o_r - t_r) W2_rk) 1[a_k>0] x_j",
    lambda e: back2(e) * ind(e["a"][e["k"]]) * e["x"][e["j"]], R)
add(P, T, r"\begin{cases} x_j \sum_{r=1}^{c} (o_r - t_r) W^{(2)}_{rk} & a_k > 0 \\ 0 & a_k \le 0 \end{cases}",
    "cases on the ReLU", "x_j sum_r (o_r - t_r) W2_rk if a_k>0 else 0",
    lambda e: e["x"][e["j"]] * back2(e) if e["a"][e["k"]] > 0 else 0.0, R)
add(P, T, r"[a_k > 0]\; x_j \sum_{r} W^{(2)}_{rk}\,(o_r - t_r)", "Iverson bracket",
    "[a_k>0] x_j sum_r W2_rk (o_r - t_r)", lambda e: ind(e["a"][e["k"]]) * e["x"][e["j"]] * back2(e), R)
add(P, T, r"x_j\,\mathbb{1}[h_k > 0]\sum_{r=1}^{c}(o_r - t_r)W^{(2)}_{rk}", "indicator on h_k",
    "x_j 1[h_k>0] sum_r (o_r - t_r) W2_rk", lambda e: e["x"][e["j"]] * ind(e["h"][e["k"]]) * back2(e), R)
add(P, T, r"x_j \sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "missing the ReLU indicator",
    "x_j sum_r W2_rk (o_r - t_r)", lambda e: e["x"][e["j"]] * back2(e), W)
add(P, T, r"h_k\, x_j \sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "h_k used as the ReLU derivative",
    "h_k x_j sum_r W2_rk (o_r - t_r)", lambda e: e["h"][e["k"]] * e["x"][e["j"]] * back2(e), W)
add(P, T, r"\mathbb{1}[a_k > 0] \sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "dropped x_j",
    "1[a_k>0] sum_r W2_rk (o_r - t_r)", lambda e: ind(e["a"][e["k"]]) * back2(e), W)
add(P, T, r"\mathbb{1}[a_k > 0]\, x_j \sum_{r=1}^{c} W^{(2)}_{rk}(t_r - o_r)", "sign flip",
    "1[a_k>0] x_j sum_r W2_rk (t_r - o_r)", lambda e: ind(e["a"][e["k"]]) * e["x"][e["j"]] * back2(e, -1.0), W)
add(P, T, r"\mathbb{1}[a_k < 0]\, x_j \sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "indicator reversed",
    "1[a_k<0] x_j sum_r W2_rk (o_r - t_r)",
    lambda e: (1.0 if e["a"][e["k"]] < 0 else 0.0) * e["x"][e["j"]] * back2(e), W)

T = "dL_db1"
add(P, T, r"\mathbb{1}[a_k > 0] \sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "indicator, bounded sum",
    "1[a_k>0] sum_r W2_rk (o_r - t_r)", lambda e: ind(e["a"][e["k"]]) * back2(e), R)
add(P, T, r"\frac{\partial L}{\partial b^{(1)}_k} = \begin{cases} \sum_r (o_r - t_r) W^{(2)}_{rk} & a_k > 0 \\ 0 & \text{otherwise} \end{cases}",
    "lhs, cases with otherwise", "sum_r (o_r - t_r) W2_rk if a_k>0 else 0",
    lambda e: back2(e) if e["a"][e["k"]] > 0 else 0.0, R)
add(P, T, r"[a_k > 0] \sum_{r} (o_r - t_r) W^{(2)}_{rk}", "Iverson bracket, unbounded sum",
    "[a_k>0] sum_r (o_r - t_r) W2_rk", lambda e: ind(e["a"][e["k"]]) * back2(e), R)
add(P, T, r"\sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)\cdot \mathbb{1}[h_k > 0]", "indicator on h_k, after",
    "sum_r W2_rk (o_r - t_r) 1[h_k>0]", lambda e: back2(e) * ind(e["h"][e["k"]]), R)
add(P, T, r"\sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "missing the ReLU indicator",
    "sum_r W2_rk (o_r - t_r)", lambda e: back2(e), W)
add(P, T, r"\mathbb{1}[a_k > 0] \sum_{r=1}^{c} (o_r - t_r)", "dropped W^{(2)}",
    "1[a_k>0] sum_r (o_r - t_r)", lambda e: ind(e["a"][e["k"]]) * sum(e["o"][r] - e["t"][r] for r in rng1(e["c"])), W)
add(P, T, r"h_k \sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "h_k used as the ReLU derivative",
    "h_k sum_r W2_rk (o_r - t_r)", lambda e: e["h"][e["k"]] * back2(e), W)

T = "dL_dW2_matrix"
add(P, T, r"(o - t)h^\top", "outer product", "(o - t) h^T", lambda e: np.outer(e["ov"] - e["tv"], e["hv"]), R)
add(P, T, r"\frac{\partial L}{\partial W^{(2)}} = (o - t)\, h^{T}", "lhs, ^{T}", "(o - t) h^T",
    lambda e: np.outer(e["ov"] - e["tv"], e["hv"]), R)
add(P, T, r"(o - t)a^\top", "pre-activation instead of h", "(o - t) a^T",
    lambda e: np.outer(e["ov"] - e["tv"], e["av"]), W)
add(P, T, r"(t - o)h^\top", "sign flip", "(t - o) h^T", lambda e: np.outer(e["tv"] - e["ov"], e["hv"]), W)

T = "dL_db2_vec"
add(P, T, r"o - t", "vector", "o - t", lambda e: e["ov"] - e["tv"], R)
add(P, T, r"\frac{\partial L}{\partial b^{(2)}} = o - t", "lhs", "o - t", lambda e: e["ov"] - e["tv"], R)
add(P, T, r"t - o", "sign flip", "t - o", lambda e: e["tv"] - e["ov"], W)

# ===========================================================================
# layernorm   env: n, i, x, xh, G (= dL/dy_j), y (1-based); mu, s2, eps, gamma, beta
# ===========================================================================
P = "layernorm"
T = "dL_dx"


def ln_sums(e):
    n = e["n"]
    return (sum(e["G"][j] for j in rng1(n)), sum(e["xh"][j] * e["G"][j] for j in rng1(n)))


def ln_form(e, scale=True, eps=True, mean=1.0, var=1.0, var_n=True, gam=True):
    n, i = e["n"], e["i"]
    s = math.sqrt(e["s2"] + (e["eps"] if eps else 0.0))
    Sg, Sxg = ln_sums(e)
    if not eps:  # x-hat recomputed without eps
        xh = [NAN] + [(e["x"][j] - e["mu"]) / s for j in rng1(n)]
        Sxg = sum(xh[j] * e["G"][j] for j in rng1(n))
        xhi = xh[i]
    else:
        xhi = e["xh"][i]
    inner = e["G"][i] - mean * Sg / n - var * xhi * Sxg / (n if var_n else 1)
    return (e["gamma"] if gam else 1.0) / s * inner


add(P, T, r"\frac{\partial L}{\partial x_i} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j} - \frac{\hat{x}_i}{n}\sum_{j=1}^{n}\hat{x}_j\frac{\partial L}{\partial y_j}\right)",
    "lhs, factored, hat x", "gamma/s (g_i - mean g - x^_i/n sum x^_j g_j), s = sqrt(var+eps)",
    lambda e: ln_form(e), R)
add(P, T, r"\frac{\gamma}{n\sqrt{\sigma^2+\varepsilon}}\left(n\frac{\partial L}{\partial y_i} - \sum_j \frac{\partial L}{\partial y_j} - \hat{x}_i\sum_j \hat{x}_j\frac{\partial L}{\partial y_j}\right)",
    "1/n pulled out, varepsilon, unbounded sums", "gamma/(n s) (n g_i - sum g - x^_i sum x^_j g_j)",
    lambda e: ln_form(e), R)
add(P, T, r"\sum_{j=1}^{n}\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\delta_{ij} - \frac{1 + \hat{x}_i\hat{x}_j}{n}\right)\frac{\partial L}{\partial y_j}",
    "Jacobian inside the sum, delta", "sum_j gamma/s (delta_ij - (1 + x^_i x^_j)/n) g_j",
    lambda e: sum(e["gamma"] / math.sqrt(e["s2"] + e["eps"]) * (d(e["i"], j) - (1 + e["xh"][e["i"]] * e["xh"][j]) / e["n"])
                  * e["G"][j] for j in rng1(e["n"])), R)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j} - \frac{x_i-\mu}{n(\sigma^2+\epsilon)}\sum_{j=1}^{n}(x_j-\mu)\frac{\partial L}{\partial y_j}\right)",
    "x - mu instead of hat x", "gamma/s (g_i - mean g - (x_i-mu)/(n s^2) sum (x_j-mu) g_j)",
    lambda e: e["gamma"] / math.sqrt(e["s2"] + e["eps"]) * (
        e["G"][e["i"]] - sum(e["G"][j] for j in rng1(e["n"])) / e["n"]
        - (e["x"][e["i"]] - e["mu"]) / (e["n"] * (e["s2"] + e["eps"]))
        * sum((e["x"][j] - e["mu"]) * e["G"][j] for j in rng1(e["n"]))), R)
add(P, T, r"\gamma(\sigma^2+\epsilon)^{-1/2}\left(\partial L/\partial y_i - \frac{1}{n}\sum_{j=1}^{n}\left(1 + \hat x_i \hat x_j\right)\partial L/\partial y_j\right)",
    "negative power, slash partials, hat without braces", "gamma s^-1 (g_i - (1/n) sum (1 + x^_i x^_j) g_j)",
    lambda e: ln_form(e), R)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\frac{\partial L}{\partial y_i} - \frac{\gamma}{n\sqrt{\sigma^2+\epsilon}}\sum_{j}\frac{\partial L}{\partial y_j} - \frac{\gamma\,\hat{x}_i}{n\sqrt{\sigma^2+\epsilon}}\sum_{j}\hat{x}_j\frac{\partial L}{\partial y_j}",
    "three terms expanded", "gamma/s g_i - gamma/(n s) sum g - gamma x^_i/(n s) sum x^_j g_j",
    lambda e: ln_form(e), R)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j} - \hat{x}_i\sum_{j=1}^{n}\hat{x}_j\frac{\partial L}{\partial y_j}\right)",
    "missing 1/n on the variance term", "variance term without 1/n", lambda e: ln_form(e, var_n=False), W)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\right)",
    "variance treated as a constant", "gamma/s (g_i - mean g)", lambda e: ln_form(e, var=0.0), W)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y_i} - \frac{\hat{x}_i}{n}\sum_{j=1}^{n}\hat{x}_j\frac{\partial L}{\partial y_j}\right)",
    "mean path dropped", "gamma/s (g_i - x^_i/n sum x^_j g_j)", lambda e: ln_form(e, mean=0.0), W)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j} + \frac{\hat{x}_i}{n}\sum_{j=1}^{n}\hat{x}_j\frac{\partial L}{\partial y_j}\right)",
    "sign flip on the variance term", "variance term added", lambda e: ln_form(e, var=-1.0), W)
add(P, T, r"\frac{1}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j} - \frac{\hat{x}_i}{n}\sum_{j=1}^{n}\hat{x}_j\frac{\partial L}{\partial y_j}\right)",
    "missing gamma", "reference without gamma", lambda e: ln_form(e, gam=False), W)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j} - \frac{x_i-\mu}{n}\sum_{j=1}^{n}(x_j-\mu)\frac{\partial L}{\partial y_j}\right)",
    "x - mu without the 1/(sigma^2+eps)", "variance term (x_i-mu)/n sum (x_j-mu) g_j, not divided by s^2",
    lambda e: e["gamma"] / math.sqrt(e["s2"] + e["eps"]) * (
        e["G"][e["i"]] - sum(e["G"][j] for j in rng1(e["n"])) / e["n"]
        - (e["x"][e["i"]] - e["mu"]) / e["n"] * sum((e["x"][j] - e["mu"]) * e["G"][j] for j in rng1(e["n"]))), W)

T = "dL_dgamma"
add(P, T, r"\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\hat{x}_j", "bounded sum", "sum_j g_j x^_j",
    lambda e: sum(e["G"][j] * e["xh"][j] for j in rng1(e["n"])), R)
add(P, T, r"\frac{\partial L}{\partial \gamma} = \sum_j \hat{x}_j \frac{\partial L}{\partial y_j}", "lhs, unbounded",
    "sum_j x^_j g_j", lambda e: sum(e["G"][j] * e["xh"][j] for j in rng1(e["n"])), R)
add(P, T, r"\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\,\frac{x_j - \mu}{\sqrt{\sigma^2 + \epsilon}}", "hat x written out",
    "sum_j g_j (x_j - mu)/s", lambda e: sum(e["G"][j] * (e["x"][j] - e["mu"]) for j in rng1(e["n"])) / math.sqrt(e["s2"] + e["eps"]), R)
add(P, T, r"\frac{1}{\sqrt{\sigma^2+\varepsilon}}\sum_{i=1}^{n}(x_i-\mu)\,\partial L/\partial y_i", "summed over i, slash, varepsilon",
    "(1/s) sum_i (x_i - mu) g_i", lambda e: sum(e["G"][i] * (e["x"][i] - e["mu"]) for i in rng1(e["n"])) / math.sqrt(e["s2"] + e["eps"]), R)
add(P, T, r"\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\cdot\frac{y_j - \beta}{\gamma}", "hat x recovered from y",
    "sum_j g_j (y_j - beta)/gamma", lambda e: sum(e["G"][j] * (e["y"][j] - e["beta"]) / e["gamma"] for j in rng1(e["n"])), R)
add(P, T, r"\sum_{j=1}^{n}\hat{x}_j", "forgot the upstream gradient", "sum_j x^_j",
    lambda e: sum(e["xh"][j] for j in rng1(e["n"])), W)
add(P, T, r"\sum_{j=1}^{n}\frac{\partial L}{\partial y_j} x_j", "x instead of hat x", "sum_j g_j x_j",
    lambda e: sum(e["G"][j] * e["x"][j] for j in rng1(e["n"])), W)
add(P, T, r"\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}(x_j - \mu)", "forgot the normalization",
    "sum_j g_j (x_j - mu)", lambda e: sum(e["G"][j] * (e["x"][j] - e["mu"]) for j in rng1(e["n"])), W)
add(P, T, r"\frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\hat{x}_j", "spurious 1/n",
    "(1/n) sum_j g_j x^_j", lambda e: sum(e["G"][j] * e["xh"][j] for j in rng1(e["n"])) / e["n"], W)

T = "dL_dbeta"
add(P, T, r"\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}", "bounded sum", "sum_j g_j",
    lambda e: sum(e["G"][j] for j in rng1(e["n"])), R)
add(P, T, r"\frac{\partial L}{\partial \beta} = \sum_{i} \partial L/\partial y_i", "lhs, index i, slash",
    "sum_i g_i", lambda e: sum(e["G"][j] for j in rng1(e["n"])), R)
add(P, T, r"\sum_{l=1}^{n} \frac{\partial L}{\partial y_l}", "index l", "sum_l g_l",
    lambda e: sum(e["G"][j] for j in rng1(e["n"])), R)
add(P, T, r"\frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}", "spurious mean",
    "(1/n) sum_j g_j", lambda e: sum(e["G"][j] for j in rng1(e["n"])) / e["n"], W)
add(P, T, r"n", "derivative of y w.r.t. beta summed, upstream forgotten", "n", lambda e: float(e["n"]), W)
add(P, T, r"\gamma\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}", "extra gamma", "gamma sum_j g_j",
    lambda e: e["gamma"] * sum(e["G"][j] for j in rng1(e["n"])), W)

# ===========================================================================
# logreg_l2   env: m, i, w, x (1-based), b, y, s, p, lam;  wv, xv (0-based)
# ===========================================================================
P = "logreg_l2"
T = "dL_dw"


def lr_s(e):
    return sum(e["w"][j] * e["x"][j] for j in rng1(e["m"])) + e["b"]


add(P, T, r"(p - y)x_i + \lambda w_i", "textbook", "(p - y) x_i + lam w_i",
    lambda e: (e["p"] - e["y"]) * e["x"][e["i"]] + e["lam"] * e["w"][e["i"]], R)
add(P, T, r"\frac{\partial L}{\partial w_i} = \left(\sigma(s) - y\right) x_i + \lambda w_i", "lhs, sigma(s)",
    "(sigma(s) - y) x_i + lam w_i", lambda e: (sig(e["s"]) - e["y"]) * e["x"][e["i"]] + e["lam"] * e["w"][e["i"]], R)
add(P, T, r"\left(\frac{1}{1+e^{-s}} - y\right)x_i + \lambda w_i", "sigmoid written out",
    "(1/(1+e^-s) - y) x_i + lam w_i",
    lambda e: (1 / (1 + math.exp(-e["s"])) - e["y"]) * e["x"][e["i"]] + e["lam"] * e["w"][e["i"]], R)
add(P, T, r"\left(\sigma\left(\sum_{j=1}^{m} w_j x_j + b\right) - y\right)x_i + \lambda w_i", "score written out",
    "(sigma(sum_j w_j x_j + b) - y) x_i + lam w_i",
    lambda e: (sig(lr_s(e)) - e["y"]) * e["x"][e["i"]] + e["lam"] * e["w"][e["i"]], R)
add(P, T, r"-y(1-p)x_i + (1-y)p\,x_i + \lambda w_i", "two log terms kept apart",
    "-y(1-p) x_i + (1-y) p x_i + lam w_i",
    lambda e: -e["y"] * (1 - e["p"]) * e["x"][e["i"]] + (1 - e["y"]) * e["p"] * e["x"][e["i"]] + e["lam"] * e["w"][e["i"]], R)
add(P, T, r"\lambda w_i + x_i \cdot (p - y)", "order swapped, cdot", "lam w_i + x_i (p - y)",
    lambda e: e["lam"] * e["w"][e["i"]] + e["x"][e["i"]] * (e["p"] - e["y"]), R)
add(P, T, r"(y - p)x_i + \lambda w_i", "sign flip on the data term", "(y - p) x_i + lam w_i",
    lambda e: (e["y"] - e["p"]) * e["x"][e["i"]] + e["lam"] * e["w"][e["i"]], W)
add(P, T, r"(p - y)x_i", "forgot the penalty", "(p - y) x_i", lambda e: (e["p"] - e["y"]) * e["x"][e["i"]], W)
add(P, T, r"(p - y)x_i + \frac{\lambda}{2} w_i", "lost the 2 of the square", "(p - y) x_i + lam/2 w_i",
    lambda e: (e["p"] - e["y"]) * e["x"][e["i"]] + e["lam"] / 2 * e["w"][e["i"]], W)
add(P, T, r"p(1-p)(p - y)x_i + \lambda w_i", "extra sigmoid-derivative factor",
    "p(1-p)(p - y) x_i + lam w_i",
    lambda e: e["p"] * (1 - e["p"]) * (e["p"] - e["y"]) * e["x"][e["i"]] + e["lam"] * e["w"][e["i"]], W)
add(P, T, r"(p - y) + \lambda w_i", "dropped x_i", "(p - y) + lam w_i",
    lambda e: (e["p"] - e["y"]) + e["lam"] * e["w"][e["i"]], W)

T = "dL_db"
add(P, T, r"p - y", "bare", "p - y", lambda e: e["p"] - e["y"], R)
add(P, T, r"\frac{\partial L}{\partial b} = \sigma(s) - y", "lhs, sigma(s)", "sigma(s) - y",
    lambda e: sig(e["s"]) - e["y"], R)
add(P, T, r"\frac{e^{s}}{1+e^{s}} - y", "sigmoid as e^s/(1+e^s)", "e^s/(1+e^s) - y",
    lambda e: math.exp(e["s"]) / (1 + math.exp(e["s"])) - e["y"], R)
add(P, T, r"\sigma\left(\sum_{j=1}^{m} w_j x_j + b\right) - y", "score written out",
    "sigma(sum_j w_j x_j + b) - y", lambda e: sig(lr_s(e)) - e["y"], R)
add(P, T, r"-y(1-p) + (1-y)p", "two log terms kept apart", "-y(1-p) + (1-y)p",
    lambda e: -e["y"] * (1 - e["p"]) + (1 - e["y"]) * e["p"], R)
add(P, T, r"y - p", "sign flip", "y - p", lambda e: e["y"] - e["p"], W)
add(P, T, r"p - y + \lambda b", "regularized the bias too", "p - y + lam b",
    lambda e: e["p"] - e["y"] + e["lam"] * e["b"], W)
add(P, T, r"p(1-p)", "only the sigmoid derivative", "p(1-p)", lambda e: e["p"] * (1 - e["p"]), W)
add(P, T, r"-\frac{y}{p} + \frac{1-y}{1-p}", "stopped at dL/dp", "-y/p + (1-y)/(1-p)",
    lambda e: -e["y"] / e["p"] + (1 - e["y"]) / (1 - e["p"]), W)

T = "dL_dw_vec"
add(P, T, r"(p - y)x + \lambda w", "vector", "(p - y) x + lam w",
    lambda e: (e["p"] - e["y"]) * e["xv"] + e["lam"] * e["wv"], R)
add(P, T, r"\frac{\partial L}{\partial w} = \left(\sigma(s) - y\right)x + \lambda w", "lhs, sigma(s)",
    "(sigma(s) - y) x + lam w", lambda e: (sig(e["s"]) - e["y"]) * e["xv"] + e["lam"] * e["wv"], R)
add(P, T, r"\lambda w + (p-y)\,x", "order swapped", "lam w + (p - y) x",
    lambda e: e["lam"] * e["wv"] + (e["p"] - e["y"]) * e["xv"], R)
add(P, T, r"(p - y)x", "forgot the penalty", "(p - y) x", lambda e: (e["p"] - e["y"]) * e["xv"], W)
add(P, T, r"(y - p)x + \lambda w", "sign flip", "(y - p) x + lam w",
    lambda e: (e["y"] - e["p"]) * e["xv"] + e["lam"] * e["wv"], W)

# ===========================================================================
# rnn_tanh   env: n, m, k, i, j, W, U (2-D padded), b, x, hp, a, h (1-based);
#            Hv, Hpv, Wm (0-based) for the matrix target
# ===========================================================================
P = "rnn_tanh"
T = "dh_dhprev"
add(P, T, r"(1 - h_{t,k}^2) W_{ki}", "statement subscripts", "(1 - h_{t,k}^2) W_ki",
    lambda e: (1 - e["h"][e["k"]] ** 2) * e["W"][e["k"], e["i"]], R)
add(P, T, r"\frac{\partial h_{t,k}}{\partial h_{t-1,i}} = \left(1 - \tanh^2(a_{t,k})\right) W_{ki}", "lhs, 1 - tanh^2",
    "(1 - tanh^2(a_{t,k})) W_ki", lambda e: (1 - math.tanh(e["a"][e["k"]]) ** 2) * e["W"][e["k"], e["i"]], R)
add(P, T, r"W_{ki}\left(1 - \left(h^{(t)}_k\right)^2\right)", "superscript (t), W first",
    "W_ki (1 - (h_k^(t))^2)", lambda e: e["W"][e["k"], e["i"]] * (1 - e["h"][e["k"]] ** 2), R)
add(P, T, r"\operatorname{sech}^2(a_{t,k})\, W_{ki}", "sech^2", "sech^2(a_{t,k}) W_ki",
    lambda e: e["W"][e["k"], e["i"]] / math.cosh(e["a"][e["k"]]) ** 2, R)
add(P, T, r"W_{ki} - W_{ki}\tanh^2\left(\sum_{l=1}^{n} W_{kl} h_{t-1,l} + \sum_{j=1}^{m} U_{kj} x_{t,j} + b_k\right)",
    "expanded, pre-activation written out", "W_ki - W_ki tanh^2(sum_l W_kl h_{t-1,l} + sum_j U_kj x_{t,j} + b_k)",
    lambda e: e["W"][e["k"], e["i"]] - e["W"][e["k"], e["i"]] * math.tanh(
        sum(e["W"][e["k"], l] * e["hp"][l] for l in rng1(e["n"]))
        + sum(e["U"][e["k"], j] * e["x"][j] for j in rng1(e["m"])) + e["b"][e["k"]]) ** 2, R)
add(P, T, r"(1 - h_{t,k}^2) W_{ik}", "swapped indices of W", "(1 - h_{t,k}^2) W_ik",
    lambda e: (1 - e["h"][e["k"]] ** 2) * e["W"][e["i"], e["k"]], W)
add(P, T, r"W_{ki}", "dropped the tanh' factor", "W_ki", lambda e: e["W"][e["k"], e["i"]], W)
add(P, T, r"(1 - h_{t,k}) W_{ki}", "wrong power", "(1 - h_{t,k}) W_ki",
    lambda e: (1 - e["h"][e["k"]]) * e["W"][e["k"], e["i"]], W)
add(P, T, r"(1 - h_{t-1,i}^2) W_{ki}", "tanh' at the previous state", "(1 - h_{t-1,i}^2) W_ki",
    lambda e: (1 - e["hp"][e["i"]] ** 2) * e["W"][e["k"], e["i"]], W)
add(P, T, r"\left(1 + h_{t,k}^2\right) W_{ki}", "sign flip in tanh'", "(1 + h_{t,k}^2) W_ki",
    lambda e: (1 + e["h"][e["k"]] ** 2) * e["W"][e["k"], e["i"]], W)

T = "dh_dW"
add(P, T, r"\delta_{ki}\left(1 - h_{t,k}^2\right) h_{t-1,j}", "Kronecker delta", "delta_ki (1 - h_{t,k}^2) h_{t-1,j}",
    lambda e: d(e["k"], e["i"]) * (1 - e["h"][e["k"]] ** 2) * e["hp"][e["j"]], R)
add(P, T, r"\frac{\partial h_{t,k}}{\partial W_{ij}} = [i = k]\,(1 - h_{t,i}^2)\, h_{t-1,j}", "lhs, Iverson, h_{t,i}",
    "[i=k] (1 - h_{t,i}^2) h_{t-1,j}", lambda e: d(e["i"], e["k"]) * (1 - e["h"][e["i"]] ** 2) * e["hp"][e["j"]], R)
add(P, T, r"\begin{cases} \left(1 - \tanh^2(a_{t,k})\right) h_{t-1,j} & k = i \\ 0 & k \neq i \end{cases}", "cases, tanh",
    "(1 - tanh^2(a_{t,k})) h_{t-1,j} if k=i else 0",
    lambda e: (1 - math.tanh(e["a"][e["k"]]) ** 2) * e["hp"][e["j"]] if e["k"] == e["i"] else 0.0, R)
add(P, T, r"\mathbb{1}[k=i]\, h^{(t-1)}_j \left(1 - \left(h^{(t)}_k\right)^2\right)", "indicator, superscript (t)",
    "1[k=i] h_j^(t-1) (1 - (h_k^(t))^2)", lambda e: d(e["k"], e["i"]) * e["hp"][e["j"]] * (1 - e["h"][e["k"]] ** 2), R)
add(P, T, r"\delta_{ik}\operatorname{sech}^2(a_{t,i})\, h_{t-1,j}", "sech^2", "delta_ik sech^2(a_{t,i}) h_{t-1,j}",
    lambda e: d(e["i"], e["k"]) / math.cosh(e["a"][e["i"]]) ** 2 * e["hp"][e["j"]], R)
add(P, T, r"\left(1 - h_{t,k}^2\right) h_{t-1,j}", "missing Kronecker delta", "(1 - h_{t,k}^2) h_{t-1,j}",
    lambda e: (1 - e["h"][e["k"]] ** 2) * e["hp"][e["j"]], W)
add(P, T, r"\delta_{ki}\left(1 - h_{t,k}^2\right) h_{t-1,i}", "wrong index on h_{t-1}",
    "delta_ki (1 - h_{t,k}^2) h_{t-1,i}", lambda e: d(e["k"], e["i"]) * (1 - e["h"][e["k"]] ** 2) * e["hp"][e["i"]], W)
add(P, T, r"\delta_{ki}\, h_{t-1,j}", "dropped the tanh' factor", "delta_ki h_{t-1,j}",
    lambda e: d(e["k"], e["i"]) * e["hp"][e["j"]], W)
add(P, T, r"\delta_{kj}\left(1 - h_{t,k}^2\right) h_{t-1,i}", "swapped i and j",
    "delta_kj (1 - h_{t,k}^2) h_{t-1,i}", lambda e: d(e["k"], e["j"]) * (1 - e["h"][e["k"]] ** 2) * e["hp"][e["i"]], W)

T = "dh_dhprev_matrix"
add(P, T, r"\operatorname{diag}\left(1 - h_t \odot h_t\right) W", "diag of 1 - h odot h",
    "diag(1 - h_t*h_t) W", lambda e: np.diag(1 - e["Hv"] ** 2) @ e["Wm"], R)
add(P, T, r"\frac{\partial h_t}{\partial h_{t-1}} = \mathrm{diag}\left(1 - h_t^2\right) W", "lhs, elementwise square",
    "diag(1 - h_t^2) W", lambda e: np.diag(1 - e["Hv"] ** 2) @ e["Wm"], R)
add(P, T, r"W^\top \operatorname{diag}\left(1 - h_t \odot h_t\right)", "transposed", "W^T diag(1 - h_t*h_t)",
    lambda e: e["Wm"].T @ np.diag(1 - e["Hv"] ** 2), W)
add(P, T, r"W", "dropped the tanh' factor", "W", lambda e: e["Wm"].copy(), W)
add(P, T, r"\operatorname{diag}\left(1 - h_{t-1} \odot h_{t-1}\right) W", "tanh' at the previous state",
    "diag(1 - h_{t-1}*h_{t-1}) W", lambda e: np.diag(1 - e["Hpv"] ** 2) @ e["Wm"], W)

# ===========================================================================
# momentum   env: t, mu, eta, g, th0
# ===========================================================================
P = "momentum"


def geo(mu, lo, hi, f=lambda k: 1.0):
    return sum(f(k) * mu ** k for k in range(lo, hi + 1))


T = "v_closed"
add(P, T, r"v_t = g\frac{1-\mu^t}{1-\mu}", "lhs, geometric sum", "g (1 - mu^t)/(1 - mu)",
    lambda e: e["g"] * (1 - e["mu"] ** e["t"]) / (1 - e["mu"]), R)
add(P, T, r"\frac{g(1-\mu^{t})}{1-\mu}", "single fraction", "g (1 - mu^t)/(1 - mu)",
    lambda e: e["g"] * (1 - e["mu"] ** e["t"]) / (1 - e["mu"]), R)
add(P, T, r"g\sum_{k=0}^{t-1}\mu^k", "unsummed geometric series", "g sum_{k=0}^{t-1} mu^k",
    lambda e: e["g"] * geo(e["mu"], 0, e["t"] - 1), R)
add(P, T, r"\frac{g - g\mu^t}{1-\mu}", "expanded numerator", "(g - g mu^t)/(1 - mu)",
    lambda e: (e["g"] - e["g"] * e["mu"] ** e["t"]) / (1 - e["mu"]), R)
add(P, T, r"\frac{g\left(\mu^t - 1\right)}{\mu - 1}", "signs flipped top and bottom", "g (mu^t - 1)/(mu - 1)",
    lambda e: e["g"] * (e["mu"] ** e["t"] - 1) / (e["mu"] - 1), R)
add(P, T, r"\sum_{k=1}^{t}\mu^{t-k}\,g", "unrolled sum", "sum_{k=1}^t mu^{t-k} g",
    lambda e: sum(e["mu"] ** (e["t"] - k) * e["g"] for k in rng1(e["t"])), R)
add(P, T, r"g\frac{1-\mu^{t+1}}{1-\mu}", "off by one in the exponent", "g (1 - mu^{t+1})/(1 - mu)",
    lambda e: e["g"] * (1 - e["mu"] ** (e["t"] + 1)) / (1 - e["mu"]), W)
add(P, T, r"g\sum_{k=0}^{t}\mu^k", "off-by-one upper bound", "g sum_{k=0}^{t} mu^k",
    lambda e: e["g"] * geo(e["mu"], 0, e["t"]), W)
add(P, T, r"\frac{g}{1-\mu}", "gave the limit", "g/(1 - mu)", lambda e: e["g"] / (1 - e["mu"]), W)
add(P, T, r"\mu^{t} g", "only the decay", "mu^t g", lambda e: e["mu"] ** e["t"] * e["g"], W)
add(P, T, r"\frac{g(1-\mu^t)}{1+\mu}", "wrong sign in the denominator", "g (1 - mu^t)/(1 + mu)",
    lambda e: e["g"] * (1 - e["mu"] ** e["t"]) / (1 + e["mu"]), W)

T = "theta_closed"


def hb(e, mu_factor=1.0, transient=True):
    mu, t = e["mu"], e["t"]
    tr = mu_factor * (1 - mu ** t) / (1 - mu) ** 2 if transient else 0.0
    return e["th0"] - e["eta"] * e["g"] * (t / (1 - mu) - tr)


add(P, T, r"\theta_t = \theta_0 - \frac{\eta g}{1-\mu}\left(t - \frac{\mu(1-\mu^t)}{1-\mu}\right)", "lhs, factored",
    "th0 - eta g/(1-mu) (t - mu(1-mu^t)/(1-mu))", lambda e: hb(e, e["mu"]), R)
add(P, T, r"\theta_0 - \eta g\sum_{k=1}^{t}\frac{1-\mu^k}{1-\mu}", "sum of velocities",
    "th0 - eta g sum_{k=1}^t (1-mu^k)/(1-mu)",
    lambda e: e["th0"] - e["eta"] * e["g"] * sum((1 - e["mu"] ** k) / (1 - e["mu"]) for k in rng1(e["t"])), R)
add(P, T, r"\theta_0 - \frac{\eta g t}{1-\mu} + \frac{\eta g \mu (1-\mu^t)}{(1-\mu)^2}", "expanded",
    "th0 - eta g t/(1-mu) + eta g mu (1-mu^t)/(1-mu)^2", lambda e: hb(e, e["mu"]), R)
add(P, T, r"\theta_0 - \eta g\,\frac{t(1-\mu) - \mu + \mu^{t+1}}{(1-\mu)^2}", "single fraction",
    "th0 - eta g (t(1-mu) - mu + mu^{t+1})/(1-mu)^2",
    lambda e: e["th0"] - e["eta"] * e["g"] * (e["t"] * (1 - e["mu"]) - e["mu"] + e["mu"] ** (e["t"] + 1)) / (1 - e["mu"]) ** 2, R)
add(P, T, r"\theta_0 - \eta g\sum_{k=0}^{t}\frac{1-\mu^k}{1-\mu}", "sum from 0 (the k = 0 term is 0)",
    "th0 - eta g sum_{k=0}^t (1-mu^k)/(1-mu)",
    lambda e: e["th0"] - e["eta"] * e["g"] * sum((1 - e["mu"] ** k) / (1 - e["mu"]) for k in range(0, e["t"] + 1)), R)
add(P, T, r"\theta_0 - \frac{\eta g t}{1-\mu}", "dropped the transient", "th0 - eta g t/(1-mu)",
    lambda e: hb(e, transient=False), W)
add(P, T, r"\theta_0 - \eta g\frac{1-\mu^t}{1-\mu}", "one step of the last velocity", "th0 - eta g (1-mu^t)/(1-mu)",
    lambda e: e["th0"] - e["eta"] * e["g"] * (1 - e["mu"] ** e["t"]) / (1 - e["mu"]), W)
add(P, T, r"\theta_0 + \frac{\eta g}{1-\mu}\left(t - \frac{\mu(1-\mu^t)}{1-\mu}\right)", "sign flip",
    "th0 + eta g/(1-mu) (t - mu(1-mu^t)/(1-mu))",
    lambda e: 2 * e["th0"] - hb(e, e["mu"]), W)
add(P, T, r"\theta_0 - \eta g\sum_{k=1}^{t-1}\frac{1-\mu^k}{1-\mu}", "off-by-one upper bound",
    "th0 - eta g sum_{k=1}^{t-1} (1-mu^k)/(1-mu)",
    lambda e: e["th0"] - e["eta"] * e["g"] * sum((1 - e["mu"] ** k) / (1 - e["mu"]) for k in range(1, e["t"])), W)
add(P, T, r"\theta_0 - \frac{\eta g}{1-\mu}\left(t - \frac{1-\mu^t}{1-\mu}\right)", "missing the factor mu",
    "th0 - eta g/(1-mu) (t - (1-mu^t)/(1-mu))", lambda e: hb(e, 1.0), W)

T = "v_limit"
add(P, T, r"\frac{g}{1-\mu}", "bare", "g/(1 - mu)", lambda e: e["g"] / (1 - e["mu"]), R)
add(P, T, r"\lim_{t\to\infty} v_t = \frac{g}{1-\mu}", "lhs with lim", "g/(1 - mu)", lambda e: e["g"] / (1 - e["mu"]), R)
add(P, T, r"g/(1-\mu)", "slash", "g/(1 - mu)", lambda e: e["g"] / (1 - e["mu"]), R)
add(P, T, r"-\frac{g}{\mu - 1}", "minus over mu - 1", "-g/(mu - 1)", lambda e: -e["g"] / (e["mu"] - 1), R)
add(P, T, r"g\sum_{k=0}^{\infty}\mu^k", "infinite geometric series", "g sum_{k>=0} mu^k = g/(1-mu) for 0<mu<1",
    lambda e: e["g"] / (1 - e["mu"]), R)
add(P, T, r"\frac{g}{1+\mu}", "wrong sign", "g/(1 + mu)", lambda e: e["g"] / (1 + e["mu"]), W)
add(P, T, r"\frac{\mu g}{1-\mu}", "extra mu", "mu g/(1 - mu)", lambda e: e["mu"] * e["g"] / (1 - e["mu"]), W)
add(P, T, r"0", "thought the velocity decays", "0", lambda e: 0.0, W)
add(P, T, r"\frac{g}{(1-\mu)^2}", "wrong power", "g/(1 - mu)^2", lambda e: e["g"] / (1 - e["mu"]) ** 2, W)

T = "nesterov_theta_closed"


def nes(e, mu_pow=2):
    mu, t = e["mu"], e["t"]
    return e["th0"] - e["eta"] * e["g"] * (t / (1 - mu) - mu ** mu_pow * (1 - mu ** t) / (1 - mu) ** 2)


add(P, T, r"\theta^{\mathrm{N}}_t = \theta_0 - \eta g\left(\frac{t}{1-\mu} - \frac{\mu^2(1-\mu^t)}{(1-\mu)^2}\right)", "lhs as in the engine",
    "th0 - eta g (t/(1-mu) - mu^2 (1-mu^t)/(1-mu)^2)", lambda e: nes(e), R)
add(P, T, r"\theta_0 - \eta\sum_{k=1}^{t}\left(g + \mu g\frac{1-\mu^k}{1-\mu}\right)", "sum of the Nesterov steps",
    "th0 - eta sum_{k=1}^t (g + mu g (1-mu^k)/(1-mu))",
    lambda e: e["th0"] - e["eta"] * sum(e["g"] + e["mu"] * e["g"] * (1 - e["mu"] ** k) / (1 - e["mu"]) for k in rng1(e["t"])), R)
add(P, T, r"\theta_0 - \eta g \sum_{k=1}^{t}\frac{1-\mu^{k+1}}{1-\mu}", "steps simplified to (1-mu^{k+1})/(1-mu)",
    "th0 - eta g sum_{k=1}^t (1-mu^{k+1})/(1-mu)",
    lambda e: e["th0"] - e["eta"] * e["g"] * sum((1 - e["mu"] ** (k + 1)) / (1 - e["mu"]) for k in rng1(e["t"])), R)
add(P, T, r"\theta_0 - \frac{\eta g t}{1-\mu} + \frac{\eta g\mu^2(1-\mu^t)}{(1-\mu)^2}", "expanded",
    "th0 - eta g t/(1-mu) + eta g mu^2 (1-mu^t)/(1-mu)^2", lambda e: nes(e), R)
add(P, T, r"\theta_0 - \frac{\eta g}{1-\mu}\left(t - \frac{\mu^{2} - \mu^{t+2}}{1-\mu}\right)", "factored, mu^{t+2}",
    "th0 - eta g/(1-mu) (t - (mu^2 - mu^{t+2})/(1-mu))",
    lambda e: e["th0"] - e["eta"] * e["g"] / (1 - e["mu"]) * (e["t"] - (e["mu"] ** 2 - e["mu"] ** (e["t"] + 2)) / (1 - e["mu"])), R)
add(P, T, r"\theta_0 - \eta g\left(\frac{t}{1-\mu} - \frac{\mu(1-\mu^t)}{(1-\mu)^2}\right)", "heavy-ball result reused",
    "th0 - eta g (t/(1-mu) - mu (1-mu^t)/(1-mu)^2)", lambda e: nes(e, 1), W)
add(P, T, r"\theta_0 - \eta g \sum_{k=1}^{t}\frac{1-\mu^{k}}{1-\mu}", "dropped the extra g of the look-ahead",
    "th0 - eta g sum_{k=1}^t (1-mu^k)/(1-mu)",
    lambda e: e["th0"] - e["eta"] * e["g"] * sum((1 - e["mu"] ** k) / (1 - e["mu"]) for k in rng1(e["t"])), W)
add(P, T, r"\theta_0 - \frac{\eta g t}{1-\mu}", "dropped the transient", "th0 - eta g t/(1-mu)",
    lambda e: e["th0"] - e["eta"] * e["g"] * e["t"] / (1 - e["mu"]), W)
add(P, T, r"\theta_0 - \eta \mu g\sum_{k=1}^{t}\frac{1-\mu^k}{1-\mu}", "only the mu v_t part of the step",
    "th0 - eta mu g sum_{k=1}^t (1-mu^k)/(1-mu)",
    lambda e: e["th0"] - e["eta"] * e["mu"] * e["g"] * sum((1 - e["mu"] ** k) / (1 - e["mu"]) for k in rng1(e["t"])), W)

# ===========================================================================
# gelu_silu   env: u (dgelu_du, dsilu_du);  n, k, i, x, y (dy_dx)
# ===========================================================================
P = "gelu_silu"
T = "dgelu_du"


def Phi(u):
    return 0.5 * (1 + math.erf(u / math.sqrt(2)))


add(P, T, r"\frac{1}{2}\left(1 + \operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right) + \frac{u}{\sqrt{2\pi}}e^{-u^2/2}", "erf, e^{}",
    "(1 + erf(u/sqrt2))/2 + u e^{-u^2/2}/sqrt(2 pi)",
    lambda e: Phi(e["u"]) + e["u"] / math.sqrt(2 * math.pi) * math.exp(-e["u"] ** 2 / 2), R)
add(P, T, r"\frac{d}{du}\mathrm{GELU}(u) = \frac{1 + \mathrm{erf}(u/\sqrt{2})}{2} + \frac{u}{\sqrt{2\pi}}\exp\left(-\frac{u^2}{2}\right)", "lhs d/du, mathrm erf, exp",
    "same", lambda e: Phi(e["u"]) + e["u"] / math.sqrt(2 * math.pi) * math.exp(-e["u"] ** 2 / 2), R)
add(P, T, r"\Phi(u) + \frac{u\, e^{-u^2/2}}{\sqrt{2\pi}}", "Phi from the statement",
    "Phi(u) + u e^{-u^2/2}/sqrt(2 pi)",
    lambda e: Phi(e["u"]) + e["u"] * math.exp(-e["u"] ** 2 / 2) / math.sqrt(2 * math.pi), R)
add(P, T, r"\frac{1}{2} + \frac{1}{2}\operatorname{erf}\left(\frac{u}{\sqrt{2}}\right) + \frac{u}{2}\cdot\frac{2}{\sqrt{\pi}}e^{-u^2/2}\cdot\frac{1}{\sqrt{2}}", "product and chain rule unsimplified",
    "1/2 + erf(u/sqrt2)/2 + (u/2)(2/sqrt pi) e^{-u^2/2} (1/sqrt2)",
    lambda e: 0.5 + 0.5 * math.erf(e["u"] / math.sqrt(2)) + e["u"] / 2 * 2 / math.sqrt(math.pi) * math.exp(-e["u"] ** 2 / 2) / math.sqrt(2), R)
add(P, T, r"\frac{1}{2}\left(1 + \operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right)", "dropped the product-rule term",
    "(1 + erf(u/sqrt2))/2", lambda e: Phi(e["u"]), W)
add(P, T, r"\frac{1}{2}\left(1 + \operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right) + \frac{u}{\sqrt{\pi}}e^{-u^2/2}", "forgot the inner 1/sqrt2",
    "(1 + erf(u/sqrt2))/2 + u e^{-u^2/2}/sqrt(pi)",
    lambda e: Phi(e["u"]) + e["u"] / math.sqrt(math.pi) * math.exp(-e["u"] ** 2 / 2), W)
add(P, T, r"\frac{1}{2}\left(1 + \operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right) + \frac{u}{\sqrt{2\pi}}e^{-u^2}", "wrong power in the Gaussian",
    "(1 + erf(u/sqrt2))/2 + u e^{-u^2}/sqrt(2 pi)",
    lambda e: Phi(e["u"]) + e["u"] / math.sqrt(2 * math.pi) * math.exp(-e["u"] ** 2), W)
add(P, T, r"\frac{u}{\sqrt{2\pi}}e^{-u^2/2}", "only the product-rule term", "u e^{-u^2/2}/sqrt(2 pi)",
    lambda e: e["u"] / math.sqrt(2 * math.pi) * math.exp(-e["u"] ** 2 / 2), W)
add(P, T, r"\frac{1}{2}\left(1 + \operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right) - \frac{u}{\sqrt{2\pi}}e^{-u^2/2}", "sign flip",
    "(1 + erf(u/sqrt2))/2 - u e^{-u^2/2}/sqrt(2 pi)",
    lambda e: Phi(e["u"]) - e["u"] / math.sqrt(2 * math.pi) * math.exp(-e["u"] ** 2 / 2), W)

T = "dsilu_du"
add(P, T, r"\sigma(u) + u\,\sigma(u)(1-\sigma(u))", "sigma(1-sigma)", "sig(u) + u sig(u)(1 - sig(u))",
    lambda e: sig(e["u"]) + e["u"] * sig(e["u"]) * (1 - sig(e["u"])), R)
add(P, T, r"\frac{d\,\mathrm{SiLU}}{du} = \sigma(u)\left(1 + u\left(1 - \sigma(u)\right)\right)", "lhs, factored",
    "sig(u)(1 + u(1 - sig(u)))", lambda e: sig(e["u"]) * (1 + e["u"] * (1 - sig(e["u"]))), R)
add(P, T, r"\frac{1}{1+e^{-u}} + \frac{u e^{-u}}{(1+e^{-u})^2}", "written out with e^{-u}",
    "1/(1+e^-u) + u e^-u/(1+e^-u)^2",
    lambda e: 1 / (1 + math.exp(-e["u"])) + e["u"] * math.exp(-e["u"]) / (1 + math.exp(-e["u"])) ** 2, R)
add(P, T, r"\mathrm{SiLU}(u) + \sigma(u)\left(1 - \mathrm{SiLU}(u)\right)", "in terms of SiLU itself",
    "SiLU(u) + sig(u)(1 - SiLU(u))",
    lambda e: e["u"] * sig(e["u"]) + sig(e["u"]) * (1 - e["u"] * sig(e["u"])), R)
add(P, T, r"\frac{1 + e^{-u} + u e^{-u}}{\left(1 + e^{-u}\right)^2}", "single fraction",
    "(1 + e^-u + u e^-u)/(1 + e^-u)^2",
    lambda e: (1 + math.exp(-e["u"]) + e["u"] * math.exp(-e["u"])) / (1 + math.exp(-e["u"])) ** 2, R)
add(P, T, r"\sigma(u)(1-\sigma(u))", "derivative of sigma only", "sig(u)(1 - sig(u))",
    lambda e: sig(e["u"]) * (1 - sig(e["u"])), W)
add(P, T, r"u\,\sigma(u)(1-\sigma(u))", "dropped the product-rule term sigma(u)", "u sig(u)(1 - sig(u))",
    lambda e: e["u"] * sig(e["u"]) * (1 - sig(e["u"])), W)
add(P, T, r"\sigma(u) - u\,\sigma(u)(1-\sigma(u))", "sign flip", "sig(u) - u sig(u)(1 - sig(u))",
    lambda e: sig(e["u"]) - e["u"] * sig(e["u"]) * (1 - sig(e["u"])), W)
add(P, T, r"\sigma(u) + u\,\sigma(u)(1+\sigma(u))", "wrong sigma derivative", "sig(u) + u sig(u)(1 + sig(u))",
    lambda e: sig(e["u"]) + e["u"] * sig(e["u"]) * (1 + sig(e["u"])), W)

T = "dy_dx"


def silu_p(v):
    return sig(v) + v * sig(v) * (1 - sig(v))


add(P, T, r"\delta_{ik}\left(\sigma(x_k) + x_k\sigma(x_k)(1-\sigma(x_k))\right)", "delta, sigma(1-sigma)",
    "delta_ik (sig(x_k) + x_k sig(x_k)(1 - sig(x_k)))", lambda e: d(e["i"], e["k"]) * silu_p(e["x"][e["k"]]), R)
add(P, T, r"\frac{\partial y_k}{\partial x_i} = [i=k]\,\sigma(x_i)\left(1 + x_i(1-\sigma(x_i))\right)", "lhs, Iverson, x_i inside",
    "[i=k] sig(x_i)(1 + x_i (1 - sig(x_i)))",
    lambda e: d(e["i"], e["k"]) * sig(e["x"][e["i"]]) * (1 + e["x"][e["i"]] * (1 - sig(e["x"][e["i"]]))), R)
add(P, T, r"\delta_{ki}\left(\sigma(x_k) + y_k\left(1 - \sigma(x_k)\right)\right)", "y_k by name",
    "delta_ki (sig(x_k) + y_k (1 - sig(x_k)))",
    lambda e: d(e["k"], e["i"]) * (sig(e["x"][e["k"]]) + e["y"][e["k"]] * (1 - sig(e["x"][e["k"]]))), R)
add(P, T, r"\begin{cases} \sigma(x_k) + x_k\sigma(x_k)\left(1-\sigma(x_k)\right) & i = k \\ 0 & i \neq k \end{cases}", "cases",
    "sig(x_k) + x_k sig(x_k)(1 - sig(x_k)) if i=k else 0",
    lambda e: silu_p(e["x"][e["k"]]) if e["i"] == e["k"] else 0.0, R)
add(P, T, r"\delta_{ik}\left(\frac{1}{1+e^{-x_k}} + \frac{x_k e^{-x_k}}{(1+e^{-x_k})^2}\right)", "written out with e^{}",
    "delta_ik (1/(1+e^-x_k) + x_k e^-x_k/(1+e^-x_k)^2)",
    lambda e: d(e["i"], e["k"]) * (1 / (1 + math.exp(-e["x"][e["k"]]))
                                   + e["x"][e["k"]] * math.exp(-e["x"][e["k"]]) / (1 + math.exp(-e["x"][e["k"]])) ** 2), R)
add(P, T, r"\sigma(x_k) + x_k\sigma(x_k)(1-\sigma(x_k))", "missing Kronecker delta",
    "sig(x_k) + x_k sig(x_k)(1 - sig(x_k))", lambda e: silu_p(e["x"][e["k"]]), W)
add(P, T, r"\delta_{ik}\,\sigma(x_k)(1-\sigma(x_k))", "derivative of sigma only",
    "delta_ik sig(x_k)(1 - sig(x_k))", lambda e: d(e["i"], e["k"]) * sig(e["x"][e["k"]]) * (1 - sig(e["x"][e["k"]])), W)
add(P, T, r"\delta_{ik}\,\sigma(x_k)", "treated sigma(x_k) as a constant", "delta_ik sig(x_k)",
    lambda e: d(e["i"], e["k"]) * sig(e["x"][e["k"]]), W)
add(P, T, r"\delta_{ik}\left(\sigma(x_k) + x_k(1-\sigma(x_k))\right)", "dropped a sigma factor",
    "delta_ik (sig(x_k) + x_k (1 - sig(x_k)))",
    lambda e: d(e["i"], e["k"]) * (sig(e["x"][e["k"]]) + e["x"][e["k"]] * (1 - sig(e["x"][e["k"]]))), W)

# ===========================================================================
# rmsnorm   env: n, i, j, x, g, y, G (= dL/dy_j), r, eps
# ===========================================================================
P = "rmsnorm"
T = "dy_dx"
add(P, T, r"\frac{g_j}{r}\left(\delta_{ij} - \frac{x_i x_j}{n r^2}\right)", "factored, delta",
    "g_j/r (delta_ij - x_i x_j/(n r^2))",
    lambda e: e["g"][e["j"]] / e["r"] * (d(e["i"], e["j"]) - e["x"][e["i"]] * e["x"][e["j"]] / (e["n"] * e["r"] ** 2)), R)
add(P, T, r"\frac{\partial y_j}{\partial x_i} = \frac{g_j\delta_{ij}}{r} - \frac{g_j x_i x_j}{n r^3}", "lhs, expanded",
    "g_j delta_ij/r - g_j x_i x_j/(n r^3)",
    lambda e: e["g"][e["j"]] * d(e["i"], e["j"]) / e["r"] - e["g"][e["j"]] * e["x"][e["i"]] * e["x"][e["j"]] / (e["n"] * e["r"] ** 3), R)
add(P, T, r"\frac{g_j}{r}\left([i=j] - \frac{x_i x_j}{\sum_{l=1}^{n} x_l^2 + n\epsilon}\right)", "Iverson, n r^2 written out",
    "g_j/r ([i=j] - x_i x_j/(sum_l x_l^2 + n eps))",
    lambda e: e["g"][e["j"]] / e["r"] * (d(e["i"], e["j"]) - e["x"][e["i"]] * e["x"][e["j"]]
                                         / (sum(e["x"][l] ** 2 for l in rng1(e["n"])) + e["n"] * e["eps"])), R)
add(P, T, r"\frac{g_j\,\delta_{ij}}{r} - \frac{x_i\, y_j}{n r^2}", "y_j by name",
    "g_j delta_ij/r - x_i y_j/(n r^2)",
    lambda e: e["g"][e["j"]] * d(e["i"], e["j"]) / e["r"] - e["x"][e["i"]] * e["y"][e["j"]] / (e["n"] * e["r"] ** 2), R)
add(P, T, r"\frac{g_j\delta_{ij}}{\sqrt{\frac{1}{n}\sum_{l=1}^{n} x_l^2 + \varepsilon}} - \frac{g_j x_i x_j}{n\left(\frac{1}{n}\sum_{l=1}^{n} x_l^2 + \varepsilon\right)^{3/2}}", "r written out, varepsilon",
    "g_j delta_ij/sqrt(ms + eps) - g_j x_i x_j/(n (ms + eps)^{3/2})",
    lambda e: e["g"][e["j"]] * d(e["i"], e["j"]) / math.sqrt(sum(e["x"][l] ** 2 for l in rng1(e["n"])) / e["n"] + e["eps"])
    - e["g"][e["j"]] * e["x"][e["i"]] * e["x"][e["j"]] / (e["n"] * (sum(e["x"][l] ** 2 for l in rng1(e["n"])) / e["n"] + e["eps"]) ** 1.5), R)
add(P, T, r"\frac{g_j\delta_{ij}}{r}", "treated r as a constant", "g_j delta_ij/r",
    lambda e: e["g"][e["j"]] * d(e["i"], e["j"]) / e["r"], W)
add(P, T, r"\frac{g_j}{r}\left(\delta_{ij} - \frac{x_i x_j}{r^2}\right)", "missing 1/n", "g_j/r (delta_ij - x_i x_j/r^2)",
    lambda e: e["g"][e["j"]] / e["r"] * (d(e["i"], e["j"]) - e["x"][e["i"]] * e["x"][e["j"]] / e["r"] ** 2), W)
add(P, T, r"\frac{g_j\delta_{ij}}{r} - \frac{g_j x_i x_j}{n r^2}", "wrong power of r", "g_j delta_ij/r - g_j x_i x_j/(n r^2)",
    lambda e: e["g"][e["j"]] * d(e["i"], e["j"]) / e["r"] - e["g"][e["j"]] * e["x"][e["i"]] * e["x"][e["j"]] / (e["n"] * e["r"] ** 2), W)
add(P, T, r"\frac{g_i}{r}\left(\delta_{ij} - \frac{x_i x_j}{n r^2}\right)", "gain with the wrong index",
    "g_i/r (delta_ij - x_i x_j/(n r^2))",
    lambda e: e["g"][e["i"]] / e["r"] * (d(e["i"], e["j"]) - e["x"][e["i"]] * e["x"][e["j"]] / (e["n"] * e["r"] ** 2)), W)
add(P, T, r"\frac{g_j}{r}\left(\delta_{ij} + \frac{x_i x_j}{n r^2}\right)", "sign flip", "g_j/r (delta_ij + x_i x_j/(n r^2))",
    lambda e: e["g"][e["j"]] / e["r"] * (d(e["i"], e["j"]) + e["x"][e["i"]] * e["x"][e["j"]] / (e["n"] * e["r"] ** 2)), W)

T = "dL_dx"


def rms_sum(e):
    return sum(e["g"][j] * e["x"][j] * e["G"][j] for j in rng1(e["n"]))


add(P, T, r"\frac{\partial L}{\partial x_i} = \frac{g_i}{r}\frac{\partial L}{\partial y_i} - \frac{x_i}{n r^3}\sum_{j=1}^{n} g_j x_j \frac{\partial L}{\partial y_j}", "lhs, two terms",
    "g_i G_i/r - x_i/(n r^3) sum_j g_j x_j G_j",
    lambda e: e["g"][e["i"]] * e["G"][e["i"]] / e["r"] - e["x"][e["i"]] / (e["n"] * e["r"] ** 3) * rms_sum(e), R)
add(P, T, r"\frac{1}{r}\left(g_i\frac{\partial L}{\partial y_i} - \frac{x_i}{n r^2}\sum_{j} g_j x_j \frac{\partial L}{\partial y_j}\right)", "1/r factored, unbounded sum",
    "(1/r)(g_i G_i - x_i/(n r^2) sum_j g_j x_j G_j)",
    lambda e: (e["g"][e["i"]] * e["G"][e["i"]] - e["x"][e["i"]] / (e["n"] * e["r"] ** 2) * rms_sum(e)) / e["r"], R)
add(P, T, r"\frac{g_i}{r}\frac{\partial L}{\partial y_i} - \frac{x_i}{n r^2}\sum_{j=1}^{n} y_j \frac{\partial L}{\partial y_j}", "y_j by name",
    "g_i G_i/r - x_i/(n r^2) sum_j y_j G_j",
    lambda e: e["g"][e["i"]] * e["G"][e["i"]] / e["r"] - e["x"][e["i"]] / (e["n"] * e["r"] ** 2) * sum(e["y"][j] * e["G"][j] for j in rng1(e["n"])), R)
add(P, T, r"\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\, g_j\left(\frac{\delta_{ij}}{r} - \frac{x_i x_j}{n r^3}\right)", "Jacobian inside the sum",
    "sum_j G_j g_j (delta_ij/r - x_i x_j/(n r^3))",
    lambda e: sum(e["G"][j] * e["g"][j] * (d(e["i"], j) / e["r"] - e["x"][e["i"]] * e["x"][j] / (e["n"] * e["r"] ** 3)) for j in rng1(e["n"])), R)
add(P, T, r"g_i\,\partial L/\partial y_i \cdot r^{-1} - x_i\, r^{-3} n^{-1} \sum_{j=1}^{n} g_j x_j\, \partial L/\partial y_j", "negative powers, slash partials",
    "g_i G_i r^-1 - x_i r^-3 n^-1 sum_j g_j x_j G_j",
    lambda e: e["g"][e["i"]] * e["G"][e["i"]] / e["r"] - e["x"][e["i"]] / e["r"] ** 3 / e["n"] * rms_sum(e), R)
add(P, T, r"\frac{g_i}{r}\frac{\partial L}{\partial y_i}", "only the direct term", "g_i G_i/r",
    lambda e: e["g"][e["i"]] * e["G"][e["i"]] / e["r"], W)
add(P, T, r"\frac{g_i}{r}\frac{\partial L}{\partial y_i} - \frac{x_i}{r^3}\sum_{j=1}^{n} g_j x_j \frac{\partial L}{\partial y_j}", "missing 1/n",
    "g_i G_i/r - x_i/r^3 sum_j g_j x_j G_j",
    lambda e: e["g"][e["i"]] * e["G"][e["i"]] / e["r"] - e["x"][e["i"]] / e["r"] ** 3 * rms_sum(e), W)
add(P, T, r"\frac{g_i}{r}\frac{\partial L}{\partial y_i} - \frac{x_i}{n r^2}\sum_{j=1}^{n} g_j x_j \frac{\partial L}{\partial y_j}", "wrong power of r",
    "g_i G_i/r - x_i/(n r^2) sum_j g_j x_j G_j",
    lambda e: e["g"][e["i"]] * e["G"][e["i"]] / e["r"] - e["x"][e["i"]] / (e["n"] * e["r"] ** 2) * rms_sum(e), W)
add(P, T, r"\frac{g_i}{r}\frac{\partial L}{\partial y_i} - \frac{g_i x_i}{n r^3}\sum_{j=1}^{n} x_j \frac{\partial L}{\partial y_j}", "gain with the wrong index in the sum",
    "g_i G_i/r - g_i x_i/(n r^3) sum_j x_j G_j",
    lambda e: e["g"][e["i"]] * e["G"][e["i"]] / e["r"] - e["g"][e["i"]] * e["x"][e["i"]] / (e["n"] * e["r"] ** 3) * sum(e["x"][j] * e["G"][j] for j in rng1(e["n"])), W)
add(P, T, r"\frac{1}{r}\frac{\partial L}{\partial y_i} - \frac{x_i}{n r^3}\sum_{j=1}^{n} g_j x_j \frac{\partial L}{\partial y_j}", "missing g_i on the direct term",
    "G_i/r - x_i/(n r^3) sum_j g_j x_j G_j",
    lambda e: e["G"][e["i"]] / e["r"] - e["x"][e["i"]] / (e["n"] * e["r"] ** 3) * rms_sum(e), W)

# ===========================================================================
# conv1d_backward   env: N, K, l or i, X(i), Wk(l), Gy(k) guarded accessors (1-based)
# ===========================================================================
P = "conv1d_backward"
T = "dL_dw"
add(P, T, r"\sum_{k=1}^{N-K+1}\frac{\partial L}{\partial y_k}\, x_{k+l-1}", "bounded sum",
    "sum_{k=1}^{N-K+1} G_k x_{k+l-1}",
    lambda e: sum(e["Gy"](k) * e["X"](k + e["l"] - 1) for k in rng1(e["N"] - e["K"] + 1)), R)
add(P, T, r"\frac{\partial L}{\partial w_l} = \sum_{k} x_{k+l-1}\frac{\partial L}{\partial y_k}", "lhs, unbounded sum over the outputs",
    "sum_k x_{k+l-1} G_k (k over the outputs 1..N-K+1)",
    lambda e: sum(e["X"](k + e["l"] - 1) * e["Gy"](k) for k in rng1(e["N"] - e["K"] + 1)), R)
add(P, T, r"\sum_{i=l}^{N-K+l}\frac{\partial L}{\partial y_{i-l+1}}\, x_i", "reindexed over the input",
    "sum_{i=l}^{N-K+l} G_{i-l+1} x_i",
    lambda e: sum(e["Gy"](i - e["l"] + 1) * e["X"](i) for i in range(e["l"], e["N"] - e["K"] + e["l"] + 1)), R)
add(P, T, r"\sum_{k=1}^{N-K+1} x_{l+k-1} \cdot \partial L/\partial y_k", "slash partial, cdot, l+k-1",
    "sum_k x_{l+k-1} G_k",
    lambda e: sum(e["X"](e["l"] + k - 1) * e["Gy"](k) for k in rng1(e["N"] - e["K"] + 1)), R)
add(P, T, r"\sum_{k=1}^{N-K+1}\sum_{i=1}^{N}\frac{\partial L}{\partial y_k}\, x_i\, \delta_{i,k+l-1}", "double sum with delta",
    "sum_k sum_i G_k x_i delta_{i,k+l-1}",
    lambda e: sum(e["Gy"](k) * e["X"](i) * d(i, k + e["l"] - 1) for k in rng1(e["N"] - e["K"] + 1) for i in rng1(e["N"])), R)
add(P, T, r"\sum_{k=1}^{N-K}\frac{\partial L}{\partial y_k}\, x_{k+l-1}", "off-by-one upper bound",
    "sum_{k=1}^{N-K} G_k x_{k+l-1}",
    lambda e: sum(e["Gy"](k) * e["X"](k + e["l"] - 1) for k in rng1(e["N"] - e["K"])), W)
add(P, T, r"\sum_{k=1}^{N-K+1}\frac{\partial L}{\partial y_k}\, x_{k+l}", "index off by one (x out of range read as 0)",
    "sum_k G_k x_{k+l}",
    lambda e: sum(e["Gy"](k) * e["X"](k + e["l"]) for k in rng1(e["N"] - e["K"] + 1)), W)
add(P, T, r"\sum_{k=1}^{N-K+1}\frac{\partial L}{\partial y_k}\, x_{N-K-k+l+1}", "outputs taken in reverse order (convolution)",
    "sum_k G_k x_{N-K-k+l+1}",
    lambda e: sum(e["Gy"](k) * e["X"](e["N"] - e["K"] - k + e["l"] + 1) for k in rng1(e["N"] - e["K"] + 1)), W)
add(P, T, r"\sum_{k=1}^{N-K+1}\frac{\partial L}{\partial y_k}\, x_k", "forgot the shift by l",
    "sum_k G_k x_k", lambda e: sum(e["Gy"](k) * e["X"](k) for k in rng1(e["N"] - e["K"] + 1)), W)

T = "dL_dx"
add(P, T, r"\sum_{l=\max(1,\,i-N+K)}^{\min(K,\,i)} w_l\,\frac{\partial L}{\partial y_{i-l+1}}", "sum over the kernel, max/min bounds",
    "sum_{l=max(1,i-N+K)}^{min(K,i)} w_l G_{i-l+1}",
    lambda e: sum(e["Wk"](l) * e["Gy"](e["i"] - l + 1) for l in range(max(1, e["i"] - e["N"] + e["K"]), min(e["K"], e["i"]) + 1)), R)
add(P, T, r"\frac{\partial L}{\partial x_i} = \sum_{k=\max(1,\, i-K+1)}^{\min(i,\, N-K+1)}\frac{\partial L}{\partial y_k}\, w_{i-k+1}", "lhs, sum over the outputs",
    "sum_{k=max(1,i-K+1)}^{min(i,N-K+1)} G_k w_{i-k+1}",
    lambda e: sum(e["Gy"](k) * e["Wk"](e["i"] - k + 1) for k in range(max(1, e["i"] - e["K"] + 1), min(e["i"], e["N"] - e["K"] + 1) + 1)), R)
add(P, T, r"\sum_{k=1}^{N-K+1}\sum_{l=1}^{K}\frac{\partial L}{\partial y_k}\, w_l\,\delta_{i,k+l-1}", "double sum with delta",
    "sum_k sum_l G_k w_l delta_{i,k+l-1}",
    lambda e: sum(e["Gy"](k) * e["Wk"](l) * d(e["i"], k + l - 1) for k in rng1(e["N"] - e["K"] + 1) for l in rng1(e["K"])), R)
add(P, T, r"\sum_{k=1}^{N-K+1}\sum_{l=1}^{K} w_l \frac{\partial L}{\partial y_k}\,[k+l-1=i]", "double sum with Iverson bracket",
    "sum_k sum_l w_l G_k [k+l-1=i]",
    lambda e: sum(e["Wk"](l) * e["Gy"](k) * d(k + l - 1, e["i"]) for k in rng1(e["N"] - e["K"] + 1) for l in rng1(e["K"])), R)
add(P, T, r"\sum_{l=1}^{K} w_l\,\frac{\partial L}{\partial y_{i+l-1}}", "correlation instead of convolution (dL/dy out of range read as 0)",
    "sum_l w_l G_{i+l-1}",
    lambda e: sum(e["Wk"](l) * e["Gy"](e["i"] + l - 1) for l in rng1(e["K"])), W)
add(P, T, r"\sum_{k=\max(1,\, i-K+1)}^{\min(i,\, N-K)}\frac{\partial L}{\partial y_k}\, w_{i-k+1}", "off-by-one upper bound",
    "sum_{k=max(1,i-K+1)}^{min(i,N-K)} G_k w_{i-k+1}",
    lambda e: sum(e["Gy"](k) * e["Wk"](e["i"] - k + 1) for k in range(max(1, e["i"] - e["K"] + 1), min(e["i"], e["N"] - e["K"]) + 1)), W)
add(P, T, r"\sum_{l=\max(1,\,i-N+K)}^{\min(K,\,i)} w_{K-l+1}\,\frac{\partial L}{\partial y_{i-l+1}}", "kernel flipped twice",
    "sum_l w_{K-l+1} G_{i-l+1}",
    lambda e: sum(e["Wk"](e["K"] - l + 1) * e["Gy"](e["i"] - l + 1) for l in range(max(1, e["i"] - e["N"] + e["K"]), min(e["K"], e["i"]) + 1)), W)
add(P, T, r"\sum_{k=\max(1,\, i-K+1)}^{\min(i,\, N-K+1)}\frac{\partial L}{\partial y_k}\, x_{i-k+1}", "x instead of w",
    "sum_k G_k x_{i-k+1}",
    lambda e: sum(e["Gy"](k) * e["X"](e["i"] - k + 1) for k in range(max(1, e["i"] - e["K"] + 1), min(e["i"], e["N"] - e["K"] + 1) + 1)), W)

# ===========================================================================
# attention_softmax   env: n, D, i, j, d, q (1-based), Kmat (2-D padded), s, a; Av (0-based)
# ===========================================================================
P = "attention_softmax"
T = "da_ds"


def at_den(e):
    return sum(math.exp(e["s"][l]) for l in rng1(e["n"]))


add(P, T, r"a_j(\delta_{ij} - a_i)", "factored, delta", "a_j (delta_ij - a_i)",
    lambda e: e["a"][e["j"]] * (d(e["i"], e["j"]) - e["a"][e["i"]]), R)
add(P, T, r"\frac{\partial a_j}{\partial s_i} = a_i\left(\delta_{ij} - a_j\right)", "lhs, roles swapped (symmetric)",
    "a_i (delta_ij - a_j)", lambda e: e["a"][e["i"]] * (d(e["i"], e["j"]) - e["a"][e["j"]]), R)
add(P, T, r"a_j\delta_{ij} - a_i a_j", "expanded", "a_j delta_ij - a_i a_j",
    lambda e: e["a"][e["j"]] * d(e["i"], e["j"]) - e["a"][e["i"]] * e["a"][e["j"]], R)
add(P, T, r"\begin{cases} a_j(1-a_j) & i = j \\ -a_i a_j & i \neq j \end{cases}", "cases",
    "a_j(1-a_j) if i=j else -a_i a_j",
    lambda e: e["a"][e["j"]] * (1 - e["a"][e["j"]]) if e["i"] == e["j"] else -e["a"][e["i"]] * e["a"][e["j"]], R)
add(P, T, r"\frac{e^{s_j}}{\sum_{l=1}^{n} e^{s_l}}\left(\mathbb{1}[i=j] - \frac{e^{s_i}}{\sum_{l=1}^{n} e^{s_l}}\right)", "written out, indicator",
    "softmax_j (1[i=j] - softmax_i)",
    lambda e: math.exp(e["s"][e["j"]]) / at_den(e) * (d(e["i"], e["j"]) - math.exp(e["s"][e["i"]]) / at_den(e)), R)
add(P, T, r"a_j(1 - a_i)", "missing Kronecker delta", "a_j (1 - a_i)",
    lambda e: e["a"][e["j"]] * (1 - e["a"][e["i"]]), W)
add(P, T, r"a_j(\delta_{ij} - a_j)", "swapped index in the product", "a_j (delta_ij - a_j)",
    lambda e: e["a"][e["j"]] * (d(e["i"], e["j"]) - e["a"][e["j"]]), W)
add(P, T, r"-a_i a_j", "only the off-diagonal term", "-a_i a_j", lambda e: -e["a"][e["i"]] * e["a"][e["j"]], W)
add(P, T, r"a_j\,\delta_{ij}", "only the diagonal term", "a_j delta_ij", lambda e: e["a"][e["j"]] * d(e["i"], e["j"]), W)
add(P, T, r"a_j(\delta_{ij} + a_i)", "sign flip", "a_j (delta_ij + a_i)",
    lambda e: e["a"][e["j"]] * (d(e["i"], e["j"]) + e["a"][e["i"]]), W)

T = "da_dq"


def at_mean_k(e):
    return sum(e["a"][l] * e["Kmat"][l, e["d"]] for l in rng1(e["n"]))


add(P, T, r"\frac{a_j}{\sqrt{D}}\left(K_{jd} - \sum_{l=1}^{n} a_l K_{ld}\right)", "factored",
    "a_j/sqrt(D) (K_jd - sum_l a_l K_ld)",
    lambda e: e["a"][e["j"]] / math.sqrt(e["D"]) * (e["Kmat"][e["j"], e["d"]] - at_mean_k(e)), R)
add(P, T, r"\frac{\partial a_j}{\partial q_d} = \frac{1}{\sqrt{D}}\sum_{i=1}^{n} a_j\left(\delta_{ij} - a_i\right)K_{id}", "lhs, chain rule through s_i",
    "(1/sqrt D) sum_i a_j (delta_ij - a_i) K_id",
    lambda e: sum(e["a"][e["j"]] * (d(i, e["j"]) - e["a"][i]) * e["Kmat"][i, e["d"]] for i in rng1(e["n"])) / math.sqrt(e["D"]), R)
add(P, T, r"\frac{a_j K_{jd}}{\sqrt{D}} - \frac{a_j}{\sqrt{D}}\sum_{i} a_i K_{id}", "expanded, unbounded sum",
    "a_j K_jd/sqrt D - a_j/sqrt D sum_i a_i K_id",
    lambda e: e["a"][e["j"]] * e["Kmat"][e["j"], e["d"]] / math.sqrt(e["D"]) - e["a"][e["j"]] / math.sqrt(e["D"]) * at_mean_k(e), R)
add(P, T, r"D^{-1/2}\, a_j \left(K_{jd} - \sum_{l=1}^{n} a_l K_{ld}\right)", "negative power",
    "D^{-1/2} a_j (K_jd - sum_l a_l K_ld)",
    lambda e: e["D"] ** -0.5 * e["a"][e["j"]] * (e["Kmat"][e["j"], e["d"]] - at_mean_k(e)), R)
add(P, T, r"\frac{a_j}{\sqrt{D}}\left((1-a_j)K_{jd} - \sum_{l \neq j} a_l K_{ld}\right)", "diagonal split off, sum l != j",
    "a_j/sqrt D ((1-a_j) K_jd - sum_{l!=j} a_l K_ld)",
    lambda e: e["a"][e["j"]] / math.sqrt(e["D"]) * ((1 - e["a"][e["j"]]) * e["Kmat"][e["j"], e["d"]]
                                                    - sum(e["a"][l] * e["Kmat"][l, e["d"]] for l in rng1(e["n"]) if l != e["j"])), R)
add(P, T, r"a_j\left(K_{jd} - \sum_{l=1}^{n} a_l K_{ld}\right)", "missing 1/sqrt(D)",
    "a_j (K_jd - sum_l a_l K_ld)", lambda e: e["a"][e["j"]] * (e["Kmat"][e["j"], e["d"]] - at_mean_k(e)), W)
add(P, T, r"\frac{a_j}{D}\left(K_{jd} - \sum_{l=1}^{n} a_l K_{ld}\right)", "1/D instead of 1/sqrt(D)",
    "a_j/D (K_jd - sum_l a_l K_ld)", lambda e: e["a"][e["j"]] / e["D"] * (e["Kmat"][e["j"], e["d"]] - at_mean_k(e)), W)
add(P, T, r"\frac{a_j(1-a_j)K_{jd}}{\sqrt{D}}", "only the diagonal term",
    "a_j (1-a_j) K_jd/sqrt D", lambda e: e["a"][e["j"]] * (1 - e["a"][e["j"]]) * e["Kmat"][e["j"], e["d"]] / math.sqrt(e["D"]), W)
add(P, T, r"\frac{a_j}{\sqrt{D}}\left(K_{jd} + \sum_{l=1}^{n} a_l K_{ld}\right)", "sign flip",
    "a_j/sqrt D (K_jd + sum_l a_l K_ld)",
    lambda e: e["a"][e["j"]] / math.sqrt(e["D"]) * (e["Kmat"][e["j"], e["d"]] + at_mean_k(e)), W)

T = "da_ds_matrix"
add(P, T, r"\operatorname{diag}(a) - a a^\top", "operatorname diag", "diag(a) - a a^T",
    lambda e: np.diag(e["Av"]) - np.outer(e["Av"], e["Av"]), R)
add(P, T, r"\frac{\partial a}{\partial s} = \mathrm{diag}(a) - a\,a^{T}", "lhs, mathrm", "diag(a) - a a^T",
    lambda e: np.diag(e["Av"]) - np.outer(e["Av"], e["Av"]), R)
add(P, T, r"\operatorname{diag}(a)", "only the diagonal", "diag(a)", lambda e: np.diag(e["Av"]), W)
add(P, T, r"a a^\top - \operatorname{diag}(a)", "sign flip", "a a^T - diag(a)",
    lambda e: np.outer(e["Av"], e["Av"]) - np.diag(e["Av"]), W)


# ---- extra right answers (more styles) ---------------------------------------
P, T = "gelu_silu", "dgelu_du"
add(P, T, r"\frac{1}{2}\left(1+\operatorname{erf}\left(\frac{u}{\sqrt 2}\right)\right) + \frac{u\,e^{-\frac{u^{2}}{2}}}{\sqrt{2}\sqrt{\pi}}", "sqrt 2 sqrt pi split, e^{-frac}",
    "(1 + erf(u/sqrt2))/2 + u e^{-u^2/2}/(sqrt2 sqrt pi)",
    lambda e: Phi(e["u"]) + e["u"] * math.exp(-e["u"] ** 2 / 2) / (math.sqrt(2) * math.sqrt(math.pi)), R)
P, T = "gelu_silu", "dy_dx"
add(P, T, r"\delta_{ik}\,\sigma(x_i)\left(1 + x_i - x_i\sigma(x_i)\right)", "delta, x_i inside, expanded bracket",
    "delta_ik sig(x_i)(1 + x_i - x_i sig(x_i))",
    lambda e: d(e["i"], e["k"]) * sig(e["x"][e["i"]]) * (1 + e["x"][e["i"]] - e["x"][e["i"]] * sig(e["x"][e["i"]])), R)
P, T = "layernorm", "dL_dbeta"
add(P, T, r"\sum_j \frac{\partial L}{\partial y_j}", "unbounded sum", "sum_j g_j",
    lambda e: sum(e["G"][j] for j in rng1(e["n"])), R)
P, T = "mlp2", "dL_dW2_matrix"
add(P, T, r"-(t - o)h^\top", "minus of the residual", "-(t - o) h^T", lambda e: -np.outer(e["tv"] - e["ov"], e["hv"]), R)
P, T = "mlp2", "dL_dW1"
add(P, T, r"\mathbb{1}[a_k > 0]\, x_j \sum_{r=1}^{c} (W_2)_{rk}(o_r - t_r)", "W_2 alias with parenthesised entry",
    "1[a_k>0] x_j sum_r W2_rk (o_r - t_r)", lambda e: ind(e["a"][e["k"]]) * e["x"][e["j"]] * back2(e), R)
P, T = "attention_softmax", "da_ds_matrix"
add(P, T, r"-a a^{\top} + \operatorname{diag}(a)", "order swapped", "-a a^T + diag(a)",
    lambda e: -np.outer(e["Av"], e["Av"]) + np.diag(e["Av"]), R)
P, T = "rnn_tanh", "dh_dhprev_matrix"
add(P, T, r"\operatorname{diag}\left(1 - \tanh^2(a_t)\right) W", "elementwise tanh^2 of the pre-activation",
    "diag(1 - tanh^2(a_t)) W", lambda e: np.diag(1 - np.tanh(e["Av_pre"]) ** 2) @ e["Wm"], R)
P, T = "conv1d_backward", "dL_dx"
add(P, T, r"\sum_{l=1}^{K}\sum_{k=1}^{N-K+1} w_l\,\frac{\partial L}{\partial y_k}\,\delta_{k,i-l+1}", "double sum, delta on k",
    "sum_l sum_k w_l G_k delta_{k,i-l+1}",
    lambda e: sum(e["Wk"](l) * e["Gy"](k) * d(k, e["i"] - l + 1) for l in rng1(e["K"]) for k in rng1(e["N"] - e["K"] + 1)), R)
P, T = "logreg_l2", "dL_db"
add(P, T, r"\frac{1}{1+e^{-s}} - y", "sigmoid written out", "1/(1+e^-s) - y",
    lambda e: 1 / (1 + math.exp(-e["s"])) - e["y"], R)
P, T = "rmsnorm", "dL_dx"
add(P, T, r"\frac{g_i}{r}\frac{\partial L}{\partial y_i} - \frac{x_i}{\sum_{l=1}^{n} x_l^2 + n\epsilon}\sum_{j=1}^{n}\frac{g_j x_j}{r}\frac{\partial L}{\partial y_j}", "n r^2 written out, g_j x_j/r in the sum",
    "g_i G_i/r - x_i/(sum_l x_l^2 + n eps) sum_j (g_j x_j/r) G_j",
    lambda e: e["g"][e["i"]] * e["G"][e["i"]] / e["r"] - e["x"][e["i"]] / (sum(e["x"][l] ** 2 for l in rng1(e["n"])) + e["n"] * e["eps"])
    * sum(e["g"][j] * e["x"][j] / e["r"] * e["G"][j] for j in rng1(e["n"])), R)
P, T = "softmax_ce", "dL_dz_vec"
add(P, T, r"\frac{\partial L}{\partial z} = -\left(y - p\right)", "lhs, minus of the residual", "-(y - p)",
    lambda e: -(e["Y"] - e["P"]), R)


# ===========================================================================
# references, finite-difference cross-checks, evaluation points
# ===========================================================================
def cross(ok, what):
    if not ok:
        raise SystemExit("reference cross-check failed: " + what)


def fd(f, v, idx, h=1e-6):
    """central difference of scalar f at array v in entry idx (any index into v)."""
    vp, vm = v.copy(), v.copy()
    vp[idx] += h
    vm[idx] -= h
    return (f(vp) - f(vm)) / (2 * h)


def close(a, b, tol=1e-6):
    return abs(a - b) <= tol * (1 + abs(b))


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def cases_softmax(target, rng):
    out = []
    for K in range(1, 6):
        for _ in range(4):
            z = rng.normal(size=K) * 1.5
            p = softmax(z)
            y = rng.dirichlet(np.ones(K))          # a target distribution, sum 1
            P_ = p.copy()
            env0 = dict(K=K, z=pad(z), p=pad(p), y=pad(y), P=P_, Y=y.copy())

            def loss(zz):
                return float(-np.sum(y * np.log(softmax(zz))))
            if target in ("dp_dz", "dp_dz_matrix"):
                J = np.zeros((K, K))
                for k in rng1(K):
                    for i in rng1(K):
                        ref = p[k - 1] * (d(i, k) - p[i - 1])          # hand derivation
                        cross(close(fd(lambda zz: softmax(zz)[k - 1], z, i - 1), ref), "softmax dp_dz")
                        J[k - 1, i - 1] = ref
                        if target == "dp_dz":
                            out.append((dict(env0, i=i, k=k), ref))
                if target == "dp_dz_matrix":
                    out.append((env0, J))
            else:
                gvec = p - y                                            # hand derivation
                for i in rng1(K):
                    cross(close(fd(loss, z, i - 1), gvec[i - 1]), "softmax dL_dz")
                    if target == "dL_dz":
                        out.append((dict(env0, i=i), gvec[i - 1]))
                if target == "dL_dz_vec":
                    out.append((env0, gvec))
    return out


def mlp_forward(x, W1, b1, W2, b2):
    a = W1 @ x + b1
    h = np.maximum(0.0, a)
    o = W2 @ h + b2
    return a, h, o


def cases_mlp(target, rng):
    out, signs = [], Counter()
    for (m, n, c) in [(1, 1, 1), (2, 3, 1), (3, 2, 2), (2, 4, 3), (3, 3, 2), (1, 2, 3), (4, 3, 3)]:
        for _ in range(3):
            while True:                               # keep every a_k off the kink for FD
                x, W1, b1 = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n)
                W2, b2, t = rng.normal(size=(c, n)), rng.normal(size=c), rng.normal(size=c)
                a, h, o = mlp_forward(x, W1, b1, W2, b2)
                if np.all(np.abs(a) > 1e-3):
                    break

            def L(W1_=W1, b1_=b1, W2_=W2, b2_=b2):
                return 0.5 * float(np.sum((mlp_forward(x, W1_, b1_, W2_, b2_)[2] - t) ** 2))
            env0 = dict(m=m, n=n, c=c, x=pad(x), a=pad(a), h=pad(h), o=pad(o), t=pad(t),
                        W1=pad2(W1), b1=pad(b1), W2=pad2(W2), b2=pad(b2),
                        ov=o.copy(), tv=t.copy(), hv=h.copy(), av=a.copy())
            res = o - t
            delta = (a > 0) * (W2.T @ res)            # hand: dL/da_k = 1[a_k>0] sum_r W2_rk (o_r - t_r)
            for k in rng1(n):
                signs["pos" if a[k - 1] > 0 else "neg"] += 1
            if target in ("dL_dW2", "dL_dW2_matrix"):
                G = np.outer(res, h)
                for r in rng1(c):
                    for k in rng1(n):
                        cross(close(fd(lambda M: L(W2_=M), W2, (r - 1, k - 1)), G[r - 1, k - 1]), "mlp dW2")
                        if target == "dL_dW2":
                            out.append((dict(env0, r=r, k=k), G[r - 1, k - 1]))
                if target == "dL_dW2_matrix":
                    out.append((env0, G))
            elif target in ("dL_db2", "dL_db2_vec"):
                for r in rng1(c):
                    cross(close(fd(lambda v: L(b2_=v), b2, r - 1), res[r - 1]), "mlp db2")
                    if target == "dL_db2":
                        out.append((dict(env0, r=r), res[r - 1]))
                if target == "dL_db2_vec":
                    out.append((env0, res.copy()))
            elif target == "dL_dW1":
                for k in rng1(n):
                    for j in rng1(m):
                        ref = delta[k - 1] * x[j - 1]
                        cross(close(fd(lambda M: L(W1_=M), W1, (k - 1, j - 1)), ref), "mlp dW1")
                        out.append((dict(env0, k=k, j=j), ref))
            elif target == "dL_db1":
                for k in rng1(n):
                    cross(close(fd(lambda v: L(b1_=v), b1, k - 1), delta[k - 1]), "mlp db1")
                    out.append((dict(env0, k=k), delta[k - 1]))
            else:
                raise KeyError(target)
    cross(signs["pos"] > 5 and signs["neg"] > 5, "ReLU kinks exercised on both sides")
    return out


def cases_layernorm(target, rng):
    out = []
    for n in range(1, 6):
        for _ in range(4):
            ga = float(rng.choice([-1, 1]) * rng.uniform(0.3, 2.0))
            be = float(rng.normal())
            eps = float(rng.uniform(0.05, 1.0))
            x = rng.normal(size=n) * rng.uniform(0.5, 2.0)
            c1, c2 = rng.normal(size=n), rng.normal(size=n)

            def fwd(xx, ga_=ga, be_=be):
                mu_ = xx.mean()
                v_ = np.mean((xx - mu_) ** 2)
                return ga_ * (xx - mu_) / np.sqrt(v_ + eps) + be_

            def L(xx, ga_=ga, be_=be):
                yy = fwd(xx, ga_, be_)
                return float(c1 @ yy + c2 @ yy ** 2)
            y = fwd(x)
            G = c1 + 2 * c2 * y
            mu = float(x.mean())
            s2 = float(np.mean((x - mu) ** 2))
            s = math.sqrt(s2 + eps)
            xh = (x - mu) / s
            env0 = dict(n=n, x=pad(x), xh=pad(xh), y=pad(y), G=pad(G), mu=mu, s2=s2, eps=eps,
                        gamma=ga, beta=be)
            if target == "dL_dx":
                for i in rng1(n):
                    # hand: gamma/s (G_i - (1/n) sum G - (1/n) xh_i sum xh_j G_j)
                    ref = ga / s * (G[i - 1] - G.sum() / n - xh[i - 1] * float(xh @ G) / n)
                    cross(close(fd(L, x, i - 1, 1e-5), ref), "layernorm dL_dx")
                    out.append((dict(env0, i=i), ref))
            elif target == "dL_dgamma":
                ref = float(G @ xh)
                cross(close((L(x, ga + 1e-6) - L(x, ga - 1e-6)) / 2e-6, ref), "layernorm dgamma")
                out.append((env0, ref))
            elif target == "dL_dbeta":
                ref = float(G.sum())
                cross(close((L(x, ga, be + 1e-6) - L(x, ga, be - 1e-6)) / 2e-6, ref), "layernorm dbeta")
                out.append((env0, ref))
            else:
                raise KeyError(target)
    return out


def cases_logreg(target, rng):
    out = []
    for m in range(1, 5):
        for yl in (0.0, 1.0):
            for _ in range(3):
                w, x = rng.normal(size=m), rng.normal(size=m)
                b, lam = float(rng.normal()), float(rng.uniform(0.1, 2.0))

                def L(w_=w, b_=b):
                    p_ = 1 / (1 + np.exp(-(w_ @ x + b_)))
                    return float(-yl * np.log(p_) - (1 - yl) * np.log(1 - p_) + lam / 2 * w_ @ w_)
                s = float(w @ x + b)
                p = float(1 / (1 + np.exp(-s)))
                env0 = dict(m=m, w=pad(w), x=pad(x), b=b, y=yl, s=s, p=p, lam=lam, wv=w.copy(), xv=x.copy())
                gw = (p - yl) * x + lam * w                 # hand derivation
                for i in rng1(m):
                    cross(close(fd(lambda v: L(w_=v), w, i - 1), gw[i - 1]), "logreg dw")
                if target == "dL_dw":
                    for i in rng1(m):
                        out.append((dict(env0, i=i), gw[i - 1]))
                elif target == "dL_dw_vec":
                    out.append((env0, gw))
                elif target == "dL_db":
                    ref = p - yl
                    cross(close((L(b_=b + 1e-6) - L(b_=b - 1e-6)) / 2e-6, ref), "logreg db")
                    out.append((env0, ref))
                else:
                    raise KeyError(target)
    return out


def cases_rnn(target, rng):
    out = []
    for (n, m) in [(1, 1), (2, 1), (2, 3), (3, 2), (4, 2)]:
        for _ in range(3):
            W_, U = rng.normal(size=(n, n)), rng.normal(size=(n, m))
            b, x, hp = rng.normal(size=n), rng.normal(size=m), rng.normal(size=n)

            def fwd(W__=W_, hp_=hp):
                return np.tanh(W__ @ hp_ + U @ x + b)
            a = W_ @ hp + U @ x + b
            h = np.tanh(a)
            env0 = dict(n=n, m=m, W=pad2(W_), U=pad2(U), b=pad(b), x=pad(x), hp=pad(hp), a=pad(a), h=pad(h),
                        Hv=h.copy(), Hpv=hp.copy(), Wm=W_.copy(), Av_pre=a.copy())
            J = (1 - h ** 2)[:, None] * W_                  # hand: (1 - h_k^2) W_ki
            for k in rng1(n):
                for i in rng1(n):
                    cross(close(fd(lambda v: fwd(hp_=v)[k - 1], hp, i - 1), J[k - 1, i - 1]), "rnn dh/dhprev")
            if target == "dh_dhprev":
                for k in rng1(n):
                    for i in rng1(n):
                        out.append((dict(env0, k=k, i=i), J[k - 1, i - 1]))
            elif target == "dh_dhprev_matrix":
                out.append((env0, J))
            elif target == "dh_dW":
                for k in rng1(n):
                    for i in rng1(n):
                        for j in rng1(n):
                            ref = d(k, i) * (1 - h[k - 1] ** 2) * hp[j - 1]
                            cross(close(fd(lambda M: fwd(W__=M)[k - 1], W_, (i - 1, j - 1)), ref), "rnn dh/dW")
                            out.append((dict(env0, k=k, i=i, j=j), ref))
            else:
                raise KeyError(target)
    return out


def cases_momentum(target, rng):
    out = []
    for _ in range(15 if target == "v_limit" else 6):
        mu = float(rng.uniform(0.05, 0.95))
        eta = float(rng.uniform(0.01, 0.5))
        g = float(rng.choice([-1, 1]) * rng.uniform(0.2, 3.0))
        th0 = float(rng.normal())
        if target == "v_limit":
            v = 0.0
            for _t in range(20000):
                v = mu * v + g
            ref = g / (1 - mu)                           # hand: geometric series
            cross(close(v, ref, 1e-9), "momentum limit")
            out.append((dict(mu=mu, eta=eta, g=g, th0=th0, t=None), ref))
            continue
        v, th, thn = 0.0, th0, th0
        for t in range(1, 16):
            v = mu * v + g                                 # simulated recurrences
            th = th - eta * v
            thn = thn - eta * (g + mu * v)
            vc = g * (1 - mu ** t) / (1 - mu)              # hand closed forms
            thc = th0 - eta * g * (t / (1 - mu) - mu * (1 - mu ** t) / (1 - mu) ** 2)
            nc = th0 - eta * g * (t / (1 - mu) - mu ** 2 * (1 - mu ** t) / (1 - mu) ** 2)
            cross(close(v, vc, 1e-10) and close(th, thc, 1e-10) and close(thn, nc, 1e-10), "momentum closed forms")
            ref = {"v_closed": vc, "theta_closed": thc, "nesterov_theta_closed": nc}[target]
            out.append((dict(mu=mu, eta=eta, g=g, th0=th0, t=t), ref))
    return out


def gelu(u):
    return u / 2 * (1 + math.erf(u / math.sqrt(2)))


def cases_gelu(target, rng):
    out = []
    if target in ("dgelu_du", "dsilu_du"):
        us = list(rng.uniform(-5, 5, size=30)) + [0.0, 0.5, -0.5]
        for u in us:
            u = float(u)
            if target == "dgelu_du":
                ref = Phi(u) + u * math.exp(-u * u / 2) / math.sqrt(2 * math.pi)
                cross(close((gelu(u + 1e-6) - gelu(u - 1e-6)) / 2e-6, ref), "gelu'")
            else:
                ref = sig(u) * (1 + u * (1 - sig(u)))
                cross(close(((u + 1e-6) * sig(u + 1e-6) - (u - 1e-6) * sig(u - 1e-6)) / 2e-6, ref), "silu'")
            out.append((dict(u=u), ref))
        return out
    for n in range(1, 5):
        for _ in range(3):
            x = rng.normal(size=n) * 2
            y = x * sig(x)
            env0 = dict(n=n, x=pad(x), y=pad(y))
            for k in rng1(n):
                for i in rng1(n):
                    ref = d(i, k) * (sig(x[k - 1]) + x[k - 1] * sig(x[k - 1]) * (1 - sig(x[k - 1])))
                    cross(close(fd(lambda v: float((v * sig(v))[k - 1]), x, i - 1), ref), "silu layer")
                    out.append((dict(env0, k=k, i=i), ref))
    return out


def cases_rmsnorm(target, rng):
    out = []
    for n in range(1, 6):
        for _ in range(4):
            eps = float(rng.uniform(0.05, 1.0))
            x, g = rng.normal(size=n) * rng.uniform(0.5, 2.0), rng.normal(size=n)
            c1, c2 = rng.normal(size=n), rng.normal(size=n)

            def fwd(xx):
                return g * xx / np.sqrt(np.mean(xx ** 2) + eps)
            r = math.sqrt(float(np.mean(x ** 2)) + eps)
            y = fwd(x)
            G = c1 + 2 * c2 * y
            env0 = dict(n=n, x=pad(x), g=pad(g), y=pad(y), G=pad(G), r=r, eps=eps)
            if target == "dy_dx":
                for j in rng1(n):
                    for i in rng1(n):
                        ref = g[j - 1] * (d(i, j) / r - x[i - 1] * x[j - 1] / (n * r ** 3))
                        cross(close(fd(lambda v: float(fwd(v)[j - 1]), x, i - 1), ref), "rmsnorm dy_dx")
                        out.append((dict(env0, i=i, j=j), ref))
            elif target == "dL_dx":
                for i in rng1(n):
                    ref = g[i - 1] * G[i - 1] / r - x[i - 1] / (n * r ** 3) * float(np.sum(g * x * G))
                    cross(close(fd(lambda v: float(c1 @ fwd(v) + c2 @ fwd(v) ** 2), x, i - 1, 1e-5), ref), "rmsnorm dL_dx")
                    out.append((dict(env0, i=i), ref))
            else:
                raise KeyError(target)
    return out


class Guard:
    """1-based read access; out of range reads 0 and marks the point."""

    def __init__(self, v, flag):
        self.v, self.flag = v, flag

    def __call__(self, idx):
        if 1 <= idx <= len(self.v):
            return float(self.v[idx - 1])
        self.flag["oob"] = True
        return 0.0


def cases_conv(target, rng):
    out = []
    for N in range(1, 8):
        for K in sorted({1, 2, 3, N // 2 + 1, N}):
            if K > N or K < 1:
                continue
            x, w = rng.normal(size=N), rng.normal(size=K)
            M = N - K + 1
            c1, c2 = rng.normal(size=M), rng.normal(size=M)

            def conv(xx, ww):
                return np.array([sum(ww[l] * xx[k + l] for l in range(K)) for k in range(M)])

            def L(xx, ww):
                yy = conv(xx, ww)
                return float(c1 @ yy + c2 @ yy ** 2)
            y = conv(x, w)
            G = c1 + 2 * c2 * y
            flag = {"oob": False}
            env0 = dict(N=N, K=K, X=Guard(x, flag), Wk=Guard(w, flag), Gy=Guard(G, flag), _flag=flag)
            if target == "dL_dw":
                for l in rng1(K):
                    ref = sum(G[k - 1] * x[k + l - 2] for k in rng1(M))       # hand
                    cross(close(fd(lambda v: L(x, v), w, l - 1), ref), "conv dL_dw")
                    out.append((dict(env0, l=l), ref))
            elif target == "dL_dx":
                for i in rng1(N):
                    ref = sum(G[k - 1] * w[i - k] for k in rng1(M) if 1 <= i - k + 1 <= K)   # hand
                    cross(close(fd(lambda v: L(v, w), x, i - 1), ref), "conv dL_dx")
                    out.append((dict(env0, i=i), ref))
            else:
                raise KeyError(target)
    return out


def cases_attention(target, rng):
    out = []
    for (n, D) in [(1, 1), (2, 1), (2, 3), (3, 2), (4, 4), (5, 3)]:
        for _ in range(3):
            q, Km = rng.normal(size=D), rng.normal(size=(n, D))

            def fwd_s(ss):
                return softmax(ss)

            def fwd_q(qq):
                return softmax(Km @ qq / math.sqrt(D))
            s = Km @ q / math.sqrt(D)
            a = softmax(s)
            env0 = dict(n=n, D=D, q=pad(q), Kmat=pad2(Km), s=pad(s), a=pad(a), Av=a.copy())
            J = np.diag(a) - np.outer(a, a)
            if target in ("da_ds", "da_ds_matrix"):
                for j in rng1(n):
                    for i in rng1(n):
                        ref = a[j - 1] * (d(i, j) - a[i - 1])                    # hand
                        cross(close(fd(lambda v: fwd_s(v)[j - 1], s, i - 1), ref), "attention da/ds")
                        if target == "da_ds":
                            out.append((dict(env0, i=i, j=j), ref))
                if target == "da_ds_matrix":
                    out.append((env0, J))
            elif target == "da_dq":
                for j in rng1(n):
                    for dd in rng1(D):
                        ref = a[j - 1] / math.sqrt(D) * (Km[j - 1, dd - 1] - float(a @ Km[:, dd - 1]))   # hand
                        cross(close(fd(lambda v: fwd_q(v)[j - 1], q, dd - 1), ref), "attention da/dq")
                        out.append((dict(env0, j=j, d=dd), ref))
            else:
                raise KeyError(target)
    return out


CASEFN = {
    "softmax_ce": cases_softmax, "mlp2": cases_mlp, "layernorm": cases_layernorm,
    "logreg_l2": cases_logreg, "rnn_tanh": cases_rnn, "momentum": cases_momentum,
    "gelu_silu": cases_gelu, "rmsnorm": cases_rmsnorm, "conv1d_backward": cases_conv,
    "attention_softmax": cases_attention,
}


def same(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=RTOL, atol=ATOL))


def judge(fn, pts):
    """-> (agrees at every point, differs at some point where it is finite and in range,
           touched an out-of-range entry somewhere)."""
    all_ok, clean_diff, touched = True, False, False
    for env, ref in pts:
        flag = env.get("_flag")
        if flag is not None:
            flag["oob"] = False
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            try:
                got = fn(env)
            except (ZeroDivisionError, OverflowError, ValueError, IndexError):
                got = float("nan")
        oob = bool(flag and flag["oob"])
        touched = touched or oob
        ok = same(got, ref)
        if not ok:
            all_ok = False
            arr = np.asarray(got, dtype=float)
            if not oob and np.all(np.isfinite(arr)):
                clean_diff = True
    return all_ok, clean_diff, touched


def main():
    rng = np.random.default_rng(SEED)
    targets = list(OrderedDict.fromkeys((a["problem"], a["target"]) for a in ANSWERS))
    cases = {}
    for (p, t) in targets:
        cases[(p, t)] = CASEFN[p](t, rng)
        assert cases[(p, t)], (p, t)
    rows, bad, num = [], [], Counter()
    for a in ANSWERS:
        pts = cases[(a["problem"], a["target"])]
        all_ok, clean_diff, touched = judge(a["fn"], pts)
        label = R if all_ok else W
        if label != a["expect"]:
            bad.append((a["problem"], a["target"], a["latex"], label, "intended " + a["expect"]))
        if label == R and touched:
            bad.append((a["problem"], a["target"], a["latex"], "right answer read out of range"))
        if label == W and not clean_diff:
            bad.append((a["problem"], a["target"], a["latex"], "wrong only through NaN/out-of-range reads"))
        key = (a["problem"], a["target"])
        num[key] += 1
        rows.append(OrderedDict(
            id="d-%s-%s-%02d" % (SHORTP[a["problem"]], a["target"], num[key]),
            problem=a["problem"], target=a["target"], latex=a["latex"], label=label,
            style=a["style"], meaning=a["meaning"]))
    if bad:
        for b in bad:
            print("LABEL PROBLEM:", b, file=sys.stderr)
        raise SystemExit(1)
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({(r["problem"], r["target"], r["latex"]) for r in rows}) == len(rows), "duplicate answer"
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    lab = Counter(r["label"] for r in rows)
    print("answers: %d  targets: %d  right: %d  wrong: %d  (right %.0f%%)"
          % (len(rows), len(targets), lab[R], lab[W], 100.0 * lab[R] / len(rows)))
    for (p, t) in targets:
        c = Counter(r["label"] for r in rows if r["target"] == t and r["problem"] == p)
        print("  %-18s %-22s %3d answers (%d right, %d wrong) over %d points"
              % (p, t, c[R] + c[W], c[R], c[W], len(cases[(p, t)])))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
