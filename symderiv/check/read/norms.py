r"""Norms as students write them: ``\|x\|``, ``\|x\|_2``, ``\lVert x \rVert``, ``\Vert x \Vert``
(``\left``/``\right`` are already dropped). latex2sympy does not read them (``\|x\|`` fails
inside it with an AttributeError), so they are lifted before it sees the text.

A norm the problem names (a quantity whose name is ``\|x\|``) is that quantity. The norm of
one of the problem's vectors (or matrices) is the Euclidean (Frobenius) norm written out,
``√(Σ_k x_k²)``, its sum bounded later by the vector's length. The norm of anything else is a
quantity of its own, named as written: the problem does not define it, so an answer that
differs only through it is never refuted on a value made up for it.

Nested extrema, ``\max(-\delta, \min(\delta, r))`` (a clip), are lifted here too: the
grammar splits ``\max``'s argument at every comma, nested ones included; and a derivative
followed by its function's arguments, ``\frac{\partial f_3}{\partial y}(y, \theta_3)``."""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.function import AppliedUndef

from ...errors import UnreadableLatexError
from .lexical import group, split_top
from .notation import WHOLE_RANGE, norm

_BAR = r"(?:\\\||\\[lr]?Vert(?![A-Za-z]))"
OPEN = re.compile(_BAR)
EUCLIDEAN = re.compile(r"\s*_\s*(?:\{\s*2\s*\}|2)")


def norm_at(text: str, i: int, notation, whole: str, read):
    """(value, end) of a norm written at ``text[i]``, or None when none starts there.
    ``read(latex)`` reads the inside."""
    m = OPEN.match(text, i)
    if m is None:
        return None
    j, depth = m.end(), 0
    while j < len(text):
        if text[j] == "\\" and OPEN.match(text, j) and depth == 0:
            break
        depth += {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}.get(text[j], 0)
        j += 2 if text[j] == "\\" and j + 1 < len(text) and not text[j + 1].isalpha() else 1
    else:
        raise UnreadableLatexError("a norm ‖ without its closing ‖", whole, i)
    inner = text[m.end() : j].strip()
    end = OPEN.match(text, j).end()
    sub = EUCLIDEAN.match(text, end)
    if sub:
        end = sub.end()
    if not inner:
        raise UnreadableLatexError("an empty norm ‖ ‖", whole, i)
    for key in (rf"\|{inner}\|", rf"\|{inner}\|_2", text[i:end]):
        named = notation.names.get(norm(key))
        if isinstance(named, sp.Basic):
            return named, end
    value = read(inner)
    rank = notation.dims.get(value, 0) if isinstance(value, sp.IndexedBase) else 0
    if rank in (1, 2):
        idx = [sp.Dummy(c, integer=True, positive=True) for c in "kl"[:rank]]
        limits = [(k, 1, WHOLE_RANGE) for k in idx]
        return sp.sqrt(sp.Sum(value[tuple(idx)] ** 2, *limits)), end
    return sp.Symbol(rf"\|{inner}\|", positive=True), end


_EXTREMUM = re.compile(r"\\(max|min)\s*(?=\()")


def extremum_at(text: str, i: int, read):
    """(value, end) of ``\\max(…)``/``\\min(…)`` at ``text[i]`` when its arguments hold a
    comma of their own (a nested extremum, a function of two arguments); None otherwise,
    and a plain ``\\max(a, b)`` is left to the grammar."""
    m = _EXTREMUM.match(text, i)
    if m is None:
        return None
    end = group(text, m.end())
    inner = text[m.end() + 1 : end - 1]
    parts = split_top(inner, (",",))
    if len(parts) == inner.count(",") + 1 or any(not p.strip() for p in parts):
        return None
    args = [read(p) for p in parts]
    return (sp.Max if m.group(1) == "max" else sp.Min)(*args), end


def at_arguments(d, text: str, e: int, read):
    """∂f₃/∂y (y, θ₃): a derivative of f's application followed by f's arguments is taken
    there (its own arguments: the derivative itself). Returns (value, end)."""
    k = e + len(text[e:]) - len(text[e:].lstrip())
    f = d.expr if isinstance(d, sp.Derivative) else None
    if not (isinstance(f, AppliedUndef) and text.startswith("(", k)):
        return d, e
    end = group(text, k)
    args = [read(a) for a in split_top(text[k + 1 : end - 1], (",",))]
    if len(args) != len(f.args):
        return d, e
    return (d if tuple(args) == f.args else sp.Subs(d, f.args, args)), end
