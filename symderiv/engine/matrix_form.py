"""Matrix form: index-level entries lifted to matrix expressions (diag, outer products,
transposes, e_k, Iₙ), and matrix expressions made explicit at concrete sizes."""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from ..errors import DerivationError
from ..ops.matrices import BasisVector, DiagMatrix, ElementwiseApplyFunction
from .calculus import Context


def matrix_symbol(ctx: Context, base: sp.IndexedBase) -> sp.MatrixSymbol:
    shape = ctx.shapes.get(base)
    if shape is None:
        raise DerivationError(f"no shape is declared for {base}")
    if len(shape) == 1:
        return sp.MatrixSymbol(str(base.label), shape[0], 1)
    return sp.MatrixSymbol(str(base.label), *shape)


def _vector(ctx: Context, f: sp.Expr, idx: sp.Symbol, size) -> sp.MatrixExpr:
    """A column vector v with v_idx = f."""
    if isinstance(f, sp.KroneckerDelta):
        other = f.args[0] if f.args[1] == idx else f.args[1]
        if idx not in other.free_symbols:
            return BasisVector(other, size)
    if isinstance(f, sp.Indexed) and f.indices == (idx,):
        return matrix_symbol(ctx, f.base)
    if isinstance(f, sp.Indexed) and len(f.indices) == 2 and f.base in ctx.shapes:
        a, b = f.indices
        shape = ctx.shapes[f.base]
        if a == idx and idx not in b.free_symbols:  # column b of the matrix: M e_b
            return sp.MatMul(matrix_symbol(ctx, f.base), BasisVector(b, shape[1]))
        if b == idx and idx not in a.free_symbols:  # row a, as a column: Mᵀ e_a
            return sp.MatMul(matrix_symbol(ctx, f.base).T, BasisVector(a, shape[0]))
    carriers = [a for a in f.atoms(sp.Indexed) if idx in a.free_symbols]
    if len(carriers) == 1 and carriers[0].indices == (idx,):
        u = sp.Dummy("u")
        fn = sp.Lambda(u, f.xreplace({carriers[0]: u}))
        if idx not in fn.free_symbols:
            return ElementwiseApplyFunction(fn, matrix_symbol(ctx, carriers[0].base))
    raise DerivationError(f"cannot write {f} as a vector over index {idx}")


def _matrix(ctx: Context, f: sp.Expr, row: sp.Symbol, col: sp.Symbol, nrows) -> sp.MatrixExpr:
    if isinstance(f, sp.KroneckerDelta) and set(f.args) == {row, col}:
        return sp.Identity(nrows)
    if isinstance(f, sp.Indexed) and len(f.indices) == 2:
        if f.indices == (row, col):
            return matrix_symbol(ctx, f.base)
        if f.indices == (col, row):
            return matrix_symbol(ctx, f.base).T
    raise DerivationError(f"cannot write {f} as a matrix over indices ({row}, {col})")


def lift(ctx: Context, entry: sp.Expr, row: sp.Symbol, col: sp.Symbol, nrows, ncols):
    """The matrix M (a SymPy matrix expression) with M[row, col] = entry.

    Factors are sorted by the indices they carry: constant c, row-only r(row),
    column-only s(col), both m(row, col); then M = c · diag(r) · m · diag(s), or the
    outer product c · r sᵀ when there is no two-index factor.
    """
    if col is None:  # a column vector over ``row``
        const = [f for f in sp.Mul.make_args(entry) if row not in f.free_symbols]
        r = [f for f in sp.Mul.make_args(entry) if row in f.free_symbols]
        if not r:
            raise DerivationError(f"cannot lift {entry}: it does not vary with {row}")
        vec = _vector(ctx, sp.Mul(*r), row, nrows)
        c = sp.Mul(*const)
        if c == 1:
            return vec
        return sp.MatMul(c, *(vec.args if isinstance(vec, sp.MatMul) else (vec,)))
    const, r, s, both = [], [], [], []
    for f in sp.Mul.make_args(entry):
        has_r, has_c = row in f.free_symbols, col in f.free_symbols
        (both if has_r and has_c else r if has_r else s if has_c else const).append(f)
    if len(both) > 1:
        raise DerivationError(f"cannot lift {entry} to matrix form: too many two-index factors")
    c = sp.Mul(*const)
    rv = _vector(ctx, sp.Mul(*r), row, nrows) if r else None
    sv = _vector(ctx, sp.Mul(*s), col, ncols) if s else None
    if both:
        m = _matrix(ctx, both[0], row, col, nrows)
        if isinstance(m, sp.Identity) and (rv is not None) != (sv is not None):
            mat = DiagMatrix(rv if rv is not None else sv)
        else:
            parts = ([DiagMatrix(rv)] if rv is not None else []) + [m]
            parts += [DiagMatrix(sv)] if sv is not None else []
            mat = sp.MatMul(*parts) if len(parts) > 1 else parts[0]
    elif rv is not None and sv is not None:
        mat = sp.MatMul(rv, sv.T)
    else:
        raise DerivationError(f"cannot lift {entry}: it does not vary with both indices")
    if c == 1:
        return mat
    return sp.MatMul(c, *(mat.args if isinstance(mat, sp.MatMul) else (mat,)))


def explicit(ctx: Context, mat: sp.MatrixExpr, sizes: Mapping) -> sp.Matrix:
    """A matrix expression at concrete sizes as an explicit Matrix of 1-based Indexed entries."""
    bases = {str(b.label): b for b in ctx.shapes}
    m = mat.xreplace({k: sp.Integer(v) for k, v in sizes.items()}).as_explicit()

    def to_indexed(e):
        name = str(e.parent.name)
        base = bases.get(name, sp.IndexedBase(name))
        shape = ctx.shapes.get(base, ())
        if len(shape) == 1:
            return base[e.i + 1]
        return base[e.i + 1, e.j + 1]

    return m.applyfunc(lambda e: e.replace(lambda a: isinstance(a, MatrixElement), to_indexed))
