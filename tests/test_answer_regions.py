"""Answers to part of a question: a region given by the grader (``check --region``, the
``region`` column of a grading CSV, ``Exercise.check(region=…)``) or written with the answer.

The expectations come from a brute-force convolution in NumPy, not from the engine: for
x(n) = 1 on 0 … L − 1 and h(n) = 2^{−n} u(n), y(n) = Σ_i x(i) h(n − i) is 2 − 2^{−n} on
0 ≤ n ≤ L − 1 and (2^L − 1) 2^{−n} from n = L − 1 on (both at n = L − 1).
"""

import csv
import json
import subprocess
import sys

import numpy as np
import pytest

import symderiv
from symderiv.errors import SymderivError

EX = symderiv.load("hw3_2ab")
RIGHT = ("equivalent", "equivalent-numerically")


def _y(n: int, L: int) -> float:
    """y(n) by the definition, summed over every i where x(i) ≠ 0."""
    return float(sum(1.0 * (0.5 ** (n - i) if n - i >= 0 else 0.0) for i in range(L)))


@pytest.mark.parametrize("L", [2, 3, 4, 7])
def test_the_two_formulas_hold_where_the_tests_below_say(L):
    """The facts the verdicts below rest on, checked by brute force."""
    for n in range(0, L):
        assert np.isclose(_y(n, L), 2 - 2.0**-n)
    for n in range(L - 1, L + 12):
        assert np.isclose(_y(n, L), (2**L - 1) * 2.0**-n)
    assert not np.isclose(_y(L, L), 2 - 2.0**-L)  # the first formula stops holding at n = L


@pytest.mark.parametrize(
    ("answer", "region", "right"),
    [
        ("2 - 2^{-n}", "0 <= n <= L-1", True),
        ("2 - 2^{-n}", r"0 \le n \le L - 2", True),
        ("2 - 2^{-n}", "n >= 0", False),  # wrong from n = L on
        (r"(2^L - 1) 2^{-n}", r"n \ge L - 1", True),
        (r"(2^L - 1) 2^{-n}", "n >= L-2", False),  # at n = L − 2 it is the other formula
        (r"2^{L-n}", "n >= L", False),  # the −1 dropped
        ("1 - 2^{-n}", "0 <= n <= L-1", False),  # a coefficient off
    ],
)
def test_a_region_given_by_the_grader(answer, region, right):
    v = EX.check(answer, "y", region=region)
    assert (v.status in RIGHT) == right, (v.status, v.reason)
    assert any("region asked" in n for n in v.notes)


def test_an_answer_narrower_than_the_region_asked_is_not_accepted():
    """The grader asks n ≥ L − 1; an answer that only covers n ≥ L says nothing at L − 1."""
    v = EX.check(r"y(n) = (2^L - 1) 2^{-n} \text{ for } n \ge L", "y", region="n >= L-1")
    assert v.status == "not-equivalent", (v.status, v.reason)
    v = EX.check(r"y(n) = (2^L - 1) 2^{-n} \text{ for } n \ge L - 1", "y", region="n >= L-1")
    assert v.status in RIGHT, (v.status, v.reason)


def test_a_spec_region_is_not_narrowed_by_the_answer():
    """exercise12's kernel formula is asked on its support k − 3 ≤ i ≤ k (N = 4): a right
    formula stated on k − 2 ≤ i ≤ k leaves i = k − 3 unanswered."""
    ex = symderiv.load("exercise12")
    f = r"K_k[i] = c_k \cos\left[\pi\left(k - i + \frac{1}{2}\right)\frac{k}{N}\right], \quad "
    assert ex.check(f + r"k-N+2 \le i \le k", "kernel_formula").status == "not-equivalent"
    assert ex.check(f + r"k-N+1 \le i \le k", "kernel_formula").status in RIGHT


@pytest.mark.parametrize(
    ("region", "says"),
    [
        ("q >= 1", "not a condition on the target's variables"),
        ("n >= 1 +", "cannot read it"),
        ("L", "not a condition"),
    ],
)
def test_a_region_that_is_no_condition_is_a_clear_error(region, says):
    with pytest.raises(SymderivError, match=says):
        EX.check("1", "y", region=region)


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "symderiv", *args], capture_output=True, text=True, timeout=300
    )


def test_check_region_on_the_command_line():
    ok = _cli("check", "hw3_2ab", "--target", "y", "--answer", "2 - 2^{-n}",
              "--region", "0 <= n <= L-2", "--json")  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    (row,) = json.loads(ok.stdout)["results"]
    assert row["status"] in RIGHT
    bad = _cli("check", "hw3_2ab", "--target", "y", "--answer", "1", "--region", "q >= 2")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "region" in bad.stderr
    alone = _cli("check", "hw3_2ab", "--region", "n >= 1")
    assert alone.returncode == 2 and "--region goes with --answer" in alone.stderr


def test_a_region_column_in_the_grading_csv(tmp_path):
    rows = [
        ("ann", "2 - 2^{-n}", "0 <= n <= L-2", True),
        ("bob", "2 - 2^{-n}", "n >= 0", False),
        ("cat", "(2^L-1)2^{-n}", "n >= L-1", True),
        ("dan", "(2^L-1)2^{-n}", "", False),  # no region: the whole signal is asked
        ("eve", "(2^L-1)2^{-n}", "q >= 1", None),  # the TA's typo: not a verdict on the answer
    ]
    sub = tmp_path / "class.csv"
    with open(sub, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["student", "problem", "target", "answer", "region"])
        w.writerows([(s, "hw3_2ab", "y", a, r) for s, a, r, _ in rows])
    out = tmp_path / "grades.csv"
    run = _cli("grade", str(sub), "-o", str(out))
    assert run.returncode == 0, run.stderr
    with open(out, encoding="utf-8") as f:
        got = {r["student"]: r for r in csv.DictReader(f)}
    for student, _, region, right in rows:
        verdict = got[student]["verdict"]
        if right is None:
            assert verdict == "unreadable" and "region" in got[student]["reason"]
        else:
            assert (verdict in RIGHT) == right, (student, verdict, got[student]["reason"])
        if region and right is not None:
            assert f"judged where {region}" in got[student]["read as"]
