"""Every handwritten claim of Exercises 1.3 and 1.4, judged by the engine.

The expected verdicts below come from a hand derivation, written next to each one. They are
what a careful grader concludes; the engine reaches them by deriving and comparing (no
verdict is stored in a spec).
"""

import pytest

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT

# location → (expected verdict, why; for wrong answers: the counterexample)
EXPECTED_13 = {
    "Exercise 1.3, line 93 (preliminary result)": (
        NOT_EQUIVALENT,
        "∂ỹ/∂W_ij is the 4-vector with entries ∂ỹ_k/∂W_ij = δ_ki x_j, i.e. x_j e_i; "
        "x^T is a 1×3 row vector: the shapes already differ",
        "1×3",
    ),
    "Exercise 1.3, line 95 (preliminary result)": (
        NOT_EQUIVALENT,
        "∂ỹ/∂b is the 4×4 identity (∂ỹ_k/∂b_i = δ_ki), not the scalar 1; "
        "the left side b^* is not readable LaTeX and is noted, not judged",
        "scalar",
    ),
    "Exercise 1.3, line 99 (preliminary result)": (
        NOT_EQUIVALENT,
        "∂ỹ/∂x_i is column i of W (a 4-vector, ∂ỹ_k/∂x_i = W_ki); W^T is 3×4",
        "3×4",
    ),
    "Exercise 1.3, line 103 (preliminary result)": (
        EQUIVALENT,
        "entrywise, dσ/du = e^{-u}/(1+e^{-u})^2 = 1/(e^u + 2 + e^{-u}): both forms are right",
        None,
    ),
    "Exercise 1.3, line 107": (
        NOT_EQUIVALENT,
        "∂y_k/∂W = σ'(ỹ_k) e_k x^T is 4×3; x (3×1) divided entrywise by a function of "
        "ỹ (4×1) is not even a well-formed product",
        "no order",
    ),
    "Exercise 1.3, line 109": (
        NOT_EQUIVALENT,
        "∂y/∂x = diag(σ'(ỹ)) W is 4×3; W^T times a 4-vector is 3×1",
        "the answer is a 3×1 matrix, the derived result is a 4×3 matrix",
    ),
    "Exercise 1.3, line 111": (
        NOT_EQUIVALENT,
        "∂y/∂b = diag(σ'(ỹ)) is 4×4; the answer is the 4-vector σ'(ỹ) (its diagonal)",
        "4×1",
    ),
    "Exercise 1.3, line 115 (to be more precise)": (
        EQUIVALENT,
        "∂y_k/∂W_ij = σ'(ỹ_k) δ_ki x_j, which is 0 for k ≠ i and x_j σ'(ỹ_k) otherwise",
        None,
    ),
    "Exercise 1.3, line 117 (to be more precise)": (
        EQUIVALENT,
        "the chain rule ∂y_k/∂ỹ_k · ∂ỹ_k/∂x_i, as stated",
        None,
    ),
    "Exercise 1.3, line 119 (to be more precise)": (
        EQUIVALENT,
        "∂y_k/∂x_i = σ'(ỹ_k) W_ki with σ'(u) = 1/(2 + e^{-u} + e^u)",
        None,
    ),
    "Exercise 1.3, line 121 (to be more precise)": (
        NOT_EQUIVALENT,
        "∂y_k/∂b_i = σ'(ỹ_k) δ_ki: the answer drops δ_ki, so for i ≠ k it claims "
        "σ'(ỹ_k) > 0 where the derivative is 0",
        "i≠k",
    ),
}

# Exercise 1.4: every answer is right (y = f_2(ỹ, θ_2), ỹ = f_1(x, θ_1)); G = f_3(y, θ_3) + y
EXPECTED_14 = {
    "Exercise 1.4, line 139": "∂F/∂θ_1 = ∂f_3/∂y · ∂f_2/∂ỹ · ∂f_1/∂θ_1 (chain rule through both layers)",
    "Exercise 1.4, line 141": "∂F/∂θ_2 = ∂f_3/∂y · ∂f_2/∂θ_2",
    "Exercise 1.4, line 143": "∂F/∂θ_3 = ∂f_3/∂θ_3",
    "Exercise 1.4, line 147": "∂G/∂θ_1 = (1 + ∂f_3/∂y) ∂f_2/∂ỹ ∂f_1/∂θ_1: the skip adds the identity",
    "Exercise 1.4, line 149": "expanding the bracket gives ∂F/∂θ_1 + ∂f_2/∂ỹ ∂f_1/∂θ_1",
    "Exercise 1.4, line 151": "likewise ∂G/∂θ_2 = ∂F/∂θ_2 + ∂f_2/∂θ_2",
    "Exercise 1.4, line 153": "θ_3 is after the skip: ∂G/∂θ_3 = ∂f_3/∂θ_3 = ∂F/∂θ_3",
}


@pytest.fixture(scope="module")
def verdicts13():
    return {c.location: (c, v) for c, v in symderiv.load("exercise13").check_claims()}


@pytest.fixture(scope="module")
def verdicts14():
    return {c.location: (c, v) for c, v in symderiv.load("exercise14").check_claims()}


def test_every_claim_of_13_is_judged(verdicts13):
    assert set(verdicts13) == set(EXPECTED_13)


@pytest.mark.parametrize("location", EXPECTED_13)
def test_exercise13_claims(verdicts13, location):
    expected, why, evidence = EXPECTED_13[location]
    _, v = verdicts13[location]
    assert v.status == expected, (why, v.status, v.reason)
    if expected == NOT_EQUIVALENT:
        text = v.reason + " " + v.witness_text()
        if evidence == "i≠k":
            assert v.witness["at"]["i"] != v.witness["at"]["k"] and v.witness["derived"] == "0"
        else:
            assert evidence in text, text


def test_the_wrong_bias_derivative_has_a_concrete_witness(verdicts13):
    _, v = verdicts13["Exercise 1.3, line 121 (to be more precise)"]
    assert float(v.witness["claimed"]) > 0  # σ'(ỹ_k) > 0, claimed where 0 is right


def test_unreadable_left_side_is_noted_not_fatal(verdicts13):
    _, v = verdicts13["Exercise 1.3, line 95 (preliminary result)"]
    assert any("side 0: not read" in n for n in v.notes)


@pytest.mark.parametrize("location", EXPECTED_14)
def test_exercise14_claims(verdicts14, location):
    _, v = verdicts14[location]
    assert v.status == EQUIVALENT, (EXPECTED_14[location], v.reason)


def test_every_claim_of_14_is_judged(verdicts14):
    assert set(verdicts14) == set(EXPECTED_14)
