"""Rules of the written notation added after held-out set I's first run, each held to a right
answer (accepted) and a wrong one that differs from it by the construct the rule reads (never
accepted): the rule must change what is read, not only make it readable. The answers are
written as the set's students wrote them; which is right follows from the statement alone
(the wrong one drops a transpose, squares a term, takes the other sign)."""

import pytest

import symderiv
from symderiv.check import EQUIVALENT, NUMERIC

OK = {EQUIVALENT, NUMERIC}

PAIRS = [
    # a transpose after a function's bracket is kept, never dropped: diag(v)ᵀ, (W)ᵀ inside ⊙
    (
        "mlp2",
        "dL_db1_vec",
        r"\mathbb{1}[a > 0] \odot (W^{(2)})^{\top}(o-t)",
        r"\mathbb{1}[a > 0] \odot (W^{(2)})(o-t)",
    ),
    ("mlp2", "dL_db1_vec", "relu'(a) ∘ W⁽²⁾ᵀ(o − t)", "relu'(a) ∘ W⁽²⁾ᵀ(t − o)"),
    # an ellipsis inside a bracket beside a range in words: the Σ it stands for, in place
    (
        "hw3_4a",
        "m_unrolled",
        r"so $m_t = (1-\beta_1)\left(g_t + \beta_1 g_{t-1} + \beta_1^2 g_{t-2} + \dots + "
        r"\beta_1^{t-1} g_1\right)$ for $t \ge 1$",
        r"so $m_t = (1-\beta_1)\left(g_t + \beta_1 g_{t-1} + \beta_1^2 g_{t-2} + \dots + "
        r"\beta_1^{t-1} g_1\right)^2$ for $t \ge 1$",
    ),
    # log is the natural logarithm
    ("vae_kl", "dKL_dlogvar_vec", "½(exp(log σ²) − 1)", "½(exp(log σ²) + 1)"),
    (
        "vae_kl",
        "dKL_dlogvar",
        r"\frac12(\exp(\log\sigma^2_j)-1)",
        r"\frac12(\exp(\log\sigma^2_j)+1)",
    ),
    # the entry of a bracketed matrix: (Xᵀr)_i, [XᵀDX]_{ij}, Σ_n X_ni (Xw)_n
    (
        "ridge",
        "dL_dw",
        r"2\left(\mathbf{X}^{T} \mathbf{r}\right)_{i}+2 \lambda w_{i}",
        r"2\left(\mathbf{X}^{T} \mathbf{r}\right)_{i}+\lambda w_{i}",
    ),
    (
        "ridge",
        "dL_dw",
        r"2 \sum_{n=1}^{N} X_{n i}\left((X w)_{n}-y_{n}\right)+2 \lambda w_{i}",
        r"2 \sum_{n=1}^{N} X_{n i}\left((X w)_{n}+y_{n}\right)+2 \lambda w_{i}",
    ),
    (
        "logreg_hessian",
        "hess",
        r"\left[X^\top \operatorname{diag}(p\odot(1-p))\,X\right]_{ij}",
        r"\left[X^\top \operatorname{diag}(p)\,X\right]_{ij}",
    ),
    # a factor 1 beside a vector is the vector of ones; 11ᵀ their outer product
    ("attention_softmax", "da_ds_matrix", "diag(a)(I - 1 a^T)", "diag(a)(I + 1 a^T)"),
    (
        "layernorm",
        "dL_dx_vec",
        "γ(σ²+ε)^(−1/2) (I − (1/n)(11ᵀ + x̂x̂ᵀ)) ∂L/∂y",
        "γ(σ²+ε)^(−1/2) (I − (1/n)(11ᵀ - x̂x̂ᵀ)) ∂L/∂y",
    ),
    # w·x of two vectors where a scalar is asked: their inner product
    ("logreg_l2", "dL_db", "σ(w·x + b) − y", "σ(w·x + b) + y"),
    # the softmax of a whole vector, and a where-clause naming it π
    (
        "huber_lse",
        "hess_lse_matrix",
        "diag(softmax(z)) - softmax(z) softmax(z)^T",
        "diag(softmax(z)) + softmax(z) softmax(z)^T",
    ),
    (
        "huber_lse",
        "hess_lse_matrix",
        r"$\operatorname{diag}(\pi) - \pi\pi^{\top}$ with $\pi = \operatorname{softmax}(z)$",
        r"$\operatorname{diag}(\pi) + \pi\pi^{\top}$ with $\pi = \operatorname{softmax}(z)$",
    ),
    # clip, as the statement writes it
    (
        "huber_lse",
        "dH_dyhat",
        r"\operatorname{clip}(r_i,-\delta,\delta)",
        "clip(r_i, -delta, 2 delta)",
    ),
    # plain text: o_t,k as o_{t,k}; tanh²c without brackets; grad f
    (
        "lstm_cell",
        "dh_dc",
        "o_t,k * (1 - tanh(c_t,k)^2) * delta_ik",
        "o_t,k * (1 - tanh(c_t,k)) * delta_ik",
    ),
    ("lstm_cell", "dh_dc", "o_t,k (1−tanh²c_t,k) δ_ik", "o_t,k (1−tanh c_t,k) δ_ik"),
    (
        "hw3_4b",
        "sgd_l2_step",
        "theta - eta*(grad f(theta) + lambda*theta)",
        "theta - eta*(grad f(theta) + lambda)",
    ),
    # a label before cases in words: y2(n) = A for …, B for …, 0 otherwise
    (
        "hw3_2ab",
        "y2",
        "y2(n) = 2 - 2^(5-n) for 5 <= n <= L+4, 2^(5-n)(2^L - 1) for n >= L+5, 0 otherwise",
        "y2(n) = 2 - 2^(5-n) for 5 <= n <= L+4, 2^(5-n) 2^L for n >= L+5, 0 otherwise",
    ),
    # Σ_{i,j} over the upstream gradient's indices: bounded by its shape
    (
        "conv2d_backward",
        "dL_dK",
        "sum_{i,j} dL/dY_ij * X_{i+a-1, j+b-1}",
        "sum_{i,j} dL/dY_ij * X_{i+a, j+b}",
    ),
]


@pytest.mark.parametrize("pid,target,right,wrong", PAIRS)
def test_a_rule_reads_the_right_answer_and_tells_the_wrong_one(pid, target, right, wrong):
    p = symderiv.load(pid)
    v = p.check(right, target=target)
    assert v.status in OK, (right, v.status, v.reason)
    w = p.check(wrong, target=target)
    assert w.status not in OK, (wrong, w.status, w.reason)


def test_a_lead_in_with_math_words_is_not_dropped():
    v = symderiv.load("exercise13").check(r"minus $\sigma'(\tilde y_k)\delta_{ik} x_j$", "dy_dW")
    assert v.status == "unreadable", v
