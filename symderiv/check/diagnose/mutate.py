"""Mutations of a derived result: the typical mistakes, each named and explained.

A mistake is a small change to the derived SymPy expression (a Kronecker delta dropped, a
factor or a term dropped, β swapped with 1 − β, only the j = i term of a sum kept, a sum's
bound or a branch's boundary off by one, two indices swapped, the sign flipped, a 1/n
or a floor missing). ``diagnose`` matches a wrong answer against them: an answer that agrees with a
mistake at every point of the full numeric test (every index coincidence pattern) gets that
mistake's explanation. An answer that matches none stays plainly not equivalent: nothing is
guessed. A mutation that turns out equal to the result itself is not a mistake and is
dropped (``mistakes(..., cmp)`` decides it by evaluation, never by reading LaTeX). The
mistakes students make (σ for σ', a transposed matrix, ∂L/∂p for ∂L/∂z, …) are in
``mistakes`` (and ``slips``): one mistake is tried before two, the students' before these.
"""

from __future__ import annotations

import itertools

import sympy as sp

from ...engine import numeric
from ..decide.combos import with_edges
from .mistakes import CAUSES, student_mistakes
from .mutation import Mutation, _m, _remember, _same, _x

#: at most this many mutations are generated for one result (the cheapest kinds first)
MAX_MUTATIONS = 60


def _deltas(e):
    for d in sorted(e.atoms(sp.KroneckerDelta), key=sp.default_sort_key):
        a, b = d.args
        yield _m(
            "dropped delta",
            _x(
                "the Kronecker delta ${}$ is missing (the answer is right only for ${} = {}$)",
                d,
                a,
                b,
            ),
            e,
            e.xreplace({d: sp.Integer(1)}),
        )


def _sign(e):
    yield _m("sign", "the sign is flipped", e, -e)


def _factors_and_terms(e):
    """Each factor of a product dropped; each term of a sum dropped (top two levels)."""
    seen = set()
    nodes = [e] + [a for a in e.args if isinstance(a, sp.Add | sp.Mul)]
    for node in nodes:
        if isinstance(node, sp.Mul):
            for f in node.args:
                if f.is_number or f in seen:
                    continue
                seen.add(f)
                rest = node.func(*[a for a in node.args if a is not f])
                yield _m(
                    *(("missing chain factor", _x("the chain rule's factor ${}$ is missing (a "
                       "link of the chain dropped)", f)) if chain_factor(f)
                      else ("dropped factor", _x("the factor ${}$ is missing", f))),
                    e,
                    e.xreplace({node: rest}),
                )  # fmt: skip
        elif isinstance(node, sp.Add) and len(node.args) > 1:
            for t in node.args:
                if t in seen:
                    continue
                seen.add(t)
                rest = node.func(*[a for a in node.args if a is not t])
                yield _m(
                    *(("diagonal term dropped", _x("the diagonal term ${}$ is missing (the "
                       "off-diagonal formula used on the diagonal too)", t))
                      if t.has(sp.KroneckerDelta)
                      else ("dropped term", _x("the term ${}$ is missing", t))),
                    e,
                    e.xreplace({node: rest}),
                )  # fmt: skip


def chain_factor(f) -> bool:
    """A factor that is a link of a chain rule: a derivative (σ'(ỹ_k), ∂f₂/∂ỹ), a ReLU's
    step, an upstream gradient ∂L/∂y_j, or tanh's derivative written 1 − h²."""
    if f.has(sp.Derivative, sp.Subs, sp.Heaviside) or "partial" in str(f):
        return True
    return isinstance(f, sp.Add) and len(f.args) == 2 and sp.S.One in f.args and any(
        isinstance(a, sp.Mul) and a.args[0] == -1 and isinstance(a.args[-1], sp.Pow)
        and a.args[-1].exp == 2 for a in f.args)  # fmt: skip


def _complements(e):
    """β ↔ 1 − β for every symbol that appears as 1 − β (moment coefficients, momentum)."""
    adds = {sp.expand(a) for a in sp.preorder_traversal(e) if isinstance(a, sp.Add)}
    for s in sorted(e.free_symbols, key=sp.default_sort_key):
        if s.is_integer or 1 - s not in adds:
            continue
        yield _m(
            "swapped complement",
            _x("${0}$ and $1 - {0}$ are swapped", s),
            e,
            e.xreplace({s: 1 - s}),
        )


def _sums(e):
    """Only the j = i term kept (for each free index i); a bound one off."""
    free = sorted((s for s in e.free_symbols if s.is_integer), key=sp.default_sort_key)
    for s in sorted(e.atoms(sp.Sum), key=sp.default_sort_key):
        if len(s.limits) != 1:
            continue
        var, lo, hi = s.limits[0]
        for i in free:
            yield _m(
                "diagonal term only",
                _x("only the ${0} = {1}$ term of the sum over ${0}$ is kept", var, i),
                e,
                e.xreplace({s: s.function.xreplace({var: i})}),
            )
        for d, word in ((1, "late"), (-1, "early")):
            yield _m(
                "sum bound",
                _x("the sum over ${}$ ends one term {} (at ${}$)", var, word, hi + d),
                e,
                e.xreplace({s: sp.Sum(s.function, (var, lo, hi + d))}),
            )
            yield _m(
                "sum bound",
                _x(
                    "the sum over ${}$ starts one term {} (at ${}$)",
                    var,
                    "early" if d > 0 else "late",
                    lo - d,
                ),
                e,
                e.xreplace({s: sp.Sum(s.function, (var, lo - d, hi))}),
            )


def _branches(e):
    """A Piecewise: a boundary one off, a branch missing, a branch given another's value or
    its value at the boundary."""
    for pw in sorted(e.atoms(sp.Piecewise), key=sp.default_sort_key):
        pieces = list(pw.args)
        for n, (value, cond) in enumerate(pieces):
            if cond is sp.true:
                continue
            for rel in sorted(cond.atoms(sp.core.relational.Relational), key=sp.default_sort_key):
                for d in (1, -1):
                    moved = rel.func(rel.lhs, rel.rhs + d)
                    new = _put(pieces, n, (value, cond.xreplace({rel: moved})))
                    yield _m(
                        "branch boundary",
                        _x(
                            "the branch ${}$ has its boundary one off (${}$ instead of ${}$)",
                            value,
                            moved,
                            rel,
                        ),
                        e,
                        e.xreplace({pw: sp.Piecewise(*new, evaluate=False)}),
                    )
        for n, (value, cond) in enumerate(pieces):
            where = ("otherwise", ()) if cond is sp.true else ("for ${}$", (cond,))
            if len(pieces) > 1:
                rest = pieces[:n] + pieces[n + 1 :]
                if rest[-1][1] is not sp.true:
                    rest = [*rest, (sp.Integer(0), sp.true)]
                yield _m("missing branch", _x(f"the branch {where[0]} is missing", *where[1]), e,
                         e.xreplace({pw: sp.Piecewise(*rest, evaluate=False)}))  # fmt: skip
            for m, (other, _) in enumerate(pieces):
                if m != n and other != value:
                    new = _put(pieces, n, (other, cond))
                    yield _m(
                        "wrong branch",
                        _x(f"the branch {where[0]} is wrong: it repeats ${{}}$", *where[1], other),
                        e,
                        e.xreplace({pw: sp.Piecewise(*new, evaluate=False)}),
                    )
            yield from _frozen_branch(e, pw, pieces, n)


def _linear_root(expr, var) -> list:
    """[x] where ``expr`` (linear in ``var``, as a boundary n ≥ L − 1 is) vanishes; [] for
    anything else (``sp.solve`` took a tenth of a diagnosis for this)."""
    expr = sp.expand(expr)
    a = expr.coeff(var)
    rest = sp.expand(expr - a * var)
    if a == 0 or a.has(var) or rest.has(var):
        return []
    return [-rest / a]


def _put(pieces: list, n: int, piece) -> list:
    return [*pieces[:n], piece, *pieces[n + 1 :]]


def _frozen_branch(e, pw, pieces, n):
    """The branch's value taken at its boundary (a constant) instead of the tail."""
    value, cond = pieces[n]
    rels = [r for r in cond.atoms(sp.core.relational.Relational)] if cond is not sp.true else []
    for rel in rels:
        var = next(iter(sorted(rel.lhs.free_symbols & value.free_symbols, key=str)), None)
        if var is None or not var.is_integer:
            continue
        for at in _linear_root(rel.lhs - rel.rhs, var):
            edge = value.xreplace({var: at})
            for v in (edge, value.xreplace({var: at - 1}) if len(pieces) > 1 else None):
                if v is None:
                    continue
                new = _put(pieces, n, (v, cond))
                yield _m(
                    "frozen branch",
                    _x(
                        "the branch for ${}$ is wrong: it is the value at the boundary "
                        "${} = {}$, a constant, not ${}$",
                        cond,
                        var,
                        at,
                        value,
                    ),
                    e,
                    e.xreplace({pw: sp.Piecewise(*new, evaluate=False)}),
                )


def _indices(e):
    free = sorted((s for s in e.free_symbols if s.is_integer), key=sp.default_sort_key)
    for a, b in itertools.combinations(free, 2):
        yield _m(
            "swapped indices",
            _x("the indices ${}$ and ${}$ are swapped (a transposed matrix)", a, b),
            e,
            e.xreplace({a: b, b: a}),
        )


def _normalisation(e):
    for p in sorted(e.atoms(sp.Pow), key=sp.default_sort_key):
        if p.exp == -1 and p.base.is_Symbol and p.base.is_integer:
            yield _m("missing 1/n", _x("the factor $1/{}$ is missing", p.base), e,
                     e.xreplace({p: sp.Integer(1)}))  # fmt: skip


def _rounding(e):
    for r in sorted(e.atoms(sp.floor, sp.ceiling), key=sp.default_sort_key):
        kind = "floor" if isinstance(r, sp.floor) else "ceiling"
        yield _m(f"missing {kind}", _x(f"the {kind} of ${{}}$ is missing (the answer is right "
                 "only where it is a whole number)", r.args[0]), e,
                 e.xreplace({r: r.args[0]}))  # fmt: skip


GENERATORS = (_deltas, _complements, _sums, _branches, _rounding, _factors_and_terms,
              _normalisation, _indices, _sign)  # fmt: skip


#: mistakes already generated, by expression: a worker diagnoses a whole class's answers
#: to the same few targets, and each diagnosis also needs the mistakes of 12 mistakes
_MISTAKES: dict = {}
#: the probes' instances, by (problem, sizes, seed): (instance, values it has computed, the
#: problem)
_INSTANCES: dict = {}


def mistakes(expr, limit: int = MAX_MUTATIONS) -> list[Mutation]:
    """The typical mistakes on ``expr`` (an index-level SymPy expression), deduplicated: the
    first ``limit`` of them (generated lazily, so asking for a few costs a few)."""
    if not isinstance(expr, sp.Expr):
        return []
    held = _MISTAKES.get(expr)
    if held is None or (len(held[0]) < limit and not held[1]):
        out = _generate(expr, limit)
        held = _remember(_MISTAKES, expr, (out, len(out) < limit))
    return held[0][:limit]


def _generate(expr, limit: int) -> list[Mutation]:
    out, seen = [], {expr}
    for gen in GENERATORS:
        try:
            for m in gen(expr):
                if m is not None and m.expr not in seen:
                    seen.add(m.expr)
                    out.append(m)
                    if len(out) >= limit:
                        return out
        except (TypeError, ValueError, NotImplementedError, AttributeError):
            continue  # a generator that does not apply to this shape of expression
    return out


def matrix_mistakes(m) -> list[Mutation]:
    """Mistakes on a whole matrix (an explicit SymPy Matrix): transposed, negated."""
    out = []
    if m.rows > 1 and m.cols > 1 and any(sp.expand(a - b) != 0 for a, b in zip(m, m.T)):
        out.append(Mutation("transposed", "the matrix is transposed (the other layout)", m.T))
    out.append(Mutation("sign", "the sign is flipped", -m))
    if m.rows == m.cols > 1:
        for moved in (_moved(m, 0), _moved(m, 1)):
            if moved is not None and moved != m:
                why = "the matrix product is in the wrong order (W D for D W: the diagonal "
                out.append(Mutation("wrong order", why + "factor on the other side)", moved))
    return out


def _moved(m, side: int):
    """The square matrix ``m`` with each entry's row factor taken at the column (``side``
    0; 1: the column factor at the row): D W → W D, entry by entry. A factor moves when its
    entries of vectors all sit at that position and it holds no matrix entry."""
    out = sp.zeros(m.rows, m.cols)
    for r, c in itertools.product(range(m.rows), range(m.cols)):
        at, to = (r + 1, c + 1) if side == 0 else (c + 1, r + 1)
        new = []
        for f in sp.Mul.make_args(m[r, c]):
            vec = f.atoms(sp.Indexed)
            if vec and all(len(a.indices) == 1 and a.indices[0] == at for a in vec):
                f = f.xreplace({a: a.base[to] for a in vec})
            new.append(f)
        out[r, c] = sp.Mul(*new)
    return out


#: two-mistake combinations tried: each of the first PAIRS_FIRST mistakes of the result
#: combined with each of the first PAIRS_SECOND mistakes of that mistake
PAIRS_FIRST, PAIRS_SECOND = 12, 12


def ordered(students: list, singles: list) -> list:
    """The order candidates are tried in: the students' mistakes of a named cause, then the
    mechanical mutations, then the rest of the students' mistakes."""
    early = [m for m in students if m.name in CAUSES]
    return early + singles + [m for m in students if m.name not in CAUSES]


def combined(first: Mutation, second: Mutation) -> Mutation:
    """Two mistakes made together (the second made on the first's result)."""
    return Mutation(f"{first.name} + {second.name}",
                    f"{first.explanation}; and {second.explanation}", second.expr)  # fmt: skip


def diagnose(claimed, derived, cmp) -> Mutation | None:
    """The mistake a wrong answer equals, if one does at every point of the full numeric
    test, or else a combination of two; None when none does. One mistake before two:
    the mistakes students make (``mistakes``), then this module's own, then pairs of this
    module's, then pairs that involve a student mistake. Candidates are screened first on a
    few fixed points. The candidates are counted (``MAX_MUTATIONS`` single mistakes and
    ``mistakes.MAX_STUDENT``, ``PAIRS_FIRST`` × ``PAIRS_SECOND`` pairs and the bounded
    student pairs), never timed: the same answer gets the same diagnosis on any machine,
    busy or not."""
    probe = _Probe(claimed, derived, cmp)
    singles = mistakes(derived)

    def matches(m) -> bool:
        return probe.may_equal(m.expr) and _same(claimed, m.expr, cmp)

    # a cause before a mechanical change: where a student's mistake of a named cause (σ for
    # σ', a transposed matrix) and a mutation give the same expression (h for h(1 − h)), the
    # cause names it; a mechanical change (a dropped δ) before the student's coarser ones
    students = student_mistakes(derived, cmp)
    known = {m.expr for m in singles}
    for m in ordered(students, singles):
        if matches(m):
            return m
    students = [m for m in students if m.expr not in known]
    for first in singles[:PAIRS_FIRST]:
        for second in mistakes(first.expr, PAIRS_SECOND):
            if second.expr != derived and matches(second):
                return combined(first, second)
    if probe.values is None:  # unscreened, each pair would cost a full numeric test
        return None
    return _student_pairs(derived, singles, students, matches, cmp)


#: pairs that involve a student mistake (``mistakes``): the first STUDENT_PAIRS of each kind
#: as the first mistake, each with the first STUDENT_PAIRS of each kind made on its result
STUDENT_PAIRS = 8


def _student_pairs(derived, singles, students, matches, cmp) -> Mutation | None:
    """Two mistakes at once, one of them at least a student mistake (``mistakes``)."""
    n = STUDENT_PAIRS
    for first in singles[:n] + students[:n]:
        seconds = student_mistakes(first.expr, cmp, n, deep=False)
        if first not in singles[:n]:
            seconds = mistakes(first.expr, n) + seconds
        for second in seconds:
            if second.expr != derived and matches(second):
                return combined(first, second)
    return None


#: random instances tried for the screen's points, the first where the result is not all 0
PROBE_TRIES = 6


class _Probe:
    """The answer's values at a few fixed points (index combinations of one random
    instance), to rule out a candidate by a handful of evaluations before the full test.

    The instance is kept for the worker's life, one per problem, sizes and seed: its values
    never change once drawn, so a candidate's values at a combination are computed once for
    a whole class's answers to the target (a wrong answer that matches no mistake is
    screened against every candidate, a few hundred)."""

    def __init__(self, claimed, derived, cmp, n: int = 8):
        idx = cmp.index_symbols(claimed, derived)
        ranges = {s: cmp.range_of(s) for s in idx}
        combos = numeric.index_combos(idx, ranges, cmp.sizes, cmp.seed + 1, limit=n)
        self.combos = with_edges(combos, claimed, derived, ranges, cmp.sizes)  # a case's edges
        sizes = tuple(sorted(cmp.sizes.items(), key=str))
        problem = cmp.ctx.problem
        for offset in range(7, 7 + PROBE_TRIES):  # an instance where the result is not all 0
            key = (id(problem), problem.id, sizes, cmp.seed + offset)
            if key not in _INSTANCES or _INSTANCES[key][2] is not problem:
                inst = numeric.Instance(cmp.ctx, cmp.sizes, seed=cmp.seed + offset)
                _remember(_INSTANCES, key, (inst, {}, problem))  # held: its id stays its own
            self.inst, self.known, _ = _INSTANCES[key]
            # (every ReLU inactive makes most mistakes 0 too: they would all pass the screen)
            if any(v is not None and v != 0 for v in map(self._value, [derived] * 8, self.combos)):
                break
        self.values = self._values(claimed)

    def _value(self, expr, c):
        """``expr`` at the combination ``c`` of the kept instance, or None."""
        from ...engine import interpret

        key = (expr, tuple(c.items()))  # (combinations are built in one order: no sort)
        if key not in self.known:
            try:
                with interpret.errors_as_unsupported():
                    v = interpret.evaluate(self.inst, expr, at=c)
            except interpret.Unsupported:
                v = None
            # kept as an mpmath number (comparing SymPy Floats was most of the screen's time);
            # a complex value or a pole is None: the full test decides
            # (an exact 0 or 1/2 is a value too: read as None, every candidate went to the
            # full test whenever an answer had one)
            v = numeric.real_mp(v)
            _remember(self.known, key, v)
        return self.known[key]

    def _values(self, expr):
        out = [self._value(expr, c) for c in self.combos]
        return None if any(v is None for v in out) else out

    def may_equal(self, expr) -> bool:
        """False when ``expr`` differs from the answer at one of the points (evaluated one
        at a time: most candidates differ at the first)."""
        if self.values is None:
            return True
        for a, c in zip(self.values, self.combos):
            b = self._value(expr, c)
            if b is None:
                return True  # no number, or a pole: the full test decides
            if abs(a - b) > 1e-9 * (1 + abs(b)):
                return False
        return True


def checked_mistakes(expr, cmp) -> tuple[list[Mutation], list[Mutation]]:
    """(mistakes, rewrites): the mutations of ``expr`` that change its value, and those that
    turn out equal to it (decided by evaluating both, at every point of the numeric test)."""
    wrong, same, known = [], [], set()
    for m in mistakes(expr) + student_mistakes(expr, cmp):
        if m.expr in known:
            continue
        known.add(m.expr)
        (same if _same(m.expr, expr, cmp) else wrong).append(m)
    return wrong, same


def mutations_of(problem, result, target) -> tuple[list[Mutation], list[Mutation]]:
    """(mistakes, rewrites) of one derived result of ``problem`` (its index-level form)."""
    from ...engine.calculus import Context
    from ..decide.tests import Comparison

    ctx = Context(problem, target.sizes)
    ranges = ctx.ranges(target.expr.xreplace(ctx.sizes))
    sizes = dict(ctx.sizes) or numeric.default_sizes(problem)
    return checked_mistakes(result.entry, Comparison(ctx, ranges, sizes, 0))
