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
