"""The report model of an answer PDF: per problem the derivation, the judged claims and the
figures; the marks and texts both writers share."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from ..check import (
    EQUIVALENT,
    NOT_CHECKABLE,
    NOT_EQUIVALENT,
    NUMERIC,
    SEVERITY,
    TIMEOUT,
    UNDECIDED,
    UNREADABLE,
    check_claims,
)
from ..engine.derive import derive_problem
from ..version import __version__
from .plots import figures


@dataclass
class Section:
    """One problem: its derivation, its judged claims and its figures."""

    problem: object
    derivation: object
    claims: list  # [(Claim, Verdict)]
    figures: list  # [plots.Figure]


@dataclass
class Report:
    sections: list[Section]

    def rows(self):
        """(problem id, target, location, verdict) for every claim, in document order."""
        return [(s.problem.id, c.target, c.location, v) for s in self.sections for c, v in s.claims]


def build_report(problems, timeout: float | None = None, progress=None) -> Report:
    """Derive every target and judge every claim of ``problems``; ``progress``: a
    ``Progress`` told of each problem done."""
    sections = []
    if progress is not None:
        progress.start(0)
    for n, p in enumerate(problems, 1):
        derivation = derive_problem(p)
        claims = check_claims(p, partial(derive_problem, p), timeout) if p.claims else []
        sections.append(Section(p, derivation, claims, figures(derivation)))
        if progress is not None:
            progress.update(n)
    if progress is not None:
        progress.stop()
    return Report(sections)


MARKS = {
    EQUIVALENT: (r"$\checkmark$", "✓"),
    NUMERIC: (r"$\approx$", "≈"),
    NOT_EQUIVALENT: (r"$\times$", "✗"),
    UNREADABLE: ("?", "?"),
    UNDECIDED: ("?", "?"),
    TIMEOUT: ("?", "?"),
    NOT_CHECKABLE: ("--", "–"),
}


_SUBTITLE = f"symderiv {__version__}: derived results and verdicts on the handwritten answers"


def _summary(report: Report) -> str:
    counts = {}
    for *_, v in report.rows():
        counts[v.status] = counts.get(v.status, 0) + 1
    return ", ".join(f"{counts[s]} {s}" for s in reversed(SEVERITY) if s in counts)


def _witness_parts(v) -> tuple[list[str], list[str]]:
    """A witness as (LaTeX formulas: the point, a few values a line, then both values;
    further plain-text lines)."""
    w = v.witness or {}
    formulas, lines = [], []
    if "at" in w:
        items = [f"{k} = {val}" for k, val in w["at"].items()]
        entry = rf"\text{{entry {w['entry']}, }}" if "entry" in w else ""
        for n in range(0, len(items), 4):
            head = rf"{entry}\text{{at }} " if n == 0 else ""
            formulas.append(head + r",\ ".join(items[n : n + 4]))
        formulas.append(rf"\text{{claimed }} {w['claimed']},\quad \text{{derived }} {w['derived']}")
        for k, val in w.get("sequences", {}).items():
            lines.append(f"${k}$: {val} for every j")
        for k, val in w.get("functions", {}).items():
            lines.append(f"with {k} = {val}")
    else:
        lines += [f"{k}: {val}" for k, val in w.items()]
    return formulas, lines


def _numeric_text(c) -> str:
    return (
        f"Numeric check: {c.method}, {c.points} points, max error {c.max_error:.1e} "
        f"({'passed' if c.passed else 'FAILED'})."
    )


def _steps_of(result):
    for n, s in enumerate(result.steps, 1):
        lhs, rhs = s.tex
        yield n, s.rule, s.note, f"{lhs} = {rhs}"


def _reason(claim, v) -> str:
    if v.status == NOT_CHECKABLE:
        return v.reason or claim.reason
    return v.reason
