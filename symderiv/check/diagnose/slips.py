"""Slips: the small mistakes made inside an otherwise right derivation, as mutations of the
derived result (after ``mistakes``' own kinds, which come first):

* the sign of a term deep inside (1 + μ for 1 − μ, a wrong sign of the x̂ᵢx̂ⱼ term);
* a wrong power: a square lost or added, a root lost, a power doubled or halved (σ² for
  σ⁴, (1 − μ)² in a denominator), a reciprocal (T for 1/T: multiplied, not divided),
  1/(n − 1) for 1/n;
* ε inside the square root where it belongs outside, and the other way round;
* an extra factor: a parameter of the problem (η, μ, γ, T, a size N) or one of its vector
  quantities at an index of the answer (x_i, h_k), or divided by one;
* a wrong index: one quantity taken at another free index of the same range (p_k for p_i),
  or an offset one off in an entry of several indices (X_{i+a, j+b} for X_{i+a−1, j+b−1});
* an extra activation derivative (the chain rule taken once more through σ or tanh: an
  extra factor p(1 − p) or 1 − h²), the pre-activation for the activation (a_k for h_k =
  max(0, a_k)), the quantity for its upstream gradient (Y_ij for ∂L/∂Y_ij).

Nothing here reads the answer: each slip is generated from the derived result and the
problem alone, and is a diagnosis only when it equals the answer at every point of the
full numeric test.
"""

from __future__ import annotations

import sympy as sp

from .mutation import _m, _x

#: sums looked into for a term's sign; factors tried as an extra factor (each kind)
INNER_ADDS, EXTRA_FACTORS = 8, 24


def _sorted(items):
    return sorted(items, key=sp.default_sort_key)


def _inner_signs(e, env):
    """The sign of one term of a sum below the top (the top's are ``mistakes``')."""
    adds = [a for a in sp.preorder_traversal(e) if isinstance(a, sp.Add) and a is not e]
    for node in adds[:INNER_ADDS]:
        for t in node.args:
            new = node.func(*[-a if a is t else a for a in node.args])
            yield _m("sign of a term", _x("the sign of ${}$ in ${}$ is flipped", t, node), e,
                     e.xreplace({node: new}))  # fmt: skip


def _powers(e, env):
    for p in _sorted(e.atoms(sp.Pow)):
        b, k = p.base, p.exp
        if not k.is_Rational or b.is_Number:
            continue
        tries = []
        if k == sp.S.Half:
            tries.append((b, "the square root is missing"))
        elif k == -sp.S.Half:
            tries.append((1 / b, "the square root is missing"))
        elif k == 2:
            tries.append((b, "the square is missing"))
        elif k == -2:
            tries.append((1 / b, "the square is missing"))
        tries += [(b ** (2 * k), "the power is doubled"), (b ** (k / 2), "the power is halved")]
        if k.is_negative:
            tries.append((b ** (-k), "multiplied where it should divide"))
        if k == -1 and b in _sizes(env):
            for d in (-1, 1):
                tries.append((1 / (b + d), f"$1/({{}} {'+' if d > 0 else '-'} 1)$ for $1/{{}}$"))
        for new, why in tries:
            said = "${}$ where ${}$ belongs: " + why
            text = _x(why, b, b) if "{}" in why else _x(said, new, p)
            yield _m("wrong power", text, e, e.xreplace({p: new}))
    for s in _parameters(e, env):
        yield _m("wrong power", _x("${}$ where ${}$ belongs", s**2, s), e, e.xreplace({s: s**2}))


def _roots(e, env):
    """√(a + ε) for √a + ε and the other way round."""
    for add in _sorted(e.atoms(sp.Add)):
        roots = [t for t in add.args if isinstance(t, sp.Pow) and t.exp == sp.S.Half]
        for r in roots:
            rest = [t for t in add.args if t is not r]
            new = sp.sqrt(r.base + sp.Add(*rest))
            yield _m("inside the root", _x("${}$ where ${}$ belongs: the term is inside the "
                     "square root", new, add), e, e.xreplace({add: new}))  # fmt: skip
    for p in _sorted(e.atoms(sp.Pow)):
        if abs(p.exp) == sp.S.Half and isinstance(p.base, sp.Add):
            for t in p.base.args:
                new = sp.sqrt(p.base - t) + t
                new = new if p.exp > 0 else 1 / new
                yield _m("outside the root", _x("${}$ where ${}$ belongs: the term ${}$ is "
                         "outside the square root", new, p, t), e,
                         e.xreplace({p: new}))  # fmt: skip


def _extra_factors(e, env):
    factors = _parameters(e, env) + _sorted(_sizes(env)) + _vectors_at(e, env)
    for q in factors[:EXTRA_FACTORS]:
        yield _m("extra factor", _x("an extra factor ${}$", q), e, e * q)
    for q in factors[:EXTRA_FACTORS]:
        yield _m("extra factor", _x("an extra factor $1/{}$", q), e, e / q)


def _wrong_index(e, env):
    free = [s for s in env.ranges if s.is_integer]
    for a in _sorted(e.atoms(sp.Indexed)):
        for pos, i in enumerate(a.indices):
            if i not in free:
                continue
            for j in free:
                if j != i and env.ranges[j] == env.ranges[i]:
                    moved = a.base[tuple(j if n == pos else x for n, x in enumerate(a.indices))]
                    yield _m("wrong index", _x("${}$ where ${}$ belongs", moved, a), e,
                             e.xreplace({a: moved}))  # fmt: skip


def _parameters(e, env):
    """The scalar parameters of the problem (η, μ, γ, λ, T): real symbols that no definition
    defines and that are not sizes or indices."""
    if env.ctx is None:
        return []
    found = set(e.atoms(sp.Symbol))
    for d in env.ctx.problem.definitions:
        found |= d.rhs.atoms(sp.Symbol) if isinstance(d.rhs, sp.Basic) else set()
    sizes = _sizes(env)
    out = [
        s
        for s in found
        if not s.is_integer and s not in sizes and env.definition(s) is None and s.name != "_u"
    ]
    return _sorted(out)


def _sizes(env):
    """The problem's sizes (N, n, K: the symbols its shapes are written with)."""
    out = {hi for _, hi in env.ranges.values() if isinstance(hi, sp.Symbol)}
    if env.ctx is not None:
        for shape in env.ctx.shapes.values():
            for n in shape:
                out |= sp.sympify(n).free_symbols
    return out


def _vectors_at(e, env):
    """The problem's vector quantities at a free index of the answer whose range is theirs."""
    if env.ctx is None:
        return []
    out = []
    for base, shape in env.ctx.shapes.items():
        if len(shape) != 1:
            continue
        for i, (_, hi) in env.ranges.items():
            if i.is_integer and hi == shape[0] and base[i] not in out:
                out.append(base[i])
    return _sorted(out)


def _offsets(e, env):
    """An entry of several indices with one offset one off: X_{i+a, j+b−1} for X_{i+a−1, …}."""
    for a in _sorted(e.atoms(sp.Indexed)):
        if len(a.indices) < 2:
            continue
        for pos, i in enumerate(a.indices):
            if i.is_Symbol or not i.free_symbols:
                continue
            for d in (-1, 1):
                moved = a.base[tuple(x + d if n == pos else x for n, x in enumerate(a.indices))]
                yield _m("index off by one", _x("the index is one off: ${}$ where ${}$ belongs",
                         moved, a), e, e.xreplace({a: moved}))  # fmt: skip
        if sum(not (i.is_Symbol or not i.free_symbols) for i in a.indices) > 1:
            for d in (-1, 1):  # every offset one off: X_{i+a, j+b} for X_{i+a−1, j+b−1}
                moved = a.base[tuple(x if x.is_Symbol or not x.free_symbols else x + d
                                     for x in a.indices)]  # fmt: skip
                yield _m("index off by one", _x("the indices are one off: ${}$ where ${}$ "
                         "belongs", moved, a), e, e.xreplace({a: moved}))  # fmt: skip


def _activation_slips(e, env):
    """The chain rule taken once more through an activation, the pre-activation for the
    activation, the quantity for its upstream gradient."""
    if env.ctx is None:
        return
    by = [d.expr.variables[0] for d in env.ctx.problem.targets if isinstance(d.expr, sp.Derivative)]
    for q in _sorted(e.atoms(sp.Indexed, sp.Symbol) | {v for v in by if env.definition(v)}):
        rhs = env.definition(q)
        if rhs is None:
            continue
        inner = _activation_argument(rhs)
        if inner is None:
            continue
        fn, u = inner
        extra = q * (1 - q) if fn == "sigma" else 1 - q**2 if fn == "tanh" else None
        if extra is not None:
            why = _x("an extra factor ${}$: the derivative of the activation taken once more",
                     extra)  # fmt: skip
            yield _m("extra derivative", why, e, e * extra)
            for t in e.args if isinstance(e, sp.Add) else ():  # on one term: (p − y)p(1 − p)x_i
                yield _m("extra derivative", why, e, e + t * (extra - 1))
        if e.has(q):
            yield _m("pre-activation", _x("${}$ where ${}$ belongs: the argument of the "
                     "activation for its value", u, q), e, e.xreplace({q: u}))  # fmt: skip
    for g in _sorted(e.atoms(sp.Indexed)):
        name = str(g.base.label)
        if name.startswith("\\partial") and "/" in name:
            for base in env.ctx.shapes:
                if name.endswith("\\partial " + str(base.label)) or name.endswith(
                    "\\partial" + str(base.label)):  # fmt: skip
                    yield _m("missing upstream gradient", _x("${}$ where ${}$ belongs: the "
                             "upstream gradient is missing", base[g.indices], g), e,
                             e.xreplace({g: base[g.indices]}))  # fmt: skip


def _activation_argument(rhs):
    """("sigma" | "tanh" | "relu", u) when ``rhs`` is σ(u), tanh(u) or max(0, u), else None."""
    from ...ops.functions import sigmoid

    if isinstance(rhs, sigmoid):
        return "sigma", rhs.args[0]
    if isinstance(rhs, sp.tanh):
        return "tanh", rhs.args[0]
    if isinstance(rhs, sp.Max) and 0 in rhs.args and len(rhs.args) == 2:
        return "relu", next(a for a in rhs.args if a != 0)
    return None


SLIPS = (_inner_signs, _powers, _roots, _wrong_index, _offsets, _activation_slips,
         _extra_factors)  # fmt: skip
