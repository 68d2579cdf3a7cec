"""The expression printer: a SymPy ``LatexPrinter`` that writes the course's notation.

σ'(ỹ_k) for derivatives of one-argument functions, ∂f_3(y, θ_3)/∂y for partials of
abstract functions, W_{ij} for indexed entries, δ_{ki}, diag(·), e_k and Iₙ.
"""

from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter

from .functions import gradient_parts, sigmoid
from .matrices import BasisVector, JacobianSymbol


def _is_named_function(e) -> bool:
    return isinstance(e, AppliedUndef | sigmoid)


def _is_derivative_factor(f) -> bool:
    if isinstance(f, sp.Derivative):
        return True
    return isinstance(f, sp.Subs) and isinstance(f.args[0], sp.Derivative)


def _has_derivative(f) -> bool:
    return any(_is_derivative_factor(a) for a in sp.preorder_traversal(f))


def _derivative_order(f):
    """Sort key: the name of the differentiated function (f_3 > f_2 > f_1; σ' first)."""
    if not _is_derivative_factor(f):
        found = [a for a in sp.preorder_traversal(f) if _is_derivative_factor(a)]
        return max(_derivative_order(a) for a in found)
    inner = f.args[0] if isinstance(f, sp.Subs) else f
    g = inner.expr
    if isinstance(g, sigmoid):
        return (2, "")
    if isinstance(g, AppliedUndef):
        return (1, str(g.func))
    return (0, str(g))


def _is_bracket(e) -> bool:
    """Piecewise((v, c), (0, True)): v times the Iverson bracket [c]."""
    return len(e.args) == 2 and e.args[1].cond is sp.true and e.args[1].expr == 0


_ACCENTS = frozenset(["hat", "tilde", "bar", "vec", "widehat", "widetilde", "mathbf", "boldsymbol"])


class NotationPrinter(LatexPrinter):
    """Prints expressions in the problem's own notation."""

    printmethod = "_latex"  # SymPy objects' own LaTeX (∞, π, …) still applies

    def __init__(self, settings=None):
        settings = dict(settings or {})
        settings.setdefault("mul_symbol", None)
        settings.setdefault("mat_str", "bmatrix")
        settings.setdefault("mat_delim", "")
        super().__init__(settings)

    # -- atoms -----------------------------------------------------------------
    def _print_Symbol(self, expr, style="plain"):
        """A name as the answer reader spells an accent (hat{\\sigma}, tilde{y}) is the accent."""
        name = expr.name
        if name[:1] != "\\" and name.split("{", 1)[0] in _ACCENTS and name.endswith("}"):
            return "\\" + name
        return super()._print_Symbol(expr, style)

    def _print_Sum(self, expr):
        """A sum whose range the answer left to the problem (Σ_l e^{z_l}) as written."""
        if len(expr.limits) == 1 and str(expr.limits[0][2]) == "whole-range":
            body = self._print(expr.function)
            body = f"\\left({body}\\right)" if isinstance(expr.function, sp.Add) else body
            return f"\\sum_{{{self._print(expr.limits[0][0])}}} {body}"
        return super()._print_Sum(expr)

    def _print_Indexed(self, expr):
        parts = gradient_parts(str(expr.base.label))
        if parts:  # ∂L/∂y_j, an upstream gradient
            entry = self._print(sp.IndexedBase(parts[1])[expr.indices])
            return f"\\frac{{\\partial {parts[0]}}}{{\\partial {entry}}}"
        base = self._print(expr.base.label)
        idx = [self._print(i) for i in expr.indices]
        sep = "" if all(len(i) == 1 for i in idx) else ","
        if "_" in base:  # θ_1 indexed again: wrap so that subscripts do not clash
            base = "{" + base + "}"
        tex = f"{base}_{{{sep.join(idx)}}}"
        # h^{(t)}_k: braced whole, so that a power of it is no double superscript
        return "{" + tex + "}" if "^" in base else tex

    def _print_IndexedBase(self, expr):
        return self._print(expr.label)

    def _print_Function(self, expr, exp=None):
        name = str(expr.func)
        if name.startswith("nabla "):  # ∇f(θ): read from an answer
            f = self._print(sp.Symbol(name[len("nabla ") :]))
            args = ", ".join(self._print(a) for a in expr.args)
            tex = f"\\nabla {f}\\left({args}\\right)"
            return f"{tex}^{{{exp}}}" if exp else tex
        return super()._print_Function(expr, exp)

    def _print_KroneckerDelta(self, expr, exp=None):
        i, j = (self._print(a) for a in expr.args)
        sep = "" if len(i) == 1 and len(j) == 1 else ","
        tex = f"\\delta_{{{i}{sep}{j}}}"
        return f"{tex}^{{{exp}}}" if exp else tex

    def _needs_mul_brackets(self, expr, first=False, last=False) -> bool:
        if isinstance(expr, sp.Piecewise) and _is_bracket(expr) and expr.args[0].expr == 1:
            return False
        return super()._needs_mul_brackets(expr, first=first, last=last)

    def parenthesize(self, item, level, is_neg=False, strict=False):
        if isinstance(item, sp.Piecewise) and _is_bracket(item) and item.args[0].expr == 1:
            return self._print(item)  # [c] is already bracketed
        return super().parenthesize(item, level, is_neg=is_neg, strict=strict)

    def _print_Heaviside(self, expr, exp=None):
        """A step with its value at 0 stated, as an indicator: 1[a > 0] (the ReLU's
        derivative, 0 at 0), 1[n ≥ 0] (the unit step u(n)); with ½ at 0, SymPy's θ(a)."""
        at_zero = expr.args[1] if len(expr.args) > 1 else sp.S.Half
        if at_zero not in (0, 1):
            return super()._print_Heaviside(expr, exp)
        rel = ">" if at_zero == 0 else "\\ge"
        tex = f"\\mathbb{{1}}\\left[{self._print(expr.args[0])} {rel} 0\\right]"
        return f"{tex}^{{{exp}}}" if exp else tex

    def _print_Piecewise(self, expr):
        """An Iverson bracket [c] for Piecewise((1, c), (0, True)); v·[c] for (v, c)."""
        if _is_bracket(expr):
            value, cond = expr.args[0]
            bracket = f"\\left[{self._print(cond)}\\right]"
            if value == 1:
                return bracket
            from sympy.printing.precedence import PRECEDENCE

            return f"{self.parenthesize(value, PRECEDENCE['Mul'])} {bracket}"
        return super()._print_Piecewise(expr)

    def _print_sigmoid(self, expr, exp=None):
        tex = f"\\sigma\\left({self._print(expr.args[0])}\\right)"
        return f"{tex}^{{{exp}}}" if exp else tex

    # -- derivatives -------------------------------------------------------------
    def _prime(self, fexpr, point):
        """f'(point) for a one-argument named function."""
        name = "\\sigma" if isinstance(fexpr, sigmoid) else self._print(fexpr.func)
        return f"{name}'\\left({self._print(point)}\\right)"

    def _partial(self, num_tex: str, var_tex: str) -> str:
        return f"\\frac{{\\partial {num_tex}}}{{\\partial {var_tex}}}"

    def _print_Derivative(self, expr):
        if len(expr.variable_count) != 1 or expr.variable_count[0][1] != 1:
            return self._higher(expr)
        f, (v,) = expr.expr, expr.variables
        if _is_named_function(f) and len(f.args) == 1 and f.args[0] == v:
            return self._prime(f, v)
        return self._partial(self._print(f), self._print(v))

    def _higher(self, expr):
        """∂²L/∂w_i∂w_j, ∂³y/∂x³: the variables in the order the derivative names them."""
        counts = expr.variable_count
        if not all(c.is_Integer for _, c in counts):
            return super()._print_Derivative(expr)
        order = sum(int(c) for _, c in counts)
        below = " ".join(
            f"\\partial {self._power_base(self._print(v), c)}"
            + (f"^{{{int(c)}}}" if c != 1 else "")
            for v, c in counts
        )
        return f"\\frac{{\\partial^{{{order}}} {self._print(expr.expr)}}}{{{below}}}"

    @staticmethod
    def _power_base(v: str, count) -> str:
        """A variable raised to its count: σ² by itself twice is (σ²)², never σ^{2}^{2}."""
        return f"\\left({v}\\right)" if count != 1 and "^" in v else v

    def _print_Subs(self, expr):
        inner, variables, points = expr.args
        if (
            isinstance(inner, sp.Derivative)
            and len(variables) == 1
            and inner.variables == (variables[0],)
            and _is_named_function(inner.expr)
        ):
            f, point = inner.expr, points[0]
            if len(f.args) == 1:
                return self._prime(f, point)
            shown = f.xreplace({variables[0]: point})
            return self._partial(self._print(shown), self._print(point))
        return super()._print_Subs(expr)

    # -- products and sums in the order a person writes them ---------------------------
    def _print_Mul(self, expr):
        """Derivative factors first, outermost function first (∂f_3 ∂f_2 ∂f_1, σ' δ x);
        then σ(u) before (1 − σ(u)); then the rest in SymPy's order."""
        coeff, factors = expr.as_coeff_mul()
        entrywise = self._entrywise_mul(coeff, factors)
        if entrywise is not None:
            return entrywise
        derivs = sorted(
            (f for f in factors if _has_derivative(f)), key=_derivative_order, reverse=True
        )
        sigmas = sorted(
            (f for f in factors if f not in derivs and f.has(sigmoid)),
            key=lambda f: not isinstance(f, sigmoid),
        )
        if (
            not (derivs or sigmas)
            or (coeff.is_Rational and coeff.q != 1)
            or any(f.is_Pow and f.exp.is_negative for f in factors)
        ):
            return super()._print_Mul(expr)
        rest = [f for f in factors if f not in derivs and f not in sigmas]
        scalars = [f for f in rest if f.is_Symbol]  # a σ'(a w), γ σ'(…)
        rest = [f for f in rest if not f.is_Symbol]
        rest.sort(key=lambda f: not isinstance(f, sp.KroneckerDelta))  # δ_ik x_j
        from sympy.printing.precedence import PRECEDENCE

        parts = [
            self._print(f) if _is_derivative_factor(f) else self.parenthesize(f, PRECEDENCE["Mul"])
            for f in [*scalars, *derivs, *sigmas, *rest]
        ]
        sign = "- " if coeff < 0 else ""
        num = "" if abs(coeff) == 1 else self._print(abs(coeff)) + " "
        return sign + num + " ".join(parts)

    def _entrywise_mul(self, coeff, factors) -> str | None:
        """Inside f(vector) written out, factors that hold the vector multiply entry by
        entry: (h − 1) ∘ (h + 1), never (h − 1)(h + 1), which reads as a matrix product."""
        from sympy.printing.precedence import PRECEDENCE

        marks = getattr(self, "_entrywise", None)
        if not marks:
            return None
        vec = [f for f in factors if f.free_symbols & marks]
        if len(vec) < 2 or any(f.is_Pow and f.exp.is_negative for f in vec):
            return None
        other = [f for f in factors if f not in vec]
        head = " ".join(self.parenthesize(f, PRECEDENCE["Mul"]) for f in other)
        body = r" \circ ".join(self.parenthesize(f, PRECEDENCE["Mul"]) for f in vec)
        sign = "- " if coeff < 0 else ""
        num = "" if abs(coeff) == 1 else self._print(abs(coeff)) + " "
        return sign + num + (head + " " if head else "") + body

    def _print_Add(self, expr, order=None):
        """Positive terms before negative ones: ∂G/∂θ − ∂F/∂θ rather than −∂F/∂θ + ∂G/∂θ."""
        terms = list(self._as_ordered_terms(expr, order=order))
        if not any(_is_derivative_factor(a) for t in terms for a in sp.Mul.make_args(t)):
            return super()._print_Add(expr, order=order)
        terms.sort(key=lambda t: t.could_extract_minus_sign())
        tex = self._print(terms[0])
        for t in terms[1:]:
            if t.could_extract_minus_sign():
                tex += " - " + self.parenthesize(-t, 10)  # PRECEDENCE of Add
            else:
                tex += " + " + self._print(t)
        return tex

    # -- matrices ----------------------------------------------------------------
    def _print_JacobianSymbol(self, expr):
        if len(expr.args) == 3:  # ∂²L/∂w∂wᵀ
            a, b = self._print(expr.args[1]), self._print(expr.args[2])
            top = f"\\partial^{{2}} {self._print(expr.of)}"
            return f"\\frac{{{top}}}{{\\partial {a} \\partial {b}^{{T}}}}"
        return self._partial(self._print(expr.of), self._print(expr.wrt))

    def _print_MatMul(self, expr):
        from sympy.printing.precedence import PRECEDENCE

        args = list(expr.args)
        sign = ""
        first = args[0] if args else None
        if (
            first is not None
            and not first.is_Matrix
            and (
                (first.is_Number and first < 0)
                or (isinstance(first, sp.Mul) and first.could_extract_minus_sign())
            )
        ):  # −X⁻ᵀ a bᵀ X⁻ᵀ, not (−1) X⁻ᵀ …; −(1/S²) u uᵀ, not (−1/S²) u uᵀ
            sign, args[0] = "- ", -first
            if args[0] == 1:
                args = args[1:]
        parts = [self.parenthesize(a, PRECEDENCE["Mul"]) for a in args]
        first = args[0] if args else None
        if first is not None and (
            first.is_Number
            or (
                isinstance(first, sp.Mul)
                and not first.is_Matrix
                and first.could_extract_minus_sign() is False
            )
        ):  # ½ (…), not (½) (…); p (1 − p) x xᵀ, not (p (1 − p)) x xᵀ
            parts[0] = self._print(first)
        return sign + " ".join(parts)

    def _print_Inverse(self, expr):
        arg = expr.arg
        if isinstance(arg, sp.Transpose) and isinstance(arg.arg, sp.MatrixSymbol):
            return f"{self._print(arg.arg)}^{{-T}}"  # X⁻ᵀ
        if isinstance(arg, sp.MatrixSymbol):
            return f"{self._print(arg)}^{{-1}}"
        return f"\\left({self._print(arg)}\\right)^{{-1}}"

    def _print_Transpose(self, expr):
        arg = expr.arg
        if isinstance(arg, sp.Inverse) and isinstance(arg.arg, sp.MatrixSymbol):
            return f"{self._print(arg.arg)}^{{-T}}"
        return super()._print_Transpose(expr)

    def _print_DiagMatrix(self, expr):
        return f"\\operatorname{{diag}}\\left({self._print(expr.args[0])}\\right)"

    def _print_ElementwiseApplyFunction(self, expr):
        fn, arg = expr.function, expr.expr
        u = fn.variables[0]
        body = fn.expr
        # σ'(u) applied to a vector prints as σ'(ỹ); other bodies print with the vector put
        # in, and a product of its factors that hold the vector is entrywise: (h − 1) ∘ (h + 1)
        stand = sp.Symbol(self._print(arg))
        outer = getattr(self, "_entrywise", frozenset())
        self._entrywise = outer | {stand}
        try:
            return self._print(body.xreplace({u: stand}))
        finally:
            self._entrywise = outer

    def _print_BasisVector(self, expr):
        return f"e_{{{self._print(expr.args[0])}}}"

    def _print_Identity(self, expr):
        return f"I_{{{self._print(expr.rows)}}}"

    def _print_MatrixSymbol(self, expr):
        parts = gradient_parts(str(expr.name))
        if parts:  # ∂L/∂y, the upstream gradient as a vector
            return f"\\frac{{\\partial {parts[0]}}}{{\\partial {self._print(sp.Symbol(parts[1]))}}}"
        return self._print(sp.Symbol(expr.name))

    def _print_OneMatrix(self, expr):
        return "\\mathbf{1}"


def latex(expr, **settings) -> str:
    """LaTeX of ``expr`` in the course notation."""
    return NotationPrinter(settings).doprint(expr)


def equation(lhs, rhs) -> str:
    return f"{latex(lhs)} = {latex(rhs)}"


__all__ = ["BasisVector", "JacobianSymbol", "NotationPrinter", "equation", "latex"]
