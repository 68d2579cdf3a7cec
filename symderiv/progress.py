"""Progress of long work (grading a class, checking every claim, building a PDF): a rich bar
with count, rate and time left on a terminal; plain lines every 2 s otherwise."""

from __future__ import annotations

import sys
import time


class Progress:
    """A rich progress bar on a terminal; plain lines (every 2 s and at the end) otherwise."""

    def __init__(self, total: int, what: str = "grade", stream=None):
        self.total = total
        self.what = what
        self.stream = stream or sys.stderr
        self.bar = None
        self.last = 0.0
        self.t0 = time.perf_counter()
        self.first = 0
        self.printed = False

    def start(self, done: int) -> None:
        self.first = done
        self.last = time.perf_counter()
        if self.stream.isatty():
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TaskProgressColumn(), TimeRemainingColumn(), transient=False,
            )  # fmt: skip
            self.bar.start()
            self.task = self.bar.add_task(self.what, total=self.total, completed=done)
        elif done:
            print(f"{self.what}: {done} of {self.total} already done", file=self.stream)

    def update(self, done: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, completed=done)
            return
        now = time.perf_counter()
        if now - self.t0 < 2.0 and not self.printed:
            return  # quick work stays quiet
        if now - self.last >= 2.0 or done == self.total:
            self.printed = True
            rate = (done - self.first) / max(now - self.t0, 1e-9)
            print(f"{self.what}: {done}/{self.total} ({rate:.1f}/s)", file=self.stream, flush=True)
            self.last = now

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
