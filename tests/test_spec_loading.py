"""A spec of your own is code, run at import: one that exits, ends its process, raises any
BaseException or never finishes (a loop, a C call that never returns, a loop that catches
every exception) is skipped with a warning naming the file and why, or, named on the
command line, is the one-line error and exit code 2. The program always ends, in bounded
time, and everything else works. Run as processes, each under a generous timeout, so that
a hang fails the test instead of hanging it."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import symderiv
from symderiv.errors import SpecError

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork, /proc")

GOOD = textwrap.dedent(
    """
    import sys
    import sympy as sp
    from symderiv.spec import Problem, Source, Target

    print("mine: imported", file=sys.stderr)
    w = sp.Symbol("w", real=True)
    PROBLEM = Problem(
        id="mine", title="A user's own spec", source=Source("notes", "1"), statement="w^2",
        targets=(Target("d", sp.Derivative(w**2, w)),),
    )
    """
)

#: file → (its text, what the warning must say)
BAD = {
    "exit0.py": ("import sys\nsys.exit(0)\n", "SystemExit: 0"),
    "exit3.py": ("import sys\nsys.exit(3)\n", "SystemExit: 3"),
    "bare_exit.py": ("raise SystemExit\n", "SystemExit"),
    "os_exit.py": ("import os\nos._exit(3)\n", "ended the process while loading (exit code 3)"),
    "killed.py": (
        "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n",
        "killed its process while loading (SIGKILL)",
    ),
    "loop.py": ("while True:\n    pass\n", "did not finish loading within 2 s"),
    "stubborn.py": (
        "try:\n    while True:\n        pass\nexcept BaseException:\n    while True:\n        pass\n",
        "did not finish loading within 2 s",
    ),
    "sleeps.py": ("import time\ntime.sleep(10**6)\n", "did not finish loading within 2 s"),
    "c_loop.py": ("x = sum(range(10**12))\n", "did not finish loading within 2 s"),
    "own_base.py": (
        "class Abort(BaseException):\n    pass\nraise Abort('given up')\n",
        "Abort: given up",
    ),
    "generator_exit.py": ("raise GeneratorExit\n", "GeneratorExit"),
}


def _symderiv(*args, timeout=120, **env):
    """``python -m symderiv ARGS`` with the spec time bound at 2 s; a hang fails the test."""
    env = {**os.environ, "SYMDERIV_SPEC_TIMEOUT": "2", **env}
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "symderiv", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    return done.returncode, done.stdout, done.stderr, time.monotonic() - start


@pytest.fixture
def specs(tmp_path):
    folder = tmp_path / "specs"
    folder.mkdir()
    (folder / "mine.py").write_text(GOOD)
    for name, (text, _) in BAD.items():
        (folder / name).write_text(text)
    return folder


def test_every_bad_spec_is_skipped_with_why_and_the_rest_works(specs):
    code, out, err, _ = _symderiv("list", "--specs", str(specs))
    assert code == 0, err
    assert "exercise13" in out and "exercise14" in out and "mine" in out  # built-in and yours
    assert "Traceback" not in err
    warnings = [line for line in err.splitlines() if line.startswith("symderiv: warning:")]
    for name, (_, why) in BAD.items():
        (line,) = [w for w in warnings if f"skipped the spec {specs / name}:" in w]
        assert why in line, line
    assert len(warnings) == len(BAD), warnings
    assert err.count("mine: imported") == 1  # imported here once (the probe's output is not shown)


@pytest.mark.parametrize("name", ["exit0.py", "os_exit.py", "stubborn.py", "own_base.py"])
def test_a_bad_spec_named_by_its_path_is_one_line_and_exit_2(specs, name):
    code, out, err, _ = _symderiv("derive", str(specs / name))
    assert code == 2, (code, out, err)
    assert err.count("\n") == 1 and err.startswith(f"symderiv: error: {specs / name}: "), err
    assert BAD[name][1] in err


def test_a_spec_and_what_it_started_are_ended_by_the_bound(tmp_path):
    """A spec that starts a process of its own and loops: neither is left running."""
    (tmp_path / "forks.py").write_text(
        textwrap.dedent(
            f"""
            import os
            if os.fork() == 0:
                with open({str(tmp_path / "pid")!r}, "w") as f:
                    f.write(str(os.getpid()))
            while True:
                pass
            """
        )
    )
    try:
        code, _, err, _ = _symderiv("derive", str(tmp_path / "forks.py"), timeout=60)
        assert code == 2 and "did not finish loading within 2 s" in err, err
        pid = int((tmp_path / "pid").read_text())
        for _ in range(100):  # killed at once; reaped by whoever inherits it
            if not _running(pid):
                break
            time.sleep(0.05)
        assert not _running(pid)
    finally:
        if (tmp_path / "pid").exists() and (tmp_path / "pid").read_text():
            pid = int((tmp_path / "pid").read_text())
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


def _running(pid: int) -> bool:
    """Is the process alive (a zombie, dead but not yet reaped, is not)?"""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_through_the_api_an_exit_is_a_spec_error(specs, monkeypatch):
    monkeypatch.setenv("SYMDERIV_SPEC_TIMEOUT", "2")
    for name in ("exit3.py", "own_base.py", "os_exit.py", "loop.py"):
        with pytest.raises(SpecError) as caught:
            symderiv.load(str(specs / name))
        assert str(caught.value).startswith(f"{specs / name}: ")
        assert BAD[name][1] in str(caught.value)


def test_the_bound_must_be_a_number(specs):
    code, _, err, _ = _symderiv("list", "--specs", str(specs), SYMDERIV_SPEC_TIMEOUT="soon")
    assert code == 2
    assert (
        err
        == "symderiv: error: $SYMDERIV_SPEC_TIMEOUT must be a positive number of seconds, not 'soon'\n"
    )


def test_a_spec_that_floods_its_output_at_import_is_cut_short(tmp_path):
    """An outside tester's spec printed 200,000 lines to each stream at import: they all
    reached the terminal. Now a few thousand characters, then a note."""
    (tmp_path / "flood.py").write_text(
        GOOD.replace('"mine"', '"flood"')
        + "\nfor _ in range(200000):\n    print('FLOOD out')\n    print('FLOOD err', file=sys.stderr)\n"
    )
    code, out, err, _ = _symderiv("list", "--specs", str(tmp_path))
    assert code == 0 and "flood" in out and "exercise13" in out, err
    assert out.count("FLOOD out") < 1000 and err.count("FLOOD err") < 1000
    assert "the spec printed more at import: not shown" in err


def test_a_spec_that_hangs_only_the_second_time_is_skipped_by_the_bound(tmp_path):
    """The probe imports a spec in a child first; an outside tester's spec finished there and
    hung when imported here (it left a marker the first time). The import here has the same
    bound."""
    marker = tmp_path / "marker"
    (tmp_path / "second.py").write_text(
        GOOD.replace('"mine"', '"second"')
        + f"\nimport os, time\nif os.path.exists({str(marker)!r}):\n    time.sleep(10**5)\n"
        + f"open({str(marker)!r}, 'w').close()\n"
    )
    code, out, err, _ = _symderiv("list", "--specs", str(tmp_path / "."), timeout=90)
    assert code == 0 and "exercise13" in out, err
    assert "second" not in out.split()
    assert "did not finish loading within 2 s here" in err, err
