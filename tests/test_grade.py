"""Grading a class: hostile answers get a clear verdict within their bound, nothing is lost or
counted twice across a kill and a resume, identical answers are checked once, and the
outputs have their documented shapes."""

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from symderiv import grade
from symderiv.cli import main

TIMEOUT = 3.0
RIGHT = r"\sigma'(\tilde{y}_k) \delta_{ki}"  # ∂y_k/∂b_i
PWNED = "/tmp/symderiv-test-pwned"

HOSTILE = {
    "nested": "{" * 2000 + "x" + "}" * 2000,
    "tower": r"10^{10^{10^{10}}}",
    "megabyte": "x + " * 262144,
    "unbalanced": r"\frac{1}{2 + \sigma(\tilde{y}_k}",
    "input": r"\input{/etc/passwd}",
    "python": f"__import__('os').system('touch {PWNED}')",
    "python2": f"open('{PWNED}', 'w').write('x')",
    "junk": "\u0000\ufffd\U0001d518∂∂∂\u202e",
    "empty": "",
}


def write_csv(path: Path, rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "problem", "target", "answer"])
        w.writerows(rows)
    return path


def read_gradebook(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == list(grade.GRADEBOOK_COLUMNS)
    return rows[1:]


def test_hostile_class_every_row_a_clear_verdict_within_its_bound(tmp_path, capsys):
    if os.path.exists(PWNED):
        os.remove(PWNED)
    rows = [(name, "exercise13", "dy_db", latex) for name, latex in HOSTILE.items()]
    rows.append(("honest", "exercise13", "dy_db", RIGHT))
    out = tmp_path / "grades.csv"
    argv = ["grade", str(write_csv(tmp_path / "class.csv", rows)), "-o", str(out)]
    assert main([*argv, "--jobs", "2", "--timeout", str(TIMEOUT)]) == 0
    book = {r[0]: r for r in read_gradebook(out)}
    assert set(book) == {*HOSTILE, "honest"}  # every row, once
    assert book["honest"][3] == "equivalent"
    # the time each took is in the report (the gradebook holds no timing); an answer that
    # ran past its bound was checked again at the end with 4 times the bound
    timed = {r["student"]: r for r in json.loads((tmp_path / "grades.json").read_text())["rows"]}
    for name in HOSTILE:
        verdict, reason, seconds = book[name][3], book[name][5], timed[name]["seconds"]
        assert verdict in ("unreadable", "undecided", "timeout"), (name, verdict, reason)
        assert reason, name  # a clear reason, always
        bound = grade.RETRY_FACTOR * TIMEOUT if timed[name]["retried"] else TIMEOUT
        assert seconds <= bound + 2.0, (name, seconds)
    assert book["megabyte"][5].startswith(f"answer longer than {grade.MAX_LATEX} characters")
    assert book["empty"][5] == "empty answer"
    assert book["tower"][3] in ("undecided", "timeout"), book["tower"]
    assert not os.path.exists(PWNED)  # nothing in the text was run
    report = json.loads((tmp_path / "grades.json").read_text())
    assert report["schema"] == "symderiv.grade/1" and report["submissions"] == len(rows)
    assert len(report["rows"]) == len(rows)


def _class_rows(n_students: int = 12):
    """A class whose answers are right, wrong, spaced differently, and some that time out."""
    rows = []
    for s in range(n_students):
        rows.append((f"s{s:02d}", "exercise13", "dy_db", RIGHT if s % 3 else RIGHT + f" + {s}"))
        rows.append((f"s{s:02d}", "exercise13", "dy_dx", r"\sigma'(\tilde y_k)\,W_{ki}"))
        rows.append((f"s{s:02d}", "exercise14", "dF_dtheta3", rf"\frac{{\partial f_3(y, \theta_3)}}{{\partial \theta_3}} + {s % 4}"))  # fmt: skip
        if s in (5, 6, 7):  # slow ones in the middle: the kill lands mid-way
            rows.append((f"s{s:02d}", "exercise13", "dy_dW", rf"10^{{10^{{10^{{10}}}}}} + {s}"))
    return rows


def test_killed_and_resumed_run_gives_the_same_gradebook(tmp_path):
    sub = write_csv(tmp_path / "class.csv", _class_rows())
    total = len(_class_rows())
    whole = tmp_path / "whole.csv"
    assert main(["grade", str(sub), "-o", str(whole), "--jobs", "1", "--timeout", "2"]) == 0

    out = tmp_path / "grades.csv"
    journal = Path(str(out) + ".journal")
    cmd = [sys.executable, "-m", "symderiv", "grade", str(sub), "-o", str(out), "--jobs", "1",
           "--timeout", "2"]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_text().count("\n") >= 8:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, as a power loss would
    proc.wait()
    lines = journal.read_text().count("\n")
    assert 8 <= lines < total, "the kill must land mid-way"
    assert not out.exists()
    with open(journal, "a") as f:  # a line torn by the crash
        f.write('{"student": "s99", "problem": "exerc')

    assert main(["grade", str(sub), "-o", str(out), "--jobs", "1", "--timeout", "2"]) == 0
    assert read_gradebook(out) == read_gradebook(whole)
    report = json.loads(out.with_suffix(".json").read_text())
    assert report["resumed_from_journal"] == lines
    assert report["submissions"] == total == len(report["rows"])
    keys = [(r["student"], r["problem"], r["target"]) for r in report["rows"]]
    assert len(set(keys)) == total  # every submission exactly once


def test_identical_answers_are_checked_once(tmp_path):
    subs = [
        grade.Submission("a", "exercise13", "dy_db", RIGHT),
        grade.Submission("b", "exercise13", "dy_db", r"\sigma'(\tilde{y}_k)\,\delta_{ki}"),
        grade.Submission("c", "exercise13", "dy_db", r"\sigma' (\tilde{y}_k)  \quad \delta_{ki}"),
        grade.Submission("d", "exercise13", "dy_db", r"\delta_{ki}"),
        grade.Submission("a", "exercise13", "dy_dx", r"\delta_{ki}"),  # other target: its own
    ]
    run = grade.grade(subs, tmp_path / "g.csv", jobs=1, timeout=TIMEOUT)
    assert run.unique == run.checked == 3
    verdicts = {(r["student"], r["target"]): r["status"] for r in run.rows}
    assert verdicts[("a", "dy_db")] == verdicts[("b", "dy_db")] == "equivalent"
    assert verdicts[("c", "dy_db")] == "equivalent"
    assert verdicts[("d", "dy_db")] == verdicts[("a", "dy_dx")] == "not-equivalent"


def _valid_gradescope(doc: dict) -> None:
    """The documented shape of Gradescope's autograder results.json."""
    assert isinstance(doc["score"], float) and isinstance(doc["tests"], list)
    assert doc.get("visibility", "visible") in ("visible", "hidden", "after_due_date",
                                                "after_published")  # fmt: skip
    for t in doc["tests"]:
        assert set(t) <= {"name", "score", "max_score", "status", "output", "visibility",
                          "number", "tags", "name_format", "output_format", "extra_data"}  # fmt: skip
        assert isinstance(t["name"], str) and isinstance(t["output"], str)
        assert isinstance(t["score"], float) and isinstance(t["max_score"], float)
        assert t["status"] in ("passed", "failed") and 0 <= t["score"] <= t["max_score"]
    assert doc["score"] == sum(t["score"] for t in doc["tests"])


def test_gradescope_results_for_one_student_and_for_a_class(tmp_path, capsys):
    folder = tmp_path / "subs"
    folder.mkdir()
    (folder / "ann.json").write_text(json.dumps(
        {"exercise13/dy_db": RIGHT, "exercise13/dy_dx": r"W_{ik}"}))  # fmt: skip
    one = tmp_path / "results.json"
    assert (
        main(["grade", str(folder), "-o", str(one), "--format", "gradescope", "--jobs", "1"]) == 0
    )
    doc = json.loads(one.read_text())
    _valid_gradescope(doc)
    assert doc["score"] == 1.0 and [t["status"] for t in doc["tests"]] == ["passed", "failed"]
    assert "witness: at" in doc["tests"][1]["output"]

    (folder / "ben.json").write_text(json.dumps({"exercise13/dy_db": r"\delta_{ik}"}))
    many = tmp_path / "gs"
    assert main(["grade", str(folder), "-o", str(many), "--format", "gradescope"]) == 0
    for student, score in (("ann", 1.0), ("ben", 0.0)):
        doc = json.loads((many / student / "results.json").read_text())
        _valid_gradescope(doc)
        assert doc["score"] == score


@pytest.mark.filterwarnings("ignore")  # Dask's own deprecation and resource warnings
def test_the_same_checks_on_a_dask_cluster(tmp_path, capsys):
    from distributed import LocalCluster

    sub = write_csv(tmp_path / "class.csv", [r for r in _class_rows(4) if "10^" not in r[3]])
    local = tmp_path / "local.csv"
    assert main(["grade", str(sub), "-o", str(local), "--jobs", "1"]) == 0
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                      dashboard_address=None) as cluster:  # fmt: skip
        out = tmp_path / "dask.csv"
        code = main(["grade", str(sub), "-o", str(out), "--scheduler", cluster.scheduler_address])
    assert code == 0
    assert read_gradebook(out) == read_gradebook(local)


@pytest.mark.parametrize(
    "content, message",
    [
        ("name,answer\nx,1\n", "columns student, problem, target, answer"),
        ("student,problem,target,answer\n,exercise13,dy_db,1\n", "line 2: the student column"),
    ],
)
def test_bad_submission_files(tmp_path, capsys, content, message):
    f = tmp_path / "bad.csv"
    f.write_text(content)
    assert main(["grade", str(f), "-o", str(tmp_path / "g.csv")]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_missing_submissions(tmp_path, capsys):
    assert main(["grade", str(tmp_path / "none.csv"), "-o", str(tmp_path / "g.csv")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
