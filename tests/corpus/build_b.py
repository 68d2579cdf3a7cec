"""Build answers_b.jsonl: an independent corpus of student-style LaTeX answers.

Labels come only from this file: for every target a numpy/stdlib REFERENCE derived by
hand from the problem statement (cross-checked by brute force), and for every answer a
hand translation of what its LaTeX MEANS.  label = "right" iff meaning == reference at
every point tried.  Cases are read top to bottom, the first branch whose condition holds
wins (as written).  A decimal answer is right when it equals the exact value rounded to
the number of digits the student wrote.

Run:  python tests/corpus/build_b.py
"""
import json
import math
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "answers_b.jsonl")


class Dec:
    """A decimal the student wrote: right iff it equals the exact value rounded to `digits`."""

    def __init__(self, value, digits):
        self.value, self.digits = value, digits


def same(ref, got):
    if isinstance(got, Dec):
        return abs(round(float(ref), got.digits) - got.value) < 1e-12
    ref = np.asarray(ref, dtype=float)
    got = np.asarray(got, dtype=float)
    if ref.shape != got.shape:
        return False
    return bool(np.all(np.abs(ref - got) <= 1e-9 * np.maximum(1.0, np.abs(ref))))


# ----------------------------------------------------------------------------------------
# hw3_2ab: x(n) = 1 on 0..L-1, h(n) = (1/2)^n u(n), y = x * h
# ----------------------------------------------------------------------------------------
def u(n):
    return 1.0 if n >= 0 else 0.0


def x_sig(n, L):
    return 1.0 if 0 <= n <= L - 1 else 0.0


def h_sig(n):
    return 0.5 ** n if n >= 0 else 0.0


def conv_brute(n, L, shift=0):
    """Sum_i x(i - shift) h(n - i) over a range that covers every nonzero term."""
    return sum(x_sig(i - shift, L) * h_sig(n - i) for i in range(-60, 60))


def y_closed(n, L):
    """Derived by hand: 0 (n<0); sum_{i=0}^n 2^-i = 2 - 2^-n (0<=n<=L-1);
    sum_{i=n-L+1}^n 2^-i = (2^L - 1) 2^-n (n >= L)."""
    if n < 0:
        return 0.0
    if n <= L - 1:
        return 2.0 - 2.0 ** (-n)
    return (2.0 ** L - 1.0) * 2.0 ** (-n)


NS = range(-5, 31)
LS = range(1, 8)
for _L in LS:
    for _n in NS:
        assert abs(conv_brute(_n, _L) - y_closed(_n, _L)) < 1e-12
        assert abs(conv_brute(_n, _L, 5) - y_closed(_n - 5, _L)) < 1e-12


def ref_y(n, L):
    return conv_brute(n, L)


def ref_y2(n, L):
    return conv_brute(n, L, 5)


def ref_ti(n, L):
    return conv_brute(n, L, 5) - conv_brute(n - 5, L)


EXTRA_CHECKERS = {}


def check_signal(ref, meaning):
    return all(same(ref(n, L), meaning(n, L)) for L in LS for n in NS)


# ----------------------------------------------------------------------------------------
# answers
# ----------------------------------------------------------------------------------------
ANSWERS = []  # (problem, target, latex, meaning_fn, style, meaning_text)


def add(problem, target, latex, fn, style, text):
    ANSWERS.append((problem, target, latex, fn, style, text))


P = "hw3_2ab"


def cases(*branches):
    """branches: (condition(n, L), value(n, L)); first true wins; None if no branch."""
    def f(n, L):
        for cond, val in branches:
            if cond(n, L):
                return val(n, L)
        return float("nan")
    return f


T = "y"
add(P, T, r"y(n) = \begin{cases} 0 & \text{if } n < 0 \\ 2 - 2^{-n} & \text{if } 0 \le n \le L-1 \\ (2^{L} - 1)\, 2^{-n} & \text{if } n \ge L \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n <= L - 1, lambda n, L: 2 - 2.0 ** -n),
          (lambda n, L: n >= L, lambda n, L: (2.0 ** L - 1) * 2.0 ** -n)),
    "cases, \\text{if}, \\le/\\ge", "0; 2-2^-n on [0,L-1]; (2^L-1)2^-n for n>=L")
add(P, T, r"y(n)=\begin{cases} 2-\frac{1}{2^n}, & 0\leq n\leq L-1\\ \frac{2^L-1}{2^n}, & n\geq L\\ 0, & \text{otherwise}\end{cases}",
    cases((lambda n, L: 0 <= n <= L - 1, lambda n, L: 2 - 1 / 2.0 ** n),
          (lambda n, L: n >= L, lambda n, L: (2.0 ** L - 1) / 2.0 ** n),
          (lambda n, L: True, lambda n, L: 0.0)),
    "cases, \\frac{1}{2^n}, otherwise last", "2-1/2^n on [0,L-1]; (2^L-1)/2^n for n>=L; else 0")
add(P, T, r"y(n) = \left(2 - 2^{-n}\right) u(n) - \left(2 - 2^{L-n}\right) u(n-L)",
    lambda n, L: (2 - 2.0 ** -n) * u(n) - (2 - 2.0 ** (L - n)) * u(n - L),
    "unit steps", "(2-2^-n)u(n) - (2-2^(L-n))u(n-L)")
add(P, T, r"y(n) = \begin{cases} 0 & n<0 \\ \sum_{i=0}^{n} \left(\frac{1}{2}\right)^{i} & 0 \le n < L \\ \sum_{i=n-L+1}^{n} \left(\frac{1}{2}\right)^{i} & n \ge L \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n < L, lambda n, L: sum(0.5 ** i for i in range(0, n + 1))),
          (lambda n, L: n >= L, lambda n, L: sum(0.5 ** i for i in range(n - L + 1, n + 1)))),
    "cases with finite sums", "geometric sums with explicit bounds")
add(P, T, r"y(n) = \begin{cases} 0, & n < 0 \\ 2\left(1 - \left(\frac{1}{2}\right)^{n+1}\right), & 0 \le n \le L-1 \\ 2^{L-n}\left(1 - 2^{-L}\right), & n \ge L \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n <= L - 1, lambda n, L: 2 * (1 - 0.5 ** (n + 1))),
          (lambda n, L: n >= L, lambda n, L: 2.0 ** (L - n) * (1 - 2.0 ** -L))),
    "factored geometric-series form", "2(1-(1/2)^(n+1)); 2^(L-n)(1-2^-L)")
add(P, T, r"y(n) = \begin{cases} 0 & \text{for } n < 0 \\ 2 - 0.5^{n} & \text{for } 0 \le n \le L-1 \\ (2^{L}-1)\,0.5^{n} & \text{for } n \geq L \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n <= L - 1, lambda n, L: 2 - 0.5 ** n),
          (lambda n, L: n >= L, lambda n, L: (2.0 ** L - 1) * 0.5 ** n)),
    "cases, \\text{for}, 0.5^n", "2-0.5^n; (2^L-1)0.5^n")
add(P, T, r"y(n) = \begin{cases} 0 & n < 0 \\ 2 - 2^{-n} & 0 \le n < L-1 \\ (2^{L}-1)2^{-n} & n \ge L-1 \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n < L - 1, lambda n, L: 2 - 2.0 ** -n),
          (lambda n, L: n >= L - 1, lambda n, L: (2.0 ** L - 1) * 2.0 ** -n)),
    "last branch from L-1 (values agree there)", "boundary n=L-1 in last branch; both formulas equal there")
add(P, T, r"y(n) = \begin{cases} 2 - 2^{-n} & \text{if } n \geq 0 \wedge n \leq L-1 \\ (2^{L}-1)2^{-n} & \text{if } n \geq L \\ 0 & \text{if } n < 0 \end{cases}",
    cases((lambda n, L: n >= 0 and n <= L - 1, lambda n, L: 2 - 2.0 ** -n),
          (lambda n, L: n >= L, lambda n, L: (2.0 ** L - 1) * 2.0 ** -n),
          (lambda n, L: n < 0, lambda n, L: 0.0)),
    "cases with \\wedge, zero branch last", "same as reference, branches reordered")
add(P, T, r"y(n) = \begin{cases} 2 - 2^{-n} & \text{if } n \geq 0 \text{ and } n < L \\ 2^{-n}(2^{L}-1) & \text{if } n \geq L \\ 0 & \text{otherwise} \end{cases}",
    cases((lambda n, L: n >= 0 and n < L, lambda n, L: 2 - 2.0 ** -n),
          (lambda n, L: n >= L, lambda n, L: 2.0 ** -n * (2.0 ** L - 1)),
          (lambda n, L: True, lambda n, L: 0.0)),
    "cases with \\text{and}", "2-2^-n for 0<=n<L; 2^-n(2^L-1); 0")
add(P, T, r"y(n) = \sum_{k=0}^{L-1} \left(\frac{1}{2}\right)^{n-k} u(n-k)",
    lambda n, L: sum(0.5 ** (n - k) * u(n - k) for k in range(L)),
    "unexpanded sum of shifted h", "sum over k of h(n-k)")
add(P, T, r"y(n) = \left(2^{\min(n,\,L-1)+1} - 1\right) 2^{-n}\, u(n)",
    lambda n, L: (2.0 ** (min(n, L - 1) + 1) - 1) * 2.0 ** -n * u(n),
    "single formula with min", "(2^(min(n,L-1)+1)-1)2^-n u(n)")
add(P, T, r"y(n) = \begin{cases} 0, & n<0\\ \frac{2^{n+1}-1}{2^{n}}, & 0\le n\le L-1\\ \frac{2^{L}-1}{2^{n}}, & n\ge L \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n <= L - 1, lambda n, L: (2.0 ** (n + 1) - 1) / 2.0 ** n),
          (lambda n, L: n >= L, lambda n, L: (2.0 ** L - 1) / 2.0 ** n)),
    "single fractions", "(2^(n+1)-1)/2^n; (2^L-1)/2^n")
add(P, T, r"y(n) = \left(2 - 2^{-n}\right) u(n) - \left(2 - 2^{L-n}\right) u(n-L+1)",
    lambda n, L: (2 - 2.0 ** -n) * u(n) - (2 - 2.0 ** (L - n)) * u(n - L + 1),
    "unit steps, u(n-L+1) (extra term is 0 at n=L-1)", "second step starts at L-1 where its factor vanishes")
add(P, T, r"y[n] = \sum_{i=\max(0,\,n-L+1)}^{n} 2^{-i} \text{ for } n \ge 0, \quad y[n] = 0 \text{ for } n < 0",
    lambda n, L: sum(2.0 ** -i for i in range(max(0, n - L + 1), n + 1)) if n >= 0 else 0.0,
    "sum with max lower bound, square brackets", "sum_{i=max(0,n-L+1)}^n 2^-i")
# wrong
add(P, T, r"y(n) = \begin{cases} 0 & , n < 0 \\ \sum_{i=0}^{n} \frac{1}{2^i} & , 0 \leq n < L-1 \\ \sum_{i=0}^{L-1} \frac{1}{2^i} & , n \geq L-1 \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n < L - 1, lambda n, L: sum(0.5 ** i for i in range(n + 1))),
          (lambda n, L: n >= L - 1, lambda n, L: sum(0.5 ** i for i in range(L)))),
    "seed-style: constant tail", "tail held constant at 2-2^(1-L) instead of decaying")
add(P, T, r"y(n) = \begin{cases} 2 - 2^{-n} & \text{if } n \le L-1 \\ (2^{L}-1)2^{-n} & \text{if } n \ge L \end{cases}",
    cases((lambda n, L: n <= L - 1, lambda n, L: 2 - 2.0 ** -n),
          (lambda n, L: n >= L, lambda n, L: (2.0 ** L - 1) * 2.0 ** -n)),
    "missing zero branch for n<0", "2-2^-n also for negative n")
add(P, T, r"y(n) = \begin{cases} 0 & n < 0 \\ 2 - 2^{-n} & 0 \le n \le L \\ (2^{L}-1)2^{-n} & n \ge L+1 \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n <= L, lambda n, L: 2 - 2.0 ** -n),
          (lambda n, L: n >= L + 1, lambda n, L: (2.0 ** L - 1) * 2.0 ** -n)),
    "middle branch off by one", "middle branch runs to n=L")
add(P, T, r"y(n) = \begin{cases} 0 & n < 0 \\ 2 - 2^{-n} & 0 \le n < L-2 \\ (2^{L}-1)2^{-n} & n \ge L-2 \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n < L - 2, lambda n, L: 2 - 2.0 ** -n),
          (lambda n, L: n >= L - 2, lambda n, L: (2.0 ** L - 1) * 2.0 ** -n)),
    "last branch starts one step early", "tail formula used from n=L-2")
add(P, T, r"y(n) = \begin{cases} 0 & n < 0 \\ 2 - 2^{-n} & 0 \le n \le L-1 \\ (2^{L-1}-1)2^{-n} & n \ge L \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n <= L - 1, lambda n, L: 2 - 2.0 ** -n),
          (lambda n, L: n >= L, lambda n, L: (2.0 ** (L - 1) - 1) * 2.0 ** -n)),
    "2^{L-1} instead of 2^L", "tail (2^(L-1)-1)2^-n")
add(P, T, r"y(n) = \begin{cases} 0 & n < 0 \\ 2 - 2^{-(n+1)} & 0 \le n \le L-1 \\ (2^{L}-1)2^{-n} & n \ge L \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n <= L - 1, lambda n, L: 2 - 2.0 ** -(n + 1)),
          (lambda n, L: n >= L, lambda n, L: (2.0 ** L - 1) * 2.0 ** -n)),
    "geometric sum exponent off by one", "2-2^-(n+1)")
add(P, T, r"y(n) = \begin{cases} 0 & n < 0 \\ 1 - \left(\frac{1}{2}\right)^{n+1} & 0 \le n \le L-1 \\ \left(\frac{1}{2}\right)^{n-L+1} - \left(\frac{1}{2}\right)^{n+1} & n \ge L \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n <= L - 1, lambda n, L: 1 - 0.5 ** (n + 1)),
          (lambda n, L: n >= L, lambda n, L: 0.5 ** (n - L + 1) - 0.5 ** (n + 1))),
    "forgot dividing by 1-1/2", "half the correct values")
add(P, T, r"y(n) = \left(2 - 2^{-n}\right) u(n) - \left(2 - 2^{L-n}\right) u(n-L-1)",
    lambda n, L: (2 - 2.0 ** -n) * u(n) - (2 - 2.0 ** (L - n)) * u(n - L - 1),
    "unit steps, second step one late", "second step u(n-L-1)")
add(P, T, r"y(n) = \begin{cases} 0 & n<0\\ 2-2^{-n} & 0\le n\le L-1\\ 2^{L-n} & n\ge L\end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n <= L - 1, lambda n, L: 2 - 2.0 ** -n),
          (lambda n, L: n >= L, lambda n, L: 2.0 ** (L - n))),
    "dropped -2^{-n} in tail", "tail 2^(L-n)")
add(P, T, r"y(n) = \sum_{k=0}^{L-1} \left(\frac{1}{2}\right)^{k} u(n-k)",
    lambda n, L: sum(0.5 ** k * u(n - k) for k in range(L)),
    "kernel index not flipped", "sum_k (1/2)^k u(n-k)")



T = "y2"
add(P, T, r"y_2(n) = \begin{cases} 0 & \text{if } n < 5 \\ 2 - 2^{5-n} & \text{if } 5 \le n \le L+4 \\ (2^{L}-1)\,2^{5-n} & \text{if } n \ge L+5 \end{cases}",
    cases((lambda n, L: n < 5, lambda n, L: 0.0),
          (lambda n, L: 5 <= n <= L + 4, lambda n, L: 2 - 2.0 ** (5 - n)),
          (lambda n, L: n >= L + 5, lambda n, L: (2.0 ** L - 1) * 2.0 ** (5 - n))),
    "cases, shifted by 5", "y(n-5) written out")
add(P, T, r"y_2(n) = y(n-5)",
    lambda n, L: y_closed(n - 5, L),
    "in terms of y", "y from part (a) delayed by 5")
add(P, T, r"y_2(n) = \left(2 - 2^{5-n}\right) u(n-5) - \left(2 - 2^{L+5-n}\right) u(n-L-5)",
    lambda n, L: (2 - 2.0 ** (5 - n)) * u(n - 5) - (2 - 2.0 ** (L + 5 - n)) * u(n - L - 5),
    "unit steps", "shifted step form")
add(P, T, r"y_2(n)=\begin{cases} 2-\frac{32}{2^{n}}, & 5\leq n\leq L+4\\ \frac{32\,(2^{L}-1)}{2^{n}}, & n\geq L+5\\ 0, & \text{otherwise}\end{cases}",
    cases((lambda n, L: 5 <= n <= L + 4, lambda n, L: 2 - 32 / 2.0 ** n),
          (lambda n, L: n >= L + 5, lambda n, L: 32 * (2.0 ** L - 1) / 2.0 ** n),
          (lambda n, L: True, lambda n, L: 0.0)),
    "cases, 2^5 expanded to 32", "32/2^n forms")
add(P, T, r"y_2(n) = \begin{cases} 0 & n<5 \\ \sum_{i=0}^{n-5} 2^{-i} & 5 \le n < L+5 \\ \sum_{i=n-L-4}^{n-5} 2^{-i} & n \ge L+5 \end{cases}",
    cases((lambda n, L: n < 5, lambda n, L: 0.0),
          (lambda n, L: 5 <= n < L + 5, lambda n, L: sum(2.0 ** -i for i in range(0, n - 4))),
          (lambda n, L: n >= L + 5, lambda n, L: sum(2.0 ** -i for i in range(n - L - 4, n - 4)))),
    "cases with finite sums", "shifted geometric sums")
add(P, T, r"y_2(n) = \begin{cases} 0 & \text{for } n < 5 \\ 2 - 0.5^{n-5} & \text{for } 5 \le n \le L+4 \\ (2^{L}-1)\,0.5^{n-5} & \text{for } n \geq L+5 \end{cases}",
    cases((lambda n, L: n < 5, lambda n, L: 0.0),
          (lambda n, L: 5 <= n <= L + 4, lambda n, L: 2 - 0.5 ** (n - 5)),
          (lambda n, L: n >= L + 5, lambda n, L: (2.0 ** L - 1) * 0.5 ** (n - 5))),
    "cases, 0.5^{n-5}, \\text{for}", "0.5-power form")
add(P, T, r"y_2(n) = \sum_{k=5}^{L+4} \left(\frac{1}{2}\right)^{n-k} u(n-k)",
    lambda n, L: sum(0.5 ** (n - k) * u(n - k) for k in range(5, L + 5)),
    "unexpanded sum of shifted h", "sum over the support of x_2")
# wrong
add(P, T, r"y(n-5) = \begin{cases} 0 & , n-5 < 0 \\ \sum_{i=0}^{n-5} \frac{1}{2^i} & , 0 \leq n-5 < L-1 \\ \sum_{i=0}^{L-1} \frac{1}{2^i} & , n \geq L-1 \end{cases}",
    cases((lambda n, L: n - 5 < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n - 5 < L - 1, lambda n, L: sum(0.5 ** i for i in range(n - 4))),
          (lambda n, L: n >= L - 1, lambda n, L: sum(0.5 ** i for i in range(L)))),
    "seed-style: constant tail", "tail constant, last condition unshifted")
add(P, T, r"y_2(n) = y(n+5)",
    lambda n, L: y_closed(n + 5, L),
    "shift in the wrong direction", "advanced instead of delayed")
add(P, T, r"y_2(n) = \begin{cases} 0 & n < 5 \\ 2 - 2^{5-n} & 5 \le n \le L+5 \\ (2^{L}-1)2^{5-n} & n \ge L+6 \end{cases}",
    cases((lambda n, L: n < 5, lambda n, L: 0.0),
          (lambda n, L: 5 <= n <= L + 5, lambda n, L: 2 - 2.0 ** (5 - n)),
          (lambda n, L: n >= L + 6, lambda n, L: (2.0 ** L - 1) * 2.0 ** (5 - n))),
    "middle branch off by one", "middle branch runs to L+5")
add(P, T, r"y_2(n) = \begin{cases} 0 & n < 5 \\ 2 - 2^{-n} & 5 \le n \le L+4 \\ (2^{L}-1)2^{-n} & n \ge L+5 \end{cases}",
    cases((lambda n, L: n < 5, lambda n, L: 0.0),
          (lambda n, L: 5 <= n <= L + 4, lambda n, L: 2 - 2.0 ** -n),
          (lambda n, L: n >= L + 5, lambda n, L: (2.0 ** L - 1) * 2.0 ** -n)),
    "conditions shifted, formulas not", "formulas of y(n) on shifted ranges")
add(P, T, r"y_2(n) = \begin{cases} 0 & n < 5 \\ 2 - 2^{5-n} & 5 \le n < L+4 \\ (2^{L}-1)2^{5-n} & n \ge L+4 \end{cases}",
    cases((lambda n, L: n < 5, lambda n, L: 0.0),
          (lambda n, L: 5 <= n < L + 4, lambda n, L: 2 - 2.0 ** (5 - n)),
          (lambda n, L: n >= L + 4, lambda n, L: (2.0 ** L - 1) * 2.0 ** (5 - n))),
    "last branch from L+4 (values agree there)", "tail formula used from n=L+4, equal to middle formula there")
add(P, T, r"y_2(n) = \left(2 - 2^{5-n}\right) u(n-5) - \left(2 - 2^{L-n}\right) u(n-L-5)",
    lambda n, L: (2 - 2.0 ** (5 - n)) * u(n - 5) - (2 - 2.0 ** (L - n)) * u(n - L - 5),
    "unit steps, shift missing in one exponent", "2^(L-n) instead of 2^(L+5-n)")

T = "time_invariance"
add(P, T, r"0", lambda n, L: 0.0, "bare 0", "identically zero")
add(P, T, r"y_2(n) - y(n-5) = 0", lambda n, L: 0.0, "equation with left side", "identically zero")
add(P, T, r"0 \quad \text{for all } n", lambda n, L: 0.0, "0 with words", "identically zero")
add(P, T, r"y_2(n) - y(n-5) = 2^{-5}", lambda n, L: 2.0 ** -5, "constant offset", "claims 1/32")
add(P, T, r"y_2(n) - y(n-5) = \left(2^{-5} - 1\right) y(n-5)",
    lambda n, L: (2.0 ** -5 - 1) * y_closed(n - 5, L), "spurious scaling", "claims a scaled difference")


# ----------------------------------------------------------------------------------------
# hw3_1c: x ~ N(0,1), y = gamma x + beta.  Reference density: exact formula, itself
# checked against a central difference of the CDF Phi((y - beta)/gamma) (gamma > 0).
# ----------------------------------------------------------------------------------------
def cdf_y(y, g, b):
    return 0.5 * (1.0 + math.erf((y - b) / (g * math.sqrt(2.0))))


def dens_ref(y, g, b):
    return math.exp(-((y - b) ** 2) / (2 * g * g)) / (g * math.sqrt(2 * math.pi))


YS = [-10 + 0.37 * k for k in range(55)]
GAMMAS = [0.5, 1.0, 2.0, 3.7]
BETAS = [-2.0, 0.0, 1.5, 3.0]
for _g in GAMMAS:
    for _b in BETAS:
        for _y in YS:
            _e = 1e-5
            _num = (cdf_y(_y + _e, _g, _b) - cdf_y(_y - _e, _g, _b)) / (2 * _e)
            assert abs(_num - dens_ref(_y, _g, _b)) < 1e-7, (_y, _g, _b)
PEAK = 1 / math.sqrt(2 * math.pi)
# the peak of the b=3, g=1 density, located on a fine grid
_grid = np.linspace(-5, 10, 150001)
_vals = np.array([dens_ref(t, 1.0, 3.0) for t in _grid])
assert abs(_grid[_vals.argmax()] - 3.0) < 1e-9 and abs(_vals.max() - PEAK) < 1e-15
_vals0 = np.array([dens_ref(t, 1.0, 0.0) for t in _grid])
assert abs(_grid[_vals0.argmax()]) < 1e-9 and abs(_vals0.max() - PEAK) < 1e-15


def check_density(fn):
    return all(same(dens_ref(y, g, b), fn(y, g, b)) for g in GAMMAS for b in BETAS for y in YS)


def check_density_b3(fn):
    return all(same(dens_ref(y, 1.0, 3.0), fn(y)) for y in YS)


EXTRA_CHECKERS[("hw3_1c", "density")] = check_density
EXTRA_CHECKERS[("hw3_1c", "density_b3")] = check_density_b3
EXTRA_CHECKERS[("hw3_1c", "peak_b3")] = lambda v: same(3.0, v)
EXTRA_CHECKERS[("hw3_1c", "peak_value_b3")] = lambda v: same(PEAK, v)
EXTRA_CHECKERS[("hw3_1c", "peak_value_b0")] = lambda v: same(PEAK, v)

P = "hw3_1c"
SQ = math.sqrt
PI = math.pi
E = math.exp
T = "density"
add(P, T, r"f_Y(y) = \frac{1}{\gamma\sqrt{2\pi}} e^{-\frac{(y-\beta)^2}{2\gamma^2}}",
    lambda y, g, b: 1 / (g * SQ(2 * PI)) * E(-(y - b) ** 2 / (2 * g ** 2)),
    "textbook form", "N(beta, gamma^2) density")
add(P, T, r"f_Y(y) = \frac{1}{\sqrt{2\pi\gamma^2}} \exp\left(-\frac{(y-\beta)^2}{2\gamma^2}\right)",
    lambda y, g, b: 1 / SQ(2 * PI * g ** 2) * E(-(y - b) ** 2 / (2 * g ** 2)),
    "\\exp, variance under root (gamma>0)", "N(beta, gamma^2) density")
add(P, T, r"\frac{1}{|\gamma|\sqrt{2\pi}}\, e^{-\frac{(y-\beta)^2}{2\gamma^2}}",
    lambda y, g, b: 1 / (abs(g) * SQ(2 * PI)) * E(-(y - b) ** 2 / (2 * g ** 2)),
    "absolute value of gamma, no left side", "N(beta, gamma^2) density")
add(P, T, r"p(y) = \frac{1}{\sqrt{2\pi}\,\gamma}\exp\left(-\frac{1}{2}\left(\frac{y-\beta}{\gamma}\right)^2\right)",
    lambda y, g, b: 1 / (SQ(2 * PI) * g) * E(-0.5 * ((y - b) / g) ** 2),
    "standardized-argument form", "phi((y-beta)/gamma)/gamma")
add(P, T, r"f_Y(y) = (2\pi\gamma^2)^{-1/2}\, e^{-(y-\beta)^2/(2\gamma^2)}",
    lambda y, g, b: (2 * PI * g ** 2) ** -0.5 * E(-(y - b) ** 2 / (2 * g ** 2)),
    "negative power, slash exponent", "N(beta, gamma^2) density")
add(P, T, r"f_Y(y) = \frac{e^{-\frac{(\beta - y)^2}{2\gamma^2}}}{\sqrt{2\pi}\,\gamma}",
    lambda y, g, b: E(-(b - y) ** 2 / (2 * g ** 2)) / (SQ(2 * PI) * g),
    "(beta - y)^2, one big fraction", "N(beta, gamma^2) density")
add(P, T, r"f_Y(y) = \frac{1}{\gamma}\cdot\frac{1}{\sqrt{2\pi}} e^{-\frac{1}{2}\left(\frac{y-\beta}{\gamma}\right)^2}",
    lambda y, g, b: (1 / g) * (1 / SQ(2 * PI)) * E(-0.5 * ((y - b) / g) ** 2),
    "change-of-variables factor shown", "(1/gamma) phi((y-beta)/gamma)")
# wrong
add(P, T, r"f_Y(y) = \frac{1}{\sqrt{2\pi}} e^{-\frac{(y-\beta)^2}{2\gamma^2}}",
    lambda y, g, b: 1 / SQ(2 * PI) * E(-(y - b) ** 2 / (2 * g ** 2)),
    "missing 1/gamma", "Jacobian factor forgotten")
add(P, T, r"f_Y(y) = \frac{1}{2\pi\gamma} e^{-\frac{(y-\beta)^2}{2\gamma^2}}",
    lambda y, g, b: 1 / (2 * PI * g) * E(-(y - b) ** 2 / (2 * g ** 2)),
    "wrong normalisation constant", "1/(2 pi gamma) instead of 1/(sqrt(2 pi) gamma)")
add(P, T, r"f_Y(y) = \frac{1}{\gamma\sqrt{2\pi}} e^{-\frac{(y-\beta)^2}{2\gamma}}",
    lambda y, g, b: 1 / (g * SQ(2 * PI)) * E(-(y - b) ** 2 / (2 * g)),
    "gamma not squared in exponent", "exponent divided by 2 gamma")
add(P, T, r"f_Y(y) = \frac{1}{\gamma\sqrt{2\pi}} e^{-\frac{(y+\beta)^2}{2\gamma^2}}",
    lambda y, g, b: 1 / (g * SQ(2 * PI)) * E(-(y + b) ** 2 / (2 * g ** 2)),
    "sign of beta flipped", "centered at -beta")
add(P, T, r"f_Y(y) = \frac{1}{\gamma\sqrt{2\pi}} e^{-\frac{(y-\beta)^2}{2}}",
    lambda y, g, b: 1 / (g * SQ(2 * PI)) * E(-(y - b) ** 2 / 2),
    "gamma missing in exponent", "variance 1 in the exponent")
add(P, T, r"f_Y(y) = \frac{1}{\gamma^2\sqrt{2\pi}} e^{-\frac{(y-\beta)^2}{2\gamma^2}}",
    lambda y, g, b: 1 / (g ** 2 * SQ(2 * PI)) * E(-(y - b) ** 2 / (2 * g ** 2)),
    "1/gamma^2 prefactor", "variance instead of std in prefactor")

T = "density_b3"
add(P, T, r"f_Y(y) = \frac{1}{\sqrt{2\pi}} e^{-\frac{(y-3)^2}{2}}",
    lambda y: 1 / SQ(2 * PI) * E(-(y - 3) ** 2 / 2), "textbook form", "N(3,1) density")
add(P, T, r"\frac{e^{-(y-3)^2/2}}{\sqrt{2\pi}}",
    lambda y: E(-(y - 3) ** 2 / 2) / SQ(2 * PI), "one fraction, slash exponent", "N(3,1) density")
add(P, T, r"f(y) = \frac{1}{1 \cdot \sqrt{2\pi}} e^{-\frac{1}{2}\left(\frac{y-3}{1}\right)^2}",
    lambda y: 1 / (1 * SQ(2 * PI)) * E(-0.5 * ((y - 3) / 1) ** 2), "sigma = 1 left in", "N(3,1) density")
add(P, T, r"f_Y(y) = (2\pi)^{-1/2} \exp\left(-\frac{1}{2}(y-3)^2\right)",
    lambda y: (2 * PI) ** -0.5 * E(-0.5 * (y - 3) ** 2), "negative power, \\exp", "N(3,1) density")
add(P, T, r"f_Y(y) = \frac{1}{\sqrt{2\pi}} e^{-\frac{(y+3)^2}{2}}",
    lambda y: 1 / SQ(2 * PI) * E(-(y + 3) ** 2 / 2), "sign of shift flipped", "N(-3,1) density")
add(P, T, r"f_Y(y) = \frac{1}{\sqrt{2\pi}} e^{-(y-3)^2}",
    lambda y: 1 / SQ(2 * PI) * E(-(y - 3) ** 2), "missing 1/2 in exponent", "wrong variance")
add(P, T, r"f_Y(y) = \frac{1}{2\pi} e^{-\frac{(y-3)^2}{2}}",
    lambda y: 1 / (2 * PI) * E(-(y - 3) ** 2 / 2), "wrong normalisation constant", "1/(2 pi)")
add(P, T, r"f_Y(y) = \frac{1}{\sqrt{2\pi}} e^{-\frac{y^2}{2}}",
    lambda y: 1 / SQ(2 * PI) * E(-y ** 2 / 2), "forgot the shift", "N(0,1) density")

T = "peak_b3"
add(P, T, r"3", 3.0, "bare number", "peak at 3")
add(P, T, r"y = 3", 3.0, "equation", "peak at 3")
add(P, T, r"y^{*} = \beta = 3", 3.0, "chain of equalities", "peak at beta = 3")
add(P, T, r"0", 0.0, "peak of standard normal", "peak at 0")
add(P, T, r"y = \frac{1}{\sqrt{2\pi}}", PEAK, "value given instead of location", "peak at 0.3989")
add(P, T, r"y = 4", 4.0, "beta + gamma", "peak at 4")

T = "peak_value_b3"
add(P, T, r"\frac{1}{\sqrt{2\pi}}", PEAK, "exact", "1/sqrt(2 pi)")
add(P, T, r"f_Y(3) = \frac{1}{1 \cdot \sqrt{2\pi}}", PEAK, "with left side, seed style", "1/sqrt(2 pi)")
add(P, T, r"\frac{\sqrt{2}}{2\sqrt{\pi}}", SQ(2) / (2 * SQ(PI)), "rationalised", "sqrt2/(2 sqrt pi)")
add(P, T, r"(2\pi)^{-1/2}", (2 * PI) ** -0.5, "negative power", "1/sqrt(2 pi)")
add(P, T, r"\approx 0.399", Dec(0.399, 3), "decimal 3 digits, right as rounded", "0.399")
add(P, T, r"f(3) \approx 0.4", Dec(0.4, 1), "decimal 1 digit, right as rounded", "0.4")
add(P, T, r"0.3989", Dec(0.3989, 4), "decimal 4 digits, right as rounded", "0.3989")
add(P, T, r"0.398", Dec(0.398, 3), "decimal truncated, not rounded", "0.398")
add(P, T, r"\approx 0.3990", Dec(0.3990, 4), "decimal 4 digits, wrongly rounded", "0.3990")
add(P, T, r"\frac{1}{2\pi}", 1 / (2 * PI), "missing square root", "1/(2 pi)")
add(P, T, r"\frac{1}{\sqrt{\pi}}", 1 / SQ(PI), "wrong constant", "1/sqrt(pi)")
add(P, T, r"f_Y(3) = 1", 1.0, "density confused with probability", "1")

T = "peak_value_b0"
add(P, T, r"\frac{1}{\sqrt{2\pi}}", PEAK, "exact", "1/sqrt(2 pi)")
add(P, T, r"f_Y(0) = \frac{1}{\sqrt{2 \pi}} \approx 0.3989", PEAK, "exact then decimal", "1/sqrt(2 pi)")
add(P, T, r"0.40", Dec(0.40, 2), "decimal 2 digits, right as rounded", "0.40")
add(P, T, r"\frac{1}{\sqrt{2}\,\pi}", 1 / (SQ(2) * PI), "pi outside the root", "1/(sqrt2 pi)")
add(P, T, r"0.39", Dec(0.39, 2), "decimal truncated, not rounded", "0.39")
add(P, T, r"\frac{1}{2}", 0.5, "confused with median/CDF", "1/2")

# ----------------------------------------------------------------------------------------
# exercise12: orthonormal DCT-II, N = 4, Y_k = c_k sum_j x_j cos(pi (j + 1/2) k / N).
# Y_k = (x * K_k)(k) = sum_j x_j K_k[k - j]  =>  K_k[i] = c_k cos(pi (k - i + 1/2) k / N)
# on k-N+1 <= i <= k (0 elsewhere).  Read at N-1: K_k[i] = c_k cos(pi (N-1-i+1/2) k / N)
# on 0 <= i <= N-1.  Both checked against the direct DCT by a brute-force convolution sum.
# ----------------------------------------------------------------------------------------
N4 = 4
C_NORM = [math.sqrt(1 / N4)] + [math.sqrt(2 / N4)] * (N4 - 1)
DCT = np.array([[C_NORM[k] * math.cos(math.pi * (j + 0.5) * k / N4) for j in range(N4)] for k in range(N4)])
assert np.allclose(DCT @ DCT.T, np.eye(N4))  # the c_k make the basis orthonormal
RNG = np.random.default_rng(12)
XS = [RNG.normal(size=N4) for _ in range(6)]
KS = range(N4)
IS = range(-8, 9)


def Y_ref(x, k):
    return float(DCT[k] @ x)


def kern_ref(k, i):
    return C_NORM[k] * math.cos(math.pi * (k - i + 0.5) * k / N4) if k - N4 + 1 <= i <= k else 0.0


def kern_causal_ref(k, i):
    return C_NORM[k] * math.cos(math.pi * (N4 - 1 - i + 0.5) * k / N4) if 0 <= i <= N4 - 1 else 0.0


def conv_at(x, K, k, p):
    """(x * K_k)(p) = sum_i x(i) K_k[p - i], x zero outside 0..N-1."""
    return sum((x[i] if 0 <= i < N4 else 0.0) * K(k, p - i) for i in range(-20, 20))


for _x in XS:
    for _k in KS:
        assert abs(conv_at(_x, kern_ref, _k, _k) - Y_ref(_x, _k)) < 1e-12
        assert abs(conv_at(_x, kern_causal_ref, _k, N4 - 1) - Y_ref(_x, _k)) < 1e-12

EXTRA_CHECKERS[("exercise12", "Y")] = lambda fn: all(same(Y_ref(x, k), fn(x, k)) for x in XS for k in KS)
EXTRA_CHECKERS[("exercise12", "norm")] = lambda fn: all(same(C_NORM[k], fn(k)) for k in KS)
EXTRA_CHECKERS[("exercise12", "kernel_formula")] = lambda fn: all(
    same(kern_ref(k, i), fn(k, i)) for k in KS for i in range(k - N4 + 1, k + 1))
EXTRA_CHECKERS[("exercise12", "kernel")] = lambda fn: all(same(kern_ref(k, i), fn(k, i)) for k in KS for i in IS)
EXTRA_CHECKERS[("exercise12", "kernel_causal")] = lambda fn: all(
    same(kern_causal_ref(k, i), fn(k, i)) for k in KS for i in IS)

P = "exercise12"
COS = math.cos


def ck(k):
    """c_k as the statement defines it (students write the symbol c_k)."""
    return C_NORM[k]


T = "Y"
add(P, T, r"Y_k = c_k \sum_{j=0}^{3} x_j \cos\left(\frac{\pi(2j+1)k}{8}\right)",
    lambda x, k: ck(k) * sum(x[j] * COS(PI * (2 * j + 1) * k / 8) for j in range(4)),
    "N = 4 substituted, (2j+1)/8", "the DCT-II with c_k")
add(P, T, r"Y_k = \begin{cases} \frac{1}{2} \sum_{j=0}^{3} x_j & k = 0 \\ \frac{1}{\sqrt{2}} \sum_{j=0}^{3} x_j \cos\frac{(2j+1)k\pi}{8} & k \geq 1 \end{cases}",
    lambda x, k: 0.5 * sum(x) if k == 0 else 1 / SQ(2) * sum(x[j] * COS((2 * j + 1) * k * PI / 8) for j in range(4)),
    "cases on k, c_k written out", "DC term separately")
add(P, T, r"Y_k = \sqrt{\frac{2}{N}} \sum_{j=0}^{N-1} x_j \cos\left[\pi\left(j+\frac{1}{2}\right)\frac{k}{N}\right]",
    lambda x, k: SQ(2 / 4) * sum(x[j] * COS(PI * (j + 0.5) * k / 4) for j in range(4)),
    "sqrt(2/N) for every k", "k = 0 factor wrong")
add(P, T, r"Y_k = c_k \sum_{j=0}^{3} x_j \cos\left(\frac{\pi(2j+1)k}{4}\right)",
    lambda x, k: ck(k) * sum(x[j] * COS(PI * (2 * j + 1) * k / 4) for j in range(4)),
    "denominator 4 instead of 8", "frequency doubled")

T = "norm"
add(P, T, r"c_k = \begin{cases} \frac{1}{2} & \text{if } k = 0 \\ \frac{1}{\sqrt{2}} & \text{if } k \geq 1 \end{cases}",
    lambda k: 0.5 if k == 0 else 1 / SQ(2), "cases, N = 4 substituted", "1/2, then 1/sqrt2")
add(P, T, r"c_k = \begin{cases} \sqrt{1/N} & k = 0 \\ \sqrt{2/N} & 1 \le k \le N-1 \end{cases}",
    lambda k: SQ(1 / 4) if k == 0 else SQ(2 / 4), "cases in N, slashes", "sqrt(1/N), sqrt(2/N)")
add(P, T, r"c_k = \sqrt{\frac{2 - \delta_{k0}}{N}}",
    lambda k: SQ((2 - (1 if k == 0 else 0)) / 4), "Kronecker delta", "sqrt((2-delta)/N)")
add(P, T, r"c_k = \begin{cases} \frac{1}{2}, & k = 0 \\ \frac{\sqrt{2}}{2}, & \text{otherwise} \end{cases}",
    lambda k: 0.5 if k == 0 else SQ(2) / 2, "cases, sqrt2/2, otherwise", "1/2, sqrt2/2")
add(P, T, r"c_k = \begin{cases} 0.5 & k = 0 \\ 0.707 & k \ge 1 \end{cases}",
    lambda k: 0.5 if k == 0 else Dec(0.707, 3), "decimals, 0.707 right as rounded to 3 digits", "0.5, 0.707")
add(P, T, r"c_k = \begin{cases} \frac{1}{2} & k = 0 \\ \approx 0.71 & k \ge 1 \end{cases}",
    lambda k: 0.5 if k == 0 else Dec(0.71, 2), "decimal 0.71, right as rounded to 2 digits", "0.5, 0.71")
add(P, T, r"c_k = \sqrt{\frac{2}{N}}",
    lambda k: SQ(2 / 4), "no special case for k = 0", "sqrt(1/2) for all k")
add(P, T, r"c_k = \begin{cases} \frac{1}{4} & k = 0 \\ \frac{1}{2} & k \ge 1 \end{cases}",
    lambda k: 0.25 if k == 0 else 0.5, "square root forgotten", "1/N, 2/N")
add(P, T, r"c_k = \begin{cases} \frac{1}{\sqrt{2}} & k = 0 \\ \frac{1}{2} & k \ge 1 \end{cases}",
    lambda k: 1 / SQ(2) if k == 0 else 0.5, "cases swapped", "1/sqrt2 then 1/2")
add(P, T, r"c_k = \begin{cases} 0.5 & k = 0 \\ 0.70 & k \ge 1 \end{cases}",
    lambda k: 0.5 if k == 0 else Dec(0.70, 2), "decimal truncated, not rounded", "0.5, 0.70")
add(P, T, r"c_k = \frac{1}{\sqrt{N}}",
    lambda k: 1 / SQ(4), "seed-style 1/sqrt(N) for all k", "1/2 for all k")

T = "kernel_formula"
add(P, T, r"K_k[i] = c_k \cos\left[\pi\left(k - i + \frac{1}{2}\right)\frac{k}{N}\right]",
    lambda k, i: ck(k) * COS(PI * (k - i + 0.5) * k / 4), "statement notation", "c_k cos(pi(k-i+1/2)k/N)")
add(P, T, r"K_k[i] = c_k \cos\left(\frac{\pi\,(2k - 2i + 1)\,k}{8}\right)",
    lambda k, i: ck(k) * COS(PI * (2 * k - 2 * i + 1) * k / 8), "N = 4 substituted", "same, over 8")
add(P, T, r"K_k[i] = c_k \cos\left[\pi\left(i - k - \frac{1}{2}\right)\frac{k}{4}\right]",
    lambda k, i: ck(k) * COS(PI * (i - k - 0.5) * k / 4), "argument negated (cos even)", "same by evenness")
add(P, T, r"K_k[i] = \begin{cases} \frac{1}{2} & k = 0 \\ \frac{1}{\sqrt{2}} \cos\left(\frac{\pi(2(k-i)+1)k}{8}\right) & k \geq 1 \end{cases}",
    lambda k, i: 0.5 if k == 0 else 1 / SQ(2) * COS(PI * (2 * (k - i) + 1) * k / 8), "cases on k, c_k written out", "constant DC kernel")
add(P, T, r"K_k[i] = c_k \cos\left[\pi\left(k - i + \frac{1}{2}\right)\frac{k}{N}\right], \quad k-N+1 \le i \le k",
    lambda k, i: ck(k) * COS(PI * (k - i + 0.5) * k / 4), "formula with its support stated", "formula on k-N+1..k")
add(P, T, r"K_k[i] = c_k \cos\left[\pi\left(i + \frac{1}{2}\right)\frac{k}{N}\right]",
    lambda k, i: ck(k) * COS(PI * (i + 0.5) * k / 4), "not flipped (correlation kernel)", "basis vector itself")
add(P, T, r"K_k[i] = 2 c_k \cos\left[\pi\left(-i + k + \frac{1}{2}\right)\frac{k}{N}\right]",
    lambda k, i: 2 * ck(k) * COS(PI * (-i + k + 0.5) * k / 4), "seed-style extra factor 2", "twice the kernel")
add(P, T, r"K_k[i] = c_k \cos\left[\pi\left(k - i - \frac{1}{2}\right)\frac{k}{N}\right]",
    lambda k, i: ck(k) * COS(PI * (k - i - 0.5) * k / 4), "sign of 1/2 wrong", "shifted by one tap")
add(P, T, r"K_k[i] = c_k \cos\left[\pi\left(N - 1 - i + \frac{1}{2}\right)\frac{k}{N}\right]",
    lambda k, i: ck(k) * COS(PI * (4 - 1 - i + 0.5) * k / 4), "causal kernel given for position k", "read-at-N-1 kernel")
add(P, T, r"K_k[i] = \sqrt{\frac{2}{N}} \cos\left[\pi\left(k - i + \frac{1}{2}\right)\frac{k}{N}\right]",
    lambda k, i: SQ(2 / 4) * COS(PI * (k - i + 0.5) * k / 4), "wrong factor for k = 0", "sqrt(2/N) for all k")

T = "kernel"
add(P, T, r"K_k[i] = \begin{cases} c_k \cos\left[\pi\left(k - i + \frac{1}{2}\right)\frac{k}{N}\right] & \text{if } k-N+1 \le i \le k \\ 0 & \text{otherwise} \end{cases}",
    lambda k, i: ck(k) * COS(PI * (k - i + 0.5) * k / 4) if k - 4 + 1 <= i <= k else 0.0,
    "cases, support in N", "kernel on k-N+1..k, zero elsewhere")
add(P, T, r"K_k[i] = \begin{cases} c_k \cos\left(\frac{\pi(2k-2i+1)k}{8}\right) & \text{if } i \geq k-3 \text{ and } i \leq k \\ 0 & \text{otherwise} \end{cases}",
    lambda k, i: ck(k) * COS(PI * (2 * k - 2 * i + 1) * k / 8) if (i >= k - 3 and i <= k) else 0.0,
    "cases with \\text{and}, N = 4", "kernel on k-3..k")
add(P, T, r"K_k[i] = \begin{cases} 0 & i < k-3 \\ c_k \cos\left[\pi\left(k-i+\frac{1}{2}\right)\frac{k}{4}\right] & k-3 \leq i \leq k \\ 0 & i > k \end{cases}",
    lambda k, i: 0.0 if i < k - 3 else (ck(k) * COS(PI * (k - i + 0.5) * k / 4) if i <= k else 0.0),
    "three branches, zeros both sides", "kernel on k-3..k")
add(P, T, r"K_k[i] = c_k \cos\left[\pi\left(k-i+\frac{1}{2}\right)\frac{k}{N}\right]\left(u(i-k+N-1) - u(i-k-1)\right)",
    lambda k, i: ck(k) * COS(PI * (k - i + 0.5) * k / 4) * (u(i - k + 3) - u(i - k - 1)),
    "window by unit steps", "kernel times indicator of k-N+1..k")
add(P, T, r"K_k[i] = \begin{cases} c_k \cos\left[\pi\left(-i + k + \frac{1}{2}\right)\frac{k}{N}\right] & 0 \leq i \leq N-1 \\ 0 & \text{otherwise} \end{cases}",
    lambda k, i: ck(k) * COS(PI * (-i + k + 0.5) * k / 4) if 0 <= i <= 3 else 0.0,
    "seed-style support 0..N-1", "right formula, wrong support")
add(P, T, r"K_k[i] = \begin{cases} c_k \cos\left[\pi\left(k - i + \frac{1}{2}\right)\frac{k}{N}\right] & k-N \le i \le k \\ 0 & \text{otherwise} \end{cases}",
    lambda k, i: ck(k) * COS(PI * (k - i + 0.5) * k / 4) if k - 4 <= i <= k else 0.0,
    "support one tap too long", "support k-N..k")
add(P, T, r"K_k[i] = c_k \cos\left[\pi\left(k - i + \frac{1}{2}\right)\frac{k}{N}\right]",
    lambda k, i: ck(k) * COS(PI * (k - i + 0.5) * k / 4), "missing zero branch", "nonzero for every i")
add(P, T, r"K_k[i] = \begin{cases} c_k \cos\left[\pi\left(i + \frac{1}{2}\right)\frac{k}{N}\right] & k-N+1 \le i \le k \\ 0 & \text{otherwise} \end{cases}",
    lambda k, i: ck(k) * COS(PI * (i + 0.5) * k / 4) if k - 3 <= i <= k else 0.0,
    "not flipped, right support", "basis vector on k-3..k")

T = "kernel_causal"
add(P, T, r"K_k[i] = \begin{cases} c_k \cos\left[\pi\left(N - 1 - i + \frac{1}{2}\right)\frac{k}{N}\right] & 0 \le i \le N-1 \\ 0 & \text{otherwise} \end{cases}",
    lambda k, i: ck(k) * COS(PI * (4 - 1 - i + 0.5) * k / 4) if 0 <= i <= 3 else 0.0,
    "cases, statement notation", "flipped basis on 0..N-1")
add(P, T, r"K_k[i] = \begin{cases} (-1)^k c_k \cos\left(\frac{\pi(2i+1)k}{8}\right) & \text{if } 0 \le i \le 3 \\ 0 & \text{otherwise} \end{cases}",
    lambda k, i: (-1) ** k * ck(k) * COS(PI * (2 * i + 1) * k / 8) if 0 <= i <= 3 else 0.0,
    "(-1)^k identity", "cos(pi k - a) = (-1)^k cos a")
add(P, T, r"K_k[i] = \begin{cases} c_k \cos\frac{(7 - 2i)k\pi}{8} & \text{for } 0 \leq i \leq 3 \\ 0 & \text{else} \end{cases}",
    lambda k, i: ck(k) * COS((7 - 2 * i) * k * PI / 8) if 0 <= i <= 3 else 0.0,
    "cases, \\text{for}/\\text{else}, N = 4", "c_k cos((7-2i)k pi/8)")
add(P, T, r"K_k[i] = \begin{cases} c_k \cos\left[\pi\left(i + \frac{1}{2}\right)\frac{k}{N}\right] & 0 \le i \le N-1 \\ 0 & \text{otherwise} \end{cases}",
    lambda k, i: ck(k) * COS(PI * (i + 0.5) * k / 4) if 0 <= i <= 3 else 0.0,
    "not flipped (correlation)", "basis vector on 0..N-1")
add(P, T, r"K_k[i] = \begin{cases} c_k \cos\left[\pi\left(N - 1 - i + \frac{1}{2}\right)\frac{k}{N}\right] & 1 \le i \le N \\ 0 & \text{otherwise} \end{cases}",
    lambda k, i: ck(k) * COS(PI * (4 - 1 - i + 0.5) * k / 4) if 1 <= i <= 4 else 0.0,
    "support shifted by one", "support 1..N")
add(P, T, r"K_k[i] = \begin{cases} c_k \cos\left[\pi\left(N - i + \frac{1}{2}\right)\frac{k}{N}\right] & 0 \le i \le N-1 \\ 0 & \text{otherwise} \end{cases}",
    lambda k, i: ck(k) * COS(PI * (4 - i + 0.5) * k / 4) if 0 <= i <= 3 else 0.0,
    "flip off by one (N instead of N-1)", "read at N instead of N-1")


# ----------------------------------------------------------------------------------------
# hw3_2cd: 5x5 image 1..25, Sobel h; true convolution by a direct loop
#   y(m, n) = sum_{i,j} x(m - i, n - j) h(i, j), h indexed -1..1 around its centre.
# ----------------------------------------------------------------------------------------
X5 = np.arange(1, 26, dtype=float).reshape(5, 5)
H = np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype=float)


def conv2d_loop(x, h, pad, stride, flip=True):
    xp = np.zeros((x.shape[0] + 2 * pad, x.shape[1] + 2 * pad))
    xp[pad:pad + x.shape[0], pad:pad + x.shape[1]] = x
    out_n = (xp.shape[0] - 3) // stride + 1
    out = np.zeros((out_n, out_n))
    for a in range(out_n):
        for b in range(out_n):
            m, n = a * stride + 1, b * stride + 1  # centre in padded coordinates
            s = 0.0
            for i in (-1, 0, 1):
                for j in (-1, 0, 1):
                    w = h[i + 1, j + 1]
                    s += w * (xp[m - i, n - j] if flip else xp[m + i, n + j])
            out[a, b] = s
    return out


VALID = conv2d_loop(X5, H, 0, 1)
VALID_CORR = conv2d_loop(X5, H, 0, 1, flip=False)
PAD1 = conv2d_loop(X5, H, 1, 1)
PAD1S2 = conv2d_loop(X5, H, 1, 2)
assert np.array_equal(PAD1S2, PAD1[::2, ::2]) and np.array_equal(VALID, PAD1[1:4, 1:4])
PAD1_CORR = conv2d_loop(X5, H, 1, 1, flip=False)


def out_size_ref(Nn, p, k, s):
    """count the window positions 0, s, 2s, ... that fit in the padded length N + 2p"""
    cnt, t = 0, 0
    while t + k <= Nn + 2 * p:
        cnt, t = cnt + 1, t + s
    return cnt


GRID_OS = [(Nn, p, k, s) for Nn in range(1, 13) for p in range(0, 4) for k in range(1, 6)
           for s in range(1, 5) if k <= Nn + 2 * p]
EXTRA_CHECKERS[("hw3_2cd", "valid")] = lambda A: same(VALID, A)
EXTRA_CHECKERS[("hw3_2cd", "valid_correlation")] = lambda A: same(VALID_CORR, A)
EXTRA_CHECKERS[("hw3_2cd", "pad1_stride1")] = lambda A: same(PAD1, A)
EXTRA_CHECKERS[("hw3_2cd", "pad1_stride2")] = lambda A: same(PAD1S2, A)
EXTRA_CHECKERS[("hw3_2cd", "output_size")] = lambda fn: all(same(out_size_ref(*g), fn(*g)) for g in GRID_OS)


def fmt_num(v):
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def mat(A, env="bmatrix", lhs=""):
    A = np.asarray(A)
    rows = r" \\ ".join(" & ".join(fmt_num(v) for v in row) for row in A)
    if env == "array":
        return lhs + r"\left[\begin{array}{%s} %s \end{array}\right]" % ("c" * A.shape[1], rows)
    return lhs + r"\begin{%s} %s \end{%s}" % (env, rows, env)


P = "hw3_2cd"
T = "valid"
add(P, T, mat(VALID), VALID, "bmatrix", "3x3, all -40")
add(P, T, mat(VALID, "pmatrix"), VALID, "pmatrix", "3x3, all -40")
add(P, T, mat(VALID, lhs="x * h = "), VALID, "bmatrix with left side", "3x3, all -40")
add(P, T, mat(-VALID), -VALID, "kernel not flipped (correlation)", "3x3, all 40")
add(P, T, mat(np.full((3, 3), -30.0)), np.full((3, 3), -30.0), "weights 1,1,1 (Prewitt slip)", "3x3, all -30")
add(P, T, mat(np.full((5, 5), -40.0)), np.full((5, 5), -40.0), "wrong size (same-size output)", "5x5, all -40")

T = "valid_correlation"
add(P, T, mat(VALID_CORR), VALID_CORR, "bmatrix", "3x3, all 40")
add(P, T, mat(VALID_CORR, "pmatrix", r"x \star h = "), VALID_CORR, "pmatrix with left side", "3x3, all 40")
add(P, T, mat(VALID), VALID, "convolution given instead", "3x3, all -40")
add(P, T, mat(np.full((3, 3), 10.0)), np.full((3, 3), 10.0), "forgot the row weights sum to 4", "3x3, all 10")

T = "pad1_stride1"
add(P, T, mat(PAD1), PAD1, "bmatrix", "5x5 padded convolution")
add(P, T, mat(PAD1, "pmatrix", "y = "), PAD1, "pmatrix with left side", "5x5 padded convolution")
add(P, T, mat(PAD1_CORR), PAD1_CORR, "kernel not flipped (correlation)", "negated result")
_B = PAD1.copy(); _B[0, :] = -40.0; _B[4, :] = -40.0
add(P, T, mat(_B), _B, "edge rows copied from interior", "padding ignored on top/bottom rows")
_C = PAD1.copy(); _C[0, 0] = -18.0
add(P, T, mat(_C), _C, "one corner entry miscomputed", "corner -18")
add(P, T, mat(VALID), VALID, "padding forgotten (3x3)", "valid result")

T = "pad1_stride2"
add(P, T, mat(PAD1S2), PAD1S2, "bmatrix", "every other entry of the padded result")
add(P, T, mat(PAD1S2, "pmatrix"), PAD1S2, "pmatrix", "every other entry of the padded result")
add(P, T, mat(PAD1[1::2, 1::2]), PAD1[1::2, 1::2], "odd positions sampled (2x2)", "stride started at 1")
add(P, T, mat(VALID[::2, ::2]), VALID[::2, ::2], "stride 2 without padding (2x2)", "valid result strided")
add(P, T, mat(PAD1_CORR[::2, ::2]), PAD1_CORR[::2, ::2], "kernel not flipped (correlation)", "negated result")

T = "output_size"
FL = math.floor
CE = math.ceil
add(P, T, r"\left\lfloor \frac{N + 2p - k}{s} \right\rfloor + 1",
    lambda Nn, p, k, s: FL((Nn + 2 * p - k) / s) + 1, "\\left\\lfloor \\frac", "floor((N+2p-k)/s)+1")
add(P, T, r"\lfloor (N+2p-k)/s \rfloor + 1",
    lambda Nn, p, k, s: FL((Nn + 2 * p - k) / s) + 1, "\\lfloor with slash", "floor((N+2p-k)/s)+1")
add(P, T, r"\left\lceil \frac{N + 2p - k + 1}{s} \right\rceil",
    lambda Nn, p, k, s: CE((Nn + 2 * p - k + 1) / s), "ceiling form", "ceil((N+2p-k+1)/s)")
add(P, T, r"\left\lfloor \frac{N + 2p - k + s}{s} \right\rfloor",
    lambda Nn, p, k, s: FL((Nn + 2 * p - k + s) / s), "+1 absorbed into the floor", "floor((N+2p-k+s)/s)")
add(P, T, r"N_{out} = \left\lfloor \frac{N - k + 2p}{s} + 1 \right\rfloor",
    lambda Nn, p, k, s: FL((Nn - k + 2 * p) / s + 1), "left side, +1 inside floor", "floor((N-k+2p)/s + 1)")
add(P, T, r"\frac{N + 2p - k}{s} + 1",
    lambda Nn, p, k, s: (Nn + 2 * p - k) / s + 1, "floor missing", "(N+2p-k)/s+1 as a real number")
add(P, T, r"\left\lfloor \frac{N + p - k}{s} \right\rfloor + 1",
    lambda Nn, p, k, s: FL((Nn + p - k) / s) + 1, "padding counted once", "floor((N+p-k)/s)+1")
add(P, T, r"\left\lceil \frac{N + 2p - k}{s} \right\rceil + 1",
    lambda Nn, p, k, s: CE((Nn + 2 * p - k) / s) + 1, "ceiling instead of floor", "ceil((N+2p-k)/s)+1")
add(P, T, r"\left\lfloor \frac{N - 2p - k}{s} \right\rfloor + 1",
    lambda Nn, p, k, s: FL((Nn - 2 * p - k) / s) + 1, "padding subtracted", "floor((N-2p-k)/s)+1")
add(P, T, r"\left\lfloor \frac{N + 2p - k + 1}{s} \right\rfloor",
    lambda Nn, p, k, s: FL((Nn + 2 * p - k + 1) / s), "+1 moved inside the floor", "floor((N+2p-k+1)/s)")

# ----------------------------------------------------------------------------------------
# more answers, same targets (appended so earlier ids stay stable)
# ----------------------------------------------------------------------------------------
P = "hw3_2ab"
T = "y"
add(P, T, r"y(n) = \begin{cases} 0 & n \le -1 \\ 2 - \left(\frac{1}{2}\right)^{n} & 0 \le n \le L - 1 \\ \left(\frac{1}{2}\right)^{n} \left(2^{L} - 1\right) & L \le n \end{cases}",
    cases((lambda n, L: n <= -1, lambda n, L: 0.0),
          (lambda n, L: 0 <= n <= L - 1, lambda n, L: 2 - 0.5 ** n),
          (lambda n, L: L <= n, lambda n, L: 0.5 ** n * (2.0 ** L - 1))),
    "cases, (1/2)^n, n \\le -1, L \\le n", "same as reference")
add(P, T, r"y(n) = \begin{cases} \sum_{i=0}^{n} 2^{-i} & 0 \le n \le L-1 \\ \sum_{i=0}^{L-1} 2^{i-n} & n \ge L \\ 0 & \text{otherwise} \end{cases}",
    cases((lambda n, L: 0 <= n <= L - 1, lambda n, L: sum(2.0 ** -i for i in range(n + 1))),
          (lambda n, L: n >= L, lambda n, L: sum(2.0 ** (i - n) for i in range(L))),
          (lambda n, L: True, lambda n, L: 0.0)),
    "cases with sums over the input index", "sum_{i=0}^{L-1} 2^(i-n) for the tail")
add(P, T, r"y(n) = 2\left(1 - 2^{-(n+1)}\right)u(n) - 2\left(1 - 2^{-(n-L+1)}\right)u(n-L)",
    lambda n, L: 2 * (1 - 2.0 ** -(n + 1)) * u(n) - 2 * (1 - 2.0 ** -(n - L + 1)) * u(n - L),
    "unit steps, factored", "difference of two step responses")
add(P, T, r"y(n) = \begin{cases} 0 & n < 0 \\ 2 - 2^{-n} & 0 \le n \le L-1 \\ 2^{-n}\left(2^{L}-1\right) & n > L-1 \end{cases}",
    cases((lambda n, L: n < 0, lambda n, L: 0.0),
          (lambda n, L: 0 <= n <= L - 1, lambda n, L: 2 - 2.0 ** -n),
          (lambda n, L: n > L - 1, lambda n, L: 2.0 ** -n * (2.0 ** L - 1))),
    "cases, strict > L-1", "same as reference")
T = "y2"
add(P, T, r"y_2(n) = \begin{cases} 0 & n \le 4 \\ 2 - 2^{-(n-5)} & 5 \le n \le L + 4 \\ 2^{-(n-5)}\left(2^{L}-1\right) & n > L + 4 \end{cases}",
    cases((lambda n, L: n <= 4, lambda n, L: 0.0),
          (lambda n, L: 5 <= n <= L + 4, lambda n, L: 2 - 2.0 ** -(n - 5)),
          (lambda n, L: n > L + 4, lambda n, L: 2.0 ** -(n - 5) * (2.0 ** L - 1))),
    "cases, n \\le 4, strict >", "y(n-5) written out")
add(P, T, r"y_2(n) = \left(2^{\min(n-5,\,L-1)+1} - 1\right) 2^{5-n}\, u(n-5)",
    lambda n, L: (2.0 ** (min(n - 5, L - 1) + 1) - 1) * 2.0 ** (5 - n) * u(n - 5),
    "single formula with min", "shifted min form")
T = "time_invariance"
add(P, T, r"y_2(n) - y(n-5) = 0 \quad \forall n", lambda n, L: 0.0, "equation with \\forall", "identically zero")

P = "hw3_1c"
T = "density"
add(P, T, r"f_Y(y) = \frac{\sqrt{2}}{2\gamma\sqrt{\pi}}\, e^{-\frac{(y-\beta)^2}{2\gamma^2}}",
    lambda y, g, b: SQ(2) / (2 * g * SQ(PI)) * E(-(y - b) ** 2 / (2 * g ** 2)),
    "rationalised constant", "N(beta, gamma^2) density")
add(P, T, r"f_Y(y) = \frac{1}{\sqrt{2\pi}\,\gamma} e^{-\frac{y^2 - 2\beta y + \beta^2}{2\gamma^2}}",
    lambda y, g, b: 1 / (SQ(2 * PI) * g) * E(-(y ** 2 - 2 * b * y + b ** 2) / (2 * g ** 2)),
    "square expanded", "N(beta, gamma^2) density")
T = "density_b3"
add(P, T, r"f_Y(y) = \frac{1}{\sqrt{2\pi}} e^{-\frac{1}{2}y^2 + 3y - \frac{9}{2}}",
    lambda y: 1 / SQ(2 * PI) * E(-0.5 * y ** 2 + 3 * y - 4.5), "exponent expanded", "N(3,1) density")
add(P, T, r"\frac{1}{\sqrt{2\pi}} \exp\left(-\frac{(3-y)^2}{2}\right)",
    lambda y: 1 / SQ(2 * PI) * E(-(3 - y) ** 2 / 2), "(3-y)^2, no left side", "N(3,1) density")
T = "peak_b3"
add(P, T, r"y_{\max} = \beta = 3", 3.0, "subscript max", "peak at 3")
add(P, T, r"\arg\max_y f_Y(y) = 3", 3.0, "argmax notation", "peak at 3")
T = "peak_value_b3"
add(P, T, r"\frac{1}{\sqrt{2\pi}} \approx 0.39894", Dec(0.39894, 5), "decimal 5 digits, right as rounded", "0.39894")
T = "peak_value_b0"
add(P, T, r"(2\pi)^{-\frac{1}{2}}", (2 * PI) ** -0.5, "negative power", "1/sqrt(2 pi)")
add(P, T, r"\approx 0.399", Dec(0.399, 3), "decimal 3 digits, right as rounded", "0.399")

P = "exercise12"
T = "Y"
add(P, T, r"Y_k = c_k \sum_{j=0}^{N-1} x_j \cos\left[\pi\left(j + \frac{1}{2}\right)\frac{k}{N}\right]",
    lambda x, k: ck(k) * sum(x[j] * COS(PI * (j + 0.5) * k / 4) for j in range(4)),
    "statement notation", "the DCT-II")
add(P, T, r"Y_k = \sqrt{\frac{2-\delta_{k0}}{4}} \sum_{j=0}^{3} x_j \cos\frac{\pi k (2j+1)}{8}",
    lambda x, k: SQ((2 - (1 if k == 0 else 0)) / 4) * sum(x[j] * COS(PI * k * (2 * j + 1) / 8) for j in range(4)),
    "Kronecker delta normalisation", "the DCT-II")
T = "kernel_causal"
add(P, T, r"K_k[i] = (-1)^k c_k \cos\left[\pi\left(i + \frac{1}{2}\right)\frac{k}{N}\right]\left(u(i) - u(i-N)\right)",
    lambda k, i: (-1) ** k * ck(k) * COS(PI * (i + 0.5) * k / 4) * (u(i) - u(i - 4)),
    "window by unit steps, (-1)^k", "flipped basis on 0..N-1")
add(P, T, r"K_k[i] = \begin{cases} c_k \cos\left[\pi\left(\frac{7}{2} - i\right)\frac{k}{4}\right] & 0 \le i \le 3 \\ 0 & \text{otherwise} \end{cases}",
    lambda k, i: ck(k) * COS(PI * (3.5 - i) * k / 4) if 0 <= i <= 3 else 0.0,
    "cases, 7/2 - i", "flipped basis on 0..3")

P = "hw3_2cd"
add(P, "valid", mat(VALID, "array"), VALID, "array env in \\left[ \\right]", "3x3, all -40")
add(P, "valid_correlation", mat(VALID_CORR, "array"), VALID_CORR, "array env in \\left[ \\right]", "3x3, all 40")
add(P, "pad1_stride1", mat(PAD1, lhs=r"x_{pad} * h = "), PAD1, "bmatrix, seed-style left side", "5x5 padded convolution")
add(P, "pad1_stride2", mat(PAD1S2, lhs=r"y_{s=2} = "), PAD1S2, "bmatrix with left side", "every other entry of the padded result")
add(P, "output_size", r"\left\lfloor \frac{N - k + 2p}{s} \right\rfloor + 1",
    lambda Nn, p, k, s: FL((Nn - k + 2 * p) / s) + 1, "terms reordered", "floor((N-k+2p)/s)+1")

# ----------------------------------------------------------------------------------------
def build():
    rows = []
    counters = {}
    prefix = {"exercise12": "12", "hw3_1c": "1c", "hw3_2ab": "2ab", "hw3_2cd": "2cd"}
    checkers = {("hw3_2ab", "y"): lambda fn: check_signal(ref_y, fn),
                ("hw3_2ab", "y2"): lambda fn: check_signal(ref_y2, fn),
                ("hw3_2ab", "time_invariance"): lambda fn: check_signal(ref_ti, fn)}
    checkers.update(EXTRA_CHECKERS)
    for problem, target, latex, fn, style, text in ANSWERS:
        key = (problem, target)
        counters[key] = counters.get(key, 0) + 1
        ok = checkers[key](fn)
        rows.append({"id": "b-%s-%s-%02d" % (prefix[problem], target.replace("_", "-"), counters[key]),
                     "problem": problem, "target": target, "latex": latex,
                     "label": "right" if ok else "wrong", "style": style, "meaning": text})
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    with open(OUT, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n")
    nr = sum(r["label"] == "right" for r in rows)
    print("answers: %d  targets: %d  right: %d  wrong: %d" % (len(rows), len(counters), nr, len(rows) - nr))
    for key in sorted(counters):
        sub = [r for r in rows if (r["problem"], r["target"]) == key]
        print("  %-10s %-18s %3d  right %3d" % (key[0], key[1], len(sub), sum(r["label"] == "right" for r in sub)))


if __name__ == "__main__":
    build()
