"""Diagnosis: the named mistake a wrong answer equals (read again in the worker that judged
it, through the same notation), for a scalar entry or a whole matrix."""

from __future__ import annotations

import sympy as sp

from ...engine import numeric
from ...engine.calculus import Context
from ...engine.matrix_form import explicit
from ..decide.compare import compare
from ..decide.matrix import evaluate_matrix, has_matrix_names
from ..decide.prepare import resolve_derivatives
from ..decide.tests import Comparison, _shape
from ..read.answer import read_once
from ..verdict import EQUIVALENT, NUMERIC, Decided, ShapeError


def diagnose_answer(problem, result, target, latex, where, seed, side):
    from .mutate import diagnose

    derived = result.entry
    if target.as_matrix:
        return diagnose_matrix(problem, result, target, latex, where, seed, side)
    if not isinstance(derived, sp.Expr) or isinstance(derived, sp.Eq):
        return None
    reading = read_once(problem, latex, {**target.where, **(where or {})})
    n = side if side is not None else len(reading.sides) - 1
    expr = reading.sides[n] if 0 <= n < len(reading.sides) else None
    if expr is None or reading.approx or reading.assignments:
        return None
    ctx = Context(problem, target.sizes)
    ranges = ctx.ranges(target.expr.xreplace(ctx.sizes))
    sizes = dict(ctx.sizes) or numeric.default_sizes(problem)
    value = resolve_derivatives(expr, ctx, target, ranges)
    if has_matrix_names(value, ctx):
        value = evaluate_matrix(value, ctx, sizes, _shape(derived))
    if not isinstance(value, sp.Expr) or isinstance(value, sp.MatrixBase):
        return None
    m = diagnose(value, derived, Comparison(ctx, ranges, sizes, seed))
    return m.as_dict() if m else None


def diagnose_matrix(problem, result, target, latex, where, seed, side):
    """A matrix answer that is the derived matrix transposed, or negated."""
    from .mutate import Mutation, matrix_mistakes

    reading = read_once(problem, latex, {**target.where, **(where or {})})
    n = side if side is not None else len(reading.sides) - 1
    if not 0 <= n < len(reading.sides) or reading.sides[n] is None or reading.approx:
        return None
    ctx = Context(problem, target.sizes)
    sizes = dict(ctx.sizes) or numeric.default_sizes(problem)
    derived = result.expr
    if not isinstance(derived, sp.MatrixBase):
        derived = explicit(ctx, derived, sizes)
    ranges = ctx.ranges(target.expr.xreplace(ctx.sizes))
    side = resolve_derivatives(reading.sides[n], ctx, target, ranges)
    for want in (derived.shape, derived.shape[::-1]):  # as derived, or transposed
        try:
            value = evaluate_matrix(side, ctx, sizes, want)
        except (Decided, ShapeError):
            continue
        if isinstance(value, sp.MatrixBase) and value.shape in (want, want[::-1]):
            break
    else:
        return None
    cmp = Comparison(ctx, ranges, sizes, seed)
    for m in matrix_mistakes(derived):
        if m.expr.shape == value.shape and all(
            compare(a, b, cmp).status in (EQUIVALENT, NUMERIC) for a, b in zip(value, m.expr)
        ):
            return Mutation(m.name, m.explanation, m.expr).as_dict()
    return None
