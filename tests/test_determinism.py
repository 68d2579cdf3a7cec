"""The same grade on every run (issue 27, finding 10): the same class graded twice, with
``--jobs 1`` and ``--jobs 2``, with two busy processes beside it, gives byte-identical
gradebooks. Before, 9 of 200 verdicts flipped between ``equivalent`` and
``equivalent-numerically`` from one clean run to the next (proofs had a budget in seconds),
and the gradebook carried each check's wall-clock time."""

import csv
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

CORPUS = sorted((Path(__file__).parent / "corpus").glob("answers_*.jsonl"))


def _class_rows(every: int = 20) -> list[dict]:
    """A class from the student corpus: every 20th answer (all problems, right and wrong)."""
    rows = [json.loads(line) for f in CORPUS for line in f.read_text().splitlines() if line]
    return rows[::every]


def _grade(src: Path, out: Path, jobs: int) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "symderiv", "grade", str(src), "-o", str(out),
         "--jobs", str(jobs)],
        capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_a_class_graded_twice_under_load_gets_byte_identical_gradebooks(tmp_path):
    rows = _class_rows()
    src = tmp_path / "class.csv"
    with open(src, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "problem", "target", "answer"])
        for n, r in enumerate(rows):
            w.writerow([f"s{n:03d}", r["problem"], r["target"], r["latex"]])
    # two processes that keep both cores busy (each ends by itself after 15 minutes)
    spin = "import time\nend = time.time() + 900\nwhile time.time() < end:\n    pass\n"
    busy = [subprocess.Popen([sys.executable, "-c", spin]) for _ in range(2)]
    try:
        (tmp_path / "one").mkdir(), (tmp_path / "two").mkdir()
        _grade(src, tmp_path / "one" / "grades.csv", jobs=1)
        _grade(src, tmp_path / "two" / "grades.csv", jobs=2)
    finally:
        for p in busy:
            p.kill()
            p.wait()
    first = (tmp_path / "one" / "grades.csv").read_bytes()
    second = (tmp_path / "two" / "grades.csv").read_bytes()
    assert first == second
    with open(tmp_path / "one" / "grades.csv", newline="", encoding="utf-8") as f:
        verdicts = Counter(r["verdict"] for r in csv.DictReader(f))
    # a real class: proofs, numeric agreements and refutations alike, every row graded
    assert sum(verdicts.values()) == len(rows)
    assert verdicts["equivalent"] and verdicts["not-equivalent"], verdicts
    assert verdicts["equivalent-numerically"], verdicts
