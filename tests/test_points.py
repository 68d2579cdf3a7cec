"""A random point is a function of its seed alone: each leaf is drawn from a stream of its
own, so the values computed at a point can be shared by every check in a grading run, and a
check's verdict, witness and diagnosis never depend on what was checked before it."""

import sympy as sp

import symderiv
from symderiv.check import sandbox
from symderiv.engine import numeric
from symderiv.engine.calculus import Context


def test_a_point_does_not_depend_on_the_order_its_leaves_are_drawn_in():
    problem = symderiv.load("mlp2").problem
    ctx = Context(problem)
    sizes = numeric.default_sizes(problem)
    base = {str(b.label): b for b in problem.shapes}
    leaves = [base["W^{(1)}"][1, 2], base["x"][3], base["b^{(1)}"][2], base["t"][1]]
    one, other = (numeric.Instance(ctx, sizes, seed=11) for _ in range(2))
    for a in leaves:
        one.value(a)  # drawn into the instance's own point
    for a in reversed(leaves):
        other.value(a)
    assert {a: one.point[a] for a in leaves} == {a: other.point[a] for a in leaves}
    third = numeric.Instance(ctx, sizes, seed=12)
    assert third.value(leaves[0]) != one.point[leaves[0]]  # another seed, another point


def _verdict(pid, target, latex):
    v = symderiv.load(pid).check(latex, target)
    return v.status, v.reason, v.witness, v.diagnosis


CASES = [  # wrong with a witness, at a kink, right only numerically (kinks seen both sides)
    ("mlp2", "dL_db1", r"\mathbb{1}[a_k>0.5]\sum_{r=1}^{c} (o_r - t_r) W^{(2)}_{rk}"),
    ("mlp2", "dL_db1", r"\mathbb{1}[a_k \ge 0]\sum_{r=1}^{c} (o_r - t_r) W^{(2)}_{rk}"),
    ("exercise13", "dy_db", r"\frac{1}{2 + e^{-\tilde{y}_k} + e^{\tilde{y}_k}}"),
    (
        "hw3_3b",
        "dL_dx",
        r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}} \frac{\partial L}{\partial \hat{x}_i}",
    ),
]
BEFORE = [  # other answers to the same problems, meeting their quantities in other orders
    ("mlp2", "dL_dW1", r"x_j \sum_{r=1}^{c} (o_r - t_r) W^{(2)}_{rk}"),
    ("mlp2", "dL_dW2", r"(t_r - o_r) h_k"),
    ("exercise13", "dy_db", r"\sigma(\tilde{y}_i) \delta_{ik}"),
    ("hw3_3b", "dL_dx", r"\frac{\partial L}{\partial \hat{x}_i}"),
]


def test_a_verdict_does_not_depend_on_what_the_worker_checked_before():
    sandbox.worker().stop()  # a fresh worker: nothing computed at any point yet
    alone = [_verdict(*case) for case in CASES]
    sandbox.worker().stop()
    for case in BEFORE:
        _verdict(*case)
    after = [_verdict(*case) for case in reversed(CASES)][::-1]
    assert after == alone
    assert [v[0] for v in alone] == ["not-equivalent", "equivalent-numerically",
                                     "not-equivalent", "not-equivalent"]  # fmt: skip
    assert all(v[2] for v in alone if v[0] == "not-equivalent")  # each with its witness
    assert sp.Float(alone[2][2]["claimed"]) > 0  # the dropped δ: nonzero where i ≠ k
