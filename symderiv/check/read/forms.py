r"""Forms of answers besides the plain LaTeX the reader knows, each read as the form it stands
for: the whole answer's wrappers ($…$, \[…\], align), its final full stop and a chain of ⇒
(a trailing where-clause: :mod:`.clauses`); converter (Mathpix-style) spellings of names
(bold vectors, an empty group before a script, indices separated by spaces, an upright d);
a left side naming an entry of a bracketed matrix ([∂y_k/∂W]_{ij} = …); and the scanner's
rules for notations lifted out of the text (∇f(θ), softmax(z), a quotient of two vectors).
Each rule is one construct; a mark no rule gives a meaning to is left as written, and the
reader reports it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from ...errors import UnreadableLatexError
from ...spec import Shown
from .lexical import NABLA_DECORATION, group, split_top
from .notation import (
    ODOT,
    WHOLE_RANGE,
    BasisOf,
    DiagOf,
    IdentityOf,
    Notation,
    OrderedProduct,
    Transposed,
    WholeDerivative,
    entry_indices,
    norm,
)
from .vectors import SoftmaxOf
from .writeup import write_up

# -- the whole answer ------------------------------------------------------------------

#: delimiters around a whole answer: (pattern whose group "body" is the answer, what it is)
WRAPPERS = (
    (r"\$\$(?P<body>.*)\$\$", "$$…$$: display math"),
    (r"\$(?P<body>.*)\$", "$…$: inline math"),
    (r"\\\[(?P<body>.*)\\\]", r"\[…\]: display math"),
    (r"\\\((?P<body>.*)\\\)", r"\(…\): inline math"),
    (r"\\begin\{(?P<env>align|aligned|equation|gather|multline|eqnarray|displaymath)(?P<star>\*?)\}"
     r"(?P<body>.*)\\end\{(?P=env)(?P=star)\}", "an equation environment: its rows one chain"),
)  # fmt: skip
#: marks of an equation environment that say nothing about the mathematics
_ENV_MARKS = re.compile(r"\\(?:nonumber|notag)(?![A-Za-z])|\\(?:label|tag\*?)\s*\{[^{}]*\}")
#: a final full stop, comma or semicolon (a sentence's), after any spacing
_FINAL_MARK = re.compile(r"(?<!\\)[.,;](?:\s|\\[,;:! ]|\\q?quad(?![A-Za-z])|~)*$")
#: a relation that starts a continued row of an align (&= …)
_CONTINUED = re.compile(r"\s*(?:=|<|>|\\approx|\\le|\\ge|\\ne|\\Rightarrow|\\implies)")
#: "therefore": the statement after the last is the answer (A ⇒ B: B)
IMPLIES = (r"\Longrightarrow", r"\Rightarrow", r"\implies", r"\therefore")


def unpunctuated(text: str) -> str:
    """``text`` without a final sentence mark (p_i(1 − p_i), ⋯ i ≠ k.): '.', ',' or ';'."""
    return _FINAL_MARK.sub("", text.rstrip())


def answer_text(latex: str) -> str:
    """The answer inside its wrappers, without its final full stop, and of a chain of ⇒
    its last statement. A '$' left inside is no mark the reader knows: unreadable."""
    text = latex.strip()
    text = write_up(text) or text  # $A$ if $B$, and $0$ otherwise: one text
    while True:
        before = text
        text = unpunctuated(text).strip()
        for pattern, _what in WRAPPERS:
            m = re.fullmatch(pattern, text, flags=re.S)
            if m:
                body = m.group("body")
                text = _rows(body).strip() if "env" in m.groupdict() else body.strip()
                break
        if text == before:
            break
    if "$" in text.replace(r"\$", ""):
        raise UnreadableLatexError("a '$' inside the answer: one formula is expected", latex,
                                   latex.find("$", max(0, latex.find(text[:8]))))  # fmt: skip
    parts = split_top(text, IMPLIES, keep_empty=True)
    if len(parts) > 1:
        if not parts[-1].strip():
            raise UnreadableLatexError("nothing after ⇒", latex, len(latex.rstrip()) - 1)
        text = parts[-1].strip()
    return text


def _rows(body: str) -> str:
    """An equation environment's rows as one text: '&' dropped, a row that starts with a
    relation continuing the chain (&= …), any other a statement of its own."""
    body = _ENV_MARKS.sub(" ", body)
    rows = [r for r in split_top(body, ("\\\\",)) if r.strip()]
    out = ""
    for row in rows:
        row = "".join(split_top(row, ("&",), keep_empty=True)).strip()
        out = f"{out} {row}" if not out or _CONTINUED.match(row) else f"{out}, \\quad {row}"
    return out


# -- a where-clause --------------------------------------------------------------------

# -- converter output -------------------------------------------------------------------

_NAME = r"\\(?:tilde|hat|bar)\s*(?:\{\s*[A-Za-z]\s*\}|\s[A-Za-z])|\\[A-Za-z]+|[A-Za-z]"
#: converter (Mathpix-style) spellings, as the reader's: (pattern, replacement, what it is)
CONVERTER = (
    (rf"\{{\s*((?:{_NAME})\^\{{\([^{{}}()]*\)\}})\s*\}}(?=\s*\^)", r"\1",
     r"{W^{(2)}}^{\top}: braces around a labelled name before its script"),
    (r"(?<=[A-Za-z0-9}')])\s*\{\s*\}\s*(?=[_^])", "",
     r"x{ }^{\top}: an empty group before a script"),
    (r"_\s*\{\s*([A-Za-z0-9](?:(?:\s|\\[,;: ]|~)+[A-Za-z0-9])+)\s*\}",
     lambda m: "_{" + ",".join(re.findall(r"[A-Za-z0-9]", m.group(1))) + "}",
     "W_{r k}, W_{r\\,k}: indices apart, one each"),
    (r"\\(?:text|mathrm|operatorname)\s*\{\s*softmax\s*\}", r"\\mathrm{softmax}",
     r"\text{softmax}: the softmax, as \operatorname{softmax}"),
)  # fmt: skip
_BOLD = re.compile(
    rf"\\(?:mathbf|boldsymbol|bm|pmb|mathbfit)\s*(?:\{{\s*({_NAME})\s*\}}|(?<![A-Za-z])\s+([A-Za-z]))"
)
_ACCENTED_BOLD = re.compile(r"\\(tilde|hat|bar)\s*\{\s*\\(?:mathbf|boldsymbol|bm|pmb)\s*\{\s*"
                            r"([A-Za-z])\s*\}\s*\}")  # fmt: skip
_UPRIGHT_D = re.compile(r"^\s*(?:\\(?:mathrm|text|operatorname)\s*\{\s*d\s*\}|\{\s*\\rm\s+d\s*\})")
_T_MARK = r"(?:T|\\top|\\intercal|\{\s*\\top\s*\}|\{\s*T\s*\})"
_LABEL_T = re.compile(
    rf"(?<![A-Za-z])({_NAME})\^\s*\{{\s*\(([^{{}}()]*)\)(?:\s|\\[,;: ])*(?:\^\s*)?{_T_MARK}\s*\}}"
    rf"|(?<![A-Za-z])({_NAME})\^\s*\{{\s*\(([^{{}}()]*)\)\s*\}}\s*\^\s*{_T_MARK}"
)


def converter_forms(text: str, notation: Notation) -> str:
    """Converter spellings as the reader's: the table's, and those that depend on the
    problem's names (bold, a layer label with a transpose)."""
    for pattern, replacement, _what in CONVERTER:
        text = re.sub(pattern, replacement, text)
    # \tilde{\boldsymbol{y}}: the accent over the problem's bold vector, as \tilde{y}
    text = _ACCENTED_BOLD.sub(lambda m: _bold(f"\\{m.group(1)}{{{m.group(2)}}}", notation), text)
    # \mathbf{x}, \boldsymbol{p}, \bm{W}: the problem's vector or matrix of that name
    text = _BOLD.sub(lambda m: _bold(m.group(1) or m.group(2), notation), text)
    text = _upright_d(text)  # \frac{\mathrm{d} L}{\mathrm{d} y_j}: the derivative's d
    # W^{(2)\top}, W^{(2)}{}^{\top}: the transpose of the problem's labelled W^{(2)}
    return _LABEL_T.sub(lambda m: _label_transposed(m, notation), text)


def _bold(name: str, notation: Notation) -> str:
    """A bold name as the problem's vector, matrix or entrywise function of that name; a
    bold name the problem does not have, as one new quantity (\\boldsymbol{q})."""
    plain = re.sub(r"\\(tilde|hat|bar)\s*\{?\s*([A-Za-z])\s*\}?", r"\\\1{\2}", name.strip())
    key = norm(plain)
    if plain == "e" and "e" not in notation.names:
        return r"\mathbf{e}"  # e_k: a basis vector
    if plain == "I" and "I" not in notation.names:
        return "I"  # the identity
    obj = notation.names.get(key)
    if notation.function(plain) is not None or _vector(obj, notation):
        return plain if plain.startswith("\\") else f" {plain}"
    family = [v for k, v in notation.names.items() if re.match(rf"{re.escape(key)}[_^]", k)]
    if family and all(_vector(v, notation) for v in family):
        return f" {plain}"  # \mathbf{h}_t, \mathbf{W}^{(2)}: of the family h_t, W^{(2)}
    return rf"\boldsymbol{{{plain}}}"


def _vector(obj, notation: Notation) -> bool:
    return isinstance(obj, sp.IndexedBase) and notation.dims.get(obj, 0) >= 1


def _upright_d(text: str) -> str:
    out, i = [], 0
    while (k := text.find(r"\frac", i)) >= 0:
        j = k + len(r"\frac")
        m = re.compile(r"\s*\{").match(text, j)
        if m is None:
            out.append(text[i:j])
            i = j
            continue
        num_end = group(text, m.end() - 1)
        d = re.compile(r"\s*\{").match(text, num_end)
        num = text[m.end() : num_end - 1]
        den = text[d.end() : group(text, d.end() - 1) - 1] if d else ""
        if d and _UPRIGHT_D.match(num) and _UPRIGHT_D.match(den):
            num, den = _UPRIGHT_D.sub("d ", num), _UPRIGHT_D.sub("d ", den)
            out.append(text[i:k] + rf"\frac{{{num}}}{{{den}}}")
            i = group(text, d.end() - 1)
        else:
            out.append(text[i : m.end()])
            i = m.end()
    return "".join(out) + text[i:]


def _label_transposed(m: re.Match, notation: Notation) -> str:
    base, label = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    written = re.sub(r"\s+", "", base) + "^{(" + re.sub(r"\s+", "", label) + ")}"
    if written not in notation.labels:
        return m.group(0)  # no label of the problem: left as written (and unreadable)
    return f"({written})^{{\\top}}"


# -- an entry of a bracketed matrix on the left -----------------------------------------


class EntryOf(Shown, sp.Function):
    """``EntryOf(v, i, j)``: the matrix whose entry (i, j) is v, as ``[∂y_k/∂W]_{ij} = v``
    says (one index: of a vector)."""

    def _tex(self, printer):  # "read as": the entry's formula, and which entry it is
        idx = ",".join(printer._print(i) for i in self.args[1:])
        return rf"\left[{printer._print(self.args[0])}\right]_{{({idx})}}"


_BRACKETED = re.compile(r"\s*[\[(]")
_ENTRY_SUB = re.compile(r"\s*_\s*(\{[^{}]*\}|[A-Za-z])\s*$")


def bracket_entry(left: str, notation: Notation, read: Callable):
    """``(label, indices)`` when a left side names an entry of a bracketed derivative,
    ``[\\frac{∂y_k}{∂W}]_{ij}``: the label is that entry's derivative (∂y_k/∂W_ij, ∂y_i/∂x_j
    in numerator layout); else None."""
    m = _BRACKETED.match(left)
    if m is None:
        return None
    end = group(left, m.end() - 1)
    sub = _ENTRY_SUB.fullmatch(left[end:])
    if sub is None:
        return None
    inner = sub.group(1).strip("{}")
    count = inner.count(",") + 1 if "," in inner else (2 if len(inner) == 2 else 1)
    try:
        whole = read(left[m.end() : end - 1])
    except UnreadableLatexError:
        whole = None
    if not isinstance(whole, WholeDerivative | sp.Derivative):  # [∇²_w L]_{ij}: a name only
        return None, tuple(entry_indices(sub.group(1), count, notation, {}))
    top, by = (whole.args[0], whole.args[1]) if isinstance(whole, WholeDerivative) else (
        whole.expr, whole.variables[0])  # fmt: skip
    idx = tuple(entry_indices(sub.group(1), count, notation, {}))
    rank = [notation.dims.get(x, 0) if isinstance(x, sp.IndexedBase) else 0 for x in (top, by)]
    if rank == [1, 1] and count == 2:  # [∂y/∂x]_{ki} = ∂y_k/∂x_i
        return sp.Derivative(top[idx[0]], by[idx[1]]), idx
    if rank == [1, 0] and count == 1:  # [∂y/∂u]_k = ∂y_k/∂u
        return sp.Derivative(top[idx[0]], by), idx
    if rank[0] == 0 and rank[1] == count:  # [∂y_k/∂W]_{ij} = ∂y_k/∂W_ij
        return sp.Derivative(top, by[idx]), idx
    return None


# -- the scanner's rules ---------------------------------------------------------------


@dataclass
class Scan:
    """What a scanner rule needs: the notation, the answer, and how to read and hold."""

    notation: Notation
    whole: str
    #: latex → expression, in the answer's notation
    read: Callable
    #: expression → the placeholder text that stands for it
    hold: Callable


ATOM = re.compile(
    r"(\\(?:tilde|hat|bar|vec|mathbf|boldsymbol)\{(?:[A-Za-z]|\\[A-Za-z]+)\}|\\[A-Za-z]+|[A-Za-z])"
    r"(_\{[^{}]*\}|_[A-Za-z0-9])?"
)


def lifted(text: str, i: int, scan: Scan):
    """(placeholder text, end) of the first scanner rule that reads ``text[i:]``, or None."""
    for rule in SCAN_RULES:
        hit = rule(text, i, scan)
        if hit is not None:
            return hit
    return None


def _spaces(text: str, j: int) -> int:
    while j < len(text) and text[j] == " ":
        j += 1
    return j


def _args(text: str, k: int, scan: Scan):
    """(the arguments read, end) of the '(…)' at ``text[k]``."""
    e = group(text, k)
    return [scan.read(a) for a in split_top(text[k + 1 : e - 1], (",",))], e


def derivative(num: str, den: str, scan: Scan):
    """∂A/∂B or dA/dB as a SymPy Derivative (unevaluated), or None if it is a plain fraction."""
    for d in (r"\partial", "d"):
        if num.startswith(d) and den.startswith(d):
            a, b = num[len(d) :].strip(), den[len(d) :].strip()
            if d == "d" and (not a or not b or a[0].isalpha() is False):
                return None
            if d == "d" and not (den[1:2] in (" ", "\\") or den[1:2].isalpha()):
                return None
            if not a or not b:
                return None
            top, bottom = scan.read(a), scan.read(b)
            notation, whole = scan.notation, scan.whole
            if isinstance(top, type):  # a bare function name: ∂f_3/∂y
                if top not in notation.applications:
                    raise UnreadableLatexError(
                        f"∂{a}/∂{b}: the problem does not apply {a} at one place only; "
                        f"write its arguments, e.g. \\frac{{\\partial {a}(…)}}{{\\partial {b}}}",
                        whole,
                        whole.find(a),
                    )
                top = notation.applications[top]
            try:
                return sp.Derivative(top, bottom)
            except ValueError:  # by a whole matrix or vector: SymPy cannot, keep it as written
                return WholeDerivative(top, bottom)
    return None


def vector_quotient(text: str, i: int, scan: Scan):
    """\\frac{y}{p} of two vectors: entrywise, and one factor (A \\frac{y}{p} is A(y ⊘ p))."""
    if not text.startswith(r"\frac", i):
        return None
    m = re.compile(r"\\frac\s*\{").match(text, i)
    if m is None:
        return None
    k = group(text, m.end() - 1)
    d = re.compile(r"\s*\{").match(text, k)
    if d is None:
        return None
    e = group(text, d.end() - 1)
    den = scan.notation.names.get(norm(text[d.end() : e - 1]))
    if not (isinstance(den, sp.IndexedBase) and scan.notation.dims.get(den) == 1):
        return None
    num = scan.read(text[m.end() : k - 1])
    if not isinstance(num, sp.Basic) or num.has(Transposed, DiagOf, IdentityOf, BasisOf,
                                                 OrderedProduct, WholeDerivative):  # fmt: skip
        return None
    bare = num.atoms(sp.IndexedBase) - {a.base for a in num.atoms(sp.Indexed)}
    if not bare or any(scan.notation.dims.get(b) != 1 for b in bare):
        return None
    return scan.hold(OrderedProduct(num, ODOT, sp.Pow(den, -1))), e


def softmax(text: str, i: int, scan: Scan):
    """softmax(z), softmax(z)_k: the problem's p where it defines p_k = e^{z_k}/Σ_l e^{z_l}."""
    k = _spaces(text, i + len(r"\mathrm{softmax}"))
    if not text.startswith(r"\mathrm{softmax}", i) or not text.startswith("(", k):
        return None
    args, e = _args(text, k, scan)
    base = scan.notation.defined.get(f"softmax({args[0]})") if len(args) == 1 else None
    if base is None and any(k.startswith("softmax(") for k in scan.notation.defined):
        of = ", ".join(k[8:-1] for k in scan.notation.defined if k.startswith("softmax("))
        why = f"softmax({', '.join(map(str, args))}): the problem has the softmax of {of} only"
        raise UnreadableLatexError(why, scan.whole, scan.whole.find("softmax"))
    sub = re.compile(r"\s*_\s*(\{[^{}]*\}|[A-Za-z0-9])").match(text, e)
    if base is None and sub and len(args) == 1 and isinstance(args[0], sp.IndexedBase):
        (k,) = entry_indices(sub.group(1), 1, scan.notation, {})  # softmax(z)_i: by definition
        j = sp.Symbol(next(n for n in "lmqrs" if n not in {str(k), *map(str, k.free_symbols)}),
                      integer=True, positive=True)  # fmt: skip
        z = args[0]
        return scan.hold(sp.exp(z[k]) / sp.Sum(sp.exp(z[j]), (j, 1, WHOLE_RANGE))), sub.end()
    t = re.compile(rf"\s*\^\s*{_T_MARK}").match(text, e)
    if base is None and sub is None and len(args) == 1 and isinstance(args[0], sp.IndexedBase):
        base = SoftmaxOf(args[0])  # softmax(z), a whole vector: evaluated as one
    if base is None:
        return None  # no softmax in the problem, or of no vector of it: not read
    if t is not None:  # softmax(z)^T: the row
        return scan.hold(Transposed(base)), t.end()
    if sub is None:
        return scan.hold(base), e
    return scan.hold(base[entry_indices(sub.group(1), 1, scan.notation, {})[0]]), sub.end()


def _skip_subscript(text: str, j: int) -> int:
    """The position after the spaces and the subscript (_θ, _{θ_t}) at ``text[j]``."""
    j = _spaces(text, j)
    if text.startswith("_", j):
        m = ATOM.match(text, j + 1)
        j = group(text, j + 1) if text.startswith("{", j + 1) else (m.end() if m else j)
        j = _spaces(text, j)
    return j


def nabla(text: str, i: int, scan: Scan):
    """∇f(θ_t), ∇_θ f(θ), ∇f^{reg}(θ): the gradient, of the problem's f or an abstract one."""
    if not text.startswith(r"\nabla", i):
        return None
    notation = scan.notation
    j = _skip_subscript(text, i + len(r"\nabla"))  # ∇_θ f(θ): θ is f's argument
    m = ATOM.match(text, j)
    if not m:
        return None
    name = "nabla " + norm(m.group(0))
    k = m.end()
    deco = NABLA_DECORATION.match(text, k)
    if deco:  # ∇f^{reg}: a decorated name
        word = deco.group(1) or deco.group(2)
        name += "^{" + word + "}"
        named = notation.names.get(norm(m.group(0) + r"^{\mathrm{" + word + "}}"))
        k = _skip_subscript(text, deco.end())  # f^{reg}_t: the step's loss
    k = _spaces(text, k)
    if not text.startswith("(", k):
        return scan.hold(sp.Symbol(name, real=True)), k
    args, e = _args(text, k, scan)
    base_fn = None if deco else notation.function(m.group(0))
    if deco and isinstance(named, sp.Symbol) and len(args) == 1:
        value = sp.Derivative(named, args[0])  # ∇f^{reg}(θ): the named loss's
    elif base_fn is not None and len(args) == 1:  # ∇f(θ) of the problem's f
        u = sp.Dummy("u")
        value = sp.Subs(sp.Derivative(base_fn(u), u), u, args[0])
    else:
        value = (notation.function("\\" + name) or sp.Function(name))(*args)
    return scan.hold(value), e


#: the scanner's rules, tried in order at each position (after ∂-fractions)
SCAN_RULES = (vector_quotient, softmax, nabla)


#: a parenthesized superscript, h^{(t)}, W^{(2)}: a layer or time label, not a power
_LAYER = re.compile(r"\s*\^\s*\{\s*\(([^{}()]*)\)\s*\}")
_SUPER = re.compile(r"\s*\^\s*(\{\s*[A-Za-z0-9]+\s*\}|[A-Za-z0-9])")
_SUBSCRIPT = re.compile(r"\s*_\s*(\{[^{}]*\}|[A-Za-z0-9])")


def labelled_entry(atom: str, text: str, j: int, notation: Notation, held: dict):
    """(entry, end) for a quantity the problem labels with a parenthesized superscript
    (h^{(t)}_k, {h_k}^{(t)}, W^{(2)}_{ki}); None when the label is not the problem's."""
    if not notation.labels:
        return None
    base_name, sub = atom, None
    m = re.fullmatch(r"(.+?)_(\{[^{}]*\}|[A-Za-z0-9])", atom)
    if m:
        base_name, sub = m.group(1), m.group(2)
    layer = _LAYER.match(text, j)
    if layer:
        label = base_name + "^{(" + re.sub(r"\s+", "", layer.group(1)) + ")}"
    else:  # p^{T} (a softmax at temperature T), σ^2: a superscript that is part of a name
        layer = _SUPER.match(text, j)
        mark = layer.group(1).strip("{} ") if layer else ""
        label = f"{base_name}^{{{mark}}}"
        if not layer or label not in notation.labels:
            return None
    base = notation.labels.get(label)
    if base is None:
        return None
    end = layer.end()
    if sub is None:
        after = _SUBSCRIPT.match(text, end)
        if after:
            sub, end = after.group(1), after.end()
    if sub is None:
        return base, end
    sub = sub[1:-1] if sub.startswith("{") else sub
    dims = notation.dims.get(base, 1)
    idx = tuple(entry_indices(sub, dims, notation, held))
    return (base(*idx) if isinstance(base, sp.Lambda) else base[idx]), end  # δ^{(1)}_k


# -- signals --------------------------------------------------------------------------

_BRACKET_CALL = re.compile(r"(?<![\\A-Za-z{])([A-Za-z](?:_\{[^{}]*\}|_[A-Za-z0-9])?)\s*\[")


def brackets_as_calls(text: str, notation: Notation) -> str:
    """u[n], y[n - 5]: the signal-processing spelling of the problem's functions of one
    variable, as the calls u(n), y(n − 5); any other bracket is left as it is."""
    out, last = [], 0
    for m in _BRACKET_CALL.finditer(text):
        obj = notation.names.get(norm(m.group(1)))
        if not (
            isinstance(obj, sp.Lambda) or (isinstance(obj, type) and issubclass(obj, sp.Function))
        ):
            continue
        depth, k = 0, m.end() - 1
        for k in range(m.end() - 1, len(text)):
            depth += {"[": 1, "]": -1}.get(text[k], 0)
            if depth == 0:
                break
        if depth != 0 or k < last:
            continue
        out += [text[last : m.end() - 1], "(", text[m.end() : k], ")"]
        last = k + 1
    return "".join(out) + text[last:] if out else text
