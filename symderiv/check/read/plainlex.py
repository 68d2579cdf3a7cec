"""The tokens of :mod:`.plain`: what each mark and word typed in an answer box is (σ, sigma
and \\sigma alike; ỹ and y~; ², ᵀ, ⁻¹; ∑, ∂, √, ⊙), and the lexer that cuts a text into them,
every character accounted for."""

from __future__ import annotations

import re
import unicodedata

from ...errors import UnreadableLatexError

GREEK_WORDS = frozenset(
    """alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda
    mu nu xi pi rho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi
    Pi Sigma Phi Psi Omega""".split()  # noqa: SIM905
)
_GREEK_CHARS = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda",
    "μ": "mu", "µ": "mu", "ν": "nu", "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma",
    "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
    "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Φ": "Phi", "Ψ": "Psi",
    "Ω": "Omega", "∇": "nabla",
}  # fmt: skip
#: words that name a function: the LaTeX each is written as
FUNCTIONS = {
    "exp": r"\exp", "log": r"\log", "ln": r"\ln", "tanh": r"\tanh", "sinh": r"\sinh",
    "cosh": r"\cosh", "sin": r"\sin", "cos": r"\cos", "tan": r"\tan", "max": r"\max",
    "min": r"\min", "diag": r"\operatorname{diag}", "softmax": r"\operatorname{softmax}",
    "tr": r"\operatorname{tr}", "det": r"\det", "erf": r"\operatorname{erf}",
    "sign": r"\operatorname{sign}", "sgn": r"\operatorname{sign}", "clip": r"\operatorname{clip}",
}  # fmt: skip
_WORDS = {"eps": r"\epsilon", "inf": r"\infty", "infty": r"\infty", "infinity": r"\infty",
          "grad": r"\nabla", "nabla": r"\nabla"}  # fmt: skip
_DECOR = {"\u0303": "tilde", "\u0302": "hat", "\u0304": "bar", "\u20d7": "vec"}
_OPS = {"*": r"\cdot", "·": r"\cdot", "×": r"\cdot", "⋅": r"\cdot", "⊙": r"\odot",
        "∘": r"\odot", "⊗": r"\otimes"}  # fmt: skip
_REL = {"=": "=", "==": "=", "≠": r"\neq", "!=": r"\neq", "≤": r"\le", "<=": r"\le",
        "≥": r"\ge", ">=": r"\ge", "<": "<", ">": ">", "⇒": r"\Rightarrow",
        "=>": r"\Rightarrow", "≈": r"\approx"}  # fmt: skip
_SUP = {"²": "2", "³": "3", "⁴": "4", "ⁿ": "n", "ᵀ": "T", "⊤": "T", "⁻¹": "-1"}
#: a layer's label typed in superscripts, W⁽²⁾: one token, read as ^{(2)}
_SUP_LABEL = re.compile(r"⁽([⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾")
_SUP_DIGITS = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789"))
_FRACTIONS = {"½": r"\frac{1}{2}", "⅓": r"\frac{1}{3}", "¼": r"\frac{1}{4}", "¾": r"\frac{3}{4}"}
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₗₘₙₜ", "0123456789ijklmnt"))
_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<number>\d+(?:\.\d+)?)
      | (?P<word>[A-Za-z]+)
      | (?P<rel>==|!=|<=|>=|=>|[=≠≤≥<>⇒≈])
      | (?P<sup>⁻¹|⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾|[²³⁴ⁿᵀ⊤])
      | (?P<sub>[₀-₉ᵢⱼₖₗₘₙₜ]+)
      | (?P<dots>\.\.\.|…|⋯)
      | (?P<punct>\|\||[-−+*·×⋅⊙∘⊗/^_'′(){}\[\],;.|‖√∑Σ∂~!𝟙])
    """,
    re.X,
)


class PlainError(UnreadableLatexError):
    """Plain text the grammar has no rule for (the position is in the text as typed)."""


def looks_plain(text: str) -> bool:
    """Typed, not LaTeX: no backslash command and no dollar-delimited math."""
    return "\\" not in text and "$" not in text and bool(text.strip())


def _split_marks(text: str) -> str:
    """ỹ, x̂, ȳ as letter + combining mark (one decoration rule for both ways of typing
    them); every other character as typed (≠ stays ≠)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        out.append(d if len(d) == 2 and d[1] in _DECOR and d[0].isalpha() else ch)
    return "".join(out)


def _lex(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, value, start, end) of every token; spaces are kept only as gaps."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch in _DECOR and out and out[-1][0] in ("word", "greek"):
            kind, val, pos, _ = out.pop()
            out.append(("decorated", f"\\{_DECOR[ch]}{{{_name_tex(kind, val)}}}", pos, i + 1))
            i += 1
            continue
        if ch in _GREEK_CHARS:
            out.append(("greek", _GREEK_CHARS[ch], i, i + 1))
            i += 1
            continue
        if ch in _FRACTIONS:
            out.append(("fraction", _FRACTIONS[ch], i, i + 1))
            i += 1
            continue
        m = _TOKEN.match(text, i)
        if m is None:
            raise PlainError(f"I do not know the mark '{ch}'", text, i)
        kind = m.lastgroup
        if kind != "space":
            out.append((kind, m.group(), i, m.end()))
        i = m.end()
    out.append(("end", "", len(text), len(text)))
    return out


def _name_tex(kind: str, val: str) -> str:
    if kind == "greek" or (kind == "word" and val in GREEK_WORDS):
        return "\\" + val
    return val


def _decorated_word(val: str) -> str | None:
    """ybar, xhat, ytilde, muhat: a letter (or Greek word) with its decoration spelled out."""
    m = re.fullmatch(r"([A-Za-z]|" + "|".join(sorted(GREEK_WORDS)) + r")(bar|hat|tilde)", val)
    if m is None:
        return None
    base = m.group(1)
    return f"\\{m.group(2)}{{{_name_tex('word', base)}}}"


def _number_table(toks) -> str | None:
    """Rows of numbers, as typed without LaTeX: ``1 2 3; 4 5 6`` or ``[[1, 2], [3, 4]]``."""
    vals = [t[1] for t in toks[:-1]]
    text = " ".join(vals)
    nums = r"-?\d+(?:\.\d+)?"
    rows = None
    if vals[:2] == ["[", "["] and vals[-2:] == ["]", "]"]:
        inner = text[2:-2].strip()
        rows = [r.strip(" ,[]") for r in re.split(r"\]\s*,\s*\[", inner)]
        rows = [[c.replace(" ", "") for c in r.split(",")] for r in rows]
    elif ";" in vals and all(v in ";-−" or re.fullmatch(r"\d+(?:\.\d+)?", v) for v in vals):
        rows = [re.findall(r"[-−]?\s*\d+(?:\.\d+)?", r) for r in text.split(";")]
        rows = [[c.replace(" ", "").replace("−", "-") for c in r] for r in rows]
    if not rows or not all(rows) or len({len(r) for r in rows}) != 1:
        return None
    if not all(re.fullmatch(nums, c) for r in rows for c in r):
        return None
    body = r" \\ ".join(" & ".join(r) for r in rows)
    return r"\begin{bmatrix} " + body + r" \end{bmatrix}"


def sup_text(val: str) -> str:
    """A superscript token's text: ² → 2, ᵀ → T, ⁽²⁾ → (2)."""
    m = _SUP_LABEL.fullmatch(val)
    if m:
        return "(" + "".join(_SUP_DIGITS[c] for c in m.group(1)) + ")"
    return _SUP[val]


#: words of a remark: English, never a quantity or an operation of the notation
_PROSE = frozenset(
    re.findall(
        r"\w+",
        """the of in is are at on for with outside inside where
    which that this here there read as and or not zero when otherwise jacobian gradient derivative
    using since because see note entries entry range valid only any all each every""",
    )
)
_NAMES = FUNCTIONS.keys() | GREEK_WORDS | {"sqrt", "relu", "sigmoid", "diag", "softmax", "sum"}


def prose(words: list) -> bool:
    """Words of a sentence: one English word of the list, or two lower-case words of four
    letters or more that name nothing of the notation."""
    long = [w for w in words if len(w) > 3 and w.islower() and w not in _NAMES]
    return any(w.lower() in _PROSE for w in words) or len(long) >= 2


def index_run(toks: list, i: int, end: int) -> tuple[str, int]:
    """(the rest of a subscript, the next token) at ``toks[i]``: o_t,k and c_t-1,k, a
    subscript typed without braces, goes on while its marks touch, when a comma and one
    more index letter or number follow (h_t-1 alone stays h_t − 1)."""
    out = ""
    while True:
        run, k, at = [], i, end
        while toks[k][2] == at and toks[k][1] in ("-", "−", "+"):
            sign, num = toks[k], toks[k + 1]
            if num[0] != "number" or num[2] != sign[3]:
                break
            run += ["-" if sign[1] == "−" else sign[1], num[1]]
            at, k = num[3], k + 2
        comma, nxt = toks[k], toks[min(k + 1, len(toks) - 1)]
        if not (comma[1] == "," and comma[2] == at and nxt[2] == comma[3]):
            return out, i
        if not (nxt[0] == "number" or (nxt[0] == "word" and len(nxt[1]) <= 2)):
            return out, i
        out += "".join(run) + "," + nxt[1]
        i, end = k + 2, nxt[3]
