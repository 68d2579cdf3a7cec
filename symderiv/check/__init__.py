"""Checking answers: read (LaTeX in, in the problem's notation) → tests in a documented order
(shape, structural, numeric, symbolic) → a verdict with a witness.

Reading LaTeX imports ``latex2sympy2_extended``, and only when an answer is read.
"""

from .judge import bounded, check_claim, check_claims, check_latex, equivalent, judge
from .verdict import (
    EQUIVALENT,
    NOT_CHECKABLE,
    NOT_EQUIVALENT,
    NUMERIC,
    SEVERITY,
    TIMEOUT,
    UNDECIDED,
    UNREADABLE,
    Verdict,
)

__all__ = [
    "EQUIVALENT",
    "NOT_CHECKABLE",
    "NOT_EQUIVALENT",
    "NUMERIC",
    "SEVERITY",
    "TIMEOUT",
    "UNDECIDED",
    "UNREADABLE",
    "Verdict",
    "bounded",
    "check_claim",
    "check_claims",
    "check_latex",
    "equivalent",
    "judge",
]
