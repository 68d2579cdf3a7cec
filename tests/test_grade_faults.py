"""Grading a class under attack and under faults (issue 27): inputs are never overwritten,
options are validated, the outputs are safe to open, a full disk or a file-size limit is an
I/O error (exit 6) that leaves nothing half-written and resumes, malformed rows, journal
lines and student files are named and skipped, a timeout is checked again before it is a
grade (the same bytes on every run: tests/test_determinism.py).

Each test runs the command the attacker ran, on the same kind of input."""

import csv
import errno
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from symderiv import grade
from symderiv.cli import main

ROOT = Path(grade.__file__).resolve().parents[1]  # the tree under test (also for subprocesses)
RIGHT = r"\sigma'(\tilde y_k)\delta_{ki}"  # ∂y_k/∂b_i, right
WRONG = r"\delta_{ki}"
# runs to its time bound, however fast the machine
SLOW = r"\sum_{j=1}^{1000000000} \frac{j}{j+1}"


def _csv(path, rows, header=("student", "problem", "target", "answer")):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def _book(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {r["student"]: r for r in csv.DictReader(f)}


def _class(path, n=6):
    """n students with right and wrong answers, all distinct (each is checked)."""
    rows = [
        (f"s{i}", "exercise13", "dy_db", RIGHT + (f" + {i}" if i % 2 else "")) for i in range(n)
    ]
    return _csv(path, rows)


def _symderiv(*args, preexec=None, user=None, env=None, timeout=300):
    """The command in a process of its own, running the tree under test."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "symderiv", *map(str, args)],
        capture_output=True, text=True, env=env, preexec_fn=preexec, user=user, timeout=timeout,
    )  # fmt: skip


def _one_error(err: str, *words) -> None:
    lines = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith("grade: ")]
    assert len(lines) == 1 and lines[0].startswith("symderiv: error: "), err
    assert "Traceback" not in err and "internal error" not in err, err
    for w in words:
        assert w in lines[0], (w, err)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp"))


# -- 1. inputs are sacred ------------------------------------------------------------------


def test_grade_c_csv_to_c_csv_is_refused_and_the_class_kept(tmp_path, capsys):
    src = _class(tmp_path / "c.csv")
    before = src.read_bytes()
    (tmp_path / "link.csv").symlink_to(src)
    os.link(src, tmp_path / "hard.csv")
    for out in ("c.csv", "link.csv", "hard.csv", "./sub/../c.csv"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        assert main(["grade", str(src), "-o", str(tmp_path / out)]) == 2, out
        _one_error(capsys.readouterr().err, "c.csv", "would be overwritten")
        assert src.read_bytes() == before
    assert not list(tmp_path.glob("*.journal")) and not list(tmp_path.glob("*.json"))


def test_the_report_or_the_journal_may_not_be_an_input(tmp_path, capsys):
    # a class file named c.json: the report of -o c.csv is c.json
    src = _class(tmp_path / "c.json")
    before = src.read_bytes()
    assert main(["grade", str(src), "-o", str(tmp_path / "c.csv")]) == 2
    _one_error(capsys.readouterr().err, "the report", "c.json")
    # the class file is the journal of -o g.csv
    journal = _class(tmp_path / "g.csv.journal")
    assert main(["grade", str(journal), "-o", str(tmp_path / "g.csv")]) == 2
    _one_error(capsys.readouterr().err, "the journal", "g.csv.journal")
    assert src.read_bytes() == before and journal.read_bytes() == before


def test_two_outputs_that_are_one_file_are_refused(tmp_path, capsys):
    src = _class(tmp_path / "c.csv")
    (tmp_path / "g.json").symlink_to(tmp_path / "g.csv")  # the report would be the gradebook
    assert main(["grade", str(src), "-o", str(tmp_path / "g.csv")]) == 2
    _one_error(capsys.readouterr().err, "the same file", "g.csv", "g.json")


def test_pdf_and_its_latex_source_may_not_be_one_file(tmp_path, capsys):
    (tmp_path / "a.tex").symlink_to(tmp_path / "a.pdf")
    for tex in ("a.pdf", "a.tex"):
        argv = ["pdf", "ex13", "-o", str(tmp_path / "a.pdf"), "--tex", str(tmp_path / tex)]
        assert main(argv) == 2, tex
        _one_error(capsys.readouterr().err, "the same file", "a.pdf")
    assert not (tmp_path / "a.pdf").exists()


def test_no_output_is_written_into_a_folder_of_student_files(tmp_path, capsys):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ann.json").write_text(json.dumps({"exercise13/dy_db": RIGHT}))
    before = (subs / "ann.json").read_bytes()
    for argv in (
        ["-o", str(subs), "--format", "gradescope"],  # students.json would be a student
        ["-o", str(subs / "g.csv")],  # its report g.json too
        ["-o", str(subs / "ann.json"), "--format", "gradescope"],
    ):
        assert main(["grade", str(subs), *argv]) == 2, argv
        _one_error(capsys.readouterr().err, "subs")
    assert sorted(p.name for p in subs.iterdir()) == ["ann.json"]
    assert (subs / "ann.json").read_bytes() == before


# -- 5. options validated ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "nan", "1e12", "0", "-1", "3601", "ten"])
def test_a_timeout_out_of_range_is_one_line_exit_2(tmp_path, capsys, value):
    src = _class(tmp_path / "c.csv", 2)
    out = tmp_path / "g.csv"
    assert main(["grade", str(src), "-o", str(out), f"--timeout={value}"]) == 2
    _one_error(capsys.readouterr().err, "--timeout", "at most 3600")
    assert not list(tmp_path.glob("g.*"))
    assert (
        main(["check", "ex13", "--target", "dy_db", "--answer", RIGHT, f"--timeout={value}"]) == 2
    )
    _one_error(capsys.readouterr().err, "--timeout")
    assert main(["pdf", "ex13", "-o", str(tmp_path / "a.pdf"), f"--timeout={value}"]) == 2
    _one_error(capsys.readouterr().err, "--timeout")


def test_more_jobs_than_cores_are_capped_with_a_note(tmp_path, capsys):
    src = _class(tmp_path / "c.csv", 2)
    cores = len(os.sched_getaffinity(0))
    jobs = max(32, cores + 1)  # 32 on 2 cores took 2.35 GB and ran 3.5 times slower
    assert main(["grade", str(src), "-o", str(tmp_path / "g.csv"), "--jobs", str(jobs)]) == 0
    err = capsys.readouterr().err
    assert f"note: --jobs {jobs} is more than the {cores} cores" in err
    assert f"using {cores}" in err and err.count("symderiv:") == 1


# -- 6. outputs safe to open ---------------------------------------------------------------


def test_formula_cells_are_neutralised_and_gradescope_text_is_plain(tmp_path, capsys):
    names = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "ann"]
    rows = [(n, "exercise13", "dy_db", RIGHT) for n in names]
    rows.append(("<b>eve</b>", "exercise13", "dy_db", "<script>alert(1)</script>"))
    src = _csv(tmp_path / "c.csv", rows)
    out = tmp_path / "g.csv"
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1"]) == 0
    with open(out, newline="", encoding="utf-8") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], cells
    book = _book(out)
    for n in names[:4]:
        assert book["'" + n]["verdict"] == "equivalent"
    assert book["ann"]["verdict"] == "equivalent"
    report = json.loads((tmp_path / "g.json").read_text())  # the report keeps names as they are
    assert {r["student"] for r in report["rows"]} == {*names, "<b>eve</b>"}

    gs = tmp_path / "gs"
    assert main(["grade", str(src), "-o", str(gs), "--format", "gradescope", "--jobs", "1"]) == 0
    index = json.loads((gs / "students.json").read_text())
    eve = json.loads((gs / index["<b>eve</b>"] / "results.json").read_text())
    assert "<script>" in eve["tests"][0]["output"]  # shown to the student as it is, as text:
    for folder in index.values():
        doc = json.loads((gs / folder / "results.json").read_text())
        assert doc.get("output_format") == "text"
        assert all(t.get("output_format") == "text" for t in doc["tests"]), doc


# -- 7. long and clashing student names ------------------------------------------------------


def test_long_and_case_clashing_names_get_their_own_short_folders(tmp_path, capsys):
    names = ["x" * 300, "中" * 100, "Ann", "ann", "students.json", "bob", "CON", "eve."]
    src = _csv(tmp_path / "c.csv", [(n, "exercise13", "dy_db", RIGHT) for n in names])
    gs = tmp_path / "gs"
    assert main(["grade", str(src), "-o", str(gs), "--format", "gradescope", "--jobs", "1"]) == 0
    index = json.loads((gs / "students.json").read_text())
    assert set(index) == set(names)
    folders = list(index.values())
    assert all(len(f.encode()) <= 255 for f in folders), folders
    assert len({f.lower() for f in folders}) == len(names)  # apart on a case-blind disk too
    assert "students.json" not in {f.lower() for f in folders}
    assert index["bob"] == "bob"  # an ordinary name is left as it is
    assert index["CON"].split(".")[0].upper() != "CON" and not index["eve."].endswith(".")
    for who, folder in index.items():
        doc = json.loads((gs / folder / "results.json").read_text())
        assert doc["tests"][0]["status"] == "passed", who
    assert grade.folder_names(names) == index  # the same names every run
    assert _leftovers(gs) == []


# -- 9. I/O errors --------------------------------------------------------------------------


def _fsize(limit):
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


def test_a_file_size_limit_on_the_journal_is_exit_6_and_the_run_resumes(tmp_path):
    src = _class(tmp_path / "c.csv")
    out = tmp_path / "g.csv"
    done = _symderiv("grade", src, "-o", out, "--jobs", "1", preexec=_fsize(1200))
    assert done.returncode == 6, done.stderr
    _one_error(done.stderr, "g.csv.journal", "file too large")
    assert not out.exists() and _leftovers(tmp_path) == []
    kept = Path(f"{out}.journal").read_text().count("\n")
    assert kept >= 1
    done = _symderiv("grade", src, "-o", out, "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert f"{kept} from the journal" in done.stdout
    assert len(_book(out)) == 6


@pytest.mark.parametrize("which", ["gradebook", "report"])
def test_a_file_size_limit_on_the_outputs_keeps_the_previous_ones_whole(tmp_path, which):
    src = _class(tmp_path / "c.csv")
    out, report = tmp_path / "g.csv", tmp_path / "g.json"
    assert _symderiv("grade", src, "-o", out, "--jobs", "1").returncode == 0
    book, doc = out.read_bytes(), report.read_bytes()
    assert len(book) < len(doc)
    # under the gradebook's size, or between it and the report's
    limit = len(book) // 2 if which == "gradebook" else (len(book) + len(doc)) // 2
    done = _symderiv("grade", src, "-o", out, "--jobs", "1", preexec=_fsize(limit))
    assert done.returncode == 6, done.stderr
    _one_error(done.stderr, str(out if which == "gradebook" else report), "file too large",
               "run the same command again")  # fmt: skip
    assert out.read_bytes() == book and report.read_bytes() == doc  # the old ones, whole
    assert _leftovers(tmp_path) == []


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KiB tmpfs (root only): a disk that fills up."""
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}): the file-size "
                    "limit tests cover the same code path (EFBIG)")  # fmt: skip
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_is_exit_6_leaves_nothing_and_the_run_resumes(tmp_path, tiny_disk):
    src = _class(tmp_path / "c.csv")
    out = tiny_disk / "g.csv"
    st = os.statvfs(tiny_disk)
    filler = tiny_disk / "filler"
    filler.write_bytes(b"\0" * (st.f_bavail * st.f_frsize - 8192))  # two pages left
    done = _symderiv("grade", src, "-o", out, "--jobs", "1")
    assert done.returncode == 6, done.stderr
    _one_error(done.stderr, "no space left on device", str(tiny_disk))
    assert _leftovers(tiny_disk) == [] and not out.exists()
    filler.unlink()
    done = _symderiv("grade", src, "-o", out, "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert len(_book(out)) == 6


def _no_override():
    """As root: give up the capabilities that read any file, for the command (dropped from
    the bounding set before exec), so a file of mode 000 is unreadable to it as to anyone."""
    if os.geteuid() != 0:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def test_an_unreadable_class_file_is_exit_6_naming_it(tmp_path):
    src = _class(tmp_path / "c.csv")
    src.chmod(0)
    try:
        done = _symderiv("grade", src, "-o", tmp_path / "g.csv", preexec=_no_override)
    except subprocess.SubprocessError as exc:  # no CAP_SETPCAP (a container): cannot drop
        pytest.skip(f"cannot run the command without reading every file: {exc}")
    assert done.returncode == 6, done.stderr
    _one_error(done.stderr, "c.csv", "permission denied")
    assert _leftovers(tmp_path) == [] and not (tmp_path / "g.csv.journal").exists()


def test_a_journal_line_without_a_field_is_named_and_checked_again(tmp_path, capsys):
    src = _class(tmp_path / "c.csv", 3)
    out = tmp_path / "g.csv"
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1"]) == 0
    whole = out.read_bytes()
    journal = Path(f"{out}.journal")
    lines = journal.read_text().splitlines()
    first = json.loads(lines[0])
    del first["status"]
    journal.write_text("\n".join([json.dumps(first), "[1, 2]", *lines[1:]]) + "\n")
    capsys.readouterr()
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1"]) == 0
    said, err = capsys.readouterr()
    assert f"warning: {journal}, line 1: no 'status' field" in err
    assert f"warning: {journal}, line 2: not a JSON object" in err
    assert "2 from the journal" in said and out.read_bytes() == whole
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1"]) == 0  # and every rerun
    assert "3 from the journal" in capsys.readouterr().out and out.read_bytes() == whole


def test_a_malformed_student_file_is_skipped_by_name_with_skip_bad_rows(tmp_path, capsys):
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "ann.json").write_text(json.dumps({"exercise13/dy_db": RIGHT}))
    (subs / "bob.json").write_text('{"exercise13/dy_db": "x"')  # cut short
    (subs / "cat.json").write_text(json.dumps({"exercise13/dy_db": 5}))
    out = tmp_path / "g.csv"
    assert main(["grade", str(subs), "-o", str(out), "--jobs", "1"]) == 2
    _one_error(capsys.readouterr().err, "bob.json", "not valid JSON", "--skip-bad-rows")
    assert main(["grade", str(subs), "-o", str(out), "--jobs", "1", "--skip-bad-rows"]) == 0
    err = capsys.readouterr().err
    assert "skipped bob.json: not valid JSON" in err and "skipped cat.json" in err
    assert set(_book(out)) == {"ann"}


def test_a_csv_with_a_byte_order_mark_is_read(tmp_path, capsys):
    src = tmp_path / "c.csv"
    src.write_bytes(
        b"\xef\xbb\xbf" + f"student,problem,target,answer\nann,exercise13,dy_db,{RIGHT}\n".encode()
    )
    out = tmp_path / "g.csv"
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1"]) == 0
    assert _book(out)["ann"]["verdict"] == "equivalent"


def test_two_answer_columns_are_an_error_naming_the_column(tmp_path, capsys):
    src = _csv(tmp_path / "c.csv", [("ann", "exercise13", "dy_db", RIGHT, WRONG)],
               header=("student", "problem", "target", "answer", "answer"))  # fmt: skip
    assert main(["grade", str(src), "-o", str(tmp_path / "g.csv")]) == 2
    _one_error(capsys.readouterr().err, "'answer'", "c.csv")


def test_check_answers_of_a_file_that_is_not_utf8_is_one_line_exit_2(tmp_path, capsys):
    f = tmp_path / "answers.txt"
    f.write_bytes(b"\\delta_{ki}\n\xff\xfe latin-1: \xe9\n")
    assert main(["check", "ex13", "--target", "dy_db", "--answers", str(f)]) == 2
    _one_error(capsys.readouterr().err, "answers.txt", "not UTF-8")


# -- 10. a timeout is checked again, never a grade -------------------------------------------


def test_a_timeout_in_the_journal_is_checked_again_on_the_resumed_run(tmp_path, capsys):
    """A run on a busy machine journaled a right answer as a timeout: the same command
    checks it again (with 4 times the bound) and grades it."""
    src = _csv(tmp_path / "c.csv", [("ann", "exercise13", "dy_db", RIGHT)])
    out = tmp_path / "g.csv"
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1"]) == 0
    journal = Path(f"{out}.journal")
    entry = json.loads(journal.read_text())
    entry.update(status="timeout", reason="timeout: no answer within 10 s", witness=None,
                 diagnosis=None, retried=False)  # fmt: skip
    journal.write_text(json.dumps(entry) + "\n")
    out.unlink()
    capsys.readouterr()
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1"]) == 0
    assert "1 checked again after a timeout" in capsys.readouterr().out
    assert _book(out)["ann"]["verdict"] == "equivalent"
    last = json.loads(journal.read_text().splitlines()[-1])
    assert last["retried"] is True and last["status"] == "equivalent"


def test_a_timeout_checked_again_by_the_run_itself():
    """The first check of each answer runs past its bound (the executor says so, as a busy
    machine would); the second, with 4 times the bound, gives the verdict."""
    from concurrent.futures import Executor, Future

    bounds = []

    class Busy(Executor):
        def submit(self, fn, *args):
            fut = Future()
            bounds.append(args[3])
            if args[3] == 1.0:  # the first check: past its bound
                fut.set_result({"status": "timeout", "reason": "timeout: no answer within 1 s",
                                "witness": None, "seconds": 1.0})  # fmt: skip
            else:
                fut.set_result(fn(*args))
            return fut

    subs = [grade.Submission("a", "exercise13", "dy_db", RIGHT),
            grade.Submission("b", "exercise13", "dy_db", WRONG)]  # fmt: skip
    out = Path(tempfile.mkdtemp()) / "g.csv"
    try:
        run = grade.grade(subs, out, timeout=1.0, executor=Busy())
    finally:
        shutil.rmtree(out.parent, ignore_errors=True)
    assert sorted(bounds) == [1.0, 1.0, 4.0, 4.0]
    assert {r["student"]: r["status"] for r in run.rows} == {"a": "equivalent",
                                                             "b": "not-equivalent"}  # fmt: skip
    assert run.retried == 2 and all(r["retried"] for r in run.rows)


def test_an_answer_past_its_bound_twice_is_flagged_for_a_ta(tmp_path, capsys):
    src = _csv(tmp_path / "c.csv", [("ann", "exercise13", "dy_db", SLOW),
                                    ("bob", "exercise13", "dy_db", RIGHT)])  # fmt: skip
    out = tmp_path / "g.csv"
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1", "--timeout", "1"]) == 0
    said = capsys.readouterr().out
    assert "1 answer for a TA to review" in said and "again at 4 s" in said
    book = _book(out)
    assert book["ann"]["verdict"] == "timeout" and "4 s" in book["ann"]["reason"]
    assert book["bob"]["verdict"] == "equivalent"
    rows = {r["student"]: r for r in json.loads((tmp_path / "g.json").read_text())["rows"]}
    assert rows["ann"]["retried"] is True and rows["bob"]["retried"] is False
    # the same command again: nothing is checked a third time
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1", "--timeout", "1"]) == 0
    assert "2 from the journal" in capsys.readouterr().out


def test_errno_words():
    from symderiv.errors import EXIT_IO, file_error

    e = file_error(OSError(errno.ENOSPC, "No space left on device"), "g.csv")
    assert e.exit_code == EXIT_IO == 6
    assert str(e) == "cannot write 'g.csv': no space left on device (ENOSPC)"
