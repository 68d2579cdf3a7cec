"""Threshold units: the parameters for which a step perceptron computes a truth table, and
the separator with the largest margin.

``Feasible`` turns each row of the table into a linear inequality on (w, b); ``MaxMargin``
solves the hard-margin problem min ‖w‖² s.t. ±(w·x + b) ≥ 1 exactly, by trying each set of
active rows (Lagrange conditions solved symbolically) and keeping the one that satisfies all
Karush–Kuhn–Tucker conditions.
"""

from __future__ import annotations

import itertools

import sympy as sp

from .steps import NumericCheck, Step


def _rows(table):
    return [(tuple(r.args[:-1]), r.args[-1]) for r in table.args]


class Feasible(sp.Function):
    """The set of (w, b) with step(w·x + b ≥ 0) = y on every row: Feasible(table, w, b),
    ``table`` a Tuple of rows (x_1, …, x_n, y)."""

    nargs = 3

    def derive(self, ctx, steps: list[Step]) -> sp.Basic:
        table, w, b = self.args
        conds = []
        for x, y in _rows(table):
            pre = sum(wi * xi for wi, xi in zip(w.args, x)) + b
            c = sp.Ge(pre, 0) if y == 1 else sp.Lt(pre, 0)
            conds.append(c)
            steps.append(Step(f"row x = {tuple(int(v) for v in x)}, y = {y}", pre, c))
        return sp.And(*conds)

    def check(self, closed, seed: int = 0) -> NumericCheck:
        """Random integer (w, b): in the set exactly when the perceptron gets every row."""
        import random

        table, w, b = self.args
        rng = random.Random(seed)
        count = wrong = 0
        for _ in range(400):
            at = {v: sp.Integer(rng.randint(-4, 4)) for v in (*w.args, b)}
            works = all(
                (1 if sum(at[wi] * xi for wi, xi in zip(w.args, x)) + at[b] >= 0 else 0) == y
                for x, y in _rows(table)
            )
            wrong += bool(closed.xreplace(at)) != works
            count += 1
        return NumericCheck(
            method="400 random integer (w, b): in the set iff every row is right",
            points=count,
            max_error=float(wrong),
            passed=wrong == 0,
        )

    def _latex(self, printer):
        return "(w, b) \\text{ computing the table}"


class MaxMargin(sp.Function):
    """The separator of largest margin: MaxMargin(table, w, b) → Tuple(w..., b)."""

    nargs = 3

    @property
    def unknowns(self) -> list:
        """What the result gives values for, in its order: w_1, …, b."""
        return [*self.args[1].args, self.args[2]]

    def derive(self, ctx, steps: list[Step]) -> sp.Basic:
        table, w, b = self.args
        ws = list(w.args)
        rows = [(x, 1 if y == 1 else -1) for x, y in _rows(table)]
        steps.append(
            Step(
                "hard margin",
                sp.Symbol("min"),
                sp.Add(*[v**2 for v in ws]) / 2,
                note="subject to $s_r (w \\cdot x_r + b) \\ge 1$, $s_r = \\pm 1$ by the row's y",
            )
        )
        best = _solve_qp(ws, b, rows)
        if best is None:
            raise ValueError("no separator: the table is not linearly separable")
        sol, active = best
        steps.append(
            Step(
                "KKT: active rows",
                sp.Symbol("active"),
                sp.FiniteSet(*[sp.Tuple(*rows[r][0]) for r in active]),
            )
        )
        margin = 1 / sp.sqrt(sum(sol[v] ** 2 for v in ws))
        steps.append(Step("margin", sp.Symbol("margin"), sp.nsimplify(margin)))
        return sp.Tuple(*[sol[v] for v in ws], sol[b])

    def check(self, closed, seed: int = 0) -> NumericCheck:
        """Feasible, and no random feasible separator scaled to margin ≥ 1 has smaller ‖w‖."""
        import random

        table, w, b = self.args
        ws = list(w.args)
        rows = [(x, 1 if y == 1 else -1) for x, y in _rows(table)]
        vals = dict(zip([*ws, b], closed.args))
        ok = all(s * (sum(vals[v] * xi for v, xi in zip(ws, x)) + vals[b]) >= 1 for x, s in rows)
        best = sum(vals[v] ** 2 for v in ws)
        rng = random.Random(seed)
        beaten = 0
        rows = [(tuple(int(v) for v in x), int(s)) for x, s in rows]
        for _ in range(3000):
            cand = [rng.uniform(-4, 4) for _ in ws] + [rng.uniform(-4, 4)]
            m = min(s * (sum(c * xi for c, xi in zip(cand, x)) + cand[-1]) for x, s in rows)
            if m <= 0:
                continue
            norm = sum(c * c for c in cand[:-1]) / (m * m)
            beaten += norm < float(best) - 1e-9
        return NumericCheck(
            method="feasibility, and 3000 random separators scaled to margin 1: none shorter",
            points=3000,
            max_error=float(beaten + (not ok)),
            passed=ok and beaten == 0,
        )

    def _latex(self, printer):
        return "(w, b)_{\\text{max margin}}"


def _solve_qp(ws, b, rows):
    """min ½‖w‖² s.t. s_r (w·x_r + b) ≥ 1, by active sets (exact, for small tables)."""
    for size in range(1, len(rows) + 1):
        for active in itertools.combinations(range(len(rows)), size):
            lams = sp.symbols(f"l0:{size}")
            eqs = []
            # ∇: w = Σ λ_r s_r x_r,  Σ λ_r s_r = 0,  active rows tight
            for d, v in enumerate(ws):
                eqs.append(
                    sp.Eq(
                        v, sum(lams[n] * rows[r][1] * rows[r][0][d] for n, r in enumerate(active))
                    )
                )
            eqs.append(sp.Eq(sum(lams[n] * rows[r][1] for n, r in enumerate(active)), 0))
            for r in active:
                x, s = rows[r]
                eqs.append(sp.Eq(s * (sum(v * xi for v, xi in zip(ws, x)) + b), 1))
            sols = sp.solve(eqs, [*ws, b, *lams], dict=True)
            for sol in sols:
                if any(v not in sol or sol[v].free_symbols for v in [*ws, b, *lams]):
                    continue
                if any(sol[lam] < 0 for lam in lams):
                    continue
                if all(
                    s * (sum(sol[v] * xi for v, xi in zip(ws, x)) + sol[b]) >= 1 for x, s in rows
                ):
                    return sol, active
    return None
