"""Plain-text answers, as typed into an answer box (issue 28): the grammar of
``symderiv.check.read.plain`` reads them into the LaTeX the reader reads, every token used or the
answer unreadable naming it; and the verdicts of answers typed that way, right and wrong."""

import pytest

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT, NUMERIC, UNREADABLE
from symderiv.check.read.plain import PlainError, looks_plain, to_latex

OK = {EQUIVALENT, NUMERIC}


@pytest.mark.parametrize(
    ("typed", "latex"),
    [
        ("sigma'(y~_k)*delta_ik*x_j", r"\sigma'(\tilde{y}_{k}) \cdot \delta_{ik} \cdot x_{j}"),
        ("σ'(ỹ_k) δ_ki", r"\sigma'(\tilde{y}_{k}) \delta_{ki}"),
        ("σ′(ỹ_k)", r"\sigma'(\tilde{y}_{k})"),
        ("lambda*w_i", r"\lambda \cdot w_{i}"),
        ("x^T", "x^{T}"),
        ("xᵀ W", r"x^{T} W"),
        ("W^(2)_rk", r"W^{(2)}_{rk}"),
        ("(W^(2))ᵀ(o − t)", r"(W^{(2)})^{T} (o - t)"),
        ("e^(-u)/(1+e^(-u))", r"\frac{e^{-u}}{1 + e^{-u}}"),
        ("λ/2 w_i", r"\frac{\lambda}{2} w_{i}"),
        ("sum_j dL/dy_j * x_j", r"\sum_{j} \left(\frac{\partial L}{\partial y_{j}} \cdot x_{j}\right)"),
        ("∑_{k=1}^{n} w_k", r"\sum_{k = 1}^{n} \left(w_{k}\right)"),
        ("∂f3/∂θ3", r"\frac{\partial f_{3}}{\partial \theta_{3}}"),
        ("df1/dtheta1", r"\frac{\partial f_{1}}{\partial \theta_{1}}"),
        ("γ/√(σ²+ε)", r"\frac{\gamma}{\sqrt{\sigma^{2} + \epsilon}}"),
        ("sqrt(v_hat)", r"\sqrt{v_{hat}}"),
        ("(1−β1)β2^t", r"(1 - \beta_{1}) \beta_{2}^{t}"),
        ("diag(p) - p pᵀ", r"\operatorname{diag}(p) - p p^{T}"),
        ("(I - (1/n) 1 1ᵀ) g", r"(I - (\frac{1}{n}) \mathbf{1} \mathbf{1}^{T}) g"),
        ("tanh²(a_k)", r"\tanh^{2}(a_{k})"),
        ("[a_k > 0] h_k", r"[a_{k} > 0] h_{k}"),
        ("1[a>0]", r"\mathbb{1}[a > 0]"),
        ("relu(a)", r"\max(0, a)"),
        ("x̂_j", r"\hat{x}_{j}"),
        ("ybar_i", r"\bar{y}_{i}"),
        ("p_i(1-p_i) if i=k else -p_i p_k",
         r"\begin{cases} p_{i}(1 - p_{i}) & i = k \\ -p_{i} p_{k} & \text{otherwise} \end{cases}"),
        ("y_k(1−y_k) if i=k, 0 otherwise",
         r"\begin{cases} y_{k}(1 - y_{k}) & i = k \\ 0 & \text{otherwise} \end{cases}"),
        ("0 if n<0; 1 if n>=0", r"\begin{cases} 0 & n < 0 \\ 1 & n \ge 0 \end{cases}"),
        ("y = 2 - (1/2)^n for n ≥ 0", r"y = 2 - (\frac{1}{2})^{n} \quad \text{for } n \ge 0"),
        ("1 2; 3 4", r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}"),
        ("[[1, -2], [3, 4]]", r"\begin{bmatrix} 1 & -2 \\ 3 & 4 \end{bmatrix}"),
        ("c_k·cos(½πk)", r"c_{k} \cdot \cos(\frac{1}{2} \pi k)"),
        ("p - y.", "p - y"),
    ],
)  # fmt: skip
def test_typed_text_reads_as_latex(typed, latex):
    assert looks_plain(typed)
    assert to_latex(typed) == latex


@pytest.mark.parametrize(
    ("typed", "mark"),
    [
        ("sigma(u) @ x", "@"),
        ("p - y ?", "?"),
        ("x_j if", "the end"),
        ("(p - y", "the end"),
        ("p - y)", "')'"),
        ("dL/dyz_j", "'yz'"),
    ],
)
def test_text_without_a_rule_is_refused_naming_the_mark(typed, mark):
    with pytest.raises(PlainError) as exc:
        to_latex(typed)
    assert mark in str(exc.value)


def test_latex_is_not_read_as_typed_text():
    assert not looks_plain(r"\sigma'(\tilde y_k)")
    assert not looks_plain("$p - y$")


# answers typed as students type them: right ones accepted, wrong ones refuted (each one's
# meaning worked out by hand against the problem's statement)
CASES = [
    ("exercise13", "dy_dW", "sigma'(y~_k)*delta_ik*x_j", True),
    ("exercise13", "dy_dW", "σ(ỹ_k)(1−σ(ỹ_k)) δ_ki x_j", True),
    ("exercise13", "dy_dW", "y_k(1-y_k) x_j if i=k, else 0", True),
    ("exercise13", "dy_dW", "σ(ỹ_k)·δ_ik·x_j", False),  # σ where σ' belongs
    ("exercise13", "dy_dx", "σ'(ỹ_k) W_ki", True),
    ("exercise13", "dy_dx", "σ'(ỹ_k) W_ik", False),  # transposed
    ("softmax_ce", "dL_dz", "p_i - y_i", True),
    ("softmax_ce", "dL_dz", "-y_i/p_i", False),
    ("logreg_l2", "dL_dw", "(p - y)*x_i + lambda*w_i", True),
    ("logreg_l2", "dL_dw", "(p-y)x_i + λ/2 w_i", False),
    ("momentum", "v_limit", "g/(1-mu)", True),
    ("momentum", "v_limit", "g/(1+μ)", False),
]


@pytest.mark.parametrize(("pid", "target", "typed", "right"), CASES)
def test_typed_answers_are_judged(pid, target, typed, right):
    p = symderiv.load(pid)
    if target not in {t.name for t in p.problem.targets}:
        pytest.fail(f"{pid} has no target {target}")
    v = p.check(typed, target=target)
    if right:
        assert v.status in OK, (typed, v.status, v.reason)
    else:
        assert v.status == NOT_EQUIVALENT, (typed, v.status, v.reason)
    assert v.reading and v.reading["text"], "every read answer says how it was read"


def test_a_mark_the_grammar_has_no_rule_for_makes_typed_text_unreadable():
    v = symderiv.load("exercise13").check("σ'(ỹ_k) W_ki @", target="dy_dx")
    assert v.status == UNREADABLE
    assert "@" in v.reason


# an answer to part of a question: judged on the region it gives (of the signal's variable)
REGION = [
    (r"y(n) = 2 - 2^{-n} \quad \text{for } 0 \le n \le L-1", True),
    ("y(n) = 2 - (1/2)^n for 0 <= n <= L-1", True),  # typed
    (r"(2^L - 1) 2^{-n} \text{ for } n \ge L", True),
    (r"3 - 2^{-n} \text{ for } 0 \le n \le L-1", False),
    (r"(2^L - 1) 2^{-n} \text{ for } n \ge L-2", False),  # right only from L on
]


@pytest.mark.parametrize(("answer", "right"), REGION)
def test_an_answer_on_a_region_is_judged_there(answer, right):
    # y(n) = Σ_{k=0}^{L−1} 2^{-(n−k)} u(n−k): 2 − 2^{−n} for 0 ≤ n ≤ L − 1, (2^L − 1) 2^{−n}
    # from L on (worked by hand from hw3_2ab's statement)
    v = symderiv.load("hw3_2ab").check(answer, target="y")
    assert (v.status in OK) == right, (v.status, v.reason)
    assert any("the answer's region" in n for n in v.notes)


def test_a_case_on_jacobian_indices_is_not_a_region():
    v = symderiv.load("exercise13").check(r"\sigma'(\tilde y_k) x_j \text{ if } i = k", "dy_dW")
    assert v.status not in OK  # the 0 where i ≠ k is part of the answer
