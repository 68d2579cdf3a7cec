"""The few matrix expressions that matrix-form results need, beyond SymPy's own."""

from __future__ import annotations

import sympy as sp
from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction
from sympy.matrices.expressions.diagonal import DiagMatrix

__all__ = ["BasisVector", "DiagMatrix", "ElementwiseApplyFunction", "JacobianSymbol"]


class BasisVector(sp.MatrixExpr):
    """e_k ∈ R^size, the k-th standard basis column vector (k counts from 1)."""

    def __new__(cls, k, size):
        return sp.Basic.__new__(cls, sp.sympify(k), sp.sympify(size))

    @property
    def shape(self):
        return (self.args[1], sp.S.One)

    def _entry(self, i, j, **kwargs):
        return sp.KroneckerDelta(i + 1, self.args[0])


class JacobianSymbol(sp.Basic):
    """A display name for a matrix of derivatives: ∂y/∂x, ∂y_k/∂W (not a value)."""

    def __new__(cls, of, wrt, *also):  # also: a second variable (a Hessian ∂²L/∂w∂wᵀ)
        return sp.Basic.__new__(cls, of, wrt, *also)

    @property
    def of(self):
        return self.args[0]

    @property
    def wrt(self):
        return self.args[1]
