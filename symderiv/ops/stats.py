"""Densities of transformed random variables, by the change of variables."""

from __future__ import annotations

import random

import sympy as sp

from .steps import NumericCheck, Step, worse


class TransformedDensity(sp.Function):
    """The density of Y = g(X) at u, for X with density f_X and g monotone:
    TransformedDensity(f_X as a Lambda, g as a Lambda, u)."""

    nargs = 3

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        fx, g, u = self.args
        (x,) = g.variables
        inverse = sp.solve(sp.Eq(g.expr, u), x)
        if len(inverse) != 1:
            raise ValueError(f"{g} is not invertible: {len(inverse)} preimages")
        xinv = inverse[0]
        steps.append(Step("invert", x, xinv, note=f"$u = {sp.latex(g.expr)}$"))
        jac = sp.Abs(sp.diff(xinv, u))
        steps.append(Step("Jacobian", sp.Symbol("|dx/du|"), sp.simplify(jac)))
        density = sp.simplify(fx(xinv) * jac)
        steps.append(
            Step(
                "change of variables",
                sp.Function("f_Y")(u),
                density,
                note="$f_Y(u) = f_X(g^{-1}(u))\\,|d g^{-1}/du|$",
            )
        )
        return density

    def check(self, closed, seed: int = 0) -> NumericCheck:
        """Against sympy.stats' own density of g(X) for X ~ N(0, 1), at random points."""
        from sympy.stats import Normal, density

        _fx, g, u = self.args
        rng = random.Random(seed)
        X = Normal("X", 0, 1)
        ref = density(g(X))(u)
        worst, count = 0.0, 0
        params = sorted((closed.free_symbols | ref.free_symbols) - {u}, key=str)
        for _ in range(6):
            at = {q: sp.Float(rng.uniform(0.3, 3), 30) for q in params}
            at[u] = sp.Float(rng.uniform(-3, 3), 30)
            a, b = sp.N(closed.xreplace(at), 30), sp.N(ref.xreplace(at), 30)
            worst = worse(worst, float(abs(a - b)))
            count += 1
        return NumericCheck(
            method="sympy.stats' density of g(X), X ~ N(0, 1), at random points",
            points=count,
            max_error=worst,
            passed=worst <= 1e-12,
        )

    def _latex(self, printer):
        return f"f_Y\\left({printer._print(self.args[2])}\\right)"


class Peak(sp.Function):
    """Where a density peaks and its value there: Peak(density Lambda, which) with which 0
    for the location, 1 for the value."""

    nargs = 2

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        f, which = self.args
        (u,) = f.variables
        crit = sp.solve(sp.diff(f.expr, u), u)
        steps.append(Step("f'(u) = 0", u, sp.FiniteSet(*crit)))
        if len(crit) != 1:
            raise ValueError(f"{len(crit)} critical points")
        peak = crit[0]
        if which == 0:
            return peak
        value = sp.simplify(f.expr.xreplace({u: peak}))
        steps.append(Step("value at the peak", sp.Function("f")(peak), value))
        return value

    def check(self, closed, seed: int = 0) -> NumericCheck:
        """The density sampled on a fine grid: its largest value and where it is."""
        f, which = self.args
        (u,) = f.variables
        params = sorted(f.expr.free_symbols - {u}, key=str)
        rng = random.Random(seed)
        worst, count = 0.0, 0
        for _ in range(3):
            at = {q: sp.Float(rng.uniform(0.5, 2), 20) for q in params}
            grid = [x / 1000 for x in range(-8000, 8001)]
            try:  # floats: ample for a tolerance of 2e-3, and 30× faster than mpmath
                fn = sp.lambdify(u, f.expr.xreplace(at), "math")
                best = max(grid, key=lambda x: fn(x))
            except (ValueError, TypeError, ArithmeticError):
                fn = sp.lambdify(u, f.expr.xreplace(at), "mpmath")
                best = max(grid, key=lambda x: fn(x))
            want = best if which == 0 else fn(best)
            worst = worse(worst, float(abs(sp.N(closed.xreplace(at)) - want)))
            count += 1
        return NumericCheck(
            method="the density on a grid of step 0.001 over [−8, 8]: its maximum",
            points=count,
            max_error=worst,
            passed=worst <= 2e-3,
        )
