"""What the tests compare: the derived result in the form an answer is compared with, and
one side of an answer's reading turned into a value of that form. The judge and the
diagnosis both use these, so a wrong answer is diagnosed as exactly the value it was
judged as (a second way of reading it would see another answer)."""

from __future__ import annotations

import itertools

import sympy as sp

from ...engine.matrix_form import explicit
from ...ops.functions import gradient_base
from ..read.brackets import EntryAt
from ..read.notation import ODOT, WHOLE_RANGE, OrderedProduct, WholeDerivative
from ..verdict import Decided, ShapeError
from .entries import shapes_of
from .matrix import evaluate_matrix, has_matrix_names
from .prepare import (
    bound_apart,
    explicit_product,
    families_of,
    infinite_sums,
    matrix_symbols,
    numbers_times_matrices,
    other_targets,
    resolve_derivatives,
    scalar_products,
)
from .tests import _shape


def _fits(value, derived) -> bool:
    """``value`` has the derived result's shape (a 1×1 matrix is a scalar)."""
    if isinstance(derived, sp.MatrixBase):
        return isinstance(value, sp.MatrixBase) and value.shape == derived.shape
    return not isinstance(value, sp.MatrixBase) or value.shape == (1, 1)


def reading_names(problem, result, target, where=None) -> dict:
    """The names an answer to ``target`` is read with, beyond the problem's: a matrix the
    derived result names (the patch X of a 2-D DCT), a family p_n beside the one-example p,
    the target's own and the grader's ``where``."""
    whole = isinstance(result.entry, sp.MatrixExpr) and not target.as_matrix
    whole = whole and not any(sp.sympify(n).free_symbols for n in result.entry.shape)
    named = {str(m): m for m in matrix_symbols(result.expr)} if whole else {}
    return {**families_of(result, problem), **named, **target.where, **(where or {})}


def derived_form(result, target, ctx, sizes, region=None):
    """The derived result as answers are compared with it: an explicit matrix for a matrix
    target, a Piecewise undefined outside the region asked about, a product of matrices of
    known sizes entry by entry; else its index-level entry."""
    derived = result.entry
    if target.as_matrix:
        derived = result.expr
        if not isinstance(derived, sp.MatrixBase):
            derived = explicit(ctx, derived, sizes)
    elif (asked := target.region if region is None else region) is not None and isinstance(
        derived, sp.Expr
    ):
        derived = sp.Piecewise((derived, asked))  # undefined outside: not compared
    elif isinstance(derived, sp.MatrixExpr) and not any(
        sp.sympify(sp.sympify(n).xreplace(sizes)).free_symbols for n in derived.shape
    ):  # C X Cᵀ, (λI + XᵀX)⁻¹Xᵀy: entry by entry, at the sizes the answer is read at
        derived = explicit_product(derived.xreplace(sizes))
    return derived


def side_value(side, problem, target, ctx, ranges, sizes, derived):
    """One side of a reading as the value the tests compare with ``derived``: derivatives of
    the problem's quantities resolved, other targets by their results, a matrix answer
    evaluated at the sizes tested (raises ``ShapeError`` or ``Decided`` as those do)."""
    value = resolve_derivatives(other_targets(side, problem, target), ctx, target, ranges)
    value = numbers_times_matrices(bound_apart(infinite_sums(value), derived))
    if not target.as_matrix and isinstance(value, sp.Basic) and value.has(EntryAt):
        return value  # (Xᵀr)_i: its matrices are evaluated entry by entry (``by_entries``)
    if target.as_matrix or has_matrix_names(value, ctx):
        used: set = set()
        try:
            out = evaluate_matrix(value, ctx, sizes, _shape(derived), used=used)
        except ShapeError:
            if "columns" not in used:
                raise
            return evaluate_matrix(value, ctx, sizes, _shape(derived), inner=True)
        if "columns" not in used or _fits(out, derived):
            return out
        # σ(w·x + b): two columns side by side fit the result's shape only as wᵀx
        try:
            return evaluate_matrix(value, ctx, sizes, _shape(derived), inner=True)
        except (ShapeError, Decided):
            return out
    if isinstance(value, sp.Basic) and matrix_symbols(value):
        return explicit_product(value)  # C X Cᵀ with the result's own X
    if isinstance(value, sp.Basic) and value.has(ODOT, OrderedProduct):
        return scalar_products(value)
    return value


def bound_sums(side, ctx):
    """Σ_j written without bounds runs over j's whole range: 1 to the size of what j indexes
    in the summand (x_j: the length of x; W_{kj}: W's columns)."""
    shapes = shapes_of(ctx)

    def bound(j, body):
        sizes = {
            shapes[a.base][p]
            for a in body.atoms(sp.Indexed)
            if a.base in shapes
            for p, i in enumerate(a.indices)
            if i == j and p < len(shapes[a.base])
        }
        return sizes.pop() if len(sizes) == 1 else None

    def one(s):  # every limit of Σ_{i,j}, each by the quantities it indexes
        limits, changed = [], False
        for j, lo, hi in s.limits:
            if hi == WHOLE_RANGE and (n := bound(j, s.function)) is not None:
                hi, changed = n, True
            limits.append((j, lo, hi))
        return sp.Sum(s.function, *limits) if changed else s

    return side.replace(lambda e: isinstance(e, sp.Sum), one)


def whole_gradients(side, ctx):
    """∂L/∂y written for the whole vector y, where the problem's loss L is downstream of
    every y_j: the vector of upstream gradients (its entries are ∂L/∂y_j)."""
    grads = {(loss, below): gradient_base(loss, below) for loss, below in ctx.gradients().values()}
    if not grads or not isinstance(side, sp.Basic):
        return side

    def one(e):
        top, bottom = (e.args[0], e.args[1]) if isinstance(e, WholeDerivative) else (
            e.expr, e.variables[0])  # fmt: skip
        return grads.get((top, bottom), e)

    return side.replace(lambda e: isinstance(e, WholeDerivative | sp.Derivative), one)


def by_entries(value, derived, ctx, sizes, ranges):
    """(value, derived) as explicit matrices over the result's free indices when the answer
    names entries of a bracketed matrix, (Xᵀr)_i: that matrix is evaluated at the sizes
    tested and its entries taken; else both unchanged."""
    if not (isinstance(value, sp.Basic) and value.has(EntryAt)) or not isinstance(derived, sp.Expr):
        return value, derived
    free = sorted((s for s in derived.free_symbols if s in ranges), key=str)
    if not free or len(free) > 2:
        return value, derived
    lo = [int(sp.sympify(ranges[s][0]).xreplace(sizes)) for s in free]
    hi = [int(sp.sympify(ranges[s][1]).xreplace(sizes)) for s in free]
    shape = (hi[0] - lo[0] + 1, hi[1] - lo[1] + 1 if len(free) == 2 else 1)
    whole: dict = {}

    def entry(e):
        m, idx = e.args[0], [int(sp.sympify(i).xreplace(sizes)) for i in e.args[1:]]
        if m not in whole:
            whole[m] = evaluate_matrix(m, ctx, sizes)
        mat = whole[m]
        if not isinstance(mat, sp.MatrixBase):
            raise ShapeError("takes an entry of something that is not a matrix")
        r, c = (idx[0], idx[1]) if len(idx) == 2 else (idx[0], 1) if mat.cols == 1 else (1, idx[0])
        if not (1 <= r <= mat.rows and 1 <= c <= mat.cols):
            raise ShapeError(f"takes entry ({r}, {c}) of a {mat.rows}×{mat.cols} matrix")
        return mat[r - 1, c - 1]

    def at(e, r, c):
        sub = {free[0]: lo[0] + r, **({free[1]: lo[1] + c} if len(free) == 2 else {})}
        e = e.xreplace(sub)
        return e.replace(  # Σ_n (Xw)_n …: term by term, each entry at its n
            lambda s: isinstance(s, sp.Sum) and s.has(EntryAt), lambda s: s.xreplace(sizes).doit()
        )

    mine = sp.Matrix(*shape, lambda r, c: at(value, r, c).replace(
        lambda x: isinstance(x, EntryAt), entry))  # fmt: skip
    theirs = sp.Matrix(*shape, lambda r, c: at(derived, r, c))
    return mine, theirs


def entry_label(label, target) -> tuple | None:
    """The indices, in the result's row and column order, when the left side of an answer
    to a matrix target names one of its entries (∂L/∂w_i for ∂L/∂w, ∂y_k/∂x_i for ∂y/∂x):
    the right side is then that entry's formula. None otherwise."""
    if not isinstance(label, sp.Derivative) or not isinstance(target.expr, sp.Derivative):
        return None
    axes = [a for a in target.as_matrix if a is not None]
    mine = sorted((s for s in label.atoms(sp.Symbol) if s.is_integer), key=str)
    if len(mine) != len(axes):
        return None
    for order in itertools.permutations(mine):
        if label.xreplace(dict(zip(order, axes))) == target.expr:
            return tuple(order)
    return None
