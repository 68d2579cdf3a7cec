#!/usr/bin/env python3
"""Held-out answer set j for symderiv: every label computed with NumPy.

For each target: a reference written by hand from the problem statement, checked against
central finite differences of a NumPy forward pass (or a direct simulation / brute-force sum
for recurrences and convolutions), at several sizes (square ones included) and random points.
For each answer: a NumPy function computing what the student's text means, over every index
combination. label = "right" iff np.allclose(answer, reference, rtol=1e-7, atol=1e-9) at every
point, index and size (an answer undefined at some size, or of the wrong shape, is wrong).
"""
import json
import math
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RTOL, ATOL = 1e-7, 1e-9
POINTS = 4  # random points per size


# ----------------------------------------------------------------------------- helpers
class OOR(Exception):
    """an index outside its range: the student's expression is undefined there"""


def ix(A, *idx):
    """1-based entry of A; raises OOR outside the array"""
    A = np.asarray(A)
    if len(idx) != A.ndim:
        raise OOR
    for k, s in zip(idx, A.shape):
        if not (1 <= k <= s):
            raise OOR
    return A[tuple(k - 1 for k in idx)]


def tab(shape, f):
    """array of f(i, j, ...) over 1-based indices"""
    out = np.empty(shape)
    for idx in np.ndindex(*shape):
        out[idx] = f(*[k + 1 for k in idx])
    return out


def S(lo, hi):
    return range(lo, hi + 1)


def d(i, k):
    return 1.0 if i == k else 0.0


def sig(u):
    return 1.0 / (1.0 + np.exp(-u))


def dsig(u):
    s = sig(u)
    return s * (1 - s)


_erf = np.vectorize(math.erf)


def erf(u):
    return _erf(u)


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def fd(f, X, eps=1e-6):
    """central differences of f (array-valued) with respect to every entry of X:
    result shape = f(X).shape + X.shape"""
    X = np.array(X, dtype=float)
    f0 = np.asarray(f(X))
    out = np.zeros(f0.shape + X.shape)
    for idx in np.ndindex(*X.shape):
        Xp = X.copy()
        Xp[idx] += eps
        Xm = X.copy()
        Xm[idx] -= eps
        out[(Ellipsis,) + idx] = (np.asarray(f(Xp)) - np.asarray(f(Xm))) / (2 * eps)
    return out


def diag(v):
    return np.diag(np.asarray(v).reshape(-1))


def col(v):
    return np.asarray(v).reshape(-1)


# ----------------------------------------------------------------------------- registry
TARGETS = []


class Target:
    def __init__(self, problem, target, sizes, sample, ref, check, check_tol=1e-5):
        self.problem, self.target = problem, target
        self.sizes, self.sample, self.ref, self.check = sizes, sample, ref, check
        self.check_tol = check_tol
        self.answers = []
        TARGETS.append(self)

    def add(self, source, label, latex, style, meaning, fn, mistake=None):
        assert source in ("plain", "converter", "latex"), source
        assert label in ("right", "wrong"), label
        assert (mistake is None) == (label == "right"), (self.target, latex)
        self.answers.append(dict(source=source, intended=label, latex=latex, style=style,
                                 meaning=meaning, fn=fn, mistake=mistake))


def evaluate(fn, P):
    try:
        with np.errstate(all="ignore"):
            v = fn(P)
    except (OOR, ValueError, IndexError, ZeroDivisionError, np.linalg.LinAlgError):
        return None
    if v is None:
        return None
    return np.asarray(v, dtype=float)


def run():
    rows = []
    report = []
    for T in TARGETS:
        rng = np.random.default_rng(sum(map(ord, T.problem + "/" + T.target)) * 7919)
        points = []
        for size in T.sizes:
            for _ in range(POINTS):
                P = T.sample(size, rng)
                r = np.asarray(T.ref(P), dtype=float)
                c = np.asarray(T.check(P), dtype=float)
                assert r.shape == c.shape, (T.problem, T.target, size, r.shape, c.shape)
                scale = max(1.0, float(np.max(np.abs(r))))
                err = float(np.max(np.abs(r - c))) if r.size else 0.0
                assert err <= T.check_tol * scale, (T.problem, T.target, size, err)
                points.append((P, r))
        for n_, A in enumerate(T.answers, 1):
            equal = True
            maxrel = 0.0
            for P, r in points:
                v = evaluate(A["fn"], P)
                if v is None or v.shape != r.shape:
                    equal = False
                    continue
                if not np.all(np.isfinite(v)):
                    equal = False
                    maxrel = math.inf
                    continue
                if not np.allclose(v, r, rtol=RTOL, atol=ATOL):
                    equal = False
                denom = float(np.max(np.abs(r))) + 1e-12 if r.size else 1.0
                maxrel = max(maxrel, float(np.max(np.abs(v - r))) / denom if r.size else 0.0)
            label = "right" if equal else "wrong"
            assert label == A["intended"], (T.problem, T.target, A["latex"], label, maxrel)
            if label == "wrong":
                assert maxrel > 1e-3, (T.problem, T.target, A["latex"], maxrel)
            rows.append({
                "id": f"j-{T.problem}-{T.target}-{n_:02d}",
                "problem": T.problem,
                "target": T.target,
                "latex": A["latex"],
                "label": label,
                "source": A["source"],
                "style": A["style"],
                "mistake": A["mistake"],
                "meaning": A["meaning"],
            })
        report.append((T.problem, T.target, len(T.answers), len(points)))
    return rows, report


# ============================================================================= exercise13
def ex13_sample(size, rng):
    n, m = size
    W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
    yt = W @ x + b
    return dict(n=n, m=m, W=W, x=x, b=b, yt=yt, y=sig(yt), sp=dsig(yt))


def ex13_dydW_ref(P):  # [k, i, j] = σ'(ỹ_k) δ_ik x_j
    return np.einsum("k,ki,j->kij", P["sp"], np.eye(P["n"]), P["x"])


def ex13_dydW_fd(P):
    return fd(lambda W: sig(W @ P["x"] + P["b"]), P["W"])


EX13_SIZES = [(3, 3), (4, 3), (2, 4)]
T = Target("exercise13", "dy_dW", EX13_SIZES, ex13_sample, ex13_dydW_ref, ex13_dydW_fd)
E3 = lambda P, v: np.einsum("k,ki,j->kij", v, np.eye(P["n"]), P["x"])
T.add("plain", "right", "σ(ỹ_k)(1-σ(ỹ_k)) δ_ik x_j", "unicode, σ' written out",
      "σ(ỹ_k)(1−σ(ỹ_k))·δ_ik·x_j", lambda P: E3(P, sig(P["yt"]) * (1 - sig(P["yt"]))))
T.add("plain", "right", "y_k(1-y_k) x_j if i=k, 0 otherwise", "cases in words, in terms of y",
      "y_k(1−y_k)x_j when i = k, else 0", lambda P: E3(P, P["y"] * (1 - P["y"])))
T.add("plain", "wrong", "sigma(y~_k)*delta_ik*x_j", "ascii names",
      "σ(ỹ_k)·δ_ik·x_j", lambda P: E3(P, sig(P["yt"])), "σ written for σ′")
T.add("plain", "wrong", "y_k*(1 - y_k)*x_j", "ascii, no delta",
      "y_k(1−y_k)·x_j for every i", lambda P: np.einsum("k,i,j->kij", P["y"] * (1 - P["y"]), np.ones(P["n"]), P["x"]),
      "the Kronecker delta δ_ik is dropped (nonzero for i ≠ k)")
T.add("converter", "right", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \delta_{i k} x_{j}", "mathpix, spaced indices",
      "σ'(ỹ_k)·δ_ik·x_j", lambda P: E3(P, P["sp"]))
T.add("converter", "right",
      r"\left\{\begin{array}{ll}\sigma\left(\tilde{y}_{k}\right)\left(1-\sigma\left(\tilde{y}_{k}\right)\right) x_{j} & \text { if } i=k \\ 0 & \text { otherwise }\end{array}\right.",
      "mathpix array cases", "σ(ỹ_k)(1−σ(ỹ_k))x_j if i = k, else 0", lambda P: E3(P, P["sp"]))
T.add("converter", "wrong", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \delta_{i k} W_{k j}", "mathpix",
      "σ'(ỹ_k)·δ_ik·W_kj", lambda P: np.einsum("k,ki,kj->kij", P["sp"], np.eye(P["n"]), P["W"]),
      "W_kj written where x_j belongs (∂ỹ/∂x confused with ∂ỹ/∂W)")
T.add("latex", "right", r"$\frac{\partial y_k}{\partial W_{ij}} = \frac{e^{-\tilde y_k}}{(1+e^{-\tilde y_k})^2}\,\delta_{ik}\,x_j$",
      "inline math, σ' as exponentials", "e^{−ỹ_k}/(1+e^{−ỹ_k})²·δ_ik·x_j",
      lambda P: E3(P, np.exp(-P["yt"]) / (1 + np.exp(-P["yt"])) ** 2))
T.add("latex", "wrong", r"$\frac{\partial y_k}{\partial W_{ij}} = \frac{\partial y_k}{\partial \tilde y_k}\frac{\partial \tilde y_k}{\partial W_{ij}} = \delta_{ik} x_j$",
      "relation chain", "δ_ik·x_j", lambda P: E3(P, np.ones(P["n"])),
      "the chain factor σ'(ỹ_k) is missing (∂ỹ_k/∂W_ij given)")
T.add("latex", "wrong", r"so $\frac{\partial y_k}{\partial W_{ij}} = y_k(1-y_k)\,\delta_{ik}\,x_j^{2}$", "prose before math",
      "y_k(1−y_k)·δ_ik·x_j²", lambda P: np.einsum("k,ki,j->kij", P["y"] * (1 - P["y"]), np.eye(P["n"]), P["x"] ** 2),
      "x_j squared (wrong power)")

# ---- dy_dx_matrix
T = Target("exercise13", "dy_dx_matrix", EX13_SIZES, ex13_sample,
           lambda P: P["sp"][:, None] * P["W"],
           lambda P: fd(lambda x: sig(P["W"] @ x + P["b"]), P["x"]))
T.add("plain", "right", "diag(y ⊙ (1 − y)) W", "unicode ⊙, in terms of y",
      "diag(y⊙(1−y))·W", lambda P: diag(P["y"] * (1 - P["y"])) @ P["W"])
T.add("plain", "wrong", "diag(σ(ỹ)) W", "unicode", "diag(σ(ỹ))·W",
      lambda P: diag(sig(P["yt"])) @ P["W"], "σ written for σ′")
T.add("plain", "right", "diag(sigma'(y~)) * W", "ascii", "diag(σ'(ỹ))·W",
      lambda P: diag(P["sp"]) @ P["W"])
T.add("converter", "right", r"\operatorname{diag}\left(\sigma^{\prime}(\tilde{\mathbf{y}})\right) \mathbf{W}", "mathpix bold",
      "diag(σ'(ỹ))·W", lambda P: diag(P["sp"]) @ P["W"])
T.add("converter", "wrong", r"\mathbf{W}^{\top} \operatorname{diag}\left(\sigma^{\prime}(\tilde{\mathbf{y}})\right)", "mathpix bold",
      "Wᵀ·diag(σ'(ỹ)) (m×n)", lambda P: P["W"].T @ diag(P["sp"]),
      "denominator layout: the transpose of the Jacobian")
T.add("converter", "wrong", r"\operatorname{diag}\left(\mathbf{y} \odot(\mathbf{1}-\mathbf{y})\right)", "mathpix bold",
      "diag(y⊙(1−y)) (n×n)", lambda P: diag(P["y"] * (1 - P["y"])),
      "the chain factor W is missing (∂y/∂ỹ given)")
T.add("latex", "right", r"$\frac{\partial y}{\partial x} = \operatorname{diag}\big(\sigma(\tilde y)\odot(1-\sigma(\tilde y))\big)\,W$",
      "inline, \\big", "diag(σ(ỹ)⊙(1−σ(ỹ)))·W", lambda P: diag(P["sp"]) @ P["W"])
T.add("latex", "wrong", r"$\frac{\partial y}{\partial x}=\operatorname{diag}\left(\sigma'(Wx)\right)W$", "inline",
      "diag(σ'(Wx))·W", lambda P: diag(dsig(P["W"] @ P["x"])) @ P["W"],
      "the bias b dropped inside σ′ (σ′(Wx) for σ′(Wx + b))")
T.add("latex", "right", r"$\left[\frac{\partial y}{\partial x}\right]_{ki} = \sigma'(\tilde y_k)\, W_{ki}$",
      "entry of bracketed Jacobian", "entry (k,i) = σ'(ỹ_k)·W_ki", lambda P: P["sp"][:, None] * P["W"])

# ============================================================================= hw3_3b
def h33_sample(n, rng):
    x = rng.normal(size=n) * 1.5
    gam, bet = rng.uniform(0.5, 2.0), rng.normal()
    c = rng.normal(size=n)
    mu = x.mean()
    xh = x - mu
    y = gam * xh + bet
    G = c + y ** 2  # L = Σ c_j y_j + Σ y_j³/3
    eps = rng.uniform(0.2, 1.0)
    var = np.mean(xh ** 2)
    s = np.sqrt(var + eps)
    yb = gam * xh / s + bet
    Gb = c + yb ** 2
    return dict(n=n, x=x, gam=gam, bet=bet, c=c, mu=mu, xh=xh, G=G, eps=eps, var=var, s=s, Gb=Gb)


def h33_L(P, x):
    y = P["gam"] * (x - x.mean()) + P["bet"]
    return np.sum(P["c"] * y + y ** 3 / 3)


def h33_Lb(P, x):
    xh = x - x.mean()
    yb = P["gam"] * xh / np.sqrt(np.mean(xh ** 2) + P["eps"]) + P["bet"]
    return np.sum(P["c"] * yb + yb ** 3 / 3)


H33_SIZES = [2, 3, 5]
T = Target("hw3_3b", "dL_dx", H33_SIZES, h33_sample,
           lambda P: P["gam"] * (P["G"] - P["G"].mean()),
           lambda P: fd(lambda x: h33_L(P, x), P["x"]))
T.add("plain", "right", "γ(∂L/∂y_i − (1/n) ∑_j ∂L/∂y_j)", "unicode ∂ and ∑",
      "γ(G_i − (1/n)Σ_j G_j), G = ∂L/∂y", lambda P: P["gam"] * (P["G"] - P["G"].sum() / P["n"]))
T.add("plain", "right", "gamma * dL/dy_i - (gamma/n) * sum_j dL/dy_j", "ascii",
      "γG_i − (γ/n)Σ_j G_j", lambda P: P["gam"] * P["G"] - P["gam"] / P["n"] * P["G"].sum())
T.add("plain", "wrong", "γ ∂L/∂y_i", "unicode", "γ·G_i",
      lambda P: P["gam"] * P["G"], "the path through the mean μ is missing")
T.add("plain", "wrong", "γ(∂L/∂y_i − ∑_j ∂L/∂y_j)", "unicode", "γ(G_i − Σ_j G_j)",
      lambda P: P["gam"] * (P["G"] - P["G"].sum()), "the 1/n of the mean is lost")
T.add("converter", "right", r"\gamma\left(\frac{\partial L}{\partial y_{i}}-\frac{1}{n} \sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}\right)",
      "mathpix", "γ(G_i − (1/n)Σ_j G_j)", lambda P: P["gam"] * (P["G"] - P["G"].mean()))
T.add("converter", "right", r"\sum_{j=1}^{n} \gamma\left(\delta_{i j}-\frac{1}{n}\right) \frac{\partial L}{\partial y_{j}}",
      "mathpix, Jacobian-vector form", "Σ_j γ(δ_ij − 1/n)G_j",
      lambda P: tab((P["n"],), lambda i: sum(P["gam"] * (d(i, j) - 1 / P["n"]) * ix(P["G"], j) for j in S(1, P["n"]))))
T.add("converter", "wrong", r"\gamma\left(\frac{\partial L}{\partial y_{i}}-\frac{1}{n-1} \sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}\right)",
      "mathpix", "γ(G_i − Σ_j G_j/(n−1))", lambda P: P["gam"] * (P["G"] - P["G"].sum() / (P["n"] - 1)),
      "1/(n−1) for the mean's 1/n")
T.add("latex", "right",
      r"$\frac{\partial L}{\partial x_i} = \sum_j \frac{\partial L}{\partial y_j}\frac{\partial y_j}{\partial x_i} = \gamma\frac{\partial L}{\partial y_i} - \frac{\gamma}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}$",
      "relation chain", "γG_i − (γ/n)Σ_j G_j", lambda P: P["gam"] * P["G"] - P["gam"] * P["G"].mean())
T.add("latex", "wrong", r"$\frac{\partial L}{\partial x_i} = \gamma\left(1-\frac{1}{n}\right)\frac{\partial L}{\partial y_i}$",
      "inline", "γ(1 − 1/n)G_i", lambda P: P["gam"] * (1 - 1 / P["n"]) * P["G"],
      "only the j = i term of the sum kept")
T.add("latex", "wrong", r"$$\gamma\left(\frac{\partial L}{\partial y_i} + \frac{1}{n}\sum_{j=1}^n \frac{\partial L}{\partial y_j}\right)$$",
      "display math", "γ(G_i + (1/n)Σ_j G_j)", lambda P: P["gam"] * (P["G"] + P["G"].mean()),
      "the sign of the mean term flipped")

# ---- batchnorm_dL_dx
def bn_ref(P):
    G, xh, s, n = P["Gb"], P["xh"], P["s"], P["n"]
    return P["gam"] / s * (G - G.mean() - xh * np.sum(G * xh) / (n * s ** 2))


T = Target("hw3_3b", "batchnorm_dL_dx", H33_SIZES, h33_sample, bn_ref,
           lambda P: fd(lambda x: h33_Lb(P, x), P["x"]))
T.add("plain", "right", "γ/√(σ²+ε) · (∂L/∂ȳ_i − (1/n) ∑_j ∂L/∂ȳ_j − x̂_i/(n(σ²+ε)) ∑_j x̂_j ∂L/∂ȳ_j)",
      "unicode, three terms", "γ/√(σ²+ε)·(G_i − mean G − x̂_i Σ_j x̂_j G_j/(n(σ²+ε)))", bn_ref)
T.add("plain", "wrong", "γ/√(σ²+ε) · (∂L/∂ȳ_i − (1/n) ∑_j ∂L/∂ȳ_j)", "unicode",
      "γ/√(σ²+ε)·(G_i − mean G)", lambda P: P["gam"] / P["s"] * (P["Gb"] - P["Gb"].mean()),
      "the path through σ² is missing")
T.add("plain", "wrong", "γ/(σ²+ε) · (∂L/∂ȳ_i − (1/n) ∑_j (1 + x̂_i x̂_j/(σ²+ε)) ∂L/∂ȳ_j)", "unicode",
      "γ/(σ²+ε)·(G_i − (1/n)Σ_j(1 + x̂_i x̂_j/(σ²+ε))G_j)",
      lambda P: P["gam"] / P["s"] ** 2 * (P["Gb"] - P["Gb"].mean() - P["xh"] * np.sum(P["Gb"] * P["xh"]) / (P["n"] * P["s"] ** 2)),
      "the square root on σ² + ε in the prefactor is lost (wrong power)")
T.add("converter", "right",
      r"\frac{\gamma}{n \sqrt{\sigma^{2}+\epsilon}}\left(n \frac{\partial L}{\partial \bar{y}_{i}}-\sum_{j=1}^{n} \frac{\partial L}{\partial \bar{y}_{j}}-\frac{\hat{x}_{i}}{\sigma^{2}+\epsilon} \sum_{j=1}^{n} \hat{x}_{j} \frac{\partial L}{\partial \bar{y}_{j}}\right)",
      "mathpix, 1/n factored out", "γ/(n√(σ²+ε))·(nG_i − ΣG_j − x̂_i Σ x̂_j G_j/(σ²+ε))", bn_ref)
T.add("converter", "wrong",
      r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left(\frac{\partial L}{\partial \bar{y}_{i}}-\frac{1}{n} \sum_{j=1}^{n}\left(1-\frac{\hat{x}_{i} \hat{x}_{j}}{\sigma^{2}+\epsilon}\right) \frac{\partial L}{\partial \bar{y}_{j}}\right)",
      "mathpix", "γ/√(σ²+ε)·(G_i − (1/n)Σ_j(1 − x̂_i x̂_j/(σ²+ε))G_j)",
      lambda P: P["gam"] / P["s"] * (P["Gb"] - P["Gb"].mean() + P["xh"] * np.sum(P["Gb"] * P["xh"]) / (P["n"] * P["s"] ** 2)),
      "the sign of the variance term flipped")
T.add("converter", "right",
      r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}} \sum_{j=1}^{n}\left(\delta_{i j}-\frac{1}{n}-\frac{\hat{x}_{i} \hat{x}_{j}}{n\left(\sigma^{2}+\epsilon\right)}\right) \frac{\partial L}{\partial \bar{y}_{j}}",
      "mathpix, Jacobian-vector form", "γ/√(σ²+ε)·Σ_j(δ_ij − 1/n − x̂_i x̂_j/(n(σ²+ε)))G_j",
      lambda P: tab((P["n"],), lambda i: P["gam"] / P["s"] * sum(
          (d(i, j) - 1 / P["n"] - ix(P["xh"], i) * ix(P["xh"], j) / (P["n"] * P["s"] ** 2)) * ix(P["Gb"], j) for j in S(1, P["n"]))))
T.add("latex", "right",
      r"$\frac{\partial L}{\partial x_i} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\Big(\frac{\partial L}{\partial \bar y_i} - \frac1n\sum_{j=1}^{n}\big(1+\frac{\hat x_i\hat x_j}{\sigma^2+\epsilon}\big)\frac{\partial L}{\partial \bar y_j}\Big)$",
      "inline, \\Big", "γ/√(σ²+ε)·(G_i − (1/n)Σ_j(1 + x̂_i x̂_j/(σ²+ε))G_j)", bn_ref)
T.add("latex", "wrong",
      r"$\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\Big(\frac{\partial L}{\partial \bar y_i} - \frac1n\sum_{j=1}^{n}\big(1+\hat x_i\hat x_j\big)\frac{\partial L}{\partial \bar y_j}\Big)$",
      "inline", "γ/√(σ²+ε)·(G_i − (1/n)Σ_j(1 + x̂_i x̂_j)G_j)",
      lambda P: P["gam"] / P["s"] * (P["Gb"] - P["Gb"].mean() - P["xh"] * np.sum(P["Gb"] * P["xh"]) / P["n"]),
      "x̂ treated as already normalized: the 1/(σ² + ε) of the cross term is missing")
T.add("latex", "wrong",
      r"$\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\Big(\frac{\partial L}{\partial \bar y_i} - \frac{1}{n}\sum_{j}\frac{\partial L}{\partial \bar y_j} - \frac{\hat x_i}{2n(\sigma^2+\epsilon)}\sum_j \hat x_j\frac{\partial L}{\partial \bar y_j}\Big)$",
      "inline", "γ/√(σ²+ε)·(G_i − mean G − x̂_i Σ x̂_j G_j/(2n(σ²+ε)))",
      lambda P: P["gam"] / P["s"] * (P["Gb"] - P["Gb"].mean() - P["xh"] * np.sum(P["Gb"] * P["xh"]) / (2 * P["n"] * P["s"] ** 2)),
      "a lost factor 2 from ∂σ²/∂x_i = (2/n)x̂_i (an extra 1/2 on the variance term)")

# ============================================================================= hw3_4a
def adam_m_sample(Tn, rng):
    return dict(T=Tn, g=rng.normal(size=Tn), b1=rng.uniform(0.6, 0.95))


def adam_m_ref(P):  # m_t = (1-β1) Σ_{k=1}^t β1^{t-k} g_k, t = 1..T
    b1, g = P["b1"], P["g"]
    return np.array([(1 - b1) * sum(b1 ** (t - k) * g[k - 1] for k in S(1, t)) for t in S(1, P["T"])])


def adam_m_sim(P):
    m, out = 0.0, []
    for gt in P["g"]:
        m = P["b1"] * m + (1 - P["b1"]) * gt
        out.append(m)
    return np.array(out)


def over_t(P, f):
    return np.array([f(t) for t in S(1, P["T"])])


T = Target("hw3_4a", "m_unrolled", [3, 5, 8], adam_m_sample, adam_m_ref, adam_m_sim)
g1 = lambda P, k: ix(P["g"], k)
T.add("plain", "right", "m_t = (1-β1) ∑_{k=1}^{t} β1^(t-k) g_k", "unicode, β1 with a trailing digit",
      "(1−β₁)Σ_{k=1}^t β₁^{t−k} g_k", adam_m_ref)
T.add("plain", "right", "(1-β1)(g_t + β1 g_{t-1} + ... + β1^(t-1) g_1)", "ellipsis sum",
      "(1−β₁)Σ_{k=0}^{t−1} β₁^k g_{t−k}",
      lambda P: over_t(P, lambda t: (1 - P["b1"]) * sum(P["b1"] ** k * g1(P, t - k) for k in S(0, t - 1))))
T.add("plain", "wrong", "(1-β1) ∑_{k=1}^{t} β1^(k-1) g_k", "unicode",
      "(1−β₁)Σ_{k=1}^t β₁^{k−1} g_k",
      lambda P: over_t(P, lambda t: (1 - P["b1"]) * sum(P["b1"] ** (k - 1) * g1(P, k) for k in S(1, t))),
      "the weights reversed: β₁^{k−1} for β₁^{t−k} (oldest gradient weighted most)")
T.add("plain", "wrong", "m_t = sum_{k=1}^{t} beta1^(t-k) g_k", "ascii",
      "Σ_{k=1}^t β₁^{t−k} g_k", lambda P: adam_m_ref(P) / (1 - P["b1"]), "the factor (1 − β₁) is missing")
T.add("converter", "right", r"m_{t}=\left(1-\beta_{1}\right) \sum_{i=1}^{t} \beta_{1}^{t-i} g_{i}", "mathpix, index i",
      "(1−β₁)Σ_{i=1}^t β₁^{t−i} g_i", adam_m_ref)
T.add("converter", "wrong", r"m_{t}=\left(1-\beta_{1}\right) \sum_{i=1}^{t} \beta_{1}^{t-i+1} g_{i}", "mathpix",
      "(1−β₁)Σ_{i=1}^t β₁^{t−i+1} g_i", lambda P: adam_m_ref(P) * P["b1"], "the exponent one too high (t − i + 1)")
T.add("converter", "right", r"m_{t}=\sum_{k=0}^{t-1}\left(1-\beta_{1}\right) \beta_{1}^{k} g_{t-k}", "mathpix, reindexed sum",
      "Σ_{k=0}^{t−1}(1−β₁)β₁^k g_{t−k}",
      lambda P: over_t(P, lambda t: sum((1 - P["b1"]) * P["b1"] ** k * g1(P, t - k) for k in S(0, t - 1))))
T.add("latex", "right", r"$m_t = (1-\beta_1)\sum_{k=1}^{t}\beta_1^{t-k} g_k$ (using $m_0 = 0$)", "remark in parentheses",
      "(1−β₁)Σ_{k=1}^t β₁^{t−k} g_k", adam_m_ref)
T.add("latex", "wrong", r"$m_t = (1-\beta_1)\sum_{k=1}^{t-1}\beta_1^{t-k} g_k$", "inline",
      "(1−β₁)Σ_{k=1}^{t−1} β₁^{t−k} g_k",
      lambda P: over_t(P, lambda t: (1 - P["b1"]) * sum(P["b1"] ** (t - k) * g1(P, k) for k in S(1, t - 1))),
      "the upper bound one short (t − 1): the current gradient g_t is dropped")
T.add("latex", "wrong", r"$$m_t = \beta_1^{t} m_0 + \beta_1\sum_{k=1}^{t}(1-\beta_1)^{t-k} g_k$$", "display math",
      "β₁Σ_{k=1}^t (1−β₁)^{t−k} g_k (m₀ = 0)",
      lambda P: over_t(P, lambda t: P["b1"] * sum((1 - P["b1"]) ** (t - k) * g1(P, k) for k in S(1, t))),
      "β₁ and 1 − β₁ swapped")

# ---- theta_update
def adam_t_sample(Tn, rng):
    return dict(T=Tn, th=rng.normal(size=Tn), mp=rng.normal(size=Tn), vp=rng.uniform(0.1, 2.0, size=Tn),
                g=rng.normal(size=Tn), al=rng.uniform(0.05, 0.5), b1=rng.uniform(0.6, 0.95),
                b2=rng.uniform(0.8, 0.99), eps=rng.uniform(0.05, 0.5))


def adam_t_ref(P):
    t = np.arange(1, P["T"] + 1)
    m = P["b1"] * P["mp"] + (1 - P["b1"]) * P["g"]
    v = P["b2"] * P["vp"] + (1 - P["b2"]) * P["g"] ** 2
    return P["th"] - P["al"] * (m / (1 - P["b1"] ** t)) / (np.sqrt(v / (1 - P["b2"] ** t)) + P["eps"])


def adam_t_sim(P):  # Algorithm 1 of Kingma & Ba, one step per t, written as a loop
    out = []
    for t in range(1, P["T"] + 1):
        k = t - 1
        m = P["b1"] * P["mp"][k] + (1 - P["b1"]) * P["g"][k]
        v = P["b2"] * P["vp"][k] + (1 - P["b2"]) * P["g"][k] * P["g"][k]
        mhat = m / (1 - P["b1"] ** t)
        vhat = v / (1 - P["b2"] ** t)
        out.append(P["th"][k] - P["al"] * mhat / (math.sqrt(vhat) + P["eps"]))
    return np.array(out)


def adam_mv(P):
    t = np.arange(1, P["T"] + 1)
    m = P["b1"] * P["mp"] + (1 - P["b1"]) * P["g"]
    v = P["b2"] * P["vp"] + (1 - P["b2"]) * P["g"] ** 2
    return t, m, v


T = Target("hw3_4a", "theta_update", [4, 7], adam_t_sample, adam_t_ref, adam_t_sim)
T.add("plain", "right", "θ_t = θ_{t-1} - α * (m_t/(1-β1^t)) / (sqrt(v_t/(1-β2^t)) + ε)", "unicode + ascii mix",
      "θ_{t−1} − α·(m_t/(1−β₁ᵗ))/(√(v_t/(1−β₂ᵗ)) + ε)", adam_t_ref)
T.add("plain", "wrong", "θ_t = θ_{t-1} - α * (m_t/(1-β1^t)) / sqrt(v_t/(1-β2^t) + ε)", "unicode + ascii mix",
      "θ_{t−1} − α·m̂_t/√(v̂_t + ε)",
      lambda P: (lambda t, m, v: P["th"] - P["al"] * (m / (1 - P["b1"] ** t)) / np.sqrt(v / (1 - P["b2"] ** t) + P["eps"]))(*adam_mv(P)),
      "ε inside the square root")
T.add("plain", "wrong", "θ_t = θ_{t-1} - α m_t / (√v_t + ε)", "unicode",
      "θ_{t−1} − α·m_t/(√v_t + ε)",
      lambda P: (lambda t, m, v: P["th"] - P["al"] * m / (np.sqrt(v) + P["eps"]))(*adam_mv(P)),
      "the bias corrections 1/(1 − β₁ᵗ), 1/(1 − β₂ᵗ) are missing")
T.add("converter", "right",
      r"\theta_{t}=\theta_{t-1}-\frac{\alpha \hat{m}_{t}}{\sqrt{\hat{v}_{t}}+\epsilon}, \quad \text{where } \hat{m}_{t}=\frac{m_{t}}{1-\beta_{1}^{t}}, \hat{v}_{t}=\frac{v_{t}}{1-\beta_{2}^{t}}",
      "mathpix, where-clause", "θ_{t−1} − α m̂_t/(√v̂_t + ε), m̂_t = m_t/(1−β₁ᵗ), v̂_t = v_t/(1−β₂ᵗ)", adam_t_ref)
T.add("converter", "wrong",
      r"\theta_{t}=\theta_{t-1}+\alpha \frac{m_{t} /\left(1-\beta_{1}^{t}\right)}{\sqrt{v_{t} /\left(1-\beta_{2}^{t}\right)}+\epsilon}",
      "mathpix", "θ_{t−1} + α·m̂_t/(√v̂_t + ε)",
      lambda P: 2 * P["th"] - adam_t_ref(P), "the sign of the step flipped (ascent)")
T.add("converter", "right",
      r"\theta_{t}=\theta_{t-1}-\frac{\alpha\left(\beta_{1} m_{t-1}+\left(1-\beta_{1}\right) g_{t}\right)}{\left(1-\beta_{1}^{t}\right)\left(\sqrt{\frac{\beta_{2} v_{t-1}+\left(1-\beta_{2}\right) g_{t}^{2}}{1-\beta_{2}^{t}}}+\epsilon\right)}",
      "mathpix, moments substituted", "θ_{t−1} − α(β₁m_{t−1}+(1−β₁)g_t)/((1−β₁ᵗ)(√((β₂v_{t−1}+(1−β₂)g_t²)/(1−β₂ᵗ)) + ε))",
      adam_t_ref)
T.add("latex", "right",
      r"$\theta_t = \theta_{t-1} - \alpha\,\frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t}\cdot\frac{m_t}{\sqrt{v_t} + \epsilon\sqrt{1-\beta_2^t}}$",
      "rearranged bias correction", "θ_{t−1} − α√(1−β₂ᵗ)/(1−β₁ᵗ)·m_t/(√v_t + ε√(1−β₂ᵗ))",
      lambda P: (lambda t, m, v: P["th"] - P["al"] * np.sqrt(1 - P["b2"] ** t) / (1 - P["b1"] ** t)
                 * m / (np.sqrt(v) + P["eps"] * np.sqrt(1 - P["b2"] ** t)))(*adam_mv(P)))
T.add("latex", "wrong",
      r"$\theta_t = \theta_{t-1} - \alpha\,\frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t}\cdot\frac{m_t}{\sqrt{v_t} + \epsilon}$",
      "the paper's efficient form", "θ_{t−1} − α√(1−β₂ᵗ)/(1−β₁ᵗ)·m_t/(√v_t + ε)",
      lambda P: (lambda t, m, v: P["th"] - P["al"] * np.sqrt(1 - P["b2"] ** t) / (1 - P["b1"] ** t)
                 * m / (np.sqrt(v) + P["eps"]))(*adam_mv(P)),
      "ε not rescaled when the bias correction is moved out of the root (ε̂ ≠ ε)")
T.add("latex", "wrong",
      r"$\theta_t = \theta_{t-1} - \alpha\frac{m_t/(1-\beta_1^{t})}{\sqrt{v_t/(1-\beta_2^{t-1})}+\epsilon}$",
      "inline", "θ_{t−1} − α·(m_t/(1−β₁ᵗ))/(√(v_t/(1−β₂^{t−1})) + ε)",
      lambda P: (lambda t, m, v: P["th"] - P["al"] * (m / (1 - P["b1"] ** t)) / (np.sqrt(v / (1 - P["b2"] ** (t - 1.0))) + P["eps"]))(*adam_mv(P)),
      "an off-by-one exponent in the second bias correction (β₂^{t−1})")

# ============================================================================= softmax_ce
def sce_sample(K, rng):
    z = rng.normal(size=K) * 1.2
    y = rng.dirichlet(np.ones(K))
    return dict(K=K, z=z, y=y, p=softmax(z))


SCE_SIZES = [3, 4, 5]
T = Target("softmax_ce", "dp_dz", SCE_SIZES, sce_sample,
           lambda P: P["p"][:, None] * (np.eye(P["K"]) - P["p"][None, :]),
           lambda P: fd(softmax, P["z"]))
pk = lambda P, k: ix(P["p"], k)
T.add("plain", "right", "p_k(δ_ik − p_i)", "unicode", "p_k(δ_ik − p_i)",
      lambda P: tab((P["K"],) * 2, lambda k, i: pk(P, k) * (d(i, k) - pk(P, i))))
T.add("plain", "right", "p_i(1-p_i) if i=k, -p_i p_k otherwise", "cases in words",
      "p_i(1−p_i) if i = k, else −p_i p_k",
      lambda P: tab((P["K"],) * 2, lambda k, i: pk(P, i) * (1 - pk(P, i)) if i == k else -pk(P, i) * pk(P, k)))
T.add("plain", "right", "p_i*(delta_ik - p_k)", "ascii, indices swapped inside",
      "p_i(δ_ik − p_k) (= p_k(δ_ik − p_i) since δ makes p_i = p_k)",
      lambda P: tab((P["K"],) * 2, lambda k, i: pk(P, i) * (d(i, k) - pk(P, k))))
T.add("plain", "wrong", "p_k(1 − p_i)", "unicode", "p_k(1 − p_i)",
      lambda P: tab((P["K"],) * 2, lambda k, i: pk(P, k) * (1 - pk(P, i))), "the Kronecker delta replaced by 1")
T.add("converter", "right", r"p_{k}\left(\delta_{i k}-p_{i}\right)", "mathpix", "p_k(δ_ik − p_i)",
      lambda P: tab((P["K"],) * 2, lambda k, i: pk(P, k) * (d(i, k) - pk(P, i))))
T.add("converter", "wrong",
      r"\left\{\begin{array}{ll}p_{i}\left(1-p_{i}\right) & \text { if } i=k \\ p_{i} p_{k} & \text { otherwise }\end{array}\right.",
      "mathpix array cases", "p_i(1−p_i) if i = k, else +p_i p_k",
      lambda P: tab((P["K"],) * 2, lambda k, i: pk(P, i) * (1 - pk(P, i)) if i == k else pk(P, i) * pk(P, k)),
      "the sign of the off-diagonal entries")
T.add("converter", "wrong", r"\delta_{i k} p_{k}-p_{k}^{2}", "mathpix", "δ_ik p_k − p_k²",
      lambda P: tab((P["K"],) * 2, lambda k, i: d(i, k) * pk(P, k) - pk(P, k) ** 2), "p_k² for p_i p_k (wrong index)")
T.add("latex", "right",
      r"$\frac{\partial p_k}{\partial z_i} = \frac{e^{z_k}\delta_{ik}}{\sum_l e^{z_l}} - \frac{e^{z_k}e^{z_i}}{\left(\sum_l e^{z_l}\right)^2}$",
      "quotient rule, exponentials", "e^{z_k}δ_ik/Σe^{z_l} − e^{z_k}e^{z_i}/(Σe^{z_l})²",
      lambda P: (lambda e, Z: tab((P["K"],) * 2, lambda k, i: ix(e, k) * d(i, k) / Z - ix(e, k) * ix(e, i) / Z ** 2))(np.exp(P["z"]), np.exp(P["z"]).sum()))
T.add("latex", "wrong", r"$\frac{\partial p_k}{\partial z_i} = p_k\delta_{ik} - p_i$", "inline",
      "p_kδ_ik − p_i", lambda P: tab((P["K"],) * 2, lambda k, i: pk(P, k) * d(i, k) - pk(P, i)),
      "the factor p_k is missing from the second term")

# ---- dL_dz_vec
T = Target("softmax_ce", "dL_dz_vec", SCE_SIZES, sce_sample, lambda P: P["p"] - P["y"],
           lambda P: fd(lambda z: -np.sum(P["y"] * np.log(softmax(z))), P["z"]))
T.add("plain", "right", "p - y", "ascii", "p − y", lambda P: P["p"] - P["y"])
T.add("plain", "wrong", "y - p", "ascii", "y − p", lambda P: P["y"] - P["p"], "the sign flipped")
T.add("plain", "right", "p * sum_k y_k - y", "ascii, before using Σy = 1", "p·Σ_k y_k − y",
      lambda P: P["p"] * P["y"].sum() - P["y"])
T.add("converter", "right", r"\mathbf{p}-\mathbf{y}", "mathpix bold", "p − y", lambda P: P["p"] - P["y"])
T.add("converter", "wrong", r"\left(\operatorname{diag}(\mathbf{p})-\mathbf{p} \mathbf{p}^{\top}\right) \mathbf{y}", "mathpix bold",
      "(diag(p) − ppᵀ)·y", lambda P: (diag(P["p"]) - np.outer(P["p"], P["p"])) @ P["y"],
      "the Jacobian applied to y instead of to ∂L/∂p = −y/p (missing chain factor)")
T.add("converter", "wrong", r"\mathbf{p} \odot(\mathbf{1}-\mathbf{p})-\mathbf{y}", "mathpix bold",
      "p⊙(1−p) − y", lambda P: P["p"] * (1 - P["p"]) - P["y"], "only the diagonal p_i(1 − p_i) of the softmax Jacobian used, and y not divided by p")
T.add("latex", "right", r"$\nabla_z L = p - y$", "inline, nabla", "p − y", lambda P: P["p"] - P["y"])
T.add("latex", "wrong", r"$\frac{\partial L}{\partial z} = -\frac{y}{p}$", "inline",
      "−y ⊘ p", lambda P: -P["y"] / P["p"], "the derivative taken by the intermediate p, not z")
T.add("latex", "wrong", r"$$\frac{\partial L}{\partial z} = \frac{1}{K}\,(p - y)$$", "display",
      "(p − y)/K", lambda P: (P["p"] - P["y"]) / P["K"], "an extra 1/K (averaging over classes)")


# ============================================================================= mlp2
def mlp_sample(size, rng):
    m, n, c = size
    while True:
        W1, b1, x = rng.normal(size=(n, m)), rng.normal(size=n), rng.normal(size=m)
        a = W1 @ x + b1
        if np.all(np.abs(a) > 0.2) and (a > 0).any() and (a < 0).any():
            break
    W2, b2, t = rng.normal(size=(c, n)), rng.normal(size=c), rng.normal(size=c)
    h = np.maximum(0, a)
    o = W2 @ h + b2
    return dict(m=m, n=n, c=c, W1=W1, b1=b1, x=x, a=a, h=h, W2=W2, b2=b2, t=t, o=o,
                mask=(a > 0).astype(float), e=o - t)


def mlp_L(P, W1):
    h = np.maximum(0, W1 @ P["x"] + P["b1"])
    return 0.5 * np.sum((P["W2"] @ h + P["b2"] - P["t"]) ** 2)


def mlp_ref(P):
    return ((P["mask"] * (P["W2"].T @ P["e"]))[:, None]) * P["x"][None, :]


MLP_SIZES = [(3, 3, 3), (2, 4, 3), (4, 2, 2)]
T = Target("mlp2", "dL_dW1", MLP_SIZES, mlp_sample, mlp_ref, lambda P: fd(lambda W: mlp_L(P, W), P["W1"]))
back = lambda P, k: sum((ix(P["o"], r) - ix(P["t"], r)) * ix(P["W2"], r, k) for r in S(1, P["c"]))
T.add("plain", "right", "1[a_k > 0] * x_j * sum_r (o_r - t_r) W^(2)_rk", "ascii, indicator, layer label",
      "1[a_k>0]·x_j·Σ_r(o_r−t_r)W⁽²⁾_rk",
      lambda P: tab((P["n"], P["m"]), lambda k, j: (ix(P["a"], k) > 0) * ix(P["x"], j) * back(P, k)))
T.add("plain", "wrong", "x_j * sum_r (o_r - t_r) W^(2)_rk", "ascii",
      "x_j·Σ_r(o_r−t_r)W⁽²⁾_rk", lambda P: tab((P["n"], P["m"]), lambda k, j: ix(P["x"], j) * back(P, k)),
      "the ReLU derivative 1[a_k > 0] is missing")
T.add("plain", "wrong", "h_k x_j ∑_r (o_r − t_r) W^(2)_rk", "unicode",
      "h_k·x_j·Σ_r(o_r−t_r)W⁽²⁾_rk",
      lambda P: tab((P["n"], P["m"]), lambda k, j: ix(P["h"], k) * ix(P["x"], j) * back(P, k)),
      "the activation h_k written for its derivative 1[a_k > 0]")
T.add("converter", "right", r"\mathbb{1}\left[a_{k}>0\right] x_{j} \sum_{r=1}^{c}\left(o_{r}-t_{r}\right) W_{r k}^{(2)}",
      "mathpix, spaced indices", "1[a_k>0]·x_j·Σ_r(o_r−t_r)W⁽²⁾_rk", mlp_ref)
T.add("converter", "right",
      r"\left\{\begin{array}{ll}x_{j} \sum_{r=1}^{c} W_{r k}^{(2)}\left(o_{r}-t_{r}\right) & \text { if } a_{k}>0 \\ 0 & \text { otherwise }\end{array}\right.",
      "mathpix array cases", "x_j Σ_r W⁽²⁾_rk(o_r−t_r) if a_k > 0, else 0", mlp_ref)
T.add("converter", "wrong", r"\mathbb{1}\left[a_{k}>0\right] x_{j} \sum_{r=1}^{c}\left(o_{r}-t_{r}\right)", "mathpix",
      "1[a_k>0]·x_j·Σ_r(o_r−t_r)",
      lambda P: tab((P["n"], P["m"]), lambda k, j: (ix(P["a"], k) > 0) * ix(P["x"], j) * P["e"].sum()),
      "the weight W⁽²⁾_rk is missing from the backpropagated sum")
T.add("latex", "right",
      r"$\frac{\partial L}{\partial W^{(1)}_{kj}} = \delta^{(1)}_k x_j$ where $\delta^{(1)}_k = \mathbb{1}[a_k>0]\sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)$",
      "where-clause, named error signal", "δ⁽¹⁾_k x_j with δ⁽¹⁾_k = 1[a_k>0]Σ_r W⁽²⁾_rk(o_r−t_r)", mlp_ref)
T.add("latex", "wrong", r"$\frac{\partial L}{\partial W^{(1)}_{kj}} = 2\,\mathbb{1}[a_k>0]\,x_j\sum_{r}(o_r-t_r)W^{(2)}_{rk}$", "inline",
      "2·1[a_k>0]·x_j·Σ_r(o_r−t_r)W⁽²⁾_rk", lambda P: 2 * mlp_ref(P),
      "an extra factor 2 (the 1/2 of the loss forgotten)")
T.add("latex", "wrong", r"$\mathbb{1}[a_k>0]\,x_j\sum_{r=1}^{c}(t_r - o_r)W^{(2)}_{rk}$", "inline",
      "1[a_k>0]·x_j·Σ_r(t_r−o_r)W⁽²⁾_rk", lambda P: -mlp_ref(P), "the sign flipped (t − o for o − t)")

# ---- dL_dW1_matrix
T = Target("mlp2", "dL_dW1_matrix", MLP_SIZES, mlp_sample, mlp_ref, lambda P: fd(lambda W: mlp_L(P, W), P["W1"]))
T.add("plain", "right", "(1[a>0] ⊙ (W^(2))ᵀ(o − t)) xᵀ", "unicode ⊙ ᵀ", "(1[a>0]⊙W⁽²⁾ᵀ(o−t))·xᵀ",
      lambda P: np.outer(P["mask"] * (P["W2"].T @ P["e"]), P["x"]))
T.add("plain", "wrong", "((W^(2))ᵀ(o − t)) xᵀ", "unicode", "(W⁽²⁾ᵀ(o−t))·xᵀ",
      lambda P: np.outer(P["W2"].T @ P["e"], P["x"]), "the ReLU mask 1[a > 0] is missing")
T.add("plain", "wrong", "x (1[a>0] ⊙ (W^(2))ᵀ(o − t))ᵀ", "unicode", "x·(1[a>0]⊙W⁽²⁾ᵀ(o−t))ᵀ (m×n)",
      lambda P: np.outer(P["x"], P["mask"] * (P["W2"].T @ P["e"])), "transposed: the outer product in the wrong order")
T.add("converter", "right",
      r"\left(\mathbb{1}[\mathbf{a}>0] \odot\left(\mathbf{W}^{(2) \top}(\mathbf{o}-\mathbf{t})\right)\right) \mathbf{x}^{\top}",
      "mathpix bold, label with transpose", "(1[a>0]⊙W⁽²⁾ᵀ(o−t))·xᵀ", mlp_ref)
T.add("converter", "right",
      r"\operatorname{diag}\left(\mathbb{1}[\mathbf{a}>0]\right) \mathbf{W}^{(2) \top}(\mathbf{o}-\mathbf{t}) \mathbf{x}^{\top}",
      "mathpix, diag form", "diag(1[a>0])·W⁽²⁾ᵀ·(o−t)·xᵀ",
      lambda P: diag(P["mask"]) @ P["W2"].T @ P["e"].reshape(-1, 1) @ P["x"].reshape(1, -1))
T.add("converter", "wrong",
      r"\left(\mathbb{1}[\mathbf{a}>0] \odot\left(\mathbf{W}^{(2)}(\mathbf{o}-\mathbf{t})\right)\right) \mathbf{x}^{\top}",
      "mathpix bold", "(1[a>0]⊙W⁽²⁾(o−t))·xᵀ",
      lambda P: np.outer(P["mask"] * (P["W2"] @ P["e"]), P["x"]), "W⁽²⁾ not transposed")
T.add("latex", "right",
      r"$\frac{\partial L}{\partial W^{(1)}} = \delta^{(1)} x^{T}$ with $\delta^{(1)} = \big((W^{(2)})^{T}(o-t)\big)\odot\mathbb{1}[a>0]$",
      "with-clause", "δ⁽¹⁾xᵀ with δ⁽¹⁾ = (W⁽²⁾ᵀ(o−t))⊙1[a>0]", mlp_ref)
T.add("latex", "wrong", r"$\frac{\partial L}{\partial W^{(1)}} = \big(\mathbb{1}[a>0]\odot (W^{(2)})^{T}(o-t)\big)\,h^{T}$", "inline",
      "(1[a>0]⊙W⁽²⁾ᵀ(o−t))·hᵀ (n×n)", lambda P: np.outer(P["mask"] * (P["W2"].T @ P["e"]), P["h"]),
      "hᵀ for xᵀ (the layer's output for its input)")
T.add("latex", "right",
      r"\[\frac{\partial L}{\partial W^{(1)}} = \operatorname{diag}\big(\mathbb{1}[a>0]\big)\,(W^{(2)})^{\top}(o-t)\,x^{\top}\]",
      "display \\[ \\]", "diag(1[a>0])·W⁽²⁾ᵀ(o−t)·xᵀ", mlp_ref)

# ============================================================================= rnn_tanh
def rnn_sample(size, rng):
    n, m = size
    W, U, b = rng.normal(size=(n, n)) * 0.7, rng.normal(size=(n, m)) * 0.7, rng.normal(size=n) * 0.5
    hp, x = rng.uniform(-1, 1, size=n), rng.normal(size=m)
    a = W @ hp + U @ x + b
    return dict(n=n, m=m, W=W, U=U, b=b, hp=hp, x=x, a=a, h=np.tanh(a))


RNN_SIZES = [(3, 2), (4, 4), (2, 3)]
T = Target("rnn_tanh", "dh_dhprev_matrix", RNN_SIZES, rnn_sample,
           lambda P: (1 - P["h"] ** 2)[:, None] * P["W"],
           lambda P: fd(lambda hp: np.tanh(P["W"] @ hp + P["U"] @ P["x"] + P["b"]), P["hp"]))
T.add("plain", "right", "diag(1 − h_t²) W", "unicode", "diag(1 − h_t²)·W", lambda P: diag(1 - P["h"] ** 2) @ P["W"])
T.add("plain", "wrong", "diag(1 − h_t²) Wᵀ", "unicode", "diag(1 − h_t²)·Wᵀ",
      lambda P: diag(1 - P["h"] ** 2) @ P["W"].T, "W transposed")
T.add("plain", "wrong", "diag(1 - h_{t-1}^2) W", "ascii", "diag(1 − h_{t−1}²)·W",
      lambda P: diag(1 - P["hp"] ** 2) @ P["W"], "tanh′ taken at the previous state h_{t−1} (wrong time index)")
T.add("converter", "right", r"\operatorname{diag}\left(1-\mathbf{h}_{t}^{2}\right) \mathbf{W}", "mathpix bold",
      "diag(1 − h_t²)·W", lambda P: diag(1 - P["h"] ** 2) @ P["W"])
T.add("converter", "right", r"\operatorname{diag}\left(1-\tanh ^{2}\left(\mathbf{a}_{t}\right)\right) \mathbf{W}", "mathpix, tanh²",
      "diag(1 − tanh²(a_t))·W", lambda P: diag(1 - np.tanh(P["a"]) ** 2) @ P["W"])
T.add("converter", "wrong", r"\mathbf{W} \operatorname{diag}\left(1-\mathbf{h}_{t}^{2}\right)", "mathpix bold",
      "W·diag(1 − h_t²)", lambda P: P["W"] @ diag(1 - P["h"] ** 2), "the product in the wrong order")
T.add("latex", "right", r"$\frac{\partial h_t}{\partial h_{t-1}} = \left(I - \operatorname{diag}(h_t)^2\right)W$", "inline",
      "(I − diag(h_t)²)·W", lambda P: (np.eye(P["n"]) - diag(P["h"]) @ diag(P["h"])) @ P["W"])
T.add("latex", "wrong", r"$\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(1-h_t)\,W$", "inline",
      "diag(1 − h_t)·W", lambda P: diag(1 - P["h"]) @ P["W"], "the square on h_t lost (wrong power)")
T.add("latex", "wrong", r"$$\frac{\partial h_t}{\partial h_{t-1}} = W^{\top}\operatorname{diag}(1-h_t^2)$$", "display",
      "Wᵀ·diag(1 − h_t²)", lambda P: P["W"].T @ diag(1 - P["h"] ** 2), "denominator layout (the transpose of the Jacobian)")

# ---- dh_dW
T = Target("rnn_tanh", "dh_dW", RNN_SIZES, rnn_sample,
           lambda P: np.einsum("k,ki,j->kij", 1 - P["h"] ** 2, np.eye(P["n"]), P["hp"]),
           lambda P: fd(lambda W: np.tanh(W @ P["hp"] + P["U"] @ P["x"] + P["b"]), P["W"]))
E3r = lambda P, v, u: np.einsum("k,ki,j->kij", v, np.eye(P["n"]), u)
T.add("plain", "right", "(1 - h_{t,k}^2) δ_ik h_{t-1,j}", "ascii + δ", "(1 − h_{t,k}²)·δ_ik·h_{t−1,j}",
      lambda P: E3r(P, 1 - P["h"] ** 2, P["hp"]))
T.add("plain", "wrong", "(1 - h_{t,k}^2) h_{t-1,j}", "ascii", "(1 − h_{t,k}²)·h_{t−1,j} for every i",
      lambda P: np.einsum("k,i,j->kij", 1 - P["h"] ** 2, np.ones(P["n"]), P["hp"]), "the Kronecker delta δ_ik is dropped")
T.add("plain", "right", "(1 - tanh(a_{t,k})^2) * h_{t-1,j} if i = k, 0 otherwise", "cases in words",
      "(1 − tanh²(a_{t,k}))h_{t−1,j} if i = k, else 0", lambda P: E3r(P, 1 - np.tanh(P["a"]) ** 2, P["hp"]))
T.add("converter", "right", r"\left(1-h_{t, k}^{2}\right) \delta_{i k} h_{t-1, j}", "mathpix, spaced indices",
      "(1 − h_{t,k}²)·δ_ik·h_{t−1,j}", lambda P: E3r(P, 1 - P["h"] ** 2, P["hp"]))
T.add("converter", "wrong", r"\left(1-h_{t, k}^{2}\right) \delta_{i k} h_{t, j}", "mathpix",
      "(1 − h_{t,k}²)·δ_ik·h_{t,j}", lambda P: E3r(P, 1 - P["h"] ** 2, P["h"]), "h_t for h_{t−1} (wrong time index)")
T.add("converter", "wrong", r"\left(1-h_{t, k}^{2}\right) \delta_{j k} h_{t-1, i}", "mathpix",
      "(1 − h_{t,k}²)·δ_jk·h_{t−1,i}",
      lambda P: np.einsum("k,kj,i->kij", 1 - P["h"] ** 2, np.eye(P["n"]), P["hp"]), "the indices i and j swapped")
T.add("latex", "right", r"$\frac{\partial h_{t,k}}{\partial W_{ij}} = \operatorname{sech}^2(a_{t,k})\,\delta_{ik}\,h_{t-1,j}$",
      "inline, sech²", "sech²(a_{t,k})·δ_ik·h_{t−1,j}", lambda P: E3r(P, 1 / np.cosh(P["a"]) ** 2, P["hp"]))
T.add("latex", "wrong", r"$\frac{\partial h_{t,k}}{\partial W_{ij}} = (1-h_{t,k})^2\,\delta_{ik}\,h_{t-1,j}$", "inline",
      "(1 − h_{t,k})²·δ_ik·h_{t−1,j}", lambda P: E3r(P, (1 - P["h"]) ** 2, P["hp"]), "(1 − h)² for 1 − h² (power misplaced)")
T.add("latex", "right",
      r"$\frac{\partial h_{t,k}}{\partial W_{ij}} = \frac{\partial h_{t,k}}{\partial a_{t,k}}\frac{\partial a_{t,k}}{\partial W_{ij}} = (1-h_{t,k}^2)\,h_{t-1,j}\,\delta_{ki}$",
      "relation chain", "(1 − h_{t,k}²)·h_{t−1,j}·δ_ki", lambda P: E3r(P, 1 - P["h"] ** 2, P["hp"]))

# ============================================================================= conv1d_backward
def c1_sample(size, rng):
    N, K = size
    x, w, c = rng.normal(size=N), rng.normal(size=K), rng.normal(size=N - K + 1)
    y = np.array([sum(w[l] * x[k + l] for l in range(K)) for k in range(N - K + 1)])
    return dict(N=N, K=K, x=x, w=w, c=c, y=y, G=c + y ** 2)


def c1_L(P, x, w):
    N, K = len(x), len(w)
    y = np.array([sum(w[l] * x[k + l] for l in range(K)) for k in range(N - K + 1)])
    return np.sum(P["c"] * y + y ** 3 / 3)


def c1_dw_ref(P):  # Σ_{j=1}^{N-K+1} G_j x_{j+l-1}
    N, K = P["N"], P["K"]
    return np.array([sum(P["G"][j - 1] * P["x"][j + l - 2] for j in S(1, N - K + 1)) for l in S(1, K)])


def c1_dx_ref(P):  # Σ_{j=max(1,i-K+1)}^{min(i,N-K+1)} G_j w_{i-j+1}
    N, K = P["N"], P["K"]
    return np.array([sum(P["G"][j - 1] * P["w"][i - j] for j in S(max(1, i - K + 1), min(i, N - K + 1))) for i in S(1, N)])


C1_SIZES = [(5, 3), (4, 4), (7, 2)]
T = Target("conv1d_backward", "dL_dw", C1_SIZES, c1_sample, c1_dw_ref, lambda P: fd(lambda w: c1_L(P, P["x"], w), P["w"]))
Gi = lambda P, j: ix(P["G"], j)
xi = lambda P, j: ix(P["x"], j)
T.add("plain", "right", "∑_{j=1}^{N-K+1} ∂L/∂y_j · x_{j+l-1}", "unicode", "Σ_{j=1}^{N−K+1} G_j x_{j+l−1}", c1_dw_ref)
T.add("plain", "wrong", "∑_{j=1}^{N-K+1} x_{j+l-1}", "unicode", "Σ_j x_{j+l−1}",
      lambda P: tab((P["K"],), lambda l: sum(xi(P, j + l - 1) for j in S(1, P["N"] - P["K"] + 1))),
      "the upstream gradient ∂L/∂y_j is missing")
T.add("plain", "right", "sum_k dL/dy_k * x_{k+l-1}", "ascii, other summation index, no bounds",
      "Σ_k G_k x_{k+l−1}, k over y's range", c1_dw_ref)
T.add("converter", "right", r"\sum_{j=1}^{N-K+1} \frac{\partial L}{\partial y_{j}} x_{j+l-1}", "mathpix", "Σ_j G_j x_{j+l−1}", c1_dw_ref)
T.add("converter", "wrong", r"\sum_{j=1}^{N-K} \frac{\partial L}{\partial y_{j}} x_{j+l-1}", "mathpix",
      "Σ_{j=1}^{N−K} G_j x_{j+l−1}",
      lambda P: tab((P["K"],), lambda l: sum(Gi(P, j) * xi(P, j + l - 1) for j in S(1, P["N"] - P["K"]))),
      "the upper bound one short (N − K)")
T.add("converter", "wrong", r"\sum_{j=1}^{N-K+1} \frac{\partial L}{\partial y_{j}} x_{j+K-l}", "mathpix",
      "Σ_j G_j x_{j+K−l}",
      lambda P: tab((P["K"],), lambda l: sum(Gi(P, j) * xi(P, j + P["K"] - l) for j in S(1, P["N"] - P["K"] + 1))),
      "the kernel index flipped (convolution for the layer's cross-correlation)")
T.add("latex", "right",
      r"$\frac{\partial L}{\partial w_l} = \sum_{k=1}^{N-K+1} \frac{\partial L}{\partial y_k}\frac{\partial y_k}{\partial w_l} = \sum_{k=1}^{N-K+1}\frac{\partial L}{\partial y_k}\,x_{k+l-1}$",
      "relation chain", "Σ_k G_k x_{k+l−1}", c1_dw_ref)
T.add("latex", "wrong", r"$\frac{\partial L}{\partial w_l} = \frac{1}{N-K+1}\sum_{k=1}^{N-K+1}\frac{\partial L}{\partial y_k}x_{k+l-1}$", "inline",
      "(1/(N−K+1))Σ_k G_k x_{k+l−1}", lambda P: c1_dw_ref(P) / (P["N"] - P["K"] + 1), "an extra 1/(N − K + 1) (averaged over positions)")
T.add("latex", "right", r"$\frac{\partial L}{\partial w_l} = \sum_{k=l}^{N-K+l} \frac{\partial L}{\partial y_{k-l+1}}\, x_{k}$", "inline, shifted index",
      "Σ_{k=l}^{N−K+l} G_{k−l+1} x_k",
      lambda P: tab((P["K"],), lambda l: sum(Gi(P, k - l + 1) * xi(P, k) for k in S(l, P["N"] - P["K"] + l))))

# ---- dL_dx
T = Target("conv1d_backward", "dL_dx", C1_SIZES, c1_sample, c1_dx_ref, lambda P: fd(lambda x: c1_L(P, x, P["w"]), P["x"]))
wi = lambda P, l: ix(P["w"], l)
def c1_sum(P, lo, hi, f):
    return tab((P["N"],), lambda i: sum(f(i, j) for j in S(lo(i), hi(i))))
T.add("plain", "right", "∑_{j=max(1,i-K+1)}^{min(i,N-K+1)} ∂L/∂y_j · w_{i-j+1}", "unicode, max/min bounds",
      "Σ_{j=max(1,i−K+1)}^{min(i,N−K+1)} G_j w_{i−j+1}", c1_dx_ref)
T.add("plain", "wrong", "∑_{j=max(1,i-K+1)}^{min(i,N-K+1)} ∂L/∂y_j · w_{K+j-i}", "unicode",
      "Σ_j G_j w_{K+j−i}",
      lambda P: c1_sum(P, lambda i: max(1, i - P["K"] + 1), lambda i: min(i, P["N"] - P["K"] + 1), lambda i, j: Gi(P, j) * wi(P, P["K"] + j - i)),
      "the kernel not flipped (w_{K+j−i} for w_{i−j+1})")
T.add("plain", "wrong", "sum_{j=max(1,i-K+1)}^{min(i,N-K+1)} w_{i-j+1}", "ascii",
      "Σ_j w_{i−j+1}",
      lambda P: c1_sum(P, lambda i: max(1, i - P["K"] + 1), lambda i: min(i, P["N"] - P["K"] + 1), lambda i, j: wi(P, i - j + 1)),
      "the upstream gradient ∂L/∂y_j is missing")
T.add("converter", "right", r"\sum_{j=\max (1, i-K+1)}^{\min (i, N-K+1)} \frac{\partial L}{\partial y_{j}} w_{i-j+1}", "mathpix",
      "Σ_j G_j w_{i−j+1}", c1_dx_ref)
T.add("converter", "right", r"\sum_{l=\max (1, i-N+K)}^{\min (K, i)} w_{l} \frac{\partial L}{\partial y_{i-l+1}}", "mathpix, sum over the kernel",
      "Σ_{l=max(1,i−N+K)}^{min(K,i)} w_l G_{i−l+1}",
      lambda P: c1_sum(P, lambda i: max(1, i - P["N"] + P["K"]), lambda i: min(P["K"], i), lambda i, l: wi(P, l) * Gi(P, i - l + 1)))
T.add("converter", "wrong", r"\sum_{j=\max (1, i-K+1)}^{\min (i, N-K)} \frac{\partial L}{\partial y_{j}} w_{i-j+1}", "mathpix",
      "Σ_{j=max(1,i−K+1)}^{min(i,N−K)} G_j w_{i−j+1}",
      lambda P: c1_sum(P, lambda i: max(1, i - P["K"] + 1), lambda i: min(i, P["N"] - P["K"]), lambda i, j: Gi(P, j) * wi(P, i - j + 1)),
      "the upper bound one short (N − K for N − K + 1)")
T.add("latex", "right", r"$\frac{\partial L}{\partial x_i} = \sum_{k=\max(1,\,i-K+1)}^{\min(i,\,N-K+1)} w_{i-k+1}\,\frac{\partial L}{\partial y_k}$",
      "inline, index k", "Σ_k w_{i−k+1} G_k", c1_dx_ref)
T.add("latex", "wrong", r"$\frac{\partial L}{\partial x_i} = \sum_{k=\max(1,\,i-K+2)}^{\min(i,\,N-K+1)} w_{i-k+1}\,\frac{\partial L}{\partial y_k}$",
      "inline", "Σ_{k=max(1,i−K+2)}^{min(i,N−K+1)} w_{i−k+1} G_k",
      lambda P: c1_sum(P, lambda i: max(1, i - P["K"] + 2), lambda i: min(i, P["N"] - P["K"] + 1), lambda i, j: Gi(P, j) * wi(P, i - j + 1)),
      "the lower bound one too high (i − K + 2): the w_K term is lost")

# ============================================================================= momentum
TT = 12  # t = 0..12


def mom_sample(_, rng):
    return dict(mu=rng.uniform(0.1, 0.95), g=rng.normal() * 2, eta=rng.uniform(0.05, 1.0), th0=rng.normal())


def mom_sim(P):
    v, th, vs, ths = 0.0, P["th0"], [0.0], [P["th0"]]
    for _ in range(TT):
        v = P["mu"] * v + P["g"]
        th = th - P["eta"] * v
        vs.append(v)
        ths.append(th)
    return np.array(vs), np.array(ths)


tv = np.arange(0, TT + 1, dtype=float)
mom_v_ref = lambda P: P["g"] * (1 - P["mu"] ** tv) / (1 - P["mu"])
T = Target("momentum", "v_closed", [None, None], mom_sample, mom_v_ref, lambda P: mom_sim(P)[0])
T.add("plain", "right", "v_t = g(1 - mu^t)/(1 - mu)", "ascii", "g(1 − μᵗ)/(1 − μ)", mom_v_ref)
T.add("plain", "right", "g(1 + μ + μ² + ... + μ^(t-1))", "unicode, ellipsis", "g·Σ_{k=0}^{t−1} μ^k",
      lambda P: np.array([P["g"] * sum(P["mu"] ** k for k in range(int(t))) for t in tv]))
T.add("plain", "wrong", "g(1 - mu^(t+1))/(1 - mu)", "ascii", "g(1 − μ^{t+1})/(1 − μ)",
      lambda P: P["g"] * (1 - P["mu"] ** (tv + 1)) / (1 - P["mu"]), "the exponent one too high (t + 1)")
T.add("converter", "right", r"v_{t}=g \frac{1-\mu^{t}}{1-\mu}", "mathpix", "g(1 − μᵗ)/(1 − μ)", mom_v_ref)
T.add("converter", "wrong", r"v_{t}=\frac{g}{1-\mu}", "mathpix", "g/(1 − μ)",
      lambda P: P["g"] / (1 - P["mu"]) + 0 * tv, "the limit g/(1 − μ) given for every t (the μᵗ term dropped)")
T.add("converter", "wrong", r"v_{t}=g \frac{1-\mu^{t}}{1+\mu}", "mathpix", "g(1 − μᵗ)/(1 + μ)",
      lambda P: P["g"] * (1 - P["mu"] ** tv) / (1 + P["mu"]), "the sign in the denominator (1 + μ)")
T.add("latex", "right", r"$v_t = \sum_{k=0}^{t-1}\mu^k g = \frac{1-\mu^t}{1-\mu}\,g$", "relation chain, geometric sum",
      "Σ_{k=0}^{t−1} μ^k g = (1−μᵗ)g/(1−μ)", mom_v_ref)
T.add("latex", "wrong", r"$v_t = \mu^{t} g$", "inline", "μᵗ g", lambda P: P["mu"] ** tv * P["g"],
      "the sum of the geometric series replaced by its last factor")
T.add("latex", "right", r"$v_t = \frac{g}{1-\mu} - \frac{g\mu^t}{1-\mu}$ for $t \ge 0$", "prose: for t ≥ 0",
      "g/(1−μ) − gμᵗ/(1−μ)", lambda P: P["g"] / (1 - P["mu"]) - P["g"] * P["mu"] ** tv / (1 - P["mu"]))

# ---- theta_closed
def mom_th_ref(P):
    mu, g, eta = P["mu"], P["g"], P["eta"]
    return P["th0"] - eta * g * tv / (1 - mu) + eta * g * mu * (1 - mu ** tv) / (1 - mu) ** 2


T = Target("momentum", "theta_closed", [None, None], mom_sample, mom_th_ref, lambda P: mom_sim(P)[1])
T.add("plain", "right", "θ_t = θ_0 - η g t/(1-μ) + η g μ (1-μ^t)/(1-μ)^2", "unicode", "θ₀ − ηgt/(1−μ) + ηgμ(1−μᵗ)/(1−μ)²", mom_th_ref)
T.add("plain", "wrong", "θ_t = θ_0 - η g t/(1-μ)", "unicode", "θ₀ − ηgt/(1−μ)",
      lambda P: P["th0"] - P["eta"] * P["g"] * tv / (1 - P["mu"]), "the transient term ηgμ(1 − μᵗ)/(1 − μ)² is missing")
T.add("plain", "wrong", "θ_t = θ_0 - η g (t - μ(1-μ^t)/(1-μ))/(1-μ)^2", "unicode",
      "θ₀ − ηg(t − μ(1−μᵗ)/(1−μ))/(1−μ)²",
      lambda P: P["th0"] - P["eta"] * P["g"] * (tv - P["mu"] * (1 - P["mu"] ** tv) / (1 - P["mu"])) / (1 - P["mu"]) ** 2,
      "(1 − μ)² for (1 − μ) outside the bracket (wrong power)")
T.add("converter", "right", r"\theta_{t}=\theta_{0}-\frac{\eta g}{1-\mu} \sum_{s=1}^{t}\left(1-\mu^{s}\right)", "mathpix, as a sum",
      "θ₀ − (ηg/(1−μ))Σ_{s=1}^t(1 − μ^s)",
      lambda P: np.array([P["th0"] - P["eta"] * P["g"] / (1 - P["mu"]) * sum(1 - P["mu"] ** s for s in S(1, int(t))) for t in tv]))
T.add("converter", "right", r"\theta_{t}=\theta_{0}-\eta g \frac{t(1-\mu)-\mu\left(1-\mu^{t}\right)}{(1-\mu)^{2}}", "mathpix",
      "θ₀ − ηg(t(1−μ) − μ(1−μᵗ))/(1−μ)²",
      lambda P: P["th0"] - P["eta"] * P["g"] * (tv * (1 - P["mu"]) - P["mu"] * (1 - P["mu"] ** tv)) / (1 - P["mu"]) ** 2)
T.add("converter", "wrong", r"\theta_{t}=\theta_{0}-\eta g \frac{t(1-\mu)-\left(1-\mu^{t}\right)}{(1-\mu)^{2}}", "mathpix",
      "θ₀ − ηg(t(1−μ) − (1−μᵗ))/(1−μ)²",
      lambda P: P["th0"] - P["eta"] * P["g"] * (tv * (1 - P["mu"]) - (1 - P["mu"] ** tv)) / (1 - P["mu"]) ** 2,
      "a factor μ missing on the transient term")
T.add("latex", "right",
      r"$\theta_t = \theta_0 - \eta\sum_{s=1}^{t} v_s = \theta_0 - \frac{\eta g}{1-\mu}\Big(t - \frac{\mu(1-\mu^t)}{1-\mu}\Big)$",
      "relation chain", "θ₀ − (ηg/(1−μ))(t − μ(1−μᵗ)/(1−μ))", mom_th_ref)
T.add("latex", "wrong", r"$\theta_t = \theta_0 + \frac{\eta g}{1-\mu}\Big(t - \frac{\mu(1-\mu^t)}{1-\mu}\Big)$", "inline",
      "θ₀ + (ηg/(1−μ))(t − μ(1−μᵗ)/(1−μ))", lambda P: 2 * P["th0"] - mom_th_ref(P), "the sign of the step (ascent)")
T.add("latex", "wrong", r"$\theta_t = \theta_0 - \frac{\eta g}{1-\mu}\Big(t - \frac{\mu(1-\mu^{t-1})}{1-\mu}\Big)$", "inline",
      "θ₀ − (ηg/(1−μ))(t − μ(1−μ^{t−1})/(1−μ))",
      lambda P: P["th0"] - P["eta"] * P["g"] / (1 - P["mu"]) * (tv - P["mu"] * (1 - P["mu"] ** (tv - 1)) / (1 - P["mu"])),
      "an off-by-one exponent (μ^{t−1})")

# ============================================================================= logreg_l2
def lr2_sample(m, rng):
    w, x, b = rng.normal(size=m), rng.normal(size=m), rng.normal()
    y = float(rng.integers(0, 2))
    lam = rng.uniform(0.2, 2.0)
    s = w @ x + b
    return dict(m=m, w=w, x=x, b=b, y=y, lam=lam, s=s, p=sig(s))


def lr2_L(P, w):
    p = sig(w @ P["x"] + P["b"])
    return -P["y"] * np.log(p) - (1 - P["y"]) * np.log(1 - p) + P["lam"] / 2 * np.sum(w ** 2)


lr2_ref = lambda P: (P["p"] - P["y"]) * P["x"] + P["lam"] * P["w"]
T = Target("logreg_l2", "dL_dw_vec", [2, 3, 5], lr2_sample, lr2_ref, lambda P: fd(lambda w: lr2_L(P, w), P["w"]))
T.add("plain", "right", "(p - y) x + λ w", "unicode λ", "(p − y)x + λw", lr2_ref)
T.add("plain", "wrong", "(p - y) x + (λ/2) w", "unicode", "(p − y)x + (λ/2)w",
      lambda P: (P["p"] - P["y"]) * P["x"] + P["lam"] / 2 * P["w"], "λ/2 for λ (the 2 of w² not brought down)")
T.add("plain", "wrong", "(y - p)*x + lambda*w", "ascii", "(y − p)x + λw",
      lambda P: (P["y"] - P["p"]) * P["x"] + P["lam"] * P["w"], "the sign of the data term")
T.add("converter", "right", r"(\sigma(s)-y) \mathbf{x}+\lambda \mathbf{w}", "mathpix bold", "(σ(s) − y)x + λw", lr2_ref)
T.add("converter", "right", r"\left(\frac{1}{1+e^{-s}}-y\right) \mathbf{x}+\lambda \mathbf{w}", "mathpix, σ written out",
      "(1/(1+e^{−s}) − y)x + λw", lr2_ref)
T.add("converter", "wrong", r"(p-y) \mathbf{x}+2 \lambda \mathbf{w}", "mathpix", "(p − y)x + 2λw",
      lambda P: (P["p"] - P["y"]) * P["x"] + 2 * P["lam"] * P["w"], "2λ for λ (the 1/2 of the penalty ignored)")
T.add("latex", "right", r"$\nabla_w L = \lambda w + (p-y)\,x$", "inline, nabla", "λw + (p − y)x", lr2_ref)
T.add("latex", "wrong", r"$\frac{\partial L}{\partial w} = p(1-p)(p-y)\,x + \lambda w$", "inline",
      "p(1−p)(p − y)x + λw", lambda P: P["p"] * (1 - P["p"]) * (P["p"] - P["y"]) * P["x"] + P["lam"] * P["w"],
      "an extra σ′(s) = p(1 − p) (the cross-entropy's cancellation missed)")
T.add("latex", "wrong", r"$$\frac{\partial L}{\partial w} = (p-y)\,x$$", "display", "(p − y)x",
      lambda P: (P["p"] - P["y"]) * P["x"], "the regularizer's gradient λw is missing")

# ============================================================================= attention_softmax
def att_sample(size, rng):
    n, D = size
    q, K = rng.normal(size=D), rng.normal(size=(n, D))
    s = K @ q / np.sqrt(D)
    return dict(n=n, D=D, q=q, K=K, s=s, a=softmax(s))


def att_dq_ref(P):  # [j, d] = a_j (K_jd − Σ_l a_l K_ld)/√D
    a, K = P["a"], P["K"]
    return a[:, None] * (K - (a @ K)[None, :]) / np.sqrt(P["D"])


ATT_SIZES = [(3, 3), (4, 2), (2, 5)]
T = Target("attention_softmax", "da_dq", ATT_SIZES, att_sample, att_dq_ref,
           lambda P: fd(lambda q: softmax(P["K"] @ q / np.sqrt(P["D"])), P["q"]))
aj = lambda P, j: ix(P["a"], j)
Kjd = lambda P, j, dd: ix(P["K"], j, dd)
T.add("plain", "right", "a_j (K_jd − ∑_l a_l K_ld)/√D", "unicode", "a_j(K_jd − Σ_l a_l K_ld)/√D", att_dq_ref)
T.add("plain", "wrong", "a_j (K_jd − ∑_l a_l K_ld)", "unicode", "a_j(K_jd − Σ_l a_l K_ld)",
      lambda P: att_dq_ref(P) * np.sqrt(P["D"]), "the 1/√D scaling is missing")
T.add("plain", "wrong", "a_j*(1 - a_j)*K_jd/sqrt(D)", "ascii", "a_j(1 − a_j)K_jd/√D",
      lambda P: tab((P["n"], P["D"]), lambda j, dd: aj(P, j) * (1 - aj(P, j)) * Kjd(P, j, dd) / np.sqrt(P["D"])),
      "only the l = j term of the softmax Jacobian kept")
T.add("converter", "right", r"\frac{a_{j}}{\sqrt{D}}\left(K_{j d}-\sum_{l=1}^{n} a_{l} K_{l d}\right)", "mathpix",
      "a_j(K_jd − Σ_l a_l K_ld)/√D", att_dq_ref)
T.add("converter", "right", r"\frac{1}{\sqrt{D}} \sum_{i=1}^{n} a_{j}\left(\delta_{i j}-a_{i}\right) K_{i d}", "mathpix, chain as a sum",
      "(1/√D)Σ_i a_j(δ_ij − a_i)K_id",
      lambda P: tab((P["n"], P["D"]), lambda j, dd: sum(aj(P, j) * (d(i, j) - aj(P, i)) * Kjd(P, i, dd) for i in S(1, P["n"])) / np.sqrt(P["D"])))
T.add("converter", "wrong", r"\frac{a_{j}}{D}\left(K_{j d}-\sum_{l=1}^{n} a_{l} K_{l d}\right)", "mathpix",
      "a_j(K_jd − Σ_l a_l K_ld)/D", lambda P: att_dq_ref(P) / np.sqrt(P["D"]), "1/D for 1/√D")
T.add("latex", "right",
      r"$\frac{\partial a_j}{\partial q_d} = \sum_{i=1}^{n}\frac{\partial a_j}{\partial s_i}\frac{\partial s_i}{\partial q_d} = \frac{1}{\sqrt D}\Big(a_jK_{jd} - a_j\sum_{i=1}^{n}a_iK_{id}\Big)$",
      "relation chain", "(a_j K_jd − a_j Σ_i a_i K_id)/√D", att_dq_ref)
T.add("latex", "wrong", r"$\frac{\partial a_j}{\partial q_d} = \frac{1}{\sqrt D}\Big(a_jK_{jd} - \sum_{i=1}^{n}a_iK_{id}\Big)$", "inline",
      "(a_j K_jd − Σ_i a_i K_id)/√D",
      lambda P: (P["a"][:, None] * P["K"] - (P["a"] @ P["K"])[None, :]) / np.sqrt(P["D"]),
      "the factor a_j missing on the second term")
T.add("latex", "wrong", r"$\frac{\partial a_j}{\partial q_d} = \frac{a_j}{\sqrt D}\Big(K_{jd} - \sum_{i=1}^{n}a_iK_{di}\Big)$", "inline",
      "a_j(K_jd − Σ_i a_i K_di)/√D",
      lambda P: tab((P["n"], P["D"]), lambda j, dd: aj(P, j) * (Kjd(P, j, dd) - sum(aj(P, i) * Kjd(P, dd, i) for i in S(1, P["n"]))) / np.sqrt(P["D"])),
      "K_di for K_id (K transposed in the sum)")

# ---- da_ds_matrix
T = Target("attention_softmax", "da_ds_matrix", ATT_SIZES, att_sample,
           lambda P: diag(P["a"]) - np.outer(P["a"], P["a"]), lambda P: fd(softmax, P["s"]))
T.add("plain", "right", "diag(a) − a aᵀ", "unicode ᵀ", "diag(a) − aaᵀ", lambda P: diag(P["a"]) - np.outer(P["a"], P["a"]))
T.add("plain", "right", "diag(a)(I - 1 aᵀ)", "unicode, factored", "diag(a)(I − 𝟏aᵀ)",
      lambda P: diag(P["a"]) @ (np.eye(P["n"]) - np.outer(np.ones(P["n"]), P["a"])))
T.add("plain", "wrong", "I - a a^T", "ascii", "I − aaᵀ", lambda P: np.eye(P["n"]) - np.outer(P["a"], P["a"]),
      "δ_ij for δ_ij a_j (diag(a) replaced by I)")
T.add("converter", "right", r"\operatorname{diag}(\mathbf{a})-\mathbf{a} \mathbf{a}^{\top}", "mathpix bold",
      "diag(a) − aaᵀ", lambda P: diag(P["a"]) - np.outer(P["a"], P["a"]))
T.add("converter", "wrong", r"\operatorname{diag}(\mathbf{a})+\mathbf{a} \mathbf{a}^{\top}", "mathpix bold",
      "diag(a) + aaᵀ", lambda P: diag(P["a"]) + np.outer(P["a"], P["a"]), "the sign of the outer product")
T.add("converter", "wrong", r"\operatorname{diag}(\mathbf{a} \odot(\mathbf{1}-\mathbf{a}))", "mathpix bold",
      "diag(a⊙(1−a))", lambda P: diag(P["a"] * (1 - P["a"])), "only the diagonal: the off-diagonal −a_i a_j dropped")
T.add("latex", "right", r"$\left[\frac{\partial a}{\partial s}\right]_{ji} = a_j(\delta_{ij} - a_i)$", "entry of bracketed Jacobian",
      "entry (j,i) = a_j(δ_ij − a_i)", lambda P: tab((P["n"],) * 2, lambda j, i: aj(P, j) * (d(i, j) - aj(P, i))))
T.add("latex", "wrong", r"$\frac{\partial a}{\partial s} = \frac{1}{\sqrt{D}}\left(\operatorname{diag}(a) - a a^{\top}\right)$", "inline",
      "(diag(a) − aaᵀ)/√D", lambda P: (diag(P["a"]) - np.outer(P["a"], P["a"])) / np.sqrt(P["D"]),
      "an extra 1/√D (the factor of ∂s/∂q carried into ∂a/∂s)")
T.add("latex", "right", r"$\frac{\partial a}{\partial s} = (I - a\mathbf{1}^{\top})\operatorname{diag}(a)$", "inline, factored",
      "(I − a𝟏ᵀ)diag(a)", lambda P: (np.eye(P["n"]) - np.outer(P["a"], np.ones(P["n"]))) @ diag(P["a"]))

# ============================================================================= gelu_silu
def gelu_sample(_, rng):
    return dict(u=rng.uniform(-3, 3, size=7))


gelu_f = lambda u: u / 2 * (1 + erf(u / np.sqrt(2)))
gelu_ref = lambda P: 0.5 * (1 + erf(P["u"] / np.sqrt(2))) + P["u"] * np.exp(-P["u"] ** 2 / 2) / np.sqrt(2 * np.pi)
T = Target("gelu_silu", "dgelu_du", [None, None], gelu_sample, gelu_ref,
           lambda P: (gelu_f(P["u"] + 1e-6) - gelu_f(P["u"] - 1e-6)) / 2e-6)
T.add("plain", "right", "½(1 + erf(u/√2)) + u·exp(-u²/2)/√(2π)", "unicode ½ √ ²", "½(1+erf(u/√2)) + u e^{−u²/2}/√(2π)", gelu_ref)
T.add("plain", "wrong", "½(1 + erf(u/√2))", "unicode", "½(1+erf(u/√2)) = Φ(u)",
      lambda P: 0.5 * (1 + erf(P["u"] / np.sqrt(2))), "the product-rule term uΦ′(u) is missing")
T.add("plain", "wrong", "1/2*(1 + erf(u/sqrt(2))) + u*exp(-u^2)/sqrt(2*pi)", "ascii",
      "½(1+erf(u/√2)) + u e^{−u²}/√(2π)",
      lambda P: 0.5 * (1 + erf(P["u"] / np.sqrt(2))) + P["u"] * np.exp(-P["u"] ** 2) / np.sqrt(2 * np.pi),
      "e^{−u²} for e^{−u²/2} in the density")
T.add("converter", "right",
      r"\frac{1}{2}\left(1+\operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right)+\frac{u}{\sqrt{2 \pi}} e^{-\frac{u^{2}}{2}}",
      "mathpix", "½(1+erf(u/√2)) + u e^{−u²/2}/√(2π)", gelu_ref)
T.add("converter", "wrong",
      r"\frac{1}{2}\left(1+\operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right)+\frac{u}{\sqrt{\pi}} e^{-\frac{u^{2}}{2}}",
      "mathpix", "½(1+erf(u/√2)) + u e^{−u²/2}/√π",
      lambda P: 0.5 * (1 + erf(P["u"] / np.sqrt(2))) + P["u"] * np.exp(-P["u"] ** 2 / 2) / np.sqrt(np.pi),
      "1/√π for 1/√(2π) (a lost √2)")
T.add("converter", "right", r"\Phi(u)+u \varphi(u) \text { where } \varphi(u)=\frac{1}{\sqrt{2 \pi}} e^{-u^{2} / 2}",
      "mathpix, where-clause defining φ", "Φ(u) + uφ(u), φ the standard normal density", gelu_ref)
T.add("latex", "right", r"$\frac{d}{du}\mathrm{GELU}(u) = \Phi(u) + \frac{u}{\sqrt{2\pi}}e^{-u^2/2}$", "inline, Φ",
      "Φ(u) + u e^{−u²/2}/√(2π)", gelu_ref)
T.add("latex", "wrong", r"$\frac{d}{du}\mathrm{GELU}(u) = \Phi(u) + u\,\Phi(u)$", "inline",
      "Φ(u) + uΦ(u)", lambda P: (1 + P["u"]) * 0.5 * (1 + erf(P["u"] / np.sqrt(2))), "Φ′ taken as Φ (the density replaced by the CDF)")
T.add("latex", "wrong",
      r"$\frac{d}{du}\mathrm{GELU}(u) = \frac{1}{2}\left(1+\operatorname{erf}(u/\sqrt{2})\right) - \frac{u}{\sqrt{2\pi}}e^{-u^2/2}$", "inline",
      "½(1+erf(u/√2)) − u e^{−u²/2}/√(2π)",
      lambda P: 0.5 * (1 + erf(P["u"] / np.sqrt(2))) - P["u"] * np.exp(-P["u"] ** 2 / 2) / np.sqrt(2 * np.pi),
      "the sign of the product-rule term")

# ---- dy_dx_matrix (SiLU layer)
def silu_sample(n, rng):
    x = rng.normal(size=n) * 1.5
    return dict(n=n, x=x, s=sig(x))


silu_ref = lambda P: diag(P["s"] + P["x"] * P["s"] * (1 - P["s"]))
T = Target("gelu_silu", "dy_dx_matrix", [2, 3, 4], silu_sample, silu_ref, lambda P: fd(lambda x: x * sig(x), P["x"]))
T.add("plain", "right", "diag(σ(x) + x ⊙ σ(x) ⊙ (1 − σ(x)))", "unicode ⊙", "diag(σ(x) + x⊙σ(x)⊙(1−σ(x)))", silu_ref)
T.add("plain", "wrong", "diag(σ(x) ⊙ (1 − σ(x)))", "unicode", "diag(σ(x)⊙(1−σ(x)))",
      lambda P: diag(P["s"] * (1 - P["s"])), "SiLU differentiated as σ alone (the product rule missed)")
T.add("plain", "wrong", "diag(x ⊙ σ'(x))", "unicode", "diag(x⊙σ'(x))",
      lambda P: diag(P["x"] * P["s"] * (1 - P["s"])), "the σ(x) term of the product rule is missing")
T.add("converter", "right", r"\operatorname{diag}\left(\sigma(\mathbf{x})+\mathbf{x} \odot \sigma^{\prime}(\mathbf{x})\right)", "mathpix bold",
      "diag(σ(x) + x⊙σ'(x))", silu_ref)
T.add("converter", "right",
      r"\operatorname{diag}(\sigma(\mathbf{x}))\left(I+\operatorname{diag}(\mathbf{x})(I-\operatorname{diag}(\sigma(\mathbf{x})))\right)",
      "mathpix, product of diagonals", "diag(σ(x))·(I + diag(x)(I − diag(σ(x))))",
      lambda P: diag(P["s"]) @ (np.eye(P["n"]) + diag(P["x"]) @ (np.eye(P["n"]) - diag(P["s"]))))
T.add("converter", "wrong",
      r"\operatorname{diag}\left(\sigma(\mathbf{x})+\mathbf{x} \odot \sigma(\mathbf{x}) \odot(\mathbf{1}+\sigma(\mathbf{x}))\right)", "mathpix bold",
      "diag(σ(x) + x⊙σ(x)⊙(1+σ(x)))", lambda P: diag(P["s"] + P["x"] * P["s"] * (1 + P["s"])), "1 + σ for 1 − σ in σ′")
T.add("latex", "right", r"$\frac{\partial y}{\partial x} = \operatorname{diag}\big(\sigma(x)\odot(1 + x\odot(1-\sigma(x)))\big)$", "inline",
      "diag(σ(x)⊙(1 + x⊙(1−σ(x))))", silu_ref)
T.add("latex", "wrong", r"$\frac{\partial y}{\partial x} = \operatorname{diag}(\sigma(x)) + x\,\sigma'(x)^{\top}$", "inline",
      "diag(σ(x)) + x·σ'(x)ᵀ (an outer product)",
      lambda P: diag(P["s"]) + np.outer(P["x"], P["s"] * (1 - P["s"])), "an outer product where the term is diagonal")
T.add("latex", "right", r"$$\frac{\partial y}{\partial x} = \operatorname{diag}\Big(\frac{1 + e^{-x} + x e^{-x}}{(1+e^{-x})^2}\Big)$$",
      "display, exponentials", "diag((1 + e^{−x} + x e^{−x})/(1+e^{−x})²)",
      lambda P: diag((1 + np.exp(-P["x"]) + P["x"] * np.exp(-P["x"])) / (1 + np.exp(-P["x"])) ** 2))

# ============================================================================= rmsnorm
def rms_sample(n, rng):
    x, g, c = rng.normal(size=n), rng.normal(size=n), rng.normal(size=n)
    eps = rng.uniform(0.1, 1.0)
    r = np.sqrt(np.mean(x ** 2) + eps)
    y = g * x / r
    return dict(n=n, x=x, g=g, c=c, eps=eps, r=r, y=y, G=c + y ** 2)


def rms_y(P, x):
    return P["g"] * x / np.sqrt(np.mean(x ** 2) + P["eps"])


def rms_dL_ref(P):
    return P["g"] * P["G"] / P["r"] - P["x"] * np.sum(P["G"] * P["g"] * P["x"]) / (P["n"] * P["r"] ** 3)


RMS_SIZES = [2, 3, 5]
T = Target("rmsnorm", "dL_dx", RMS_SIZES, rms_sample, rms_dL_ref,
           lambda P: fd(lambda x: np.sum(P["c"] * rms_y(P, x) + rms_y(P, x) ** 3 / 3), P["x"]))
T.add("plain", "right", "g_i/r · ∂L/∂y_i − x_i/(n r³) ∑_j g_j x_j ∂L/∂y_j", "unicode", "g_iG_i/r − x_iΣ_j g_j x_j G_j/(nr³)", rms_dL_ref)
T.add("plain", "wrong", "g_i/r · ∂L/∂y_i", "unicode", "g_iG_i/r",
      lambda P: P["g"] * P["G"] / P["r"], "the path through r is missing")
T.add("plain", "wrong", "g_i/r · ∂L/∂y_i − x_i/(n r²) ∑_j g_j x_j ∂L/∂y_j", "unicode",
      "g_iG_i/r − x_iΣ_j g_j x_j G_j/(nr²)",
      lambda P: P["g"] * P["G"] / P["r"] - P["x"] * np.sum(P["G"] * P["g"] * P["x"]) / (P["n"] * P["r"] ** 2), "r² for r³ (wrong power)")
T.add("converter", "right",
      r"\frac{1}{r}\left(g_{i} \frac{\partial L}{\partial y_{i}}-\frac{x_{i}}{n r^{2}} \sum_{j=1}^{n} g_{j} x_{j} \frac{\partial L}{\partial y_{j}}\right)",
      "mathpix, 1/r factored", "(1/r)(g_iG_i − x_iΣ_j g_j x_j G_j/(nr²))", rms_dL_ref)
T.add("converter", "right",
      r"\frac{1}{r} \sum_{j=1}^{n}\left(\delta_{i j}-\frac{x_{i} x_{j}}{n r^{2}}\right) g_{j} \frac{\partial L}{\partial y_{j}}",
      "mathpix, Jacobian-vector form", "(1/r)Σ_j(δ_ij − x_i x_j/(nr²))g_j G_j",
      lambda P: tab((P["n"],), lambda i: sum((d(i, j) - ix(P["x"], i) * ix(P["x"], j) / (P["n"] * P["r"] ** 2)) * ix(P["g"], j) * ix(P["G"], j)
                                              for j in S(1, P["n"])) / P["r"]))
T.add("converter", "wrong",
      r"\frac{1}{r}\left(g_{i} \frac{\partial L}{\partial y_{i}}-\frac{x_{i}}{r^{2}} \sum_{j=1}^{n} g_{j} x_{j} \frac{\partial L}{\partial y_{j}}\right)",
      "mathpix", "(1/r)(g_iG_i − x_iΣ_j g_j x_j G_j/r²)",
      lambda P: P["g"] * P["G"] / P["r"] - P["x"] * np.sum(P["G"] * P["g"] * P["x"]) / P["r"] ** 3, "the 1/n of the mean square is lost")
T.add("latex", "right",
      r"$\frac{\partial L}{\partial x_i} = \frac{1}{r}\Big(g_i\frac{\partial L}{\partial y_i} - \frac{x_i}{n r}\sum_{j=1}^{n} y_j\frac{\partial L}{\partial y_j}\Big)$",
      "inline, uses the output y", "(1/r)(g_iG_i − x_iΣ_j y_j G_j/(nr))",
      lambda P: (P["g"] * P["G"] - P["x"] * np.sum(P["y"] * P["G"]) / (P["n"] * P["r"])) / P["r"])
T.add("latex", "wrong",
      r"$\frac{\partial L}{\partial x_i} = \frac{g_i}{r}\frac{\partial L}{\partial y_i} - \frac{x_i}{n r^3}\sum_{j=1}^{n} x_j\frac{\partial L}{\partial y_j}$",
      "inline", "g_iG_i/r − x_iΣ_j x_j G_j/(nr³)",
      lambda P: P["g"] * P["G"] / P["r"] - P["x"] * np.sum(P["G"] * P["x"]) / (P["n"] * P["r"] ** 3), "the gain g_j missing in the sum")
T.add("latex", "wrong",
      r"$\frac{\partial L}{\partial x_i} = \frac{g_i}{r}\frac{\partial L}{\partial y_i} + \frac{x_i}{n r^3}\sum_{j=1}^{n} g_j x_j\frac{\partial L}{\partial y_j}$",
      "inline", "g_iG_i/r + x_iΣ_j g_j x_j G_j/(nr³)",
      lambda P: P["g"] * P["G"] / P["r"] + P["x"] * np.sum(P["G"] * P["g"] * P["x"]) / (P["n"] * P["r"] ** 3), "the sign of the second term")

# ---- dy_dx [j, i]
rms_dy_ref = lambda P: P["g"][:, None] * (np.eye(P["n"]) / P["r"] - np.outer(P["x"], P["x"]) / (P["n"] * P["r"] ** 3))
T = Target("rmsnorm", "dy_dx", RMS_SIZES, rms_sample, rms_dy_ref, lambda P: fd(lambda x: rms_y(P, x), P["x"]))
xr = lambda P, i: ix(P["x"], i)
gr = lambda P, i: ix(P["g"], i)
T.add("plain", "right", "g_j (δ_ij/r − x_i x_j/(n r³))", "unicode", "g_j(δ_ij/r − x_i x_j/(nr³))", rms_dy_ref)
T.add("plain", "wrong", "g_j δ_ij / r", "unicode", "g_jδ_ij/r", lambda P: diag(P["g"]) / P["r"], "the dependence of r on x_i is missing")
T.add("plain", "right", "g_i/r - g_i x_i^2/(n r^3) if i = j, -g_j x_i x_j/(n r^3) otherwise", "cases in words",
      "g_i/r − g_i x_i²/(nr³) if i = j, else −g_j x_i x_j/(nr³)",
      lambda P: tab((P["n"],) * 2, lambda j, i: gr(P, i) / P["r"] - gr(P, i) * xr(P, i) ** 2 / (P["n"] * P["r"] ** 3) if i == j
                    else -gr(P, j) * xr(P, i) * xr(P, j) / (P["n"] * P["r"] ** 3)))
T.add("converter", "right", r"\frac{g_{j}}{r}\left(\delta_{i j}-\frac{x_{i} x_{j}}{n r^{2}}\right)", "mathpix",
      "(g_j/r)(δ_ij − x_i x_j/(nr²))", rms_dy_ref)
T.add("converter", "wrong", r"\frac{g_{i}}{r}\left(\delta_{i j}-\frac{x_{i} x_{j}}{n r^{2}}\right)", "mathpix",
      "(g_i/r)(δ_ij − x_i x_j/(nr²))",
      lambda P: P["g"][None, :] * (np.eye(P["n"]) / P["r"] - np.outer(P["x"], P["x"]) / (P["n"] * P["r"] ** 3)), "g_i for g_j (wrong index)")
T.add("converter", "wrong", r"\frac{g_{j}}{r}\left(\delta_{i j}-\frac{x_{i} x_{j}}{r^{2}}\right)", "mathpix",
      "(g_j/r)(δ_ij − x_i x_j/r²)",
      lambda P: P["g"][:, None] * (np.eye(P["n"]) / P["r"] - np.outer(P["x"], P["x"]) / P["r"] ** 3), "the 1/n is missing")
T.add("latex", "right", r"$\frac{\partial y_j}{\partial x_i} = \frac{g_j\delta_{ij}}{r} - \frac{g_j x_j x_i}{n\,r^{3}}$", "inline",
      "g_jδ_ij/r − g_j x_j x_i/(nr³)", rms_dy_ref)
T.add("latex", "wrong", r"$\frac{\partial y_j}{\partial x_i} = \frac{g_j\delta_{ij}}{r} - \frac{g_j x_j x_i}{n\,(r^2-\epsilon)^{3/2}}$", "inline",
      "g_jδ_ij/r − g_j x_j x_i/(n(r²−ε)^{3/2})",
      lambda P: P["g"][:, None] * (np.eye(P["n"]) / P["r"] - np.outer(P["x"], P["x"]) / (P["n"] * (P["r"] ** 2 - P["eps"]) ** 1.5)),
      "ε dropped from the root in the second term")
T.add("latex", "wrong", r"$\frac{\partial y_j}{\partial x_i} = \frac{g_j\delta_{ij}}{r} - \frac{2 g_j x_j x_i}{n\,r^{3}}$", "inline",
      "g_jδ_ij/r − 2g_j x_j x_i/(nr³)",
      lambda P: P["g"][:, None] * (np.eye(P["n"]) / P["r"] - 2 * np.outer(P["x"], P["x"]) / (P["n"] * P["r"] ** 3)),
      "an extra factor 2 (the 1/2 of the square root's derivative lost)")

# ============================================================================= layernorm
def ln_sample(n, rng):
    x, c = rng.normal(size=n) * 1.5, rng.normal(size=n)
    gam, bet, eps = rng.uniform(0.5, 2.0), rng.normal(), rng.uniform(0.1, 1.0)
    mu = x.mean()
    var = np.mean((x - mu) ** 2)
    s = np.sqrt(var + eps)
    xh = (x - mu) / s
    y = gam * xh + bet
    return dict(n=n, x=x, c=c, gam=gam, bet=bet, eps=eps, mu=mu, var=var, s=s, xh=xh, y=y, G=c + y ** 2)


def ln_L(P, x, gam=None):
    gam = P["gam"] if gam is None else gam
    xh = (x - x.mean()) / np.sqrt(np.mean((x - x.mean()) ** 2) + P["eps"])
    y = gam * xh + P["bet"]
    return np.sum(P["c"] * y + y ** 3 / 3)


ln_ref = lambda P: P["gam"] / P["s"] * (P["G"] - P["G"].mean() - P["xh"] * np.mean(P["G"] * P["xh"]))
LN_SIZES = [2, 3, 5]
T = Target("layernorm", "dL_dx_vec", LN_SIZES, ln_sample, ln_ref, lambda P: fd(lambda x: ln_L(P, x), P["x"]))
ones = lambda P: np.ones(P["n"])
T.add("plain", "right", "γ/√(σ²+ε) · (∂L/∂y − (1/n)(1ᵀ∂L/∂y) 1 − (1/n)(x̂ᵀ∂L/∂y) x̂)", "unicode, vectors",
      "γ/√(σ²+ε)·(G − (1/n)(𝟏ᵀG)𝟏 − (1/n)(x̂ᵀG)x̂)", ln_ref)
T.add("plain", "wrong", "γ/√(σ²+ε) · (∂L/∂y − (1/n)(1ᵀ∂L/∂y) 1)", "unicode",
      "γ/√(σ²+ε)·(G − mean(G)𝟏)", lambda P: P["gam"] / P["s"] * (P["G"] - P["G"].mean()), "the path through σ² is missing")
T.add("plain", "wrong", "γ/√(σ²+ε) · ∂L/∂y", "unicode", "γ/√(σ²+ε)·G",
      lambda P: P["gam"] / P["s"] * P["G"], "μ and σ² treated as constants (both paths missing)")
T.add("converter", "right",
      r"\frac{\gamma}{n \sqrt{\sigma^{2}+\epsilon}}\left(n \frac{\partial L}{\partial \mathbf{y}}-\mathbf{1} \mathbf{1}^{\top} \frac{\partial L}{\partial \mathbf{y}}-\hat{\mathbf{x}} \hat{\mathbf{x}}^{\top} \frac{\partial L}{\partial \mathbf{y}}\right)",
      "mathpix bold", "γ/(n√(σ²+ε))·(nG − 𝟏𝟏ᵀG − x̂x̂ᵀG)", ln_ref)
T.add("converter", "right",
      r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left(I-\frac{1}{n} \mathbf{1} \mathbf{1}^{\top}-\frac{1}{n} \hat{\mathbf{x}} \hat{\mathbf{x}}^{\top}\right) \frac{\partial L}{\partial \mathbf{y}}",
      "mathpix, projection matrix", "γ/√(σ²+ε)·(I − 𝟏𝟏ᵀ/n − x̂x̂ᵀ/n)·G",
      lambda P: P["gam"] / P["s"] * (np.eye(P["n"]) - np.outer(ones(P), ones(P)) / P["n"] - np.outer(P["xh"], P["xh"]) / P["n"]) @ P["G"])
T.add("converter", "wrong",
      r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left(I-\frac{1}{n} \mathbf{1} \mathbf{1}^{\top}+\frac{1}{n} \hat{\mathbf{x}} \hat{\mathbf{x}}^{\top}\right) \frac{\partial L}{\partial \mathbf{y}}",
      "mathpix", "γ/√(σ²+ε)·(I − 𝟏𝟏ᵀ/n + x̂x̂ᵀ/n)·G",
      lambda P: P["gam"] / P["s"] * (np.eye(P["n"]) - np.outer(ones(P), ones(P)) / P["n"] + np.outer(P["xh"], P["xh"]) / P["n"]) @ P["G"],
      "the sign of the x̂x̂ᵀ term")
T.add("latex", "right",
      r"$\frac{\partial L}{\partial x} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\Big(g - \frac{1}{n}\big(\mathbf{1}^\top g\big)\mathbf{1} - \frac{1}{n}\big(\hat x^\top g\big)\hat x\Big)$ where $g = \frac{\partial L}{\partial y}$",
      "where-clause naming the upstream gradient", "γ/√(σ²+ε)·(g − (𝟏ᵀg)𝟏/n − (x̂ᵀg)x̂/n), g = ∂L/∂y", ln_ref)
T.add("latex", "wrong",
      r"$\frac{\partial L}{\partial x} = \gamma\sqrt{\sigma^2+\epsilon}\,\Big(I - \frac{1}{n}\mathbf{1}\mathbf{1}^{\top} - \frac{1}{n}\hat x\hat x^{\top}\Big)\frac{\partial L}{\partial y}$",
      "inline", "γ√(σ²+ε)·(I − 𝟏𝟏ᵀ/n − x̂x̂ᵀ/n)·G", lambda P: ln_ref(P) * P["s"] ** 2,
      "multiplied by √(σ² + ε) instead of divided (wrong power)")
T.add("latex", "wrong",
      r"$\frac{\gamma}{\sqrt{\sigma^2}+\epsilon}\Big(I - \frac{1}{n}\mathbf{1}\mathbf{1}^{\top} - \frac{1}{n}\hat x\hat x^{\top}\Big)\frac{\partial L}{\partial y}$",
      "inline", "γ/(√σ² + ε)·(I − 𝟏𝟏ᵀ/n − x̂x̂ᵀ/n)·G", lambda P: ln_ref(P) * P["s"] / (np.sqrt(P["var"]) + P["eps"]),
      "ε outside the square root")

# ---- dL_dgamma
T = Target("layernorm", "dL_dgamma", LN_SIZES, ln_sample, lambda P: np.sum(P["xh"] * P["G"]),
           lambda P: (ln_L(P, P["x"], P["gam"] + 1e-6) - ln_L(P, P["x"], P["gam"] - 1e-6)) / 2e-6)
T.add("plain", "right", "∑_j x̂_j ∂L/∂y_j", "unicode", "Σ_j x̂_j G_j", lambda P: np.sum(P["xh"] * P["G"]))
T.add("plain", "wrong", "∑_j ∂L/∂y_j", "unicode", "Σ_j G_j", lambda P: np.sum(P["G"]), "∂L/∂β given (the factor x̂_j is missing)")
T.add("plain", "right", "x̂ᵀ ∂L/∂y", "unicode, inner product", "x̂ᵀG", lambda P: P["xh"] @ P["G"])
T.add("converter", "right", r"\sum_{j=1}^{n} \hat{x}_{j} \frac{\partial L}{\partial y_{j}}", "mathpix", "Σ_j x̂_j G_j",
      lambda P: np.sum(P["xh"] * P["G"]))
T.add("converter", "wrong", r"\sum_{j=1}^{n} x_{j} \frac{\partial L}{\partial y_{j}}", "mathpix", "Σ_j x_j G_j",
      lambda P: np.sum(P["x"] * P["G"]), "x_j for x̂_j (the raw input, not the normalized one)")
T.add("converter", "right", r"\sum_{j=1}^{n} \frac{x_{j}-\mu}{\sqrt{\sigma^{2}+\epsilon}} \frac{\partial L}{\partial y_{j}}", "mathpix, x̂ written out",
      "Σ_j (x_j − μ)/√(σ²+ε)·G_j", lambda P: np.sum((P["x"] - P["mu"]) / P["s"] * P["G"]))
T.add("latex", "right", r"$\frac{\partial L}{\partial \gamma} = \sum_{i=1}^{n}\frac{\partial L}{\partial y_i}\hat x_i$", "inline, index i",
      "Σ_i G_i x̂_i", lambda P: np.sum(P["xh"] * P["G"]))
T.add("latex", "wrong", r"$\frac{\partial L}{\partial \gamma} = \frac{1}{n}\sum_{i=1}^{n}\frac{\partial L}{\partial y_i}\hat x_i$", "inline",
      "(1/n)Σ_i G_i x̂_i", lambda P: np.mean(P["xh"] * P["G"]), "an extra 1/n")
T.add("latex", "wrong", r"$\frac{\partial L}{\partial \gamma} = \sum_{i=1}^{n}\frac{\partial L}{\partial y_i}(x_i-\mu)$", "inline",
      "Σ_i G_i(x_i − μ)", lambda P: np.sum((P["x"] - P["mu"]) * P["G"]), "the division by √(σ² + ε) is missing")

# ============================================================================= logreg_hessian
def lh_sample(size, rng):
    N, dd = size
    X, w = rng.normal(size=(N, dd)), rng.normal(size=dd) * 0.7
    y = rng.integers(0, 2, size=N).astype(float)
    p = sig(X @ w)
    return dict(N=N, d=dd, X=X, w=w, y=y, p=p)


def lh_L(P, w):
    p = sig(P["X"] @ w)
    return -np.sum(P["y"] * np.log(p) + (1 - P["y"]) * np.log(1 - p))


def hess_fd(f, w, h=1e-4):
    n = len(w)
    H = np.zeros((n, n))
    E = np.eye(n) * h
    for i in range(n):
        for j in range(n):
            H[i, j] = (f(w + E[i] + E[j]) - f(w + E[i] - E[j]) - f(w - E[i] + E[j]) + f(w - E[i] - E[j])) / (4 * h * h)
    return H


lh_H = lambda P: P["X"].T @ diag(P["p"] * (1 - P["p"])) @ P["X"]
LH_SIZES = [(3, 3), (4, 3), (5, 2)]
T = Target("logreg_hessian", "hess_matrix", LH_SIZES, lh_sample, lh_H, lambda P: hess_fd(lambda w: lh_L(P, w), P["w"]))
T.add("plain", "right", "Xᵀ diag(p ⊙ (1 − p)) X", "unicode", "Xᵀdiag(p⊙(1−p))X", lh_H)
T.add("plain", "wrong", "X diag(p(1-p)) Xᵀ", "unicode", "X·diag(p(1−p))·Xᵀ (N×N)",
      lambda P: P["X"] @ diag(P["p"] * (1 - P["p"])) @ P["X"].T, "the transposes on the wrong side (N×N, not d×d)")
T.add("plain", "wrong", "Xᵀ X", "unicode", "XᵀX", lambda P: P["X"].T @ P["X"], "the weights p(1 − p) are missing")
T.add("converter", "right", r"\mathbf{X}^{\top} \operatorname{diag}(\mathbf{p} \odot(\mathbf{1}-\mathbf{p})) \mathbf{X}", "mathpix bold",
      "Xᵀdiag(p⊙(1−p))X", lh_H)
T.add("converter", "right", r"\sum_{n=1}^{N} p_{n}\left(1-p_{n}\right) \mathbf{x}_{n} \mathbf{x}_{n}^{\top}", "mathpix, sum of outer products of the rows x_n",
      "Σ_n p_n(1−p_n)x_n x_nᵀ, x_n the rows of X",
      lambda P: sum(P["p"][k] * (1 - P["p"][k]) * np.outer(P["X"][k], P["X"][k]) for k in range(P["N"])))
T.add("converter", "wrong", r"\mathbf{X}^{\top} \operatorname{diag}(\mathbf{p}) \mathbf{X}", "mathpix bold",
      "Xᵀdiag(p)X", lambda P: P["X"].T @ diag(P["p"]) @ P["X"], "the factor (1 − p) of σ′ is missing")
T.add("latex", "right", r"$\left[\nabla^2_w L\right]_{ij} = \sum_{n=1}^{N} p_n(1-p_n)X_{ni}X_{nj}$", "entry of bracketed Hessian",
      "entry (i,j) = Σ_n p_n(1−p_n)X_ni X_nj", lh_H)
T.add("latex", "wrong", r"$\nabla_w^2 L = \frac{1}{N}X^{T}\operatorname{diag}\big(p(1-p)\big)X$", "inline",
      "(1/N)Xᵀdiag(p(1−p))X", lambda P: lh_H(P) / P["N"], "an extra 1/N (the loss is a sum, not a mean)")
T.add("latex", "wrong", r"$$\nabla_w^2 L = -X^{T}\operatorname{diag}\big(p(1-p)\big)X$$", "display",
      "−Xᵀdiag(p(1−p))X", lambda P: -lh_H(P), "the sign (the Hessian of the log-likelihood, not of L)")

# ---- dL_dw
lh_g = lambda P: P["X"].T @ (P["p"] - P["y"])
T = Target("logreg_hessian", "dL_dw", LH_SIZES, lh_sample, lh_g, lambda P: fd(lambda w: lh_L(P, w), P["w"]))
T.add("plain", "right", "∑_n (p_n − y_n) X_ni", "unicode", "Σ_n(p_n − y_n)X_ni", lh_g)
T.add("plain", "wrong", "∑_n (y_n − p_n) X_ni", "unicode", "Σ_n(y_n − p_n)X_ni", lambda P: -lh_g(P), "the sign flipped")
T.add("plain", "right", "(Xᵀ(p − y))_i", "unicode, entry of a product", "entry i of Xᵀ(p − y)", lh_g)
T.add("converter", "right", r"\sum_{n=1}^{N}\left(\sigma\left(s_{n}\right)-y_{n}\right) X_{n i}", "mathpix", "Σ_n(σ(s_n) − y_n)X_ni", lh_g)
T.add("converter", "wrong", r"\sum_{n=1}^{N} p_{n}\left(1-p_{n}\right)\left(p_{n}-y_{n}\right) X_{n i}", "mathpix",
      "Σ_n p_n(1−p_n)(p_n − y_n)X_ni", lambda P: P["X"].T @ (P["p"] * (1 - P["p"]) * (P["p"] - P["y"])),
      "an extra σ′(s_n) = p_n(1 − p_n)")
T.add("converter", "wrong", r"\sum_{n=1}^{N}\left(p_{n}-y_{n}\right) X_{i n}", "mathpix", "Σ_n(p_n − y_n)X_in",
      lambda P: tab((P["d"],), lambda i: sum((ix(P["p"], k) - ix(P["y"], k)) * ix(P["X"], i, k) for k in S(1, P["N"]))),
      "X_in for X_ni (X transposed)")
T.add("latex", "right", r"$\frac{\partial L}{\partial w_i} = \sum_{n=1}^{N} X_{ni}\,p_n - \sum_{n=1}^{N} X_{ni}\,y_n$", "inline, expanded",
      "Σ_n X_ni p_n − Σ_n X_ni y_n", lh_g)
T.add("latex", "wrong", r"$\frac{\partial L}{\partial w_i} = \frac{1}{N}\sum_{n=1}^{N}(p_n - y_n)X_{ni}$", "inline",
      "(1/N)Σ_n(p_n − y_n)X_ni", lambda P: lh_g(P) / P["N"], "an extra 1/N")
T.add("latex", "right", r"so $\frac{\partial L}{\partial w_i} = \sum_{m=1}^{N}(p_m-y_m)\,X_{mi}$", "prose, other summation index",
      "Σ_m(p_m − y_m)X_mi", lh_g)

# ============================================================================= gaussian_mle
def gm_sample(N, rng):
    return dict(N=N, x=rng.normal(size=N) * 2 + 1, mu=rng.normal(), var=rng.uniform(0.3, 3.0))


def gm_l(P, mu, var):
    return -P["N"] / 2 * np.log(2 * np.pi * var) - np.sum((P["x"] - mu) ** 2) / (2 * var)


gm_ref = lambda P: -P["N"] / (2 * P["var"]) + np.sum((P["x"] - P["mu"]) ** 2) / (2 * P["var"] ** 2)
T = Target("gaussian_mle", "dl_dvar", [3, 5, 8], gm_sample, gm_ref,
           lambda P: (gm_l(P, P["mu"], P["var"] + 1e-6) - gm_l(P, P["mu"], P["var"] - 1e-6)) / 2e-6)
SS = lambda P, c=None: np.sum((P["x"] - (P["mu"] if c is None else c)) ** 2)
T.add("plain", "right", "-N/(2σ²) + ∑_n (x_n − μ)²/(2σ⁴)", "unicode, σ⁴", "−N/(2σ²) + Σ_n(x_n − μ)²/(2σ⁴)", gm_ref)
T.add("plain", "wrong", "-N/(2σ²) + ∑_n (x_n − μ)²/(2σ²)", "unicode", "−N/(2σ²) + Σ_n(x_n − μ)²/(2σ²)",
      lambda P: -P["N"] / (2 * P["var"]) + SS(P) / (2 * P["var"]), "σ² for σ⁴ in the second term (wrong power)")
T.add("plain", "wrong", "-N/sigma + sum_n (x_n - mu)^2/sigma^3", "ascii", "−N/σ + Σ_n(x_n − μ)²/σ³ (σ = √σ²)",
      lambda P: -P["N"] / np.sqrt(P["var"]) + SS(P) / P["var"] ** 1.5, "the derivative taken by σ, not by σ²")
T.add("converter", "right", r"-\frac{N}{2 \sigma^{2}}+\frac{1}{2\left(\sigma^{2}\right)^{2}} \sum_{n=1}^{N}\left(x_{n}-\mu\right)^{2}", "mathpix",
      "−N/(2σ²) + Σ_n(x_n − μ)²/(2(σ²)²)", gm_ref)
T.add("converter", "right", r"\frac{1}{2 \sigma^{4}}\left(\sum_{n=1}^{N}\left(x_{n}-\mu\right)^{2}-N \sigma^{2}\right)", "mathpix, common denominator",
      "(Σ_n(x_n − μ)² − Nσ²)/(2σ⁴)", lambda P: (SS(P) - P["N"] * P["var"]) / (2 * P["var"] ** 2))
T.add("converter", "wrong", r"-\frac{N}{2 \sigma^{2}}-\frac{1}{2 \sigma^{4}} \sum_{n=1}^{N}\left(x_{n}-\mu\right)^{2}", "mathpix",
      "−N/(2σ²) − Σ_n(x_n − μ)²/(2σ⁴)", lambda P: -P["N"] / (2 * P["var"]) - SS(P) / (2 * P["var"] ** 2), "the sign of the second term")
T.add("latex", "right", r"$\frac{\partial \ell}{\partial \sigma^2} = \frac{\sum_{n=1}^{N}(x_n-\mu)^2 - N\sigma^2}{2(\sigma^2)^2}$", "inline",
      "(Σ_n(x_n − μ)² − Nσ²)/(2(σ²)²)", lambda P: (SS(P) - P["N"] * P["var"]) / (2 * P["var"] ** 2))
T.add("latex", "wrong", r"$\frac{\partial \ell}{\partial \sigma^2} = -\frac{N}{\sigma^2} + \frac{1}{2\sigma^4}\sum_{n=1}^{N}(x_n-\mu)^2$", "inline",
      "−N/σ² + Σ_n(x_n − μ)²/(2σ⁴)", lambda P: -P["N"] / P["var"] + SS(P) / (2 * P["var"] ** 2), "the 1/2 lost on the first term")
T.add("latex", "wrong", r"$\frac{\partial \ell}{\partial \sigma^2} = -\frac{N}{2\sigma^2} + \frac{1}{2\sigma^4}\sum_{n=1}^{N}(x_n-\hat\mu)^2$", "inline",
      "−N/(2σ²) + Σ_n(x_n − μ̂)²/(2σ⁴)", lambda P: -P["N"] / (2 * P["var"]) + SS(P, P["x"].mean()) / (2 * P["var"] ** 2),
      "μ̂ written for μ (the score is asked at any μ)")

# ============================================================================= ridge
def rd_sample(size, rng):
    N, dd = size
    X, w, y = rng.normal(size=(N, dd)), rng.normal(size=dd), rng.normal(size=N)
    lam = rng.uniform(0.3, 2.0)
    return dict(N=N, d=dd, X=X, w=w, y=y, lam=lam, r=X @ w - y)


def rd_L(P, w):
    return np.sum((P["X"] @ w - P["y"]) ** 2) + P["lam"] * np.sum(w ** 2)


rd_ref = lambda P: 2 * P["X"].T @ P["r"] + 2 * P["lam"] * P["w"]
RD_SIZES = [(3, 3), (5, 3), (4, 2)]
T = Target("ridge", "dL_dw_vec", RD_SIZES, rd_sample, rd_ref, lambda P: fd(lambda w: rd_L(P, w), P["w"]))
T.add("plain", "right", "2Xᵀ(Xw − y) + 2λw", "unicode", "2Xᵀ(Xw − y) + 2λw", rd_ref)
T.add("plain", "wrong", "2Xᵀ(Xw − y) + λw", "unicode", "2Xᵀ(Xw − y) + λw",
      lambda P: 2 * P["X"].T @ P["r"] + P["lam"] * P["w"], "λw for 2λw (a lost 2)")
T.add("plain", "right", "2(XᵀX + λI)w − 2Xᵀy", "unicode, expanded", "2(XᵀX + λI)w − 2Xᵀy",
      lambda P: 2 * (P["X"].T @ P["X"] + P["lam"] * np.eye(P["d"])) @ P["w"] - 2 * P["X"].T @ P["y"])
T.add("converter", "right", r"2 \mathbf{X}^{\top} \mathbf{r}+2 \lambda \mathbf{w}", "mathpix, residual r", "2Xᵀr + 2λw", rd_ref)
T.add("converter", "wrong", r"2 \mathbf{X}^{\top}(\mathbf{y}-\mathbf{X} \mathbf{w})+2 \lambda \mathbf{w}", "mathpix",
      "2Xᵀ(y − Xw) + 2λw", lambda P: -2 * P["X"].T @ P["r"] + 2 * P["lam"] * P["w"], "the sign of the data term")
T.add("converter", "wrong", r"\mathbf{X}^{\top}(\mathbf{X} \mathbf{w}-\mathbf{y})+\lambda \mathbf{w}", "mathpix",
      "Xᵀ(Xw − y) + λw", lambda P: rd_ref(P) / 2, "the factor 2 lost on both terms")
T.add("latex", "right", r"$\nabla L = 2\left(X^\top X w - X^\top y + \lambda w\right)$", "inline", "2(XᵀXw − Xᵀy + λw)", rd_ref)
T.add("latex", "wrong", r"$\nabla L = 2X^\top (Xw - y)$", "inline", "2Xᵀ(Xw − y)",
      lambda P: 2 * P["X"].T @ P["r"], "the regularizer's gradient 2λw is missing")
T.add("latex", "right",
      r"$\frac{\partial L}{\partial w_i} = 2\sum_{n=1}^{N} X_{ni}\Big(\sum_{l=1}^{d}X_{nl}w_l - y_n\Big) + 2\lambda w_i$",
      "index form for the vector", "2Σ_n X_ni(Σ_l X_nl w_l − y_n) + 2λw_i", rd_ref)

# ---- w_star
rd_ws = lambda P: np.linalg.solve(P["X"].T @ P["X"] + P["lam"] * np.eye(P["d"]), P["X"].T @ P["y"])


def rd_ws_check(P):  # least squares on the augmented system [X; √λ I] w = [y; 0], and ∇L(w*) = 0 by differences
    A = np.vstack([P["X"], np.sqrt(P["lam"]) * np.eye(P["d"])])
    b = np.concatenate([P["y"], np.zeros(P["d"])])
    w = np.linalg.lstsq(A, b, rcond=None)[0]
    assert np.max(np.abs(fd(lambda v: rd_L(P, v), w))) < 1e-6
    return w


T = Target("ridge", "w_star", RD_SIZES, rd_sample, rd_ws, rd_ws_check)
inv = np.linalg.inv
T.add("plain", "right", "(XᵀX + λI)⁻¹ Xᵀ y", "unicode ⁻¹", "(XᵀX + λI)⁻¹Xᵀy", rd_ws)
T.add("plain", "wrong", "(XᵀX + λI)⁻¹ X y", "unicode", "(XᵀX + λI)⁻¹Xy",
      lambda P: inv(P["X"].T @ P["X"] + P["lam"] * np.eye(P["d"])) @ P["X"] @ P["y"], "X for Xᵀ (defined only when N = d)")
T.add("plain", "wrong", "(X^T X)^(-1) X^T y", "ascii", "(XᵀX)⁻¹Xᵀy",
      lambda P: inv(P["X"].T @ P["X"]) @ P["X"].T @ P["y"], "λI missing (the least-squares solution)")
T.add("converter", "right", r"\left(\mathbf{X}^{\top} \mathbf{X}+\lambda \mathbf{I}\right)^{-1} \mathbf{X}^{\top} \mathbf{y}", "mathpix bold",
      "(XᵀX + λI)⁻¹Xᵀy", rd_ws)
T.add("converter", "right", r"\mathbf{X}^{\top}\left(\mathbf{X} \mathbf{X}^{\top}+\lambda \mathbf{I}\right)^{-1} \mathbf{y}", "mathpix, push-through (dual) form",
      "Xᵀ(XXᵀ + λI_N)⁻¹y", lambda P: P["X"].T @ inv(P["X"] @ P["X"].T + P["lam"] * np.eye(P["N"])) @ P["y"])
T.add("converter", "wrong", r"\left(\mathbf{X}^{\top} \mathbf{X}+2 \lambda \mathbf{I}\right)^{-1} \mathbf{X}^{\top} \mathbf{y}", "mathpix",
      "(XᵀX + 2λI)⁻¹Xᵀy", lambda P: inv(P["X"].T @ P["X"] + 2 * P["lam"] * np.eye(P["d"])) @ P["X"].T @ P["y"], "2λ for λ")
T.add("latex", "right", r"$w^* = \left(X^\top X + \lambda I_d\right)^{-1}X^\top y$", "inline, I_d", "(XᵀX + λI_d)⁻¹Xᵀy", rd_ws)
T.add("latex", "wrong", r"$w^* = \left(X^\top X + \lambda I\right)X^\top y$", "inline", "(XᵀX + λI)Xᵀy",
      lambda P: (P["X"].T @ P["X"] + P["lam"] * np.eye(P["d"])) @ P["X"].T @ P["y"], "the inverse is missing")
T.add("latex", "wrong", r"$$w^* = (X^\top X - \lambda I)^{-1}X^\top y$$", "display", "(XᵀX − λI)⁻¹Xᵀy",
      lambda P: inv(P["X"].T @ P["X"] - P["lam"] * np.eye(P["d"])) @ P["X"].T @ P["y"], "the sign of λ")

# ============================================================================= conv2d_backward
def c2_sample(size, rng):
    H, Wd, Pk, Q = size
    X, K = rng.normal(size=(H, Wd)), rng.normal(size=(Pk, Q))
    Y = c2_fwd(X, K)
    C = rng.normal(size=Y.shape)
    return dict(H=H, W=Wd, P=Pk, Q=Q, X=X, K=K, C=C, Y=Y, G=C + Y ** 2)


def c2_fwd(X, K):
    H, Wd = X.shape
    Pk, Q = K.shape
    return np.array([[np.sum(K * X[i:i + Pk, j:j + Q]) for j in range(Wd - Q + 1)] for i in range(H - Pk + 1)])


def c2_L(P, X, K):
    Y = c2_fwd(X, K)
    return np.sum(P["C"] * Y + Y ** 3 / 3)


def c2_dK_ref(P):
    oh, ow = P["H"] - P["P"] + 1, P["W"] - P["Q"] + 1
    return tab((P["P"], P["Q"]), lambda a, b: sum(P["G"][i - 1, j - 1] * P["X"][i + a - 2, j + b - 2] for i in S(1, oh) for j in S(1, ow)))


def c2_dX_ref(P):
    Hh, Wd, Pk, Q = P["H"], P["W"], P["P"], P["Q"]
    return tab((Hh, Wd), lambda u, v: sum(P["G"][i - 1, j - 1] * P["K"][u - i, v - j]
                                          for i in S(max(1, u - Pk + 1), min(u, Hh - Pk + 1))
                                          for j in S(max(1, v - Q + 1), min(v, Wd - Q + 1))))


C2_SIZES = [(4, 4, 2, 2), (5, 4, 3, 2), (3, 5, 2, 3)]
T = Target("conv2d_backward", "dL_dK", C2_SIZES, c2_sample, c2_dK_ref, lambda P: fd(lambda K: c2_L(P, P["X"], K), P["K"]))
GG = lambda P, i, j: ix(P["G"], i, j)
XX = lambda P, i, j: ix(P["X"], i, j)
def c2_sumK(P, f, di=0, dj=0):
    return tab((P["P"], P["Q"]), lambda a, b: sum(f(a, b, i, j) for i in S(1, P["H"] - P["P"] + 1 - di) for j in S(1, P["W"] - P["Q"] + 1 - dj)))
T.add("plain", "right", "∑_i ∑_j ∂L/∂Y_ij · X_{i+a-1,j+b-1}", "unicode", "Σ_iΣ_j G_ij X_{i+a−1,j+b−1}", c2_dK_ref)
T.add("plain", "wrong", "∑_i ∑_j X_{i+a-1,j+b-1}", "unicode", "Σ_iΣ_j X_{i+a−1,j+b−1}",
      lambda P: c2_sumK(P, lambda a, b, i, j: XX(P, i + a - 1, j + b - 1)), "the upstream gradient ∂L/∂Y_ij is missing")
T.add("plain", "wrong", "sum_i sum_j dL/dY_ij * X_{i+b-1,j+a-1}", "ascii", "Σ_iΣ_j G_ij X_{i+b−1,j+a−1}",
      lambda P: c2_sumK(P, lambda a, b, i, j: GG(P, i, j) * XX(P, i + b - 1, j + a - 1)), "the kernel indices a and b swapped")
T.add("converter", "right", r"\sum_{i=1}^{H-P+1} \sum_{j=1}^{W-Q+1} \frac{\partial L}{\partial Y_{i j}} X_{i+a-1, j+b-1}", "mathpix",
      "Σ_{i=1}^{H−P+1}Σ_{j=1}^{W−Q+1} G_ij X_{i+a−1,j+b−1}", c2_dK_ref)
T.add("converter", "right", r"\sum_{i, j} X_{a+i-1, b+j-1} \frac{\partial L}{\partial Y_{i j}}", "mathpix, double-index sum",
      "Σ_{i,j} X_{a+i−1,b+j−1} G_ij", c2_dK_ref)
T.add("converter", "wrong", r"\sum_{i=1}^{H-P} \sum_{j=1}^{W-Q} \frac{\partial L}{\partial Y_{i j}} X_{i+a-1, j+b-1}", "mathpix",
      "Σ_{i=1}^{H−P}Σ_{j=1}^{W−Q} G_ij X_{i+a−1,j+b−1}",
      lambda P: c2_sumK(P, lambda a, b, i, j: GG(P, i, j) * XX(P, i + a - 1, j + b - 1), 1, 1), "both upper bounds one short")
T.add("latex", "right",
      r"$\frac{\partial L}{\partial K_{ab}} = \sum_{i=1}^{H-P+1}\sum_{j=1}^{W-Q+1}\frac{\partial L}{\partial Y_{ij}}\frac{\partial Y_{ij}}{\partial K_{ab}} = \sum_{i,j}\frac{\partial L}{\partial Y_{ij}}X_{i+a-1,j+b-1}$",
      "relation chain", "Σ_{i,j} G_ij X_{i+a−1,j+b−1}", c2_dK_ref)
T.add("latex", "wrong", r"$\frac{\partial L}{\partial K_{ab}} = \sum_{i,j}\frac{\partial L}{\partial Y_{ij}}X_{i+P-a,\,j+Q-b}$", "inline",
      "Σ_{i,j} G_ij X_{i+P−a,j+Q−b}",
      lambda P: c2_sumK(P, lambda a, b, i, j: GG(P, i, j) * XX(P, i + P["P"] - a, j + P["Q"] - b)),
      "the kernel flipped (convolution for the layer's cross-correlation)")

# ---- dL_dX
T = Target("conv2d_backward", "dL_dX", C2_SIZES, c2_sample, c2_dX_ref, lambda P: fd(lambda X: c2_L(P, X, P["K"]), P["X"]))
KK = lambda P, a, b: ix(P["K"], a, b)
def c2_sumX(P, f, hi_cut=0):
    Hh, Wd, Pk, Q = P["H"], P["W"], P["P"], P["Q"]
    return tab((Hh, Wd), lambda u, v: sum(f(u, v, i, j) for i in S(max(1, u - Pk + 1), min(u, Hh - Pk + 1 - hi_cut))
                                          for j in S(max(1, v - Q + 1), min(v, Wd - Q + 1))))
def G0(P, i, j):  # ∂L/∂Y_ij, 0 outside the output (the student's stated convention)
    return P["G"][i - 1, j - 1] if (1 <= i <= P["G"].shape[0] and 1 <= j <= P["G"].shape[1]) else 0.0
T.add("plain", "right", "∑_{i=max(1,u-P+1)}^{min(u,H-P+1)} ∑_{j=max(1,v-Q+1)}^{min(v,W-Q+1)} ∂L/∂Y_ij · K_{u-i+1,v-j+1}", "unicode, max/min bounds",
      "Σ_iΣ_j G_ij K_{u−i+1,v−j+1} over the valid i, j", c2_dX_ref)
T.add("plain", "wrong", "∑_{i=max(1,u-P+1)}^{min(u,H-P+1)} ∑_{j=max(1,v-Q+1)}^{min(v,W-Q+1)} ∂L/∂Y_ij · K_{P+i-u,Q+j-v}", "unicode",
      "Σ_iΣ_j G_ij K_{P+i−u,Q+j−v}",
      lambda P: c2_sumX(P, lambda u, v, i, j: GG(P, i, j) * KK(P, P["P"] + i - u, P["Q"] + j - v)),
      "the kernel not flipped (K_{P+i−u,Q+j−v} for K_{u−i+1,v−j+1})")
T.add("plain", "right", "sum_{a=1}^{P} sum_{b=1}^{Q} K_ab * dL/dY_{u-a+1,v-b+1}, with dL/dY = 0 outside the output", "ascii, zero-padding convention",
      "Σ_aΣ_b K_ab G_{u−a+1,v−b+1} (G = 0 outside)",
      lambda P: tab((P["H"], P["W"]), lambda u, v: sum(KK(P, a, b) * G0(P, u - a + 1, v - b + 1) for a in S(1, P["P"]) for b in S(1, P["Q"]))))
T.add("converter", "right",
      r"\sum_{a=\max (1, u-H+P)}^{\min (P, u)} \sum_{b=\max (1, v-W+Q)}^{\min (Q, v)} K_{a b} \frac{\partial L}{\partial Y_{u-a+1, v-b+1}}",
      "mathpix, sum over the kernel", "Σ_aΣ_b K_ab G_{u−a+1,v−b+1} (valid a, b)",
      lambda P: tab((P["H"], P["W"]), lambda u, v: sum(KK(P, a, b) * GG(P, u - a + 1, v - b + 1)
                                                       for a in S(max(1, u - P["H"] + P["P"]), min(P["P"], u))
                                                       for b in S(max(1, v - P["W"] + P["Q"]), min(P["Q"], v)))))
T.add("converter", "wrong",
      r"\sum_{i=\max (1, u-P+1)}^{\min (u, H-P)} \sum_{j=\max (1, v-Q+1)}^{\min (v, W-Q+1)} \frac{\partial L}{\partial Y_{i j}} K_{u-i+1, v-j+1}",
      "mathpix", "Σ_{i ≤ min(u, H−P)}Σ_j G_ij K_{u−i+1,v−j+1}",
      lambda P: c2_sumX(P, lambda u, v, i, j: GG(P, i, j) * KK(P, u - i + 1, v - j + 1), hi_cut=1), "the upper bound of i one short (H − P)")
T.add("latex", "right",
      r"$\frac{\partial L}{\partial X_{uv}} = \sum_{i}\sum_{j}\frac{\partial L}{\partial Y_{ij}}\,K_{u-i+1,\,v-j+1}$ where the sum runs over $\max(1,u-P+1)\le i\le\min(u,H-P+1)$ and $\max(1,v-Q+1)\le j\le\min(v,W-Q+1)$",
      "prose giving the ranges", "Σ_iΣ_j G_ij K_{u−i+1,v−j+1} over the stated ranges", c2_dX_ref)
T.add("latex", "wrong",
      r"$\frac{\partial L}{\partial X_{uv}} = \sum_{i=\max(1,u-P+1)}^{\min(u,H-P+1)}\sum_{j=\max(1,v-Q+1)}^{\min(v,W-Q+1)}\frac{\partial L}{\partial Y_{ij}}K_{u-i+1,\,v-j+1}\,X_{uv}$",
      "inline", "X_uv·Σ_iΣ_j G_ij K_{u−i+1,v−j+1}", lambda P: c2_dX_ref(P) * P["X"], "a spurious factor X_uv")
T.add("latex", "right",
      r"$\frac{\partial L}{\partial X_{uv}} = \sum_{i=1}^{H-P+1}\sum_{j=1}^{W-Q+1}\frac{\partial L}{\partial Y_{ij}}\,K_{u-i+1,v-j+1}$, with $K_{ab} = 0$ unless $1\le a\le P$, $1\le b\le Q$",
      "zero-extended kernel convention", "Σ over all outputs of G_ij K_{u−i+1,v−j+1}, K = 0 outside its support",
      lambda P: tab((P["H"], P["W"]), lambda u, v: sum(GG(P, i, j) * (P["K"][u - i, v - j] if (1 <= u - i + 1 <= P["P"] and 1 <= v - j + 1 <= P["Q"]) else 0.0)
                                                       for i in S(1, P["H"] - P["P"] + 1) for j in S(1, P["W"] - P["Q"] + 1))))

# ============================================================================= lstm_cell
def lstm_fwd(P, hp, cp):
    f = sig(P["Wf"] @ hp + P["Uf"] @ P["x"] + P["bf"])
    i = sig(P["Wi"] @ hp + P["Ui"] @ P["x"] + P["bi"])
    o = sig(P["Wo"] @ hp + P["Uo"] @ P["x"] + P["bo"])
    g = np.tanh(P["Wg"] @ hp + P["Ug"] @ P["x"] + P["bg"])
    c = f * cp + i * g
    return f, i, o, g, c, o * np.tanh(c)


def lstm_sample(size, rng):
    n, m = size
    P = dict(n=n, m=m, x=rng.normal(size=m), hp=rng.uniform(-1, 1, size=n), cp=rng.normal(size=n))
    for gname in "fiog":
        P["W" + gname] = rng.normal(size=(n, n)) * 0.8
        P["U" + gname] = rng.normal(size=(n, m)) * 0.8
        P["b" + gname] = rng.normal(size=n) * 0.5
    P["f"], P["i"], P["o"], P["g"], P["c"], P["h"] = lstm_fwd(P, P["hp"], P["cp"])
    P["T"] = np.tanh(P["c"])
    return P


LSTM_SIZES = [(3, 2), (2, 2), (4, 3)]
lstm_dcp = lambda P: diag(P["o"] * (1 - P["T"] ** 2) * P["f"])
T = Target("lstm_cell", "dh_dcprev_matrix", LSTM_SIZES, lstm_sample, lstm_dcp,
           lambda P: fd(lambda cp: lstm_fwd(P, P["hp"], cp)[5], P["cp"]))
T.add("plain", "right", "diag(o_t ⊙ (1 − tanh²(c_t)) ⊙ f_t)", "unicode", "diag(o_t⊙(1−tanh²c_t)⊙f_t)", lstm_dcp)
T.add("plain", "wrong", "diag(o_t ⊙ (1 − tanh²(c_t)))", "unicode", "diag(o_t⊙(1−tanh²c_t))",
      lambda P: diag(P["o"] * (1 - P["T"] ** 2)), "the chain factor ∂c_t/∂c_{t−1} = diag(f_t) is missing")
T.add("plain", "wrong", "diag(f_t)", "unicode", "diag(f_t)", lambda P: diag(P["f"]),
      "only ∂c_t/∂c_{t−1}: the factor ∂h_t/∂c_t is missing")
T.add("converter", "right", r"\operatorname{diag}\left(\mathbf{o}_{t} \odot\left(1-\tanh ^{2}\left(\mathbf{c}_{t}\right)\right) \odot \mathbf{f}_{t}\right)",
      "mathpix bold", "diag(o_t⊙(1−tanh²c_t)⊙f_t)", lstm_dcp)
T.add("converter", "right",
      r"\operatorname{diag}\left(\mathbf{o}_{t} \odot\left(1-\tanh ^{2}\left(\mathbf{c}_{t}\right)\right)\right) \operatorname{diag}\left(\mathbf{f}_{t}\right)",
      "mathpix, product of diagonals", "diag(o_t⊙(1−tanh²c_t))·diag(f_t)", lambda P: diag(P["o"] * (1 - P["T"] ** 2)) @ diag(P["f"]))
T.add("converter", "wrong",
      r"\operatorname{diag}\left(\mathbf{o}_{t} \odot\left(1-\tanh ^{2}\left(\mathbf{c}_{t-1}\right)\right) \odot \mathbf{f}_{t}\right)",
      "mathpix bold", "diag(o_t⊙(1−tanh²c_{t−1})⊙f_t)", lambda P: diag(P["o"] * (1 - np.tanh(P["cp"]) ** 2) * P["f"]),
      "tanh′ at c_{t−1} instead of c_t (wrong time index)")
T.add("latex", "right",
      r"$\frac{\partial h_t}{\partial c_{t-1}} = \frac{\partial h_t}{\partial c_t}\frac{\partial c_t}{\partial c_{t-1}} = \operatorname{diag}\big(o_t\odot(1-\tanh^2(c_t))\big)\operatorname{diag}(f_t)$",
      "relation chain", "diag(o_t⊙(1−tanh²c_t))·diag(f_t)", lstm_dcp)
T.add("latex", "wrong", r"$\frac{\partial h_t}{\partial c_{t-1}} = \operatorname{diag}\big(o_t\odot(1-\tanh(c_t))^{2}\odot f_t\big)$", "inline",
      "diag(o_t⊙(1−tanh c_t)²⊙f_t)", lambda P: diag(P["o"] * (1 - P["T"]) ** 2 * P["f"]), "(1 − tanh)² for 1 − tanh² (power misplaced)")
T.add("latex", "wrong", r"$$\frac{\partial h_t}{\partial c_{t-1}} = \operatorname{diag}\big(\tanh'(c_t)\odot f_t\big)$$", "display, tanh′",
      "diag(tanh′(c_t)⊙f_t)", lambda P: diag((1 - P["T"] ** 2) * P["f"]), "the output gate o_t is missing")

# ---- dh_dhprev [k, i]
def lstm_J(P, drop=None):
    o, T_, f, i_, g, cp = P["o"], P["T"], P["f"], P["i"], P["g"], P["cp"]
    D = 1 - T_ ** 2
    terms = dict(
        o=(T_ * o * (1 - o))[:, None] * P["Wo"],
        f=(o * D * cp * f * (1 - f))[:, None] * P["Wf"],
        i=(o * D * g * i_ * (1 - i_))[:, None] * P["Wi"],
        g=(o * D * i_ * (1 - g ** 2))[:, None] * P["Wg"],
    )
    return sum(v for k, v in terms.items() if k != drop)


T = Target("lstm_cell", "dh_dhprev", LSTM_SIZES, lstm_sample, lstm_J, lambda P: fd(lambda hp: lstm_fwd(P, hp, P["cp"])[5], P["hp"]))
T.add("plain", "right",
      "o_{t,k}(1-o_{t,k}) tanh(c_{t,k}) (W_o)_{ki} + o_{t,k}(1 - tanh²(c_{t,k}))(c_{t-1,k} f_{t,k}(1-f_{t,k}) (W_f)_{ki} + g_{t,k} i_{t,k}(1-i_{t,k}) (W_i)_{ki} + i_{t,k}(1-g_{t,k}²) (W_g)_{ki})",
      "unicode + ascii, four gate paths", "o path + o_k tanh′(c_k)(f, i, g paths)", lstm_J)
T.add("plain", "wrong",
      "o_{t,k}(1 - tanh²(c_{t,k}))(c_{t-1,k} f_{t,k}(1-f_{t,k}) (W_f)_{ki} + g_{t,k} i_{t,k}(1-i_{t,k}) (W_i)_{ki} + i_{t,k}(1-g_{t,k}²) (W_g)_{ki})",
      "unicode + ascii", "only the paths through c_t", lambda P: lstm_J(P, drop="o"),
      "the path through the output gate o_t is missing")
T.add("converter", "right",
      r"o_{t, k}\left(1-o_{t, k}\right) \tanh \left(c_{t, k}\right)\left(W_{o}\right)_{k i}+o_{t, k}\left(1-\tanh ^{2}\left(c_{t, k}\right)\right)\left[c_{t-1, k} f_{t, k}\left(1-f_{t, k}\right)\left(W_{f}\right)_{k i}+g_{t, k} i_{t, k}\left(1-i_{t, k}\right)\left(W_{i}\right)_{k i}+i_{t, k}\left(1-g_{t, k}^{2}\right)\left(W_{g}\right)_{k i}\right]",
      "mathpix, square brackets", "o path + o_k tanh′(c_k)[f, i, g paths]", lstm_J)
T.add("converter", "wrong",
      r"o_{t, k}\left(1-o_{t, k}\right) \tanh \left(c_{t, k}\right)\left(W_{o}\right)_{k i}+o_{t, k}\left(1-\tanh ^{2}\left(c_{t, k}\right)\right)\left[c_{t-1, k} f_{t, k}\left(W_{f}\right)_{k i}+g_{t, k} i_{t, k}\left(1-i_{t, k}\right)\left(W_{i}\right)_{k i}+i_{t, k}\left(1-g_{t, k}^{2}\right)\left(W_{g}\right)_{k i}\right]",
      "mathpix", "as right but the forget path uses f_k for f_k(1−f_k)",
      lambda P: lstm_J(P, drop="f") + (P["o"] * (1 - P["T"] ** 2) * P["cp"] * P["f"])[:, None] * P["Wf"],
      "σ for σ′ in the forget-gate path (f_k for f_k(1 − f_k))")
T.add("latex", "right",
      r"$\frac{\partial h_{t,k}}{\partial h_{t-1,i}} = \tanh(c_{t,k})\,o_{t,k}(1-o_{t,k})\,(W_o)_{ki} + o_{t,k}\,\operatorname{sech}^2(c_{t,k})\Big(c_{t-1,k}\,f_{t,k}(1-f_{t,k})(W_f)_{ki} + g_{t,k}\,i_{t,k}(1-i_{t,k})(W_i)_{ki} + i_{t,k}(1-g_{t,k}^2)(W_g)_{ki}\Big)$",
      "inline, sech²", "o path + o_k sech²(c_k)(f, i, g paths)", lstm_J)
T.add("latex", "wrong",
      r"$\frac{\partial h_{t,k}}{\partial h_{t-1,i}} = \tanh(c_{t,k})\,o_{t,k}(1-o_{t,k})(W_o)_{ki} + o_{t,k}\Big(c_{t-1,k}f_{t,k}(1-f_{t,k})(W_f)_{ki} + g_{t,k}i_{t,k}(1-i_{t,k})(W_i)_{ki} + i_{t,k}(1-g_{t,k}^2)(W_g)_{ki}\Big)$",
      "inline", "as right but without tanh′(c_k) on the cell paths",
      lambda P: lstm_J(P, drop="o") / (1 - P["T"] ** 2)[:, None] + lstm_J(P) - lstm_J(P, drop="o"),
      "the factor tanh′(c_t) = 1 − tanh²(c_t) is missing on the paths through c_t")
T.add("latex", "wrong",
      r"$\frac{\partial h_{t,k}}{\partial h_{t-1,i}} = \tanh(c_{t,k})\,o_{t,k}(1-o_{t,k})(W_o)_{ik} + o_{t,k}(1-\tanh^2 c_{t,k})\Big(c_{t-1,k}f_{t,k}(1-f_{t,k})(W_f)_{ik} + g_{t,k}i_{t,k}(1-i_{t,k})(W_i)_{ik} + i_{t,k}(1-g_{t,k}^2)(W_g)_{ik}\Big)$",
      "inline", "as right with every W transposed (W_ik)",
      lambda P: lstm_J(dict(P, Wo=P["Wo"].T, Wf=P["Wf"].T, Wi=P["Wi"].T, Wg=P["Wg"].T)),
      "the recurrent weights indexed W_ik for W_ki (transposed)")

# ============================================================================= gru_cell
def gru_fwd(P, hp, z=None):
    zz = sig(P["Wz"] @ P["x"] + P["Uz"] @ hp) if z is None else z
    r = sig(P["Wr"] @ P["x"] + P["Ur"] @ hp)
    ht = np.tanh(P["Wh"] @ P["x"] + P["Uh"] @ (r * hp))
    return zz, r, ht, (1 - zz) * hp + zz * ht


def gru_sample(size, rng):
    n, m = size
    P = dict(n=n, m=m, x=rng.normal(size=m), hp=rng.uniform(-1, 1, size=n))
    for gname in "zrh":
        P["W" + gname] = rng.normal(size=(n, m)) * 0.8
        P["U" + gname] = rng.normal(size=(n, n)) * 0.8
    P["z"], P["r"], P["ht"], P["h"] = gru_fwd(P, P["hp"])
    return P


def gru_J(P, Uz=None, Uh=None, sign_z=1.0, reset=True, direct=True, hpow=2, order=False):
    z, r, ht, hp = P["z"], P["r"], P["ht"], P["hp"]
    Uz = P["Uz"] if Uz is None else Uz
    Uh = P["Uh"] if Uh is None else Uh
    inner = diag(r) + (diag(hp * r * (1 - r)) @ P["Ur"] if reset else 0)
    tanhp = 1 - ht ** 2 if hpow == 2 else (1 - ht) ** 2
    mid = diag(z * tanhp) @ (inner @ Uh if order else Uh @ inner)
    J = diag(sign_z * (ht - hp) * z * (1 - z)) @ Uz + mid
    return J + (diag(1 - z) if direct else 0)


GRU_SIZES = [(3, 2), (2, 3), (4, 4)]
T = Target("gru_cell", "dh_dhprev_matrix", GRU_SIZES, gru_sample, gru_J, lambda P: fd(lambda hp: gru_fwd(P, hp)[3], P["hp"]))
T.add("plain", "right",
      "diag(1 − z_t) + diag((h̃_t − h_{t-1}) ⊙ z_t ⊙ (1 − z_t)) U_z + diag(z_t ⊙ (1 − h̃_t²)) U_h (diag(r_t) + diag(h_{t-1} ⊙ r_t ⊙ (1 − r_t)) U_r)",
      "unicode, three paths", "diag(1−z) + diag((h̃−h_{t−1})⊙z⊙(1−z))U_z + diag(z⊙(1−h̃²))U_h(diag(r) + diag(h_{t−1}⊙r⊙(1−r))U_r)", gru_J)
T.add("plain", "wrong",
      "diag((h̃_t − h_{t-1}) ⊙ z_t ⊙ (1 − z_t)) U_z + diag(z_t ⊙ (1 − h̃_t²)) U_h (diag(r_t) + diag(h_{t-1} ⊙ r_t ⊙ (1 − r_t)) U_r)",
      "unicode", "the gate paths only", lambda P: gru_J(P, direct=False), "the direct term diag(1 − z_t) is missing")
T.add("plain", "wrong",
      "diag(1 − z_t) + diag((h̃_t − h_{t-1}) ⊙ z_t ⊙ (1 − z_t)) U_z + diag(z_t ⊙ (1 − h̃_t²)) U_h diag(r_t)",
      "unicode", "without the reset-gate path", lambda P: gru_J(P, reset=False), "the path through the reset gate r_t is missing")
T.add("converter", "right",
      r"\operatorname{diag}\left(1-\mathbf{z}_{t}\right)+\operatorname{diag}\left(\left(\tilde{\mathbf{h}}_{t}-\mathbf{h}_{t-1}\right) \odot \mathbf{z}_{t} \odot\left(1-\mathbf{z}_{t}\right)\right) \mathbf{U}_{z}+\operatorname{diag}\left(\mathbf{z}_{t} \odot\left(1-\tilde{\mathbf{h}}_{t}^{2}\right)\right) \mathbf{U}_{h}\left(\operatorname{diag}\left(\mathbf{r}_{t}\right)+\operatorname{diag}\left(\mathbf{h}_{t-1} \odot \mathbf{r}_{t} \odot\left(1-\mathbf{r}_{t}\right)\right) \mathbf{U}_{r}\right)",
      "mathpix bold", "the three paths, as the statement", gru_J)
T.add("converter", "wrong",
      r"\operatorname{diag}\left(1-\mathbf{z}_{t}\right)+\operatorname{diag}\left(\left(\mathbf{h}_{t-1}-\tilde{\mathbf{h}}_{t}\right) \odot \mathbf{z}_{t} \odot\left(1-\mathbf{z}_{t}\right)\right) \mathbf{U}_{z}+\operatorname{diag}\left(\mathbf{z}_{t} \odot\left(1-\tilde{\mathbf{h}}_{t}^{2}\right)\right) \mathbf{U}_{h}\left(\operatorname{diag}\left(\mathbf{r}_{t}\right)+\operatorname{diag}\left(\mathbf{h}_{t-1} \odot \mathbf{r}_{t} \odot\left(1-\mathbf{r}_{t}\right)\right) \mathbf{U}_{r}\right)",
      "mathpix bold", "update-gate term with h_{t−1} − h̃_t", lambda P: gru_J(P, sign_z=-1.0), "the sign of the update-gate term")
T.add("converter", "wrong",
      r"\operatorname{diag}\left(1-\mathbf{z}_{t}\right)+\operatorname{diag}\left(\left(\tilde{\mathbf{h}}_{t}-\mathbf{h}_{t-1}\right) \odot \mathbf{z}_{t} \odot\left(1-\mathbf{z}_{t}\right)\right) \mathbf{U}_{z}+\operatorname{diag}\left(\mathbf{z}_{t} \odot\left(1-\tilde{\mathbf{h}}_{t}^{2}\right)\right)\left(\operatorname{diag}\left(\mathbf{r}_{t}\right)+\operatorname{diag}\left(\mathbf{h}_{t-1} \odot \mathbf{r}_{t} \odot\left(1-\mathbf{r}_{t}\right)\right) \mathbf{U}_{r}\right) \mathbf{U}_{h}",
      "mathpix bold", "U_h after the reset bracket", lambda P: gru_J(P, order=True), "the wrong order of U_h and the reset-gate bracket")
T.add("latex", "right",
      r"$\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(1-z_t) + \operatorname{diag}\big(z_t\odot(1-z_t)\odot(\tilde h_t - h_{t-1})\big)U_z + \operatorname{diag}\big(z_t\odot(1-\tilde h_t^2)\big)U_h\operatorname{diag}(r_t) + \operatorname{diag}\big(z_t\odot(1-\tilde h_t^2)\big)U_h\operatorname{diag}\big(r_t\odot(1-r_t)\odot h_{t-1}\big)U_r$",
      "inline, expanded into four terms", "diag(1−z) + … + diag(z⊙(1−h̃²))U_h diag(r) + diag(z⊙(1−h̃²))U_h diag(r⊙(1−r)⊙h_{t−1})U_r", gru_J)
T.add("latex", "wrong",
      r"$\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(1-z_t) + \operatorname{diag}\big(z_t\odot(1-z_t)\odot(\tilde h_t - h_{t-1})\big)U_z + \operatorname{diag}\big(z_t\odot(1-\tilde h_t)^2\big)U_h\big(\operatorname{diag}(r_t) + \operatorname{diag}(r_t\odot(1-r_t)\odot h_{t-1})U_r\big)$",
      "inline", "(1 − h̃)² for 1 − h̃²", lambda P: gru_J(P, hpow=1), "(1 − h̃_t)² for 1 − h̃_t² (power misplaced)")
T.add("latex", "wrong",
      r"$\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(1-z_t) + \operatorname{diag}\big(z_t\odot(1-z_t)\odot(\tilde h_t - h_{t-1})\big)U_z^{\top} + \operatorname{diag}\big(z_t\odot(1-\tilde h_t^2)\big)U_h\big(\operatorname{diag}(r_t) + \operatorname{diag}(r_t\odot(1-r_t)\odot h_{t-1})U_r\big)$",
      "inline", "U_zᵀ in the update-gate term", lambda P: gru_J(P, Uz=P["Uz"].T), "U_z transposed")

# ---- dh_dz [k, i]
T = Target("gru_cell", "dh_dz", GRU_SIZES, gru_sample, lambda P: diag(P["ht"] - P["hp"]),
           lambda P: fd(lambda z: (1 - z) * P["hp"] + z * P["ht"], P["z"]))
T.add("plain", "right", "(h̃_{t,k} − h_{t-1,k}) δ_ik", "unicode", "(h̃_{t,k} − h_{t−1,k})δ_ik", lambda P: diag(P["ht"] - P["hp"]))
T.add("plain", "wrong", "(h_{t-1,k} − h̃_{t,k}) δ_ik", "unicode", "(h_{t−1,k} − h̃_{t,k})δ_ik", lambda P: diag(P["hp"] - P["ht"]), "the sign flipped")
T.add("plain", "right", "h̃_{t,k} - h_{t-1,k} if i = k, 0 otherwise", "cases in words", "h̃_{t,k} − h_{t−1,k} if i = k, else 0",
      lambda P: diag(P["ht"] - P["hp"]))
T.add("converter", "right", r"\delta_{i k}\left(\tilde{h}_{t, k}-h_{t-1, k}\right)", "mathpix", "δ_ik(h̃_{t,k} − h_{t−1,k})", lambda P: diag(P["ht"] - P["hp"]))
T.add("converter", "wrong", r"\tilde{h}_{t, k}-h_{t-1, k}", "mathpix", "h̃_{t,k} − h_{t−1,k} for every i",
      lambda P: np.outer(P["ht"] - P["hp"], np.ones(P["n"])), "the Kronecker delta δ_ik is dropped")
T.add("converter", "wrong", r"\delta_{i k}\left(\tilde{h}_{t, k}-h_{t-1, k}\right) z_{t, k}\left(1-z_{t, k}\right)", "mathpix",
      "δ_ik(h̃_{t,k} − h_{t−1,k})z_{t,k}(1 − z_{t,k})", lambda P: diag((P["ht"] - P["hp"]) * P["z"] * (1 - P["z"])),
      "an extra σ′ factor z(1 − z) (the derivative taken by the gate's pre-activation)")
T.add("latex", "right", r"$\frac{\partial h_{t,k}}{\partial z_{t,i}} = \delta_{ik}\,\tilde h_{t,k} - \delta_{ik}\,h_{t-1,k}$", "inline, expanded",
      "δ_ik h̃_{t,k} − δ_ik h_{t−1,k}", lambda P: diag(P["ht"] - P["hp"]))
T.add("latex", "wrong", r"$\frac{\partial h_{t,k}}{\partial z_{t,i}} = \delta_{ik}\,\tilde h_{t,k}$", "inline", "δ_ik h̃_{t,k}",
      lambda P: diag(P["ht"]), "the term −h_{t−1,k} from (1 − z_t)⊙h_{t−1} is missing")

# ============================================================================= vae_kl
def vae_sample(J, rng):
    mu, lv = rng.normal(size=J), rng.normal(size=J)
    return dict(J=J, mu=mu, lv=lv, s2=np.exp(lv))


vae_KL = lambda P, lv: 0.5 * np.sum(np.exp(lv) + P["mu"] ** 2 - 1 - lv)
vae_ref = lambda P: 0.5 * (P["s2"] - 1)
T = Target("vae_kl", "dKL_dlogvar", [2, 3, 5], vae_sample, vae_ref, lambda P: fd(lambda lv: vae_KL(P, lv), P["lv"]))
T.add("plain", "right", "(σ_j² − 1)/2", "unicode", "(σ_j² − 1)/2", vae_ref)
T.add("plain", "right", "½(exp(log σ_j²) − 1)", "unicode, exp of the log-variance", "½(e^{log σ_j²} − 1)", lambda P: 0.5 * (np.exp(P["lv"]) - 1))
T.add("plain", "wrong", "σ_j² − 1", "unicode", "σ_j² − 1", lambda P: P["s2"] - 1, "the factor 1/2 is lost")
T.add("converter", "right", r"\frac{1}{2}\left(e^{\log \sigma_{j}^{2}}-1\right)", "mathpix", "½(e^{log σ_j²} − 1)", vae_ref)
T.add("converter", "wrong", r"\frac{1}{2}\left(1-\frac{1}{\sigma_{j}^{2}}\right)", "mathpix", "½(1 − 1/σ_j²)",
      lambda P: 0.5 * (1 - 1 / P["s2"]), "the derivative taken by σ_j², not by log σ_j²")
T.add("converter", "wrong", r"\frac{1}{2} \sigma_{j}^{2}", "mathpix", "½σ_j²", lambda P: 0.5 * P["s2"], "the −1 from the −log σ² term is missing")
T.add("latex", "right", r"$\frac{\partial \mathrm{KL}}{\partial \log\sigma_j^2} = \frac{1}{2}\sigma_j^2 - \frac{1}{2}$", "inline", "½σ_j² − ½", vae_ref)
T.add("latex", "wrong", r"$\frac{\partial \mathrm{KL}}{\partial \log\sigma_j^2} = \frac{1}{2}(\sigma_j^2 + \mu_j^2 - 1)$", "inline",
      "½(σ_j² + μ_j² − 1)", lambda P: 0.5 * (P["s2"] + P["mu"] ** 2 - 1), "the μ_j² term kept (it does not depend on log σ_j²)")
T.add("latex", "right", r"$$\frac{\partial\,\mathrm{KL}}{\partial \log\sigma^2_j} = \tfrac12\left(e^{\log\sigma_j^2}-1\right)$$", "display, \\tfrac",
      "½(e^{log σ_j²} − 1)", vae_ref)

# ============================================================================= tied_autoencoder
def tae_sample(size, rng):
    m, n = size
    W, x = rng.normal(size=(m, n)) * 0.8, rng.normal(size=n)
    a = W @ x
    h = sig(a)
    xh = W.T @ h
    return dict(m=m, n=n, W=W, x=x, a=a, h=h, xh=xh, e=xh - x, sp=dsig(a))


def tae_L(P, W):
    return np.sum((W.T @ sig(W @ P["x"]) - P["x"]) ** 2)


tae_ref = lambda P: 2 * np.outer(P["h"], P["e"]) + 2 * np.outer(P["sp"] * (P["W"] @ P["e"]), P["x"])
T = Target("tied_autoencoder", "dL_dW_matrix", [(3, 3), (2, 4), (4, 2)], tae_sample, tae_ref, lambda P: fd(lambda W: tae_L(P, W), P["W"]))
T.add("plain", "right", "2 h (x̂ − x)ᵀ + 2 (σ'(a) ⊙ W(x̂ − x)) xᵀ", "unicode", "2h(x̂−x)ᵀ + 2(σ'(a)⊙W(x̂−x))xᵀ", tae_ref)
T.add("plain", "wrong", "2 (σ'(a) ⊙ W(x̂ − x)) xᵀ", "unicode", "2(σ'(a)⊙W(x̂−x))xᵀ",
      lambda P: 2 * np.outer(P["sp"] * (P["W"] @ P["e"]), P["x"]), "the decoder's use of W (the term 2h(x̂ − x)ᵀ) is missing")
T.add("plain", "wrong", "2 h (x̂ − x)ᵀ", "unicode", "2h(x̂−x)ᵀ", lambda P: 2 * np.outer(P["h"], P["e"]),
      "the encoder's use of W is missing")
T.add("converter", "right",
      r"2 \mathbf{h}(\hat{\mathbf{x}}-\mathbf{x})^{\top}+2\left(\mathbf{h} \odot(1-\mathbf{h}) \odot \mathbf{W}(\hat{\mathbf{x}}-\mathbf{x})\right) \mathbf{x}^{\top}",
      "mathpix bold", "2h(x̂−x)ᵀ + 2(h⊙(1−h)⊙W(x̂−x))xᵀ", tae_ref)
T.add("converter", "wrong",
      r"2(\hat{\mathbf{x}}-\mathbf{x}) \mathbf{h}^{\top}+2\left(\sigma^{\prime}(\mathbf{a}) \odot \mathbf{W}(\hat{\mathbf{x}}-\mathbf{x})\right) \mathbf{x}^{\top}",
      "mathpix bold", "2(x̂−x)hᵀ + 2(σ'(a)⊙W(x̂−x))xᵀ",
      lambda P: 2 * np.outer(P["e"], P["h"]) + 2 * np.outer(P["sp"] * (P["W"] @ P["e"]), P["x"]),
      "the first term transposed ((x̂ − x)hᵀ, the gradient for Wᵀ)")
T.add("converter", "wrong",
      r"\mathbf{h}(\hat{\mathbf{x}}-\mathbf{x})^{\top}+\left(\sigma^{\prime}(\mathbf{a}) \odot \mathbf{W}(\hat{\mathbf{x}}-\mathbf{x})\right) \mathbf{x}^{\top}",
      "mathpix bold", "h(x̂−x)ᵀ + (σ'(a)⊙W(x̂−x))xᵀ", lambda P: tae_ref(P) / 2, "the factor 2 of the squared norm is lost")
T.add("latex", "right",
      r"$\frac{\partial L}{\partial W} = 2\Big(h(\hat x - x)^\top + \operatorname{diag}\big(h\odot(1-h)\big)W(\hat x - x)\,x^\top\Big)$",
      "inline, diag form", "2(h(x̂−x)ᵀ + diag(h⊙(1−h))W(x̂−x)xᵀ)",
      lambda P: 2 * (np.outer(P["h"], P["e"]) + diag(P["h"] * (1 - P["h"])) @ P["W"] @ P["e"].reshape(-1, 1) @ P["x"].reshape(1, -1)))
T.add("latex", "wrong", r"$\frac{\partial L}{\partial W} = 2h(\hat x - x)^\top + 2\big(\sigma(a)\odot W(\hat x - x)\big)x^\top$", "inline",
      "2h(x̂−x)ᵀ + 2(σ(a)⊙W(x̂−x))xᵀ",
      lambda P: 2 * np.outer(P["h"], P["e"]) + 2 * np.outer(P["h"] * (P["W"] @ P["e"]), P["x"]), "σ written for σ′")
T.add("latex", "right",
      r"$\frac{\partial L}{\partial W} = 2\,h\,\hat x^\top - 2\,h\,x^\top + 2\big(\sigma'(a)\odot (W\hat x - Wx)\big)x^\top$", "inline, expanded",
      "2hx̂ᵀ − 2hxᵀ + 2(σ'(a)⊙(Wx̂ − Wx))xᵀ",
      lambda P: 2 * np.outer(P["h"], P["xh"]) - 2 * np.outer(P["h"], P["x"]) + 2 * np.outer(P["sp"] * (P["W"] @ P["xh"] - P["W"] @ P["x"]), P["x"]))

# ============================================================================= softmax_temperature
def st_sample(K, rng):
    z = rng.normal(size=K) * 1.5
    Tm = rng.uniform(0.3, 3.0)
    y = np.zeros(K)
    y[rng.integers(0, K)] = 1.0
    eps = rng.uniform(0.05, 0.3)
    q = (1 - eps) * y + eps / K
    return dict(K=K, z=z, Tm=Tm, y=y, eps=eps, q=q, pT=softmax(z / Tm), p=softmax(z))


st_ref = lambda P: P["pT"][:, None] * (np.eye(P["K"]) - P["pT"][None, :]) / P["Tm"]
ST_SIZES = [3, 4, 5]
T = Target("softmax_temperature", "dpT_dz", ST_SIZES, st_sample, st_ref, lambda P: fd(lambda z: softmax(z / P["Tm"]), P["z"]))
pTk = lambda P, k: ix(P["pT"], k)
T.add("plain", "right", "p^T_k (δ_ik − p^T_i) / T", "unicode", "p^T_k(δ_ik − p^T_i)/T", st_ref)
T.add("plain", "wrong", "p^T_k (δ_ik − p^T_i)", "unicode", "p^T_k(δ_ik − p^T_i)", lambda P: st_ref(P) * P["Tm"], "the factor 1/T is missing")
T.add("plain", "wrong", "T p^T_k (δ_ik − p^T_i)", "unicode", "T·p^T_k(δ_ik − p^T_i)", lambda P: st_ref(P) * P["Tm"] ** 2, "T for 1/T")
T.add("converter", "right", r"\frac{1}{T} p_{k}^{T}\left(\delta_{i k}-p_{i}^{T}\right)", "mathpix", "(1/T)p^T_k(δ_ik − p^T_i)", st_ref)
T.add("converter", "right",
      r"\left\{\begin{array}{ll}\frac{1}{T} p_{i}^{T}\left(1-p_{i}^{T}\right) & \text { if } i=k \\ -\frac{1}{T} p_{i}^{T} p_{k}^{T} & \text { if } i \neq k\end{array}\right.",
      "mathpix array cases", "p^T_i(1 − p^T_i)/T if i = k, −p^T_i p^T_k/T if i ≠ k",
      lambda P: tab((P["K"],) * 2, lambda k, i: pTk(P, i) * (1 - pTk(P, i)) / P["Tm"] if i == k else -pTk(P, i) * pTk(P, k) / P["Tm"]))
T.add("converter", "wrong", r"\frac{1}{T} p_{k}^{T}\left(\delta_{i k}-p_{k}^{T}\right)", "mathpix", "(1/T)p^T_k(δ_ik − p^T_k)",
      lambda P: tab((P["K"],) * 2, lambda k, i: pTk(P, k) * (d(i, k) - pTk(P, k)) / P["Tm"]), "p^T_k for p^T_i inside the bracket (wrong index)")
T.add("latex", "right", r"$\frac{\partial p^T_k}{\partial z_i} = \frac{1}{T}\big(\delta_{ik}p^T_k - p^T_i p^T_k\big)$", "inline, expanded",
      "(δ_ik p^T_k − p^T_i p^T_k)/T", st_ref)
T.add("latex", "wrong", r"$\frac{\partial p^T_k}{\partial z_i} = \frac{1}{T^2}\,p^T_k(\delta_{ik} - p^T_i)$", "inline",
      "p^T_k(δ_ik − p^T_i)/T²", lambda P: st_ref(P) / P["Tm"], "1/T² for 1/T (wrong power)")
T.add("latex", "right",
      r"$\frac{\partial p^T_k}{\partial z_i} = \frac{1}{T}\Big(\frac{e^{z_k/T}\delta_{ik}}{\sum_l e^{z_l/T}} - \frac{e^{(z_i+z_k)/T}}{(\sum_l e^{z_l/T})^2}\Big)$",
      "inline, exponentials", "(1/T)(e^{z_k/T}δ_ik/Z − e^{(z_i+z_k)/T}/Z²), Z = Σ_l e^{z_l/T}",
      lambda P: (lambda e, Z: tab((P["K"],) * 2, lambda k, i: (ix(e, k) * d(i, k) / Z - ix(e, i) * ix(e, k) / Z ** 2) / P["Tm"]))(
          np.exp(P["z"] / P["Tm"]), np.exp(P["z"] / P["Tm"]).sum()))

# ---- dLT_dz [i]
stl_ref = lambda P: (P["pT"] - P["q"]) / P["Tm"]
T = Target("softmax_temperature", "dLT_dz", ST_SIZES, st_sample, stl_ref,
           lambda P: fd(lambda z: -np.sum(P["q"] * np.log(softmax(z / P["Tm"]))), P["z"]))
T.add("plain", "right", "(p^T_i − q_i)/T", "unicode", "(p^T_i − q_i)/T", stl_ref)
T.add("plain", "wrong", "p^T_i − q_i", "unicode", "p^T_i − q_i", lambda P: P["pT"] - P["q"], "the factor 1/T is missing")
T.add("plain", "right", "(p^T_i − (1−ε) y_i − ε/K)/T", "unicode, q written out", "(p^T_i − (1−ε)y_i − ε/K)/T",
      lambda P: (P["pT"] - (1 - P["eps"]) * P["y"] - P["eps"] / P["K"]) / P["Tm"])
T.add("converter", "right", r"\frac{1}{T}\left(p_{i}^{T}-(1-\epsilon) y_{i}-\frac{\epsilon}{K}\right)", "mathpix", "(p^T_i − (1−ε)y_i − ε/K)/T", stl_ref)
T.add("converter", "wrong", r"\frac{1}{T}\left(p_{i}^{T}-y_{i}\right)", "mathpix", "(p^T_i − y_i)/T",
      lambda P: (P["pT"] - P["y"]) / P["Tm"], "the label smoothing ignored (y_i for q_i)")
T.add("converter", "wrong", r"\frac{1}{T}\left(p_{i}^{T}-(1-\epsilon) y_{i}-\epsilon\right)", "mathpix", "(p^T_i − (1−ε)y_i − ε)/T",
      lambda P: (P["pT"] - (1 - P["eps"]) * P["y"] - P["eps"]) / P["Tm"], "ε for ε/K (the smoothing mass not spread over K classes)")
T.add("latex", "right", r"$\frac{\partial L^T}{\partial z_i} = \frac{1}{T}p^T_i - \frac{1}{T}q_i$", "inline, split", "p^T_i/T − q_i/T", stl_ref)
T.add("latex", "wrong", r"$\frac{\partial L^T}{\partial z_i} = \frac{q_i - p^T_i}{T}$", "inline", "(q_i − p^T_i)/T", lambda P: -stl_ref(P), "the sign flipped")
T.add("latex", "wrong", r"$$\frac{\partial L^T}{\partial z_i} = \frac{p_i - q_i}{T}$$", "display", "(p_i − q_i)/T with p the T = 1 softmax",
      lambda P: (P["p"] - P["q"]) / P["Tm"], "p (the softmax without temperature) for p^T")

# ============================================================================= huber_lse
def hub_sample(N, rng):
    dl = rng.uniform(0.5, 1.5)
    base = np.array([-2.0, -0.75, -0.3, 0.4, 0.8, 1.7, -1.3, 0.1])[:N]
    r = dl * (base + rng.uniform(-0.08, 0.08, size=N))
    rng.shuffle(r)
    y = rng.normal(size=N)
    return dict(N=N, dl=dl, r=r, y=y, yhat=y + r)


def hub_H(P, yhat):
    u = yhat - P["y"]
    return np.sum(np.where(np.abs(u) <= P["dl"], u ** 2 / 2, P["dl"] * (np.abs(u) - P["dl"] / 2)))


hub_ref = lambda P: np.clip(P["r"], -P["dl"], P["dl"])
T = Target("huber_lse", "dH_dyhat", [6, 8], hub_sample, hub_ref, lambda P: fd(lambda yh: hub_H(P, yh), P["yhat"]))
cases = lambda P, inner, outer, thr=None: np.where(np.abs(P["r"]) <= (P["dl"] if thr is None else thr), inner, outer)
T.add("plain", "right", "r_i if |r_i| ≤ δ, δ·sign(r_i) otherwise", "cases in words", "r_i if |r_i| ≤ δ else δ sign(r_i)",
      lambda P: cases(P, P["r"], P["dl"] * np.sign(P["r"])))
T.add("plain", "right", "max(-δ, min(δ, ŷ_i − y_i))", "unicode, clip as max/min", "max(−δ, min(δ, ŷ_i − y_i))",
      lambda P: np.maximum(-P["dl"], np.minimum(P["dl"], P["yhat"] - P["y"])))
T.add("plain", "wrong", "r_i if |r_i| ≤ δ, δ otherwise", "cases in words", "r_i if |r_i| ≤ δ else δ",
      lambda P: cases(P, P["r"], P["dl"] + 0 * P["r"]), "the sign(r_i) is missing in the outer branch")
T.add("plain", "wrong", "r_i if |r_i| <= delta, sign(r_i) otherwise", "ascii", "r_i if |r_i| ≤ δ else sign(r_i)",
      lambda P: cases(P, P["r"], np.sign(P["r"])), "the factor δ is missing in the outer branch")
T.add("converter", "right",
      r"\left\{\begin{array}{ll}r_{i} & \text { if }\left|r_{i}\right| \leq \delta \\ \delta \operatorname{sign}\left(r_{i}\right) & \text { otherwise }\end{array}\right.",
      "mathpix array cases", "r_i if |r_i| ≤ δ else δ sign(r_i)", lambda P: cases(P, P["r"], P["dl"] * np.sign(P["r"])))
T.add("converter", "wrong",
      r"\left\{\begin{array}{ll}r_{i} & \text { if }\left|r_{i}\right| \leq \delta \\ \delta\left(\left|r_{i}\right|-\frac{\delta}{2}\right) & \text { otherwise }\end{array}\right.",
      "mathpix array cases", "r_i if |r_i| ≤ δ else δ(|r_i| − δ/2)",
      lambda P: cases(P, P["r"], P["dl"] * (np.abs(P["r"]) - P["dl"] / 2)), "the loss itself, not its derivative, in the outer branch")
T.add("converter", "right",
      r"\left\{\begin{array}{ll}-\delta & r_{i}<-\delta \\ r_{i} & -\delta \leq r_{i} \leq \delta \\ \delta & r_{i}>\delta\end{array}\right.",
      "mathpix, three cases", "−δ below −δ, r_i between, δ above", hub_ref)
T.add("latex", "right",
      r"$\frac{\partial H}{\partial \hat y_i} = \begin{cases} \hat y_i - y_i, & |\hat y_i - y_i| \le \delta,\\ \delta\,\operatorname{sign}(\hat y_i - y_i), & \text{otherwise.}\end{cases}$",
      "cases env, residual written out", "ŷ_i − y_i if |ŷ_i − y_i| ≤ δ else δ sign(ŷ_i − y_i)", hub_ref)
T.add("latex", "wrong",
      r"$\frac{\partial H}{\partial \hat y_i} = \begin{cases} r_i & |r_i| \le \delta/2 \\ \delta\operatorname{sign}(r_i) & \text{otherwise}\end{cases}$",
      "cases env", "r_i if |r_i| ≤ δ/2 else δ sign(r_i)",
      lambda P: cases(P, P["r"], P["dl"] * np.sign(P["r"]), thr=P["dl"] / 2), "the threshold δ/2 for δ")
T.add("latex", "wrong",
      r"$\frac{\partial H}{\partial \hat y_i} = \begin{cases} -r_i & |r_i|\le\delta \\ -\delta\,\mathrm{sign}(r_i) & \text{otherwise}\end{cases}$",
      "cases env", "−clip(r_i, −δ, δ)", lambda P: -hub_ref(P), "the sign (the derivative by y_i, not ŷ_i)")

# ---- hess_lse_matrix
def lse_sample(K, rng):
    z = rng.normal(size=K) * 1.5
    return dict(K=K, z=z, s=softmax(z))


lse = lambda z: np.log(np.sum(np.exp(z)))
lse_H = lambda P: diag(P["s"]) - np.outer(P["s"], P["s"])
T = Target("huber_lse", "hess_lse_matrix", [2, 3, 5], lse_sample, lse_H, lambda P: hess_fd(lse, P["z"]))
ez = lambda P: np.exp(P["z"])
T.add("plain", "right", "diag(softmax(z)) − softmax(z) softmax(z)ᵀ", "unicode", "diag(softmax z) − softmax z softmax zᵀ", lse_H)
T.add("plain", "wrong", "diag(softmax(z))", "unicode", "diag(softmax z)", lambda P: diag(P["s"]), "the outer-product term is missing")
T.add("plain", "right", "diag(e^z)/∑_k e^(z_k) − e^z (e^z)ᵀ/(∑_k e^(z_k))²", "unicode, exponentials",
      "diag(e^z)/Σe^{z_k} − e^z(e^z)ᵀ/(Σe^{z_k})²", lambda P: diag(ez(P)) / ez(P).sum() - np.outer(ez(P), ez(P)) / ez(P).sum() ** 2)
T.add("converter", "right", r"\operatorname{diag}(\operatorname{softmax}(\mathbf{z}))-\operatorname{softmax}(\mathbf{z}) \operatorname{softmax}(\mathbf{z})^{\top}",
      "mathpix bold", "diag(softmax z) − softmax z softmax zᵀ", lse_H)
T.add("converter", "wrong",
      r"\frac{\operatorname{diag}\left(e^{\mathbf{z}}\right)}{\sum_{k} e^{z_{k}}}-\frac{e^{\mathbf{z}}\left(e^{\mathbf{z}}\right)^{\top}}{\sum_{k} e^{z_{k}}}",
      "mathpix", "diag(e^z)/Σe^{z_k} − e^z(e^z)ᵀ/Σe^{z_k}",
      lambda P: diag(ez(P)) / ez(P).sum() - np.outer(ez(P), ez(P)) / ez(P).sum(), "the square on the denominator of the outer term lost (wrong power)")
T.add("converter", "wrong", r"\operatorname{softmax}(\mathbf{z}) \operatorname{softmax}(\mathbf{z})^{\top}-\operatorname{diag}(\operatorname{softmax}(\mathbf{z}))",
      "mathpix bold", "softmax z softmax zᵀ − diag(softmax z)", lambda P: -lse_H(P), "the sign of the whole Hessian")
T.add("latex", "right", r"$\nabla^2\,\mathrm{LSE}(z) = \operatorname{diag}(s) - s\,s^{\top}$ where $s = \operatorname{softmax}(z)$", "where-clause",
      "diag(s) − ssᵀ with s = softmax z", lse_H)
T.add("latex", "wrong", r"$\nabla^2\,\mathrm{LSE}(z) = I - \operatorname{softmax}(z)\operatorname{softmax}(z)^{\top}$", "inline",
      "I − softmax z softmax zᵀ", lambda P: np.eye(P["K"]) - np.outer(P["s"], P["s"]), "I for diag(softmax(z)) (δ_ij for softmax_i δ_ij)")
T.add("latex", "right",
      r"$\left[\nabla^2 \mathrm{LSE}\right]_{ij} = \frac{e^{z_i}}{\sum_{k=1}^{K}e^{z_k}}\Big(\delta_{ij} - \frac{e^{z_j}}{\sum_{k=1}^{K}e^{z_k}}\Big)$",
      "entry of bracketed Hessian", "entry (i,j) = softmax_i(δ_ij − softmax_j)",
      lambda P: tab((P["K"],) * 2, lambda i, j: ix(P["s"], i) * (d(i, j) - ix(P["s"], j))))

# ============================================================================= hw3_2ab
NS = np.arange(-4, 21)  # n = -4..20


def fir_sample(Lv, rng):
    return dict(L=Lv)


def fir_ref(P):  # closed form: 0 (n<0); 2 − 2^{−n} (0 ≤ n ≤ L−1); 2^{−n}(2^L − 1) (n ≥ L)
    L = P["L"]
    return np.array([0.0 if n < 0 else (2 - 2.0 ** -n if n <= L - 1 else 2.0 ** -n * (2 ** L - 1)) for n in NS])


def fir_brute(P):
    L = P["L"]
    x = lambda n: 1.0 if 0 <= n <= L - 1 else 0.0
    h = lambda n: 0.5 ** n if n >= 0 else 0.0
    return np.array([sum(x(i) * h(n - i) for i in range(-30, 60)) for n in NS])


def over_n(P, f):
    return np.array([f(int(n), P["L"]) for n in NS])


T = Target("hw3_2ab", "y", [1, 2, 3, 5], fir_sample, fir_ref, fir_brute)
T.add("plain", "right", "0 for n < 0, 2 - (1/2)^n for 0 ≤ n ≤ L-1, and (2^L - 1)(1/2)^n for n ≥ L", "cases in words, three ranges",
      "0 (n<0); 2 − (1/2)ⁿ (0 ≤ n ≤ L−1); (2^L − 1)(1/2)ⁿ (n ≥ L)", fir_ref)
T.add("plain", "wrong", "2 - (1/2)^n for n ≥ 0, and 0 for n < 0", "cases in words",
      "2 − (1/2)ⁿ for n ≥ 0, else 0", lambda P: over_n(P, lambda n, L: 2 - 0.5 ** n if n >= 0 else 0.0),
      "the step response given: the end of the input pulse (n ≥ L) ignored")
T.add("plain", "wrong", "0 for n < 0, 2 - (1/2)^(n+1) for 0 ≤ n ≤ L-1, and (2^L - 1)(1/2)^n for n ≥ L", "cases in words",
      "0; 2 − (1/2)^{n+1}; (2^L − 1)(1/2)ⁿ",
      lambda P: over_n(P, lambda n, L: 0.0 if n < 0 else (2 - 0.5 ** (n + 1) if n <= L - 1 else 0.5 ** n * (2 ** L - 1))),
      "an off-by-one exponent in the rising part")
T.add("converter", "right",
      r"y(n)=\left\{\begin{array}{ll}0, & n<0 \\ 2-2^{-n}, & 0 \leq n \leq L-1 \\ \left(2^{L}-1\right) 2^{-n}, & n \geq L\end{array}\right.",
      "mathpix array cases", "0; 2 − 2^{−n}; (2^L − 1)2^{−n}", fir_ref)
T.add("converter", "wrong",
      r"y(n)=\left\{\begin{array}{ll}0, & n<0 \\ 2-2^{-n}, & 0 \leq n \leq L-1 \\ 2^{L-n}, & n \geq L\end{array}\right.",
      "mathpix array cases", "0; 2 − 2^{−n}; 2^{L−n}",
      lambda P: over_n(P, lambda n, L: 0.0 if n < 0 else (2 - 2.0 ** -n if n <= L - 1 else 2.0 ** (L - n))),
      "the −1 of (2^L − 1) dropped in the tail")
T.add("converter", "right",
      r"y(n)=\left\{\begin{array}{ll}2\left(1-\left(\frac{1}{2}\right)^{n+1}\right), & 0 \leq n<L \\ \left(\frac{1}{2}\right)^{n-L+1}\left(2-\left(\frac{1}{2}\right)^{L-1}\right), & n \geq L \\ 0, & \text { otherwise }\end{array}\right.",
      "mathpix, tail written from y(L−1)", "2(1 − (1/2)^{n+1}); (1/2)^{n−L+1}(2 − (1/2)^{L−1}); 0",
      lambda P: over_n(P, lambda n, L: 2 * (1 - 0.5 ** (n + 1)) if 0 <= n < L else (0.5 ** (n - L + 1) * (2 - 0.5 ** (L - 1)) if n >= L else 0.0)))
T.add("latex", "right", r"$y(n) = \sum_{i=0}^{\min(n,L-1)}\left(\tfrac12\right)^{n-i}$ for $n \ge 0$, and $y(n) = 0$ for $n<0$.",
      "prose, finite sum with min bound", "Σ_{i=0}^{min(n,L−1)} (1/2)^{n−i} for n ≥ 0, else 0",
      lambda P: over_n(P, lambda n, L: sum(0.5 ** (n - i) for i in range(0, min(n, L - 1) + 1)) if n >= 0 else 0.0))
T.add("latex", "wrong",
      r"$y(n) = \begin{cases} 0 & n < 0\\ 2 - 2^{-n} & 0 \le n \le L-1\\ (2^{L}-1)\,2^{-(n-L+1)} & n \ge L\end{cases}$", "cases env",
      "0; 2 − 2^{−n}; (2^L − 1)2^{−(n−L+1)}",
      lambda P: over_n(P, lambda n, L: 0.0 if n < 0 else (2 - 2.0 ** -n if n <= L - 1 else (2 ** L - 1) * 2.0 ** -(n - L + 1))),
      "the tail shifted by L − 1 (decay counted from the end of the pulse twice)")
T.add("latex", "wrong",
      r"$$y(n)=\begin{cases}0 & n<0\\ 2-2^{-n} & 0\le n < L\\ (2^{L+1}-1)\,2^{-n} & n\ge L\end{cases}$$", "display cases",
      "0; 2 − 2^{−n}; (2^{L+1} − 1)2^{−n}",
      lambda P: over_n(P, lambda n, L: 0.0 if n < 0 else (2 - 2.0 ** -n if n < L else (2 ** (L + 1) - 1) * 2.0 ** -n)),
      "an off-by-one exponent (2^{L+1}) in the tail")


# ============================================================================= main
def main():
    rows, report = run()
    out = os.path.join(HERE, "answers_j.jsonl")
    with open(out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    # summary
    from collections import Counter
    by_src = Counter((r["source"], r["label"]) for r in rows)
    by_tgt = Counter((r["problem"], r["target"], r["label"]) for r in rows)
    print(f"{len(rows)} answers, {len(TARGETS)} targets, {len({t.problem for t in TARGETS})} problems -> {out}")
    for s in ("plain", "converter", "latex"):
        print(f"  {s:10s} right {by_src[(s, 'right')]:3d}  wrong {by_src[(s, 'wrong')]:3d}")
    print(f"  total      right {sum(v for (s, l), v in by_src.items() if l == 'right'):3d}  wrong {sum(v for (s, l), v in by_src.items() if l == 'wrong'):3d}")
    for (p, t, n, npts) in report:
        print(f"  {p:20s} {t:18s} {n:2d} answers (right {by_tgt[(p, t, 'right')]}, wrong {by_tgt[(p, t, 'wrong')]}), {npts} reference points")


if __name__ == "__main__":
    main()
