"""The README's spec-writing example is a working spec: saved as a file, it derives the result
the README says, and that result agrees with the logistic-regression gradient computed here by
hand in NumPy, (σ(wᵀx) − y) x + λ w, by finite differences."""

import re
from pathlib import Path

import numpy as np
import sympy as sp

import symderiv

README = Path(__file__).resolve().parent.parent / "README.md"


def _example() -> str:
    text = README.read_text()
    block = re.search(
        r"```python\n(import sympy as sp\n\nfrom symderiv.ops import sigmoid.*?)```", text, re.S
    )
    assert block, "the README's spec example is missing"
    return block.group(1)


def test_readme_spec_example_derives_the_textbook_gradient(tmp_path):
    (tmp_path / "logreg.py").write_text(_example())
    p = symderiv.load("logreg", [tmp_path])
    r = p.derive("dL_dw", cache=False)["dL_dw"]
    assert r.latex == r"\frac{\partial L}{\partial w} = \lambda w + \left(p - y\right) x"
    assert r.numeric.passed
    # the entry, evaluated, against NumPy finite differences of the loss
    rng = np.random.default_rng(3)
    w, x = rng.normal(size=3), rng.normal(size=3)
    y, lam = 1.0, 0.7

    def loss(w_):
        p_ = 1 / (1 + np.exp(-w_ @ x))
        return -y * np.log(p_) - (1 - y) * np.log(1 - p_) + lam / 2 * w_ @ w_

    fd = np.array([(loss(w + h) - loss(w - h)) / 2e-6 for h in np.eye(3) * 1e-6])
    names = {str(s): s for s in r.entry.free_symbols}
    i = names["i"]
    for k in range(3):
        at = {names["p"]: 1 / (1 + np.exp(-w @ x)), names["y"]: y, names[r"\lambda"]: lam, i: k + 1}
        e = r.entry.xreplace(at)
        e = e.replace(
            lambda a: isinstance(a, sp.Indexed),
            lambda a: {"w": w, "x": x}[str(a.base)][int(a.indices[0]) - 1],
        )
        assert abs(float(e) - fd[k]) < 1e-6


def test_readme_matrix_level_example_derives_what_its_comments_say(tmp_path):
    """The matrix-level example (∂‖Wx − t‖²/∂W, ridge) is a working spec; its values are
    checked against autograd in ``test_matrix_specs.py`` (the same spec)."""
    text = README.read_text()
    block = re.search(r"```python\n(import sympy as sp\n\nfrom symderiv.ops import Stationary.*?)```",
                      text, re.S)  # fmt: skip
    assert block, "the README's matrix-level example is missing"
    (tmp_path / "lsq.py").write_text(block.group(1))
    d = symderiv.load("lsq_matrix", [tmp_path]).derive(cache=False)
    rhs = {r.name: r.latex.split(" = ", 1)[1] for r in d}
    assert rhs == {
        "dL_dW": r"2 \left(W x - t\right) x^{T}",
        "dR_dw": r"2 \left(\lambda w + X^{T} \left(X w - y\right)\right)",
        "hessian": r"2 \left(\lambda I_{n} + X^{T} X\right)",
        "w_star": r"\left(\lambda I_{n} + X^{T} X\right)^{-1} X^{T} y",
    }
