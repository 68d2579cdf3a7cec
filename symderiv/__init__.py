"""symderiv: derive, simplify, show the steps, emit LaTeX and check handwritten answers.

import symderiv
result = symderiv.load("exercise13").derive("dy_dx")["dy_dx"]
result.expr, result.latex, result.steps
"""

from __future__ import annotations

from .errors import SymderivError
from .version import __version__

__all__ = ["SymderivError", "__version__", "ask", "equivalent", "load", "problems"]


def ask(text: str, wrt=(), shapes=()):
    r"""Derive from definitions in LaTeX, in one line: ``ask(r"L = \|Xw - y\|^2",
    wrt="w")``; ``shapes=["W: m×n"]`` pins a shape. Returns a ``Derivation``."""
    from .api import ask as _ask

    return _ask(text, wrt, shapes)


def load(problem_id: str, specs=None):
    """The problem with this id or alias (or a spec file path), as an ``api.Exercise``;
    ``specs``: extra folders of specs."""
    from .api import load as _load

    return _load(problem_id, specs)


def problems(specs=None):
    """Every problem (``api.Exercise``): the built-in ones, ``$SYMDERIV_SPECS`` and ``specs``."""
    from .api import problems as _problems

    return _problems(specs)


def equivalent(a, b, assumptions=None, timeout: float | None = None):
    """Are two expressions equal? ``a``, ``b``: SymPy expressions or LaTeX strings.

    ``assumptions`` maps integer index symbols (or their names) to ranges ``(lo, hi)``;
    every other symbol is a real variable. Returns a ``Verdict`` (``.status``, ``.witness``).
    """
    from .api import equivalent as _equivalent

    return _equivalent(a, b, assumptions, timeout)
