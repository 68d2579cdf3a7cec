#!/usr/bin/env python3
"""Held-out answer set "i" for symderiv.

Every reference below is written by hand from the problem statements (``symderiv show``)
and checked against central finite differences of a NumPy forward pass (or a brute-force
sum / direct simulation for sums and recurrences).  Every student answer has a NumPy
function computing what the answer *means* (all index combinations); its label is
"right" iff it matches the reference (np.allclose, rtol=1e-7, atol=1e-9) at every random
point and every size.  The script asserts that the computed label is the intended one and
that a wrong answer is off by more than 1e-3 (relative) somewhere.  Writes answers_i.jsonl.
"""
import json
import os
from types import SimpleNamespace as NS

import numpy as np

RTOL, ATOL = 1e-7, 1e-9
NPTS = 4            # random points per size
HERE = os.path.dirname(os.path.abspath(__file__))


def sig(u):
    return 1.0 / (1.0 + np.exp(-u))


def dsig(u):
    s = sig(u)
    return s * (1 - s)


def softmax(v):
    e = np.exp(v - v.max())
    return e / e.sum()


def fd_jac(f, x, h=1e-6):
    """Central-difference Jacobian: out[..., index of x...]."""
    x = np.asarray(x, float)
    y0 = np.asarray(f(x), float)
    J = np.zeros(y0.shape + x.shape)
    for idx in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[idx] = h
        J[(Ellipsis,) + idx] = (np.asarray(f(x + e)) - np.asarray(f(x - e))) / (2 * h)
    return J


def fd_hess(f, x, h=1e-4):
    x = np.asarray(x, float)
    n = x.size
    H = np.zeros((n, n))
    for i in range(n):
        for j in range(n):
            ei = np.zeros(n); ei[i] = h
            ej = np.zeros(n); ej[j] = h
            H[i, j] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (4 * h * h)
    return H


TARGETS = []


def A(src, lab, text, style, meaning, fn, mistake=None):
    assert src in ("plain", "converter", "latex") and lab in ("right", "wrong")
    assert (mistake is None) == (lab == "right")
    return dict(source=src, intended=lab, latex=text, style=style, meaning=meaning,
                fn=fn, mistake=mistake)


def target(problem, name, sizes, gen, ref, check, answers, check_tol=(1e-5, 1e-6)):
    TARGETS.append(dict(problem=problem, target=name, sizes=sizes, gen=gen, ref=ref,
                        check=check, answers=answers, check_tol=check_tol))


# =====================================================================================
# attention_softmax
# =====================================================================================
def gen_att(rng, n, D):
    q = rng.normal(size=D)
    K = rng.normal(size=(n, D))
    s = K @ q / np.sqrt(D)
    a = softmax(s)
    return NS(n=n, D=D, q=q, K=K, s=s, a=a, I=np.eye(n))


# da_ds: array [j, i] = d a_j / d s_i
target("attention_softmax", "da_ds", [(3, 2), (4, 4), (5, 3)], gen_att,
       ref=lambda c: np.diag(c.a) - np.outer(c.a, c.a),
       check=lambda c: fd_jac(softmax, c.s),
       answers=[
           A("plain", "right", "a_j*(delta_ij - a_i)", "index form, Kronecker delta",
             "a_j times (delta_ij minus a_i)", lambda c: c.a[:, None] * (c.I - c.a[None, :])),
           A("latex", "right", r"$\frac{\partial a_j}{\partial s_i} = a_j\delta_{ij} - a_j a_i$",
             "expanded, inline math", "a_j delta_ij minus a_j a_i",
             lambda c: c.a[:, None] * c.I - np.outer(c.a, c.a)),
           A("converter", "right", r"a_{j}\left(\delta_{i j}-a_{i}\right)", "converter, spaced indices",
             "a_j (delta_ij - a_i)", lambda c: c.a[:, None] * (c.I - c.a[None, :])),
           A("latex", "right",
             r"\[\frac{\partial a_j}{\partial s_i}=\begin{cases} a_i(1-a_i) & i=j\\ -a_i a_j & i\neq j\end{cases}\]",
             "cases on i = j", "a_i(1-a_i) on the diagonal, -a_i a_j off it",
             lambda c: np.where(c.I == 1, (c.a * (1 - c.a))[None, :] * np.ones((c.n, 1)), -np.outer(c.a, c.a))),
           A("converter", "right", r"a_{j} \delta_{i j}-a_{i} a_{j}", "converter, expanded",
             "a_j delta_ij - a_i a_j", lambda c: c.a[:, None] * c.I - np.outer(c.a, c.a)),
           A("plain", "wrong", "a_j*(delta_ij - a_j)", "index form",
             "a_j (delta_ij - a_j)", lambda c: c.a[:, None] * (c.I - c.a[:, None]),
             mistake="wrong index: a_j instead of a_i inside the bracket"),
           A("converter", "wrong", r"a_{j}\left(1-a_{i}\right)", "converter",
             "a_j (1 - a_i) for every i, j", lambda c: c.a[:, None] * (1 - c.a[None, :]),
             mistake="Kronecker delta replaced by 1 (the diagonal formula used for every i)"),
           A("latex", "wrong", r"$\frac{\partial a_j}{\partial s_i} = \frac{1}{\sqrt{D}}\, a_j(\delta_{ij}-a_i)$",
             "inline, extra factor", "a_j (delta_ij - a_i) / sqrt(D)",
             lambda c: c.a[:, None] * (c.I - c.a[None, :]) / np.sqrt(c.D),
             mistake="extra 1/sqrt(D) factor carried over from the scores (s is the variable here)"),
           A("plain", "wrong", "a_i δ_ij + a_i a_j", "Unicode",
             "a_i delta_ij + a_i a_j", lambda c: c.a[None, :] * c.I + np.outer(c.a, c.a),
             mistake="sign of the a_i a_j term"),
           A("converter", "wrong",
             r"\left\{\begin{array}{ll} a_{i}\left(1-a_{i}\right) & i=j \\ a_{i} a_{j} & i \neq j \end{array}\right.",
             "converter cases array", "a_i(1-a_i) if i=j, a_i a_j otherwise",
             lambda c: np.where(c.I == 1, (c.a * (1 - c.a))[None, :] * np.ones((c.n, 1)), np.outer(c.a, c.a)),
             mistake="off-diagonal entries lose their minus sign"),
       ])

# da_ds_matrix: [j, i]
target("attention_softmax", "da_ds_matrix", [(3, 2), (4, 4), (5, 3)], gen_att,
       ref=lambda c: np.diag(c.a) - np.outer(c.a, c.a),
       check=lambda c: fd_jac(softmax, c.s),
       answers=[
           A("plain", "right", "diag(a) - a a^T", "matrix, ASCII", "diag(a) - a a^T",
             lambda c: np.diag(c.a) - np.outer(c.a, c.a)),
           A("converter", "right", r"\operatorname{diag}(\mathbf{a})-\mathbf{a} \mathbf{a}^{T}",
             "converter, bold vectors", "diag(a) - a a^T", lambda c: np.diag(c.a) - np.outer(c.a, c.a)),
           A("latex", "right", r"$\frac{\partial a}{\partial s} = \operatorname{diag}(a) - a a^\top$",
             "inline, \\top", "diag(a) - a a^T", lambda c: np.diag(c.a) - np.outer(c.a, c.a)),
           A("plain", "right", "diag(a)(I - 1 a^T)", "factored, ones vector",
             "diag(a) times (I - 1 a^T)", lambda c: np.diag(c.a) @ (c.I - np.outer(np.ones(c.n), c.a))),
           A("latex", "right", r"\[(I - a\mathbf{1}^\top)\operatorname{diag}(a)\]", "factored on the right",
             "(I - a 1^T) diag(a)", lambda c: (c.I - np.outer(c.a, np.ones(c.n))) @ np.diag(c.a)),
           A("plain", "wrong", "I - a a^T", "matrix", "identity minus a a^T",
             lambda c: c.I - np.outer(c.a, c.a), mistake="identity instead of diag(a)"),
           A("converter", "wrong", r"\operatorname{diag}(\mathbf{a})+\mathbf{a} \mathbf{a}^{T}", "converter",
             "diag(a) + a a^T", lambda c: np.diag(c.a) + np.outer(c.a, c.a), mistake="sign of the outer product"),
           A("latex", "wrong", r"$\operatorname{diag}\left(a\odot(1-a)\right)$", "diagonal only",
             "diagonal matrix with a_i(1-a_i)", lambda c: np.diag(c.a * (1 - c.a)),
             mistake="only the diagonal: the off-diagonal -a_i a_j terms are dropped"),
           A("plain", "wrong", "(I - 1 a^T) diag(a)", "factored", "(I - 1 a^T) diag(a)",
             lambda c: (c.I - np.outer(np.ones(c.n), c.a)) @ np.diag(c.a),
             mistake="factors in the wrong order (gives diag(a) - 1 (a∘a)^T)"),
           A("latex", "wrong", r"$$\frac{\partial a}{\partial s} = a a^{\top} - \operatorname{diag}(a)$$",
             "display math", "a a^T - diag(a)", lambda c: np.outer(c.a, c.a) - np.diag(c.a),
             mistake="overall sign flipped"),
       ])

# da_dq: [j, d]
target("attention_softmax", "da_dq", [(3, 3), (4, 2), (2, 5)], gen_att,
       ref=lambda c: c.a[:, None] * (c.K - c.a @ c.K) / np.sqrt(c.D),
       check=lambda c: fd_jac(lambda q: softmax(c.K @ q / np.sqrt(c.D)), c.q),
       answers=[
           A("plain", "right", "a_j*(K_jd - sum_l a_l K_ld)/sqrt(D)", "index form, ASCII",
             "a_j (K_jd - sum_l a_l K_ld) / sqrt(D)", lambda c: c.a[:, None] * (c.K - c.a @ c.K) / np.sqrt(c.D)),
           A("latex", "right",
             r"\[\frac{\partial a_j}{\partial q_d} = \sum_{i=1}^{n} \frac{\partial a_j}{\partial s_i}\frac{K_{id}}{\sqrt D} = \frac{a_j}{\sqrt{D}}\Big(K_{jd} - \sum_{i=1}^{n} a_i K_{id}\Big)\]",
             "chain rule written out, relation chain", "a_j/sqrt(D) (K_jd - sum_i a_i K_id)",
             lambda c: c.a[:, None] / np.sqrt(c.D) * (c.K - c.a @ c.K)),
           A("converter", "right", r"\frac{1}{\sqrt{D}} \sum_{i=1}^{n} a_{j}\left(\delta_{i j}-a_{i}\right) K_{i d}",
             "converter, sum over softmax Jacobian", "1/sqrt(D) sum_i a_j (delta_ij - a_i) K_id",
             lambda c: np.einsum('j,ji,id->jd', c.a, c.I - c.a[None, :], c.K) / np.sqrt(c.D)),
           A("converter", "right", r"\frac{a_{j}}{\sqrt{D}}\left(K_{j d}-\sum_{l=1}^{n} a_{l} K_{l d}\right)", "converter, prefactor",
             "a_j/sqrt(D) (K_jd - sum_l a_l K_ld)", lambda c: c.a[:, None] / np.sqrt(c.D) * (c.K - c.a @ c.K)),
           A("latex", "right", r"$\frac{a_j K_{jd}}{\sqrt D} - \frac{a_j}{\sqrt D}\sum_{m=1}^{n} a_m K_{md}$",
             "expanded, other summation index", "a_j K_jd/sqrt(D) - a_j/sqrt(D) sum_m a_m K_md",
             lambda c: c.a[:, None] * c.K / np.sqrt(c.D) - c.a[:, None] / np.sqrt(c.D) * (c.a @ c.K)[None, :]),
           A("plain", "wrong", "a_j*(K_jd - sum_l a_l*K_ld)", "index form",
             "a_j (K_jd - sum_l a_l K_ld)", lambda c: c.a[:, None] * (c.K - c.a @ c.K),
             mistake="missing the 1/sqrt(D) factor of the scores"),
           A("latex", "wrong", r"$\frac{a_j}{D}\left(K_{jd} - \sum_{l=1}^n a_l K_{ld}\right)$", "inline",
             "a_j/D (K_jd - sum_l a_l K_ld)", lambda c: c.a[:, None] / c.D * (c.K - c.a @ c.K),
             mistake="1/D instead of 1/sqrt(D)"),
           A("converter", "wrong", r"\frac{a_{j}\left(K_{j d}-\sum_{l=1}^{n} K_{l d}\right)}{\sqrt{D}}", "converter",
             "a_j (K_jd - sum_l K_ld)/sqrt(D)", lambda c: c.a[:, None] * (c.K - c.K.sum(0)) / np.sqrt(c.D),
             mistake="the weights a_l are missing in the sum"),
           A("plain", "wrong", "a_j (sum_l a_l K_ld - K_jd) / sqrt(D)", "index form",
             "a_j (sum_l a_l K_ld - K_jd)/sqrt(D)", lambda c: -c.a[:, None] * (c.K - c.a @ c.K) / np.sqrt(c.D),
             mistake="sign flipped"),
           A("converter", "wrong", r"\frac{1}{\sqrt{D}} a_{j}\left(1-a_{j}\right) K_{j d}", "converter",
             "a_j (1 - a_j) K_jd / sqrt(D)", lambda c: (c.a * (1 - c.a))[:, None] * c.K / np.sqrt(c.D),
             mistake="only the i = j term of the chain-rule sum is kept"),
       ])


# =====================================================================================
# conv2d_backward (1-based index formulas evaluated with loops; out of range -> 0)
# =====================================================================================
def gen_c2(rng, H, W, P, Q):
    X = rng.normal(size=(H, W))
    K = rng.normal(size=(P, Q))
    G = rng.normal(size=(H - P + 1, W - Q + 1))
    return NS(H=H, W=W, P=P, Q=Q, X=X, K=K, G=G, Y=conv2d(X, K))


def conv2d(X, K):
    H, W = X.shape
    P, Q = K.shape
    Y = np.zeros((H - P + 1, W - Q + 1))
    for i in range(H - P + 1):
        for j in range(W - Q + 1):
            Y[i, j] = np.sum(K * X[i:i + P, j:j + Q])
    return Y


def at(M, i, j):
    """1-based entry, 0 outside the array."""
    if 1 <= i <= M.shape[0] and 1 <= j <= M.shape[1]:
        return M[i - 1, j - 1]
    return 0.0


def grid(shape, f):
    out = np.zeros(shape)
    for idx in np.ndindex(shape):
        out[idx] = f(*[k + 1 for k in idx])
    return out


def c2_dK_ref(c):
    out = np.zeros_like(c.K)
    for a in range(c.P):
        for b in range(c.Q):
            out[a, b] = np.sum(c.G * c.X[a:a + c.G.shape[0], b:b + c.G.shape[1]])
    return out


def c2_dX_ref(c):
    out = np.zeros_like(c.X)
    for i in range(c.G.shape[0]):
        for j in range(c.G.shape[1]):
            out[i:i + c.P, j:j + c.Q] += c.G[i, j] * c.K
    return out


def S2(imax, jmax, f, i0=1, j0=1):
    return sum(f(i, j) for i in range(i0, imax + 1) for j in range(j0, jmax + 1))


C2SIZES = [(5, 5, 3, 3), (6, 4, 2, 3), (4, 6, 3, 2), (4, 4, 2, 2)]
target("conv2d_backward", "dL_dK", C2SIZES, gen_c2, ref=c2_dK_ref,
       check=lambda c: fd_jac(lambda K: np.sum(c.G * conv2d(c.X, K)), c.K),
       answers=[
           A("plain", "right", "sum_{i,j} dL/dY_ij * X_{i+a-1, j+b-1}", "ASCII index sum",
             "sum over output positions of dL/dY_ij X_(i+a-1, j+b-1)",
             lambda c: grid(c.K.shape, lambda a, b: S2(c.H - c.P + 1, c.W - c.Q + 1,
                                                        lambda i, j: at(c.G, i, j) * at(c.X, i + a - 1, j + b - 1)))),
           A("latex", "right",
             r"\frac{\partial L}{\partial K_{ab}} = \sum_{i=1}^{H-P+1}\sum_{j=1}^{W-Q+1} \frac{\partial L}{\partial Y_{ij}}\, X_{i+a-1,j+b-1}",
             "double sum with bounds", "sum_i sum_j dL/dY_ij X_(i+a-1,j+b-1)",
             lambda c: grid(c.K.shape, lambda a, b: S2(c.H - c.P + 1, c.W - c.Q + 1,
                                                        lambda i, j: at(c.G, i, j) * at(c.X, i + a - 1, j + b - 1)))),
           A("converter", "right",
             r"\sum_{u=1}^{H-P+1} \sum_{v=1}^{W-Q+1} X_{u+a-1, v+b-1} \frac{\partial L}{\partial Y_{u v}}",
             "converter, renamed indices", "sum_u sum_v X_(u+a-1,v+b-1) dL/dY_uv",
             lambda c: grid(c.K.shape, lambda a, b: S2(c.H - c.P + 1, c.W - c.Q + 1,
                                                        lambda u, v: at(c.X, u + a - 1, v + b - 1) * at(c.G, u, v)))),
           A("latex", "right",
             r"$\frac{\partial L}{\partial K_{ab}} = \sum_{i=a}^{a+H-P}\sum_{j=b}^{b+W-Q} \frac{\partial L}{\partial Y_{i-a+1,\,j-b+1}}\, X_{ij}$",
             "substituted summation variable", "sum over the window of X_ij times dL/dY_(i-a+1, j-b+1)",
             lambda c: grid(c.K.shape, lambda a, b: sum(at(c.G, i - a + 1, j - b + 1) * at(c.X, i, j)
                                                        for i in range(a, a + c.H - c.P + 1)
                                                        for j in range(b, b + c.W - c.Q + 1)))),
           A("converter", "right", r"\sum_{i} \sum_{j} X_{i+a-1, j+b-1} \cdot \frac{\partial L}{\partial Y_{i j}}", "converter, cdot",
             "sum_i sum_j X_(i+a-1,j+b-1) dL/dY_ij",
             lambda c: grid(c.K.shape, lambda a, b: S2(c.H - c.P + 1, c.W - c.Q + 1,
                                                        lambda i, j: at(c.G, i, j) * at(c.X, i + a - 1, j + b - 1)))),
           A("plain", "wrong", "sum_{i,j} dL/dY_ij * X_{i+a, j+b}", "ASCII index sum",
             "sum_ij dL/dY_ij X_(i+a, j+b) (X = 0 outside)",
             lambda c: grid(c.K.shape, lambda a, b: S2(c.H - c.P + 1, c.W - c.Q + 1,
                                                        lambda i, j: at(c.G, i, j) * at(c.X, i + a, j + b))),
             mistake="offsets off by one: X_(i+a, j+b) instead of X_(i+a-1, j+b-1)"),
           A("latex", "wrong",
             r"$\frac{\partial L}{\partial K_{ab}} = \sum_{i,j}\frac{\partial L}{\partial Y_{ij}}\,X_{i-a+1,\,j-b+1}$",
             "inline, flipped", "sum_ij dL/dY_ij X_(i-a+1, j-b+1) (X = 0 outside)",
             lambda c: grid(c.K.shape, lambda a, b: S2(c.H - c.P + 1, c.W - c.Q + 1,
                                                        lambda i, j: at(c.G, i, j) * at(c.X, i - a + 1, j - b + 1))),
             mistake="flipped offsets (a convolution instead of the cross-correlation of the forward pass)"),
           A("converter", "wrong",
             r"\sum_{i=1}^{H-P} \sum_{j=1}^{W-Q} \frac{\partial L}{\partial Y_{i j}} X_{i+a-1, j+b-1}",
             "converter, bounds", "sum over i <= H-P, j <= W-Q of dL/dY_ij X_(i+a-1,j+b-1)",
             lambda c: grid(c.K.shape, lambda a, b: S2(c.H - c.P, c.W - c.Q,
                                                        lambda i, j: at(c.G, i, j) * at(c.X, i + a - 1, j + b - 1))),
             mistake="upper bounds off by one (H-P, W-Q instead of H-P+1, W-Q+1)"),
           A("latex", "wrong", r"\[\frac{\partial L}{\partial K_{ab}}=\sum_{i,j} Y_{ij}\,X_{i+a-1,j+b-1}\]",
             "display", "sum_ij Y_ij X_(i+a-1,j+b-1)",
             lambda c: grid(c.K.shape, lambda a, b: S2(c.H - c.P + 1, c.W - c.Q + 1,
                                                        lambda i, j: at(c.Y, i, j) * at(c.X, i + a - 1, j + b - 1))),
             mistake="Y_ij instead of dL/dY_ij (the upstream gradient is missing)"),
           A("plain", "wrong", "sum_{i,j} dL/dY_ij X_(i+b-1, j+a-1)", "ASCII",
             "sum_ij dL/dY_ij X_(i+b-1, j+a-1) (X = 0 outside)",
             lambda c: grid(c.K.shape, lambda a, b: S2(c.H - c.P + 1, c.W - c.Q + 1,
                                                        lambda i, j: at(c.G, i, j) * at(c.X, i + b - 1, j + a - 1))),
             mistake="a and b swapped in the offsets (transposed kernel index)"),
       ])


def Gz(c, i, j):
    return at(c.G, i, j)


target("conv2d_backward", "dL_dX", C2SIZES, gen_c2, ref=c2_dX_ref,
       check=lambda c: fd_jac(lambda X: np.sum(c.G * conv2d(X, c.K)), c.X),
       answers=[
           A("latex", "right",
             r"$\frac{\partial L}{\partial X_{uv}}=\sum_{a=1}^{P}\sum_{b=1}^{Q} K_{ab}\,\frac{\partial L}{\partial Y_{u-a+1,v-b+1}}$, where $\partial L/\partial Y_{ij}=0$ outside $1\le i\le H-P+1$, $1\le j\le W-Q+1$",
             "kernel sum with zero convention in prose", "sum_ab K_ab dL/dY_(u-a+1, v-b+1), dL/dY = 0 outside the output",
             lambda c: grid(c.X.shape, lambda u, v: S2(c.P, c.Q, lambda a, b: c.K[a - 1, b - 1] * Gz(c, u - a + 1, v - b + 1)))),
           A("converter", "right",
             r"\sum_{i=\max (1, u-P+1)}^{\min (u, H-P+1)} \sum_{j=\max (1, v-Q+1)}^{\min (v, W-Q+1)} K_{u-i+1, v-j+1} \frac{\partial L}{\partial Y_{i j}}",
             "converter, max/min bounds", "sum over valid i, j of K_(u-i+1, v-j+1) dL/dY_ij",
             lambda c: grid(c.X.shape, lambda u, v: sum(c.K[u - i, v - j] * c.G[i - 1, j - 1]
                                                        for i in range(max(1, u - c.P + 1), min(u, c.H - c.P + 1) + 1)
                                                        for j in range(max(1, v - c.Q + 1), min(v, c.W - c.Q + 1) + 1)))),
           A("plain", "right", "sum over i,j of dL/dY_ij * K_(u-i+1, v-j+1)   (K = 0 outside 1..P, 1..Q)",
             "output sum, zero-padded kernel", "sum_ij dL/dY_ij K_(u-i+1, v-j+1), K zero outside",
             lambda c: grid(c.X.shape, lambda u, v: S2(c.H - c.P + 1, c.W - c.Q + 1,
                                                        lambda i, j: c.G[i - 1, j - 1] * at(c.K, u - i + 1, v - j + 1)))),
           A("plain", "right", "∑_a ∑_b K_ab · ∂L/∂Y_(u−a+1, v−b+1) · 1[1 ≤ u−a+1 ≤ H−P+1] · 1[1 ≤ v−b+1 ≤ W−Q+1]",
             "Unicode, indicators", "sum_ab K_ab dL/dY_(u-a+1, v-b+1) restricted to valid output indices",
             lambda c: grid(c.X.shape, lambda u, v: S2(c.P, c.Q, lambda a, b: c.K[a - 1, b - 1] * Gz(c, u - a + 1, v - b + 1)
                                                        * (1 <= u - a + 1 <= c.H - c.P + 1) * (1 <= v - b + 1 <= c.W - c.Q + 1)))),
           A("converter", "right",
             r"\sum_{i, j} \sum_{a, b} \frac{\partial L}{\partial Y_{i j}} K_{a b} \delta_{u, i+a-1} \delta_{v, j+b-1}",
             "converter, Kronecker deltas", "sum_ij sum_ab dL/dY_ij K_ab [u = i+a-1][v = j+b-1]",
             lambda c: grid(c.X.shape, lambda u, v: S2(c.H - c.P + 1, c.W - c.Q + 1, lambda i, j: S2(
                 c.P, c.Q, lambda a, b: c.G[i - 1, j - 1] * c.K[a - 1, b - 1] * (u == i + a - 1) * (v == j + b - 1))))),
           A("latex", "wrong",
             r"$\frac{\partial L}{\partial X_{uv}} = \sum_{a=1}^{P}\sum_{b=1}^{Q} K_{ab}\,\frac{\partial L}{\partial Y_{u+a-1,\,v+b-1}}$",
             "inline, unflipped", "sum_ab K_ab dL/dY_(u+a-1, v+b-1) (0 outside)",
             lambda c: grid(c.X.shape, lambda u, v: S2(c.P, c.Q, lambda a, b: c.K[a - 1, b - 1] * Gz(c, u + a - 1, v + b - 1))),
             mistake="kernel not flipped: correlation of dL/dY with K instead of a full convolution"),
           A("plain", "wrong", "sum_{a,b} K_ab * dL/dY_{u-a, v-b}", "ASCII",
             "sum_ab K_ab dL/dY_(u-a, v-b) (0 outside)",
             lambda c: grid(c.X.shape, lambda u, v: S2(c.P, c.Q, lambda a, b: c.K[a - 1, b - 1] * Gz(c, u - a, v - b))),
             mistake="indices off by one: u-a instead of u-a+1"),
           A("converter", "wrong",
             r"\sum_{a=1}^{P} \sum_{b=1}^{Q} K_{b a} \frac{\partial L}{\partial Y_{u-a+1, v-b+1}}",
             "converter", "sum_ab K_ba dL/dY_(u-a+1, v-b+1) (0 outside)",
             lambda c: grid(c.X.shape, lambda u, v: S2(c.P, c.Q, lambda a, b: at(c.K, b, a) * Gz(c, u - a + 1, v - b + 1))),
             mistake="kernel indices transposed (K_ba)"),
           A("latex", "wrong",
             r"\[\frac{\partial L}{\partial X_{uv}} = \sum_{a=1}^{P}\sum_{b=1}^{Q} K_{P-a+1,\,Q-b+1}\,\frac{\partial L}{\partial Y_{u-a+1,\,v-b+1}}\]",
             "display, flipped kernel", "sum_ab K_(P-a+1, Q-b+1) dL/dY_(u-a+1, v-b+1)",
             lambda c: grid(c.X.shape, lambda u, v: S2(c.P, c.Q, lambda a, b: c.K[c.P - a, c.Q - b] * Gz(c, u - a + 1, v - b + 1))),
             mistake="kernel flipped twice (flipped kernel and convolution indexing together)"),
       ])


# =====================================================================================
# hw3_3b: mean-centering and batch norm
# =====================================================================================
def gen_mc(rng, n):
    x = rng.normal(size=n) * 1.5
    gam, bet = rng.uniform(0.5, 2.0), rng.normal()
    eps = rng.uniform(0.05, 0.5)
    G = rng.normal(size=n)
    mu = x.mean()
    xh = x - mu
    var = np.mean(xh ** 2)
    return NS(n=n, x=x, gam=gam, bet=bet, eps=eps, G=G, mu=mu, xh=xh, var=var)


def mc_forward(c, x):
    return np.sum(c.G * (c.gam * (x - x.mean()) + c.bet))


def bn_forward(c, x):
    mu = x.mean()
    var = np.mean((x - mu) ** 2)
    return np.sum(c.G * (c.gam * (x - mu) / np.sqrt(var + c.eps) + c.bet))


target("hw3_3b", "dL_dx", [(2,), (3,), (5,)], gen_mc,
       ref=lambda c: c.gam * (c.G - c.G.mean()),
       check=lambda c: fd_jac(lambda x: mc_forward(c, x), c.x),
       answers=[
           A("plain", "right", "gamma*(dL/dy_i - (1/n) sum_j dL/dy_j)", "ASCII",
             "gamma (dL/dy_i - mean_j dL/dy_j)", lambda c: c.gam * (c.G - c.G.sum() / c.n)),
           A("latex", "right",
             r"$\frac{\partial L}{\partial x_i} = \sum_{j=1}^n \frac{\partial L}{\partial y_j}\gamma\left(\delta_{ij}-\frac1n\right) = \gamma\frac{\partial L}{\partial y_i} - \frac{\gamma}{n}\sum_{j=1}^n\frac{\partial L}{\partial y_j}$",
             "chain rule then expanded", "gamma dL/dy_i - gamma/n sum_j dL/dy_j",
             lambda c: c.gam * c.G - c.gam / c.n * c.G.sum()),
           A("converter", "right",
             r"\gamma\left(\frac{\partial L}{\partial y_{i}}-\frac{1}{n} \sum_{k=1}^{n} \frac{\partial L}{\partial y_{k}}\right)",
             "converter, index k", "gamma (dL/dy_i - (1/n) sum_k dL/dy_k)", lambda c: c.gam * (c.G - c.G.mean())),
           A("plain", "right", "γ·((n−1)/n · ∂L/∂y_i − (1/n)∑_{j≠i} ∂L/∂y_j)", "Unicode, diagonal split off",
             "gamma ((n-1)/n dL/dy_i - (1/n) sum over j != i of dL/dy_j)",
             lambda c: c.gam * ((c.n - 1) / c.n * c.G - (c.G.sum() - c.G) / c.n)),
           A("converter", "right",
             r"\frac{\gamma}{n}\left(n \frac{\partial L}{\partial y_{i}}-\sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}\right)",
             "converter, factored 1/n", "gamma/n (n dL/dy_i - sum_j dL/dy_j)",
             lambda c: c.gam / c.n * (c.n * c.G - c.G.sum())),
           A("plain", "wrong", "dL/dy_i - (1/n) sum_j dL/dy_j", "ASCII",
             "dL/dy_i - mean dL/dy", lambda c: c.G - c.G.mean(), mistake="missing the factor gamma"),
           A("plain", "wrong", "γ ∂L/∂y_i", "Unicode", "gamma dL/dy_i", lambda c: c.gam * c.G,
             mistake="ignores that mu depends on x_i (missing the mean term)"),
           A("latex", "wrong",
             r"$\gamma\left(\frac{\partial L}{\partial y_i} - \sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\right)$",
             "inline", "gamma (dL/dy_i - sum_j dL/dy_j)", lambda c: c.gam * (c.G - c.G.sum()),
             mistake="the 1/n of the mean is lost"),
           A("converter", "wrong", r"\gamma\left(1-\frac{1}{n}\right) \frac{\partial L}{\partial y_{i}}", "converter",
             "gamma (1 - 1/n) dL/dy_i", lambda c: c.gam * (1 - 1 / c.n) * c.G,
             mistake="keeps only the j = i term of the sum over j"),
           A("converter", "wrong",
             r"\gamma\left(\frac{\partial L}{\partial y_{i}}+\frac{1}{n} \sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}\right)",
             "converter", "gamma (dL/dy_i + (1/n) sum_j dL/dy_j)", lambda c: c.gam * (c.G + c.G.mean()),
             mistake="sign of the mean term"),
       ])


def bn_ref(c):
    s = c.var + c.eps
    return c.gam / np.sqrt(s) * (c.G - c.G.mean() - c.xh * np.mean(c.xh * c.G) / s)


target("hw3_3b", "batchnorm_dL_dx", [(2,), (3,), (5,)], gen_mc, ref=bn_ref,
       check=lambda c: fd_jac(lambda x: bn_forward(c, x), c.x),
       answers=[
           A("plain", "right",
             "gamma/sqrt(sigma^2+eps) * (dL/dybar_i - (1/n) sum_j dL/dybar_j - xhat_i/(n(sigma^2+eps)) sum_j xhat_j dL/dybar_j)",
             "ASCII, three terms", "gamma/sqrt(var+eps) (g_i - mean g - xhat_i mean(xhat g)/(var+eps))", bn_ref),
           A("latex", "right",
             r"$$\frac{\partial L}{\partial x_i} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial \bar y_i} - \frac{1}{n}\sum_{j=1}^{n}\left(1 + \frac{\hat x_i\hat x_j}{\sigma^2+\epsilon}\right)\frac{\partial L}{\partial \bar y_j}\right)$$",
             "display, grouped sum", "gamma/sqrt(var+eps) (g_i - (1/n) sum_j (1 + xhat_i xhat_j/(var+eps)) g_j)",
             lambda c: c.gam / np.sqrt(c.var + c.eps) * (c.G - np.mean((1 + np.outer(c.xh, c.xh) / (c.var + c.eps)) * c.G[None, :], axis=1))),
           A("converter", "right",
             r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left[\frac{\partial L}{\partial \bar{y}_{i}}-\frac{1}{n} \sum_{j} \frac{\partial L}{\partial \bar{y}_{j}}-\frac{\left(x_{i}-\mu\right)}{n\left(\sigma^{2}+\epsilon\right)} \sum_{j}\left(x_{j}-\mu\right) \frac{\partial L}{\partial \bar{y}_{j}}\right]",
             "converter, written with x - mu", "same three terms with x_i - mu",
             lambda c: c.gam / np.sqrt(c.var + c.eps) * (c.G - c.G.sum() / c.n - (c.x - c.mu) / (c.n * (c.var + c.eps)) * np.sum((c.x - c.mu) * c.G))),
           A("latex", "right",
             r"\frac{\gamma}{n\sqrt{\sigma^2+\epsilon}}\Big(n\,\frac{\partial L}{\partial \bar y_i} - \sum_{j} \frac{\partial L}{\partial \bar y_j} - \frac{\hat x_i}{\sigma^2+\epsilon}\sum_{j} \hat x_j \frac{\partial L}{\partial \bar y_j}\Big)",
             "factored 1/n", "gamma/(n sqrt(var+eps)) (n g_i - sum g - xhat_i/(var+eps) sum xhat g)",
             lambda c: c.gam / (c.n * np.sqrt(c.var + c.eps)) * (c.n * c.G - c.G.sum() - c.xh / (c.var + c.eps) * np.sum(c.xh * c.G))),
           A("plain", "right",
             "γ(σ²+ε)^(−1/2) ∂L/∂ȳ_i − γ/(n√(σ²+ε)) ∑_j ∂L/∂ȳ_j − γ x̂_i (σ²+ε)^(−3/2) (1/n) ∑_j x̂_j ∂L/∂ȳ_j",
             "Unicode, negative powers", "expanded three terms with (var+eps)^(-3/2)",
             lambda c: c.gam * (c.var + c.eps) ** -0.5 * c.G - c.gam / (c.n * np.sqrt(c.var + c.eps)) * c.G.sum()
             - c.gam * c.xh * (c.var + c.eps) ** -1.5 * np.mean(c.xh * c.G)),
           A("plain", "wrong", "γ/√(σ²+ε) (∂L/∂ȳ_i − (1/n)∑_j ∂L/∂ȳ_j)", "Unicode",
             "gamma/sqrt(var+eps) (g_i - mean g)",
             lambda c: c.gam / np.sqrt(c.var + c.eps) * (c.G - c.G.mean()),
             mistake="missing the term from sigma^2 depending on x (treats the variance as a constant)"),
           A("latex", "wrong",
             r"$\frac{\gamma}{\sqrt{\sigma^2}+\epsilon}\left(\frac{\partial L}{\partial \bar y_i} - \frac1n\sum_j \frac{\partial L}{\partial \bar y_j} - \frac{\hat x_i}{n(\sigma^2+\epsilon)}\sum_j \hat x_j\frac{\partial L}{\partial \bar y_j}\right)$",
             "inline", "gamma/(sqrt(var)+eps) (...)",
             lambda c: c.gam / (np.sqrt(c.var) + c.eps) * (c.G - c.G.mean() - c.xh * np.mean(c.xh * c.G) / (c.var + c.eps)),
             mistake="epsilon outside the square root in the prefactor"),
           A("converter", "wrong",
             r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left(\frac{\partial L}{\partial \bar{y}_{i}}-\frac{1}{n} \sum_{j=1}^{n}\left(1+\hat{x}_{i} \hat{x}_{j}\right) \frac{\partial L}{\partial \bar{y}_{j}}\right)",
             "converter, layer-norm shape", "gamma/sqrt(var+eps) (g_i - (1/n) sum_j (1 + xhat_i xhat_j) g_j), xhat = x - mu",
             lambda c: c.gam / np.sqrt(c.var + c.eps) * (c.G - c.G.mean() - c.xh * np.mean(c.xh * c.G)),
             mistake="treats xhat as the normalized input; here xhat_i = x_i - mu, so the 1/(sigma^2+eps) of the variance term is missing"),
           A("latex", "wrong",
             r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial \bar y_i} - \frac1n\sum_j\frac{\partial L}{\partial \bar y_j} - \frac{2\hat x_i}{n(\sigma^2+\epsilon)}\sum_j \hat x_j\frac{\partial L}{\partial \bar y_j}\right)",
             "bare LaTeX", "variance term with 2 xhat_i instead of xhat_i",
             lambda c: c.gam / np.sqrt(c.var + c.eps) * (c.G - c.G.mean() - 2 * c.xh * np.mean(c.xh * c.G) / (c.var + c.eps)),
             mistake="the 2 from d(sigma^2)/dx_i = 2 xhat_i/n is not cancelled by the 1/2 of the root's derivative"),
           A("plain", "wrong",
             "gamma/sqrt(sigma^2+eps) * (dL/dybar_i - (1/n) sum_j dL/dybar_j + xhat_i/(n(sigma^2+eps)) sum_j xhat_j dL/dybar_j)",
             "ASCII", "variance term added instead of subtracted",
             lambda c: c.gam / np.sqrt(c.var + c.eps) * (c.G - c.G.mean() + c.xh * np.mean(c.xh * c.G) / (c.var + c.eps)),
             mistake="sign of the variance term"),
       ])


# =====================================================================================
# hw3_4b: one SGD step on f^reg (theta a vector; d = 1 is the scalar case)
# =====================================================================================
def gen_wd(rng, d):
    th = rng.normal(size=d)
    eta, lam = rng.uniform(0.05, 0.5), rng.uniform(0.2, 2.0)
    al, be = rng.normal(size=d), rng.normal(size=d)
    gf = al * np.cos(th) + 2 * be * th        # grad of f(theta) = sum al sin(theta) + be theta^2
    return NS(d=d, th=th, eta=eta, lam=lam, al=al, be=be, gf=gf)


def wd_check(c):
    freg = lambda t: np.sum(c.al * np.sin(t) + c.be * t ** 2) + c.lam / 2 * np.sum(t ** 2)
    return c.th - c.eta * fd_jac(freg, c.th)


target("hw3_4b", "sgd_l2_step", [(1,), (3,), (4,)], gen_wd,
       ref=lambda c: c.th - c.eta * (c.gf + c.lam * c.th), check=wd_check,
       answers=[
           A("plain", "right", "theta - eta*(grad f(theta) + lambda*theta)", "ASCII",
             "theta - eta (grad f + lambda theta)", lambda c: c.th - c.eta * (c.gf + c.lam * c.th)),
           A("converter", "right", r"(1-\eta \lambda) \theta_{t}-\eta \nabla f\left(\theta_{t}\right)", "converter, weight-decay form",
             "(1 - eta lambda) theta - eta grad f", lambda c: (1 - c.eta * c.lam) * c.th - c.eta * c.gf),
           A("latex", "right",
             r"$\theta_{t+1} = \theta_t - \eta\nabla f^{\mathrm{reg}}_t(\theta_t) = (1-\eta\lambda)\theta_t - \eta\nabla f_t(\theta_t)$",
             "relation chain", "(1 - eta lambda) theta_t - eta grad f_t(theta_t)",
             lambda c: (1 - c.eta * c.lam) * c.th - c.eta * c.gf),
           A("converter", "right", r"\theta_{t+1}=\theta_{t}-\eta \nabla f\left(\theta_{t}\right)-\eta \lambda \theta_{t}",
             "converter, expanded", "theta - eta grad f - eta lambda theta",
             lambda c: c.th - c.eta * c.gf - c.eta * c.lam * c.th),
           A("latex", "right", r"\[\theta_{t+1} = \theta_t(1-\eta\lambda) - \eta f'(\theta_t)\]", "display, f'",
             "theta (1 - eta lambda) - eta f'(theta)", lambda c: c.th * (1 - c.eta * c.lam) - c.eta * c.gf),
           A("plain", "wrong", "θ − η(∇f(θ) + (λ/2)θ)", "Unicode",
             "theta - eta (grad f + lambda/2 theta)", lambda c: c.th - c.eta * (c.gf + c.lam / 2 * c.th),
             mistake="lambda/2 instead of lambda (the derivative of (lambda/2)||theta||^2 is lambda theta)"),
           A("latex", "wrong", r"$\theta_{t+1} = \theta_t - \eta\nabla f(\theta_t) + \eta\lambda\theta_t$", "inline",
             "theta - eta grad f + eta lambda theta", lambda c: c.th - c.eta * c.gf + c.eta * c.lam * c.th,
             mistake="sign of the regularization term"),
           A("converter", "wrong", r"(1-\lambda) \theta_{t}-\eta \nabla f\left(\theta_{t}\right)", "converter",
             "(1 - lambda) theta - eta grad f", lambda c: (1 - c.lam) * c.th - c.eta * c.gf,
             mistake="the learning rate eta is missing on the decay term"),
           A("converter", "wrong", r"\theta_{t}-\eta\left(\nabla f\left(\theta_{t}\right)+2 \lambda \theta_{t}\right)",
             "converter", "theta - eta (grad f + 2 lambda theta)", lambda c: c.th - c.eta * (c.gf + 2 * c.lam * c.th),
             mistake="extra factor 2: differentiated ||theta||^2 but forgot the 1/2 of lambda/2"),
           A("plain", "wrong", "theta_t - eta*(grad f(theta_t) + lambda)", "ASCII",
             "theta - eta (grad f + lambda)", lambda c: c.th - c.eta * (c.gf + c.lam),
             mistake="derivative of (lambda/2)theta^2 written as lambda (theta dropped)"),
       ])


# =====================================================================================
# logreg_l2
# =====================================================================================
def gen_lr(rng, m):
    x, w = rng.normal(size=m), rng.normal(size=m)
    b = rng.normal()
    y = float(rng.integers(0, 2))
    lam = rng.uniform(0.2, 2.0)
    s = w @ x + b
    return NS(m=m, x=x, w=w, b=b, y=y, lam=lam, s=s, p=sig(s))


def lr_loss(c, w, b):
    p = sig(w @ c.x + b)
    return -c.y * np.log(p) - (1 - c.y) * np.log(1 - p) + c.lam / 2 * np.sum(w ** 2)


target("logreg_l2", "dL_dw", [(2,), (3,), (5,)], gen_lr,
       ref=lambda c: (c.p - c.y) * c.x + c.lam * c.w,
       check=lambda c: fd_jac(lambda w: lr_loss(c, w, c.b), c.w),
       answers=[
           A("plain", "right", "(p - y)*x_i + lambda*w_i", "ASCII", "(p - y) x_i + lambda w_i",
             lambda c: (c.p - c.y) * c.x + c.lam * c.w),
           A("converter", "right", r"(\sigma(s)-y) x_{i}+\lambda w_{i}", "converter, sigma(s)", "(sigma(s) - y) x_i + lambda w_i",
             lambda c: (sig(c.s) - c.y) * c.x + c.lam * c.w),
           A("latex", "right",
             r"$\frac{\partial L}{\partial w_i} = \left(\sigma\Big(\sum_{j=1}^m w_j x_j + b\Big) - y\right)x_i + \lambda w_i$",
             "inline, s substituted", "(sigma(sum_j w_j x_j + b) - y) x_i + lambda w_i",
             lambda c: (sig(c.w @ c.x + c.b) - c.y) * c.x + c.lam * c.w),
           A("converter", "right", r"-y(1-p) x_{i}+(1-y) p x_{i}+\lambda w_{i}", "converter, unsimplified",
             "-y(1-p) x_i + (1-y) p x_i + lambda w_i",
             lambda c: -c.y * (1 - c.p) * c.x + (1 - c.y) * c.p * c.x + c.lam * c.w),
           A("latex", "right",
             r"\frac{\partial L}{\partial w_i} = \Big(-\frac{y}{p} + \frac{1-y}{1-p}\Big)p(1-p)\,x_i + \lambda w_i",
             "chain rule left unsimplified", "(-y/p + (1-y)/(1-p)) p (1-p) x_i + lambda w_i",
             lambda c: (-c.y / c.p + (1 - c.y) / (1 - c.p)) * c.p * (1 - c.p) * c.x + c.lam * c.w),
           A("plain", "wrong", "(y - p)*x_i + lambda*w_i", "ASCII", "(y - p) x_i + lambda w_i",
             lambda c: (c.y - c.p) * c.x + c.lam * c.w, mistake="sign of the data term"),
           A("converter", "wrong", r"(p-y) x_{i}+\frac{\lambda}{2} w_{i}", "converter", "(p - y) x_i + lambda/2 w_i",
             lambda c: (c.p - c.y) * c.x + c.lam / 2 * c.w, mistake="lambda/2 instead of lambda"),
           A("converter", "wrong", r"(p-y) p(1-p) x_{i}+\lambda w_{i}", "converter",
             "(p - y) p (1 - p) x_i + lambda w_i", lambda c: (c.p - c.y) * c.p * (1 - c.p) * c.x + c.lam * c.w,
             mistake="an extra sigma'(s) = p(1-p) factor (it cancels against the log-loss derivative)"),
           A("plain", "wrong", "(p − y) + λw_i", "Unicode", "(p - y) + lambda w_i",
             lambda c: (c.p - c.y) + c.lam * c.w, mistake="missing the chain factor x_i"),
           A("converter", "wrong", r"(p-y) w_{i}+\lambda x_{i}", "converter", "(p - y) w_i + lambda x_i",
             lambda c: (c.p - c.y) * c.w + c.lam * c.x, mistake="x_i and w_i swapped"),
       ])

target("logreg_l2", "dL_db", [(2,), (3,), (5,)], gen_lr,
       ref=lambda c: np.array(c.p - c.y),
       check=lambda c: fd_jac(lambda b: lr_loss(c, c.w, b), np.array(c.b)),
       answers=[
           A("plain", "right", "p - y", "ASCII", "p - y", lambda c: c.p - c.y),
           A("plain", "right", "σ(w·x + b) − y", "Unicode, substituted", "sigma(w.x + b) - y",
             lambda c: sig(c.w @ c.x + c.b) - c.y),
           A("latex", "right", r"$\frac{\partial L}{\partial b} = -y(1-p) + (1-y)p = p-y$", "relation chain",
             "-y(1-p) + (1-y)p = p - y", lambda c: -c.y * (1 - c.p) + (1 - c.y) * c.p),
           A("converter", "right", r"\sigma\left(\mathbf{w}^{T} \mathbf{x}+b\right)-y", "converter",
             "sigma(w^T x + b) - y", lambda c: sig(c.w @ c.x + c.b) - c.y),
           A("converter", "right", r"\frac{\partial L}{\partial b}=p-y", "converter with left-hand side", "p - y", lambda c: c.p - c.y),
           A("plain", "wrong", "p - y + lambda*b", "ASCII", "p - y + lambda b", lambda c: c.p - c.y + c.lam * c.b,
             mistake="regularizes the bias, which is not in the penalty"),
           A("latex", "wrong", r"$y - p$", "inline", "y - p", lambda c: c.y - c.p, mistake="sign flipped"),
           A("converter", "wrong", r"(p-y) p(1-p)", "converter", "(p - y) p (1 - p)",
             lambda c: (c.p - c.y) * c.p * (1 - c.p), mistake="extra sigma' factor"),
           A("latex", "wrong", r"\[\frac{\partial L}{\partial b} = p(1-p)\]", "display", "p (1 - p)",
             lambda c: c.p * (1 - c.p), mistake="derivative of p instead of the loss (chain through the log missing)"),
       ])


# =====================================================================================
# rnn_tanh
# =====================================================================================
def gen_rnn(rng, n, m):
    W = rng.normal(size=(n, n)) * 0.7
    U = rng.normal(size=(n, m)) * 0.7
    b, hp, x = rng.normal(size=n), rng.normal(size=n), rng.normal(size=m)
    a = W @ hp + U @ x + b
    return NS(n=n, m=m, W=W, U=U, b=b, hp=hp, x=x, a=a, h=np.tanh(a), I=np.eye(n))


RNNSIZES = [(3, 2), (4, 4), (2, 5)]
target("rnn_tanh", "dh_dhprev", RNNSIZES, gen_rnn,
       ref=lambda c: (1 - c.h ** 2)[:, None] * c.W,
       check=lambda c: fd_jac(lambda hp: np.tanh(c.W @ hp + c.U @ c.x + c.b), c.hp),
       answers=[
           A("plain", "right", "(1 - h_{t,k}^2) W_ki", "ASCII", "(1 - h_t,k^2) W_ki",
             lambda c: (1 - c.h ** 2)[:, None] * c.W),
           A("converter", "right", r"\left(1-\tanh ^{2}\left(a_{t, k}\right)\right) W_{k i}", "converter, tanh^2 of a",
             "(1 - tanh^2(a_t,k)) W_ki", lambda c: (1 - np.tanh(c.a) ** 2)[:, None] * c.W),
           A("latex", "right", r"$\frac{\partial h_{t,k}}{\partial h_{t-1,i}} = \operatorname{sech}^2(a_{t,k})\,W_{ki}$",
             "sech^2", "sech^2(a_t,k) W_ki", lambda c: (1 / np.cosh(c.a) ** 2)[:, None] * c.W),
           A("converter", "right", r"W_{k i} \cdot\left(1-\tanh ^{2}\left(a_{t, k}\right)\right)", "converter, factor order", "W_ki (1 - tanh^2(a_t,k))",
             lambda c: c.W * (1 - np.tanh(c.a) ** 2)[:, None]),
           A("latex", "right", r"\frac{\partial h_{t,k}}{\partial h_{t-1,i}} = (1-h_{t,k})(1+h_{t,k})\,W_{ki}",
             "factored difference of squares", "(1 - h_t,k)(1 + h_t,k) W_ki",
             lambda c: ((1 - c.h) * (1 + c.h))[:, None] * c.W),
           A("plain", "wrong", "(1 - h_{t,k}^2) W_ik", "ASCII", "(1 - h_t,k^2) W_ik",
             lambda c: (1 - c.h ** 2)[:, None] * c.W.T, mistake="W transposed (W_ik instead of W_ki)"),
           A("latex", "wrong", r"$(1-h_{t-1,i}^2)\,W_{ki}$", "inline", "(1 - h_{t-1,i}^2) W_ki",
             lambda c: (1 - c.hp ** 2)[None, :] * c.W, mistake="tanh' evaluated at the previous state h_{t-1,i}"),
           A("converter", "wrong", r"\left(1-h_{t, k}\right) W_{k i}", "converter", "(1 - h_t,k) W_ki",
             lambda c: (1 - c.h)[:, None] * c.W, mistake="square lost in tanh' = 1 - h^2"),
           A("plain", "wrong", "W_ki", "ASCII", "W_ki", lambda c: c.W.copy(),
             mistake="missing the tanh' chain factor"),
           A("latex", "wrong", r"\[\frac{\partial h_{t,k}}{\partial h_{t-1,i}} = h_{t,k}(1-h_{t,k})\,W_{ki}\]",
             "display", "h_t,k (1 - h_t,k) W_ki", lambda c: (c.h * (1 - c.h))[:, None] * c.W,
             mistake="sigmoid derivative used for tanh"),
       ])

target("rnn_tanh", "dh_dhprev_matrix", RNNSIZES, gen_rnn,
       ref=lambda c: np.diag(1 - c.h ** 2) @ c.W,
       check=lambda c: fd_jac(lambda hp: np.tanh(c.W @ hp + c.U @ c.x + c.b), c.hp),
       answers=[
           A("plain", "right", "diag(1 - h_t^2) W", "ASCII", "diag(1 - h_t^2) W", lambda c: np.diag(1 - c.h ** 2) @ c.W),
           A("converter", "right", r"\operatorname{diag}\left(\mathbf{1}-\mathbf{h}_{t} \odot \mathbf{h}_{t}\right) \cdot \mathbf{W}", "converter, Hadamard", "diag(1 - h_t o h_t) W",
             lambda c: np.diag(1 - c.h * c.h) @ c.W),
           A("converter", "right", r"\operatorname{diag}\left(1-\mathbf{h}_{t}^{2}\right) \mathbf{W}", "converter, bold",
             "diag(1 - h_t^2) W", lambda c: np.diag(1 - c.h ** 2) @ c.W),
           A("latex", "right", r"$\left(I - \operatorname{diag}(h_t)^2\right) W$", "inline, I - diag^2",
             "(I - diag(h_t)^2) W", lambda c: (c.I - np.diag(c.h) @ np.diag(c.h)) @ c.W),
           A("latex", "right",
             r"$$\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}\big(\tanh'(a_t)\big)W = \operatorname{diag}(1-h_t\odot h_t)\,W$$",
             "display, relation chain", "diag(tanh'(a_t)) W", lambda c: np.diag(1 - np.tanh(c.a) ** 2) @ c.W),
           A("plain", "wrong", "W diag(1 - h_t^2)", "ASCII", "W diag(1 - h_t^2)", lambda c: c.W @ np.diag(1 - c.h ** 2),
             mistake="wrong order of the matrix product"),
           A("plain", "wrong", "Wᵀ diag(1 − h_t²)", "Unicode, denominator layout", "W^T diag(1 - h_t^2)",
             lambda c: c.W.T @ np.diag(1 - c.h ** 2), mistake="transposed (denominator layout) Jacobian"),
           A("latex", "wrong", r"$\operatorname{diag}(1-h_{t-1}^2)\,W$", "inline", "diag(1 - h_{t-1}^2) W",
             lambda c: np.diag(1 - c.hp ** 2) @ c.W, mistake="derivative evaluated at h_{t-1} instead of h_t"),
           A("converter", "wrong", r"\operatorname{diag}\left(1-\mathbf{h}_{t}\right) \mathbf{W}", "converter",
             "diag(1 - h_t) W", lambda c: np.diag(1 - c.h) @ c.W, mistake="square lost in 1 - h_t^2"),
           A("converter", "wrong", r"\operatorname{diag}\left(1-\mathbf{h}_{t}^{2}\right) \mathbf{W}^{T}", "converter",
             "diag(1 - h_t^2) W^T", lambda c: np.diag(1 - c.h ** 2) @ c.W.T, mistake="W transposed"),
       ])

target("rnn_tanh", "dh_dW", RNNSIZES, gen_rnn,
       ref=lambda c: np.einsum('k,ki,j->kij', 1 - c.h ** 2, c.I, c.hp),
       check=lambda c: fd_jac(lambda W: np.tanh(W @ c.hp + c.U @ c.x + c.b), c.W),
       answers=[
           A("plain", "right", "(1 - h_{t,k}^2) delta_ki h_{t-1,j}", "ASCII", "(1 - h_t,k^2) delta_ki h_{t-1,j}",
             lambda c: np.einsum('k,ki,j->kij', 1 - c.h ** 2, c.I, c.hp)),
           A("converter", "right", r"\delta_{i k}\left(1-h_{t, k}^{2}\right) h_{t-1, j}", "converter",
             "delta_ik (1 - h_t,k^2) h_{t-1,j}", lambda c: np.einsum('k,ki,j->kij', 1 - c.h ** 2, c.I, c.hp)),
           A("latex", "right",
             r"$$\frac{\partial h_{t,k}}{\partial W_{ij}} = \begin{cases}(1-h_{t,i}^2)\,h_{t-1,j} & k = i\\ 0 & k\neq i\end{cases}$$",
             "cases", "(1 - h_t,i^2) h_{t-1,j} if k = i, else 0",
             lambda c: np.einsum('i,ki,j->kij', 1 - c.h ** 2, c.I, c.hp)),
           A("plain", "right", "δ_ik (1 − tanh²(a_t,k)) h_{t−1,j}", "Unicode", "delta_ik (1 - tanh^2(a_t,k)) h_{t-1,j}",
             lambda c: np.einsum('k,ki,j->kij', 1 - np.tanh(c.a) ** 2, c.I, c.hp)),
           A("latex", "right", r"$\delta_{ik}\,(1-h_{t,i}^2)\,h_{t-1,j}$", "inline, i inside", "delta_ik (1 - h_t,i^2) h_{t-1,j}",
             lambda c: np.einsum('i,ki,j->kij', 1 - c.h ** 2, c.I, c.hp)),
           A("plain", "wrong", "(1 - h_{t,k}^2) h_{t-1,j}", "ASCII", "(1 - h_t,k^2) h_{t-1,j} for every i",
             lambda c: np.einsum('k,i,j->kij', 1 - c.h ** 2, np.ones(c.n), c.hp), mistake="missing the Kronecker delta_ik"),
           A("latex", "wrong", r"$(1-h_{t,k}^2)\,\delta_{ik}\,h_{t-1,i}$", "inline", "(1 - h_t,k^2) delta_ik h_{t-1,i}",
             lambda c: np.einsum('k,ki,i,j->kij', 1 - c.h ** 2, c.I, c.hp, np.ones(c.n)),
             mistake="wrong index: h_{t-1,i} instead of h_{t-1,j}"),
           A("converter", "wrong", r"\delta_{j k}\left(1-h_{t, k}^{2}\right) h_{t-1, i}", "converter",
             "delta_jk (1 - h_t,k^2) h_{t-1,i}", lambda c: np.einsum('k,kj,i->kij', 1 - c.h ** 2, c.I, c.hp),
             mistake="roles of i and j swapped (transposed W index)"),
           A("converter", "wrong", r"\delta_{i k}\left(1-h_{t, k}\right)^{2} h_{t-1, j}", "converter", "delta_ik (1 - h_t,k)^2 h_{t-1,j}",
             lambda c: np.einsum('k,ki,j->kij', (1 - c.h) ** 2, c.I, c.hp), mistake="square on the bracket instead of on h"),
           A("converter", "wrong", r"\delta_{i k} h_{t-1, j}", "converter", "delta_ik h_{t-1,j}",
             lambda c: np.einsum('ki,j->kij', c.I, c.hp), mistake="missing the tanh' factor"),
       ])


# =====================================================================================
# lstm_cell
# =====================================================================================
def gen_lstm(rng, n, m):
    P = {}
    for gname in "fiog":
        P["W" + gname] = rng.normal(size=(n, n)) * 0.7
        P["U" + gname] = rng.normal(size=(n, m)) * 0.7
        P["b" + gname] = rng.normal(size=n) * 0.5
    hp, cp, x = rng.normal(size=n), rng.normal(size=n), rng.normal(size=m)
    c = NS(n=n, m=m, hp=hp, cp=cp, x=x, I=np.eye(n), **P)
    lstm_fill(c)
    return c


def lstm_gates(c, hp):
    pre = {g: getattr(c, "W" + g) @ hp + getattr(c, "U" + g) @ c.x + getattr(c, "b" + g) for g in "fiog"}
    return sig(pre["f"]), sig(pre["i"]), sig(pre["o"]), np.tanh(pre["g"])


def lstm_h(c, hp, cp):
    f, i, o, g = lstm_gates(c, hp)
    ct = f * cp + i * g
    return o * np.tanh(ct)


def lstm_fill(c):
    c.f, c.i, c.o, c.g = lstm_gates(c, c.hp)
    c.c = c.f * c.cp + c.i * c.g
    c.h = c.o * np.tanh(c.c)
    c.th = np.tanh(c.c)


LSTMSIZES = [(3, 2), (4, 4), (2, 3)]
target("lstm_cell", "dh_dc", LSTMSIZES, gen_lstm,
       ref=lambda c: np.diag(c.o * (1 - c.th ** 2)),
       check=lambda c: fd_jac(lambda cc: c.o * np.tanh(cc), c.c),
       answers=[
           A("plain", "right", "o_t,k * (1 - tanh(c_t,k)^2) * delta_ik", "ASCII", "o_t,k (1 - tanh^2 c_t,k) delta_ik",
             lambda c: (c.o * (1 - c.th ** 2))[:, None] * c.I),
           A("converter", "right", r"\delta_{i k} o_{t, k}\left(1-\tanh ^{2}\left(c_{t, k}\right)\right)", "converter",
             "delta_ik o_t,k (1 - tanh^2 c_t,k)", lambda c: c.I * (c.o * (1 - c.th ** 2))[:, None]),
           A("latex", "right", r"$\frac{\partial h_{t,k}}{\partial c_{t,i}} = \delta_{ik}\, o_{t,i}\operatorname{sech}^2(c_{t,i})$",
             "sech^2, index i", "delta_ik o_t,i sech^2(c_t,i)", lambda c: c.I * (c.o / np.cosh(c.c) ** 2)[None, :]),
           A("latex", "right",
             r"\frac{\partial h_{t,k}}{\partial c_{t,i}}=\begin{cases} o_{t,k}\left(1-\tanh^2 c_{t,k}\right) & i = k\\ 0 & \text{otherwise}\end{cases}",
             "cases", "o_t,k (1 - tanh^2 c_t,k) if i = k, else 0", lambda c: np.diag(c.o * (1 - c.th ** 2))),
           A("converter", "right",
             r"\left[\operatorname{diag}\left(\mathbf{o}_{t} \odot\left(1-\tanh ^{2}\left(\mathbf{c}_{t}\right)\right)\right)\right]_{k i}",
             "converter, entry of diag form", "entry ki of diag(o_t (1 - tanh^2 c_t))", lambda c: np.diag(c.o * (1 - np.tanh(c.c) ** 2))),
           A("plain", "wrong", "o_t,k (1 - tanh(c_t,k)) δ_ik", "ASCII/Unicode mix", "o_t,k (1 - tanh c_t,k) delta_ik",
             lambda c: (c.o * (1 - c.th))[:, None] * c.I, mistake="square lost in tanh' = 1 - tanh^2"),
           A("converter", "wrong", r"\delta_{i k}\left(1-\tanh ^{2}\left(c_{t, k}\right)\right)", "converter",
             "delta_ik (1 - tanh^2 c_t,k)", lambda c: c.I * (1 - c.th ** 2)[:, None], mistake="missing the output gate factor o_t,k"),
           A("plain", "wrong", "δ_ik o_t,k (1 − tanh²(c_t,k)) f_t,k", "Unicode",
             "delta_ik o_t,k (1 - tanh^2 c_t,k) f_t,k", lambda c: c.I * (c.o * (1 - c.th ** 2) * c.f)[:, None],
             mistake="extra forget-gate factor (confused with dh_t/dc_{t-1})"),
           A("latex", "wrong", r"$(1-\tanh^2 c_{t,k})\,o_{t,k}$", "inline", "(1 - tanh^2 c_t,k) o_t,k for every i",
             lambda c: np.outer(c.o * (1 - c.th ** 2), np.ones(c.n)), mistake="missing the Kronecker delta_ik"),
       ])


def lstm_dh_dhprev_ref(c):
    d = c.o * (1 - c.th ** 2)
    return ((c.o * (1 - c.o) * c.th)[:, None] * c.Wo
            + (d * c.cp * c.f * (1 - c.f))[:, None] * c.Wf
            + (d * c.g * c.i * (1 - c.i))[:, None] * c.Wi
            + (d * c.i * (1 - c.g ** 2))[:, None] * c.Wg)


def col(v):
    return v[:, None]


target("lstm_cell", "dh_dhprev", LSTMSIZES, gen_lstm, ref=lstm_dh_dhprev_ref,
       check=lambda c: fd_jac(lambda hp: lstm_h(c, hp, c.cp), c.hp),
       answers=[
           A("plain", "right",
             "o_t,k(1-o_t,k) tanh(c_t,k) (W_o)_ki + o_t,k (1-tanh^2(c_t,k)) [c_t-1,k f_t,k(1-f_t,k)(W_f)_ki + g_t,k i_t,k(1-i_t,k)(W_i)_ki + i_t,k(1-g_t,k^2)(W_g)_ki]",
             "ASCII, four gate paths", "output-gate path plus cell path through f, i, g", lstm_dh_dhprev_ref),
           A("latex", "right",
             r"$$\frac{\partial h_{t,k}}{\partial h_{t-1,i}} = \tanh(c_{t,k})\,o_{t,k}(1-o_{t,k})[W_o]_{ki} + o_{t,k}\left(1-\tanh^2 c_{t,k}\right)\left(c_{t-1,k}\,f_{t,k}(1-f_{t,k})[W_f]_{ki} + g_{t,k}\,i_{t,k}(1-i_{t,k})[W_i]_{ki} + i_{t,k}(1-g_{t,k}^2)[W_g]_{ki}\right)$$",
             "display, bracketed weights", "same four paths", lambda c: col(np.tanh(c.c) * c.o * (1 - c.o)) * c.Wo
             + col(c.o * (1 - np.tanh(c.c) ** 2)) * (col(c.cp * c.f * (1 - c.f)) * c.Wf + col(c.g * c.i * (1 - c.i)) * c.Wi
                                                     + col(c.i * (1 - c.g ** 2)) * c.Wg)),
           A("converter", "right",
             r"h_{t, k}\left(1-o_{t, k}\right) W_{o, k i}+o_{t, k}\left(1-\tanh ^{2} c_{t, k}\right)\left(f_{t, k}\left(1-f_{t, k}\right) c_{t-1, k} W_{f, k i}+i_{t, k}\left(1-i_{t, k}\right) g_{t, k} W_{i, k i}+i_{t, k}\left(1-g_{t, k}^{2}\right) W_{g, k i}\right)",
             "converter, h_t used for o tanh c", "first term written with h_t,k = o_t,k tanh c_t,k",
             lambda c: col(c.h * (1 - c.o)) * c.Wo + col(c.o * (1 - c.th ** 2)) * (
                 col(c.f * (1 - c.f) * c.cp) * c.Wf + col(c.i * (1 - c.i) * c.g) * c.Wi + col(c.i * (1 - c.g ** 2)) * c.Wg)),
           A("plain", "right",
             "o_k(1−o_k)tanh(c_k)W_o,ki + o_k(1−tanh²c_k)c_{t−1,k}f_k(1−f_k)W_f,ki + o_k(1−tanh²c_k)g_k i_k(1−i_k)W_i,ki + o_k(1−tanh²c_k)i_k(1−g_k²)W_g,ki",
             "Unicode, fully distributed, time index dropped", "four separate products", lstm_dh_dhprev_ref),
           A("latex", "right",
             r"$\left[\operatorname{diag}(o_t\odot(1-o_t)\odot\tanh c_t)W_o + \operatorname{diag}\big(o_t\odot(1-\tanh^2 c_t)\big)\big(\operatorname{diag}(c_{t-1}\odot f_t\odot(1-f_t))W_f + \operatorname{diag}(g_t\odot i_t\odot(1-i_t))W_i + \operatorname{diag}(i_t\odot(1-g_t^2))W_g\big)\right]_{ki}$",
             "(k,i) entry of the matrix form", "entry ki of the diag-form Jacobian",
             lambda c: np.diag(c.o * (1 - c.o) * c.th) @ c.Wo + np.diag(c.o * (1 - c.th ** 2)) @ (
                 np.diag(c.cp * c.f * (1 - c.f)) @ c.Wf + np.diag(c.g * c.i * (1 - c.i)) @ c.Wi + np.diag(c.i * (1 - c.g ** 2)) @ c.Wg)),
           A("plain", "wrong",
             "o_t,k (1-tanh^2(c_t,k)) [c_t-1,k f_t,k(1-f_t,k)(W_f)_ki + g_t,k i_t,k(1-i_t,k)(W_i)_ki + i_t,k(1-g_t,k^2)(W_g)_ki]",
             "ASCII", "only the path through the cell state",
             lambda c: col(c.o * (1 - c.th ** 2)) * (col(c.cp * c.f * (1 - c.f)) * c.Wf + col(c.g * c.i * (1 - c.i)) * c.Wi
                                                     + col(c.i * (1 - c.g ** 2)) * c.Wg),
             mistake="missing the product-rule term through the output gate o_t"),
           A("latex", "wrong",
             r"$\tanh(c_{t,k})\,o_{t,k}(1-o_{t,k})[W_o]_{ki} + o_{t,k}(1-\tanh^2 c_{t,k})\left(g_{t,k}\,i_{t,k}(1-i_{t,k})[W_i]_{ki} + i_{t,k}(1-g_{t,k}^2)[W_g]_{ki}\right)$",
             "inline", "output-gate path plus the i and g paths only",
             lambda c: col(c.th * c.o * (1 - c.o)) * c.Wo + col(c.o * (1 - c.th ** 2)) * (
                 col(c.g * c.i * (1 - c.i)) * c.Wi + col(c.i * (1 - c.g ** 2)) * c.Wg),
             mistake="missing the forget-gate path (f_t also depends on h_{t-1})"),
           A("converter", "wrong",
             r"o_{t, k}\left(1-o_{t, k}\right) \tanh \left(c_{t, k}\right) W_{o, k i}+o_{t, k}\left(1-\tanh ^{2} c_{t, k}\right)\left(c_{t-1, k} f_{t, k} W_{f, k i}+g_{t, k} i_{t, k} W_{i, k i}+i_{t, k}\left(1-g_{t, k}^{2}\right) W_{g, k i}\right)",
             "converter", "sigma instead of sigma' for the f and i gates",
             lambda c: col(c.o * (1 - c.o) * c.th) * c.Wo + col(c.o * (1 - c.th ** 2)) * (
                 col(c.cp * c.f) * c.Wf + col(c.g * c.i) * c.Wi + col(c.i * (1 - c.g ** 2)) * c.Wg),
             mistake="sigma written for sigma' in the forget and input gates (the (1 - f), (1 - i) factors are missing)"),
           A("plain", "wrong",
             "o_k(1-o_k)tanh(c_k)(W_o)_ik + o_k(1-tanh^2 c_k)[c_{t-1,k} f_k(1-f_k)(W_f)_ik + g_k i_k(1-i_k)(W_i)_ik + i_k(1-g_k^2)(W_g)_ik]",
             "ASCII", "all weight matrices indexed ik",
             lambda c: col(c.o * (1 - c.o) * c.th) * c.Wo.T + col(c.o * (1 - c.th ** 2)) * (
                 col(c.cp * c.f * (1 - c.f)) * c.Wf.T + col(c.g * c.i * (1 - c.i)) * c.Wi.T + col(c.i * (1 - c.g ** 2)) * c.Wg.T),
             mistake="weight matrices transposed (W_ik instead of W_ki)"),
           A("latex", "wrong",
             r"\frac{\partial h_{t,k}}{\partial h_{t-1,i}} = o_{t,k}(1-o_{t,k})\tanh(c_{t,k})[W_o]_{ki} + o_{t,k}\left(c_{t-1,k}f_{t,k}(1-f_{t,k})[W_f]_{ki} + g_{t,k}i_{t,k}(1-i_{t,k})[W_i]_{ki} + i_{t,k}(1-g_{t,k}^2)[W_g]_{ki}\right)",
             "bare LaTeX", "cell path without the tanh'(c_t) factor",
             lambda c: col(c.o * (1 - c.o) * c.th) * c.Wo + col(c.o) * (
                 col(c.cp * c.f * (1 - c.f)) * c.Wf + col(c.g * c.i * (1 - c.i)) * c.Wi + col(c.i * (1 - c.g ** 2)) * c.Wg),
             mistake="missing the chain factor 1 - tanh^2(c_t) on the cell-state path"),
       ])

target("lstm_cell", "dc_df_matrix", LSTMSIZES, gen_lstm,
       ref=lambda c: np.diag(c.cp),
       check=lambda c: fd_jac(lambda f: f * c.cp + c.i * c.g, c.f),
       answers=[
           A("plain", "right", "diag(c_{t-1})", "ASCII", "diag(c_{t-1})", lambda c: np.diag(c.cp)),
           A("converter", "right", r"\operatorname{diag}\left(\mathbf{c}_{t-1}\right)", "converter", "diag(c_{t-1})",
             lambda c: np.diag(c.cp)),
           A("latex", "right", r"$\frac{\partial c_t}{\partial f_t} = \operatorname{diag}(c_{t-1})$", "inline",
             "diag(c_{t-1})", lambda c: np.diag(c.cp)),
           A("plain", "right", "diag(c_(t−1)) (the Jacobian of f ⊙ c_(t−1) in f)", "Unicode with words",
             "diag(c_{t-1})", lambda c: np.diag(c.cp)),
           A("latex", "right", r"\[\operatorname{diag}\big((c_t - i_t\odot g_t)\oslash f_t\big)\]",
             "c_{t-1} recovered from c_t", "diag((c_t - i_t g_t)/f_t)", lambda c: np.diag((c.c - c.i * c.g) / c.f)),
           A("plain", "wrong", "diag(f_t)", "ASCII", "diag(f_t)", lambda c: np.diag(c.f),
             mistake="answers dc_t/dc_{t-1} instead (diag(f_t))"),
           A("converter", "wrong",
             r"\operatorname{diag}\left(\mathbf{c}_{t-1} \odot \mathbf{f}_{t} \odot\left(1-\mathbf{f}_{t}\right)\right)",
             "converter", "diag(c_{t-1} o f_t o (1 - f_t))", lambda c: np.diag(c.cp * c.f * (1 - c.f)),
             mistake="extra sigma' factor: derivative with respect to the gate's pre-activation, not f_t"),
           A("latex", "wrong", r"$\operatorname{diag}(c_t)$", "inline", "diag(c_t)", lambda c: np.diag(c.c),
             mistake="wrong time index: c_t instead of c_{t-1}"),
           A("plain", "wrong", "c_{t-1} 1^T", "ASCII", "matrix whose every column is c_{t-1}",
             lambda c: np.outer(c.cp, np.ones(c.n)), mistake="not diagonal: the vector c_{t-1} copied into every column"),
       ])


# =====================================================================================
# vae_kl
# =====================================================================================
def gen_vae(rng, J):
    return NS(J=J, mu=rng.normal(size=J), lv=rng.normal(size=J) * 0.8)


def kl(mu, lv):
    return 0.5 * np.sum(np.exp(lv) + mu ** 2 - 1 - lv)


target("vae_kl", "dKL_dmu", [(1,), (3,), (6,)], gen_vae, ref=lambda c: c.mu.copy(),
       check=lambda c: fd_jac(lambda mu: kl(mu, c.lv), c.mu),
       answers=[
           A("plain", "right", "mu_j", "ASCII", "mu_j", lambda c: c.mu),
           A("latex", "right", r"$\frac{\partial \mathrm{KL}}{\partial \mu_j} = \frac12\cdot 2\mu_j = \mu_j$", "relation chain",
             "1/2 * 2 mu_j", lambda c: 0.5 * 2 * c.mu),
           A("converter", "right", r"\frac{1}{2}\left(2 \mu_{j}\right)", "converter, unsimplified", "(1/2)(2 mu_j)",
             lambda c: 0.5 * (2 * c.mu)),
           A("plain", "right", "μ_j", "Unicode", "mu_j", lambda c: c.mu),
           A("converter", "right", r"\frac{\partial \mathrm{KL}}{\partial \mu_{j}}=\mu_{j}", "converter with left-hand side", "mu_j",
             lambda c: c.mu.copy()),
           A("plain", "wrong", "mu_j/2", "ASCII", "mu_j / 2", lambda c: c.mu / 2,
             mistake="lost the 2 from d(mu_j^2)/d mu_j"),
           A("latex", "wrong", r"$2\mu_j$", "inline", "2 mu_j", lambda c: 2 * c.mu, mistake="forgot the 1/2 in front of the sum"),
           A("converter", "wrong", r"\frac{1}{2} \mu_{j}^{2}", "converter", "mu_j^2 / 2", lambda c: c.mu ** 2 / 2,
             mistake="wrote the term of the KL instead of its derivative"),
           A("latex", "wrong", r"\[\frac{\partial \mathrm{KL}}{\partial \mu_j}=\sum_{j=1}^{J}\mu_j\]", "display",
             "sum of all mu", lambda c: np.full(c.J, c.mu.sum()), mistake="kept the sum over j (all components instead of one)"),
       ])

target("vae_kl", "dKL_dlogvar_vec", [(1,), (3,), (6,)], gen_vae, ref=lambda c: 0.5 * (np.exp(c.lv) - 1),
       check=lambda c: fd_jac(lambda lv: kl(c.mu, lv), c.lv),
       answers=[
           A("plain", "right", "(1/2)(sigma^2 - 1)", "ASCII", "(sigma^2 - 1)/2", lambda c: 0.5 * (np.exp(c.lv) - 1)),
           A("plain", "right", "½(exp(log σ²) − 1)", "Unicode, exp of log", "(exp(log sigma^2) - 1)/2",
             lambda c: 0.5 * (np.exp(c.lv) - 1)),
           A("converter", "right", r"\frac{1}{2}\left(e^{\log \boldsymbol{\sigma}^{2}}-\mathbf{1}\right)", "converter, bold",
             "(e^{log sigma^2} - 1)/2", lambda c: 0.5 * (np.exp(c.lv) - 1)),
           A("latex", "right", r"$\frac{\partial\mathrm{KL}}{\partial\log\sigma^2} = \tfrac12\sigma^2 - \tfrac12\mathbf 1$",
             "inline, split", "sigma^2/2 - 1/2", lambda c: 0.5 * np.exp(c.lv) - 0.5),
           A("converter", "right", r"\frac{1}{2} \boldsymbol{\sigma}^{2}-\frac{1}{2}", "converter, split", "sigma^2/2 - 1/2",
             lambda c: 0.5 * np.exp(c.lv) - 0.5),
           A("converter", "wrong", r"\frac{1}{2}\left(1-\frac{1}{\boldsymbol{\sigma}^{2}}\right)", "converter",
             "(1 - 1/sigma^2)/2", lambda c: 0.5 * (1 - np.exp(-c.lv)),
             mistake="differentiated with respect to sigma^2 instead of log sigma^2"),
           A("plain", "wrong", "sigma^2 - 1", "ASCII", "sigma^2 - 1", lambda c: np.exp(c.lv) - 1, mistake="forgot the 1/2"),
           A("latex", "wrong", r"$\frac{1}{2}(\sigma^2 + 1)$", "inline", "(sigma^2 + 1)/2", lambda c: 0.5 * (np.exp(c.lv) + 1),
             mistake="sign of the derivative of -log sigma^2"),
           A("latex", "wrong", r"\[\frac{\partial \mathrm{KL}}{\partial \log\sigma^2} = \frac{1}{2}\sigma^2\]", "display",
             "sigma^2 / 2", lambda c: 0.5 * np.exp(c.lv), mistake="dropped the derivative of the -log sigma^2 term"),
       ])


# =====================================================================================
# gaussian_mle
# =====================================================================================
def gen_g(rng, N):
    x = rng.normal(size=N) * 2 + 1
    return NS(N=N, x=x, mu=rng.normal(), var=rng.uniform(0.5, 3.0), muh=x.mean())


def loglik(c, mu, var):
    return -c.N / 2 * np.log(2 * np.pi * var) - np.sum((c.x - mu) ** 2) / (2 * var)


target("gaussian_mle", "dl_dmu", [(2,), (4,), (7,)], gen_g, ref=lambda c: np.array(np.sum(c.x - c.mu) / c.var),
       check=lambda c: fd_jac(lambda mu: loglik(c, mu, c.var), np.array(c.mu)),
       answers=[
           A("plain", "right", "sum_n (x_n - mu)/sigma^2", "ASCII", "sum_n (x_n - mu) / sigma^2",
             lambda c: np.sum(c.x - c.mu) / c.var),
           A("plain", "right", "N(μ̂ − μ)/σ²", "Unicode, with mu hat", "N (mu_hat - mu) / sigma^2",
             lambda c: c.N * (c.muh - c.mu) / c.var),
           A("latex", "right", r"$\frac{\partial \ell}{\partial \mu} = \frac{1}{\sigma^2}\sum_{n=1}^N (x_n-\mu)$", "inline",
             "(1/sigma^2) sum_n (x_n - mu)", lambda c: np.sum(c.x - c.mu) / c.var),
           A("converter", "right", r"\frac{1}{\sigma^{2}}\left(\sum_{n=1}^{N} x_{n}-N \mu\right)", "converter, expanded sum",
             "(sum_n x_n - N mu)/sigma^2", lambda c: (c.x.sum() - c.N * c.mu) / c.var),
           A("converter", "right", r"-\frac{1}{2 \sigma^{2}} \sum_{i=1}^{N} 2\left(\mu-x_{i}\right)", "converter, unsimplified, index i",
             "-(1/(2 sigma^2)) sum_i 2 (mu - x_i)", lambda c: -1 / (2 * c.var) * np.sum(2 * (c.mu - c.x))),
           A("latex", "wrong", r"$\frac{1}{\sigma^2}\sum_{n=1}^N(\mu - x_n)$", "inline", "(1/sigma^2) sum_n (mu - x_n)",
             lambda c: np.sum(c.mu - c.x) / c.var, mistake="sign flipped"),
           A("plain", "wrong", "1/(2 sigma^2) * sum_n (x_n - mu)", "ASCII", "sum_n (x_n - mu) / (2 sigma^2)",
             lambda c: np.sum(c.x - c.mu) / (2 * c.var), mistake="lost the 2 from the square's derivative"),
           A("converter", "wrong", r"\frac{\sum_{n=1}^{N}\left(x_{n}-\mu\right)}{\sigma}", "converter",
             "sum_n (x_n - mu) / sigma", lambda c: np.sum(c.x - c.mu) / np.sqrt(c.var),
             mistake="sigma instead of sigma^2 in the denominator"),
           A("converter", "wrong", r"N(\hat{\mu}-\mu)", "converter", "N (mu_hat - mu)", lambda c: c.N * (c.muh - c.mu),
             mistake="missing the 1/sigma^2 factor"),
           A("converter", "wrong", r"\frac{\hat{\mu}-\mu}{\sigma^{2}}", "converter", "(mu_hat - mu)/sigma^2",
             lambda c: (c.muh - c.mu) / c.var, mistake="missing the factor N"),
       ])


# =====================================================================================
# huber_lse
# =====================================================================================
def gen_hub(rng, N):
    yh, y = rng.normal(size=N) * 1.5, rng.normal(size=N)
    r = yh - y
    return NS(N=N, yh=yh, y=y, r=r, dl=rng.uniform(0.5, 1.5))


def huber(u, d):
    return np.where(np.abs(u) <= d, u ** 2 / 2, d * (np.abs(u) - d / 2))


def cases(cond, a, b):
    return np.where(cond, a, b)


target("huber_lse", "dH_dyhat", [(5,), (8,), (10,)], gen_hub, ref=lambda c: np.clip(c.r, -c.dl, c.dl),
       check=lambda c: fd_jac(lambda yh: np.sum(huber(yh - c.y, c.dl)), c.yh),
       answers=[
           A("plain", "right", "r_i if |r_i| <= delta, delta*sign(r_i) otherwise", "ASCII, cases in words",
             "r_i when |r_i| <= delta, else delta sign(r_i)", lambda c: cases(np.abs(c.r) <= c.dl, c.r, c.dl * np.sign(c.r))),
           A("converter", "right",
             r"\left\{\begin{array}{ll}\hat{y}_{i}-y_{i} & \left|\hat{y}_{i}-y_{i}\right| \leq \delta \\ \delta \operatorname{sign}\left(\hat{y}_{i}-y_{i}\right) & \text { otherwise }\end{array}\right.",
             "converter cases array", "yhat_i - y_i if small, else delta sign(yhat_i - y_i)",
             lambda c: cases(np.abs(c.yh - c.y) <= c.dl, c.yh - c.y, c.dl * np.sign(c.yh - c.y))),
           A("latex", "right", r"$\frac{\partial H}{\partial \hat y_i} = \operatorname{clip}(r_i,-\delta,\delta)$", "clip",
             "clip(r_i, -delta, delta)", lambda c: np.clip(c.r, -c.dl, c.dl)),
           A("latex", "right",
             r"\[\frac{\partial H}{\partial\hat y_i}=\begin{cases}-\delta & r_i<-\delta\\ r_i & |r_i|\le\delta\\ \delta & r_i>\delta\end{cases}\]",
             "three cases", "-delta, r_i or delta by region",
             lambda c: np.select([c.r < -c.dl, np.abs(c.r) <= c.dl], [-c.dl * np.ones(c.N), c.r], c.dl)),
           A("plain", "right", "max(−δ, min(δ, ŷ_i − y_i))", "Unicode, max/min", "max(-delta, min(delta, yhat_i - y_i))",
             lambda c: np.maximum(-c.dl, np.minimum(c.dl, c.yh - c.y))),
           A("plain", "wrong", "r_i if |r_i| ≤ δ, δ otherwise", "Unicode, words", "r_i if small else delta",
             lambda c: cases(np.abs(c.r) <= c.dl, c.r, c.dl), mistake="missing sign(r_i) in the linear region"),
           A("converter", "wrong",
             r"\left\{\begin{array}{ll} r_{i} & \left|r_{i}\right| \leq \delta \\ \operatorname{sign}\left(r_{i}\right) & \text { otherwise }\end{array}\right.",
             "converter cases array", "r_i if small else sign(r_i)", lambda c: cases(np.abs(c.r) <= c.dl, c.r, np.sign(c.r)),
             mistake="the factor delta is missing in the linear region"),
           A("latex", "wrong", r"$\operatorname{clip}(y_i-\hat y_i,-\delta,\delta)$", "inline clip",
             "clip(y_i - yhat_i, -delta, delta)", lambda c: np.clip(c.y - c.yh, -c.dl, c.dl),
             mistake="sign: residual taken as y - yhat"),
           A("plain", "wrong", "r_i if |r_i| <= delta/2, delta*sign(r_i) otherwise", "ASCII, words",
             "threshold delta/2", lambda c: cases(np.abs(c.r) <= c.dl / 2, c.r, c.dl * np.sign(c.r)),
             mistake="threshold delta/2 (taken from the loss's delta/2) instead of delta"),
           A("latex", "wrong", r"$\min(r_i,\delta)$", "inline", "min(r_i, delta)", lambda c: np.minimum(c.r, c.dl),
             mistake="clipped only from above (the -delta bound is missing)"),
       ])


def gen_lse(rng, K):
    z = rng.normal(size=K)
    return NS(K=K, z=z, p=softmax(z), e=np.exp(z), S=np.exp(z).sum(), I=np.eye(K))


def lse(z):
    return np.log(np.sum(np.exp(z)))


target("huber_lse", "hess_lse_matrix", [(2,), (3,), (5,)], gen_lse, ref=lambda c: np.diag(c.p) - np.outer(c.p, c.p),
       check=lambda c: fd_hess(lse, c.z),
       answers=[
           A("plain", "right", "diag(softmax(z)) - softmax(z) softmax(z)^T", "ASCII", "diag(softmax z) - softmax z softmax z^T",
             lambda c: np.diag(c.p) - np.outer(c.p, c.p)),
           A("converter", "right",
             r"\operatorname{diag}(\mathbf{p})-\mathbf{p} \mathbf{p}^{T}, \quad \text { where } \mathbf{p}=\operatorname{softmax}(\mathbf{z})",
             "converter with where-clause", "diag(p) - p p^T, p = softmax(z)", lambda c: np.diag(c.p) - np.outer(c.p, c.p)),
           A("latex", "right",
             r"$\nabla^2\mathrm{LSE} = \frac{\operatorname{diag}(e^z)}{\sum_k e^{z_k}} - \frac{e^z (e^z)^\top}{(\sum_k e^{z_k})^2}$",
             "inline, in exponentials", "diag(e^z)/S - e^z e^z^T / S^2", lambda c: np.diag(c.e) / c.S - np.outer(c.e, c.e) / c.S ** 2),
           A("plain", "right", "(S diag(e^z) - e^z (e^z)^T) / S^2 with S = sum_k e^(z_k)", "ASCII, named sum",
             "(S diag(e^z) - e^z e^z^T)/S^2", lambda c: (c.S * np.diag(c.e) - np.outer(c.e, c.e)) / c.S ** 2),
           A("latex", "right", r"$\operatorname{diag}(\pi) - \pi\pi^{\top}$ with $\pi = \operatorname{softmax}(z)$",
             "inline, own name", "diag(pi) - pi pi^T", lambda c: np.diag(c.p) - np.outer(c.p, c.p)),
           A("plain", "wrong", "diag(softmax(z))", "ASCII", "diag(softmax(z))", lambda c: np.diag(c.p),
             mistake="missing the -p p^T term (softmax's denominator not differentiated)"),
           A("latex", "wrong",
             r"$\frac{\operatorname{diag}(e^z)}{\sum_k e^{z_k}} - \frac{e^z (e^z)^\top}{\sum_k e^{z_k}}$", "inline",
             "diag(e^z)/S - e^z e^z^T / S", lambda c: np.diag(c.e) / c.S - np.outer(c.e, c.e) / c.S,
             mistake="the square of the sum is lost in the quotient rule"),
           A("converter", "wrong", r"\mathbf{p} \mathbf{p}^{T}-\operatorname{diag}(\mathbf{p})", "converter",
             "p p^T - diag(p)", lambda c: np.outer(c.p, c.p) - np.diag(c.p), mistake="overall sign flipped"),
           A("converter", "wrong", r"\operatorname{diag}(\mathbf{p} \odot(\mathbf{1}-\mathbf{p}))", "converter",
             "diag(p o (1 - p))", lambda c: np.diag(c.p * (1 - c.p)), mistake="only the diagonal; off-diagonal -p_i p_j dropped"),
           A("latex", "wrong", r"\[\nabla^2 \mathrm{LSE} = I - p\,p^{\top},\quad p = \operatorname{softmax}(z)\]", "display",
             "I - p p^T", lambda c: c.I - np.outer(c.p, c.p), mistake="identity instead of diag(p)"),
       ])


# =====================================================================================
# mlp2
# =====================================================================================
def gen_mlp(rng, m, n, cdim):
    x = rng.normal(size=m)
    W1, b1 = rng.normal(size=(n, m)), rng.normal(size=n) * 0.5
    a = W1 @ x + b1
    h = np.maximum(0, a)
    W2, b2 = rng.normal(size=(cdim, n)), rng.normal(size=cdim)
    o = W2 @ h + b2
    return NS(m=m, n=n, cdim=cdim, x=x, W1=W1, b1=b1, a=a, h=h, W2=W2, b2=b2, o=o, t=rng.normal(size=cdim),
              ind=(a > 0).astype(float))


def mlp_loss(c, W1, b1, W2, b2):
    o = W2 @ np.maximum(0, W1 @ c.x + b1) + b2
    return 0.5 * np.sum((o - c.t) ** 2)


MLPSIZES = [(2, 3, 3), (4, 2, 3), (3, 4, 4)]
target("mlp2", "dL_dW2", MLPSIZES, gen_mlp, ref=lambda c: np.outer(c.o - c.t, c.h),
       check=lambda c: fd_jac(lambda W2: mlp_loss(c, c.W1, c.b1, W2, c.b2), c.W2),
       answers=[
           A("plain", "right", "(o_r - t_r)*h_k", "ASCII", "(o_r - t_r) h_k", lambda c: np.outer(c.o - c.t, c.h)),
           A("converter", "right", r"\left(o_{r}-t_{r}\right) \max \left(0, a_{k}\right)", "converter, ReLU written out",
             "(o_r - t_r) max(0, a_k)", lambda c: np.outer(c.o - c.t, np.maximum(0, c.a))),
           A("latex", "right",
             r"$\frac{\partial L}{\partial W^{(2)}_{rk}} = \frac{\partial L}{\partial o_r}\frac{\partial o_r}{\partial W^{(2)}_{rk}} = (o_r - t_r)\,h_k$",
             "chain rule, relation chain", "(o_r - t_r) h_k", lambda c: np.outer(c.o - c.t, c.h)),
           A("plain", "right", "(o_r − t_r) · h_k · 1[a_k > 0]", "Unicode, redundant indicator",
             "(o_r - t_r) h_k 1[a_k > 0]", lambda c: np.outer(c.o - c.t, c.h * c.ind)),
           A("converter", "right", r"\sum_{s=1}^{c}\left(o_{s}-t_{s}\right) \delta_{r s} h_{k}", "converter, Kronecker delta",
             "sum_s (o_s - t_s) delta_rs h_k", lambda c: np.einsum('s,rs,k->rk', c.o - c.t, np.eye(c.cdim), c.h)),
           A("plain", "wrong", "(o_r - t_r)*a_k", "ASCII", "(o_r - t_r) a_k", lambda c: np.outer(c.o - c.t, c.a),
             mistake="pre-activation a_k instead of the hidden activation h_k"),
           A("latex", "wrong", r"$(t_r - o_r)\,h_k$", "inline", "(t_r - o_r) h_k", lambda c: np.outer(c.t - c.o, c.h),
             mistake="sign flipped"),
           A("converter", "wrong", r"2\left(o_{r}-t_{r}\right) h_{k}", "converter", "2 (o_r - t_r) h_k",
             lambda c: 2 * np.outer(c.o - c.t, c.h), mistake="extra factor 2 (the 1/2 of the loss ignored)"),
           A("converter", "wrong", r"\left(o_{r}-t_{r}\right)", "converter", "o_r - t_r for every k",
             lambda c: np.outer(c.o - c.t, np.ones(c.n)), mistake="missing the chain factor h_k"),
           A("plain", "wrong", "sum_r (o_r - t_r) h_k", "ASCII", "sum over r of (o_r - t_r) h_k",
             lambda c: np.outer(np.ones(c.cdim), np.sum(c.o - c.t) * c.h), mistake="summed over r (r is a free index)"),
       ])

target("mlp2", "dL_db1_vec", MLPSIZES, gen_mlp, ref=lambda c: c.ind * (c.W2.T @ (c.o - c.t)),
       check=lambda c: fd_jac(lambda b1: mlp_loss(c, c.W1, b1, c.W2, c.b2), c.b1),
       answers=[
           A("plain", "right", "1[a>0] ⊙ (W2^T (o - t))", "ASCII with Hadamard", "1[a>0] o (W2^T (o - t))",
             lambda c: c.ind * (c.W2.T @ (c.o - c.t))),
           A("converter", "right", r"\mathbf{1}[\mathbf{a}>0] \odot\left(\mathbf{W}^{(2) T}(\mathbf{o}-\mathbf{t})\right)",
             "converter", "1[a>0] o (W2^T (o - t))", lambda c: c.ind * (c.W2.T @ (c.o - c.t))),
           A("latex", "right", r"$\frac{\partial L}{\partial b^{(1)}} = \operatorname{diag}(\mathbb 1[a>0])\,{W^{(2)}}^{\top}(o-t)$",
             "inline, diag of indicator", "diag(1[a>0]) W2^T (o - t)", lambda c: np.diag(c.ind) @ c.W2.T @ (c.o - c.t)),
           A("plain", "right", "relu'(a) ∘ W⁽²⁾ᵀ(o − t)", "Unicode, relu'", "relu'(a) o W2^T (o - t)",
             lambda c: c.ind * (c.W2.T @ (c.o - c.t))),
           A("latex", "right", r"so $\frac{\partial L}{\partial b^{(1)}} = \left({W^{(2)}}^\top (o - t)\right)\odot \mathbb{1}[h>0]$", "indicator on h",
             "(W2^T (o - t)) o 1[h > 0]", lambda c: (c.W2.T @ (c.o - c.t)) * (c.h > 0)),
           A("plain", "wrong", "W2^T (o - t)", "ASCII", "W2^T (o - t)", lambda c: c.W2.T @ (c.o - c.t),
             mistake="missing the ReLU derivative 1[a > 0]"),
           A("latex", "wrong", r"$\mathbb 1[a>0]\odot {W^{(2)}}^{\top}(t-o)$", "inline", "1[a>0] o W2^T (t - o)",
             lambda c: c.ind * (c.W2.T @ (c.t - c.o)), mistake="sign flipped"),
           A("converter", "wrong", r"\mathbf{h} \odot\left(\mathbf{W}^{(2) T}(\mathbf{o}-\mathbf{t})\right)", "converter",
             "h o (W2^T (o - t))", lambda c: c.h * (c.W2.T @ (c.o - c.t)),
             mistake="ReLU itself (h) instead of its derivative"),
           A("plain", "wrong", "2·1[a>0] ⊙ W2ᵀ(o − t)", "Unicode", "2 * 1[a>0] o W2^T (o - t)",
             lambda c: 2 * c.ind * (c.W2.T @ (c.o - c.t)), mistake="extra factor 2 (the 1/2 of the loss ignored)"),
       ])


# =====================================================================================
# hw3_4a: m_t unrolled; sequence index t = 1..T
# =====================================================================================
def gen_adam(rng, T):
    return NS(T=T, b1=rng.uniform(0.5, 0.95), g=rng.normal(size=T))


def adam_sim(c):
    m, out = 0.0, []
    for t in range(c.T):
        m = c.b1 * m + (1 - c.b1) * c.g[t]
        out.append(m)
    return np.array(out)


def gk(c, k):          # g_k, 1-based
    return c.g[k - 1]


def seq(c, f):
    return np.array([f(t) for t in range(1, c.T + 1)])


target("hw3_4a", "m_unrolled", [(1,), (4,), (8,)], gen_adam, ref=adam_sim,
       check=lambda c: seq(c, lambda t: (1 - c.b1) * sum(c.b1 ** (t - k) * gk(c, k) for k in range(1, t + 1))),
       answers=[
           A("plain", "right", "(1-beta1) sum_{k=1}^t beta1^(t-k) g_k", "ASCII", "(1 - beta1) sum_k beta1^(t-k) g_k",
             lambda c: seq(c, lambda t: (1 - c.b1) * sum(c.b1 ** (t - k) * gk(c, k) for k in range(1, t + 1)))),
           A("latex", "right", r"$m_t = (1-\beta_1)\sum_{i=1}^{t}\beta_1^{t-i}g_i$", "inline, index i",
             "(1 - beta1) sum_i beta1^(t-i) g_i",
             lambda c: seq(c, lambda t: (1 - c.b1) * sum(c.b1 ** (t - i) * gk(c, i) for i in range(1, t + 1)))),
           A("converter", "right", r"m_{t}=\left(1-\beta_{1}\right) \sum_{s=0}^{t-1} \beta_{1}^{s} g_{t-s}", "converter, reversed index",
             "(1 - beta1) sum_{s=0}^{t-1} beta1^s g_{t-s}",
             lambda c: seq(c, lambda t: (1 - c.b1) * sum(c.b1 ** s * gk(c, t - s) for s in range(0, t)))),
           A("latex", "right",
             r"so $m_t = (1-\beta_1)\left(g_t + \beta_1 g_{t-1} + \beta_1^2 g_{t-2} + \dots + \beta_1^{t-1} g_1\right)$ for $t \ge 1$",
             "ellipsis", "(1 - beta1)(g_t + beta1 g_{t-1} + ... + beta1^{t-1} g_1)",
             lambda c: seq(c, lambda t: (1 - c.b1) * sum(c.b1 ** j * gk(c, t - j) for j in range(t)))),
           A("plain", "right", "∑_{k=1}^t (1−β₁) β₁^(t−k) g_k", "Unicode, factor inside",
             "sum_k (1 - beta1) beta1^(t-k) g_k",
             lambda c: seq(c, lambda t: sum((1 - c.b1) * c.b1 ** (t - k) * gk(c, k) for k in range(1, t + 1)))),
           A("plain", "wrong", "(1-beta1) sum_{k=1}^t beta1^(t-k+1) g_k", "ASCII", "exponent t-k+1",
             lambda c: seq(c, lambda t: (1 - c.b1) * sum(c.b1 ** (t - k + 1) * gk(c, k) for k in range(1, t + 1))),
             mistake="exponent off by one (beta1^(t-k+1))"),
           A("latex", "wrong", r"$m_t = (1-\beta_1)\sum_{k=1}^{t}\beta_1^{k}g_k$", "inline", "weights beta1^k on g_k",
             lambda c: seq(c, lambda t: (1 - c.b1) * sum(c.b1 ** k * gk(c, k) for k in range(1, t + 1))),
             mistake="weights reversed: beta1^k instead of beta1^(t-k) (old gradients weighted most)"),
           A("converter", "wrong", r"m_{t}=\sum_{k=1}^{t} \beta_{1}^{t-k} g_{k}", "converter", "sum_k beta1^(t-k) g_k",
             lambda c: seq(c, lambda t: sum(c.b1 ** (t - k) * gk(c, k) for k in range(1, t + 1))),
             mistake="missing the factor (1 - beta1)"),
           A("latex", "wrong", r"\[m_t = (1-\beta_1)\sum_{k=1}^{t-1}\beta_1^{t-k}g_k\]", "display", "sum stops at t-1",
             lambda c: seq(c, lambda t: (1 - c.b1) * sum(c.b1 ** (t - k) * gk(c, k) for k in range(1, t))),
             mistake="upper bound off by one (the current gradient g_t is missing)"),
           A("converter", "wrong",
             r"m_{t}=\beta_{1}^{t} m_{0}+\left(1-\beta_{1}^{t}\right) \sum_{k=1}^{t} \beta_{1}^{t-k} g_{k}", "converter",
             "(1 - beta1^t) sum_k beta1^(t-k) g_k (m_0 = 0)",
             lambda c: seq(c, lambda t: (1 - c.b1 ** t) * sum(c.b1 ** (t - k) * gk(c, k) for k in range(1, t + 1))),
             mistake="(1 - beta1^t) instead of (1 - beta1): the bias-correction factor mixed in"),
       ])


# =====================================================================================
# momentum: Nesterov, theta_t for t = 0..T
# =====================================================================================
def gen_nes(rng, T):
    return NS(T=T, th0=rng.normal(), g=rng.normal(), mu=rng.uniform(0.3, 0.95), eta=rng.uniform(0.05, 0.5),
              t=np.arange(T + 1, dtype=float))


def nes_sim(c):
    v, th, out = 0.0, c.th0, [c.th0]
    for _ in range(c.T):
        v = c.mu * v + c.g
        th = th - c.eta * (c.g + c.mu * v)
        out.append(th)
    return np.array(out)


def nes_closed(c):
    t, mu = c.t, c.mu
    return c.th0 - c.eta * c.g / (1 - mu) * (t - mu ** 2 * (1 - mu ** t) / (1 - mu))


def tsum(c, f):   # sum_{s=1}^{t} f(s) for each t in 0..T
    return np.array([sum(f(s) for s in range(1, int(t) + 1)) for t in c.t])


target("momentum", "nesterov_theta_closed", [(6,), (10,), (15,)], gen_nes, ref=nes_sim, check=nes_closed,
       answers=[
           A("latex", "right", r"$\theta_t = \theta_0 - \frac{\eta g}{1-\mu}\left(t - \frac{\mu^2(1-\mu^t)}{1-\mu}\right)$",
             "inline closed form", "theta0 - eta g/(1-mu) (t - mu^2 (1 - mu^t)/(1 - mu))", nes_closed),
           A("plain", "right", "theta_0 - eta*g*sum_{s=1}^t (1 - mu^(s+1))/(1 - mu)", "ASCII, sum of steps",
             "theta0 - eta g sum_s (1 - mu^(s+1))/(1 - mu)",
             lambda c: c.th0 - c.eta * c.g * tsum(c, lambda s: (1 - c.mu ** (s + 1)) / (1 - c.mu))),
           A("converter", "right",
             r"\theta_{t}=\theta_{0}-\frac{\eta g\left[t(1-\mu)-\mu^{2}\left(1-\mu^{t}\right)\right]}{(1-\mu)^{2}}",
             "converter, one fraction", "theta0 - eta g [t(1-mu) - mu^2(1-mu^t)]/(1-mu)^2",
             lambda c: c.th0 - c.eta * c.g * (c.t * (1 - c.mu) - c.mu ** 2 * (1 - c.mu ** c.t)) / (1 - c.mu) ** 2),
           A("latex", "right", r"$$\theta_t = \theta_0 - \eta g \sum_{s=1}^{t}\left(1 + \mu + \dots + \mu^{s}\right)$$",
             "sum with ellipsis", "theta0 - eta g sum_s (1 + mu + ... + mu^s)",
             lambda c: c.th0 - c.eta * c.g * tsum(c, lambda s: sum(c.mu ** j for j in range(s + 1)))),
           A("plain", "right", "θ₀ − ηg·t/(1−μ) + ηgμ²(1−μ^t)/(1−μ)²", "Unicode, expanded",
             "theta0 - eta g t/(1-mu) + eta g mu^2 (1-mu^t)/(1-mu)^2",
             lambda c: c.th0 - c.eta * c.g * c.t / (1 - c.mu) + c.eta * c.g * c.mu ** 2 * (1 - c.mu ** c.t) / (1 - c.mu) ** 2),
           A("latex", "wrong", r"$\theta_t = \theta_0 - \frac{\eta g}{1-\mu}\left(t - \frac{\mu(1-\mu^t)}{1-\mu}\right)$", "inline",
             "classical-momentum closed form", lambda c: c.th0 - c.eta * c.g / (1 - c.mu) * (c.t - c.mu * (1 - c.mu ** c.t) / (1 - c.mu)),
             mistake="the plain-momentum closed form (mu instead of mu^2): the look-ahead term is missing"),
           A("plain", "wrong", "theta_0 + eta*g/(1-mu) * (t - mu^2 (1 - mu^t)/(1 - mu))", "ASCII", "plus instead of minus",
             lambda c: c.th0 + c.eta * c.g / (1 - c.mu) * (c.t - c.mu ** 2 * (1 - c.mu ** c.t) / (1 - c.mu)),
             mistake="sign of the update"),
           A("converter", "wrong",
             r"\theta_{0}-\frac{\eta g}{1-\mu}\left(t-\frac{\mu^{2}\left(1-\mu^{t+1}\right)}{1-\mu}\right)", "converter",
             "exponent t+1", lambda c: c.th0 - c.eta * c.g / (1 - c.mu) * (c.t - c.mu ** 2 * (1 - c.mu ** (c.t + 1)) / (1 - c.mu)),
             mistake="exponent off by one (mu^(t+1) instead of mu^t)"),
           A("latex", "wrong", r"\[\theta_t = -\frac{\eta g}{1-\mu}\left(t - \frac{\mu^2(1-\mu^t)}{1-\mu}\right)\]", "display",
             "no theta0", lambda c: -c.eta * c.g / (1 - c.mu) * (c.t - c.mu ** 2 * (1 - c.mu ** c.t) / (1 - c.mu)),
             mistake="the starting point theta_0 is dropped"),
           A("converter", "wrong", r"\theta_{t}=\theta_{0}-\frac{\eta g t}{1-\mu}", "converter", "theta0 - eta g t/(1 - mu)",
             lambda c: c.th0 - c.eta * c.g * c.t / (1 - c.mu),
             mistake="uses the limit velocity from the first step (transient term missing)"),
       ])


# =====================================================================================
# gru_cell: dh/dz
# =====================================================================================
def gen_gru(rng, n, m):
    c = NS(n=n, m=m, x=rng.normal(size=m), hp=rng.normal(size=n))
    for g in "zrh":
        setattr(c, "W" + g, rng.normal(size=(n, m)) * 0.7)
        setattr(c, "U" + g, rng.normal(size=(n, n)) * 0.7)
    c.z = sig(c.Wz @ c.x + c.Uz @ c.hp)
    c.r = sig(c.Wr @ c.x + c.Ur @ c.hp)
    c.ht = np.tanh(c.Wh @ c.x + c.Uh @ (c.r * c.hp))
    c.h = (1 - c.z) * c.hp + c.z * c.ht
    return c


target("gru_cell", "dh_dz_matrix", [(3, 2), (4, 4), (2, 3)], gen_gru, ref=lambda c: np.diag(c.ht - c.hp),
       check=lambda c: fd_jac(lambda z: (1 - z) * c.hp + z * c.ht, c.z),
       answers=[
           A("plain", "right", "diag(h~_t - h_{t-1})", "ASCII, tilde", "diag(htilde_t - h_{t-1})", lambda c: np.diag(c.ht - c.hp)),
           A("converter", "right", r"\operatorname{diag}\left(\tilde{\mathbf{h}}_{t}-\mathbf{h}_{t-1}\right)", "converter",
             "diag(htilde_t - h_{t-1})", lambda c: np.diag(c.ht - c.hp)),
           A("latex", "right", r"$\frac{\partial h_t}{\partial z_t} = \operatorname{diag}(\tilde h_t) - \operatorname{diag}(h_{t-1})$",
             "inline, split", "diag(htilde_t) - diag(h_{t-1})", lambda c: np.diag(c.ht) - np.diag(c.hp)),
           A("plain", "right", "diag(h̃_t − h_(t−1))", "Unicode", "diag(htilde_t - h_{t-1})", lambda c: np.diag(c.ht - c.hp)),
           A("converter", "right", r"\operatorname{diag}\left(\tilde{h}_{t}\right)-\operatorname{diag}\left(h_{t-1}\right)", "converter, split",
             "diag(htilde_t) - diag(h_{t-1})", lambda c: np.diag(c.ht) - np.diag(c.hp)),
           A("plain", "wrong", "diag(h_{t-1} - h~_t)", "ASCII", "diag(h_{t-1} - htilde_t)", lambda c: np.diag(c.hp - c.ht),
             mistake="sign flipped"),
           A("converter", "wrong", r"\operatorname{diag}\left(\tilde{\mathbf{h}}_{t}\right)", "converter", "diag(htilde_t)",
             lambda c: np.diag(c.ht), mistake="missing the -h_{t-1} from the (1 - z_t) h_{t-1} term"),
           A("latex", "wrong", r"$\operatorname{diag}\big(z_t\odot(1-z_t)\odot(\tilde h_t - h_{t-1})\big)$", "inline",
             "diag(z(1-z)(htilde - h_{t-1}))", lambda c: np.diag(c.z * (1 - c.z) * (c.ht - c.hp)),
             mistake="extra sigma' factor (derivative with respect to the gate's pre-activation)"),
           A("latex", "wrong", r"\[(\tilde h_t - h_{t-1})\,\mathbf 1^{\top}\]", "display", "every column htilde - h_{t-1}",
             lambda c: np.outer(c.ht - c.hp, np.ones(c.n)), mistake="not diagonal: the vector copied into every column"),
       ])


# =====================================================================================
# tied_autoencoder: dL/dW_kj
# =====================================================================================
def gen_tied(rng, m, n):
    W, x = rng.normal(size=(m, n)) * 0.8, rng.normal(size=n)
    a = W @ x
    h = sig(a)
    xh = W.T @ h
    return NS(m=m, n=n, W=W, x=x, a=a, h=h, xh=xh, e=xh - x)


def tied_loss(c, W):
    return np.sum((W.T @ sig(W @ c.x) - c.x) ** 2)


def tied_ref(c):
    return 2 * np.outer(c.h, c.e) + 2 * np.outer(dsig(c.a) * (c.W @ c.e), c.x)


target("tied_autoencoder", "dL_dW", [(2, 3), (3, 3), (4, 2)], gen_tied, ref=tied_ref,
       check=lambda c: fd_jac(lambda W: tied_loss(c, W), c.W),
       answers=[
           A("plain", "right", "2 h_k (xhat_j - x_j) + 2 h_k (1 - h_k) x_j sum_l W_kl (xhat_l - x_l)", "ASCII",
             "2 h_k e_j + 2 h_k(1-h_k) x_j sum_l W_kl e_l",
             lambda c: 2 * np.outer(c.h, c.e) + 2 * np.outer(c.h * (1 - c.h) * (c.W @ c.e), c.x)),
           A("latex", "right",
             r"$\frac{\partial L}{\partial W_{kj}} = 2h_k(\hat x_j - x_j) + 2\sigma'(a_k)\,x_j\sum_{l=1}^n W_{kl}(\hat x_l - x_l)$",
             "inline, sigma'", "2 h_k e_j + 2 sigma'(a_k) x_j sum_l W_kl e_l", tied_ref),
           A("converter", "right",
             r"2\left[h_{k}\left(\hat{x}_{j}-x_{j}\right)+\sigma^{\prime}\left(a_{k}\right) x_{j} \sum_{i=1}^{n} W_{k i}\left(\hat{x}_{i}-x_{i}\right)\right]",
             "converter, 2 factored, index i", "2 [h_k e_j + sigma'(a_k) x_j sum_i W_ki e_i]",
             lambda c: 2 * (np.outer(c.h, c.e) + np.outer(dsig(c.a) * (c.W @ c.e), c.x))),
           A("latex", "right",
             r"with $e = \hat x - x$: $\frac{\partial L}{\partial W_{kj}} = 2\left(h_k e_j + \sigma(a_k)(1-\sigma(a_k))\,(We)_k\,x_j\right)$",
             "prose, named error vector", "2 (h_k e_j + sigma(a_k)(1-sigma(a_k)) (W e)_k x_j)",
             lambda c: 2 * (np.outer(c.h, c.e) + np.outer(sig(c.a) * (1 - sig(c.a)) * (c.W @ c.e), c.x))),
           A("plain", "right", "2h_k(x̂_j − x_j) + 2σ(a_k)(1−σ(a_k)) x_j ∑_l W_kl (x̂_l − x_l)", "Unicode",
             "same, sigma(1 - sigma)", lambda c: 2 * np.outer(c.h, c.e) + 2 * np.outer(sig(c.a) * (1 - sig(c.a)) * (c.W @ c.e), c.x)),
           A("plain", "wrong", "2 h_k (x̂_j − x_j)", "Unicode", "2 h_k e_j", lambda c: 2 * np.outer(c.h, c.e),
             mistake="only the decoder use of W (the encoder path through h is missing)"),
           A("latex", "wrong", r"$2\sigma'(a_k)\,x_j\sum_{l=1}^{n}W_{kl}(\hat x_l - x_l)$", "inline",
             "2 sigma'(a_k) x_j sum_l W_kl e_l", lambda c: 2 * np.outer(dsig(c.a) * (c.W @ c.e), c.x),
             mistake="only the encoder use of W (the decoder term 2 h_k e_j is missing)"),
           A("converter", "wrong",
             r"2 h_{k}\left(\hat{x}_{j}-x_{j}\right)+2 h_{k} x_{j} \sum_{l=1}^{n} W_{k l}\left(\hat{x}_{l}-x_{l}\right)", "converter",
             "2 h_k e_j + 2 h_k x_j sum_l W_kl e_l", lambda c: 2 * np.outer(c.h, c.e) + 2 * np.outer(c.h * (c.W @ c.e), c.x),
             mistake="sigma(a_k) written for sigma'(a_k)"),
           A("plain", "wrong", "h_k (xhat_j - x_j) + sigma'(a_k) x_j sum_l W_kl (xhat_l - x_l)", "ASCII",
             "h_k e_j + sigma'(a_k) x_j sum_l W_kl e_l", lambda c: np.outer(c.h, c.e) + np.outer(dsig(c.a) * (c.W @ c.e), c.x),
             mistake="lost the factor 2 of the squared norm"),
           A("latex", "wrong",
             r"\[\frac{\partial L}{\partial W_{kj}} = 2h_k(\hat x_j - x_j) + 2\sigma'(a_k)\,W_{kj}(\hat x_j - x_j)\,x_j\]",
             "display", "2 h_k e_j + 2 sigma'(a_k) W_kj e_j x_j",
             lambda c: 2 * np.outer(c.h, c.e) + 2 * dsig(c.a)[:, None] * c.W * (c.e * c.x)[None, :],
             mistake="the sum over l is dropped (a_k changes every reconstructed x_l, not only x_j)"),
       ])


# =====================================================================================
# ridge: dL/dw_i
# =====================================================================================
def gen_ridge(rng, N, d):
    X, y, w = rng.normal(size=(N, d)), rng.normal(size=N), rng.normal(size=d)
    return NS(N=N, d=d, X=X, y=y, w=w, lam=rng.uniform(0.2, 2.0), r=X @ w - y)


target("ridge", "dL_dw", [(4, 3), (3, 3), (5, 2)], gen_ridge, ref=lambda c: 2 * c.X.T @ c.r + 2 * c.lam * c.w,
       check=lambda c: fd_jac(lambda w: np.sum((c.X @ w - c.y) ** 2) + c.lam * np.sum(w ** 2), c.w),
       answers=[
           A("plain", "right", "2*sum_n X_ni (Xw - y)_n + 2*lambda*w_i", "ASCII", "2 sum_n X_ni r_n + 2 lambda w_i",
             lambda c: 2 * c.X.T @ (c.X @ c.w - c.y) + 2 * c.lam * c.w),
           A("latex", "right", r"$\frac{\partial L}{\partial w_i} = 2\sum_{n=1}^{N} X_{ni}\, r_n + 2\lambda w_i$", "inline with r",
             "2 sum_n X_ni r_n + 2 lambda w_i", lambda c: 2 * c.X.T @ c.r + 2 * c.lam * c.w),
           A("converter", "right",
             r"2 \sum_{n=1}^{N} X_{n i}\left(\sum_{j=1}^{d} X_{n j} w_{j}-y_{n}\right)+2 \lambda w_{i}", "converter, nested sum",
             "2 sum_n X_ni (sum_j X_nj w_j - y_n) + 2 lambda w_i",
             lambda c: 2 * np.array([sum(c.X[n, i] * (c.X[n] @ c.w - c.y[n]) for n in range(c.N)) for i in range(c.d)]) + 2 * c.lam * c.w),
           A("latex", "right", r"so $\frac{\partial L}{\partial w_i} = 2\left[X^\top(Xw-y)\right]_i + 2\lambda w_i$", "component of matrix form",
             "2 [X^T (Xw - y)]_i + 2 lambda w_i", lambda c: 2 * (c.X.T @ (c.X @ c.w - c.y)) + 2 * c.lam * c.w),
           A("converter", "right", r"2\left(\mathbf{X}^{T} \mathbf{r}\right)_{i}+2 \lambda w_{i}", "converter, bold matrix", "2 (X^T r)_i + 2 lambda w_i",
             lambda c: 2 * (c.X.T @ c.r) + 2 * c.lam * c.w),
           A("plain", "wrong", "2*sum_n X_ni r_n + lambda*w_i", "ASCII", "2 sum_n X_ni r_n + lambda w_i",
             lambda c: 2 * c.X.T @ c.r + c.lam * c.w, mistake="lambda instead of 2 lambda (penalty is lambda ||w||^2, not lambda/2)"),
           A("latex", "wrong", r"$\sum_{n=1}^{N} X_{ni} r_n + \lambda w_i$", "inline", "sum_n X_ni r_n + lambda w_i",
             lambda c: c.X.T @ c.r + c.lam * c.w, mistake="lost the factor 2 on both terms"),
           A("converter", "wrong", r"2 \sum_{n=1}^{N} X_{n i}\left(y_{n}-(X w)_{n}\right)+2 \lambda w_{i}", "converter",
             "2 sum_n X_ni (y_n - (Xw)_n) + 2 lambda w_i", lambda c: -2 * c.X.T @ c.r + 2 * c.lam * c.w,
             mistake="sign of the data term (residual taken as y - Xw)"),
           A("converter", "wrong", r"2 \sum_{n} X_{n i} r_{n}+2 \lambda", "converter", "2 sum_n X_ni r_n + 2 lambda",
             lambda c: 2 * c.X.T @ c.r + 2 * c.lam, mistake="the w_i of the penalty's derivative is dropped"),
           A("latex", "wrong", r"\[\frac{\partial L}{\partial w_i} = 2\sum_{n} X_{ni}(Xw)_n + 2\lambda w_i\]", "display",
             "2 sum_n X_ni (Xw)_n + 2 lambda w_i", lambda c: 2 * c.X.T @ (c.X @ c.w) + 2 * c.lam * c.w,
             mistake="y dropped from the residual"),
       ])


# =====================================================================================
# layernorm: dL/dx as a vector (xhat normalized here)
# =====================================================================================
def gen_ln(rng, n):
    x = rng.normal(size=n) * 1.5
    eps = rng.uniform(0.05, 0.5)
    mu = x.mean()
    var = np.mean((x - mu) ** 2)
    xh = (x - mu) / np.sqrt(var + eps)
    return NS(n=n, x=x, gam=rng.uniform(0.5, 2), bet=rng.normal(), eps=eps, mu=mu, var=var, xh=xh,
              G=rng.normal(size=n), one=np.ones(n), I=np.eye(n))


def ln_forward(c, x):
    mu = x.mean()
    var = np.mean((x - mu) ** 2)
    return np.sum(c.G * (c.gam * (x - mu) / np.sqrt(var + c.eps) + c.bet))


def ln_ref(c):
    return c.gam / np.sqrt(c.var + c.eps) * (c.G - (c.xh @ c.G) * c.xh / c.n - c.G.sum() / c.n)


target("layernorm", "dL_dx_vec", [(2,), (3,), (5,)], gen_ln, ref=ln_ref,
       check=lambda c: fd_jac(lambda x: ln_forward(c, x), c.x),
       answers=[
           A("plain", "right", "(γ/√(σ²+ε)) (∂L/∂y − (1/n)(1ᵀ ∂L/∂y) 1 − (1/n)(x̂ᵀ ∂L/∂y) x̂)", "Unicode, vector",
             "gamma/sqrt(var+eps) (g - (1/n)(1^T g) 1 - (1/n)(xhat^T g) xhat)", ln_ref),
           A("converter", "right",
             r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left(I-\frac{1}{n} \mathbf{1} \mathbf{1}^{T}-\frac{1}{n} \hat{\mathbf{x}} \hat{\mathbf{x}}^{T}\right) \frac{\partial L}{\partial \mathbf{y}}",
             "converter, projection matrix", "gamma/sqrt(var+eps) (I - 11^T/n - xhat xhat^T/n) g",
             lambda c: c.gam / np.sqrt(c.var + c.eps) * (c.I - np.outer(c.one, c.one) / c.n - np.outer(c.xh, c.xh) / c.n) @ c.G),
           A("latex", "right",
             r"$\frac{\partial L}{\partial x} = \frac{\gamma}{n\sqrt{\sigma^2+\epsilon}}\left(n\frac{\partial L}{\partial y} - \mathbf 1\mathbf 1^\top\frac{\partial L}{\partial y} - \hat x\,\hat x^\top\frac{\partial L}{\partial y}\right)$",
             "inline, 1/n factored", "gamma/(n sqrt(var+eps)) (n g - 11^T g - xhat xhat^T g)",
             lambda c: c.gam / (c.n * np.sqrt(c.var + c.eps)) * (c.n * c.G - c.one * c.G.sum() - c.xh * (c.xh @ c.G))),
           A("plain", "right", "γ(σ²+ε)^(−1/2) (I − (1/n)(11ᵀ + x̂x̂ᵀ)) ∂L/∂y", "Unicode, power -1/2",
             "gamma (var+eps)^(-1/2) (I - (11^T + xhat xhat^T)/n) g",
             lambda c: c.gam * (c.var + c.eps) ** -0.5 * (c.I - (np.outer(c.one, c.one) + np.outer(c.xh, c.xh)) / c.n) @ c.G),
           A("latex", "right",
             r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\Big(\frac{\partial L}{\partial y} - \frac1n \mathbf 1 \mathbf 1^\top \frac{\partial L}{\partial y}\Big) - \frac{\gamma\,(x-\mu\mathbf 1)}{n(\sigma^2+\epsilon)^{3/2}}(x-\mu\mathbf 1)^\top\frac{\partial L}{\partial y}",
             "written with x - mu 1", "mean term plus variance term with (x - mu)",
             lambda c: c.gam / np.sqrt(c.var + c.eps) * (c.G - c.G.sum() / c.n)
             - c.gam * (c.x - c.mu) / (c.n * (c.var + c.eps) ** 1.5) * ((c.x - c.mu) @ c.G)),
           A("plain", "wrong", "γ/√(σ²+ε) (∂L/∂y − (1/n)(1ᵀ∂L/∂y) 1)", "Unicode", "variance term missing",
             lambda c: c.gam / np.sqrt(c.var + c.eps) * (c.G - c.G.sum() / c.n),
             mistake="missing the x-hat term (sigma^2 treated as a constant)"),
           A("latex", "wrong",
             r"$\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y} - \frac1n(\hat x^\top\frac{\partial L}{\partial y})\hat x\right)$",
             "inline", "mean term missing", lambda c: c.gam / np.sqrt(c.var + c.eps) * (c.G - (c.xh @ c.G) * c.xh / c.n),
             mistake="missing the mean term (mu treated as a constant)"),
           A("converter", "wrong",
             r"\frac{\gamma}{\sqrt{\sigma^{2}}+\epsilon}\left(I-\frac{1}{n} \mathbf{1} \mathbf{1}^{T}-\frac{1}{n} \hat{\mathbf{x}} \hat{\mathbf{x}}^{T}\right) \frac{\partial L}{\partial \mathbf{y}}",
             "converter", "gamma/(sqrt(var)+eps) (...) g",
             lambda c: c.gam / (np.sqrt(c.var) + c.eps) * (c.I - np.outer(c.one, c.one) / c.n - np.outer(c.xh, c.xh) / c.n) @ c.G,
             mistake="epsilon outside the square root"),
           A("plain", "wrong", "gamma/sqrt(sigma^2+eps) * (dL/dy - (1/n)(1^T dL/dy) 1 + (1/n)(xhat^T dL/dy) xhat)", "ASCII",
             "x-hat term added", lambda c: c.gam / np.sqrt(c.var + c.eps) * (c.G - c.G.sum() / c.n + (c.xh @ c.G) * c.xh / c.n),
             mistake="sign of the x-hat term"),
           A("latex", "wrong",
             r"\[\frac{\partial L}{\partial x} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(I - \frac1n\mathbf 1\mathbf 1^{\top} - \frac1n \hat x^{\top}\hat x\, I\right)\frac{\partial L}{\partial y}\]",
             "display", "inner product xhat^T xhat instead of outer product",
             lambda c: c.gam / np.sqrt(c.var + c.eps) * (c.I - np.outer(c.one, c.one) / c.n - (c.xh @ c.xh) / c.n * c.I) @ c.G,
             mistake="inner product x-hat^T x-hat written where the outer product x-hat x-hat^T belongs"),
       ])


# =====================================================================================
# rmsnorm: dy/dx matrix, [j, i]
# =====================================================================================
def gen_rms(rng, n):
    x, g = rng.normal(size=n), rng.normal(size=n)
    eps = rng.uniform(0.05, 0.5)
    return NS(n=n, x=x, g=g, eps=eps, r=np.sqrt(np.mean(x ** 2) + eps), I=np.eye(n))


def rms_fwd(c, x):
    return c.g * x / np.sqrt(np.mean(x ** 2) + c.eps)


def rms_ref(c):
    return np.diag(c.g) / c.r - np.outer(c.g * c.x, c.x) / (c.n * c.r ** 3)


target("rmsnorm", "dy_dx_matrix", [(2,), (3,), (4,)], gen_rms, ref=rms_ref,
       check=lambda c: fd_jac(lambda x: rms_fwd(c, x), c.x),
       answers=[
           A("plain", "right", "diag(g)/r - (g ⊙ x) x^T/(n r^3)", "ASCII with Hadamard", "diag(g)/r - (g o x) x^T/(n r^3)", rms_ref),
           A("converter", "right",
             r"\frac{1}{r} \operatorname{diag}(\mathbf{g})-\frac{1}{n r^{3}}(\mathbf{g} \odot \mathbf{x}) \mathbf{x}^{T}", "converter",
             "diag(g)/r - (g o x) x^T/(n r^3)", rms_ref),
           A("latex", "right", r"$\frac{\partial y}{\partial x} = \frac{1}{r}\operatorname{diag}(g)\left(I - \frac{x x^\top}{n r^2}\right)$",
             "inline, factored", "diag(g)/r (I - x x^T/(n r^2))",
             lambda c: np.diag(c.g) / c.r @ (c.I - np.outer(c.x, c.x) / (c.n * c.r ** 2))),
           A("plain", "right", "diag(g) (r² I − x xᵀ/n) / r³", "Unicode", "diag(g)(r^2 I - x x^T/n)/r^3",
             lambda c: np.diag(c.g) @ (c.r ** 2 * c.I - np.outer(c.x, c.x) / c.n) / c.r ** 3),
           A("latex", "right",
             r"\frac{1}{r}\operatorname{diag}(g) - \frac{1}{n r^3}\operatorname{diag}(g)\,x x^\top", "bare LaTeX, diag(g) x x^T",
             "diag(g)/r - diag(g) x x^T/(n r^3)", lambda c: np.diag(c.g) / c.r - np.diag(c.g) @ np.outer(c.x, c.x) / (c.n * c.r ** 3)),
           A("plain", "wrong", "diag(g)/r - x (g ⊙ x)^T/(n r^3)", "ASCII", "diag(g)/r - x (g o x)^T/(n r^3)",
             lambda c: np.diag(c.g) / c.r - np.outer(c.x, c.g * c.x) / (c.n * c.r ** 3),
             mistake="outer product transposed (denominator-layout mix-up in the rank-one term)"),
           A("latex", "wrong", r"$\frac{1}{r}\left(I - \frac{x x^\top}{n r^2}\right)\operatorname{diag}(g)$", "inline",
             "(I - x x^T/(n r^2)) diag(g)/r", lambda c: (c.I - np.outer(c.x, c.x) / (c.n * c.r ** 2)) @ np.diag(c.g) / c.r,
             mistake="wrong order of the matrix product (diag(g) on the right)"),
           A("converter", "wrong",
             r"\frac{1}{r} \operatorname{diag}(\mathbf{g})-\frac{1}{r^{3}}(\mathbf{g} \odot \mathbf{x}) \mathbf{x}^{T}", "converter",
             "diag(g)/r - (g o x) x^T / r^3", lambda c: np.diag(c.g) / c.r - np.outer(c.g * c.x, c.x) / c.r ** 3,
             mistake="missing the 1/n from the mean in r"),
           A("converter", "wrong", r"\frac{1}{r} \operatorname{diag}(\mathbf{g})-\frac{1}{n r^{2}}(\mathbf{g} \odot \mathbf{x}) \mathbf{x}^{T}", "converter", "diag(g)/r - (g o x) x^T/(n r^2)",
             lambda c: np.diag(c.g) / c.r - np.outer(c.g * c.x, c.x) / (c.n * c.r ** 2), mistake="r^2 instead of r^3"),
           A("latex", "wrong", r"\[\frac{\partial y}{\partial x} = \frac{1}{r}\operatorname{diag}(g)\]", "display",
             "diag(g)/r", lambda c: np.diag(c.g) / c.r, mistake="treats r as a constant (the dependence of r on x is missing)"),
       ])


# =====================================================================================
# logreg_hessian: d^2 L / dw_i dw_j
# =====================================================================================
def gen_lh(rng, N, d):
    X, w = rng.normal(size=(N, d)), rng.normal(size=d) * 0.7
    y = rng.integers(0, 2, size=N).astype(float)
    p = sig(X @ w)
    return NS(N=N, d=d, X=X, w=w, y=y, s=X @ w, p=p)


def lh_loss(c, w):
    p = sig(c.X @ w)
    return -np.sum(c.y * np.log(p) + (1 - c.y) * np.log(1 - p))


target("logreg_hessian", "hess", [(4, 3), (3, 3), (2, 4)], gen_lh, ref=lambda c: c.X.T @ np.diag(c.p * (1 - c.p)) @ c.X,
       check=lambda c: fd_hess(lambda w: lh_loss(c, w), c.w), check_tol=(1e-5, 1e-5),
       answers=[
           A("plain", "right", "sum_n p_n (1 - p_n) X_ni X_nj", "ASCII", "sum_n p_n (1 - p_n) X_ni X_nj",
             lambda c: np.einsum('n,ni,nj->ij', c.p * (1 - c.p), c.X, c.X)),
           A("converter", "right", r"\sum_{n=1}^{N} p_{n}\left(1-p_{n}\right) X_{n i} X_{n j}", "converter",
             "sum_n p_n (1 - p_n) X_ni X_nj", lambda c: np.einsum('n,ni,nj->ij', c.p * (1 - c.p), c.X, c.X)),
           A("latex", "right", r"$\left[X^\top \operatorname{diag}(p\odot(1-p))\,X\right]_{ij}$", "entry of matrix form",
             "[X^T diag(p(1-p)) X]_ij", lambda c: c.X.T @ np.diag(c.p * (1 - c.p)) @ c.X),
           A("converter", "right", r"\sum_{n} \sigma\left(s_{n}\right)\left(1-\sigma\left(s_{n}\right)\right) X_{n i} X_{n j}", "converter, sigma(s_n)", "sum_n sigma(s_n)(1 - sigma(s_n)) X_ni X_nj",
             lambda c: np.einsum('n,ni,nj->ij', sig(c.s) * (1 - sig(c.s)), c.X, c.X)),
           A("latex", "right", r"Differentiating again, $\frac{\partial^2 L}{\partial w_i\partial w_j} = \sum_{m=1}^{N} \sigma'(s_m)\,X_{mi}X_{mj}$.",
             "sigma', index m", "sum_m sigma'(s_m) X_mi X_mj", lambda c: np.einsum('m,mi,mj->ij', dsig(c.s), c.X, c.X)),
           A("plain", "wrong", "sum_n (p_n - y_n) X_ni X_nj", "ASCII", "sum_n (p_n - y_n) X_ni X_nj",
             lambda c: np.einsum('n,ni,nj->ij', c.p - c.y, c.X, c.X), mistake="residual p - y instead of p(1 - p)"),
           A("converter", "wrong", r"\sum_{n=1}^{N} p_{n}\left(1-p_{n}\right) X_{n i}", "converter", "sum_n p_n(1-p_n) X_ni for every j",
             lambda c: np.outer(np.einsum('n,ni->i', c.p * (1 - c.p), c.X), np.ones(c.d)), mistake="missing the chain factor X_nj"),
           A("latex", "wrong", r"$-\sum_{n=1}^{N} p_n(1-p_n)X_{ni}X_{nj}$", "inline", "minus sum_n p_n(1-p_n) X_ni X_nj",
             lambda c: -np.einsum('n,ni,nj->ij', c.p * (1 - c.p), c.X, c.X), mistake="sign flipped"),
           A("converter", "wrong", r"\sum_{n=1}^{N} p_{n} X_{n i} X_{n j}", "converter", "sum_n p_n X_ni X_nj",
             lambda c: np.einsum('n,ni,nj->ij', c.p, c.X, c.X), mistake="sigma instead of sigma' (the (1 - p_n) factor is missing)"),
           A("latex", "wrong", r"\[\frac{1}{N}\sum_{n=1}^{N} p_n(1-p_n)\,X_{ni}X_{nj}\]", "display",
             "(1/N) sum_n p_n(1-p_n) X_ni X_nj", lambda c: np.einsum('n,ni,nj->ij', c.p * (1 - c.p), c.X, c.X) / c.N,
             mistake="extra 1/N: the loss is a sum, not a mean"),
       ])


# =====================================================================================
# hw3_2ab: y_2(n) = (x_2 * h)(n), evaluated for n = -4 .. L + 14
# =====================================================================================
def gen_fir(rng, L):
    return NS(L=L, n=np.arange(-4, L + 15))


def y2_brute(c):
    out = []
    for n in c.n:
        tot = 0.0
        for i in range(-20, c.L + 40):
            x2 = 1.0 if 0 <= i - 5 <= c.L - 1 else 0.0
            hv = 0.5 ** (n - i) if n - i >= 0 else 0.0
            tot += x2 * hv
        out.append(tot)
    return np.array(out)


def pw(c, f):
    return np.array([f(int(n), c.L) for n in c.n], dtype=float)


def y2_closed(n, L):
    if n < 5:
        return 0.0
    if n <= L + 4:
        return 2 - 2.0 ** (5 - n)
    return 2.0 ** (5 - n) * (2 ** L - 1)


target("hw3_2ab", "y2", [(1,), (2,), (3,), (6,)], gen_fir, ref=y2_brute, check=lambda c: pw(c, y2_closed),
       answers=[
           A("latex", "right",
             r"$y_2(n) = \begin{cases}0 & n<5\\ 2 - (1/2)^{n-5} & 5\le n\le L+4\\ (1/2)^{n-5}(2^L-1) & n \ge L+5\end{cases}$",
             "cases", "0, 2 - (1/2)^(n-5), (1/2)^(n-5)(2^L - 1)", lambda c: pw(c, y2_closed)),
           A("plain", "right", "y2(n) = 2 - 2^(5-n) for 5 <= n <= L+4, 2^(5-n)(2^L - 1) for n >= L+5, 0 otherwise",
             "ASCII, words", "same three pieces", lambda c: pw(c, y2_closed)),
           A("converter", "right",
             r"y_{2}(n)=\left\{\begin{array}{ll}0, & n<5 \\ 2\left(1-\left(\frac{1}{2}\right)^{n-4}\right), & 5 \leq n \leq L+4 \\ \left(\frac{1}{2}\right)^{n-L-5}\left(1-\left(\frac{1}{2}\right)^{L}\right), & n \geq L+5\end{array}\right.",
             "converter cases array, other forms", "0; 2(1 - (1/2)^(n-4)); (1/2)^(n-L-5)(1 - (1/2)^L)",
             lambda c: pw(c, lambda n, L: 0.0 if n < 5 else (2 * (1 - 0.5 ** (n - 4)) if n <= L + 4 else 0.5 ** (n - L - 5) * (1 - 0.5 ** L)))),
           A("latex", "right", r"$y_2(n)=\sum_{i=5}^{\min(n,\,L+4)} 2^{i-n}$ (the empty sum is $0$ for $n<5$)",
             "finite sum with min bound", "sum_{i=5}^{min(n, L+4)} 2^(i-n)",
             lambda c: pw(c, lambda n, L: sum(2.0 ** (i - n) for i in range(5, min(n, L + 4) + 1)))),
           A("plain", "right", "(2^(min(n, L+4) − 4) − 1) · 2^(5−n) for n ≥ 5, else 0", "Unicode, min",
             "(2^(min(n,L+4)-4) - 1) 2^(5-n) for n >= 5",
             lambda c: pw(c, lambda n, L: (2.0 ** (min(n, L + 4) - 4) - 1) * 2.0 ** (5 - n) if n >= 5 else 0.0)),
           A("plain", "wrong", "0 for n < -5, 2 - (1/2)^(n+5) for -5 <= n <= L-6, (1/2)^(n+5)(2^L - 1) for n >= L-5", "ASCII, words",
             "shifted the wrong way (n + 5)",
             lambda c: pw(c, lambda n, L: 0.0 if n < -5 else (2 - 0.5 ** (n + 5) if n <= L - 6 else 0.5 ** (n + 5) * (2 ** L - 1))),
             mistake="shift in the wrong direction: y(n + 5) instead of y(n - 5)"),
           A("latex", "wrong",
             r"\[y_2(n)=\begin{cases}0 & n<5\\ 2-(1/2)^{n-5} & 5\le n\le L+5\\ (1/2)^{n-5}(2^L-1) & n\ge L+6\end{cases}\]",
             "display cases", "middle piece extended to n = L+5",
             lambda c: pw(c, lambda n, L: 0.0 if n < 5 else (2 - 0.5 ** (n - 5) if n <= L + 5 else 0.5 ** (n - 5) * (2 ** L - 1))),
             mistake="boundary off by one: the ramp-up formula used at n = L + 5"),
           A("converter", "wrong",
             r"y_{2}(n)=\left\{\begin{array}{ll}0, & n<5 \\ 2-\left(\frac{1}{2}\right)^{n-4}, & 5 \leq n \leq L+4 \\ \left(\frac{1}{2}\right)^{n-4}\left(2^{L}-1\right), & n \geq L+5\end{array}\right.",
             "converter cases array", "exponent n - 4",
             lambda c: pw(c, lambda n, L: 0.0 if n < 5 else (2 - 0.5 ** (n - 4) if n <= L + 4 else 0.5 ** (n - 4) * (2 ** L - 1))),
             mistake="exponent off by one (n - 4 instead of n - 5)"),
           A("latex", "wrong",
             r"$y_2(n)=\begin{cases}0 & n<5\\ 1-(1/2)^{n-4} & 5\le n\le L+4\\ (1/2)^{n-L-4}\left(1-(1/2)^{L}\right) & n\ge L+5\end{cases}$",
             "cases", "geometric sums without the 1/(1 - 1/2)",
             lambda c: pw(c, lambda n, L: 0.0 if n < 5 else (1 - 0.5 ** (n - 4) if n <= L + 4 else 0.5 ** (n - L - 4) * (1 - 0.5 ** L))),
             mistake="geometric series not divided by 1 - 1/2 (a lost factor 2)"),
           A("plain", "wrong", "y2(n) = 2 - 2^(5-n) for 5 <= n <= L+4, 2^(5-n) 2^L for n >= L+5, 0 otherwise", "ASCII, words",
             "tail 2^(5-n) 2^L", lambda c: pw(c, lambda n, L: 0.0 if n < 5 else (2 - 2.0 ** (5 - n) if n <= L + 4 else 2.0 ** (5 - n) * 2 ** L)),
             mistake="the -1 of (2^L - 1) is dropped in the tail"),
       ])


# =====================================================================================
# gelu_silu: dy_k/dx_i for y = SiLU(x)
# =====================================================================================
def gen_silu(rng, n):
    x = rng.normal(size=n) * 2
    return NS(n=n, x=x, s=sig(x), y=x * sig(x), I=np.eye(n))


def silu_ref(c):
    return np.diag(c.s + c.x * c.s * (1 - c.s))


target("gelu_silu", "dy_dx", [(2,), (3,), (5,)], gen_silu, ref=silu_ref,
       check=lambda c: fd_jac(lambda x: x * sig(x), c.x),
       answers=[
           A("plain", "right", "delta_ik*(sigma(x_k) + x_k*sigma(x_k)*(1-sigma(x_k)))", "ASCII", "delta_ik (sigma + x sigma(1-sigma))",
             lambda c: c.I * (c.s + c.x * c.s * (1 - c.s))[:, None]),
           A("converter", "right", r"\delta_{i k} \sigma\left(x_{k}\right)\left(1+x_{k}\left(1-\sigma\left(x_{k}\right)\right)\right)",
             "converter, factored", "delta_ik sigma(x_k)(1 + x_k(1 - sigma(x_k)))",
             lambda c: c.I * (c.s * (1 + c.x * (1 - c.s)))[:, None]),
           A("latex", "right", r"$\frac{\partial y_k}{\partial x_i} = \delta_{ik}\,\big(\sigma(x_i) + x_i\sigma'(x_i)\big)$", "inline, sigma'",
             "delta_ik (sigma(x_i) + x_i sigma'(x_i))", lambda c: c.I * (c.s + c.x * dsig(c.x))[None, :]),
           A("latex", "right",
             r"\frac{\partial y_k}{\partial x_i}=\begin{cases}\sigma(x_k)+ y_k\,(1-\sigma(x_k)) & i=k\\ 0 & i\ne k\end{cases}",
             "cases, uses y_k", "sigma(x_k) + y_k (1 - sigma(x_k)) on the diagonal",
             lambda c: np.diag(sig(c.x) + c.y * (1 - sig(c.x)))),
           A("converter", "right",
             r"\left\{\begin{array}{ll}\sigma\left(x_{k}\right)+x_{k} \sigma\left(x_{k}\right)\left(1-\sigma\left(x_{k}\right)\right) & i=k \\ 0 & i \neq k\end{array}\right.",
             "converter cases array", "sigma(x_k) + x_k sigma(x_k)(1 - sigma(x_k)) if i = k, else 0",
             lambda c: np.diag(c.s + c.x * c.s * (1 - c.s))),
           A("plain", "wrong", "σ(x_k) + x_k σ'(x_k)", "Unicode", "sigma(x_k) + x_k sigma'(x_k) for every i",
             lambda c: np.outer(c.s + c.x * dsig(c.x), np.ones(c.n)), mistake="missing the Kronecker delta_ik"),
           A("latex", "wrong", r"$\delta_{ik}\,x_k\sigma'(x_k)$", "inline", "delta_ik x_k sigma'(x_k)",
             lambda c: c.I * (c.x * dsig(c.x))[:, None], mistake="missing the product-rule term sigma(x_k)"),
           A("plain", "wrong", "delta_ik*(sigma(x_k) + x_k*sigma(x_k))", "ASCII", "delta_ik (sigma + x sigma)",
             lambda c: c.I * (c.s + c.x * c.s)[:, None], mistake="sigma written for sigma' in the second term"),
           A("converter", "wrong", r"\delta_{i k}\left(\sigma\left(x_{k}\right)-x_{k} \sigma^{\prime}\left(x_{k}\right)\right)", "converter",
             "delta_ik (sigma - x sigma')", lambda c: c.I * (c.s - c.x * dsig(c.x))[:, None], mistake="sign of the product-rule term"),
       ])


# =====================================================================================
# softmax_temperature: dL^T/dz_i with label smoothing
# =====================================================================================
def gen_st(rng, K):
    z = rng.normal(size=K) * 1.5
    T = rng.uniform(0.3, 3.0)
    y = np.zeros(K); y[rng.integers(K)] = 1
    eps = rng.uniform(0.05, 0.3)
    q = (1 - eps) * y + eps / K
    return NS(K=K, z=z, T=T, y=y, eps=eps, q=q, pT=softmax(z / T))


target("softmax_temperature", "dLT_dz", [(2,), (3,), (5,)], gen_st, ref=lambda c: (c.pT - c.q) / c.T,
       check=lambda c: fd_jac(lambda z: -np.sum(c.q * np.log(softmax(z / c.T))), c.z),
       answers=[
           A("plain", "right", "(p^T_i - q_i)/T", "ASCII", "(p^T_i - q_i)/T", lambda c: (c.pT - c.q) / c.T),
           A("converter", "right", r"\frac{1}{T}\left(p_{i}^{T}-(1-\epsilon) y_{i}-\frac{\epsilon}{K}\right)", "converter, q expanded",
             "(p^T_i - (1-eps) y_i - eps/K)/T", lambda c: (c.pT - (1 - c.eps) * c.y - c.eps / c.K) / c.T),
           A("latex", "right", r"$\frac{\partial L^T}{\partial z_i} = \frac{1}{T}\Big(\frac{e^{z_i/T}}{\sum_l e^{z_l/T}} - q_i\Big)$",
             "inline, softmax written out", "(e^(z_i/T)/sum_l e^(z_l/T) - q_i)/T",
             lambda c: (np.exp(c.z / c.T) / np.sum(np.exp(c.z / c.T)) - c.q) / c.T),
           A("latex", "right", r"\[\frac{1}{T}\sum_{k} q_k\,(p^T_i - \delta_{ik}) = \frac{p^T_i - q_i}{T}\]", "relation chain",
             "(1/T) sum_k q_k (p^T_i - delta_ik)", lambda c: np.sum(c.q[None, :] * (c.pT[:, None] - np.eye(c.K)), axis=1) / c.T),
           A("converter", "right", r"\frac{\partial L^{T}}{\partial z_{i}}=\frac{p_{i}^{T}-q_{i}}{T}", "converter with left-hand side",
             "(p^T_i - q_i)/T", lambda c: (c.pT - c.q) / c.T),
           A("plain", "wrong", "p^T_i - q_i", "ASCII", "p^T_i - q_i", lambda c: c.pT - c.q, mistake="missing the 1/T chain factor"),
           A("latex", "wrong", r"$T\,(p^T_i - q_i)$", "inline", "T (p^T_i - q_i)", lambda c: c.T * (c.pT - c.q),
             mistake="multiplied by T instead of divided"),
           A("converter", "wrong", r"\frac{p_{i}^{T}-y_{i}}{T}", "converter", "(p^T_i - y_i)/T", lambda c: (c.pT - c.y) / c.T,
             mistake="the one-hot y_i used instead of the smoothed target q_i"),
           A("plain", "wrong", "(q_i − p^T_i)/T", "Unicode", "(q_i - p^T_i)/T", lambda c: (c.q - c.pT) / c.T, mistake="sign flipped"),
       ])


# =====================================================================================
# exercise13: dy_k/db_i
# =====================================================================================
def gen_e13(rng, n, m):
    W, x, b = rng.normal(size=(n, m)), rng.normal(size=m), rng.normal(size=n)
    yt = W @ x + b
    return NS(n=n, m=m, W=W, x=x, b=b, yt=yt, y=sig(yt), I=np.eye(n))


target("exercise13", "dy_db", [(4, 3), (3, 3), (2, 5)], gen_e13, ref=lambda c: np.diag(dsig(c.yt)),
       check=lambda c: fd_jac(lambda b: sig(c.W @ c.x + b), c.b),
       answers=[
           A("plain", "right", "sigma'(y~_k)*delta_ik", "ASCII, tilde", "sigma'(ytilde_k) delta_ik", lambda c: dsig(c.yt)[:, None] * c.I),
           A("converter", "right", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \delta_{i k}", "converter", "sigma'(ytilde_k) delta_ik",
             lambda c: dsig(c.yt)[:, None] * c.I),
           A("latex", "right", r"$\frac{\partial y_k}{\partial b_i} = \delta_{ik}\, y_k(1-y_k)$", "inline, y(1-y)",
             "delta_ik y_k (1 - y_k)", lambda c: c.I * (c.y * (1 - c.y))[:, None]),
           A("plain", "right", "δ_ki σ(ỹ_k)(1 − σ(ỹ_k))", "Unicode", "delta_ki sigma(ytilde_k)(1 - sigma(ytilde_k))",
             lambda c: c.I * (sig(c.yt) * (1 - sig(c.yt)))[:, None]),
           A("converter", "right", r"\sigma\left(\tilde{y}_{k}\right)\left(1-\sigma\left(\tilde{y}_{k}\right)\right) \delta_{i k}", "converter, sigma(1 - sigma)",
             "sigma(ytilde_k)(1 - sigma(ytilde_k)) delta_ik", lambda c: c.I * (sig(c.yt) * (1 - sig(c.yt)))[:, None]),
           A("plain", "wrong", "σ(ỹ_k) δ_ik", "Unicode", "sigma(ytilde_k) delta_ik", lambda c: c.I * sig(c.yt)[:, None],
             mistake="sigma written for sigma'"),
           A("latex", "wrong", r"$\sigma'(\tilde y_k)$", "inline", "sigma'(ytilde_k) for every i",
             lambda c: np.outer(dsig(c.yt), np.ones(c.n)), mistake="missing the Kronecker delta_ik"),
           A("converter", "wrong", r"\delta_{i k} \tilde{y}_{k}\left(1-\tilde{y}_{k}\right)", "converter",
             "delta_ik ytilde_k (1 - ytilde_k)", lambda c: c.I * (c.yt * (1 - c.yt))[:, None],
             mistake="sigma'(u) = sigma(u)(1 - sigma(u)) applied to ytilde instead of y = sigma(ytilde)"),
           A("latex", "wrong", r"\[\frac{\partial y_k}{\partial b_i} = \delta_{ik}\,\frac{e^{-\tilde y_k}}{1+e^{-\tilde y_k}}\]",
             "display, exponentials", "delta_ik e^(-ytilde)/(1 + e^(-ytilde))",
             lambda c: c.I * (np.exp(-c.yt) / (1 + np.exp(-c.yt)))[:, None],
             mistake="the square of the denominator of sigma' = e^(-u)/(1 + e^(-u))^2 is lost"),
       ])


# =====================================================================================
# evaluation
# =====================================================================================
def main():
    rng = np.random.default_rng(20240611)
    rows, per_src = [], {}
    for T in TARGETS:
        prob, tname = T["problem"], T["target"]
        ctxs = []
        for size in T["sizes"]:
            for _ in range(NPTS):
                c = T["gen"](rng, *size)
                R = np.asarray(T["ref"](c), float)
                Cv = np.asarray(T["check"](c), float)
                rt, at_ = T["check_tol"]
                assert R.shape == Cv.shape, (prob, tname, R.shape, Cv.shape)
                assert np.allclose(R, Cv, rtol=rt, atol=at_), (prob, tname, "reference fails its check", size,
                                                             np.max(np.abs(R - Cv)))
                ctxs.append((size, c, R))
        texts = set()
        for k, ans in enumerate(T["answers"], 1):
            assert ans["latex"] not in texts, (prob, tname, "duplicate answer text", ans["latex"])
            texts.add(ans["latex"])
            ok, worst = True, 0.0
            for size, c, R in ctxs:
                V = np.asarray(ans["fn"](c), float)
                V = np.broadcast_to(V, R.shape)
                if not np.allclose(V, R, rtol=RTOL, atol=ATOL):
                    ok = False
                scale = max(np.max(np.abs(R)), 1e-12)
                worst = max(worst, float(np.max(np.abs(V - R))) / scale)
            label = "right" if ok else "wrong"
            assert label == ans["intended"], (prob, tname, k, ans["latex"], label, worst)
            if label == "wrong":
                assert worst > 1e-3, (prob, tname, k, ans["latex"], "difference too small", worst)
            rows.append({"id": f"i-{prob}-{tname}-{k:02d}", "problem": prob, "target": tname, "latex": ans["latex"],
                         "label": label, "source": ans["source"], "style": ans["style"], "mistake": ans["mistake"],
                         "meaning": ans["meaning"]})
    with open(os.path.join(HERE, "answers_i.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # summary
    from collections import Counter
    bysrc = Counter((r["source"], r["label"]) for r in rows)
    bytgt = Counter((r["problem"], r["target"], r["label"]) for r in rows)
    print(f"{len(rows)} answers, {len({(r['problem'], r['target']) for r in rows})} targets, "
          f"{len({r['problem'] for r in rows})} problems")
    for s in ("plain", "converter", "latex"):
        print(f"  {s:10s} right {bysrc[(s, 'right')]:3d}  wrong {bysrc[(s, 'wrong')]:3d}")
    for (p, t) in dict.fromkeys((r["problem"], r["target"]) for r in rows):
        print(f"  {p:22s} {t:24s} right {bytgt[(p, t, 'right')]:2d}  wrong {bytgt[(p, t, 'wrong')]:2d}")


if __name__ == "__main__":
    main()
