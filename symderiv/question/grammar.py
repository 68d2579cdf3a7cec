r"""The notation ``symderiv ask`` reads: matrix calculus as a course writes it in LaTeX.

The grammar, whole (a recursive-descent parser below has one method per rule)::

    input      := item (SEP item)*                 SEP: , ; \\ or a new line
    item       := name "=" expr                    a definition: h = \sigma(Wx + b)
                | derivative "=" "0"               a stationary point: \nabla_w L = 0
                | expr                             what to differentiate, or a derivative
    expr       := ["+" | "-"] term (("+" | "-") term)*
    term       := factor (("\cdot" | "*" | "\odot" | "\circ" | "/" | <juxtaposed>) factor)*
    factor     := atom postfix*
    postfix    := "^" ("T" | "\top" | "\intercal" | "{-1}" | "{-T}" | exponent)
    atom       := number | name | "(" expr ")" | "[" expr "]" | "{" expr "}"
                | "\frac" arg arg | "\tfrac" arg arg | "\dfrac" arg arg | "\sqrt" arg
                | "\|" expr "\|" ["_2" | "_F"] | "|" expr "|"
                | function call                    \sigma(u) \tanh \exp \log \ln \sqrt
                                                   \operatorname{softmax|tr|diag|ReLU}
                                                   \det, \max(0, u)
                | derivative                       \frac{\partial L}{\partial W}
                                                   \frac{\partial}{\partial X} expr
                                                   \frac{\partial^2 f}{\partial x \partial x^\top}
                                                   \nabla_W L, \nabla^2_x f
                | "\arg\min_" name expr            a stationary point (also \arg\max)
    name       := letter | greek | accent "{" name "}" | font "{" name "}"
                  ["_" arg] ["^{(" digits ")}"]    W, W_1, h_{t-1}, W^{(2)}, \hat{y}, \lambda
    number     := digit+ ["." digit+]

Unicode is read as its LaTeX: σ → \sigma, ᵀ → ^T, ⊙ → \odot, ‖ → \|, − → -, ² → ^2.
``I`` is the identity and ``\mathbf{1}`` the vector of ones (unless defined). A subscript is
part of a name (x_t is a quantity of its own), never an index. Spacing (``\,`` ``\;``
``\left`` ``\right`` ``\big``) is no token. Anything else is an error naming it and its
position: nothing is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from .tokens import _ACCENTS, _FONTS, _FUNCTIONS, _TRANSPOSE, GREEK, AskError, Tok, tokens


# -- the tree -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Name:
    name: str  # the LaTeX of the name, as written (W, W_{1}, \hat{y}, \lambda)


@dataclass(frozen=True)
class Num:
    text: str


@dataclass(frozen=True)
class Op:
    op: str  # + - * odot / neg T inv invT pow
    args: tuple


@dataclass(frozen=True)
class Call:
    fn: str  # sigma tanh exp log sqrt abs softmax tr det diag
    arg: object


@dataclass(frozen=True)
class Norm:
    arg: object
    kind: str  # "2" or "F"


@dataclass(frozen=True)
class Deriv:
    of: object  # a Name, an expression, or None (then what the ask is about)
    wrt: tuple  # Names: one, or two of the same for a Hessian


@dataclass(frozen=True)
class Solve:
    deriv: Deriv  # \nabla_w L = 0, \arg\min_w L: the stationary point


@dataclass(frozen=True)
class Relation:
    lhs: object  # what an exercise assumes: \mathbf{1}^\top y = 1, y(1 - y) = 0
    rhs: object


@dataclass(frozen=True)
class Define:
    name: Name
    expr: object


# -- the parser -----------------------------------------------------------------------------
class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = tokens(text)
        self.i = 0
        self.closing: list[str] = []  # the bars of the norms and |.| being read

    # helpers
    @property
    def tok(self) -> Tok:
        return self.toks[self.i]

    def peek(self, k: int = 1) -> Tok:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def at(self, *texts: str) -> bool:
        return self.tok.text in texts and self.tok.kind != "end"

    def take(self) -> Tok:
        t = self.tok
        self.i += 1
        return t

    def expect(self, text: str) -> Tok:
        if not self.at(text):
            raise self.error(f"expected {text!r}")
        return self.take()

    def error(self, what: str) -> AskError:
        t = self.tok
        if t.kind != "end" and t.text in what:  # (the message names it already)
            return AskError(f"{what} at position {t.pos}")
        found = "the end" if t.kind == "end" else repr(t.text)
        return AskError(f"{what} at position {t.pos}, found {found}")

    # input := item (SEP item)*
    def items(self) -> list:
        out = []
        while True:
            while self.at(",", ";", r"\\"):
                self.take()
            if self.tok.kind == "end":
                return out
            out.append(self.item())
            if self.tok.kind != "end" and not self.at(",", ";", r"\\"):
                raise self.error("expected ',' or the end")

    def item(self):
        start = self.i
        if self.tok.kind in ("letter", "cmd") and not self._derivative_ahead():
            try:
                name = self.name()
            except AskError:
                name = None
            if name is not None and self.at("="):
                self.take()
                return Define(name, self.expr())
            self.i = start
        e = self.expr()
        if isinstance(e, Deriv) and self.at("="):  # \nabla_w L = 0: where it vanishes
            self.take()
            if not self.at("0") or self.peek().kind == "digit":
                raise self.error("a derivative set to 0 only (∇_w L = 0)")
            self.take()
            return Solve(e)
        return e

    def _derivative_ahead(self) -> bool:
        if self.at(r"\nabla"):
            return True
        return self.at(r"\frac", r"\tfrac", r"\dfrac") and any(
            t.text == r"\partial" for t in self.toks[self.i : self.i + 4]
        )

    # expr := ["+"|"-"] term (("+"|"-") term)*
    def expr(self):
        sign = None
        if self.at("+", "-"):
            sign = self.take().text
        e = self.term()
        if sign == "-":
            e = Op("neg", (e,))
        while self.at("+", "-"):
            op = self.take().text
            e = Op(op, (e, self.term()))
        return e

    # term := factor ((op | juxtaposed) factor)*
    def term(self):
        e = self.factor()
        while True:
            if self.at(r"\cdot", "*", r"\times"):
                self.take()
                e = Op("*", (e, self.factor()))
            elif self.at(r"\odot", r"\circ"):
                self.take()
                e = Op("odot", (e, self.factor()))
            elif self.at("/"):
                self.take()
                e = Op("/", (e, self.factor()))
            elif self._starts_atom():
                e = Op("*", (e, self.factor()))
            else:
                return e

    def _starts_atom(self) -> bool:
        t = self.tok
        if t.kind in ("letter", "digit"):
            return True
        if t.kind == "sym":
            if t.text == "|":
                return not self.closing or self.closing[-1] != "|"
            return t.text in "([{"
        if t.kind == "cmd":
            if t.text == r"\|":
                return not self.closing or self.closing[-1] != r"\|"
            return t.text not in {r"\cdot", r"\times", r"\odot", r"\circ", r"\\", r"\top"}
        return False

    # factor := atom postfix*
    def factor(self):
        e = self.atom()
        while self.at("^", "'"):
            if self.at("'"):
                raise self.error("a prime has no meaning here (write the derivative)")
            self.take()
            e = self.power(e)
        return e

    def power(self, base):
        if self.at("{"):
            start = self.i
            self.take()
            inner = []
            while not self.at("}"):
                if self.tok.kind == "end":
                    raise self.error("expected '}'")
                inner.append(self.take().text)
            self.take()
            text = "".join(inner)
            if text in _TRANSPOSE or text in {"\\top", "\\intercal"}:
                return Op("T", (base,))
            if text == "-1":
                return Op("inv", (base,))
            if text in ("-T", "-\\top", "-\\intercal"):
                return Op("invT", (base,))
            self.i = start + 1  # an exponent: read as an expression
            exp = self.expr()
            self.expect("}")
            return Op("pow", (base, exp))
        t = self.tok
        if t.text in _TRANSPOSE or t.text in {r"\top", r"\intercal"}:
            self.take()
            return Op("T", (base,))
        if t.kind in ("digit", "letter"):
            self.take()
            return Op("pow", (base, Num(t.text) if t.kind == "digit" else Name(t.text)))
        raise self.error("expected an exponent after '^'")

    def atom(self):
        t = self.tok
        if t.kind == "digit":
            return self.number()
        if t.kind == "sym":
            if t.text in "([{":
                close = {"(": ")", "[": "]", "{": "}"}[t.text]
                self.take()
                self.closing.append(close)
                e = self.expr()
                self.closing.pop()
                self.expect(close)
                return e
            if t.text == "|":
                self.take()
                self.closing.append("|")
                e = self.expr()
                self.closing.pop()
                self.expect("|")
                return Call("abs", e)
            raise self.error("expected a quantity")
        if t.kind == "cmd":
            return self.command()
        if t.kind == "letter":
            if t.text == "e" and self.peek().text == "^":  # e^{u}: Euler's number
                self.take()
                self.take()
                return Call("exp", self.arg())
            return self.name()
        raise self.error("expected a quantity")

    def number(self) -> Num:
        digits = []
        while self.tok.kind == "digit":
            digits.append(self.take().text)
        text = "".join(digits)
        if text.count(".") > 1 or text == ".":
            raise self.error(f"{text!r} is not a number")
        return Num(text)

    def arg(self):
        """A command's argument: a group {…} or a single token."""
        if self.at("{"):
            self.take()
            self.closing.append("}")
            e = self.expr()
            self.closing.pop()
            self.expect("}")
            return e
        t = self.tok
        if t.kind == "digit":
            self.take()
            return Num(t.text)
        if t.kind == "letter":
            return self.name()
        return self.atom()

    def command(self):
        t = self.tok
        cmd = t.text[1:]
        if cmd in ("frac", "tfrac", "dfrac"):
            if self._partial_frac():
                return self.derivative()
            self.take()
            return Op("/", (self.arg(), self.arg()))
        if cmd == "nabla":
            return self.nabla()
        if cmd == "arg":  # \arg\min_w L: where ∂L/∂w = 0
            self.take()
            if not self.at(r"\min", r"\max"):
                raise self.error("expected \\min or \\max after \\arg")
            self.take()
            self.expect("_")
            x = self._braced_name() if self.at("{") else self.name()
            return Solve(Deriv(self.expr(), (x,)))
        if cmd == "|":
            self.take()
            self.closing.append(r"\|")
            e = self.expr()
            self.closing.pop()
            self.expect(r"\|")
            kind = "2"
            if self.at("_"):
                self.take()
                sub = self.take().text
                if sub == "{":
                    sub = self.take().text
                    self.expect("}")
                if sub not in ("2", "F"):
                    raise self.error(f"the norm ‖·‖_{sub}: only ‖·‖ (‖·‖_2) and ‖·‖_F are read")
                kind = sub
            return Norm(e, kind)
        if cmd in ("operatorname", "mathrm", "text", "mathop"):
            word = self._word()
            if word not in _FUNCTIONS or word in ("sigma",):
                raise AskError(f"unknown function \\{cmd}{{{word}}} at position {t.pos}")
            return self.call(_FUNCTIONS[word])
        if cmd == "sqrt":
            self.take()
            return Call("sqrt", self.arg())
        if cmd == "max":  # \max(0, u): the ReLU, entry by entry
            self.take()
            self.expect("(")
            if self.number() != Num("0") or not self.at(","):
                raise self.error(r"\max(0, u) is read (the ReLU); no other maximum")
            self.take()
            self.closing.append(")")
            arg = self.expr()
            self.closing.pop()
            self.expect(")")
            return Call("relu", arg)
        if cmd in _FUNCTIONS and cmd != "sigma":
            self.take()
            return self.call(_FUNCTIONS[cmd], taken=True)
        if cmd == "sigma" and self.peek().text in ("(", "[", r"\big", "{"):
            self.take()
            return self.call("sigma", taken=True)
        if cmd in GREEK or cmd in _ACCENTS or cmd in _FONTS:
            return self.name()
        raise self.error(f"unknown command \\{cmd}")

    def _word(self) -> str:
        self.take()
        self.expect("{")
        word = []
        while not self.at("}"):
            if self.tok.kind == "end":
                raise self.error("expected '}'")
            word.append(self.take().text)
        self.take()
        return "".join(word)

    def call(self, fn: str, taken: bool = True):
        """fn(arg), or fn without brackets: the next factor (the rest of the product for tr)."""
        if self.at("(", "["):
            return Call(fn, self.atom())
        if self.at("{"):
            return Call(fn, self.arg())
        if fn == "tr":
            return Call(fn, self.term())
        return Call(fn, self.factor())

    # names
    def name(self) -> Name:
        t = self.tok
        if t.kind == "letter" or (t.kind == "cmd" and t.text[1:] in GREEK):
            self.take()
            base = t.text
        elif t.kind == "cmd" and t.text[1:] in _ACCENTS | _FONTS:
            self.take()
            if self.at("{"):
                self.take()
                inner = self.name()
                self.expect("}")
            else:
                inner = self.name()
            font = t.text[1:]
            if font in ("mathbf", "boldsymbol", "bm", "mathit", "mathrm", "mathsf"):
                base = inner.name  # bold x is x
            elif font == "mathbb":
                base = r"\mathbb{" + inner.name + "}"
            else:
                base = f"{t.text}{{{inner.name}}}"
            if font in ("mathbf", "mathbb", "boldsymbol") and inner.name == "1":
                base = r"\mathbf{1}"
        elif t.kind == "digit" and t.text == "1":
            self.take()
            return Name("1")
        else:
            raise self.error("expected a name")
        if self.at("_"):
            self.take()
            base += "_{" + self._raw_group() + "}"
        if self.at("^") and self.peek().text == "{" and self.peek(2).text == "(":
            self.take()
            base += "^{" + self._raw_group() + "}"
        return Name(base)

    def _raw_group(self) -> str:
        """A subscript or a superscript label, kept as written (h_{t-1}, W^{(2)})."""
        if not self.at("{"):
            t = self.take()
            if t.kind not in ("letter", "digit", "cmd"):
                raise self.error("expected a subscript")
            return t.text
        self.take()
        depth, out = 1, []
        while True:
            t = self.take()
            if t.kind == "end":
                raise self.error("expected '}'")
            if t.text == "{":
                depth += 1
            elif t.text == "}":
                depth -= 1
                if depth == 0:
                    return "".join(out)
            out.append(t.text if t.kind != "cmd" else t.text + " ")

    # derivatives
    def _partial_frac(self) -> bool:
        return self.peek().text == "{" and self.peek(2).text == r"\partial"

    def derivative(self):
        r"""\frac{\partial^k f}{\partial x ...} or \frac{\partial}{\partial X} expr."""
        self.take()
        self.expect("{")
        self.expect(r"\partial")
        order = 1
        if self.at("^"):
            self.take()
            order = int(self._raw_group())
        of = None
        if not self.at("}"):
            of = self.expr()
        self.expect("}")
        self.expect("{")
        wrt = []
        while self.at(r"\partial"):
            self.take()
            x = self.name()
            power = 1
            if self.at("^"):
                self.take()
                sup = self._raw_group().strip()
                if sup in ("T", r"\top", r"\intercal", "\\top ", "\\intercal "):
                    power = 1
                elif sup.isdigit():
                    power = int(sup)
                else:
                    raise self.error(f"∂{x.name}^{sup}: expected ^2 or ^T")
            wrt += [x] * power
        self.expect("}")
        if len(wrt) != order:
            raise self.error(f"a derivative of order {order} by {len(wrt)} variables")
        if order > 2:
            raise self.error("derivatives of order 1 and 2 only")
        if of is None:
            of = self.expr()
        return Deriv(of, tuple(wrt))

    def nabla(self):
        self.take()
        order = 1
        if self.at("^"):
            self.take()
            order = int(self._raw_group())
        self.expect("_")
        x = self.name() if not self.at("{") else self._braced_name()
        if self.at("^") and order == 1:
            self.take()
            order = int(self._raw_group())
        if order > 2:
            raise self.error("∇ of order 1 and 2 only")
        return Deriv(self.expr(), (x,) * order)

    def _braced_name(self) -> Name:
        self.expect("{")
        x = self.name()
        self.expect("}")
        return x


def parse_relation(text: str) -> Relation:
    """``lhs = rhs``, what an exercise assumes."""
    p = _Parser(text)
    lhs = p.expr()
    p.expect("=")
    rhs = p.expr()
    if p.tok.kind != "end":
        raise p.error("expected the end of the relation")
    return Relation(lhs, rhs)


def parse(text: str) -> list:
    """The items of an ask: definitions and expressions (derivatives among them)."""
    if not text.strip():
        raise AskError("nothing to ask: give definitions and what to differentiate")
    return _Parser(text).items()
