#!/usr/bin/env python3
"""Independent answer corpus "a" for symderiv exercise13 / exercise14.

Every label is computed HERE, by hand-written numpy, never by the engine:

* for each target a REFERENCE function derived by hand from the statement, itself
  cross-checked against central finite differences of a numpy forward pass;
* for each answer a MEANING function: my own translation of what the LaTeX says;
* label = "right" iff meaning == reference (same shape, same values) at every random
  draw and every combination of the free integer indices (i = k and i != k included),
  at several sizes (n, m) for the symbolic targets and at n = 4, m = 3 for the seeds.

Each answer also carries the label I *intended* when writing it; the script stops if the
computed label disagrees (a bug in a translation or in a reference).

Run:  python tests/corpus/build_a.py   ->  tests/corpus/answers_a.jsonl
numpy + standard library only; fixed seeds; deterministic output.
"""

import itertools
import json
import os
import sys
from collections import Counter

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "answers_a.jsonl")


# --------------------------------------------------------------------------- helpers
def sig(u):
    return 1.0 / (1.0 + np.exp(-u))


def dsig_ref(u):  # reference: sigma' = sigma (1 - sigma)
    s = sig(u)
    return s * (1.0 - s)


def col(v):
    return np.asarray(v, dtype=float).reshape(-1, 1)


def row(v):
    return np.asarray(v, dtype=float).reshape(1, -1)


def e(k, n):  # standard basis column vector of R^n, 0-based k
    v = np.zeros((n, 1))
    v[k, 0] = 1.0
    return v


def diag(v):
    return np.diag(np.ravel(np.asarray(v, dtype=float)))


def dl(a, b):  # Kronecker delta
    return 1.0 if a == b else 0.0


def bmat(rows):
    return r"\begin{bmatrix}" + r" \\ ".join(" & ".join(r) for r in rows) + r"\end{bmatrix}"


def same(a, r):
    a = np.asarray(a, dtype=float)
    r = np.asarray(r, dtype=float)
    if a.shape != r.shape:
        return False
    return bool(np.allclose(a, r, rtol=1e-9, atol=1e-12))


# --------------------------------------------------------------------------- exercise13
class E13:
    """One random point: W (n x m), x (m), b (n); the current free indices (0-based)."""

    def __init__(self, W, x, b):
        self.W, self.x, self.b = W, x, b
        self.n, self.m = W.shape
        self.yt = W @ x + b
        self.y = sig(self.yt)
        self.X = col(x)
        self.k = self.i = self.j = None


def fwd_yt(W, x, b):
    return W @ x + b


def fwd_y(W, x, b):
    return sig(W @ x + b)


def fd_jac(f, args, which, h=1e-6):
    """Central differences of f(*args) with respect to args[which]; shape out + arg."""
    base = f(*args)
    a = args[which]
    J = np.zeros(base.shape + a.shape)
    for idx in np.ndindex(a.shape):
        ap = a.copy()
        am = a.copy()
        ap[idx] += h
        am[idx] -= h
        pa = list(args)
        pa[which] = ap
        ma = list(args)
        ma[which] = am
        J[(Ellipsis, *idx)] = (f(*pa) - f(*ma)) / (2 * h)
    return J


def fd13(E):
    """Every finite-difference Jacobian the exercise13 targets need (cached on E)."""
    if not hasattr(E, "_fd"):
        args = (E.W, E.x, E.b)
        h = 1e-6
        E._fd = {
            "yt_W": fd_jac(fwd_yt, args, 0),  # [k, i, j]
            "yt_x": fd_jac(fwd_yt, args, 1),  # [k, i]
            "yt_b": fd_jac(fwd_yt, args, 2),  # [k, i]
            "y_W": fd_jac(fwd_y, args, 0),
            "y_x": fd_jac(fwd_y, args, 1),
            "y_b": fd_jac(fwd_y, args, 2),
            "y_yt": (sig(E.yt + h) - sig(E.yt - h)) / (2 * h),
        }
    return E._fd


# Targets of exercise13. idx: free index -> which size ranges it ("n" or "m").
# ref: hand-derived reference; fd: the same quantity from finite differences.
T13 = {
    "dyt_dW": dict(
        idx={"k": "n", "i": "n", "j": "m"},
        ref=lambda E: dl(E.k, E.i) * E.x[E.j],
        fd=lambda E: fd13(E)["yt_W"][E.k, E.i, E.j],
    ),
    "dyt_dW_vec": dict(
        idx={"i": "n", "j": "m"},
        ref=lambda E: E.x[E.j] * e(E.i, E.n),
        fd=lambda E: col(fd13(E)["yt_W"][:, E.i, E.j]),
    ),
    "dyt_dx_vec": dict(
        idx={"i": "m"},
        ref=lambda E: col(E.W[:, E.i]),
        fd=lambda E: col(fd13(E)["yt_x"][:, E.i]),
    ),
    "dy_dyt": dict(
        idx={"k": "n"},
        ref=lambda E: dsig_ref(E.yt[E.k]),
        fd=lambda E: fd13(E)["y_yt"][E.k],
    ),
    "dyt_db": dict(idx={}, ref=lambda E: np.eye(E.n), fd=lambda E: fd13(E)["yt_b"]),
    "dyt_dx": dict(idx={}, ref=lambda E: E.W.copy(), fd=lambda E: fd13(E)["yt_x"]),
    "dy_dW": dict(
        idx={"k": "n", "i": "n", "j": "m"},
        ref=lambda E: dsig_ref(E.yt[E.k]) * dl(E.k, E.i) * E.x[E.j],
        fd=lambda E: fd13(E)["y_W"][E.k, E.i, E.j],
    ),
    "dy_dx": dict(
        idx={"k": "n", "i": "m"},
        ref=lambda E: dsig_ref(E.yt[E.k]) * E.W[E.k, E.i],
        fd=lambda E: fd13(E)["y_x"][E.k, E.i],
    ),
    "dy_db": dict(
        idx={"k": "n", "i": "n"},
        ref=lambda E: dsig_ref(E.yt[E.k]) * dl(E.k, E.i),
        fd=lambda E: fd13(E)["y_b"][E.k, E.i],
    ),
    "dy_dx_matrix": dict(
        idx={}, ref=lambda E: diag(dsig_ref(E.yt)) @ E.W, fd=lambda E: fd13(E)["y_x"]
    ),
    "dy_db_matrix": dict(idx={}, ref=lambda E: diag(dsig_ref(E.yt)), fd=lambda E: fd13(E)["y_b"]),
    "dyk_dW_matrix": dict(
        idx={"k": "n"},
        ref=lambda E: dsig_ref(E.yt[E.k]) * (e(E.k, E.n) @ row(E.x)),
        fd=lambda E: fd13(E)["y_W"][E.k, :, :],
    ),
}
for _name in list(T13):
    T13[_name + "_seed"] = dict(T13[_name], seed=True)

SIZES_SYMBOLIC = [(2, 2), (3, 2), (2, 3), (3, 3)]
SIZES_SEED = [(4, 3)]


def points13(seed_sizes, draws, rng):
    pts = []
    for n, m in seed_sizes:
        for _ in range(draws):
            W = rng.normal(0, 1.3, size=(n, m))
            x = rng.normal(0, 1.3, size=m)
            b = rng.normal(0, 1.0, size=n)
            pts.append(E13(W, x, b))
    return pts


def index_combos(E, idx):
    names = list(idx)
    ranges = [range(E.n if idx[nm] == "n" else E.m) for nm in names]
    for combo in itertools.product(*ranges):
        yield dict(zip(names, combo))


# --------------------------------------------------------------------------- exercise14
class Fn:
    """A random smooth concrete layer f(a, t) with its exact partials (hand-derived)."""

    def __init__(self, rng):
        self.c = rng.uniform(-1.2, 1.2, size=8)

    def __call__(self, a, t):
        p, q, r, s, u, v, w, z = self.c
        return (
            p * np.sin(q * a + r * t)
            + s * a * t
            + u * a * a
            + v * t * t
            + w * a
            + z * np.sin(a) * t
        )

    def da(self, a, t):
        p, q, r, s, u, _v, w, z = self.c
        return p * q * np.cos(q * a + r * t) + s * t + 2 * u * a + w + z * np.cos(a) * t

    def dt(self, a, t):
        p, q, r, s, _u, v, _w, z = self.c
        return p * r * np.cos(q * a + r * t) + s * a + 2 * v * t + z * np.sin(a)


class E14:
    def __init__(self, rng):
        self.f1, self.f2, self.f3 = Fn(rng), Fn(rng), Fn(rng)
        self.x, self.t1, self.t2, self.t3 = rng.uniform(-1.5, 1.5, size=4)
        self.yt = self.f1(self.x, self.t1)
        self.y = self.f2(self.yt, self.t2)


def F14(E, t1, t2, t3):
    return E.f3(E.f2(E.f1(E.x, t1), t2), t3)


def G14(E, t1, t2, t3):
    y = E.f2(E.f1(E.x, t1), t2)
    return E.f3(y, t3) + y


def fd14(E, net, which, h=1e-6):
    t = [E.t1, E.t2, E.t3]
    tp, tm = list(t), list(t)
    tp[which] += h
    tm[which] -= h
    return (net(E, *tp) - net(E, *tm)) / (2 * h)


def _r14_dF(E, w):
    a3 = E.f3.da(E.y, E.t3)
    return [
        a3 * E.f2.da(E.yt, E.t2) * E.f1.dt(E.x, E.t1),
        a3 * E.f2.dt(E.yt, E.t2),
        E.f3.dt(E.y, E.t3),
    ][w]


def _r14_dG(E, w):
    a3 = 1.0 + E.f3.da(E.y, E.t3)
    return [
        a3 * E.f2.da(E.yt, E.t2) * E.f1.dt(E.x, E.t1),
        a3 * E.f2.dt(E.yt, E.t2),
        E.f3.dt(E.y, E.t3),
    ][w]


T14 = {}
for _w in range(3):
    T14[f"dF_dtheta{_w + 1}"] = dict(
        ref=lambda E, w=_w: _r14_dF(E, w), fd=lambda E, w=_w: fd14(E, F14, w)
    )
    T14[f"dG_dtheta{_w + 1}"] = dict(
        ref=lambda E, w=_w: _r14_dG(E, w), fd=lambda E, w=_w: fd14(E, G14, w)
    )
    T14[f"dG_minus_dF_theta{_w + 1}"] = dict(
        ref=lambda E, w=_w: [
            E.f2.da(E.yt, E.t2) * E.f1.dt(E.x, E.t1),
            E.f2.dt(E.yt, E.t2),
            0.0,
        ][w],
        fd=lambda E, w=_w: fd14(E, G14, w) - fd14(E, F14, w),
    )


# --------------------------------------------------------------------------- answers
ANSWERS = []  # (problem, target, code, latex, style, meaning, fn, intended)


def A(problem, target, code, latex, style, meaning, fn, intended):
    assert intended in ("R", "W")
    ANSWERS.append((problem, target, code, latex, style, meaning, fn, intended))


def ex13(target, code):
    return lambda latex, style, meaning, fn, intended: A(
        "exercise13", target, code, latex, style, meaning, fn, intended
    )


def ex14(target, code):
    return lambda latex, style, meaning, fn, intended: A(
        "exercise14", target, code, latex, style, meaning, fn, intended
    )


# meanings of the sigmoid-derivative notations, each translated on its own
def sp_prime(u):  # \sigma'(u): derivative of 1/(1+e^{-u}) written out by hand
    return np.exp(-u) / (1.0 + np.exp(-u)) ** 2


def s_1ms(u):  # \sigma(u)(1-\sigma(u))
    return sig(u) * (1.0 - sig(u))


def expfrac(u):  # e^{-u}/(1+e^{-u})^2
    return np.exp(-u) / (1.0 + np.exp(-u)) ** 2


def writeup(u):  # 1/(2 + e^{-u} + e^{u})
    return 1.0 / (2.0 + np.exp(-u) + np.exp(u))


# ---- exercise13: dyt_dW  (free k, i, j)
a = ex13("dyt_dW", "dytW")
a(
    r"\delta_{ki} x_j",
    "Kronecker \\delta_{ki}, juxtaposition",
    "δ_ki x_j",
    lambda E: dl(E.k, E.i) * E.x[E.j],
    "R",
)
a(
    r"x_{j}\,\delta_{ik}",
    "\\delta_{ik} order, \\, spacing, braces",
    "x_j δ_ik",
    lambda E: E.x[E.j] * dl(E.i, E.k),
    "R",
)
a(
    r"[k=i]\, x_j",
    "Iverson bracket",
    "x_j if k=i else 0",
    lambda E: (1.0 if E.k == E.i else 0.0) * E.x[E.j],
    "R",
)
a(
    r"\mathbb{1}_{\{i=k\}} \cdot x_j",
    "indicator \\mathbb{1}_{\\{i=k\\}}, \\cdot",
    "indicator(i=k) x_j",
    lambda E: (1.0 if E.i == E.k else 0.0) * E.x[E.j],
    "R",
)
a(
    r"\frac{\partial \tilde{y}_k}{\partial W_{ij}} = \delta_{ki}x_j",
    "left side named",
    "δ_ki x_j",
    lambda E: dl(E.k, E.i) * E.x[E.j],
    "R",
)
a(r"x_j", "no delta", "δ_ki missing", lambda E: E.x[E.j], "W")
a(
    r"\delta_{kj} x_i",
    "indices i<->j swapped",
    "δ_kj x_i (i↔j transposed)",
    lambda E: dl(E.k, E.j) * E.x[E.i],
    "W",
)
a(
    r"\delta_{ki}\, x_i",
    "wrong index on x",
    "δ_ki x_i instead of x_j",
    lambda E: dl(E.k, E.i) * E.x[E.i],
    "W",
)
a(r"x^T", "write-up's row vector", "the row vector x^T (not a scalar)", lambda E: row(E.x), "W")


a = ex13("dyt_dW_seed", "dytW")
a(r"\delta_{ki}\,x_j", "delta, seed sizes", "δ_ki x_j", lambda E: dl(E.k, E.i) * E.x[E.j], "R")
a(
    r"\mathbb{1}[k=i]\,x_{j}",
    r"\mathbb{1}[k=i] indicator",
    "x_j if k=i",
    lambda E: (E.k == E.i) * E.x[E.j],
    "R",
)
a(r"x_j", "no delta", "δ_ki missing", lambda E: E.x[E.j], "W")

# ---- exercise13: dyt_dW_vec  (free i, j; a column vector over k)
a = ex13("dyt_dW_vec", "dytWv")
a(
    r"x_j e_i",
    "basis vector e_i",
    "x_j times the i-th basis vector of R^n",
    lambda E: E.x[E.j] * e(E.i, E.n),
    "R",
)
a(r"e_{i}\, x_{j}", "e_{i} first, braces", "e_i x_j", lambda E: e(E.i, E.n) * E.x[E.j], "R")
a(
    r"x_j \sum_{k=1}^{n} \delta_{ki}\, e_k",
    "sum of deltas times basis",
    "x_j Σ_k δ_ki e_k = x_j e_i",
    lambda E: E.x[E.j] * sum(dl(k, E.i) * e(k, E.n) for k in range(E.n)),
    "R",
)
a(r"x_i e_j", "i<->j swapped", "x_i e_j (i↔j transposed)", lambda E: E.x[E.i] * e(E.j, E.n), "W")
a(
    r"x_j \mathbf{1}_n",
    "all-ones vector",
    "x_j in every entry (δ missing)",
    lambda E: E.x[E.j] * np.ones((E.n, 1)),
    "W",
)
a(r"x^T", "write-up's row vector", "row vector x^T", lambda E: row(E.x), "W")

a = ex13("dyt_dW_vec_seed", "dytWv")
a(
    r"x_j \begin{bmatrix}\delta_{1i}\\ \delta_{2i}\\ \delta_{3i}\\ \delta_{4i}\end{bmatrix}",
    "scalar times bmatrix of deltas",
    "x_j (δ_1i, …, δ_4i)^T",
    lambda E: E.x[E.j] * col([dl(r, E.i) for r in range(4)]),
    "R",
)
a(
    bmat([[rf"[i={r}]\,x_j"] for r in range(1, 5)]),
    "bmatrix of Iverson brackets",
    "entry r is x_j if i=r",
    lambda E: col([E.x[E.j] if E.i == r else 0.0 for r in range(4)]),
    "R",
)
a(r"x_j\, e_i", "basis vector at seed size", "x_j e_i in R^4", lambda E: E.x[E.j] * e(E.i, 4), "R")
a(
    bmat([["x_1"], ["x_2"], ["x_3"]]),
    "bmatrix, whole x",
    "the vector x (wrong length 3)",
    lambda E: col(E.x),
    "W",
)
a(
    r"x_i \begin{bmatrix}\delta_{1j}\\ \delta_{2j}\\ \delta_{3j}\\ \delta_{4j}\end{bmatrix}",
    "scalar times bmatrix, i<->j",
    "x_i e_j (i↔j transposed)",
    lambda E: E.x[E.i] * col([dl(r, E.j) for r in range(4)]),
    "W",
)

# ---- exercise13: dyt_dx_vec  (free i; column of W)
a = ex13("dyt_dx_vec", "dytxv")
a(r"W e_i", "matrix times basis vector", "i-th column of W", lambda E: E.W @ e(E.i, E.m), "R")
a(
    r"\sum_{k=1}^{n} W_{ki}\, e_k",
    "sum over basis",
    "Σ_k W_ki e_k",
    lambda E: sum(E.W[k, E.i] * e(k, E.n) for k in range(E.n)),
    "R",
)
a(
    r"W^T e_i",
    "write-up's W^T",
    "i-th row of W (W^T instead of W)",
    lambda E: E.W.T @ e(E.i, E.n),
    "W",
)
a(r"e_i^T W", "row of W", "i-th row of W as a row vector", lambda E: e(E.i, E.n).T @ E.W, "W")

a = ex13("dyt_dx_vec_seed", "dytxv")
a(
    bmat([[f"W_{{{r}i}}"] for r in range(1, 5)]),
    "explicit bmatrix column",
    "(W_1i, …, W_4i)^T",
    lambda E: col([E.W[r, E.i] for r in range(4)]),
    "R",
)
a(
    r"W\begin{bmatrix}\delta_{1i}\\ \delta_{2i}\\ \delta_{3i}\end{bmatrix}",
    "W times bmatrix of deltas",
    "W e_i",
    lambda E: E.W @ col([dl(r, E.i) for r in range(3)]),
    "R",
)
a(
    bmat([[f"W_{{i{c}}}"] for c in range(1, 4)]),
    "bmatrix, row of W",
    "(W_i1, W_i2, W_i3)^T: row i, wrong",
    lambda E: col([E.W[E.i, c] for c in range(3)]),
    "W",
)

# ---- exercise13: dy_dyt  (free k)
a = ex13("dy_dyt", "dydyt")
a(r"\sigma'(\tilde{y}_k)", "sigma prime", "σ'(ỹ_k)", lambda E: sp_prime(E.yt[E.k]), "R")
a(
    r"\sigma(\tilde y_k)\left(1-\sigma(\tilde y_k)\right)",
    r"\tilde y_k, \left( \right)",
    "σ(ỹ_k)(1−σ(ỹ_k))",
    lambda E: s_1ms(E.yt[E.k]),
    "R",
)
a(
    r"\frac{e^{-\tilde{y}_k}}{(1+e^{-\tilde{y}_k})^2}",
    "e^{-u}/(1+e^{-u})^2",
    "e^{-ỹ_k}/(1+e^{-ỹ_k})²",
    lambda E: expfrac(E.yt[E.k]),
    "R",
)
a(r"y_k (1 - y_k)", "in terms of y_k", "y_k(1−y_k)", lambda E: E.y[E.k] * (1 - E.y[E.k]), "R")
a(
    r"\frac{1}{2+e^{-\tilde{y}_{k}}+e^{\tilde{y}_{k}}}",
    r"write-up form, \tilde{y}_{k}",
    "1/(2+e^{-ỹ_k}+e^{ỹ_k})",
    lambda E: writeup(E.yt[E.k]),
    "R",
)
a(
    r"\frac{1}{4\cosh^{2}(\tilde y_k/2)}",
    "cosh form",
    "1/(4 cosh²(ỹ_k/2))",
    lambda E: 1.0 / (4 * np.cosh(E.yt[E.k] / 2) ** 2),
    "R",
)
a(
    r"\sigma(\tilde y_k)\,\sigma(-\tilde y_k)",
    "sigma(u) sigma(-u)",
    "σ(ỹ_k)σ(−ỹ_k)",
    lambda E: sig(E.yt[E.k]) * sig(-E.yt[E.k]),
    "R",
)
a(
    r"\frac{\exp(\tilde y_k)}{\left(1+\exp(\tilde y_k)\right)^2}",
    r"\exp(\dots), positive exponent",
    "e^{ỹ_k}/(1+e^{ỹ_k})²",
    lambda E: np.exp(E.yt[E.k]) / (1 + np.exp(E.yt[E.k])) ** 2,
    "R",
)
a(
    r"\frac{\partial y_k}{\partial \tilde y_k} = \sigma^{\prime}(\tilde y_k)",
    r"left side, \sigma^{\prime}",
    "σ'(ỹ_k)",
    lambda E: sp_prime(E.yt[E.k]),
    "R",
)
a(
    r"\sigma(\tilde y_k)",
    "sigma instead of sigma'",
    "σ(ỹ_k) instead of σ'",
    lambda E: sig(E.yt[E.k]),
    "W",
)
a(r"y_k(1+y_k)", "sign slip in y(1-y)", "y_k(1+y_k)", lambda E: E.y[E.k] * (1 + E.y[E.k]), "W")
a(
    r"\frac{e^{-\tilde y_k}}{1+e^{-\tilde y_k}}",
    "square forgotten",
    "e^{-ỹ}/(1+e^{-ỹ}) = 1−σ (no square)",
    lambda E: np.exp(-E.yt[E.k]) / (1 + np.exp(-E.yt[E.k])),
    "W",
)
a(r"1-y_k^2", "tanh derivative", "1−y_k² (tanh' confused)", lambda E: 1 - E.y[E.k] ** 2, "W")
a(
    r"-\frac{e^{-\tilde y_k}}{(1+e^{-\tilde y_k})^2}",
    "sign flip",
    "−σ'(ỹ_k)",
    lambda E: -expfrac(E.yt[E.k]),
    "W",
)

a = ex13("dy_dyt_seed", "dydyt")
a(r"\sigma'(\tilde y_{k})", "sigma prime, seed", "σ'(ỹ_k)", lambda E: sp_prime(E.yt[E.k]), "R")
a(
    r"y_{k}\left(1-y_{k}\right)",
    "y form, seed",
    "y_k(1−y_k)",
    lambda E: E.y[E.k] * (1 - E.y[E.k]),
    "R",
)
a(
    r"1 - \sigma(\tilde y_k)",
    "half of sigma(1-sigma)",
    "1−σ(ỹ_k) (σ factor missing)",
    lambda E: 1 - sig(E.yt[E.k]),
    "W",
)

# ---- exercise13: dyt_db (n x n)
a = ex13("dyt_db", "dytb")
a(r"I_n", "identity I_n", "n×n identity", lambda E: np.eye(E.n), "R")
a(
    r"\frac{\partial \tilde y}{\partial b} = I_{n}",
    "left side, I_{n}",
    "n×n identity",
    lambda E: np.eye(E.n),
    "R",
)
a(
    r"\operatorname{diag}(\mathbf{1}_n)",
    r"\operatorname{diag} of ones",
    "diag(1,…,1) = I_n",
    lambda E: diag(np.ones(E.n)),
    "R",
)
a(r"1", "write-up's scalar 1", "the scalar 1 (not a matrix)", lambda E: 1.0, "W")
a(r"I_m", "identity of wrong size", "m×m identity", lambda E: np.eye(E.m), "W")
a(r"\mathbf{1}_n", "ones vector", "all-ones column vector", lambda E: np.ones((E.n, 1)), "W")

a = ex13("dyt_db_seed", "dytb")
a(
    bmat([["1" if r == c else "0" for c in range(4)] for r in range(4)]),
    "explicit 4x4 bmatrix",
    "4×4 identity",
    lambda E: np.eye(4),
    "R",
)
a(r"I_4", "I_4", "4×4 identity", lambda E: np.eye(4), "R")
a(
    r"\operatorname{diag}(1,1,1,1)",
    "diag of a list",
    "4×4 identity",
    lambda E: diag([1, 1, 1, 1]),
    "R",
)
a(r"I_3", "identity of wrong size", "3×3 identity", lambda E: np.eye(3), "W")
a(bmat([["1"]] * 4), "bmatrix ones column", "(1,1,1,1)^T", lambda E: np.ones((4, 1)), "W")
a(bmat([["1"] * 4] * 4), "all-ones bmatrix", "4×4 matrix of ones", lambda E: np.ones((4, 4)), "W")

# ---- exercise13: dyt_dx (n x m)
a = ex13("dyt_dx", "dytx")
a(r"W", "plain W", "W", lambda E: E.W, "R")
a(r"\frac{\partial \tilde{y}}{\partial x} = W", "left side", "W", lambda E: E.W, "R")
a(r"\left(W^{T}\right)^{T}", "double transpose", "(W^T)^T = W", lambda E: E.W.T.T, "R")
a(r"W^T", "write-up's W^T", "W^T (denominator layout)", lambda E: E.W.T, "W")
a(r"W^\top", r"^\top", "W^T", lambda E: E.W.T, "W")
a(r"x^T", "confused with dW", "x^T", lambda E: row(E.x), "W")

a = ex13("dyt_dx_seed", "dytx")
a(
    bmat([[f"W_{{{r}{c}}}" for c in range(1, 4)] for r in range(1, 5)]),
    "explicit 4x3 bmatrix",
    "W",
    lambda E: np.array([[E.W[r, c] for c in range(3)] for r in range(4)]),
    "R",
)
a(r"W", "plain W, seed", "W", lambda E: E.W, "R")
a(
    bmat([[f"W_{{{r}{c}}}" for r in range(1, 5)] for c in range(1, 4)]),
    "bmatrix transposed",
    "W^T written out (3×4)",
    lambda E: np.array([[E.W[r, c] for r in range(4)] for c in range(3)]),
    "W",
)

# ---- exercise13: dy_dW  (free k, i, j)
a = ex13("dy_dW", "dyW")
a(
    r"\sigma'(\tilde{y}_k) \delta_{ki} x_j",
    "sigma prime, delta_{ki}",
    "σ'(ỹ_k) δ_ki x_j",
    lambda E: sp_prime(E.yt[E.k]) * dl(E.k, E.i) * E.x[E.j],
    "R",
)
a(
    r"\sigma'(\tilde y_k)\,\delta_{ik}\,x_j",
    r"\tilde y_k, \delta_{ik}, \, spacing",
    "σ'(ỹ_k) δ_ik x_j",
    lambda E: sp_prime(E.yt[E.k]) * dl(E.i, E.k) * E.x[E.j],
    "R",
)
a(
    r"\delta_{ki} x_j \sigma(\tilde{y}_{k})(1-\sigma(\tilde{y}_{k}))",
    r"sigma(1-sigma), \tilde{y}_{k}",
    "δ_ki x_j σ(ỹ_k)(1−σ(ỹ_k))",
    lambda E: dl(E.k, E.i) * E.x[E.j] * s_1ms(E.yt[E.k]),
    "R",
)
a(
    r"\frac{e^{-\tilde y_k}}{(1+e^{-\tilde y_k})^2} \delta_{ki} x_j",
    "e^{-u}/(1+e^{-u})^2 form",
    "e^{-ỹ_k}/(1+e^{-ỹ_k})² δ_ki x_j",
    lambda E: expfrac(E.yt[E.k]) * dl(E.k, E.i) * E.x[E.j],
    "R",
)
a(
    r"y_k(1-y_k)\,[k=i]\,x_j",
    "y(1-y) and Iverson",
    "y_k(1−y_k) x_j if k=i",
    lambda E: E.y[E.k] * (1 - E.y[E.k]) * (1.0 if E.k == E.i else 0.0) * E.x[E.j],
    "R",
)
a(
    r"\mathbb{1}[k=i] \, x_j \cdot \sigma'(\tilde{y}_k)",
    r"\mathbb{1}[k=i], \cdot",
    "indicator(k=i) x_j σ'(ỹ_k)",
    lambda E: (1.0 if E.k == E.i else 0.0) * E.x[E.j] * sp_prime(E.yt[E.k]),
    "R",
)
a(
    r"\frac{\partial y_k}{\partial W_{ij}} = \sigma'(\tilde y_k) \delta_{ki} x_j",
    "left side named",
    "σ'(ỹ_k) δ_ki x_j",
    lambda E: sp_prime(E.yt[E.k]) * dl(E.k, E.i) * E.x[E.j],
    "R",
)
a(
    r"\frac{\exp(-\tilde{y}_k)}{\left(1+\exp(-\tilde{y}_k)\right)^{2}}\, \mathbb{1}_{\{i=k\}}\, x_j",
    r"\exp, \left( \right), \mathbb{1}_{\{i=k\}}",
    "e^{-ỹ_k}/(1+e^{-ỹ_k})² [i=k] x_j",
    lambda E: np.exp(-E.yt[E.k]) / (1 + np.exp(-E.yt[E.k])) ** 2 * (E.i == E.k) * E.x[E.j],
    "R",
)
a(
    r"\delta_{ki}\frac{x_j}{2+e^{-\tilde y_k}+e^{\tilde y_k}}",
    "write-up form with delta",
    "δ_ki x_j/(2+e^{-ỹ_k}+e^{ỹ_k})",
    lambda E: dl(E.k, E.i) * E.x[E.j] * writeup(E.yt[E.k]),
    "R",
)
a(
    r"\frac{1}{1+e^{-\tilde y_k}}\left(1-\frac{1}{1+e^{-\tilde y_k}}\right)\delta_{ik}x_j",
    "sigma written out",
    "σ(ỹ_k)(1−σ(ỹ_k)) δ_ik x_j, σ spelled out",
    lambda E: (
        (1 / (1 + np.exp(-E.yt[E.k])))
        * (1 - 1 / (1 + np.exp(-E.yt[E.k])))
        * dl(E.i, E.k)
        * E.x[E.j]
    ),
    "R",
)
a(
    r"\sigma'\left(\sum_{l=1}^{m} W_{kl} x_l + b_k\right)\delta_{ki}\, x_j",
    "pre-activation as a sum",
    "σ'(Σ_l W_kl x_l + b_k) δ_ki x_j",
    lambda E: (
        sp_prime(sum(E.W[E.k, l] * E.x[l] for l in range(E.m)) + E.b[E.k]) * dl(E.k, E.i) * E.x[E.j]
    ),
    "R",
)
a(
    r"x_j\,\delta_{ki}\,\sigma(\tilde y_i)\big(1-\sigma(\tilde y_i)\big)",
    r"ỹ_i under the delta, \big(",
    "x_j δ_ki σ(ỹ_i)(1−σ(ỹ_i)) (= ỹ_k since k=i)",
    lambda E: E.x[E.j] * dl(E.k, E.i) * s_1ms(E.yt[E.i]),
    "R",
)
a(
    r"g'(\tilde y_k) \times \delta_{ki} \times x_j",
    r"write-up's g, \times",
    "g'(ỹ_k) δ_ki x_j, g = σ",
    lambda E: sp_prime(E.yt[E.k]) * dl(E.k, E.i) * E.x[E.j],
    "R",
)
a(
    r"\sigma'(\tilde y_k) x_j",
    "no delta",
    "δ_ki missing",
    lambda E: sp_prime(E.yt[E.k]) * E.x[E.j],
    "W",
)
a(
    r"\sigma'(\tilde y_k)\delta_{kj} x_i",
    "i<->j swapped",
    "σ'(ỹ_k) δ_kj x_i (i↔j transposed)",
    lambda E: sp_prime(E.yt[E.k]) * dl(E.k, E.j) * E.x[E.i],
    "W",
)
a(
    r"\sigma(\tilde y_k)\delta_{ki}x_j",
    "sigma instead of sigma'",
    "σ(ỹ_k) δ_ki x_j",
    lambda E: sig(E.yt[E.k]) * dl(E.k, E.i) * E.x[E.j],
    "W",
)
a(
    r"-\sigma'(\tilde{y}_k)\,\delta_{ki}\,x_j",
    "sign flip",
    "−σ'(ỹ_k) δ_ki x_j",
    lambda E: -sp_prime(E.yt[E.k]) * dl(E.k, E.i) * E.x[E.j],
    "W",
)
a(
    r"\delta_{ki}\,x_j",
    "chain factor dropped",
    "σ'(ỹ_k) missing",
    lambda E: dl(E.k, E.i) * E.x[E.j],
    "W",
)
a(
    r"\frac{e^{\tilde y_k}}{(1+e^{-\tilde y_k})^2}\delta_{ki}x_j",
    "exponent sign slip",
    "e^{+ỹ_k}/(1+e^{-ỹ_k})² δ_ki x_j",
    lambda E: np.exp(E.yt[E.k]) / (1 + np.exp(-E.yt[E.k])) ** 2 * dl(E.k, E.i) * E.x[E.j],
    "W",
)
a(
    r"\frac{x_j}{2 + e^{-\tilde{y}_k} + e^{\tilde{y}_k}}",
    "write-up without its cases",
    "σ'(ỹ_k) x_j, δ_ki missing",
    lambda E: E.x[E.j] * writeup(E.yt[E.k]),
    "W",
)
a(
    r"\sigma'(\tilde y_k)\,\delta_{ki}\,W_{kj}",
    "W instead of x",
    "σ'(ỹ_k) δ_ki W_kj",
    lambda E: sp_prime(E.yt[E.k]) * dl(E.k, E.i) * E.W[E.k, E.j],
    "W",
)

a = ex13("dy_dW_seed", "dyW")
a(
    r"\sigma'(\tilde y_k)\,\delta_{ki}\,x_j",
    "sigma prime, seed",
    "σ'(ỹ_k) δ_ki x_j",
    lambda E: sp_prime(E.yt[E.k]) * dl(E.k, E.i) * E.x[E.j],
    "R",
)
a(
    r"\sigma'\left(\sum_{l=1}^{3} W_{kl}x_l + b_k\right)[k=i]\,x_j",
    "sum to 3, Iverson",
    "σ'(Σ_{l≤3} W_kl x_l + b_k) x_j if k=i",
    lambda E: (
        sp_prime(sum(E.W[E.k, l] * E.x[l] for l in range(3)) + E.b[E.k]) * (E.k == E.i) * E.x[E.j]
    ),
    "R",
)
a(
    r"y_k\left(1-y_k\right)\delta_{ik}\,x_j",
    "y form, delta_{ik}",
    "y_k(1−y_k) δ_ik x_j",
    lambda E: E.y[E.k] * (1 - E.y[E.k]) * dl(E.i, E.k) * E.x[E.j],
    "R",
)
a(
    r"\sigma'(\tilde y_k)\,\delta_{ki}\,x_i",
    "wrong index on x",
    "x_i instead of x_j",
    lambda E: sp_prime(E.yt[E.k]) * dl(E.k, E.i) * E.x[E.i],
    "W",
)
a(
    r"y_k(1-y_k)\,x_j",
    "no delta, y form",
    "δ_ki missing",
    lambda E: E.y[E.k] * (1 - E.y[E.k]) * E.x[E.j],
    "W",
)

# ---- exercise13: dy_dx  (free k, i)
a = ex13("dy_dx", "dyx")
a(
    r"\sigma'(\tilde{y}_k) W_{ki}",
    "sigma prime",
    "σ'(ỹ_k) W_ki",
    lambda E: sp_prime(E.yt[E.k]) * E.W[E.k, E.i],
    "R",
)
a(
    r"W_{ki}\,\sigma(\tilde y_k)\big(1-\sigma(\tilde y_k)\big)",
    r"\big( parentheses",
    "W_ki σ(ỹ_k)(1−σ(ỹ_k))",
    lambda E: E.W[E.k, E.i] * s_1ms(E.yt[E.k]),
    "R",
)
a(
    r"\frac{W_{ki}}{2 + e^{-\tilde{y}_k} + e^{\tilde{y}_k}}",
    "write-up form",
    "W_ki/(2+e^{-ỹ_k}+e^{ỹ_k})",
    lambda E: E.W[E.k, E.i] * writeup(E.yt[E.k]),
    "R",
)
a(
    r"y_k(1-y_k)\cdot W_{ki}",
    r"y form, \cdot",
    "y_k(1−y_k) W_ki",
    lambda E: E.y[E.k] * (1 - E.y[E.k]) * E.W[E.k, E.i],
    "R",
)
a(
    r"\frac{\partial y_k}{\partial x_i}=\frac{e^{-\tilde y_k}}{\left(1+e^{-\tilde y_k}\right)^{2}} W_{k i}",
    "left side, e^{-u} form",
    "e^{-ỹ_k}/(1+e^{-ỹ_k})² W_ki",
    lambda E: expfrac(E.yt[E.k]) * E.W[E.k, E.i],
    "R",
)
a(
    r"\sum_{l=1}^{n}\delta_{kl}\,\sigma'(\tilde y_l)\, W_{li}",
    "explicit chain-rule sum",
    "Σ_l δ_kl σ'(ỹ_l) W_li",
    lambda E: sum(dl(E.k, l) * sp_prime(E.yt[l]) * E.W[l, E.i] for l in range(E.n)),
    "R",
)
a(
    r"g'(\tilde y_k) \times W_{ki}",
    r"write-up's g, \times",
    "g'(ỹ_k) W_ki",
    lambda E: sp_prime(E.yt[E.k]) * E.W[E.k, E.i],
    "R",
)
a(
    r"\sigma'(\tilde y_k) W_{ik}",
    "W indices transposed",
    "σ'(ỹ_k) W_ik",
    lambda E: sp_prime(E.yt[E.k]) * E.W[E.i, E.k],
    "W",
)
a(r"W_{ki}", "chain factor dropped", "σ'(ỹ_k) missing", lambda E: E.W[E.k, E.i], "W")
a(
    r"\sigma(\tilde y_k)\, W_{ki}",
    "sigma instead of sigma'",
    "σ(ỹ_k) W_ki",
    lambda E: sig(E.yt[E.k]) * E.W[E.k, E.i],
    "W",
)
a(
    r"\sigma'(\tilde y_i) W_{ki}",
    "wrong index in sigma'",
    "σ'(ỹ_i) W_ki",
    lambda E: sp_prime(E.yt[E.i]) * E.W[E.k, E.i],
    "W",
)
a(
    r"\sigma'(\tilde y_k)\,\delta_{ki}",
    "confused with db",
    "σ'(ỹ_k) δ_ki",
    lambda E: sp_prime(E.yt[E.k]) * dl(E.k, E.i),
    "W",
)

a = ex13("dy_dx_seed", "dyx")
a(
    r"\sigma'(\tilde y_k)\, W_{ki}",
    "sigma prime, seed",
    "σ'(ỹ_k) W_ki",
    lambda E: sp_prime(E.yt[E.k]) * E.W[E.k, E.i],
    "R",
)
a(
    r"\sigma'\left(\sum_{l=1}^{3} W_{kl} x_l + b_k\right) W_{ki}",
    "pre-activation written as sum",
    "σ'(Σ_l W_kl x_l + b_k) W_ki",
    lambda E: sp_prime(sum(E.W[E.k, l] * E.x[l] for l in range(3)) + E.b[E.k]) * E.W[E.k, E.i],
    "R",
)
a(
    r"\sigma'(\tilde y_k)\, W_{ik}",
    "W indices transposed",
    "σ'(ỹ_k) W_ik",
    lambda E: sp_prime(E.yt[E.k]) * E.W[E.i, E.k],
    "W",
)

# ---- exercise13: dy_db  (free k, i)
a = ex13("dy_db", "dyb")
a(
    r"\sigma'(\tilde y_k)\delta_{ki}",
    "sigma prime, delta",
    "σ'(ỹ_k) δ_ki",
    lambda E: sp_prime(E.yt[E.k]) * dl(E.k, E.i),
    "R",
)
a(
    r"\delta_{ik}\,\sigma'(\tilde{y}_{i})",
    "delta first, ỹ_i",
    "δ_ik σ'(ỹ_i)",
    lambda E: dl(E.i, E.k) * sp_prime(E.yt[E.i]),
    "R",
)
a(
    r"\mathbb{1}[k=i]\; y_k (1-y_k)",
    r"\mathbb{1}[k=i], y form",
    "y_k(1−y_k) if k=i",
    lambda E: (1.0 if E.k == E.i else 0.0) * E.y[E.k] * (1 - E.y[E.k]),
    "R",
)
a(
    r"\frac{[k=i]}{2+e^{-\tilde y_k}+e^{\tilde y_k}}",
    "Iverson over write-up denominator",
    "[k=i]/(2+e^{-ỹ_k}+e^{ỹ_k})",
    lambda E: (E.k == E.i) * writeup(E.yt[E.k]),
    "R",
)
a(
    r"\frac{\partial y_k}{\partial b_i} = \delta_{ki}\,\sigma(\tilde y_k)(1-\sigma(\tilde y_k))",
    "left side, sigma(1-sigma)",
    "δ_ki σ(ỹ_k)(1−σ(ỹ_k))",
    lambda E: dl(E.k, E.i) * s_1ms(E.yt[E.k]),
    "R",
)
a(r"\sigma'(\tilde y_k)", "no delta", "δ_ki missing", lambda E: sp_prime(E.yt[E.k]), "W")
a(
    r"\frac{1}{2+e^{-\tilde y_k}+e^{\tilde y_k}}",
    "write-up verbatim",
    "σ'(ỹ_k), δ_ki missing",
    lambda E: writeup(E.yt[E.k]),
    "W",
)
a(r"\delta_{ki}", "chain factor dropped", "σ'(ỹ_k) missing", lambda E: dl(E.k, E.i), "W")
a(
    r"\delta_{ki}\,\sigma(\tilde y_k)",
    "sigma instead of sigma'",
    "δ_ki σ(ỹ_k)",
    lambda E: dl(E.k, E.i) * sig(E.yt[E.k]),
    "W",
)

a = ex13("dy_db_seed", "dyb")
a(
    r"\sigma'(\tilde y_k)\,[k=i]",
    "Iverson, seed",
    "σ'(ỹ_k) if k=i",
    lambda E: sp_prime(E.yt[E.k]) * (E.k == E.i),
    "R",
)
a(r"y_k(1-y_k)", "no delta, y form", "δ_ki missing", lambda E: E.y[E.k] * (1 - E.y[E.k]), "W")

# ---- exercise13: dy_dx_matrix (n x m)
a = ex13("dy_dx_matrix", "dyxM")
a(
    r"\operatorname{diag}(\sigma'(\tilde y)) W",
    r"\operatorname{diag}, sigma prime",
    "diag(σ'(ỹ)) W",
    lambda E: diag(sp_prime(E.yt)) @ E.W,
    "R",
)
a(
    r"\mathrm{diag}\left(\sigma'(\tilde{y})\right)\,W",
    r"\mathrm{diag}, \left( \right)",
    "diag(σ'(ỹ)) W",
    lambda E: diag(sp_prime(E.yt)) @ E.W,
    "R",
)
a(
    r"\operatorname{diag}\big(y\odot(1-y)\big) W",
    r"y \odot (1-y)",
    "diag(y⊙(1−y)) W",
    lambda E: diag(E.y * (1 - E.y)) @ E.W,
    "R",
)
a(
    r"\frac{\partial y}{\partial x} = \operatorname{diag}\left(\sigma(\tilde y)\odot(1-\sigma(\tilde y))\right)W",
    r"left side, sigma \odot (1-sigma)",
    "diag(σ(ỹ)⊙(1−σ(ỹ))) W",
    lambda E: diag(s_1ms(E.yt)) @ E.W,
    "R",
)
a(
    r"\left(\sigma'(\tilde y)\,\mathbf{1}_m^\top\right)\odot W",
    r"outer product with ones, \odot",
    "(σ'(ỹ) 1_m^T) ⊙ W: row k scaled by σ'(ỹ_k)",
    lambda E: (col(sp_prime(E.yt)) @ np.ones((1, E.m))) * E.W,
    "R",
)
a(
    r"\mathrm{diag}(y)\left(I_n-\mathrm{diag}(y)\right) W",
    r"diag(y)(I_n - diag(y))",
    "diag(y)(I−diag(y)) W",
    lambda E: diag(E.y) @ (np.eye(E.n) - diag(E.y)) @ E.W,
    "R",
)
a(
    r"W \operatorname{diag}(\sigma'(\tilde y))",
    "diag on the wrong side",
    "W diag(σ'(ỹ))",
    lambda E: E.W @ diag(sp_prime(E.yt)),
    "W",
)
a(
    r"W^T\operatorname{diag}(\sigma'(\tilde y))",
    "denominator layout",
    "W^T diag(σ'(ỹ)) (m×n)",
    lambda E: E.W.T @ diag(sp_prime(E.yt)),
    "W",
)
a(
    r"\operatorname{diag}(\sigma'(\tilde y))\, W^T",
    "W^T instead of W",
    "diag(σ'(ỹ)) W^T",
    lambda E: diag(sp_prime(E.yt)) @ E.W.T,
    "W",
)
a(
    r"\frac{W^T}{2+e^{-\tilde y}+e^{\tilde y}}",
    "write-up verbatim",
    "W^T with column k divided by 2+e^{-ỹ_k}+e^{ỹ_k} (m×n)",
    lambda E: E.W.T * row(writeup(E.yt)),
    "W",
)
a(
    r"\operatorname{diag}(\sigma(\tilde y))\,W",
    "sigma instead of sigma'",
    "diag(σ(ỹ)) W",
    lambda E: diag(sig(E.yt)) @ E.W,
    "W",
)
a(
    r"\sigma'(\tilde y)^T W",
    "row vector times W",
    "σ'(ỹ)^T W (1×m)",
    lambda E: row(sp_prime(E.yt)) @ E.W,
    "W",
)

a = ex13("dy_dx_matrix_seed", "dyxM")
a(
    bmat([[rf"\sigma'(\tilde y_{r}) W_{{{r}{c}}}" for c in range(1, 4)] for r in range(1, 5)]),
    "explicit 4x3 bmatrix",
    "entries σ'(ỹ_r) W_rc",
    lambda E: np.array([[sp_prime(E.yt[r]) * E.W[r, c] for c in range(3)] for r in range(4)]),
    "R",
)
a(
    bmat([[rf"\sigma'(\tilde y_{r})" if r == c else "0" for c in range(1, 5)] for r in range(1, 5)])
    + " W",
    "diagonal bmatrix times W",
    "diag(σ'(ỹ_1..4)) W",
    lambda E: (
        np.array([[sp_prime(E.yt[r]) if r == c else 0.0 for c in range(4)] for r in range(4)]) @ E.W
    ),
    "R",
)
a(
    r"\operatorname{diag}\left(y_1(1-y_1), y_2(1-y_2), y_3(1-y_3), y_4(1-y_4)\right) W",
    "diag of a list",
    "diag(y_r(1−y_r)) W",
    lambda E: diag([E.y[r] * (1 - E.y[r]) for r in range(4)]) @ E.W,
    "R",
)
a(
    r"\operatorname{diag}(\sigma'(\tilde y))\,W",
    "compact form, seed",
    "diag(σ'(ỹ)) W",
    lambda E: diag(sp_prime(E.yt)) @ E.W,
    "R",
)
a(
    bmat([[rf"\sigma'(\tilde y_{c}) W_{{{c}{r}}}" for c in range(1, 5)] for r in range(1, 4)]),
    "bmatrix transposed",
    "transpose of the answer (3×4)",
    lambda E: np.array([[sp_prime(E.yt[c]) * E.W[c, r] for c in range(4)] for r in range(3)]),
    "W",
)
a(
    bmat([[rf"\sigma(\tilde y_{r}) W_{{{r}{c}}}" for c in range(1, 4)] for r in range(1, 5)]),
    "bmatrix, sigma instead of sigma'",
    "entries σ(ỹ_r) W_rc",
    lambda E: np.array([[sig(E.yt[r]) * E.W[r, c] for c in range(3)] for r in range(4)]),
    "W",
)
a(
    bmat([[rf"\sigma'(\tilde y_{c}) W_{{{r}{c}}}" for c in range(1, 4)] for r in range(1, 5)]),
    "bmatrix, sigma' indexed by column",
    "entries σ'(ỹ_c) W_rc (diag on the wrong side)",
    lambda E: np.array([[sp_prime(E.yt[c]) * E.W[r, c] for c in range(3)] for r in range(4)]),
    "W",
)

# ---- exercise13: dy_db_matrix (n x n)
a = ex13("dy_db_matrix", "dybM")
a(
    r"\operatorname{diag}(\sigma'(\tilde y))",
    r"\operatorname{diag}",
    "diag(σ'(ỹ))",
    lambda E: diag(sp_prime(E.yt)),
    "R",
)
a(
    r"\mathrm{diag}\big(y \odot (1-y)\big)",
    r"\mathrm{diag}, \odot",
    "diag(y⊙(1−y))",
    lambda E: diag(E.y * (1 - E.y)),
    "R",
)
a(
    r"\operatorname{diag}(y)\left(I_n - \operatorname{diag}(y)\right)",
    "diag(y)(I_n - diag(y))",
    "diag(y)(I−diag(y))",
    lambda E: diag(E.y) @ (np.eye(E.n) - diag(E.y)),
    "R",
)
a(
    r"\operatorname{diag}\left(\frac{e^{-\tilde y}}{(1+e^{-\tilde y})^2}\right)",
    "entrywise e^{-u} form in diag",
    "diag(e^{-ỹ}/(1+e^{-ỹ})²)",
    lambda E: diag(expfrac(E.yt)),
    "R",
)
a(
    r"I_n \odot \left(\sigma'(\tilde y)\mathbf{1}_n^{T}\right)",
    r"I_n \odot outer product",
    "I ⊙ (σ'(ỹ)1^T) = diag(σ'(ỹ))",
    lambda E: np.eye(E.n) * (col(sp_prime(E.yt)) @ np.ones((1, E.n))),
    "R",
)
a(
    r"\sigma'(\tilde y)",
    "vector instead of matrix",
    "the vector σ'(ỹ) (n×1)",
    lambda E: col(sp_prime(E.yt)),
    "W",
)
a(
    r"\operatorname{diag}(\sigma(\tilde y))",
    "sigma instead of sigma'",
    "diag(σ(ỹ))",
    lambda E: diag(sig(E.yt)),
    "W",
)
a(r"I_n", "chain factor dropped", "∂ỹ/∂b only", lambda E: np.eye(E.n), "W")
a(
    r"\sigma'(\tilde y)\,\mathbf{1}_n^T",
    "outer product, diag lost",
    "σ'(ỹ)1^T: full n×n, not diagonal",
    lambda E: col(sp_prime(E.yt)) @ np.ones((1, E.n)),
    "W",
)
a(
    r"\frac{1}{2+e^{-\tilde y}+e^{\tilde y}}",
    "write-up verbatim",
    "entrywise vector σ'(ỹ) (n×1)",
    lambda E: col(writeup(E.yt)),
    "W",
)

a = ex13("dy_db_matrix_seed", "dybM")
a(
    bmat(
        [[rf"\sigma'(\tilde y_{r})" if r == c else "0" for c in range(1, 5)] for r in range(1, 5)]
    ),
    "explicit diagonal bmatrix",
    "diag(σ'(ỹ_1..4))",
    lambda E: np.array(
        [[sp_prime(E.yt[r]) if r == c else 0.0 for c in range(4)] for r in range(4)]
    ),
    "R",
)
a(
    r"\operatorname{diag}\left(y_1(1-y_1),y_2(1-y_2),y_3(1-y_3),y_4(1-y_4)\right)",
    "diag of a list",
    "diag(y_r(1−y_r))",
    lambda E: diag([E.y[r] * (1 - E.y[r]) for r in range(4)]),
    "R",
)
a(
    bmat([[rf"\sigma'(\tilde y_{r})" for c in range(1, 5)] for r in range(1, 5)]),
    "bmatrix, every column the same",
    "σ'(ỹ_r) in all of row r",
    lambda E: np.array([[sp_prime(E.yt[r]) for c in range(4)] for r in range(4)]),
    "W",
)
a(
    bmat([[rf"\sigma'(\tilde y_{r})"] for r in range(1, 5)]),
    "bmatrix column",
    "the vector σ'(ỹ) (4×1)",
    lambda E: col([sp_prime(E.yt[r]) for r in range(4)]),
    "W",
)

# ---- exercise13: dyk_dW_matrix (free k; n x m)
a = ex13("dyk_dW_matrix", "dykWM")
a(
    r"\sigma'(\tilde y_k)\, e_k x^T",
    "e_k x^T",
    "σ'(ỹ_k) e_k x^T",
    lambda E: sp_prime(E.yt[E.k]) * (e(E.k, E.n) @ row(E.x)),
    "R",
)
a(
    r"\sigma'(\tilde{y}_k) \, e_k x^\top",
    r"^\top",
    "σ'(ỹ_k) e_k x^T",
    lambda E: sp_prime(E.yt[E.k]) * e(E.k, E.n) @ E.X.T,
    "R",
)
a(
    r"y_k(1-y_k)\,e_k\,x^{T}",
    "y form",
    "y_k(1−y_k) e_k x^T",
    lambda E: E.y[E.k] * (1 - E.y[E.k]) * (e(E.k, E.n) @ E.X.T),
    "R",
)
a(
    r"\operatorname{diag}(\sigma'(\tilde y))\,e_k x^T",
    "diag picks row k",
    "diag(σ'(ỹ)) e_k x^T",
    lambda E: diag(sp_prime(E.yt)) @ e(E.k, E.n) @ E.X.T,
    "R",
)
a(
    r"\frac{\partial y_k}{\partial W} = e_k\left(\sigma'(\tilde y_k)\,x\right)^{T}",
    "left side, transpose of scaled x",
    "e_k (σ'(ỹ_k) x)^T",
    lambda E: e(E.k, E.n) @ (sp_prime(E.yt[E.k]) * E.X).T,
    "R",
)
a(
    r"\sigma'(\tilde y_k)\, x e_k^T",
    "orientation transposed",
    "σ'(ỹ_k) x e_k^T (m×n)",
    lambda E: sp_prime(E.yt[E.k]) * (E.X @ e(E.k, E.n).T),
    "W",
)
a(
    r"\sigma'(\tilde y_k)\, x^T",
    "row vector, e_k missing",
    "σ'(ỹ_k) x^T (1×m)",
    lambda E: sp_prime(E.yt[E.k]) * E.X.T,
    "W",
)
a(
    r"\sigma'(\tilde y)\,x^T",
    "whole vector sigma'",
    "σ'(ỹ) x^T: every row filled",
    lambda E: col(sp_prime(E.yt)) @ E.X.T,
    "W",
)
a(
    r"\frac{x}{2+e^{-\tilde y_k}+e^{\tilde y_k}}",
    "write-up verbatim",
    "σ'(ỹ_k) x (m×1 vector)",
    lambda E: E.X * writeup(E.yt[E.k]),
    "W",
)
a(
    r"\sigma(\tilde y_k)\, e_k x^T",
    "sigma instead of sigma'",
    "σ(ỹ_k) e_k x^T",
    lambda E: sig(E.yt[E.k]) * (e(E.k, E.n) @ E.X.T),
    "W",
)

a = ex13("dyk_dW_matrix_seed", "dykWM")
a(
    r"\sigma'(\tilde y_k)"
    + bmat([[rf"\delta_{{k{r}}}x_{c}" for c in range(1, 4)] for r in range(1, 5)]),
    "scalar times bmatrix of deltas",
    "σ'(ỹ_k) [δ_kr x_c]",
    lambda E: (
        sp_prime(E.yt[E.k]) * np.array([[dl(E.k, r) * E.x[c] for c in range(3)] for r in range(4)])
    ),
    "R",
)
a(
    r"\sigma'(\tilde y_k)\, e_k x^T",
    "e_k x^T, seed",
    "σ'(ỹ_k) e_k x^T",
    lambda E: sp_prime(E.yt[E.k]) * (e(E.k, 4) @ E.X.T),
    "R",
)
a(
    bmat([[rf"[k={r}]\,y_k(1-y_k)\,x_{c}" for c in range(1, 4)] for r in range(1, 5)]),
    "bmatrix of Iverson entries",
    "entry (r,c): y_k(1−y_k) x_c if k=r",
    lambda E: np.array(
        [[(E.k == r) * E.y[E.k] * (1 - E.y[E.k]) * E.x[c] for c in range(3)] for r in range(4)]
    ),
    "R",
)
a(
    r"\sigma'(\tilde y_k)"
    + bmat([[rf"\delta_{{k{c}}}x_{r}" for c in range(1, 5)] for r in range(1, 4)]),
    "scalar times bmatrix, transposed",
    "σ'(ỹ_k) x e_k^T (3×4)",
    lambda E: (
        sp_prime(E.yt[E.k]) * np.array([[dl(E.k, c) * E.x[r] for c in range(4)] for r in range(3)])
    ),
    "W",
)
a(
    r"\sigma'(\tilde y_k)" + bmat([["x_1", "x_2", "x_3"]] * 4),
    "scalar times bmatrix, delta lost",
    "σ'(ỹ_k) x^T in every row",
    lambda E: sp_prime(E.yt[E.k]) * np.array([list(E.x)] * 4),
    "W",
)

# ---- exercise13: more notation variants (all intended right)
a = ex13("dy_dW", "dyW")
a(
    r"\sigma ' ( \tilde{y}_k ) \cdot \delta_{k i} \cdot x_{j}",
    "loose spacing, \\cdot",
    "σ'(ỹ_k) δ_ki x_j",
    lambda E: sp_prime(E.yt[E.k]) * dl(E.k, E.i) * E.x[E.j],
    "R",
)
a(
    r"\sigma'(\tilde y_{k})\,\mathbb{1}_{\{i=k\}}\,x_{j}",
    r"\mathbb{1}_{\{i=k\}}, \tilde y_{k}",
    "σ'(ỹ_k) [i=k] x_j",
    lambda E: sp_prime(E.yt[E.k]) * (E.i == E.k) * E.x[E.j],
    "R",
)
a = ex13("dy_db", "dyb")
a(
    r"\sigma'(\tilde y_k)\,\mathbb{1}_{\{i=k\}}",
    r"\mathbb{1}_{\{i=k\}}",
    "σ'(ỹ_k) [i=k]",
    lambda E: sp_prime(E.yt[E.k]) * (E.i == E.k),
    "R",
)
a(
    r"\frac{e^{-\tilde{y}_k}}{\big(1+e^{-\tilde{y}_k}\big)^2}\,\delta_{ik}",
    r"\big(, e^{-u} form",
    "e^{-ỹ_k}/(1+e^{-ỹ_k})² δ_ik",
    lambda E: expfrac(E.yt[E.k]) * dl(E.i, E.k),
    "R",
)
a = ex13("dy_dx", "dyx")
a(
    r"\frac{e^{\tilde y_k}}{(1+e^{\tilde y_k})^2}W_{ki}",
    "positive-exponent form",
    "e^{ỹ_k}/(1+e^{ỹ_k})² W_ki",
    lambda E: np.exp(E.yt[E.k]) / (1 + np.exp(E.yt[E.k])) ** 2 * E.W[E.k, E.i],
    "R",
)
a(
    r"\sigma\left(\tilde y_k\right)\left(1-\sigma\left(\tilde y_k\right)\right) \times W_{ki}",
    r"\left( \right) everywhere, \times",
    "σ(ỹ_k)(1−σ(ỹ_k)) W_ki",
    lambda E: s_1ms(E.yt[E.k]) * E.W[E.k, E.i],
    "R",
)
a = ex13("dy_dx_matrix", "dyxM")
a(
    r"\operatorname{diag}\left(\frac{1}{2+e^{-\tilde y}+e^{\tilde y}}\right)W",
    "write-up denominator inside diag",
    "diag(1/(2+e^{-ỹ}+e^{ỹ})) W",
    lambda E: diag(writeup(E.yt)) @ E.W,
    "R",
)
a = ex13("dy_db_matrix", "dybM")
a(
    r"\frac{\partial y}{\partial b} = \mathrm{diag}\left(\sigma'\left(\tilde{y}\right)\right)",
    "left side, \\mathrm{diag}",
    "diag(σ'(ỹ))",
    lambda E: diag(sp_prime(E.yt)),
    "R",
)
a = ex13("dyk_dW_matrix", "dykWM")
a(
    r"\sigma'\big(\tilde y_k\big)\; e_k\, x^{\top}",
    r"\big(, x^{\top}",
    "σ'(ỹ_k) e_k x^T",
    lambda E: sp_prime(E.yt[E.k]) * (e(E.k, E.n) @ E.X.T),
    "R",
)
a = ex13("dyt_dx_vec", "dytxv")
a(
    r"\frac{\partial \tilde y}{\partial x_i} = W e_{i}",
    "left side",
    "i-th column of W",
    lambda E: E.W @ e(E.i, E.m),
    "R",
)


# ---- exercise14. Meanings: ∂f_3/∂y at (y, θ_3), ∂f_2/∂ỹ at (ỹ, θ_2), ∂f_1/∂θ_1 at (x, θ_1), etc.
def f3y(E):  # ∂f_3(y, θ_3)/∂y
    return E.f3.da(E.y, E.t3)


def f3t(E):  # ∂f_3(y, θ_3)/∂θ_3
    return E.f3.dt(E.y, E.t3)


def f2a(E):  # ∂f_2(ỹ, θ_2)/∂ỹ
    return E.f2.da(E.yt, E.t2)


def f2t(E):  # ∂f_2(ỹ, θ_2)/∂θ_2
    return E.f2.dt(E.yt, E.t2)


def f1t(E):  # ∂f_1(x, θ_1)/∂θ_1
    return E.f1.dt(E.x, E.t1)


SP3Y = r"\frac{\partial}{\partial y} f_{3}{\left(y,\theta_{3} \right)}"
SP3T = r"\frac{\partial}{\partial \theta_{3}} f_{3}{\left(y,\theta_{3} \right)}"
SP2A = r"\frac{\partial}{\partial \tilde{y}} f_{2}{\left(\tilde{y},\theta_{2} \right)}"
SP2T = r"\frac{\partial}{\partial \theta_{2}} f_{2}{\left(\tilde{y},\theta_{2} \right)}"
SP1T = r"\frac{\partial}{\partial \theta_{1}} f_{1}{\left(x,\theta_{1} \right)}"

a = ex14("dF_dtheta1", "dF1")
a(
    r"\frac{\partial f_3(y, \theta_3)}{\partial y} \times \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \tilde{y}} \times \frac{\partial f_1(x, \theta_1)}{\partial \theta_1}",
    r"write-up, partials with arguments, \times",
    "∂f3/∂y · ∂f2/∂ỹ · ∂f1/∂θ1",
    lambda E: f3y(E) * f2a(E) * f1t(E),
    "R",
)
a(
    r"\frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial \tilde y}\frac{\partial f_1}{\partial \theta_1}",
    "partials without arguments, juxtaposition",
    "∂f3/∂y · ∂f2/∂ỹ · ∂f1/∂θ1",
    lambda E: E.f3.da(E.y, E.t3) * E.f2.da(E.yt, E.t2) * E.f1.dt(E.x, E.t1),
    "R",
)
a(
    SP3Y + " " + SP2A + " " + SP1T,
    "SymPy's printing",
    "∂f3/∂y · ∂f2/∂ỹ · ∂f1/∂θ1",
    lambda E: f3y(E) * f2a(E) * f1t(E),
    "R",
)
a(
    r"\partial_y f_3 \, \partial_{\tilde y} f_2 \, \partial_{\theta_1} f_1",
    r"\partial_{v} f shorthand",
    "∂f3/∂y · ∂f2/∂ỹ · ∂f1/∂θ1",
    lambda E: f3y(E) * f2a(E) * f1t(E),
    "R",
)
a(
    r"\frac{\partial F}{\partial \theta_1} = \frac{\partial f_3}{\partial y}\,\frac{\partial y}{\partial \tilde y}\,\frac{\partial \tilde y}{\partial \theta_1}",
    "left side, intermediates y and ỹ",
    "∂f3/∂y · ∂y/∂ỹ · ∂ỹ/∂θ1",
    lambda E: f3y(E) * f2a(E) * f1t(E),
    "R",
)
a(
    r"\frac{\partial f_3}{\partial y} \cdot \frac{\partial f_1}{\partial \theta_1}",
    r"\cdot, middle factor dropped",
    "∂f2/∂ỹ missing",
    lambda E: f3y(E) * f1t(E),
    "W",
)
a(
    r"\frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial \theta_2}\frac{\partial f_1}{\partial \theta_1}",
    "wrong partial of f_2",
    "∂f2/∂θ2 instead of ∂f2/∂ỹ",
    lambda E: f3y(E) * f2t(E) * f1t(E),
    "W",
)
a(
    r"\left(1+\frac{\partial f_3}{\partial y}\right)\frac{\partial f_2}{\partial \tilde y}\frac{\partial f_1}{\partial \theta_1}",
    "skip-connection term where there is none",
    "extra 1+ (that is ∂G/∂θ1)",
    lambda E: (1 + f3y(E)) * f2a(E) * f1t(E),
    "W",
)
a(
    r"\frac{\partial f_3(\tilde y,\theta_3)}{\partial \tilde y}\frac{\partial f_2(\tilde y,\theta_2)}{\partial \tilde y}\frac{\partial f_1(x,\theta_1)}{\partial \theta_1}",
    "f_3's partial evaluated at ỹ",
    "∂f3/∂(1st arg) taken at (ỹ, θ3) instead of (y, θ3)",
    lambda E: E.f3.da(E.yt, E.t3) * f2a(E) * f1t(E),
    "W",
)

a = ex14("dF_dtheta2", "dF2")
a(
    r"\frac{\partial f_3(y, \theta_3)}{\partial y} \times \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \theta_2}",
    r"write-up, \times",
    "∂f3/∂y · ∂f2/∂θ2",
    lambda E: f3y(E) * f2t(E),
    "R",
)
a(
    r"\partial_y f_3(y,\theta_3)\,\partial_{\theta_2} f_2(\tilde y,\theta_2)",
    r"\partial_{v} f(args)",
    "∂f3/∂y · ∂f2/∂θ2",
    lambda E: f3y(E) * f2t(E),
    "R",
)
a(SP3Y + " " + SP2T, "SymPy's printing", "∂f3/∂y · ∂f2/∂θ2", lambda E: f3y(E) * f2t(E), "R")
a(
    r"\frac{\partial f_3}{\partial y}\cdot\frac{\partial y}{\partial \theta_2}",
    r"intermediate y, \cdot",
    "∂f3/∂y · ∂y/∂θ2",
    lambda E: f3y(E) * f2t(E),
    "R",
)
a(
    r"\frac{\partial f_2}{\partial \theta_2}",
    "outer factor dropped",
    "∂f3/∂y missing",
    lambda E: f2t(E),
    "W",
)
a(
    r"\frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial \tilde y}",
    "wrong partial of f_2",
    "∂f2/∂ỹ instead of ∂f2/∂θ2",
    lambda E: f3y(E) * f2a(E),
    "W",
)
a(
    r"\frac{\partial f_3}{\partial \theta_3}\frac{\partial f_2}{\partial \theta_2}",
    "wrong partial of f_3",
    "∂f3/∂θ3 instead of ∂f3/∂y",
    lambda E: f3t(E) * f2t(E),
    "W",
)

a = ex14("dF_dtheta3", "dF3")
a(
    r"\frac{\partial f_3(y, \theta_3)}{\partial \theta_3}",
    "write-up",
    "∂f3/∂θ3",
    lambda E: f3t(E),
    "R",
)
a(r"\partial_{\theta_3} f_3", r"\partial_{\theta_3} f_3", "∂f3/∂θ3", lambda E: f3t(E), "R")
a(
    r"\frac{\partial}{\partial \theta_3} f_3(y,\theta_3)",
    "operator form",
    "∂f3/∂θ3",
    lambda E: E.f3.dt(E.y, E.t3),
    "R",
)
a(
    r"\frac{\partial F}{\partial \theta_3} = " + SP3T,
    "left side, SymPy's printing",
    "∂f3/∂θ3",
    lambda E: f3t(E),
    "R",
)
a(
    r"\frac{\partial f_3}{\partial y}",
    "wrong variable",
    "∂f3/∂y instead of ∂f3/∂θ3",
    lambda E: f3y(E),
    "W",
)
a(
    r"1+\frac{\partial f_3}{\partial \theta_3}",
    "spurious 1+",
    "1 + ∂f3/∂θ3",
    lambda E: 1 + f3t(E),
    "W",
)

a = ex14("dG_dtheta1", "dG1")
a(
    r"\left[ 1 + \frac{\partial f_3(y, \theta_3)}{\partial y} \right] \times \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \tilde{y}} \times \frac{\partial f_1(x, \theta_1)}{\partial \theta_1}",
    r"write-up, \left[ \right], \times",
    "(1+∂f3/∂y) ∂f2/∂ỹ ∂f1/∂θ1",
    lambda E: (1 + f3y(E)) * f2a(E) * f1t(E),
    "R",
)
a(
    r"\left(1+\frac{\partial f_3}{\partial y}\right)\frac{\partial f_2}{\partial \tilde y}\frac{\partial f_1}{\partial \theta_1}",
    "partials without arguments",
    "(1+∂f3/∂y) ∂f2/∂ỹ ∂f1/∂θ1",
    lambda E: (1 + f3y(E)) * f2a(E) * f1t(E),
    "R",
)
a(
    r"\frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial \tilde y}\frac{\partial f_1}{\partial \theta_1}+\frac{\partial f_2}{\partial \tilde y}\frac{\partial f_1}{\partial \theta_1}",
    "expanded sum",
    "∂f3/∂y ∂f2/∂ỹ ∂f1/∂θ1 + ∂f2/∂ỹ ∂f1/∂θ1",
    lambda E: f3y(E) * f2a(E) * f1t(E) + f2a(E) * f1t(E),
    "R",
)
a(
    SP3Y + " " + SP2A + " " + SP1T + " + " + SP2A + " " + SP1T,
    "SymPy's printing, expanded",
    "∂f3/∂y ∂f2/∂ỹ ∂f1/∂θ1 + ∂f2/∂ỹ ∂f1/∂θ1",
    lambda E: f3y(E) * f2a(E) * f1t(E) + f2a(E) * f1t(E),
    "R",
)
a(
    r"\big(1+\partial_y f_3\big)\,\partial_{\tilde y} f_2\,\partial_{\theta_1} f_1",
    r"\big(, \partial_{v} shorthand",
    "(1+∂f3/∂y) ∂f2/∂ỹ ∂f1/∂θ1",
    lambda E: (1 + f3y(E)) * f2a(E) * f1t(E),
    "R",
)
a(
    r"\frac{\partial G}{\partial \theta_1} = \frac{\partial F}{\partial \theta_1} + \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \tilde{y}} \times \frac{\partial f_1(x, \theta_1)}{\partial \theta_1}",
    "write-up, right side reuses dF/dθ1",
    "∂F/∂θ1 + ∂f2/∂ỹ ∂f1/∂θ1",
    lambda E: f3y(E) * f2a(E) * f1t(E) + f2a(E) * f1t(E),
    "R",
)
a(
    r"\frac{\partial f_3}{\partial y}\,\frac{\partial f_2}{\partial \tilde y}\,\frac{\partial f_1}{\partial \theta_1}",
    "skip connection forgotten",
    "the identity 1+ missing (that is ∂F/∂θ1)",
    lambda E: f3y(E) * f2a(E) * f1t(E),
    "W",
)
a(
    r"1+\frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial \tilde y}\frac{\partial f_1}{\partial \theta_1}",
    "1 added outside the chain",
    "1 + ∂f3/∂y ∂f2/∂ỹ ∂f1/∂θ1",
    lambda E: 1 + f3y(E) * f2a(E) * f1t(E),
    "W",
)
a(
    r"\left(1+\frac{\partial f_3}{\partial y}\right)\frac{\partial f_1}{\partial \theta_1}",
    "middle factor dropped",
    "∂f2/∂ỹ missing",
    lambda E: (1 + f3y(E)) * f1t(E),
    "W",
)
a(
    r"\left(1-\frac{\partial f_3}{\partial y}\right)\frac{\partial f_2}{\partial \tilde y}\frac{\partial f_1}{\partial \theta_1}",
    "sign flip in the skip term",
    "(1−∂f3/∂y) instead of (1+∂f3/∂y)",
    lambda E: (1 - f3y(E)) * f2a(E) * f1t(E),
    "W",
)

a = ex14("dG_dtheta2", "dG2")
a(
    r"\left(1+\frac{\partial f_3(y,\theta_3)}{\partial y}\right)\frac{\partial f_2(\tilde y,\theta_2)}{\partial \theta_2}",
    "factored, with arguments",
    "(1+∂f3/∂y) ∂f2/∂θ2",
    lambda E: (1 + f3y(E)) * f2t(E),
    "R",
)
a(
    r"\frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial \theta_2}+\frac{\partial f_2}{\partial \theta_2}",
    "expanded sum",
    "∂f3/∂y ∂f2/∂θ2 + ∂f2/∂θ2",
    lambda E: f3y(E) * f2t(E) + f2t(E),
    "R",
)
a(
    SP3Y + " " + SP2T + " + " + SP2T,
    "SymPy's printing",
    "∂f3/∂y ∂f2/∂θ2 + ∂f2/∂θ2",
    lambda E: f3y(E) * f2t(E) + f2t(E),
    "R",
)
a(
    r"\frac{\partial G}{\partial\theta_2} = \frac{\partial f_2}{\partial\theta_2} + \partial_y f_3\;\frac{\partial f_2}{\partial\theta_2}",
    r"left side, mixed \partial_y and \frac",
    "∂f2/∂θ2 + ∂f3/∂y ∂f2/∂θ2",
    lambda E: f2t(E) + f3y(E) * f2t(E),
    "R",
)
a(
    r"\frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial\theta_2}",
    "skip connection forgotten",
    "the identity 1+ missing",
    lambda E: f3y(E) * f2t(E),
    "W",
)
a(
    r"1+\frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial \theta_2}",
    "1 added outside the chain",
    "1 + ∂f3/∂y ∂f2/∂θ2",
    lambda E: 1 + f3y(E) * f2t(E),
    "W",
)
a(
    r"\left(1+\frac{\partial f_3}{\partial y}\right)\frac{\partial f_2}{\partial \tilde y}",
    "wrong partial of f_2",
    "∂f2/∂ỹ instead of ∂f2/∂θ2",
    lambda E: (1 + f3y(E)) * f2a(E),
    "W",
)

a = ex14("dG_dtheta3", "dG3")
a(
    r"\frac{\partial f_3(y,\theta_3)}{\partial \theta_3}",
    "partial with arguments",
    "∂f3/∂θ3",
    lambda E: f3t(E),
    "R",
)
a(
    r"\partial_{\theta_3} f_3(y, \theta_3)",
    r"\partial_{\theta_3} with arguments",
    "∂f3/∂θ3",
    lambda E: f3t(E),
    "R",
)
a(SP3T, "SymPy's printing", "∂f3/∂θ3", lambda E: E.f3.dt(E.y, E.t3), "R")
a(
    r"\frac{\partial G}{\partial \theta_3} = \frac{\partial}{\partial \theta_3} f_3(y,\theta_3)",
    "left side, operator form",
    "∂f3/∂θ3",
    lambda E: f3t(E),
    "R",
)
a(
    r"1+\frac{\partial f_3}{\partial \theta_3}",
    "skip term misapplied",
    "1 + ∂f3/∂θ3",
    lambda E: 1 + f3t(E),
    "W",
)
a(
    r"\frac{\partial f_3}{\partial \theta_3}+\frac{\partial f_2}{\partial \theta_2}",
    "skip term misapplied",
    "∂f3/∂θ3 + ∂f2/∂θ2",
    lambda E: f3t(E) + f2t(E),
    "W",
)

a = ex14("dG_minus_dF_theta1", "dGF1")
a(
    r"\frac{\partial f_2(\tilde y,\theta_2)}{\partial \tilde y}\times\frac{\partial f_1(x,\theta_1)}{\partial\theta_1}",
    r"write-up style, \times",
    "∂f2/∂ỹ ∂f1/∂θ1",
    lambda E: f2a(E) * f1t(E),
    "R",
)
a(
    r"\partial_{\tilde y} f_2\,\partial_{\theta_1} f_1",
    r"\partial_{v} shorthand",
    "∂f2/∂ỹ ∂f1/∂θ1",
    lambda E: f2a(E) * f1t(E),
    "R",
)
a(SP2A + " " + SP1T, "SymPy's printing", "∂f2/∂ỹ ∂f1/∂θ1", lambda E: f2a(E) * f1t(E), "R")
a(
    r"\frac{\partial y}{\partial \theta_1}",
    "intermediate y",
    "∂y/∂θ1 = ∂f2/∂ỹ ∂f1/∂θ1",
    lambda E: f2a(E) * f1t(E),
    "R",
)
a(
    r"\frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial \tilde y}\frac{\partial f_1}{\partial\theta_1}",
    "gives dF instead of the difference",
    "extra factor ∂f3/∂y",
    lambda E: f3y(E) * f2a(E) * f1t(E),
    "W",
)
a(
    r"\frac{\partial f_1}{\partial \theta_1}",
    "middle factor dropped",
    "∂f2/∂ỹ missing",
    lambda E: f1t(E),
    "W",
)
a(r"1", "the skip's identity alone", "the constant 1", lambda E: 1.0, "W")

a = ex14("dG_minus_dF_theta2", "dGF2")
a(
    r"\frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \theta_2}",
    "partial with arguments",
    "∂f2/∂θ2",
    lambda E: f2t(E),
    "R",
)
a(r"\partial_{\theta_2} f_2", r"\partial_{\theta_2} shorthand", "∂f2/∂θ2", lambda E: f2t(E), "R")
a(SP2T, "SymPy's printing", "∂f2/∂θ2", lambda E: E.f2.dt(E.yt, E.t2), "R")
a(r"0", "claims no difference", "0", lambda E: 0.0, "W")
a(
    r"\frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial\theta_2}",
    "gives dF instead of the difference",
    "extra factor ∂f3/∂y",
    lambda E: f3y(E) * f2t(E),
    "W",
)
a(r"-\frac{\partial f_2}{\partial \theta_2}", "sign flip", "−∂f2/∂θ2", lambda E: -f2t(E), "W")

a = ex14("dG_minus_dF_theta3", "dGF3")
a(r"0", "zero", "0", lambda E: 0.0, "R")
a(
    r"\frac{\partial f_3}{\partial \theta_3}-\frac{\partial f_3}{\partial \theta_3}",
    "difference written out",
    "∂f3/∂θ3 − ∂f3/∂θ3 = 0",
    lambda E: f3t(E) - f3t(E),
    "R",
)
a(r"1", "identity of the skip", "the constant 1", lambda E: 1.0, "W")
a(
    r"\frac{\partial f_3}{\partial \theta_3}",
    "gives dF instead of the difference",
    "∂f3/∂θ3",
    lambda E: f3t(E),
    "W",
)


# --------------------------------------------------------------------------- run
def check_references(rng):
    worst = 0.0
    for name, t in T13.items():
        pts = points13(SIZES_SEED if t.get("seed") else SIZES_SYMBOLIC, 2, rng)
        for E in pts:
            for ix in index_combos(E, t["idx"]):
                E.k, E.i, E.j = ix.get("k"), ix.get("i"), ix.get("j")
                r = np.asarray(t["ref"](E), float)
                f = np.asarray(t["fd"](E), float)
                assert r.shape == f.shape, (name, r.shape, f.shape)
                err = float(np.max(np.abs(r - f))) if r.size else 0.0
                assert err < 1e-6, (name, ix, err)
                worst = max(worst, err)
    for name, t in T14.items():
        for _ in range(6):
            E = E14(rng)
            for fn in (E.f1, E.f2, E.f3):  # the layers' own partials
                a_, t_ = rng.uniform(-1.5, 1.5, size=2)
                h = 1e-6
                assert abs(fn.da(a_, t_) - (fn(a_ + h, t_) - fn(a_ - h, t_)) / (2 * h)) < 1e-6
                assert abs(fn.dt(a_, t_) - (fn(a_, t_ + h) - fn(a_, t_ - h)) / (2 * h)) < 1e-6
            err = abs(t["ref"](E) - t["fd"](E))
            assert err < 1e-6, (name, err)
            worst = max(worst, err)
    return worst


def judge13(target, fn, pts):
    t = T13[target]
    n_cmp = 0
    for E in pts:
        for ix in index_combos(E, t["idx"]):
            E.k, E.i, E.j = ix.get("k"), ix.get("i"), ix.get("j")
            ref = t["ref"](E)
            try:
                with np.errstate(all="raise"):
                    got = fn(E)
            except (IndexError, ValueError):  # index out of range / shapes do not multiply
                return False, n_cmp, "undefined at some point"
            n_cmp += 1
            if not same(got, ref):
                return False, n_cmp, "differs"
    return True, n_cmp, ""


def judge14(target, fn, pts):
    t = T14[target]
    for c, E in enumerate(pts):
        if not same(fn(E), t["ref"](E)):
            return False, c + 1, "differs"
    return True, len(pts), ""


def main():
    worst = check_references(np.random.default_rng(20240501))
    print(f"references agree with finite differences (max error {worst:.1e})")

    rng = np.random.default_rng(7)
    pts13_sym = points13(SIZES_SYMBOLIC, 5, rng)
    pts13_seed = points13(SIZES_SEED, 10, rng)
    pts14 = [E14(rng) for _ in range(16)]

    lines, counters, seq = [], Counter(), Counter()
    mismatches = []
    seen = set()
    for problem, target, code, latex, style, meaning, fn, intended in ANSWERS:
        key = (problem, target, " ".join(latex.split()))
        assert key not in seen, f"duplicate answer {key}"
        seen.add(key)
        if problem == "exercise13":
            seed = T13[target].get("seed", False)
            ok, _, why = judge13(target, fn, pts13_seed if seed else pts13_sym)
            short = "ex13"
            code = code + ("S" if seed else "")
        else:
            ok, _, why = judge14(target, fn, pts14)
            short = "ex14"
        label = "right" if ok else "wrong"
        if (intended == "R") != ok:
            mismatches.append((target, latex, label, why))
        seq[(short, code)] += 1
        rid = f"a-{short}-{code}-{seq[(short, code)]:02d}"
        lines.append(
            dict(
                id=rid,
                problem=problem,
                target=target,
                latex=latex,
                label=label,
                style=style,
                meaning=meaning,
            )
        )
        counters[(problem, label)] += 1

    if mismatches:
        for m in mismatches:
            print("INTENDED LABEL DISAGREES:", m, file=sys.stderr)
        sys.exit(1)

    ids = [d["id"] for d in lines]
    assert len(ids) == len(set(ids))
    with open(OUT, "w", encoding="utf-8") as fh:
        for d in lines:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")

    targets = Counter((d["problem"], d["target"]) for d in lines)
    right = sum(d["label"] == "right" for d in lines)
    print(f"wrote {OUT}")
    print(
        f"answers: {len(lines)}  targets: {len(targets)}  right: {right}  wrong: {len(lines) - right}"
    )
    for p in ("exercise13", "exercise14"):
        print(
            f"  {p}: right {counters[(p, 'right')]}, wrong {counters[(p, 'wrong')]}, "
            f"targets {sum(1 for q, _ in targets if q == p)}"
        )


if __name__ == "__main__":
    main()
