"""Matrix form: index-level entries lifted to matrix expressions (diag, outer products,
transposes, e_k, Iₙ), and matrix expressions made explicit at concrete sizes."""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from ..errors import DerivationError, UnsupportedError
from ..ops.functions import gradient_base, gradient_parts
from ..ops.matrices import BasisVector, DiagMatrix, ElementwiseApplyFunction
from .calculus import Context


def matrix_symbol(ctx: Context, base: sp.IndexedBase) -> sp.MatrixSymbol:
    shape = ctx.shapes.get(base)
    parts = gradient_parts(str(base.label))
    if shape is None and parts is not None:  # ∂L/∂y has the shape of y
        shape = next((v for b, v in ctx.shapes.items() if str(b.label) == parts[1]), None)
    if shape is None:
        raise UnsupportedError(f"no shape is declared for {base}")
    if len(shape) == 1:
        return sp.MatrixSymbol(str(base.label), shape[0], 1)
    return sp.MatrixSymbol(str(base.label), *shape)


def _vector(ctx: Context, f: sp.Expr, idx: sp.Symbol, size) -> sp.MatrixExpr:
    """A column vector v with v_idx = f: e_k, x, columns and rows of matrices, sums of
    vectors, Hadamard products, M v and Mᵀ v for Σ_r M_{idx r} g_r, elementwise functions."""
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
    if isinstance(f, sp.Add):  # o_r − t_r: o − t
        return _combine(ctx, [_scaled(ctx, t, idx, size) for t in f.args])
    if isinstance(f, sp.Mul):
        const = sp.Mul(*[g for g in f.args if idx not in g.free_symbols])
        carried = [g for g in f.args if idx in g.free_symbols]
        if const != 1:
            return _times(const, _vector(ctx, sp.Mul(*carried), idx, size))
        if len(carried) > 1 and not _one_carrier(f, idx):  # u_i v_i: u ⊙ v
            return sp.HadamardProduct(*[_vector(ctx, g, idx, size) for g in carried])
    if isinstance(f, sp.Sum) and len(f.limits) == 1:
        mv = _matvec(ctx, f, idx, size)
        if mv is not None:
            return mv
        pulled = _pull_out(f, idx)
        if pulled is not None:  # Σ_j (x̂_i x̂_j + 1) g_j = x̂_i Σ_j x̂_j g_j + Σ_j g_j
            return _vector(ctx, pulled, idx, size)
    carriers = [a for a in f.atoms(sp.Indexed) if idx in a.free_symbols]
    if len(carriers) == 1 and carriers[0].indices == (idx,):
        u = sp.Dummy("u")
        fn = sp.Lambda(u, f.xreplace({carriers[0]: u}))
        if idx not in fn.free_symbols:
            return ElementwiseApplyFunction(fn, matrix_symbol(ctx, carriers[0].base))
    raise UnsupportedError(f"cannot write {f} as a vector over index {idx}")


def _pull_out(s: sp.Sum, idx):
    """The sum split into its summand's terms with the factors that carry ``idx`` but not
    the summation index taken out of each, or None when nothing carrying ``idx`` comes out."""
    var = s.limits[0][0]
    out, moved = [], False
    for t in sp.Add.make_args(sp.expand(s.function)):
        outside = [g for g in sp.Mul.make_args(t) if var not in g.free_symbols]
        inside = [g for g in sp.Mul.make_args(t) if var in g.free_symbols]
        moved = moved or any(idx in g.free_symbols for g in outside)
        out.append(sp.Mul(*outside) * sp.Sum(sp.Mul(*inside), *s.limits))
    return sp.Add(*out) if moved else None


def _one_carrier(f, idx) -> bool:
    """Is every occurrence of ``idx`` in ``f`` the same entry x_idx (σ(x_i)(1 − σ(x_i)))?"""
    return len({a for a in f.atoms(sp.Indexed) if idx in a.free_symbols}) == 1 and not any(
        isinstance(d, sp.KroneckerDelta) for d in f.atoms(sp.KroneckerDelta)
    )


def _scaled(ctx, term, idx, size):
    if idx not in term.free_symbols:  # the same in every entry: term · 1
        return _times(term, sp.OneMatrix(size, 1))
    return _vector(ctx, term, idx, size)


def _times(c, m):
    return sp.MatMul(c, *(m.args if isinstance(m, sp.MatMul) else (m,)))


def _combine(ctx, parts):
    return sp.MatAdd(*parts) if len(parts) > 1 else parts[0]


def _matvec(ctx, s: sp.Sum, idx, size):
    """Σ_r M_{idx r} g_r = (M g)_idx and Σ_r M_{r idx} g_r = (Mᵀ g)_idx."""
    (r, lo, hi), body = s.limits[0], s.function
    if lo != 1:
        return None
    mats = [
        g
        for g in sp.Mul.make_args(body)
        if isinstance(g, sp.Indexed) and len(g.indices) == 2 and set(g.indices) == {idx, r}
    ]
    if len(mats) != 1:
        return None
    m = mats[0]
    rest = sp.Mul(*[g for g in sp.Mul.make_args(body) if g is not m])
    if idx in rest.free_symbols:
        return None
    M = matrix_symbol(ctx, m.base)
    M = M if m.indices == (idx, r) else M.T
    return sp.MatMul(M, _vector(ctx, rest, r, hi))


def _matrix(ctx: Context, f: sp.Expr, row: sp.Symbol, col: sp.Symbol, nrows) -> sp.MatrixExpr:
    if isinstance(f, sp.KroneckerDelta) and set(f.args) == {row, col}:
        return sp.Identity(nrows)
    if isinstance(f, sp.Indexed) and len(f.indices) == 2:
        if f.indices == (row, col):
            return matrix_symbol(ctx, f.base)
        if f.indices == (col, row):
            return matrix_symbol(ctx, f.base).T
    raise UnsupportedError(f"cannot write {f} as a matrix over indices ({row}, {col})")


def lift(ctx: Context, entry: sp.Expr, row: sp.Symbol, col: sp.Symbol, nrows, ncols):
    """The matrix M (a SymPy matrix expression) with M[row, col] = entry.

    A product is lifted by sorting its factors by the indices they carry: constant c,
    row-only r(row), column-only s(col), both m(row, col); then M = c · diag(r) · m · diag(s),
    or the outer product c · r sᵀ when there is no two-index factor. A sum of such products
    is lifted term by term (diag(p) − p pᵀ); a product that does not lift is expanded first.
    """
    try:
        return _lift_product(ctx, entry, row, col, nrows, ncols)
    except DerivationError:
        factors = sp.Mul.make_args(sp.factor_terms(entry))
        const = sp.Mul(*[f for f in factors if not f.free_symbols & {row, col}])
        rest = sp.Mul(*[f for f in factors if f.free_symbols & {row, col}])
        if const != 1 and isinstance(rest, sp.Add):  # (I − y yᵀ)/‖x‖: the scalar kept outside
            return _times(const, lift(ctx, rest, row, col, nrows, ncols))
        terms = sp.Add.make_args(sp.expand(entry))
        if len(terms) == 1:
            raise
    return _combine(ctx, [_lift_product(ctx, t, row, col, nrows, ncols) for t in terms])


def _lift_product(ctx: Context, entry: sp.Expr, row, col, nrows, ncols):
    if col is None:  # a column vector over ``row``
        if isinstance(entry, sp.Add):
            return _combine(
                ctx, [_lift_product(ctx, t, row, col, nrows, ncols) for t in entry.args]
            )
        const = [f for f in sp.Mul.make_args(entry) if row not in f.free_symbols]
        r = [f for f in sp.Mul.make_args(entry) if row in f.free_symbols]
        if not r:
            raise UnsupportedError(f"cannot lift {entry}: it does not vary with {row}")
        vec = _vector(ctx, sp.Mul(*r), row, nrows)
        c = sp.Mul(*const)
        return vec if c == 1 else _times(c, vec)
    const, r, s, both = [], [], [], []
    for f in sp.Mul.make_args(entry):
        has_r, has_c = row in f.free_symbols, col in f.free_symbols
        (both if has_r and has_c else r if has_r else s if has_c else const).append(f)
    if len(both) > 1:
        raise UnsupportedError(f"cannot lift {entry} to matrix form: too many two-index factors")
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
    elif rv is not None or sv is not None:  # r sᵀ; r 1ᵀ or 1 sᵀ for an entry of one index
        rv = rv if rv is not None else sp.OneMatrix(nrows, 1)
        mat = sp.MatMul(rv, (sv if sv is not None else sp.OneMatrix(ncols, 1)).T)
    else:  # the same in every entry: c 1 1ᵀ
        mat = sp.OneMatrix(nrows, ncols)
    return mat if c == 1 else _times(c, mat)


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

    def ex(e):
        if isinstance(e, sp.MatrixBase):
            return sp.ImmutableMatrix(e)
        if isinstance(e, sp.MatMul):
            coeff, mats = e.as_coeff_matrices()
            out = ex(mats[0])
            for f in mats[1:]:
                out = out * ex(f)
            return sp.ImmutableMatrix(coeff * out) if coeff != 1 else out
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
        return leaf(e)

    return ex(m)
