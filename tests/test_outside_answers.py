"""Answers an outside tester wrote against the catalog (a helper session that never read the
engine, labelling each answer with NumPy finite differences of its own forward pass): the
wrong ones the checker once accepted, and right ones it once refuted. Each label is
established here again, in NumPy, before the verdict is asserted."""

import numpy as np
import pytest

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT, NUMERIC

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
