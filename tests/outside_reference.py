#!/usr/bin/env python
"""Autograd references for the ten catalog exercises written by an outside tester (issue 29):
``derivations/{logreg_hessian, gaussian_mle, ridge, conv2d_backward, lstm_cell, gru_cell,
vae_kl, tied_autoencoder, softmax_temperature, huber_lse}.py``. This file is that tester's
own check (kept as written, only pointed at the catalog): every reference is autograd applied
to a NumPy forward pass written from the exercise's statement, never the engine's output.
``tests/test_catalog_outside.py`` runs it.

Originally: outside check of the coursework specs in a folder against autograd references.

Run (re-runnable):
    cd /work/main && . .venv/bin/activate && python /tmp/outside29/coursework/check_all.py [SPEC_ID ...] [--out FILE]

The FIRST run was made against a pristine copy of the engine as committed at 8b9b1f0:
    PYTHONPATH=/tmp/outside29/baseline SYMDERIV_CACHE=off python check_all.py --out check_results_first.json

For every spec (the natural version, and the NAME_alt.py workaround version where there is one):
load it with symderiv.load(path), derive() every target, and for each target that derives,
evaluate the result's SymPy expression numerically (sizes substituted, sums expanded by
.doit(), the spec's intermediate quantities computed from its definitions, random leaf values
substituted) and compare it with autograd applied to a NumPy forward function written from the
exercise's statement, at several sizes and random points.

Writes check_results.json next to this file and prints a table.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
import traceback

import autograd.numpy as anp
import numpy as np
import sympy as sp
from autograd import grad, hessian, jacobian

import symderiv
from symderiv.ops import sigmoid

HERE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "derivations")
RTOL = 1e-7
ATOL = 1e-9
POINTS_PER_SIZE = 2


# --------------------------------------------------------------------------------------------
# numeric helpers for the references
# --------------------------------------------------------------------------------------------


def sig(u):
    return 1.0 / (1.0 + anp.exp(-u))


def softmax(z):
    e = anp.exp(z - anp.max(z))
    return e / anp.sum(e)


# --------------------------------------------------------------------------------------------
# the evaluator of derived results
# --------------------------------------------------------------------------------------------

_U = sp.Dummy("u")
SIGMOID_LAMBDA = sp.Lambda(_U, 1 / (1 + sp.exp(-_U)))


def _unsigmoid(e):
    return e.replace(sigmoid, lambda a: 1 / (1 + sp.exp(-a)))


class Env:
    """Concrete sizes, leaf values and the spec's intermediate quantities at one point."""

    def __init__(self, problem, sizes_by_name, leaf_arrays, leaf_scalars, upstream):
        self.problem = problem
        self.size_syms = {}
        for shape in problem.shapes.values():
            for dim in shape:
                for s in sp.sympify(dim).free_symbols:
                    self.size_syms[s.name] = s
        for t in problem.targets:
            for s in t.sizes or {}:
                self.size_syms[s.name] = s
        self.sizes = {self.size_syms[k]: v for k, v in sizes_by_name.items() if k in self.size_syms}
        # also sizes that appear only in definitions (e.g. N in a log-likelihood)
        for dfn in problem.definitions:
            for s in sp.sympify(dfn.rhs).free_symbols if not _is_upstream(dfn.rhs) else ():
                if isinstance(s, sp.Symbol) and s.is_integer and s.name in sizes_by_name:
                    self.sizes.setdefault(s, sizes_by_name[s.name])
        self.arrays = dict(leaf_arrays)  # IndexedBase name -> ndarray
        self.scalars = dict(leaf_scalars)  # Symbol name -> float
        self.upstream = upstream  # upstream IndexedBase name -> ndarray
        self.defs = {}
        for dfn in problem.definitions:
            lhs = dfn.lhs
            key = ("A", str(lhs.base.label)) if isinstance(lhs, sp.Indexed) else ("S", lhs.name)
            self.defs[key] = dfn
        self.values = {}  # sympy atom (Indexed with ints, or Symbol) -> sp.Float
        self._done = set()
        for name, arr in list(self.arrays.items()) + list(self.upstream.items()):
            self._load_array(name, arr)
        self.symbols_by_name = _symbols_by_name(problem)
        for name, val in self.scalars.items():
            for sym in self.symbols_by_name.get(name, ()):
                self.values[sym] = sp.Float(val, 30)

    # leaves ----------------------------------------------------------------------------------
    def _load_array(self, name, arr):
        base = _base_by_name(self.problem, name) or sp.IndexedBase(name, real=True)
        arr = np.asarray(arr, dtype=float)
        for idx in np.ndindex(arr.shape):
            self.values[base[tuple(i + 1 for i in idx)]] = sp.Float(float(arr[idx]), 30)
        self._done.add(("A", name))

    # intermediates ---------------------------------------------------------------------------
    def ensure(self, key, stack=()):
        if key in self._done or key not in self.defs:
            return
        if key in stack:
            raise RuntimeError(f"cyclic definitions at {key}")
        dfn = self.defs[key]
        if _is_upstream(dfn.rhs):
            self._done.add(key)
            return
        for dep in _deps(dfn.rhs):
            self.ensure(dep, (*stack, key))
        lhs = dfn.lhs
        if isinstance(lhs, sp.Indexed):
            shape = [int(sp.sympify(d).xreplace(self.sizes)) for d in self.problem.shapes[lhs.base]]
            arr = np.zeros(shape)
            for idx in np.ndindex(*shape):
                rep = {s: i + 1 for s, i in zip(lhs.indices, idx)}
                arr[idx] = self.num(dfn.rhs.xreplace(rep))
            self.arrays[key[1]] = arr
            self._load_array(key[1], arr)
        else:
            v = self.num(dfn.rhs)
            self.scalars[key[1]] = v
            self.values[lhs] = sp.Float(v, 30)
        self._done.add(key)

    def ensure_all(self, expr):
        for dep in _deps(expr):
            self.ensure(dep)

    # evaluation ------------------------------------------------------------------------------
    def _upstream_fallback(self, e):
        """An upstream gradient ∂L/∂Y_ij named otherwise than expected: the only one given."""
        if len(self.upstream) != 1:
            return e
        (arr,) = self.upstream.values()
        reps = {}
        for ix in e.atoms(sp.Indexed):
            if "partial" in str(ix.base.label) and ix not in self.values:
                with contextlib.suppress(TypeError, IndexError, ValueError):
                    reps[ix] = sp.Float(float(arr[tuple(int(k) - 1 for k in ix.indices)]), 30)
        return e.xreplace(reps) if reps else e

    def num(self, expr):
        e = sp.sympify(expr).xreplace(self.sizes)
        self.ensure_all(e)
        e = _unsigmoid(e).doit()
        e = e.xreplace(self.values)
        e = self._upstream_fallback(e)
        e = e.doit()
        e = _unsigmoid(e).doit()
        val = complex(sp.N(e, 30))
        if abs(val.imag) > 1e-12 * max(1.0, abs(val.real)):
            raise ValueError(f"complex value {val} from {expr}")
        return val.real

    def num_matrix(self, mexpr):
        e = mexpr.xreplace(self.sizes) if not isinstance(mexpr, sp.MatrixBase) else mexpr
        e = e.subs(self.sizes)
        self.ensure_all(e)
        reps = {}
        for ms in e.atoms(sp.MatrixSymbol):
            name = str(ms.name)
            arr = self.arrays.get(name)
            if arr is None:
                arr = self.upstream.get(name)
            if arr is None and "partial" in name and len(self.upstream) == 1:
                (arr,) = self.upstream.values()
            if arr is None:
                raise KeyError(f"no values for the matrix symbol {name}")
            arr = np.asarray(arr, dtype=float)
            rows, cols = int(ms.shape[0]), int(ms.shape[1])
            if arr.ndim == 1:
                arr = arr.reshape(rows, cols)
            reps[ms] = sp.ImmutableMatrix(rows, cols, [sp.Float(float(v), 30) for v in arr.ravel()])
        e = e.xreplace(reps)
        e = _unsigmoid(e)
        e = _explicit_scalars(e)
        e = e.doit()
        e = e.xreplace(self.values).doit()
        if hasattr(e, "as_explicit"):
            e = e.as_explicit()
        M = sp.Matrix(e)
        out = np.zeros(M.shape)
        for r in range(M.shape[0]):
            for c in range(M.shape[1]):
                out[r, c] = self.num(M[r, c])
        return out


def _explicit_scalars(e):
    """A 1×1 matrix product used as a scalar (wrapped by the engine, e.g. Scalar(1^T q)):
    its one entry, computed explicitly."""

    def is_wrap(a):
        return (
            isinstance(a, sp.Basic)
            and not isinstance(a, (sp.MatrixExpr, sp.MatrixBase))
            and len(a.args) == 1
            and isinstance(a.args[0], (sp.MatrixExpr, sp.MatrixBase))
            and tuple(a.args[0].shape) == (1, 1)
        )

    def unwrap(a):
        inner = a.args[0].doit()
        if hasattr(inner, "as_explicit"):
            inner = inner.as_explicit()
        return sp.Matrix(inner)[0, 0]

    return e.replace(is_wrap, unwrap)


def _is_upstream(rhs):
    return type(rhs).__name__ == "Upstream"


def _deps(expr):
    out = set()
    expr = sp.sympify(expr)
    for b in expr.atoms(sp.IndexedBase):
        out.add(("A", str(b.label)))
    for ms in expr.atoms(sp.MatrixSymbol):
        out.add(("A", str(ms.name)))
    for s in expr.atoms(sp.Symbol):
        out.add(("S", s.name))
    return out


def _base_by_name(problem, name):
    for b in problem.shapes:
        if str(b.label) == name:
            return b
    for dfn in problem.definitions:
        if isinstance(dfn.lhs, sp.Indexed) and str(dfn.lhs.base.label) == name:
            return dfn.lhs.base
    return None


def _symbols_by_name(problem):
    """Every Symbol object of the spec (definitions, targets), by name."""
    out = {}
    exprs = []
    for dfn in problem.definitions:
        exprs.append(dfn.lhs)
        if not _is_upstream(dfn.rhs):
            exprs.append(dfn.rhs)
    exprs += [t.expr for t in problem.targets]
    for e in exprs:
        for sym in sp.sympify(e).atoms(sp.Symbol):
            out.setdefault(sym.name, set()).add(sym)
    return out


def leaves_of(problem):
    """Leaf IndexedBases and scalar Symbols (not defined, not sizes or indices)."""
    defined_a = {
        str(d.lhs.base.label) for d in problem.definitions if isinstance(d.lhs, sp.Indexed)
    }
    defined_s = {d.lhs.name for d in problem.definitions if isinstance(d.lhs, sp.Symbol)}
    exprs = [d.rhs for d in problem.definitions if not _is_upstream(d.rhs)]
    exprs += [t.expr for t in problem.targets]
    bases, syms = {}, {}
    for e in exprs:
        e = sp.sympify(e)
        labels = set()
        for b in e.atoms(sp.IndexedBase):
            labels.add(b.label)
            if str(b.label) not in defined_a:
                bases[str(b.label)] = b
        for s in e.atoms(sp.Symbol):
            if s in labels or s.is_integer or isinstance(s, sp.Dummy):
                continue
            if s.name not in defined_s:
                syms[s.name] = s
    return bases, syms


def random_leaves(problem, sizes_by_name, rng, override):
    bases, syms = leaves_of(problem)
    env0 = Env(problem, sizes_by_name, {}, {}, {})
    arrays, scalars = {}, {}
    for name, b in bases.items():
        shape = problem.shapes.get(b)
        if shape is None:
            continue
        shape = tuple(int(sp.sympify(d).xreplace(env0.sizes)) for d in shape)
        arrays[name] = rng.normal(size=shape)
    for name, s in syms.items():
        scalars[name] = rng.uniform(0.5, 2.0) if s.is_positive else rng.normal()
    upstream = {}
    if override:
        override(arrays, scalars, upstream, sizes_by_name, rng)
    return arrays, scalars, upstream


# --------------------------------------------------------------------------------------------
# the exercises: sizes, leaf constraints, references
# --------------------------------------------------------------------------------------------
# A reference is f(A, S, Z) -> ndarray whose axes are the target's free indices in the order
# given (index-level) or the matrix form's (rows, cols); A: leaf arrays by name, S: leaf
# scalars by name, Z: sizes by name.


def _labels01(key_arr=None, key_sc=None):
    def ov(A, S, U, Z, rng):
        if key_arr:
            A[key_arr] = rng.integers(0, 2, size=A[key_arr].shape).astype(float)
        if key_sc:
            S[key_sc] = float(rng.integers(0, 2))

    return ov


# 1. logistic regression ----------------------------------------------------------------------
def _lr_L(A):
    X, y = A["X"], A["y"]

    def L(w):
        p = sig(anp.dot(X, w))
        return -anp.sum(y * anp.log(p) + (1 - y) * anp.log(1 - p))

    return L


def _lr_l1(A, S):
    x, y = A["x"], S["y"]

    def loss(w):
        p = sig(anp.dot(w, x))
        return -(y * anp.log(p) + (1 - y) * anp.log(1 - p))

    return loss


LOGREG = dict(
    sizes=[{"N": 3, "d": 2}, {"N": 4, "d": 3}, {"N": 5, "d": 4}],
    override=_labels01("y", "y"),
    targets={
        "dL_dw": (("i",), lambda A, S, Z: grad(_lr_L(A))(A["w"])),
        "dL_dw_vec": (("i", None), lambda A, S, Z: grad(_lr_L(A))(A["w"])),
        "hess": (("i", "j"), lambda A, S, Z: hessian(_lr_L(A))(A["w"])),
        "hess_matrix": (("i", "j"), lambda A, S, Z: hessian(_lr_L(A))(A["w"])),
        "hess1": (("i", "j"), lambda A, S, Z: hessian(_lr_l1(A, S))(A["w"])),
        "hess1_matrix": (("i", "j"), lambda A, S, Z: hessian(_lr_l1(A, S))(A["w"])),
    },
)


# 2. Gaussian MLE -------------------------------------------------------------------------------
def _g_ell(A):
    x = A["x"]
    N = len(x)

    def ell(mu, var):
        return -N / 2 * anp.log(2 * np.pi * var) - anp.sum((x - mu) ** 2) / (2 * var)

    return ell


def _mu_hat(A, S, Z):
    m = np.mean(A["x"])
    g = grad(_g_ell(A), 0)(m, S[r"\sigma^{2}"])  # the score vanishes there
    assert abs(g) < 1e-9, g
    return np.array(m)


def _var_hat(A, S, Z):
    v = np.mean((A["x"] - S[r"\mu"]) ** 2)
    g = grad(_g_ell(A), 1)(S[r"\mu"], v)
    assert abs(g) < 1e-9, g
    return np.array(v)


def _var_hat_mu_hat(A, S, Z):
    m = np.mean(A["x"])
    v = np.mean((A["x"] - m) ** 2)
    assert abs(grad(_g_ell(A), 1)(m, v)) < 1e-9 and abs(grad(_g_ell(A), 0)(m, v)) < 1e-9
    return np.array(v)


GAUSS = dict(
    sizes=[{"N": 2}, {"N": 3}, {"N": 5}],
    targets={
        "dl_dmu": ((), lambda A, S, Z: np.array(grad(_g_ell(A), 0)(S[r"\mu"], S[r"\sigma^{2}"]))),
        "dl_dvar": ((), lambda A, S, Z: np.array(grad(_g_ell(A), 1)(S[r"\mu"], S[r"\sigma^{2}"]))),
        "mu_hat": ((), _mu_hat),
        "var_hat": ((), _var_hat_mu_hat),  # the catalog's: at μ = μ̂, as its statement says
        "var_hat_at_mu_hat": ((), _var_hat_mu_hat),
        "mu_hat_manual": ((), _mu_hat),
        "var_hat_manual": ((), _var_hat),
    },
)


# 3. ridge ---------------------------------------------------------------------------------------
def _ridge(A, S, lam=True):
    X, y = A["X"], A["y"]
    la = S[r"\lambda"] if lam else 0.0

    def L(w):
        r = anp.dot(X, w) - y
        return anp.sum(r**2) + la * anp.sum(w**2)

    return L


def _w_star(A, S, Z):
    X, y, la = A["X"], A["y"], S[r"\lambda"]
    w = np.linalg.solve(X.T @ X + la * np.eye(X.shape[1]), X.T @ y)
    assert np.allclose(grad(_ridge(A, S))(w), 0, atol=1e-9)
    return w


RIDGE = dict(
    sizes=[{"N": 3, "d": 2}, {"N": 4, "d": 3}, {"N": 5, "d": 2}],
    targets={
        "dE_dw": (("i",), lambda A, S, Z: grad(_ridge(A, S, False))(A["w"])),
        "dE_dw_vec": (("i", None), lambda A, S, Z: grad(_ridge(A, S, False))(A["w"])),
        "dL_dw": (("i",), lambda A, S, Z: grad(_ridge(A, S))(A["w"])),
        "dL_dw_vec": (("i", None), lambda A, S, Z: grad(_ridge(A, S))(A["w"])),
        "w_star": (("i",), _w_star),
        "w_star_d2": (("i",), _w_star),
        "w1_star_d1": ((), lambda A, S, Z: _w_star(A, S, Z)[0]),
        "w_star_scalar_manual": ((), lambda A, S, Z: _w_star(A, S, Z)[0]),
    },
)


# 4. 2-D convolution backward ---------------------------------------------------------------------
def _corr2d(X, K):
    H, W = X.shape
    P, Q = K.shape
    rows = []
    for i in range(H - P + 1):
        row = []
        for j in range(W - Q + 1):
            row.append(anp.sum(K * X[i : i + P, j : j + Q]))
        rows.append(anp.stack(row))
    return anp.stack(rows)


def _conv_ov(A, S, U, Z, rng):
    shape = (Z["H"] - Z["P"] + 1, Z["W"] - Z["Q"] + 1)
    G = rng.normal(size=shape)
    U[r"\partial L/\partial Y"] = G  # Upstream(Y): ∂L/∂Y_ij
    if "G" in A:
        A["G"] = G  # the workaround's explicit upstream gradient


def _conv_L(A, wrt):
    G = A.get("G", None)

    def L(v):
        X, K = (v, A["K"]) if wrt == "X" else (A["X"], v)
        return anp.sum(G * _corr2d(X, K))

    return L


def _conv_grad(wrt):
    def ref(A, S, Z):
        return grad(_conv_L(A, wrt))(A[wrt])

    return ref


def _conv_ref_with_G(wrt):
    # the natural spec has no leaf G: the checker's upstream gradient is kept in A by _conv_ov
    def ref(A, S, Z):
        return grad(_conv_L(A, wrt))(A[wrt])

    return ref


CONV2D = dict(
    sizes=[
        {"H": 3, "W": 4, "P": 2, "Q": 2},
        {"H": 4, "W": 4, "P": 2, "Q": 3},
        {"H": 5, "W": 3, "P": 3, "Q": 1},
    ],
    override=None,  # set below (needs the upstream in A for the reference)
    targets={
        "dL_dK": (("a", "b"), _conv_grad("K")),
        "dL_dX": (("u", "v"), _conv_grad("X")),
        "dY_dK": (
            ("i", "j", "a", "b"),
            lambda A, S, Z: jacobian(lambda K: _corr2d(A["X"], K))(A["K"]),
        ),
    },
)


def _conv_override(A, S, U, Z, rng):
    _conv_ov(A, S, U, Z, rng)
    A.setdefault("G", U[r"\partial L/\partial Y"])


CONV2D["override"] = _conv_override


# 5. LSTM ----------------------------------------------------------------------------------------
def _lstm_parts(A, hp=None, cp=None):
    hp = A["h_{t-1}"] if hp is None else hp
    cp = A["c_{t-1}"] if cp is None else cp
    x = A["x_t"]

    def pre(q):
        return anp.dot(A[f"W_{q}"], hp) + anp.dot(A[f"U_{q}"], x) + A[f"b_{q}"]

    f, i, o, g = sig(pre("f")), sig(pre("i")), sig(pre("o")), anp.tanh(pre("g"))
    c = f * cp + i * g
    h = o * anp.tanh(c)
    return dict(f=f, i=i, o=o, g=g, c=c, h=h)


def _lstm_jac(out, wrt):
    def ref(A, S, Z):
        P = _lstm_parts(A)
        if wrt == "c_{t-1}":
            return jacobian(lambda v: _lstm_parts(A, cp=v)[out])(A["c_{t-1}"])
        if wrt == "h_{t-1}":
            return jacobian(lambda v: _lstm_parts(A, hp=v)[out])(A["h_{t-1}"])
        if wrt == "f":  # c_t as a function of f_t, the rest held
            return jacobian(lambda f: f * A["c_{t-1}"] + P["i"] * P["g"])(P["f"])
        if wrt == "c":  # h_t as a function of c_t
            return jacobian(lambda c: P["o"] * anp.tanh(c))(P["c"])
        raise KeyError(wrt)

    return ref


LSTM = dict(
    sizes=[{"n": 2, "m": 2}, {"n": 3, "m": 2}, {"n": 3, "m": 4}],
    targets={
        "dc_dcprev": (("k", "i"), _lstm_jac("c", "c_{t-1}")),
        "dc_dcprev_matrix": (("k", "i"), _lstm_jac("c", "c_{t-1}")),
        "dc_df": (("k", "i"), _lstm_jac("c", "f")),
        "dc_df_matrix": (("k", "i"), _lstm_jac("c", "f")),
        "dh_dc": (("k", "i"), _lstm_jac("h", "c")),
        "dh_dcprev": (("k", "i"), _lstm_jac("h", "c_{t-1}")),
        "dh_dcprev_matrix": (("k", "i"), _lstm_jac("h", "c_{t-1}")),
        "dh_dhprev": (("k", "i"), _lstm_jac("h", "h_{t-1}")),
        "dh_dhprev_matrix": (("k", "i"), _lstm_jac("h", "h_{t-1}")),
    },
)


# 5'. GRU ----------------------------------------------------------------------------------------
def _gru_parts(A, hp=None):
    hp = A["h_{t-1}"] if hp is None else hp
    x = A["x_t"]
    z = sig(anp.dot(A["W_z"], x) + anp.dot(A["U_z"], hp))
    r = sig(anp.dot(A["W_r"], x) + anp.dot(A["U_r"], hp))
    ht = anp.tanh(anp.dot(A["W_h"], x) + anp.dot(A["U_h"], r * hp))
    h = (1 - z) * hp + z * ht
    return dict(z=z, r=r, ht=ht, h=h)


def _gru_ref(wrt):
    def ref(A, S, Z):
        P = _gru_parts(A)
        hp = A["h_{t-1}"]
        if wrt == "hp":
            return jacobian(lambda v: _gru_parts(A, hp=v)["h"])(hp)
        if wrt == "z":
            return jacobian(lambda z: (1 - z) * hp + z * P["ht"])(P["z"])
        if wrt == "ht":
            return jacobian(lambda ht: (1 - P["z"]) * hp + P["z"] * ht)(P["ht"])
        raise KeyError(wrt)

    return ref


GRU = dict(
    sizes=[{"n": 2, "m": 2}, {"n": 3, "m": 2}, {"n": 4, "m": 3}],
    targets={
        "dh_dz": (("k", "i"), _gru_ref("z")),
        "dh_dz_matrix": (("k", "i"), _gru_ref("z")),
        "dh_dhtilde_matrix": (("k", "i"), _gru_ref("ht")),
        "dh_dhprev": (("k", "i"), _gru_ref("hp")),
        "dh_dhprev_matrix": (("k", "i"), _gru_ref("hp")),
    },
)


# 6. VAE KL --------------------------------------------------------------------------------------
def _kl(mu, lv):
    return 0.5 * anp.sum(anp.exp(lv) + mu**2 - 1 - lv)


VAE = dict(
    sizes=[{"J": 2}, {"J": 3}, {"J": 5}],
    targets={
        "dKL_dmu": (("j",), lambda A, S, Z: grad(_kl, 0)(A[r"\mu"], A[r"\log\sigma^{2}"])),
        "dKL_dmu_vec": (("j", None), lambda A, S, Z: grad(_kl, 0)(A[r"\mu"], A[r"\log\sigma^{2}"])),
        "dKL_dlogvar": (("j",), lambda A, S, Z: grad(_kl, 1)(A[r"\mu"], A[r"\log\sigma^{2}"])),
        "dKL_dlogvar_vec": (
            ("j", None),
            lambda A, S, Z: grad(_kl, 1)(A[r"\mu"], A[r"\log\sigma^{2}"]),
        ),
    },
)


# 7. tied autoencoder ----------------------------------------------------------------------------
def _ae_L(W, x):
    xh = anp.dot(W.T, sig(anp.dot(W, x)))
    return anp.sum((xh - x) ** 2)


TIED = dict(
    sizes=[{"n": 2, "m": 2}, {"n": 3, "m": 2}, {"n": 4, "m": 3}],
    targets={
        "dL_dW": (("k", "j"), lambda A, S, Z: grad(_ae_L, 0)(A["W"], A["x"])),
        "dL_dW_matrix": (("k", "j"), lambda A, S, Z: grad(_ae_L, 0)(A["W"], A["x"])),
        "dL_dx": (("i",), lambda A, S, Z: grad(_ae_L, 1)(A["W"], A["x"])),
    },
)


# 8. softmax temperature, label smoothing --------------------------------------------------------
def _onehot(A, S, U, Z, rng):
    K = Z["K"]
    y = np.zeros(K)
    y[rng.integers(0, K)] = 1.0
    A["y"] = y
    S[r"\epsilon"] = rng.uniform(0.05, 0.3)


def _ls_loss(A, S, T=None):
    K = len(A["y"])
    q = (1 - S[r"\epsilon"]) * A["y"] + S[r"\epsilon"] / K
    T = 1.0 if T is None else T

    def L(z):
        return -anp.sum(q * anp.log(softmax(z / T)))

    return L


SOFTMAX = dict(
    sizes=[{"K": 2}, {"K": 3}, {"K": 5}],
    override=_onehot,
    targets={
        "dpT_dz": (("k", "i"), lambda A, S, Z: jacobian(lambda z: softmax(z / S["T"]))(A["z"])),
        "dpT_dz_matrix": (
            ("k", "i"),
            lambda A, S, Z: jacobian(lambda z: softmax(z / S["T"]))(A["z"]),
        ),
        "dL_dz": (("i",), lambda A, S, Z: grad(_ls_loss(A, S))(A["z"])),
        "dL_dz_vec": (("i", None), lambda A, S, Z: grad(_ls_loss(A, S))(A["z"])),
        "dLT_dz": (("i",), lambda A, S, Z: grad(_ls_loss(A, S, S["T"]))(A["z"])),
    },
)


# 9. Huber, log-sum-exp --------------------------------------------------------------------------
def _huber(e, d):
    a = anp.abs(e)
    return anp.where(a <= d, e**2 / 2, d * (a - d / 2))


def _huber_ov(A, S, U, Z, rng):
    S[r"\delta"] = rng.uniform(0.5, 1.5)
    S["u"] = rng.choice([-1, 1]) * rng.uniform(0.0, 2.5)
    A[r"\hat{y}"] = A["y"] + rng.uniform(-2.5, 2.5, size=A["y"].shape)


def _lse(z):
    return anp.log(anp.sum(anp.exp(z)))


HUBER = dict(
    sizes=[{"N": 2, "K": 2}, {"N": 4, "K": 3}, {"N": 6, "K": 4}],
    points=3,
    override=_huber_ov,
    targets={
        "dh_du": ((), lambda A, S, Z: np.array(grad(lambda u: _huber(u, S[r"\delta"]))(S["u"]))),
        "dH_dyhat": (
            ("i",),
            lambda A, S, Z: grad(lambda v: anp.sum(_huber(v - A["y"], S[r"\delta"])))(
                A[r"\hat{y}"]
            ),
        ),
        "dH_dyhat_vec": (
            ("i", None),
            lambda A, S, Z: grad(lambda v: anp.sum(_huber(v - A["y"], S[r"\delta"])))(
                A[r"\hat{y}"]
            ),
        ),
        "dlse_dz": (("i",), lambda A, S, Z: grad(_lse)(A["z"])),
        "dlse_dz_vec": (("i", None), lambda A, S, Z: grad(_lse)(A["z"])),
        "hess_lse": (("i", "j"), lambda A, S, Z: hessian(_lse)(A["z"])),
        "hess_lse_matrix": (("i", "j"), lambda A, S, Z: hessian(_lse)(A["z"])),
    },
)


# 10. second order -------------------------------------------------------------------------------
def _tanh_unit(x, w, b):
    return anp.tanh(w * x + b)


def _sym_pd(A, S, U, Z, rng):
    if "A" in A:
        n = A["A"].shape[0]
        M = rng.normal(size=(n, n))
        A["A"] = M @ M.T + n * np.eye(n)  # the statement: symmetric positive definite


def _quad(A):
    M, b = A["A"], A["b"]

    def f(x):
        return 0.5 * anp.dot(x, anp.dot(M, x)) - anp.dot(b, x)

    return f


def _x_star(A, S, Z):
    x = np.linalg.solve(A["A"], A["b"])
    assert np.allclose(grad(_quad(A))(x), 0, atol=1e-9)
    return x


def _d2(argnum_a, argnum_b):
    def ref(A, S, Z):
        args = (S["x"], S["w"], S["b"])
        g1 = grad(_tanh_unit, argnum_a)
        return np.array(grad(g1, argnum_b)(*args))

    return ref


SECOND = dict(
    sizes=[{"n": 2}, {"n": 3}, {"n": 4}],
    override=_sym_pd,
    targets={
        "d2y_dx2": ((), _d2(0, 0)),
        "d2y_dw2": ((), _d2(1, 1)),
        "d2y_dwdb": ((), _d2(1, 2)),
        "df_dx": (("i",), lambda A, S, Z: grad(_quad(A))(A["x"])),
        "df_dx_vec": (("i", None), lambda A, S, Z: grad(_quad(A))(A["x"])),
        "hess_f": (("i", "j"), lambda A, S, Z: hessian(_quad(A))(A["x"])),
        "hess_f_matrix": (("i", "j"), lambda A, S, Z: hessian(_quad(A))(A["x"])),
        "x_star": (("i",), _x_star),
    },
)

# the workaround: A is a general (non-symmetric) matrix there; 1-D quadratic's minimiser
SECOND_ALT = dict(
    sizes=[{"n": 2}, {"n": 3}, {"n": 4}],
    targets={
        "df_dx": (("i",), lambda A, S, Z: grad(_quad(A))(A["x"])),
        "hess_f": (("i", "j"), lambda A, S, Z: hessian(_quad(A))(A["x"])),
        "hess_f_matrix": (("i", "j"), lambda A, S, Z: hessian(_quad(A))(A["x"])),
        "d2y_dx2": ((), _d2(0, 0)),
        "d2y_dw2": ((), _d2(1, 1)),
        "d2y_dwdb": ((), _d2(1, 2)),
        "hess_f_via_g": (("i", "j"), lambda A, S, Z: hessian(_quad(A))(A["x"])),
        "hess_f_via_g_matrix": (("i", "j"), lambda A, S, Z: hessian(_quad(A))(A["x"])),
        "t_star": ((), lambda A, S, Z: np.array(S[r"\beta"] / S[r"\alpha"])),
        "t_star_manual": ((), lambda A, S, Z: np.array(S[r"\beta"] / S[r"\alpha"])),
    },
)

# the logistic-regression workaround asks for ∂g_i/∂w_j where g is the gradient: the Hessian
LOGREG_ALT = LOGREG

EXERCISES = [
    # (catalog spec file, config, exercise number in the tester's brief)
    ("logreg_hessian.py", LOGREG, 1),
    ("gaussian_mle.py", GAUSS, 2),
    ("ridge.py", RIDGE, 3),
    ("conv2d_backward.py", CONV2D, 4),
    ("lstm_cell.py", LSTM, 5),
    ("gru_cell.py", GRU, 5),
    ("vae_kl.py", VAE, 6),
    ("tied_autoencoder.py", TIED, 7),
    ("softmax_temperature.py", SOFTMAX, 8),
    ("huber_lse.py", HUBER, 9),
]


# --------------------------------------------------------------------------------------------
# the driver
# --------------------------------------------------------------------------------------------


def _target_sizes(target, env_sizes_names, cfg_sizes):
    """The size sets to test a target at: its own fixed sizes, else the config's."""
    if target.sizes:
        fixed = {s.name: int(v) for s, v in target.sizes.items()}
        out = []
        for z in cfg_sizes:
            zz = dict(z)
            zz.update(fixed)
            if zz not in out:
                out.append(zz)
        return out
    return cfg_sizes


def check_result(ex, target, result, cfg, ref_spec):
    free, ref = ref_spec
    problem = ex.problem
    idx_syms = {}
    for s in sp.sympify(target.expr).atoms(sp.Symbol) | set(
        a for a in (target.as_matrix or ()) if a is not None
    ):
        if s.is_integer:
            idx_syms[s.name] = s
    worst = 0.0
    npts = 0
    sizes_tested = []
    points = cfg.get("points", POINTS_PER_SIZE)
    for zi, Z in enumerate(_target_sizes(target, None, cfg["sizes"])):
        sizes_tested.append(Z)
        for pt in range(points):
            rng = np.random.default_rng(1000 * zi + pt + 7)
            A, S, U = random_leaves(problem, Z, rng, cfg.get("override"))
            want = np.asarray(ref(A, S, Z), dtype=float)
            env = Env(problem, Z, A, S, U)
            expr0 = result.expr.rhs if isinstance(result.expr, sp.Equality) else result.expr
            if target.as_matrix or isinstance(expr0, (sp.MatrixExpr, sp.MatrixBase)):
                got = env.num_matrix(expr0)
                want_m = want.reshape(got.shape) if want.size == got.size else None
                if want_m is None:
                    return dict(
                        correct=False,
                        why=f"shape {got.shape} vs reference {want.shape}",
                        sizes=sizes_tested,
                    )
                err = _err(got, want_m)
            else:
                expr = result.expr
                if isinstance(expr, sp.Equality):
                    expr = expr.rhs
                got = np.zeros(want.shape)
                if free and any(f is None for f in free):
                    free = tuple(f for f in free if f is not None)
                for combo in np.ndindex(*want.shape):
                    rep = {
                        idx_syms[name]: c + 1 for name, c in zip(free, combo) if name in idx_syms
                    }
                    got[combo] = env.num(expr.xreplace(rep))
                err = _err(got, want)
            worst = max(worst, err)
            npts += 1
            if err > 1.0:
                return dict(
                    correct=False,
                    why=f"at sizes {Z}, point {pt}: derived {np.round(got, 6).tolist()} vs autograd {np.round(want, 6).tolist()}",
                    sizes=sizes_tested,
                    max_scaled_err=err,
                )
    return dict(correct=True, points=npts, sizes=sizes_tested, max_scaled_err=worst)


def _err(got, want):
    got = np.asarray(got, dtype=float)
    want = np.asarray(want, dtype=float)
    return float(np.max(np.abs(got - want) / (ATOL + RTOL * np.abs(want)))) if want.size else 0.0


def run(only=()):
    report = []
    for fname, cfg, exno in EXERCISES:
        path = os.path.join(HERE, fname)
        if not os.path.exists(path):
            continue
        spec_id = fname[:-3]
        if only and spec_id not in only:
            continue
        entry = dict(
            spec=spec_id, file=fname, exercise=exno, alt=fname.endswith("_alt.py"), targets=[]
        )
        t0 = time.time()
        try:
            ex = symderiv.load(path)
            der = ex.derive()
        except Exception as e:
            entry["load_error"] = f"{type(e).__name__}: {e}"
            report.append(entry)
            continue
        entry["derive_seconds"] = round(time.time() - t0, 2)
        for target in ex.problem.targets:
            row = dict(target=target.name, title=target.title)
            if target.name in der.results:
                res = der.results[target.name]
                row["derived"] = True
                row["latex"] = res.latex
                ref_spec = cfg["targets"].get(target.name)
                if ref_spec is None:
                    row["correct"] = None
                    row["why"] = "no reference in check_all.py"
                else:
                    try:
                        row.update(check_result(ex, target, res, cfg, ref_spec))
                    except Exception as e:
                        row["correct"] = None
                        row["why"] = f"checker could not evaluate: {type(e).__name__}: {e}"
                        row["traceback"] = traceback.format_exc(limit=3)
            else:
                row["derived"] = False
                err = der.failures.get(target.name)
                row["error"] = str(err) if err is not None else "no result and no failure recorded"
                row["error_type"] = type(err).__name__ if err is not None else None
            entry["targets"].append(row)
        report.append(entry)
    return report


def summarize(report):
    lines = []
    tot = {}
    for entry in report:
        kind = "alt" if entry["alt"] else "main"
        t = tot.setdefault(kind, dict(targets=0, derived=0, correct=0, wrong=0, unchecked=0))
        lines.append(
            f"\n== {entry['spec']} (exercise {entry['exercise']}{', workaround' if entry['alt'] else ''})"
        )
        if "load_error" in entry:
            lines.append(f"   LOAD ERROR: {entry['load_error']}")
            continue
        for row in entry["targets"]:
            t["targets"] += 1
            if row["derived"]:
                t["derived"] += 1
                if row.get("correct") is True:
                    t["correct"] += 1
                    status = f"derived, CORRECT ({row['points']} points, sizes {[tuple(z.values()) for z in row['sizes']]})"
                elif row.get("correct") is False:
                    t["wrong"] += 1
                    status = f"derived, WRONG: {row.get('why')}"
                else:
                    t["unchecked"] += 1
                    status = f"derived, NOT CHECKED: {row.get('why')}"
            else:
                status = f"NOT DERIVED: {row['error']}"
            lines.append(f"   {row['target']:<22} {status}")
    lines.append("")
    for kind, t in tot.items():
        lines.append(
            f"TOTAL {kind}: {t['targets']} targets, {t['derived']} derived, {t['correct']} correct, "
            f"{t['wrong']} wrong, {t['unchecked']} derived but not checked"
        )
    return "\n".join(lines), tot


def main(argv):
    out = "check_results.json"
    if "--out" in argv:
        k = argv.index("--out")
        out = argv[k + 1]
        argv = argv[:k] + argv[k + 2 :]
    print(f"symderiv from {os.path.dirname(symderiv.__file__)}")
    report = run(tuple(argv))
    text, tot = summarize(report)
    print(text)
    if not argv:
        with open(os.path.join(HERE, out), "w") as fh:
            json.dump(dict(report=report, totals=tot), fh, indent=1, default=str)
    wrong = sum(t["wrong"] + t["unchecked"] for t in tot.values())
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
