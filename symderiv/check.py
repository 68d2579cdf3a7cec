"""Checking answers: is a handwritten result equal to the derived one?

The tests, tried in this order (each small and named; the first that decides wins):

1. ``shape``      — matrix against scalar, or matrices of different shapes: not equivalent.
2. ``structural`` — the two expressions are identical, or their difference expands to 0.
3. ``numeric``    — evaluation at many points chosen adversarially: every index coincidence
                    pattern (i = k and i ≠ k), both signs, abstract functions replaced by
                    random smooth ones, 40-digit arithmetic. A disagreement is a
                    counterexample: not equivalent, with the witness.
4. ``symbolic``   — a proof: split on index coincidences (Kronecker deltas and Piecewise
                    conditions decided in each case), write σ and σ' out, ``simplify`` the
                    difference to 0 in every case.
5. Otherwise, agreement at N points without a proof: equivalent-numerically (N stated).

Approximate answers (``\\approx 0.4``) are compared with a tolerance of half a unit in the
last significant figure written. Every check runs under a hard time bound (``sandbox``).
A wrong answer is never reported equivalent: "equivalent" needs a proof, and anything the
tests cannot decide is "undecided".
"""

from __future__ import annotations

import contextlib
import itertools
import time
from dataclasses import dataclass, field

import sympy as sp

from . import numeric
from .calculus import Context, explicit
from .errors import SymderivError, UnreadableLatexError
from .functions import to_elementary
from .matrices import BasisVector

EQUIVALENT = "equivalent"
NUMERIC = "equivalent-numerically"
NOT_EQUIVALENT = "not-equivalent"
UNREADABLE = "unreadable"
UNDECIDED = "undecided"
NOT_CHECKABLE = "not-checkable"
#: worst first: the verdict of several sides is the worst of theirs
SEVERITY = [UNREADABLE, NOT_EQUIVALENT, UNDECIDED, NOT_CHECKABLE, NUMERIC, EQUIVALENT]

#: random points per index combination in the numeric test (at least MIN_NUMERIC in all)
MIN_NUMERIC = 12
#: points of the quick numeric screen that runs before a symbolic proof is attempted
SCREEN = 4
RTOL = 1e-9


@dataclass(frozen=True)
class Verdict:
    """The judgement of one answer, with how it was reached."""

    status: str
    reason: str = ""
    #: where they differ: {"at": {name: value}, "claimed": …, "derived": …}
    witness: dict | None = None
    #: which side of ``a = b = c`` the verdict is about (0-based), if the answer has several
    side: int | None = None
    #: 0-based offset of the fault in the LaTeX, for unreadable answers
    position: int | None = None
    seconds: float = 0.0
    notes: tuple = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return self.status in (EQUIVALENT, NUMERIC)

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "reason": self.reason,
            "witness": self.witness,
            "side": self.side,
            "position": self.position,
            "seconds": round(self.seconds, 4),
            "notes": list(self.notes),
        }

    def witness_text(self) -> str:
        w = self.witness
        if not w:
            return ""
        if "at" in w:
            at = ", ".join(f"{k} = {v}" for k, v in w["at"].items())
            entry = f"entry {w['entry']} " if "entry" in w else ""
            text = f"{entry}at {at}: claimed {w['claimed']}, derived {w['derived']}"
            if "sequences" in w:
                text += (
                    " ("
                    + ", ".join(f"{k} {v} for every j" for k, v in w["sequences"].items())
                    + ")"
                )
            if "functions" in w:
                text += " (with " + ", ".join(f"{k} = {v}" for k, v in w["functions"].items()) + ")"
            return text
        return "; ".join(f"{k}: {v}" for k, v in w.items())


class _Decided(Exception):
    def __init__(self, verdict: Verdict):
        self.verdict = verdict


class ShapeError(SymderivError):
    """The answer is not a well-formed matrix (or not of the shape asked for)."""


# -- the comparison context ---------------------------------------------------------------


class Comparison:
    """What a comparison needs to know: definitions, index ranges, sizes to test at."""

    def __init__(self, ctx: Context, ranges: dict, sizes: dict, seed: int = 0):
        self.ctx = ctx
        self.ranges = ranges
        self.sizes = {k: sp.Integer(v) for k, v in sizes.items()}
        self.seed = seed

    def index_symbols(self, *exprs) -> list:
        found = set()
        for e in exprs:
            found |= {s for s in _symbols(e) if s in self.ranges}
            found |= {s for s in _symbols(e) if s.is_integer and s not in self.sizes}
        return sorted(found, key=str)

    def range_of(self, s):
        if s in self.ranges:
            return self.ranges[s]
        for sym, dom in dict(self.ctx.problem.domains).items():
            if sym.name == s.name:
                return tuple(sp.Integer(v) for v in dom)
        return (sp.Integer(1), sp.Integer(4))


def _symbols(e) -> set:
    if isinstance(e, sp.MatrixBase):
        out = set()
        for x in e:
            out |= _symbols(x)
        return out
    out = set(e.free_symbols)
    for d in e.atoms(sp.Derivative):
        for v in d.variables:
            out |= v.free_symbols
    return out - {lim[0] for s in e.atoms(sp.Sum) for lim in s.limits}


# -- 1. shape ---------------------------------------------------------------------------


def _shape(x):
    return x.shape if isinstance(x, sp.MatrixBase) else None


def shape_test(claimed, derived):
    cs, ds = _shape(claimed), _shape(derived)
    if cs == ds:
        return None

    def say(s):
        return "a scalar" if s is None else f"a {s[0]}×{s[1]} matrix"

    return Verdict(
        NOT_EQUIVALENT,
        f"shape: the answer is {say(cs)}, the derived result is {say(ds)}",
        witness={"claimed shape": say(cs), "derived shape": say(ds)},
    )


# -- 2. structural ----------------------------------------------------------------------


def canonical_sums(e):
    """Rename every summation index to a canonical one (Σ_j x_j and Σ_i x_i become equal)."""
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


def structural_test(claimed, derived):
    if claimed == derived:
        return Verdict(EQUIVALENT, "structural: identical expressions")
    if claimed.has(sp.Sum) and canonical_sums(claimed) == canonical_sums(derived):
        return Verdict(EQUIVALENT, "structural: identical up to the names of summation indices")
    try:
        if sp.expand(claimed - derived) == 0:
            return Verdict(EQUIVALENT, "structural: the difference expands to 0")
    except (TypeError, ValueError):
        return None
    return None


# -- 3. numeric ---------------------------------------------------------------------------


def _fmt(v) -> str:
    if isinstance(v, sp.Integer | int):
        return str(v)
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    return f"{f:.6g}"


def numeric_test(claimed, derived, cmp: Comparison, tol=None, points: int = MIN_NUMERIC):
    """Evaluate both at many points; a mismatch is a counterexample. Returns (verdict, n).

    Index combinations cover every coincidence pattern first (i = k, i ≠ k, …)."""
    idx = cmp.index_symbols(claimed, derived)
    ranges = {s: cmp.range_of(s) for s in idx}
    combos = numeric.index_combos(idx, ranges, cmp.sizes, cmp.seed, limit=max(points, 4))
    per = max(1, points // max(1, len(combos)))
    count = 0
    constant = {}
    if claimed.has(sp.Limit) or derived.has(sp.Limit):
        # a limit over n of a mean of a sequence: take every sequence constant (∂L/∂y_j = c)
        claimed, derived, constant = constant_sequences(claimed, derived, cmp.ctx)
    for r in range(per):
        inst = numeric.Instance(cmp.ctx, cmp.sizes, seed=cmp.seed + 104729 * r)
        for combo in combos:
            a = inst.unfold(claimed.xreplace(combo))
            b = inst.unfold(derived.xreplace(combo))
            va, vb = inst.value(a), inst.value(b)
            if not (va.is_number and vb.is_number):
                free = sorted(str(s) for s in (va.free_symbols | vb.free_symbols))
                return Verdict(
                    UNDECIDED, f"numeric: cannot evaluate (free: {', '.join(free)})"
                ), count
            if va.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or vb.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
                continue  # a pole of either side: not a point to compare at
            count += 1
            err = abs(va - vb)
            bound = tol if tol is not None else RTOL * (1 + abs(vb))
            if err > bound:
                at = {str(k): v for k, v in combo.items()}
                shown = _shown_atoms(claimed, derived, combo, inst)
                at.update(shown)
                witness = {"at": at, "claimed": _fmt(va), "derived": _fmt(vb)}
                if constant:
                    witness["sequences"] = {
                        name: f"constant, {_fmt(inst.value(c))}" for name, c in constant.items()
                    }
                if inst.functions:
                    witness["functions"] = {
                        f"{f}({', '.join(map(str, lam.variables))})": str(lam.expr)
                        for (f, _), lam in inst.functions.items()
                    }
                return Verdict(
                    NOT_EQUIVALENT, "numeric: the two sides differ at a point", witness=witness
                ), count
    if count == 0:
        return Verdict(UNDECIDED, "numeric: no point where both sides are defined"), 0
    return None, count


def constant_sequences(a, b, ctx):
    """Every entry of each indexed family that a limit runs over replaced by one value."""
    from .emit import latex

    families = {x.base for e in (a, b) for x in e.atoms(sp.Indexed)}
    consts, names = {}, {}
    for base in families:
        c = sp.Symbol(f"c_{base.label}", real=True)
        consts[base] = c
        names[latex(base[sp.Symbol("j")])] = c

    def sub(e):
        e = e.replace(
            lambda x: isinstance(x, sp.Indexed) and x.base in consts, lambda x: consts[x.base]
        )
        return e.replace(lambda x: isinstance(x, sp.Limit), lambda x: x.doit())

    return sub(a), sub(b), names


def _shown_atoms(claimed, derived, combo, inst) -> dict:
    """Values of the quantities written in the expressions (ỹ_1, x_2, …) at the witness."""
    out = {}
    from .emit import latex

    for size, value in inst.sizes.items():
        if any(size in _symbols(e) for e in (claimed, derived)):
            out[latex(size)] = str(value)
    for e in (derived.xreplace(combo), claimed.xreplace(combo)):
        e = numeric.expand_sums(e.xreplace(inst.sizes))
        for a in sorted(inst.ctx.atoms_of(e), key=sp.default_sort_key):
            if isinstance(a, sp.Indexed) and not all(i.is_Integer for i in a.indices):
                continue
            if a.is_Symbol and (a.is_integer or a in combo or a.name.startswith("c_")):
                continue
            name = latex(a)
            if name not in out and len(out) < 8:
                with contextlib.suppress(TypeError, ValueError):
                    out[name] = _fmt(inst.value(inst.unfold(a)))
    return out


# -- 4. symbolic ---------------------------------------------------------------------------


def _partitions(items):
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in _partitions(rest):
        yield [[first], *part]
        for n in range(len(part)):
            yield [*part[:n], [first, *part[n]], *part[n + 1 :]]


def _decide_indices(expr, rep: dict):
    """Substitute representatives; decide δ and (in)equalities between index symbols."""
    e = expr.xreplace(rep)

    def delta(d):
        a, b = d.args
        if a == b:
            return sp.S.One
        if (
            (a.free_symbols | b.free_symbols) <= set(rep.values()) | {None}
            and (a.is_Symbol or a.is_Integer)
            and (b.is_Symbol or b.is_Integer)
        ):
            return sp.S.Zero if (a.is_Symbol or b.is_Symbol) else sp.S(int(a == b))
        return d

    e = e.replace(lambda x: isinstance(x, sp.KroneckerDelta), delta)
    reps = set(rep.values())

    def rel(r):
        a, b = r.args
        if a.is_Symbol and b.is_Symbol and a in reps and b in reps:
            same = a == b
            return sp.true if (same == isinstance(r, sp.Eq)) else sp.false
        return r

    e = e.replace(lambda x: isinstance(x, sp.Eq | sp.Ne), rel)
    return e


def symbolic_test(claimed, derived, cmp: Comparison):
    idx = cmp.index_symbols(claimed, derived)
    linked = [s for s in idx if _in_delta_or_condition(s, claimed, derived)]
    cases = list(_partitions(linked)) if len(linked) <= 4 else None
    if cases is None:
        return None
    from .calculus import collapse_deltas

    claimed = collapse_deltas(claimed, cmp.ranges)  # Σ_j δ_ij f_j = f_i, i in the range of j
    derived = collapse_deltas(derived, cmp.ranges)
    for part in cases:
        rep = {s: block[0] for block in part for s in block}
        a = _plain(_decide_indices(claimed, rep))
        b = _plain(_decide_indices(derived, rep))
        diff = a - b
        if diff == 0 or _rational_zero(diff):
            continue
        simp = sp.simplify(diff)
        if simp != 0 and sp.simplify(simp.rewrite(sp.exp)) != 0:
            return None
    n = len(cases)
    how = (
        f"symbolic: the difference simplifies to 0 in each of {n} index cases"
        if n > 1
        else ("symbolic: the difference simplifies to 0")
    )
    return Verdict(EQUIVALENT, how)


def _rational_zero(diff) -> bool:
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


def _in_delta_or_condition(s, *exprs):
    for e in exprs:
        for d in e.atoms(sp.KroneckerDelta):
            if s in d.free_symbols:
                return True
        for p in e.atoms(sp.Piecewise):
            for _, c in p.args:
                if s in c.free_symbols:
                    return True
    return False


def _plain(e):
    """σ, σ' written out; unevaluated Subs evaluated; summation indices renamed canonically."""
    e = canonical_sums(to_elementary(e))
    e = e.replace(lambda x: isinstance(x, sp.Subs) and not _abstract(x), lambda x: x.doit())
    return sp.piecewise_fold(e)


def _abstract(x) -> bool:
    from sympy.core.function import AppliedUndef

    return any(isinstance(a, AppliedUndef) for a in sp.preorder_traversal(x))


# -- the whole comparison -------------------------------------------------------------------


def compare(claimed, derived, cmp: Comparison, approx_digits: int | None = None) -> Verdict:
    """Run the tests in their documented order; the first that decides wins."""
    v = shape_test(claimed, derived)
    if v:
        return v
    if isinstance(derived, sp.MatrixBase):
        return _compare_matrix(claimed, derived, cmp)
    if approx_digits is not None:
        return _compare_approx(claimed, derived, cmp, approx_digits)
    v = structural_test(claimed, derived)
    if v:
        return v
    v, _ = numeric_test(claimed, derived, cmp, points=SCREEN)  # a quick screen first
    if v:
        return v
    v = symbolic_test(claimed, derived, cmp)
    if v:
        return v
    v, n = numeric_test(claimed, derived, cmp)
    if v:
        return v
    return Verdict(NUMERIC, f"numeric: equal at {n} points; no symbolic proof found")


def _compare_approx(claimed, derived, cmp, digits):
    value = sp.N(claimed)
    if not value.is_number:
        return Verdict(UNDECIDED, "approximate answer is not a number")
    exponent = sp.floor(sp.log(abs(value), 10)) if value != 0 else 0
    tol = sp.Rational(1, 2) * sp.Integer(10) ** (exponent - digits + 1)
    v, n = numeric_test(claimed, derived, cmp, tol=tol)
    how = f"within ±{_fmt(tol)} ({digits} significant figure{'s' if digits > 1 else ''})"
    if v:
        if v.status == NOT_EQUIVALENT:
            return Verdict(NOT_EQUIVALENT, f"approximate: not {how}", witness=v.witness)
        return v
    return Verdict(NUMERIC, f"approximate: {how} at {n} points")


def _compare_matrix(claimed, derived, cmp):
    wrong, statuses, how = [], [], ""
    for r in range(derived.rows):
        for c in range(derived.cols):
            v = compare(claimed[r, c], derived[r, c], cmp)
            statuses.append(v.status)
            if v.status == NOT_EQUIVALENT:
                wrong.append((r + 1, c + 1, v))
            elif v.status in (UNDECIDED, UNREADABLE):
                return Verdict(v.status, f"entry ({r + 1}, {c + 1}): {v.reason}")
            how = v.reason
    if wrong:
        r, c, first = wrong[0]
        entries = ", ".join(f"({a}, {b})" for a, b, _ in wrong[:12])
        more = f" and {len(wrong) - 12} more" if len(wrong) > 12 else ""
        witness = dict(first.witness or {})
        witness["entry"] = f"({r}, {c})"
        return Verdict(
            NOT_EQUIVALENT,
            f"entries {entries}{more} of {derived.rows}×{derived.cols} differ",
            witness=witness,
        )
    if all(s == EQUIVALENT for s in statuses):
        return Verdict(EQUIVALENT, f"every entry: {how}")
    return Verdict(NUMERIC, "every entry agrees numerically; not every entry proved")


# -- matrices in answers: x^T, W, diag(...) evaluated entrywise at concrete sizes -----------


def evaluate_matrix(expr, ctx: Context, sizes: dict, want: tuple | None = None):
    """An answer as an explicit Matrix at concrete sizes (or a scalar, if it is one).

    Bare names of vectors and matrices (x, W, ỹ) become their entries; functions apply
    entrywise, as the write-ups use them (e^{-ỹ}); a product of two non-scalars is refused
    (the reader does not keep factor order) unless no order could give a matrix at all.
    """
    from .read import Transposed

    def ev(e):
        if isinstance(e, sp.IndexedBase) and e in ctx.shapes:
            return explicit(ctx, _matrix_symbol(ctx, e), sizes)
        if isinstance(e, Transposed):
            inner = ev(e.args[0])
            return inner.T if isinstance(inner, sp.MatrixBase) else inner
        if isinstance(e, sp.MatrixBase):
            return e.applyfunc(lambda x: _as_scalar(ev(x)))
        if isinstance(e, BasisVector):
            return explicit(ctx, e, sizes)
        if not e.args or isinstance(e, sp.Indexed | sp.KroneckerDelta | sp.Derivative | sp.Subs):
            return e
        args = [ev(a) for a in e.args]
        mats = [a for a in args if isinstance(a, sp.MatrixBase)]
        if not mats:
            return e.func(*args) if args != list(e.args) else e
        if isinstance(e, sp.Add):
            shapes = {m.shape for m in mats}
            if len(shapes) > 1:
                raise ShapeError(f"adds matrices of shapes {', '.join(_s(s) for s in shapes)}")
            shape = shapes.pop()
            out = sp.zeros(*shape)
            for a in args:
                out += a if isinstance(a, sp.MatrixBase) else sp.ones(*shape) * a
            return out
        if isinstance(e, sp.Mul):
            scal = sp.Mul(*[a for a in args if not isinstance(a, sp.MatrixBase)])
            if len(mats) == 1:
                return mats[0] * scal
            shapes = [m.shape for m in mats]
            results = {shapes[0]} if len(set(shapes)) == 1 else set()  # entrywise
            for p in itertools.permutations(shapes):
                if all(p[i][1] == p[i + 1][0] for i in range(len(p) - 1)):
                    results.add((p[0][0], p[-1][1]))
            listed = " and ".join(_s(s) for s in shapes)
            if not results:
                raise ShapeError(
                    f"multiplies matrices of shapes {listed}, which no order or entrywise "
                    "product allows"
                )
            if want is not None and want not in results:
                raise ShapeError(
                    f"multiplies matrices of shapes {listed}: in any order the product is "
                    + " or ".join(_s(r) for r in sorted(results))
                    + f", not {_s(want)}"
                )
            raise _Decided(
                Verdict(UNDECIDED, "a product of matrices: the LaTeX reader does not keep "
                        "the order of factors, so it is not judged")
            )  # fmt: skip
        if isinstance(e, sp.Pow):
            base, exp = args
            if isinstance(exp, sp.MatrixBase):
                raise ShapeError("a matrix in an exponent")
            return base.applyfunc(lambda x: x**exp)
        if len(args) == 1:  # an entrywise function: exp, σ, …
            return args[0].applyfunc(lambda x: e.func(x))
        raise ShapeError(f"{e.func} of a matrix")

    return ev(expr)


def _s(shape) -> str:
    return f"{shape[0]}×{shape[1]}"


def _as_scalar(x):
    if isinstance(x, sp.MatrixBase):
        raise ShapeError("a matrix inside a matrix entry")
    return x


def _matrix_symbol(ctx, base):
    from .calculus import matrix_symbol

    return matrix_symbol(ctx, base)


def _has_matrix_names(expr, ctx) -> bool:
    from .read import Transposed

    if isinstance(expr, sp.MatrixBase):
        return True
    return bool(expr.atoms(Transposed)) or any(
        isinstance(a, sp.IndexedBase) and a in ctx.shapes for a in sp.preorder_traversal(expr)
    )


# -- judging answers to a problem's targets ---------------------------------------------------


def _resolve(expr, ctx: Context, target, ranges):
    """Derivatives of the problem's quantities in an answer (∂F/∂θ_1, ∂ỹ_k/∂W_ij), derived
    by the engine; partials of abstract functions (∂f_3(y, θ_3)/∂y) stay as they are."""
    from .calculus import collapse_deltas

    row = target.as_matrix[0] if target.as_matrix else None

    def one(d):
        q, var = d.expr, d.variables[0]
        if isinstance(q, sp.IndexedBase) and row is not None:
            q = q[row]
        if len(d.variables) != 1 or not ctx.is_defined(q):
            return d
        return collapse_deltas(ctx.differentiate(q, var, [], ranges), ranges)

    return expr.replace(lambda e: isinstance(e, sp.Derivative), one)


def judge(problem, result, target, reading, seed: int = 0) -> Verdict:
    """Judge every side of a reading (``a = b = c``) against a derived result."""
    from dataclasses import replace

    ctx = Context(problem, target.sizes)
    texpr = target.expr.xreplace(ctx.sizes)
    ranges = ctx.ranges(texpr)
    sizes = dict(ctx.sizes) or numeric.default_sizes(problem)
    cmp = Comparison(ctx, ranges, sizes, seed)
    derived = result.entry
    if target.as_matrix:
        derived = result.expr
        if not isinstance(derived, sp.MatrixBase):
            derived = explicit(ctx, derived, sizes)
    if reading.assignments:
        if isinstance(derived, sp.logic.boolalg.Boolean):
            return _judge_membership(reading.assignments, derived)
        return Verdict(UNDECIDED, "an assignment of values; this target asks for an expression")
    sides = list(enumerate(reading.sides))
    notes = [f"side {n}: not read ({msg})" for n, msg in reading.unread]
    first = sides[0][1] if sides else None
    if len(sides) > 1 and _is_label(first):
        sides = sides[1:]  # the left side names the quantity; the rest are the answer
    if isinstance(derived, sp.Eq):
        return _judge_relation(reading, derived, cmp, notes)
    judged = []
    for n, side in sides:
        if _tensor_notation(side):
            notes.append(f"side {n}: a chain rule between whole vectors/matrices, not judged")
        else:
            judged.append((n, side))
    if not judged:
        return Verdict(UNDECIDED, "nothing to judge: " + "; ".join(notes), notes=tuple(notes))
    verdicts = []
    for n, side in judged:
        value = _resolve(side, ctx, target, ranges)
        last = n == len(reading.sides) - 1
        try:
            if target.as_matrix or _has_matrix_names(value, ctx):
                value = evaluate_matrix(value, ctx, sizes, _shape(derived))
            v = compare(value, derived, cmp, reading.digits if reading.approx and last else None)
        except ShapeError as exc:
            v = Verdict(NOT_EQUIVALENT, f"shape: the answer {exc}")
        except _Decided as d:
            v = d.verdict
        verdicts.append(replace(v, side=n if len(reading.sides) > 1 else None))
    # the worst side decides; among equals, the last (the final answer) is reported
    worst = min(reversed(verdicts), key=lambda v: SEVERITY.index(v.status))
    return replace(worst, notes=tuple(notes))


def _judge_membership(assignments, derived) -> Verdict:
    """Values (w_1 = w_2 = −2, b = 3) against a derived set of conditions: each checked."""
    from .emit import latex

    by_name = {latex(k): v for k, v in assignments}
    indexed = derived.atoms(sp.Indexed)
    inside = set().union(*(i.free_symbols for i in indexed)) if indexed else set()
    symbols = {latex(s): s for s in indexed | (derived.free_symbols - inside)}
    missing = sorted(set(symbols) - set(by_name))
    if missing:
        return Verdict(UNDECIDED, "values missing for " + ", ".join(missing))
    at = {symbols[name]: by_name[name] for name in symbols}
    conds = derived.args if isinstance(derived, sp.And) else (derived,)
    for c in conds:
        if c.xreplace(at) is not sp.true:
            return Verdict(
                NOT_EQUIVALENT,
                f"the values break the condition {latex(c)}",
                witness={"condition": latex(c), "left side": str(c.lhs.xreplace(at))},
            )
    shown = ", ".join(f"{k} = {v}" for k, v in by_name.items())
    return Verdict(EQUIVALENT, f"membership: {shown} satisfies all {len(conds)} conditions")


def _is_label(side) -> bool:
    """A left side that names the quantity (∂y_k/∂W_ij, y(n), f(3), m_t), not an answer."""
    from sympy.core.function import AppliedUndef

    if side is None:
        return True
    if side.has(sp.Derivative) and not side.has(sp.Piecewise):
        return True
    return isinstance(side, sp.Indexed | sp.Symbol | AppliedUndef)


def _judge_relation(reading, derived: sp.Eq, cmp, notes) -> Verdict:
    """A relation (γ = ηλ) against a derived one: solved for the same symbol, compared."""
    sym = derived.lhs
    sides = [s for s in reading.sides if s is not None]
    if len(sides) != 2:
        return Verdict(UNDECIDED, "a relation with two sides is expected", notes=tuple(notes))
    names = {str(s): s for s in sides[0].free_symbols | sides[1].free_symbols}
    target = names.get(str(sym), sym)
    sols = sp.solve(sp.Eq(sides[0], sides[1]), target, dict=True)
    if len(sols) != 1:
        return Verdict(
            NOT_EQUIVALENT,
            f"the relation does not determine {sym} (it gives {len(sols)} values)",
            notes=tuple(notes),
        )
    value = sols[0][target].xreplace({v: names.get(str(v), v) for v in ()})
    renamed = value.xreplace(
        {s: t for s in value.free_symbols for t in derived.rhs.free_symbols if str(s) == str(t)}
    )
    v = compare(renamed, derived.rhs, cmp)
    from dataclasses import replace

    name = sp.pretty(sp.Symbol(str(sym).lstrip("\\")), use_unicode=True)
    return replace(v, reason=f"solved for {name}: " + v.reason, notes=tuple(notes))


def _tensor_notation(side) -> bool:
    """∂f/∂ỹ · ∂ỹ/∂W: derivatives of or by a whole vector/matrix (no index)."""
    from .read import WholeDerivative

    if side.atoms(WholeDerivative):
        return True
    for d in side.atoms(sp.Derivative):
        if isinstance(d.expr, sp.IndexedBase) and not isinstance(d.variables[0], sp.Indexed):
            return True
        if isinstance(d.variables[0], sp.IndexedBase):
            return True
    return False


def check_latex(
    problem,
    derivation,
    target_name: str,
    latex: str,
    where=None,
    timeout: float | None = None,
    seed: int = 0,
) -> Verdict:
    """Read ``latex`` and judge it against the target, under a hard time bound."""
    from . import sandbox

    target = problem.target(target_name)
    result = derivation[target_name]
    start = time.perf_counter()
    try:
        v = sandbox.worker().call(
            _read_and_judge, problem, result, target, latex, where, seed,
            timeout=timeout or sandbox.TIMEOUT,
        )  # fmt: skip
    except UnreadableLatexError as exc:
        v = _unreadable(exc)
    except sandbox.Timeout as exc:
        v = Verdict(UNDECIDED, f"timeout: {exc}")
    except sandbox.Crashed as exc:
        v = Verdict(UNDECIDED, f"the check failed: {exc}")
    except SymderivError as exc:
        v = Verdict(UNDECIDED, str(exc))
    from dataclasses import replace

    return replace(v, seconds=time.perf_counter() - start)


def _unreadable(exc: UnreadableLatexError) -> Verdict:
    where = f"at position {exc.position}: " if exc.position is not None else ""
    return Verdict(UNREADABLE, where + exc.detail, position=exc.position)


def _read_and_judge(problem, result, target, latex, where, seed):
    from .read import Notation, read

    try:
        reading = read(latex, Notation.of(problem, where))
    except (TypeError, ValueError, AttributeError, IndexError, KeyError) as exc:
        raise UnreadableLatexError(f"cannot interpret it: {exc}", latex) from None
    try:
        return judge(problem, result, target, reading, seed)
    except (TypeError, ValueError, AttributeError, NotImplementedError) as exc:
        return Verdict(UNDECIDED, f"unsupported: {type(exc).__name__}: {exc}")


def check_claim(problem, derivation, claim, timeout: float | None = None) -> Verdict:
    """Judge one handwritten claim of a problem."""
    if not claim.checkable:
        return Verdict(NOT_CHECKABLE, claim.reason)
    return check_latex(problem, derivation, claim.target, claim.latex, claim.where, timeout)


def equivalent(a, b, assumptions=None, timeout: float | None = None) -> Verdict:
    """Two expressions (SymPy or LaTeX) compared with no problem behind them."""
    from . import sandbox
    from .spec import Problem, Source

    problem = Problem(id="adhoc", title="", source=Source("", ""), statement="")
    start = time.perf_counter()
    try:
        v = sandbox.worker().call(_equivalent, problem, a, b, dict(assumptions or {}),
                                  timeout=timeout or sandbox.TIMEOUT)  # fmt: skip
    except UnreadableLatexError as exc:
        v = _unreadable(exc)
    except sandbox.Timeout as exc:
        v = Verdict(UNDECIDED, f"timeout: {exc}")
    except sandbox.Crashed as exc:
        v = Verdict(UNDECIDED, f"the check failed: {exc}")
    from dataclasses import replace

    return replace(v, seconds=time.perf_counter() - start)


def _equivalent(problem, a, b, assumptions):
    from .read import Notation, read

    names = {}
    ranges = {}
    for key, (lo, hi) in assumptions.items():
        sym = key if isinstance(key, sp.Symbol) else sp.Symbol(str(key), integer=True)
        names[str(sym)] = sym
        ranges[sym] = (sp.sympify(lo, strict=True), sp.sympify(hi, strict=True))
    notation = Notation({}, names)

    def one(x):
        if not isinstance(x, str):
            return sp.sympify(x, strict=True), None  # never a string: strings are LaTeX, read above
        r = read(x, notation)
        if r.assignments or len(r.sides) != 1:
            raise UnreadableLatexError("a relation or assignment; one expression expected", x)
        return r.sides[0], (r.digits if r.approx else None)

    try:
        (ea, digits), (eb, _) = one(a), one(b)
    except (TypeError, ValueError, AttributeError) as exc:
        raise UnreadableLatexError(f"cannot interpret it: {exc}") from None
    # integer symbols the caller did not bound are indices from 1 to 4
    cmp = Comparison(Context(problem), ranges, {}, 0)
    return compare(ea, eb, cmp, digits)


__all__ = [
    "EQUIVALENT",
    "NOT_CHECKABLE",
    "NOT_EQUIVALENT",
    "NUMERIC",
    "UNDECIDED",
    "UNREADABLE",
    "Comparison",
    "Verdict",
    "check_claim",
    "check_latex",
    "compare",
    "equivalent",
    "evaluate_matrix",
    "judge",
]
