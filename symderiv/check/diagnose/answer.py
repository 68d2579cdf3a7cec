"""Diagnosis: the named mistake a wrong answer equals. The answer is read again in the
worker that judged it and turned into the very value the judge compared (``decide.value``),
so a diagnosis is of the answer as judged, a scalar entry or a whole matrix."""

from __future__ import annotations

import sympy as sp

from ...engine import numeric
from ...engine.calculus import Context
from ..decide.tests import Comparison
from ..decide.value import (
    bound_sums,
    by_entries,
    derived_form,
    reading_names,
    side_value,
    whole_gradients,
)
from ..read.answer import read_once
from ..read.brackets import EntryAt
from ..read.notation import WHOLE_RANGE
from ..verdict import Decided, ShapeError


def diagnose_answer(problem, result, target, latex, where, seed, side):
    from .matrix import diagnose_matrix
    from .mutate import diagnose

    reading = read_once(problem, latex, reading_names(problem, result, target, where))
    n = side if side is not None else len(reading.sides) - 1
    expr = reading.sides[n] if 0 <= n < len(reading.sides) else None
    if expr is None or reading.approx or reading.assignments:
        return None
    ctx = Context(problem, target.sizes)
    ranges = ctx.ranges(target.expr.xreplace(ctx.sizes))
    sizes = dict(ctx.sizes) or numeric.default_sizes(problem)
    derived = derived_form(result, target, ctx, sizes)
    cmp = Comparison(ctx, ranges, sizes, seed)
    cmp.symbolic_sizes = not ctx.sizes  # as the judge's: a mistake must hold at other sizes
    expr = whole_gradients(expr, ctx)
    if isinstance(expr, sp.Basic) and expr.has(WHOLE_RANGE):
        expr = bound_sums(expr, ctx)
    try:
        value = side_value(expr, problem, target, ctx, ranges, sizes, derived)
    except (Decided, ShapeError):
        return None
    axes = target.as_matrix
    if not target.as_matrix and isinstance(value, sp.Basic) and value.has(EntryAt):
        value, derived = by_entries(value, derived, ctx, sizes, ranges)  # (Xᵀr)_i: entrywise
        free = sorted((s for s in result.entry.free_symbols if s in ranges), key=str)
        axes = (free[0], free[1] if len(free) > 1 else None) if free else None
    if isinstance(value, sp.MatrixBase):
        if not isinstance(derived, sp.MatrixBase):
            return None
        m = diagnose_matrix(value, derived, result, axes, cmp, written=expr.free_symbols)
    else:
        entry = result.entry
        if not isinstance(value, sp.Expr) or not isinstance(entry, sp.Expr):
            return None
        if isinstance(entry, sp.Eq | sp.MatrixExpr):
            return None
        m = diagnose(value, entry, cmp)
    return m.as_dict() if m else None
