"""A problem's assumptions, put to work: rewriting rules for simplification (Σ_k y_k = 1)
and the test points that honour them (y a probability vector, one-hot or binary; 0 < μ < 1).
"""

from __future__ import annotations

import random
from collections.abc import Mapping

import sympy as sp


class Assumptions:
    """The assumptions of one problem, sorted by what they constrain."""

    def __init__(self, relations=()):
        #: Σ_k f(k) over limits = value, as (canonical sum, value)
        self.sums: list[tuple[sp.Sum, sp.Expr]] = []
        #: symbol or indexed base → (lo, hi) open interval
        self.intervals: dict = {}
        #: symbol or indexed base → the finite set of values it takes
        self.sets: dict = {}
        #: plain equalities lhs = rhs used as rewriting rules
        self.rules: list[tuple[sp.Expr, sp.Expr]] = []
        #: matrices stated symmetric (Eq(A[i, j], A[j, i])): entries drawn and written in pairs
        self.symmetric: set = set()
        for r in relations:
            self._add(r)

    @classmethod
    def of(cls, problem) -> Assumptions:
        out = cls(tuple(getattr(problem, "assumptions", ()) or ()))
        out.derived_sums(problem)
        return out

    def derived_sums(self, problem, sizes=None):
        """The sums a definition inherits from the assumed ones: q_k = (1 − ε) y_k + ε/K with
        Σ_k y_k = 1 gives Σ_k q_k = 1 (label smoothing keeps a distribution)."""
        if not self.sums:
            return
        shapes = dict(getattr(problem, "shapes", {}) or {})
        for d in getattr(problem, "definitions", ()):
            q = d.lhs
            if not (isinstance(q, sp.Indexed) and len(q.indices) == 1 and q.indices[0].is_Symbol):
                continue
            shape, k = shapes.get(q.base), q.indices[0]
            if not shape or len(shape) != 1 or d.rhs.has(sp.Sum, sp.Piecewise):
                continue
            shape = [sp.sympify(shape[0]).xreplace(sizes or {})]
            total = sp.S.Zero
            for t in sp.Add.make_args(sp.expand(d.rhs)):
                coeff = sp.Mul(*[f for f in sp.Mul.make_args(t) if not f.has(k)])
                total += coeff * sp.Sum(t / coeff, (k, 1, shape[0])).doit()
            total = sp.simplify(self.rewrite(total))
            if not total.has(sp.Sum, k):
                self.sums.append((canonical_sum(sp.Sum(q, (k, 1, shape[0]))), total))

    def __bool__(self) -> bool:
        return bool(self.sums or self.intervals or self.sets or self.rules or self.symmetric)

    def _add(self, r):
        if isinstance(r, sp.And):
            for a in r.args:
                self._add(a)
        elif isinstance(r, sp.Eq) and _symmetry(r) is not None:
            self.symmetric.add(_symmetry(r))
        elif isinstance(r, sp.Eq) and isinstance(r.lhs, sp.Sum):
            self.sums.append((canonical_sum(r.lhs), r.rhs))
        elif isinstance(r, sp.Eq):
            self.rules.append((r.lhs, r.rhs))
            roots = _roots(r.lhs - r.rhs)
            if roots:  # y(y − 1) = 0: y takes the values 0 and 1, and test points do too
                self.sets[_family(roots[0])] = roots[1]
        elif isinstance(r, sp.Contains) and isinstance(r.args[1], sp.FiniteSet):
            self.sets[_family(r.args[0])] = tuple(r.args[1])
        elif isinstance(r, sp.core.relational.Relational):
            self._bound(r)

    def _bound(self, r):
        for side, other, upper in ((r.lhs, r.rhs, True), (r.rhs, r.lhs, False)):
            # lhs < rhs: an upper bound for lhs, a lower bound for rhs
            if isinstance(r, sp.GreaterThan | sp.StrictGreaterThan):
                upper = not upper
            if (side.is_Symbol or isinstance(side, sp.Indexed)) and other.is_number:
                fam = _family(side)
                lo, hi = self.intervals.get(fam, (None, None))
                self.intervals[fam] = (lo, float(other)) if upper else (float(other), hi)
                return

    # -- simplification ---------------------------------------------------------------
    def rewrite(self, expr: sp.Expr) -> sp.Expr:
        """Every sum the assumptions fix replaced by its value (Σ_j y_j → 1), and the plain
        equalities applied."""
        if self.sums and expr.has(sp.Sum):
            known = dict(self.sums)

            def one(s):
                c = canonical_sum(s)
                return known.get(c, s)

            expr = expr.replace(lambda e: isinstance(e, sp.Sum), one)
        for lhs, rhs in self.rules:
            expr = expr.subs(lhs, rhs)
        if self.symmetric:  # A_ji → A_ij (one name per entry of a symmetric A)
            expr = expr.replace(
                lambda e: isinstance(e, sp.Indexed) and e.base in self.symmetric
                and len(e.indices) == 2 and _descending(*e.indices),
                lambda e: e.base[e.indices[1], e.indices[0]],
            )  # fmt: skip
        return expr

    # -- intervals: Piecewise branches and limits decided under them --------------------
    def _reparametrize(self):
        """s = lo + (hi − lo)/(1 + a) with a > 0 for every s with lo < s < hi (both finite):
        (forward substitution, backward substitution)."""
        fwd, back = {}, {}
        for s, (lo, hi) in self.intervals.items():
            if lo is None and getattr(s, "is_nonnegative", False):
                lo = 0.0  # a positive symbol: 0 < s stated by its assumptions
            if isinstance(s, sp.Symbol) and lo is not None and hi is not None:
                a = sp.Dummy(f"a_{s}", positive=True)
                fwd[s] = sp.nsimplify(lo) + sp.nsimplify(hi - lo) / (1 + a)
                back[a] = (sp.nsimplify(hi - lo) / (s - sp.nsimplify(lo))) - 1
        return fwd, back

    def decides_sign(self, expr) -> bool:
        """Do the assumed intervals fix the sign of ``expr`` (μ − 1 under 0 < μ < 1)? Such a
        branch point has one side only: no point can be drawn on the other."""
        if not self.intervals:
            return False
        if "_fwd" not in self.__dict__:
            self._fwd = self._reparametrize()[0]
        if not self._fwd or not expr.free_symbols & set(self._fwd):
            return False
        e = expr.xreplace(self._fwd)
        return e.is_positive is not None or e.is_negative is not None

    def sign(self, expr) -> int | None:
        """1 or −1 when the assumed intervals decide the sign of ``expr`` (μ − 1 < 0 under
        0 < μ < 1), else None."""
        if not self.decides_sign(expr):
            return None
        e = expr.xreplace(self._fwd)
        for form in (e, sp.factor(sp.together(e))):
            if form.is_positive:
                return 1
            if form.is_negative:
                return -1
        return None

    def refine(self, expr: sp.Expr) -> sp.Expr:
        """Piecewise branches impossible under the assumed intervals dropped (0 < μ < 1
        rules out μ = 1), and limits at infinity evaluated under them (μ^t → 0)."""
        fwd, back = self._reparametrize()
        if not fwd:
            return expr.doit() if expr.has(sp.Limit) else expr

        def branch(pw):
            kept = []
            for value, cond in pw.args:
                decided = cond.xreplace(fwd)
                decided = sp.simplify(decided) if decided not in (sp.true, sp.false) else decided
                if decided is sp.false:
                    continue
                kept.append((value, cond))
                if decided is sp.true:
                    break
            if len(kept) == 1:
                return kept[0][0]
            return sp.Piecewise(*kept) if kept else pw

        if expr.has(sp.Piecewise):
            expr = expr.replace(lambda e: isinstance(e, sp.Piecewise), branch)

        def limit(lim):
            f, var, point = lim.args[0], lim.args[1], lim.args[2]
            value = sp.limit(f.xreplace(fwd), var, point)
            return sp.simplify(value.xreplace(back)) if not value.has(sp.Limit) else lim

        if expr.has(sp.Limit):
            expr = expr.replace(lambda e: isinstance(e, sp.Limit), limit)
        return expr

    # -- test points ------------------------------------------------------------------
    def constrains(self, leaf) -> bool:
        fam = _family(leaf)
        return (
            fam in self.symmetric
            or fam in self.intervals
            or fam in self.sets
            or any(fam in _families(s) for s, _ in self.sums)
        )

    def stream_key(self, leaf) -> str:
        """What the random stream of ``leaf``'s value is named by: the sum that ties its
        family (the whole family is drawn at once, from one stream), else the leaf."""
        fam = _family(leaf)
        for s, _value in self.sums:
            if fam in _families(s):
                return str(s)
        if fam in self.symmetric and _descending(*leaf.indices):  # A_21 is A_12's stream
            return str(fam[leaf.indices[1], leaf.indices[0]])
        return str(leaf)

    def draw(self, leaf, sizes: Mapping, rng: random.Random, prec: int) -> dict:
        """Values for ``leaf`` and, where a constraint ties it to others (a sum), for the
        whole family at the concrete sizes."""
        fam = _family(leaf)
        for s, value in self.sums:
            if fam in _families(s):
                return self._draw_sum(s, value, sizes, rng, prec)
        return {leaf: sp.Float(self._draw_one(fam, rng), prec)}

    def _draw_one(self, fam, rng):
        if fam in self.sets:
            return rng.choice(self.sets[fam])
        lo, hi = self.intervals.get(fam, (None, None))
        if lo is None and getattr(fam, "is_nonnegative", False):
            lo = 0.0
        lo = -1.5 if lo is None else lo
        hi = lo + 3.0 if hi is None else hi
        if lo == -1.5 and hi < lo:
            lo = hi - 3.0
        pad = (hi - lo) * 0.05
        return rng.uniform(lo + pad, hi - pad)

    def _draw_sum(self, s: sp.Sum, value, sizes, rng, prec) -> dict:
        """Entries f(k) of a sum drawn so that they add up to ``value``: one-hot if the
        entries are binary, else positive and rescaled."""
        (k, lo, hi), f = s.limits[0], s.function
        lo, hi = int(sp.sympify(lo).xreplace(sizes)), int(sp.sympify(hi).xreplace(sizes))
        entries = [f.xreplace({k: sp.Integer(v)}) for v in range(lo, hi + 1)]
        fam = _family(entries[0]) if entries else None
        if fam in self.sets and set(self.sets[fam]) <= {0, 1} and value == 1:
            hot = rng.randrange(len(entries))
            return {e: sp.Float(int(n == hot), prec) for n, e in enumerate(entries)}
        raw = [sp.Float(rng.uniform(0.05, 1.0), prec) for _ in entries]
        scale = sp.Float(value, prec) / sp.Add(*raw)
        values = [v * scale for v in raw]
        if values:  # exactly the total, to the working precision
            values[-1] = sp.Float(value, prec) - sp.Add(*values[:-1])
        return dict(zip(entries, values))


def _symmetry(r):
    """A, when ``r`` is Eq(A[i, j], A[j, i]) (A symmetric), else None."""
    a, b = r.lhs, r.rhs
    same = isinstance(a, sp.Indexed) and isinstance(b, sp.Indexed) and a.base == b.base
    if same and len(a.indices) == 2 and tuple(reversed(a.indices)) == b.indices:
        return a.base
    return None


def _descending(i, j) -> bool:
    """Is (i, j) past its mirror (j, i) in a fixed order (A_21 of A_12, A_ji of A_ij)?"""
    return sp.default_sort_key(i) > sp.default_sort_key(j)


def _family(x):
    return x.base if isinstance(x, sp.Indexed) else x


def _families(s: sp.Sum) -> set:
    return {_family(a) for a in s.function.atoms(sp.Indexed)} | {
        a for a in s.function.free_symbols if not a.is_integer
    }


def canonical_sum(s: sp.Sum) -> sp.Sum:
    """The sum with its indices renamed canonically (Σ_k y_k and Σ_j y_j compare equal)."""
    mapping, limits = {}, []
    for n, (v, lo, hi) in enumerate(s.limits):
        new = sp.Symbol(f"_k{n}", integer=True)
        mapping[v] = new
        limits.append((new, lo, hi))
    return sp.Sum(s.function.xreplace(mapping), *limits)


def _roots(e):
    """(quantity, its values) when ``e = 0`` is a polynomial equation in one real quantity
    with finitely many real roots (y(y − 1) = 0 → (y, (0, 1))), else None."""
    quantities = [a for a in e.atoms(sp.Symbol, sp.Indexed) if not getattr(a, "is_integer", False)]
    quantities = [a for a in quantities if not any(a in b.atoms() for b in e.atoms(sp.Indexed))
                  or isinstance(a, sp.Indexed)]  # fmt: skip
    if len(quantities) != 1:
        return None
    q = quantities[0]
    if not e.is_polynomial(q) or sp.degree(e, q) < 1:
        return None
    values = sp.roots(sp.Poly(e, q))
    real = sorted((v for v in values if v.is_real), key=float)
    return (q, tuple(real)) if real and len(real) == sum(values.values()) else None
