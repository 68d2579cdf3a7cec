"""What a derivation records, whoever derives (the engine's chain rule or an operation's own
``derive``): the named steps ``lhs = rhs`` and the record of an independent numeric check."""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy as sp

from .printer import latex


@dataclass
class Step:
    """One named rule and the equation ``lhs = rhs`` it produces."""

    rule: str
    lhs: sp.Basic
    rhs: sp.Basic
    note: str = ""
    #: how the engine verified lhs = rhs ("verified at N points"), "" if not checked
    check: str = ""

    @property
    def tex(self) -> tuple[str, str]:
        """(lhs, rhs) as LaTeX; rendered once and kept (cached derivations skip printing)."""
        if "_tex" not in self.__dict__:
            self.__dict__["_tex"] = (latex(self.lhs), latex(self.rhs))
        return self.__dict__["_tex"]


def worse(worst: float, err) -> float:
    """The larger error; one that is not a finite number (nan from 0/0, ∞ from a pole) is
    infinite: no evidence, never lost (max(0.0, nan) is 0.0 in Python)."""
    err = float(err)
    if not math.isfinite(err):
        return math.inf
    return err if err > worst else worst


@dataclass
class NumericCheck:
    """The record of a numeric check: how, at how many points, the max error, the verdict."""

    method: str
    points: int
    max_error: float
    passed: bool

    def as_dict(self) -> dict:
        return {
            "method": self.method,
            "points": self.points,
            "max_error": self.max_error,
            "passed": self.passed,
        }
