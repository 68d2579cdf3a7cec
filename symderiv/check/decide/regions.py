"""Cases answers proved region by region: the two partitions refined into common regions,
and in every region either the two branches are equal or the region is provably empty.

Only what can be shown for every value of the symbolic bounds counts: a region is empty
when two of its bounds on one integer variable contradict by a positive amount for all
values (n ≥ L together with n ≤ L − 2), never because no sample fell in it.
"""

from __future__ import annotations

import sympy as sp

from .sumproof import sums_cancel  # (sums merged by linearity: simplify rarely can)

#: the most conjunctions one comparison may examine (beyond, no proof is attempted)
MAX_TERMS = 200


def _branches(e) -> list[tuple[sp.Expr, sp.Basic]]:
    """(value, region) for each branch, a region being its condition and no earlier one's;
    where no condition holds, the value is undefined (nan)."""
    if not isinstance(e, sp.Piecewise):
        return [(e, sp.true)]
    out, before = [], sp.false
    for value, cond in e.args:
        out.append((value, sp.And(cond, sp.Not(before))))
        before = sp.Or(before, cond)
        if before is sp.true:
            return out
    out.append((sp.nan, sp.Not(before)))
    return out


def _bounds(rel, v):
    """(lower, upper) bounds on the integer ``v`` that ``rel`` states, None if it is no
    bound with coefficient ±1 on ``v`` (then nothing is concluded from it)."""
    if not isinstance(rel, sp.core.relational.Relational) or isinstance(rel, sp.Ne):
        return None
    lhs = sp.expand(rel.lhs - rel.rhs)  # rel: lhs (op) 0
    coeff = lhs.coeff(v)
    rest = sp.expand(lhs - coeff * v)
    if coeff not in (1, -1) or rest.has(v):
        return None
    at = -rest / coeff  # v (op') at
    op = (
        rel.rel_op
        if coeff == 1
        else {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(rel.rel_op, rel.rel_op)
    )
    if op == "==":
        return at, at
    step = 1 if at.is_integer else 0  # n > L is n ≥ L + 1; n > L/2 only n ≥ L/2 (weaker)
    return {">=": (at, None), ">": (at + step, None), "<=": (None, at), "<": (None, at - step)}.get(
        op
    )


def _settled(term, variables, diff) -> bool:
    """Is a conjunction of relations unsatisfiable for every value of the other symbols, or
    does it pin a variable to one value (n ≥ L − 1 and n ≤ L − 1) at which ``diff`` is 0?"""
    atoms = list(term.args) if isinstance(term, sp.And) else [term]
    if any(a is sp.false for a in atoms):
        return True
    for v in variables:
        lows, highs = [], []
        for a in atoms:
            b = _bounds(a, v) if a.has(v) else None
            if b is not None:
                lows += [b[0]] if b[0] is not None else []
                highs += [b[1]] if b[1] is not None else []
        for lo in lows:
            for hi in highs:
                gap = sp.expand(lo - hi)  # bounds are linear: expanded, decided
                if not (gap.is_number or gap.is_positive is not None):
                    gap = sp.simplify(gap)
                if gap.is_positive:
                    return True  # lo > hi: no integer lies between
                if gap == 0 and any(a.xreplace({v: lo}) is sp.false for a in atoms):
                    return True  # one point, excluded there (k ≤ 0, k ≥ 0 and k ≠ 0)
                if gap == 0 and diff is not None and _zero(diff.xreplace({v: lo})):
                    return True  # one point, and the two agree there
    return False


def equal_by_regions(a, b, stated_range=None) -> int | None:
    """The number of regions in which the answer ``a`` and the derived ``b`` were shown equal
    (every other region empty), or None when that could not be shown. Where ``b`` has no
    value (a question asked on a region only) nothing is compared. ``stated_range(v)``: the
    range (lo, hi) the problem gives the variable ``v``, or None; outside it nothing is
    compared either (Y_k for k ≥ 1 and k = 0 is all of k = 0…N − 1)."""
    if not (isinstance(a, sp.Piecewise) or isinstance(b, sp.Piecewise)):
        return None
    conds = [c for e in (a, b) if isinstance(e, sp.Piecewise) for _, c in e.args]
    variables = sorted(
        {s for c in conds for s in c.free_symbols if s.is_integer}, key=sp.default_sort_key
    )
    if not variables or any(not s.is_integer for c in conds for s in c.free_symbols):
        return None
    bound = {lim[0] for e in (a, b) for s in e.atoms(sp.Sum, sp.Product) for lim in s.limits}
    if any(isinstance(s, sp.Dummy) or s in bound for s in variables):
        return None  # a condition on a summation index pulled out of its sum: not a region
    within = sp.true
    for v in variables:
        r = stated_range(v) if stated_range else None
        if r is not None:
            within = sp.And(within, v >= r[0], v <= r[1])
    try:
        return _by_regions(a, b, variables, within)
    except (ValueError, TypeError, RecursionError):  # SymPy refused a substitution: no proof
        return None


def _by_regions(a, b, variables, within=sp.true) -> int | None:
    proved, terms = 0, 0
    for va, ra in _branches(a):
        for vb, rb in _branches(b):
            region = sp.And(ra, rb, within)
            if region is sp.false or vb is sp.nan:
                continue  # (b, the derived side, undefined: outside where the question asks)
            dnf = sp.to_dnf(region)
            parts = list(dnf.args) if isinstance(dnf, sp.Or) else [dnf]
            terms += len(parts)
            if terms > MAX_TERMS:
                return None
            if all(_settled(p, variables, None) for p in parts):
                continue  # an empty region: nothing to compare
            defined = va is not sp.nan and vb is not sp.nan
            diff = va - vb if defined else None
            if defined and _zero(diff):
                proved += 1
            elif all(_settled(p, variables, diff) for p in parts):
                proved += defined  # one point of the region, where the two agree
            else:
                return None
    return proved or None


def _zero(diff) -> bool:
    return (
        diff == 0
        or sp.expand(diff) == 0
        or (diff.has(sp.Sum) and sums_cancel(diff))
        or sp.simplify(diff) == 0
    )


def region_of(value, derived, target, region=None):
    """(what to compare with, notes): an answer given on a region of its own variable (one
    case and no 'otherwise': ``y(n) = 2 − 2^{−n} \\text{ for } 0 \\le n \\le L − 1``) is judged
    there only, as a spec's ``Target.region`` is; the verdict's notes say so. A case on the
    indices of a Jacobian (``σ'(ỹ_k) x_j`` if i = k, the 0 elsewhere left out) is not a region:
    it is compared everywhere. Where the question itself is asked on a region (the spec's, or
    ``region`` given by the grader), the answer's must cover it: there, a narrower one is a
    case split with no value on part of what is asked (not equivalent), never a way to
    answer less."""
    from ...ops.printer import latex

    if region is not None:
        return derived, [f"judged where ${latex(region)}$ only (the region asked)"]
    if target.region is not None:
        return derived, []
    if not (isinstance(value, sp.Piecewise) and len(value.args) == 1):
        return derived, []
    cond = value.args[0].cond
    variable = getattr(target, "variable", None)
    if variable is None or variable not in cond.free_symbols:
        return derived, []
    if cond is sp.true or not isinstance(derived, sp.Expr) or isinstance(derived, sp.MatrixBase):
        return derived, []
    note = f"judged where ${latex(cond)}$ only (the answer's region)"
    return sp.Piecewise((derived, cond)), [note]


def read_region(text: str, target, read):
    """The condition ``text`` states (``n >= L``, ``0 \\le n \\le L - 1``), read by ``read``
    in the problem's notation; a clear error when it is no condition on the target's
    variable."""
    from ...errors import SymderivError

    try:
        sides = read(text).sides
    except Exception as exc:  # (the reader's own errors name the place)
        raise SymderivError(f"region {text!r}: cannot read it ({exc})") from None
    cond = sides[0] if len(sides) == 1 else None
    if not isinstance(cond, (sp.core.relational.Relational, sp.And, sp.Or, sp.Not)):
        raise SymderivError(f"region {text!r}: not a condition such as 'n >= L'")
    own = {s for s in target.expr.free_symbols if s.is_integer} | {target.variable} - {None}
    if not cond.free_symbols & own:
        names = ", ".join(sorted(map(str, own))) or "none"
        raise SymderivError(
            f"region {text!r}: not a condition on the target's variables or indices ({names})"
        )
    return cond
