r"""Sums written with an ellipsis: ``x_1 + x_2 + \dots + x_N``, ``1 + \mu + \cdots + \mu^{t-1}``,
``g_t + \beta g_{t-1} + \dots + \beta^{t-1} g_1``, read as the Σ they stand for.

The rule, as a reader of a textbook applies it: the terms on either side of the dots are
one expression of a counter k, which steps by one from term to term. The last term before
the dots and the first after it are matched node by node (x against x^e as x^1, a factor
missing in one as its power 0); the places where they differ are the counter's values
(μ^1 … μ^{t−1}: k from 1 to t − 1), any other place that differs must be a linear function
of it (β^k g_{t−k}). Every written term must then be the expression at its own step: a
term that is not (x_1 + x_3 + … + x_N: odd terms, or a term of another kind) makes the
answer unreadable, naming the dots; nothing is guessed.
"""

from __future__ import annotations

import re

import sympy as sp

from ...errors import UnreadableLatexError

DOTS = re.compile(r"\\(?:dots|cdots|ldots|dotsb|dotsc)(?![A-Za-z])|…")


class _Mismatch(Exception):
    """The two terms are not one expression of a counter."""


def ellipses(text: str, read, hold, whole: str, split_top) -> str:
    """``text`` with each sum written with an ellipsis replaced by the held Σ it stands for
    (``read``: LaTeX → expression; ``hold``: expression → placeholder text)."""
    for _ in range(20):  # one ellipsis at a time, innermost group first
        m = DOTS.search(text)
        if m is None:
            return text
        lo, hi = _group_around(text, m.start())
        content = text[lo:hi]
        terms = split_top(content, ("+",), keep_empty=True)
        idx = [n for n, t in enumerate(terms) if DOTS.fullmatch(t.strip())]
        if len(idx) != 1 or idx[0] == 0 or idx[0] == len(terms) - 1:
            raise UnreadableLatexError(
                "an ellipsis is read between terms of a sum only (a + b + \\dots + z)",
                whole,
                whole.find(m.group(0)),
            )
        at = idx[0]
        before = [read(t) for t in terms[:at]]
        after = [read(t) for t in terms[at + 1 :]]
        try:
            total = sum_with_ellipsis(before, after)
        except _Mismatch as exc:
            raise UnreadableLatexError(
                f"the terms around '{m.group(0)}' do not follow one pattern ({exc})",
                whole,
                whole.find(m.group(0)),
            ) from None
        text = text[:lo] + hold(total) + text[hi:]
    raise UnreadableLatexError("too many ellipses", whole, None)


def _group_around(text: str, at: int) -> tuple[int, int]:
    """The bounds of the innermost bracketed group ((…), {…}, […]) holding ``text[at]``,
    its brackets excluded; the whole text when none does."""
    close = {"(": ")", "{": "}", "[": "]"}
    depth, i = 0, at - 1
    while i >= 0:
        c = text[i]
        if c in ")}]" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif c in "({[" and (i == 0 or text[i - 1] != "\\"):
            if depth == 0:
                opener = c
                break
            depth -= 1
        i -= 1
    else:
        return 0, len(text)
    depth, j = 0, i + 1
    while j < len(text):
        c = text[j]
        if c == opener and text[j - 1] != "\\":
            depth += 1
        elif c == close[opener] and text[j - 1] != "\\":
            if depth == 0:
                return i + 1, j
            depth -= 1
        j += 1
    return i + 1, len(text)


def sum_with_ellipsis(before: list, after: list) -> sp.Expr:
    """Σ_k f(k) over the steps of the written terms: ``before`` the dots and ``after`` them."""
    a, b = (sp.sympify(t).doit() for t in (before[-1], after[0]))
    holes: list = []
    template = _unify(a, b, holes)
    if not holes:
        raise _Mismatch("the terms on either side of the dots are the same")
    # the counter: the first place whose values differ, the others linear in it
    k = sp.Symbol("k", integer=True)
    free = set().union(*(sp.sympify(t).free_symbols for t in (*before, *after)))
    for name in ("k", "j", "l", "q", "r", "s"):
        k = sp.Symbol(name, integer=True)
        if all(str(s) != name for s in free):
            break
    primary = next(((h, u, v) for h, u, v in holes if sp.simplify(v - u) != 0), None)
    if primary is None:
        raise _Mismatch("no place where the terms differ")
    _, u0, v0 = primary
    span = v0 - u0
    values = {}
    for h, u, v in holes:
        val = sp.cancel(u + (v - u) * (k - u0) / span)
        if not val.is_polynomial(k) or sp.degree(val, k) > 1:
            raise _Mismatch("the places that differ are not linear in one counter")
        values[h] = val
    f = sp.Lambda(k, template.xreplace(values))

    def fits(term, at) -> bool:
        try:
            return sp.simplify(sp.expand(f(at).doit()) - sp.expand(sp.sympify(term).doit())) == 0
        except (TypeError, ValueError):
            return False

    step = _step(before, f, u0, span, fits)
    first = u0 - step * (len(before) - 1)
    last = v0 + step * (len(after) - 1)
    for n, t in enumerate(before):
        if not fits(t, first + step * n):
            raise _Mismatch(f"term {n + 1} is not the pattern at its step")
    for n, t in enumerate(after):
        if not fits(t, v0 + step * n):
            raise _Mismatch(f"term {len(before) + 2 + n} is not the pattern at its step")
    lo, hi = (first, last) if step == 1 else (last, first)
    return sp.Sum(f(k), (k, lo, hi))


def _step(before, f, u0, span, fits) -> int:
    """+1 when the counter rises from term to term, −1 when it falls: from the term before
    the last one before the dots, else from the sign of the span (N − 1 rises, 1 − N falls)."""
    if len(before) >= 2:
        for step in (1, -1):
            if fits(before[-2], u0 - step):
                return step
        raise _Mismatch("the terms before the dots do not step by one")
    if span.is_number:
        return 1 if span > 0 else -1
    return -1 if span.could_extract_minus_sign() else 1


def _factors(e) -> dict:
    """A product as {base: exponent}, its number apart under the key 1."""
    coeff, rest = e.as_coeff_Mul()
    out = {sp.S.One: coeff}
    for f in sp.Mul.make_args(rest):
        if f == 1:
            continue
        base, exp = f.as_base_exp()
        out[base] = out.get(base, 0) + exp
    return out


def _hole(u, v, holes):
    """A place where the terms differ in a count (an index, an exponent, a coefficient)."""
    if u == v:
        return u
    if not (_is_count(u) and _is_count(v)):
        raise _Mismatch(f"{u} and {v} differ in more than a count")
    for h, a, b in holes:
        if a == u and b == v:
            return h
    h = sp.Dummy("h")
    holes.append((h, u, v))
    return h


def _unify(a, b, holes):
    """One expression with holes where the products ``a`` and ``b`` differ in a count;
    _Mismatch where they differ in kind. A base missing on one side has exponent 0 there;
    an entry x_i is matched with the entry of the same name x_j, f(u) with f(v)."""
    if a == b:
        return a
    fa, fb = _factors(a), _factors(b)
    out = [_hole(fa.pop(sp.S.One), fb.pop(sp.S.One), holes)]
    for base, exp in fa.items():
        other = _partner(base, fb)
        if other is None:
            out.append(base ** _hole(exp, sp.S.Zero, holes))
            continue
        out.append(_unify_base(base, other, holes) ** _hole(exp, fb.pop(other), holes))
    for base, exp in fb.items():
        out.append(base ** _hole(sp.S.Zero, exp, holes))
    return sp.Mul(*out)


def _partner(base, others: dict):
    if base in others:
        return base
    for o in others:
        if isinstance(base, sp.Indexed) and isinstance(o, sp.Indexed):
            if o.base == base.base and len(o.indices) == len(base.indices):
                return o
        elif (
            isinstance(base, sp.Function)
            and isinstance(o, sp.Function)
            and o.func == base.func
            and len(o.args) == len(base.args)
        ):
            return o
    return None


def _unify_base(a, b, holes):
    if a == b:
        return a
    if isinstance(a, sp.Indexed):
        return a.base[tuple(_hole(u, v, holes) for u, v in zip(a.indices, b.indices))]
    if isinstance(a, sp.Function):
        return a.func(*(_unify(u, v, holes) if u != v else u for u, v in zip(a.args, b.args)))
    raise _Mismatch(f"{a} and {b}")


def _is_count(e) -> bool:
    """An integer-valued count a counter can stand in: an integer, or a polynomial of
    integer symbols (t − 1, N, 2n)."""
    e = sp.sympify(e)
    if e.is_number:
        return bool(e.is_integer)
    return all(s.is_integer for s in e.free_symbols) and e.is_polynomial()
