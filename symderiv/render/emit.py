"""LaTeX out: whole results and derivations as amsmath LaTeX (steps in ``align*``, results
boxed); text from the spec is escaped (``safe.tex_text``). Expressions are printed by
``ops.printer``."""

from __future__ import annotations

import re

from .safe import clean, tex_text

__all__ = ["FITMATH", "LAYOUT_TEX", "derivation_tex", "result_tex", "tex_text"]

# -- whole derivations -------------------------------------------------------------

LAYOUT_TEX = (
    r"Layout: numerator (Jacobian) layout, $\left[\frac{\partial y}{\partial x}\right]_{ki} = "
    r"\frac{\partial y_k}{\partial x_i}$; the derivative of a scalar by a matrix has the shape of "
    r"the matrix, $\left[\frac{\partial y_k}{\partial W}\right]_{ij} = "
    r"\frac{\partial y_k}{\partial W_{ij}}$. Indices start at 1."
)


def _step_rows(result, steps: bool) -> list[tuple[str, str, str]]:
    """(lhs, rhs, label) of every step shown."""
    rows = []
    if steps:
        for s in result.steps:
            label = s.rule + (f" ({s.note})" if s.note and len(s.note) < 60 else "")
            lhs, rhs = s.tex
            rows.append((lhs, rhs, f"\\text{{{tex_text(label)}}}"))
    return rows


_LABEL = re.compile(r"\s*(\([0-9a-z]{1,4}\)|[0-9a-z]{1,3}[.)])\s")


def result_tex(result, steps: bool = True, fit: bool = False) -> str:
    """One result as amsmath LaTeX: its steps in an ``align*``, the result boxed. ``fit``
    (a standalone document, which defines ``\\fitmath``): each formula on its own line,
    shrunk to the line width where it is wider."""
    lhs_tex = result.tex["lhs"]
    # the exercise sheet's numbering from the spec's title ("(a) ∂y_i/∂x_j" → "(a)"), then
    # the quantity and the name to ask for it by
    label = _LABEL.match(getattr(result, "title", "") or "")
    title = f"{tex_text(label.group(1))} \\quad " if label else ""
    name = tex_text(result.name)
    lines = [f"\\subsection*{{{title}$\\displaystyle {lhs_tex}$ \\quad (\\texttt{{{name}}})}}"]
    rows = _step_rows(result, steps)
    if fit:
        lines += [f"\\fitmath{{{lhs} = {rhs} \\qquad {label}}}" for lhs, rhs, label in rows]
        lines += [f"\\fitmath{{\\boxed{{{result.latex}}}}}"]
    else:
        if rows:
            aligned = [f"{lhs} &= {rhs} && {label}" for lhs, rhs, label in rows]
            lines += ["\\begin{align*}", " \\\\\n".join(aligned), "\\end{align*}"]
        lines += ["\\[", f"\\boxed{{{result.latex}}}", "\\]"]
    for name, form_tex in result.tex["forms"].items():
        if name != "compact" or not steps:
            shown = (
                f"\\fitmath{{{lhs_tex} = {form_tex}}}" if fit else f"\\[ {lhs_tex} = {form_tex} \\]"
            )
            lines += [f"Equivalently ({tex_text(name)}): {shown}"]
    chk = result.numeric
    lines.append(
        tex_text(
            f"Numeric check: {chk.method}, {chk.points} points, max error {chk.max_error:.1e}"
            f" ({'passed' if chk.passed else 'FAILED'})."
        )
    )
    return "\n".join(lines)


def _comment(text: str) -> str:
    """Text for a ``%`` comment: one line (a line end would end the comment; ``^^M`` too)."""
    return re.sub(r"[\n^]", " ", clean(text))


def derivation_tex(derivation, steps: bool = True, document: bool = False) -> str:
    """A derivation as LaTeX: a fragment for an amsmath document, or a standalone document."""
    p = derivation.problem
    body = [
        f"% symderiv: {_comment(f'{p.id}, {p.source}')}",
        f"\\section*{{{tex_text(p.title)}}}",
        f"\\noindent\\textit{{{tex_text(str(p.source))}}}\\par",
        tex_text(p.statement) + "\\par",
    ]
    if any(r.forms.get("compact") is not None or "matrix" in r.name for r in derivation):
        body.append(LAYOUT_TEX + "\\par")
    for r in derivation:
        body.append(result_tex(r, steps, fit=document))
    text = "\n\n".join(body) + "\n"
    if not document:
        return text
    return (
        "\\documentclass{article}\n\\usepackage[margin=2cm]{geometry}\n"
        "\\usepackage{amsmath,amssymb,graphicx}\n\\allowdisplaybreaks\n"
        "\\setlength{\\parindent}{0pt}\n"
        + FITMATH
        + "\\begin{document}\n"
        + text
        + "\\end{document}\n"
    )


#: a display formula, shrunk to the line width when it is wider (also in the answer PDF)
FITMATH = (
    "\\newcommand{\\fitmath}[1]{{\\centering\n"
    "  \\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}"
    "{$\\displaystyle #1$}\\par}}\n"
)
