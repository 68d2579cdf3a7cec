"""Time answer checks: median per check, cold (first check in a fresh process) and warm.

Run by hand: `python bench/bench_check.py [--quick]`. The timing corpus: equal rewritings
and common mistakes for Exercise 1.3 and 1.4 targets (the same kinds as tests/test_check.py).
Target: median warm check ≤ 50 ms; no check longer than its time bound. Then (unless
--quick) the student corpus's figures (bench/corpus.py: agreement, false accepts,
refutations of right answers, unreadable, undecided), the round-trip count
(bench/round_trip.py: every target's own LaTeX read back) and the speed against
Math-Verify on the same rows (bench/versus_math_verify.py).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

CORPUS = [
    ("exercise13", "dy_dW", r"\sigma'(\tilde{y}_k) \delta_{ki} x_j"),
    ("exercise13", "dy_dW", r"\sigma(\tilde{y}_k)(1-\sigma(\tilde{y}_k)) \delta_{ik} x_j"),
    ("exercise13", "dy_dW", r"\frac{e^{-\tilde{y}_k}}{(1+e^{-\tilde{y}_k})^2} \delta_{ki} x_j"),
    ("exercise13", "dy_dW", r"\frac{\delta_{ik} x_j}{2 + e^{\tilde{y}_k} + e^{-\tilde{y}_k}}"),
    ("exercise13", "dy_dW", r"\frac{\delta_{ik} x_j}{4\cosh^2(\tilde{y}_k/2)}"),
    (
        "exercise13",
        "dy_dW",
        r"\begin{cases} \sigma'(\tilde y_k) x_j & i = k \\ 0 & \text{otherwise} \end{cases}",
    ),
    ("exercise13", "dy_dW", r"\sigma'(\tilde{y}_k) x_j"),
    ("exercise13", "dy_dW", r"\sigma'(\tilde{y}_k) \delta_{jk} x_j"),
    ("exercise13", "dy_dx", r"W_{ki} \sigma'(\tilde{y}_k)"),
    ("exercise13", "dy_dx", r"-\sigma'(\tilde{y}_k) W_{ki}"),
    ("exercise13", "dy_dx", r"\sigma(\tilde{y}_k) W_{ki}"),
    ("exercise13", "dy_dx", r"\sigma'(\tilde{y}_k) W_{ik}"),
    ("exercise13", "dy_db", r"\frac{1}{2 + e^{-\tilde{y}_k} + e^{\tilde{y}_k}}"),
    ("exercise13", "dy_db", r"\sigma'(\tilde y_k) \delta_{ki}"),
    ("exercise13", "dyt_dx_seed", r"W^T"),
    ("exercise13", "dyt_dx_seed", r"W"),
    (
        "exercise14",
        "dF_dtheta1",
        r"\frac{\partial f_3(y, \theta_3)}{\partial y} \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \tilde{y}} \frac{\partial f_1(x, \theta_1)}{\partial \theta_1}",
    ),
    (
        "exercise14",
        "dG_dtheta2",
        r"\frac{\partial F}{\partial \theta_2} + \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \theta_2}",
    ),
    (
        "exercise14",
        "dG_dtheta1",
        r"\frac{\partial f_3(y, \theta_3)}{\partial y} \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \tilde{y}} \frac{\partial f_1(x, \theta_1)}{\partial \theta_1}",
    ),
    ("exercise14", "dF_dtheta3", r"\frac{\partial f_3(y, \theta_3)}{\partial y}"),
]

COLD = """
import time, symderiv
p = symderiv.load({pid!r}); d = p.derive({target!r})
t0 = time.perf_counter(); v = p.check({latex!r}, target={target!r})
print(time.perf_counter() - t0)
"""


def main() -> None:
    env = dict(os.environ, SYMDERIV_CACHE=tempfile.mkdtemp(prefix="symderiv-bench-"))
    os.environ.update(env)
    import symderiv

    problems = {pid: symderiv.load(pid) for pid in {c[0] for c in CORPUS}}
    for p in problems.values():
        p.derive()  # derivations are cached; checks are what is timed
    # cold: the first check in a fresh process (imports of the reader included)
    cold = []
    for pid, target, latex in CORPUS[:5]:
        out = subprocess.run(
            [sys.executable, "-c", COLD.format(pid=pid, target=target, latex=latex)],
            check=True, capture_output=True, text=True, env=env,
        )  # fmt: skip
        cold.append(float(out.stdout.strip().splitlines()[-1]))
    warm, verdicts = [], {}
    for _ in range(3):
        for pid, target, latex in CORPUS:
            t0 = time.perf_counter()
            v = problems[pid].check(latex, target=target)
            warm.append(time.perf_counter() - t0)
            verdicts[v.status] = verdicts.get(v.status, 0) + 1
    print(f"corpus: {len(CORPUS)} answers x 3 rounds; verdicts: {verdicts}")
    print(f"cold (first check in a fresh process): median {statistics.median(cold) * 1000:6.0f} ms")
    print(f"warm: median {statistics.median(warm) * 1000:6.1f} ms, "
          f"p90 {sorted(warm)[int(0.9 * len(warm))] * 1000:6.1f} ms, "
          f"max {max(warm) * 1000:6.1f} ms (bound 10 s)")  # fmt: skip


if __name__ == "__main__":
    main()
    if "--quick" not in sys.argv[1:]:
        here = os.path.dirname(os.path.abspath(__file__))
        for script in ("corpus.py", "round_trip.py", "versus_math_verify.py"):
            print(f"\n$ python bench/{script}", flush=True)
            subprocess.run([sys.executable, os.path.join(here, script)], check=False)
