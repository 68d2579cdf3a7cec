"""The derivation engine: for each target, the steps, the result in the problem's notation,
a check of every step, and a numeric check of the result by an independent path."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import sympy as sp

from ..errors import DerivationError, SymderivError, UnsupportedError
from ..ops.algebra import tidy
from ..ops.functions import sigmoid_prime_identity
from ..ops.matrices import JacobianSymbol
from ..ops.printer import latex
from ..ops.steps import NumericCheck, Step
from ..spec import LAYOUT, Problem, Target
from . import numeric, parallel
from .cache import cache_dir
from .cache import load as load_cached
from .cache import store as store_cached
from .calculus import Context, collapse_deltas
from .fold import fold
from .matrix_form import lift
from .selfcheck import _at, check_step, limit_check, numeric_check
from .textbook import textbook


@dataclass
class Result:
    """One derived target: ``lhs = expr``, the steps that lead there and the numeric check."""

    name: str
    title: str
    lhs: sp.Basic
    expr: sp.Basic
    steps: list[Step]
    numeric: NumericCheck
    #: the index-level entry formula (equals ``expr`` unless the result is a matrix)
    entry: sp.Expr = None
    #: other equal forms, by name (e.g. "sigmoid": written with σ(1 − σ) instead of σ')
    forms: dict[str, sp.Basic] = field(default_factory=dict)
    sizes: dict = field(default_factory=dict)

    @property
    def tex(self) -> dict:
        """LaTeX of the parts, rendered once and kept (cached derivations skip printing)."""
        if "_tex" not in self.__dict__:
            self.__dict__["_tex"] = {
                "lhs": latex(self.lhs),
                "expr": latex(self.expr),
                "entry": latex(self.entry),
                "forms": {k: latex(v) for k, v in self.forms.items()},
            }
            for s in self.steps:
                s.tex  # noqa: B018  (renders and keeps the step's LaTeX)
        return self.__dict__["_tex"]

    @property
    def latex(self) -> str:
        return f"{self.tex['lhs']} = {self.tex['expr']}"

    def __repr__(self) -> str:
        return f"<Result {self.name}: {self.latex}>"

    def _repr_latex_(self) -> str:
        return f"$\\displaystyle {self.latex}$"

    def as_dict(self) -> dict:
        """The result as JSON-ready data, the same in every run."""
        return {
            "name": self.name,
            "title": self.title,
            "latex": self.latex,
            "srepr": stable_srepr(self.expr),
            "entry_latex": self.tex["entry"],
            "forms": dict(self.tex["forms"]),
            "sizes": {str(k): int(v) for k, v in self.sizes.items()},
            "steps": [
                {
                    "rule": s.rule,
                    "latex": " = ".join(s.tex),
                    "note": s.note,
                    "check": s.check,
                }
                for s in self.steps
            ],
            "numeric_check": self.numeric.as_dict(),
        }


@dataclass
class Derivation:
    """All derived results of one problem, by target name."""

    problem: Problem
    results: dict[str, Result]
    #: targets that could not be derived, with the error that says why
    failures: dict[str, SymderivError] = field(default_factory=dict)
    #: the shapes ``ask`` inferred (name → (rows, cols)); None for a spec's derivation
    shapes: dict | None = None
    #: the definitions ``ask`` read (name → matrix-level SymPy), in order
    definitions: dict | None = None

    def __getitem__(self, name: str) -> Result:
        if name in self.failures:
            raise self.failures[name]
        if name not in self.results:
            self.problem.target(name)  # raises UnknownTargetError with the names
        return self.results[name]

    def __iter__(self):
        return iter(self.results.values())

    def __len__(self) -> int:
        return len(self.results)

    def __repr__(self) -> str:
        names = ", ".join(self.results)
        failed = f"; could not derive {', '.join(self.failures)}" if self.failures else ""
        return f"<Derivation {self.problem.id}: {len(self)} results ({names}){failed}>"

    def _repr_latex_(self) -> str:
        rows = " \\\\ ".join(f"\\text{{{_tex_text(r.name)}}}: & \\quad {r.latex}" for r in self)
        return f"$\\begin{{aligned}}{rows}\\end{{aligned}}$"


def _tex_text(text: str) -> str:
    return re.sub(r"([_#%&$])", r"\\\1", text)


# -- one target -------------------------------------------------------------------


def derive_target(problem: Problem, target: Target, seed: int = 0) -> Result:
    """Derive one target: steps, simplified result in notation, step checks, numeric check."""
    ctx = Context(problem, target.sizes)
    expr = target.expr.xreplace(ctx.sizes)
    ranges = ctx.ranges(expr)
    # an index that can take one value only (n = 1) is that value
    fixed = {s: lo for s, (lo, hi) in ranges.items() if lo == hi}
    if fixed:
        expr = expr.xreplace(fixed)
        ranges = ctx.ranges(expr)
    steps: list[Step] = []
    if _operations(expr):
        return _derive_operations(problem, target, ctx, expr, steps, seed)
    derivatives = sorted(expr.atoms(sp.Derivative), key=sp.default_sort_key)
    if not derivatives:
        raise UnsupportedError(f"{problem.id}/{target.name}: nothing to derive in {expr}")
    values = {}
    for d in derivatives:
        values[d] = ctx.derivative(d, steps, ranges)
    value = expr.xreplace(values)
    if len(derivatives) > 1 or expr != derivatives[0]:
        steps.append(Step("combine", expr, value))
    if value.has(sp.Sum) and ctx.sizes:
        done = value.doit()  # sums over concrete ranges, written out
        if done != value:
            steps.append(Step("evaluate sums", expr, done))
            value = done
    final = collapse_deltas(tidy(value), ranges)
    if final != value:
        steps.append(Step("simplify", expr, final))
    if not final.has(sp.Limit):
        variables = [d.variables[0] for d in derivatives if len(d.variables) == 1]
        by = variables[0] if len(derivatives) == len(variables) == 1 else None
        folded = fold(final, ctx, by, any(len(d.variables) > 1 for d in derivatives))
        if folded != final:
            names = _folded_names(ctx, final, folded)
            steps.append(Step("textbook form", expr, folded, note=names))
            final = folded
    _no_stray_index(problem, target, expr, final, ctx)
    if final.has(sp.Limit):
        limited = limit_rule(final)
        steps.append(
            Step("limit", expr, limited, note="the limit of a sum is the sum of the limits")
        )
        final = limited
    forms = {}
    alt = sigmoid_prime_identity(final)
    if alt != final:
        steps.append(Step("sigmoid identity", expr, alt, note="$\\sigma' = \\sigma(1-\\sigma)$"))
        forms["sigmoid"] = alt

    result_lhs, result_expr = expr, final
    if target.as_matrix:
        result_lhs, result_expr = _matrix_form(ctx, target, expr, final, ranges, steps, forms)

    inst_sizes = ctx.sizes or numeric.default_sizes(problem)
    if expr.has(sp.Limit):
        check = limit_check(ctx, expr, final, values, inst_sizes, seed)
        for s in steps:
            if not s.lhs.has(sp.Limit) and not s.rhs.has(sp.Limit):
                s.check = check_step(ctx, s, expr, target, ranges, inst_sizes, seed)
    else:
        for s in steps:
            s.check = check_step(ctx, s, expr, target, ranges, inst_sizes, seed)
        check = numeric_check(ctx, target, expr, final, result_expr, ranges, inst_sizes, seed)
    if not check.passed:
        raise DerivationError(
            f"{problem.id}/{target.name}: the derived result fails its numeric check "
            f"(max error {check.max_error:.3g}); this is an engine bug"
        )
    result = Result(
        name=target.name,
        title=target.title,
        lhs=result_lhs,
        expr=result_expr,
        steps=steps,
        numeric=check,
        entry=final,
        forms=forms,
        sizes=dict(ctx.sizes),
    )
    result.tex  # noqa: B018  (render once, before the result is cached)
    return result


def _folded_names(ctx, before, after) -> str:
    """A note on what a fold used: the quantities it wrote back, the assumptions."""
    new = [a for a in ctx.atoms_of(after) - ctx.atoms_of(before) if ctx.is_defined(a)]
    parts = []
    if new:
        parts.append("in terms of " + ", ".join(f"${latex(a)}$" for a in sorted(new, key=str)))
    if ctx.assumptions and ctx.assumptions.rewrite(before) != before:
        parts.append("with the exercise's assumptions")
    return "; ".join(parts)


def _no_stray_index(problem, target, expr, final, ctx) -> None:
    """A result may mention only the target's own free indices (and sizes): a summation index
    that escaped its sum is an engine bug, never a result."""
    allowed = set(expr.free_symbols) | set(ctx.sizes)
    for d in expr.atoms(sp.Derivative):
        for v in d.variables:
            allowed |= v.free_symbols
    for shape in ctx.shapes.values():
        for s in shape:
            allowed |= sp.sympify(s).free_symbols
    stray = sorted((s for s in final.free_symbols if s.is_integer and s not in allowed), key=str)
    if stray:
        raise DerivationError(
            f"{problem.id}/{target.name}: the result has the free index "
            f"{', '.join(map(str, stray))}, which is not one of the target's; this is an "
            "engine bug (a summation index escaped its sum)"
        )


def _operations(expr) -> list:
    """The outermost parts of a target that are operations with their own derivation (a
    convolution; an unrolled recurrence, whose inputs may be recurrences themselves)."""
    found = []

    def walk(e):
        if hasattr(e, "derive") and isinstance(e, sp.Basic):
            found.append(e)
            return
        for a in e.args:
            walk(a)

    walk(expr)
    return found


def _derive_operations(problem, target, ctx, expr, steps, seed) -> Result:
    """Targets built from operations: each derives itself; the combination is simplified."""
    from ..ops.sums import check_operations

    values = {op: op.derive(ctx, steps) for op in _operations(expr)}
    value = expr.xreplace(values)
    final = value
    if isinstance(expr, sp.Limit) and len(values) == 1 and hasattr(expr.args[0], "limit_check"):
        # the limit of an unrolled recurrence, under the exercise's assumptions (0 < μ < 1)
        final = textbook(ctx.assumptions.refine(value), ctx.assumptions)
        if final.has(sp.Limit):
            raise UnsupportedError(
                f"{problem.id}/{target.name}: cannot evaluate the limit {latex(value)}"
                " (state the assumptions it needs, such as 0 < μ < 1)"
            )
        steps.append(Step("limit", expr, final, note="under the exercise's assumptions"))
        check = expr.args[0].limit_check(final, seed)
        for s in steps:
            s.check = "see the result's check"
        lhs = target.lhs if target.lhs is not None else expr
        result = Result(
            name=target.name, title=target.title, lhs=lhs, expr=final, steps=steps,
            numeric=check, entry=final, sizes=dict(ctx.sizes),
        )  # fmt: skip
        if not check.passed:
            raise DerivationError(
                f"{problem.id}/{target.name}: the derived limit fails its check "
                f"(max error {check.max_error:.3g}); this is an engine bug"
            )
        result.tex  # noqa: B018
        return result
    if len(values) > 1 or expr not in values:
        steps.append(Step("combine", expr, value))
        final = sp.simplify(sp.piecewise_fold(value))
        if final != value:
            steps.append(Step("simplify", expr, final))
    if len(values) == 1 and expr in values and isinstance(final, sp.Expr):
        final = textbook(final, ctx.assumptions)  # g(1 − μᵗ)/(1 − μ), θ₀ − …
    if len(values) == 1 and expr in values:
        import inspect

        takes_ctx = "ctx" in inspect.signature(expr.check).parameters
        check = expr.check(final, seed, ctx=ctx) if takes_ctx else expr.check(final, seed)
    else:  # a combination of convolutions (y_2(n) − y(n − 5)), summed term by term
        variable = target.variable
        params = sorted(
            (s for s in expr.free_symbols if s != variable and s.is_integer),
            key=sp.default_sort_key,
        )
        check = check_operations(expr, final, variable, params, seed)
    if not check.passed:
        raise DerivationError(
            f"{problem.id}/{target.name}: the derived result fails its check "
            f"(max error {check.max_error:.3g}); this is an engine bug"
        )
    for s in steps:
        s.check = "see the result's check"
    lhs = target.lhs if target.lhs is not None else expr
    shown = final
    if isinstance(final, sp.Eq):  # a relation: γ = ηλ, shown once
        lhs, shown = final.lhs, final.rhs
    result = Result(
        name=target.name, title=target.title, lhs=lhs,
        expr=shown, steps=steps,
        numeric=check, entry=final, sizes=dict(ctx.sizes),
    )  # fmt: skip
    result.tex  # noqa: B018
    return result


def limit_rule(expr):
    """lim (a + b) = lim a + lim b, lim c·f = c·lim f; terms free of the limit variable pass;
    what SymPy cannot evaluate (the mean of an unknown sequence) stays a written limit."""

    def one(lim):
        f, var, point = lim.args[0], lim.args[1], lim.args[2]
        out = []
        for term in sp.Add.make_args(sp.expand(f)):
            if var not in term.free_symbols:
                out.append(term)
                continue
            const = sp.Mul(*[g for g in sp.Mul.make_args(term) if var not in g.free_symbols])
            rest = term / const
            if rest.has(sp.Sum):
                out.append(const * sp.Limit(rest, var, point))
            else:
                out.append(const * sp.limit(rest, var, point))
        return tidy(sp.Add(*out))

    return expr.replace(lambda e: isinstance(e, sp.Limit), one)


def _display_of(q, idx):
    """y if the matrix runs over q's index (∂y/∂x), else the entry itself (∂y_k/∂W)."""
    if isinstance(q, sp.Indexed) and idx & set(q.indices):
        return q.base
    return q


def _matrix_form(ctx, target, expr, final, ranges, steps, forms):
    row, col = target.as_matrix
    (d,) = expr.atoms(sp.Derivative) if isinstance(expr, sp.Derivative) else (None,)
    if d is None:
        raise UnsupportedError(f"{target.name}: matrix form needs a single derivative")
    idx = {row, col} - {None}
    shown = [_display_of(v, idx) for v in d.variables]
    if len(shown) == 2 and isinstance(shown[0], sp.IndexedBase) and shown[0] == shown[1]:
        jac = JacobianSymbol(_display_of(d.expr, idx), *shown)  # a Hessian ∂²L/∂w∂wᵀ
    else:
        jac = JacobianSymbol(_display_of(d.expr, idx), shown[0])
    nrows = ranges[row][1]
    ncols = ranges[col][1] if col is not None else sp.S.One
    try:
        compact = lift(ctx, final, row, col, nrows, ncols)
    except DerivationError:
        compact = None
    at = f"({latex(row)}, {latex(col)})" if col is not None else latex(row)
    note = f"entry ${at}$ is ${latex(final)}$. " + LAYOUT
    if nrows.is_Integer and ncols.is_Integer:
        mat = sp.Matrix(
            int(nrows),
            int(ncols),
            lambda r, c: collapse_deltas(final.xreplace(_at(row, col, r, c)), ranges),
        )
        if compact is not None:
            steps.append(Step("matrix form", jac, compact, note=note))
            note = ""
        steps.append(Step("assemble entries", jac, mat, note=note))
        if "sigmoid" in forms:
            forms["sigmoid"] = sp.Matrix(mat).applyfunc(sigmoid_prime_identity)
        if compact is not None:
            forms["compact"] = compact
        return jac, mat
    if compact is None:
        raise UnsupportedError(f"{target.name}: cannot assemble {final} into a matrix")
    if "sigmoid" in forms:
        try:
            forms["sigmoid"] = lift(ctx, forms["sigmoid"], row, col, nrows, ncols)
        except DerivationError:
            del forms["sigmoid"]  # an index-level form under a matrix name would mislead
    steps.append(Step("assemble matrix", jac, compact, note=note))
    return jac, compact


# -- a whole problem -------------------------------------------------------------------


def derive_problem(problem: Problem, names: Iterable[str] | None = None, cache: bool = True):
    """Derive the named targets of ``problem`` (all when ``names`` is None)."""
    targets = [problem.target(n) for n in names] if names else list(problem.targets)
    names = [t.name for t in targets]
    key = (problem.id, id(problem), tuple(names), str(cache_dir()))
    whole = (*key[:2], tuple(t.name for t in problem.targets), key[3])
    for held in (key, whole) if cache else ():  # this process has them, or their problem
        if held in _DONE:
            return Derivation(problem, {n: _DONE[held][1][n] for n in names}, {})
    results = load_cached(problem, names) if cache else None
    if results is None and cache and len(names) < len(problem.targets):
        # a part of what `derive ID` derived and stored as a whole
        whole = load_cached(problem, [t.name for t in problem.targets])
        if whole is not None and all(n in whole for n in names):
            results = {n: whole[n] for n in names}
    failures: dict[str, SymderivError] = {}
    if results is None:
        # one target that fails does not take the others with it; two cores: side by side,
        # a target and its twins (the same derivative asked in matrix form) in one process,
        # where a twin reuses what the first one derived (half a Hessian's time)
        twins: dict = {}
        for t in targets:
            twins.setdefault((t.expr, tuple(sorted((t.sizes or {}).items(), key=str))), [])
            twins[t.expr, tuple(sorted((t.sizes or {}).items(), key=str))].append(t)
        ctx = Context(problem)
        order = sorted(twins.values(), key=lambda ts: _work(ctx, ts), reverse=True)
        done = {}
        for got in parallel.each(
            order, lambda ts: {t.name: _derive_one(problem, t) for t in ts}, lambda ts: ts[0].name
        ).values():
            done.update(got)
        results = {n: done[n][1] for n in names if done[n][0]}
        failures = {n: done[n][1] for n in names if not done[n][0]}
        if cache and not failures:
            store_cached(problem, names, results)
    if cache and not failures:
        if len(_DONE) > 512:
            _DONE.clear()
        _DONE[key] = (problem, dict(results))  # the problem kept: its id() stays its own
    return Derivation(problem, results, failures)


def _work(ctx, twins) -> float:
    """A rough rank of the cost of a target and its twins: a solve first, then by the
    number of defined quantities between the derivative's quantity and its variables (the
    length of its chain), a second derivative as three first ones, a twin as half."""
    e = twins[0].expr
    if type(e).__name__ in ("Stationary", "SolveFor", "Unroll"):
        return 1e9
    if not isinstance(e, sp.Derivative):
        return 1.0
    try:
        wrt = {ctx.key(v) for v in e.variables}
        chain = [k for k in ctx.reach(ctx.key(e.expr)) if k in ctx.defs and wrt & ctx.reach(k)]
    except Exception:  # a rank only: whatever it cannot read ranks as one step
        chain = []
    return (1 + len(chain)) * (3 if len(e.variables) > 1 else 1) * (1 + (len(twins) - 1) / 2)


def _derive_one(problem, t) -> tuple[bool, object]:
    """(True, the result) or (False, the error, named by file, problem and target, once)."""
    try:
        return True, derive_target(problem, t)
    except DerivationError as exc:
        said = str(exc).removeprefix(f"{problem.id}/{t.name}: ")
        said = said.removeprefix(f"{t.name}: ")
        return False, type(exc)(f"{_where(problem)}{problem.id}/{t.name}: {said}")
    except SymderivError as exc:
        return False, exc
    except RecursionError:
        return False, DerivationError(
            f"{_where(problem)}{problem.id}/{t.name}: the expression is nested too deeply to derive"
        )
    except Exception as exc:  # SymPy's own limits: named, never a traceback
        return False, DerivationError(
            f"{_where(problem)}{problem.id}/{t.name}: cannot derive it "
            f"({type(exc).__name__}: {exc})"
        )


#: derivations this process has, by (problem id, id(problem), target names, cache folder)
_DONE: dict = {}


def _where(problem) -> str:
    return f"{problem.path}: " if problem.path else ""


def stable_srepr(expr) -> str:
    """``srepr`` with SymPy's per-process dummy numbers replaced by their order of
    appearance, so that the same result prints the same in every run."""
    seen: dict[str, str] = {}

    def number(m):
        return "dummy_index=" + seen.setdefault(m.group(1), str(len(seen)))

    return re.sub(r"dummy_index=(\d+)", number, sp.srepr(expr))
