"""A mutation of a derived result: a named mistake, its explanation, the mutated expression
(and the small helpers every kind of mistake is written with)."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

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
