r"""Answers written as a sentence of a write-up (issue 28, classes 2 and 7): several $…$
formulas joined by words ("$A$ if $i = k$, and $0$ otherwise", "$y(n) = …$ for $n \ge 0$,
and $y(n) = 0$ for $n < 0$", "$…$, i.e. the cross-correlation of $x$ with …"). The words
are read as the cases, ranges and remarks they are; any other word keeps the answer
unreadable. The meanings are worked out by hand: ∂SiLU(x_k)/∂x_i is σ(x_i)(1 + x_i(1 −
σ(x_i))) at i = k and 0 elsewhere (NumPy below); y(n) of the seed's convolution by brute
force."""

import numpy as np
import pytest

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT, NUMERIC, UNREADABLE
from symderiv.check.read.writeup import write_up

OK = {EQUIVALENT, NUMERIC}


def check(pid, target, latex):
    return symderiv.load(pid).check(latex, target=target, timeout=30)


def test_the_meanings():
    """∂SiLU/∂x by central differences; the seed's y(n) by a brute-force convolution."""
    x = np.array([0.4, -1.3, 0.9])
    s = 1 / (1 + np.exp(-x))
    silu = lambda v: v / (1 + np.exp(-v))  # noqa: E731
    h = 1e-6
    for i in range(3):
        e = np.zeros(3)
        e[i] = h
        col = (silu(x + e) - silu(x - e)) / (2 * h)
        want = np.where(np.arange(3) == i, s * (1 + x * (1 - s)), 0.0)
        assert np.allclose(col, want, atol=1e-8)
    L = 4
    xs = np.ones(L)
    hs = 0.5 ** np.arange(20)
    y = np.convolve(xs, hs)[:12]
    n = np.arange(12)
    closed = np.where(n <= L - 1, 2 - 2.0**-n, 2.0**-n * (2**L - 1))
    assert np.allclose(y, closed)


ANSWERS = [
    (
        "gelu_silu",
        "dy_dx",
        r"$\sigma(x_i)+x_i\sigma(x_i)(1-\sigma(x_i))$ if $i = k$, and $0$ otherwise",
        OK,
    ),
    (
        "gelu_silu",
        "dy_dx",
        r"$\sigma(x_i)(1 + x_i(1-\sigma(x_i)))$ when $i = k$; $0$ otherwise.",
        OK,
    ),
    (  # the σ' of the product rule's second term forgotten
        "gelu_silu",
        "dy_dx",
        r"$\sigma(x_i)+x_i\sigma(x_i)$ if $i = k$, and $0$ otherwise",
        {NOT_EQUIVALENT},
    ),
    (
        "hw3_2ab",
        "y",
        r"$y(n) = 2 - 2^{-n}$ if $0 \le n \le L-1$, $y(n) = 2^{-n}(2^L-1)$ if $n \ge L$, "
        r"and $0$ otherwise.",
        OK,
    ),
    (  # 2^{1-n} for 2^{-n} in the tail
        "hw3_2ab",
        "y",
        r"$y(n) = 2 - 2^{-n}$ if $0 \le n \le L-1$, $y(n) = 2^{1-n}(2^L-1)$ if $n \ge L$, "
        r"and $0$ otherwise.",
        {NOT_EQUIVALENT},
    ),
    (  # a remark after "i.e." is not read: the formula before it is the answer
        "conv1d_backward",
        "dL_dw",
        r"$\sum_{k=1}^{N-K+1} x_{l+k-1}\frac{\partial L}{\partial y_k}$, i.e. the "
        r"cross-correlation of $x$ with $\partial L/\partial y$",
        OK,
    ),
    (  # … and cannot make a wrong formula right
        "conv1d_backward",
        "dL_dw",
        r"$\sum_{k=1}^{N-K+1} x_{l+k}\frac{\partial L}{\partial y_k}$, i.e. "
        r"$\sum_{k=1}^{N-K+1} x_{l+k-1}\frac{\partial L}{\partial y_k}$",
        {NOT_EQUIVALENT},
    ),
    (  # words that join nothing the grammar knows: not read, never a quantity
        "gelu_silu",
        "dy_dx",
        r"$\sigma(x_i)(1 + x_i(1-\sigma(x_i)))$ because $i = k$ and $0$ otherwise",
        {UNREADABLE},
    ),
]


@pytest.mark.parametrize("pid,target,latex,expected", ANSWERS)
def test_write_up_sentences(pid, target, latex, expected):
    v = check(pid, target, latex)
    assert v.status in expected, (latex, v.status, v.reason)


def test_the_joined_text():
    assert write_up(r"$A$ if $i = k$, and $0$ otherwise.") == (
        r"A \text{ if } i = k , 0 \text{ otherwise }"  # "and" before the last row: a row
    )
    assert write_up(r"$A$ for $n \ge 0$ and $0$ otherwise") == (
        r"A \text{ for } n \ge 0 , 0 \text{ otherwise }"
    )
    assert write_up(r"$A$, i.e. $B$") == "A"
    assert write_up(r"$A$") == "A"
    # a lead-in says nothing of the value: not read (and shown as not read by "read as")
    assert write_up(r"The answer is $A$ if $B$") == r"A \text{ if } B"
    assert write_up(r"so $A$.") == "A"
    assert write_up(r"Differentiating again, $A = B$") == "A = B"
    # a lead-in that could carry math is no lead-in: the answer stays unreadable
    assert write_up(r"minus $A$") is None
    assert write_up(r"half of $A$") is None
    # a definition first: joined after the answer, as a where-clause or a condition
    assert write_up(r"with $e = \hat x - x$: $2e$") == r"2e \text{ where } e = \hat x - x"
    assert write_up(r"for $n \ge L$, $y = 0$") == r"y = 0 \text{ for } n \ge L"
    assert write_up(r"$A$ because $B$") is None


# -- a where-clause that defines a function: φ(u) = e^{−u²/2}/√(2π) -------------------------


def test_gelu_derivative_meaning():
    """d/du u Φ(u) = Φ(u) + u φ(u), φ the standard normal density (central differences)."""
    from math import erf, exp, pi, sqrt

    Phi = lambda v: 0.5 * (1 + erf(v / sqrt(2)))  # noqa: E731
    gelu = lambda v: v * Phi(v)  # noqa: E731
    for u in (-1.3, 0.2, 2.1):
        fd = (gelu(u + 1e-6) - gelu(u - 1e-6)) / 2e-6
        assert fd == pytest.approx(Phi(u) + u * exp(-(u**2) / 2) / sqrt(2 * pi), abs=1e-8)


WHERE_FUNCTIONS = [
    (r"$\Phi(u)+u\,\varphi(u)$ where $\varphi(u)=\frac{1}{\sqrt{2\pi}}e^{-u^2/2}$", OK),
    (r"\Phi(u)+u\,f(u), \text{ where } f(x)=\frac{e^{-x^2/2}}{\sqrt{2\pi}}", OK),
    (
        r"\Phi(u)+u\,\varphi(u) \text{ where } \varphi(u)=\frac{1}{\sqrt{2\pi}}e^{-u^2}",
        {NOT_EQUIVALENT},
    ),
    (
        r"\Phi(u)+\varphi(u) \text{ where } \varphi(u)=\frac{1}{\sqrt{2\pi}}e^{-u^2/2}",
        {NOT_EQUIVALENT},
    ),
    # erf applied to a fraction written without ( ), as \sin x is
    (
        r"\frac12\left(1+\operatorname{erf}\frac{u}{\sqrt2}\right)+\frac{u}{\sqrt{2\pi}}e^{-u^2/2}",
        OK,
    ),
    (
        r"\frac12\left(1+\operatorname{erf}\frac{u}{\sqrt2}\right)-\frac{u}{\sqrt{2\pi}}e^{-u^2/2}",
        {NOT_EQUIVALENT},
    ),
]


@pytest.mark.parametrize("latex,expected", WHERE_FUNCTIONS)
def test_a_function_defined_in_a_where_clause(latex, expected):
    v = check("gelu_silu", "dgelu_du", latex)
    assert v.status in expected, (latex, v.status, v.reason)
