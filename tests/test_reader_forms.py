r"""Whole classes of notation the held-out set found unread (issue 28): handwriting-converter
output (bold names, ``{ }^{\top}``, ``W_{r k}^{(2)}``, an upright d), an answer's wrappers
and punctuation, a layer label with a transpose, an entry of a bracketed matrix, I beside a
scalar derivative, softmax, where-clauses and ⇒ chains. Each form is written here several
ways, right and wrong, the meaning worked out by hand (NumPy where it is not obvious)."""

import numpy as np
import pytest

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT, NUMERIC, UNDECIDED, UNREADABLE

OK = {EQUIVALENT, NUMERIC}
NO = {NOT_EQUIVALENT}


def check(pid, target, latex):
    return symderiv.load(pid).check(latex, target=target, timeout=30)


# -- 1. converter output ----------------------------------------------------------------

CONVERTER = [
    # bold = the problem's vector or matrix of that name: ∂y/∂x = diag(σ'(ỹ)) W
    (
        "exercise13",
        "dy_dx_matrix",
        r"\operatorname{diag}\left(\sigma^{\prime}(\tilde{\boldsymbol{y}})\right)\mathbf{W}",
        OK,
    ),
    (
        "exercise13",
        "dy_dx_matrix",
        r"\operatorname{diag}(\boldsymbol{\tilde y})\,\bm{W} - \operatorname{diag}(\boldsymbol{\tilde y})\,\bm{W}+\operatorname{diag}\left(\bm{y}\odot(\mathbf{1}-\bm{y})\right)\bm{W}",
        OK,
    ),
    (
        "exercise13",
        "dy_dx_matrix",
        r"\mathbf{W}^{\top}\operatorname{diag}\left(\sigma'(\tilde{\mathbf{y}})\right)",
        NO,
    ),
    # an empty group before a script: x{ }^{\top} is xᵀ (∂y_k/∂W = σ'(ỹ_k) e_k xᵀ)
    (
        "exercise13",
        "dyk_dW_matrix",
        r"\sigma'\left(\tilde{y}_{k}\right)\mathbf{e}_{k}\mathbf{x}{ }^{\top}",
        OK,
    ),
    ("exercise13", "dyk_dW_matrix", r"\sigma'(\tilde y_k)\,\mathbf{e}_k\,\bm{x}{}^{T}", OK),
    ("exercise13", "dyk_dW_matrix", r"\sigma'(\tilde y_k)\,\bm{x}{ }^{\top}", NO),  # e_k dropped
    (
        "softmax_ce",
        "dp_dz_matrix",
        r"\operatorname{diag}(\boldsymbol{p})-\boldsymbol{p}\boldsymbol{p}{ }^{\top}",
        OK,
    ),
    (
        "softmax_ce",
        "dp_dz_matrix",
        r"\mathbf{p}\mathbf{p}^{\top}-\operatorname{diag}(\mathbf{p})",
        NO,
    ),
    ("mlp2", "dL_dW2_matrix", r"\left(\mathbf{o}-\mathbf{t}\right)\mathbf{h}{}^{\top}", OK),
    ("mlp2", "dL_dW2_matrix", r"\left(\mathbf{t}-\mathbf{o}\right)\mathbf{h}{ }^{\top}", NO),
    # the family's bold name: h_t of the recurrent layer
    (
        "rnn_tanh",
        "dh_dhprev_matrix",
        r"\operatorname{diag}\left(\mathbf{1}-\mathbf{h}_{t}\odot\mathbf{h}_{t}\right)\mathbf{W}",
        OK,
    ),
    (
        "rnn_tanh",
        "dh_dhprev_matrix",
        r"\operatorname{diag}\left(1-\mathbf{h}_{t-1}^{2}\right)\mathbf{W}",
        NO,
    ),
    # indices apart, the layer label after the subscript: W_{r k}^{(2)} is W^{(2)}_{rk}
    (
        "mlp2",
        "dL_db1",
        r"\mathbb{1}_{a_{k}>0}\sum_{r=1}^{c}\left(o_{r}-t_{r}\right)W_{r k}^{(2)}",
        OK,
    ),
    ("mlp2", "dL_db1", r"\sum_{r=1}^{c} W_{r\,k}^{(2)}\,(o_r - t_r)\,\mathbb{1}_{a_k > 0}", OK),
    (
        "mlp2",
        "dL_db1",
        r"\mathbb{1}_{a_{k}>0}\sum_{r=1}^{c}\left(o_{r}-t_{r}\right)W_{k r}^{(2)}",
        NO,
    ),
    ("mlp2", "dL_db2", r"o_{r}-t_{r}", OK),
    ("mlp2", "dL_db2", r"\sum_{k=1}^{n} W_{r k}^{(2)} h_{k}+b_{r}^{(2)}-t_{r}", OK),
    ("mlp2", "dL_db2", r"\sum_{k=1}^{n} W_{r k}^{(2)} h_{k}-t_{r}", NO),
    # an upright d is the derivative's d
    ("layernorm", "dL_dbeta", r"\sum_{i=1}^{n}\frac{\mathrm{d} L}{\mathrm{d} y_{i}}", OK),
    (
        "layernorm",
        "dL_dgamma",
        r"\sum_{i=1}^{n}\hat{x}_{i}\,\frac{\mathrm{d}L}{\mathrm{d}y_{i}}",
        OK,
    ),
    ("layernorm", "dL_dgamma", r"\sum_{i=1}^{n}\frac{\mathrm{d} L}{\mathrm{d} y_{i}}", NO),
    ("logreg_l2", "dL_dw_vec", r"\lambda\boldsymbol{w}+(p-y)\boldsymbol{x}", OK),
    ("logreg_l2", "dL_dw_vec", r"\lambda\boldsymbol{w}+(y-p)\boldsymbol{x}", NO),
]


@pytest.mark.parametrize(("pid", "target", "latex", "allowed"), CONVERTER)
def test_converter_output(pid, target, latex, allowed):
    v = check(pid, target, latex)
    assert v.status in allowed, (v.status, v.reason)


@pytest.mark.parametrize(
    ("pid", "target", "latex", "name"),
    [
        ("softmax_ce", "dL_dz_vec", r"\mathbf{q}-\mathbf{y}", r"\boldsymbol{q}"),
        ("exercise14", "dF_dtheta3", r"\mathbf{x}", r"\boldsymbol{x}"),  # x is a scalar there
    ],
)
def test_a_bold_name_the_problem_does_not_have_stays_unknown(pid, target, latex, name):
    v = check(pid, target, latex)
    assert v.status == UNDECIDED and name in v.reason and "does not define" in v.reason


def test_an_unknown_label_with_a_transpose_is_unreadable():
    v = check("mlp2", "dL_db1_vec", r"\mathbb{1}[a>0]\odot\left(W^{(3)\top}(o-t)\right)")
    assert v.status == UNREADABLE, v.reason


# -- 2. wrappers and punctuation ---------------------------------------------------------

WRAPPED = [
    (
        "exercise13",
        "dy_db",
        r"$$ \frac{\partial y_k}{\partial b_i} = \sigma'(\tilde y_k)\,\delta_{ik} $$",
        OK,
    ),
    ("exercise13", "dy_db", r"$y_k(1-y_k)\,\delta_{ki}$", OK),
    ("exercise13", "dy_db", r"\[ y_k\,(1-y_k) \]", NO),  # the δ dropped
    ("exercise13", "dy_db", r"\( \sigma'(\tilde y_i)\,\delta_{ik} \)", OK),
    (
        "exercise13",
        "dy_dx",
        r"\begin{align*} \frac{\partial y_k}{\partial x_i} &= \sigma'(\tilde y_k)\,\frac{\partial \tilde y_k}{\partial x_i} \\ &= \sigma'(\tilde y_k)\,W_{ki} \end{align*}",
        OK,
    ),
    (
        "exercise13",
        "dy_dx",
        r"\begin{equation} \sigma'(\tilde y_k) W_{ik} \label{eq:dx} \end{equation}",
        NO,
    ),
    ("exercise13", "dy_dx", r"\begin{equation*} y_k(1 - y_k)\, W_{ki}. \end{equation*}", OK),
    # a sentence's full stop or comma at the end
    ("exercise13", "dy_dW", r"y_k\,(1-y_k)\,\delta_{ik}\,x_j.", OK),
    ("exercise13", "dy_dW", r"\frac{\partial y_k}{\partial W_{ij}} = y_k(1-y_k)\,x_j,", NO),
    ("exercise13", "dy_dW", r"$\sigma'(\tilde y_k)\,\delta_{ik}\,x_j$.", OK),
    # and inside cases rows
    (
        "softmax_ce",
        "dp_dz",
        r"\begin{cases} p_k - p_k^2, & k = i, \\ -p_k\,p_i, & \text{otherwise}. \end{cases}",
        OK,
    ),
    (
        "softmax_ce",
        "dp_dz",
        r"\begin{cases} p_i(1-p_k), & i = k;\\ -p_i p_k, & i \neq k. \end{cases}",
        OK,
    ),
    (
        "softmax_ce",
        "dp_dz",
        r"\begin{cases} p_k(1-p_i), & k = i, \\ p_k p_i, & k \neq i. \end{cases}",
        NO,
    ),
    # \big( … \big) after a function call: a factor
    ("exercise13", "dy_dx", r"\sigma(\tilde y_k)\Big(1-\sigma(\tilde y_k)\Big)W_{ki}", OK),
    ("exercise13", "dy_dx", r"$\sigma(\tilde y_k)\bigl(1-\sigma(\tilde y_k)\bigr)\,W_{ki}$", OK),
    ("exercise13", "dy_dx", r"\sigma(\tilde y_k)\big(1+\sigma(\tilde y_k)\big)W_{ki}", NO),
]


@pytest.mark.parametrize(("pid", "target", "latex", "allowed"), WRAPPED)
def test_wrappers_and_punctuation(pid, target, latex, allowed):
    v = check(pid, target, latex)
    assert v.status in allowed, (v.status, v.reason)


@pytest.mark.parametrize(
    "latex", [r"$p$ - $y$", r"p - y $", r"\frac{\partial L}{\partial b} = p \Rightarrow"]
)
def test_a_mark_without_a_meaning_is_named(latex):
    v = check("logreg_l2", "dL_db", latex)
    assert v.status == UNREADABLE, v.reason
    assert "$" in v.reason or "⇒" in v.reason


# -- 3. a label with a transpose, an entry of a bracketed matrix, a quotient of vectors --

LABELS_AND_ENTRIES = [
    ("mlp2", "dL_db1_vec", r"\mathbb{1}[a>0]\odot\left(W^{(2)\top}(o-t)\right)", OK),
    ("mlp2", "dL_db1_vec", r"\mathbb{1}[a>0]\odot\left(W^{(2)\,T}(o-t)\right)", OK),
    (
        "mlp2",
        "dL_db1_vec",
        r"\operatorname{diag}(\mathbb{1}[\mathbf{a}>0])\,{W^{(2)}}^{\top}(\mathbf{o}-\mathbf{t})",
        OK,
    ),
    ("mlp2", "dL_db1_vec", r"\mathbb{1}[a>0]\odot\left(\mathbf{W}^{(2)}{ }^{\top}(t-o)\right)", NO),
    ("mlp2", "dL_db1_vec", r"W^{(2)\top}(o-t)", NO),  # the ReLU's gate dropped
    # [∂y_k/∂W]_{ij} = v: v is entry (i, j) of the matrix asked for
    (
        "exercise13",
        "dyk_dW_matrix",
        r"\left[\frac{\partial y_k}{\partial W}\right]_{ij} = \delta_{ki}\,\sigma'(\tilde y_k)\,x_j",
        OK,
    ),
    (
        "exercise13",
        "dyk_dW_matrix",
        r"\left[\frac{\partial y_k}{\partial W}\right]_{ij} = \delta_{kj}\,\sigma'(\tilde y_k)\,x_i",
        NO,
    ),
    (
        "exercise13",
        "dy_dx_matrix",
        r"\left(\frac{\partial y}{\partial x}\right)_{ki} = y_k(1-y_k)W_{ki}",
        OK,
    ),
    (
        "exercise13",
        "dy_dx_matrix",
        r"\left(\frac{\partial y}{\partial x}\right)_{ki} = y_k(1-y_k)W_{ik}",
        NO,
    ),
    ("softmax_ce", "dL_dz_vec", r"\left[\frac{\partial L}{\partial z}\right]_i = p_i - y_i", OK),
    ("softmax_ce", "dL_dz_vec", r"\left[\frac{\partial L}{\partial z}\right]_i = y_i - p_i", NO),
    # the same form for an entry target is that entry
    (
        "exercise13",
        "dy_dW",
        r"\left[\frac{\partial y_k}{\partial W}\right]_{ij} = \sigma'(\tilde y_k)\delta_{ik}x_j",
        OK,
    ),
    # y/p of two vectors: entrywise, one factor; (diag(p) − ppᵀ)ᵀ(−y ⊘ p) = p − y as Σy = 1
    (
        "softmax_ce",
        "dL_dz_vec",
        r"\left(\operatorname{diag}(p)-p\,p^{\top}\right)^{T}\left(-\frac{y}{p}\right)",
        OK,
    ),
    ("softmax_ce", "dL_dz_vec", r"-\left(\operatorname{diag}(p)-p\,p^{\top}\right)\frac{y}{p}", OK),
    (
        "softmax_ce",
        "dL_dz_vec",
        r"\left(\operatorname{diag}(p)-p\,p^{\top}\right)^{\top}\left(\frac{y}{p}\right)",
        NO,
    ),
]


@pytest.mark.parametrize(("pid", "target", "latex", "allowed"), LABELS_AND_ENTRIES)
def test_labels_entries_and_quotients(pid, target, latex, allowed):
    v = check(pid, target, latex)
    assert v.status in allowed, (v.status, v.reason)


def test_the_vector_quotient_identity_by_numpy():
    """The softmax Jacobian (symmetric) times −y ⊘ p is p − y for any p and y with Σy = 1."""
    rng = np.random.default_rng(28)
    z, y = rng.normal(size=4), rng.random(4)
    p, y = np.exp(z) / np.exp(z).sum(), y / y.sum()
    jac = np.diag(p) - np.outer(p, p)
    assert np.allclose(jac.T @ (-y / p), p - y)
    assert not np.allclose(jac.T @ (y / p), p - y)


# -- 4. I beside a scalar derivative ----------------------------------------------------

IDENTITY = [
    # G = f_3(y) + y: ∂G/∂θ_2 = (∂f_3/∂y + 1) ∂f_2/∂θ_2, I the 1×1 identity of a scalar
    (
        "exercise14",
        "dG_dtheta2",
        r"\left(\frac{\partial f_3(y,\theta_3)}{\partial y} + I\right)\frac{\partial f_2(\tilde y,\theta_2)}{\partial\theta_2}",
        OK,
    ),
    (
        "exercise14",
        "dG_dtheta1",
        r"\left(I+\frac{\partial f_{3}}{\partial y}\right)\frac{\partial f_{2}}{\partial \tilde{y}}\frac{\partial f_{1}}{\partial \theta_{1}}",
        OK,
    ),
    ("exercise14", "dG_dtheta3", r"\frac{\partial f_{3}(y,\theta_3)}{\partial \theta_{3}} + I", NO),
    (
        "exercise14",
        "dG_dtheta2",
        r"\frac{\partial f_3}{\partial y}\frac{\partial f_2}{\partial\theta_2} + I",
        NO,
    ),
]


@pytest.mark.parametrize(("pid", "target", "latex", "allowed"), IDENTITY)
def test_identity_beside_a_scalar(pid, target, latex, allowed):
    v = check(pid, target, latex)
    assert v.status in allowed, (v.status, v.reason)
    assert "IdentityOf" not in str(v.reason) and "TypeError" not in str(v.reason)


# -- 5. softmax, where-clauses, ⇒ chains -------------------------------------------------

NAMED = [
    ("softmax_ce", "dL_dz_vec", r"\operatorname{softmax}(z)-y", OK),
    ("softmax_ce", "dL_dz_vec", r"y-\text{softmax}(z)", NO),
    ("softmax_ce", "dL_dz", r"\operatorname{softmax}(z)_i - y_i", OK),
    ("softmax_ce", "dL_dz", r"\operatorname{softmax}(z)_i + y_i", NO),
    (
        "attention_softmax",
        "da_ds_matrix",
        r"\operatorname{diag}(\operatorname{softmax}(s))-\operatorname{softmax}(s)\operatorname{softmax}(s)^{\top}",
        OK,
    ),
    (
        "attention_softmax",
        "da_ds_matrix",
        r"\operatorname{diag}(\operatorname{softmax}(s))-\operatorname{softmax}(s)^{\top}\operatorname{softmax}(s)",
        NO,
    ),
    # where-clauses: the answer before, the name as its definition
    ("mlp2", "dL_dW2_matrix", r"(o - t)\,h^{\top} \quad \text{where } h = \max(0, a)", OK),
    (
        "mlp2",
        "dL_dW2_matrix",
        r"\frac{\partial L}{\partial W^{(2)}} = (o-t)h^\top,\ \text{with } h=\max(a,0)",
        OK,
    ),
    ("mlp2", "dL_dW2_matrix", r"(o - t)\,h^{\top}, \quad \text{where } h = \max(0, -a)", NO),
    (
        "mlp2",
        "dL_dW1_matrix",
        r"\frac{\partial L}{\partial W^{(1)}} = g^{(1)} x^{\top}, \quad g^{(1)} = \mathbb{1}[a>0]\odot\left(W^{(2)\top}(o-t)\right)",
        OK,
    ),
    (
        "mlp2",
        "dL_dW1_matrix",
        r"\frac{\partial L}{\partial W^{(1)}} = g^{(1)} x^{\top}, \quad g^{(1)} = \mathbb{1}[a>0]\odot\left(W^{(2)\top}(t-o)\right)",
        NO,
    ),
    (
        "layernorm",
        "dL_dx",
        r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(u_i - \frac{1}{n}\sum_{j=1}^{n} u_j - \frac{\hat x_i}{n}\sum_{j=1}^{n}\hat x_j u_j\right), \text{ where } u_j = \frac{\partial L}{\partial y_j}",
        OK,
    ),
    (
        "layernorm",
        "dL_dx",
        r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(u_i - \frac{1}{n}\sum_{j=1}^{n} u_j\right), \text{ where } u_j = \frac{\partial L}{\partial y_j}",
        NO,
    ),
    # ⇒: the last statement is the answer
    (
        "logreg_l2",
        "dL_db",
        r"\frac{\partial L}{\partial b} = \frac{\partial L}{\partial p}\,p(1-p) \Rightarrow \frac{\partial L}{\partial b} = p - y",
        OK,
    ),
    ("logreg_l2", "dL_db", r"-\frac{y}{p}p(1-p)+\frac{1-y}{1-p}p(1-p) \implies p-y", OK),
    (
        "logreg_l2",
        "dL_db",
        r"\frac{\partial L}{\partial b} = -y(1-p) + (1-y)p \Longrightarrow \frac{\partial L}{\partial b} = y - p",
        NO,
    ),
]


@pytest.mark.parametrize(("pid", "target", "latex", "allowed"), NAMED)
def test_softmax_where_clauses_and_chains(pid, target, latex, allowed):
    v = check(pid, target, latex)
    assert v.status in allowed, (v.status, v.reason)


@pytest.mark.parametrize(
    ("pid", "target", "latex", "said"),
    [
        (
            "attention_softmax",
            "da_ds",
            r"\operatorname{softmax}(q)_j(\delta_{ij} - a_i)",
            "softmax of s",
        ),
        (
            "mlp2",
            "dL_dW2_matrix",
            r"(o-t)h^{\top} \quad \text{where } u = \max(0,a)",
            "does not use",
        ),
        (
            "layernorm",
            "dL_dx_vec",
            r"\gamma u \text{ where } u_j = \frac{\partial L}{\partial y_j}",
            "whole",
        ),
    ],
)
def test_what_a_form_cannot_mean_is_unreadable(pid, target, latex, said):
    v = check(pid, target, latex)
    assert v.status == UNREADABLE and said in v.reason, (v.status, v.reason)


# -- accented names: μ̂ inside an answer, σ̂² as the label of the estimate ---------------

_X = np.array([0.3, -1.2, 2.0, 0.7])


def _var_about(c):  # what (1/N) Σ (x_n − c)² means, at a sample
    return float(np.mean((_X - c) ** 2))


ESTIMATES = [
    # σ̂² at μ̂: (1/N) Σ (x_n − μ̂)², and Σx²/N − μ̂², equal (NumPy: both np.var)
    (r"\frac{1}{N}\sum_{n=1}^{N}(x_n - \hat\mu)^2", OK),
    (r"\hat{\sigma}^{2}=\frac{1}{N} \sum_{n=1}^{N}\left(x_{n}-\hat{\mu}\right)^{2}", OK),
    (r"\hat\sigma^2 = \frac{1}{N}\sum_{n=1}^{N} x_n^2 - \hat\mu^2", OK),
    ("(1/N) Σ_n (x_n - μ̂)^2", OK),
    # the unbiased estimate and the mean deviation (0) are other numbers
    (r"\hat\sigma^2 = \frac{1}{N-1}\sum_{n=1}^{N}(x_n - \hat \mu)^2", NO),
    (r"\hat{\sigma}^{2}=\frac{1}{N} \sum_{n=1}^{N}\left(x_{n}-\hat{\mu}\right)", NO),
    # x̄ is not a name of this problem: not judged, never refuted on a random value of it
    (r"\frac{1}{N}\sum_{n=1}^{N}(x_n - \bar x)^2", {UNDECIDED}),
    # a relation that never mentions σ² says nothing about it
    (r"s^2 = \frac{1}{N}\sum_{n=1}^{N}(x_n - \hat\mu)^2", {UNDECIDED}),
]


def test_the_samples_meanings_differ():
    m = float(np.mean(_X))
    assert _var_about(m) == pytest.approx(np.var(_X)) == pytest.approx(np.mean(_X**2) - m**2)
    assert np.sum((_X - m) ** 2) / (len(_X) - 1) != pytest.approx(np.var(_X))
    assert abs(np.mean(_X - m)) < 1e-12 != pytest.approx(np.var(_X))


@pytest.mark.parametrize("latex,expected", ESTIMATES)
def test_accented_names_and_labels(latex, expected):
    v = check("gaussian_mle", "var_hat", latex)
    assert v.status in expected, (latex, v.status, v.reason)


def test_a_repeated_variable_with_a_power_prints_in_brackets():
    import sympy as sp

    from symderiv.ops.printer import latex

    ell, var = sp.Symbol(r"\ell"), sp.Symbol(r"\sigma^{2}")
    assert "\\partial \\left(\\sigma^{2}\\right)^{2}" in latex(sp.Derivative(ell, var, var))


# -- softmax(z)_i where the problem names no softmax: e^{z_i} / Σ_l e^{z_l} -----------------


def test_the_log_sum_exp_hessian_is_softmax_diag_minus_outer():
    """NumPy: central differences of ∇LSE against diag(s) − s sᵀ, s = softmax(z)."""
    z = np.array([0.3, -1.0, 0.8, 0.1])
    s = np.exp(z) / np.exp(z).sum()
    grad = lambda v: np.exp(v) / np.exp(v).sum()  # noqa: E731
    h = 1e-6
    H = np.array([(grad(z + h * e) - grad(z - h * e)) / (2 * h) for e in np.eye(4)])
    assert np.allclose(H, np.diag(s) - np.outer(s, s), atol=1e-8)


SOFTMAX_BY_DEFINITION = [
    ("dlse_dz", r"\operatorname{softmax}(z)_i", OK),
    ("dlse_dz", "softmax(z)_i", OK),
    ("hess_lse", "softmax(z)_i ([i=j] - softmax(z)_j)", OK),
    (
        "hess_lse",
        r"\mathrm{softmax}(z)_i\,\delta_{ij} - \mathrm{softmax}(z)_i\mathrm{softmax}(z)_j",
        OK,
    ),
    ("hess_lse", "softmax(z)_i (1 - softmax(z)_j)", NO),  # the off-diagonal p_i(1 − p_j)
    ("hess_lse", r"\operatorname{softmax}(z)_i\,\delta_{ij}", NO),  # the outer product dropped
]


@pytest.mark.parametrize("target,latex,expected", SOFTMAX_BY_DEFINITION)
def test_softmax_of_a_vector_the_problem_does_not_name(target, latex, expected):
    v = check("huber_lse", target, latex)
    assert v.status in expected, (latex, v.status, v.reason)


def test_a_sum_over_two_indices_without_bounds_is_two_sums():
    """Σ_{i,j} (and Σ_{i j}) is Σ_i Σ_j, each over its index's whole range, which the judge
    fills in from what the index runs over (or leaves the answer undecided, never guessed)."""
    from symderiv.check.read.lexical import UNBOUNDED, strip_spacing

    for text in (r"\sum_{i, j} a_{ij}", r"\sum_{i j} a_{ij}", r"\sum_{i,j} a_{ij}"):
        out = strip_spacing(text)
        assert out.count(r"\sum_") == 2 and out.count(UNBOUNDED) == 2, out
    v = check(
        "conv2d_backward", "dL_dK", r"\sum_{i, j} \frac{\partial L}{\partial Y_{i j}} X_{i+a, j+b}"
    )
    assert v.status != EQUIVALENT and v.status != NUMERIC  # off by one: never accepted
