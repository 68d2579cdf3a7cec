"""An answer's value made comparable with the derived result: decimals as the exact
constants they round, the problem's other targets put in (y(n − 5)), sums to ∞ in closed
form, ⊙ of scalars as products, products with the result's own matrices multiplied out,
and tuples of values given by name."""

from __future__ import annotations

import contextlib
import itertools
import re
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.matrices.expressions.matexpr import MatrixElement

from ...engine.calculus import Context, collapse_deltas
from ...engine.matrix_form import inverse
from ...errors import SymderivError
from ...ops.printer import latex
from ..read.notation import ODOT, OrderedProduct
from ..verdict import EQUIVALENT, NOT_EQUIVALENT, UNDECIDED, Verdict
from .compare import compare


def overlapping_cases(value, cmp) -> Verdict | None:
    """Undecided when two rows of a cases answer both apply at a point and give different
    values there: read in order (first row first, as SymPy's Piecewise does) the answer may
    be right, read as mathematics it says two things at once."""
    from ..read.answer import CASE_ROWS
    from .tests import numeric_test

    for pw in value.atoms(sp.Piecewise) if isinstance(value, sp.Basic) else ():
        written = CASE_ROWS.get(pw)  # the rows as written; none known: nothing to say
        rows = [(n, v, c) for n, (v, c) in enumerate(written or (), 1) if c is not sp.true]
        for (i, vi, ci), (j, vj, cj) in list(itertools.combinations(rows, 2))[:10]:
            both = sp.Piecewise((vi - vj, sp.And(ci, cj)), (0, True))
            if both == 0:
                continue
            try:
                v, _ = numeric_test(both, sp.S.Zero, cmp)
            except Exception:  # a row that does not evaluate alone: the comparison decides
                continue
            if v is not None and v.status == NOT_EQUIVALENT and v.witness:
                at = ", ".join(f"{k} = {x}" for k, x in v.witness.get("at", {}).items())
                why = (f"rows {i} and {j} of the cases both hold at {at} with different values; "
                       "read in order, first row first, the answer is right")  # fmt: skip
                uses = f"rows {i} and {j} of the cases at once"
                return Verdict(
                    UNDECIDED, why, witness={"at": v.witness.get("at", {}), "uses": uses}
                )
    return None


def restates(side, target) -> str | None:
    """The derivative asked for, as LaTeX, when the answer is written in terms of it
    (∂L/∂z_i for ∂L/∂z_i, ∂L/∂z_k for the same entry by another name): true, and no answer."""
    t = target.expr
    if not (isinstance(t, sp.Derivative) and len(t.variables) == 1 and isinstance(side, sp.Basic)):
        return None
    base = getattr(t.variables[0], "base", t.variables[0])
    for d in side.atoms(sp.Derivative):
        if (
            d.expr == t.expr
            and len(d.variables) == 1
            and getattr(d.variables[0], "base", d.variables[0]) == base
        ):
            return latex(d)
    return None


def rounds_to(exact, decimal: sp.Rational, digits: int) -> bool:
    """Does ``exact`` rounded to ``digits`` significant figures give ``decimal``?"""
    if decimal == 0:
        return exact == 0
    exponent = sp.floor(sp.log(abs(decimal), 10))
    tol = sp.Rational(1, 2) * sp.Integer(10) ** (exponent - digits + 1)
    return bool(abs(sp.N(exact - decimal, 30)) <= tol)


def exact_decimals(value, derived, decimals):
    """Each decimal of the answer (0.707 inside a cases answer) replaced by the exact constant
    of the derived result it is a rounding of (√2/2), when exactly one is: a decimal is right
    when the exact value rounds to it at the digits written. Decimals that round no constant
    stay as they are, and are compared exactly."""
    floats = [f for f in value.atoms(sp.Float)]
    if not floats or not isinstance(derived, sp.Basic):
        return value, []
    consts = {
        c
        for e in sp.preorder_traversal(derived)
        if isinstance(e, sp.Expr) and e.is_number and not e.is_Integer
        for c in (e, -e)
    }
    # and the number a product holds (√2/(2√π) in √2 u e^{−u²/2}/(2√π)): 0.3989 u e^{−u²/2}
    for m in sp.preorder_traversal(derived):
        if isinstance(m, sp.Mul):
            c = sp.Mul(*[a for a in m.args if a.is_number])
            if c.is_number and not c.is_Integer:
                consts |= {c, -c}
    digits = {}
    for d, n in decimals:
        digits[d] = max(n, digits.get(d, 0))
    swap, notes = {}, []
    for f in floats:
        d = sp.Rational(str(f))  # the decimal as written (0.707000… → 707/1000)
        n = digits.get(abs(d))
        if n is None:
            continue
        hits = [c for c in consts if rounds_to(c, d, n)]
        if len({sp.nsimplify(h) for h in hits}) == 1:
            swap[f] = hits[0]
            notes.append(f"{f:g} read as {sp.sstr(hits[0])}, its value to {n} significant figures")
    return (value.xreplace(swap), notes) if swap else (value, [])


def derive_earlier(problem, target, latex) -> None:
    """Derive (or load from the cache), outside the answer's time bound, the other targets
    an answer names by their function (y(n − 5) for part (a)'s y(n))."""
    from ...engine.derive import derive_problem

    for t in problem.targets:
        if t is target or not isinstance(t.lhs, AppliedUndef) or t.variable is None:
            continue
        name = re.escape(str(t.lhs.func))
        if isinstance(latex, str) and re.search(rf"(?<![\w\\]){name}\s*(?:\\left)?\(", latex):
            with contextlib.suppress(SymderivError):  # else y(…) stays unknown, and is said
                derive_problem(problem, [t.name])


def other_targets(side, problem, target):
    """y(n − 5) in an answer to part (c), where part (a)'s target is y(n): part (a)'s derived
    result, at n − 5 (the problem's own earlier answer, as the write-ups use it)."""
    if not isinstance(side, sp.Basic):
        return side
    own = target.lhs.func if isinstance(target.lhs, AppliedUndef) else None
    earlier = {
        t.lhs.func: t
        for t in problem.targets
        if t is not target
        and isinstance(t.lhs, AppliedUndef)
        and t.variable is not None
        and t.lhs.args == (t.variable,)
        and t.lhs.func != own
    }
    side = _other_rules(side, problem, target)
    calls = [a for a in side.atoms(AppliedUndef) if a.func in earlier and len(a.args) == 1]
    if not calls:
        return side
    from ...engine.derive import derive_problem

    swap = {}
    for a in calls:
        t = earlier[a.func]
        result = derive_problem(problem, [t.name])[t.name]
        swap[a] = result.entry.xreplace({t.variable: a.args[0]})
    return side.xreplace(swap)


def _other_rules(side, problem, target):
    """m_t in an answer to θ_t's update, where another target states m_t ← β₁m_{t−1} + …:
    that rule (at the step itself only; m_{t−1} stays as written, like the derived result);
    and in an answer to an unrolled recurrence, its start m_0 as the target states it."""
    from ...ops.optim import Recurrence, Unroll

    own = target.expr.args[0] if isinstance(target.expr, Recurrence) else None
    swap = {
        t.expr.args[0][t.expr.args[2]]: t.expr.args[1]
        for t in problem.targets
        if isinstance(t.expr, Recurrence) and t.expr.args[0] != own
    }
    if isinstance(target.expr, Unroll):  # m_t unrolled from m_0 = 0: β₁^t m_0 is 0
        swap[target.expr.args[0][0]] = target.expr.args[3]
    return side.xreplace(swap) if swap and side.has(*swap) else side


def matrix_symbols(expr) -> set:
    return expr.atoms(sp.MatrixSymbol) if isinstance(expr, sp.Basic) else set()


def explicit_product(value):
    """A product with the derived result's matrix symbols, multiplied out in written order."""

    def one(e):
        out = sp.S.One
        for a in e.args:
            a = a.as_explicit() if isinstance(a, sp.MatrixExpr) else a
            out = out * a
        return out

    value = value.replace(lambda e: isinstance(e, OrderedProduct), one)
    if isinstance(value, sp.Basic) and value.has(sp.Inverse):  # (λI + XᵀX)⁻¹: by cofactors
        value = value.replace(
            lambda e: isinstance(e, sp.Inverse) and all(sp.sympify(n).is_Integer for n in e.shape),
            lambda e: inverse(sp.ImmutableMatrix(e.arg.as_explicit())),
        )
    value = value.as_explicit() if isinstance(value, sp.MatrixExpr) else value
    if isinstance(value, sp.MatrixBase):  # X[i, j] as entries of a quantity X_{ij}
        value = value.applyfunc(
            lambda x: x.replace(
                lambda e: isinstance(e, MatrixElement),
                lambda e: sp.IndexedBase(e.parent.name, real=True)[
                    (e.i + 1,) if e.parent.shape[1] == 1 else (e.i + 1, e.j + 1)  # y_i of a vector
                ],
            )
        )
    return value


def derived_names(derived):
    return [sp.Symbol(f"entry {n + 1}") for n in range(len(derived))]


def judge_tuple(given: dict, derived, unknowns, cmp, count=None) -> Verdict:
    """Values given for the unknowns of a target whose result is a tuple ((w_1, w_2, b)),
    compared one by one; by name when the answer names them."""
    if count is not None and count != len(derived):
        return Verdict(NOT_EQUIVALENT, f"{count} values where the result has {len(derived)}")
    by_name = {str(k): v for k, v in given.items()}
    missing = [u for u in unknowns if str(u) not in by_name]
    if missing:
        return Verdict(UNDECIDED, f"no value given for {', '.join(map(str, missing))}")
    for u, want in zip(unknowns, derived):
        v = compare(by_name[str(u)], want, cmp)
        if v.status != EQUIVALENT:
            return replace(v, reason=f"{u}: {v.reason}")
    return Verdict(EQUIVALENT, "every value equals the derived one")


def infinite_sums(value):
    """Σ_{k=0}^{∞} μ^k summed in closed form (a Piecewise on |μ| < 1 where SymPy knows it):
    a sum to ∞ cannot be evaluated term by term."""
    if not isinstance(value, sp.Basic) or not value.has(sp.oo):
        return value

    def one(s):
        if not any(hi is sp.oo or lo is -sp.oo for _, lo, hi in s.limits):
            return s
        try:
            closed = s.doit()
        except Exception:  # SymPy's summation: no closed form is no verdict either way
            return s
        if isinstance(closed, sp.Piecewise) and closed.args[-1].expr.has(sp.Sum):
            return closed.args[0].expr  # where it converges (|μ| < 1): its value there
        return closed

    return value.replace(lambda e: isinstance(e, sp.Sum), one)


def scalar_products(value):
    """g_t ⊙ g_t where every factor is a scalar (one coordinate of Adam's vectors): g_t²."""
    value = value.replace(
        lambda e: isinstance(e, OrderedProduct), lambda e: sp.Mul(*[a for a in e.args if a != ODOT])
    )
    return value.xreplace({ODOT: 1})


def bound_apart(value, derived):
    """Σ_{r=1}^{c} (o_r − t_r) for ∂L/∂b_r: the sum's r is its own, not the target's free r.
    Each bound index that shares a name with a free index of the result is renamed apart,
    so that substituting the free index never reaches inside the sum's limits."""
    if not isinstance(value, sp.Basic) or not value.has(sp.Sum, sp.Product):
        return value
    free = {s.name for s in derived.free_symbols} if isinstance(derived, sp.Basic) else set()

    def one(s):
        rename = {v: sp.Dummy(v.name, **v.assumptions0) for v, *_ in s.limits if v.name in free}
        if not rename:
            return s
        limits = [(rename.get(v, v), *rest) for v, *rest in s.limits]
        return s.func(s.function.xreplace(rename), *limits)

    return value.replace(lambda e: isinstance(e, (sp.Sum, sp.Product)), one)


def resolve_derivatives(expr, ctx: Context, target, ranges):
    """Derivatives of the problem's quantities in an answer (∂F/∂θ_1, ∂ỹ_k/∂W_ij), derived
    by the engine; partials of abstract functions (∂f_3(y, θ_3)/∂y) stay as they are."""
    row = target.as_matrix[0] if target.as_matrix else None

    def one(d):
        q, var = d.expr, d.variables[0]
        if isinstance(q, sp.IndexedBase) and row is not None:
            q = q[row]
        if len(d.variables) != 1 or not ctx.is_defined(q):
            return d
        return collapse_deltas(ctx.differentiate(q, var, [], ranges), ranges)

    return expr.replace(lambda e: isinstance(e, sp.Derivative), one)


def recurrence_state(side, target) -> str:
    """The terms of a recurrence's other sequence a side is written with (θ_0 − η Σ_s v_s
    for momentum's θ_t): their values are the recurrence's, which a numeric check of the side
    would draw at random, so such a side is not judged (its final side is); "" if none."""
    from ...ops.optim import Unroll

    expr = getattr(target, "expr", None)
    if not isinstance(expr, Unroll) or not isinstance(side, sp.Basic):
        return ""
    pairs = dict(expr.args[4].args) if expr.args[4].args else {}
    state = {b for b, v in pairs.items() if isinstance(v, Unroll)}
    used = sorted({str(a.base) for a in side.atoms(sp.Indexed) if a.base in state})
    return ", ".join(f"${latex(sp.IndexedBase(u)[sp.Symbol('s')])}$" for u in used)


def numbers_times_matrices(value):
    """−40·[[1, 1], [1, 1]] as the matrix it is (the reader leaves a number before a
    bmatrix as an unevaluated product, which would be judged a scalar)."""
    if isinstance(value, sp.MatMul) and not value.atoms(sp.MatrixSymbol):
        mats = [a for a in value.args if getattr(a, "is_Matrix", False)]
        if len(mats) == 1:  # MatMul(−1, 8, a, ImmutableMatrix): scalars and a written matrix
            return sp.Matrix(mats[0]) * sp.Mul(*[a for a in value.args if a is not mats[0]])
        return value.doit()
    if not isinstance(value, sp.Basic):
        return value

    def one(m):
        mats = [a for a in m.args if getattr(a, "is_Matrix", False) and not a.free_symbols]
        if len(mats) != 1:
            return m
        return mats[0] * sp.Mul(*[a for a in m.args if a is not mats[0]])

    if isinstance(value, sp.Mul):
        return one(value)
    return value


def families_of(result, problem) -> dict:
    """A name the problem gives both to a constant and to an indexed family (logistic
    regression's one-example p beside the batch's p_n; momentum's g beside g_t), read as
    the family where the target's result is written with the family and not the constant."""
    parts = [e for e in (result.entry, result.expr) if isinstance(e, sp.Basic)]
    if not parts:
        return {}
    expr = sp.Tuple(*parts)
    bases = {b for b in expr.atoms(sp.IndexedBase)} | {a.base for a in expr.atoms(sp.Indexed)}
    plain = expr.free_symbols - {b.label for b in bases}
    scalars = {
        str(x): x
        for e in [d.lhs for d in problem.definitions] + [d.rhs for d in problem.definitions]
        for x in (e.free_symbols if isinstance(e, sp.Basic) else ())
        if isinstance(x, sp.Symbol) and not x.is_integer
    }
    return {
        str(b.label): b
        for b in bases
        if str(b.label) in scalars and scalars[str(b.label)] not in plain
    }


def range_mismatch(side, ctx) -> str:
    """An entry indexed by a sum's variable whose range is not the quantity's size (Σ_{n=1}^N
    x_n x_nᵀ with x the problem's d-vector: the student means the rows of X): what the
    reader would make of it is not what was meant, so it is not judged; "" if none."""
    if not isinstance(side, sp.Basic):
        return ""
    for s in side.atoms(sp.Sum):
        for v, _lo, hi in s.limits:
            for a in s.function.atoms(sp.Indexed):
                shape = ctx.shapes.get(a.base, ())
                if len(shape) != 1:  # (a matrix's entry out of its range: a wrong answer)
                    continue
                for k, idx in enumerate(a.indices):
                    size = shape[k] if k < len(shape) else None
                    if idx != v or size is None or not (hi - size).free_symbols:
                        continue
                    return (
                        f"${latex(a)}$ with ${latex(v)}$ up to ${latex(hi)}$, but "
                        f"${latex(a.base)}$ has ${latex(size)}$ entries"
                    )
    return ""
