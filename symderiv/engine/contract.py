"""Index-level terms read as contraction graphs, and the matrix products they are.

A term (constant × factors, every summation index pulled to the term and renamed apart)
is a graph on its indices: a two-index factor M_{uv} is an edge u–v (Mᵀ when walked from v
to u), δ_{uv} an identity edge, a factor of one index a vector at that index. A free index
(the entry's row or column) ends a path; a summation index is on a path (two edge ends), at
a path's end (one edge end and its vectors, or 𝟏), or alone with its vectors (a scalar
uᵀ diag(…) w); a closed cycle is a trace. Vectors at an index inside a path are a diag(…)
there, vectors at an end a Hadamard product. The row's path is the result's column (or,
with the column's path, the matrix: the path row → column, or an outer product r cᵀ).
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.precedence import PRECEDENCE

from ..errors import UnsupportedError
from ..ops.functions import gradient_parts
from ..ops.matrices import BasisVector, DiagMatrix, ElementwiseApplyFunction
from ..spec import MatrixInverseEntry

_U = sp.Dummy("u")  # the variable of every elementwise function (equal functions merge)


class Scalar(sp.Expr):
    """A 1 × 1 matrix product read as a number: xᵀy, 𝟏ᵀv, uᵀ M v (printed as the product)."""

    is_commutative = True
    precedence = PRECEDENCE["Mul"] - 1  # bracketed as a factor: (xᵀy) x, (𝟏ᵀx)(𝟏ᵀy)

    def __new__(cls, mat):
        return sp.Expr.__new__(cls, mat)

    @property
    def mat(self):
        return self.args[0]

    def _latex(self, printer):
        return printer._print(self.mat)


class Elementwise(ElementwiseApplyFunction):
    """f applied to every entry, bracketed where its body needs it: p ⊙ (1 − p)."""

    @property
    def precedence(self):
        body = self.function.expr
        if isinstance(body, sp.Add):
            return PRECEDENCE["Add"]
        return PRECEDENCE["Mul"] if isinstance(body, sp.Mul) else PRECEDENCE["Atom"]


class Transposed(sp.Transpose):
    """Aᵀ printed as A^{T} also where A is no symbol: 𝟏ᵀ (SymPy would write (𝟏)^{T})."""

    def _latex(self, printer):
        return f"{printer._print(self.arg)}^{{T}}"


def _t(m):
    if isinstance(m, sp.OneMatrix):
        return Transposed(m)
    if isinstance(m, ElementwiseApplyFunction | sp.HadamardProduct):
        return sp.Transpose(m)  # (y²)ᵀ, not (yᵀ)²
    return m.T


def matrix_symbol(ctx, base: sp.IndexedBase) -> sp.MatrixSymbol:
    shape = ctx.shapes.get(base)
    parts = gradient_parts(str(base.label))
    if shape is None and parts is not None:  # ∂L/∂y has the shape of y
        shape = next((v for b, v in ctx.shapes.items() if str(b.label) == parts[1]), None)
    if shape is None:
        raise UnsupportedError(f"no shape is declared for {base}")
    if len(shape) == 1:
        return sp.MatrixSymbol(str(base.label), shape[0], 1)
    return sp.MatrixSymbol(str(base.label), *shape)


def shown(e):
    """``e`` with the renamed summation indices under their own names (for messages)."""
    return e.xreplace({d: sp.Symbol(d.name) for d in e.atoms(sp.Dummy) if d is not _U})


def _same(a, b) -> bool:
    a, b = sp.sympify(a), sp.sympify(b)
    return a == b or sp.expand(a - b) == 0


# -- terms ---------------------------------------------------------------------------


def expand(expr, active: frozenset, opened=False) -> list[tuple[list, dict]]:
    """``expr`` as a sum of terms, each (factors, {summation index: its upper limit}).

    A sum is opened (its index renamed apart) and a sum over a sum of terms split; a factor
    that is a sum of terms is multiplied out only when it carries two indices or more
    (o_r − t_r stays a vector, x̂_i x̂_j + 1 is two terms). A sum of no index in ``active``
    stays a factor (a number: ``closed_scalar``) unless ``opened``."""
    if isinstance(expr, sp.Add):
        return [t for a in expr.args for t in expand(a, active, opened)]
    terms: list[tuple[list, dict]] = [([], {})]
    for g in sp.Mul.make_args(expr):
        if isinstance(g, sp.Sum) and (opened or g.free_symbols & active):
            body, new = g.function, {}
            for v, lo, hi in g.limits:
                if lo != 1 or hi.free_symbols & (active | set(new)):
                    raise UnsupportedError(
                        f"cannot lift {shown(g)}: the sum over {v} runs from {shown(lo)} "
                        f"to {shown(hi)}, not over a whole index range"
                    )
                d = sp.Dummy(str(v), integer=True, positive=True)
                body, new[d] = body.xreplace({v: d}), hi
            parts = [(f, {**new, **s}) for f, s in expand(body, active | set(new))]
        elif isinstance(g, sp.Add) and len(g.free_symbols & active) >= 2:
            parts = expand(g, active)
        elif _power_of_sum(g) and len(g.free_symbols & active) >= 2:  # (x_i − y_j)²
            parts = expand(sp.expand(g, deep=False), active)
        else:
            parts = [([g], {})]
        terms = [(f1 + f2, {**s1, **s2}) for f1, s1 in terms for f2, s2 in parts]
    return terms


# -- one term as a graph --------------------------------------------------------------


class Term:
    """One term's factors sorted into a contraction graph."""

    def __init__(self, ctx, lift, factors, sizes: dict, free):
        self.ctx, self.lift, self.sizes, self.free = ctx, lift, sizes, free
        self.coeff: list = []
        self.vectors: dict = {u: [] for u in sizes}  # index → factors of it alone
        self.edges: list = []  # (matrix, u, v, factor)
        for f in factors:
            carried = [u for u in sizes if u in f.free_symbols]
            if not carried:
                self.coeff.append(closed_scalar(ctx, lift, f) if isinstance(f, sp.Sum) else f)
            elif len(carried) == 1 and not _diagonal(f, carried[0]):
                self.vectors[carried[0]].append(f)
            elif len(carried) <= 2:
                self.edges.append(self._edge(f, carried))
            else:
                raise UnsupportedError(
                    f"cannot lift the factor {shown(f)}: it carries the indices "
                    f"{', '.join(map(str, map(shown, carried)))} (a factor of three indices)"
                )
        self.ends = {u: [] for u in sizes}
        for k, (_, a, b, _) in enumerate(self.edges):
            self.ends[a].append(k)
            self.ends[b].append(k)
        for u, at in self.ends.items():
            limit = 1 if u in free else 2
            if len(at) > limit:
                factors_at = ", ".join(str(shown(self.edges[k][3])) for k in at)
                raise UnsupportedError(
                    f"cannot lift: the free index {shown(u)} is in {factors_at} (an entrywise "
                    "product of matrices)"
                    if u in free
                    else f"cannot lift: the summation index {shown(u)} occurs {len(at)} times, "
                    f"in {factors_at} (not along one chain of products)"
                )

    def _edge(self, f, carried):
        u, v = (carried * 2)[:2]
        if isinstance(f, sp.KroneckerDelta) and set(f.args) == {u, v} and u != v:
            return (sp.Identity(self.sizes[u]), f.args[0], f.args[1], f)
        if isinstance(f, MatrixInverseEntry) and set(f.args[2:]) <= {u, v}:  # (X⁻¹)_ab
            X = matrix_symbol(self.ctx, f.args[0])
            return (sp.Inverse(X), f.args[2], f.args[3], f)
        entries = [a for a in f.atoms(sp.Indexed) if a.free_symbols & set(carried)]
        if len(entries) == 1 and len(entries[0].indices) == 2 and set(entries[0].indices) <= {u, v}:
            e = entries[0]
            a, b = e.indices
            M = matrix_symbol(self.ctx, e.base)
            if not (_same(M.shape[0], self.sizes[a]) and _same(M.shape[1], self.sizes[b])):
                raise UnsupportedError(
                    f"cannot lift {shown(f)}: {e.base} is {M.shape[0]} × {M.shape[1]}, its "
                    f"indices run to {shown(self.sizes[a])} and {shown(self.sizes[b])}"
                )
            body = f.xreplace({e: _U})
            if f == e:
                return (M, a, b, f)
            if not f.has(sp.KroneckerDelta, sp.Sum) and not body.free_symbols & {u, v}:
                # exp(A_uv), 1 − A_uv: an elementwise function of M
                return (Elementwise(sp.Lambda(_U, body), M), a, b, f)
        raise UnsupportedError(
            f"cannot lift the factor {shown(f)}: it is not a matrix entry M_{{uv}} or δ_{{uv}} "
            f"of the indices {', '.join(map(str, map(shown, carried)))}"
        )

    # -- vectors at one index -----------------------------------------------------
    def vecs(self, u) -> list:
        """The vectors at index ``u``: plain ones (x) first, then the others."""
        size, plain, funcs, other = self.sizes[u], [], {}, []
        for f in self.vectors[u]:
            if isinstance(f, sp.Indexed) and f.indices == (u,):
                plain.append(self._shaped(matrix_symbol(self.ctx, f.base), size, f))
                continue
            if isinstance(f, sp.KroneckerDelta) and u in f.args:
                k = f.args[0] if f.args[1] == u else f.args[1]
                if u not in k.free_symbols:
                    other.append(BasisVector(k, size))
                    continue
            entry = _carrier(f, u)
            if isinstance(f, sp.Indexed) and len(f.indices) == 2 and f.base in self.ctx.shapes:
                a, b = f.indices
                M = matrix_symbol(self.ctx, f.base)
                if a == u and u not in b.free_symbols:  # column b: M e_b
                    other.append(sp.MatMul(M, BasisVector(b, M.shape[1])))
                    continue
                if b == u and u not in a.free_symbols:  # row a as a column: Mᵀ e_a
                    other.append(sp.MatMul(M.T, BasisVector(a, M.shape[0])))
                    continue
            if entry is not None:  # σ(ỹ_k)(1 − σ(ỹ_k)): one function of ỹ
                funcs[entry] = funcs.get(entry, sp.S.One) * f
            elif isinstance(f, sp.Add | sp.Sum):  # o_r − t_r, Σ_k X_jk w_k − y_j
                other.append(self.lift(self.ctx, f, u, None, size, sp.S.One))
            else:
                raise UnsupportedError(
                    f"cannot lift the factor {shown(f)} as a vector over {shown(u)}"
                )
        for entry, f in funcs.items():
            X = self._shaped(matrix_symbol(self.ctx, entry.base), size, f)
            other.append(Elementwise(sp.Lambda(_U, f.xreplace({entry: _U})), X))
        plain.sort(key=lambda X: (gradient_parts(X.name) is not None, X.name))
        return plain + other  # ∂L/∂y last: gᵀ diag(x) ∂L/∂y

    def _shaped(self, X, size, f):
        if not _same(X.shape[0], size):
            raise UnsupportedError(
                f"cannot lift {shown(f)}: {X.name} has {X.shape[0]} entries, "
                f"the index runs to {shown(size)}"
            )
        return X

    def end(self, u) -> sp.MatrixExpr:
        """The vector at a path's end (or of an index alone): a Hadamard product, or 𝟏."""
        vs = self.vecs(u)
        if not vs:
            return sp.OneMatrix(self.sizes[u], 1)
        return vs[0] if len(vs) == 1 else sp.HadamardProduct(*vs)

    def diag(self, u) -> list:
        vs = self.vecs(u)
        if not vs:
            return []
        return [DiagMatrix(vs[0] if len(vs) == 1 else sp.HadamardProduct(*vs))]

    # -- paths ----------------------------------------------------------------------
    def walk(self, start, used: set):
        """Edges from ``start`` until a path ends or a cycle closes: [(matrix, to)], end."""
        steps, cur = [], start
        while True:
            nxt = [k for k in self.ends[cur] if k not in used]
            if not nxt:
                return steps, cur
            k = nxt[0]
            used.add(k)
            M, a, b, _ = self.edges[k]
            if a == cur:
                steps.append((M, b))
                cur = b
            else:
                steps.append((M.T, a))
                cur = a
            if cur == start:
                return steps, cur

    def path(self, steps, start_diag=True, end_diag=True, start=None) -> list:
        mats = self.diag(start) if start_diag else []
        for k, (M, to) in enumerate(steps):
            mats.append(M)
            if k < len(steps) - 1 or end_diag:
                mats += self.diag(to)
        return mats

    def column(self, start, used) -> sp.MatrixExpr:
        """The column vector the path from free index ``start`` gives."""
        steps, end = self.walk(start, used)
        if not steps:
            return self.end(start)
        mats = _product([*self.path(steps, start_diag=False, end_diag=False), self.end(end)])
        own = self.vecs(start)
        return sp.HadamardProduct(*own, mats) if own else mats

    def closed(self, used) -> list:
        """The scalars of the components that hold no free index: uᵀ M w, traces, counts."""
        out = []
        for u in self.sizes:
            if u in self.free:
                continue
            at = [k for k in self.ends[u] if k not in used]
            if not self.ends[u]:  # alone: Σ_u v_u w_u …
                vs = self.vecs(u)
                if not vs:
                    out.append(self.sizes[u])
                elif len(vs) == 1:
                    out.append(_scalar(_ones_dot(vs[0], self.sizes[u])))
                else:
                    mid = [DiagMatrix(_had(vs[1:-1]))] if vs[2:] else []
                    mats = [_t(vs[0]), *mid, vs[-1]]
                    out.append(_scalar(_product(mats)))
            elif len(self.ends[u]) == 1 and at:  # one end of a path
                steps, end = self.walk(u, used)
                mats = [_t(self.end(u)), *self.path(steps, False, False), self.end(end)]
                out.append(_scalar(_product(mats)))
        for u in self.sizes:  # what is left are cycles
            if u not in self.free and any(k not in used for k in self.ends[u]):
                steps, _ = self.walk(u, used)
                mats = [m for M, to in steps for m in [M, *self.diag(to)]]
                out.append(sp.Trace(_product(mats)))
        return out


def closed_scalar(ctx, lift, s: sp.Sum):
    """A sum that is a number (xᵀy, tr A, 𝟏ᵀv), or the sum itself where it is no product
    of matrices (Σ_k x_{k+1} y_k)."""
    try:
        out = []
        for factors, sums in expand(s, frozenset(), opened=True):
            t = Term(ctx, lift, factors, sums, set())
            out.append(sp.Mul(*t.coeff, *t.closed(set())))
        return sp.Add(*out)
    except UnsupportedError:
        return s


def _power_of_sum(g) -> bool:
    return isinstance(g, sp.Pow) and isinstance(g.base, sp.Add) and g.exp.is_Integer and g.exp > 1


def _had(vs):
    return vs[0] if len(vs) == 1 else sp.HadamardProduct(*vs)


def _ones_dot(v, size):
    """𝟏ᵀv; Σ_k x_k² is xᵀx."""
    if isinstance(v, ElementwiseApplyFunction) and v.function.expr == _U**2:
        return sp.MatMul(v.expr.T, v.expr)
    return sp.MatMul(Transposed(sp.OneMatrix(size, 1)), v)


def _scalar(m):
    return Scalar(m)


def _diagonal(f, u) -> bool:
    """A_uu: an edge from u to itself."""
    return isinstance(f, sp.Indexed) and f.indices.count(u) == 2 and len(f.indices) == 2


def _carrier(f, u):
    """The one entry x_u that ``f`` is a function of (no δ), or None."""
    entries = {a for a in f.atoms(sp.Indexed) if u in a.free_symbols}
    if len(entries) != 1 or f.has(sp.KroneckerDelta, sp.Sum):
        return None
    (e,) = entries
    if e.indices != (u,) or u in f.xreplace({e: _U}).free_symbols:
        return None
    return e


def _product(mats):
    """The product of ``mats`` with products inside flattened and Iₙ dropped."""
    flat = []
    for m in mats:
        flat.extend(m.args if isinstance(m, sp.MatMul) else (m,))
    kept = [m for m in flat if not isinstance(m, sp.Identity)]
    if not kept:
        return flat[0]
    return kept[0] if len(kept) == 1 else sp.MatMul(*kept)


def contract(ctx, lift, factors, sums, row, col, nrows, ncols):
    """One term as (scalar, matrix factors): the matrix is the product of the factors."""
    sizes = {row: nrows, **({col: ncols} if col is not None else {}), **sums}
    free = {row} | ({col} if col is not None else set())
    t = Term(ctx, lift, factors, sizes, free)
    used: set = set()
    if col is None:
        mat = t.column(row, used)
    else:
        steps, end = t.walk(row, used)
        if end == col:  # the path row → column: diag(r) M … diag(s)
            mat = _product(t.path(steps, start=row))
        else:
            used.clear()
            left = t.column(row, used)
            right = t.column(col, used)
            if isinstance(left, sp.OneMatrix) and isinstance(right, sp.OneMatrix):
                mat = sp.OneMatrix(nrows, ncols)
            else:
                mat = _product([left, _t(right)])
    scalars = [*t.coeff, *t.closed(used)]
    c = sp.Mul(*scalars)
    if isinstance(mat, sp.MatMul):
        k, ms = mat.as_coeff_matrices()
        return c * k, tuple(ms)
    return c, (mat,)
