"""Grade a synthetic class and report checks per second with 1 and 2 jobs, and the time to
resume after a kill half-way.

Run by hand: `python bench/bench_grade.py [--students 300] [--jobs 1,2] [--resume]`. Each
student answers 10 targets of exercises 1.3 and 1.4; the answers are drawn from equivalent
rewritings, common mistakes, per-student variants (a constant added or a factor put in
front: wrong unless it is 0 or 1) and exact duplicates. With the defaults about half the
answers are variants, so a class of 300 has more than 1,500 distinct answers to check (the
issue's measure: 300 × 10 with ≥ 1,500 distinct in ≤ 60 s with two jobs).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import wall  # bench/timing.py (this folder is on sys.path)

S = r"\sigma'(\tilde{y}_k)"
POOL = {
    ("exercise13", "dy_db"): [rf"{S} \delta_{{ki}}", rf"\delta_{{ik}} {S}",
                              r"\frac{\delta_{ki}}{2 + e^{\tilde{y}_k} + e^{-\tilde{y}_k}}",
                              rf"{S}", rf"-{S} \delta_{{ki}}"],
    ("exercise13", "dy_dx"): [rf"{S} W_{{ki}}", rf"W_{{ki}} {S}",
                              r"\sigma(\tilde{y}_k)(1-\sigma(\tilde{y}_k)) W_{ki}",
                              rf"{S} W_{{ik}}", rf"{S}"],
    ("exercise13", "dy_dW"): [rf"{S} \delta_{{ki}} x_j", rf"x_j \delta_{{ik}} {S}",
                              rf"{S} x_j", rf"{S} \delta_{{kj}} x_i"],
    ("exercise13", "dyt_dW"): [r"\delta_{ki} x_j", r"x_j \delta_{ik}", r"x_j", r"\delta_{kj} x_i"],
    ("exercise13", "dyt_dx"): [r"W_{ki}", r"W_{ik}", r"1"],
    ("exercise13", "dyt_db"): [r"\delta_{ki}", r"\delta_{ik}", r"1"],
    ("exercise14", "dF_dtheta3"): [r"\frac{\partial f_3(y, \theta_3)}{\partial \theta_3}",
                                   r"\frac{\partial f_3(y, \theta_3)}{\partial y}"],
    ("exercise14", "dG_dtheta3"): [r"\frac{\partial f_3(y, \theta_3)}{\partial \theta_3}",
                                   r"1 + \frac{\partial f_3(y, \theta_3)}{\partial \theta_3}"],
    ("exercise14", "dF_dtheta2"): [
        r"\frac{\partial f_3(y, \theta_3)}{\partial y} \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \theta_2}",
        r"\frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \theta_2}"],
    ("exercise14", "dG_dtheta2"): [
        r"\left(1 + \frac{\partial f_3(y, \theta_3)}{\partial y}\right) \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \theta_2}",
        r"\frac{\partial f_3(y, \theta_3)}{\partial y} \frac{\partial f_2(\tilde{y}, \theta_2)}{\partial \theta_2}"],
}  # fmt: skip


def synthetic_class(path: Path, students: int, seed: int = 0, variants: float = 0.5) -> int:
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "problem", "target", "answer"])
        for s in range(students):
            for (pid, target), answers in POOL.items():
                a = rng.choice(answers)
                if rng.random() < variants:  # a per-student variant
                    c = rng.randrange(0, 200)
                    a = f"{a} + {c}" if rng.random() < 0.5 else rf"{c + 1} \left({a}\right)"
                elif rng.random() < 0.2:  # the same answer, spaced differently
                    a = a.replace(" ", r"\, ")
                w.writerow([f"student{s:03d}", pid, target, a])
    return students * len(POOL)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--students", type=int, default=300)
    ap.add_argument("--variants", type=float, default=0.55, help="share of per-student variants")
    ap.add_argument("--jobs", default="1,2", help="the --jobs values to time")
    ap.add_argument("--resume", action="store_true", help="also time a resume after a kill")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="symderiv-bench-grade-"))
    env = dict(os.environ, SYMDERIV_CACHE=str(tmp / "cache"))
    sub = tmp / "class.csv"
    n = synthetic_class(sub, args.students, variants=args.variants)
    base = [sys.executable, "-m", "symderiv", "grade", str(sub)]
    for pid in sorted({p for p, _ in POOL}):  # fills the derivation cache: checks are timed
        wall([sys.executable, "-m", "symderiv", "derive", pid], env)

    import json

    unique = None
    for jobs in [int(j) for j in args.jobs.split(",")]:
        dt = wall([*base, "-o", str(tmp / f"j{jobs}.csv"), "--jobs", str(jobs)], env)
        unique = json.loads((tmp / f"j{jobs}.json").read_text())["unique_answers_checked"]
        print(f"--jobs {jobs}: {dt:6.1f} s   {unique / dt:6.1f} checks/s   "
              f"{n / dt:7.1f} submissions/s")  # fmt: skip
    print(f"class: {n} submissions ({args.students} students x {len(POOL)} targets), "
          f"{unique} distinct answers after normalizing")  # fmt: skip
    if not args.resume:
        return

    # kill half-way, then resume
    out = tmp / "killed.csv"
    journal = Path(str(out) + ".journal")
    proc = subprocess.Popen([*base, "-o", str(out), "--jobs", "1"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)  # fmt: skip
    while proc.poll() is None:
        if journal.exists() and journal.read_text().count("\n") >= n // 2:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = journal.read_text().count("\n")
    dt = wall([*base, "-o", str(out), "--jobs", "1"], env)
    left = json.loads(out.with_suffix(".json").read_text())["unique_answers_checked"]
    print(f"killed after {done} of {n} results; the resumed run took {dt:.1f} s "
          f"({left} of {unique} distinct answers were left to check)")  # fmt: skip
    first = sorted(tmp.glob("j*.csv"))[0]
    same = (out.read_text().splitlines()[1:], first.read_text().splitlines()[1:])
    strip = [[ln.rsplit(",", 1)[0] for ln in rows] for rows in same]
    print(f"resumed gradebook equals the uninterrupted one (time column aside): "
          f"{strip[0] == strip[1]}")  # fmt: skip


if __name__ == "__main__":
    main()
