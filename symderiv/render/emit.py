"""LaTeX out: whole results and derivations as amsmath LaTeX (steps in ``align*``, results
boxed), and text made safe for any TeX engine. Expressions are printed by ``ops.printer``."""

from __future__ import annotations

import re
import unicodedata

# -- whole derivations -------------------------------------------------------------

LAYOUT_TEX = (
    r"Layout: numerator (Jacobian) layout, $\left[\frac{\partial y}{\partial x}\right]_{ki} = "
    r"\frac{\partial y_k}{\partial x_i}$; the derivative of a scalar by a matrix has the shape of "
    r"the matrix, $\left[\frac{\partial y_k}{\partial W}\right]_{ij} = "
    r"\frac{\partial y_k}{\partial W_{ij}}$. Indices start at 1."
)

_TEX_SPECIALS = {
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
}


#: Unicode that specs and messages use, as math-mode LaTeX, so that the output compiles with
#: pdflatex too (which knows no ∂ or ỹ in its default fonts).
_UNICODE_MATH = {
    "∂": r"\partial", "∈": r"\in", "×": r"\times", "−": "-", "≤": r"\leq", "≥": r"\geq",
    "≠": r"\neq", "≈": r"\approx", "→": r"\to", "←": r"\leftarrow", "∞": r"\infty",
    "∇": r"\nabla", "±": r"\pm", "°": r"^{\circ}", "ᵀ": r"^{T}", "…": r"\dots", "·": r"\cdot",
    "ỹ": r"\tilde{y}", "√": r"\surd", "∑": r"\sum", "⌊": r"\lfloor", "⌋": r"\rfloor",
    "ℝ": r"\mathbb{R}", "ₙ": r"_{n}", "₁": r"_{1}", "₂": r"_{2}", "₃": r"_{3}", "²": r"^{2}",
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "η": r"\eta", "θ": r"\theta", "λ": r"\lambda", "μ": r"\mu", "π": r"\pi",
    "σ": r"\sigma", "Δ": r"\Delta", "Σ": r"\Sigma",
}  # fmt: skip
_TEXT_UNICODE = {"’": "'", "‘": "`", "“": "``", "”": "''", "–": "--", "—": "---", " ": "~"}


def _unicode_tex(text: str, math: bool) -> str:
    """Non-ASCII characters as LaTeX (math commands wrapped in ``$…$`` in text); a combining
    hat (x̂) becomes ``\\hat``; anything unknown becomes ``?`` rather than breaking the build."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        if ord(c) < 128:
            out.append(c)
        elif c == "\u0302" and out:  # combining circumflex: x̂
            prev = out.pop()
            out.append(f"\\hat{{{prev}}}" if math else f"$\\hat{{{prev}}}$")
        elif c in _UNICODE_MATH:
            cmd = _UNICODE_MATH[c]
            out.append(f" {cmd} " if math else f"${cmd}$")
        elif not math and c in _TEXT_UNICODE:
            out.append(_TEXT_UNICODE[c])
        else:
            base = unicodedata.normalize("NFD", c)[0]
            out.append(base if ord(base) < 128 else "?")
    return "".join(out)


def tex_text(text: str) -> str:
    """Plain text for a LaTeX document: specials escaped, ``$…$`` math kept as it is, other
    Unicode written as LaTeX, so that pdflatex, lualatex and xelatex all compile it."""
    out = []
    for n, part in enumerate(text.split("$")):
        if n % 2:
            out.append(f"${_unicode_tex(part, math=True)}$")
        else:
            escaped = "".join(_TEX_SPECIALS.get(c, c) for c in part)
            out.append(_unicode_tex(escaped, math=False))
    return "".join(out)


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


def derivation_tex(derivation, steps: bool = True, document: bool = False) -> str:
    """A derivation as LaTeX: a fragment for an amsmath document, or a standalone document."""
    p = derivation.problem
    body = [
        f"% symderiv: {p.id}, {p.source}",
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
