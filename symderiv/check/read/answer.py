"""LaTeX in: answers as students write them, read into SymPy in the problem's notation. A
brace-aware scanner lifts out what ``latex2sympy2_extended`` does not know (∂-fractions,
primes σ'(u), transposes x^T, ``cases``), reading their parts recursively; the grammar (symbol
case preserved) parses the arithmetic left; names are mapped to the problem's symbols (W_{ki}
→ W[k, i], δ_{ki} → δ(k, i), \\sigma → σ). Nothing here evaluates user text as code."""

from __future__ import annotations

import re
from collections import ChainMap
from dataclasses import dataclass

import sympy as sp
from sympy.core.function import AppliedUndef

from ...errors import UnreadableLatexError
from ...ops.functions import sigmoid
from .brackets import TRANSPOSED as _TRANSPOSED
from .brackets import after_closing
from .clauses import where_clause
from .ellipsis import DOTS, ellipses
from .forms import (
    ATOM,
    EntryOf,
    Scan,
    answer_text,
    bracket_entry,
    brackets_as_calls,
    converter_forms,
    derivative,
    labelled_entry,
    lifted,
    unpunctuated,
)
from .lexical import GREEK as _GREEK
from .lexical import (
    ONES_T,
    cases_end,
    conditional_cases,
    first_empty,
    matrix_words,
    sig_digits,
)
from .lexical import group as _group
from .lexical import guard as _guard
from .lexical import split_top as _split_top
from .lexical import strip_spacing as _strip_spacing
from .norms import at_arguments, extremum_at, norm_at
from .notation import (
    ONES,
    BasisOf,
    DefinedFunction,
    DiagOf,
    IdentityOf,
    Notation,
    Transposed,
    WholeDerivative,  # noqa: F401 (the judge's, from here)
    map_names,
    norm,
    rebuild_logic,
)
from .parse import parse
from .plain import PlainError, looks_plain
from .plain import to_latex as plain_latex

TRANSPOSE = ("T", "{T}", r"\top", r"{\top}", r"\intercal", r"{\intercal}", r"{\mathsf{T}}")
_MATRIX_WORDS = {
    r"\mathrm{diag}": DiagOf,
    r"\mathrm{Identity}": IdentityOf,
    r"\mathrm{basis}": BasisOf,
    r"\mathrm{group}": lambda e: e,  # an operand of ⊙, kept whole
    # SymPy's plain latex() of the engine's own matrices
    r"\mathrm{DiagMatrix}": DiagOf,
    r"\mathrm{BasisVector}": lambda k, size=None: BasisOf(k),
}
_MATHRM = re.compile(r"\\mathrm\{([A-Za-z]+)\}")
_PLACEHOLDER = r"\Xi_{%d}"
_PH_BASE = 90001
_AND = (r"\wedge", r"\land", r"\text{and}", r"\text{ and }")


# -- the reading ---------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """What one answer says: a chain ``sides[0] = sides[1] = …`` (``approx``: ≈ was used)."""

    sides: tuple
    approx: bool = False
    #: significant figures of an approximate number (0.4 → 1), for the tolerance
    digits: int | None = None
    #: assignments ``a = b = 3, c = 4`` as (symbol, value) pairs, when that is what it says
    assignments: tuple = ()
    #: sides that could not be read, as (side number, error); only a left side may be
    unread: tuple = ()
    #: the text of each side, as written
    texts: tuple = ()
    #: every decimal written, as (exact value, significant figures): 0.707 → (707/1000, 3)
    decimals: tuple = ()


def read(latex: str, notation: Notation | None = None) -> Reading:
    """Read one answer (possibly ``a = b = c`` or ``\\approx v``); typed plain text
    (``sigma'(y~_k)*delta_ik``, σ δ λ ∑ ∂) through the grammar of :mod:`.plain` first."""
    _guard(latex)  # the length and nesting bounds, before any reading
    if not looks_plain(latex):
        return _read(latex, notation)
    try:
        typed = plain_latex(latex)
    except PlainError as exc:
        try:  # plain to look at, yet LaTeX the plain grammar does not cover
            reading = _read(latex, notation)
        except UnreadableLatexError:
            raise exc from None
        if reading.unread:  # a side neither grammar reads: the plain grammar's reason
            raise exc from None
        return reading
    return _read(typed, notation)


def _read(latex: str, notation: Notation | None = None) -> Reading:
    notation = notation or Notation()
    _guard(latex)
    text = converter_forms(answer_text(latex), notation)  # $…$, a final '.', ⇒; \mathbf{x}
    text, notation = where_clause(text, notation, lambda t, n: read_expr(t, n, latex), latex)
    if text.count("=") >= 2:  # "w_1 = w_2 = -2 \quad b = 3": a wide space separates statements
        text = text.replace(r"\qquad", ";").replace(r"\quad", ";")
    text = _strip_spacing(text)
    text = conditional_cases(text, _split_top(text, (",", ";")))
    statements = _split_top(text, (",", ";"))
    if len(statements) > 1 and all(_split_top(s, ("=",), keep_empty=True)[1:] for s in statements):
        pairs = []
        for s in statements:
            parts = [read_expr(p, notation, latex) for p in _split_top(s, ("=",))]
            value = parts[-1]
            pairs += [(p, value) for p in parts[:-1]]
        return Reading(sides=(), assignments=tuple(pairs))
    approx = r"\approx" in re.sub(r"\\begin\{cases\}.*?\\end\{cases\}", "", text, flags=re.S)
    parts = _split_top(text, ("=", r"\approx", r"\leftarrow", r"\gets"), keep_empty=True)
    if approx and not parts[0].strip():
        parts = parts[1:]
    if any(not p.strip() for p in parts):
        raise UnreadableLatexError("empty side of a relation", latex, first_empty(text))
    sides, unread = [], []
    for n, p in enumerate(parts):
        try:
            if len(_split_top(p, (r"\wedge", r"\land"))) > 1:  # a set, as its conditions
                sides.append(_condition(p, notation, latex))
            else:
                sides.append(read_expr(p, notation, latex))
        except UnreadableLatexError as exc:
            if n > 0 or len(parts) < 2:
                raise
            sides.append(None)  # the left side only names the quantity: note it, go on
            unread.append((n, str(exc)))
    entry = bracket_entry(parts[0], notation, lambda t: read_expr(t, notation, latex))
    if entry is not None and len(parts) > 1:  # [∂y_k/∂W]_{ij} = v: v is entry (i, j)
        unread = [u for u in unread if u[0] != 0 or entry[0] is None]
        sides = [entry[0]] + [s if s is None else EntryOf(s, *entry[1]) for s in sides[1:]]
    # a bare decimal (0.399, 0.40) is a rounded value: right when the exact value rounds to
    # it at the digits written, with or without \approx
    if not approx and re.fullmatch(r"\s*-?\d*\.\d+\s*", parts[-1]):
        approx = True
    digits = sig_digits(parts[-1]) if approx else None
    decimals = tuple(
        (sp.Rational(d), sig_digits(d)) for d in re.findall(r"(?<![\w.])\d*\.\d+", text)
    )
    return Reading(
        sides=tuple(sides),
        approx=approx,
        digits=digits,
        unread=tuple(unread),
        texts=tuple(parts),
        decimals=decimals,
    )


def read_expr(latex: str, notation: Notation | None = None, whole: str | None = None):
    """Read one expression (no top-level relation)."""
    notation = notation or Notation()
    whole = whole if whole is not None else latex
    _guard(latex)
    if not _ENCLOSING:
        _NEXT[0] = 0  # a reading's placeholders are numbered from here, nested reads' too
    held: dict[str, sp.Basic] = {}
    _ENCLOSING.append(held)
    try:
        text = brackets_as_calls(_strip_spacing(latex), notation)  # u[n]: u(n)
        if DOTS.search(text):  # x_1 + x_2 + \dots + x_N: the Σ it stands for
            read = lambda t: read_expr(t, notation, whole)  # noqa: E731
            text = ellipses(text, read, lambda o: _hold(held, o), whole, _split_top)
        text = _lift(matrix_words(text, notation.names), notation, held, whole)
        if not text.strip():
            raise UnreadableLatexError("empty expression", whole, 0)
        if "'" in text:  # every prime the reader knows was lifted above (σ'(u), f_3'(y))
            _stray_prime(text, whole)
        expr = parse(text, whole, latex)
        return map_names(expr, notation, ChainMap(*reversed(_ENCLOSING)))
    finally:
        _ENCLOSING.pop()


#: the placeholders of the reads this one is nested in (a part read again sees them), and
#: the next placeholder's number: unique within a reading, so no nested read takes an outer
#: placeholder for one of its own (a Σ from \dots once read as β₁ that way)
_ENCLOSING: list = []
_NEXT = [0]


def _stray_prime(text: str, whole: str):
    """A prime the reader gives no meaning to (W_{ki}', σ(u)'): unreadable, naming it,
    never dropped (the grammar below would read W' as W)."""
    at = text.index("'")
    before = re.sub(r"\\Xi_\{\d+\}", "…", text[:at]).strip()[-12:]
    raise UnreadableLatexError(
        f"a prime after '{before}' that marks nothing I know (a prime is the derivative of "
        "a function of one argument: σ'(u), f'(x))",
        whole,
        whole.find("'") if whole.count("'") == 1 else None,
    )


# -- lifting the structures latex2sympy does not read -------------------------------


def _hold(held: dict, obj) -> str:
    key = _PLACEHOLDER % (_PH_BASE + _NEXT[0])
    _NEXT[0] += 1
    held[norm(key)] = obj
    return " " + key + " "


_DECORATION = re.compile(
    r"\s*\^\s*\{\s*\\(?:text|mathrm|textrm|rm|mathit)\s*\{?\s*([A-Za-z]+)\s*\}?\s*\}"
)


def _lift(text: str, notation: Notation, held: dict, whole: str) -> str:
    scan = Scan(notation, whole, lambda t: read_expr(t, notation, whole), lambda o: _hold(held, o))
    out = []
    i = 0
    while i < len(text):
        if text.startswith(r"\frac", i):
            j = i + len(r"\frac")
            while j < len(text) and text[j] == " ":
                j += 1
            if j < len(text) and text[j] == "{":
                k = _group(text, j)
                num = text[j + 1 : k - 1].strip()
                m = k
                while m < len(text) and text[m] == " ":
                    m += 1
                if m < len(text) and text[m] == "{":
                    e = _group(text, m)
                    den = text[m + 1 : e - 1].strip()
                    d = derivative(num, den, scan)
                    if d is not None:
                        d, e = at_arguments(d, text, e, lambda t: read_expr(t, notation, whole))
                        out.append(_hold(held, d))
                        i = e
                        continue
        hit = lifted(text, i, scan)  # softmax(z), y/p of vectors, ∇f(θ): the forms' rules
        if hit is not None:
            out.append(hit[0])
            i = hit[1]
            continue
        normed = norm_at(text, i, notation, whole, lambda t: read_expr(t, notation, whole))
        normed = normed or extremum_at(text, i, lambda t: read_expr(t, notation, whole))
        if normed is not None:  # ‖x‖, ‖x‖₂: the problem's norm, or √(Σ x_k²) of its vector
            out.append(_hold(held, normed[0]))
            i = normed[1]
            continue
        bracket = _iverson(text, i, notation, whole)
        if bracket is not None:  # [k = i], \mathbb{1}[a_i > 0], \mathbb{1}_{\{i = k\}}
            cond, end = bracket
            out.append(_hold(held, sp.Piecewise((sp.S.One, cond), (sp.S.Zero, True))))
            i = end
            continue
        if text.startswith(r"\begin{cases}", i):
            end = cases_end(text, i)
            if end < 0:
                raise UnreadableLatexError("\\begin{cases} without \\end{cases}", whole, i)
            body = text[i + len(r"\begin{cases}") : end]
            out.append(_hold(held, _cases(body, notation, whole)))
            i = end + len(r"\end{cases}")
            continue
        m = _MATHRM.match(text, i)
        if m is not None:  # \mathrm{NAME}(…): diag, I, e_k, erf, or the problem's function
            word, j = m.group(0), m.end()
            power = re.match(r"\s*\^\s*(\{[^{}]*\}|[0-9A-Za-z])\s*(?=\()", text[j:])
            if power:  # \operatorname{sech}^2(a): the power of the application
                j += power.end()
            while j < len(text) and text[j] == " ":
                j += 1
            if j < len(text) and text[j] == "(":
                e = _group(text, j)
                args = [
                    read_expr(a, notation, whole) for a in _split_top(text[j + 1 : e - 1], (",",))
                ]
                fn = _MATRIX_WORDS.get(word) or notation.function(word) or sp.Function(word)
                if fn is DiagOf and len(args) > 1:  # diag(a, b, c): of the column (a, b, c)
                    args = [sp.ImmutableMatrix(args)]
                value = fn(*args)
                if power:
                    value = value ** read_expr(power.group(1).strip("{}"), notation, whole)
                if tr := _TRANSPOSED.match(text, e):  # diag(o)ᵀ, group(W)ᵀ: kept, never dropped
                    value, e = Transposed(value), tr.end()
                out.append(_hold(held, value))
                i = e
                continue
            if word in _MATRIX_WORDS:
                raise UnreadableLatexError(f"{m.group(1)} without its argument in ( )", whole, i)
        ones = ONES_T.match(text, i)
        if ones:  # 1ᵀ: the vector of ones as a row
            out.append(_hold(held, Transposed(ONES)))
            i = ones.end()
            continue
        m = ATOM.match(text, i)
        if m and (i == 0 or not text[i - 1].isalpha() or text[i] == "\\"):
            atom = m.group(0)
            j = m.end()
            # f'(u), \sigma'(u)
            if j < len(text) and text[j] == "'":
                k = j + 1
                while k < len(text) and text[k] == " ":
                    k += 1
                fn = notation.function(atom, primed=True) or (
                    sp.Function(norm(atom)) if re.fullmatch(r"[a-z](_\S+)?", norm(atom)) else None
                )
                if fn is not None and k < len(text) and text[k] == "(":
                    e = _group(text, k)
                    arg = read_expr(text[k + 1 : e - 1], notation, whole)
                    u = sp.Dummy("u")
                    value = sp.Subs(sp.Derivative(fn(u), u), u, arg)
                    if tr := _TRANSPOSED.match(text, e):  # σ'(x)ᵀ: the row, kept
                        value, e = Transposed(value), tr.end()
                    out.append(_hold(held, value))
                    i = e
                    continue
            labelled = labelled_entry(atom, text, j, notation, held)
            if labelled is not None:  # h^{(t)}_k, h_k^{(t)}, W^{(2)}: the problem's quantity
                obj, i = labelled
                out.append(_hold(held, obj))
                continue
            # θ_t^{\text{reg}}: a decorated name, not a power
            deco = _DECORATION.match(text, j)
            if deco:
                name = norm(atom) + "^{" + deco.group(1) + "}"
                obj = notation.names.get(name, sp.Symbol(name, real=True))
                out.append(_hold(held, obj))
                i = deco.end()
                continue
            # x^T, W^{\top}
            if text.startswith("^", j):
                rest = text[j + 1 :].lstrip()
                vector = notation.dims.get(notation.names.get(norm(atom)), 0) > 0  # w^Tx: wᵀx
                for t in TRANSPOSE:
                    if rest.startswith(t) and not (t == "T" and rest[1:2].isalnum() and not vector):
                        base = read_expr(atom, notation, whole)
                        out.append(_hold(held, Transposed(base)))
                        i = len(text) - len(rest) + len(t)
                        break
                else:
                    sup = re.match(r"\^\s*(?:\{[^{}]*\}|[0-9A-Za-z])", text[j:])
                    end = j + sup.end() if sup else j  # β^{t−j}(g_j)²: a power, then a bracket
                    out.append(atom + text[j:end])
                    if sup and _is_product_before_paren(atom, text, end, notation):
                        out.append(r" \cdot ")
                    i = end
                continue
            known = notation.names.get(norm(atom)) if atom.startswith("\\") else None
            if isinstance(known, sp.Symbol) and not text.startswith("_", j):
                # a Greek symbol of the problem (γ, β) is that symbol, never a function:
                # \gamma\sqrt{2\pi} is γ·√(2π), not Γ(√(2π))
                out.append(_hold(held, known))
                i = j
                continue
            call = _call(atom, text, j, notation, held, whole)
            if call is not None:  # u(n − k), y(n − 5): the problem's function, applied
                out.append(call[0])
                i = call[1]
                continue
            out.append(atom)
            if _is_product_before_paren(atom, text, j, notation):
                out.append(r" \cdot ")  # γ(…) is γ times (…), not Euler's Γ function
            i = j
            continue
        if text[i] in ")]":  # (…)ᵀ, (Xᵀr)_i, [XᵀDX]_{ij}
            reread = lambda t: _reparse(t, notation, held, whole)  # noqa: E731
            hit = after_closing(text, i, out, TRANSPOSE, notation, reread, lambda o: _hold(held, o))
            if hit is not None:
                out, i = hit
                continue
        out.append(text[i])
        i += 1
    return "".join(out)


_INDICATOR = re.compile(r"\\(?:mathbb|mathbf|mathds|mathbbm)\s*\{\s*1\s*\}|\\mathbb\s+1|\\one\b")
_RELATION = re.compile(r"(?<![<>!\\])=|\\neq?\b|\\ne\b|<|>|\\le(?:q)?\b|\\ge(?:q)?\b")


def _iverson(text: str, i: int, notation: Notation, whole: str):
    """An Iverson bracket at ``text[i]``: (condition, end) or None. Read: [k = i], [i \\neq j],
    \\mathbb{1}[a_i > 0], \\mathbb{1}(a_i > 0), \\mathbb{1}\\{k = i\\}, \\mathbb{1}_{\\{i = k\\}},
    \\mathbb{1}_{k = i}. A bracket without a relation inside ([x + 1]) is no indicator."""
    m = _INDICATOR.match(text, i)
    j = m.end() if m else i
    while j < len(text) and text[j] == " ":
        j += 1
    sub = m is not None and text.startswith("_", j)
    if sub:
        j += 1
        while j < len(text) and text[j] == " ":
            j += 1
    if text.startswith("\\{", j):
        close = text.find("\\}", j)
        if close < 0:
            return None
        inner, end = text[j + 2 : close], close + 2
        if sub and text.startswith("}", end):  # _{\{…\}}
            end += 1
    elif j < len(text) and text[j] in "[{(" and (m is not None or text[j] == "["):
        end = _group(text, j)
        inner = text[j + 1 : end - 1].strip()
        if inner.startswith("\\{") and inner.endswith("\\}"):
            inner = inner[2:-2]
    else:
        return None
    top = inner
    while top != (top := re.sub(r"\{[^{}]*\}", "", top)):
        pass
    if not _RELATION.search(top):
        return None  # only a relation outside braces: [g_i − Σ_{j=1}^n g_j] is a bracket
    return _condition(inner, notation, whole), end


def _call(atom: str, text: str, j: int, notation: Notation, held: dict, whole: str):
    """(placeholder, end) for the problem's own function applied, ``u(n - k)`` (the LaTeX
    reader takes a compound argument for a product: u·(n − k)), or None."""
    k = j
    while k < len(text) and text[k] == " ":
        k += 1
    obj = notation.function(atom) or notation.names.get(norm(atom))
    if k >= len(text) or text[k] != "(":
        return None
    if not (
        obj is sigmoid
        or isinstance(obj, DefinedFunction)
        or (isinstance(obj, type) and issubclass(obj, sp.Function))
    ):
        return None
    e = _group(text, k)
    args = [read_expr(a, notation, whole) for a in _split_top(text[k + 1 : e - 1], (",",))]
    return _hold(held, obj(*args)), e


def _is_product_before_paren(atom: str, text: str, j: int, notation: Notation) -> bool:
    """Is ``atom`` followed by '(' a quantity times a bracket (γ(1 − 1/n)), not a call?"""
    k = j
    while k < len(text) and text[k] == " ":
        k += 1
    if k >= len(text) or text[k] != "(":
        return False
    if notation.function(atom) is not None:
        return False
    name = norm(atom)
    if name in notation.names:  # the notation names it, and not as a function
        obj = notation.names[name]
        return not (isinstance(obj, type) and issubclass(obj, sp.Function))
    bare = atom.lstrip("\\").split("_")[0]
    # a Greek letter is a quantity; a plain letter (f, g, h) or a command is a call
    return atom.startswith("\\") and bare in _GREEK


def _reparse(text: str, notation, held, whole):  # a group read again: (…)ᵀ, (…)_i
    if "'" in text:
        _stray_prime(text, whole)
    return map_names(parse(text, whole, text), notation, ChainMap(*reversed(_ENCLOSING)))


def _cases(body: str, notation: Notation, whole: str) -> sp.Piecewise:
    rows = [r for r in _split_top(body, ("\\\\",)) if r.strip()]  # not a nested cases' rows
    pieces = []
    for row in rows:
        cells = _split_top(row, ("&",), keep_empty=True)
        if len(cells) < 2:
            raise UnreadableLatexError("a cases row without '&'", whole, whole.find(row.strip()))
        value, cond = cells[0], "&".join(cells[1:])
        value = re.sub(r"^\s*\\approx", "", value)  # \approx 0.71 & k ≥ 1: a rounded value
        pieces.append(
            (
                read_expr(unpunctuated(value.strip()), notation, whole),
                _condition(cond, notation, whole),
            )
        )
    out = sp.Piecewise(*pieces)  # (SymPy drops what earlier rows imply: 0 ≤ n after n < 0)
    if len(CASE_ROWS) > 4096:  # a long grading run: memory stays bounded
        CASE_ROWS.clear()
    CASE_ROWS[out] = tuple(pieces)
    return out


#: the rows of each cases answer read, as written (its Piecewise may have simplified them)
CASE_ROWS: dict = {}


def _condition(text: str, notation: Notation, whole: str):
    t = re.sub(r"\\text\{\s*(if|for|when|where)?\s*\}", " ", text)
    t = re.sub(r"\\text\{\s*(otherwise|else|elsewhere|sinon)\s*\}", " otherwise ", t)
    t = unpunctuated(t.replace(r"\mbox", r"\text").strip().strip(",")).strip()
    t = re.sub(r"^(if|for|when)\s+", "", t)
    if t in ("otherwise", "else", "") or t.startswith("otherwise"):
        return sp.true
    # n = 0, 1, 2, \dots, L-1   (a range written by enumeration)
    m = re.fullmatch(r"\s*([A-Za-z])\s*=\s*(-?\d+)\s*,.*\\(?:dots|ldots|cdots)\s*,\s*(.+)", t)
    if m:
        var = read_expr(m.group(1), notation, whole)
        lo, hi = sp.Integer(m.group(2)), read_expr(m.group(3), notation, whole)
        return sp.And(var >= lo, var <= hi)
    m = re.fullmatch(r"\s*([A-Za-z])\s*=\s*((?:-?\d+\s*,\s*)*-?\d+)\s*", t)
    if m and "," in m.group(2):
        var = read_expr(m.group(1), notation, whole)
        return sp.Or(*[sp.Eq(var, int(v)) for v in m.group(2).split(",")])
    if t.startswith("(") and _group(t, 0) == len(t):  # (n ≥ 0 ∨ n ≥ L − 1): one condition
        return _condition(t[1:-1], notation, whole)
    for op, words in ((sp.Or, (r"\vee", r"\lor", r"\text{or}")), (sp.And, _AND)):
        parts = _split_top(t, words)  # ∨ binds less tightly than ∧
        if len(parts) > 1:  # 0 \le n \wedge n \le L - 2
            return op(*[_condition(p, notation, whole) for p in parts])
    expr = read_expr(t, notation, whole)
    if not isinstance(expr, sp.logic.boolalg.Boolean | sp.core.relational.Relational):
        raise UnreadableLatexError(f"cannot read the condition {t!r}", whole, whole.find(t))
    if expr.atoms(AppliedUndef):
        raise UnreadableLatexError(
            f"the condition {t.strip()!r} names a function value; a condition on the variables "
            "is expected",
            whole,
            whole.find(t.strip()),
        )
    return rebuild_logic(expr)


#: the answers last read in this worker: a wrong one is read again for its diagnosis
_READ: dict = {}


def read_once(problem, latex: str, names: dict):
    """``read`` in the problem's notation with ``names``, remembered (a Reading is frozen)."""
    try:
        key = (id(problem), problem.id, latex, tuple(names.items()))
        hit = _READ.get(key)
    except TypeError:  # a name for something unhashable: read each time
        return read(latex, Notation.of(problem, names))
    if hit is None or hit[0] is not problem:
        if len(_READ) > 64:
            _READ.clear()
        hit = _READ[key] = (problem, read(latex, Notation.of(problem, names)))
    return hit[1]
