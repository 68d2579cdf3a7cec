"""Exercise 1.1 of seed 000: the NAND perceptron, and the tools beyond it."""

import sympy as sp

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT
from symderiv.ops.logic import Feasible, MaxMargin

w = sp.IndexedBase("w", real=True)
b = sp.Symbol("b", real=True)


def test_nand_set_and_max_margin():
    d = symderiv.load("exercise11").derive(cache=False)
    expected = sp.And(b >= 0, w[1] + b >= 0, w[2] + b >= 0, w[1] + w[2] + b < 0)
    assert d["nand_set"].expr == expected
    # the hard-margin separator: active rows (1,0), (0,1), (1,1); margin √2/4
    assert d["max_margin"].expr == sp.Tuple(-2, -2, 3)
    assert d["max_margin"].numeric.passed


def test_the_write_ups_choice_is_in_the_set():
    # w_1 = w_2 = −2, b = 3: rows give 3, 1, 1, −1 — NAND on all four
    ((_claim, v),) = symderiv.load("exercise11").check_claims()
    assert v.status == EQUIVALENT and "4 conditions" in v.reason


def test_a_wrong_choice_names_the_broken_row():
    p = symderiv.load("exercise11")
    v = p.check(r"w_1 = w_2 = -1, b = 3", target="nand_set")  # (1,1) gives 1 ≥ 0: outputs 1
    assert v.status == NOT_EQUIVALENT and "w_{1} + w_{2}" in v.witness["condition"]


def test_and_gate_beyond_the_seed():
    table = sp.Tuple(*[sp.Tuple(x1, x2, int(x1 and x2)) for x1 in (0, 1) for x2 in (0, 1)])
    W = sp.Tuple(w[1], w[2])
    s = Feasible(table, W, b).derive(None, [])
    assert Feasible(table, W, b).check(s).passed
    mm = MaxMargin(table, W, b).derive(None, [])
    assert mm == sp.Tuple(2, 2, -3)
    assert MaxMargin(table, W, b).check(mm).passed
    assert not MaxMargin(table, W, b).check(sp.Tuple(4, 4, -6)).passed  # feasible, not maximal
