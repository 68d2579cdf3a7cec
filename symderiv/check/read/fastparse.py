"""A fast path for the LaTeX parser: the common arithmetic of answers, read by hand.

``latex2sympy2_extended`` runs an ANTLR parser that takes about 0.14 s per expression,
half of a check's time. This module reads the subset that lifted answers are made of
(numbers, letters, Greek letters and accents with subscripts and powers, + − · × /,
``\\frac``, ``\\sqrt``, ``\\sum``/``\\prod`` with bounds, the elementary functions with
parentheses, ``e^{…}``, groups, one relation) and builds *exactly* the expression that
``latex2sympy2_extended`` builds: the same unevaluated trees, the same symbol names, the
same conventions (implicit products bind tighter than ``/``, a sum's body is the product
that follows it; its mixed-number rule, 2 ½ = 5/2, is off in both). Anything outside the
subset, or whose meaning to that grammar is not certain (a letter followed by a
parenthesised atom is a function call there), raises :class:`Unsupported` and the caller
uses the full parser.
``tests/test_fastparse.py`` holds the two to the same output on every text of the answer
corpora and on random expressions of the subset.
"""

from __future__ import annotations

import sympy as sp

from . import fastmatrix
from .fastlex import FRAC as _FRAC
from .fastlex import REL as _REL
from .fastlex import SINGLE_ARG as _SINGLE_ARG
from .fastlex import Unsupported, tokens

__all__ = ["Unsupported", "parse"]


# -- the grammar's constructions ----------------------------------------------------


def _flat(op, lh, rh):
    """``op(lh, rh)`` unevaluated, an operand that is already an ``op`` spliced in (the
    grammar's add_flat and mul_flat)."""
    lh, rh = sp.sympify(lh), sp.sympify(rh)
    if getattr(lh, "is_Matrix", False) or getattr(rh, "is_Matrix", False):
        raise Unsupported("a matrix in a sum or an explicit product")  # the grammar's own rules
    args = [*(lh.args if lh.func is op else (lh,)), *(rh.args if rh.func is op else (rh,))]
    return op(*args, evaluate=False)


def _add_flat(lh, rh):
    return _flat(sp.Add, lh, rh)


def _mul_flat(lh, rh):
    return _flat(sp.Mul, lh, rh)


def _divide(lh, rh):
    if getattr(lh, "is_Matrix", False) or getattr(rh, "is_Matrix", False):
        raise Unsupported("a matrix in a quotient")
    if lh.is_Integer and rh.is_Integer:
        return sp.Rational(lh, rh)
    return sp.Mul(lh, sp.Pow(rh, -1, evaluate=False), evaluate=False)


def _negate(e):
    if e.func.is_Number:
        return -e
    return _mul_flat(-1, e)


def _symbol(text: str):
    if text.startswith("\\"):
        text = text[1:]
    if text == "pi":
        return sp.pi
    return sp.Symbol(text, real=None)


def _number(text: str):
    if text.isdigit():  # what sp.Number(text) gives, without its parsing of the text (0.6 ms)
        return sp.Integer(int(text))
    return sp.Float(text)


_FUNCS = {
    "exp": lambda a: sp.exp(a, evaluate=False),
    "ln": lambda a: sp.log(a, sp.E, evaluate=False),
    "log": lambda a: sp.log(a, 10, evaluate=False),
    "sin": lambda a: sp.sin(a, evaluate=False),
    "cos": lambda a: sp.cos(a, evaluate=False),
    "tan": lambda a: sp.tan(a, evaluate=False),
    "csc": lambda a: sp.csc(a, evaluate=False),
    "sec": lambda a: sp.sec(a, evaluate=False),
    "cot": lambda a: sp.cot(a, evaluate=False),
    "sinh": lambda a: sp.sinh(a, evaluate=False),
    "cosh": lambda a: sp.cosh(a, evaluate=False),
    "tanh": lambda a: sp.tanh(a, evaluate=False),
    "arcsin": lambda a: sp.asin(a, evaluate=False),
    "arccos": lambda a: sp.acos(a, evaluate=False),
    "arctan": lambda a: sp.atan(a, evaluate=False),
}


# -- the parser ---------------------------------------------------------------------


class _Parser:
    def __init__(self, toks, raw, matrices=()):
        self.t = toks
        self.raw = raw
        self.matrices = matrices  # the matrices of the "matrix" tokens, by number
        self.i = 0
        self.bars = False  # inside |…|: a bar closes, it does not start a factor

    def peek(self, k: int = 0):
        j = self.i + k
        return self.t[j] if j < len(self.t) else (None, None)

    def take(self, kind=None, value=None):
        tok = self.peek()
        if tok[0] is None or (kind and tok[0] != kind) or (value and tok[1] != value):
            raise Unsupported(f"expected {value or kind}")
        self.i += 1
        return tok

    def at(self, kind, value=None) -> bool:
        tok = self.peek()
        return tok[0] == kind and (value is None or tok[1] == value)

    # math: one expression, or one relation between two
    def math(self):
        out = self.expr()
        while self.at("rel"):
            rel = getattr(sp, _REL[self.take()[1]])
            rh = self.expr()
            if isinstance(out, (sp.core.relational.Relational, sp.And)):  # 0 ≤ n < L
                from latex2sympy2_extended.logic import And  # the grammar's own And

                parts = list(out._unsorted_args) if isinstance(out, sp.And) else [out]
                out = And(*parts, rel(parts[-1].rhs, rh, evaluate=False))
            else:
                out = rel(out, rh, evaluate=False)
        if self.peek()[0] is not None:
            raise Unsupported(f"unexpected {self.peek()[1]!r}")
        return out

    def expr(self):
        lh = self.mp()
        while self.at("op", "+") or self.at("op", "-"):
            op = self.take()[1]
            rh = self.mp()
            if op == "-":
                rh = -rh if rh.func.is_Number else _mul_flat(-1, rh)
            lh = _add_flat(lh, rh)
        return lh

    def mp(self, nofunc: bool = False):
        lh = self.unary(nofunc)
        while True:
            tok = self.peek()
            if tok == ("op", "*") or tok in (("cmd", "cdot"), ("cmd", "times")):
                self.i += 1
                lh = _mul_flat(lh, self.unary(nofunc))
            elif tok in (("op", "/"), ("cmd", "div")):
                self.i += 1
                lh = _divide(lh, self.unary(nofunc))
            else:
                return lh

    def unary(self, nofunc: bool = False):
        """Signs, then a product of juxtaposed factors. In a function's argument without
        parentheses (``nofunc``) only the first factor may be a function or a call."""
        if self.at("op", "+"):
            self.i += 1
            return self.unary(nofunc)
        if self.at("op", "-"):
            self.i += 1
            return _negate(self.unary(nofunc))
        items = [self.exp()]
        while self._starts_exp(nofunc):
            items.append(self.exp(nofunc))
        return _postfix_list(items)

    def _starts_exp(self, nofunc: bool = False) -> bool:
        kind, value = self.peek()
        if kind == "matrix" and nofunc:
            raise Unsupported("a matrix in a function's bare argument")
        if kind in ("num", "greek", "accent", "matrix"):
            return True
        if kind == "letter":
            return not (nofunc and value == "e")
        if kind == "op":
            return value in "([{" or (value == "|" and not self.bars)
        if nofunc:
            return kind == "cmd" and value in _STARTS_NOFUNC
        return kind == "cmd" and value in _STARTS

    def exp(self, nofunc: bool = False):
        base = self.comp(nofunc)
        while self.at("op", "^"):
            self.i += 1
            base = sp.Pow(base, self.superscript(), evaluate=False)
            if self.at("op", "_"):
                raise Unsupported("a subscript after a power")
        return base

    def superscript(self):
        if self.at("op", "{"):
            self.i += 1
            e = self.expr()
            self.take("op", "}")
            return e
        return self.atom(power=False)

    def comp(self, nofunc: bool = False):
        kind, value = self.peek()
        if kind == "matrix":
            self.i += 1
            if self.at("op", "^") or self.at("op", "_"):
                raise Unsupported("a power or subscript of a matrix")
            return self.matrices[value]
        if nofunc and kind == "cmd" and value not in _STARTS_NOFUNC:
            raise Unsupported("a function inside a function's bare argument")
        if kind == "op" and value == "|" and not self.bars:  # |x|, one pair in the text
            self.i += 1
            self.bars = True
            e = self.expr()
            self.take("op", "|")
            self.bars = False
            return sp.Abs(e, evaluate=False)
        if kind == "op" and value in "([{":
            close = {"(": ")", "[": "]", "{": "}"}[value]
            self.i += 1
            e = self.expr()
            self.take("op", close)
            return e
        if kind == "cmd":
            if value in _FRAC:
                self.i += 1
                self.take("op", "{")
                top = self.expr()
                self.take("op", "}")
                self.take("op", "{")
                bot = self.expr()
                self.take("op", "}")
                if top.is_Integer and bot.is_Integer:
                    return sp.Rational(top, bot)
                return sp.Mul(top, sp.Pow(bot, -1, evaluate=False), evaluate=False)
            if value == "sqrt":
                self.i += 1
                self.take("op", "{")
                e = self.expr()
                self.take("op", "}")
                return sp.Pow(e, sp.S.Half, evaluate=False)
            if value in ("sum", "prod"):
                return self.big_operator(value)
            if value in ("gamma", "Gamma"):
                return self.gamma()
            if value in _DELIMITED:
                self.i += 1
                e = self.expr()
                self.take("cmd", _DELIMITED[value][0])
                return _DELIMITED[value][1](e, evaluate=False)
            if value == "lim":
                return self.limit()
            if value in ("max", "min"):
                return self.extremum(value)
            if value in _FUNCS:
                return self.function(value)
        if kind == "letter" and value == "e":
            self.i += 1
            if self.at("op", "^"):
                self.i += 1
                return sp.exp(self.superscript())
            return sp.exp(1)
        e = self.atom(power=True)
        # only a letter, a Greek letter or an accent can name a function (30 (x) is 30·x)
        named = kind in ("greek", "accent") or (kind == "letter" and value != "E")
        if (
            named
            and not nofunc
            and (self.at("op", "(") or self.at("op", "[") or self.at("op", "{"))
        ):
            self._not_a_call()
        return e

    def _not_a_call(self):
        """``a (b)`` and ``a (b, c)`` are function calls to the grammar; ``a (b + c)`` is a
        product. Only the product is read here."""
        start = self.i
        if self.at("op", "{"):
            if self.peek(1) in (("op", "("), ("op", "[")):
                raise Unsupported("a brace and a parenthesis after a letter")
            return
        close = {"(": ")", "[": "]"}[self.peek()[1]]
        self.i += 1
        inner_start = self.i
        try:
            self.atom(power=True)
            single = self.at("op", close)
        except Unsupported:
            single = False
        self.i = inner_start
        depth = 0
        for kind, value in self.t[inner_start:]:
            if kind == "op" and value in "([{":
                depth += 1
            elif kind == "op" and value in ")]}":
                if depth == 0:
                    break
                depth -= 1
            elif kind == "op" and value == "," and depth == 0:
                single = True
        self.i = start
        if single:
            raise Unsupported("reads as a function call")

    def function(self, name):
        """``\\cos^2(x)``, ``\\log_2(x)``, ``\\sin^{-1}(x)`` (arcsine), and without
        parentheses ``\\cos \\frac{a}{8} x``: then the argument is the product that follows,
        up to the next function."""
        self.i += 1
        sub = power = None
        for _ in range(2):
            if self.at("op", "_") and sub is None:
                self.i += 1
                sub = self.superscript()
            elif self.at("op", "^") and power is None:
                self.i += 1
                power = self.superscript()
        if self.at("op", "("):
            self.i += 1
            arg = self.expr()
            self.take("op", ")")
        else:
            arg = self.mp(nofunc=True)
        if name in _TRIG and power == -1:
            name, power = "arc" + name, None
            if name not in _FUNCS:
                raise Unsupported("an inverse function")
        if name in ("log", "ln"):
            base = sub if sub is not None else (10 if name == "log" else sp.E)
            expr = sp.log(arg, base, evaluate=False)
        elif sub is not None:
            raise Unsupported("a subscripted function")
        else:
            expr = _FUNCS[name](arg)
        if power:  # the grammar's test: a power of 0 is dropped
            expr = sp.Pow(expr, power, evaluate=False)
        return expr

    def gamma(self):
        """``\\gamma`` is the Gamma function to the grammar when anything that can start a
        term follows it (``\\gamma x`` is Γ(x), even ``\\gamma - x``); Euler's constant
        as an atom otherwise."""
        self.i += 1
        after = self.i
        if self.at("op", "^"):
            self.i += 1
            self.superscript()
        follower = self.peek()
        self.i = after
        if follower[0] not in (None, "rel") and follower not in _ENDS_TERM:
            raise Unsupported("the Gamma function")
        return sp.EulerGamma

    def limit(self):
        self.i += 1
        self.take("op", "_")
        self.take("op", "{")
        kind, value = self.take()
        if kind == "letter" and value not in "eE":
            var = sp.Symbol(value, real=None)
        elif kind == "greek":
            var = _symbol("\\" + value)
        else:
            raise Unsupported("a limit's variable")
        if self.take()[1] not in _APPROACH:
            raise Unsupported("a limit without \\to")
        point = self.expr()
        if not self.at("op", "}"):
            raise Unsupported("a one-sided limit")
        self.i += 1
        return sp.Limit(self.mp(), var, point, "+")

    def extremum(self, name):
        """``\\max(a, b)``: the grammar splits the argument text at its commas and reads
        each part again on its own."""
        self.i += 1
        if not self.at("op", "("):
            raise Unsupported("max or min without parentheses")
        end = _closing(self.t, self.i)
        if end < 0:
            raise Unsupported("unbalanced parentheses")
        text = "".join(self.raw[self.i + 1 : end])
        self.i = end + 1
        args = [parse(part) for part in text.split(",")]
        return (sp.Max if name == "max" else sp.Min)(*args, evaluate=False)

    def big_operator(self, name):
        self.i += 1
        var = start = end = None
        for _ in range(2):
            if self.at("op", "_") and var is None:
                self.i += 1
                self.take("op", "{")
                var = self.expr()
                self.take("rel", "=")
                start = self.expr()
                self.take("op", "}")
            elif self.at("op", "^") and end is None:
                self.i += 1
                end = self.superscript()
            else:
                raise Unsupported("a sum without both bounds")
        body = self.mp()
        cls = sp.Sum if name == "sum" else sp.Product
        return cls(body, (var, start, end))

    def atom(self, power: bool):
        kind, value = self.peek()
        if kind == "num":
            self.i += 1
            if self.at("op", "_"):
                raise Unsupported("a subscripted number")
            return _number(value)
        if kind == "cmd" and value == "infty":
            self.i += 1
            return sp.oo
        if kind == "letter" and value in "IE":
            self.i += 1
            if self.at("op", "_") or self.at("op", "^"):
                raise Unsupported("a subscripted I or E")
            return sp.I if value == "I" else sp.Symbol("E", real=None)
        if kind not in ("letter", "greek", "accent") or (kind, value) == ("letter", "e"):
            raise Unsupported(f"not an atom: {value!r}")
        self.i += 1
        name = ("\\" + value) if kind == "greek" else value
        sub = ""
        if self.at("op", "_"):
            self.i += 1
            sub = self.subscript()
            sub = "_{" + sub + "}" if len(sub) > 1 else "_" + sub
        sym = _symbol(name + sub)
        if power and self.at("op", "^"):
            self.i += 1
            sym = sp.Pow(sym, self.superscript(), evaluate=False)
            if self.at("op", "_") or self.at("op", "^"):
                raise Unsupported("a subscript after a power")
        return sym

    def subscript(self) -> str:
        """The subscript's text as the grammar keeps it: its tokens, spaces dropped."""
        greek = self.peek(1) if self.at("op", "{") else self.peek()
        if greek[0] == "greek" and (self.at("greek") or self.peek(2) == ("op", "}")):
            self.i += 1 if self.at("greek") else 3  # g_\tau, g_{\tau}: one Greek letter
            if self.at("op", "_"):
                raise Unsupported("a nested subscript")
            return "\\" + greek[1]
        if not self.at("op", "{"):
            kind, value = self.take()
            if kind not in ("letter", "num") or value in "eIE":
                raise Unsupported("a subscript atom")
            if self.at("op", "_"):
                raise Unsupported("a nested subscript")
            return value
        self.i += 1
        parts, expect_item = [], True
        while not self.at("op", "}"):
            kind, value = self.take()
            if kind in ("letter", "num"):
                if value in "eIE" and kind == "letter":
                    raise Unsupported("e, I or E in a subscript")
                parts.append(value)
                expect_item = False
            elif kind == "op" and value in "+-," and _separates(value, parts, expect_item):
                parts.append(value)
                expect_item = True
            else:
                raise Unsupported("a subscript that is not letters and digits")
        self.i += 1
        if not parts or expect_item:
            raise Unsupported("an empty or unfinished subscript")
        return "".join(parts)


_ENDS_TERM = {
    ("op", "}"), ("op", ")"), ("op", "]"), ("op", "*"), ("op", "/"),
    ("cmd", "cdot"), ("cmd", "times"), ("cmd", "div"),
}  # fmt: skip


def _separates(value, parts, expect_item) -> bool:
    """A sign or comma between subscript items (a sign may also open it: w_{-K+i})."""
    return not expect_item or (not parts and value != ",")


_DELIMITED = {"lfloor": ("rfloor", sp.floor), "lceil": ("rceil", sp.ceiling)}
_APPROACH = ("to", "rightarrow", "Rightarrow", "longrightarrow", "Longrightarrow")
_TRIG = frozenset(["sin", "cos", "tan", "csc", "sec", "cot", "sinh", "cosh", "tanh"])
_STARTS_NOFUNC = _FRAC | set(_DELIMITED) | {"infty"}
_STARTS = _FRAC | _SINGLE_ARG | set(_DELIMITED)
_STARTS |= {"sqrt", "sum", "prod", "infty", "gamma", "Gamma", "lim", "max", "min"}


def _postfix_list(items):
    """``a b c`` as the grammar builds it: right to left, a matrix product (``MatMul``) where
    either side is a matrix. (Not its mixed-number rule: in an answer ``2 \\frac{1}{2}`` is a
    product; ``parse._full`` turns the rule off there too.)"""
    res = items[0]
    if len(items) == 1:
        return res
    rh = _postfix_list(items[1:])
    if getattr(res, "is_Matrix", False) or getattr(rh, "is_Matrix", False):
        return fastmatrix.product(res, rh)
    return _mul_flat(res, rh)


def parse(text: str):
    """The expression ``latex2sympy2_extended`` reads from ``text``, or :class:`Unsupported`."""
    stripped = text.strip()
    if not stripped or "\\boxed" in stripped:
        raise Unsupported("empty or boxed")
    if fastmatrix.WHOLE.fullmatch(stripped):
        return fastmatrix.whole(stripped, parse)
    matrices: list = []
    if "\\begin" in stripped:  # x_j [matrix], W [matrix]: each matrix read on its own
        stripped = fastmatrix.take_out(stripped, matrices, parse)
    if stripped.count("|") not in (0, 2):
        raise Unsupported("bars other than one |…|")  # |a|b|c| nests to the grammar
    toks, raw = tokens(stripped)
    if not toks or (toks[0] == ("op", "{") and _closing(toks, 0) == len(toks) - 1):
        raise Unsupported("one brace group: a set to the grammar")
    if not matrices:
        return _Parser(toks, raw).math()
    try:
        out = _Parser(toks, raw, matrices).math()
    except (TypeError, ValueError, AttributeError, sp.SympifyError) as exc:
        raise Unsupported(f"a matrix in an operation ({type(exc).__name__})") from exc
    return fastmatrix.plain_product(out, matrices)


def _closing(toks, k: int) -> int:
    depth = 0
    for j in range(k, len(toks)):
        kind, value = toks[j]
        if kind == "op" and value in "([{":
            depth += 1
        elif kind == "op" and value in ")]}":
            depth -= 1
            if depth == 0:
                return j
    return -1
