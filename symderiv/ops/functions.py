"""Named functions of the course notation, as SymPy functions that stay symbolic.

``sigmoid`` keeps its derivative unevaluated (printed σ'(u)) so that a derivation
can show the chain rule first and apply the identity σ' = σ(1 − σ) as a named step.
"""

from __future__ import annotations

import sympy as sp


class sigmoid(sp.Function):  # lower case, as SymPy names its functions
    """The logistic sigmoid σ(u) = 1 / (1 + e^{−u})."""

    nargs = 1

    def fdiff(self, argindex=1):
        u = sp.Dummy("u")
        return sp.Subs(sp.Derivative(sigmoid(u), u), u, self.args[0])

    def _eval_derivative_n_times(self, s, n):
        """σ'' and beyond through σ' = σ(1 − σ) (σ' itself stays σ'; SymPy's default would
        differentiate the unevaluated σ' again and again without end)."""
        if n == 1:
            return super()._eval_derivative_n_times(s, n)
        return sigmoid_prime_identity(self.diff(s)).diff((s, n - 1))

    def _eval_rewrite_as_exp(self, u, **kwargs):
        return 1 / (1 + sp.exp(-u))

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_positive(self):
        return True if self.args[0].is_real else None

    def _eval_evalf(self, prec):
        return (1 / (1 + sp.exp(-self.args[0])))._eval_evalf(prec)


def _prime_point(node):
    """The point a of σ'(a) if ``node`` is σ' written as Subs or Derivative, else None."""
    if isinstance(node, sp.Subs):
        inner, variables, points = node.args
        if (
            isinstance(inner, sp.Derivative)
            and isinstance(inner.expr, sigmoid)
            and len(variables) == 1
            and inner.variables == (variables[0],)
            and inner.expr.args[0] == variables[0]
        ):
            return points[0]
    if (
        isinstance(node, sp.Derivative)
        and isinstance(node.expr, sigmoid)
        and node.variables == (node.expr.args[0],)
    ):
        return node.expr.args[0]
    return None


def sigmoid_prime_identity(expr: sp.Expr) -> sp.Expr:
    """Replace every σ'(a) in ``expr`` by σ(a)(1 − σ(a))."""
    found = {}
    for node in sp.preorder_traversal(expr):
        a = _prime_point(node)
        if a is not None and not any(node.has(f) for f in found):
            found[node] = sigmoid(a) * (1 - sigmoid(a))
    return expr.xreplace(found) if found else expr


def to_elementary(expr: sp.Expr) -> sp.Expr:
    """Rewrite the notation's named functions as elementary ones (σ → 1/(1+e^{−u}))."""
    expr = sigmoid_prime_identity(expr)
    return expr.replace(lambda e: isinstance(e, sigmoid), lambda e: 1 / (1 + sp.exp(-e.args[0])))


def diff(expr: sp.Expr, var) -> sp.Expr:
    """∂expr/∂var, a ReLU's derivative taken as 0 at its kink (a subgradient, the value
    PyTorch and JAX use): SymPy writes d max(0, a)/da as Heaviside(a), which is ½ at a = 0,
    yet every answer key (ours printed included) writes 1[a > 0]. With the value at 0 stated,
    the printed key and the derived expression are the same function."""
    d = sp.diff(expr, var)
    if not d.has(sp.Heaviside):
        return d
    return d.replace(
        lambda e: isinstance(e, sp.Heaviside) and e.args[1:] in ((), (sp.S.Half,)),
        lambda e: sp.Heaviside(e.args[0], 0),
    )


class unit_step(sp.Function):
    """u(n), the discrete unit step: 1 for n ≥ 0, else 0 (Heaviside with u(0) = 1); a
    notation entry for exercises whose statement writes u(n)."""

    nargs = 1

    @classmethod
    def eval(cls, n):
        return sp.Heaviside(n, 1)


class Upstream(sp.Function):
    """A loss downstream of every entry of a vector: L = Upstream(y) means L(y_1, …, y_n).

    Its partials ∂L/∂y_j are the upstream gradients, kept as they are (a backward pass is
    written in terms of them).
    """

    nargs = 1


def gradient_base(loss: sp.Symbol, base: sp.IndexedBase) -> sp.IndexedBase:
    """The upstream gradients ∂L/∂y_j as one indexed quantity (entry j is ∂L/∂y_j).

    An entry is an ``Indexed`` (not a ``Derivative``) so that sums over j treat it as
    depending on j; SymPy's ``Derivative(L, y[j])`` does not list j among its free symbols.
    """
    # a label given as text: IndexedBase(Symbol(…), real=True) loses "real" when pickled
    # (SymPy keeps the assumptions on the base, not its label), and the sandbox pickles
    return sp.IndexedBase(f"\\partial {loss}/\\partial {base.label}", real=True)


def gradient_parts(name: str) -> tuple[str, str] | None:
    """("L", "y") for the label of ``gradient_base(L, y)``, else None."""
    if name.startswith("\\partial ") and "/\\partial " in name:
        top, bottom = name[len("\\partial ") :].split("/\\partial ", 1)
        return top, bottom
    return None
