"""The forward computation evaluated numerically, node by node, without unfolding it.

The self-checks compare a derivation with central finite differences of the forward
computation. Unfolding every definition into one SymPy expression of the leaves and
compiling it cost seconds per check for a normalization layer (the expressions have
thousands of nodes, and SymPy rebuilds them at every substitution). Here an expression is
walked once per point instead: a defined quantity at concrete indices is evaluated from its
definition and remembered, a sum is a loop, a derivative is a central difference of the
forward computation, all in mpmath at the working precision. Anything it does not know
raises ``Unsupported`` and the caller takes the symbolic path.
"""

from __future__ import annotations

import contextlib

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.core.relational import Relational

from ..ops.functions import Upstream, sigmoid

PREC = 60  # working digits: a difference of 10⁻²⁰ between two answers is far above the noise
STEP = sp.Float("1e-20", PREC)  # finite-difference step: central differences good to ~10⁻⁴⁰


class Unsupported(Exception):
    """A node the interpreter does not evaluate."""


_FUNCTIONS = {
    sp.exp: mpmath.exp, sp.log: mpmath.log, sp.sin: mpmath.sin, sp.cos: mpmath.cos,
    sp.tan: mpmath.tan, sp.tanh: mpmath.tanh, sp.sinh: mpmath.sinh, sp.cosh: mpmath.cosh,
    sp.sech: mpmath.sech, sp.atan: mpmath.atan, sp.erf: mpmath.erf, sp.Abs: abs,
    sp.sign: mpmath.sign, sp.asin: mpmath.asin, sp.acos: mpmath.acos, sp.cot: mpmath.cot,
    sp.erfc: mpmath.erfc, sp.sqrt: mpmath.sqrt, sp.floor: mpmath.floor,
    sp.ceiling: mpmath.ceil,
}  # fmt: skip
_RELATIONS = {
    sp.StrictGreaterThan: lambda a, b: a > b, sp.GreaterThan: lambda a, b: a >= b,
    sp.StrictLessThan: lambda a, b: a < b, sp.LessThan: lambda a, b: a <= b,
    sp.Equality: lambda a, b: a == b, sp.Unequality: lambda a, b: a != b,
}  # fmt: skip


def _number(e):
    if e.is_Integer:
        return mpmath.mpf(int(e))
    if e.is_Rational:
        return mpmath.mpf(e.p) / e.q
    if e.is_Float:
        return mpmath.mpf(e._mpf_)
    v = sp.N(e, mpmath.mp.dps)
    if v.is_real:
        return mpmath.mpf(v._mpf_) if v.is_Float else mpmath.mpf(float(v))
    raise Unsupported(f"number {e}")


class Evaluator:
    """Values of expressions at one point of an ``Instance`` (its leaves, drawn lazily),
    with ``keep`` quantities held as leaves and ``override`` values for some of them."""

    def __init__(self, inst, keep=frozenset(), override=None, record_kinks=False):
        self.inst = inst
        self.model = inst.model
        self.ctx = inst.ctx
        self.keep = keep
        self.override = override or {}
        self.record = record_kinks
        # values at the instance's own point (nothing held, nothing overridden) are the same
        # for every expression evaluated there, and for every instance with the point's seed
        # (``Instance.tables``): one table per recording mode; with each value computed while
        # recording, the branch points passed on the way, recorded again for an instance that
        # takes the value from the table
        tables = inst.tables()
        self.shared = tables.setdefault(("atoms", record_kinks), {})
        self.passed = tables.setdefault(("passed", record_kinks), {})
        self.derivs = tables.setdefault("derivatives", {})
        self.held = frozenset(inst.ctx.key(a) for a in (*keep, *self.override))
        self.memo: dict = {} if self.held else self.shared
        cache = self.model.__dict__
        if "grads" not in cache:
            cache["grads"] = self.ctx.gradients()
        self.grads = cache["grads"]
        self.instances = cache.setdefault("instances", {})
        self.entries = cache.setdefault("entries", {})
        self.kink_keys = cache.setdefault("kink_keys", {})

    def definition(self, a):
        if a not in self.instances:
            self.instances[a] = self.ctx.instance(a).xreplace(self.inst.sizes)
        return self.instances[a]

    # -- leaves and definitions --------------------------------------------------------

    def atom(self, a):
        """The value of a concrete quantity: overridden, a kept or undefined leaf (drawn),
        or its definition evaluated."""
        if a in self.override:
            return self.override[a]
        if a in self.memo:
            if self.record and self.memo is self.shared and a in self.passed:
                self._pass(self.passed[a])
            return self.memo[a]
        if self.held and self.held.isdisjoint(self.ctx.reach(self.ctx.key(a))):
            # independent of everything held here: its value at the plain point
            if a not in self.shared:
                Evaluator(self.inst, record_kinks=self.record).atom(a)
            elif self.record and a in self.passed:
                self._pass(self.passed[a])
            v = self.memo[a] = self.shared[a]
            return v
        if a in self.inst.sizes:
            v = mpmath.mpf(int(self.inst.sizes[a]))
        elif a not in self.keep and self.ctx.is_defined(a):
            if self.record and self.memo is self.shared:
                v, self.passed[a] = self._recorded(self.expr, self.definition(a), {})
            else:
                v = self.expr(self.definition(a), {})
        else:
            if a not in self.inst.point:
                self.inst._draw(a)
            v = self.model.__dict__.setdefault("numbers", {}).get(a)
            if v is None or v[0] is not self.inst.point[a]:
                v = (self.inst.point[a], _number(sp.sympify(self.inst.point[a])))
                self.model.numbers[a] = v
            v = v[1]
        self.memo[a] = v
        return v

    def entry(self, base, idx: tuple):
        """``base[idx]`` at integer indices, built once per (base, idx) of the model."""
        key = (base, idx)
        a = self.entries.get(key)
        if a is None:
            a = self.entries[key] = base[tuple(sp.Integer(i) for i in idx)]
        return a

    def index(self, i, env) -> int:
        if i.is_Integer:
            return int(i)
        v = env.get(i) if isinstance(i, sp.Symbol) else None
        if isinstance(v, int):
            return v
        v = self.expr(i, env)
        n = int(mpmath.nint(v))
        if abs(v - n) > 1e-9:
            raise Unsupported(f"index {i} is not an integer")
        return n

    # -- expressions -------------------------------------------------------------------

    def expr(self, e, env):
        if e.is_Number or e is sp.pi or e is sp.E:  # (singletons: no SymPy comparison)
            return _number(e)
        if isinstance(e, sp.Symbol):
            if e in env:
                v = env[e]
                return mpmath.mpf(v) if isinstance(v, int) else v
            return self.atom(e)
        if isinstance(e, sp.Indexed):
            concrete = self.entry(e.base, tuple(self.index(i, env) for i in e.indices))
            if e.base.label in self.grads:  # ∂L/∂y_j: the derivative of the random loss
                loss, below = self.grads[e.base.label]
                return self.derivative(loss, below[concrete.indices], env)
            return self.atom(concrete)
        if isinstance(e, sp.Add):
            return mpmath.fsum(self.expr(a, env) for a in e.args)
        if isinstance(e, sp.Mul):
            out = mpmath.mpf(1)
            for a in e.args:
                out *= self.expr(a, env)
            return out
        if isinstance(e, sp.Pow):
            base = self.expr(e.base, env)
            if e.exp == sp.S.Half:
                return mpmath.sqrt(base)
            if e.exp.is_Integer:
                return base ** int(e.exp)
            exp = self.expr(e.exp, env)  # a size or an index: a whole power, exactly
            return base ** int(exp) if mpmath.isint(exp) else base**exp
        if isinstance(e, sp.Sum):
            return self._sum(e.function, list(e.limits), env)
        if isinstance(e, sp.KroneckerDelta):
            a, b = (self.index(x, env) for x in e.args)
            return mpmath.mpf(1 if a == b else 0)
        if isinstance(e, sp.Piecewise):
            if self.record:  # every condition's branch point, not only up to the one taken:
                # a last case r < −δ is only reached below −δ, yet r + δ > 0 was seen above it
                truths = [self.truth(cond, env) for _, cond in e.args]
                return self.expr(e.args[truths.index(True)][0], env) if any(truths) else mpmath.nan
            for value, cond in e.args:
                if self.truth(cond, env):
                    return self.expr(value, env)
            return mpmath.nan
        if isinstance(e, sp.Heaviside):
            x = self._kink(e.args[0], env)
            h = e.args[1] if len(e.args) > 1 else sp.S.Half
            return mpmath.mpf(1) if x > 0 else mpmath.mpf(0) if x < 0 else self.expr(h, env)
        if type(e).__name__ in ("MaxOf", "MinOf") or isinstance(e, sp.Max | sp.Min):
            if len(e.args) != 2:
                raise Unsupported("Max/Min of more than two")
            d = self._kink(e.args[0] - e.args[1], env)
            big = isinstance(e, sp.Max) or type(e).__name__ == "MaxOf"
            a, b = e.args
            return self.expr(a if (d >= 0) == big else b, env)
        if isinstance(e, sp.Abs | sp.sign):
            x = self._kink(e.args[0], env)
            return _FUNCTIONS[type(e)](x)
        if isinstance(e, sigmoid):
            return 1 / (1 + mpmath.exp(-self.expr(e.args[0], env)))
        if type(e) in _FUNCTIONS:
            return _FUNCTIONS[type(e)](*(self.expr(a, env) for a in e.args))
        if isinstance(e, Upstream):
            return self.expr(self.model._upstream(e.args[0]), env)
        if isinstance(e, AppliedUndef):
            lam = self.model.function(e.func, len(e.args))
            inner = dict(zip(lam.variables, (self.expr(a, env) for a in e.args)))
            return self.expr(lam.expr, inner)
        if isinstance(e, sp.Derivative):
            *first, last = e.variables
            if len(first) > 1:  # the noise of nested differences grows as 10^-60 / h^k
                raise Unsupported("a derivative of third or higher order")
            inner = e.expr if not first else sp.Derivative(e.expr, *first)
            # a second derivative: a central difference, in the last variable, of the central
            # difference in the first (noise ~10⁻⁶⁰/h² = 10⁻²⁰, far below a step's tolerance)
            return self.derivative(inner, last, env)
        if isinstance(e, sp.Subs):
            inner = dict(env)
            inner.update({v: self.expr(p, env) for v, p in zip(e.variables, e.point)})
            return self.expr(e.expr, inner)
        raise Unsupported(type(e).__name__)

    def _sum(self, body, limits, env):
        var, lo, hi = limits[-1]
        lo, hi = self.index(lo, env), self.index(hi, env)
        total = []
        for v in range(lo, hi + 1):
            inner = {**env, var: v}
            total.append(
                self._sum(body, limits[:-1], inner) if len(limits) > 1 else self.expr(body, inner)
            )
        return mpmath.fsum(total)

    def truth(self, c, env) -> bool:
        if c is sp.true:
            return True
        if c is sp.false:
            return False
        if isinstance(c, Relational):
            if type(c) not in _RELATIONS:
                raise Unsupported(type(c).__name__)
            if all(s.is_integer for s in c.free_symbols):  # n ≥ L: no branch point
                return _RELATIONS[type(c)](self.expr(c.lhs, env), self.expr(c.rhs, env))
            # a condition exactly at its boundary (h_k > 0 where h_k = max(0, a_k) is 0)
            # takes the branch of one side: that side is seen (for > and ≤ the negative one)
            rel = _RELATIONS[type(c)]
            side = rel(1, 0) == rel(0, 0)
            return rel(self._kink(c.lhs - c.rhs, env, at_zero=side), 0)
        if isinstance(c, sp.And | sp.Or):  # every part evaluated when branch points are recorded
            parts = (self.truth(a, env) for a in c.args)
            parts = list(parts) if self.record else parts
            return all(parts) if isinstance(c, sp.And) else any(parts)
        if isinstance(c, sp.Not):
            return not self.truth(c.args[0], env)
        raise Unsupported(type(c).__name__)

    def _kink(self, arg, env, at_zero=None):
        """The value of a branch point's argument; recorded (its sign) when asked to. An
        exact 0 is recorded only for a condition, as the side whose branch it takes
        (``at_zero``); a ReLU or |·| at exactly 0 is on neither side."""
        x = self.expr(arg, env)
        if self.record and (x != 0 or at_zero is not None):
            ints = tuple(sorted((str(k), v) for k, v in env.items() if isinstance(v, int)))
            if (arg, ints) not in self.kink_keys:
                key = arg.xreplace({k: sp.Integer(v) for k, v in env.items() if isinstance(v, int)})
                real = any(not s.is_integer for s in key.free_symbols)
                open_ = key.is_positive is None and key.is_negative is None
                assume = getattr(self.ctx, "assumptions", None)
                open_ = open_ and not (assume and assume.decides_sign(key))
                self.kink_keys[arg, ints] = key if real and open_ else None
            key = self.kink_keys[arg, ints]
            if key is not None:
                self._pass(((key, bool(x > 0) if x != 0 else at_zero),))
        return x

    def _pass(self, passed) -> None:
        """Record branch points passed (kink, side), also for the shared value being computed."""
        for key, side in passed:
            self.inst.kinks.setdefault(key, set()).add(side)
        if self.inst._frames:
            self.inst._frames[-1].update(passed)

    def _recorded(self, fn, *args):
        """``fn(*args)`` and the branch points passed while it ran (a shared value's own)."""
        frames = self.inst._frames
        frames.append(set())
        try:
            v = fn(*args)
        finally:
            passed = frozenset(frames.pop())
            if frames:
                frames[-1].update(passed)
        return v, passed

    # -- derivatives -------------------------------------------------------------------

    def derivative(self, q, var, env):
        """∂q/∂var by a central difference of the forward computation of ``q`` with ``var``
        held as a leaf; a defined ``var`` that is not kept takes its defined value."""
        if isinstance(var, sp.Symbol) and var in env:  # σ'(u) at u = …: a bound variable
            v = env[var]
            up = self.expr(q, {**env, var: v + STEP})
            down = self.expr(q, {**env, var: v - STEP})
            return (up - down) / (2 * STEP)
        if isinstance(var, sp.Indexed):
            var = self.entry(var.base, tuple(self.index(i, env) for i in var.indices))
        # the same derivative at the same point (a diagnosis evaluates dozens of candidates
        # that all contain ∂L/∂y_j, a class's answers all do): a point's values never change,
        # so a derivative is computed once per point and recording mode, and the branch points
        # passed on the way are recorded again wherever it is taken from the table
        free = _free(q)
        bound = tuple(sorted((str(k), v) for k, v in env.items() if k in free))
        override = tuple(sorted(self.override.items(), key=lambda kv: str(kv[0])))
        key = (q, var, self.keep, override, bound, self.record)
        if key in self.derivs:
            out, passed = self.derivs[key]
            self._pass(passed)
            return out
        out, passed = self._recorded(self._difference, q, var, env)
        self.derivs[key] = (out, passed if self.record else ())
        return out

    def _difference(self, q, var, env):
        v = self.atom(var)
        keep = self.keep | {var}
        values = []
        for x in (v + STEP, v - STEP):
            ev = Evaluator(self.inst, keep, {**self.override, var: x}, self.record)
            values.append(ev.expr(q, env))
        return (values[0] - values[1]) / (2 * STEP)


def _free(q) -> set:
    """``q``'s free symbols with the indices of its derivatives' variables (SymPy counts the
    variables of ∂L/∂w_i as bound, and i with them)."""
    free = set(q.free_symbols)
    for d in q.atoms(sp.Derivative) if q.has(sp.Derivative) else ():
        for v in d.variables:
            free |= v.free_symbols
    return free


def evaluate(inst, expr, keep=frozenset(), record_kinks=False, at=None):
    """``expr`` at ``inst``'s point as a SymPy Float (or complex), sizes taken at the
    instance's values; a division by zero is ``zoo`` (a pole: no point to compare at).
    ``at`` gives integer values of free index symbols (evaluating at them, rather than
    substituting them, leaves the tree as it is: SymPy rebuilds every Max and Min of a
    substituted tree, slowly)."""
    env = {k: int(v) for k, v in (at or {}).items()}
    with mpmath.workdps(PREC):
        try:
            ev = Evaluator(inst, frozenset(keep), record_kinks=record_kinks)
            r = ev.expr(sp.sympify(expr), env)  # a size is an atom: its value (not substituted)
        except ZeroDivisionError:
            return sp.zoo
    return _sympy(r)


@contextlib.contextmanager
def errors_as_unsupported():
    """Any failure of the interpreter (a value mpmath cannot take) sends the caller to the
    symbolic path rather than out as an error."""
    try:
        yield
    except Unsupported:
        raise
    except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError) as exc:
        raise Unsupported(f"{type(exc).__name__}: {exc}") from exc


def finite_difference(inst, q, var):
    """∂q/∂var by central differences, ``var`` held as a leaf at its value in the point;
    the sign of every branch point passed on the way is recorded in ``inst.kinks``."""
    with mpmath.workdps(PREC):
        ev = Evaluator(inst, frozenset([var]), record_kinks=True)
        r = ev.derivative(sp.sympify(q).xreplace(inst.sizes), var, {})
    return _sympy(r)


def _sympy(r):
    if isinstance(r, mpmath.mpc):
        return sp.Float(r.real, PREC) + sp.I * sp.Float(r.imag, PREC)
    if mpmath.isnan(r):
        return sp.nan
    if mpmath.isinf(r):
        return sp.zoo
    return sp.Float(r, PREC)
