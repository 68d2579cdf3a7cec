r"""``symderiv ask``: one line of LaTeX to a derivation (issue 30).

Every result is checked as its printed matrix form, evaluated with NumPy arrays, against
autograd on a forward pass written here in NumPy, at two sets of sizes; the shapes inferred
are compared with those written by hand; every way to ask badly is one line, exit 2."""

import json

import autograd.numpy as anp
import numpy as np
import pytest
import sympy as sp
from ask_values import matrix_value
from autograd import grad, hessian, jacobian

import symderiv
from symderiv.cli import main
from symderiv.errors import SymderivError
from symderiv.question import AskError
from symderiv.question.grammar import parse


def _sigmoid(u):
    return 1 / (1 + anp.exp(-u))


def _rand(rng, shape, square_boost=False):
    a = rng.uniform(0.5, 1.5, size=shape)
    if square_boost and shape[0] == shape[1]:
        a = a + shape[0] * np.eye(shape[0])
    return a


# (text, wrt, target, shapes by hand {name: (rows, cols) as size names}, forward builder)
# forward(v) -> (the function of the variable for autograd, the variable's name, the
# intermediates the printed form names, computed in NumPy)
CASES = {
    "sigmoid_layer_W": (
        r"h = \sigma(Wx + b), L = \tfrac12\|h - t\|^2", ["W"], "dL_dW",
        {"W": ("m", "n"), "x": ("n", 1), "b": ("m", 1), "t": ("m", 1), "h": ("m", 1)},
        lambda v: (lambda W: 0.5 * anp.sum((_sigmoid(W @ v["x"] + v["b"]) - v["t"]) ** 2), "W",
                   {"h": _sigmoid(v["W"] @ v["x"] + v["b"])}),
    ),
    "sigmoid_layer_b": (
        r"h = \sigma(Wx + b), L = \tfrac12\|h - t\|^2", ["b"], "dL_db",
        {"W": ("m", "n"), "b": ("m", 1)},
        lambda v: (lambda b: 0.5 * anp.sum((_sigmoid(v["W"] @ v["x"] + b) - v["t"]) ** 2), "b",
                   {"h": _sigmoid(v["W"] @ v["x"] + v["b"])}),
    ),
    "tr_AXB": (
        r"\frac{\partial}{\partial X} \operatorname{tr}(AXB)", [], "df_dX",
        {"A": ("m", "n"), "X": ("n", "p"), "B": ("p", "m")},
        lambda v: (lambda X: anp.trace(v["A"] @ X @ v["B"]), "X", {}),
    ),
    "tr_XtAX": (
        r"\frac{\partial}{\partial X} \mathrm{tr}(X^\top A X)", [], "df_dX",
        {"X": ("m", "n"), "A": ("m", "m")},
        lambda v: (lambda X: anp.trace(X.T @ v["A"] @ X), "X", {}),
    ),
    "logdet": (
        r"\frac{\partial}{\partial X} \log\det X", [], "df_dX", {"X": ("n", "n")},
        lambda v: (lambda X: anp.log(anp.linalg.det(X)), "X", {}),
    ),
    "inv_bilinear": (
        r"f = a^T X^{-1} b", ["X"], "df_dX", {"a": ("n", 1), "X": ("n", "n"), "b": ("n", 1)},
        lambda v: (lambda X: (v["a"].T @ anp.linalg.inv(X) @ v["b"])[0, 0], "X", {}),
    ),
    "quadratic_grad": (
        r"\nabla_x x^\top A x", [], "df_dx", {"x": ("n", 1), "A": ("n", "n")},
        lambda v: (lambda x: (x.T @ v["A"] @ x)[0, 0], "x", {}),
    ),
    "ridge": (
        r"L = \|Xw - y\|^2 + \lambda\|w\|^2", ["w"], "dL_dw",
        {"X": ("m", "n"), "w": ("n", 1), "y": ("m", 1), r"\lambda": (1, 1)},
        lambda v: (lambda w: anp.sum((v["X"] @ w - v["y"]) ** 2) + v[r"\lambda"] * anp.sum(w**2),
                   "w", {}),
    ),
    "softmax_ce": (
        r"p = \operatorname{softmax}(z), L = -y^T \log p", ["z"], "dL_dz",
        {"z": ("n", 1), "y": ("n", 1), "p": ("n", 1)},
        lambda v: (lambda z: -(v["y"].T @ anp.log(anp.exp(z) / anp.sum(anp.exp(z))))[0, 0],
                   "z", {"p": np.exp(v["z"]) / np.sum(np.exp(v["z"]))}),
    ),
    "logistic": (
        r"p = \sigma(Xw),\; L = -\left(y^\top \log p + (1 - y)^\top \log(1 - p)\right)", ["w"],
        "dL_dw", {"X": ("m", "n"), "w": ("n", 1), "y": ("m", 1), "p": ("m", 1)},
        lambda v: (lambda w: -anp.sum(v["y"] * anp.log(_sigmoid(v["X"] @ w))
                                      + (1 - v["y"]) * anp.log(1 - _sigmoid(v["X"] @ w))),
                   "w", {"p": _sigmoid(v["X"] @ v["w"])}),
    ),
    "det": (
        r"\frac{\partial}{\partial X} \det(X)", [], "df_dX", {"X": ("n", "n")},
        lambda v: (lambda X: anp.linalg.det(X), "X", {"f": np.linalg.det(v["X"])}),
    ),
    "frobenius": (
        r"L = \tfrac{1}{2}\|WX - Y\|_F^2", ["W"], "dL_dW",
        {"W": ("m", "n"), "X": ("n", "p"), "Y": ("m", "p")},
        lambda v: (lambda W: 0.5 * anp.sum((W @ v["X"] - v["Y"]) ** 2), "W", {}),
    ),
    "two_layer": (
        r"a = W_1 x, h = \tanh(a), o = W_2 h, L = \frac12 \|o - t\|^2", ["W_1"], "dL_dW1",
        {"W_{1}": ("m", "n"), "x": ("n", 1), "W_{2}": ("p", "m"), "t": ("p", 1)},
        lambda v: (lambda W1: 0.5 * anp.sum((v["W_{2}"] @ anp.tanh(W1 @ v["x"]) - v["t"]) ** 2),
                   "W_{1}", {"a": v["W_{1}"] @ v["x"], "h": np.tanh(v["W_{1}"] @ v["x"]),
                             "o": v["W_{2}"] @ np.tanh(v["W_{1}"] @ v["x"])}),
    ),
}  # fmt: skip

JACOBIANS = {
    "tanh_layer": (
        r"h = \tanh(Wx)", ["x"], "dh_dx", {"W": ("m", "n"), "x": ("n", 1), "h": ("m", 1)},
        lambda v: (lambda x: anp.tanh(v["W"] @ x)[:, 0], "x", {"h": np.tanh(v["W"] @ v["x"])}),
    ),
    "softmax_jacobian": (
        r"p = \operatorname{softmax}(z)", ["z"], "dp_dz", {"z": ("n", 1), "p": ("n", 1)},
        lambda v: (lambda z: (anp.exp(z) / anp.sum(anp.exp(z)))[:, 0], "z",
                   {"p": np.exp(v["z"]) / np.sum(np.exp(v["z"]))}),
    ),
}  # fmt: skip

HESSIANS = {
    "quadratic": (
        r"\nabla^2_x \, x^\top A x", [], "d2f_dx2", {"x": ("n", 1), "A": ("n", "n")},
        lambda v: (lambda x: (x.T @ v["A"] @ x)[0, 0], "x", {}),
    ),
    "logistic_hessian": (
        r"p = \sigma(Xw), L = -y^T\log p - (1-y)^T\log(1-p) + \frac{\lambda}{2}\|w\|^2, "
        r"\frac{\partial^2 L}{\partial w \partial w^\top}", [], "d2L_dw2",
        {"X": ("m", "n"), "w": ("n", 1), "y": ("m", 1), r"\lambda": (1, 1)},
        lambda v: (lambda w: -anp.sum(v["y"] * anp.log(_sigmoid(v["X"] @ w))
                                      + (1 - v["y"]) * anp.log(1 - _sigmoid(v["X"] @ w)))
                   + v[r"\lambda"] / 2 * anp.sum(w**2), "w",
                   {"p": _sigmoid(v["X"] @ v["w"])}),
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def asked():
    out = {}
    for name, (text, wrt, *_rest) in {**CASES, **JACOBIANS, **HESSIANS}.items():
        out[name] = symderiv.ask(text, wrt=wrt)
    return out


def _arrays(d, sizes, rng):
    """Random given quantities at these sizes (square matrices well conditioned)."""
    out = {}
    for name, (r, c) in d.shapes.items():
        if name in d.definitions:
            continue
        shape = tuple(int(sp.sympify(s).xreplace(sizes)) for s in (r, c))
        a = _rand(rng, shape, square_boost=name in ("X", "A") and shape[0] == shape[1])
        out[name] = float(a[0, 0]) if shape == (1, 1) else a
    return out


SIZES = [{"n": 3, "m": 2, "p": 4}, {"n": 4, "m": 3, "p": 2}]


def _check(asked, name, case, sizes, reference):
    _text, _wrt, target, by_hand, forward = case
    d = asked[name]
    for q, shape in by_hand.items():  # the shapes inferred are those a person would write
        assert tuple(str(s) for s in d.shapes[q]) == tuple(str(s) for s in shape), q
    rng = np.random.default_rng(len(name) * 7 + sizes["n"])
    sym = {sp.Symbol(k, integer=True, positive=True): v for k, v in sizes.items()}
    v = _arrays(d, sym, rng)
    f, var, named = forward(v)
    want = reference(f)(np.asarray(v[var], dtype=float))
    arrays = {**v, **named}  # the intermediates computed here; those ask named (z = Wx + b)
    for q, rhs in d.definitions.items():  # from their definitions as read
        if q not in arrays:
            value = matrix_value(rhs, sym, arrays)
            arrays[q] = float(value[0, 0]) if value.shape == (1, 1) else value
    got = matrix_value(d[target].expr, sym, arrays)
    np.testing.assert_allclose(got.reshape(np.shape(want)), want, rtol=1e-9, atol=1e-11)


@pytest.mark.parametrize("sizes", SIZES, ids=["3-2-4", "4-3-2"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_an_asked_gradient_agrees_with_autograd(asked, name, sizes):
    _check(asked, name, CASES[name], sizes, grad)


@pytest.mark.parametrize("sizes", SIZES, ids=["3-2-4", "4-3-2"])
@pytest.mark.parametrize("name", sorted(JACOBIANS))
def test_an_asked_jacobian_agrees_with_autograd(asked, name, sizes):
    def jac(f):
        return lambda x: jacobian(f)(x)[:, :, 0]  # (m, n, 1) by a column: (m, n)

    _check(asked, name, JACOBIANS[name], sizes, jac)


@pytest.mark.parametrize("sizes", SIZES, ids=["3-2-4", "4-3-2"])
@pytest.mark.parametrize("name", sorted(HESSIANS))
def test_an_asked_hessian_agrees_with_autograd(asked, name, sizes):
    def hess(f):
        return lambda x: hessian(f)(x)[:, 0, :, 0]

    _check(asked, name, HESSIANS[name], sizes, hess)


def test_the_printed_forms_are_the_textbooks(asked):
    def rhs(name, target):
        return asked[name][target].latex.split(" = ", 1)[1]

    assert rhs("tr_AXB", "df_dX") == r"A^{T} B^{T}"
    assert rhs("logdet", "df_dX") == r"X^{-T}"
    assert rhs("logistic", "dL_dw") == r"X^{T} \left(p - y\right)"
    assert rhs("quadratic_grad", "df_dx") == r"\left(A + A^{T}\right) x"
    assert rhs("sigmoid_layer_W", "dL_dW").endswith("x^{T}")


@pytest.mark.parametrize(
    "text, wrt, shapes, expected",
    [
        (r"L = w^\top x", ["w"], [], {"w": ("n", "1"), "x": ("n", "1")}),
        (r"L = \lambda w^\top w", ["w"], [], {r"\lambda": ("1", "1")}),
        (r"L = a \|x\|^2 + x^\top x", ["x"], [], {"a": ("1", "1"), "x": ("n", "1")}),  # a scalar
        (r"L = (\theta^\top x)^2 + \|x\|^2", [r"\theta"], [], {r"\theta": ("n", "1")}),
        (r"p = \sigma(w^\top x + b), L = -y \log p", ["w"], ["y: scalar"],
         {"b": ("1", "1"), "w": ("n", "1")}),  # b or w a scalar: the loss is the scalar
        (r"L = \|Wx\|^2", ["W"], ["W: 3×5"], {"W": ("3", "5"), "x": ("5", "1")}),
        (r"L = c\,\|x\|^2", ["x"], ["c: scalar"], {"c": ("1", "1")}),
        (r"y = W^{(2)} \sigma(W^{(1)} x), L = \mathbf{1}^\top y", ["W^{(1)}"], [],
         {"W^{(2)}": ("m", "n"), "W^{(1)}": ("n", "p")}),  # sizes named as they appear
        ("L = ‖σ(Wx) − t‖²", ["W"], [], {"W": ("m", "n"), "t": ("m", "1")}),  # Unicode
    ],
)  # fmt: skip
def test_shapes_are_inferred_from_use(text, wrt, shapes, expected):
    d = symderiv.ask(text, wrt=wrt, shapes=shapes)
    for name, shape in expected.items():
        assert tuple(str(s) for s in d.shapes[name]) == shape


@pytest.mark.parametrize(
    "text, wrt, says",
    [
        (r"L = x y", ["x"], "ambiguous"),  # x a scalar or y a scalar: nothing says which
        (r"L = \operatorname{softmax}(W)", ["W"], "do not fit"),  # W a matrix or a scalar
        (r"L = \operatorname{tr}(W)", ["W"], "wrt"),  # --wrt W: W... (it fits: square)
        (r"L = \|x\|^2 +", ["x"], "expected a quantity"),
        (r"L = \sum_i x_i", ["x"], r"unknown command \sum"),
        (r"L = f'(x)", ["x"], "prime"),
        (r"L = \|x\|_1", ["x"], "norm"),
        (r"L = \|x\|^2", ["q"], "no quantity q"),
        (r"y = Wx", ["W"], "more than two indices"),
        (r"L = \|x\|^2", [], "nothing to derive"),
        (r"L = 2 L", ["L"], "itself"),
        (r"L = x^\top x, L = 2", ["x"], "defined twice"),
        ("", [], "nothing to ask"),
        (r"L = x^\top x ]", ["x"], "position"),
        # ∂ det M/∂X through M = AXB was derived as 0: det and ⁻¹ of a defined matrix refused
        (r"M = AXB, f = \det M", ["X"], "defined in terms of others"),
        (r"f = \det(AXB)", ["X"], "--shape 'A: n×n'"),
    ],
)
def test_a_bad_ask_is_one_line_naming_what_is_wrong(text, wrt, says, capsys):
    if says == "wrt":  # (a square W fits: this one derives)
        assert symderiv.ask(text, wrt=wrt)["dL_dW"].latex.endswith("= I_{n}")
        return
    with pytest.raises(SymderivError) as err:  # (AskError, or SpecError from the spec)
        symderiv.ask(text, wrt=wrt)
    assert says in str(err.value)
    argv = ["ask", text] + [a for w in wrt for a in ("--wrt", w)]
    assert main(argv) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.count("\n") == 1 and out.err.startswith("symderiv: error: ")


@pytest.mark.parametrize("mark", ["'", r"\sum", "@", r"\foo", "^{}", "]", r"\|", "_", "."])
def test_a_mark_added_to_an_ask_is_never_skipped(mark):
    """Every token is read or the ask is refused: a mark inserted anywhere in a right ask
    gives another tree or an error, never the same tree (the mark silently dropped)."""
    text = r"L = \tfrac12\|\sigma(W^{(1)}x + b) - t\|^2 + \lambda \|W^{(1)}\|_F^2"
    base = parse(text)
    for at in range(len(text) + 1):
        changed = text[:at] + mark + text[at:]
        try:
            tree = parse(changed)
        except AskError:
            continue
        assert tree != base, changed


def test_cli_ask_prints_shapes_text_and_json(capsys):
    assert main(["ask", r"L = \|Xw - y\|^2", "--wrt", "w", "--no-steps"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("shapes: X m×n, w n, y m, L scalar")
    assert r"\frac{\partial L}{\partial w} = 2 X^{T} \left(X w - y\right)" in out
    assert main(["ask", r"L = \|Xw - y\|^2", "--wrt", "w", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["shapes"]["X"] == ["m", "n"] and data["results"][0]["name"] == "dL_dw"
    assert main(["ask", r"\frac{\partial}{\partial X}\operatorname{tr}(AXB)", "--latex"]) == 0
    assert r"\boxed{\frac{\partial f}{\partial X} = A^{T} B^{T}}" in capsys.readouterr().out


@pytest.mark.parametrize(
    "text, solve",
    [
        (r"L = \|Xw - y\|^2 + \lambda\|w\|^2, \nabla_w L = 0",
         lambda X, y, lam: np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)),
        (r"\arg\min_w \tfrac12 \|Xw - y\|^2",
         lambda X, y, lam: np.linalg.lstsq(X, y, rcond=None)[0]),
    ],
)  # fmt: skip
def test_a_stationary_point_is_solved_in_matrix_form(text, solve):
    d = symderiv.ask(text)
    ((_name, r),) = d.results.items()
    rng = np.random.default_rng(5)
    X, y, lam = rng.normal(size=(6, 3)), rng.normal(size=(6, 1)), 0.7
    sizes = {sp.Symbol(k, integer=True, positive=True): v for k, v in (("m", 6), ("n", 3))}
    got = matrix_value(r.expr, sizes, {"X": X, "y": y, r"\lambda": lam})  # (w = …: its value)
    np.testing.assert_allclose(got, solve(X, y, lam), rtol=1e-9)


def test_layer_norm_by_broadcast_and_the_size_as_a_quantity_agrees_with_autograd():
    """x − μ with μ a scalar is μ in each entry; n pinned as x's size is that size."""
    text = (r"\mu = \frac{1}{n}\mathbf{1}^\top x, v = \frac{1}{n}\|x - \mu\|^2, "
            r"y = \frac{x - \mu}{\sqrt{v + \epsilon}}, L = g^\top y")  # fmt: skip
    d = symderiv.ask(text, wrt="x", shapes=["x: n"])
    rng = np.random.default_rng(3)
    n, eps = 5, 0.1
    x, g = rng.normal(size=(n, 1)), rng.normal(size=(n, 1))

    def loss(x):
        mu = anp.mean(x)
        return anp.sum(g * (x - mu) / anp.sqrt(anp.mean((x - mu) ** 2) + eps))

    mu, var = float(np.mean(x)), float(np.var(x))
    arrays = {"x": x, "g": g, r"\epsilon": eps, r"\mu": mu, "v": var,
              "y": (x - mu) / np.sqrt(var + eps)}  # fmt: skip
    got = matrix_value(d["dL_dx"].expr, {sp.Symbol("n", integer=True, positive=True): n}, arrays)
    np.testing.assert_allclose(got, grad(loss)(x), rtol=1e-9, atol=1e-12)


def test_a_derivative_by_a_defined_quantity_holds_the_rest_fixed():
    """∂L/∂z with z = Wx + b defined: the upstream gradient at z, as autograd gives it."""
    d = symderiv.ask(r"z = Wx + b, h = \sigma(z), L = \tfrac12\|h - t\|^2", wrt="z")
    rng = np.random.default_rng(4)
    z, t = rng.normal(size=(3, 1)), rng.normal(size=(3, 1))
    h = 1 / (1 + np.exp(-z))
    m = sp.Symbol("m", integer=True, positive=True)
    got = matrix_value(d["dL_dz"].expr, {m: 3}, {"z": z, "t": t, "h": h})
    want = grad(lambda z: 0.5 * anp.sum((_sigmoid(z) - t) ** 2))(z)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)


def test_an_entrywise_product_of_vectors_is_printed_with_a_circle():
    """tanh' written out is (h + 1) ∘ (h − 1), never (h + 1)(h − 1): a matrix product."""
    d = symderiv.ask(r"a = W_1 x, h = \tanh(a), o = W_2 h, L = \frac12 \|o - t\|^2", wrt="W_1")
    tex = d["dL_dW1"].latex
    assert r"\left(h + 1\right) \circ \left(h - 1\right)" in tex
    assert r"\right) \left(h" not in tex
