r"""An answer written as a sentence of a write-up: several ``$…$`` formulas joined by words.

    write-up  := [prose] formula { joiner formula } [tail] ["."]
    formula   := "$" latex "$" | "$$" latex "$$"
    joiner    := [","|";"] { connector } [","]        if, for, when, where, and, or, with, for all
    tail      := { connector | "otherwise" | "else" }  ($0$ otherwise)
    remark    := [","] ("i.e." | "ie" | "that is" | "which is" | "(") …   the rest not read

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
    if len(parts) < 5 or len(parts) % 2 == 0:
        return None
    prose, math = parts[0::2], parts[1::2]
    if prose[0].strip() or any(not m.strip() for m in math):
        return None
    out = math[0].strip()
    for words, formula in zip(prose[1:-1], math[1:], strict=True):
        if _REMARK.match(words.strip()):
            return out  # the remark (and all after it) is not read
        joined = _joiner(words)
        if joined is None:
            return None
        if joined.replace(" ", "") in (r"\text{and}", r",\text{and}") and "=" in formula:
            joined = ","  # … for $k \ge 1$ and $c_0 = …$: a statement of its own
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
