"""Where the numeric checks look: the sizes a problem is tested at, and the index
combinations (every coincidence pattern of the indices kept when they are sampled)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping

import sympy as sp

MAX_COMBOS = 24  # index combinations checked per target (coincidences always included)


def default_sizes(problem) -> dict:
    """Small distinct sizes for the symbolic sizes in the problem's shapes (3, 2, 4, 5, …),
    such that every dimension (N − K + 1 too) is at least 2."""
    syms, dims = [], []
    for shape in problem.shapes.values():
        for s in shape:
            dims.append(sp.sympify(s))
            for f in sorted(dims[-1].free_symbols, key=str):
                if f not in syms:
                    syms.append(f)

    def fits(values):
        at = dict(zip(syms, values))
        return all(int(d.xreplace(at)) >= 2 for d in dims if d.free_symbols <= set(at))

    first = (3, 2, 4, 5, 6, 7, 8, 9)[: len(syms)]
    if len(first) == len(syms) and fits(first):
        return dict(zip(syms, first))
    candidates = sorted(
        itertools.product(range(2, 9), repeat=len(syms)),
        key=lambda v: (len(v) - len(set(v)), sum(v), v),
    )
    for values in candidates:
        if fits(values):
            return dict(zip(syms, values))
    return dict(zip(syms, first))


def other_sizes(sizes: Mapping) -> dict:
    """A second set of sizes, each 4 larger (differences such as N − K + 1 kept): an answer
    that agrees with the result only at the first sizes ((n − 1)(n − 2)(n − 3) added at n = 3,
    a sum from j = 5 that is empty there) is seen to differ at these."""
    return {s: v + 4 for s, v in sizes.items()}


def index_combos(
    free: list, ranges: Mapping, sizes: Mapping, seed: int = 0, limit: int = MAX_COMBOS
) -> list[dict]:
    """All index combinations (or a sample that keeps every coincidence pattern)."""
    if not free:
        return [{}]
    spans = []
    for s in free:
        lo, hi = ranges[s]
        lo, hi = int(sp.sympify(lo).xreplace(sizes)), int(sp.sympify(hi).xreplace(sizes))
        spans.append(range(lo, hi + 1))
    combos = [dict(zip(free, vals)) for vals in itertools.product(*spans)]
    if len(combos) <= limit:
        return combos
    rng = random.Random(seed)
    by_pattern: dict = {}
    for c in combos:
        pattern = tuple(c[a] == c[b] for a, b in itertools.combinations(free, 2))
        by_pattern.setdefault(pattern, []).append(c)
    picked = [rng.choice(v) for v in by_pattern.values()]
    rest = [c for c in combos if c not in picked]
    return picked + rng.sample(rest, min(len(rest), max(0, limit - len(picked))))


#: random instances tried, at most, to see every pair of branch points (ReLUs, indicators)
#: in each of its four sign patterns: a result wrong only where two ReLUs are both active is
#: right wherever either is off. A pair that never shows one (a and 2a) cannot be told from
#: an unlucky one, so beyond these a check goes on without it.
PAIR_INSTANCES = 16


def seen_at_point(here: dict, kinks: dict, pairs: dict) -> None:
    """Add the sides of the branch points at one instance's point (``here``: kink → sides)
    to ``kinks``, and the pattern of each pair seen on one side each to ``pairs``."""
    for k, v in here.items():
        kinks.setdefault(k, set()).update(v)
    sides = sorted((str(k), next(iter(v))) for k, v in here.items() if len(v) == 1)
    for n, (k1, s1) in enumerate(sides):
        for k2, s2 in sides[n + 1 :]:
            pairs.setdefault((k1, k2), set()).add((s1, s2))


def pairs_pending(pairs: dict) -> bool:
    return any(len(v) < 4 for v in pairs.values())
