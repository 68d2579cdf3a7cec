"""Stationary points of a vector unknown: when every entry of the gradient is affine in the
unknown's entries, Σ_j M_kj w_j + c_k = 0 for every k, the solution is w* = −M⁻¹c, written
with the problem's matrices (least squares (XᵀX)⁻¹Xᵀy, ridge (XᵀX + λI)⁻¹Xᵀy, a quadratic
½xᵀAx − bᵀx: A⁻¹b when A is stated symmetric).

The check is independent of the lifting: at concrete sizes and random values the matrix
expression is evaluated, the gradient of the forward computation (sums written out) is 0
there, and it agrees with numpy.linalg.solve on M and c built entry by entry.
"""

from __future__ import annotations

import random

import numpy as np
import sympy as sp

from ..errors import UnsupportedError
from .closed_form import (
    _flat,
    _term,
    concrete,
    derivative,
    draw,
    flatten,
    sign_of,
    size_sets,
    symmetric_bases,
    unfold,
)
from .printer import latex
from .steps import NumericCheck, Step, worse


def matrix_symbol(ctx, base: sp.IndexedBase) -> sp.MatrixSymbol:
    """The MatrixSymbol of an IndexedBase (a vector a column). The engine's
    ``matrix_form.matrix_symbol`` does the same, but operations sit below the engine."""
    shape = ctx.shapes.get(base)
    if shape is None:
        raise UnsupportedError(f"no shape is declared for {base}")
    if len(shape) == 1:
        return sp.MatrixSymbol(str(base.label), shape[0], 1)
    return sp.MatrixSymbol(str(base.label), *shape)


def affine(ctx, g, var, row, col):
    """(M_{row,col}, c_row) with g = Σ_col M_{row,col} var_col + c_row, or UnsupportedError."""
    m_terms, c_terms = [], []
    for p, lims in _flat(ctx, g):
        ws = [a for a in p.atoms(sp.Indexed) if a.base == var]
        if not ws:
            c_terms.append(_term(p, lims))
            continue
        a = ws[0]
        coef = sp.cancel(p / a)
        if len(ws) > 1 or coef.has(var):
            raise UnsupportedError(
                f"the gradient entry ${latex(g)}$ is not affine in ${latex(var)}$: "
                f"the term ${latex(_term(p, lims))}$; no closed form by linear algebra"
            )
        (j,) = a.indices
        bound = [lim for lim in lims if lim[0] == j]
        if bound:
            rest = [tuple(b.xreplace({j: col}) for b in lim) for lim in lims if lim[0] != j]
            m_terms.append(_term(coef.xreplace({j: col}), rest))
        else:
            m_terms.append(_term(coef, lims) * sp.KroneckerDelta(j, col))
    return sp.Add(*m_terms), sp.Add(*c_terms)


def _carrier(term, free):
    """(scalar coefficient, the rest) of a product: the coefficient free of ``free``."""
    coef = sp.Mul(*[f for f in sp.Mul.make_args(term) if not f.free_symbols & free])
    return coef, sp.cancel(term / coef)


def _side(ctx, x, keep, other):
    """The matrix of an entry x written with indices (keep, other) in that order."""
    if not isinstance(x, sp.Indexed) or len(x.indices) != 2:
        return None
    a, b = x.indices
    if (a, b) == (keep, other):
        return matrix_symbol(ctx, x.base)
    if (a, b) == (other, keep):
        return matrix_symbol(ctx, x.base).T
    return None


def lift_matrix(ctx, entry, row, col, size):
    parts = []
    for t in sp.Add.make_args(sp.expand(entry)):
        coef, rest = _carrier(t, {row, col})
        mat = None
        if isinstance(rest, sp.KroneckerDelta) and set(rest.args) == {row, col}:
            mat = sp.Identity(size)
        elif isinstance(rest, sp.Indexed):
            mat = _side(ctx, rest, row, col)
        elif isinstance(rest, sp.Sum) and len(rest.limits) == 1:
            n = rest.limits[0][0]
            fs = sp.Mul.make_args(rest.function)
            if len(fs) == 2:
                for u, v in (fs, fs[::-1]):
                    left, right = _side(ctx, u, row, n), _side(ctx, v, n, col)
                    if left is not None and right is not None:
                        mat = left * right
                        break
        if mat is None:
            raise UnsupportedError(
                f"cannot write ${latex(t)}$ (a term of the entry $M_{{{row}{col}}}$) as a "
                "matrix product"
            )
        parts.append(coef * mat)
    return sp.MatAdd(*parts).doit() if len(parts) > 1 else parts[0]


def lift_vector(ctx, entry, row):
    parts = []
    for t in sp.Add.make_args(sp.expand(entry)):
        coef, rest = _carrier(t, {row})
        vec = None
        if isinstance(rest, sp.Indexed) and rest.indices == (row,):
            vec = matrix_symbol(ctx, rest.base)
        elif isinstance(rest, sp.Sum) and len(rest.limits) == 1:
            n = rest.limits[0][0]
            fs = sp.Mul.make_args(rest.function)
            if len(fs) == 2:
                for u, v in (fs, fs[::-1]):
                    left = _side(ctx, u, row, n)
                    if left is not None and isinstance(v, sp.Indexed) and v.indices == (n,):
                        vec = left * matrix_symbol(ctx, v.base)
                        break
        if vec is None:
            raise UnsupportedError(
                f"cannot write ${latex(t)}$ (a term of $c_{{{row}}}$) as a vector"
            )
        parts.append(coef * vec)
    return sp.MatAdd(*parts).doit() if len(parts) > 1 else parts[0]


def _unsym(expr, sym):
    return expr.replace(
        lambda e: isinstance(e, sp.Transpose) and getattr(e.arg, "name", None) in sym,
        lambda e: e.arg,
    )


def definiteness(ctx, mat) -> tuple[int | None, str]:
    """(1 for a minimum, −1 for a maximum, None) and why: c I with c > 0 is positive
    definite, c BᵀB and c B Bᵀ with c > 0 positive semidefinite; a sum of them with one
    definite term is definite."""
    kinds = []
    for t in sp.Add.make_args(mat) if not isinstance(mat, sp.MatAdd) else mat.args:
        coef, rest = sp.S.One, t
        if isinstance(t, sp.MatMul) and t.args and not t.args[0].is_Matrix:
            coef, rest = t.args[0], sp.MatMul(*t.args[1:]).doit()
        s = sign_of(ctx, coef)
        if isinstance(rest, sp.Identity) and s:
            kinds.append((s, True))
        elif isinstance(rest, sp.MatMul) and len(rest.args) == 2 and s:
            a, b = rest.args
            if b in (a.T, a.T.doit()):
                kinds.append((s, False))
            else:
                return None, "its definiteness is undecided under the assumptions"
        else:
            return None, "its definiteness is undecided under the assumptions"
    signs = {s for s, _ in kinds}
    if len(signs) != 1:
        return None, "its definiteness is undecided under the assumptions"
    (s,) = signs
    word = "positive" if s > 0 else "negative"
    if any(d for _, d in kinds):
        return s, f"{word} definite"
    return s, f"{word} semidefinite (the solution is unique where it is invertible)"


def derive_vector(op, ctx, steps):
    f, var = op.args[:2]
    shape = ctx.shapes.get(var)
    if shape is None or len(shape) != 1:
        raise UnsupportedError(f"${latex(var)}$: a vector unknown needs a shape (n,)")
    row = ctx.fresh_index(set(f.free_symbols))
    col = ctx.fresh_index({row} | set(f.free_symbols))
    d = sp.Derivative(f, var[row])
    ranges = ctx.ranges(d)
    ranges.setdefault(row, (sp.S.One, shape[0]))
    g = derivative(ctx, d, steps, ranges)
    g = flatten(ctx, unfold(ctx, g, var[row]))
    steps.append(Step("set the gradient to zero", d, g, note="$= 0$ for every entry"))
    m, c = affine(ctx, g, var, row, col)
    # a number common to M and c cancels in −M⁻¹c: (XᵀX + λI)⁻¹Xᵀy, not (2XᵀX + 2λI)⁻¹2Xᵀy
    k = sp.gcd(sp.factor_terms(m).as_coeff_Mul()[0], sp.factor_terms(c).as_coeff_Mul()[0])
    if k.is_Rational and k not in (0, 1):
        m, c = sp.expand(m / k), sp.expand(c / k)
    sym = {str(b.label) for b in symmetric_bases(ctx)}
    wj = sp.Sum(m * var[col], (col, 1, shape[0]))
    steps.append(Step("affine in the unknown", d, wj + c, note=f"$M_{{{row}{col}}} = {latex(m)}$"))
    mm = _unsym(lift_matrix(ctx, m, row, col, shape[0]), sym)
    cc = _unsym(lift_vector(ctx, c, row), sym)
    mm = sp.MatAdd(mm).doit() if isinstance(mm, sp.MatAdd) else mm
    w = matrix_symbol(ctx, var)
    grad = sp.MatAdd(sp.MatMul(mm, w), cc)
    steps.append(Step("matrix form", sp.Derivative(f, w), grad))
    neg = (-cc).doit() if hasattr(-cc, "doit") else -cc
    inv, neg = _cancel_numbers(mm, neg)  # (2A)⁻¹ 2b is A⁻¹ b
    sol = sp.MatMul(sp.Inverse(inv), *_factors(neg))
    if isinstance(mm, sp.Identity):
        sol = neg
    steps.append(Step(f"solve for ${latex(w)}$", w, sol, note=f"${latex(w)} = -M^{{-1}} c$"))
    claim, why = definiteness(ctx, mm)
    kind = {1: "a minimum", -1: "a maximum"}.get(
        claim, "a minimum where it is positive definite, a maximum where negative definite"
    )
    steps.append(
        Step(
            "second-order check",
            sp.Derivative(f, w, w),
            mm,
            note=f"the Hessian: {why}; {kind}",
        )
    )
    op.__dict__["_affine"] = (m, c, row, col)
    return sol, claim  # not an Eq: answers are judged as matrices, as a matrix form is


def _cancel_numbers(mm, v):
    """M and v with a number common to both taken out (it cancels in M⁻¹v)."""
    km, rest_m = mm.as_coeff_mmul() if isinstance(mm, sp.MatMul) else (sp.S.One, mm)
    kv, rest_v = v.as_coeff_mmul() if isinstance(v, sp.MatMul) else (sp.S.One, v)
    if km == 1 or not (km.is_Number and kv.is_Number):
        return mm, v
    rest_m = rest_m.doit() if isinstance(rest_m, sp.MatMul) else rest_m
    rest_v = rest_v.doit() if isinstance(rest_v, sp.MatMul) else rest_v
    k = kv / km
    return rest_m, (rest_v if k == 1 else sp.MatMul(k, rest_v))


def _factors(e):
    if isinstance(e, sp.MatMul):
        return e.args
    return (e,)


def check_vector(op, eq, ctx, seed: int = 0) -> NumericCheck:
    f, var = op.args[:2]
    if "_affine" not in op.__dict__:
        op.derive(ctx, [])
    m, c, row, col = op.__dict__["_affine"]
    claim = op.__dict__.get("_claim")
    rng = random.Random(seed)
    worst, count, wrong = 0.0, 0, 0
    for sizes in size_sets(ctx):
        n = int(sp.sympify(ctx.shapes[var][0]).xreplace(sizes))
        fc = concrete(ctx, f, sizes)
        ws = [var[a] for a in range(1, n + 1)]
        grad = [sp.diff(fc, x) for x in ws]
        second = [[sp.diff(x, y) for y in ws] for x in grad] if claim is not None else []
        mc = [[concrete(ctx, m.xreplace({row: a, col: b}), sizes) for b in range(1, n + 1)]
              for a in range(1, n + 1)]  # fmt: skip
        cc = [concrete(ctx, c.xreplace({row: a}), sizes) for a in range(1, n + 1)]
        for _ in range(3):
            entries = sp.Add(*cc) + sp.Add(*[e for r in mc for e in r])
            at = draw(ctx, fc + entries, set(ws), rng, sizes)
            shown = _numeric(eq.rhs if isinstance(eq, sp.Eq) else eq, at, sizes)
            point = {**at, **dict(zip(ws, shown))}
            scale = 1 + max(abs(float(v)) for v in at.values())
            g = [float(sp.N(x.xreplace(point), 30)) for x in grad]
            worst = worse(worst, max(abs(v) for v in g) / scale)
            mn = np.array([[float(sp.N(e.xreplace(at))) for e in r] for r in mc])
            cn = np.array([float(sp.N(e.xreplace(at))) for e in cc])
            direct = np.linalg.solve(mn, -cn)
            worst = worse(worst, float(np.max(np.abs(direct - shown))) / scale)
            if claim is not None:
                hess = [[float(sp.N(e.xreplace(point))) for e in r] for r in second]
                eig = np.linalg.eigvalsh(np.array(hess))
                if not np.all(claim * eig > -1e-9):
                    wrong += 1
            count += 1
    return NumericCheck(
        method="the matrix expression at sizes 2, 3, 4 and random values: the gradient of the "
        "forward computation is 0 there, and numpy.linalg.solve on M and c built entry by "
        "entry agrees" + ("; the Hessian's eigenvalues have the claimed sign" if claim else ""),
        points=count,
        max_error=worst if not wrong else float("inf"),
        passed=worst <= 1e-8 and not wrong,
    )


def _numeric(mexpr, at, sizes) -> np.ndarray:
    """A matrix expression at concrete sizes with its MatrixSymbols filled from ``at``."""
    e = mexpr.xreplace(sizes)
    table = {(str(k.base), k.indices): v for k, v in at.items() if isinstance(k, sp.Indexed)}
    values = {}
    for ms in e.atoms(sp.MatrixSymbol):
        rows, cols = int(ms.shape[0]), int(ms.shape[1])

        def entry(a, b, name=ms.name, cols=cols):
            want = (a + 1, b + 1) if cols > 1 else (a + 1,)
            if (name, want) not in table:
                raise UnsupportedError(f"no value for {name}{want}")
            return float(table[name, want])

        values[ms] = sp.ImmutableMatrix([[entry(a, b) for b in range(cols)] for a in range(rows)])
    scal = {k: v for k, v in at.items() if isinstance(k, sp.Symbol)}
    explicit = e.xreplace(values).xreplace(scal).doit().as_explicit()
    return np.array([float(x) for x in sp.N(explicit, 30)])
