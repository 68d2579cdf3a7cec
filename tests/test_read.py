"""Reading LaTeX as students write it, in a problem's notation."""

import pytest
import sympy as sp

import symderiv
from symderiv.check.read.answer import Transposed, read, read_expr
from symderiv.check.read.notation import Notation
from symderiv.errors import UnreadableLatexError
from symderiv.ops.functions import sigmoid

i, j, k = sp.symbols("i j k", integer=True, positive=True)
W, x, b = (
    sp.IndexedBase("W", real=True),
    sp.IndexedBase("x", real=True),
    sp.IndexedBase("b", real=True),
)
yt = sp.IndexedBase(r"\tilde{y}", real=True)
u = sp.Dummy("u")


@pytest.fixture(scope="module")
def n13():
    return Notation.of(symderiv.load("exercise13"))


@pytest.fixture(scope="module")
def n14():
    return Notation.of(symderiv.load("exercise14"))


def sp_prime(a):
    return sp.Subs(sp.Derivative(sigmoid(u), u), u, a)


CASES_13 = [
    (r"W_{ki}", W[k, i]),
    (r"W_{k,i}", W[k, i]),
    (r"W_{12}", W[1, 2]),
    (r"\tilde{y}_k", yt[k]),
    (r"\tilde y_k", yt[k]),
    (r"\delta_{ki}", sp.KroneckerDelta(k, i)),
    (r"\sigma(\tilde{y}_k)", sigmoid(yt[k])),
    (r"g(\tilde{y}_k)", sigmoid(yt[k])),  # the write-up names the sigmoid g
    (r"\left[ 1 + x_j \right] \cdot b_i", (1 + x[j]) * b[i]),
    (r"x_j \times b_i", x[j] * b[i]),
    (
        r"\frac{x_j}{2 + e^{-\tilde{y}_k} + e^{\tilde{y}_k}}",
        x[j] / (2 + sp.exp(-yt[k]) + sp.exp(yt[k])),
    ),
    (r"\frac{\partial f_k}{\partial b_i}", sp.Derivative(sp.IndexedBase("y", real=True)[k], b[i])),
    (r"x^T", Transposed(x)),
    (r"x^{\top}", Transposed(x)),
    (r"W^T", Transposed(W)),
    (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", sp.Matrix([[1, 2], [3, 4]])),
]


@pytest.mark.parametrize(("latex", "expected"), CASES_13)
def test_reads_exercise13_notation(n13, latex, expected):
    assert read_expr(latex, n13) == expected


def test_prime_reads_as_derivative_at_the_point(n13):
    got = read_expr(r"\sigma'(\tilde y_k) \delta_{ki} x_j", n13)
    assert (
        got == sp_prime(yt[k]) * sp.KroneckerDelta(i, k) * x[j]
        or sp.simplify(got.doit() - (sp_prime(yt[k]) * sp.KroneckerDelta(i, k) * x[j]).doit()) == 0
    )
    assert got.atoms(sp.Subs)


def test_cases_become_piecewise_with_conditions(n13):
    got = read_expr(
        r"\begin{cases} 0 & \text{if } k \neq i \\ x_j & \text{otherwise} \end{cases}", n13
    )
    assert got == sp.Piecewise((0, sp.Ne(k, i)), (x[j], True))


def test_partials_of_abstract_functions(n14):
    y, t3 = sp.Symbol("y", real=True), sp.Symbol(r"\theta_3", real=True)
    f3 = sp.Function("f_3")
    assert read_expr(r"\frac{\partial f_3(y, \theta_3)}{\partial y}", n14) == sp.Derivative(
        f3(y, t3), y
    )


def test_symbol_case_is_preserved():
    assert read_expr("W") != read_expr("w")
    assert read_expr("W x") != read_expr("w x")


def test_gamma_is_a_symbol_not_euler_gamma():
    r = read(r"\gamma = \eta\lambda")
    assert r.sides[0] == sp.Symbol("gamma", real=True)
    assert not r.sides[0].has(sp.EulerGamma)
    assert r.sides[1] == sp.Symbol("eta", real=True) * sp.Symbol("lambda", real=True)


def test_sums_with_symbolic_bounds_and_any_index():
    n = sp.Symbol("n", integer=True, positive=True)
    xs = sp.IndexedBase("x", real=True)
    jj = sp.Symbol("j", integer=True, positive=True)
    assert read_expr(r"\sum_{j=1}^{n} x_j") == sp.Sum(xs[jj], (jj, 1, n))


def test_chains_assignments_and_approximations():
    r = read(r"a = b = c")
    assert len(r.sides) == 3
    r = read(r"w_1 = w_2 = -2,\ b = 3")
    w = sp.IndexedBase("w", real=True)
    assert dict(r.assignments) == {w[1]: -2, w[2]: -2, sp.Symbol("b", real=True): 3}
    r = read(r"f(3) = \frac{1}{1 \cdot \sqrt{2\pi}} \approx 0.4")
    assert r.approx and r.digits == 1 and len(r.sides) == 3
    assert read(r"\approx 0.40").digits == 2


@pytest.mark.parametrize(
    ("latex", "position", "words"),
    [
        (r"\frac{1}{2", 8, "unbalanced '{'"),
        (r"x + }", 4, "unbalanced '}'"),
        (r"\input{/etc/passwd}", 0, r"\input is not allowed"),
        (r"a + \newcommand{\x}{1}", 4, "not allowed"),
        ("", 0, "empty"),
        ("   ", 0, "empty"),
        (r"x +* 3", 3, ""),
        ("(" * 60 + "x" + ")" * 60, 40, "nested deeper"),
    ],
)
def test_unreadable_input_names_the_position(latex, position, words):
    with pytest.raises(UnreadableLatexError) as exc:
        read(latex)
    assert exc.value.position == position
    assert words in str(exc.value)
    assert "\n" not in str(exc.value)


def test_too_long_is_refused_before_parsing():
    with pytest.raises(UnreadableLatexError, match="too long"):
        read("x+" * 600_000 + "x")


def test_python_code_is_never_evaluated(tmp_path):
    marker = tmp_path / "pwned"
    code = f"__import__('os').system('touch {marker}')"
    with pytest.raises(UnreadableLatexError):
        read(code)
    assert not marker.exists()


def test_gradient_reads_as_a_function_not_a_product():
    theta = sp.IndexedBase("theta", real=True)
    t = sp.Symbol("t", integer=True, positive=True)
    got = read_expr(r"\theta_t - \eta \nabla f(\theta_t)")
    grad = sp.Function("nabla f")
    assert got == theta[t] - sp.Symbol("eta", real=True) * grad(theta[t])
    assert not got.has(sp.Symbol("nabla", real=True))
    from symderiv.ops.printer import latex

    assert latex(grad(theta[t])) == r"\nabla f\left(\theta_{t}\right)"


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        (
            r"\gamma\left(a + b\right)",
            sp.Symbol("gamma", real=True) * (sp.Symbol("a", real=True) + sp.Symbol("b", real=True)),
        ),
        (
            r"\gamma (1 - \frac{1}{n})",
            sp.Symbol("gamma", real=True) * (1 - 1 / sp.Symbol("n", integer=True, positive=True)),
        ),
        (r"\lambda(a)", sp.Symbol("lambda", real=True) * sp.Symbol("a", real=True)),
        (r"\sin(a)", sp.sin(sp.Symbol("a", real=True))),
        (r"f(a)", sp.Function("f")(sp.Symbol("a", real=True))),
    ],
)
def test_greek_letter_before_a_bracket_is_a_product(latex, expected):
    got = read_expr(latex)
    assert got == expected
    assert not got.has(sp.gamma)


def test_leftarrow_is_an_assignment_not_a_bracket():
    r = read(r"m_t \leftarrow (1-\beta_1)m_{t-1} + \beta_1 g_t")
    assert len(r.sides) == 2
    assert not any(s.name in "arow" for s in r.sides[1].free_symbols if s.is_Symbol)


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        # braces around a parenthesised argument are the command's, not a call's
        (r"\sqrt{(a+b)}", lambda a, b: sp.sqrt(a + b)),
        (r"\sqrt{ (a) }", lambda a, b: sp.sqrt(a)),
        (r"\frac{(a+b)}{2}", lambda a, b: (a + b) / 2),
        (r"\frac{1}{\sqrt{((a)/(b))}}", lambda a, b: 1 / sp.sqrt(a / b)),
        (r"\cos{(a)} b", lambda a, b: sp.cos(a) * b),  # SymPy's spelling of a call
    ],
)
def test_a_command_argument_in_parentheses(latex, expected):
    a, b = sp.symbols("a b")
    got = read_expr(latex)
    assert (
        sp.simplify(got.xreplace({s: sp.Symbol(s.name) for s in got.free_symbols}) - expected(a, b))
        == 0
    )


@pytest.mark.parametrize(
    ("latex", "value"),
    [(r"2 \frac{1}{4}", sp.Rational(1, 2)), (r"3 (2)", 6), (r"2 \, \frac{1}{2} x", sp.Symbol("x"))],
)
def test_a_number_before_a_fraction_is_a_product_not_a_mixed_number(latex, value):
    got = read_expr(latex)
    assert sp.simplify(got.xreplace({s: sp.Symbol(s.name) for s in got.free_symbols}) - value) == 0


@pytest.mark.parametrize("latex", [r"{x_{j} b}", r"{ { x_{j} b } }", r"{x_j}\,{b}"])
def test_braces_around_a_whole_answer_only_group_it(latex):
    """TeX braces group; the reader's grammar would read ``{x_j b}`` as a one-element set
    (the generated corpus had such rows: {h^{(t-1)}_{j}} for an RNN)."""
    got = read_expr(latex)
    assert not isinstance(got, sp.Set)
    assert sp.expand(got - read_expr(r"x_{j} b")) == 0


def test_a_step_is_printed_with_its_value_at_zero_and_read_back_as_that_step():
    # u(n) is 1 at n = 0 (printed 1[n > 0] it was 0 there); the ReLU's derivative is 0 at 0;
    # a step with ½ at 0 has no indicator for it and keeps SymPy's θ
    from symderiv.check.read.answer import read_expr
    from symderiv.ops.printer import latex

    a = sp.Symbol("a", real=True)
    for step in (sp.Heaviside(a - 5, 1), sp.Heaviside(a, 0)):
        tex = latex(step)
        assert r"\mathbb{1}" in tex
        back = read_expr(tex)
        for v in (-2, 0, 3, 5, 7):  # the printed text means the same step, at 0 too
            assert back.subs(a, v) == step.subs(a, v), (tex, v)
    assert r"\mathbb{1}" not in latex(sp.Heaviside(a))
