"""The Typst writer of the answer PDF (needs no TeX): the ``typst`` package bundles the
compiler; each LaTeX formula is converted by ``tex2typst``. A converted formula that does not
compile is shown as its LaTeX source and counted."""

from __future__ import annotations

import re
from pathlib import Path

from ..check import NOT_EQUIVALENT
from .latexdoc import PdfError
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
        if v.diagnosis:
            out += [f"_The mistake:_~{math.text(v.diagnosis['explanation'])}", ""]
        formulas, lines = _witness_parts(v) if v.status == NOT_EQUIVALENT else ([], [])
        if formulas or lines:
            out += ["Witness:", ""]
        for f in formulas:
            out += [f"#fit[{math(f)}]", ""]
        out += [f"#text(size: 9pt)[{math.text(ln)}]" + "\n" for ln in lines]
    return "\n".join(out)


def compile_typst(report: Report, build: Path, out: Path) -> tuple[int, list]:
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
