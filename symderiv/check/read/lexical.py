"""The text of an answer before it is read: size and nesting limits, forbidden TeX commands,
spacing dropped, and the normal forms of a few spellings (SymPy's plain ``{x}_{i}``)."""

from __future__ import annotations

import re

from ...errors import UnreadableLatexError
from .spellings import array_cases, group, range_sums, sympy_spellings

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
        if latex.startswith("\\\\", i):  # a row break, then perhaps a brace: \\{W}_{2,1}
            i += 2
            continue
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


#: spaces a student leaves inside the braces of names and scripts, dropped first:
#: (pattern, replacement, what it is)
BRACE_SPACING = (
    (r"\\(begin|end)\s*\{\s*(\w+\*?)\s*\}", r"\\\1{\2}", r"\begin{ cases }: an environment's name"),
    (r"\\(mathrm|text|mathbb|mathbf|operatorname)\s*\{\s*([^{}]*?)\s*\}", r"\\\1{\2}",
     r"\mathrm{ erf }: a name in a font"),
    (r"([_^])\s*\{\s*([^{}]*?)\s*\}", r"\1{\2}", r"W_{ rk }, x^{ (2) }: a script's braces"),
)  # fmt: skip


def strip_spacing(text: str) -> str:
    for pattern, replacement, _what in BRACE_SPACING:
        text = re.sub(pattern, replacement, text)
    text = text.replace("\\\\", _ROWSEP)  # keep row separators: '\\ ' is not '\ '
    for s in SPACING:
        text = text.replace(s, " ")
    text = text.replace(_ROWSEP, "\\\\")
    text = text.replace(r"\leftarrow", r"\gets").replace(r"\rightarrow", r"\to")
    text = re.sub(r"\\(left|right)(?![a-zA-Z])", "", text)  # \left( but not \leftarrow
    text = re.sub(r"\\[Bb]igg?[lr]?(?![a-zA-Z])", "", text)  # \big( \Bigl[ … as ( [
    text = array_cases(text)  # \left\{ \begin{array}{ll} … \end{array} \right.: cases
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
    # a macro's argument without braces is one token (TeX's rule): \hat x, \mathbf 1, \bm1
    text = re.sub(r"\\(tilde|hat|bar|vec|mathbf|mathbb|boldsymbol|bm)(?:\s+([A-Za-z0-9])|([0-9]))",
                  lambda m: f"\\{m.group(1)}{{{m.group(2) or m.group(3)}}}", text)  # fmt: skip
    # \hat\mu, \hat \mu: the accent's argument braced, as \hat{\mu} (a Greek letter only)
    accented = r"\\(tilde|hat|bar|vec)\s*\\(" + "|".join(GREEK) + r")(?![A-Za-z])"
    text = re.sub(accented, r"\\\1{\\\2}", text)
    # \operatorname{erf}: the reader knows \mathrm{NAME}(…) as an application of NAME
    text = re.sub(r"\\operatorname\s*\{\s*([A-Za-z]+)\s*\}", r"\\mathrm{\1}", text)
    text = _frac_arguments(text)  # \mathrm{erf}\frac{u}{\sqrt2}: erf of the fraction
    text = re.sub(r"\^\s*\{\s*(?:\\prime|')\s*\}|\^\s*\\prime(?![A-Za-z])", "'", text)  # σ^{\prime}
    text = re.sub(r"\s*'\s*", "'", text)  # \sigma ' ( u ): the prime of σ
    text = _unbrace_calls(text)
    text = sympy_spellings(text.replace(r"\mathbb{I}", " I "))
    # two numbers side by side multiply, as any juxtaposition does (the reader added them)
    text = re.sub(r"(?<![\w.{])(\d+)\s+(?=\d+(?![\w.]))", r"\1 \\cdot ", text)
    # \frac{d}{d\theta} f(\theta), as SymPy prints a derivative: the operator ∂/∂θ
    text = re.sub(
        r"\\frac\{\s*d\s*\}\{\s*d\s*(\\?[A-Za-z]+(?:_\{?\w+\}?)?)\s*\}",
        r"\\frac{\\partial}{\\partial \1}",
        text,
    )
    # SymPy's plain matrices: [\begin{matrix} … \end{matrix}] is a bmatrix, a row may start
    # with {W}_{2,1}; and {\tilde{y}} alone is ỹ
    text = re.sub(r"[\[(]\s*\\begin\{matrix\}", r"\\begin{bmatrix} ", text)
    text = re.sub(r"\\end\{matrix\}\s*[\])]", r"\\end{bmatrix}", text)
    text = re.sub(r"(\\\\|\\begin\{[pbv]?matrix\})\s*\{", r"\1 {", text)
    text = re.sub(
        r"(?<![_^}\w\\])\{\s*(\\(?:tilde|hat|bar|vec)\{[A-Za-z]\}|[A-Za-z])\s*\}(?![_^])",
        r"\1",
        text,
    )
    # \mathbf{1}_n: the vector of ones; its length is what its neighbours need
    text = re.sub(
        r"\\(mathbf|boldsymbol)\s*\{\s*1\s*\}\s*_\s*(?:\{\s*\w+\s*\}|\w)", r"\\\1{1}", text
    )
    text = _bracket_arguments(range_sums(text))
    # pp^T: p times p^T (the reader would take the second letter without its transpose)
    text = re.sub(
        r"(?<![A-Za-z\\])([A-Za-z])([A-Za-z])(?=\^\s*(?:T|\{T\}|\\top|\{\\top\}))", r"\1 \2", text
    )
    # (W_2)_{rk}, {h_t}_k: an entry of the named vector or matrix, as W_{2,rk}, h_{t,k}
    text = re.sub(
        r"[({]\s*([A-Za-z]|\\(?:tilde|hat|bar|vec)\{[A-Za-z]\}|\\[A-Za-z]+)\s*_\s*"
        r"(\{[^{}]*\}|[A-Za-z0-9])\s*[)}]\s*_\s*"
        r"(\{[^{}]*\}|[A-Za-z0-9])",
        lambda m: f"{m.group(1)}_{{{m.group(2).strip('{}')},{m.group(3).strip('{}')}}}",
        text,
    )
    text = re.sub(r"[({]\s*([A-Za-z]\^\{\([^{}()]*\)\})\s*[)}]\s*_", r"\1_", text)  # (W^{(2)})_{rk}
    text = re.sub(r"\\sqrt\s*([0-9A-Za-z])", r"\\sqrt{\1}", text)  # \sqrt2
    # \frac12, \frac1n, \frac1{n}, \frac{a}b: one-character arguments without braces
    text = re.sub(r"\\frac\s*([0-9A-Za-z])\s*([0-9A-Za-z])", r"\\frac{\1}{\2}", text)
    text = re.sub(r"\\frac\s*([0-9A-Za-z])\s*\{", r"\\frac{\1}{", text)
    text = re.sub(r"\\frac\s*(\{[^{}]*\})\s*([0-9A-Za-z])", r"\\frac\1{\2}", text)
    # 1/n\sum_j …: (1/n)·Σ, as everyone means it, not 1/(n Σ)
    text = re.sub(
        r"(?<![\w\\])(\d+|[A-Za-z])\s*/\s*([0-9A-Za-z]|\{[^{}]*\})\s*(?=\\sum|\\prod)",
        r"\\frac{\1}{\2} ",
        text,
    )
    # \sum_{j \neq i} g_j, \sum_{j=1, j\neq i}^{n} g_j: the sum with the term j = i left out
    text = re.sub(
        r"\\sum_\{\s*(?:([A-Za-z])\s*=\s*([^{},]+?)\s*,\s*)?([A-Za-z])\s*\\ne(?:q)?(?![a-z])"
        r"\s*([A-Za-z0-9]+)\s*\}(\^(?:\{[^{}]*\}|[0-9A-Za-z]))?",
        _sum_except,
        text,
    )
    # \sum_j, \sum_{j}: a sum over the index's whole range, an upper bound the judge fills in;
    # \sum_{i,j} (or \sum_{i j}): one such sum over each
    text = re.sub(
        r"\\sum_\{\s*([A-Za-z](?:\s*,?\s*[A-Za-z])+)\s*\}(?!\s*\^)",
        lambda m: " ".join(
            rf"\sum_{{{v}=1}}^{{{UNBOUNDED}}}" for v in re.findall(r"[A-Za-z]", m.group(1))
        ),
        text,
    )
    text = re.sub(
        r"\\sum_(?:\{\s*([A-Za-z])\s*\}|([A-Za-z]))(?!\s*\^)",
        lambda m: rf"\sum_{{{m.group(1) or m.group(2)}=1}}^{{{UNBOUNDED}}}",
        text,
    )
    # SymPy's plain latex(): {x}_{i} is x_{i}, {\partial L/\partial y}_{j} is ∂L/∂y_j
    text = re.sub(
        r"\{\\partial ([A-Za-z]\w*|\\(?:bar|hat|tilde)\{[A-Za-z]\})\s*/\s*"
        r"\\partial ([A-Za-z]\w*|\\(?:bar|hat|tilde)\{[A-Za-z]\})\}_\{([^{}]*)\}",
        r"\\frac{\\partial \1}{\\partial \2_{\3}}",
        text,
    )
    text = re.sub(
        r"(?<![}\w^_\\])\{(\\?[A-Za-z]+|\\(?:tilde|hat|bar|vec)\{[A-Za-z]\})\}(?=[_^])", r"\1", text
    )
    # "… = 0 \quad \forall n", "0 \text{ for all } n": every n is what an answer means anyway
    text = re.sub(
        r"[,;]?\s*(?:\\forall|\\text\{\s*for\s+(?:all|every|each)\s*\})\s*[A-Za-z]"
        r"(?:\s*\\in\s*\\mathbb\{[ZN]\})?\s*\.?\s*$",
        "",
        text,
    )
    return partials(text).strip()


_BRACKET_CALL = re.compile(r"\\(?:sin|cos|tan|exp|log|ln|sinh|cosh|tanh)\s*\[")


def _bracket_arguments(text: str) -> str:
    r"""\cos[π(k − i + 1/2)k/N] (u(i) − …): the bracket is the cosine's argument, as (…) is;
    what follows multiplies it."""
    m = _BRACKET_CALL.search(text)
    while m is not None:
        start = m.end() - 1
        try:
            end = group(text, start)
        except UnreadableLatexError:
            return text  # unbalanced: the guard reports it
        text = text[:start] + "(" + text[start + 1 : end - 1] + ")" + text[end:]
        m = _BRACKET_CALL.search(text, start)
    return text


def _sum_except(m: re.Match) -> str:
    var, lower, other = m.group(3), m.group(2) or "1", m.group(4)
    if m.group(1) and m.group(1) != var:
        return m.group(0)  # \sum_{j=1, k\neq i}: not a form we know
    upper = m.group(5) or f"^{{{UNBOUNDED}}}"
    return rf"\sum_{{{var}={lower}}}{upper} [{var} \neq {other}] "


_CALL = re.compile(r"((?:\\mathrm\{[A-Za-z]+\}|\\?[A-Za-z]+)(?:_\{[^{}]*\}|_[A-Za-z0-9])?)\{\s*\(")


#: commands whose braces hold an argument, not an application's parentheses:
#: \sqrt{(a+b)} and \frac{(a+b)}{2} keep theirs
_BRACE_ARGS = re.compile(
    r"\\(?:sqrt|[dtc]?frac|binom|text(?:bf)?|mathbf|boldsymbol|bm|(?:wide)?hat|bar|overline|"
    r"underline|(?:wide)?tilde|vec|d?dot|boxed|operatorname|math(?:rm|it|cal|bb))"
)


def _closing(text: str, start: int) -> int:
    """The index of the ')' that closes the '(' at ``start`` (len(text) if none does)."""
    depth, k = 0, start
    while k < len(text):
        depth += {"(": 1, ")": -1}.get(text[k], 0)
        if depth == 0:
            return k
        k += 1
    return k


_NAMED_FRAC = re.compile(r"(\\mathrm\{(?!d\})[A-Za-z]+\})\s*\\frac\s*(?=\{)")


def _frac_arguments(text: str) -> str:
    """A named function before a fraction, as ``\\sin`` before its argument: the fraction in
    parentheses (erf u/√2 written \\operatorname{erf}\\frac{u}{\\sqrt2})."""
    i = 0
    while (m := _NAMED_FRAC.search(text, i)) is not None:
        first = group(text, m.end())
        k = first
        while k < len(text) and text[k] == " ":
            k += 1
        if k >= len(text) or text[k] != "{":
            i = m.end()
            continue
        end = group(text, k)
        frac = r"\frac" + text[m.end() : end]
        text = text[: m.start()] + m.group(1) + "(" + frac + ")" + text[end:]
        i = m.start() + len(m.group(1)) + 1
    return text


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
        if _BRACE_ARGS.fullmatch(m.group(1)):
            out.append(text[i : m.end()])
            i = m.end()
            continue
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
    return _group_hadamards(text)


_AFTER_TRANSPOSE = re.compile(r"\^\s*(?:T|\{T\}|\\top|\{\\top\})\s*$")


def _group_hadamards(text: str) -> str:
    """A parenthesised ⊙ product marked as one factor: Wᵀ((o − t) ⊙ m) is Wᵀ applied to
    the product, and the reader would flatten it into (Wᵀ(o − t)) ⊙ m."""
    i = text.find("(")
    while i >= 0:
        end = group(text, i)
        inside, depth, top = text[i + 1 : end - 1], 0, False
        for n, ch in enumerate(inside):
            depth += {"(": 1, ")": -1, "{": 1, "}": -1, "[": 1, "]": -1}.get(ch, 0)
            if depth == 0 and inside.startswith(ODOT_WORD, n):
                top = True
                break
        before = text[:i].rstrip()
        applied = before[-1:].isalpha() or before[-1:] in ("'", "}")
        if (
            top
            and not before.endswith(GROUP_WORD)
            and (not applied or _AFTER_TRANSPOSE.search(before))
        ):
            text = text[:i] + GROUP_WORD + text[i:]
            i += len(GROUP_WORD)
        i = text.find("(", i + 1)
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


def split_top(text: str, seps: tuple, keep_empty: bool = False) -> list[str]:
    """Split at separators that stand outside every group and environment."""
    out, depth, env, start, i = [], 0, 0, 0, 0
    while i < len(text):
        if text.startswith(r"\begin", i):
            env += 1
        elif text.startswith(r"\end", i):
            env -= 1
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in "{}()[],;":
            # \{ … \} groups (a set, an indicator's condition); \( \, \; do not
            depth += {"{": 1, "}": -1}.get(text[i + 1], 0)
            i += 2
            continue
        if c in "{([":
            depth += 1
        elif c in "})]":
            depth -= 1
        elif depth == 0 and env == 0:
            for s in seps:
                if text.startswith(s, i) and not (s == "=" and text[i - 1 : i] in "<>!\\"):
                    out.append(text[start:i])
                    start = i + len(s)
                    i = start - 1
                    break
        i += 1
    out.append(text[start:])
    return out if keep_empty else [o for o in out if o.strip()]


_RELATION_ONLY = re.compile(r"\\le(?:q)?(?![a-z])|\\ge(?:q)?(?![a-z])|<|>")
_CONDITIONAL = re.compile(r"^(.*?)\\text\{\s*(?:for|if|when)\s*\}(.*)$", re.S)
_OTHERWISE = re.compile(r"^(.*?)\\text\{\s*(?:otherwise|else|elsewhere)\s*\}$", re.S)


def conditional_cases(text: str, statements: list[str]) -> str:
    r"""``y[n] = A \text{ for } n \ge 0, y[n] = 0 \text{ for } n < 0`` written as the cases it
    means, ``y[n] = \begin{cases} A & n \ge 0 \\ 0 & n < 0 \end{cases}`` (one statement or
    several with one left side); any other text unchanged."""
    if r"\begin{cases}" in text:
        return text
    if len(statements) == 2 and _RELATION_ONLY.search(statements[1]) and "=" not in statements[1]:
        statements = [statements[0] + r" \text{for} " + statements[1]]  # "K = …, k−3 ≤ i ≤ k"
    rows, lhs = [], set()
    for n, st in enumerate(statements):
        last = _OTHERWISE.match(st.strip()) if n == len(statements) - 1 and n else None
        m = last or _CONDITIONAL.match(st.strip())
        if m is None or not m.group(1).strip() or not (last or m.group(2).strip()):
            return text
        sides = split_top(m.group(1), ("=",), keep_empty=True)  # y[n] = …: a top-level '='
        head, value = (sides[0], sides[1]) if len(sides) == 2 else ("", m.group(1))
        if head or not last:  # (… , and 0 otherwise: the left side of the others)
            lhs.add(head.replace(" ", ""))
        rows.append(f"{value.strip()} & " + ("\\text{otherwise}" if last else m.group(2).strip()))
    if len(lhs) != 1:
        return text
    head = next(iter(lhs))
    body = r"\begin{cases} " + r" \\ ".join(rows) + r" \end{cases}"
    return f"{head} = {body}" if head else body


def cases_end(text: str, start: int) -> int:
    r"""The position of the \end{cases} that closes the \begin{cases} at ``start`` (nested
    cases, as SymPy prints a cases factor inside a cases, counted), or -1."""
    depth, i = 0, start
    while True:
        b, e = text.find(r"\begin{cases}", i), text.find(r"\end{cases}", i)
        if e < 0:
            return -1
        if 0 <= b < e:
            depth, i = depth + 1, b + len(r"\begin{cases}")
            continue
        depth -= 1
        if depth == 0:
            return e
        i = e + len(r"\end{cases}")


def first_empty(text: str) -> int:
    m = re.search(r"=\s*(=|$)|^\s*=", text)
    return m.start() if m else 0


def sig_digits(text: str) -> int | None:
    # 0.40, and in scientific notation 9.9999997 \times 10^{-5}: the figures of the mantissa
    m = re.fullmatch(
        r"\s*-?(\d*)\.?(\d*)\s*(?:\\(?:cdot|times)\s*10\s*\^\s*\{?\s*-?\d+\s*\}?\s*)?", text
    )
    if not m:
        return None
    digits = (m.group(1) + m.group(2)).lstrip("0")
    return max(1, len(digits))


#: after ∇ a plain word is a decoration too (∇f^{reg}: nobody takes the gradient of a power)
NABLA_DECORATION = re.compile(
    r"\s*\^\s*\{\s*(?:\\(?:text|mathrm|textrm|rm|mathit)\s*\{?\s*([A-Za-z]+)\s*\}?|([A-Za-z]{2,}))"
    r"\s*\}"
)

ONES_T = re.compile(
    r"\\(?:mathbf|boldsymbol)\s*\{\s*1\s*\}\s*\^\s*(?:T|\{T\}|\\top|\{\\top\}|\\intercal|\{\\intercal\})"
)


#: Greek letters, as the notation layer names them (\gamma included: γ, not the Γ function)
GREEK = frozenset(
    """alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda
    mu nu xi pi rho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi
    Sigma Phi Psi Omega""".split()  # noqa: SIM905
)
