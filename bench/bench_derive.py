"""Time `symderiv derive exercise13 --latex` as a whole process against `import sympy`.

Run by hand: `python bench/bench_derive.py [--runs N]`. Prints medians and the ratios, warm
(target: ≤ 2.0) and without the cache (`--no-cache`, what a user gets after editing a spec;
target ≤ 3.0), the time of the uncached derivations at symbolic and seed sizes, and the cold
whole-process derive time of every catalog exercise and of batch norm.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

from timing import wall  # bench/timing.py (this folder is on sys.path)

CATALOG = (
    "softmax_ce", "mlp2", "rnn_tanh", "conv1d_backward", "momentum", "logreg_l2",
    "attention_softmax", "gelu_silu", "rmsnorm", "layernorm", "hw3_3b",
    # the ten written by an outside tester (issue 29)
    "logreg_hessian", "gaussian_mle", "ridge", "conv2d_backward", "lstm_cell", "gru_cell",
    "vae_kl", "tied_autoencoder", "softmax_temperature", "huber_lse",
)  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    # the package's bytecode written first, as Python does on a user's machine at the first
    # import (where PYTHONDONTWRITEBYTECODE is set, every process compiled the sources again:
    # 0.15 s of each run, which SymPy, installed with its bytecode, does not pay)
    import compileall

    import symderiv as pkg

    compileall.compile_dir(os.path.dirname(pkg.__file__), quiet=1)
    env = dict(os.environ, SYMDERIV_CACHE=tempfile.mkdtemp(prefix="symderiv-bench-"))
    derive = [sys.executable, "-m", "symderiv", "derive", "exercise13", "--latex"]
    floor = [sys.executable, "-c", "import sympy"]

    cold = wall(derive, env)  # first run fills the cache
    warm, base = [], []
    for _ in range(args.runs):  # interleaved, so both see the same machine load
        base.append(wall(floor, env))
        warm.append(wall(derive, env))
    nocache = [wall([*derive, "--no-cache"], env) for _ in range(max(3, args.runs // 2))]
    b, w, n = statistics.median(base), statistics.median(warm), statistics.median(nocache)
    print(f"python -c 'import sympy'              median {b * 1000:7.1f} ms ({args.runs} runs)")
    print(f"symderiv derive exercise13 --latex    median {w * 1000:7.1f} ms (warm cache)")
    print(f"ratio                                 {w / b:7.2f}  (target <= 2.0)")
    print(f"  ... --no-cache                      median {n * 1000:7.1f} ms")
    print(f"ratio without the cache               {n / b:7.2f}  (target <= 3.0)")
    print(f"first run (cold cache, whole process) {cold * 1000:7.1f} ms")
    print("cold derive, whole process (--no-cache):")
    for pid in CATALOG:
        t = wall([sys.executable, "-m", "symderiv", "derive", pid, "--no-cache"], env)
        print(f"  {pid:20s} {t:6.2f} s  (goal <= 1.5 s)")

    import symderiv
    from symderiv.engine.derive import derive_target

    p = symderiv.load("exercise13").problem
    for label, names in [
        ("symbolic sizes (n x m)", [t.name for t in p.targets if not t.sizes]),
        ("seed sizes (4 x 3)", [t.name for t in p.targets if t.sizes]),
    ]:
        t0 = time.perf_counter()
        for n in names:
            derive_target(p, p.target(n))
        dt = time.perf_counter() - t0
        print(f"derive exercise13, {label:24s} {dt * 1000:7.0f} ms for {len(names)} targets")
    p14 = symderiv.load("exercise14").problem
    t0 = time.perf_counter()
    for t in p14.targets:
        derive_target(p14, t)
    print(f"derive exercise14, all                  {(time.perf_counter() - t0) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
