"""Finite differences of higher order for the numeric checks of second and higher
derivatives (∂²L/∂w_i∂w_j, ∂³y/∂x³)."""

from __future__ import annotations

import itertools

import sympy as sp

from .interpret import PREC, STEP


def higher_difference(inst, q, variables) -> sp.Expr:
    """Σ over the 2^k sign patterns of ±h in each variable, over (2h)^k: the k-th mixed
    central difference (h larger for k > 2, so that the working precision covers it)."""
    forward = inst.unfold(q, keep=frozenset(variables))
    inst.value(forward)
    for v in variables:
        if v not in inst.point:
            inst.point[v] = sp.Float(inst._stream(v).uniform(-1.5, 1.5), PREC)
    k = len(variables)
    h = STEP if k <= 2 else sp.Float(10, PREC) ** (-(PREC // (k + 2)))
    total = sp.S.Zero
    for signs in itertools.product((1, -1), repeat=k):
        at: dict = {}
        for v, sign in zip(variables, signs):
            at[v] = at.get(v, inst.point[v]) + sign * h
        total += sp.Mul(*signs) * inst.value(forward, at)
    return total / (2 * h) ** k
