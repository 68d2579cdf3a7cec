"""What the bench scripts share: the wall time of a whole process."""

from __future__ import annotations

import subprocess
import time


def wall(cmd: list[str], env: dict) -> float:
    """Seconds ``cmd`` takes from start to exit (its output discarded); fails if it fails."""
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0
