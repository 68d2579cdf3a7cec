"""The text of an answer before it is read: size and nesting limits, forbidden TeX commands,
spacing dropped, and the normal forms of a few spellings (SymPy's plain ``{x}_{i}``)."""

from __future__ import annotations

import re

from ..errors import UnreadableLatexError

#: the longest answer read, in characters
MAX_LATEX = 5000
#: the deepest nesting of braces/parentheses read
MAX_DEPTH = 40
FORBIDDEN = (
    "input", "include", "def", "edef", "gdef", "newcommand", "renewcommand", "let",
    "catcode", "write", "immediate", "openout", "openin", "read", "csname", "usepackage",
    "documentclass", "special", "directlua", "loop", "expandafter",
)  # fmt: skip
SPACING = (r"\displaystyle", r"\left.", r"\right.", r"\,", r"\;", r"\!", r"\:", r"\quad",
           r"\qquad", r"\bullet", r"\limits", r"\ ", "~")  # fmt: skip


def guard(latex: str) -> None:
    if not isinstance(latex, str):
        raise UnreadableLatexError("not a string", "", None)
    if len(latex) > MAX_LATEX:
        raise UnreadableLatexError(
            f"answer too long ({len(latex)} characters; the limit is {MAX_LATEX})", "", MAX_LATEX
        )
    if not latex.strip():
        raise UnreadableLatexError("empty answer", latex, 0)
    for m in re.finditer(r"\\([A-Za-z]+)", latex):
        if m.group(1) in FORBIDDEN:
            raise UnreadableLatexError(f"command \\{m.group(1)} is not allowed", latex, m.start())
    depth, stack = 0, []
    pairs = {"{": "}", "(": ")", "[": "]"}
    closers = {v: k for k, v in pairs.items()}
    i = 0
    while i < len(latex):
        c = latex[i]
        if c == "\\" and i + 1 < len(latex) and latex[i + 1] in "{}[]()":
            i += 2  # \{ \} \left( … are not grouping braces for balance
            continue
        if c in pairs:
            stack.append((c, i))
            depth = max(depth, len(stack))
            if depth > MAX_DEPTH:
                raise UnreadableLatexError(f"nested deeper than {MAX_DEPTH} levels", latex, i)
        elif c in closers:
            if not stack or (c == "}" and stack[-1][0] != "{"):
                raise UnreadableLatexError(f"unbalanced '{c}'", latex, i)
            if stack[-1][0] == closers[c]:
                stack.pop()
            elif c == "}":
                raise UnreadableLatexError(f"unbalanced '{stack[-1][0]}'", latex, stack[-1][1])
        i += 1
    open_braces = [(ch, pos) for ch, pos in stack if ch == "{"]
    if open_braces:
        raise UnreadableLatexError("unbalanced '{'", latex, open_braces[-1][1])


#: the upper bound of a sum written without one (\sum_j), as the reader spells it
UNBOUNDED = r"\Upsilon"
_ROWSEP = "\x00ROW\x00"


def strip_spacing(text: str) -> str:
    text = text.replace("\\\\", _ROWSEP)  # keep row separators: '\\ ' is not '\ '
    for s in SPACING:
        text = text.replace(s, " ")
    text = text.replace(_ROWSEP, "\\\\")
    text = text.replace(r"\leftarrow", r"\gets").replace(r"\rightarrow", r"\to")
    text = re.sub(r"\\(left|right)(?![a-zA-Z])", "", text)  # \left( but not \leftarrow
    text = re.sub(r"\\[Bb]igg?[lr]?(?![a-zA-Z])", "", text)  # \big( \Bigl[ … as ( [
    text = (
        text.replace(r"\times", r"\cdot ").replace(r"\dfrac", r"\frac").replace(r"\tfrac", r"\frac")
    )
    # in a cases condition "and" joins two conditions; elsewhere it only joins statements
    text = re.sub(
        r"\\begin\{cases\}.*?\\end\{cases\}",
        lambda m: re.sub(r"\\text\{\s*and\s*\}", r" \\land ", m.group(0)),
        text,
        flags=re.S,
    )
    text = re.sub(r"\\text\{\s*(ie|i\.e\.|so|thus|hence|and)\s*\}", " ", text)
    text = re.sub(r"\\(tilde|hat|bar|vec)\s+([A-Za-z])", r"\\\1{\2}", text)
    # \operatorname{erf}: the reader knows \mathrm{NAME}(…) as an application of NAME
    text = re.sub(r"\\operatorname\s*\{\s*([A-Za-z]+)\s*\}", r"\\mathrm{\1}", text)
    text = re.sub(r"\^\s*\{\s*(?:\\prime|')\s*\}|\^\s*\\prime(?![A-Za-z])", "'", text)  # σ^{\prime}
    text = re.sub(r"\s*'\s*", "'", text)  # \sigma ' ( u ): the prime of σ
    text = _unbrace_calls(text)
    text = re.sub(r"\\sqrt\s*([0-9A-Za-z])", r"\\sqrt{\1}", text)  # \sqrt2
    # \frac12, \frac1n, \frac1{n}, \frac{a}b: one-character arguments without braces
    text = re.sub(r"\\frac\s*([0-9A-Za-z])\s*([0-9A-Za-z])", r"\\frac{\1}{\2}", text)
    text = re.sub(r"\\frac\s*([0-9A-Za-z])\s*\{", r"\\frac{\1}{", text)
    text = re.sub(r"\\frac\s*(\{[^{}]*\})\s*([0-9A-Za-z])", r"\\frac\1{\2}", text)
    # \sum_j, \sum_{j}: a sum over the index's whole range, an upper bound the judge fills in
    text = re.sub(
        r"\\sum_(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))(?!\s*\^)",
        lambda m: rf"\sum_{{{m.group(1) or m.group(2)}=1}}^{{{UNBOUNDED}}}",
        text,
    )
    # SymPy's plain latex(): {x}_{i} is x_{i}, {\partial L/\partial y}_{j} is ∂L/∂y_j
    text = re.sub(
        r"\{\\partial ([A-Za-z]\w*)\s*/\s*\\partial ([A-Za-z]\w*)\}_\{([^{}]*)\}",
        r"\\frac{\\partial \1}{\\partial \2_{\3}}",
        text,
    )
    text = re.sub(
        r"(?<![}\w^_\\])\{(\\?[A-Za-z]+|\\(?:tilde|hat|bar|vec)\{[A-Za-z]\})\}(?=[_^])", r"\1", text
    )
    return partials(text).strip()


_CALL = re.compile(r"((?:\\mathrm\{[A-Za-z]+\}|\\?[A-Za-z]+)(?:_\{[^{}]*\}|_[A-Za-z0-9])?)\{\(")


def _closing(text: str, start: int) -> int:
    """The index of the ')' that closes the '(' at ``start`` (len(text) if none does)."""
    depth, k = 0, start
    while k < len(text):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0:
            return k
        k += 1
    return k


def _unbrace_calls(text: str) -> str:
    """SymPy's spelling of an application, ``\\cos{\\left(a\\right)}`` or ``y{\\left(n\\right)}``
    (``\\left`` already dropped): the braces around the argument list removed, so that
    ``\\cos{(a)} x`` is cos(a)·x and not cos(a·x)."""
    out, i = [], 0
    while True:
        m = _CALL.search(text, i)
        if m is None:
            return "".join(out) + text[i:]
        start = m.end() - 1  # the "("
        k = _closing(text, start)
        j = k + 1
        while j < len(text) and text[j] == " ":
            j += 1
        if k < len(text) and j < len(text) and text[j] == "}":
            out.append(text[i : m.start()] + m.group(1) + text[start : k + 1])
            i = j + 1
        else:
            out.append(text[i : m.end()])
            i = m.end()


_DIAG = re.compile(r"\\(?:operatorname|mathrm|text|mathop|rm)\s*\{\s*diag\s*\}|\\diag(?![A-Za-z])")
_IDENTITY = re.compile(r"(?<![\\A-Za-z{])I(?:_\{([^{}]*)\}|_([0-9A-Za-z]))?(?![A-Za-z_^{(])")
_BASIS = re.compile(r"(?<![\\A-Za-z])(?:\\mathbf\{e\}|e)_(?:\{([^{}]*)\}|([A-Za-z0-9]))")


def matrix_words(text: str, names) -> str:
    """The matrix vocabulary spelled for the reader: diag(v) in any of its spellings, I and
    I_n (the identity, where the problem has no I of its own), e_k (a basis vector, where
    it has no e), and ⊙/∘ (the entrywise product, a marker among the factors)."""
    text = _DIAG.sub(r"\\mathrm{diag}", text)
    if "I" not in names:
        text = _IDENTITY.sub(
            lambda m: rf"\mathrm{{Identity}}({m.group(1) or m.group(2) or 0})", text
        )
    if "e" not in names:
        text = _BASIS.sub(lambda m: rf"\mathrm{{basis}}({m.group(1) or m.group(2)})", text)
    text = re.sub(r"\\(?:odot|circ)(?![A-Za-z])", r" \\mathrm{odot} ", text)
    return _group_operands(text) if ODOT_WORD in text else text


ODOT_WORD = r"\mathrm{odot}"
GROUP_WORD = r"\mathrm{group}"


def _group_operands(text: str) -> str:
    """A parenthesised operand of ⊙ marked as one factor (the reader flattens (B C) into
    the product around it, which would lose what ⊙ applies to)."""
    k = text.find(ODOT_WORD)
    while k >= 0:
        j = k + len(ODOT_WORD)
        while j < len(text) and text[j] == " ":
            j += 1
        if j < len(text) and text[j] == "(":
            text = text[:j] + GROUP_WORD + text[j:]
        i = k - 1
        while i >= 0 and text[i] == " ":
            i -= 1
        if i >= 0 and text[i] == ")":
            depth = 0
            while i >= 0:
                depth += {")": 1, "(": -1}.get(text[i], 0)
                if depth == 0:
                    break
                i -= 1
            # (…) right after a name is an application, σ(ỹ): one factor already
            if i >= 0 and not (i and (text[i - 1].isalpha() or text[i - 1] in "}'")):
                text = text[:i] + GROUP_WORD + text[i:]
                k += len(GROUP_WORD)
        k = text.find(ODOT_WORD, k + len(ODOT_WORD))
    return text


_OPERAND = re.compile(
    r"\s*((?:\\(?:tilde|hat|bar|vec)\{[A-Za-z]\}|\\[A-Za-z]+|[A-Za-z])"
    r"(?:_\{[^{}]*\}|_[A-Za-z0-9])?(?:\^\{\([^{}]*\)\})?)"
)
_OPERATOR = re.compile(
    r"\\frac\{\s*\\partial\s*\}\{\s*\\partial\s*((?:[^{}]|\{[^{}]*\})+?)\s*\}"  # d/dX
    r"|\\partial_\{((?:[^{}]|\{[^{}]*\})+)\}|\\partial_([A-Za-z])(?![A-Za-z])"  # ∂_{X}, ∂_X
)
_SLASH = re.compile(
    r"\\partial\s*((?:\\bar\{[A-Za-z]\}|[A-Za-z])(?:_\{[^{}]*\}|_[A-Za-z0-9])?)\s*/\s*"
    r"\\partial\s*((?:\\(?:tilde|hat|bar)\{[A-Za-z]\}|\\[A-Za-z]+|[A-Za-z])"
    r"(?:_\{[^{}]*\}|_[A-Za-z0-9])?)"
)


def partials(text: str) -> str:
    """Derivatives written as operators, as the reader's \\frac{\\partial F}{\\partial X}:
    \\frac{\\partial}{\\partial X} F(…), \\partial_X F, \\partial_{X} F, and the inline
    \\partial L / \\partial y_j."""
    text = _SLASH.sub(r"\\frac{\\partial \1}{\\partial \2}", text)
    out, i = [], 0
    while True:
        m = _OPERATOR.search(text, i)
        if m is None:
            return "".join(out) + text[i:]
        var = m.group(1) or m.group(2) or m.group(3)
        o = _OPERAND.match(text, m.end())
        if o is None:
            out.append(text[i : m.end()])
            i = m.end()
            continue
        end = o.end()
        k = end
        while k < len(text) and text[k] == " ":
            k += 1
        if k < len(text) and text[k] == "(":  # F(y, θ): its arguments belong to it
            end = _closing(text, k) + 1
        operand = text[m.end() : end].strip()
        out.append(text[i : m.start()] + rf"\frac{{\partial {operand}}}{{\partial {var}}}")
        i = end
