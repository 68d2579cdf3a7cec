"""Answer PDFs through both engines: the text of the PDF (pypdf) has every problem's title and
every verdict, and every formula compiled (Typst: none fell back to LaTeX source; LaTeX:
pdfTeX stops at the first error)."""

import os
import re
import shutil
import subprocess
import textwrap
from collections import Counter

import pytest
from pypdf import PdfReader

from symderiv import registry
from symderiv.check import NOT_EQUIVALENT
from symderiv.cli import main
from symderiv.render import pdf


@pytest.fixture(scope="module")
def report():
    return pdf.build_report(registry.all_problems())


def _text(path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)


def _words(title: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z0-9]{3,}", title)]


def _status_counts(text: str) -> Counter:
    found = re.findall(r"(?<![\w-])((?:not-)?equivalent(?:-numerically)?|not-checkable|"
                       r"unreadable|undecided)(?![\w-])", text)  # fmt: skip
    return Counter(found)


def _expected_displays(report) -> int:
    """Display formulas the report must show: steps, results, other forms, claims, witnesses."""
    n = 0
    for s in report.sections:
        for r in s.derivation:
            n += len(r.steps) + 1 + len(r.forms)
        for _, v in s.claims:
            n += 1 + bool(v.reading and v.reading.get("latex"))  # the claim; how it was read
            if v.status == NOT_EQUIVALENT and v.witness and "at" in v.witness:
                n += (len(v.witness["at"]) + 3) // 4 + 1
    return n


def _assert_complete(path, report, info):
    text = _text(path)
    flat = re.sub(r"\s+", " ", text)
    for s in report.sections:
        p = s.problem
        assert p.id in flat
        for w in _words(p.title):
            assert w in flat, (p.id, w)
    # each verdict is printed twice: in the cover table and under its problem
    want = Counter(v.status for *_, v in report.rows())
    summary = re.compile(r"\d+ handwritten answers:.*?\.(\s|$)", re.S)
    assert summary.search(text)
    got = _status_counts(summary.sub("", text, count=1))
    for status, n in want.items():
        assert got[status] == 2 * n, (status, got[status], n)
    assert info.formulas == _expected_displays(report)
    assert info.pages > 20


def test_typst_pdf_has_every_title_verdict_and_formula(report, tmp_path):
    info = pdf.write_pdf(report, tmp_path / "answers.pdf")
    assert info.engine == "typst" and info.fallbacks == []
    _assert_complete(tmp_path / "answers.pdf", report, info)
    # the plots are embedded as vector graphics (no raster images in the PDF)
    data = (tmp_path / "answers.pdf").read_bytes()
    assert b"/Subtype /Image" not in data and b"/Subtype/Image" not in data


def _need_tex():
    if pdf.find_latex() is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have a TeX engine (.ci/run installs texlive-latex-base)")
        pytest.skip("no TeX engine on PATH on this machine")


def test_latex_pdf_has_every_title_verdict_and_formula(report, tmp_path):
    _need_tex()
    tex = tmp_path / "src" / "answers.tex"
    tex.parent.mkdir()
    info = pdf.write_pdf(report, tmp_path / "answers.pdf", engine="latex", tex=str(tex))
    assert info.engine == "latex" and info.program in pdf.LATEX_PROGRAMS
    _assert_complete(tmp_path / "answers.pdf", report, info)
    # --tex: the source and its figures, side by side, for a TeX distribution of your own
    source = tex.read_text()
    assert source.startswith(r"\documentclass") and r"\usepackage{amsmath" in source
    figs = re.findall(r"\\includegraphics\[[^]]*\]\{([^}]*)\}", source)
    assert len(figs) == 3 and all((tex.parent / f).exists() for f in figs)
    assert source.isascii()  # pdflatex-safe: Unicode in the text became LaTeX


BAD_SPEC = textwrap.dedent(
    r"""
    import sympy as sp
    from symderiv.spec import Claim, Problem, Source, Target

    w, a = sp.symbols("w a", real=True)
    PROBLEM = Problem(
        id="badmath", title="A claim in a macro nobody defined", source=Source("notes", "1"),
        statement="$q = a w^2$",
        targets=(Target("dq_dw", sp.Derivative(a * w**2, w)),),
        claims=(Claim("dq_dw", r"\foo{2 a w}", "line 1"),),
        notation={"a": a, "w": w},
    )
    """
)


def test_a_formula_typst_cannot_compile_is_shown_as_source(tmp_path):
    (tmp_path / "bad.py").write_text(BAD_SPEC)
    problem = registry.load("badmath", [tmp_path])
    report = pdf.build_report([problem])
    info = pdf.write_pdf(report, tmp_path / "bad.pdf")
    assert info.fallbacks == [r"\foo{2 a w}"]
    assert r"\foo{2 a w}" in _text(tmp_path / "bad.pdf")


def test_a_formula_tex_cannot_read_is_shown_as_source_in_latex_too(tmp_path):
    """An unknown macro in a claim no longer stops the whole LaTeX build: like Typst, the
    document shows that formula as its source and counts it."""
    _need_tex()
    (tmp_path / "bad.py").write_text(BAD_SPEC)
    problem = registry.load("badmath", [tmp_path])
    report = pdf.build_report([problem])
    info = pdf.write_pdf(report, tmp_path / "bad.pdf", engine="latex")
    assert info.fallbacks == [r"\foo{2 a w}"]
    assert r"\foo{2 a w}" in _text(tmp_path / "bad.pdf")


def test_a_latex_error_is_one_line_with_the_line_number(tmp_path, capsys, monkeypatch):
    """A TeX error that is no formula's (student text can no longer cause one: here the
    preamble is broken on purpose) is one line with its line, exit 5."""
    _need_tex()
    from symderiv.render import latexdoc

    monkeypatch.setattr(latexdoc, "_LATEX_PREAMBLE", latexdoc._LATEX_PREAMBLE + "\\nosuchmacro\n")
    out = tmp_path / "ex14.pdf"
    code = main(["pdf", "exercise14", "-o", str(out), "--engine", "latex"])
    err = capsys.readouterr().err
    assert code == 5 and err.count("\n") == 1
    assert "Undefined control sequence" in err and "answers.tex line" in err
    assert not out.exists()


def test_no_tex_engine_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing on PATH
    code = main(["pdf", "exercise14", "-o", str(tmp_path / "x.pdf"), "--engine", "latex"])
    err = capsys.readouterr().err
    assert code == 5 and err.count("\n") == 1
    assert "no LaTeX engine on PATH" in err and "--engine typst" in err


def test_pdf_command(tmp_path, capsys):
    out = tmp_path / "ex14.pdf"
    assert main(["pdf", "exercise14", "1.1", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"wrote {out}: 2 problems, 8 verdicts") and "(typst)" in printed
    text = _text(out)
    assert "Chain rule through a residual" in re.sub(r"\s+", " ", text)
    assert "8 handwritten answers: 8 equivalent." in text
    assert _status_counts(text)["equivalent"] == 1 + 16  # the summary, the table, the sections


@pytest.mark.parametrize(
    "argv, message",
    [
        (["pdf"], "pdf needs problem ids, or --all"),
        (["pdf", "--all", "exercise13"], "pdf needs problem ids, or --all"),
        (["pdf", "exercise31"], "unknown problem id 'exercise31'"),
        (["pdf", "exercise14", "-o", "/nonexistent/dir/a.pdf"], "does not exist"),
    ],
)
def test_pdf_usage_errors(argv, message, capsys):
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize("problem_id", ["exercise12", "hw3_2ab", "hw3_3b", "exercise14"])
def test_derive_document_fits_the_page(problem_id, tmp_path, capsys):
    """`derive --latex --document` compiles as it is, with no line wider than the page (these
    four problems overflowed by up to 250 pt)."""
    _need_tex()
    assert main(["derive", problem_id, "--latex", "--document"]) == 0
    (tmp_path / "d.tex").write_text(capsys.readouterr().out)
    program = shutil.which("pdflatex") or shutil.which("lualatex")
    if program is None:
        pytest.skip("no pdflatex or lualatex on PATH")
    subprocess.run([program, "-interaction=nonstopmode", "d.tex"], cwd=tmp_path,
                   capture_output=True, timeout=300, check=False)  # fmt: skip
    log = (tmp_path / "d.log").read_text(errors="replace")
    assert (tmp_path / "d.pdf").exists(), log[-2000:]
    assert "Overfull \\hbox" not in log and "\n! " not in log
