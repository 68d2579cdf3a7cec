"""Linear transforms written as convolutions (the DCT as a bank of FIR filters).

A linear transform of a length-N signal, Y_k = Σ_{j=0}^{N-1} a(k, j) x_j, is read at one
output position p_k of a convolution (x * K_k)(p_k) = Σ_j x_j K_k[p_k − j]. Matching the two
sums term by term with i = p_k − j gives the kernel K_k[i] = a(k, p_k − i) on the window
p_k − N + 1 ≤ i ≤ p_k (where x_{p_k − i} can be nonzero) and 0 elsewhere: a filter of N taps.
Nothing about the kernel or its support is typed in; each is checked by convolving symbolic
inputs x_0 … x_{N−1} and comparing with the transform coefficient by coefficient.
"""

from __future__ import annotations

import sympy as sp

from .algebra import tidy
from .steps import NumericCheck, Step, worse

#: the input signal's entries x_0 … x_{N−1}, symbolic in every check
X = sp.IndexedBase("x", real=True)


def _int(v) -> int:
    return int(sp.sympify(v))


def _error(expr) -> float:
    """Largest |coefficient| of a linear form in symbols, each evaluated to 30 digits."""
    expr = sp.expand(expr)
    if expr == 0:
        return 0.0
    gens = sorted(expr.free_symbols, key=sp.default_sort_key)  # x[0], X_01, …
    poly = sp.Poly(expr, *gens)
    return max(float(abs(sp.N(c, 30))) for c in poly.coeffs())


def matrix(a: sp.Lambda, N: int) -> sp.Matrix:
    """The N×N matrix of the transform: D[k, j] = a(k, j)."""
    return sp.Matrix(N, N, lambda k, j: a(k, j))


class Transform(sp.Function):
    """Y_k = Σ_{j=0}^{N−1} a(k, j) x_j: Transform(a, N, k)."""

    nargs = 3

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        a, N, k = self.args
        j = sp.Symbol("j", integer=True)
        total = sp.Sum(a(k, j) * X[j], (j, 0, N - 1))
        steps.append(Step("definition of the transform", self, total))
        d = matrix(a, _int(N))
        steps.append(
            Step("as a matrix", sp.Symbol("D"), d, note="$Y = D x$ with $D_{kj} = a(k, j)$")
        )
        return total

    def check(self, closed, seed: int = 0) -> NumericCheck:
        a, N, k = self.args
        n = _int(N)
        worst = 0.0
        for kv in range(n):
            want = sum(a(kv, j) * X[j] for j in range(n))
            worst = worse(worst, _error(closed.xreplace({k: kv}).doit() - want))
        return NumericCheck("the matrix row by row, symbolic x", n, worst, worst <= 1e-12)

    def _latex(self, printer):
        return f"Y_{{{printer._print(self.args[2])}}}"


class Normalization(sp.Function):
    """The factors c_k that make the rows of a basis a(k, j) orthonormal:
    Normalization(a, N, k) = 1/‖a(k, ·)‖, as a Piecewise in k over the distinct values."""

    nargs = 3

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        a, N, k = self.args
        n = _int(N)
        j = sp.Symbol("j", integer=True)
        rows = sp.Matrix(n, n, lambda r, c: a(r, c))
        gram = (rows * rows.T).applyfunc(lambda e: sp.nsimplify(sp.simplify(e)))
        steps.append(
            Step(
                "Gram matrix of the rows",
                sp.Sum(a(k, j) * a(sp.Symbol("l", integer=True), j), (j, 0, N - 1)),
                gram,
                note="rows $k \\neq l$ are orthogonal; the diagonal holds the squared norms",
            )
        )
        values = [sp.radsimp(1 / sp.sqrt(gram[r, r])) for r in range(n)]
        common = max(set(values), key=values.count)
        pieces = [(v, sp.Eq(k, r)) for r, v in enumerate(values) if v != common]
        value = sp.Piecewise(*pieces, (common, True)) if pieces else common
        steps.append(Step("one over each row's norm", sp.Symbol("c_k"), value))
        return value

    def check(self, closed, seed: int = 0) -> NumericCheck:
        a, N, k = self.args
        n = _int(N)
        d = sp.Matrix(n, n, lambda r, c: closed.xreplace({k: r}) * a(r, c))
        worst = max(float(abs(sp.N(e, 30))) for e in (d * d.T - sp.eye(n)))
        return NumericCheck("D Dᵀ = I with the factors applied", n * n, worst, worst <= 1e-12)

    def _latex(self, printer):
        return f"c_{{{printer._print(self.args[2])}}}"


class Kernel(sp.Function):
    """The kernel that gives a transform's Y_k at output position p_k of x * K_k:
    Kernel(a, N, position, i, k, full). ``position`` is a Lambda of k; with ``full`` = 1 the
    result is the whole kernel (0 off its support), with 0 only its formula on the support."""

    nargs = 6

    def window(self):
        _a, N, p, _i, k, _full = self.args
        return p(k) - N + 1, p(k)

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        a, N, p, i, k, full = self.args
        j = sp.Symbol("j", integer=True)
        K = sp.Function("K_k")
        pk = p(k)
        steps.append(
            Step(
                "the convolution at the output position",
                sp.Symbol("Y_k"),
                sp.Sum(X[j] * K(pk - j), (j, 0, N - 1)),
                note=f"$Y_k = (x * K_k)({sp.latex(pk)})$, $x_j = 0$ outside $0 \\le j \\le N-1$",
            )
        )
        steps.append(
            Step(
                "match the transform term by term",
                K(pk - j),
                a(k, j),
                note="$Y_k = \\sum_j a(k, j) x_j$ for every input $x$",
            )
        )
        formula = tidy(a(k, pk - i))
        steps.append(
            Step("substitute $i = " + sp.latex(pk) + " - j$", K(i), formula, note="$j = p - i$")
        )
        if not full:
            return formula
        lo, hi = self.window()
        value = sp.Piecewise((formula, (i >= lo) & (i <= hi)), (0, True))
        steps.append(
            Step(
                "support",
                K(i),
                value,
                note=f"$0 \\le j \\le N-1$ means ${sp.latex(lo)} \\le i \\le {sp.latex(hi)}$: "
                "a filter of $N$ taps, 0 elsewhere",
            )
        )
        return value

    def check(self, closed, seed: int = 0) -> NumericCheck:
        """Convolve symbolic x_0 … x_{N−1} with the kernel and compare with the transform,
        for every k; a whole kernel must also vanish outside its window."""
        a, N, p, i, k, full = self.args
        n = _int(N)
        worst, points = 0.0, 0
        for kv in range(n):
            K = sp.Lambda(i, closed.xreplace({k: kv}))
            pk = _int(p(kv))
            lo, hi = pk - n + 1, pk
            span = range(lo - n, hi + n + 1) if full else range(lo, hi + 1)
            conv = sum(
                (X[pk - iv] if 0 <= pk - iv < n else 0) * K(iv) for iv in span
            )  # Σ_i x(p − i) K(i)
            want = sum(a(kv, jv) * X[jv] for jv in range(n))
            worst = worse(worst, _error(conv - want))
            points += 1
            if full:
                outside = [iv for iv in span if not lo <= iv <= hi]
                worst = max([worst, *(float(abs(sp.N(K(iv), 30))) for iv in outside)])
                points += len(outside)
        return NumericCheck(
            "x * K_k at its position against the transform, symbolic x_0 … x_{N−1}",
            points,
            worst,
            worst <= 1e-12,
        )

    def _latex(self, printer):
        return f"K_{{{printer._print(self.args[4])}}}[{printer._print(self.args[3])}]"


class Separable2D(sp.Function):
    """The 2-D transform Y = D X Dᵀ of an N×N patch as two passes of 1-D convolutions:
    Separable2D(a, N, position). Each row of X is filtered with K_l (read at p_l), then each
    column of the result with K_k (read at p_k)."""

    nargs = 3

    def derive(self, ctx, steps: list[Step]) -> sp.Expr:
        a, N, p = self.args
        n = _int(N)
        k, l, r, s = sp.symbols("k l r s", integer=True)
        P = sp.IndexedBase("X", real=True)
        Z = sp.IndexedBase("Z", real=True)
        Y = sp.IndexedBase("Y", real=True)
        two_d = sp.Sum(a(k, r) * a(l, s) * P[r, s], (r, 0, N - 1), (s, 0, N - 1))
        steps.append(Step("definition of the 2-D transform", Y[k, l], two_d))
        inner = sp.Sum(a(l, s) * P[r, s], (s, 0, N - 1))
        steps.append(
            Step(
                "factor the double sum",
                Y[k, l],
                sp.Sum(a(k, r) * Z[r, l], (r, 0, N - 1)),
                note=f"$Z_{{rl}} = {sp.latex(inner)}$: the 1-D transform of row $r$",
            )
        )
        K = sp.Function("K")
        steps.append(
            Step(
                "two convolutions",
                Y[k, l],
                sp.Sum(K(k, p(k) - r) * Z[r, l], (r, 0, N - 1)),
                note=f"rows: $Z_{{rl}} = \\sum_s K_l[{sp.latex(p(l))} - s] X_{{rs}}$; "
                f"then columns with $K_k$ read at ${sp.latex(p(k))}$",
            )
        )
        d = matrix(a, n)
        result = sp.MatMul(d, sp.MatrixSymbol("X", n, n), d.T, evaluate=False)
        steps.append(Step("in matrix form", sp.MatrixSymbol("Y", n, n), result))
        return result

    def check(self, closed, seed: int = 0) -> NumericCheck:
        """Two passes of 1-D convolutions with the derived kernels, on a symbolic patch,
        against the 2-D definition and against the matrix form."""
        a, N, p = self.args
        n = _int(N)
        i, k = sp.symbols("i k", integer=True)
        K = Kernel(a, N, p, i, k, 1).derive(None, [])
        P = sp.Matrix(n, n, lambda r, s: sp.Symbol(f"X_{r}{s}", real=True))

        def filt(kv, seq):  # Σ_i seq(p − i) K_k[i], seq given on 0 … N−1
            pk = _int(p(kv))
            return sum(
                seq[pk - iv] * K.xreplace({k: kv, i: iv})
                for iv in range(pk - n + 1, pk + 1)
                if 0 <= pk - iv < n
            )

        Zm = sp.Matrix(n, n, lambda r, lv: filt(lv, [P[r, s] for s in range(n)]))
        Ym = sp.Matrix(n, n, lambda kv, lv: filt(kv, [Zm[r, lv] for r in range(n)]))
        direct = sp.Matrix(
            n,
            n,
            lambda kv, lv: sum(a(kv, r) * a(lv, s) * P[r, s] for r in range(n) for s in range(n)),
        )
        form = closed.subs(sp.MatrixSymbol("X", n, n), P).doit()
        worst = max(_error(e) for e in [*(Ym - direct), *(form - direct)])
        return NumericCheck(
            "two passes of 1-D convolutions on a symbolic patch against the 2-D sum",
            2 * n * n,
            worst,
            worst <= 1e-12,
        )

    def _latex(self, printer):
        return "Y"
