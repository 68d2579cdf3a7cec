#!/usr/bin/env python3
"""Held-out student answers (set f1) for symderiv, labelled with NumPy.

For every target: a forward pass written from the problem statement, an analytic NumPy
reference, and a check of the reference against central finite differences of the forward
pass. For every answer: a NumPy function giving what the answer *means* (0-based indices),
compared with the reference at every index tuple (coinciding and non-coinciding indices),
several sizes and many random points. The label comes from that comparison; the intended
label is asserted to agree.

numpy + standard library only; fixed seed; deterministic output.
    python build_f1.py   ->  answers_f1.jsonl next to this file, and a summary.
"""

import collections
import json
import os

import numpy as np

SEED = 20240611
POINTS = 6  # random points per size
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "answers_f1.jsonl")


# ----------------------------------------------------------------------------- helpers
def sig(u):
    return 1.0 / (1.0 + np.exp(-u))


def dsig(u):
    s = sig(u)
    return s * (1.0 - s)


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def col(v):
    return np.asarray(v, dtype=float).reshape(-1, 1)


def row(v):
    return np.asarray(v, dtype=float).reshape(1, -1)


def e_(k, n):
    v = np.zeros((n, 1))
    v[k, 0] = 1.0
    return v


def d(i, j):
    return 1.0 if i == j else 0.0


def ones(n):
    return np.ones((n, 1))


def jac(f, X, eps=1e-6):
    """Central finite differences: J[out_idx + in_idx] = d f(X)[out_idx] / d X[in_idx]."""
    X = np.array(X, dtype=float)
    out = np.asarray(f(X), dtype=float)
    J = np.zeros(out.shape + X.shape)
    for idx in np.ndindex(*X.shape):
        Xp, Xm = X.copy(), X.copy()
        Xp[idx] += eps
        Xm[idx] -= eps
        J[(Ellipsis,) + idx] = (np.asarray(f(Xp)) - np.asarray(f(Xm))) / (2 * eps)
    return J


# ----------------------------------------------------------------------------- problems
# Each problem: sizes, sample(rng, size) -> context c (inputs and intermediate quantities),
# and per target: idx (names of the free indices, leading axes of the reference array),
# ref(c) -> analytic array, fd(c) -> the same from central differences of the forward pass.

# exercise13: y = sigma(W x + b), W n x m
def s_ex13(rng, n, m):
    W = rng.normal(0, 1.2, (n, m))
    x = rng.normal(0, 1.2, m)
    b = rng.normal(0, 1.0, n)
    yt = W @ x + b
    y = sig(yt)
    return dict(n=n, m=m, W=W, x=x, b=b, yt=yt, y=y, sp=y * (1 - y))


def ex13_fwd(W, x, b):
    return sig(W @ x + b)


def r_ex13_dydW(c):
    n, m = c["n"], c["m"]
    T = np.zeros((n, n, m))
    for k in range(n):
        T[k, k, :] = c["sp"][k] * c["x"]
    return T


EX13 = dict(
    sizes=[dict(n=4, m=3), dict(n=3, m=5), dict(n=2, m=2), dict(n=5, m=2)],
    sample=s_ex13,
    targets={
        "dy_dW": dict(idx=("k", "i", "j"), ref=r_ex13_dydW,
                      fd=lambda c: jac(lambda W: ex13_fwd(W, c["x"], c["b"]), c["W"])),
        "dy_dx": dict(idx=("k", "i"), ref=lambda c: c["sp"][:, None] * c["W"],
                      fd=lambda c: jac(lambda x: ex13_fwd(c["W"], x, c["b"]), c["x"])),
        "dy_db": dict(idx=("k", "i"), ref=lambda c: np.diag(c["sp"]),
                      fd=lambda c: jac(lambda b: ex13_fwd(c["W"], c["x"], b), c["b"])),
        "dy_dx_matrix": dict(idx=(), ref=lambda c: c["sp"][:, None] * c["W"],
                             fd=lambda c: jac(lambda x: ex13_fwd(c["W"], x, c["b"]), c["x"])),
        "dyk_dW_matrix": dict(idx=("k",), ref=r_ex13_dydW,
                              fd=lambda c: jac(lambda W: ex13_fwd(W, c["x"], c["b"]), c["W"])),
        "dy_dyt": dict(idx=("k",), ref=lambda c: c["sp"],
                       fd=lambda c: np.diagonal(jac(sig, c["yt"]))),
    },
)


# exercise14: scalar layers f_i(u, v) replaced by random smooth functions
def f_val(cf, u, v):
    return cf[0] * np.sin(cf[1] * u + cf[2] * v) + cf[3] * u * v + cf[4] * v**2 + cf[5] * u + cf[6]


def f_du(cf, u, v):
    return cf[0] * cf[1] * np.cos(cf[1] * u + cf[2] * v) + cf[3] * v + cf[5]


def f_dv(cf, u, v):
    return cf[0] * cf[2] * np.cos(cf[1] * u + cf[2] * v) + cf[3] * u + 2 * cf[4] * v


def s_ex14(rng):
    cf = [rng.normal(0, 1, 7) for _ in range(3)]
    x, t1, t2, t3 = rng.normal(0, 1, 4)
    yt = f_val(cf[0], x, t1)
    y = f_val(cf[1], yt, t2)
    return dict(
        cf=cf, x=x, t1=t1, t2=t2, t3=t3, yt=yt, y=y,
        f1_x=f_du(cf[0], x, t1), f1_t=f_dv(cf[0], x, t1),
        f2_u=f_du(cf[1], yt, t2), f2_t=f_dv(cf[1], yt, t2),
        f3_u=f_du(cf[2], y, t3), f3_t=f_dv(cf[2], y, t3),
    )


def ex14_FG(c, t1=None, t2=None, t3=None):
    t1 = c["t1"] if t1 is None else t1
    t2 = c["t2"] if t2 is None else t2
    t3 = c["t3"] if t3 is None else t3
    yt = f_val(c["cf"][0], c["x"], t1)
    y = f_val(c["cf"][1], yt, t2)
    F = f_val(c["cf"][2], y, t3)
    return F, F + y


def ex14_fd(c, which, par):
    def h(v):
        F, G = ex14_FG(c, **{par: float(v)})
        return {"F": F, "G": G, "D": G - F}[which]
    return jac(h, np.array(c[par]))


EX14 = dict(
    sizes=[dict()],
    sample=lambda rng: s_ex14(rng),
    points=24,
    targets={
        "dF_dtheta1": dict(idx=(), ref=lambda c: np.array(c["f3_u"] * c["f2_u"] * c["f1_t"]),
                           fd=lambda c: ex14_fd(c, "F", "t1")),
        "dG_dtheta1": dict(idx=(), ref=lambda c: np.array((c["f3_u"] + 1) * c["f2_u"] * c["f1_t"]),
                           fd=lambda c: ex14_fd(c, "G", "t1")),
        "dG_dtheta3": dict(idx=(), ref=lambda c: np.array(c["f3_t"]),
                           fd=lambda c: ex14_fd(c, "G", "t3")),
        "dG_minus_dF_theta1": dict(idx=(), ref=lambda c: np.array(c["f2_u"] * c["f1_t"]),
                                   fd=lambda c: ex14_fd(c, "D", "t1")),
        "dG_minus_dF_theta2": dict(idx=(), ref=lambda c: np.array(c["f2_t"]),
                                   fd=lambda c: ex14_fd(c, "D", "t2")),
        "dG_minus_dF_theta3": dict(idx=(), ref=lambda c: np.array(0.0),
                                   fd=lambda c: ex14_fd(c, "D", "t3")),
    },
)


# softmax_ce
def s_smce(rng, K):
    z = rng.normal(0, 1.5, K)
    y = rng.dirichlet(np.ones(K))
    return dict(K=K, z=z, y=y, p=softmax(z))


def smce_L(z, y):
    return -np.sum(y * np.log(softmax(z)))


SMCE = dict(
    sizes=[dict(K=3), dict(K=4), dict(K=2), dict(K=6)],
    sample=s_smce,
    targets={
        "dp_dz": dict(idx=("k", "i"), ref=lambda c: np.diag(c["p"]) - np.outer(c["p"], c["p"]),
                      fd=lambda c: jac(softmax, c["z"])),
        "dp_dz_matrix": dict(idx=(), ref=lambda c: np.diag(c["p"]) - np.outer(c["p"], c["p"]),
                             fd=lambda c: jac(softmax, c["z"])),
        "dL_dz": dict(idx=("i",), ref=lambda c: c["p"] - c["y"],
                      fd=lambda c: jac(lambda z: smce_L(z, c["y"]), c["z"])),
        "dL_dz_vec": dict(idx=(), ref=lambda c: col(c["p"] - c["y"]),
                          fd=lambda c: col(jac(lambda z: smce_L(z, c["y"]), c["z"]))),
    },
)


# attention_softmax: s = K q / sqrt(D), a = softmax(s)
def s_att(rng, n, D):
    q = rng.normal(0, 1.3, D)
    Km = rng.normal(0, 1.3, (n, D))
    s = Km @ q / np.sqrt(D)
    return dict(n=n, D=D, q=q, K=Km, s=s, a=softmax(s))


ATT = dict(
    sizes=[dict(n=3, D=2), dict(n=4, D=4), dict(n=2, D=3), dict(n=5, D=2)],
    sample=s_att,
    targets={
        "da_ds": dict(idx=("j", "i"), ref=lambda c: np.diag(c["a"]) - np.outer(c["a"], c["a"]),
                      fd=lambda c: jac(softmax, c["s"])),
        "da_ds_matrix": dict(idx=(), ref=lambda c: np.diag(c["a"]) - np.outer(c["a"], c["a"]),
                             fd=lambda c: jac(softmax, c["s"])),
        "da_dq": dict(idx=("j", "d"),
                      ref=lambda c: c["a"][:, None] * (c["K"] - c["a"] @ c["K"]) / np.sqrt(c["D"]),
                      fd=lambda c: jac(lambda q: softmax(c["K"] @ q / np.sqrt(c["D"])), c["q"])),
    },
)


# logreg_l2
def s_lr(rng, m):
    w = rng.normal(0, 1, m)
    x = rng.normal(0, 1, m)
    b = rng.normal(0, 1)
    y = float(rng.integers(0, 2))
    lam = rng.uniform(0.2, 2.0)
    s = w @ x + b
    return dict(m=m, w=w, x=x, b=b, y=y, lam=lam, s=s, p=sig(s))


def lr_L(w, b, c):
    p = sig(w @ c["x"] + b)
    return -c["y"] * np.log(p) - (1 - c["y"]) * np.log(1 - p) + c["lam"] / 2 * np.sum(w**2)


LR = dict(
    sizes=[dict(m=3), dict(m=5), dict(m=2), dict(m=4)],
    sample=s_lr,
    points=10,
    targets={
        "dL_dw": dict(idx=("i",), ref=lambda c: (c["p"] - c["y"]) * c["x"] + c["lam"] * c["w"],
                      fd=lambda c: jac(lambda w: lr_L(w, c["b"], c), c["w"])),
        "dL_dw_vec": dict(idx=(), ref=lambda c: col((c["p"] - c["y"]) * c["x"] + c["lam"] * c["w"]),
                          fd=lambda c: col(jac(lambda w: lr_L(w, c["b"], c), c["w"]))),
        "dL_db": dict(idx=(), ref=lambda c: np.array(c["p"] - c["y"]),
                      fd=lambda c: jac(lambda b: lr_L(c["w"], float(b), c), np.array(c["b"]))),
    },
)


# mlp2
def s_mlp(rng, m, n, c_):
    x = rng.normal(0, 1, m)
    W1 = rng.normal(0, 1, (n, m))
    b1 = rng.normal(0, 0.5, n)
    W2 = rng.normal(0, 1, (c_, n))
    b2 = rng.normal(0, 0.5, c_)
    t = rng.normal(0, 1, c_)
    a = W1 @ x + b1
    h = np.maximum(0, a)
    o = W2 @ h + b2
    return dict(m=m, n=n, c=c_, x=x, W1=W1, b1=b1, W2=W2, b2=b2, t=t, a=a, h=h, o=o,
                act=(a > 0).astype(float))


def mlp_L(c, W1=None, b1=None, W2=None, b2=None):
    W1 = c["W1"] if W1 is None else W1
    b1 = c["b1"] if b1 is None else b1
    W2 = c["W2"] if W2 is None else W2
    b2 = c["b2"] if b2 is None else b2
    o = W2 @ np.maximum(0, W1 @ c["x"] + b1) + b2
    return 0.5 * np.sum((o - c["t"]) ** 2)


def r_mlp_db1(c):
    return c["act"] * (c["W2"].T @ (c["o"] - c["t"]))


MLP = dict(
    sizes=[dict(m=3, n=4, c_=2), dict(m=2, n=3, c_=3), dict(m=4, n=2, c_=3), dict(m=3, n=5, c_=5)],
    sample=s_mlp,
    points=10,
    targets={
        "dL_dW2": dict(idx=("r", "k"), ref=lambda c: np.outer(c["o"] - c["t"], c["h"]),
                       fd=lambda c: jac(lambda W2: mlp_L(c, W2=W2), c["W2"])),
        "dL_dW2_matrix": dict(idx=(), ref=lambda c: np.outer(c["o"] - c["t"], c["h"]),
                              fd=lambda c: jac(lambda W2: mlp_L(c, W2=W2), c["W2"])),
        "dL_db2": dict(idx=("r",), ref=lambda c: c["o"] - c["t"],
                       fd=lambda c: jac(lambda b2: mlp_L(c, b2=b2), c["b2"])),
        "dL_db2_vec": dict(idx=(), ref=lambda c: col(c["o"] - c["t"]),
                           fd=lambda c: col(jac(lambda b2: mlp_L(c, b2=b2), c["b2"]))),
        "dL_dW1": dict(idx=("k", "j"), ref=lambda c: np.outer(r_mlp_db1(c), c["x"]),
                       fd=lambda c: jac(lambda W1: mlp_L(c, W1=W1), c["W1"])),
        "dL_dW1_matrix": dict(idx=(), ref=lambda c: np.outer(r_mlp_db1(c), c["x"]),
                              fd=lambda c: jac(lambda W1: mlp_L(c, W1=W1), c["W1"])),
        "dL_db1": dict(idx=("k",), ref=r_mlp_db1,
                       fd=lambda c: jac(lambda b1: mlp_L(c, b1=b1), c["b1"])),
        "dL_db1_vec": dict(idx=(), ref=lambda c: col(r_mlp_db1(c)),
                           fd=lambda c: col(jac(lambda b1: mlp_L(c, b1=b1), c["b1"]))),
    },
)


# rnn_tanh
def s_rnn(rng, n, m):
    W = rng.normal(0, 0.8, (n, n))
    U = rng.normal(0, 0.8, (n, m))
    b = rng.normal(0, 0.5, n)
    hp = np.tanh(rng.normal(0, 1, n))
    xt = rng.normal(0, 1, m)
    a = W @ hp + U @ xt + b
    return dict(n=n, m=m, W=W, U=U, b=b, hp=hp, xt=xt, a=a, h=np.tanh(a))


def rnn_fwd(c, W=None, hp=None):
    W = c["W"] if W is None else W
    hp = c["hp"] if hp is None else hp
    return np.tanh(W @ hp + c["U"] @ c["xt"] + c["b"])


def r_rnn_dW(c):
    n = c["n"]
    T = np.zeros((n, n, n))
    for k in range(n):
        T[k, k, :] = (1 - c["h"][k] ** 2) * c["hp"]
    return T


RNN = dict(
    sizes=[dict(n=3, m=2), dict(n=4, m=3), dict(n=2, m=4), dict(n=5, m=1)],
    sample=s_rnn,
    targets={
        "dh_dhprev": dict(idx=("k", "i"), ref=lambda c: (1 - c["h"] ** 2)[:, None] * c["W"],
                          fd=lambda c: jac(lambda hp: rnn_fwd(c, hp=hp), c["hp"])),
        "dh_dhprev_matrix": dict(idx=(), ref=lambda c: (1 - c["h"] ** 2)[:, None] * c["W"],
                                 fd=lambda c: jac(lambda hp: rnn_fwd(c, hp=hp), c["hp"])),
        "dh_dW": dict(idx=("k", "i", "j"), ref=r_rnn_dW,
                      fd=lambda c: jac(lambda W: rnn_fwd(c, W=W), c["W"])),
    },
)


# layernorm: L = sum_j cc_j y_j + 1/2 sum_j dd_j y_j^2, so dL/dy_j = g_j = cc_j + dd_j y_j
def ln_fwd(x, gam, bet, eps):
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    xh = (x - mu) / np.sqrt(var + eps)
    return gam * xh + bet, mu, var, xh


def s_ln(rng, n):
    x = rng.normal(0, 1.5, n) + rng.normal(0, 1)
    gam = rng.uniform(0.3, 2.0) * rng.choice([-1, 1])
    bet = rng.normal(0, 1)
    eps = rng.uniform(0.05, 1.0)
    cc = rng.normal(0, 1, n)
    dd = rng.normal(0, 1, n)
    y, mu, var, xh = ln_fwd(x, gam, bet, eps)
    return dict(n=n, x=x, gam=gam, bet=bet, eps=eps, cc=cc, dd=dd, y=y, mu=mu, var=var,
                xh=xh, g=cc + dd * y, v=var + eps)


def ln_L(c, x=None, gam=None, bet=None):
    x = c["x"] if x is None else x
    gam = c["gam"] if gam is None else gam
    bet = c["bet"] if bet is None else bet
    y = ln_fwd(x, gam, bet, c["eps"])[0]
    return np.sum(c["cc"] * y) + 0.5 * np.sum(c["dd"] * y**2)


def r_ln_dx(c):
    g, xh, n = c["g"], c["xh"], c["n"]
    return c["gam"] / np.sqrt(c["v"]) * (g - g.sum() / n - xh * (xh @ g) / n)


LN = dict(
    sizes=[dict(n=3), dict(n=4), dict(n=2), dict(n=6)],
    sample=s_ln,
    targets={
        "dL_dx": dict(idx=("i",), ref=r_ln_dx, fd=lambda c: jac(lambda x: ln_L(c, x=x), c["x"])),
        "dL_dx_vec": dict(idx=(), ref=lambda c: col(r_ln_dx(c)),
                          fd=lambda c: col(jac(lambda x: ln_L(c, x=x), c["x"]))),
        "dL_dgamma": dict(idx=(), ref=lambda c: np.array(c["g"] @ c["xh"]),
                          fd=lambda c: jac(lambda gm: ln_L(c, gam=float(gm)), np.array(c["gam"]))),
        "dL_dbeta": dict(idx=(), ref=lambda c: np.array(c["g"].sum()),
                         fd=lambda c: jac(lambda bt: ln_L(c, bet=float(bt)), np.array(c["bet"]))),
    },
)

PROBLEMS = {
    "exercise13": EX13, "exercise14": EX14, "softmax_ce": SMCE, "attention_softmax": ATT,
    "logreg_l2": LR, "mlp2": MLP, "rnn_tanh": RNN, "layernorm": LN,
}

# ----------------------------------------------------------------------------- answers
ANSWERS = []


def A(problem, target, source, style, latex, intended, fn, meaning, mistake=None):
    assert source in ("plain", "converter", "latex")
    assert intended in ("right", "wrong")
    assert (mistake is None) == (intended == "right"), (problem, target, latex)
    ANSWERS.append(dict(problem=problem, target=target, source=source, style=style, latex=latex,
                        intended=intended, fn=fn, meaning=meaning, mistake=mistake))


R, Wr = "right", "wrong"

# ---- exercise13 ----------------------------------------------------------------
P = "exercise13"
T = "dy_dW"  # (k, i, j): sigma'(yt_k) delta_ik x_j
A(P, T, "plain", "ASCII, sigma' and y~, explicit *", "sigma'(y~_k)*delta_ik*x_j", R,
  lambda c, k, i, j: dsig(c["yt"][k]) * d(i, k) * c["x"][j], "sigma'(yt_k) delta_ik x_j")
A(P, T, "plain", "y(1-y) with an if/else instead of a delta", "y_k(1-y_k) x_j if i=k, else 0", R,
  lambda c, k, i, j: (c["y"][k] * (1 - c["y"][k]) * c["x"][j]) if i == k else 0.0,
  "y_k(1-y_k) x_j when i = k, 0 otherwise")
A(P, T, "plain", "Unicode σ δ ỹ and middle dots", "σ(ỹ_k)·δ_ik·x_j", Wr,
  lambda c, k, i, j: sig(c["yt"][k]) * d(i, k) * c["x"][j], "sigma(yt_k) delta_ik x_j",
  "sigma instead of sigma'")
A(P, T, "converter", "Mathpix: \\sigma^{\\prime}, \\left( \\right), spaced subscripts",
  r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \delta_{i k} x_{j}", R,
  lambda c, k, i, j: dsig(c["yt"][k]) * d(i, k) * c["x"][j], "sigma'(yt_k) delta_ik x_j")
A(P, T, "converter", "Mathpix, no delta", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) x_{j}", Wr,
  lambda c, k, i, j: dsig(c["yt"][k]) * c["x"][j], "sigma'(yt_k) x_j for every i",
  "dropped the Kronecker delta delta_ik")
A(P, T, "converter", "Mathpix, in $...$, sigma' at y~_i, no delta",
  r"$\sigma^{\prime}\left(\tilde{y}_{i}\right) x_{j}$", Wr,
  lambda c, k, i, j: dsig(c["yt"][i]) * c["x"][j], "sigma'(yt_i) x_j, independent of k",
  "dropped delta_ik and wrote sigma' at index i instead of k")
A(P, T, "latex", "\\frac lhs, sigma(1-sigma) with \\big( ... \\big)",
  r"$\frac{\partial y_k}{\partial W_{ij}} = \sigma(\tilde y_k)\big(1-\sigma(\tilde y_k)\big)\,\delta_{ik}\, x_j$", R,
  lambda c, k, i, j: sig(c["yt"][k]) * (1 - sig(c["yt"][k])) * d(i, k) * c["x"][j],
  "sigma(yt_k)(1-sigma(yt_k)) delta_ik x_j")
A(P, T, "latex", "\\frac lhs, indices of delta and x swapped",
  r"\frac{\partial y_k}{\partial W_{ij}} = \sigma'(\tilde y_k)\,\delta_{jk}\,x_i", Wr,
  lambda c, k, i, j: dsig(c["yt"][k]) * d(j, k) * (c["x"][i] if i < c["m"] else np.nan),
  "sigma'(yt_k) delta_jk x_i (x_i undefined when i > m)", "swapped i and j (wrong index)")
A(P, T, "latex", "chain rule written out, = ... = ...",
  r"\frac{\partial y_k}{\partial W_{ij}} = \sigma'(\tilde y_k)\,\frac{\partial \tilde y_k}{\partial W_{ij}} = \sigma'(\tilde y_k)\,\delta_{ki}\,x_j", R,
  lambda c, k, i, j: dsig(c["yt"][k]) * d(k, i) * c["x"][j], "sigma'(yt_k) delta_ki x_j")

T = "dy_dx"  # (k, i): sigma'(yt_k) W_ki
A(P, T, "plain", "ASCII y(1-y)", "y_k*(1-y_k)*W_ki", R,
  lambda c, k, i: c["y"][k] * (1 - c["y"][k]) * c["W"][k, i], "y_k(1-y_k) W_ki")
A(P, T, "plain", "Unicode, W indices swapped", "σ'(ỹ_k) W_ik", Wr,
  lambda c, k, i: dsig(c["yt"][k]) * c["W"][i, k], "sigma'(yt_k) W_ik (undefined when i > n or k > m)",
  "transposed (W_ik for W_ki)")
A(P, T, "converter", "Mathpix, sigma prime", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) W_{k i}", R,
  lambda c, k, i: dsig(c["yt"][k]) * c["W"][k, i], "sigma'(yt_k) W_ki")
A(P, T, "converter", "Mathpix, sigma(1-sigma), extra x_i",
  r"\sigma\left(\tilde{y}_{k}\right)\left(1-\sigma\left(\tilde{y}_{k}\right)\right) W_{k i} x_{i}", Wr,
  lambda c, k, i: dsig(c["yt"][k]) * c["W"][k, i] * c["x"][i], "sigma'(yt_k) W_ki x_i",
  "extra factor x_i (mixed up with the derivative by W)")
A(P, T, "latex", "sum over delta collapsed, = chain",
  r"$\frac{\partial y_k}{\partial x_i} = \sum_{l} \sigma'(\tilde y_k)\,\delta_{kl}\,W_{li} = \sigma'(\tilde y_k)\, W_{ki}$", R,
  lambda c, k, i: dsig(c["yt"][k]) * c["W"][k, i], "sigma'(yt_k) W_ki")
A(P, T, "latex", "\\frac lhs, sigma' evaluated at the wrong index",
  r"\frac{\partial y_k}{\partial x_i} = \sigma'(\tilde y_i)\, W_{ki}", Wr,
  lambda c, k, i: dsig(c["yt"][i]) * c["W"][k, i], "sigma'(yt_i) W_ki (yt_i undefined when i > n)",
  "sigma' at index i instead of k (wrong index)")

T = "dy_db"  # (k, i): sigma'(yt_k) delta_ki
A(P, T, "plain", "Unicode σ' δ", "σ'(ỹ_k) δ_ki", R,
  lambda c, k, i: dsig(c["yt"][k]) * d(k, i), "sigma'(yt_k) delta_ki")
A(P, T, "plain", "Unicode, no delta", "σ'(ỹ_k)", Wr,
  lambda c, k, i: dsig(c["yt"][k]), "sigma'(yt_k) for every i", "dropped the Kronecker delta")
A(P, T, "plain", "words 'if ... otherwise', Unicode minus", "y_k(1−y_k) if i=k, 0 otherwise", R,
  lambda c, k, i: c["y"][k] * (1 - c["y"][k]) if i == k else 0.0, "y_k(1-y_k) when i = k, else 0")
A(P, T, "converter", "Mathpix sigma(1-sigma) with \\left \\right",
  r"\sigma\left(\tilde{y}_{k}\right)\left(1-\sigma\left(\tilde{y}_{k}\right)\right) \delta_{i k}", R,
  lambda c, k, i: dsig(c["yt"][k]) * d(i, k), "sigma(yt_k)(1-sigma(yt_k)) delta_ik")
A(P, T, "converter", "Mathpix, \\( ... \\), sigma without prime",
  r"\(\sigma\left(\tilde{y}_{k}\right) \delta_{i k}\)", Wr,
  lambda c, k, i: sig(c["yt"][k]) * d(i, k), "sigma(yt_k) delta_ik", "sigma instead of sigma' (dropped prime)")
A(P, T, "latex", "\\begin{cases} with i = k / i \\neq k",
  r"\frac{\partial y_k}{\partial b_i} = \begin{cases} \sigma'(\tilde y_k) & i = k \\ 0 & i \neq k \end{cases}", R,
  lambda c, k, i: dsig(c["yt"][k]) if i == k else 0.0, "sigma'(yt_k) if i = k else 0")
A(P, T, "latex", "\\frac lhs, extra b_i factor",
  r"\frac{\partial y_k}{\partial b_i} = \sigma'(\tilde y_k)\,\delta_{ik}\, b_i", Wr,
  lambda c, k, i: dsig(c["yt"][k]) * d(i, k) * c["b"][i], "sigma'(yt_k) delta_ik b_i",
  "extra factor b_i (as if d(b_i)/db_i were b_i)")

T = "dy_dx_matrix"  # diag(sigma'(yt)) W, n x m
A(P, T, "plain", "diag(...) W, Unicode", "diag(σ'(ỹ)) W", R,
  lambda c: np.diag(dsig(c["yt"])) @ c["W"], "diag(sigma'(yt)) W")
A(P, T, "plain", "denominator layout W^T diag", "W^T diag(σ'(ỹ))", Wr,
  lambda c: c["W"].T @ np.diag(dsig(c["yt"])), "W^T diag(sigma'(yt)) (m x n)",
  "transposed (denominator layout)")
A(P, T, "converter", "Mathpix \\operatorname{diag}, \\boldsymbol, \\mathbf",
  r"\operatorname{diag}\left(\sigma^{\prime}(\tilde{\boldsymbol{y}})\right) \mathbf{W}", R,
  lambda c: np.diag(dsig(c["yt"])) @ c["W"], "diag(sigma'(yt)) W")
A(P, T, "converter", "Mathpix, diag on the right",
  r"\mathbf{W} \operatorname{diag}\left(\sigma^{\prime}(\tilde{\boldsymbol{y}})\right)", Wr,
  lambda c: c["W"] @ np.diag(dsig(c["yt"])), "W diag(sigma'(yt)) (defined only when n = m)",
  "wrong order of matrix product")
A(P, T, "latex", "$$ display, diag(y odot (1-y)), \\big",
  r"$$\frac{\partial y}{\partial x} = \operatorname{diag}\big(y \odot (1-y)\big)\, W$$", R,
  lambda c: np.diag(c["y"] * (1 - c["y"])) @ c["W"], "diag(y * (1-y)) W")
A(P, T, "latex", "diag(sigma(yt)) W",
  r"\frac{\partial y}{\partial x} = \operatorname{diag}(\sigma(\tilde y))\,W", Wr,
  lambda c: np.diag(sig(c["yt"])) @ c["W"], "diag(sigma(yt)) W", "sigma instead of sigma'")
A(P, T, "latex", "chain of Jacobians, = ... = ...",
  r"\frac{\partial y}{\partial x} = \frac{\partial y}{\partial \tilde y}\frac{\partial \tilde y}{\partial x} = \operatorname{diag}(\sigma'(\tilde y))\,W", R,
  lambda c: np.diag(dsig(c["yt"])) @ c["W"], "diag(sigma'(yt)) W")

T = "dyk_dW_matrix"  # for each k: sigma'(yt_k) e_k x^T, n x m
A(P, T, "plain", "e_k x^T, ASCII transpose", "σ'(ỹ_k) e_k x^T", R,
  lambda c, k: dsig(c["yt"][k]) * e_(k, c["n"]) @ row(c["x"]), "sigma'(yt_k) e_k x^T")
A(P, T, "plain", "x e_k^T", "σ'(ỹ_k) x e_k^T", Wr,
  lambda c, k: dsig(c["yt"][k]) * col(c["x"]) @ e_(k, c["n"]).T, "sigma'(yt_k) x e_k^T (m x n)",
  "transposed")
A(P, T, "converter", "Mathpix bold e_k, x^{\\top}",
  r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \mathbf{e}_{k} \mathbf{x}^{\top}", R,
  lambda c, k: dsig(c["yt"][k]) * e_(k, c["n"]) @ row(c["x"]), "sigma'(yt_k) e_k x^T")
A(P, T, "converter", "Mathpix, only the row, { }^{\\top} quirk",
  r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \mathbf{x}{ }^{\top}", Wr,
  lambda c, k: dsig(c["yt"][k]) * row(c["x"]), "sigma'(yt_k) x^T: a 1 x m row",
  "gave only the nonzero row k (1 x m) instead of the n x m matrix")
A(P, T, "latex", "y_k(1-y_k) e_k x^\\top",
  r"\frac{\partial y_k}{\partial W} = y_k(1-y_k)\, e_k x^\top", R,
  lambda c, k: c["y"][k] * (1 - c["y"][k]) * e_(k, c["n"]) @ row(c["x"]), "y_k(1-y_k) e_k x^T")
A(P, T, "latex", "ones vector instead of e_k",
  r"\frac{\partial y_k}{\partial W} = \sigma'(\tilde y_k)\, \mathbf{1}\, x^\top", Wr,
  lambda c, k: dsig(c["yt"][k]) * ones(c["n"]) @ row(c["x"]), "sigma'(yt_k) 1 x^T (every row x^T)",
  "ones vector instead of e_k (every row filled)")
A(P, T, "latex", "entry of the matrix, [.]_{ij} =",
  r"\left[\frac{\partial y_k}{\partial W}\right]_{ij} = \sigma'(\tilde y_k)\,\delta_{ik}\,x_j", R,
  lambda c, k: np.array([[dsig(c["yt"][k]) * d(i, k) * c["x"][j] for j in range(c["m"])] for i in range(c["n"])]),
  "matrix with entries sigma'(yt_k) delta_ik x_j")

T = "dy_dyt"  # (k): sigma'(yt_k)
A(P, T, "plain", "y(1-y)", "y_k(1-y_k)", R, lambda c, k: c["y"][k] * (1 - c["y"][k]), "y_k(1-y_k)")
A(P, T, "plain", "exp written out, ASCII ^", "e^(-ỹ_k)/(1+e^(-ỹ_k))", Wr,
  lambda c, k: np.exp(-c["yt"][k]) / (1 + np.exp(-c["yt"][k])), "e^{-yt_k}/(1+e^{-yt_k})",
  "forgot the square in the denominator")
A(P, T, "converter", "Mathpix \\frac with \\left( \\right)^{2}",
  r"\frac{e^{-\tilde{y}_{k}}}{\left(1+e^{-\tilde{y}_{k}}\right)^{2}}", R,
  lambda c, k: np.exp(-c["yt"][k]) / (1 + np.exp(-c["yt"][k])) ** 2, "e^{-yt_k}/(1+e^{-yt_k})^2")
A(P, T, "latex", "\\frac lhs, sigma",
  r"\frac{\partial y_k}{\partial \tilde y_k} = \sigma(\tilde y_k)", Wr,
  lambda c, k: sig(c["yt"][k]), "sigma(yt_k)", "dropped the prime (sigma for sigma')")
A(P, T, "latex", "sigma(1-sigma) with \\left( \\right), final period",
  r"\frac{\partial y_k}{\partial \tilde y_k} = \sigma(\tilde y_k)\left(1-\sigma(\tilde y_k)\right).", R,
  lambda c, k: dsig(c["yt"][k]), "sigma(yt_k)(1-sigma(yt_k))")

# ---- exercise14 ----------------------------------------------------------------
P = "exercise14"
T = "dF_dtheta1"
A(P, T, "plain", "Unicode ∂ and ·, bare function names", "∂f3/∂y · ∂f2/∂ỹ · ∂f1/∂θ1", R,
  lambda c: c["f3_u"] * c["f2_u"] * c["f1_t"], "df3/dy * df2/dyt * df1/dtheta1")
A(P, T, "plain", "Unicode, two factors", "∂f3/∂y * ∂f1/∂θ1", Wr,
  lambda c: c["f3_u"] * c["f1_t"], "df3/dy * df1/dtheta1", "missing chain factor df2/dyt")
A(P, T, "converter", "Mathpix, partials with their arguments",
  r"\frac{\partial f_{3}\left(y, \theta_{3}\right)}{\partial y} \frac{\partial f_{2}\left(\tilde{y}, \theta_{2}\right)}{\partial \tilde{y}} \frac{\partial f_{1}\left(x, \theta_{1}\right)}{\partial \theta_{1}}", R,
  lambda c: c["f3_u"] * c["f2_u"] * c["f1_t"], "df3/dy * df2/dyt * df1/dtheta1")
A(P, T, "converter", "Mathpix, bare names, d f2/d theta2",
  r"\frac{\partial f_{3}}{\partial y} \frac{\partial f_{2}}{\partial \theta_{2}} \frac{\partial f_{1}}{\partial \theta_{1}}", Wr,
  lambda c: c["f3_u"] * c["f2_t"] * c["f1_t"], "df3/dy * df2/dtheta2 * df1/dtheta1",
  "df2/dtheta2 instead of df2/dyt in the chain")
A(P, T, "latex", "chain of = through F, y, yt",
  r"\frac{\partial F}{\partial \theta_1} = \frac{\partial F}{\partial y}\frac{\partial y}{\partial \tilde y}\frac{\partial \tilde y}{\partial \theta_1} = \frac{\partial f_3(y,\theta_3)}{\partial y}\,\frac{\partial f_2(\tilde y,\theta_2)}{\partial \tilde y}\,\frac{\partial f_1(x,\theta_1)}{\partial \theta_1}", R,
  lambda c: c["f3_u"] * c["f2_u"] * c["f1_t"], "df3/dy * df2/dyt * df1/dtheta1")
A(P, T, "latex", "last factor by x",
  r"\frac{\partial F}{\partial \theta_1} = \frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial \tilde y}\frac{\partial f_1}{\partial x}", Wr,
  lambda c: c["f3_u"] * c["f2_u"] * c["f1_x"], "df3/dy * df2/dyt * df1/dx",
  "differentiated f1 by x instead of theta1 (wrong variable)")

T = "dG_dtheta1"
A(P, T, "plain", "Unicode, (.. + 1) factor", "(∂f3/∂y + 1) ∂f2/∂ỹ ∂f1/∂θ1", R,
  lambda c: (c["f3_u"] + 1) * c["f2_u"] * c["f1_t"], "(df3/dy + 1) df2/dyt df1/dtheta1")
A(P, T, "plain", "ASCII d, same as F", "df3/dy * df2/dy~ * df1/dtheta1", Wr,
  lambda c: c["f3_u"] * c["f2_u"] * c["f1_t"], "df3/dy df2/dyt df1/dtheta1 (the skip ignored)",
  "missing the skip-connection term (+1)")
A(P, T, "converter", "Mathpix, + I identity, arguments",
  r"\left(\frac{\partial f_{3}(y, \theta_{3})}{\partial y}+I\right) \frac{\partial f_{2}(\tilde{y}, \theta_{2})}{\partial \tilde{y}} \frac{\partial f_{1}(x, \theta_{1})}{\partial \theta_{1}}", R,
  lambda c: (c["f3_u"] + 1) * c["f2_u"] * c["f1_t"], "(df3/dy + I) df2/dyt df1/dtheta1, I = 1 for scalars")
A(P, T, "converter", "Mathpix, skip term without df2/dyt",
  r"\frac{\partial f_{3}}{\partial y} \frac{\partial f_{2}}{\partial \tilde{y}} \frac{\partial f_{1}}{\partial \theta_{1}}+\frac{\partial f_{1}}{\partial \theta_{1}}", Wr,
  lambda c: c["f3_u"] * c["f2_u"] * c["f1_t"] + c["f1_t"], "df3/dy df2/dyt df1/dtheta1 + df1/dtheta1",
  "skip term missing the chain factor df2/dyt")
A(P, T, "latex", "expanded, intermediate names y and yt",
  r"\frac{\partial G}{\partial \theta_1} = \frac{\partial f_3(y,\theta_3)}{\partial y}\frac{\partial y}{\partial \tilde y}\frac{\partial \tilde y}{\partial \theta_1} + \frac{\partial y}{\partial \tilde y}\frac{\partial \tilde y}{\partial \theta_1}", R,
  lambda c: c["f3_u"] * c["f2_u"] * c["f1_t"] + c["f2_u"] * c["f1_t"], "df3/dy dy/dyt dyt/dtheta1 + dy/dyt dyt/dtheta1")
A(P, T, "latex", "factored, middle factor missing",
  r"\frac{\partial G}{\partial \theta_1} = \left(\frac{\partial f_3}{\partial y} + 1\right)\frac{\partial f_1}{\partial \theta_1}", Wr,
  lambda c: (c["f3_u"] + 1) * c["f1_t"], "(df3/dy + 1) df1/dtheta1", "missing chain factor df2/dyt")

T = "dG_dtheta3"
A(P, T, "plain", "Unicode with arguments", "∂f3(y,θ3)/∂θ3", R, lambda c: c["f3_t"], "df3/dtheta3")
A(P, T, "plain", "Unicode, + 1", "∂f3/∂θ3 + 1", Wr, lambda c: c["f3_t"] + 1, "df3/dtheta3 + 1",
  "added the skip's identity for theta3")
A(P, T, "converter", "Mathpix with arguments",
  r"\frac{\partial f_{3}\left(y, \theta_{3}\right)}{\partial \theta_{3}}", R, lambda c: c["f3_t"], "df3/dtheta3")
A(P, T, "converter", "Mathpix, + I",
  r"\frac{\partial f_{3}}{\partial \theta_{3}}+I", Wr, lambda c: c["f3_t"] + 1, "df3/dtheta3 + I (I = 1 for scalars)",
  "added the skip's identity for theta3")
A(P, T, "latex", "chain with a zero term, = ... = ...",
  r"\frac{\partial G}{\partial \theta_3} = \frac{\partial f_3(y,\theta_3)}{\partial\theta_3} + \frac{\partial y}{\partial \theta_3} = \frac{\partial f_3(y,\theta_3)}{\partial\theta_3}", R,
  lambda c: c["f3_t"] + 0.0, "df3/dtheta3 + dy/dtheta3 (= 0)")

T = "dG_minus_dF_theta1"
A(P, T, "plain", "ASCII-ish with ∂ and *", "∂f2/∂ỹ * ∂f1/∂θ1", R, lambda c: c["f2_u"] * c["f1_t"], "df2/dyt df1/dtheta1")
A(P, T, "plain", "one factor", "∂f1/∂θ1", Wr, lambda c: c["f1_t"], "df1/dtheta1", "missing chain factor df2/dyt")
A(P, T, "converter", "Mathpix, intermediate names",
  r"\frac{\partial y}{\partial \tilde{y}} \frac{\partial \tilde{y}}{\partial \theta_{1}}", R,
  lambda c: c["f2_u"] * c["f1_t"], "dy/dyt dyt/dtheta1")
A(P, T, "latex", "wrote dF/dtheta1, not the difference",
  r"\frac{\partial G}{\partial\theta_1}-\frac{\partial F}{\partial\theta_1} = \frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial \tilde y}\frac{\partial f_1}{\partial\theta_1}", Wr,
  lambda c: c["f3_u"] * c["f2_u"] * c["f1_t"], "df3/dy df2/dyt df1/dtheta1",
  "gave dF/dtheta1 instead of the difference")
A(P, T, "latex", "difference lhs, arguments",
  r"\frac{\partial G}{\partial\theta_1}-\frac{\partial F}{\partial\theta_1} = \frac{\partial f_2(\tilde y,\theta_2)}{\partial \tilde y}\,\frac{\partial f_1(x,\theta_1)}{\partial \theta_1}", R,
  lambda c: c["f2_u"] * c["f1_t"], "df2/dyt df1/dtheta1")

T = "dG_minus_dF_theta2"
A(P, T, "plain", "Unicode with arguments", "∂f2(ỹ,θ2)/∂θ2", R, lambda c: c["f2_t"], "df2/dtheta2")
A(P, T, "plain", "just 0", "0", Wr, lambda c: 0.0, "0", "claimed the skip changes nothing for theta2")
A(P, T, "converter", "Mathpix, dF/dtheta2",
  r"\frac{\partial f_{3}}{\partial y} \frac{\partial f_{2}}{\partial \theta_{2}}", Wr,
  lambda c: c["f3_u"] * c["f2_t"], "df3/dy df2/dtheta2", "gave dF/dtheta2 instead of the difference")
A(P, T, "latex", "difference worked out, = chain",
  r"\frac{\partial G}{\partial \theta_2} - \frac{\partial F}{\partial \theta_2} = \left(\frac{\partial f_3}{\partial y} + 1\right)\frac{\partial f_2}{\partial \theta_2} - \frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial \theta_2} = \frac{\partial f_2(\tilde y, \theta_2)}{\partial \theta_2}", R,
  lambda c: c["f2_t"], "df2/dtheta2")
A(P, T, "latex", "dy/dtheta2 in $...$", r"$\frac{\partial y}{\partial \theta_2}$", R,
  lambda c: c["f2_t"], "dy/dtheta2 = df2/dtheta2")

T = "dG_minus_dF_theta3"
A(P, T, "plain", "just 0", "0", R, lambda c: 0.0, "0")
A(P, T, "plain", "Unicode, gave dG/dtheta3", "∂f3/∂θ3", Wr, lambda c: c["f3_t"], "df3/dtheta3",
  "gave dG/dtheta3 instead of the difference")
A(P, T, "latex", "difference = 1",
  r"\frac{\partial G}{\partial \theta_3} - \frac{\partial F}{\partial \theta_3} = 1", Wr,
  lambda c: 1.0, "1", "thought the skip adds the identity for theta3")

# ---- softmax_ce ----------------------------------------------------------------
P = "softmax_ce"
T = "dp_dz"  # (k, i): p_k (delta_ik - p_i)
A(P, T, "plain", "Unicode δ", "p_k(δ_ik - p_i)", R,
  lambda c, k, i: c["p"][k] * (d(i, k) - c["p"][i]), "p_k(delta_ik - p_i)")
A(P, T, "plain", "Python-like if/else", "p_i(1-p_i) if i=k else -p_i p_k", R,
  lambda c, k, i: c["p"][i] * (1 - c["p"][i]) if i == k else -c["p"][i] * c["p"][k],
  "p_i(1-p_i) if i = k else -p_i p_k")
A(P, T, "plain", "ASCII, delta replaced by 1", "p_k(1-p_i)", Wr,
  lambda c, k, i: c["p"][k] * (1 - c["p"][i]), "p_k(1-p_i) for every i", "1 instead of delta_ik (dropped delta)")
A(P, T, "plain", "ASCII product", "-p_i*p_k", Wr,
  lambda c, k, i: -c["p"][i] * c["p"][k], "-p_i p_k", "dropped the delta term (off-diagonal only)")
A(P, T, "converter", "Mathpix, spaced delta subscripts", r"p_{k}\left(\delta_{i k}-p_{i}\right)", R,
  lambda c, k, i: c["p"][k] * (d(i, k) - c["p"][i]), "p_k(delta_ik - p_i)")
A(P, T, "converter", "Mathpix, \\frac lhs, p_k(1-p_k)",
  r"\frac{\partial p_{k}}{\partial z_{i}}=p_{k}\left(1-p_{k}\right)", Wr,
  lambda c, k, i: c["p"][k] * (1 - c["p"][k]), "p_k(1-p_k) for every i",
  "p_k(1-p_k) on the off-diagonal too")
A(P, T, "latex", "quotient rule expanded, = chain",
  r"\frac{\partial p_k}{\partial z_i} = \frac{e^{z_k}\delta_{ik}}{\sum_l e^{z_l}} - \frac{e^{z_k}e^{z_i}}{\left(\sum_l e^{z_l}\right)^2} = p_k\delta_{ik} - p_k p_i", R,
  lambda c, k, i: c["p"][k] * d(i, k) - c["p"][k] * c["p"][i], "p_k delta_ik - p_k p_i")
A(P, T, "latex", "log-softmax derivative",
  r"\frac{\partial p_k}{\partial z_i} = \delta_{ik} - p_i", Wr,
  lambda c, k, i: d(i, k) - c["p"][i], "delta_ik - p_i", "missing factor p_k (log-softmax derivative)")
A(P, T, "latex", "\\begin{cases} with commas and final period",
  r"\frac{\partial p_k}{\partial z_i} = \begin{cases} p_i(1-p_i), & i=k,\\ -p_ip_k, & i\neq k.\end{cases}", R,
  lambda c, k, i: c["p"][i] * (1 - c["p"][i]) if i == k else -c["p"][i] * c["p"][k],
  "p_i(1-p_i) if i = k, -p_i p_k otherwise")

T = "dp_dz_matrix"  # diag(p) - p p^T
A(P, T, "plain", "diag(p) - p p^T", "diag(p) - p p^T", R,
  lambda c: np.diag(c["p"]) - col(c["p"]) @ row(c["p"]), "diag(p) - p p^T")
A(P, T, "plain", "Unicode ⊙, diagonal only", "diag(p ⊙ (1 - p))", Wr,
  lambda c: np.diag(c["p"] * (1 - c["p"])), "diag(p * (1 - p))", "dropped the off-diagonal terms -p_k p_i")
A(P, T, "converter", "Mathpix bold, \\top", r"\operatorname{diag}(\mathbf{p})-\mathbf{p} \mathbf{p}^{\top}", R,
  lambda c: np.diag(c["p"]) - col(c["p"]) @ row(c["p"]), "diag(p) - p p^T")
A(P, T, "converter", "Mathpix, factored in the wrong order",
  r"\left(I-\mathbf{1} \mathbf{p}^{\top}\right) \operatorname{diag}(\mathbf{p})", Wr,
  lambda c: (np.eye(c["K"]) - ones(c["K"]) @ row(c["p"])) @ np.diag(c["p"]),
  "(I - 1 p^T) diag(p): entries delta_ki p_i - p_i^2", "wrong order of matrix product")
A(P, T, "latex", "factored diag(p)(I - 1 p^T)",
  r"\frac{\partial p}{\partial z} = \operatorname{diag}(p)\left(I - \mathbf{1}p^\top\right)", R,
  lambda c: np.diag(c["p"]) @ (np.eye(c["K"]) - ones(c["K"]) @ row(c["p"])), "diag(p)(I - 1 p^T)")
A(P, T, "latex", "inner product instead of outer",
  r"\frac{\partial p}{\partial z} = \mathrm{diag}(p) - p^{\top}p", Wr,
  lambda c: np.diag(c["p"]) - (c["p"] @ c["p"]) * np.ones((c["K"], c["K"])),
  "diag(p) minus the scalar p^T p (wrong under any reading)", "p^T p (inner) instead of p p^T (outer)")

T = "dL_dz"  # (i): p_i - y_i
A(P, T, "plain", "ASCII", "p_i - y_i", R, lambda c, i: c["p"][i] - c["y"][i], "p_i - y_i")
A(P, T, "plain", "ASCII fraction", "-y_i/p_i", Wr, lambda c, i: -c["y"][i] / c["p"][i], "-y_i/p_i",
  "-y_i/p_i (dL/dp_i) for dL/dz_i")
A(P, T, "plain", "exp(...)/sum, ASCII", "exp(z_i)/sum_k exp(z_k) - y_i", R,
  lambda c, i: np.exp(c["z"][i]) / np.exp(c["z"]).sum() - c["y"][i], "softmax_i(z) - y_i")
A(P, T, "converter", "Mathpix, sum with delta (uses sum y = 1)",
  r"-\sum_{k} y_{k}\left(\delta_{i k}-p_{i}\right)", R,
  lambda c, i: -sum(c["y"][k] * (d(i, k) - c["p"][i]) for k in range(c["K"])), "-sum_k y_k(delta_ik - p_i)")
A(P, T, "converter", "Mathpix, sign flipped", r"y_{i}-p_{i}", Wr,
  lambda c, i: c["y"][i] - c["p"][i], "y_i - p_i", "sign flipped")
A(P, T, "latex", "full chain = ... = ...",
  r"\frac{\partial L}{\partial z_i} = -\sum_{k=1}^K \frac{y_k}{p_k}\,p_k(\delta_{ik}-p_i) = -y_i + p_i\sum_k y_k = p_i - y_i", R,
  lambda c, i: c["p"][i] - c["y"][i], "p_i - y_i")
A(P, T, "latex", "only the k = i term",
  r"\frac{\partial L}{\partial z_i} = -y_i(1-p_i)", Wr,
  lambda c, i: -c["y"][i] * (1 - c["p"][i]), "-y_i(1-p_i)", "kept only the k = i term of the sum")
A(P, T, "latex", "one-hot assumption",
  r"\frac{\partial L}{\partial z_i} = p_i - 1", Wr,
  lambda c, i: c["p"][i] - 1, "p_i - 1", "assumed a one-hot target with y_i = 1")

T = "dL_dz_vec"  # (p - y) column
A(P, T, "plain", "ASCII", "p - y", R, lambda c: col(c["p"] - c["y"]), "p - y")
A(P, T, "plain", "transposed row", "(p - y)^T", Wr, lambda c: row(c["p"] - c["y"]), "(p - y)^T: a row",
  "transposed (row vector)")
A(P, T, "converter", "Mathpix \\boldsymbol", r"\boldsymbol{p}-\boldsymbol{y}", R, lambda c: col(c["p"] - c["y"]), "p - y")
A(P, T, "converter", "Mathpix vector fraction", r"-\frac{\mathbf{y}}{\mathbf{p}}", Wr,
  lambda c: col(-c["y"] / c["p"]), "-y / p entrywise", "dL/dp instead of dL/dz (missing softmax Jacobian)")
A(P, T, "latex", "\\nabla_z L with softmax",
  r"\nabla_z L = \operatorname{softmax}(z) - y", R, lambda c: col(softmax(c["z"]) - c["y"]), "softmax(z) - y")
A(P, T, "latex", "Jacobian^T times dL/dp, = chain",
  r"\frac{\partial L}{\partial z} = \left(\operatorname{diag}(p) - pp^\top\right)^{\top}\left(-\frac{y}{p}\right) = p - y", R,
  lambda c: col(c["p"] - c["y"]), "p - y")

# ---- attention_softmax ---------------------------------------------------------
P = "attention_softmax"
T = "da_ds"  # (j, i): a_j (delta_ij - a_i)
A(P, T, "plain", "Unicode δ", "a_j(δ_ij - a_i)", R, lambda c, j, i: c["a"][j] * (d(i, j) - c["a"][i]), "a_j(delta_ij - a_i)")
A(P, T, "plain", "ASCII a_j(1-a_j)", "a_j(1-a_j)", Wr, lambda c, j, i: c["a"][j] * (1 - c["a"][j]),
  "a_j(1-a_j) for every i", "p_k(1-p_k) on the off-diagonal (a_j(1-a_j) for every i)")
A(P, T, "converter", "Mathpix", r"a_{j}\left(\delta_{i j}-a_{i}\right)", R,
  lambda c, j, i: c["a"][j] * (d(i, j) - c["a"][i]), "a_j(delta_ij - a_i)")
A(P, T, "converter", "Mathpix, a_j^2", r"\delta_{i j} a_{j}-a_{j}^{2}", Wr,
  lambda c, j, i: d(i, j) * c["a"][j] - c["a"][j] ** 2, "delta_ij a_j - a_j^2",
  "a_j^2 instead of a_i a_j off the diagonal (wrong index)")
A(P, T, "latex", "\\begin{cases} with \\text{if}, \\text{otherwise}",
  r"\frac{\partial a_j}{\partial s_i} = \begin{cases} a_j(1-a_j) & \text{if } i = j\\ -a_i a_j & \text{otherwise}\end{cases}", R,
  lambda c, j, i: c["a"][j] * (1 - c["a"][j]) if i == j else -c["a"][i] * c["a"][j], "a_j(1-a_j) if i = j else -a_i a_j")
A(P, T, "latex", "cases, minus lost off the diagonal",
  r"\frac{\partial a_j}{\partial s_i} = \begin{cases} a_j(1-a_j) & i = j\\ a_i a_j & i \ne j\end{cases}", Wr,
  lambda c, j, i: c["a"][j] * (1 - c["a"][j]) if i == j else c["a"][i] * c["a"][j], "a_j(1-a_j) if i = j else a_i a_j",
  "sign lost on the off-diagonal")

T = "da_ds_matrix"
A(P, T, "plain", "Unicode minus and ᵀ", "diag(a) − a aᵀ", R, lambda c: np.diag(c["a"]) - np.outer(c["a"], c["a"]), "diag(a) - a a^T")
A(P, T, "plain", "diag(a) - diag(a)^2", "diag(a) - diag(a)^2", Wr, lambda c: np.diag(c["a"] - c["a"] ** 2),
  "diag(a - a^2)", "dropped the off-diagonal terms")
A(P, T, "converter", "Mathpix boldsymbol", r"\operatorname{diag}(\boldsymbol{a})-\boldsymbol{a} \boldsymbol{a}^{\top}", R,
  lambda c: np.diag(c["a"]) - np.outer(c["a"], c["a"]), "diag(a) - a a^T")
A(P, T, "latex", "final period", r"\frac{\partial a}{\partial s} = \operatorname{diag}(a) - a\,a^{\top}.", R,
  lambda c: np.diag(c["a"]) - np.outer(c["a"], c["a"]), "diag(a) - a a^T")
A(P, T, "latex", "factored with a 1^T instead of 1 a^T",
  r"\frac{\partial a}{\partial s} = \operatorname{diag}(a)\left(I - a\mathbf{1}^{\top}\right)", Wr,
  lambda c: np.diag(c["a"]) @ (np.eye(c["n"]) - col(c["a"]) @ ones(c["n"]).T), "diag(a)(I - a 1^T): entries a_j delta_ji - a_j^2",
  "a 1^T instead of 1 a^T (transposed outer product)")

T = "da_dq"  # (j, d): a_j (K_jd - sum_i a_i K_id) / sqrt(D)
KS = lambda c, dd: c["a"] @ c["K"][:, dd]  # noqa: E731  sum_i a_i K_id
A(P, T, "plain", "ASCII sum_i, sqrt(D)", "a_j (K_jd - sum_i a_i K_id) / sqrt(D)", R,
  lambda c, j, dd: c["a"][j] * (c["K"][j, dd] - KS(c, dd)) / np.sqrt(c["D"]), "a_j(K_jd - sum_i a_i K_id)/sqrt(D)")
A(P, T, "plain", "ASCII, no scale", "a_j (K_jd - sum_i a_i K_id)", Wr,
  lambda c, j, dd: c["a"][j] * (c["K"][j, dd] - KS(c, dd)), "a_j(K_jd - sum_i a_i K_id)",
  "missing the 1/sqrt(D) factor (missing chain factor)")
A(P, T, "converter", "Mathpix bounded sum over l",
  r"\frac{1}{\sqrt{D}} a_{j}\left(K_{j d}-\sum_{l=1}^{n} a_{l} K_{l d}\right)", R,
  lambda c, j, dd: c["a"][j] * (c["K"][j, dd] - KS(c, dd)) / np.sqrt(c["D"]), "(1/sqrt D) a_j (K_jd - sum_l a_l K_ld)")
A(P, T, "converter", "Mathpix, diagonal term only",
  r"\frac{a_{j}\left(1-a_{j}\right) K_{j d}}{\sqrt{D}}", Wr,
  lambda c, j, dd: c["a"][j] * (1 - c["a"][j]) * c["K"][j, dd] / np.sqrt(c["D"]), "a_j(1-a_j) K_jd / sqrt(D)",
  "kept only the i = j term of the softmax Jacobian")
A(P, T, "latex", "chain rule sum, = ... =",
  r"\frac{\partial a_j}{\partial q_d} = \sum_{i=1}^n \frac{\partial a_j}{\partial s_i}\frac{\partial s_i}{\partial q_d} = \sum_{i=1}^n a_j(\delta_{ij}-a_i)\frac{K_{id}}{\sqrt D}", R,
  lambda c, j, dd: sum(c["a"][j] * (d(i, j) - c["a"][i]) * c["K"][i, dd] for i in range(c["n"])) / np.sqrt(c["D"]),
  "sum_i a_j(delta_ij - a_i) K_id / sqrt(D)")
A(P, T, "latex", "1/D instead of 1/sqrt(D), \\Big",
  r"\frac{\partial a_j}{\partial q_d} = \frac{a_j}{D}\Big(K_{jd} - \sum_{i} a_i K_{id}\Big)", Wr,
  lambda c, j, dd: c["a"][j] * (c["K"][j, dd] - KS(c, dd)) / c["D"], "a_j(K_jd - sum_i a_i K_id)/D",
  "1/D instead of 1/sqrt(D) (coefficient off)")
A(P, T, "latex", "wrong index inside the sum",
  r"\frac{\partial a_j}{\partial q_d} = \frac{a_j}{\sqrt D}\left(K_{jd} - \sum_i a_i K_{jd}\right)", Wr,
  lambda c, j, dd: c["a"][j] / np.sqrt(c["D"]) * (c["K"][j, dd] - c["a"].sum() * c["K"][j, dd]),
  "a_j/sqrt(D) (K_jd - sum_i a_i K_jd) = 0", "K_jd instead of K_id inside the sum (wrong index)")
A(P, T, "latex", "expanded, unbounded sum over l",
  r"\frac{1}{\sqrt D}\left(a_j K_{jd} - a_j \sum_{l} a_l K_{ld}\right)", R,
  lambda c, j, dd: (c["a"][j] * c["K"][j, dd] - c["a"][j] * KS(c, dd)) / np.sqrt(c["D"]),
  "(a_j K_jd - a_j sum_l a_l K_ld)/sqrt(D)")

# ---- logreg_l2 -----------------------------------------------------------------
P = "logreg_l2"
T = "dL_dw"  # (i): (p - y) x_i + lambda w_i
A(P, T, "plain", "ASCII lambda", "(p - y)*x_i + lambda*w_i", R,
  lambda c, i: (c["p"] - c["y"]) * c["x"][i] + c["lam"] * c["w"][i], "(p-y) x_i + lambda w_i")
A(P, T, "plain", "Unicode λ/2", "(p-y)x_i + λ/2 w_i", Wr,
  lambda c, i: (c["p"] - c["y"]) * c["x"][i] + c["lam"] / 2 * c["w"][i], "(p-y) x_i + (lambda/2) w_i",
  "lambda/2 for lambda (lost factor 2)")
A(P, T, "plain", "Unicode σ(s), minus sign U+2212", "(σ(s) − y) x_i + λ w_i", R,
  lambda c, i: (sig(c["s"]) - c["y"]) * c["x"][i] + c["lam"] * c["w"][i], "(sigma(s) - y) x_i + lambda w_i")
A(P, T, "converter", "Mathpix, s written out with bounded sum",
  r"\left(\sigma\left(\sum_{j=1}^{m} w_{j} x_{j}+b\right)-y\right) x_{i}+\lambda w_{i}", R,
  lambda c, i: (sig(c["w"] @ c["x"] + c["b"]) - c["y"]) * c["x"][i] + c["lam"] * c["w"][i],
  "(sigma(sum_j w_j x_j + b) - y) x_i + lambda w_i")
A(P, T, "converter", "Mathpix, sign flipped", r"(y-p) x_{i}+\lambda w_{i}", Wr,
  lambda c, i: (c["y"] - c["p"]) * c["x"][i] + c["lam"] * c["w"][i], "(y - p) x_i + lambda w_i",
  "sign of the data term flipped")
A(P, T, "latex", "chain through p, = ... =",
  r"\frac{\partial L}{\partial w_i} = -\frac{y}{p}\,p(1-p)\,x_i + \frac{1-y}{1-p}\,p(1-p)\,x_i + \lambda w_i = (p-y)\,x_i + \lambda w_i", R,
  lambda c, i: (c["p"] - c["y"]) * c["x"][i] + c["lam"] * c["w"][i], "(p-y) x_i + lambda w_i")
A(P, T, "latex", "extra sigma' factor",
  r"\frac{\partial L}{\partial w_i} = p(1-p)(p-y)x_i + \lambda w_i", Wr,
  lambda c, i: c["p"] * (1 - c["p"]) * (c["p"] - c["y"]) * c["x"][i] + c["lam"] * c["w"][i],
  "p(1-p)(p-y) x_i + lambda w_i", "extra factor sigma'(s) = p(1-p) (squared-error habit)")
A(P, T, "latex", "no x_i", r"\frac{\partial L}{\partial w_i} = (p - y) + \lambda w_i", Wr,
  lambda c, i: (c["p"] - c["y"]) + c["lam"] * c["w"][i], "(p - y) + lambda w_i", "missing chain factor x_i")

T = "dL_dw_vec"
A(P, T, "plain", "Unicode λ", "(p-y)x + λw", R, lambda c: col((c["p"] - c["y"]) * c["x"] + c["lam"] * c["w"]), "(p-y) x + lambda w")
A(P, T, "plain", "Unicode ᵀ, row vector", "(p−y)xᵀ + λwᵀ", Wr,
  lambda c: row((c["p"] - c["y"]) * c["x"] + c["lam"] * c["w"]), "a row vector", "transposed (row vector)")
A(P, T, "converter", "Mathpix bold", r"(p-y) \mathbf{x}+\lambda \mathbf{w}", R,
  lambda c: col((c["p"] - c["y"]) * c["x"] + c["lam"] * c["w"]), "(p-y) x + lambda w")
A(P, T, "converter", "Mathpix, lambda/2", r"(p-y) \mathbf{x}+\frac{\lambda}{2} \mathbf{w}", Wr,
  lambda c: col((c["p"] - c["y"]) * c["x"] + c["lam"] / 2 * c["w"]), "(p-y) x + (lambda/2) w", "lambda/2 for lambda (lost factor 2)")
A(P, T, "latex", "\\nabla_w with w^\\top x",
  r"\nabla_w L = \big(\sigma(w^\top x + b) - y\big)\,x + \lambda\,w", R,
  lambda c: col((sig(c["w"] @ c["x"] + c["b"]) - c["y"]) * c["x"] + c["lam"] * c["w"]), "(sigma(w^T x + b) - y) x + lambda w")
A(P, T, "latex", "2 lambda w", r"\frac{\partial L}{\partial w} = (p - y)\,x + 2\lambda w", Wr,
  lambda c: col((c["p"] - c["y"]) * c["x"] + 2 * c["lam"] * c["w"]), "(p-y) x + 2 lambda w",
  "2 lambda for lambda (forgot the 1/2 cancels the 2)")

T = "dL_db"
A(P, T, "plain", "ASCII", "p - y", R, lambda c: np.array(c["p"] - c["y"]), "p - y")
A(P, T, "plain", "Unicode λ, bias regularized", "p - y + λb", Wr, lambda c: np.array(c["p"] - c["y"] + c["lam"] * c["b"]),
  "p - y + lambda b", "regularized the bias (extra lambda b)")
A(P, T, "converter", "Mathpix sigma(s)", r"\sigma(s)-y", R, lambda c: np.array(sig(c["s"]) - c["y"]), "sigma(s) - y")
A(P, T, "converter", "Mathpix sigma prime factor", r"\sigma^{\prime}(s)(p-y)", Wr,
  lambda c: np.array(dsig(c["s"]) * (c["p"] - c["y"])), "sigma'(s)(p - y)", "extra factor sigma'(s) (squared-error habit)")
A(P, T, "latex", "chain, final period",
  r"\frac{\partial L}{\partial b} = -\frac{y}{p}p(1-p) + \frac{1-y}{1-p}p(1-p) = p - y.", R,
  lambda c: np.array(c["p"] - c["y"]), "p - y")
A(P, T, "latex", "dL/dp only",
  r"\frac{\partial L}{\partial b} = -\frac{y}{p} + \frac{1-y}{1-p}", Wr,
  lambda c: np.array(-c["y"] / c["p"] + (1 - c["y"]) / (1 - c["p"])), "-y/p + (1-y)/(1-p)",
  "missing chain factor sigma'(s) (gave dL/dp)")

# ---- mlp2 ----------------------------------------------------------------------
P = "mlp2"
DH = lambda c: c["W2"].T @ (c["o"] - c["t"])  # noqa: E731  dL/dh
T = "dL_dW2"  # (r, k)
A(P, T, "plain", "ASCII", "(o_r - t_r)*h_k", R, lambda c, r, k: (c["o"][r] - c["t"][r]) * c["h"][k], "(o_r - t_r) h_k")
A(P, T, "plain", "ASCII, a_k", "(o_r - t_r)*a_k", Wr, lambda c, r, k: (c["o"][r] - c["t"][r]) * c["a"][k],
  "(o_r - t_r) a_k", "pre-activation a_k instead of h_k")
A(P, T, "converter", "Mathpix \\max", r"\left(o_{r}-t_{r}\right) \max \left(0, a_{k}\right)", R,
  lambda c, r, k: (c["o"][r] - c["t"][r]) * max(0.0, c["a"][k]), "(o_r - t_r) max(0, a_k)")
A(P, T, "latex", "kept the 1/2",
  r"\frac{\partial L}{\partial W^{(2)}_{rk}} = \frac{1}{2}(o_r - t_r)h_k", Wr,
  lambda c, r, k: 0.5 * (c["o"][r] - c["t"][r]) * c["h"][k], "(1/2)(o_r - t_r) h_k", "lost factor 2 (kept the 1/2)")
A(P, T, "latex", "sum over s collapsed",
  r"\frac{\partial L}{\partial W^{(2)}_{rk}} = \sum_{s=1}^{c}(o_s - t_s)\frac{\partial o_s}{\partial W^{(2)}_{rk}} = (o_r-t_r)\,h_k", R,
  lambda c, r, k: (c["o"][r] - c["t"][r]) * c["h"][k], "(o_r - t_r) h_k")

T = "dL_dW2_matrix"  # (o - t) h^T, c x n
A(P, T, "plain", "ASCII ^T", "(o - t) h^T", R, lambda c: col(c["o"] - c["t"]) @ row(c["h"]), "(o - t) h^T")
A(P, T, "plain", "transposed", "h (o - t)^T", Wr, lambda c: col(c["h"]) @ row(c["o"] - c["t"]), "h (o - t)^T (n x c)", "transposed")
A(P, T, "converter", "Mathpix bold, { }^{\\top} quirk", r"(\mathbf{o}-\mathbf{t}) \mathbf{h}{ }^{\top}", R,
  lambda c: col(c["o"] - c["t"]) @ row(c["h"]), "(o - t) h^T")
A(P, T, "converter", "Mathpix, x instead of h", r"(\mathbf{o}-\mathbf{t}) \mathbf{x}^{\top}", Wr,
  lambda c: col(c["o"] - c["t"]) @ row(c["x"]), "(o - t) x^T (c x m)", "input x instead of hidden h (wrong layer)")
A(P, T, "latex", "trailing where-clause",
  r"\frac{\partial L}{\partial W^{(2)}} = (o-t)\,h^\top, \quad \text{where } h = \max(0,a)", R,
  lambda c: col(c["o"] - c["t"]) @ row(np.maximum(0, c["a"])), "(o - t) h^T with h = max(0, a)")

T = "dL_db2"  # (r)
A(P, T, "plain", "ASCII", "o_r - t_r", R, lambda c, r: c["o"][r] - c["t"][r], "o_r - t_r")
A(P, T, "converter", "Mathpix, o written out",
  r"\sum_{k=1}^{n} W_{r k}^{(2)} h_{k}+b_{r}^{(2)}-t_{r}", R,
  lambda c, r: c["W2"][r] @ c["h"] + c["b2"][r] - c["t"][r], "sum_k W2_rk h_k + b2_r - t_r")
A(P, T, "latex", "summed over r",
  r"\frac{\partial L}{\partial b^{(2)}_r} = \sum_{r=1}^{c}(o_r - t_r)", Wr,
  lambda c, r: np.sum(c["o"] - c["t"]), "sum_r (o_r - t_r), the same for every r", "summed over the output index r")

T = "dL_db2_vec"
A(P, T, "plain", "ASCII", "o - t", R, lambda c: col(c["o"] - c["t"]), "o - t")
A(P, T, "converter", "Mathpix bold", r"\mathbf{o}-\mathbf{t}", R, lambda c: col(c["o"] - c["t"]), "o - t")
A(P, T, "latex", "back-propagated through W2",
  r"\frac{\partial L}{\partial b^{(2)}} = W^{(2)\top}(o-t)", Wr,
  lambda c: col(DH(c)), "W2^T (o - t) (n-vector)", "multiplied by W2^T (gave dL/dh)")

T = "dL_dW1"  # (k, j)
A(P, T, "plain", "ASCII W^(2)_rk, [a_k > 0]", "sum_r (o_r - t_r) W^(2)_rk * [a_k > 0] * x_j", R,
  lambda c, k, j: DH(c)[k] * c["act"][k] * c["x"][j], "sum_r (o_r - t_r) W2_rk [a_k > 0] x_j")
A(P, T, "plain", "ASCII, no ReLU derivative", "sum_r (o_r - t_r) W^(2)_rk x_j", Wr,
  lambda c, k, j: DH(c)[k] * c["x"][j], "sum_r (o_r - t_r) W2_rk x_j", "missing the ReLU derivative 1[a_k > 0]")
A(P, T, "plain", "Unicode ∑, h_k as the gate", "h_k · ∑_r W^(2)_rk (o_r − t_r) · x_j", Wr,
  lambda c, k, j: c["h"][k] * DH(c)[k] * c["x"][j], "h_k sum_r W2_rk (o_r - t_r) x_j",
  "ReLU h_k instead of its derivative 1[a_k > 0]")
A(P, T, "converter", "Mathpix \\mathbb{1}, W_{r k}^{(2)}",
  r"\sum_{r=1}^{c}\left(o_{r}-t_{r}\right) W_{r k}^{(2)} \mathbb{1}\left[a_{k}>0\right] x_{j}", R,
  lambda c, k, j: DH(c)[k] * c["act"][k] * c["x"][j], "sum_r (o_r - t_r) W2_rk 1[a_k>0] x_j")
A(P, T, "converter", "Mathpix, W2 indices swapped",
  r"\sum_{r=1}^{c}\left(o_{r}-t_{r}\right) W_{k r}^{(2)} \mathbb{1}\left[a_{k}>0\right] x_{j}", Wr,
  lambda c, k, j: sum((c["o"][r] - c["t"][r]) * c["W2"][k, r] for r in range(c["c"])) * c["act"][k] * c["x"][j],
  "sum_r (o_r - t_r) W2_kr 1[a_k>0] x_j (undefined unless c = n)", "transposed W2 index (W2_kr for W2_rk)")
A(P, T, "latex", "\\begin{cases} on a_k > 0, \\text{otherwise.}",
  r"\frac{\partial L}{\partial W^{(1)}_{kj}} = \begin{cases} x_j \sum_{r=1}^{c} (o_r - t_r) W^{(2)}_{rk} & \text{if } a_k > 0,\\ 0 & \text{otherwise.}\end{cases}", R,
  lambda c, k, j: c["x"][j] * DH(c)[k] if c["a"][k] > 0 else 0.0, "x_j sum_r (o_r - t_r) W2_rk if a_k > 0 else 0")
A(P, T, "latex", "x_k instead of x_j",
  r"\frac{\partial L}{\partial W^{(1)}_{kj}} = \mathbb{1}[a_k>0]\, x_k \sum_r (o_r-t_r) W^{(2)}_{rk}", Wr,
  lambda c, k, j: c["act"][k] * c["x"][k] * DH(c)[k], "1[a_k>0] x_k sum_r (o_r - t_r) W2_rk (x_k undefined when k > m)",
  "x_k instead of x_j (wrong index)")

T = "dL_dW1_matrix"  # (1[a>0] * W2^T (o - t)) x^T, n x m
A(P, T, "plain", "Unicode ᵀ ⊙, [a>0]", "((W^(2))ᵀ(o − t) ⊙ [a > 0]) xᵀ", R,
  lambda c: col(DH(c) * c["act"]) @ row(c["x"]), "(W2^T (o - t) * [a > 0]) x^T")
A(P, T, "plain", "transposed", "x ((W^(2))^T (o-t) ⊙ 1[a>0])^T", Wr,
  lambda c: col(c["x"]) @ row(DH(c) * c["act"]), "x (W2^T(o-t) * 1[a>0])^T (m x n)", "transposed")
A(P, T, "converter", "Mathpix diag of indicator, \\mathbf{W}^{(2) \\top}",
  r"\operatorname{diag}\left(\mathbb{1}[\mathbf{a}>0]\right) \mathbf{W}^{(2) \top}(\mathbf{o}-\mathbf{t}) \mathbf{x}^{\top}", R,
  lambda c: np.diag(c["act"]) @ c["W2"].T @ col(c["o"] - c["t"]) @ row(c["x"]), "diag(1[a>0]) W2^T (o - t) x^T")
A(P, T, "converter", "Mathpix, no mask", r"\mathbf{W}^{(2) \top}(\mathbf{o}-\mathbf{t}) \mathbf{x}^{\top}", Wr,
  lambda c: c["W2"].T @ col(c["o"] - c["t"]) @ row(c["x"]), "W2^T (o - t) x^T", "missing the ReLU derivative mask")
A(P, T, "latex", "named delta^{(1)} with a \\quad clause",
  r"\frac{\partial L}{\partial W^{(1)}} = \delta^{(1)} x^\top, \quad \delta^{(1)} = \mathbb{1}[a>0]\odot\left(W^{(2)\top}(o-t)\right)", R,
  lambda c: col(c["act"] * DH(c)) @ row(c["x"]), "delta1 x^T with delta1 = 1[a>0] * (W2^T (o - t))")
A(P, T, "latex", "W2 not transposed",
  r"\frac{\partial L}{\partial W^{(1)}} = \left(\mathbb{1}[a>0]\odot \left(W^{(2)}(o-t)\right)\right)x^\top", Wr,
  lambda c: col(c["act"] * (c["W2"] @ (c["o"] - c["t"]))) @ row(c["x"]),
  "(1[a>0] * (W2 (o - t))) x^T (undefined unless c = n)", "W2 instead of W2^T (transposed)")
A(P, T, "latex", "h as the gate",
  r"\frac{\partial L}{\partial W^{(1)}} = \left(h\odot\left(W^{(2)\top}(o-t)\right)\right)x^\top", Wr,
  lambda c: col(c["h"] * DH(c)) @ row(c["x"]), "(h * (W2^T (o - t))) x^T", "ReLU h instead of its derivative 1[a > 0]")

T = "dL_db1"  # (k)
A(P, T, "plain", "ASCII [a_k > 0]", "[a_k > 0] * sum_r W^(2)_rk (o_r - t_r)", R,
  lambda c, k: c["act"][k] * DH(c)[k], "[a_k > 0] sum_r W2_rk (o_r - t_r)")
A(P, T, "plain", "ASCII, no W2", "[a_k > 0] * sum_r (o_r - t_r)", Wr,
  lambda c, k: c["act"][k] * np.sum(c["o"] - c["t"]), "[a_k > 0] sum_r (o_r - t_r)", "missing chain factor W2_rk")
A(P, T, "converter", "Mathpix \\mathbb{1}_{a_k>0}, unbounded sum",
  r"\mathbb{1}_{a_{k}>0} \sum_{r} W_{r k}^{(2)}\left(o_{r}-t_{r}\right)", R,
  lambda c, k: c["act"][k] * DH(c)[k], "1[a_k>0] sum_r W2_rk (o_r - t_r)")
A(P, T, "latex", "no mask",
  r"\frac{\partial L}{\partial b^{(1)}_k} = \sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)", Wr,
  lambda c, k: DH(c)[k], "sum_r W2_rk (o_r - t_r)", "missing the ReLU derivative 1[a_k > 0]")

T = "dL_db1_vec"
A(P, T, "plain", "ASCII ^T and ⊙", "(W^(2))^T (o-t) ⊙ 1[a>0]", R, lambda c: col(DH(c) * c["act"]), "W2^T (o - t) * 1[a > 0]")
A(P, T, "converter", "Mathpix, no mask", r"\mathbf{W}^{(2) \top}(\mathbf{o}-\mathbf{t})", Wr,
  lambda c: col(DH(c)), "W2^T (o - t)", "missing the ReLU derivative mask")
A(P, T, "latex", "\\mathbb{1}[a>0] \\odot (...)",
  r"\frac{\partial L}{\partial b^{(1)}} = \mathbb{1}[a > 0] \odot \left(W^{(2)\top}(o - t)\right)", R,
  lambda c: col(c["act"] * DH(c)), "1[a > 0] * (W2^T (o - t))")
A(P, T, "latex", "row vector (o - t)^T W2",
  r"\frac{\partial L}{\partial b^{(1)}} = \mathbb{1}[a>0]\odot\left((o-t)^\top W^{(2)}\right)", Wr,
  lambda c: row(c["act"] * DH(c)), "1[a>0] * ((o - t)^T W2): a row vector", "transposed (row vector)")

# ---- rnn_tanh ------------------------------------------------------------------
P = "rnn_tanh"
T = "dh_dhprev"  # (k, i): (1 - h_k^2) W_ki
A(P, T, "plain", "ASCII with braces", "(1 - h_{t,k}^2) * W_ki", R,
  lambda c, k, i: (1 - c["h"][k] ** 2) * c["W"][k, i], "(1 - h_{t,k}^2) W_ki")
A(P, T, "plain", "ASCII, square outside", "(1 - h_{t,k})^2 W_ki", Wr,
  lambda c, k, i: (1 - c["h"][k]) ** 2 * c["W"][k, i], "(1 - h_{t,k})^2 W_ki", "(1 - h)^2 instead of 1 - h^2")
A(P, T, "plain", "Unicode tanh²", "(1 - tanh²(a_{t,k})) W_ki", R,
  lambda c, k, i: (1 - np.tanh(c["a"][k]) ** 2) * c["W"][k, i], "(1 - tanh^2(a_{t,k})) W_ki")
A(P, T, "converter", "Mathpix h_{t, k}", r"\left(1-h_{t, k}^{2}\right) W_{k i}", R,
  lambda c, k, i: (1 - c["h"][k] ** 2) * c["W"][k, i], "(1 - h_{t,k}^2) W_ki")
A(P, T, "converter", "Mathpix, W transposed", r"\left(1-h_{t, k}^{2}\right) W_{i k}", Wr,
  lambda c, k, i: (1 - c["h"][k] ** 2) * c["W"][i, k], "(1 - h_{t,k}^2) W_ik", "transposed (W_ik for W_ki)")
A(P, T, "latex", "sech^2",
  r"\frac{\partial h_{t,k}}{\partial h_{t-1,i}} = \operatorname{sech}^2(a_{t,k})\,W_{ki}", R,
  lambda c, k, i: (1 / np.cosh(c["a"][k])) ** 2 * c["W"][k, i], "sech^2(a_{t,k}) W_ki")
A(P, T, "latex", "sigmoid's derivative",
  r"\frac{\partial h_{t,k}}{\partial h_{t-1,i}} = h_{t,k}(1-h_{t,k})\,W_{ki}", Wr,
  lambda c, k, i: c["h"][k] * (1 - c["h"][k]) * c["W"][k, i], "h_{t,k}(1 - h_{t,k}) W_ki",
  "sigmoid's derivative h(1-h) instead of tanh's 1-h^2")
A(P, T, "latex", "previous hidden state in the derivative",
  r"\frac{\partial h_{t,k}}{\partial h_{t-1,i}} = \left(1-h_{t-1,k}^2\right)W_{ki}", Wr,
  lambda c, k, i: (1 - c["hp"][k] ** 2) * c["W"][k, i], "(1 - h_{t-1,k}^2) W_ki", "tanh' at the wrong time step (h_{t-1})")

T = "dh_dhprev_matrix"  # diag(1 - h^2) W
A(P, T, "plain", "Unicode ⊙", "diag(1 − h_t ⊙ h_t) W", R,
  lambda c: np.diag(1 - c["h"] * c["h"]) @ c["W"], "diag(1 - h_t * h_t) W")
A(P, T, "plain", "diag on the right", "W diag(1 - h_t^2)", Wr,
  lambda c: c["W"] @ np.diag(1 - c["h"] ** 2), "W diag(1 - h_t^2)", "wrong order of matrix product")
A(P, T, "converter", "Mathpix bold h_t squared", r"\operatorname{diag}\left(1-\mathbf{h}_{t}^{2}\right) \mathbf{W}", R,
  lambda c: np.diag(1 - c["h"] ** 2) @ c["W"], "diag(1 - h_t^2) W")
A(P, T, "converter", "Mathpix, W transposed", r"\operatorname{diag}\left(1-\mathbf{h}_{t}^{2}\right) \mathbf{W}^{\top}", Wr,
  lambda c: np.diag(1 - c["h"] ** 2) @ c["W"].T, "diag(1 - h_t^2) W^T", "transposed W")
A(P, T, "latex", "(I - diag(h_t)^2) W",
  r"\frac{\partial h_t}{\partial h_{t-1}} = \left(I - \operatorname{diag}(h_t)^2\right) W", R,
  lambda c: (np.eye(c["n"]) - np.diag(c["h"]) @ np.diag(c["h"])) @ c["W"], "(I - diag(h_t)^2) W")
A(P, T, "latex", "denominator layout",
  r"\frac{\partial h_t}{\partial h_{t-1}} = W^\top \operatorname{diag}(1 - h_t \odot h_t)", Wr,
  lambda c: c["W"].T @ np.diag(1 - c["h"] ** 2), "W^T diag(1 - h_t^2)", "transposed (denominator layout)")
A(P, T, "latex", "tanh' of a vector, \\big",
  r"\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}\big(\tanh'(a_t)\big)\,W", R,
  lambda c: np.diag(1 - np.tanh(c["a"]) ** 2) @ c["W"], "diag(tanh'(a_t)) W")

T = "dh_dW"  # (k, i, j): (1 - h_k^2) delta_ki h_{t-1,j}
A(P, T, "plain", "Unicode δ", "(1 - h_{t,k}^2) δ_ki h_{t-1,j}", R,
  lambda c, k, i, j: (1 - c["h"][k] ** 2) * d(k, i) * c["hp"][j], "(1 - h_{t,k}^2) delta_ki h_{t-1,j}")
A(P, T, "plain", "ASCII, no delta", "(1 - h_{t,k}^2) h_{t-1,j}", Wr,
  lambda c, k, i, j: (1 - c["h"][k] ** 2) * c["hp"][j], "(1 - h_{t,k}^2) h_{t-1,j} for every i",
  "dropped the Kronecker delta delta_ki")
A(P, T, "converter", "Mathpix, delta first", r"\delta_{k i}\left(1-h_{t, k}^{2}\right) h_{t-1, j}", R,
  lambda c, k, i, j: d(k, i) * (1 - c["h"][k] ** 2) * c["hp"][j], "delta_ki (1 - h_{t,k}^2) h_{t-1,j}")
A(P, T, "converter", "Mathpix, input instead of previous state",
  r"\delta_{k i}\left(1-h_{t, k}^{2}\right) x_{t, j}", Wr,
  lambda c, k, i, j: d(k, i) * (1 - c["h"][k] ** 2) * c["xt"][j], "delta_ki (1 - h_{t,k}^2) x_{t,j} (undefined when j > m)",
  "x_t instead of h_{t-1} (confused W with U)")
A(P, T, "latex", "\\begin{cases} k = i / k \\neq i",
  r"\frac{\partial h_{t,k}}{\partial W_{ij}} = \begin{cases}(1-h_{t,k}^2)\,h_{t-1,j} & k = i\\ 0 & k\neq i\end{cases}", R,
  lambda c, k, i, j: (1 - c["h"][k] ** 2) * c["hp"][j] if k == i else 0.0, "(1 - h_{t,k}^2) h_{t-1,j} if k = i else 0")
A(P, T, "latex", "i and j swapped",
  r"\frac{\partial h_{t,k}}{\partial W_{ij}} = (1-h_{t,k}^2)\,\delta_{kj}\,h_{t-1,i}", Wr,
  lambda c, k, i, j: (1 - c["h"][k] ** 2) * d(k, j) * c["hp"][i], "(1 - h_{t,k}^2) delta_kj h_{t-1,i}",
  "swapped i and j (wrong index)")
A(P, T, "latex", "Iverson bracket, tanh^2",
  r"[k=i]\,(1-\tanh^2(a_{t,k}))\,h_{t-1,j}", R,
  lambda c, k, i, j: d(k, i) * (1 - np.tanh(c["a"][k]) ** 2) * c["hp"][j], "[k = i] (1 - tanh^2(a_{t,k})) h_{t-1,j}")

# ---- layernorm -----------------------------------------------------------------
P = "layernorm"
SG = lambda c: c["g"].sum()  # noqa: E731
SXG = lambda c: c["xh"] @ c["g"]  # noqa: E731
T = "dL_dx"  # (i)
A(P, T, "plain", "Unicode γ σ² ε x̂, dL/dy_j, sqrt()",
  "γ/sqrt(σ²+ε) * (dL/dy_i - (1/n) sum_j dL/dy_j - (x̂_i/n) sum_j x̂_j dL/dy_j)", R,
  lambda c, i: c["gam"] / np.sqrt(c["v"]) * (c["g"][i] - SG(c) / c["n"] - c["xh"][i] / c["n"] * SXG(c)),
  "gamma/sqrt(var+eps) (g_i - mean(g) - xh_i mean(xh g))")
A(P, T, "plain", "Unicode, mean term only",
  "γ/sqrt(σ²+ε) * (dL/dy_i - (1/n) sum_j dL/dy_j)", Wr,
  lambda c, i: c["gam"] / np.sqrt(c["v"]) * (c["g"][i] - SG(c) / c["n"]),
  "gamma/sqrt(var+eps) (g_i - mean(g))", "missing the path through the variance (x̂ term)")
A(P, T, "plain", "Unicode √, statistics treated as constants", "γ/√(σ²+ε) · ∂L/∂y_i", Wr,
  lambda c, i: c["gam"] / np.sqrt(c["v"]) * c["g"][i], "gamma/sqrt(var+eps) g_i",
  "treated mu and sigma^2 as constants (missing both chain terms)")
A(P, T, "converter", "Mathpix, 1/n pulled out, bounded sums",
  r"\frac{\gamma}{n \sqrt{\sigma^{2}+\epsilon}}\left(n \frac{\partial L}{\partial y_{i}}-\sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}-\hat{x}_{i} \sum_{j=1}^{n} \hat{x}_{j} \frac{\partial L}{\partial y_{j}}\right)", R,
  lambda c, i: c["gam"] / (c["n"] * np.sqrt(c["v"])) * (c["n"] * c["g"][i] - SG(c) - c["xh"][i] * SXG(c)),
  "gamma/(n sqrt(var+eps)) (n g_i - sum g - xh_i sum xh g)")
A(P, T, "converter", "Mathpix \\varepsilon, lost 1/n on the x̂ term",
  r"\frac{\gamma}{\sqrt{\sigma^{2}+\varepsilon}}\left(\frac{\partial L}{\partial y_{i}}-\frac{1}{n} \sum_{j} \frac{\partial L}{\partial y_{j}}-\hat{x}_{i} \sum_{j} \hat{x}_{j} \frac{\partial L}{\partial y_{j}}\right)", Wr,
  lambda c, i: c["gam"] / np.sqrt(c["v"]) * (c["g"][i] - SG(c) / c["n"] - c["xh"][i] * SXG(c)),
  "gamma/sqrt(var+eps) (g_i - mean(g) - xh_i sum xh g)", "lost the factor 1/n on the x̂ term")
A(P, T, "latex", "one sum with delta inside",
  r"\frac{\partial L}{\partial x_i} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\sum_{j=1}^n\left(\delta_{ij} - \frac{1}{n} - \frac{1}{n}\hat x_i\hat x_j\right)\frac{\partial L}{\partial y_j}", R,
  lambda c, i: c["gam"] / np.sqrt(c["v"]) * sum((d(i, j) - 1 / c["n"] - c["xh"][i] * c["xh"][j] / c["n"]) * c["g"][j] for j in range(c["n"])),
  "gamma/sqrt(var+eps) sum_j (delta_ij - 1/n - xh_i xh_j / n) g_j")
A(P, T, "latex", "in x and mu, g defined in a where-clause",
  r"\frac{\partial L}{\partial x_i} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\Big(g_i - \frac1n\sum_j g_j\Big) - \frac{\gamma\,(x_i-\mu)}{n(\sigma^2+\epsilon)^{3/2}}\sum_j (x_j-\mu)\,g_j, \quad \text{where } g_j = \frac{\partial L}{\partial y_j}", R,
  lambda c, i: c["gam"] / np.sqrt(c["v"]) * (c["g"][i] - SG(c) / c["n"]) - c["gam"] * (c["x"][i] - c["mu"]) / (c["n"] * c["v"] ** 1.5) * ((c["x"] - c["mu"]) @ c["g"]),
  "same, written with x - mu and (var+eps)^{3/2}")
A(P, T, "latex", "no square root",
  r"\frac{\partial L}{\partial x_i} = \frac{\gamma}{\sigma^2+\epsilon}\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_j\frac{\partial L}{\partial y_j} - \frac{\hat x_i}{n}\sum_j \hat x_j\frac{\partial L}{\partial y_j}\right)", Wr,
  lambda c, i: c["gam"] / c["v"] * (c["g"][i] - SG(c) / c["n"] - c["xh"][i] / c["n"] * SXG(c)),
  "gamma/(var+eps) (...)", "1/(sigma^2+eps) instead of 1/sqrt(sigma^2+eps)")

T = "dL_dx_vec"
A(P, T, "plain", "Unicode √ ᵀ, projection matrix", "γ/√(σ²+ε) * (I - (1/n) 1 1ᵀ - (1/n) x̂ x̂ᵀ) dL/dy", R,
  lambda c: c["gam"] / np.sqrt(c["v"]) * (np.eye(c["n"]) - np.ones((c["n"], c["n"])) / c["n"] - np.outer(c["xh"], c["xh"]) / c["n"]) @ col(c["g"]),
  "gamma/sqrt(var+eps) (I - 11^T/n - xh xh^T/n) g")
A(P, T, "plain", "Unicode, centering only", "γ/√(σ²+ε) * (I - (1/n) 1 1ᵀ) dL/dy", Wr,
  lambda c: c["gam"] / np.sqrt(c["v"]) * (np.eye(c["n"]) - np.ones((c["n"], c["n"])) / c["n"]) @ col(c["g"]),
  "gamma/sqrt(var+eps) (I - 11^T/n) g", "missing the path through the variance (x̂ x̂ᵀ term)")
A(P, T, "converter", "Mathpix nI, bold 1, hat bold x",
  r"\frac{\gamma}{n \sqrt{\sigma^{2}+\epsilon}}\left(n I-\mathbf{1} \mathbf{1}^{\top}-\hat{\mathbf{x}} \hat{\mathbf{x}}^{\top}\right) \frac{\partial L}{\partial \mathbf{y}}", R,
  lambda c: c["gam"] / (c["n"] * np.sqrt(c["v"])) * (c["n"] * np.eye(c["n"]) - np.ones((c["n"], c["n"])) - np.outer(c["xh"], c["xh"])) @ col(c["g"]),
  "gamma/(n sqrt(var+eps)) (n I - 11^T - xh xh^T) g")
A(P, T, "converter", "Mathpix, no 1/sqrt factor",
  r"\gamma\left(I-\frac{1}{n} \mathbf{1} \mathbf{1}^{\top}-\frac{1}{n} \hat{\mathbf{x}} \hat{\mathbf{x}}^{\top}\right) \frac{\partial L}{\partial \mathbf{y}}", Wr,
  lambda c: c["gam"] * (np.eye(c["n"]) - np.ones((c["n"], c["n"])) / c["n"] - np.outer(c["xh"], c["xh"]) / c["n"]) @ col(c["g"]),
  "gamma (I - 11^T/n - xh xh^T/n) g", "missing chain factor 1/sqrt(sigma^2+eps)")
A(P, T, "latex", "vector form with where-clause for g",
  r"\frac{\partial L}{\partial x} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(g - \frac{1}{n}(\mathbf{1}^\top g)\,\mathbf{1} - \frac{1}{n}(\hat x^\top g)\,\hat x\right), \text{ where } g = \frac{\partial L}{\partial y}", R,
  lambda c: col(c["gam"] / np.sqrt(c["v"]) * (c["g"] - SG(c) / c["n"] - SXG(c) / c["n"] * c["xh"])),
  "gamma/sqrt(var+eps) (g - mean(g) 1 - (xh^T g / n) xh)")
A(P, T, "latex", "product of two projections (right because 1^T x̂ = 0)",
  r"\frac{\partial L}{\partial x} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(I - \frac{1}{n}\mathbf{1}\mathbf{1}^\top\right)\left(I - \frac{1}{n}\hat x\hat x^\top\right)\frac{\partial L}{\partial y}", R,
  lambda c: c["gam"] / np.sqrt(c["v"]) * (np.eye(c["n"]) - np.ones((c["n"], c["n"])) / c["n"]) @ (np.eye(c["n"]) - np.outer(c["xh"], c["xh"]) / c["n"]) @ col(c["g"]),
  "gamma/sqrt(var+eps) (I - 11^T/n)(I - xh xh^T/n) g")
A(P, T, "latex", "lost 1/n on the x̂ x̂ᵀ term",
  r"\frac{\partial L}{\partial x} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y} - \frac{1}{n}\mathbf{1}\mathbf{1}^\top\frac{\partial L}{\partial y} - \hat x\hat x^\top\frac{\partial L}{\partial y}\right)", Wr,
  lambda c: c["gam"] / np.sqrt(c["v"]) * (col(c["g"]) - np.ones((c["n"], c["n"])) @ col(c["g"]) / c["n"] - np.outer(c["xh"], c["xh"]) @ col(c["g"])),
  "gamma/sqrt(var+eps) (g - 11^T g/n - xh xh^T g)", "lost the factor 1/n on the x̂ term")

T = "dL_dgamma"
A(P, T, "plain", "ASCII sum_j, dL/dy_j, x̂", "sum_j dL/dy_j * x̂_j", R, lambda c: np.array(SXG(c)), "sum_j g_j xh_j")
A(P, T, "plain", "x instead of x̂", "sum_j dL/dy_j * x_j", Wr, lambda c: np.array(c["g"] @ c["x"]), "sum_j g_j x_j",
  "x_j instead of x̂_j")
A(P, T, "converter", "Mathpix, x̂ written out",
  r"\sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}} \frac{x_{j}-\mu}{\sqrt{\sigma^{2}+\epsilon}}", R,
  lambda c: np.array(c["g"] @ (c["x"] - c["mu"]) / np.sqrt(c["v"])), "sum_j g_j (x_j - mu)/sqrt(var+eps)")
A(P, T, "converter", "Mathpix \\mathrm{d} fractions",
  r"\sum_{j=1}^{n} \frac{\mathrm{d} L}{\mathrm{d} y_{j}} \hat{x}_{j}", R, lambda c: np.array(SXG(c)), "sum_j g_j xh_j")
A(P, T, "latex", "x̂^T times the gradient vector",
  r"\frac{\partial L}{\partial \gamma} = \hat x^\top \frac{\partial L}{\partial y}", R, lambda c: np.array(SXG(c)), "xh^T g")
A(P, T, "latex", "extra gamma",
  r"\frac{\partial L}{\partial\gamma} = \gamma\sum_{j=1}^n \hat x_j\frac{\partial L}{\partial y_j}", Wr,
  lambda c: np.array(c["gam"] * SXG(c)), "gamma sum_j xh_j g_j", "extra factor gamma")

T = "dL_dbeta"
A(P, T, "plain", "ASCII", "sum_j dL/dy_j", R, lambda c: np.array(SG(c)), "sum_j g_j")
A(P, T, "converter", "Mathpix mean", r"\frac{1}{n} \sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}", Wr,
  lambda c: np.array(SG(c) / c["n"]), "(1/n) sum_j g_j", "mean instead of sum (extra 1/n)")
A(P, T, "latex", "1^T g = sum",
  r"\frac{\partial L}{\partial \beta} = \mathbf{1}^\top \frac{\partial L}{\partial y} = \sum_{j} \frac{\partial L}{\partial y_j}", R,
  lambda c: np.array(SG(c)), "1^T g = sum_j g_j")
A(P, T, "latex", "the gamma answer",
  r"\frac{\partial L}{\partial\beta} = \sum_j \frac{\partial L}{\partial y_j}\,\hat x_j", Wr,
  lambda c: np.array(SXG(c)), "sum_j g_j xh_j", "gave dL/dgamma (extra factor x̂_j)")


# ---- more handwritten pages through the converter ------------------------------
A("exercise13", "dy_dyt", "converter", "Mathpix, y~ for y",
  r"\tilde{y}_{k}\left(1-\tilde{y}_{k}\right)", Wr,
  lambda c, k: c["yt"][k] * (1 - c["yt"][k]), "yt_k(1 - yt_k)", "y~(1-y~) instead of y(1-y) (pre-activation for output)")
A("exercise14", "dG_dtheta3", "converter", "Mathpix, (df3/dy + 1) pattern copied",
  r"\frac{\partial f_{3}}{\partial y} \frac{\partial f_{3}}{\partial \theta_{3}}+\frac{\partial f_{3}}{\partial \theta_{3}}", Wr,
  lambda c: c["f3_u"] * c["f3_t"] + c["f3_t"], "(df3/dy + 1) df3/dtheta3",
  "copied the (df3/dy + 1) skip factor onto theta3")
A("exercise14", "dG_minus_dF_theta1", "converter", "Mathpix, d f2/d theta2",
  r"\frac{\partial f_{2}}{\partial \theta_{2}} \frac{\partial f_{1}}{\partial \theta_{1}}", Wr,
  lambda c: c["f2_t"] * c["f1_t"], "df2/dtheta2 df1/dtheta1", "df2/dtheta2 instead of df2/dyt in the chain")
A("softmax_ce", "dL_dz_vec", "converter", "Mathpix, stray spaces, sign flipped",
  r"\mathbf{y} - \mathbf{p}", Wr, lambda c: col(c["y"] - c["p"]), "y - p", "sign flipped")
A("attention_softmax", "da_ds_matrix", "converter", "Mathpix, inner product",
  r"\operatorname{diag}(\boldsymbol{a})-\boldsymbol{a}^{\top} \boldsymbol{a}", Wr,
  lambda c: np.diag(c["a"]) - (c["a"] @ c["a"]) * np.ones((c["n"], c["n"])),
  "diag(a) minus the scalar a^T a (wrong under any reading)", "a^T a (inner) instead of a a^T (outer)")
A("mlp2", "dL_db2", "converter", "Mathpix, extra h factor", r"\left(o_{r}-t_{r}\right) h_{r}", Wr,
  lambda c, r: (c["o"][r] - c["t"][r]) * c["h"][r], "(o_r - t_r) h_r (h_r undefined when r > n)",
  "extra factor h (copied from dL/dW2)")
A("mlp2", "dL_db2_vec", "converter", "Mathpix, ReLU mask at the output",
  r"(\mathbf{o}-\mathbf{t}) \odot \mathbb{1}[\mathbf{a}>0]", Wr,
  lambda c: col((c["o"] - c["t"]) * c["act"]), "(o - t) * 1[a > 0] (undefined unless c = n)",
  "applied the ReLU derivative to the output layer (no activation there)")
A("mlp2", "dL_dW2", "converter", "Mathpix, redundant mask (h_k 1[a_k>0] = h_k)",
  r"\left(o_{r}-t_{r}\right) h_{k} \mathbb{1}\left[a_{k}>0\right]", R,
  lambda c, r, k: (c["o"][r] - c["t"][r]) * c["h"][k] * c["act"][k], "(o_r - t_r) h_k 1[a_k > 0]")
A("mlp2", "dL_dW2", "converter", "Mathpix, r and k swapped", r"\left(o_{k}-t_{k}\right) h_{r}", Wr,
  lambda c, r, k: (c["o"][k] - c["t"][k]) * c["h"][r], "(o_k - t_k) h_r (undefined unless c = n)",
  "swapped r and k (wrong index)")
A("mlp2", "dL_dW2_matrix", "converter", "Mathpix, inner product", r"(\mathbf{o}-\mathbf{t})^{\top} \mathbf{h}", Wr,
  lambda c: row(c["o"] - c["t"]) @ col(c["h"]), "(o - t)^T h: 1 x 1 (undefined unless c = n)",
  "inner product instead of outer product (o - t) h^T")
A("mlp2", "dL_db1", "converter", "Mathpix \\max as the gate",
  r"\max \left(0, a_{k}\right) \sum_{r=1}^{c} W_{r k}^{(2)}\left(o_{r}-t_{r}\right)", Wr,
  lambda c, k: max(0.0, c["a"][k]) * DH(c)[k], "max(0, a_k) sum_r W2_rk (o_r - t_r)",
  "ReLU instead of its derivative 1[a_k > 0]")
A("layernorm", "dL_dgamma", "converter", "Mathpix, in $...$, the beta answer",
  r"$\sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}$", Wr, lambda c: np.array(SG(c)), "sum_j g_j",
  "missing factor x̂_j (gave dL/dbeta)")
A("layernorm", "dL_dbeta", "converter", "Mathpix \\mathrm{d}, extra gamma",
  r"\gamma \sum_{j=1}^{n} \frac{\mathrm{d} L}{\mathrm{d} y_{j}}", Wr, lambda c: np.array(c["gam"] * SG(c)),
  "gamma sum_j g_j", "extra factor gamma")
A("rnn_tanh", "dh_dW", "converter", "Mathpix, \\( ... \\), h_t for h_{t-1}",
  r"\(\left(1-h_{t, k}^{2}\right) \delta_{k i} h_{t, j}\)", Wr,
  lambda c, k, i, j: (1 - c["h"][k] ** 2) * d(k, i) * c["h"][j], "(1 - h_{t,k}^2) delta_ki h_{t,j}",
  "h_t instead of h_{t-1} (wrong time step)")
A("rnn_tanh", "dh_dhprev_matrix", "converter", "Mathpix, h_{t-1} in the diag",
  r"\operatorname{diag}\left(1-\mathbf{h}_{t-1}^{2}\right) \mathbf{W}", Wr,
  lambda c: np.diag(1 - c["hp"] ** 2) @ c["W"], "diag(1 - h_{t-1}^2) W", "tanh' at the wrong time step (h_{t-1})")


# ----------------------------------------------------------------------------- checking
class Mismatch(Exception):
    pass


def eval_answer(fn, tinfo, c, ref):
    """The answer's value as an array shaped like ref (free indices first)."""
    nidx = len(tinfo["idx"])
    if nidx == 0:
        v = np.asarray(fn(c), dtype=float)
        if v.shape != ref.shape:
            raise Mismatch(f"shape {v.shape} vs {ref.shape}")
        return v
    out = np.full(ref.shape, np.nan)
    for tup in np.ndindex(*ref.shape[:nidx]):
        v = np.asarray(fn(c, *tup), dtype=float)
        if v.shape != ref.shape[nidx:]:
            raise Mismatch(f"shape {v.shape} vs {ref.shape[nidx:]} at {tup}")
        out[tup] = v
    return out


def coincidence_patterns(tinfo, ref):
    """Set of equal/unequal patterns among index pairs walked (for the record)."""
    nidx = len(tinfo["idx"])
    pats = set()
    for tup in np.ndindex(*ref.shape[:nidx]):
        pats.add(tuple(tup[a] == tup[b] for a in range(nidx) for b in range(a + 1, nidx)))
    return pats


def contexts(prob, rng):
    pts = prob.get("points", POINTS)
    for size in prob["sizes"]:
        for _ in range(pts):
            yield size, prob["sample"](rng, **size)


def check_references(rng):
    """Every analytic reference against central differences of the forward pass."""
    worst = {}
    for pname, prob in PROBLEMS.items():
        for tname, t in prob["targets"].items():
            err = 0.0
            for _size, c in contexts(prob, rng):
                r, f = np.asarray(t["ref"](c)), np.asarray(t["fd"](c))
                if pname == "mlp2" and np.min(np.abs(c["a"])) < 1e-4:
                    continue  # a kink within the FD step: skip this point for the FD check only
                assert r.shape == f.shape, (pname, tname, r.shape, f.shape)
                e = np.max(np.abs(r - f)) / (1 + np.max(np.abs(r)))
                err = max(err, e)
            assert err < 1e-6, (pname, tname, err)
            worst[(pname, tname)] = err
    return worst


def judge(ans, rng):
    prob = PROBLEMS[ans["problem"]]
    tinfo = prob["targets"][ans["target"]]
    maxerr, patterns, npts = 0.0, set(), 0
    for size, c in contexts(prob, rng):
        ref = np.asarray(tinfo["ref"](c), dtype=float)
        patterns |= coincidence_patterns(tinfo, ref)
        try:
            with np.errstate(all="ignore"):
                val = eval_answer(ans["fn"], tinfo, c, ref)
        except (Mismatch, IndexError, ValueError) as exc:
            return "wrong", f"undefined or wrong shape at {size}: {exc}", patterns
        npts += 1
        if not np.all(np.isfinite(val)):
            return "wrong", f"undefined entries at {size}", patterns
        maxerr = max(maxerr, float(np.max(np.abs(val - ref)) / (1 + np.max(np.abs(ref)))) if ref.size else 0.0)
    if maxerr < 1e-10:
        return "right", f"agrees at {npts} points (max rel err {maxerr:.1e})", patterns
    if maxerr > 1e-4:
        return "wrong", f"differs (max rel err {maxerr:.2g})", patterns
    raise AssertionError(f"borderline difference {maxerr} for {ans['latex']}")


def main():
    rng = np.random.default_rng(SEED)
    check_references(rng)
    rows, counters = [], collections.defaultdict(int)
    for ans in ANSWERS:
        label, why, patterns = judge(ans, np.random.default_rng([SEED, len(rows)]))
        assert label == ans["intended"], (ans["problem"], ans["target"], ans["latex"], label, why)
        nidx = len(PROBLEMS[ans["problem"]]["targets"][ans["target"]]["idx"])
        if nidx >= 2:  # index coincidences: every pair seen both equal and unequal
            for pos in range(nidx * (nidx - 1) // 2):
                assert {p[pos] for p in patterns} == {True, False}, (ans["target"], patterns)
        key = (ans["problem"], ans["target"])
        counters[key] += 1
        rows.append({
            "id": f"f1-{ans['problem']}-{ans['target']}-{counters[key]:02d}",
            "problem": ans["problem"],
            "target": ans["target"],
            "latex": ans["latex"],
            "label": label,
            "source": ans["source"],
            "style": ans["style"],
            "mistake": ans["mistake"],
            "meaning": ans["meaning"],
        })
    with open(OUT, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    print(f"wrote {len(rows)} answers to {OUT}")
    by = lambda f: collections.Counter(r[f] for r in rows)  # noqa: E731
    print("labels :", dict(by("label")))
    print("sources:", dict(by("source")))
    print("problems:", dict(by("problem")))
    print("targets:", len(by("target").keys() | set()), "distinct (problem, target):",
          len({(r["problem"], r["target"]) for r in rows}))
    tab = collections.Counter((r["problem"], r["target"], r["label"]) for r in rows)
    for (p, t) in sorted({(r["problem"], r["target"]) for r in rows}):
        print(f"  {p:18s} {t:20s} right {tab[(p, t, 'right')]:2d}  wrong {tab[(p, t, 'wrong')]:2d}")
    src = collections.Counter((r["source"], r["label"]) for r in rows)
    print("source x label:", {f"{s}/{l}": n for (s, l), n in sorted(src.items())})


if __name__ == "__main__":
    main()
