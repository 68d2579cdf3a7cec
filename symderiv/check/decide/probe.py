"""Points placed just beside a branch point that only one side has.

Random points see each side of every kink, but rarely the thin region between two kinks
that differ a little: an answer ``1[a_k > 0.5] (…)`` against the derived ``1[a_k > 0] (…)``
agrees at every random point on both sides of both kinks, and is wrong for 0 < a_k < 0.5.
So for each kink of one side that the other side does not have, a leaf it depends on is
moved until the kink's argument is ±η (a secant search on the unfolded argument), for two
distances η; the comparison then runs at those points like at any other. A kink both sides
share needs no probe: the regions it bounds are the same on both sides.
"""

from __future__ import annotations

import sympy as sp

from ...engine import interpret, numeric

#: distances from a kink at which to probe (a threshold moved by more than the smallest is
#: seen between the two kinks)
DISTANCES = (sp.Rational(1, 100), sp.Rational(1, 100000))
#: kinks probed at most, per comparison
MAX_KINKS = 6
_SECANT_STEPS = 12


def kinks_of(inst, exprs) -> set:
    """The branch points (at concrete indices) that evaluating ``exprs`` passes, at ``inst``'s
    point: each side evaluated on a fresh instance sharing the point, so nothing is taken
    from a table that was filled without recording."""
    seen: dict = {}
    probe = numeric.Instance(inst.ctx, inst.sizes, inst.seed, kinks=seen, point=dict(inst.point))
    try:
        with interpret.errors_as_unsupported():
            for e in exprs:
                interpret.evaluate(probe, e, record_kinks=True)
    except (interpret.Unsupported, RecursionError):
        return set()
    return set(seen)


def probe_instances(base, one_sided: list, kinks: dict):
    """Instances whose point is ``base``'s with one leaf moved so that a kink's argument is
    ±η, for every kink in ``one_sided`` (at most MAX_KINKS) and every distance."""
    for k in one_sided[:MAX_KINKS]:
        try:
            arg = base.unfold(k)
        except (TypeError, ValueError, ArithmeticError, RecursionError):
            continue
        leaf = _movable_leaf(base, arg)
        if leaf is None:
            continue
        for eta in DISTANCES:
            for side in (1, -1):
                t = _solve(base, arg, leaf, side * eta)
                if t is None:
                    continue
                point = {**base.point, leaf: t}
                inst = numeric.Instance(base.ctx, base.sizes, base.seed, kinks=kinks, point=point)
                yield inst


def _movable_leaf(inst, arg):
    """A leaf of the argument that may take any real value (not a random function's
    coefficient, not constrained by an assumption, not positive-only)."""
    assume = getattr(inst.ctx, "assumptions", None)
    for a in sorted(numeric.leaves(arg), key=sp.default_sort_key):
        if a in inst.model.coefficients or a.is_positive or a.is_integer:
            continue
        if assume and assume.constrains(a):
            continue
        return a
    return None


def _solve(inst, arg, leaf, target):
    """A value of ``leaf`` at which ``arg`` equals ``target`` (the rest of the point as it
    is), by the secant method from the leaf's own value; None when it does not converge."""
    inst.draw_leaves(arg)
    f = lambda t: inst.value(arg, at={leaf: t}) - target  # noqa: E731
    t0 = inst.point[leaf]
    t1 = t0 + sp.Float("0.5", numeric.PREC)
    try:
        f0, f1 = f(t0), f(t1)
        for _ in range(_SECANT_STEPS):
            if not (f0.is_comparable and f1.is_comparable) or f1 == f0:
                return None
            t0, t1 = t1, t1 - f1 * (t1 - t0) / (f1 - f0)
            f0, f1 = f1, f(t1)
            if abs(f1) < sp.Float("1e-12") * (1 + abs(target)) and f1.is_comparable:
                return sp.Float(t1, numeric.PREC)
    except (TypeError, ValueError, ArithmeticError):
        return None
    return None
