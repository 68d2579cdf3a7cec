"""Index-level calculus: the chain rule through a problem's definitions and Kronecker-delta
collapse under index ranges (matrix form is in ``matrix_form``).

Every rule appends the equation it produces to a list of ``Step`` so that a derivation
can be shown and each step checked.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

from ..ops.algebra import tidy
from ..ops.functions import Upstream, diff, gradient_base, sigmoid_prime_identity
from ..ops.printer import latex as _tex
from ..ops.steps import Step
from ..spec import Definition, MatrixDet, MatrixInverseEntry, Problem
from .assume import Assumptions


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
        self._reach: dict[sp.Basic, frozenset] = {}
        self._memo: dict[tuple, sp.Expr] = {}
        self.assumptions = Assumptions(
            tuple(sp.sympify(a).xreplace(self.sizes) for a in problem.assumptions)
        )
        self.assumptions.derived_sums(problem, self.sizes)  # Σ_k q_k = 1 from Σ_k y_k = 1
        self._names = {str(x) for x in _symbols_of(problem)}

    # -- what depends on what -------------------------------------------------
    def key(self, atom: sp.Basic):
        return atom.base if isinstance(atom, sp.Indexed) else atom

    def is_defined(self, atom: sp.Basic) -> bool:
        return isinstance(atom, sp.Indexed | sp.Symbol) and self.key(atom) in self.defs

    def instance(self, atom: sp.Basic) -> sp.Expr:
        """The right side of ``atom``'s definition at ``atom``'s indices (ỹ[k'] → rhs with
        k → k'), capture-avoiding: a summation index of the right side that is also one of
        ``atom``'s indices is renamed apart first."""
        d = self.defs[self.key(atom)]
        rhs = d.rhs
        if isinstance(d.lhs, sp.Indexed):
            clash = set().union(*(i.free_symbols for i in atom.indices)) - set(d.lhs.indices)
            rhs = self.rename_bound(rhs, clash | set(atom.indices))
            rhs = rhs.xreplace(dict(zip(d.lhs.indices, atom.indices)))
        return rhs.xreplace(self.sizes)

    def fresh_index(self, avoid=()) -> sp.Symbol:
        """An index symbol whose name the problem uses nowhere (and not in ``avoid``)."""
        taken = self._names | {str(a) for a in avoid}
        for name in _FRESH:
            if name not in taken:
                self._names.add(name)
                return sp.Symbol(name, integer=True, positive=True)
        n = 1
        while f"l_{n}" in taken:
            n += 1
        self._names.add(f"l_{n}")
        return sp.Symbol(f"l_{n}", integer=True, positive=True)

    def rename_bound(self, expr: sp.Basic, avoid: set) -> sp.Basic:
        """Every summation index of ``expr`` that is in ``avoid`` renamed to a fresh one."""
        if not avoid or not expr.has(sp.Sum):
            return expr

        def one(s):
            limits, mapping = [], {}
            for lim in s.limits:
                v = lim[0]
                if v in avoid:
                    new = self.fresh_index(avoid | s.free_symbols)
                    mapping[v] = new
                    limits.append((new, *[b.xreplace(mapping) for b in lim[1:]]))
                else:
                    limits.append(tuple(b.xreplace(mapping) for b in lim))
            return sp.Sum(self.rename_bound(s.function, avoid).xreplace(mapping), *limits)

        return expr.replace(lambda e: isinstance(e, sp.Sum), one)

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

    def reach(self, key) -> frozenset:
        """Every quantity (defined or leaf) that ``key`` depends on, itself included."""
        if key in self._reach:
            return self._reach[key]
        self._reach[key] = frozenset([key])  # guards against cyclic definitions
        out = {key}
        if key in self.defs:
            rhs = self.defs[key].rhs
            for a in self.atoms_of(rhs):
                out |= self.reach(self.key(a))
            for up in rhs.atoms(Upstream):  # L(y_1, …, y_n): through every entry of y
                out |= self.reach(up.args[0])
            for m in rhs.atoms(MatrixDet, MatrixInverseEntry):  # det X, (X⁻¹)_kl: all of X
                out |= self.reach(m.args[0])
        self._reach[key] = frozenset(out)
        return self._reach[key]

    def depends(self, atom: sp.Basic, var: sp.Basic) -> bool:
        """Does ``atom`` depend on ``var`` (directly, or through definitions at any depth)?"""
        return self.key(var) in self.reach(self.key(atom))

    def depends_expr(self, expr: sp.Basic, var: sp.Basic) -> bool:
        return any(self.depends(a, var) for a in self.atoms_of(expr))

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
            for m in e.atoms(MatrixInverseEntry):  # (X⁻¹)_kl: k, l run over X's size
                for idx in m.args[2:]:
                    if isinstance(idx, sp.Symbol) and idx not in out:
                        out[idx] = (sp.S.One, m.args[1])
        return out

    # -- the chain rule ---------------------------------------------------------
    def differentiate(self, q: sp.Expr, var: sp.Expr, steps: list[Step], ranges) -> sp.Expr:
        """∂q/∂var for a quantity ``q``, written in the problem's notation; records steps.

        The multivariate chain rule through the definitions, at any depth: every defined
        quantity (and every sum) that depends on ``var`` is a node of the chain; ``var`` may
        itself be defined (∂L/∂s for an intermediate s), and then it is not unfolded.
        """
        lhs = sp.Derivative(q, var)
        if self.key(q) == self.key(var) or not self.is_defined(q):
            return collapse_deltas(diff(q, var), ranges)
        if not self.depends(q, var):
            return sp.S.Zero
        if (q, var) in self._memo:  # reached again through another path: derived once
            return self._memo[q, var]
        self._memo[q, var] = result = self._differentiate(q, var, lhs, steps, ranges)
        return result

    def derivative(self, d: sp.Derivative, steps: list[Step], ranges) -> sp.Expr:
        """The value of a derivative of any order (∂²L/∂w_i∂w_j): the first by the chain rule
        through the definitions, each further one of that result, through them again."""
        value = self.differentiate(d.expr, d.variables[0], steps, ranges)
        for k in range(1, len(d.variables)):
            value = sigmoid_prime_identity(value)  # σ' = σ(1 − σ): no σ'' to carry
            value = collapse_deltas(tidy(self.total(value, d.variables[k], steps, ranges)), ranges)
            lhs = sp.Derivative(d.expr, *d.variables[: k + 1])
            steps.append(
                Step("differentiate again", lhs, value, note=f"by ${_tex(d.variables[k])}$")
            )
        return value

    def _differentiate(self, q, var, lhs, steps, ranges):
        # summation indices renamed apart from the variable's (∂L/∂w_l with y_j = Σ_l …)
        rhs = self.rename_bound(self.instance(q), set(var.free_symbols) | set(ranges))
        name = self.defs[self.key(q)].name
        if isinstance(rhs, Upstream):
            return self._upstream(q, rhs.args[0], var, lhs, steps, ranges)
        if rhs.has(sp.Derivative):  # g_i := ∂L/∂w_i: the derivative derived first
            steps.append(Step("definition", q, rhs, note=name))
            inner = {d: self.derivative(d, steps, ranges) for d in rhs.atoms(sp.Derivative)}
            rhs, name = rhs.xreplace(inner), "derived"
        steps.append(Step("definition", q, rhs, note=name))
        frozen, nodes = self._freeze(rhs, var)
        if not nodes:
            direct = diff(rhs, var)
            steps.append(Step("differentiate", lhs, direct, note=_diff_note(rhs, var)))
            collapsed = collapse_deltas(direct, ranges)
            if collapsed != direct:
                steps.append(
                    Step("Kronecker delta collapse", lhs, collapsed, note=_collapse_note(ranges))
                )
            return collapsed
        chain, shown = self._chain(frozen, nodes, var)
        steps.append(
            Step(
                "chain rule",
                lhs,
                chain,
                note="through " + ", ".join(f"${_tex(n)}$" for n in nodes.values()),
            )
        )
        values = {shown[u]: self._node(n, var, steps, ranges) for u, n in nodes.items()}
        result = collapse_deltas(tidy(chain.xreplace(values)), ranges)
        steps.append(Step("substitute", lhs, result))
        return result

    def total(self, expr: sp.Expr, var: sp.Expr, steps: list[Step], ranges) -> sp.Expr:
        """d expr / d var of any expression (no step of its own; its nodes record theirs)."""
        frozen, nodes = self._freeze(expr, var)
        if not nodes:
            return collapse_deltas(diff(expr, var), ranges)
        chain, shown = self._chain(frozen, nodes, var)
        values = {shown[u]: self._node(n, var, steps, ranges) for u, n in nodes.items()}
        return collapse_deltas(chain.xreplace(values), ranges)

    def _freeze(self, expr, var):
        """``expr`` with each defined quantity that depends on ``var``, and each maximal sum
        over such quantities, replaced by a fresh symbol; returns (frozen expression,
        {symbol: node}). A sum of leaves only (Σ_l W_kl x_l) is left to SymPy's ``diff``."""
        nodes: dict = {}
        avoid = set(var.free_symbols)

        def through(e) -> bool:
            return any(
                self.is_defined(a) and self.key(a) != self.key(var) and self.depends(a, var)
                for a in self.atoms_of(e)
            )

        def walk(e):
            if isinstance(e, sp.Sum):  # its index renamed apart from the variable's
                e = self.rename_bound(e, {lim[0] for lim in e.limits} & avoid)
            if isinstance(e, sp.Sum) or (self.is_defined(e) and self.key(e) != self.key(var)):
                if through(e) if isinstance(e, sp.Sum) else self.depends(e, var):
                    for u, n in nodes.items():
                        if n == e:
                            return u
                    u = sp.Dummy("u", real=True)
                    nodes[u] = e
                    return u
                return e
            if not e.args or isinstance(e, sp.Indexed):
                return e
            args = [walk(a) for a in e.args]
            return e.func(*args) if args != list(e.args) else e

        frozen = walk(expr)
        nodes = dict(sorted(nodes.items(), key=lambda kv: sp.default_sort_key(kv[1])))
        return frozen, nodes

    def _chain(self, frozen, nodes, var):
        """∂/∂var of the frozen expression plus Σ over nodes of ∂/∂node · ∂node/∂var, with
        the inner derivatives written unevaluated (∂ỹ_k/∂W_ij, Σ_l ∂(…)/∂W_ij)."""
        shown = {}
        for u, n in nodes.items():
            if isinstance(n, sp.Sum):
                shown[u] = sp.Sum(sp.Derivative(n.function, var), *n.limits)
            else:
                shown[u] = sp.Derivative(n, var)
        chain = diff(frozen, var) + sp.Add(*[diff(frozen, u) * shown[u] for u in nodes])
        return chain.xreplace(nodes), shown

    def _node(self, node, var, steps, ranges):
        """The derivative of one node of the chain: a defined quantity, or a sum (whose
        index range becomes known for the collapse of deltas inside)."""
        if not isinstance(node, sp.Sum):
            return self.differentiate(node, var, steps, ranges)
        for v, lo, hi in node.limits:
            ranges.setdefault(v, (lo, hi))
        inner = self.total(node.function, var, steps, ranges)
        return collapse_deltas(sp.Sum(inner, *node.limits), ranges)

    def _upstream(self, q, base, var, lhs, steps, ranges):
        """∂L/∂v = Σ_j ∂L/∂y_j ∂y_j/∂v for a loss L downstream of every y_j (of every Y_ij,
        a sum over each index, for a quantity with several)."""
        grad = gradient_base(q, base)
        if isinstance(var, sp.Indexed) and var.base == base:
            return grad[var.indices]  # an upstream gradient: given, not derived
        shape = self.shapes[base]
        # apart from the variable's own indices too: ∂L/∂x̂_j under an answer's Σ_j is
        # Σ_l ∂L/∂y_l ∂y_l/∂x̂_j, never Σ_j ∂L/∂y_j ∂y_j/∂x̂_j
        used = {str(s) for s in lhs.free_symbols | var.free_symbols} | {str(s) for s in ranges}
        free = (c for c in "jlpqrsuvw" if c not in used)
        idx = tuple(sp.Symbol(next(free), integer=True, positive=True) for _ in shape)
        limits = [(j, sp.S.One, size) for j, size in zip(idx, shape)]
        for j, size in zip(idx, shape):
            ranges[j] = (sp.S.One, size)
        chain = sp.Sum(grad[idx] * sp.Derivative(base[idx], var), *limits)
        steps.append(
            Step("chain rule", lhs, chain, note=f"$L$ depends on every ${_tex(base[idx])}$")
        )
        inner = self.differentiate(base[idx], var, steps, ranges)
        result = collapse_deltas(sp.Sum(grad[idx] * inner, *limits), ranges)
        result = tidy(result)
        steps.append(Step("substitute", lhs, result))
        return result


#: names for fresh summation indices, in order of preference
_FRESH = ("l", "j", "p", "q", "r", "s", "u", "v", "a", "c", "d", "e", "g", "h")


def _symbols_of(problem) -> set:
    """Every symbol the problem's definitions, targets and shapes mention (bound ones too)."""
    out = set()
    exprs = [d.lhs for d in problem.definitions] + [d.rhs for d in problem.definitions]
    exprs += [t.expr for t in problem.targets]
    for e in exprs:
        if isinstance(e, sp.Basic):
            out |= e.atoms(sp.Symbol)
    for base, shape in dict(problem.shapes).items():
        out |= {base.label} if hasattr(base, "label") else set()
        for s in shape:
            out |= sp.sympify(s).atoms(sp.Symbol)
    return out


def _diff_note(rhs, var) -> str:
    if isinstance(var, sp.Indexed) and rhs.has(var.base):
        entry = var.base[sp.symbols("a b c d e f", integer=True)[: len(var.indices)]]
        return (  # (w_ab, or {h_t}_a: the printer's own braces for a subscripted name)
            f"$\\partial {_tex(entry)} / \\partial {_tex(var)}$ = product of Kronecker "
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

    A delta whose other side is an expression in the summation index with coefficient ±1
    (δ_{i, j + l − 1}) is solved for it; if the solution cannot be shown to lie in the range,
    the range condition stays as an Iverson bracket, which then tightens an enclosing sum's
    bounds (Σ_j [1 ≤ i − j + 1 ≤ K] f_j = Σ_{j = max(1, i − K + 1)}^{min(…, i)} f_j).
    A delta whose bare index might fall outside an unknown range is left alone (never guessed).
    """
    ranges = ranges or {}

    def one(s: sp.Sum):
        if len(s.limits) != 1:  # the inner sums first; the outer one on what they became
            inner = collapse_deltas(sp.Sum(s.function, *s.limits[:-1]), ranges)
            return single(inner, s.limits[-1])
        return single(s.function, s.limits[0])

    def single(function, limit):
        l, a, b = limit
        a, b, function = _tighten(l, a, b, function)
        local = dict(ranges)
        local[l] = (a, b)
        terms = sp.Add.make_args(sp.expand(_delta_out_of_cases(function, l)))
        out = []
        for term in terms:
            done = None
            for f in sp.Mul.make_args(term):
                if isinstance(f, sp.KroneckerDelta) and l in f.free_symbols:
                    t = _solve_index(f, l)
                    if t is None:
                        continue
                    rest = sp.Mul(*[g for g in sp.Mul.make_args(term) if g is not f])
                    inside = in_range(t, a, b, local)
                    if inside is True:
                        done = rest.xreplace({l: t})
                    elif inside is False:
                        done = sp.S.Zero
                    elif not t.is_Symbol:  # a compound index: keep its range as a bracket
                        done = rest.xreplace({l: t}) * iverson(sp.And(a <= t, t <= b))
                    if done is not None:
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


def _delta_out_of_cases(f, l):
    """A δ of the summation index in every row of a case split taken out in front of it:
    Σ_n [r_n δ_in if |r_n| ≤ δ, else δ sign(r_n) δ_in] → Σ_n δ_in [r_n …] (a Huber gradient),
    so that the sum collapses like any other."""
    if not f.has(sp.Piecewise):
        return f

    def one(pw):
        deltas = None
        for value, _cond in pw.args:
            found = {g for g in sp.Mul.make_args(value) if isinstance(g, sp.KroneckerDelta)
                     and l in g.free_symbols}  # fmt: skip
            deltas = found if deltas is None else deltas & found
        if not deltas:
            return pw
        d = sorted(deltas, key=sp.default_sort_key)[0]
        return d * sp.Piecewise(*[(sp.cancel(v / d), c) for v, c in pw.args])

    return f.replace(lambda e: isinstance(e, sp.Piecewise), one)


def iverson(cond) -> sp.Expr:
    """The Iverson bracket [cond]: 1 where it holds, else 0 (a Piecewise, so that SymPy
    evaluates it wherever the condition is decided)."""
    return sp.Piecewise((sp.S.One, cond), (sp.S.Zero, True))


def _solve_index(delta: sp.KroneckerDelta, l: sp.Symbol):
    """The value of ``l`` where the delta is 1, if its sides differ by ±l + (terms free of
    l); else None."""
    d = sp.expand(delta.args[0] - delta.args[1])
    c = d.coeff(l)
    if c not in (1, -1) or l in (d - c * l).free_symbols:
        return None
    return sp.expand(l - d / c)


def _tighten(l, a, b, function):
    """Move the conditions on ``l`` of Iverson-bracket factors into the sum's bounds."""
    new_a, new_b, factors, changed = [a], [b], [], False
    for f in sp.Mul.make_args(function):
        found = _bracket(f)
        if found is None or l not in f.free_symbols:
            factors.append(f)
            continue
        value, conds = found
        factors.append(value)
        keep = []
        for c in conds:
            bound = _linear_bound(c, l)
            if bound is None:
                keep.append(c)
            else:
                (new_a if bound[0] == "lo" else new_b).append(bound[1])
                changed = True
        if keep:
            factors.append(iverson(sp.And(*keep)))
    if not changed:
        return a, b, function
    return sp.Max(*new_a), sp.Min(*new_b), sp.Mul(*factors)


def _bracket(f):
    """(v, conjuncts of c) for ``Piecewise((v, c), (0, True))`` (v·[c]), else None."""
    if (
        isinstance(f, sp.Piecewise)
        and len(f.args) == 2
        and f.args[1].expr == 0
        and f.args[1].cond is sp.true
    ):
        c = f.args[0].cond
        return f.args[0].expr, list(c.args) if isinstance(c, sp.And) else [c]
    return None


def _linear_bound(cond, l):
    """("lo", t) for l ≥ t, ("hi", t) for l ≤ t, from a relation linear in l (coefficient ±1)."""
    if not isinstance(
        cond, sp.GreaterThan | sp.LessThan | sp.StrictGreaterThan | sp.StrictLessThan
    ):
        return None
    d = sp.expand(cond.lhs - cond.rhs)  # cond: d ≥ 0, d ≤ 0, d > 0 or d < 0
    c = d.coeff(l)
    if c not in (1, -1) or l in (d - c * l).free_symbols:
        return None
    rest = d - c * l
    upper = isinstance(cond, sp.LessThan | sp.StrictLessThan)
    strict = isinstance(cond, sp.StrictGreaterThan | sp.StrictLessThan)
    if c == -1:
        upper = not upper
    t = -rest / c  # the relation is  l (≤ or ≥) t, shifted by one when strict
    if strict:
        t = t - 1 if upper else t + 1
    return ("hi" if upper else "lo", sp.expand(t))
