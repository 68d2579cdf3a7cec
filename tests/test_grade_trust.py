"""Grading a class you can trust (issue: no answer mis-graded or lost): dedupe never merges
answers that differ, the journal never reuses a verdict reached under other settings, a typo
in the class file is a setup error, and ordinary shell use is no internal error."""

import csv
import json
import os
import subprocess
import sys

from symderiv import grade
from symderiv.cli import main

RIGHT = r"\sigma'(\tilde y_k)\delta_{ki}"  # ∂y_k/∂b_i, right
GLUED = r"\sigma'(\tildey_k)\delta_{ki}"  # \tildey is no command: unreadable


def _csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "problem", "target", "answer"])
        w.writerows(rows)
    return path


def _book(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {r["student"]: r for r in csv.DictReader(f)}


def test_normalize_keeps_a_space_that_ends_a_command():
    assert grade.normalize(RIGHT) != grade.normalize(GLUED)
    assert grade.normalize(r"a \, b  +c") == grade.normalize("a b+c")
    assert grade.normalize(r"\tilde y_k") == grade.normalize(r"\tilde  y_k")


def test_dedupe_never_merges_a_right_and_a_broken_answer_in_either_order(tmp_path, capsys):
    for order in ((("ann", RIGHT), ("bob", GLUED)), (("bob", GLUED), ("ann", RIGHT))):
        rows = [(who, "exercise13", "dy_db", latex) for who, latex in order]
        out = tmp_path / f"g-{order[0][0]}.csv"
        assert (
            main(["grade", str(_csv(tmp_path / "c.csv", rows)), "-o", str(out), "--jobs", "1"]) == 0
        )
        book = _book(out)
        assert book["ann"]["verdict"] == "equivalent"
        assert book["bob"]["verdict"] == "unreadable"


def test_journal_is_keyed_on_the_settings_and_fresh_starts_over(tmp_path, capsys):
    rows = [("ann", "exercise13", "dy_db", RIGHT)]
    src = _csv(tmp_path / "c.csv", rows)
    out = tmp_path / "g.csv"
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1", "--timeout", "0.001"]) == 0
    # no check finishes in 1 ms, nor in the 4 ms of its second try at the end of the run
    assert _book(out)["ann"]["verdict"] == "timeout"
    # the same class with a real time bound: the journal's stale verdict is not reused
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1", "--timeout", "20"]) == 0
    assert _book(out)["ann"]["verdict"] == "equivalent"
    capsys.readouterr()
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1", "--timeout", "20"]) == 0
    assert "1 from the journal" in capsys.readouterr().out
    assert (
        main(["grade", str(src), "-o", str(out), "--jobs", "1", "--timeout", "20", "--fresh"]) == 0
    )
    assert "0 from the journal" in capsys.readouterr().out


def test_an_unknown_problem_or_target_is_a_setup_error(tmp_path, capsys):
    rows = [
        ("ann", "exercise13", "dy_db", RIGHT),
        ("bob", "nope", "dy_db", RIGHT),
        ("cat", "exercise13", "dy_dbb", RIGHT),
    ]
    src = _csv(tmp_path / "c.csv", rows)
    out = tmp_path / "g.csv"
    assert main(["grade", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "unknown problem 'nope'" in err and "--skip-bad-rows" in err
    assert not out.exists()
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1", "--skip-bad-rows"]) == 0
    err = capsys.readouterr().err
    assert "skipped" in err and "'nope'" in err and "'dy_dbb'" in err
    assert set(_book(out)) == {"ann"}


def test_a_closed_pipe_and_debug_mode_keep_their_exit_codes():
    out = subprocess.run(
        f"{sys.executable} -m symderiv list | head -1", shell=True, capture_output=True, text=True
    )
    assert "internal error" not in out.stderr and "Traceback" not in out.stderr
    code = "from symderiv import cli; import symderiv.registry as r\n"
    code += "r.load = lambda *a, **k: 1/0\nraise SystemExit(cli.main(['show', 'exercise13']))"
    for env in ({}, {"SYMDERIV_DEBUG": "1"}):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**os.environ, **env})  # fmt: skip
        assert done.returncode == 4, done.stderr
    assert "Traceback" in done.stderr  # with SYMDERIV_DEBUG: shown, and still exit 4


def test_gradescope_folders_are_unique_and_say_whose(tmp_path, capsys):
    names = ["Zoë", "Zoé", "bob smith", "bob_smith"]
    assert len({grade.folder_name(n) for n in names}) == 4
    from urllib.parse import unquote

    assert all(unquote(grade.folder_name(n)) == n for n in names)  # reversible
    rows = [(n, "exercise13", "dy_db", RIGHT) for n in names]
    out = tmp_path / "gs"
    src = _csv(tmp_path / "c.csv", rows)
    argv = ["grade", str(src), "-o", str(out), "--format", "gradescope", "--jobs", "1"]
    assert main(argv) == 0
    index = json.loads((out / "students.json").read_text())
    assert set(index) == set(names)
    for who, folder in index.items():
        result = json.loads((out / folder / "results.json").read_text())
        assert result["tests"][0]["status"] == "passed", who


def test_output_paths_are_checked_before_any_work(tmp_path, capsys):
    src = _csv(tmp_path / "c.csv", [("ann", "exercise13", "dy_db", RIGHT)])
    cases = [
        (["grade", str(src), "-o", str(tmp_path / "no" / "g.csv")], "does not exist"),
        (["grade", str(src), "-o", "/proc/g.csv"], "not writable"),
        (["grade", str(src), "-o", str(tmp_path / "g.json")], "name the gradebook .csv"),
        (["grade", str(src), "-o", str(tmp_path)], "it is a folder"),
        (["pdf", "--all", "-o", str(tmp_path / "no" / "a.pdf")], "does not exist"),
    ]
    for argv, why in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("symderiv: error: cannot write") and why in err, err
    assert not list(tmp_path.glob("*.tmp"))
