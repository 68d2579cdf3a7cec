"""Grading a class: many submissions, checked in isolation, journaled, resumable.

* **Input**: a CSV with columns ``student, problem, target, answer`` (the answer in LaTeX), or
  a folder of ``<student>.json`` files, each an object mapping ``"problem/target"`` to LaTeX.
* **Isolation**: every check runs through :func:`symderiv.check.check_latex`, which runs the
  reading and judging in a forked sandbox worker under a hard time bound and a memory bound;
  a worker that overruns is killed and replaced and the answer is ``undecided: timeout``.
  Answers longer than :data:`MAX_LATEX` characters, and empty ones, are refused with an
  ``unreadable`` verdict before anything reads them. No text is ever evaluated.
* **Speed**: identical answers (same problem and target, same LaTeX up to whitespace and
  spacing commands) are checked once; the targets are derived once (then read from the disk
  cache by every worker); the checks run on a ``concurrent.futures.Executor``: a process pool
  of ``jobs`` processes by default, or a Dask cluster's executor (``--scheduler``).
* **Nothing lost**: each result is appended to a journal (JSON lines, flushed and fsynced)
  next to the output as soon as it is known; the same command after an interruption skips
  what the journal has, and the gradebook holds every submission exactly once.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import multiprocessing as mp
import os
import re
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import registry
from .check import check_latex
from .check.lexical import MAX_LATEX  # longer answers: refused, ``unreadable``
from .engine.derive import derive_problem
from .errors import SymderivError
from .gradebook import (  # noqa: F401  (the outputs, re-exported: grade.write_gradebook, …)
    GRADE_SCHEMA,
    GRADEBOOK_COLUMNS,
    PASSING,
    diagnosis_text,
    folder_name,
    gradescope_results,
    witness_text,
    write_gradebook,
    write_gradescope,
)
from .progress import Progress
from .version import __version__

#: verdicts that earn the point


@dataclass(frozen=True)
class Submission:
    student: str
    problem: str
    target: str
    latex: str
    origin: str = ""  # file and line, for messages

    @property
    def key(self) -> tuple[str, str, str]:
        """One gradebook row per student and target."""
        return (self.student, self.problem, self.target)

    @property
    def answer_hash(self) -> str:
        return hashlib.sha256(self.latex.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# -- reading submissions -----------------------------------------------------------------


def read_submissions(path: str | os.PathLike) -> list[Submission]:
    """Submissions from a CSV file or a folder of per-student JSON files (see module doc).

    A later row for the same student, problem and target replaces an earlier one."""
    p = Path(path)
    if p.is_dir():
        subs = list(_read_folder(p))
    elif p.is_file():
        subs = list(_read_csv(p))
    else:
        raise SymderivError(f"submissions {str(p)!r}: no such file or folder")
    latest: dict[tuple, Submission] = {}
    for s in subs:
        latest.pop(s.key, None)
        latest[s.key] = s
    return list(latest.values())


def _read_csv(path: Path) -> Iterable[Submission]:
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            need = {"student", "problem", "target", "answer"}
            if reader.fieldnames is None or not need <= {c.strip() for c in reader.fieldnames}:
                raise SymderivError(
                    f"{path}: a CSV with the columns student, problem, target, answer is "
                    f"expected (found: {', '.join(reader.fieldnames or []) or 'nothing'})"
                )
            for n, row in enumerate(reader, 2):
                row = {(k or "").strip(): v for k, v in row.items()}
                if not (row.get("student") or "").strip():
                    raise SymderivError(f"{path}, line {n}: the student column is empty")
                yield Submission(
                    row["student"].strip(),
                    (row["problem"] or "").strip(),
                    (row["target"] or "").strip(),
                    row["answer"] or "",
                    f"{path.name}:{n}",
                )
    except UnicodeDecodeError as exc:
        raise SymderivError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise SymderivError(f"{path}: not a readable CSV: {exc}") from None


def _read_folder(folder: Path) -> Iterable[Submission]:
    files = sorted(folder.glob("*.json"))
    if not files:
        raise SymderivError(f"{folder}: no <student>.json files in the folder")
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SymderivError(f"{f}: not valid JSON: {exc}") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise SymderivError(f'{f}: an object {{"problem/target": "LaTeX", …}} is expected')
        for name, latex in data.items():
            problem, _, target = name.partition("/")
            yield Submission(f.stem, problem.strip(), target.strip(), latex, f.name)


# -- one check (runs in a pool process or on a Dask worker) ------------------------------

_SPACING = frozenset(
    (r"\,", r"\;", r"\:", r"\!", r"\ ", r"\quad", r"\qquad", r"\thinspace", r"\medspace",
     r"\thickspace", r"\negspace", "~")
)  # fmt: skip
_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|\s+|.", re.S)


def normalize(latex: str) -> str:
    """The answer as LaTeX tokens without whitespace and spacing commands: identical answers
    are checked once. A space after a command word separates tokens (``\\tilde y`` is
    ``\\tilde`` then ``y``; ``\\tildey`` is one unknown command), so it is kept as a
    boundary, never dropped into a different answer."""
    tokens = [t for t in _TOKEN.findall(latex) if not t.isspace() and t not in _SPACING]
    return "\x1f".join(tokens)


def refuse(latex: str) -> dict | None:
    """A verdict for an answer that is not read at all: empty, or too long."""
    if not latex.strip():
        return {"status": "unreadable", "reason": "empty answer", "witness": None}
    if len(latex) > MAX_LATEX:
        return {
            "status": "unreadable",
            "reason": f"answer longer than {MAX_LATEX} characters ({len(latex)}); not read",
            "witness": None,
        }
    return None


_problems: dict = {}


def _problem(problem_id: str, specs):
    key = (problem_id, tuple(specs or ()))
    if key not in _problems:
        _problems[key] = registry.load(problem_id, list(specs or ()))
    return _problems[key]


def grade_one(problem_id: str, target: str, latex: str, timeout: float, specs=()) -> dict:
    """Judge one answer; the verdict as a dict with ``seconds``. Never raises for bad input."""
    start = time.perf_counter()
    refused = refuse(latex)
    if refused:
        return {**refused, "seconds": round(time.perf_counter() - start, 4)}
    # A Dask (or other) worker may be a daemonic process, which multiprocessing forbids to
    # start children; the sandbox's child is ours to manage and is killed with its parent.
    proc = mp.current_process()
    if proc._config.get("daemon"):
        proc._config["daemon"] = False
    problem = _problem(problem_id, specs)
    derivation = derive_problem(problem, [target])
    v = check_latex(problem, derivation, target, latex, timeout=timeout)
    d = v.as_dict()
    return {k: d[k] for k in ("status", "reason", "witness", "position", "diagnosis")} | {
        "seconds": round(time.perf_counter() - start, 4)
    }


def _warm(problems: list[tuple[str, tuple[str, ...]]], specs) -> None:
    """Pool initializer: load the problems and their derivations (from the disk cache)."""
    if mp.parent_process() is not None:  # a pool process: Ctrl-C is the parent's to handle
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    for pid, targets in problems:
        with contextlib.suppress(SymderivError):
            derive_problem(_problem(pid, specs), targets)


# -- the journal ---------------------------------------------------------------------------


class Journal:
    """Results as JSON lines, appended, flushed and fsynced one by one. A last line cut short
    by a crash is ignored (and its submission checked again)."""

    def __init__(self, path: Path, fresh: bool = False):
        self.path = path
        self.done: dict[tuple, dict] = {}
        if fresh and path.exists():
            path.unlink()
        if path.exists():
            with open(path, "rb") as f:
                for raw in f:
                    try:
                        entry = json.loads(raw)
                        key = (entry["student"], entry["problem"], entry["target"])
                    except (ValueError, KeyError, TypeError):
                        continue  # a torn line
                    self.done[key] = entry
            _cut_torn_tail(path)
        self._f = open(path, "a", encoding="utf-8")  # noqa: SIM115 (closed by close())

    def write(self, entry: dict) -> None:
        self._f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._f.flush()
        os.fsync(self._f.fileno())
        self.done[(entry["student"], entry["problem"], entry["target"])] = entry

    def close(self) -> None:
        self._f.close()


def _cut_torn_tail(path: Path) -> None:
    """End the file at its last newline, so that the next line starts on a line of its own."""
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with open(path, "r+b") as f:
            f.truncate(data.rfind(b"\n") + 1)


# -- the run -------------------------------------------------------------------------------


@dataclass
class GradeRun:
    rows: list[dict]
    submissions: int
    unique: int
    checked: int
    resumed: int
    seconds: float
    journal: str
    #: rows left out with --skip-bad-rows: (where, why)
    skipped: list = field(default_factory=list)


def default_executor(jobs: int, warm: list, specs) -> Executor:
    """A process pool of ``jobs`` processes (forkserver where there is one: the workers start
    from a clean, single-threaded process), each warmed with the targets of the run."""
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods and hasattr(signal, "pthread_sigmask"):
        # the fork server starts with Ctrl-C blocked (a blocked signal stays blocked across
        # exec) until its own start-up ignores it: a Ctrl-C while it imported printed a
        # traceback. The parent only blocks the signal meanwhile, so one that comes then is
        # delivered after; it no longer ignores it too (a Ctrl-C that came as the handler was
        # swapped was then handled by the ignoring one: lost, and the run went on)
        from multiprocessing import forkserver

        # Its standard error is /dev/null: a worker still starting when the parent, stopped,
        # removes what it shares printed its failure (results come back through the pool)
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        sys.stderr.flush()
        saved, null = os.dup(2), os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        try:
            forkserver.ensure_running()
        finally:
            os.dup2(saved, 2)
            os.close(saved), os.close(null)
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    return ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_warm, initargs=(warm, specs))


def _kill_pool(pool) -> None:
    """Kill a process pool's processes now (their sandboxes die with them): at exit the
    interpreter would otherwise wait for every check under way to finish."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            proc.kill()
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(Exception):
            proc.join(1)


def _forget_manager(pool) -> None:
    """Wait briefly for the pool's manager thread, then drop its wake-up pipe from the
    interpreter's exit handler: after a Ctrl-C the thread closes that pipe, and Python 3.11's
    handler would still write to it and print a traceback under the one-line message."""
    from concurrent.futures import process

    thread = getattr(pool, "_executor_manager_thread", None)
    if thread is not None:
        with contextlib.suppress(Exception):
            thread.join(2)
    # every pool's wake-up made safe, whatever its thread's state (a manager still closing
    # its pipe as the interpreter exits lost the race now and then, under load)
    for t, wakeup in list(process._threads_wakeups.items()):
        if not t.is_alive():
            process._threads_wakeups.pop(t, None)
        elif not getattr(wakeup, "_symderiv_safe", False):
            wakeup.wakeup = _quiet(wakeup.wakeup)
            wakeup._symderiv_safe = True


def _quiet(fn):
    def call():
        with contextlib.suppress(OSError, ValueError):
            fn()

    return call


def grade(
    submissions: list[Submission],
    output: str | os.PathLike,
    jobs: int | None = None,
    timeout: float = 10.0,
    specs=(),
    executor: Executor | None = None,
    progress=None,
    fresh: bool = False,
    skip_bad_rows: bool = False,
) -> GradeRun:
    """Grade ``submissions``; results go to ``<output>.journal`` as they finish. Returns the
    rows of the gradebook (one per submission) and figures of the run."""
    start = time.perf_counter()
    out = Path(output)
    if not out.parent.exists():
        raise SymderivError(f"cannot write {str(out)!r}: folder {str(out.parent)!r} does not exist")
    specs = tuple(str(s) for s in specs or ())
    bad = setup_errors(submissions, specs)
    if bad and not skip_bad_rows:
        rows = ", ".join(where for where, _, _ in bad[:5]) + (" …" if len(bad) > 5 else "")
        raise SymderivError(
            f"{len(bad)} submission(s) name an unknown problem or target ({bad[0][1]}; "
            f"rows: {rows}); fix the file, or grade the rest with --skip-bad-rows"
        )
    skipped = {id(s) for _, _, s in bad}
    journal = Journal(out.with_name(out.name + ".journal"), fresh=fresh)
    todo: dict[tuple, list[Submission]] = {}  # (problem, target, normalized answer) → rows
    direct: list[tuple[Submission, dict]] = []  # verdicts known without a check
    resumed = 0
    known: dict = {}
    keys: dict[int, str] = {}
    for s in submissions:
        if id(s) in skipped:
            continue
        if s.problem not in known:
            known[s.problem] = registry.load(s.problem, list(specs))
        p = known[s.problem]
        keys[id(s)] = verdict_key(s, p, timeout)
        entry = journal.done.get(s.key)
        if entry and entry.get("key") == keys[id(s)]:
            resumed += 1
            continue
        refused = refuse(s.latex)
        if refused:
            direct.append((s, {**refused, "position": None, "seconds": 0.0}))
            continue
        todo.setdefault((p.id, s.target, normalize(s.latex)), []).append(s)

    total = len(submissions) - len(skipped)
    done = resumed
    report = progress or Progress(total, "grade")
    report.start(done)
    for s, v in direct:
        journal.write(_entry(s, v, keys.get(id(s), "")))
        done += 1
        report.update(done)

    # derive each needed target once, here: the workers then read it from the disk cache
    warm: dict[str, set] = {}
    for pid, target, _ in todo:
        warm.setdefault(pid, set()).add(target)
    warm_list = [(pid, tuple(sorted(ts))) for pid, ts in warm.items()]
    _warm(warm_list, specs)

    own = executor is None
    jobs = jobs or os.cpu_count() or 1
    checked = 0
    try:
        pending = dict(todo)
        attempts: Counter = Counter()
        while pending:
            pool = executor
            try:  # (a Ctrl-C while the pool starts or takes the answers stops it too)
                if pool is None:
                    pool = default_executor(jobs, warm_list, specs)
                futures = {
                    pool.submit(grade_one, pid, target, rows[0].latex, timeout, specs): (
                        pid,
                        target,
                        norm,
                    )
                    for (pid, target, norm), rows in pending.items()
                }
                for fut in as_completed(futures):
                    key = futures[fut]
                    v = fut.result()
                    for s in pending.pop(key):
                        journal.write(_entry(s, v, keys.get(id(s), "")))
                        done += 1
                    checked += 1
                    report.update(done)
            except BrokenProcessPool:
                # a pool process died (killed from outside, out of memory past the sandbox):
                # a new pool takes what is left; an answer that breaks two pools is undecided
                for key in list(pending):
                    attempts[key] += 1
                    if attempts[key] >= 2:
                        v = _invalid("the worker process died twice on this answer", "undecided")
                        for s in pending.pop(key):
                            journal.write(_entry(s, v, keys.get(id(s), "")))
                            done += 1
                        report.update(done)
            except BaseException:  # Ctrl-C: the checks under way are abandoned, not awaited
                if own and pool is not None:
                    _kill_pool(pool)
                raise
            finally:
                if own and pool is not None:
                    pool.shutdown(wait=False, cancel_futures=True)
                    _forget_manager(pool)
    finally:
        report.stop()
        journal.close()

    return GradeRun(
        rows=[
            journal.done[s.key]
            for s in sorted(submissions, key=lambda s: s.key)
            if id(s) not in skipped
        ],
        skipped=[(row, why) for row, why, _ in bad],
        submissions=total,
        unique=len(todo),
        checked=checked,
        resumed=resumed,
        seconds=time.perf_counter() - start,
        journal=str(journal.path),
    )


def setup_errors(submissions, specs) -> list[tuple[str, str, Submission]]:
    """Rows that name an unknown problem or target: (where, what, submission). A typo in the
    class file is the grader's error, not a student's, and is reported before any work."""
    out, known = [], {}
    for s in submissions:
        if s.problem not in known:
            try:
                known[s.problem] = registry.load(s.problem, list(specs))
            except SymderivError:
                known[s.problem] = None
        p = known[s.problem]
        where = s.origin or s.student
        if p is None:
            out.append((where, f"unknown problem {s.problem!r}", s))
        elif s.target not in {t.name for t in p.targets}:
            out.append((where, f"problem {p.id!r} has no target {s.target!r}", s))
    return out


def verdict_key(s: Submission, problem, timeout: float) -> str:
    """Everything that decides a verdict: the answer, the problem and target, the spec file's
    content, the time bound and the version of symderiv. A journal entry with another key is
    stale and checked again."""
    h = hashlib.sha256()
    spec = Path(problem.path).read_bytes() if problem.path else repr(problem).encode()
    for part in (s.latex.encode(), s.problem.encode(), s.target.encode(), spec,
                 repr(float(timeout)).encode(), __version__.encode()):  # fmt: skip
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:24]


def _invalid(reason: str, status: str = "unreadable") -> dict:
    return {"status": status, "reason": reason, "witness": None, "position": None, "seconds": 0.0}


def _entry(s: Submission, v: dict, key: str = "") -> dict:
    return {
        "student": s.student,
        "problem": s.problem,
        "target": s.target,
        "answer_hash": s.answer_hash,
        "key": key,
        "status": v["status"],
        "reason": v.get("reason", ""),
        "witness": v.get("witness"),
        "position": v.get("position"),
        "diagnosis": v.get("diagnosis"),
        "seconds": v.get("seconds", 0.0),
    }
