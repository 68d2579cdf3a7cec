"""A formula nested too deep is shown as its source, not converted (tex2typst's time doubles
with each level of ``\\frac``: 45 levels ran 600 s); nothing a PDF build starts outlives it,
not even after a ``kill -9`` (the converter ran on at 100 % CPU, its folder left behind)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sympy as sp

from symderiv.render import isolate, pdf, safe
from symderiv.spec import Claim, Definition, Problem, Source, Target

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's /proc")


def frac(depth: int) -> str:
    return "\\frac{" * depth + "1" + "}{2}" * depth


@pytest.mark.parametrize(
    "tex",
    [frac(45), frac(30), frac(safe.MAX_NESTING + 1), "{" * 20 + "x" + "}" * 20,
     "\\sqrt" * 20 + "x", "\\sqrt{" * 20 + "x" + "}" * 20, "\\left(" * 20 + "x",
     "\\begin{matrix}" * 20 + "x", "x^{" * 20 + "x" + "}" * 20, "\\binom{" * 20 + "1"],
)  # fmt: skip
def test_a_formula_nested_too_deep_passes_neither_gate(tex):
    assert safe.nesting(tex) > safe.MAX_NESTING
    assert not safe.typst_convertible(tex) and safe.tex_math(tex) is None


@pytest.mark.parametrize(
    "tex",
    [frac(safe.MAX_NESTING), "\\sqrt[2]" * 30 + "x", "\\frac12" * 50, "x^2_i" * 50,
     r"\left[\begin{matrix}1 & 2\\3 & 4\end{matrix}\right] \left\{ x \right\}",
     r"e^{-\frac{x^2}{2}} + \frac{\partial y_k}{\partial x_i} \{ \} \leftarrow"],
)  # fmt: skip
def test_a_formula_within_the_bound_passes(tex):
    assert safe.nesting(tex) <= safe.MAX_NESTING
    assert safe.typst_convertible(tex) and safe.tex_math(tex) is not None


def test_deep_claims_are_shown_as_source_and_the_pdf_builds(tmp_path):
    u, q = sp.symbols("u q", real=True)
    deep = [frac(45), frac(30)]
    p = Problem(
        id="deep", title="Deep", source=Source("s", "1"), statement="$q = u^2$",
        definitions=(Definition(q, u**2, "sq"),),
        targets=(Target("dq_du", sp.Derivative(q, u), "dq/du"),),
        claims=(*(Claim("dq_du", t, f"line {n}") for n, t in enumerate(deep)),
                Claim("dq_du", "2 u", "line 9")),
        notation={"u": u, "q": q},
    )  # fmt: skip
    out = tmp_path / "deep.pdf"
    info = pdf.write_pdf(pdf.build_report([p]), out)
    assert out.read_bytes().startswith(b"%PDF") and info.pages >= 1
    assert info.fallbacks == sorted(deep)


# -- nothing outlives the process that started it --------------------------------------


def _procs_in(folder: Path, but: int = -1) -> list[int]:
    """Processes whose working folder is in ``folder`` (deleted or not)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == but:
            continue
        try:
            cwd = os.readlink(entry / "cwd")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if cwd.startswith(str(folder)) and state != "Z":
            found.append(int(entry.name))
    return found


def _wait(condition, seconds: float = 60.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _kill_and_reap(proc) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


@linux
def test_the_converter_dies_with_symderiv_after_kill_9(tmp_path):
    """The red team's reproduction: a claim whose conversion runs for minutes (the spec
    raises the nesting bound so that it reaches tex2typst), ``kill -9`` of symderiv while it
    converts: the converter and the build folder go too."""
    spec = tmp_path / "slow.py"
    spec.write_text(
        "import sympy as sp\n"
        "from symderiv.render import safe\n"
        "from symderiv.spec import Claim, Definition, Problem, Source, Target\n"
        "safe.MAX_NESTING = 100  # the formula reaches the converter\n"
        "u = sp.Symbol('u', real=True); q = sp.Symbol('q', real=True)\n"
        "PROBLEM = Problem(id='slow', title='t', source=Source('m', '1'),\n"
        "    statement='$q=u^2$', definitions=(Definition(q, u**2, 'sq'),),\n"
        "    targets=(Target('dq_du', sp.Derivative(q, u), 'dq/du'),),\n"
        f"    claims=(Claim('dq_du', {frac(30)!r}, 'loc'),))\n"
    )
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    env.pop("SYMDERIV_KEEP_BUILD", None)
    cmd = [sys.executable, "-m", "symderiv", "pdf", str(spec), "-o", str(tmp_path / "x.pdf")]
    proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        converting = _wait(lambda: any(
            b"tex2typst" in Path(f"/proc/{pid}/cmdline").read_bytes()
            for pid in _procs_in(tmp, but=proc.pid)
        ), 120)  # fmt: skip
        assert converting, "the converter never started"
    finally:
        _kill_and_reap(proc)
    # (waits, not timings: on a loaded machine the watcher is scheduled late; 10 s was
    # once not enough beside a full test run and two corpus workers)
    assert _wait(lambda: not _procs_in(tmp), 30), "a child outlived symderiv"
    assert _wait(lambda: not list(tmp.iterdir()), 30), "the build folder was left"
    assert not (tmp_path / "x.pdf").exists()


_PARENT = """
import sys
from pathlib import Path
from symderiv.render import isolate
isolate.run_bounded(["sh", "-c", "sleep 300 & sleep 300 & wait"], Path(sys.argv[1]), "sh")
"""


@linux
@pytest.mark.parametrize("name", ["symderiv-pdf-x", "elsewhere"])
def test_the_childs_children_die_too_and_only_a_build_folder_is_removed(tmp_path, name):
    """A child's own children (latexmk's pdflatex) are in its session, not its parent's: they
    are killed too. The folder is removed only if it is a build folder (``symderiv-pdf-``)."""
    work = tmp_path / name
    work.mkdir()
    (work / "kept.txt").write_text("x")
    proc = subprocess.Popen([sys.executable, "-c", _PARENT, str(work)],
                            start_new_session=True)  # fmt: skip
    try:
        assert _wait(lambda: len(_procs_in(work)) >= 4), "sh, two sleeps and the watcher"
    finally:
        _kill_and_reap(proc)
    assert _wait(lambda: not _procs_in(work), 10), "a child outlived its parent"
    assert (work / "kept.txt").exists() == (name == "elsewhere")


def test_a_finished_child_leaves_nothing_behind(tmp_path):
    """In the ordinary case the watcher kills what the child left running, and itself."""
    code, out, _ = isolate.run_bounded(
        ["sh", "-c", "sleep 300 >/dev/null 2>&1 & echo started"], tmp_path, "sh"
    )
    assert code == 0 and out.strip() == "started"
    if sys.platform.startswith("linux"):
        assert _wait(lambda: not _procs_in(tmp_path), 10)
    assert list(tmp_path.iterdir()) == []
