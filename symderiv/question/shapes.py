r"""Shapes from how quantities are used: each one a scalar, a column vector or a matrix, with
symbolic sizes made equal where a product, a sum or a function needs them equal.

What a letter is, when nothing pins it (``--shape``), follows the usual convention, and
the uses decide between the readings it allows:

* an upper-case letter (W, X, Σ) is a matrix, else a scalar;
* a lower-case Latin letter (x, b, h) is a column vector, else a scalar;
* a Greek lower-case letter (λ, α, θ) is a scalar, else a column vector.

Where two readings depart from it equally, the one in which what is differentiated (the
quantity of ``--wrt``, or of ∂) is a scalar is taken, if there is one such: a loss is a
number.

Every reading of the letters is tried, the fewest departures from the convention first; a
scalar added to a vector is in each entry (x − μ, 1 − p), and where the scalar is a letter
whose kind is a reading, that counts as one and a half departures (γ ⊙ x̂ + β: β a vector).
One reading that fits all uses at the least cost is the answer; none is an error naming the
first use that fails; two or more that fit equally well are an error naming the letters in
doubt and how to pin them (``--shape 'x: n'``, ``--shape 'c: scalar'``). Sizes are named n,
m, p, q, … in the order the quantities appear, columns first (W x: W is m×n, x is n), unless
pinned; a pinned size written as a quantity is that size (``x: n``, then ``\frac{1}{n}
\mathbf{1}^\top x``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy as sp

from .grammar import AskError, Call, Define, Deriv, Name, Norm, Num, Op, Relation, Solve

ONE = 0  # the dimension 1; every other dimension is a size, never 1

#: how many readings are tried at most (the letters of an ask are few)
MAX_READINGS = 4096


class _Misfit(Exception):
    def __init__(self, why: str):
        self.why = why
        self.node = None  # the use that does not fit (its line, in an exercise file)


class Dims:
    """Union-find over dimensions; a class may be bound to a size (a symbol or a number)."""

    def __init__(self):
        self.parent = [0]
        self.bound: dict[int, object] = {0: sp.S.One}

    def new(self, size=None) -> int:
        self.parent.append(len(self.parent))
        d = len(self.parent) - 1
        if size is not None:
            if size == 1:
                self.parent[d] = ONE
            else:
                self.bound[d] = size
        return d

    def find(self, d: int) -> int:
        while self.parent[d] != d:
            self.parent[d] = self.parent[self.parent[d]]
            d = self.parent[d]
        return d

    def same(self, a: int, b: int, why: str) -> None:
        a, b = self.find(a), self.find(b)
        if a == b:
            return
        if ONE in (a, b):
            raise _Misfit(why)
        ba, bb = self.bound.get(a), self.bound.get(b)
        if ba is not None and bb is not None and ba != bb:
            raise _Misfit(why)
        self.parent[b] = a
        if bb is not None:
            self.bound[a] = bb

    def is_one(self, d: int) -> bool:
        return self.find(d) == ONE


@dataclass
class Shape:
    rows: int
    cols: int


KINDS = ("scalar", "vector", "matrix")


def default_kinds(name: str) -> tuple[str, ...]:
    """The readings a name allows, the conventional one first."""
    base = name.lstrip("\\")
    for accent in ("hat{", "tilde{", "bar{", "vec{", "widehat{", "widetilde{", "overline{"):
        if base.startswith(accent):
            base = base[len(accent) :].lstrip("\\")
    letter = base[:1]
    word = base.split("_")[0].split("^")[0].split("{")[0]
    if len(word) > 1:  # a Greek letter
        return ("matrix", "scalar") if word[:1].isupper() else ("scalar", "vector")
    if letter.isupper():
        return ("matrix", "scalar")
    return ("vector", "scalar")


class Inference:
    """The shapes of one ask's quantities: ``leaves`` (name → kind), ``shape`` (name → Shape)."""

    def __init__(self, items: list, pinned: dict, asked: tuple = ()):
        self.items = items
        self.asked = asked  # what is differentiated: a scalar, where readings tie
        self.pinned = pinned  # name → ("scalar",) | (rows, cols) sizes
        self.defined = {it.name.name for it in items if isinstance(it, Define)}
        self.leaves = _leaves(items, self.defined)
        # a pinned size written as a quantity (x: n, then \frac{1}{n}) is that size
        self.sizes = {str(d) for p in pinned.values() for d in p if isinstance(d, sp.Symbol)}

    def solve(self) -> tuple[Dims, dict, dict]:
        """(dims, shape of every name, shape of every node id) of the one reading that fits."""
        free = [n for n in self.leaves if n not in self.pinned and n not in self.sizes]
        options = [default_kinds(n) for n in free]
        total = 1
        for o in options:
            total *= len(o)
        if total > MAX_READINGS:
            raise AskError(
                f"too many quantities of unknown shape ({len(free)}): pin some with --shape"
            )
        readings = sorted(
            itertools.product(*[range(len(o)) for o in options]), key=lambda r: (sum(r), r)
        )
        found, first_misfit, best = [], None, None
        for r in readings:  # cost: departures from the convention (2 each), and letters
            if best is not None and 2 * sum(r) > best:  # broadcast (3 each: a vector β in
                break  # γ ⊙ x̂ + β before a scalar β added to each entry)
            kinds = {n: options[k][r[k]] for k, n in enumerate(free)}
            try:
                solved = self._try(kinds)
            except _Misfit as m:
                first_misfit = first_misfit or m
                continue
            cost = 2 * sum(r) + 3 * self._broadcasts
            if best is None or cost < best:
                found, best = [], cost
            if cost == best:
                found.append((kinds, solved))
        if not found:
            err = AskError(f"the shapes do not fit: {first_misfit.why}")
            err.node = first_misfit.node
            raise err
        if len(found) > 1:  # a loss is a scalar: the one reading where it is, if one
            scalar = [f for f in found if self._asked_scalar(*f[1])]
            found = scalar if len(scalar) == 1 else found
        if len(found) > 1:
            doubt = sorted(n for n in free if len({f[0][n] for f in found}) > 1)
            ways = " or ".join(", ".join(f"{n} a {f[0][n]}" for n in doubt) for f in found[:3])
            raise AskError(
                f"the shapes are ambiguous: {ways}; pin them, e.g. --shape '{doubt[0]}: scalar'"
            )
        return found[0][1]

    def _sure(self, e) -> bool:
        """Is e a scalar whatever the reading: a number, a defined or pinned scalar, a norm,
        a trace, a determinant? Such a scalar added to a vector is in each entry (x − μ);
        a letter whose kind is only a reading is not (x + a: a vector, or a scalar?)."""
        if isinstance(e, Num | Norm):
            return True
        if isinstance(e, Name):
            return e.name in self.sizes or self.pinned.get(e.name) == ("scalar",)
        if isinstance(e, Call):
            return e.fn in ("tr", "det") or (e.fn != "softmax" and self._sure(e.arg))
        if isinstance(e, Op):
            return all(self._sure(a) for a in e.args)
        return False

    def _asked_scalar(self, dims: Dims, names: dict, nodes: dict) -> bool:
        def one(s):
            return dims.is_one(s.rows) and dims.is_one(s.cols)

        shapes = [names.get(a) if isinstance(a, str) else nodes.get(id(a)) for a in self.asked]
        return bool(shapes) and all(s is not None and one(s) for s in shapes)

    def _try(self, kinds: dict):
        dims = Dims()
        self._broadcasts = 0
        names: dict[str, Shape] = {}
        for n in self.leaves:
            names[n] = self._leaf_shape(dims, n, kinds)
        nodes: dict[int, Shape] = {}
        for it in _in_order(self.items, self.defined):
            if isinstance(it, Define):
                s = self._shape(it.expr, dims, names, nodes)
                if it.name.name in self.pinned:
                    p = self._leaf_shape(dims, it.name.name, kinds)
                    dims.same(p.rows, s.rows, f"{it.name.name} is pinned to another shape")
                    dims.same(p.cols, s.cols, f"{it.name.name} is pinned to another shape")
                names[it.name.name] = s
            else:
                self._shape(it, dims, names, nodes)
        return dims, names, nodes

    def _leaf_shape(self, dims: Dims, n: str, kinds: dict) -> Shape:
        if n in self.sizes and n not in self.pinned:
            return Shape(ONE, ONE)
        if n in self.pinned:
            p = self.pinned[n]
            if p == ("scalar",):
                return Shape(ONE, ONE)
            return Shape(dims.new(p[0]), dims.new(p[1]))
        kind = kinds[n]
        if kind == "scalar":
            return Shape(ONE, ONE)
        if kind == "vector":
            return Shape(dims.new(), ONE)
        return Shape(dims.new(), dims.new())

    def _shape(self, e, dims: Dims, names: dict, nodes: dict) -> Shape:
        try:
            s = self._shape_of(e, dims, names, nodes)
        except _Misfit as m:
            m.node = m.node or e
            raise
        nodes[id(e)] = s
        return s

    def _shape_of(self, e, dims, names, nodes) -> Shape:
        def sh(x):
            return self._shape(x, dims, names, nodes)

        def scalar(s):
            return dims.is_one(s.rows) and dims.is_one(s.cols)

        if isinstance(e, Num):
            return Shape(ONE, ONE)
        if isinstance(e, Name):
            if e.name in names:
                return names[e.name]
            if e.name == "I":
                d = dims.new()
                return Shape(d, d)
            if e.name.startswith(r"\mathbf{1}"):
                return Shape(dims.new(), ONE)
            raise AskError(f"{e.name} is used before it is defined")  # (the order is checked)
        if isinstance(e, Op):
            if e.op == "neg":
                return sh(e.args[0])
            if e.op in ("T", "invT"):
                a = sh(e.args[0])
                if e.op == "invT":
                    dims.same(a.rows, a.cols, f"({_tex(e.args[0])})^{{-T}} of a non-square matrix")
                return Shape(a.cols, a.rows)
            if e.op == "inv":
                a = sh(e.args[0])
                dims.same(a.rows, a.cols, f"({_tex(e.args[0])})^{{-1}} of a non-square matrix")
                return a
            if e.op == "pow":
                a, p = sh(e.args[0]), sh(e.args[1])
                if not scalar(p):
                    raise _Misfit(f"the exponent of {_tex(e.args[0])} is not a scalar")
                if scalar(a) or isinstance(e.args[0], Norm):
                    return Shape(ONE, ONE)
                dims.same(a.rows, a.cols, f"a power of the non-square {_tex(e.args[0])}")
                return a
            a, b = sh(e.args[0]), sh(e.args[1])
            if e.op in ("+", "-") and scalar(a) != scalar(b):  # 1 - p, x - μ: the scalar in
                if not self._sure(e.args[scalar(b)]):  # each entry; a letter read as a scalar
                    self._broadcasts += 1  # for it counts as a departure from the convention
                return b if scalar(a) else a
            if e.op in ("+", "-", "odot"):
                if scalar(a) != scalar(b):  # (+ and − returned above)
                    raise _Misfit("multiplies entrywise a scalar and a vector or matrix")
                return _same_shape(dims, a, b, f"{_tex(e.args[0])} and {_tex(e.args[1])}")
            if e.op == "/":
                if scalar(b):
                    return a
                return _same_shape(dims, a, b, f"{_tex(e.args[0])} / {_tex(e.args[1])}:")
            if e.op == "*":
                if scalar(a):
                    return b
                if scalar(b):
                    return a
                dims.same(a.cols, b.rows, f"{_tex(e.args[0])} {_tex(e.args[1])}: sizes differ")
                return Shape(a.rows, b.cols)
        if isinstance(e, Call):
            a = sh(e.arg)
            if e.fn in ("tr", "det"):
                dims.same(a.rows, a.cols, f"\\{e.fn} of a non-square {_tex(e.arg)}")
                return Shape(ONE, ONE)
            if e.fn == "softmax":
                if not dims.is_one(a.cols) or scalar(a):
                    raise _Misfit(f"softmax of {_tex(e.arg)}, not a vector")
                return a
            if e.fn == "diag":
                if not dims.is_one(a.cols) or scalar(a):
                    raise _Misfit(f"diag of {_tex(e.arg)}, not a vector")
                return Shape(a.rows, a.rows)
            return a  # entrywise
        if isinstance(e, Norm):
            a = sh(e.arg)
            if scalar(a):
                raise _Misfit(f"the norm of the scalar {_tex(e.arg)}")
            if e.kind == "2" and not dims.is_one(a.cols):
                raise _Misfit(f"‖{_tex(e.arg)}‖ of a matrix: write ‖·‖_F")
            return Shape(ONE, ONE)
        if isinstance(e, Solve):
            return sh(e.deriv)
        if isinstance(e, Relation):
            sides = f"the two sides of {_tex(e.lhs)} = {_tex(e.rhs)}"
            _same_shape(dims, sh(e.lhs), sh(e.rhs), sides)
            return Shape(ONE, ONE)
        if isinstance(e, Deriv):
            of = sh(e.of)
            for x in e.wrt:
                sh(x)
            if not dims.is_one(of.cols):
                raise _Misfit(f"∂ of the matrix {_tex(e.of)}: differentiate a scalar or a vector")
            return Shape(ONE, ONE)
        raise AskError(f"cannot read {e!r}")  # pragma: no cover - every node is above


def _same_shape(dims: Dims, a: Shape, b: Shape, what: str) -> Shape:
    dims.same(a.rows, b.rows, f"{what} differ in shape")
    dims.same(a.cols, b.cols, f"{what} differ in shape")
    return a


def _tex(e) -> str:
    if isinstance(e, Name):
        return e.name
    if isinstance(e, Num):
        return e.text
    return "(…)"


def walk(e):
    yield e
    if isinstance(e, Op):
        for a in e.args:
            yield from walk(a)
    elif isinstance(e, Call | Norm):
        yield from walk(e.arg)
    elif isinstance(e, Deriv):
        if e.of is not None:
            yield from walk(e.of)
        for x in e.wrt:
            yield from walk(x)
    elif isinstance(e, Define):
        yield from walk(e.expr)
    elif isinstance(e, Solve):
        yield from walk(e.deriv)
    elif isinstance(e, Relation):
        yield from walk(e.lhs)
        yield from walk(e.rhs)


def _builtin(name: str) -> bool:
    return name == "I" or name.startswith(r"\mathbf{1}")


def _leaves(items, defined) -> list[str]:
    out = []
    for it in items:
        for node in walk(it):
            if isinstance(node, Name) and not (node.name in defined or _builtin(node.name)):
                out += [node.name] if node.name not in out else []
    return out


def _in_order(items, defined) -> list:
    """Definitions after what they use (a cycle is an error); then the other items."""
    defs = {it.name.name: it for it in items if isinstance(it, Define)}
    names = [it.name.name for it in items if isinstance(it, Define)]
    twice = [n for n in defs if names.count(n) > 1]
    if twice:
        raise AskError(f"{twice[0]} is defined twice")
    done, out, visiting = set(), [], set()

    def visit(name):
        if name in done:
            return
        if name in visiting:
            raise AskError(f"{name} is defined in terms of itself")
        visiting.add(name)
        for node in walk(defs[name].expr):
            if isinstance(node, Name) and node.name in defs:
                visit(node.name)
        visiting.discard(name)
        done.add(name)
        out.append(defs[name])

    for it in items:
        if isinstance(it, Define):
            visit(it.name.name)
    return out + [it for it in items if not isinstance(it, Define)]
