"""The Python API: ``load()`` gives an ``Exercise`` (a problem with the engine and the checker
behind it), ``problems()`` all of them, ``equivalent()`` compares two expressions."""

from __future__ import annotations

from dataclasses import replace

from . import registry
from .engine.derive import Derivation, derive_problem
from .spec import Problem


class Exercise:
    """One problem spec, ready to derive and to check answers against.

    Every field of the spec (``id``, ``title``, ``targets``, …) reads through; the spec itself
    is ``.problem``, a frozen ``Problem`` that knows nothing of the engine.
    """

    def __init__(self, problem: Problem):
        self.problem = problem

    def __getattr__(self, name):
        if name.startswith("__") or "problem" not in self.__dict__:
            raise AttributeError(name)
        return getattr(self.problem, name)

    def __repr__(self) -> str:
        return f"Exercise({self.problem.id!r})"

    def derive(self, *names: str, cache: bool = True) -> Derivation:
        """Derive the named targets (all if none are named)."""
        return derive_problem(self.problem, names or None, cache=cache)

    def check(self, latex: str, target: str, where=None, timeout: float | None = None, region=None):
        """Judge an answer written in LaTeX against a target; returns a ``Verdict``.
        ``region`` (``"n >= L"``): judge the answer there only (part of a question)."""
        from .check import check_latex  # the checker is imported where it is used

        d = self.derive(target)
        return check_latex(self.problem, d, target, latex, where, timeout, region=region)

    def check_claims(self, timeout: float | None = None) -> list:
        """Judge every handwritten claim; returns ``[(claim, Verdict), …]``."""
        from .check import check_claims

        return check_claims(self.problem, lambda names: self.derive(*names), timeout)

    def mutations(self, target: str) -> dict:
        """The typical mistakes on a target's result, each named and explained, and the
        mutations that turned out equal to it: ``{"mistakes": [Mutation], "rewrites": […]}``."""
        from .check.diagnose.mutate import mutations_of

        result = self.derive(target)[target]
        wrong, same = mutations_of(self.problem, result, self.problem.target(target))
        return {"mistakes": wrong, "rewrites": same}

    def _repr_markdown_(self) -> str:  # pragma: no cover - Jupyter display
        p = self.problem
        return f"**{p.id}** — {p.title}  \n_{p.source}_\n\n{p.statement}"


def ask(text: str, wrt=(), shapes=()) -> Derivation:
    r"""Derive from definitions written in LaTeX: ``ask(r"h = \sigma(Wx + b), L =
    \tfrac12\|h - t\|^2", wrt=["W", "b"])`` or ``ask(r"\frac{\partial}{\partial X}
    \operatorname{tr}(AXB)")``. Shapes are inferred from how quantities are used and can be
    pinned (``shapes=["W: m×n", "c: scalar"]``); ``.shapes`` of the result says what they
    were, ``.definitions`` each defined quantity as read (matrix-level SymPy). An ambiguity
    is an ``AskError``, never a guess."""
    from .question import ask_problem  # (the grammar is imported where it is used)

    if isinstance(wrt, str):
        wrt = [wrt]
    if isinstance(shapes, str):
        shapes = [shapes]
    problem, found, read = ask_problem(text, wrt, shapes)
    return replace(derive_problem(problem, cache=False), shapes=found, definitions=read)


def load(problem_id: str, specs=None) -> Exercise:
    """The problem with this id or alias (or a spec file path); ``specs``: extra folders."""
    return Exercise(registry.load(problem_id, specs))


def problems(specs=None) -> list[Exercise]:
    """Every problem: the built-in ones, ``$SYMDERIV_SPECS`` and ``specs`` folders."""
    return [Exercise(p) for p in registry.all_problems(specs)]


def equivalent(a, b, assumptions=None, timeout: float | None = None):
    """Are two expressions equal? ``a``, ``b``: SymPy expressions or LaTeX strings.

    ``assumptions`` maps integer index symbols (or their names) to ranges ``(lo, hi)``;
    every other symbol is a real variable. Returns a ``Verdict`` (``.status``, ``.witness``).
    """
    from .check import equivalent as _equivalent

    return _equivalent(a, b, assumptions, timeout)
