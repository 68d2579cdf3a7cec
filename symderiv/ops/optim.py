"""Optimizer update rules as recurrences: unrolling, constant-input closed forms, and
solving for the parameters that make two update rules the same step.

A first-order linear recurrence s_t = a s_{t−1} + b_t (a EMA when b_t = (1 − a) g_t) has
the general solution s_t = a^t s_0 + Σ_{k=1}^{t} a^{t−k} b_k; every result here is checked
by iterating the recurrence itself at random values.
"""

from __future__ import annotations

import random

import mpmath
import sympy as sp

from ..errors import UnsupportedError
from .algebra import tidy
from .steps import NumericCheck, Step, worse

#: beyond this many steps a numeric iteration is compiled (the limit check's 3000 steps)
FAST_STEPS = 50


class Unroll(sp.Function):
    """s_t for the recurrence s_t = rhs(s_{t−1}, t), s_0 = init, written without recursion.

    Args: (s, rhs, t, init, constant) — ``s`` an IndexedBase, ``rhs`` in terms of s[t − 1]
    and t, ``constant``: a mapping {g: c} (as a Tuple of pairs) for inputs held constant.
    """

    nargs = 5

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        s, rhs, t, init, constant = self.args
        prev = s[t - 1]
        a = rhs.diff(prev)
        b = sp.expand(rhs - a * prev)
        if a.has(prev) or a.has(t) or b.has(prev):
            raise UnsupportedError(f"{s}_t = {rhs}: not a first-order linear recurrence")
        steps.append(Step("the recurrence", s[t], rhs, note=f"$s_0 = {sp.latex(init)}$"))
        k = sp.Symbol("k", integer=True, positive=True)
        general = a**t * init + sp.Sum(a ** (t - k) * b.xreplace({t: k}), (k, 1, t))
        steps.append(
            Step(
                "unroll",
                s[t],
                general,
                note="$s_t = a^t s_0 + \\sum_{k=1}^{t} a^{t-k} b_k$ for $s_t = a s_{t-1} + b_t$",
            )
        )
        result = tidy(general.xreplace({init: init}).doit()) if init == 0 else general
        if init == 0 and result != general:
            steps.append(Step("s_0 = 0", s[t], result))
        pairs = dict(constant.args) if constant.args else {}
        if pairs:
            inputs = {}
            for base, value in pairs.items():
                if isinstance(value, Unroll):  # a coupled recurrence (θ_t through v_t)
                    inner = value.derive(ctx, steps)
                    inputs[base] = sp.Lambda(value.args[2], inner)
                else:
                    inputs[base] = sp.Lambda(sp.Dummy("k"), value)
            held = result.replace(
                lambda e: isinstance(e, sp.Indexed) and e.base in inputs,
                lambda e: inputs[e.base](*e.indices),
            )
            closed = _by_terms(held).doit()
            refine = getattr(getattr(ctx, "assumptions", None), "refine", None)
            if refine is not None:
                closed = refine(closed)
            closed = tidy(sp.factor(sp.simplify(closed)))
            what = (
                "coupled recurrences solved in turn"
                if any(isinstance(v, Unroll) for v in pairs.values())
                else "inputs held constant"
            )
            steps.append(Step("closed form", s[t], closed, note=what))
            result = closed
        return result

    def brute_force(self, values: dict):
        """Iterate the recurrence itself for t steps (an independent check)."""
        t = self.args[2]
        tv = int(values[t])
        return self.trajectory({k: v for k, v in values.items() if k != t}, tv)[tv]

    def trajectory(self, values: dict, upto: int) -> list:
        """s_0, …, s_upto by iterating the recurrence; a coupled recurrence it uses (momentum's
        θ_t through v_t) is iterated alongside, once (asking it again for every step made
        the 3000-step limit check quadratic: 20 s for momentum)."""
        numbers = self._numeric_trajectory(values, upto) if upto > FAST_STEPS else None
        if numbers is not None:
            return [sp.Float(x, 30) for x in numbers]
        s, rhs, t, init, constant = self.args
        pairs = dict(constant.args) if constant.args else {}
        inner: dict = {}

        def given(x):
            value = pairs[x.base]
            if not isinstance(value, Unroll):
                return value
            k = x.indices[0]
            if not k.is_Integer:
                raise ValueError(f"{x} is not at a step of its recurrence")
            if x.base not in inner or len(inner[x.base]) <= int(k):
                inner[x.base] = value.trajectory(values, max(int(k), upto))
            return inner[x.base][int(k)]

        states = [sp.sympify(init).xreplace(values)]
        for step in range(1, upto + 1):
            e = rhs.xreplace({t: sp.Integer(step)})
            e = e.replace(lambda x: isinstance(x, sp.Indexed) and x.base in pairs, given)
            states.append(e.xreplace({s[sp.Integer(step - 1)]: states[-1]}).xreplace(values))
        return states

    def _numeric_trajectory(self, values: dict, upto: int) -> list | None:
        """The same iteration at 30 digits when ``values`` make every step a number: the
        step compiled once to an mpmath function of t and the entries it reads (s_{t−1},
        v_t, …) instead of substituted into SymPy trees 3000 times. None otherwise."""
        s, rhs, t, init, constant = self.args
        pairs = dict(constant.args) if constant.args else {}
        start = sp.sympify(init).xreplace(values)
        refs = sorted(rhs.atoms(sp.Indexed), key=sp.default_sort_key)
        args = [sp.Dummy() for _ in refs]
        body = rhs.xreplace(dict(zip(refs, args))).xreplace(values)
        if not start.is_number or body.free_symbols - {t} - set(args):
            return None
        sources = []  # (trajectory or constant, offset from t) for each entry read
        for r in refs:
            shift = sp.expand(r.indices[0] - t) if len(r.indices) == 1 else None
            if shift is None or not shift.is_Integer:
                return None
            if r.base == s:
                if shift >= 0:
                    return None
                sources.append((None, int(shift)))
            elif isinstance(pairs.get(r.base), Unroll):
                inner = pairs[r.base]._numeric_trajectory(values, upto + max(0, int(shift)))
                if inner is None or 1 + int(shift) < 0:
                    return None
                sources.append((inner, int(shift)))
            elif r.base in pairs and sp.sympify(pairs[r.base]).xreplace(values).is_number:
                sources.append((mpmath.mpf(sp.Float(pairs[r.base].xreplace(values), 30)), 0))
            else:
                return None
        if any(src is None and 1 + k < 0 for src, k in sources):
            return None
        with mpmath.workdps(30):
            step = sp.lambdify([t, *args], body, "mpmath")
            states = [mpmath.mpf(sp.Float(start, 30))]
            for n in range(1, upto + 1):
                read = [
                    states[n + k] if src is None else src[n + k] if isinstance(src, list) else src
                    for src, k in sources
                ]
                states.append(mpmath.mpf(step(n, *read)))
        return states

    def check(self, closed, seed: int = 0) -> NumericCheck:
        return check_unroll(self, closed, seed)

    def limit_check(self, value, seed: int = 0) -> NumericCheck:
        """The limit as t → ∞ against the recurrence iterated 3000 steps, at random values in
        (0.05, 0.95) (where a factor like μ^t has died out)."""
        rng = random.Random(seed)
        t = self.args[2]
        worst, count = 0.0, 0
        for _ in range(4):
            leaves: dict = {}
            got = _evaluate(value, leaves, rng)
            want = _evaluate(self.brute_force({t: sp.Integer(3000), **leaves}), leaves, rng)
            worst = worse(worst, float(abs(got - want) / (1 + abs(want))))
            count += 1
        return NumericCheck(
            method="the recurrence iterated 3000 steps, at random values in (0.05, 0.95)",
            points=count,
            max_error=worst,
            passed=worst <= 1e-9,
        )

    def _latex(self, printer):
        s, _rhs, t = self.args[:3]
        return printer._print(s[t])


def _by_terms(expr):
    """Each sum split into one sum per term of its expanded summand: geometric and
    arithmetic sums SymPy evaluates at once (Σ_k η g (μ^k − 1)/(μ − 1) as a whole went to
    its telescoping solver, half a second)."""

    def split(s):
        terms = sp.Add.make_args(sp.expand(sp.powsimp(sp.expand(s.function))))
        return sp.Add(*[sp.Sum(term, *s.limits) for term in terms]) if len(terms) > 1 else s

    return expr.replace(lambda e: isinstance(e, sp.Sum), split)


def check_unroll(op: Unroll, closed, seed: int = 0) -> NumericCheck:
    """The closed form against iterating the recurrence, t = 1…6, at random values."""
    rng = random.Random(seed)
    t = op.args[2]
    worst, count = 0.0, 0
    for _ in range(3):
        leaves = {}
        for tv in range(1, 7):
            at = {t: sp.Integer(tv)}
            got = _evaluate(closed.xreplace(at), leaves, rng)
            want = _evaluate(op.brute_force(at), leaves, rng)
            worst = worse(worst, float(abs(got - want) / (1 + abs(want))))
            count += 1
    return NumericCheck(
        method="the recurrence iterated step by step, t = 1…6, at random values",
        points=count,
        max_error=worst,
        passed=worst <= 1e-12,
    )


def _evaluate(expr, leaves: dict, rng):
    expr = sp.sympify(expr).doit()
    for a in sorted(expr.atoms(sp.Indexed) | expr.free_symbols, key=sp.default_sort_key):
        inside = any(
            isinstance(x, sp.Indexed) and a in x.free_symbols for x in expr.atoms(sp.Indexed)
        )
        leaf = isinstance(a, sp.Indexed) or not inside
        if leaf and a not in leaves and not getattr(a, "is_integer", False):
            leaves[a] = sp.Float(rng.uniform(0.05, 0.95), 30)
    return sp.N(expr.xreplace(leaves), 30)


class Recurrence(sp.Function):
    """An update rule as its source states it: Recurrence(s, rhs, source) is s_t ← rhs.

    Its derivation states the rule and unrolls it; its check runs the rule with a constant
    input and confirms the bias correction 1/(1 − a^t) recovers that input exactly (what
    makes it an exponential moving average whose correction is right)."""

    nargs = 4

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        s, rhs, t, source = self.args
        steps.append(Step("update rule", s[t], rhs, note=str(source)))
        return rhs

    def check(self, closed, seed: int = 0) -> NumericCheck:
        s, rhs, t, _source = self.args
        prev = s[t - 1]
        others = [x for x in rhs.atoms(sp.Indexed) if x.base != s and x.indices == (t - 1,)]
        if others:
            return self._first_step_check(seed)
        a = rhs.diff(prev)
        inputs = [x for x in rhs.atoms(sp.Indexed) if x != prev]
        c = sp.Symbol("c", positive=True)
        op = Unroll(s, rhs, t, sp.S.Zero, sp.Tuple(*[sp.Tuple(x.base, c) for x in inputs]))
        worst, count = 0.0, 0
        rng = random.Random(seed)
        b = sp.expand(rhs - a * prev)
        fixed = b.replace(
            lambda e: isinstance(e, sp.Indexed) and e != prev and e.base != s, lambda e: c
        ) / (1 - a)
        for tv in range(1, 7):
            leaves: dict = {}
            corrected = op.brute_force({t: sp.Integer(tv)}) / (1 - a ** sp.Integer(tv))
            worst = worse(worst, float(abs(_evaluate(corrected - fixed, leaves, rng))))
            count += 1
        return NumericCheck(
            method="the rule run with a constant input c: s_t / (1 - a^t) equals its fixed "
            "point b/(1 - a) at t = 1…6",
            points=count,
            max_error=worst,
            passed=worst <= 1e-12,
        )

    def _first_step_check(self, seed: int) -> NumericCheck:
        """An update driven by other state (Adam's θ from m and v): its first step from zero
        state moves the parameter by less than the step size (|Δθ_1| < α, Kingma & Ba §2.1)."""
        s, rhs, t, _source = self.args
        rng = random.Random(seed)
        step_sizes = [x for x in rhs.free_symbols if str(x) in (r"\alpha", r"\eta")]
        worst, count = 0.0, 0
        for _ in range(8):
            at = {t: sp.Integer(1)}
            e = rhs.xreplace(at)
            e = e.xreplace({x: 0 for x in e.atoms(sp.Indexed) if x.base != s and x.indices == (0,)})
            leaves: dict = {}
            c = sp.Float(rng.choice([-1, 1]) * rng.uniform(0.01, 5), 30)
            e = e.replace(lambda x: isinstance(x, sp.Indexed) and x.base != s, lambda x, c=c: c)
            delta = _evaluate(e - s[0], leaves, rng)
            bound = _evaluate(sp.Add(*step_sizes), leaves, rng) if step_sizes else sp.oo
            worst = worse(worst, float(max(0, abs(delta) - bound)))
            count += 1
        return NumericCheck(
            method="first step from zero state with a constant gradient: |Δθ| < step size",
            points=count,
            max_error=worst,
            passed=worst == 0,
        )

    def _latex(self, printer):
        return printer._print(self.args[0][self.args[2]])


class Evaluate(sp.Function):
    """An expression in the problem's definitions, unfolded and evaluated at a given state:
    Evaluate(expr, Tuple of (symbol, value) pairs)."""

    nargs = 2

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        expr, state = self.args
        unfolded = expr
        for _ in range(20):
            atoms = {a: ctx.instance(a) for a in ctx.atoms_of(unfolded) if ctx.is_defined(a)}
            if not atoms:
                break
            unfolded = unfolded.xreplace(atoms)
        steps.append(Step("unfold the definitions", expr, unfolded))
        at = dict(state.args)
        value = sp.Float(sp.N(unfolded.xreplace(at).doit(), 30), 10)
        steps.append(
            Step(
                "at the state",
                expr,
                value,
                note=", ".join(f"${sp.latex(k)} = {sp.latex(v)}$" for k, v in at.items()),
            )
        )
        return value

    def check(self, closed, seed: int = 0, ctx=None) -> NumericCheck:
        """Bottom-up: every defined quantity evaluated at the state on its own, in order,
        then the expression from those numbers; against the unfolded value."""
        expr, state = self.args
        known = {k: sp.N(v, 50) for k, v in state.args}
        if ctx is None:
            return NumericCheck("needs the problem's definitions", 0, float("inf"), False)
        pending, todo = {}, [a for a in ctx.atoms_of(expr) if ctx.is_defined(a)]
        while todo:  # the definitions this expression needs, and theirs
            a = todo.pop()
            if a not in pending:
                pending[a] = ctx.instance(a)
                todo += [b for b in ctx.atoms_of(pending[a]) if ctx.is_defined(b)]
        for _ in range(len(pending) + 1):
            for k, rhs in list(pending.items()):
                v = sp.N(rhs.xreplace(known).doit(), 50)
                if v.is_number:
                    known[k] = v
                    del pending[k]
        value = sp.N(expr.xreplace(known), 50)
        err = float(abs(value - closed)) if value.is_number else float("inf")
        return NumericCheck(
            method="each definition evaluated at the state in turn, then the expression",
            points=1,
            max_error=err,
            passed=err <= 1e-9,
        )

    def _latex(self, printer):
        return printer._print(self.args[0])


class SolveFor(sp.Function):
    """The value of ``symbol`` that makes ``lhs`` and ``rhs`` equal whatever the state (two
    update rules, the same step): SolveFor(lhs, rhs, symbol, state) with ``state`` a Tuple
    of the quantities the value may not depend on (the iterate θ). A side may hold
    derivatives of the problem's quantities (∂ℓ/∂μ = 0): they are derived through the
    definitions first (for a stationary point with its second-order check, see
    ``Stationary``)."""

    nargs = 4

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        from sympy.core.function import AppliedUndef

        from .closed_form import derivative, flatten, merge_sums, solve_scalar, unfold

        lhs, rhs, symbol, state = self.args
        vector = self._vector()
        if vector is not None:  # ∂L/∂w_i = 0 for every i: the vector w, as Stationary(L, w)
            return vector.derive(ctx, steps)
        steps.append(Step("set the two equal", lhs, rhs))
        equation = lhs - rhs
        ders = _derived(equation)
        if ders:
            values = {d: derivative(ctx, d, steps) for d in ders}
            equation = flatten(ctx, unfold(ctx, equation.xreplace(values), symbol))
            steps.append(Step("the derivatives", lhs - rhs, equation, note="$= 0$"))
        elif equation.has(sp.Sum):
            equation = flatten(ctx, equation)
        what = f"solving ${sp.latex(lhs)} = {sp.latex(rhs)}$ for ${sp.latex(symbol)}$"
        value = solve_scalar(ctx, equation, symbol, what, steps)
        if ders or value.has(sp.Sum):
            value = merge_sums(tidy(value))

        if value.has(*state.args) or value.atoms(AppliedUndef) or value.has(sp.Derivative):
            raise UnsupportedError(f"{symbol} = {value} depends on the state: no single value")
        steps.append(Step(f"solve for ${sp.latex(symbol)}$", symbol, value))
        return sp.Eq(symbol, value)

    def _vector(self):
        """Stationary(f, w) when this solves ∂f/∂w_i = 0 for a whole vector w, else None."""
        lhs, rhs, symbol, _state = self.args
        if not (isinstance(symbol, sp.IndexedBase) and rhs == 0):
            return None
        if isinstance(lhs, sp.Derivative) and len(lhs.variables) == 1:
            v = lhs.variables[0]
            if isinstance(v, sp.Indexed) and v.base == symbol:
                from .stationary import Stationary

                return self.__dict__.setdefault("_as_stationary", Stationary(lhs.expr, symbol))
        return None

    def check(self, eq, seed: int = 0, ctx=None) -> NumericCheck:
        lhs, rhs, symbol, _state = self.args
        if self._vector() is not None:
            return self._vector().check(eq, seed, ctx=ctx)
        if ctx is not None and (_derived(lhs - rhs) or (lhs - rhs).has(sp.Sum)):
            from .closed_form import check_equation

            return check_equation(ctx, lhs - rhs, symbol, eq.rhs, seed)
        return check_solution(self, eq, seed)

    def _latex(self, printer):
        return printer._print(self.args[2])


def _derived(expr) -> list:
    """The derivatives in ``expr`` the engine derives (not those of abstract functions)."""
    from sympy.core.function import AppliedUndef

    found = [d for d in expr.atoms(sp.Derivative) if not isinstance(d.expr, AppliedUndef)]
    return sorted(found, key=sp.default_sort_key)


def check_solution(op: SolveFor, eq: sp.Eq, seed: int = 0) -> NumericCheck:
    """Both update rules evaluated at random states with the solved value put in."""
    rng = random.Random(seed)
    lhs, rhs, symbol, _state = op.args
    worst, count = 0.0, 0
    for _ in range(8):
        leaves: dict = {}
        diff = (lhs - rhs).xreplace({symbol: eq.rhs})
        diff = _concrete_functions(diff, rng)
        v = _evaluate(diff, leaves, rng)
        worst = worse(worst, float(abs(v)))
        count += 1
    return NumericCheck(
        method="both update rules at random states, the solved value put in",
        points=count,
        max_error=worst,
        passed=worst <= 1e-12,
    )


def _concrete_functions(expr, rng):
    from sympy.core.function import AppliedUndef

    coeffs: dict = {}

    def one(e):  # one random function per name, the same at every occurrence
        c = coeffs.setdefault(e.func, sp.Rational(rng.randint(1, 9), 7))
        return sp.sin(c * e.args[0]) + c * e.args[0] ** 2

    return expr.replace(lambda e: isinstance(e, AppliedUndef), one)
