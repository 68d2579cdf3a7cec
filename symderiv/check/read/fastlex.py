"""The tokens of :mod:`.fastparse`, cut as ``latex2sympy2_extended``'s ANTLR lexer cuts
them: a Greek command keeps one following space, ``d x`` is a differential, letter runs
such as ``tr`` or ``diag`` are keywords, ``^T`` is a transpose. What the fast parser does
not handle raises :class:`Unsupported` here already.
"""

from __future__ import annotations

import re


class Unsupported(Exception):
    """Not in the subset (or not certainly read the same way): use the full parser."""


_GREEK = frozenset(
    """alpha beta delta Delta epsilon varepsilon zeta eta theta Theta vartheta iota kappa
    lambda Lambda mu nu xi Xi omicron pi Pi varpi rho varrho sigma Sigma varsigma tau
    upsilon Upsilon phi Phi varphi chi psi Psi omega Omega""".split()  # noqa: SIM905
)
SINGLE_ARG = frozenset(
    "log ln exp sin cos tan csc sec cot sinh cosh tanh arcsin arccos arctan".split()  # noqa: SIM905
)
_ACCENTS = frozenset(
    """acute bar overline breve check widecheck dot ddot grave hat tilde widetilde vec
    overrightarrow bm boldsymbol mathbb mathbf mathcal mathfrak mathit mathrm mathscr
    mathsf mathtt""".split()  # noqa: SIM905
)
_SKIP = (r"\,", r"\:", r"\;", r"\!")
_SKIP_WORDS = frozenset(("quad", "qquad", "thinspace", "medspace", "thickspace"))
FRAC = frozenset(("frac", "dfrac", "tfrac", "cfrac"))
#: relations, by the name of the SymPy class the grammar builds for each
REL = {
    "=": "Eq", "<": "StrictLessThan", ">": "StrictGreaterThan", r"\le": "LessThan",
    r"\leq": "LessThan", r"\ge": "GreaterThan", r"\geq": "GreaterThan", r"\ne": "Ne",
    r"\neq": "Ne",
}  # fmt: skip
# letter runs the grammar's lexer takes as one keyword token (operator names, matrix words)
_KEYWORDS = re.compile(
    r"arsinh|arcsinh|arcosh|arccosh|artanh|arctanh|gcd|lcm|floor|ceil|eye|zeros|ones|cols|"
    r"rows|diag|norm|rank|trace|tr|rref|hstack|vstack|orth|nullspace|eig|svd|SVD|matrix|"
    r"pmatrix|bmatrix|vmatrix|array"
)
_DIFFERENTIAL = re.compile(r"d[ \t\r\n]*(?:[a-zA-Z]|\\[a-zA-Z])")
# what the grammar's lexer takes after ^ as a transpose or a degree sign
_AFTER_CARET = ("T", "{T}", "{\\top}", "\\circ", "\\degree", "\\circle", "{\\circ}")
_CMD = re.compile(r"\\([a-zA-Z]+)")
#: a matrix environment taken out of the text and read on its own stands in as one
#: character of Unicode's private use area, MATRIX_MARK + its number (a "matrix" token)
MATRIX_MARK = "\ue000"
_NUMBER = re.compile(r"\d*\.\d+|\d+")


# -- tokens ------------------------------------------------------------------------


def tokens(text: str) -> tuple[list, list]:
    """``(kind, value)`` pairs (kinds: num, letter, greek, accent, cmd, op, rel), and the
    text of each token as the grammar's lexer would cut it."""
    out, raw, i, n, start = [], [], 0, len(text), 0
    while i < n:
        if len(raw) < len(out):
            raw.append(text[start:i])
        start = i
        c = text[i]
        if c in " \t\r\n":
            i += 1
        elif text.startswith(_SKIP, i):
            i += 2
        elif c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit()):
            m = _NUMBER.match(text, i)
            j = m.end()
            if j < n and (text[j] in "E%." or (text[j] == "\\" and text.startswith("\\%", j))):
                raise Unsupported("number notation")
            out.append(("num", m.group()))
            i = j
        elif c.isascii() and c.isalpha():
            if c == "d" and _DIFFERENTIAL.match(text, i):
                raise Unsupported("a differential")
            if _KEYWORDS.match(text, i):
                raise Unsupported("a keyword of the grammar")
            out.append(("letter", c))
            i += 1
        elif c == "\\":
            m = _CMD.match(text, i)
            if not m:
                raise Unsupported("a control symbol")
            name, i = m.group(1), m.end()
            if name in _SKIP_WORDS:
                continue
            if name in _GREEK:
                out.append(("greek", name))
                if i < n and text[i] == " ":  # the grammar's Greek token takes one space
                    i += 1
            elif name in _ACCENTS:
                j = i + 1 if i < n and text[i] in " \t\r\n" else i
                if j >= n or text[j] != "{":
                    raise Unsupported("an accent without braces")
                k = text.find("}", j)
                body = text[j + 1 : k]
                if k < 0 or "\\" in body or "{" in body:
                    raise Unsupported("an accent's argument")
                out.append(("accent", _accent_name(name, body)))
                i = k + 1
            elif ("\\" + name) in REL:
                out.append(("rel", "\\" + name))
            else:
                out.append(("cmd", name))
        elif MATRIX_MARK <= c < chr(ord(MATRIX_MARK) + 256):  # a matrix read already
            out.append(("matrix", ord(c) - ord(MATRIX_MARK)))
            i += 1
        elif c == "^" and text.startswith(_AFTER_CARET, i + 1):
            raise Unsupported("a transpose or degree sign")
        elif c in "+-*/()[]{}^_,|":
            out.append(("op", c))
            i += 1
        elif c in "=<>":
            if text.startswith(("==", "<=", ">=", "<-", "<->", "<=>"), i):
                raise Unsupported("a compound relation")
            out.append(("rel", c))
            i += 1
        else:
            raise Unsupported(f"the character {c!r}")
    if len(raw) < len(out):
        raw.append(text[start:i])
    return out, raw


def _accent_name(cmd: str, body: str) -> str:
    body = body.replace(" ", "")
    if cmd in ("bar", "overline"):
        cmd = "bar"
    elif cmd in ("vec", "overrightarrow"):
        cmd = "vec"
    elif cmd in ("tilde", "widetilde"):
        cmd = "tilde"
    elif "math" in cmd:
        cmd = "math"
    return f"{cmd}{{{body}}}"
