"""Problem specs: plain frozen dataclasses that read like the exercise.

A spec says what is given (symbols, shapes, definitions), what is asked (targets)
and what was handwritten (claims, verbatim, with where they came from). It carries
no engine logic and no expected verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import sympy as sp

from .errors import UnknownTargetError
from .specmatrix import (  # noqa: F401 (the engine's, from here)
    MatrixDet,
    MatrixInverseEntry,
    Shown,
    explicit_matrix_functions,
    lower,
)

#: Layout convention used by every matrix-form result (stated once, used everywhere).
LAYOUT = (
    "Numerator (Jacobian) layout: for vectors y ∈ R^n, x ∈ R^m, ∂y/∂x ∈ R^{n×m} with "
    "[∂y/∂x]_{ki} = ∂y_k/∂x_i; the derivative of a scalar by a matrix has the shape of "
    "the matrix: [∂y_k/∂W]_{ij} = ∂y_k/∂W_ij. Indices start at 1."
)


@dataclass(frozen=True)
class Source:
    """Where the exercise comes from: the seed write-up and the exercise within it."""

    file: str
    exercise: str

    def __str__(self) -> str:
        return f"{self.file} {self.exercise}"


@dataclass(frozen=True)
class Definition:
    """``lhs := rhs``. An indexed ``lhs`` (ỹ[k]) is a template over its index symbols."""

    lhs: sp.Expr
    rhs: sp.Expr
    name: str = ""

    @property
    def key(self):
        return self.lhs.base if isinstance(self.lhs, sp.Indexed) else self.lhs

    def instance(self, atom: sp.Expr) -> sp.Expr:
        """The right side for one occurrence of the defined quantity (ỹ[k'] → rhs with k → k')."""
        if isinstance(self.lhs, sp.Indexed):
            mapping = dict(zip(self.lhs.indices, atom.indices))
            return self.rhs.xreplace(mapping)
        return self.rhs


@dataclass(frozen=True)
class Target:
    """A quantity to derive.

    Attributes:
        name: stable identifier (``dy_dW``), used on the command line.
        expr: what to derive, with unevaluated derivatives, e.g. ``Derivative(y[k], W[i, j])``.
        title: one line for people.
        as_matrix: ``(row, col)`` index symbols: also assemble the entries into a matrix
            (``(k, i)`` for ∂y/∂x, ``(i, j)`` for ∂y_k/∂W).
        sizes: concrete sizes for this target (``{n: 4, m: 3}``); ``None`` keeps them symbolic.
    """

    name: str
    expr: sp.Expr
    title: str = ""
    as_matrix: tuple[sp.Symbol, sp.Symbol] | None = None
    sizes: Mapping[sp.Symbol, int] | None = None
    #: the free variable of a signal-valued target (y(n): n)
    variable: sp.Symbol | None = None
    #: how the left side is written, when it is not ``expr`` itself (y(n) for a convolution)
    lhs: sp.Basic | None = None
    #: how answers to this sub-question name things, when it differs from the problem's
    #: notation (``{"L": Lb}``: "the same for batch normalization" reuses the name L)
    where: Mapping[str, sp.Basic] = field(default_factory=dict)
    #: where the sub-question asks (y(n) for n ≥ L; a kernel's formula on its support):
    #: answers are compared there only
    region: sp.Basic | None = None


@dataclass(frozen=True)
class Claim:
    """A handwritten answer, verbatim, attached to the target it answers.

    ``where`` says how to read the write-up's names here when it differs from the problem's
    notation (e.g. ``{r"\tilde{y}": yt[k]}``: the write-up's ỹ means the entry ỹ_k), never
    what the verdict is. ``checkable=False`` with a ``reason`` records an answer that cannot
    be judged (a multiple-choice letter without its question).
    """

    target: str
    latex: str
    location: str
    note: str = ""
    checkable: bool = True
    reason: str = ""
    where: Mapping[str, sp.Basic] = field(default_factory=dict)


@dataclass(frozen=True)
class Plot:
    """A figure the exercise asks for; the engine computes its data, matplotlib draws it.

    ``kind`` is ``"stem"`` (signals over the integers ``span[0] … span[1]``) or ``"heatmap"``
    (matrices, drawn side by side with their entries written in). Each of ``series`` is
    ``(label, what)``: ``what`` is a ``Lambda`` of one variable or a ``Matrix`` given by the
    exercise, or the name of a target, whose *derived* result is drawn. ``values`` fixes the
    remaining symbols (``{L: 5}``).
    """

    name: str
    title: str
    kind: str = "stem"
    series: tuple[tuple[str, object], ...] = ()
    span: tuple[int, int] = (0, 0)
    values: Mapping[sp.Symbol, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """One exercise: given, asked, handwritten."""

    id: str
    title: str
    source: Source
    statement: str
    definitions: tuple[Definition, ...] = ()
    targets: tuple[Target, ...] = ()
    claims: tuple[Claim, ...] = ()
    aliases: tuple[str, ...] = ()
    #: shapes of indexed quantities, e.g. {W: (n, m), x: (m,)}; index ranges are 1..size.
    shapes: Mapping[sp.Basic, tuple] = field(default_factory=dict)
    #: abstract functions and symbols that the notation names (for reading answers).
    notation: Mapping[str, sp.Basic] = field(default_factory=dict)
    #: integer ranges to test answers over, e.g. {n: (-3, 12), L: (1, 6)}
    domains: Mapping[sp.Symbol, tuple] = field(default_factory=dict)
    #: figures the exercise asks for (stem plots of signals, heatmaps of images)
    plots: tuple[Plot, ...] = ()
    #: what the exercise states about its quantities, as SymPy relations: Σ_k y_k = 1
    #: (``Eq(Sum(y[k], (k, 1, K)), 1)``), 0 < μ < 1 (``And(0 < mu, mu < 1)``), y ∈ {0, 1}
    #: (``Contains(y, FiniteSet(0, 1))``, or for every entry ``Contains(y[k], …)``). Used to
    #: simplify (softmax + cross-entropy reaches p_i − y_i) and to choose test points.
    assumptions: tuple = ()
    #: the path of the spec file it was loaded from (set by the loader).
    path: str = ""

    def __post_init__(self):
        # matrices used as wholes (X, Xᵀ, tr, det, X⁻¹) are read in index form: see specmatrix
        for name, value in lower(self).items():
            object.__setattr__(self, name, value)

    def target(self, name: str) -> Target:
        for t in self.targets:
            if t.name == name:
                return t
        raise UnknownTargetError(self.id, name, [t.name for t in self.targets])

    def _repr_markdown_(self) -> str:  # pragma: no cover - Jupyter display
        return f"**{self.id}** — {self.title}  \n_{self.source}_\n\n{self.statement}"
