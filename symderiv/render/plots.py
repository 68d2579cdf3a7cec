"""Figures the exercises ask for: the data comes from the derivation, matplotlib draws it.

``figures(derivation)`` evaluates each of the problem's ``Plot`` specs exactly (SymPy numbers,
then floats) — a target's series is its *derived* result, so a wrong derivation draws a
wrong plot. ``render(figure, path)`` draws one figure as SVG or PDF; matplotlib is imported
there and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from ..errors import DerivationError
from ..spec import Plot
from .safe import clean


@dataclass
class Figure:
    """The data of one plot: for a stem plot ``x`` and one list of values per series; for a
    heatmap one matrix (a list of rows) per series. Values are exact SymPy numbers."""

    name: str
    title: str
    kind: str
    x: list[int]
    series: list[tuple[str, list]]

    def as_dict(self) -> dict:
        def num(v):
            return float(v)

        def exact(v):
            return str(v)

        out = []
        for label, values in self.series:
            if self.kind == "stem":
                out.append(
                    {"label": label, "values": [num(v) for v in values],
                     "exact": [exact(v) for v in values]}
                )  # fmt: skip
            else:
                out.append(
                    {"label": label, "values": [[num(v) for v in row] for row in values],
                     "exact": [[exact(v) for v in row] for row in values]}
                )  # fmt: skip
        d = {"name": self.name, "title": self.title, "kind": self.kind, "series": out}
        if self.kind == "stem":
            d["x"] = list(self.x)
        return d


def figures(derivation, plots: tuple[Plot, ...] | None = None) -> list[Figure]:
    """The figures of the derivation's problem whose targets were derived (all by default)."""
    problem = derivation.problem
    out = []
    for plot in problem.plots if plots is None else plots:
        needed = [w for _, w in plot.series if isinstance(w, str)]
        if all(n in derivation.results for n in needed):
            out.append(_figure(problem, derivation, plot))
    return out


def _number(value, problem, plot, label, at=""):
    value = sp.nsimplify(value) if isinstance(value, float) else sp.simplify(value)
    if not value.is_number or not value.is_real:
        raise DerivationError(
            f"{problem.id}: plot {plot.name!r}, series {label!r}{at} is {value}, not a real "
            "number (fix the plot's values)"
        )
    return value


def _figure(problem, derivation, plot: Plot) -> Figure:
    values = dict(plot.values)
    series = []
    xs = list(range(plot.span[0], plot.span[1] + 1)) if plot.kind == "stem" else []
    for label, what in plot.series:
        if isinstance(what, str):  # a target: draw its derived result
            result = derivation[what]
            expr = result.expr
            var = problem.target(what).variable
        else:
            expr, var = what, None
        if plot.kind == "stem":
            if isinstance(expr, sp.Lambda):
                f = expr
            elif var is not None:
                f = sp.Lambda(var, expr)
            else:
                raise DerivationError(
                    f"{problem.id}: plot {plot.name!r}, series {label!r} is not a signal "
                    "(a Lambda, or a target with a variable)"
                )
            at = [sp.sympify(f(n)).xreplace(values) for n in xs]  # Lambda(n, n)(0) is an int
            vals = [_number(v, problem, plot, label, f" at {n}") for n, v in zip(xs, at)]
        else:
            if not isinstance(expr, sp.MatrixBase):
                raise DerivationError(
                    f"{problem.id}: plot {plot.name!r}, series {label!r} is not a matrix"
                )
            m = expr.xreplace(values)
            vals = [[_number(m[i, j], problem, plot, label) for j in range(m.cols)]
                    for i in range(m.rows)]  # fmt: skip
        series.append((label, vals))
    return Figure(plot.name, plot.title, plot.kind, xs, series)


def render(figure: Figure, path: str, width: float = 6.0) -> str:
    """Draw ``figure`` to ``path`` (its suffix picks SVG or PDF: vector graphics). A title or
    label that matplotlib's mathtext cannot read (a lone ``$``, a macro it does not know) is
    drawn as plain text instead."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    try:
        with plt.rc_context({"text.parse_math": True}):
            return _draw(figure, path, width)
    except ValueError:  # mathtext: the figure again, its labels as written
        plt.close("all")
        with plt.rc_context({"text.parse_math": False}):
            return _draw(figure, path, width)


def _label(text: str) -> str:
    """A title or label as drawn: cleaned, at most 100 characters."""
    text = clean(text).replace("\n", " ")
    return text if len(text) <= 100 else text[:99] + "…"


def _draw(figure: Figure, path: str, width: float) -> str:
    import matplotlib.pyplot as plt

    plt.rcParams.update({"font.size": 9, "svg.fonttype": "none", "pdf.fonttype": 42})
    d = figure.as_dict()
    n = len(d["series"])
    if figure.kind == "stem":
        fig, axes = plt.subplots(n, 1, figsize=(width, 1.6 * n + 0.4), sharex=True, squeeze=False)
        for ax, s in zip(axes[:, 0], d["series"]):
            ax.stem(d["x"], s["values"], basefmt="k-")
            ax.set_ylabel(_label(s["label"]))
            ax.grid(True, alpha=0.3)
            ax.set_xticks(d["x"])
        axes[-1, 0].set_xlabel("n")
    else:
        fig, axes = plt.subplots(1, n, figsize=(width, width / max(n, 1) + 0.3), squeeze=False)
        for ax, s in zip(axes[0], d["series"]):
            values = s["values"]
            signed = _signed(values)
            # pcolormesh, not imshow: cells are vector patches in SVG and PDF alike
            im = ax.pcolormesh(values, cmap="RdBu_r" if signed else "Greys",
                               edgecolors="white", linewidth=0.5)  # fmt: skip
            if signed:  # 0 is white, the sign is the hue
                top = max(abs(v) for row in values for v in row) or 1
                im.set_clim(-top, top)
            ax.invert_yaxis()
            ax.set_aspect("equal")
            lo, hi = im.get_clim()
            size = 8 if len(values) <= 5 else 6
            for i, row in enumerate(values):
                for j, v in enumerate(row):
                    dark = abs(v) > 0.6 * hi if signed else v > lo + 0.6 * (hi - lo)
                    ax.text(j + 0.5, i + 0.5, _short(s["exact"][i][j], v), ha="center", va="center",
                            fontsize=size, color="white" if dark else "black")  # fmt: skip
            ax.set_title(_label(s["label"]))
            ax.set_xticks([])
            ax.set_yticks([])
    fig.suptitle(_label(figure.title), fontsize=10)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def _signed(values) -> bool:
    return any(v < 0 for row in values for v in row)


def _short(text: str, value: float) -> str:
    return text if len(text) <= 6 else f"{value:.3g}"
