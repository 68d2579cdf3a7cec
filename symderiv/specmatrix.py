"""Matrix-level specs: matrices and vectors used as wholes (``sp.MatrixSymbol``), products,
transposes, ``sp.Trace``, ``sp.Determinant``, inverses (``X.I``), entries (``(aᵀX⁻¹b)[0, 0]``,
``X.I[k, l]``), lowered to the index form the engine derives in: X_ij entries, sums over
fresh indices, δ_ij for the identity; det X and (X⁻¹)_kl stay whole, as functions with their
derivative rules (∂ det X/∂X_ij = det X (X⁻¹)_ji, ∂(X⁻¹)_kl/∂X_ij = −(X⁻¹)_ki (X⁻¹)_jl).

A target ∂f/∂X by a whole matrix or vector becomes ∂f/∂X_ij with its matrix form; ∂y/∂x of
two vectors ∂y_k/∂x_i; ∂²f/∂x∂x the Hessian. Sizes stay symbolic. Entries written with
numbers are SymPy's (from 0: ``M[0, 0]``); with index symbols, the problem's (from 1).
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.matexpr import MatrixElement

from .errors import SpecError

__all__ = ["MatrixDet", "MatrixInverseEntry", "Shown", "explicit_matrix_functions", "lower"]


class Shown:
    """A notation class printed by its ``_tex`` (also as the base of a power: SymPy passes
    ``exp``): det X, (X⁻¹)_kl here, the reader's Xᵀ, diag(v), e_k in "read as"."""

    def _latex(self, printer, exp=None):
        tex = self._tex(printer)
        return tex if exp is None else rf"\left({tex}\right)^{{{exp}}}"


class MatrixDet(Shown, sp.Function):
    """det X of a whole square matrix X (an IndexedBase) of size n: MatrixDet(X, n)."""

    nargs = 2
    is_real = True

    def _eval_derivative(self, s):
        X, n = self.args
        if isinstance(s, sp.Indexed) and s.base == X and len(s.indices) == 2:
            i, j = s.indices
            return self * MatrixInverseEntry(X, n, j, i)
        return sp.S.Zero

    def _tex(self, printer):
        return rf"\det\left({printer._print(self.args[0])}\right)"


class MatrixInverseEntry(Shown, sp.Function):
    """(X⁻¹)_kl, an entry of the inverse of a whole square matrix X of size n."""

    nargs = 4
    is_real = True

    def _eval_derivative(self, s):
        X, n, k, l = self.args
        if isinstance(s, sp.Indexed) and s.base == X and len(s.indices) == 2:
            i, j = s.indices
            return -MatrixInverseEntry(X, n, k, i) * MatrixInverseEntry(X, n, j, l)
        return sp.S.Zero

    def _tex(self, printer):
        X, _n, k, l = (printer._print(a) for a in self.args)
        return rf"\left({X}^{{-1}}\right)_{{{k}{l}}}"


def explicit_matrix_functions(expr):
    """det X and (X⁻¹)_kl at a concrete size written out in the entries X_ij (Laplace
    expansion and the adjugate): what the numeric checks evaluate and differentiate."""
    if not expr.has(MatrixDet, MatrixInverseEntry):
        return expr
    cache: dict = {}

    def matrix(X, n):
        if (X, n) not in cache:
            if not n.is_Integer:
                raise SpecError(f"det/inverse of {X} needs a concrete size, not {n}")
            M = sp.Matrix(int(n), int(n), lambda a, b: X[a + 1, b + 1])
            cache[X, n] = (M, M.det(method="berkowitz"), M.adjugate(method="berkowitz"))
        return cache[X, n]

    def det(e):
        return matrix(*e.args)[1]

    def inv(e):
        X, n, k, l = e.args
        _, d, adj = matrix(X, n)
        return adj[int(k) - 1, int(l) - 1] / d

    expr = expr.replace(lambda e: isinstance(e, MatrixDet) and e.args[1].is_Integer, det)
    return expr.replace(
        lambda e: isinstance(e, MatrixInverseEntry) and all(a.is_Integer for a in e.args[1:]),
        inv,
    )


# -- lowering a problem --------------------------------------------------------------------


#: names of fresh indices, in order (e is Euler's number and d a differential to a reader)
_FRESH = ("r", "s", "t", "u", "v", "p", "q", "a", "b", "c", "g", "h", "f", "w", "y", "z")


class _Lowering:
    def __init__(self, problem):
        self.problem = problem
        self.bases: dict = {}
        self.used = {str(s) for s in _all_symbols(problem)}
        self.used |= {m.name for m in _matrix_symbols(problem)}  # (Σ_q over a query q: no)
        for m in _matrix_symbols(problem):
            self.bases[m] = sp.IndexedBase(m.name, real=True)

    def fresh(self) -> sp.Symbol:
        for name in _FRESH:
            if name not in self.used:
                self.used.add(name)
                return sp.Symbol(name, integer=True, positive=True)
        n = 1
        while f"r_{n}" in self.used:
            n += 1
        self.used.add(f"r_{n}")
        return sp.Symbol(f"r_{n}", integer=True, positive=True)

    def free_index(self) -> sp.Symbol:
        """An index of a target's entry: i, j, k, l first, as a textbook names them."""
        for name in ("i", "j", "k", "l", "m"):
            if name not in self.used:
                self.used.add(name)
                return sp.Symbol(name, integer=True, positive=True)
        return self.fresh()

    def shape(self, m: sp.MatrixSymbol) -> tuple:
        rows, cols = m.shape
        return (rows,) if cols == 1 else (cols,) if rows == 1 else (rows, cols)

    def leaf(self, m: sp.MatrixSymbol, i, j):
        base = self.bases[m]
        rows, cols = m.shape
        if cols == 1:
            return base[i]
        if rows == 1:
            return base[j]
        return base[i, j]

    def entry(self, M, i, j) -> sp.Expr:
        """The (i, j) entry of the matrix expression M (indices from 1)."""
        if isinstance(M, sp.MatrixSymbol):
            return self.leaf(M, i, j)
        if isinstance(M, sp.Transpose):
            return self.entry(M.arg, j, i)
        if isinstance(M, sp.Identity):
            return sp.KroneckerDelta(i, j)
        if isinstance(M, sp.ZeroMatrix):
            return sp.S.Zero
        if isinstance(M, sp.OneMatrix):
            return sp.S.One
        if isinstance(M, sp.MatAdd):
            return sp.Add(*[self.entry(a, i, j) for a in M.args])
        if isinstance(M, sp.HadamardProduct):
            return sp.Mul(*[self.entry(a, i, j) for a in M.args])
        if isinstance(M, ElementwiseApplyFunction):  # σ(Wx + b): σ of each entry
            return M.function(self.entry(M.expr, i, j))
        if isinstance(M, sp.MatMul):
            scalars = [a for a in M.args if not isinstance(a, sp.MatrixExpr)]
            mats = [a for a in M.args if isinstance(a, sp.MatrixExpr)]
            return self.scalar(sp.Mul(*scalars)) * self._chain(mats, i, j)
        if isinstance(M, sp.Inverse) or (isinstance(M, sp.MatPow) and M.exp == -1):
            X = M.arg if isinstance(M, sp.Inverse) else M.base
            if not isinstance(X, sp.MatrixSymbol):
                raise SpecError(
                    f"the inverse of {X}: of a single given matrix only ((AB)⁻¹ = B⁻¹A⁻¹ "
                    "for square factors), or write the target with entries"
                )
            self._given(X, "inverse")
            return MatrixInverseEntry(self.bases[X], X.shape[0], i, j)
        if isinstance(M, sp.MatPow) and M.exp.is_Integer and M.exp > 0:
            return self._chain([M.base] * int(M.exp), i, j)
        raise SpecError(f"{type(M).__name__} in a matrix-level spec: no index form for {M}")

    def _given(self, X, what: str) -> None:
        """det X and X⁻¹ are differentiated by X's own entries only: of a matrix defined in
        terms of others (M = AXB), ∂ det M/∂X would be 0, silently wrong. Refused."""
        if any(d.lhs == X for d in self.problem.definitions):
            raise SpecError(
                f"the {what} of {X.name}, a matrix defined in terms of others: write it of "
                "the given matrices (det(AXB) = det A det X det B for square factors)"
            )

    def _chain(self, mats, i, j):
        if len(mats) == 1:
            return self.entry(mats[0], i, j)
        inner = [self.fresh() for _ in mats[:-1]]
        idx = [i, *inner, j]
        body = sp.Mul(*[self.entry(m, idx[k], idx[k + 1]) for k, m in enumerate(mats)])
        limits = [(u, 1, mats[k].shape[1]) for k, u in enumerate(inner)]
        return sp.Sum(body, *limits)

    def scalar(self, e):
        """A scalar expression with the matrix-level parts in index form."""
        if not isinstance(e, sp.Basic) or not e.has(sp.MatrixSymbol):
            return e
        if isinstance(e, MatrixElement):  # SymPy's indices (numbers, its own dummies) from 0
            M, a, b = e.args
            return self.entry(M, *(k + 1 if _from_zero(k) else k for k in (a, b)))
        if isinstance(e, sp.Sum) and all(isinstance(v, sp.Dummy) for v, *_ in e.limits):
            return self._sympys_sum(e)
        if isinstance(e, sp.Trace):
            t = self.fresh()
            return sp.Sum(self.entry(e.arg, t, t), (t, 1, e.arg.shape[0]))
        if isinstance(e, sp.Determinant):
            X = e.arg
            if not isinstance(X, sp.MatrixSymbol):
                raise SpecError(f"the determinant of {X}: of a single matrix symbol only")
            self._given(X, "determinant")
            return MatrixDet(self.bases[X], X.shape[0])
        if isinstance(e, sp.MatrixSymbol) and e.shape != (1, 1):
            return self.bases[e]  # the quantity as a whole: Stationary(L, w)
        if isinstance(e, sp.MatrixExpr):
            if e.shape != (1, 1):
                raise SpecError(f"{e} is a {e.shape[0]}×{e.shape[1]} matrix where a scalar is")
            return self.entry(e, sp.S.One, sp.S.One)
        return e.func(*[self.scalar(a) for a in e.args])

    def _sympys_sum(self, e):
        """SymPy's own expansion of an entry of a product, Σ_{_i=0}^{n−1} a[_i, 0] X[_i, …]:
        its entries read from 0, then its indices renamed and counted from 1."""
        body = self.scalar(e.function)
        shift, limits = {}, []
        for d, lo, hi in e.limits:
            t = self.fresh()
            shift[d] = t - 1
            limits.append((t, lo + 1, hi + 1))
        return sp.Sum(body.xreplace(shift), *limits)

    # -- the parts of a problem -----------------------------------------------------
    def definition(self, d):
        Definition = type(d)
        lhs, rhs = d.lhs, d.rhs
        if isinstance(lhs, sp.MatrixSymbol):
            i, j = self.fresh(), self.fresh()
            rows, cols = lhs.shape
            i = sp.S.One if rows == 1 else i
            j = sp.S.One if cols == 1 else j
            return Definition(self.leaf(lhs, i, j), self._as_entry(rhs, i, j), d.name)
        return Definition(self.scalar(lhs), self.scalar(rhs), d.name)

    def _as_entry(self, rhs, i, j):
        if isinstance(rhs, sp.MatrixExpr):
            return self.entry(rhs, i, j)
        return self.scalar(rhs)

    def target(self, t):
        expr = t.expr
        if isinstance(expr, sp.Derivative) and any(
            isinstance(v, sp.MatrixSymbol) for v in expr.variables
        ):
            return replace(t, **self._whole_derivative(expr, t))
        return replace(t, expr=self.scalar(expr))

    def _whole_derivative(self, d, t) -> dict:
        """∂f/∂X → ∂f/∂X_ij as (i, j); ∂y/∂x → ∂y_k/∂x_i as (k, i); ∂²f/∂x∂x → (i, j)."""
        of, variables = d.expr, d.variables
        if isinstance(of, sp.MatrixSymbol):  # a vector by a vector
            if len(variables) != 1 or not all(1 in m.shape for m in (of, variables[0])):
                raise SpecError(f"{t.name}: ∂{of}/∂{variables[0]} has more than two indices")
            k, i = self.free_index(), self.free_index()
            return {
                "expr": sp.Derivative(self.leaf(of, k, k), self.leaf(variables[0], i, i)),
                "as_matrix": t.as_matrix or (k, i),
            }
        of = self.scalar(of)
        if len(variables) == 2 and variables[0] == variables[1] and 1 in variables[0].shape:
            i, j = self.free_index(), self.free_index()  # the Hessian by a vector
            x = variables[0]
            return {
                "expr": sp.Derivative(of, self.leaf(x, i, i), self.leaf(x, j, j)),
                "as_matrix": t.as_matrix or (i, j),
            }
        if len(variables) != 1:
            raise SpecError(f"{t.name}: a derivative by a whole matrix is of first order")
        X = variables[0]
        i, j = self.free_index(), self.free_index()
        rows, cols = X.shape
        if cols == 1 or rows == 1:
            return {
                "expr": sp.Derivative(of, self.leaf(X, i, i)),
                "as_matrix": t.as_matrix or (i, None),
            }
        return {"expr": sp.Derivative(of, self.leaf(X, i, j)), "as_matrix": t.as_matrix or (i, j)}


def _from_zero(k) -> bool:
    """Is this index of a matrix element SymPy's (a number, or one of its dummies)?"""
    return bool(k.is_Integer) or any(isinstance(s, sp.Dummy) for s in k.free_symbols)


def _matrix_symbols(problem) -> list:
    found = set()
    for d in problem.definitions:
        found |= _msyms(d.lhs) | _msyms(d.rhs)
    for t in problem.targets:
        found |= _msyms(t.expr)
    found |= {k for k in problem.shapes if isinstance(k, sp.MatrixSymbol)}
    return sorted(found, key=lambda m: m.name)


def _msyms(e) -> set:
    return set(e.atoms(sp.MatrixSymbol)) if isinstance(e, sp.Basic) else set()


def _all_symbols(problem) -> set:
    out = set()
    for d in problem.definitions:
        out |= {s for e in (d.lhs, d.rhs) if isinstance(e, sp.Basic) for s in e.atoms(sp.Symbol)}
    for t in problem.targets:
        out |= set(t.expr.atoms(sp.Symbol)) if isinstance(t.expr, sp.Basic) else set()
    return out


def _symmetric(a, low):
    """Q.symmetric(A) or Eq(A, Aᵀ) of a matrix used whole: A_ij = A_ji, as an index-level
    spec states it (then drawn and written in pairs); any other assumption as it is."""
    m = None
    if isinstance(a, sp.assumptions.assume.AppliedPredicate) and a.function == sp.Q.symmetric:
        m = a.arguments[0]
    elif isinstance(a, sp.Eq) and isinstance(a.rhs, sp.Transpose) and a.rhs.arg == a.lhs:
        m = a.lhs
    if m not in low.bases:
        if isinstance(a, sp.Eq) and any(_msyms(side) for side in a.args):
            return sp.Eq(low.scalar(a.lhs), low.scalar(a.rhs))  # 𝟏ᵀy = 1: Σ_r y_r = 1
        return a
    i, j = low.fresh(), low.fresh()
    return sp.Eq(low.bases[m][i, j], low.bases[m][j, i])


def lower(problem):
    """The problem with its matrix-level parts in index form (itself when it has none)."""
    parts = (problem.definitions, problem.targets)
    if not all(isinstance(p, tuple | list) for p in parts):
        return {}  # (targets=Target(…) without its comma: the registry names the mistake)
    if not _matrix_symbols(problem):
        return {}
    low = _Lowering(problem)
    shapes = {}
    for k, v in problem.shapes.items():
        if isinstance(k, sp.MatrixSymbol):
            shapes[low.bases[k]] = low.shape(k)
        else:
            shapes[k] = v
    for m, base in low.bases.items():
        shapes.setdefault(base, low.shape(m))
    notation = {
        name: low.bases.get(v, v) if isinstance(v, sp.MatrixSymbol) else v
        for name, v in problem.notation.items()
    }
    for m, base in low.bases.items():
        notation.setdefault(m.name, base)
    return {
        "shapes": shapes,
        "assumptions": tuple(_symmetric(a, low) for a in problem.assumptions),
        "definitions": tuple(low.definition(d) for d in problem.definitions),
        "targets": tuple(low.target(t) for t in problem.targets),
        "notation": notation,
    }
