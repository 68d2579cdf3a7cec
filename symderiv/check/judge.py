"""Judging answers to a problem's targets: read the LaTeX, resolve derivatives of the
problem's quantities, compare every side, bounded in time and memory in a forked worker."""

from __future__ import annotations

import re
import time
from dataclasses import replace

import sympy as sp
from sympy.core.function import AppliedUndef

from ..engine import numeric
from ..engine.calculus import Context
from ..errors import SymderivError, UnreadableLatexError
from ..ops.printer import latex as tex
from ..spec import Problem, Source
from . import sandbox
from .decide.compare import compare
from .decide.prepare import (
    derive_earlier,
    derived_names,
    exact_decimals,
    judge_tuple,
    overlapping_cases,
    range_mismatch,
    recurrence_state,
    restates,
)
from .decide.regions import read_region, region_of
from .decide.tests import Comparison
from .decide.value import (
    bound_sums,
    by_entries,
    derived_form,
    entry_label,
    reading_names,
    side_value,
    whole_gradients,
)
from .read.answer import EntryOf, WholeDerivative, read, read_once
from .read.names import foreign_names, known_names, nearest
from .read.notation import (
    WHOLE_RANGE,
    Notation,
)
from .verdict import (
    EQUIVALENT,
    NOT_CHECKABLE,
    NOT_EQUIVALENT,
    NUMERIC,
    SEVERITY,
    TIMEOUT,
    UNDECIDED,
    UNREADABLE,
    Decided,
    ShapeError,
    Verdict,
    read_as,
)


def judge(problem, result, target, reading, seed: int = 0, region=None) -> Verdict:
    """Judge every side of a reading (``a = b = c``) against a derived result; ``region``
    (a condition on the target's variable, given by the grader): judged there only."""
    ctx = Context(problem, target.sizes)
    texpr = target.expr.xreplace(ctx.sizes)
    ranges = ctx.ranges(texpr)
    sizes = dict(ctx.sizes) or numeric.default_sizes(problem)
    cmp = Comparison(ctx, ranges, sizes, seed)
    cmp.symbolic_sizes = not ctx.sizes  # the sizes tested at are a choice: try others too
    derived = derived_form(result, target, ctx, sizes, region)
    unknowns = getattr(target.expr, "unknowns", None)
    if reading.assignments:
        if isinstance(derived, sp.logic.boolalg.Boolean):
            return _judge_membership(reading.assignments, derived)
        if isinstance(derived, sp.Tuple) and unknowns:  # w_1 = w_2 = -2, b = 3
            return judge_tuple(dict(reading.assignments), derived, unknowns, cmp)
        return Verdict(UNDECIDED, "an assignment of values; this target asks for an expression")
    if isinstance(derived, sp.Tuple) and len(reading.sides) == 2:  # (w_1, w_2, b) = (…)
        names, values = reading.sides
        if isinstance(names, sp.Tuple) and isinstance(values, sp.Tuple) and unknowns:
            if len(names) != len(values):
                return Verdict(NOT_EQUIVALENT, f"{len(names)} names, {len(values)} values")
            return judge_tuple(dict(zip(names, values)), derived, unknowns, cmp)
    if isinstance(derived, sp.Tuple) and reading.sides and isinstance(reading.sides[-1], sp.Tuple):
        return judge_tuple(dict(zip(derived_names(derived), reading.sides[-1])), derived,
                            derived_names(derived), cmp, len(reading.sides[-1]))  # fmt: skip
    sides = list(enumerate(reading.sides))
    notes = [f"side {n}: not read ({msg})" for n, msg in reading.unread]
    first = sides[0][1] if sides else None
    if target.as_matrix and len(sides) > 1 and (idx := entry_label(first, target)):
        sides = [sides[0]] + [
            (n, s if isinstance(s, EntryOf) else EntryOf(s, *idx)) for n, s in sides[1:]
        ]  # ∂L/∂w_i = …: each side its entry (i)
    written = reading.texts[0] if reading.texts else ""
    if len(sides) > 1 and (
        _is_label(first)
        or _same_quantity(first, result.lhs)
        or re.sub(r"\s+", "", written) == re.sub(r"\s+", "", result.tex["lhs"])  # x * h = …
    ):
        sides = sides[1:]  # the left side names the quantity; the rest are the answer
        # f_Y(y) = … declares its own variable: read it as the result's (f_Y(u))
        rename = _own_variable(first, result.lhs, target, derived)
        if rename:
            sides = [(n, side.xreplace(rename)) for n, side in sides]
    if isinstance(derived, sp.Eq):
        bounded_sides = [bound_sums(x, ctx) if isinstance(x, sp.Basic) and x.has(WHOLE_RANGE)
                         else x for x in reading.sides]  # fmt: skip
        if any(isinstance(x, sp.Basic) and x.has(WHOLE_RANGE) for x in bounded_sides):
            return Verdict(UNDECIDED, "a sum without bounds over an index of no known range")
        v = _judge_relation(replace(reading, sides=tuple(bounded_sides)), derived, cmp, notes)
        sides = [
            x for x in bounded_sides if isinstance(x, sp.Basic) and not _accent_of(x, derived.lhs)
        ]
        return _foreign(v, sides, problem, derived, notes=v.notes) or v
    judged = []
    for n, side in sides:
        side = whole_gradients(side, ctx)
        if isinstance(side, sp.Basic) and side.has(WHOLE_RANGE):
            side = bound_sums(side, ctx)
            if side.has(WHOLE_RANGE):
                notes.append(f"side {n}: a sum without bounds over an index of no known range")
                continue
        if _tensor_notation(side):
            notes.append(f"side {n}: a chain rule between whole vectors/matrices, not judged")
        elif said := recurrence_state(side, target):
            notes.append(f"side {n}: written with {said} of the recurrence, not judged")
        elif target.as_matrix and (said := range_mismatch(side, ctx)):  # x_n: a row of X?
            notes.append(f"side {n}: {said}; not judged")
        else:
            judged.append((n, side))
    if not judged:
        return Verdict(UNDECIDED, "nothing to judge: " + "; ".join(notes), notes=tuple(notes))
    if judged[-1][0] == len(reading.sides) - 1 and (said := restates(judged[-1][1], target)):
        why = f"the answer is written in terms of ${said}$, the derivative asked for"
        return Verdict(UNDECIDED, why + "; not judged", notes=tuple(notes))
    verdicts = []
    for n, side in judged:
        last = n == len(reading.sides) - 1
        try:
            value = side_value(side, problem, target, ctx, ranges, sizes, derived)
            value, versus = by_entries(value, derived, ctx, sizes, ranges)  # (Xᵀr)_i
            if reading.decimals and not (reading.approx and last) and isinstance(value, sp.Expr):
                value, read_as = exact_decimals(value, derived, reading.decimals)
                notes += read_as
            digits = reading.digits if reading.approx and last else None
            against, said = region_of(value, versus, target, region)  # "… for n ≥ L": there only
            notes += said
            v = compare(value, against, cmp, digits)
            if v.status in (EQUIVALENT, NUMERIC) and (o := overlapping_cases(side, cmp)):
                v = o  # right only if its rows are read in order: not ours to decide
        except ShapeError as exc:
            v = Verdict(NOT_EQUIVALENT, f"shape: the answer {exc}")
        except Decided as d:
            v = d.verdict
        verdicts.append(replace(v, side=n if len(reading.sides) > 1 else None))
    # the worst side decides; among equals, the last (the final answer) is reported
    worst = min(reversed(verdicts), key=lambda v: SEVERITY.index(v.status))
    foreign = _foreign(worst, [s for _, s in judged], problem, derived, result.lhs, notes=notes)
    return foreign or replace(worst, notes=tuple(notes))


def _foreign(v, sides, problem, *results, notes=()) -> Verdict | None:
    """A refutation that would rest on a random value of a name nobody defined (x̄ where the
    problem has μ̂): undecided instead, naming the name and the nearest one defined."""
    if v.status != NOT_EQUIVALENT:
        return None
    known = known_names(problem, *results)
    new = sorted({f for side in sides for f in foreign_names(side, known)})
    if not new:
        return None
    said = ", ".join(_tex(f) for f in new if "Xi_{9" not in f) or "a part it lifted"
    what, it = ("new quantities", "them") if len(new) > 1 else ("a new quantity", "it")
    near = [(f, m) for f in new if (m := nearest(f, known))]
    hint = "".join(f" (did you mean {_tex(m)} for {_tex(f)}?)" for f, m in near[:2])
    return Verdict(
        UNDECIDED,
        f"reads {said} as {what}: the problem does not define {it}{hint}; not judged",
        notes=tuple(notes),
    )


def _tex(name: str) -> str:
    """A name as the reader spells it (hat{y}, Phi), as LaTeX again ($\\hat{y}$, $\\Phi$)."""
    if re.match(r"[A-Za-z]{2,}", name):
        name = "\\" + name
    return f"${name}$"


def _own_variable(label, lhs, target, derived) -> dict:
    """{v: u} when the answer's label is f(v) and the result is a function of one variable u
    (f_Y(u)) that the answer calls v: f_Y(y) = … declares its own variable. Only when v is
    not a quantity of the derived result itself."""
    if not (isinstance(label, AppliedUndef) and len(label.args) == 1 and label.args[0].is_Symbol):
        return {}
    u = target.variable
    if u is None and isinstance(lhs, sp.Basic) and lhs.args and lhs.args[-1].is_Symbol:
        u = lhs.args[-1]
    v = label.args[0]
    free = derived.free_symbols if isinstance(derived, sp.Basic) else set()
    if u is None or v == u or u not in free or v in free:
        return {}
    return {v: u}


def _judge_membership(assignments, derived) -> Verdict:
    """Values (w_1 = w_2 = −2, b = 3) against a derived set of conditions: each checked."""
    by_name = {tex(k): v for k, v in assignments}
    indexed = derived.atoms(sp.Indexed)
    inside = set().union(*(i.free_symbols for i in indexed)) if indexed else set()
    symbols = {tex(s): s for s in indexed | (derived.free_symbols - inside)}
    missing = sorted(set(symbols) - set(by_name))
    if missing:
        return Verdict(UNDECIDED, "values missing for " + ", ".join(missing))
    at = {symbols[name]: by_name[name] for name in symbols}
    conds = derived.args if isinstance(derived, sp.And) else (derived,)
    for c in conds:
        if c.xreplace(at) is not sp.true:
            return Verdict(
                NOT_EQUIVALENT,
                f"the values break the condition {tex(c)}",
                witness={"condition": tex(c), "left side": str(c.lhs.xreplace(at))},
            )
    shown = ", ".join(f"{k} = {v}" for k, v in by_name.items())
    return Verdict(EQUIVALENT, f"membership: {shown} satisfies all {len(conds)} conditions")


def _same_quantity(side, lhs) -> bool:
    """Is the left side the target's own left side written out (y_2(n) − y(n − 5) = 0)?"""
    try:
        return isinstance(side, sp.Basic) and sp.expand(side - lhs) == 0
    except (TypeError, ValueError):
        return False


def _is_label(side) -> bool:
    """A left side that names the quantity (∂y_k/∂W_ij, y(n), f(3), m_t), not an answer."""
    if side is None:
        return True
    if side.has(sp.Derivative) and not side.has(sp.Piecewise):
        return True
    if any(
        str(getattr(a, "label", a)).startswith("nabla") for a in side.atoms(sp.Symbol, sp.Indexed)
    ):
        return True  # ∇_w L, ∇²_w ℓ: the gradient or Hessian named
    if isinstance(side, sp.Limit):  # lim_{t→∞} v_t = …: the limit named
        side = side.args[0]
    return isinstance(side, sp.Indexed | sp.Symbol | AppliedUndef)


def _accent_of(side, sym) -> bool:
    """Is ``side`` the quantity ``sym`` with a hat, tilde or bar (σ̂² for σ², μ̂ for μ)?"""
    if not isinstance(side, sp.Expr) or not side.free_symbols:
        return False
    bare = {}
    for s in side.free_symbols:
        m = re.fullmatch(r"\\?(?:hat|tilde|bar|widehat)\{(.+)\}", s.name)
        if m is None:
            return False
        bare[s] = sp.Symbol(m.group(1))
    shown = sp.latex(side.xreplace(bare))
    return shown.replace(" ", "") == str(sym).replace(" ", "")


def _judge_relation(reading, derived: sp.Eq, cmp, notes) -> Verdict:
    """A relation (γ = ηλ) against a derived one: solved for the same symbol, compared."""
    sym = derived.lhs
    sides = [s for s in reading.sides if s is not None]
    if (
        len(sides) == 1
        and isinstance(sides[0], sp.Expr)
        and str(sym) not in {str(s) for s in sides[0].free_symbols}
    ):  # a bare value answers "which γ": read as γ = value
        sides = [sym, sides[0]]
        notes = [*notes, f"read as {sp.pretty(sp.Symbol(str(sym).lstrip(chr(92))))} = the answer"]
    if len(sides) != 2:
        return Verdict(UNDECIDED, "a relation with two sides is expected", notes=tuple(notes))
    if _accent_of(sides[0], sym):  # σ̂² = …: the estimate of σ² named, the left side a label
        sides = [sym, sides[1]]
    names = {str(s): s for s in sides[0].free_symbols | sides[1].free_symbols}
    target = names.get(str(sym), sym)
    if target not in sides[0].free_symbols | sides[1].free_symbols:
        return Verdict(
            UNDECIDED,
            f"the relation does not mention {sym}, the quantity it should determine",
            notes=tuple(notes),
        )
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
    from ..ops.plaintext import text

    name = text(str(sym))  # σ², not SymPy's σ__{2}
    return replace(v, reason=f"solved for {name}: " + v.reason, notes=tuple(notes))


def _tensor_notation(side) -> bool:
    """∂f/∂ỹ · ∂ỹ/∂W: derivatives of or by a whole vector/matrix (no index)."""
    if side.atoms(WholeDerivative):
        return True
    for d in side.atoms(sp.Derivative):
        if isinstance(d.expr, sp.IndexedBase) and not isinstance(d.variables[0], sp.Indexed):
            return True
        if isinstance(d.variables[0], sp.IndexedBase):
            return True
    return False


#: what SymPy raises where it reaches its limits
_SYMPY_LIMITS = (ArithmeticError, LookupError, NotImplementedError, RecursionError, TypeError,
                 ValueError, AttributeError)  # fmt: skip


def bounded(fn, *args, timeout: float | None = None) -> Verdict:
    """Run one check ``fn(*args) -> Verdict`` in the forked worker under the time and memory
    bounds; every way it can end is a verdict, timed."""
    start = time.perf_counter()
    try:
        v = sandbox.worker().call(fn, *args, timeout=timeout or sandbox.TIMEOUT)
    except UnreadableLatexError as exc:
        v = _unreadable(exc)
    except sandbox.Timeout as exc:
        v = Verdict(TIMEOUT, f"timeout: {exc}")
    except sandbox.Crashed as exc:
        v = Verdict(UNDECIDED, f"the check failed: {exc}")
    except SymderivError as exc:
        v = Verdict(UNDECIDED, str(exc))
    except _SYMPY_LIMITS as exc:  # named, never a verdict
        v = Verdict(UNDECIDED, f"the check failed ({type(exc).__name__}: {exc})"[:300])
    return replace(v, seconds=time.perf_counter() - start)


def check_latex(
    problem,
    derivation,
    target_name: str,
    latex: str,
    where=None,
    timeout: float | None = None,
    seed: int = 0,
    region=None,
) -> Verdict:
    """Read ``latex`` and judge it against the target, under a hard time bound; ``region``
    (``'n >= L'``, LaTeX or plain, or a SymPy condition): judged on that region only."""
    target = problem.target(target_name)
    result = derivation[target_name]
    derive_earlier(problem, target, latex)
    if isinstance(region, str):  # (the grader's: an error here is theirs to fix, at once)
        region = read_region(region, target, lambda text: read_once(problem, text, {}))
    args = (problem, result, target, latex, where, seed, region)
    v = bounded(_read_and_judge, *args, timeout=timeout)
    said = v.reason.startswith("shape") and not target.as_matrix
    if v.status == NOT_EQUIVALENT and not said:  # (a shape: already its own diagnosis)
        v = _with_diagnosis(v, problem, result, target, latex, where, seed, timeout)
    return v


def _with_diagnosis(v: Verdict, problem, result, target, latex, where, seed, timeout) -> Verdict:
    """The named mistake a wrong answer equals, found in a bounded call of its own (its
    candidates are counted, so the same answer always gets the same diagnosis). One that
    runs past the hard time bound, a safety net, makes the verdict ``timeout``: flagged
    for review, never a diagnosis that depends on how busy the machine was."""
    start, status, reason = time.perf_counter(), v.status, v.reason
    try:
        from .diagnose.answer import diagnose_answer  # (a wrong answer's second reading)

        found = sandbox.worker().call(
            diagnose_answer, problem, result, target, latex, where, seed, v.side,
            timeout=timeout or sandbox.TIMEOUT,
        )  # fmt: skip
    except sandbox.Timeout as exc:
        found, status = None, TIMEOUT
        reason = f"timeout: not equivalent, but naming the mistake found no end ({exc})"
    except Exception:  # a crash, an error of SymPy's: no diagnosis, the verdict stands
        found = None
    seconds = v.seconds + time.perf_counter() - start
    return replace(v, status=status, reason=reason, diagnosis=found, seconds=seconds)


def _unreadable(exc: UnreadableLatexError) -> Verdict:
    where = f"at position {exc.position}: " if exc.position is not None else ""
    return Verdict(UNREADABLE, where + exc.detail, position=exc.position)


_READ_ERRORS = (TypeError, ValueError, AttributeError, IndexError, KeyError, NotImplementedError)


def _cannot(exc) -> str:
    """What a failure inside the reader says to a student: its parts would not combine, most
    often a relation, a set or a condition where a value belongs (SymPy's own words, such
    as "'GreaterThan' object has no attribute …", say nothing to them)."""
    if isinstance(exc, TypeError | AttributeError):
        return (
            "cannot interpret it: its parts do not combine into one value (a relation, "
            "a condition or a list where a value belongs?)"
        )
    return f"cannot interpret it: {exc}"


def _read_and_judge(problem, result, target, latex, where, seed, region=None):
    try:
        reading = read_once(problem, latex, reading_names(problem, result, target, where))
    except _READ_ERRORS as exc:
        raise UnreadableLatexError(_cannot(exc), latex) from None
    try:
        v = judge(problem, result, target, reading, seed, region)
    except (TypeError, ValueError, AttributeError, NotImplementedError) as exc:
        v = Verdict(UNDECIDED, f"unsupported: {type(exc).__name__}: {exc}")
    return replace(v, reading=read_as(reading))


def check_claim(problem, derivation, claim, timeout: float | None = None) -> Verdict:
    """Judge one handwritten claim of a problem."""
    if not claim.checkable:
        return Verdict(NOT_CHECKABLE, claim.reason)
    return check_latex(problem, derivation, claim.target, claim.latex, claim.where, timeout)


def check_claims(problem, derive, timeout: float | None = None) -> list:
    """Judge every handwritten claim; ``derive(names)`` gives the derivation of the targets
    the claims answer. Returns ``[(claim, Verdict), …]``."""
    names = sorted({c.target for c in problem.claims if c.checkable})
    derivation = derive(names) if names else None
    return [(c, check_claim(problem, derivation, c, timeout)) for c in problem.claims]


def equivalent(a, b, assumptions=None, timeout: float | None = None) -> Verdict:
    """Two expressions (SymPy or LaTeX) compared with no problem behind them."""
    problem = Problem(id="adhoc", title="", source=Source("", ""), statement="")
    return bounded(_equivalent, problem, a, b, dict(assumptions or {}), timeout=timeout)


def _equivalent(problem, a, b, assumptions):
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
        raise UnreadableLatexError(_cannot(exc)) from None
    # one quantity per name, whatever assumptions the caller's symbols carry (x and
    # Symbol("x", real=True) are the same x): real unless bounded as an index above
    ea, eb = _by_name(ea, names), _by_name(eb, names)
    # integer symbols the caller did not bound are indices from 1 to 4
    cmp = Comparison(Context(problem), ranges, {}, 0)
    return compare(ea, eb, cmp, digits)


def _by_name(expr, names: dict):
    """Every plain symbol replaced by the one of its name: a bounded index, else a real."""
    if not isinstance(expr, sp.Basic):
        return expr
    mapping = {
        s: names.get(s.name) or sp.Symbol(s.name, real=True, **_kept_assumptions(s))
        for s in expr.atoms(sp.Symbol)
        if not isinstance(s, sp.Dummy)
    }
    return expr.xreplace(mapping)


def _kept_assumptions(s) -> dict:
    """Integer-ness and sign of a caller's symbol survive; everything else is real."""
    return {k: True for k in ("integer", "positive", "nonnegative") if s.assumptions0.get(k)}
