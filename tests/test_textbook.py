"""Closed forms print as a textbook prints them (issue 29): a denominator the assumptions make
negative is turned round (g/(1 − μ), not −g/(μ − 1)), the sign goes into the numerator's sums
(g(1 − μᵗ)), and a start value stays apart. The values are the derivation's own (checked by
its simulation); what is pinned here is the printed form."""

import pytest

import symderiv


@pytest.fixture(scope="module")
def momentum():
    return symderiv.load("momentum").derive()


def test_the_velocity_and_its_limit_print_with_one_minus_mu(momentum):
    assert momentum["v_closed"].latex.endswith(r"= \frac{g \left(1 - \mu^{t}\right)}{1 - \mu}")
    assert momentum["v_limit"].latex.endswith(r"= \frac{g}{1 - \mu}")


def test_the_iterate_keeps_its_start_apart(momentum):
    tex = momentum["theta_closed"].latex
    assert tex.endswith(r"\theta_{0}") and r"\left(1 - \mu\right)^{2}" in tex
    assert r"\mu^{t + 1}" in tex  # μ μᵗ written as one power


def test_a_first_moment_under_a_constant_gradient_is_factored():
    d = symderiv.load("hw3_4a").derive()
    tex = [r.latex for r in d]
    assert r"m_{t} = g \left(1 - \beta_{1}^{t}\right)" in tex
