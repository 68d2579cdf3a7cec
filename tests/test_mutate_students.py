"""The mistakes students make, named (issue 28): wrong answers written the way students
write them, each refuted and named with the mistake it makes; right answers get no
diagnosis and stay accepted.

Right and wrong were decided by working the math by hand (noted beside each answer), never
from the checker's output: e.g. ∂p_k/∂z_i = p_k(δ_ik − p_i) for the softmax, so p_k(1 − p_k)
is wrong wherever i ≠ k; ∂L/∂z_i = p_i − y_i, so −y_i/p_i (= ∂L/∂p_i) is wrong."""

import pytest

import symderiv

# (problem, target, the student's answer, the mistake it makes: its name)
WRONG = [
    # a transposed matrix, the wrong layout: ∂y_k/∂x_i = σ'(ỹ_k) W_ki
    ("exercise13", "dy_dx", r"\sigma'(\tilde y_k) W_{ik}", "transposed"),
    ("rnn_tanh", "dh_dhprev", r"(1-h_{t,k}^2) W_{ik}", "transposed"),
    # a function where its derivative belongs: ∂y_k/∂b_i = σ'(ỹ_k) δ_ik, σ' = σ(1 − σ)
    ("exercise13", "dy_db", r"\sigma(\tilde y_k)\delta_{ik}", "function for its derivative"),
    (
        "exercise13",
        "dy_dW",
        r"\sigma(\tilde{y}_k)\,\delta_{ik}\,x_j",
        "function for its derivative",
    ),
    # tanh' = 1 − tanh²: ∂h_{t,k}/∂h_{t−1,i} = (1 − h_{t,k}²) W_ki, not h_{t,k} W_ki
    ("rnn_tanh", "dh_dhprev", r"h_{t,k} W_{ki}", "function for its derivative"),
    ("rnn_tanh", "dh_dhprev", r"\tanh(a^{(t)}_k) W_{ki}", "function for its derivative"),
    # ReLU' is the step 1[a_k > 0], not max(0, a_k)
    (
        "mlp2",
        "dL_db1",
        r"h_k \sum_{r=1}^{c} (o_r - t_r) W^{(2)}_{rk}",
        "function for its derivative",
    ),
    # the derivative where the function belongs: ∂L/∂b = p − y = σ(s) − y
    ("logreg_l2", "dL_db", r"\sigma'(s) - y", "derivative for the function"),
    # a missing chain factor: ∂F/∂θ₁ = ∂f₃/∂y · ∂f₂/∂ỹ · ∂f₁/∂θ₁, the middle one dropped
    (
        "exercise14",
        "dF_dtheta1",
        r"\frac{\partial f_3}{\partial y}\frac{\partial f_1}"
        r"{\partial \theta_1}",
        "missing chain factor",
    ),
    ("exercise13", "dy_dx", r"W_{ki}", "missing chain factor"),  # σ'(ỹ_k) dropped
    ("rnn_tanh", "dh_dhprev", r"W_{ki}", "missing derivative"),  # 1 − h², tanh', dropped
    # a missing term: ∂L/∂w_i = (p − y) x_i + λ w_i; ∂G/∂θ₁ = (∂f₃/∂y + 1) ∂f₂/∂ỹ ∂f₁/∂θ₁
    ("logreg_l2", "dL_dw", r"(p-y)x_i", "dropped term"),
    (
        "exercise14",
        "dG_dtheta1",
        r"\frac{\partial f_3}{\partial y}\frac{\partial f_2}"
        r"{\partial \tilde y}\frac{\partial f_1}{\partial \theta_1}",
        "dropped term",
    ),
    ("attention_softmax", "da_dq", r"\frac{a_j K_{jd}}{\sqrt{D}}", "dropped term"),
    # a coefficient off: λ/2 for λ (the 2 of (λ/2)w² lost), an extra 2, a lost 1/n, a sign
    ("logreg_l2", "dL_dw", r"(p-y)x_i + \frac{\lambda}{2} w_i", "coefficient off"),
    ("logreg_l2", "dL_dw", r"(p-y)x_i + 2\lambda w_i", "coefficient off"),
    ("mlp2", "dL_db2", r"2(o_r - t_r)", "extra factor 2"),  # L = ½Σ(o−t)²: the ½ forgotten
    ("softmax_ce", "dL_dz", r"\frac{1}{2}(p_i - y_i)", "lost factor 2"),
    (
        "hw3_3b",
        "dL_dx",
        r"\gamma\left(\frac{\partial L}{\partial y_i} - \sum_{j=1}^n "
        r"\frac{\partial L}{\partial y_j}\right)",
        "missing 1/n",
    ),
    ("logreg_l2", "dL_dw", r"(p-y)x_i - \lambda w_i", "term sign"),
    ("softmax_ce", "dL_dz", r"y_i - p_i", "sign"),
    # the softmax Jacobian: the diagonal formula everywhere, or the diagonal term dropped
    ("softmax_ce", "dp_dz", r"p_k(1-p_k)", "diagonal formula everywhere"),
    ("attention_softmax", "da_ds", r"a_j(1-a_j)", "diagonal formula everywhere"),
    ("softmax_ce", "dp_dz", r"-p_i p_k", "diagonal term dropped"),
    ("attention_softmax", "da_ds", r"-a_i a_j", "diagonal term dropped"),
    # the derivative by p taken for the derivative by z (or b): ∂L/∂p_i = −y_i/p_i
    ("softmax_ce", "dL_dz", r"-\frac{y_i}{p_i}", "derivative by an intermediate"),
    ("logreg_l2", "dL_db", r"-\frac{y}{p} + \frac{1-y}{1-p}", "derivative by an intermediate"),
    # a matrix product in the wrong order: ∂h_t/∂h_{t−1} = diag(1 − h_t²) W, not W diag(…)
    ("rnn_tanh", "dh_dhprev_matrix", r"W \operatorname{diag}(1 - h_t^2)", "wrong order"),
    ("rnn_tanh", "dh_dhprev", r"(1-h_{t,i}^2) W_{ki}", "wrong order"),
    # an index or a power one off: m_t = β₁ m_{t−1} + (1 − β₁) g_t; m_t = (1 − β₁^t) g
    ("hw3_4a", "m_update", r"\beta_1 m_t + (1-\beta_1) g_t", "index off by one"),
    ("hw3_4a", "m_constant", r"(1-\beta_1^{t-1}) g", "power off by one"),
    ("hw3_4a", "m_constant", r"(1-\beta_1) g", "power off by one"),
    ("momentum", "v_closed", r"\frac{g(1-\mu^{t+1})}{1-\mu}", "power off by one"),
    ("hw3_4a", "m_unrolled", r"(1-\beta_1)\sum_{k=1}^{t} \beta_1^{t-k+1} g_k", "power off by one"),
    ("hw3_4a", "m_unrolled", r"(1-\beta_1)\sum_{k=1}^{t-1} \beta_1^{t-k} g_k", "sum bound"),
    # slips (sets H, I, J): the sign inside a sum, v_∞ = g/(1 − μ) written g/(1 + μ)
    ("momentum", "v_limit", r"\frac{g}{1+\mu}", "sign of a term"),
    # a wrong power: (1 − μ)² in the denominator; the square root of v̂ lost
    ("momentum", "v_limit", r"g/(1-\mu)^2", "wrong power"),
    # ε inside the root: Adam divides by √v̂ + ε, not √(v̂ + ε)
    (
        "hw3_4a",
        "theta_update",
        r"\theta_{t-1} - \alpha \frac{\hat m_t}{\sqrt{\hat v_t + \epsilon}}",
        "inside the root",
    ),
    # an extra factor of the problem's: layer norm's ∂L/∂γ = Σ_j x̂_j ∂L/∂y_j, not γ times it
    (
        "layernorm",
        "dL_dgamma",
        r"\gamma\sum_{j=1}^{n}\hat x_j\frac{\partial L}{\partial y_j}",
        "extra factor",
    ),
    # the activation's derivative once more: logistic loss, ∂L/∂b = p − y, not (p − y)p(1 − p)
    ("logreg_l2", "dL_db", "(p-y) p(1-p)", "extra derivative"),
    # the pre-activation for the activation: ∂L/∂W²_rk = (o_r − t_r) h_k, not (o_r − t_r) a_k
    ("mlp2", "dL_dW2", "(o_r - t_r)*a_k", "pre-activation"),
    # the quantity for its upstream gradient: Y_ij where ∂L/∂Y_ij belongs
    (
        "conv2d_backward",
        "dL_dK",
        r"\sum_{i,j} Y_{ij}\,X_{i+a-1,j+b-1}",
        "missing upstream gradient",
    ),
    # a matrix answer: the term −ppᵀ with the wrong sign in diag(p) − ppᵀ
    ("softmax_ce", "dp_dz_matrix", "diag(p) + p p^T", "sign of a term"),
    # a matrix answer, σ for σ' at every entry: ∂y/∂x = diag(σ'(ỹ)) W
    (
        "exercise13",
        "dy_dx_matrix",
        r"\operatorname{diag}(\sigma(\tilde y))\,W",
        "function for its derivative",
    ),
]


@pytest.mark.parametrize("pid,target,latex,name", WRONG)
def test_a_student_mistake_is_refuted_and_named(pid, target, latex, name):
    v = symderiv.load(pid).check(latex, target=target)
    assert v.status == "not-equivalent", (latex, v.status, v.reason)
    assert v.diagnosis is not None, (latex, "no diagnosis")
    assert v.diagnosis["name"] == name, (latex, v.diagnosis)
    assert v.diagnosis["explanation"], v.diagnosis


# two mistakes at once: σ for σ' and W transposed; the chain factor dropped and the sign
PAIRS = [
    (
        "exercise13",
        "dy_dx",
        r"\sigma(\tilde y_k) W_{ik}",
        {"function for its derivative", "transposed"},
    ),
    ("rnn_tanh", "dh_dhprev", r"h_{t,k} W_{ik}", {"function for its derivative", "transposed"}),
]


@pytest.mark.parametrize("pid,target,latex,names", PAIRS)
def test_two_student_mistakes_at_once_are_named(pid, target, latex, names):
    v = symderiv.load(pid).check(latex, target=target)
    assert v.status == "not-equivalent", (latex, v.status, v.reason)
    assert v.diagnosis and set(v.diagnosis["name"].split(" + ")) == names, v.diagnosis


def test_the_explanations_say_what_belongs_where():
    v = symderiv.load("exercise13").check(r"\sigma(\tilde y_k)\delta_{ik}", target="dy_db")
    text = v.diagnosis["explanation"]
    assert "belongs" in text and r"\sigma'" in text and r"1 - \sigma" in text
    v = symderiv.load("softmax_ce").check(r"-\frac{y_i}{p_i}", target="dL_dz")
    assert r"\partial L/\partial p_{i}" in v.diagnosis["explanation"]


# right answers, each worked by hand: no diagnosis, still accepted
RIGHT = [
    ("exercise13", "dy_db", r"y_k(1-y_k)\delta_{ik}"),  # σ' = σ(1 − σ), y = σ(ỹ)
    ("exercise13", "dy_dx", r"\sigma(\tilde y_k)(1-\sigma(\tilde y_k)) W_{ki}"),
    ("softmax_ce", "dp_dz", r"p_k(\delta_{ik} - p_i)"),
    ("softmax_ce", "dL_dz", r"p_i - y_i"),
    ("logreg_l2", "dL_dw", r"\lambda w_i + (\sigma(s) - y) x_i"),
    ("logreg_l2", "dL_db", r"p - y"),
    ("rnn_tanh", "dh_dhprev", r"(1-\tanh^2(a_{t,k})) W_{ki}"),
    ("rnn_tanh", "dh_dhprev_matrix", r"\operatorname{diag}(1 - h_t^2) W"),
    ("mlp2", "dL_db2", r"o_r - t_r"),
    ("attention_softmax", "da_ds", r"a_j(\delta_{ij} - a_i)"),
    ("momentum", "v_closed", r"\frac{g(1-\mu^{t})}{1-\mu}"),  # Σ_{s<t} μ^s g
    ("hw3_4a", "m_constant", r"(1-\beta_1^{t}) g"),
    ("hw3_4a", "m_update", r"\beta_1 m_{t-1} + (1-\beta_1) g_t"),
]


@pytest.mark.parametrize("pid,target,latex", RIGHT)
def test_a_right_answer_gets_no_diagnosis(pid, target, latex):
    v = symderiv.load(pid).check(latex, target=target)
    assert v.ok, (latex, v.status, v.reason)
    assert v.diagnosis is None


def test_student_mistakes_are_bounded_and_deterministic():
    from symderiv.check.diagnose import mistakes
    from symderiv.check.diagnose.mutate import mutations_of

    ex = symderiv.load("hw3_4a")
    d = ex.derive()
    target = ex.problem.target("theta_update")
    wrong, _ = mutations_of(ex.problem, d.results["theta_update"], target)
    again = mutations_of(ex.problem, d.results["theta_update"], target)
    assert [m.expr for m in wrong] == [m.expr for m in again[0]]
    entry = d.results["theta_update"].entry
    assert len(mistakes.student_mistakes(entry)) <= mistakes.MAX_STUDENT
