"""The LaTeX parser proper: ``latex2sympy2_extended`` (symbol case preserved, no
normalisation that would change what was written), its errors turned into positions.

The common arithmetic goes through :mod:`.fastparse` first, which builds the same
expression in a fraction of the time; what it does not read certainly goes to the full
parser. Results are remembered by text (a diagnosis reads the answer again).
Imported only when an answer is read: the LaTeX reader is heavy.
"""

from __future__ import annotations

import re

import sympy as sp

from ...errors import UnreadableLatexError
from . import fastparse
from .plainlex import prose

#: texts read so far, and their expressions (a worker's lifetime: one grading run)
_READ: dict = {}
_READ_MAX = 20000


#: a transpose the scanner did not lift: the parser would drop it on a scalar (xᵀ = x)
_LEFT_TRANSPOSE = re.compile(r"\^\s*(?:\{\s*)?(?:\\top|\\intercal|\\mathsf\{T\})")


#: \log without a base: the natural logarithm, as the course writes it (the grammar's own
#: \log is base 10); \log_b keeps its base
_LOG = re.compile(r"\\log(?![A-Za-z])(?!\s*_)")


#: a run of letters the grammar would read as a product of letters (o·u·t·s·i·d·e)
_TEXT = re.compile(r"\\(?:text|mathrm|operatorname|textrm|mbox)\s*\{[^{}]*\}")
_WORD = re.compile(r"(?<![\\A-Za-z{])[a-z]{3,}(?![A-Za-z])")


def parse(text: str, whole: str, part: str):
    text = _LOG.sub(r"\\ln", _unbraced(text))
    for m in _WORD.finditer(_TEXT.sub(" ", text)):
        if prose([m.group(0)]):  # "0 outside the output": words, never letters multiplied
            raise UnreadableLatexError(f"'{m.group(0)}' is a word, not a quantity", whole)
    if m := _LEFT_TRANSPOSE.search(text):
        near = text[max(0, m.start() - 12) : m.end()]
        raise UnreadableLatexError(f"a transpose not attached to a matrix near {near!r}", whole)
    out = _READ.get(text)
    if out is None:
        try:
            out = fastparse.parse(text)
        except fastparse.Unsupported:
            out = _full(text, whole, part)
        if len(_READ) >= _READ_MAX:
            _READ.clear()
        _READ[text] = out
    return out


def _unbraced(text: str) -> str:
    """``{h_j}``: braces around a whole answer only group it in TeX (a set is written
    ``\\{…\\}``), but the reader's grammar takes them for a set; they are dropped, unless
    a comma inside makes a list of it."""
    t = text.strip()
    while t.startswith("{") and t.endswith("}"):
        depth, top_comma = 0, False
        for n, c in enumerate(t):
            depth += {"{": 1, "}": -1}.get(c, 0)
            top_comma |= c == "," and depth == 1
            if depth == 0 and n < len(t) - 1:
                return t  # {a} + {b}: two groups
        if top_comma or t[-2:-1] == "\\":
            return t
        t = t[1:-1].strip()
    return t


def _products_not_mixed_numbers(converter) -> None:
    """``2 \\frac{1}{2}`` and ``115 (1)`` are products in an answer: the reader's converter
    applies its mixed-number rule (2½ = 5/2) even with ``interpret_as_mixed_fractions``
    off; here the flag is honoured. Done once, on the class."""
    orig = converter.convert_postfix_list
    if getattr(orig, "honours_mixed_flag", False):
        return

    def convert_postfix_list(self, arr, i=0):
        if self.config.interpret_as_mixed_fractions or i >= len(arr) - 1:
            return orig(self, arr, i)
        res = self.convert_postfix(arr[i])
        rh = convert_postfix_list(self, arr, i + 1)
        plain = all(
            isinstance(e, sp.Expr) and not getattr(e, "is_Matrix", False) for e in (res, rh)
        )
        return self.mul_flat(res, rh) if plain else orig(self, arr, i)

    convert_postfix_list.honours_mixed_flag = True
    converter.convert_postfix_list = convert_postfix_list


def _full(text: str, whole: str, part: str):
    import warnings

    from latex2sympy2_extended import latex2sympy
    from latex2sympy2_extended.latex2sympy2 import ConversionConfig, _Latex2Sympy
    from latex2sympy2_extended.math_normalization import NormalizationConfig

    _products_not_mixed_numbers(_Latex2Sympy)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a deprecated construction is not an answer
            out = latex2sympy(
                text,
            normalization_config=NormalizationConfig(
                basic_latex=False, units=False, malformed_operators=False, nits=False,
                boxed="all", equations=False,
            ),
            conversion_config=ConversionConfig(
                lowercase_symbols=False, interpret_as_mixed_fractions=False,
                interpret_simple_eq_as_assignment=False,
            ),
        )  # fmt: skip
    except Warning as exc:
        raise UnreadableLatexError(
            f"not a mathematical expression ({exc.__class__.__name__})", whole
        ) from None
    except Exception as exc:  # the reader's own errors: report the position, not a traceback
        msg = str(exc).splitlines()
        caret = next((ln for ln in msg if "^" in ln and set(ln) <= set(" ~^")), None)
        pos = None
        if caret is not None and "$" not in text:
            offset = whole.find(part)
            local = caret.index("^")
            if offset >= 0 and text == part.strip():
                pos = offset + local
        first = msg[0] if msg else type(exc).__name__
        near = f" near {text[caret.index('^') :][:20]!r}" if caret is not None else ""
        if r"\Xi_{9" in text:  # the text read had parts lifted out: quote what was written
            near = f" in {part.strip()[:40]!r}"
        raise UnreadableLatexError(f"{first}{near}", whole, pos) from None
    readable = (
        sp.Expr,
        sp.MatrixBase,
        sp.logic.boolalg.Boolean,
        sp.core.relational.Relational,
        sp.Tuple,  # (w_1, w_2, b) = (-2, -2, 3)
    )
    if not isinstance(out, readable):
        kind = type(out).__name__
        raise UnreadableLatexError(f"reads as a {kind}, not an expression", whole, None)
    return out
