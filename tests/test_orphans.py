"""No orphans (issue 27, finding 4): a kill -9 of ``symderiv grade`` leaves no process behind.

Its pool processes are the fork server's children, not its own, and each has a sandbox
worker of its own: all of them (and the fork server, and multiprocessing's resource
tracker) must die with the main process, whatever kills it."""

import contextlib
import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import symderiv

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

ROOT = Path(symderiv.__file__).resolve().parents[1]
# runs to its time bound, however fast the machine: the workers are busy when it is killed
SLOW = r"\sum_{{j=1}}^{{1000000000}} \frac{{j}}{{j+1}} + {}"


def _session(sid: int) -> list[tuple[int, str]]:
    """The live processes of session ``sid``: (pid, command line); zombies are dead."""
    found = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{d}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # gone meanwhile
        state, session = fields[0], int(fields[3])
        if session == sid and state not in ("Z", "X"):
            found.append((int(d), cmd[:120]))
    return found


def test_kill_9_of_grade_leaves_no_process_of_its_session(tmp_path):
    src = tmp_path / "class.csv"
    with open(src, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "problem", "target", "answer"])
        for s in range(6):
            w.writerow([f"s{s}", "exercise13", "dy_db", SLOW.format(s)])
    cmd = [sys.executable, "-m", "symderiv", "grade", str(src), "-o", str(tmp_path / "g.csv"),
           "--jobs", "2", "--timeout", "60"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env=env)  # fmt: skip
    try:
        # main, resource tracker, fork server, 2 pool processes, and their 2 sandboxes
        deadline = time.monotonic() + 120
        while len(_session(proc.pid)) < 7 and time.monotonic() < deadline:
            assert proc.poll() is None, "the run ended before the kill"
            time.sleep(0.1)
        before = _session(proc.pid)
        assert len(before) >= 7, before
        os.kill(proc.pid, signal.SIGKILL)  # the main process only, not its group
        proc.wait()
        deadline = time.monotonic() + 2.0
        while (left := _session(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)
        print(f"{len(before)} processes before the kill, {len(left)} left after it")
        assert left == [], f"orphans after kill -9 of the main process: {left}"
    finally:
        for pid, _ in _session(proc.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
