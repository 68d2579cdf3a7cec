r"""Where-clauses: an answer followed by the definitions of the names it uses,
``A \text{ where } h = \max(0, a)``, ``A, \quad δ = …``, ``A \text{ with } φ(u) = …``,
read as the answer with each defined name standing for its value (a name, an entry g_j of
every index, a labelled δ^{(1)}, a function φ applied as written)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import sympy as sp

from ...errors import UnreadableLatexError
from .forms import unpunctuated
from .lexical import split_top
from .notation import INDEX_LETTERS, Notation, WrittenFunction, norm

_WHERE = re.compile(
    r"\\(?:text|mathrm|textrm|mbox|textit|operatorname)\s*\{\s*[,;]?\s*(?:where|with)\s*:?\s*\}"
)
_SEP = "\x01"
_DEFINED = re.compile(
    r"(?P<base>\\(?:tilde|hat|bar|mathbf|boldsymbol|bm|vec)\{[A-Za-z]\}|\\[A-Za-z]+|[A-Za-z])"
    r"(?P<label>\^\{\([^{}()]*\)\})?(?:_(?:\{(?P<idx>[A-Za-z])\}|(?P<idx1>[A-Za-z])))?"
)


_FUNCTION = re.compile(r"(\\[A-Za-z]+|[A-Za-z])\((\\[A-Za-z]+|[A-Za-z])\)")


def _clause(text: str, notation: Notation):
    r"""(answer, definitions) of ``A \text{where } B = …`` or of ``A, \quad δ = …`` (names
    the problem does not have, defined after the answer), else None."""
    found = _WHERE.search(text)
    if found is None:
        statements = split_top(re.sub(r"\\q?quad(?![A-Za-z])", ";", text), (",", ";"))
        new = [_new_name(s, notation) for s in statements[1:]]
        if len(statements) > 1 and all(n and _uses(statements[0], n) for n in new):
            return statements[0], statements[1:]
        return None
    marked = text[: found.start()] + _SEP + text[found.end() :]
    top = split_top(marked, (_SEP,), keep_empty=True)
    if len(top) != 2:
        return None  # inside a group (a cases row): not a clause of the answer
    answer = re.sub(r"(?:[,;\s]|\\q?quad|\\[,;:! ])*$", "", top[0])
    clause = re.sub(r"\\q?quad(?![A-Za-z])|\\text\{\s*and\s*\}", ";", top[1])
    return answer, [d for d in split_top(clause, (",", ";")) if d.strip()]


def _new_name(statement: str, notation: Notation) -> str | None:
    """The name ``statement`` defines (``δ^{(1)} = …``), if the problem does not have it."""
    sides = split_top(statement.replace(":=", "="), ("=",), keep_empty=True)
    m = _DEFINED.fullmatch(re.sub(r"\s+", "", sides[0])) if len(sides) == 2 else None
    if m is None:
        return False
    key = norm(m.group("base"))
    family = any(k == key or k.startswith((key + "_", key + "^")) for k in notation.names)
    known = m.group(0) in notation.labels or key in notation.indices or key in INDEX_LETTERS
    return None if family or known else m.group("base")


def _uses(answer: str, base: str) -> bool:
    return re.search(rf"(?<![A-Za-z\\]){re.escape(base)}(?![A-Za-z])", answer) is not None


def where_clause(text: str, notation: Notation, read: Callable, whole: str):
    r"""``(answer, notation)``: an answer followed by ``\text{where } h = \max(0, a)`` is the
    answer before the clause, read with each name the clause defines as its value (h as
    max(0, a); g_j = ∂L/∂y_j as that entry by entry; δ^{(1)} as written). ``read(latex,
    notation)`` reads a value. Without a clause: ``(text, notation)`` unchanged."""
    clause = _clause(text, notation)
    if clause is None:
        return text, notation
    answer, defs = clause
    names, labels = dict(notation.names), dict(notation.labels)
    for d in reversed(defs):  # a later definition may be used in an earlier one
        sides = split_top(unpunctuated(d).replace(":=", "="), ("=",), keep_empty=True)
        fn = _FUNCTION.fullmatch(re.sub(r"\s+", "", sides[0])) if len(sides) == 2 else None
        if fn and sides[1].strip() and _uses(answer, fn.group(1)):  # φ(u) = …: applied as written
            var = read(fn.group(2), notation)
            value = read(sides[1], replace(notation, names=names, labels=labels))
            names[norm(fn.group(1))] = WrittenFunction(fn.group(1), var, value)
            continue
        m = _DEFINED.fullmatch(re.sub(r"\s+", "", sides[0])) if len(sides) == 2 else None
        if m is None or not sides[1].strip():
            raise UnreadableLatexError(f"the where-clause {d.strip()!r} defines no one name",
                                       whole, whole.find(d.strip()))  # fmt: skip
        base = m.group("base")
        if not _uses(answer, base):
            why = f"the where-clause defines {sides[0].strip()}, which the answer does not use"
            raise UnreadableLatexError(why, whole, whole.find(d.strip()))
        value = read(sides[1], replace(notation, names=names, labels=labels))
        if m.group("label"):  # δ^{(1)} = …, δ^{(1)}_k = …: a labelled name of the student's
            idx = m.group("idx") or m.group("idx1")
            value = sp.Lambda(read(idx, notation), value) if idx else value
            labels[base + m.group("label").replace(" ", "")] = value
        elif m.group("idx") or m.group("idx1"):  # g_j = …: every entry g_i
            if re.search(rf"(?<![A-Za-z\\]){re.escape(base)}(?![A-Za-z])(?!\s*_)", answer):
                raise UnreadableLatexError(f"the where-clause defines the entries of {base}; "
                                           "the answer uses it whole", whole, None)  # fmt: skip
            index = read(m.group("idx") or m.group("idx1"), notation)
            names[norm(base)] = sp.Lambda(index, value)
        else:
            names[norm(base)] = value
    return answer, replace(notation, names=names, labels=labels)
