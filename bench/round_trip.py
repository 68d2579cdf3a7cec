"""The engine's own LaTeX read back: every target of every built-in problem, its result
(`latex`), its entry (`entry_latex`) and every alternative form, and the same expressions as
SymPy's plain `latex()` prints them, each fed to `check` on its own target.

Run by hand: `python bench/round_trip.py [ID …] [--timeout S]`. Prints one line per form that
is not judged `equivalent`, then the counts. Every form must pass (the checking issue's goal).
"""

from __future__ import annotations

import argparse
import time

import sympy as sp

import symderiv
from symderiv.registry import all_problems


def forms(result, matrix: bool) -> list[tuple[str, str]]:
    """The forms to read back (a matrix target's entry answers its index-level twin)."""
    out = [("latex", result.latex)]
    if not matrix and result.tex["entry"] != result.tex["expr"]:
        out.append(("entry", result.tex["entry"]))
    out += [(f"form:{k}", v) for k, v in result.tex["forms"].items()]
    try:
        plain = sp.latex(result.expr)
    except Exception:
        plain = None
    if plain and plain != result.tex["expr"]:
        out.append(("sympy", plain))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("ids", nargs="*")
    ap.add_argument("--timeout", type=float, default=20.0)
    args = ap.parse_args()
    total, passed, t0 = 0, 0, time.perf_counter()
    for pid in args.ids or [p.id for p in all_problems()]:
        ex = symderiv.load(pid)
        derivation = ex.derive()
        for name, fail in derivation.failures.items():
            print(f"{pid}/{name}: not derived: {fail}")
        for result in derivation:
            matrix = bool(ex.problem.target(result.name).as_matrix)
            for kind, tex in forms(result, matrix):
                total += 1
                v = ex.check(tex, result.name, timeout=args.timeout)
                if v.ok:
                    passed += 1
                else:
                    print(f"{pid}/{result.name} [{kind}] {v.status}: {v.reason}")
    dt = time.perf_counter() - t0
    print(f"round trip: {passed}/{total} forms equivalent ({dt:.0f} s)")


if __name__ == "__main__":
    main()
