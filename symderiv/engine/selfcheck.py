"""Self-checks of a derivation by an independent path: every step's equation and every
result compared with the forward computation (finite differences) at random points."""

from __future__ import annotations

import sympy as sp

from ..errors import DerivationError
from ..ops.matrices import JacobianSymbol
from ..ops.steps import NumericCheck, Step, worse
from . import numeric
from .matrix_form import explicit
from .points import PAIR_INSTANCES, pairs_pending, seen_at_point
from .sequences import constant_sequences


def _at(row, col, r, c) -> dict:
    """Index values of matrix entry (r, c), 0-based, for a matrix or a column (col None)."""
    return {row: r + 1} if col is None else {row: r + 1, col: c + 1}


def _free_indices(expr, ranges):
    """Index symbols free in ``expr`` (also those of a derivative's variable, ∂/∂W_ij)."""
    found = set(expr.free_symbols)
    for d in expr.atoms(sp.Derivative):
        for v in d.variables:
            found |= v.free_symbols
    bound = {lim[0] for s in expr.atoms(sp.Sum) for lim in s.limits}
    return sorted((s for s in found - bound if s in ranges), key=str)


def _kept(expr, ctx) -> frozenset:
    """Intermediate quantities that a target differentiates by (∂y_k/∂ỹ_k): kept as leaves."""
    return frozenset(v for d in expr.atoms(sp.Derivative) for v in d.variables if ctx.is_defined(v))


def check_step(ctx, step: Step, expr, target, ranges, sizes, seed) -> str:
    """Verify ``lhs = rhs`` of one step: left side differentiated symbolically from the fully
    unfolded definitions, compared with the right side at random points."""
    lhs, rhs = step.lhs, step.rhs
    pairs = []
    if isinstance(lhs, JacobianSymbol):
        row, col = target.as_matrix
        mat = explicit(ctx, rhs, sizes) if isinstance(rhs, sp.MatrixExpr) else rhs
        others = [s for s in _free_indices(expr, ranges) if s not in (row, col)]
        for combo in numeric.index_combos(others, ranges, sizes, seed, limit=4):
            for r in range(mat.rows):
                for c in range(mat.cols):
                    at = dict(combo)
                    at.update(_at(row, col, r, c))
                    pairs.append((expr, at, mat[r, c], combo))
    else:
        free = _free_indices(lhs, ranges) + [
            s for s in _free_indices(rhs, ranges) if s not in lhs.free_symbols
        ]
        free = list(dict.fromkeys(free))  # (∂y_k/∂W_ij names i again: one index, once)
        for combo in numeric.index_combos(free, ranges, sizes, seed, limit=6):
            pairs.append((lhs, combo, rhs, combo))
    worst, count = 0.0, 0
    kept = _kept(expr, ctx)
    # the indices' values are given to the evaluator, not substituted into the trees (SymPy
    # rebuilt each tree at each combination: a fifth of the step checks' time)
    pairs = [
        (a, at_a, b, at_b, frozenset(k.xreplace(at_a) for k in _kept(a, ctx) | kept))
        for a, at_a, b, at_b in pairs
    ]
    for r in range(max(1, 3 // len(pairs))):
        inst = _step_instance(ctx, sizes, seed + 1 + 7919 * r)
        for a, at_a, b, at_b, keep in pairs:
            va, vb = inst.evaluate(a, keep, at=at_a), inst.evaluate(b, keep, at=at_b)
            worst = worse(worst, numeric.close(va, vb))
            count += 1
    if worst > numeric.TOL:
        raise DerivationError(f"step '{step.rule}' does not hold: {step.lhs} = {step.rhs}")
    return f"verified at {count} points"


def _step_instance(ctx, sizes, seed: int):
    """The random instance the steps of one target are checked in, one per seed: each step
    restates the same derivative (its left side), so its value by finite differences and the
    values of the quantities in it are computed once, not again for every step."""
    kept = ctx.__dict__.setdefault("_step_instances", {})
    key = (seed, tuple(sorted((str(k), int(v)) for k, v in sizes.items())))
    if key not in kept:
        kept[key] = numeric.Instance(ctx, sizes, seed=seed)
    return kept[key]


def limit_check(ctx, expr, final, values, sizes, seed):
    """A limit result against SymPy's own limit of the finite-n result, with every sequence
    constant and then with a sequence whose mean converges slowly (c + 1/j)."""
    (lim,) = expr.atoms(sp.Limit)
    var = lim.args[1]
    finite = lim.args[0].xreplace(values)
    worst, count = 0.0, 0
    rng = numeric.Instance(ctx, sizes, seed=seed).rng
    for _ in range(numeric.MIN_POINTS):
        a, b, _names = constant_sequences(finite, final, ctx)
        direct = sp.limit(a.doit(), var, sp.oo)
        point = {
            s: sp.Float(rng.uniform(-1.5, 1.5), 30)
            for s in (direct.free_symbols | b.free_symbols)
            if not s.is_integer
        }
        idx = {s: 1 for s in (direct.free_symbols | b.free_symbols) if s.is_integer}
        da, db = (
            sp.N(direct.xreplace(idx).xreplace(point)),
            sp.N(b.doit().xreplace(idx).xreplace(point)),
        )
        worst = worse(worst, numeric.close(da, db))
        count += 1
    return NumericCheck(
        method="SymPy's limit of the finite-n result, sequences held constant",
        points=count,
        max_error=worst,
        passed=worst <= 1e-6,
    )


#: independent random instances (functions and points) of every result check, at least
MIN_INSTANCES = 3
#: the most instances tried to see every branch (each side of every ReLU) at least once
MAX_INSTANCES = 40
#: index combinations compared in every instance after the first (which compares them all):
#: the first ones, which cover every coincidence pattern of the indices (i = k, i ≠ k, …)
LATER_COMBOS = 8


def numeric_check(ctx, target, expr, final, result_expr, ranges, sizes, seed):
    """Central finite differences of the forward computation versus the derived result.

    It cannot pass vacuously: several independent random instances, more until every kink
    of the forward computation (each ReLU, |·|, indicator, Piecewise condition) has been
    seen on both sides, and a forward computation that never responds to the variable is
    no evidence (the check fails unless the derived result is identically 0).
    """
    free = _free_indices(expr, ranges)
    combos = numeric.index_combos(free, ranges, sizes, seed)
    mat = None
    if isinstance(result_expr, sp.MatrixExpr):
        mat = explicit(ctx, result_expr, sizes)
    elif isinstance(result_expr, sp.MatrixBase):
        mat = result_expr
    worst, count, moved = 0.0, 0, False
    kinks: dict = {}
    # few index combinations: more random instances (functions and points) instead
    least = max(MIN_INSTANCES, numeric.MIN_POINTS // len(combos))
    prepared = []  # each combination substituted once, for every instance
    for combo in combos:
        at = expr.xreplace(combo)
        if mat is not None:
            row, col = target.as_matrix
            got = mat[combo[row] - 1, combo[col] - 1 if col is not None else 0].xreplace(combo)
        else:
            got = final.xreplace(combo)
        prepared.append((at, sorted(at.atoms(sp.Derivative), key=str), got, _kept(at, ctx)))
    r, pairs = 0, {}

    def more() -> bool:
        if r < least:
            return True
        if any(len(v) < 2 for v in kinks.values()):
            return r < MAX_INSTANCES
        return r < PAIR_INSTANCES and pairs_pending(pairs)

    while more():
        here: dict = {}  # the sides of the kinks at this instance's point
        inst = numeric.Instance(ctx, sizes, seed=seed + 7919 * r, kinks=here)
        for at, derivatives, got, kept in prepared if r == 0 else prepared[:LATER_COMBOS]:
            fd = at.xreplace({d: inst.finite_difference(d.expr, *d.variables) for d in derivatives})
            fd = inst.value(fd)
            got = inst.evaluate(got, kept)
            worst = worse(worst, numeric.close(got, fd))
            moved = moved or abs(fd) > numeric.ZERO or abs(got) > numeric.ZERO
            count += 1
        seen_at_point(here, kinks, pairs)
        r += 1
    unseen = sorted(str(k) for k, v in kinks.items() if len(v) < 2)
    vacuous = not moved and not _identically_zero(final, result_expr)
    method = "central finite differences of the forward computation"
    if kinks:
        method += f", every one of {len(kinks)} kinks seen on both sides" if not unseen else ""
        if not unseen and pairs and all(len(v) == 4 for v in pairs.values()):
            method += " and every pair of them in all four sign patterns"
    if unseen:
        method += "; never seen on both sides: " + ", ".join(unseen[:4])
    if vacuous:
        method += "; the forward computation did not respond to the variable at any point"
    return NumericCheck(
        method=method,
        points=count,
        max_error=worst,
        passed=worst <= numeric.RTOL and not unseen and not vacuous,
    )


def _identically_zero(final, result_expr) -> bool:
    if isinstance(result_expr, sp.MatrixBase):
        return all(e == 0 for e in result_expr)
    return final == 0
