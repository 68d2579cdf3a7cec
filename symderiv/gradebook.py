"""The outputs of a graded class: the CSV gradebook and its JSON report, Gradescope's
``results.json`` (one per student, in folders whose names are unique and reversible)."""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from pathlib import Path

from .check import Verdict

GRADE_SCHEMA = "symderiv.grade/1"
#: the verdicts that earn the point
PASSING = ("equivalent", "equivalent-numerically")

GRADEBOOK_COLUMNS = (
    "student", "problem", "target", "verdict", "witness", "reason", "diagnosis", "seconds"
)  # fmt: skip


def diagnosis_text(d) -> str:
    """The named mistake, in words (its formulas as LaTeX between $…$)."""
    return d["explanation"] if d else ""


def witness_text(w) -> str:
    if not w:
        return ""
    return Verdict("not-equivalent", witness=w).witness_text()


def write_gradebook(run, path: str | os.PathLike) -> None:
    """The CSV gradebook (one row per student and target) and its JSON report next to it."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(GRADEBOOK_COLUMNS)
        for r in run.rows:
            w.writerow(
                [r["student"], r["problem"], r["target"], r["status"], witness_text(r["witness"]),
                 r["reason"], diagnosis_text(r.get("diagnosis")), r["seconds"]]
            )  # fmt: skip
    os.replace(tmp, path)
    report = {
        "schema": GRADE_SCHEMA,
        "submissions": run.submissions,
        "unique_answers_checked": run.checked,
        "resumed_from_journal": run.resumed,
        "seconds": round(run.seconds, 3),
        "verdicts": dict(Counter(r["status"] for r in run.rows)),
        "journal": run.journal,
        "rows": run.rows,
    }
    json_path = path.with_suffix(".json")
    json_path.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")


def gradescope_results(rows: list[dict]) -> dict:
    """Gradescope's autograder ``results.json`` for one student's rows: a test per target,
    1 point for an equivalent answer."""
    tests = []
    for r in rows:
        ok = r["status"] in PASSING
        detail = witness_text(r["witness"]) if r["status"] == "not-equivalent" else ""
        output = r["status"] + (f": {r['reason']}" if r["reason"] else "")
        if r.get("diagnosis"):
            output += f"\nthe mistake: {diagnosis_text(r['diagnosis'])}"
        tests.append(
            {
                "name": f"{r['problem']}/{r['target']}",
                "score": 1.0 if ok else 0.0,
                "max_score": 1.0,
                "status": "passed" if ok else "failed",
                "output": output + (f"\nwitness: {detail}" if detail else ""),
                "visibility": "visible",
            }
        )
    return {
        "score": sum(t["score"] for t in tests),
        "output": f"{sum(t['score'] for t in tests):g} of {len(tests)} answers equivalent",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def write_gradescope(run, path: str | os.PathLike) -> list[str]:
    """``results.json`` at ``path`` for a single student; for a class, ``path`` is a folder
    with one ``<student>/results.json`` each. Returns the files written."""
    path = Path(path)
    by_student: dict[str, list] = {}
    for r in run.rows:
        by_student.setdefault(r["student"], []).append(r)
    written = []
    if len(by_student) == 1 and path.suffix == ".json":
        (rows,) = by_student.values()
        path.write_text(json.dumps(gradescope_results(rows), indent=1, ensure_ascii=False))
        return [str(path)]
    folders = {}
    for student, rows in by_student.items():
        folders[student] = folder_name(student)
        d = path / folders[student]
        d.mkdir(parents=True, exist_ok=True)
        f = d / "results.json"
        f.write_text(json.dumps(gradescope_results(rows), indent=1, ensure_ascii=False))
        written.append(str(f))
    index = path / "students.json"  # which folder is whose
    index.write_text(json.dumps(folders, indent=1, ensure_ascii=False), encoding="utf-8")
    return written


def folder_name(student: str) -> str:
    """A folder name for a student that is safe on every file system, unique and reversible:
    letters, digits, '.', '_', '-' and '@' kept, every other byte of its UTF-8 written %XX
    (``bob smith`` → ``bob%20smith``, ``Zoë`` → ``Zo%C3%AB``; ``bob_smith`` stays)."""
    from urllib.parse import quote

    name = quote(student, safe="@-_.")  # injective: '%' itself becomes %25
    if name in ("", ".", ".."):
        name = name.replace(".", "%2E") or "%00"
    return name
