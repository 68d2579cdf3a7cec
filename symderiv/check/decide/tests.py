"""The comparison tests, each small and named (see ``compare`` for their order): shape,
structural, numeric (with a witness), symbolic (a proof, split on index coincidences)."""

from __future__ import annotations

import contextlib
import signal
import threading

import sympy as sp

from ...engine import numeric
from ...engine.calculus import Context, collapse_deltas
from ...engine.points import PAIR_INSTANCES, pairs_pending, seen_at_point
from ...engine.sequences import constant_sequences
from ...ops.printer import latex
from .. import work
from ..verdict import EQUIVALENT, NOT_EQUIVALENT, UNDECIDED, Verdict
from ..work import remembered
from . import probe
from .cases import index_cases
from .combos import unseen_case, with_edges
from .entries import out_of_range, within_ranges
from .regions import equal_by_regions
from .zero import by_definitions, canonical_sums, plain, simplifies_to_zero, zero_at_once

#: random points per index combination in the numeric test (at least MIN_NUMERIC in all)
MIN_NUMERIC = 12
#: points of the quick numeric screen that runs before a symbolic proof is attempted
SCREEN = 4
#: two values are equal when they differ by less than this, relative to their size, plus
#: ATOL: far below any difference an answer can make (RIGHT + 10⁻²⁰ is refuted), far above
#: the noise of 60-digit arithmetic and of the central differences behind an upstream
#: gradient (good to about 10⁻⁴⁰, ``numeric.STEP``)
RTOL = 1e-30
ATOL = 1e-30
#: integer combinations the full numeric test walks exhaustively (beyond: a sample that keeps
#: every coincidence pattern)
EXHAUSTIVE = 400


# -- the comparison context ---------------------------------------------------------------


class Comparison:
    """What a comparison needs to know: definitions, index ranges, sizes to test at."""

    def __init__(self, ctx: Context, ranges: dict, sizes: dict, seed: int = 0):
        self.ctx = ctx
        self.ranges = ranges
        self.sizes = {k: sp.Integer(v) for k, v in sizes.items()}
        self.seed = seed
        #: the problem's sizes are symbolic (the sizes are only where it is tested)
        self.symbolic_sizes = False

    def at_sizes(self, sizes: dict) -> Comparison:
        """The same comparison at other sizes."""
        return Comparison(self.ctx, self.ranges, sizes, self.seed)

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

    def stated_range(self, s):
        """The range of the index ``s`` where it indexes a quantity (1..size), or None: a
        spec's ``domains`` are where answers are *tested* (n = −3…14), no proof rests on
        them."""
        return self.ranges.get(s)


def _symbols(e) -> set:
    if isinstance(e, sp.MatrixBase):
        out = set()
        for x in e:
            out |= _symbols(x)
        return out
    return set(_free_symbols(e))


@remembered()
def _free_symbols(e) -> frozenset:
    """Free symbols, a derivative's variables' included, summation indices not (remembered:
    each test of a comparison asks again, and every answer to a target about the same
    derived result)."""
    out = set(e.free_symbols)
    for d in e.atoms(sp.Derivative):
        for v in d.variables:
            out |= v.free_symbols
    return frozenset(out - {lim[0] for s in e.atoms(sp.Sum) for lim in s.limits})


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


def _fmt(v, digits: int = 6) -> str:
    if isinstance(v, sp.Integer | int):
        return str(v)
    try:
        f = float(v) if digits <= 15 else sp.N(v, digits)
    except (TypeError, ValueError):
        return str(v)
    return f"{f:.{digits}g}" if digits <= 15 else str(f)


def _fmt_apart(a, b) -> tuple[str, str]:
    """Two different values printed with enough figures to tell them apart."""
    for digits in (6, 10, 15, 20, 30, 40, 50):
        fa, fb = _fmt(a, digits), _fmt(b, digits)
        if fa != fb:
            break
    return fa, fb


def numeric_test(
    claimed,
    derived,
    cmp: Comparison,
    tol=None,
    points: int = MIN_NUMERIC,
    confirm=True,
    walk: int = EXHAUSTIVE,
    refute_only: bool = False,
):
    """Evaluate both at many points; a mismatch is a counterexample. Returns (verdict, n).
    ``confirm=False``: a mismatch is not evaluated again by a second path (the diagnosis
    only asks whether two expressions differ, and reports no witness).

    Index combinations cover every coincidence pattern first (i = k, i ≠ k, …)."""
    idx = cmp.index_symbols(claimed, derived)
    ranges = {s: cmp.range_of(s) for s in idx}
    # the full test walks every integer combination of a small domain (a sampled n could
    # miss the one branch that is wrong); the quick screen samples
    limit = walk if points >= MIN_NUMERIC else max(points, 4)
    combos = numeric.index_combos(idx, ranges, cmp.sizes, cmp.seed, limit=limit)
    if limit < walk:  # the screen: each case's edges too
        combos = with_edges(combos, claimed, derived, ranges, cmp.sizes)
    per = max(1, -(-points // max(1, len(combos))))  # at least ``points`` in all
    count = 0
    constant = {}
    if claimed.has(sp.Limit) or derived.has(sp.Limit):
        # a limit over n of a mean of a sequence: take every sequence constant (∂L/∂y_j = c)
        claimed, derived, constant = constant_sequences(claimed, derived, cmp.ctx, perturbed=True)
    kinks: dict = {}  # a branch point of either side → the signs seen at compared points
    # both sides are evaluated at a combination's index values, never substituted with them
    # (a third of the test's time went to SymPy rebuilding the trees); substituted only where
    # a tree at the combination is needed: the answer's entries checked, a witness confirmed
    subst: dict = {}  # combination → both sides substituted, built when first needed
    checked = set(range(len(combos))) if within_ranges(claimed, ranges, cmp) else set()

    def substituted(c):
        if c not in subst:
            subst[c] = (claimed.xreplace(combos[c]), derived.xreplace(combos[c]))
        return subst[c]

    patterns: dict = {}  # two branch points → their sign patterns seen together
    full = confirm and points >= MIN_NUMERIC

    def more(r) -> bool:
        if r < per:
            return True
        if any(len(v) < 2 for v in kinks.values()):
            return r < KINK_ROUNDS
        return full and r < PAIR_INSTANCES and pairs_pending(patterns)

    def instances():
        r, inst = 0, None
        while more(r):
            here: dict = {}  # the sides of the branch points at this instance's point
            inst = numeric.Instance(cmp.ctx, cmp.sizes, seed=cmp.seed + 104729 * r, kinks=here)
            r += 1
            yield inst
            seen_at_point(here, kinks, patterns)
        if kinks and inst is not None and confirm and points >= MIN_NUMERIC:
            pairs = [substituted(c) for c in range(min(4, len(combos)))]
            yield from _beside_kinks(inst, pairs, kinks)

    for inst in instances():
        for c, combo in enumerate(combos):
            if c not in checked:
                checked.add(c)
                stray = out_of_range(substituted(c)[0], cmp.ctx, cmp.sizes)
                if stray is not None:
                    return Verdict(
                        NOT_EQUIVALENT,
                        f"the answer uses {latex(stray)}, outside the entries the problem has",
                        witness={"at": {str(k): v for k, v in combo.items()}, "uses": latex(stray)},
                    ), count
            va, vb, a, b = _values(inst, claimed, derived, combo, lambda c=c: substituted(c))
            va, vb = sp.N(va, numeric.PREC), sp.N(vb, numeric.PREC)  # exp(2·(−1.26)) left
            if not (va.is_number and vb.is_number):
                free = sorted(str(s) for s in (va.free_symbols | vb.free_symbols))
                return Verdict(
                    UNDECIDED, f"numeric: cannot evaluate (free: {', '.join(free)})"
                ), count
            if va is sp.nan and vb.is_finite and _uncovered(inst, claimed, combo):
                at = {str(k): v for k, v in combo.items()}
                at.update(_shown_atoms(claimed, derived, combo, inst))
                return Verdict(
                    NOT_EQUIVALENT,
                    "numeric: the answer gives no value at a point (none of its cases applies)",
                    witness={"at": at, "claimed": "no case applies", "derived": _fmt(vb)},
                ), count
            if va.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or vb.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
                continue  # a pole of either side: not a point to compare at
            if va.has(sp.I) or vb.has(sp.I):
                continue  # outside the real domain (√ of a negative v₀): no witness there
            count += 1
            # evaluated again: a product of Floats left unevaluated inside |…| is no number
            err = sp.N(abs(va - vb), numeric.PREC)
            # relative to the values themselves: 10^{-4} is no answer for 9.99999967·10^{-5}
            bound = sp.N(
                tol if tol is not None else RTOL * max(abs(va), abs(vb)) + ATOL, numeric.PREC
            )
            if not (err.is_comparable and bound.is_comparable):
                return Verdict(UNDECIDED, "numeric: a value did not evaluate to a number"), count
            if err > bound and not confirm:
                return Verdict(NOT_EQUIVALENT, "numeric: the two sides differ"), count
            if err > bound:
                ca, cb = substituted(c)
                if a is None:  # confirmed on each quantity's own unfolding, or the whole
                    a, b = inst.by_nodes(ca), inst.by_nodes(cb)
                if a is None or b is None:
                    a, b = inst.unfold(ca), inst.unfold(cb)
                    inst.draw_leaves(a), inst.draw_leaves(b)  # (no compiling: not evaluated)
                if not _reproduces(a, b, inst.point, bound):
                    return Verdict(
                        UNDECIDED,
                        "numeric: the two sides seemed to differ at a point, but a second, "
                        "independent evaluation does not confirm it",
                    ), count
                at = {str(k): v for k, v in combo.items()}
                shown = _shown_atoms(claimed, derived, combo, inst)
                at.update(shown)
                shown_a, shown_b = _fmt_apart(va, vb)
                witness = {"at": at, "claimed": shown_a, "derived": shown_b}
                if constant:
                    witness["sequences"] = {
                        name: f"{_fmt(inst.value(c))} for every j but j = 1, 2, which are "
                        f"{_fmt(inst.value(c + d1))}, {_fmt(inst.value(c + d2))}"
                        for name, (c, d1, d2) in constant.items()
                    }
                functions = inst.functions_of(ca, cb)
                if functions:
                    witness["functions"] = {
                        f"{f}({', '.join(map(str, lam.variables))})": str(lam.expr)
                        for (f, _), lam in functions.items()
                    }
                return Verdict(
                    NOT_EQUIVALENT, "numeric: the two sides differ at a point", witness=witness
                ), count
    if refute_only:  # (every case and branch point was seen elsewhere: a witness or nothing)
        return None, count
    if count == 0:
        return Verdict(UNDECIDED, "numeric: no point where both sides are defined"), 0
    if full:  # a condition over integers never seen both ways: no evidence for its other side
        case = unseen_case(claimed, derived, combos, cmp.sizes, cmp.ranges)
        if case is not None:
            never = (
                f"the sum's range {latex(case)} was empty at every point"
                if getattr(case, "_symderiv_range", False)
                else f"the case {latex(case)} was never reached both ways by the indices"
            )
            why = f"numeric: equal at {count} points, but {never} tested"
            return Verdict(UNDECIDED, why), count
    unseen = sorted((latex(k) for k, v in kinks.items() if len(v) < 2), key=len)
    if unseen:  # equal only on one side of a ReLU/indicator is no evidence for the other
        return Verdict(
            UNDECIDED,
            f"numeric: equal at {count} points, but {unseen[0]} was never seen on both sides",
        ), count
    return None, count


def _beside_kinks(inst, pairs, kinks):
    """Points just beside each branch point that only one side has (see ``probe``)."""
    one_sided: set = set()
    for ca, cb in pairs:
        one_sided |= probe.kinks_of(inst, [ca]) ^ probe.kinks_of(inst, [cb])
    return probe.probe_instances(inst, sorted(one_sided, key=sp.default_sort_key), kinks)


def _values(inst, claimed, derived, combo, substituted):
    """(value of each side at ``combo``, and their unfoldings or None): by the interpreter
    (the forward computation walked node by node, branch points recorded), else by unfolding
    both sides, ``substituted()`` with the combination, into SymPy expressions of leaves."""
    try:
        with numeric.interpret.errors_as_unsupported():
            va = numeric.interpret.evaluate(inst, claimed, record_kinks=True, at=combo)
            vb = numeric.interpret.evaluate(inst, derived, record_kinks=True, at=combo)
        return va, vb, None, None
    except numeric.interpret.Unsupported:
        ca, cb = substituted()
        a, b = inst.unfold(ca), inst.unfold(cb)
        va, vb = inst.value(a), inst.value(b)
        _record_kinks(inst, a, b, inst.kinks)
        return va, vb, a, b


def _uncovered(inst, claimed, combo) -> bool:
    """Is ``claimed`` undefined at the point only because none of its cases applies (a cases
    answer without the branch for n < 0), not because of a pole?"""
    open_cases = [p for p in claimed.atoms(sp.Piecewise) if p.args[-1].cond is not sp.true]
    if not open_cases:
        return False
    closed = claimed.xreplace({p: sp.Piecewise(*p.args, (0, True)) for p in open_cases})
    v = inst.value(inst.unfold(closed.xreplace(combo)))
    return v.is_number and v.is_finite is True


#: random instances tried, at most, to see every branch point of an answer on both sides
KINK_ROUNDS = 24


def _record_kinks(inst, a, b, kinks: dict) -> None:
    """The sign, at this point, of every branch point (ReLU, indicator, |·|, a Piecewise
    condition) of either side that depends on a real quantity (branches over integers are
    walked by the index combinations)."""
    for e in (a, b):
        for k in inst.model.kinks(e):
            side = inst.value(k)
            if side.is_comparable and side != 0:
                kinks.setdefault(k, set()).add(bool(side > 0))


def _reproduces(a, b, point, bound) -> bool:
    """Does the difference at a witness survive a second evaluation by another path? The
    first is the expression compiled to mpmath at 60 digits; this one substitutes the point
    (values as exact rationals) into the SymPy tree and evaluates it by SymPy's own evalf at
    80 digits. A witness that does not reproduce is never reported."""
    exact = {k: sp.Rational(v) if v.is_Float else v for k, v in point.items()}  # exactly
    try:
        va = sp.N(sp.sympify(a).xreplace(exact), 80)
        vb = sp.N(sp.sympify(b).xreplace(exact), 80)
    except (TypeError, ValueError, ZeroDivisionError, AttributeError):
        return False
    if not (va.is_number and vb.is_number) or va.has(sp.nan, sp.zoo) or vb.has(sp.nan, sp.zoo):
        return False
    return bool(abs(va - vb) > bound)


def _shown_atoms(claimed, derived, combo, inst) -> dict:
    """Values of the quantities written in the expressions (ỹ_1, x_2, …) at the witness."""
    out = {}
    for size, value in inst.sizes.items():
        if any(size in _symbols(e) for e in (claimed, derived)):
            out[latex(size)] = str(value)
    for e in (derived.xreplace(combo), claimed.xreplace(combo)):
        e = numeric.expand_sums(e.xreplace(inst.sizes))
        for a in sorted(inst.ctx.atoms_of(e), key=sp.default_sort_key):
            if isinstance(a, sp.Indexed) and not all(i.is_Integer for i in a.indices):
                continue
            if a.is_Symbol and (
                a.is_integer or a in combo or a.name.startswith(("c_", "d1_", "d2_"))
            ):
                continue
            name = latex(a)
            if name not in out and len(out) < 24:  # enough to reproduce a small case
                with contextlib.suppress(TypeError, ValueError, ArithmeticError, KeyError):
                    out[name] = _fmt(inst.evaluate(a))
    return out


# -- 4. symbolic ---------------------------------------------------------------------------


#: Python calls a symbolic proof may make before the numeric test decides: work, not seconds,
#: so that whether an answer is proved (``equivalent``) or only agrees at every point
#: (``equivalent-numerically``) is the same on every run, busy machine or not (``work``).
#: Of the student corpus's proofs, the largest that succeeded made 832,000 calls, and the
#: same proof's count varies by at most 1.45× from run to run (SymPy's own state): 3× over
#: both. A proof that fails stops here (``simplify`` can run for minutes)
PROOF_WORK = 2_500_000
#: Counting every call makes SymPy about twice as slow, so a proof is first tried uncounted
#: for at most this long. Whatever that attempt settles is what the counted one would:
#: finished with a proof, it made fewer than PROOF_WORK calls (at 10 million calls a second,
#: three times this machine's rate, 0.2 s is 2 million); finished without one, no budget
#: changes that. Only an attempt cut short by the clock goes on to the counted one, which
#: decides alone. So the verdict is the counted one's on any machine, and the clock only
#: spares the count where it cannot change the outcome
QUICK_SECONDS = 0.2


class _OutOfTime(Exception):
    pass


@contextlib.contextmanager
def _quick(seconds: float):
    """Raise ``_OutOfTime`` inside the block after ``seconds`` (main thread, no timer of
    someone else's running); elsewhere, no bound."""
    usable = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    def ring(*_):
        raise _OutOfTime

    old = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def symbolic_test(claimed, derived, cmp: Comparison):
    """A proof that the two are equal (in every index case), or None: none found within
    ``PROOF_WORK`` calls (first uncounted, for at most ``QUICK_SECONDS``: see there)."""
    try:
        with _quick(QUICK_SECONDS):
            return _symbolic(claimed, derived, cmp)
    except _OutOfTime:
        pass
    try:
        with work.budget(PROOF_WORK):
            with work.uncounted:  # the same objects, but none of the facts a proof before
                claimed, derived = work.fresh((claimed, derived))  # this one learned of them
            return _symbolic(claimed, derived, cmp)
    except work.OutOfWork:
        return None


def _symbolic(claimed, derived, cmp: Comparison):
    idx = cmp.index_symbols(claimed, derived)
    cases = index_cases(idx, claimed, derived, cmp.stated_range)
    if cases is None:
        return None
    claimed = collapse_deltas(claimed, cmp.ranges)  # Σ_j δ_ij f_j = f_i, i in the range of j
    derived = collapse_deltas(derived, cmp.ranges)
    regions, unfolded = 0, False
    for decide in cases:
        a, b = plain(decide(claimed)), plain(decide(derived))
        diff = a - b
        if zero_at_once(diff):
            continue
        if isinstance(a, sp.Piecewise) or isinstance(b, sp.Piecewise):
            # cases: region by region, bounds symbolic, within the indices' stated ranges
            shown = equal_by_regions(a, b, cmp.stated_range)
            if shown:
                regions = max(regions, shown)
                continue
        # in the problem's quantities they may differ only in form (y_k(1 − y_k) against
        # σ'(ỹ_k)): each defined quantity replaced by its definition, level by level
        levels = [plain(ua) - plain(ub) for ua, ub in by_definitions(a, b, cmp.ctx)]
        if any(zero_at_once(d) for d in levels):
            unfolded = True
            continue
        if simplifies_to_zero(diff):
            continue
        if not any(simplifies_to_zero(d) for d in levels):
            return None
        unfolded = True
    n = len(cases)
    if regions:
        each = f"each of the {regions} regions" if regions > 1 else "the one region"
        return Verdict(EQUIVALENT, f"symbolic: equal in {each} of the cases")
    how = (
        f"symbolic: the difference simplifies to 0 in each of {n} index cases"
        if n > 1
        else ("symbolic: the difference simplifies to 0")
    )
    if unfolded:
        how += ", the quantities written by their definitions"
    return Verdict(EQUIVALENT, how)
