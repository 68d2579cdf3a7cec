"""Exercises written as LaTeX files (issue 30): the built-in twins derive what their Python
specs derive, the ReLU network's results agree with autograd, a file's claims are judged
and named like a spec's, and every mistake in a file is one error naming its line."""

import autograd.numpy as anp
import numpy as np
import pytest
import sympy as sp
from ask_values import matrix_value
from autograd import grad

import symderiv
from symderiv.cli import main
from symderiv.errors import SpecError

#: LaTeX twin → (Python spec, {twin's target: the spec's matrix target})
TWINS = {
    "mlp2_latex": ("mlp2", {"dL_dW2": "dL_dW2_matrix", "dL_db2": "dL_db2_vec",
                            "dL_dW1": "dL_dW1_matrix", "dL_db1": "dL_db1_vec"}),
    "softmax_ce_latex": ("softmax_ce", {"dp_dz": "dp_dz_matrix", "dL_dz": "dL_dz_vec"}),
    "logreg_l2_latex": ("logreg_l2", {"dL_dw": "dL_dw_vec", "dL_db": "dL_db"}),
}  # fmt: skip


@pytest.mark.parametrize("twin", sorted(TWINS))
def test_a_latex_exercise_derives_what_its_python_spec_derives(twin):
    spec, targets = TWINS[twin]
    ours = symderiv.load(twin).derive(cache=False)
    theirs = symderiv.load(spec).derive(*targets.values())
    for mine, its in targets.items():
        assert ours[mine].latex.split(" = ", 1)[1] == theirs[its].latex.split(" = ", 1)[1]
        assert ours[mine].numeric.passed


@pytest.mark.parametrize("seed", range(3))
def test_the_latex_relu_network_agrees_with_autograd(seed):
    d = symderiv.load("mlp2_latex").derive()
    rng = np.random.default_rng(seed)
    m, n, c = 3, 4, 2
    v = {"x": rng.normal(size=(m, 1)), "W^{(1)}": rng.normal(size=(n, m)),
         "b^{(1)}": rng.normal(size=(n, 1)), "W^{(2)}": rng.normal(size=(c, n)),
         "b^{(2)}": rng.normal(size=(c, 1)), "t": rng.normal(size=(c, 1))}  # fmt: skip

    def loss(W1, b1, W2, b2):
        h = anp.maximum(0, W1 @ v["x"] + b1)
        return 0.5 * anp.sum((W2 @ h + b2 - v["t"]) ** 2)

    args = (v["W^{(1)}"], v["b^{(1)}"], v["W^{(2)}"], v["b^{(2)}"])
    a = v["W^{(1)}"] @ v["x"] + v["b^{(1)}"]
    h = np.maximum(0, a)
    arrays = {**v, "a": a, "h": h, "o": v["W^{(2)}"] @ h + v["b^{(2)}"]}
    sizes = {sp.Symbol(k, integer=True, positive=True): s for k, s in zip("mnc", (m, n, c))}
    for k, target in enumerate(("dL_dW1", "dL_db1", "dL_dW2", "dL_db2")):
        e = d[target].expr.replace(  # 𝟙[a > 0], the derivative of the ReLU
            lambda q: type(q).__name__ == "unit_step", lambda q: sp.Heaviside(q.args[0], 0)
        )
        got = matrix_value(e, sizes, arrays)
        np.testing.assert_allclose(got, grad(loss, k)(*args), rtol=1e-9, atol=1e-12)


def test_a_latex_exercise_lists_derives_and_checks_its_claims(tmp_path, capsys):
    (tmp_path / "layer.md").write_text(
        "---\nid: layer\ntitle: A sigmoid layer\nsource: a test, 1\naliases: sl\n---\n"
        "A layer and its squared error.\n\n## Definitions\n"
        "$h = \\sigma(Wx + b)$\n$L = \\tfrac12\\|h - t\\|^2$\n\n## Targets\n"
        "- dL_db: $\\nabla_b L$ — the gradient by the bias\n\n## Claims\n"
        "- dL_db (p. 2): $(h - t) \\odot h \\odot (1 - h)$\n"
        "- dL_db (p. 3): $(h - t) \\odot h$\n",
        encoding="utf-8",
    )
    (tmp_path / "README.md").write_text("# not an exercise\n", encoding="utf-8")
    assert main(["list", "--specs", str(tmp_path)]) == 0
    assert "layer" in capsys.readouterr().out
    assert main(["derive", "sl", "--specs", str(tmp_path), "--no-steps"]) == 0
    assert r"h \circ \left(h - t\right) \circ \left(1 - h\right)" in capsys.readouterr().out
    assert main(["check", str(tmp_path / "layer.md")]) == 1  # one claim is wrong
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("dL_db")]
    assert "equivalent" in rows[0] and "not-equivalent" in rows[1]
    assert "where" in rows[1] and "belongs" in rows[1]  # σ where σ' belongs: named


GOOD = ("---\nid: e\ntitle: T\n---\n## Definitions\n$L = \\|x\\|^2$\n## Targets\n"
        "- dL_dx: $\\nabla_x L$\n")  # fmt: skip


@pytest.mark.parametrize(
    "text, line, says",
    [
        (GOOD.replace("$L = \\|x\\|^2$", "$L = \\|x\\|^2 +$"), 6, "expected a quantity"),
        (GOOD.replace("## Targets", "## Answers"), 7, "unknown section"),
        (GOOD.replace("title: T\n", "title: T\nauthor: me\n"), 4, "KEY: value"),
        (GOOD.replace("id: e\n", ""), None, "no id"),
        (GOOD.replace("- dL_dx: $\\nabla_x L$", "- dL_dx $\\nabla_x L$"), 8, "a target is"),
        (GOOD.replace("- dL_dx: $\\nabla_x L$", "- dL_dx: $L$"), 8, "one derivative"),
        (GOOD + "## Claims\n- dL_dy (p. 1): $2x$\n", 10, "unknown target dL_dy"),
        (GOOD.replace("title: T\n", "title: T\nshapes: x 3\n"), 4, "NAME: SIZES"),
        (GOOD.replace("$L = \\|x\\|^2$", "$L = \\sum_i x_i$"), 6, r"unknown command \sum"),
        ("id: e\ntitle: T\n", 1, "front matter"),
        (GOOD.replace("$L = \\|x\\|^2$", "$L = \\operatorname{softmax}(W)$"), 6, "do not fit"),
    ],
)
def test_a_mistake_in_a_latex_exercise_names_its_line(tmp_path, text, line, says):
    path = tmp_path / "e.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as err:
        symderiv.load(str(path))
    where = f"{path}:{line}:" if line else f"{path}:"
    assert str(err.value).startswith(where) and says in str(err.value), str(err.value)


def test_a_broken_exercise_never_lets_a_builtin_of_its_id_stand_in(tmp_path, capsys):
    """A file of your own defining `layernorm` that fails to load is the error, not the
    built-in layernorm derived in its place."""
    (tmp_path / "ln.md").write_text(GOOD.replace("id: e", "id: layernorm").replace(
        "$L = \\|x\\|^2$", "$L = \\|x\\|^2 \\sum$"), encoding="utf-8")  # fmt: skip
    assert main(["derive", "layernorm", "--specs", str(tmp_path), "--no-steps"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert f"{tmp_path / 'ln.md'}: line 6: unknown command" in out.err


def test_a_short_exercise_needs_no_headers(tmp_path):
    """Front matter, a line of math (a definition), target lines: the ridge solution."""
    path = tmp_path / "ridge.md"
    path.write_text("---\nid: ridge_short\ntitle: Ridge\n---\nThe ridge objective.\n"
                    "$L = \\|Xw - y\\|^2 + \\lambda\\|w\\|^2$\n- dL_dw: $\\nabla_w L$\n"
                    "- w_star: $\\nabla_w L = 0$\n", encoding="utf-8")  # fmt: skip
    ex = symderiv.load(str(path))
    assert ex.statement == "The ridge objective."
    d = ex.derive(cache=False)
    assert d["dL_dw"].latex.endswith(r"2 \left(\lambda w + X^{T} \left(X w - y\right)\right)")
    assert d["w_star"].latex.endswith(r"\left(\lambda I_{n} + X^{T} X\right)^{-1} X^{T} y")
