"""A mutation of a derived result: a named mistake, its explanation, the mutated expression
(and the small helpers every kind of mistake is written with)."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ...engine.points import other_sizes
from ...ops.printer import latex as tex

#: entries kept in each cache of mutations (cleared when full)
_CACHED = 4000


@dataclass(frozen=True)
class Mutation:
    """One mistake: a short name, a one-line explanation, the mutated expression. The
    explanation may be held as a template and its pieces, printed when it is read: a
    diagnosis generates hundreds of mutations and reads one explanation."""

    name: str
    text: str | tuple
    expr: sp.Basic

    @property
    def explanation(self) -> str:
        if isinstance(self.text, str):
            return self.text
        template, pieces = self.text
        return template.format(*(tex(p) if isinstance(p, sp.Basic) else p for p in pieces))

    def as_dict(self) -> dict:
        return {"name": self.name, "explanation": self.explanation, "latex": tex(self.expr)}


def _m(name: str, explanation, before, after) -> Mutation | None:
    if after is None or after == before:
        return None
    return Mutation(name, explanation, after)


def _x(template: str, *pieces) -> tuple:
    """An explanation printed when read: ``template`` with each ``{}`` a piece's LaTeX."""
    return template, pieces


def _remember(cache: dict, key, value):
    if len(cache) >= _CACHED:
        cache.clear()
    cache[key] = value
    return value


def _same(a, b, cmp) -> bool:
    """Equal at every point of a quick screen and then of the full numeric test."""
    from ..decide.tests import MIN_NUMERIC, SCREEN, numeric_test, structural_test

    try:
        v = structural_test(a, b)
        if v is not None:
            return v.status == "equivalent"
        for points in (SCREEN, None):
            v, n = numeric_test(a, b, cmp, points=points or MIN_NUMERIC, confirm=False)
            if v is not None or n == 0:
                return False
        if cmp.symbolic_sizes and cmp.sizes:  # 3 and n are one number at n = 3: not at n = 7
            other = cmp.at_sizes(other_sizes(cmp.sizes))
            v, n = numeric_test(a, b, other, points=MIN_NUMERIC, confirm=False)
            return v is None and n > 0
        return True
    except Exception:  # a mutation that does not evaluate matches nothing
        return False
