"""Closed forms of sums over integer ranges, split into cases.

The main rule: a sum Σ_i f(i) whose summand is nonzero only on an intersection of
intervals (the supports of x(i) and h(n − i) in a convolution) runs from the largest lower
bound to the smallest upper one; which bound is largest depends on n, so the sum splits into
Piecewise cases, each summed in closed form. Nothing about the cases is typed in.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

import sympy as sp

from ..errors import UnsupportedError
from .algebra import tidy
from .steps import Step, worse


@dataclass(frozen=True)
class Support:
    """A signal as ``value`` on lo ≤ var ≤ hi (hi may be ∞) and 0 elsewhere."""

    value: sp.Expr
    lo: sp.Expr
    hi: sp.Expr


def support(signal: sp.Lambda) -> Support:
    """Read value and interval off ``Lambda(m, Piecewise((value, lo <= m <= hi), (0, True)))``."""
    (m,) = signal.variables
    body = signal.expr
    if not isinstance(body, sp.Piecewise):
        return Support(body, -sp.oo, sp.oo)
    (value, cond), *rest = body.args
    if any(v != 0 for v, _ in rest):
        raise UnsupportedError(f"signal {signal}: only one nonzero piece is supported")
    lo, hi = -sp.oo, sp.oo
    for c in sp.And.make_args(cond):
        if not isinstance(c, sp.core.relational.Relational):
            raise UnsupportedError(f"signal {signal}: condition {c} is not an inequality")
        expr = c.lhs - c.rhs  # expr ≥ 0 / ≤ 0 / > 0 / < 0
        coeff = expr.coeff(m)
        rest_ = sp.expand(expr - coeff * m)
        if coeff == 0 or (expr.has(m) and sp.expand(expr - coeff * m).has(m)):
            raise UnsupportedError(f"signal {signal}: condition {c} is not linear in {m}")
        bound = -rest_ / coeff
        strict = isinstance(c, sp.StrictGreaterThan | sp.StrictLessThan)
        upper = isinstance(c, sp.LessThan | sp.StrictLessThan) == (coeff > 0)
        if upper:
            hi = bound - 1 if strict else bound
        else:
            lo = bound + 1 if strict else bound
    return Support(value, lo, hi)


def _condition(expr, n, assume) -> sp.Basic:
    """expr ≥ 0 as a condition on n (linear), True/False where the parameters decide it."""
    expr = sp.expand(expr)
    c = expr.coeff(n)
    rest = sp.expand(expr - c * n)
    if c == 0:
        truth = _decide(rest, assume)
        return truth if truth is not None else sp.Ge(rest, 0)
    if c > 0:
        return sp.Ge(n, -rest / c)
    return sp.Le(n, -rest / c)


def _decide(d, assume):
    """Is d ≥ 0 decided by the parameters' assumptions (L a positive integer)?"""
    d = sp.sympify(d).xreplace(assume)
    if d.is_nonnegative:
        return sp.true
    if d.is_negative:
        return sp.false
    return None


def split_range(lowers: list, uppers: list, n: sp.Symbol, assume: dict) -> list:
    """Cases (lo, hi, condition on n) of Σ_{i=max(lowers)}^{min(uppers)} where lo ≤ hi.

    Ties go to the candidate listed first, so the cases do not overlap.
    """
    lowers = [b for b in lowers if b.is_finite is not False]
    uppers = [b for b in uppers if b.is_finite is not False]
    if not lowers or not uppers:
        raise UnsupportedError("an infinite summation range: no closed form by case split")
    cases = []
    for p, q in itertools.product(range(len(lowers)), range(len(uppers))):
        lo, hi = lowers[p], uppers[q]
        conds = []
        for r, other in enumerate(lowers):
            if r != p:  # lo is the largest (strictly larger than those listed before it)
                conds.append(_condition(lo - other - (1 if r < p else 0), n, assume))
        for r, other in enumerate(uppers):
            if r != q:
                conds.append(_condition(other - hi - (1 if r < q else 0), n, assume))
        conds.append(_condition(hi - lo, n, assume))  # a nonempty range
        cond = sp.And(*conds)
        if cond is not sp.false:
            cases.append((lo, hi, _tighten(cond, n)))
    return cases


def _tighten(cond, n):
    """n ≥ a ∧ n ≥ b with a, b comparable → the larger; likewise for ≤."""
    if not isinstance(cond, sp.And):
        return cond
    lows = [c.rhs for c in cond.args if isinstance(c, sp.GreaterThan) and c.lhs == n]
    highs = [c.rhs for c in cond.args if isinstance(c, sp.LessThan) and c.lhs == n]
    others = [
        c for c in cond.args if not (isinstance(c, sp.GreaterThan | sp.LessThan) and c.lhs == n)
    ]
    keep = []
    for group, pick in ((lows, sp.Max), (highs, sp.Min)):
        if group:
            best = pick(*group)
            if isinstance(best, sp.Max | sp.Min):  # not comparable: keep them all
                keep += [sp.Ge(n, g) if pick is sp.Max else sp.Le(n, g) for g in group]
            else:
                keep.append(sp.Ge(n, best) if pick is sp.Max else sp.Le(n, best))
    return sp.And(*keep, *others)


class Convolution(sp.Function):
    """(x * h)(n) = Σ_i x(i) h(n − i) for signals given as Lambdas with finite support."""

    nargs = 3

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        x, h, n = self.args
        i = sp.Symbol("i", integer=True)
        assume = _assumptions(ctx)
        full = sp.Sum(sp.Function("x")(i) * sp.Function("h")(n - i), (i, -sp.oo, sp.oo))
        steps.append(Step("definition of convolution", self, full))
        sx, sh = support(x), support(h)
        summand = tidy(
            sx.value.xreplace({x.variables[0]: i}) * sh.value.xreplace({h.variables[0]: n - i})
        )
        lowers = [sx.lo, n - sh.hi]
        uppers = [sx.hi, n - sh.lo]
        steps.append(
            Step(
                "supports",
                self,
                sp.Sum(summand, (i, sp.Max(*lowers), sp.Min(*uppers))),
                note=f"$x(i) \\neq 0$ for ${sp.latex(sx.lo)} \\le i \\le {sp.latex(sx.hi)}$, "
                f"$h(n-i) \\neq 0$ for ${sp.latex(sh.lo)} \\le n - i \\le {sp.latex(sh.hi)}$",
            )
        )
        cases = split_range(lowers, uppers, n, assume)
        split = sp.Piecewise(*[(sp.Sum(summand, (i, lo, hi)), c) for lo, hi, c in cases], (0, True))
        steps.append(Step("split the range into cases", self, split))
        closed = sp.Piecewise(
            *[(tidy(sp.simplify(sp.summation(summand, (i, lo, hi)))), c) for lo, hi, c in cases],
            (0, True),
        )
        steps.append(Step("geometric and finite sums in closed form", self, closed))
        return closed

    def check(self, closed, seed: int = 0):
        n = self.args[2]
        variable = next(iter(sorted(sp.sympify(n).free_symbols, key=str)))
        params = sorted((s for s in self.free_symbols if s != variable and s.is_integer), key=str)
        return check_operations(self, closed, variable, params, seed)

    def brute_force(self, values: dict, span: int = 60):
        """The sum itself, term by term, at concrete n and parameters (an independent check)."""
        x, h, n = self.args
        nv = int(sp.sympify(n).xreplace(values))
        total = 0
        for iv in range(-span, span + 1):
            total += _signal_at(x, iv, values) * _signal_at(h, nv - iv, values)
        total = sp.sympify(total)
        if total.is_Rational:  # exact already: nsimplify would search for a closed form
            return total
        return sp.nsimplify(total) if total != 0 else sp.S.Zero

    def _latex(self, printer):
        return f"(x * h)({printer._print(self.args[2])})"


def _signal_at(signal, m: int, values: dict):
    """signal(m) at the parameter values, remembered: a check sums the same terms for every
    n of its window (x(i) does not depend on n at all)."""
    params = tuple((k, values[k]) for k in _parameters(signal) if k in values)
    return _value_at(signal, m, params)


@functools.lru_cache(maxsize=256)
def _parameters(signal) -> tuple:
    return tuple(sorted(signal.free_symbols, key=str))


@functools.lru_cache(maxsize=8192)
def _value_at(signal, m: int, params: tuple):
    """signal(m) exactly; a Piecewise by its first case that holds (building the Piecewise
    at m compares its conditions symbolically: seconds over a check's window)."""
    (var,), body = signal.variables, signal.expr.xreplace(dict(params))
    at = {var: sp.Integer(m)}
    while isinstance(body, sp.Piecewise):
        for value, cond in body.args:
            truth = cond.xreplace(at)
            if truth not in (sp.true, sp.false):
                return signal(m).xreplace(dict(params))  # not decided by numbers: as before
            if truth is sp.true:
                body = value
                break
        else:
            return sp.nan
    return sp.sympify(body).xreplace(at)


def _assumptions(ctx) -> dict:
    """Parameters are positive integers (L ≥ 1): a positive stand-in for deciding signs."""
    return {}


def check_operations(expr, closed, variable, params: list, seed: int = 0):
    """A closed form against the operations of ``expr`` evaluated term by term (each
    convolution summed directly), at every integer of a window and several parameter values."""
    import random

    from .steps import NumericCheck

    rng = random.Random(seed)
    ops = [a for a in sp.preorder_traversal(expr) if isinstance(a, Convolution)]
    worst, count = 0.0, 0
    for _ in range(4):
        vals = {p: sp.Integer(rng.randint(1, 7)) for p in params}
        for nv in range(-3, 16):
            at = dict(vals)
            at[variable] = sp.Integer(nv)
            want = sp.S(expr.xreplace({op: op.brute_force(at) for op in ops})).xreplace(at)
            got = closed.xreplace(at)
            worst = worse(worst, float(abs(sp.N(got - want, 30))))
            count += 1
    return NumericCheck(
        method="the sum term by term at n = −3…15 for random parameter values",
        points=count,
        max_error=worst,
        passed=worst <= 1e-12,
    )
