"""Matrices in answers: bare names (x, W, ỹ), transposes, diag(…) and bmatrix evaluated
entrywise at concrete sizes, with shape errors named."""

from __future__ import annotations

import functools
import itertools
import operator

import sympy as sp

from ...engine.calculus import Context
from ...engine.matrix_form import explicit, inverse, matrix_symbol
from ...ops.functions import gradient_parts
from ...ops.matrices import BasisVector
from ..read.answer import Transposed
from ..read.forms import EntryOf
from ..read.notation import ODOT, ONES, BasisOf, DiagOf, IdentityOf, OrderedProduct
from ..read.vectors import SoftmaxOf, softmax_vector
from ..verdict import UNDECIDED, Decided, ShapeError, Verdict


def evaluate_matrix(
    expr, ctx: Context, sizes: dict, want: tuple | None = None, inner=False, used=None
):
    """An answer as an explicit Matrix at concrete sizes (or a scalar, if it is one).

    Bare names of vectors and matrices (x, W, ỹ) become their entries; functions apply
    entrywise, as the write-ups use them (e^{-ỹ}); products the reader kept in their written
    order (``OrderedProduct``) are multiplied in that order; a product whose order was not
    kept (one a SymPy rebuild sorted) is refused unless no order could give a matrix at all.
    Two columns side by side (u v, w·x) are multiplied entrywise, or with ``inner`` as the
    inner product uᵀv; ``used`` (a set) is told when that reading was needed.
    """
    # the sizes are the test's own when the problem's are symbolic: I_3 is then a fixed
    # size where the answer must hold for every n
    fixed = bool(ctx.sizes)
    # one length for every vector of the problem (layer norm's n): a 1 or I of unknown size
    # can only be that long, wherever it stands (1 1ᵀ inside a sum of matrices)
    lengths = {
        sp.sympify(sp.sympify(d).xreplace(sizes)) for shape in ctx.shapes.values() for d in shape
    }
    only = lengths.pop() if len(lengths) == 1 and ctx.shapes else None
    only = int(only) if only is not None and only.is_Integer else None
    if want is None and isinstance(expr, sp.Basic):  # a scalar result: I is I₁ = 1 (∂f/∂y + I)
        expr = expr.replace(
            lambda e: isinstance(e, IdentityOf) and e.args[0] in (0, 1), lambda e: 1
        )

    def ev(e):
        if isinstance(e, EntryOf):  # [∂y_k/∂W]_{ij} = v: the matrix of the entries v
            return _entries(e, want, ev)
        if isinstance(e, IdentityOf) and e.args[0].is_Integer and e.args[0] != 0 and not fixed:
            raise ShapeError(f"uses I_{e.args[0]}, a fixed size, where the size is symbolic")
        if isinstance(e, IdentityOf | BasisOf):
            return _Pending(e.func(e.args[0].xreplace(sizes)) if isinstance(e, IdentityOf) else e)
        if isinstance(e, SoftmaxOf):  # softmax(z): of the whole vector, not entrywise
            v = ev(e.args[0])
            if not isinstance(v, sp.MatrixBase) or 1 not in v.shape:
                raise ShapeError("takes the softmax of something that is not a vector")
            return softmax_vector(v)
        if isinstance(e, DiagOf):
            v = ev(e.args[0])
            v = (
                _sized(v, (want[0], 1) if want else None)
                if isinstance(v, _Pending | _PendingSum)
                else v
            )
            if not isinstance(v, sp.MatrixBase) and any(
                s.is_integer for s in getattr(v, "free_symbols", ())
            ):  # diag(p_n(1 − p_n)): the vector over n, written by its entry; not read
                why = "diag of an entry (over a free index): the vector it means is not read"
                raise Decided(Verdict(UNDECIDED, why))
            if not isinstance(v, sp.MatrixBase) or 1 not in v.shape:
                raise ShapeError("takes diag of something that is not a vector")
            vals = list(v)
            return sp.Matrix(len(vals), len(vals), lambda i, j: vals[i] if i == j else 0)
        if isinstance(e, sp.Subs) and len(e.point) == 1:  # σ'(ỹ): entrywise
            at = ev(e.point[0])
            if isinstance(at, sp.MatrixBase):
                return at.applyfunc(lambda x: sp.Subs(e.expr, e.variables, (x,)))
            return e
        if isinstance(e, sp.Sum) and len(e.limits) == 1 and _vector_valued(e.function):
            k, lo, hi = (sp.sympify(sp.sympify(b).xreplace(sizes)) for b in e.limits[0])
            if lo.is_Integer and hi.is_Integer and hi - lo < 200:  # Σ_k W_ki e_k, term by term
                return ev(sp.Add(*[e.function.xreplace({k: v}) for v in range(lo, hi + 1)]))
        if isinstance(e, OrderedProduct):
            items = [ev(a) if a != ODOT else ODOT for a in e.args]
            return _ordered(items, want, only, inner, used)
        if isinstance(e, sp.IndexedBase) and (
            e in ctx.shapes or gradient_parts(str(e.label)) is not None
        ):  # x, W, and ∂L/∂y (shaped as y)
            return explicit(ctx, matrix_symbol(ctx, e), sizes)
        if isinstance(e, Transposed):
            arg = ev(e.args[0])
            if isinstance(arg, _Pending):
                return _Pending(arg.e, arg.coeff, not arg.row)
            if isinstance(arg, _PendingSum):
                raise Decided(Verdict(UNDECIDED, "a transposed sum of vectors of unknown size"))
            return arg.T if isinstance(arg, sp.MatrixBase) else arg
        if isinstance(e, sp.MatrixBase):
            return e.applyfunc(lambda x: _as_scalar(ev(x)))
        if e == ONES:  # the vector of ones: as long as its neighbours or the answer's column
            return _Pending(e)
        if isinstance(e, sp.Piecewise):
            return _piecewise(e, ev)
        if isinstance(e, BasisVector):
            return explicit(ctx, e, sizes)
        if not e.args or isinstance(e, sp.Indexed | sp.KroneckerDelta | sp.Derivative | sp.Subs):
            return e
        args = [ev(a) for a in e.args]
        mats = [a for a in args if isinstance(a, sp.MatrixBase | _Pending)]
        if not mats:
            return e.func(*args) if args != list(e.args) else e
        if isinstance(e, sp.Add) and any(isinstance(a, _Pending) for a in args):
            real = [m for m in mats if isinstance(m, sp.MatrixBase)]  # I, e_k, 1 in a sum:
            shape = real[0].shape if real else want  # as large as the others
            if shape is None and not real:
                return _PendingSum(args)
            args = [_sized(a, shape) for a in args]
            mats = [a for a in args if isinstance(a, sp.MatrixBase)]
        if isinstance(e, sp.Add):
            shapes = {m.shape for m in mats}
            if len(shapes) > 1:
                raise ShapeError(f"adds matrices of shapes {', '.join(_s(s) for s in shapes)}")
            shape = shapes.pop()
            out = sp.zeros(*shape)
            for a in args:
                out += a if isinstance(a, sp.MatrixBase) else sp.ones(*shape) * a
            return out
        if isinstance(e, sp.Mul):
            scal = sp.Mul(*[a for a in args if not isinstance(a, sp.MatrixBase | _Pending)])
            if len(mats) == 1 and isinstance(mats[0], _Pending):
                return _Pending(mats[0].e, mats[0].coeff * scal, mats[0].row)
            if len(mats) == 1:
                return mats[0] * scal
            shapes = [m.shape for m in mats]
            results = {shapes[0]} if len(set(shapes)) == 1 else set()  # entrywise
            for p in itertools.permutations(shapes):
                if all(p[i][1] == p[i + 1][0] for i in range(len(p) - 1)):
                    results.add((p[0][0], p[-1][1]))
            listed = " and ".join(_s(s) for s in shapes)
            if not results:
                raise ShapeError(
                    f"multiplies matrices of shapes {listed}, which no order or entrywise "
                    "product allows"
                )
            if want is not None and want not in results:
                raise ShapeError(
                    f"multiplies matrices of shapes {listed}: in any order the product is "
                    + " or ".join(_s(r) for r in sorted(results))
                    + f", not {_s(want)}"
                )
            fits = [
                p for p in itertools.permutations(mats)
                if all(p[i].shape[1] == p[i + 1].shape[0] for i in range(len(p) - 1))
                and (p[0].shape[0], p[-1].shape[1]) == want
            ]  # fmt: skip
            if len(fits) == 1 and all(isinstance(m, sp.MatrixBase) for m in mats):
                return functools.reduce(operator.mul, fits[0]) * scal  # u vᵀ: one order fits
            raise Decided(
                Verdict(UNDECIDED, "a product of matrices: the LaTeX reader does not keep "
                        "the order of factors, so it is not judged")
            )  # fmt: skip
        if isinstance(e, sp.Pow):
            base, exp = args
            if isinstance(exp, sp.MatrixBase):
                raise ShapeError("a matrix in an exponent")
            square = isinstance(base, sp.MatrixBase) and base.is_square and base.rows > 1
            if square and exp.is_Integer and exp < 0:  # diag(p)^{-1}: the inverse, not 1/0
                if not (base.is_diagonal() or base.rows <= 3):
                    raise Decided(Verdict(UNDECIDED, "the inverse of a large full matrix"))
                inv = out = inverse(sp.ImmutableMatrix(base))  # cofactors: no row reduction
                for _ in range(int(-exp) - 1):
                    out = out * inv
                return out
            return base.applyfunc(lambda x: x**exp)
        if isinstance(e, sp.Max | sp.Min) and len(mats) == 1 and isinstance(mats[0], sp.MatrixBase):
            n = args.index(mats[0])  # max(0, a): entrywise, the scalars with each entry
            return mats[0].applyfunc(lambda x: e.func(*args[:n], x, *args[n + 1 :]))
        if len(mats) == 1 and args[0] is mats[0] and isinstance(args[0], sp.MatrixBase):
            # an entrywise function: exp, σ, …, and θ(a) with its value at 0 as a second arg
            return args[0].applyfunc(lambda x: e.func(x, *args[1:]))
        raise ShapeError(f"applies {getattr(e.func, '__name__', e.func)} to a whole matrix")

    return _sized(ev(expr), want)


class _Pending:
    """I or e_k before its size is known (from its neighbours, or the answer's shape)."""

    def __init__(self, e, coeff=sp.S.One, row=False):
        self.e, self.coeff, self.row = e, coeff, row  # row: transposed (1ᵀ, e_kᵀ)

    def size(self, n: int) -> sp.Matrix:
        column = self._column(n)
        return column.T if self.row and not isinstance(self.e, IdentityOf) else column

    def _column(self, n: int) -> sp.Matrix:
        written = self.e.args[0] if self.e.args else None
        if isinstance(self.e, IdentityOf):
            if not written.is_Integer:  # I_q with q no size of the problem
                raise Decided(Verdict(UNDECIDED, f"an identity of size {written}, not a size"))
            if written != 0 and written != n:
                raise ShapeError(f"uses I_{written} where a {n}×{n} identity is needed")
            return sp.eye(n) * self.coeff
        if self.e == ONES:
            return sp.ones(n, 1) * self.coeff
        k = written
        return sp.Matrix(n, 1, lambda i, j: sp.KroneckerDelta(i + 1, k)) * self.coeff


class _PendingSum:
    """A sum of terms all still without a size (1 − h², with 1 the vector of ones)."""

    def __init__(self, terms):
        self.terms = terms

    def size(self, n: int):
        out = sp.zeros(n, 1)
        for t in self.terms:
            t = t.size(n) if isinstance(t, _Pending | _PendingSum) else t
            out += t if isinstance(t, sp.MatrixBase) else sp.ones(n, 1) * t
        return out


def _piecewise(e, ev):
    """A Piecewise with a vector inside (\\mathbb{1}[a > 0] for the whole vector a): entrywise."""

    def at(x, i, j):
        if isinstance(x, list):
            return x[i][j]
        return x[i, j] if isinstance(x, sp.MatrixBase) else x

    def cond(c):  # a matrix of conditions is a nested list (a Matrix holds expressions only)
        if isinstance(c, sp.core.relational.Relational):
            lhs, rhs = ev(c.lhs), ev(c.rhs)
            m = next((x for x in (lhs, rhs) if isinstance(x, sp.MatrixBase)), None)
            if m is None:
                return c
            return [[c.func(at(lhs, i, j), at(rhs, i, j)) for j in range(m.cols)]
                    for i in range(m.rows)]  # fmt: skip
        if isinstance(c, sp.And | sp.Or) and c.args:
            parts = [cond(a) for a in c.args]
            grid = next((p for p in parts if isinstance(p, list)), None)
            if grid is not None:
                return [[c.func(*[at(p, i, j) for p in parts]) for j in range(len(grid[0]))]
                        for i in range(len(grid))]  # fmt: skip
        return c

    pieces = [(ev(v), cond(c)) for v, c in e.args]
    shapes = {
        x.shape if isinstance(x, sp.MatrixBase) else (len(x), len(x[0]))
        for pair in pieces
        for x in pair
        if isinstance(x, sp.MatrixBase | list)
    }
    if not shapes:
        return e
    if len(shapes) > 1:
        raise ShapeError("has cases of different shapes")
    shape = shapes.pop()

    def entry(x, i, j):
        if isinstance(x, _Pending):
            x = x.size(shape[0])
        return at(x, i, j)

    return sp.Matrix(*shape, lambda i, j: sp.Piecewise(*[(entry(v, i, j), entry(c, i, j))
                                                         for v, c in pieces]))  # fmt: skip


def _sized(x, shape):
    """``x`` made a matrix of ``shape`` if it is an I or e_k still without a size."""
    if isinstance(x, _PendingSum):
        if shape is None:
            raise Decided(Verdict(UNDECIDED, "a vector of ones whose size is not known"))
        return x.size(shape[0])
    if not isinstance(x, _Pending):
        return x
    if shape is None:
        raise Decided(Verdict(UNDECIDED, "an identity or basis vector whose size is not known"))
    if isinstance(x.e, IdentityOf) and shape[0] != shape[1]:
        raise ShapeError(f"is an identity, the derived result is {_s(shape)}")
    if x.row:
        if shape[0] != 1:
            raise ShapeError(f"is a row vector, the derived result is {_s(shape)}")
        return x.size(shape[1])
    return x.size(shape[0])


def _ordered(factors, want, only=None, inner=False, used=None):
    """A product as written: scalars pulled out, then the matrices multiplied in order; ⊙
    multiplies its two neighbours entrywise; a 1×1 product (xᵀy) acts as a scalar."""
    scalar, items = sp.S.One, []
    for f in factors:
        if f is ODOT or isinstance(f, sp.MatrixBase | _Pending):
            items.append(f)
        else:
            scalar *= f
    for n, f in enumerate(items):  # sizes of I and e_k from their neighbours
        if isinstance(f, _Pending) and only is not None:
            items[n] = f.size(only)
        elif isinstance(f, _Pending):
            left = items[n - 1] if n and isinstance(items[n - 1], sp.MatrixBase) else None
            right = items[n + 1] if n + 1 < len(items) else None
            if f.row and not isinstance(f.e, IdentityOf):  # 1ᵀ x: as long as x; x 1ᵀ: the answer's
                if isinstance(right, sp.MatrixBase):
                    items[n] = f.size(right.rows)
                elif n == len(items) - 1 and want is not None and want[1] > 1:
                    items[n] = f.size(want[1])  # (a row of length 1 at the end of a column
                    # answer is no row of ones: 1 1ᵀ is no column)
                else:
                    why = "a row of ones or a basis row of unknown size"
                    raise Decided(Verdict(UNDECIDED, why))
            elif left is not None:
                items[n] = f.size(left.cols)
            elif isinstance(f.e, IdentityOf) and isinstance(right, sp.MatrixBase):
                items[n] = f.size(right.rows)
            elif n == 0 and want is not None:
                items[n] = f.size(want[0])
            else:
                raise Decided(Verdict(UNDECIDED, "an identity or basis vector of unknown size"))
    shapes = " · ".join("⊙" if f is ODOT else _s(f.shape) for f in items)
    acc, entrywise = None, False
    for f in items:
        if f is ODOT:
            entrywise = True
            continue
        if acc is None:
            acc = f
        elif entrywise:
            if acc.shape != f.shape and len(items) == 3:  # a ⊙ b alone: nothing to regroup
                raise ShapeError(f"takes ⊙ of shapes {_s(acc.shape)} and {_s(f.shape)}")
            if acc.shape != f.shape:  # σ'(a) ⊙ W e: ⊙ of the products on either side
                loose = _loose(items)
                if loose is None:
                    why = f"⊙ of shapes {shapes}: the grouping is unclear"
                    raise Decided(Verdict(UNDECIDED, why))
                return loose * scalar
            acc, entrywise = acc.multiply_elementwise(f), False
        elif acc.cols == f.rows:
            acc = acc * f
        elif acc.shape == (1, 1) or f.shape == (1, 1):
            acc = acc[0, 0] * f if acc.shape == (1, 1) else acc * f[0, 0]
        elif acc.shape == f.shape and acc.cols == 1:  # u v, two columns: entrywise, or uᵀv
            if used is not None:
                used.add("columns")
            acc = (acc.T * f)[0, 0] * sp.ones(1, 1) if inner else acc.multiply_elementwise(f)
        elif ODOT in items or acc.shape == f.shape:
            raise Decided(Verdict(UNDECIDED, f"a product of shapes {shapes}: the grouping or "
                                  "the kind of product is unclear"))  # fmt: skip
        else:
            mats = [m.shape for m in items if m is not ODOT]
            if any(a == b and a[1] == 1 for a, b in itertools.pairwise(mats)):  # h(1 − h)We
                why = f"a product of shapes {shapes}: columns side by side are read entrywise, "
                raise Decided(Verdict(UNDECIDED, why + "and then the grouping is unclear"))
            if len(set(mats)) > 1 and not any(
                all(p[i][1] == p[i + 1][0] for i in range(len(p) - 1))
                for p in itertools.permutations(mats)
            ):
                listed = " and ".join(_s(m) for m in mats)
                raise ShapeError(
                    f"multiplies matrices of shapes {listed}, which no order or entrywise "
                    "product allows"
                )
            raise ShapeError(f"multiplies matrices of shapes {shapes}, in the order written")
    if acc is None or entrywise:
        raise Decided(Verdict(UNDECIDED, "a product with nothing on one side of ⊙"))
    return acc * scalar


def _loose(items):
    """a ⊙ W e read as a ⊙ (W e): the matrix products between the ⊙ signs first, then ⊙ of
    their results, or None when that reading does not fit the shapes either (written left to
    right, a ⊙ W does not: this is then the only reading there is)."""
    groups, acc = [], None
    for f in [*items, ODOT]:
        if f is ODOT:
            if acc is None:
                return None
            groups.append(acc)
            acc = None
        elif acc is None:
            acc = f
        elif acc.cols == f.rows:
            acc = acc * f
        else:
            return None
    if len({g.shape for g in groups}) != 1:
        return None
    out = groups[0]
    for g in groups[1:]:
        out = out.multiply_elementwise(g)
    return out


def _entries(e, want, ev):
    """``EntryOf(v, i, j)`` at the result's shape: entry (r, c) is v at i = r, j = c (one
    index: along a vector); a scalar result is v itself."""
    v, idx = e.args[0], e.args[1:]
    if want is None:
        return ev(v)
    rows, cols = want
    if len(idx) == 2:
        at = lambda r, c: {idx[0]: r + 1, idx[1]: c + 1}  # noqa: E731
    elif len(idx) == 1 and 1 in want:
        at = lambda r, c: {idx[0]: max(r, c) + 1}  # noqa: E731
    else:
        raise ShapeError(
            f"names its entries by {len(idx)} indices, the derived result is {_s(want)}"
        )
    return sp.Matrix(rows, cols, lambda r, c: _as_scalar(ev(v.xreplace(at(r, c)))))


def _s(shape) -> str:
    return f"{shape[0]}×{shape[1]}"


def _as_scalar(x):
    if isinstance(x, sp.MatrixBase):
        raise ShapeError("a matrix inside a matrix entry")
    return x


def _vector_valued(f) -> bool:
    """Is a summand a vector or matrix (W_ki e_k, a whole x), not an entry (x_j)?"""
    if f.has(BasisOf, IdentityOf, DiagOf, Transposed, OrderedProduct, ONES):
        return True
    entries = {a.base for a in f.atoms(sp.Indexed)}
    return bool(f.atoms(sp.IndexedBase) - entries)


def has_matrix_names(expr, ctx) -> bool:
    if isinstance(expr, sp.MatrixBase):
        return True
    return (
        bool(expr.atoms(Transposed))
        or expr.has(ONES, EntryOf, IdentityOf, DiagOf, BasisOf)
        or any(
            isinstance(a, sp.IndexedBase)
            and (a in ctx.shapes or gradient_parts(str(a.label)) is not None)
            for a in sp.preorder_traversal(expr)
        )
    )
