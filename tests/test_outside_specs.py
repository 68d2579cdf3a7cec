"""Two more specs written from the README alone by a helper session (``tests/specs/``): the
Huber loss of linear regression and the log-softmax Jacobian. Their results agree with NumPy
finite differences, the matrix form I − 1pᵀ is assembled, and answers as the helper wrote
them (a clip with nested max/min, three cases) are read and judged, not left undecided."""

import numpy as np
import pytest
import sympy as sp

import symderiv
from symderiv.check import EQUIVALENT, NOT_EQUIVALENT, NUMERIC

SPECS = [__import__("pathlib").Path(__file__).parent / "specs"]
OK = {EQUIVALENT, NUMERIC}


def _huber_loss(w, b, x, y, delta):
    r = w @ x + b - y
    return r * r / 2 if abs(r) <= delta else delta * (abs(r) - delta / 2)


def _value(expr, scalars, arrays):
    """The expression at the given values: symbols by name, indexed entries from arrays."""
    e = expr.xreplace({s: scalars[str(s)] for s in expr.free_symbols if str(s) in scalars})
    e = e.doit().replace(
        lambda a: isinstance(a, sp.Indexed),
        lambda a: arrays[str(a.base.label)][tuple(int(k) - 1 for k in a.indices)],
    )
    return float(e)


@pytest.mark.parametrize("seed", range(6))  # residuals inside and on both sides of ±δ
def test_huber_gradient_agrees_with_finite_differences(seed):
    d = symderiv.load("huber_linreg", SPECS).derive(cache=False)
    rng = np.random.default_rng(seed)
    m, delta = 3, 0.7
    w, x, b, y = rng.normal(size=m), rng.normal(size=m), rng.normal(), rng.normal() * 3
    r = w @ x + b - y
    h = 1e-6
    scalars = {"m": m, "b": b, "y": y, r"\delta": delta, "r": r, r"\hat{y}": w @ x + b}
    arrays = {"w": w, "x": x}
    for i in range(m):
        e = np.eye(m)[i]
        fd = (_huber_loss(w + h * e, b, x, y, delta) - _huber_loss(w - h * e, b, x, y, delta)) / (
            2 * h
        )
        assert _value(d["dL_dw"].entry, {**scalars, "i": i + 1}, arrays) == pytest.approx(
            fd, abs=1e-6
        )
    fd = (_huber_loss(w, b + h, x, y, delta) - _huber_loss(w, b - h, x, y, delta)) / (2 * h)
    assert _value(d["dL_db"].entry, scalars, arrays) == pytest.approx(fd, abs=1e-6)


@pytest.mark.parametrize(
    ("latex", "allowed"),
    [
        # the clip form: nested max/min (the grammar split \max's argument at every comma)
        (r"\max(-\delta, \min(\delta, r)) x_i", OK),
        (r"\min\left(\delta, \max\left(-\delta, r\right)\right) x_i", OK),
        (r"\max(-\delta, \min(\delta, r))", {NOT_EQUIVALENT}),
        (r"\max(\delta, \min(\delta, r)) x_i", {NOT_EQUIVALENT}),
        # three cases: the last one's branch point r = −δ is passed above it in the first
        (
            r"\begin{cases} r x_i & |r| \le \delta \\ \delta x_i & r > \delta \\ "
            r"-\delta x_i & r < -\delta \end{cases}",
            OK,
        ),
        (
            r"\begin{cases} r x_i & |r| \le \delta \\ \delta x_i & r > \delta \\ "
            r"\delta x_i & r < -\delta \end{cases}",
            {NOT_EQUIVALENT},
        ),
    ],
)
def test_huber_answers_as_written(latex, allowed):
    problem = symderiv.load("huber_linreg", SPECS)
    v = problem.check(latex, "dL_dw")
    assert v.status in allowed, (latex, v.status, v.reason)


def test_a_nested_extremum_that_does_not_read_quotes_the_answer():
    from symderiv.check import UNREADABLE

    v = symderiv.load("huber_linreg", SPECS).check(r"\max(-\delta, \min(\delta, r) x_i", "dL_dw")
    assert v.status == UNREADABLE
    assert r"\Xi" not in v.reason  # no placeholder of the reader's own in the message


def _log_softmax_jacobian(z):
    p = np.exp(z) / np.exp(z).sum()
    return np.eye(len(z)) - np.outer(np.ones(len(z)), p)


@pytest.mark.parametrize("seed", range(3))
def test_log_softmax_agrees_with_finite_differences(seed):
    d = symderiv.load("logsoftmax", SPECS).derive(cache=False)
    rng = np.random.default_rng(seed)
    z = rng.normal(size=4)
    h = 1e-6
    f = lambda v: v - np.log(np.exp(v).sum())  # noqa: E731
    fd = np.array([(f(z + h * e) - f(z - h * e)) / (2 * h) for e in np.eye(4)]).T  # [i, j]
    p = np.exp(z) / np.exp(z).sum()
    for i in range(4):
        for j in range(4):
            scalars = {"i": i + 1, "j": j + 1, "n": 4}
            got = _value(d["dout_dz"].entry, scalars, {"z": z, "p": p})
            assert got == pytest.approx(fd[i, j], abs=1e-6)
    assert np.allclose(fd, _log_softmax_jacobian(z), atol=1e-6)


def test_log_softmax_matrix_form_is_identity_minus_ones_p_transpose():
    d = symderiv.load("logsoftmax", SPECS).derive(cache=False)
    compact = d["dout_dz_matrix"].expr
    n = sp.Symbol("n", integer=True, positive=True)
    z = np.array([0.3, -1.2, 0.5])
    p = np.exp(z) / np.exp(z).sum()
    at3 = compact.xreplace({n: 3}).as_explicit()
    got = np.array(
        [
            [
                float(at3[r, c].replace(lambda a: hasattr(a, "parent"), lambda a: p[a.i]))
                for c in range(3)
            ]
            for r in range(3)
        ]
    )
    assert np.allclose(got, _log_softmax_jacobian(z))
    explicit = d["dout_dz_3"].expr  # at n = 3: the explicit matrix, its entries in p
    vals = np.array(
        [[_value(explicit[r, c], {}, {"p": p, "z": z}) for c in range(3)] for r in range(3)]
    )
    assert np.allclose(vals, _log_softmax_jacobian(z))


_BEYOND = """
import sympy as sp
from symderiv.spec import Definition, Problem, Source, Target

n = sp.Symbol("n", integer=True, positive=True)
i, j = sp.symbols("i j", integer=True, positive=True)
W, y = sp.IndexedBase("W", real=True), sp.IndexedBase("y", real=True)
PROBLEM = Problem(
    id="beyond", title="y_ij = W_ij W_ji", source=Source("test", "beyond"), statement="y",
    shapes={W: (n, n), y: (n, n)},
    definitions=(Definition(y[i, j], W[i, j] * W[j, i], "y"),),
    targets=(
        Target("as_matrix", sp.Derivative(y[i, j], W[i, j]), "dy", as_matrix=(i, j)),
        Target("entry", sp.Derivative(y[i, j], W[j, i]), "dy"),
    ),
    notation={"W": W, "y": y},
)
"""


def test_a_matrix_form_beyond_the_engine_is_a_usage_error_naming_file_problem_target(
    tmp_path, capsys
):
    from symderiv.cli import main

    (tmp_path / "beyond.py").write_text(_BEYOND)
    code = main(["derive", "beyond", "--specs", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 2  # the spec's limit, not an internal error (README: exit codes)
    assert "\\delta_{ij} W_{ji} + W_{ij}" in out  # the other target still printed
    (line,) = err.strip().splitlines()
    assert str(tmp_path / "beyond.py") in line and "beyond/as_matrix" in line
    assert "cannot assemble" in line
