"""Whole vectors an answer writes by an operation that is not entrywise: the softmax of a
vector, softmax(z) (its entry k is e^{z_k}/Σ_l e^{z_l}); the checker evaluates it as a
whole, never entry by entry as it does σ(z)."""

from __future__ import annotations

import sympy as sp

from ...spec import Shown


class SoftmaxOf(Shown, sp.Function):
    """softmax(z) of a whole vector z (an IndexedBase), read where the problem names no
    quantity for it."""

    nargs = 1

    def _tex(self, printer):
        return rf"\operatorname{{softmax}}\left({printer._print(self.args[0])}\right)"


def softmax_vector(v):
    """The explicit softmax of an explicit column (or row) ``v``."""
    exps = v.applyfunc(sp.exp)
    return exps / sum(exps)
