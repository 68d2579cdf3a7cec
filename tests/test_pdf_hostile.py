"""Student text cannot take over an answer PDF (issue 27, finding 2).

Hostile strings (quotes, ``#``, ``\\input``, ``\\write18``, brackets, NUL, bad surrogates,
100 000-character runs, …) go through every field that reaches a PDF, with both engines:
the PDF builds, shows the text as written (``FORGED`` appears only inside the student's own
visible source), reads no file outside its folder, runs nothing, and the ``--tex`` source has
no live command from student text. The compilers' isolation and bounds are tested on their
own, without the escaping in front of them."""

import os
import re
import sys
import unicodedata
from pathlib import Path

import pytest
import sympy as sp
from pypdf import PdfReader

from symderiv.cli import main
from symderiv.errors import SymderivError
from symderiv.render import isolate, latexdoc, pdf, safe
from symderiv.render import typst as typst_writer
from symderiv.render.report import Report
from symderiv.spec import Claim, Definition, Plot, Problem, Source, Target

SECRET = "SECRET-7f3a9c1e"  # in files beside and above the build folder


def hostile(pwned: str) -> list[str]:
    """The strings tried; ``pwned``: the file a shell escape would create."""
    forge = "#text(fill: green)[FORGED]"
    return [
        '"', '\\"', "#", '#read("/etc/passwd")', '#read("../secret.txt")',
        '#read("../../secret.txt")', '#read("answers.typ")', '#image("../secret.svg")',
        '#include "../secret.typ"', forge, f'\\text{{"); {forge} ("}}',
        '\\text{FORGED"); #eval("1") ("}', f'") {forge} //', f"]) {forge} [(",
        f'#"; {forge}; #"', "} \\text{FORGED} {", "\\def\\x{FORGED}\\x",
        f"$\\input{{/etc/passwd}}$ and ${forge}$", "]", ")", "[", "}", "{", "$", "$$",
        "\\input{/etc/passwd}", "\\input{../secret.txt}", "\\input{../../secret}",
        "\\input{answers}", "\\include{x}", f"\\write18{{touch {pwned}}}",
        f"\\immediate\\write18{{touch {pwned}}}", "\\openin5=/etc/passwd \\read5 to \\x \\x",
        "\\immediate\\openout5=../owned.tex \\immediate\\write5{x}", "\\catcode`\\#=12 #",
        "\\csname input\\endcsname{/etc/passwd}", "^^5cinput{/etc/passwd}", "\\end{document}",
        "\\read(\\text{/etc/passwd})", "\\std.\\read(\\text{x})", "\\eval(\\text{1})",
        "\x00", "a\x00b\x07c\x1b[31m", "\ud800", "x\udfffy", "\u202edegrof",
        "(" * 100_000, "#" * 100_000, "`", "```raw```", "<", "<label>", "@ref", "//", "/*",
        "*/", "%", "\\", "\\\\", "a\n\nb", "\\left(", "\\begin{matrix}",
        # harmless but wrong: past the gates, then refused by the compiler
        "x^2^3", "\\frac{1}", "\\hat{}", "\\mathbb{}",
    ]  # fmt: skip


FIELDS = (
    "problem id", "title", "source file", "source exercise", "statement (text and $math$)",
    "target name", "target title", "definition name (a step's note)", "plot name",
    "plot title", "plot label", "claim LaTeX", "claim location", "claim reason",
    "symbol name (in every derived formula)",
)  # fmt: skip


def problems(strings: list[str]) -> list[Problem]:
    """Two problems a string: one with it in every text field and as claims, one with it as
    the name of a symbol (so in the engine's own formulas)."""
    w, a, q = sp.symbols("w a q", real=True)
    n = sp.Symbol("n", integer=True)
    out = []
    for k, h in enumerate(strings):
        out.append(
            Problem(
                id=h, title=h, source=Source(h, h), statement=f"Text {h} and math ${h}$ end.",
                definitions=(Definition(q, a * w**2, f"{h} ${h}$"),),
                targets=(Target(h, sp.Derivative(q, w), h),),
                claims=(Claim(h, h, h), Claim(h, "2 a w", h),
                        Claim(h, h, h, checkable=False, reason=h)),
                notation={"a": a, "w": w, "q": q},
                plots=(Plot(h, h, "stem", ((h, sp.Lambda(n, n**2)),), (0, 3)),),
            )
        )  # fmt: skip
        s = sp.Symbol(h, real=True)
        out.append(
            Problem(
                id=f"symbol{k}", title="A symbol's name", source=Source("s", "s"),
                statement="q = s w²", definitions=(Definition(q, s * w**2, "q"),),
                targets=(Target("dq_dw", sp.Derivative(q, w), "dq/dw"),),
                claims=(Claim("dq_dw", "2 w", "line 1"),), notation={"w": w, "q": q},
            )
        )  # fmt: skip
    return out


def _need_tex():
    if pdf.find_latex() is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have a TeX engine (.ci/run installs texlive-latex-base)")
        pytest.skip("no TeX engine on PATH on this machine")


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """Secrets beside and above the build folder (which tempfile makes in ``tmp``), no cache;
    the file a shell escape would create."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    for folder in (tmp_path, tmp):
        (folder / "secret.txt").write_text(SECRET)
        (folder / "secret.tex").write_text(SECRET)
        (folder / "secret.typ").write_text(SECRET)
        (folder / "secret.svg").write_text(
            f'<svg xmlns="http://www.w3.org/2000/svg"><text y="10">{SECRET}</text></svg>'
        )
    monkeypatch.setattr("tempfile.tempdir", str(tmp))
    monkeypatch.setenv("SYMDERIV_CACHE", "off")
    return tmp_path


def _flat(pdf_path) -> str:
    """The PDF's text without whitespace (and the breaks the writers insert)."""
    text = "\n".join(p.extract_text() for p in PdfReader(str(pdf_path)).pages)
    text = unicodedata.normalize("NFKC", text).replace(safe.ZWSP, "")
    text = re.sub(r"-\s*\n", "", text)  # a word TeX hyphenated at a line's end
    return re.sub(r"\s+", "", text)


#: commands student text must never bring into the LaTeX source (the engine's preamble has
#: some of them: their number must stay the preamble's)
DANGEROUS = re.compile(
    r"\\(input|include|write|immediate|openin|openout|read|catcode|def|edef|gdef|xdef|let|"
    r"csname|special|directlua|newcommand|renewcommand|usepackage|documentclass|begin\{document"
    r"|end\{document)(?![A-Za-z])"
)


def _assert_harmless(pdf_path, root, tex_source=None):
    flat = _flat(pdf_path)
    # forged text: every FORGED is shown with the characters the student wrote around it
    # (``)[FORGED]``, ``{FORGED}``, ``{FORGED"``), which a line break cannot separate from it.
    # Run as code it would stand alone: ``");FORGED("``, or bare in the text.
    found = list(re.finditer("FORGED", flat))
    assert len(found) >= len(FIELDS)
    for m in found:
        before, after = flat[m.start() - 2 : m.start()], flat[m.end() : m.end() + 1]
        shown = (before == ")[" and after == "]") or (before[-1:] == "{" and after in '}"')
        assert shown, flat[m.start() - 60 : m.end() + 20]
    # no file read: the secrets, /etc/passwd, the document's own source
    assert SECRET not in flat
    assert "root:x:0:0" not in flat and "#setpage(" not in flat
    assert "documentclass" not in flat and "usepackage" not in flat
    # nothing ran
    assert not (root / "pwned").exists() and not (root / "owned.tex").exists()
    assert not (root / "tmp" / "owned.tex").exists()
    if tex_source is not None:
        assert tex_source.isascii() and "^^" not in tex_source
        live = [m.group(0) for m in DANGEROUS.finditer(tex_source)]
        engine = [m.group(0) for m in DANGEROUS.finditer(latexdoc._LATEX_PREAMBLE)]
        engine += [r"\begin{document", r"\end{document"]
        assert sorted(live) == sorted(engine)


def _report(strings) -> tuple[Report, list[str]]:
    """The report of every hostile problem; a problem the engine refuses is left out, with its
    one-line reason."""
    sections, refused = [], []
    for p in problems(strings):
        try:
            sections += pdf.build_report([p]).sections
        except SymderivError as exc:  # e.g. a symbol named by a lone surrogate
            assert "\n" not in str(exc)
            refused.append(str(exc))
    return Report(sections), refused


@pytest.mark.parametrize("engine", ["typst", "latex"])
def test_hostile_strings_in_every_field(engine, sandbox):
    """Every hostile string in every field (strings × fields: see the module's FIELDS), one
    document per engine: it builds, and nothing is forged, read or run."""
    if engine == "latex":
        _need_tex()
    strings = hostile(str(sandbox / "pwned"))
    report, refused = _report(strings)
    assert len(refused) <= 2 and len(report.sections) >= 2 * len(strings) - 2
    tex = sandbox / "src" / "answers.tex"
    tex.parent.mkdir()
    out = sandbox / "answers.pdf"
    info = pdf.write_pdf(report, out, engine=engine, tex=str(tex))
    assert info.pages > len(strings)
    # the claims that are no formula are shown as their source, not typeset: those the gates
    # refuse, and those the compiler refuses (each tried on its own after the document failed)
    assert r"\input{/etc/passwd}" in info.fallbacks and '#read("/etc/passwd")' in info.fallbacks
    # (Typst: \hat{} is hat(), which passes the gate and fails to compile; TeX: x^2^3)
    assert {r"\hat{}", "x^2^3"} <= set(info.fallbacks)
    _assert_harmless(out, sandbox, tex.read_text(encoding="utf-8"))
    assert not list((sandbox / "tmp").glob("symderiv-pdf-*"))  # the build folder is gone


SPEC = """
import sympy as sp
from symderiv.spec import Claim, Definition, Plot, Problem, Source, Target

w, a, q = sp.symbols("w a q", real=True)
n = sp.Symbol("n", integer=True)
H = {strings!r}
T = " | ".join(H)
PROBLEM = Problem(
    id="hostilecli", title=T, source=Source(T, T), statement="Text " + T + " $" + T + "$ end.",
    definitions=(Definition(q, a * w**2, T),),
    targets=(Target("dq_dw", sp.Derivative(q, w), T),),
    claims=tuple(Claim("dq_dw", h, h) for h in H)
    + (Claim("dq_dw", "2 a w", T), Claim("dq_dw", T, T, checkable=False, reason=T)),
    notation={{"a": a, "w": w, "q": q}},
    plots=(Plot("p", T, "stem", ((T, sp.Lambda(n, n**2)),), (0, 3)),),
)
"""


@pytest.mark.parametrize("engine", ["typst", "latex"])
def test_a_hostile_spec_file_through_the_cli(engine, sandbox, capsys):
    """The same through ``symderiv --specs DIR pdf``: exit 0, nothing on stderr."""
    if engine == "latex":
        _need_tex()
    strings = [h for h in hostile(str(sandbox / "pwned")) if len(h) < 1000]
    specs = sandbox / "specs"
    specs.mkdir()
    (specs / "hostilecli.py").write_text(SPEC.format(strings=strings), encoding="utf-8")
    out, tex = sandbox / "h.pdf", sandbox / "h.tex"
    code = main(["--specs", str(specs), "pdf", "hostilecli", "-o", str(out), "--engine",
                 engine, "--tex", str(tex)])  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    # nothing on stderr but the plain progress lines a slow (busy) run prints
    noise = [ln for ln in captured.err.splitlines() if not re.match(r"pdf: \d+/\d+ ", ln)]
    assert noise == [] and captured.out.startswith(f"wrote {out}"), captured.err
    _assert_harmless(out, sandbox, tex.read_text(encoding="utf-8"))


# -- the escaping functions and the gates ----------------------------------------------


@pytest.mark.parametrize("text", hostile("/tmp/pwned"))
def test_typst_text_is_one_inert_string(text):
    """``typst_text`` is ``#"…";``: one string literal whose every ``"`` is escaped."""
    out = safe.typst_text(text)
    assert out.startswith('#"') and out.endswith('";')
    body = out[2:-2]
    assert re.fullmatch(r'(?:[^"\\\n]|\\[\\"n])*', body), body[:80]
    assert len(body) < 2 * safe.MAX_TEXT + 200  # long runs are cut, with a note


@pytest.mark.parametrize("text", hostile("/tmp/pwned"))
def test_tex_escape_writes_no_command(text):
    """``tex_escape`` writes every character as itself: the only commands are the escapes,
    braces balance, no ``#``, ``%``, ``$``, ``&`` or ``^^`` is left bare."""
    out = safe.tex_escape(text)
    assert out.isascii() and "\n" not in out
    commands = set(re.findall(r"\\([A-Za-z]+)", out))
    assert commands <= {"textbackslash", "textasciitilde", "textasciicircum", "allowbreak"}
    bare = re.sub(r"\\[A-Za-z]+(\{\})?|\\[#%$&_{}]", "", out)
    assert not set("#%$&^\\{}") & set(bare), bare[:80]


def test_clean_keeps_text_printable_and_short():
    assert safe.clean("a\x00b\ud800c\u202ed\te\r\nf") == "a\ufffdb\ufffdc\ufffdd e\nf"
    long = safe.clean("(" * 100_000)
    assert len(long) <= safe.MAX_TEXT and long.endswith("more characters)")
    assert safe.clean(long) == long  # cleaning twice changes nothing


@pytest.mark.parametrize(
    "tex",
    [r"\input{/etc/passwd}", r"\include{x}", r"\write18{touch x}", r"\immediate\write18{x}",
     r"\openin5=x", r"\read5 to \x", r"\catcode`\#=12", r"\def\x{y}", r"\let\x=y",
     r"\csname input\endcsname", r"^^5cinput{x}", r"\text{\input{x}}", "a # b", "a % b",
     "a $ b", "} x {", r"\left( x", r"x \right)", r"\begin{document}", r"\end{document}",
     r"\begin{matrix} a \end{pmatrix}", "a & b", r"a \\ b", r"\special{x}",
     r"\directlua{x}", r"\newcommand{\x}{y}", r"\usepackage{x}", "x\x00", "{" * 60 + "}" * 60,
     "x" * (safe.MAX_FORMULA + 1)],
)  # fmt: skip
def test_tex_math_refuses(tex):
    assert safe.tex_math(tex) is None


@pytest.mark.parametrize(
    "tex",
    [r"\frac{\partial y_k}{\partial x_i} = \sigma'(\tilde{y}_k) W_{ki}",
     r"\left[\begin{matrix}1 & 2\\3 & 4\end{matrix}\right]",
     r"\sum_{\substack{i = 1 \\ i \neq j}}^{n} x_i", r"\operatorname{diag}\left(x\right)",
     r"\begin{cases} 1 & \text{if } x > 0 \\ 0 & \text{otherwise} \end{cases}",
     r"\mathbb{R}^{n \times m}", "∂y/∂x ∈ ℝ"],
)  # fmt: skip
def test_tex_math_passes_formulas(tex):
    out = safe.tex_math(tex)
    assert out is not None and out.isascii()


@pytest.mark.parametrize(
    "ty",
    ['""); #text(fill: green)[FORGED] (""', 'std.read("/etc/passwd")', 'read("x")',
     'eval("1")', 'text(fill: green, "FORGED")', "x $ y", '"unterminated', "a // b",
     "a /* b */", "`raw`", "@ref", "x #none^3", "x \\", 'json("x")', "σx", "x\x00"],
)  # fmt: skip
def test_typst_math_gate_refuses(ty):
    assert not safe.typst_math_ok(ty)


@pytest.mark.parametrize(
    "ty",
    ['op("diag")(x)', "frac(partial y_k, partial x_i) = sigma^prime (tilde(y)_k) W_(k i)",
     'mat(delim: "[", 1, 2; 3, 4)', "arrow.r.long", "sum_(k = 1)^n x_k \\/ 2",
     'op("arg\\,max")_y', "lr(\\( x ))", "x < y > z"],
)  # fmt: skip
def test_typst_math_gate_passes_formulas(ty):
    assert safe.typst_math_ok(ty)


def test_a_formula_tex_cannot_compile_is_shown_as_source(sandbox):
    """A claim harmless but wrong for TeX (a double superscript, ``\\frac`` with one argument)
    passes the gate, then fails to compile: it is shown as its source, the rest typeset (the
    LaTeX writer used to stop there; Typst always did this)."""
    _need_tex()
    engine = "latex"
    bad = ["x^2^3", r"\frac{1}"]
    assert all(safe.tex_math(tex) is not None for tex in bad)  # the premise
    w, a, q = sp.symbols("w a q", real=True)
    p = Problem(
        id="gatepass", title="Harmless but wrong", source=Source("s", "s"), statement="q",
        definitions=(Definition(q, a * w**2, "q"),),
        targets=(Target("dq_dw", sp.Derivative(q, w), "dq/dw"),),
        claims=(*(Claim("dq_dw", t, f"line {n}") for n, t in enumerate(bad)),
                Claim("dq_dw", "2 a w", "line 9")),
        notation={"a": a, "w": w, "q": q},
    )  # fmt: skip
    info = pdf.write_pdf(pdf.build_report([p]), sandbox / "g.pdf", engine=engine)
    assert info.fallbacks == sorted(bad)
    flat = _flat(sandbox / "g.pdf")
    assert all(re.sub(r"\s", "", t) in flat for t in bad)


# -- isolation and bounds, without the escaping ----------------------------------------


@pytest.mark.parametrize(
    "attack",
    ['#read("../secret.txt")', '#read("../../secret.txt")', '#read("/etc/passwd")',
     '#image("../secret.svg")', '#include "../secret.typ"'],
)  # fmt: skip
def test_typst_reads_nothing_outside_the_document_folder(attack, sandbox):
    build = sandbox / "tmp" / "build"
    (build / "doc").mkdir(parents=True)
    (build / "empty").mkdir()
    (build / "doc" / "answers.typ").write_text(f"Hello {attack}\n")
    job = {"op": "compile", "main": str(build / "doc" / "answers.typ"),
           "output": str(build / "doc" / "answers.pdf"), "root": str(build / "doc"),
           "empty": str(build / "empty"), "check": []}  # fmt: skip
    res = isolate.run_typst(job, build)
    assert not res["ok"] and ("root" in res["error"] or "not found" in res["error"])
    assert not (build / "doc" / "answers.pdf").exists()


@pytest.mark.parametrize(
    "attack",
    ["\\immediate\\write18{touch PWNED}", "\\input{SECRET_PATH}", "\\input{../secret.txt}",
     "\\immediate\\openout5=../owned.tex \\immediate\\write5{x}\\immediate\\closeout5"],
)  # fmt: skip
def test_tex_runs_nothing_and_reads_nothing_outside_its_folder(attack, sandbox):
    _need_tex()
    name, path = latexdoc.need_latex()
    build = sandbox / "tmp" / "build"
    build.mkdir()
    attack = attack.replace("PWNED", str(sandbox / "pwned"))
    attack = attack.replace("SECRET_PATH", str(sandbox / "secret.txt"))
    doc = f"\\documentclass{{article}}\n\\begin{{document}}\nHello {attack}\n\\end{{document}}\n"
    (build / "x.tex").write_text(doc)
    for cmd in latexdoc._latex_commands(name, path, "x.tex"):
        isolate.run_latex(cmd, build, name)
    assert not (sandbox / "pwned").exists() and not (sandbox / "tmp" / "owned.tex").exists()
    if (build / "x.pdf").exists():
        text = "".join(p.extract_text() for p in PdfReader(str(build / "x.pdf")).pages)
        assert "Hello" in text and SECRET not in text


def test_a_compile_past_its_time_bound_is_one_line_exit_5(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(isolate, "TIMEOUT", 3.0)
    spin = "#{ let x = 0; for i in range(40000) { for j in range(100000) { x += 1 } } }\n"
    monkeypatch.setattr(typst_writer, "_TYPST_PREAMBLE", typst_writer._TYPST_PREAMBLE + spin)
    out = tmp_path / "x.pdf"
    code = main(["pdf", "exercise14", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 5 and err.count("\n") == 1 and "took longer than 3 s" in err
    assert not out.exists()


def test_a_compile_past_its_memory_bound_is_one_line_exit_5(tmp_path, capsys, monkeypatch):
    """Typst aborts (SIGABRT) when an allocation fails: the child dies, not this process."""
    monkeypatch.setattr(isolate, "MEMORY", 600 * 1024**2)
    hog = '#let s = "x" * 100000000\n#let t = s + s + s + s + s + s + s + s\n#t.len()\n'
    monkeypatch.setattr(typst_writer, "_TYPST_PREAMBLE", typst_writer._TYPST_PREAMBLE + hog)
    out = tmp_path / "x.pdf"
    code = main(["pdf", "exercise14", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 5 and err.count("\n") == 1
    assert "typst crashed" in err and "out of memory?" in err
    assert not out.exists()


def test_a_tex_loop_past_its_time_bound_is_one_line_exit_5(tmp_path, capsys, monkeypatch):
    _need_tex()
    monkeypatch.setattr(isolate, "TIMEOUT", 3.0)
    spin = "\\def\\spin{\\spin}\\spin\n"
    monkeypatch.setattr(latexdoc, "_LATEX_PREAMBLE", latexdoc._LATEX_PREAMBLE + spin)
    out = tmp_path / "x.pdf"
    code = main(["pdf", "exercise14", "-o", str(out), "--engine", "latex"])
    err = capsys.readouterr().err
    assert code == 5 and err.count("\n") == 1 and "took longer than 3 s" in err


def test_the_compilers_are_fresh_processes_not_forks():
    """Typst's threads do not survive a fork: the child is a new interpreter (``-I``)."""
    assert isolate._LIMITED.strip().endswith("os.execvpe(sys.argv[3], sys.argv[3:], os.environ)")
    code, out, _ = isolate.run_bounded(
        [sys.executable, "-I", "-c", "import sys; print(' '.join(sys.modules))"],
        Path("."), "python",
    )  # fmt: skip
    loaded = {m.split(".")[0] for m in out.split()}
    assert code == 0 and "sys" in loaded and not {"symderiv", "sympy"} & loaded


def test_a_figure_is_never_written_outside_its_folder(sandbox):
    """Figure files are named by the figure's number and safe characters of the problem's
    and the plot's names: ``../`` in them cannot write elsewhere."""
    n = sp.Symbol("n", integer=True)
    p = Problem(
        id="../../escaped", title="t", source=Source("s", "s"), statement="s",
        plots=(Plot("../../../escaped", "t", "stem", (("x", sp.Lambda(n, n)),), (0, 2)),),
    )  # fmt: skip
    src = sandbox / "src"
    src.mkdir()
    pdf.write_pdf(pdf.build_report([p]), sandbox / "f.pdf", tex=str(src / "f.tex"))
    assert sorted(f.name for f in src.iterdir()) == ["f-fig-1-______escaped-_________escaped.pdf",
                                                     "f.tex"]  # fmt: skip
    assert not list(sandbox.rglob("*escaped*.svg")) and not list(sandbox.rglob("escaped*"))
