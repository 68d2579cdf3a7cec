"""Answer PDFs: per problem the statement, the derivation's steps, the boxed results, every
handwritten claim with its verdict (and witness), the plots; a cover page with all verdicts.

One report model (``build_report``), two writers:

* **Typst** (default, needs no TeX): the ``typst`` package bundles the compiler; each LaTeX
  formula is converted by ``tex2typst``.
* **LaTeX** (``engine="latex"``): the same report as an ``amsmath``/``graphicx`` document,
  compiled by the first of latexmk, pdflatex, lualatex, tectonic found on PATH.

Text from specs, claims and verdicts is escaped for the engine, a formula is typeset only if
it passes the engine's gate and compiles, else it is shown as its source and counted in
``PdfInfo.fallbacks`` (none for the built-in problems); see ``safe``. The compilers run in a
bounded child in a folder of their own; see ``isolate``.

Plots are drawn by matplotlib as vector graphics (SVG for Typst, PDF for LaTeX).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SymderivError, file_error
from .isolate import PdfError
from .latexdoc import LATEX_PROGRAMS, compile_latex, find_latex, latex_source, pages
from .report import Report, build_report
from .typst import compile_typst

ENGINES = ("typst", "latex")

__all__ = ["ENGINES", "LATEX_PROGRAMS", "PdfError", "PdfInfo", "build_report", "find_latex",
           "write_pdf"]  # fmt: skip


@dataclass
class PdfInfo:
    """What was built: the PDF's path, the engine and program, pages, display formulas, those
    shown as their LaTeX source (``fallbacks``), seconds."""

    path: str
    engine: str
    program: str
    pages: int = 0
    formulas: int = 0
    fallbacks: list = field(default_factory=list)
    seconds: float = 0.0
    tex: str | None = None


def write_pdf(
    report: Report, out: str | os.PathLike, engine: str = "typst", tex: str | None = None
) -> PdfInfo:
    """Render ``report`` to the PDF ``out`` with ``engine``; ``tex``: also write the LaTeX
    source there (with its figures next to it, ``<name>-fig-….pdf``).

    The build folder is new and holds only the document and its figures (the Typst root is
    its ``doc`` folder); the compilers run bounded in a child (``isolate``)."""
    if engine not in ENGINES:
        raise SymderivError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    start = time.perf_counter()
    out = Path(out)
    _need_folder(out)
    if tex:
        _need_folder(Path(tex))
    build = Path(tempfile.mkdtemp(prefix="symderiv-pdf-"))
    ok, making = False, Path(tex) if tex else out  # the output being made
    try:
        info = PdfInfo(str(out), engine, "typst")
        if tex:  # first: it is there to debug with should the build fail
            _write_tex(report, Path(tex), (), build)
            info.tex, making = str(tex), out
        built = build / "result.pdf"  # compiled here, then renamed into place whole
        if engine == "typst":
            doc = build / "doc"
            doc.mkdir()
            figures = _render_figures(report, doc, "fig-", ".svg")
            info.formulas, info.fallbacks = compile_typst(report, build, built, figures)
            info.pages = pages(built)
        else:
            figures = _render_figures(report, build, "fig-", ".pdf")
            info.program, info.pages, info.formulas, info.fallbacks = compile_latex(
                report, build, built, figures
            )
            if tex and info.fallbacks:  # the source as it compiled: those shown as source
                making = Path(tex)
                _write_tex(report, making, info.fallbacks, build)
        install(built, out)
        info.seconds = time.perf_counter() - start
        ok = True
        return info
    except OSError as exc:  # in the build folder: named by the output it was for
        if exc.errno is None:
            raise
        then = f"it was being made in {build.parent}"
        raise file_error(exc, making, "write", then) from None
    finally:  # the build folder is removed, a failed one too (SYMDERIV_KEEP_BUILD=1 keeps it)
        if os.environ.get("SYMDERIV_KEEP_BUILD"):
            if not ok:
                print(f"symderiv: the failed build is kept in {build}", file=sys.stderr)
        else:
            shutil.rmtree(build, ignore_errors=True)


def pdf_paths(problems, out, tex=None) -> tuple[list, list]:
    """(inputs, outputs) of ``pdf`` for ``check_paths``: each problem's spec file; the PDF,
    the LaTeX source and every file its figures may be written to (a figure's number shifts
    down when an earlier one is left out: each number it may have)."""
    inputs = [("the spec file", Path(p.path)) for p in problems if getattr(p, "path", None)]
    outputs = [("the PDF", Path(out))]
    if tex:
        tex = Path(tex)
        outputs.append(("the LaTeX source", tex))
        prefix, seen, n = f"{_slug(tex.stem, 80)}-fig-", set(), 0
        for p in problems:
            for plot in p.plots:
                n += 1
                for k in range(1, n + 1):
                    name = f"{prefix}{k}-{_slug(p.id)}-{_slug(plot.name)}.pdf"
                    if name not in seen:
                        seen.add(name)
                        outputs.append(("a figure of the LaTeX source", tex.parent / name))
    return inputs, outputs


def install(src: Path, dest: Path) -> None:
    """Copy ``src`` to a temporary file beside ``dest``, flush it to the disk, and rename it
    into place: ``dest`` is whole or untouched (a symlink there is replaced, never written
    through); a failure leaves no temporary file and names ``dest`` and the cause."""
    folder = str(dest.parent) if str(dest.parent) else "."
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.name[:100]}.", suffix=".tmp", dir=folder)
        with open(fd, "wb") as f, open(src, "rb") as source:
            try:
                mode = os.stat(dest).st_mode & 0o7777
            except OSError:
                mask = os.umask(0o022)
                os.umask(mask)
                mode = 0o666 & ~mask
            os.fchmod(f.fileno(), mode)
            shutil.copyfileobj(source, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, dest)
        tmp = None
    except OSError as exc:
        raise file_error(exc, dest, "write") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _need_folder(path: Path) -> None:
    if not path.parent.exists():
        raise SymderivError(
            f"cannot write {str(path)!r}: folder {str(path.parent)!r} does not exist"
        )


def _slug(text: str, limit: int = 40) -> str:
    """A file-name part made of ``[A-Za-z0-9_-]`` only (spec text never names a path)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)[:limit] or "_"


def _render_figures(report: Report, folder: Path, prefix: str, suffix: str) -> dict:
    """Every figure of the report, as ``{folder}/{prefix}{n}-{problem}-{plot}{suffix}`` (the
    names reduced to safe characters); (problem id, plot name) → file name."""
    from .plots import render

    names = {}
    for s in report.sections:
        for f in s.figures:
            name = f"{prefix}{len(names) + 1}-{_slug(s.problem.id)}-{_slug(f.name)}{suffix}"
            render(f, str(folder / name))
            names[(s.problem.id, f.name)] = name
    return names


def _write_tex(report: Report, path: Path, raw, build: Path) -> None:
    """The LaTeX source at ``path`` and its figures beside it, each made in ``build`` and
    renamed into place (see ``install``)."""
    made = build / "tex"
    made.mkdir(exist_ok=True)
    figures = _render_figures(report, made, f"{_slug(path.stem, 80)}-fig-", ".pdf")
    source = made / "source.tex"
    source.write_text(latex_source(report, figures, raw), encoding="utf-8")
    for name in figures.values():
        install(made / name, path.parent / name)
    install(source, path)
