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
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SymderivError
from .latexdoc import LATEX_PROGRAMS, PdfError, compile_latex, find_latex, latex_source, pages
from .report import Report, build_report
from .typst import compile_typst

ENGINES = ("typst", "latex")

__all__ = ["ENGINES", "LATEX_PROGRAMS", "PdfError", "PdfInfo", "build_report", "find_latex",
           "write_pdf"]  # fmt: skip


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
    ok = False
    try:
        info = PdfInfo(str(out), engine, "typst")
        if tex:
            _write_tex(report, Path(tex))
            info.tex = str(tex)
        if engine == "typst":
            _render_figures(report, build, "fig-", ".svg")
            info.formulas, info.fallbacks = compile_typst(report, build, out)
            info.pages = pages(out)
        else:
            _render_figures(report, build, "fig-", ".pdf")
            source = latex_source(report)
            info.formulas = source.count(r"\fitmath{")
            info.program, info.pages = compile_latex(source, build, out)
        info.seconds = time.perf_counter() - start
        ok = True
        return info
    finally:  # the build folder is removed, a failed one too (SYMDERIV_KEEP_BUILD=1 keeps it)
        if os.environ.get("SYMDERIV_KEEP_BUILD"):
            if not ok:
                print(f"symderiv: the failed build is kept in {build}", file=sys.stderr)
        else:
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
