#!/usr/bin/env python3
"""Build the held-out answer set G (answers_g.jsonl) and compute every label with NumPy.

For every target there is an independent forward pass written from the problem statement
(`symderiv show`), a hand derivation of the reference, and a check of that hand derivation
against central finite differences (or, for update rules / closed forms / numbers, against a
direct simulation of the definition) at every random point.  Every answer has a NumPy function
giving its meaning; it is compared with the reference at every random point, at several sizes
where the sizes are symbolic, at every index combination of the target.  The label is "right"
iff the meaning matches the reference everywhere tested.  The label intended when the answer was
written is asserted against the computed one.

Run:  python /tmp/heldout/g/build_g.py      (needs only NumPy; symderiv is never imported)
"""
import itertools
import json
import math
import os
import sys
import zlib
from collections import Counter, OrderedDict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_JSONL = os.path.join(HERE, "answers_g.jsonl")
FD_H = 1e-6          # central-difference step (first derivatives)
FD_H2 = 1e-4         # step for second differences (Hessians)
RTOL, ATOL = 1e-7, 1e-9          # answer vs hand-derived reference
FD_RTOL, FD_ATOL = 1e-5, 1e-6    # hand-derived reference vs finite differences
SQ2 = math.sqrt(2.0)


# ----------------------------------------------------------------------------------------------
# small numeric helpers
# ----------------------------------------------------------------------------------------------
def sig(u):
    return 1.0 / (1.0 + np.exp(-np.asarray(u, float)))


def softmax(z):
    z = np.asarray(z, float)
    e = np.exp(z - z.max())
    return e / e.sum()


def jac(f, x, h=FD_H):
    """Central-difference Jacobian: J[out_index + in_index] = d f[out] / d x[in]."""
    x = np.array(x, float)
    f0 = np.asarray(f(x), float)
    J = np.zeros(f0.shape + x.shape)
    for idx in np.ndindex(*x.shape):
        xp = x.copy()
        xm = x.copy()
        xp[idx] += h
        xm[idx] -= h
        J[(Ellipsis,) + idx] = (np.asarray(f(xp), float) - np.asarray(f(xm), float)) / (2 * h)
    return J


def dscalar(f, x, h=FD_H):
    return (f(x + h) - f(x - h)) / (2 * h)


def hess_fd(f, x, h=FD_H2):
    """Second differences of a scalar function: H[i, j] = d^2 f / dx_i dx_j."""
    x = np.array(x, float)
    n = x.size
    Hm = np.zeros((n, n))
    E = np.eye(n) * h
    for i in range(n):
        for j in range(n):
            Hm[i, j] = (f(x + E[i] + E[j]) - f(x + E[i] - E[j]) - f(x - E[i] + E[j])
                        + f(x - E[i] - E[j])) / (4 * h * h)
    return Hm


def verify(hand, fdv, what, rtol=FD_RTOL, atol=FD_ATOL):
    hand = np.asarray(hand, float)
    fdv = np.asarray(fdv, float)
    if hand.shape != fdv.shape or not np.allclose(hand, fdv, rtol=rtol, atol=atol):
        raise AssertionError("hand derivation disagrees with finite differences: %s\nhand=%r\nfd=%r"
                             % (what, hand, fdv))


class One:
    """1-based indexing of an array as in the problem statements; out of range -> IndexError."""

    def __init__(self, a):
        self.a = np.asarray(a, float)

    def __getitem__(self, idx):
        if not isinstance(idx, tuple):
            idx = (idx,)
        if len(idx) != self.a.ndim:
            raise IndexError("wrong number of indices")
        out = []
        for i, n in zip(idx, self.a.shape):
            if int(i) != i or i < 1 or i > n:
                raise IndexError("index %r out of 1..%d" % (i, n))
            out.append(int(i) - 1)
        return float(self.a[tuple(out)])


class _At:
    def __init__(self, ctx):
        self._ctx = ctx

    def __getattr__(self, name):
        return One(getattr(self._ctx, name))


class Ctx:
    """One random point of one target: the inputs, the forward quantities, the reference."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    @property
    def o(self):          # c.o.W[k, i] is W_{ki} (1-based, bounds-checked)
        return _At(self)


# strict matrix algebra for matrix-form answers: shapes must conform, no silent broadcasting
class Mx:
    def __init__(self, a):
        a = np.asarray(a, float)
        if a.ndim == 1:
            a = a.reshape(-1, 1)          # a vector is a column
        if a.ndim != 2:
            raise ValueError("not a matrix")
        self.a = a

    @property
    def T(self):
        return Mx(self.a.T)

    @property
    def shape(self):
        return self.a.shape

    def _same(self, o):
        if isinstance(o, Mx):
            if o.a.shape != self.a.shape:
                raise ValueError("shape mismatch %r vs %r" % (self.a.shape, o.a.shape))
            return o.a
        return float(o)                   # a scalar, entrywise (as in 1 - z_t)

    def __add__(self, o):
        return Mx(self.a + self._same(o))

    __radd__ = __add__

    def __sub__(self, o):
        return Mx(self.a - self._same(o))

    def __rsub__(self, o):
        return Mx(self._same(o) - self.a)

    def __neg__(self):
        return Mx(-self.a)

    def __mul__(self, o):                 # only scalar * matrix
        if isinstance(o, Mx):
            raise ValueError("use had() or @")
        return Mx(self.a * float(o))

    __rmul__ = __mul__

    def __truediv__(self, o):
        if isinstance(o, Mx):
            raise ValueError("use ediv()")
        return Mx(self.a / float(o))

    def __matmul__(self, o):
        if self.a.shape[1] != o.a.shape[0]:
            raise ValueError("product of %r and %r" % (self.a.shape, o.a.shape))
        return Mx(self.a @ o.a)

    def __pow__(self, k):                 # entrywise power of a vector (h_t^2)
        return Mx(self.a ** k)

    def map(self, f):
        return Mx(f(self.a))

    def item(self):
        if self.a.shape != (1, 1):
            raise ValueError("not 1x1")
        return float(self.a[0, 0])


def V(v):
    return Mx(np.asarray(v, float).reshape(-1, 1))


def had(*ms):
    out = ms[0].a
    for m in ms[1:]:
        if m.a.shape != out.shape:
            raise ValueError("entrywise product of different shapes")
        out = out * m.a
    return Mx(out)


def ediv(a, b):
    if a.a.shape != b.a.shape:
        raise ValueError("entrywise quotient of different shapes")
    return Mx(a.a / b.a)


def diag(v):
    if v.a.shape[1] != 1:
        raise ValueError("diag of a non-vector")
    return Mx(np.diag(v.a[:, 0]))


def I(n):
    return Mx(np.eye(n))


def ones(n):
    return Mx(np.ones((n, 1)))


def e(k, n):
    v = np.zeros((n, 1))
    v[k - 1, 0] = 1.0
    return Mx(v)


def inv(m):
    return Mx(np.linalg.inv(m.a))


def M(rows):
    return Mx(np.array(rows, float))


def all_idx(*sizes):
    return list(itertools.product(*[range(1, s + 1) for s in sizes]))


def arr_ref(arr):
    """reference callable with 1-based indices into an array"""
    a = np.asarray(arr, float)
    return lambda *idx: float(a[tuple(i - 1 for i in idx)])


def dlt(i, j):
    return 1.0 if i == j else 0.0


# ----------------------------------------------------------------------------------------------
# registry
# ----------------------------------------------------------------------------------------------
TARGETS = OrderedDict()
ANSWERS = []


class Target:
    def __init__(self, problem, name, make, sizes, points, kind, note=""):
        self.problem, self.name, self.make = problem, name, make
        self.sizes, self.points, self.kind, self.note = sizes, points, kind, note
        self._ctxs = None

    def contexts(self):
        if self._ctxs is None:
            rng = np.random.default_rng(zlib.crc32(("g:%s/%s" % (self.problem, self.name)).encode()))
            self._ctxs = []
            for size in self.sizes:
                for _ in range(self.points):
                    c = self.make(rng, size)
                    c.size = size
                    self._ctxs.append(c)
        return self._ctxs


def target(problem, name, make, sizes=(None,), points=4, kind="index", note=""):
    TARGETS[(problem, name)] = Target(problem, name, make, list(sizes), points, kind, note)


def A(problem, tname, source, label, latex, style, meaning, fn, mistake=None, approx=None,
      undef=False):
    """One answer.  fn(ctx, *index) is its meaning.  undef=True: the answer is expected to be
    undefined somewhere (an index out of range, non-conforming shapes); any exception of an
    answer without undef=True is a bug of this script and stops the build."""
    assert (problem, tname) in TARGETS, (problem, tname)
    assert source in ("plain", "converter", "latex")
    assert label in ("right", "wrong")
    if label == "right":
        assert mistake is None and not undef, latex
    else:
        assert mistake, latex
    if source == "plain":
        assert "\\" not in latex and "$" not in latex, latex
    ANSWERS.append(dict(problem=problem, target=tname, source=source, intended=label,
                        latex=latex, style=style, meaning=meaning, fn=fn, mistake=mistake,
                        approx=approx, undef=undef))


def _diff(got, want, approx):
    """(matches, relative size of the largest difference, reason)"""
    got = np.asarray(got, float)
    want = np.asarray(want, float)
    if got.shape != want.shape:
        return False, float("inf"), "shape %r, reference %r" % (got.shape, want.shape)
    if not np.all(np.isfinite(got)):
        return False, float("inf"), "not finite"
    d = np.abs(got - want)
    if approx is not None:
        return bool(np.all(d <= approx)), float(np.max(d)) if d.size else 0.0, "approx"
    ok = np.allclose(got, want, rtol=RTOL, atol=ATOL)
    rel = float(np.max(d / (1.0 + np.abs(want)))) if d.size else 0.0
    return bool(ok), rel, "max |difference| %.3g" % (float(np.max(d)) if d.size else 0.0)


def evaluate(ans):
    """Scan every point, size and index.  Returns (label, reason, comparisons, largest relative
    difference)."""
    T = TARGETS[(ans["problem"], ans["target"])]
    n_checks = 0
    worst = 0.0
    first_bad = None
    for c in T.contexts():
        for idx in c.domain:
            want = c.ref(*idx)
            try:
                got = ans["fn"](c, *idx)
                if isinstance(got, Mx):
                    got = got.a
            except (IndexError, ValueError, ZeroDivisionError) as ex:
                if not ans["undef"]:
                    raise
                worst = float("inf")
                if first_bad is None:
                    first_bad = "undefined at size %r, index %r: %s" % (c.size, idx, ex)
                n_checks += 1
                continue
            ok, rel, why = _diff(got, want, ans["approx"])
            n_checks += 1
            worst = max(worst, rel)
            if not ok and first_bad is None:
                first_bad = "size %r, index %r: %s" % (c.size, idx, why)
    if first_bad is None:
        return "right", "agrees everywhere (largest relative difference %.1e)" % worst, n_checks, worst
    return "wrong", first_bad, n_checks, worst


# ==============================================================================================
# PROBLEMS
# ==============================================================================================
# ----------------------------------------------------------------------------------------------
# exercise12: orthonormal DCT-II (N = 4) as convolutions
# ----------------------------------------------------------------------------------------------
def dct_rows(N):
    """cosine rows and the factors that make them orthonormal (computed, not assumed)"""
    C = np.array([[math.cos(math.pi * (j + 0.5) * k / N) for j in range(N)] for k in range(N)])
    ck = 1.0 / np.sqrt((C ** 2).sum(axis=1))
    D = ck[:, None] * C
    assert np.allclose(D @ D.T, np.eye(N))
    return ck, D


def make_ex12_norm(rng, size):
    ck, D = dct_rows(4)
    verify(ck, [0.5, 1 / SQ2, 1 / SQ2, 1 / SQ2], "c_k")
    return Ctx(ref=lambda k: float(ck[k]), domain=[(k,) for k in range(4)], ck=ck)


def make_ex12_kernel(rng, size):
    ck, D = dct_rows(4)
    N = 4
    # Y_k = (x * K_k)(k) = sum_j x_j K_k[k - j]  =>  K_k[i] = D[k, k - i] for k - i in 0..N-1
    K = {(k, i): float(D[k, k - i]) for k in range(N) for i in range(k - N + 1, k + 1)}
    x = rng.normal(size=N)
    for k in range(N):
        conv = sum(x[j] * K[(k, k - j)] for j in range(N))
        assert abs(conv - D[k] @ x) < 1e-12
    hand = {(k, i): ck[k] * math.cos(math.pi * k * (k - i + 0.5) / N) for (k, i) in K}
    verify([hand[t] for t in K], [K[t] for t in K], "K_k[i]")
    return Ctx(ref=lambda k, i: K[(k, i)], domain=list(K), ck=ck)


target("exercise12", "norm", make_ex12_norm, points=1, note="k = 0..3")
target("exercise12", "kernel_formula", make_ex12_kernel, points=1,
       note="k = 0..3, i on the support k-3..k")

P, Tg = "exercise12", "norm"
A(P, Tg, "plain", "right", "1/2 if k = 0, 1/sqrt(2) otherwise",
  "plain text, cases in words", "c_k is 1/2 for k = 0 and 1/sqrt(2) for every other k",
  lambda c, k: 0.5 if k == 0 else 1 / SQ2)
A(P, Tg, "plain", "wrong", "sqrt(2/N)",
  "plain text, one formula", "c_k = sqrt(2/N) = 1/sqrt(2) for every k, k = 0 included",
  lambda c, k: math.sqrt(2 / 4), mistake="missing the k = 0 case: sqrt(2/N) used for c_0 too (c_0 = 1/2)")
A(P, Tg, "converter", "right",
  r"c_{k}=\left\{\begin{array}{ll}\frac{1}{2}, & \text { if } k=0 \\ \frac{\sqrt{2}}{2}, & \text { if } k \geq 1\end{array}\right.",
  r"Mathpix \left\{ array cases with \text { if }", "c_0 = 1/2, c_k = sqrt(2)/2 for k >= 1",
  lambda c, k: 0.5 if k == 0 else SQ2 / 2)
A(P, Tg, "converter", "wrong",
  r"c_{k}=\left\{\begin{array}{ll}\frac{1}{4}, & k=0 \\ \frac{1}{2}, & k \geq 1\end{array}\right.",
  r"Mathpix \left\{ array cases", "c_0 = 1/4, c_k = 1/2 for k >= 1",
  lambda c, k: 0.25 if k == 0 else 0.5, mistake="square roots dropped: 1/N and 2/N instead of sqrt(1/N) and sqrt(2/N)")
A(P, Tg, "latex", "right",
  r"$c_0 = \sqrt{\tfrac{1}{N}} = \tfrac{1}{2}$ and $c_k = \sqrt{\tfrac{2}{N}} = \tfrac{1}{\sqrt{2}}$ for $k = 1, 2, 3$.",
  "LaTeX prose with two inline formulas and = chains", "c_0 = sqrt(1/4) = 1/2; c_k = sqrt(2/4) = 1/sqrt(2) for k = 1, 2, 3",
  lambda c, k: math.sqrt(1 / 4) if k == 0 else math.sqrt(2 / 4))
A(P, Tg, "latex", "wrong",
  r"c_k = \begin{cases} \frac{1}{\sqrt{2}}, & k = 0,\\ \frac{1}{2}, & k \ge 1. \end{cases}",
  "LaTeX cases with trailing punctuation", "c_0 = 1/sqrt(2), c_k = 1/2 for k >= 1",
  lambda c, k: 1 / SQ2 if k == 0 else 0.5, mistake="the two cases swapped (c_0 and c_k exchanged)")

P, Tg = "exercise12", "kernel_formula"
A(P, Tg, "plain", "right", "c_k cos(pi*k*(k - i + 1/2)/4)",
  "plain text, named factor c_k", "c_k times cos(pi k (k - i + 1/2) / 4)",
  lambda c, k, i: c.ck[k] * math.cos(math.pi * k * (k - i + 0.5) / 4))
A(P, Tg, "plain", "right", "c_k*cos(π k (i - k - 1/2)/4)",
  "plain Unicode, argument negated (cos is even)", "c_k cos(pi k (i - k - 1/2) / 4), the same since cos is even",
  lambda c, k, i: c.ck[k] * math.cos(math.pi * k * (i - k - 0.5) / 4))
A(P, Tg, "plain", "wrong", "c_k cos(pi*k*(i + 1/2)/4)",
  "plain text", "c_k cos(pi k (i + 1/2) / 4): the DCT row itself, indexed by the tap i",
  lambda c, k, i: c.ck[k] * math.cos(math.pi * k * (i + 0.5) / 4),
  mistake="kernel not flipped: the basis cos(pi k (j + 1/2)/N) evaluated at i instead of j = k - i")
A(P, Tg, "converter", "right", r"c_{k} \cos \left(\frac{\pi k(2 k-2 i+1)}{8}\right)",
  r"Mathpix \cos \left( \right)", "c_k cos(pi k (2k - 2i + 1) / 8)",
  lambda c, k, i: c.ck[k] * math.cos(math.pi * k * (2 * k - 2 * i + 1) / 8))
A(P, Tg, "converter", "wrong", r"c_{k} \cos \left(\frac{\pi k(k-i-1 / 2)}{4}\right)",
  r"Mathpix, inline 1 / 2", "c_k cos(pi k (k - i - 1/2) / 4)",
  lambda c, k, i: c.ck[k] * math.cos(math.pi * k * (k - i - 0.5) / 4),
  mistake="sign of the 1/2 flipped: (k - i - 1/2) instead of (k - i + 1/2)")
A(P, Tg, "latex", "right",
  r"K_k[i] = c_k\cos\left[\pi\left(k - i + \tfrac{1}{2}\right)\frac{k}{N}\right], \quad k-N+1 \le i \le k",
  "LaTeX with the support stated after the formula", "c_k cos[pi (k - i + 1/2) k / N] with N = 4, on k-3 <= i <= k",
  lambda c, k, i: c.ck[k] * math.cos(math.pi * (k - i + 0.5) * k / 4))
A(P, Tg, "latex", "wrong", r"$K_k[i] = \cos\left[\pi\left(k-i+\frac{1}{2}\right)\frac{k}{N}\right]$",
  "LaTeX inline", "cos[pi (k - i + 1/2) k / N] without the factor c_k",
  lambda c, k, i: math.cos(math.pi * (k - i + 0.5) * k / 4), mistake="missing the normalization factor c_k")


# ----------------------------------------------------------------------------------------------
# exercise13: y = sigma(W x + b), W in R^{n x m}
# ----------------------------------------------------------------------------------------------
EX13_SIZES = [(4, 3), (3, 3), (2, 5)]


def ex13_base(rng, size):
    n, m = size
    x = rng.normal(size=m)
    W = rng.normal(size=(n, m))
    b = rng.normal(size=n)
    fwd = lambda W_, x_, b_: sig(W_ @ x_ + b_)
    yt = W @ x + b
    y = fwd(W, x, b)
    return Ctx(n=n, m=m, x=x, W=W, b=b, yt=yt, y=y, sp=y * (1 - y), fwd=fwd)


def make_ex13_dy_dW(rng, size):
    c = ex13_base(rng, size)
    J = jac(lambda W_: c.fwd(W_, c.x, c.b), c.W)            # J[k, i, j]
    hand = np.array([[[c.sp[k] * dlt(i, k) * c.x[j] for j in range(c.m)] for i in range(c.n)]
                     for k in range(c.n)])
    verify(hand, J, "dy_k/dW_ij")
    c.ref, c.domain = arr_ref(hand), all_idx(c.n, c.n, c.m)
    return c


def make_ex13_dy_dx(rng, size):
    c = ex13_base(rng, size)
    J = jac(lambda x_: c.fwd(c.W, x_, c.b), c.x)            # J[k, i]
    hand = c.sp[:, None] * c.W
    verify(hand, J, "dy_k/dx_i")
    c.ref, c.domain = arr_ref(hand), all_idx(c.n, c.m)
    return c


def make_ex13_dy_db(rng, size):
    c = ex13_base(rng, size)
    J = jac(lambda b_: c.fwd(c.W, c.x, b_), c.b)
    hand = np.diag(c.sp)
    verify(hand, J, "dy_k/db_i")
    c.ref, c.domain = arr_ref(hand), all_idx(c.n, c.n)
    return c


def make_ex13_dy_dx_matrix(rng, size):
    c = ex13_base(rng, size)
    J = jac(lambda x_: c.fwd(c.W, x_, c.b), c.x)
    hand = np.diag(c.sp) @ c.W
    verify(hand, J, "dy/dx")
    c.ref, c.domain = (lambda: hand), [()]
    return c


def make_ex13_dyk_dW_matrix(rng, size):
    c = ex13_base(rng, size)
    J = jac(lambda W_: c.fwd(W_, c.x, c.b), c.W)            # J[k] is the n x m matrix dy_k/dW
    hands = []
    for k in range(c.n):
        Hk = np.zeros((c.n, c.m))
        Hk[k, :] = c.sp[k] * c.x
        verify(Hk, J[k], "dy_k/dW")
        hands.append(Hk)
    c.ref, c.domain = (lambda k: hands[k - 1]), all_idx(c.n)
    return c


target("exercise13", "dy_dW", make_ex13_dy_dW, EX13_SIZES, 3)
target("exercise13", "dy_dx", make_ex13_dy_dx, EX13_SIZES, 3)
target("exercise13", "dy_db", make_ex13_dy_db, EX13_SIZES, 3)
target("exercise13", "dy_dx_matrix", make_ex13_dy_dx_matrix, EX13_SIZES, 3, kind="matrix",
       note="numerator layout: n x m, entry (k, i) = dy_k/dx_i")
target("exercise13", "dyk_dW_matrix", make_ex13_dyk_dW_matrix, EX13_SIZES, 3, kind="matrix",
       note="for each k an n x m matrix, entry (i, j) = dy_k/dW_ij")

P, Tg = "exercise13", "dy_dW"
A(P, Tg, "plain", "right", "σ'(ỹ_k) δ_ki x_j",
  "plain Unicode, juxtaposition", "sigma'(y~_k) * delta_ki * x_j",
  lambda c, k, i, j: c.o.sp[k] * dlt(k, i) * c.o.x[j])
A(P, Tg, "plain", "right", "y_k(1-y_k) x_j if i = k, 0 otherwise",
  "plain text, cases in words, sigma' as y(1-y)", "y_k (1 - y_k) x_j when i = k, else 0",
  lambda c, k, i, j: c.o.y[k] * (1 - c.o.y[k]) * c.o.x[j] if i == k else 0.0)
A(P, Tg, "converter", "right", r"\sigma^{\prime}\left(\tilde{y}_{i}\right) \delta_{i k} x_{j}",
  "Mathpix, sigma' evaluated at y~_i (equal because of the delta)", "sigma'(y~_i) * delta_ik * x_j",
  lambda c, k, i, j: c.o.sp[i] * dlt(i, k) * c.o.x[j])
A(P, Tg, "plain", "wrong", "y_k (1 - y_k) delta_ik W_ij",
  "plain ASCII", "y_k (1 - y_k) delta_ik W_ij",
  lambda c, k, i, j: c.o.y[k] * (1 - c.o.y[k]) * dlt(i, k) * c.o.W[i, j],
  mistake="W_ij in place of x_j (differentiated W_ij x_j as if by x_j)")
A(P, Tg, "converter", "right", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \delta_{i k} x_{j}",
  r"Mathpix \sigma^{\prime}, \left( \right), spaced subscripts", "sigma'(y~_k) delta_ik x_j",
  lambda c, k, i, j: c.o.sp[k] * dlt(i, k) * c.o.x[j])
A(P, Tg, "converter", "wrong", r"\sigma\left(\tilde{y}_{k}\right) \delta_{i k} x_{j}",
  r"Mathpix \left( \right)", "sigma(y~_k) delta_ik x_j",
  lambda c, k, i, j: sig(c.o.yt[k]) * dlt(i, k) * c.o.x[j], mistake="sigma instead of sigma'")
A(P, Tg, "converter", "wrong", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \delta_{j k} x_{i}",
  "Mathpix, spaced subscripts", "sigma'(y~_k) delta_jk x_i",
  lambda c, k, i, j: c.o.sp[k] * dlt(j, k) * c.o.x[i],
  mistake="indices i and j swapped (delta_jk x_i instead of delta_ik x_j)", undef=True)
A(P, Tg, "latex", "right",
  r"$\frac{\partial y_k}{\partial W_{ij}} = \sigma(\tilde y_k)\bigl(1-\sigma(\tilde y_k)\bigr)\,\delta_{ik}\,x_j$",
  r"LaTeX inline, \frac{\partial}{\partial} left side, \bigl( \bigr)", "sigma(y~_k)(1 - sigma(y~_k)) delta_ik x_j",
  lambda c, k, i, j: sig(c.o.yt[k]) * (1 - sig(c.o.yt[k])) * dlt(i, k) * c.o.x[j])
A(P, Tg, "latex", "wrong", r"\[ \frac{\partial y_k}{\partial W_{ij}} = \sigma'(\tilde y_k)\, x_j \]",
  r"LaTeX display \[ \]", "sigma'(y~_k) x_j for every i",
  lambda c, k, i, j: c.o.sp[k] * c.o.x[j], mistake="dropped the Kronecker delta delta_ik")

P, Tg = "exercise13", "dy_dx"
A(P, Tg, "plain", "right", "y_k*(1-y_k)*W_ki",
  "plain ASCII with *", "y_k (1 - y_k) W_ki",
  lambda c, k, i: c.o.y[k] * (1 - c.o.y[k]) * c.o.W[k, i])
A(P, Tg, "plain", "wrong", "y_k(1-y_k) W_ik",
  "plain ASCII", "y_k (1 - y_k) W_ik",
  lambda c, k, i: c.o.y[k] * (1 - c.o.y[k]) * c.o.W[i, k],
  mistake="transposed: W_ik instead of W_ki", undef=True)
A(P, Tg, "converter", "right", r"\(\sigma^{\prime}\left(\tilde{y}_{k}\right) W_{k i}\)",
  r"Mathpix inline \( \) wrapping, spaced subscripts", "sigma'(y~_k) W_ki",
  lambda c, k, i: c.o.sp[k] * c.o.W[k, i])
A(P, Tg, "converter", "wrong", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) W_{k i} x_{i}",
  "Mathpix", "sigma'(y~_k) W_ki x_i",
  lambda c, k, i: c.o.sp[k] * c.o.W[k, i] * c.o.x[i], mistake="spurious extra factor x_i")
A(P, Tg, "latex", "right",
  r"\frac{\partial y_k}{\partial x_i} = \frac{e^{-\tilde y_k}}{\left(1+e^{-\tilde y_k}\right)^2}\,W_{ki}.",
  "LaTeX, sigma' written out with exponentials, final full stop", "e^{-y~_k}/(1 + e^{-y~_k})^2 * W_ki",
  lambda c, k, i: math.exp(-c.o.yt[k]) / (1 + math.exp(-c.o.yt[k])) ** 2 * c.o.W[k, i])
A(P, Tg, "latex", "wrong", r"$\frac{\partial y_k}{\partial x_i} = y_k(1-y_k)$",
  "LaTeX inline", "y_k (1 - y_k)",
  lambda c, k, i: c.o.y[k] * (1 - c.o.y[k]), mistake="missing chain factor W_ki")
A(P, Tg, "latex", "right",
  r"\frac{\partial y_k}{\partial x_i} = \frac{\partial y_k}{\partial \tilde y_k}\frac{\partial \tilde y_k}{\partial x_i} = \sigma'(\tilde y_k)\,W_{ki}",
  "LaTeX = chain through the chain rule", "dy_k/dy~_k * dy~_k/dx_i = sigma'(y~_k) W_ki",
  lambda c, k, i: c.o.sp[k] * c.o.W[k, i])

P, Tg = "exercise13", "dy_db"
A(P, Tg, "plain", "right", "σ'(ỹ_k) if i = k, 0 otherwise",
  "plain Unicode, cases in words", "sigma'(y~_k) when i = k, else 0",
  lambda c, k, i: c.o.sp[k] if i == k else 0.0)
A(P, Tg, "plain", "wrong", "e^(-y~_k)/(1+e^(-y~_k))^2",
  "plain ASCII, sigma' written with exponentials", "e^{-y~_k}/(1 + e^{-y~_k})^2 = sigma'(y~_k) for every i",
  lambda c, k, i: math.exp(-c.o.yt[k]) / (1 + math.exp(-c.o.yt[k])) ** 2, mistake="dropped the Kronecker delta delta_ik")
A(P, Tg, "converter", "right",
  r"\sigma\left(\tilde{y}_{k}\right)\left(1-\sigma\left(\tilde{y}_{k}\right)\right) \delta_{k i}",
  r"Mathpix \left( \right)", "sigma(y~_k)(1 - sigma(y~_k)) delta_ki",
  lambda c, k, i: sig(c.o.yt[k]) * (1 - sig(c.o.yt[k])) * dlt(k, i))
A(P, Tg, "converter", "wrong", r"\delta_{k i}",
  "Mathpix", "delta_ki",
  lambda c, k, i: dlt(k, i), mistake="missing factor sigma'(y~_k) (derivative of y~ instead of y)")
A(P, Tg, "latex", "right",
  r"\frac{\partial y_k}{\partial b_i} = \begin{cases} y_k(1-y_k), & i = k,\\ 0, & i \neq k. \end{cases}",
  "LaTeX cases, trailing punctuation", "y_k (1 - y_k) if i = k, 0 if i != k",
  lambda c, k, i: c.o.y[k] * (1 - c.o.y[k]) if i == k else 0.0)
A(P, Tg, "latex", "wrong", r"$$\frac{\partial y_k}{\partial b_i} = \sigma'(\tilde y_k)\,\delta_{ik}\,b_i$$",
  "LaTeX display $$", "sigma'(y~_k) delta_ik b_i",
  lambda c, k, i: c.o.sp[k] * dlt(i, k) * c.o.b[i], mistake="spurious factor b_i")

P, Tg = "exercise13", "dy_dx_matrix"
A(P, Tg, "plain", "right", "diag(sigma'(y~)) W",
  "plain ASCII, matrix form", "diag(sigma'(y~)) times W (n x m)",
  lambda c: diag(V(c.sp)) @ Mx(c.W))
A(P, Tg, "plain", "wrong", "W diag(sigma'(y~))",
  "plain ASCII, matrix form", "W times diag(sigma'(y~))",
  lambda c: Mx(c.W) @ diag(V(c.sp)), mistake="matrix product in the wrong order (W diag instead of diag W)",
  undef=True)
A(P, Tg, "converter", "right", r"\operatorname{diag}\left(\sigma^{\prime}(\tilde{\mathbf{y}})\right) \mathbf{W}",
  r"Mathpix \operatorname{diag}, \mathbf{}", "diag(sigma'(y~)) W",
  lambda c: diag(V(c.sp)) @ Mx(c.W))
A(P, Tg, "converter", "right", r"\operatorname{diag}(\mathbf{y} \odot(\mathbf{1}-\mathbf{y})) \mathbf{W}",
  r"Mathpix \mathbf{}, \odot, sigma' as y(1-y)", "diag(y * (1 - y)) W",
  lambda c: diag(had(V(c.y), ones(c.n) - V(c.y))) @ Mx(c.W))
A(P, Tg, "converter", "wrong", r"\mathbf{W}^{\top} \operatorname{diag}\left(\sigma^{\prime}(\tilde{\mathbf{y}})\right)",
  r"Mathpix \top", "W^T diag(sigma'(y~)) (m x n)",
  lambda c: Mx(c.W).T @ diag(V(c.sp)), mistake="transposed / denominator layout: W^T diag(sigma') is m x n")
A(P, Tg, "latex", "right", r"$$\frac{\partial y}{\partial x} = \operatorname{diag}\big(y\odot(1-y)\big)\,W$$",
  r"LaTeX display, \big(", "diag(y * (1 - y)) W",
  lambda c: diag(had(V(c.y), 1 - V(c.y))) @ Mx(c.W))
A(P, Tg, "latex", "wrong", r"\frac{\partial y}{\partial x} = \operatorname{diag}\left(\sigma(\tilde y)\right) W",
  "LaTeX", "diag(sigma(y~)) W",
  lambda c: diag(V(sig(c.yt))) @ Mx(c.W), mistake="sigma instead of sigma'")

P, Tg = "exercise13", "dyk_dW_matrix"
A(P, Tg, "plain", "right", "sigma'(y~_k) e_k x^T",
  "plain ASCII, basis vector e_k", "sigma'(y~_k) times the outer product e_k x^T",
  lambda c, k: c.o.sp[k] * (e(k, c.n) @ V(c.x).T))
A(P, Tg, "plain", "wrong", "y_k(1-y_k) x^T",
  "plain ASCII", "y_k (1 - y_k) x^T, a 1 x m row",
  lambda c, k: c.o.y[k] * (1 - c.o.y[k]) * V(c.x).T, mistake="missing e_k: a row vector instead of the n x m matrix")
A(P, Tg, "converter", "right", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \mathbf{e}_{k} \mathbf{x}^{\top}",
  r"Mathpix \mathbf{e}_{k}, \top", "sigma'(y~_k) e_k x^T",
  lambda c, k: c.o.sp[k] * (e(k, c.n) @ V(c.x).T))
A(P, Tg, "converter", "wrong", r"\sigma^{\prime}\left(\tilde{y}_{k}\right) \mathbf{x} \mathbf{e}_{k}^{\top}",
  r"Mathpix \top", "sigma'(y~_k) x e_k^T (m x n)",
  lambda c, k: c.o.sp[k] * (V(c.x) @ e(k, c.n).T), mistake="transposed: x e_k^T instead of e_k x^T")
A(P, Tg, "latex", "right", r"\frac{\partial y_k}{\partial W} = y_k(1-y_k)\, e_k x^{\top}",
  "LaTeX", "y_k (1 - y_k) e_k x^T",
  lambda c, k: c.o.y[k] * (1 - c.o.y[k]) * (e(k, c.n) @ V(c.x).T))
A(P, Tg, "latex", "wrong", r"$\frac{\partial y_k}{\partial W} = \sigma'(\tilde y)\, x^\top$",
  "LaTeX inline", "the outer product sigma'(y~) x^T: entry (i, j) = sigma'(y~_i) x_j",
  lambda c, k: V(c.sp) @ V(c.x).T, mistake="dropped the Kronecker delta: every row i filled with sigma'(y~_i) x_j")


# ----------------------------------------------------------------------------------------------
# exercise14: F = f3(f2(f1(x, t1), t2), t3), G = f3(y, t3) + y   (scalar layers)
# concrete smooth layers f_i(u, t) = tanh(a_i u + b_i t) + c_i u t^2 with random coefficients
# ----------------------------------------------------------------------------------------------
def make_ex14(which):
    def make(rng, size):
        coef = [tuple(rng.uniform(0.4, 1.4, size=3) * rng.choice([-1, 1], size=3)) for _ in range(3)]

        def f(l, u, t):
            a, b, cc = coef[l - 1]
            return math.tanh(a * u + b * t) + cc * u * t * t

        def fu(l, u, t):
            a, b, cc = coef[l - 1]
            return a * (1 - math.tanh(a * u + b * t) ** 2) + cc * t * t

        def ft(l, u, t):
            a, b, cc = coef[l - 1]
            return b * (1 - math.tanh(a * u + b * t) ** 2) + 2 * cc * u * t

        x, t1, t2, t3 = rng.normal(size=4)
        yt = f(1, x, t1)
        y = f(2, yt, t2)
        for l, (u, t) in zip((1, 2, 3), ((x, t1), (yt, t2), (y, t3))):
            verify(fu(l, u, t), dscalar(lambda v: f(l, v, t), u), "df%d/du" % l)
            verify(ft(l, u, t), dscalar(lambda v: f(l, u, v), t), "df%d/dt" % l)
        F = lambda a1, a2, a3: f(3, f(2, f(1, x, a1), a2), a3)
        G = lambda a1, a2, a3: f(3, f(2, f(1, x, a1), a2), a3) + f(2, f(1, x, a1), a2)
        c = Ctx(x=x, t1=t1, t2=t2, t3=t3, yt=yt, y=y,
                d1t=ft(1, x, t1), d1x=fu(1, x, t1), d2y=fu(2, yt, t2), d2t=ft(2, yt, t2),
                d3y=fu(3, y, t3), d3t=ft(3, y, t3))
        fdF = [dscalar(lambda v: F(v, t2, t3), t1), dscalar(lambda v: F(t1, v, t3), t2),
               dscalar(lambda v: F(t1, t2, v), t3)]
        fdG = [dscalar(lambda v: G(v, t2, t3), t1), dscalar(lambda v: G(t1, v, t3), t2),
               dscalar(lambda v: G(t1, t2, v), t3)]
        if which == "dF_dtheta1":
            hand, fdv = c.d3y * c.d2y * c.d1t, fdF[0]
        elif which == "dG_dtheta1":
            hand, fdv = (c.d3y + 1) * c.d2y * c.d1t, fdG[0]
        elif which == "dG_dtheta3":
            hand, fdv = c.d3t, fdG[2]
        elif which == "dG_minus_dF_theta2":
            hand, fdv = c.d2t, fdG[1] - fdF[1]
        verify(hand, fdv, which)
        c.ref, c.domain = (lambda: hand), [()]
        return c
    return make


for _t in ("dF_dtheta1", "dG_dtheta1", "dG_dtheta3", "dG_minus_dF_theta2"):
    target("exercise14", _t, make_ex14(_t), points=8, kind="scalar",
           note="f_i replaced by random smooth scalar layers")

P, Tg = "exercise14", "dF_dtheta1"
A(P, Tg, "plain", "right", "∂f3/∂y * ∂f2/∂y~ * ∂f1/∂θ1",
  "plain Unicode partials, * products", "df3/dy times df2/dy~ times df1/dtheta1",
  lambda c: c.d3y * c.d2y * c.d1t)
A(P, Tg, "plain", "wrong", "∂f3/∂y * ∂f1/∂θ1",
  "plain Unicode partials", "df3/dy times df1/dtheta1",
  lambda c: c.d3y * c.d1t, mistake="missing chain factor df2/dy~")
A(P, Tg, "converter", "right",
  r"\frac{\partial f_{3}\left(y, \theta_{3}\right)}{\partial y} \cdot \frac{\partial f_{2}\left(\tilde{y}, \theta_{2}\right)}{\partial \tilde{y}} \cdot \frac{\partial f_{1}\left(x, \theta_{1}\right)}{\partial \theta_{1}}",
  r"Mathpix, arguments in \left( \right), \cdot", "df3(y,theta3)/dy * df2(y~,theta2)/dy~ * df1(x,theta1)/dtheta1",
  lambda c: c.d3y * c.d2y * c.d1t)
A(P, Tg, "converter", "wrong",
  r"\frac{\partial f_{3}}{\partial y} \frac{\partial f_{2}}{\partial \tilde{y}} \frac{\partial f_{1}}{\partial x}",
  "Mathpix", "df3/dy * df2/dy~ * df1/dx",
  lambda c: c.d3y * c.d2y * c.d1x, mistake="df1/dx in place of df1/dtheta1")
A(P, Tg, "latex", "wrong",
  r"\frac{\partial F}{\partial \theta_1} = \frac{\partial f_3}{\partial y}\,\frac{\partial f_2}{\partial \theta_2}\,\frac{\partial f_1}{\partial \theta_1}",
  "LaTeX with left side", "df3/dy * df2/dtheta2 * df1/dtheta1",
  lambda c: c.d3y * c.d2t * c.d1t, mistake="df2/dtheta2 in place of df2/dy~")
A(P, Tg, "latex", "right",
  r"\begin{aligned}\frac{\partial F}{\partial \theta_1} &= \frac{\partial f_3}{\partial y}\frac{\partial y}{\partial \theta_1}\\ &= \frac{\partial f_3}{\partial y}\,\frac{\partial f_2}{\partial \tilde y}\,\frac{\partial f_1}{\partial \theta_1}\end{aligned}",
  "LaTeX aligned = chain", "df3/dy * dy/dtheta1 = df3/dy * df2/dy~ * df1/dtheta1",
  lambda c: c.d3y * c.d2y * c.d1t)

P, Tg = "exercise14", "dG_dtheta1"
A(P, Tg, "plain", "right", "(1 + ∂f3/∂y) ∂f2/∂y~ ∂f1/∂θ1",
  "plain Unicode, factored", "(1 + df3/dy) df2/dy~ df1/dtheta1",
  lambda c: (1 + c.d3y) * c.d2y * c.d1t)
A(P, Tg, "plain", "wrong", "∂f3/∂y ∂f2/∂y~ ∂f1/∂θ1 + 1",
  "plain Unicode", "df3/dy df2/dy~ df1/dtheta1 + 1",
  lambda c: c.d3y * c.d2y * c.d1t + 1, mistake="the skip connection's 1 added outside the product instead of to df3/dy")
A(P, Tg, "converter", "right",
  r"\frac{\partial f_{3}}{\partial y} \frac{\partial f_{2}}{\partial \tilde{y}} \frac{\partial f_{1}}{\partial \theta_{1}}+\frac{\partial f_{2}}{\partial \tilde{y}} \frac{\partial f_{1}}{\partial \theta_{1}}",
  "Mathpix, expanded", "df3/dy df2/dy~ df1/dtheta1 + df2/dy~ df1/dtheta1",
  lambda c: c.d3y * c.d2y * c.d1t + c.d2y * c.d1t)
A(P, Tg, "converter", "wrong",
  r"\left(\frac{\partial f_{3}}{\partial y}+1\right) \frac{\partial f_{1}}{\partial \theta_{1}}",
  r"Mathpix \left( \right)", "(df3/dy + 1) df1/dtheta1",
  lambda c: (c.d3y + 1) * c.d1t, mistake="missing chain factor df2/dy~")
A(P, Tg, "latex", "wrong",
  r"\frac{\partial G}{\partial\theta_1} = \frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial\tilde y}\frac{\partial f_1}{\partial\theta_1}",
  "LaTeX with left side", "df3/dy df2/dy~ df1/dtheta1 (the same as dF/dtheta1)",
  lambda c: c.d3y * c.d2y * c.d1t, mistake="missing the skip-connection term df2/dy~ df1/dtheta1")
A(P, Tg, "latex", "right",
  r"\frac{\partial G}{\partial \theta_1} = \left(\frac{\partial f_3}{\partial y} + I\right)\frac{\partial f_2}{\partial \tilde y}\frac{\partial f_1}{\partial \theta_1}",
  "LaTeX, identity I for the skip path (scalars: I = 1)", "(df3/dy + I) df2/dy~ df1/dtheta1 with I = 1",
  lambda c: (c.d3y + 1) * c.d2y * c.d1t)

P, Tg = "exercise14", "dG_dtheta3"
A(P, Tg, "plain", "right", "∂f3/∂θ3",
  "plain Unicode", "df3/dtheta3", lambda c: c.d3t)
A(P, Tg, "converter", "wrong", r"\frac{\partial f_{3}\left(y, \theta_{3}\right)}{\partial \theta_{3}}+1",
  "Mathpix", "df3(y,theta3)/dtheta3 + 1",
  lambda c: c.d3t + 1, mistake="spurious +1: the skip path y does not depend on theta3")
A(P, Tg, "latex", "right",
  r"$\frac{\partial G}{\partial \theta_3} = \frac{\partial f_3(y,\theta_3)}{\partial \theta_3} + \frac{\partial y}{\partial \theta_3} = \frac{\partial f_3(y,\theta_3)}{\partial \theta_3}$",
  "LaTeX inline = chain", "df3/dtheta3 + dy/dtheta3 = df3/dtheta3 (dy/dtheta3 = 0)",
  lambda c: c.d3t)
A(P, Tg, "plain", "wrong", "(1 + df3/dy) * df3/dtheta3",
  "plain ASCII d-notation", "(1 + df3/dy) times df3/dtheta3",
  lambda c: (1 + c.d3y) * c.d3t, mistake="skip-connection factor (1 + df3/dy) wrongly applied to theta3")

P, Tg = "exercise14", "dG_minus_dF_theta2"
A(P, Tg, "plain", "right", "∂f2/∂θ2",
  "plain Unicode", "df2/dtheta2", lambda c: c.d2t)
A(P, Tg, "plain", "wrong", "0",
  "plain number", "zero", lambda c: 0.0, mistake="claims the skip connection changes nothing for theta2 (it adds df2/dtheta2)")
A(P, Tg, "converter", "wrong", r"\frac{\partial f_{3}}{\partial y} \frac{\partial f_{2}}{\partial \theta_{2}}",
  "Mathpix", "df3/dy df2/dtheta2 (which is dF/dtheta2)",
  lambda c: c.d3y * c.d2t, mistake="gave dF/dtheta2 instead of the difference dG/dtheta2 - dF/dtheta2")
A(P, Tg, "converter", "right", r"\frac{\partial f_{2}\left(\tilde{y}, \theta_{2}\right)}{\partial \theta_{2}}",
  "Mathpix with arguments", "df2(y~, theta2)/dtheta2", lambda c: c.d2t)
A(P, Tg, "latex", "right",
  r"\frac{\partial G}{\partial \theta_2} - \frac{\partial F}{\partial \theta_2} = \left(\frac{\partial f_3}{\partial y}+1\right)\frac{\partial f_2}{\partial\theta_2} - \frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial\theta_2} = \frac{\partial f_2}{\partial \theta_2}",
  "LaTeX = chain", "(df3/dy + 1) df2/dtheta2 - df3/dy df2/dtheta2 = df2/dtheta2",
  lambda c: c.d2t)
A(P, Tg, "latex", "wrong",
  r"\frac{\partial G}{\partial\theta_2}-\frac{\partial F}{\partial\theta_2} = \frac{\partial f_2}{\partial \tilde y}\frac{\partial f_1}{\partial \theta_1}",
  "LaTeX with left side", "df2/dy~ df1/dtheta1 (the theta1 difference)",
  lambda c: c.d2y * c.d1t, mistake="gave the difference for theta1 instead of theta2")


# ----------------------------------------------------------------------------------------------
# hw3_1c: y = gamma xhat + beta, xhat ~ N(0, 1)   (gamma > 0)
# ----------------------------------------------------------------------------------------------
def Phi(u):
    return 0.5 * (1 + math.erf(u / SQ2))


def make_hw31c_density(rng, size):
    beta = rng.normal() * 2
    gamma = rng.uniform(0.3, 2.5)
    y = beta + gamma * rng.normal() * 1.3
    cdf = lambda v: Phi((v - beta) / gamma)          # P(Y <= v) for gamma > 0
    fdv = dscalar(cdf, y, 1e-5)
    hand = math.exp(-(y - beta) ** 2 / (2 * gamma ** 2)) / (math.sqrt(2 * math.pi) * gamma)
    verify(hand, fdv, "density", rtol=1e-6, atol=1e-8)
    return Ctx(y=y, beta=beta, gamma=gamma, ref=lambda: hand, domain=[()])


def make_hw31c_peak(rng, size):
    cdf = lambda v: Phi(v - 3.0)
    grid = np.linspace(-2, 8, 20001)
    dens = np.array([dscalar(cdf, v, 1e-5) for v in grid])
    peak = grid[np.argmax(dens)]
    assert abs(peak - 3.0) < 1e-3
    hand = 1 / math.sqrt(2 * math.pi)
    verify(hand, dens.max(), "peak value", rtol=1e-6)
    return Ctx(ref=lambda: hand, domain=[()])


target("hw3_1c", "density", make_hw31c_density, points=10, kind="scalar", note="gamma > 0")
target("hw3_1c", "peak_value_b3", make_hw31c_peak, points=1, kind="scalar")

PI = math.pi
P, Tg = "hw3_1c", "density"
A(P, Tg, "plain", "right", "1/(gamma*sqrt(2*pi)) * exp(-(y-beta)^2/(2*gamma^2))",
  "plain ASCII, exp()", "the normal density with mean beta and standard deviation gamma",
  lambda c: 1 / (c.gamma * math.sqrt(2 * PI)) * math.exp(-(c.y - c.beta) ** 2 / (2 * c.gamma ** 2)))
A(P, Tg, "plain", "wrong", "1/sqrt(2*pi) * exp(-(y-beta)^2/(2*gamma^2))",
  "plain ASCII", "exp(-(y-beta)^2/(2 gamma^2)) / sqrt(2 pi), no 1/gamma",
  lambda c: 1 / math.sqrt(2 * PI) * math.exp(-(c.y - c.beta) ** 2 / (2 * c.gamma ** 2)),
  mistake="missing the Jacobian factor 1/gamma of the change of variables")
A(P, Tg, "plain", "wrong", "1/(γ√(2π)) e^(-(y+β)²/(2γ²))",
  "plain Unicode, √ and superscript ²", "normal density centred at -beta",
  lambda c: 1 / (c.gamma * math.sqrt(2 * PI)) * math.exp(-(c.y + c.beta) ** 2 / (2 * c.gamma ** 2)),
  mistake="wrong sign: (y + beta) instead of (y - beta)")
A(P, Tg, "converter", "right",
  r"\frac{1}{\sqrt{2 \pi} \gamma} \exp \left(-\frac{(y-\beta)^{2}}{2 \gamma^{2}}\right)",
  r"Mathpix \exp \left( \right)", "exp(-(y-beta)^2/(2 gamma^2)) / (sqrt(2 pi) gamma)",
  lambda c: 1 / (math.sqrt(2 * PI) * c.gamma) * math.exp(-(c.y - c.beta) ** 2 / (2 * c.gamma ** 2)))
A(P, Tg, "converter", "wrong",
  r"\frac{1}{\sqrt{2 \pi \gamma}} e^{-\frac{(y-\beta)^{2}}{2 \gamma^{2}}}",
  "Mathpix", "exp(-(y-beta)^2/(2 gamma^2)) / sqrt(2 pi gamma)",
  lambda c: 1 / math.sqrt(2 * PI * c.gamma) * math.exp(-(c.y - c.beta) ** 2 / (2 * c.gamma ** 2)),
  mistake="sqrt(gamma) instead of gamma in the normalization")
A(P, Tg, "latex", "right",
  r"$f_Y(y) = \frac{1}{\sqrt{2\pi\gamma^2}}\, e^{-(y-\beta)^2/(2\gamma^2)}$",
  "LaTeX inline with left side f_Y(y)", "exp(-(y-beta)^2/(2 gamma^2)) / sqrt(2 pi gamma^2)",
  lambda c: 1 / math.sqrt(2 * PI * c.gamma ** 2) * math.exp(-(c.y - c.beta) ** 2 / (2 * c.gamma ** 2)))
A(P, Tg, "latex", "wrong",
  r"f_Y(y) = \frac{1}{\sqrt{2\pi}\,\gamma}\exp\left(-\frac{(y-\beta)^2}{2\gamma}\right)",
  "LaTeX with left side", "exp(-(y-beta)^2/(2 gamma)) / (sqrt(2 pi) gamma)",
  lambda c: 1 / (math.sqrt(2 * PI) * c.gamma) * math.exp(-(c.y - c.beta) ** 2 / (2 * c.gamma)),
  mistake="gamma instead of gamma^2 in the exponent (variance confused with standard deviation)")
A(P, Tg, "latex", "right",
  r"f_Y(y) = \frac{1}{\gamma}\cdot\frac{1}{\sqrt{2\pi}}\exp\!\left(-\frac{1}{2}\left(\frac{y-\beta}{\gamma}\right)^2\right).",
  r"LaTeX, standardized form, \! spacing, final full stop", "(1/gamma) phi((y - beta)/gamma) written out",
  lambda c: 1 / c.gamma / math.sqrt(2 * PI) * math.exp(-0.5 * ((c.y - c.beta) / c.gamma) ** 2))

P, Tg = "hw3_1c", "peak_value_b3"
A(P, Tg, "plain", "right", "1/sqrt(2*pi)", "plain ASCII", "1 / sqrt(2 pi)", lambda c: 1 / math.sqrt(2 * PI))
A(P, Tg, "plain", "right", "≈ 0.399", "plain approximate decimal", "about 0.399 (3 figures)",
  lambda c: 0.399, approx=0.0005)
A(P, Tg, "plain", "wrong", "3", "plain number", "3, the location of the peak",
  lambda c: 3.0, mistake="gave the peak location y = 3 instead of the peak value")
A(P, Tg, "converter", "right", r"\frac{1}{\sqrt{2 \pi}}", "Mathpix", "1 / sqrt(2 pi)", lambda c: 1 / math.sqrt(2 * PI))
A(P, Tg, "converter", "wrong", r"\frac{1}{\sqrt{2 \pi}} e^{-\frac{9}{2}}", "Mathpix",
  "e^{-9/2} / sqrt(2 pi), the density at y = 0", lambda c: math.exp(-4.5) / math.sqrt(2 * PI),
  mistake="evaluated the density at y = 0 instead of at the peak y = 3")
A(P, Tg, "latex", "wrong", r"f_Y(3) = \frac{1}{2\pi}", "LaTeX with left side", "1 / (2 pi)",
  lambda c: 1 / (2 * PI), mistake="square root dropped: 1/(2 pi) instead of 1/sqrt(2 pi)")
A(P, Tg, "latex", "right", r"$f_Y(3) = \frac{1}{\sqrt{2\pi}} \approx 0.3989$",
  r"LaTeX inline, exact = \approx decimal", "1/sqrt(2 pi), about 0.3989",
  lambda c: 1 / math.sqrt(2 * PI))


# ----------------------------------------------------------------------------------------------
# hw3_2ab: y = x * h, x = 1 on 0..L-1, h(n) = (1/2)^n u(n)
# ----------------------------------------------------------------------------------------------
def make_hw32ab(rng, size):
    L = size
    xs = lambda n: 1.0 if 0 <= n <= L - 1 else 0.0
    hs = lambda n: 0.5 ** n if n >= 0 else 0.0
    ns = list(range(-3, L + 7))
    ref = {n: sum(xs(i) * hs(n - i) for i in range(-10, L + 20)) for n in ns}
    hand = {n: 0.0 if n < 0 else (2 - 2.0 ** (-n) if n <= L - 1 else 2.0 ** (-n) * (2 ** L - 1)) for n in ns}
    verify([hand[n] for n in ns], [ref[n] for n in ns], "y(n)", rtol=1e-12, atol=1e-14)
    return Ctx(L=L, ref=lambda n: ref[n], domain=[(n,) for n in ns])


target("hw3_2ab", "y", make_hw32ab, sizes=[1, 2, 3, 5, 8], points=1, note="n from -3 to L+6")

P, Tg = "hw3_2ab", "y"


def _cases3(c, n, mid, tail, lo=0, hi_mid=None, tail_from=None):
    hi_mid = c.L - 1 if hi_mid is None else hi_mid
    tail_from = c.L if tail_from is None else tail_from
    if n < lo:
        return 0.0
    if n <= hi_mid:
        return mid(n)
    if n >= tail_from:
        return tail(n)
    raise ValueError("no case applies")


A(P, Tg, "plain", "right", "0 if n<0; 2-(1/2)^n if 0<=n<=L-1; (2^L-1)(1/2)^n if n>=L",
  "plain text, cases separated by ;", "0 for n < 0, 2 - (1/2)^n on 0..L-1, (2^L - 1)(1/2)^n for n >= L",
  lambda c, n: _cases3(c, n, lambda n: 2 - 0.5 ** n, lambda n: (2 ** c.L - 1) * 0.5 ** n))
A(P, Tg, "plain", "wrong", "2-(1/2)^n for n>=0, 0 for n<0",
  "plain text, 'for' clauses", "2 - (1/2)^n for every n >= 0 (the response to a unit step)",
  lambda c, n: 2 - 0.5 ** n if n >= 0 else 0.0,
  mistake="missing the n >= L branch: x treated as a unit step that never switches off")
A(P, Tg, "plain", "right", "(1/2)^n (2^(min(n,L-1)+1) - 1) for n >= 0, 0 for n < 0",
  "plain text, one formula with min", "(1/2)^n (2^{min(n, L-1)+1} - 1) for n >= 0, else 0",
  lambda c, n: 0.5 ** n * (2 ** (min(n, c.L - 1) + 1) - 1) if n >= 0 else 0.0)
A(P, Tg, "converter", "right",
  r"y(n)=\left\{\begin{array}{ll}0, & n<0 \\ 2-\left(\frac{1}{2}\right)^{n}, & 0 \leq n \leq L-1 \\ \left(2^{L}-1\right)\left(\frac{1}{2}\right)^{n}, & n \geq L\end{array}\right.",
  r"Mathpix \left\{ array, \leq \geq", "0 for n < 0, 2 - (1/2)^n on 0..L-1, (2^L - 1)(1/2)^n for n >= L",
  lambda c, n: _cases3(c, n, lambda n: 2 - 0.5 ** n, lambda n: (2 ** c.L - 1) * 0.5 ** n))
A(P, Tg, "converter", "wrong",
  r"y(n)=\left\{\begin{array}{ll}0, & n<0 \\ 2\left(1-\left(\frac{1}{2}\right)^{n}\right), & 0 \leq n \leq L-1 \\ \left(2^{L}-1\right)\left(\frac{1}{2}\right)^{n}, & n \geq L\end{array}\right.",
  r"Mathpix \left\{ array", "middle branch 2(1 - (1/2)^n)",
  lambda c, n: _cases3(c, n, lambda n: 2 * (1 - 0.5 ** n), lambda n: (2 ** c.L - 1) * 0.5 ** n),
  mistake="geometric sum with n terms instead of n + 1: 2(1 - (1/2)^n) instead of 2 - (1/2)^n")
A(P, Tg, "latex", "right",
  r"y(n) = \begin{cases} 0, & n < 0,\\ 2 - 2^{-n}, & 0 \le n \le L-1,\\ 2^{-n}\left(2^{L}-1\right), & n \ge L. \end{cases}",
  "LaTeX cases with punctuation", "0, 2 - 2^{-n}, 2^{-n}(2^L - 1) on the three ranges",
  lambda c, n: _cases3(c, n, lambda n: 2 - 2.0 ** (-n), lambda n: 2.0 ** (-n) * (2 ** c.L - 1)))
A(P, Tg, "latex", "wrong",
  r"y(n) = \begin{cases} 0, & n < 0\\ 2 - 2^{-n}, & 0 \le n \le L\\ 2^{-n}\left(2^{L}-1\right), & n \ge L+1 \end{cases}",
  "LaTeX cases", "middle branch extended to n = L, tail from L + 1",
  lambda c, n: _cases3(c, n, lambda n: 2 - 2.0 ** (-n), lambda n: 2.0 ** (-n) * (2 ** c.L - 1), hi_mid=c.L, tail_from=c.L + 1),
  mistake="off-by-one boundary: the middle branch runs to n = L (wrong at n = L)")
A(P, Tg, "latex", "right",
  r"$y(n) = \sum_{i=0}^{\min(n,L-1)} \left(\tfrac{1}{2}\right)^{n-i}$ for $n \ge 0$, and $y(n) = 0$ for $n < 0$.",
  "LaTeX prose, sum with a min bound", "sum_{i=0}^{min(n, L-1)} (1/2)^{n-i} for n >= 0, 0 below",
  lambda c, n: sum(0.5 ** (n - i) for i in range(0, min(n, c.L - 1) + 1)) if n >= 0 else 0.0)


# ----------------------------------------------------------------------------------------------
# hw3_2cd: Sobel kernel, 'valid' convolution (kernel flipped), padding, stride
# ----------------------------------------------------------------------------------------------
SOBEL = np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], float)


def conv2_valid(x, h):
    """true 2-D convolution, valid part: out[i, j] = sum_{p,q} h[p, q] x[i + P-1 - p, j + Q-1 - q]"""
    P_, Q_ = h.shape
    Hh, Ww = x.shape
    out = np.zeros((Hh - P_ + 1, Ww - Q_ + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = sum(h[p, q] * x[i + P_ - 1 - p, j + Q_ - 1 - q] for p in range(P_) for q in range(Q_))
    return out


def make_hw32cd(which):
    def make(rng, size):
        x = np.arange(1, 26, dtype=float).reshape(5, 5)
        if which == "valid":
            ref = conv2_valid(x, SOBEL)
            c = Ctx()
        elif which == "pad1_stride2":
            ref = conv2_valid(np.pad(x, 1), SOBEL)[::2, ::2]
            c = Ctx()
        else:
            a_, cc, d = rng.normal(size=3) * 2
            ramp = np.array([[a_ * m + cc * n + d for n in range(1, 6)] for m in range(1, 6)])
            ref = conv2_valid(ramp, SOBEL)
            verify(ref, -8 * a_ * np.ones((3, 3)), "ramp")
            c = Ctx(a=a_, cc=cc, d=d)
        c.ref, c.domain = (lambda: ref), [()]
        return c
    return make


target("hw3_2cd", "valid", make_hw32cd("valid"), points=1, kind="matrix")
target("hw3_2cd", "pad1_stride2", make_hw32cd("pad1_stride2"), points=1, kind="matrix")
target("hw3_2cd", "valid_ramp", make_hw32cd("valid_ramp"), points=4, kind="matrix")

P, Tg = "hw3_2cd", "valid"
A(P, Tg, "plain", "right", "-40 -40 -40; -40 -40 -40; -40 -40 -40",
  "plain table, rows separated by ;", "the 3 x 3 matrix of -40", lambda c: -40 * np.ones((3, 3)))
A(P, Tg, "plain", "wrong", "40 40 40; 40 40 40; 40 40 40",
  "plain table", "the 3 x 3 matrix of 40", lambda c: 40 * np.ones((3, 3)),
  mistake="cross-correlation instead of convolution (kernel not flipped): sign wrong")
A(P, Tg, "converter", "right",
  r"\left[\begin{array}{lll}-40 & -40 & -40 \\ -40 & -40 & -40 \\ -40 & -40 & -40\end{array}\right]",
  r"Mathpix \left[ array \right]", "the 3 x 3 matrix of -40", lambda c: -40 * np.ones((3, 3)))
A(P, Tg, "converter", "wrong",
  r"\left[\begin{array}{ccc}-40 & -40 & -40 \\ -40 & -40 & -40\end{array}\right]",
  r"Mathpix \left[ array \right]", "a 2 x 3 matrix of -40", lambda c: -40 * np.ones((2, 3)),
  mistake="wrong output size: 2 x 3 instead of (5 - 3 + 1) x (5 - 3 + 1) = 3 x 3")
A(P, Tg, "latex", "right",
  r"$x * h = \begin{bmatrix} -40 & -40 & -40 \\ -40 & -40 & -40 \\ -40 & -40 & -40 \end{bmatrix}$",
  "LaTeX inline bmatrix", "the 3 x 3 matrix of -40", lambda c: -40 * np.ones((3, 3)))
A(P, Tg, "latex", "wrong",
  r"x * h = \begin{bmatrix} -40 & -40 & -40 \\ -40 & -40 & -40 \\ -40 & -40 & -42 \end{bmatrix}",
  "LaTeX bmatrix", "-40 everywhere except -42 in the bottom-right entry",
  lambda c: np.array([[-40, -40, -40], [-40, -40, -40], [-40, -40, -42.0]]),
  mistake="arithmetic slip in the bottom-right entry (-42 instead of -40)")

P, Tg = "hw3_2cd", "pad1_stride2"
A(P, Tg, "plain", "right", "-19 -32 -29; -30 -40 -30; 49 72 59",
  "plain table", "rows (-19, -32, -29), (-30, -40, -30), (49, 72, 59)",
  lambda c: np.array([[-19, -32, -29], [-30, -40, -30], [49, 72, 59.0]]))
A(P, Tg, "plain", "wrong", "19 32 29; 30 40 30; -49 -72 -59",
  "plain table", "rows (19, 32, 29), (30, 40, 30), (-49, -72, -59)",
  lambda c: np.array([[19, 32, 29], [30, 40, 30], [-49, -72, -59.0]]),
  mistake="cross-correlation instead of convolution: every sign flipped")
A(P, Tg, "converter", "right",
  r"\left[\begin{array}{rrr}-19 & -32 & -29 \\ -30 & -40 & -30 \\ 49 & 72 & 59\end{array}\right]",
  r"Mathpix \left[ array{rrr} \right]", "rows (-19, -32, -29), (-30, -40, -30), (49, 72, 59)",
  lambda c: np.array([[-19, -32, -29], [-30, -40, -30], [49, 72, 59.0]]))
A(P, Tg, "converter", "wrong", r"\left[\begin{array}{cc}-40 & -40 \\ -40 & -40\end{array}\right]",
  r"Mathpix \left[ array \right]", "the 2 x 2 matrix of -40",
  lambda c: -40 * np.ones((2, 2)), mistake="stride started at the second output position (rows/cols 2 and 4): 2 x 2 instead of 3 x 3")
A(P, Tg, "latex", "right",
  r"\[ x * h = \begin{bmatrix} -19 & -32 & -29\\ -30 & -40 & -30\\ 49 & 72 & 59 \end{bmatrix} \]",
  r"LaTeX \[ \] bmatrix", "rows (-19, -32, -29), (-30, -40, -30), (49, 72, 59)",
  lambda c: np.array([[-19, -32, -29], [-30, -40, -30], [49, 72, 59.0]]))
A(P, Tg, "latex", "wrong",
  r"x * h = \begin{bmatrix} -19 & -32 & -29\\ -30 & -40 & -30\\ -49 & -72 & -59 \end{bmatrix}",
  "LaTeX bmatrix", "bottom row (-49, -72, -59)",
  lambda c: np.array([[-19, -32, -29], [-30, -40, -30], [-49, -72, -59.0]]),
  mistake="sign slip in the bottom row (the zero-padded border row)")

P, Tg = "hw3_2cd", "valid_ramp"
A(P, Tg, "plain", "right", "-8a -8a -8a; -8a -8a -8a; -8a -8a -8a",
  "plain table with symbols", "the 3 x 3 matrix of -8a", lambda c: -8 * c.a * np.ones((3, 3)))
A(P, Tg, "plain", "wrong", "8a 8a 8a; 8a 8a 8a; 8a 8a 8a",
  "plain table with symbols", "the 3 x 3 matrix of 8a", lambda c: 8 * c.a * np.ones((3, 3)),
  mistake="cross-correlation instead of convolution: sign wrong")
A(P, Tg, "converter", "right",
  r"\left[\begin{array}{lll}-8 a & -8 a & -8 a \\ -8 a & -8 a & -8 a \\ -8 a & -8 a & -8 a\end{array}\right]",
  r"Mathpix \left[ array \right]", "the 3 x 3 matrix of -8a", lambda c: -8 * c.a * np.ones((3, 3)))
A(P, Tg, "latex", "wrong",
  r"x * h = \begin{bmatrix} -8c & -8c & -8c \\ -8c & -8c & -8c \\ -8c & -8c & -8c \end{bmatrix}",
  "LaTeX bmatrix", "the 3 x 3 matrix of -8c", lambda c: -8 * c.cc * np.ones((3, 3)),
  mistake="row and column coordinates swapped: -8c instead of -8a (the kernel differentiates along m)")
A(P, Tg, "latex", "right", r"$x * h = -8a\begin{bmatrix}1&1&1\\1&1&1\\1&1&1\end{bmatrix}$",
  "LaTeX, scalar times a bmatrix of ones", "-8a times the 3 x 3 matrix of ones",
  lambda c: -8 * c.a * np.ones((3, 3)))

# ----------------------------------------------------------------------------------------------
# hw3_3b: mean-centering y_i = gamma (x_i - mu) + beta, and batch norm
# a downstream loss L = sum_j u_j y_j + 1/2 sum_j w_j y_j^2 (so dL/dy_j = u_j + w_j y_j varies)
# ----------------------------------------------------------------------------------------------
def hw33b_base(rng, n):
    x = rng.normal(size=n) * 1.5
    gamma, beta = rng.normal() * 1.5, rng.normal()
    eps = rng.uniform(0.05, 0.8)
    u, w = rng.normal(size=n), rng.normal(size=n)
    center = lambda x_: gamma * (x_ - x_.mean()) + beta
    bnorm = lambda x_: gamma * (x_ - x_.mean()) / math.sqrt(((x_ - x_.mean()) ** 2).mean() + eps) + beta
    loss = lambda yy: float(u @ yy + 0.5 * w @ (yy ** 2))
    mu = x.mean()
    var = ((x - mu) ** 2).mean()
    return Ctx(n=n, x=x, gamma=gamma, beta=beta, eps=eps, mu=mu, var=var, center=center,
               bnorm=bnorm, loss=loss, u=u, w=w)


def make_hw33b(which):
    def make(rng, size):
        c = hw33b_base(rng, size)
        n = c.n
        if which == "dy_dx":
            J = jac(c.center, c.x)                                  # J[j, i] = dy_j/dx_i
            hand = c.gamma * (np.eye(n) - 1.0 / n)
            verify(hand, J, which)
            c.ref, c.domain = arr_ref(hand), all_idx(n, n)          # index order (j, i)
            return c
        if which in ("dL_dx", "dL_dx_n1"):
            yy = c.center(c.x)
            c.g = c.u + c.w * yy                                     # dL/dy_j
            fdv = jac(lambda x_: c.loss(c.center(x_)), c.x)
            hand = c.gamma * (c.g - c.g.mean())
        else:
            yy = c.bnorm(c.x)
            c.g = c.u + c.w * yy                                     # dL/d ybar_j
            fdv = jac(lambda x_: c.loss(c.bnorm(x_)), c.x)
            xc = c.x - c.mu
            s = c.var + c.eps
            hand = c.gamma / math.sqrt(s) * (c.g - c.g.mean() - xc * (xc @ c.g) / (n * s))
        verify(hand, fdv, which)
        c.ref, c.domain = arr_ref(hand), all_idx(n)
        return c
    return make


target("hw3_3b", "dy_dx", make_hw33b("dy_dx"), sizes=[3, 4, 6], points=3, note="index order (j, i)")
target("hw3_3b", "dL_dx", make_hw33b("dL_dx"), sizes=[3, 4, 6], points=3)
target("hw3_3b", "dL_dx_n1", make_hw33b("dL_dx_n1"), sizes=[1], points=4)
target("hw3_3b", "batchnorm_dL_dx", make_hw33b("batchnorm_dL_dx"), sizes=[3, 5, 2], points=3,
       note="here xhat_i = x_i - mu is only centred, so the answers write (x_i - mu)")

P, Tg = "hw3_3b", "dy_dx"
A(P, Tg, "plain", "right", "gamma*(delta_ij - 1/n)", "plain ASCII", "gamma (delta_ij - 1/n)",
  lambda c, j, i: c.gamma * (dlt(i, j) - 1 / c.n))
A(P, Tg, "plain", "wrong", "gamma*delta_ij", "plain ASCII", "gamma delta_ij",
  lambda c, j, i: c.gamma * dlt(i, j), mistake="missing the term through the mean mu (-gamma/n)")
A(P, Tg, "converter", "right", r"\gamma\left(\delta_{i j}-\frac{1}{n}\right)", r"Mathpix \left( \right)",
  "gamma (delta_ij - 1/n)", lambda c, j, i: c.gamma * (dlt(i, j) - 1 / c.n))
A(P, Tg, "converter", "wrong", r"\gamma\left(1-\frac{1}{n}\right)", r"Mathpix \left( \right)",
  "gamma (1 - 1/n) for every i, j", lambda c, j, i: c.gamma * (1 - 1 / c.n),
  mistake="dropped the Kronecker delta (the diagonal value used everywhere)")
A(P, Tg, "latex", "right",
  r"\frac{\partial y_j}{\partial x_i} = \begin{cases} \gamma\left(1-\frac{1}{n}\right), & i = j,\\ -\frac{\gamma}{n}, & i \neq j. \end{cases}",
  "LaTeX cases", "gamma (1 - 1/n) on the diagonal, -gamma/n off it",
  lambda c, j, i: c.gamma * (1 - 1 / c.n) if i == j else -c.gamma / c.n)
A(P, Tg, "latex", "wrong", r"$\frac{\partial y_j}{\partial x_i} = \delta_{ij} - \frac{1}{n}$", "LaTeX inline",
  "delta_ij - 1/n", lambda c, j, i: dlt(i, j) - 1 / c.n, mistake="missing factor gamma")

P, Tg = "hw3_3b", "dL_dx"
A(P, Tg, "plain", "right", "gamma*(dL/dy_i - (1/n)*sum_j dL/dy_j)", "plain ASCII, d-notation, sum_j",
  "gamma (g_i - mean of g), g_j = dL/dy_j", lambda c, i: c.gamma * (c.o.g[i] - c.g.sum() / c.n))
A(P, Tg, "plain", "wrong", "gamma * dL/dy_i", "plain ASCII", "gamma dL/dy_i",
  lambda c, i: c.gamma * c.o.g[i], mistake="ignores the dependence of mu on x_i (missing -(gamma/n) sum_j dL/dy_j)")
A(P, Tg, "plain", "right", "γ(1 - 1/n) ∂L/∂y_i - (γ/n) ∑_{j≠i} ∂L/∂y_j",
  "plain Unicode ∑, sum over j != i", "gamma (1 - 1/n) g_i - (gamma/n) times the sum of the other g_j",
  lambda c, i: c.gamma * (1 - 1 / c.n) * c.o.g[i] - c.gamma / c.n * (c.g.sum() - c.o.g[i]))
A(P, Tg, "plain", "wrong", "γ(1 - 1/n) ∂L/∂y_i", "plain Unicode", "gamma (1 - 1/n) g_i",
  lambda c, i: c.gamma * (1 - 1 / c.n) * c.o.g[i], mistake="diagonal term only: the j != i terms of the sum are missing")
A(P, Tg, "converter", "right",
  r"\gamma \frac{\partial L}{\partial y_{i}}-\frac{\gamma}{n} \sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}",
  "Mathpix, expanded", "gamma g_i - (gamma/n) sum_j g_j", lambda c, i: c.gamma * c.o.g[i] - c.gamma / c.n * c.g.sum())
A(P, Tg, "converter", "wrong",
  r"\gamma\left(\frac{\partial L}{\partial y_{i}}-\sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}\right)",
  r"Mathpix \left( \right)", "gamma (g_i - sum_j g_j)", lambda c, i: c.gamma * (c.o.g[i] - c.g.sum()),
  mistake="lost the 1/n of the mean")
A(P, Tg, "latex", "right",
  r"\frac{\partial L}{\partial x_i} = \sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\,\gamma\left(\delta_{ij}-\frac1n\right) = \gamma\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\right).",
  r"LaTeX = chain from the chain rule, \frac1n, final full stop", "sum_j g_j gamma (delta_ij - 1/n) = gamma (g_i - mean g)",
  lambda c, i: c.gamma * (c.o.g[i] - c.g.mean()))
A(P, Tg, "latex", "wrong",
  r"$$\frac{\partial L}{\partial x_i} = \gamma\left(\frac{\partial L}{\partial y_i} + \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\right)$$",
  "LaTeX display $$", "gamma (g_i + mean g)", lambda c, i: c.gamma * (c.o.g[i] + c.g.mean()),
  mistake="wrong sign of the mean term")

P, Tg = "hw3_3b", "dL_dx_n1"
A(P, Tg, "plain", "right", "0", "plain number", "zero", lambda c, i: 0.0)
A(P, Tg, "latex", "wrong", r"\frac{\partial L}{\partial x_1} = \gamma\,\frac{\partial L}{\partial y_1}", "LaTeX",
  "gamma dL/dy_1", lambda c, i: c.gamma * c.o.g[1], mistake="forgot that mu = x_1 when n = 1 (the mean term cancels everything)")
A(P, Tg, "converter", "right",
  r"\gamma\left(\frac{\partial L}{\partial y_{1}}-\frac{\partial L}{\partial y_{1}}\right)=0",
  "Mathpix = chain", "gamma (dL/dy_1 - dL/dy_1) = 0", lambda c, i: c.gamma * (c.o.g[1] - c.o.g[1]))
A(P, Tg, "converter", "wrong", r"\frac{\partial L}{\partial y_{1}}", "Mathpix", "dL/dy_1",
  lambda c, i: c.o.g[1], mistake="copied the upstream gradient: the mean term cancels it exactly for n = 1")

P, Tg = "hw3_3b", "batchnorm_dL_dx"


def _bn(c, i, sign=-1.0, inv_n=True, sqrt_pref=True, var_term=True):
    xc = c.x - c.mu
    s = c.var + c.eps
    k = 1.0 / c.n if inv_n else 1.0
    pref = c.gamma / math.sqrt(s) if sqrt_pref else c.gamma / s
    val = c.o.g[i] - k * c.g.sum()
    if var_term:
        val += sign * k * (c.o.x[i] - c.mu) / s * (xc @ c.g)
    return pref * val


A(P, Tg, "latex", "right",
  r"\frac{\partial L}{\partial x_i} = \frac{\gamma}{n\sqrt{\sigma^2+\epsilon}}\left(n\frac{\partial L}{\partial \bar y_i} - \sum_{j=1}^n \frac{\partial L}{\partial \bar y_j} - \frac{x_i-\mu}{\sigma^2+\epsilon}\sum_{j=1}^n (x_j-\mu)\frac{\partial L}{\partial \bar y_j}\right)",
  "LaTeX, 1/n pulled out, (x - mu) written out", "gamma/(n sqrt(var+eps)) (n g_i - sum g - (x_i-mu)/(var+eps) sum (x_j-mu) g_j)",
  lambda c, i: _bn(c, i))
A(P, Tg, "latex", "wrong",
  r"\frac{\partial L}{\partial x_i} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial \bar y_i} - \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial \bar y_j}\right)",
  "LaTeX", "gamma/sqrt(var+eps) (g_i - mean g)", lambda c, i: _bn(c, i, var_term=False),
  mistake="missing the term through sigma^2 (the variance treated as a constant)")
A(P, Tg, "converter", "right",
  r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left(\frac{\partial L}{\partial \bar{y}_{i}}-\frac{1}{n} \sum_{j=1}^{n} \frac{\partial L}{\partial \bar{y}_{j}}-\frac{\left(x_{i}-\mu\right)}{n\left(\sigma^{2}+\epsilon\right)} \sum_{j=1}^{n}\left(x_{j}-\mu\right) \frac{\partial L}{\partial \bar{y}_{j}}\right)",
  r"Mathpix \left( \right), \bar{y}", "gamma/sqrt(var+eps) (g_i - mean g - (x_i-mu)/(n(var+eps)) sum (x_j-mu) g_j)",
  lambda c, i: _bn(c, i))
A(P, Tg, "converter", "wrong",
  r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left(\frac{\partial L}{\partial \bar{y}_{i}}-\frac{1}{n} \sum_{j=1}^{n} \frac{\partial L}{\partial \bar{y}_{j}}+\frac{\left(x_{i}-\mu\right)}{n\left(\sigma^{2}+\epsilon\right)} \sum_{j=1}^{n}\left(x_{j}-\mu\right) \frac{\partial L}{\partial \bar{y}_{j}}\right)",
  r"Mathpix \left( \right)", "as the right answer but + before the variance term", lambda c, i: _bn(c, i, sign=+1.0),
  mistake="wrong sign of the variance term")
A(P, Tg, "plain", "right",
  "γ/sqrt(σ^2+ε) * (dL/dȳ_i - (1/n) Σ_j dL/dȳ_j - (x_i-μ)/(n(σ^2+ε)) Σ_j (x_j-μ) dL/dȳ_j)",
  "plain Unicode, d-notation with ȳ", "gamma/sqrt(var+eps) (g_i - mean g - (x_i-mu)/(n(var+eps)) sum (x_j-mu) g_j)",
  lambda c, i: _bn(c, i))
A(P, Tg, "plain", "wrong",
  "γ/(σ^2+ε) * (dL/dȳ_i - (1/n) Σ_j dL/dȳ_j - (x_i-μ)/(n(σ^2+ε)) Σ_j (x_j-μ) dL/dȳ_j)",
  "plain Unicode", "as the right answer but gamma/(var+eps) in front", lambda c, i: _bn(c, i, sqrt_pref=False),
  mistake="prefactor gamma/(sigma^2+eps) instead of gamma/sqrt(sigma^2+eps)")
A(P, Tg, "latex", "wrong",
  r"$\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\Big(\frac{\partial L}{\partial\bar y_i} - \sum_{j}\frac{\partial L}{\partial\bar y_j} + \frac{x_i-\mu}{\sigma^2+\epsilon}\sum_{j}(x_j-\mu)\frac{\partial L}{\partial\bar y_j}\Big)$",
  r"LaTeX inline, \Big(, unbounded sums", "gamma/sqrt(var+eps) (g_i - sum g + (x_i-mu)/(var+eps) sum (x_j-mu) g_j)",
  lambda c, i: _bn(c, i, sign=+1.0, inv_n=False),
  mistake="two mistakes: both 1/n factors lost and the variance term's sign flipped")


# ----------------------------------------------------------------------------------------------
# hw3_4a: Adam (Kingma & Ba, Algorithm 1), simulated directly
# ----------------------------------------------------------------------------------------------
ADAM_T = 6


def make_adam(rng, size):
    b1, b2 = rng.uniform(0.5, 0.95), rng.uniform(0.6, 0.99)
    alpha, eps = rng.uniform(0.05, 0.5), rng.uniform(0.01, 0.5)
    g = np.concatenate([[np.nan], rng.normal(size=ADAM_T) * 1.5])      # g[1..T]
    m = np.zeros(ADAM_T + 1)
    v = np.zeros(ADAM_T + 1)
    th = np.zeros(ADAM_T + 1)
    th[0] = rng.normal()
    for t in range(1, ADAM_T + 1):
        m[t] = b1 * m[t - 1] + (1 - b1) * g[t]
        v[t] = b2 * v[t - 1] + (1 - b2) * g[t] ** 2
        mh = m[t] / (1 - b1 ** t)
        vh = v[t] / (1 - b2 ** t)
        th[t] = th[t - 1] - alpha * mh / (math.sqrt(vh) + eps)
    return Ctx(b1=b1, b2=b2, alpha=alpha, eps=eps, g=g, m=m, v=v, th=th)


def make_adam_for(which):
    def make(rng, size):
        c = make_adam(rng, size)
        series = {"m_update": c.m, "m_unrolled": c.m, "v_unrolled": c.v, "theta_update": c.th}[which]
        c.ref = lambda t: float(series[t])
        c.domain = [(t,) for t in range(1, ADAM_T + 1)]
        return c
    return make


for _t in ("m_update", "m_unrolled", "v_unrolled", "theta_update"):
    target("hw3_4a", _t, make_adam_for(_t), points=5, note="t = 1..6, m_0 = v_0 = 0")

P, Tg = "hw3_4a", "m_update"
A(P, Tg, "plain", "right", "β1 m_{t-1} + (1-β1) g_t", "plain Unicode", "beta1 m_{t-1} + (1 - beta1) g_t",
  lambda c, t: c.b1 * c.m[t - 1] + (1 - c.b1) * c.g[t])
A(P, Tg, "plain", "wrong", "(1-β1) m_{t-1} + β1 g_t", "plain Unicode", "(1 - beta1) m_{t-1} + beta1 g_t",
  lambda c, t: (1 - c.b1) * c.m[t - 1] + c.b1 * c.g[t], mistake="beta1 and 1 - beta1 swapped")
A(P, Tg, "converter", "right",
  r"m_{t} \leftarrow \beta_{1} \cdot m_{t-1}+\left(1-\beta_{1}\right) \cdot g_{t}",
  r"Mathpix \leftarrow, \cdot", "m_t <- beta1 m_{t-1} + (1 - beta1) g_t",
  lambda c, t: c.b1 * c.m[t - 1] + (1 - c.b1) * c.g[t])
A(P, Tg, "converter", "wrong", r"\beta_{1} m_{t-1}+\left(1-\beta_{2}\right) g_{t}", "Mathpix",
  "beta1 m_{t-1} + (1 - beta2) g_t", lambda c, t: c.b1 * c.m[t - 1] + (1 - c.b2) * c.g[t],
  mistake="beta2 instead of beta1 in the (1 - beta) factor")
A(P, Tg, "latex", "right", r"$m_t = \beta_1 m_{t-1} + g_t - \beta_1 g_t$", "LaTeX inline, expanded",
  "beta1 m_{t-1} + g_t - beta1 g_t", lambda c, t: c.b1 * c.m[t - 1] + c.g[t] - c.b1 * c.g[t])
A(P, Tg, "latex", "wrong", r"m_t = \beta_1 m_{t-1} + (1-\beta_1)\, g_t^2", "LaTeX",
  "beta1 m_{t-1} + (1 - beta1) g_t^2", lambda c, t: c.b1 * c.m[t - 1] + (1 - c.b1) * c.g[t] ** 2,
  mistake="squared gradient (the second-moment rule) in the first moment")

P, Tg = "hw3_4a", "m_unrolled"
A(P, Tg, "plain", "right", "(1-β1) Σ_{k=1}^{t} β1^(t-k) g_k", "plain Unicode sum with bounds",
  "(1 - beta1) sum_{k=1}^t beta1^{t-k} g_k",
  lambda c, t: (1 - c.b1) * sum(c.b1 ** (t - k) * c.g[k] for k in range(1, t + 1)))
A(P, Tg, "plain", "wrong", "(1-β1) Σ_{k=1}^{t} β1^k g_k", "plain Unicode sum",
  "(1 - beta1) sum_{k=1}^t beta1^k g_k",
  lambda c, t: (1 - c.b1) * sum(c.b1 ** k * c.g[k] for k in range(1, t + 1)),
  mistake="weights reversed: beta1^k instead of beta1^(t-k)")
A(P, Tg, "converter", "right", r"\left(1-\beta_{1}\right) \sum_{i=1}^{t} \beta_{1}^{t-i} g_{i}", "Mathpix",
  "(1 - beta1) sum_{i=1}^t beta1^{t-i} g_i",
  lambda c, t: (1 - c.b1) * sum(c.b1 ** (t - i) * c.g[i] for i in range(1, t + 1)))
A(P, Tg, "converter", "wrong", r"\left(1-\beta_{1}\right) \sum_{i=1}^{t-1} \beta_{1}^{t-i} g_{i}", "Mathpix",
  "(1 - beta1) sum_{i=1}^{t-1} beta1^{t-i} g_i",
  lambda c, t: (1 - c.b1) * sum(c.b1 ** (t - i) * c.g[i] for i in range(1, t)),
  mistake="off-by-one upper bound t - 1: the current gradient g_t is missing")
A(P, Tg, "latex", "right", r"m_t = \sum_{k=1}^{t} (1-\beta_1)\,\beta_1^{\,t-k}\, g_k", "LaTeX",
  "sum_{k=1}^t (1 - beta1) beta1^{t-k} g_k",
  lambda c, t: sum((1 - c.b1) * c.b1 ** (t - k) * c.g[k] for k in range(1, t + 1)))
A(P, Tg, "latex", "wrong", r"m_t = (1-\beta_1)\sum_{k=1}^{t}\beta_1^{\,t-k+1} g_k", "LaTeX",
  "(1 - beta1) sum_{k=1}^t beta1^{t-k+1} g_k",
  lambda c, t: (1 - c.b1) * sum(c.b1 ** (t - k + 1) * c.g[k] for k in range(1, t + 1)),
  mistake="exponent off by one: beta1^(t-k+1)")
A(P, Tg, "latex", "right",
  r"\[ m_t = (1-\beta_1)\left(g_t + \beta_1 g_{t-1} + \beta_1^2 g_{t-2} + \dots + \beta_1^{t-1} g_1\right) \]",
  r"LaTeX display with \dots ellipsis", "(1 - beta1)(g_t + beta1 g_{t-1} + ... + beta1^{t-1} g_1)",
  lambda c, t: (1 - c.b1) * sum(c.b1 ** (t - k) * c.g[k] for k in range(1, t + 1)))

P, Tg = "hw3_4a", "v_unrolled"
A(P, Tg, "plain", "right", "(1-β2) Σ_{k=1}^{t} β2^(t-k) g_k^2", "plain Unicode sum",
  "(1 - beta2) sum_{k=1}^t beta2^{t-k} g_k^2",
  lambda c, t: (1 - c.b2) * sum(c.b2 ** (t - k) * c.g[k] ** 2 for k in range(1, t + 1)))
A(P, Tg, "plain", "wrong", "(1-β2) (Σ_{k=1}^{t} β2^(t-k) g_k)^2", "plain Unicode",
  "(1 - beta2) (sum_{k=1}^t beta2^{t-k} g_k)^2",
  lambda c, t: (1 - c.b2) * sum(c.b2 ** (t - k) * c.g[k] for k in range(1, t + 1)) ** 2,
  mistake="square of the sum instead of the sum of squares")
A(P, Tg, "converter", "wrong", r"\left(1-\beta_{2}\right) \sum_{i=1}^{t} \beta_{2}^{t-i} g_{i}", "Mathpix",
  "(1 - beta2) sum_{i=1}^t beta2^{t-i} g_i",
  lambda c, t: (1 - c.b2) * sum(c.b2 ** (t - i) * c.g[i] for i in range(1, t + 1)),
  mistake="missing square on g_i")
A(P, Tg, "converter", "right", r"\sum_{i=1}^{t}\left(1-\beta_{2}\right) \beta_{2}^{t-i} g_{i}^{2}", "Mathpix",
  "sum_{i=1}^t (1 - beta2) beta2^{t-i} g_i^2",
  lambda c, t: sum((1 - c.b2) * c.b2 ** (t - i) * c.g[i] ** 2 for i in range(1, t + 1)))
A(P, Tg, "latex", "right",
  r"v_t = \beta_2^{t} v_0 + (1-\beta_2)\sum_{k=1}^{t}\beta_2^{\,t-k}\, g_k^2 = (1-\beta_2)\sum_{k=1}^{t}\beta_2^{\,t-k}\, g_k^2",
  "LaTeX = chain keeping the v_0 term (v_0 = 0)", "beta2^t v_0 + (1 - beta2) sum beta2^{t-k} g_k^2, v_0 = 0",
  lambda c, t: c.b2 ** t * 0.0 + (1 - c.b2) * sum(c.b2 ** (t - k) * c.g[k] ** 2 for k in range(1, t + 1)))
A(P, Tg, "latex", "wrong", r"$v_t = \sum_{k=1}^{t}\beta_2^{\,t-k} g_k^2$", "LaTeX inline",
  "sum_{k=1}^t beta2^{t-k} g_k^2", lambda c, t: sum(c.b2 ** (t - k) * c.g[k] ** 2 for k in range(1, t + 1)),
  mistake="missing factor (1 - beta2)")

P, Tg = "hw3_4a", "theta_update"


def _adam_step(c, t, bias=True, eps_inside=False, sign=-1.0, v_corr_outside=False):
    mt, vt = c.m[t], c.v[t]
    mh = mt / (1 - c.b1 ** t) if bias else mt
    vh = vt / (1 - c.b2 ** t) if bias else vt
    if v_corr_outside:
        den = math.sqrt(vt) / (1 - c.b2 ** t) + c.eps
    elif eps_inside:
        den = math.sqrt(vh + c.eps)
    else:
        den = math.sqrt(vh) + c.eps
    return c.th[t - 1] + sign * c.alpha * mh / den


A(P, Tg, "plain", "right", "θ_{t-1} - α * (m_t/(1-β1^t)) / (sqrt(v_t/(1-β2^t)) + ε)", "plain Unicode",
  "theta_{t-1} - alpha mhat_t / (sqrt(vhat_t) + eps), hats written out", lambda c, t: _adam_step(c, t))
A(P, Tg, "plain", "wrong", "θ_{t-1} - α m_t/(sqrt(v_t) + ε)", "plain Unicode",
  "theta_{t-1} - alpha m_t / (sqrt(v_t) + eps)", lambda c, t: _adam_step(c, t, bias=False),
  mistake="no bias correction (m_t and v_t instead of mhat_t and vhat_t)")
A(P, Tg, "converter", "right",
  r"\theta_{t}=\theta_{t-1}-\frac{\alpha \cdot m_{t} /\left(1-\beta_{1}^{t}\right)}{\sqrt{v_{t} /\left(1-\beta_{2}^{t}\right)}+\epsilon}",
  r"Mathpix, inline / inside \frac", "theta_{t-1} - alpha (m_t/(1-beta1^t)) / (sqrt(v_t/(1-beta2^t)) + eps)",
  lambda c, t: _adam_step(c, t))
A(P, Tg, "converter", "wrong",
  r"\theta_{t}=\theta_{t-1}+\alpha \cdot \frac{m_{t} /\left(1-\beta_{1}^{t}\right)}{\sqrt{v_{t} /\left(1-\beta_{2}^{t}\right)}+\epsilon}",
  "Mathpix", "theta_{t-1} + alpha mhat_t/(sqrt(vhat_t) + eps)", lambda c, t: _adam_step(c, t, sign=+1.0),
  mistake="wrong sign: ascent instead of descent")
A(P, Tg, "latex", "right",
  r"\theta_t = \theta_{t-1} - \alpha\,\frac{\hat m_t}{\sqrt{\hat v_t}+\epsilon}, \quad \text{where } \hat m_t = \frac{m_t}{1-\beta_1^t},\ \hat v_t = \frac{v_t}{1-\beta_2^t}",
  r"LaTeX with a \text{where } clause defining the hats", "theta_{t-1} - alpha mhat_t/(sqrt(vhat_t) + eps)",
  lambda c, t: _adam_step(c, t))
A(P, Tg, "latex", "wrong",
  r"\theta_t = \theta_{t-1} - \alpha\,\frac{\hat m_t}{\sqrt{\hat v_t+\epsilon}}, \quad \text{where } \hat m_t = \frac{m_t}{1-\beta_1^t},\ \hat v_t = \frac{v_t}{1-\beta_2^t}",
  r"LaTeX with a \text{where } clause", "theta_{t-1} - alpha mhat_t / sqrt(vhat_t + eps)",
  lambda c, t: _adam_step(c, t, eps_inside=True), mistake="epsilon inside the square root")
A(P, Tg, "latex", "wrong",
  r"$\theta_t = \theta_{t-1} - \alpha\,\frac{m_t}{1-\beta_1^t}\Big/\Big(\frac{\sqrt{v_t}}{1-\beta_2^t}+\epsilon\Big)$",
  r"LaTeX inline, \Big/ quotient", "theta_{t-1} - alpha (m_t/(1-beta1^t)) / (sqrt(v_t)/(1-beta2^t) + eps)",
  lambda c, t: _adam_step(c, t, v_corr_outside=True),
  mistake="second-moment bias correction outside the square root: sqrt(v_t)/(1-beta2^t)")


# ----------------------------------------------------------------------------------------------
# hw3_4b: L2 regularization vs weight decay (scalar theta, a random smooth f)
# ----------------------------------------------------------------------------------------------
def make_hw34b(which):
    def make(rng, size):
        a_, b_, c3 = rng.normal(size=3)
        f = lambda th: a_ * math.sin(1.3 * th) + b_ * th ** 2 + c3 * th ** 3
        fp = lambda th: 1.3 * a_ * math.cos(1.3 * th) + 2 * b_ * th + 3 * c3 * th ** 2
        theta = rng.normal()
        lam, eta = rng.uniform(0.05, 2), rng.uniform(0.01, 1)
        verify(fp(theta), dscalar(f, theta), "f'")
        c = Ctx(theta=theta, lam=lam, eta=eta, fp=fp(theta))
        if which == "grad_reg":
            fdv = dscalar(lambda th: f(th) + lam / 2 * th ** 2, theta)
            hand = fp(theta) + lam * theta
            verify(hand, fdv, which)
        else:
            sgd_l2 = theta - eta * dscalar(lambda th: f(th) + lam / 2 * th ** 2, theta)
            # (1 - gamma) theta - eta f'(theta) = sgd_l2  =>  gamma = 1 - (sgd_l2 + eta f') / theta
            gamma_num = 1 - (sgd_l2 + eta * fp(theta)) / theta
            hand = eta * lam
            verify(hand, gamma_num, which)
        c.ref, c.domain = (lambda: hand), [()]
        return c
    return make


target("hw3_4b", "grad_reg", make_hw34b("grad_reg"), points=8, kind="scalar")
target("hw3_4b", "gamma_for_equivalence", make_hw34b("gamma"), points=8, kind="scalar")

P, Tg = "hw3_4b", "grad_reg"
A(P, Tg, "plain", "right", "∇f(θ) + λθ", "plain Unicode nabla", "grad f(theta) + lambda theta",
  lambda c: c.fp + c.lam * c.theta)
A(P, Tg, "plain", "wrong", "∇f(θ) + (λ/2) θ", "plain Unicode", "grad f(theta) + (lambda/2) theta",
  lambda c: c.fp + c.lam / 2 * c.theta, mistake="coefficient off: lambda/2 instead of lambda (the 2 of the square lost)")
A(P, Tg, "converter", "right", r"\nabla f_{t}(\theta)+\lambda \theta", "Mathpix \\nabla",
  "grad f_t(theta) + lambda theta", lambda c: c.fp + c.lam * c.theta)
A(P, Tg, "converter", "wrong", r"\nabla f_{t}(\theta)+\lambda", "Mathpix", "grad f_t(theta) + lambda",
  lambda c: c.fp + c.lam, mistake="missing factor theta in the regularization gradient")
A(P, Tg, "latex", "right", r"\nabla f^{\mathrm{reg}}_t(\theta) = \nabla f_t(\theta) + \lambda\,\theta",
  r"LaTeX with \mathrm{reg} left side", "grad f_t(theta) + lambda theta", lambda c: c.fp + c.lam * c.theta)
A(P, Tg, "latex", "wrong", r"$\nabla f^{\mathrm{reg}}_t(\theta) = \nabla f_t(\theta) + 2\lambda\theta$", "LaTeX inline",
  "grad f_t(theta) + 2 lambda theta", lambda c: c.fp + 2 * c.lam * c.theta,
  mistake="coefficient off: 2 lambda instead of lambda (the 1/2 ignored)")

P, Tg = "hw3_4b", "gamma_for_equivalence"
A(P, Tg, "plain", "right", "eta*lambda", "plain ASCII", "eta lambda", lambda c: c.eta * c.lam)
A(P, Tg, "plain", "wrong", "λ", "plain Unicode", "lambda", lambda c: c.lam,
  mistake="missing the learning rate factor eta")
A(P, Tg, "plain", "wrong", "ηλ/2", "plain Unicode", "eta lambda / 2", lambda c: c.eta * c.lam / 2,
  mistake="coefficient off: eta lambda / 2")
A(P, Tg, "converter", "right", r"\gamma=\eta \lambda", "Mathpix", "gamma = eta lambda", lambda c: c.eta * c.lam)
A(P, Tg, "latex", "wrong", r"\gamma = \frac{\lambda}{\eta}", "LaTeX", "lambda / eta", lambda c: c.lam / c.eta,
  mistake="divided by eta instead of multiplying")
A(P, Tg, "latex", "right", r"$\gamma = \lambda\eta$.", "LaTeX inline, final full stop", "lambda eta",
  lambda c: c.lam * c.eta)

# ----------------------------------------------------------------------------------------------
# softmax_ce: p = softmax(z), L = -sum_k y_k log p_k, y a distribution (y_k >= 0, sum y = 1)
# ----------------------------------------------------------------------------------------------
def make_softmax_ce(which):
    def make(rng, K):
        z = rng.normal(size=K) * 1.5
        y = rng.dirichlet(np.ones(K))
        p = softmax(z)
        c = Ctx(K=K, z=z, y=y, p=p)
        if which in ("dp_dz", "dp_dz_matrix"):
            J = jac(softmax, z)                                       # J[k, i] = dp_k/dz_i
            hand = np.array([[p[k] * (dlt(i, k) - p[i]) for i in range(K)] for k in range(K)])
            verify(hand, J, which)
            if which == "dp_dz":
                c.ref, c.domain = arr_ref(hand), all_idx(K, K)
            else:
                c.ref, c.domain = (lambda: hand), [()]
        else:
            fdv = jac(lambda z_: -float(y @ np.log(softmax(z_))), z)
            hand = p - y
            verify(hand, fdv, which)
            if which == "dL_dz":
                c.ref, c.domain = arr_ref(hand), all_idx(K)
            else:
                c.ref, c.domain = (lambda: hand.reshape(-1, 1)), [()]
        return c
    return make


for _t, _k in (("dp_dz", "index"), ("dp_dz_matrix", "matrix"), ("dL_dz", "index"), ("dL_dz_vec", "matrix")):
    target("softmax_ce", _t, make_softmax_ce(_t), sizes=[3, 4, 6], points=3, kind=_k,
           note="y drawn from a Dirichlet distribution (sum y_k = 1)")

P, Tg = "softmax_ce", "dp_dz"
A(P, Tg, "plain", "right", "p_k*(delta_ik - p_i)", "plain ASCII", "p_k (delta_ik - p_i)",
  lambda c, k, i: c.o.p[k] * (dlt(i, k) - c.o.p[i]))
A(P, Tg, "plain", "right", "p_i(1-p_i) if i = k, -p_i p_k otherwise", "plain text, cases in words",
  "p_i (1 - p_i) on the diagonal, -p_i p_k off it",
  lambda c, k, i: c.o.p[i] * (1 - c.o.p[i]) if i == k else -c.o.p[i] * c.o.p[k])
A(P, Tg, "plain", "wrong", "p_k*(1-p_k)", "plain ASCII", "p_k (1 - p_k) for every i",
  lambda c, k, i: c.o.p[k] * (1 - c.o.p[k]), mistake="p_k(1 - p_k) used for the off-diagonal entries too (should be -p_i p_k)")
A(P, Tg, "converter", "right", r"p_{i}\left(\delta_{i k}-p_{k}\right)", r"Mathpix \left( \right)",
  "p_i (delta_ik - p_k), equal to p_k (delta_ik - p_i) since p_i delta_ik = p_k delta_ik",
  lambda c, k, i: c.o.p[i] * (dlt(i, k) - c.o.p[k]))
A(P, Tg, "converter", "wrong", r"p_{k}\left(\delta_{i k}+p_{i}\right)", r"Mathpix \left( \right)",
  "p_k (delta_ik + p_i)", lambda c, k, i: c.o.p[k] * (dlt(i, k) + c.o.p[i]), mistake="wrong sign: + p_i")
A(P, Tg, "latex", "right",
  r"\frac{\partial p_k}{\partial z_i} = \begin{cases} p_k(1-p_k), & i = k\\ -p_k p_i, & i \ne k\end{cases}",
  "LaTeX cases", "p_k (1 - p_k) if i = k, -p_k p_i otherwise",
  lambda c, k, i: c.o.p[k] * (1 - c.o.p[k]) if i == k else -c.o.p[k] * c.o.p[i])
A(P, Tg, "latex", "wrong",
  r"\frac{\partial p_k}{\partial z_i} = \begin{cases} p_k(1-p_k), & i = k,\\ p_k p_i, & i \ne k. \end{cases}",
  "LaTeX cases with punctuation", "p_k (1 - p_k) if i = k, +p_k p_i otherwise",
  lambda c, k, i: c.o.p[k] * (1 - c.o.p[k]) if i == k else c.o.p[k] * c.o.p[i],
  mistake="wrong sign of the off-diagonal entries")
A(P, Tg, "latex", "wrong", r"$\frac{\partial p_k}{\partial z_i} = \delta_{ik}\,p_k - p_k^2$", "LaTeX inline",
  "delta_ik p_k - p_k^2", lambda c, k, i: dlt(i, k) * c.o.p[k] - c.o.p[k] ** 2,
  mistake="wrong index: p_k^2 instead of p_i p_k in the second term")

P, Tg = "softmax_ce", "dp_dz_matrix"
A(P, Tg, "plain", "right", "diag(p) - p p^T", "plain ASCII matrix form", "diag(p) - p p^T",
  lambda c: diag(V(c.p)) - V(c.p) @ V(c.p).T)
A(P, Tg, "plain", "wrong", "diag(p ⊙ (1-p))", "plain with ⊙", "diag(p * (1 - p)), zero off the diagonal",
  lambda c: diag(had(V(c.p), 1 - V(c.p))), mistake="diagonal only: the off-diagonal -p_i p_k entries are missing")
A(P, Tg, "converter", "right", r"\operatorname{diag}(\mathbf{p})-\mathbf{p} \mathbf{p}^{\top}",
  r"Mathpix \operatorname{diag}, \mathbf{}, \top", "diag(p) - p p^T",
  lambda c: diag(V(c.p)) - V(c.p) @ V(c.p).T)
A(P, Tg, "converter", "wrong", r"\mathbf{p} \mathbf{p}^{\top}-\operatorname{diag}(\mathbf{p})", "Mathpix",
  "p p^T - diag(p)", lambda c: V(c.p) @ V(c.p).T - diag(V(c.p)), mistake="wrong sign (whole matrix negated)")
A(P, Tg, "latex", "right", r"\frac{\partial p}{\partial z} = \operatorname{diag}(p)\left(I -\mathbf{1}p^{\top}\right)",
  r"LaTeX, factored with \mathbf{1}", "diag(p) (I - 1 p^T) = diag(p) - p p^T",
  lambda c: diag(V(c.p)) @ (I(c.K) - ones(c.K) @ V(c.p).T))
A(P, Tg, "latex", "wrong", r"\frac{\partial p}{\partial z} = \operatorname{diag}(p)\left(I - p\,\mathbf{1}^{\top}\right)",
  r"LaTeX, factored with \mathbf{1}", "diag(p) (I - p 1^T) = diag(p) - (p*p) 1^T",
  lambda c: diag(V(c.p)) @ (I(c.K) - V(c.p) @ ones(c.K).T),
  mistake="ones vector on the wrong side: p 1^T instead of 1 p^T (gives p_k^2 instead of p_k p_i)")

P, Tg = "softmax_ce", "dL_dz"
A(P, Tg, "plain", "right", "p_i - y_i", "plain ASCII", "p_i - y_i", lambda c, i: c.o.p[i] - c.o.y[i])
A(P, Tg, "plain", "wrong", "-y_i/p_i", "plain ASCII", "-y_i / p_i", lambda c, i: -c.o.y[i] / c.o.p[i],
  mistake="gave dL/dp_i instead of dL/dz_i (softmax Jacobian not applied)")
A(P, Tg, "plain", "right", "softmax(z)_i - y_i", "plain, softmax(z)_i", "softmax(z)_i - y_i",
  lambda c, i: softmax(c.z)[i - 1] - c.o.y[i])
A(P, Tg, "converter", "right", r"$$\frac{e^{z_{i}}}{\sum_{l=1}^{K} e^{z_{l}}}-y_{i}$$", "Mathpix $$ wrapping, softmax written out",
  "e^{z_i} / sum_l e^{z_l} - y_i", lambda c, i: math.exp(c.o.z[i]) / np.exp(c.z).sum() - c.o.y[i])
A(P, Tg, "converter", "wrong", r"y_{i}-p_{i}", "Mathpix", "y_i - p_i", lambda c, i: c.o.y[i] - c.o.p[i],
  mistake="wrong sign")
A(P, Tg, "latex", "right",
  r"\frac{\partial L}{\partial z_i} = \sum_k \left(-\frac{y_k}{p_k}\right) p_k(\delta_{ik} - p_i) = -y_i + p_i\sum_k y_k = p_i - y_i.",
  "LaTeX = chain using sum_k y_k = 1, final full stop", "sum_k (-y_k/p_k) p_k (delta_ik - p_i) = -y_i + p_i sum y = p_i - y_i",
  lambda c, i: sum(-c.o.y[k] / c.o.p[k] * c.o.p[k] * (dlt(i, k) - c.o.p[i]) for k in range(1, c.K + 1)))
A(P, Tg, "latex", "wrong", r"$\frac{\partial L}{\partial z_i} = -y_i(1-p_i)$", "LaTeX inline",
  "-y_i (1 - p_i)", lambda c, i: -c.o.y[i] * (1 - c.o.p[i]),
  mistake="diagonal term only: the k != i terms y_k p_i of the chain-rule sum are missing")

P, Tg = "softmax_ce", "dL_dz_vec"
A(P, Tg, "plain", "right", "p - y.", "plain ASCII, final full stop", "the column p - y", lambda c: V(c.p) - V(c.y))
A(P, Tg, "plain", "wrong", "y - p", "plain ASCII", "the column y - p", lambda c: V(c.y) - V(c.p), mistake="wrong sign")
A(P, Tg, "converter", "right", r"\mathbf{p}-\mathbf{y}", r"Mathpix \mathbf{}", "p - y", lambda c: V(c.p) - V(c.y))
A(P, Tg, "converter", "wrong", r"\mathbf{p}^{\top}-\mathbf{y}^{\top}", r"Mathpix \top", "the row (p - y)^T",
  lambda c: V(c.p).T - V(c.y).T, mistake="row vector instead of the column vector asked for (layout)")
A(P, Tg, "latex", "right",
  r"\frac{\partial L}{\partial z} = \left(\operatorname{diag}(p) - pp^\top\right)\left(-\frac{y}{p}\right) = p - y",
  "LaTeX = chain, Jacobian times entrywise -y/p", "(diag(p) - p p^T)(-y / p) = p - y",
  lambda c: (diag(V(c.p)) - V(c.p) @ V(c.p).T) @ (-ediv(V(c.y), V(c.p))))
A(P, Tg, "latex", "wrong", r"\frac{\partial L}{\partial z} = \left(\operatorname{diag}(p) - pp^\top\right) y",
  "LaTeX", "(diag(p) - p p^T) y", lambda c: (diag(V(c.p)) - V(c.p) @ V(c.p).T) @ V(c.y),
  mistake="missing chain factor: dL/dp = -y/p replaced by y")


# ----------------------------------------------------------------------------------------------
# mlp2: a = W1 x + b1, h = relu(a), o = W2 h + b2, L = 1/2 ||o - t||^2
# ----------------------------------------------------------------------------------------------
def mlp2_base(rng, size):
    m, n, cdim = size
    while True:
        W1 = rng.normal(size=(n, m))
        b1 = rng.normal(size=n) * 0.5
        x = rng.normal(size=m)
        a_ = W1 @ x + b1
        if np.min(np.abs(a_)) > 0.05 and (a_ > 0).any() and (a_ < 0).any():
            break
    W2 = rng.normal(size=(cdim, n))
    b2 = rng.normal(size=cdim)
    t = rng.normal(size=cdim)
    fwd = lambda W1_, b1_, W2_: W2_ @ np.maximum(0, W1_ @ x + b1_) + b2
    loss = lambda W1_, b1_, W2_: 0.5 * float(((fwd(W1_, b1_, W2_) - t) ** 2).sum())
    h = np.maximum(0, a_)
    o = W2 @ h + b2
    return Ctx(m=m, n=n, cdim=cdim, W1=W1, b1=b1, W2=W2, b2=b2, x=x, t=t, a=a_, h=h, out=o,
               ind=(a_ > 0).astype(float), loss=loss)


def make_mlp2(which):
    def make(rng, size):
        c = mlp2_base(rng, size)
        delta1 = c.ind * (c.W2.T @ (c.out - c.t))
        if which in ("dL_dW1", "dL_dW1_matrix"):
            fdv = jac(lambda W: c.loss(W, c.b1, c.W2), c.W1)
            hand = np.outer(delta1, c.x)
        else:
            fdv = jac(lambda W: c.loss(c.W1, c.b1, W), c.W2)
            hand = np.outer(c.out - c.t, c.h)
        verify(hand, fdv, which)
        if which == "dL_dW1":
            c.ref, c.domain = arr_ref(hand), all_idx(c.n, c.m)
        else:
            c.ref, c.domain = (lambda: hand), [()]
        return c
    return make


MLP_SIZES = [(3, 4, 2), (2, 3, 3), (4, 5, 1)]   # (m, n, c)
target("mlp2", "dL_dW1", make_mlp2("dL_dW1"), MLP_SIZES, 3, note="points with both signs of a_k")
target("mlp2", "dL_dW1_matrix", make_mlp2("dL_dW1_matrix"), MLP_SIZES, 3, kind="matrix")
target("mlp2", "dL_dW2_matrix", make_mlp2("dL_dW2_matrix"), MLP_SIZES, 3, kind="matrix")

P, Tg = "mlp2", "dL_dW1"
_bp = lambda c, k: sum((c.out[r] - c.t[r]) * c.W2[r, k - 1] for r in range(c.cdim))   # sum_r (o_r - t_r) W2_rk
A(P, Tg, "plain", "right", "1[a_k>0] * x_j * sum_r (o_r - t_r) W^(2)_rk", "plain ASCII, 1[...] indicator, W^(2) layer label",
  "1[a_k > 0] x_j sum_r (o_r - t_r) W2_rk", lambda c, k, j: c.o.ind[k] * c.o.x[j] * _bp(c, k))
A(P, Tg, "plain", "wrong", "x_j * sum_r (o_r - t_r) W^(2)_rk", "plain ASCII",
  "x_j sum_r (o_r - t_r) W2_rk", lambda c, k, j: c.o.x[j] * _bp(c, k), mistake="missing the ReLU derivative 1[a_k > 0]")
A(P, Tg, "plain", "right", "sum_r (o_r - t_r) W^(2)_rk x_j if a_k > 0, 0 otherwise", "plain text, cases in words",
  "sum_r (o_r - t_r) W2_rk x_j when a_k > 0, else 0", lambda c, k, j: _bp(c, k) * c.o.x[j] if c.o.a[k] > 0 else 0.0)
A(P, Tg, "converter", "right",
  r"\mathbb{1}\left[a_{k}>0\right] \sum_{r=1}^{c}\left(o_{r}-t_{r}\right) W_{r k}^{(2)} x_{j}",
  r"Mathpix \mathbb{1}, W_{r k}^{(2)}", "1[a_k > 0] sum_r (o_r - t_r) W2_rk x_j",
  lambda c, k, j: c.o.ind[k] * _bp(c, k) * c.o.x[j])
A(P, Tg, "converter", "wrong",
  r"\mathbb{1}\left[a_{k}>0\right] \sum_{r=1}^{c}\left(o_{r}-t_{r}\right) W_{k r}^{(2)} x_{j}",
  r"Mathpix \mathbb{1}", "1[a_k > 0] sum_r (o_r - t_r) W2_kr x_j",
  lambda c, k, j: c.o.ind[k] * sum((c.o.out[r] - c.o.t[r]) * c.o.W2[k, r] for r in range(1, c.cdim + 1)) * c.o.x[j],
  mistake="transposed weight index: W2_kr instead of W2_rk", undef=True)
A(P, Tg, "latex", "right",
  r"\frac{\partial L}{\partial W^{(1)}_{kj}} = \delta^{(1)}_k x_j, \quad \text{where } \delta^{(1)}_k = \mathbb{1}[a_k > 0]\sum_{r=1}^{c} W^{(2)}_{rk}(o_r - t_r)",
  r"LaTeX with a \text{where } clause naming delta^(1)_k", "delta1_k x_j with delta1_k = 1[a_k > 0] sum_r W2_rk (o_r - t_r)",
  lambda c, k, j: c.o.ind[k] * _bp(c, k) * c.o.x[j])
A(P, Tg, "latex", "wrong",
  r"\frac{\partial L}{\partial W^{(1)}_{kj}} = h_k \sum_{r=1}^{c} (o_r - t_r)\, W^{(2)}_{rk}\, x_j",
  "LaTeX", "h_k sum_r (o_r - t_r) W2_rk x_j", lambda c, k, j: c.o.h[k] * _bp(c, k) * c.o.x[j],
  mistake="ReLU itself (h_k) in place of its derivative 1[a_k > 0]")

P, Tg = "mlp2", "dL_dW1_matrix"
_d1 = lambda c: had(V(c.ind), Mx(c.W2).T @ (V(c.out) - V(c.t)))
A(P, Tg, "plain", "right", "(1[a>0] ⊙ (W^(2))ᵀ(o - t)) xᵀ", "plain Unicode ⊙ and ᵀ",
  "(1[a > 0] * W2^T (o - t)) x^T", lambda c: _d1(c) @ V(c.x).T)
A(P, Tg, "plain", "wrong", "x (1[a>0] ⊙ (W^(2))ᵀ(o - t))ᵀ", "plain Unicode",
  "x (1[a > 0] * W2^T (o - t))^T, an m x n matrix", lambda c: V(c.x) @ _d1(c).T,
  mistake="transposed: x delta^T (m x n) instead of delta x^T (n x m)")
A(P, Tg, "converter", "right",
  r"\left(\mathbb{1}[\mathbf{a}>0] \odot\left(\mathbf{W}^{(2) \top}(\mathbf{o}-\mathbf{t})\right)\right) \mathbf{x}^{\top}",
  r"Mathpix \mathbf{W}^{(2) \top}, \odot", "(1[a > 0] * W2^T (o - t)) x^T", lambda c: _d1(c) @ V(c.x).T)
A(P, Tg, "converter", "wrong", r"\left(\mathbf{W}^{(2) \top}(\mathbf{o}-\mathbf{t})\right) \mathbf{x}^{\top}",
  r"Mathpix \mathbf{}", "(W2^T (o - t)) x^T", lambda c: (Mx(c.W2).T @ (V(c.out) - V(c.t))) @ V(c.x).T,
  mistake="missing the ReLU mask 1[a > 0]")
A(P, Tg, "latex", "right",
  r"\frac{\partial L}{\partial W^{(1)}} = \operatorname{diag}\left(\mathbb{1}[a>0]\right) W^{(2)\top}(o-t)\, x^\top",
  r"LaTeX, mask as diag(1[a > 0]), W^{(2)\top}", "diag(1[a > 0]) W2^T (o - t) x^T",
  lambda c: diag(V(c.ind)) @ Mx(c.W2).T @ (V(c.out) - V(c.t)) @ V(c.x).T)
A(P, Tg, "latex", "wrong",
  r"\frac{\partial L}{\partial W^{(1)}} = \delta^{(1)} x^\top, \quad \delta^{(1)} = \mathbb{1}[a>0]\odot\left(W^{(2)}(o-t)\right)",
  "LaTeX, definition after the answer", "delta1 x^T with delta1 = 1[a > 0] * (W2 (o - t))",
  lambda c: had(V(c.ind), Mx(c.W2) @ (V(c.out) - V(c.t))) @ V(c.x).T,
  mistake="missing transpose: W^(2)(o - t) instead of W^(2)T (o - t)", undef=True)

P, Tg = "mlp2", "dL_dW2_matrix"
A(P, Tg, "plain", "right", "(o - t) h^T", "plain ASCII", "(o - t) h^T", lambda c: (V(c.out) - V(c.t)) @ V(c.h).T)
A(P, Tg, "plain", "wrong", "h (o - t)^T", "plain ASCII", "h (o - t)^T, n x c",
  lambda c: V(c.h) @ (V(c.out) - V(c.t)).T, mistake="transposed: h (o - t)^T instead of (o - t) h^T")
A(P, Tg, "converter", "right", r"(\mathbf{o}-\mathbf{t}) \mathbf{h}{ }^{\top}", r"Mathpix \mathbf{}, empty group before ^{\top}",
  "(o - t) h^T", lambda c: (V(c.out) - V(c.t)) @ V(c.h).T)
A(P, Tg, "converter", "wrong", r"(\mathbf{o}-\mathbf{t}) \mathbf{a}^{\top}", r"Mathpix \mathbf{}",
  "(o - t) a^T", lambda c: (V(c.out) - V(c.t)) @ V(c.a).T, mistake="pre-activation a instead of h = max(0, a)")
A(P, Tg, "latex", "right", r"\frac{\partial L}{\partial W^{(2)}} = (o-t)\,h^\top, \quad \text{where } h = \max(0, a)",
  r"LaTeX with a \text{where } clause", "(o - t) h^T with h = max(0, a)",
  lambda c: (V(c.out) - V(c.t)) @ V(np.maximum(0, c.a)).T)
A(P, Tg, "latex", "wrong", r"$\frac{\partial L}{\partial W^{(2)}} = \frac{1}{2}(o-t)\,h^\top$", "LaTeX inline",
  "(1/2)(o - t) h^T", lambda c: 0.5 * ((V(c.out) - V(c.t)) @ V(c.h).T), mistake="coefficient off: kept the 1/2 of the loss")


# ----------------------------------------------------------------------------------------------
# layernorm
# ----------------------------------------------------------------------------------------------
def make_layernorm(which):
    def make(rng, n):
        x = rng.normal(size=n) * 1.3 + 0.4
        gamma, beta, eps = rng.normal() * 1.5, rng.normal(), rng.uniform(0.05, 0.6)
        u, w = rng.normal(size=n), rng.normal(size=n)

        def fwd(x_, gamma_=gamma, beta_=beta):
            mu_ = x_.mean()
            var_ = ((x_ - mu_) ** 2).mean()
            return gamma_ * (x_ - mu_) / math.sqrt(var_ + eps) + beta_

        loss = lambda yy: float(u @ yy + 0.5 * w @ (yy ** 2))
        mu = x.mean()
        var = ((x - mu) ** 2).mean()
        xh = (x - mu) / math.sqrt(var + eps)
        yy = fwd(x)
        g = u + w * yy
        c = Ctx(n=n, x=x, gamma=gamma, beta=beta, eps=eps, mu=mu, var=var, xh=xh, g=g)
        if which == "dL_dx":
            fdv = jac(lambda x_: loss(fwd(x_)), x)
            hand = gamma / math.sqrt(var + eps) * (g - ((1 + np.outer(xh, xh)) @ g) / n)
            verify(hand, fdv, which)
            c.ref, c.domain = arr_ref(hand), all_idx(n)
        elif which == "dL_dgamma":
            fdv = dscalar(lambda gm: loss(fwd(x, gamma_=gm)), gamma)
            hand = float(xh @ g)
            verify(hand, fdv, which)
            c.ref, c.domain = (lambda: hand), [()]
        else:
            fdv = dscalar(lambda bt: loss(fwd(x, beta_=bt)), beta)
            hand = float(g.sum())
            verify(hand, fdv, which)
            c.ref, c.domain = (lambda: hand), [()]
        return c
    return make


target("layernorm", "dL_dx", make_layernorm("dL_dx"), sizes=[3, 4, 6], points=3)
target("layernorm", "dL_dgamma", make_layernorm("dL_dgamma"), sizes=[3, 4, 6], points=3, kind="scalar")
target("layernorm", "dL_dbeta", make_layernorm("dL_dbeta"), sizes=[3, 5], points=3, kind="scalar")


def _ln(c, i, sign=-1.0, inv_n=True, power=0.5, var_term=True):
    k = 1.0 / c.n if inv_n else 1.0
    val = c.o.g[i] - k * c.g.sum()
    if var_term:
        val += sign * k * c.o.xh[i] * float(c.xh @ c.g)
    return c.gamma / (c.var + c.eps) ** power * val


P, Tg = "layernorm", "dL_dx"
A(P, Tg, "plain", "right", "γ/sqrt(σ²+ε) * (dL/dy_i - (1/n) Σ_j dL/dy_j - (1/n) x̂_i Σ_j x̂_j dL/dy_j)",
  "plain Unicode, x̂, σ², d-notation", "gamma/sqrt(var+eps) (g_i - mean g - xhat_i mean(xhat g))",
  lambda c, i: _ln(c, i))
A(P, Tg, "plain", "wrong", "γ/sqrt(σ²+ε) * (dL/dy_i - (1/n) Σ_j dL/dy_j)", "plain Unicode",
  "gamma/sqrt(var+eps) (g_i - mean g)", lambda c, i: _ln(c, i, var_term=False),
  mistake="missing the term through sigma^2 (-(1/n) xhat_i sum_j xhat_j dL/dy_j)")
A(P, Tg, "plain", "wrong", "gamma/sqrt(sigma^2+eps) * (dL/dy_i - (1/n) sum_j dL/dy_j + (1/n) xhat_i sum_j xhat_j dL/dy_j)",
  "plain ASCII, xhat", "gamma/sqrt(var+eps) (g_i - mean g + xhat_i mean(xhat g))", lambda c, i: _ln(c, i, sign=+1.0),
  mistake="wrong sign of the variance term")
A(P, Tg, "converter", "right",
  r"\frac{\gamma}{n \sqrt{\sigma^{2}+\epsilon}}\left(n \frac{\partial L}{\partial y_{i}}-\sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}-\hat{x}_{i} \sum_{j=1}^{n} \hat{x}_{j} \frac{\partial L}{\partial y_{j}}\right)",
  r"Mathpix \hat{x}, 1/n pulled out", "gamma/(n sqrt(var+eps)) (n g_i - sum g - xhat_i sum xhat_j g_j)",
  lambda c, i: _ln(c, i))
A(P, Tg, "converter", "wrong",
  r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left(\frac{\partial L}{\partial y_{i}}-\sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}-\hat{x}_{i} \sum_{j=1}^{n} \hat{x}_{j} \frac{\partial L}{\partial y_{j}}\right)",
  r"Mathpix \hat{x}", "gamma/sqrt(var+eps) (g_i - sum g - xhat_i sum xhat_j g_j)", lambda c, i: _ln(c, i, inv_n=False),
  mistake="lost the 1/n factors")
A(P, Tg, "latex", "right",
  r"\frac{\partial L}{\partial x_i} = \frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=1}^{n}\left(1+\hat x_i\hat x_j\right)\frac{\partial L}{\partial y_j}\right)",
  "LaTeX, (1 + xhat_i xhat_j) grouped", "gamma/sqrt(var+eps) (g_i - (1/n) sum_j (1 + xhat_i xhat_j) g_j)",
  lambda c, i: c.gamma / math.sqrt(c.var + c.eps) * (c.o.g[i] - sum((1 + c.o.xh[i] * c.o.xh[j]) * c.o.g[j] for j in range(1, c.n + 1)) / c.n))
A(P, Tg, "latex", "wrong",
  r"$$\frac{\partial L}{\partial x_i} = \frac{\gamma}{\sigma^2+\epsilon}\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j=1}^{n}\left(1+\hat x_i\hat x_j\right)\frac{\partial L}{\partial y_j}\right)$$",
  "LaTeX display $$", "gamma/(var+eps) (g_i - (1/n) sum_j (1 + xhat_i xhat_j) g_j)", lambda c, i: _ln(c, i, power=1.0),
  mistake="prefactor gamma/(sigma^2+eps) instead of gamma/sqrt(sigma^2+eps)")

P, Tg = "layernorm", "dL_dgamma"
A(P, Tg, "plain", "right", "sum_j xhat_j * dL/dy_j", "plain ASCII", "sum_j xhat_j dL/dy_j", lambda c: float(c.xh @ c.g))
A(P, Tg, "plain", "wrong", "sum_j dL/dy_j", "plain ASCII", "sum_j dL/dy_j", lambda c: float(c.g.sum()),
  mistake="missing factor xhat_j (gave dL/dbeta)")
A(P, Tg, "converter", "right", r"\sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}} \hat{x}_{j}", "Mathpix",
  "sum_j dL/dy_j xhat_j", lambda c: float(c.xh @ c.g))
A(P, Tg, "converter", "wrong", r"\sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}} x_{j}", "Mathpix",
  "sum_j dL/dy_j x_j", lambda c: float(c.x @ c.g), mistake="x_j instead of the normalized xhat_j")
A(P, Tg, "latex", "right", r"\frac{\partial L}{\partial\gamma} = \hat x^\top \frac{\partial L}{\partial y}",
  "LaTeX, inner product of vectors", "xhat^T dL/dy (a 1 x 1 product)",
  lambda c: (V(c.xh).T @ V(c.g)).item())
A(P, Tg, "latex", "wrong", r"\frac{\partial L}{\partial \gamma} = \frac{1}{n}\sum_{j=1}^{n}\hat x_j\frac{\partial L}{\partial y_j}",
  "LaTeX", "(1/n) sum_j xhat_j dL/dy_j", lambda c: float(c.xh @ c.g) / c.n, mistake="spurious factor 1/n")
A(P, Tg, "latex", "right",
  r"$\frac{\partial L}{\partial\gamma} = \sum_{j=1}^n \frac{x_j - \mu}{\sqrt{\sigma^2+\epsilon}}\,\frac{\partial L}{\partial y_j}$",
  "LaTeX inline, xhat written out", "sum_j (x_j - mu)/sqrt(var+eps) dL/dy_j",
  lambda c: float(((c.x - c.mu) / math.sqrt(c.var + c.eps)) @ c.g))

P, Tg = "layernorm", "dL_dbeta"
A(P, Tg, "plain", "right", "∑_j ∂L/∂y_j", "plain Unicode ∑ (n-ary summation sign)", "sum_j dL/dy_j", lambda c: float(c.g.sum()))
A(P, Tg, "converter", "wrong", r"\sum_{j=1}^{n} \hat{x}_{j} \frac{\partial L}{\partial y_{j}}", "Mathpix",
  "sum_j xhat_j dL/dy_j", lambda c: float(c.xh @ c.g), mistake="spurious factor xhat_j (gave dL/dgamma)")
A(P, Tg, "latex", "right", r"\frac{\partial L}{\partial \beta} = \mathbf{1}^\top\frac{\partial L}{\partial y}",
  r"LaTeX, \mathbf{1}^\top", "1^T dL/dy", lambda c: (ones(c.n).T @ V(c.g)).item())
A(P, Tg, "latex", "wrong", r"\frac{\partial L}{\partial \beta} = \frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}",
  "LaTeX", "(1/n) sum_j dL/dy_j", lambda c: float(c.g.sum()) / c.n, mistake="spurious factor 1/n (a mean instead of a sum)")


# ----------------------------------------------------------------------------------------------
# attention_softmax: s = K q / sqrt(D), a = softmax(s)
# ----------------------------------------------------------------------------------------------
def make_attn(which):
    def make(rng, size):
        n, D = size
        q = rng.normal(size=D)
        Kk = rng.normal(size=(n, D)) * 1.2
        s = Kk @ q / math.sqrt(D)
        a_ = softmax(s)
        c = Ctx(n=n, D=D, q=q, K=Kk, s=s, a=a_)
        if which == "da_dq":
            fdv = jac(lambda q_: softmax(Kk @ q_ / math.sqrt(D)), q)          # [j, d]
            hand = a_[:, None] * (Kk - (a_ @ Kk)[None, :]) / math.sqrt(D)
            verify(hand, fdv, which)
            c.ref, c.domain = arr_ref(hand), all_idx(n, D)
        else:
            fdv = jac(softmax, s)
            hand = np.diag(a_) - np.outer(a_, a_)
            verify(hand, fdv, which)
            c.ref, c.domain = (lambda: hand), [()]
        return c
    return make


ATT_SIZES = [(3, 2), (4, 3), (2, 4)]
target("attention_softmax", "da_dq", make_attn("da_dq"), ATT_SIZES, 3)
target("attention_softmax", "da_ds_matrix", make_attn("da_ds_matrix"), ATT_SIZES, 3, kind="matrix")

P, Tg = "attention_softmax", "da_dq"
_abar = lambda c, d: sum(c.o.a[l] * c.o.K[l, d] for l in range(1, c.n + 1))
A(P, Tg, "plain", "right", "a_j (K_jd - sum_l a_l K_ld) / sqrt(D)", "plain ASCII",
  "a_j (K_jd - sum_l a_l K_ld) / sqrt(D)", lambda c, j, d: c.o.a[j] * (c.o.K[j, d] - _abar(c, d)) / math.sqrt(c.D))
A(P, Tg, "plain", "wrong", "a_j (K_jd - sum_l a_l K_ld)", "plain ASCII", "a_j (K_jd - sum_l a_l K_ld)",
  lambda c, j, d: c.o.a[j] * (c.o.K[j, d] - _abar(c, d)), mistake="missing the scale factor 1/sqrt(D)")
A(P, Tg, "plain", "right", "(a_j/√D) K_jd - (a_j/√D) Σ_l a_l K_ld", "plain Unicode, expanded",
  "(a_j/sqrt D) K_jd - (a_j/sqrt D) sum_l a_l K_ld",
  lambda c, j, d: c.o.a[j] / math.sqrt(c.D) * c.o.K[j, d] - c.o.a[j] / math.sqrt(c.D) * _abar(c, d))
A(P, Tg, "converter", "right",
  r"\frac{1}{\sqrt{D}} a_{j}\left(K_{j d}-\sum_{l=1}^{n} a_{l} K_{l d}\right)", "Mathpix",
  "(1/sqrt D) a_j (K_jd - sum_l a_l K_ld)", lambda c, j, d: c.o.a[j] * (c.o.K[j, d] - _abar(c, d)) / math.sqrt(c.D))
A(P, Tg, "converter", "wrong", r"\frac{1}{\sqrt{D}} a_{j}\left(1-a_{j}\right) K_{j d}", "Mathpix",
  "(1/sqrt D) a_j (1 - a_j) K_jd", lambda c, j, d: c.o.a[j] * (1 - c.o.a[j]) * c.o.K[j, d] / math.sqrt(c.D),
  mistake="diagonal term only: the dependence of a_j on the other scores s_l is missing")
A(P, Tg, "latex", "right",
  r"\frac{\partial a_j}{\partial q_d} = \sum_{i=1}^{n} a_j(\delta_{ij} - a_i)\,\frac{K_{id}}{\sqrt{D}}",
  "LaTeX, chain-rule sum with delta", "sum_i a_j (delta_ij - a_i) K_id / sqrt D",
  lambda c, j, d: sum(c.o.a[j] * (dlt(i, j) - c.o.a[i]) * c.o.K[i, d] / math.sqrt(c.D) for i in range(1, c.n + 1)))
A(P, Tg, "latex", "wrong",
  r"$\frac{\partial a_j}{\partial q_d} = \frac{a_j}{\sqrt{D}}\Big(K_{jd} - \sum_{l=1}^{n} K_{ld}\Big)$", "LaTeX inline, \\Big(",
  "(a_j / sqrt D)(K_jd - sum_l K_ld)", lambda c, j, d: c.o.a[j] / math.sqrt(c.D) * (c.o.K[j, d] - sum(c.o.K[l, d] for l in range(1, c.n + 1))),
  mistake="dropped the weights a_l in the sum")

P, Tg = "attention_softmax", "da_ds_matrix"
A(P, Tg, "plain", "right", "diag(a) - a a^T", "plain ASCII", "diag(a) - a a^T", lambda c: diag(V(c.a)) - V(c.a) @ V(c.a).T)
A(P, Tg, "plain", "wrong", "diag(a(1-a))", "plain ASCII", "diag(a * (1 - a))",
  lambda c: diag(had(V(c.a), 1 - V(c.a))), mistake="diagonal only: the off-diagonal -a_i a_j entries are missing")
A(P, Tg, "converter", "right", r"\mathrm{diag}(\mathbf{a})-\mathbf{a} \mathbf{a}^{T}", r"OCR \mathrm{diag}, ^{T}",
  "diag(a) - a a^T", lambda c: diag(V(c.a)) - V(c.a) @ V(c.a).T)
A(P, Tg, "converter", "wrong",
  r"\frac{1}{\sqrt{D}}\left(\operatorname{diag}(\mathbf{a})-\mathbf{a} \mathbf{a}^{\top}\right)", "Mathpix",
  "(1/sqrt D)(diag(a) - a a^T)", lambda c: (diag(V(c.a)) - V(c.a) @ V(c.a).T) / math.sqrt(c.D),
  mistake="spurious factor 1/sqrt(D) (that belongs to ds/dq, not da/ds)")
A(P, Tg, "latex", "right", r"\frac{\partial a}{\partial s} = \operatorname{diag}(a) - a\,a^{T}", "LaTeX, ^{T}",
  "diag(a) - a a^T", lambda c: diag(V(c.a)) - V(c.a) @ V(c.a).T)
A(P, Tg, "latex", "wrong", r"$\frac{\partial a}{\partial s} = I - a a^\top$", "LaTeX inline",
  "I - a a^T", lambda c: I(c.n) - V(c.a) @ V(c.a).T, mistake="identity I in place of diag(a)")


# ----------------------------------------------------------------------------------------------
# rnn_tanh: h_t = tanh(W h_{t-1} + U x_t + b)
# ----------------------------------------------------------------------------------------------
def make_rnn(which):
    def make(rng, size):
        n, m = size
        W = rng.normal(size=(n, n)) * 0.8
        U = rng.normal(size=(n, m)) * 0.8
        b = rng.normal(size=n) * 0.3
        hp = np.tanh(rng.normal(size=n))
        x = rng.normal(size=m)
        fwd = lambda W_, hp_: np.tanh(W_ @ hp_ + U @ x + b)
        h = fwd(W, hp)
        c = Ctx(n=n, m=m, W=W, U=U, b=b, hp=hp, x=x, h=h, a=W @ hp + U @ x + b)
        if which == "dh_dhprev_matrix":
            fdv = jac(lambda hp_: fwd(W, hp_), hp)
            hand = np.diag(1 - h ** 2) @ W
            verify(hand, fdv, which)
            c.ref, c.domain = (lambda: hand), [()]
        else:
            fdv = jac(lambda W_: fwd(W_, hp), W)                   # [k, i, j]
            hand = np.array([[[(1 - h[k] ** 2) * dlt(i, k) * hp[j] for j in range(n)] for i in range(n)] for k in range(n)])
            verify(hand, fdv, which)
            c.ref, c.domain = arr_ref(hand), all_idx(n, n, n)
        return c
    return make


RNN_SIZES = [(3, 2), (4, 3), (2, 2)]
target("rnn_tanh", "dh_dhprev_matrix", make_rnn("dh_dhprev_matrix"), RNN_SIZES, 3, kind="matrix")
target("rnn_tanh", "dh_dW", make_rnn("dh_dW"), RNN_SIZES, 3)

P, Tg = "rnn_tanh", "dh_dhprev_matrix"
A(P, Tg, "plain", "right", "diag(1 - h_t ⊙ h_t) W", "plain with ⊙", "diag(1 - h_t * h_t) W",
  lambda c: diag(1 - had(V(c.h), V(c.h))) @ Mx(c.W))
A(P, Tg, "plain", "wrong", "W diag(1 - h_t^2)", "plain ASCII", "W diag(1 - h_t^2)",
  lambda c: Mx(c.W) @ diag(1 - V(c.h) ** 2), mistake="matrix product in the wrong order (W diag instead of diag W)")
A(P, Tg, "plain", "wrong", "diag(1 - h_{t-1}^2) W", "plain ASCII", "diag(1 - h_{t-1}^2) W",
  lambda c: diag(1 - V(c.hp) ** 2) @ Mx(c.W), mistake="wrong time index: h_{t-1} instead of h_t inside tanh'")
A(P, Tg, "converter", "right", r"\operatorname{diag}\left(1-\tanh ^{2}\left(\mathbf{a}_{t}\right)\right) \mathbf{W}",
  r"Mathpix \tanh ^{2}, bold a_t", "diag(1 - tanh^2(a_t)) W", lambda c: diag(1 - V(np.tanh(c.a)) ** 2) @ Mx(c.W))
A(P, Tg, "converter", "wrong", r"\operatorname{diag}\left(1-\mathbf{h}_{t}^{2}\right) \mathbf{W}^{\top}", "Mathpix",
  "diag(1 - h_t^2) W^T", lambda c: diag(1 - V(c.h) ** 2) @ Mx(c.W).T, mistake="transposed W")
A(P, Tg, "latex", "right", r"\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}\!\left(1 - h_t\odot h_t\right) W",
  r"LaTeX, \! spacing, \odot", "diag(1 - h_t * h_t) W", lambda c: diag(1 - had(V(c.h), V(c.h))) @ Mx(c.W))
A(P, Tg, "latex", "wrong", r"\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}\left(1 - \tanh(a_t)\right) W",
  "LaTeX", "diag(1 - tanh(a_t)) W", lambda c: diag(1 - V(np.tanh(c.a))) @ Mx(c.W),
  mistake="dropped the square: 1 - tanh instead of 1 - tanh^2")

P, Tg = "rnn_tanh", "dh_dW"
A(P, Tg, "plain", "right", "(1 - h_{t,k}^2) delta_ik h_{t-1,j}", "plain ASCII, h_{t,k} subscripts",
  "(1 - h_{t,k}^2) delta_ik h_{t-1,j}", lambda c, k, i, j: (1 - c.o.h[k] ** 2) * dlt(i, k) * c.o.hp[j])
A(P, Tg, "plain", "wrong", "(1 - h_{t,k}^2) h_{t-1,j}", "plain ASCII", "(1 - h_{t,k}^2) h_{t-1,j}",
  lambda c, k, i, j: (1 - c.o.h[k] ** 2) * c.o.hp[j], mistake="dropped the Kronecker delta delta_ik")
A(P, Tg, "converter", "right", r"\left(1-h_{t, k}^{2}\right) \, \delta_{i k} \, h_{t-1, j}", r"Mathpix, spaced subscripts, stray \, spacing",
  "(1 - h_{t,k}^2) delta_ik h_{t-1,j}", lambda c, k, i, j: (1 - c.o.h[k] ** 2) * dlt(i, k) * c.o.hp[j])
A(P, Tg, "converter", "wrong", r"\left(1-h_{t, k}^{2}\right) \delta_{i k} x_{t, j}", "Mathpix",
  "(1 - h_{t,k}^2) delta_ik x_{t,j}", lambda c, k, i, j: (1 - c.o.h[k] ** 2) * dlt(i, k) * c.o.x[j],
  mistake="x_{t,j} instead of h_{t-1,j} (that is dh/dU)", undef=True)
A(P, Tg, "latex", "right",
  r"\frac{\partial h_{t,k}}{\partial W_{ij}} = \begin{cases}\left(1-\tanh^2(a_{t,k})\right) h_{t-1,j}, & k = i,\\ 0, & k\neq i.\end{cases}",
  "LaTeX cases, tanh^2 of the pre-activation", "(1 - tanh^2(a_{t,k})) h_{t-1,j} if k = i, else 0",
  lambda c, k, i, j: (1 - math.tanh(c.o.a[k]) ** 2) * c.o.hp[j] if k == i else 0.0)
A(P, Tg, "latex", "wrong", r"$\frac{\partial h_{t,k}}{\partial W_{ij}} = (1 - h_{t,k})^2\,\delta_{ik}\,h_{t-1,j}$",
  "LaTeX inline", "(1 - h_{t,k})^2 delta_ik h_{t-1,j}", lambda c, k, i, j: (1 - c.o.h[k]) ** 2 * dlt(i, k) * c.o.hp[j],
  mistake="square misplaced: (1 - h)^2 instead of 1 - h^2")

# ----------------------------------------------------------------------------------------------
# momentum: v_t = mu v_{t-1} + g, theta_t = theta_{t-1} - eta v_t; Nesterov: - eta (g + mu v_t)
# ----------------------------------------------------------------------------------------------
MOM_T = 9


def make_momentum(which):
    def make(rng, size):
        mu, eta = rng.uniform(0.1, 0.9), rng.uniform(0.05, 1.0)
        g, th0 = rng.normal() * 2, rng.normal()
        v = [0.0]
        th = [th0]
        thn = [th0]
        for t in range(1, 4000):
            v.append(mu * v[-1] + g)
            if t <= MOM_T:
                th.append(th[-1] - eta * v[-1])
                thn.append(thn[-1] - eta * (g + mu * v[-1]))
        c = Ctx(mu=mu, eta=eta, g=g, th0=th0)
        if which == "v_limit":
            hand = g / (1 - mu)
            verify(hand, v[-1], which, rtol=1e-12)
            c.ref, c.domain = (lambda: hand), [()]
            return c
        series = {"v_closed": v, "theta_closed": th, "nesterov_theta_closed": thn}[which]
        c.ref = lambda t: float(series[t])
        c.domain = [(t,) for t in range(0, MOM_T + 1)]
        return c
    return make


for _t in ("v_closed", "theta_closed", "v_limit", "nesterov_theta_closed"):
    target("momentum", _t, make_momentum(_t), points=6, kind="scalar" if _t == "v_limit" else "index",
           note="t = 0..9 (v_0 = 0)")

P, Tg = "momentum", "v_closed"
A(P, Tg, "plain", "right", "g(1-mu^t)/(1-mu)", "plain ASCII", "g (1 - mu^t) / (1 - mu)",
  lambda c, t: c.g * (1 - c.mu ** t) / (1 - c.mu))
A(P, Tg, "plain", "wrong", "g(1-mu^(t+1))/(1-mu)", "plain ASCII", "g (1 - mu^{t+1}) / (1 - mu)",
  lambda c, t: c.g * (1 - c.mu ** (t + 1)) / (1 - c.mu), mistake="off by one: mu^(t+1) instead of mu^t (v_0 would be g)")
A(P, Tg, "plain", "wrong", "μ^t g", "plain Unicode", "mu^t g", lambda c, t: c.mu ** t * c.g,
  mistake="only one term of the geometric sum kept")
A(P, Tg, "converter", "right", r"v_{t}=g \sum_{k=0}^{t-1} \mu^{k}", "Mathpix, geometric sum unsummed",
  "g sum_{k=0}^{t-1} mu^k", lambda c, t: c.g * sum(c.mu ** k for k in range(0, t)))
A(P, Tg, "converter", "wrong", r"v_{t}=\frac{g}{1-\mu}", "Mathpix", "g / (1 - mu) for every t",
  lambda c, t: c.g / (1 - c.mu), mistake="gave the limit g/(1 - mu) instead of v_t (missing the 1 - mu^t)")
A(P, Tg, "converter", "right", r"v_{t}=\frac{g\left(1-\mu^{t}\right)}{1-\mu}", r"Mathpix \left( \right)",
  "g (1 - mu^t) / (1 - mu)", lambda c, t: c.g * (1 - c.mu ** t) / (1 - c.mu))
A(P, Tg, "latex", "right", r"v_t = g\,\frac{1-\mu^{t}}{1-\mu} \quad \text{for } t \ge 0.", r"LaTeX with \text{for } t \ge 0",
  "g (1 - mu^t)/(1 - mu) for t >= 0", lambda c, t: c.g * (1 - c.mu ** t) / (1 - c.mu))
A(P, Tg, "latex", "wrong", r"$v_t = g\,\frac{1-\mu^{t}}{1+\mu}$", "LaTeX inline", "g (1 - mu^t)/(1 + mu)",
  lambda c, t: c.g * (1 - c.mu ** t) / (1 + c.mu), mistake="wrong sign in the denominator: 1 + mu")

P, Tg = "momentum", "theta_closed"
_S = lambda c, t: (t - c.mu * (1 - c.mu ** t) / (1 - c.mu)) / (1 - c.mu)      # sum_{s=1}^t v_s / g
A(P, Tg, "plain", "right", "θ_0 - η g Σ_{s=1}^{t} (1-μ^s)/(1-μ)", "plain Unicode, sum left unsummed",
  "theta_0 - eta g sum_{s=1}^t (1 - mu^s)/(1 - mu)",
  lambda c, t: c.th0 - c.eta * c.g * sum((1 - c.mu ** s) / (1 - c.mu) for s in range(1, t + 1)))
A(P, Tg, "plain", "wrong", "θ_0 + η g (t - μ(1-μ^t)/(1-μ))/(1-μ)", "plain Unicode",
  "theta_0 + eta g (t - mu (1 - mu^t)/(1 - mu))/(1 - mu)", lambda c, t: c.th0 + c.eta * c.g * _S(c, t),
  mistake="wrong sign: theta moves along the gradient")
A(P, Tg, "converter", "wrong", r"\theta_{t}=\theta_{0}-\frac{\eta g t}{1-\mu}", "Mathpix",
  "theta_0 - eta g t / (1 - mu)", lambda c, t: c.th0 - c.eta * c.g * t / (1 - c.mu),
  mistake="transient dropped: every v_s replaced by its limit g/(1 - mu)")
A(P, Tg, "converter", "right",
  r"\theta_{t}=\theta_{0}-\frac{\eta g}{(1-\mu)^{2}}\left(t(1-\mu)-\mu+\mu^{t+1}\right)", "Mathpix",
  "theta_0 - eta g (t(1 - mu) - mu + mu^{t+1}) / (1 - mu)^2",
  lambda c, t: c.th0 - c.eta * c.g / (1 - c.mu) ** 2 * (t * (1 - c.mu) - c.mu + c.mu ** (t + 1)))
A(P, Tg, "latex", "right",
  r"\theta_t = \theta_0 - \frac{\eta g}{1-\mu}\left(t - \frac{\mu(1-\mu^t)}{1-\mu}\right)", "LaTeX",
  "theta_0 - eta g/(1 - mu) (t - mu (1 - mu^t)/(1 - mu))", lambda c, t: c.th0 - c.eta * c.g * _S(c, t))
A(P, Tg, "latex", "wrong",
  r"$$\theta_t = \theta_0 - \frac{\eta g}{1-\mu}\left(t - \frac{1-\mu^t}{1-\mu}\right)$$", "LaTeX display $$",
  "theta_0 - eta g/(1 - mu) (t - (1 - mu^t)/(1 - mu))",
  lambda c, t: c.th0 - c.eta * c.g / (1 - c.mu) * (t - (1 - c.mu ** t) / (1 - c.mu)),
  mistake="missing factor mu in the transient term (sum of mu^s started at s = 0)")

P, Tg = "momentum", "v_limit"
A(P, Tg, "plain", "right", "g/(1-mu)", "plain ASCII", "g / (1 - mu)", lambda c: c.g / (1 - c.mu))
A(P, Tg, "plain", "wrong", "g/(1+mu)", "plain ASCII", "g / (1 + mu)", lambda c: c.g / (1 + c.mu),
  mistake="wrong sign in the denominator")
A(P, Tg, "converter", "right", r"$\frac{g}{1-\mu}$", "Mathpix $ wrapping", "g / (1 - mu)", lambda c: c.g / (1 - c.mu))
A(P, Tg, "converter", "wrong", r"\frac{\mu g}{1-\mu}", "Mathpix", "mu g / (1 - mu)", lambda c: c.mu * c.g / (1 - c.mu),
  mistake="spurious factor mu (geometric series started at mu^1)")
A(P, Tg, "latex", "right", r"\lim_{t\to\infty} v_t = \lim_{t\to\infty} g\,\frac{1-\mu^t}{1-\mu} = \frac{g}{1-\mu}",
  "LaTeX = chain of limits", "lim g (1 - mu^t)/(1 - mu) = g / (1 - mu)", lambda c: c.g / (1 - c.mu))
A(P, Tg, "latex", "wrong", r"$\lim_{t\to\infty} v_t = \frac{g}{\mu}$", "LaTeX inline", "g / mu",
  lambda c: c.g / c.mu, mistake="wrong denominator mu instead of 1 - mu")

P, Tg = "momentum", "nesterov_theta_closed"
A(P, Tg, "latex", "right",
  r"\theta^{N}_t = \theta_0 - \eta g\left(t + \frac{\mu}{1-\mu}\Big(t - \frac{\mu(1-\mu^{t})}{1-\mu}\Big)\right)",
  r"LaTeX, \Big(", "theta_0 - eta g (t + mu/(1 - mu) (t - mu (1 - mu^t)/(1 - mu)))",
  lambda c, t: c.th0 - c.eta * c.g * (t + c.mu * _S(c, t)))
A(P, Tg, "latex", "wrong",
  r"\theta^{N}_t = \theta_0 - \frac{\eta g}{1-\mu}\left(t - \frac{\mu(1-\mu^{t})}{1-\mu}\right)", "LaTeX",
  "the plain-momentum theta_t", lambda c, t: c.th0 - c.eta * c.g * _S(c, t),
  mistake="gave the plain momentum closed form: the look-ahead terms g + mu v_t are missing")
A(P, Tg, "plain", "right", "θ_0 - η Σ_{s=1}^{t} (g + μ g (1-μ^s)/(1-μ))", "plain Unicode, sum unsummed",
  "theta_0 - eta sum_{s=1}^t (g + mu v_s) with v_s written out",
  lambda c, t: c.th0 - c.eta * sum(c.g + c.mu * c.g * (1 - c.mu ** s) / (1 - c.mu) for s in range(1, t + 1)))
A(P, Tg, "converter", "wrong",
  r"\theta_{t}^{N}=\theta_{0}-\eta g\left(t+\frac{\mu\left(1-\mu^{t}\right)}{1-\mu}\right)", "Mathpix",
  "theta_0 - eta g (t + mu (1 - mu^t)/(1 - mu))",
  lambda c, t: c.th0 - c.eta * c.g * (t + c.mu * (1 - c.mu ** t) / (1 - c.mu)),
  mistake="uses mu v_t only once (the last velocity) instead of summing mu v_s over s = 1..t")


# ----------------------------------------------------------------------------------------------
# logreg_hessian: batch X (N x d), p = sigma(X w), y in {0, 1}
# ----------------------------------------------------------------------------------------------
def make_logreg_h(which):
    def make(rng, size):
        N, d = size
        X = rng.normal(size=(N, d))
        w = rng.normal(size=d) * 0.8
        y = rng.integers(0, 2, size=N).astype(float)
        if y.min() == y.max():
            y[0] = 1 - y[0]
        def loss(w_):
            p_ = sig(X @ w_)
            return -float(y @ np.log(p_) + (1 - y) @ np.log(1 - p_))
        s = X @ w
        p = sig(s)
        c = Ctx(N=N, d=d, X=X, w=w, y=y, s=s, p=p)
        if which == "dL_dw_vec":
            hand = X.T @ (p - y)
            verify(hand, jac(loss, w), which)
            c.ref, c.domain = (lambda: hand.reshape(-1, 1)), [()]
        elif which in ("hess", "hess_matrix"):
            hand = X.T @ np.diag(p * (1 - p)) @ X
            verify(hand, hess_fd(loss, w), which)
            if which == "hess":
                c.ref, c.domain = arr_ref(hand), all_idx(d, d)
            else:
                c.ref, c.domain = (lambda: hand), [()]
        else:                                   # one example
            x = rng.normal(size=d)
            y1 = float(rng.integers(0, 2))
            s1 = float(w @ x)
            p1 = float(sig(s1))
            l1 = lambda w_: -(y1 * math.log(sig(w_ @ x)) + (1 - y1) * math.log(1 - sig(w_ @ x)))
            hand = p1 * (1 - p1) * np.outer(x, x)
            verify(hand, hess_fd(l1, w), which)
            c.x1, c.y1, c.s1, c.p1 = x, y1, s1, p1
            c.ref, c.domain = (lambda: hand), [()]
        return c
    return make


LRH_SIZES = [(5, 3), (4, 2), (3, 4), (3, 3)]
target("logreg_hessian", "dL_dw_vec", make_logreg_h("dL_dw_vec"), LRH_SIZES, 3, kind="matrix")
target("logreg_hessian", "hess", make_logreg_h("hess"), LRH_SIZES, 3)
target("logreg_hessian", "hess_matrix", make_logreg_h("hess_matrix"), LRH_SIZES, 3, kind="matrix")
target("logreg_hessian", "hess1_matrix", make_logreg_h("hess1_matrix"), LRH_SIZES, 3, kind="matrix",
       note="one example x in R^d; p = sigma(w^T x) a scalar")

P, Tg = "logreg_hessian", "dL_dw_vec"
A(P, Tg, "plain", "right", "X^T (p - y)", "plain ASCII", "X^T (p - y)", lambda c: Mx(c.X).T @ (V(c.p) - V(c.y)))
A(P, Tg, "plain", "wrong", "X (p - y)", "plain ASCII", "X (p - y)", lambda c: Mx(c.X) @ (V(c.p) - V(c.y)),
  mistake="missing transpose on X (shapes do not conform)", undef=True)
A(P, Tg, "converter", "right", r"\mathbf{X}^{\top}(\mathbf{p}-\mathbf{y})", "Mathpix", "X^T (p - y)",
  lambda c: Mx(c.X).T @ (V(c.p) - V(c.y)))
A(P, Tg, "converter", "wrong", r"(\mathbf{p}-\mathbf{y})^{\top} \mathbf{X}", "Mathpix", "(p - y)^T X, a 1 x d row",
  lambda c: (V(c.p) - V(c.y)).T @ Mx(c.X), mistake="row vector (p - y)^T X instead of the column X^T (p - y) (layout)")
A(P, Tg, "latex", "right", r"\nabla_w L = \sum_{n=1}^{N}(p_n - y_n)\,x_n", "LaTeX, sum over the rows x_n",
  "sum_n (p_n - y_n) x_n with x_n the n-th row as a column",
  lambda c: sum(((c.p[n] - c.y[n]) * V(c.X[n]) for n in range(1, c.N)), (c.p[0] - c.y[0]) * V(c.X[0])))
A(P, Tg, "latex", "wrong", r"$\nabla_w L = X^\top(y - p)$", "LaTeX inline", "X^T (y - p)",
  lambda c: Mx(c.X).T @ (V(c.y) - V(c.p)), mistake="wrong sign")
A(P, Tg, "converter", "right",
  r"\mathbf{X}^{\top}\left(\sigma(\mathbf{X} \mathbf{w})-\mathbf{y}\right)", "Mathpix, p written as sigma(Xw)",
  "X^T (sigma(X w) - y)", lambda c: Mx(c.X).T @ (V(sig(c.X @ c.w)) - V(c.y)))

P, Tg = "logreg_hessian", "hess"
A(P, Tg, "plain", "right", "sum_n p_n(1-p_n) X_ni X_nj", "plain ASCII", "sum_n p_n (1 - p_n) X_ni X_nj",
  lambda c, i, j: sum(c.o.p[n] * (1 - c.o.p[n]) * c.o.X[n, i] * c.o.X[n, j] for n in range(1, c.N + 1)))
A(P, Tg, "plain", "wrong", "sum_n p_n(1-p_n) X_ni", "plain ASCII", "sum_n p_n (1 - p_n) X_ni",
  lambda c, i, j: sum(c.o.p[n] * (1 - c.o.p[n]) * c.o.X[n, i] for n in range(1, c.N + 1)), mistake="missing factor X_nj")
A(P, Tg, "converter", "right",
  r"\sum_{n=1}^{N} \sigma\left(s_{n}\right)\left(1-\sigma\left(s_{n}\right)\right) X_{n i} X_{n j}", "Mathpix",
  "sum_n sigma(s_n)(1 - sigma(s_n)) X_ni X_nj",
  lambda c, i, j: sum(sig(c.o.s[n]) * (1 - sig(c.o.s[n])) * c.o.X[n, i] * c.o.X[n, j] for n in range(1, c.N + 1)))
A(P, Tg, "converter", "wrong", r"\sum_{n=1}^{N}\left(p_{n}-y_{n}\right) X_{n i} X_{n j}", "Mathpix",
  "sum_n (p_n - y_n) X_ni X_nj",
  lambda c, i, j: sum((c.o.p[n] - c.o.y[n]) * c.o.X[n, i] * c.o.X[n, j] for n in range(1, c.N + 1)),
  mistake="(p_n - y_n) in place of p_n(1 - p_n): the gradient factor instead of sigma'")
A(P, Tg, "latex", "right",
  r"\frac{\partial^2 L}{\partial w_i\,\partial w_j} = \sum_{n=1}^{N} \sigma'(s_n)\, X_{ni}X_{nj}", "LaTeX second-derivative left side",
  "sum_n sigma'(s_n) X_ni X_nj",
  lambda c, i, j: sum(c.o.p[n] * (1 - c.o.p[n]) * c.o.X[n, i] * c.o.X[n, j] for n in range(1, c.N + 1)))
A(P, Tg, "latex", "wrong",
  r"\frac{\partial^2 L}{\partial w_i \partial w_j} = -\sum_{n=1}^N p_n(1-p_n)\,X_{ni}X_{nj}", "LaTeX",
  "-sum_n p_n (1 - p_n) X_ni X_nj",
  lambda c, i, j: -sum(c.o.p[n] * (1 - c.o.p[n]) * c.o.X[n, i] * c.o.X[n, j] for n in range(1, c.N + 1)),
  mistake="wrong sign (the Hessian of the negative log-likelihood is positive semidefinite)")
A(P, Tg, "latex", "wrong",
  r"$\frac{\partial^2 L}{\partial w_i \partial w_j} = \sum_{n=1}^{N} p_n(1-p_n)\,X_{ni}X_{nj}\,\delta_{ij}$", "LaTeX inline",
  "sum_n p_n (1 - p_n) X_ni X_nj delta_ij (diagonal only)",
  lambda c, i, j: dlt(i, j) * sum(c.o.p[n] * (1 - c.o.p[n]) * c.o.X[n, i] * c.o.X[n, j] for n in range(1, c.N + 1)),
  mistake="spurious Kronecker delta: the off-diagonal second derivatives set to 0")

P, Tg = "logreg_hessian", "hess_matrix"
A(P, Tg, "plain", "right", "X^T diag(p ⊙ (1-p)) X", "plain with ⊙", "X^T diag(p * (1 - p)) X",
  lambda c: Mx(c.X).T @ diag(had(V(c.p), 1 - V(c.p))) @ Mx(c.X))
A(P, Tg, "plain", "wrong", "X diag(p(1-p)) X^T", "plain ASCII", "X diag(p(1 - p)) X^T",
  lambda c: Mx(c.X) @ diag(had(V(c.p), 1 - V(c.p))) @ Mx(c.X).T,
  mistake="transposes on the wrong side: X diag X^T (shapes do not conform)", undef=True)
A(P, Tg, "converter", "right", r"\mathbf{X}^{\top} \operatorname{diag}(\mathbf{p} \odot(\mathbf{1}-\mathbf{p})) \mathbf{X}", "Mathpix",
  "X^T diag(p * (1 - p)) X", lambda c: Mx(c.X).T @ diag(had(V(c.p), ones(c.N) - V(c.p))) @ Mx(c.X))
A(P, Tg, "converter", "wrong", r"\(\mathbf{X}^{\top} \operatorname{diag}(\mathbf{p}) \mathbf{X}\)", r"Mathpix inline \( \)",
  "X^T diag(p) X", lambda c: Mx(c.X).T @ diag(V(c.p)) @ Mx(c.X), mistake="missing factor (1 - p)")
A(P, Tg, "latex", "right", r"\nabla^2_w L = \sum_{n=1}^{N} p_n(1-p_n)\, x_n x_n^\top", "LaTeX, sum of outer products",
  "sum_n p_n (1 - p_n) x_n x_n^T",
  lambda c: sum((c.p[n] * (1 - c.p[n]) * (V(c.X[n]) @ V(c.X[n]).T) for n in range(1, c.N)),
                c.p[0] * (1 - c.p[0]) * (V(c.X[0]) @ V(c.X[0]).T)))
A(P, Tg, "latex", "wrong", r"$\nabla^2_w L = p^\top(1-p)\; X^\top X$", "LaTeX inline",
  "(sum_n p_n (1 - p_n)) X^T X", lambda c: (V(c.p).T @ (1 - V(c.p))).item() * (Mx(c.X).T @ Mx(c.X)),
  mistake="per-example weights replaced by their total: (sum_n p_n(1 - p_n)) X^T X")

P, Tg = "logreg_hessian", "hess1_matrix"
A(P, Tg, "plain", "right", "p*(1-p) * x x^T", "plain ASCII with *", "p (1 - p) x x^T",
  lambda c: c.p1 * (1 - c.p1) * (V(c.x1) @ V(c.x1).T))
A(P, Tg, "plain", "wrong", "p(1-p) x^T x", "plain ASCII", "p (1 - p) x^T x, a scalar",
  lambda c: c.p1 * (1 - c.p1) * (V(c.x1).T @ V(c.x1)), mistake="inner product x^T x instead of the outer product x x^T")
A(P, Tg, "converter", "right", r"\sigma(s)(1-\sigma(s)) \mathbf{x} \mathbf{x}^{\top}", "Mathpix",
  "sigma(s)(1 - sigma(s)) x x^T", lambda c: float(sig(c.s1) * (1 - sig(c.s1))) * (V(c.x1) @ V(c.x1).T))
A(P, Tg, "converter", "wrong", r"-p(1-p) \mathbf{x} \mathbf{x}^{\top}", "Mathpix", "-p (1 - p) x x^T",
  lambda c: -c.p1 * (1 - c.p1) * (V(c.x1) @ V(c.x1).T), mistake="wrong sign")
A(P, Tg, "latex", "right", r"\nabla^2_w \ell = \sigma'(w^\top x)\, x x^\top", "LaTeX, sigma'(w^T x)",
  "sigma'(w^T x) x x^T", lambda c: float(sig(c.w @ c.x1) * (1 - sig(c.w @ c.x1))) * (V(c.x1) @ V(c.x1).T))
A(P, Tg, "latex", "wrong", r"$\nabla^2_w \ell = (p - y)\,x x^\top$", "LaTeX inline", "(p - y) x x^T",
  lambda c: (c.p1 - c.y1) * (V(c.x1) @ V(c.x1).T), mistake="(p - y) in place of p(1 - p)")


# ----------------------------------------------------------------------------------------------
# ridge: L(w) = ||X w - y||^2 + lambda ||w||^2
# ----------------------------------------------------------------------------------------------
def make_ridge(which):
    def make(rng, size):
        N, d = size
        X = rng.normal(size=(N, d))
        y = rng.normal(size=N)
        w = rng.normal(size=d)
        lam = rng.uniform(0.2, 2.0)
        L = lambda w_: float(((X @ w_ - y) ** 2).sum() + lam * (w_ ** 2).sum())
        c = Ctx(N=N, d=d, X=X, y=y, w=w, lam=lam, r=X @ w - y)
        if which == "dL_dw_vec":
            hand = 2 * X.T @ (X @ w - y) + 2 * lam * w
            verify(hand, jac(L, w), which)
            c.ref = lambda: hand.reshape(-1, 1)
        else:
            ws = np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)
            verify(np.zeros(d), jac(L, ws), "gradient at w*", atol=1e-6)
            assert np.all(np.linalg.eigvalsh(hess_fd(L, ws)) > 0)          # a minimum
            c.ref = lambda: ws.reshape(-1, 1)
        c.domain = [()]
        return c
    return make


RIDGE_SIZES = [(5, 3), (4, 4), (3, 5)]
target("ridge", "dL_dw_vec", make_ridge("dL_dw_vec"), RIDGE_SIZES, 3, kind="matrix")
target("ridge", "w_star", make_ridge("w_star"), RIDGE_SIZES, 3, kind="matrix", note="stationary point, checked to be a minimum")

P, Tg = "ridge", "dL_dw_vec"
_gr = lambda c, k=2.0, s=1.0: 2 * (Mx(c.X).T @ (s * (Mx(c.X) @ V(c.w) - V(c.y)))) + k * c.lam * V(c.w)
A(P, Tg, "plain", "right", "2X^T(Xw - y) + 2λw", "plain Unicode λ", "2 X^T (X w - y) + 2 lambda w", lambda c: _gr(c))
A(P, Tg, "plain", "wrong", "2X^T(Xw - y) + λw", "plain Unicode", "2 X^T (X w - y) + lambda w", lambda c: _gr(c, k=1.0),
  mistake="coefficient off: lambda w instead of 2 lambda w")
A(P, Tg, "plain", "right", "2 X^T r + 2 λ w", "plain, the residual r named by the problem", "2 X^T r + 2 lambda w",
  lambda c: 2 * (Mx(c.X).T @ V(c.r)) + 2 * c.lam * V(c.w))
A(P, Tg, "converter", "right", r"2 \mathbf{X}^{\top}(\mathbf{X} \mathbf{w}-\mathbf{y})+2 \lambda \mathbf{w}", "Mathpix",
  "2 X^T (X w - y) + 2 lambda w", lambda c: _gr(c))
A(P, Tg, "converter", "wrong", r"2(\mathbf{X} \mathbf{w}-\mathbf{y})^{\top} \mathbf{X}+2 \lambda \mathbf{w}", "Mathpix",
  "2 (X w - y)^T X + 2 lambda w (a row plus a column)",
  lambda c: 2 * ((Mx(c.X) @ V(c.w) - V(c.y)).T @ Mx(c.X)) + 2 * c.lam * V(c.w),
  mistake="layout: the row (Xw - y)^T X added to the column 2 lambda w", undef=True)
A(P, Tg, "latex", "right", r"\nabla L = 2\left(X^\top X + \lambda I\right)w - 2X^\top y", "LaTeX, regrouped",
  "2 (X^T X + lambda I) w - 2 X^T y",
  lambda c: 2 * ((Mx(c.X).T @ Mx(c.X) + c.lam * I(c.d)) @ V(c.w)) - 2 * (Mx(c.X).T @ V(c.y)))
A(P, Tg, "latex", "wrong", r"$\nabla L = 2X^\top(y - Xw) + 2\lambda w$", "LaTeX inline",
  "2 X^T (y - X w) + 2 lambda w", lambda c: _gr(c, s=-1.0), mistake="wrong sign of the data term")

P, Tg = "ridge", "w_star"
_XtX = lambda c: Mx(c.X).T @ Mx(c.X)
A(P, Tg, "plain", "right", "(X^T X + λI)^(-1) X^T y", "plain Unicode, ^(-1)", "(X^T X + lambda I)^{-1} X^T y",
  lambda c: inv(_XtX(c) + c.lam * I(c.d)) @ Mx(c.X).T @ V(c.y))
A(P, Tg, "plain", "wrong", "(X^T X)^(-1) X^T y", "plain ASCII", "(X^T X)^{-1} X^T y (least squares)",
  lambda c: inv(_XtX(c)) @ Mx(c.X).T @ V(c.y) if c.N >= c.d else Mx(np.full((c.d, 1), np.nan)),
  mistake="missing lambda I: the least-squares solution, not ridge (singular when d > N)")
A(P, Tg, "plain", "wrong", "(X^T X - λI)^(-1) X^T y", "plain Unicode", "(X^T X - lambda I)^{-1} X^T y",
  lambda c: inv(_XtX(c) - c.lam * I(c.d)) @ Mx(c.X).T @ V(c.y), mistake="wrong sign of lambda I")
A(P, Tg, "converter", "right",
  r"\[\mathbf{w}^{*}=\left(\mathbf{X}^{\top} \mathbf{X}+\lambda \mathbf{I}\right)^{-1} \mathbf{X}^{\top} \mathbf{y}\]", r"Mathpix display \[ \], \mathbf{I}",
  "(X^T X + lambda I)^{-1} X^T y", lambda c: inv(_XtX(c) + c.lam * I(c.d)) @ Mx(c.X).T @ V(c.y))
A(P, Tg, "converter", "wrong",
  r"\mathbf{w}^{*}=\left(\mathbf{X}^{\top} \mathbf{X}+\lambda \mathbf{I}\right)^{-1} \mathbf{y}^{\top} \mathbf{X}", "Mathpix",
  "(X^T X + lambda I)^{-1} y^T X", lambda c: inv(_XtX(c) + c.lam * I(c.d)) @ (V(c.y).T @ Mx(c.X)),
  mistake="layout: y^T X (a row) in place of X^T y", undef=True)
A(P, Tg, "latex", "right", r"w^* = X^\top\left(XX^\top + \lambda I\right)^{-1} y", "LaTeX, the dual (kernel) form",
  "X^T (X X^T + lambda I_N)^{-1} y, equal by the push-through identity",
  lambda c: Mx(c.X).T @ inv(Mx(c.X) @ Mx(c.X).T + c.lam * I(c.N)) @ V(c.y))
A(P, Tg, "latex", "wrong", r"$w^* = \left(X^\top X + 2\lambda I\right)^{-1}X^\top y$", "LaTeX inline",
  "(X^T X + 2 lambda I)^{-1} X^T y", lambda c: inv(_XtX(c) + 2 * c.lam * I(c.d)) @ Mx(c.X).T @ V(c.y),
  mistake="coefficient off: 2 lambda instead of lambda")
A(P, Tg, "latex", "right",
  r"\nabla L = 0 \Rightarrow (X^\top X + \lambda I)\,w = X^\top y \Rightarrow w^* = (X^\top X + \lambda I)^{-1} X^\top y.",
  r"LaTeX chain of \Rightarrow, final full stop", "solving grad L = 0 gives (X^T X + lambda I)^{-1} X^T y",
  lambda c: inv(_XtX(c) + c.lam * I(c.d)) @ Mx(c.X).T @ V(c.y))

# ----------------------------------------------------------------------------------------------
# lstm_cell
# ----------------------------------------------------------------------------------------------
def make_lstm(which):
    def make(rng, size):
        n, m = size
        Wm = {g: rng.normal(size=(n, n)) * 0.7 for g in "figo"}
        Um = {g: rng.normal(size=(n, m)) * 0.7 for g in "figo"}
        bm = {g: rng.normal(size=n) * 0.3 for g in "figo"}
        hp, cp, x = np.tanh(rng.normal(size=n)), rng.normal(size=n), rng.normal(size=m)

        def gates(hp_):
            pre = {g: Wm[g] @ hp_ + Um[g] @ x + bm[g] for g in "figo"}
            return sig(pre["f"]), sig(pre["i"]), sig(pre["o"]), np.tanh(pre["g"])

        def cell(hp_, cp_):
            f_, i_, o_, g_ = gates(hp_)
            c_ = f_ * cp_ + i_ * g_
            return o_ * np.tanh(c_)

        f, i_, o, g = gates(hp)
        ct = f * cp + i_ * g
        c = Ctx(n=n, m=m, f=f, ig=i_, og=o, gg=g, cp=cp, ct=ct, h=o * np.tanh(ct), hp=hp)
        if which == "dh_dcprev_matrix":
            hand = np.diag(o * (1 - np.tanh(ct) ** 2) * f)
            verify(hand, jac(lambda cp_: cell(hp, cp_), cp), which)
            c.ref, c.domain = (lambda: hand), [()]
        else:                                            # h_t as a function of c_t (o_t fixed)
            hand = np.diag(o * (1 - np.tanh(ct) ** 2))
            verify(hand, jac(lambda c_: o * np.tanh(c_), ct), which)
            c.ref, c.domain = arr_ref(hand), all_idx(n, n)
        return c
    return make


LSTM_SIZES = [(3, 2), (4, 3)]
target("lstm_cell", "dh_dcprev_matrix", make_lstm("dh_dcprev_matrix"), LSTM_SIZES, 3, kind="matrix")
target("lstm_cell", "dh_dc", make_lstm("dh_dc"), LSTM_SIZES, 3)

P, Tg = "lstm_cell", "dh_dcprev_matrix"
A(P, Tg, "plain", "right", "diag(o_t ⊙ (1 - tanh²(c_t)) ⊙ f_t)", "plain Unicode ⊙, tanh²",
  "diag(o_t * (1 - tanh^2 c_t) * f_t)", lambda c: diag(had(V(c.og), 1 - V(np.tanh(c.ct)) ** 2, V(c.f))))
A(P, Tg, "plain", "wrong", "diag(o_t ⊙ (1 - tanh²(c_t)))", "plain Unicode",
  "diag(o_t * (1 - tanh^2 c_t))", lambda c: diag(had(V(c.og), 1 - V(np.tanh(c.ct)) ** 2)),
  mistake="missing chain factor f_t (that is dh_t/dc_t)")
A(P, Tg, "converter", "right",
  r"\operatorname{diag}\left(\mathbf{o}_{t} \odot\left(1-\tanh ^{2}\left(\mathbf{c}_{t}\right)\right) \odot \mathbf{f}_{t}\right)",
  r"Mathpix \mathbf{}, \odot, \tanh ^{2}", "diag(o_t * (1 - tanh^2 c_t) * f_t)",
  lambda c: diag(had(V(c.og), 1 - V(np.tanh(c.ct)) ** 2, V(c.f))))
A(P, Tg, "converter", "wrong",
  r"\operatorname{diag}\left(\mathbf{o}_{t} \odot\left(1-\tanh ^{2}\left(\mathbf{c}_{t-1}\right)\right) \odot \mathbf{f}_{t}\right)",
  "Mathpix", "diag(o_t * (1 - tanh^2 c_{t-1}) * f_t)",
  lambda c: diag(had(V(c.og), 1 - V(np.tanh(c.cp)) ** 2, V(c.f))), mistake="tanh' evaluated at c_{t-1} instead of c_t")
A(P, Tg, "converter", "right",
  r"\operatorname{diag}\left(\mathbf{f}_{t}\right) \operatorname{diag}\left(\mathbf{o}_{t}\right) \operatorname{diag}\left(1-\tanh ^{2}\left(\mathbf{c}_{t}\right)\right)",
  "Mathpix, product of three diagonal matrices", "diag(f_t) diag(o_t) diag(1 - tanh^2 c_t)",
  lambda c: diag(V(c.f)) @ diag(V(c.og)) @ diag(1 - V(np.tanh(c.ct)) ** 2))
A(P, Tg, "latex", "right",
  r"\frac{\partial h_t}{\partial c_{t-1}} = \frac{\partial h_t}{\partial c_t}\frac{\partial c_t}{\partial c_{t-1}} = \operatorname{diag}\big(o_t\odot(1-\tanh^2 c_t)\big)\operatorname{diag}(f_t)",
  "LaTeX = chain through c_t", "dh_t/dc_t dc_t/dc_{t-1} = diag(o_t * (1 - tanh^2 c_t)) diag(f_t)",
  lambda c: diag(had(V(c.og), 1 - V(np.tanh(c.ct)) ** 2)) @ diag(V(c.f)))
A(P, Tg, "latex", "wrong",
  r"$\frac{\partial h_t}{\partial c_{t-1}} = \operatorname{diag}\left(o_t\odot(1-\tanh(c_t))^2\odot f_t\right)$", "LaTeX inline",
  "diag(o_t * (1 - tanh c_t)^2 * f_t)", lambda c: diag(had(V(c.og), (1 - V(np.tanh(c.ct))) ** 2, V(c.f))),
  mistake="square misplaced: (1 - tanh)^2 instead of 1 - tanh^2")

P, Tg = "lstm_cell", "dh_dc"
A(P, Tg, "plain", "right", "o_{t,k} (1 - tanh(c_{t,k})^2) δ_ik", "plain Unicode, h_{t,k}-style subscripts",
  "o_{t,k} (1 - tanh(c_{t,k})^2) delta_ik", lambda c, k, i: c.o.og[k] * (1 - math.tanh(c.o.ct[k]) ** 2) * dlt(i, k))
A(P, Tg, "plain", "wrong", "o_{t,k} (1 - tanh(c_{t,k})^2)", "plain ASCII",
  "o_{t,k} (1 - tanh(c_{t,k})^2) for every i", lambda c, k, i: c.o.og[k] * (1 - math.tanh(c.o.ct[k]) ** 2),
  mistake="dropped the Kronecker delta delta_ik")
A(P, Tg, "converter", "right", r"o_{t, k}\left(1-\tanh ^{2}\left(c_{t, k}\right)\right) \delta_{i k}", "Mathpix",
  "o_{t,k} (1 - tanh^2 c_{t,k}) delta_ik", lambda c, k, i: c.o.og[k] * (1 - math.tanh(c.o.ct[k]) ** 2) * dlt(i, k))
A(P, Tg, "converter", "wrong", r"\left(1-\tanh ^{2}\left(c_{t, k}\right)\right) \delta_{i k}", "Mathpix",
  "(1 - tanh^2 c_{t,k}) delta_ik", lambda c, k, i: (1 - math.tanh(c.o.ct[k]) ** 2) * dlt(i, k),
  mistake="missing factor o_{t,k}")
A(P, Tg, "converter", "right",
  r"\left\{\begin{array}{ll}o_{t, k}\left(1-\tanh ^{2}\left(c_{t, k}\right)\right), & i=k \\ 0, & i \neq k\end{array}\right.",
  r"Mathpix \left\{ array cases", "o_{t,k}(1 - tanh^2 c_{t,k}) if i = k, else 0",
  lambda c, k, i: c.o.og[k] * (1 - math.tanh(c.o.ct[k]) ** 2) if i == k else 0.0)
A(P, Tg, "latex", "wrong",
  r"\frac{\partial h_{t,k}}{\partial c_{t,i}} = o_{t,k}\,\tanh(c_{t,k})\bigl(1-\tanh(c_{t,k})\bigr)\,\delta_{ik}", "LaTeX",
  "o_{t,k} tanh(c_{t,k})(1 - tanh(c_{t,k})) delta_ik",
  lambda c, k, i: c.o.og[k] * math.tanh(c.o.ct[k]) * (1 - math.tanh(c.o.ct[k])) * dlt(i, k),
  mistake="sigmoid-style derivative tanh(1 - tanh) used for tanh (should be 1 - tanh^2)")


# ----------------------------------------------------------------------------------------------
# gru_cell
# ----------------------------------------------------------------------------------------------
def make_gru(which):
    def make(rng, size):
        n, m = size
        Wz, Wr, Wh = (rng.normal(size=(n, m)) * 0.7 for _ in range(3))
        Uz, Ur, Uh = (rng.normal(size=(n, n)) * 0.7 for _ in range(3))
        x, hp = rng.normal(size=m), np.tanh(rng.normal(size=n))

        def cell(hp_):
            z_ = sig(Wz @ x + Uz @ hp_)
            r_ = sig(Wr @ x + Ur @ hp_)
            ht_ = np.tanh(Wh @ x + Uh @ (r_ * hp_))
            return (1 - z_) * hp_ + z_ * ht_

        z = sig(Wz @ x + Uz @ hp)
        r = sig(Wr @ x + Ur @ hp)
        ht = np.tanh(Wh @ x + Uh @ (r * hp))
        c = Ctx(n=n, m=m, z=z, r=r, ht=ht, hp=hp, Uz=Uz, Ur=Ur, Uh=Uh)
        if which == "dh_dhprev_matrix":
            D = np.diag
            hand = (D(1 - z) + D((ht - hp) * z * (1 - z)) @ Uz
                    + D(z * (1 - ht ** 2)) @ Uh @ (D(r) + D(hp * r * (1 - r)) @ Ur))
            verify(hand, jac(cell, hp), which)
            c.ref, c.domain = (lambda: hand), [()]
        elif which == "dh_dz":
            hand = np.diag(ht - hp)
            verify(hand, jac(lambda z_: (1 - z_) * hp + z_ * ht, z), which)
            c.ref, c.domain = arr_ref(hand), all_idx(n, n)
        else:
            hand = np.diag(z)
            verify(hand, jac(lambda t_: (1 - z) * hp + z * t_, ht), which)
            c.ref, c.domain = (lambda: hand), [()]
        return c
    return make


GRU_SIZES = [(3, 2), (4, 3)]
target("gru_cell", "dh_dz", make_gru("dh_dz"), GRU_SIZES, 3)
target("gru_cell", "dh_dhprev_matrix", make_gru("dh_dhprev_matrix"), GRU_SIZES, 3, kind="matrix")
target("gru_cell", "dh_dhtilde_matrix", make_gru("dh_dhtilde_matrix"), GRU_SIZES, 2, kind="matrix")

P, Tg = "gru_cell", "dh_dz"
A(P, Tg, "plain", "right", "(h̃_{t,k} - h_{t-1,k}) δ_ik", "plain Unicode h̃", "(htilde_{t,k} - h_{t-1,k}) delta_ik",
  lambda c, k, i: (c.o.ht[k] - c.o.hp[k]) * dlt(i, k))
A(P, Tg, "plain", "wrong", "(h_{t-1,k} - h̃_{t,k}) δ_ik", "plain Unicode", "(h_{t-1,k} - htilde_{t,k}) delta_ik",
  lambda c, k, i: (c.o.hp[k] - c.o.ht[k]) * dlt(i, k), mistake="wrong sign")
A(P, Tg, "converter", "right", r"\left(\tilde{h}_{t, k}-h_{t-1, k}\right) \delta_{i k}", "Mathpix \\tilde{h}",
  "(htilde_{t,k} - h_{t-1,k}) delta_ik", lambda c, k, i: (c.o.ht[k] - c.o.hp[k]) * dlt(i, k))
A(P, Tg, "converter", "wrong", r"\tilde{h}_{t, k} \delta_{i k}", "Mathpix", "htilde_{t,k} delta_ik",
  lambda c, k, i: c.o.ht[k] * dlt(i, k), mistake="missing the -h_{t-1,k} term (from the (1 - z_t) h_{t-1} part)")
A(P, Tg, "latex", "right",
  r"\frac{\partial h_{t,k}}{\partial z_{t,i}} = \begin{cases}\tilde h_{t,k} - h_{t-1,k}, & i = k\\ 0, & i \neq k\end{cases}",
  "LaTeX cases", "htilde_{t,k} - h_{t-1,k} if i = k, else 0",
  lambda c, k, i: c.o.ht[k] - c.o.hp[k] if i == k else 0.0)
A(P, Tg, "latex", "wrong", r"$\frac{\partial h_{t,k}}{\partial z_{t,i}} = \tilde h_{t,k} - h_{t-1,k}$", "LaTeX inline",
  "htilde_{t,k} - h_{t-1,k} for every i", lambda c, k, i: c.o.ht[k] - c.o.hp[k], mistake="dropped the Kronecker delta")

P, Tg = "gru_cell", "dh_dhprev_matrix"


def _gru_j(c, skip=True, sign=1.0, rpath=True):
    Zp = diag(had(V(c.z), 1 - V(c.ht) ** 2)) @ Mx(c.Uh)
    inner = diag(V(c.r)) + (diag(had(V(c.hp), V(c.r), 1 - V(c.r))) @ Mx(c.Ur) if rpath else 0.0 * I(c.n))
    out = diag(had(sign * (V(c.ht) - V(c.hp)), V(c.z), 1 - V(c.z))) @ Mx(c.Uz) + Zp @ inner
    return out + diag(1 - V(c.z)) if skip else out


A(P, Tg, "plain", "right",
  "diag(1-z_t) + diag((h̃_t - h_{t-1}) ⊙ z_t ⊙ (1-z_t)) U_z + diag(z_t ⊙ (1-h̃_t²)) U_h (diag(r_t) + diag(h_{t-1} ⊙ r_t ⊙ (1-r_t)) U_r)",
  "plain Unicode ⊙, h̃", "the three paths: direct, through z_t, through h~_t (and r_t)", lambda c: _gru_j(c))
A(P, Tg, "plain", "wrong",
  "diag(1-z_t) + diag((h_{t-1} - h̃_t) ⊙ z_t ⊙ (1-z_t)) U_z + diag(z_t ⊙ (1-h̃_t²)) U_h (diag(r_t) + diag(h_{t-1} ⊙ r_t ⊙ (1-r_t)) U_r)",
  "plain Unicode", "as the right answer but (h_{t-1} - h~_t) in the z-path", lambda c: _gru_j(c, sign=-1.0),
  mistake="wrong sign of the path through z_t")
A(P, Tg, "converter", "right",
  r"\operatorname{diag}\left(1-\mathbf{z}_{t}\right)+\operatorname{diag}\left(\left(\tilde{\mathbf{h}}_{t}-\mathbf{h}_{t-1}\right) \odot \mathbf{z}_{t} \odot\left(1-\mathbf{z}_{t}\right)\right) \mathbf{U}_{z}+\operatorname{diag}\left(\mathbf{z}_{t} \odot\left(1-\tilde{\mathbf{h}}_{t}^{2}\right)\right) \mathbf{U}_{h}\left(\operatorname{diag}\left(\mathbf{r}_{t}\right)+\operatorname{diag}\left(\mathbf{h}_{t-1} \odot \mathbf{r}_{t} \odot\left(1-\mathbf{r}_{t}\right)\right) \mathbf{U}_{r}\right)",
  r"Mathpix \mathbf{}, \tilde{\mathbf{h}}", "the three paths: direct, through z_t, through h~_t (and r_t)", lambda c: _gru_j(c))
A(P, Tg, "converter", "wrong",
  r"\operatorname{diag}\left(1-\mathbf{z}_{t}\right)+\operatorname{diag}\left(\left(\tilde{\mathbf{h}}_{t}-\mathbf{h}_{t-1}\right) \odot \mathbf{z}_{t} \odot\left(1-\mathbf{z}_{t}\right)\right) \mathbf{U}_{z}+\operatorname{diag}\left(\mathbf{z}_{t} \odot\left(1-\tilde{\mathbf{h}}_{t}^{2}\right)\right) \mathbf{U}_{h} \operatorname{diag}\left(\mathbf{r}_{t}\right)",
  "Mathpix", "as the right answer without the path through r_t", lambda c: _gru_j(c, rpath=False),
  mistake="missing the path through the reset gate r_t (diag(h_{t-1} r_t (1 - r_t)) U_r)")
A(P, Tg, "latex", "right",
  r"\begin{aligned}\frac{\partial h_t}{\partial h_{t-1}} &= \operatorname{diag}(1-z_t) + \operatorname{diag}\big((\tilde h_t - h_{t-1})\odot z_t\odot(1-z_t)\big)U_z \\ &\quad + \operatorname{diag}\big(z_t\odot(1-\tilde h_t^2)\big)\,U_h\big(\operatorname{diag}(r_t) + \operatorname{diag}(h_{t-1}\odot r_t\odot(1-r_t))\,U_r\big)\end{aligned}",
  "LaTeX aligned, continued line", "the three paths: direct, through z_t, through h~_t (and r_t)", lambda c: _gru_j(c))
A(P, Tg, "latex", "wrong",
  r"\frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}\big((\tilde h_t - h_{t-1})\odot z_t\odot(1-z_t)\big)U_z + \operatorname{diag}\big(z_t\odot(1-\tilde h_t^2)\big)U_h\big(\operatorname{diag}(r_t) + \operatorname{diag}(h_{t-1}\odot r_t\odot(1-r_t))U_r\big)",
  "LaTeX", "the paths through z_t and h~_t only", lambda c: _gru_j(c, skip=False),
  mistake="missing the direct term diag(1 - z_t) (product rule on (1 - z_t) h_{t-1})")

P, Tg = "gru_cell", "dh_dhtilde_matrix"
A(P, Tg, "plain", "right", "diag(z_t)", "plain ASCII", "diag(z_t)", lambda c: diag(V(c.z)))
A(P, Tg, "plain", "wrong", "diag(1-z_t)", "plain ASCII", "diag(1 - z_t)", lambda c: diag(1 - V(c.z)),
  mistake="swapped complement: 1 - z_t is the weight of h_{t-1}")
A(P, Tg, "converter", "right", r"\operatorname{diag}\left(\mathbf{z}_{t}\right)", "Mathpix", "diag(z_t)", lambda c: diag(V(c.z)))
A(P, Tg, "converter", "wrong", r"\operatorname{diag}\left(\mathbf{z}_{t} \odot\left(1-\tilde{\mathbf{h}}_{t}^{2}\right)\right)",
  "Mathpix", "diag(z_t * (1 - h~_t^2))", lambda c: diag(had(V(c.z), 1 - V(c.ht) ** 2)),
  mistake="spurious tanh' factor (1 - h~_t^2): differentiated through the tanh although h~_t is the variable")
A(P, Tg, "latex", "right", r"\frac{\partial h_t}{\partial \tilde h_t} = I - \operatorname{diag}(1-z_t)", "LaTeX, I minus diag",
  "I - diag(1 - z_t) = diag(z_t)", lambda c: I(c.n) - diag(1 - V(c.z)))


# ----------------------------------------------------------------------------------------------
# softmax_temperature
# ----------------------------------------------------------------------------------------------
def make_smt(which):
    def make(rng, K):
        z = rng.normal(size=K) * 1.5
        T = rng.uniform(0.3, 3.0)
        y = np.zeros(K)
        y[rng.integers(0, K)] = 1.0
        eps = rng.uniform(0.05, 0.4)
        q = (1 - eps) * y + eps / K
        pT = softmax(z / T)
        p = softmax(z)
        c = Ctx(K=K, z=z, T=T, y=y, eps=eps, q=q, pT=pT, p=p)
        if which == "dpT_dz":
            hand = np.array([[pT[k] * (dlt(i, k) - pT[i]) / T for i in range(K)] for k in range(K)])
            verify(hand, jac(lambda z_: softmax(z_ / T), z), which)
            c.ref, c.domain = arr_ref(hand), all_idx(K, K)
        elif which == "dL_dz":
            hand = p - q
            verify(hand, jac(lambda z_: -float(q @ np.log(softmax(z_))), z), which)
            c.ref, c.domain = arr_ref(hand), all_idx(K)
        else:
            hand = (pT - q) / T
            verify(hand, jac(lambda z_: -float(q @ np.log(softmax(z_ / T))), z), which)
            c.ref, c.domain = arr_ref(hand), all_idx(K)
        return c
    return make


target("softmax_temperature", "dpT_dz", make_smt("dpT_dz"), sizes=[3, 4, 6], points=3)
target("softmax_temperature", "dL_dz", make_smt("dL_dz"), sizes=[3, 4, 6], points=3, note="y one-hot")
target("softmax_temperature", "dLT_dz", make_smt("dLT_dz"), sizes=[3, 5], points=3, note="y one-hot")

P, Tg = "softmax_temperature", "dpT_dz"
A(P, Tg, "plain", "right", "(1/T) p^T_k (delta_ik - p^T_i)", "plain ASCII, the problem's p^T name",
  "(1/T) pT_k (delta_ik - pT_i)", lambda c, k, i: c.o.pT[k] * (dlt(i, k) - c.o.pT[i]) / c.T)
A(P, Tg, "plain", "wrong", "p^T_k (delta_ik - p^T_i)", "plain ASCII", "pT_k (delta_ik - pT_i)",
  lambda c, k, i: c.o.pT[k] * (dlt(i, k) - c.o.pT[i]), mistake="missing factor 1/T")
A(P, Tg, "converter", "right", r"\frac{1}{T} p_{k}^{T}\left(\delta_{i k}-p_{i}^{T}\right)", "Mathpix p_{k}^{T}",
  "(1/T) pT_k (delta_ik - pT_i)", lambda c, k, i: c.o.pT[k] * (dlt(i, k) - c.o.pT[i]) / c.T)
A(P, Tg, "converter", "wrong", r"\frac{1}{T} p_{k}^{T}\left(1-p_{k}^{T}\right)", "Mathpix",
  "(1/T) pT_k (1 - pT_k) for every i", lambda c, k, i: c.o.pT[k] * (1 - c.o.pT[k]) / c.T,
  mistake="diagonal formula used for the off-diagonal entries too")
A(P, Tg, "converter", "right",
  r"\frac{e^{z_{k} / T}}{T \sum_{l} e^{z_{l} / T}}\left(\delta_{i k}-\frac{e^{z_{i} / T}}{\sum_{l} e^{z_{l} / T}}\right)",
  "Mathpix, softmax written out", "e^{z_k/T}/(T sum_l e^{z_l/T}) (delta_ik - e^{z_i/T}/sum_l e^{z_l/T})",
  lambda c, k, i: math.exp(c.o.z[k] / c.T) / (c.T * np.exp(c.z / c.T).sum()) * (dlt(i, k) - math.exp(c.o.z[i] / c.T) / np.exp(c.z / c.T).sum()))
A(P, Tg, "latex", "right", r"\frac{\partial p^T_k}{\partial z_i} = \frac{p^T_k\left(\delta_{ik}-p^T_i\right)}{T}", "LaTeX",
  "pT_k (delta_ik - pT_i) / T", lambda c, k, i: c.o.pT[k] * (dlt(i, k) - c.o.pT[i]) / c.T)
A(P, Tg, "latex", "wrong", r"$\frac{\partial p^T_k}{\partial z_i} = T\,p^T_k(\delta_{ik} - p^T_i)$", "LaTeX inline",
  "T pT_k (delta_ik - pT_i)", lambda c, k, i: c.T * c.o.pT[k] * (dlt(i, k) - c.o.pT[i]), mistake="factor T instead of 1/T")

P, Tg = "softmax_temperature", "dL_dz"
A(P, Tg, "plain", "right", "p_i - q_i", "plain ASCII", "p_i - q_i", lambda c, i: c.o.p[i] - c.o.q[i])
A(P, Tg, "plain", "wrong", "p_i - y_i", "plain ASCII", "p_i - y_i", lambda c, i: c.o.p[i] - c.o.y[i],
  mistake="label smoothing ignored: y_i instead of q_i")
A(P, Tg, "converter", "right", r"p_{i}-(1-\epsilon) y_{i}-\frac{\epsilon}{K}", "Mathpix, q written out",
  "p_i - (1 - eps) y_i - eps/K", lambda c, i: c.o.p[i] - (1 - c.eps) * c.o.y[i] - c.eps / c.K)
A(P, Tg, "converter", "wrong", r"p_{i}-(1-\epsilon) y_{i}-\epsilon", "Mathpix",
  "p_i - (1 - eps) y_i - eps", lambda c, i: c.o.p[i] - (1 - c.eps) * c.o.y[i] - c.eps, mistake="dropped the 1/K of the uniform part")
A(P, Tg, "converter", "right", r"\operatorname{softmax}(\mathbf{z})_{i}-q_{i}", r"Mathpix \operatorname{softmax}",
  "softmax(z)_i - q_i", lambda c, i: softmax(c.z)[i - 1] - c.o.q[i])
A(P, Tg, "latex", "right", r"\frac{\partial L}{\partial z_i} = p_i - q_i,\quad q_i = (1-\epsilon)y_i + \frac{\epsilon}{K}",
  "LaTeX, definition of q_i restated after the answer", "p_i - q_i with q_i = (1 - eps) y_i + eps/K",
  lambda c, i: c.o.p[i] - ((1 - c.eps) * c.o.y[i] + c.eps / c.K))
A(P, Tg, "latex", "wrong", r"$\frac{\partial L}{\partial z_i} = \frac{p_i - q_i}{T}$", "LaTeX inline",
  "(p_i - q_i) / T", lambda c, i: (c.o.p[i] - c.o.q[i]) / c.T, mistake="spurious 1/T: there is no temperature in this loss")

P, Tg = "softmax_temperature", "dLT_dz"
A(P, Tg, "plain", "right", "(p^T_i - q_i)/T", "plain ASCII", "(pT_i - q_i) / T", lambda c, i: (c.o.pT[i] - c.o.q[i]) / c.T)
A(P, Tg, "plain", "wrong", "p^T_i - q_i", "plain ASCII", "pT_i - q_i", lambda c, i: c.o.pT[i] - c.o.q[i],
  mistake="missing factor 1/T")
A(P, Tg, "converter", "right", r"\frac{1}{T}\left(p_{i}^{T}-q_{i}\right)", "Mathpix", "(1/T)(pT_i - q_i)",
  lambda c, i: (c.o.pT[i] - c.o.q[i]) / c.T)
A(P, Tg, "converter", "wrong", r"\frac{1}{T}\left(p_{i}-q_{i}\right)", "Mathpix", "(1/T)(p_i - q_i), p without temperature",
  lambda c, i: (c.o.p[i] - c.o.q[i]) / c.T, mistake="the untempered softmax p_i instead of p^T_i")
A(P, Tg, "latex", "wrong", r"\frac{\partial L^T}{\partial z_i} = \frac{p^T_i - q_i}{T^2}", "LaTeX",
  "(pT_i - q_i) / T^2", lambda c, i: (c.o.pT[i] - c.o.q[i]) / c.T ** 2, mistake="factor 1/T^2 instead of 1/T")

# ----------------------------------------------------------------------------------------------
# huber_lse
# ----------------------------------------------------------------------------------------------
def make_huber(rng, N):
    dl = rng.uniform(0.5, 2.0)
    while True:
        r = rng.uniform(-3 * dl, 3 * dl, size=N)
        if np.min(np.abs(np.abs(r) - dl)) > 0.05 and (r > dl).any() and (r < -dl).any() and (np.abs(r) < dl).any():
            break
    yv = rng.normal(size=N)
    yhat = yv + r

    def hub(u):
        return u * u / 2 if abs(u) <= dl else dl * (abs(u) - dl / 2)

    H = lambda yh: sum(hub(v) for v in yh - yv)
    hand = np.clip(r, -dl, dl)
    verify(hand, jac(H, yhat), "dH/dyhat")
    return Ctx(N=N, dl=dl, r=r, y=yv, yhat=yhat, ref=arr_ref(hand), domain=all_idx(N))


def make_lse(rng, K):
    z = rng.normal(size=K) * 1.5
    lse = lambda z_: math.log(np.exp(z_).sum())
    s = softmax(z)
    hand = np.diag(s) - np.outer(s, s)
    verify(hand, hess_fd(lse, z), "Hessian of LSE")
    return Ctx(K=K, z=z, s=s, ref=arr_ref(hand), domain=all_idx(K, K))


target("huber_lse", "dH_dyhat", make_huber, sizes=[4, 6], points=4, note="residuals in all three regions at every point")
target("huber_lse", "hess_lse", make_lse, sizes=[3, 4, 6], points=3)

P, Tg = "huber_lse", "dH_dyhat"


def _hcase(c, i, inner, outer):
    rv = c.o.r[i]
    return inner(rv) if abs(rv) <= c.dl else outer(rv)


A(P, Tg, "plain", "right", "r_i if |r_i| <= δ, δ sign(r_i) otherwise", "plain Unicode δ, cases in words",
  "r_i inside the threshold, delta sign(r_i) outside", lambda c, i: _hcase(c, i, lambda r: r, lambda r: c.dl * np.sign(r)))
A(P, Tg, "plain", "right", "max(-δ, min(δ, r_i))", "plain, clip as nested max/min", "clip(r_i, -delta, delta)",
  lambda c, i: max(-c.dl, min(c.dl, c.o.r[i])))
A(P, Tg, "plain", "wrong", "r_i if |r_i| <= δ, δ otherwise", "plain Unicode", "r_i inside, +delta outside",
  lambda c, i: _hcase(c, i, lambda r: r, lambda r: c.dl), mistake="lost sign(r_i): +delta also for r_i < -delta")
A(P, Tg, "converter", "right",
  r"\left\{\begin{array}{ll}\hat{y}_{i}-y_{i}, & \left|\hat{y}_{i}-y_{i}\right| \leq \delta \\ \delta \operatorname{sign}\left(\hat{y}_{i}-y_{i}\right), & \text { otherwise }\end{array}\right.",
  r"Mathpix \left\{ array, \text { otherwise }", "yhat_i - y_i inside, delta sign(yhat_i - y_i) outside",
  lambda c, i: (c.o.yhat[i] - c.o.y[i]) if abs(c.o.yhat[i] - c.o.y[i]) <= c.dl else c.dl * np.sign(c.o.yhat[i] - c.o.y[i]))
A(P, Tg, "converter", "wrong",
  r"\left\{\begin{array}{ll}r_{i}, & \left|r_{i}\right| \leq \delta \\ \operatorname{sign}\left(r_{i}\right), & \left|r_{i}\right|>\delta\end{array}\right.",
  r"Mathpix \left\{ array", "r_i inside, sign(r_i) outside", lambda c, i: _hcase(c, i, lambda r: r, lambda r: np.sign(r)),
  mistake="missing factor delta in the outer branch")
A(P, Tg, "converter", "right", r"\max \left(-\delta, \min \left(\delta, r_{i}\right)\right)", r"Mathpix \max \left( \right)",
  "max(-delta, min(delta, r_i))", lambda c, i: max(-c.dl, min(c.dl, c.o.r[i])))
A(P, Tg, "latex", "right",
  r"\frac{\partial H}{\partial \hat y_i} = \begin{cases} r_i, & |r_i|\le\delta,\\ \delta, & r_i > \delta,\\ -\delta, & r_i < -\delta.\end{cases}",
  "LaTeX cases, three rows", "r_i, delta, -delta on the three regions",
  lambda c, i: c.o.r[i] if abs(c.o.r[i]) <= c.dl else (c.dl if c.o.r[i] > c.dl else -c.dl))
A(P, Tg, "latex", "wrong",
  r"\frac{\partial H}{\partial \hat y_i} = \begin{cases} y_i - \hat y_i, & |r_i| \le \delta\\ \delta\,\operatorname{sign}(y_i - \hat y_i), & |r_i| > \delta \end{cases}",
  "LaTeX cases", "the right answer negated (residual taken as y - yhat)",
  lambda c, i: _hcase(c, i, lambda r: -r, lambda r: -c.dl * np.sign(r)), mistake="wrong sign: differentiated with respect to y instead of yhat")

P, Tg = "huber_lse", "hess_lse"
A(P, Tg, "plain", "right", "softmax(z)_i ([i=j] - softmax(z)_j)", "plain, Iverson bracket [i=j]",
  "softmax_i ([i = j] - softmax_j)", lambda c, i, j: c.o.s[i] * (dlt(i, j) - c.o.s[j]))
A(P, Tg, "plain", "wrong", "softmax(z)_i (1 - softmax(z)_j)", "plain", "softmax_i (1 - softmax_j) for every i, j",
  lambda c, i, j: c.o.s[i] * (1 - c.o.s[j]), mistake="dropped the Kronecker delta (1 in place of [i = j])")
A(P, Tg, "converter", "right",
  r"\frac{e^{z_{i}}}{\sum_{k} e^{z_{k}}} \delta_{i j}-\frac{e^{z_{i}+z_{j}}}{\left(\sum_{k} e^{z_{k}}\right)^{2}}", "Mathpix, written out",
  "e^{z_i}/S delta_ij - e^{z_i + z_j}/S^2, S = sum_k e^{z_k}",
  lambda c, i, j: math.exp(c.o.z[i]) / np.exp(c.z).sum() * dlt(i, j) - math.exp(c.o.z[i] + c.o.z[j]) / np.exp(c.z).sum() ** 2)
A(P, Tg, "converter", "wrong",
  r"\frac{e^{z_{i}} \delta_{i j}}{\sum_{k} e^{z_{k}}}-\frac{e^{z_{i}+z_{j}}}{\sum_{k} e^{2 z_{k}}}", "Mathpix",
  "e^{z_i} delta_ij / S - e^{z_i + z_j} / sum_k e^{2 z_k}",
  lambda c, i, j: math.exp(c.o.z[i]) * dlt(i, j) / np.exp(c.z).sum() - math.exp(c.o.z[i] + c.o.z[j]) / np.exp(2 * c.z).sum(),
  mistake="wrong denominator: sum_k e^{2 z_k} instead of (sum_k e^{z_k})^2")
A(P, Tg, "converter", "right",
  r"\left[\operatorname{diag}(\operatorname{softmax}(\mathbf{z}))-\operatorname{softmax}(\mathbf{z}) \operatorname{softmax}(\mathbf{z})^{\top}\right]_{i j}",
  r"Mathpix, entry of a bracketed matrix", "entry (i, j) of diag(s) - s s^T, s = softmax(z)",
  lambda c, i, j: (np.diag(c.s) - np.outer(c.s, c.s))[i - 1, j - 1])
A(P, Tg, "latex", "right",
  r"\frac{\partial^2\mathrm{LSE}}{\partial z_i\,\partial z_j} = \operatorname{softmax}(z)_i\left(\delta_{ij} - \operatorname{softmax}(z)_j\right)",
  "LaTeX second-derivative left side", "softmax_i (delta_ij - softmax_j)", lambda c, i, j: c.o.s[i] * (dlt(i, j) - c.o.s[j]))
A(P, Tg, "latex", "wrong",
  r"$\frac{\partial^2 \mathrm{LSE}}{\partial z_i \partial z_j} = \operatorname{softmax}(z)_i\,\delta_{ij}$", "LaTeX inline",
  "softmax_i delta_ij", lambda c, i, j: c.o.s[i] * dlt(i, j), mistake="missing the product-rule term -softmax_i softmax_j")
A(P, Tg, "latex", "wrong",
  r"\frac{\partial^2\mathrm{LSE}}{\partial z_i\partial z_j} = \operatorname{softmax}(z)_i\operatorname{softmax}(z)_j - \operatorname{softmax}(z)_i\,\delta_{ij}",
  "LaTeX", "softmax_i softmax_j - softmax_i delta_ij", lambda c, i, j: c.o.s[i] * c.o.s[j] - c.o.s[i] * dlt(i, j),
  mistake="wrong sign (the whole Hessian negated)")


# ----------------------------------------------------------------------------------------------
# conv2d_backward: Y_ij = sum_{a,b} K_ab X_{i+a-1, j+b-1}
# ----------------------------------------------------------------------------------------------
def conv2d_fwd(X, Kk):
    Hh, Ww = X.shape
    P_, Q_ = Kk.shape
    return np.array([[float((Kk * X[i:i + P_, j:j + Q_]).sum()) for j in range(Ww - Q_ + 1)]
                     for i in range(Hh - P_ + 1)])


def make_conv2d(which):
    def make(rng, size):
        Hh, Ww, P_, Q_ = size
        X = rng.normal(size=(Hh, Ww))
        Kk = rng.normal(size=(P_, Q_))
        Y = conv2d_fwd(X, Kk)
        u, w = rng.normal(size=Y.shape), rng.normal(size=Y.shape)
        loss = lambda Yv: float((u * Yv).sum() + 0.5 * (w * Yv ** 2).sum())
        G = u + w * Y
        c = Ctx(H=Hh, W=Ww, P=P_, Q=Q_, X=X, K=Kk, Y=Y, G=G)
        if which == "dL_dK":
            hand = np.array([[sum(G[i, j] * X[i + a, j + b] for i in range(Hh - P_ + 1) for j in range(Ww - Q_ + 1))
                              for b in range(Q_)] for a in range(P_)])
            verify(hand, jac(lambda K_: loss(conv2d_fwd(X, K_)), Kk), which)
            c.ref, c.domain = arr_ref(hand), all_idx(P_, Q_)
        else:
            J = jac(lambda K_: conv2d_fwd(X, K_), Kk)                  # [i, j, a, b]
            hand = np.array([[[[X[i + a, j + b] for b in range(Q_)] for a in range(P_)]
                              for j in range(Ww - Q_ + 1)] for i in range(Hh - P_ + 1)])
            verify(hand, J, which)
            c.ref, c.domain = arr_ref(hand), all_idx(Hh - P_ + 1, Ww - Q_ + 1, P_, Q_)
        return c
    return make


CONV_SIZES = [(5, 6, 2, 3), (4, 4, 3, 2), (6, 5, 3, 3)]
target("conv2d_backward", "dL_dK", make_conv2d("dL_dK"), CONV_SIZES, 2)
target("conv2d_backward", "dY_dK", make_conv2d("dY_dK"), CONV_SIZES, 2)


def _Xz(c, u, v):
    """X_{uv} with zero outside the image (used only for answers whose index leaves the image)"""
    return c.X[u - 1, v - 1] if 1 <= u <= c.H and 1 <= v <= c.W else 0.0


def _sumY(c, f, di=0, dj=0):
    return sum(f(i, j) for i in range(1, c.H - c.P + 2 + di) for j in range(1, c.W - c.Q + 2 + dj))


P, Tg = "conv2d_backward", "dL_dK"
A(P, Tg, "plain", "right", "sum_{i=1}^{H-P+1} sum_{j=1}^{W-Q+1} dL/dY_ij X_{i+a-1,j+b-1}", "plain ASCII double sum with bounds",
  "sum over all outputs of dL/dY_ij X_{i+a-1, j+b-1}", lambda c, a, b: _sumY(c, lambda i, j: c.o.G[i, j] * c.o.X[i + a - 1, j + b - 1]))
A(P, Tg, "plain", "wrong", "sum_{i=1}^{H-P} sum_{j=1}^{W-Q} dL/dY_ij X_{i+a-1,j+b-1}", "plain ASCII",
  "the same sum with upper bounds H-P and W-Q", lambda c, a, b: _sumY(c, lambda i, j: c.o.G[i, j] * c.o.X[i + a - 1, j + b - 1], -1, -1),
  mistake="off-by-one upper bounds: the last output row and column are missed")
A(P, Tg, "plain", "right", "Σ_i Σ_j X_{i+a-1,j+b-1} ∂L/∂Y_ij", "plain Unicode, sums without bounds (over all outputs)",
  "sum over all outputs (i, j) of X_{i+a-1, j+b-1} dL/dY_ij", lambda c, a, b: float((c.G * c.X[a - 1:a - 1 + c.G.shape[0], b - 1:b - 1 + c.G.shape[1]]).sum()))
A(P, Tg, "converter", "right",
  r"\sum_{i=1}^{H-P+1} \sum_{j=1}^{W-Q+1} \frac{\partial L}{\partial Y_{i j}} X_{i+a-1, j+b-1}", "Mathpix",
  "sum over all outputs of dL/dY_ij X_{i+a-1, j+b-1}", lambda c, a, b: _sumY(c, lambda i, j: c.o.G[i, j] * c.o.X[i + a - 1, j + b - 1]))
A(P, Tg, "converter", "wrong", r"\sum_{i, j} \frac{\partial L}{\partial Y_{i j}} X_{i+a, j+b}", "Mathpix, unbounded sum",
  "sum over outputs of dL/dY_ij X_{i+a, j+b} (X = 0 outside the image)",
  lambda c, a, b: _sumY(c, lambda i, j: c.o.G[i, j] * _Xz(c, i + a, j + b)),
  mistake="index shifted by one: X_{i+a, j+b} instead of X_{i+a-1, j+b-1}")
A(P, Tg, "converter", "right",
  r"\sum_{i=1}^{H-P+1} \sum_{j=1}^{W-Q+1} X_{a+i-1, b+j-1} \cdot \frac{\partial L}{\partial Y_{i j}}", "Mathpix, \\cdot",
  "sum over all outputs of X_{a+i-1, b+j-1} dL/dY_ij", lambda c, a, b: _sumY(c, lambda i, j: c.o.X[a + i - 1, b + j - 1] * c.o.G[i, j]))
A(P, Tg, "latex", "wrong",
  r"\frac{\partial L}{\partial K_{ab}} = \sum_{i=1}^{H-P+1}\sum_{j=1}^{W-Q+1} X_{i+a-1,\,j+b-1}", "LaTeX, \\, in subscripts",
  "sum over outputs of X_{i+a-1, j+b-1}", lambda c, a, b: _sumY(c, lambda i, j: c.o.X[i + a - 1, j + b - 1]),
  mistake="missing the upstream gradient dL/dY_ij (gave sum_ij dY_ij/dK_ab)")
A(P, Tg, "latex", "right",
  r"\frac{\partial L}{\partial K_{ab}} = \sum_{i=1}^{H-P+1}\sum_{j=1}^{W-Q+1}\frac{\partial L}{\partial Y_{ij}}\,\frac{\partial Y_{ij}}{\partial K_{ab}} = \sum_{i=1}^{H-P+1}\sum_{j=1}^{W-Q+1}\frac{\partial L}{\partial Y_{ij}}\,X_{i+a-1,\,j+b-1}",
  "LaTeX = chain through the chain rule", "sum dL/dY_ij dY_ij/dK_ab = sum dL/dY_ij X_{i+a-1, j+b-1}",
  lambda c, a, b: _sumY(c, lambda i, j: c.o.G[i, j] * c.o.X[i + a - 1, j + b - 1]))

P, Tg = "conv2d_backward", "dY_dK"
A(P, Tg, "plain", "right", "X_{i+a-1,j+b-1}", "plain ASCII", "X_{i+a-1, j+b-1}", lambda c, i, j, a, b: c.o.X[i + a - 1, j + b - 1])
A(P, Tg, "plain", "wrong", "X_{i+a,j+b}", "plain ASCII", "X_{i+a, j+b} (0 outside the image)",
  lambda c, i, j, a, b: _Xz(c, i + a, j + b), mistake="index shifted by one (1-based offsets not subtracted)")
A(P, Tg, "converter", "right", r"X_{i+a-1, j+b-1}", "Mathpix, space after the comma", "X_{i+a-1, j+b-1}",
  lambda c, i, j, a, b: c.o.X[i + a - 1, j + b - 1])
A(P, Tg, "converter", "wrong", r"K_{a b} X_{i+a-1, j+b-1}", "Mathpix", "K_ab X_{i+a-1, j+b-1}",
  lambda c, i, j, a, b: c.o.K[a, b] * c.o.X[i + a - 1, j + b - 1], mistake="spurious factor K_ab")
A(P, Tg, "latex", "right", r"\frac{\partial Y_{ij}}{\partial K_{ab}} = X_{a+i-1,\,b+j-1}", "LaTeX",
  "X_{a+i-1, b+j-1}", lambda c, i, j, a, b: c.o.X[a + i - 1, b + j - 1])
A(P, Tg, "latex", "wrong", r"$\frac{\partial Y_{ij}}{\partial K_{ab}} = X_{i-a+1,\,j-b+1}$", "LaTeX inline",
  "X_{i-a+1, j-b+1} (0 outside the image)", lambda c, i, j, a, b: _Xz(c, i - a + 1, j - b + 1),
  mistake="flipped offsets (convolution instead of cross-correlation)")


# ----------------------------------------------------------------------------------------------
# vae_kl: KL = 1/2 sum_j (sigma_j^2 + mu_j^2 - 1 - log sigma_j^2), sigma_j^2 = exp(log sigma_j^2)
# ----------------------------------------------------------------------------------------------
def make_vae(which):
    def make(rng, J):
        mu = rng.normal(size=J)
        lv = rng.normal(size=J)
        kl = lambda mu_, lv_: 0.5 * float((np.exp(lv_) + mu_ ** 2 - 1 - lv_).sum())
        c = Ctx(J=J, mu=mu, lv=lv, s2=np.exp(lv))
        if which == "dKL_dlogvar":
            hand = 0.5 * (np.exp(lv) - 1)
            verify(hand, jac(lambda v: kl(mu, v), lv), which)
            c.ref, c.domain = arr_ref(hand), all_idx(J)
        else:
            hand = mu.copy()
            verify(hand, jac(lambda v: kl(v, lv), mu), which)
            c.ref, c.domain = (lambda: hand.reshape(-1, 1)), [()]
        return c
    return make


target("vae_kl", "dKL_dlogvar", make_vae("dKL_dlogvar"), sizes=[3, 5], points=3)
target("vae_kl", "dKL_dmu_vec", make_vae("dKL_dmu_vec"), sizes=[3, 5], points=3, kind="matrix")

P, Tg = "vae_kl", "dKL_dlogvar"
A(P, Tg, "plain", "right", "0.5*(sigma_j^2 - 1)", "plain ASCII decimal coefficient", "(sigma_j^2 - 1)/2",
  lambda c, j: 0.5 * (c.o.s2[j] - 1))
A(P, Tg, "plain", "wrong", "sigma_j^2 - 1", "plain ASCII", "sigma_j^2 - 1", lambda c, j: c.o.s2[j] - 1,
  mistake="lost the factor 1/2")
A(P, Tg, "converter", "right", r"\frac{1}{2}\left(e^{\log \sigma_{j}^{2}}-1\right)", "Mathpix, sigma^2 as exp(log sigma^2)",
  "(exp(log sigma_j^2) - 1)/2", lambda c, j: 0.5 * (math.exp(c.o.lv[j]) - 1))
A(P, Tg, "converter", "wrong", r"\frac{1}{2}\left(1-\frac{1}{\sigma_{j}^{2}}\right)", "Mathpix",
  "(1 - 1/sigma_j^2)/2", lambda c, j: 0.5 * (1 - 1 / c.o.s2[j]),
  mistake="differentiated with respect to sigma_j^2 instead of log sigma_j^2 (missing chain factor sigma_j^2)")
A(P, Tg, "converter", "right", r"$\frac{\sigma_{j}^{2}-1}{2}$", "Mathpix $ wrapping", "(sigma_j^2 - 1)/2", lambda c, j: (c.o.s2[j] - 1) / 2)
A(P, Tg, "latex", "right", r"\frac{\partial\,\mathrm{KL}}{\partial \log\sigma_j^2} = \frac{1}{2}\left(\sigma_j^2 - 1\right)",
  r"LaTeX, \, after \partial, \mathrm{KL}", "(sigma_j^2 - 1)/2", lambda c, j: 0.5 * (c.o.s2[j] - 1))
A(P, Tg, "latex", "wrong", r"$\frac{\partial\,\mathrm{KL}}{\partial \log\sigma_j^2} = \frac{1}{2}\left(1 - \sigma_j^2\right)$",
  "LaTeX inline", "(1 - sigma_j^2)/2", lambda c, j: 0.5 * (1 - c.o.s2[j]), mistake="wrong sign")
A(P, Tg, "latex", "right", r"\tfrac12 e^{\log\sigma_j^2} - \tfrac12", r"LaTeX \tfrac12 shorthand",
  "exp(log sigma_j^2)/2 - 1/2", lambda c, j: 0.5 * math.exp(c.o.lv[j]) - 0.5)

P, Tg = "vae_kl", "dKL_dmu_vec"
A(P, Tg, "plain", "right", "mu", "plain ASCII", "the vector mu", lambda c: V(c.mu))
A(P, Tg, "plain", "wrong", "2 mu", "plain ASCII", "2 mu", lambda c: 2 * V(c.mu), mistake="coefficient off: the 1/2 of the KL lost")
A(P, Tg, "converter", "right", r"\boldsymbol{\mu}", r"Mathpix \boldsymbol{}", "mu", lambda c: V(c.mu))
A(P, Tg, "converter", "wrong", r"\frac{1}{2} \boldsymbol{\mu}", r"Mathpix \boldsymbol{}", "mu / 2",
  lambda c: 0.5 * V(c.mu), mistake="coefficient off: the 2 from d(mu^2) lost")
A(P, Tg, "latex", "right", r"\frac{\partial\,\mathrm{KL}}{\partial\mu} = \frac{1}{2}\cdot 2\mu = \mu", "LaTeX = chain",
  "(1/2) 2 mu = mu", lambda c: 0.5 * 2 * V(c.mu))
A(P, Tg, "latex", "wrong", r"$\frac{\partial\,\mathrm{KL}}{\partial\mu} = -\mu$", "LaTeX inline", "-mu",
  lambda c: -V(c.mu), mistake="wrong sign (the gradient of the ELBO term -KL given instead)")


# ----------------------------------------------------------------------------------------------
# gaussian_mle: l(mu, s2) = -N/2 log(2 pi s2) - sum (x_n - mu)^2 / (2 s2)
# ----------------------------------------------------------------------------------------------
def make_gauss(which):
    def make(rng, N):
        x = rng.normal(size=N) * 1.7 + 0.5
        ll = lambda mu_, s2_: -N / 2 * math.log(2 * math.pi * s2_) - float(((x - mu_) ** 2).sum()) / (2 * s2_)
        mu, s2 = rng.normal(), rng.uniform(0.3, 3.0)
        muh = x.mean()
        s2h = float(((x - muh) ** 2).mean())
        c = Ctx(N=N, x=x, mu=mu, s2=s2, muh=muh, s2h=s2h)
        if which == "dl_dvar":
            hand = -N / (2 * s2) + float(((x - mu) ** 2).sum()) / (2 * s2 ** 2)
            verify(hand, dscalar(lambda v: ll(mu, v), s2), which)
            c.ref = lambda: hand
        else:
            # the stationary point: both partial derivatives vanish, and it is a maximum
            g = [dscalar(lambda v: ll(v, s2h), muh), dscalar(lambda v: ll(muh, v), s2h)]
            verify([0.0, 0.0], g, "score at (mu_hat, s2_hat)", atol=1e-6)
            Hs = hess_fd(lambda p: ll(p[0], p[1]), np.array([muh, s2h]))
            assert np.all(np.linalg.eigvalsh(Hs) < 0)
            hand = muh if which == "mu_hat" else s2h
            c.ref = lambda: hand
        c.domain = [()]
        return c
    return make


target("gaussian_mle", "dl_dvar", make_gauss("dl_dvar"), sizes=[3, 5, 8], points=3, kind="scalar")
target("gaussian_mle", "mu_hat", make_gauss("mu_hat"), sizes=[3, 5, 8], points=3, kind="scalar",
       note="stationary point, checked to be a maximum")
target("gaussian_mle", "var_hat", make_gauss("var_hat"), sizes=[3, 5, 8], points=3, kind="scalar",
       note="stationary point, checked to be a maximum")

_ss = lambda c, m: float(((c.x - m) ** 2).sum())
P, Tg = "gaussian_mle", "dl_dvar"
A(P, Tg, "plain", "right", "-N/(2σ^2) + Σ_n (x_n - μ)^2 / (2(σ^2)^2)", "plain Unicode, (σ^2)^2",
  "-N/(2 s2) + sum (x_n - mu)^2 / (2 s2^2)", lambda c: -c.N / (2 * c.s2) + _ss(c, c.mu) / (2 * c.s2 ** 2))
A(P, Tg, "plain", "wrong", "-N/(2σ^2) + Σ_n (x_n - μ)^2 / (2σ^2)", "plain Unicode",
  "-N/(2 s2) + sum (x_n - mu)^2 / (2 s2)", lambda c: -c.N / (2 * c.s2) + _ss(c, c.mu) / (2 * c.s2),
  mistake="wrong power: 1/(2 sigma^2) instead of 1/(2 sigma^4) on the data term")
A(P, Tg, "converter", "right", r"-\frac{N}{2 \sigma^{2}}+\frac{1}{2 \sigma^{4}} \sum_{n=1}^{N}\left(x_{n}-\mu\right)^{2}", "Mathpix",
  "-N/(2 s2) + sum (x_n - mu)^2 / (2 s2^2)", lambda c: -c.N / (2 * c.s2) + _ss(c, c.mu) / (2 * c.s2 ** 2))
A(P, Tg, "converter", "wrong", r"-\frac{N}{\sigma^{2}}+\frac{1}{2 \sigma^{4}} \sum_{n=1}^{N}\left(x_{n}-\mu\right)^{2}", "Mathpix",
  "-N/s2 + sum (x_n - mu)^2 / (2 s2^2)", lambda c: -c.N / c.s2 + _ss(c, c.mu) / (2 * c.s2 ** 2),
  mistake="lost the 1/2 on the first term")
A(P, Tg, "converter", "right",
  r"\frac{1}{2 \sigma^{2}}\left(\frac{1}{\sigma^{2}} \sum_{n=1}^{N}\left(x_{n}-\mu\right)^{2}-N\right)", "Mathpix, factored",
  "(1/(2 s2)) (sum (x_n - mu)^2 / s2 - N)", lambda c: (_ss(c, c.mu) / c.s2 - c.N) / (2 * c.s2))
A(P, Tg, "latex", "right",
  r"\frac{\partial\ell}{\partial\sigma^2} = \frac{\sum_{n=1}^N (x_n-\mu)^2 - N\sigma^2}{2\sigma^4}", "LaTeX, one fraction",
  "(sum (x_n - mu)^2 - N s2) / (2 s2^2)", lambda c: (_ss(c, c.mu) - c.N * c.s2) / (2 * c.s2 ** 2))
A(P, Tg, "latex", "wrong",
  r"$\frac{\partial \ell}{\partial\sigma^2} = -\frac{N}{2\sigma^2} - \frac{1}{2\sigma^4}\sum_{n=1}^{N}(x_n-\mu)^2$", "LaTeX inline",
  "-N/(2 s2) - sum (x_n - mu)^2/(2 s2^2)", lambda c: -c.N / (2 * c.s2) - _ss(c, c.mu) / (2 * c.s2 ** 2),
  mistake="wrong sign of the data term")

P, Tg = "gaussian_mle", "mu_hat"
A(P, Tg, "plain", "right", "(1/N) sum_n x_n", "plain ASCII", "the sample mean", lambda c: float(c.x.sum()) / c.N)
A(P, Tg, "plain", "wrong", "(1/(N-1)) sum_n x_n", "plain ASCII", "sum x_n / (N - 1)", lambda c: float(c.x.sum()) / (c.N - 1),
  mistake="1/(N - 1) (confused with the unbiased variance) instead of 1/N")
A(P, Tg, "converter", "right", r"\hat{\mu}=\frac{1}{N} \sum_{n=1}^{N} x_{n}", r"Mathpix \hat{\mu} left side", "the sample mean",
  lambda c: float(c.x.sum()) / c.N)
A(P, Tg, "converter", "wrong", r"\hat{\mu}=\sum_{n=1}^{N} x_{n}", "Mathpix", "sum of the x_n", lambda c: float(c.x.sum()),
  mistake="lost the 1/N")
A(P, Tg, "latex", "right", r"\hat\mu = \frac{x_1 + x_2 + \dots + x_N}{N}.", r"LaTeX with \dots ellipsis, full stop",
  "(x_1 + ... + x_N) / N", lambda c: float(c.x.sum()) / c.N)
A(P, Tg, "latex", "right",
  r"\frac{\partial\ell}{\partial\mu} = \frac{1}{\sigma^2}\sum_{n=1}^N (x_n-\mu) = 0 \Rightarrow \hat\mu = \frac{1}{N}\sum_{n=1}^{N} x_n",
  r"LaTeX, score set to zero then \Rightarrow", "setting the score to 0 gives the sample mean", lambda c: float(c.x.mean()))

P, Tg = "gaussian_mle", "var_hat"
A(P, Tg, "plain", "right", "(1/N) Σ_n (x_n - μ̂)^2", "plain Unicode μ̂", "mean squared deviation from mu_hat",
  lambda c: _ss(c, c.muh) / c.N)
A(P, Tg, "plain", "wrong", "(1/(N-1)) Σ_n (x_n - μ̂)^2", "plain Unicode", "sum (x_n - mu_hat)^2 / (N - 1)",
  lambda c: _ss(c, c.muh) / (c.N - 1), mistake="unbiased estimator 1/(N - 1), not the maximum-likelihood 1/N")
A(P, Tg, "converter", "right", r"$$\hat{\sigma}^{2}=\frac{1}{N} \sum_{n=1}^{N}\left(x_{n}-\hat{\mu}\right)^{2}$$", "Mathpix $$ wrapping",
  "mean squared deviation from mu_hat", lambda c: _ss(c, c.muh) / c.N)
A(P, Tg, "converter", "wrong", r"\hat{\sigma}^{2}=\frac{1}{N} \sum_{n=1}^{N}\left(x_{n}-\hat{\mu}\right)", "Mathpix",
  "mean deviation from mu_hat (= 0)", lambda c: float((c.x - c.muh).sum()) / c.N, mistake="missing square")
A(P, Tg, "latex", "right", r"\hat\sigma^2 = \frac{1}{N}\sum_{n=1}^{N} x_n^2 - \hat\mu^2", "LaTeX, expanded form",
  "mean of x_n^2 minus mu_hat^2", lambda c: float((c.x ** 2).sum()) / c.N - c.muh ** 2)
A(P, Tg, "latex", "wrong", r"$\hat\sigma^2 = \sqrt{\frac{1}{N}\sum_{n=1}^{N}(x_n - \hat\mu)^2}$", "LaTeX inline",
  "the standard deviation sqrt(mean squared deviation)", lambda c: math.sqrt(_ss(c, c.muh) / c.N),
  mistake="gave sigma_hat (square root) instead of sigma_hat^2")


# ----------------------------------------------------------------------------------------------
# logreg_l2: L = -y log p - (1-y) log(1-p) + lambda/2 ||w||^2, p = sigma(w.x + b)
# ----------------------------------------------------------------------------------------------
def make_logreg_l2(rng, m):
    x = rng.normal(size=m)
    w = rng.normal(size=m)
    b = rng.normal() * 0.5
    y = float(rng.integers(0, 2))
    lam = rng.uniform(0.1, 2)
    def L(w_):
        p_ = sig(w_ @ x + b)
        return -(y * math.log(p_) + (1 - y) * math.log(1 - p_)) + lam / 2 * float(w_ @ w_)
    p = float(sig(w @ x + b))
    hand = (p - y) * x + lam * w
    verify(hand, jac(L, w), "dL/dw_i")
    return Ctx(m=m, x=x, w=w, b=b, y=y, lam=lam, p=p, ref=arr_ref(hand), domain=all_idx(m))


target("logreg_l2", "dL_dw", make_logreg_l2, sizes=[3, 5], points=4, note="y in {0, 1}")

P, Tg = "logreg_l2", "dL_dw"
A(P, Tg, "plain", "right", "(1/(1+e^-s) - y)*x_i + lambda*w_i", "plain ASCII, sigma written as 1/(1+e^-s)",
  "(sigma(s) - y) x_i + lambda w_i", lambda c, i: (1 / (1 + math.exp(-(c.w @ c.x + c.b))) - c.y) * c.o.x[i] + c.lam * c.o.w[i])
A(P, Tg, "plain", "wrong", "(p - y) x_i + (λ/2) w_i", "plain Unicode", "(p - y) x_i + (lambda/2) w_i",
  lambda c, i: (c.p - c.y) * c.o.x[i] + c.lam / 2 * c.o.w[i], mistake="coefficient off: lambda/2 instead of lambda")
A(P, Tg, "converter", "right", r"(\sigma(s)-y) x_{i}+\lambda w_{i}", "Mathpix", "(sigma(s) - y) x_i + lambda w_i",
  lambda c, i: (float(sig(c.w @ c.x + c.b)) - c.y) * c.o.x[i] + c.lam * c.o.w[i])
A(P, Tg, "converter", "wrong", r"(y-p) x_{i}+\lambda w_{i}", "Mathpix", "(y - p) x_i + lambda w_i",
  lambda c, i: (c.y - c.p) * c.o.x[i] + c.lam * c.o.w[i], mistake="wrong sign of the data term")
A(P, Tg, "latex", "right",
  r"\frac{\partial L}{\partial w_i} = \left(\sigma\Big(\sum_{j=1}^{m} w_j x_j + b\Big) - y\right)x_i + \lambda w_i",
  r"LaTeX, s written out, \Big(", "(sigma(sum_j w_j x_j + b) - y) x_i + lambda w_i",
  lambda c, i: (float(sig(sum(c.o.w[j] * c.o.x[j] for j in range(1, c.m + 1)) + c.b)) - c.y) * c.o.x[i] + c.lam * c.o.w[i])
A(P, Tg, "latex", "wrong", r"$\frac{\partial L}{\partial w_i} = p(1-p)\,x_i + \lambda w_i$", "LaTeX inline",
  "p (1 - p) x_i + lambda w_i", lambda c, i: c.p * (1 - c.p) * c.o.x[i] + c.lam * c.o.w[i],
  mistake="sigma' = p(1 - p) in place of p - y (the loss's own derivative not taken)")

# ----------------------------------------------------------------------------------------------
# a few more answers (added to balance the sources)
# ----------------------------------------------------------------------------------------------
A("momentum", "nesterov_theta_closed", "converter", "right",
  r"\theta_{t}^{N}=\theta_{0}-\eta g\left(\frac{t}{1-\mu}-\frac{\mu^{2}\left(1-\mu^{t}\right)}{(1-\mu)^{2}}\right)", "Mathpix, simplified",
  "theta_0 - eta g (t/(1 - mu) - mu^2 (1 - mu^t)/(1 - mu)^2)",
  lambda c, t: c.th0 - c.eta * c.g * (t / (1 - c.mu) - c.mu ** 2 * (1 - c.mu ** t) / (1 - c.mu) ** 2))
A("hw3_2ab", "y", "converter", "right",
  r"y(n)=\left(2-\left(\frac{1}{2}\right)^{n}\right) u(n)-\left(2-\left(\frac{1}{2}\right)^{n-L}\right) u(n-L)",
  "Mathpix, difference of two step responses with the unit step u(n)",
  "s(n) - s(n - L) with s(n) = (2 - (1/2)^n) u(n), the step response",
  lambda c, n: (2 - 0.5 ** n) * (1.0 if n >= 0 else 0.0) - (2 - 0.5 ** (n - c.L)) * (1.0 if n - c.L >= 0 else 0.0))
A("layernorm", "dL_dbeta", "converter", "right", r"\sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}", "Mathpix",
  "sum_j dL/dy_j", lambda c: float(c.g.sum()))
A("hw3_4b", "gamma_for_equivalence", "converter", "wrong", r"\gamma=\frac{\lambda}{2}", "Mathpix", "lambda / 2",
  lambda c: c.lam / 2, mistake="two mistakes: the learning rate eta is missing and a spurious 1/2 kept")
A("gru_cell", "dh_dhtilde_matrix", "latex", "wrong", r"\frac{\partial h_t}{\partial \tilde h_t} = \operatorname{diag}(z_t)\,U_h",
  "LaTeX", "diag(z_t) U_h", lambda c: diag(V(c.z)) @ Mx(c.Uh),
  mistake="spurious factor U_h (chained into the pre-activation although h~_t is the variable)")
A("softmax_temperature", "dLT_dz", "latex", "right",
  r"$\frac{\partial L^T}{\partial z_i} = \sum_{k} q_k\,\frac{p^T_i - \delta_{ik}}{T} = \frac{p^T_i - q_i}{T}$",
  "LaTeX inline = chain using sum_k q_k = 1", "sum_k q_k (pT_i - delta_ik)/T = (pT_i - q_i)/T",
  lambda c, i: sum(c.o.q[k] * (c.o.pT[i] - dlt(i, k)) / c.T for k in range(1, c.K + 1)))
A("hw3_3b", "dL_dx_n1", "latex", "right",
  r"\frac{\partial L}{\partial x_1} = \gamma\left(\frac{\partial L}{\partial y_1} - \frac{1}{1}\sum_{j=1}^{1}\frac{\partial L}{\partial y_j}\right) = 0",
  "LaTeX = chain, general formula at n = 1", "gamma (dL/dy_1 - dL/dy_1) = 0",
  lambda c, i: c.gamma * (c.o.g[1] - sum(c.o.g[j] for j in range(1, 2))))

# ==============================================================================================
# MAIN
# ==============================================================================================
def main():
    counters = Counter()
    rows = []
    problems_bad = []
    for a in ANSWERS:
        key = (a["problem"], a["target"])
        counters[key] += 1
        a["id"] = "g-%s-%s-%02d" % (a["problem"], a["target"], counters[key])
        label, reason, n, worst = evaluate(a)
        a["label"], a["reason"], a["checks"], a["worst"] = label, reason, n, worst
        if label != a["intended"]:
            problems_bad.append("%s: intended %s, computed %s (%s)\n    %s"
                                % (a["id"], a["intended"], label, reason, a["latex"]))
        if label == "wrong" and a["approx"] is None and worst < 1e-4:
            problems_bad.append("%s: wrong only by a hair (largest relative difference %.2e)"
                                % (a["id"], worst))
    if problems_bad:
        print("LABEL MISMATCHES:\n" + "\n".join(problems_bad))
        sys.exit(1)

    ids = [a["id"] for a in ANSWERS]
    assert len(ids) == len(set(ids))
    texts = Counter((a["problem"], a["target"], a["latex"]) for a in ANSWERS)
    dup = [t for t, k in texts.items() if k > 1]
    assert not dup, dup

    with open(OUT_JSONL, "w", encoding="utf-8") as fh:
        for a in ANSWERS:
            fh.write(json.dumps(OrderedDict([
                ("id", a["id"]), ("problem", a["problem"]), ("target", a["target"]),
                ("latex", a["latex"]), ("label", a["label"]), ("source", a["source"]),
                ("style", a["style"]), ("mistake", a["mistake"]), ("meaning", a["meaning"]),
            ]), ensure_ascii=False) + "\n")

    n = len(ANSWERS)
    by_source = Counter(a["source"] for a in ANSWERS)
    by_label = Counter(a["label"] for a in ANSWERS)
    by_problem = Counter(a["problem"] for a in ANSWERS)
    targets = Counter((a["problem"], a["target"]) for a in ANSWERS)
    print("answers: %d   targets: %d   problems: %d" % (n, len(targets), len(by_problem)))
    print("per source:", dict(by_source))
    print("per label:", dict(by_label))
    print("per source x label:", dict(Counter((a["source"], a["label"]) for a in ANSWERS)))
    for p in sorted(by_problem):
        ts = sorted(t for (q, t) in targets if q == p)
        print("  %-20s %3d  %s" % (p, by_problem[p], ", ".join(
            "%s(%d: %dR/%dW)" % (t, targets[(p, t)],
                                 sum(1 for a in ANSWERS if (a['problem'], a['target'], a['label']) == (p, t, 'right')),
                                 sum(1 for a in ANSWERS if (a['problem'], a['target'], a['label']) == (p, t, 'wrong')))
            for t in ts)))
    total_checks = sum(a["checks"] for a in ANSWERS)
    print("comparisons made: %d" % total_checks)

    # requirements of the brief
    assert n >= 330, n
    assert len(targets) >= 34
    assert len(by_problem) >= 12
    for s in ("plain", "converter", "latex"):
        assert abs(by_source[s] - n / 3) <= 5, (s, by_source[s], n / 3)
    assert abs(by_label["right"] - by_label["wrong"]) <= 0.1 * n, by_label
    print("wrote", OUT_JSONL)
    if "--verbose" in sys.argv:
        for a in ANSWERS:
            print("%-45s %-5s %s" % (a["id"], a["label"], a["reason"]))


if __name__ == "__main__":
    main()
