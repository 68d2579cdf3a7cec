"""The student-answer corpus (tests/corpus/answers_*.jsonl, labels computed with numpy by
people who had not read the checker) run through `symderiv check`: agreement, false
accepts, refutations of right answers, unreadable and undecided answers.

    python bench/corpus.py [--jobs N] [--out results.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "corpus").glob("answers_*.jsonl"))
PASS = ("equivalent", "equivalent-numerically")


def load_corpus(sets: str = "") -> list[dict]:
    rows = []
    for f in CORPUS:
        if sets and f.stem.removeprefix("answers_") not in sets.split(","):
            continue
        rows += [json.loads(line) for line in f.read_text().splitlines() if line.strip()]
    return rows


def _check(row):
    import symderiv

    t0 = time.perf_counter()
    p = symderiv.load(row["problem"])
    v = p.check(row["latex"], target=row["target"], timeout=20)
    named = (v.diagnosis or {}).get("name")
    return {**row, "status": v.status, "reason": v.reason, "witness": v.witness,
            "diagnosis": named, "seconds": time.perf_counter() - t0}  # fmt: skip


def outcome(r) -> str:
    ok = r["status"] in PASS
    if r["label"] == "right":
        if ok:
            return "agree"
        return {"not-equivalent": "refuted-right", "unreadable": "unreadable"}.get(
            r["status"], "undecided"
        )
    if ok:
        return "FALSE-ACCEPT"
    if r["status"] == "not-equivalent":
        return "agree"
    return {"unreadable": "unreadable"}.get(r["status"], "undecided")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default="")
    ap.add_argument("--only", default="", help="a problem id")
    ap.add_argument("--sets", default="", help="corpus files to run, e.g. 'a,b' (default: all)")
    ap.add_argument("--file", default="", help="a JSONL answer set of its own (a held-out set)")
    args = ap.parse_args(argv)
    rows = (
        [json.loads(x) for x in Path(args.file).read_text().splitlines() if x.strip()]
        if args.file
        else load_corpus(args.sets)
    )
    rows = [r for r in rows if not args.only or r["problem"] == args.only]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as ex:
        results = list(ex.map(_check, rows, chunksize=4))
    wall = time.perf_counter() - t0
    counts = Counter(outcome(r) for r in results)
    n = len(results)
    print(f"{n} answers, {len({(r['problem'], r['target']) for r in rows})} targets, "
          f"{wall:.1f} s wall ({args.jobs} jobs)")  # fmt: skip
    for k in ("agree", "FALSE-ACCEPT", "refuted-right", "unreadable", "undecided"):
        print(f"  {k:14s} {counts.get(k, 0):4d}  ({100 * counts.get(k, 0) / max(n, 1):.1f}%)")
    refuted = [r for r in results if r["label"] == "wrong" and r["status"] == "not-equivalent"]
    wrong = sum(r["label"] == "wrong" for r in results)
    named = sum(bool(r.get("diagnosis")) for r in refuted)
    print(
        f"  named mistakes: {named} of {wrong} wrong answers ({100 * named / max(wrong, 1):.1f}%)"
    )
    sources = sorted({r.get("source", "") for r in results} - {""})
    for src in sources:  # a held-out set's thirds: plain text, converter output, LaTeX
        part = [r for r in results if r.get("source") == src]
        c = Counter(outcome(r) for r in part)
        print(
            f"  [{src}] {len(part)} answers: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items()))
        )
    if args.out:
        with open(args.out, "w") as f:
            for r in results:
                f.write(json.dumps({**r, "outcome": outcome(r)}, default=str) + "\n")
    return 0 if counts.get("FALSE-ACCEPT", 0) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
