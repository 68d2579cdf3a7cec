"""A generated test corpus for the checker: for every index-level target of a problem, the
derived result's mistakes (labelled not-equivalent, with their names) and rewrites that keep
its meaning (labelled equivalent), each written in several student styles.

Labels come from the mutation and are confirmed by evaluating the SymPy expressions (never
by reading LaTeX); the LaTeX is then what the checker has to read. Reproducible: the same
problems give the same rows in every run."""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

from ..ops.functions import sigmoid, sigmoid_prime_identity
from ..ops.printer import latex as tex
from .mutate import mutations_of


@dataclass(frozen=True)
class Row:
    problem: str
    target: str
    latex: str
    label: str  # "equivalent" or "not-equivalent"
    kind: str  # "rewrite: …" or the mistake's name
    style: str

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _plain(t: str) -> str:
    """Without \\left/\\right and with ^T, as many students write."""
    t = re.sub(r"\\left\s*([(\[|.])", r"\1", t)
    t = re.sub(r"\\right\s*([)\]|.])", r"\1", t)
    t = t.replace(r"\left\{", r"\{").replace(r"\right\}", r"\}")
    return t.replace("^{T}", "^T")


def _cdot(t: str) -> str:
    """A \\cdot after a closing parenthesis that a factor follows."""
    ops = r"(?!\\(?:wedge|vee|land|lor|cdot|times|text|quad|q?quad|[gl]eq?|neq|to|end|in)\b)"
    return re.sub(r"\)\s+" + ops + r"(\\[a-zA-Z]|[a-zA-Z(])", r") \\cdot \1", t)


def _exp(t: str) -> str:
    """e^{…} as \\exp(…) (the exponent's braces matched)."""
    out, i = [], 0
    while True:
        m = re.compile(r"(?<![A-Za-z\\])e\^\{").search(t, i)
        if not m:
            return "".join(out) + t[i:]
        depth, j = 1, m.end()
        while j < len(t) and depth:
            depth += {"{": 1, "}": -1}.get(t[j], 0)
            j += 1
        out += [t[i : m.start()], r"\exp(", t[m.end() : j - 1], ")"]
        i = j


def _spaced(t: str) -> str:
    """Spaces inside every group, as some students type; not inside an environment's name
    (``\\begin{ cases }`` is no LaTeX)."""
    t = re.sub(r"\s+", " ", t.replace("{", "{ ").replace("}", " }")).strip()
    return re.sub(r"\\(begin|end)\{ (\w+\*?) \}", r"\\\1{\2}", t)


STYLES = {
    "printer": lambda t: t,
    "plain": _plain,
    "cdot": lambda t: _cdot(_plain(t)),
    "exp": lambda t: _exp(_plain(t)),
    "spaced": _spaced,
}


def rewrites(result) -> list[tuple[str, sp.Expr]]:
    """(name, expression) of forms equal to the result, found by rewriting it."""
    e = result.entry
    out = [("as derived", e)]
    alt = sigmoid_prime_identity(e)
    if alt != e:
        out.append(("σ' as σ(1 − σ)", alt))
        written = alt.replace(
            lambda x: isinstance(x, sigmoid), lambda x: 1 / (1 + sp.exp(-x.args[0]))
        )
        if written != alt:
            out.append(("σ written out", written))
    expanded = sp.expand(e)
    if expanded != e:
        out.append(("expanded", expanded))
    return out


def generate(exercises, styles=tuple(STYLES), max_mistakes: int = 8) -> list[Row]:
    """The corpus rows of ``exercises`` (``api.Exercise``), for every index-level target."""
    rows: list[Row] = []
    for ex in exercises:
        derivation = ex.derive()
        for target in ex.problem.targets:
            if target.as_matrix or target.name not in derivation.results:
                continue
            result = derivation.results[target.name]
            if not isinstance(result.entry, sp.Expr) or isinstance(result.entry, sp.Eq):
                continue
            wrong, same = mutations_of(ex.problem, result, target)
            forms = rewrites(result) + [(f"rewrite: {m.name}", m.expr) for m in same[:2]]
            mistakes = [(m.name, m.expr) for m in wrong[:max_mistakes]]
            for label, items in (("equivalent", forms), ("not-equivalent", mistakes)):
                for kind, expr in items:
                    printed = tex(expr)
                    seen = set()
                    for style in styles:
                        text = STYLES[style](printed)
                        if text in seen:
                            continue
                        seen.add(text)
                        rows.append(Row(ex.problem.id, target.name, text, label, kind, style))
    return rows
