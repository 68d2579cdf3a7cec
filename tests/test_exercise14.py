"""Exercise 1.4: chain rule through three abstract layers, with and without the skip."""

import pytest
import sympy as sp

x = sp.Symbol("x", real=True)
t1, t2, t3 = sp.symbols(r"\theta_1 \theta_2 \theta_3", real=True)
yt, y = sp.Symbol(r"\tilde{y}", real=True), sp.Symbol("y", real=True)
f1, f2, f3 = sp.symbols("f_1 f_2 f_3", cls=sp.Function)

# hand derivation, in the write-up's notation ỹ = f_1(x, θ_1), y = f_2(ỹ, θ_2)
d3y = sp.Derivative(f3(y, t3), y)
d2y = sp.Derivative(f2(yt, t2), yt)
d1 = sp.Derivative(f1(x, t1), t1)
d2 = sp.Derivative(f2(yt, t2), t2)
d3 = sp.Derivative(f3(y, t3), t3)

EXPECTED = {
    "dF_dtheta1": d3y * d2y * d1,
    "dF_dtheta2": d3y * d2,
    "dF_dtheta3": d3,
    "dG_dtheta1": (1 + d3y) * d2y * d1,
    "dG_dtheta2": (1 + d3y) * d2,
    "dG_dtheta3": d3,
    "dG_minus_dF_theta1": d2y * d1,
    "dG_minus_dF_theta2": d2,
    "dG_minus_dF_theta3": 0,
}


@pytest.mark.parametrize(("name", "expected"), EXPECTED.items())
def test_results(d14, name, expected):
    r = d14[name]
    assert sp.expand(r.expr - expected) == 0
    assert r.numeric.passed and r.numeric.max_error < 1e-12 and r.numeric.points >= 6


def test_latex_is_in_the_write_ups_notation(d14):
    assert d14["dF_dtheta1"].latex == (
        r"\frac{\partial F}{\partial \theta_{1}} = "
        r"\frac{\partial f_{3}{\left(y,\theta_{3} \right)}}{\partial y} "
        r"\frac{\partial f_{2}{\left(\tilde{y},\theta_{2} \right)}}{\partial \tilde{y}} "
        r"\frac{\partial f_{1}{\left(x,\theta_{1} \right)}}{\partial \theta_{1}}"
    )
    assert d14["dG_minus_dF_theta3"].latex == (
        r"\frac{\partial G}{\partial \theta_{3}} - \frac{\partial F}{\partial \theta_{3}} = 0"
    )


def test_chain_rule_steps(d14):
    rules = [s.rule for s in d14["dG_dtheta1"].steps]
    assert rules.count("chain rule") == 2 and rules[-1] == "substitute"
    assert all(s.check for s in d14["dG_dtheta1"].steps)
