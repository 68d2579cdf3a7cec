"""Light algebra that operations and the engine share."""

from __future__ import annotations

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
        out = min(forms, key=lambda f: (sp.count_ops(f), len(str(f))))
        if len(_TIDY) > 4096:
            _TIDY.clear()
        _TIDY[expr] = out
    return out


#: tidy is a pure function of its expression, and folding asks for the same forms again
_TIDY: dict = {}
