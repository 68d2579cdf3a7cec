"""The fast path of the LaTeX parser builds exactly what ``latex2sympy2_extended`` builds.

Differential tests: every text the answer reader hands to the parser, for a sample of
the student corpus and of the generated corpus, and random expressions of the subset,
are parsed both ways; the trees (argument order, unevaluated nodes, symbol names and
assumptions) must be identical, and a text the full parser refuses is never accepted by
the fast one. Expectations come from the other parser, never from ``fastparse`` itself.
"""

import contextlib
import json
import random
from pathlib import Path

import pytest
import sympy as sp

import symderiv
from symderiv.check.read import answer as reader
from symderiv.check.read.fastparse import Unsupported
from symderiv.check.read.fastparse import parse as fast
from symderiv.check.read.notation import Notation
from symderiv.check.read.parse import _full
from symderiv.errors import UnreadableLatexError

CORPUS = Path(__file__).parent / "corpus"


def tree(e):
    if isinstance(e, sp.MatrixBase):
        return ("Matrix", e.shape, tuple(tree(a) for a in e))
    if isinstance(e, sp.Symbol):
        return ("Symbol", e.name, tuple(sorted(e.assumptions0.items())))
    if not e.args:
        return (type(e).__name__, sp.srepr(e))
    return (type(e).__name__, tuple(tree(a) for a in e.args))


def full(text):
    return _full(text, text, text)


def same_or_refused(text) -> str:
    """'fast' (both read it, identically), 'slow' (only the full parser reads it), or a
    description of the disagreement."""
    try:
        f = fast(text)
    except Unsupported:
        return "slow"
    try:
        s = full(text)
    except UnreadableLatexError as exc:
        return f"fast read what the full parser refuses: {text!r} ({exc})"
    if tree(f) != tree(s):
        return f"different trees for {text!r}:\n  fast {sp.srepr(f)}\n  full {sp.srepr(s)}"
    return "fast"


def lifted_texts(rows) -> list:
    """What the reader hands to the parser for these answers (after lifting ∂, cases,
    calls …): the texts the fast path meets in use."""
    seen = []
    real = reader.parse

    def spy(text, whole, part):
        if text not in seen:
            seen.append(text)
        return real(text, whole, part)

    reader.parse = spy
    try:
        for r in rows:
            ex = symderiv.load(r["problem"])
            target = ex.problem.target(r["target"])
            with contextlib.suppress(Exception):  # an unreadable answer still shows its texts
                reader.read(r["latex"], Notation.of(ex.problem, target.where))
    finally:
        reader.parse = real
    return seen


@pytest.fixture(scope="module")
def corpus_texts():
    rows = []
    for f in sorted(CORPUS.glob("answers_*.jsonl")):
        rows += [json.loads(line) for line in f.read_text().splitlines() if line.strip()]
    from symderiv.check.diagnose.corpus import generate

    gen = generate([symderiv.load(p) for p in ("exercise13", "softmax_ce", "hw3_3b", "mlp2")])
    rows += [r.as_dict() for r in gen]
    return lifted_texts(random.Random(7).sample(rows, 140))


def test_corpus_texts_are_read_identically(corpus_texts):
    outcomes = [same_or_refused(t) for t in corpus_texts]
    wrong = [o for o in outcomes if o not in ("fast", "slow")]
    assert not wrong, "\n".join(wrong)
    # the fast path is the common path, not a corner case
    assert outcomes.count("fast") >= 0.8 * len(outcomes), outcomes.count("fast")


ATOMS = (
    "x", "y", "a_{i}", "a_i", "W_{ki}", "W_{k,i}", "x_{j+1}", "w_{- K + i}", r"\alpha",
    r"\beta_{1}", r"\sigma", r"\hat{x}_{i}", r"\mu", "2", "3", "0.5", "12", r"\pi",
    r"\gamma", "e", "n", r"\Xi_{90001}", r"\bar{x}", r"\lambda", "t", "b", r"\epsilon",
    "g_{t}", "1", "I", "E", "d", r"\infty", r"g_{\tau}", r"g_\tau", r"\beta_{ \mu }",
)  # fmt: skip
CALLS = (r"\exp", r"\ln", r"\log", r"\tanh", r"\cos", r"\sin", r"\sqrt", r"\frac{1}")


def random_text(rnd: random.Random, depth: int = 0) -> str:
    """An expression of the subset, in the shapes where the grammar's conventions bite:
    implicit products next to / and sums, calls followed by terms, powers, mixed numbers."""
    if depth > 3 or rnd.random() < 0.3:
        a = rnd.choice(ATOMS)
        return a + (
            rnd.choice(["^{2}", "^2", "^{-1}", "^{t}", "^n"]) if rnd.random() < 0.15 else ""
        )

    def sub():
        return random_text(rnd, depth + 1)

    k = rnd.randrange(17)
    if k == 0:
        return f"{sub()}{rnd.choice(['', ' '])}+{rnd.choice(['', ' '])}{sub()}"
    if k == 1:
        return f"{sub()} - {sub()}"
    if k == 2:
        if rnd.random() < 0.6:
            return f"{sub()} {sub()}"
        o, c = rnd.choice([("(", ")"), ("{", "}"), (" ", " ")])
        power = rnd.choice(["", "", "^{2}", "^2", "^{-1}", "_{2}"])
        return (
            rnd.choice(CALLS) + power + o + sub() + c + rnd.choice([" ", "", "^{2} ", "^2"]) + sub()
        )
    bounds = rnd.choice(["k", "l", "j"]), rnd.choice(["1", "0", "i"]), rnd.choice(["n", "K - 1"])
    return {
        3: lambda: f"{sub()} \\cdot {sub()}",
        4: lambda: f"{sub()}/{sub()}",
        5: lambda: f"\\frac{{{sub()}}}{{{sub()}}}",
        6: lambda: f"({sub()})",
        7: lambda: f"-{sub()}",
        8: lambda: f"\\sqrt{{{sub()}}}",
        9: lambda: "\\sum_{{{}={}}}^{{{}}} ".format(*bounds) + sub(),
        10: lambda: rnd.choice(CALLS[:6]) + f"({sub()})",
        11: lambda: f"e^{{{sub()}}}",
        12: lambda: f"({sub()})^{{{sub()}}}",
        13: lambda: f"{sub()} \\times {sub()}",
        14: lambda: "\\" + rnd.choice(["max", "min"]) + f"({sub()}, {sub()})",
        15: lambda: f"{sub()}\\,{sub()}",
        16: lambda: f"|{sub()}|",  # read fast only when it is the text's one pair of bars
    }[k]()


def test_random_expressions_are_read_identically():
    rnd = random.Random(20261130)
    texts = [random_text(rnd) for _ in range(260)]
    texts += [f"{random_text(rnd)} = {random_text(rnd)}" for _ in range(15)]
    texts += [f"0 \\le {random_text(rnd)} < {random_text(rnd)}" for _ in range(5)]
    outcomes = [same_or_refused(t) for t in texts]
    wrong = [o for o in outcomes if o not in ("fast", "slow")]
    assert not wrong, "\n".join(wrong)
    assert outcomes.count("fast") >= 0.6 * len(outcomes), outcomes.count("fast")


def test_matrices_are_read_identically():
    """A whole answer that is one matrix (the full parser takes seconds for a 3×4 one)."""
    rnd = random.Random(7)

    def entry():  # an entry of the subset the fast path reads (the outcome is the full one's)
        while True:
            t = random_text(rnd)
            with contextlib.suppress(Unsupported):
                fast(t)
                return t

    texts = []
    for env, rows, cols, trailing in [
        ("bmatrix", 2, 2, ""),
        ("pmatrix", 2, 1, r" \\"),
        ("matrix", 1, 3, ""),
        ("bmatrix", 3, 1, ""),
    ]:
        body = r" \\ ".join(" & ".join(entry() for _ in range(cols)) for _ in range(rows))
        texts.append(rf"\begin{{{env}}} {body}{trailing} \end{{{env}}}")
    texts.append(r"\begin{bmatrix}\sigma_1 W_{11} & 0 \\ x_2 & \frac{1}{2}\end{bmatrix}")
    outcomes = [same_or_refused(t) for t in texts]
    assert outcomes.count("fast") == len(texts), "\n".join(outcomes)


@pytest.mark.parametrize(
    "text",
    [r"\cos^{2} y|x|", r"\sin x |y|", r"\exp x |y| z", r"\log x|y|+1", r"|\sin x| y"],
)
def test_bars_after_a_bare_argument_are_read_identically(text):
    # the grammar takes |x| into the bare argument (cos²(y|x|)); the fast path once ended it
    assert same_or_refused(text) == "fast"


def test_products_with_a_matrix_are_read_identically():
    """x_j [matrix], W [matrix], ½ [matrix] y: juxtaposed factors and matrices, a MatMul to
    the grammar (its ANTLR parser took 40-200 ms for each of these answers)."""
    rnd = random.Random(11)
    factors = ["x_j", "W", r"\Xi_{90001}", r"\frac{1}{2}", "(a + b)", r"\sigma", "2",
               r"\beta_{1}", "y_{3}", r"\frac{x}{n}", r"\sqrt{2}", "e^{x}"]  # fmt: skip
    matrices = [
        r"\begin{bmatrix}\delta_{1i}\\ \delta_{2i}\end{bmatrix}",
        r"\begin{pmatrix} x_1 & x_2 \\ 0 & 1 \end{pmatrix}",
        r"\begin{bmatrix}\delta_{k1}x_1 & \delta_{k2}x_1\end{bmatrix}",
    ]
    texts = []
    for _ in range(40):
        before = " ".join(rnd.sample(factors, rnd.randrange(1, 3)))
        after = " ".join(rnd.sample(factors, rnd.randrange(0, 2)))
        texts.append(f"{before} {rnd.choice(matrices)} {after}".strip())
    outcomes = [same_or_refused(t) for t in texts]
    assert outcomes.count("fast") == len(texts), "\n".join(o for o in outcomes if o != "fast")


@pytest.mark.parametrize(
    "text",
    [
        r"a (b)",  # a call to the grammar
        r"a (b, c)",
        r"\gamma x",  # Γ(x) to the grammar
        r"\gamma - x",
        r"{a + b}",  # a set to the grammar
        r"x^{T}",
        r"dx",
        r"\frac{\partial L}{\partial x}",
        r"\max x",
        r"a \quad b = c, d",
        r"1,000",
        r"-x_j \begin{bmatrix} a \\ b \end{bmatrix}",  # a negated product with a matrix
        r"x_j \begin{bmatrix} a \\ b \end{bmatrix} + y",  # a sum
        r"x_j \cdot \begin{bmatrix} a \\ b \end{bmatrix}",
        r"\frac{\begin{bmatrix} a \\ b \end{bmatrix}}{2}",
        r"(x \begin{bmatrix} a \\ b \end{bmatrix})^{2}",
        r"\sin \begin{bmatrix} a \\ b \end{bmatrix}",
        r"\begin{bmatrix} a \end{bmatrix} \begin{bmatrix} b \end{bmatrix}",
        r"\begin{vmatrix} a & b \\ c & d \end{vmatrix}",  # a determinant
        r"\begin{bmatrix} a & b \\ c \end{bmatrix}",  # ragged
    ],
)
def test_what_the_grammar_reads_its_own_way_is_left_to_it(text):
    with pytest.raises(Unsupported):
        fast(text)


@pytest.mark.parametrize(
    "text, want",
    [
        # the grammar's conventions, written out independently of both parsers
        (r"a / b c", lambda a, b, c: a / (b * c)),
        (r"\sum_{k=1}^{n} a_k b + c", None),
        (r"2 \frac{1}{2}", lambda a, b, c: sp.Integer(1)),  # a product, not 2½
        (r"115 (1)", lambda a, b, c: sp.Integer(115)),
        (r"a (b + c)", lambda a, b, c: a * (b + c)),
        (r"e^{a} - b", lambda a, b, c: sp.exp(a) - b),
    ],
)
def test_conventions(text, want):
    a, b, c = sp.symbols("a b c")
    got = fast(text)
    if want is None:
        k, n, ak = sp.Symbol("k"), sp.Symbol("n"), sp.Symbol("a_k")
        assert got.doit() == sp.Sum(ak * b, (k, 1, n)).doit() + c
    else:
        assert sp.simplify(got - want(a, b, c)) == 0
