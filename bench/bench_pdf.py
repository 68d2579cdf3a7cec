"""Time `symderiv pdf --all` with each engine, as whole processes, and the parts of one build.

Run by hand: `python bench/bench_pdf.py [--runs N]`. The first run fills a fresh derivation
cache (cold); the others are warm. The LaTeX engine is timed when one is on PATH.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

from timing import wall  # bench/timing.py (this folder is on sys.path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    out = tempfile.mkdtemp(prefix="symderiv-bench-pdf-")
    env = dict(os.environ, SYMDERIV_CACHE=tempfile.mkdtemp(prefix="symderiv-bench-"))
    base = [sys.executable, "-m", "symderiv", "pdf", "--all"]

    from symderiv.render import pdf

    engines = ["typst"] + (["latex"] if pdf.find_latex() else [])
    cold = wall([*base, "-o", f"{out}/cold.pdf"], env)
    print(f"pdf --all, typst, cold cache (derive + check + render)  {cold:6.1f} s")
    for engine in engines:
        times = [
            wall([*base, "-o", f"{out}/{engine}.pdf", "--engine", engine], env)
            for _ in range(args.runs)
        ]
        name = engine if engine == "typst" else f"latex ({pdf.find_latex()[0]})"
        print(
            f"pdf --all, {name:18s} warm cache, median    {statistics.median(times):6.1f} s "
            f"({args.runs} runs)"
        )

    # the parts, in this process (warm cache)
    os.environ["SYMDERIV_CACHE"] = env["SYMDERIV_CACHE"]
    from symderiv import registry

    t0 = time.perf_counter()
    report = pdf.build_report(registry.all_problems())
    t1 = time.perf_counter()
    print(f"  build the report (derivations cached, every claim checked) {t1 - t0:6.1f} s")
    for engine in engines:
        t0 = time.perf_counter()
        info = pdf.write_pdf(report, f"{out}/part-{engine}.pdf", engine=engine)
        print(
            f"  write, {engine:5s}: {time.perf_counter() - t0:6.1f} s, {info.pages} pages, "
            f"{info.formulas} display formulas, {len(info.fallbacks)} shown as source"
        )


if __name__ == "__main__":
    main()
