"""Independent corpus E of student-style answers over twelve problems.

Each answer carries a hand translation of its LaTeX (a numpy function); labels come from
comparing it with an independent numpy reference per target at many random points and
sizes.  Every reference is itself cross-checked: by central finite differences of a numpy
forward pass written from the problem statement, or by simulating the recurrence.
numpy + standard library only; fixed seed; deterministic.

    python tests/corpus/build_e.py   ->  tests/corpus/answers_e.jsonl
"""
import json
import os
import sys
from collections import Counter, OrderedDict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "answers_e.jsonl")
SEED = 20250611
RTOL, ATOL = 1e-8, 1e-10
R, W = "right", "wrong"

ANSWERS = []
PROBLEM = {}


def add(problem, target, latex, style, meaning, fn, expect):
    """fn(env) -> what the LaTeX means; expect: the label I intend (asserted)."""
    key = (problem, target)
    PROBLEM[key] = problem
    ANSWERS.append(dict(problem=problem, target=target, latex=latex, style=style,
                        meaning=meaning, fn=fn, expect=expect))


NAN = float("nan")


def d(a, b):
    return 1.0 if a == b else 0.0


def at(M, *idx):
    """M[idx], or nan when an index is out of range (a student's index that cannot exist)."""
    M = np.asarray(M)
    for k, n in zip(idx, M.shape):
        if k < 0 or k >= n:
            return NAN
    return float(M[idx])


def sig(u):
    return 1.0 / (1.0 + np.exp(-u))


def dsig(u):
    return sig(u) * (1.0 - sig(u))


def col(v):
    return np.asarray(v, dtype=float).reshape(-1, 1)


def diag(v):
    return np.diag(np.asarray(v, dtype=float).ravel())


# shorthand for LaTeX pieces
dLy = lambda s: r"\frac{\partial L}{\partial y_{%s}}" % s if len(s) > 1 else r"\frac{\partial L}{\partial y_%s}" % s
F3Y = r"\frac{\partial f_3(y, \theta_3)}{\partial y}"
F2T = r"\frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \tilde{y}}"
F1T1 = r"\frac{\partial f_1(x, \theta_1)}{\partial \theta_1}"
F2T2 = r"\frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \theta_2}"
F3T3 = r"\frac{\partial f_3(y, \theta_3)}{\partial \theta_3}"


# ===========================================================================
# answers
# ===========================================================================
# ---- exercise13 (env: W n*m, x m, b n, yt, y; indices k, i, j 0-based) -----
P = "exercise13"
T = "dy_dW"
add(P, T, r"\sigma'(\tilde{y}_k)\,\delta_{ki}\,x_j", "sigma', delta",
    "s'(yt_k) delta_ki x_j", lambda e: dsig(e["yt"][e["k"]]) * d(e["k"], e["i"]) * e["x"][e["j"]], R)
add(P, T, r"\frac{\partial y_k}{\partial W_{ij}} = \sigma(\tilde{y}_k)\left(1-\sigma(\tilde{y}_k)\right)\delta_{ik}\, x_j",
    "lhs, sigma(1-sigma)", "s(1-s) delta_ik x_j",
    lambda e: sig(e["yt"][e["k"]]) * (1 - sig(e["yt"][e["k"]])) * d(e["i"], e["k"]) * e["x"][e["j"]], R)
add(P, T, r"y_k (1 - y_k)\, [k=i]\, x_j", "y_k(1-y_k), Iverson",
    "y_k(1-y_k)[k=i] x_j", lambda e: e["y"][e["k"]] * (1 - e["y"][e["k"]]) * d(e["k"], e["i"]) * e["x"][e["j"]], R)
add(P, T, r"\dfrac{e^{-\tilde{y}_k}}{\left(1+e^{-\tilde{y}_k}\right)^2}\mathbb{1}[i=k]\,x_j",
    "explicit exp, dfrac, indicator", "e^{-yt}/(1+e^{-yt})^2 1[i=k] x_j",
    lambda e: np.exp(-e["yt"][e["k"]]) / (1 + np.exp(-e["yt"][e["k"]])) ** 2 * d(e["i"], e["k"]) * e["x"][e["j"]], R)
add(P, T, r"\begin{cases} \sigma'(\tilde{y}_k) x_j & k = i \\ 0 & k \neq i \end{cases}", "cases",
    "s'(yt_k) x_j if k=i else 0",
    lambda e: dsig(e["yt"][e["k"]]) * e["x"][e["j"]] if e["k"] == e["i"] else 0.0, R)
add(P, T, r"\sigma'(\tilde{y}_k)\, x_j", "missing delta",
    "s'(yt_k) x_j", lambda e: dsig(e["yt"][e["k"]]) * e["x"][e["j"]], W)
add(P, T, r"\sigma'(\tilde{y}_k)\,\delta_{kj}\,x_i", "swapped i and j",
    "s'(yt_k) delta_kj x_i", lambda e: dsig(e["yt"][e["k"]]) * d(e["k"], e["j"]) * at(e["x"], e["i"]), W)
add(P, T, r"\delta_{ki} x_j", "dropped sigma' chain factor",
    "delta_ki x_j", lambda e: d(e["k"], e["i"]) * e["x"][e["j"]], W)
add(P, T, r"\sigma(\tilde{y}_k)\,\delta_{ki}\,x_j", "sigma instead of sigma'",
    "s(yt_k) delta_ki x_j", lambda e: sig(e["yt"][e["k"]]) * d(e["k"], e["i"]) * e["x"][e["j"]], W)

T = "dy_dx"
add(P, T, r"\sigma'(\tilde{y}_k)\, W_{ki}", "sigma'", "s'(yt_k) W_ki",
    lambda e: dsig(e["yt"][e["k"]]) * e["W"][e["k"], e["i"]], R)
add(P, T, r"\frac{\partial y_k}{\partial x_i} = y_k \times (1 - y_k) \times W_{ki}", "lhs, times",
    "y_k(1-y_k)W_ki", lambda e: e["y"][e["k"]] * (1 - e["y"][e["k"]]) * e["W"][e["k"], e["i"]], R)
add(P, T, r"\frac{W_{ki}}{2 + e^{-\tilde{y}_k} + e^{\tilde{y}_k}}", "write-up's cosh form",
    "W_ki/(2+e^-yt+e^yt)", lambda e: e["W"][e["k"], e["i"]] / (2 + np.exp(-e["yt"][e["k"]]) + np.exp(e["yt"][e["k"]])), R)
add(P, T, r"W_{ki}\,\sigma\left(\tilde{y}_k\right)\cdot\left(1 - \sigma\left(\tilde{y}_k\right)\right)",
    "left/right, cdot", "W_ki s (1-s)", lambda e: e["W"][e["k"], e["i"]] * dsig(e["yt"][e["k"]]), R)
add(P, T, r"\sigma'(\tilde{y}_k)\, W_{ik}", "transposed W",
    "s'(yt_k) W_ik", lambda e: dsig(e["yt"][e["k"]]) * at(e["W"], e["i"], e["k"]), W)
add(P, T, r"y_k (1 + y_k) W_{ki}", "sign flip in sigma'",
    "y_k(1+y_k) W_ki", lambda e: e["y"][e["k"]] * (1 + e["y"][e["k"]]) * e["W"][e["k"], e["i"]], W)
add(P, T, r"W_{ki}", "dropped chain factor", "W_ki", lambda e: e["W"][e["k"], e["i"]], W)

T = "dy_db"
add(P, T, r"\sigma'(\tilde{y}_k)\delta_{ki}", "delta", "s'(yt_k) delta_ki",
    lambda e: dsig(e["yt"][e["k"]]) * d(e["k"], e["i"]), R)
add(P, T, r"\frac{\partial y_k}{\partial b_i} = \frac{\delta_{ik}}{2 + e^{\tilde{y}_k} + e^{-\tilde{y}_k}}",
    "lhs, cosh form with delta", "delta_ik/(2+e^yt+e^-yt)",
    lambda e: d(e["i"], e["k"]) / (2 + np.exp(e["yt"][e["k"]]) + np.exp(-e["yt"][e["k"]])), R)
add(P, T, r"[i=k]\, y_k(1-y_k)", "Iverson first", "[i=k] y_k(1-y_k)",
    lambda e: d(e["i"], e["k"]) * e["y"][e["k"]] * (1 - e["y"][e["k"]]), R)
add(P, T, r"\sigma'(\tilde{y}_k)", "missing delta", "s'(yt_k)", lambda e: dsig(e["yt"][e["k"]]), W)
add(P, T, r"\delta_{ki}", "dropped sigma'", "delta_ki", lambda e: d(e["k"], e["i"]), W)

T = "dy_dx_matrix"   # env: W, yt, y ; n*m matrix
add(P, T, r"\operatorname{diag}\left(\sigma'(\tilde{y})\right) W", "diag(sigma') W",
    "diag(s'(yt)) W", lambda e: diag(dsig(e["yt"])) @ e["W"], R)
add(P, T, r"\frac{\partial y}{\partial x} = \operatorname{diag}\left(y \odot (1 - y)\right) W", "lhs, odot",
    "diag(y*(1-y)) W", lambda e: diag(e["y"] * (1 - e["y"])) @ e["W"], R)
add(P, T, r"\mathrm{diag}(\sigma(\tilde{y}) \odot (1 - \sigma(\tilde{y})))\, W", "mathrm diag, sigma(1-sigma)",
    "diag(s*(1-s)) W", lambda e: diag(sig(e["yt"]) * (1 - sig(e["yt"]))) @ e["W"], R)
add(P, T, r"W^T \operatorname{diag}\left(\sigma'(\tilde{y})\right)", "transposed (denominator layout)",
    "W^T diag(s')", lambda e: e["W"].T @ diag(dsig(e["yt"])), W)
add(P, T, r"W", "dropped the sigma' factor", "W", lambda e: e["W"].copy(), W)
add(P, T, r"\operatorname{diag}\left(\sigma(\tilde{y})\right) W", "sigma instead of sigma'",
    "diag(s) W", lambda e: diag(sig(e["yt"])) @ e["W"], W)

T = "dy_db_matrix"
add(P, T, r"\operatorname{diag}\left(\sigma'(\tilde{y})\right)", "diag(sigma')",
    "diag(s'(yt))", lambda e: diag(dsig(e["yt"])), R)
add(P, T, r"\frac{\partial y}{\partial b} = \mathrm{diag}\left(y \odot (1-y)\right)", "lhs, odot",
    "diag(y*(1-y))", lambda e: diag(e["y"] * (1 - e["y"])), R)
add(P, T, r"\operatorname{diag}\left(\sigma(\tilde{y})\right)", "sigma instead of sigma'",
    "diag(s(yt))", lambda e: diag(sig(e["yt"])), W)
add(P, T, r"\operatorname{diag}\left(1 - \sigma(\tilde{y})\right)", "dropped the sigma factor",
    "diag(1-s)", lambda e: diag(1 - sig(e["yt"])), W)

# ---- exercise14 (env: the partials f3y, f2yt, f1t1, f2t2, f3t3) -----------
P = "exercise14"
T = "dF_dtheta1"
add(P, T, r"\frac{\partial F}{\partial \theta_1} = %s \cdot %s \cdot %s" % (F3Y, F2T, F1T1),
    "lhs, cdot chain", "f3_y f2_yt f1_t1", lambda e: e["f3y"] * e["f2yt"] * e["f1t1"], R)
add(P, T, r"%s %s %s" % (F1T1, F2T, F3Y), "juxtaposed, reversed order",
    "f1_t1 f2_yt f3_y", lambda e: e["f1t1"] * e["f2yt"] * e["f3y"], R)
add(P, T, r"%s \times %s" % (F3Y, F1T1), "dropped middle chain factor",
    "f3_y f1_t1", lambda e: e["f3y"] * e["f1t1"], W)
add(P, T, r"\left(1 + %s\right) %s %s" % (F3Y, F2T, F1T1), "skip-connection formula for F",
    "(1+f3_y) f2_yt f1_t1", lambda e: (1 + e["f3y"]) * e["f2yt"] * e["f1t1"], W)

T = "dG_dtheta1"
add(P, T, r"\frac{\partial G}{\partial \theta_1} = \left(1 + %s\right) \times %s \times %s" % (F3Y, F2T, F1T1),
    "lhs, factored", "(1+f3_y) f2_yt f1_t1", lambda e: (1 + e["f3y"]) * e["f2yt"] * e["f1t1"], R)
add(P, T, r"%s %s %s + %s %s" % (F3Y, F2T, F1T1, F2T, F1T1), "expanded",
    "f3_y f2_yt f1_t1 + f2_yt f1_t1",
    lambda e: e["f3y"] * e["f2yt"] * e["f1t1"] + e["f2yt"] * e["f1t1"], R)
add(P, T, r"\frac{\partial F}{\partial \theta_1} + %s \cdot %s" % (F2T, F1T1), "in terms of dF",
    "dF/dt1 + f2_yt f1_t1", lambda e: e["F1"] + e["f2yt"] * e["f1t1"], R)
add(P, T, r"%s %s %s" % (F3Y, F2T, F1T1), "forgot the skip path",
    "f3_y f2_yt f1_t1", lambda e: e["f3y"] * e["f2yt"] * e["f1t1"], W)
add(P, T, r"1 + %s %s %s" % (F3Y, F2T, F1T1), "skip adds 1 without the chain",
    "1 + f3_y f2_yt f1_t1", lambda e: 1 + e["f3y"] * e["f2yt"] * e["f1t1"], W)

T = "dG_dtheta2"
add(P, T, r"\left(1 + %s\right)%s" % (F3Y, F2T2), "factored",
    "(1+f3_y) f2_t2", lambda e: (1 + e["f3y"]) * e["f2t2"], R)
add(P, T, r"%s + \frac{\partial F}{\partial \theta_2}" % F2T2,
    "in terms of dF, reordered", "dF/dt2 + f2_t2", lambda e: e["F2"] + e["f2t2"], R)
add(P, T, r"%s \cdot %s" % (F3Y, F2T2), "forgot the skip path",
    "f3_y f2_t2", lambda e: e["f3y"] * e["f2t2"], W)
add(P, T, r"\left(1 + %s\right)%s" % (F3Y, F2T), "d/d ytilde instead of d/d theta_2",
    "(1+f3_y) f2_yt", lambda e: (1 + e["f3y"]) * e["f2yt"], W)

T = "dG_dtheta3"
add(P, T, F3T3, "bare partial", "f3_t3", lambda e: e["f3t3"], R)
add(P, T, r"\frac{\partial F}{\partial \theta_3}", "equals dF, bare",
    "dF/dt3", lambda e: e["F3"], R)
add(P, T, r"1 + %s" % F3T3, "skip path wrongly depends on theta_3",
    "1 + f3_t3", lambda e: 1 + e["f3t3"], W)
add(P, T, r"%s \, %s" % (F3Y, F3T3), "spurious chain factor",
    "f3_y f3_t3", lambda e: e["f3y"] * e["f3t3"], W)

T = "dG_minus_dF_theta1"
add(P, T, r"%s %s" % (F2T, F1T1), "product", "f2_yt f1_t1", lambda e: e["f2yt"] * e["f1t1"], R)
add(P, T, r"\frac{\partial G}{\partial \theta_1} - \frac{\partial F}{\partial \theta_1} = %s \times %s" % (F2T, F1T1),
    "lhs", "f2_yt f1_t1", lambda e: e["f2yt"] * e["f1t1"], R)
add(P, T, r"0", "thinks the skip changes nothing", "0", lambda e: 0.0, W)
add(P, T, r"%s" % F1T1, "dropped the f_2 factor", "f1_t1", lambda e: e["f1t1"], W)

# ---- hw3_3b (env: n, i, j 0-based, gamma, beta, g = dL/dy) -----------------
P = "hw3_3b"
T = "dy_dx"
add(P, T, r"\gamma \cdot \left(\delta_{ij} - \tfrac{1}{n}\right)", "cdot, tfrac",
    "gamma (delta_ij - 1/n)", lambda e: e["gamma"] * (d(e["i"], e["j"]) - 1 / e["n"]), R)
add(P, T, r"\gamma\,\mathbb{1}[i=j] - \dfrac{\gamma}{n}", "indicator, dfrac",
    "gamma 1[i=j] - gamma/n", lambda e: e["gamma"] * d(e["i"], e["j"]) - e["gamma"] / e["n"], R)
add(P, T, r"\gamma\left(\delta_{ij} - 1\right)", "mean derivative taken as 1",
    "gamma (delta_ij - 1)", lambda e: e["gamma"] * (d(e["i"], e["j"]) - 1), W)
add(P, T, r"\gamma\left(\delta_{ij} - \frac{1}{n}\right) + \beta", "kept the shift beta",
    "gamma (delta_ij - 1/n) + beta", lambda e: e["gamma"] * (d(e["i"], e["j"]) - 1 / e["n"]) + e["beta"], W)

T = "dL_dx"
add(P, T, r"\gamma%s - \tfrac{\gamma}{n}\sum_{j=1}^{n}%s" % (dLy("i"), dLy("j")), "tfrac, bounded sum",
    "gamma g_i - gamma/n sum g_j", lambda e: e["gamma"] * e["g"][e["i"]] - e["gamma"] / e["n"] * e["g"].sum(), R)
add(P, T, r"\frac{\partial L}{\partial x_i} = \frac{\gamma}{n}\sum_j \left(n\delta_{ij} - 1\right)%s" % dLy("j"),
    "lhs, unbounded sum, n delta", "gamma/n sum_j (n delta_ij - 1) g_j",
    lambda e: e["gamma"] / e["n"] * sum((e["n"] * d(e["i"], j) - 1) * e["g"][j] for j in range(e["n"])), R)
add(P, T, r"\frac{n-1}{n} \cdot \gamma \cdot %s" % dLy("i"), "write-up's answer (only j = i)",
    "(n-1)/n gamma g_i", lambda e: (e["n"] - 1) / e["n"] * e["gamma"] * e["g"][e["i"]], W)
add(P, T, r"\gamma\left(%s - \sum_{j=1}^{n}%s\right)" % (dLy("i"), dLy("j")), "missing 1/n",
    "gamma (g_i - sum g_j)", lambda e: e["gamma"] * (e["g"][e["i"]] - e["g"].sum()), W)

# ---- hw3_4a (env: b1, b2, m_prev, v_prev, g (g_t), t, gc) ------------------
P = "hw3_4a"
T = "m_update"
add(P, T, r"m_t \leftarrow \beta_1 m_{t-1} + (1 - \beta_1) g_t", "leftarrow",
    "b1 m_{t-1} + (1-b1) g_t", lambda e: e["b1"] * e["m_prev"] + (1 - e["b1"]) * e["g"], R)
add(P, T, r"m_t = \beta_1 \cdot m_{t-1} + \left(1-\beta_1\right)\cdot g_t", "equals, cdot",
    "b1 m_{t-1} + (1-b1) g_t", lambda e: e["b1"] * e["m_prev"] + (1 - e["b1"]) * e["g"], R)
add(P, T, r"m_{t-1} + (1-\beta_1)(g_t - m_{t-1})", "EMA increment form",
    "m + (1-b1)(g - m)", lambda e: e["m_prev"] + (1 - e["b1"]) * (e["g"] - e["m_prev"]), R)
add(P, T, r"(1-\beta_1) m_{t-1} + \beta_1 g_t", "swapped beta and 1-beta",
    "(1-b1) m_{t-1} + b1 g_t", lambda e: (1 - e["b1"]) * e["m_prev"] + e["b1"] * e["g"], W)
add(P, T, r"\beta_1 m_{t-1} + g_t", "dropped (1-beta_1)",
    "b1 m_{t-1} + g_t", lambda e: e["b1"] * e["m_prev"] + e["g"], W)

T = "v_update"
add(P, T, r"v_t \leftarrow \beta_2 v_{t-1} + (1-\beta_2)\, g_t^2", "leftarrow, g_t^2",
    "b2 v + (1-b2) g^2", lambda e: e["b2"] * e["v_prev"] + (1 - e["b2"]) * e["g"] ** 2, R)
add(P, T, r"\beta_2 v_{t-1} + (1-\beta_2)\, g_t \odot g_t", "odot square",
    "b2 v + (1-b2) g*g", lambda e: e["b2"] * e["v_prev"] + (1 - e["b2"]) * e["g"] * e["g"], R)
add(P, T, r"\beta_2 v_{t-1} + (1-\beta_2) g_t", "forgot the square",
    "b2 v + (1-b2) g", lambda e: e["b2"] * e["v_prev"] + (1 - e["b2"]) * e["g"], W)
add(P, T, r"\beta_1 v_{t-1} + (1-\beta_1) g_t^2", "beta_1 instead of beta_2",
    "b1 v + (1-b1) g^2", lambda e: e["b1"] * e["v_prev"] + (1 - e["b1"]) * e["g"] ** 2, W)

T = "m_constant"
add(P, T, r"(1-\beta_1^t)\, g", "factored", "(1-b1^t) g", lambda e: (1 - e["b1"] ** e["t"]) * e["gc"], R)
add(P, T, r"m_t = g - \beta_1^{t} g", "lhs, expanded", "g - b1^t g",
    lambda e: e["gc"] - e["b1"] ** e["t"] * e["gc"], R)
add(P, T, r"(1-\beta_1)\, g \sum_{i=1}^{t}\beta_1^{t-i}", "geometric sum left",
    "(1-b1) g sum_{i=1}^t b1^{t-i}", lambda e: (1 - e["b1"]) * e["gc"] * sum(e["b1"] ** (e["t"] - i) for i in range(1, e["t"] + 1)), R)
add(P, T, r"(1-\beta_1^{t-1})\, g", "off-by-one power", "(1-b1^{t-1}) g",
    lambda e: (1 - e["b1"] ** (e["t"] - 1)) * e["gc"], W)
add(P, T, r"(1-\beta_1)^t g", "power on the wrong thing", "(1-b1)^t g",
    lambda e: (1 - e["b1"]) ** e["t"] * e["gc"], W)
add(P, T, r"g", "bias already corrected", "g", lambda e: e["gc"], W)

# ---- hw3_4b (env: theta, G = grad f(theta), lam, eta) ----------------------
P = "hw3_4b"
T = "grad_reg"
add(P, T, r"\nabla f(\theta_t) + \lambda \theta_t", "theta_t", "G + lam theta",
    lambda e: e["G"] + e["lam"] * e["theta"], R)
add(P, T, r"\lambda\theta + \nabla f_t(\theta)", "reordered, f_t", "lam theta + G",
    lambda e: e["lam"] * e["theta"] + e["G"], R)
add(P, T, r"\nabla f(\theta_t) + \frac{\lambda}{2}\theta_t", "kept the 1/2",
    "G + lam/2 theta", lambda e: e["G"] + e["lam"] / 2 * e["theta"], W)
add(P, T, r"\nabla f(\theta_t) + \lambda \theta_t^2", "wrong power",
    "G + lam theta^2", lambda e: e["G"] + e["lam"] * e["theta"] ** 2, W)

T = "sgd_l2_step"
add(P, T, r"\theta_t - \eta\nabla f(\theta_t) - \eta\lambda\theta_t", "expanded",
    "theta - eta G - eta lam theta", lambda e: e["theta"] - e["eta"] * e["G"] - e["eta"] * e["lam"] * e["theta"], R)
add(P, T, r"(1-\eta\lambda)\,\theta_t - \eta\,\nabla f(\theta_t)", "weight-decay form",
    "(1-eta lam) theta - eta G", lambda e: (1 - e["eta"] * e["lam"]) * e["theta"] - e["eta"] * e["G"], R)
add(P, T, r"\theta_t - \eta\left(\nabla f(\theta_t) + \lambda\theta_t\right)", "factored eta",
    "theta - eta (G + lam theta)", lambda e: e["theta"] - e["eta"] * (e["G"] + e["lam"] * e["theta"]), R)
add(P, T, r"\theta_t - \eta\nabla f(\theta_t) + \eta\lambda\theta_t", "sign flip on decay",
    "theta - eta G + eta lam theta", lambda e: e["theta"] - e["eta"] * e["G"] + e["eta"] * e["lam"] * e["theta"], W)
add(P, T, r"(1-\lambda)\theta_t - \eta\nabla f(\theta_t)", "dropped eta on the decay",
    "(1-lam) theta - eta G", lambda e: (1 - e["lam"]) * e["theta"] - e["eta"] * e["G"], W)

T = "gamma_for_equivalence"
add(P, T, r"\gamma = \eta\lambda", "lhs", "eta lam", lambda e: e["eta"] * e["lam"], R)
add(P, T, r"\lambda \cdot \eta", "cdot, reversed", "lam eta", lambda e: e["lam"] * e["eta"], R)
add(P, T, r"\lambda", "forgot the step size", "lam", lambda e: e["lam"], W)
add(P, T, r"\frac{\eta\lambda}{2}", "kept the 1/2", "eta lam / 2", lambda e: e["eta"] * e["lam"] / 2, W)
add(P, T, r"1 - \eta\lambda", "the multiplier, not gamma", "1 - eta lam", lambda e: 1 - e["eta"] * e["lam"], W)

# ---- softmax_ce (env: z, p, y (sum 1), k, i 0-based) -----------------------
P = "softmax_ce"
T = "dp_dz"
add(P, T, r"p_k\left(\delta_{ik} - p_i\right)", "factored", "p_k (delta_ik - p_i)",
    lambda e: e["p"][e["k"]] * (d(e["i"], e["k"]) - e["p"][e["i"]]), R)
add(P, T, r"\frac{\partial p_k}{\partial z_i} = p_k\delta_{ki} - p_k p_i", "lhs, expanded",
    "p_k delta_ki - p_k p_i", lambda e: e["p"][e["k"]] * d(e["k"], e["i"]) - e["p"][e["k"]] * e["p"][e["i"]], R)
add(P, T, r"p_i\left([i=k] - p_k\right)", "Iverson, factored on p_i", "p_i([i=k] - p_k)",
    lambda e: e["p"][e["i"]] * (d(e["i"], e["k"]) - e["p"][e["k"]]), R)
add(P, T, r"\frac{\exp(z_k)}{\sum_{l=1}^{K}\exp(z_l)}\left(\delta_{ik} - \frac{\exp(z_i)}{\sum_{l=1}^{K}\exp(z_l)}\right)",
    "exp written out", "softmax_k (delta_ik - softmax_i)",
    lambda e: np.exp(e["z"][e["k"]]) / np.exp(e["z"]).sum() * (d(e["i"], e["k"]) - np.exp(e["z"][e["i"]]) / np.exp(e["z"]).sum()), R)
add(P, T, r"p_k(1 - p_i)", "missing delta", "p_k (1 - p_i)",
    lambda e: e["p"][e["k"]] * (1 - e["p"][e["i"]]), W)
add(P, T, r"p_k\left(\delta_{ik} + p_i\right)", "sign flip", "p_k (delta_ik + p_i)",
    lambda e: e["p"][e["k"]] * (d(e["i"], e["k"]) + e["p"][e["i"]]), W)
add(P, T, r"\delta_{ik} - p_i", "dropped the p_k factor", "delta_ik - p_i",
    lambda e: d(e["i"], e["k"]) - e["p"][e["i"]], W)
add(P, T, r"p_i\left(\delta_{ik} - p_i\right)", "wrong index on the prefactor", "p_i (delta_ik - p_i)",
    lambda e: e["p"][e["i"]] * (d(e["i"], e["k"]) - e["p"][e["i"]]), W)

T = "dL_dz"
add(P, T, r"p_i - y_i", "bare", "p_i - y_i", lambda e: e["p"][e["i"]] - e["y"][e["i"]], R)
add(P, T, r"\frac{\partial L}{\partial z_i} = \frac{e^{z_i}}{\sum_{l=1}^{K} e^{z_l}} - y_i", "lhs, softmax written out",
    "softmax_i - y_i", lambda e: np.exp(e["z"][e["i"]]) / np.exp(e["z"]).sum() - e["y"][e["i"]], R)
add(P, T, r"-\sum_{k=1}^{K} y_k\left(\delta_{ki} - p_i\right)", "unsimplified chain sum",
    "-sum_k y_k (delta_ki - p_i)", lambda e: -sum(e["y"][k] * (d(k, e["i"]) - e["p"][e["i"]]) for k in range(len(e["p"]))), R)
add(P, T, r"p_i \sum_{k} y_k - y_i", "kept sum y_k (=1)", "p_i sum_k y_k - y_i",
    lambda e: e["p"][e["i"]] * e["y"].sum() - e["y"][e["i"]], R)
add(P, T, r"y_i - p_i", "sign flip", "y_i - p_i", lambda e: e["y"][e["i"]] - e["p"][e["i"]], W)
add(P, T, r"-\frac{y_i}{p_i}", "stopped at dL/dp", "-y_i/p_i", lambda e: -e["y"][e["i"]] / e["p"][e["i"]], W)
add(P, T, r"p_i - 1", "assumed y_i = 1", "p_i - 1", lambda e: e["p"][e["i"]] - 1, W)

# ---- mlp2 (env: x, W1 n*m, b1, a, h, W2 c*n, b2, o, t; r, k, j 0-based) ----
P = "mlp2"
T = "dL_dW2"
add(P, T, r"(o_r - t_r)\, h_k", "bare", "(o_r - t_r) h_k", lambda e: (e["o"][e["r"]] - e["t"][e["r"]]) * e["h"][e["k"]], R)
add(P, T, r"\frac{\partial L}{\partial W^{(2)}_{rk}} = \left(o_r - t_r\right)\max(0, a_k)", "lhs, max(0, a)",
    "(o_r - t_r) max(0, a_k)", lambda e: (e["o"][e["r"]] - e["t"][e["r"]]) * max(0.0, e["a"][e["k"]]), R)
add(P, T, r"(o_r - t_r)\, a_k", "pre-activation instead of h", "(o_r - t_r) a_k",
    lambda e: (e["o"][e["r"]] - e["t"][e["r"]]) * e["a"][e["k"]], W)
add(P, T, r"(t_r - o_r) h_k", "sign flip", "(t_r - o_r) h_k",
    lambda e: (e["t"][e["r"]] - e["o"][e["r"]]) * e["h"][e["k"]], W)
add(P, T, r"\frac{1}{2}(o_r - t_r) h_k", "kept the 1/2", "(o_r - t_r) h_k / 2",
    lambda e: 0.5 * (e["o"][e["r"]] - e["t"][e["r"]]) * e["h"][e["k"]], W)


def mlp_back(e):
    return sum(e["W2"][r, e["k"]] * (e["o"][r] - e["t"][r]) for r in range(len(e["o"])))


T = "dL_db1"
add(P, T, r"\mathbb{1}[a_k > 0]\sum_{r=1}^{c} W^{(2)}_{rk}\left(o_r - t_r\right)", "indicator, bounded sum",
    "1[a_k>0] sum_r W2_rk (o_r - t_r)", lambda e: d(e["a"][e["k"]] > 0, True) * mlp_back(e), R)
add(P, T, r"\frac{\partial L}{\partial b^{(1)}_k} = \sum_r (o_r - t_r) W^{(2)}_{rk} \cdot [a_k > 0]", "lhs, Iverson last",
    "sum_r (o_r - t_r) W2_rk [a_k>0]", lambda e: mlp_back(e) * d(e["a"][e["k"]] > 0, True), R)
add(P, T, r"\sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "missing ReLU derivative",
    "sum_r W2_rk (o_r - t_r)", lambda e: mlp_back(e), W)
add(P, T, r"\mathbb{1}[a_k > 0]\sum_{r=1}^{c} W^{(2)}_{kr}(o_r - t_r)", "swapped W indices",
    "1[a_k>0] sum_r W2_kr (o_r - t_r)",
    lambda e: d(e["a"][e["k"]] > 0, True) * sum(at(e["W2"], e["k"], r) * (e["o"][r] - e["t"][r]) for r in range(len(e["o"]))), W)
add(P, T, r"h_k \sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "h_k instead of the ReLU derivative",
    "h_k sum_r W2_rk (o_r - t_r)", lambda e: e["h"][e["k"]] * mlp_back(e), W)

T = "dL_dW1"
add(P, T, r"\mathbb{1}[a_k > 0]\, x_j \sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "indicator",
    "1[a_k>0] x_j sum_r W2_rk (o_r - t_r)", lambda e: d(e["a"][e["k"]] > 0, True) * e["x"][e["j"]] * mlp_back(e), R)
add(P, T, r"\frac{\partial L}{\partial W^{(1)}_{kj}} = \left(\sum_{r} (o_r - t_r)\, W^{(2)}_{rk}\right)[a_k > 0]\; x_j",
    "lhs, Iverson, unbounded sum", "(sum_r (o_r-t_r) W2_rk)[a_k>0] x_j",
    lambda e: mlp_back(e) * d(e["a"][e["k"]] > 0, True) * e["x"][e["j"]], R)
add(P, T, r"\mathbb{1}[a_k > 0] \sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "dropped x_j",
    "1[a_k>0] sum_r W2_rk (o_r - t_r)", lambda e: d(e["a"][e["k"]] > 0, True) * mlp_back(e), W)
add(P, T, r"x_j \sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", "missing ReLU derivative",
    "x_j sum_r W2_rk (o_r - t_r)", lambda e: e["x"][e["j"]] * mlp_back(e), W)

# ---- layernorm (env: n, x, g = dL/dy, gamma, eps, mu, var, xh; i 0-based) --
P = "layernorm"
T = "dL_dx"
SQ = r"\sqrt{\sigma^2 + \epsilon}"
add(P, T, r"\frac{\gamma}{%s}\left(%s - \frac{1}{n}\sum_{j=1}^{n}%s - \frac{\hat{x}_i}{n}\sum_{j=1}^{n}%s\hat{x}_j\right)"
    % (SQ, dLy("i"), dLy("j"), dLy("j")), "standard form",
    "gamma/s (g_i - mean g - xh_i mean(g xh))",
    lambda e: e["gamma"] / np.sqrt(e["var"] + e["eps"]) * (e["g"][e["i"]] - e["g"].mean() - e["xh"][e["i"]] * np.mean(e["g"] * e["xh"])), R)
add(P, T, r"\frac{\gamma}{n\sqrt{\sigma^{2}+\epsilon}}\left(n%s - \sum_j %s - \hat{x}_i\sum_j \hat{x}_j%s\right)"
    % (dLy("i"), dLy("j"), dLy("j")), "1/n pulled out, unbounded sums",
    "gamma/(n s) (n g_i - sum g - xh_i sum xh g)",
    lambda e: e["gamma"] / (e["n"] * np.sqrt(e["var"] + e["eps"])) * (e["n"] * e["g"][e["i"]] - e["g"].sum() - e["xh"][e["i"]] * np.sum(e["xh"] * e["g"])), R)
add(P, T, r"\sum_{j=1}^{n}\frac{\gamma}{%s}\left(\delta_{ij} - \frac{1 + \hat{x}_i\hat{x}_j}{n}\right)%s" % (SQ, dLy("j")),
    "Jacobian sum with delta", "sum_j gamma/s (delta_ij - (1 + xh_i xh_j)/n) g_j",
    lambda e: sum(e["gamma"] / np.sqrt(e["var"] + e["eps"]) * (d(e["i"], j) - (1 + e["xh"][e["i"]] * e["xh"][j]) / e["n"]) * e["g"][j] for j in range(e["n"])), R)
add(P, T, r"\frac{\gamma}{%s}\left(%s - \frac{1}{n}\sum_{j=1}^{n}%s\right)" % (SQ, dLy("i"), dLy("j")),
    "forgot the variance path", "gamma/s (g_i - mean g)",
    lambda e: e["gamma"] / np.sqrt(e["var"] + e["eps"]) * (e["g"][e["i"]] - e["g"].mean()), W)
add(P, T, r"\frac{\gamma}{%s}\left(%s - \frac{1}{n}\sum_{j=1}^{n}%s - \hat{x}_i\sum_{j=1}^{n}%s\hat{x}_j\right)"
    % (SQ, dLy("i"), dLy("j"), dLy("j")), "missing 1/n on the variance term",
    "gamma/s (g_i - mean g - xh_i sum(g xh))",
    lambda e: e["gamma"] / np.sqrt(e["var"] + e["eps"]) * (e["g"][e["i"]] - e["g"].mean() - e["xh"][e["i"]] * np.sum(e["g"] * e["xh"])), W)
add(P, T, r"%s\left(%s - \frac{1}{n}\sum_{j=1}^{n}%s - \frac{\hat{x}_i}{n}\sum_{j=1}^{n}%s\hat{x}_j\right)"
    % (r"\gamma", dLy("i"), dLy("j"), dLy("j")), "forgot to divide by the std",
    "gamma (g_i - mean g - xh_i mean(g xh))",
    lambda e: e["gamma"] * (e["g"][e["i"]] - e["g"].mean() - e["xh"][e["i"]] * np.mean(e["g"] * e["xh"])), W)
add(P, T, r"\frac{\gamma}{%s}\left(%s - \frac{1}{n}\sum_{j=1}^{n}%s + \frac{\hat{x}_i}{n}\sum_{j=1}^{n}%s\hat{x}_j\right)"
    % (SQ, dLy("i"), dLy("j"), dLy("j")), "sign flip on the variance term",
    "gamma/s (g_i - mean g + xh_i mean(g xh))",
    lambda e: e["gamma"] / np.sqrt(e["var"] + e["eps"]) * (e["g"][e["i"]] - e["g"].mean() + e["xh"][e["i"]] * np.mean(e["g"] * e["xh"])), W)

T = "dL_dgamma"
add(P, T, r"\sum_{j=1}^{n}%s\,\hat{x}_j" % dLy("j"), "x hat", "sum_j g_j xh_j",
    lambda e: np.sum(e["g"] * e["xh"]), R)
add(P, T, r"\frac{\partial L}{\partial \gamma} = \sum_j %s \frac{x_j - \mu}{%s}" % (dLy("j"), SQ), "lhs, x hat written out",
    "sum_j g_j (x_j - mu)/s", lambda e: np.sum(e["g"] * (e["x"] - e["mu"]) / np.sqrt(e["var"] + e["eps"])), R)
add(P, T, r"\sum_{j=1}^{n}%s" % dLy("j"), "that is dL/dbeta", "sum_j g_j", lambda e: e["g"].sum(), W)
add(P, T, r"\sum_{j=1}^{n}%s\, x_j" % dLy("j"), "x instead of x hat", "sum_j g_j x_j",
    lambda e: np.sum(e["g"] * e["x"]), W)

T = "dL_dbeta"
add(P, T, r"\sum_{j=1}^{n}%s" % dLy("j"), "bounded sum", "sum_j g_j", lambda e: e["g"].sum(), R)
add(P, T, r"\frac{\partial L}{\partial \beta} = \sum_{l} \frac{\partial L}{\partial y_l}", "lhs, index l",
    "sum_l g_l", lambda e: e["g"].sum(), R)
add(P, T, r"\frac{1}{n}\sum_{j=1}^{n}%s" % dLy("j"), "spurious 1/n (mean)", "mean g", lambda e: e["g"].mean(), W)
add(P, T, r"\gamma\sum_{j=1}^{n}%s" % dLy("j"), "spurious gamma", "gamma sum g", lambda e: e["gamma"] * e["g"].sum(), W)

# ---- logreg_l2 (env: w, x, b, y in {0,1}, s, p, lam; i 0-based) -------------
P = "logreg_l2"
T = "dL_dw"
add(P, T, r"(p - y)\,x_i + \lambda w_i", "bare", "(p - y) x_i + lam w_i",
    lambda e: (e["p"] - e["y"]) * e["x"][e["i"]] + e["lam"] * e["w"][e["i"]], R)
add(P, T, r"\frac{\partial L}{\partial w_i} = \left(\sigma(s) - y\right) x_i + \lambda w_i", "lhs, sigma(s)",
    "(sigma(s) - y) x_i + lam w_i", lambda e: (sig(e["s"]) - e["y"]) * e["x"][e["i"]] + e["lam"] * e["w"][e["i"]], R)
add(P, T, r"\left(\frac{1}{1 + e^{-s}} - y\right) x_i + \lambda\, w_i", "sigmoid written out",
    "(1/(1+e^-s) - y) x_i + lam w_i", lambda e: (1 / (1 + np.exp(-e["s"])) - e["y"]) * e["x"][e["i"]] + e["lam"] * e["w"][e["i"]], R)
add(P, T, r"x_i p - x_i y + \lambda w_i", "expanded", "x_i p - x_i y + lam w_i",
    lambda e: e["x"][e["i"]] * e["p"] - e["x"][e["i"]] * e["y"] + e["lam"] * e["w"][e["i"]], R)
add(P, T, r"(y - p)\,x_i + \lambda w_i", "sign flip on the data term", "(y - p) x_i + lam w_i",
    lambda e: (e["y"] - e["p"]) * e["x"][e["i"]] + e["lam"] * e["w"][e["i"]], W)
add(P, T, r"(p - y)\,x_i + \frac{\lambda}{2} w_i", "kept the 1/2", "(p - y) x_i + lam/2 w_i",
    lambda e: (e["p"] - e["y"]) * e["x"][e["i"]] + e["lam"] / 2 * e["w"][e["i"]], W)
add(P, T, r"p(1-p)(p - y)\,x_i + \lambda w_i", "spurious sigma' factor", "p(1-p)(p - y) x_i + lam w_i",
    lambda e: e["p"] * (1 - e["p"]) * (e["p"] - e["y"]) * e["x"][e["i"]] + e["lam"] * e["w"][e["i"]], W)
add(P, T, r"(p - y)\,x_i", "forgot the penalty", "(p - y) x_i",
    lambda e: (e["p"] - e["y"]) * e["x"][e["i"]], W)

T = "dL_db"
add(P, T, r"p - y", "bare", "p - y", lambda e: e["p"] - e["y"], R)
add(P, T, r"\frac{\partial L}{\partial b} = \sigma(s) - y", "lhs, sigma(s)", "sigma(s) - y", lambda e: sig(e["s"]) - e["y"], R)
add(P, T, r"p - y + \lambda b", "penalised the bias", "p - y + lam b", lambda e: e["p"] - e["y"] + e["lam"] * e["b"], W)
add(P, T, r"y - p", "sign flip", "y - p", lambda e: e["y"] - e["p"], W)

# ---- rmsnorm (env: n, x, g gain, G = dL/dy, r; i, j 0-based) ---------------
P = "rmsnorm"
T = "dy_dx"
add(P, T, r"g_j\left(\frac{\delta_{ij}}{r} - \frac{x_i x_j}{n r^3}\right)", "factored g_j",
    "g_j (delta_ij/r - x_i x_j/(n r^3))",
    lambda e: e["g"][e["j"]] * (d(e["i"], e["j"]) / e["r"] - e["x"][e["i"]] * e["x"][e["j"]] / (e["n"] * e["r"] ** 3)), R)
add(P, T, r"\frac{\partial y_j}{\partial x_i} = \frac{g_j}{r}\left(\delta_{ij} - \frac{x_i x_j}{n r^2}\right)", "lhs, g_j/r out",
    "g_j/r (delta_ij - x_i x_j/(n r^2))",
    lambda e: e["g"][e["j"]] / e["r"] * (d(e["i"], e["j"]) - e["x"][e["i"]] * e["x"][e["j"]] / (e["n"] * e["r"] ** 2)), R)
add(P, T, r"\frac{g_j [i=j]}{r} - \frac{g_j x_i x_j}{n\, r^{3}}", "expanded, Iverson",
    "g_j [i=j]/r - g_j x_i x_j/(n r^3)",
    lambda e: e["g"][e["j"]] * d(e["i"], e["j"]) / e["r"] - e["g"][e["j"]] * e["x"][e["i"]] * e["x"][e["j"]] / (e["n"] * e["r"] ** 3), R)
add(P, T, r"\frac{g_j \delta_{ij}}{r}", "ignored that r depends on x", "g_j delta_ij / r",
    lambda e: e["g"][e["j"]] * d(e["i"], e["j"]) / e["r"], W)
add(P, T, r"g_j\left(\frac{\delta_{ij}}{r} - \frac{x_i x_j}{n r^2}\right)", "wrong power of r",
    "g_j (delta_ij/r - x_i x_j/(n r^2))",
    lambda e: e["g"][e["j"]] * (d(e["i"], e["j"]) / e["r"] - e["x"][e["i"]] * e["x"][e["j"]] / (e["n"] * e["r"] ** 2)), W)
add(P, T, r"g_j\left(\frac{\delta_{ij}}{r} - \frac{x_i x_j}{r^3}\right)", "missing 1/n",
    "g_j (delta_ij/r - x_i x_j/r^3)",
    lambda e: e["g"][e["j"]] * (d(e["i"], e["j"]) / e["r"] - e["x"][e["i"]] * e["x"][e["j"]] / e["r"] ** 3), W)
add(P, T, r"g_i\left(\frac{\delta_{ij}}{r} - \frac{x_i x_j}{n r^3}\right)", "gain index swapped",
    "g_i (delta_ij/r - x_i x_j/(n r^3))",
    lambda e: e["g"][e["i"]] * (d(e["i"], e["j"]) / e["r"] - e["x"][e["i"]] * e["x"][e["j"]] / (e["n"] * e["r"] ** 3)), W)

T = "dL_dx"
add(P, T, r"\frac{g_i}{r}%s - \frac{x_i}{n r^3}\sum_{j=1}^{n} g_j x_j %s" % (dLy("i"), dLy("j")), "split form",
    "g_i G_i / r - x_i/(n r^3) sum_j g_j x_j G_j",
    lambda e: e["g"][e["i"]] * e["G"][e["i"]] / e["r"] - e["x"][e["i"]] / (e["n"] * e["r"] ** 3) * np.sum(e["g"] * e["x"] * e["G"]), R)
add(P, T, r"\frac{\partial L}{\partial x_i} = \sum_{j} %s\, g_j \left(\frac{\delta_{ij}}{r} - \frac{x_i x_j}{n r^3}\right)" % dLy("j"),
    "lhs, chain sum", "sum_j G_j g_j (delta_ij/r - x_i x_j/(n r^3))",
    lambda e: sum(e["G"][j] * e["g"][j] * (d(e["i"], j) / e["r"] - e["x"][e["i"]] * e["x"][j] / (e["n"] * e["r"] ** 3)) for j in range(e["n"])), R)
add(P, T, r"\frac{g_i}{r}%s" % dLy("i"), "dropped the r path", "g_i G_i / r",
    lambda e: e["g"][e["i"]] * e["G"][e["i"]] / e["r"], W)
add(P, T, r"\frac{g_i}{r}%s - \frac{x_i}{n r^3}\sum_{j=1}^{n} x_j %s" % (dLy("i"), dLy("j")), "dropped g_j in the sum",
    "g_i G_i / r - x_i/(n r^3) sum_j x_j G_j",
    lambda e: e["g"][e["i"]] * e["G"][e["i"]] / e["r"] - e["x"][e["i"]] / (e["n"] * e["r"] ** 3) * np.sum(e["x"] * e["G"]), W)
add(P, T, r"\frac{g_i}{r}%s - \frac{x_i}{n r^2}\sum_{j=1}^{n} g_j x_j %s" % (dLy("i"), dLy("j")), "wrong power of r",
    "g_i G_i / r - x_i/(n r^2) sum_j g_j x_j G_j",
    lambda e: e["g"][e["i"]] * e["G"][e["i"]] / e["r"] - e["x"][e["i"]] / (e["n"] * e["r"] ** 2) * np.sum(e["g"] * e["x"] * e["G"]), W)

# ---- attention_softmax (env: q D, K n*D, s, a; j, i, d 0-based; D) ---------
P = "attention_softmax"
T = "da_ds"
add(P, T, r"a_j\left(\delta_{ij} - a_i\right)", "factored", "a_j (delta_ij - a_i)",
    lambda e: e["a"][e["j"]] * (d(e["i"], e["j"]) - e["a"][e["i"]]), R)
add(P, T, r"\frac{\partial a_j}{\partial s_i} = a_j \delta_{ij} - a_i a_j", "lhs, expanded",
    "a_j delta_ij - a_i a_j", lambda e: e["a"][e["j"]] * d(e["i"], e["j"]) - e["a"][e["i"]] * e["a"][e["j"]], R)
add(P, T, r"\begin{cases} a_j(1 - a_j) & i = j \\ -a_i a_j & i \neq j \end{cases}", "cases",
    "a_j(1-a_j) if i=j else -a_i a_j",
    lambda e: e["a"][e["j"]] * (1 - e["a"][e["j"]]) if e["i"] == e["j"] else -e["a"][e["i"]] * e["a"][e["j"]], R)
add(P, T, r"a_j(1 - a_i)", "missing delta", "a_j (1 - a_i)", lambda e: e["a"][e["j"]] * (1 - e["a"][e["i"]]), W)
add(P, T, r"a_i\left(\delta_{ij} - a_i\right)", "wrong prefactor index", "a_i (delta_ij - a_i)",
    lambda e: e["a"][e["i"]] * (d(e["i"], e["j"]) - e["a"][e["i"]]), W)
add(P, T, r"-a_i a_j", "off-diagonal case only", "-a_i a_j", lambda e: -e["a"][e["i"]] * e["a"][e["j"]], W)

T = "da_ds_matrix"
add(P, T, r"\operatorname{diag}(a) - a a^T", "diag - outer", "diag(a) - a a^T",
    lambda e: diag(e["a"]) - np.outer(e["a"], e["a"]), R)
add(P, T, r"\frac{\partial a}{\partial s} = \mathrm{diag}(a) - a\,a^{\top}", "lhs, top", "diag(a) - a a^T",
    lambda e: diag(e["a"]) - np.outer(e["a"], e["a"]), R)
add(P, T, r"a a^T - \operatorname{diag}(a)", "sign flip", "a a^T - diag(a)",
    lambda e: np.outer(e["a"], e["a"]) - diag(e["a"]), W)
add(P, T, r"\operatorname{diag}(a)", "missing outer product", "diag(a)", lambda e: diag(e["a"]), W)

T = "da_dq"


def att_mean_k(e):
    return sum(e["a"][l] * e["K"][l, e["d"]] for l in range(len(e["a"])))


add(P, T, r"\frac{a_j}{\sqrt{D}}\left(K_{jd} - \sum_{l=1}^{n} a_l K_{ld}\right)", "factored",
    "a_j/sqrt(D) (K_jd - sum_l a_l K_ld)",
    lambda e: e["a"][e["j"]] / np.sqrt(e["D"]) * (e["K"][e["j"], e["d"]] - att_mean_k(e)), R)
add(P, T, r"\frac{\partial a_j}{\partial q_d} = \frac{1}{\sqrt{D}}\sum_{i=1}^{n} a_j\left(\delta_{ij} - a_i\right) K_{id}",
    "lhs, chain through s", "1/sqrt(D) sum_i a_j (delta_ij - a_i) K_id",
    lambda e: sum(e["a"][e["j"]] * (d(i, e["j"]) - e["a"][i]) * e["K"][i, e["d"]] for i in range(len(e["a"]))) / np.sqrt(e["D"]), R)
add(P, T, r"a_j\left(K_{jd} - \sum_{l=1}^{n} a_l K_{ld}\right)", "missing 1/sqrt(D)",
    "a_j (K_jd - sum_l a_l K_ld)", lambda e: e["a"][e["j"]] * (e["K"][e["j"], e["d"]] - att_mean_k(e)), W)
add(P, T, r"\frac{a_j}{D}\left(K_{jd} - \sum_{l=1}^{n} a_l K_{ld}\right)", "wrong power of D",
    "a_j/D (K_jd - sum_l a_l K_ld)", lambda e: e["a"][e["j"]] / e["D"] * (e["K"][e["j"], e["d"]] - att_mean_k(e)), W)
add(P, T, r"\frac{a_j (1 - a_j)}{\sqrt{D}} K_{jd}", "diagonal term only",
    "a_j (1-a_j) K_jd / sqrt(D)", lambda e: e["a"][e["j"]] * (1 - e["a"][e["j"]]) * e["K"][e["j"], e["d"]] / np.sqrt(e["D"]), W)

# ---- momentum (env: mu, eta, g, theta0, t) ----------------------------------
P = "momentum"
T = "v_closed"
add(P, T, r"v_t = g\,\frac{1 - \mu^t}{1 - \mu}", "lhs, geometric", "g (1-mu^t)/(1-mu)",
    lambda e: e["g"] * (1 - e["mu"] ** e["t"]) / (1 - e["mu"]), R)
add(P, T, r"g\sum_{i=0}^{t-1}\mu^{i}", "sum form", "g sum_{i=0}^{t-1} mu^i",
    lambda e: e["g"] * sum(e["mu"] ** i for i in range(e["t"])), R)
add(P, T, r"\frac{g - g\mu^{t}}{1 - \mu}", "numerator expanded", "(g - g mu^t)/(1 - mu)",
    lambda e: (e["g"] - e["g"] * e["mu"] ** e["t"]) / (1 - e["mu"]), R)
add(P, T, r"g\,\frac{1 - \mu^{t+1}}{1 - \mu}", "off-by-one power", "g (1-mu^{t+1})/(1-mu)",
    lambda e: e["g"] * (1 - e["mu"] ** (e["t"] + 1)) / (1 - e["mu"]), W)
add(P, T, r"\frac{g}{1 - \mu}", "the limit, not v_t", "g/(1-mu)", lambda e: e["g"] / (1 - e["mu"]), W)
add(P, T, r"\mu^{t} g", "geometric decay", "mu^t g", lambda e: e["mu"] ** e["t"] * e["g"], W)

T = "theta_closed"
add(P, T, r"\theta_t = \theta_0 - \frac{\eta g}{1 - \mu}\left(t - \frac{\mu(1 - \mu^t)}{1 - \mu}\right)", "lhs, closed",
    "theta0 - eta g/(1-mu) (t - mu(1-mu^t)/(1-mu))",
    lambda e: e["theta0"] - e["eta"] * e["g"] / (1 - e["mu"]) * (e["t"] - e["mu"] * (1 - e["mu"] ** e["t"]) / (1 - e["mu"])), R)
add(P, T, r"\theta_0 - \eta g \sum_{i=1}^{t}\frac{1 - \mu^{i}}{1 - \mu}", "sum of velocities",
    "theta0 - eta g sum_{i=1}^t (1-mu^i)/(1-mu)",
    lambda e: e["theta0"] - e["eta"] * e["g"] * sum((1 - e["mu"] ** i) / (1 - e["mu"]) for i in range(1, e["t"] + 1)), R)
add(P, T, r"\theta_0 - \frac{\eta g t}{1 - \mu}", "terminal velocity from step one",
    "theta0 - eta g t/(1-mu)", lambda e: e["theta0"] - e["eta"] * e["g"] * e["t"] / (1 - e["mu"]), W)
add(P, T, r"\theta_0 - \frac{\eta g}{1 - \mu}\left(t - \frac{1 - \mu^t}{1 - \mu}\right)", "missing mu factor",
    "theta0 - eta g/(1-mu) (t - (1-mu^t)/(1-mu))",
    lambda e: e["theta0"] - e["eta"] * e["g"] / (1 - e["mu"]) * (e["t"] - (1 - e["mu"] ** e["t"]) / (1 - e["mu"])), W)
add(P, T, r"\theta_0 - \eta g \frac{1 - \mu^t}{1 - \mu}", "only the last velocity",
    "theta0 - eta g (1-mu^t)/(1-mu)", lambda e: e["theta0"] - e["eta"] * e["g"] * (1 - e["mu"] ** e["t"]) / (1 - e["mu"]), W)

T = "v_limit"
add(P, T, r"\frac{g}{1-\mu}", "bare", "g/(1-mu)", lambda e: e["g"] / (1 - e["mu"]), R)
add(P, T, r"\lim_{t \to \infty} v_t = g / (1 - \mu)", "lhs, slash", "g/(1-mu)", lambda e: e["g"] / (1 - e["mu"]), R)
add(P, T, r"\frac{\mu g}{1-\mu}", "extra mu", "mu g/(1-mu)", lambda e: e["mu"] * e["g"] / (1 - e["mu"]), W)
add(P, T, r"\frac{g}{1+\mu}", "sign flip", "g/(1+mu)", lambda e: e["g"] / (1 + e["mu"]), W)
add(P, T, r"0", "thinks it decays", "0", lambda e: 0.0, W)


# ===========================================================================
# references (hand-derived), each cross-checked by finite differences of a
# forward pass written from the statement, or by simulating the recurrence
# ===========================================================================
def cross(ok, what):
    if not ok:
        raise SystemExit("reference cross-check failed: " + what)


def fd(f, X, h=1e-6):
    """central differences of scalar f at array X, same shape as X."""
    X = np.asarray(X, dtype=float)
    out = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp, Xm = X.copy(), X.copy()
        Xp[idx] += h
        Xm[idx] -= h
        out[idx] = (f(Xp) - f(Xm)) / (2 * h)
    return out


def close(a, b, tol=1e-6):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tol * (1 + np.abs(b))))


def cases_exercise13(target, rng):
    out = []
    for n, m in [(1, 1), (2, 3), (4, 3), (3, 2), (3, 3)]:
        for _ in range(2):
            W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
            yt = W @ x + b
            y = sig(yt)
            fwd = lambda W_, x_, b_: sig(W_ @ x_ + b_)
            env0 = dict(W=W, x=x, b=b, yt=yt, y=y)
            Jx_hand = diag(dsig(yt)) @ W                         # [k, i]
            Jb_hand = diag(dsig(yt))
            for k in range(n):
                cross(close(fd(lambda X: fwd(W, X, b)[k], x), Jx_hand[k]), "ex13 dy/dx")
                cross(close(fd(lambda X: fwd(W, x, X)[k], b), Jb_hand[k]), "ex13 dy/db")
                JW_hand = np.zeros((n, m))
                JW_hand[k] = dsig(yt[k]) * x                      # sigma'(yt_k) e_k x^T
                cross(close(fd(lambda X: fwd(X, x, b)[k], W), JW_hand), "ex13 dy/dW")
                if target == "dy_dW":
                    for i in range(n):
                        for j in range(m):
                            out.append((dict(env0, k=k, i=i, j=j), JW_hand[i, j]))
                elif target == "dy_dx":
                    for i in range(m):
                        out.append((dict(env0, k=k, i=i), Jx_hand[k, i]))
                elif target == "dy_db":
                    for i in range(n):
                        out.append((dict(env0, k=k, i=i), Jb_hand[k, i]))
            if target == "dy_dx_matrix":
                out.append((env0, Jx_hand))
            elif target == "dy_db_matrix":
                out.append((env0, Jb_hand))
    return out


def cases_exercise14(target, rng):
    out = []
    for _ in range(12):
        x, t1, t2, t3 = rng.normal(size=4)
        f1 = lambda x_, th: np.sin(x_ * th) + th ** 2
        f2 = lambda u, th: np.tanh(u * th) + 0.5 * u * th ** 2
        f3 = lambda y_, th: np.exp(0.3 * y_ * th) + y_ * th
        yt = f1(x, t1)
        y = f2(yt, t2)
        p = dict(
            f1t1=x * np.cos(x * t1) + 2 * t1,
            f2yt=t2 * (1 - np.tanh(yt * t2) ** 2) + 0.5 * t2 ** 2,
            f2t2=yt * (1 - np.tanh(yt * t2) ** 2) + yt * t2,
            f3y=0.3 * t3 * np.exp(0.3 * y * t3) + t3,
            f3t3=0.3 * y * np.exp(0.3 * y * t3) + y,
        )
        th = np.array([t1, t2, t3])
        Fw = lambda T_: f3(f2(f1(x, T_[0]), T_[1]), T_[2])
        Gw = lambda T_: Fw(T_) + f2(f1(x, T_[0]), T_[1])
        dF_hand = np.array([p["f3y"] * p["f2yt"] * p["f1t1"], p["f3y"] * p["f2t2"], p["f3t3"]])
        dG_hand = np.array([(1 + p["f3y"]) * p["f2yt"] * p["f1t1"], (1 + p["f3y"]) * p["f2t2"], p["f3t3"]])
        cross(close(fd(Fw, th), dF_hand), "ex14 dF")
        cross(close(fd(Gw, th), dG_hand), "ex14 dG")
        env = dict(p, F1=dF_hand[0], F2=dF_hand[1], F3=dF_hand[2])
        ref = {"dF_dtheta1": dF_hand[0], "dG_dtheta1": dG_hand[0], "dG_dtheta2": dG_hand[1],
               "dG_dtheta3": dG_hand[2], "dG_minus_dF_theta1": dG_hand[0] - dF_hand[0]}[target]
        out.append((env, ref))
    return out


def meanc(x, ga, be):
    return ga * (x - x.mean()) + be


def cases_hw3_3b(target, rng):
    out = []
    for n in range(1, 6):
        for _ in range(3):
            ga = float(rng.choice([-1, 1]) * rng.uniform(0.3, 2.0))
            be = float(rng.normal())
            x = rng.normal(size=n)
            c, dd = rng.normal(size=n), rng.normal(size=n)
            loss = lambda X: float(c @ meanc(X, ga, be) + dd @ meanc(X, ga, be) ** 2)
            g = c + 2 * dd * meanc(x, ga, be)
            env0 = dict(n=n, gamma=ga, beta=be, g=g)
            if target == "dy_dx":
                for j in range(n):
                    fdj = fd(lambda X: meanc(X, ga, be)[j], x)
                    for i in range(n):
                        ref = ga * (d(i, j) - 1 / n)
                        cross(abs(fdj[i] - ref) < 1e-6, "3b dy_dx")
                        out.append((dict(env0, i=i, j=j), ref))
            else:
                fdl = fd(loss, x)
                for i in range(n):
                    ref = ga * (g[i] - g.sum() / n)
                    cross(abs(fdl[i] - ref) < 1e-6 * (1 + abs(ref)), "3b dL_dx")
                    out.append((dict(env0, i=i), ref))
    return out


def cases_hw3_4a(target, rng):
    out = []
    for _ in range(5):
        b1, b2 = float(rng.uniform(0.05, 0.95)), float(rng.uniform(0.05, 0.95))
        Tm = 7
        G = rng.normal(size=(Tm + 1, 3))
        gc = rng.normal(size=3)
        m, v, mc = np.zeros((Tm + 1, 3)), np.zeros((Tm + 1, 3)), np.zeros((Tm + 1, 3))
        for t in range(1, Tm + 1):                 # Algorithm 1, simulated
            m[t] = b1 * m[t - 1] + (1 - b1) * G[t]
            v[t] = b2 * v[t - 1] + (1 - b2) * G[t] ** 2
            mc[t] = b1 * mc[t - 1] + (1 - b1) * gc
        for t in range(1, Tm + 1):
            cross(np.allclose(mc[t], (1 - b1 ** t) * gc), "adam constant")
            env = dict(b1=b1, b2=b2, t=t, m_prev=m[t - 1], v_prev=v[t - 1], g=G[t], gc=gc)
            ref = {"m_update": m[t], "v_update": v[t], "m_constant": (1 - b1 ** t) * gc}[target]
            out.append((env, ref))
    return out


def cases_hw3_4b(target, rng):
    out = []
    for _ in range(12):
        a, bq, c3 = rng.normal(), rng.uniform(0.1, 1.0), rng.normal()
        lam, eta = float(rng.uniform(0.05, 0.9)), float(rng.uniform(0.05, 0.9))
        theta = float(rng.normal())
        f = lambda th: a * th + bq * th ** 2 + c3 * np.sin(th)
        Gf = a + 2 * bq * theta + c3 * np.cos(theta)
        gref = float(fd(lambda X: f(X[0]) + lam / 2 * X[0] ** 2, np.array([theta]))[0])
        cross(abs(gref - (Gf + lam * theta)) < 1e-6, "4b grad_reg")
        step = theta - eta * gref                       # one SGD step on f^reg
        cross(abs(step - ((1 - eta * lam) * theta - eta * Gf)) < 1e-6, "4b step")
        gam = (theta - eta * Gf - step) / theta         # (1-gamma) theta - eta G = step
        cross(abs(gam - eta * lam) < 1e-4, "4b gamma")
        env = dict(theta=theta, G=Gf, lam=lam, eta=eta)
        ref = {"grad_reg": Gf + lam * theta, "sgd_l2_step": (1 - eta * lam) * theta - eta * Gf,
               "gamma_for_equivalence": eta * lam}[target]
        out.append((env, ref))
    return out


def softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def cases_softmax_ce(target, rng):
    out = []
    for K in range(1, 6):
        for _ in range(3):
            z = rng.normal(size=K) * 1.5
            y = rng.dirichlet(np.ones(K))
            p = softmax(z)
            env0 = dict(z=z, p=p, y=y)
            if target == "dp_dz":
                for k in range(K):
                    fk = fd(lambda Z: softmax(Z)[k], z)
                    for i in range(K):
                        ref = p[k] * (d(i, k) - p[i])
                        cross(abs(fk[i] - ref) < 1e-6, "softmax dp_dz")
                        out.append((dict(env0, k=k, i=i), ref))
            else:
                fl = fd(lambda Z: float(-np.sum(y * np.log(softmax(Z)))), z)
                for i in range(K):
                    ref = p[i] - y[i]
                    cross(abs(fl[i] - ref) < 1e-6, "softmax dL_dz")
                    out.append((dict(env0, i=i), ref))
    return out


def cases_mlp2(target, rng):
    out = []
    for m, n, c in [(1, 1, 1), (2, 3, 2), (3, 2, 4), (2, 4, 3)]:
        for _ in range(3):
            while True:
                x, W1, b1 = rng.normal(size=m), rng.normal(size=(n, m)), rng.normal(size=n)
                a = W1 @ x + b1
                if np.all(np.abs(a) > 0.05) and np.any(a > 0) and np.any(a < 0) or n == 1 and abs(a[0]) > 0.05:
                    break
            W2, b2, t = rng.normal(size=(c, n)), rng.normal(size=c), rng.normal(size=c)
            h = np.maximum(0, a)
            o = W2 @ h + b2

            def loss(W1_=W1, b1_=b1, W2_=W2):
                return 0.5 * float(np.sum((W2_ @ np.maximum(0, W1_ @ x + b1_) + b2 - t) ** 2))
            delta2 = o - t
            delta1 = (a > 0) * (W2.T @ delta2)
            hand = {"dL_dW2": np.outer(delta2, h), "dL_db1": delta1, "dL_dW1": np.outer(delta1, x)}
            cross(close(fd(lambda X: loss(W2_=X), W2), hand["dL_dW2"]), "mlp2 W2")
            cross(close(fd(lambda X: loss(b1_=X), b1), hand["dL_db1"]), "mlp2 b1")
            cross(close(fd(lambda X: loss(W1_=X), W1), hand["dL_dW1"]), "mlp2 W1")
            env0 = dict(x=x, W1=W1, b1=b1, a=a, h=h, W2=W2, b2=b2, o=o, t=t)
            if target == "dL_dW2":
                out += [(dict(env0, r=r, k=k), hand[target][r, k]) for r in range(c) for k in range(n)]
            elif target == "dL_db1":
                out += [(dict(env0, k=k), hand[target][k]) for k in range(n)]
            else:
                out += [(dict(env0, k=k, j=j), hand[target][k, j]) for k in range(n) for j in range(m)]
    return out


def cases_layernorm(target, rng):
    out = []
    for n in range(1, 6):
        for _ in range(3):
            x = rng.normal(size=n) * rng.uniform(0.5, 2.0)
            ga, be = float(rng.normal()), float(rng.normal())
            eps = float(rng.uniform(0.05, 1.0))
            c, dd = rng.normal(size=n), rng.normal(size=n)

            def fwd(X, ga_=ga, be_=be):
                mu_ = X.mean()
                var_ = np.mean((X - mu_) ** 2)
                return ga_ * (X - mu_) / np.sqrt(var_ + eps) + be_
            loss = lambda Y: float(c @ Y + dd @ Y ** 2)
            mu = float(x.mean())
            var = float(np.mean((x - mu) ** 2))
            xh = (x - mu) / np.sqrt(var + eps)
            y = fwd(x)
            g = c + 2 * dd * y
            s = np.sqrt(var + eps)
            env0 = dict(n=n, x=x, g=g, gamma=ga, eps=eps, mu=mu, var=var, xh=xh)
            if target == "dL_dx":
                ref = ga / s * (g - g.mean() - xh * np.mean(g * xh))
                cross(close(fd(lambda X: loss(fwd(X)), x, h=1e-5), ref, 1e-5), "layernorm dL_dx")
                out += [(dict(env0, i=i), ref[i]) for i in range(n)]
            elif target == "dL_dgamma":
                ref = float(np.sum(g * xh))
                cross(close(fd(lambda X: loss(fwd(x, ga_=X[0])), np.array([ga]))[0], ref), "ln gamma")
                out.append((env0, ref))
            else:
                ref = float(g.sum())
                cross(close(fd(lambda X: loss(fwd(x, be_=X[0])), np.array([be]))[0], ref), "ln beta")
                out.append((env0, ref))
    return out


def cases_logreg_l2(target, rng):
    out = []
    for m in range(1, 5):
        for yv in (0.0, 1.0):
            for _ in range(2):
                w, x = rng.normal(size=m), rng.normal(size=m)
                b, lam = float(rng.normal()), float(rng.uniform(0.05, 1.0))

                def loss(w_=w, b_=b):
                    p_ = sig(w_ @ x + b_)
                    return float(-yv * np.log(p_) - (1 - yv) * np.log(1 - p_) + lam / 2 * np.sum(w_ ** 2))
                s = float(w @ x + b)
                p = sig(s)
                env0 = dict(w=w, x=x, b=b, y=yv, s=s, p=p, lam=lam)
                if target == "dL_dw":
                    ref = (p - yv) * x + lam * w
                    cross(close(fd(lambda X: loss(w_=X), w), ref), "logreg w")
                    out += [(dict(env0, i=i), ref[i]) for i in range(m)]
                else:
                    ref = p - yv
                    cross(close(fd(lambda X: loss(b_=X[0]), np.array([b]))[0], ref), "logreg b")
                    out.append((env0, ref))
    return out


def cases_rmsnorm(target, rng):
    out = []
    for n in range(1, 6):
        for _ in range(3):
            x, gg = rng.normal(size=n), rng.normal(size=n)
            eps = float(rng.uniform(0.05, 1.0))
            c, dd = rng.normal(size=n), rng.normal(size=n)
            rr = lambda X: np.sqrt(np.mean(X ** 2) + eps)
            fwd = lambda X: gg * X / rr(X)
            r = float(rr(x))
            y = fwd(x)
            G = c + 2 * dd * y
            env0 = dict(n=n, x=x, g=gg, G=G, r=r)
            J = np.array([[gg[j] * (d(i, j) / r - x[i] * x[j] / (n * r ** 3)) for i in range(n)] for j in range(n)])
            for j in range(n):
                cross(close(fd(lambda X: fwd(X)[j], x), J[j]), "rms dy_dx")
            if target == "dy_dx":
                out += [(dict(env0, i=i, j=j), J[j, i]) for i in range(n) for j in range(n)]
            else:
                ref = gg * G / r - x / (n * r ** 3) * np.sum(gg * x * G)
                cross(close(fd(lambda X: float(c @ fwd(X) + dd @ fwd(X) ** 2), x), ref), "rms dL_dx")
                out += [(dict(env0, i=i), ref[i]) for i in range(n)]
    return out


def cases_attention_softmax(target, rng):
    out = []
    for n, D in [(1, 1), (2, 3), (3, 2), (4, 4), (3, 1)]:
        for _ in range(2):
            q, K = rng.normal(size=D), rng.normal(size=(n, D))
            scores = lambda Q: K @ Q / np.sqrt(D)
            s = scores(q)
            a = softmax(s)
            env0 = dict(q=q, K=K, s=s, a=a, D=D)
            Js = diag(a) - np.outer(a, a)                  # [j, i]
            Jq = Js @ K / np.sqrt(D)                       # [j, d]
            for j in range(n):
                cross(close(fd(lambda S: softmax(S)[j], s), Js[j]), "att da/ds")
                cross(close(fd(lambda Q: softmax(scores(Q))[j], q), Jq[j]), "att da/dq")
            if target == "da_ds":
                out += [(dict(env0, j=j, i=i), Js[j, i]) for j in range(n) for i in range(n)]
            elif target == "da_ds_matrix":
                out.append((env0, Js))
            else:
                out += [(dict(env0, j=j, d=dd), Jq[j, dd]) for j in range(n) for dd in range(D)]
    return out


def cases_momentum(target, rng):
    out = []
    for _ in range(6):
        mu, eta = float(rng.uniform(0.05, 0.95)), float(rng.uniform(0.05, 1.0))
        g, theta0 = float(rng.normal()), float(rng.normal())
        v, th = 0.0, theta0
        for t in range(1, 9):                              # the recurrence, simulated
            v = mu * v + g
            th = th - eta * v
            env = dict(mu=mu, eta=eta, g=g, theta0=theta0, t=t)
            if target == "v_closed":
                out.append((env, v))
            elif target == "theta_closed":
                out.append((env, th))
        if target == "v_limit":
            vv = 0.0
            for _ in range(5000):
                vv = mu * vv + g
            cross(abs(vv - g / (1 - mu)) < 1e-9, "momentum limit")
            out.append((dict(mu=mu, eta=eta, g=g, theta0=theta0, t=1), g / (1 - mu)))
    return out


CASES = {}


def same(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=RTOL, atol=ATOL))


def main():
    rng = np.random.default_rng(SEED)
    keys = list(OrderedDict.fromkeys((a["problem"], a["target"]) for a in ANSWERS))
    for key in keys:
        CASES[key] = globals()["cases_" + key[0]](key[1], rng)
        assert CASES[key], key
    rows, bad, num = [], [], Counter()
    for a in ANSWERS:
        key = (a["problem"], a["target"])
        with np.errstate(divide="ignore", invalid="ignore"):
            ok = all(same(a["fn"](env), ref) for env, ref in CASES[key])
        label = R if ok else W
        if label != a["expect"]:
            bad.append((key, a["latex"], label))
        num[key] += 1
        rows.append(OrderedDict(
            id="e-%s-%s-%02d" % (a["problem"], a["target"], num[key]),
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
    print("answers: %d  targets: %d  right: %d  wrong: %d" % (len(rows), len(keys), lab[R], lab[W]))
    for key in keys:
        c = Counter(r["label"] for r in rows if (r["problem"], r["target"]) == key)
        print("  %-18s %-20s %3d answers (%d right, %d wrong) over %d points"
              % (key[0], key[1], c[R] + c[W], c[R], c[W], len(CASES[key])))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
