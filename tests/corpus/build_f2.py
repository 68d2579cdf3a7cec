#!/usr/bin/env python3
"""Held-out student answers (set f2) for symderiv's answer checker.

Every answer carries a small NumPy function of what it *means*; its label comes from
comparing that function with an independent NumPy reference of the target (each
reference is itself validated against a forward pass by finite differences, a simulated
recurrence or a brute-force sum).  The label computed must equal the label intended.

numpy + standard library only; fixed seed; deterministic output.
"""
import json
import math
import os
from collections import Counter, OrderedDict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "answers_f2.jsonl")
RNG = np.random.default_rng(20240602)

ANSWERS = []
_counter = Counter()


def close(a, b, rtol=1e-6, atol=1e-8):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return False
    if not np.all(np.isfinite(a)) or not np.all(np.isfinite(b)):
        return False
    return bool(np.allclose(a, b, rtol=rtol, atol=atol))


def add(problem, target, latex, intended, source, style, meaning_text, fn, compare,
        mistake=None):
    """compare(fn) -> True when the meaning function agrees with the reference."""
    assert source in ("plain", "converter", "latex")
    assert intended in ("right", "wrong")
    assert (mistake is None) == (intended == "right"), (target, latex)
    try:
        with np.errstate(all="ignore"):
            ok = bool(compare(fn))
    except (IndexError, KeyError, ValueError, ZeroDivisionError, OverflowError):
        ok = False
    label = "right" if ok else "wrong"
    assert label == intended, f"{problem}/{target}: {latex!r} computed {label}, intended {intended}"
    _counter[(problem, target)] += 1
    aid = f"f2-{problem}-{target}-{_counter[(problem, target)]:02d}"
    ANSWERS.append(OrderedDict(
        id=aid, problem=problem, target=target, latex=latex, label=label, source=source,
        style=style, mistake=mistake, meaning=meaning_text))


def fd_grad(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    g = np.zeros_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e.flat[i] = h
        g.flat[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def fd_jac(f, x, h=1e-6):
    x = np.array(x, dtype=float)
    y0 = np.asarray(f(x))
    J = np.zeros((y0.size, x.size))
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        J[:, i] = (np.asarray(f(x + e)) - np.asarray(f(x - e))).ravel() / (2 * h)
    return J


# ======================================================================================
# momentum
# ======================================================================================
P = "momentum"


def momentum_sim(t, g, mu, eta, th0, nesterov=False):
    v, th = 0.0, th0
    for _ in range(t):
        v = mu * v + g
        th = th - eta * ((g + mu * v) if nesterov else v)
    return v, th


def _mom_points():
    rng = np.random.default_rng(11)
    pts = []
    for t in range(0, 9):
        for _ in range(3):
            pts.append((t, rng.normal() * 2, rng.uniform(0.05, 0.95), rng.uniform(0.01, 1.0),
                        rng.normal()))
    return pts


MOM_PTS = _mom_points()


def cmp_v_closed(fn):
    return all(close(fn(t, g, mu), momentum_sim(t, g, mu, eta, th0)[0])
               for t, g, mu, eta, th0 in MOM_PTS if t >= 1)


def cmp_theta_closed(fn):
    return all(close(fn(t, g, mu, eta, th0), momentum_sim(t, g, mu, eta, th0)[1])
               for t, g, mu, eta, th0 in MOM_PTS)


def cmp_nesterov(fn):
    return all(close(fn(t, g, mu, eta, th0), momentum_sim(t, g, mu, eta, th0, True)[1])
               for t, g, mu, eta, th0 in MOM_PTS)


def cmp_v_limit(fn):
    ok = True
    for _, g, mu, eta, th0 in MOM_PTS:
        mu = min(mu, 0.9)
        ref = momentum_sim(3000, g, mu, eta, th0)[0]
        ok &= close(fn(g, mu), ref)
    return ok


# self-check of the closed forms used as the basis of the 'right' answers
assert cmp_v_closed(lambda t, g, mu: g * (1 - mu**t) / (1 - mu))

T = "v_closed"
add(P, T, r"\frac{1-\mu^{t}}{1-\mu} g", "right", "converter", "Mathpix \\frac with braced power",
    "g (1 - mu^t)/(1 - mu)", lambda t, g, mu: (1 - mu**t) / (1 - mu) * g, cmp_v_closed)
add(P, T, "(1-mu^t)/(1-mu) * g", "right", "plain", "ASCII, mu spelled out",
    "(1 - mu^t)/(1 - mu) times g", lambda t, g, mu: (1 - mu**t) / (1 - mu) * g, cmp_v_closed)
add(P, T, "v_t = g(1 − μ^t)/(1 − μ)", "right", "plain", "Unicode μ and minus sign, 'v_t =' prefix",
    "g (1 - mu^t)/(1 - mu)", lambda t, g, mu: g * (1 - mu**t) / (1 - mu), cmp_v_closed)
add(P, T, r"$v_t = g\sum_{k=0}^{t-1}\mu^k = g\,\frac{1-\mu^t}{1-\mu}$", "right", "latex",
    "chain of equalities with a finite geometric sum",
    "g times sum_{k=0}^{t-1} mu^k", lambda t, g, mu: g * sum(mu**k for k in range(t)), cmp_v_closed)
add(P, T, r"v_t=(1+\mu+\dots+\mu^{t-1})\,g", "right", "latex", "\\dots inside a geometric sum",
    "g (1 + mu + ... + mu^{t-1})", lambda t, g, mu: g * sum(mu**k for k in range(t)), cmp_v_closed)
add(P, T, r"\( v_{t}=\frac{g}{1-\mu}-\frac{\mu^{t} g}{1-\mu} \)", "right", "converter",
    "\\( \\) delimiters, split fraction", "g/(1-mu) - mu^t g/(1-mu)",
    lambda t, g, mu: g / (1 - mu) - mu**t * g / (1 - mu), cmp_v_closed)
add(P, T, r"\frac{1-\mu^{t+1}}{1-\mu} g", "wrong", "converter", "Mathpix \\frac",
    "g (1 - mu^{t+1})/(1 - mu)", lambda t, g, mu: (1 - mu**(t + 1)) / (1 - mu) * g, cmp_v_closed,
    mistake="off by one in the exponent (counted t+1 terms of the geometric sum)")
add(P, T, "mu^t * g", "wrong", "plain", "ASCII", "mu^t g",
    lambda t, g, mu: mu**t * g, cmp_v_closed,
    mistake="unrolled only the decay, forgot to add the new gradient each step")
add(P, T, r"$v_t = g\sum_{k=1}^{t}\mu^{k}$", "wrong", "latex", "sum with shifted range",
    "g sum_{k=1}^{t} mu^k", lambda t, g, mu: g * sum(mu**k for k in range(1, t + 1)), cmp_v_closed,
    mistake="off by one in the sum range (k = 1..t instead of 0..t-1)")
add(P, T, "g(1-μ^t)/(1+μ)", "wrong", "plain", "Unicode μ", "g (1 - mu^t)/(1 + mu)",
    lambda t, g, mu: g * (1 - mu**t) / (1 + mu), cmp_v_closed,
    mistake="sign flipped in the geometric-series denominator")

T = "v_limit"
add(P, T, r"\frac{g}{1-\mu}", "right", "converter", "bare fraction", "g/(1 - mu)",
    lambda g, mu: g / (1 - mu), cmp_v_limit)
add(P, T, "g/(1-mu)", "right", "plain", "ASCII", "g/(1 - mu)", lambda g, mu: g / (1 - mu), cmp_v_limit)
add(P, T, r"v_\infty = \mu v_\infty + g \Rightarrow v_\infty = \frac{g}{1-\mu}", "right", "latex",
    "fixed-point reasoning with \\Rightarrow", "g/(1 - mu)", lambda g, mu: g / (1 - mu), cmp_v_limit)
add(P, T, r"$$\lim_{t\to\infty} v_t = \sum_{k=0}^{\infty}\mu^k g = \frac{g}{1-\mu}.$$", "right",
    "latex", "display math, lim, infinite sum, final period", "sum_{k>=0} mu^k g = g/(1-mu)",
    lambda g, mu: g / (1 - mu), cmp_v_limit)
add(P, T, "lim v_t = g·1/(1−μ)", "right", "plain", "Unicode middle dot and μ, 'lim v_t =' prefix",
    "g/(1 - mu)", lambda g, mu: g * 1 / (1 - mu), cmp_v_limit)
add(P, T, r"\frac{\mu g}{1-\mu}", "wrong", "converter", "bare fraction", "mu g/(1 - mu)",
    lambda g, mu: mu * g / (1 - mu), cmp_v_limit,
    mistake="geometric sum started at mu^1 instead of mu^0")
add(P, T, "g/(1+μ)", "wrong", "plain", "Unicode μ", "g/(1 + mu)", lambda g, mu: g / (1 + mu),
    cmp_v_limit, mistake="sign flipped in the denominator")
add(P, T, r"$v_\infty = \frac{g}{\mu}$", "wrong", "latex", "inline math with v_\\infty =",
    "g/mu", lambda g, mu: g / mu, cmp_v_limit,
    mistake="solved the fixed point v = mu v + g as v = g/mu")


def _th(t, g, mu, eta, th0):
    return th0 - eta * g / (1 - mu) * (t - mu * (1 - mu**t) / (1 - mu))


def _thn(t, g, mu, eta, th0):
    return th0 - eta * g / (1 - mu) * (t - mu**2 * (1 - mu**t) / (1 - mu))


T = "theta_closed"
add(P, T, r"\theta_{t}=\theta_{0}-\frac{\eta g}{1-\mu}\left(t-\frac{\mu\left(1-\mu^{t}\right)}{1-\mu}\right)",
    "right", "converter", "Mathpix \\left( \\right), braced subscripts",
    "theta_0 - eta g/(1-mu) (t - mu(1-mu^t)/(1-mu))", _th, cmp_theta_closed)
add(P, T, "theta_0 - eta*g/(1-mu) * (t - mu*(1-mu^t)/(1-mu))", "right", "plain",
    "ASCII with * and spelled Greek", "theta_0 - eta g/(1-mu) (t - mu(1-mu^t)/(1-mu))", _th,
    cmp_theta_closed)
add(P, T, r"$\theta_t = \theta_0 - \eta\sum_{s=1}^{t} v_s = \theta_0 - \frac{\eta g}{(1-\mu)^2}\left[(1-\mu)t - \mu(1-\mu^t)\right]$",
    "right", "latex", "chain of equalities through the sum of velocities, (1-mu)^2 denominator",
    "theta_0 - eta g ((1-mu) t - mu (1-mu^t))/(1-mu)^2",
    lambda t, g, mu, eta, th0: th0 - eta * g / (1 - mu)**2 * ((1 - mu) * t - mu * (1 - mu**t)),
    cmp_theta_closed)
add(P, T, "θ_t = θ_0 − η g ∑_{s=1}^{t} (1−μ^s)/(1−μ)", "right", "plain",
    "Unicode θ η μ ∑, sum left unsummed",
    "theta_0 - eta g sum_{s=1}^t (1-mu^s)/(1-mu)",
    lambda t, g, mu, eta, th0: th0 - eta * g * sum((1 - mu**s) / (1 - mu) for s in range(1, t + 1)),
    cmp_theta_closed)
add(P, T, r"\theta_t=\theta_0-\frac{\eta g\,t}{1-\mu}+\frac{\eta g\,\mu(1-\mu^t)}{(1-\mu)^2}", "right",
    "latex", "expanded into two fractions with thin spaces",
    "theta_0 - eta g t/(1-mu) + eta g mu (1-mu^t)/(1-mu)^2",
    lambda t, g, mu, eta, th0: th0 - eta * g * t / (1 - mu) + eta * g * mu * (1 - mu**t) / (1 - mu)**2,
    cmp_theta_closed)
add(P, T, "θ_0 − η t g/(1−μ)", "wrong", "plain", "Unicode", "theta_0 - eta t g/(1-mu)",
    lambda t, g, mu, eta, th0: th0 - eta * t * g / (1 - mu), cmp_theta_closed,
    mistake="used the limiting velocity g/(1-mu) from the first step on")
add(P, T, r"\theta_0 - \eta g \frac{1-\mu^t}{1-\mu}", "wrong", "latex", "bare expression",
    "theta_0 - eta v_t", lambda t, g, mu, eta, th0: th0 - eta * g * (1 - mu**t) / (1 - mu),
    cmp_theta_closed, mistake="subtracted only the last velocity instead of the sum of all velocities")
add(P, T, r"\theta_{0}-\frac{\eta g}{1-\mu}\left(t-\frac{1-\mu^{t}}{1-\mu}\right)", "wrong", "converter",
    "Mathpix \\left( \\right)", "theta_0 - eta g/(1-mu) (t - (1-mu^t)/(1-mu))",
    lambda t, g, mu, eta, th0: th0 - eta * g / (1 - mu) * (t - (1 - mu**t) / (1 - mu)),
    cmp_theta_closed, mistake="off by one in the sum range (sum of mu^s from s=0 to t-1 instead of 1 to t)")
add(P, T, r"$\theta_t=\theta_0+\frac{\eta g}{1-\mu}\left(t-\frac{\mu(1-\mu^t)}{1-\mu}\right)$", "wrong",
    "latex", "inline math", "theta_0 + eta g/(1-mu) (t - mu(1-mu^t)/(1-mu))",
    lambda t, g, mu, eta, th0: th0 + eta * g / (1 - mu) * (t - mu * (1 - mu**t) / (1 - mu)),
    cmp_theta_closed, mistake="sign flipped (ascent instead of descent)")

T = "nesterov_theta_closed"
add(P, T, r"\begin{align*}\theta_t&=\theta_0-\eta g t-\eta\mu\sum_{s=1}^{t}v_s\\&=\theta_0-\eta g t-\frac{\eta\mu g}{1-\mu}\left(t-\frac{\mu(1-\mu^t)}{1-\mu}\right)\end{align*}",
    "right", "latex", "align* with two lines",
    "theta_0 - eta g t - eta mu g/(1-mu) (t - mu(1-mu^t)/(1-mu))",
    lambda t, g, mu, eta, th0: th0 - eta * g * t - eta * mu * g / (1 - mu) * (t - mu * (1 - mu**t) / (1 - mu)),
    cmp_nesterov)
add(P, T, r"\theta_{0}-\frac{\eta g}{1-\mu}\left(t-\frac{\mu^{2}\left(1-\mu^{t}\right)}{1-\mu}\right)",
    "right", "converter", "Mathpix", "theta_0 - eta g/(1-mu) (t - mu^2(1-mu^t)/(1-mu))", _thn,
    cmp_nesterov)
add(P, T, "theta_0 - eta*g*sum_{s=1}^{t} (1-mu^(s+1))/(1-mu)", "right", "plain",
    "ASCII, unsummed sum with ^( ) exponent",
    "theta_0 - eta g sum_{s=1}^t (1-mu^{s+1})/(1-mu)",
    lambda t, g, mu, eta, th0: th0 - eta * g * sum((1 - mu**(s + 1)) / (1 - mu) for s in range(1, t + 1)),
    cmp_nesterov)
add(P, T, "θ_t = θ_0 − ηg/(1−μ)·(t − μ(1−μ^t)/(1−μ))", "wrong", "plain", "Unicode with middle dot",
    "plain-momentum theta_t", _th, cmp_nesterov,
    mistake="dropped the look-ahead term (gave the plain momentum result)")
add(P, T, r"\theta_{0}-\eta g\left(t+\frac{\mu\left(1-\mu^{t}\right)}{1-\mu}\right)", "wrong", "converter",
    "Mathpix", "theta_0 - eta g (t + mu(1-mu^t)/(1-mu))",
    lambda t, g, mu, eta, th0: th0 - eta * g * (t + mu * (1 - mu**t) / (1 - mu)), cmp_nesterov,
    mistake="used mu^s g for the look-ahead term instead of mu v_s")
add(P, T, r"$$\theta_t=\theta_0-\frac{\eta g}{1-\mu}\Bigl(t-\frac{\mu^2(1-\mu^{t-1})}{1-\mu}\Bigr)$$",
    "wrong", "latex", "display math with \\Bigl \\Bigr",
    "theta_0 - eta g/(1-mu) (t - mu^2(1-mu^{t-1})/(1-mu))",
    lambda t, g, mu, eta, th0: th0 - eta * g / (1 - mu) * (t - mu**2 * (1 - mu**(t - 1)) / (1 - mu)),
    cmp_nesterov, mistake="off by one in the exponent of the geometric sum")


# ======================================================================================
# hw3_2ab
# ======================================================================================
P = "hw3_2ab"


def _x(n, L):
    return 1.0 if 0 <= n <= L - 1 else 0.0


def _h(n):
    return 0.5**n if n >= 0 else 0.0


def _u(n):
    return 1.0 if n >= 0 else 0.0


def conv_y(n, L, shift=0):
    # brute force: sum over every i where x_shift(i) can be nonzero (x_2(i) = x(i - shift))
    return sum(_x(i - shift, L) * _h(n - i) for i in range(-20, L + shift + 40))


def _cmp_y(shift):
    def cmp(fn):
        for L in range(1, 8):
            for n in range(-9, L + 14):   # both sides of every region boundary
                if not close(fn(n, L), conv_y(n, L, shift)):
                    return False
        return True
    return cmp


cmp_y, cmp_y2 = _cmp_y(0), _cmp_y(5)


def _y(n, L):
    if n < 0:
        return 0.0
    if n <= L - 1:
        return 2 - 0.5**n
    return (2**L - 1) * 0.5**n


assert cmp_y(_y)

T = "y"
add(P, T, r"y(n)=\begin{cases}0, & n<0\\ 2-\left(\tfrac12\right)^{n}, & 0\le n\le L-1\\ \left(2^{L}-1\right)\left(\tfrac12\right)^{n}, & n\ge L\end{cases}",
    "right", "latex", "cases with \\tfrac and commas before &",
    "0 for n<0; 2 - (1/2)^n for 0<=n<=L-1; (2^L - 1)(1/2)^n for n>=L", _y, cmp_y)
add(P, T, "0 if n<0; 2-(1/2)^n if 0<=n<=L-1; (2^L-1)*(1/2)^n if n>=L", "right", "plain",
    "ASCII piecewise with 'if' and semicolons", "same three regions", _y, cmp_y)
add(P, T, r"y(n)=\left\{\begin{array}{ll}0 & n<0 \\ 2-2^{-n} & 0 \leq n<L \\ 2^{L-n}-2^{-n} & n \geq L\end{array}\right.",
    "right", "converter", "Mathpix \\left\\{ array \\right. piecewise, negative powers of 2",
    "0; 2 - 2^-n on 0<=n<L; 2^(L-n) - 2^-n on n>=L",
    lambda n, L: 0.0 if n < 0 else (2 - 2.0**-n if n < L else 2.0**(L - n) - 2.0**-n), cmp_y)
add(P, T, r"$y(n) = \left(2-(1/2)^n\right)u(n) - \left(2-(1/2)^{n-L}\right)u(n-L)$", "right", "latex",
    "one line with unit steps u(n), u(n-L)", "(2-(1/2)^n) u(n) - (2-(1/2)^(n-L)) u(n-L)",
    lambda n, L: (2 - 0.5**n) * _u(n) - (2 - 0.5**(n - L)) * _u(n - L), cmp_y)
add(P, T, "sum_{i=0}^{min(n,L-1)} (1/2)^(n-i) for n ≥ 0, and 0 for n < 0", "right", "plain",
    "ASCII sum with min bound, words for the region", "sum_{i=0}^{min(n,L-1)} (1/2)^(n-i), 0 for n<0",
    lambda n, L: 0.0 if n < 0 else sum(0.5**(n - i) for i in range(0, min(n, L - 1) + 1)), cmp_y)
add(P, T, r"$y(n) = 2 - 2^{-n}$ if $0 \le n \le L-1$, $y(n) = 2^{-n}(2^L-1)$ if $n \ge L$, and $0$ otherwise.",
    "right", "latex", "cases in words with several $...$ pieces and a final period", "same three regions",
    _y, cmp_y)
add(P, T, r"\left\{\begin{array}{ll}0 & n<0 \\ 2-2^{-n} & 0 \leq n \leq L-1 \\ \left(2-2^{1-L}\right) 2^{L-1-n} & n \geq L\end{array}\right.",
    "right", "converter", "Mathpix piecewise; tail written as y(L-1) decaying by 1/2 per step",
    "tail = y(L-1) (1/2)^(n-L+1)",
    lambda n, L: 0.0 if n < 0 else (2 - 2.0**-n if n <= L - 1 else (2 - 2.0**(1 - L)) * 2.0**(L - 1 - n)),
    cmp_y)
add(P, T, "0 if n<0; 1-(1/2)^(n+1) if 0<=n<=L-1; (2^L-1)*(1/2)^n if n>=L", "wrong", "plain",
    "ASCII piecewise",
    "middle region 1-(1/2)^(n+1)",
    lambda n, L: 0.0 if n < 0 else (1 - 0.5**(n + 1) if n <= L - 1 else (2**L - 1) * 0.5**n), cmp_y,
    mistake="lost factor 1/(1-1/2) = 2 in the geometric sum")
add(P, T, r"\left\{\begin{array}{ll}0 & n<0 \\ 2-2^{-n} & 0 \leq n \leq L \\ \left(2^{L}-1\right) 2^{-n} & n>L\end{array}\right.",
    "wrong", "converter", "Mathpix piecewise",
    "middle formula used up to n = L",
    lambda n, L: 0.0 if n < 0 else (2 - 2.0**-n if n <= L else (2**L - 1) * 2.0**-n), cmp_y,
    mistake="off by one in the region boundary (0 <= n <= L instead of L-1)")
add(P, T, r"y(n)=\begin{cases}0 & n<0\\2-2^{-n} & 0\le n<L\\2^{L-n} & n\ge L\end{cases}", "wrong", "latex",
    "cases", "tail 2^(L-n)",
    lambda n, L: 0.0 if n < 0 else (2 - 2.0**-n if n < L else 2.0**(L - n)), cmp_y,
    mistake="dropped the -2^{-n} term of the tail (geometric sum missing its lower end)")
add(P, T, "y(n) = 2 − (1/2)^n for n ≥ 0", "wrong", "plain", "Unicode ≥ and minus, words",
    "2 - (1/2)^n for every n >= 0", lambda n, L: 0.0 if n < 0 else 2 - 0.5**n, cmp_y,
    mistake="treated x as a unit step (ignored that x is 0 from n = L on)")

T = "y2"


def _y2(n, L):
    return _y(n - 5, L)


add(P, T, r"y_2(n)=\begin{cases}0 & n<5\\ 2-(\frac12)^{n-5} & 5\le n\le L+4\\ (2^L-1)(\frac12)^{n-5} & n\ge L+5\end{cases}",
    "right", "latex", "cases with shifted regions", "y(n-5) written out", _y2, cmp_y2)
add(P, T, "y(n-5)", "right", "plain", "in terms of the answer to (a)", "y(n-5)", _y2, cmp_y2)
add(P, T, r"\left\{\begin{array}{ll}0, & n<5 \\ 2-2^{5-n}, & 5 \leq n<L+5 \\ \left(2^{L}-1\right) 2^{5-n}, & n \geq L+5\end{array}\right.",
    "right", "converter", "Mathpix piecewise", "y(n-5) written out", _y2, cmp_y2)
add(P, T, "(2-(1/2)^(n-5))u(n-5) - (2-(1/2)^(n-5-L))u(n-5-L)", "right", "plain",
    "ASCII with unit steps", "shifted unit-step form",
    lambda n, L: (2 - 0.5**(n - 5)) * _u(n - 5) - (2 - 0.5**(n - 5 - L)) * _u(n - 5 - L), cmp_y2)
add(P, T, r"$$y_2(n)=\begin{cases}0 & n<-5\\ 2-(\tfrac12)^{n+5} & -5\le n\le L-6\\ (2^L-1)(\tfrac12)^{n+5} & n\ge L-5\end{cases}$$",
    "wrong", "latex", "display cases", "y(n+5)", lambda n, L: _y(n + 5, L), cmp_y2,
    mistake="shifted the wrong way (y(n+5) instead of y(n-5))")
add(P, T, r"\left\{\begin{array}{ll}0 & n<0 \\ 2-2^{5-n} & 0 \leq n \leq L-1 \\ \left(2^{L}-1\right) 2^{5-n} & n \geq L\end{array}\right.",
    "wrong", "converter", "Mathpix piecewise", "exponents shifted, regions not",
    lambda n, L: 0.0 if n < 0 else (2 - 2.0**(5 - n) if n <= L - 1 else (2**L - 1) * 2.0**(5 - n)), cmp_y2,
    mistake="shifted the formulas but not the region bounds")
add(P, T, "0 if n<5; 2-(1/2)^(n-5) if 5<=n<=L+5; (2^L-1)(1/2)^(n-5) if n>L+5", "wrong", "plain",
    "ASCII piecewise", "middle formula used up to n = L+5",
    lambda n, L: 0.0 if n < 5 else (2 - 0.5**(n - 5) if n <= L + 5 else (2**L - 1) * 0.5**(n - 5)), cmp_y2,
    mistake="off by one in the region boundary (L+5 instead of L+4)")


# ======================================================================================
# conv1d_backward   (1-based indices, as in the statement)
# ======================================================================================
P = "conv1d_backward"


class OneBased:
    """1-based vector whose out-of-range entries are undefined (raise)."""

    def __init__(self, a):
        self.a = np.asarray(a, dtype=float)

    def __call__(self, j):
        if not (1 <= j <= len(self.a)):
            raise IndexError(j)
        return self.a[j - 1]


def conv_forward(x, w):
    N, K = len(x), len(w)
    return np.array([sum(w[l - 1] * x[k + l - 2] for l in range(1, K + 1)) for k in range(1, N - K + 2)])


def _conv_cases():
    rng = np.random.default_rng(5)
    cases = []
    for N, K in [(5, 1), (5, 3), (6, 6), (7, 3), (8, 4), (6, 2), (9, 5)]:
        x, w, c = rng.normal(size=N), rng.normal(size=K), rng.normal(size=N - K + 1)

        def loss_x(xx, w=w, c=c):
            y = conv_forward(xx, w)
            return c @ y + 0.5 * y @ y

        def loss_w(ww, x=x, c=c):
            y = conv_forward(x, ww)
            return c @ y + 0.5 * y @ y

        G = c + conv_forward(x, w)          # dL/dy_k
        cases.append((N, K, x, w, G, fd_grad(loss_w, w), fd_grad(loss_x, x)))
    return cases


CONV = _conv_cases()


def cmp_conv_dw(fn):
    for N, K, x, w, G, gw, gx in CONV:
        got = [fn(N, K, OneBased(x), OneBased(w), OneBased(G), l) for l in range(1, K + 1)]
        if not close(got, gw, rtol=1e-5, atol=1e-6):
            return False
    return True


def cmp_conv_dx(fn):
    for N, K, x, w, G, gw, gx in CONV:
        got = [fn(N, K, OneBased(x), OneBased(w), OneBased(G), i) for i in range(1, N + 1)]
        if not close(got, gx, rtol=1e-5, atol=1e-6):
            return False
    return True


def S(lo, hi, f):
    """sum_{k=lo}^{hi} f(k) (empty when hi < lo)"""
    return sum((f(k) for k in range(lo, hi + 1)), 0.0)


T = "dL_dw"
_dw = lambda N, K, x, w, G, l: S(1, N - K + 1, lambda k: G(k) * x(k + l - 1))
add(P, T, r"\frac{\partial L}{\partial w_l}=\sum_{k=1}^{N-K+1}\frac{\partial L}{\partial y_k}\,x_{k+l-1}",
    "right", "latex", "full partial-derivative notation with lhs", "sum_k dL/dy_k x_{k+l-1}", _dw, cmp_conv_dw)
add(P, T, "sum_{k=1}^{N-K+1} dL/dy_k * x_{k+l-1}", "right", "plain", "ASCII dL/dy_k", "sum_k dL/dy_k x_{k+l-1}",
    _dw, cmp_conv_dw)
add(P, T, "∑_{k=1}^{N−K+1} ∂L/∂y_k · x_{k+l−1}", "right", "plain", "Unicode ∑ ∂ · and minus signs",
    "sum_k dL/dy_k x_{k+l-1}", _dw, cmp_conv_dw)
add(P, T, r"\sum_{j=l}^{N-K+l} x_{j} \frac{\partial L}{\partial y_{j-l+1}}", "right", "converter",
    "Mathpix, summation reindexed over x", "sum_{j=l}^{N-K+l} x_j dL/dy_{j-l+1}",
    lambda N, K, x, w, G, l: S(l, N - K + l, lambda j: x(j) * G(j - l + 1)), cmp_conv_dw)
add(P, T, r"$\sum_{k=1}^{N-K+1} x_{l+k-1}\frac{\partial L}{\partial y_k}$, i.e. the cross-correlation of $x$ with $\partial L/\partial y$.",
    "right", "latex", "inline math followed by an explanatory clause", "sum_k x_{l+k-1} dL/dy_k", _dw, cmp_conv_dw)
add(P, T, r"\sum_{k=1}^{N-K} \frac{\partial L}{\partial y_{k}} x_{k+l-1}", "wrong", "converter", "Mathpix",
    "sum_{k=1}^{N-K} ...", lambda N, K, x, w, G, l: S(1, N - K, lambda k: G(k) * x(k + l - 1)), cmp_conv_dw,
    mistake="off by one in the sum range (upper bound N-K instead of N-K+1)")
add(P, T, "sum_{k=1}^{N-K+1} x_{k+l-1}", "wrong", "plain", "ASCII", "sum_k x_{k+l-1}",
    lambda N, K, x, w, G, l: S(1, N - K + 1, lambda k: x(k + l - 1)), cmp_conv_dw,
    mistake="missing chain factor dL/dy_k")
add(P, T, r"\sum_{k=1}^{N-K+1} \frac{\partial L}{\partial y_{k}} x_{k+K-l}", "wrong", "converter", "Mathpix",
    "sum_k dL/dy_k x_{k+K-l}", lambda N, K, x, w, G, l: S(1, N - K + 1, lambda k: G(k) * x(k + K - l)),
    cmp_conv_dw, mistake="flipped kernel (x_{k+K-l} instead of x_{k+l-1})")
add(P, T, r"$\frac{\partial L}{\partial w_l}=\sum_{k=1}^{N-K+1}\frac{\partial L}{\partial y_k}\,x_{k+l}$", "wrong",
    "latex", "inline math", "sum_k dL/dy_k x_{k+l}",
    lambda N, K, x, w, G, l: S(1, N - K + 1, lambda k: G(k) * x(k + l)), cmp_conv_dw,
    mistake="off by one in the input index (x_{k+l} instead of x_{k+l-1})")

T = "dL_dx"
_dx = lambda N, K, x, w, G, i: S(max(1, i - K + 1), min(i, N - K + 1), lambda k: G(k) * w(i - k + 1))
add(P, T, r"\frac{\partial L}{\partial x_i}=\sum_{k=\max(1,\,i-K+1)}^{\min(i,\,N-K+1)}\frac{\partial L}{\partial y_k}\,w_{i-k+1}",
    "right", "latex", "max/min bounds with thin spaces", "sum over valid k of dL/dy_k w_{i-k+1}", _dx, cmp_conv_dx)
add(P, T, r"\sum_{l=\max (1, i-N+K)}^{\min (K, i)} w_{l} \frac{\partial L}{\partial y_{i-l+1}}", "right",
    "converter", "Mathpix, sum over kernel taps", "sum over valid l of w_l dL/dy_{i-l+1}",
    lambda N, K, x, w, G, i: S(max(1, i - N + K), min(K, i), lambda l: w(l) * G(i - l + 1)), cmp_conv_dx)
add(P, T, "sum_{k=max(1,i-K+1)}^{min(i,N-K+1)} dL/dy_k * w_{i-k+1}", "right", "plain", "ASCII max/min bounds",
    "sum over valid k of dL/dy_k w_{i-k+1}", _dx, cmp_conv_dx)


def _dx_padded(N, K, x, w, G, i):
    Gz = lambda k: G(k) if 1 <= k <= N - K + 1 else 0.0
    return S(1, K, lambda l: w(l) * Gz(i - l + 1))


add(P, T, r"$\sum_{l=1}^{K} w_l\,\frac{\partial L}{\partial y_{i-l+1}}$ where $\frac{\partial L}{\partial y_k}=0$ for $k<1$ or $k>N-K+1$",
    "right", "latex", "full convolution with a 'where' clause for zero padding",
    "sum_l w_l dL/dy_{i-l+1} with the upstream gradient zero-padded", _dx_padded, cmp_conv_dx)
add(P, T, "∑_{k=max(1,i−K+1)}^{min(i,N−K+1)} w_{i−k+1} ∂L/∂y_k", "right", "plain", "Unicode ∑ ∂ and minus signs",
    "sum over valid k of w_{i-k+1} dL/dy_k", _dx, cmp_conv_dx)
add(P, T, r"\sum_{k=\max (1, i-K+1)}^{\min (i, N-K+1)} \frac{\partial L}{\partial y_{k}} w_{k-i+K}", "wrong",
    "converter", "Mathpix", "sum over valid k of dL/dy_k w_{k-i+K}",
    lambda N, K, x, w, G, i: S(max(1, i - K + 1), min(i, N - K + 1), lambda k: G(k) * w(k - i + K)), cmp_conv_dx,
    mistake="flipped kernel (w_{k-i+K} instead of w_{i-k+1})")
add(P, T, r"\sum_{k=\max(1,i-K+1)}^{\min(i,N-K)}\frac{\partial L}{\partial y_k}w_{i-k+1}", "wrong", "latex",
    "bare expression", "upper bound min(i, N-K)",
    lambda N, K, x, w, G, i: S(max(1, i - K + 1), min(i, N - K), lambda k: G(k) * w(i - k + 1)), cmp_conv_dx,
    mistake="off by one in the sum range (min(i, N-K) drops the last output)")
add(P, T, "sum_{k=max(1,i-K+1)}^{min(i,N-K+1)} w_{i-k+1}", "wrong", "plain", "ASCII",
    "sum over valid k of w_{i-k+1}",
    lambda N, K, x, w, G, i: S(max(1, i - K + 1), min(i, N - K + 1), lambda k: w(i - k + 1)), cmp_conv_dx,
    mistake="missing chain factor dL/dy_k")


def _dx_corr(N, K, x, w, G, i):
    Gz = lambda k: G(k) if 1 <= k <= N - K + 1 else 0.0
    return S(1, K, lambda l: w(l) * Gz(i + l - 1))


add(P, T, r"$\sum_{l=1}^{K} w_l\frac{\partial L}{\partial y_{i+l-1}}$ (with $\partial L/\partial y_k = 0$ outside $1\le k\le N-K+1$)",
    "wrong", "latex", "inline math plus a parenthetical padding convention",
    "sum_l w_l dL/dy_{i+l-1} (zero-padded)", _dx_corr, cmp_conv_dx,
    mistake="flipped kernel (correlated with w instead of convolving)")


# ======================================================================================
# rmsnorm  (1-based indices)
# ======================================================================================
P = "rmsnorm"


def rms_forward(x, g, eps):
    r = math.sqrt(np.mean(x**2) + eps)
    return g * x / r


def _rms_cases():
    rng = np.random.default_rng(7)
    cases = []
    for n in [1, 2, 3, 5, 6]:
        for _ in range(2):
            x, g, eps, c = rng.normal(size=n), rng.normal(size=n), rng.uniform(0.05, 1.0), rng.normal(size=n)
            r = math.sqrt(np.mean(x**2) + eps)
            J = fd_jac(lambda xx: rms_forward(xx, g, eps), x)
            loss = lambda xx: c @ rms_forward(xx, g, eps) + 0.5 * np.sum(rms_forward(xx, g, eps)**2)
            G = c + rms_forward(x, g, eps)
            cases.append((n, x, g, eps, r, G, J, fd_grad(loss, x)))
    return cases


RMS = _rms_cases()


def cmp_rms_dy(fn):
    for n, x, g, eps, r, G, J, gx in RMS:
        for j in range(1, n + 1):          # every (j, i), so both i = j and i != j
            for i in range(1, n + 1):
                if not close(fn(n, OneBased(x), OneBased(g), eps, r, j, i), J[j - 1, i - 1], rtol=1e-5, atol=1e-7):
                    return False
    return True


def cmp_rms_dL(fn):
    for n, x, g, eps, r, G, J, gx in RMS:
        got = [fn(n, OneBased(x), OneBased(g), eps, r, OneBased(G), i) for i in range(1, n + 1)]
        if not close(got, gx, rtol=1e-5, atol=1e-7):
            return False
    return True


d = lambda a, b: 1.0 if a == b else 0.0

T = "dy_dx"
_rdy = lambda n, x, g, eps, r, j, i: g(j) / r * (d(i, j) - x(i) * x(j) / (n * r**2))
add(P, T, r"\frac{g_j}{r}\left(\delta_{ij}-\frac{x_i x_j}{n r^2}\right)", "right", "latex",
    "Kronecker delta, factored", "g_j/r (delta_ij - x_i x_j/(n r^2))", _rdy, cmp_rms_dy)
add(P, T, r"\frac{g_{j} \delta_{i j}}{r}-\frac{g_{j} x_{i} x_{j}}{n r^{3}}", "right", "converter",
    "Mathpix braced subscripts, \\delta_{i j} with a space", "g_j delta_ij/r - g_j x_i x_j/(n r^3)", _rdy, cmp_rms_dy)
add(P, T, "g_j*delta_ij/r - g_j*x_i*x_j/(n*r^3)", "right", "plain", "ASCII, delta spelled out",
    "g_j delta_ij/r - g_j x_i x_j/(n r^3)", _rdy, cmp_rms_dy)
add(P, T, r"\frac{\partial y_j}{\partial x_i}=\begin{cases}\frac{g_i}{r}-\frac{g_i x_i^2}{n r^3} & i=j\\ -\frac{g_j x_i x_j}{n r^3} & i\ne j\end{cases}",
    "right", "latex", "cases on the index coincidence", "diagonal g_i/r - g_i x_i^2/(n r^3), off-diagonal -g_j x_i x_j/(n r^3)",
    lambda n, x, g, eps, r, j, i: g(i) / r - g(i) * x(i)**2 / (n * r**3) if i == j else -g(j) * x(i) * x(j) / (n * r**3),
    cmp_rms_dy)
add(P, T, r"\frac{g_j\delta_{ij}}{\sqrt{\frac1n\sum_{l=1}^n x_l^2+\epsilon}}-\frac{g_j x_i x_j}{n\left(\frac1n\sum_{l=1}^n x_l^2+\epsilon\right)^{3/2}}",
    "right", "latex", "r written out, power 3/2", "same, with r expanded",
    lambda n, x, g, eps, r, j, i: g(j) * d(i, j) / math.sqrt(S(1, n, lambda l: x(l)**2) / n + eps)
    - g(j) * x(i) * x(j) / (n * (S(1, n, lambda l: x(l)**2) / n + eps)**1.5), cmp_rms_dy)
add(P, T, r"\frac{1}{r}\left(g_j\delta_{ij}-\frac{x_i y_j}{n r}\right)", "right", "latex",
    "uses the output y_j", "(g_j delta_ij - x_i y_j/(n r))/r with y_j = g_j x_j/r",
    lambda n, x, g, eps, r, j, i: (g(j) * d(i, j) - x(i) * (g(j) * x(j) / r) / (n * r)) / r, cmp_rms_dy)
add(P, T, r"\frac{g_{j} \delta_{i j}}{r}-\frac{g_{j} x_{i} x_{j}}{r^{3}}", "wrong", "converter", "Mathpix",
    "g_j delta_ij/r - g_j x_i x_j/r^3",
    lambda n, x, g, eps, r, j, i: g(j) * d(i, j) / r - g(j) * x(i) * x(j) / r**3, cmp_rms_dy,
    mistake="lost factor 1/n from the mean inside r")
add(P, T, "g_j*delta_ij/r - g_j*x_i*x_j/(n*r^2)", "wrong", "plain", "ASCII",
    "g_j delta_ij/r - g_j x_i x_j/(n r^2)",
    lambda n, x, g, eps, r, j, i: g(j) * d(i, j) / r - g(j) * x(i) * x(j) / (n * r**2), cmp_rms_dy,
    mistake="wrong power of r (r^2 instead of r^3) in the term through r")
add(P, T, r"$\begin{cases}\frac{g_i}{r} & i=j\\ -\frac{g_j x_i x_j}{n r^3} & i\neq j\end{cases}$", "wrong", "latex",
    "inline cases", "diagonal only g_i/r",
    lambda n, x, g, eps, r, j, i: g(i) / r if i == j else -g(j) * x(i) * x(j) / (n * r**3), cmp_rms_dy,
    mistake="dropped the r-dependence term on the diagonal (i = j)")
add(P, T, "g_i*delta_ij/r - g_i*x_i*x_j/(n*r^3)", "wrong", "plain", "ASCII",
    "g_i delta_ij/r - g_i x_i x_j/(n r^3)",
    lambda n, x, g, eps, r, j, i: g(i) * d(i, j) / r - g(i) * x(i) * x(j) / (n * r**3), cmp_rms_dy,
    mistake="gain indexed by i instead of j (wrong only off the diagonal)")
add(P, T, r"\frac{g_{j} \delta_{i j}}{r}", "wrong", "converter", "Mathpix", "g_j delta_ij/r",
    lambda n, x, g, eps, r, j, i: g(j) * d(i, j) / r, cmp_rms_dy,
    mistake="treated r as a constant (missing chain factor through r)")

T = "dL_dx"
_rdl = lambda n, x, g, eps, r, G, i: g(i) / r * G(i) - x(i) / (n * r**3) * S(1, n, lambda j: g(j) * x(j) * G(j))
add(P, T, r"\frac{\partial L}{\partial x_i}=\frac{g_i}{r}\frac{\partial L}{\partial y_i}-\frac{x_i}{n r^3}\sum_{j=1}^{n} g_j x_j\frac{\partial L}{\partial y_j}",
    "right", "latex", "full partial notation with lhs", "g_i/r dL/dy_i - x_i/(n r^3) sum_j g_j x_j dL/dy_j",
    _rdl, cmp_rms_dL)
add(P, T, r"\frac{1}{r}\left(g_{i} \frac{\partial L}{\partial y_{i}}-\frac{x_{i}}{n r^{2}} \sum_{j=1}^{n} g_{j} x_{j} \frac{\partial L}{\partial y_{j}}\right)",
    "right", "converter", "Mathpix, 1/r factored out", "same, factored", _rdl, cmp_rms_dL)
add(P, T, "g_i/r * dL/dy_i - x_i/(n*r^3) * sum_{j=1}^{n} g_j*x_j*dL/dy_j", "right", "plain", "ASCII dL/dy",
    "same", _rdl, cmp_rms_dL)
add(P, T, r"\frac{1}{r}\left(g_i\frac{\partial L}{\partial y_i}-\frac{x_i}{nr}\sum_{j=1}^n y_j\frac{\partial L}{\partial y_j}\right)",
    "right", "latex", "uses the outputs y_j", "(g_i dL/dy_i - x_i/(n r) sum_j y_j dL/dy_j)/r",
    lambda n, x, g, eps, r, G, i: (g(i) * G(i) - x(i) / (n * r) * S(1, n, lambda j: g(j) * x(j) / r * G(j))) / r,
    cmp_rms_dL)
add(P, T, "∑_{j=1}^{n} ∂L/∂y_j · g_j (δ_ij/r − x_i x_j/(n r³))", "right", "plain",
    "Unicode ∑ ∂ δ ³, chain rule left as a sum", "sum_j dL/dy_j dy_j/dx_i",
    lambda n, x, g, eps, r, G, i: S(1, n, lambda j: G(j) * g(j) * (d(i, j) / r - x(i) * x(j) / (n * r**3))),
    cmp_rms_dL)
add(P, T, r"\frac{g_{i}}{r} \frac{\partial L}{\partial y_{i}}-\frac{x_{i}}{r^{3}} \sum_{j=1}^{n} g_{j} x_{j} \frac{\partial L}{\partial y_{j}}",
    "wrong", "converter", "Mathpix", "second term without 1/n",
    lambda n, x, g, eps, r, G, i: g(i) / r * G(i) - x(i) / r**3 * S(1, n, lambda j: g(j) * x(j) * G(j)), cmp_rms_dL,
    mistake="lost factor 1/n from the mean inside r")
add(P, T, "g_i/r * dL/dy_i", "wrong", "plain", "ASCII", "g_i/r dL/dy_i",
    lambda n, x, g, eps, r, G, i: g(i) / r * G(i), cmp_rms_dL,
    mistake="treated r as a constant (missing chain factor through r)")
add(P, T, r"$\frac{g_i}{r}\frac{\partial L}{\partial y_i}-\frac{x_i}{n r^3}\sum_{j=1}^n x_j\frac{\partial L}{\partial y_j}$",
    "wrong", "latex", "inline math", "sum without the gains",
    lambda n, x, g, eps, r, G, i: g(i) / r * G(i) - x(i) / (n * r**3) * S(1, n, lambda j: x(j) * G(j)), cmp_rms_dL,
    mistake="dropped the gain g_j inside the sum")
add(P, T, r"\frac{\partial L}{\partial x_i}=\frac{g_i}{r}\frac{\partial L}{\partial y_i}+\frac{x_i}{n r^3}\sum_{j=1}^{n} g_j x_j\frac{\partial L}{\partial y_j}.",
    "wrong", "latex", "lhs and final period", "+ instead of -",
    lambda n, x, g, eps, r, G, i: g(i) / r * G(i) + x(i) / (n * r**3) * S(1, n, lambda j: g(j) * x(j) * G(j)), cmp_rms_dL,
    mistake="sign flipped on the term through r")
add(P, T, "g_i/r*dL/dy_i - g_i*x_i/(n*r^3)*sum_{j=1}^{n} x_j*dL/dy_j", "wrong", "plain", "ASCII",
    "gain g_i pulled out of the sum",
    lambda n, x, g, eps, r, G, i: g(i) / r * G(i) - g(i) * x(i) / (n * r**3) * S(1, n, lambda j: x(j) * G(j)), cmp_rms_dL,
    mistake="pulled g_i out of the sum over j (gain indexed by i instead of j)")


# ======================================================================================
# hw3_3b  (1-based indices)
# ======================================================================================
P = "hw3_3b"


def mc_forward(x, gam, bet):
    return gam * (x - x.mean()) + bet


def bn_forward(x, gam, bet, eps):
    mu = x.mean()
    var = np.mean((x - mu)**2)
    return gam * (x - mu) / math.sqrt(var + eps) + bet


def _mc_cases(ns, fwd, with_eps):
    rng = np.random.default_rng(3)
    cases = []
    for n in ns:
        for _ in range(2):
            x, c = rng.normal(size=n) * 1.5, rng.normal(size=n)
            gam, bet, eps = rng.uniform(0.3, 2.5) * rng.choice([-1, 1]), rng.normal(), rng.uniform(0.05, 0.5)
            f = (lambda xx: fwd(xx, gam, bet, eps)) if with_eps else (lambda xx: fwd(xx, gam, bet))
            loss = lambda xx, f=f, c=c: c @ f(xx) + 0.5 * np.sum(f(xx)**2) + np.sum(np.sin(f(xx)))
            y = f(x)
            G = c + y + np.cos(y)               # dL/dy_j
            cases.append(dict(n=n, x=x, gam=gam, bet=bet, eps=eps, G=G, ref=fd_grad(loss, x)))
    return cases


MC = _mc_cases([1, 2, 3, 4, 7], mc_forward, False)
MC3 = [c for c in MC if c["n"] == 3]
BN = _mc_cases([2, 3, 4, 7], bn_forward, True)


def _cmp_mc(cases):
    def cmp(fn):
        for c in cases:
            n = c["n"]
            got = [fn(n, OneBased(c["x"]), c["gam"], c["bet"], c.get("eps"), OneBased(c["G"]), i)
                   for i in range(1, n + 1)]
            if not close(got, c["ref"], rtol=1e-5, atol=1e-7):
                return False
        return True
    return cmp


cmp_mc, cmp_mc3, cmp_bn = _cmp_mc(MC), _cmp_mc(MC3), _cmp_mc(BN)

T = "dL_dx"
_mc = lambda n, x, gam, bet, eps, G, i: gam * (G(i) - S(1, n, G) / n)
add(P, T, r"\gamma\left(\frac{\partial L}{\partial y_i}-\frac{1}{n}\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\right)",
    "right", "latex", "factored gamma", "gamma (dL/dy_i - mean_j dL/dy_j)", _mc, cmp_mc)
add(P, T, r"\sum_{j=1}^{n} \gamma\left(\delta_{i j}-\frac{1}{n}\right) \frac{\partial L}{\partial y_{j}}", "right",
    "converter", "Mathpix, chain rule as a sum with Kronecker delta", "sum_j gamma (delta_ij - 1/n) dL/dy_j",
    lambda n, x, gam, bet, eps, G, i: S(1, n, lambda j: gam * (d(i, j) - 1 / n) * G(j)), cmp_mc)
add(P, T, "gamma*(dL/dy_i - 1/n*sum_{j=1}^{n} dL/dy_j)", "right", "plain", "ASCII dL/dy", "same", _mc, cmp_mc)
add(P, T, "γ(∂L/∂y_i − (1/n)∑_{j=1}^n ∂L/∂y_j)", "right", "plain", "Unicode γ ∂ ∑", "same", _mc, cmp_mc)
add(P, T, r"$$\frac{\partial L}{\partial x_i}=\frac{\gamma}{n}\sum_{j=1}^{n}\left(\frac{\partial L}{\partial y_i}-\frac{\partial L}{\partial y_j}\right)$$",
    "right", "latex", "display math, difference inside the sum", "gamma/n sum_j (dL/dy_i - dL/dy_j)",
    lambda n, x, gam, bet, eps, G, i: gam / n * S(1, n, lambda j: G(i) - G(j)), cmp_mc)
add(P, T, r"\gamma \frac{\partial L}{\partial y_{i}}-\frac{\gamma}{n} \sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}",
    "right", "converter", "Mathpix, expanded", "same", _mc, cmp_mc)
add(P, T, "gamma*dL/dy_i", "wrong", "plain", "ASCII", "gamma dL/dy_i",
    lambda n, x, gam, bet, eps, G, i: gam * G(i), cmp_mc,
    mistake="missing chain factor through the mean (treated mu as a constant)")
add(P, T, r"\gamma\left(1-\frac1n\right)\frac{\partial L}{\partial y_i}", "wrong", "latex", "bare expression",
    "gamma (1 - 1/n) dL/dy_i", lambda n, x, gam, bet, eps, G, i: gam * (1 - 1 / n) * G(i), cmp_mc,
    mistake="kept only the j = i term of the chain-rule sum")
add(P, T, r"\frac{\partial L}{\partial y_{i}}-\frac{1}{n} \sum_{j=1}^{n} \frac{\partial L}{\partial y_{j}}", "wrong",
    "converter", "Mathpix", "dL/dy_i - mean dL/dy", lambda n, x, gam, bet, eps, G, i: G(i) - S(1, n, G) / n, cmp_mc,
    mistake="lost factor gamma")
add(P, T, "γ(∂L/∂y_i − ∑_{j=1}^n ∂L/∂y_j)", "wrong", "plain", "Unicode", "gamma (dL/dy_i - sum_j dL/dy_j)",
    lambda n, x, gam, bet, eps, G, i: gam * (G(i) - S(1, n, G)), cmp_mc, mistake="lost factor 1/n")
add(P, T, r"$\gamma\left(\frac{\partial L}{\partial y_i}-\frac{1}{n}\sum_{j\neq i}\frac{\partial L}{\partial y_j}\right)$",
    "wrong", "latex", "sum over j != i", "gamma (dL/dy_i - 1/n sum_{j!=i} dL/dy_j)",
    lambda n, x, gam, bet, eps, G, i: gam * (G(i) - S(1, n, lambda j: 0.0 if j == i else G(j)) / n), cmp_mc,
    mistake="excluded j = i from the mean term (off by one in the sum range)")

T = "dL_dx_n3"
_mc3 = lambda n, x, gam, bet, eps, G, i: gam * (G(i) - S(1, 3, G) / 3)
add(P, T, r"\gamma\left(\frac{\partial L}{\partial y_i}-\frac13\sum_{j=1}^{3}\frac{\partial L}{\partial y_j}\right)",
    "right", "latex", "\\frac13 shorthand", "gamma (dL/dy_i - 1/3 sum_j dL/dy_j)", _mc3, cmp_mc3)
add(P, T, "gamma*(2/3*dL/dy_i - 1/3*sum_{j≠i} dL/dy_j)", "right", "plain", "ASCII with Unicode ≠ in the sum",
    "gamma (2/3 dL/dy_i - 1/3 sum_{j!=i} dL/dy_j)",
    lambda n, x, gam, bet, eps, G, i: gam * (2 / 3 * G(i) - S(1, 3, lambda j: 0.0 if j == i else G(j)) / 3), cmp_mc3)
add(P, T, r"\frac{\gamma}{3}\left(2 \frac{\partial L}{\partial y_{i}}-\sum_{j \neq i} \frac{\partial L}{\partial y_{j}}\right)",
    "right", "converter", "Mathpix, sum over j != i", "gamma/3 (2 dL/dy_i - sum_{j!=i} dL/dy_j)",
    lambda n, x, gam, bet, eps, G, i: gam / 3 * (2 * G(i) - S(1, 3, lambda j: 0.0 if j == i else G(j))), cmp_mc3)
add(P, T, r"\frac{2\gamma}{3}\frac{\partial L}{\partial y_i}", "wrong", "latex", "bare fraction",
    "2 gamma/3 dL/dy_i", lambda n, x, gam, bet, eps, G, i: 2 * gam / 3 * G(i), cmp_mc3,
    mistake="kept only the j = i term of the chain-rule sum")
add(P, T, "gamma*(dL/dy_i - 1/2*sum_{j=1}^{3} dL/dy_j)", "wrong", "plain", "ASCII",
    "gamma (dL/dy_i - 1/2 sum_j dL/dy_j)", lambda n, x, gam, bet, eps, G, i: gam * (G(i) - S(1, 3, G) / 2), cmp_mc3,
    mistake="used 1/(n-1) instead of 1/n")
add(P, T, r"\gamma\left(\frac{\partial L}{\partial y_{i}}-\frac{1}{3} \sum_{j=1}^{3} \frac{\partial L}{\partial y_{j}}\right)+\beta",
    "wrong", "converter", "Mathpix", "gradient plus beta",
    lambda n, x, gam, bet, eps, G, i: gam * (G(i) - S(1, 3, G) / 3) + bet, cmp_mc3,
    mistake="carried the bias beta into the gradient")

T = "batchnorm_dL_dx"


def _bn(n, x, gam, bet, eps, G, i):
    mu = S(1, n, x) / n
    var = S(1, n, lambda j: (x(j) - mu)**2) / n
    s = math.sqrt(var + eps)
    return gam / (n * s) * (n * G(i) - S(1, n, G) - (x(i) - mu) / (var + eps) * S(1, n, lambda j: (x(j) - mu) * G(j)))


def _bn_wrong(kind):
    def f(n, x, gam, bet, eps, G, i):
        mu = S(1, n, x) / n
        var = S(1, n, lambda j: (x(j) - mu)**2) / n
        s = math.sqrt(var + eps)
        corr = S(1, n, lambda j: (x(j) - mu) * G(j))
        if kind == "novar":
            return gam / s * (G(i) - S(1, n, G) / n)
        if kind == "no_n":
            return gam / s * (G(i) - S(1, n, G) / n - (x(i) - mu) / (var + eps) * corr)
        if kind == "sqrt":
            return gam / s * (G(i) - S(1, n, G) / n - (x(i) - mu) / (n * s) * corr)
        raise ValueError(kind)
    return f


add(P, T, r"\frac{\gamma}{n\sqrt{\sigma^2+\epsilon}}\left(n\frac{\partial L}{\partial \bar y_i}-\sum_{j=1}^n\frac{\partial L}{\partial \bar y_j}-\frac{x_i-\mu}{\sigma^2+\epsilon}\sum_{j=1}^n (x_j-\mu)\frac{\partial L}{\partial \bar y_j}\right)",
    "right", "latex", "in terms of mu and sigma^2, upstream d L/d bar y", "standard batch-norm backward", _bn, cmp_bn)
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left(\frac{\partial L}{\partial \bar{y}_{i}}-\frac{1}{n} \sum_{j=1}^{n} \frac{\partial L}{\partial \bar{y}_{j}}-\frac{x_{i}-\mu}{n\left(\sigma^{2}+\epsilon\right)} \sum_{j=1}^{n}\left(x_{j}-\mu\right) \frac{\partial L}{\partial \bar{y}_{j}}\right)",
    "right", "converter", "Mathpix, \\bar{y}_{i}", "same, 1/n distributed", _bn, cmp_bn)
add(P, T, "γ/√(σ²+ε) · (∂L/∂ȳ_i − (1/n)∑_j ∂L/∂ȳ_j − (x_i−μ)/(n(σ²+ε)) ∑_j (x_j−μ) ∂L/∂ȳ_j)", "right", "plain",
    "Unicode √ σ² ȳ, sums without bounds", "same", _bn, cmp_bn)
add(P, T, r"$\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial \bar y_i}-\frac1n\sum_{j=1}^n\frac{\partial L}{\partial \bar y_j}\right)$",
    "wrong", "latex", "inline math", "mean-centering answer scaled by 1/sqrt(var+eps)", _bn_wrong("novar"), cmp_bn,
    mistake="dropped the path through sigma^2 (treated the variance as a constant)")
add(P, T, "gamma/sqrt(sigma^2+eps) * (dL/dybar_i - 1/n*sum_j dL/dybar_j - (x_i-mu)/(sigma^2+eps) * sum_j (x_j-mu)*dL/dybar_j)",
    "wrong", "plain", "ASCII, 'dybar' for the bar", "variance term without 1/n", _bn_wrong("no_n"), cmp_bn,
    mistake="lost factor 1/n in the variance term")
add(P, T, r"\frac{\gamma}{\sqrt{\sigma^{2}+\epsilon}}\left(\frac{\partial L}{\partial \bar{y}_{i}}-\frac{1}{n} \sum_{j=1}^{n} \frac{\partial L}{\partial \bar{y}_{j}}-\frac{x_{i}-\mu}{n \sqrt{\sigma^{2}+\epsilon}} \sum_{j=1}^{n}\left(x_{j}-\mu\right) \frac{\partial L}{\partial \bar{y}_{j}}\right)",
    "wrong", "converter", "Mathpix", "variance term over sqrt(var+eps) instead of var+eps", _bn_wrong("sqrt"), cmp_bn,
    mistake="wrong power of (sigma^2+eps) in the variance term (1/2 instead of 1)")


# ======================================================================================
# hw3_4a  (Adam, Kingma & Ba Algorithm 1: step size alpha)
# ======================================================================================
P = "hw3_4a"


def adam_sim(gs, b1, b2, alpha, eps, th0):
    m = v = 0.0
    th = th0
    hist = []
    for t, g in enumerate(gs, start=1):
        th_prev = th
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mh, vh = m / (1 - b1**t), v / (1 - b2**t)
        th = th - alpha * mh / (math.sqrt(vh) + eps)
        hist.append((t, th_prev, m, v, th))
    return hist


def _adam_cases():
    rng = np.random.default_rng(13)
    cases = []
    for _ in range(6):
        gs = rng.normal(size=7) * rng.uniform(0.1, 3)
        b1, b2 = rng.uniform(0.5, 0.95), rng.uniform(0.8, 0.999)
        alpha, eps, th0 = rng.uniform(0.001, 0.5), rng.uniform(1e-3, 0.3), rng.normal()
        cases.append((gs, b1, b2, alpha, eps, adam_sim(gs, b1, b2, alpha, eps, th0)))
    return cases


ADAM = _adam_cases()


def cmp_m_unrolled(fn):
    for gs, b1, b2, alpha, eps, hist in ADAM:
        for t, th_prev, m, v, th in hist:
            if not close(fn(t, OneBased(gs[:t]), b1), m):
                return False
    return True


def cmp_theta_update(fn):
    for gs, b1, b2, alpha, eps, hist in ADAM:
        for t, th_prev, m, v, th in hist:
            if not close(fn(th_prev, m, v, t, alpha, b1, b2, eps), th):
                return False
    return True


T = "m_unrolled"
_mu = lambda t, g, b1: (1 - b1) * S(1, t, lambda i: b1**(t - i) * g(i))
add(P, T, r"m_t=(1-\beta_1)\sum_{i=1}^{t}\beta_1^{t-i}g_i", "right", "latex", "lhs, beta_1^{t-i}",
    "(1-beta1) sum_i beta1^{t-i} g_i", _mu, cmp_m_unrolled)
add(P, T, r"\left(1-\beta_{1}\right) \sum_{i=1}^{t} \beta_{1}^{t-i} g_{i}", "right", "converter",
    "Mathpix \\left( \\right), \\beta_{1}^{t-i}", "same", _mu, cmp_m_unrolled)
add(P, T, "(1-beta1)*sum_{i=1}^{t} beta1^(t-i)*g_i", "right", "plain", "ASCII beta1, ^( )", "same", _mu, cmp_m_unrolled)
add(P, T, "(1−β1)∑_{k=0}^{t−1} β1^k g_{t−k}", "right", "plain", "Unicode β ∑, reindexed by lag k",
    "(1-beta1) sum_k beta1^k g_{t-k}", lambda t, g, b1: (1 - b1) * S(0, t - 1, lambda k: b1**k * g(t - k)),
    cmp_m_unrolled)
add(P, T, r"$m_t = (1-\beta_1)\left(g_t+\beta_1 g_{t-1}+\cdots+\beta_1^{t-1}g_1\right)$", "right", "latex",
    "written-out sum with \\cdots", "(1-beta1)(g_t + beta1 g_{t-1} + ... + beta1^{t-1} g_1)", _mu, cmp_m_unrolled)
add(P, T, r"\left(1-\beta_{1}\right) \sum_{i=1}^{t} \beta_{1}^{i} g_{i}", "wrong", "converter", "Mathpix",
    "(1-beta1) sum_i beta1^i g_i", lambda t, g, b1: (1 - b1) * S(1, t, lambda i: b1**i * g(i)), cmp_m_unrolled,
    mistake="decay powers reversed (beta1^i instead of beta1^{t-i})")
add(P, T, "sum_{i=1}^{t} beta1^(t-i)*g_i", "wrong", "plain", "ASCII", "sum_i beta1^{t-i} g_i",
    lambda t, g, b1: S(1, t, lambda i: b1**(t - i) * g(i)), cmp_m_unrolled, mistake="lost factor (1-beta1)")
add(P, T, r"(1-\beta_1)\sum_{i=1}^{t}\beta_1^{t-i+1}g_i", "wrong", "latex", "bare expression",
    "(1-beta1) sum_i beta1^{t-i+1} g_i", lambda t, g, b1: (1 - b1) * S(1, t, lambda i: b1**(t - i + 1) * g(i)),
    cmp_m_unrolled, mistake="off by one in the decay exponent")
add(P, T, r"$$m_t=\frac{(1-\beta_1)\sum_{i=1}^t\beta_1^{t-i}g_i}{1-\beta_1^t}$$", "wrong", "latex", "display math",
    "bias-corrected m hat", lambda t, g, b1: _mu(t, g, b1) / (1 - b1**t), cmp_m_unrolled,
    mistake="applied the bias correction (gave m-hat instead of m_t)")

T = "theta_update"
_tu = lambda th, m, v, t, a, b1, b2, eps: th - a * (m / (1 - b1**t)) / (math.sqrt(v / (1 - b2**t)) + eps)
add(P, T, r"\theta_t \leftarrow \theta_{t-1}-\alpha\frac{\hat m_t}{\sqrt{\hat v_t}+\epsilon}", "right", "latex",
    "\\leftarrow, hats for the corrected moments", "theta_{t-1} - alpha mhat/(sqrt(vhat)+eps)", _tu, cmp_theta_update)
add(P, T, r"\theta_{t-1}-\alpha \frac{m_{t} /\left(1-\beta_{1}^{t}\right)}{\sqrt{v_{t} /\left(1-\beta_{2}^{t}\right)}+\epsilon}",
    "right", "converter", "Mathpix, bias corrections written inline with /", "same, corrections written out", _tu,
    cmp_theta_update)
add(P, T, "theta_(t-1) - alpha*(m_t/(1-beta1^t)) / (sqrt(v_t/(1-beta2^t)) + eps)", "right", "plain",
    "ASCII, theta_(t-1) with parentheses", "same", _tu, cmp_theta_update)
add(P, T, "θ_t = θ_{t−1} − α·m̂_t/(√v̂_t + ε)", "right", "plain", "Unicode with combining hats and √",
    "same with hats", _tu, cmp_theta_update)
add(P, T, r"$\theta_t=\theta_{t-1}-\frac{\alpha\,m_t}{(1-\beta_1^t)\left(\sqrt{\hat v_t}+\epsilon\right)}$", "right",
    "latex", "mixed: m corrected explicitly, v with a hat", "same", _tu, cmp_theta_update)
add(P, T, r"\theta_{t-1}-\alpha \frac{\hat{m}_{t}}{\sqrt{\hat{v}_{t}+\epsilon}}", "wrong", "converter", "Mathpix",
    "epsilon inside the square root",
    lambda th, m, v, t, a, b1, b2, eps: th - a * (m / (1 - b1**t)) / math.sqrt(v / (1 - b2**t) + eps), cmp_theta_update,
    mistake="epsilon inside the square root (sqrt(v_hat+eps))")
add(P, T, "theta_(t-1) - alpha*(m_t/(1-beta1^(t-1))) / (sqrt(v_t/(1-beta2^(t-1))) + eps)", "wrong", "plain", "ASCII",
    "bias correction with power t-1",
    lambda th, m, v, t, a, b1, b2, eps: th - a * (m / (1 - b1**(t - 1))) / (math.sqrt(v / (1 - b2**(t - 1))) + eps),
    cmp_theta_update, mistake="wrong bias-correction power (t-1 instead of t)")
add(P, T, r"\theta_t=\theta_{t-1}+\alpha\frac{\hat m_t}{\sqrt{\hat v_t}+\epsilon}", "wrong", "latex", "lhs",
    "plus instead of minus",
    lambda th, m, v, t, a, b1, b2, eps: th + a * (m / (1 - b1**t)) / (math.sqrt(v / (1 - b2**t)) + eps),
    cmp_theta_update, mistake="sign flipped (ascent step)")
add(P, T, r"$\theta_{t-1}-\alpha\frac{\hat m_t}{\hat v_t+\epsilon}$", "wrong", "latex", "inline math",
    "no square root on v hat",
    lambda th, m, v, t, a, b1, b2, eps: th - a * (m / (1 - b1**t)) / (v / (1 - b2**t) + eps), cmp_theta_update,
    mistake="missing square root on the second moment")
add(P, T, r"\theta_{t-1}-\alpha \frac{m_{t}}{\sqrt{v_{t}}+\epsilon}", "wrong", "converter", "Mathpix",
    "no bias correction", lambda th, m, v, t, a, b1, b2, eps: th - a * m / (math.sqrt(v) + eps), cmp_theta_update,
    mistake="forgot the bias correction")


# ======================================================================================
# hw3_4b
# ======================================================================================
P = "hw3_4b"


def _f(th):
    return np.sum(np.sin(th) + 0.3 * th**3)


def _gradf(th):
    return np.cos(th) + 0.9 * th**2


def _l2_cases():
    rng = np.random.default_rng(17)
    cases = []
    for _ in range(8):
        th = rng.normal(size=3)
        eta, lam = rng.uniform(0.01, 0.5), rng.uniform(0.01, 2)
        freg = lambda x, lam=lam: _f(x) + lam / 2 * np.sum(x**2)
        step = th - eta * fd_grad(freg, th)
        # the gamma that makes (1-gamma) theta - eta grad f equal to the L2 step (per coordinate)
        gam = 1 - (step + eta * _gradf(th)) / th
        assert np.allclose(gam, gam[0], rtol=1e-5)
        cases.append((th, eta, lam, step, gam[0]))
    return cases


L2 = _l2_cases()


def cmp_gamma(fn):
    return all(close(fn(eta, lam), gam, rtol=1e-5) for th, eta, lam, step, gam in L2)


def cmp_sgd_step(fn):
    return all(close(fn(th, _gradf(th), eta, lam), step, rtol=1e-5) for th, eta, lam, step, gam in L2)


T = "gamma_for_equivalence"
add(P, T, r"\gamma=\eta\lambda", "right", "latex", "equation", "eta lambda", lambda eta, lam: eta * lam, cmp_gamma)
add(P, T, "eta*lambda", "right", "plain", "ASCII", "eta lambda", lambda eta, lam: eta * lam, cmp_gamma)
add(P, T, "γ = ηλ", "right", "plain", "Unicode Greek", "eta lambda", lambda eta, lam: eta * lam, cmp_gamma)
add(P, T, r"\gamma=\lambda \eta", "right", "converter", "Mathpix, factors swapped", "lambda eta",
    lambda eta, lam: lam * eta, cmp_gamma)
add(P, T, r"$1-\gamma = 1-\eta\lambda \Rightarrow \gamma = \eta\lambda$", "right", "latex",
    "reasoning with \\Rightarrow", "eta lambda", lambda eta, lam: eta * lam, cmp_gamma)
add(P, T, "lambda", "wrong", "plain", "ASCII", "lambda", lambda eta, lam: lam, cmp_gamma,
    mistake="forgot the learning rate factor eta")
add(P, T, r"\frac{\eta \lambda}{2}", "wrong", "converter", "Mathpix fraction", "eta lambda/2",
    lambda eta, lam: eta * lam / 2, cmp_gamma, mistake="lambda/2 instead of lambda")
add(P, T, r"\gamma = 1-\eta\lambda", "wrong", "latex", "equation", "1 - eta lambda",
    lambda eta, lam: 1 - eta * lam, cmp_gamma, mistake="gave the retention factor 1-gamma instead of gamma")
add(P, T, "λ/η", "wrong", "plain", "Unicode", "lambda/eta", lambda eta, lam: lam / eta, cmp_gamma,
    mistake="divided by the learning rate instead of multiplying")

T = "sgd_l2_step"
add(P, T, r"\theta_{t+1}=\theta_t-\eta\left(\nabla f_t(\theta_t)+\lambda\theta_t\right)", "right", "latex",
    "lhs, gradient of f_t", "theta - eta (grad f + lambda theta)",
    lambda th, G, eta, lam: th - eta * (G + lam * th), cmp_sgd_step)
add(P, T, r"\theta_{t+1}=(1-\eta \lambda) \theta_{t}-\eta \nabla f\left(\theta_{t}\right)", "right", "converter",
    "Mathpix, weight-decay form", "(1 - eta lambda) theta - eta grad f",
    lambda th, G, eta, lam: (1 - eta * lam) * th - eta * G, cmp_sgd_step)
add(P, T, "θ_{t+1} = (1 − ηλ)θ_t − η∇f(θ_t)", "right", "plain", "Unicode ∇ θ η λ", "(1 - eta lambda) theta - eta grad f",
    lambda th, G, eta, lam: (1 - eta * lam) * th - eta * G, cmp_sgd_step)
add(P, T, r"\begin{align*}\theta_{t+1}&=\theta_t-\eta\nabla f^{\mathrm{reg}}_t(\theta_t)\\&=(1-\eta\lambda)\theta_t-\eta\nabla f_t(\theta_t)\end{align*}",
    "right", "latex", "align* chain through grad f^reg", "(1 - eta lambda) theta - eta grad f",
    lambda th, G, eta, lam: (1 - eta * lam) * th - eta * G, cmp_sgd_step)
add(P, T, "theta_t - eta*(∇f(theta_t) + lambda/2*theta_t)", "wrong", "plain", "ASCII with a Unicode ∇",
    "theta - eta (grad f + lambda/2 theta)", lambda th, G, eta, lam: th - eta * (G + lam / 2 * th), cmp_sgd_step,
    mistake="lambda/2 instead of lambda (forgot the 2 from differentiating theta^2)")
add(P, T, r"(1-\lambda) \theta_{t}-\eta \nabla f\left(\theta_{t}\right)", "wrong", "converter", "Mathpix",
    "(1 - lambda) theta - eta grad f", lambda th, G, eta, lam: (1 - lam) * th - eta * G, cmp_sgd_step,
    mistake="forgot the learning rate on the decay term")
add(P, T, r"$\theta_t-\eta\nabla f(\theta_t)+\eta\lambda\theta_t$", "wrong", "latex", "inline math",
    "theta - eta grad f + eta lambda theta", lambda th, G, eta, lam: th - eta * G + eta * lam * th, cmp_sgd_step,
    mistake="sign flipped on the decay term")


# ======================================================================================
# gelu_silu
# ======================================================================================
P = "gelu_silu"
SQ2PI = math.sqrt(2 * math.pi)
sig = lambda u: 1 / (1 + math.exp(-u))
Phi = lambda u: 0.5 * (1 + math.erf(u / math.sqrt(2)))
gelu = lambda u: u / 2 * (1 + math.erf(u / math.sqrt(2)))
silu = lambda u: u * sig(u)
U_PTS = list(np.random.default_rng(19).normal(size=12) * 2.5) + [0.0, 1.0, -1.0]


def _deriv(f, u, h=1e-6):
    return (f(u + h) - f(u - h)) / (2 * h)


def cmp_dgelu(fn):
    return all(close(fn(u), _deriv(gelu, u), rtol=1e-6) for u in U_PTS)


def cmp_dsilu(fn):
    return all(close(fn(u), _deriv(silu, u), rtol=1e-6) for u in U_PTS)


SILU_X = np.random.default_rng(23).normal(size=4) * 2
SILU_J = fd_jac(lambda x: x / (1 + np.exp(-x)), SILU_X)


def cmp_silu_jac(fn):
    n = len(SILU_X)
    return all(close(fn(OneBased(SILU_X), k, i), SILU_J[k - 1, i - 1], rtol=1e-6)
               for k in range(1, n + 1) for i in range(1, n + 1))


T = "dgelu_du"
_dg = lambda u: Phi(u) + u * math.exp(-u**2 / 2) / SQ2PI
add(P, T, r"\frac{1}{2}\left(1+\operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right)+\frac{u}{\sqrt{2\pi}}e^{-u^2/2}",
    "right", "latex", "operatorname erf, e^{-u^2/2}", "Phi(u) + u phi(u)", _dg, cmp_dgelu)
add(P, T, r"\frac{1}{2}\left(1+\operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right)+\frac{u}{\sqrt{2 \pi}} \exp \left(-\frac{u^{2}}{2}\right)",
    "right", "converter", "Mathpix \\exp \\left( \\right)", "Phi(u) + u phi(u)", _dg, cmp_dgelu)
add(P, T, "0.5*(1+erf(u/sqrt(2))) + u*exp(-u^2/2)/sqrt(2*pi)", "right", "plain", "ASCII erf exp sqrt pi",
    "Phi(u) + u phi(u)", _dg, cmp_dgelu)
add(P, T, "Φ(u) + u·e^(−u²/2)/√(2π)", "right", "plain", "Unicode Φ · ² √ π", "Phi(u) + u phi(u)", _dg, cmp_dgelu)
add(P, T, r"$\Phi(u)+u\,\varphi(u)$ where $\varphi(u)=\frac{1}{\sqrt{2\pi}}e^{-u^2/2}$", "right", "latex",
    "named density with a 'where' definition", "Phi(u) + u phi(u)", _dg, cmp_dgelu)
add(P, T, "Phi(u)", "wrong", "plain", "ASCII", "Phi(u)", Phi, cmp_dgelu,
    mistake="forgot the product rule (dropped u times the density)")
add(P, T, r"\frac{1}{2}\left(1+\operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right)+u e^{-\frac{u^{2}}{2}}", "wrong",
    "converter", "Mathpix", "Phi(u) + u exp(-u^2/2)", lambda u: Phi(u) + u * math.exp(-u**2 / 2), cmp_dgelu,
    mistake="lost factor 1/sqrt(2 pi) of the normal density")
add(P, T, r"\frac12\left(1+\mathrm{erf}(u/\sqrt2)\right)+\frac{u}{\sqrt{\pi}}e^{-u^2/2}", "wrong", "latex",
    "\\mathrm{erf}", "Phi(u) + u exp(-u^2/2)/sqrt(pi)", lambda u: Phi(u) + u * math.exp(-u**2 / 2) / math.sqrt(math.pi),
    cmp_dgelu, mistake="missing chain factor 1/sqrt(2) from erf(u/sqrt(2))")
add(P, T, "Φ(u) − u·e^(−u²/2)/√(2π)", "wrong", "plain", "Unicode", "Phi(u) - u phi(u)",
    lambda u: Phi(u) - u * math.exp(-u**2 / 2) / SQ2PI, cmp_dgelu, mistake="sign flipped on the density term")

T = "dsilu_du"
_ds = lambda u: sig(u) + u * sig(u) * (1 - sig(u))
add(P, T, r"\sigma(u)+u\,\sigma(u)\left(1-\sigma(u)\right)", "right", "latex", "sigma notation",
    "sigma + u sigma (1 - sigma)", _ds, cmp_dsilu)
add(P, T, r"\frac{1}{1+e^{-u}}+\frac{u e^{-u}}{\left(1+e^{-u}\right)^{2}}", "right", "converter",
    "Mathpix, sigmoid written out", "same, exponentials", _ds, cmp_dsilu)
add(P, T, "sigma(u)*(1 + u*(1-sigma(u)))", "right", "plain", "ASCII factored", "sigma (1 + u (1 - sigma))", _ds, cmp_dsilu)
add(P, T, "(1+e^(−u)+u·e^(−u))/(1+e^(−u))²", "right", "plain", "Unicode, single fraction",
    "(1 + e^-u + u e^-u)/(1 + e^-u)^2",
    lambda u: (1 + math.exp(-u) + u * math.exp(-u)) / (1 + math.exp(-u))**2, cmp_dsilu)
add(P, T, r"\operatorname{SiLU}(u)+\sigma(u)\bigl(1-\operatorname{SiLU}(u)\bigr)", "right", "latex",
    "in terms of SiLU itself", "SiLU + sigma (1 - SiLU)", lambda u: silu(u) + sig(u) * (1 - silu(u)), cmp_dsilu)
add(P, T, r"$\sigma(u)+u\,\sigma'(u)$", "right", "latex", "prime notation for the sigmoid derivative",
    "sigma + u sigma'", _ds, cmp_dsilu)
add(P, T, r"\sigma(u)(1-\sigma(u))", "wrong", "converter", "Mathpix", "sigma (1 - sigma)",
    lambda u: sig(u) * (1 - sig(u)), cmp_dsilu, mistake="forgot the product rule (differentiated only sigma)")
add(P, T, "sigma(u) + u*sigma(u)*(1+sigma(u))", "wrong", "plain", "ASCII", "sigma + u sigma (1 + sigma)",
    lambda u: sig(u) + u * sig(u) * (1 + sig(u)), cmp_dsilu, mistake="sign flipped in sigma' = sigma(1 - sigma)")
add(P, T, r"\sigma(u)+\sigma(u)\left(1-\sigma(u)\right)", "wrong", "latex", "bare expression",
    "sigma + sigma (1 - sigma)", lambda u: sig(u) + sig(u) * (1 - sig(u)), cmp_dsilu,
    mistake="dropped the factor u in the product rule")

T = "dy_dx"
_sj = lambda x, k, i: d(k, i) * (sig(x(k)) + x(k) * sig(x(k)) * (1 - sig(x(k))))
add(P, T, r"\delta_{ki}\,\sigma(x_k)\left(1+x_k(1-\sigma(x_k))\right)", "right", "latex", "Kronecker delta",
    "delta_ki SiLU'(x_k)", _sj, cmp_silu_jac)
add(P, T, r"$\sigma(x_i)+x_i\sigma(x_i)(1-\sigma(x_i))$ if $i = k$, and $0$ otherwise", "right", "latex",
    "cases in words", "SiLU'(x_i) on the diagonal, 0 off it",
    lambda x, k, i: (sig(x(i)) + x(i) * sig(x(i)) * (1 - sig(x(i)))) if i == k else 0.0, cmp_silu_jac)
add(P, T, r"\delta_{k i}\left(\sigma\left(x_{k}\right)+x_{k} \sigma\left(x_{k}\right)\left(1-\sigma\left(x_{k}\right)\right)\right)",
    "right", "converter", "Mathpix", "delta_ki SiLU'(x_k)", _sj, cmp_silu_jac)
add(P, T, r"\delta_{k i} \sigma\left(x_{i}\right)\left(1+x_{k}\left(1-\sigma\left(x_{i}\right)\right)\right)", "right",
    "converter", "Mathpix, mixes x_i and x_k under the delta", "delta_ki sigma(x_i)(1 + x_k(1 - sigma(x_i)))",
    lambda x, k, i: d(k, i) * sig(x(i)) * (1 + x(k) * (1 - sig(x(i)))), cmp_silu_jac)
add(P, T, "delta_ki * (sigma(x_k) + x_k*sigma(x_k)*(1-sigma(x_k)))", "right", "plain", "ASCII delta_ki",
    "delta_ki SiLU'(x_k)", _sj, cmp_silu_jac)
add(P, T, "sigma(x_k) + x_k*sigma(x_k)*(1-sigma(x_k))", "wrong", "plain", "ASCII", "SiLU'(x_k) for every i",
    lambda x, k, i: sig(x(k)) + x(k) * sig(x(k)) * (1 - sig(x(k))), cmp_silu_jac,
    mistake="dropped the Kronecker delta (wrong only for i != k)")
add(P, T, r"\delta_{k i} \sigma\left(x_{k}\right)\left(1-\sigma\left(x_{k}\right)\right)", "wrong", "converter", "Mathpix",
    "delta_ki sigma'(x_k)", lambda x, k, i: d(k, i) * sig(x(k)) * (1 - sig(x(k))), cmp_silu_jac,
    mistake="forgot the product rule (differentiated only sigma)")
add(P, T, r"$\sigma(x_k)\left(1+x_i(1-\sigma(x_k))\right)$", "wrong", "latex", "inline math",
    "sigma(x_k)(1 + x_i(1 - sigma(x_k))) for every i",
    lambda x, k, i: sig(x(k)) * (1 + x(i) * (1 - sig(x(k)))), cmp_silu_jac,
    mistake="mixed the indices without a delta (dense Jacobian)")


# ======================================================================================
# exercise12  (0-based indices, N = 4, as in the statement)
# ======================================================================================
P = "exercise12"
N4 = 4
C_K = [math.sqrt(1 / N4)] + [math.sqrt(2 / N4)] * (N4 - 1)


def dct_direct(x):
    return np.array([C_K[k] * sum(x[j] * math.cos(math.pi * (j + 0.5) * k / N4) for j in range(N4))
                     for k in range(N4)])


# the normalization really makes the basis orthonormal
_C = np.array([[C_K[k] * math.cos(math.pi * (j + 0.5) * k / N4) for j in range(N4)] for k in range(N4)])
assert np.allclose(_C @ _C.T, np.eye(N4))


def cmp_norm(fn):
    return close([fn(k) for k in range(N4)], C_K)


def cmp_kernel_formula(fn):
    """Y_k = (x * K_k)(k) with a true convolution (np.convolve), K_k taken from the
    answer on its support i = k-N+1 .. k."""
    rng = np.random.default_rng(29)
    for _ in range(5):
        x = rng.normal(size=N4)
        Y = dct_direct(x)
        for k in range(N4):
            lo = k - N4 + 1
            Kp = np.array([fn(k, i) for i in range(lo, k + 1)])   # Kp[m] = K_k[m + lo]
            full = np.convolve(x, Kp)                            # full[q] = sum_j x_j Kp[q - j]
            if not close(full[k - lo], Y[k]):                    # position p = k  <->  q = p - lo
                return False
    return True


def cnum(k):
    return C_K[k]


T = "kernel_formula"
_kf = lambda k, i: cnum(k) * math.cos(math.pi * (k - i + 0.5) * k / N4)
assert cmp_kernel_formula(_kf)
add(P, T, r"K_k[i]=c_k\cos\left[\pi\left(k-i+\frac12\right)\frac{k}{N}\right]", "right", "latex",
    "lhs with square-bracket index, c_k kept symbolic", "c_k cos(pi (k - i + 1/2) k/N)", _kf, cmp_kernel_formula)
add(P, T, r"c_{k} \cos \left(\frac{\pi k(2(k-i)+1)}{8}\right)", "right", "converter", "Mathpix, N = 4 substituted (2N = 8)",
    "c_k cos(pi k (2(k-i)+1)/8)", lambda k, i: cnum(k) * math.cos(math.pi * k * (2 * (k - i) + 1) / 8), cmp_kernel_formula)
add(P, T, "c_k*cos(pi*(k-i+0.5)*k/4)", "right", "plain", "ASCII with decimal 0.5", "c_k cos(pi (k-i+0.5) k/4)", _kf,
    cmp_kernel_formula)
add(P, T, "c_k·cos(πk(k−i+½)/N)", "right", "plain", "Unicode · π ½ and minus", "c_k cos(pi k (k-i+1/2)/N)", _kf,
    cmp_kernel_formula)
add(P, T, r"$c_k\cos\left(\frac{\pi k}{N}\left(i-k-\tfrac12\right)\right)$", "right", "latex",
    "cosine argument negated (cos is even)", "c_k cos(pi k (i - k - 1/2)/N)",
    lambda k, i: cnum(k) * math.cos(math.pi * k / N4 * (i - k - 0.5)), cmp_kernel_formula)
add(P, T, r"\left\{\begin{array}{ll}\frac{1}{2} & k=0 \\ \frac{1}{\sqrt{2}} \cos \left(\frac{\pi k(2 k-2 i+1)}{8}\right) & k \geq 1\end{array}\right.",
    "right", "converter", "Mathpix piecewise with numeric c_k", "1/2 for k=0, cos(...)/sqrt2 for k>=1",
    lambda k, i: 0.5 if k == 0 else math.cos(math.pi * k * (2 * k - 2 * i + 1) / 8) / math.sqrt(2), cmp_kernel_formula)
add(P, T, r"c_k\cos\left[\pi\left(i+\frac12\right)\frac{k}{N}\right]", "wrong", "latex", "bare expression",
    "c_k cos(pi (i + 1/2) k/N)", lambda k, i: cnum(k) * math.cos(math.pi * (i + 0.5) * k / N4), cmp_kernel_formula,
    mistake="flipped kernel (took the DCT basis row itself, i.e. a correlation kernel)")
add(P, T, "cos(pi*(k-i+0.5)*k/4)", "wrong", "plain", "ASCII", "cos(pi (k-i+0.5) k/4)",
    lambda k, i: math.cos(math.pi * (k - i + 0.5) * k / 4), cmp_kernel_formula,
    mistake="lost the normalization factor c_k")
add(P, T, r"\sqrt{\frac{2}{N}} \cos \left[\pi\left(k-i+\frac{1}{2}\right) \frac{k}{N}\right]", "wrong", "converter",
    "Mathpix", "sqrt(2/N) cos(...)", lambda k, i: math.sqrt(2 / N4) * math.cos(math.pi * (k - i + 0.5) * k / N4),
    cmp_kernel_formula, mistake="used sqrt(2/N) also for k = 0 (wrong only at k = 0)")
add(P, T, r"$K_k[i]=c_k\cos\left[\pi\left(k-i-\frac12\right)\frac{k}{N}\right]$", "wrong", "latex", "inline math",
    "c_k cos(pi (k - i - 1/2) k/N)", lambda k, i: cnum(k) * math.cos(math.pi * (k - i - 0.5) * k / N4),
    cmp_kernel_formula, mistake="kernel shifted by one tap (k - i - 1/2 instead of k - i + 1/2)")

T = "norm"
add(P, T, r"c_k=\begin{cases}\frac12 & k=0\\ \frac{1}{\sqrt2} & k\ge1\end{cases}", "right", "latex", "cases, N = 4 values",
    "1/2 for k = 0, 1/sqrt2 otherwise", lambda k: 0.5 if k == 0 else 1 / math.sqrt(2), cmp_norm)
add(P, T, "sqrt(1/N) if k=0, sqrt(2/N) otherwise", "right", "plain", "ASCII piecewise in words",
    "sqrt(1/N) for k = 0, sqrt(2/N) otherwise", lambda k: math.sqrt(1 / N4) if k == 0 else math.sqrt(2 / N4), cmp_norm)
add(P, T, r"c_{k}=\sqrt{\frac{2-\delta_{k 0}}{4}}", "right", "converter", "Mathpix, Kronecker delta trick",
    "sqrt((2 - delta_k0)/4)", lambda k: math.sqrt((2 - d(k, 0)) / 4), cmp_norm)
add(P, T, "c_0 = 1/2, c_k = 1/√2 for k = 1, 2, 3", "right", "plain", "Unicode √, listed values",
    "1/2 for k = 0, 1/sqrt2 for k = 1..3", lambda k: 0.5 if k == 0 else 1 / math.sqrt(2), cmp_norm)
add(P, T, r"$c_k = \sqrt{2/N}$ for $k \ge 1$ and $c_0 = \sqrt{1/N} = \tfrac12$.", "right", "latex",
    "two statements in words, final period", "sqrt(2/N) for k >= 1, 1/2 for k = 0",
    lambda k: 0.5 if k == 0 else math.sqrt(2 / N4), cmp_norm)
add(P, T, r"c_{k}=\sqrt{\frac{2}{N}}", "wrong", "converter", "Mathpix", "sqrt(2/N) for every k",
    lambda k: math.sqrt(2 / N4), cmp_norm, mistake="used sqrt(2/N) also for k = 0")
add(P, T, "1/N if k=0, 2/N otherwise", "wrong", "plain", "ASCII piecewise", "1/N, 2/N",
    lambda k: 1 / N4 if k == 0 else 2 / N4, cmp_norm, mistake="forgot the square root")
add(P, T, r"\begin{cases}\frac{1}{\sqrt2} & k=0\\ \frac12 & k\ge1\end{cases}", "wrong", "latex", "cases",
    "swapped", lambda k: 1 / math.sqrt(2) if k == 0 else 0.5, cmp_norm, mistake="swapped the k = 0 and k >= 1 factors")


# ======================================================================================
# hw3_2cd
# ======================================================================================
P = "hw3_2cd"
X5 = np.arange(1, 26, dtype=float).reshape(5, 5)
SOBEL = np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype=float)


def conv2_def(x, h, pad, stride):
    """(x * h)(m, n) = sum_{i,j} h(i, j) x(m - i, n - j), zero outside x, output kept
    where the kernel fits the padded image; then subsampled by the stride."""
    N, k = x.shape[0], h.shape[0]
    get = lambda a, b: x[a, b] if 0 <= a < N and 0 <= b < N else 0.0
    full_lo, full_hi = -pad + k - 1, N - 1 + pad          # positions m where the window fits
    pos = list(range(full_lo, full_hi + 1))[::stride]
    return np.array([[sum(h[i, j] * get(m - i, n - j) for i in range(k) for j in range(k)) for n in pos] for m in pos])


def conv2_window(x, h, pad, stride):      # second, independent implementation (flip + slide)
    xp, hf, k = np.pad(x, pad), h[::-1, ::-1], h.shape[0]
    o = (xp.shape[0] - k) // stride + 1
    return np.array([[np.sum(xp[a * stride:a * stride + k, b * stride:b * stride + k] * hf) for b in range(o)]
                     for a in range(o)])


for _p, _s in [(0, 1), (1, 1), (1, 2)]:
    assert np.allclose(conv2_def(X5, SOBEL, _p, _s), conv2_window(X5, SOBEL, _p, _s))
REF_VALID, REF_P1S2 = conv2_def(X5, SOBEL, 0, 1), conv2_def(X5, SOBEL, 1, 2)


def cmp_valid(fn):
    return close(fn(), REF_VALID)


def cmp_p1s2(fn):
    return close(fn(), REF_P1S2)


T = "valid"
M40 = lambda: np.full((3, 3), -40.0)
add(P, T, r"\begin{bmatrix}-40&-40&-40\\-40&-40&-40\\-40&-40&-40\end{bmatrix}", "right", "latex", "bmatrix",
    "3x3 of -40", M40, cmp_valid)
add(P, T, r"\left[\begin{array}{lll}-40 & -40 & -40 \\ -40 & -40 & -40 \\ -40 & -40 & -40\end{array}\right]", "right",
    "converter", "Mathpix \\left[ array \\right]", "3x3 of -40", M40, cmp_valid)
add(P, T, "[[-40,-40,-40],[-40,-40,-40],[-40,-40,-40]]", "right", "plain", "ASCII nested lists", "3x3 of -40", M40, cmp_valid)
add(P, T, r"-40\begin{pmatrix}1&1&1\\1&1&1\\1&1&1\end{pmatrix}", "right", "latex", "scalar times pmatrix of ones",
    "-40 times ones(3,3)", M40, cmp_valid)
add(P, T, r"\( -4\left[\begin{array}{ccc}10 & 10 & 10 \\ 10 & 10 & 10 \\ 10 & 10 & 10\end{array}\right] \)", "right",
    "converter", "Mathpix in \\( \\), scalar times array", "-4 times 10s", M40, cmp_valid)
add(P, T, r"\begin{bmatrix}40&40&40\\40&40&40\\40&40&40\end{bmatrix}", "wrong", "latex", "bmatrix", "3x3 of 40",
    lambda: np.full((3, 3), 40.0), cmp_valid, mistake="flipped kernel (computed the cross-correlation)")
add(P, T, r"\left[\begin{array}{ccc}-8 & -8 & -8 \\ -8 & -8 & -8 \\ -8 & -8 & -8\end{array}\right]", "wrong", "converter",
    "Mathpix array", "3x3 of -8", lambda: np.full((3, 3), -8.0), cmp_valid,
    mistake="applied the kernel along the wrong axis (used the column step 1 instead of the row step 5)")
add(P, T, "[[-40,-40,-40],[-40,-40,-40]]", "wrong", "plain", "ASCII nested lists", "2x3 of -40",
    lambda: np.full((2, 3), -40.0), cmp_valid, mistake="wrong output size (one row short)")

T = "pad1_stride2"
P1S2 = lambda: np.array([[-19, -32, -29], [-30, -40, -30], [49, 72, 59]], dtype=float)
add(P, T, r"\begin{bmatrix}-19&-32&-29\\-30&-40&-30\\49&72&59\end{bmatrix}", "right", "latex", "bmatrix",
    "rows 0,2,4 / cols 0,2,4 of the padded output", P1S2, cmp_p1s2)
add(P, T, r"\left[\begin{array}{rrr}-19 & -32 & -29 \\ -30 & -40 & -30 \\ 49 & 72 & 59\end{array}\right]", "right",
    "converter", "Mathpix array rrr", "same", P1S2, cmp_p1s2)
add(P, T, "[[-19,-32,-29],[-30,-40,-30],[49,72,59]]", "right", "plain", "ASCII nested lists", "same", P1S2, cmp_p1s2)
add(P, T, "-19 -32 -29; -30 -40 -30; 49 72 59", "right", "plain", "MATLAB-style rows separated by ;", "same", P1S2,
    cmp_p1s2)
add(P, T, r"$$\begin{bmatrix}19&32&29\\30&40&30\\-49&-72&-59\end{bmatrix}$$", "wrong", "latex", "display bmatrix",
    "correlation", lambda: -P1S2(), cmp_p1s2, mistake="flipped kernel (computed the cross-correlation)")
add(P, T, r"\left[\begin{array}{cc}-40 & -40 \\ -40 & -40\end{array}\right]", "wrong", "converter", "Mathpix 2x2",
    "2x2 of -40", lambda: np.full((2, 2), -40.0), cmp_p1s2,
    mistake="forgot the padding (valid output subsampled by 2)")
add(P, T, r"\begin{pmatrix}-19&-28&-32\\-30&-40&-40\\-30&-40&-40\end{pmatrix}", "wrong", "latex", "pmatrix",
    "top-left 3x3 block of the stride-1 output",
    lambda: np.array([[-19, -28, -32], [-30, -40, -40], [-30, -40, -40]], dtype=float), cmp_p1s2,
    mistake="ignored the stride (took the top-left 3x3 block of the stride-1 output)")


# ======================================================================================
# more converter-sourced wrong answers (balance of sources and labels)
# ======================================================================================
add("momentum", "v_closed", r"\frac{1-\mu^{t-1}}{1-\mu} g", "wrong", "converter", "Mathpix \\frac",
    "g (1 - mu^{t-1})/(1 - mu)", lambda t, g, mu: (1 - mu**(t - 1)) / (1 - mu) * g, cmp_v_closed,
    mistake="off by one in the exponent (t-1 terms of the geometric sum)")
add("hw3_2ab", "y2", r"\left\{\begin{array}{ll}0 & n<5 \\ 2-2^{-n} & 5 \leq n \leq L+4 \\ \left(2^{L}-1\right) 2^{-n} & n \geq L+5\end{array}\right.",
    "wrong", "converter", "Mathpix piecewise", "regions shifted, formulas not",
    lambda n, L: 0.0 if n < 5 else (2 - 2.0**-n if n <= L + 4 else (2**L - 1) * 2.0**-n), cmp_y2,
    mistake="shifted the region bounds but not the formulas")
add("conv1d_backward", "dL_dx", r"\sum_{k=\max (1, i-K+1)}^{\min (i, N-K+1)} \frac{\partial L}{\partial y_{k}} x_{i-k+1}",
    "wrong", "converter", "Mathpix", "sum over valid k of dL/dy_k x_{i-k+1}",
    lambda N, K, x, w, G, i: S(max(1, i - K + 1), min(i, N - K + 1), lambda k: G(k) * x(i - k + 1)), cmp_conv_dx,
    mistake="used the input x instead of the kernel w")
add("rmsnorm", "dL_dx", r"\frac{g_{i}}{r} \frac{\partial L}{\partial y_{i}}-\frac{x_{i}}{n r^{2}} \sum_{j=1}^{n} g_{j} x_{j} \frac{\partial L}{\partial y_{j}}",
    "wrong", "converter", "Mathpix", "second term over n r^2",
    lambda n, x, g, eps, r, G, i: g(i) / r * G(i) - x(i) / (n * r**2) * S(1, n, lambda j: g(j) * x(j) * G(j)), cmp_rms_dL,
    mistake="wrong power of r (r^2 instead of r^3) in the term through r")
add("hw3_4a", "m_unrolled", r"\left(1-\beta_{1}\right) \sum_{i=1}^{t-1} \beta_{1}^{t-i} g_{i}", "wrong", "converter",
    "Mathpix", "sum stops at t-1", lambda t, g, b1: (1 - b1) * S(1, t - 1, lambda i: b1**(t - i) * g(i)), cmp_m_unrolled,
    mistake="off by one in the sum range (dropped the newest gradient g_t)")
add("hw3_4a", "theta_update", r"\theta_{t-1}-\alpha \frac{m_{t}\left(1-\beta_{1}^{t}\right)}{\sqrt{v_{t}\left(1-\beta_{2}^{t}\right)}+\epsilon}",
    "wrong", "converter", "Mathpix", "multiplied by (1 - beta^t)",
    lambda th, m, v, t, a, b1, b2, eps: th - a * m * (1 - b1**t) / (math.sqrt(v * (1 - b2**t)) + eps), cmp_theta_update,
    mistake="multiplied by the bias correction instead of dividing")
add("hw3_4b", "sgd_l2_step", r"\theta_{t+1}=\theta_{t}-\eta \nabla f\left(\theta_{t}\right)", "wrong", "converter", "Mathpix",
    "plain SGD step", lambda th, G, eta, lam: th - eta * G, cmp_sgd_step,
    mistake="dropped the regularization term")
add("gelu_silu", "dsilu_du", r"\frac{1}{1+e^{-u}}+\frac{u e^{u}}{\left(1+e^{-u}\right)^{2}}", "wrong", "converter",
    "Mathpix", "sigma + u e^u/(1+e^-u)^2", lambda u: sig(u) + u * math.exp(u) / (1 + math.exp(-u))**2, cmp_dsilu,
    mistake="sign flipped in the exponent of the sigmoid derivative")
add("gelu_silu", "dgelu_du", r"\frac{1}{2}\left(1+\operatorname{erf}\left(\frac{u}{\sqrt{2}}\right)\right)+\frac{u}{\sqrt{2 \pi}} e^{-u^{2}}",
    "wrong", "converter", "Mathpix", "Phi(u) + u exp(-u^2)/sqrt(2 pi)",
    lambda u: Phi(u) + u * math.exp(-u**2) / SQ2PI, cmp_dgelu, mistake="dropped the 1/2 in the exponent of the density")
add("exercise12", "norm", r"c_{k}=\left\{\begin{array}{ll}\frac{1}{\sqrt{2}} & k=0 \\ 1 & k \geq 1\end{array}\right.",
    "wrong", "converter", "Mathpix piecewise", "1/sqrt2 for k = 0, 1 otherwise",
    lambda k: 1 / math.sqrt(2) if k == 0 else 1.0, cmp_norm,
    mistake="lost the overall factor sqrt(2/N) (gave the relative factors only)")





# ======================================================================================
def write():
    with open(OUT, "w", encoding="utf-8") as f:
        for a in ANSWERS:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")


def summary():
    print(f"{len(ANSWERS)} answers -> {OUT}")
    by_p = Counter(a["problem"] for a in ANSWERS)
    by_t = Counter((a["problem"], a["target"]) for a in ANSWERS)
    by_l = Counter(a["label"] for a in ANSWERS)
    by_s = Counter(a["source"] for a in ANSWERS)
    print("by label :", dict(by_l))
    print("by source:", dict(by_s))
    print("by problem:")
    for k, v in by_p.items():
        print(f"  {k:18s} {v}")
    print(f"by target ({len(by_t)} targets):")
    for (p, t), v in by_t.items():
        lab = Counter(a["label"] for a in ANSWERS if a["problem"] == p and a["target"] == t)
        src = Counter(a["source"] for a in ANSWERS if a["problem"] == p and a["target"] == t)
        print(f"  {p:16s} {t:22s} {v:3d}  right={lab['right']} wrong={lab['wrong']}  "
              f"plain={src['plain']} converter={src['converter']} latex={src['latex']}")


if __name__ == "__main__":
    ids = [a["id"] for a in ANSWERS]
    assert len(ids) == len(set(ids))
    write()
    summary()
