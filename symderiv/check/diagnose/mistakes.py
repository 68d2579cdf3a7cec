"""The mistakes students make, as mutations of a derived result (issue 28).

``mutate`` names the mechanical mistakes (a delta, a factor or a term dropped, a bound one
off); this module adds the ones seen in answers written by outsiders, each with a short name
and a line a student understands:

* a matrix transposed (``W_{ik}`` for ``W_{ki}``), a matrix product in the wrong order
  (``W D`` for ``D W``: the diagonal factor taken at the column's index);
* a function kept where its derivative belongs (σ for σ', tanh for 1 − tanh², the ReLU for
  its step), and the derivative where the function belongs;
* a term dropped deep inside (a product rule's or a sum's term);
* a coefficient off: λ/2 for λ, a lost or an extra 2, an extra 1/n, one term's sign;
* the softmax Jacobian's diagonal formula used everywhere, or its diagonal term dropped;
* the derivative taken by an intermediate quantity (∂L/∂p_i for ∂L/∂z_i);
* an index or a power one off (m_t for m_{t−1}, β^t for β^{t−1}, β for β^t).

Everything here is a SymPy rewrite of the derived result (or, for an intermediate, a
derivative by the engine's own chain rule): nothing is read from an answer, and a diagnosis
is still given only when a mutation equals the answer at every point of the full numeric
test. The number of mutations is capped (``MAX_STUDENT``), never timed.
"""

from __future__ import annotations

import sympy as sp

from ...ops.functions import _prime_point, sigmoid
from .mutation import _m, _remember, _same, _x
from .slips import SLIPS

#: the mistakes that name a cause, tried before the mechanical mutations (see ``diagnose``)
CAUSES = frozenset((
    "function for its derivative", "derivative for the function", "missing derivative",
    "transposed", "wrong order", "derivative by an intermediate",
))  # fmt: skip
#: at most this many student mistakes for one result (after ``mutate``'s own)
MAX_STUDENT = 160
#: sums (Add nodes) looked into for a dropped term, below the two levels ``mutate`` does
DEEP_ADDS = 8
#: targets and intermediate quantities tried for a derivative by the wrong quantity
MAX_TARGETS, MAX_INTERMEDIATES = 4, 3

_STUDENT: dict = {}


class Env:
    """What the mistakes may know of the problem: its definitions, the target's index
    ranges (free indices), and whether the engine may be asked for a derivative."""

    def __init__(self, cmp=None, deep: bool = True):
        self.ctx = cmp.ctx if cmp is not None else None
        self.ranges = dict(cmp.ranges) if cmp is not None else {}
        self.cmp = cmp
        self.deep = deep and cmp is not None

    def key(self, expr):
        problem = self.ctx.problem if self.ctx is not None else None
        ranges = tuple(sorted(self.ranges.items(), key=str))
        return (expr, id(problem), getattr(problem, "id", None), ranges, self.deep)

    def definition(self, atom):
        """The right side defining ``atom`` (at its indices), or None."""
        if self.ctx is None or not self.ctx.is_defined(atom):
            return None
        try:
            return self.ctx.instance(atom)
        except (KeyError, TypeError, ValueError):
            return None


def student_mistakes(expr, cmp=None, limit: int = MAX_STUDENT, deep: bool = True) -> list:
    """The student mistakes on ``expr``, deduplicated, the first ``limit`` (``deep``: also
    the derivative by an intermediate quantity, which asks the engine)."""
    if not isinstance(expr, sp.Expr) or isinstance(expr, sp.MatrixBase):
        return []
    env = Env(cmp, deep)
    key = (*env.key(expr), limit)
    if key not in _STUDENT:
        _remember(_STUDENT, key, _generate(expr, env, limit))
    return _STUDENT[key]


def _generate(expr, env: Env, limit: int) -> list:
    out, seen = [], {expr}
    for gen in GENERATORS + SLIPS:
        try:
            for m in gen(expr, env):
                if m is not None and m.expr not in seen and m.expr.has(*_leaves(expr)):
                    seen.add(m.expr)
                    out.append(m)
                    if len(out) >= limit:
                        return out
        except (TypeError, ValueError, NotImplementedError, AttributeError, KeyError):
            continue  # a generator that does not apply to this shape of expression
    return out


def _leaves(expr):
    """Something of ``expr`` a mutation must keep (a mutation that is a bare number is no
    student's answer); ``expr`` itself when it has none."""
    atoms = expr.atoms(sp.Indexed, sp.Symbol, sp.Function)
    return tuple(atoms) or (expr,)


def _sorted(items):
    return sorted(items, key=sp.default_sort_key)


# -- layout: a transposed matrix, a product in the wrong order ----------------------------


def _transposed(e, env):
    for a in _sorted(e.atoms(sp.Indexed)):
        if len(a.indices) == 2 and a.indices[0] != a.indices[1]:
            swapped = a.base[a.indices[1], a.indices[0]]
            yield _m("transposed", _x("${}$ where ${}$ belongs: the matrix is transposed (the "
                     "other layout, rows and columns swapped)", swapped, a), e,
                     e.xreplace({a: swapped}))  # fmt: skip


def _wrong_order(e, env):
    """D W for W D at index level: a factor that carries the row index k of a matrix entry
    W_{ki} taken at its column index i instead (both ranges the same: a square product)."""
    free = [s for s in env.ranges if s.is_integer]
    for mul in [e] + [a for a in e.args if isinstance(a, sp.Mul)]:
        if not isinstance(mul, sp.Mul):
            continue
        entries = [f for f in mul.args if isinstance(f, sp.Indexed) and len(f.indices) == 2]
        for w in _sorted(entries):
            row, col = w.indices
            if row not in free or col not in free or env.ranges[row] != env.ranges[col]:
                continue
            for f in mul.args:
                if f is w or f.free_symbols & set(free) != {row} or f.has(sp.KroneckerDelta):
                    continue
                moved = f.xreplace({row: col})
                yield _m("wrong order", _x("the matrix product is in the wrong order: ${}$ "
                         "multiplies ${}$ from the other side (${}$ where ${}$ belongs)",
                         moved, w.base, moved, f), e, e.xreplace({f: moved}))  # fmt: skip


# -- a function where its derivative belongs, and the other way round -----------------------


def _tanh_argument(t, env):
    """``a`` where ``t`` is tanh(a) or a quantity defined as tanh(a)."""
    if isinstance(t, sp.tanh):
        return t.args[0]
    rhs = env.definition(t)
    return rhs.args[0] if isinstance(rhs, sp.tanh) else None


def _activations(e, env):
    sig = "the derivative of the sigmoid is $\\sigma'({0}) = \\sigma({0})(1 - \\sigma({0}))$"
    for node in _sorted(set(sp.preorder_traversal(e))):
        a = _prime_point(node)
        if a is not None and a.free_symbols <= e.free_symbols:  # (not σ(u) inside σ'(ỹ))
            yield _m("function for its derivative", _x("$\\sigma$ where $\\sigma'$ belongs: "
                     + sig, a), e, e.xreplace({node: sigmoid(a)}))  # fmt: skip
    for node in _sorted(n for n in e.atoms(sigmoid) if n.free_symbols <= e.free_symbols):
        yield _m("derivative for the function", _x("$\\sigma'$ where $\\sigma$ belongs: the "
                 "quantity is $\\sigma({})$ itself, not its derivative", node.args[0]), e,
                 e.xreplace({node: node.fdiff()}))  # fmt: skip
    for q in _sorted(e.atoms(sp.Indexed, sp.Symbol)):
        rhs = env.definition(q)
        if isinstance(rhs, sigmoid):
            yield _m("derivative for the function", _x("$\\sigma'$ where $\\sigma$ belongs: "
                     "${} = \\sigma({})$ itself, not its derivative", q, rhs.args[0]), e,
                     e.xreplace({q: rhs.fdiff()}))  # fmt: skip
            for mul in _sorted(e.atoms(sp.Mul)):
                if q in mul.args and 1 - q in mul.args:
                    rest = mul.func(*[f for f in mul.args if f != 1 - q])
                    why = _x("$\\sigma$ where $\\sigma'$ belongs: " + sig, rhs.args[0])
                    yield _m("function for its derivative", why, e, e.xreplace({mul: rest}))
                    rest = mul.func(*[f for f in mul.args if f not in (q, 1 - q)])
                    why = _x("the factor ${}({})$, the derivative of $\\sigma$, is missing",
                             q, 1 - q)  # fmt: skip
                    yield _m("missing derivative", why, e, e.xreplace({mul: rest}))
            if e.has(1 - q) and _under(e, q, 1 - q, False):  # q·(…(1 − q)…): σ for σ' too
                why = _x("$\\sigma$ where $\\sigma'$ belongs: " + sig, rhs.args[0])
                yield _m("function for its derivative", why, e, e.xreplace({1 - q: sp.S.One}))
    for step in _sorted(e.atoms(sp.Heaviside)):
        u = step.args[0]
        for d in env.ctx.problem.definitions if env.ctx is not None and u.is_Indexed else ():
            if not (isinstance(d.lhs, sp.Indexed) and len(d.lhs.indices) == len(u.indices)):
                continue
            q = d.lhs.base[u.indices]
            if env.definition(q) == sp.Max(0, u):
                yield _m("function for its derivative", _x("the ReLU ${}$ where its "
                         "derivative belongs: the derivative of $\\max(0, u)$ is the step "
                         "${}$", q, step), e, e.xreplace({step: q}))  # fmt: skip
    tanh_d = "the derivative of $\\tanh$ is $1 - \\tanh^2({0})$"
    for add in _sorted(e.atoms(sp.Add)):
        t = _one_minus_square(add)
        a = _tanh_argument(t, env) if t is not None else None
        if a is not None:
            yield _m("function for its derivative", _x("$\\tanh$ where its derivative belongs: "
                     + tanh_d, a), e, e.xreplace({add: t}))  # fmt: skip
            yield _m("missing derivative", _x("the factor ${}$, the derivative of $\\tanh$, is "
                     "missing", add), e, e.xreplace({add: sp.S.One}))  # fmt: skip
    for t in _sorted(e.atoms(sp.tanh, sp.Indexed, sp.Symbol)):
        a = _tanh_argument(t, env)
        if a is not None:
            yield _m("derivative for the function", _x("$1 - \\tanh^2$ where $\\tanh$ "
                     "belongs: the quantity is $\\tanh({})$ itself", a), e,
                     e.xreplace({t: 1 - t**2}))  # fmt: skip


def _under(node, q, target, have_q: bool) -> bool:
    """Every occurrence of ``target`` in ``node`` lies in a product that has ``q`` as a
    factor, on its way up (h·(… (1 − h) …): the product holds h(1 − h) once expanded)."""
    if node == target:
        return have_q
    have_q = have_q or (isinstance(node, sp.Mul) and q in node.args)
    return all(_under(a, q, target, have_q) for a in node.args if a.has(target))


def _one_minus_square(add):
    """t where ``add`` is 1 − t², else None."""
    if len(add.args) != 2 or sp.S.One not in add.args:
        return None
    (rest,) = [a for a in add.args if a != 1]
    if isinstance(rest, sp.Mul) and rest.args[0] == -1 and len(rest.args) == 2:
        p = rest.args[1]
        if isinstance(p, sp.Pow) and p.exp == 2:
            return p.base
    return None


# -- a term dropped deeper than ``mutate`` looks --------------------------------------------


def _deep_terms(e, env):
    adds = [a for a in sp.preorder_traversal(e) if isinstance(a, sp.Add) and len(a.args) > 1]
    for node in adds[:DEEP_ADDS]:
        for t in node.args:
            rest = node.func(*[a for a in node.args if a is not t])
            yield _m("dropped term", _x("the term ${}$ is missing (a term of the product rule "
                     "or of the sum)", t), e, e.xreplace({node: rest}))  # fmt: skip


# -- a coefficient off ----------------------------------------------------------------------


def _coefficients(e, env):
    yield _m("lost factor 2", "a factor 2 is lost: the answer is half the derivative", e, e / 2)
    yield _m("extra factor 2", "an extra factor 2: the answer is twice the derivative", e, 2 * e)
    params = [s for s in e.atoms(sp.Symbol) if not s.is_integer and env.definition(s) is None]
    for s in _sorted(params):
        if any(s in m.args for m in e.atoms(sp.Mul)) or s in getattr(e, "args", ()):
            half = "${0}/2$ where ${0}$ belongs (the derivative of $\\frac{{{0}}}{{2}} w^2$ is "
            half += "${0} w$)"
            yield _m("coefficient off", _x(half, s), e, e.xreplace({s: s / 2}))
            yield _m("coefficient off", _x("$2 {0}$ where ${0}$ belongs (an extra 2)", s),
                     e, e.xreplace({s: 2 * s}))  # fmt: skip
    if isinstance(e, sp.Add):
        for t in e.args:
            yield _m("term sign", _x("the sign of the term ${}$ is flipped", t), e, e - 2 * t)
            yield _m("coefficient off", _x("the term ${}$ has a lost factor 2", t), e, e - t / 2)
            yield _m("coefficient off", _x("the term ${}$ has an extra factor 2", t), e, e + t)
    sizes = {hi for _, hi in env.ranges.values() if isinstance(hi, sp.Symbol)}
    for n in _sorted(sizes):
        yield _m("extra 1/n", _x("an extra factor $1/{}$ (the derivative of one term of the "
                 "mean, not of the sum)", n), e, e / n)  # fmt: skip


# -- the softmax Jacobian: one formula everywhere -------------------------------------------


def _diagonal(e, env):
    for d in _sorted(e.atoms(sp.KroneckerDelta)):
        a, b = d.args
        yield _m("diagonal term dropped", _x("the diagonal term is dropped: the ${}$ term is "
                 "missing, so the off-diagonal formula is used for ${} = {}$ too", d, a, b), e,
                 e.xreplace({d: sp.Integer(0)}))  # fmt: skip
        for x, y in ((a, b), (b, a)):
            if x.is_Symbol:
                yield _m("diagonal formula everywhere", _x("the diagonal formula (${} = {}$) is "
                         "used everywhere: off the diagonal the ${}$ term is 0", x, y, d), e,
                         e.xreplace({d: sp.Integer(1)}).xreplace({x: y}))  # fmt: skip


# -- the derivative by an intermediate quantity ---------------------------------------------


def _intermediate(e, env):
    """∂A/∂q for the target ∂A/∂v, q a quantity between them with v's indices (∂L/∂p_i for
    ∂L/∂z_i): the chain rule stopped one link early."""
    d = _target(e, env) if env.deep else None
    if d is None:
        return
    ctx, a, v = env.ctx, d.expr, d.variables[0]
    shape = len(v.indices) if isinstance(v, sp.Indexed) else 0
    steps = 0
    for q in (d.lhs for d in ctx.problem.definitions):
        rank = len(q.indices) if isinstance(q, sp.Indexed) else 0
        if rank != shape or ctx.key(q) in (ctx.key(a), ctx.key(v)):
            continue
        at = q.base[v.indices] if rank else q
        if not ctx.depends(a, at) or not ctx.depends_expr(at, v):
            continue
        if steps >= MAX_INTERMEDIATES:
            return
        steps += 1
        value = _derivative(ctx, a, at, env.ranges)
        yield _m("derivative by an intermediate", _x("this is $\\partial {}/\\partial {}$, "
                 "the derivative by ${}$, not by ${}$: the chain rule stops one link early "
                 "(the factor $\\partial {}/\\partial {}$ is missing)", a, at, at, v, at, v),
                 e, value)  # fmt: skip


def _derivative(ctx, a, v, ranges):
    try:
        return ctx.differentiate(a, v, [], ranges)
    except Exception:  # the engine cannot derive it: no such mistake to name
        return None


def _target(e, env):
    """The derivative the result ``e`` is: the problem's one first-order derivative target
    whose index ranges are the comparison's, or of several, the one the engine's chain rule
    gives equal to ``e`` at every point of the numeric test (None when none does)."""
    ctx = env.ctx
    found = []
    for t in ctx.problem.targets:
        d = t.expr
        if not isinstance(d, sp.Derivative) or len(d.variables) != 1 or d in found:
            continue
        if ctx.ranges(d.xreplace(ctx.sizes)) == env.ranges:
            found.append(d)
    if len(found) == 1:
        return found[0]
    for d in found[:MAX_TARGETS]:
        value = _derivative(ctx, d.expr, d.variables[0], env.ranges)
        if value is not None and _same(value, e, env.cmp):
            return d
    return None


# -- an index or a power one off ------------------------------------------------------------


def _off_by_one(e, env):
    for p in _sorted(e.atoms(sp.Pow)):
        if not any(s.is_integer for s in p.exp.free_symbols):
            continue
        for d in (-1, 1):
            yield _m("power off by one", _x("the power of ${}$ is one off (${}$ where ${}$ "
                     "belongs)", p.base, p.base ** (p.exp + d), p), e,
                     e.xreplace({p: p.base ** (p.exp + d)}))  # fmt: skip
        if p.exp.is_Symbol:
            yield _m("power off by one", _x("the power ${}$ is missing (${}$ where ${}$ belongs)",
                     p.exp, p.base, p), e, e.xreplace({p: p.base}))  # fmt: skip
    for a in _sorted(e.atoms(sp.Indexed)):
        if len(a.indices) != 1:
            continue
        (i,) = a.indices
        if not i.free_symbols or i in env.ranges or not all(s.is_integer for s in i.free_symbols):
            continue
        for d in (-1, 1):
            moved = a.base[i + d]
            yield _m("index off by one", _x("the index is one off: ${}$ where ${}$ belongs",
                     moved, a), e, e.xreplace({a: moved}))  # fmt: skip


GENERATORS = (_activations, _diagonal, _transposed, _wrong_order, _intermediate, _coefficients,
              _off_by_one, _deep_terms)  # fmt: skip
