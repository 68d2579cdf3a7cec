r"""Spellings of sums and derivatives that other writers produce, as the course writes them:
SymPy's plain latex() of σ'(ỹ_k) and of an entrywise function, and sums over a range
(``\sum_{1 \le j \le n}``, SymPy's ``\substack`` of two ranges)."""

from __future__ import annotations

import re

from ...errors import UnreadableLatexError

_LE = r"(?:\\leq?|\\leqslant|<=|≤)"
_RANGE = re.compile(rf"^\s*(.+?)\s*{_LE}\s*([A-Za-z]\w*)\s*{_LE}\s*(.+?)\s*$", re.S)


def range_sums(text: str) -> str:
    r"""``\sum_{1 \le j \le n}`` as ``\sum_{j=1}^{n}``; ``\sum_{\substack{r_1 \\ r_2}}`` (two
    ranges, as SymPy prints a double sum) as one sum inside the other."""
    out, i = [], 0
    for m in re.finditer(r"\\(sum|prod)\s*_\s*\{", text):
        if m.start() < i:
            continue
        end = group(text, m.end() - 1)
        inner = text[m.end() : end - 1].strip()
        sub = re.fullmatch(r"\\substack\s*\{(.*)\}", inner, re.S)
        ranges = re.split(r"\\\\", sub.group(1)) if sub else [inner]
        found = [_RANGE.match(r) for r in ranges]
        if not all(found) or (not sub and re.search(r"(?<![<>])=", inner)):
            continue
        op = m.group(1)
        out += [text[i : m.start()]]
        out += [f"\\{op}_{{{f.group(2)}={f.group(1)}}}^{{{f.group(3)}}} " for f in found]
        i = end
    return "".join(out) + text[i:] if out else text


_SUBS = re.compile(
    r"\\frac\{d\}\{d\s*([A-Za-z])\}\s*(\\mathrm\{\w+\}|\\?[A-Za-z]+)\s*\(\s*([A-Za-z])\s*\)\s*\|_\{"
    r"\s*\\substack\{\s*([A-Za-z])\s*="
)
_LAMBDA = re.compile(r"\(\s*([A-Za-z])\s*\\mapsto\s*")


def sympy_spellings(text: str) -> str:
    r"""SymPy's plain latex() of σ'(ỹ_k), ``\left. \frac{d}{d u} σ(u) \right|_{\substack{u =
    \tilde{y}_k}}``, as σ'(ỹ_k); and of an entrywise function, ``(u \mapsto F(u))_{\circ}(x)``,
    as F(x)."""
    m = _SUBS.search(text)
    while m is not None and len({m.group(1), m.group(3), m.group(4)}) == 1:
        start = m.end()
        inner_open = text.rfind("{", 0, start)  # the \substack's {
        close = group(text, inner_open)
        point = text[start : close - 1].strip()
        end = close
        while end < len(text) and text[end] == " ":
            end += 1
        if not text.startswith("}", end):
            break
        name = r"\sigma" if m.group(2) in (r"\mathrm{sigmoid}", "sigmoid") else m.group(2)
        text = text[: m.start()] + f"{name}'({point})" + text[end + 1 :]
        m = _SUBS.search(text)
    m = _LAMBDA.search(text)
    while m is not None:
        open_at = m.start()
        close = group(text, open_at)
        braced = text[:open_at].rstrip().endswith("{") and text[close:].lstrip().startswith("}")
        if braced:  # {(u \mapsto …)}_{\circ}
            open_at = text[:open_at].rstrip().rfind("{")
            close = text.index("}", close) + 1
        tail = re.match(r"\s*_\s*\{\s*\\circ\s*\}\s*", text[close:])
        if tail is None or not text.startswith("(", close + tail.end()):
            break
        arg_end = group(text, close + tail.end())
        arg = "(" + text[close + tail.end() + 1 : arg_end - 1].strip() + ")"
        body = text[m.end() : text.rindex(")", 0, close)].strip()
        body = re.sub(rf"(?<![A-Za-z\\]){m.group(1)}(?![A-Za-z])", arg.replace("\\", "\\\\"), body)
        text = text[:open_at] + "(" + body + ")" + text[arg_end:]
        m = _LAMBDA.search(text)
    return text


def group(text: str, i: int) -> int:
    """Index just past the balanced group opening at text[i] ('{', '(' or '[')."""
    open_c = text[i]
    close_c = {"{": "}", "(": ")", "[": "]"}[open_c]
    depth = 0
    j = i
    while j < len(text):
        if text[j] == "\\" and j + 1 < len(text):
            j += 2
            continue
        if text[j] == open_c:
            depth += 1
        elif text[j] == close_c:
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise UnreadableLatexError(f"unbalanced '{open_c}'", text, i)


_ARRAY_CASES = re.compile(r"\\\{\s*\\begin\{array\}\s*\{[lcr|\s]*\}(.*?)\\end\{array\}", re.S)


def array_cases(text: str) -> str:
    r"""A brace before an array of two columns (``\left\{\begin{array}{ll} … \end{array}
    \right.``, as converters write cases) read as the cases it is."""
    return _ARRAY_CASES.sub(lambda m: r"\begin{cases}" + m.group(1) + r"\end{cases}", text)
