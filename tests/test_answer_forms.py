"""Answers in forms the held-out corpus found misread, each with its meaning worked out by
hand (the value in the comment), right and wrong versions side by side."""

import math

import pytest

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT, NUMERIC, UNDECIDED

OK = {EQUIVALENT, NUMERIC}

CASES = [
    # conv1d: ∂L/∂x_i = Σ_l Σ_k w_l g_k δ_{k, i−l+1}: a double sum whose inner index is
    # symbolic was once evaluated as 0 (the inner Σ_k kept k symbolic: ∂L/∂y_k → 0)
    ("conv1d_backward", "dL_dx",
     r"\sum_{l=1}^{K}\sum_{k=1}^{N-K+1} w_l\,\frac{\partial L}{\partial y_k}\,\delta_{k,i-l+1}",
     OK),
    ("conv1d_backward", "dL_dx",
     r"\sum_{l=1}^{K}\sum_{k=1}^{N-K+1} w_l\,\frac{\partial L}{\partial y_k}\,\delta_{k,i-l}",
     {NOT_EQUIVALENT}),  # one tap early
    ("conv1d_backward", "dL_dx",
     r"\sum_{k=1}^{N-K+1}\sum_{l=1}^{K} w_l \frac{\partial L}{\partial y_k}\,[k+l-1=i]", OK),
    # h_{t,k}: entry k of the statement's h_t (1 − h² = tanh' at a)
    ("rnn_tanh", "dh_dhprev", r"(1 - h_{t,k}^2) W_{ki}", OK),
    ("rnn_tanh", "dh_dhprev", r"(1 - h_{t-1,k}^2) W_{ki}", {NOT_EQUIVALENT}),
    ("rnn_tanh", "dh_dW", r"\delta_{ik}\operatorname{sech}^2(a_{t,i})\, h_{t-1,j}", OK),
    # (W_2)_{rk}: entry (r, k) of the second layer's weights
    ("mlp2", "dL_dW1",
     r"\mathbb{1}[a_k > 0]\, x_j \sum_{r=1}^{c} (W_2)_{rk}(o_r - t_r)", OK),
    ("mlp2", "dL_dW1", r"\mathbb{1}[a_k > 0]\, x_j \sum_{r=1}^{c} (W_2)_{kr}(o_r - t_r)",
     {NOT_EQUIVALENT, UNDECIDED}),  # transposed: W_2 is c × n, (W_2)_{kr} may not exist
    # Σ_r over the target's own free index r: a scalar (the sum of all c residuals), not the
    # r-th residual; the bound r is the sum's own and must not take the free r's value
    ("mlp2", "dL_db2", r"\sum_{r=1}^{c} (o_r - t_r)", {NOT_EQUIVALENT}),
    ("mlp2", "dL_db2", r"\sum_{k=1}^{c} (o_k - t_k)\,\delta_{kr}", OK),
    # pp^T: p times pᵀ (softmax Jacobian diag(p) − p pᵀ)
    ("softmax_ce", "dp_dz_matrix", r"-pp^T + \operatorname{diag}(p)", OK),
    ("softmax_ce", "dp_dz_matrix", r"pp^T - \operatorname{diag}(p)", {NOT_EQUIVALENT}),
    # the statement's Φ, and the problem's SiLU applied to u
    ("gelu_silu", "dgelu_du", r"\Phi(u) + \frac{u\, e^{-u^2/2}}{\sqrt{2\pi}}", OK),
    ("gelu_silu", "dgelu_du", r"\Phi(u) + u\,\phi(u)", OK),
    ("gelu_silu", "dgelu_du", r"\Phi(u)", {NOT_EQUIVALENT}),
    ("gelu_silu", "dsilu_du", r"\mathrm{SiLU}(u) + \sigma(u)\left(1 - \mathrm{SiLU}(u)\right)", OK),
    ("gelu_silu", "dsilu_du", r"\mathrm{SiLU}(u) + \sigma(u)", {NOT_EQUIVALENT}),
    # Σ_{k≥0} μ^k = 1/(1 − μ) for 0 < μ < 1
    ("momentum", "v_limit", r"g\sum_{k=0}^{\infty}\mu^k", OK),
    ("momentum", "v_limit", r"g\sum_{k=1}^{\infty}\mu^k", {NOT_EQUIVALENT}),
    # Σ_{j≠i}: the sum without its j = i term; γ(g_i − (1/n)Σ_j g_j) written that way
    ("hw3_3b", "dL_dx",
     r"\gamma\frac{n-1}{n}\frac{\partial L}{\partial y_i} - \frac{\gamma}{n}\sum_{j\neq i}"
     r"\frac{\partial L}{\partial y_j}", OK),
    ("hw3_3b", "dL_dx",
     r"\gamma\left(\frac{\partial L}{\partial y_i} - \frac{1}{n}\sum_{j\neq i}"
     r"\frac{\partial L}{\partial y_j}\right)", {NOT_EQUIVALENT}),
    # 1/n\sum_j: (1/n)·Σ
    ("hw3_3b", "dL_dx",
     r"\gamma\left(\partial L/\partial y_i - 1/n\sum_{j=1}^{n}\partial L/\partial y_j\right)", OK),
    # batch norm "the same": the answer's L is the loss downstream of ȳ, ε as \varepsilon,
    # x̂ the statement's centred x − μ, [ … ] a bracket (not an Iverson bracket)
    ("hw3_3b", "batchnorm_dL_dx",
     r"\frac{\gamma}{\sqrt{\sigma^{2}+\varepsilon}}\left[\frac{\partial L}{\partial \bar{y}_i}"
     r" - \frac{1}{n}\sum_{j}\frac{\partial L}{\partial \bar{y}_j} - \frac{\hat{x}_i\sum_{j}"
     r"\hat{x}_j\frac{\partial L}{\partial \bar{y}_j}}{n\left(\sigma^{2}+\varepsilon\right)}\right]",
     OK),
    ("hw3_3b", "batchnorm_dL_dx",
     r"\frac{\gamma}{\sqrt{\sigma^{2}+\varepsilon}}\left[\frac{\partial L}{\partial \bar{y}_i}"
     r" - \frac{1}{n}\sum_{j}\frac{\partial L}{\partial \bar{y}_j}\right]", {NOT_EQUIVALENT}),
    # a bare value answers "which γ" (γ = ηλ)
    ("hw3_4b", "gamma_for_equivalence", r"\lambda\eta", OK),
    ("hw3_4b", "gamma_for_equivalence", r"\frac{\lambda}{\eta}", {NOT_EQUIVALENT}),
    # ∇_θ f_t(θ): the gradient with its variable written under ∇
    ("hw3_4b", "grad_reg", r"\nabla_{\theta} f^{\mathrm{reg}}_t(\theta) = \nabla_{\theta} f_t(\theta) + \lambda\theta", OK),
    ("hw3_4b", "grad_reg", r"\nabla_\theta f_t(\theta) - \lambda\theta", {NOT_EQUIVALENT}),
    # Adam: ∇f_t(θ_{t−1}) is Algorithm 1's g_t; g ⊙ g of one coordinate is g²; Σ over s
    ("hw3_4a", "m_update", r"\beta_1 m_{t-1} + (1-\beta_1)\nabla f_t(\theta_{t-1})", OK),
    ("hw3_4a", "m_update", r"\beta_1 m_{t-1} + (1-\beta_1)\nabla f_t(\theta_{t})", {NOT_EQUIVALENT}),
    ("hw3_4a", "v_update", r"\beta_{2} v_{t-1} + (1-\beta_{2})\, g_t \odot g_t", OK),
    ("hw3_4a", "m_unrolled", r"(1-\beta_1)\sum_{s=1}^{t}\beta_1^{\,t-s}\, g_s", OK),
    ("hw3_4a", "v_unrolled", r"(1-\beta_2)\sum_{j=1}^{t}\beta_2^{t-j}\left(g_j\right)^2", OK),
    ("hw3_4a", "v_unrolled", r"(1-\beta_2)\sum_{j=1}^{t}\beta_2^{j}\left(g_j\right)^2",
     {NOT_EQUIVALENT}),
    # exercise 1(c): the density in the statement's y; β = 3 where the sub-question fixes it
    ("hw3_1c", "density", r"\frac{1}{|\gamma|\sqrt{2\pi}}\, e^{-\frac{(y-\beta)^2}{2\gamma^2}}", OK),
    ("hw3_1c", "peak_b3", r"y^{*} = \beta = 3", OK),
    ("hw3_1c", "peak_b3", r"y^{*} = \beta = 0", {NOT_EQUIVALENT}),
    # DCT: u is the unit step, \cos[…] the cosine of the bracket
    ("exercise12", "kernel",
     r"K_k[i] = c_k \cos\left[\pi\left(k-i+\frac{1}{2}\right)\frac{k}{N}\right]"
     r"\left(u(i-k+N-1) - u(i-k-1)\right)", OK),
    ("exercise12", "kernel",
     r"K_k[i] = c_k \cos\left[\pi\left(k-i+\frac{1}{2}\right)\frac{k}{N}\right]"
     r"\left(u(i-k+N) - u(i-k-1)\right)", {NOT_EQUIVALENT}),  # one tap too many
    # a cases answer with no branch for n < 0 says nothing there: not the causal y(n)
    ("hw3_2ab", "y",
     r"y(n) = \begin{cases} 2 - 2^{-n} & 0 \le n \le L-1 \\ (2^{L} - 1)\, 2^{-n} & n \ge L"
     r"\end{cases}", {NOT_EQUIVALENT}),
    ("hw3_2ab", "y",
     r"y[n] = \sum_{i=\max(0,\,n-L+1)}^{n} 2^{-i} \text{ for } n \ge 0, \quad y[n] = 0 "
     r"\text{ for } n < 0", OK),
    # part (c) in terms of part (a)'s y
    ("hw3_2ab", "y2", r"y_2(n) = y(n-5)", OK),
    ("hw3_2ab", "y2", r"y_2(n) = y(n-4)", {NOT_EQUIVALENT}),
    ("hw3_2ab", "time_invariance", r"y_2(n) - y(n-5) = 0 \quad \forall n", OK),
    ("hw3_2ab", "time_invariance", r"y_2(n) - y(n-5) = 2^{-5} \quad \forall n", {NOT_EQUIVALENT}),
    # ex. 1.3: a sum of basis vectors, 1_n, 1ᵀ with its size from its neighbours
    ("exercise13", "dyt_dx_vec", r"\sum_{k=1}^{n} W_{ki}\, e_k", OK),
    ("exercise13", "dyt_dx_vec", r"\sum_{k=1}^{n} W_{ik}\, e_k", {NOT_EQUIVALENT}),
    ("exercise13", "dyt_db", r"\operatorname{diag}(\mathbf{1}_n)", OK),
    ("exercise13", "dy_dx_matrix", r"\left(\sigma'(\tilde y)\,\mathbf{1}_m^\top\right)\odot W", OK),
]  # fmt: skip


@pytest.mark.parametrize(("pid", "target", "latex", "allowed"), CASES)
def test_answer_forms(pid, target, latex, allowed):
    v = symderiv.load(pid).check(latex, target=target, timeout=30)
    assert v.status in allowed, (v.status, v.reason, v.witness)


@pytest.mark.parametrize(
    ("latex", "allowed", "why"),
    [
        (r"c_k = \begin{cases} 0.5 & k = 0 \\ 0.707 & k \ge 1 \end{cases}", OK,
         "√(2/4) = 0.70711 rounds to 0.707 at three figures"),
        (r"c_k = \begin{cases} \frac12 & k = 0 \\ \approx 0.71 & k \ge 1 \end{cases}", OK,
         "and to 0.71 at two"),
        (r"c_k = \begin{cases} 0.5 & k = 0 \\ 0.7070 & k \ge 1 \end{cases}", {NOT_EQUIVALENT},
         "but not to 0.7070 at four"),
        (r"c_k = \begin{cases} 0.5 & k = 0 \\ 0.708 & k \ge 1 \end{cases}", {NOT_EQUIVALENT},
         "nor to 0.708"),
    ],
)  # fmt: skip
def test_decimals_inside_cases_are_rounded_values(latex, allowed, why):
    assert round(math.sqrt(2 / 4), 3) == 0.707 and round(math.sqrt(2 / 4), 4) == 0.7071
    v = symderiv.load("exercise12").check(latex, target="norm")
    assert v.status in allowed, (why, v.reason)


@pytest.mark.parametrize(
    ("pid", "target", "latex", "name"),
    [
        ("gelu_silu", "dgelu_du", r"\hat{y} + u", r"\hat{y}"),
        ("softmax_ce", "dL_dz", r"q_i - y_i", "q"),
        ("exercise13", "dy_dx", r"\mathrm{foo}(\tilde{y}_k) W_{ki}", "foo"),
    ],
)
def test_a_name_the_problem_does_not_define_is_never_the_ground_for_a_witness(
    pid, target, latex, name
):
    """Read as a new quantity it would take a random value; the verdict says which name it
    did not understand instead of refuting with a point where that value decides."""
    v = symderiv.load(pid).check(latex, target=target)
    assert v.status == UNDECIDED, (v.status, v.reason)
    assert name in v.reason and "does not define" in v.reason


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        # y(n) = 0 (n < 0), 2 − 2^{−n} (0 ≤ n ≤ L − 1), (2^L − 1) 2^{−n} (n ≥ L): at n = L − 1
        # the two formulas agree (2 − 2^{1−L}), so either split is right, for every L
        (r"\begin{cases} 2 - 2^{-n} & 0 \le n \le L-1 \\ (2^{L} - 1)\, 2^{-n} & n \ge L"
         r" \\ 0 & n < 0\end{cases}", EQUIVALENT),
        # rows read in order (else-if): right so read, but rows 1 and 2 both hold for n < 0
        # with different values, so as mathematics it says two things: not ours to decide
        (r"\begin{cases} 0 & n < 0 \\ 2 - 2^{-n} & n < L \\ (2^{L} - 1)\, 2^{-n} &"
         r" \text{otherwise} \end{cases}", UNDECIDED),
        (r"\begin{cases} 0 & n \le -2 \\ 2 - 2^{-n} & n < L \\ (2^{L} - 1)\, 2^{-n} &"
         r" \text{otherwise} \end{cases}", UNDECIDED),  # (at n = −1: 2 − 2 = 0 as well)
        (r"\begin{cases} 0 & n \le -3 \\ 2 - 2^{-n} & n < L \\ (2^{L} - 1)\, 2^{-n} &"
         r" \text{otherwise} \end{cases}", NOT_EQUIVALENT),  # at n = −2: 2 − 4 = −2, not 0
        (r"\begin{cases} 2 - 2^{-n} & 0 \le n \le L \\ (2^{L} - 1)\, 2^{-n} & n \ge L+1"
         r" \\ 0 & n < 0\end{cases}", NOT_EQUIVALENT),  # at n = L: 2 − 2^{−L} ≠ 1 − 2^{−L}
        # unit steps, u(0) = 1: for n ≥ L, 2 − 2^{−n} − (2 − 2^{L−n}) = (2^L − 1) 2^{−n}
        (r"\left(2 - 2^{-n}\right) u(n) - \left(2 - 2^{L-n}\right) u(n-L)", EQUIVALENT),
        (r"\left(2 - 2^{-n}\right) u(n) - \left(2 - 2^{L-n}\right) u(n-L-1)",
         NOT_EQUIVALENT),  # at n = L: 2 − 2^{−L}, not (2^L − 1) 2^{−L}
    ],
)  # fmt: skip
def test_cases_answers_are_proved_region_by_region(latex, expected):
    assert 2 - 2.0**1 == 0 and 2 - 2.0**2 == -2  # the n = −1, −2 values of 2 − 2^{−n}
    # (a wrong answer's check and diagnosis take about 9 s here: the 10 s safety net, on a
    # busy machine, would make it a timeout; the verdict is decided by counted work)
    v = symderiv.load("hw3_2ab").check(latex, target="y", timeout=120)
    assert v.status == expected, (v.status, v.reason)
    if expected == EQUIVALENT:
        assert "regions" in v.reason
    if expected == UNDECIDED:
        assert "read in order" in v.reason


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (r"K_k[i] = c_k \cos\left[\pi\left(k - i + \frac{1}{2}\right)\frac{k}{N}\right], \quad"
         r" k-N+1 \le i \le k", {EQUIVALENT, NUMERIC}),
        (r"K_k[i] = c_k \cos\left[\pi\left(k - i - \frac{1}{2}\right)\frac{k}{N}\right], \quad"
         r" k-N+1 \le i \le k", {NOT_EQUIVALENT}),  # the half-sample shift the wrong way
        (r"K_k[i] = c_k \cos\left[\pi\left(k - i + \frac{1}{2}\right)\frac{k}{N}\right], \quad"
         r" k-N+2 \le i \le k", {NOT_EQUIVALENT}),  # says nothing at i = k − 3 of the support
    ],
)  # fmt: skip
def test_a_formula_with_the_range_it_holds_on(latex, expected):
    """The kernel's formula is asked on its support (k − 3 ≤ i ≤ k for N = 4) only."""
    v = symderiv.load("exercise12").check(latex, target="kernel_formula")
    assert v.status in expected, (v.status, v.reason)
