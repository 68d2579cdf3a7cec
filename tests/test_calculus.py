"""The reusable rules on cases beyond the seeds: delta collapse and lifting to matrix form."""

import pytest
import sympy as sp
from sympy import KroneckerDelta as delta

from symderiv.engine.calculus import Context, collapse_deltas
from symderiv.engine.matrix_form import explicit, lift
from symderiv.spec import Problem, Source

i, j, k, l = sp.symbols("i j k l", integer=True, positive=True)
n, m = sp.symbols("n m", integer=True, positive=True)
a, A = sp.IndexedBase("a"), sp.IndexedBase("A")


@pytest.mark.parametrize(
    ("expr", "ranges", "expected"),
    [
        # j known to lie in 1..m: collapses
        (sp.Sum(delta(l, j) * a[l], (l, 1, m)), {j: (1, m)}, a[j]),
        # two deltas, one summed
        (sp.Sum(delta(i, k) * delta(j, l) * a[l], (l, 1, m)), {j: (1, m)}, delta(i, k) * a[j]),
        # a concrete index inside the range
        (sp.Sum(delta(l, 2) * a[l], (l, 1, 3)), {}, a[2]),
        # a concrete index outside the range: no term of the sum has l = 5, so it is 0
        (sp.Sum(delta(l, 5) * a[l], (l, 1, 3)), {}, sp.S.Zero),
        # a compound index: its range condition tightens the enclosing sum's bounds
        (
            sp.Sum(a[j] * sp.Sum(delta(i, j + l - 1) * a[l], (l, 1, m)), (j, 1, n - m + 1)),
            {i: (1, n)},
            sp.Sum(a[j] * a[i - j + 1], (j, sp.Max(1, i - m + 1), sp.Min(i, n - m + 1))),
        ),
        # j may exceed the range 1..m-1: left alone
        (
            sp.Sum(delta(l, j) * a[l], (l, 1, m - 1)),
            {j: (1, m)},
            sp.Sum(delta(l, j) * a[l], (l, 1, m - 1)),
        ),
        # unknown range: left alone
        (sp.Sum(delta(l, j) * a[l], (l, 1, m)), {}, sp.Sum(delta(l, j) * a[l], (l, 1, m))),
        # a term free of the summation index is multiplied by the count
        (sp.Sum(delta(l, j) * a[l] + 2, (l, 1, m)), {j: (1, m)}, a[j] + 2 * m),
    ],
)
def test_collapse_deltas(expr, ranges, expected):
    assert collapse_deltas(expr, ranges) == expected


def _ctx():
    p = Problem(
        id="t",
        title="t",
        source=Source("-", "-"),
        statement="",
        shapes={A: (n, m), a: (n,), sp.IndexedBase("v"): (m,)},
    )
    return Context(p)


@pytest.mark.parametrize(
    ("entry", "row", "col", "nr", "nc"),
    [
        (A[i, j], i, j, n, m),  # A
        (A[j, i], i, j, m, n),  # Aᵀ
        (a[i] * A[i, j], i, j, n, m),  # diag(a) A
        (delta(i, j) * a[i], i, j, n, n),  # diag(a)
        (a[i] * sp.IndexedBase("v")[j], i, j, n, m),  # a vᵀ
        (sp.exp(a[i]) * A[i, j] * 3, i, j, n, m),  # 3 diag(exp(a)) A
        (delta(i, k) * sp.IndexedBase("v")[j], i, j, n, m),  # e_k vᵀ
    ],
)
def test_lift_then_expand_gives_back_the_entries(entry, row, col, nr, nc):
    ctx = _ctx()
    mat = lift(ctx, entry, row, col, nr, nc)
    sizes = {n: 3, m: 2}
    ex = explicit(ctx, mat, sizes)
    R, C = int(nr.subs(sizes)), int(nc.subs(sizes))
    assert ex.shape == (R, C)
    for r in range(R):
        for c in range(C):
            want = entry.xreplace({row: r + 1, col: c + 1})
            assert sp.simplify(ex[r, c] - want) == 0, (r, c)


def test_lift_refuses_what_it_cannot_write():
    from symderiv.errors import DerivationError

    with pytest.raises(DerivationError):
        lift(_ctx(), A[i, j] * A[j, i], i, j, n, n)
