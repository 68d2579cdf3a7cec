"""Index combinations at the edges of an answer's integer cases, added to the random ones
of a numeric screen: a case boundary off by one is wrong at one or two points."""

from __future__ import annotations

import functools

import sympy as sp


def with_edges(combos: list[dict], claimed, derived, ranges, sizes) -> list[dict]:
    """``combos`` and, around three of them, the edges of every integer case (``_edges``)."""
    out = list(combos)
    rels = _boundaries(claimed) | _boundaries(derived) if combos and combos[0] else ()
    for base in combos[:3] if rels else ():
        out += [c for c in _edges(sorted(rels, key=sp.default_sort_key), base, ranges, sizes)
                if c not in out]  # fmt: skip
    return out


def _boundaries(e) -> frozenset:
    """The relations of ``e``'s cases and steps (remembered: a class's answers to a target
    are all screened against the same derived result)."""
    try:
        return _remembered_boundaries(e)
    except TypeError:  # a mutable matrix: not hashable
        return _boundaries_of(e)


@functools.lru_cache(maxsize=4096)
def _remembered_boundaries(e) -> frozenset:
    return _boundaries_of(e)


def _boundaries_of(e) -> frozenset:
    rels: set = set()
    for p in e.atoms(sp.Piecewise):
        for _, c in p.args:
            rels |= c.atoms(sp.core.relational.Relational)
    rels |= {sp.Eq(h.args[0], 0) for h in e.atoms(sp.Heaviside)}
    return frozenset(rels)


def _edges(rels, base: dict, ranges, sizes, most: int = 8) -> list[dict]:
    """Index combinations on and beside each integer boundary of the cases (n = L − 2 and
    n = L − 3, L − 1 for a condition n < L − 2), the other indices as in ``base``: a case's
    boundary off by one is wrong at one or two points, which a random screen rarely meets."""
    out: list[dict] = []
    for rel in rels:
        d = rel.lhs - rel.rhs
        if not d.free_symbols <= set(base):
            continue  # a real quantity's branch point: the kinks' business
        for v in sorted(d.free_symbols, key=str):
            coeff = d.coeff(v)
            rest = d - coeff * v
            if coeff not in (1, -1) or rest.has(v):
                continue
            at = (-rest / coeff).xreplace({k: sp.Integer(x) for k, x in base.items()})
            lo, hi = (int(sp.sympify(b).xreplace(sizes)) for b in ranges[v])
            for n in (int(at) - 1, int(at), int(at) + 1) if at.is_Integer else ():
                c = {**base, v: n}
                if lo <= n <= hi and c not in out and len(out) < most:
                    out.append(c)
    return out


#: values of a sum's indices walked, at most, per index combination, to see its conditions;
#: and points a condition is looked at, at most, in all
SUM_POINTS, CONDITION_POINTS = 2000, 4000


def unseen_case(claimed, derived, combos: list[dict], sizes: dict, ranges: dict):
    """A condition over integers in either side (a Kronecker delta, a case, a step, a min or
    max, an |·|: an index compared with a constant or another index) that the index
    combinations never saw both true and false, though its other value is possible: agreeing
    at every point seen says nothing of an answer where it changes (RIGHT + [k = 1000] is
    equal to RIGHT at every k the test can walk). None when every one was seen both ways.

    ``ranges``: the indices' stated ranges (1..n); a condition on indices whose ranges are
    all fixed numbers was walked value by value. A condition inside a sum is looked at over
    the sum's index too, at the sizes tested."""
    found = _conditions(claimed) | _conditions(derived)
    # a sum whose range is empty at every point tested (Σ_{j=9}^{m} at m = 2) is 0 there and
    # nothing is known of it elsewhere: its range must have been non-empty somewhere
    found_sums = {c for c, _ in found if getattr(c, "_symderiv_range", False)}
    for cond, limits in sorted(found, key=lambda c: sp.default_sort_key(c[0])):
        if _walked(cond, limits, ranges):
            continue
        seen: set = set()
        looked = 0
        for combo in combos:
            env = {**sizes, **{k: sp.Integer(v) for k, v in combo.items()}}
            here = cond.xreplace(env)
            for at in _sum_points(limits, env):
                t = here.xreplace(at) if at else here
                if isinstance(t, _Range):  # (kept apart, so not evaluated by itself)
                    t = sp.Le(*t.args)
                looked += 1
                if t in (sp.true, sp.false):
                    seen.add(bool(t))
                if len(seen) == 2 or looked >= CONDITION_POINTS:
                    break
            if len(seen) == 2 or looked >= CONDITION_POINTS:
                break
        if seen and len(seen) < 2:  # (also when the walk stopped short: not seen is not seen)
            if cond in found_sums and seen == {True}:
                continue  # a sum's range needs only to have been non-empty
            return cond
    return None


def _conditions(e) -> frozenset:
    try:
        return _remembered_conditions(e)
    except TypeError:  # a mutable matrix: not hashable
        return _conditions_of(e, ())


@functools.lru_cache(maxsize=4096)
def _remembered_conditions(e) -> frozenset:
    return _conditions_of(e, ())


def _conditions_of(e, limits: tuple) -> frozenset:
    """(condition, the limits of the sums around it) for every condition over integers."""
    if isinstance(e, sp.MatrixBase):
        out: frozenset = frozenset()
        for x in e:
            out |= _conditions_of(x, limits)
        return out
    if not isinstance(e, sp.Basic) or e.is_Atom:
        return frozenset()
    found: set = set()
    if isinstance(e, sp.Sum):
        inner = limits + tuple(tuple(lim) for lim in e.limits)
        ranges = set()
        for n, (_v, lo, hi) in enumerate(e.limits):
            nonempty = _Range(lo, hi)
            if _over_integers(nonempty):
                ranges.add((nonempty, limits + tuple(tuple(x) for x in e.limits[:n])))
        return _conditions_of(e.function, inner) | frozenset(ranges)
    if isinstance(e, sp.KroneckerDelta):
        found.add(sp.Eq(*sorted(e.args, key=lambda a: a.is_number), evaluate=False))
    elif isinstance(e, sp.Piecewise):
        for _, c in e.args:
            found |= set(c.atoms(sp.core.relational.Relational))
    elif isinstance(e, sp.Heaviside):
        found.add(sp.StrictGreaterThan(e.args[0], 0, evaluate=False))
    elif isinstance(e, sp.Max | sp.Min):
        found |= {sp.GreaterThan(e.args[0], a, evaluate=False) for a in e.args[1:]}
    elif isinstance(e, sp.Abs):
        found.add(sp.GreaterThan(e.args[0], 0, evaluate=False))
    out = {(c, limits) for c in found if _over_integers(c)}
    for a in e.args:
        out |= _conditions_of(a, limits)
    return frozenset(out)


class _Range(sp.LessThan):
    """lo ≤ hi of a sum's range: a condition that needs only to have been true."""

    _symderiv_range = True

    def __new__(cls, lo, hi):
        return sp.core.relational.Relational.__new__(cls, lo, hi)


def _over_integers(cond) -> bool:
    syms = cond.free_symbols
    return bool(syms) and all(s.is_integer for s in syms)


def _walked(cond, limits: tuple, ranges: dict) -> bool:
    """Every symbol of the condition is an index whose stated range is fixed numbers, or a
    sum's index whose bounds are (the walk saw each of its values). A size is fixed for the
    test, but not for the problem: [n = 1000] with a size n is as unseen as with an index,
    and so is [q = 900] in a sum over q = 1..n."""
    bounds = {lim[0]: lim[1:] for lim in limits}
    for s in cond.free_symbols:
        r = bounds.get(s, ranges.get(s))
        if r is None or not all(sp.sympify(b).is_Integer for b in r):
            return False
    return True


def _sum_points(limits: tuple, env: dict):
    """The values of the sums' indices at these sizes (``{}`` alone when there is no sum)."""
    if not limits:
        yield {}
        return
    count = 0

    def walk(k: int, at: dict):
        nonlocal count
        if k == len(limits):
            count += 1
            yield dict(at)
            return
        v, lo, hi = limits[k]
        lo, hi = sp.sympify(lo).xreplace({**env, **at}), sp.sympify(hi).xreplace({**env, **at})
        if not (lo.is_Integer and hi.is_Integer):
            return
        for n in range(int(lo), int(hi) + 1):
            if count >= SUM_POINTS:
                return
            at[v] = sp.Integer(n)
            yield from walk(k + 1, at)
        at.pop(v, None)

    yield from walk(0, {})
