"""Textbook form: a result folded back into the problem's own quantities.

The chain rule leaves the right sides of definitions in a result (e^{z_k}/Σ_l e^{z_l} where
the problem calls that p_k; σ(s) where it calls that p). Folding puts the names back, uses
the problem's identities (σ' = σ(1 − σ), the assumptions such as Σ_k y_k = 1), and keeps a
rewrite only when it makes the result shorter. Every folded result is checked numerically
against the forward computation like any other, so a fold can never change a value unseen.
"""

from __future__ import annotations

import functools

import sympy as sp

from ..ops.algebra import measure, tidy
from ..ops.functions import sigmoid, sigmoid_prime_identity
from .assume import canonical_sum


@functools.lru_cache(maxsize=4096)
def _size(e) -> tuple:
    """Operations, then length; σ'(a) counts as one function, as it is printed. Remembered:
    a fold measures the same few forms again and again."""
    primes = {
        n: _PRIME(n.args[2][0] if isinstance(n, sp.Subs) else n.expr.args[0])
        for n in sp.preorder_traversal(e)
        if isinstance(n, sp.Subs | sp.Derivative) and n.has(sigmoid)
    }
    return measure(e.xreplace(primes) if primes else e)


_PRIME = sp.Function("sigmoid_prime")


def _wild_indices(d):
    """The definition's left and right sides with its template indices made wild."""
    return _wild(d.lhs, d.rhs)


@functools.lru_cache(maxsize=512)  # (every fold of a problem asks for the same templates)
def _wild(lhs, rhs):
    if not isinstance(lhs, sp.Indexed):
        return lhs, rhs
    wild = {i: sp.Wild(f"w_{n}") for n, i in enumerate(lhs.indices) if i.is_Symbol}
    return lhs.xreplace(wild), rhs.xreplace(wild)


@functools.lru_cache(maxsize=512)
def _bound_apart(rhs):
    """A template's summation indices as dummies of its own, so that they never meet an index
    of the expression being folded (r_l's Σ_l U_lp h_p inside a sum over l); and the way
    back to the definition's letters for a sum renamed but not folded."""
    if not rhs.has(sp.Sum) or not rhs.has(sp.Wild):
        return rhs, {}
    names = {}
    for s in rhs.atoms(sp.Sum):
        for lim in s.limits:
            names.setdefault(lim[0], sp.Dummy(f"{lim[0]}", integer=True, positive=True))
    return rhs.xreplace(names), {v: k for k, v in names.items()}


def _replace_nodes(expr, pattern, lhs):
    """Every subexpression that is ``pattern`` (wild indices bound) replaced by ``lhs``;
    never inside a derivative (∂f_3(y, θ_3)/∂y is about f_3, whatever F names it)."""
    if not _may_match(expr, pattern):
        return expr
    held = {
        d: sp.Dummy("held")
        for d in sp.preorder_traversal(expr)
        if isinstance(d, sp.Derivative | sp.Subs)
    }
    work = expr.xreplace(held) if held else expr
    if not pattern.has(sp.Wild):
        work = work.xreplace({pattern: lhs}) if work.has(pattern) else work
    else:  # a node of the pattern's own kind only (SymPy would try every node of the tree)
        func = pattern.func
        found: dict = {}

        def hit(e):
            if e.func is not func:
                return False
            m = e.match(pattern)
            found[e] = m
            return m is not None

        work = work.replace(hit, lambda e: lhs.xreplace(found[e]))
    return work.xreplace({v: k for k, v in held.items()}) if held else work


def _may_match(expr, pattern) -> bool:
    """Whether ``pattern`` can occur in ``expr`` at all: each quantity and function it names
    is there (SymPy's matching of a whole tree is the cost of a fold; most definitions
    are absent from most results)."""
    bases = pattern.atoms(sp.IndexedBase)
    if bases and not bases <= expr.atoms(sp.IndexedBase):
        return False
    funcs = {type(f) for f in pattern.atoms(sp.Function)}
    return not funcs or funcs <= {type(f) for f in expr.atoms(sp.Function)}


def _solve_part(d):
    """(part, value) such that ``part`` may be replaced by ``value`` wherever it occurs:
    F(k) → q_k / C for q_k = F(k)·C (softmax: e^{z_k} → p_k Σ_l e^{z_l}), A(k) → q_k − B(k)
    for q_k = A(k) + B(k) with A a sum (a_k = Σ_l W_kl x_l + b_k: Σ_l W_kl x_l → a_k − b_k)."""
    lhs, rhs = _wild_indices(d)
    if not isinstance(d.lhs, sp.Indexed):
        # a scalar that is a constant times a sum (μ = Σ_l x_l / n): Σ_l x_l → n μ
        sums = [f for f in sp.Mul.make_args(rhs) if isinstance(f, sp.Sum)]
        if len(sums) == 1 and isinstance(rhs, sp.Mul) and not (rhs / sums[0]).has(sp.Sum):
            return sums[0], lhs * sums[0] / rhs, []
        return None
    wild = lhs.atoms(sp.Wild)
    if isinstance(rhs, sp.Mul):
        carry = [f for f in rhs.args if f.atoms(sp.Wild) & wild]
        const = [f for f in rhs.args if not (f.atoms(sp.Wild) & wild)]
        if len(carry) == 1 and const and not carry[0].is_Pow:
            parts = [f.base if f.is_Pow and f.exp.is_negative else f for f in const]
            return carry[0], lhs / sp.Mul(*const), parts
    if isinstance(rhs, sp.Add):
        sums = [t for t in rhs.args if isinstance(t, sp.Sum)]
        if len(sums) == 1:
            return sums[0], lhs - (rhs - sums[0]), []
    return None


def fold(expr: sp.Expr, ctx, target_var=None, second: bool = False) -> sp.Expr:
    """``expr`` with the problem's defined quantities put back, in the shortest form found.

    ``target_var`` (the variable differentiated by) is never folded away. ``second``: a
    second derivative, whose textbook form names the gate (p(1 − p) x xᵀ, not σ'(s) x xᵀ).
    """
    if isinstance(expr, sp.MatrixBase | sp.MatrixExpr | sp.Eq) or not ctx.defs:
        return expr
    # a target and its matrix-form twin fold the same entry: once per process (the problem
    # kept in the key, so its id() stays its own)
    key = (expr, ctx.problem.id, id(ctx.problem), tuple(sorted(ctx.sizes.items(), key=str)))
    key += (target_var, second)
    if key not in _FOLDED:
        if len(_FOLDED) > 256:
            _FOLDED.clear()
        _FOLDED[key] = (ctx.problem, _fold(expr, ctx, target_var, second))
    return _FOLDED[key][1]


#: folds this process has done, by (entry, problem id, id(problem), sizes, variable, second)
_FOLDED: dict = {}


def _fold(expr, ctx, target_var, second):
    best = _simplest(expr, ctx)
    best = min([best, _simplest(_fold_definitions(best, ctx, target_var), ctx)], key=_size)
    # with σ' = σ(1 − σ) the named σ(s) may fold and cancel (logistic regression: (p − y) x);
    # taken only when that makes the result strictly shorter (σ'(ỹ_k) stays σ'(ỹ_k))
    if best.has(sp.Subs, sp.Derivative):  # σ'(u) where σ(u) is a named gate z: z(1 − z)
        named = _simplest(_named_primes(best, ctx, target_var), ctx)
        if _size(named)[0] < _size(best)[0] + (4 if second else 0):  # strictly fewer, as below
            best = named
    if best.has(sp.Subs, sp.Derivative):
        alt = sigmoid_prime_identity(best)
        if alt != best:
            alt = _simplest(_fold_definitions(alt, ctx, target_var), ctx)
            if _size(alt)[0] < _size(best)[0]:
                best = alt
    return _spread_denominators(_derivative_factors(_roots_of_squares(best, ctx), ctx))


def _spread_denominators(expr):
    """(−N + Σ_n …/σ²)/(2σ²) as −N/(2σ²) + Σ_n …/(2σ⁴): a fraction whose numerator holds a
    sum over the same base is two fractions in a book (γ/√(σ² + ε) (g − Σ/n) and
    (δ_ij − x_i x_j/(n r²)) g_j/r stay as they are)."""
    if not isinstance(expr, sp.Mul):
        return expr
    dens = {f.base for f in expr.args if f.is_Pow and f.exp.is_negative}
    sums = [f for f in expr.args if isinstance(f, sp.Add)]
    if not dens or len(sums) != 1:
        return expr
    inner = {  # the denominators of terms with a sum in their numerator
        g.base
        for t in sums[0].args
        if any(isinstance(f, sp.Sum) for f in sp.Mul.make_args(t))
        for g in sp.Mul.make_args(t)
        if g.is_Pow and g.exp.is_negative
    }
    if not inner & dens:
        return expr
    rest = sp.Mul(*[f for f in expr.args if f is not sums[0]])
    return sp.Add(*[positive_factors(rest * t) for t in sums[0].args])


def _roots_of_squares(expr, ctx):
    """√f → ‖X‖_F where the problem defines f = ‖X‖_F² of a positive ‖X‖_F (the sum of
    squares folded into f first, its square root is the norm the problem names)."""
    pairs = {
        d.lhs: d.rhs.base
        for d in ctx.defs.values()
        if isinstance(d.lhs, sp.Symbol) and d.rhs.is_Pow and d.rhs.exp == 2
        and d.rhs.base.is_Symbol and d.rhs.base.is_positive
    }  # fmt: skip
    if not pairs or not isinstance(expr, sp.Expr) or not expr.free_symbols & set(pairs):
        return expr

    def one(e):
        k = e.exp * 2
        return pairs[e.base] ** k if k.is_Integer else e

    return expr.replace(lambda e: e.is_Pow and e.base in pairs and not e.exp.is_Integer, one)


def _derivative_factors(expr, ctx):
    """y² − 1 of a named y = tanh(a) written −(1 − y²), and q − 1 of a named q = σ(s) as
    −(1 − q): the factor the book prints is the derivative, tanh' = 1 − y², σ' = q(1 − q)."""
    named = {}
    for d in ctx.defs.values():
        if isinstance(d.rhs, sp.tanh) and isinstance(d.lhs, sp.Symbol):
            named[sp.expand(d.lhs**2 - 1)] = 1 - d.lhs**2
        elif isinstance(d.rhs, sigmoid) and isinstance(d.lhs, sp.Symbol):
            named[sp.expand(d.lhs - 1)] = 1 - d.lhs
    if not named or not isinstance(expr, sp.Expr):
        return expr

    def one(term):
        factors = list(sp.Mul.make_args(term))
        for n, f in enumerate(factors):
            if isinstance(f, sp.Add) and f in named:
                return sp.Mul(-1, *factors[:n], named[f], *factors[n + 1 :])
        return term

    return sp.Add(*[one(t) for t in sp.Add.make_args(expr)])


def _restore(expr, back: dict, ctx):
    """A sum renamed to a template's dummy but not folded gets the definition's letter back,
    or a fresh one where that letter is free inside it (never captured: Σ_l U_{l l})."""
    if not back or not expr.atoms(sp.Dummy) & set(back):
        return expr

    def one(s):
        mapping = {}
        for lim in s.limits:
            v = lim[0]
            if v in back:
                k = back[v]
                mapping[v] = k if k not in s.free_symbols else ctx.fresh_index(s.free_symbols)
        return s.xreplace(mapping)

    dummies = set(back)
    return expr.replace(lambda e: isinstance(e, sp.Sum) and bool(e.atoms(sp.Dummy) & dummies), one)


def _named_primes(expr, ctx, target_var):
    """Each σ'(u) whose σ(u) folds into a defined quantity q written q(1 − q), one by one (the
    others stay σ'): a GRU's gates z_k(1 − z_k) beside a σ' of no name."""
    out = {}
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Subs) and isinstance(node.args[0], sp.Derivative):
            ident = sigmoid_prime_identity(node)
            if ident == node:
                continue
            q = _fold_definitions(ident.args[0] if isinstance(ident, sp.Mul) else ident, ctx,
                                  target_var)  # fmt: skip
            folded = _fold_definitions(ident, ctx, target_var)
            if not folded.has(sigmoid) and q != ident:
                out[node] = folded
    return expr.xreplace(out) if out else expr


def _replace_powers(expr, base, exp, lhs):
    """B^q → lhs^{q/p} for lhs = B^p (q/p rational), and B itself → lhs^{1/p}."""

    def one(e):
        if e.is_Pow and e.base == base and (e.exp / exp).is_Rational:
            return lhs ** (e.exp / exp)
        return lhs ** (1 / exp) if e == base else e

    return expr.replace(lambda e: (e.is_Pow and e.base == base) or e == base, one)


def _alpha(expr, rhs):
    """Sums of ``expr`` that are the sums of ``rhs`` up to the names of their indices,
    renamed as ``rhs`` names them (so that a structural match can see them)."""
    if not (expr.has(sp.Sum) and rhs.has(sp.Sum)):
        return expr
    known = {canonical_sum(s): s for s in rhs.atoms(sp.Sum) if not s.has(sp.Wild)}
    templates = [s for s in rhs.atoms(sp.Sum) if s.has(sp.Wild) and len(s.limits) == 1]

    def one(e):
        if canonical_sum(e) in known:
            return known[canonical_sum(e)]
        for t in templates:  # Σ_q U_kq h_q as the template's Σ_l U_{w,l} h_l
            (v, lo, hi), (tv, tlo, thi) = e.limits[0], t.limits[0]
            same_range = (lo, hi) == (tlo, thi)
            if len(e.limits) == 1 and same_range and v != tv and tv not in e.free_symbols:
                renamed = sp.Sum(e.function.xreplace({v: tv}), (tv, lo, hi))
                if renamed.match(t) is not None:
                    return renamed
        return e

    return expr.replace(lambda e: isinstance(e, sp.Sum), one)


def _known_sums(expr, ctx, target_var):
    """Sums of a defined quantity that reduce to something shorter once its definition is
    written out (Σ_l x̂_l = Σ_l (x_l − μ) = nμ − nμ = 0 for a centred x̂)."""

    def one(s):
        f = s.function
        if not (isinstance(f, sp.Indexed) and ctx.is_defined(f) and len(s.limits) == 1):
            return s
        if target_var is not None and ctx.key(target_var) == ctx.key(f):
            return s
        inner = sp.expand(ctx.instance(f))
        if inner.has(sp.Sum) or not inner.has(s.limits[0][0]):
            return s
        value = sp.Add(*(sp.Sum(t, s.limits).doit() for t in sp.Add.make_args(inner)))
        value = _fold_scalars(value, ctx)
        return value if _size(value) < _size(s) else s

    if not expr.has(sp.Sum):
        return expr
    return expr.replace(lambda e: isinstance(e, sp.Sum), one)


def _fold_scalars(expr, ctx):
    """Σ_l x_l → n μ for every scalar μ defined as a constant times a sum."""
    for d in ctx.defs.values():
        if isinstance(d.lhs, sp.Indexed):
            continue
        solved = _solve_part(d)
        if solved is not None:
            part, value, _ = solved
            expr = _replace_nodes(_alpha(expr, part), part, value)
    return sp.simplify(expr) if expr.free_symbols else expr


def _fold_definitions(expr, ctx, target_var):
    expr = _known_sums(expr, ctx, target_var)
    defs = sorted(ctx.defs.values(), key=lambda d: -sp.count_ops(d.rhs))
    for _ in range(3):  # a fold may enable another (s, then p = σ(s))
        before = expr
        for d in defs:
            if target_var is not None and ctx.key(target_var) == d.key:
                continue
            lhs, rhs = _wild_indices(d)
            rhs, back = _bound_apart(rhs)
            folded = _restore(_replace_nodes(_alpha(expr, rhs), rhs, lhs), back, ctx)
            if rhs.is_Pow and not rhs.has(sp.Wild):  # r = √B: B^{-1/2} → 1/r, B → r²
                folded = _replace_powers(folded, rhs.base, rhs.exp, lhs)
            if folded != expr:
                expr = folded
                continue
            solved = _solve_part(d)
            if solved is not None:
                part, value, const = solved
                # the constant part (Σ_l e^{z_l}) is held while its own terms are rewritten
                hold = {c: sp.Dummy("C") for c in const if not c.has(sp.Wild)}
                work = expr.xreplace(hold) if hold else expr
                work = _replace_nodes(_alpha(work, part), part, value.xreplace(hold))
                if isinstance(part, sp.Add):  # μ − x_i as well as x_i − μ
                    work = _replace_nodes(work, sp.expand(-part), -value.xreplace(hold))
                if work == (expr.xreplace(hold) if hold else expr):
                    continue  # nothing of it occurs: nothing to simplify
                trial = _simplest(work, ctx).xreplace({v: k for k, v in hold.items()})
                if _size(trial) < _size(expr):
                    expr = trial
        if expr == before:
            break
    return ctx.assumptions.rewrite(expr) if ctx.assumptions else expr


def _simplest(expr, ctx):
    """The shortest of a few equal forms (cancelled, factored, expanded, sums merged)."""
    if ctx.assumptions:
        expr = ctx.assumptions.rewrite(expr)
    forms = [expr, tidy(expr)]
    if expr.has(sp.sign):  # d sign(d)/|d| = 1: ∂ log|det X| is X⁻ᵀ
        forms.append(tidy(expr.replace(sp.sign, lambda u: u / sp.Abs(u))))
    if not expr.has(sp.Add):  # a product of quantities: nothing to cancel, merge or factor
        return min(forms, key=_size)
    forms += [positive_factors(f) for f in forms]
    try:
        forms.append(tidy(sp.cancel(expr)) if not expr.has(sp.Sum, sp.Piecewise) else expr)
        forms.append(merge_sums(tidy(expr)))
        forms.append(_cancel_terms(expr))
        forms.append(positive_factors(forms[-1]))
        forms.append(positive_factors(merge_sums(expr)))
        forms.append(_factor_in_sums(forms[-1]))
        forms.append(_collect_scalars(expr))
    except (sp.PolynomialError, TypeError, ValueError):
        pass
    return min(forms, key=_size)


def _collect_scalars(expr):
    """Terms grouped by their indexed part, each group's scalar coefficient factored:
    p x_i x_j − p² x_i x_j → p(1 − p) x_i x_j (a Hessian's textbook form)."""
    groups: dict = {}
    for t in sp.Add.make_args(sp.expand(expr)):
        carried = [f for f in sp.Mul.make_args(t) if f.has(sp.Indexed, sp.KroneckerDelta, sp.Sum)]
        scalar = sp.Mul(*[f for f in sp.Mul.make_args(t) if f not in carried])
        key = sp.Mul(*carried)
        groups[key] = groups.get(key, sp.S.Zero) + scalar
    if len(groups) == len(sp.Add.make_args(expr)):
        return expr
    return sp.Add(*[positive_factors(sp.factor(c)) * k for k, c in groups.items()])


def positive_factors(expr):
    """−(y − p)·x → (p − y)·x: a product's minus sign taken into one of its sums."""

    def one(m):
        coeff, rest = m.as_coeff_mul()
        sums = [f for f in rest if isinstance(f, sp.Add)]
        if coeff == -1 and not sums:  # −Σ_n (μ − x_n) → Σ_n (x_n − μ)
            sums = [f for f in rest if isinstance(f, sp.Sum) and isinstance(f.function, sp.Add)]
            if sums:
                flipped = sp.Sum(sp.Add(*[-t for t in sums[0].function.args]), *sums[0].limits)
                others = [f for f in rest if f is not sums[0]]
                return sp.Mul(flipped, *others, evaluate=False)
        if coeff != -1 or not sums:
            return m
        first = sums[0]
        others = [f for f in rest if f is not first]
        return sp.Mul(sp.Add(*[-t for t in first.args]), *others, evaluate=False)

    return expr.replace(lambda e: isinstance(e, sp.Mul), one)


def _cancel_terms(expr):
    """Each term of a sum cancelled on its own (p(1 − p)·((1 − y)/(1 − p) − y/p)x → (p − y)x)."""
    terms = [
        t if t.has(sp.Sum, sp.Piecewise) else sp.factor(sp.cancel(t))
        for t in sp.Add.make_args(expr)
    ]
    return tidy(sp.Add(*terms))


def _factor_in_sums(expr):
    """The summand of every sum factored (Σ_j (μx_i + μx_j − μ² − x_i x_j) g_j →
    −Σ_j (x_i − μ)(x_j − μ) g_j), so that a definition can fold into the factors."""
    if not expr.has(sp.Sum):
        return expr

    def one(s):
        f = s.function
        if f.has(sp.Sum, sp.Piecewise, sp.Derivative, sp.Subs):
            return s
        groups: dict = {}  # terms over the same denominator factored together
        for t in sp.Add.make_args(sp.expand(f)):
            num, den = sp.fraction(sp.together(t))
            groups.setdefault(den, []).append(num)
        body = sp.Add(*[sp.factor(sp.Add(*nums)) / den for den, nums in groups.items()])
        if len(groups) > 1:  # over two denominators: (p − 1)(y + (y − 1)p/(1 − p)) is p − y
            whole = positive_factors(sp.factor(sp.cancel(f)))
            body = min(body, whole, key=_size)
        return sp.Sum(body, *s.limits)

    return tidy(expr.replace(lambda e: isinstance(e, sp.Sum), one))


def merge_sums(expr):
    """Σ_r a_r − Σ_r b_r → Σ_r (a_r − b_r) for sums over the same range, factored; in every
    sum of terms of the expression."""
    if not expr.has(sp.Sum):
        return expr
    return expr.replace(lambda e: isinstance(e, sp.Add) and e.has(sp.Sum), _merge_add)


def _merge_add(expr):
    groups: dict = {}
    rest = []
    for t in sp.Add.make_args(expr):
        sums = [f for f in sp.Mul.make_args(t) if isinstance(f, sp.Sum) and len(f.limits) == 1]
        if len(sums) != 1:
            rest.append(t)
            continue
        s = sums[0]
        coeff = sp.Mul(*[f for f in sp.Mul.make_args(t) if f is not s])
        v, lo, hi = s.limits[0]
        if v in coeff.free_symbols:
            rest.append(t)
            continue
        groups.setdefault((lo, hi), []).append((v, coeff * s.function, t))
    out = list(rest)
    for (lo, hi), parts in groups.items():
        v = parts[0][0]
        # N μ² beside Σ_{n=1}^{N} x_n², Σ_n x_n: the term of every n (Σ_n (μ − x_n)² again)
        whole = [t for t in out if lo == 1 and not t.has(sp.Sum) and hi in sp.Mul.make_args(t)]
        if len(parts) == 1 and not whole:
            out.append(parts[0][2])
            continue
        body = sp.Add(*[f.xreplace({w: v}) for w, f, _ in parts])
        merged = sp.Sum(sp.factor_terms(body), (v, lo, hi)) if len(parts) > 1 else parts[0][2]
        for t in whole:  # taken in only where the summand becomes a power (μ² − 2μx + x²)
            inner = sp.factor(body + t / hi) if not body.has(sp.Sum, sp.Piecewise) else None
            if inner is not None and inner.is_Pow and inner.exp.is_positive:
                out.remove(t)
                body, merged = body + t / hi, sp.Sum(inner, (v, lo, hi))
        out.append(merged)
    return sp.Add(*out)
