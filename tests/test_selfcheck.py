"""The self-checks of a derivation cannot pass vacuously: a derivation broken on purpose
inside a ReLU network is caught at the default settings, and the points the check uses put
every ReLU on both sides of its kink."""

import sympy as sp

import symderiv
from symderiv.engine.calculus import Context
from symderiv.engine.selfcheck import numeric_check


def _mlp():
    p = symderiv.load("mlp2")
    return p.problem, p.derive("dL_dW1", "dL_dW2")


def _check(problem, name, entry):
    target = problem.target(name)
    ctx = Context(problem)
    expr = target.expr
    ranges = ctx.ranges(expr)
    from symderiv.engine.numeric import default_sizes

    return numeric_check(ctx, target, expr, entry, entry, ranges, default_sizes(problem), 0)


def test_the_derived_gradient_passes_and_sees_both_sides_of_every_relu():
    problem, d = _mlp()
    check = _check(problem, "dL_dW1", d["dL_dW1"].entry)
    assert check.passed, check.method
    assert "kinks seen on both sides" in check.method
    # and both hidden units active together, and each alone (the test below needs it)
    assert "every pair of them in all four sign patterns" in check.method


def test_a_dropped_term_inside_the_relu_network_is_caught():
    """Drop the targets t_r from Σ_r W2_rk (o_r − t_r) 1[a_k > 0] x_j: the result is wrong only
    where the ReLU is active, which a check at one random point can miss entirely."""
    problem, d = _mlp()
    t = next(b for b in problem.shapes if str(b.label) == "t")
    broken = d["dL_dW1"].entry.replace(
        lambda e: isinstance(e, sp.Indexed) and e.base == t, lambda e: 0
    )
    assert broken != d["dL_dW1"].entry
    assert not _check(problem, "dL_dW1", broken).passed


def test_a_result_that_is_zero_wherever_the_relu_is_off_is_not_vacuously_right():
    """(o_r − t_r) h_k with an extra term that vanishes when every h is 0 (all ReLUs off)."""
    problem, d = _mlp()
    h = next(b for b in problem.shapes if str(b.label) == "h")
    broken = d["dL_dW2"].entry + h[1] * h[2]
    assert not _check(problem, "dL_dW2", broken).passed
