"""Shared helpers for checking symderiv results against autograd.

Entries are drawn uniformly in [0.5, 1.5]; square matrices meant to be
invertible get n*I added by the caller.
"""
import autograd.numpy as np
from autograd import grad, jacobian, hessian

def U(rng, *shape):
    return rng.uniform(0.5, 1.5, size=shape)

def sig(z):
    return 1.0 / (1.0 + np.exp(-z))

def softmax(z):
    e = np.exp(z - np.max(z))
    return e / np.sum(e)

RESULTS = []

def compare(label, ref, tool, tol=1e-8):
    ref = np.asarray(ref, dtype=float); tool = np.asarray(tool, dtype=float)
    if ref.shape != tool.shape:
        ok = False; err = float('nan')
        print(f"  {label}: SHAPE MISMATCH ref {ref.shape} vs tool {tool.shape}")
    else:
        err = float(np.max(np.abs(ref - tool)) / (1 + np.max(np.abs(ref))))
        ok = err < tol
        print(f"  {label}: rel err {err:.2e} {'OK' if ok else 'MISMATCH'}")
    RESULTS.append((label, ok))
    return ok

def summary():
    bad = [l for l, ok in RESULTS if not ok]
    print("ALL OK" if not bad else "FAILURES: " + ", ".join(bad))
