"""Proofs that a difference is 0: at once (identical, a rational function of exponentials,
sums that cancel by linearity), by SymPy's ``simplify``, or with the problem's quantities
written by their definitions."""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

from ...ops.functions import Upstream, to_elementary
from ..work import remembered
from .sumproof import sums_cancel


def zero_at_once(diff) -> bool:
    return diff == 0 or rational_zero(diff) or sums_cancel(diff)


def simplifies_to_zero(diff) -> bool:
    """SymPy's ``simplify`` proves it 0; never tried on sums (``sums_cancel`` merges those:
    on the student corpus, simplify proved none of 29 differences with sums that were left,
    and spent half a second or more failing on each)."""
    if diff.has(sp.Sum):
        return False
    simp = sp.simplify(diff)
    return simp == 0 or sp.simplify(simp.rewrite(sp.exp)) == 0


#: levels of definitions unfolded, at most, in a proof
DEFINITION_LEVELS = 4


def by_definitions(a, b, ctx):
    """Both sides with their defined quantities replaced by their definitions, one level at
    a time, down to quantities nobody defined (upstream gradients stay): equal at any level
    means equal as functions of the leaves, which is what the two mean. A level unfolds the
    quantities no other one present depends on (h = tanh(a) before a), so that two sides
    written at different depths meet."""
    for _ in range(DEFINITION_LEVELS):
        found = {
            x
            for e in (a, b)
            for x in ctx.atoms_of(e)
            if ctx.is_defined(x) and not isinstance(ctx.defs[ctx.key(x)].rhs, Upstream)
        }
        if not found:
            return
        key = ctx.key
        top = {x for x in found if not any(key(y) != key(x) and ctx.depends(y, x) for y in found)}
        # a summation index of a definition renamed apart from the sides' own symbols: o_r
        # as Σ_k W_rk h_k in an answer about h_k would read Σ_k W_rk h_k with k captured
        free = a.free_symbols | b.free_symbols
        rep = {x: ctx.rename_bound(ctx.instance(x), free) for x in top or found}
        a, b = a.xreplace(rep), b.xreplace(rep)
        yield a, b


def rational_zero(diff) -> bool:
    """A fast proof for sums of rational functions of exponentials (σ, σ', cosh forms)."""
    if diff.has(sp.Piecewise, sp.Sum, sp.Derivative, sp.Subs):
        return False
    e = diff.rewrite(sp.exp)
    exps = sorted(e.atoms(sp.exp), key=sp.default_sort_key)
    args = {x.args[0] for x in exps}
    # every exponential as a power of one symbol per base argument u (e^{-u} = z^{-1})
    bases = {}
    for a in args:
        coeff, rest = a.as_coeff_Mul()
        if not coeff.is_Rational:
            return False
        bases.setdefault(rest, []).append(coeff)
    repl = {}
    for rest, coeffs in bases.items():
        z = sp.Dummy("z", positive=True)
        q = sp.ilcm(*[c.q for c in coeffs], 1)
        for c in coeffs:
            repl[sp.exp(c * rest)] = z ** (c * q)
    e = e.xreplace(repl)
    if e.has(sp.exp):
        return False
    try:
        return sp.cancel(sp.together(e)) == 0
    except (sp.PolynomialError, TypeError, ValueError):
        return False


@remembered()
def canonical_sums(e):
    """Rename every summation index to a canonical one (Σ_j x_j and Σ_i x_i become equal).
    Remembered, as ``plain`` is."""
    counter = iter(range(10**6))

    def one(s):
        limits, mapping = [], {}
        for lim in s.limits:
            v = lim[0]
            new = sp.Symbol(f"_s{next(counter)}", **v.assumptions0)
            mapping[v] = new
            limits.append((new, *lim[1:]))
        return sp.Sum(s.function.xreplace(mapping), *limits)

    return e.replace(lambda x: isinstance(x, sp.Sum), one) if e.has(sp.Sum) else e


@remembered()
def plain(e):
    """The form proofs compare: σ, σ' written out; unevaluated Subs evaluated; steps with a
    stated value at 0 and min/max of integers as cases; decimals as written (0.5 is 1/2);
    summation indices renamed canonically. Remembered: in a grading run every answer to a
    target is compared with the same derived result, whose form is computed once."""
    e = canonical_sums(to_elementary(e))
    e = e.replace(lambda x: isinstance(x, sp.Subs) and not _abstract(x), lambda x: x.doit())
    e = e.replace(_step, lambda x: x.rewrite(sp.Piecewise))  # then proved region by region
    e = e.replace(_integer_extremum, lambda x: x.rewrite(sp.Piecewise))  # min(n − 5, L − 1)
    e = e.xreplace({f: sp.Rational(str(f)) for f in e.atoms(sp.Float) if f._prec <= 53})
    return sp.piecewise_fold(e)


def _integer_extremum(x) -> bool:
    """min/max of integer quantities (indices, sizes): its cases are integer regions."""
    return isinstance(x, sp.Min | sp.Max) and all(s.is_integer for s in x.free_symbols)


def _step(x) -> bool:
    """A unit step whose value at 0 is stated: exactly its cases."""
    return isinstance(x, sp.Heaviside) and len(x.args) == 2 and x.args[1].is_number


def _abstract(x) -> bool:
    return any(isinstance(a, AppliedUndef) for a in sp.preorder_traversal(x))
