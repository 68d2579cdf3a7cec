"""Light algebra that operations and the engine share."""

from __future__ import annotations

import functools

import sympy as sp


def tidy(expr: sp.Expr) -> sp.Expr:
    """A light, predictable simplification: the shortest of a few equal forms."""
    if isinstance(expr, sp.MatrixBase | sp.MatrixExpr):
        return expr
    out = _TIDY.get(expr)
    if out is None:
        forms = [expr]
        ex = sp.expand(expr)
        forms += [ex, sp.factor_terms(ex), sp.factor_terms(expr)]
        out = min(forms, key=measure)
        if len(_TIDY) > 4096:
            _TIDY.clear()
        _TIDY[expr] = out
    return out


#: tidy is a pure function of its expression, and folding asks for the same forms again
_TIDY: dict = {}


@functools.lru_cache(maxsize=8192)
def measure(expr) -> tuple:
    """Operations, then printed length: the size forms are ranked by (remembered: the same
    forms are measured again and again, and printing one is most of the cost)."""
    return (sp.count_ops(expr), len(str(expr)))
