"""An unknown name in an answer: undecided, and the verdict names the nearest quantity the
problem defines (issue 28: "\\tilde z ? the problem defines ỹ; did you mean ỹ")."""

import pytest

import symderiv

EX = symderiv.load("exercise13")


@pytest.mark.parametrize(
    ("answer", "written", "meant"),
    [
        (r"\sigma'(\tilde{z}_k)\, x_j \delta_{ik}", r"$\tilde{z}$", r"$\tilde{y}$"),
        (r"\sigma'(\tilde{y}_k)\, X_j \delta_{ik}", "$X$", "$x$"),
    ],
)
def test_the_nearest_defined_name_is_suggested(answer, written, meant):
    v = EX.check(answer, "dy_dW")
    assert v.status == "undecided"
    assert f"did you mean {meant} for {written}?" in v.reason, v.reason


def test_no_suggestion_for_a_name_nothing_resembles():
    v = EX.check(r"\sigma'(\tilde{y}_k)\, q_j \delta_{ik}", "dy_dW")
    assert v.status == "undecided" and "did you mean" not in v.reason
