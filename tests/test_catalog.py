"""The catalog of classic derivations, cross-checked against an independent autodiff library.

Every target's derived result is evaluated at random points and compared with the
derivative that ``autograd`` computes from a NumPy forward pass written without SymPy
(``catalog_reference.py``; the specs and that file were written from the README alone, by
someone who had not read the engine). The points put every ReLU pre-activation on both
sides of 0 and honour each exercise's assumptions (y a probability vector, y ∈ {0, 1}).
"""

import functools

import numpy as np
import pytest
import sympy as sp
from catalog_reference import CASES, reference, upstream_coefficients

import symderiv
from symderiv.engine.calculus import Context
from symderiv.engine.matrix_form import explicit
from symderiv.ops.functions import gradient_parts, to_elementary

POINTS = 5


def _by_name(problem):
    """Every quantity of the problem by its name (IndexedBase labels and symbols)."""
    names = {}
    for d in problem.definitions:
        for e in (d.lhs, d.rhs):
            for a in sp.preorder_traversal(e):
                if isinstance(a, sp.IndexedBase | sp.Symbol):
                    names.setdefault(str(a), a)
    return names


class Evaluator:
    """Numeric values of engine results: defined quantities unfolded through the spec's
    definitions, upstream gradients ∂L/∂y_j from the reference's fixed loss; each unfolded
    expression compiled once and evaluated at every point."""

    def __init__(self, problem, sizes, keep=None):
        self.sizes = {s: sizes[str(s)] for s in _size_symbols(problem) if str(s) in sizes}
        self.ctx = Context(problem, self.sizes)
        self._compiled = {}
        #: the variable differentiated by, a leaf even where the spec defines it (∂a/∂s)
        self.keep = keep

    def grad(self, a):
        """∂L/∂y_j of the reference's fixed loss Σ c_j y_j + Σ d_j y_j², as an expression."""
        _, below = gradient_parts(str(a.base.label))
        base = next(b for b in self.ctx.shapes if str(b.label) == below)
        size = int(self.ctx.shapes[base][0])
        c, d = upstream_coefficients(size)
        j = int(a.indices[0])
        return sp.Float(c[j - 1], 30) + 2 * sp.Float(d[j - 1], 30) * base[j]

    def unfold(self, expr):
        e = to_elementary(sp.sympify(expr).xreplace(self.ctx.sizes))
        for _ in range(40):
            e = e.doit() if e.has(sp.Sum) else e
            grads = {
                a: self.grad(a) for a in e.atoms(sp.Indexed) if gradient_parts(str(a.base.label))
            }
            defined = {
                a: self.ctx.instance(a)
                for a in self.ctx.atoms_of(e)
                if self.ctx.is_defined(a) and a not in grads and self.ctx.key(a) != self.keep
            }
            if not grads and not defined:
                return e
            e = to_elementary(e.xreplace({**grads, **defined}))
        raise AssertionError(f"definitions did not unfold: {e}")

    def compile(self, expr):
        if expr not in self._compiled:
            e = self.unfold(expr)
            labels = {b.label for b in e.atoms(sp.IndexedBase)} | set(e.atoms(sp.IndexedBase))
            leaves = sorted(e.atoms(sp.Indexed), key=sp.default_sort_key) + sorted(
                (s for s in e.free_symbols - labels if isinstance(s, sp.Symbol)), key=str
            )
            fn = sp.lambdify(leaves, e, modules="mpmath")
            self._compiled[expr] = (leaves, fn)
        return self._compiled[expr]

    def value(self, expr, values) -> float:
        leaves, fn = self.compile(expr)
        args = []
        for a in leaves:
            if isinstance(a, sp.Indexed):
                arr = np.asarray(values[str(a.base.label)], dtype=float)
                args.append(float(arr[tuple(int(i) - 1 for i in a.indices)]))
            else:
                args.append(float(values[str(a)]))
        return float(fn(*args))


def _size_symbols(problem):
    out = set()
    for shape in problem.shapes.values():
        for s in shape:
            out |= sp.sympify(s).free_symbols
    for t in problem.targets:
        out |= {s for s in t.expr.free_symbols if s.is_integer and not s.is_Indexed}
    return out


@functools.cache
def _derivation(pid):
    p = symderiv.load(pid)
    return p, p.derive()


def _derived(pid, name):
    p, d = _derivation(pid)
    return p, p.target(name), d[name]


#: the catalog's built-in problems
CATALOG = (
    "attention_softmax", "conv1d_backward", "gelu_silu", "layernorm", "logreg_l2", "mlp2",
    "momentum", "rmsnorm", "rnn_tanh", "softmax_ce",
)  # fmt: skip


@pytest.mark.parametrize(("pid", "name"), sorted(k for k in CASES if k[0] in CATALOG))
def test_catalog_agrees_with_autograd(pid, name):
    case = CASES[pid, name]
    problem, target, result = _derived(pid, name)
    rng = np.random.default_rng(7)
    points = [case.sample(rng) for _ in range(POINTS)]
    var = target.expr.variables[0] if isinstance(target.expr, sp.Derivative) else None
    ev = Evaluator(problem.problem, case.sizes, var.base if isinstance(var, sp.Indexed) else var)
    compared = 0
    if case.wrt is None:  # a recurrence: the closed form against a simulation
        t = next((s for s in result.expr.free_symbols if str(s) == "t"), None)
        closed = result.expr.xreplace({t: case.sizes["t"]}) if t is not None else result.expr
        for values in points:
            got = ev.value(closed, values)
            assert got == pytest.approx(float(reference(case, values)), rel=1e-9, abs=1e-12)
            compared += 1
        assert compared == POINTS
        return
    d = target.expr
    q, var = d.expr, d.variables[0]
    qi = tuple(q.indices) if isinstance(q, sp.Indexed) else ()
    vi = tuple(var.indices) if isinstance(var, sp.Indexed) else ()
    free = sorted(set(qi) | set(vi), key=str)
    spans = [range(1, _extent(ev, s, q, var) + 1) for s in free]
    cell = result.entry
    if target.as_matrix:
        mat = result.expr
        if not isinstance(mat, sp.MatrixBase):
            mat = explicit(ev.ctx, mat, ev.sizes)
    wants = [np.asarray(reference(case, v)) for v in points]
    for combo in np.ndindex(*[len(r) for r in spans]):
        at = {s: int(r[c]) for s, r, c in zip(free, spans, combo)}
        key = tuple(at[s] - 1 for s in qi + vi)
        if target.as_matrix:
            row, col = target.as_matrix
            cell = mat[at[row] - 1, at[col] - 1 if col is not None else 0]
        entry = cell.xreplace({s: sp.Integer(v) for s, v in at.items()})
        for values, want in zip(points, wants):
            expected = float(want[key]) if key else float(want)
            got = ev.value(entry, values)
            assert got == pytest.approx(expected, rel=1e-8, abs=1e-10), (at, got, expected)
            compared += 1
    assert compared >= POINTS


def _extent(ev, s, q, var):
    """The range of index ``s`` at the concrete sizes: from the shape of what it indexes."""
    for a in (q, var):
        if isinstance(a, sp.Indexed) and s in a.indices:
            shape = ev.ctx.shapes[a.base]
            return int(sp.sympify(shape[list(a.indices).index(s)]).xreplace(ev.ctx.sizes))
    raise AssertionError(f"no range for {s}")


def test_relu_points_cover_both_sides():
    """The MLP's sample really puts pre-activations on both sides of 0 (else the cross-check
    of the ReLU network would be vacuous)."""
    case = CASES["mlp2", "dL_dW1"]
    v = case.sample(np.random.default_rng(7))
    a = v["W^{(1)}"] @ v["x"] + v["b^{(1)}"]
    assert (a > 0).any() and (a < 0).any()


@pytest.mark.parametrize(
    ("pid", "name", "loss", "out", "centred"),
    [
        ("layernorm", "dL_dx", "L", "y", False),
        ("hw3_3b", "batchnorm_dL_dx", r"\bar{L}", r"\bar{y}", True),
    ],
)
def test_normalization_backward_is_in_textbook_form(pid, name, loss, out, centred):
    """Layer and batch norm backward come out as γ/√(σ² + ε) · (g_i − (1/n) Σ_j (1 + x̂_i x̂_j) g_j)
    with g_j = ∂L/∂y_j: written in x̂, with no x, μ or Σ_l x_l left over. The formula below
    is the textbook's, typed by hand; the two are compared with x̂ and g as free values.
    Exercise 3(b)'s statement calls the centred input x̂ (x̂_i = x_i − μ, not divided by the
    deviation), so there the product is x̂_i x̂_j/(σ² + ε)."""
    _, _, result = _derived(pid, name)
    got = result.entry
    names = {str(a): a for a in got.free_symbols | {x.base for x in got.atoms(sp.Indexed)}}
    assert "x" not in names and r"\mu" not in names, got
    assert sp.count_ops(got) <= 16, got
    n, eps, gamma, var = (names[k] for k in ("n", r"\epsilon", r"\gamma", r"\sigma^{2}"))
    i = next(s for s in got.free_symbols if str(s) == "i")
    xh, g = (
        sp.IndexedBase(r"\hat{x}", real=True),
        sp.IndexedBase(rf"\partial {loss}/\partial {out}", real=True),
    )
    j = sp.Symbol("j_", integer=True, positive=True)
    scale = (var + eps) if centred else 1
    textbook = (
        gamma
        / sp.sqrt(var + eps)
        * (g[i] - sp.Sum((1 + xh[i] * xh[j] / scale) * g[j], (j, 1, n)) / n)
    )
    rng = np.random.default_rng(3)
    for size in (1, 2, 5):
        at = {n: size, eps: 0.1, gamma: rng.normal(), var: rng.uniform(0.1, 2)}
        at |= {xh[k]: rng.normal() for k in range(1, size + 1)}
        at |= {g[k]: rng.normal() for k in range(1, size + 1)}
        for k in range(1, size + 1):
            a = got.xreplace({i: k}).xreplace({n: size}).doit().xreplace(at)
            b = textbook.xreplace({i: k}).xreplace({n: size}).doit().xreplace(at)
            assert float(a) == pytest.approx(float(b), rel=1e-12)
