"""symderiv against HuggingFace Math-Verify on the same rows, one core each: throughput,
median and p95 per check, and their ratio. The rows are a fixed sample of the hand-labelled
student corpus (tests/corpus), so both judge answers as students wrote them.

    python bench/versus_math_verify.py [--every K] [--sets a,b,…]

Math-Verify (``pip install 'symderiv[bench]'``) is given the derived result's LaTeX as the
gold answer, parsed once per target as a grader would; it knows no problem notation (σ, δ,
indices are plain symbols to it), so its agreement is printed only to show what the speed
buys. symderiv's time per check is the whole check as ``check`` gives it: the reading, the
tests in order, the forked worker, and the diagnosis of a wrong answer.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter

from corpus import PASS, load_corpus, outcome  # bench/corpus.py (this folder is on sys.path)


def _figures(name, seconds, outcomes) -> tuple[float, str]:
    s = sorted(seconds)
    rate = len(s) / sum(s)
    counts = Counter(outcomes)
    line = (
        f"{name:12s} {rate:7.1f} checks/s   median {statistics.median(s) * 1000:7.1f} ms   "
        f"p95 {s[int(0.95 * (len(s) - 1))] * 1000:7.1f} ms   agreement "
        f"{counts['agree'] / len(s):.1%} ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})"
    )
    return rate, line


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--every", type=int, default=4, help="every K-th row of the corpus")
    ap.add_argument("--sets", default="")
    args = ap.parse_args(argv)
    try:
        from math_verify import parse, verify
    except ImportError:
        print("Math-Verify is not installed: pip install 'symderiv[bench]'")
        return 0
    import symderiv
    from symderiv.ops.printer import latex

    rows = load_corpus(args.sets)[:: args.every]
    problems = {r["problem"]: symderiv.load(r["problem"]) for r in rows}
    gold = {}
    for pid, ex in problems.items():  # derivations come from the cache: checks are timed
        for r in ex.derive():
            gold[pid, r.name] = latex(r.entry)
    # both started before timing: our worker, and each side's LaTeX reader; the general
    # reader both use (latex2sympy2_extended's ANTLR parser) takes a third of a second to
    # build its tables on its first formula, which was ours (a matrix) and not Math-Verify's
    ex = next(iter(problems.values()))
    ex.check(r"x\begin{bmatrix}0\\ 0\end{bmatrix}", target=ex.problem.targets[0].name)
    verify(parse("$x + 1$"), parse("$1 + x$"))

    ours, our_out = [], []
    for r in rows:
        t0 = time.perf_counter()
        v = problems[r["problem"]].check(r["latex"], target=r["target"], timeout=20)
        ours.append(time.perf_counter() - t0)
        our_out.append(outcome({**r, "status": v.status}))

    parsed_gold: dict = {}
    theirs, their_out = [], []
    for r in rows:
        t0 = time.perf_counter()
        key = (r["problem"], r["target"])
        try:
            if key not in parsed_gold:
                parsed_gold[key] = parse(f"${gold[key]}$")
            ok = bool(verify(parsed_gold[key], parse(f"${r['latex']}$")))
        except Exception:
            ok = False
        theirs.append(time.perf_counter() - t0)
        their_out.append(outcome({**r, "status": PASS[0] if ok else "not-equivalent"}))

    print(f"{len(rows)} rows (every {args.every}th of the student corpus), one core each")
    a, line_a = _figures("symderiv", ours, our_out)
    b, line_b = _figures("Math-Verify", theirs, their_out)
    print(line_a)
    print(line_b)
    print(f"symderiv / Math-Verify throughput: {a / b:.2f}  (goal >= 2.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
