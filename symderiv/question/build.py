r"""An ask made a problem: its quantities as SymPy matrices of the inferred shapes, its
definitions, and a target for each derivative asked; the engine derives it like any spec."""

from __future__ import annotations

import re
from dataclasses import replace

import sympy as sp

from ..ops import Stationary
from ..ops.functions import sigmoid
from ..spec import Definition, Problem, Source, Target
from .grammar import AskError, Call, Define, Deriv, Name, Norm, Num, Op, Relation, Solve
from .shapes import ONE, Dims, Inference, _in_order

SIZE_NAMES = ("n", "m", "p", "q", "r", "s", "k", "l", "d", "h")
_ELEMENTWISE = {"sigma": sigmoid, "tanh": sp.tanh, "exp": sp.exp, "log": sp.log,
                "sqrt": sp.sqrt, "abs": sp.Abs, "relu": lambda u: sp.Max(0, u)}  # fmt: skip


class Builder:
    def __init__(self, items: list, pinned: dict, wrt: tuple = ()):
        self.items = items
        self.inference = Inference(items, pinned, _asked(items, wrt))
        self.dims, self.shapes, self.nodes = self.inference.solve()
        self.sizes = self._name_sizes(pinned)
        self.values: dict[str, sp.Basic] = {}
        self.extra: list = []  # definitions of the names given to arguments (z = Wx + b)
        # the argument of σ or tanh that is a whole definition (h = σ(Wx + b)) keeps its
        # form: the engine writes σ'(…) through h itself, h ∘ (1 − h)
        self.whole = {id(it.expr.arg) for it in items if isinstance(it, Define) and
                      isinstance(it.expr, Call) and it.expr.fn in ("sigma", "tanh")}  # fmt: skip
        for n, s in self.shapes.items():
            self.values[n] = self._quantity(n, s)
            if n in self.inference.sizes and n not in pinned:  # \frac{1}{n}: x's size n
                self.values[n] = sp.Symbol(n, integer=True, positive=True)
        self.wrt = wrt

    # sizes and quantities
    def _name_sizes(self, pinned) -> dict[int, sp.Basic]:
        taken = {n for n in self.shapes} | {
            str(s) for p in pinned.values() for s in p if isinstance(s, sp.Symbol)
        }
        names = iter(n for n in SIZE_NAMES if n not in taken)
        out: dict[int, sp.Basic] = {ONE: sp.S.One}
        for root, size in self.dims.bound.items():
            out[self.dims.find(root)] = size
        for n in self.inference.leaves + [d for d in self.shapes if d not in self.inference.leaves]:
            s = self.shapes[n]
            for d in (s.cols, s.rows):
                r = self.dims.find(d)
                if r not in out:
                    try:
                        out[r] = sp.Symbol(next(names), integer=True, positive=True)
                    except StopIteration:
                        raise AskError("too many sizes: pin some with --shape") from None
        return out

    def size(self, d: int) -> sp.Basic:
        r = self.dims.find(d)
        if r not in self.sizes:  # a size only an intermediate has (I of a product)
            taken = {str(v) for v in self.sizes.values()} | set(self.shapes)
            name = next(n for n in SIZE_NAMES if n not in taken)
            self.sizes[r] = sp.Symbol(name, integer=True, positive=True)
        return self.sizes[r]

    def shape_of(self, name: str) -> tuple:
        s = self.shapes[name]
        return self.size(s.rows), self.size(s.cols)

    def _quantity(self, name: str, s) -> sp.Basic:
        rows, cols = self.size(s.rows), self.size(s.cols)
        if rows == 1 and cols == 1:
            return sp.Symbol(name, real=True)
        return sp.MatrixSymbol(name, rows, cols)

    # expressions
    def value(self, e) -> sp.Basic:
        v = self._value(e)
        if isinstance(v, sp.MatrixExpr) and v.shape == (1, 1):
            return v[0, 0]
        return v

    def _value(self, e):
        if isinstance(e, Num):
            return sp.Rational(e.text)  # (0.5 is 1/2: exact)
        if isinstance(e, Name):
            if e.name in self.values:
                return self.values[e.name]
            s = self.nodes[id(e)]
            if e.name == "I":
                return sp.Identity(self.size(s.rows))
            return sp.OneMatrix(self.size(s.rows), 1)
        if isinstance(e, Op):
            return self._op(e)
        if isinstance(e, Call):
            return self._call(e)
        if isinstance(e, Norm):
            return self._norm(e, None)
        raise AskError("a derivative inside an expression: ask it as an item of its own")

    def _op(self, e):
        op = e.op
        if op == "pow" and isinstance(e.args[0], Norm):
            return self._norm(e.args[0], self.value(e.args[1]))
        vals = [self.value(a) for a in e.args]
        mat = [isinstance(v, sp.MatrixExpr) for v in vals]
        if op == "neg":
            return -vals[0]
        if op == "T":
            return vals[0].T if mat[0] else vals[0]
        if op == "inv":
            return _inverse(vals[0]) if mat[0] else 1 / vals[0]
        if op == "invT":
            return _inverse(vals[0]).T if mat[0] else 1 / vals[0]
        a, b = vals
        if op in ("+", "-") and mat[0] != mat[1]:  # 1 - p: the number in every entry
            a, b = (a * sp.OneMatrix(*b.shape), b) if mat[1] else (a, b * sp.OneMatrix(*a.shape))
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "odot":
            return sp.HadamardProduct(a, b) if mat[0] else a * b
        if op == "/":
            if not mat[1]:
                return a / b if not mat[0] else (1 / b) * a
            u = sp.Dummy("u")
            return sp.HadamardProduct(a, b.applyfunc(sp.Lambda(u, 1 / u)))
        if op == "pow":
            if mat[0]:
                if not (b.is_Integer and b > 0):
                    raise AskError("a power of a matrix: a positive whole number only")
                return sp.MatPow(a, b)
            return a**b
        raise AskError(f"cannot build {op}")  # pragma: no cover

    def _named(self, e, v):
        """A product inside σ(…), exp(…), softmax(…) given a name of its own (z = Wx + b), as
        a course names a pre-activation: the engine writes σ'(z) entry by entry."""
        if isinstance(e, Name) or not _has_product(v) or id(e) in self.whole:
            return v
        taken = set(self.values) | {str(s) for s in self.sizes.values()}
        name = next(
            n for n in ("z", "a", "u", "v", "s", *(f"z_{{{k}}}" for k in range(1, 99)))
            if n not in taken
        )  # fmt: skip
        self.shapes[name] = self.nodes[id(e)]
        q = self.values[name] = self._quantity(name, self.shapes[name])
        self.extra.append(Definition(q, v, name))
        return q

    def _call(self, e):
        v = self.value(e.arg)
        mat = isinstance(v, sp.MatrixExpr)
        if mat and e.fn in (*_ELEMENTWISE, "softmax") and e.fn != "abs":
            v = self._named(e.arg, v)
        if e.fn in _ELEMENTWISE:
            f = _ELEMENTWISE[e.fn]
            if not mat:
                return f(v)
            u = sp.Dummy("u", real=True)
            return v.applyfunc(sp.Lambda(u, f(u)))
        if e.fn == "tr":
            return sp.Trace(v) if mat else v
        if e.fn == "det":
            return _det(v) if mat else v
        if e.fn == "softmax":
            u = sp.Dummy("u", real=True)
            ex = v.applyfunc(sp.Lambda(u, sp.exp(u)))
            total = (sp.OneMatrix(1, v.shape[0]) * ex)[0, 0]
            return (1 / total) * ex
        if e.fn == "diag":
            return sp.DiagMatrix(v)
        raise AskError(f"unknown function {e.fn}")  # pragma: no cover

    def _norm(self, e: Norm, power):
        """‖v‖² as Σ_r v_r² (one sum: the engine assembles its derivative), ‖A‖_F² alike."""
        v = self.value(e.arg)
        rows, cols = v.shape
        sq = (sp.OneMatrix(1, rows) * sp.HadamardProduct(v, v) * sp.OneMatrix(cols, 1))[0, 0]
        if power is None:
            return sp.sqrt(sq)
        if power == 2:
            return sq
        return sq ** (power / 2)


def _has_product(v) -> bool:
    """Is there a product of matrices in v (W x, not 1 − p)? Such an argument is named."""
    return isinstance(v, sp.MatrixExpr) and any(
        isinstance(q, sp.MatMul) and sum(isinstance(a, sp.MatrixExpr) for a in q.args) > 1
        for q in sp.preorder_traversal(v)
    )


def _asked(items: list, wrt: tuple) -> tuple:
    """What is differentiated: the quantity of each ∂ written, and with --wrt the last item."""
    out = [it.of for it in items if isinstance(it, Deriv)]
    out += [it.deriv.of for it in items if isinstance(it, Solve)]
    last = items[-1] if items else None
    if wrt and isinstance(last, Define):
        out.append(last.name.name)
    elif wrt and last is not None and not isinstance(last, Deriv):
        out.append(last)
    return tuple(out)


def _square_factors(v) -> list | None:
    """The factors of a product of square matrices (with its number in front), else None."""
    if isinstance(v, sp.MatMul):
        mats = [a for a in v.args if isinstance(a, sp.MatrixExpr)]
        if all(m.shape[0] == m.shape[1] for m in mats):
            return mats
    return None


def _det(v):
    """det of a product of square matrices is the product of their dets; det Xᵀ = det X."""
    if isinstance(v, sp.Transpose):
        return _det(v.arg)
    mats = _square_factors(v)
    if mats is not None:
        coeff = sp.Mul(*[a for a in v.args if not isinstance(a, sp.MatrixExpr)])
        return coeff ** v.shape[0] * sp.Mul(*[_det(m) for m in mats])
    if not isinstance(v, sp.MatrixSymbol):
        raise AskError(_not_given("det", v))
    return sp.Determinant(v)


def _inverse(v):
    """(AB)⁻¹ = B⁻¹A⁻¹ for square factors, (Xᵀ)⁻¹ = (X⁻¹)ᵀ; any other: as it is."""
    if isinstance(v, sp.Transpose):
        return _inverse(v.arg).T
    mats = _square_factors(v)
    if mats is not None:
        coeff = sp.Mul(*[a for a in v.args if not isinstance(a, sp.MatrixExpr)])
        return (1 / coeff) * sp.MatMul(*[_inverse(m) for m in reversed(mats)])
    if not isinstance(v, sp.MatrixSymbol):
        raise AskError(_not_given("inverse", v))
    return v.I


def _not_given(what: str, v) -> str:
    mats = sorted({m.name for m in v.atoms(sp.MatrixSymbol)})
    pins = " ".join(f"--shape '{m}: n×n'" for m in mats)
    return (
        f"the {what} of {sp.sstr(v)}: derived of a given matrix, or of a product of square "
        f"ones, only; if they are square, say so: {pins}"
    )


def _ident(tex: str) -> str:
    """A name for the command line and a target: W^{(1)} → W1, \\hat{y} → yhat."""
    t = re.sub(r"\\(hat|tilde|bar|vec)\{(.*?)\}", r"\2\1", tex)
    t = re.sub(r"\\", "", t)
    return re.sub(r"[^A-Za-z0-9]", "", t) or "q"


def problem_of(text: str, items: list, pinned: dict, wrt: tuple[str, ...], meta=None) -> tuple:
    """(the Problem, {name: (rows, cols)}, {name: its definition as read, matrix-level}).

    ``meta`` (an exercise file's): the Problem's fields (id, title, source, statement,
    aliases, claims, path) and ``names``, {id(Deriv): (target name, title)}."""
    meta = dict(meta or {})
    given_names = meta.pop("names", {})
    b = Builder(items, pinned, wrt)
    defined = {it.name.name for it in items if isinstance(it, Define)}
    definitions, asked = [], []
    for it in _in_order(items, defined):
        if isinstance(it, Define):
            rhs = b.value(it.expr)
            lhs = b.values[it.name.name]
            definitions += b.extra
            b.extra.clear()
            definitions.append(Definition(lhs, rhs, it.name.name))
        elif isinstance(it, Deriv | Solve):
            asked.append(it)
    plain = [it for it in items if not isinstance(it, Define | Deriv | Relation | Solve)]
    assumptions = tuple(
        sp.Eq(b.value(it.lhs), b.value(it.rhs)) for it in items if isinstance(it, Relation)
    )
    last = ([None] + [it for it in items if not isinstance(it, Relation)])[-1]
    targets = []

    def named_value(e, hint: str) -> tuple[str, sp.Basic]:
        """What a derivative is of: a name as it is, an expression given a name of its own."""
        if isinstance(e, Name) and e.name in b.values:
            return e.name, b.values[e.name]
        v = b.value(e)
        definitions.extend(b.extra)
        b.extra.clear()
        name = next(n for n in (hint, "f", "g", "F", "u", "v") if n not in b.values)
        s = b.nodes[id(e)]
        q = b._quantity(name, s)
        b.values[name] = q
        b.shapes[name] = s
        definitions.append(Definition(q, v, name))
        return name, q

    for d in asked:
        solve, d = (d, d.deriv) if isinstance(d, Solve) else (None, d)
        of_name, of = named_value(d.of, "f")
        t = _target(b, of_name, of, [x.name for x in d.wrt])
        if solve is not None:
            t = _stationary(b, t, of_name, of, d.wrt)
            d = solve
        if id(d) in given_names:
            name, title = given_names[id(d)]
            t = replace(t, name=name, title=title or t.title)
        targets.append(t)
    if wrt:
        if plain:
            of_name, of = named_value(plain[-1], "f")
        elif isinstance(last, Define):
            of_name, of = last.name.name, b.values[last.name.name]
        else:
            raise AskError("--wrt needs something to differentiate: end with it (L = …)")
        for x in wrt:
            targets.append(_target(b, of_name, of, [x]))
    elif plain:
        raise AskError(
            "what should be differentiated, and by what? add --wrt NAME, or write "
            r"\frac{\partial f}{\partial x}"
        )
    if not targets:
        raise AskError(r"nothing to derive: add --wrt NAME, or ask \frac{\partial L}{\partial W}")
    names = [t.name for t in targets]
    if len(set(names)) != len(names):
        raise AskError("the same derivative is asked twice")
    shapes = {n: b.shape_of(n) for n in b.values if n not in b.inference.sizes}
    read = {str(d.name): d.rhs for d in definitions}  # (before the Problem lowers them)
    statement = _statement(text, shapes)
    fields = {
        "id": "ask",
        "title": "; ".join(t.title for t in targets),
        "source": Source("symderiv ask", text.strip()),
        "statement": statement,
        **meta,
    }
    problem = Problem(
        assumptions=assumptions,
        definitions=tuple(definitions),
        targets=tuple(targets),
        notation={n: v for n, v in b.values.items()},
        **fields,
    )
    return problem, shapes, read


def _stationary(b: Builder, t: Target, of_name: str, of, wrt) -> Target:
    """Where ∂f/∂x = 0, solved for x: a scalar f, by one x."""
    x = wrt[0].name
    if len(wrt) != 1 or b.shape_of(of_name) != (1, 1):
        raise AskError(f"a stationary point: of a scalar, by one quantity (∇_{x} {of_name} = 0)")
    title = f"{x}* where ∂{of_name}/∂{x} = 0"
    return Target(f"{_ident(x)}_star", Stationary(of, b.values[x]), title)


def _target(b: Builder, of_name: str, of, wrt: list[str]) -> Target:
    for x in wrt:
        if x not in b.values:
            raise AskError(f"--wrt {x}: no quantity {x} in the ask")
    xs = [b.values[x] for x in wrt]
    of_shape = b.shape_of(of_name)
    if of_shape != (1, 1) and (len(xs) > 1 or b.shape_of(wrt[0])[1] != 1):
        raise AskError(
            f"∂{of_name}/∂{wrt[0]} has more than two indices: differentiate a scalar of "
            f"{of_name} (L = …), or by a vector"
        )
    if len(xs) == 2 and (xs[0] != xs[1] or b.shape_of(wrt[0])[1] != 1):
        raise AskError("a second derivative: twice by the same vector (the Hessian)")
    name = f"d{_ident(of_name)}_d{_ident(wrt[0])}" if len(xs) == 1 else (
        f"d2{_ident(of_name)}_d{_ident(wrt[0])}2"
    )  # fmt: skip
    title = f"∂{of_name}/∂{wrt[0]}" if len(xs) == 1 else f"∂²{of_name}/∂{wrt[0]}∂{wrt[0]}ᵀ"
    return Target(name, sp.Derivative(of, *xs), title)


def _statement(text: str, shapes: dict) -> str:
    parts = []
    for n, (r, c) in shapes.items():
        if (r, c) == (1, 1):
            continue
        space = rf"\mathbb{{R}}^{{{sp.latex(r)}}}" if c == 1 else (
            rf"\mathbb{{R}}^{{{sp.latex(r)} \times {sp.latex(c)}}}"
        )  # fmt: skip
        parts.append(rf"${n} \in {space}$")
    given = ", ".join(parts)
    return (given + ". " if given else "") + f"${text.strip()}$"


__all__ = ["Builder", "Dims", "problem_of"]
