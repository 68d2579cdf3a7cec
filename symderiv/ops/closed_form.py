"""Closed forms of equations over a problem's quantities: what ``Stationary`` and
``SolveFor`` share. Derivatives through the definitions (the engine's chain rule, its steps
recorded), sums over data flattened into terms (a sum of sums split, factors free of the
summation index pulled out) and frozen as symbols while SymPy solves (Σ_i x_i is a number
it cannot see inside), signs decided under the exercise's assumptions, clear errors for no
solution, several or no closed form, and the forward computation at concrete sizes that
every numeric check evaluates.
"""

from __future__ import annotations

import math
import random

import sympy as sp
from sympy.core.function import AppliedUndef

from ..errors import UnsupportedError
from .algebra import measure
from .printer import latex
from .steps import NumericCheck, Step

#: sizes the numeric check writes every sum out at (each size symbol takes the value)
CHECK_SIZES = (2, 3, 4)


# -- derivatives through the definitions ------------------------------------------------
def derivative(ctx, d: sp.Derivative, steps: list[Step], ranges=None) -> sp.Expr:
    """The value of ∂q/∂v by the engine's chain rule (its steps recorded); a derivative of an
    abstract function (∇f(θ)) stays as it is: it is given, not derived."""
    if len(d.variables) != 1:
        raise UnsupportedError(f"only first derivatives: {latex(d)}")
    q, v = d.expr, d.variables[0]
    if isinstance(q, AppliedUndef) or not isinstance(q, sp.Expr):
        return d
    ranges = ctx.ranges(d) if ranges is None else ranges
    if isinstance(q, sp.Symbol | sp.Indexed):
        return ctx.differentiate(q, v, steps, ranges)
    return ctx.total(q, v, steps, ranges)


def unfold(ctx, expr: sp.Expr, var) -> sp.Expr:
    """Every defined quantity in ``expr`` that depends on ``var`` replaced by its definition
    (r_n by Σ_j X_nj w_j − y_n), at any depth; the others stay the problem's names."""
    for _ in range(30):
        atoms = {
            a: ctx.instance(a)
            for a in ctx.atoms_of(expr)
            if ctx.is_defined(a) and ctx.key(a) != ctx.key(var) and ctx.depends(a, var)
        }
        if not atoms:
            return expr
        expr = expr.xreplace(atoms)
    raise UnsupportedError(f"the definitions of {latex(expr)} do not end (a cycle?)")


# -- sums, flattened -----------------------------------------------------------------------
def flatten(ctx, expr: sp.Expr) -> sp.Expr:
    """``expr`` as a sum of terms c · Σ_{limits} g: a sum of sums split, products of sums
    multiplied out (indices renamed apart), factors free of the summation indices pulled out,
    a summand free of its index counted (Σ_{i=1}^N c = N c)."""
    return sp.Add(*[_term(p, lims) for p, lims in _flat(ctx, expr)])


def _flat(ctx, e) -> list[tuple]:
    if isinstance(e, sp.Add):
        return [t for a in e.args for t in _flat(ctx, a)]
    if isinstance(e, sp.Mul):
        out = [(sp.S.One, ())]
        for a in e.args:
            new = []
            for q, l2 in _flat(ctx, a):
                for p, l1 in out:
                    q2, l2b = _apart(ctx, q, l2, l1, p)
                    # and p's own indices apart from what q has free (Σ_n x_n · x_n of the
                    # outer sum: the free n must not be captured)
                    p2, l1b = _apart(ctx, p, l1, l2b, q2)
                    new.append((p2 * q2, l1b + l2b))
            out = new
        return out
    if isinstance(e, sp.Sum):  # an inner sum over the same letter is renamed apart first
        outer = tuple(e.limits)
        inner = [_apart(ctx, p, lims, outer, sp.S.One) for p, lims in _flat(ctx, e.function)]
        return [(p, lims + outer) for p, lims in inner]
    if isinstance(e, sp.Pow) and e.has(sp.Sum) and e.exp.is_Integer and e.exp > 1:
        return _flat(ctx, sp.Mul(*[e.base] * int(e.exp), evaluate=False))
    if e.has(sp.Sum):
        return [(e, ())]  # a function of a sum (log Σ_k e^{z_k}): kept whole
    return [(a, ()) for a in sp.Add.make_args(sp.expand(e))]


def _apart(ctx, q, lq, lp, p):
    """``q`` (summed over ``lq``) with its summation indices renamed apart from those of the
    other factor (over ``lp``), so that Σ_i a_i · Σ_i b_i becomes Σ_i Σ_j a_i b_j."""
    taken = {lim[0] for lim in lp} | p.free_symbols
    clash = [lim[0] for lim in lq if lim[0] in taken]
    if not clash:
        return q, lq
    mapping = {v: ctx.fresh_index(taken | q.free_symbols) for v in clash}
    lims = tuple(tuple(b.xreplace(mapping) for b in lim) for lim in lq)
    return q.xreplace(mapping), lims


def _term(p, lims):
    lims = [tuple(lim) for lim in lims]
    coeff = sp.S.One
    while True:
        for lim in lims:
            v, lo, hi = lim
            others = set().union(*[o[1].free_symbols | o[2].free_symbols for o in lims])
            if v not in p.free_symbols and v not in others:
                coeff *= hi - lo + 1
                lims.remove(lim)
                break
        else:
            break
    if not lims:
        return coeff * p
    bound = {lim[0] for lim in lims}
    outside = sp.Mul(*[f for f in sp.Mul.make_args(p) if not f.free_symbols & bound])
    return coeff * outside * sp.Sum(p / outside, *lims)


def freeze_sums(expr: sp.Expr, var=None) -> tuple[sp.Expr, dict]:
    """Each sum of ``expr`` (free of ``var``) a symbol: (expression, {symbol: sum}); a sum
    whose terms are nonnegative (Σ_i x_i²) is a nonnegative symbol."""
    found: dict = {}

    def one(s):
        if var is not None and s.has(var):
            return s
        for u, t in found.items():
            if t == s:
                return u
        u = sp.Dummy("S", real=True, nonnegative=s.function.is_nonnegative or None)
        found[u] = s
        return u

    frozen = expr.replace(lambda e: isinstance(e, sp.Sum), one)
    return frozen, found


def merge_sums(value: sp.Expr) -> sp.Expr:
    """Σ_i x_i² − 2μ Σ_i x_i + N μ² over N written as (1/N) Σ_i (x_i − μ)² when that is
    shorter: every sum over the same range merged into one, its summand factored."""
    sums = list(value.atoms(sp.Sum))
    if not sums or any(len(s.limits) != 1 for s in sums):
        return value
    (i, lo, hi) = sums[0].limits[0]
    canon = {s: s.function.xreplace({s.limits[0][0]: i}) for s in sums}
    if any(s.limits[0][1:] != (lo, hi) for s in sums):
        return value
    num, den = sp.fraction(sp.together(value))
    frozen, back = freeze_sums(sp.expand(num))
    syms = list(back)
    poly = sp.Poly(frozen, *syms) if syms else None
    if poly is None or poly.total_degree() != 1:
        return value
    summand = sp.S.Zero
    for u in syms:
        summand += poly.coeff_monomial(u) * canon[back[u]]
    rest = poly.coeff_monomial(1)
    if rest.has(i):
        return value
    summand = sp.factor(summand + rest / (hi - lo + 1))
    outside = sp.Mul(*[f for f in sp.Mul.make_args(summand) if not f.has(i)])
    merged = outside / den * sp.Sum(sp.factor(summand / outside), (i, lo, hi))
    return merged if measure(merged) < measure(value) else value


# -- solving ------------------------------------------------------------------------------
def solve_scalar(ctx, equation: sp.Expr, var, what: str, steps: list[Step]) -> sp.Expr:
    """The one value of ``var`` with ``equation`` = 0 (its sums frozen while solving);
    UnsupportedError naming the equation when there is none, several the assumptions do not
    choose between, or no closed form."""

    def involves(s):  # Σ_l X_nl w_l holds w_1 although it does not ``has`` it
        bases = {a.base for a in s.atoms(sp.Indexed)}
        return s.has(var) or (isinstance(var, sp.Indexed) and var.base in bases)

    sized = [s for s in equation.atoms(sp.Sum) if involves(s)]
    equation = equation.xreplace({s: _written_out(s) for s in sized})  # (at a fixed size)
    shown = sp.Eq(equation, 0)
    inside = [s for s in equation.atoms(sp.Sum) if involves(s)]
    if inside:
        raise UnsupportedError(
            f"{what}: ${latex(var)}$ is inside the sum ${latex(inside[0])}$, which does not "
            f"split into terms free of it: no closed form for ${latex(shown)}$"
        )
    frozen, back = freeze_sums(equation, var)
    if not frozen.has(var):
        raise UnsupportedError(
            f"{what}: ${latex(shown)}$ does not involve ${latex(var)}$: "
            + ("no solution" if frozen != 0 else "every value is a solution")
            + " (the derivative is free of the unknown)"
        )
    try:
        found = sp.solve(frozen, var, dict=True)
    except Exception as e:  # NotImplementedError, and SymPy's own TypeErrors
        raise UnsupportedError(
            f"{what}: SymPy finds no closed form for ${latex(shown)}$ "
            f"({type(e).__name__}: {str(e).splitlines()[0][:120]}); a numeric root needs "
            "values for its other quantities (Evaluate at a state)"
        ) from None
    _infinitely_many(frozen, var, what, shown)
    values = [s[var].xreplace(back) for s in found if var in s]
    if any(v.has(sp.CRootOf, sp.RootOf) for v in values):
        raise UnsupportedError(
            f"{what}: ${latex(shown)}$ has roots with no closed form (roots of a polynomial "
            "of degree 5 or more)"
        )
    if not values:
        raise UnsupportedError(
            f"{what}: ${latex(shown)}$ has no solution for ${latex(var)}$ "
            "(under its assumptions): no stationary point"
        )
    if len(values) > 1:
        kept = [v for v in values if not _ruled_out(ctx, var, v)]
        listed = ", ".join(f"${latex(var)} = {latex(v)}$" for v in values)
        if len(kept) != 1:
            raise UnsupportedError(
                f"{what}: ${latex(shown)}$ has {len(values)} solutions: {listed}; state an "
                f"assumption that picks one (such as ${latex(var)} > 0$)"
            )
        steps.append(
            Step(
                "the assumptions pick one",
                var,
                kept[0],
                note=f"of {listed}, the only one the exercise's assumptions allow",
            )
        )
        values = kept
    return values[0]


def _written_out(s: sp.Sum):
    """A sum's ranges of fixed length written out (Σ_{l=1}^{1} X_nl w_l is X_n1 w_1)."""
    fixed = [lim for lim in s.limits if lim[1].is_number and lim[2].is_number]
    rest = [lim for lim in s.limits if lim not in fixed]
    if not fixed or any(lim[0] in r.free_symbols for lim in fixed for r in rest):
        return s
    inner = sp.expand(sp.Sum(s.function, *fixed).doit())
    if not rest:
        return inner
    bound = {lim[0] for lim in rest}
    out = sp.S.Zero
    for term in sp.Add.make_args(inner):  # w_1 Σ_n X_n1²: the unknown out in front
        fs = sp.Mul.make_args(term)
        free = [f for f in fs if not f.free_symbols & bound]
        out += sp.Mul(*free) * sp.Sum(sp.Mul(*[f for f in fs if f not in free]), *rest)
    return out


def _infinitely_many(frozen, var, what, shown):
    if not frozen.has(sp.sin, sp.cos, sp.tan, sp.exp):
        return
    try:
        sols = sp.solveset(frozen, var, sp.S.Reals if var.is_real else sp.S.Complexes)
    except Exception:
        return
    if sols.has(sp.ImageSet):
        raise UnsupportedError(
            f"{what}: ${latex(shown)}$ has infinitely many solutions ({latex(sols)}); state "
            "the interval the value lies in"
        )
    if isinstance(sols, sp.ConditionSet):
        raise UnsupportedError(
            f"{what}: SymPy finds no closed form for ${latex(shown)}$; a numeric root needs "
            "values for its other quantities (Evaluate at a state)"
        )


def positive_form(ctx, expr: sp.Expr) -> sp.Expr:
    """``expr`` with every quantity the assumptions bound written through a positive symbol
    (a > 0: a = p; 0 < μ < 1: μ = 1/(1 + p)), and each sum a symbol, so that SymPy's sign
    rules see what the exercise states."""
    intervals = getattr(getattr(ctx, "assumptions", None), "intervals", {}) or {}
    fwd = {}
    for s, (lo, hi) in intervals.items():
        if not isinstance(s, sp.Symbol):
            continue
        p = sp.Dummy(f"p_{s}", positive=True)
        if lo is not None and hi is not None:
            fwd[s] = sp.nsimplify(lo) + sp.nsimplify(hi - lo) / (1 + p)
        elif lo is not None:
            fwd[s] = sp.nsimplify(lo) + p
        elif hi is not None:
            fwd[s] = sp.nsimplify(hi) - p
    frozen, _ = freeze_sums(expr)
    return frozen.xreplace(fwd)


def sign_of(ctx, expr: sp.Expr) -> int | None:
    """1, −1 or 0 when the assumptions decide the sign of ``expr``, else None."""
    e = positive_form(ctx, expr)
    for form in (e, sp.factor(sp.simplify(e))):
        if form.is_zero:
            return 0
        if form.is_positive:
            return 1
        if form.is_negative:
            return -1
    return None


def _ruled_out(ctx, var, value) -> bool:
    """Does the assumptions' interval for ``var`` exclude ``value`` (x = −1 under x > 0)?"""
    intervals = getattr(getattr(ctx, "assumptions", None), "intervals", {}) or {}
    lo, hi = intervals.get(var, (None, None))
    if lo is None and var.is_nonnegative:
        lo = 0
    for bound, side in ((lo, 1), (hi, -1)):
        if bound is not None and sign_of(ctx, side * (value - sp.nsimplify(bound))) in (-1, 0):
            return True
    return False


# -- the numeric check --------------------------------------------------------------------
def concrete(ctx, expr: sp.Expr, sizes: dict) -> sp.Expr:
    """``expr`` written in leaves at concrete sizes: every definition unfolded, every sum
    written out, every derivative of a defined quantity taken there by SymPy (independent of
    the engine's chain rule)."""
    expr = sp.sympify(expr)
    for _ in range(30):
        atoms = {a: ctx.instance(a) for a in ctx.atoms_of(expr) if ctx.is_defined(a)}
        ders = [d for d in expr.atoms(sp.Derivative) if not isinstance(d.expr, AppliedUndef)]
        if not atoms and not ders:
            break
        expr = expr.xreplace({d: sp.diff(concrete(ctx, d.expr, sizes), *d.variables) for d in ders})
        expr = expr.xreplace(atoms)
    return expr.xreplace(sizes).doit()


def size_sets(ctx) -> list[dict]:
    syms = set()
    for shape in ctx.shapes.values():
        for s in shape:
            syms |= {x for x in sp.sympify(s).free_symbols if x.is_integer}
    syms -= set(ctx.sizes)
    if not syms:
        return [{}]
    return [{s: sp.Integer(n) for s in syms} for n in CHECK_SIZES]


def symmetric_bases(ctx) -> set:
    """The matrices the assumptions state symmetric: Eq(A[i, j], A[j, i])."""
    out = set()
    for a in getattr(ctx.problem, "assumptions", ()) or ():
        for r in a.args if isinstance(a, sp.And) else (a,):
            if isinstance(r, sp.Eq) and all(isinstance(s, sp.Indexed) for s in r.args):
                lhs, rhs = r.args
                same = lhs.base == rhs.base and len(lhs.indices) == 2
                if same and tuple(reversed(lhs.indices)) == rhs.indices:
                    out.add(lhs.base)
    return out


def draw(ctx, expr, keep, rng, sizes) -> dict:
    """Random values for the leaves of ``expr`` (the assumptions honoured), ``keep`` left."""
    leaves = {}
    for a in sorted(expr.atoms(sp.Indexed) | expr.free_symbols, key=sp.default_sort_key):
        inside = any(a in x.free_symbols for x in expr.atoms(sp.Indexed) if x != a)
        if a in keep or a in leaves or getattr(a, "is_integer", False) or inside:
            continue
        leaves.update(ctx.assumptions.draw(a, sizes, rng, 30))
    sym = symmetric_bases(ctx)
    for a in list(leaves):  # a symmetric matrix: A_ji = A_ij
        if isinstance(a, sp.Indexed) and a.base in sym and a.indices[0] > a.indices[1]:
            mirror = a.base[a.indices[1], a.indices[0]]
            leaves[a] = leaves.setdefault(mirror, leaves[a])
    return leaves


def check_equation(ctx, expr, symbol, value, seed: int = 0) -> NumericCheck:
    """``expr`` (its derivatives taken on the forward computation, sums written out) is 0
    with ``symbol`` at ``value``, at several sizes and random points."""
    rng = random.Random(seed)
    worst, count = 0.0, 0
    for sizes in size_sets(ctx):
        ec, vc = concrete(ctx, expr, sizes), concrete(ctx, value, sizes)
        for _ in range(4):
            at = draw(ctx, ec + vc, {symbol}, rng, sizes)
            point = {symbol: sp.N(vc.xreplace(at), 30), **at}
            e = sp.expand(ec.xreplace({symbol: point[symbol]}))
            try:  # a value that still holds an unknown is no number: no evidence, a failure
                scale = 1 + max([abs(sp.N(t.xreplace(point), 30)) for t in sp.Add.make_args(e)])
                err = float(abs(sp.N(e.xreplace(point), 30)) / scale)
            except TypeError:
                err = math.inf
            worst = max(worst, err) if math.isfinite(err) else math.inf  # nan: no evidence
            count += 1
    return NumericCheck(
        method="both sides, their derivatives taken on the forward computation (sums written "
        f"out), equal at the solved value at sizes {', '.join(map(str, CHECK_SIZES))} and "
        "random points",
        points=count,
        max_error=worst,
        passed=worst <= 1e-12,
    )
