"""The LaTeX writer of the answer PDF: the report as an ``amsmath``/``graphicx`` document,
compiled by the first of latexmk, pdflatex, lualatex, tectonic found on PATH."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from ..check import NOT_EQUIVALENT
from ..errors import SymderivError
from .emit import FITMATH, tex_text
from .report import (
    _SUBTITLE,
    MARKS,
    Report,
    Section,
    _numeric_text,
    _reason,
    _steps_of,
    _summary,
    _witness_parts,
)

LATEX_PROGRAMS = ("latexmk", "pdflatex", "lualatex", "tectonic")
#: seconds one LaTeX run may take before it is stopped
LATEX_TIMEOUT = 600


class PdfError(SymderivError):
    """The PDF could not be built (no TeX engine, a compile error); exit code 5."""

    exit_code = 5


_LATEX_PREAMBLE = (
    r"""\documentclass[11pt]{article}
\usepackage{lmodern}
\usepackage[T1]{fontenc}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{amsmath,amssymb,graphicx,longtable,array}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
% a display formula, shrunk to the line width when it is wider
"""
    + FITMATH
)


def latex_source(report: Report, figure_prefix: str = "fig-") -> str:
    """The whole report as a LaTeX document (figures as ``{prefix}{problem}-{plot}.pdf``)."""
    out = [_LATEX_PREAMBLE, r"\begin{document}"]
    out += [
        r"\begin{center}{\LARGE\bfseries Answer key}\\[4pt]",
        tex_text(_SUBTITLE) + r"\end{center}",
        r"\section*{Verdicts}",
        tex_text(f"{len(report.rows())} handwritten answers: {_summary(report)}.") + r"\par",
        r"{\small\begin{longtable}{>{\raggedright}p{2.2cm}>{\raggedright}p{3.6cm}"
        r">{\raggedright}p{6.2cm}p{3.3cm}}",
        r"\hline \textbf{problem} & \textbf{target} & \textbf{location} & \textbf{verdict}"
        r"\\ \hline \endhead",
    ]
    for pid, target, location, v in report.rows():
        mark = MARKS[v.status][0]
        out.append(
            rf"\texttt{{{tex_text(pid)}}} & \texttt{{{tex_text(target)}}} & "
            rf"{tex_text(location)} & {mark}~\mbox{{{v.status}}} \\"
        )
    out += [r"\hline", r"\end{longtable}}"]
    for s in report.sections:
        out.append(_latex_section(s, figure_prefix))
    out.append(r"\end{document}")
    return "\n".join(out) + "\n"


def _latex_section(s: Section, figure_prefix: str) -> str:
    p = s.problem
    out = [
        r"\clearpage",
        rf"\section*{{{tex_text(p.id)}: {tex_text(p.title)}}}",
        rf"\textit{{Source: {tex_text(str(p.source))}}}\par",
        tex_text(p.statement) + r"\par",
    ]
    if s.derivation.results:
        out.append(r"\subsection*{Derivation}")
    for r in s.derivation:
        out.append(
            rf"\subsubsection*{{\texttt{{{tex_text(r.name)}}}: {tex_text(r.title or r.name)}}}"
        )
        for n, rule, note, eq in _steps_of(r):
            note_tex = f" ({tex_text(note)})" if note else ""
            out += [rf"{n}. \textit{{{tex_text(rule)}}}{note_tex}\par", rf"\fitmath{{{eq}}}"]
        out += [r"\textbf{Result:}\par", rf"\fitmath{{\boxed{{{r.latex}}}}}"]
        for name, form in r.tex["forms"].items():
            out += [
                rf"Equivalently ({tex_text(name)}):\par",
                rf"\fitmath{{{r.tex['lhs']} = {form}}}",
            ]
        out.append(r"{\small " + tex_text(_numeric_text(r.numeric)) + r"\par}")
    for f in s.figures:
        out += [
            r"\begin{center}",
            rf"\includegraphics[width=0.92\linewidth]{{{figure_prefix}{p.id}-{f.name}.pdf}}",
            r"\end{center}",
        ]
    if s.claims:
        out.append(r"\subsection*{Handwritten answers}")
    for c, v in s.claims:
        mark = MARKS[v.status][0]
        target = rf" (target \texttt{{{tex_text(c.target)}}})" if c.target else ""
        out += [
            rf"\textbf{{{tex_text(c.location)}}}{target}\par",
            rf"\fitmath{{{c.latex}}}",
            rf"{mark}~\textbf{{\mbox{{{v.status}}}}}"
            + (f": {tex_text(_reason(c, v))}" if _reason(c, v) else "")
            + r"\par",
        ]
        if v.diagnosis:
            out.append(r"\textit{The mistake:} " + tex_text(v.diagnosis["explanation"]) + r"\par")
        formulas, lines = _witness_parts(v) if v.status == NOT_EQUIVALENT else ([], [])
        if formulas or lines:
            out.append(r"Witness:\par")
        out += [rf"\fitmath{{{f}}}" for f in formulas]
        out += [r"{\small " + tex_text(ln) + r"\par}" for ln in lines]
    return "\n".join(out)


def find_latex() -> tuple[str, str] | None:
    """(program name, path) of the first LaTeX engine on PATH, or None."""
    for name in LATEX_PROGRAMS:
        path = shutil.which(name)
        if path:
            return name, path
    return None


def _latex_commands(name: str, path: str, tex: str) -> list[list[str]]:
    if name == "latexmk":
        return [[path, "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex]]
    if name == "tectonic":
        return [[path, tex]]
    one = [path, "-interaction=nonstopmode", "-halt-on-error", tex]
    return [one, one]  # twice: longtable settles its column widths on the second run


def need_latex() -> tuple[str, str]:
    """(name, path) of the LaTeX engine, or the one-line error that says how to get one."""
    found = find_latex()
    if not found:
        raise PdfError(
            "no LaTeX engine on PATH (looked for " + ", ".join(LATEX_PROGRAMS) + "); install "
            "one (Debian: apt-get install texlive-latex-base lmodern) or use the default "
            "--engine typst"
        )
    return found


def compile_latex(source: str, build: Path, out: Path) -> tuple[str, int]:
    name, path = need_latex()
    tex = build / "answers.tex"
    tex.write_text(source, encoding="utf-8")
    for cmd in _latex_commands(name, path, tex.name):
        try:
            done = subprocess.run(
                cmd, cwd=build, capture_output=True, text=True, errors="replace",
                timeout=LATEX_TIMEOUT, stdin=subprocess.DEVNULL,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise PdfError(f"{name} took longer than {LATEX_TIMEOUT} s; stopped") from None
        if done.returncode != 0:
            raise PdfError(f"{name} failed: {_latex_error(build, done.stdout)} (log in {build})")
    shutil.copyfile(build / "answers.pdf", out)
    return name, pages(out, build / "answers.log")


def _latex_error(build: Path, stdout: str) -> str:
    log = build / "answers.log"
    text = log.read_text(errors="replace") if log.exists() else stdout
    lines = text.splitlines()
    for n, ln in enumerate(lines):
        if ln.startswith("!"):
            where = next((x for x in lines[n : n + 12] if re.match(r"l\.\d+", x)), "")
            line = re.match(r"l\.(\d+)", where)
            at = f" (answers.tex line {line.group(1)})" if line else ""
            return f"{ln[1:].strip()}{at}"
    tail = [ln for ln in lines if ln.strip()][-1:] or ["no output"]
    return tail[0].strip()


def pages(pdf: Path, log: Path | None = None) -> int:
    """Pages of the PDF: from the TeX log when there is one (pdfTeX compresses its page
    tree), else counted from the page objects (Typst writes them plainly). 0: unknown."""
    if log is not None:
        text = log.read_text(errors="replace") if log.exists() else ""
        found = re.search(r"Output written on .*?\((\d+) pages?", text, re.S)
        return int(found.group(1)) if found else 0
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
