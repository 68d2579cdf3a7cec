"""Equivalence verdicts: equal rewritings must come out equivalent, common mistakes
not-equivalent with a correct witness, bad input a clear verdict within its bound."""

import pytest

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT, NUMERIC, UNDECIDED, UNREADABLE

OK = {EQUIVALENT, NUMERIC}


@pytest.fixture(scope="module")
def p13():
    return symderiv.load("exercise13")


@pytest.fixture(scope="module")
def p14():
    return symderiv.load("exercise14")


# ∂y_k/∂W_ij = σ'(ỹ_k) δ_ik x_j written other but equal ways
DY_DW_EQUAL = [
    r"\sigma'(\tilde{y}_k) \delta_{ki} x_j",
    r"\sigma'(\tilde{y}_k) \delta_{ik} x_j",  # δ with swapped indices
    r"\sigma(\tilde{y}_k)(1-\sigma(\tilde{y}_k)) \delta_{ik} x_j",
    r"\frac{e^{-\tilde{y}_k}}{(1+e^{-\tilde{y}_k})^2} \delta_{ki} x_j",
    r"\frac{\delta_{ik} x_j}{2 + e^{\tilde{y}_k} + e^{-\tilde{y}_k}}",
    r"\frac{\delta_{ik} x_j}{4\cosh^2(\tilde{y}_k/2)}",
    r"\begin{cases} \sigma'(\tilde y_k) x_j & i = k \\ 0 & \text{otherwise} \end{cases}",
    r"\frac{\partial y_k}{\partial \tilde{y}_k} \frac{\partial \tilde{y}_k}{\partial W_{ij}}",
]


@pytest.mark.parametrize("latex", DY_DW_EQUAL)
def test_equal_rewritings_of_dy_dW(p13, latex):
    v = p13.check(latex, target="dy_dW")
    assert v.status in OK, (v.status, v.reason)


# ∂y_k/∂x_i = σ'(ỹ_k) W_ki
DY_DX_EQUAL = [
    r"W_{ki} \sigma'(\tilde{y}_k)",
    r"\frac{W_{ki}}{1/(\sigma(\tilde{y}_k)(1 - \sigma(\tilde{y}_k)))}",
    r"\frac{W_{ki} e^{\tilde{y}_k}}{(1 + e^{\tilde{y}_k})^2}",
]


@pytest.mark.parametrize("latex", DY_DX_EQUAL)
def test_equal_rewritings_of_dy_dx(p13, latex):
    v = p13.check(latex, target="dy_dx")
    assert v.status in OK, (v.status, v.reason)


# (answer, why it is wrong, what the witness must show)
DY_DW_WRONG = [
    # dropped Kronecker delta: nonzero when i ≠ k, where the derivative is 0
    (
        r"\sigma'(\tilde{y}_k) x_j",
        "dy_dW",
        lambda w: w["at"]["i"] != w["at"]["k"] and w["derived"] == "0",
    ),
    # sign error: every point with W_ki ≠ 0 differs
    (
        r"-\sigma'(\tilde{y}_k) W_{ki}",
        "dy_dx",
        lambda w: float(w["claimed"]) == -float(w["derived"]),
    ),
    # missing factor (1 - σ): σ alone is not σ'
    (r"\sigma(\tilde{y}_k) W_{ki}", "dy_dx", lambda w: w["claimed"] != w["derived"]),
    # missing factor W_ki
    (r"\sigma'(\tilde{y}_k)", "dy_dx", lambda w: w["claimed"] != w["derived"]),
    # δ on the wrong pair of indices: δ_jk instead of δ_ik
    (r"\sigma'(\tilde{y}_k) \delta_{jk} x_j", "dy_dW", lambda w: w["claimed"] != w["derived"]),
    # transposed indices W_ik instead of W_ki
    (r"\sigma'(\tilde{y}_k) W_{ik}", "dy_dx", lambda w: w["at"]["i"] != w["at"]["k"]),
    # the write-up's own mistake (∂f_k/∂b_i with no δ_ki)
    (
        r"\frac{1}{2 + e^{-\tilde{y}_k} + e^{\tilde{y}_k}}",
        "dy_db",
        lambda w: w["at"]["i"] != w["at"]["k"] and w["derived"] == "0",
    ),
]


@pytest.mark.parametrize(("latex", "target", "witness_ok"), DY_DW_WRONG)
def test_common_mistakes_are_not_equivalent_with_a_witness(p13, latex, target, witness_ok):
    v = p13.check(latex, target=target)
    assert v.status == NOT_EQUIVALENT, (v.status, v.reason)
    assert v.witness and witness_ok(v.witness), v.witness


def test_matrix_answers_entry_by_entry(p13):
    # diag(σ'(ỹ)) W written out for the seed's sizes, one entry wrong: (2, 3)
    rows = r" \\ ".join(
        " & ".join(rf"\sigma'(\tilde y_{r}) W_{{{r}{c}}}" for c in (1, 2, 3)) for r in (1, 2, 3, 4)
    )
    good = r"\begin{bmatrix} " + rows + r" \end{bmatrix}"
    v = p13.check(good, target="dy_dx_matrix_seed")
    assert v.status == EQUIVALENT, v.reason
    bad = good.replace(r"\sigma'(\tilde y_2) W_{23}", r"\sigma'(\tilde y_3) W_{23}")
    v = p13.check(bad, target="dy_dx_matrix_seed")
    assert v.status == NOT_EQUIVALENT
    assert "(2, 3)" in v.reason and v.witness["entry"] == "(2, 3)"


def test_transpose_is_a_transpose(p13):
    v = p13.check(r"\frac{\partial \tilde{y}}{\partial x} = W^T", target="dyt_dx_seed")
    assert v.status == NOT_EQUIVALENT and "3×4" in v.reason and "4×3" in v.reason
    assert p13.check("W", target="dyt_dx_seed").status == EQUIVALENT


def test_chain_rule_with_abstract_functions(p14):
    reordered = (
        r"\frac{\partial f_1(x,\theta_1)}{\partial \theta_1}"
        r"\frac{\partial f_2(\tilde y,\theta_2)}{\partial \tilde y}"
        r"\frac{\partial f_3(y,\theta_3)}{\partial y}"
    )
    assert p14.check(reordered, target="dF_dtheta1").status == EQUIVALENT
    # forgetting the skip connection's identity term: ∂G/∂θ_1 ≠ ∂F/∂θ_1
    v = p14.check(reordered, target="dG_dtheta1")
    assert v.status == NOT_EQUIVALENT
    assert "functions" in v.witness  # the random f_i of the counterexample are shown


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (r"\sum_{j=1}^{n} x_j", r"\sum_{i=1}^{n} x_i", EQUIVALENT),  # renamed index
        (r"\sum_{j=1}^{n-1} x_j", r"\sum_{j=1}^{n} x_j", NOT_EQUIVALENT),  # off by one
        (r"\frac{e^{-u}}{(1+e^{-u})^2}", r"\frac{1}{4\cosh^2(u/2)}", EQUIVALENT),
        (r"\frac{1}{2+e^u+e^{-u}}", r"\frac{e^{-u}}{(1+e^{-u})^2}", EQUIVALENT),
        (r"\frac{1}{2+e^u+e^{-u}}", r"\frac{e^{u}}{(1+e^{-u})^2}", NOT_EQUIVALENT),
        (r"\delta_{ik}", r"\delta_{ki}", EQUIVALENT),
        (r"\delta_{ik} a_i", r"\delta_{ik} a_k", EQUIVALENT),
        (r"\delta_{ik} a_i", r"a_k", NOT_EQUIVALENT),
    ],
)
def test_equivalent_api(a, b, expected):
    v = symderiv.equivalent(a, b)
    assert v.status == expected, (v.status, v.reason)
    if expected == NOT_EQUIVALENT:
        assert v.witness["claimed"] != v.witness["derived"]


def test_off_by_one_witness_names_the_bound():
    v = symderiv.equivalent(r"\sum_{j=1}^{n-1} x_j", r"\sum_{j=1}^{n} x_j")
    assert "n" in v.witness["at"]


@pytest.mark.parametrize(
    ("answer", "expected", "why"),
    [
        (r"\approx 0.4", NUMERIC, "1/√(2π) = 0.3989 is within ±0.05 of 0.4"),
        (r"\approx 0.40", NUMERIC, "and within ±0.005 of 0.40"),
        (r"\approx 0.4000", NOT_EQUIVALENT, "but not within ±0.00005 of 0.4000"),
        (r"\approx 0.5", NOT_EQUIVALENT, "0.5 is 0.10 away"),
        ("0.4", NUMERIC, "a bare decimal is a rounded value too: 0.3989… rounds to 0.4"),
        ("0.399", NUMERIC, "and to 0.399 at three figures"),
        ("0.398", NOT_EQUIVALENT, "but not to 0.398"),
    ],
)
def test_approximate_answers_use_the_written_precision(answer, expected, why):
    v = symderiv.equivalent(answer, r"\frac{1}{\sqrt{2\pi}}")
    assert v.status == expected, (why, v.reason)
    if expected == NUMERIC:
        assert "significant figure" in v.reason


HOSTILE = [
    ("{" * 30 + "x" + "}" * 30, {UNREADABLE, UNDECIDED, EQUIVALENT, NOT_EQUIVALENT, NUMERIC}),
    ("{" * 200 + "x" + "}" * 200, {UNREADABLE}),
    (r"10^{10^{10^{10}}}", {UNDECIDED, NOT_EQUIVALENT}),
    ("x+" * 600_000 + "x", {UNREADABLE}),
    (r"\frac{1}{2", {UNREADABLE}),
    (r"\input{/etc/passwd}", {UNREADABLE}),
    ("__import__('os').system('true')", {UNREADABLE}),
    ("∂∂∂ \u202e 😀", {UNREADABLE}),
    ("", {UNREADABLE}),
]


@pytest.mark.parametrize(
    ("latex", "allowed"), HOSTILE, ids=[f"hostile{n}" for n in range(len(HOSTILE))]
)
def test_hostile_answers_get_a_clear_verdict_within_the_bound(p13, latex, allowed):
    v = p13.check(latex, target="dy_dx", timeout=4)
    assert v.status in allowed, (v.status, v.reason)
    assert v.seconds < 8
    assert v.reason and "\n" not in v.reason


def test_equivalent_takes_sympy_symbols_whatever_their_assumptions():
    """symderiv.equivalent(x**2, "x^{2}") with a plain Symbol("x"): the same x as the LaTeX's,
    and a refutation's witness holds when evaluated by hand (claimed: the first argument)."""
    import sympy

    import symderiv

    x = sympy.Symbol("x")
    assert symderiv.equivalent(x**2, r"x^{2}").status == EQUIVALENT
    v = symderiv.equivalent(x**2, r"x^{3}")
    assert v.status == NOT_EQUIVALENT
    at = float(v.witness["at"]["x"])
    assert abs(at**2 - float(v.witness["claimed"])) < 1e-4  # shown to 6 figures
    assert abs(at**3 - float(v.witness["derived"])) < 1e-4


@pytest.mark.parametrize(
    ("pid", "target", "latex", "expected"),
    [
        # σ' = σ(1 − σ) with y_k = σ(ỹ_k): a proof once y is written by its definition
        ("exercise13", "dy_dW", r"y_k(1-y_k)\,[k=i]\,x_j", EQUIVALENT),
        # tanh' = sech² = 1 − tanh², with h_t = tanh(a_t): the two sides are written at
        # different depths of the definitions (a_t against h_t) and must meet
        ("rnn_tanh", "dh_dW", r"\delta_{ik}\operatorname{sech}^2(a_{t,i})\, h_{t-1,j}", EQUIVALENT),
        ("exercise13", "dy_dW", r"y_k(1+y_k)\,[k=i]\,x_j", NOT_EQUIVALENT),
        (
            "rnn_tanh",
            "dh_dW",
            r"\delta_{ik}\operatorname{sech}(a_{t,i})\, h_{t-1,j}",
            NOT_EQUIVALENT,
        ),
    ],
)
def test_a_proof_by_the_definitions(pid, target, latex, expected):
    v = symderiv.load(pid).check(latex, target)
    assert v.status == expected, v
    if expected == EQUIVALENT:
        assert "definitions" in v.reason, v.reason
