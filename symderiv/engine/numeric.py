"""Numeric checks by an independent path: central finite differences of the forward
computation (definitions fully expanded, sizes made concrete, abstract functions replaced by
random smooth ones), compared with the derived formula evaluated at the same random point.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.printing.pycode import MpmathPrinter

from ..ops.functions import Upstream, sigmoid
from ..spec import explicit_matrix_functions
from . import interpret
from .points import MAX_COMBOS, default_sizes, index_combos  # noqa: F401  (their home)

PREC, STEP = interpret.PREC, interpret.STEP  # working digits, finite-difference step
TOL = 1e-9  # tolerance of a step's match (see ``close``)
RTOL = 1e-7  # relative tolerance of a result against its finite differences
ZERO = sp.Float("1e-20")  # below this a finite difference is no evidence of a response
MIN_POINTS = 6  # random points per target at least (more instances when there are few combos)
#: unfoldings and compiled functions kept per problem before the memo starts again
MAX_MEMO = 20000
#: seeds whose tables of values a model keeps before it starts again
MAX_SEEDS = 64


#: (problem id, sizes) → (the problem, its Model); the problem is held so its id stays its own
_MODELS: dict = {}


class Model:
    """What every random instance of one problem at given sizes shares: definitions unfolded
    to leaves, and each unfolded expression compiled once to a function of its leaves.

    The random smooth functions that stand in for abstract ones have *symbolic*
    coefficients here (κ symbols); an instance draws their values like any other leaf. So
    one unfolding and one compiled function serve every instance and every point.
    """

    def __init__(self, ctx, sizes: Mapping):
        self.ctx = ctx
        self.sizes = sizes
        self.functions: dict = {}  # (f, n) → Lambda with coefficient symbols
        self.coefficients: set = set()
        self._unfolded: dict = {}
        self._diffs: dict = {}  # (a derivative node, what is kept) → its derivative, unfolded
        self._compiled: dict = {}
        self._kinks: dict = {}

    @classmethod
    def of(cls, ctx, sizes: Mapping) -> Model:
        """The model of ``ctx``'s problem at ``sizes``, shared by every target and check of
        the problem in this process (a Context is a function of the problem and its sizes)."""

        def key(m):
            return tuple(sorted((str(k), int(v)) for k, v in m.items()))

        k = (id(ctx.problem), key(ctx.sizes), key(sizes))
        held = _MODELS.get(k)
        if held is None or held[0] is not ctx.problem:
            if len(_MODELS) > 64:
                _MODELS.clear()
            held = _MODELS[k] = (ctx.problem, cls(ctx, sizes))
        return held[1]

    def function(self, f, n):
        if (f, n) not in self.functions:
            us = sp.symbols(f"u0:{max(n, 1)}", real=True)
            c = sp.symbols(f"κ[{f}/{n}]_0:{len(us) + 3}", real=True)
            self.coefficients.update(c)
            body = sp.sin(c[0] + sum(ci * u for ci, u in zip(c[1:], us)))
            body += c[-2] * sp.Mul(*us) + c[-1] * us[0] ** 2
            self.functions[f, n] = sp.Lambda(us, body)
        return self.functions[f, n]

    def _functions(self, expr):
        expr = explicit_matrix_functions(expr)  # det X, (X⁻¹)_kl in the entries X_ij
        if expr.has(Upstream):
            expr = expr.replace(
                lambda e: isinstance(e, Upstream), lambda e: self._upstream(e.args[0])
            )
        if expr.has(AppliedUndef):
            expr = expr.replace(
                lambda e: isinstance(e, AppliedUndef),
                lambda e: self.function(e.func, len(e.args))(*e.args),
            )
        if expr.has(sigmoid):
            expr = expr.replace(
                lambda e: isinstance(e, sigmoid), lambda e: 1 / (1 + sp.exp(-e.args[0]))
            )
        if expr.has(sp.Max, sp.Min):
            expr = expr.replace(lambda e: isinstance(e, sp.Max | sp.Min) and len(e.args) == 2,
                                lambda e: _KINKED[type(e)](*e.args))  # fmt: skip
        return expr

    def _upstream(self, base):
        """A random smooth loss of every entry of ``base`` at the concrete size."""
        sizes = [int(sp.sympify(n).xreplace(self.sizes)) for n in self.ctx.shapes[base]]
        entries = [base[idx] for idx in itertools.product(*(range(1, n + 1) for n in sizes))]
        fn = self.function(sp.Function(f"L_{base}"), len(entries))
        return fn(*entries)

    def unfold(self, expr: sp.Basic, keep: frozenset = frozenset(), depth: int = 0) -> sp.Expr:
        key = (expr, keep)
        if key not in self._unfolded:
            value = self._unfold(expr, keep, depth)
            if len(self._unfolded) > MAX_MEMO:  # a long grading run: memory stays bounded
                self._unfolded.clear()
            self._unfolded[key] = value
        return self._unfolded[key]

    def _unfold(self, expr, keep, depth):
        if depth > 50:
            raise RecursionError("definitions did not unfold (cyclic?)")
        expr = self.concrete(expr)
        if expr.has(sp.Derivative):

            def diff_node(d):  # remembered: ∂L/∂y_j recurs in every answer to a problem
                memo, key = self._diffs, (d, keep)
                if key not in memo:
                    inner = self.unfold(d.expr, keep | frozenset(d.variables), depth + 1)
                    memo.clear() if len(memo) > MAX_MEMO else None
                    for n, v in enumerate(d.variables):  # a Hessian's rows share ∂L/∂w_i
                        step = (d.expr, keep, d.variables[: n + 1])
                        inner = memo[step] if step in memo else sp.diff(inner, v)
                        memo[step] = inner
                    memo[key] = inner
                return memo[key]

            expr = expr.replace(lambda e: isinstance(e, sp.Derivative), diff_node).doit()
        # each defined quantity unfolded on its own and remembered: the same entries (x̂_j,
        # ∂L/∂y_j, …) recur in every answer to a problem, so each is unfolded once
        defined = {
            a: self.unfold(self._functions(self.ctx.instance(a)), keep, depth + 1)
            for a in self.ctx.atoms_of(expr)
            if self.ctx.is_defined(a) and a not in keep
        }
        return expr.xreplace(defined) if defined else expr

    def concrete(self, expr):
        """Sizes, random functions and sums written out; an upstream gradient ∂L/∂y_j as the
        derivative of the random loss. Remembered (a witness is confirmed and explained on
        the same expressions)."""
        held = self.__dict__.setdefault("concretes", {})
        if expr not in held:
            if len(held) > MAX_MEMO:
                held.clear()
            held[expr] = self._concrete(expr)
        return held[expr]

    def _concrete(self, expr):
        expr = explicit_matrix_functions(expand_sums(self._functions(expr.xreplace(self.sizes))))
        grads = self.ctx.gradients()
        if grads and any(a.base.label in grads for a in expr.atoms(sp.Indexed)):
            expr = expr.replace(
                lambda e: isinstance(e, sp.Indexed) and e.base.label in grads,
                lambda e: sp.Derivative(grads[e.base.label][0], grads[e.base.label][1][e.indices]),
            )
        return expr

    def kinks(self, expr) -> tuple:
        """The branch points of an unfolded expression that depend on a real quantity and
        whose sign SymPy cannot decide from the assumptions (see ``_kinks``)."""
        if expr not in self._kinks:
            decides = self.ctx.assumptions.decides_sign if self.ctx.assumptions else None
            kinks = [
                k
                for k in _kinks(expr)
                if any(not s.is_integer for s in k.free_symbols)
                and k.is_positive is None
                and k.is_negative is None
                and not (decides and decides(k))
            ]
            self._kinks[expr] = tuple(sorted(kinks, key=sp.default_sort_key))
        return self._kinks[expr]

    def compiled(self, expr):
        """(leaves, function of the leaves' values evaluated by mpmath), or None when the
        expression has something mpmath cannot evaluate (then SymPy's evalf is used)."""
        if expr not in self._compiled:
            leaves = _leaves(expr)
            fn = None
            if not expr.has(sp.Derivative, sp.Sum, sp.Limit, sp.Integral, AppliedUndef):
                fn = _compile(expr, leaves)
            if len(self._compiled) > MAX_MEMO:
                self._compiled.clear()
            self._compiled[expr] = (leaves, fn)
        return self._compiled[expr]


class _Kinked(sp.Function):
    """max/min(a, b) kept as it is while definitions unfold: SymPy's Max compares its
    arguments symbolically whenever it is built (seconds per ReLU of an unfolded network);
    this one only evaluates on numbers. Its derivative is the indicator of the branch it
    takes (``sign`` +1 for max, −1 for min)."""

    nargs = 2
    sign = 1
    numeric = sp.Max

    @classmethod
    def eval(cls, a, b):
        if a.is_number and b.is_number:
            return cls.numeric(a, b)
        return None

    def fdiff(self, argindex=1):
        a, b = self.args
        return sp.Heaviside(self.sign * (a - b if argindex == 1 else b - a))


class MaxOf(_Kinked):
    sign, numeric = 1, sp.Max


class MinOf(_Kinked):
    sign, numeric = -1, sp.Min


_KINKED = {sp.Max: MaxOf, sp.Min: MinOf}
_MPMATH: dict = {}


class _LeafPrinter(MpmathPrinter):
    """mpmath code of an expression whose leaves (symbols, indexed entries) are printed as
    the arguments ``x0, x1, …``; nothing else of the expression's names reaches the code."""

    def __init__(self, names):
        super().__init__({"fully_qualified_modules": False, "inline": True})
        self.names = names

    def _print_Symbol(self, e):
        return self.names[e]

    _print_Indexed = _print_Symbol
    _print_Dummy = _print_Symbol

    def _print_MaxOf(self, e):
        return f"max({self._print(e.args[0])}, {self._print(e.args[1])})"

    def _print_MinOf(self, e):
        return f"min({self._print(e.args[0])}, {self._print(e.args[1])})"


def _compile(expr, leaves):
    """A Python function of the leaves' values: the expression printed by SymPy's mpmath
    printer (as ``lambdify`` does, without its costly rebuilding of the tree), or None."""
    if not _MPMATH:
        exec("from mpmath import *", _MPMATH)
    names = {a: f"x{i}" for i, a in enumerate(leaves)}
    printer = _LeafPrinter(names)
    try:
        code = printer.doprint(expr)
    except (KeyError, TypeError, ValueError, NotImplementedError):
        return None
    if printer._not_supported:
        return None
    try:  # the text is the printer's rendering of a SymPy tree, never a user's input
        return eval(f"lambda {', '.join(names.values())}: ({code})", dict(_MPMATH))
    except SyntaxError:
        return None


class Instance:
    """A concrete, random instance of a problem: sizes, abstract functions and a point."""

    def __init__(self, ctx, sizes: Mapping, seed: int = 0, kinks: dict | None = None, point=None):
        self.ctx = ctx
        #: kink → the signs its argument took at the points of finite differences
        self.kinks = kinks if kinks is not None else {}
        self.sizes = {k: sp.Integer(v) for k, v in sizes.items()}
        self.model = Model.of(ctx, self.sizes)
        self.seed = seed
        self.rng = random.Random(seed)  # for callers drawing values of their own
        # each leaf is drawn from a stream of its own (seed and name), whatever the order in
        # which leaves are met: a point is a function of the seed, and the values computed
        # at it are shared by every instance of the model with that seed (``tables``); an
        # instance given a point of its own (a leaf moved beside a kink) shares nothing
        self.point: dict = {} if point is None else point
        self._shared = point is None
        self._frames: list = []  # branch points recorded while a shared value is computed

    def tables(self) -> dict:
        """Values at this point, by kind (quantities, derivatives, confirmations): the
        model's for this seed, shared across checks, or the instance's own."""
        if not self._shared:
            return self.__dict__.setdefault("_tables", {})
        held = self.model.__dict__.setdefault("tables", {})
        if self.seed not in held and len(held) >= MAX_SEEDS:
            held.clear()  # a long grading run: memory stays bounded
        return held.setdefault(self.seed, {})

    def _stream(self, leaf) -> random.Random:
        return random.Random(f"{self.seed}:{leaf}")

    def functions_of(self, *exprs) -> dict:
        """The random functions standing in for abstract ones that ``exprs`` depend on, by
        name, with their coefficients' values at this point."""
        if not self.model.functions:
            return {}
        used: set = set()
        coefficients = self.model.coefficients
        try:  # each derivative and defined quantity's own unfolding (remembered), as by_nodes
            for e in exprs:
                e = self.model.concrete(e)
                nodes = _outermost(e, (sp.Derivative, sp.Subs))
                nodes |= {a for a in self.ctx.atoms_of(e) if self.ctx.is_defined(a)}
                used |= e.free_symbols & coefficients
                for n in nodes:
                    used |= self.unfold(n).free_symbols & coefficients
        except (TypeError, ValueError, ArithmeticError, RecursionError):
            return {}
        out = {}
        for key, lam in sorted(self.model.functions.items(), key=lambda kv: str(kv[0][0])):
            own = lam.expr.free_symbols & self.model.coefficients
            if own & used:
                self.draw_leaves(sp.Add(*own))
                out[key] = sp.Lambda(lam.variables, lam.expr.xreplace(self.point))
        return out

    def unfold(self, expr: sp.Basic, depth: int = 0, keep: frozenset = frozenset()) -> sp.Expr:
        """Expand definitions, replace abstract and named functions, evaluate derivatives.

        A derivative is taken of its expression unfolded down to leaves, except for its own
        variables (∂y_k/∂ỹ_k keeps ỹ_k; ∂f_3(y, θ_3)/∂y keeps y); ``keep`` lists quantities
        that stay as they are. Unfoldings are shared by every instance (``Model``).
        """
        return self.model.unfold(expr, keep, depth)

    def _draw(self, a):
        if a in self.model.coefficients:
            self.point[a] = sp.Rational(self._stream(a).randint(-9, 9) or 1, 7)
            return
        assume = getattr(self.ctx, "assumptions", None)
        if assume and assume.constrains(a):  # a family tied by a sum: one stream for all
            rng = self._stream(assume.stream_key(a))
            for leaf, v in assume.draw(a, self.sizes, rng, PREC).items():
                self.point.setdefault(leaf, v)
        if a not in self.point:
            positive = getattr(a, "is_positive", False)
            lo = 0.05 if positive else -1.5
            v = self._stream(a).uniform(lo, 1.5 if not positive else 0.95)
            self.point[a] = sp.Float(v, PREC)

    def draw_leaves(self, expr: sp.Expr) -> None:
        """Every leaf of an unfolded expression given its value in the point."""
        for a in _leaves(expr):
            if a not in self.point:
                self._draw(a)

    def by_nodes(self, expr: sp.Expr) -> sp.Expr | None:
        """``expr`` with each derivative and defined quantity in it replaced by its value,
        computed from that quantity's own unfolding (compiled once, as the derivations' self-
        checks evaluate) and remembered; None where that does not apply (a sum left symbolic).
        The second evaluation that confirms a witness, without building the unfolded tree of
        every answer (a fifth of a second for a wrong layer-norm answer)."""
        e = self.model.concrete(expr)
        if e.has(sp.Sum, sp.Product, sp.Integral, sp.Limit):
            return None
        e = e.xreplace({d: self._node(d) for d in _outermost(e, (sp.Derivative, sp.Subs))})
        defined = [a for a in self.ctx.atoms_of(e) if self.ctx.is_defined(a)]
        if any(s.is_integer for a in defined for s in a.free_symbols):
            return None  # an entry at an index left symbolic
        e = e.xreplace({a: self._node(a) for a in defined})
        self.draw_leaves(e)
        return e

    def _node(self, node) -> sp.Expr:
        held = self.tables().setdefault("nodes", {})
        if node not in held:
            held[node] = self.value(self.model.unfold(node))
        return held[node]

    def value(self, expr: sp.Expr, at: Mapping | None = None) -> sp.Expr:
        """Evaluate an unfolded expression at the random point (extended by ``at``)."""
        leaves, fn = self.model.compiled(expr)
        for a in leaves:
            if a not in self.point:
                self._draw(a)
        subs = dict(self.point)
        subs.update(at or {})
        if fn is not None:
            out = _mp_value(fn, [subs[a] for a in leaves])
            if out is not None:
                return out
        return sp.N(expr.xreplace(subs), PREC)

    def evaluate(self, expr: sp.Expr, keep: frozenset = frozenset(), at=None) -> sp.Expr:
        """The value of ``expr`` at the point (and free indices at ``at``), each derivative in
        it by central differences of the forward computation rather than by differentiating
        the unfolded definitions symbolically (which the step checks did at every index
        combination: most of a cold derivation's time), a second one by differences of
        differences; one of third order or inside a Subs (σ'(u) at u = …) symbolically."""
        try:
            return interpret.evaluate(self, expr, keep, at=at)
        except interpret.Unsupported:
            pass
        expr = expr.xreplace(at) if at else expr
        e = self.model.concrete(expr)
        nodes = [d for d in e.atoms(sp.Derivative)]
        if (
            not nodes
            or e.has(sp.Subs)
            or any(len(d.variables) != 1 or d.expr.has(sp.Derivative) for d in nodes)
        ):
            return self.value(self.unfold(expr, keep=keep))
        values = {}
        for d in sorted(nodes, key=sp.default_sort_key):
            values[d] = self.derivative(d.expr, d.variables[0], keep)
        return self.value(self.unfold(e.xreplace(values), keep=keep))

    def derivative(self, q, var, keep: frozenset = frozenset()) -> sp.Expr:
        """∂q/∂var at the point by central differences; a defined ``var`` that is not kept
        takes the value its definition gives at the point."""
        forward = self.unfold(q, keep=keep | {var})
        if var not in keep and self.ctx.is_defined(var):
            v = self.value(self.unfold(var, keep=keep))
        else:
            if var not in self.point:
                self._draw(var)
            v = self.point[var]
        up = self.value(forward, {var: v + STEP})
        down = self.value(forward, {var: v - STEP})
        return (up - down) / (2 * STEP)

    def finite_difference(self, q: sp.Expr, var: sp.Expr, *more: sp.Expr) -> sp.Expr:
        """Central difference of the forward computation of ``q`` with respect to ``var``
        (and to each of ``more`` in turn: a mixed or repeated difference of higher order)."""
        if more:
            from .higher import higher_difference

            return higher_difference(self, q, (var, *more))
        try:
            return interpret.finite_difference(self, q, var)
        except interpret.Unsupported:
            pass
        forward = self.unfold(q, keep=frozenset([var]))
        self.value(forward)
        for k in _kinks(forward):
            side = self.value(k)
            if side.is_number and side != 0:
                self.kinks.setdefault(k, set()).add(bool(side > 0))
        if var not in self.point:
            self.point[var] = sp.Float(self._stream(var).uniform(-1.5, 1.5), PREC)
        v = self.point[var]
        up = self.value(forward, {var: v + STEP})
        down = self.value(forward, {var: v - STEP})
        return (up - down) / (2 * STEP)


def _mp_value(fn, args):
    """``fn`` at ``args`` by mpmath at the working precision, as a SymPy number (zoo for a
    division by zero), or None when mpmath cannot evaluate it."""
    try:
        with mpmath.workdps(PREC):
            r = fn(
                *[
                    mpmath.mpmathify(a) if not a.is_Rational else mpmath.mpf(a.p) / a.q
                    for a in map(sp.sympify, args)
                ]
            )
    except ZeroDivisionError:
        return sp.zoo
    except Exception:
        return None
    if isinstance(r, mpmath.mpf):
        if mpmath.isnan(r):
            return sp.nan
        if mpmath.isinf(r):
            return sp.zoo
        return sp.Float(r, PREC)
    if isinstance(r, mpmath.mpc):
        return sp.Float(r.real, PREC) + sp.I * sp.Float(r.imag, PREC)
    if isinstance(r, int | float) and not isinstance(r, bool):  # (a relation's truth: no value)
        return sp.Float(r, PREC)
    return None


def expand_sums(expr):
    """Σ over a concrete range written out term by term, without evaluating the terms (a
    derivative inside, ∂L/∂y_j, must first get its concrete index)."""

    def one(s):
        f, limits = s.function, s.limits
        var, lo, hi = limits[-1]
        if not (lo.is_Integer and hi.is_Integer):
            return s
        terms = [f.xreplace({var: sp.Integer(v)}) for v in range(int(lo), int(hi) + 1)]
        inner = sp.Add(*terms)
        # Σ_l Σ_k: the inner sums too (a ∂L/∂y_k left under a symbolic k differentiates to 0)
        return expand_sums(sp.Sum(inner, *limits[:-1])) if len(limits) > 1 else expand_sums(inner)

    return expr.replace(lambda e: isinstance(e, sp.Sum), one) if expr.has(sp.Sum) else expr


def _outermost(e, types) -> set:
    """The subexpressions of ``e`` of ``types`` that are inside no other of them."""
    if isinstance(e, types):
        return {e}
    return set().union(*(_outermost(a, types) for a in e.args))


def _leaves(expr) -> list:
    """The quantities to give random values, in a fixed order: the same expression gets the
    same point in every process (sets of SymPy objects iterate in hash order, which Python
    randomizes per process; a witness must not change from one run to the next)."""
    out = set(expr.atoms(sp.Indexed))
    for s in expr.free_symbols:
        if not any(s in a.free_symbols for a in out):
            out.add(s)
    return sorted(out, key=sp.default_sort_key)


leaves = _leaves  # public: the checker places points by them too


def close(a, b) -> float:
    """The relative error |a − b| / max(|a|, |b|) as a float (absolute below 1e-12)."""
    with mpmath.workdps(PREC):
        x, y = real_mp(a), real_mp(b)
        if x is not None and y is not None:
            return float(abs(x - y) / (max(abs(x), abs(y)) + _TINY))
    return float(abs(a - b) / (max(abs(a), abs(b)) + sp.Float("1e-12")))


_TINY = mpmath.mpf("1e-12")


def real_mp(x):
    """A finite real SymPy number as an mpmath number at the working precision (no SymPy
    arithmetic, a tenth of the time), or None for anything else."""
    if isinstance(x, sp.Float):
        return mpmath.mpf(x._mpf_) if x.is_finite else None
    if isinstance(x, sp.Integer | int):
        return mpmath.mpf(int(x))
    if isinstance(x, sp.Rational):
        return mpmath.mpf(x.p) / x.q
    return None


def _kinks(expr) -> set:
    """The arguments whose sign picks a branch: ReLU/Max/Min, |·|, sign, Heaviside, the
    relations of Piecewise conditions."""
    out = set()
    for e in sp.preorder_traversal(expr):
        if isinstance(e, sp.Heaviside | sp.sign | sp.Abs):
            out.add(e.args[0])
        elif isinstance(e, sp.Max | sp.Min | MaxOf | MinOf) and len(e.args) == 2:
            out.add(e.args[0] - e.args[1])
        elif isinstance(e, sp.Piecewise):
            for _, c in e.args:
                for rel in c.atoms(sp.core.relational.Relational):
                    out.add(rel.lhs - rel.rhs)
    return {k for k in out if not k.is_number}
