"""What the tests compare: the derived result in the form an answer is compared with, and
one side of an answer's reading turned into a value of that form. The judge and the
diagnosis both use these, so a wrong answer is diagnosed as exactly the value it was
judged as (a second way of reading it would see another answer)."""

from __future__ import annotations

import sympy as sp

from ...engine.matrix_form import explicit
from ...ops.functions import gradient_base
from ..read.notation import ODOT, WHOLE_RANGE, OrderedProduct, WholeDerivative
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
    if target.as_matrix or has_matrix_names(value, ctx):
        return evaluate_matrix(value, ctx, sizes, _shape(derived))
    if isinstance(value, sp.Basic) and matrix_symbols(value):
        return explicit_product(value)  # C X Cᵀ with the result's own X
    if isinstance(value, sp.Basic) and value.has(ODOT, OrderedProduct):
        return scalar_products(value)
    return value


def bound_sums(side, ctx):
    """Σ_j written without bounds runs over j's whole range: 1 to the size of what j indexes
    in the summand (x_j: the length of x; W_{kj}: W's columns)."""
    shapes = shapes_of(ctx)

    def one(s):
        (j, lo, hi), body = s.limits[-1], s.function
        if hi != WHOLE_RANGE:
            return s
        sizes = {
            shapes[a.base][p]
            for a in body.atoms(sp.Indexed)
            if a.base in shapes
            for p, i in enumerate(a.indices)
            if i == j and p < len(shapes[a.base])
        }
        if len(sizes) != 1:
            return s
        return sp.Sum(body, *s.limits[:-1], (j, lo, sizes.pop()))

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
