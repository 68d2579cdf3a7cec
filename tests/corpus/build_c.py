"""Independent corpus C of student-style answers for hw3_3b, hw3_4a, hw3_4b.

Labels come from hand-derived numpy references (cross-checked by finite differences
or by simulating the recurrence) compared with a hand translation of each answer,
at many random points.  numpy + standard library only; deterministic.

    python tests/corpus/build_c.py   ->  tests/corpus/answers_c.jsonl
"""
import json
import os
import sys
from collections import Counter, OrderedDict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "answers_c.jsonl")
SEED = 20240517
RTOL, ATOL = 1e-8, 1e-10

# ---------------------------------------------------------------------------
# answers
# ---------------------------------------------------------------------------
ANSWERS = []
SHORT = {
    "dy_dx": "3b-dydx", "dL_dx": "3b-dLdx", "dL_dx_n1": "3b-n1", "dL_dx_n3": "3b-n3",
    "batchnorm_dL_dx": "3b-bn",
    "m_update": "4a-mupd", "v_update": "4a-vupd", "m_unrolled": "4a-munr",
    "v_unrolled": "4a-vunr", "m_constant": "4a-mconst",
    "grad_reg": "4b-gradreg", "sgd_l2_step": "4b-sgd", "gamma_for_equivalence": "4b-gamma",
}
PROBLEM = {}


def add(problem, target, latex, style, meaning, fn, expect):
    """fn(env) -> what the LaTeX means; expect: the label I intend (asserted)."""
    PROBLEM[target] = problem
    ANSWERS.append(dict(problem=problem, target=target, latex=latex, style=style,
                        meaning=meaning, fn=fn, expect=expect))


R, W = "right", "wrong"


def S(g, lo, hi):
    """sum_{j=lo}^{hi} g[j] (g is 1-based, g[0] is an extra 'y_0' slot)."""
    return sum(g[j] for j in range(lo, hi + 1))


def d(i, j):
    return 1.0 if i == j else 0.0


# ---- hw3_3b : dy_dx  (env: n, i, j, gamma) --------------------------------
P = "hw3_3b"
T = "dy_dx"
add(P, T, r"\gamma\left(\delta_{ij} - \frac{1}{n}\right)", "delta, frac",
    "gamma (delta_ij - 1/n)", lambda e: e["gamma"] * (d(e["i"], e["j"]) - 1 / e["n"]), R)
add(P, T, r"\frac{\partial y_j}{\partial x_i} = \gamma\left(\delta_{ij} - 1/n\right)",
    "lhs named, slash 1/n", "gamma (delta_ij - 1/n)",
    lambda e: e["gamma"] * (d(e["i"], e["j"]) - 1 / e["n"]), R)
add(P, T, r"\gamma \delta_{ij} - \frac{\gamma}{n}", "expanded",
    "gamma delta_ij - gamma/n", lambda e: e["gamma"] * d(e["i"], e["j"]) - e["gamma"] / e["n"], R)
add(P, T, r"\gamma\left([i=j] - \frac{1}{n}\right)", "Iverson bracket",
    "gamma ([i=j] - 1/n)", lambda e: e["gamma"] * (d(e["i"], e["j"]) - 1 / e["n"]), R)
add(P, T, r"\gamma\left(\mathbb{1}[i=j] - \frac{1}{n}\right)", "indicator 1[i=j]",
    "gamma (1[i=j] - 1/n)", lambda e: e["gamma"] * (d(e["i"], e["j"]) - 1 / e["n"]), R)
add(P, T, r"\frac{\gamma (n\delta_{ij} - 1)}{n}", "single fraction",
    "gamma (n delta_ij - 1)/n", lambda e: e["gamma"] * (e["n"] * d(e["i"], e["j"]) - 1) / e["n"], R)
add(P, T, r"\gamma\,\delta_{ji} - \gamma/n", "delta_ji, slash",
    "gamma delta_ji - gamma/n", lambda e: e["gamma"] * d(e["j"], e["i"]) - e["gamma"] / e["n"], R)
add(P, T, r"\begin{cases} \gamma\left(1 - \frac{1}{n}\right) & i = j \\ -\frac{\gamma}{n} & i \neq j \end{cases}",
    "cases", "gamma(1-1/n) if i=j else -gamma/n",
    lambda e: e["gamma"] * (1 - 1 / e["n"]) if e["i"] == e["j"] else -e["gamma"] / e["n"], R)
add(P, T, r"\gamma \delta_{ij}", "forgot mean path",
    "gamma delta_ij", lambda e: e["gamma"] * d(e["i"], e["j"]), W)
add(P, T, r"\gamma\left(1 - \frac{1}{n}\right)", "only the i=j case",
    "gamma (1 - 1/n) for all j", lambda e: e["gamma"] * (1 - 1 / e["n"]), W)
add(P, T, r"-\frac{\gamma}{n}", "only the i!=j case",
    "-gamma/n for all j", lambda e: -e["gamma"] / e["n"], W)
add(P, T, r"\delta_{ij} - \frac{1}{n}", "missing gamma",
    "delta_ij - 1/n", lambda e: d(e["i"], e["j"]) - 1 / e["n"], W)
add(P, T, r"\gamma\left(\delta_{ij} + \frac{1}{n}\right)", "sign flip on mean",
    "gamma (delta_ij + 1/n)", lambda e: e["gamma"] * (d(e["i"], e["j"]) + 1 / e["n"]), W)
add(P, T, r"\frac{\gamma}{n}\left(\delta_{ij} - 1\right)", "1/n on both terms",
    "gamma (delta_ij - 1)/n", lambda e: e["gamma"] * (d(e["i"], e["j"]) - 1) / e["n"], W)
add(P, T, r"\begin{cases} \gamma\left(1 - \frac{1}{n}\right) & i = j \\ 0 & i \neq j \end{cases}",
    "cases, off-diagonal 0", "gamma(1-1/n) if i=j else 0",
    lambda e: e["gamma"] * (1 - 1 / e["n"]) if e["i"] == e["j"] else 0.0, W)

# ---- hw3_3b : dL_dx  (env: n, i, gamma, g[0..n]; g[j] = dL/dy_j) ------------
T = "dL_dx"
dLy = r"\frac{\partial L}{\partial y_%s}"
add(P, T, r"\frac{\partial L}{\partial x_i} = \gamma\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\right)",
    "lhs, bounded sum", "gamma (g_i - (1/n) sum_j g_j)",
    lambda e: e["gamma"] * (e["g"][e["i"]] - S(e["g"], 1, e["n"]) / e["n"]), R)
add(P, T, r"\gamma \frac{\partial L}{\partial y_i} - \frac{\gamma}{n}\sum_j \frac{\partial L}{\partial y_j}",
    "expanded, unbounded sum", "gamma g_i - (gamma/n) sum_j g_j",
    lambda e: e["gamma"] * e["g"][e["i"]] - e["gamma"] / e["n"] * S(e["g"], 1, e["n"]), R)
add(P, T, r"\sum_{j=1}^{n} \gamma\left(\delta_{ij} - \frac{1}{n}\right)\frac{\partial L}{\partial y_j}",
    "chain-rule sum, delta", "sum_j gamma (delta_ij - 1/n) g_j",
    lambda e: sum(e["gamma"] * (d(e["i"], j) - 1 / e["n"]) * e["g"][j] for j in range(1, e["n"] + 1)), R)
add(P, T, r"\sum_j \frac{\partial L}{\partial y_j}\,\gamma\left([i=j] - 1/n\right)",
    "Iverson, slash", "sum_j g_j gamma ([i=j] - 1/n)",
    lambda e: sum(e["g"][j] * e["gamma"] * (d(e["i"], j) - 1 / e["n"]) for j in range(1, e["n"] + 1)), R)
add(P, T, r"\gamma\frac{n-1}{n}\frac{\partial L}{\partial y_i} - \frac{\gamma}{n}\sum_{j\neq i}\frac{\partial L}{\partial y_j}",
    "diagonal split off, sum j!=i", "gamma (n-1)/n g_i - gamma/n sum_{j!=i} g_j",
    lambda e: e["gamma"] * (e["n"] - 1) / e["n"] * e["g"][e["i"]]
    - e["gamma"] / e["n"] * (S(e["g"], 1, e["n"]) - e["g"][e["i"]]), R)
add(P, T, r"\frac{\gamma}{n}\left(n\,\partial L/\partial y_i - \sum_{j=1}^{n} \partial L/\partial y_j\right)",
    "inline slash partials", "(gamma/n)(n g_i - sum_j g_j)",
    lambda e: e["gamma"] / e["n"] * (e["n"] * e["g"][e["i"]] - S(e["g"], 1, e["n"])), R)
add(P, T, r"\gamma \sum_{j=1}^{n} \left(\mathbb{1}[i=j] - \frac{1}{n}\right)\frac{\partial L}{\partial y_j}",
    "indicator", "gamma sum_j (1[i=j] - 1/n) g_j",
    lambda e: e["gamma"] * sum((d(e["i"], j) - 1 / e["n"]) * e["g"][j] for j in range(1, e["n"] + 1)), R)
add(P, T, r"\gamma \cdot \frac{\partial L}{\partial y_i} - \gamma \cdot 1/n \cdot \sum_{j=1}^{n} \partial L/\partial y_j",
    "cdots, mixed notation", "gamma g_i - gamma (1/n) sum_j g_j",
    lambda e: e["gamma"] * e["g"][e["i"]] - e["gamma"] / e["n"] * S(e["g"], 1, e["n"]), R)
add(P, T, r"\frac{\partial L}{\partial x_i} = \gamma\frac{\partial L}{\partial y_i} - \frac{\gamma}{n}\sum_{k=1}^{n}\frac{\partial L}{\partial y_k}",
    "sum index k", "gamma g_i - (gamma/n) sum_k g_k",
    lambda e: e["gamma"] * e["g"][e["i"]] - e["gamma"] / e["n"] * S(e["g"], 1, e["n"]), R)
add(P, T, r"\frac{n-1}{n} \cdot \gamma \cdot \frac{\partial L}{\partial y_i}",
    "only j=i term kept", "(n-1)/n gamma g_i",
    lambda e: (e["n"] - 1) / e["n"] * e["gamma"] * e["g"][e["i"]], W)
add(P, T, r"\gamma\left(\frac{\partial L}{\partial y_i} - \sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\right)",
    "missing 1/n", "gamma (g_i - sum_j g_j)",
    lambda e: e["gamma"] * (e["g"][e["i"]] - S(e["g"], 1, e["n"])), W)
add(P, T, r"\gamma \frac{\partial L}{\partial y_i}", "ignored the mean",
    "gamma g_i", lambda e: e["gamma"] * e["g"][e["i"]], W)
add(P, T, r"\gamma\left(\frac{1}{n}\sum_{j}\frac{\partial L}{\partial y_j} - \frac{\partial L}{\partial y_i}\right)",
    "sign flip", "gamma ((1/n) sum_j g_j - g_i)",
    lambda e: e["gamma"] * (S(e["g"], 1, e["n"]) / e["n"] - e["g"][e["i"]]), W)
add(P, T, r"\gamma\left(1 - \frac{1}{n}\right)\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}",
    "diagonal factor on whole sum", "gamma (1-1/n) sum_j g_j",
    lambda e: e["gamma"] * (1 - 1 / e["n"]) * S(e["g"], 1, e["n"]), W)
add(P, T, r"\gamma\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j\neq i}\frac{\partial L}{\partial y_j}\right)",
    "sum excludes i", "gamma (g_i - (1/n) sum_{j!=i} g_j)",
    lambda e: e["gamma"] * (e["g"][e["i"]] - (S(e["g"], 1, e["n"]) - e["g"][e["i"]]) / e["n"]), W)
add(P, T, r"\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}",
    "missing gamma", "g_i - (1/n) sum_j g_j",
    lambda e: e["g"][e["i"]] - S(e["g"], 1, e["n"]) / e["n"], W)
add(P, T, r"\gamma\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=0}^{n}\frac{\partial L}{\partial y_j}\right)",
    "sum starts at 0", "gamma (g_i - (1/n) sum_{j=0}^n g_j), includes a y_0",
    lambda e: e["gamma"] * (e["g"][e["i"]] - S(e["g"], 0, e["n"]) / e["n"]), W)

# ---- hw3_3b : dL_dx_n1  (env: n=1, i=1, gamma, g) ---------------------------
T = "dL_dx_n1"
add(P, T, r"0", "bare zero", "0", lambda e: 0.0, R)
add(P, T, r"\frac{\partial L}{\partial x_1} = 0", "lhs x_1", "0", lambda e: 0.0, R)
add(P, T, r"\frac{\partial L}{\partial x_i} = 0", "lhs x_i", "0", lambda e: 0.0, R)
add(P, T, r"\gamma\left(1 - 1\right)\frac{\partial L}{\partial y_1}", "unsimplified (1-1)",
    "gamma (1-1) g_1", lambda e: e["gamma"] * (1 - 1) * e["g"][1], R)
add(P, T, r"\gamma\left(\frac{\partial L}{\partial y_1} - \frac{\partial L}{\partial y_1}\right)",
    "general formula at n=1, unsimplified", "gamma (g_1 - g_1)",
    lambda e: e["gamma"] * (e["g"][1] - e["g"][1]), R)
add(P, T, r"\gamma \frac{\partial L}{\partial y_1}", "no mean subtracted",
    "gamma g_1", lambda e: e["gamma"] * e["g"][1], W)
add(P, T, r"\frac{\partial L}{\partial y_1}", "identity pass-through",
    "g_1", lambda e: e["g"][1], W)
add(P, T, r"\gamma", "gamma alone", "gamma", lambda e: e["gamma"], W)
add(P, T, r"\frac{\partial L}{\partial x_1} = -\gamma\frac{\partial L}{\partial y_1}",
    "only the mean path", "-gamma g_1", lambda e: -e["gamma"] * e["g"][1], W)

# ---- hw3_3b : dL_dx_n3  (env: n=3, i in 1..3, gamma, g) ---------------------
T = "dL_dx_n3"
add(P, T, r"\gamma\left(\frac{\partial L}{\partial y_i} - \frac{1}{3}\sum_{j=1}^{3}\frac{\partial L}{\partial y_j}\right)",
    "general formula n=3", "gamma (g_i - (1/3) sum_{j=1}^3 g_j)",
    lambda e: e["gamma"] * (e["g"][e["i"]] - S(e["g"], 1, 3) / 3), R)
add(P, T, r"\frac{2\gamma}{3}\frac{\partial L}{\partial y_i} - \frac{\gamma}{3}\sum_{j\neq i}\frac{\partial L}{\partial y_j}",
    "2/3 and sum j!=i", "2gamma/3 g_i - gamma/3 sum_{j!=i} g_j",
    lambda e: 2 * e["gamma"] / 3 * e["g"][e["i"]] - e["gamma"] / 3 * (S(e["g"], 1, 3) - e["g"][e["i"]]), R)
add(P, T, r"\frac{\gamma}{3}\left(3\frac{\partial L}{\partial y_i} - \frac{\partial L}{\partial y_1} - \frac{\partial L}{\partial y_2} - \frac{\partial L}{\partial y_3}\right)",
    "terms written out", "gamma/3 (3 g_i - g_1 - g_2 - g_3)",
    lambda e: e["gamma"] / 3 * (3 * e["g"][e["i"]] - e["g"][1] - e["g"][2] - e["g"][3]), R)
add(P, T, r"\gamma\sum_{j=1}^{3}\left(\delta_{ij} - 1/3\right)\partial L/\partial y_j",
    "delta, slash", "gamma sum_j (delta_ij - 1/3) g_j",
    lambda e: e["gamma"] * sum((d(e["i"], j) - 1 / 3) * e["g"][j] for j in (1, 2, 3)), R)
add(P, T, r"\frac{\partial L}{\partial x_i} = \gamma\frac{\partial L}{\partial y_i} - \frac{\gamma}{3}\left(\frac{\partial L}{\partial y_1} + \frac{\partial L}{\partial y_2} + \frac{\partial L}{\partial y_3}\right)",
    "lhs, explicit sum", "gamma g_i - gamma/3 (g_1+g_2+g_3)",
    lambda e: e["gamma"] * e["g"][e["i"]] - e["gamma"] / 3 * (e["g"][1] + e["g"][2] + e["g"][3]), R)
add(P, T, r"\frac{2}{3}\gamma\frac{\partial L}{\partial y_i}", "only j=i term kept",
    "2/3 gamma g_i", lambda e: 2 / 3 * e["gamma"] * e["g"][e["i"]], W)
add(P, T, r"\frac{\gamma}{3}\left(2\frac{\partial L}{\partial y_i} - \frac{\partial L}{\partial y_1} - \frac{\partial L}{\partial y_2} - \frac{\partial L}{\partial y_3}\right)",
    "2 instead of 3 on diagonal", "gamma/3 (2 g_i - g_1 - g_2 - g_3)",
    lambda e: e["gamma"] / 3 * (2 * e["g"][e["i"]] - e["g"][1] - e["g"][2] - e["g"][3]), W)
add(P, T, r"\gamma\left(\frac{\partial L}{\partial y_i} - \sum_{j=1}^{3}\frac{\partial L}{\partial y_j}\right)",
    "missing 1/3", "gamma (g_i - sum g_j)",
    lambda e: e["gamma"] * (e["g"][e["i"]] - S(e["g"], 1, 3)), W)
add(P, T, r"\frac{\gamma}{3}\sum_{j=1}^{3}\frac{\partial L}{\partial y_j}", "only the mean",
    "gamma/3 sum g_j", lambda e: e["gamma"] / 3 * S(e["g"], 1, 3), W)


# ---- hw3_3b : batchnorm_dL_dx ---------------------------------------------
# env: n, i, gamma, eps, x[1..n], mu, s2 (= sigma^2), g[1..n] (= dL/d ybar_j)
T = "batchnorm_dL_dx"


def bn_sums(e):
    n, x, g, mu = e["n"], e["x"], e["g"], e["mu"]
    Sg = S(g, 1, n)
    Sgh = sum(g[j] * (x[j] - mu) for j in range(1, n + 1))
    return Sg, Sgh


def bn_right(e, eps_on=True, var_path=1.0, mean_path=1.0, third_div_n=True, third_pow=2):
    n, i, ga, x, g, mu, s2 = e["n"], e["i"], e["gamma"], e["x"], e["g"], e["mu"], e["s2"]
    v = s2 + (e["eps"] if eps_on else 0.0)
    s = np.sqrt(v)
    Sg, Sgh = bn_sums(e)
    third = (x[i] - mu) / (s ** third_pow) * Sgh / (n if third_div_n else 1)
    return ga / s * (g[i] - mean_path * Sg / n - var_path * third)


dLyb = r"\frac{\partial L}{\partial \bar{y}_j}"
add(P, T, r"\frac{\partial L}{\partial x_i} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial \bar{y}_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j} - \frac{x_i-\mu}{n(\sigma^2+\epsilon)}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j}(x_j-\mu)\right)",
    "lhs, factored 1/sqrt", "gamma/s (g_i - mean g - (x_i-mu)/(n s^2) sum g_j (x_j-mu))",
    lambda e: bn_right(e), R)
add(P, T, r"\frac{\gamma}{n\sqrt{\sigma^{2}+\varepsilon}}\left(n\frac{\partial L}{\partial \bar{y}_i} - \sum_{j}\frac{\partial L}{\partial \bar{y}_j} - \frac{\hat{x}_i}{\sigma^{2}+\varepsilon}\sum_{j}\frac{\partial L}{\partial \bar{y}_j}\hat{x}_j\right)",
    "hat x = x - mu as in statement, varepsilon, sigma^{2}", "same, with hat x_i = x_i - mu",
    lambda e: bn_right(e), R)
add(P, T, r"\gamma(\sigma^2+\epsilon)^{-1/2}\left(\frac{\partial L}{\partial \bar{y}_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j}\right) - \frac{\gamma}{n}(x_i-\mu)(\sigma^2+\epsilon)^{-3/2}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j}(x_j-\mu)",
    "negative powers", "gamma s^-1 (g_i - mean g) - gamma/n (x_i-mu) s^-3 sum g_j (x_j-mu)",
    lambda e: bn_right(e), R)
add(P, T, r"\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j}\,\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\delta_{ij} - \frac{1}{n} - \frac{(x_i-\mu)(x_j-\mu)}{n(\sigma^2+\epsilon)}\right)",
    "Jacobian inside the sum", "sum_j g_j gamma/s (delta_ij - 1/n - h_i h_j/(n s^2))",
    lambda e: sum(e["g"][j] * e["gamma"] / np.sqrt(e["s2"] + e["eps"])
                  * (d(e["i"], j) - 1 / e["n"] - (e["x"][e["i"]] - e["mu"]) * (e["x"][j] - e["mu"])
                     / (e["n"] * (e["s2"] + e["eps"]))) for j in range(1, e["n"] + 1)), R)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\frac{\partial L}{\partial \bar{y}_i} - \frac{\gamma}{n\sqrt{\sigma^2+\epsilon}}\sum_{j}\frac{\partial L}{\partial \bar{y}_j} - \frac{\gamma (x_i-\mu)}{n(\sigma^2+\epsilon)^{3/2}}\sum_{j}(x_j-\mu)\frac{\partial L}{\partial \bar{y}_j}",
    "three terms expanded", "gamma/s g_i - gamma/(n s) sum g - gamma h_i/(n s^3) sum h_j g_j",
    lambda e: bn_right(e), R)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\varepsilon}}\left(\partial L/\partial \bar{y}_i - 1/n\sum_{j=1}^{n}\partial L/\partial \bar{y}_j - \frac{\hat{x}_i}{n(\sigma^2+\varepsilon)}\sum_{j=1}^{n}\hat{x}_j\,\partial L/\partial \bar{y}_j\right)",
    "slash partials, hat x = x - mu", "same as reference",
    lambda e: bn_right(e), R)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2}}\left(\frac{\partial L}{\partial \bar{y}_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j} - \frac{x_i-\mu}{n\sigma^2}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j}(x_j-\mu)\right)",
    "missing epsilon", "reference with eps = 0",
    lambda e: bn_right(e, eps_on=False), W)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial \bar{y}_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j}\right)",
    "variance treated as constant", "gamma/s (g_i - mean g)",
    lambda e: bn_right(e, var_path=0.0), W)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial \bar{y}_i} - \frac{x_i-\mu}{n(\sigma^2+\epsilon)}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j}(x_j-\mu)\right)",
    "mean path dropped", "gamma/s (g_i - h_i/(n s^2) sum g h)",
    lambda e: bn_right(e, mean_path=0.0), W)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial \bar{y}_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j} + \frac{x_i-\mu}{n(\sigma^2+\epsilon)}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j}(x_j-\mu)\right)",
    "sign flip on variance term", "variance term added",
    lambda e: bn_right(e, var_path=-1.0), W)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial \bar{y}_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j} - \frac{x_i-\mu}{\sigma^2+\epsilon}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j}(x_j-\mu)\right)",
    "missing 1/n on variance term", "variance term without 1/n",
    lambda e: bn_right(e, third_div_n=False), W)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial \bar{y}_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j} - \frac{x_i-\mu}{n\sqrt{\sigma^2+\epsilon}}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar{y}_j}(x_j-\mu)\right)",
    "wrong power of the std", "variance term over s instead of s^2",
    lambda e: bn_right(e, third_pow=1), W)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\frac{\partial L}{\partial \bar{y}_i}", "only the direct path",
    "gamma/s g_i", lambda e: bn_right(e, var_path=0.0, mean_path=0.0), W)

# ---- hw3_4a : Adam --------------------------------------------------------
# m_update env: b1, m_prev, g (vector g_t);  v_update env: b2, v_prev, g
# unrolled env: b, t, G (rows 0..t, G[0] a stray g_0);  m_constant env: b1, t, g
P = "hw3_4a"
T = "m_update"
add(P, T, r"m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t", "lhs =, textbook",
    "b1 m_{t-1} + (1-b1) g_t", lambda e: e["b1"] * e["m_prev"] + (1 - e["b1"]) * e["g"], R)
add(P, T, r"\beta_{1} m_{t-1} + (1-\beta_{1}) g_t", "braced subscripts, no lhs",
    "b1 m_{t-1} + (1-b1) g_t", lambda e: e["b1"] * e["m_prev"] + (1 - e["b1"]) * e["g"], R)
add(P, T, r"m_t \leftarrow \beta_1 \cdot m_{t-1} + (1 - \beta_1) \cdot g_t", "leftarrow, cdots",
    "b1 m_{t-1} + (1-b1) g_t", lambda e: e["b1"] * e["m_prev"] + (1 - e["b1"]) * e["g"], R)
add(P, T, r"(1-\beta_1)g_t + \beta_1 m_{t-1}", "terms swapped in order",
    "(1-b1) g_t + b1 m_{t-1}", lambda e: (1 - e["b1"]) * e["g"] + e["b1"] * e["m_prev"], R)
add(P, T, r"m_{t-1} + (1-\beta_1)(g_t - m_{t-1})", "incremental form",
    "m_{t-1} + (1-b1)(g_t - m_{t-1})", lambda e: e["m_prev"] + (1 - e["b1"]) * (e["g"] - e["m_prev"]), R)
add(P, T, r"\beta_1 m_{t-1} + g_t - \beta_1 g_t", "expanded",
    "b1 m_{t-1} + g_t - b1 g_t", lambda e: e["b1"] * e["m_prev"] + e["g"] - e["b1"] * e["g"], R)
add(P, T, r"(1-\beta_1)m_{t-1} + \beta_1 g_t", "beta and 1-beta swapped",
    "(1-b1) m_{t-1} + b1 g_t", lambda e: (1 - e["b1"]) * e["m_prev"] + e["b1"] * e["g"], W)
add(P, T, r"m_t = \beta_1 m_{t-1} + g_t", "missing (1-beta_1)",
    "b1 m_{t-1} + g_t", lambda e: e["b1"] * e["m_prev"] + e["g"], W)
add(P, T, r"\beta_1 m_{t-1} + (1-\beta_1) g_t^2", "squared gradient in m",
    "b1 m_{t-1} + (1-b1) g_t^2", lambda e: e["b1"] * e["m_prev"] + (1 - e["b1"]) * e["g"] ** 2, W)
add(P, T, r"\beta_1 m_{t-1} - (1-\beta_1) g_t", "sign flip",
    "b1 m_{t-1} - (1-b1) g_t", lambda e: e["b1"] * e["m_prev"] - (1 - e["b1"]) * e["g"], W)
add(P, T, r"m_t = \frac{\beta_1 m_{t-1} + (1-\beta_1) g_t}{1-\beta_1^t}", "bias correction put into m_t",
    "(b1 m_{t-1} + (1-b1) g_t)/(1-b1^t)",
    lambda e: (e["b1"] * e["m_prev"] + (1 - e["b1"]) * e["g"]) / (1 - e["b1"] ** e["t"]), W)

T = "v_update"
add(P, T, r"v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2", "lhs =, textbook",
    "b2 v_{t-1} + (1-b2) g_t^2", lambda e: e["b2"] * e["v_prev"] + (1 - e["b2"]) * e["g"] ** 2, R)
add(P, T, r"\beta_{2} v_{t-1} + (1-\beta_{2})\, g_t \odot g_t", "odot",
    "b2 v_{t-1} + (1-b2) g_t*g_t", lambda e: e["b2"] * e["v_prev"] + (1 - e["b2"]) * e["g"] * e["g"], R)
add(P, T, r"(1-\beta_2) g_t^{2} + \beta_2 v_{t-1}", "order swapped, braced power",
    "(1-b2) g_t^2 + b2 v_{t-1}", lambda e: (1 - e["b2"]) * e["g"] ** 2 + e["b2"] * e["v_prev"], R)
add(P, T, r"v_t \leftarrow \beta_2 \cdot v_{t-1} + (1-\beta_2) \cdot (g_t)^2", "leftarrow, parenthesised g",
    "b2 v_{t-1} + (1-b2) g_t^2", lambda e: e["b2"] * e["v_prev"] + (1 - e["b2"]) * e["g"] ** 2, R)
add(P, T, r"v_{t-1} + (1-\beta_2)\left(g_t^2 - v_{t-1}\right)", "incremental form",
    "v_{t-1} + (1-b2)(g_t^2 - v_{t-1})",
    lambda e: e["v_prev"] + (1 - e["b2"]) * (e["g"] ** 2 - e["v_prev"]), R)
add(P, T, r"(1-\beta_2)v_{t-1} + \beta_2 g_t^2", "beta and 1-beta swapped",
    "(1-b2) v_{t-1} + b2 g_t^2", lambda e: (1 - e["b2"]) * e["v_prev"] + e["b2"] * e["g"] ** 2, W)
add(P, T, r"\beta_2 v_{t-1} + (1-\beta_2) g_t", "gradient not squared",
    "b2 v_{t-1} + (1-b2) g_t", lambda e: e["b2"] * e["v_prev"] + (1 - e["b2"]) * e["g"], W)
add(P, T, r"\beta_2 v_{t-1} + (1-\beta_2)^2 g_t^2", "squared the weight too",
    "b2 v_{t-1} + (1-b2)^2 g_t^2", lambda e: e["b2"] * e["v_prev"] + (1 - e["b2"]) ** 2 * e["g"] ** 2, W)
add(P, T, r"v_t = \beta_2 v_{t-1} + g_t^2", "missing (1-beta_2)",
    "b2 v_{t-1} + g_t^2", lambda e: e["b2"] * e["v_prev"] + e["g"] ** 2, W)
add(P, T, r"\beta_1 v_{t-1} + (1-\beta_1) g_t^2", "beta_1 instead of beta_2",
    "b1 v_{t-1} + (1-b1) g_t^2", lambda e: e["b1"] * e["v_prev"] + (1 - e["b1"]) * e["g"] ** 2, W)


def unr(e, lo, hi, w, sq=False, idx=lambda t, i: i, pw=lambda t, i: t - i):
    """sum_{i=lo}^{hi} w * b^{pw(t,i)} * G[idx(t,i)] (squared if sq)."""
    t, b, G = e["t"], e["b"], e["G"]
    tot = 0.0
    for i in range(lo, hi + 1):
        gi = G[idx(t, i)]
        tot = tot + w * b ** pw(t, i) * (gi ** 2 if sq else gi)
    return tot


T = "m_unrolled"
add(P, T, r"m_t = (1-\beta_1)\sum_{i=1}^{t}\beta_1^{t-i} g_i", "lhs, textbook",
    "(1-b1) sum_{i=1}^t b1^{t-i} g_i", lambda e: unr(e, 1, e["t"], 1 - e["b"]), R)
add(P, T, r"\sum_{i=1}^{t} (1-\beta_1)\beta_1^{t-i} g_i", "weight inside the sum",
    "sum_{i=1}^t (1-b1) b1^{t-i} g_i", lambda e: unr(e, 1, e["t"], 1 - e["b"]), R)
add(P, T, r"(1-\beta_{1})\sum_{k=1}^{t}\beta_{1}^{t-k}g_{k}", "index k, braces",
    "(1-b1) sum_k b1^{t-k} g_k", lambda e: unr(e, 1, e["t"], 1 - e["b"]), R)
add(P, T, r"(1-\beta_1)\sum_{k=0}^{t-1}\beta_1^{k} g_{t-k}", "reindexed from 0 (correctly)",
    "(1-b1) sum_{k=0}^{t-1} b1^k g_{t-k}",
    lambda e: unr(e, 0, e["t"] - 1, 1 - e["b"], idx=lambda t, k: t - k, pw=lambda t, k: k), R)
add(P, T, r"(1-\beta_1)\sum_{\tau=1}^{t}\beta_1^{t-\tau} g_\tau", "tau index",
    "(1-b1) sum_tau b1^{t-tau} g_tau", lambda e: unr(e, 1, e["t"], 1 - e["b"]), R)
add(P, T, r"\sum_{i=1}^{t}\left(\beta_1^{t-i} - \beta_1^{t-i+1}\right) g_i", "weight expanded",
    "sum (b1^{t-i} - b1^{t-i+1}) g_i",
    lambda e: sum((e["b"] ** (e["t"] - i) - e["b"] ** (e["t"] - i + 1)) * e["G"][i] for i in range(1, e["t"] + 1)), R)
add(P, T, r"(1-\beta_1)\sum_{i=0}^{t}\beta_1^{t-i} g_i", "sum index starts at 0",
    "(1-b1) sum_{i=0}^t b1^{t-i} g_i (extra g_0 term)", lambda e: unr(e, 0, e["t"], 1 - e["b"]), W)
add(P, T, r"\sum_{i=1}^{t}\beta_1^{t-i} g_i", "missing (1-beta_1)",
    "sum b1^{t-i} g_i", lambda e: unr(e, 1, e["t"], 1.0), W)
add(P, T, r"(1-\beta_1)\sum_{i=1}^{t}\beta_1^{i} g_i", "exponent i instead of t-i",
    "(1-b1) sum b1^i g_i", lambda e: unr(e, 1, e["t"], 1 - e["b"], pw=lambda t, i: i), W)
add(P, T, r"(1-\beta_1)\sum_{i=1}^{t}\beta_1^{t-i+1} g_i", "exponent off by one",
    "(1-b1) sum b1^{t-i+1} g_i", lambda e: unr(e, 1, e["t"], 1 - e["b"], pw=lambda t, i: t - i + 1), W)
add(P, T, r"\beta_1\sum_{i=1}^{t}(1-\beta_1)^{t-i} g_i", "beta and 1-beta swapped",
    "b1 sum (1-b1)^{t-i} g_i",
    lambda e: e["b"] * sum((1 - e["b"]) ** (e["t"] - i) * e["G"][i] for i in range(1, e["t"] + 1)), W)
add(P, T, r"\frac{1-\beta_1}{1-\beta_1^t}\sum_{i=1}^{t}\beta_1^{t-i} g_i", "gave hat m_t instead",
    "bias-corrected sum", lambda e: unr(e, 1, e["t"], (1 - e["b"]) / (1 - e["b"] ** e["t"])), W)

T = "v_unrolled"
add(P, T, r"v_t = (1-\beta_2)\sum_{i=1}^{t}\beta_2^{t-i} g_i^2", "lhs, textbook",
    "(1-b2) sum b2^{t-i} g_i^2", lambda e: unr(e, 1, e["t"], 1 - e["b"], sq=True), R)
add(P, T, r"\sum_{i=1}^{t}(1-\beta_{2})\beta_{2}^{t-i}\, g_i \odot g_i", "odot, weight inside",
    "sum (1-b2) b2^{t-i} g_i*g_i", lambda e: unr(e, 1, e["t"], 1 - e["b"], sq=True), R)
add(P, T, r"(1-\beta_2)\sum_{k=0}^{t-1}\beta_2^{k} g_{t-k}^2", "reindexed from 0 (correctly)",
    "(1-b2) sum_{k=0}^{t-1} b2^k g_{t-k}^2",
    lambda e: unr(e, 0, e["t"] - 1, 1 - e["b"], sq=True, idx=lambda t, k: t - k, pw=lambda t, k: k), R)
add(P, T, r"(1-\beta_2)\sum_{j=1}^{t}\beta_2^{t-j}\left(g_j\right)^2", "index j, parenthesised",
    "(1-b2) sum_j b2^{t-j} g_j^2", lambda e: unr(e, 1, e["t"], 1 - e["b"], sq=True), R)
add(P, T, r"(1-\beta_2)\sum_{i=1}^{t}\beta_2^{t-i} g_i", "gradient not squared",
    "(1-b2) sum b2^{t-i} g_i", lambda e: unr(e, 1, e["t"], 1 - e["b"]), W)
add(P, T, r"(1-\beta_2)\sum_{i=0}^{t}\beta_2^{t-i} g_i^2", "sum index starts at 0",
    "(1-b2) sum_{i=0}^t b2^{t-i} g_i^2", lambda e: unr(e, 0, e["t"], 1 - e["b"], sq=True), W)
add(P, T, r"\left((1-\beta_2)\sum_{i=1}^{t}\beta_2^{t-i} g_i\right)^2", "squared the whole average",
    "((1-b2) sum b2^{t-i} g_i)^2", lambda e: unr(e, 1, e["t"], 1 - e["b"]) ** 2, W)
add(P, T, r"\sum_{i=1}^{t}\beta_2^{t-i} g_i^2", "missing (1-beta_2)",
    "sum b2^{t-i} g_i^2", lambda e: unr(e, 1, e["t"], 1.0, sq=True), W)

T = "m_constant"
add(P, T, r"(1-\beta_1^t)\, g", "factored", "(1-b1^t) g", lambda e: (1 - e["b1"] ** e["t"]) * e["g"], R)
add(P, T, r"m_t = (1-\beta_1^{t}) g", "lhs, braced power", "(1-b1^t) g",
    lambda e: (1 - e["b1"] ** e["t"]) * e["g"], R)
add(P, T, r"g - \beta_1^t g", "expanded", "g - b1^t g", lambda e: e["g"] - e["b1"] ** e["t"] * e["g"], R)
add(P, T, r"(1-\beta_1)\sum_{i=1}^{t}\beta_1^{t-i}\, g", "geometric sum left unsummed",
    "(1-b1) sum_{i=1}^t b1^{t-i} g",
    lambda e: (1 - e["b1"]) * sum(e["b1"] ** (e["t"] - i) for i in range(1, e["t"] + 1)) * e["g"], R)
add(P, T, r"g(1-\beta_1)\frac{1-\beta_1^t}{1-\beta_1}", "geometric series formula, uncancelled",
    "g (1-b1)(1-b1^t)/(1-b1)", lambda e: e["g"] * (1 - e["b1"]) * (1 - e["b1"] ** e["t"]) / (1 - e["b1"]), R)
add(P, T, r"m_t = g\left(1 - \beta_{1}^{t}\right)", "g in front", "g (1-b1^t)",
    lambda e: e["g"] * (1 - e["b1"] ** e["t"]), R)
add(P, T, r"g", "forgot the bias (claims unbiased)", "g", lambda e: e["g"], W)
add(P, T, r"(1-\beta_1)^t g", "power on the wrong thing", "(1-b1)^t g",
    lambda e: (1 - e["b1"]) ** e["t"] * e["g"], W)
add(P, T, r"\beta_1^t g", "only the decay factor", "b1^t g", lambda e: e["b1"] ** e["t"] * e["g"], W)
add(P, T, r"(1-\beta_1) g", "one step only", "(1-b1) g", lambda e: (1 - e["b1"]) * e["g"], W)
add(P, T, r"(1-\beta_1^{t-1})\, g", "exponent off by one", "(1-b1^{t-1}) g",
    lambda e: (1 - e["b1"] ** (e["t"] - 1)) * e["g"], W)
add(P, T, r"t(1-\beta_1) g", "summed weights without decay", "t (1-b1) g",
    lambda e: e["t"] * (1 - e["b1"]) * e["g"], W)
add(P, T, r"\frac{g}{1-\beta_1^t}", "inverted the correction", "g/(1-b1^t)",
    lambda e: e["g"] / (1 - e["b1"] ** e["t"]), W)

# ---- hw3_4b : L2 vs weight decay -------------------------------------------
# env: theta (vector theta_t), G (= grad f(theta_t), vector), lam, eta
P = "hw3_4b"
T = "grad_reg"
add(P, T, r"\nabla f^{\mathrm{reg}}_t(\theta) = \nabla f_t(\theta) + \lambda\theta", "lhs, statement notation",
    "grad f + lam theta", lambda e: e["G"] + e["lam"] * e["theta"], R)
add(P, T, r"\nabla f_t(\theta) + \lambda\theta", "no lhs", "grad f + lam theta",
    lambda e: e["G"] + e["lam"] * e["theta"], R)
add(P, T, r"\nabla_\theta f_t(\theta) + \lambda \theta", "nabla_theta", "grad f + lam theta",
    lambda e: e["G"] + e["lam"] * e["theta"], R)
add(P, T, r"\lambda\theta + \nabla f_t(\theta)", "order swapped", "lam theta + grad f",
    lambda e: e["lam"] * e["theta"] + e["G"], R)
add(P, T, r"\nabla f_t(\theta) + \frac{\lambda}{2}\cdot 2\theta", "unsimplified 2/2", "grad f + lam/2 * 2 theta",
    lambda e: e["G"] + e["lam"] / 2 * 2 * e["theta"], R)
add(P, T, r"\nabla_\theta f(\theta) + \lambda\theta", "f without subscript t", "grad f + lam theta",
    lambda e: e["G"] + e["lam"] * e["theta"], R)
add(P, T, r"\nabla f_t(\theta) + \frac{\lambda}{2}\theta", "forgot the 2 from the square",
    "grad f + lam/2 theta", lambda e: e["G"] + e["lam"] / 2 * e["theta"], W)
add(P, T, r"\nabla f_t(\theta) + 2\lambda\theta", "extra factor 2", "grad f + 2 lam theta",
    lambda e: e["G"] + 2 * e["lam"] * e["theta"], W)
add(P, T, r"\nabla f_t(\theta) - \lambda\theta", "sign flip", "grad f - lam theta",
    lambda e: e["G"] - e["lam"] * e["theta"], W)
add(P, T, r"\nabla f_t(\theta) + \lambda", "dropped theta", "grad f + lam",
    lambda e: e["G"] + e["lam"], W)
add(P, T, r"\nabla f_t(\theta) + \lambda\|\theta\|_2", "norm instead of vector",
    "grad f + lam ||theta||", lambda e: e["G"] + e["lam"] * np.linalg.norm(e["theta"]), W)
add(P, T, r"\lambda\theta", "regulariser gradient only", "lam theta", lambda e: e["lam"] * e["theta"], W)

T = "sgd_l2_step"
add(P, T, r"\theta_{t+1} = \theta_t - \eta\left(\nabla f_t(\theta_t) + \lambda\theta_t\right)", "lhs, factored",
    "theta - eta (G + lam theta)", lambda e: e["theta"] - e["eta"] * (e["G"] + e["lam"] * e["theta"]), R)
add(P, T, r"\theta_{t+1} = (1-\eta\lambda)\theta_t - \eta\nabla f_t(\theta_t)", "weight-decay shape",
    "(1 - eta lam) theta - eta G", lambda e: (1 - e["eta"] * e["lam"]) * e["theta"] - e["eta"] * e["G"], R)
add(P, T, r"\theta_t - \eta\nabla f_t(\theta_t) - \eta\lambda\theta_t", "expanded, no lhs",
    "theta - eta G - eta lam theta", lambda e: e["theta"] - e["eta"] * e["G"] - e["eta"] * e["lam"] * e["theta"], R)
add(P, T, r"\theta_{t+1} = \theta_t - \eta(\nabla f(\theta_t) + \lambda\theta_t)", "f without subscript t",
    "theta - eta (G + lam theta)", lambda e: e["theta"] - e["eta"] * (e["G"] + e["lam"] * e["theta"]), R)
add(P, T, r"\theta_{t+1} \leftarrow \theta_t(1-\eta\lambda) - \eta\nabla_\theta f_t(\theta_t)", "leftarrow, nabla_theta",
    "theta (1 - eta lam) - eta G", lambda e: e["theta"] * (1 - e["eta"] * e["lam"]) - e["eta"] * e["G"], R)
add(P, T, r"\theta_{t+1} = \theta_t - \eta\nabla f_t(\theta_t) - \lambda\theta_t", "eta missing on decay term",
    "theta - eta G - lam theta", lambda e: e["theta"] - e["eta"] * e["G"] - e["lam"] * e["theta"], W)
add(P, T, r"(1-\lambda)\theta_t - \eta\nabla f_t(\theta_t)", "gamma = lambda",
    "(1 - lam) theta - eta G", lambda e: (1 - e["lam"]) * e["theta"] - e["eta"] * e["G"], W)
add(P, T, r"\theta_{t+1} = \theta_t + \eta\left(\nabla f_t(\theta_t) + \lambda\theta_t\right)", "ascent sign",
    "theta + eta (G + lam theta)", lambda e: e["theta"] + e["eta"] * (e["G"] + e["lam"] * e["theta"]), W)
add(P, T, r"\left(1-\frac{\eta\lambda}{2}\right)\theta_t - \eta\nabla f_t(\theta_t)", "lambda/2 kept",
    "(1 - eta lam/2) theta - eta G", lambda e: (1 - e["eta"] * e["lam"] / 2) * e["theta"] - e["eta"] * e["G"], W)
add(P, T, r"(1-\eta\lambda)\theta_t - \nabla f_t(\theta_t)", "eta dropped on gradient",
    "(1 - eta lam) theta - G", lambda e: (1 - e["eta"] * e["lam"]) * e["theta"] - e["G"], W)
add(P, T, r"\theta_t - \eta\left(\nabla f_t(\theta_t) - \lambda\theta_t\right)", "sign flip on decay",
    "theta - eta (G - lam theta)", lambda e: e["theta"] - e["eta"] * (e["G"] - e["lam"] * e["theta"]), W)

T = "gamma_for_equivalence"
add(P, T, r"\gamma = \eta\lambda", "lhs", "eta lam", lambda e: e["eta"] * e["lam"], R)
add(P, T, r"\eta\lambda", "bare", "eta lam", lambda e: e["eta"] * e["lam"], R)
add(P, T, r"\lambda\eta", "order swapped", "lam eta", lambda e: e["lam"] * e["eta"], R)
add(P, T, r"\gamma = \lambda \cdot \eta", "cdot", "lam eta", lambda e: e["lam"] * e["eta"], R)
add(P, T, r"\eta \cdot \lambda", "bare cdot", "eta lam", lambda e: e["eta"] * e["lam"], R)
add(P, T, r"\gamma = \frac{\eta\lambda}{1}", "unsimplified fraction", "eta lam", lambda e: e["eta"] * e["lam"], R)
add(P, T, r"\gamma = \lambda", "gamma = lambda", "lam", lambda e: e["lam"], W)
add(P, T, r"\eta", "step size only", "eta", lambda e: e["eta"], W)
add(P, T, r"\frac{\eta\lambda}{2}", "lambda/2 kept", "eta lam / 2", lambda e: e["eta"] * e["lam"] / 2, W)
add(P, T, r"\gamma = 1-\eta\lambda", "gave the decay factor", "1 - eta lam", lambda e: 1 - e["eta"] * e["lam"], W)
add(P, T, r"\frac{\lambda}{\eta}", "ratio", "lam/eta", lambda e: e["lam"] / e["eta"], W)
add(P, T, r"\gamma = -\eta\lambda", "sign flip", "-eta lam", lambda e: -e["eta"] * e["lam"], W)

# ---- extra right answers (more styles) ---------------------------------------
P, T = "hw3_3b", "dy_dx"
add(P, T, r"\frac{\partial y_j}{\partial x_i} = \gamma\delta_{ij} - \gamma\frac{1}{n}", "lhs, gamma times 1/n",
    "gamma delta_ij - gamma/n", lambda e: e["gamma"] * d(e["i"], e["j"]) - e["gamma"] / e["n"], R)
add(P, T, r"\gamma[i=j] - \gamma/n", "Iverson expanded", "gamma [i=j] - gamma/n",
    lambda e: e["gamma"] * d(e["i"], e["j"]) - e["gamma"] / e["n"], R)
add(P, T, r"-\frac{\gamma}{n} + \gamma\delta_{ij}", "mean term first", "-gamma/n + gamma delta_ij",
    lambda e: -e["gamma"] / e["n"] + e["gamma"] * d(e["i"], e["j"]), R)
T = "dL_dx"
add(P, T, r"\gamma\left(\partial L/\partial y_i - \frac{1}{n}\sum_{j=1}^{n} \partial L/\partial y_j\right)", "slash partials",
    "gamma (g_i - mean g)", lambda e: e["gamma"] * (e["g"][e["i"]] - S(e["g"], 1, e["n"]) / e["n"]), R)
add(P, T, r"\gamma \sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\left(\delta_{ij} - \frac{1}{n}\right)", "gamma outside, delta",
    "gamma sum_j g_j (delta_ij - 1/n)",
    lambda e: e["gamma"] * sum(e["g"][j] * (d(e["i"], j) - 1 / e["n"]) for j in range(1, e["n"] + 1)), R)
add(P, T, r"\gamma\frac{\partial L}{\partial y_i} - \frac{\gamma}{n}\frac{\partial L}{\partial y_i} - \frac{\gamma}{n}\sum_{j\neq i}\frac{\partial L}{\partial y_j}",
    "j=i term split, sum j!=i", "gamma g_i - gamma/n g_i - gamma/n sum_{j!=i} g_j",
    lambda e: e["gamma"] * e["g"][e["i"]] - e["gamma"] / e["n"] * e["g"][e["i"]]
    - e["gamma"] / e["n"] * (S(e["g"], 1, e["n"]) - e["g"][e["i"]]), R)
add(P, T, r"\frac{\gamma}{n}\sum_{j=1}^{n}\left(\frac{\partial L}{\partial y_i} - \frac{\partial L}{\partial y_j}\right)", "pairwise differences",
    "(gamma/n) sum_j (g_i - g_j)",
    lambda e: e["gamma"] / e["n"] * sum(e["g"][e["i"]] - e["g"][j] for j in range(1, e["n"] + 1)), R)
T = "dL_dx_n1"
add(P, T, r"0 \cdot \frac{\partial L}{\partial y_1}", "zero times upstream", "0 g_1", lambda e: 0 * e["g"][1], R)
T = "dL_dx_n3"
add(P, T, r"\frac{\gamma}{3}\sum_{j=1}^{3}\left(\frac{\partial L}{\partial y_i} - \frac{\partial L}{\partial y_j}\right)", "pairwise differences",
    "gamma/3 sum_j (g_i - g_j)", lambda e: e["gamma"] / 3 * sum(e["g"][e["i"]] - e["g"][j] for j in (1, 2, 3)), R)
add(P, T, r"\gamma\left(\frac{2}{3}\frac{\partial L}{\partial y_i} - \frac{1}{3}\sum_{j\neq i}\frac{\partial L}{\partial y_j}\right)", "2/3 inside",
    "gamma (2/3 g_i - 1/3 sum_{j!=i} g_j)",
    lambda e: e["gamma"] * (2 / 3 * e["g"][e["i"]] - (S(e["g"], 1, 3) - e["g"][e["i"]]) / 3), R)
T = "batchnorm_dL_dx"
add(P, T, r"\frac{\gamma}{n\sqrt{\sigma^2+\epsilon}}\sum_{j=1}^{n}\left(n\delta_{ij} - 1 - \frac{\hat{x}_i\hat{x}_j}{\sigma^2+\epsilon}\right)\frac{\partial L}{\partial \bar{y}_j}",
    "n delta form, hat x = x - mu", "gamma/(n s) sum_j (n delta_ij - 1 - h_i h_j/s^2) g_j",
    lambda e: e["gamma"] / (e["n"] * np.sqrt(e["s2"] + e["eps"])) * sum(
        (e["n"] * d(e["i"], j) - 1 - (e["x"][e["i"]] - e["mu"]) * (e["x"][j] - e["mu"]) / (e["s2"] + e["eps"]))
        * e["g"][j] for j in range(1, e["n"] + 1)), R)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^{2}+\varepsilon}}\left[\frac{\partial L}{\partial \bar{y}_i} - \frac{1}{n}\sum_{j}\frac{\partial L}{\partial \bar{y}_j} - \frac{(x_i-\mu)\sum_{j}(x_j-\mu)\frac{\partial L}{\partial \bar{y}_j}}{n\left(\sigma^{2}+\varepsilon\right)}\right]",
    "brackets, varepsilon", "same as reference", lambda e: bn_right(e), R)

P, T = "hw3_4a", "m_update"
add(P, T, r"m_t = \beta_{1}m_{t-1} + (1-\beta_{1})\,g_{t}", "braced everything",
    "b1 m_{t-1} + (1-b1) g_t", lambda e: e["b1"] * e["m_prev"] + (1 - e["b1"]) * e["g"], R)
add(P, T, r"\beta_1 m_{t-1} + \left(1-\beta_1\right)\nabla f_t(\theta_{t-1})", "g_t written as the gradient",
    "b1 m_{t-1} + (1-b1) grad f_t(theta_{t-1}) = ... g_t",
    lambda e: e["b1"] * e["m_prev"] + (1 - e["b1"]) * e["g"], R)
T = "v_update"
add(P, T, r"v_t = \beta_{2}v_{t-1} + (1-\beta_{2})g_{t}^{2}", "braced everything",
    "b2 v_{t-1} + (1-b2) g_t^2", lambda e: e["b2"] * e["v_prev"] + (1 - e["b2"]) * e["g"] ** 2, R)
add(P, T, r"\beta_2 v_{t-1} + g_t^2 - \beta_2 g_t^2", "expanded",
    "b2 v_{t-1} + g_t^2 - b2 g_t^2", lambda e: e["b2"] * e["v_prev"] + e["g"] ** 2 - e["b2"] * e["g"] ** 2, R)
T = "m_unrolled"
add(P, T, r"m_t = \sum_{i=1}^{t}\beta_1^{t-i}(1-\beta_1)g_i", "lhs, weight after power",
    "sum b1^{t-i}(1-b1) g_i", lambda e: unr(e, 1, e["t"], 1 - e["b"]), R)
add(P, T, r"(1-\beta_1)\sum_{s=1}^{t}\beta_1^{\,t-s}\, g_s", "index s, thin spaces",
    "(1-b1) sum_s b1^{t-s} g_s", lambda e: unr(e, 1, e["t"], 1 - e["b"]), R)
T = "v_unrolled"
add(P, T, r"\sum_{i=1}^{t}\beta_2^{t-i}(1-\beta_2)g_i^2", "weight after power",
    "sum b2^{t-i}(1-b2) g_i^2", lambda e: unr(e, 1, e["t"], 1 - e["b"], sq=True), R)
add(P, T, r"(1-\beta_{2})\sum_{\tau=1}^{t}\beta_{2}^{t-\tau}g_{\tau}^{2}", "tau index, braces",
    "(1-b2) sum_tau b2^{t-tau} g_tau^2", lambda e: unr(e, 1, e["t"], 1 - e["b"], sq=True), R)
add(P, T, r"\sum_{i=1}^{t}\left(\beta_2^{t-i}-\beta_2^{t-i+1}\right)g_i^2", "weight expanded",
    "sum (b2^{t-i} - b2^{t-i+1}) g_i^2",
    lambda e: sum((e["b"] ** (e["t"] - i) - e["b"] ** (e["t"] - i + 1)) * e["G"][i] ** 2 for i in range(1, e["t"] + 1)), R)
T = "m_constant"
add(P, T, r"\left(1-\beta_1^t\right)g", "left/right parens", "(1-b1^t) g",
    lambda e: (1 - e["b1"] ** e["t"]) * e["g"], R)
add(P, T, r"(1-\beta_{1}^{t})\cdot g", "cdot, braces", "(1-b1^t) g",
    lambda e: (1 - e["b1"] ** e["t"]) * e["g"], R)

P, T = "hw3_4b", "grad_reg"
add(P, T, r"\nabla f_t(\theta) + \lambda \cdot \theta", "cdot", "grad f + lam theta",
    lambda e: e["G"] + e["lam"] * e["theta"], R)
add(P, T, r"\nabla_{\theta} f^{\mathrm{reg}}_t(\theta) = \nabla_{\theta} f_t(\theta) + \lambda\theta", "lhs, nabla_{theta}",
    "grad f + lam theta", lambda e: e["G"] + e["lam"] * e["theta"], R)
T = "sgd_l2_step"
add(P, T, r"\theta_{t+1} = \theta_t - \eta\lambda\theta_t - \eta\nabla f(\theta_t)", "decay term first",
    "theta - eta lam theta - eta G", lambda e: e["theta"] - e["eta"] * e["lam"] * e["theta"] - e["eta"] * e["G"], R)
add(P, T, r"(1-\lambda\eta)\theta_t - \eta\nabla_\theta f_t(\theta_t)", "lambda eta order",
    "(1 - lam eta) theta - eta G", lambda e: (1 - e["lam"] * e["eta"]) * e["theta"] - e["eta"] * e["G"], R)
T = "gamma_for_equivalence"
add(P, T, r"\gamma=\eta\cdot\lambda", "lhs cdot, no spaces", "eta lam", lambda e: e["eta"] * e["lam"], R)


# ===========================================================================
# references and evaluation points
# ===========================================================================
def rnd_gamma(rng):
    return float(rng.choice([-1, 1]) * rng.uniform(0.3, 2.0))


def fd_grad(f, x, h=1e-6):
    """central finite differences of scalar f at 1-based x (x[0] unused)."""
    out = np.zeros_like(x)
    for k in range(1, len(x)):
        xp, xm = x.copy(), x.copy()
        xp[k] += h
        xm[k] -= h
        out[k] = (f(xp) - f(xm)) / (2 * h)
    return out


def cross(ok, what):
    if not ok:
        raise SystemExit("reference cross-check failed: " + what)


def meanc_forward(x, n, gamma, beta):
    mu = x[1:n + 1].mean()
    y = np.zeros_like(x)
    y[1:] = gamma * (x[1:] - mu) + beta
    return y


def loss_of_y(y, c, dd):
    return float(np.sum(c[1:] * y[1:]) + np.sum(dd[1:] * y[1:] ** 2))


def cases_3b(target, rng):
    out = []
    if target == "dy_dx":
        for n in range(1, 6):
            for _ in range(3):
                ga, be = rnd_gamma(rng), rng.normal()
                x = np.r_[0.0, rng.normal(size=n)]
                for j in range(1, n + 1):
                    fd = fd_grad(lambda xx: meanc_forward(xx, n, ga, be)[j], x)
                    for i in range(1, n + 1):
                        ref = ga * (d(i, j) - 1 / n)                     # hand derivation
                        cross(abs(fd[i] - ref) < 1e-6, "dy_dx")
                        out.append((dict(n=n, i=i, j=j, gamma=ga), ref))
        return out
    if target in ("dL_dx", "dL_dx_n1", "dL_dx_n3"):
        ns = {"dL_dx": range(1, 6), "dL_dx_n1": [1], "dL_dx_n3": [3]}[target]
        for n in ns:
            for _ in range(10 if target == "dL_dx_n1" else 5):
                ga, be = rnd_gamma(rng), rng.normal()
                x = np.r_[0.0, rng.normal(size=n)]
                c, dd = np.r_[0.0, rng.normal(size=n)], np.r_[0.0, rng.normal(size=n)]
                y = meanc_forward(x, n, ga, be)
                g = c + 2 * dd * y                    # dL/dy_j, known exactly
                g[0] = rng.normal()                   # a stray "dL/dy_0" for j=0 sums
                fd = fd_grad(lambda xx: loss_of_y(meanc_forward(xx, n, ga, be), c, dd), x)
                for i in range(1, n + 1):
                    ref = ga * (g[i] - g[1:n + 1].sum() / n)             # hand derivation
                    cross(abs(fd[i] - ref) < 1e-6 * (1 + abs(ref)), target)
                    if n == 1:
                        cross(abs(ref) < 1e-12, "n=1 is zero")
                    out.append((dict(n=n, i=i, gamma=ga, g=g), ref))
        return out
    if target == "batchnorm_dL_dx":
        for n in range(1, 6):
            for _ in range(5):
                ga, be = rnd_gamma(rng), rng.normal()
                eps = float(rng.uniform(0.05, 1.0))
                x = np.r_[0.0, rng.normal(size=n) * rng.uniform(0.5, 2.0)]
                c, dd = np.r_[0.0, rng.normal(size=n)], np.r_[0.0, rng.normal(size=n)]

                def fwd(xx):
                    mu_ = xx[1:n + 1].mean()
                    s2_ = np.mean((xx[1:n + 1] - mu_) ** 2)
                    yb = np.zeros_like(xx)
                    yb[1:] = ga * (xx[1:] - mu_) / np.sqrt(s2_ + eps) + be
                    return yb
                yb = fwd(x)
                g = c + 2 * dd * yb
                g[0] = rng.normal()
                mu = float(x[1:].mean())
                s2 = float(np.mean((x[1:] - mu) ** 2))
                fd = fd_grad(lambda xx: loss_of_y(fwd(xx), c, dd), x, h=1e-5)
                s = np.sqrt(s2 + eps)
                h = x - mu
                for i in range(1, n + 1):
                    # hand derivation: gamma/s (g_i - mean g - h_i/(n s^2) sum_j g_j h_j)
                    ref = ga / s * (g[i] - g[1:].sum() / n - h[i] / (n * s * s) * np.sum(g[1:] * h[1:]))
                    cross(abs(fd[i] - ref) < 1e-6 * (1 + abs(ref)), "batchnorm")
                    out.append((dict(n=n, i=i, gamma=ga, eps=eps, x=x, mu=mu, s2=s2, g=g), ref))
        return out
    raise KeyError(target)


def adam_moments(b1, b2, G):
    """Algorithm 1 recurrence, m_0 = v_0 = 0; G rows 1..T are g_1..g_T."""
    T = len(G) - 1
    m = np.zeros_like(G)
    v = np.zeros_like(G)
    for t in range(1, T + 1):
        m[t] = b1 * m[t - 1] + (1 - b1) * G[t]
        v[t] = b2 * v[t - 1] + (1 - b2) * G[t] ** 2
    return m, v


def cases_4a(target, rng):
    out = []
    for _ in range(6):
        b1, b2 = float(rng.uniform(0.05, 0.95)), float(rng.uniform(0.05, 0.95))
        Tmax = 6
        G = rng.normal(size=(Tmax + 1, 3))            # G[0]: a stray g_0 for i=0 sums
        m, v = adam_moments(b1, b2, G)
        gc = rng.normal(size=3)
        mc, _ = adam_moments(b1, b2, np.vstack([np.zeros(3)] + [gc] * Tmax))
        for t in range(1, Tmax + 1):
            # hand closed forms, cross-checked against the simulated recurrence
            mu = (1 - b1) * sum(b1 ** (t - i) * G[i] for i in range(1, t + 1))
            vu = (1 - b2) * sum(b2 ** (t - i) * G[i] ** 2 for i in range(1, t + 1))
            cross(np.allclose(mu, m[t]) and np.allclose(vu, v[t]), "adam unrolled")
            cross(np.allclose((1 - b1 ** t) * gc, mc[t]), "adam constant gradient")
            if target == "m_update":
                out.append((dict(b1=b1, b2=b2, t=t, m_prev=m[t - 1], g=G[t]), m[t]))
            elif target == "v_update":
                out.append((dict(b1=b1, b2=b2, t=t, v_prev=v[t - 1], g=G[t]), v[t]))
            elif target == "m_unrolled":
                out.append((dict(b=b1, t=t, G=G), mu))
            elif target == "v_unrolled":
                out.append((dict(b=b2, t=t, G=G), vu))
            elif target == "m_constant":
                out.append((dict(b1=b1, t=t, g=gc), (1 - b1 ** t) * gc))
            else:
                raise KeyError(target)
    return out


def cases_4b(target, rng):
    out = []
    for _ in range(10):
        k = 3
        a, b, c3 = rng.normal(size=k), rng.uniform(0.1, 1.0, size=k), float(rng.normal())
        lam, eta = float(rng.uniform(0.05, 0.9)), float(rng.uniform(0.05, 0.9))
        theta = rng.normal(size=k)

        def f(th):                                   # a concrete smooth f
            return float(a @ th + b @ th ** 2 + c3 * np.sum(np.sin(th)))

        def freg(th):
            return f(th) + lam / 2 * float(th @ th)

        Gf = a + 2 * b * theta + c3 * np.cos(theta)  # grad f (hand)
        fd = fd_grad(lambda x: freg(x[1:]), np.r_[0.0, theta])[1:]
        gref = Gf + lam * theta                      # hand: grad f^reg
        cross(np.allclose(fd, gref, atol=1e-6), "grad_reg")
        sgd = theta - eta * fd                       # one SGD step on f^reg (simulated)
        step_ref = (1 - eta * lam) * theta - eta * Gf
        cross(np.allclose(sgd, step_ref, atol=1e-6), "sgd step")
        wd_gamma = (theta - eta * Gf - sgd) / theta  # gamma making weight decay equal it
        cross(np.allclose(wd_gamma, eta * lam, atol=1e-5), "gamma")
        env = dict(theta=theta, G=Gf, lam=lam, eta=eta)
        ref = {"grad_reg": gref, "sgd_l2_step": step_ref, "gamma_for_equivalence": eta * lam}[target]
        out.append((env, ref))
    return out


CASES = {}


def cases(target, rng):
    if PROBLEM[target] == "hw3_3b":
        return cases_3b(target, rng)
    if PROBLEM[target] == "hw3_4a":
        return cases_4a(target, rng)
    return cases_4b(target, rng)


def same(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=RTOL, atol=ATOL))


def main():
    rng = np.random.default_rng(SEED)
    targets = list(OrderedDict.fromkeys(a["target"] for a in ANSWERS))
    for t in targets:
        CASES[t] = cases(t, rng)
    rows, bad, num = [], [], Counter()
    for a in ANSWERS:
        pts = CASES[a["target"]]
        with np.errstate(divide="ignore", invalid="ignore"):
            ok = all(same(a["fn"](env), ref) for env, ref in pts)
        label = R if ok else W
        if label != a["expect"]:
            bad.append((a["target"], a["latex"], label))
        num[a["target"]] += 1
        rows.append(OrderedDict(
            id="c-%s-%02d" % (SHORT[a["target"]], num[a["target"]]),
            problem=a["problem"], target=a["target"], latex=a["latex"], label=label,
            style=a["style"], meaning=a["meaning"]))
    if bad:
        for b in bad:
            print("LABEL DIFFERS FROM INTENT:", b, file=sys.stderr)
        raise SystemExit(1)
    assert len({r["id"] for r in rows}) == len(rows)
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    lab = Counter(r["label"] for r in rows)
    print("answers: %d  targets: %d  right: %d  wrong: %d"
          % (len(rows), len(targets), lab[R], lab[W]))
    for t in targets:
        c = Counter(r["label"] for r in rows if r["target"] == t)
        print("  %-8s %-22s %3d answers (%d right, %d wrong) over %d points"
              % (PROBLEM[t], t, c[R] + c[W], c[R], c[W], len(CASES[t])))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
