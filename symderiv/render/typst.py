"""The Typst writer of the answer PDF (needs no TeX): the ``typst`` package bundles the
compiler; each LaTeX formula is converted by ``tex2typst``. Text from specs, claims and
verdicts is a Typst string literal (``safe.typst_text``); a formula is typeset only if its
conversion passes ``safe.typst_math_ok`` and compiles, else it is shown as its LaTeX source
and counted. Conversion and compile run in a bounded child (``isolate.run_typst``) whose
project root holds only the document and its figures."""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

from ..check import NOT_EQUIVALENT
from .isolate import PdfError, run_typst
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
from .safe import split_math, typst_convertible, typst_math_ok, typst_raw, typst_str, typst_text

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
// a formula shown as its LaTeX source: it was not typeset
#let verbatim(source) = align(center, block(text(size: 9pt, raw(source))))
#let mark(m) = text(font: "DejaVu Sans Mono", m)
"""


#: symbols tex2typst still names as Typst before 0.14 did (⊙ ⊗ ⊖): their names today
_RENAMED = re.compile(r"\b(dot|times|minus|plus|div)\.circle\b")


def _renamed(ty: str | None) -> str | None:
    return _RENAMED.sub(r"\1.o", ty) if ty else ty


class _TypstMath:
    """LaTeX math → Typst math. A first pass over the document collects the formulas
    (``wanted``); once ``converted`` holds what tex2typst made of them, each is typeset if
    its conversion passes the gate and is not in ``raw``, else shown as its source."""

    def __init__(self):
        self.converted: dict[str, str | None] | None = None  # None: collecting
        self.wanted: dict[str, None] = {}
        self.formulas: list[tuple[str, str]] = []  # (latex, typst) typeset
        self.raw: set[str] = set()  # formulas shown as their LaTeX source
        self.displays = 0  # display formulas written (typeset or shown as source)

    def _typst(self, tex: str) -> str | None:
        if self.converted is None:
            if typst_convertible(tex):
                self.wanted[tex] = None
            return None
        ty = None if tex in self.raw else self.converted.get(tex)
        if ty is None or not typst_math_ok(ty):
            self.raw.add(tex)
            return None
        self.formulas.append((tex, ty))
        return ty

    def inline(self, tex: str) -> str:
        ty = self._typst(tex)
        return typst_raw(tex) if ty is None else f"${ty}$"

    def display(self, tex: str, box: str = "fit") -> str:
        """A display formula: ``#fit[$ … $]`` (or ``#result[…]``), or its source."""
        self.displays += 1
        ty = self._typst(tex)
        if ty is None:
            return f"#verbatim({typst_str(tex, breaks=True)});"
        return f"#{box}[$ {ty} $]"

    def text(self, text: str) -> str:
        """Text with ``$…$`` math, as Typst markup."""
        return "".join(
            self.inline(p) if is_math else typst_text(p) for is_math, p in split_math(text)
        )


def typst_source(report: Report, math: _TypstMath, figures: dict) -> str:
    """The document; ``figures``: (problem id, plot name) → file name in the root folder."""
    out = [_TYPST_PREAMBLE]
    out += [
        '#align(center)[#text(size: 20pt, weight: "bold")[Answer key] \\',
        f"{typst_text(_SUBTITLE)}]",
        "= Verdicts",
        typst_text(f"{len(report.rows())} handwritten answers: {_summary(report)}."),
        "",
        "#table(columns: (auto, auto, 1fr, auto), stroke: 0.4pt, inset: 4pt,",
        "  table.header([*problem*], [*target*], [*location*], [*verdict*]),",
    ]
    for pid, target, location, v in report.rows():
        mark = MARKS[v.status][1]
        out.append(
            f"  [{typst_raw(pid)}], [{typst_raw(target)}], [{typst_text(location)}], "
            f"[#mark({typst_str(mark)}) {typst_text(v.status)}],"
        )
    out.append(")")
    for s in report.sections:
        out.append(_typst_section(s, math, figures))
    return "\n".join(out) + "\n"


def _typst_section(s: Section, math: _TypstMath, figures: dict) -> str:
    p = s.problem
    out = [
        "#pagebreak()",
        f"= {typst_text(f'{p.id}: {p.title}')}",
        f"#emph[{typst_text(f'Source: {p.source}')}]",
        "",
        math.text(p.statement),
        "",
    ]
    if s.derivation.results:
        out.append("== Derivation")
    for r in s.derivation:
        out.append(f"=== {typst_raw(r.name)}: {typst_text(r.title or r.name)}")
        for n, rule, note, eq in _steps_of(r):
            note_t = f" ({math.text(note)})" if note else ""
            out += [f"{n}. #emph[{math.text(rule)}]{note_t}", "", math.display(eq), ""]
        out += ["*Result:*", "", math.display(r.latex, box="result"), ""]
        for name, form in r.tex["forms"].items():
            out += [
                f"Equivalently ({typst_text(name)}):",
                "",
                math.display(r.tex["lhs"] + " = " + form),
                "",
            ]
        out += [f"#text(size: 9pt)[{typst_text(_numeric_text(r.numeric))}]", ""]
    for f in s.figures:
        path = figures[(p.id, f.name)]
        out += [f"#align(center, image({typst_str(path)}, width: 92%))", ""]
    if s.claims:
        out.append("== Handwritten answers")
    for c, v in s.claims:
        mark = MARKS[v.status][1]
        reason = _reason(c, v)
        target = f" (target {typst_raw(c.target)})" if c.target else ""
        out += [
            f"*{typst_text(c.location)}*{target}",
            "",
            math.display(c.latex),
            "",
            f"#mark({typst_str(mark)}) *{typst_text(v.status)}*"
            + (f": {typst_text(reason)}" if reason else ""),
            "",
        ]
        if v.reading and v.reading.get("latex"):  # how the checker read it ("interpreted as")
            out += ["_Read as:_", "", math.display(v.reading["latex"]), ""]
        if v.diagnosis:
            out += [f"_The mistake:_~{math.text(v.diagnosis['explanation'])}", ""]
        formulas, lines = _witness_parts(v) if v.status == NOT_EQUIVALENT else ([], [])
        if formulas or lines:
            out += ["Witness:", ""]
        for f in formulas:
            out += [math.display(f), ""]
        out += [f"#text(size: 9pt)[{math.text(ln)}]" + "\n" for ln in lines]
    return "\n".join(out)


def compile_typst(report: Report, build: Path, out: Path, figures: dict) -> tuple[int, list]:
    """Write the document to ``build/doc`` (where the figures already are: the project root)
    and compile it to ``out``: (display formulas, formulas shown as source)."""
    doc = build / "doc"
    empty = build / "empty"
    empty.mkdir(exist_ok=True)
    math = _TypstMath()
    typst_source(report, math, figures)  # the first pass: which formulas
    wanted = list(math.wanted)
    converted = run_typst({"op": "convert", "formulas": wanted}, build)["typst"] if wanted else []
    math.converted = {tex: _renamed(ty) for tex, ty in zip(wanted, converted)}
    main = doc / "answers.typ"
    pdf = doc / "answers.pdf"
    for attempt in range(2):
        math.formulas, math.displays = [], 0
        source = typst_source(report, math, figures)
        main.write_text(source, encoding="utf-8")
        check = [ty for _, ty in math.formulas] if not attempt else []
        job = {"op": "compile", "main": str(main), "output": str(pdf), "root": str(doc),
               "empty": str(empty), "check": check}  # fmt: skip
        res = run_typst(job, build)
        if res["ok"]:
            shutil.copyfile(pdf, out)
            return math.displays, sorted(math.raw)
        if not res["bad"]:
            break
        # some converted formulas do not compile: show those as their LaTeX source
        for n in res["bad"]:
            math.raw.add(math.formulas[n][0])
    for code in (errno.EFBIG, errno.ENOSPC, errno.EDQUOT):  # the disk, not the document
        if os.strerror(code) in (res["error"] or ""):
            raise OSError(code, os.strerror(code))  # an I/O error, named by write_pdf
    raise PdfError(f"typst failed: {res['error']} (source kept in {main})")
