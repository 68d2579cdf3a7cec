"""Index-level calculus: the chain rule through a problem's definitions, Kronecker-delta
collapse under index ranges, and lifting index-level entries to matrix form.

Every rule appends the equation it produces to a list of ``Step`` so that a derivation
can be shown and each step checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from .errors import DerivationError
from .functions import Upstream, gradient_base
from .matrices import BasisVector, DiagMatrix, ElementwiseApplyFunction
from .spec import Definition, Problem


@dataclass
class Step:
    """One named rule and the equation ``lhs = rhs`` it produces."""

    rule: str
    lhs: sp.Basic
    rhs: sp.Basic
    note: str = ""
    #: how the engine verified lhs = rhs ("verified at N points"), "" if not checked
    check: str = ""

    @property
    def tex(self) -> tuple[str, str]:
        """(lhs, rhs) as LaTeX; rendered once and kept (cached derivations skip printing)."""
        if "_tex" not in self.__dict__:
            from .emit import latex

            self.__dict__["_tex"] = (latex(self.lhs), latex(self.rhs))
        return self.__dict__["_tex"]


class Context:
    """What the engine knows about one target: definitions, shapes and index ranges."""

    def __init__(self, problem: Problem, sizes: Mapping[sp.Symbol, int] | None = None):
        self.problem = problem
        self.sizes = {sym: sp.Integer(v) for sym, v in (sizes or {}).items()}
        self.defs: dict[sp.Basic, Definition] = {d.key: d for d in problem.definitions}
        self.shapes = {
            base: tuple(sp.sympify(s).xreplace(self.sizes) for s in shape)
            for base, shape in problem.shapes.items()
        }
        self._deps: dict[sp.Basic, frozenset] = {}

    # -- what depends on what -------------------------------------------------
    def key(self, atom: sp.Basic):
        return atom.base if isinstance(atom, sp.Indexed) else atom

    def is_defined(self, atom: sp.Basic) -> bool:
        return isinstance(atom, sp.Indexed | sp.Symbol) and self.key(atom) in self.defs

    def instance(self, atom: sp.Basic) -> sp.Expr:
        return self.defs[self.key(atom)].instance(atom).xreplace(self.sizes)

    def atoms_of(self, expr: sp.Basic) -> set:
        """Indexed objects and plain symbols of ``expr`` (the quantities it is written in)."""
        found = set(expr.atoms(sp.Indexed))
        inside = set()
        for a in found:
            inside |= a.free_symbols
        # A plain symbol counts unless it only occurs as an index or an IndexedBase label.
        for s in expr.free_symbols:
            if isinstance(s, sp.Symbol) and s not in inside:
                found.add(s)
        for s in expr.free_symbols:
            if isinstance(s, sp.Symbol) and s in self.defs:
                found.add(s)
        return found

    def leaf_keys(self, key) -> frozenset:
        """Leaf quantities (bases or symbols) that a defined quantity depends on, transitively."""
        if key in self._deps:
            return self._deps[key]
        if key not in self.defs:
            return frozenset([key])
        self._deps[key] = frozenset()  # guards against cyclic definitions
        out = set()
        for a in self.atoms_of(self.defs[key].rhs):
            out |= self.leaf_keys(self.key(a))
        self._deps[key] = frozenset(out)
        return self._deps[key]

    def gradients(self) -> dict:
        """Label of each upstream-gradient quantity → (loss, the vector it is downstream of)."""
        out = {}
        for key, d in self.defs.items():
            if isinstance(d.rhs, Upstream):
                out[gradient_base(key, d.rhs.args[0]).label] = (key, d.rhs.args[0])
        return out

    def depends(self, atom: sp.Basic, var: sp.Basic) -> bool:
        return self.key(var) in self.leaf_keys(self.key(atom))

    # -- index ranges -----------------------------------------------------------
    def ranges(self, *exprs: sp.Basic) -> dict[sp.Symbol, tuple]:
        """Range 1..size of every index symbol, read off where it indexes a shaped quantity."""
        out: dict[sp.Symbol, tuple] = {}
        for e in exprs:
            for a in e.atoms(sp.Indexed):
                shape = self.shapes.get(a.base)
                if shape is None:
                    continue
                for idx, size in zip(a.indices, shape):
                    if isinstance(idx, sp.Symbol) and idx not in out:
                        out[idx] = (sp.S.One, size)
        return out

    # -- the chain rule ---------------------------------------------------------
    def differentiate(self, q: sp.Expr, var: sp.Expr, steps: list[Step], ranges) -> sp.Expr:
        """∂q/∂var for a quantity ``q``, written in the problem's notation; records steps."""
        lhs = sp.Derivative(q, var)
        if not self.is_defined(q):
            return collapse_deltas(sp.diff(q, var), ranges)
        rhs = self.instance(q)
        name = self.defs[self.key(q)].name
        if isinstance(rhs, Upstream):
            return self._upstream(q, rhs.args[0], var, lhs, steps, ranges)
        steps.append(Step("definition", q, rhs, note=name))
        inner = sorted(
            (a for a in self.atoms_of(rhs) if self.is_defined(a) and self.depends(a, var)),
            key=sp.default_sort_key,
        )
        if not inner:
            direct = sp.diff(rhs, var)
            steps.append(Step("differentiate", lhs, direct, note=_diff_note(rhs, var)))
            collapsed = collapse_deltas(direct, ranges)
            if collapsed != direct:
                steps.append(
                    Step("Kronecker delta collapse", lhs, collapsed, note=_collapse_note(ranges))
                )
            return collapsed
        chain = sp.diff(rhs, var) + sp.Add(
            *[sp.diff(rhs, a) * sp.Derivative(a, var) for a in inner]
        )
        steps.append(
            Step(
                "chain rule",
                lhs,
                chain,
                note="through " + ", ".join(f"${_tex(a)}$" for a in inner),
            )
        )
        values = {sp.Derivative(a, var): self.differentiate(a, var, steps, ranges) for a in inner}
        result = collapse_deltas(tidy(chain.xreplace(values)), ranges)
        steps.append(Step("substitute", lhs, result))
        return result

    def _upstream(self, q, base, var, lhs, steps, ranges):
        """∂L/∂v = Σ_j ∂L/∂y_j ∂y_j/∂v for a loss L downstream of every y_j."""
        grad = gradient_base(q, base)
        if isinstance(var, sp.Indexed) and var.base == base:
            return grad[var.indices]  # an upstream gradient: given, not derived
        size = self.shapes[base][0]
        used = {str(s) for s in lhs.free_symbols} | {str(s) for s in ranges}
        j = next(sp.Symbol(c, integer=True, positive=True) for c in "jlpqrsuvw" if c not in used)
        ranges[j] = (sp.S.One, size)
        chain = sp.Sum(grad[j] * sp.Derivative(base[j], var), (j, 1, size))
        steps.append(Step("chain rule", lhs, chain, note=f"$L$ depends on every ${_tex(base[j])}$"))
        inner = self.differentiate(base[j], var, steps, ranges)
        result = collapse_deltas(sp.Sum(grad[j] * inner, (j, 1, size)), ranges)
        result = tidy(result)
        steps.append(Step("substitute", lhs, result))
        return result


def _tex(e) -> str:
    from .emit import latex

    return latex(e)


def _diff_note(rhs, var) -> str:
    if isinstance(var, sp.Indexed) and rhs.has(var.base):
        base = var.base
        return (
            f"$\\partial {_tex(base)}_{{ab}} / \\partial {_tex(var)}$ = product of Kronecker "
            "deltas; every other quantity is constant"
        )
    return ""


def _collapse_note(ranges) -> str:
    return "$\\sum_l \\delta_{lj} a_l = a_j$ when $j$ lies in the range of $l$"


# -- rules usable on their own ------------------------------------------------------


def mentions(e: sp.Basic, s: sp.Symbol) -> bool:
    """Does ``e`` depend on ``s``? (Also through a derivative's variable: ∂L/∂y_j mentions j,
    though SymPy's free_symbols of that derivative do not list it.)"""
    if s in e.free_symbols:
        return True
    return any(s in v.free_symbols for d in e.atoms(sp.Derivative) for v in d.variables)


def in_range(t: sp.Expr, lo: sp.Expr, hi: sp.Expr, ranges: Mapping) -> bool | None:
    """Is the integer ``t`` provably within [lo, hi]? ``None`` when it cannot be decided."""
    if t.is_Integer:
        below, above = t - lo, hi - t
    elif t in ranges:
        tlo, thi = ranges[t]
        below, above = tlo - lo, hi - thi
    else:
        return None
    below, above = sp.simplify(below), sp.simplify(above)
    if below.is_nonnegative and above.is_nonnegative:
        return True
    if below.is_negative or above.is_negative:
        return False if t.is_Integer else None
    return None


def collapse_deltas(expr: sp.Expr, ranges: Mapping | None = None) -> sp.Expr:
    """Σ_l δ_{l t} f(l) → f(t) wherever t provably lies in the summation range.

    Sums whose delta index might fall outside the range are left alone (never guessed).
    """
    ranges = ranges or {}

    def one(s: sp.Sum):
        if len(s.limits) != 1:
            inner = sp.Sum(s.function, *s.limits[:-1])
            return one(sp.Sum(collapse_deltas(inner, ranges), s.limits[-1]))
        l, a, b = s.limits[0]
        local = dict(ranges)
        local[l] = (a, b)
        terms = sp.Add.make_args(sp.expand(s.function))
        out = []
        for term in terms:
            done = None
            for f in sp.Mul.make_args(term):
                if isinstance(f, sp.KroneckerDelta) and l in f.free_symbols:
                    x, y = f.args
                    other = y if x == l else x
                    if l in other.free_symbols or other == l:
                        continue
                    if in_range(other, a, b, local) is True:
                        rest = sp.Mul(*[g for g in sp.Mul.make_args(term) if g is not f])
                        done = rest.xreplace({l: other})
                        break
            if done is None and not mentions(term, l):
                done = term * (b - a + 1)
            if done is None:  # constants come out of the sum: Σ_l c f(l) = c Σ_l f(l)
                outside = [g for g in sp.Mul.make_args(term) if not mentions(g, l)]
                inside = [g for g in sp.Mul.make_args(term) if mentions(g, l)]
                done = sp.Mul(*outside) * sp.Sum(sp.Mul(*inside), (l, a, b))
            out.append(done)
        return sp.Add(*out)

    prev = None
    while prev != expr:
        prev = expr
        expr = expr.replace(lambda e: isinstance(e, sp.Sum), one)
    return expr


def tidy(expr: sp.Expr) -> sp.Expr:
    """A light, predictable simplification: the shortest of a few equal forms."""
    if isinstance(expr, sp.MatrixBase | sp.MatrixExpr):
        return expr
    forms = [expr]
    ex = sp.expand(expr)
    forms += [ex, sp.factor_terms(ex), sp.factor_terms(expr)]
    return min(forms, key=lambda f: (sp.count_ops(f), len(str(f))))


# -- lifting index-level entries to matrix form ---------------------------------------


def matrix_symbol(ctx: Context, base: sp.IndexedBase) -> sp.MatrixSymbol:
    shape = ctx.shapes.get(base)
    if shape is None:
        raise DerivationError(f"no shape is declared for {base}")
    if len(shape) == 1:
        return sp.MatrixSymbol(str(base.label), shape[0], 1)
    return sp.MatrixSymbol(str(base.label), *shape)


def _vector(ctx: Context, f: sp.Expr, idx: sp.Symbol, size) -> sp.MatrixExpr:
    """A column vector v with v_idx = f."""
    if isinstance(f, sp.KroneckerDelta):
        other = f.args[0] if f.args[1] == idx else f.args[1]
        if idx not in other.free_symbols:
            return BasisVector(other, size)
    if isinstance(f, sp.Indexed) and f.indices == (idx,):
        return matrix_symbol(ctx, f.base)
    if isinstance(f, sp.Indexed) and len(f.indices) == 2 and f.base in ctx.shapes:
        a, b = f.indices
        shape = ctx.shapes[f.base]
        if a == idx and idx not in b.free_symbols:  # column b of the matrix: M e_b
            return sp.MatMul(matrix_symbol(ctx, f.base), BasisVector(b, shape[1]))
        if b == idx and idx not in a.free_symbols:  # row a, as a column: Mᵀ e_a
            return sp.MatMul(matrix_symbol(ctx, f.base).T, BasisVector(a, shape[0]))
    carriers = [a for a in f.atoms(sp.Indexed) if idx in a.free_symbols]
    if len(carriers) == 1 and carriers[0].indices == (idx,):
        u = sp.Dummy("u")
        fn = sp.Lambda(u, f.xreplace({carriers[0]: u}))
        if idx not in fn.free_symbols:
            return ElementwiseApplyFunction(fn, matrix_symbol(ctx, carriers[0].base))
    raise DerivationError(f"cannot write {f} as a vector over index {idx}")


def _matrix(ctx: Context, f: sp.Expr, row: sp.Symbol, col: sp.Symbol, nrows) -> sp.MatrixExpr:
    if isinstance(f, sp.KroneckerDelta) and set(f.args) == {row, col}:
        return sp.Identity(nrows)
    if isinstance(f, sp.Indexed) and len(f.indices) == 2:
        if f.indices == (row, col):
            return matrix_symbol(ctx, f.base)
        if f.indices == (col, row):
            return matrix_symbol(ctx, f.base).T
    raise DerivationError(f"cannot write {f} as a matrix over indices ({row}, {col})")


def lift(ctx: Context, entry: sp.Expr, row: sp.Symbol, col: sp.Symbol, nrows, ncols):
    """The matrix M (a SymPy matrix expression) with M[row, col] = entry.

    Factors are sorted by the indices they carry: constant c, row-only r(row),
    column-only s(col), both m(row, col); then M = c · diag(r) · m · diag(s), or the
    outer product c · r sᵀ when there is no two-index factor.
    """
    if col is None:  # a column vector over ``row``
        const = [f for f in sp.Mul.make_args(entry) if row not in f.free_symbols]
        r = [f for f in sp.Mul.make_args(entry) if row in f.free_symbols]
        if not r:
            raise DerivationError(f"cannot lift {entry}: it does not vary with {row}")
        vec = _vector(ctx, sp.Mul(*r), row, nrows)
        c = sp.Mul(*const)
        if c == 1:
            return vec
        return sp.MatMul(c, *(vec.args if isinstance(vec, sp.MatMul) else (vec,)))
    const, r, s, both = [], [], [], []
    for f in sp.Mul.make_args(entry):
        has_r, has_c = row in f.free_symbols, col in f.free_symbols
        (both if has_r and has_c else r if has_r else s if has_c else const).append(f)
    if len(both) > 1:
        raise DerivationError(f"cannot lift {entry} to matrix form: too many two-index factors")
    c = sp.Mul(*const)
    rv = _vector(ctx, sp.Mul(*r), row, nrows) if r else None
    sv = _vector(ctx, sp.Mul(*s), col, ncols) if s else None
    if both:
        m = _matrix(ctx, both[0], row, col, nrows)
        if isinstance(m, sp.Identity) and (rv is not None) != (sv is not None):
            mat = DiagMatrix(rv if rv is not None else sv)
        else:
            parts = ([DiagMatrix(rv)] if rv is not None else []) + [m]
            parts += [DiagMatrix(sv)] if sv is not None else []
            mat = sp.MatMul(*parts) if len(parts) > 1 else parts[0]
    elif rv is not None and sv is not None:
        mat = sp.MatMul(rv, sv.T)
    else:
        raise DerivationError(f"cannot lift {entry}: it does not vary with both indices")
    if c == 1:
        return mat
    return sp.MatMul(c, *(mat.args if isinstance(mat, sp.MatMul) else (mat,)))


def explicit(ctx: Context, mat: sp.MatrixExpr, sizes: Mapping) -> sp.Matrix:
    """A matrix expression at concrete sizes as an explicit Matrix of 1-based Indexed entries."""
    bases = {str(b.label): b for b in ctx.shapes}
    m = mat.xreplace({k: sp.Integer(v) for k, v in sizes.items()}).as_explicit()

    def to_indexed(e):
        name = str(e.parent.name)
        base = bases.get(name, sp.IndexedBase(name))
        shape = ctx.shapes.get(base, ())
        if len(shape) == 1:
            return base[e.i + 1]
        return base[e.i + 1, e.j + 1]

    return m.applyfunc(lambda e: e.replace(lambda a: isinstance(a, MatrixElement), to_indexed))
