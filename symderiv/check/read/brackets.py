r"""What follows a closing bracket of an answer: a transpose, ``(…)^T``, or an entry,
``(X^T r)_i``, ``[X^\top D X]_{ij}``, ``(W_o)_{ki}`` (the grammar's rule

    entry := ( "(" expr ")" | "[" expr "]" ) "_" index-list     the (i, j) entry of expr

read in matrix notation, whatever the expression inside: the checker evaluates the matrix
and takes its entry)."""

from __future__ import annotations

import re

import sympy as sp

from ...errors import UnreadableLatexError
from ...spec import Shown
from .notation import Transposed, entry_indices

_PAIRS = {")": "(", "]": "["}
#: a transpose right after a closed group: diag(o)ᵀ, σ'(x)^{\top}
TRANSPOSED = re.compile(
    r"\s*\^\s*(?:\{\s*(?:T|\\top|\\intercal)\s*\}|T(?![A-Za-z0-9])|\\top|\\intercal)"
)
_SUB = re.compile(r"_\s*(\{[^{}]*\}|[A-Za-z0-9])")


class EntryAt(Shown, sp.Function):
    """``EntryAt(M, i)`` or ``EntryAt(M, i, j)``: entry i (of a vector) or (i, j) of the
    matrix M written whole."""

    def _tex(self, printer):
        idx = "".join(printer._print(i) for i in self.args[1:])
        idx = idx if len(self.args) == 2 or len(idx) == 2 else ",".join(
            printer._print(i) for i in self.args[1:])  # fmt: skip
        return rf"\left({printer._print(self.args[0])}\right)_{{{idx}}}"


def match_open(s: str, close: str = ")") -> int:
    """The position of the bracket that the last character of ``s`` closes."""
    depth, opening = 0, _PAIRS[close]
    for j in range(len(s) - 1, -1, -1):
        if s[j] == close:
            depth += 1
        elif s[j] == opening:
            depth -= 1
            if depth == 0:
                return j
    raise UnreadableLatexError(f"unbalanced '{close}'", s, len(s) - 1)


def after_closing(text: str, i: int, out: list, transpose: tuple, notation, reread, hold):
    """At ``text[i]``, a ')' or ']': ``(out, next i)`` when a transpose or a subscript
    follows it, the bracket's inside read again as one (held) object; else None."""
    close = text[i]
    if close == ")" and text.startswith("^", i + 1):
        rest = text[i + 2 :].lstrip()
        for t in transpose:
            if rest.startswith(t) and not (t == "T" and rest[1:2].isalnum()):
                joined = "".join(out) + ")"  # (…)^T: the matching '(' in what was emitted
                start = match_open(joined)
                held = hold(Transposed(reread(joined[start + 1 : -1])))
                out = [joined[:start], held]
                i = len(text) - len(rest) + len(t)
                if text[i:].lstrip().startswith("("):  # (…)ᵀ(y): a product, no call
                    out.append(r" \cdot ")
                return out, i
        return None
    sub = _SUB.match(text, i + 1)
    if sub is None:
        return None
    joined = "".join(out) + close
    start = match_open(joined, close)
    inner = joined[start + 1 : -1]
    if not inner.strip() or inner.strip().startswith(r"\{"):
        return None
    label = sub.group(1).strip("{}").strip()
    plain = label.replace(" ", "")
    two = re.fullmatch(r"[A-Za-z]{2}", plain) is not None
    count = plain.count(",") + 1 if "," in plain else (2 if two else 1)
    idx = entry_indices(sub.group(1), count, notation, {})
    return [joined[:start], hold(EntryAt(reread(inner), *idx))], sub.end()
