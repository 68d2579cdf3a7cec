"""A fast proof that a difference with sums in it is 0, by linearity.

``simplify`` rarely proves an identity between sums over a symbolic range and spends
seconds failing (it was a third of the checking time on the student corpus). Most
answers with sums differ from the derived result only by how the sums are split, named
and factored: ``Σ_j (a_j − b_j)`` against ``Σ_k a_k − Σ_l b_l``, a factor inside or outside
the sum. Here every summation index is renamed by nesting depth, the difference is
expanded, the sums over the same range are merged into one, and the merged summand is
proved 0 the same way (recursively); the terms outside any sum must cancel exactly.
Each step keeps the value, so a success is a proof; a failure proves nothing.
"""

from __future__ import annotations

import sympy as sp

#: nesting depth beyond which no proof is attempted
DEPTH = 4


def sums_cancel(diff) -> bool:
    """True when ``diff`` is 0 by merging sums over equal ranges (a proof); False when
    this method cannot show it (which says nothing about ``diff``)."""
    if not diff.has(sp.Sum):
        return False
    try:
        finite = diff.replace(lambda x: isinstance(x, sp.Sum) and _numeric_bounds(x), _doit)
        return _vanishes(_canonical(finite, 0), 0)
    except (TypeError, ValueError, AttributeError, RecursionError):
        return False


def _numeric_bounds(s) -> bool:
    return all(len(lim) == 3 and lim[1].is_Integer and lim[2].is_Integer for lim in s.limits)


def _doit(s):
    """A sum over fixed bounds written out (a few terms: Σ_{j=0}^{3})."""
    if any(lim[2] - lim[1] > 16 for lim in s.limits):
        return s
    return s.doit()


def _canonical(e, depth: int):
    """Every summation index renamed ``_c<depth>`` by nesting depth (its assumptions
    kept); a sum with several limits keeps them, each renamed in turn."""
    if not e.args:
        return e
    if isinstance(e, sp.Sum):
        return _rename(e, depth)
    args = [_canonical(a, depth) for a in e.args]
    return e.func(*args) if args != list(e.args) else e


def _rename(s: sp.Sum, depth: int):
    if any(len(lim) != 3 for lim in s.limits):
        raise ValueError("a sum without both bounds")
    mapping, limits = {}, []
    for n, (v, lo, hi) in enumerate(reversed(s.limits)):  # outermost first
        new = sp.Symbol(f"_c{depth + n}", **v.assumptions0)
        limits.append((new, lo.xreplace(mapping), hi.xreplace(mapping)))
        mapping[v] = new
    body = _canonical(s.function, depth + len(limits)).xreplace(mapping)
    return sp.Sum(body, *reversed(limits))


def _vanishes(e, depth: int) -> bool:
    if depth > DEPTH:
        return False
    if e.has(sp.Piecewise):  # every branch's value 0: the whole is 0, whatever the conditions
        e = sp.piecewise_fold(e)
        if isinstance(e, sp.Piecewise):
            return all(_vanishes(branch, depth) for branch, _ in e.args)
    rest, groups = [], {}
    for term in sp.Add.make_args(sp.expand(e)):
        sums = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.Sum)]
        if len(sums) != 1:
            rest.append(term)
            continue
        s = sums[0]
        coeff = sp.Mul(*[f for f in sp.Mul.make_args(term) if f is not s])
        if coeff.free_symbols & {lim[0] for lim in s.limits}:  # not movable inside
            rest.append(term)
            continue
        key = tuple(tuple(lim) for lim in s.limits)
        groups[key] = groups.get(key, 0) + coeff * s.function
    rest = sp.Add(*rest)
    if rest != 0 and (rest.has(sp.Piecewise) or sp.cancel(rest) != 0):
        return False
    return all(_vanishes(body, depth + 1) for body in groups.values())
