"""One base error and a few named subclasses; each carries the CLI exit code it maps to."""

from __future__ import annotations

# Exit codes of the ``symderiv`` command (documented in README.md).
EXIT_OK = 0
EXIT_NOT_EQUIVALENT = 1
EXIT_USAGE = 2
EXIT_UNDECIDED = 3
EXIT_INTERNAL = 4


class SymderivError(Exception):
    """Base class of every error symderiv raises on purpose."""

    exit_code = EXIT_USAGE


class UnknownProblemError(SymderivError):
    """No problem spec has the requested id (or alias)."""

    def __init__(self, problem_id: str, close: list[str]):
        self.problem_id = problem_id
        self.close = close
        hint = f"; closest: {', '.join(close)}" if close else ""
        super().__init__(f"unknown problem id {problem_id!r}{hint} (see `symderiv list`)")


class UnknownTargetError(SymderivError):
    """The problem has no target of that name."""

    def __init__(self, problem_id: str, target: str, names: list[str]):
        super().__init__(
            f"problem {problem_id!r} has no target {target!r}; targets: {', '.join(names)}"
        )


class SpecError(SymderivError):
    """A problem spec file is malformed; the message names the file and the problem."""


class DerivationError(SymderivError):
    """The engine could not derive a target (the message says which rule failed)."""

    exit_code = EXIT_INTERNAL


class UnsupportedError(DerivationError):
    """The spec asks for something the engine does not do (a matrix form it cannot assemble,
    a recurrence that is not linear): the spec's limit, not a bug, so a usage error."""

    exit_code = EXIT_USAGE


class UnreadableLatexError(SymderivError):
    """LaTeX that cannot be read; ``position`` is the 0-based offset of the fault, if known."""

    def __init__(self, message: str, latex: str = "", position: int | None = None):
        self.latex = latex
        self.position = position
        self.detail = message
        where = f" at position {position}" if position is not None else ""
        super().__init__(f"unreadable LaTeX{where}: {message}")
