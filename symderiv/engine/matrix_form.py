"""Matrix form: index-level entries lifted to matrix expressions (products read off each
term's contraction graph in ``contract``: Aᵀ Bᵀ, Xᵀ diag(p) X, r sᵀ, (xᵀy), tr A, e_k,
Iₙ; terms merged and common factors taken out), and matrix expressions made explicit at
concrete sizes."""

from __future__ import annotations

from collections.abc import Mapping
from functools import reduce

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from ..ops.functions import gradient_base
from ..ops.matrices import DiagMatrix, ElementwiseApplyFunction
from .calculus import Context
from .contract import Scalar, _product, contract, expand, matrix_symbol

__all__ = ["Scalar", "explicit", "lift", "matrix_symbol"]


def lift(ctx: Context, entry: sp.Expr, row: sp.Symbol, col, nrows, ncols):
    """The matrix M (a SymPy matrix expression, numerator layout) with M[row, col] = entry;
    ``col=None``: the column vector over ``row``.

    Each term (sums opened, a factor that is a sum over two indices multiplied out) is read
    as a contraction graph (``contract``): AᵀBᵀ for Σ_r A_ra B_br, Xᵀ diag(p ⊙ (1 − p)) X,
    (xᵀy) a bᵀ, tr(A) I. Terms of the same product are added (their scalars summed), a
    scalar common to every term is taken out ((1/r)(I − y yᵀ)), and so is a first or last
    matrix common to several terms ((A + Aᵀ) X, 2 Aᵀ(A x − b)). What cannot be read so (an
    index expression X_{i+a−1, j}, a factor of three indices, an index in three factors)
    raises UnsupportedError naming the factor."""
    active = frozenset({row} | ({col} if col is not None else set()))
    terms = []
    for factors, sums in expand(entry, active):
        terms.append(contract(ctx, lift, factors, sums, row, col, nrows, ncols))
    terms = [(c, m) for c, m in terms if c != 0]
    if not terms:
        return sp.ZeroMatrix(nrows, ncols)
    return _sum(terms)


def _sum(terms) -> sp.MatrixExpr:
    """Σ c_k M_k with equal products merged and common factors taken out."""
    merged: dict = {}
    for c, m in terms:
        merged[m] = merged.get(m, sp.S.Zero) + c
    terms = [(sp.factor_terms(c), m) for m, c in merged.items() if c != 0]
    if not terms:
        return sp.ZeroMatrix(*_product(next(iter(merged))).shape)
    if len(terms) == 1:
        return _times(*terms[0])
    common = _common([c for c, _ in terms])
    if common != 1:
        return _times(common, (_sum([(c / common, m) for c, m in terms]),))
    part = _shared(terms)
    if part is not None:  # a scalar common to several terms: −(1/n)((x̂ᵀg) x̂ + (𝟏ᵀg) 𝟏)
        f, inside = part
        rest = [(c, m) for c, m in terms if (c, m) not in inside]
        grouped = _times(f, (_sum([(c / f, m) for c, m in inside]),))
        return sp.MatAdd(grouped, *[_times(c, m) for c, m in rest])
    for side in (-1, 0):  # a last (first) matrix common to several terms
        groups: dict = {}
        for c, m in terms:
            key = m[side] if len(m) > 1 else None
            groups.setdefault(key, []).append((c, m))
        if any(k is not None and len(g) > 1 for k, g in groups.items()):
            out = []
            for k, g in groups.items():
                if k is None or len(g) == 1:
                    out += g
                    continue
                rest = _sum([(c, m[:-1] if side == -1 else m[1:]) for c, m in g])
                out.append((sp.S.One, (rest, k) if side == -1 else (k, rest)))
            if len(out) == 1:
                return _times(*out[0])
            return sp.MatAdd(*[_times(c, m) for c, m in out])
    return sp.MatAdd(*[_times(c, m) for c, m in terms])


def _common(coeffs) -> sp.Expr:
    """The factor every coefficient has: a number's common part, shared symbolic factors."""
    nums, rests = zip(*(c.as_coeff_Mul() for c in coeffs))
    out = sp.S.One
    if all(n.is_Rational for n in nums):
        g = reduce(sp.gcd, [abs(n) for n in nums])
        out = g * (-1 if all(n < 0 for n in nums) else 1)
    shared = set(sp.Mul.make_args(rests[0]))
    for r in rests[1:]:
        shared &= set(sp.Mul.make_args(r))
    return out * sp.Mul(*shared)


def _shared(terms):
    """A factor (a symbol, a power, a number's part) of the coefficients of several terms but
    not all, the one most share, with those terms; None when no two share one."""
    best = None
    for f in {g for c, _ in terms for g in sp.Mul.make_args(c) if not g.is_Number}:
        having = [(c, m) for c, m in terms if f in sp.Mul.make_args(c)]
        if len(having) > 1 and (best is None or len(having) > len(best[1])):
            best = (f, having)
    return best


def _times(c, mats):
    """c · M₁ M₂ ⋯ as one product (nested products flattened)."""
    m = _product(list(mats))
    if isinstance(m, sp.MatMul):
        k, ms = m.as_coeff_matrices()
        c, m = c * k, _product(ms)
    if c == 1:
        return m
    return sp.MatMul(c, *(m.args if isinstance(m, sp.MatMul) else (m,)))


def explicit(ctx: Context, mat: sp.MatrixExpr, sizes: Mapping) -> sp.Matrix:
    """A matrix expression at concrete sizes as an explicit Matrix of 1-based Indexed entries."""
    bases = {str(b.label): b for b in ctx.shapes}
    for loss, below in ctx.gradients().values():  # upstream gradients ∂L/∂y, shaped as y
        g = gradient_base(loss, below)
        bases[str(g.label)] = g
    m = mat.xreplace({k: sp.Integer(v) for k, v in sizes.items()})
    key = (m, tuple(sorted(bases)))
    if key not in _EXPLICIT:
        if len(_EXPLICIT) > 512:
            _EXPLICIT.clear()
        _EXPLICIT[key] = _explicit(m, bases)
    return _EXPLICIT[key]


_EXPLICIT: dict = {}


def _explicit(m, bases):
    """The matrix expression evaluated node by node on explicit matrices (products carried
    out directly: asking a product for each of its entries builds a Sum per entry)."""

    def to_indexed(e):
        name = str(e.parent.name)
        base = bases.get(name, sp.IndexedBase(name))
        if e.parent.shape[1] == 1:
            return base[e.i + 1]
        return base[e.i + 1, e.j + 1]

    def leaf(e):
        out = sp.ImmutableMatrix(e.as_explicit())
        return out.applyfunc(
            lambda x: x.replace(lambda a: isinstance(a, MatrixElement), to_indexed)
        )

    def number(c):  # a scalar with xᵀy or tr(A) in it
        return c.replace(
            lambda a: isinstance(a, Scalar | sp.Trace),
            lambda a: ex(a.mat)[0, 0] if isinstance(a, Scalar) else ex(a.arg).trace(),
        )

    def ex(e):
        if isinstance(e, sp.MatrixBase):
            return sp.ImmutableMatrix(e)
        if isinstance(e, sp.MatMul):
            coeff, mats = e.as_coeff_matrices()
            out = ex(mats[0])
            for f in mats[1:]:
                out = out * ex(f)
            return sp.ImmutableMatrix(number(coeff) * out) if coeff != 1 else out
        if isinstance(e, sp.MatAdd):
            out = ex(e.args[0])
            for f in e.args[1:]:
                out = out + ex(f)
            return out
        if isinstance(e, sp.Transpose):
            return ex(e.arg).T
        if isinstance(e, sp.HadamardProduct):
            out = ex(e.args[0])
            for f in e.args[1:]:
                out = out.multiply_elementwise(ex(f))
            return out
        if isinstance(e, DiagMatrix):
            v = list(ex(e.args[0]))
            return sp.ImmutableMatrix(len(v), len(v), lambda i, j: v[i] if i == j else 0)
        if isinstance(e, ElementwiseApplyFunction):
            return ex(e.expr).applyfunc(e.function)
        if isinstance(e, sp.Inverse) or (isinstance(e, sp.MatPow) and e.exp.is_Integer):
            k = -1 if isinstance(e, sp.Inverse) else int(e.exp)
            base = ex(e.args[0])
            base = inverse(base) if k < 0 else base
            out = sp.ImmutableMatrix(sp.eye(base.rows))
            for _ in range(abs(k)):
                out = out * base  # (SymPy's ** simplifies the products as it goes: minutes)
            return out
        return leaf(e)

    return ex(m)


def inverse(m: sp.ImmutableMatrix) -> sp.ImmutableMatrix:
    """The inverse of a small explicit matrix as cofactors over the determinant, neither
    simplified (SymPy's own inverse row-reduces with simplification: 2 s at 3×3 symbols;
    these entries are only evaluated at points)."""
    n = m.rows
    if n == 1:
        return sp.ImmutableMatrix([[1 / m[0, 0]]])
    det = _det(m)
    return sp.ImmutableMatrix(
        n, n, lambda i, j: (-1) ** (i + j) * _det(m.minor_submatrix(j, i)) / det
    )


def _det(m) -> sp.Expr:
    """Laplace expansion along the first row (the sizes a check uses are 2 to 4)."""
    if m.rows == 1:
        return m[0, 0]
    return sp.Add(*[(-1) ** j * m[0, j] * _det(m.minor_submatrix(0, j)) for j in range(m.cols)])
