"""Finding and loading problem specs: the built-in ones, ``--specs DIR`` and ``$SYMDERIV_SPECS``.

A spec of your own (from a folder or a path) is code, and a broken one must not take the
program with it: it is first imported in a forked child under a time bound
(``LOAD_TIMEOUT``, ``$SYMDERIV_SPEC_TIMEOUT``), where a spec that exits, kills its process,
raises any ``BaseException`` or never finishes (even in C, or catching every exception) ends
only the child; only a spec that imported there is imported here. A failure is a
``SpecError`` naming the file and why. The built-in specs are imported directly.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib.util
import math
import os
import re
import signal
import sys
import time
import warnings
from pathlib import Path

import sympy as sp

from .errors import SpecError, SymderivError, UnknownProblemError
from .spec import Claim, Definition, Problem, Target

ENV_VAR = "SYMDERIV_SPECS"
#: seconds a spec of your own may take to import; ``$SYMDERIV_SPEC_TIMEOUT`` overrides it
LOAD_TIMEOUT = 10.0
TIMEOUT_VAR = "SYMDERIV_SPEC_TIMEOUT"
#: spec files imported in forked children at once (each under its own time bound)
PROBES_AT_ONCE = 4


def builtin_dir() -> Path:
    """The folder of the built-in specs (``derivations/``, shipped as ``symderiv.derivations``).

    Run from a source checkout without installing, it is the ``derivations/`` beside the package.
    """
    try:
        from . import derivations
    except ImportError:
        return Path(__file__).resolve().parent.parent / "derivations"
    return Path(derivations.__file__).parent


def spec_dirs(extra: list[str | os.PathLike] | None = None) -> list[Path]:
    """Built-in folder first, then ``$SYMDERIV_SPECS`` (os.pathsep-separated), then ``extra``."""
    dirs = [builtin_dir()]
    env = os.environ.get(ENV_VAR, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += [Path(p) for p in (extra or [])]
    for d in dirs[1:]:
        if not d.is_dir():
            raise SpecError(f"spec folder {str(d)!r} does not exist or is not a folder")
    return dirs


def spec_files(extra=None) -> list[Path]:
    files = []
    for d in spec_dirs(extra):
        found = [p for p in d.glob("*.py") if not p.name.startswith("_")]
        found += [p for p in d.glob("*.md") if _exercise_file(p)]
        files += sorted(found)
    return files


def _exercise_file(path: Path) -> bool:
    from .question.exercise import is_exercise  # (the grammar: only where exercises are)

    return is_exercise(path)


def _module_name(path: Path) -> str:
    return f"symderiv._spec_{path.stem}_{abs(hash(str(path.resolve())))}"


def load_file(path: str | os.PathLike) -> Problem:
    """Import one spec file and return its ``PROBLEM``; errors name the file.

    A file outside the built-in folder is imported in a forked child first (``_Probe``)."""
    path = Path(path)
    if path.suffix == ".md":  # an exercise written in LaTeX: read, never run
        from .question.exercise import load_exercise

        if path not in _EXERCISES or _EXERCISES[path][0] != _stamp(path):
            _EXERCISES[path] = (_stamp(path), load_exercise(path))
        problem = _EXERCISES[path][1]
        _validate(problem, path)
        return problem
    name = _module_name(path)
    if name in sys.modules:
        module = sys.modules[name]
    else:
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise SpecError(f"{path}: not a Python file")
        if not _builtin(path):
            why = _probed(path)
            if why is not None:
                raise SpecError(f"{path}: {why}")
        module = importlib.util.module_from_spec(spec)
        try:
            with contextlib.nullcontext() if _builtin(path) else _second_import():
                spec.loader.exec_module(module)
        except KeyboardInterrupt:  # Ctrl-C while importing: the user's, not the spec's
            raise
        except _SecondImportTimeout:
            raise SpecError(
                f"{path}: spec did not finish loading within {load_timeout():g} s here, "
                "though it did in the probe (does it behave differently the second time?)"
            ) from None
        except BaseException as exc:  # a broken spec is the author's bug: name the file
            raise SpecError(f"{path}: spec failed to load: {_describe(exc)}") from exc
        sys.modules[name] = module
    problem = getattr(module, "PROBLEM", None)
    if not isinstance(problem, Problem):
        raise SpecError(f"{path}: defines no PROBLEM = Problem(...)")
    _validate(problem, path)
    if problem.path != str(path):
        object.__setattr__(problem, "path", str(path))
    return problem


_EXERCISES: dict = {}  # path → (its stamp, its Problem): read once per process, as imports are


def _stamp(path: Path) -> tuple:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


def _builtin(path: Path) -> bool:
    return path.resolve().parent == builtin_dir().resolve()


def _describe(exc: BaseException) -> str:
    """``Type: message`` of an exception a spec raised (never raises itself)."""
    try:
        said = str(exc)
    except Exception:  # a message that fails: the type says enough
        said = ""
    what = f"{type(exc).__name__}: {said}" if said else type(exc).__name__
    if isinstance(exc, SystemExit):
        what += " (the spec exits at import)"
    return what


class _SecondImportTimeout(BaseException):
    pass


class _Capped:
    """A stream that passes the first ``LIMIT`` characters on, then says it stops."""

    LIMIT = 4000

    def __init__(self, stream):
        self.stream, self.left = stream, self.LIMIT

    def write(self, text: str) -> int:
        if self.left > 0:
            shown = text[: self.left]
            self.left -= len(text)
            self.stream.write(shown)
            if self.left <= 0:
                self.stream.write("\n… (the spec printed more at import: not shown)\n")
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


@contextlib.contextmanager
def _second_import():
    """The import here, after the probe: what it prints is shown up to a few thousand
    characters (a spec that printed 200,000 lines at import flooded the terminal), and the
    same time bound, where a timer can be set, against a spec that behaves differently the
    second time."""
    usable = hasattr(signal, "setitimer") and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    try:
        usable = usable and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    except ValueError:  # not the main thread
        usable = False

    def ring(*_):
        raise _SecondImportTimeout

    with (
        contextlib.redirect_stdout(_Capped(sys.stdout)),
        contextlib.redirect_stderr(_Capped(sys.stderr)),
    ):
        old = signal.signal(signal.SIGALRM, ring) if usable else None
        if usable:
            signal.setitimer(signal.ITIMER_REAL, load_timeout())
        try:
            yield
        finally:
            if usable:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)


def load_timeout() -> float:
    """The time bound of one spec's import, in seconds (``$SYMDERIV_SPEC_TIMEOUT``)."""
    env = os.environ.get(TIMEOUT_VAR)
    if not env:
        return LOAD_TIMEOUT
    try:
        value = float(env)
    except ValueError:
        value = math.nan
    if not (value > 0 and math.isfinite(value)):
        raise SymderivError(f"${TIMEOUT_VAR} must be a positive number of seconds, not {env!r}")
    return value


#: what importing a spec in a child gave: (resolved path, mtime, size) → None or why not
_PROBED: dict[tuple, str | None] = {}


def _probe_key(path: Path) -> tuple:
    try:
        st = path.stat()
    except OSError:
        return (str(path.resolve()), None, None)
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


def _probe(paths: list[Path]) -> None:
    """Import each spec file not probed yet in a forked child, up to ``PROBES_AT_ONCE`` at a
    time, each under the time bound, and keep in ``_PROBED`` what it gave: None if it
    imported there, else why not (a file is probed again only once it changes). Without
    ``fork`` (Windows) nothing is probed."""
    if not hasattr(os, "fork"):
        return
    todo = {}
    for p in paths:
        key = _probe_key(p)
        if key not in _PROBED:
            todo.setdefault(key, p)
    if not todo:
        return
    timeout = load_timeout()
    waiting, running = list(todo.items()), []
    try:
        while waiting or running:
            while waiting and len(running) < PROBES_AT_ONCE:
                key, p = waiting.pop(0)
                running.append((key, _Probe(p, timeout)))
            key, probe = running.pop(0)
            _PROBED[key] = probe.result()
    finally:
        for _key, probe in running:  # Ctrl-C: none is left running
            probe.kill()


def _probed(path: Path) -> str | None:
    """Why the spec file did not import in a forked child (probed now if not yet), or None."""
    key = _probe_key(path)
    if key not in _PROBED:
        _probe([path])
    return _PROBED.get(key)


class _Probe:
    """One spec file imported in a forked child, in a process group of its own, its
    output discarded; ``result()`` waits for the child up to the time bound (then kills
    it and everything it started) and says why the import failed, or None."""

    def __init__(self, path: Path, timeout: float):
        self.path, self.timeout = path, timeout
        self.deadline = time.monotonic() + timeout
        r, w = os.pipe()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads (3.12)
            pid = os.fork()
        if pid == 0:  # pragma: no cover - the child, measured by its parent
            os.close(r)
            self._child(w)
        os.close(w)
        self.pid, self.fd, self.reaped = pid, r, False
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)  # (the child does it too: whichever comes first)

    def _child(self, w: int):
        why, me = "ok", os.getpid()
        try:
            with contextlib.suppress(OSError):
                os.setpgid(0, 0)  # a terminal's Ctrl-C is for the parent, which kills us
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            signal.alarm(math.ceil(self.timeout) + 2)  # orphaned, we still end
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            name = _module_name(self.path)
            spec = importlib.util.spec_from_file_location(name, self.path)
            module = importlib.util.module_from_spec(spec)
            try:
                spec.loader.exec_module(module)
            except BaseException as exc:  # every failure is the spec's
                why = "spec failed to load: " + _describe(exc)
        except BaseException:  # nothing may escape a forked child
            why = "spec failed to load"
        finally:
            with contextlib.suppress(BaseException):
                if os.getpid() == me:  # (not a process the spec forked, come back here)
                    os.write(w, why.encode("utf-8", "replace")[:4000])
            os._exit(0)

    def result(self) -> str | None:
        data = b""
        try:
            while True:  # (what a child sent is read even when its bound has passed)
                left = self.deadline - time.monotonic()
                if not _readable(self.fd, max(left, 0)):
                    if left <= 0:
                        return self._timed_out()
                    continue
                chunk = os.read(self.fd, 4096)
                if not chunk:
                    break
                data += chunk
            if data:
                return None if data == b"ok" else data.decode("utf-8", "replace")
            while (code := self._ended()) is None:  # no word: it ended itself (or shut
                if time.monotonic() > self.deadline:  # the pipe and goes on)
                    return self._timed_out()
                time.sleep(0.005)
            if code == "?":
                return "spec ended the process while loading"
            if code < 0:
                return f"spec killed its process while loading ({signal.Signals(-code).name})"
            return f"spec ended the process while loading (exit code {code})"
        finally:
            self.kill()

    def _timed_out(self) -> str:
        return (
            f"spec did not finish loading within {self.timeout:g} s (an endless loop at "
            f"import?; ${TIMEOUT_VAR} sets the bound)"
        )

    def _ended(self):
        """The child's exit code (minus the signal that killed it), None while it runs, "?"
        if that cannot be known. Not reaped (``waitid``, where there is one): until it is,
        its process group's id cannot be anyone else's, and ``kill`` ends the group."""
        try:
            if hasattr(os, "waitid"):
                info = os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
                if info is None:
                    return None
                killed = info.si_code in (os.CLD_KILLED, os.CLD_DUMPED)
                return -info.si_status if killed else info.si_status
            pid, status = os.waitpid(self.pid, os.WNOHANG)  # pragma: no cover - macOS
            if pid:  # pragma: no cover
                self.reaped = True
                return os.waitstatus_to_exitcode(status)
            return None  # pragma: no cover
        except ChildProcessError:  # reaped by someone else (SIGCHLD ignored)
            self.reaped = True
            return "?"

    def kill(self):
        """The child and its process group killed (everything it started), and reaped."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if not self.reaped:
            for kill in (os.killpg, os.kill):
                with contextlib.suppress(OSError):
                    kill(self.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)
            self.reaped = True


def _readable(fd: int, timeout: float) -> bool:
    import select

    if hasattr(select, "poll"):
        poll = select.poll()
        poll.register(fd, select.POLLIN)
        return bool(poll.poll(max(1, math.ceil(timeout * 1000))))
    return bool(select.select([fd], [], [], timeout)[0])  # pragma: no cover


def _validate(problem: Problem, path: Path) -> None:
    where = f"{path}: problem {problem.id!r}"
    if not problem.id or not problem.id.replace("_", "").replace("-", "").isalnum():
        raise SpecError(f"{path}: problem id {problem.id!r} must be letters, digits, - or _")
    for field_name, kind in (
        ("targets", Target),
        ("definitions", Definition),
        ("claims", Claim),
    ):
        value = getattr(problem, field_name)
        if not isinstance(value, tuple | list) or not all(isinstance(v, kind) for v in value):
            raise SpecError(
                f"{where}: {field_name} must be a tuple of {kind.__name__}(...) "
                f"(a single one needs a trailing comma: ({kind.__name__}(...),))"
            )
    for d in problem.definitions:
        if not isinstance(d.lhs, sp.Basic) or not isinstance(d.rhs, sp.Basic):
            raise SpecError(
                f"{where}: definition {d.name or d.lhs!r}: both sides must be SymPy expressions, "
                f"not {type(d.rhs).__name__}"
            )
    for a in problem.assumptions:
        if not isinstance(a, sp.Basic):
            raise SpecError(f"{where}: assumption {a!r} is not a SymPy relation")
    names = [t.name for t in problem.targets]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise SpecError(f"{where}: duplicate target names {sorted(dup)}")
    for c in problem.claims:
        if c.target and c.target not in names:
            raise SpecError(f"{where}: claim at {c.location!r} answers unknown target {c.target!r}")
    for t in problem.targets:
        if not isinstance(t.expr, sp.Basic):
            raise SpecError(f"{where}: target {t.name!r} has no SymPy expression")
    for plot in problem.plots:
        if plot.kind not in ("stem", "heatmap"):
            raise SpecError(f"{where}: plot {plot.name!r} has unknown kind {plot.kind!r}")
        for label, what in plot.series:
            if isinstance(what, str) and what not in names:
                raise SpecError(
                    f"{where}: plot {plot.name!r} series {label!r} draws unknown target {what!r}"
                )


_SKIPPED: dict[str, str] = {}


def clear_skipped() -> None:
    _SKIPPED.clear()


def skipped() -> list[tuple[str, str]]:
    """Spec files of your own folders that failed to load and were left out: (path, why)."""
    return sorted(_SKIPPED.items())


def _load_or_skip(f: Path, builtin: Path) -> Problem | None:
    """``load_file(f)``; a broken spec of your own is recorded in ``skipped()`` and None is
    returned, a broken built-in spec is an error."""
    try:
        return load_file(f)
    except SpecError as exc:
        if f.resolve().parent == builtin:
            raise
        why = str(exc).removeprefix(f"{f}: ")
        line = re.match(rf"{re.escape(str(f))}:(\d+): ", why)  # (an exercise file's line)
        _SKIPPED[str(f)] = f"line {line[1]}: {why[line.end() :]}" if line else why
        return None


def _probe_yours(files: list[Path], builtin: Path) -> None:
    """Probe the spec files of your own folders not imported yet, several at once (so that
    a few that never finish cost one time bound, not one each); an exercise file is read,
    never run: not probed."""
    _probe(
        [f for f in files if f.resolve().parent != builtin and f.suffix == ".py"
         and _module_name(f) not in sys.modules]
    )  # fmt: skip


def _named(p: Problem, wanted: str) -> bool:
    """Is ``wanted`` (lower case) the problem's id or one of its aliases?"""
    return wanted == p.id.lower() or wanted in (a.lower() for a in p.aliases)


def all_problems(extra=None) -> list[Problem]:
    """Every problem. A broken spec in a folder of your own is left out (``skipped()`` says
    which and why) so that the others still work; a broken built-in spec is an error."""
    problems: dict[str, Problem] = {}
    builtin = builtin_dir().resolve()
    files = spec_files(extra)
    probed = False
    for f in files:
        if not probed and f.resolve().parent != builtin:  # the built-in ones loaded first:
            _probe_yours(files, builtin)  # what they imported, the probes need not import
            probed = True
        p = _load_or_skip(f, builtin)
        if p is None:
            continue
        if p.id in problems:
            raise SpecError(f"{f}: problem id {p.id!r} is also defined in {problems[p.id].path}")
        problems[p.id] = p
    return list(problems.values())


def load(problem_id: str, extra=None) -> Problem:
    """The problem with this id or alias, or a path to a spec file."""
    if problem_id.endswith((".py", ".md")) and Path(problem_id).is_file():
        return load_file(problem_id)
    wanted = problem_id.lower()
    found = _load_mentioning(wanted, extra)
    _no_stand_in(wanted, extra)
    if found is not None:
        return found
    problems = all_problems(extra)
    for p in problems:
        if _named(p, wanted):
            return p
    names = [p.id for p in problems] + [a for p in problems for a in p.aliases]
    close = difflib.get_close_matches(problem_id, names, n=3, cutoff=0.5)
    raise UnknownProblemError(problem_id, close)


def _no_stand_in(wanted: str, extra) -> None:
    """A spec of your own that names the problem asked for and failed to load is that
    problem's error: another problem of the same id (a built-in one) never stands in.
    Only the spec folders of this call count (a folder an earlier call named does not)."""
    here = {str(f) for f in spec_files(extra)}
    for path, why in list(_SKIPPED.items()):
        if path not in here:
            continue
        try:
            text = Path(path).read_text(encoding="utf-8", errors="replace").lower()
        except OSError:
            continue
        if f'"{wanted}"' in text or f"'{wanted}'" in text or f"\nid: {wanted}\n" in text:
            raise SpecError(f"{path}: {why}")


def _load_mentioning(wanted: str, extra) -> Problem | None:
    """The problem ``wanted`` (lower case) found by loading only the spec files whose text
    names it in quotes, or None (then every spec is loaded): importing all 21 built-in specs
    for one took a quarter of a second of every command."""
    builtin = builtin_dir().resolve()
    found: list[Problem] = []
    files = []
    for f in spec_files(extra):
        try:
            text = f.read_text(encoding="utf-8", errors="replace").lower()
        except OSError:
            continue
        if f'"{wanted}"' in text or f"'{wanted}'" in text or f"\nid: {wanted}\n" in text:
            files.append(f)
    _probe_yours(files, builtin)
    for f in files:
        p = _load_or_skip(f, builtin)
        if p is not None and _named(p, wanted):
            found.append(p)
    if len(found) > 1:
        raise SpecError(f"{found[1].path}: problem id {found[1].id!r} is also defined in "
                        f"{found[0].path}")  # fmt: skip
    return found[0] if found else None
