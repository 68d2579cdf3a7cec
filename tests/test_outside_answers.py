"""Answers an outside tester wrote against the catalog (a helper session that never read the
engine, labelling each answer with NumPy finite differences of its own forward pass): the
wrong ones the checker once accepted, and right ones it once refuted. Each label is
established here again, in NumPy, before the verdict is asserted."""

import numpy as np
import pytest

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT, NUMERIC, UNDECIDED

OK = {EQUIVALENT, NUMERIC}
H = 1e-6


# -- a two-layer ReLU network: a threshold moved off 0 is wrong between the two kinks ------


def _mlp_loss(W1, b1, W2, b2, x, t):
    a = W1 @ x + b1
    o = W2 @ np.maximum(0, a) + b2
    return 0.5 * np.sum((o - t) ** 2), a, o


@pytest.mark.parametrize("threshold", [0.5, 0.1, -0.1, 0.001])
def test_an_indicator_with_a_moved_threshold_is_refuted(threshold):
    rng = np.random.default_rng(3)
    m, n, c = 3, 4, 2
    W1, W2, x = rng.normal(size=(n, m)), rng.normal(size=(c, n)), rng.normal(size=m)
    b2, t = rng.normal(size=c), rng.normal(size=c)
    b1 = rng.normal(size=n)
    b1[0] += threshold / 2 - (W1 @ x + b1)[0]  # a_1 halfway between 0 and the threshold
    _, a, o = _mlp_loss(W1, b1, W2, b2, x, t)
    e = np.eye(n)[0]
    fd = (
        _mlp_loss(W1, b1 + H * e, W2, b2, x, t)[0] - _mlp_loss(W1, b1 - H * e, W2, b2, x, t)[0]
    ) / (2 * H)
    claimed = float(a[0] > threshold) * float((o - t) @ W2[:, 0])
    assert abs(claimed - fd) > 1e-3  # wrong, at this point (NumPy's own label)
    answer = rf"\mathbb{{1}}[a_k>{threshold}]\sum_{{r=1}}^{{c}} (o_r - t_r) W^{{(2)}}_{{rk}}"
    v = symderiv.load("mlp2").check(answer, "dL_db1")
    assert v.status == NOT_EQUIVALENT, (answer, v.status, v.reason)


def test_the_indicator_at_zero_is_still_right():
    answer = r"\mathbb{1}[a_k>0]\sum_{r=1}^{c} (o_r - t_r) W^{(2)}_{rk}"
    v = symderiv.load("mlp2").check(answer, "dL_db1")
    assert v.status in OK, v.reason


def test_the_answer_key_means_the_indicator_it_prints():
    # The key prints 1[a_k > 0]: 0 at a_k = 0, as PyTorch's and JAX's ReLU gradients are.
    # SymPy's d max(0, a)/da is θ(a), ½ at 0, so the key read back was only "numerically"
    # equal to the derivation it was printed from; a 1[a_k ≥ 0] (1 at 0) is not the same
    # function, and θ(a_k) (½ at 0) not either
    import sympy as sp

    ex = symderiv.load("mlp2")
    result = ex.derive("dL_db1")["dL_db1"]
    assert r"\mathbb{1}\left[a_{k} > 0\right]" in result.latex
    a_k = next(q for q in result.expr.atoms(sp.Indexed) if q.base.label.name == "a")
    assert result.expr.xreplace({a_k: 0}) == 0  # what the printed indicator says at 0
    assert ex.check(result.latex, "dL_db1").status == EQUIVALENT
    tail = r"\sum_{r=1}^{c} (o_r - t_r) W^{(2)}_{rk}"
    assert ex.check(r"\mathbb{1}[a_k>0]" + tail, "dL_db1").status == EQUIVALENT
    for other in (r"\mathbb{1}[a_k \ge 0]", r"\theta(a_k)"):  # right except at a_k = 0
        assert ex.check(other + tail, "dL_db1").status == NUMERIC


def test_the_indicator_of_the_relu_output_is_right_and_its_closed_version_is_not():
    # 1[h_k > 0] with h = ReLU(a) is 1[a_k > 0]; h_k is never negative, so its "other side"
    # is h_k = 0 exactly (the answer was undecided: h_k was never seen below 0)
    rng = np.random.default_rng(5)
    m, n, c = 3, 4, 2
    W1, W2, x = rng.normal(size=(n, m)), rng.normal(size=(c, n)), rng.normal(size=m)
    b1, b2, t = rng.normal(size=n), rng.normal(size=c), rng.normal(size=c)
    _, a, o = _mlp_loss(W1, b1, W2, b2, x, t)
    h = np.maximum(0, a)
    for k in range(n):  # NumPy's labels, at active and inactive units alike
        e = np.eye(n)[k]
        fd = (
            _mlp_loss(W1, b1 + H * e, W2, b2, x, t)[0] - _mlp_loss(W1, b1 - H * e, W2, b2, x, t)[0]
        ) / (2 * H)
        right, closed = (float(cond) * float((o - t) @ W2[:, k]) for cond in (h[k] > 0, h[k] >= 0))
        assert abs(right - fd) < 1e-6
        if a[k] < 0:
            assert abs(closed - fd) > 1e-3
    assert (a < 0).any() and (a > 0).any()
    ex = symderiv.load("mlp2")
    sum_ = r"\sum_{r=1}^{c} (o_r - t_r) W^{(2)}_{rk}"
    v = ex.check(r"\mathbb{1}[h_k > 0]" + sum_, "dL_db1")
    assert v.status in OK, v.reason
    v = ex.check(r"\mathbb{1}[h_k \ge 0]" + sum_, "dL_db1")
    assert v.status == NOT_EQUIVALENT, v.reason


def test_a_mask_applied_before_the_transpose_is_refuted():
    """Wᵀ((o − t) ⊙ 1[a > 0]) multiplies a c-vector by an n-vector entrywise: NumPy refuses
    it; the reader once flattened it into (Wᵀ(o − t)) ⊙ 1[a > 0] and accepted it."""
    rng = np.random.default_rng(0)
    o_t, a = rng.normal(size=2), rng.normal(size=4)
    with pytest.raises(ValueError):
        o_t * (a > 0)
    ex = symderiv.load("mlp2")
    for answer in (
        r"(W^{(2)})^T\left((o-t)\odot\mathbb{1}[a>0]\right)",
        r"W_2^T\left((o-t)\odot\mathbb{1}[a>0]\right)",
    ):
        v = ex.check(answer, "dL_db1_vec")
        assert v.status == NOT_EQUIVALENT, (answer, v.status, v.reason)
    v = ex.check(r"\left((W^{(2)})^T(o-t)\right)\odot\mathbb{1}[a>0]", "dL_db1_vec")
    assert v.status in OK, v.reason


# -- layer norm: ∂L/∂x̂_j under a sum over j ----------------------------------------------


def _layernorm_grads(x, gamma, beta, eps, c):
    """∂L/∂β and ∂L/∂x̂_j by finite differences, for L = Σ_j c_j y_j² (a smooth loss)."""
    loss_y = lambda y: np.sum(c * y**2)  # noqa: E731
    xh = (x - x.mean()) / np.sqrt(x.var() + eps)
    d_beta = (loss_y(gamma * xh + beta + H) - loss_y(gamma * xh + beta - H)) / (2 * H)
    d_xh = np.array(
        [
            (loss_y(gamma * (xh + H * e) + beta) - loss_y(gamma * (xh - H * e) + beta)) / (2 * H)
            for e in np.eye(len(x))
        ]
    )
    return d_beta, d_xh


def test_a_sum_of_dL_dxhat_is_read_with_its_own_index():
    rng = np.random.default_rng(5)
    x, c = rng.normal(size=4), rng.normal(size=4)
    gamma, beta = 1.3, 0.2
    d_beta, d_xh = _layernorm_grads(x, gamma, beta, 1e-5, c)
    assert np.isclose(d_xh.sum() / gamma, d_beta, atol=1e-5)  # (1/γ) Σ_j ∂L/∂x̂_j is right
    assert not np.isclose(d_xh.sum() / (len(x) * gamma), d_beta, atol=1e-3)  # with 1/n: wrong
    ex = symderiv.load("layernorm")
    right = ex.check(
        r"\frac{1}{\gamma}\sum_{j=1}^n \frac{\partial L}{\partial \hat x_j}", "dL_dbeta"
    )
    assert right.status in OK, right.reason
    wrong = ex.check(
        r"\frac{1}{n\gamma}\sum_{j=1}^n \frac{\partial L}{\partial \hat x_j}", "dL_dbeta"
    )
    assert wrong.status == NOT_EQUIVALENT, wrong.reason


def test_a_dgamma_that_counts_the_upstream_gradient_twice_is_refuted():
    rng = np.random.default_rng(6)
    x, c = rng.normal(size=4), rng.normal(size=4)
    gamma, beta, eps = 0.7, -0.4, 1e-5
    xh = (x - x.mean()) / np.sqrt(x.var() + eps)
    loss = lambda g: np.sum(c * (g * xh + beta) ** 2)  # noqa: E731
    d_gamma = (loss(gamma + H) - loss(gamma - H)) / (2 * H)
    _, d_xh = _layernorm_grads(x, gamma, beta, eps, c)
    d_y = 2 * c * (gamma * xh + beta)
    assert np.isclose(d_y @ xh, d_gamma, atol=1e-5)
    assert not np.isclose(d_xh @ xh + d_y @ xh, d_gamma, atol=1e-3)
    v = symderiv.load("layernorm").check(
        r"\sum_j \frac{\partial L}{\partial \hat x_j}\hat x_j + \sum_j\frac{\partial L}{\partial y_j}\hat x_j",
        "dL_dgamma",
    )
    assert v.status == NOT_EQUIVALENT, v.reason


# -- right answers once refuted -------------------------------------------------------------


def _sigmoid(u):
    return 1 / (1 + np.exp(-u))


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_logistic_regression_answers_as_students_write_them(y):
    rng = np.random.default_rng(int(y) + 11)
    w, x, b, lam = rng.normal(size=3), rng.normal(size=3), rng.normal(), 0.3
    loss = lambda w_, b_: (  # noqa: E731
        -y * np.log(_sigmoid(w_ @ x + b_))
        - (1 - y) * np.log(1 - _sigmoid(w_ @ x + b_))
        + lam / 2 * w_ @ w_
    )
    fd_w = np.array([(loss(w + H * e, b) - loss(w - H * e, b)) / (2 * H) for e in np.eye(3)])
    fd_b = (loss(w, b + H) - loss(w, b - H)) / (2 * H)
    p = _sigmoid(w @ x + b)
    # the labels, in NumPy: p(1 − p) is a product; y² = y for y ∈ {0, 1}
    assert np.allclose(((-y / p + (1 - y) / (1 - p)) * p * (1 - p)) * x + lam * w, fd_w, atol=1e-6)
    assert np.allclose((p - y**2) * x + lam * w, fd_w, atol=1e-6)
    assert np.isclose(_sigmoid(w @ x + b) - y, fd_b, atol=1e-6)
    assert not np.allclose((p + y) * x + lam * w, fd_w, atol=1e-3) or y == 0
    ex = symderiv.load("logreg_l2")
    for target, answer in [
        ("dL_dw", r"\left(-\frac{y}{p}+\frac{1-y}{1-p}\right)p(1-p)x_i + \lambda w_i"),
        ("dL_dw", r"p(1-y)x_i - y(1-p)x_i + \lambda w_i"),
        ("dL_dw", r"(p - y^2) x_i + \lambda w_i"),  # right under the spec's y(y − 1) = 0
        ("dL_dw_vec", r"(\sigma(w^Tx+b)-y)x+\lambda w"),  # w^Tx with no space: wᵀx
        ("dL_db", r"\sigma(w^Tx+b)-y"),  # wᵀx + b: a 1×1 product is a scalar
    ]:
        v = ex.check(answer, target)
        assert v.status in OK, (answer, v.status, v.reason)


def test_a_logistic_regression_witness_keeps_y_binary():
    v = symderiv.load("logreg_l2").check(r"(p+y)x_i+\lambda w_i", "dL_dw")
    assert v.status == NOT_EQUIVALENT
    assert v.witness["at"]["y"] in ("0", "1"), v.witness


def test_layer_norm_backward_in_matrix_form_with_ones_and_identity():
    rng = np.random.default_rng(9)
    n, gamma, beta, eps = 3, 0.8, 0.1, 1e-5
    x, c = rng.normal(size=n), rng.normal(size=n)

    def loss(v):
        xh = (v - v.mean()) / np.sqrt(v.var() + eps)
        return np.sum(c * (gamma * xh + beta) ** 2)

    fd = np.array([(loss(x + H * e) - loss(x - H * e)) / (2 * H) for e in np.eye(n)])
    xh = (x - x.mean()) / np.sqrt(x.var() + eps)
    g = 2 * c * (gamma * xh + beta)  # ∂L/∂y
    ones = np.ones((n, 1))
    for sign, right in ((-1, True), (1, False)):
        m = np.eye(n) - ones @ ones.T / n + sign * np.outer(xh, xh) / n
        assert np.allclose(gamma / np.sqrt(x.var() + eps) * m @ g, fd, atol=1e-5) == right
    ex = symderiv.load("layernorm")
    for sign, allowed in (("-", OK), ("+", {NOT_EQUIVALENT})):
        answer = (
            r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(I - \frac{1}{n}\mathbf{1}\mathbf{1}^T "
            + sign
            + r" \frac{1}{n}\hat x \hat x^T\right)\frac{\partial L}{\partial y}"
        )
        v = ex.check(answer, "dL_dx_vec")
        assert v.status in allowed, (answer, v.status, v.reason)
    v = ex.check(r"\mathbf{1}^T\frac{\partial L}{\partial y}", "dL_dbeta")  # 1×1: a scalar
    assert v.status in OK, v.reason


def test_restating_the_question_is_not_credited():
    for pid, target, answer in [
        ("softmax_ce", "dL_dz", r"\frac{\partial L}{\partial z_i}"),
        ("mlp2", "dL_db1", r"\frac{\partial L}{\partial b^{(1)}_k}"),
    ]:
        v = symderiv.load(pid).check(answer, target)
        assert v.status == UNDECIDED and "asked for" in v.reason, (answer, v.status, v.reason)
    v = symderiv.load("softmax_ce").check(r"\frac{\partial L}{\partial z_i} = p_i - y_i", "dL_dz")
    assert v.status == EQUIVALENT  # naming the quantity on the left is no restatement


def test_matrix_answers_that_used_to_time_out_or_go_undecided():
    """Each right by NumPy: diag(m) Wᵀ(o − t) xᵀ = (m ⊙ Wᵀ(o − t)) xᵀ (the MLP's ∂L/∂W1), and
    −(diag(p) − ppᵀ) diag(p)⁻¹ y = p (1ᵀy) − y = p − y for a probability vector y."""
    rng = np.random.default_rng(4)
    W2, o_t, a, x = (
        rng.normal(size=(2, 4)),
        rng.normal(size=2),
        rng.normal(size=4),
        rng.normal(size=3),
    )
    m = (a > 0).astype(float)
    assert np.allclose(np.diag(m) @ W2.T @ np.outer(o_t, x), np.outer(m * (W2.T @ o_t), x))
    p, y = rng.dirichlet(np.ones(3)), rng.dirichlet(np.ones(3))
    assert np.allclose(-(np.diag(p) - np.outer(p, p)) @ np.linalg.inv(np.diag(p)) @ y, p - y)
    for pid, target, answer in [
        ("mlp2", "dL_dW1_matrix", r"\operatorname{diag}(\mathbb{1}[a>0])(W^{(2)})^\top(o-t)x^\top"),
        (
            "mlp2",
            "dL_dW1_matrix",
            r"\left(\mathbb{1}[a>0]\odot\left((W^{(2)})^T(o-t)\right)\right)x^T",
        ),
        ("softmax_ce", "dL_dz_vec", r"-(\operatorname{diag}(p)-pp^T)\operatorname{diag}(p)^{-1}y"),
        ("mlp2", "dL_db1", r"\mathbb{1}(a_k>0)\sum_{r=1}^{c} (o_r - t_r) W^{(2)}_{rk}"),
    ]:
        v = symderiv.load(pid).check(answer, target)
        assert v.status in OK, (answer, v.status, v.reason)


# -- round two: limits, overlapping cases, tolerances, recurrences ---------------------------


def test_a_limit_answer_that_is_zero_for_constant_sequences_is_refuted():
    """lim_n ∂L/∂x_i of mean-centering y = γ(x − x̄) + β is γ(g_i − lim x̄_g): NumPy at n = 20000
    with g_j = 0.3 + (−1)^j shows it is not 0, nor g_i − mean without γ."""
    n, gamma, i = 20000, 1.5, 0
    g = 0.3 + (-1.0) ** np.arange(1, n + 1)
    x = np.random.default_rng(1).normal(size=n)
    loss = lambda v: g @ (gamma * (v - v.mean()) + 0.2)  # noqa: E731
    e = np.zeros(n)
    e[i] = 1.0
    fd = (loss(x + 1e-3 * e) - loss(x - 1e-3 * e)) / 2e-3  # L is linear in x: exact
    assert np.isclose(fd, gamma * (g[i] - g.mean()), atol=1e-6)
    assert not np.isclose(fd, 0, atol=0.1) and not np.isclose(fd, g[i] - g.mean(), atol=0.1)
    ex = symderiv.load("hw3_3b")
    bracket = r"\left(\frac{\partial L}{\partial y_i} - \lim_{n\to\infty}\frac1n\sum_{j=1}^{n}\frac{\partial L}{\partial y_j}\right)"
    for answer in (
        "0",
        bracket,
        "2\\gamma" + bracket,
        r"\gamma(\frac{\partial L}{\partial y_i}-\frac{\partial L}{\partial y_1})",
    ):
        v = ex.check(answer, "dL_dx_limit")
        assert v.status == NOT_EQUIVALENT, (answer, v.status, v.reason)
    assert ex.check("\\gamma" + bracket, "dL_dx_limit").status in OK


def _fir(n, L):
    """(x * h)(n) by brute force: x = 1 on 0..L−1, h(m) = 2^{−m} for m ≥ 0."""
    return sum(0.5 ** (n - i) for i in range(L) if n - i >= 0)


def test_cases_that_overlap_with_different_values_are_not_accepted():
    L, n = 7, 3
    assert np.isclose(_fir(n, L), 2 - 2.0**-n)  # the first row is right at n = 3 …
    assert not np.isclose(_fir(n, L), 2.0**-n * (2**L - 1))  # … the second, which also holds, not
    ex = symderiv.load("hw3_2ab")
    wrong = r"\begin{cases} 2-2^{-n} & 0\le n\le L-1\\ 2^{-n}(2^L-1) & n\ge 0 \\ 0 & n<0\end{cases}"
    v = ex.check(wrong, "y")  # read in order (first row first) it is right: not ours to decide
    assert v.status == UNDECIDED and "both hold" in v.reason, v.reason
    for m in range(0, 12):  # rows that overlap only where they agree (n = L − 1) are fine
        want = _fir(m, L)
        assert np.isclose(want, 2 - 2.0**-m if m <= L - 1 else 2.0 ** (L - m) - 2.0**-m)
    right = (
        r"\begin{cases} 2-2^{-n} & 0\le n\le L-1\\ 2^{L-n}-2^{-n} & n\ge L-1 \\ 0 & n<0\end{cases}"
    )
    assert ex.check(right, "y").status in OK


def test_a_small_exact_value_is_not_accepted_for_a_nearby_one():
    from fractions import Fraction as F

    theta, g0, lam, eta, gamma, eps = 1, F(1, 2), F(1, 10), F(1, 1000), F(1, 10000), F(1, 10**8)
    g = g0 + lam * theta
    exact = (theta - eta * g / (abs(g) + eps)) - ((1 - gamma) * theta - eta * g0 / (abs(g0) + eps))
    assert exact != F(1, 10000) and abs(float(exact) - 1e-4) < 1e-11
    ex = symderiv.load("hw3_4b")
    for answer in (r"10^{-4}", r"\frac{1}{10000}", r"1.000001\times10^{-4}"):
        v = ex.check(answer, "adam_counterexample")
        assert v.status == NOT_EQUIVALENT, (answer, v.status, v.reason)
    # ≈ with the mantissa's figures: 9.99999966·10⁻⁵ is off by 6.7e-14, more than half a unit
    assert abs(float(exact) - 9.99999966e-5) > 5e-14
    v = ex.check(r"\approx 9.99999966\times10^{-5}", "adam_counterexample")
    assert v.status == NOT_EQUIVALENT, v.reason
    assert ex.check(r"\approx 9.9999997\times10^{-5}", "adam_counterexample").status in OK


def _adam_step(theta, m, v, g, t, a, b1, b2, eps):
    m = b1 * m + (1 - b1) * g
    v = b2 * v + (1 - b2) * g * g
    return theta - a * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps), m, v


def test_adam_answers_in_terms_of_this_steps_moments():
    rng = np.random.default_rng(2)
    theta, m, v, g = rng.normal(), rng.normal(), abs(rng.normal()), rng.normal()
    a, b1, b2, eps, t = 0.1, 0.9, 0.999, 1e-3, 3
    new, m_t, v_t = _adam_step(theta, m, v, g, t, a, b1, b2, eps)
    assert np.isclose(new, theta - a * (m_t / (1 - b1**t)) / (np.sqrt(v_t / (1 - b2**t)) + eps))
    ex = symderiv.load("hw3_4a")
    right = r"\theta_{t-1} - \alpha\frac{m_t/(1-\beta_1^t)}{\sqrt{v_t/(1-\beta_2^t)}+\epsilon}"
    assert ex.check(right, "theta_update").status in OK
    wrong = r"\theta_{t-1} - \alpha\frac{m_t}{\sqrt{v_t}+\epsilon}"
    v = ex.check(wrong, "theta_update")
    assert v.status == NOT_EQUIVALENT and "I" not in v.witness_text(), v.reason
    # m_t unrolled from m_0 = 0: the β₁^t m_0 term is 0 and may be written
    ms = [0.0]
    gs = rng.normal(size=5)
    for k in range(5):
        ms.append(b1 * ms[-1] + (1 - b1) * gs[k])
    assert np.isclose(ms[5], (1 - b1) * sum(b1 ** (5 - k) * gs[k - 1] for k in range(1, 6)))
    answer = r"(1-\beta_1)\sum_{k=1}^{t}\beta_1^{t-k}g_k + \beta_1^t m_0"
    assert ex.check(answer, "m_unrolled").status in OK


def test_notation_an_outside_tester_used():
    for pid, target, answer in [
        ("exercise14", "dF_dtheta3", r"\frac{\partial f_3}{\partial\theta_3}(y,\theta_3)"),
        ("hw3_4b", "grad_reg", r"\frac{df}{d\theta}(\theta)+\lambda\theta"),
        ("momentum", "v_limit", r"\frac{g}{|1-\mu|}"),  # 0 < μ < 1: |1 − μ| has one side
    ]:
        v = symderiv.load(pid).check(answer, target)
        assert v.status in OK, (answer, v.status, v.reason)


def test_signal_brackets_and_primed_elementary_functions():
    """u[n] for u(n) (the signal-processing spelling), and \\tanh'(a) for tanh's derivative."""
    L = 4
    for n in range(-3, 12):  # (2 − 2^{−n}) u(n) − (2 − 2^{L−n}) u(n − L), by brute force
        step = lambda m: 1.0 if m >= 0 else 0.0  # noqa: E731
        assert np.isclose(_fir(n, L), (2 - 2.0**-n) * step(n) - (2 - 2.0 ** (L - n)) * step(n - L))
    ex = symderiv.load("hw3_2ab")
    assert ex.check(r"(2-2^{-n})u[n] - (2-2^{L-n})u[n-L]", "y").status in OK
    v = ex.check(r"(2-2^{-n})u[n] - (2-2^{L-n})u[n-L-1]", "y")
    assert v.status == NOT_EQUIVALENT, v.reason
    a = np.linspace(-2, 2, 9)
    assert np.allclose((np.tanh(a + H) - np.tanh(a - H)) / (2 * H), 1 - np.tanh(a) ** 2, atol=1e-8)
    rnn = symderiv.load("rnn_tanh")
    assert rnn.check(r"\tanh'(a_{t,k}) W_{ki}", "dh_dhprev").status in OK
    assert rnn.check(r"\tanh'(a_{t,k}) W_{ik}", "dh_dhprev").status == NOT_EQUIVALENT


def test_the_full_numeric_test_sees_both_hidden_units_active_together(monkeypatch):
    # an answer wrong only where two ReLUs are both active is right wherever either is off:
    # agreement counts only once every pair of branch points has shown all four sign patterns
    # (NumPy below labels each point the test visited by the pre-activations a = W1 x + b1)
    from symderiv.check.decide import tests as T
    from symderiv.engine import numeric
    from symderiv.engine.calculus import Context

    ex = symderiv.load("mlp2")
    result = ex.derive("dL_db1")["dL_db1"].entry
    ctx = Context(ex.problem, {})
    cmp = T.Comparison(ctx, ctx.ranges(result), numeric.default_sizes(ex.problem), 0)
    seen = []
    real = numeric.Instance

    def spy(*args, **kw):
        inst = real(*args, **kw)
        seen.append(inst)
        return inst

    monkeypatch.setattr(numeric, "Instance", spy)
    verdict, n = T.numeric_test(result, result, cmp)
    assert verdict is None and n > 0
    shapes = {str(b.label): b for b in ex.problem.shapes}
    W1, b1, x = shapes["W^{(1)}"], shapes["b^{(1)}"], shapes["x"]
    m = int(next(iter(ex.problem.shapes[x])).xreplace(cmp.sizes))
    patterns = set()
    for inst in seen:
        a = [
            sum(float(inst.value(W1[k, j])) * float(inst.value(x[j])) for j in range(1, m + 1))
            + float(inst.value(b1[k]))
            for k in (1, 2)
        ]
        patterns.add((a[0] > 0, a[1] > 0))
    assert patterns == {(True, True), (True, False), (False, True), (False, False)}
