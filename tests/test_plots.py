"""Plot data comes from the derived results: compared here with the convolution sums computed
directly, by a separate path (plain Python fractions, no SymPy)."""

import json
from fractions import Fraction
from pathlib import Path

import pytest

import symderiv
from symderiv.cli import main
from symderiv.render import plots

L = 5


def x(n):
    return 1 if 0 <= n <= L - 1 else 0


def h(n):
    return Fraction(1, 2**n) if n >= 0 else 0


def y_direct(n):
    return sum(x(i) * h(n - i) for i in range(-20, 40))


@pytest.fixture(scope="module")
def fir():
    return {f.name: f for f in plots.figures(symderiv.load("hw3_2ab").derive())}


def test_stem_plot_of_y_is_the_convolution_for_L_5(fir):
    f = fir["stem_a"]
    assert f.kind == "stem" and f.x == list(range(-2, 13))
    series = dict(f.series)
    assert [Fraction(str(v)) for v in series["x(n)"]] == [x(n) for n in f.x]
    assert [Fraction(str(v)) for v in series["h(n)"]] == [h(n) for n in f.x]
    # y(4) = 1 + 1/2 + … + 1/16 = 31/16, then halving: y(5) = 31/32
    assert [Fraction(str(v)) for v in series["y(n)"]] == [y_direct(n) for n in f.x]
    assert series["y(n)"][f.x.index(5)] == Fraction(31, 32)


def test_stem_plot_of_y2_is_y_delayed(fir):
    f = fir["stem_b"]
    y2 = dict(f.series)["y_2(n)"]
    assert [Fraction(str(v)) for v in y2] == [y_direct(n - 5) for n in f.x]


def test_sobel_heatmap_is_the_flipped_kernel_slid_over_the_image():
    (f,) = plots.figures(symderiv.load("hw3_2cd").derive())
    img = [[5 * i + j + 1 for j in range(5)] for i in range(5)]
    k = [[-1, -2, -1], [0, 0, 0], [1, 2, 1]]
    valid = [
        [sum(img[r + a][c + b] * k[2 - a][2 - b] for a in range(3) for b in range(3))
         for c in range(3)]
        for r in range(3)
    ]  # fmt: skip
    series = dict(f.series)
    assert [[int(v) for v in row] for row in series["x * h, valid"]] == valid
    assert valid[0][0] == -40  # the flip matters: cross-correlation would give +40


def test_figures_are_drawn_as_vector_graphics(fir, tmp_path):
    svg = plots.render(fir["stem_a"], str(tmp_path / "a.svg"))
    pdf = plots.render(fir["stem_a"], str(tmp_path / "a.pdf"))
    assert "<svg" in Path(svg).read_text(encoding="utf-8")[:2000]
    assert Path(pdf).read_bytes()[:5] == b"%PDF-"


def test_derive_json_carries_the_plot_data(capsys):
    assert main(["derive", "hw3_2ab", "y", "--json", "--no-steps"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (p,) = doc["plots"]  # stem_b needs y2, which was not derived
    assert p["name"] == "stem_a" and p["kind"] == "stem"
    y = next(s for s in p["series"] if s["label"] == "y(n)")
    assert y["exact"][p["x"].index(4)] == "31/16" and y["values"][p["x"].index(4)] == 1.9375


def test_a_plot_of_an_unknown_target_is_a_spec_error(capsys, tmp_path):
    (tmp_path / "mine.py").write_text(
        "import sympy as sp\n"
        "from symderiv.spec import Plot, Problem, Source, Target\n"
        "q, w = sp.symbols('q w')\n"
        "PROBLEM = Problem(id='mine', title='t', source=Source('notes', '1'), statement='',\n"
        "    targets=(Target('dq', sp.Derivative(q * w, w)),),\n"
        "    plots=(Plot('p', 'a plot', 'stem', (('y', 'nope'),)),))\n"
    )
    assert main(["--specs", str(tmp_path), "show", "mine"]) == 2
    err = capsys.readouterr().err
    assert "mine.py" in err and "plot 'p'" in err and "'nope'" in err
