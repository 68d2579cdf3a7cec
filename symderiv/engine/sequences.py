"""Sequences for limits over n (batch norm's n → ∞): every entry of an indexed family
replaced by one value, or by one value with two entries perturbed, so that a limit of means
can be evaluated in closed form and an answer right only for constant sequences is seen."""

from __future__ import annotations

import sympy as sp

from ..ops.printer import latex


def constant_sequences(a, b, ctx, perturbed: bool = False):
    """Every entry of each indexed family that a limit runs over replaced by one value c;
    ``perturbed``: entries 1 and 2 are c + d₁ and c + d₂ (the mean still tends to c, but an
    answer that is 0 for every constant sequence is seen to be wrong). A sum Σ_{j=1}^n f(g_j)
    is then Σ_j f(c) + (f(c + d₁) − f(c)) + (f(c + d₂) − f(c)), exactly, for n ≥ 2.
    Returns (a, b, {name: (c, d₁, d₂)})."""
    families = {x.base for e in (a, b) for x in e.atoms(sp.Indexed)}
    consts, names = {}, {}
    for base in families:
        c = sp.Symbol(f"c_{base.label}", real=True)
        d = (sp.Symbol(f"d1_{base.label}", real=True), sp.Symbol(f"d2_{base.label}", real=True))
        consts[base] = (c, *(d if perturbed else (sp.S.Zero, sp.S.Zero)))
        names[latex(base[sp.Symbol("j")])] = consts[base]

    def entry(x):
        c, d1, d2 = consts[x.base]
        (k,) = x.indices if len(x.indices) == 1 else (None,)
        if k is None:
            return c
        return c + d1 * sp.KroneckerDelta(k, 1) + d2 * sp.KroneckerDelta(k, 2)

    def one_sum(s):
        (j, lo, _hi), body = s.limits[0], s.function
        mine = [x for x in body.atoms(sp.Indexed) if x.base in consts and x.indices == (j,)]
        rest = body.xreplace({x: sp.Dummy() for x in mine})
        if not perturbed or len(s.limits) != 1 or lo != 1 or j in rest.free_symbols:
            return s.func(body.replace(is_entry, lambda x: consts[x.base][0]), *s.limits)
        at = lambda k: body.xreplace({j: k}).replace(is_entry, entry)  # noqa: E731
        flat = body.replace(is_entry, lambda x: consts[x.base][0])
        return s.func(flat, *s.limits) + (at(1) - flat) + (at(2) - flat)

    def is_entry(x):
        return isinstance(x, sp.Indexed) and x.base in consts

    def sub(e):
        e = e.replace(lambda x: isinstance(x, sp.Sum) and x.has(sp.Indexed), one_sum)
        e = e.replace(is_entry, entry)
        return e.replace(lambda x: isinstance(x, sp.Limit), lambda x: x.doit())

    return sub(a), sub(b), names
