"""Index-level calculus: the chain rule through a problem's definitions and Kronecker-delta
collapse under index ranges (matrix form is in ``matrix_form``).

Every rule appends the equation it produces to a list of ``Step`` so that a derivation
can be shown and each step checked.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from ..ops.algebra import tidy
from ..ops.functions import Upstream, gradient_base
from ..ops.printer import latex as _tex
from ..ops.steps import Step
from ..spec import Definition, Problem


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
