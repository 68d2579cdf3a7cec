"""Closed forms in the order a textbook prints them: a denominator that the assumptions make
negative written the other way round (g/(1 − μ), not −g/(μ − 1)), its sign taken into the
numerator's sums (g(1 − μᵗ)), and a start value kept apart from the rest (θ₀ − ηg(…)/(1 −
μ)², not one expanded numerator). Each form is equal to the one it replaces; the shortest is
kept, and the result is checked like every other."""

from __future__ import annotations

import sympy as sp

from ..ops.algebra import measure


def textbook(expr, assumptions):
    """The shortest of ``expr`` and its textbook forms (see the module's docstring)."""
    if not isinstance(expr, sp.Expr) or isinstance(expr, sp.MatrixExpr) or expr.has(sp.Sum):
        return expr
    forms = [expr, sp.factor(expr)]
    for s in sorted(expr.free_symbols, key=str):
        apart = _start_apart(expr, s)
        if apart is not None:
            forms.append(apart)
    forms += [_signs(f, assumptions) for f in list(forms)]
    forms += [_positive(f) for f in list(forms)]
    return min(forms, key=lambda f: (_negative_denominators(f, assumptions), _uses(f), measure(f)))


def _uses(expr) -> int:
    """How often quantities are written: g(1 − βᵗ) writes g once, g − βᵗg twice."""
    return sum(1 for a in sp.preorder_traversal(expr) if isinstance(a, sp.Symbol | sp.Indexed))


def _start_apart(expr, s):
    """c·s + (the rest, over one denominator and factored), when s enters with a number."""
    c = sp.expand(sp.together(expr)).as_numer_denom()
    num, den = c
    coeff = sp.expand(num).coeff(s, 1)
    if coeff == 0 or s in sp.cancel(coeff / den).free_symbols:
        return None
    k = sp.cancel(coeff / den)
    if not k.is_Number:
        return None
    rest = sp.powsimp(sp.factor(sp.together(expr - k * s)))  # μ μᵗ = μᵗ⁺¹
    return k * s + rest


def _signs(expr, assumptions):
    """Each power of a sum with a negative base (μ − 1)^−k written as (−1)^k (1 − μ)^−k; then
    the minus signs taken into one of the numerator's sums (−g(μᵗ − 1) → g(1 − μᵗ))."""
    if not assumptions:
        return expr

    def flip(p):
        b, k = p.args
        if isinstance(b, sp.Add) and k.is_Integer and assumptions.sign(b) == -1:
            return (-1) ** k * sp.Pow(sp.expand(-b), k)
        return p

    flipped = expr.replace(lambda e: isinstance(e, sp.Pow), flip)
    return _positive(flipped)


def _positive(expr):
    """−(a − b)·c → (b − a)·c, in each term of a sum."""

    def one(term):
        coeff, factors = term.as_coeff_mul()
        if coeff >= 0:
            return term
        for n, f in enumerate(factors):
            if isinstance(f, sp.Add):
                rest = factors[:n] + factors[n + 1 :]
                return sp.Mul(-coeff, sp.expand(-f), *rest)
        return term

    return sp.Add(*[one(t) for t in sp.Add.make_args(expr)])


def _negative_denominators(expr, assumptions) -> int:
    """How many bases of negative powers the assumptions make negative (fewer is textbook)."""
    if not assumptions:
        return 0
    return sum(
        1
        for p in expr.atoms(sp.Pow)
        if p.args[1].is_negative
        and isinstance(p.args[0], sp.Add)
        and assumptions.sign(p.args[0]) == -1
    )
