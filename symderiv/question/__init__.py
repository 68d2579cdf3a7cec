r"""``symderiv ask``: from definitions written in LaTeX to the derivation, in one line.

    ask(r"h = \sigma(Wx + b), L = \tfrac12\|h - t\|^2", wrt=["W", "b"])
    ask(r"\frac{\partial}{\partial X} \operatorname{tr}(AXB)")

The text is read by the grammar in ``grammar`` (one rule a construct), the shapes inferred
by ``shapes`` (or pinned: ``shapes=["W: m×n", "c: scalar"]``), and the problem built by
``build`` is derived by the engine as any spec is. Every ambiguity is an ``AskError``.
"""

from __future__ import annotations

import re

import sympy as sp

from .grammar import AskError, parse

__all__ = ["AskError", "ask_problem", "parse_shape"]


def parse_shape(text: str) -> tuple[str, tuple]:
    """``'W: m×n'`` → ("W", (m, n)); ``'x: n'`` → ("x", (n, 1)); ``'c: scalar'``."""
    if ":" not in text:
        raise AskError(f"--shape {text!r}: write NAME: SIZES (W: m×n, x: n, c: scalar)")
    name, sizes = (p.strip() for p in text.split(":", 1))
    name = _name(name)
    if sizes in ("scalar", "1", "1x1", "1×1"):
        return name, ("scalar",)
    parts = [p.strip() for p in re.split(r"\s*(?:×|\\times|x|\*|,)\s*", sizes) if p.strip()]
    if not 1 <= len(parts) <= 2:
        raise AskError(f"--shape {text!r}: one size (a vector) or two (a matrix)")
    out = []
    for p in parts:
        if p.isdigit():
            out.append(sp.Integer(int(p)))
        elif re.fullmatch(r"[A-Za-z](_\{?\w+\}?)?", p):
            out.append(sp.Symbol(p, integer=True, positive=True))
        else:
            raise AskError(f"--shape {text!r}: {p!r} is not a size (a letter or a number)")
    if len(out) == 1:
        out.append(sp.S.One)
    if out == [1, 1]:
        return name, ("scalar",)
    return name, tuple(out)


def _name(text: str) -> str:
    """A name as the grammar spells it (λ → \\lambda, W^{(1)} as it is)."""
    from .grammar import Name, _Parser

    p = _Parser(text)
    try:
        n = p.name()
    except AskError:
        raise AskError(f"{text!r} is not a name") from None
    if p.tok.kind != "end" or not isinstance(n, Name):
        raise AskError(f"{text!r} is not a name")
    return n.name


def ask_problem(text: str, wrt=(), shapes=()):
    """(the Problem, {name: (rows, cols)}, {name: definition as read}) of an ask; derive the
    Problem with ``derive_problem``."""
    from .build import problem_of

    if not isinstance(text, str):
        raise AskError("ask takes the definitions as one string of LaTeX")
    items = parse(text)
    pinned = dict(parse_shape(s) for s in shapes)
    return problem_of(text, items, pinned, tuple(_name(w) for w in wrt))
