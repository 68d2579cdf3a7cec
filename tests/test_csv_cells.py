"""The gradebook is safe to open in a spreadsheet whatever the students are called: a formula
after leading control characters (LibreOffice drops a NUL and runs what follows) gets its
``'``, and a ``;`` in a name cannot start a new cell where ``;`` is the separator."""

import csv
import io

import pytest

from symderiv.cli import main
from symderiv.gradebook import safe_cell

RIGHT = r"\sigma'(\tilde y_k)\delta_{ki}"  # ∂y_k/∂b_i of exercise 13, right
FORMULA = ("=", "+", "-", "@")


def _first_shown(cell: str) -> str:
    """The first character a spreadsheet sees: control characters and spaces dropped."""
    return next((c for c in cell if c.isprintable() and not c.isspace()), "")


@pytest.mark.parametrize(
    "text",
    ['\x00=HYPERLINK("http://evil.example/","open me")', "\x00\x01+1", " -2", "\x7f@SUM(A1)",
     "\u200b=1", "\ufeff=1", "\x00 \t=1", "=1", "\t1", "\r1"],
)  # fmt: skip
def test_a_formula_after_control_characters_gets_its_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["ann", "", "\x00", "x;=1+1", "a = 1", "\x00ann", "1-2"])
def test_text_stays_as_it_is(text):
    assert safe_cell(text) == text


def test_the_gradebook_is_safe_with_either_separator(tmp_path, capsys):
    names = ['\x00=HYPERLINK("http://evil.example/","open me")', "\x01 +1", "x;=1+1",
             "y;-2;@3", "ann"]  # fmt: skip
    src = tmp_path / "c.csv"
    with open(src, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(("student", "problem", "target", "answer"))
        w.writerows((n, "exercise13", "dy_db", RIGHT) for n in names)
    out = tmp_path / "g.csv"
    assert main(["grade", str(src), "-o", str(out), "--jobs", "1"]) == 0
    text = out.read_text(encoding="utf-8")
    for sep in (",", ";"):
        cells = [c for row in csv.reader(io.StringIO(text), delimiter=sep) for c in row]
        assert cells and not [c for c in cells if _first_shown(c) in FORMULA], (sep, cells)
    with open(out, newline="", encoding="utf-8") as f:
        book = {r["student"]: r["verdict"] for r in csv.DictReader(f)}
    assert book == {
        "'" + names[0]: "equivalent", "'" + names[1]: "equivalent", "x;=1+1": "equivalent",
        "y;-2;@3": "equivalent", "ann": "equivalent",
    }  # fmt: skip
