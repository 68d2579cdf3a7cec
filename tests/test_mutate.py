"""Named mistakes: the mutations of a derived result, the diagnosis of a wrong answer in
check, grade and the JSON, and no diagnosis where no mutation matches.

The seed write-ups' wrong answers and what is wrong with each were read by hand from the
write-ups (the issue lists them); the engine finds them by matching mutations of its own
derivation, never from a verdict typed into a spec."""

import csv
import json
import random

import pytest
import sympy as sp

import symderiv
from symderiv.cli import main

# (problem, location prefix of the claim) → the mistake the write-up makes
SEED_MISTAKES = {
    ("exercise13", "Exercise 1.3, line 121"): "dropped delta",
    ("hw3_4a", "Exercise 4(a), line 6"): "swapped complement",
    ("hw3_4a", "Exercise 4(a), line 7"): "swapped complement",
    ("hw3_2ab", "Exercise 2(a)"): "frozen branch",
    ("hw3_3b", "Exercise 3(b), lines 181-183"): "diagonal term only",
}


@pytest.fixture(scope="module")
def seed_verdicts():
    out = {}
    for pid in sorted({p for p, _ in SEED_MISTAKES}):
        for claim, v in symderiv.load(pid).check_claims():
            out[pid, claim.location] = v
    return out


@pytest.mark.parametrize("key", list(SEED_MISTAKES), ids=[f"{p}:{loc}" for p, loc in SEED_MISTAKES])
def test_the_seed_mistakes_are_named(seed_verdicts, key):
    pid, prefix = key
    (v,) = [v for (p, loc), v in seed_verdicts.items() if p == pid and loc.startswith(prefix)]
    assert v.status == "not-equivalent"
    assert v.diagnosis is not None, f"{key}: no diagnosis"
    assert v.diagnosis["name"] == SEED_MISTAKES[key], v.diagnosis


def test_the_seed_delta_diagnosis_says_where_the_answer_is_right(seed_verdicts):
    (v,) = [v for (p, loc), v in seed_verdicts.items() if loc.startswith("Exercise 1.3, line 121")]
    text = v.diagnosis["explanation"]
    assert "Kronecker delta" in text and "right only for" in text


# answers as students write them (not our printer's LaTeX), each with its mistake
STUDENT = [
    ("exercise13", "dy_db", r"\sigma(\tilde y_k)\,(1-\sigma(\tilde y_k))", "dropped delta"),
    ("exercise13", "dy_db", r"-\sigma'(\tilde{y}_k)\delta_{ki}", "sign"),
    ("exercise13", "dy_dW", r"\sigma'(\tilde y_k) x_j", "dropped delta"),
    ("exercise13", "dy_dW", r"\delta_{ik}\, x_j", "missing chain factor"),
    ("hw3_4a", "m_update", r"m_t = \beta_1 g_t + (1-\beta_1)\, m_{t-1}", "swapped complement"),
    ("hw3_2cd", "output_size", r"\frac{N + 2p - k}{s} + 1", "missing floor"),
]


@pytest.mark.parametrize("pid,target,latex,name", STUDENT)
def test_a_student_mistake_is_named(pid, target, latex, name):
    v = symderiv.load(pid).check(latex, target)
    assert v.status == "not-equivalent", (latex, v)
    assert v.diagnosis and v.diagnosis["name"] == name, (latex, v.diagnosis)


@pytest.mark.parametrize(
    "pid,target,latex",
    [
        ("exercise13", "dy_db", r"3\sigma'(\tilde y_k)\delta_{ki}"),  # no mistake gives 3×
        ("exercise13", "dy_db", r"\sigma'(\tilde y_k)\delta_{ki} + x_1"),
    ],
)
def test_a_wrong_answer_that_matches_no_mutation_is_not_guessed(pid, target, latex):
    v = symderiv.load(pid).check(latex, target)
    assert v.status == "not-equivalent" and v.diagnosis is None, v


def test_a_right_answer_gets_no_diagnosis():
    v = symderiv.load("exercise13").check(r"\sigma'(\tilde y_k)\delta_{ik}", "dy_db")
    assert v.ok and v.diagnosis is None


def _values(expr, idx, rng):
    """``expr`` at every index combination in 1..3 and a random value for every other symbol
    and entry: plain SymPy substitution and float evaluation, not the checker's code."""
    out = []
    leaves = sorted(expr.atoms(sp.Indexed) | {s for s in expr.free_symbols if not s.is_integer},
                    key=str)  # fmt: skip
    sizes = {s: 3 for s in expr.free_symbols if s.is_integer and s not in idx}  # n, m
    for vals in [(a, b) for a in range(1, 4) for b in range(1, 4)]:
        at = {**dict(zip(idx, vals, strict=False)), **sizes}
        e = expr.xreplace(at).replace(  # σ written out here, by its definition
            lambda x: isinstance(x, sp.Function) and x.func.__name__ == "sigmoid",
            lambda x: 1 / (1 + sp.exp(-x.args[0])),
        )
        e = e.doit()
        point = {x.xreplace(at): rng.uniform(-1.5, 1.5) for x in leaves}
        out.append(complex(e.xreplace(point).evalf()))
    return out


def test_mutations_are_mistakes_or_rewrites_by_their_values():
    ex = symderiv.load("exercise13")
    found = ex.mutations("dy_db")
    i, k = sp.symbols("i k", integer=True, positive=True)
    result = ex.derive("dy_db")["dy_db"].entry
    names = {m.name for m in found["mistakes"]}
    assert {"dropped delta", "sign"} <= names
    for m in found["mistakes"]:
        rng_a, rng_b = random.Random(1), random.Random(1)
        a, b = _values(m.expr, (i, k), rng_a), _values(result, (i, k), rng_b)
        assert any(abs(x - y) > 1e-9 for x, y in zip(a, b, strict=True)), m
    for m in found["rewrites"]:
        rng_a, rng_b = random.Random(2), random.Random(2)
        a, b = _values(m.expr, (i, k), rng_a), _values(result, (i, k), rng_b)
        assert all(abs(x - y) < 1e-9 for x, y in zip(a, b, strict=True)), m


def test_mutate_command_lists_named_mistakes(capsys):
    assert main(["mutate", "exercise13", "dy_db", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "symderiv.mutations/1"
    first = {m["name"]: m for m in doc["mistakes"]}["dropped delta"]
    assert "delta" in first["explanation"] and "delta" not in first["latex"]
    assert main(["mutate", "exercise13", "nope"]) == 2


def test_grade_reports_the_mistake(tmp_path):
    sub = tmp_path / "class.csv"
    with open(sub, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student", "problem", "target", "answer"])
        w.writerow(["ana", "exercise13", "dy_db", r"\sigma'(\tilde y_k)"])
        w.writerow(["ben", "exercise13", "dy_db", r"\sigma'(\tilde y_k)\delta_{ki}"])
    out = tmp_path / "grades.csv"
    assert main(["grade", str(sub), "-o", str(out), "--jobs", "1"]) == 0
    with open(out, newline="", encoding="utf-8") as f:
        rows = {r["student"]: r for r in csv.DictReader(f)}
    assert "Kronecker delta" in rows["ana"]["diagnosis"]
    assert rows["ben"]["diagnosis"] == ""
    gs = tmp_path / "gs"
    assert main(["grade", str(sub), "-o", str(gs), "--format", "gradescope", "--jobs", "1"]) == 0
    folders = json.loads((gs / "students.json").read_text())
    ana = json.loads((gs / folders["ana"] / "results.json").read_text())
    assert "the mistake: the Kronecker delta" in ana["tests"][0]["output"]


def test_the_screen_of_mistakes_has_a_value_wherever_the_answer_is_exactly_zero():
    # δ_ki is exactly 0 at i ≠ k: the screen read an exact 0 as "no value" and let every
    # candidate mistake through to the full numeric test (here: wrong for i = k only)
    from symderiv.check.decide.tests import Comparison
    from symderiv.check.diagnose import mutate
    from symderiv.engine.calculus import Context
    from symderiv.engine.numeric import default_sizes

    ex = symderiv.load("exercise13")
    result = ex.derive("dy_db")["dy_db"].entry
    ctx = Context(ex.problem, {})
    cmp = Comparison(ctx, ctx.ranges(result), default_sizes(ex.problem), 0)
    probe = mutate._Probe(2 * result, result, cmp)
    assert probe.values is not None
    assert any(v == 0 for v in probe.values)  # (some combination has i ≠ k)
    candidates = mutate.mistakes(result)
    assert not all(probe.may_equal(m.expr) for m in candidates)
    assert probe.may_equal(2 * result)
