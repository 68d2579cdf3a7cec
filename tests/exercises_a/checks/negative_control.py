# Negative control: the comparison must flag plausible wrong answers.
from common import *
r = np.random.RandomState(7); n = 5
x, gamma, beta, t, eps = U(r, n), U(r, n), U(r, n), U(r, n), U(r)
mu = x.mean(); v = ((x - mu) ** 2).mean(); xh = (x - mu) / np.sqrt(v + eps)
J = jacobian(lambda x: (x - x.mean()) / np.sqrt(((x - x.mean()) ** 2).mean() + eps))(x)
compare("LN Jacobian with '1' read as identity (should MISMATCH)", J,
        (1 / np.sqrt(eps + v)) * (-(1 / n) * (np.outer(xh, xh) + np.eye(n)) + np.eye(n)))
W = U(r, 3, 4); xx = U(r, 4); b = U(r, 3); tt = U(r, 3)
L = lambda W: 0.5 * np.sum((sig(W @ xx + b) - tt) ** 2)
h = sig(W @ xx + b)
compare("sigmoid layer without sigma' (should MISMATCH)", grad(L)(W), np.outer(h - tt, xx))
bad = [ok for _, ok in RESULTS]
print("negative control works" if not any(bad) else "NEGATIVE CONTROL FAILED")
