"""The notation layer: what the names in a student's LaTeX mean in one problem (W_{ki} →
W[k, i], δ_{ki} → δ(k, i), \\sigma → σ, \\gamma → γ), and mapping a parsed expression's
names onto it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sympy as sp
from sympy.core.function import AppliedUndef

from ...errors import UnreadableLatexError
from ...ops.functions import sigmoid
from ...spec import Shown
from .parse import parse


class Transposed(Shown, sp.Function):
    """xᵀ as read: a marker that the checker turns into a transpose of a concrete matrix."""

    nargs = 1

    def _tex(self, printer):  # how it was read, in "read as"
        return printer.parenthesize(self.args[0], 60) + "^{T}"


class WholeDerivative(Shown, sp.Function):
    """∂f/∂W with W a whole matrix (no index): tensor notation, kept as written."""

    nargs = 2

    def _tex(self, printer):
        a, b = (printer._print(x) for x in self.args)
        return rf"\frac{{\partial {a}}}{{\partial {b}}}"


_BUILT: dict = {}
_FIELDS = ("names", "indices", "dims", "applications", "scalars", "labels", "defined")


@dataclass
class Notation:
    """What the names in a student's LaTeX mean in one problem."""

    names: dict[str, sp.Basic] = field(default_factory=dict)
    indices: dict[str, sp.Symbol] = field(default_factory=dict)
    #: number of indices of each indexed quantity (W: 2, x: 1)
    dims: dict = field(default_factory=dict)
    #: the one way the problem applies each abstract function (f_3 → f_3(y, θ_3)), so that a
    #: bare name in ∂f_3/∂y means that application
    applications: dict = field(default_factory=dict)
    #: plain (unindexed) quantities of the problem by name: a bare g is the constant g even
    #: where the notation maps g to the indexed family g_t
    scalars: dict = field(default_factory=dict)
    #: indexed quantities by the label they print with (h^{(t)}, W^{(2)}), spaces removed
    labels: dict = field(default_factory=dict)
    #: scalars the problem defines from one variable, by name, applicable: GELU(x_k)
    defined: dict = field(default_factory=dict)

    @classmethod
    def of(cls, problem, extra: dict | None = None) -> Notation:
        """The notation of ``problem`` (and ``extra`` names): built once per problem and
        names in a worker (every answer is read in it, twice when it is diagnosed), each
        caller given its own copy."""
        key = (problem.id, id(problem), tuple((k, v) for k, v in (extra or {}).items()))
        try:
            hit = _BUILT.get(key)
        except TypeError:  # a name for something unhashable: built each time
            return cls._build(problem, extra)
        if hit is None:
            if len(_BUILT) > 256:
                _BUILT.clear()
            hit = _BUILT[key] = (problem, cls._build(problem, extra))  # problem: id stays its
        return cls(*(dict(getattr(hit[1], f)) for f in _FIELDS))

    @classmethod
    def _build(cls, problem, extra: dict | None = None) -> Notation:
        names = {norm(k): v for k, v in dict(problem.notation).items()}
        for k, v in (extra or {}).items():
            names[norm(k)] = v
        for base in dict(problem.shapes):  # the problem's shaped quantities (\bar{y}_j)
            if isinstance(base, sp.IndexedBase):
                names.setdefault(norm(str(base.label)), base)
        for d in problem.definitions:  # and the scalars it defines, by their names
            for e in (d.lhs, d.rhs):
                if isinstance(e, sp.Basic):
                    labels = {b.label for b in e.atoms(sp.IndexedBase)}
                    for s in e.free_symbols - labels:
                        if isinstance(s, sp.Symbol) and not s.is_integer:
                            names.setdefault(norm(str(s)), s)
        for t in problem.targets:  # functions a target names on its left side: y(n − 5)
            if isinstance(t.lhs, sp.Basic):
                for a in t.lhs.atoms(AppliedUndef):
                    names.setdefault(norm(str(a.func)), a.func)
        indices = {}
        for t in problem.targets:
            for s in t.expr.free_symbols | _derivative_symbols(t.expr):
                if s.is_integer:
                    indices[str(s)] = s
        for d in problem.definitions:
            for s in d.lhs.free_symbols:
                if s.is_integer and str(s) not in indices:
                    indices[str(s)] = s
        for shape in dict(problem.shapes).values():  # the sizes: c in Σ_{r=1}^{c}
            for s in shape:
                for f in sp.sympify(s).free_symbols:
                    if f.is_integer:
                        indices.setdefault(str(f), f)
        dims = {base: len(shape) for base, shape in dict(problem.shapes).items()}
        seen: dict = {}
        for d in problem.definitions:
            if isinstance(d.rhs, sp.Basic):
                for a in d.rhs.atoms(AppliedUndef):
                    seen.setdefault(a.func, set()).add(a)
        applications = {f: next(iter(a)) for f, a in seen.items() if len(a) == 1}
        scalars: dict = {}
        for e in [t.expr for t in problem.targets] + [d.rhs for d in problem.definitions]:
            _plain_symbols(e, scalars)
        for k in extra or {}:  # a name given for this reading: the family, not the constant
            scalars.pop(norm(k), None)
        for key in list(names):  # ε written \varepsilon or \epsilon, whichever the spec chose
            for a, b in _VARIANTS:
                for x, y in ((a, b), (b, a)):
                    alt = re.sub(rf"(?<![a-z]){x}(?![a-z])", y, key)
                    if alt != key:
                        names.setdefault(alt, names[key])
        labels = {}
        for base in list(names.values()) + list(dict(problem.shapes)):
            if isinstance(base, sp.IndexedBase):
                labels.setdefault(re.sub(r"\s+", "", str(base.label)), base)
        defined = {}
        lhs = {d.lhs for d in problem.definitions}  # p := σ(s), s defined: p(1 − p) is p·(1 − p)
        for d in problem.definitions:
            if (v := _one_variable(d)) is not None and v not in lhs:
                defined[norm(str(d.lhs))] = DefinedFunction(d.lhs, v, d.rhs)
            if (z := _softmax_input(d)) is not None:  # p_k = e^{z_k}/Σ_l e^{z_l}: softmax(z)
                defined.setdefault(f"softmax({z})", d.lhs.base)
        return cls(names, indices, dims, applications, scalars, labels, defined)

    def function(self, name: str, primed: bool = False):
        """The function a name stands for, or None; ``primed``: also an elementary function
        written with a prime (\\tanh'(a) is tanh's derivative at a)."""
        key = norm(name)
        if primed and key not in self.names and key in _PRIMED:
            return _PRIMED[key]
        if key in self.names:  # the notation decides: a function, or not one
            obj = self.names[key]
            if obj is sigmoid or (isinstance(obj, type) and issubclass(obj, sp.Function)):
                return obj
            return self.defined.get(key)
        if key == "sigma":
            return sigmoid
        if key == "theta":  # θ(a) where the problem has no θ: the step function
            return sp.Heaviside
        m = re.fullmatch(r"(?:mathrm|operatorname)\{(\w+)\}", key)
        return _KNOWN_FUNCTIONS.get(m.group(1)) if m else None


class DefinedFunction:
    """A scalar the problem defines from one variable (GELU := u Φ(u)), applied as students
    write it: GELU(u) is the quantity itself, GELU(x_k) its definition at x_k."""

    def __init__(self, symbol, variable, rhs):
        self.symbol, self.variable, self.rhs = symbol, variable, rhs

    def __call__(self, *args):
        if len(args) != 1:
            raise TypeError(f"{self.symbol} takes one argument, not {len(args)}")
        a = args[0]
        if a.has(self.symbol):  # GELU(1 − GELU) is no application: a product
            return self.symbol * a
        return self.symbol if a == self.variable else self.rhs.xreplace({self.variable: a})


class WrittenFunction(DefinedFunction):
    """A function an answer defines itself (… where φ(u) = e^{−u²/2}/√(2π)): its value."""

    def __call__(self, *args):
        if len(args) != 1:
            raise TypeError(f"{self.symbol} takes one argument, not {len(args)}")
        return self.rhs.xreplace({self.variable: args[0]})


def _one_variable(d):
    """The one real variable a scalar definition is a function of (u for GELU), or None."""
    if not isinstance(d.lhs, sp.Symbol) or not isinstance(d.rhs, sp.Expr):
        return None
    if d.rhs.has(sp.Indexed, sp.Sum, sp.Derivative, AppliedUndef):
        return None
    free = [s for s in d.rhs.free_symbols if not s.is_integer]
    return free[0] if len(free) == 1 and free[0] != d.lhs else None


def _softmax_input(d):
    """z when ``d`` defines p_k = e^{z_k} / Σ_l e^{z_l} (p is the softmax of z), else None."""
    rhs = d.rhs
    if not (
        isinstance(d.lhs, sp.Indexed) and len(d.lhs.indices) == 1 and getattr(rhs, "is_Mul", 0)
    ):
        return None
    num, den = sorted(rhs.args, key=lambda a: a.is_Pow) if len(rhs.args) == 2 else (sp.S.Zero,) * 2
    if not (num.func == sp.exp and isinstance(num.args[0], sp.Indexed) and den.is_Pow):
        return None
    k, s = d.lhs.indices[0], den.base
    if not (den.exp == -1 and isinstance(s, sp.Sum) and len(s.limits) == 1):
        return None
    (l, lo, _hi), z = s.limits[0], num.args[0]
    return z.base if z.indices == (k,) and s.function == num.xreplace({k: l}) and lo == 1 else None


#: two spellings of one Greek letter
_VARIANTS = (("epsilon", "varepsilon"), ("theta", "vartheta"), ("phi", "varphi"), ("rho", "varrho"))

#: functions written \mathrm{erf}(x), \operatorname{sgn}(x): SymPy's, not random ones
_KNOWN_FUNCTIONS = {
    "erf": sp.erf, "erfc": sp.erfc, "sgn": sp.sign, "sign": sp.sign, "tanh": sp.tanh,
    "sinh": sp.sinh, "cosh": sp.cosh, "sech": sp.sech, "exp": sp.exp, "log": sp.log,
    "ln": sp.log, "sigmoid": sigmoid, "clip": lambda x, lo, hi: sp.Min(sp.Max(x, lo), hi),
}  # fmt: skip


def _plain_symbols(e, out: dict) -> None:
    """Real symbols standing on their own in ``e`` (not the label of an entry x_j)."""
    if isinstance(e, sp.Indexed | sp.IndexedBase) or not isinstance(e, sp.Basic):
        return
    if isinstance(e, sp.Symbol) and not e.is_integer:
        out.setdefault(norm(str(e)), e)
    for a in e.args:
        _plain_symbols(a, out)


def _derivative_symbols(expr):
    out = set()
    for d in expr.atoms(sp.Derivative):
        for v in d.variables:
            out |= v.free_symbols
    return out


def norm(name: str) -> str:
    """A name as latex2sympy spells symbols: no backslashes, no spaces, \\tilde y → tilde{y}."""
    name = name.replace(" ", "")
    name = re.sub(r"\\(tilde|hat|bar|vec|mathbf|mathrm|boldsymbol)([A-Za-z])", r"\\\1{\2}", name)
    name = re.sub(r"_\{([A-Za-z0-9])\}", r"_\1", name)  # f_{3} is f_3
    return name.replace("\\", "")


def _named_powers(expr, notation: Notation):
    r"""σ² read as a power where the problem names a quantity \sigma^{2} (a variance): that
    quantity; \mathbf{1} as the vector of ones."""
    if not isinstance(expr, sp.Basic):
        return expr

    def named(e):
        if not (e.is_Pow and e.base.is_Symbol and e.exp.is_Integer):
            return None
        for key in (f"{e.base.name}^{{{e.exp}}}", f"{e.base.name}^{e.exp}"):
            obj = notation.names.get(key)
            if isinstance(obj, sp.Symbol):
                return obj
        if e.exp % 2 == 0 and e.exp not in (0, 2):  # σ⁴, 1/σ⁴ where σ² is named: (σ²)²
            obj = notation.names.get(f"{e.base.name}^{{2}}")
            if isinstance(obj, sp.Symbol):
                return obj ** (e.exp // 2)
        return None

    if any(named(p) is not None for p in expr.atoms(sp.Pow)):
        expr = expr.replace(lambda e: named(e) is not None, named)
    ones = [s for s in expr.atoms(sp.Symbol) if s.name in ("mathbf{1}", "math{1}", "mathbb{1}")]
    return expr.xreplace({s: ONES for s in ones}) if ones else expr


#: the upper bound of \\sum_j (no bounds written): the range of j, filled in by the judge
WHOLE_RANGE = sp.Symbol("whole-range", integer=True, positive=True)
#: the vector of ones, \mathbf{1}, as read (its size is the answer's)
ONES = sp.Symbol(r"\mathbf{1}")


class DiagOf(Shown, sp.Function):
    """diag(v) as read: the diagonal matrix of a vector (made explicit by the checker)."""

    nargs = 1

    def _tex(self, printer):
        return rf"\operatorname{{diag}}\left({printer._print(self.args[0])}\right)"


class IdentityOf(Shown, sp.Function):
    """I_n as read (0: no size written): the identity, as large as the answer needs."""

    nargs = 1

    def _tex(self, printer):
        return "I" if self.args[0] == 0 else f"I_{{{printer._print(self.args[0])}}}"


class BasisOf(Shown, sp.Function):
    """e_k as read: the k-th standard basis vector, as long as its neighbours need."""

    nargs = 1

    def _tex(self, printer):
        return f"e_{{{printer._print(self.args[0])}}}"


class OrderedProduct(Shown, sp.Function):
    """A product of matrices as written, factors in their order (a SymPy product sorts its
    factors); the marker ``ODOT`` among them is an entrywise product of its neighbours."""

    def _tex(self, printer):
        parts = [r"\odot" if a == ODOT else printer.parenthesize(a, 50) for a in self.args]
        return " ".join(parts)


#: ⊙ / ∘ between two factors of an ``OrderedProduct``
ODOT = sp.Symbol("⊙")
_MARKERS = {r"\mathrm{diag}": DiagOf, r"\mathrm{Identity}": IdentityOf, r"\mathrm{basis}": BasisOf}


def _order_products(e, notation: Notation, held: dict):
    """(``e`` with every product of two or more matrix-valued factors, or with ⊙ among its
    factors, made an ``OrderedProduct`` in the written order; is ``e`` matrix-valued?)"""
    if isinstance(e, sp.Symbol):
        if e.name == "math{odot}":
            return e, True
        if e.name in ("mathbf{1}", "math{1}"):
            return e, True
        try:
            obj = _symbol(e.name, notation, held)
        except (UnreadableLatexError, TypeError, ValueError):
            return e, False
        return e, _is_matrix(obj, notation)
    if isinstance(e, AppliedUndef) and str(e.func) in _MARKERS:
        return e, True
    if not e.args or isinstance(e, sp.Sum | sp.Derivative | sp.Subs | sp.Indexed):
        return e, False
    if isinstance(e, sp.MatrixBase):
        return e, True
    parts = [_order_products(a, notation, held) for a in e.args]
    args = [a for a, _ in parts]
    count = sum(m for _, m in parts)
    if isinstance(e, sp.Mul) and (count >= 2 or any(a == sp.Symbol("math{odot}") for a in args)):
        return OrderedProduct(*args), True
    changed = any(a is not b for a, b in zip(args, e.args))
    if changed:
        e = sp.Mul(*args, evaluate=False) if isinstance(e, sp.Mul) else e.func(*args)
    return e, count > 0


def _is_matrix(obj, notation: Notation) -> bool:
    """Is a read object matrix-valued: a bare vector or matrix of the problem (x, W), a
    transpose, diag/I/e_k, or an expression with a bare one in it (σ'(ỹ))?"""
    if isinstance(obj, sp.IndexedBase):
        return notation.dims.get(obj, 0) >= 1
    if isinstance(obj, sp.MatrixBase | DiagOf | IdentityOf | BasisOf | OrderedProduct):
        return True
    if type(obj).__name__ == "Transposed":
        return True
    if not isinstance(obj, sp.Basic):
        return False
    bare = obj.atoms(sp.IndexedBase) - {a.base for a in obj.atoms(sp.Indexed)}
    return any(notation.dims.get(b, 0) >= 1 for b in bare)


def _sum_indices(expr):
    """A summation index that runs from 0 or below is no positive integer (k in
    Σ_{k=0}^{L−1} was read as one of the index letters, assumed ≥ 1: SymPy then dropped or
    mis-evaluated the k = 0 term); one that is not an index letter of the problem (s) is an
    integer all the same, one symbol in the limits and in the summand's subscripts."""
    if not isinstance(expr, sp.Basic) or not expr.has(sp.Sum):
        return expr

    def one(s):
        limits, rename = [], {}
        for v, *bounds in s.limits:
            lo = bounds[0] if bounds else None
            if v.is_positive and not (lo is not None and lo.is_positive):
                rename[v] = sp.Symbol(v.name, integer=True)
            elif not v.is_integer:  # Σ_s … g_s: the letter s is an index, in g_s as in Σ_s
                pos = lo is not None and bool(lo.is_positive)
                new = sp.Symbol(v.name, integer=True, positive=True) if pos else None
                new = new or sp.Symbol(v.name, integer=True)
                for a in s.function.free_symbols | {v}:
                    if isinstance(a, sp.Symbol) and a.name == v.name:
                        rename[a] = new
            limits.append((rename.get(v, v), *bounds))
        return sp.Sum(s.function.xreplace(rename), *limits) if rename else s

    return expr.replace(lambda e: isinstance(e, sp.Sum), one)


def map_names(expr, notation: Notation, held: dict):
    """Replace placeholders and map names (W_{ki}, δ_{ki}, \\gamma, \\sigma) to the notation."""
    if isinstance(expr, sp.MatrixBase):
        return expr.applyfunc(lambda e: map_names(e, notation, held))
    if isinstance(expr, tuple | list):
        return type(expr)(map_names(e, notation, held) for e in expr)
    if isinstance(expr, sp.Basic):
        expr = _order_products(expr, notation, held)[0]
    named = _named_powers(expr, notation)
    own = set(named.atoms(sp.Symbol)) - set(expr.atoms(sp.Symbol))  # σ² put in: the problem's
    expr = named
    mapping = {}
    for s in expr.atoms(sp.Symbol):
        if s == ONES or s in own:
            continue
        if s.name == "math{odot}":
            mapping[s] = ODOT
            continue
        if s.name == "Upsilon":  # the reader's bound of a sum written without one
            mapping[s] = WHOLE_RANGE
            continue
        obj = _symbol(s.name, notation, held)
        if isinstance(obj, type):  # a bare function name (f_3): the problem's application of it
            if obj not in notation.applications:
                raise UnreadableLatexError(
                    f"{s.name} is a function of the problem; write its arguments", s.name, None
                )
            obj = notation.applications[obj]
        mapping[s] = obj
    if expr.has(sp.EulerGamma):
        mapping[sp.EulerGamma] = notation.names.get("gamma", sp.Symbol("gamma", real=True))
    if "pi" in notation.names:  # π a name of the answer's (π = softmax(z)), not 3.14…
        mapping[sp.pi] = notation.names["pi"]
    out = _sum_indices(expr.xreplace(mapping))
    if out.has(sp.And, sp.Or):
        out = out.replace(lambda e: isinstance(e, sp.And | sp.Or | sp.Not), rebuild_logic)
    return out.replace(
        lambda e: isinstance(e, AppliedUndef),
        lambda e: _function(e, notation),
    )


def _function(e, notation: Notation):
    if str(e.func) in _MARKERS:
        return _MARKERS[str(e.func)](*e.args)
    fn = notation.function(str(e.func)) or notation.function("\\" + str(e.func))
    return fn(*e.args) if fn is not None else e


def _symbol(name: str, notation: Notation, held: dict):
    if name in held:
        return held[name]
    names = notation.names
    if name not in names and norm(name) in names:  # hat{\mu}, as latex2sympy names μ̂
        name = norm(name)
    if name in names:
        if isinstance(names[name], sp.IndexedBase) and name in notation.scalars:
            return notation.scalars[name]  # g alone, beside g_t: the problem's constant g
        return names[name]
    if name in notation.indices:
        return notation.indices[name]
    base, sub = _split_subscript(name)
    if sub is not None:
        if base == "delta":
            idx = entry_indices(sub, 2, notation, held)
            return sp.KroneckerDelta(*idx)
        inner = _plain(sub)
        if "," in inner and names.get(base) is None:  # h_{t,k}: entry k of the problem's h_t
            first, rest = inner.split(",", 1)
            family = names.get(norm(f"{base}_{{{first}}}"))
            if isinstance(family, sp.IndexedBase):  # W_{2,rk}: entry (r, k) of W_2
                dims = notation.dims.get(family, 1)
                return family[tuple(entry_indices("{" + rest + "}", dims, notation, held))]
        obj = names.get(base)
        if obj is None and base not in names:
            # a name the notation does not know, with a subscript: an entry x_j of x, so
            # that x_1 and x_j with j = 1 are the same quantity
            obj = sp.IndexedBase(base, real=True)
        if isinstance(obj, sp.Lambda):  # c_k of the statement, c_0 = √(1/N), …: its value
            return obj(*entry_indices(sub, len(obj.variables), notation, held))
        if isinstance(obj, sp.IndexedBase):
            inner = _plain(sub)
            guess = (
                inner.count(",") + 1
                if "," in inner
                else (2 if len(inner) == 2 and inner.isalpha() else 1)
            )
            dims = notation.dims.get(obj, guess)
            return obj[tuple(entry_indices(sub, dims, notation, held))]
    if name in INDEX_LETTERS:
        return sp.Symbol(name, integer=True, positive=True)
    if re.fullmatch(r"math(?:rm)?\{\w+\}", name):  # \mathrm{erf} read without its ( … )
        raise UnreadableLatexError(
            f"\\{name.replace('math{', 'mathrm{')} is no quantity of the problem; "
            "a function needs its argument in ( )",
            name,
            None,
        )
    return sp.Symbol(name, real=True)


#: single letters read as positive integers (indices, sizes, time steps) unless the
#: problem's notation says otherwise
INDEX_LETTERS = frozenset("ijklmnt")


def _plain(sub: str) -> str:
    return sub[1:-1] if sub.startswith("{") else sub


def _split_subscript(name: str):
    depth = 0
    for n, c in enumerate(name):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "_" and depth == 0:
            return name[:n], name[n + 1 :]
    return name, None


def entry_indices(sub: str, count: int, notation: Notation, held: dict) -> list:
    inner = _plain(sub)
    if "," in inner:
        parts = [p.strip() for p in inner.split(",")]
    elif count == 2 and len(inner) == 2:
        parts = list(inner)
    else:
        parts = [inner]
    if len(parts) != count:
        raise UnreadableLatexError(f"expected {count} indices in subscript {sub!r}", sub, None)
    out = []
    for p in parts:
        if p.isdigit():
            out.append(sp.Integer(p))
        elif p in notation.indices:
            out.append(notation.indices[p])
        elif isinstance(notation.names.get(p), sp.Symbol):  # an index the notation names
            out.append(notation.names[p])
        elif re.fullmatch(r"[A-Za-z]", p):
            out.append(sp.Symbol(p, integer=True, positive=True))
        elif p.isalpha() and len(p) > 1 and count == 1:  # x_{ij} of a 1-index name
            raise UnreadableLatexError(f"subscript {sub!r}: one index expected", sub, None)
        else:
            out.append(map_names(parse(p, p, p), notation, held))
    return out


def rebuild_logic(cond):
    """A condition rebuilt from its parts (the reader's chained 0 ≤ n < L−1 is an And that
    SymPy's Piecewise cannot simplify as it comes)."""
    if isinstance(cond, sp.core.relational.Relational):
        return sp.core.relational.Relational(cond.lhs, cond.rhs, cond.rel_op)
    for kind in (sp.And, sp.Or, sp.Not):  # the reader's own And subclass → SymPy's
        if isinstance(cond, kind):
            return kind(*[rebuild_logic(a) for a in cond.args])
    return cond


_PRIMED = {"tanh": sp.tanh, "sin": sp.sin, "cos": sp.cos, "exp": sp.exp, "log": sp.log,
           "ln": sp.log, "sinh": sp.sinh, "cosh": sp.cosh, "arctan": sp.atan}  # fmt: skip
