"""Grading a class: many submissions, checked in isolation, journaled, resumable.

* **Input**: a CSV with columns ``student, problem, target, answer`` (the answer in LaTeX), or
  a folder of ``<student>.json`` files, each an object mapping ``"problem/target"`` to LaTeX.
* **Isolation**: every check runs through :func:`symderiv.check.check_latex`, which runs the
  reading and judging in a forked sandbox worker under a hard time bound and a memory bound;
  a worker that overruns is killed and replaced and the answer is ``timeout``; every answer
  that timed out is checked once more at the end of the run with :data:`RETRY_FACTOR` times
  the bound, and one that times out again stays ``timeout``: flagged for review.
  Answers longer than :data:`MAX_LATEX` characters, and empty ones, are refused with an
  ``unreadable`` verdict before anything reads them. No text is ever evaluated.
* **Speed**: identical answers (same problem and target, same LaTeX up to whitespace and
  spacing commands) are checked once; the targets are derived once (then read from the disk
  cache by every worker); the checks run on a ``concurrent.futures.Executor``: a process pool
  of ``jobs`` processes by default, or a Dask cluster's executor (``--scheduler``).
* **Nothing lost**: each result is appended to a journal (JSON lines, flushed and fsynced)
  next to the output as soon as it is known; the same command after an interruption skips
  what the journal has, and the gradebook holds every submission exactly once.
* **Inputs are sacred**: :func:`check_paths` refuses, before any work, an output that is an
  input (the same path, a hard link, a symlink) or another output; files that fail to be
  read or written are a :class:`~symderiv.errors.FileError` naming the file and the cause.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import multiprocessing as mp
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Executor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import registry
from .check import TIMEOUT, check_latex
from .check.read.lexical import MAX_LATEX  # longer answers: refused, ``unreadable``
from .engine.derive import derive_problem
from .engine.parallel import _cores as cores
from .engine.parallel import forget_manager, kill_pool, process_pool
from .errors import SymderivError, file_error
from .gradebook import (  # noqa: F401  (the outputs, re-exported: grade.write_gradebook, …)
    GRADE_SCHEMA,
    GRADEBOOK_COLUMNS,
    INDEX,
    PASSING,
    Journal,
    check_class_paths,
    check_paths,
    diagnosis_text,
    folder_name,
    folder_names,
    gradescope_paths,
    gradescope_results,
    input_files,
    summary,
    witness_text,
    write_gradebook,
    write_gradescope,
)
from .progress import Progress
from .version import __version__

#: an answer that runs past its time bound is checked again at the end of the run with this
#: many times the bound; one that runs past that too stays ``timeout`` (for a TA to review)
RETRY_FACTOR = 4


@dataclass(frozen=True)
class Submission:
    student: str
    problem: str
    target: str
    latex: str
    origin: str = ""  # file and line, for messages
    region: str = ""  # a grading CSV's region column: judged there only ("n >= L")

    @property
    def key(self) -> tuple[str, str, str]:
        """One gradebook row per student and target."""
        return (self.student, self.problem, self.target)

    @property
    def answer_hash(self) -> str:
        return hashlib.sha256(self.latex.encode("utf-8", "surrogatepass")).hexdigest()[:16]


# -- reading submissions -----------------------------------------------------------------


def read_submissions(path: str | os.PathLike, bad: list | None = None) -> list[Submission]:
    """Submissions from a CSV file or a folder of per-student JSON files (see module doc).

    A later row for the same student, problem and target replaces an earlier one. A
    malformed row or student file is appended to ``bad`` as (where, why) and left out, or,
    without a ``bad`` list, raises ``SymderivError`` naming it. A file that cannot be read
    (permission, I/O error) raises ``FileError``."""
    p = Path(path)
    found: list = []
    try:
        if p.is_dir():
            subs = list(_read_folder(p, found))
        elif p.is_file():
            subs = list(_read_csv(p, found))
        else:
            raise SymderivError(f"submissions {str(p)!r}: no such file or folder")
    except OSError as exc:
        raise file_error(exc, exc.filename or p, "read") from None
    if found and bad is None:
        where, why = found[0]
        raise SymderivError(f"{where}: {why}")
    if bad is not None:
        bad.extend(found)
    latest: dict[tuple, Submission] = {}
    for s in subs:
        latest.pop(s.key, None)
        latest[s.key] = s
    return list(latest.values())


_NEED = ("student", "problem", "target", "answer")


def _read_csv(path: Path, bad: list) -> Iterable[Submission]:
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    try:
        # utf-8-sig: a CSV saved by Excel starts with a byte-order mark
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = [c.strip() for c in next(reader, None) or []]
            if not set(_NEED) <= set(header):
                raise SymderivError(
                    f"{path}: a CSV with the columns student, problem, target, answer is "
                    f"expected (found: {', '.join(header) or 'nothing'})"
                )
            twice = sorted({c for c in header if c and header.count(c) > 1})
            if twice:
                raise SymderivError(
                    f"{path}: the column {twice[0]!r} appears {header.count(twice[0])} times "
                    "in the header; which one to grade is ambiguous"
                )
            at = {c: header.index(c) for c in _NEED}
            n = reader.line_num + 1  # the line a row starts on (an answer may span lines)
            for row in reader:
                where, n = f"{path.name}, line {n}", reader.line_num + 1
                if not row or not any(c.strip() for c in row):
                    continue  # a blank line
                if len(row) != len(header):
                    bad.append((where, f"{len(row)} fields where the header has {len(header)}"))
                    continue
                student = row[at["student"]].strip()
                if not student:
                    bad.append((where, "the student column is empty"))
                    continue
                problem, target, answer = (row[at[c]] for c in _NEED[1:])
                region = row[header.index("region")].strip() if "region" in header else ""
                line = f"{path.name}:{where.rpartition(' ')[2]}"
                yield Submission(student, problem.strip(), target.strip(), answer, line, region)
    except UnicodeDecodeError as exc:
        raise SymderivError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise SymderivError(f"{path}: not a readable CSV: {exc}") from None


def _read_folder(folder: Path, bad: list) -> Iterable[Submission]:
    with os.scandir(folder) as entries:  # (an unreadable folder: an error, not "no files")
        files = sorted(folder / e.name for e in entries if e.name.endswith(".json"))
    files = [f for f in files if f.is_file()]
    if not files:
        raise SymderivError(f"{folder}: no <student>.json files in the folder")
    for f in files:
        student = f.stem
        try:
            student.encode("utf-8")
        except UnicodeEncodeError:
            bad.append((repr(f.name)[1:-1], "the file name is not UTF-8"))
            continue
        try:
            data = json.loads(f.read_bytes().decode("utf-8-sig"), object_pairs_hook=_no_twice)
        except UnicodeDecodeError as exc:
            bad.append((f.name, f"not UTF-8 text ({exc.reason})"))
            continue
        except (json.JSONDecodeError, _Twice) as exc:
            bad.append((f.name, f"not valid JSON: {exc}"))
            continue
        if not isinstance(data, dict):
            bad.append((f.name, 'an object {"problem/target": "LaTeX", …} is expected'))
            continue
        for name, latex in data.items():
            if not isinstance(latex, str):
                bad.append((f"{f.name} {name!r}", "the answer is not a string of LaTeX"))
                continue
            problem, _, target = name.partition("/")
            yield Submission(student, problem.strip(), target.strip(), latex, f.name)


class _Twice(ValueError):
    pass


def _no_twice(pairs):
    """A JSON object whose keys are unique (json keeps the last of two silently)."""
    out = {}
    for k, v in pairs:
        if k in out:
            raise _Twice(f"the key {k!r} appears twice")
        out[k] = v
    return out


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


def grade_one(problem_id, target, latex: str, timeout: float, specs=(), region="") -> dict:
    """Judge one answer (on ``region`` only, if one is given); the verdict as a dict with
    ``seconds``. Never raises for bad input (a region it cannot read: ``unreadable``)."""
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
    try:
        v = check_latex(problem, derivation, target, latex, timeout=timeout, region=region or None)
    except SymderivError as exc:  # the region column's text
        return _invalid(str(exc)) | {"seconds": round(time.perf_counter() - start, 4)}
    d = v.as_dict()
    keys = ("status", "reason", "witness", "position", "diagnosis", "reading")
    return {k: d[k] for k in keys} | {"seconds": round(time.perf_counter() - start, 4)}


def _warm(problems: list[tuple[str, tuple[str, ...]]], specs) -> None:
    """Pool initializer: load the problems and their derivations (from the disk cache)."""
    for pid, targets in problems:
        with contextlib.suppress(SymderivError):
            derive_problem(_problem(pid, specs), targets)


def default_executor(jobs: int, warm: list, specs) -> Executor:
    """A process pool of ``jobs`` processes (see ``engine.parallel.process_pool``: started
    by a fork server, and killed with this process), each warmed with the targets of the
    run."""
    try:
        return process_pool(jobs, _warm, (warm, specs))
    except OSError as exc:  # its locks are POSIX semaphores: files in /dev/shm
        raise file_error(exc, "/dev/shm", "create the workers' semaphores in") from None


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
    #: answers checked again (at RETRY_FACTOR times the bound) after a timeout
    retried: int = 0
    #: the bound of that second check
    retry_timeout: float = 0.0


def _warn(message: str) -> None:
    print(f"symderiv: warning: {message}", file=sys.stderr, flush=True)


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
    warn=_warn,
) -> GradeRun:
    """Grade ``submissions``; results go to ``<output>.journal`` as they finish. Returns the
    rows of the gradebook (one per submission, sorted by student, problem and target) and
    figures of the run. An answer whose check runs past ``timeout`` is checked again after
    the others with ``RETRY_FACTOR * timeout``; if it runs past that too, its verdict is
    ``timeout`` (for review). ``warn``: called with each warning (a malformed journal line)."""
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
    for message in journal.warnings[:5]:
        warn(message)
    if len(journal.warnings) > 5:  # (a journal of another format: not a warning a line)
        warn(f"{journal.path}: {len(journal.warnings) - 5} more lines like these ignored")
    todo: dict[tuple, list[Submission]] = {}  # (problem, target, normalized answer) → rows
    again: dict[tuple, list[Submission]] = {}  # timeouts of an earlier run, to check again
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
        group = (p.id, s.target, normalize(s.latex), s.region)
        entry = journal.done.get(s.key)
        if entry and entry.get("key") == keys[id(s)]:
            if entry["status"] == TIMEOUT and not entry.get("retried"):
                again.setdefault(group, []).append(s)  # its second check is still owed
            else:
                resumed += 1
            continue
        refused = refuse(s.latex)
        if refused:
            direct.append((s, {**refused, "position": None, "seconds": 0.0}))
            continue
        todo.setdefault(group, []).append(s)

    total = len(submissions) - len(skipped)
    done = total - sum(map(len, todo.values())) - len(direct)
    report = progress or Progress(total, "grade")
    report.start(done)
    for s, v in direct:
        journal.write(_entry(s, v, keys.get(id(s), "")))
        done += 1
        report.update(done)

    # derive each needed target once, here: the workers then read it from the disk cache
    warm: dict[str, set] = {}
    for pid, target, *_ in [*todo, *again]:
        warm.setdefault(pid, set()).add(target)
    warm_list = [(pid, tuple(sorted(ts))) for pid, ts in warm.items()]
    if todo or again:
        _warm(warm_list, specs)

    own = executor is None
    jobs = min(jobs or cores(), cores())
    checked = 0
    pool = executor

    def check(groups: dict, bound: float, retried: bool, bar) -> dict:
        """Check each group's answer under ``bound``; journal every row. Returns the status
        of each group."""
        nonlocal pool, checked, done
        pending, statuses, attempts = dict(groups), {}, Counter()
        while pending:
            try:
                if pool is None:
                    pool = default_executor(min(jobs, len(pending)), warm_list, specs)
                futures = {
                    pool.submit(grade_one, pid, target, rows[0].latex, bound, specs, region): (
                        pid, target, norm, region,
                    )
                    for (pid, target, norm, region), rows in pending.items()
                }  # fmt: skip
                for fut in as_completed(futures):
                    key = futures[fut]
                    v = fut.result()
                    statuses[key] = v["status"]
                    for s in pending.pop(key):
                        journal.write(_entry(s, v, keys.get(id(s), ""), retried))
                        done += 1
                    checked += not retried
                    bar.update(done)
            except BrokenProcessPool:
                # a pool process died (killed from outside, out of memory past the sandbox):
                # a new pool takes what is left; an answer that breaks two pools is undecided
                for key in list(pending):
                    attempts[key] += 1
                    if attempts[key] >= 2:
                        v = _invalid("the worker process died twice on this answer", "undecided")
                        statuses[key] = v["status"]
                        for s in pending.pop(key):
                            journal.write(_entry(s, v, keys.get(id(s), ""), retried))
                            done += 1
                        bar.update(done)
                if own and pool is not None:
                    pool.shutdown(wait=False, cancel_futures=True)
                    forget_manager(pool)
                    pool = None
        return statuses

    retried = 0
    retry_timeout = RETRY_FACTOR * timeout
    try:
        try:
            statuses = check(todo, timeout, False, report)
        finally:
            report.stop()
        for group, status in statuses.items():
            if status == TIMEOUT:
                again.setdefault(group, []).extend(todo[group])
        if again:  # a timeout is a safety net, not a verdict: a second, longer check
            retried = len(again)
            done = 0
            what = f"grade: timeouts again at {retry_timeout:g} s"
            bar = _NoProgress() if progress else Progress(sum(map(len, again.values())), what)
            bar.start(0)
            try:
                check(again, retry_timeout, True, bar)
            finally:
                bar.stop()
    except BaseException:  # Ctrl-C, a failed write: the checks under way are abandoned
        if own and pool is not None:
            kill_pool(pool)
        raise
    finally:
        if own and pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
            forget_manager(pool)
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
        retried=retried,
        retry_timeout=retry_timeout,
    )


class _NoProgress:
    def start(self, done):
        pass

    def update(self, done):
        pass

    def stop(self):
        pass


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
    try:
        spec = Path(problem.path).read_bytes() if problem.path else repr(problem).encode()
    except OSError as exc:
        raise file_error(exc, problem.path, "read") from None
    for part in (s.latex.encode("utf-8", "surrogatepass"), s.problem.encode(), s.target.encode(),
                 spec, repr(float(timeout)).encode(), __version__.encode(),
                 *([s.region.encode()] if s.region else [])):  # fmt: skip
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:24]


def _invalid(reason: str, status: str = "unreadable") -> dict:
    return {"status": status, "reason": reason, "witness": None, "position": None, "seconds": 0.0}


def _entry(s: Submission, v: dict, key: str = "", retried: bool = False) -> dict:
    return {
        "student": s.student, "problem": s.problem, "target": s.target,
        "answer_hash": s.answer_hash, "key": key, "status": v["status"],
        "reason": v.get("reason") or "",
        **{k: v.get(k) for k in ("witness", "position", "diagnosis", "reading")},
        "seconds": v.get("seconds", 0.0), "retried": retried,
        **({"region": s.region} if s.region else {}),
    }  # fmt: skip
