"""Matrices in answers: bare names (x, W, ỹ), transposes, diag(…) and bmatrix evaluated
entrywise at concrete sizes, with shape errors named."""

from __future__ import annotations

import itertools

import sympy as sp

from ..engine.calculus import Context
from ..engine.matrix_form import explicit, matrix_symbol
from ..ops.functions import gradient_parts
from ..ops.matrices import BasisVector
from .notation import ONES
from .read import Transposed
from .verdict import UNDECIDED, Decided, ShapeError, Verdict


def evaluate_matrix(expr, ctx: Context, sizes: dict, want: tuple | None = None):
    """An answer as an explicit Matrix at concrete sizes (or a scalar, if it is one).

    Bare names of vectors and matrices (x, W, ỹ) become their entries; functions apply
    entrywise, as the write-ups use them (e^{-ỹ}); a product of two non-scalars is refused
    (the reader does not keep factor order) unless no order could give a matrix at all.
    """

    def ev(e):
        if isinstance(e, sp.IndexedBase) and (
            e in ctx.shapes or gradient_parts(str(e.label)) is not None
        ):  # x, W, and ∂L/∂y (shaped as y)
            return explicit(ctx, matrix_symbol(ctx, e), sizes)
        if isinstance(e, Transposed):
            inner = ev(e.args[0])
            return inner.T if isinstance(inner, sp.MatrixBase) else inner
        if isinstance(e, sp.MatrixBase):
            return e.applyfunc(lambda x: _as_scalar(ev(x)))
        if e == ONES:  # the vector of ones: as long as the answer's column
            if want is None or want[1] != 1:
                raise Decided(Verdict(UNDECIDED, "a vector of ones, where no column is asked"))
            return sp.ones(want[0], 1)
        if isinstance(e, BasisVector):
            return explicit(ctx, e, sizes)
        if not e.args or isinstance(e, sp.Indexed | sp.KroneckerDelta | sp.Derivative | sp.Subs):
            return e
        args = [ev(a) for a in e.args]
        mats = [a for a in args if isinstance(a, sp.MatrixBase)]
        if not mats:
            return e.func(*args) if args != list(e.args) else e
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
            scal = sp.Mul(*[a for a in args if not isinstance(a, sp.MatrixBase)])
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
            raise Decided(
                Verdict(UNDECIDED, "a product of matrices: the LaTeX reader does not keep "
                        "the order of factors, so it is not judged")
            )  # fmt: skip
        if isinstance(e, sp.Pow):
            base, exp = args
            if isinstance(exp, sp.MatrixBase):
                raise ShapeError("a matrix in an exponent")
            return base.applyfunc(lambda x: x**exp)
        if len(args) == 1:  # an entrywise function: exp, σ, …
            return args[0].applyfunc(lambda x: e.func(x))
        raise ShapeError(f"{e.func} of a matrix")

    return ev(expr)


def _s(shape) -> str:
    return f"{shape[0]}×{shape[1]}"


def _as_scalar(x):
    if isinstance(x, sp.MatrixBase):
        raise ShapeError("a matrix inside a matrix entry")
    return x


def has_matrix_names(expr, ctx) -> bool:
    if isinstance(expr, sp.MatrixBase):
        return True
    return (
        bool(expr.atoms(Transposed))
        or expr.has(ONES)
        or any(
            isinstance(a, sp.IndexedBase)
            and (a in ctx.shapes or gradient_parts(str(a.label)) is not None)
            for a in sp.preorder_traversal(expr)
        )
    )
