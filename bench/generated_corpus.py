"""The generated corpus (mistakes and rewrites of every index-level target, in several
student styles; ``symderiv.check.diagnose.corpus``) run through the checker: agreement, false
accepts, refuted rewrites, unreadable and undecided rows, the right mistake named, speed.

    python bench/generated_corpus.py [--jobs N] [--only ID] [--out rows.jsonl]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

PASS = ("equivalent", "equivalent-numerically")


def rows_for(ids):
    import symderiv
    from symderiv.check.diagnose.corpus import generate

    return [r.as_dict() for r in generate([symderiv.load(i) for i in ids])]


def _gold(ids) -> dict:
    import symderiv
    from symderiv.ops.printer import latex

    gold = {}
    for i in ids:
        d = symderiv.load(i).derive()
        for r in d:
            gold[i, r.name] = latex(r.entry)
    return gold


def _check(row):
    import symderiv

    t0 = time.perf_counter()
    v = symderiv.load(row["problem"]).check(row["latex"], target=row["target"], timeout=20)
    return {**row, "status": v.status, "reason": v.reason, "diagnosis": v.diagnosis,
            "witness": v.witness, "seconds": time.perf_counter() - t0}  # fmt: skip


def _named(r) -> bool:
    """The diagnosis names the row's mistake (two mistakes: the same two, in either order)."""
    name = (r["diagnosis"] or {}).get("name") or ""
    return sorted(name.split(" + ")) == sorted(r["kind"].split(" + "))


def _math_verify(row):
    """The same row judged by Math-Verify against the derived result's LaTeX (it knows no
    problem notation: indices, σ, δ are plain symbols or functions to it)."""
    from math_verify import parse, verify

    t0 = time.perf_counter()
    try:
        ok = bool(verify(parse(f"${row['gold']}$"), parse(f"${row['latex']}$")))
    except Exception:
        ok = False
    return {**row, "status": "equivalent" if ok else "not-equivalent",
            "seconds": time.perf_counter() - t0}  # fmt: skip


def outcome(r) -> str:
    ok = r["status"] in PASS
    if r["label"] == "equivalent":
        return "agree" if ok else {"not-equivalent": "refuted-right"}.get(r["status"], r["status"])
    if ok:
        return "FALSE-ACCEPT"
    return "agree" if r["status"] == "not-equivalent" else r["status"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", action="append", default=[], help="a problem id (repeatable)")
    ap.add_argument("--out", default="")
    ap.add_argument("--math-verify", action="store_true",
                    help="also judge every row with Math-Verify (pip install 'symderiv[bench]')")  # fmt: skip
    args = ap.parse_args(argv)
    import symderiv

    ids = args.only or [e.problem.id for e in symderiv.problems()]
    t0 = time.perf_counter()
    rows = rows_for(ids)
    gen = time.perf_counter() - t0
    t1 = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        done = list(pool.map(_check, rows, chunksize=4))
    wall = time.perf_counter() - t1
    counts = Counter(outcome(r) for r in done)
    mistakes = [r for r in done if r["label"] == "not-equivalent"]
    named = sum(1 for r in mistakes if _named(r))
    bare = sum(1 for r in done if r["status"] == "not-equivalent" and not r["witness"])
    refuted = [r for r in mistakes if r["status"] == "not-equivalent"]
    print(f"{len(done)} rows ({sum(r['label'] == 'equivalent' for r in done)} rewrites, "
          f"{len(mistakes)} mistakes) over {len(ids)} problems; generated in {gen:.1f} s")  # fmt: skip
    print(f"agreement {counts['agree'] / len(done):.1%}; " + ", ".join(
        f"{k} {v}" for k, v in sorted(counts.items())))  # fmt: skip
    print(f"mistakes named right: {named}/{len(mistakes)} ({named / max(1, len(mistakes)):.1%}); "
          f"of those refuted: {named}/{len(refuted)}")  # fmt: skip
    print(f"refutations without a witness: {bare}")
    secs = sorted(r["seconds"] for r in done)
    print(f"checks: {wall:.1f} s wall with {args.jobs} jobs, {len(done) / wall:.1f} rows/s; "
          f"median {secs[len(secs) // 2] * 1000:.0f} ms, p95 {secs[int(0.95 * (len(secs) - 1))] * 1000:.0f} ms, "
          f"max {secs[-1]:.2f} s")  # fmt: skip
    if args.math_verify:
        gold = _gold(ids)
        mv_rows = [{**r, "gold": gold[r["problem"], r["target"]]} for r in rows]
        t2 = time.perf_counter()
        mv = [_math_verify(r) for r in mv_rows]  # one core
        mv_wall = time.perf_counter() - t2
        mv_counts = Counter(outcome(r) for r in mv)
        print(f"Math-Verify on the same rows, 1 core: {mv_wall:.1f} s, {len(mv) / mv_wall:.1f} "
              f"rows/s; agreement {mv_counts['agree'] / len(mv):.1%}; " + ", ".join(
              f"{k} {v}" for k, v in sorted(mv_counts.items())))  # fmt: skip
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for r in done:
                f.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
