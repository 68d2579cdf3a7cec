"""`symderiv pdf` and its files: no output is an input (a spec of the problems rendered) or
another output (the PDF, the LaTeX source, a figure beside it), whatever the path's
spelling (a symlink, a hard link, ``..``); every output is written whole or not at all (a
temporary file renamed into place: a symlink there is replaced, never written through); an
I/O error names the file and the cause (exit 6); an answers file is read up to a bound."""

import errno
import os
import re
import resource
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from symderiv.cli import MAX_ANSWERS, main

ROOT = Path(__file__).resolve().parent.parent

SPEC = textwrap.dedent("""\
    import sympy as sp
    from symderiv.spec import Definition, Problem, Source, Target
    u = sp.Symbol("u", real=True)
    q = sp.Symbol("q", real=True)
    PROBLEM = Problem(
        id="pathspec",
        title="Paths",
        source=Source("mine", "1"),
        statement=r"$q = u^3$.",
        definitions=(Definition(q, u**3, "cube"),),
        targets=(Target("dq_du", sp.Derivative(q, u), "dq/du"),),
    )
""")


@pytest.fixture
def spec(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    path = tmp_path / "specs" / "pathspec.py"
    path.write_text(SPEC)
    return path


def _one_error(err: str, *parts: str) -> None:
    # (a progress line, "pdf: 1/1 (0.3/s)", is printed when the work takes over 2 s: on a
    # busy machine; it is not an error line)
    lines = [ln for ln in err.strip().splitlines() if not re.match(r"\w+: \d+/\d+ \(", ln)]
    assert len(lines) == 1 and lines[0].startswith("symderiv: error: "), err
    for part in parts:
        assert part in lines[0], err


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize(
    "argv",
    [
        ["pdf", "specs/pathspec.py", "-o", "specs/pathspec.py"],
        ["--specs", "specs", "pdf", "pathspec", "-o", "specs/pathspec.py"],
        ["--specs", "specs", "pdf", "pathspec", "-o", "specs/../specs/pathspec.py"],
        ["pdf", "specs/pathspec.py", "-o", "a.pdf", "--tex", "specs/pathspec.py"],
        ["pdf", "specs/pathspec.py", "-o", "sym.pdf"],
        ["pdf", "specs/pathspec.py", "-o", "a.pdf", "--tex", "hard.tex"],
    ],
)
def test_no_output_of_pdf_is_a_spec_it_renders(spec, argv, capsys):
    os.symlink("specs/pathspec.py", "sym.pdf")
    os.link(spec, "hard.tex")
    assert main(argv) == 2
    _one_error(capsys.readouterr().err, "the spec file", "pathspec.py", "overwritten")
    assert spec.read_text() == SPEC
    assert not Path("a.pdf").exists()


def test_a_figure_is_not_the_pdf(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    argv = ["pdf", "hw3_2ab", "-o", "f-fig-1-hw3_2ab-stem_a.pdf", "--tex", "f.tex"]
    assert main(argv) == 2
    _one_error(capsys.readouterr().err, "figure", "the PDF", "f-fig-1-hw3_2ab-stem_a.pdf")
    assert sorted(os.listdir(tmp_path)) == []  # refused before any work


def test_a_figure_is_not_a_spec_through_a_symlink(spec, capsys):
    os.symlink("specs/pathspec.py", "f-fig-2-hw3_2ab-stem_b.pdf")
    argv = ["pdf", "hw3_2ab", "specs/pathspec.py", "-o", "o.pdf", "--tex", "f.tex"]
    assert main(argv) == 2
    _one_error(capsys.readouterr().err, "f-fig-2-hw3_2ab-stem_b.pdf", "the spec file")
    assert spec.read_text() == SPEC


def test_a_symlink_at_an_output_is_replaced_not_written_through(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    names = ("o.pdf", "f.tex", "f-fig-2-hw3_2ab-stem_b.pdf")
    for n, name in enumerate(names):
        (tmp_path / f"victim{n}.txt").write_text("keep me")
        os.symlink(f"victim{n}.txt", name)
    assert main(["pdf", "hw3_2ab", "-o", "o.pdf", "--tex", "f.tex"]) == 0, capsys.readouterr()
    for n in range(len(names)):
        assert (tmp_path / f"victim{n}.txt").read_text() == "keep me"
    for name in ("o.pdf", "f.tex", "f-fig-2-hw3_2ab-stem_b.pdf"):
        assert not os.path.islink(name)
    assert Path("o.pdf").read_bytes().startswith(b"%PDF")
    assert Path("f-fig-2-hw3_2ab-stem_b.pdf").read_bytes().startswith(b"%PDF")
    assert r"\begin{document}" in Path("f.tex").read_text()
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("which", ["pdf", "tex"])
def test_a_full_disk_leaves_the_previous_file_whole(spec, monkeypatch, capsys, which):
    """ENOSPC while the output is written: exit 6, one line naming the output (not a temporary
    path) and the cause; the previous file whole, no temporary file left."""
    import shutil

    target = Path("out.pdf" if which == "pdf" else "out.tex")
    target.write_text("the previous good one")
    real = shutil.copyfileobj

    def full(src, dst, *a):  # the disk fills up halfway through the output
        if Path(os.readlink(f"/proc/self/fd/{dst.fileno()}")).name.startswith(f".{target}."):
            dst.write(src.read(100))
            dst.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(src, dst, *a)

    monkeypatch.setattr(shutil, "copyfileobj", full)
    argv = ["pdf", "specs/pathspec.py", "-o", "out.pdf"]
    assert main(argv + (["--tex", "out.tex"] if which == "tex" else [])) == 6
    _one_error(capsys.readouterr().err, f"'{target}'", "no space left on device (ENOSPC)")
    assert target.read_text() == "the previous good one"
    assert _leftovers(Path(".")) == []


def _fsize(limit):
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


def _symderiv(tmp_path, *args, limit):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "symderiv", *map(str, args)], cwd=tmp_path, env=env,
        capture_output=True, text=True, preexec_fn=_fsize(limit), timeout=600,
    )  # fmt: skip


@pytest.mark.parametrize("limit", [5000, 100000])
def test_a_file_size_limit_on_pdf_is_exit_6_naming_the_pdf(tmp_path, limit):
    (tmp_path / "fz.pdf").write_text("old")
    done = _symderiv(tmp_path, "pdf", "exercise13", "-o", "fz.pdf", limit=limit)
    assert done.returncode == 6, done.stderr
    _one_error(done.stderr, "'fz.pdf'", "file too large", "EFBIG")
    assert (tmp_path / "fz.pdf").read_text() == "old"
    assert _leftovers(tmp_path) == []


def test_a_file_size_limit_on_grade_names_what_it_could_not_make(tmp_path):
    (tmp_path / "c.csv").write_text(
        "student,problem,target,answer\nalice,exercise13,dy_db,\\sigma'(\\tilde y_k)\\delta_{ik}\n"
    )
    done = _symderiv(tmp_path, "grade", "c.csv", "-o", "g.csv", limit=20)
    assert done.returncode == 6, done.stderr
    assert "a file" not in done.stderr
    _one_error(done.stderr, "'/dev/shm'", "file-size limit (20 bytes)")


def test_an_endless_answers_file_is_refused(capsys):
    assert MAX_ANSWERS == 64 << 20
    argv = ["check", "exercise13", "--target", "dy_db", "--answers", "/dev/zero"]
    assert main(argv) == 2
    _one_error(capsys.readouterr().err, "'/dev/zero'", "larger than 64 MiB")
