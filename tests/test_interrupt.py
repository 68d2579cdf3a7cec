"""One Ctrl-C stops a long run at once: exit 130 within 2 s, one line on stderr, no process
left behind, and every finished result kept in the journal so that the same command resumes
to the gradebook an uninterrupted run gives.

A terminal's Ctrl-C goes to the whole process group, so the tests send SIGINT to the group,
at moments drawn (from a fixed seed) over the start-up, the warm-up and the checks."""

import csv
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from symderiv.cli import main

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")

RUNS = 10  # per command: 20 interrupts in all
BOUND = 2.0  # seconds from Ctrl-C to exit
RIGHT = r"\sigma'(\tilde{y}_k) \delta_{ki}"
# runs to its time bound, however fast the machine (10^{10^{10^{10}}} did, until the reader
# got fast enough to reach the memory bound first)
SLOW = r"\sum_{{j=1}}^{{1000000000}} \frac{{j}}{{j+1}} + {}"
TIMEOUT = "2"  # the other answers take well under a second (one that does not is retried at 8)


def _class(path: Path) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "problem", "target", "answer"])
        for s in range(120):  # enough work that ten interrupts land while there is some
            # four answers that run to the bound, then to 4× it when retried at the end
            answer = SLOW.format(s) if s % 30 == 0 else RIGHT + (f" + {s}" if s % 2 else "")
            w.writerow([f"s{s:02d}", "exercise13", "dy_db", answer])
            w.writerow([f"s{s:02d}", "exercise13", "dy_dx", rf"\sigma'(\tilde y_k) W_{{ki}} + {s}"])
    return path


def _group_gone(pgid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)
    return False


def _interrupt(cmd: list[str], at: float) -> tuple[int | None, float, str]:
    """Run ``cmd`` in a group of its own, Ctrl-C the group after ``at`` seconds; return the
    exit code (None: finished before the signal), seconds from the signal to the exit, and
    stderr."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # fmt: skip
    time.sleep(at)
    if proc.poll() is not None:
        return None, 0.0, proc.communicate()[1]
    sent = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    try:
        proc.wait(BOUND + 10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        return -1, float("inf"), proc.communicate()[1]
    took = time.monotonic() - sent
    err = proc.communicate()[1]
    assert _group_gone(proc.pid, 3.0), f"processes left behind after Ctrl-C at {at:.2f} s"
    return proc.returncode, took, err


def _assert_clean(code, took, err, at):
    assert code == 130, (at, code, err)
    assert took <= BOUND, f"Ctrl-C at {at:.2f} s: exit after {took:.2f} s"
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert lines and lines[-1].startswith("symderiv: interrupted"), (at, err)
    progress = re.compile(r"(grade|check|pdf): ")  # the plain progress lines before it
    assert all(progress.match(ln) for ln in lines[:-1]), (at, err)
    assert "Traceback" not in err and "Process " not in err


def test_ctrl_c_during_grade_stops_at_once_and_the_journal_resumes(tmp_path):
    sub = _class(tmp_path / "class.csv")
    out = tmp_path / "grades.csv"
    journal = Path(f"{out}.journal")
    cmd = [sys.executable, "-m", "symderiv", "grade", str(sub), "-o", str(out), "--jobs", "2",
           "--timeout", TIMEOUT]  # fmt: skip
    rng = random.Random(20261130)
    worst, interrupted = 0.0, 0
    for _ in range(RUNS):
        at = rng.uniform(0.3, 5.0)
        code, took, err = _interrupt(cmd, at)
        if code is None or (code == 0 and out.exists()):
            break  # the class was finished before the signal (or as it came): nothing to stop
        _assert_clean(code, took, err, at)
        assert not out.exists()  # no gradebook from a cut run
        worst, interrupted = max(worst, took), interrupted + 1
    assert interrupted >= RUNS // 2, "the interrupts must land while there is work"
    assert journal.exists()
    # the same command resumes; the gradebook equals an uninterrupted run's
    assert main(["grade", str(sub), "-o", str(out), "--jobs", "2", "--timeout", TIMEOUT]) == 0
    whole = tmp_path / "whole.csv"
    assert main(["grade", str(sub), "-o", str(whole), "--jobs", "2", "--timeout", TIMEOUT]) == 0

    def book(path):
        with open(path, newline="", encoding="utf-8") as f:
            return list(csv.reader(f))  # (the gradebook holds no timing)

    assert book(out) == book(whole)
    print(f"grade: {interrupted} interrupts, worst exit {worst:.2f} s")


def test_ctrl_c_during_check_all_stops_at_once(tmp_path):
    cmd = [sys.executable, "-m", "symderiv", "check", "--all"]
    for _ in range(2):  # how long a whole run (derivations cached) takes here: the
        start = time.monotonic()  # interrupts land within it
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        span = time.monotonic() - start
    rng = random.Random(11)
    worst = 0.0
    for _ in range(RUNS):
        at = rng.uniform(0.3, max(0.6, 0.6 * span))
        code, took, err = _interrupt(cmd, at)
        assert code is not None, f"check --all finished within {at:.2f} s"
        _assert_clean(code, took, err, at)
        worst = max(worst, took)
    print(f"check --all: {RUNS} interrupts, worst exit {worst:.2f} s")
