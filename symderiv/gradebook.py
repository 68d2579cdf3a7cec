"""The files of a graded class: the CSV gradebook and its JSON report, Gradescope's
``results.json`` (one per student, in folders whose names are unique and safe), the journal
of results, and the check that no output is an input or another output.

Every file is written whole or not at all: to a temporary file in the same folder, then
renamed over the old one, so a full disk or a kill never leaves a truncated gradebook or a
``.tmp`` behind. A failed write is a :class:`~symderiv.errors.FileError` naming the file.

What a student wrote is safe to open: a CSV cell that begins with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return is written with a ``'`` before it (OWASP's advice against formula
injection), so is one whose first character that is not a control character or a space is
one of ``=+-@`` (a spreadsheet drops a leading NUL and reads the formula after it), and
every cell is quoted (a ``;`` in an unquoted cell starts a new one where ``;`` is the
separator, ``x;=1+1`` a formula). Gradescope shows every test's text as plain text
(``output_format: text``), never as HTML or Markdown. The gradebook holds no timing: the
same class gives the same bytes on every run (the JSON report keeps the seconds)."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from .check import SEVERITY, Verdict
from .errors import SymderivError, file_error

GRADE_SCHEMA = "symderiv.grade/1"
#: the verdicts that earn the point
PASSING = ("equivalent", "equivalent-numerically")

GRADEBOOK_COLUMNS = (
    "student", "problem", "target", "verdict", "witness", "reason", "diagnosis", "read as",
)  # fmt: skip

#: the first characters that make a spreadsheet read a cell as a formula (OWASP)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text) -> str:
    """A CSV cell a spreadsheet shows as text: ``'`` before a formula's first character, be
    it after control characters and spaces (which a spreadsheet may drop)."""
    text = _text(text)
    first = next((c for c in text if not (c.isspace() or unicodedata.category(c)[0] == "C")), "")
    return "'" + text if text.startswith(FORMULA_START) or first in FORMULA_START[:4] else text


def _text(text) -> str:
    """``text`` as a string that encodes as UTF-8 (a lone surrogate, from a file name that
    is not UTF-8, becomes U+FFFD)."""
    text = "" if text is None else str(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def diagnosis_text(d) -> str:
    """The named mistake, in words (its formulas as LaTeX between $…$)."""
    return str(d.get("explanation", "")) if isinstance(d, dict) else ""


def reading_text(r: dict) -> str:
    """How the answer was read, as one line of plain text ("" when it could not be read),
    with the region it was judged on when the grading CSV gave one."""
    d = r.get("reading")
    text = str(d.get("text", "")) if isinstance(d, dict) else ""
    return f"{text} (judged where {r['region']})" if text and r.get("region") else text


def witness_text(w) -> str:
    if not w:
        return ""
    try:
        return Verdict("not-equivalent", witness=w).witness_text()
    except Exception:  # a witness of another shape (an older journal): shown as it is
        return json.dumps(w, ensure_ascii=False, sort_keys=True)


def _json(doc) -> bytes:
    return json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8", "replace")


def gradebook_csv(rows: list[dict]) -> bytes:
    """The CSV gradebook: a header, then one row per student and target, in the order given
    (``grade`` sorts them by student, problem and target)."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, quoting=csv.QUOTE_ALL)  # a ";" in a cell cannot end it
    w.writerow(GRADEBOOK_COLUMNS)
    for r in rows:
        cells = [r["student"], r["problem"], r["target"], r["status"], witness_text(r["witness"]),
                 r["reason"], diagnosis_text(r.get("diagnosis")), reading_text(r)]  # fmt: skip
        w.writerow([safe_cell(c) for c in cells])
    return buf.getvalue().encode("utf-8")


def report_json(run) -> dict:
    return {
        "schema": GRADE_SCHEMA,
        "submissions": run.submissions,
        "unique_answers_checked": run.checked,
        "resumed_from_journal": run.resumed,
        "retried_after_timeout": getattr(run, "retried", 0),
        "retry_timeout": getattr(run, "retry_timeout", 0.0),
        "seconds": round(run.seconds, 3),
        "verdicts": dict(sorted(Counter(r["status"] for r in run.rows).items())),
        "journal": run.journal,
        "rows": run.rows,
    }


def write_gradebook(run, path: str | os.PathLike) -> list[str]:
    """The CSV gradebook (one row per student and target) and its JSON report next to it
    (``grades.csv`` → ``grades.json``), both or neither. Returns the files written."""
    path = Path(path)
    report = path.with_suffix(".json")
    write_files([(path, gradebook_csv(run.rows)), (report, _json(report_json(run)))])
    return [str(path), str(report)]


def write_files(files: list[tuple[Path, bytes]]) -> None:
    """Write every file whole, or none: each to a temporary file in its own folder first,
    then all renamed into place. On failure every temporary file is removed and a
    ``FileError`` names the file and the cause; the files already there are untouched."""
    temps: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            temps.append((_temp_file(path, data), path))
        for tmp, path in temps:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise file_error(exc, path, "write") from None
    finally:
        for tmp, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _temp_file(path: Path, data: bytes) -> str:
    """``data`` in a new temporary file beside ``path`` (flushed to the disk); its name."""
    folder = str(path.parent) if str(path.parent) else "."
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise file_error(exc, path, "write") from None
    try:
        with open(fd, "wb") as f:
            os.fchmod(f.fileno(), _mode(path))
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise file_error(exc, path, "write") from None
    return tmp


def _mode(path: Path) -> int:
    """The permissions a new file gets here (an existing one keeps its own)."""
    with contextlib.suppress(OSError):
        return os.stat(path).st_mode & 0o7777
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def gradescope_results(rows: list[dict]) -> dict:
    """Gradescope's autograder ``results.json`` for one student's rows: a test per target,
    1 point for an equivalent answer. Every text is plain text (``output_format: text``):
    what a student wrote is never read as HTML or Markdown."""
    tests = []
    for r in rows:
        ok = r["status"] in PASSING
        detail = witness_text(r["witness"]) if r["status"] == "not-equivalent" else ""
        output = r["status"] + (f": {r['reason']}" if r["reason"] else "")
        if reading_text(r):
            output += f"\nread as: {reading_text(r)}"
        if r.get("diagnosis"):
            output += f"\nthe mistake: {diagnosis_text(r['diagnosis'])}"
        tests.append(
            {
                "name": _text(f"{r['problem']}/{r['target']}"),
                "name_format": "text",
                "score": 1.0 if ok else 0.0,
                "max_score": 1.0,
                "status": "passed" if ok else "failed",
                "output": _text(output + (f"\nwitness: {detail}" if detail else "")),
                "output_format": "text",
                "visibility": "visible",
            }
        )
    return {
        "score": sum(t["score"] for t in tests),
        "output": f"{sum(t['score'] for t in tests):g} of {len(tests)} answers equivalent",
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


#: the index of a Gradescope class folder (no student's folder may have its name)
INDEX = "students.json"


def gradescope_paths(students, path: str | os.PathLike) -> dict[str, Path]:
    """Where each student's ``results.json`` goes: ``path`` itself for one student when it
    ends in ``.json``, else ``path/<folder>/results.json`` (see :func:`folder_names`)."""
    path = Path(path)
    students = sorted(set(students))
    if len(students) == 1 and path.suffix == ".json":
        return {students[0]: path}
    return {s: path / name / "results.json" for s, name in folder_names(students).items()}


def write_gradescope(run, path: str | os.PathLike, folders: dict | None = None) -> list[str]:
    """``results.json`` at ``path`` for a single student; for a class, ``path`` is a folder
    with one ``<folder>/results.json`` each and ``students.json``, which maps each student
    to their folder. ``folders``: student → folder name (by default :func:`folder_names` of
    the run's students). Each file is written whole; on a failure, the files and folders
    this call created are removed. Returns the files written."""
    path = Path(path)
    by_student: dict[str, list] = {}
    for r in run.rows:
        by_student.setdefault(r["student"], []).append(r)
    if len(by_student) == 1 and path.suffix == ".json":
        (rows,) = by_student.values()
        write_files([(path, _json(gradescope_results(rows)))])
        return [str(path)]
    names = folder_names(by_student)
    if folders:
        names = {s: folders.get(s, names[s]) for s in names}
    created: list[Path] = []
    files = []
    try:
        for student, rows in by_student.items():
            folder = path / names[student]
            for d in (path, folder):
                if not d.is_dir():
                    try:
                        d.mkdir()
                    except OSError as exc:
                        raise file_error(exc, d, "create the folder") from None
                    created.append(d)
            files.append((folder / "results.json", _json(gradescope_results(rows))))
        index = {s: names[s] for s in by_student}  # which folder is whose
        files.append((path / INDEX, _json(index)))
        write_files(files)
    except BaseException:
        for d in reversed(created):
            with contextlib.suppress(OSError):
                d.rmdir()  # only if still empty: nothing of anyone else's is removed
        raise
    return [str(f) for f, _ in files[:-1]]


#: the longest file name most file systems take, in bytes
MAX_NAME = 255
#: names Windows keeps for devices (with any extension)
_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"{p}{n}" for p in ("COM", "LPT") for n in range(1, 10))}
_DIGEST = 16  # hex digits of the hash suffix


def _digest(student: str) -> str:
    return hashlib.sha256(student.encode("utf-8", "surrogatepass")).hexdigest()[:_DIGEST]


def folder_name(student: str) -> str:
    """A folder name for a student that is safe on every file system: letters, digits, '.',
    '_', '-' and '@' kept, every other byte of its UTF-8 written %XX (``bob smith`` →
    ``bob%20smith``, ``Zoë`` → ``Zo%C3%AB``; ``bob_smith`` stays; a final '.', and the first
    letter of a Windows device name, ``CON`` → ``%43ON``, escaped too), so unique and
    reversible. A name longer than 255 bytes is cut and ends with ``~`` and 16 hex digits
    of its hash (``~`` is never in an escaped name): still unique, no longer reversible
    (``students.json`` says whose it is)."""
    from urllib.parse import quote

    # injective: '%' itself is %25, and '~' (which quote keeps) %7E, for the hash suffix
    name = quote(student, safe="@-_.", errors="surrogatepass").replace("~", "%7E")
    if name in ("", ".", ".."):
        name = name.replace(".", "%2E") or "%00"
    if name.endswith("."):  # Windows drops a final dot: `ann.` would be `ann`'s folder
        name = name[:-1] + "%2E"
    if name.split(".")[0].upper() in _DEVICES:  # CON, NUL, COM1.txt: devices on Windows
        name = f"%{ord(name[0]):02X}{name[1:]}"
    if len(name) > MAX_NAME:
        name = _suffixed(name, student)
    return name


def _suffixed(name: str, student: str) -> str:
    """``name`` with ``~`` and the hash of ``student`` at its end, cut to fit 255 bytes
    (never inside a %XX escape)."""
    keep = MAX_NAME - _DIGEST - 1
    if len(name) > keep:
        name = name[:keep]
        cut = name.rfind("%", keep - 2)
        if cut >= 0:
            name = name[:cut]
    return f"{name}~{_digest(student)}"


def folder_names(students) -> dict[str, str]:
    """Each student's folder: :func:`folder_name`, and, for every student whose folder name
    equals another's but for case (``Ann``, ``ann``: one folder on macOS and Windows) or is
    ``students.json``, that name with ``~`` and 16 hex digits of its hash added. The same
    students always get the same names."""
    names = {s: folder_name(s) for s in sorted(set(students))}
    folded = Counter(n.lower() for n in names.values())
    for s, n in names.items():
        if (folded[n.lower()] > 1 or n.lower() == INDEX) and "~" not in n:
            names[s] = _suffixed(n, s)
    if len({n.lower() for n in names.values()}) < len(names):  # pragma: no cover - a hash clash
        raise ValueError("two students' folder names collide")
    return names


# -- the journal ---------------------------------------------------------------------------

#: the fields of a journal entry and their types (an entry without one is checked again)
_FIELDS: dict[str, tuple] = {
    "student": (str,),
    "problem": (str,),
    "target": (str,),
    "key": (str,),
    "status": (str,),
    "reason": (str,),
    "witness": (dict, type(None)),
    "position": (int, type(None)),
    "diagnosis": (dict, type(None)),
    "seconds": (int, float),
}


def _malformed(entry) -> str | None:
    """Why a journal entry cannot be used, or None."""
    if not isinstance(entry, dict):
        return "not a JSON object"
    for name, types in _FIELDS.items():
        if name not in entry:
            return f"no {name!r} field"
        if not isinstance(entry[name], types) or isinstance(entry[name], bool):
            return f"the {name!r} field is not a {types[0].__name__}"
    if entry["status"] not in SEVERITY:
        return f"unknown verdict {entry['status']!r}"
    d = entry["diagnosis"]
    if d is not None and not isinstance(d.get("explanation"), str):
        return "the 'diagnosis' field has no explanation"
    if not isinstance(entry.get("retried", False), bool):
        return "the 'retried' field is not true or false"
    return None


class Journal:
    """Results as JSON lines, appended and fsynced one by one. A last line cut short by a
    crash is ignored (and its submission checked again); any other line that is not a whole
    entry is reported in ``warnings`` (naming the journal and the line) and ignored too."""

    def __init__(self, path: Path, fresh: bool = False):
        self.path = path
        self.done: dict[tuple, dict] = {}
        self.warnings: list[str] = []
        self._fd = None
        try:
            if fresh:
                path.unlink(missing_ok=True)
            if path.exists():
                self._load()
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
        except OSError as exc:
            raise file_error(exc, path, "open the journal") from None

    def _load(self) -> None:
        data = self.path.read_bytes()
        lines = data.split(b"\n")
        torn = lines.pop()  # after the last newline: b"", or a line torn by a crash
        for n, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            try:
                entry = json.loads(raw)
            except ValueError:
                why = "not a JSON line"
            else:
                why = _malformed(entry)
            if why:
                self.warnings.append(
                    f"{self.path}, line {n}: {why}; ignored (its submission is checked again)"
                )
                continue
            self.done[(entry["student"], entry["problem"], entry["target"])] = entry
        if torn:
            with open(self.path, "r+b") as f:  # the next line starts on a line of its own
                f.truncate(len(data) - len(torn))

    def write(self, entry: dict) -> None:
        text = json.dumps(entry, ensure_ascii=False)
        try:
            data = (text + "\n").encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (from a file name): escaped
            data = (json.dumps(entry) + "\n").encode("ascii")
        try:
            view = memoryview(data)
            while view:  # unbuffered: nothing is left to flush (and fail) at close
                view = view[os.write(self._fd, view) :]
            os.fsync(self._fd)
        except OSError as exc:
            raise file_error(
                exc, self.path, "write the journal",
                "the results before it are kept: run the same command to resume",
            ) from None  # fmt: skip
        self.done[(entry["student"], entry["problem"], entry["target"])] = entry

    def close(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


# -- the paths -----------------------------------------------------------------------------


def check_paths(inputs: list[tuple[str, Path]], outputs: list[tuple[str, Path]]) -> None:
    """Before any work: no output is an input (the same path, a hard link, a symlink to it,
    or a path that resolves to it), and no two outputs are one file. A folder of student
    files is an input too: no ``.json`` output may be written into it (the next run would
    read it as a student's). ``inputs``/``outputs``: (what, path), e.g. ("the gradebook",
    Path("grades.csv")). Raises ``SymderivError`` (exit 2) naming both paths."""
    seen: dict = {}
    folders = [os.path.realpath(p) for _, p in inputs if os.path.isdir(p)]
    for n, (what, path) in enumerate([*inputs, *outputs]):
        is_output = n >= len(inputs)
        real = os.path.realpath(path)
        ids = [("path", real)]
        with contextlib.suppress(OSError, ValueError):
            st = os.stat(path)
            ids.append(("file", st.st_dev, st.st_ino))
        for i in ids:
            if i not in seen:
                seen[i] = (what, path, is_output)
                continue
            other_what, other, other_is_output = seen[i]
            if not is_output:
                continue  # two inputs: a class may name a spec twice
            if not other_is_output:
                raise SymderivError(
                    f"cannot write {what} {str(path)!r}: it is {other_what} {str(other)!r}, "
                    "which would be overwritten; write to another file"
                )
            raise SymderivError(
                f"cannot write {what} {str(path)!r}: it is the same file as {other_what} "
                f"{str(other)!r}"
            )
        if is_output and real.lower().endswith(".json") and os.path.dirname(real) in folders:
            raise SymderivError(
                f"cannot write {what} {str(path)!r}: it is in the submissions folder, where "
                "the next run would read it as a student's file; write to another folder"
            )


def summary(run, where: str) -> str:
    """The line ``grade`` ends with: what was checked, the verdicts, how many answers a TA
    should review, and what was written (``where``)."""

    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    counts = Counter(r["status"] for r in run.rows)
    again = f", {run.retried} checked again after a timeout" if run.retried else ""
    review = ""
    if counts.get("timeout"):
        review = (
            f"; {n(counts['timeout'], 'answer')} for a TA to review (timeout: still past the "
            f"time bound when checked again at {run.retry_timeout:g} s)"
        )
    listed = ", ".join(f"{k} {status}" for status, k in sorted(counts.items()))
    return (
        f"graded {n(run.submissions, 'submission')} ({run.checked} checks of {run.unique} "
        f"distinct answers this run, {run.resumed} from the journal{again}) in "
        f"{run.seconds:.1f} s: {listed}{review}; wrote {where}"
    )


def input_files(path: str | os.PathLike) -> list[Path]:
    """The files (and folder) a class is read from: what no output may overwrite."""
    p = Path(path)
    if not p.is_dir():
        return [p]
    return [p, *sorted(f for f in p.glob("*.json") if f.is_file())]


def check_class_paths(source, specs, subs, out: Path, form: str = "csv") -> dict | None:
    """:func:`check_paths` for ``grade source -o out --format form``: the inputs are the
    class file (or folder and its student files) and the ``specs`` files; the outputs the
    journal, and the gradebook and its report, or every Gradescope file and folder. Returns
    the students' Gradescope folder names (None: not a class folder)."""
    inputs = [(f"the submissions {'folder' if p.is_dir() else 'file'}", p)
              for p in input_files(source)]  # fmt: skip
    inputs += [("the spec file", Path(p)) for p in specs if p]
    outputs = [("the journal", out.with_name(out.name + ".journal"))]
    folders = None
    if form == "csv":
        outputs += [("the gradebook", out), ("the report", out.with_suffix(".json"))]
    else:
        places = gradescope_paths({s.student for s in subs}, out)
        if out.suffix != ".json" or len(places) > 1:
            outputs += [("the Gradescope folder", out), ("the index", out / INDEX)]
            folders = {s: p.parent.name for s, p in places.items()}
            outputs += [(f"the folder of {s!r}", p.parent) for s, p in places.items()]
        outputs += [(f"the results of {s!r}", p) for s, p in places.items()]
    check_paths(inputs, outputs)
    return folders
