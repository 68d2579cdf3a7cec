"""The engine's own LaTeX, read back, is its own result; and the same answers as students
write them. Each case here was refuted or undecided before: a layer label h^{(t)} read as a
power, a limit's left side judged as a value, a bare g read as the family g_t."""

import pytest

import symderiv

CASES = [
    # (problem, target, answers a student writes, each right)
    (
        "rnn_tanh",
        "dh_dhprev",
        [r"(1 - (h_k^{(t)})^2) W_{ki}", r"\left(1-{h^{(t)}_k}^2\right)W_{ki}"],
    ),
    ("rnn_tanh", "dh_dW", [r"(1-(h^{(t)}_k)^2)\,\delta_{ki}\, h^{(t-1)}_j"]),
    ("momentum", "v_limit", [r"\lim_{t\to\infty} v_t = \frac{g}{1-\mu}", r"\frac{g}{1-\mu}"]),
    ("hw3_4a", "m_constant", [r"g - \beta_1^t g", r"(1-\beta_1^{t})\,g"]),
    # the output size c of Σ_{r=1}^{c} is the problem's c (it was a new, random symbol)
    (
        "mlp2",
        "dL_dW1",
        [r"\mathbb{1}[a_k>0]\, x_j \sum_{r=1}^{c} (o_r - t_r) W^{(2)}_{rk}"],
    ),
    # σ² is the problem's variance, not σ squared; \frac1n, \Big(, \sum_j without bounds
    (
        "layernorm",
        "dL_dx",
        [
            r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\Big(\frac{\partial L}{\partial y_i}"
            r" - \frac1n\sum_{j} \frac{\partial L}{\partial y_j}"
            r" - \frac{\hat x_i}{n}\sum_j \frac{\partial L}{\partial y_j}\hat x_j\Big)",
        ],
    ),
    # matrices as students write them: diag in its spellings, ⊙, I, e_k, products in order
    (
        "exercise13",
        "dy_dx_matrix",
        [
            r"\operatorname{diag}(\sigma'(\tilde y)) W",
            r"\mathrm{diag}\big(\sigma(\tilde y)\odot(1-\sigma(\tilde y))\big)\,W",
        ],
    ),
    ("exercise13", "dyt_db", ["I", "I_n"]),
    ("exercise13", "dyt_db_seed", ["I", "I_4", "I_n"]),
    ("exercise13", "dyt_dW_vec", ["x_j e_i", r"x_j\,\mathbf{e}_{i}"]),
    ("mlp2", "dL_dW2_matrix", [r"(o - t) h^T", r"(o-t)\,h^{\top}"]),
    ("mlp2", "dL_db1_vec", [r"\mathbb{1}[a>0] \odot \big((W^{(2)})^T (o-t)\big)"]),
    # the left side is the target's own (a relation, a convolution named x * h)
    ("hw3_2ab", "time_invariance", ["y_2(n) - y(n-5) = 0", "0"]),
    ("hw3_3b", "batchnorm_dL_dx", []),
    ("hw3_2cd", "valid", []),
    # derivatives written as operators, inline ∂L/∂y_j, primes as students type them
    (
        "exercise14",
        "dF_dtheta3",
        [
            r"\frac{\partial}{\partial \theta_3} f_3(y,\theta_3)",
            r"\partial_{\theta_3} f_3(y, \theta_3)",
            r"\partial_{\theta_3} f_3",
        ],
    ),
    (
        "exercise14",
        "dF_dtheta1",
        [r"\partial_y f_3 \, \partial_{\tilde y} f_2 \, \partial_{\theta_1} f_1"],
    ),
    (
        "hw3_3b",
        "dL_dx_n3",
        [r"\gamma\sum_{j=1}^{3}\left(\delta_{ij} - 1/3\right)\partial L/\partial y_j"],
    ),
    (
        "exercise13",
        "dy_dW",
        [
            r"\sigma ' ( \tilde{y}_k ) \cdot \delta_{k i} \cdot x_{j}",
            r"\sigma^{\prime}(\tilde y_k)\delta_{ki}x_j",
        ],
    ),
    ("exercise13", "dy_dyt", [r"\sigma(\tilde y_k)\,\sigma(-\tilde y_k)"]),
    ("exercise13", "dyt_db_seed", [r"\operatorname{diag}(1,1,1,1)"]),
    # u(n) is the statement's unit step; a sum from k = 0 keeps its k = 0 term; "and"
    (
        "hw3_2ab",
        "y",
        [
            r"y(n) = \sum_{k=0}^{L-1} \left(\frac{1}{2}\right)^{n-k} u(n-k)",
            r"y(n) = \begin{cases} 2 - 2^{-n} & \text{if } n \geq 0 \text{ and } n < L \\"
            r" 2^{-n}(2^{L}-1) & \text{if } n \geq L \\ 0 & \text{otherwise} \end{cases}",
        ],
    ),
    # ∂L/∂y for the whole vector y, and \mathbf{1}, the vector of ones
    (
        "layernorm",
        "dL_dx_vec",
        [
            r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y}"
            r" - \frac{1}{n}\Big(\sum_j \frac{\partial L}{\partial y_j}\Big)\mathbf{1}"
            r" - \frac{1}{n}\Big(\sum_j \hat{x}_j\frac{\partial L}{\partial y_j}\Big)\hat{x}\right)",
        ],
    ),
]


@pytest.mark.parametrize("pid,target,answers", CASES, ids=[f"{c[0]}/{c[1]}" for c in CASES])
def test_read_back_and_as_students_write_it(pid, target, answers):
    ex = symderiv.load(pid)
    result = ex.derive(target)[target]
    for latex in [result.latex, *answers]:
        v = ex.check(latex, target, timeout=30)
        assert v.ok, (latex, v.status, v.reason, v.witness)


@pytest.mark.parametrize(
    "pid,target,latex",
    [
        ("rnn_tanh", "dh_dhprev", r"(1 - (h_k^{(t-1)})^2) W_{ki}"),  # the wrong layer's h
        ("rnn_tanh", "dh_dhprev", r"(1 - h_k^{(t)}) W_{ki}"),
        ("momentum", "v_limit", r"\lim_{t\to\infty} v_t = \frac{g}{1+\mu}"),
        ("hw3_4a", "m_constant", r"-\beta_1^t g"),
        ("exercise13", "dy_dx_matrix", r"W \operatorname{diag}(\sigma'(\tilde y))"),  # order
        ("exercise13", "dy_dx_matrix", r"\operatorname{diag}(\sigma(\tilde y)) W"),
        ("exercise13", "dyt_db", "2I"),
        ("exercise13", "dyt_db", "I_m"),  # the wrong size
        ("exercise13", "dyt_db", "I_3"),  # a fixed size where n is symbolic
        ("exercise13", "dyt_db_seed", "I_3"),
        ("exercise13", "dyt_dW_vec", "x_i e_j"),
        ("mlp2", "dL_dW2_matrix", r"h (o-t)^T"),  # transposed: the shape is wrong
        ("mlp2", "dL_db1_vec", r"\mathbb{1}[a>0] \odot \big((W^{(2)})^T (o+t)\big)"),
        ("hw3_2ab", "time_invariance", "y_2(n) - y(n-5) = 1"),
        ("hw3_2ab", "y", r"y(n) = \sum_{k=0}^{L-1} \left(\frac{1}{2}\right)^{n-k+1} u(n-k)"),
        ("exercise14", "dF_dtheta3", r"\partial_{y} f_3(y, \theta_3)"),  # by the wrong variable
        ("exercise13", "dyt_db_seed", r"\operatorname{diag}(1,1,1,2)"),
        # wrong on the active side of the ReLU only: never accepted for want of points there
        ("mlp2", "dL_dW1", r"\mathbb{1}[a_k>0]\, x_j \sum_{r=1}^{c} (o_r + t_r) W^{(2)}_{rk}"),
        (
            "layernorm",
            "dL_dx",
            r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\frac{\partial L}{\partial y_i}",
        ),
        (
            "layernorm",
            "dL_dx_vec",
            r"\frac{\gamma}{\sqrt{\sigma^2+\epsilon}}\left(\frac{\partial L}{\partial y}"
            r" - \frac{1}{n}\Big(\sum_j \frac{\partial L}{\partial y_j}\Big)\mathbf{1}\right)",
        ),
    ],
)
def test_wrong_answers_in_the_same_notation_are_refuted(pid, target, latex):
    v = symderiv.load(pid).check(latex, target, timeout=30)
    assert v.status == "not-equivalent", (latex, v.status, v.reason)


def test_sympy_plain_latex_is_read():
    """SymPy's own latex() prints entries as {x}_{i} and upstream gradients as
    {\\partial L/\\partial y}_{j}: read as x_i and ∂L/∂y_j."""
    import sympy as sp

    ex = symderiv.load("rmsnorm")
    for target in ("dL_dx", "dy_dx"):
        result = ex.derive(target)[target]
        plain = sp.latex(result.entry)
        assert "{x}_{i}" in plain
        v = ex.check(plain, target, timeout=30)
        assert v.ok, (plain, v.status, v.reason)


@pytest.mark.parametrize(
    "pid,target",
    [
        ("exercise13", "dy_dW"),  # σ' as \left. \frac{d}{du} σ(u) \right|_{\substack{u = ỹ_k}}
        ("exercise13", "dy_dx_matrix"),  # DiagMatrix((u \mapsto σ'(u))_∘(ỹ)) W
        ("exercise13", "dyt_dx_vec"),  # W BasisVector(i, m)
        ("exercise13", "dyt_db"),  # \mathbb{I}
        ("exercise13", "dyt_dx_seed"),  # \left[\begin{matrix} {W}_{1,1} … \end{matrix}\right]
        ("gelu_silu", "dy_dx_matrix"),
        ("hw3_4b", "grad_reg"),  # \frac{d}{d θ} f(θ)
        ("mlp2", "dL_db1"),  # θ(a_k): SymPy's Heaviside
        ("mlp2", "dL_db1_vec"),  # (u \mapsto θ(u))_∘(a) ∘ (…): θ entrywise
        ("rnn_tanh", "dh_dhprev_matrix"),  # "1 1": one times the ones
        ("hw3_3b", "batchnorm_dL_dx"),  # {\partial \bar{L}/\partial \bar{y}}_{i}
        ("exercise12", "kernel"),  # a cases inside a cases
        ("exercise12", "dct2d"),  # C X Cᵀ with the result's own X
        ("exercise11", "max_margin"),  # a tuple of values
    ],
)
def test_sympy_plain_latex_of_the_whole_result_is_read(pid, target):
    import sympy as sp

    ex = symderiv.load(pid)
    result = ex.derive(target)[target]
    for latex in (result.latex, sp.latex(result.expr)):
        v = ex.check(latex, target, timeout=30)
        assert v.ok, (latex, v.status, v.reason, v.witness)
