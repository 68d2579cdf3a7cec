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
    ],
)
def test_wrong_answers_in_the_same_notation_are_refuted(pid, target, latex):
    v = symderiv.load(pid).check(latex, target, timeout=30)
    assert v.status == "not-equivalent", (latex, v.status, v.reason)
