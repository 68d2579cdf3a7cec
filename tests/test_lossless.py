"""Lossless reading (issue 28): a mark the reader gives no meaning to never vanishes. Marks
are inserted into right answers of the student corpus (a prime, a star, a dagger, a double
dot over a letter), each at a position drawn with a fixed seed; the marked answer must never
be accepted: it is unreadable, undecided or refuted, never 'equivalent'. Marks go into the
answer itself (the last side of ``a = b``): a left side only names the quantity (y^* = 3,
x \\star h = …), and one that is not read is noted in the verdict and shown as "?" in its
reading."""

import json
import random
import re
from pathlib import Path

import pytest

import symderiv
from symderiv.check import EQUIVALENT, NUMERIC

CORPUS = sorted((Path(__file__).parent / "corpus").glob("answers_*.jsonl"))
MARKS = ("'", "^{*}", r"^{\dagger}", "DDOT")
SAMPLE = 120


def _rows():
    rows = []
    for f in CORPUS:
        rows += [json.loads(x) for x in f.read_text().splitlines() if x.strip()]
    return [r for r in rows if r["label"] == "right"]


def _last_side(latex: str) -> int:
    """Where the last side of a chain a = b = c (or m_t \\leftarrow …) starts (0 for a single
    expression)."""
    depth, start = 0, 0
    for i, ch in enumerate(latex):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and (ch == "=" or latex.startswith((r"\leftarrow", r"\gets"), i)):
            start = i + 1
    return start


def _marked(latex: str, rng: random.Random):
    """The answer with one mark after a letter, a closing bracket or a subscript group."""
    start = _last_side(latex)
    spots = [m.end() for m in re.finditer(r"(?<!\\)\b[A-Za-z](?![A-Za-z{])|\)|_\{[^{}]*\}", latex)]
    spots = [i for i in spots if i > start and not latex[i:].startswith(("'", "^", "_"))]
    if not spots:
        return None
    at = rng.choice(spots)
    mark = rng.choice(MARKS)
    if mark == "DDOT":  # a letter under a mark: x → \ddot{x}
        letters = [
            m
            for m in re.finditer(r"(?<![\\A-Za-z])[A-Za-z](?![A-Za-z])", latex)
            if m.start() >= start
        ]
        if not letters:
            return None
        m = rng.choice(letters)
        return latex[: m.start()] + r"\ddot{" + m.group() + "}" + latex[m.end() :]
    return latex[:at] + mark + latex[at:]


def _cases():
    rng = random.Random(20261207)
    rows = _rows()
    rng.shuffle(rows)
    out = []
    for r in rows:
        marked = _marked(r["latex"], rng)
        if marked is not None:
            out.append((r["problem"], r["target"], marked))
        if len(out) == SAMPLE:
            break
    return out


@pytest.mark.parametrize(("pid", "target", "marked"), _cases())
def test_a_mark_inserted_into_a_right_answer_is_never_accepted(pid, target, marked):
    ex = symderiv.load(pid)
    v = ex.check(marked, target=target)
    if ex.derive(target)[target].entry == 0:
        # a result that is 0 (γ(1 − 1)∂L/∂y_1 at n = 1): a mark inside a zero factor leaves
        # the answer right; the mark must still be in what was read, never dropped
        if v.status in (EQUIVALENT, NUMERIC):
            assert "ddot" in v.reading["latex"], (marked, v.reading)
        return
    assert v.status not in (EQUIVALENT, NUMERIC), (marked, v.status, v.reason)
