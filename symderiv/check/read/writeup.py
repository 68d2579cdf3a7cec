r"""An answer written as a sentence of a write-up: several ``$…$`` formulas joined by words.

    write-up  := [lead-in] formula { joiner formula } [tail] ["."]
               | given formula ("," | ":" | ".") [lead-in] formula …    (a definition first)
    lead-in   := words without math meaning ["," | ":"]     "so", "Differentiating again,"
    given     := "with" | "where" | "let" | "given" | "using" | "for" | "if" | "when"
    formula   := "$" latex "$" | "$$" latex "$$"
    joiner    := [","|";"] { connector } [","]        if, for, when, where, and, or, with, for all
    tail      := { connector | "otherwise" | "else" }  ($0$ otherwise)
    remark    := [","] ("i.e." | "ie" | "that is" | "which is" | "(") …   the rest not read

A lead-in is not read (it is shown back as not read, by "read as"); a word of it that could
carry math (minus, half, inverse, …) makes no joined text. "with $e = x̂ − x$: $2e$" is
read as "$2e$ where $e = x̂ − x$", "for $n \ge L$, $y = 0$" as "$y = 0$ for $n \ge L$".
The words become the ``\text{…}`` the LaTeX reader already reads as cases in words
(``A \text{ if } C, B \text{ otherwise}``), where-clauses and ranges (``\text{ for } n \ge
0``); a remark after "i.e." is not read (what was read is shown back as "read as"). Any
other word between formulas makes no joined text: the answer stays unreadable, naming the
'$', rather than a word being read as a quantity.
"""

from __future__ import annotations

import re

CONNECTORS = ("if", "for", "when", "where", "and", "or", "with", "all", "every", "otherwise",
              "else", "elsewhere", "whenever", "for all")  # fmt: skip
_REMARK = re.compile(r"^[,;]?\s*(?:i\.\s*e\.?|ie\b|that is\b|which is\b|\()", re.I)
_DOLLARS = re.compile(r"(?<!\\)\$\$?")


def write_up(text: str) -> str | None:
    """The formulas of a write-up sentence joined as one LaTeX text, or None when ``text``
    is not one (fewer than two formulas, unbalanced dollars, or words that are no joiner)."""
    parts = _DOLLARS.split(text.strip())
    if len(parts) < 3 or len(parts) % 2 == 0:
        return None
    prose, math = parts[0::2], parts[1::2]
    if any(not m.strip() for m in math):
        return None
    lead = prose[0].strip()
    if lead and (given := _given(lead)) and len(math) > 1 and _separator(prose[1]):
        # "with $e = …$: $answer$": the definition (or condition) joins after the answer
        head = write_up(_rejoin(prose[2:], math[1:]))
        if head is None:
            return None
        return f"{head} \\text{{ {given} }} {math[0].strip()}"
    if lead and not _lead_in(lead):
        return None
    if len(math) == 1:
        tail = prose[-1].strip().rstrip(".").strip()
        return math[0].strip() if not tail or _REMARK.match(tail) else None
    out = math[0].strip()
    for words, formula in zip(prose[1:-1], math[1:], strict=True):
        if _REMARK.match(words.strip()):
            return out  # the remark (and all after it) is not read
        joined = _joiner(words)
        if joined is None:
            return None
        last = formula is math[-1] and re.search(r"\b(otherwise|else|elsewhere)\b", prose[-1])
        if joined.replace(" ", "") in (r"\text{and}", r",\text{and}") and ("=" in formula or last):
            joined = ","  # … and $c_0 = …$; … and $0$ otherwise: a statement, a row of its own
        out += f" {joined} {formula.strip()}"
    tail = prose[-1].strip().rstrip(".").strip()
    if tail and not _REMARK.match(tail):
        joined = _joiner(tail)
        if joined is None:
            return None
        out += f" {joined}"
    return out


def _joiner(words: str) -> str | None:
    """The LaTeX of the words between two formulas: punctuation kept, each connector a
    ``\\text{…}``; None when a word is no connector."""
    out = []
    for tok in re.findall(r"[,;]|[A-Za-z]+", words):
        if tok in ",;":
            out.append(tok)
        elif tok.lower() in CONNECTORS:
            out.append(rf"\text{{ {tok.lower()} }}")
        else:
            return None
    rest = re.sub(r"[,;A-Za-z\s]", "", words)
    if rest:  # a mark that is neither a word nor a separator
        return None
    return " ".join(out)


#: words of a lead-in that could carry math: a lead-in with one of them is not dropped
_MATH_WORDS = frozenset(
    """minus plus negative negated not no half twice double triple times over divided inverse
    inverted transpose transposed square squared root sqrt cube sum product sign opposite
    reciprocal zero one two three less more than without except approximately about""".split()  # noqa: SIM905
)
_GIVEN = {"with": "where", "where": "where", "let": "where", "given": "where", "using": "where",
          "for": "for", "if": "if", "when": "when"}  # fmt: skip


def _lead_in(words: str) -> bool:
    """Words before the only or first formula that say nothing about its value."""
    if re.search(r"[^A-Za-z\s,.:;'-]", words):
        return False
    return not any(w.lower() in _MATH_WORDS for w in re.findall(r"[A-Za-z]+", words))


def _given(words: str) -> str | None:
    """The connector a leading definition or condition is joined with, or None."""
    m = re.fullmatch(r"(?:[A-Za-z]+\s*,?\s*)*?(with|where|let|given|using|for|if|when)", words,
                     flags=re.I)  # fmt: skip
    if m is None or not _lead_in(words):
        return None
    return _GIVEN[m.group(1).lower()]


def _separator(words: str) -> bool:
    """The words after a leading definition end it: ',', ':' or '.', then a lead-in."""
    m = re.match(r"\s*[,:.;]\s*(.*)$", words, flags=re.S)
    return m is not None and (not m.group(1).strip() or _lead_in(m.group(1)))


def _rejoin(prose: list, math: list) -> str:
    out = ""
    for n, m in enumerate(math):
        out += f"${m}$" + (prose[n] if n < len(prose) else "")
    return out
