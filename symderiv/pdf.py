"""Answer PDFs: per problem the statement, the derivation's steps, the boxed results, every
handwritten claim with its verdict (and witness), the plots; a cover page with all verdicts.

One report model (``build_report``), two writers:

* **Typst** (default, needs no TeX): the ``typst`` package bundles the compiler; each LaTeX
  formula the engine emits is converted by ``tex2typst``. Should a converted formula not
  compile, it is shown as its LaTeX source instead and counted in ``PdfInfo.fallbacks``
  (the tests require none).
* **LaTeX** (``engine="latex"``): the same report as an ``amsmath``/``graphicx`` document,
  compiled by the first of latexmk, pdflatex, lualatex, tectonic found on PATH.

Plots are drawn by matplotlib as vector graphics (SVG for Typst, PDF for LaTeX).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .check import (
    EQUIVALENT,
    NOT_CHECKABLE,
    NOT_EQUIVALENT,
    NUMERIC,
    SEVERITY,
    UNDECIDED,
    UNREADABLE,
)
from .emit import tex_text
from .errors import SymderivError

ENGINES = ("typst", "latex")
LATEX_PROGRAMS = ("latexmk", "pdflatex", "lualatex", "tectonic")
#: seconds one LaTeX run may take before it is stopped
LATEX_TIMEOUT = 600


class PdfError(SymderivError):
    """The PDF could not be built (no TeX engine, a compile error); exit code 5."""

    exit_code = 5


# -- the report model --------------------------------------------------------------------


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


def build_report(problems, timeout: float | None = None) -> Report:
    """Derive every target and judge every claim of ``problems``."""
    from .plots import figures

    sections = []
    for p in problems:
        derivation = p.derive()
        claims = p.check_claims(timeout) if p.claims else []
        sections.append(Section(p, derivation, claims, figures(derivation)))
    return Report(sections)


@dataclass
class PdfInfo:
    """What was built: the PDF's path, the engine and program, pages, formulas, seconds."""

    path: str
    engine: str
    program: str
    pages: int = 0
    formulas: int = 0
    fallbacks: list = field(default_factory=list)
    seconds: float = 0.0
    tex: str | None = None


#: verdict → (mark in LaTeX, mark in Typst): the word is always printed next to it
MARKS = {
    EQUIVALENT: (r"$\checkmark$", "✓"),
    NUMERIC: (r"$\approx$", "≈"),
    NOT_EQUIVALENT: (r"$\times$", "✗"),
    UNREADABLE: ("?", "?"),
    UNDECIDED: ("?", "?"),
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


# -- LaTeX -------------------------------------------------------------------------------

_LATEX_PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage{lmodern}
\usepackage[T1]{fontenc}
\usepackage[a4paper,margin=2cm]{geometry}
\usepackage{amsmath,amssymb,graphicx,longtable,array}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{4pt}
% a display formula, shrunk to the line width when it is wider
\newcommand{\fitmath}[1]{{\centering
  \resizebox{\ifdim\width>\linewidth\linewidth\else\width\fi}{!}{$\displaystyle #1$}\par}}
"""


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
        formulas, lines = _witness_parts(v) if v.status == NOT_EQUIVALENT else ([], [])
        if formulas or lines:
            out.append(r"Witness:\par")
        out += [rf"\fitmath{{{f}}}" for f in formulas]
        out += [r"{\small " + tex_text(ln) + r"\par}" for ln in lines]
    return "\n".join(out)


def _reason(claim, v) -> str:
    if v.status == NOT_CHECKABLE:
        return v.reason or claim.reason
    return v.reason


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


def _compile_latex(source: str, build: Path, out: Path) -> tuple[str, int]:
    found = find_latex()
    if not found:
        raise PdfError(
            "no LaTeX engine on PATH (looked for " + ", ".join(LATEX_PROGRAMS) + "); install "
            "one (Debian: apt-get install texlive-latex-base) or use the default --engine typst"
        )
    name, path = found
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
    return name, _pages(out, build / "answers.log")


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


# -- Typst -------------------------------------------------------------------------------

_TYPST_PREAMBLE = """#set page(paper: "a4", margin: 2cm, numbering: "1")
#set text(size: 10.5pt)
#set par(justify: false)
#set heading(numbering: none)
#show heading.where(level: 1): set text(size: 15pt)
#show heading.where(level: 2): set text(size: 12.5pt)
#show heading.where(level: 3): set text(size: 11pt)
// a display formula, shrunk to the line width when it is wider
#let fit(body) = layout(size => {
  let w = measure(body).width
  let body = if w > size.width { scale(size.width / w * 100%, reflow: true, body) } else { body }
  align(center, body)
})
#let result(body) = align(center, box(stroke: 0.6pt, inset: 6pt, fill: luma(245), body))
#let mark(m) = text(font: "DejaVu Sans Mono", m)
"""


def _typst_str(text: str) -> str:
    """Text as a Typst string literal (nothing in it is markup)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _TypstMath:
    """LaTeX math → Typst math through tex2typst; remembers every formula it converted."""

    def __init__(self):
        from tex2typst import tex2typst

        self._convert = tex2typst
        self.formulas: list[tuple[str, str]] = []  # (latex, typst)
        self.raw: set[str] = set()  # formulas shown as LaTeX source

    def __call__(self, tex: str, display: bool = True) -> str:
        if tex in self.raw:
            return f"#raw({_typst_str(tex)})"
        try:
            ty = self._convert(_for_tex2typst(tex))
        except Exception:  # tex2typst cannot read it: show the source, counted as a fallback
            self.raw.add(tex)
            return f"#raw({_typst_str(tex)})"
        self.formulas.append((tex, ty))
        return f"$ {ty} $" if display else f"${ty}$"

    def text(self, text: str) -> str:
        """Text with ``$…$`` math, as Typst markup."""
        out = []
        for n, part in enumerate(text.split("$")):
            if n % 2:
                out.append(self(part, display=False))
            elif part:
                out.append(f"#{_typst_str(part)}")
        return "".join(out)


def _for_tex2typst(tex: str) -> str:
    """What tex2typst does not read as LaTeX does: primes (σ'), \\boxed, \\left./\\right."""
    tex = re.sub(r"'", r"^{\\prime}", tex)
    tex = re.sub(r"\^\{\\prime\}\^\{\\prime\}", r"^{\\prime\\prime}", tex)
    return tex


def typst_source(report: Report, math: _TypstMath, figure_prefix: str = "fig-") -> str:
    out = [_TYPST_PREAMBLE]
    out += [
        '#align(center)[#text(size: 20pt, weight: "bold")[Answer key] \\',
        f"#{_typst_str(_SUBTITLE)}]",
        "= Verdicts",
        f"#{_typst_str(f'{len(report.rows())} handwritten answers: {_summary(report)}.')}",
        "",
        "#table(columns: (auto, auto, 1fr, auto), stroke: 0.4pt, inset: 4pt,",
        "  table.header([*problem*], [*target*], [*location*], [*verdict*]),",
    ]
    for pid, target, location, v in report.rows():
        mark = MARKS[v.status][1]
        out.append(
            f"  [#raw({_typst_str(pid)})], [#raw({_typst_str(target)})], "
            f"[#{_typst_str(location)}], [#mark({_typst_str(mark)}) #{_typst_str(v.status)}],"
        )
    out.append(")")
    for s in report.sections:
        out.append(_typst_section(s, math, figure_prefix))
    return "\n".join(out) + "\n"


def _typst_section(s: Section, math: _TypstMath, figure_prefix: str) -> str:
    p = s.problem
    out = [
        "#pagebreak()",
        f"= #{_typst_str(f'{p.id}: {p.title}')}",
        f"#emph[#{_typst_str(f'Source: {p.source}')}]",
        "",
        math.text(p.statement),
        "",
    ]
    if s.derivation.results:
        out.append("== Derivation")
    for r in s.derivation:
        out.append(f"=== #raw({_typst_str(r.name)}): #{_typst_str(r.title or r.name)}")
        for n, rule, note, eq in _steps_of(r):
            note_t = f" ({math.text(note)})" if note else ""
            out += [f"{n}. #emph[{math.text(rule)}]{note_t}", "", f"#fit[{math(eq)}]", ""]
        out += ["*Result:*", "", f"#result[{math(r.latex)}]", ""]
        for name, form in r.tex["forms"].items():
            out += [
                f"Equivalently (#{_typst_str(name)}):",
                "",
                f"#fit[{math(r.tex['lhs'] + ' = ' + form)}]",
                "",
            ]
        out += [f"#text(size: 9pt)[#{_typst_str(_numeric_text(r.numeric))}]", ""]
    for f in s.figures:
        out += [f'#align(center, image("{figure_prefix}{p.id}-{f.name}.svg", width: 92%))', ""]
    if s.claims:
        out.append("== Handwritten answers")
    for c, v in s.claims:
        mark = MARKS[v.status][1]
        reason = _reason(c, v)
        target = f" (target #raw({_typst_str(c.target)}))" if c.target else ""
        out += [
            f"*#{_typst_str(c.location)}*{target}",
            "",
            f"#fit[{math(c.latex)}]",
            "",
            f"#mark({_typst_str(mark)}) *#{_typst_str(v.status)}*"
            + (f": #{_typst_str(reason)}" if reason else ""),
            "",
        ]
        formulas, lines = _witness_parts(v) if v.status == NOT_EQUIVALENT else ([], [])
        if formulas or lines:
            out += ["Witness:", ""]
        for f in formulas:
            out += [f"#fit[{math(f)}]", ""]
        out += [f"#text(size: 9pt)[{math.text(ln)}]" + "\n" for ln in lines]
    return "\n".join(out)


def _compile_typst(report: Report, build: Path, out: Path) -> tuple[int, list]:
    import typst

    math = _TypstMath()
    source = typst_source(report, math)
    main = build / "answers.typ"
    main.write_text(source, encoding="utf-8")
    try:
        typst.compile(str(main), output=str(out), root=str(build))
        return _displays(source), sorted(math.raw)
    except Exception:
        pass
    # some converted formula does not compile: find which, show those as LaTeX source
    for tex, ty in math.formulas:
        try:
            typst.compile(f"$ {ty} $".encode(), format="pdf")
        except Exception:
            math.raw.add(tex)
    math.formulas = []
    source = typst_source(report, math)
    main.write_text(source, encoding="utf-8")
    try:
        typst.compile(str(main), output=str(out), root=str(build))
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PdfError(f"typst failed: {first} (source kept in {main})") from None
    return _displays(source), sorted(math.raw)


def _displays(source: str) -> int:
    """Display formulas in a Typst source (each one is in a #fit or a #result box)."""
    return source.count("#fit[") + source.count("#result[")


# -- the whole job -----------------------------------------------------------------------


def write_pdf(
    report: Report, out: str | os.PathLike, engine: str = "typst", tex: str | None = None
) -> PdfInfo:
    """Render ``report`` to the PDF ``out`` with ``engine``; ``tex``: also write the LaTeX
    source there (with its figures next to it, ``<name>-fig-….pdf``)."""
    if engine not in ENGINES:
        raise SymderivError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    start = time.perf_counter()
    out = Path(out)
    _need_folder(out)
    build = Path(tempfile.mkdtemp(prefix="symderiv-pdf-"))
    ok = False  # a failed build is kept for its log and source
    try:
        info = PdfInfo(str(out), engine, "typst")
        if tex:
            _write_tex(report, Path(tex))
            info.tex = str(tex)
        if engine == "typst":
            _render_figures(report, build, "fig-", ".svg")
            info.formulas, info.fallbacks = _compile_typst(report, build, out)
            info.pages = _pages(out)
        else:
            _render_figures(report, build, "fig-", ".pdf")
            source = latex_source(report)
            info.formulas = source.count(r"\fitmath{")
            info.program, info.pages = _compile_latex(source, build, out)
        info.seconds = time.perf_counter() - start
        ok = True
        return info
    finally:
        if ok and not os.environ.get("SYMDERIV_KEEP_BUILD"):
            shutil.rmtree(build, ignore_errors=True)


def _need_folder(path: Path) -> None:
    if not path.parent.exists():
        raise SymderivError(
            f"cannot write {str(path)!r}: folder {str(path.parent)!r} does not exist"
        )


def _render_figures(report: Report, folder: Path, prefix: str, suffix: str) -> None:
    """Every figure of the report, as ``{folder}/{prefix}{problem}-{plot}{suffix}``."""
    from .plots import render

    for s in report.sections:
        for f in s.figures:
            render(f, str(folder / f"{prefix}{s.problem.id}-{f.name}{suffix}"))


def _write_tex(report: Report, path: Path) -> None:
    _need_folder(path)
    prefix = f"{path.stem}-fig-"
    _render_figures(report, path.parent, prefix, ".pdf")
    path.write_text(latex_source(report, figure_prefix=prefix), encoding="utf-8")


def _pages(pdf: Path, log: Path | None = None) -> int:
    """Pages of the PDF: from the TeX log when there is one (pdfTeX compresses its page
    tree), else counted from the page objects (Typst writes them plainly). 0: unknown."""
    if log is not None:
        text = log.read_text(errors="replace") if log.exists() else ""
        found = re.search(r"Output written on .*?\((\d+) pages?", text, re.S)
        return int(found.group(1)) if found else 0
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
