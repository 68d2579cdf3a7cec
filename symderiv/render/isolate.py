"""The compilers run in a child process, in a folder holding only what the document needs,
under a time bound and a memory bound; what overruns or crashes is one line, exit code 5.

* Typst (``run_typst``): a fresh Python (``-I``) that imports only ``typst`` and
  ``tex2typst``, never a fork of this one (Typst's threads do not survive a fork). The
  project root is the document's folder: ``read``/``image`` cannot reach anything else.
* LaTeX (``run_latex``): ``-no-shell-escape``, and kpathsea's paranoid mode
  (``openin_any=p``, ``openout_any=p``): no file outside the folder is read or written.

Both get ``RLIMIT_AS`` (memory), ``RLIMIT_FSIZE`` (no file larger than ``MAX_FILE``), no
core dump, their own session (a timeout kills the whole group: latexmk's pdflatex too).
Nothing outlives this process, however it dies (``kill -9`` too): the child is killed with
it (Linux's ``PR_SET_PDEATHSIG``), and a watcher in the child's group, holding the reading
end of a pipe only this process writes to, kills the whole group (children of children
too) when the pipe closes, and removes the build folder if this process died.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from ..errors import SymderivError

#: seconds one compile (or one conversion of all formulas) may take before it is stopped
TIMEOUT = 600.0
#: bytes of address space a compiler may use
MEMORY = 2 * 1024**3
#: bytes of the largest file a compiler may write
MAX_FILE = 1024**3


class PdfError(SymderivError):
    """The PDF could not be built (no TeX engine, a compile error, a bound); exit code 5."""

    exit_code = 5


#: sets the bounds, then becomes the command (argv: memory, max file size, command…);
#: ``WATCH``, set before it, is the pipe from the parent (see ``_WATCHER``)
_LIMITED = """
import os, resource, sys
try:
    import ctypes
    ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG: SIGKILL when the parent dies
except Exception:
    pass
watch(WATCH)
def cap(kind, value):
    soft, hard = resource.getrlimit(kind)
    value = value if hard == resource.RLIM_INFINITY else min(value, hard)
    resource.setrlimit(kind, (value, hard))
cap(resource.RLIMIT_AS, int(sys.argv[1]))
cap(resource.RLIMIT_FSIZE, int(sys.argv[2]))
cap(resource.RLIMIT_CORE, 0)
os.execvpe(sys.argv[3], sys.argv[3:], os.environ)
"""


#: the watcher: a fork of the child, in its group, reading the parent's pipe. A byte: the
#: parent is done with the child; the end of the pipe without one: the parent died (the
#: build folder it made is removed). Either way the group is killed, the watcher too.
_WATCHER = """
import os, shutil, signal
def watch(fd):
    if os.fork():
        os.close(fd)
        return
    try:
        null = os.open(os.devnull, os.O_RDWR)
        for n in (0, 1, 2):
            os.dup2(null, n)
        died = os.read(fd, 1) == b""
        here = os.getcwd()
        if died and os.path.basename(here).startswith("symderiv-pdf-") and not os.environ.get(
            "SYMDERIV_KEEP_BUILD"
        ):
            shutil.rmtree(here, ignore_errors=True)
    finally:
        os.killpg(0, signal.SIGKILL)
        os._exit(0)
"""


def run_bounded(cmd: list[str], cwd: Path, what: str, env: dict | None = None,
                timeout: float | None = None, memory: int | None = None):  # fmt: skip
    """``cmd`` in ``cwd`` under the bounds: (exit code, stdout, stderr). A time overrun is a
    ``PdfError``; a crash (a signal, out of memory) is the caller's to word."""
    timeout = TIMEOUT if timeout is None else timeout
    memory = MEMORY if memory is None else memory
    watch, done = os.pipe()  # neither inherited by anything but this child (``pass_fds``)
    script = f"{_WATCHER}\nWATCH = {watch}\n{_LIMITED}"
    argv = [sys.executable, "-I", "-c", script, str(memory), str(MAX_FILE), *cmd]
    try:
        try:
            proc = subprocess.Popen(
                argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, start_new_session=True, pass_fds=(watch,),
            )  # fmt: skip
        finally:
            os.close(watch)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            raise PdfError(f"{what} took longer than {timeout:g} s; stopped") from None
        except BaseException:  # Ctrl-C: the child and its children go too
            _kill_group(proc)
            raise
    finally:  # the watcher kills what is left of the group
        with contextlib.suppress(OSError):
            os.write(done, b"x")
        os.close(done)
    return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")


def _kill_group(proc) -> None:
    """Kill the child's session (it is not reaped yet: its id is still its own)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired, ValueError, OSError):
        proc.communicate(timeout=5)


def crash_message(what: str, code: int, memory: int | None = None) -> str:
    """Why a child died, in words."""
    memory = MEMORY if memory is None else memory
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return (f"{what} crashed ({name}; out of memory? the bound is "
                f"{memory / 1024**3:g} GiB)")  # fmt: skip
    return f"{what} failed (exit code {code})"


# -- Typst -----------------------------------------------------------------------------

#: the Typst child: a job (JSON) in, a result (JSON) out. ``convert``: LaTeX formulas to Typst
#: (None where tex2typst fails); ``compile``: the document, and if it fails, which of the
#: formulas ``check`` do not compile on their own (each in an empty root folder)
_TYPST_CHILD = r"""
import json, sys
job = json.load(open(sys.argv[1], encoding="utf-8"))
out = {}
if job["op"] == "convert":
    from tex2typst import tex2typst
    res = []
    for tex in job["formulas"]:
        try:
            res.append(tex2typst(tex))
        except Exception:
            res.append(None)
    out["typst"] = res
else:
    import typst
    try:
        typst.compile(job["main"], output=job["output"], root=job["root"])
        out["ok"] = True
    except Exception as exc:
        text = str(exc).strip()
        out["ok"] = False
        out["error"] = text.splitlines()[0] if text else type(exc).__name__
        bad = []
        if job.get("check"):
            compiler = typst.Compiler(root=job["empty"])
            for n, formula in enumerate(job["check"]):
                try:
                    compiler.compile(input=("$ " + formula + " $").encode(), format="pdf")
                except Exception:
                    bad.append(n)
        out["bad"] = bad
json.dump(out, open(sys.argv[2], "w", encoding="utf-8"))
"""


def run_typst(job: dict, work: Path) -> dict:
    """Run one Typst job (see ``_TYPST_CHILD``) in a child; its files stay in ``work``, which
    is not the document's root."""
    what = "tex2typst" if job["op"] == "convert" else "typst"
    (work / "job.json").write_text(json.dumps(job), encoding="utf-8")
    result = work / "result.json"
    result.unlink(missing_ok=True)
    cmd = [sys.executable, "-I", "-c", _TYPST_CHILD, "job.json", "result.json"]
    code, _out, err = run_bounded(cmd, work, what)
    if code != 0 or not result.exists():
        last = [ln for ln in err.splitlines() if ln.strip()][-1:]
        detail = f": {last[0].strip()[:200]}" if last and code > 0 else ""
        raise PdfError(crash_message(what, code) + detail)
    return json.loads(result.read_text(encoding="utf-8"))


# -- LaTeX -----------------------------------------------------------------------------


def latex_env() -> dict:
    """The environment of a TeX run: no shell escape, no file opened outside the folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("TEXMFOUTPUT", "shell_escape_commands")}
    env.update(openin_any="p", openout_any="p", shell_escape="f")
    return env


def run_latex(cmd: list[str], build: Path, what: str):
    """One TeX run in ``build``: (exit code, stdout)."""
    code, out, _err = run_bounded(cmd, build, what, env=latex_env())
    if code < 0:
        raise PdfError(crash_message(what, code))
    return code, out
