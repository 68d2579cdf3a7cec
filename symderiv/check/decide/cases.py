"""The index cases a proof is split into: every way the indices that meet in a Kronecker
delta or a condition can coincide (i = k, i ≠ k), and every way each of them can meet a
constant in a delta (k = 1 or k ≠ 1 for δ_{k1}). In each case every delta and
(in)equality between them is decided, so that a proof shows the two sides equal in each."""

from __future__ import annotations

import itertools

import sympy as sp

#: indices that meet in deltas or conditions, and (index, constant) pairs, at most
MAX_LINKED, MAX_CONSTANTS = 4, 3


def index_cases(idx, claimed, derived, stated_range):
    """A list of functions, one per case, each deciding an expression's deltas and
    (in)equalities of indices in that case; None when there are too many to split."""
    linked = [s for s in idx if _in_delta_or_condition(s, claimed, derived)]
    pairs = sorted(_constant_pairs(idx, claimed, derived), key=sp.default_sort_key)
    if len(linked) > MAX_LINKED or len(pairs) > MAX_CONSTANTS:
        return None
    out = []
    for part in _partitions(linked):
        rep = {s: block[0] for block in part for s in block}
        for choice in itertools.product((True, False), repeat=len(pairs)):
            case = _with_constants(rep, pairs, choice, stated_range)
            if case is not None:
                out.append(case)
    return out


def _with_constants(rep, pairs, choice, stated_range):
    """The case where each (index, constant) pair is equal or not as ``choice`` says, or
    None where that cannot be (an index equal to two constants, or to one outside its
    stated range of fixed numbers)."""
    equal: dict = {}
    unequal = set()
    for (s, c), same in zip(pairs, choice):
        r = rep.get(s, s)
        if not same:
            unequal.add((r, c))
        elif equal.setdefault(r, c) != c:
            return None
    if any((r, c) in unequal for r, c in equal.items()):
        return None
    for r, c in equal.items():
        lo_hi = stated_range(r)
        fixed = lo_hi and all(sp.sympify(b).is_Integer for b in lo_hi)
        if fixed and not lo_hi[0] <= c <= lo_hi[1]:
            return None
    full = {s: equal.get(r, r) for s, r in rep.items()}
    full.update({r: c for r, c in equal.items()})
    return lambda e: _decide_indices(e, full, frozenset(unequal))


def _partitions(items):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in _partitions(rest):
        yield [[first], *part]
        for n in range(len(part)):
            yield [*part[:n], [first, *part[n]], *part[n + 1 :]]


def _decide_indices(expr, rep: dict, unequal: frozenset = frozenset()):
    """Substitute representatives (or constants); decide δ and (in)equalities between
    index symbols, and between an index and a constant the case says it differs from."""
    e = expr.xreplace(rep)
    reps = {v for v in rep.values() if v.is_Symbol}

    def differ(a, b) -> bool:
        return (a, b) in unequal or (b, a) in unequal

    def delta(d):
        a, b = d.args
        if a == b:
            return sp.S.One
        # two representatives of different blocks differ; two integers are what they are;
        # an index against a constant only as the case says (δ_{k,1000}: k may be 1000)
        if a.is_Integer and b.is_Integer:
            return sp.S(int(a == b))
        if a.is_Symbol and b.is_Symbol and a in reps and b in reps:
            return sp.S.Zero
        return sp.S.Zero if differ(a, b) else d

    e = e.replace(lambda x: isinstance(x, sp.KroneckerDelta), delta)

    def rel(r):
        a, b = r.args
        if (a.is_Symbol and b.is_Symbol and a in reps and b in reps) or differ(a, b):
            same = a == b
            return sp.true if (same == isinstance(r, sp.Eq)) else sp.false
        return r

    return e.replace(lambda x: isinstance(x, sp.Eq | sp.Ne), rel)


def _constant_pairs(idx, *exprs) -> set:
    """(index, integer constant) of a delta in either side. (A case's condition k = 0 is
    left to the proof region by region, which splits it better: k < 0, k = 0, k > 0.)"""
    idx = set(idx)
    out = set()
    for e in exprs:
        for x in e.atoms(sp.KroneckerDelta):
            a, b = x.args
            if a.is_Integer:
                a, b = b, a
            if a in idx and b.is_Integer:
                out.add((a, b))
    return out


def _in_delta_or_condition(s, *exprs):
    for e in exprs:
        for d in e.atoms(sp.KroneckerDelta):
            if s in d.free_symbols:
                return True
        for p in e.atoms(sp.Piecewise):
            for _, c in p.args:
                if s in c.free_symbols:
                    return True
    return False
