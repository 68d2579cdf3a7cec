"""The student-answer corpus (tests/corpus/answers_*.jsonl), a fixed sample of it.

The answers were written by people who had not read the checker, in the ways students
write, and each label was computed with NumPy from what the LaTeX means (build_*.py), never
by the checker. ``bench/corpus.py`` runs all of it and prints the figures; this test runs
every ninth row, so that a change that misreads a class of answers fails here first.
"""

import json
from pathlib import Path

import pytest

import symderiv

CORPUS = sorted((Path(__file__).parent / "corpus").glob("answers_*.jsonl"))
ROWS = [json.loads(x) for f in CORPUS for x in f.read_text().splitlines() if x.strip()]
SAMPLE = ROWS[::9]
PASS = ("equivalent", "equivalent-numerically")


def test_the_corpus_is_what_the_bench_reports():
    assert len(ROWS) >= 850
    assert len({(r["problem"], r["target"]) for r in ROWS}) >= 90
    assert {r["label"] for r in ROWS} == {"right", "wrong"}


@pytest.fixture(scope="module")
def verdicts():
    out = {}
    for r in SAMPLE:
        out[r["id"]] = symderiv.load(r["problem"]).check(r["latex"], target=r["target"])
    return out


@pytest.mark.parametrize("row", SAMPLE, ids=[r["id"] for r in SAMPLE])
def test_never_the_wrong_direction(verdicts, row):
    """A wrong answer is never accepted; a right one is never refuted (it may, rarely, be
    undecided or unreadable, and then the verdict says why)."""
    v = verdicts[row["id"]]
    if row["label"] == "wrong":
        assert v.status not in PASS, (row["latex"], v.reason)
    else:
        assert v.status != "not-equivalent", (row["latex"], v.reason, v.witness)


def test_agreement_on_the_sample(verdicts):
    agree = 0
    for r in SAMPLE:
        status = verdicts[r["id"]].status
        agree += (status in PASS) if r["label"] == "right" else (status == "not-equivalent")
    assert agree / len(SAMPLE) >= 0.95, f"{agree}/{len(SAMPLE)}"
