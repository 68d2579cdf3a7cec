# Shared helpers for the hand checks (NumPy/autograd only; symderiv is never imported).
import autograd.numpy as anp
import numpy as np
from autograd import grad, jacobian, hessian

RESULTS = {}

def draw(rng, *shape):
    """Entries uniform in [0.5, 1.5]."""
    return rng.uniform(0.5, 1.5, size=shape)

def sig(u):
    return 1.0 / (1.0 + anp.exp(-u))

def softmax(u):
    e = anp.exp(u - anp.max(u))
    return e / anp.sum(e)

def relu(u):
    return anp.maximum(0.0, u)

def ind(u):
    return (u > 0).astype(float)

def compare(target, ref, tool, label=""):
    ref = np.asarray(ref, float); tool = np.asarray(tool, float)
    assert ref.shape == tool.shape, (target, ref.shape, tool.shape)
    err = np.max(np.abs(ref - tool)) / max(1.0, np.max(np.abs(ref)))
    RESULTS.setdefault(target, []).append((label, err))

def summary(ex_id, tol=1e-8):
    print(ex_id)
    verdicts = {}
    for t, lst in RESULTS.items():
        worst = max(e for _, e in lst)
        v = "correct" if worst < tol else "WRONG"
        verdicts[t] = v
        print(f"  {t}: {len(lst)} evaluations, worst rel. error {worst:.2e} -> {v}")
        for lab, e in lst:
            print(f"      {lab}: {e:.2e}")
    return verdicts
