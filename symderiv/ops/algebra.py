"""Light algebra that operations and the engine share."""

from __future__ import annotations

import sympy as sp


def tidy(expr: sp.Expr) -> sp.Expr:
    """A light, predictable simplification: the shortest of a few equal forms."""
    if isinstance(expr, sp.MatrixBase | sp.MatrixExpr):
        return expr
    forms = [expr]
    ex = sp.expand(expr)
    forms += [ex, sp.factor_terms(ex), sp.factor_terms(expr)]
    return min(forms, key=lambda f: (sp.count_ops(f), len(str(f))))
