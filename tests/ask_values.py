"""A printed matrix form evaluated with NumPy arrays: MatrixSymbols, Xᵀ, X⁻¹, ∘, the
entrywise functions (σ written out as 1/(1 + e^{−u}), its derivative by SymPy), sums over
entries and 1 × 1 products read as numbers. Used to hold ``ask`` results to references
computed elsewhere (autograd, hand-written NumPy); nothing here comes from symderiv."""

import numpy as np
import sympy as sp


def _entry(arrays, q):
    a = np.asarray(arrays[str(q.base.label)], dtype=float)
    idx = tuple(int(k) - 1 for k in q.indices)
    return sp.Float(float(a.reshape(-1)[idx[0]] if len(idx) == 1 else a[idx]))


def matrix_value(expr, sizes: dict, arrays: dict) -> np.ndarray:
    """``expr`` at these sizes ({Symbol: int}) and arrays ({name: ndarray or float}), as a
    2-D array (a scalar as 1 × 1)."""
    e = sp.sympify(expr).xreplace(sizes)
    subs = {}
    for s in e.atoms(sp.MatrixSymbol):  # first: a sum over entries of X⁻¹ is then numbers
        shape = tuple(int(k) for k in s.shape)
        subs[s] = sp.Matrix(np.asarray(arrays[s.name], dtype=float).reshape(shape))
    e = e.xreplace(subs)
    e = e.replace(lambda q: isinstance(q, sp.Sum), lambda q: q.doit())
    e = e.replace(lambda q: isinstance(q, sp.Indexed), lambda q: _entry(arrays, q))
    subs = {}
    for s in e.atoms(sp.Symbol):
        if s.name in arrays:
            subs[s] = sp.Float(float(np.asarray(arrays[s.name]).reshape(-1)[0]))
    e = e.xreplace(subs)
    e = e.replace(lambda q: isinstance(q, sp.Identity), lambda q: sp.eye(int(q.rows)))
    e = e.replace(
        lambda q: isinstance(q, sp.OneMatrix), lambda q: sp.ones(*[int(k) for k in q.shape])
    )
    e = e.replace(  # (1ᵀy) p: a 1 × 1 product read as a number
        lambda q: type(q).__name__ == "Scalar", lambda q: sp.Matrix(q.args[0].doit())[0, 0]
    )
    e = e.doit()
    e = e.as_explicit() if isinstance(e, sp.MatrixExpr) else e
    e = e.replace(
        lambda q: type(q).__name__ == "sigmoid", lambda q: 1 / (1 + sp.exp(-q.args[0]))
    ).doit()
    if hasattr(e, "applyfunc"):
        e = e.applyfunc(lambda q: q.doit())
        return np.array(sp.N(e, 20).tolist(), dtype=float)
    return np.array([[float(sp.N(e, 20))]])
