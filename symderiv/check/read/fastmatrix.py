"""The matrices of :mod:`.fastparse`, built as ``latex2sympy2_extended``'s grammar builds them:
a whole answer that is one matrix, and juxtaposed factors around matrices (``x_j [⋯]``,
``W [⋯]``), a ``MatMul`` to the grammar. A matrix anywhere else (a sum, a power, a quotient)
is left to the grammar's own rules.
"""

from __future__ import annotations

import re

import sympy as sp

from .fastlex import MATRIX_MARK, Unsupported

WHOLE = re.compile(r"\\begin\{(bmatrix|pmatrix|matrix)\}(.*)\\end\{\1\}", re.S)
_BLOCK = re.compile(r"\\begin\{(bmatrix|pmatrix|matrix)\}(.*?)\\end\{\1\}", re.S)


def whole(text: str, read):
    """A whole answer that is one matrix: ``sympy.Matrix`` of its entries, each ``read`` as an
    expression (rows split at ``\\\\``, one trailing allowed)."""
    m = WHOLE.fullmatch(text)
    if m is None or "\\begin" in m.group(2) or "\\&" in m.group(2):
        raise Unsupported("not one plain matrix")
    rows = re.split(r"\\\\", m.group(2))
    if len(rows) > 1 and not rows[-1].strip():
        rows.pop()
    table = [[read(entry) for entry in row.split("&")] for row in rows]
    if len({len(r) for r in table}) != 1 or not all(
        isinstance(e, sp.Expr) for r in table for e in r
    ):
        raise Unsupported("ragged rows or an entry that is no expression")
    return sp.Matrix(table)


def take_out(text: str, matrices: list, read) -> str:
    """``text`` with each matrix environment read (appended to ``matrices``) and replaced by
    its mark, which the lexer makes one "matrix" token."""

    def mark(m) -> str:
        matrices.append(sp.ImmutableMatrix(whole(m.group(), read)))
        return " " + chr(ord(MATRIX_MARK) + len(matrices) - 1) + " "

    out = _BLOCK.sub(mark, text)
    if "\\begin" in out or len(matrices) > 256:
        raise Unsupported("an environment other than a plain matrix")
    return out


def factors(e) -> tuple:
    return e.args if getattr(e, "is_MatMul", False) else (e,)


def product(lh, rh):
    """Two juxtaposed factors, one a matrix: the grammar's flattened, unevaluated MatMul."""
    return sp.MatMul(*factors(lh), *factors(rh), evaluate=False)


def plain_product(out, matrices: list):
    """``out`` if it is a product of juxtaposed factors, matrices among them, and no matrix
    inside any other factor; else :class:`Unsupported` (the grammar reads the rest)."""
    parts = factors(out)
    is_matrix = [any(f is m for m in matrices) for f in parts]
    if not any(is_matrix) or any(_has_matrix(f) for f, m in zip(parts, is_matrix) if not m):
        raise Unsupported("a matrix inside an operation other than a product")
    return out


def _has_matrix(e) -> bool:
    return any(getattr(a, "is_Matrix", False) for a in sp.preorder_traversal(e))
