"""The names an answer uses, against the names the problem gives a meaning to: a name
nobody defined, read as a new quantity, would take a random value, so no witness may rest
on it (``judge`` makes such an answer undecided)."""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.function import AppliedUndef

from .notation import ODOT, ONES, WHOLE_RANGE


def _names_in(e, out: set) -> None:
    """The names of the quantities and functions in ``e`` (labels, not indices)."""
    if isinstance(e, type) and issubclass(e, sp.Function):
        out.add(str(e))
        return
    if not isinstance(e, sp.Basic):
        return
    free = e.free_symbols  # (the u of σ'(ỹ_k) = d σ(u)/du at u = ỹ_k is bound, no name)
    for a in sp.preorder_traversal(e):
        if isinstance(a, sp.IndexedBase):
            out.add(str(a.label))
        elif isinstance(a, sp.Symbol) and a in free and not isinstance(a, sp.Dummy):
            if not a.is_integer:
                out.add(str(a))
        elif isinstance(a, AppliedUndef):
            out.add(str(a.func))


def known_names(problem, *more) -> set:
    """Every name the problem (and ``more``: the derived result) gives a meaning to;
    remembered per problem and result (the same for a whole class's answers)."""
    key = (
        id(problem),
        *(sp.ImmutableMatrix(m) if isinstance(m, sp.MatrixBase) else m for m in more),
    )
    hit = _KNOWN.get(key)
    if hit is not None and hit[0] is problem:
        return hit[1]
    known = _known_names(problem, *more)
    if len(_KNOWN) > 256:
        _KNOWN.clear()
    _KNOWN[key] = (problem, known)
    return known


_KNOWN: dict = {}


def _known_names(problem, *more) -> set:
    known = {str(m) for m in (ODOT, ONES, WHOLE_RANGE)}
    for d in problem.definitions:
        _names_in(d.lhs, known)
        _names_in(d.rhs, known)
    for t in problem.targets:
        _names_in(t.expr, known)
        _names_in(t.lhs, known)
        for v in dict(t.where).values():
            _names_in(v, known)
    for v in list(dict(problem.notation).values()) + list(dict(problem.shapes)) + list(more):
        _names_in(v, known)
    for a in getattr(problem, "assumptions", ()):
        _names_in(getattr(a, "expr", a), known)
    return known


def foreign_names(expr, known: set) -> list[str]:
    """Names in an answer that the problem does not define (ŷ where it has p): read as new
    quantities, they would take random values, so no witness may rest on them."""
    found: set = set()
    _names_in(expr, found)
    return sorted(n for n in found - known if "\\partial" not in n and "partial" not in n)


def nearest(name: str, known: set) -> str | None:
    """The name the problem defines that ``name`` most likely meant (z̃ → ỹ, W_3 → W): the
    closest spelling, when it is close (most of its letters in order), else None."""
    import difflib

    def plain(n):
        return re.sub(r"[\\{}\s]", "", n)

    def letter(n):  # ŷ, ỹ, y, Y, 𝐲: the same letter
        return re.sub(r"^(hat|tilde|bar|mathbf|boldsymbol|vec)", "", plain(n)).lower()

    if not re.fullmatch(r"\\?[A-Za-z]+(\{\\?[A-Za-z]+\})?(_\{?[A-Za-z0-9,]+\}?)?", name):
        return None  # (a plausible name only: what else an answer holds is not echoed)
    want = plain(name)
    best, score = None, 0.0
    for k in sorted(known):
        if k == name or not re.match(r"\\?[A-Za-z]", k) or k.startswith(("whole-range", "odot")):
            continue
        r = difflib.SequenceMatcher(None, want, plain(k)).ratio()
        r = max(r, 0.9 if letter(k) == letter(name) else 0.0)
        if r > score:
            best, score = k, r
    return best if score >= 0.6 and (len(want) > 1 or score >= 0.9) else None
