from common import *
# p = sigma(Xw), L = -y^T log p - (1-y)^T log(1-p) ; X m x n
for (m, n) in [(5, 3), (7, 4)]:
    for seed in [0, 1]:
        rng = np.random.default_rng(seed); lab = f"m={m},n={n},seed={seed}"
        X, w = draw(rng, m, n) - (1.0 if seed == 1 else 0.0), draw(rng, n)   # seed 1: shifted so p is not saturated
        y = rng.integers(0, 2, m).astype(float) if seed == 1 else draw(rng, m)
        L = lambda w: -y @ anp.log(sig(X @ w)) - (1 - y) @ anp.log(1 - sig(X @ w))
        p = sig(X @ w)
        # tool: X^T (p - y) ; X^T diag(p o (1-p)) X
        compare("grad", grad(L)(w), X.T @ (p - y), lab)
        compare("hess", hessian(L)(w), X.T @ np.diag(p * (1 - p)) @ X, lab)
summary("t2_hess_logreg")
