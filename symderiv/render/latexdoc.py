"""The LaTeX writer of the answer PDF: the report as an ``amsmath``/``graphicx`` document,
compiled by the first of latexmk, pdflatex, lualatex, tectonic found on PATH.

Text from specs, claims and verdicts is escaped (``safe.tex_escape``, ``safe.tex_text``); a
formula is typeset only if ``safe.tex_math`` lets it through, else shown as its escaped
source. Should TeX still stop at a formula, the formulas are tried on their own (one
``nonstopmode`` run lists every one that fails) and those are shown as source too. TeX runs
bounded and without shell escape or files outside its folder (``isolate.run_latex``)."""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

from ..check import NOT_EQUIVALENT
from .emit import FITMATH
from .isolate import PdfError, run_latex
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
from .safe import tex_escape, tex_math, tex_text

__all__ = ["LATEX_PROGRAMS", "PdfError", "compile_latex", "find_latex", "latex_source", "pages"]

LATEX_PROGRAMS = ("latexmk", "pdflatex", "lualatex", "tectonic")
#: compiles of the document after the first that failed at a formula (each shows it as source)
RETRIES = 3

_LATEX_PREAMBLE = (
    r"""\documentclass[11pt]{article}
\usepackage{lmodern}
\usepackage[T1]{fontenc}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{amsmath,amssymb,graphicx,longtable,array}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
\raggedright % as the Typst document: a long run breaks where it may, never past the margin
% a display formula, shrunk to the line width when it is wider
"""
    + FITMATH
    + "% a formula shown as its source: it was not typeset\n"
    "\\newcommand{\\rawmath}[1]{{\\centering\\small\\ttfamily\\frenchspacing #1\\par}}\n"
)


class _Formula(str):
    """A display formula in the source, and the LaTeX it shows (to find it from a line)."""

    tex: str


class _LatexMath:
    """Formulas: typeset when ``tex_math`` passes them and they are not in ``raw``."""

    def __init__(self, raw=frozenset()):
        self.raw = set(raw)  # formulas shown as their source
        self.typeset: dict[str, None] = {}  # the others, display and inline, in order
        self.displays = 0

    def _safe(self, tex: str) -> str | None:
        safe = None if tex in self.raw else tex_math(tex)
        if safe is None:
            self.raw.add(tex)
        else:
            self.typeset[tex] = None
        return safe

    def display(self, tex: str, boxed: bool = False) -> _Formula:
        self.displays += 1
        safe = self._safe(tex)
        if safe is None:
            line = _Formula(rf"\rawmath{{{tex_escape(tex)}}}")
        else:
            line = _Formula(rf"\fitmath{{\boxed{{{safe}}}}}" if boxed else rf"\fitmath{{{safe}}}")
        line.tex = tex
        return line

    def text(self, text: str) -> str:
        """Text with ``$…$`` math (see ``safe.tex_text``)."""
        return tex_text(text, self._safe)


def latex_source(report: Report, figures: dict, raw=frozenset()) -> str:
    """The whole report as a LaTeX document; ``figures``: (problem id, plot name) → file."""
    return _document(report, figures, _LatexMath(raw))[0]


def _document(report: Report, figures: dict, math: _LatexMath) -> tuple[str, list]:
    """The source and where its formulas are: [(first line, last line, LaTeX)]."""
    out = [_LATEX_PREAMBLE, r"\begin{document}"]
    out += [
        r"\begin{center}{\LARGE\bfseries Answer key}\\[4pt]",
        tex_escape(_SUBTITLE) + r"\end{center}",
        r"\section*{Verdicts}",
        tex_escape(f"{len(report.rows())} handwritten answers: {_summary(report)}.") + r"\par",
        r"{\small\begin{longtable}{>{\raggedright}p{2.2cm}>{\raggedright}p{3.6cm}"
        r">{\raggedright}p{6.2cm}p{3.3cm}}",
        r"\hline \textbf{problem} & \textbf{target} & \textbf{location} & \textbf{verdict}"
        r"\\ \hline \endhead",
    ]
    for pid, target, location, v in report.rows():
        mark = MARKS[v.status][0]
        out.append(
            rf"\texttt{{{tex_escape(pid)}}} & \texttt{{{tex_escape(target)}}} & "
            rf"{tex_escape(location)} & {mark}~\mbox{{{tex_escape(v.status)}}} \\"
        )
    out += [r"\hline", r"\end{longtable}}"]
    for s in report.sections:
        out += _latex_section(s, figures, math)
    out.append(r"\end{document}")
    return _document_spans(out)


def _latex_section(s: Section, figures: dict, math: _LatexMath) -> list[str]:
    p = s.problem
    out = [
        r"\clearpage",
        rf"\section*{{{tex_escape(f'{p.id}: {p.title}')}}}",
        rf"\textit{{Source: {tex_escape(str(p.source))}}}\par",
        math.text(p.statement) + r"\par",
    ]
    if s.derivation.results:
        out.append(r"\subsection*{Derivation}")
    for r in s.derivation:
        out.append(
            rf"\subsubsection*{{\texttt{{{tex_escape(r.name)}}}: "
            rf"{tex_escape(r.title or r.name)}}}"
        )
        for n, rule, note, eq in _steps_of(r):
            note_tex = f" ({math.text(note)})" if note else ""
            out += [rf"{n}. \textit{{{math.text(rule)}}}{note_tex}\par", math.display(eq)]
        out += [r"\textbf{Result:}\par", math.display(r.latex, boxed=True)]
        for name, form in r.tex["forms"].items():
            out += [
                rf"Equivalently ({tex_escape(name)}):\par",
                math.display(f"{r.tex['lhs']} = {form}"),
            ]
        out.append(r"{\small " + tex_escape(_numeric_text(r.numeric)) + r"\par}")
    for f in s.figures:
        out += [
            r"\begin{center}",
            rf"\includegraphics[width=0.92\linewidth]{{{figures[(p.id, f.name)]}}}",
            r"\end{center}",
        ]
    if s.claims:
        out.append(r"\subsection*{Handwritten answers}")
    for c, v in s.claims:
        mark = MARKS[v.status][0]
        target = rf" (target \texttt{{{tex_escape(c.target)}}})" if c.target else ""
        reason = _reason(c, v)
        out += [
            rf"\textbf{{{tex_escape(c.location)}}}{target}\par",
            math.display(c.latex),
            rf"{mark}~\textbf{{\mbox{{{tex_escape(v.status)}}}}}"
            + (f": {tex_escape(reason)}" if reason else "")
            + r"\par",
        ]
        if v.reading and v.reading.get("latex"):  # how the checker read it ("interpreted as")
            out += [r"\textit{Read as:}\par", math.display(v.reading["latex"])]
        if v.diagnosis:
            out.append(r"\textit{The mistake:} " + math.text(v.diagnosis["explanation"]) + r"\par")
        formulas, lines = _witness_parts(v) if v.status == NOT_EQUIVALENT else ([], [])
        if formulas or lines:
            out.append(r"Witness:\par")
        out += [math.display(f) for f in formulas]
        out += [r"{\small " + math.text(ln) + r"\par}" for ln in lines]
    return out


def find_latex() -> tuple[str, str] | None:
    """(program name, path) of the first LaTeX engine on PATH, or None."""
    for name in LATEX_PROGRAMS:
        path = shutil.which(name)
        if path:
            return name, path
    return None


def _latex_commands(name: str, path: str, tex: str) -> list[list[str]]:
    if name == "latexmk":
        pdflatex = "pdflatex -no-shell-escape %O %S"
        return [[path, "-pdf", f"-pdflatex={pdflatex}", "-interaction=nonstopmode",
                 "-halt-on-error", tex]]  # fmt: skip
    if name == "tectonic":
        return [[path, "--untrusted", tex]]
    one = [path, "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", tex]
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


def compile_latex(report: Report, build: Path, out: Path, figures: dict):
    """Compile the report in ``build`` (where the figures are) to ``out``: (program, pages,
    display formulas, formulas shown as source)."""
    name, path = need_latex()
    raw: set[str] = set()
    for attempt in range(RETRIES + 1):
        math = _LatexMath(raw)
        source, spans = _document(report, figures, math)
        tex = build / "answers.tex"
        tex.write_text(source, encoding="utf-8")
        error, line = _run(name, path, tex.name, build)
        if error is None:
            shutil.copyfile(build / "answers.pdf", out)
            return name, pages(out, build / "answers.log"), math.displays, sorted(math.raw)
        if attempt == RETRIES:
            break
        # TeX stopped at a formula: the first time, every formula is tried on its own; those
        # that fail are shown as their source
        found = {_formula_at(spans, line)} - {None}
        if not attempt:
            found |= _probe(name, path, list(math.typeset), build)
        if not found - raw:
            break
        raw |= found
    for code in (errno.EFBIG, errno.ENOSPC, errno.EDQUOT):  # the disk, not the document
        if os.strerror(code) in (error or ""):
            raise OSError(code, os.strerror(code))  # an I/O error, named by write_pdf
    raise PdfError(f"{name} failed: {error} (log in {build})")


def _run(name: str, path: str, tex: str, build: Path) -> tuple[str | None, int | None]:
    """Compile; (None, None), or the first error and its line."""
    for cmd in _latex_commands(name, path, tex):
        code, stdout = run_latex(cmd, build, name)
        if code != 0:
            return _latex_error(build / (Path(tex).stem + ".log"), stdout)
    return None, None


def _formula_at(spans: list, line: int | None) -> str | None:
    """The formula on ``line`` of the source (TeX reports the line a formula ends on)."""
    if line is not None:
        for first, last, tex in spans:
            if first <= line <= last:
                return tex
    return None


def _probe(name: str, path: str, formulas: list[str], build: Path) -> set[str]:
    """The formulas that do not compile on their own: one nonstopmode run (which goes on after
    an error) of a document with each on its own line; pdflatex and lualatex only."""
    program = path if name in ("pdflatex", "lualatex") else shutil.which("pdflatex")
    bad: set[str] = set()
    while program and formulas:
        math = _LatexMath()
        out = [_LATEX_PREAMBLE, r"\begin{document}"]
        for tex in formulas:
            out += [math.display(tex), r"\par"]
        out.append(r"\end{document}")
        doc = _document_spans(out)
        (build / "probe.tex").write_text(doc[0], encoding="utf-8")
        cmd = [program, "-no-shell-escape", "-interaction=nonstopmode", "probe.tex"]
        run_latex(cmd, build, name)
        log = build / "probe.log"
        text = log.read_text(errors="replace") if log.exists() else ""
        lines = [int(m) for m in re.findall(r"^l\.(\d+)", text, re.M)]
        found = {t for t in (_formula_at(doc[1], n) for n in lines) if t is not None}
        bad |= found
        fatal = re.search(r"^! (Emergency stop|TeX capacity exceeded|.*Fatal)", text, re.M)
        if not fatal or not found or not lines:
            break
        last = _formula_at(doc[1], lines[-1])  # it stopped there: try the rest again
        formulas = formulas[formulas.index(last) + 1 :] if last in formulas else []
    return bad


def _document_spans(out: list) -> tuple[str, list]:
    """The lines joined, and the lines each formula takes: [(first, last, LaTeX)]."""
    spans, line = [], 1
    for chunk in out:
        end = line + chunk.count("\n")
        if isinstance(chunk, _Formula):
            spans.append((line, end, chunk.tex))
        line = end + 1
    return "\n".join(out) + "\n", spans


def _latex_error(log: Path, stdout: str) -> tuple[str, int | None]:
    """The first error of a TeX run, with its line of ``answers.tex``; and that line."""
    text = log.read_text(errors="replace") if log.exists() else stdout
    lines = text.splitlines()
    for n, ln in enumerate(lines):
        if ln.startswith("!"):
            where = next((x for x in lines[n : n + 12] if re.match(r"l\.\d+", x)), "")
            found = re.match(r"l\.(\d+)", where)
            at = f" ({log.stem}.tex line {found.group(1)})" if found else ""
            return f"{ln[1:].strip()}{at}", int(found.group(1)) if found else None
    tail = [ln for ln in lines if ln.strip()][-1:] or ["no output"]
    return tail[0].strip(), None


def pages(pdf: Path, log: Path | None = None) -> int:
    """Pages of the PDF: from the TeX log when there is one (pdfTeX compresses its page
    tree), else counted from the page objects (Typst writes them plainly). 0: unknown."""
    if log is not None:
        text = log.read_text(errors="replace") if log.exists() else ""
        found = re.search(r"Output written on .*?\((\d+) pages?", text, re.S)
        return int(found.group(1)) if found else 0
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
