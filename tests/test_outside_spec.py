"""A spec written from the README alone (``tests/specs/l2norm.py``: a helper session that
never read the engine wrote it, as an instructor would): it derives, its results agree with
NumPy finite differences of y = x/‖x‖, and answers in the notation its statement uses
(‖x‖ in every spelling, g for the upstream gradient) are read and judged."""

import numpy as np
import pytest
import sympy as sp

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT, NUMERIC, UNDECIDED

SPECS = [__import__("pathlib").Path(__file__).parent / "specs"]
OK = {EQUIVALENT, NUMERIC}


@pytest.fixture(scope="module")
def l2norm():
    return symderiv.load("l2norm", SPECS)


def _values(expr, x, g=None):
    """The entry evaluated at x (and upstream gradient g), its indices left free."""
    norm = float(np.linalg.norm(x))
    y = x / norm
    arrays = {"x": x, "y": y, r"\partial L/\partial y": g}

    def entry(a):
        return arrays[str(a.base.label)][int(a.indices[0]) - 1]

    names = {str(s): s for s in expr.free_symbols}
    e = expr.xreplace({names[r"\|x\|"]: norm}) if r"\|x\|" in names else expr
    n = len(x)
    e = e.xreplace({s: n for s in e.free_symbols if str(s) == "n"})
    return e, names, entry


def test_the_jacobian_agrees_with_finite_differences(l2norm):
    r = l2norm.derive("dy_dx", cache=False)["dy_dx"]
    assert r.numeric.passed
    rng = np.random.default_rng(7)
    x = rng.normal(size=4)
    h = 1e-6
    f = lambda v: v / np.linalg.norm(v)  # noqa: E731
    fd = np.array([(f(x + h * e) - f(x - h * e)) / (2 * h) for e in np.eye(4)]).T  # [i, j]
    e, names, entry = _values(r.entry, x)
    for i in range(4):
        for j in range(4):
            v = e.xreplace({names["i"]: i + 1, names["j"]: j + 1})
            v = v.doit().replace(lambda a: isinstance(a, sp.Indexed), entry)
            assert abs(float(v) - fd[i, j]) < 1e-6


def test_the_backward_pass_agrees_with_finite_differences(l2norm):
    r = l2norm.derive("dL_dx", cache=False)["dL_dx"]
    rng = np.random.default_rng(8)
    x, g = rng.normal(size=5), rng.normal(size=5)
    loss = lambda v: g @ (v / np.linalg.norm(v))  # noqa: E731 - L with ∂L/∂y = g
    h = 1e-6
    fd = [(loss(x + h * e) - loss(x - h * e)) / (2 * h) for e in np.eye(5)]
    e, names, entry = _values(r.entry, x, g)
    for j in range(5):
        v = e.xreplace({names["j"]: j + 1}).doit()
        v = v.replace(lambda a: isinstance(a, sp.Indexed), entry)
        assert abs(float(v) - fd[j]) < 1e-6


@pytest.mark.parametrize(
    ("target", "latex", "allowed"),
    [
        ("dy_dx", r"\frac{\delta_{ij} - y_i y_j}{\|x\|}", OK),
        ("dy_dx", r"\frac{\delta_{ij} - y_i y_j}{\left\|x\right\|_2}", OK),
        ("dy_dx", r"\frac{1}{\lVert x \rVert}\left(\delta_{ij} - y_i y_j\right)", OK),
        # x_i x_j/‖x‖³ is y_i y_j/‖x‖: the same value
        ("dy_dx", r"\frac{\delta_{ij}}{\|x\|} - \frac{x_i x_j}{\|x\|^3}", OK),
        ("dy_dx", r"\frac{\delta_{ij}}{\|x\|} - \frac{x_i x_j}{\|x\|^2}", {NOT_EQUIVALENT}),
        ("dy_dx", r"\frac{\delta_{ij}}{\|x\|}", {NOT_EQUIVALENT}),
        ("dy_dx", r"\frac{\delta_{ij} - y_i y_j}{\sqrt{\sum_k x_k^2}}", OK),
        # ‖y‖ of the problem's vector y, written out: √(Σ y_k²) = 1, so this is right too
        ("dy_dx", r"\frac{(\delta_{ij} - y_i y_j)\|y\|}{\|x\|}", OK),
        # g is the statement's ∂L/∂y
        ("dL_dx", r"\frac{g_j - y_j \sum_k g_k y_k}{\|x\|}", OK),
        ("dL_dx", r"\frac{1}{\|x\|}\left(g_j - y_j\, y^T g\right)", OK | {UNDECIDED}),
        ("dL_dx", r"\frac{g_j - y_j \sum_k g_k}{\|x\|}", {NOT_EQUIVALENT}),
        ("dL_dx", r"\frac{g_j}{\|x\|}", {NOT_EQUIVALENT}),
    ],
)
def test_answers_in_the_statements_notation(l2norm, target, latex, allowed):
    v = l2norm.check(latex, target=target)
    assert v.status in allowed, (latex, v.status, v.reason)


def test_a_norm_of_a_quantity_the_problem_does_not_define_is_never_a_witness():
    # Adam's θ is one coordinate: ‖θ‖₂ names nothing the problem defines
    v = symderiv.load("hw3_4b").check(r"\nabla f_t(\theta) + \lambda\|\theta\|_2", "grad_reg")
    assert v.status == UNDECIDED, v.reason
    assert r"\|\theta\|" in v.reason


def test_a_norm_without_its_closing_bars_is_unreadable_with_its_position(l2norm):
    v = l2norm.check(r"\frac{\delta_{ij}}{\|x}", target="dy_dx")
    assert v.status == "unreadable" and "closing" in v.reason


def test_the_latex_answer_key_keeps_the_sheets_numbering(capsys):
    """The spec's titles say "(a) ∂y_i/∂x_j", "(b) …": the answer key's sections carry the
    sheet's labels (the helper who wrote the spec found them missing)."""
    from symderiv.cli import main

    assert main(["derive", "l2norm", "--specs", str(SPECS[0]), "--latex"]) == 0
    sections = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith(r"\subsection")]
    assert [s.split(" ", 1)[0] for s in sections] == [
        r"\subsection*{(a)", r"\subsection*{(b)", r"\subsection*{(c)", r"\subsection*{(c)"
    ]  # fmt: skip
    assert r"\texttt{dy\_dx}" in sections[0]
