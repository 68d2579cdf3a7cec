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

from ...ops.functions import sigmoid, sigmoid_prime_identity
from ...ops.printer import latex as tex
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


def _top(t: str) -> str:
    """^\\top for the transpose and \\times for a product."""
    return _plain(t).replace("^T", r"^\top").replace(r"\cdot", r"\times")


def _slash(t: str) -> str:
    """Fractions written with a slash, each part parenthesised: (a)/(b), innermost first
    (not in cases, brackets or sets, where a student keeps the fraction)."""
    t = _plain(t)
    if any(c in t for c in (r"\begin", "[", r"\{")):
        return t

    def group_end(i):  # t[i] == "{": the index past its closing brace
        depth = 0
        for j in range(i, len(t)):
            depth += {"{": 1, "}": -1}.get(t[j], 0)
            if depth == 0:
                return j + 1
        return -1

    for _ in range(8):
        for m in re.finditer(r"\\frac\{", t):
            a_end = group_end(m.end() - 1)
            if a_end < 0 or a_end >= len(t) or t[a_end] != "{":
                continue
            b_end = group_end(a_end)
            num, den = t[m.end() : a_end - 1], t[a_end + 1 : b_end - 1]
            if b_end > 0 and r"\frac" not in num + den:
                if num.startswith(r"\partial") and "{" in num:
                    continue  # ∂f_3(y, θ_3)/∂y keeps its \frac
                # parenthesised whole: "(1)/(r) x" is read as 1/(r x), as latex2sympy does
                part = f"({num}/{den})" if num.startswith(r"\partial") else f"(({num})/({den}))"
                t = f"{t[: m.start()]}{part}{t[b_end:]}"
                break
        else:
            return t
    return t


STYLES = {
    "printer": lambda t: t,
    "plain": _plain,
    "cdot": lambda t: _cdot(_plain(t)),
    "exp": lambda t: _exp(_plain(t)),
    "spaced": _spaced,
    "top": _top,
    "slash": _slash,
    "dfrac": lambda t: _plain(t).replace(r"\frac", r"\dfrac"),  # display-size fractions
}

#: the styles mistakes are written in (rewrites are written in all: reading is what the
#: styles test, and a mistake's reading is the rewrite's)
MISTAKE_STYLES = {"printer", "plain", "cdot", "spaced"}

#: LaTeX-level rewrites that keep the meaning by definition: (name, pattern, replacement)
_DELTA = r"\\delta_\{(?:([A-Za-z])([A-Za-z])|([^{},]+),\s*([^{},]+))\}"
NOTATION_REWRITES = (
    ("δ as an Iverson bracket", _DELTA,
     lambda m: f"[{m.group(1) or m.group(3)} = {m.group(2) or m.group(4)}]"),
    ("δ_ki for δ_ik", _DELTA,
     lambda m: rf"\delta_{{{m.group(2)}{m.group(1)}}}" if m.group(1)
     else rf"\delta_{{{m.group(4)},{m.group(3)}}}"),
)  # fmt: skip


def rewrites(result, problem_names=()) -> list[tuple[str, sp.Expr]]:
    """(name, expression) of forms equal to the result, found by rewriting it
    (``problem_names``: every name the problem uses, not to be taken by a new index)."""
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
    deltas = sorted(e.atoms(sp.KroneckerDelta), key=sp.default_sort_key)
    if len(deltas) == 1:  # δ_ik as cases: the value for i = k, 0 otherwise
        d = deltas[0]
        on = e.xreplace({d: 1}).xreplace({d.args[1]: d.args[0]}) if d.args[1].is_Symbol else None
        if on is not None:
            cases = sp.Piecewise((on, sp.Eq(*d.args)), (e.xreplace({d: 0}), True))
            out.append(("δ as cases", cases))
    for name, fn in (("over a common denominator", sp.together), ("common factor out",
                     sp.factor_terms)):  # fmt: skip
        try:
            alt = fn(e)
        except (TypeError, ValueError, NotImplementedError):
            continue
        if alt != e and all(alt != f for _, f in out):
            out.append((name, alt))
    sums = sorted(e.atoms(sp.Sum), key=sp.default_sort_key)
    if sums:  # the summation index renamed: Σ_j → Σ_m, a letter the problem does not use
        var = sums[0].limits[0][0]
        taken = {str(v) for s in sums for v, *_ in s.limits} | set(problem_names)
        new = next((c for c in "mqsuv" if c not in taken), None)
        if new is not None:
            fresh = sp.Symbol(new, **var.assumptions0)
            s0 = sums[0]
            renamed = sp.Sum(s0.function.xreplace({var: fresh}), (fresh, *s0.limits[0][1:]),
                             *s0.limits[1:])  # fmt: skip
            out.append(("summation index renamed", e.xreplace({s0: renamed})))
    if sp.count_ops(e) < 60 and not e.has(sp.Piecewise, sp.Sum):
        try:
            factored = sp.factor(e)
        except (sp.PolynomialError, TypeError, ValueError, NotImplementedError):
            factored = e
        if factored not in (e, expanded):
            out.append(("factored", factored))
    return out


def generate(exercises, styles=tuple(STYLES), max_mistakes: int = 5, pairs: int = 2) -> list[Row]:
    """The corpus rows of ``exercises`` (``api.Exercise``): for every target, rewrites of its
    result and its mistakes (``pairs`` of them two mistakes at once), in every style; for a
    matrix target, its matrix form, transposed and negated."""
    rows: list[Row] = []
    for ex in exercises:
        derivation = ex.derive()
        for target in ex.problem.targets:
            if target.name not in derivation.results:
                continue
            result = derivation.results[target.name]
            if target.as_matrix:
                items = _matrix_items(ex.problem, result, target)
            elif isinstance(result.entry, sp.Expr) and not isinstance(result.entry, sp.Eq):
                items = _index_items(ex.problem, result, target, max_mistakes, pairs)
            else:
                continue
            for label, kind, printed in items:
                seen = set()
                for style in styles if label == "equivalent" else MISTAKE_STYLES & set(styles):
                    text = STYLES[style](printed)
                    if text not in seen:
                        seen.add(text)
                        rows.append(Row(ex.problem.id, target.name, text, label, kind, style))
    return rows


def _index_items(problem, result, target, max_mistakes, pairs):
    from .mutate import combined, mistakes
    from .mutation import _same

    wrong, same = mutations_of(problem, result, target)
    forms = rewrites(result, _names(problem)) + [(f"rewrite: {m.name}", m.expr) for m in same[:2]]
    items = [("equivalent", kind, tex(e)) for kind, e in forms]
    printed = tex(result.entry)
    for name, pattern, repl in NOTATION_REWRITES:
        text = re.sub(pattern, repl, printed)
        if text != printed:
            items.append(("equivalent", f"rewrite: {name}", text))
    items += [("equivalent", f"rewrite: {name}", text) for name, text in reordered(result.entry)]
    items += [("not-equivalent", m.name, tex(m.expr)) for m in wrong[:max_mistakes]]
    cmp = _comparison(problem, target)
    made = 0
    for first in wrong[:4]:  # two mistakes at once, each pair confirmed wrong by evaluation
        for second in mistakes(first.expr):
            if made >= pairs:
                break
            if second.name == first.name or _same(second.expr, result.entry, cmp):
                continue
            if any(_same(second.expr, m.expr, cmp) for m in wrong[:max_mistakes]):
                continue  # equal to one mistake: it would be named as that one
            items.append(("not-equivalent", combined(first, second).name, tex(second.expr)))
            made += 1
    return items


def reordered(e) -> list[tuple[str, str]]:
    """(name, LaTeX) of the result written with its terms, or its factors, in the reverse of
    the printer's order, as students write them in any order. The same terms and factors:
    equal by construction. A factor that is a sum, a Σ or cases is parenthesised (a Σ takes
    the product after it as its body)."""
    out = []
    if not e.is_commutative or e.has(sp.MatrixBase, sp.MatrixExpr):
        return out  # C X Cᵀ in another order is another matrix
    if isinstance(e, sp.Add):
        for name, terms, each in (
            ("terms in another order", e.args[::-1], tex),
            ("each term's factors in another order", e.args, _factors_reversed),
        ):
            text = ""
            for t in terms:
                neg = t.could_extract_minus_sign()
                piece = each(-t if neg else t)
                text += (" - " if neg else " + ") + piece if text else ("-" if neg else "") + piece
            out.append((name, text))
    elif isinstance(e, sp.Mul):
        out.append(("factors in another order", _factors_reversed(e)))
        factors = e.as_coeff_mul()[1]
        if len(factors) > 2:  # the first factor last
            out.append(
                ("factors in a third order", _factors_reversed(e, factors[1:] + factors[:1]))
            )
    seen = {tex(e)}
    return [(n, t) for n, t in out if not (t in seen or seen.add(t))]


def _factors_reversed(e, order=None) -> str:
    """A product's LaTeX with its factors in the reverse order (or ``order``); a factor that
    is a sum, a Σ or cases parenthesised; the number in front."""
    coeff, factors = e.as_coeff_mul()
    if len(factors) < 2:
        return tex(e)
    wrap = (sp.Add, sp.Sum, sp.Piecewise)
    pieces = [rf"\left({tex(f)}\right)" if isinstance(f, wrap) else tex(f)
              for f in (order or factors[::-1])]  # fmt: skip
    lead = {1: "", -1: "-"}.get(coeff, tex(coeff) + " ")
    if not isinstance(coeff, sp.Integer) and coeff not in (1, -1):
        lead = rf"\left({tex(coeff)}\right) "
    return lead + r" \, ".join(pieces)


def _names(problem) -> set:
    """Every name the problem's definitions, targets, shapes and notation use."""
    out = {str(k).strip("\\") for k in dict(problem.notation)}
    exprs = [d.lhs for d in problem.definitions] + [d.rhs for d in problem.definitions]
    exprs += [t.expr for t in problem.targets] + list(dict(problem.shapes))
    exprs += [s for shape in dict(problem.shapes).values() for s in shape]
    for e in exprs:
        if isinstance(e, sp.Basic):
            out |= {str(s) for s in e.free_symbols} | {
                str(b.label) for b in e.atoms(sp.IndexedBase)
            }
    return out


def _comparison(problem, target):
    from ...engine import numeric
    from ...engine.calculus import Context
    from ..decide.tests import Comparison

    ctx = Context(problem, target.sizes)
    ranges = ctx.ranges(target.expr.xreplace(ctx.sizes))
    return Comparison(ctx, ranges, dict(ctx.sizes) or numeric.default_sizes(problem), 0)


def _matrix_items(problem, result, target):
    """The matrix form, and its transposed and negated forms, labelled by comparing the
    explicit matrices entry by entry (a symmetric result transposed is still right)."""
    from ...engine.matrix_form import explicit
    from .mutate import matrix_mistakes
    from .mutation import _same

    if not isinstance(result.expr, sp.MatrixExpr | sp.MatrixBase):
        return []
    cmp = _comparison(problem, target)
    whole = result.expr
    m = whole if isinstance(whole, sp.MatrixBase) else explicit(cmp.ctx, whole, cmp.sizes)
    items = [("equivalent", "as derived (matrix form)", tex(whole))]
    for mistake in matrix_mistakes(m):
        wrapped = whole.T if mistake.name == "transposed" else -whole
        text = tex(wrapped) if isinstance(whole, sp.MatrixBase) else (
            rf"\left({tex(whole)}\right)^{{T}}" if mistake.name == "transposed"
            else rf"-\left({tex(whole)}\right)")  # fmt: skip
        equal = mistake.expr.shape == m.shape and all(
            _same(a, b, cmp) for a, b in zip(mistake.expr, m)
        )
        items.append(("equivalent" if equal else "not-equivalent",
                      f"rewrite: {mistake.name}" if equal else mistake.name, text))  # fmt: skip
    return items
