"""The mistake a wrong matrix answer equals. The candidates are the derived matrix's own
mistakes (transposed, negated, a product in the wrong order), the mistakes of its matrix
expression (a term of a sum dropped or its sign or coefficient off, a transpose or a
factor lost, a product reversed) and the mistakes of its index-level entry (σ for σ', an
index swapped, …, everything ``mutate`` and ``mistakes`` know) carried out at every entry.
Each is screened on one random instance and then held to the full numeric test at every
entry: a diagnosis reproduces the answer exactly. Candidates are counted, never timed."""

from __future__ import annotations

import itertools

import sympy as sp

from ...engine import interpret, numeric
from ...engine.matrix_form import explicit
from ..decide.compare import compare
from ..verdict import EQUIVALENT, NUMERIC
from .mistakes import CAUSES, student_mistakes
from .mutate import combined, matrix_mistakes, mistakes, ordered
from .mutation import Mutation, _x

#: at most this many mutations of the matrix expression, and of the entry (each kind)
MAX_EXPRESSION, MAX_ENTRY = 40, 160
#: pairs: each of the first PAIR_FIRST candidates with the derived matrix's own mistakes
PAIR_FIRST = 40


def diagnose_matrix(value, derived, result, axes, cmp, written=frozenset()) -> Mutation | None:
    """The mistake the explicit matrix ``value`` (an answer) equals, derived being the
    explicit derived matrix, ``axes`` the indices of the result's entry along its rows and
    columns (a matrix target's, or the free indices of an entry target answered with the
    entry of a bracketed matrix); one mistake before two; None when none does. ``written``: the
    symbols the answer was written with (a mistake that brings in a size, 1/N, is one only
    where the answer wrote N: at N = 3 the explicit matrices cannot tell 1/N from 1/3)."""
    screen = _Screen(value, cmp)  # (no screen where an entry has a free index: x_j e_i)

    def matches(m) -> bool:
        e = m.expr
        if not (isinstance(e, sp.MatrixBase) and e.shape == value.shape):
            return False
        if not screen.may_equal(e):
            return False
        same = (EQUIVALENT, NUMERIC)
        return all(compare(a, b, cmp, prove=False).status in same for a, b in zip(value, e))

    singles = _candidates(derived, result, axes, cmp, set(written))
    for m in singles:
        if matches(m):
            return m
    for first in singles[:PAIR_FIRST]:
        if first.expr.shape[0] * first.expr.shape[1] == 0:
            continue
        for second in matrix_mistakes(first.expr):
            if second.expr != derived and matches(second):
                return combined(first, second)
    return None


def _candidates(derived, result, axes, cmp, written) -> list[Mutation]:
    out, seen = [], {sp.ImmutableMatrix(derived)}
    sizes = set(cmp.sizes)
    unwritten = sizes - written

    def add(m, before=None):
        if m is None or not isinstance(m.expr, sp.MatrixBase):
            return
        if before is not None and (before.free_symbols - _symbols(result)) & unwritten:
            return  # a size brought in that the answer does not write
        key = sp.ImmutableMatrix(m.expr)
        if key not in seen:
            seen.add(key)
            out.append(m)

    entry = result.entry if axes and isinstance(result.entry, sp.Expr) else None
    for m in matrix_mistakes(derived):
        add(m)
    students = student_mistakes(entry, cmp, MAX_ENTRY) if entry is not None else []
    singles = mistakes(entry, MAX_ENTRY) if entry is not None else []
    causes = [m for m in students if m.name in CAUSES]
    for m in causes:
        add(_at_entries(m, axes, derived.shape, cmp), m.expr)  # σ for σ', … at every entry
    if isinstance(result.expr, sp.MatrixExpr):
        for m in itertools.islice(expression_mistakes(result.expr), MAX_EXPRESSION):
            add(_explicit(m, cmp), m.expr)
    for m in ordered(students, singles)[len(causes) :]:
        add(_at_entries(m, axes, derived.shape, cmp), m.expr)
    return out


def _symbols(result) -> set:
    out = set()
    for e in (result.entry, result.expr):
        if isinstance(e, sp.Basic):
            out |= e.free_symbols
    return out


def _explicit(m: Mutation, cmp) -> Mutation | None:
    try:
        return Mutation(m.name, m.text, explicit(cmp.ctx, m.expr, cmp.sizes))
    except Exception:  # a mutation of no consistent shape is no answer
        return None


def _at_entries(m: Mutation, axes, shape, cmp) -> Mutation | None:
    """The index-level mutation ``m`` as an explicit matrix of ``shape``."""
    row, col = axes
    first = {s: lo for s, (lo, _) in cmp.ranges.items()}
    sized = m.expr.xreplace({k: sp.Integer(v) for k, v in cmp.sizes.items()})
    try:
        r0, c0 = int(first.get(row, 1)), int(first.get(col, 1)) if col is not None else 0

        def at(i, j):  # (a Σ stays a Σ at the sizes tested: SymPy's doit would solve it)
            return sized.xreplace({row: r0 + i, **({col: c0 + j} if col is not None else {})})

        out = sp.Matrix(shape[0], shape[1], at)
    except Exception:
        return None
    return Mutation(m.name, m.text, out)


# -- mistakes of a matrix expression ----------------------------------------------------


def expression_mistakes(e):
    """Mutations of a matrix expression (MatAdd, MatMul, Transpose, …): each term of a sum
    dropped, negated, doubled or halved; a transpose dropped; a product's factors reversed;
    a scalar coefficient dropped, doubled or halved."""
    nodes = list(sp.preorder_traversal(e))
    for node in nodes:
        if isinstance(node, sp.MatAdd):
            for t in node.args:
                rest = [a for a in node.args if a is not t]
                yield _sub(e, node, sp.MatAdd(*rest) if len(rest) > 1 else rest[0],
                           "dropped term", "the term ${}$ is missing", t)  # fmt: skip
                yield _sub(e, node, sp.MatAdd(*rest, -t), "sign of a term",
                           "the term ${}$ has the wrong sign", t)  # fmt: skip
                yield _sub(e, node, sp.MatAdd(*rest, 2 * t), "extra factor 2",
                           "the term ${}$ has an extra factor 2", t)  # fmt: skip
                yield _sub(e, node, sp.MatAdd(*rest, t / 2), "lost factor 2",
                           "the term ${}$ lost a factor 2", t)  # fmt: skip
        elif isinstance(node, sp.Transpose):
            why = "${}$ where ${}$ belongs: a transpose is missing"
            yield _sub(e, node, node.arg, "missing transpose", why, node.arg, node)
        elif isinstance(node, sp.MatMul):
            scalars = [a for a in node.args if not getattr(a, "is_Matrix", False)]
            mats = [a for a in node.args if getattr(a, "is_Matrix", False)]
            if len(mats) > 1:
                flipped = sp.MatMul(*scalars, *reversed(mats))
                yield _sub(e, node, flipped, "wrong order",
                           "the matrix product is in the wrong order (${}$ for ${}$)",
                           flipped, node)  # fmt: skip
            for c in scalars:
                rest = [a for a in node.args if a is not c]
                for new, name, why in (
                    (sp.S.One, "dropped factor", "the factor ${}$ is missing"),
                    (2 * c, "extra factor 2", "the factor ${}$ is doubled"),
                    (c / 2, "lost factor 2", "the factor ${}$ is halved"),
                ):
                    yield _sub(e, node, sp.MatMul(new, *rest), name, why, c)
        elif isinstance(node, sp.Inverse):
            yield _sub(e, node, node.arg, "missing inverse",
                       "${}$ where its inverse belongs", node.arg)  # fmt: skip


def _sub(e, node, new, name, template, *pieces) -> Mutation | None:
    try:
        out = e.xreplace({node: new})
    except Exception:
        return None
    return None if out == e else Mutation(name, _x(template, *pieces), out)


class _Screen:
    """The answer's entries at one random instance, to rule out a candidate before the full
    test (most candidates differ at the first entry)."""

    def __init__(self, value, cmp):
        self.inst = numeric.Instance(cmp.ctx, cmp.sizes, seed=cmp.seed + 7)
        self.values = [self._value(a) for a in value]
        if any(v is None for v in self.values):
            self.values = None

    def _value(self, expr):
        try:
            with interpret.errors_as_unsupported():
                return numeric.real_mp(interpret.evaluate(self.inst, expr))
        except (interpret.Unsupported, TypeError, ValueError, ZeroDivisionError):
            return None

    def may_equal(self, m) -> bool:
        if self.values is None:
            return True  # the full test decides
        for a, e in zip(self.values, m):
            b = self._value(e)
            if b is None:
                return True  # the full test decides
            if abs(a - b) > 1e-9 * (1 + abs(b)):
                return False
        return True
