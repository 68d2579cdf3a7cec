"""Plain-text math, as typed into an answer box, read by a grammar into the LaTeX the
reader reads. Nothing is guessed and nothing is dropped: every token of the text is used
by a rule of the grammar below, or the answer is unreadable and the message names the
token. Never ``eval``.

    answer    := [ "≈" ] clause { ("," | ";") clause } [ ("for" | "where") chain {"," chain} ]
                 [ "." ]
    clause    := chain [ ("if" | "when") condition { sep piece } ]  (cases in words)
               | chain "for" condition sep piece { sep piece }    (cases by ranges: two or more)
    piece     := chain ("if" | "when" | "for") condition | chain "otherwise" | "else" chain
    chain     := sum { REL sum }                          = ≠ != ≤ <= ≥ >= < > ⇒ =>
    sum       := product { ("+" | "-" | "−") (product | ellipsis) }
    ellipsis  := "..." | "…" | "⋯"                         1 + mu + ... + mu^(t-1): a Σ
    product   := unary { ("*" | "·" | "×" | "/" | "⊙" | "∘" | "⊗" | <juxtaposition>) unary }
    unary     := ("-" | "−" | "+") unary | power
    power     := postfix [ "^" exponent ]                 x^2, e^(-u), W^(2), x^T, θ^{t-1}
    postfix   := primary { "'" | "ᵀ" | "²" | "³" | "⁻¹" | "_" index }
    primary   := number | name | call | derivative | sum-op | "(" chain ")" | "[" chain "]"
                 | "{" chain "}" | "√" primary | "|" chain "|" | "‖" chain "‖" | "1[" chain "]"
    call      := function "(" chain { "," chain } ")"      exp log ln sqrt tanh diag max …
    derivative:= ("∂" | "d") name "/" ("∂" | "d") name     ∂f3/∂y, dL/dy_j, df1/dtheta1
    sum-op    := ("sum" | "∑" | "Σ") ["_" index] ["^" exponent] product
    name      := letter | greek word | greek letter, with a decoration (y~, ỹ, x̂, x̄) and
                 trailing digits as its subscript (θ1 = θ_1, f3 = f_3)

A run of ASCII letters that is no word of the table is a product of letters, as in LaTeX.
"""

from __future__ import annotations

import re

from .plainlex import (
    _OPS,
    _REL,
    _SUB,
    _WORDS,
    FUNCTIONS,
    GREEK_WORDS,
    PlainError,
    _decorated_word,
    _lex,
    _name_tex,
    _number_table,
    _split_marks,
    index_run,
    looks_plain,
    prose,
    sup_text,
)

__all__ = ["PlainError", "looks_plain", "to_latex"]


class _Parser:
    def __init__(self, text: str):
        self.text = text = _split_marks(text)
        self.toks = _lex(text)
        self.i = 0

    # -- tokens ---------------------------------------------------------------------
    def peek(self, k: int = 0):
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def at(self, *values) -> bool:
        return self.peek()[1] in values and self.peek()[0] != "end"

    def take(self):
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, value: str):
        kind, val, pos, _ = self.peek()
        if val != value:
            shown = f"'{val}'" if kind != "end" else "the end"
            raise PlainError(f"expected '{value}' here, found {shown}", self.text, pos)
        return self.take()

    def fail(self, what: str):
        kind, val, pos, _ = self.peek()
        shown = f"'{val}'" if kind != "end" else "the end of the answer"
        near = self.text[max(0, pos - 12) : pos + 16].strip()  # the place, as it was typed
        where = f" (in '{near}')" if near and near != val else ""
        raise PlainError(f"{what}: I cannot read {shown} here{where}", self.text, pos)

    # -- the grammar ----------------------------------------------------------------
    def answer(self) -> str:
        table = _number_table(self.toks)
        if table is not None:  # 1 2 3; 4 5 6 or [[1, 2], [3, 4]]: a matrix of numbers
            return table
        approx = self.peek()[1] == "≈" and self.peek()[0] == "rel"
        if approx:  # ≈ 0.399: a value given to its digits
            self.take()
        out = (r"\approx " if approx else "") + self.clause()
        while self.at(",", ";") and self.peek(1)[0] != "end":  # a = 1, b = 2: statements
            self.take()
            out += ", " + self.clause()
        if self.at_word("for", "where"):  # y(n) = … for n ≥ 0; … where g = …
            word = self.take()[1]
            parts = [self.chain()]
            while self.at(",") and self.peek(1)[0] != "end":
                self.take()
                parts.append(self.chain())
            out += rf" \quad \text{{{word} }} " + ", ".join(parts)
        if self.remark_here():  # … (the Jacobian of f ⊙ c in f): a remark, not read
            self.i = len(self.toks) - 1
        if self.at(".", ","):
            self.take()  # a full stop ends the sentence
        if self.peek()[0] != "end":
            self.fail("after a complete answer")
        return out

    def remark_here(self) -> bool:
        """A parenthesised remark in words that ends the answer: '(' after a space, the
        group closing at the end (or before a full stop), prose inside."""
        if not self.at("(") or self.i == 0 or self.toks[self.i - 1][3] == self.peek()[2]:
            return False
        depth, j = 0, self.i
        while self.toks[j][0] != "end":
            depth += {"(": 1, ")": -1}.get(self.toks[j][1], 0)
            if depth == 0:
                break
            j += 1
        rest = [t for t in self.toks[j + 1 :] if t[0] != "end"]
        if depth or (rest and [t[1] for t in rest] != ["."]):
            return False
        words = [t[1] for t in self.toks[self.i : j] if t[0] == "word"]
        return prose(words)

    def clause(self) -> str:
        head, first = "", self.sum()
        if self.peek()[0] == "rel" and self.peek()[1] in ("=", "=="):
            self.take()  # y(n) = A for …, B for …: the label, then the value's cases
            head, first = first + " = ", self.chain()
        while self.peek()[0] == "rel":
            first += f" {_REL[self.take()[1]]} " + self.sum()
        if self.at_word("for"):  # y = A for n ≥ 0, and 0 for n < 0: cases, if more follow
            save = self.i
            try:
                cases = self.cases(first, ("for", "if", "when"))
                if cases.count("&") >= 2:
                    return head + cases
            except PlainError:
                pass
            self.i = save
            return head + first  # one range: the answer's region (see ``answer``)
        if not self.at_word("if", "when"):
            return head + first
        return head + self.cases(first, ("if", "when"))

    def cases(self, first: str, keys: tuple) -> str:
        rows = [(first, self.condition())]
        while self.at(",", ";") or self.at_word("else", "otherwise", "and"):
            while self.at(",", ";") or self.at_word("and"):
                self.take()
            if self.at_word("else", "otherwise"):
                self.take()
                rows.append((self.chain(), r"\text{otherwise}"))
                break
            value = self.chain()
            if self.at_word("otherwise"):
                self.take()
                rows.append((value, r"\text{otherwise}"))
                break
            if not self.at_word(*keys):
                self.fail("a case needs 'if …' or 'otherwise'")
            rows.append((value, self.condition()))
        body = r" \\ ".join(f"{v} & {c}" for v, c in rows)
        return r"\begin{cases} " + body + r" \end{cases}"

    def at_word(self, *words) -> bool:
        kind, val, _, _ = self.peek()
        return kind == "word" and val in words

    def condition(self) -> str:
        self.take()  # "if", "when", "for"
        parts = [self.chain()]
        while self.at_word("and") and self.peek(1)[0] != "end":
            save = self.i
            self.take()
            try:
                parts.append(self.chain())
            except PlainError:
                self.i = save
                break
            if not any(r in parts[-1] for r in ("=", "<", ">", r"\le", r"\ge", r"\neq")):
                self.i = save  # "and 0 otherwise": the next case, not a condition
                parts.pop()
                break
        return r" \land ".join(parts)

    def chain(self) -> str:
        out = self.sum()
        while self.peek()[0] == "rel":
            out += f" {_REL[self.take()[1]]} " + self.sum()
        return out

    def sum(self) -> str:
        out = self.product()
        while self.at("+", "-", "−"):
            op = "+" if self.take()[1] == "+" else "-"
            if self.peek()[0] == "dots":  # 1 + mu + ... + mu^(t-1): a term of its own
                self.take()
                out += f" {op} \\dots"
                continue
            out += f" {op} " + self.product()
        return out

    def product(self) -> str:
        out = self.unary()
        while True:
            if self.at("/"):
                self.take()
                out = rf"\frac{{{out}}}{{{_ungroup(self.unary())}}}"
            elif self.peek()[1] in _OPS:
                out += f" {_OPS[self.take()[1]]} " + self.unary()
            elif self.starts_primary():
                if self.remark_here():
                    return out
                nxt = self.unary()
                # a factor 1 side by side with another is the vector of ones (no one writes
                # the number 1 as a factor): 1 1ᵀ, I − 1 aᵀ, (1ᵀg) 1
                if re.search(r"(^|[ (])1$", out) and not nxt[:1].isdigit():
                    out = out[:-1] + r"\mathbf{1}"
                if nxt == "1" and not re.search(r"[0-9]$", out):
                    nxt = r"\mathbf{1}"
                out += " " + nxt
            else:
                return out

    def starts_primary(self) -> bool:
        kind, val, _, _ = self.peek()
        if kind in ("number", "greek", "decorated", "fraction"):
            return True
        if kind == "word":
            return val not in ("if", "when", "else", "otherwise", "and", "where", "for")
        return val in ("(", "[", "{", "√", "∑", "Σ", "∂", "‖", "||", "𝟙")

    def unary(self) -> str:
        if self.at("-", "−"):
            self.take()
            return "-" + self.unary()
        if self.at("+"):
            self.take()
            return self.unary()
        return self.power()

    def power(self) -> str:
        base = self.postfix()
        if self.at("^"):
            self.take()
            base = self.superscript(base)
            base = self.postfix_marks(base)
        return base

    def superscript(self, base: str) -> str:
        kind, val, _pos, _ = self.peek()
        if val == "T" or (kind == "word" and val == "T"):
            self.take()
            return _ones(base) + "^{T}"
        if val in ("(", "{"):
            self.take()
            inner = self.chain()
            self.expect(")" if val == "(" else "}")
            if val == "(" and inner.isdigit():
                return base + f"^{{({inner})}}"  # W^(2): a layer's label, as written
            return base + "^{" + inner + "}"
        if val in ("-", "−"):
            self.take()
            return base + "^{-" + self.postfix() + "}"
        return base + "^{" + self.postfix() + "}"

    def postfix(self) -> str:
        return self.postfix_marks(self.primary())

    def postfix_marks(self, out: str) -> str:
        while True:
            kind, val, _, _ = self.peek()
            if val in ("'", "′"):
                self.take()
                out += "'"
            elif kind == "sup":
                self.take()
                s = sup_text(val)
                out = _ones(out) + "^{T}" if s == "T" else out + "^{" + s + "}"
            elif val == "_":
                self.take()
                out += "_{" + self.index() + "}"
            elif kind == "sub":
                self.take()
                out += "_{" + "".join(_SUB[c] for c in val) + "}"
            elif val == "~":
                self.take()
                out = r"\tilde{" + out + "}"
            else:
                return out

    def index(self) -> str:
        kind, val, _pos, end = self.peek()
        if val in ("{", "("):
            self.take()
            parts = [self.chain()]
            while self.at(","):
                self.take()
                parts.append(self.chain())
            self.expect("}" if val == "{" else ")")
            return ",".join(parts)
        if kind in ("word", "number"):
            self.take()
            return val + self.more_indices(end)
        if kind == "greek":
            self.take()
            return "\\" + val + " "
        self.fail("a subscript")

    def more_indices(self, end: int) -> str:
        """o_t,k and c_t-1,k: the rest of a subscript typed without braces (``index_run``)."""
        out, self.i = index_run(self.toks, self.i, end)
        return out

    def primary(self) -> str:
        kind, val, _pos, _ = self.peek()
        if kind == "fraction":
            self.take()
            return val
        if kind == "number":
            self.take()
            if val == "1" and self.at("["):
                return r"\mathbb{1}" + self.bracket()
            return val
        if val == "𝟙":
            self.take()
            return r"\mathbb{1}" + self.bracket()
        if val == "(":
            self.take()
            inner = self.clause()
            self.expect(")")
            return "(" + inner + ")"
        if val == "[":
            return self.bracket()
        if val == "{":
            self.take()
            inner = self.chain()
            self.expect("}")
            return "{" + inner + "}"
        if val in ("‖", "||"):
            self.take()
            inner = self.chain()
            self.expect(val)
            return r"\|" + inner + r"\|"
        if val == "|":
            self.take()
            inner = self.chain()
            self.expect("|")
            return r"\left|" + inner + r"\right|"
        if val == "√":
            self.take()
            arg = self.postfix()
            return r"\sqrt{" + _ungroup(arg) + "}"
        if val in ("∑", "Σ"):
            self.take()
            return self.sum_op()
        if val == "∂":
            return self.derivative()
        if kind in ("greek", "decorated"):
            self.take()
            return self.after_name(_name_tex(kind, val) if kind == "greek" else val)
        if kind == "word":
            return self.word()
        self.fail("an expression")

    def bracket(self) -> str:
        self.expect("[")
        inner = self.chain()
        self.expect("]")
        return "[" + inner + "]"

    def word(self) -> str:
        _kind, val, _pos, _ = self.take()
        if val in ("sum", "Sum"):
            return self.sum_op()
        if val == "sqrt":
            self.expect("(")
            inner = self.chain()
            self.expect(")")
            return r"\sqrt{" + inner + "}"
        if val in FUNCTIONS:
            return self.call(FUNCTIONS[val])
        if val in ("relu", "ReLU") and self.at("'", "′"):  # relu'(a): the step 1[a > 0]
            self.take()
            self.expect("(")
            inner = self.chain()
            self.expect(")")
            return rf"\mathbb{{1}}[{inner} > 0]"
        if val in ("relu", "ReLU"):
            self.expect("(")
            inner = self.chain()
            self.expect(")")
            return rf"\max(0, {inner})"
        if val in ("sigmoid",):
            return self.after_name(r"\sigma")
        if val in _WORDS:
            return self.after_name(_WORDS[val])
        if val == "lim":
            return r"\lim " + self.postfix()
        if _decorated_word(val):
            return self.after_name(_decorated_word(val))
        if val.startswith("d") and len(val) > 1 and self._derivative_follows():
            self.i -= 1
            return self.derivative()
        if val in GREEK_WORDS:
            return self.after_name("\\" + val)
        if val in ("if", "else", "otherwise", "and", "where", "for"):
            self.i -= 1
            self.fail(f"'{val}' belongs to a case or a clause")
        if len(val) > 2 and prose([val]):  # "with", "outside": a word, never x·y·z letters
            self.i -= 1
            self.fail(f"'{val}' is a word, not a quantity")
        # a run of letters is a product of letters, the last one carrying what follows
        head = " ".join(val[:-1])
        last = self.after_name(val[-1])
        return f"{head} {last}" if head else last

    def _derivative_follows(self) -> bool:
        """dL/dy_j: after this word (and its marks), a '/' then a word starting with d."""
        j = self.i
        while self.toks[j][1] in ("_", "'", "~") or self.toks[j][0] in ("sub", "number"):
            j += 2 if self.toks[j][1] == "_" else 1
        if self.toks[j][1] == "(":  # df3(y, θ3)/dθ3
            depth = 0
            while self.toks[j][0] != "end":
                depth += {"(": 1, ")": -1}.get(self.toks[j][1], 0)
                j += 1
                if depth == 0:
                    break
        nxt = self.toks[j + 1] if self.toks[j][1] == "/" else ("end", "", 0, 0)
        return nxt[0] == "word" and nxt[1].startswith("d") and len(nxt[1]) > 1

    def derivative(self) -> str:
        top = self.operand_of_d()
        self.expect("/")
        bottom = self.operand_of_d()
        return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"

    def operand_of_d(self) -> str:
        kind, val, pos, _ = self.take()
        if val == "∂":
            kind, val, pos, _ = self.take()
        elif kind == "word" and val.startswith("d") and len(val) > 1:
            val = val[1:]
        else:
            self.i -= 1
            self.fail("a derivative needs ∂ or d before each name")
        if kind == "word" and _decorated_word(val):
            name, kind = _decorated_word(val), "decorated"
        elif kind == "word" and val in GREEK_WORDS:
            name = "\\" + val
        elif kind in ("greek", "word"):
            name = _name_tex(kind, val)
        elif kind == "decorated":
            name = val
        else:
            self.i -= 1
            self.fail("a derivative of a name")
        if kind == "word" and len(val) > 1 and val not in GREEK_WORDS:
            raise PlainError(f"'{val}' in a derivative: one name expected", self.text, pos)
        return self.after_name(name, call_parens=True)

    def after_name(self, name: str, call_parens: bool = False) -> str:
        """Trailing digits are a subscript (θ1 = θ_1); marks; then an argument list."""
        if self.peek()[0] == "number" and self.peek()[1].isdigit() and self._touching():
            name += "_{" + self.take()[1] + "}"
        name = self.postfix_marks(name)
        if self.at("(") and self._touching():
            self.take()
            args = [self.chain()]
            while self.at(","):
                self.take()
                args.append(self.chain())
            self.expect(")")
            name += "(" + ", ".join(args) + ")"
            name = self.postfix_marks(name)
        return name

    def _touching(self) -> bool:
        """Is the next token written right after the previous one (no space between)?"""
        return self.toks[self.i - 1][3] == self.toks[self.i][2]

    def call(self, fn: str) -> str:
        power = ""
        if self.peek()[0] == "sup":  # tanh²(u)
            power = "^{" + sup_text(self.take()[1]) + "}"
        elif self.at("^"):
            self.take()
            power = "^{" + self.postfix() + "}"
        if not self.at("(") and self.starts_primary():  # tanh²c_k, log σ²: of what follows
            return f"{fn}{power}(" + self.power() + ")"
        self.expect("(")
        args = [self.chain()]
        while self.at(","):
            self.take()
            args.append(self.chain())
        self.expect(")")
        return self.postfix_marks(f"{fn}{power}(" + ", ".join(args) + ")")

    def sum_op(self) -> str:
        below = above = ""
        if self.at("_"):
            self.take()
            below = "_{" + self.index() + "}"
        elif self.peek()[0] == "sub":
            below = "_{" + "".join(_SUB[c] for c in self.take()[1]) + "}"
        if self.at("^"):
            self.take()
            _kind, val, _, _ = self.peek()
            if val in ("(", "{"):
                self.take()
                inner = self.chain()
                self.expect(")" if val == "(" else "}")
            else:
                inner = self.postfix()
            above = "^{" + inner + "}"
        body = self.product()
        return rf"\sum{below}{above} \left({body}\right)"


def _ungroup(s: str) -> str:
    """(a + b) as a fraction's part or a root's argument: the braces group it already."""
    if s.startswith("(") and s.endswith(")") and _balanced(s[1:-1]):
        return s[1:-1]
    return s


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _ones(base: str) -> str:
    """The base of a transpose: 1ᵀ is the row of ones, 11ᵀ the ones' outer product."""
    return {"1": r"\mathbf{1}", "11": r"\mathbf{1} \mathbf{1}"}.get(base, base)


def to_latex(text: str) -> str:
    """The LaTeX of a plain-text answer; :class:`PlainError` names what has no rule."""
    return _Parser(text).answer()
