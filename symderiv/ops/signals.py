"""Discrete 2-D convolution and cross-correlation with zero padding and stride.

``Conv2D`` derives the output matrix the way it is computed by hand (flip the kernel, pad,
slide the window with the stride) and is checked against the convolution sum's own
definition, y(p, q) = Σ_{i,j} x(i, j) h(p − i, q − j), evaluated position by position.
"""

from __future__ import annotations

import random

import sympy as sp

from .steps import NumericCheck, Step, worse


def flip(h: sp.Matrix) -> sp.Matrix:
    """The kernel rotated by 180°: h'(a, b) = h(k − 1 − a, k − 1 − b)."""
    return sp.Matrix(h.rows, h.cols, lambda a, b: h[h.rows - 1 - a, h.cols - 1 - b])


def pad(x: sp.Matrix, p: int) -> sp.Matrix:
    return sp.Matrix(x.rows + 2 * p, x.cols + 2 * p, lambda i, j: _at(x, i - p, j - p))


def _at(x, i, j):
    return x[i, j] if 0 <= i < x.rows and 0 <= j < x.cols else sp.S.Zero


def slide(x: sp.Matrix, w: sp.Matrix, stride: int) -> sp.Matrix:
    """Σ_{a,b} w(a, b) x(s·m + a, s·n + b) for every window that fits."""
    rows = (x.rows - w.rows) // stride + 1
    cols = (x.cols - w.cols) // stride + 1
    return sp.Matrix(
        rows,
        cols,
        lambda m, n: sp.expand(
            sum(
                w[a, b] * x[stride * m + a, stride * n + b]
                for a in range(w.rows)
                for b in range(w.cols)
            )
        ),
    )


class Conv2D(sp.Function):
    """Conv2D(x, h, padding, stride, kind): kind 1 for convolution, 0 for cross-correlation."""

    nargs = 5

    def derive(self, ctx, steps: list[Step]) -> sp.Matrix:
        x, h, p, s, kind = self.args
        p, s = int(p), int(s)
        w = flip(h) if kind == 1 else h
        if kind == 1:
            steps.append(
                Step(
                    "flip the kernel",
                    sp.Symbol("h'"),
                    w,
                    note="convolution slides the kernel rotated by 180°; cross-correlation "
                    "slides it as it is",
                )
            )
        xp = pad(x, p) if p else x
        if p:
            steps.append(Step("zero padding", sp.Symbol("x_{pad}"), xp, note=f"padding {p}"))
        rows = (x.rows + 2 * p - h.rows) // s + 1
        steps.append(
            Step(
                "output size",
                sp.Symbol("size"),
                sp.Integer(rows),
                note=f"$\\lfloor (N + 2p - k)/s \\rfloor + 1$ with N = {x.rows}, p = {p}, "
                f"k = {h.rows}, s = {s}",
            )
        )
        y = slide(xp, w, s)
        steps.append(Step("slide the window", sp.Symbol("y"), y, note=f"stride {s}"))
        return y

    def check(self, closed, seed: int = 0) -> NumericCheck:
        """Against the sum's definition, position by position, at random values of any
        symbols in the image."""
        x, h, p, s, kind = self.args
        p, s = int(p), int(s)
        k = h.rows
        rng = random.Random(seed)
        free = sorted(x.free_symbols | closed.free_symbols, key=str)
        worst, count = 0.0, 0
        for _ in range(3 if free else 1):
            at = {f: sp.Integer(rng.randint(-9, 9)) for f in free}
            xs = x.xreplace(at)
            for m in range(closed.rows):
                for n in range(closed.cols):
                    # output (m, n) is the window at (s·m − p, s·n − p) of the unpadded image
                    r0, c0 = s * m - p, s * n - p
                    if kind == 1:  # y(P, Q) = Σ x(i, j) h(P − i, Q − j) at P = r0 + k − 1
                        P, Q = r0 + k - 1, c0 + k - 1
                        want = sum(
                            _at(xs, i, j) * _at(h, P - i, Q - j)
                            for i in range(r0, r0 + k)
                            for j in range(c0, c0 + k)
                        )
                    else:
                        want = sum(
                            _at(xs, r0 + a, c0 + b) * h[a, b] for a in range(k) for b in range(k)
                        )
                    got = closed[m, n].xreplace(at)
                    worst = worse(worst, float(abs(got - want)))
                    count += 1
        return NumericCheck(
            method="the convolution sum's definition, position by position",
            points=count,
            max_error=worst,
            passed=worst == 0,
        )

    def _latex(self, printer):
        return "x * h" if self.args[4] == 1 else "x \\star h"


class OutputSize(sp.Function):
    """How many windows of size k fit, stride s, in N + 2p: OutputSize(N, k, p, s)."""

    nargs = 4

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        N, k, p, s = self.args
        j = sp.Symbol("j", integer=True, nonnegative=True)
        steps.append(
            Step(
                "window starts",
                sp.Symbol("starts"),
                sp.FiniteSet(0, s, 2 * s),
                note="$j s$ for $j = 0, 1, \\dots$ while $j s + k \\le N + 2p$",
            )
        )
        # j s ≤ N + 2p − k  ⇔  j ≤ (N + 2p − k)/s: the integers 0 … ⌊(N + 2p − k)/s⌋
        count = sp.floor((N + 2 * p - k) / s) + 1
        steps.append(Step("count them", self, count, note=f"${sp.latex(j)} \\le (N+2p-k)/s$"))
        return count

    def check(self, closed, seed: int = 0) -> NumericCheck:
        N, k, p, s = self.args
        worst, count = 0.0, 0
        for Nv in range(3, 12):
            for kv in range(1, min(Nv, 6) + 1):
                for pv in range(0, 3):
                    for sv in range(1, 4):
                        fits = sum(
                            1
                            for start in range(0, Nv + 2 * pv)
                            if start % sv == 0 and start + kv <= Nv + 2 * pv
                        )
                        got = closed.xreplace({N: Nv, k: kv, p: pv, s: sv})
                        worst = worse(worst, float(abs(got - fits)))
                        count += 1
        return NumericCheck(
            method="windows counted one by one for N = 3…11, k ≤ 6, p ≤ 2, s ≤ 3",
            points=count,
            max_error=worst,
            passed=worst == 0,
        )

    def _latex(self, printer):
        return "\\text{output size}"
