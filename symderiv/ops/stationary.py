"""Stationary points in closed form: the value of a quantity where ∂f/∂var = 0, derived
through the problem's definitions by the engine's chain rule, then solved.

Sums over data stay sums: the derivative is flattened into terms (a sum of sums split,
factors free of the summation index pulled out), every sum left is a symbol while SymPy
solves (Σ_i x_i is a number it cannot see inside), then put back: μ̂ = (1/N) Σ_i x_i. A
solution is checked on the forward computation itself, at several sizes: its definitions
unfolded, its sums written out, the derivative taken there (not by the chain rule) is 0 at
the solved value, and the second derivative has the sign the second-order step claims.

A vector unknown (least squares, ridge, a quadratic) is solved when its gradient is affine
in the unknown's entries: see ``stationary_matrix``.
"""

from __future__ import annotations

import random

import sympy as sp

from .algebra import tidy
from .closed_form import (
    CHECK_SIZES,
    concrete,
    derivative,
    draw,
    flatten,
    freeze_sums,
    merge_sums,
    sign_of,
    size_sets,
    solve_scalar,
    unfold,
)
from .printer import latex
from .steps import NumericCheck, Step, worse


def second_order(ctx, f, var, equation, second, value, shown, steps: list[Step]) -> int | None:
    """The sign of ∂²f/∂var² at the solution, decided under the assumptions where it can be:
    first with the value put in, then with a data quantity eliminated by the equation itself
    (−N/(2s²) at ŝ rather than −N³/(2(Σ_i(x_i − μ)²)²))."""
    h = tidy(sp.factor(sp.cancel(second.xreplace({var: value}))))
    forms = [h]
    frozen, back = freeze_sums(equation, var)
    f2 = second.xreplace({s: u for u, s in back.items()})
    for u in sorted(frozen.free_symbols - {var}, key=lambda s: (s not in back, str(s))):
        if sp.degree(sp.numer(sp.together(frozen)), u) != 1:
            continue
        try:
            sol = sp.solve(frozen, u, dict=True)
        except Exception:
            continue
        if len(sol) == 1:
            form = sp.factor(sp.cancel(f2.xreplace({u: sol[0][u]})))
            forms.append(tidy(form.xreplace(back)))
    lhs = sp.Derivative(f, (var, 2))
    for form in forms:
        sign = sign_of(ctx, form)
        if sign in (1, -1):
            kind = "a minimum" if sign > 0 else "a maximum"
            note = (
                f"at ${latex(var)} = {latex(shown)}$"
                + ("" if form is h else f" (${latex(var)}$ standing for that value)")
                + f": {'positive' if sign > 0 else 'negative'} under the assumptions, {kind}"
            )
            steps.append(Step("second-order check", lhs, form, note=note))
            return sign
    steps.append(
        Step(
            "second-order check",
            lhs,
            h,
            note=f"at ${latex(var)} = {latex(shown)}$: its sign is undecided under the "
            "assumptions (state them to decide between a minimum and a maximum)",
        )
    )
    return None


# -- the operation -------------------------------------------------------------------------
class Stationary(sp.Function):
    """The value of ``var`` where ∂f/∂var = 0: Stationary(f, var) or Stationary(f, var,
    given) with ``given`` a Tuple of (quantity, value) pairs put in first (ŝ at μ = μ̂: give
    (μ, μ̂) with μ̂ a defined quantity, or another Stationary). ``var`` a scalar, or an
    IndexedBase (a vector: the solution is a matrix expression)."""

    nargs = (2, 3)

    @property
    def given(self) -> sp.Tuple:
        return self.args[2] if len(self.args) > 2 else sp.Tuple()

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        f, var = self.args[:2]
        if isinstance(var, sp.IndexedBase):
            from .stationary_matrix import derive_vector

            eq, self.__dict__["_claim"] = derive_vector(self, ctx, steps)
            return eq
        what = f"the stationary point of ${latex(f)}$ in ${latex(var)}$"
        d = sp.Derivative(f, var)
        ranges = ctx.ranges(d)
        g = derivative(ctx, d, steps, ranges)
        given = self._given(ctx, steps)
        g = flatten(ctx, unfold(ctx, g, var)).xreplace(given)
        steps.append(Step("set the derivative to zero", d, g, note="$= 0$ at a stationary point"))
        value = solve_scalar(ctx, g, var, what, steps)
        shown = merge_sums(tidy(value))
        steps.append(Step(f"solve for ${latex(var)}$", var, shown))
        second = flatten(ctx, unfold(ctx, ctx.total(g, var, steps, dict(ranges)), var))
        second = second.xreplace(given)
        frozen, back = freeze_sums(second, var)
        shown2 = tidy(sp.cancel(frozen)).xreplace(back)
        steps.append(Step("second derivative", sp.Derivative(f, (var, 2)), shown2))
        self.__dict__["_claim"] = second_order(ctx, f, var, g, second, value, shown, steps)
        return sp.Eq(var, shown)

    def _given(self, ctx, steps) -> dict:
        out = {}
        for q, v in self.given.args:
            if hasattr(v, "derive"):
                v = v.derive(ctx, steps).rhs
            out[q] = v
            steps.append(Step("given", q, v))
        return out

    def check(self, eq, seed: int = 0, ctx=None) -> NumericCheck:
        if ctx is None:
            return NumericCheck("needs the problem's definitions", 0, float("inf"), False)
        if isinstance(self.args[1], sp.IndexedBase):
            from .stationary_matrix import check_vector

            return check_vector(self, eq, ctx, seed)
        f, var = self.args[:2]
        if "_claim" not in self.__dict__:  # derived in another process: its claim again
            self.derive(ctx, [])
        given = self._given(ctx, [])
        return check_stationary(ctx, f, var, eq.rhs, given, self.__dict__["_claim"], seed)

    def _latex(self, printer):
        return printer._print(self.args[1])


def check_stationary(ctx, f, var, value, given, claim, seed: int = 0) -> NumericCheck:
    """At several sizes and random points: the derivative of the forward computation (its
    sums written out) is 0 at the solved value, and the second derivative has the claimed
    sign."""
    rng = random.Random(seed)
    worst, count, wrong_sign = 0.0, 0, 0
    for sizes in size_sets(ctx):
        put = {q: concrete(ctx, v, sizes) for q, v in given.items()}
        fc = concrete(ctx, f, sizes).xreplace(put)
        vc = concrete(ctx, value, sizes)
        d1, d2 = sp.diff(fc, var), sp.diff(fc, var, 2)
        for _ in range(4):
            at = draw(ctx, fc + vc, {var}, rng, sizes)
            point = {var: sp.N(vc.xreplace(at), 30), **at}
            g = sp.N(d1.xreplace(point), 30)
            scale = 1 + max([abs(sp.N(t.xreplace(point), 30)) for t in sp.Add.make_args(d1)])
            worst = worse(worst, float(abs(g) / scale))
            h = sp.N(d2.xreplace(point), 30)
            if claim is not None and not (h * claim > 0):
                wrong_sign += 1
            count += 1
    claimed = {1: "; ∂² > 0 there", -1: "; ∂² < 0 there"}.get(claim, "")
    return NumericCheck(
        method="the derivative of the forward computation, its sums written out, is 0 at the "
        f"solved value at sizes {', '.join(map(str, CHECK_SIZES))} and random points{claimed}",
        points=count,
        max_error=worst if not wrong_sign else float("inf"),
        passed=worst <= 1e-12 and not wrong_sign,
    )
