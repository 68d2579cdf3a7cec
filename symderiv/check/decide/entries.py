"""Entries an answer writes outside its quantities (y_0, x_{n+1}): a wrong answer whatever
their values, found before any is evaluated."""

from __future__ import annotations

import sympy as sp

from ...engine import numeric
from ...ops.functions import gradient_base


def within_ranges(expr, ranges: dict, cmp) -> bool:
    """Is every entry ``expr`` writes within its quantity's 1..size at every combination the
    test takes, its indices free ones (in ``ranges``) or summation indices (within their
    limits), all bounds known at the test's sizes? Then no combination is checked one by one
    (``out_of_range``); anything else (x_{i−l+1}, a bound that depends on an index) is."""
    shapes = shapes_of(cmp.ctx)
    bounds = dict(ranges)
    for s in expr.atoms(sp.Sum):
        for v, lo, hi in s.limits:
            if bounds.setdefault(v, (lo, hi)) != (lo, hi):
                return False  # one name, two ranges
    for a in expr.atoms(sp.Indexed):
        shape = shapes.get(a.base)
        if not shape or len(shape) != len(a.indices):
            continue  # as out_of_range: a quantity of unknown shape is not checked
        for i, n in zip(a.indices, shape):
            lo, hi = bounds.get(i, (i, i))
            lo, hi, n = (sp.sympify(x).xreplace(cmp.sizes) for x in (lo, hi, n))
            if not all(x.is_Integer for x in (lo, hi, n)) or not 1 <= lo <= hi <= n:
                return False
    return True


def shapes_of(ctx) -> dict:
    """The shape of every indexed quantity, the upstream gradients' included."""
    shapes = dict(ctx.shapes)
    for _loss, below in ctx.gradients().values():  # ∂L/∂y_j has the entries of y
        shapes[gradient_base(_loss, below)] = ctx.shapes.get(below, ())
    return shapes


def out_of_range(expr, ctx, sizes):
    """An entry of a shaped quantity at an index outside 1..size (y_0, x_{n+1}), or None."""
    e = numeric.expand_sums(expr.xreplace(sizes))
    shapes = shapes_of(ctx)
    for a in e.atoms(sp.Indexed):
        shape = shapes.get(a.base)
        if not shape or len(shape) != len(a.indices):
            continue
        for i, n in zip(a.indices, shape):
            n = sp.sympify(n).xreplace(sizes)
            if i.is_Integer and n.is_Integer and not 1 <= i <= n:
                return a
    return None
